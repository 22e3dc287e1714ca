// What engine imports mean for measuring (issue 4, point 2): a Snowflake export imported, its
// recommendations imported, then MeasurementService — a failed or cancelled job is never a
// before or after job, a result-cache hit needs a confirmation and leaves a note, different
// warehouse sizes warn — and the completion list leaves unusable jobs out. Both databases.
// Also our query fingerprint (QueryFingerprint).

#include "importtestutil.h"
#include "jobimporter.h"
#include "jobrepository.h"
#include "measurementservice.h"
#include "queryfingerprint.h"
#include "recommendationimporter.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ImportTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray snowflakeExport =
    "QUERY_ID,QUERY_TEXT,USER_NAME,WAREHOUSE_NAME,WAREHOUSE_SIZE,EXECUTION_STATUS,ERROR_CODE,ERROR_MESSAGE,"
    "START_TIME,TOTAL_ELAPSED_TIME,BYTES_SCANNED,PERCENTAGE_SCANNED_FROM_CACHE,ROWS_PRODUCED\n"
    "orig,select * from sales,ANA,BI_WH,Large,SUCCESS,,,2024-05-01 09:00:00.000 -0700,60000,1073741824,0.0,10\n"
    "fast,select id from sales,ANA,BI_WH,Large,SUCCESS,,,2024-05-02 09:00:00.000 -0700,12000,104857600,0.0,10\n"
    "broken,select id from sales,ANA,BI_WH,Large,FAIL,100038,Numeric value 'x' is not recognized,"
    "2024-05-02 09:05:00.000 -0700,300,0,0.0,0\n"
    "stopped,select id from sales,ANA,BI_WH,Large,FAIL,000604,SQL execution canceled,"
    "2024-05-02 09:06:00.000 -0700,900,0,0.0,0\n"
    "cached,select id from sales,ANA,BI_WH,Large,SUCCESS,,,2024-05-02 09:07:00.000 -0700,45,0,0.0,10\n"
    "bigger,select id from sales,ANA,BI_WH,X-Large,SUCCESS,,,2024-05-02 09:08:00.000 -0700,9000,104857600,0.0,10\n"
    "going,select id from sales,ANA,BI_WH,Large,RUNNING,,,2024-05-02 09:09:00.000 -0700,5000,0,0.0,0\n";

} // namespace

class TestImportedJobs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void statusesAndFlagsAreStored();
    void failedCancelledAndRunningJobsAreNeverMeasured();
    void aCachedAfterJobNeedsConfirmationAndIsNoted();
    void differentWarehouseSizesWarn();
    void completionLeavesUnusableJobsOut();
    void unfinishedJobsAreLeftOutAndCounted();

    void fingerprint_data();
    void fingerprint();

private:
    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestImportedJobs::init()
{
    if (QByteArray(QTest::currentTestFunction()).startsWith("fingerprint"))
        return;
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
    const auto jobs = JobImporter(*m_db).importFile(writeFile(m_folder, u"history.csv"_s, snowflakeExport));
    QVERIFY2(jobs.ok(), jobs.ok() ? "" : qPrintable(jobs.error().message));
    QCOMPARE(jobs->inserted, 7);
    const auto recommendations = RecommendationImporter(*m_db).importFile(writeFile(
        m_folder, u"recs.csv"_s, "id,job_id,issue_type,estimated_improvement_pct\n1,orig,select_star,70\n"));
    QVERIFY2(recommendations.ok(), recommendations.ok() ? "" : qPrintable(recommendations.error().message));
}

// A job with no end yet has no duration: left out of the import, counted as skipped and named
// in a note, while the finished jobs of the same export are imported (BigQuery's JOBS view lists
// the exporting query itself as RUNNING).
void TestImportedJobs::unfinishedJobsAreLeftOutAndCounted()
{
    const auto import = [this](const QString &name, const QByteArray &content) {
        auto report = JobImporter(*m_db).importFile(writeFile(m_folder, name, content));
        if (!report.ok())
            qWarning("%s", qPrintable(report.error().message));
        return report;
    };
    const auto bigquery = import(u"jobs.csv"_s, "job_id,start_time,end_time,state\n"
                                                "bq-done,2024-05-02 10:00:00 UTC,2024-05-02 10:00:02.500 UTC,DONE\n"
                                                "bq-running,2024-05-02 10:00:00 UTC,,RUNNING\n");
    QVERIFY(bigquery.ok());
    QCOMPARE(bigquery->rowsRead, 2);
    QCOMPARE(bigquery->inserted, 1);
    QCOMPARE(bigquery->skipped, 1);
    QVERIFY(bigquery->notes.contains(u"unfinished jobs left out (no end time yet, so no duration): 1"_s));
    const JobRepository jobs(*m_db);
    QCOMPARE(jobs.find(u"bq-done"_s).value()->durationMs, 2500);
    QVERIFY(!jobs.find(u"bq-running"_s).value());

    const auto dremio = import(u"dremio.csv"_s, "job_id,status,submitted_epoch_millis,final_state_epoch_millis\n"
                                                "d-running,RUNNING,1714640400000,0\n"
                                                "d-done,COMPLETED,1714640400000,1714640401000\n");
    QVERIFY(dremio.ok());
    QCOMPARE(dremio->inserted, 1);
    QCOMPARE(dremio->skipped, 1);
    QVERIFY(!jobs.find(u"d-running"_s).value());
    QCOMPARE(jobs.find(u"d-done"_s).value()->durationMs, 1000);

    // bq leaves null fields out: a RUNNING job first has no end_time, and the format is still
    // recognised from the records after it.
    const auto ndjson = import(
        u"jobs.json"_s,
        "{\"job_id\":\"nd-running\",\"start_time\":\"2024-05-02 10:00:00 UTC\",\"state\":\"RUNNING\"}\n"
        "{\"job_id\":\"nd-done\",\"start_time\":\"2024-05-02 10:00:00 UTC\","
        "\"end_time\":\"2024-05-02 10:00:01 UTC\",\"state\":\"DONE\"}\n");
    QVERIFY(ndjson.ok());
    QCOMPARE(ndjson->format, u"bigquery"_s);
    QCOMPARE(ndjson->rowsRead, 2);
    QCOMPARE(ndjson->inserted, 1);
    QCOMPARE(ndjson->skipped, 1);
    QCOMPARE(jobs.find(u"nd-done"_s).value()->durationMs, 1000);
}

void TestImportedJobs::statusesAndFlagsAreStored()
{
    const JobRepository jobs(*m_db);
    auto job = [&jobs](const QString &id) { return jobs.find(id).value().value(); };
    QCOMPARE(job(u"orig"_s).status, std::optional<QString>(u"success"_s));
    QCOMPARE(job(u"broken"_s).status, std::optional<QString>(u"failed"_s));
    QCOMPARE(job(u"stopped"_s).status, std::optional<QString>(u"cancelled"_s));
    QCOMPARE(job(u"going"_s).status, std::optional<QString>(u"running"_s));
    QCOMPARE(job(u"cached"_s).cacheHit, std::optional<bool>(true));
    QCOMPARE(job(u"fast"_s).cacheHit, std::optional<bool>(false));
    QCOMPARE(job(u"broken"_s).cacheHit, std::optional<bool>(false)); // a failure scanned nothing, not a cache hit
    QCOMPARE(job(u"bigger"_s).warehouseSize, std::optional<QString>(u"X-Large"_s));
    QCOMPARE(job(u"orig"_s).startedAt, QDateTime(QDate(2024, 5, 1), QTime(16, 0), Qt::UTC));
}

void TestImportedJobs::failedCancelledAndRunningJobsAreNeverMeasured()
{
    MeasurementService service(*m_db);
    const auto failedBefore = service.recordBefore(1, u"broken"_s);
    QVERIFY(!failedBefore.ok());
    QCOMPARE(failedBefore.error().kind, Error::Kind::InvalidState);
    QCOMPARE(failedBefore.error().message,
             u"Job broken has status 'failed': a failed, cancelled or unfinished job cannot be the before job of "
             "a measurement"_s);
    QVERIFY(service.recordBefore(1).ok());
    for (const QString &id : {u"broken"_s, u"stopped"_s, u"going"_s}) {
        const auto after = service.recordAfter(1, id);
        QVERIFY2(!after.ok(), qPrintable(id));
        QVERIFY2(after.error().message.startsWith(u"Job %1 has status '"_s.arg(id)), qPrintable(after.error().message));
    }
    QCOMPARE(countRows(*m_db, u"measurements"_s, u"job_id_after IS NOT NULL"_s), 0);
    const auto after = service.recordAfter(1, u"fast"_s);
    QVERIFY(after.ok());
    QCOMPARE(after->improvements.durationPct, std::optional<double>(80.0));
    QVERIFY(after->warnings.isEmpty());
    QVERIFY(!after->validationNotes);
}

void TestImportedJobs::aCachedAfterJobNeedsConfirmationAndIsNoted()
{
    MeasurementService service(*m_db);
    QVERIFY(service.recordBefore(1).ok());
    const auto refused = service.recordAfter(1, u"cached"_s);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, Error::Kind::InvalidState);
    QCOMPARE(refused.error().message,
             u"Job cached was served from a result cache: its metrics are not a real run and would show a false "
             "improvement. Confirm to record it anyway (command line: --allow-cached)"_s);
    QVERIFY(!service.previewAfter(1, u"cached"_s).ok());
    QCOMPARE(countRows(*m_db, u"measurements"_s, u"job_id_after IS NOT NULL"_s), 0);

    const auto confirmed = service.recordAfter(1, u"cached"_s, std::nullopt, true);
    QVERIFY2(confirmed.ok(), confirmed.ok() ? "" : qPrintable(confirmed.error().message));
    const QString note = u"The after job cached was served from a result cache (recorded with confirmation): its "
                         "improvement is not a real one"_s;
    QCOMPARE(confirmed->validationNotes, std::optional<QString>(note));
    QCOMPARE(confirmed->warnings, QStringList{note});
    QCOMPARE(service.latest(1)->validationNotes, std::optional<QString>(note)); // stored
}

void TestImportedJobs::differentWarehouseSizesWarn()
{
    MeasurementService service(*m_db);
    QVERIFY(service.recordBefore(1).ok());
    const auto after = service.recordAfter(1, u"bigger"_s);
    QVERIFY(after.ok());
    const QString note = u"The before job ran on warehouse size Large and the after job on X-Large: the comparison "
                         "is not like for like"_s;
    QCOMPARE(after->warnings, QStringList{note});
    QCOMPARE(service.latest(1)->validationNotes, std::optional<QString>(note));
    // Correcting to a job of the same size clears the note.
    const auto corrected = service.correctAfter(1, u"fast"_s);
    QVERIFY(corrected.ok());
    QVERIFY(!service.latest(1)->validationNotes);
}

void TestImportedJobs::completionLeavesUnusableJobsOut()
{
    const JobRepository jobs(*m_db);
    QCOMPARE(*jobs.idsStartingWith(QString(), 100, true),
             (QStringList{u"bigger"_s, u"cached"_s, u"fast"_s, u"orig"_s}));
    QCOMPARE(jobs.idsStartingWith(QString(), 100, false)->size(), 7);
}

void TestImportedJobs::fingerprint_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");
    QTest::addColumn<QString>("normalized"); // of the first

    auto row = [](const char *name, const char *a, const char *b, bool same, const char *normalized) {
        QTest::newRow(name) << QString::fromUtf8(a) << QString::fromUtf8(b) << same << QString::fromUtf8(normalized);
    };
    row("literals, case, whitespace and comments fold",
        "SELECT a, b FROM Sales WHERE id = 42 AND name = 'O''Brien' -- one\n",
        "select A,b\n  from sales /* two */ where ID=7 and NAME='x'", true,
        "select a , b from sales where id = ? and name = ?");
    row("IN lists of any length are one query", "select * from t where id in (1, 2, 3)",
        "select * from t where id in (4)", true, "select * from t where id in ( ? )");
    row("bind parameters are literals", "select * from t where id = :id and x = ?",
        "select * from t where id = 5 and x = 'y'", true, "select * from t where id = ? and x = ?");
    row("a trailing semicolon does not count", "select 1;", "select 2", true, "select ?");
    row("numbers with exponents and decimals", "select 1.5e-3, .5 from t", "select 2 , 3 from t", true,
        "select ? , ? from t");
    row("PostgreSQL dollar quoting is a literal", "select $$it's$$, $tag$x$tag$ from t", "select 'a', 'b' from t",
        true, "select ? , ? from t");
    row("quoted identifiers keep their case", "select \"Col\" from t", "select \"col\" from t", false,
        "select \"Col\" from t");
    row("another table is another query", "select a from sales", "select a from refunds", false, "select a from sales");
    row("another column is another query", "select a from t", "select b from t", false, "select a from t");
    row("!= and <> are the same operator", "select 1 from t where a != 2", "select 1 from t where a <> 2", true,
        "select ? from t where a <> ?");
}

void TestImportedJobs::fingerprint()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    QFETCH(QString, normalized);
    QCOMPARE(QueryFingerprint::normalize(first), normalized);
    const QString a = QueryFingerprint::of(first);
    QCOMPARE(a.size(), 16);
    QCOMPARE(a == QueryFingerprint::of(second), same);
    QCOMPARE(QueryFingerprint::of(first), a); // stable
    QCOMPARE(QueryFingerprint::of(u"  -- only a comment\n"_s), QString());
}

QTEST_GUILESS_MAIN(TestImportedJobs)
#include "tst_importedjobs.moc"
