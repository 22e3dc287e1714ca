#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <QDateTime>
#include <QSet>

#include <optional>

// The runs of a measurement (SPEC §5.1) and the numbers drawn from them (§5.2): the jobs an
// analyst names, the others of the same queries the history holds (--similar), and the
// measurement's sides, improvements and verdict computed from them. No judgement of the estimate
// and no writing: MeasurementService does both.
namespace MeasurementRuns {

// A job as a run: what §5.2 needs of it.
struct RunJob
{
    QString jobId;
    std::optional<QDateTime> startedAt;
    std::optional<QString> queryHash;
    std::optional<QString> warehouseSize;
    std::optional<QString> status;
    bool cacheHit = false;
    JobMetrics metrics;
    bool gathered = false;
};

// Default D of --similar, in days (a setting).
inline constexpr int DefaultSimilarDays = 14;
// At most this many runs a side, the named ones included (SPEC §5.1).
inline constexpr int MaxRunsPerSide = 500;

// One job with its profile's metrics; absent when no such job exists.
Result<std::optional<RunJob>> load(const Database &database, const QString &jobId);

// The job, or a "Job not found" error.
Result<RunJob> require(const Database &database, const QString &jobId);

// The run of `side` a job is (measurement_runs' row, with the job's start and duration).
MeasurementRun asRun(const RunJob &job, MeasurementRun::Side side);

// Where the history's other runs of a query are looked for.
struct Range
{
    QString queryHash;
    QDateTime from; // inclusive
    QDateTime to;
    bool toInclusive = false;
    bool nearestIsLatest = false; // before t0: the latest first; after it: the earliest first
};

// Up to `limit` measurable jobs (not failed or unfinished, no cache hit) of `range`, the
// nearest to its t0 first (equally near: the smaller job ID first), leaving out `exclude`.
// One range of idx_queries_hash_started.
Result<QList<RunJob>> similar(const Database &database, const Range &range, int limit,
                              const QSet<QString> &exclude);

// The median of the values (SPEC §5.2); integer metrics are rounded half away from zero, as
// their columns hold whole numbers.
JobMetrics medianMetrics(const QList<RunJob> &runs);

// Fills the measurement's sides, improvements and §5.2 numbers from its runs (each side
// non-empty), and its `runs`. Returns the notes to store about them (0 ms runs left out).
QStringList apply(Measurement &measurement, const QList<RunJob> &before, const QList<RunJob> &after);

} // namespace MeasurementRuns
