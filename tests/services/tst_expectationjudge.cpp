// Judging every measurement again with another tolerance (ExpectationJudge), on SQLite and
// PostgreSQL: the judgements equal those of a recording made with that tolerance, the database
// remembers it and judges new recordings with it, and undo puts everything back.

#include "expectationjudge.h"
#include "measurementrepository.h"
#include "measurementservice.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestExpectationJudge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void rejudgingChangesOnlyWhatTheToleranceDecides();
    void newRecordingsFollowTheDatabasesTolerance();
    void undoPutsEverythingBack();
    void cancelingWritesNothing();

private:
    void addJob(const QString &id, qint64 durationMs);
    void addRecommendation(qint64 id, const QString &job, std::optional<double> estimate);
    // Records recommendation `id` from its job to `after` with the default tolerance (20).
    qint64 measure(qint64 id, const QString &after);
    std::optional<bool> meets(qint64 measurementId);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    qint64 m_met30 = 0, m_met40 = 0, m_regression = 0;
};

void TestExpectationJudge::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    for (const auto &[job, ms] : {std::pair{"b1", 100000}, {"a1", 70000}, {"b2", 100000}, {"a2", 60000},
                                  {"b3", 100000}, {"a3", 110000}, {"b4", 100000}, {"a4", 75000}})
        addJob(QLatin1String(job), ms);
    addRecommendation(1, QStringLiteral("b1"), 45);          // 30 % against 45: met only with T ≥ 15
    addRecommendation(2, QStringLiteral("b2"), 35);          // 40 % against 35: met with any T
    addRecommendation(3, QStringLiteral("b3"), std::nullopt); // −10 %: a regression never meets
    addRecommendation(4, QStringLiteral("b4"), 40);          // 25 % against 40: met only with T ≥ 15
    m_met30 = measure(1, QStringLiteral("a1"));
    m_met40 = measure(2, QStringLiteral("a2"));
    m_regression = measure(3, QStringLiteral("a3"));
    QVERIFY(MeasurementService(*m_db).recordBefore(4).ok()); // open: nothing to judge
}

void TestExpectationJudge::addJob(const QString &id, qint64 durationMs)
{
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES (?, ?)"));
    query.addBindValue(id);
    query.addBindValue(durationMs);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

void TestExpectationJudge::addRecommendation(qint64 id, const QString &job, std::optional<double> estimate)
{
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                                 "VALUES (?, ?, 'select_star', ?)"));
    query.addBindValue(id);
    query.addBindValue(job);
    query.addBindValue(estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

qint64 TestExpectationJudge::measure(qint64 id, const QString &after)
{
    MeasurementService service(*m_db);
    if (!service.recordBefore(id))
        return -1;
    const auto recorded = service.recordAfter(id, after);
    return recorded ? recorded->id : -1;
}

std::optional<bool> TestExpectationJudge::meets(qint64 measurementId)
{
    const auto found = MeasurementRepository(*m_db).find(measurementId);
    return found && *found ? (*found)->expectation.meets : std::optional<bool>(std::nullopt);
}

void TestExpectationJudge::rejudgingChangesOnlyWhatTheToleranceDecides()
{
    ExpectationJudge judge(*m_db);
    QCOMPARE(*judge.judgedTolerancePct(), std::optional<double>());
    QCOMPARE(meets(m_met30), std::optional(true));

    const auto outcome = judge.rejudge(10);
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));
    QCOMPARE(outcome->tolerancePct, 10.0);
    QCOMPARE(outcome->previousTolerancePct, std::optional<double>());
    QCOMPARE(outcome->completed, 3);
    QCOMPARE(outcome->metBefore, 2);
    QCOMPARE(outcome->metAfter, 1);
    QCOMPARE(outcome->changedIds, QList<qint64>{m_met30});
    QCOMPARE(meets(m_met30), std::optional(false));
    QCOMPARE(meets(m_met40), std::optional(true));
    QCOMPARE(meets(m_regression), std::optional(false));
    QCOMPARE(*judge.judgedTolerancePct(), std::optional(10.0));
    // The delta does not depend on the tolerance: it stays.
    QCOMPARE((*MeasurementRepository(*m_db).find(m_met30))->expectation.deltaPct, std::optional(-15.0));

    // The same tolerance again changes nothing; a wider one brings "met" back.
    QCOMPARE(judge.rejudge(10)->changedIds.size(), 0);
    const auto wider = judge.rejudge(15);
    QCOMPARE(wider->changedIds, QList<qint64>{m_met30});
    QCOMPARE(wider->previousTolerancePct, std::optional(10.0));
    QCOMPARE(meets(m_met30), std::optional(true)); // 30 ≥ 45 − 15, at the boundary
}

// A recording judges with the database's tolerance once one is stored, not with the user's
// setting: every judgement of one database then rests on one tolerance.
void TestExpectationJudge::newRecordingsFollowTheDatabasesTolerance()
{
    QVERIFY(ExpectationJudge(*m_db).rejudge(10));
    MeasurementService service(*m_db, MeasurementSettings{20, 10});
    const auto recorded = service.recordAfter(4, QStringLiteral("a4"));
    QVERIFY(recorded);
    QCOMPARE(recorded->expectation.meets, std::optional(false)); // 25 < 40 − 10
    QCOMPARE(ExpectationJudge(*m_db).tolerancePctFor(20), 10.0);
}

void TestExpectationJudge::undoPutsEverythingBack()
{
    ExpectationJudge judge(*m_db);
    QVERIFY(judge.remember(20));
    const auto outcome = judge.rejudge(5);
    QVERIFY(outcome);
    QCOMPARE(outcome->previousTolerancePct, std::optional(20.0));
    QCOMPARE(outcome->changedIds, QList<qint64>{m_met30});
    QVERIFY(judge.undo(*outcome));
    QCOMPARE(meets(m_met30), std::optional(true));
    QCOMPARE(meets(m_met40), std::optional(true));
    QCOMPARE(meets(m_regression), std::optional(false));
    QCOMPARE(*judge.judgedTolerancePct(), std::optional(20.0));
    QVERIFY(judge.redo(*outcome));
    QCOMPARE(meets(m_met30), std::optional(false));
    QCOMPARE(meets(m_met40), std::optional(true));
    QCOMPARE(*judge.judgedTolerancePct(), std::optional(5.0));
}

void TestExpectationJudge::cancelingWritesNothing()
{
    ExpectationJudge judge(*m_db);
    qint64 calls = 0;
    // Few rows: progress is asked at the first write, which cancels.
    const auto canceled = judge.rejudge(5, [&calls](qint64, qint64) { return ++calls > 1000; });
    QVERIFY(!canceled);
    QCOMPARE(canceled.error().kind, Error::Kind::Canceled);
    QCOMPARE(meets(m_met30), std::optional(true));
    QCOMPARE(*judge.judgedTolerancePct(), std::optional<double>());
}

QTEST_GUILESS_MAIN(TestExpectationJudge)
#include "tst_expectationjudge.moc"
