#include "measurementruns.h"

#include "jobstatus.h"
#include "runstatistics.h"
#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

#include <cmath>
#include <vector>

namespace MeasurementRuns {
namespace {

// The columns RunJob needs, of `q` (queries) and `p` (profiles, LEFT JOINed), in readRun's order.
const QString RunColumns = QStringLiteral(
    "q.job_id, q.started_at, q.query_hash, q.warehouse_size, q.status, q.cache_hit, q.duration_ms, "
    "p.memory_allocated, p.data_scanned, p.rows_scanned, p.rows_returned, p.partitions_scanned, p.cpu_time_ms");

RunJob readRun(const QSqlQuery &query)
{
    RunJob run;
    run.jobId = query.value(0).toString();
    run.startedAt = Database::fromSqlTimestamp(query.value(1));
    run.queryHash = SqlValue::toString(query.value(2));
    run.warehouseSize = SqlValue::toString(query.value(3));
    run.status = SqlValue::toString(query.value(4));
    run.cacheHit = SqlValue::toBool(query.value(5)).value_or(false);
    run.metrics.durationMs = query.value(6).toDouble();
    const auto mebibytes = [](const QVariant &bytes) {
        return bytes.isNull() ? std::nullopt : std::optional<double>(bytes.toDouble() / 1048576.0);
    };
    run.metrics.memoryMb = mebibytes(query.value(7));
    run.metrics.dataScannedMb = mebibytes(query.value(8));
    run.metrics.rowsScanned = SqlValue::toInt64(query.value(9));
    run.metrics.rowsReturned = SqlValue::toInt64(query.value(10));
    run.metrics.partitionsScanned = SqlValue::toInt64(query.value(11));
    run.metrics.cpuTimeMs = SqlValue::toInt64(query.value(12));
    return run;
}

template <typename Value>
std::vector<double> valuesOf(const QList<RunJob> &runs, std::optional<Value> JobMetrics::*member)
{
    std::vector<double> values;
    values.reserve(size_t(runs.size()));
    for (const RunJob &run : runs)
        if (const auto &value = run.metrics.*member)
            values.push_back(double(*value));
    return values;
}

std::optional<qint64> wholeMedian(const std::vector<double> &values)
{
    const auto median = RunStatistics::median(values);
    return median ? std::optional<qint64>(std::llround(*median)) : std::nullopt;
}

std::vector<double> durationsOf(const QList<RunJob> &runs)
{
    std::vector<double> values;
    values.reserve(size_t(runs.size()));
    for (const RunJob &run : runs)
        values.push_back(run.metrics.durationMs);
    return values;
}

} // namespace

Result<std::optional<RunJob>> load(const Database &database, const QString &jobId)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM queries q LEFT JOIN profiles p ON p.job_id = q.job_id "
                                 "WHERE q.job_id = ?")
                      .arg(RunColumns));
    query.addBindValue(jobId);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read job %1").arg(jobId), query.lastError());
    if (!query.next())
        return std::optional<RunJob>();
    return std::optional<RunJob>(readRun(query));
}

Result<RunJob> require(const Database &database, const QString &jobId)
{
    auto job = load(database, jobId);
    if (!job)
        return job.error();
    if (!job.value())
        return Error::notFound(Text::tr("Job not found: %1").arg(jobId));
    return *job.value();
}

MeasurementRun asRun(const RunJob &job, MeasurementRun::Side side)
{
    MeasurementRun run;
    run.side = side;
    run.jobId = job.jobId;
    run.gathered = job.gathered;
    run.startedAt = job.startedAt;
    run.durationMs = job.metrics.durationMs;
    return run;
}

Result<QList<RunJob>> similar(const Database &database, const Range &range, int limit,
                              const QSet<QString> &exclude)
{
    if (limit <= 0 || !range.from.isValid() || !range.to.isValid())
        return QList<RunJob>();
    // The measurable ones, as JobStatus::isMeasurable says; excluded jobs are skipped here, so
    // the LIMIT leaves room for them.
    const QString order = range.nearestIsLatest ? QStringLiteral("q.started_at DESC, q.job_id")
                                                : QStringLiteral("q.started_at, q.job_id");
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM queries q LEFT JOIN profiles p ON p.job_id = q.job_id "
                                 "WHERE q.query_hash = ? AND q.started_at >= ? AND q.started_at %2 ? AND %3 "
                                 "ORDER BY %4 LIMIT ?")
                      .arg(RunColumns, range.toInclusive ? QStringLiteral("<=") : QStringLiteral("<"),
                           JobStatus::measurableSqlCondition(QStringLiteral("q")), order));
    query.addBindValue(range.queryHash);
    query.addBindValue(Database::toSqlTimestamp(range.from));
    query.addBindValue(Database::toSqlTimestamp(range.to));
    query.addBindValue(qint64(limit) + exclude.size());
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the other runs of query %1").arg(range.queryHash),
                                  query.lastError());
    QList<RunJob> runs;
    while (runs.size() < limit && query.next()) {
        RunJob run = readRun(query);
        if (exclude.contains(run.jobId))
            continue;
        run.gathered = true;
        runs << std::move(run);
    }
    if (query.lastError().isValid())
        return Database::sqlError(Text::tr("Cannot read the other runs of query %1").arg(range.queryHash),
                                  query.lastError());
    return runs;
}

JobMetrics medianMetrics(const QList<RunJob> &runs)
{
    JobMetrics metrics;
    metrics.durationMs = RunStatistics::median(durationsOf(runs)).value_or(0.0);
    metrics.memoryMb = RunStatistics::median(valuesOf(runs, &JobMetrics::memoryMb));
    metrics.dataScannedMb = RunStatistics::median(valuesOf(runs, &JobMetrics::dataScannedMb));
    metrics.rowsScanned = wholeMedian(valuesOf(runs, &JobMetrics::rowsScanned));
    metrics.rowsReturned = wholeMedian(valuesOf(runs, &JobMetrics::rowsReturned));
    metrics.partitionsScanned = wholeMedian(valuesOf(runs, &JobMetrics::partitionsScanned));
    metrics.cpuTimeMs = wholeMedian(valuesOf(runs, &JobMetrics::cpuTimeMs));
    return metrics;
}

QStringList apply(Measurement &measurement, const QList<RunJob> &before, const QList<RunJob> &after)
{
    const std::vector<double> beforeMs = durationsOf(before), afterMs = durationsOf(after);
    const RunStatistics::RunComparison comparison = RunStatistics::compare(beforeMs, afterMs);

    measurement.before = medianMetrics(before);
    measurement.before.durationMs = comparison.beforeDurationMs.value_or(0.0);
    JobMetrics afterMetrics = medianMetrics(after);
    afterMetrics.durationMs = comparison.afterDurationMs.value_or(0.0);
    measurement.after = afterMetrics;

    measurement.improvements.durationPct = comparison.durationImprovementPct;
    measurement.improvements.memoryPct = RunStatistics::reductionPct(valuesOf(before, &JobMetrics::memoryMb),
                                                                     valuesOf(after, &JobMetrics::memoryMb));
    measurement.improvements.scanPct = RunStatistics::reductionPct(valuesOf(before, &JobMetrics::dataScannedMb),
                                                                   valuesOf(after, &JobMetrics::dataScannedMb));
    measurement.improvements.cpuPct = RunStatistics::reductionPct(valuesOf(before, &JobMetrics::cpuTimeMs),
                                                                  valuesOf(after, &JobMetrics::cpuTimeMs));

    measurement.runsBefore = comparison.runsBefore;
    measurement.runsAfter = comparison.runsAfter;
    measurement.pValue = comparison.pValue;
    measurement.ciLowPct = comparison.ciLowPct;
    measurement.ciHighPct = comparison.ciHighPct;
    measurement.verdict = comparison.verdict;

    measurement.runs.clear();
    const auto addRuns = [&](const QList<RunJob> &runs, MeasurementRun::Side side) {
        for (const RunJob &job : runs)
            measurement.runs << asRun(job, side);
    };
    addRuns(before, MeasurementRun::Side::Before);
    addRuns(after, MeasurementRun::Side::After);

    QStringList notes;
    // One run a side is SPEC §3's measurement, notes included: its 0 ms run is the value itself.
    const bool singleRuns = before.size() == 1 && after.size() == 1;
    if (!singleRuns && (!comparison.zeroBefore.empty() || !comparison.zeroAfter.empty())) {
        const auto names = [](const QList<RunJob> &runs, const std::vector<int> &positions) {
            QStringList ids;
            for (const int position : positions)
                ids << runs[position].jobId;
            return ids.join(QStringLiteral(", "));
        };
        QStringList sides;
        if (!comparison.zeroBefore.empty())
            sides << QStringLiteral("before %1").arg(names(before, comparison.zeroBefore));
        if (!comparison.zeroAfter.empty())
            sides << QStringLiteral("after %1").arg(names(after, comparison.zeroAfter));
        notes << QStringLiteral("Runs of 0 ms are left out of the significance test and the interval: %1")
                     .arg(sides.join(QStringLiteral("; ")));
    }
    return notes;
}

} // namespace MeasurementRuns
