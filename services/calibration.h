#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// How well the estimates predicted the outcomes (SPEC §6.2), per issue type and over all: over
// the completed measurements of a window that have an actual duration improvement (a) and whose
// recommendation has an estimate (e).
namespace Calibration {

struct Row
{
    std::optional<QString> issueType; // none: the row over every issue type
    qint64 count = 0;
    double meanEstimatedPct = 0; // each 1 decimal
    double meanActualPct = 0;
    double biasPct = 0;                     // mean(a − e)
    double maePct = 0;                      // mean |a − e|
    std::optional<double> factor;           // Σ e·a / Σ e², 2 decimals; none when Σ e² = 0
    double successRatePct = 0;              // met / count × 100, 1 decimal
};

// A type's factor calibrates its estimates once this many measurements back it.
inline constexpr qint64 MinimumCountForFactor = 5;

// One row per issue type (in code-point order), then the row over all of them (always there;
// zeros and no factor when the window holds none).
Result<QList<Row>> compute(const Database &database, const MeasurementWindow &window, const QDateTime &now);

// The factors of the types with enough measurements (MinimumCountForFactor), by issue type.
QHash<QString, double> usableFactors(const QList<Row> &rows);

// estimate × factor, 1 decimal: the "calibrated estimate" the Recommendations page shows.
std::optional<double> calibratedEstimate(const std::optional<double> &estimatePct, const std::optional<double> &factor);

} // namespace Calibration
