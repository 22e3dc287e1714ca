#pragma once

#include "dashboardstatistics.h"

#include <QImage>
#include <QLineF>
#include <QList>
#include <QRectF>

// The scatter's points and their 95 % interval bars, painted into one image in one pass (no
// item per point: QT-NOTES §1). A dot's colour is its expectation (met, below estimate,
// regression); a point whose runs are too few for a verdict (SPEC §5.2: insufficient runs)
// is a ring of that colour rather than a disc; a point with an interval stands on a thin
// vertical bar of the same colour from the interval's low end to its high end.
namespace ScatterCloud {

// Where a value lands in widget coordinates.
struct Mapping
{
    // Worse regressions (and interval ends) are drawn on the bottom edge.
    static constexpr double ActualFloor = -100.0;

    QRectF area; // the plotting area
    double minEstimate = 0, maxEstimate = 100, minActual = -100, maxActual = 100;
    qreal noEstimateX = 0; // the centre of the column of points without an estimate

    QPointF map(double estimated, double actual) const;
};

// The interval bars of `points` in widget coordinates, in point order: from the low end (the
// line's first point) to the high end. Points without an interval have none.
QList<QLineF> intervalBars(const DashboardStatistics::Points &points, const Mapping &mapping);

// The cloud at `size` (device-independent pixels), transparent where nothing is drawn.
QImage render(const DashboardStatistics::Points &points, const Mapping &mapping, const QSize &size,
              qreal devicePixelRatio);

} // namespace ScatterCloud
