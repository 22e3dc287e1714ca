#include "measurementrepository.h"

#include "improvement.h"
#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QHash>
#include <QSet>
#include <QStringList>


namespace {

const char *const columnNames[] = {
    "id", "recommendation_id", "job_id_before", "job_id_after",
    "before_duration_ms", "before_memory_mb", "before_data_scanned_mb", "before_rows_scanned",
    "before_rows_returned", "before_partitions_scanned", "before_cpu_time_ms",
    "after_duration_ms", "after_memory_mb", "after_data_scanned_mb", "after_rows_scanned",
    "after_rows_returned", "after_partitions_scanned", "after_cpu_time_ms",
    "duration_improvement_pct", "memory_reduction_pct", "scan_reduction_pct", "cpu_reduction_pct",
    "meets_expectation", "expectation_delta_pct", "validation_notes",
    "measured_at", "measured_by", "completed_at",
    "runs_before", "runs_after", "p_value", "improvement_ci_low_pct", "improvement_ci_high_pct", "verdict",
    "similar_days", "runs_per_day"};
constexpr int columnCount = int(std::size(columnNames));
static_assert(columnCount == MeasurementRepository::SelectColumnCount);

JobMetrics readMetrics(const QSqlQuery &query, int first)
{
    JobMetrics metrics;
    metrics.durationMs = query.value(first).toDouble();
    metrics.memoryMb = SqlValue::toDouble(query.value(first + 1));
    metrics.dataScannedMb = SqlValue::toDouble(query.value(first + 2));
    metrics.rowsScanned = SqlValue::toInt64(query.value(first + 3));
    metrics.rowsReturned = SqlValue::toInt64(query.value(first + 4));
    metrics.partitionsScanned = SqlValue::toInt64(query.value(first + 5));
    metrics.cpuTimeMs = SqlValue::toInt64(query.value(first + 6));
    return metrics;
}

Measurement readRow(const QSqlQuery &query)
{
    Measurement m;
    m.id = query.value(0).toLongLong();
    m.recommendationId = query.value(1).toLongLong();
    m.jobIdBefore = query.value(2).toString();
    m.jobIdAfter = SqlValue::toString(query.value(3));
    m.before = readMetrics(query, 4);
    if (m.jobIdAfter)
        m.after = readMetrics(query, 11);
    m.improvements.durationPct = SqlValue::toDouble(query.value(18));
    m.improvements.memoryPct = SqlValue::toDouble(query.value(19));
    m.improvements.scanPct = SqlValue::toDouble(query.value(20));
    m.improvements.cpuPct = SqlValue::toDouble(query.value(21));
    m.expectation.meets = SqlValue::toBool(query.value(22));
    m.expectation.deltaPct = SqlValue::toDouble(query.value(23));
    m.validationNotes = SqlValue::toString(query.value(24));
    m.measuredAt = Database::fromSqlTimestamp(query.value(25)).value_or(QDateTime());
    m.measuredBy = SqlValue::toString(query.value(26));
    m.completedAt = Database::fromSqlTimestamp(query.value(27));
    const auto count = [&](int column) {
        return query.value(column).isNull() ? std::nullopt : std::optional<int>(query.value(column).toInt());
    };
    m.runsBefore = count(28);
    m.runsAfter = count(29);
    m.pValue = SqlValue::toDouble(query.value(30));
    m.ciLowPct = SqlValue::toDouble(query.value(31));
    m.ciHighPct = SqlValue::toDouble(query.value(32));
    if (const auto verdict = SqlValue::toString(query.value(33)))
        m.verdict = RunStatistics::verdictFromName(*verdict);
    m.similarDays = count(34);
    m.runsPerDay = SqlValue::toDouble(query.value(35));
    return m;
}

QVariant intOrNull(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

// runs_before … runs_per_day, in the order of columnNames.
void bindRunColumns(QSqlQuery &query, const Measurement &m)
{
    query.addBindValue(intOrNull(m.runsBefore));
    query.addBindValue(intOrNull(m.runsAfter));
    query.addBindValue(SqlValue::of(m.pValue));
    query.addBindValue(SqlValue::of(m.ciLowPct));
    query.addBindValue(SqlValue::of(m.ciHighPct));
    query.addBindValue(m.verdict ? QVariant(RunStatistics::verdictName(*m.verdict))
                                 : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(intOrNull(m.similarDays));
    query.addBindValue(SqlValue::of(m.runsPerDay));
}

QString sideName(MeasurementRun::Side side)
{
    return side == MeasurementRun::Side::Before ? QStringLiteral("before") : QStringLiteral("after");
}

void bindMetrics(QSqlQuery &query, const std::optional<JobMetrics> &metrics)
{
    if (!metrics) {
        for (int i = 0; i < 3; ++i)
            query.addBindValue(QVariant(QMetaType::fromType<double>()));
        for (int i = 0; i < 4; ++i)
            query.addBindValue(QVariant(QMetaType::fromType<qint64>()));
        return;
    }
    query.addBindValue(metrics->durationMs);
    query.addBindValue(SqlValue::of(metrics->memoryMb));
    query.addBindValue(SqlValue::of(metrics->dataScannedMb));
    query.addBindValue(SqlValue::of(metrics->rowsScanned));
    query.addBindValue(SqlValue::of(metrics->rowsReturned));
    query.addBindValue(SqlValue::of(metrics->partitionsScanned));
    query.addBindValue(SqlValue::of(metrics->cpuTimeMs));
}

void bindOutcome(QSqlQuery &query, const Measurement &m)
{
    query.addBindValue(SqlValue::of(m.improvements.durationPct));
    query.addBindValue(SqlValue::of(m.improvements.memoryPct));
    query.addBindValue(SqlValue::of(m.improvements.scanPct));
    query.addBindValue(SqlValue::of(m.improvements.cpuPct));
    query.addBindValue(SqlValue::of(m.expectation.meets));
    query.addBindValue(SqlValue::of(m.expectation.deltaPct));
    query.addBindValue(SqlValue::of(m.validationNotes));
}

} // namespace

QString recommendationJoin(const Database &database)
{
    return database.isPostgres()
               ? QStringLiteral(" JOIN recommendations r ON r.id = m.recommendation_id")
               : QStringLiteral(" JOIN recommendations r INDEXED BY idx_recommendations_issue "
                                "ON r.id = m.recommendation_id");
}

MeasurementWindowFilter::MeasurementWindowFilter(const MeasurementWindow &window, const QDateTime &now)
{
    QStringList conditions;
    if (window.days) {
        // A window reaching back before year 1 holds everything; the database could not
        // compare such a time anyway.
        const QDateTime cutoff = now.addSecs(-qint64(*window.days) * 24 * 3600);
        if (cutoff.isValid() && cutoff.date().year() >= 1) {
            conditions << QStringLiteral("COALESCE(m.completed_at, m.measured_at) >= ?");
            values << Database::toSqlTimestamp(cutoff);
            bounded = true;
        }
    }
    if (window.issueType) {
        conditions << QStringLiteral("r.issue_type = ?");
        values << *window.issueType;
    }
    if (!conditions.isEmpty())
        where = QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

Measurement MeasurementRepository::readMeasurement(const QSqlQuery &query)
{
    return readRow(query);
}

MeasurementReportRow MeasurementRepository::readReportRow(const QSqlQuery &query)
{
    MeasurementReportRow row;
    row.measurement = readRow(query);
    row.issueType = query.value(columnCount).toString();
    row.title = SqlValue::toString(query.value(columnCount + 1));
    row.estimatedImprovementPct = SqlValue::toDouble(query.value(columnCount + 2));
    return row;
}

QString MeasurementRepository::selectColumns(const QString &alias)
{
    QStringList names;
    for (const char *name : columnNames)
        names << alias + u'.' + QLatin1String(name);
    return names.join(QStringLiteral(", "));
}

Result<qint64> MeasurementRepository::insert(const Measurement &m) const
{
    QStringList names;
    for (int i = 1; i < columnCount; ++i)
        names << QLatin1String(columnNames[i]);
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO measurements (%1) VALUES (%2) RETURNING id")
                      .arg(names.join(QStringLiteral(", ")),
                           QStringList(columnCount - 1, QStringLiteral("?")).join(u',')));
    query.addBindValue(m.recommendationId);
    query.addBindValue(m.jobIdBefore);
    query.addBindValue(SqlValue::of(m.jobIdAfter));
    bindMetrics(query, m.before);
    bindMetrics(query, m.after);
    bindOutcome(query, m);
    query.addBindValue(Database::toSqlTimestamp(m.measuredAt));
    query.addBindValue(SqlValue::of(m.measuredBy));
    query.addBindValue(Database::toSqlTimestamp(m.completedAt));
    bindRunColumns(query, m);
    if (!query.exec() || !query.next())
        return Database::sqlError(Text::tr("Cannot save the measurement"), query.lastError());
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    if (Status saved = replaceRuns(id, m.runs); !saved)
        return saved.error();
    return id;
}

Status MeasurementRepository::updateAfter(const Measurement &m, const QList<MeasurementRun> *storedRuns,
                                          const std::optional<std::optional<QString>> &expectedJobIdAfter) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "UPDATE measurements SET job_id_after = ?, after_duration_ms = ?, after_memory_mb = ?, "
        "after_data_scanned_mb = ?, after_rows_scanned = ?, after_rows_returned = ?, "
        "after_partitions_scanned = ?, after_cpu_time_ms = ?, duration_improvement_pct = ?, "
        "memory_reduction_pct = ?, scan_reduction_pct = ?, cpu_reduction_pct = ?, "
        "meets_expectation = ?, expectation_delta_pct = ?, validation_notes = ?, "
        "measured_by = ?, completed_at = ?, "
        "before_duration_ms = ?, before_memory_mb = ?, before_data_scanned_mb = ?, before_rows_scanned = ?, "
        "before_rows_returned = ?, before_partitions_scanned = ?, before_cpu_time_ms = ?, "
        "runs_before = ?, runs_after = ?, p_value = ?, improvement_ci_low_pct = ?, improvement_ci_high_pct = ?, "
        "verdict = ?, similar_days = ?, runs_per_day = ? WHERE id = ?")
        + (expectedJobIdAfter ? QStringLiteral(" AND job_id_after IS NOT DISTINCT FROM ?") : QString()));
    query.addBindValue(SqlValue::of(m.jobIdAfter));
    bindMetrics(query, m.after);
    bindOutcome(query, m);
    query.addBindValue(SqlValue::of(m.measuredBy));
    query.addBindValue(Database::toSqlTimestamp(m.completedAt));
    bindMetrics(query, m.before);
    bindRunColumns(query, m);
    query.addBindValue(m.id);
    if (expectedJobIdAfter)
        query.addBindValue(SqlValue::of(*expectedJobIdAfter));
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot save the measurement"), query.lastError());
    if (query.numRowsAffected() != 1) {
        query.finish();
        const auto current = expectedJobIdAfter ? find(m.id) : Result<std::optional<Measurement>>(std::nullopt);
        if (!current)
            return current.error();
        if (!current.value())
            return Error::notFound(Text::tr("Measurement not found: %1").arg(m.id));
        // Another program wrote it between our reading and writing.
        const Measurement &now = *current.value();
        if (now.completedAt)
            return Error::invalidState(Text::tr("Measurement %1 was completed by %2 at %3")
                                           .arg(now.id)
                                           .arg(now.measuredBy.value_or(Text::tr("someone")),
                                                now.completedAt->toUTC().toString(Qt::ISODate)));
        return Error::invalidState(
            Text::tr("Measurement %1 was reopened by another program meanwhile; nothing was written").arg(now.id));
    }
    query.finish();
    return replaceRuns(m.id, m.runs, storedRuns);
}

Status MeasurementRepository::replaceRuns(qint64 id, const QList<MeasurementRun> &allRuns,
                                          const QList<MeasurementRun> *storedRuns) const
{
    QSqlQuery query(m_database.connection());
    QList<MeasurementRun> runs = allRuns;
    if (storedRuns) {
        // A refresh mostly finds what is there: write only the difference (each run written
        // again costs its table and index pages in the commit).
        const auto key = [](const MeasurementRun &run) { return sideName(run.side) + u'\n' + run.jobId; };
        QHash<QString, bool> wanted; // key -> gathered
        for (const MeasurementRun &run : allRuns)
            wanted.insert(key(run), run.gathered);
        QSet<QString> stored;
        query.prepare(QStringLiteral("DELETE FROM measurement_runs WHERE measurement_id = ? AND side = ? AND job_id = ?"));
        for (const MeasurementRun &run : *storedRuns) {
            const auto found = wanted.constFind(key(run));
            if (found != wanted.cend() && *found == run.gathered) {
                stored.insert(key(run));
                continue;
            }
            query.addBindValue(id);
            query.addBindValue(sideName(run.side));
            query.addBindValue(run.jobId);
            if (!query.exec())
                return Database::sqlError(Text::tr("Cannot save the runs of measurement %1").arg(id), query.lastError());
        }
        runs.removeIf([&](const MeasurementRun &run) { return stored.contains(key(run)); });
    } else {
        query.prepare(QStringLiteral("DELETE FROM measurement_runs WHERE measurement_id = ?"));
        query.addBindValue(id);
        if (!query.exec())
            return Database::sqlError(Text::tr("Cannot save the runs of measurement %1").arg(id), query.lastError());
    }
    if (runs.isEmpty())
        return success();
    // Up to a thousand rows: a multi-row INSERT per hundred (one statement each on both databases).
    constexpr qsizetype chunk = 100;
    for (qsizetype first = 0; first < runs.size(); first += chunk) {
        const qsizetype count = std::min(chunk, runs.size() - first);
        QStringList rows(count, QStringLiteral("(?, ?, ?, ?)"));
        query.prepare(QStringLiteral("INSERT INTO measurement_runs (measurement_id, side, job_id, gathered) VALUES ")
                      + rows.join(u','));
        for (qsizetype i = first; i < first + count; ++i) {
            query.addBindValue(id);
            query.addBindValue(sideName(runs[i].side));
            query.addBindValue(runs[i].jobId);
            query.addBindValue(runs[i].gathered);
        }
        if (!query.exec())
            return Database::sqlError(Text::tr("Cannot save the runs of measurement %1").arg(id), query.lastError());
    }
    return success();
}

Result<QList<MeasurementRun>> MeasurementRepository::runsOf(qint64 id) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // Before first, then by start (jobs without one last), then by job ID.
    query.prepare(QStringLiteral(
        "SELECT r.side, r.job_id, r.gathered, q.started_at, q.duration_ms FROM measurement_runs r "
        "JOIN queries q ON q.job_id = r.job_id WHERE r.measurement_id = ? "
        "ORDER BY CASE WHEN r.side = 'before' THEN 0 ELSE 1 END, "
        "CASE WHEN q.started_at IS NULL THEN 1 ELSE 0 END, q.started_at, r.job_id"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the runs of measurement %1").arg(id), query.lastError());
    QList<MeasurementRun> runs;
    while (query.next()) {
        MeasurementRun run;
        run.side = query.value(0).toString() == QLatin1String("after") ? MeasurementRun::Side::After
                                                                        : MeasurementRun::Side::Before;
        run.jobId = query.value(1).toString();
        run.gathered = query.value(2).toBool();
        run.startedAt = Database::fromSqlTimestamp(query.value(3));
        run.durationMs = query.value(4).toDouble();
        runs << run;
    }
    if (query.lastError().isValid())
        return Database::sqlError(Text::tr("Cannot read the runs of measurement %1").arg(id), query.lastError());
    return runs;
}

Result<std::optional<Measurement>> MeasurementRepository::withRuns(std::optional<Measurement> measurement) const
{
    if (!measurement)
        return measurement;
    auto runs = runsOf(measurement->id);
    if (!runs)
        return runs.error();
    measurement->runs = *runs;
    return measurement;
}

Status MeasurementRepository::remove(qint64 id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM measurements WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot delete measurement %1").arg(id), query.lastError());
    return success();
}

Result<std::optional<Measurement>> MeasurementRepository::find(qint64 id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT %1 FROM measurements m WHERE m.id = ?")
                      .arg(selectColumns(QStringLiteral("m"))));
    query.addBindValue(id);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read measurement %1").arg(id),
                                  query.lastError());
    if (!query.next())
        return std::optional<Measurement>();
    std::optional<Measurement> found(readRow(query));
    query.finish();
    return withRuns(std::move(found));
}

Result<std::optional<Measurement>>
MeasurementRepository::latestForRecommendation(qint64 recommendationId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT %1 FROM measurements m WHERE m.recommendation_id = ? "
                                 "ORDER BY m.id DESC LIMIT 1")
                      .arg(selectColumns(QStringLiteral("m"))));
    query.addBindValue(recommendationId);
    if (!query.exec())
        return Database::sqlError(
            Text::tr("Cannot read the measurements of recommendation %1").arg(recommendationId),
            query.lastError());
    if (!query.next())
        return std::optional<Measurement>();
    std::optional<Measurement> found(readRow(query));
    query.finish();
    return withRuns(std::move(found));
}

Result<std::optional<Measurement>>
MeasurementRepository::openForRecommendation(qint64 recommendationId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT %1 FROM measurements m WHERE m.recommendation_id = ? "
                                 "AND m.job_id_after IS NULL ORDER BY m.id DESC LIMIT 1")
                      .arg(selectColumns(QStringLiteral("m"))));
    query.addBindValue(recommendationId);
    if (!query.exec())
        return Database::sqlError(
            Text::tr("Cannot read the measurements of recommendation %1").arg(recommendationId),
            query.lastError());
    if (!query.next())
        return std::optional<Measurement>();
    std::optional<Measurement> found(readRow(query));
    query.finish();
    return withRuns(std::move(found));
}

Result<qint64> MeasurementRepository::countRecordedWithSimilar() const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM measurements "
                                   "WHERE similar_days IS NOT NULL AND job_id_after IS NOT NULL"))
        || !query.next())
        return Database::sqlError(Text::tr("Cannot count the measurements"), query.lastError());
    return query.value(0).toLongLong();
}

Result<QList<MeasurementRepository::JobUse>> MeasurementRepository::usesOfJob(const QString &jobId, int limit) const
{
    // Two index lookups (idx_measurements_before_job, idx_measurements_after_job).
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT DISTINCT recommendation_id, 0 FROM measurements WHERE job_id_before = ? "
                                 "UNION SELECT DISTINCT recommendation_id, 1 FROM measurements WHERE job_id_after = ? "
                                 "ORDER BY 1 LIMIT ?"));
    query.addBindValue(jobId);
    query.addBindValue(jobId);
    query.addBindValue(limit);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the measurements"), query.lastError());
    QList<JobUse> uses;
    while (query.next())
        uses << JobUse{query.value(0).toLongLong(), query.value(1).toInt() == 1};
    return uses;
}

Result<Summary> MeasurementRepository::summary(const MeasurementWindow &window,
                                               double exceededMarginPct, const QDateTime &now) const
{
    const MeasurementWindowFilter filter(window, now);
    const QString join = window.issueType ? recommendationJoin(m_database) : QString();
    // Completed = has an after job, which is exactly when completed_at is set; the summary
    // asks for completed_at so that it reads only idx_measurements_recorded_at. The average
    // skips completed rows without an improvement (before duration 0); the time saved counts
    // every completed row, and regressions subtract.
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT COUNT(*), COUNT(m.completed_at), "
        "AVG(CASE WHEN m.completed_at IS NOT NULL THEN m.duration_improvement_pct END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL AND m.meets_expectation THEN 1 ELSE 0 END), "
        // In floating point: exact to 2^53 ms, and durations near the 64-bit limit (which an
        // import accepts) cannot overflow the sum.
        "SUM(CASE WHEN m.completed_at IS NOT NULL "
        "THEN CAST(m.before_duration_ms - m.after_duration_ms AS DOUBLE PRECISION) ELSE 0 END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL AND m.expectation_delta_pct > ? "
        "THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL AND m.duration_improvement_pct < 0 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL AND m.verdict = 'improved' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL AND m.verdict = 'no_change' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL AND m.verdict = 'regressed' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL AND m.verdict = 'insufficient_runs' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.completed_at IS NOT NULL THEN CAST(m.before_duration_ms - m.after_duration_ms "
        "AS DOUBLE PRECISION) * COALESCE(m.runs_per_day, 1.0 / 30) ELSE 0 END) "
        "FROM measurements m") + join + filter.where);
    query.addBindValue(exceededMarginPct);
    for (const QVariant &value : filter.values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return Database::sqlError(Text::tr("Cannot compute the summary"), query.lastError());

    Summary summary;
    summary.totalMeasurements = query.value(0).toLongLong();
    summary.completedMeasurements = query.value(1).toLongLong();
    const std::optional<double> average = SqlValue::toDouble(query.value(2));
    summary.metExpectationsCount = query.value(3).toLongLong();
    const double savedMs = query.value(4).toDouble();
    summary.exceededExpectationsCount = query.value(5).toLongLong();
    summary.regressionCount = query.value(6).toLongLong();
    summary.improvedCount = query.value(7).toLongLong();
    summary.noChangeCount = query.value(8).toLongLong();
    summary.regressedCount = query.value(9).toLongLong();
    summary.insufficientRunsCount = query.value(10).toLongLong();
    // × 30 days / 3,600,000 ms an hour (SPEC §6.3).
    const double projectedMs = query.value(11).toDouble();
    query.finish();

    summary.avgImprovementPct = average ? Improvement::roundToOneDecimal(*average) : 0.0;
    if (summary.completedMeasurements > 0)
        summary.successRatePct = Improvement::roundToOneDecimal(
            double(summary.metExpectationsCount) * 100.0 / double(summary.completedMeasurements));
    summary.totalTimeSavedSeconds = Improvement::roundToOneDecimal(savedMs / 1000.0);
    summary.projectedMonthlyHoursSaved = Improvement::roundToOneDecimal(projectedMs * 30.0 / 3600000.0);
    summary.underperformedCount = summary.completedMeasurements - summary.metExpectationsCount;
    return summary;
}

Status MeasurementRepository::forEach(
    const MeasurementWindow &window, const QDateTime &now,
    const std::function<bool(const MeasurementReportRow &)> &callback) const
{
    const MeasurementWindowFilter filter(window, now);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, r.issue_type, r.title, r.estimated_improvement_pct "
                                 "FROM measurements m JOIN recommendations r "
                                 "ON r.id = m.recommendation_id%2 ORDER BY m.id")
                      .arg(selectColumns(QStringLiteral("m")), filter.where));
    for (const QVariant &value : filter.values)
        query.addBindValue(value);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the measurements"), query.lastError());
    while (query.next()) {
        if (!callback(readReportRow(query)))
            break;
    }
    if (query.lastError().isValid())
        return Database::sqlError(Text::tr("Cannot read the measurements"), query.lastError());
    return success();
}
