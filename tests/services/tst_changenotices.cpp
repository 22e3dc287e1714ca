// SPEC §7 on PostgreSQL: every committed write announces itself on 'optimeter_changes' with
// {"what", "ids", "by"}, another connection hears it within a second, and a write rolled back
// announces nothing. A second connection of the same server LISTENs as another analyst would.

#include "changelistener.h"
#include "expectationjudge.h"
#include "jobimporter.h"
#include "measurementservice.h"
#include "recommendationimporter.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestChangeNotices : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("postgresql") << u"postgresql"_s;
    }
    void initTestCase() { qputenv("USER", "tester"); }
    void init();
    void cleanup();

    void aCommittedWriteReachesAnotherConnection_data();
    void aCommittedWriteReachesAnotherConnection();
    void aRolledBackOrEmptyWriteAnnouncesNothing();
    void idsPastTheLimitAreLeftOut();
    void theListenerReportsOthersNotItsOwn();
    void payloadKeepsTheSpecOrderAndEscapes();

private:
    void addJob(const QString &id, const QString &hash, qint64 secondsAgo, qint64 durationMs);
    void addRecommendation(qint64 id, const QString &job);
    QString writeFile(const QString &name, const QByteArray &content);
    // Subscribes the second connection; what it hears lands in the returned spy.
    std::unique_ptr<QSignalSpy> listen();
    static QString payloadOf(const QList<QVariant> &notification) { return notification.at(2).toString(); }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Database> m_other; // the other analyst's connection
};

void TestChangeNotices::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    auto other = m_db->reopen();
    QVERIFY(other.ok());
    m_other = std::move(other).value();
    addJob(u"b1"_s, u"H1"_s, 86400, 1000);
    addJob(u"k1"_s, u"H2"_s, 7200, 600);
    addJob(u"k2"_s, u"H2"_s, 3600, 500);
    addRecommendation(1, u"b1"_s);
}

void TestChangeNotices::cleanup()
{
    m_other.reset();
    m_db.reset();
}

void TestChangeNotices::addJob(const QString &id, const QString &hash, qint64 secondsAgo, qint64 durationMs)
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT INTO queries (job_id, query_hash, engine, started_at, duration_ms, status) "
                  "VALUES (?, ?, 'generic', ?, ?, 'success')"_s);
    query.addBindValue(id);
    query.addBindValue(hash);
    query.addBindValue(Database::toSqlTimestamp(QDateTime::currentDateTimeUtc().addSecs(-secondsAgo)));
    query.addBindValue(durationMs);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

void TestChangeNotices::addRecommendation(qint64 id, const QString &job)
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                  "VALUES (?, ?, 'select_star', 30)"_s);
    query.addBindValue(id);
    query.addBindValue(job);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

QString TestChangeNotices::writeFile(const QString &name, const QByteArray &content)
{
    QFile file(m_folder.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

std::unique_ptr<QSignalSpy> TestChangeNotices::listen()
{
    QSqlDriver *driver = m_other->connection().driver();
    auto spy = std::make_unique<QSignalSpy>(driver, &QSqlDriver::notification);
    if (!driver->subscribeToNotification(u"optimeter_changes"_s))
        qWarning("LISTEN failed: %s", qPrintable(driver->lastError().text()));
    return spy;
}

void TestChangeNotices::aCommittedWriteReachesAnotherConnection_data()
{
    QTest::addColumn<QString>("write");
    QTest::addColumn<QString>("payload");
    QTest::newRow("measure before") << u"before"_s << uR"({"what":"measurements","ids":[1],"by":"anna"})"_s;
    QTest::newRow("measure after") << u"after"_s << uR"({"what":"measurements","ids":[1],"by":"ben"})"_s;
    QTest::newRow("measure correct") << u"correct"_s << uR"({"what":"measurements","ids":[1],"by":"cleo"})"_s;
    QTest::newRow("undo of recording the after job")
        << u"restore"_s << uR"({"what":"measurements","ids":[1],"by":"tester"})"_s;
    QTest::newRow("discard an open measurement")
        << u"discard"_s << uR"({"what":"measurements","ids":[1],"by":"tester"})"_s;
    QTest::newRow("refresh with runs imported since")
        << u"refresh"_s << uR"({"what":"measurements","ids":[1],"by":"tester"})"_s;
    QTest::newRow("import queries") << u"import queries"_s << uR"({"what":"queries","by":"tester"})"_s;
    QTest::newRow("import recommendations")
        << u"import recommendations"_s << uR"({"what":"recommendations","by":"tester"})"_s;
    QTest::newRow("a remembered tolerance") << u"remember"_s << uR"({"what":"settings","by":"tester"})"_s;
}

void TestChangeNotices::aCommittedWriteReachesAnotherConnection()
{
    QFETCH(QString, write);
    QFETCH(QString, payload);
    MeasurementService service(*m_db);
    // What must be there first, written before the other connection listens.
    std::optional<Measurement> open;
    if (write != u"before"_s && write.startsWith(u"import"_s) == false && write != u"remember"_s) {
        const auto before = service.recordBefore(1, u"b1"_s, u"anna"_s);
        QVERIFY(before.ok());
        open = *before;
    }
    if (write == u"correct"_s || write == u"restore"_s || write == u"refresh"_s)
        QVERIFY(service.recordAfter(1, AfterRequest{{u"k1"_s}, 14, false, u"ben"_s}).ok());
    if (write == u"refresh"_s)
        addJob(u"k3"_s, u"H2"_s, 1800, 550);
    const QString jobs = writeFile(u"jobs.csv"_s, "job_id,duration_ms\nn1,100\n");
    const QString recommendations = writeFile(u"recs.csv"_s, "id,job_id,issue_type\n2,b1,select_star\n");

    const auto spy = listen();
    QElapsedTimer sinceCommit;
    Status written = success();
    if (write == u"before"_s) {
        written = service.recordBefore(1, u"b1"_s, u"anna"_s).ok() ? success() : Error::database(u"before"_s);
    } else if (write == u"after"_s) {
        const auto after = service.recordAfter(1, u"k1"_s, u"ben"_s);
        written = after ? success() : after.error();
    } else if (write == u"correct"_s) {
        const auto corrected = service.correctAfter(1, u"k2"_s, u"cleo"_s);
        written = corrected ? success() : corrected.error();
    } else if (write == u"restore"_s) {
        const auto restored = service.restore(*open);
        written = restored ? success() : restored.error();
    } else if (write == u"discard"_s) {
        written = service.discardOpen(open->id);
    } else if (write == u"refresh"_s) {
        const auto refreshed = service.refresh(1);
        written = refreshed ? success() : refreshed.error();
    } else if (write == u"import queries"_s) {
        const auto report = JobImporter(*m_db).importFile(jobs);
        written = report ? success() : report.error();
    } else if (write == u"import recommendations"_s) {
        const auto report = RecommendationImporter(*m_db).importFile(recommendations);
        written = report ? success() : report.error();
    } else if (write == u"remember"_s) {
        written = ExpectationJudge(*m_db).remember(12.5);
    }
    sinceCommit.start();
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
    QTRY_VERIFY_WITH_TIMEOUT(spy->size() >= 1, 1000);
    QVERIFY2(sinceCommit.elapsed() < 1000, qPrintable(QString::number(sinceCommit.elapsed())));
    QCOMPARE(spy->size(), 1);
    QCOMPARE(spy->at(0).at(0).toString(), u"optimeter_changes"_s);
    QCOMPARE(spy->at(0).at(1).value<QSqlDriver::NotificationSource>(), QSqlDriver::OtherSource);
    QCOMPARE(payloadOf(spy->at(0)), payload);
}

void TestChangeNotices::aRolledBackOrEmptyWriteAnnouncesNothing()
{
    const QString same = writeFile(u"same.csv"_s, "job_id,duration_ms\nn1,100\n");
    QVERIFY(JobImporter(*m_db).importFile(same).ok());
    const auto spy = listen();
    {
        // Announced, then rolled back: PostgreSQL drops the notice with the transaction.
        Transaction transaction(*m_db);
        QVERIFY(transaction.isActive());
        QSqlQuery query(m_db->connection());
        QVERIFY(query.exec(u"UPDATE queries SET duration_ms = 1 WHERE job_id = 'b1'"_s));
        transaction.announce(u"queries"_s, QList<qint64>{1});
    }
    MeasurementService service(*m_db);
    QVERIFY(service.recordBefore(1, u"b1"_s, u"anna"_s).ok());
    // Notices arrive in commit order: the first is this one, not the rolled-back one.
    QTRY_COMPARE_WITH_TIMEOUT(spy->size(), 1, 1000);
    QCOMPARE(payloadOf(spy->at(0)), uR"({"what":"measurements","ids":[1],"by":"anna"})"_s);
    spy->clear(); // the failures below must add none
    // Refused by a rule after its reads: a second open measurement, an unknown after job.
    QVERIFY(!service.recordBefore(1, u"b1"_s, u"anna"_s).ok());
    QVERIFY(!service.recordAfter(1, u"no-such-job"_s, u"ben"_s).ok());
    // An import refused on its second row, after the first was written.
    const QString bad = writeFile(u"bad.csv"_s, "job_id,duration_ms\nn1,100\nn2,minus\n");
    QVERIFY(!JobImporter(*m_db).importFile(bad).ok());
    // Committed, but every row as it was: nothing to announce.
    const auto again = JobImporter(*m_db).importFile(same);
    QVERIFY(again.ok());
    QCOMPARE(again->unchanged, 1);
    QTest::qWait(1500);
    QVERIFY2(spy->isEmpty(), qPrintable(spy->isEmpty() ? QString() : payloadOf(spy->first())));
}

void TestChangeNotices::idsPastTheLimitAreLeftOut()
{
    const auto spy = listen();
    QList<qint64> ids;
    for (qint64 id = 1000000; id < 1002000; ++id) // 2000 × 8 bytes: past 8000
        ids << id;
    {
        Transaction transaction(*m_db);
        transaction.announce(u"measurements"_s, ids, u"anna"_s);
        const Status committed = transaction.commit();
        QVERIFY2(committed.ok(), committed.ok() ? "" : qPrintable(committed.error().message));
    }
    QTRY_COMPARE_WITH_TIMEOUT(spy->size(), 1, 1000);
    QCOMPARE(payloadOf(spy->at(0)), uR"({"what":"measurements","by":"anna"})"_s);

    // Just below the limit they stay.
    ChangeNotice notice{u"measurements"_s, QList<qint64>{}, u"anna"_s, {}};
    while (notice.payload().size() + 8 <= ChangeNotice::maxPayloadBytes)
        notice.ids->append(1000000 + notice.ids->size());
    QVERIFY(notice.payload().contains("\"ids\""));
    QVERIFY(notice.payload().size() <= ChangeNotice::maxPayloadBytes);
    notice.ids->append(2000000);
    QVERIFY(!notice.payload().contains("\"ids\""));
}

void TestChangeNotices::theListenerReportsOthersNotItsOwn()
{
    ChangeListener listener(*m_other);
    QVERIFY(listener.start().ok());
    QSignalSpy noticed(&listener, &ChangeListener::noticed);
    // The listening connection's own write: whoever made it knows.
    QVERIFY(MeasurementService(*m_other).recordBefore(1, u"b1"_s, u"self"_s).ok());
    QVERIFY(MeasurementService(*m_db).discardOpen(1).ok());
    QTRY_COMPARE_WITH_TIMEOUT(noticed.size(), 1, 1000);
    QTest::qWait(200);
    QCOMPARE(noticed.size(), 1);
    const auto notice = noticed.at(0).at(0).value<ChangeNotice>();
    QCOMPARE(notice.what, u"measurements"_s);
    QCOMPARE(notice.ids, std::optional(QList<qint64>{1}));
    QCOMPARE(notice.by, u"tester"_s);
    QVERIFY(qAbs(notice.at.secsTo(QDateTime::currentDateTimeUtc())) < 5);
}

void TestChangeNotices::payloadKeepsTheSpecOrderAndEscapes()
{
    const ChangeNotice notice{u"recommendations"_s, QList<qint64>{3, 5}, u"Zoë \"Z\" O'Neil\\"_s, {}};
    QCOMPARE(QString::fromUtf8(notice.payload()), uR"({"what":"recommendations","ids":[3,5],"by":"Zoë \"Z\" O'Neil\\"})"_s);
    const ChangeNotice read = ChangeNotice::fromPayload(QString::fromUtf8(notice.payload()));
    QCOMPARE(read.what, notice.what);
    QCOMPARE(read.ids, notice.ids);
    QCOMPARE(read.by, notice.by);
    // Another program's NOTIFY on the channel: nothing known, not a failure.
    const ChangeNotice foreign = ChangeNotice::fromPayload(u"hello"_s);
    QVERIFY(foreign.what.isEmpty() && foreign.by.isEmpty() && !foreign.ids);
}

QTEST_GUILESS_MAIN(TestChangeNotices)
#include "tst_changenotices.moc"
