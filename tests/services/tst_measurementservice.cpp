// MeasurementService on a real SQLite file and a real PostgreSQL server: recording (SPEC
// §3.5), the seed's corrections (§3.4) and the summary window (§3.6).

#include "jobrepository.h"
#include "measurementrepository.h"
#include "measurementservice.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using OptionalDouble = std::optional<double>;
using OptionalBool = std::optional<bool>;

namespace {
const QDateTime t0(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
}

class TestMeasurementService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { qputenv("USER", "tester"); }
    void init();
    void cleanup() { m_db.reset(); }

    void beforeRecordsTheRecommendationsJob();
    void beforeWithAnotherJobAndName();
    void beforeRejectsUnknownRecommendation();
    void beforeRejectsUnknownJob();
    void beforeRejectsSecondOpenMeasurement();
    void afterComputesEverything();
    void afterIsStoredAsReturned();
    void afterZeroValuesAreReal();
    void beforeZeroDurationHasNoImprovement();
    void jobWithoutProfileGivesDurationOnly();
    void afterRejections_data();
    void afterRejections();
    void regressionNeverMeets();
    void nullEstimateCountsAsZero();
    void toleranceIsASetting();
    void remeasuringCreatesANewLatest();
    void correctAfterReplacesTheAfterSide();
    void correctAfterNeedsACompletedMeasurement();
    void restoreUndoesAndRedoesRecording();
    void restoreRefusesASecondOpenMeasurement();
    void discardOpenUndoesStartingAMeasurement();
    void jobIdCompletionByPrefix();
    void previewWritesNothing();
    void summaryOfEmptyWindowHasEveryKey();
    void summaryComputesInTheDatabase();
    void summaryWindowUsesLatestRecording();
    void summaryFiltersByIssueType();
    void summaryExceededUsesTheRoundedDelta();
    void summaryRejectsZeroDays();

private:
    void addJob(const QString &id, qint64 durationMs, std::optional<qint64> memory = std::nullopt,
                std::optional<qint64> scanned = std::nullopt, std::optional<qint64> cpu = std::nullopt,
                bool profile = true);
    void addRecommendation(qint64 id, const QString &job, OptionalDouble estimate,
                           const QString &issueType = QStringLiteral("select_star"));
    qint64 count(const QString &table);
    void setNow(const QDateTime &time) { m_now = time; }
    MeasurementService service()
    {
        MeasurementService s(*m_db);
        s.setClock([this] { return m_now; });
        return s;
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    QDateTime m_now = t0;
};

void TestMeasurementService::init()
{
    m_now = t0;
    OPEN_TEST_DATABASE(m_db, m_folder);
}

void TestMeasurementService::addJob(const QString &id, qint64 durationMs, std::optional<qint64> memory,
                                    std::optional<qint64> scanned, std::optional<qint64> cpu, bool profile)
{
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("INSERT INTO queries (job_id, engine, duration_ms) VALUES (?, 'generic', ?)"));
    query.addBindValue(id);
    query.addBindValue(durationMs);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    if (!profile)
        return;
    auto value = [](std::optional<qint64> v) { return v ? QVariant(*v) : QVariant(QMetaType::fromType<qint64>()); };
    query.prepare(QStringLiteral("INSERT INTO profiles (job_id, memory_allocated, data_scanned, rows_scanned, "
                                 "rows_returned, partitions_scanned, cpu_time_ms) VALUES (?, ?, ?, 100, 10, 4, ?)"));
    query.addBindValue(id);
    query.addBindValue(value(memory));
    query.addBindValue(value(scanned));
    query.addBindValue(value(cpu));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

void TestMeasurementService::addRecommendation(qint64 id, const QString &job, OptionalDouble estimate,
                                               const QString &issueType)
{
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, title, "
                                 "estimated_improvement_pct, status) VALUES (?, ?, ?, 'title', ?, 'open')"));
    query.addBindValue(id);
    query.addBindValue(job);
    query.addBindValue(issueType);
    query.addBindValue(estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

qint64 TestMeasurementService::count(const QString &table)
{
    QSqlQuery query(m_db->connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void TestMeasurementService::beforeRecordsTheRecommendationsJob()
{
    addJob(QStringLiteral("J1"), 60000, 1048576000, 2 * 1048576, 9000);
    addRecommendation(1, QStringLiteral("J1"), 70);
    auto s = service();
    const auto m = s.recordBefore(1);
    QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
    QVERIFY(m->id > 0);
    QCOMPARE(m->recommendationId, 1);
    QCOMPARE(m->jobIdBefore, QStringLiteral("J1"));
    QCOMPARE(m->before.durationMs, 60000);
    QCOMPARE(m->before.memoryMb, OptionalDouble(1000.0));
    QCOMPARE(m->before.dataScannedMb, OptionalDouble(2.0));
    QCOMPARE(m->before.rowsScanned, std::optional<qint64>(100));
    QCOMPARE(m->before.cpuTimeMs, std::optional<qint64>(9000));
    QCOMPARE(m->measuredBy, std::optional<QString>(QStringLiteral("tester")));
    QCOMPARE(m->measuredAt, t0);
    QVERIFY(m->isOpen());
    QVERIFY(!m->completedAt);

    const auto stored = MeasurementRepository(*m_db).find(m->id);
    QVERIFY(stored.ok() && stored.value());
    QCOMPARE(stored.value()->measuredAt, t0);
    QCOMPARE(stored.value()->before.memoryMb, OptionalDouble(1000.0));
    QVERIFY(stored.value()->isOpen());
}

void TestMeasurementService::beforeWithAnotherJobAndName()
{
    addJob(QStringLiteral("J1"), 100);
    addJob(QStringLiteral("J-other"), 250, std::nullopt, std::nullopt, std::nullopt, false);
    addRecommendation(3, QStringLiteral("J1"), 10);
    auto s = service();
    const auto m = s.recordBefore(3, QStringLiteral("J-other"), QStringLiteral("ana"));
    QVERIFY(m.ok());
    QCOMPARE(m->jobIdBefore, QStringLiteral("J-other"));
    QCOMPARE(m->before.durationMs, 250);
    QCOMPARE(m->measuredBy, std::optional<QString>(QStringLiteral("ana")));
}

void TestMeasurementService::beforeRejectsUnknownRecommendation()
{
    addJob(QStringLiteral("J1"), 100);
    auto s = service();
    const auto m = s.recordBefore(99);
    QVERIFY(!m.ok());
    QCOMPARE(m.error().kind, Error::Kind::NotFound);
    QCOMPARE(m.error().message, QStringLiteral("Recommendation not found: 99"));
    QCOMPARE(count(QStringLiteral("measurements")), 0);
}

void TestMeasurementService::beforeRejectsUnknownJob()
{
    addJob(QStringLiteral("J1"), 100);
    addRecommendation(1, QStringLiteral("J1"), 10);
    auto s = service();
    const auto m = s.recordBefore(1, QStringLiteral("ghost"));
    QVERIFY(!m.ok());
    QCOMPARE(m.error().kind, Error::Kind::NotFound);
    QCOMPARE(m.error().message, QStringLiteral("Job not found: ghost"));
    QCOMPARE(count(QStringLiteral("measurements")), 0);
}

void TestMeasurementService::beforeRejectsSecondOpenMeasurement()
{
    addJob(QStringLiteral("J1"), 100);
    addRecommendation(1, QStringLiteral("J1"), 10);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto second = s.recordBefore(1);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().kind, Error::Kind::InvalidState);
    QVERIFY2(second.error().message.startsWith(QStringLiteral("Recommendation 1 already has an open measurement")),
             qPrintable(second.error().message));
    QCOMPARE(count(QStringLiteral("measurements")), 1);
}

void TestMeasurementService::afterComputesEverything()
{
    addJob(QStringLiteral("J1"), 60000, 1048576000, 4 * 1048576, 8000);
    addJob(QStringLiteral("J2"), 12000, 419430400, 1048576, 2000);
    addRecommendation(1, QStringLiteral("J1"), 70);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    setNow(t0.addDays(2));
    const auto m = s.recordAfter(1, QStringLiteral("J2"), QStringLiteral("ben"));
    QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
    QCOMPARE(m->jobIdAfter, std::optional<QString>(QStringLiteral("J2")));
    QCOMPARE(m->after->durationMs, 12000);
    QCOMPARE(m->after->memoryMb, OptionalDouble(400.0));
    QCOMPARE(m->improvements.durationPct, OptionalDouble(80.0));
    QCOMPARE(m->improvements.memoryPct, OptionalDouble(60.0));
    QCOMPARE(m->improvements.scanPct, OptionalDouble(75.0));
    QCOMPARE(m->improvements.cpuPct, OptionalDouble(75.0));
    QCOMPARE(m->expectation.meets, OptionalBool(true));
    QCOMPARE(m->expectation.deltaPct, OptionalDouble(10.0));
    QCOMPARE(m->completedAt, std::optional<QDateTime>(t0.addDays(2)));
    QCOMPARE(m->measuredAt, t0);
    QCOMPARE(m->measuredBy, std::optional<QString>(QStringLiteral("ben")));
    QVERIFY(!m->validationNotes);
}

void TestMeasurementService::afterIsStoredAsReturned()
{
    addJob(QStringLiteral("J1"), 3, 3, 3, 3);
    addJob(QStringLiteral("J2"), 2, 2, 2, 2);
    addRecommendation(1, QStringLiteral("J1"), 30);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, QStringLiteral("J2"));
    QVERIFY(m.ok());
    const auto stored = s.latest(1);
    QVERIFY(stored.ok());
    // Unrounded: (3 − 2) × 100 / 3.
    QCOMPARE(stored->improvements.durationPct, OptionalDouble(100.0 / 3.0));
    QCOMPARE(stored->improvements.memoryPct, OptionalDouble(100.0 / 3.0));
    QCOMPARE(stored->expectation.deltaPct, OptionalDouble(3.3));
    QCOMPARE(stored->expectation.meets, OptionalBool(true));
    QCOMPARE(stored->after->memoryMb, OptionalDouble(2.0 / 1048576.0));
    QCOMPARE(stored->completedAt, m->completedAt);
    QCOMPARE(stored->id, m->id);
}

void TestMeasurementService::afterZeroValuesAreReal()
{
    addJob(QStringLiteral("J1"), 5000, 1048576, 1048576, 100);
    addJob(QStringLiteral("J2"), 0, 0, 0, 0);
    addRecommendation(1, QStringLiteral("J1"), 90);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, QStringLiteral("J2"));
    QVERIFY(m.ok());
    QCOMPARE(m->improvements.durationPct, OptionalDouble(100.0));
    QCOMPARE(m->improvements.memoryPct, OptionalDouble(100.0));
    QCOMPARE(m->improvements.scanPct, OptionalDouble(100.0));
    QCOMPARE(m->improvements.cpuPct, OptionalDouble(100.0));
    QCOMPARE(m->after->memoryMb, OptionalDouble(0.0));
    QCOMPARE(m->expectation.meets, OptionalBool(true));
}

void TestMeasurementService::beforeZeroDurationHasNoImprovement()
{
    addJob(QStringLiteral("J1"), 0, 0, 0, 0);
    addJob(QStringLiteral("J2"), 10, 10, 10, 10);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, QStringLiteral("J2"));
    QVERIFY(m.ok());
    QVERIFY(!m->improvements.durationPct);
    QVERIFY(!m->improvements.memoryPct);
    QVERIFY(!m->expectation.meets);
    QVERIFY(!m->expectation.deltaPct);
    QVERIFY(m->validationNotes);
    QVERIFY2(m->validationNotes->contains(QStringLiteral("0 ms")), qPrintable(*m->validationNotes));
    QCOMPARE(s.latest(1)->validationNotes, m->validationNotes);
}

void TestMeasurementService::jobWithoutProfileGivesDurationOnly()
{
    addJob(QStringLiteral("J1"), 1000, std::nullopt, std::nullopt, std::nullopt, false);
    addJob(QStringLiteral("J2"), 250, 100, 100, 100);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, QStringLiteral("J2"));
    QVERIFY(m.ok());
    QVERIFY(!m->before.memoryMb && !m->before.rowsScanned && !m->before.cpuTimeMs);
    QCOMPARE(m->improvements.durationPct, OptionalDouble(75.0));
    QVERIFY(!m->improvements.memoryPct && !m->improvements.scanPct && !m->improvements.cpuPct);
}

void TestMeasurementService::afterRejections_data()
{
    QTest::addColumn<qint64>("recommendation");
    QTest::addColumn<QString>("job");
    QTest::addColumn<bool>("recordBefore");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown recommendation") << qint64(42) << QStringLiteral("J2") << true
                                            << int(Error::Kind::NotFound) << QStringLiteral("Recommendation not found: 42");
    QTest::newRow("no before metrics") << qint64(1) << QStringLiteral("J2") << false << int(Error::Kind::InvalidState)
                                       << QStringLiteral("No before metrics found for recommendation 1");
    QTest::newRow("unknown after job") << qint64(1) << QStringLiteral("nope") << true << int(Error::Kind::NotFound)
                                       << QStringLiteral("Job not found: nope");
    QTest::newRow("after job is the before job") << qint64(1) << QStringLiteral("J1") << true
                                                 << int(Error::Kind::InvalidState)
                                                 << QStringLiteral("Job J1 is the before job of recommendation 1; give "
                                                                   "the optimized job's ID as the after job");
    QTest::newRow("job IDs are case-sensitive") << qint64(1) << QStringLiteral("j2") << true
                                                << int(Error::Kind::NotFound) << QStringLiteral("Job not found: j2");
}

void TestMeasurementService::afterRejections()
{
    QFETCH(qint64, recommendation);
    QFETCH(QString, job);
    QFETCH(bool, recordBefore);
    QFETCH(int, kind);
    QFETCH(QString, message);
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 500);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    if (recordBefore)
        QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(recommendation, job);
    QVERIFY(!m.ok());
    QCOMPARE(int(m.error().kind), kind);
    QCOMPARE(m.error().message, message);
    // Nothing written: the open measurement is still open.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE job_id_after IS NOT NULL")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 0);
}

void TestMeasurementService::regressionNeverMeets()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 1100);
    addRecommendation(1, QStringLiteral("J1"), 10);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, QStringLiteral("J2"));
    QVERIFY(m.ok());
    QCOMPARE(m->improvements.durationPct, OptionalDouble(-10.0));
    QCOMPARE(m->expectation.meets, OptionalBool(false)); // the seed would say true (−10 ≥ 10 − 20)
    QCOMPARE(m->expectation.deltaPct, OptionalDouble(-20.0));
}

void TestMeasurementService::nullEstimateCountsAsZero()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 900);
    addRecommendation(1, QStringLiteral("J1"), std::nullopt);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, QStringLiteral("J2"));
    QVERIFY(m.ok());
    QCOMPARE(m->expectation.meets, OptionalBool(true));
    QCOMPARE(m->expectation.deltaPct, OptionalDouble(10.0));
}

void TestMeasurementService::toleranceIsASetting()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 400); // 60 %
    addRecommendation(1, QStringLiteral("J1"), 70);
    auto s = service();
    s.setSettings({5.0, 10.0});
    QVERIFY(s.recordBefore(1).ok());
    const auto m = s.recordAfter(1, QStringLiteral("J2"));
    QVERIFY(m.ok());
    QCOMPARE(m->expectation.meets, OptionalBool(false)); // 60 < 70 − 5
}

void TestMeasurementService::remeasuringCreatesANewLatest()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 1200);
    addJob(QStringLiteral("J3"), 300);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    QVERIFY(s.recordAfter(1, QStringLiteral("J2")).ok());
    setNow(t0.addDays(1));
    const auto second = s.recordBefore(1);
    QVERIFY(second.ok());
    QCOMPARE(s.latest(1)->id, second->id);
    QVERIFY(s.latest(1)->isOpen());
    setNow(t0.addDays(2));
    QVERIFY(s.recordAfter(1, QStringLiteral("J3")).ok());
    QCOMPARE(s.latest(1)->improvements.durationPct, OptionalDouble(70.0));
    setNow(t0.addDays(3));
    const auto summary = s.summary({30, std::nullopt});
    QVERIFY(summary.ok());
    QCOMPARE(summary->totalMeasurements, 2); // both attempts count
    QCOMPARE(summary->completedMeasurements, 2);
    QCOMPARE(summary->metExpectationsCount, 1);
}

void TestMeasurementService::correctAfterReplacesTheAfterSide()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("wrong"), 1200);
    addJob(QStringLiteral("right"), 200, 5, 5, 5);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    QVERIFY(s.recordBefore(1).ok());
    const auto first = s.recordAfter(1, QStringLiteral("wrong"));
    QVERIFY(first.ok());
    QCOMPARE(first->expectation.meets, OptionalBool(false));
    setNow(t0.addDays(1));
    const auto corrected = s.correctAfter(1, QStringLiteral("right"), QStringLiteral("ana"));
    QVERIFY2(corrected.ok(), corrected.ok() ? "" : qPrintable(corrected.error().message));
    QCOMPARE(corrected->id, first->id);
    QCOMPARE(corrected->jobIdAfter, std::optional<QString>(QStringLiteral("right")));
    QCOMPARE(corrected->improvements.durationPct, OptionalDouble(80.0));
    QCOMPARE(corrected->expectation.meets, OptionalBool(true));
    QCOMPARE(corrected->completedAt, std::optional<QDateTime>(t0.addDays(1)));
    QCOMPARE(count(QStringLiteral("measurements")), 1);
    const auto summary = s.summary({30, std::nullopt});
    QCOMPARE(summary->totalMeasurements, 1);
    QCOMPARE(summary->metExpectationsCount, 1);
    // The corrected job must still not be the before job.
    const auto same = s.correctAfter(1, QStringLiteral("J1"));
    QVERIFY(!same.ok());
    QCOMPARE(s.latest(1)->jobIdAfter, std::optional<QString>(QStringLiteral("right")));
}

void TestMeasurementService::correctAfterNeedsACompletedMeasurement()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 100);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    auto none = s.correctAfter(1, QStringLiteral("J2"));
    QVERIFY(!none.ok());
    QCOMPARE(none.error().message, QStringLiteral("Recommendation 1 has no completed measurement to correct"));
    QVERIFY(s.recordBefore(1).ok());
    none = s.correctAfter(1, QStringLiteral("J2"));
    QVERIFY(!none.ok());
    QCOMPARE(none.error().kind, Error::Kind::InvalidState);
    QVERIFY(s.latest(1)->isOpen());
}

void TestMeasurementService::restoreUndoesAndRedoesRecording()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 400);
    addJob(QStringLiteral("J3"), 100);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    const auto open = s.recordBefore(1);
    QVERIFY(open.ok());
    setNow(t0.addDays(1));
    const auto completed = s.recordAfter(1, QStringLiteral("J2"), QStringLiteral("ana"));
    QVERIFY(completed.ok());
    // Undo the recording: exactly the open measurement again.
    auto undone = s.restore(*open);
    QVERIFY2(undone.ok(), undone.ok() ? "" : qPrintable(undone.error().message));
    auto stored = s.latest(1);
    QVERIFY(stored->isOpen());
    QVERIFY(!stored->after && !stored->improvements.durationPct && !stored->expectation.meets && !stored->completedAt);
    QCOMPARE(stored->measuredBy, open->measuredBy);
    // Redo: the completed one, timestamps included.
    QVERIFY(s.restore(*completed).ok());
    stored = s.latest(1);
    QCOMPARE(stored->jobIdAfter, completed->jobIdAfter);
    QCOMPARE(stored->improvements.durationPct, OptionalDouble(60.0));
    QCOMPARE(stored->completedAt, completed->completedAt);
    QCOMPARE(stored->measuredBy, std::optional<QString>(QStringLiteral("ana")));
    // Undo a correction: back to the first after job.
    setNow(t0.addDays(2));
    QVERIFY(s.correctAfter(1, QStringLiteral("J3")).ok());
    QVERIFY(s.restore(*completed).ok());
    QCOMPARE(s.latest(1)->jobIdAfter, std::optional<QString>(QStringLiteral("J2")));
    QCOMPARE(count(QStringLiteral("measurements")), 1);
}

void TestMeasurementService::restoreRefusesASecondOpenMeasurement()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 400);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    const auto first = s.recordBefore(1);
    QVERIFY(s.recordAfter(1, QStringLiteral("J2")).ok());
    QVERIFY(s.recordBefore(1).ok()); // a second attempt is open now
    const auto reopened = s.restore(*first);
    QVERIFY(!reopened.ok());
    QCOMPARE(reopened.error().kind, Error::Kind::InvalidState);
    QVERIFY(!MeasurementRepository(*m_db).find(first->id).value()->isOpen());
}

void TestMeasurementService::discardOpenUndoesStartingAMeasurement()
{
    addJob(QStringLiteral("J1"), 1000);
    addJob(QStringLiteral("J2"), 400);
    addRecommendation(1, QStringLiteral("J1"), 50);
    auto s = service();
    const auto open = s.recordBefore(1);
    QVERIFY(s.discardOpen(open->id).ok());
    QCOMPARE(count(QStringLiteral("measurements")), 0);
    const auto again = s.recordBefore(1);
    QVERIFY(s.recordAfter(1, QStringLiteral("J2")).ok());
    const Status refused = s.discardOpen(again->id);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, Error::Kind::InvalidState);
    QCOMPARE(count(QStringLiteral("measurements")), 1);
    QCOMPARE(s.discardOpen(12345).error().kind, Error::Kind::NotFound);
}

void TestMeasurementService::jobIdCompletionByPrefix()
{
    for (const char *id : {"bquxjob_1a", "bquxjob_1b", "bquxjob_2", "BQUXJOB_1c", "bq%x", "bq_x", "01b7-aa"})
        addJob(QLatin1String(id), 1);
    const JobRepository jobs(*m_db);
    QCOMPARE(jobs.idsStartingWith(QStringLiteral("bquxjob_1"), 10).value(),
             QStringList({QStringLiteral("bquxjob_1a"), QStringLiteral("bquxjob_1b")}));
    QCOMPARE(jobs.idsStartingWith(QStringLiteral("bquxjob_"), 2).value().size(), 2);
    // Wildcards in the prefix are literal characters.
    QCOMPARE(jobs.idsStartingWith(QStringLiteral("bq%"), 10).value(), QStringList{QStringLiteral("bq%x")});
    QCOMPARE(jobs.idsStartingWith(QStringLiteral("bq_"), 10).value(), QStringList{QStringLiteral("bq_x")});
    QCOMPARE(jobs.idsStartingWith(QStringLiteral("zz"), 10).value(), QStringList());
}

void TestMeasurementService::previewWritesNothing()
{
    addJob(QStringLiteral("J1"), 60000);
    addJob(QStringLiteral("J2"), 12000);
    addRecommendation(1, QStringLiteral("J1"), 70);
    auto s = service();
    QCOMPARE(s.previewAfter(1, QStringLiteral("J2")).error().message,
             QStringLiteral("No before metrics found for recommendation 1"));
    QVERIFY(s.recordBefore(1).ok());
    const auto preview = s.previewAfter(1, QStringLiteral("J2"));
    QVERIFY(preview.ok());
    QCOMPARE(preview->improvements.durationPct, OptionalDouble(80.0));
    QCOMPARE(preview->expectation.meets, OptionalBool(true));
    QVERIFY(s.latest(1)->isOpen());
    QCOMPARE(s.previewAfter(1, QStringLiteral("J1")).error().kind, Error::Kind::InvalidState);
    QCOMPARE(s.previewAfter(1, QStringLiteral("nope")).error().message, QStringLiteral("Job not found: nope"));
    QCOMPARE(s.previewAfter(1, QStringLiteral("J2"), true).error().message,
             QStringLiteral("Recommendation 1 has no completed measurement to correct"));
}

void TestMeasurementService::summaryOfEmptyWindowHasEveryKey()
{
    const auto summary = service().summary({30, std::nullopt});
    QVERIFY(summary.ok());
    QCOMPARE(summary->totalMeasurements, 0);
    QCOMPARE(summary->completedMeasurements, 0);
    QCOMPARE(summary->avgImprovementPct, 0.0);
    QCOMPARE(summary->successRatePct, 0.0);
    QCOMPARE(summary->totalTimeSavedSeconds, 0.0);
    QCOMPARE(summary->metExpectationsCount, 0);
    QCOMPARE(summary->exceededExpectationsCount, 0);
    QCOMPARE(summary->underperformedCount, 0);
}

void TestMeasurementService::summaryComputesInTheDatabase()
{
    // Four completed (one with before 0, one regression, one with after 0) and one open.
    addJob(QStringLiteral("b1"), 60000); addJob(QStringLiteral("a1"), 12000); // 80 %, est 70: met, +10.0
    addJob(QStringLiteral("b2"), 1000);  addJob(QStringLiteral("a2"), 1250);  // −25 %, est 10: regression
    addJob(QStringLiteral("b3"), 0);     addJob(QStringLiteral("a3"), 500);   // no improvement
    addJob(QStringLiteral("b4"), 4000);  addJob(QStringLiteral("a4"), 0);     // 100 %, est 50: met, +50
    addJob(QStringLiteral("b5"), 7000);                                       // open
    for (int i = 1; i <= 5; ++i)
        addRecommendation(i, QStringLiteral("b%1").arg(i), i == 1 ? 70 : i == 2 ? 10 : i == 3 ? 30 : 50);
    auto s = service();
    for (int i = 1; i <= 5; ++i)
        QVERIFY(s.recordBefore(i).ok());
    for (int i = 1; i <= 4; ++i)
        QVERIFY(s.recordAfter(i, QStringLiteral("a%1").arg(i)).ok());
    const auto summary = s.summary({30, std::nullopt});
    QVERIFY(summary.ok());
    QCOMPARE(summary->totalMeasurements, 5);
    QCOMPARE(summary->completedMeasurements, 4);
    QCOMPARE(summary->avgImprovementPct, 51.7);        // (80 − 25 + 100) / 3, the NULL one skipped
    QCOMPARE(summary->successRatePct, 50.0);           // 2 met of 4 completed
    QCOMPARE(summary->totalTimeSavedSeconds, 51.3);    // 48 − 0.25 − 0.5 + 4 = 51.25 s, half away from zero
    QCOMPARE(summary->metExpectationsCount, 2);
    QCOMPARE(summary->exceededExpectationsCount, 1);   // +50 only; +10.0 is not > 10
    QCOMPARE(summary->underperformedCount, 2);
}

void TestMeasurementService::summaryWindowUsesLatestRecording()
{
    addJob(QStringLiteral("b1"), 1000); addJob(QStringLiteral("a1"), 500);
    addJob(QStringLiteral("b2"), 1000); addJob(QStringLiteral("a2"), 500);
    addJob(QStringLiteral("b3"), 1000);
    for (int i = 1; i <= 3; ++i)
        addRecommendation(i, QStringLiteral("b%1").arg(i), 50);
    auto s = service();
    // 1: before 60 days ago, completed 2 days ago: in the 30-day window.
    setNow(t0);
    QVERIFY(s.recordBefore(1).ok());
    setNow(t0.addDays(58));
    QVERIFY(s.recordAfter(1, QStringLiteral("a1")).ok());
    // 2: before and after 40 days ago: outside.
    setNow(t0.addDays(20));
    QVERIFY(s.recordBefore(2).ok());
    QVERIFY(s.recordAfter(2, QStringLiteral("a2")).ok());
    // 3: open, recorded exactly 30 days ago: inside (now − 30 × 24 h).
    setNow(t0.addDays(30));
    QVERIFY(s.recordBefore(3).ok());
    setNow(t0.addDays(60));
    auto summary = s.summary({30, std::nullopt});
    QVERIFY(summary.ok());
    QCOMPARE(summary->totalMeasurements, 2);
    QCOMPARE(summary->completedMeasurements, 1);
    summary = s.summary({45, std::nullopt});
    QCOMPARE(summary->totalMeasurements, 3);
    summary = s.summary({1, std::nullopt});
    QCOMPARE(summary->totalMeasurements, 0);
    summary = s.summary({std::nullopt, std::nullopt});
    QCOMPARE(summary->totalMeasurements, 3);
}

void TestMeasurementService::summaryFiltersByIssueType()
{
    addJob(QStringLiteral("b1"), 1000); addJob(QStringLiteral("a1"), 100);
    addJob(QStringLiteral("b2"), 1000); addJob(QStringLiteral("a2"), 900);
    addRecommendation(1, QStringLiteral("b1"), 50, QStringLiteral("missing_partition_filter"));
    addRecommendation(2, QStringLiteral("b2"), 50, QStringLiteral("select_star"));
    auto s = service();
    for (int i = 1; i <= 2; ++i) {
        QVERIFY(s.recordBefore(i).ok());
        QVERIFY(s.recordAfter(i, QStringLiteral("a%1").arg(i)).ok());
    }
    auto summary = s.summary({30, QStringLiteral("missing_partition_filter")});
    QVERIFY(summary.ok());
    QCOMPARE(summary->totalMeasurements, 1);
    QCOMPARE(summary->avgImprovementPct, 90.0);
    QCOMPARE(summary->successRatePct, 100.0);
    summary = s.summary({30, QStringLiteral("select_star")});
    QCOMPARE(summary->avgImprovementPct, 10.0);
    QCOMPARE(summary->successRatePct, 0.0);
    QCOMPARE(summary->underperformedCount, 1);
    summary = s.summary({30, QStringLiteral("nonexistent")});
    QCOMPARE(summary->totalMeasurements, 0);
}

void TestMeasurementService::summaryExceededUsesTheRoundedDelta()
{
    // Deltas: 10.04 rounds to 10.0 (not exceeded), 10.05 to 10.1 (exceeded).
    addJob(QStringLiteral("b1"), 10000); addJob(QStringLiteral("a1"), 8996); // 10.04 %
    addJob(QStringLiteral("b2"), 10000); addJob(QStringLiteral("a2"), 8995); // 10.05 %
    addRecommendation(1, QStringLiteral("b1"), 0);
    addRecommendation(2, QStringLiteral("b2"), 0);
    auto s = service();
    for (int i = 1; i <= 2; ++i) {
        QVERIFY(s.recordBefore(i).ok());
        QVERIFY(s.recordAfter(i, QStringLiteral("a%1").arg(i)).ok());
    }
    QCOMPARE(s.latest(1)->expectation.deltaPct, OptionalDouble(10.0));
    QCOMPARE(s.latest(2)->expectation.deltaPct, OptionalDouble(10.1));
    auto summary = s.summary({30, std::nullopt});
    QCOMPARE(summary->exceededExpectationsCount, 1);
    s.setSettings({20.0, 5.0});
    summary = s.summary({30, std::nullopt});
    QCOMPARE(summary->exceededExpectationsCount, 2);
}

void TestMeasurementService::summaryRejectsZeroDays()
{
    const auto summary = service().summary({0, std::nullopt});
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error().kind, Error::Kind::InvalidInput);
}

QTEST_GUILESS_MAIN(TestMeasurementService)
#include "tst_measurementservice.moc"
