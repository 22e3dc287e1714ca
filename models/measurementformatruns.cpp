// How SPEC §5's numbers from runs read on screen: the verdict as a word, a colour and a shape,
// the interval, the p-value and the numbers of runs. The expectation (the estimate judged) is in
// measurementformat.cpp; its shapes (tick, triangle, diamond, clock) are not reused here, so
// that the two columns never look alike.

#include "measurementformat.h"

#include <QCoreApplication>
#include <QIconEngine>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <cmath>

namespace MeasurementFormat {
namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MeasurementFormat)
};

using Verdict = RunStatistics::Verdict;

QColor iconColor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Improved: return QColor(0x2e, 0x9d, 0x4f);
    case Verdict::NoChange: return QColor(0x4f, 0x7c, 0xac);
    case Verdict::Regressed: return QColor(0xd9, 0x36, 0x3e);
    case Verdict::InsufficientRuns: return QColor(0x8a, 0x8f, 0x98);
    }
    return {};
}

// A rounded square holding an upward arrow (improved: faster), an equals sign (no change) or a
// downward arrow (regressed); insufficient runs is the square's outline, dashed, with an
// ellipsis: too little to say.
class RunVerdictIconEngine : public QIconEngine
{
public:
    explicit RunVerdictIconEngine(Verdict verdict) : m_verdict(verdict) {}

    QIconEngine *clone() const override { return new RunVerdictIconEngine(m_verdict); }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap result(size);
        result.fill(Qt::transparent);
        QPainter painter(&result);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return result;
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        const QRectF box(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2,
                         side, side);
        const QRectF inner = box.adjusted(side * 0.08, side * 0.08, -side * 0.08, -side * 0.08);
        const qreal radius = side * 0.2;
        QColor fill = iconColor(m_verdict);
        if (mode == QIcon::Disabled)
            fill.setAlphaF(0.4);
        const QPen mark(Qt::white, std::max<qreal>(1.5, side * 0.13), Qt::SolidLine, Qt::RoundCap,
                        Qt::RoundJoin);
        const auto at = [&inner](qreal x, qreal y) {
            return QPointF(inner.x() + x * inner.width(), inner.y() + y * inner.height());
        };
        if (m_verdict == Verdict::InsufficientRuns) {
            const qreal width = std::max<qreal>(1.2, side * 0.09);
            painter->setPen(QPen(fill, width, Qt::DashLine));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(inner.adjusted(width / 2, width / 2, -width / 2, -width / 2), radius,
                                     radius);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            const qreal dot = std::max<qreal>(1.5, side * 0.12);
            for (const qreal x : {0.27, 0.5, 0.73})
                painter->drawEllipse(at(x, 0.55), dot / 2, dot / 2);
            painter->restore();
            return;
        }
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(inner, radius, radius);
        painter->setPen(mark);
        painter->setBrush(Qt::NoBrush);
        switch (m_verdict) {
        case Verdict::Improved: {
            painter->drawLine(at(0.5, 0.75), at(0.5, 0.27));
            const QPointF head[] = {at(0.3, 0.46), at(0.5, 0.26), at(0.7, 0.46)};
            painter->drawPolyline(head, 3);
            break;
        }
        case Verdict::Regressed: {
            painter->drawLine(at(0.5, 0.25), at(0.5, 0.73));
            const QPointF head[] = {at(0.3, 0.54), at(0.5, 0.74), at(0.7, 0.54)};
            painter->drawPolyline(head, 3);
            break;
        }
        case Verdict::NoChange:
            painter->drawLine(at(0.27, 0.38), at(0.73, 0.38));
            painter->drawLine(at(0.27, 0.62), at(0.73, 0.62));
            break;
        case Verdict::InsufficientRuns: break;
        }
        painter->restore();
    }

private:
    Verdict m_verdict;
};

} // namespace

QString runVerdictName(RunStatistics::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Improved: return Text::tr("Improved");
    case Verdict::NoChange: return Text::tr("No change");
    case Verdict::Regressed: return Text::tr("Regressed");
    case Verdict::InsufficientRuns: return Text::tr("Insufficient runs");
    }
    return {};
}

QString runVerdictPhrase(RunStatistics::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Improved: return Text::tr("improved");
    case Verdict::NoChange: return Text::tr("no change");
    case Verdict::Regressed: return Text::tr("regressed");
    case Verdict::InsufficientRuns: return Text::tr("insufficient runs");
    }
    return {};
}

QString runVerdictDescription(RunStatistics::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Improved:
        return Text::tr("Proven faster: the whole 95 % interval of the improvement is above 0 %.");
    case Verdict::NoChange:
        return Text::tr("Not proven either way: the 95 % interval of the improvement includes 0 %, so "
                        "the difference may be run-to-run noise.");
    case Verdict::Regressed:
        return Text::tr("Proven slower: the whole 95 % interval of the improvement is below 0 %.");
    case Verdict::InsufficientRuns:
        return Text::tr("Too few runs for a verdict: with so few, no result could be told from noise "
                        "(p < 0.05 is out of reach). Include other runs of the same queries to get one.");
    }
    return {};
}

QIcon runVerdictIcon(RunStatistics::Verdict verdict)
{
    return QIcon(new RunVerdictIconEngine(verdict));
}

QColor runVerdictColor(RunStatistics::Verdict verdict, const QPalette &palette)
{
    switch (verdict) {
    case Verdict::Improved: return verdictColor(Improvement::Verdict::Met, palette);
    case Verdict::Regressed: return verdictColor(Improvement::Verdict::Regression, palette);
    case Verdict::NoChange: return isDark(palette) ? QColor(0x9c, 0xc3, 0xf0) : QColor(0x2f, 0x5d, 0x8c);
    case Verdict::InsufficientRuns: return palette.color(QPalette::PlaceholderText);
    }
    return {};
}

QString interval(const std::optional<double> &lowPct, const std::optional<double> &highPct)
{
    if (!lowPct || !highPct)
        return {};
    return Text::tr("%1 … %2 %").arg(oneDecimalNumber(*lowPct), oneDecimalNumber(*highPct));
}

QString pValue(double p)
{
    const QLocale locale;
    if (p < 0.00005)
        return Text::tr("p < %1").arg(locale.toString(0.0001, 'f', 4));
    QString text = locale.toString(p, 'f', 4);
    // Trailing zeros say nothing: 0.2500 reads as 0.25; one decimal stays ("1.0").
    const QString point = locale.decimalPoint();
    const qsizetype decimals = text.indexOf(point);
    if (decimals >= 0) {
        while (text.endsWith(locale.zeroDigit()) && text.size() > decimals + point.size() + 1)
            text.chop(locale.zeroDigit().size());
    }
    return Text::tr("p = %1").arg(text);
}

QString runs(const std::optional<int> &before, const std::optional<int> &after)
{
    if (!before || !after)
        return {};
    return Text::tr("%1 / %2").arg(count(*before), count(*after));
}

} // namespace MeasurementFormat
