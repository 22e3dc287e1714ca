#pragma once

#include "dashboardstatistics.h"
#include "scattercloud.h"

#include <QImage>
#include <QWidget>

// Estimated vs actual improvement: one dot per completed measurement, coloured by verdict,
// with the y = x diagonal and the tolerance band (y ≥ x − tolerance) shaded. Qt Charts would
// make a graphics item per point (12 s for 100k, QT-NOTES §1); this widget paints the whole
// cloud in one pass into a cached image, and finds the point under the mouse through a
// uniform grid, for the tooltip and the click that opens the recommendation.
class ScatterPlot : public QWidget
{
    Q_OBJECT

public:
    explicit ScatterPlot(QWidget *parent = nullptr);

    // `tolerancePct` is the tolerance the points were judged with; `settingPct` the one of the
    // settings, named beside it when it differs (the measurements await re-judging).
    void setPoints(DashboardStatistics::Points points, double tolerancePct,
                   std::optional<double> settingPct = std::nullopt);
    const DashboardStatistics::Points &points() const { return m_points; }

    // The plotting area in widget coordinates, and where a value lands in it.
    QRectF plotArea() const;
    QPointF toWidget(double estimated, double actual) const;
    // The 95 % interval bars of the points that have one (SPEC §5.2), low end first.
    QList<QLineF> intervalBars() const;
    // The index of the point nearest to `position` within a few pixels, or −1.
    qsizetype pointAt(const QPointF &position) const;

    QSize sizeHint() const override { return {640, 260}; } // see ChartStyle::PreferredSize
    // The legend's words for the tolerance band.
    QString toleranceLegend() const;
    QString title() const;
    // How many lines the legend takes at this width (it wraps in a narrow chart).
    int legendRows(qreal chartWidth) const;
    // What the tooltip of point `index` says.
    QString pointDescription(qsizetype index) const;
    // The column left of the axis where the points without an estimate stand; empty when none.
    QRectF noEstimateArea() const;

signals:
    void recommendationActivated(qint64 recommendationId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct LegendEntry
    {
        enum class Shape { Disc, Ring, Bar };
        QColor color;
        QString text;
        Shape shape = Shape::Disc;
    };
    QList<LegendEntry> legendEntries(const QColor &bandColor) const;
    QPointF toWidget(const QRectF &area, double estimated, double actual) const;
    void drawAxes(QPainter &painter) const;
    ScatterCloud::Mapping mapping(const QRectF &area) const;
    // Built on the first hit test after the points or the plot area changed.
    void buildGrid() const;
    qreal noEstimateWidth() const;
    // The plot area and the no-estimate column: where points are drawn and found.
    QRectF pointsFrame() const;
    qreal noEstimateGap() const;

    DashboardStatistics::Points m_points;
    double m_tolerancePct = 20.0;
    std::optional<double> m_settingTolerancePct;
    double m_minActual = -100, m_maxActual = 100, m_minEstimate = 0, m_maxEstimate = 100;
    QImage m_cloud; // the points, cached at the current size
    // Uniform grid over the plot area, for hit-testing: the indices of the points in cell c
    // are m_gridPoints[m_gridStart[c] .. m_gridStart[c + 1]) (one array, not a list per cell).
    mutable int m_gridColumns = 0, m_gridRows = 0;
    mutable QList<qsizetype> m_gridStart;
    mutable QList<qsizetype> m_gridPoints;
    mutable QRectF m_gridArea; // the plot area the grid was built for; empty: none
    std::array<qsizetype, 3> m_counts{};
    qsizetype m_withoutEstimate = 0;
    qsizetype m_insufficientRuns = 0; // drawn hollow
    qsizetype m_withInterval = 0;     // drawn on their interval's bar
};
