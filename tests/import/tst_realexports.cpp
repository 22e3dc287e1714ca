// The shapes real query-history files come in (issue 12), on SQLite and PostgreSQL: JSON found
// by parsing (a pretty-printed document is one document, not NDJSON), BigQuery Job resources and
// Dremio's REST envelope read as records, documents of another shape refused with the format
// message, and pg_stat_statements dumps that name no snapshot time identified by their content.

#include "importtestutil.h"
#include "jobimporter.h"
#include "jobrepository.h"
#include "testdatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ImportTest;
using namespace Qt::StringLiterals;

namespace {

// A Job resource as `bq show -j --format=prettyjson` writes it (keys sorted, two spaces).
QByteArray jobResource(const QByteArray &id, const QByteArray &start, const QByteArray &end,
                       const QByteArray &state = "DONE", const QByteArray &error = {})
{
    QByteArray status = "    \"state\": \"" + state + "\"\n";
    if (!error.isEmpty())
        status = "    \"errorResult\": {\n      \"message\": \"x\",\n      \"reason\": \"" + error + "\"\n    },\n" + status;
    return "{\n"
           "  \"configuration\": {\n    \"jobType\": \"QUERY\",\n    \"query\": {\n      \"query\": \"SELECT 1\"\n    }\n  },\n"
           "  \"jobReference\": {\n    \"jobId\": \"" + id + "\",\n    \"location\": \"US\",\n    \"projectId\": \"p\"\n  },\n"
           "  \"kind\": \"bigquery#job\",\n"
           "  \"statistics\": {\n    \"creationTime\": \"" + start + "\",\n"
           + (end.isEmpty() ? QByteArray() : "    \"endTime\": \"" + end + "\",\n")
           + "    \"startTime\": \"" + start + "\",\n    \"totalSlotMs\": \"250\"\n  },\n"
           "  \"status\": {\n" + status + "  }\n"
           "}";
}

// Compact, as one NDJSON line.
QByteArray oneLine(QByteArray json)
{
    json.replace('\n', ' ');
    return json;
}

// A Dremio sys.jobs_recent row with timestamp columns only (no *_epoch_millis).
QByteArray dremioRow(const QByteArray &id, const QByteArray &submitted, const QByteArray &finished)
{
    return R"({"job_id": ")" + id + R"(", "status": "COMPLETED", "submitted_ts": ")" + submitted
           + R"(", "final_state_ts": ")" + finished + R"(", "query": "SELECT 1", "rows_returned": 1})";
}

// A pg_stat_statements dump of PostgreSQL 16 without a snapshot_time column.
QByteArray pgssDump(const char *callsOfTheFirst = "1200")
{
    return QByteArray("userid,dbid,toplevel,queryid,query,calls,total_exec_time,rows,shared_blks_hit,shared_blks_read\n"
                      "16384,16385,t,5482036171233400714,SELECT * FROM orders WHERE id = $1,")
           + callsOfTheFirst
           + ",530.4,1200,3600,12\n"
             "16384,16385,t,-2284771034401118011,\"UPDATE accounts SET balance = balance + $1 WHERE id = $2\","
             "300,612.3,300,1500,30\n";
}

} // namespace

class TestRealExports : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void jsonShapesAreFoundByParsing_data();
    void jsonShapesAreFoundByParsing();
    void documentsOfAnotherShapeAreRefused_data();
    void documentsOfAnotherShapeAreRefused();
    void envelopeRecordsAreNamedByTheirPath();
    void jobResourceStatusesAndUnfinishedJobs();
    void dremioCloudEpochsAreNanoseconds();
    void snowflakeWithoutQueryTypeSaysSo();

    void sameDumpAgainIsUnchangedWhateverItsFileTime();
    void aSnapshotTimeNamesTheDump();
    void snapshotTimesAreCheckedAgainstTheFiles();
    void twoDumpsWithoutTimesAreTakenInTheOrderGiven();

private:
    Result<ImportReport> import(const QByteArray &content, const QString &extension, ImportOptions options = {});
    QStringList jobIds();

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    QString m_lastPath;
};

void TestRealExports::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
}

Result<ImportReport> TestRealExports::import(const QByteArray &content, const QString &extension,
                                             ImportOptions options)
{
    m_lastPath = writeFile(m_folder, nextName(u"export"_s).replace(u".csv"_s, u"."_s + extension), content);
    return JobImporter(*m_db).importFile(m_lastPath, options);
}

QStringList TestRealExports::jobIds()
{
    QSqlQuery query(m_db->connection());
    QStringList ids;
    if (!query.exec(u"SELECT job_id FROM queries ORDER BY job_id"_s))
        return {u"<"_s + query.lastError().text() + u">"_s};
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

void TestRealExports::jsonShapesAreFoundByParsing_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("jobs");
    QTest::addColumn<qint64>("rows");

    const QByteArray a = jobResource("job_a", "1714982400000", "1714982401500");
    const QByteArray b = jobResource("job_b", "1714982500000", "1714982500250");
    QTest::newRow("one pretty-printed Job resource (bq show -j), '{' alone on line 1")
        << a + "\n" << u"bigquery"_s << QStringList{u"job_a"_s} << qint64(1);
    QTest::newRow("Job resources, one per line (NDJSON)")
        << oneLine(a) + "\n" + oneLine(b) + "\n" << u"bigquery"_s << QStringList{u"job_a"_s, u"job_b"_s} << qint64(2);
    QTest::newRow("a pretty-printed array of Job resources (bq ls -j)")
        << "[\n" + a + ",\n" + b + "\n]\n" << u"bigquery"_s << QStringList{u"job_a"_s, u"job_b"_s} << qint64(2);
    QTest::newRow("a BigQuery jobs.list response")
        << "{\n  \"etag\": \"x\",\n  \"jobs\": [\n" + a + ",\n" + b + "\n  ],\n  \"kind\": \"bigquery#jobList\"\n}\n"
        << u"bigquery"_s << QStringList{u"job_a"_s, u"job_b"_s} << qint64(2);
    const QByteArray rows = dremioRow("d1", "2024-06-12 16:15:29.834", "2024-06-12 16:15:41.207") + ", "
                            + dremioRow("d2", "2024-06-12 16:16:02.001", "2024-06-12 16:16:02.096");
    QTest::newRow("a Dremio REST envelope on one line")
        << R"({"rowCount": 2, "schema": [{"name": "job_id", "type": {"name": "VARCHAR"}}], "rows": [)" + rows + "]}"
        << u"dremio"_s << QStringList{u"d1"_s, u"d2"_s} << qint64(2);
    QTest::newRow("a Dremio envelope whose rows come before its schema")
        << "{\n  \"rows\": [\n    " + rows + "\n  ],\n  \"rowCount\": 2,\n  \"schema\": []\n}\n"
        << u"dremio"_s << QStringList{u"d1"_s, u"d2"_s} << qint64(2);
    QTest::newRow("an array of Dremio rows with timestamp columns only")
        << "[" + rows + "]" << u"dremio"_s << QStringList{u"d1"_s, u"d2"_s} << qint64(2);
    QTest::newRow("a byte-order mark and blank lines before a document")
        << "\xEF\xBB\xBF\n\n" + a << u"bigquery"_s << QStringList{u"job_a"_s} << qint64(1);
}

void TestRealExports::jsonShapesAreFoundByParsing()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QFETCH(QStringList, jobs);
    QFETCH(qint64, rows);
    const auto report = import(content, u"json"_s);
    REQUIRE_OK(report);
    QCOMPARE(report->format, format);
    QCOMPARE(report->rowsRead, rows);
    QCOMPARE(report->rejected, 0);
    QCOMPARE(jobIds(), jobs);
    if (format == QLatin1String("dremio")) {
        // submitted_ts and final_state_ts are read (they were ignored in JSON).
        const auto d1 = JobRepository(*m_db).find(u"d1"_s);
        REQUIRE_OK(d1);
        QCOMPARE(d1->value().durationMs, 11373.0);
        QCOMPARE(d1->value().startedAt, std::optional(utc(2024, 6, 12, 16, 15, 29, 834)));
    } else {
        const auto a = JobRepository(*m_db).find(u"job_a"_s);
        REQUIRE_OK(a);
        QCOMPARE(a->value().durationMs, 1500.0);
        QCOMPARE(a->value().startedAt, std::optional(utc(2024, 5, 6, 8, 0, 0)));
        QCOMPARE(a->value().status, std::optional(u"success"_s));
        const auto profile = JobRepository(*m_db).findProfile(u"job_a"_s);
        REQUIRE_OK(profile);
        QCOMPARE(profile->value().cpuTimeMs, std::optional<qint64>(250));
    }
}

void TestRealExports::documentsOfAnotherShapeAreRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message"); // PATH stands for the file

    const QString queryResult =
        u"PATH: a BigQuery query result (getQueryResults or jobs.query: a schema and rows of f/v cells) holds the "
        "rows a query returned, not the metrics of jobs. Export the jobs with 'bq ls -j --all --format=prettyjson', "
        "'bq show -j --format=prettyjson JOB_ID' or a query of INFORMATION_SCHEMA.JOBS"_s;
    QTest::newRow("a getQueryResults response, pretty-printed")
        << QByteArray("{\n  \"jobComplete\": true,\n  \"jobReference\": {\n    \"jobId\": \"j\"\n  },\n"
                      "  \"kind\": \"bigquery#getQueryResultsResponse\",\n  \"rows\": [\n    {\n      \"f\": [\n"
                      "        {\n          \"v\": \"1\"\n        }\n      ]\n    }\n  ],\n"
                      "  \"schema\": {\n    \"fields\": [\n      {\n        \"name\": \"n\",\n"
                      "        \"type\": \"INTEGER\"\n      }\n    ]\n  },\n  \"totalRows\": \"1\"\n}\n")
        << queryResult;
    QTest::newRow("query result rows without a kind")
        << QByteArray(R"({"schema": {"fields": [{"name": "job_id"}]}, "rows": [{"f": [{"v": "a"}]}]})") << queryResult;
    QTest::newRow("a valid document of another kind gets the format message, not 'not valid JSON'")
        << QByteArray("{\n  \"kind\": \"storage#objects\",\n  \"items\": [\n    {\n      \"name\": \"a.csv\"\n    }\n  ]\n}\n")
        << u"PATH: unknown format: the first record fits none of the formats we read. Expected the columns of one "
           "of: generic (job_id, duration_ms); snowflake (query_id, total_elapsed_time); bigquery (job_id, "
           "start_time, end_time); dremio (job_id, submitted_epoch_millis or submitted_ts, "
           "final_state_epoch_millis or final_state_ts); databricks (statement_id, total_duration_ms); "
           "pg_stat_statements (queryid, calls, total_exec_time or total_time); trino (query_id, "
           "wall_time_millis). Name the format with --format if it is one of these."_s;
    QTest::newRow("an envelope without rows")
        << QByteArray("{\n  \"rowCount\": 0,\n  \"schema\": [],\n  \"rows\": []\n}\n")
        << u"PATH: the JSON holds no records"_s;
    QTest::newRow("a document cut short is named where its member starts")
        << QByteArray("{\n  \"jobReference\": {\"jobId\": \"x\"},\n  \"statistics\": {\n    \"startTime\": \"1\"\n")
        << u"PATH:3: $: not valid JSON: unterminated object"_s;
    QTest::newRow("two members without a comma")
        << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}\n") << u"PATH:3: $: not valid JSON: expected ',' or '}' after a member"_s;
    QTest::newRow("a bad value inside a member")
        << QByteArray("{\n  \"jobReference\": {\n    \"jobId\": x\n  }\n}\n")
        << u"PATH:3: $.jobReference: not valid JSON: illegal number"_s;
    QTest::newRow("text after the document")
        << jobResource("j", "1", "2") + "\n]\n" << u"PATH:24: text after the end of the JSON document"_s;
}

void TestRealExports::documentsOfAnotherShapeAreRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const auto report = import(content, u"json"_s);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(report.error().message, QString(message).replace(u"PATH"_s, m_lastPath));
    QCOMPARE(jobIds(), QStringList());
}

void TestRealExports::envelopeRecordsAreNamedByTheirPath()
{
    const QByteArray content = "{\n  \"rowCount\": 2,\n  \"rows\": [\n    "
                               + dremioRow("d1", "2024-06-12 16:15:29.834", "2024-06-12 16:15:41.207") + ",\n    "
                               + dremioRow("d2", "yesterday", "2024-06-12 16:16:02.096") + "\n  ]\n}\n";
    const auto report = import(content, u"json"_s);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().message,
             u"%1:5: $.rows[1].submitted_ts: 'yesterday' is not a date and time like 2024-05-31T14:02:11Z"_s.arg(m_lastPath));
    ImportOptions options;
    options.skipInvalid = true;
    const auto skipped = import(content, u"json"_s, options);
    REQUIRE_OK(skipped);
    QCOMPARE(skipped->inserted, 1);
    QCOMPARE(skipped->rejected, 1);
    QCOMPARE(jobIds(), QStringList{u"d1"_s});
}

void TestRealExports::jobResourceStatusesAndUnfinishedJobs()
{
    const QByteArray content = "[\n" + jobResource("ok", "1714982400000", "1714982400100") + ",\n"
                               + jobResource("failed", "1714982400000", "1714982400200", "DONE", "invalidQuery") + ",\n"
                               + jobResource("cancelled", "1714982400000", "1714982400300", "DONE", "stopped") + ",\n"
                               + jobResource("running", "1714982400000", {}, "RUNNING") + "\n]\n";
    const auto report = import(content, u"json"_s);
    REQUIRE_OK(report);
    QCOMPARE(report->inserted, 3);
    QCOMPARE(report->skipped, 1);
    QCOMPARE(report->rowsRead, 4);
    const JobRepository jobs(*m_db);
    QCOMPARE(jobs.find(u"ok"_s)->value().status, std::optional(u"success"_s));
    QCOMPARE(jobs.find(u"failed"_s)->value().status, std::optional(u"failed"_s));
    QCOMPARE(jobs.find(u"cancelled"_s)->value().status, std::optional(u"cancelled"_s));
    QCOMPARE(jobs.find(u"cancelled"_s)->value().durationMs, 300.0);
    QVERIFY(!jobs.find(u"running"_s)->has_value());
    QVERIFY(report->conversions.contains(u"duration_ms ← statistics.endTime − statistics.startTime (ms)"_s));
}

void TestRealExports::dremioCloudEpochsAreNanoseconds()
{
    // Dremio Cloud's *_epoch columns count nanoseconds: 644,500 ns is 0.6445 ms, not 0.
    const QByteArray csv = "job_id,status,submitted_epoch,final_state_epoch,execution_cpu_time_ns,query\n"
                           "c1,COMPLETED,1722503699950250000,1722503699950894500,1500000,SELECT 1\n"
                           // The documentation's example writes milliseconds in the same columns.
                           "c2,COMPLETED,1719825299950,1719825300045,7500000,SELECT 2\n";
    const auto report = import(csv, u"csv"_s);
    REQUIRE_OK(report);
    QCOMPARE(report->format, u"dremio"_s);
    const JobRepository jobs(*m_db);
    QCOMPARE(jobs.find(u"c1"_s)->value().durationMs, 0.6445);
    QCOMPARE(jobs.find(u"c1"_s)->value().startedAt, std::optional(utc(2024, 8, 1, 9, 14, 59, 950)));
    QCOMPARE(jobs.find(u"c1"_s)->value().status, std::optional(u"success"_s));
    QCOMPARE(jobs.findProfile(u"c1"_s)->value().cpuTimeMs, std::optional<qint64>(2)); // 1.5 ms, half away from zero
    QCOMPARE(jobs.find(u"c2"_s)->value().durationMs, 95.0);
    QCOMPARE(jobs.find(u"c2"_s)->value().startedAt, std::optional(utc(2024, 7, 1, 9, 14, 59, 950)));
    QVERIFY(report->conversions.contains(u"started_at ← submitted_epoch (epoch ns → UTC)"_s));
}

void TestRealExports::snowflakeWithoutQueryTypeSaysSo()
{
    const QByteArray csv = "QUERY_ID,QUERY_TEXT,EXECUTION_STATUS,TOTAL_ELAPSED_TIME,BYTES_SCANNED\n"
                           "q1,USE WAREHOUSE WH,SUCCESS,40,0\n";
    const auto report = import(csv, u"csv"_s);
    REQUIRE_OK(report);
    QCOMPARE(report->cacheHits, 1);
    QVERIFY2(report->notes.contains(u"the export has no QUERY_TYPE column: every successful statement that scanned "
                                    "nothing is taken as a result-cache hit, though only a SELECT can be one; export "
                                    "QUERY_TYPE to tell them apart"_s),
             qPrintable(report->notes.join(u'\n')));
    // With QUERY_TYPE, the same statement ran.
    const auto typed = import("QUERY_ID,QUERY_TEXT,QUERY_TYPE,EXECUTION_STATUS,TOTAL_ELAPSED_TIME,BYTES_SCANNED\n"
                              "q2,USE WAREHOUSE WH,USE,SUCCESS,40,0\n",
                              u"csv"_s);
    REQUIRE_OK(typed);
    QCOMPARE(typed->cacheHits, 0);
    QCOMPARE(JobRepository(*m_db).find(u"q2"_s)->value().cacheHit, std::optional(false));
}

void TestRealExports::sameDumpAgainIsUnchangedWhateverItsFileTime()
{
    const auto first = import(pgssDump(), u"csv"_s);
    REQUIRE_OK(first);
    QCOMPARE(first->inserted, 2);
    const QStringList ids = jobIds();
    QCOMPARE(ids.size(), 2);
    QVERIFY2(ids.first().startsWith(u"pgss:-2284771034401118011@sha256:"_s), qPrintable(ids.first()));
    const QString note = first->notes.value(0);
    QVERIFY2(note.contains(u"has no snapshot_time column: its jobs are named by the file's content (sha256:"_s),
             qPrintable(note));
    QVERIFY(!JobRepository(*m_db).find(ids.first())->value().startedAt.has_value());

    // The same bytes under another name and another modification time (a checkout, touch).
    const QString copy = writeFile(m_folder, u"checked-out.csv"_s, pgssDump());
    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addDays(-3), QFileDevice::FileModificationTime));
    file.close();
    const auto again = JobImporter(*m_db).importFile(copy);
    REQUIRE_OK(again);
    QCOMPARE(again->inserted, 0);
    QCOMPARE(again->updated, 0);
    QCOMPARE(again->unchanged, 2);
    // Line ends a checkout may change do not count.
    QByteArray crlf = pgssDump();
    crlf.replace("\n", "\r\n");
    const auto windows = import(crlf, u"csv"_s);
    REQUIRE_OK(windows);
    QCOMPARE(windows->unchanged, 2);
    QCOMPARE(jobIds(), ids);
    // Another snapshot is other jobs.
    const auto later = import(pgssDump("1300"), u"csv"_s);
    REQUIRE_OK(later);
    QCOMPARE(later->inserted, 2);
    QCOMPARE(jobIds().size(), 4);
}

void TestRealExports::aSnapshotTimeNamesTheDump()
{
    ImportOptions options;
    options.snapshotTimes << utc(2024, 5, 2, 12, 30);
    const auto report = import(pgssDump(), u"csv"_s, options);
    REQUIRE_OK(report);
    QCOMPARE(jobIds(), (QStringList{u"pgss:-2284771034401118011@2024-05-02T12:30:00Z"_s,
                                    u"pgss:5482036171233400714@2024-05-02T12:30:00Z"_s}));
    const auto job = JobRepository(*m_db).find(u"pgss:5482036171233400714@2024-05-02T12:30:00Z"_s);
    REQUIRE_OK(job);
    QCOMPARE(job->value().startedAt, std::optional(utc(2024, 5, 2, 12, 30)));
    QCOMPARE(job->value().durationMs, 0.442); // 530.4 ms over 1200 calls
    QVERIFY2(report->notes.contains(u"%1 has no snapshot_time column: its snapshot time is 2024-05-02T12:30:00.000Z, "
                                    "as given"_s.arg(QFileInfo(m_lastPath).fileName())),
             qPrintable(report->notes.join(u'\n')));
}

void TestRealExports::snapshotTimesAreCheckedAgainstTheFiles()
{
    ImportOptions options;
    options.snapshotTimes << utc(2024, 5, 2, 12, 30);
    const auto other = import("job_id,duration_ms\nj,1\n", u"csv"_s, options);
    QVERIFY(!other.ok());
    QCOMPARE(other.error().message,
             u"%1: a snapshot time names a pg_stat_statements dump; this file is a generic export"_s.arg(m_lastPath));
    const auto timed = import("snapshot_time,queryid,calls,total_exec_time\n2024-05-02 14:30:00+02,7,1,1.5\n",
                              u"csv"_s, options);
    QVERIFY(!timed.ok());
    QCOMPARE(timed.error().message, u"%1: more snapshot times are given (1) than there are dumps without a "
                                    "snapshot_time column (0)"_s.arg(m_lastPath));
    QCOMPARE(jobIds(), QStringList());
}

void TestRealExports::twoDumpsWithoutTimesAreTakenInTheOrderGiven()
{
    const QString monday = writeFile(m_folder, nextName(u"monday"_s), pgssDump("1200"));
    const QString tuesday = writeFile(m_folder, nextName(u"tuesday"_s), pgssDump("1500"));
    const auto same = JobImporter(*m_db).importFiles({monday, writeFile(m_folder, nextName(u"copy"_s), pgssDump("1200"))});
    QVERIFY(!same.ok());
    QVERIFY2(same.error().message.endsWith(u" hold the same snapshot; give two different snapshots"_s),
             qPrintable(same.error().message));
    const auto pair = JobImporter(*m_db).importFiles({monday, tuesday});
    REQUIRE_OK(pair);
    // Only the first statement ran between them (300 calls, no time: its mean is 0).
    QCOMPARE(pair->inserted, 1);
    QCOMPARE(pair->rowsRead, 4);
    QCOMPARE(pair->merged, 1);
    QCOMPARE(pair->skipped, 2);
    QVERIFY2(pair->notes.join(u'\n').contains(u"is taken as the earlier snapshot, in the order given"_s),
             qPrintable(pair->notes.join(u'\n')));
    const QStringList ids = jobIds();
    QCOMPARE(ids.size(), 1);
    QVERIFY(ids.first().startsWith(u"pgss:5482036171233400714@sha256:"_s));
}

QTEST_GUILESS_MAIN(TestRealExports)
#include "tst_realexports.moc"
