// Runs, noise and verdicts (SPEC §5) on a real SQLite file and a real PostgreSQL server: the
// runs --similar gathers from the history (§5.1), the numbers drawn from them (§5.2, values
// from R), refresh, undo, and the migration that gives old measurements their runs.

#include "measurementrepository.h"
#include "measurementruns.h"
#include "measurementservice.h"
#include "migrations.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using OptionalDouble = std::optional<double>;
using OptionalInt = std::optional<int>;
using Verdict = RunStatistics::Verdict;

namespace {

// When the after job K started: the split between the two sides.
const QDateTime T0(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);
const QDateTime Now(QDate(2026, 3, 31), QTime(9, 0), Qt::UTC);
constexpr qint64 Hour = 3600, Day = 24 * Hour;

struct JobSpec
{
    QString id;
    QString hash; // empty: NULL
    std::optional<qint64> offsetSeconds; // from T0; none: no started_at
    double durationMs = 0;
    QString status = QStringLiteral("success");
    bool cacheHit = false;
};

// The values R gives for the seven before and five after runs of the main data set:
//   b <- c(1000, 1100, 950, 1200, 1050, 980, 1020); a <- c(600, 650, 700, 620, 580)
constexpr double MainP = 0.0025252525252525255;         // wilcox.test(b, a)$p.value
constexpr double MainCiLow = 33.333333333333350;        // (1 - 1/exp(wilcox.test(log(b), log(a), conf.int = TRUE)$conf.int)) * 100
constexpr double MainCiHigh = 45.454545454545439;       //   (the interval of the speed-ups b/a, exact: qwilcox(0.025, 7, 5) = 6)
constexpr double MainImprovement = 39.215686274509807;  // (1 - median(outer(a, b, "/"))) * 100

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

} // namespace

class TestMeasurementRuns : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { qputenv("USER", "tester"); }
    void init();
    void cleanup() { m_db.reset(); }

    void similarGathersTheSameQueriesWithinTheWindow();
    void oneRunASideIsSectionThreeExactly();
    void severalNamedRunsGiveMedians();
    void sharedHashIsSplitAtTheAfterJobsStart();
    void atMost500RunsTheNearestFirst();
    void missingHashGathersNothingWithAWarning();
    void zeroMillisecondRunsAreNamedAndLeftOut();
    void errorsWriteNothing_data();
    void errorsWriteNothing();
    void cachedNamedJobNeedsConfirmationAndIsNeverGathered();
    void refreshGathersRunsImportedSince();
    void refreshNeedsAMeasurementRecordedWithSimilar();
    void restoreBringsTheRunsBackAndTakesThemAway();
    void summaryCountsTheVerdicts();
    void gatheringIsARangeOfTheIndex();
    void migrationGivesOldMeasurementsTheirRuns();

private:
    void addJobs(const QList<JobSpec> &jobs);
    void addRecommendation(qint64 id, const QString &job, OptionalDouble estimate = 30.0);
    void addMainDataSet();
    qint64 scalar(const QString &sql);
    QStringList runIds(qint64 measurementId, const QString &side);
    MeasurementService service()
    {
        MeasurementService s(*m_db);
        s.setClock([] { return Now; });
        return s;
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestMeasurementRuns::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
}

void TestMeasurementRuns::addJobs(const QList<JobSpec> &jobs)
{
    Transaction transaction(*m_db);
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("INSERT INTO queries (job_id, query_hash, engine, started_at, duration_ms, status, "
                                 "cache_hit) VALUES (?, ?, 'snowflake', ?, ?, ?, ?)"));
    QSqlQuery profile(m_db->connection());
    profile.prepare(QStringLiteral("INSERT INTO profiles (job_id, memory_allocated, cpu_time_ms) VALUES (?, ?, ?)"));
    for (const JobSpec &job : jobs) {
        query.addBindValue(job.id);
        query.addBindValue(job.hash.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(job.hash));
        query.addBindValue(job.offsetSeconds ? Database::toSqlTimestamp(T0.addSecs(*job.offsetSeconds))
                                             : QVariant(QMetaType::fromType<QString>()));
        query.addBindValue(job.durationMs);
        query.addBindValue(job.status);
        query.addBindValue(job.cacheHit);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        // Memory and CPU follow the duration: 1 MiB and 2 ms of CPU per ms.
        profile.addBindValue(job.id);
        profile.addBindValue(qint64(job.durationMs) * 1048576);
        profile.addBindValue(qint64(job.durationMs) * 2);
        QVERIFY2(profile.exec(), qPrintable(profile.lastError().text()));
    }
    QVERIFY(transaction.commit().ok());
}

void TestMeasurementRuns::addRecommendation(qint64 id, const QString &job, OptionalDouble estimate)
{
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                                 "VALUES (?, ?, 'select_star', ?)"));
    query.addBindValue(id);
    query.addBindValue(job);
    query.addBindValue(estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

// Recommendation 1: before job B0 of query H1, after job K of query H2 started at T0; the
// history holds more runs of both, and jobs that must not be gathered.
void TestMeasurementRuns::addMainDataSet()
{
    addJobs({
        {u"B0"_s, u"H1"_s, -3 * Day, 1000},
        {u"b1"_s, u"H1"_s, -1 * Hour, 1100},
        {u"b2"_s, u"H1"_s, -2 * Hour, 950},
        {u"b3"_s, u"H1"_s, -1 * Day, 1200},
        {u"b4"_s, u"H1"_s, -2 * Day, 1050},
        {u"b5"_s, u"H1"_s, -5 * Day, 980},
        {u"b6"_s, u"H1"_s, -14 * Day, 1020},          // exactly D days before: in
        {u"b-old"_s, u"H1"_s, -14 * Day - 1, 5},       // a second earlier: out
        {u"b-failed"_s, u"H1"_s, -4 * Hour, 10, u"failed"_s},
        {u"b-running"_s, u"H1"_s, -6 * Hour, 10, u" RUNNING "_s},
        {u"b-cached"_s, u"H1"_s, -5 * Hour, 1, u"success"_s, true},
        {u"b-late"_s, u"H1"_s, 1 * Hour, 7},           // after t0, and not the after query
        {u"b-undated"_s, u"H1"_s, std::nullopt, 9},
        {u"other"_s, u"H9"_s, -1 * Hour, 11},
        {u"K"_s, u"H2"_s, 0, 600},
        {u"a1"_s, u"H2"_s, 1 * Hour, 650},
        {u"a2"_s, u"H2"_s, 1 * Day, 700},
        {u"a3"_s, u"H2"_s, 13 * Day, 620},
        {u"a4"_s, u"H2"_s, 14 * Day, 580},             // exactly D days after: in
        {u"a-late"_s, u"H2"_s, 14 * Day + 1, 3},       // a second later: out
        {u"a-early"_s, u"H2"_s, -1, 4},                // before t0: not an after run
        {u"a-failed"_s, u"H2"_s, 2 * Hour, 5, u"error"_s},
        {u"a-cached"_s, u"H2"_s, 3 * Hour, 1, u"success"_s, true},
    });
    addRecommendation(1, u"B0"_s, 30.0);
}

qint64 TestMeasurementRuns::scalar(const QString &sql)
{
    QSqlQuery query(m_db->connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QStringList TestMeasurementRuns::runIds(qint64 measurementId, const QString &side)
{
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("SELECT job_id FROM measurement_runs WHERE measurement_id = ? AND side = ? "
                                 "ORDER BY job_id"));
    query.addBindValue(measurementId);
    query.addBindValue(side);
    QStringList ids;
    if (query.exec())
        while (query.next())
            ids << query.value(0).toString();
    return ids;
}

void TestMeasurementRuns::similarGathersTheSameQueriesWithinTheWindow()
{
    addMainDataSet();
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, AfterRequest{{u"K"_s}, 14, false, std::nullopt});
    QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
    QVERIFY2(m->warnings.isEmpty(), qPrintable(m->warnings.join(u'\n')));

    QCOMPARE(runIds(m->id, u"before"_s), QStringList({u"B0"_s, u"b1"_s, u"b2"_s, u"b3"_s, u"b4"_s, u"b5"_s, u"b6"_s}));
    QCOMPARE(runIds(m->id, u"after"_s), QStringList({u"K"_s, u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s}));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM measurement_runs WHERE gathered = TRUE")), 10);

    // Read back as stored, every §5.2 number.
    const auto stored = MeasurementRepository(*m_db).find(m->id);
    QVERIFY(stored.ok() && stored.value());
    const Measurement &r = *stored.value();
    QCOMPARE(r.jobIdBefore, u"B0"_s);
    QCOMPARE(r.jobIdAfter, std::optional(u"K"_s));
    QCOMPARE(r.runsBefore, OptionalInt(7));
    QCOMPARE(r.runsAfter, OptionalInt(5));
    QCOMPARE(r.before.durationMs, 1020.0); // median(b)
    QCOMPARE(r.after->durationMs, 620.0);  // median(a)
    QCOMPARE(r.before.memoryMb, OptionalDouble(1020.0));
    QCOMPARE(r.before.cpuTimeMs, std::optional<qint64>(2040));
    QVERIFY2(near(*r.improvements.durationPct, MainImprovement), qPrintable(QString::number(*r.improvements.durationPct, 'g', 17)));
    // Memory follows the duration here, so its reduction is the same median ratio.
    QVERIFY(near(*r.improvements.memoryPct, MainImprovement));
    QVERIFY(near(*r.improvements.cpuPct, MainImprovement));
    QVERIFY2(near(*r.pValue, MainP), qPrintable(QString::number(*r.pValue, 'g', 17)));
    QVERIFY2(near(*r.ciLowPct, MainCiLow), qPrintable(QString::number(*r.ciLowPct, 'g', 17)));
    QVERIFY2(near(*r.ciHighPct, MainCiHigh), qPrintable(QString::number(*r.ciHighPct, 'g', 17)));
    QCOMPARE(r.verdict, std::optional(Verdict::Improved));
    QCOMPARE(r.similarDays, OptionalInt(14));
    // The estimate (30 %) is judged on the improvement from the runs: 39.2 met, delta 9.2.
    QCOMPARE(r.expectation.meets, std::optional(true));
    QCOMPARE(r.expectation.deltaPct, OptionalDouble(9.2));
    QVERIFY(!r.validationNotes);

    // The runs as `measure runs` lists them: before first, by start.
    QCOMPARE(r.runs.size(), 12);
    QCOMPARE(r.runs.first().jobId, u"b6"_s);
    QCOMPARE(r.runs.first().startedAt, std::optional(T0.addSecs(-14 * Day)));
    QCOMPARE(r.runs.first().durationMs, 1020.0);
    QVERIFY(r.runs.first().gathered);
    QCOMPARE(r.runs.at(7).jobId, u"K"_s);
    QVERIFY(!r.runs.at(7).gathered);
    QCOMPARE(r.runs.last().jobId, u"a4"_s);

    // A refresh with nothing new changes nothing: the named before run keeps its own 1000 ms
    // (not the median stored for the side, which would tie with b6 and move the test).
    const auto refreshed = s.refresh(1);
    QVERIFY(refreshed.ok());
    QVERIFY(near(*refreshed->pValue, MainP));
    QVERIFY(near(*refreshed->ciLowPct, MainCiLow));
    QCOMPARE(refreshed->completedAt, m->completedAt);

    // A shorter D gathers fewer: within one day, b1, b2 and b3 (exactly a day) before; a1, a2 after.
    addRecommendation(2, u"B0"_s);
    QVERIFY(s.recordBefore(2).ok());
    const auto shorter = s.recordAfter(2, AfterRequest{{u"K"_s}, 1, false, std::nullopt});
    QVERIFY(shorter.ok());
    QCOMPARE(runIds(shorter->id, u"before"_s), QStringList({u"B0"_s, u"b1"_s, u"b2"_s, u"b3"_s}));
    QCOMPARE(runIds(shorter->id, u"after"_s), QStringList({u"K"_s, u"a1"_s, u"a2"_s}));
}

void TestMeasurementRuns::oneRunASideIsSectionThreeExactly()
{
    addMainDataSet();
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, u"K"_s);
    QVERIFY(m.ok());
    QCOMPARE(m->before.durationMs, 1000.0);
    QCOMPARE(m->after->durationMs, 600.0);
    QCOMPARE(m->improvements.durationPct, OptionalDouble((1000.0 - 600.0) / 1000.0 * 100.0));
    QCOMPARE(m->improvements.memoryPct, OptionalDouble((1000.0 - 600.0) / 1000.0 * 100.0));
    QCOMPARE(m->runsBefore, OptionalInt(1));
    QCOMPARE(m->runsAfter, OptionalInt(1));
    QCOMPARE(m->verdict, std::optional(Verdict::InsufficientRuns));
    QVERIFY(!m->pValue && !m->ciLowPct && !m->ciHighPct);
    QVERIFY(!m->similarDays);
    QVERIFY(!m->validationNotes);
    QCOMPARE(runIds(m->id, u"before"_s), QStringList{u"B0"_s});
    QCOMPARE(runIds(m->id, u"after"_s), QStringList{u"K"_s});
}

void TestMeasurementRuns::severalNamedRunsGiveMedians()
{
    addMainDataSet();
    auto s = service();
    const auto before = s.recordBefore(1, QStringList{u"B0"_s, u"b1"_s, u"b2"_s, u"b1"_s}, u"ana"_s);
    QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error().message));
    QCOMPARE(before->jobIdBefore, u"B0"_s);
    QCOMPARE(before->before.durationMs, 1000.0); // median(1000, 1100, 950); b1 once
    QCOMPARE(before->before.cpuTimeMs, std::optional<qint64>(2000));
    QVERIFY(!before->runsBefore); // pending: none of §5.2's numbers
    QCOMPARE(runIds(before->id, u"before"_s), QStringList({u"B0"_s, u"b1"_s, u"b2"_s}));

    // Two named after jobs, no gathering: 3 × 2 runs, C(5, 3) = 10 ≤ 40 arrangements.
    const auto m = s.recordAfter(1, AfterRequest{{u"K"_s, u"a2"_s}, std::nullopt, false, std::nullopt});
    QVERIFY(m.ok());
    QCOMPARE(m->after->durationMs, 650.0); // (600 + 700) / 2
    QCOMPARE(m->runsBefore, OptionalInt(3));
    QCOMPARE(m->runsAfter, OptionalInt(2));
    QCOMPARE(m->verdict, std::optional(Verdict::InsufficientRuns));
    // r̃ of the six ratios a/b (0.545, 0.6, 0.632, 0.636, 0.7, 0.737): the geometric mean of the
    // middle two, 600/950 and 700/1100.
    QVERIFY(near(*m->improvements.durationPct, (1.0 - std::sqrt(600.0 / 950.0 * 700.0 / 1100.0)) * 100.0));
    QCOMPARE(runIds(m->id, u"after"_s), QStringList({u"K"_s, u"a2"_s}));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM measurement_runs WHERE gathered = TRUE")), 0);

    // Refreshing a measurement keeps its named runs: gathering around K adds the rest.
    const auto corrected = s.correctAfter(1, AfterRequest{{u"K"_s, u"a2"_s}, 14, false, std::nullopt});
    QVERIFY(corrected.ok());
    QCOMPARE(runIds(m->id, u"before"_s), QStringList({u"B0"_s, u"b1"_s, u"b2"_s, u"b3"_s, u"b4"_s, u"b5"_s, u"b6"_s}));
    QCOMPARE(runIds(m->id, u"after"_s), QStringList({u"K"_s, u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s}));
    QCOMPARE(corrected->verdict, std::optional(Verdict::Improved));
    QVERIFY(near(*corrected->pValue, MainP));
}

void TestMeasurementRuns::sharedHashIsSplitAtTheAfterJobsStart()
{
    // An index change: the same query before and after; t0 separates the two.
    addJobs({{u"S0"_s, u"H3"_s, -2 * Day, 900},
             {u"s1"_s, u"H3"_s, -1 * Day, 950},
             {u"s2"_s, u"H3"_s, -1, 1000},
             {u"SK"_s, u"H3"_s, 0, 300},
             {u"s3"_s, u"H3"_s, 1, 310},
             {u"s4"_s, u"H3"_s, 2 * Day, 320}});
    addRecommendation(3, u"S0"_s);
    auto s = service();
    QVERIFY(s.recordBefore(3).ok());
    const auto m = s.recordAfter(3, AfterRequest{{u"SK"_s}, 14, false, std::nullopt});
    QVERIFY(m.ok());
    QCOMPARE(runIds(m->id, u"before"_s), QStringList({u"S0"_s, u"s1"_s, u"s2"_s}));
    QCOMPARE(runIds(m->id, u"after"_s), QStringList({u"SK"_s, u"s3"_s, u"s4"_s}));
    // C(6, 3) = 20 ≤ 40: still too few for any p below 0.05.
    QCOMPARE(m->verdict, std::optional(Verdict::InsufficientRuns));

    // The before job named after t0 stays a before run: the after side leaves it out.
    addJobs({{u"S9"_s, u"H3"_s, 3 * Day, 305}});
    addRecommendation(4, u"S9"_s);
    QVERIFY(s.recordBefore(4).ok());
    const auto late = s.recordAfter(4, AfterRequest{{u"SK"_s}, 14, false, std::nullopt});
    QVERIFY(late.ok());
    QCOMPARE(runIds(late->id, u"before"_s), QStringList({u"S0"_s, u"S9"_s, u"s1"_s, u"s2"_s}));
    QCOMPARE(runIds(late->id, u"after"_s), QStringList({u"SK"_s, u"s3"_s, u"s4"_s}));
}

void TestMeasurementRuns::atMost500RunsTheNearestFirst()
{
    QList<JobSpec> jobs{{u"N0"_s, u"H4"_s, -20 * Day, 2000}, // named, far: still a run
                        {u"NK"_s, u"H5"_s, 0, 1000}};
    for (int i = 1; i <= 498; ++i)
        jobs << JobSpec{QStringLiteral("g%1").arg(i, 3, 10, QLatin1Char('0')), u"H4"_s, -60 * i, 2000.0 + i};
    // Equally near at places 499 and 500: the smaller job ID is taken.
    jobs << JobSpec{u"tie-b"_s, u"H4"_s, -60 * 499, 1500} << JobSpec{u"tie-a"_s, u"H4"_s, -60 * 499, 1400};
    for (int i = 500; i < 520; ++i)
        jobs << JobSpec{QStringLiteral("far%1").arg(i), u"H4"_s, -60 * i, 3000};
    for (int i = 1; i <= 510; ++i)
        jobs << JobSpec{QStringLiteral("k%1").arg(i, 3, 10, QLatin1Char('0')), u"H5"_s, 60 * i, 1000.0 + i};
    addJobs(jobs);
    addRecommendation(5, u"N0"_s);
    auto s = service();
    QVERIFY(s.recordBefore(5).ok());
    const auto m = s.recordAfter(5, AfterRequest{{u"NK"_s}, 14, false, std::nullopt});
    QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
    QCOMPARE(m->runsBefore, OptionalInt(500));
    QCOMPARE(m->runsAfter, OptionalInt(500));
    const QStringList before = runIds(m->id, u"before"_s);
    QVERIFY(before.contains(u"N0"_s));
    QVERIFY(before.contains(u"g498"_s));
    QVERIFY(before.contains(u"tie-a"_s));
    QVERIFY(!before.contains(u"tie-b"_s));
    QVERIFY(!before.contains(u"far500"_s));
    const QStringList after = runIds(m->id, u"after"_s);
    QVERIFY(after.contains(u"k499"_s));
    QVERIFY(!after.contains(u"k500"_s));
    QCOMPARE(m->verdict, std::optional(Verdict::Improved));
}

void TestMeasurementRuns::missingHashGathersNothingWithAWarning()
{
    addMainDataSet();
    addJobs({{u"U0"_s, QString(), -1 * Day, 800}});
    addRecommendation(6, u"U0"_s);
    auto s = service();
    QVERIFY(s.recordBefore(6).ok());
    const auto m = s.recordAfter(6, AfterRequest{{u"K"_s}, 14, false, std::nullopt});
    QVERIFY(m.ok());
    QCOMPARE(m->warnings, QStringList{u"The before job U0 has no query_hash: no other runs of it were gathered"_s});
    QCOMPARE(m->validationNotes, std::optional(u"The before job U0 has no query_hash: no other runs of it were gathered"_s));
    QCOMPARE(runIds(m->id, u"before"_s), QStringList{u"U0"_s});
    QCOMPARE(runIds(m->id, u"after"_s), QStringList({u"K"_s, u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s}));
    QCOMPARE(m->runsBefore, OptionalInt(1));
    QCOMPARE(m->runsAfter, OptionalInt(5));
    QCOMPARE(m->verdict, std::optional(Verdict::InsufficientRuns)); // C(6, 1) = 6
}

void TestMeasurementRuns::zeroMillisecondRunsAreNamedAndLeftOut()
{
    addMainDataSet();
    addJobs({{u"z1"_s, u"H1"_s, -30 * 60, 0}});
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, AfterRequest{{u"K"_s}, 14, false, std::nullopt});
    QVERIFY(m.ok());
    QCOMPARE(m->runsBefore, OptionalInt(8));
    QCOMPARE(m->validationNotes,
             std::optional(u"Runs of 0 ms are left out of the significance test and the interval: before z1"_s));
    // The test and the interval are those of the seven positive runs; the medians and the ratio
    // count every run: median(0, 950, 980, 1000, 1020, 1050, 1100, 1200) = 1010.
    QVERIFY(near(*m->pValue, MainP));
    QVERIFY(near(*m->ciLowPct, MainCiLow));
    QCOMPARE(m->before.durationMs, 1010.0);
}

void TestMeasurementRuns::errorsWriteNothing_data()
{
    QTest::addColumn<QStringList>("beforeJobs");
    QTest::addColumn<QStringList>("afterJobs");
    QTest::addColumn<int>("similarDays");
    QTest::addColumn<QString>("message");
    QTest::newRow("a job on both sides")
        << QStringList{u"B0"_s, u"b1"_s} << QStringList{u"K"_s, u"b1"_s} << 0
        << u"Job b1 is a before run of recommendation 1; a job can be on one side only"_s;
    QTest::newRow("the before job as after job")
        << QStringList{u"B0"_s} << QStringList{u"K"_s, u"B0"_s} << 14
        << u"Job B0 is the before job of recommendation 1; give the optimized job's ID as the after job"_s;
    QTest::newRow("--similar without a start")
        << QStringList{u"B0"_s} << QStringList{u"b-undated"_s} << 14
        << u"Job b-undated has no started_at: --similar gathers the runs before and after the time the after job "
           "started, so it needs one"_s;
    QTest::newRow("a failed named job")
        << QStringList{u"B0"_s} << QStringList{u"K"_s, u"a-failed"_s} << 14
        << u"Job a-failed has status 'error': a failed, cancelled or unfinished job cannot be the after job of a "
           "measurement"_s;
    QTest::newRow("an unknown named job")
        << QStringList{u"B0"_s} << QStringList{u"K"_s, u"nope"_s} << 0 << u"Job not found: nope"_s;
}

void TestMeasurementRuns::errorsWriteNothing()
{
    QFETCH(QStringList, beforeJobs);
    QFETCH(QStringList, afterJobs);
    QFETCH(int, similarDays);
    QFETCH(QString, message);
    addMainDataSet();
    auto s = service();
    const auto open = s.recordBefore(1, beforeJobs, std::nullopt);
    QVERIFY(open.ok());
    const auto m = s.recordAfter(1, AfterRequest{afterJobs, similarDays > 0 ? OptionalInt(similarDays) : std::nullopt,
                                                 false, std::nullopt});
    QVERIFY(!m.ok());
    QCOMPARE(m.error().message, message);
    const auto stored = MeasurementRepository(*m_db).find(open->id);
    QVERIFY(stored.ok() && stored.value());
    QVERIFY(stored.value()->isOpen());
    QCOMPARE(runIds(open->id, u"after"_s), QStringList());
    QCOMPARE(runIds(open->id, u"before"_s), beforeJobs);
}

void TestMeasurementRuns::cachedNamedJobNeedsConfirmationAndIsNeverGathered()
{
    addMainDataSet();
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto refused = s.recordAfter(1, AfterRequest{{u"K"_s, u"a-cached"_s}, 14, false, std::nullopt});
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.startsWith(u"Job a-cached was served from a result cache"_s));
    const auto m = s.recordAfter(1, AfterRequest{{u"K"_s, u"a-cached"_s}, 14, true, std::nullopt});
    QVERIFY(m.ok());
    // Named and confirmed: a run. b-cached, only found by gathering, is not.
    QCOMPARE(runIds(m->id, u"after"_s), QStringList({u"K"_s, u"a-cached"_s, u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s}));
    QVERIFY(!runIds(m->id, u"before"_s).contains(u"b-cached"_s));
    QVERIFY(m->validationNotes->contains(u"The after job a-cached was served from a result cache"_s));
}

void TestMeasurementRuns::refreshGathersRunsImportedSince()
{
    addMainDataSet();
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, AfterRequest{{u"K"_s}, 14, false, u"ana"_s});
    QVERIFY(m.ok());
    // Another recommendation measured without --similar: a refresh of all leaves it alone.
    addRecommendation(2, u"B0"_s);
    QVERIFY(s.recordBefore(2).ok());
    QVERIFY(s.recordAfter(2, u"a1"_s).ok());

    // New history: three more after runs, one outside D.
    addJobs({{u"a5"_s, u"H2"_s, 2 * Day, 590}, {u"a6"_s, u"H2"_s, 3 * Day, 610}, {u"a7"_s, u"H2"_s, 20 * Day, 1}});
    MeasurementService later(*m_db);
    later.setClock([] { return Now.addDays(5); });
    const auto refreshed = later.refresh(1);
    QVERIFY2(refreshed.ok(), refreshed.ok() ? "" : qPrintable(refreshed.error().message));
    QCOMPARE(refreshed->runsAfter, OptionalInt(7));
    QCOMPARE(runIds(m->id, u"after"_s),
             QStringList({u"K"_s, u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s, u"a5"_s, u"a6"_s}));
    // Who recorded it and when stay: a refresh is not a new recording.
    QCOMPARE(refreshed->completedAt, m->completedAt);
    QCOMPARE(refreshed->measuredBy, std::optional(u"ana"_s));
    QCOMPARE(MeasurementRepository(*m_db).find(m->id).value()->completedAt, m->completedAt);
    QCOMPARE(refreshed->after->durationMs, 610.0); // median(580, 590, 600, 610, 620, 650, 700)

    // Nothing new: a refresh changes nothing, the before median included.
    const auto again = later.refresh(1);
    QVERIFY(again.ok());
    QCOMPARE(again->before.durationMs, 1020.0);
    QCOMPARE(again->before.memoryMb, OptionalDouble(1020.0));
    QCOMPARE(again->pValue, refreshed->pValue);
    QCOMPARE(again->ciLowPct, refreshed->ciLowPct);

    addJobs({{u"a8"_s, u"H2"_s, 4 * Day, 640}});
    qint64 calls = 0;
    const auto report = later.refreshAll([&calls](qint64 done, qint64 total) {
        ++calls;
        return done <= total;
    });
    QVERIFY(report.ok());
    QCOMPARE(report->refreshed, 1);
    QCOMPARE(report->runsAdded, 1);
    QCOMPARE(report->verdictChanged, 0);
    QCOMPARE(calls, 1);
    QCOMPARE(scalar(QStringLiteral("SELECT runs_after FROM measurements WHERE id = %1").arg(m->id)), 8);
}

void TestMeasurementRuns::refreshNeedsAMeasurementRecordedWithSimilar()
{
    addMainDataSet();
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    auto refused = s.refresh(1);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message, u"Recommendation 1 has no completed measurement to refresh"_s);
    QVERIFY(s.recordAfter(1, u"K"_s).ok());
    refused = s.refresh(1);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, Error::Kind::InvalidState);
    QCOMPARE(refused.error().message,
             u"The measurement of recommendation 1 was not recorded with --similar: it has no gathered runs to refresh"_s);
    QCOMPARE(s.refresh(99).error().message, u"Recommendation not found: 99"_s);
}

void TestMeasurementRuns::restoreBringsTheRunsBackAndTakesThemAway()
{
    addMainDataSet();
    auto s = service();
    const auto open = s.recordBefore(1, QStringList{u"B0"_s, u"b5"_s}, std::nullopt);
    QVERIFY(open.ok());
    const auto completed = s.recordAfter(1, AfterRequest{{u"K"_s}, 14, false, std::nullopt});
    QVERIFY(completed.ok());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM measurement_runs")), 12);

    // Undo: open again, with its two named before runs and their median.
    const auto undone = s.restore(*open);
    QVERIFY2(undone.ok(), undone.ok() ? "" : qPrintable(undone.error().message));
    QCOMPARE(runIds(open->id, u"before"_s), QStringList({u"B0"_s, u"b5"_s}));
    QCOMPARE(runIds(open->id, u"after"_s), QStringList());
    const auto reopened = MeasurementRepository(*m_db).find(open->id).value();
    QVERIFY(reopened->isOpen());
    QCOMPARE(reopened->before.durationMs, 990.0);
    QVERIFY(!reopened->verdict && !reopened->runsBefore && !reopened->pValue && !reopened->similarDays);

    // Redo: every run and number back.
    const auto redone = s.restore(*completed);
    QVERIFY(redone.ok());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM measurement_runs")), 12);
    const auto again = MeasurementRepository(*m_db).find(open->id).value();
    QCOMPARE(again->verdict, std::optional(Verdict::Improved));
    QCOMPARE(again->before.durationMs, 1020.0);
    QCOMPARE(again->runsBefore, OptionalInt(7));
    QVERIFY(near(*again->pValue, MainP));

    // Discarding the open measurement deletes its runs with it.
    QVERIFY(s.restore(*open).ok());
    QVERIFY(s.discardOpen(open->id).ok());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM measurement_runs")), 0);
}

void TestMeasurementRuns::summaryCountsTheVerdicts()
{
    addMainDataSet();
    addJobs({{u"R0"_s, u"H6"_s, -1 * Day, 100}, {u"r1"_s, u"H6"_s, -2 * Day, 110}, {u"r2"_s, u"H6"_s, -3 * Day, 105},
             {u"r3"_s, u"H6"_s, -4 * Day, 95},  {u"RK"_s, u"H7"_s, 0, 300},           {u"r4"_s, u"H7"_s, 1 * Day, 320},
             {u"r5"_s, u"H7"_s, 2 * Day, 310},  {u"r6"_s, u"H7"_s, 3 * Day, 290}});
    addRecommendation(2, u"R0"_s);
    addRecommendation(3, u"B0"_s);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    QVERIFY(s.recordAfter(1, AfterRequest{{u"K"_s}, 14, false, std::nullopt}).ok()); // improved
    QVERIFY(s.recordBefore(2).ok());
    const auto slower = s.recordAfter(2, AfterRequest{{u"RK"_s}, 14, false, std::nullopt});
    QVERIFY(slower.ok());
    // b <- c(100, 110, 105, 95); a <- c(300, 320, 310, 290): wilcox.test(b, a)$p.value = 0.02857142857142857
    QCOMPARE(slower->verdict, std::optional(Verdict::Regressed));
    QVERIFY(near(*slower->pValue, 0.028571428571428571));
    QVERIFY(s.recordBefore(3).ok());
    QVERIFY(s.recordAfter(3, u"a1"_s).ok()); // insufficient runs
    addRecommendation(4, u"B0"_s);
    QVERIFY(s.recordBefore(4).ok()); // pending: not counted

    const auto summary = s.summary({30, std::nullopt});
    QVERIFY(summary.ok());
    QCOMPARE(summary->totalMeasurements, 4);
    QCOMPARE(summary->completedMeasurements, 3);
    QCOMPARE(summary->improvedCount, 1);
    QCOMPARE(summary->regressedCount, 1);
    QCOMPARE(summary->noChangeCount, 0);
    QCOMPARE(summary->insufficientRunsCount, 1);
}

void TestMeasurementRuns::gatheringIsARangeOfTheIndex()
{
    QSqlQuery query(m_db->connection());
    const QString select = QStringLiteral("SELECT q.job_id FROM queries q WHERE q.query_hash = 'H1' "
                                          "AND q.started_at >= '2026-01-01' AND q.started_at < '2026-02-01' "
                                          "ORDER BY q.started_at DESC, q.job_id LIMIT 500");
    if (m_db->isPostgres()) {
        // An empty table is scanned whatever its indexes; told not to, the planner shows the range.
        QVERIFY(query.exec(QStringLiteral("SET enable_seqscan = off")));
        QVERIFY(query.exec(QStringLiteral("EXPLAIN ") + select));
    } else {
        QVERIFY(query.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + select));
    }
    QString plan;
    while (query.next())
        plan += query.value(m_db->isPostgres() ? 0 : 3).toString() + u'\n';
    QVERIFY2(plan.contains(u"idx_queries_hash_started"_s), qPrintable(plan));
    if (!m_db->isPostgres())
        QVERIFY2(plan.contains(u"query_hash=? AND started_at>? AND started_at<?"_s), qPrintable(plan));
}

void TestMeasurementRuns::migrationGivesOldMeasurementsTheirRuns()
{
    QFETCH_GLOBAL(QString, backend);
    QString skip;
    const QString location = TestDatabase::newLocation(backend, m_folder, skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    m_db.reset();
    {
        auto old = Database::open(location, Database::Options{false});
        QVERIFY(old.ok());
        QVERIFY(Migrations::migrate((*old)->connection(), (*old)->backend(), 9).ok());
        QSqlQuery query((*old)->connection());
        for (const char *sql :
             {"INSERT INTO queries (job_id, duration_ms) VALUES ('before', 1000), ('after', 400), ('open', 50)",
              "INSERT INTO recommendations (id, job_id, issue_type) VALUES (1, 'before', 'select_star'), "
              "(2, 'open', 'select_star')",
              "INSERT INTO measurements (id, recommendation_id, job_id_before, job_id_after, before_duration_ms, "
              "after_duration_ms, duration_improvement_pct, meets_expectation, expectation_delta_pct, measured_at, "
              "completed_at) VALUES (1, 1, 'before', 'after', 1000, 400, 60, TRUE, 60, '2026-02-01T00:00:00.000Z', "
              "'2026-02-02T00:00:00.000Z'), (2, 2, 'open', NULL, 50, NULL, NULL, NULL, NULL, "
              "'2026-02-03T00:00:00.000Z', NULL)"})
            QVERIFY2(query.exec(QString::fromLatin1(sql)), qPrintable(query.lastError().text()));
    }
    auto upgraded = Database::open(location);
    QVERIFY2(upgraded.ok(), upgraded.ok() ? "" : qPrintable(upgraded.error().message));
    m_db = std::move(upgraded).value();
    QCOMPARE(runIds(1, u"before"_s), QStringList{u"before"_s});
    QCOMPARE(runIds(1, u"after"_s), QStringList{u"after"_s});
    QCOMPARE(runIds(2, u"before"_s), QStringList{u"open"_s});
    QCOMPARE(runIds(2, u"after"_s), QStringList());
    const auto completed = MeasurementRepository(*m_db).find(1).value();
    QCOMPARE(completed->runsBefore, OptionalInt(1));
    QCOMPARE(completed->runsAfter, OptionalInt(1));
    QCOMPARE(completed->verdict, std::optional(Verdict::InsufficientRuns));
    QVERIFY(!completed->pValue && !completed->similarDays);
    QCOMPARE(completed->improvements.durationPct, OptionalDouble(60.0));
    const auto open = MeasurementRepository(*m_db).find(2).value();
    QVERIFY(!open->runsBefore && !open->verdict);
    // Deleting a measurement deletes its runs.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("DELETE FROM measurements WHERE id = 2")));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM measurement_runs")), 2);
}

QTEST_GUILESS_MAIN(TestMeasurementRuns)
#include "tst_measurementruns.moc"
