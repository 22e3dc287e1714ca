#pragma once

#include "batchinserter.h"
#include "database.h"
#include "measurementservice.h"
#include "result.h"

#include <QDateTime>
#include <QList>

#include <functional>
#include <random>

// The demo's recurring queries (SPEC §5): dashboards and scheduled jobs whose query ran many
// times before its optimization and many times after, so that a new user sees every verdict.
// Most got faster for real, some did not change beyond the noise between runs, some got
// slower, and a few ran too seldom for a verdict. Their runs are written with the demo's bulk
// load; their measurements are then recorded as an analyst would, through MeasurementService
// with the history's other runs (--similar, 14 days), so that their numbers are §5's own.
namespace DemoRecurring {

// How many of `measurements` demo measurements are of recurring queries.
qint64 countFor(qint64 measurements);

// What was planted for one recurring query, to be recorded once the load is committed.
struct Planted
{
    qint64 recommendationId = 0;
    QString afterJobId; // the first run after the change: t0 of the gathering
    QString measuredBy;
    QDateTime measuredAt;  // when the before side is recorded
    QDateTime completedAt; // when the after side is
};

struct Inserters
{
    BatchInserter &jobs;
    BatchInserter &profiles;
    BatchInserter &recommendations;
};

// Adds `count` recurring queries with their runs and recommendations (ids from
// `firstRecommendationId`, job sequence numbers from `firstSequence`), all before `now`.
// `jobsAdded` counts the jobs written.
Result<QList<Planted>> plant(Inserters inserters, std::mt19937_64 &random, const QDateTime &now,
                             quint64 run, qint64 firstRecommendationId, quint64 firstSequence, qint64 count,
                             qint64 &jobsAdded);

// Records the planted measurements, two transactions each. `progress(done)` returns false to
// stop.
Status record(const Database &database, const MeasurementSettings &settings, const QList<Planted> &planted,
              const std::function<bool(qint64)> &progress = {});

} // namespace DemoRecurring
