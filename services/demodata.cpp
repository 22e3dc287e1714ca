#include "demodata.h"

#include "suspendedindexes.h"

#include "batchinserter.h"
#include "improvement.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <cmath>
#include <random>

namespace {

struct IssueProfile
{
    const char *issueType;
    double weight;          // share of recommendations
    double estimateLow;     // the analysis engine's estimate, uniform in [low, high]
    double estimateHigh;
    double actualMean;      // the improvement really obtained, normal
    double actualSpread;
    double scanFactor;      // how much of the duration gain shows in bytes scanned
    const char *title;
    const char *queryShape;
};

// Partition filters and cartesian joins pay off big; SELECT * and sort removal modestly.
constexpr std::array<IssueProfile, 7> issueProfiles{{
    {"missing_partition_filter", 0.26, 55, 85, 68, 16, 1.10, "Add a partition filter on %1",
     "SELECT * FROM %1 WHERE event_date >= CURRENT_DATE - 7"},
    {"select_star", 0.20, 20, 45, 24, 14, 0.90, "Select only the needed columns of %1",
     "SELECT * FROM %1 JOIN dim_customer USING (customer_id)"},
    {"missing_clustering", 0.15, 35, 65, 38, 20, 0.95, "Cluster %1 on event_date",
     "SELECT region, SUM(amount) FROM %1 WHERE event_date = '2026-10-01' GROUP BY region"},
    {"cartesian_join", 0.08, 80, 95, 86, 9, 0.40, "Add the missing join condition to %1",
     "SELECT o.id, c.name FROM %1 o, dim_customer c WHERE o.amount > 100"},
    {"inefficient_join_order", 0.13, 25, 55, 30, 18, 0.30, "Join the small dimension first in %1",
     "SELECT * FROM %1 f JOIN dim_product p ON p.id = f.product_id JOIN dim_store s ON s.id = f.store_id"},
    {"unnecessary_sort", 0.10, 10, 30, 14, 10, 0.05, "Drop the ORDER BY inside the subquery on %1",
     "SELECT * FROM (SELECT * FROM %1 ORDER BY created_at) t LIMIT 100"},
    {"repeated_subquery", 0.08, 30, 60, 41, 17, 0.60, "Compute the repeated subquery on %1 once",
     "SELECT a.*, (SELECT MAX(ts) FROM %1) FROM %1 a WHERE a.ts > (SELECT MAX(ts) - 1 FROM %1)"},
}};

constexpr std::array<const char *, 12> tables{
    "analytics.fact_orders",  "analytics.fact_events",  "sales.order_lines",
    "marketing.web_sessions", "finance.ledger_entries", "ops.shipments",
    "product.page_views",     "analytics.fact_clicks",  "crm.contacts_history",
    "sales.invoices",         "ops.sensor_readings",    "finance.payments"};

struct EngineStyle
{
    const char *engine;
    double weight;
    const char *warehouses[3];
};

constexpr std::array<EngineStyle, 5> engines{{
    {"snowflake", 0.35, {"ANALYTICS_WH", "REPORTING_WH", "ETL_WH"}},
    {"bigquery", 0.25, {"reservation-default", "reservation-etl", "on-demand"}},
    {"databricks", 0.20, {"sql-warehouse-small", "sql-warehouse-medium", "serverless"}},
    {"dremio", 0.10, {"default", "reflections", "adhoc"}},
    {"postgres", 0.10, {"primary", "replica-1", "replica-2"}},
}};

constexpr std::array<const char *, 8> users{"ana.silva", "ben.okafor", "chen.wei", "dana.kowalski",
                                            "elif.yilmaz", "farid.haddad", "grace.lindqvist",
                                            "hiro.tanaka"};

quint64 splitMix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// A job ID in the style of the engine that ran it. Its leading digits count up (as
// Snowflake's and Databricks' time-ordered IDs do), so a million of them append to the
// primary-key index instead of landing at random pages; the rest is random per run, so a
// second demo run never collides with the first.
QString jobIdFor(const char *engine, quint64 sequence, quint64 run)
{
    const quint64 a = splitMix(run ^ sequence), b = splitMix(a);
    auto hex = [](quint64 value, int digits) {
        return QString::number(value, 16).rightJustified(digits, QLatin1Char('0')).right(digits);
    };
    const QLatin1String engineName(engine);
    if (engineName == QLatin1String("bigquery"))
        return QStringLiteral("bquxjob_") + hex(0x3c91a00000ull + sequence, 10) + u'_' + hex(a, 11);
    if (engineName == QLatin1String("postgres"))
        return QStringLiteral("pg-") + QString::number(4'180'000'000'000ull + sequence) + u'-' + hex(a, 8);
    const QString counter = hex(0x1b5e4c000000ull + sequence, 12);
    QString uuid = counter.left(8) + u'-' + counter.mid(8) + u'-' + hex(a >> 48, 4) + u'-'
                   + hex(a >> 32, 4) + u'-' + hex(b, 12);
    if (engineName == QLatin1String("snowflake"))
        uuid.replace(0, 3, QStringLiteral("01b"));
    return uuid;
}

template<typename Items>
int pickWeighted(std::mt19937_64 &random, const Items &items)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    double r = unit(random);
    for (int i = 0; i < int(items.size()); ++i) {
        r -= items[i].weight;
        if (r <= 0)
            return i;
    }
    return int(items.size()) - 1;
}

} // namespace

QStringList DemoData::issueTypes()
{
    QStringList names;
    for (const IssueProfile &profile : issueProfiles)
        names << QLatin1String(profile.issueType);
    return names;
}

Result<DemoData::Report> DemoData::generate(const Options &options) const
{
    if (options.measurements < 1)
        return Error::invalidInput(
            Text::tr("The demo size must be at least 1, not %1").arg(options.measurements));

    const Database::BulkWriteScope bulk(m_database, Database::BulkWriteScope::Trust::GeneratedRows);
    const QSqlDatabase connection = m_database.connection();
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();

    QSqlQuery query(connection);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM recommendations"))
        || !query.next())
        return Database::sqlError(Text::tr("Cannot read recommendations"), query.lastError());
    const qint64 firstRecommendationId = query.value(0).toLongLong() + 1;
    // Salt the job IDs with what is there, so a second demo run adds rather than collides.
    const quint64 run = splitMix(options.seed ^ quint64(query.value(1).toLongLong()) << 20);
    query.finish();

    // Building an index once over sorted data is much faster than growing it row by row.
    SuspendedIndexes indexes(m_database, {QStringLiteral("queries"), QStringLiteral("profiles"),
                                          QStringLiteral("recommendations"), QStringLiteral("measurements")});
    if (Status suspended = indexes.suspend(); !suspended)
        return suspended.error();

    BatchInserter jobs(m_database,
                       QStringLiteral("INSERT INTO queries (job_id, query_text, query_hash, engine, "
                                      "user_name, warehouse, started_at, duration_ms, status)"),
                       9);
    BatchInserter profiles(m_database,
                           QStringLiteral("INSERT INTO profiles (job_id, memory_allocated, data_scanned, "
                                          "rows_scanned, rows_returned, partitions_scanned, cpu_time_ms)"),
                           7);
    profiles.setDependsOn(&jobs);
    BatchInserter recommendations(
        m_database,
        QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, title, description, "
                       "estimated_improvement_pct, status, created_at, implemented_at)"),
        9);
    recommendations.setDependsOn(&profiles);
    BatchInserter measurements(
        m_database,
        QStringLiteral("INSERT INTO measurements (recommendation_id, job_id_before, job_id_after, "
                       "before_duration_ms, before_memory_mb, before_data_scanned_mb, "
                       "before_rows_scanned, before_rows_returned, before_partitions_scanned, "
                       "before_cpu_time_ms, after_duration_ms, after_memory_mb, after_data_scanned_mb, "
                       "after_rows_scanned, after_rows_returned, after_partitions_scanned, "
                       "after_cpu_time_ms, duration_improvement_pct, memory_reduction_pct, "
                       "scan_reduction_pct, cpu_reduction_pct, meets_expectation, "
                       "expectation_delta_pct, validation_notes, measured_at, measured_by, completed_at)"),
        27);
    measurements.setDependsOn(&recommendations);

    std::mt19937_64 random(options.seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::lognormal_distribution<double> durationSpread(std::log(42000.0), 1.15);
    const QVariant nullText(QMetaType::fromType<QString>());
    const QVariant nullNumber(QMetaType::fromType<qint64>());
    const QVariant nullReal(QMetaType::fromType<double>());

    auto sqlOf = [](const std::optional<double> &v, const QVariant &null) {
        return v ? QVariant(*v) : null;
    };
    auto profileOf = [&](const QString &jobId, qint64 durationMs, double memoryBytes,
                         double scannedBytes, double rowsScanned, qint64 rowsReturned,
                         double partitions, double parallelism, Profile &profile) -> QVariantList {
        profile.jobId = jobId;
        profile.memoryAllocated = qint64(std::max(0.0, memoryBytes));
        profile.dataScanned = qint64(std::max(0.0, scannedBytes));
        profile.rowsScanned = qint64(std::max(0.0, rowsScanned));
        profile.rowsReturned = rowsReturned;
        profile.partitionsScanned = qint64(std::max(1.0, partitions));
        profile.cpuTimeMs = qint64(double(durationMs) * parallelism);
        return {jobId, *profile.memoryAllocated, *profile.dataScanned, *profile.rowsScanned,
                *profile.rowsReturned, *profile.partitionsScanned, *profile.cpuTimeMs};
    };

    Report report;
    const qint64 total = options.measurements;
    // A tenth as many recommendations again have no measurement yet, for "Start measurement".
    const qint64 unmeasured = std::max<qint64>(total / 10, 1);
    for (qint64 i = 0; i < total + unmeasured; ++i) {
        const bool measured = i < total;
        const IssueProfile &issue = issueProfiles[pickWeighted(random, issueProfiles)];
        const EngineStyle &engine = engines[pickWeighted(random, engines)];
        const QString table = QLatin1String(tables[random() % tables.size()]);
        const QString user = QLatin1String(users[random() % users.size()]);
        const QString warehouse = QLatin1String(engine.warehouses[random() % 3]);
        const qint64 recommendationId = firstRecommendationId + i;

        // When: more recordings recently (days ago skewed towards 0), over one year.
        const double daysAgo = 365.0 * std::pow(unit(random), 1.6);
        const QDateTime measuredAt = options.now.addMSecs(-qint64(daysAgo * 86400000.0));
        const QDateTime beforeRan = measuredAt.addSecs(-qint64(3600 + unit(random) * 6 * 86400));

        // The before job.
        const qint64 beforeMs = std::clamp<qint64>(qint64(durationSpread(random)), 180, 6 * 3600 * 1000);
        const double memoryBytes = 64.0 * 1048576 * std::exp(1.3 * gauss(random) + 1.5);
        const double scannedBytes = double(beforeMs) * 2.5e5 * std::exp(0.9 * gauss(random));
        const double rowsScanned = scannedBytes / (80 + 200 * unit(random));
        const qint64 rowsReturned = qint64(std::exp(4 + 3 * unit(random)));
        const double partitions = scannedBytes / 1.6e7;
        const double parallelism = 1.5 + 10 * unit(random);
        const bool hasProfile = unit(random) > 0.05;

        const QString beforeId = jobIdFor(engine.engine, quint64(i) << 1, run);
        const QString queryText = QString::fromLatin1(issue.queryShape).arg(table);
        const QString queryHash = QStringLiteral("%1").arg(splitMix(qHash(queryText)), 16, 16, QLatin1Char('0'));
        if (Status s = jobs.add({beforeId, queryText, queryHash, QLatin1String(engine.engine), user,
                                 warehouse, Database::toSqlTimestamp(beforeRan), beforeMs,
                                 QStringLiteral("success")});
            !s)
            return s.error();
        ++report.jobs;
        Job beforeJob;
        beforeJob.durationMs = beforeMs;
        std::optional<Profile> beforeProfile;
        if (hasProfile) {
            Profile profile;
            if (Status s = profiles.add(profileOf(beforeId, beforeMs, memoryBytes, scannedBytes,
                                                  rowsScanned, rowsReturned, partitions,
                                                  parallelism, profile));
                !s)
                return s.error();
            beforeProfile = profile;
        }

        // The recommendation: the engine's estimate, sometimes missing.
        std::optional<double> estimate;
        if (unit(random) > 0.03)
            estimate = std::round(issue.estimateLow + (issue.estimateHigh - issue.estimateLow) * unit(random));
        const bool completed = measured && unit(random) < 0.8;
        const QDateTime createdAt = measuredAt.addSecs(-qint64(unit(random) * 3 * 86400));
        const QString status = !measured ? QStringLiteral("open") : QStringLiteral("implemented");
        if (Status s = recommendations.add(
                {recommendationId, beforeId, QLatin1String(issue.issueType),
                 QString::fromLatin1(issue.title).arg(table),
                 QStringLiteral("Seen in %1 runs of this query on %2 last month.")
                     .arg(3 + random() % 60)
                     .arg(warehouse),
                 sqlOf(estimate, nullReal), status, Database::toSqlTimestamp(createdAt),
                 measured ? Database::toSqlTimestamp(measuredAt) : nullText});
            !s)
            return s.error();
        ++report.recommendations;
        if (!measured)
            continue;

        Measurement m;
        m.recommendationId = recommendationId;
        m.jobIdBefore = beforeId;
        m.before = Improvement::extractMetrics(beforeJob, beforeProfile);
        m.measuredAt = measuredAt;
        m.measuredBy = user;

        if (completed) {
            // What the optimization really did: usually near its type's mean, sometimes a
            // regression (the new plan was worse), never beyond 99.5 %.
            double actual = issue.actualMean + issue.actualSpread * gauss(random);
            if (unit(random) < 0.06)
                actual = -(3 + 35 * unit(random));
            actual = std::min(actual, 99.5);
            const qint64 afterMs = std::max<qint64>(1, qint64(std::llround(double(beforeMs) * (1 - actual / 100))));
            const double scanGain = std::clamp(actual * issue.scanFactor + 6 * gauss(random), -60.0, 99.9);
            const double memoryGain = std::clamp(actual * 0.6 + 10 * gauss(random), -80.0, 95.0);
            const double cpuGain = std::clamp(actual + 8 * gauss(random), -90.0, 99.5);
            // An hour to ten days after the before recording, and not in the future: spread over
            // what is left of those days (clamping to now piled the recent ones on one minute).
            const qint64 room = std::clamp<qint64>(measuredAt.secsTo(options.now) - 60, 0, 10 * 86400);
            const qint64 soonest = std::min<qint64>(3600, room);
            const QDateTime completedAt =
                measuredAt.addSecs(soonest + qint64(unit(random) * double(room - soonest)));

            const QString afterId = jobIdFor(engine.engine, quint64(i) << 1 | 1, run);
            if (Status s = jobs.add({afterId, queryText + QStringLiteral(" -- optimized"),
                                     QStringLiteral("%1").arg(splitMix(qHash(queryText) + 1), 16, 16, QLatin1Char('0')),
                                     QLatin1String(engine.engine), user, warehouse,
                                     Database::toSqlTimestamp(completedAt.addSecs(-600)), afterMs,
                                     QStringLiteral("success")});
                !s)
                return s.error();
            ++report.jobs;
            Job afterJob;
            afterJob.durationMs = afterMs;
            std::optional<Profile> afterProfile;
            if (hasProfile) {
                Profile profile;
                const double afterScanned = scannedBytes * (1 - scanGain / 100);
                if (Status s = profiles.add(profileOf(
                        afterId, afterMs, memoryBytes * (1 - memoryGain / 100), afterScanned,
                        rowsScanned * (1 - scanGain / 100), rowsReturned, partitions * (1 - scanGain / 100),
                        parallelism * (1 - cpuGain / 100) / std::max(0.005, 1 - actual / 100), profile));
                    !s)
                    return s.error();
                afterProfile = profile;
            }
            m.jobIdAfter = afterId;
            m.after = Improvement::extractMetrics(afterJob, afterProfile);
            m.improvements = Improvement::compute(m.before, *m.after);
            m.expectation = Improvement::evaluate(m.improvements.durationPct, estimate,
                                                  options.settings.tolerancePct);
            m.completedAt = completedAt;
            ++report.completed;
        }

        const auto metrics = [&](const std::optional<JobMetrics> &j) -> QVariantList {
            if (!j)
                return {nullReal, nullReal, nullReal, nullNumber, nullNumber, nullNumber, nullNumber};
            return {j->durationMs, sqlOf(j->memoryMb, nullReal), sqlOf(j->dataScannedMb, nullReal),
                    j->rowsScanned ? QVariant(*j->rowsScanned) : nullNumber,
                    j->rowsReturned ? QVariant(*j->rowsReturned) : nullNumber,
                    j->partitionsScanned ? QVariant(*j->partitionsScanned) : nullNumber,
                    j->cpuTimeMs ? QVariant(*j->cpuTimeMs) : nullNumber};
        };
        QVariantList row{m.recommendationId, m.jobIdBefore, m.jobIdAfter ? QVariant(*m.jobIdAfter) : nullText};
        row << metrics(m.before) << metrics(m.after);
        row << sqlOf(m.improvements.durationPct, nullReal) << sqlOf(m.improvements.memoryPct, nullReal)
            << sqlOf(m.improvements.scanPct, nullReal) << sqlOf(m.improvements.cpuPct, nullReal)
            << (m.expectation.meets ? QVariant(*m.expectation.meets) : QVariant(QMetaType::fromType<bool>()))
            << sqlOf(m.expectation.deltaPct, nullReal) << nullText
            << Database::toSqlTimestamp(m.measuredAt) << *m.measuredBy
            << Database::toSqlTimestamp(m.completedAt);
        if (Status s = measurements.add(std::move(row)); !s)
            return s.error();
        ++report.measurements;

        if (options.progress && i % 2048 == 0 && !options.progress(i, total + unmeasured))
            return Error::canceled();
    }
    if (Status s = measurements.flush(); !s)
        return s.error();
    if (Status rebuilt = indexes.restore(); !rebuilt)
        return rebuilt.error();
    if (m_database.isPostgres()) {
        if (!query.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('recommendations', 'id'), "
                                       "(SELECT MAX(id) FROM recommendations))")))
            return Database::sqlError(Text::tr("Cannot advance the id sequence"), query.lastError());
    }
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return report;
}
