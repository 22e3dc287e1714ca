#include "scatterplot.h"

#include "chartexport.h"
#include "scattercloud.h"
#include "verdictcolors.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace {
constexpr int GridCell = 8;     // pixels per hit-test cell
constexpr qreal HitRadius = 6.0; // pixels
constexpr double ActualFloor = ScatterCloud::Mapping::ActualFloor;

} // namespace

ScatterPlot::ScatterPlot(QWidget *parent) : QWidget(parent)
{
    setWindowTitle(tr("Estimated vs actual"));
    setMouseTracking(true);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setMinimumSize(360, 260);
    setFocusPolicy(Qt::StrongFocus); // Tab reaches it; the menu key opens its export
    ChartExport::addExportAction(this);
}

void ScatterPlot::setPoints(DashboardStatistics::Points points, double tolerancePct, std::optional<double> settingPct)
{
    m_points = std::move(points);
    m_tolerancePct = tolerancePct;
    m_settingTolerancePct = settingPct;
    m_counts = {};
    m_minEstimate = 0;
    m_maxEstimate = 100;
    m_withoutEstimate = 0;
    m_insufficientRuns = 0;
    m_withInterval = 0;
    double lowestActual = 0;
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        ++m_counts[size_t(m_points.verdicts.at(i))];
        if (m_points.hasInsufficientRuns(i))
            ++m_insufficientRuns;
        if (m_points.hasInterval(i)) {
            ++m_withInterval;
            lowestActual = std::min(lowestActual, double(m_points.intervalLow.at(i)));
        }
        if (m_points.hasEstimate(i))
            m_minEstimate = std::min(m_minEstimate, double(m_points.estimated.at(i)));
        else
            ++m_withoutEstimate;
        lowestActual = std::min(lowestActual, double(m_points.actual.at(i)));
    }
    m_minEstimate = std::floor(m_minEstimate / 10) * 10;
    // The y axis reaches as far down as the worst regression or interval (in steps of 20, at most to the
    // floor at −100, at least to −20 so that the regression zone shows).
    m_minActual = std::clamp(std::floor(lowestActual / 20) * 20, ActualFloor, -20.0);
    m_cloud = QImage();
    m_gridArea = QRectF();
    update();
}

QRectF ScatterPlot::plotArea() const
{
    const QFontMetrics metrics(font());
    qreal left = metrics.horizontalAdvance(QStringLiteral("−100")) + metrics.height() * 2 + 8;
    if (m_withoutEstimate > 0)
        left += noEstimateWidth() + noEstimateGap();
    const qreal top = metrics.height() * 2.6;
    const qreal bottom = metrics.height() * (2.9 + 1.3 * legendRows(width()));
    const qreal right = 16;
    return QRectF(left, top, std::max<qreal>(10, width() - left - right), std::max<qreal>(10, height() - top - bottom));
}

QPointF ScatterPlot::toWidget(double estimated, double actual) const
{
    return toWidget(plotArea(), estimated, actual);
}

qreal ScatterPlot::noEstimateWidth() const
{
    return QFontMetrics(font()).horizontalAdvance(tr("no estimate")) + 8;
}

qreal ScatterPlot::noEstimateGap() const
{
    return QFontMetrics(font()).height();
}

QRectF ScatterPlot::noEstimateArea() const
{
    if (m_withoutEstimate == 0)
        return {};
    const QRectF area = plotArea();
    return QRectF(area.left() - noEstimateGap() - noEstimateWidth(), area.top(), noEstimateWidth(), area.height());
}

QPointF ScatterPlot::toWidget(const QRectF &area, double estimated, double actual) const
{
    return mapping(area).map(estimated, actual);
}

ScatterCloud::Mapping ScatterPlot::mapping(const QRectF &area) const
{
    ScatterCloud::Mapping mapping;
    mapping.area = area;
    mapping.minEstimate = m_minEstimate;
    mapping.maxEstimate = m_maxEstimate;
    mapping.minActual = m_minActual;
    mapping.maxActual = m_maxActual;
    mapping.noEstimateX = area.left() - noEstimateGap() - noEstimateWidth() / 2;
    return mapping;
}

QList<QLineF> ScatterPlot::intervalBars() const
{
    return ScatterCloud::intervalBars(m_points, mapping(plotArea()));
}

void ScatterPlot::buildGrid() const
{
    // A counting sort of the points by cell: count, prefix sums, place. The grid covers the
    // points' whole frame, the column of those without an estimate included. One mapping for
    // all points: making it measures text.
    const ScatterCloud::Mapping map = mapping(plotArea());
    const QRectF frame = pointsFrame();
    m_gridColumns = int(frame.width() / GridCell) + 1;
    m_gridRows = int(frame.height() / GridCell) + 1;
    const qsizetype cells = qsizetype(m_gridColumns) * m_gridRows;
    QList<qsizetype> cellOf(m_points.size());
    m_gridStart = QList<qsizetype>(cells + 1, 0);
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        const QPointF p = map.map(m_points.estimated.at(i), m_points.actual.at(i)) - frame.topLeft();
        const int column = std::clamp(int(p.x() / GridCell), 0, m_gridColumns - 1);
        const int row = std::clamp(int(p.y() / GridCell), 0, m_gridRows - 1);
        cellOf[i] = qsizetype(row) * m_gridColumns + column;
        ++m_gridStart[cellOf[i] + 1];
    }
    for (qsizetype cell = 0; cell < cells; ++cell)
        m_gridStart[cell + 1] += m_gridStart[cell];
    m_gridPoints = QList<qsizetype>(m_points.size());
    QList<qsizetype> next(m_gridStart.cbegin(), m_gridStart.cend() - 1);
    for (qsizetype i = 0; i < m_points.size(); ++i)
        m_gridPoints[next[cellOf[i]]++] = i;
    m_gridArea = frame;
}

QRectF ScatterPlot::pointsFrame() const
{
    return m_withoutEstimate > 0 ? plotArea().united(noEstimateArea()) : plotArea();
}

qsizetype ScatterPlot::pointAt(const QPointF &position) const
{
    const ScatterCloud::Mapping map = mapping(plotArea());
    const QRectF frame = pointsFrame();
    if (!frame.adjusted(-HitRadius, -HitRadius, HitRadius, HitRadius).contains(position) || m_points.size() == 0)
        return -1;
    if (m_gridArea != frame)
        buildGrid();
    const QPointF local = position - frame.topLeft();
    const int column = int(local.x() / GridCell), row = int(local.y() / GridCell);
    qsizetype best = -1;
    qreal bestDistance = HitRadius * HitRadius;
    for (int r = row - 1; r <= row + 1; ++r) {
        for (int c = column - 1; c <= column + 1; ++c) {
            if (r < 0 || c < 0 || r >= m_gridRows || c >= m_gridColumns)
                continue;
            const qsizetype cell = qsizetype(r) * m_gridColumns + c;
            for (qsizetype at = m_gridStart.at(cell); at < m_gridStart.at(cell + 1); ++at) {
                const qsizetype index = m_gridPoints.at(at);
                const QPointF delta = map.map(m_points.estimated.at(index), m_points.actual.at(index)) - position;
                const qreal distance = QPointF::dotProduct(delta, delta);
                if (distance <= bestDistance) {
                    bestDistance = distance;
                    best = index;
                }
            }
        }
    }
    return best;
}

void ScatterPlot::drawAxes(QPainter &painter) const
{
    const QRectF area = plotArea();
    const QColor text = palette().color(QPalette::Text);
    QColor grid = text;
    grid.setAlphaF(0.15);
    const QFontMetrics metrics(font());
    const QLocale locale;

    // Tolerance band: where actual ≥ estimated − tolerance (a met estimate, if not a regression).
    QPainterPath band;
    band.moveTo(toWidget(m_minEstimate, m_minEstimate - m_tolerancePct));
    band.lineTo(toWidget(m_maxEstimate, m_maxEstimate - m_tolerancePct));
    band.lineTo(toWidget(m_maxEstimate, m_maxActual));
    band.lineTo(toWidget(m_minEstimate, m_maxActual));
    band.closeSubpath();
    // Washes of the data colours: on a dark background they need more opacity to show.
    const bool dark = palette().color(QPalette::Base).lightnessF() < 0.5;
    QColor bandColor = VerdictColors::met();
    bandColor.setAlphaF(dark ? 0.22 : 0.10);
    painter.save();
    painter.setClipRect(area);
    painter.fillPath(band, bandColor);
    // The regression zone below 0 %.
    QColor regressionZone = VerdictColors::regression();
    regressionZone.setAlphaF(dark ? 0.12 : 0.06);
    painter.fillRect(QRectF(toWidget(m_minEstimate, 0), toWidget(m_maxEstimate, m_minActual)), regressionZone);
    painter.restore();

    painter.setPen(QPen(grid, 1));
    for (int value = int(m_minEstimate); value <= int(m_maxEstimate); value += 10) {
        const QPointF at = toWidget(value, m_minActual);
        painter.drawLine(QPointF(at.x(), area.top()), QPointF(at.x(), area.bottom()));
    }
    for (int value = int(m_minActual); value <= int(m_maxActual); value += 20) {
        const QPointF at = toWidget(m_minEstimate, value);
        painter.drawLine(QPointF(area.left(), at.y()), QPointF(area.right(), at.y()));
    }
    painter.setPen(text);
    for (int value = int(m_minEstimate); value <= int(m_maxEstimate); value += 10) {
        const QPointF at = toWidget(value, m_minActual);
        const QString label = locale.toString(value);
        painter.drawText(QPointF(at.x() - metrics.horizontalAdvance(label) / 2.0, area.bottom() + metrics.height()), label);
    }
    for (int value = int(m_minActual); value <= int(m_maxActual); value += 20) {
        const QPointF at = toWidget(m_minEstimate, value);
        const QString label = value == int(ActualFloor) ? tr("≤ %1").arg(locale.toString(value)) : locale.toString(value);
        // Left of the no-estimate column, when there is one.
        painter.drawText(QPointF(pointsFrame().left() - metrics.horizontalAdvance(label) - 6,
                                 at.y() + metrics.ascent() / 2.0),
                         label);
    }
    painter.drawRect(area);
    if (m_withoutEstimate > 0) {
        const QRectF strip = noEstimateArea();
        painter.setPen(QPen(grid, 1));
        for (int value = int(m_minActual); value <= int(m_maxActual); value += 20) {
            const qreal y = toWidget(m_minEstimate, value).y();
            painter.drawLine(QPointF(strip.left(), y), QPointF(strip.right(), y));
        }
        painter.setPen(text);
        painter.drawRect(strip);
        painter.drawText(QRectF(strip.left() - 4, strip.bottom() + 2, strip.width() + 8, metrics.height()),
                         Qt::AlignHCenter | Qt::AlignTop, tr("no estimate"));
    }

    // The diagonal: actual = estimated.
    painter.save();
    painter.setClipRect(area);
    painter.setPen(QPen(text, 1.5, Qt::DashLine));
    painter.drawLine(toWidget(m_minEstimate, m_minEstimate), toWidget(m_maxEstimate, m_maxEstimate));
    painter.restore();

    // Titles.
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    painter.setFont(titleFont);
    painter.drawText(QRectF(0, 4, width(), metrics.height() * 1.8), Qt::AlignHCenter | Qt::AlignVCenter,
                     QFontMetrics(titleFont).elidedText(title(), Qt::ElideRight, width() - 8));
    painter.setFont(font());
    painter.drawText(QRectF(area.left(), area.bottom() + metrics.height() * 1.2, area.width(), metrics.height() * 1.2),
                     Qt::AlignHCenter, tr("Estimated improvement, %"));
    painter.save();
    painter.translate(metrics.height() * 0.9, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -metrics.height(), area.height(), metrics.height() * 1.5),
                     Qt::AlignHCenter,
                     metrics.elidedText(tr("Actual improvement, %"), Qt::ElideRight, int(area.height())));
    painter.restore();

    // Legend under the axis title: colour, name, count — and the band; it wraps in a narrow chart.
    const auto entries = legendEntries(bandColor);
    const qreal rowHeight = metrics.height() * 1.3;
    qreal x = area.left();
    qreal y = area.bottom() + metrics.height() * 3.1;
    for (const LegendEntry &entry : entries) {
        const qreal entryWidth = 14 + metrics.horizontalAdvance(entry.text);
        if (x > area.left() && x + entryWidth > width() - 8) {
            x = area.left();
            y += rowHeight;
        }
        const QPointF swatchCentre(x + 5, y - metrics.ascent() / 2.5);
        QColor swatch = entry.color;
        QColor outline = entry.color;
        outline.setAlphaF(1.0);
        if (swatch.alphaF() < 0.5)
            swatch.setAlphaF(0.35);
        switch (entry.shape) {
        case LegendEntry::Shape::Disc:
            painter.setPen(outline); // a wash's swatch shows on any background
            painter.setBrush(swatch);
            painter.drawEllipse(swatchCentre, 5, 5);
            break;
        case LegendEntry::Shape::Ring:
            painter.setPen(QPen(outline, 1.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(swatchCentre, 4.5, 4.5);
            break;
        case LegendEntry::Shape::Bar:
            painter.setPen(QPen(outline, 1.5));
            painter.drawLine(swatchCentre - QPointF(0, 6), swatchCentre + QPointF(0, 6));
            painter.drawLine(swatchCentre - QPointF(3, 6), swatchCentre + QPointF(3, -6));
            painter.drawLine(swatchCentre - QPointF(3, -6), swatchCentre + QPointF(3, 6));
            painter.setBrush(outline);
            painter.setPen(Qt::NoPen);
            painter.drawEllipse(swatchCentre, 2.5, 2.5);
            break;
        }
        painter.setPen(text);
        painter.drawText(QPointF(x + 14, y), entry.text);
        x += entryWidth + 18;
    }
}

QList<ScatterPlot::LegendEntry> ScatterPlot::legendEntries(const QColor &bandColor) const
{
    const QLocale l;
    QList<LegendEntry> entries{
        {VerdictColors::met(), tr("met (%1)").arg(l.toString(qint64(m_counts[0])))},
        {VerdictColors::underperformed(), tr("below estimate (%1)").arg(l.toString(qint64(m_counts[1])))},
        {VerdictColors::regression(), tr("regression (%1)").arg(l.toString(qint64(m_counts[2])))},
        {bandColor, toleranceLegend()},
    };
    // SPEC §5.2's side of it: only what the points show.
    const QColor neutral = palette().color(QPalette::Text);
    if (m_withInterval > 0)
        entries.append({neutral, tr("bar: 95 % interval of the improvement (%1)").arg(l.toString(qint64(m_withInterval))),
                        LegendEntry::Shape::Bar});
    if (m_insufficientRuns > 0)
        entries.append({neutral, tr("hollow: too few runs for a verdict (%1)").arg(l.toString(qint64(m_insufficientRuns))),
                        LegendEntry::Shape::Ring});
    return entries;
}

int ScatterPlot::legendRows(qreal chartWidth) const
{
    const QFontMetrics metrics(font());
    const qreal left = metrics.horizontalAdvance(QStringLiteral("−100")) + metrics.height() * 2 + 8
                       + (m_withoutEstimate > 0 ? noEstimateWidth() + noEstimateGap() : 0);
    int rows = 1;
    qreal x = left;
    for (const LegendEntry &entry : legendEntries(QColor())) {
        const qreal entryWidth = 14 + metrics.horizontalAdvance(entry.text);
        if (x > left && x + entryWidth > chartWidth - 8) {
            ++rows;
            x = left;
        }
        x += entryWidth + 18;
    }
    return rows;
}

QString ScatterPlot::toleranceLegend() const
{
    const QLocale locale;
    if (m_settingTolerancePct && *m_settingTolerancePct != m_tolerancePct)
        return tr("within tolerance (actual ≥ estimate − %1, as judged; your setting: %2)")
            .arg(locale.toString(m_tolerancePct), locale.toString(*m_settingTolerancePct));
    return tr("within tolerance (actual ≥ estimate − %1)").arg(locale.toString(m_tolerancePct));
}

void ScatterPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal ratio = painter.device()->devicePixelRatioF();
    if (m_cloud.isNull() || m_cloud.size() != size() * ratio)
        m_cloud = ScatterCloud::render(m_points, mapping(plotArea()), size(), ratio);
    drawAxes(painter);
    painter.save();
    painter.setClipRect(pointsFrame().adjusted(-3, -3, 3, 3));
    painter.drawImage(QPointF(0, 0), m_cloud);
    painter.restore();
    if (hasFocus()) { // as the other charts show it
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
}

void ScatterPlot::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_cloud = QImage();
}

void ScatterPlot::mouseMoveEvent(QMouseEvent *event)
{
    setCursor(pointAt(event->position()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

void ScatterPlot::mousePressEvent(QMouseEvent *event)
{
    const qsizetype index = event->button() == Qt::LeftButton ? pointAt(event->position()) : -1;
    if (index >= 0)
        emit recommendationActivated(m_points.recommendationIds.at(index));
    QWidget::mousePressEvent(event);
}

QString ScatterPlot::title() const
{
    return tr("Estimated vs actual — %1 completed measurements").arg(QLocale().toString(m_points.size()));
}

QString ScatterPlot::pointDescription(qsizetype index) const
{
    const QLocale locale;
    const auto verdict = m_points.verdicts.at(index);
    const QString verdictText = verdict == DashboardStatistics::PointVerdict::Met          ? tr("met")
                                : verdict == DashboardStatistics::PointVerdict::Regression ? tr("regression")
                                                                                           : tr("below estimate");
    const QString estimate = m_points.hasEstimate(index)
                                 ? tr("estimated %1 %").arg(locale.toString(m_points.estimated.at(index), 'f', 1))
                                 : tr("no estimate (judged against 0 %)");
    QString runs;
    if (const auto runVerdict = m_points.runVerdict(index)) {
        const auto percent = [&locale](float value) { return locale.toString(value, 'f', 1); };
        const QString interval = m_points.hasInterval(index)
                                     ? tr("95 % interval %1 … %2 %")
                                           .arg(percent(m_points.intervalLow.at(index)), percent(m_points.intervalHigh.at(index)))
                                     : QString();
        switch (*runVerdict) {
        case RunStatistics::Verdict::Improved: runs = tr("Runs: improved, %1").arg(interval); break;
        case RunStatistics::Verdict::NoChange: runs = tr("Runs: no change, %1").arg(interval); break;
        case RunStatistics::Verdict::Regressed: runs = tr("Runs: regressed, %1").arg(interval); break;
        case RunStatistics::Verdict::InsufficientRuns:
            runs = tr("Runs: too few to tell a real change from noise (insufficient runs)");
            break;
        }
        runs += u'\n';
    }
    return tr("Recommendation %1\n%2, actual %3 %: %4\n").arg(m_points.recommendationIds.at(index))
               .arg(estimate, locale.toString(m_points.actual.at(index), 'f', 1), verdictText)
           + runs + tr("Click to open it.");
}

bool ScatterPlot::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const qsizetype index = pointAt(help->pos());
        if (index < 0) {
            // Over the title (elided in a narrow chart): the whole of it.
            if (help->pos().y() < plotArea().top())
                QToolTip::showText(help->globalPos(), title(), this);
            else
                QToolTip::hideText();
            return true;
        }
        QToolTip::showText(help->globalPos(), pointDescription(index), this);
        return true;
    }
    return QWidget::event(event);
}
