#include "runsdotplot.h"

#include "measurementformat.h"
#include "runstatistics.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

using Side = MeasurementRun::Side;

std::optional<double> medianOf(const QList<MeasurementRun> &runs, Side side)
{
    std::vector<double> durations;
    for (const MeasurementRun &run : runs)
        if (run.side == side)
            durations.push_back(run.durationMs);
    return RunStatistics::median(durations);
}

// The smallest "nice" step (1, 2 or 5 × 10^k) that divides `span` into at most `count` parts.
double niceStep(double span, int count)
{
    if (span <= 0)
        return 1;
    const double raw = span / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0})
        if (factor * magnitude >= raw)
            return factor * magnitude;
    return 10 * magnitude;
}

} // namespace

RunsDotPlot::RunsDotPlot(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize RunsDotPlot::sizeHint() const
{
    return {320, fontMetrics().height() * 11};
}

QSize RunsDotPlot::minimumSizeHint() const
{
    return {220, fontMetrics().height() * 11};
}

QColor RunsDotPlot::sideColor(Side side, const QPalette &palette)
{
    const bool dark = MeasurementFormat::isDark(palette);
    // Blue and orange: told apart with every common kind of colour blindness; the shapes differ too.
    if (side == Side::Before)
        return dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1f, 0x5f, 0xae);
    return dark ? QColor(0xff, 0xb3, 0x66) : QColor(0xd0, 0x62, 0x00);
}

void RunsDotPlot::setRuns(const QList<MeasurementRun> &runs)
{
    m_runs.clear();
    m_unplaced = 0;
    for (const MeasurementRun &run : runs) {
        if (run.startedAt && run.startedAt->isValid())
            m_runs << run;
        else
            ++m_unplaced;
    }
    m_medianBefore = medianOf(m_runs, Side::Before);
    m_medianAfter = medianOf(m_runs, Side::After);
    update();
}

void RunsDotPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics metrics = fontMetrics();
    const QColor axis = pal.color(QPalette::PlaceholderText);
    if (m_runs.isEmpty()) {
        painter.setPen(axis);
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No runs with a start time to plot"));
        return;
    }

    // The ranges: time from the first to the last start, durations from 0 (a dot's height
    // then reads as its share of the slowest run).
    qint64 first = m_runs.first().startedAt->toMSecsSinceEpoch(), last = first;
    double slowest = 0;
    for (const MeasurementRun &run : m_runs) {
        const qint64 at = run.startedAt->toMSecsSinceEpoch();
        first = std::min(first, at);
        last = std::max(last, at);
        slowest = std::max(slowest, run.durationMs);
    }
    if (last == first) { // one instant: a minute either side
        first -= 60000;
        last += 60000;
    }
    const double step = niceStep(slowest > 0 ? slowest : 1, 4);
    const double top = std::max(step, std::ceil(slowest / step) * step);

    // Y labels on the left, two date labels below.
    // The zero line reads "0": "0 ms" under seconds would look like another unit.
    const auto yLabel = [](double value) {
        return value == 0 ? QLocale().toString(0) : MeasurementFormat::duration(value);
    };
    int labelWidth = 0;
    for (double value = 0; value <= top + step / 2; value += step)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(yLabel(value)));
    const QRectF plot = QRectF(rect()).adjusted(labelWidth + 8, metrics.height() / 2.0 + 2, -8,
                                                -(metrics.height() + 6));
    // The first and last runs sit a dot's width inside the frame, not on its edges.
    const qreal inset = 7;
    const auto xOf = [&](qint64 ms) {
        return plot.left() + inset + (plot.width() - 2 * inset) * double(ms - first) / double(last - first);
    };
    const auto yOf = [&](double duration) { return plot.bottom() - plot.height() * duration / top; };

    painter.setPen(axis);
    for (double value = 0; value <= top + step / 2; value += step) {
        const qreal y = yOf(value);
        painter.setPen(QPen(axis, 0, value == 0 ? Qt::SolidLine : Qt::DotLine));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(axis);
        painter.drawText(QRectF(0, y - metrics.height() / 2.0, labelWidth + 2, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, yLabel(value));
    }
    const QLocale locale;
    // The locale's short date with the year in four digits, as the rest of the window writes it.
    QString dateFormat = locale.dateFormat(QLocale::ShortFormat);
    if (!dateFormat.contains(QLatin1String("yyyy")))
        dateFormat.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    const auto dateText = [&locale, &dateFormat](qint64 ms) {
        return locale.toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime().date(), dateFormat);
    };
    const QRectF below(plot.left(), plot.bottom() + 3, plot.width(), metrics.height());
    painter.setPen(axis);
    painter.drawText(below, Qt::AlignLeft | Qt::AlignTop, dateText(first));
    painter.drawText(below, Qt::AlignRight | Qt::AlignTop, dateText(last));

    // Each side's median across the time its runs span, under the dots.
    for (const Side side : {Side::Before, Side::After}) {
        const std::optional<double> median = side == Side::Before ? m_medianBefore : m_medianAfter;
        if (!median)
            continue;
        qint64 from = last, to = first;
        for (const MeasurementRun &run : m_runs) {
            if (run.side != side)
                continue;
            from = std::min(from, run.startedAt->toMSecsSinceEpoch());
            to = std::max(to, run.startedAt->toMSecsSinceEpoch());
        }
        const qreal y = yOf(*median);
        const qreal left = std::max(plot.left(), xOf(from) - 8), right = std::min(plot.right(), xOf(to) + 8);
        painter.setPen(QPen(sideColor(side, pal), 2, Qt::DashLine, Qt::FlatCap));
        painter.drawLine(QPointF(left, y), QPointF(right, y));
    }

    // Dots: before as circles, after as diamonds, so that they read without colour too.
    const qreal radius = m_runs.size() > 200 ? 2.5 : 3.5;
    for (const MeasurementRun &run : m_runs) {
        const QPointF at(xOf(run.startedAt->toMSecsSinceEpoch()), yOf(run.durationMs));
        const QColor colour = sideColor(run.side, pal);
        painter.setPen(QPen(pal.color(QPalette::Base), 0.8));
        painter.setBrush(colour);
        if (run.side == Side::Before) {
            painter.drawEllipse(at, radius, radius);
        } else {
            const qreal r = radius * 1.25;
            QPainterPath diamond;
            diamond.moveTo(at + QPointF(0, -r));
            diamond.lineTo(at + QPointF(r, 0));
            diamond.lineTo(at + QPointF(0, r));
            diamond.lineTo(at + QPointF(-r, 0));
            diamond.closeSubpath();
            painter.drawPath(diamond);
        }
    }
}
