// DemoData on SQLite and PostgreSQL: what it reports is what it wrote, the portfolio looks
// like the product describes (about 80 % completed, some regressions, several issue types),
// every stored improvement and judgement follows SPEC §3.1–3.3, a seed reproduces it, and a
// second run adds to the first.

#include "demodata.h"
#include "importtestutil.h"
#include "improvement.h"
#include "jobrepository.h"
#include "measurementrepository.h"
#include "measurementservice.h"
#include "recommendationrepository.h"
#include "runstatistics.h"
#include "testdatabase.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ImportTest;
using namespace Qt::StringLiterals;

namespace {

const QDateTime demoNow = utc(2026, 11, 29, 12, 0);
constexpr quint64 demoSeed = 424242;

DemoData::Options demoOptions(qint64 measurements = 500)
{
    DemoData::Options options;
    options.measurements = measurements;
    options.seed = demoSeed;
    options.now = demoNow;
    return options;
}

bool sameOptional(const std::optional<double> &a, const std::optional<double> &b)
{
    return a.has_value() == b.has_value() && (!a || *a == *b);
}

QString describe(const Summary &s)
{
    return u"total %1 completed %2 avg %3 success %4 saved %5 met %6 exceeded %7 under %8"_s
        .arg(s.totalMeasurements)
        .arg(s.completedMeasurements)
        .arg(s.avgImprovementPct)
        .arg(s.successRatePct)
        .arg(s.totalTimeSavedSeconds)
        .arg(s.metExpectationsCount)
        .arg(s.exceededExpectationsCount)
        .arg(s.underperformedCount);
}

bool sameSummary(const Summary &a, const Summary &b)
{
    return a.totalMeasurements == b.totalMeasurements && a.completedMeasurements == b.completedMeasurements
           && a.avgImprovementPct == b.avgImprovementPct && a.successRatePct == b.successRatePct
           && a.totalTimeSavedSeconds == b.totalTimeSavedSeconds
           && a.metExpectationsCount == b.metExpectationsCount
           && a.exceededExpectationsCount == b.exceededExpectationsCount
           && a.underperformedCount == b.underperformedCount;
}

} // namespace

class TestDemoData : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void reportMatchesTheTables();
    void portfolioShape();
    void storedImprovementsFollowTheFormulas();
    void sameSeedSameData();
    void secondRunAdds();
    void sizeBelowOneIsRefused();
    void everyVerdictShows();

private:
    Result<DemoData::Report> generate(const Database &db, const DemoData::Options &options)
    {
        return DemoData(db).generate(options);
    }
    qint64 scalar(const Database &db, const QString &sql);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestDemoData::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
}

qint64 TestDemoData::scalar(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

void TestDemoData::reportMatchesTheTables()
{
    const auto report = generate(*m_db, demoOptions());
    REQUIRE_OK(report);
    QCOMPARE(report->measurements, 500);
    QCOMPARE(report->recommendations, 550); // a tenth more, not measured yet
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM queries"_s), report->jobs);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM recommendations"_s), report->recommendations);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements"_s), report->measurements);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements WHERE job_id_after IS NOT NULL"_s),
             report->completed);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements WHERE completed_at IS NOT NULL"_s),
             report->completed);
    // One before job per recommendation and one after job per completed measurement; the
    // recurring queries' runs, every one of them gathered by its measurement.
    QCOMPARE(report->recurring, 50);
    const qint64 recurringRuns = scalar(*m_db, u"SELECT COUNT(*) FROM measurement_runs r JOIN measurements m "
                                                "ON m.id = r.measurement_id WHERE m.similar_days IS NOT NULL"_s);
    QVERIFY2(recurringRuns > 50 * 10, qPrintable(QString::number(recurringRuns)));
    QCOMPARE(report->jobs, report->recommendations - 50 + report->completed - 50 + recurringRuns);
    // The others have their named jobs as runs, one a side.
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurement_runs"_s),
             recurringRuns + (report->measurements - 50) + (report->completed - 50));
    // Each recommendation measured at most once, unmeasured ones open, measured ones implemented.
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(DISTINCT recommendation_id) FROM measurements"_s), 500);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM recommendations WHERE status = 'open'"_s), 50);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM recommendations WHERE status = 'implemented'"_s), 500);
    // Most jobs have a profile, and every profile belongs to a job.
    const qint64 profiles = scalar(*m_db, u"SELECT COUNT(*) FROM profiles"_s);
    QVERIFY2(profiles > report->jobs * 8 / 10 && profiles <= report->jobs, qPrintable(QString::number(profiles)));
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM profiles p LEFT JOIN queries q ON q.job_id = p.job_id "
                           "WHERE q.job_id IS NULL"_s), 0);
    // Measurements reference existing recommendations and jobs (the load ran with SQLite's
    // foreign keys off).
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements m LEFT JOIN recommendations r "
                           "ON r.id = m.recommendation_id WHERE r.id IS NULL"_s), 0);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements m LEFT JOIN queries q "
                           "ON q.job_id = m.job_id_after WHERE m.job_id_after IS NOT NULL AND q.job_id IS NULL"_s), 0);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements m LEFT JOIN queries q "
                           "ON q.job_id = m.job_id_before WHERE q.job_id IS NULL"_s), 0);
    // The indexes dropped for the load are back.
    if (!m_db->isPostgres())
        QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                               "('idx_measurements_recommendation', 'idx_measurements_before_job', "
                               "'idx_measurements_after_job', 'idx_measurements_measured_at', "
                               "'idx_measurements_recorded_at', 'idx_queries_started_at', "
                               "'idx_recommendations_issue_type')"_s), 7);
}

void TestDemoData::portfolioShape()
{
    const auto report = generate(*m_db, demoOptions());
    REQUIRE_OK(report);
    const double completedShare = double(report->completed) / double(report->measurements);
    QVERIFY2(completedShare >= 0.70 && completedShare <= 0.90, qPrintable(QString::number(completedShare)));
    const qint64 regressions = scalar(*m_db, u"SELECT COUNT(*) FROM measurements WHERE duration_improvement_pct < 0"_s);
    QVERIFY2(regressions >= 1, qPrintable(QString::number(regressions)));
    QVERIFY2(regressions < report->completed / 4, qPrintable(QString::number(regressions)));
    // Open ones have nothing on the after side.
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements WHERE job_id_after IS NULL AND "
                           "(after_duration_ms IS NOT NULL OR duration_improvement_pct IS NOT NULL "
                           "OR meets_expectation IS NOT NULL OR completed_at IS NOT NULL)"_s), 0);

    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT DISTINCT issue_type FROM recommendations"_s));
    QSet<QString> types;
    while (query.next())
        types.insert(query.value(0).toString());
    QVERIFY2(types.size() >= 5, qPrintable(QStringList(types.cbegin(), types.cend()).join(u", ")));
    const QStringList known = DemoData::issueTypes();
    QCOMPARE(known.size(), 7);
    for (const QString &type : std::as_const(types))
        QVERIFY2(known.contains(type), qPrintable(type));

    QVERIFY(query.exec(u"SELECT COUNT(DISTINCT engine) FROM queries"_s) && query.next());
    QVERIFY(query.value(0).toInt() >= 3);

    // Everything is recorded within the past year, nothing after `now`.
    QVERIFY(query.exec(u"SELECT MIN(measured_at), MAX(measured_at), MAX(completed_at) FROM measurements"_s)
            && query.next());
    const auto earliest = Database::fromSqlTimestamp(query.value(0));
    const auto latest = Database::fromSqlTimestamp(query.value(1));
    const auto latestCompletion = Database::fromSqlTimestamp(query.value(2));
    QVERIFY(earliest && latest && latestCompletion);
    QVERIFY2(*earliest >= demoNow.addDays(-366), qPrintable(earliest->toString(Qt::ISODate)));
    QVERIFY2(*latest <= demoNow, qPrintable(latest->toString(Qt::ISODate)));
    QVERIFY2(*latestCompletion <= demoNow, qPrintable(latestCompletion->toString(Qt::ISODate)));
    // More recordings recently: the last 30 days hold more than a twelfth.
    MeasurementService service(*m_db);
    service.setClock([] { return demoNow; });
    const auto month = service.summary({30, std::nullopt});
    REQUIRE_OK(month);
    QVERIFY2(month->totalMeasurements > 500 / 12, qPrintable(describe(*month)));
}

void TestDemoData::storedImprovementsFollowTheFormulas()
{
    const auto report = generate(*m_db, demoOptions());
    REQUIRE_OK(report);
    const MeasurementRepository measurements(*m_db);
    const RecommendationRepository recommendations(*m_db);
    const JobRepository jobs(*m_db);
    const double tolerance = DemoData::Options().settings.tolerancePct;
    QCOMPARE(tolerance, Improvement::DefaultTolerancePct);

    QSqlQuery ids(m_db->connection());
    QVERIFY(ids.exec(u"SELECT MIN(id), MAX(id) FROM measurements"_s) && ids.next());
    const qint64 first = ids.value(0).toLongLong();
    const qint64 last = ids.value(1).toLongLong();
    QCOMPARE(last - first + 1, 500);

    int completed = 0, open = 0, withProfile = 0;
    for (qint64 id = first; id <= last; id += 3) { // a third of them
        const auto found = measurements.find(id);
        REQUIRE_OK(found);
        QVERIFY2(found.value(), qPrintable(QString::number(id)));
        const Measurement m = *found.value();
        const QString where = u"measurement %1"_s.arg(id);
        if (m.similarDays) // a recurring query's: medians of its runs (everyVerdictShows)
            continue;

        // The before metrics are those of the before job (SPEC §3.1).
        const auto beforeJob = jobs.find(m.jobIdBefore);
        REQUIRE_OK(beforeJob);
        QVERIFY2(beforeJob.value(), qPrintable(where));
        const auto beforeProfile = jobs.findProfile(m.jobIdBefore);
        REQUIRE_OK(beforeProfile);
        const JobMetrics expectedBefore = Improvement::extractMetrics(*beforeJob.value(), beforeProfile.value());
        QCOMPARE(m.before.durationMs, expectedBefore.durationMs);
        QVERIFY2(sameOptional(m.before.memoryMb, expectedBefore.memoryMb), qPrintable(where));
        QVERIFY2(sameOptional(m.before.dataScannedMb, expectedBefore.dataScannedMb), qPrintable(where));
        QCOMPARE(m.before.rowsScanned, expectedBefore.rowsScanned);
        QCOMPARE(m.before.cpuTimeMs, expectedBefore.cpuTimeMs);
        if (beforeProfile.value())
            ++withProfile;

        const auto recommendation = recommendations.find(m.recommendationId);
        REQUIRE_OK(recommendation);
        QVERIFY2(recommendation.value(), qPrintable(where));
        QCOMPARE(recommendation.value()->jobId, m.jobIdBefore);

        if (m.isOpen()) {
            ++open;
            QVERIFY(!m.after && !m.completedAt && !m.improvements.durationPct && !m.expectation.meets);
            continue;
        }
        ++completed;
        QVERIFY2(m.after && m.completedAt, qPrintable(where));
        QVERIFY2(*m.completedAt >= m.measuredAt, qPrintable(where));
        const auto afterJob = jobs.find(*m.jobIdAfter);
        REQUIRE_OK(afterJob);
        QVERIFY2(afterJob.value(), qPrintable(where));
        QCOMPARE(m.after->durationMs, afterJob.value()->durationMs);

        // Every stored improvement is the formula applied to the stored metrics.
        const Improvements computed = Improvement::compute(m.before, *m.after);
        QVERIFY2(sameOptional(m.improvements.durationPct, computed.durationPct), qPrintable(where));
        QVERIFY2(sameOptional(m.improvements.memoryPct, computed.memoryPct), qPrintable(where));
        QVERIFY2(sameOptional(m.improvements.scanPct, computed.scanPct), qPrintable(where));
        QVERIFY2(sameOptional(m.improvements.cpuPct, computed.cpuPct), qPrintable(where));
        QVERIFY2(m.improvements.durationPct, qPrintable(where)); // demo durations are never 0

        // And the judgement is SPEC §3.3's with the recommendation's estimate.
        const Expectation expected = Improvement::evaluate(
            m.improvements.durationPct, recommendation.value()->estimatedImprovementPct, tolerance);
        QCOMPARE(m.expectation.meets, expected.meets);
        QVERIFY2(sameOptional(m.expectation.deltaPct, expected.deltaPct), qPrintable(where));
        if (*m.improvements.durationPct < 0)
            QCOMPARE(m.expectation.meets, std::optional<bool>(false));
    }
    QVERIFY(completed > 100);
    QVERIFY(open > 10);
    QVERIFY(withProfile > (completed + open) * 8 / 10);

    // Over all of them, in SQL: a regression never meets.
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements WHERE duration_improvement_pct < 0 "
                           "AND meets_expectation"_s), 0);
}

void TestDemoData::sameSeedSameData()
{
    // Two fresh databases of this backend, the same seed and clock: the same portfolio.
    const auto first = generate(*m_db, demoOptions());
    REQUIRE_OK(first);
    std::unique_ptr<Database> other;
    OPEN_TEST_DATABASE(other, m_folder);
    const auto second = generate(*other, demoOptions());
    REQUIRE_OK(second);
    QCOMPARE(second->jobs, first->jobs);
    QCOMPARE(second->recommendations, first->recommendations);
    QCOMPARE(second->measurements, first->measurements);
    QCOMPARE(second->completed, first->completed);

    for (const MeasurementWindow &window :
         {MeasurementWindow{std::nullopt, std::nullopt}, MeasurementWindow{30, std::nullopt},
          MeasurementWindow{90, u"select_star"_s}, MeasurementWindow{365, u"missing_partition_filter"_s}}) {
        MeasurementService a(*m_db), b(*other);
        a.setClock([] { return demoNow; });
        b.setClock([] { return demoNow; });
        const auto sa = a.summary(window);
        const auto sb = b.summary(window);
        REQUIRE_OK(sa);
        REQUIRE_OK(sb);
        QVERIFY2(sameSummary(*sa, *sb), qPrintable(describe(*sa) + u" / "_s + describe(*sb)));
        if (!window.days && !window.issueType) {
            QCOMPARE(sa->totalMeasurements, 500);
            QCOMPARE(sa->completedMeasurements, first->completed);
        }
    }

    // Row for row: the same job IDs and the same numbers.
    auto rows = [this](const Database &db) {
        QSqlQuery query(db.connection());
        QStringList lines;
        if (!query.exec(u"SELECT id, recommendation_id, job_id_before, job_id_after, before_duration_ms, "
                        "after_duration_ms, duration_improvement_pct, meets_expectation FROM measurements "
                        "ORDER BY id"_s))
            return QStringList{query.lastError().text()};
        while (query.next()) {
            QStringList cells;
            for (int i = 0; i < 8; ++i)
                cells << (query.value(i).isNull() ? u"NULL"_s : query.value(i).toString());
            lines << cells.join(u'|');
        }
        return lines;
    };
    const QStringList a = rows(*m_db);
    QCOMPARE(a.size(), 500);
    QCOMPARE(rows(*other), a);
    QCOMPARE(scalar(*other, u"SELECT SUM(duration_ms) FROM queries"_s),
             scalar(*m_db, u"SELECT SUM(duration_ms) FROM queries"_s));

    // Another seed gives another portfolio.
    std::unique_ptr<Database> third;
    OPEN_TEST_DATABASE(third, m_folder);
    DemoData::Options otherSeed = demoOptions();
    otherSeed.seed = demoSeed + 1;
    REQUIRE_OK(generate(*third, otherSeed));
    QVERIFY(rows(*third) != a);
}

void TestDemoData::secondRunAdds()
{
    const auto first = generate(*m_db, demoOptions(300));
    REQUIRE_OK(first);
    // The same seed again on the same database: new IDs, no collision.
    const auto second = generate(*m_db, demoOptions(300));
    REQUIRE_OK(second);
    QCOMPARE(second->measurements, 300);
    QCOMPARE(second->recommendations, 330);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM queries"_s), first->jobs + second->jobs);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM recommendations"_s), 660);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements"_s), 600);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements WHERE job_id_after IS NOT NULL"_s),
             first->completed + second->completed);
    QCOMPARE(scalar(*m_db, u"SELECT MIN(id) FROM recommendations"_s), 1);
    QCOMPARE(scalar(*m_db, u"SELECT MAX(id) FROM recommendations"_s), 660);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(DISTINCT recommendation_id) FROM measurements"_s), 600);

    // A recommendation added afterwards without an id continues the numbering (PostgreSQL's
    // identity sequence was moved past the demo's explicit ids).
    QSqlQuery insert(m_db->connection());
    QVERIFY(insert.exec(u"SELECT job_id FROM queries ORDER BY job_id LIMIT 1"_s) && insert.next());
    const QString job = insert.value(0).toString();
    insert.finish();
    insert.prepare(u"INSERT INTO recommendations (job_id, issue_type) VALUES (?, 'select_star')"_s);
    insert.addBindValue(job);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    QCOMPARE(scalar(*m_db, u"SELECT MAX(id) FROM recommendations"_s), 661);

    // A third run still adds.
    const auto third = generate(*m_db, demoOptions(10));
    REQUIRE_OK(third);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM measurements"_s), 610);
}

void TestDemoData::sizeBelowOneIsRefused()
{
    const auto report = generate(*m_db, demoOptions(0));
    QVERIFY(!report.ok());
    QCOMPARE(report.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(report.error().message, u"The demo size must be at least 1, not 0"_s);
    QCOMPARE(scalar(*m_db, u"SELECT COUNT(*) FROM queries"_s), 0);
}

// A new user sees every verdict of SPEC §5.2 on the dashboard: recurring queries recorded with
// the history's runs (14 days) prove improvements, no change and regressions; single runs and
// seldom-run queries have too few runs. The counts are exact for this seed.
void TestDemoData::everyVerdictShows()
{
    const auto report = generate(*m_db, demoOptions());
    REQUIRE_OK(report);
    auto count = [this](const QString &where) {
        return scalar(*m_db, u"SELECT COUNT(*) FROM measurements WHERE "_s + where);
    };
    // Of the 50 recurring queries, 32 got faster, 10 did not change and 4 got slower; the runs
    // prove 28 of the faster ones and 3 of the slower ones. 4 ran too seldom.
    QCOMPARE(count(u"verdict = 'improved'"_s), 28);
    QCOMPARE(count(u"verdict = 'no_change'"_s), 15);
    QCOMPARE(count(u"verdict = 'regressed'"_s), 3);
    QCOMPARE(count(u"verdict = 'insufficient_runs'"_s), report->completed - 46);
    QCOMPARE(count(u"similar_days = 14"_s), 50);
    // §5.2: pending ones have none of the numbers, completed ones all that apply.
    QCOMPARE(count(u"(verdict IS NULL) <> (completed_at IS NULL)"_s), 0);
    QCOMPARE(count(u"completed_at IS NULL AND (runs_before IS NOT NULL OR runs_after IS NOT NULL)"_s), 0);
    QCOMPARE(count(u"verdict = 'insufficient_runs' AND (p_value IS NOT NULL OR improvement_ci_low_pct IS NOT NULL)"_s), 0);
    QCOMPARE(count(u"verdict <> 'insufficient_runs' AND (p_value IS NULL OR improvement_ci_low_pct IS NULL "
                   "OR improvement_ci_high_pct IS NULL OR runs_before < 4 OR runs_after < 4)"_s), 0);
    QCOMPARE(count(u"verdict = 'improved' AND improvement_ci_low_pct <= 0"_s), 0);
    QCOMPARE(count(u"verdict = 'regressed' AND improvement_ci_high_pct >= 0"_s), 0);
    // All of them recorded within the last month, so the dashboard's default window shows them.
    MeasurementService service(*m_db);
    service.setClock([] { return demoNow; });
    const auto month = service.summary({30, std::nullopt});
    REQUIRE_OK(month);
    QCOMPARE(month->improvedCount, 28);
    QCOMPARE(month->noChangeCount, 15);
    QCOMPARE(month->regressedCount, 3);
    QVERIFY2(month->insufficientRunsCount > 4, qPrintable(QString::number(month->insufficientRunsCount)));
    // A recurring measurement's stored numbers are §5.2's over its runs as the history holds them.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT id, verdict, improvement_ci_low_pct, improvement_ci_high_pct, before_duration_ms "
                       "FROM measurements WHERE similar_days IS NOT NULL ORDER BY id LIMIT 5"_s));
    QList<std::tuple<qint64, QString, double, double, double>> stored;
    while (query.next())
        stored.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toDouble(),
                       query.value(3).toDouble(), query.value(4).toDouble()});
    query.finish();
    QCOMPARE(stored.size(), 5);
    for (const auto &[id, verdict, low, high, beforeMs] : std::as_const(stored)) {
        std::vector<double> sides[2];
        QSqlQuery runs(m_db->connection());
        runs.prepare(u"SELECT r.side, q.duration_ms FROM measurement_runs r JOIN queries q ON q.job_id = r.job_id "
                     "WHERE r.measurement_id = ?"_s);
        runs.addBindValue(id);
        QVERIFY(runs.exec());
        while (runs.next())
            sides[runs.value(0).toString() == u"before"_s ? 0 : 1].push_back(runs.value(1).toDouble());
        QVERIFY(sides[0].size() >= 6 && sides[1].size() >= 4);
        const RunStatistics::RunComparison expected = RunStatistics::compare(sides[0], sides[1]);
        QCOMPARE(RunStatistics::verdictName(expected.verdict), verdict);
        QCOMPARE(*expected.beforeDurationMs, beforeMs);
        QVERIFY2(std::abs(*expected.ciLowPct - low) < 1e-6 && std::abs(*expected.ciHighPct - high) < 1e-6,
                 qPrintable(u"%1: %2 … %3 stored, %4 … %5 computed"_s.arg(id).arg(low).arg(high)
                                .arg(*expected.ciLowPct).arg(*expected.ciHighPct)));
    }
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
