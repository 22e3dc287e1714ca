#pragma once

// Hand-made measurements for the measurements page's tests: rows written as they are, so that
// every sort key has ties and NULLs and every verdict occurs, on SQLite and PostgreSQL alike.

#include "database.h"
#include "measurementrepository.h"
#include "sqlvalues.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

namespace MeasurementFixture {

inline const QDateTime now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

inline bool exec(const Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(database.connection());
    if (!query.prepare(sql)) {
        qWarning("prepare failed: %s", qPrintable(query.lastError().text()));
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qWarning("exec failed: %s", qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

inline bool addJob(const Database &database, const QString &jobId, qint64 durationMs = 1000)
{
    return exec(database,
                QStringLiteral("INSERT INTO queries (job_id, engine, duration_ms) VALUES (?, 'generic', ?)"),
                {jobId, durationMs});
}

inline bool addRecommendation(const Database &database, qint64 id, const QString &jobId,
                              const QString &issueType, const std::optional<QString> &title,
                              std::optional<double> estimate)
{
    return exec(database,
                QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, title, "
                               "estimated_improvement_pct, status) VALUES (?, ?, ?, ?, ?, 'open')"),
                {id, jobId, issueType, SqlValue::of(title), SqlValue::of(estimate)});
}

// The ids a query returns, in its order.
inline QList<qint64> ids(const Database &database, const QString &sql, const QVariantList &values = {})
{
    QList<qint64> result;
    QSqlQuery query(database.connection());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qWarning("query failed: %s", qPrintable(query.lastError().text()));
        return {-1};
    }
    while (query.next())
        result << query.value(0).toLongLong();
    return result;
}

// A measurement in one of the four states, with its values as given.
struct Row
{
    qint64 recommendationId = 1;
    QString jobBefore;
    std::optional<QString> jobAfter; // none: pending
    qint64 beforeMs = 1000;
    std::optional<qint64> afterMs;
    std::optional<double> durationPct;
    std::optional<double> memoryPct;
    std::optional<double> scanPct;
    std::optional<double> cpuPct;
    std::optional<bool> meets;
    std::optional<double> deltaPct;
    QDateTime measuredAt = now.addDays(-1);
    std::optional<QDateTime> completedAt;
    std::optional<QString> notes;
    // SPEC §5.2 (none while pending)
    std::optional<int> runsBefore;
    std::optional<int> runsAfter;
    std::optional<double> pValue;
    std::optional<double> ciLowPct;
    std::optional<double> ciHighPct;
    std::optional<RunStatistics::Verdict> verdict;
    std::optional<double> runsPerDay; // SPEC §6.3
};

inline Row pendingRow(qint64 recommendationId, const QString &jobBefore, qint64 beforeMs = 1000)
{
    Row row;
    row.recommendationId = recommendationId;
    row.jobBefore = jobBefore;
    row.beforeMs = beforeMs;
    return row;
}

inline Row completedRow(qint64 recommendationId, const QString &jobBefore, const QString &jobAfter,
                        qint64 beforeMs, qint64 afterMs, std::optional<double> durationPct)
{
    Row row = pendingRow(recommendationId, jobBefore, beforeMs);
    row.jobAfter = jobAfter;
    row.afterMs = afterMs;
    row.durationPct = durationPct;
    return row;
}

inline qint64 addMeasurement(const Database &database, const Row &row)
{
    Measurement m;
    m.recommendationId = row.recommendationId;
    m.jobIdBefore = row.jobBefore;
    m.jobIdAfter = row.jobAfter;
    m.before.durationMs = row.beforeMs;
    m.before.memoryMb = 512.0;
    m.before.dataScannedMb = 2048.0;
    m.before.rowsScanned = 1000000;
    m.before.rowsReturned = 50;
    m.before.partitionsScanned = 30;
    m.before.cpuTimeMs = 9000;
    if (row.jobAfter) {
        JobMetrics after;
        after.durationMs = row.afterMs.value_or(0);
        after.memoryMb = 256.0;
        after.dataScannedMb = 1024.0;
        after.rowsScanned = 250000;
        after.rowsReturned = 50;
        after.partitionsScanned = 3;
        after.cpuTimeMs = 4000;
        m.after = after;
    }
    m.improvements = {row.durationPct, row.memoryPct, row.scanPct, row.cpuPct};
    m.expectation = {row.meets, row.deltaPct};
    m.validationNotes = row.notes;
    m.measuredAt = row.measuredAt;
    m.measuredBy = QStringLiteral("tester");
    m.completedAt = row.completedAt;
    m.runsBefore = row.runsBefore;
    m.runsAfter = row.runsAfter;
    m.pValue = row.pValue;
    m.ciLowPct = row.ciLowPct;
    m.ciHighPct = row.ciHighPct;
    m.verdict = row.verdict;
    m.runsPerDay = row.runsPerDay;
    const Result<qint64> id = MeasurementRepository(database).insert(m);
    if (!id) {
        qWarning("insert failed: %s", qPrintable(id.error().message));
        return -1;
    }
    return *id;
}

// `count` measurements over 12 recommendations and 4 issue types, drawn from small sets of
// values so that every sort key has ties, with NULLs wherever the schema allows them. Job IDs
// mix upper and lower case. Deterministic.
inline bool addMixedMeasurements(const Database &database, int count)
{
    QRandomGenerator random(4242);
    const QStringList issueTypes{QStringLiteral("select_star"), QStringLiteral("missing_partition_filter"),
                                 QStringLiteral("cartesian_join"), QStringLiteral("unnecessary_sort")};
    const QList<std::optional<QString>> titles{
        QStringLiteral("Add a partition filter on orders"), std::nullopt,
        QStringLiteral("Select only the needed columns"), QStringLiteral("cluster Events on date"),
        QStringLiteral("Select only the needed columns")};
    const QList<std::optional<double>> estimates{30.0, std::nullopt, 55.5, 10.0, 30.0};
    for (int j = 0; j < 40; ++j)
        if (!addJob(database, (j % 2 ? QStringLiteral("Job-%1") : QStringLiteral("job-%1")).arg(j, 3, 10, QLatin1Char('0'))))
            return false;
    for (int r = 1; r <= 12; ++r)
        if (!addRecommendation(database, r, QStringLiteral("job-000"), issueTypes[r % issueTypes.size()],
                               titles[r % titles.size()], estimates[r % estimates.size()]))
            return false;
    const QList<std::optional<double>> pcts{std::nullopt, -12.5, 0.0, 12.5, 12.5, 47.25, 80.0};
    auto pick = [&random](const auto &list) { return list[int(random.bounded(int(list.size())))]; };
    auto job = [&random] {
        const int j = int(random.bounded(40));
        return (j % 2 ? QStringLiteral("Job-%1") : QStringLiteral("job-%1")).arg(j, 3, 10, QLatin1Char('0'));
    };
    for (int i = 0; i < count; ++i) {
        Row row;
        row.recommendationId = 1 + random.bounded(12);
        row.jobBefore = job();
        row.beforeMs = QList<qint64>{0, 100, 100, 250, 1000}[random.bounded(5)];
        row.measuredAt = now.addDays(-qint64(random.bounded(60))).addSecs(-3600 * qint64(random.bounded(3)));
        if (random.bounded(5) != 0) { // completed
            row.jobAfter = job();
            row.afterMs = QList<qint64>{0, 50, 100, 400}[random.bounded(4)];
            row.durationPct = row.beforeMs > 0 ? pick(pcts) : std::nullopt;
            row.memoryPct = pick(pcts);
            row.scanPct = pick(pcts);
            row.cpuPct = pick(pcts);
            if (row.durationPct) {
                row.meets = random.bounded(2) == 1 && *row.durationPct >= 0;
                row.deltaPct = pick(pcts);
            }
            row.completedAt = row.measuredAt.addDays(random.bounded(3));
            // The numbers of the runs, from the row's number (no draw: the rows above stay
            // as they were), so that every verdict occurs with ties and NULLs.
            using Verdict = RunStatistics::Verdict;
            const Verdict verdicts[] = {Verdict::InsufficientRuns, Verdict::Improved, Verdict::NoChange,
                                        Verdict::Regressed, Verdict::Improved};
            row.verdict = verdicts[i % 5];
            row.runsBefore = row.verdict == Verdict::InsufficientRuns ? 1 : 3 + i % 4;
            row.runsAfter = row.verdict == Verdict::InsufficientRuns ? 1 : 2 + i % 3;
            row.runsPerDay = QList<double>{1.0 / 30, 0.5, 2.0, 0.5, 16.7, 1.0 / 30}[i % 6];
            if (row.verdict != Verdict::InsufficientRuns) {
                row.pValue = 0.001 * (1 + i % 7);
                row.ciLowPct = QList<double>{-40.0, -5.0, 5.0, 5.0, 20.5}[i % 5];
                row.ciHighPct = *row.ciLowPct + 10.0 * (1 + i % 2);
            }
        }
        if (addMeasurement(database, row) < 0)
            return false;
    }
    return true;
}

} // namespace MeasurementFixture
