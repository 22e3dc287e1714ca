#include "demodata.h"

#include "suspendedindexes.h"

#include "batchinserter.h"
#include "recurringsavings.h"
#include "demorecurring.h"
#include "demovocabulary.h"
#include "improvement.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <cmath>
#include <random>

using namespace DemoVocabulary;

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
    // Measurement ids are given, so that their runs can name them in the same load.
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM measurements")) || !query.next())
        return Database::sqlError(Text::tr("Cannot read measurements"), query.lastError());
    qint64 nextMeasurementId = query.value(0).toLongLong() + 1;
    query.finish();

    // Building an index once over sorted data is much faster than growing it row by row.
    SuspendedIndexes indexes(m_database, {QStringLiteral("queries"), QStringLiteral("profiles"),
                                          QStringLiteral("recommendations"), QStringLiteral("measurements"),
                                          QStringLiteral("measurement_runs")});
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
        QStringLiteral("INSERT INTO measurements (id, recommendation_id, job_id_before, job_id_after, "
                       "before_duration_ms, before_memory_mb, before_data_scanned_mb, "
                       "before_rows_scanned, before_rows_returned, before_partitions_scanned, "
                       "before_cpu_time_ms, after_duration_ms, after_memory_mb, after_data_scanned_mb, "
                       "after_rows_scanned, after_rows_returned, after_partitions_scanned, "
                       "after_cpu_time_ms, duration_improvement_pct, memory_reduction_pct, "
                       "scan_reduction_pct, cpu_reduction_pct, meets_expectation, "
                       "expectation_delta_pct, validation_notes, measured_at, measured_by, completed_at, "
                       "runs_before, runs_after, verdict)"),
        31);
    measurements.setDependsOn(&recommendations);
    BatchInserter runs(m_database,
                       QStringLiteral("INSERT INTO measurement_runs (measurement_id, side, job_id)"), 3);
    runs.setDependsOn(&measurements);

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
    // Of the measurements, those of recurring queries come last, recorded with their runs; the
    // others compare one run with one (SPEC §5.2: insufficient runs).
    const qint64 recurring = DemoRecurring::countFor(total);
    const qint64 single = total - recurring;
    const qint64 steps = total + unmeasured + recurring; // the recurring ones twice: planted, recorded
    for (qint64 i = 0; i < single + unmeasured; ++i) {
        const bool measured = i < single;
        const IssueProfile &issue = issueProfiles[pickWeighted(random, issueProfiles)];
        const EngineStyle &engine = engines[pickWeighted(random, engines)];
        const QString table = QLatin1String(tables[random() % tables.size()]);
        const QString user = QLatin1String(users[random() % users.size()]);
        const QString warehouse = QLatin1String(engine.warehouses[random() % 3]);
        // The recurring queries' recommendations come between the measured and the unmeasured
        // ones: the newest recommendations are those waiting for a measurement.
        const qint64 recommendationId = firstRecommendationId + i + (measured ? 0 : recurring);

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
        const qint64 measurementId = nextMeasurementId++;
        QVariantList row{measurementId, m.recommendationId, m.jobIdBefore,
                         m.jobIdAfter ? QVariant(*m.jobIdAfter) : nullText};
        row << metrics(m.before) << metrics(m.after);
        row << sqlOf(m.improvements.durationPct, nullReal) << sqlOf(m.improvements.memoryPct, nullReal)
            << sqlOf(m.improvements.scanPct, nullReal) << sqlOf(m.improvements.cpuPct, nullReal)
            << (m.expectation.meets ? QVariant(*m.expectation.meets) : QVariant(QMetaType::fromType<bool>()))
            << sqlOf(m.expectation.deltaPct, nullReal) << nullText
            << Database::toSqlTimestamp(m.measuredAt) << *m.measuredBy
            << Database::toSqlTimestamp(m.completedAt);
        // One run a side, as MeasurementService records it: no p-value, no interval.
        if (m.jobIdAfter)
            row << 1 << 1 << QStringLiteral("insufficient_runs");
        else
            row << nullNumber << nullNumber << nullText;
        if (Status s = measurements.add(std::move(row)); !s)
            return s.error();
        if (Status s = runs.add({measurementId, QStringLiteral("before"), m.jobIdBefore}); !s)
            return s.error();
        if (m.jobIdAfter)
            if (Status s = runs.add({measurementId, QStringLiteral("after"), *m.jobIdAfter}); !s)
                return s.error();
        ++report.measurements;

        if (options.progress && i % 2048 == 0 && !options.progress(i, steps))
            return Error::canceled();
    }
    // The recurring queries' runs and recommendations, after all the others.
    const auto planted = DemoRecurring::plant({jobs, profiles, recommendations}, random, options.now, run,
                                              firstRecommendationId + single,
                                              quint64(single + unmeasured + 1) << 1, recurring, report.jobs);
    if (!planted)
        return planted.error();
    report.recommendations += recurring;
    if (Status s = runs.flush(); !s)
        return s.error();
    if (Status s = jobs.flush(); !s)
        return s.error();
    if (Status s = profiles.flush(); !s)
        return s.error();
    if (Status s = recommendations.flush(); !s)
        return s.error();
    if (Status rebuilt = indexes.restore(); !rebuilt)
        return rebuilt.error();
    // How often each measured query ran (SPEC §6.3), from the history just written.
    if (Status filled = RecurringSavings::fill(m_database.connection()); !filled)
        return filled.error();
    if (m_database.isPostgres()) {
        if (!query.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('recommendations', 'id'), "
                                       "(SELECT MAX(id) FROM recommendations))")))
            return Database::sqlError(Text::tr("Cannot advance the id sequence"), query.lastError());
        if (!query.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('measurements', 'id'), "
                                       "(SELECT COALESCE(MAX(id), 1) FROM measurements))")))
            return Database::sqlError(Text::tr("Cannot advance the id sequence"), query.lastError());
    }
    for (const char *table : {"queries", "recommendations", "measurements"})
        transaction.announce(QString::fromLatin1(table));
    if (Status committed = transaction.commit(); !committed)
        return committed.error();

    // The recurring queries' measurements, recorded as an analyst would: one transaction each side.
    const qint64 recordedFrom = single + unmeasured + recurring;
    if (Status recorded = DemoRecurring::record(m_database, options.settings, *planted,
                                                [&](qint64 done) {
                                                    return !options.progress
                                                           || options.progress(recordedFrom + done, steps);
                                                });
        !recorded)
        return recorded.error();
    report.measurements += recurring;
    report.completed += recurring;
    report.recurring = recurring;
    return report;
}
