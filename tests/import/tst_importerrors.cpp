// Engine-format imports on bad input (issue 4, point 4): every case gives FILE:LINE: column
// 'NAME': … (or the JSON path) and writes nothing; --skip-invalid imports the valid records
// and lists the others. On a real SQLite file and a real PostgreSQL server.

#include "importtestutil.h"
#include "jobimporter.h"
#include "jobrepository.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ImportTest;
using namespace Qt::StringLiterals;

namespace {

// A Snowflake export the way SnowSQL writes it, cut to the columns the tests need.
const QByteArray snowflakeHeader =
    "QUERY_ID,QUERY_TEXT,USER_NAME,WAREHOUSE_NAME,WAREHOUSE_SIZE,EXECUTION_STATUS,START_TIME,"
    "TOTAL_ELAPSED_TIME,BYTES_SCANNED,PERCENTAGE_SCANNED_FROM_CACHE,ROWS_PRODUCED\n";
QByteArray snowflakeRow(const QByteArray &id, const QByteArray &elapsed = "1500",
                        const QByteArray &bytes = "1048576", const QByteArray &start = "2024-05-02 09:00:00.250 -0700")
{
    return id + ",select 1,ANA,WH,Large,SUCCESS," + start + ',' + elapsed + ',' + bytes + ",0.0,1\n";
}

const QByteArray bigQueryLine(const QByteArray &id, const QByteArray &end = "2024-05-02 10:00:01.500000 UTC")
{
    return R"({"job_id":")" + id + R"(","start_time":"2024-05-02 10:00:00.000000 UTC","end_time":")" + end
           + R"(","total_bytes_processed":"1000","cache_hit":"false"})";
}

} // namespace

class TestImportErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void rejections_data();
    void rejections();
    void skipInvalidImportsTheValidRecords();
    void skipInvalidJson();
    void everyRecordRejectedIsAnError();
    void megabyteFieldIsStoredWhole();
    void duplicatesLastWinsAndIsCounted();
    void cancelLeavesTheDatabaseAsBefore();
    void reimportCountsUnchangedAndUpdated();

private:
    QString write(const QByteArray &content, const QString &extension = u"csv"_s);
    qint64 jobCount();

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    int m_files = 0;
};

void TestImportErrors::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
    // A job imported before every case: a rejected file must leave it exactly so.
    const auto prior = JobImporter(*m_db).importFile(write(snowflakeHeader + snowflakeRow("prior")));
    QVERIFY2(prior.ok(), prior.ok() ? "" : qPrintable(prior.error().message));
}

QString TestImportErrors::write(const QByteArray &content, const QString &extension)
{
    return writeFile(m_folder, u"export-%1.%2"_s.arg(++m_files).arg(extension), content);
}

qint64 TestImportErrors::jobCount()
{
    const auto count = JobRepository(*m_db).count();
    return count ? *count : -1;
}

void TestImportErrors::rejections_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("message"); // PATH stands for the file

    auto row = [](const char *name, const QByteArray &content, const QString &message,
                  const QString &format = u"auto"_s, const QString &extension = u"csv"_s) {
        QTest::newRow(name) << content << extension << format << message;
    };
    row("an empty file", "", u"PATH: the file is empty; expected a header row naming the columns"_s);
    row("a header only", snowflakeHeader, u"PATH: the file has a header but no jobs"_s);
    row("a byte-order mark only", "\xEF\xBB\xBF", u"PATH: the file is empty; expected a header row naming the columns"_s);
    row("an unknown header names every format's columns", "id,elapsed\n1,2\n",
        u"PATH: unknown format: the header fits none of the formats we read. Expected the columns of one of: "
        "generic (job_id, duration_ms); snowflake (query_id, total_elapsed_time); bigquery (job_id, start_time, "
        "end_time); dremio (job_id, submitted_epoch_millis or submitted_ts, final_state_epoch_millis or "
        "final_state_ts); databricks (statement_id, total_duration_ms); pg_stat_statements (queryid, calls, "
        "total_exec_time or total_time); trino (query_id, wall_time_millis). Name the format with --format if "
        "it is one of these."_s);
    row("a header that fits two formats asks for --format",
        "job_id,duration_ms,start_time,end_time\nJ,1,2024-01-01,2024-01-01\n",
        u"PATH: the header fits more than one format (generic, bigquery); choose one with --format"_s);
    row("a header missing one column of the nearest format", "statement_id,statement_text\ns,select 1\n",
        u"PATH:1: column 'total_duration_ms': required column is missing from the header (the databricks format "
        "needs statement_id, total_duration_ms; for another format, name it with --format)"_s);
    row("a named format whose columns the header lacks", snowflakeHeader + snowflakeRow("q"),
        u"PATH: the header lacks the columns of the dremio format: it needs job_id, submitted_epoch_millis or "
        "submitted_ts, final_state_epoch_millis or final_state_ts"_s,
        u"dremio"_s);
    row("a semicolon-separated export", "QUERY_ID;TOTAL_ELAPSED_TIME\nq;1\n",
        u"PATH:1: the header has one field 'QUERY_ID;TOTAL_ELAPSED_TIME': is the file separated by ';' instead of "
        "commas? Save it comma-separated"_s);
    row("a row with too few fields", snowflakeHeader + snowflakeRow("a") + "b,select 2\n",
        u"PATH:3: expected 11 fields as in the header, found 2"_s);
    row("a row with too many fields", snowflakeHeader + snowflakeRow("a").chopped(1) + ",extra\n",
        u"PATH:2: expected 11 fields as in the header, found 12"_s);
    row("an unterminated quote is reported where its record starts",
        snowflakeHeader + snowflakeRow("a") + "b,\"select\n2\n",
        u"PATH:3: unterminated quoted field 2"_s);
    row("invalid UTF-8", snowflakeHeader + "a,select 'caf\xE9',ANA,WH,Large,SUCCESS,2024-05-02 09:00:00,1,1,0,1\n",
        u"PATH:2: invalid UTF-8 in field 2"_s);
    row("a negative metric", snowflakeHeader + snowflakeRow("a", "-5"),
        u"PATH:2: column 'TOTAL_ELAPSED_TIME': '-5' is negative; it must be 0 or more"_s);
    row("a non-numeric metric", snowflakeHeader + snowflakeRow("a", "1500", "12 MB"),
        u"PATH:2: column 'BYTES_SCANNED': '12 MB' is not a whole number"_s);
    row("a number beyond 64 bits", snowflakeHeader + snowflakeRow("a", "1500", "18446744073709551616"),
        u"PATH:2: column 'BYTES_SCANNED': '18446744073709551616' is beyond the 64-bit range"_s);
    row("NaN", snowflakeHeader + snowflakeRow("a", "NaN"),
        u"PATH:2: column 'TOTAL_ELAPSED_TIME': 'NaN' is not a number"_s);
    row("Infinity in a ratio", snowflakeHeader + "a,select 1,ANA,WH,Large,SUCCESS,2024-05-02 09:00:00,1,1,Infinity,1\n",
        u"PATH:2: column 'PERCENTAGE_SCANNED_FROM_CACHE': 'Infinity' is not a number"_s);
    row("a date in the wrong format", snowflakeHeader + snowflakeRow("a", "1", "1", "05/02/2024 9:00 AM"),
        u"PATH:2: column 'START_TIME': '05/02/2024 9:00 AM' is not a date and time like 2024-05-31T14:02:11Z"_s);
    row("an empty duration", snowflakeHeader + snowflakeRow("a", ""),
        u"PATH:2: column 'TOTAL_ELAPSED_TIME': is empty; every job needs a duration"_s);
    row("an empty job ID", snowflakeHeader + snowflakeRow(""),
        u"PATH:2: column 'QUERY_ID': is empty; every job needs an ID"_s);
    row("a BigQuery job that ends before it starts",
        "job_id,start_time,end_time\nb,2024-05-02 10:00:00 UTC,2024-05-02 09:59:59 UTC\n",
        u"PATH:2: column 'end_time': is before start_time"_s);
    row("a truncated JSON array", "[" + bigQueryLine("a") + ",\n" + bigQueryLine("b").chopped(20),
        u"PATH:2: $[1]: truncated JSON: the record is not closed"_s, u"auto"_s, u"json"_s);
    row("a JSON array without its closing bracket", "[" + bigQueryLine("a") + "\n",
        u"PATH:2: truncated JSON: the array is not closed with ']'"_s, u"auto"_s, u"json"_s);
    row("a truncated NDJSON line", bigQueryLine("a") + "\n" + bigQueryLine("b").chopped(10) + "\n",
        u"PATH:2: $: not valid JSON: unterminated string"_s, u"auto"_s, u"ndjson"_s);
    row("a JSON element that is not an object", "[" + bigQueryLine("a") + ",42]",
        u"PATH:1: $[1] is not an object"_s, u"auto"_s, u"json"_s);
    row("a bad value in JSON is named by its path", bigQueryLine("a") + "\n" + bigQueryLine("b", "yesterday") + "\n",
        u"PATH:2: $.end_time: 'yesterday' is not a date and time like 2024-05-31T14:02:11Z"_s, u"auto"_s,
        u"ndjson"_s);
    row("a JSON number beyond 64 bits",
        R"({"statement_id":"s","total_duration_ms":123456789012345678901234})" "\n",
        u"PATH:1: $.total_duration_ms: '123456789012345685803008' is beyond the 64-bit range"_s, u"auto"_s,
        u"ndjson"_s);
    row("a UTF-16 file (a spreadsheet's \"Unicode text\")", QByteArray("\xFF\xFEj\0o\0b\0", 8),
        u"PATH: the file is UTF-16 text; save it as UTF-8 (CSV UTF-8)"_s);
    row("an empty JSON array", "[]", u"PATH: the JSON holds no records"_s, u"auto"_s, u"json"_s);
    row("two JSON records without a comma between them", "[" + bigQueryLine("a") + "\n" + bigQueryLine("b") + "]",
        u"PATH:2: $[1]: expected ',' between the records of the array"_s, u"auto"_s, u"json"_s);
    row("a comma before the closing bracket", "[" + bigQueryLine("a") + ",\n]",
        u"PATH:2: a ',' with no record after it before the closing ']'"_s, u"auto"_s, u"json"_s);
    row("a NUL byte in a CSV field", snowflakeHeader + QByteArray("a\0b,select 1,ANA,WH,Large,SUCCESS,2024-05-02,1,1,0,1\n", 50),
        u"PATH:2: a NUL byte in field 1"_s);
    row("an epoch in milliseconds past the year 9999",
        "job_id,submitted_epoch_millis,final_state_epoch_millis\nd,9223372036854775807,9223372036854775807\n",
        u"PATH:2: column 'submitted_epoch_millis': 9223372036854775807 is past the year 9999"_s);
    row("pg_stat_statements block counts whose sum leaves 64 bits",
        "queryid,calls,total_exec_time,shared_blks_hit,shared_blks_read\n1,1,1,9223372036854775807,1\n",
        u"PATH:2: column 'shared_blks_read': shared_blks_hit + shared_blks_read is beyond the 64-bit range"_s);
    row("pg_stat_statements calls of one queryid whose sum leaves 64 bits",
        "snapshot_time,queryid,userid,calls,total_exec_time\n2024-05-02 12:00:00+00,7,1,9223372036854775807,1\n"
        "2024-05-02 12:00:00+00,7,2,9,1\n",
        u"PATH:3: column 'calls': the sum over the rows of queryid 7 is beyond the 64-bit range"_s);
    row("a pg_stat_statements total time beyond any duration",
        "queryid,calls,total_exec_time\n1,1,1e308\n",
        u"PATH:2: column 'total_exec_time': 1e+308 ms is beyond the range of a duration"_s);
    row("two pg_stat_statements snapshots taken at the same time",
        "", u"(pair)"_s);
}

void TestImportErrors::rejections()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, extension);
    QFETCH(QString, format);
    QFETCH(QString, message);

    QStringList paths{write(content, extension)};
    if (message == QLatin1String("(pair)")) {
        const QByteArray snapshot = "snapshot_time,queryid,calls,total_exec_time\n2024-05-02 12:00:00+00,1,5,10\n";
        paths = {write(snapshot), write(snapshot)};
        message = u"%1 and %2: both snapshots were taken at 2024-05-02T12:00:00Z; give two different snapshots"_s
                      .arg(paths.at(0), paths.at(1));
    }
    ImportOptions options;
    options.format = format;
    const auto result = JobImporter(*m_db).importFiles(paths, options);
    QVERIFY2(!result.ok(), "the file was accepted");
    QCOMPARE(result.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(result.error().message, QString(message).replace(u"PATH"_s, paths.first()));

    // Nothing written: the prior job is exactly as it was.
    QCOMPARE(jobCount(), 1);
    const auto prior = JobRepository(*m_db).find(u"prior"_s);
    QVERIFY(prior.ok() && prior.value());
    QCOMPARE(prior.value()->durationMs, 1500);
    QCOMPARE(prior.value()->startedAt, QDateTime(QDate(2024, 5, 2), QTime(16, 0, 0, 250), Qt::UTC));
}

void TestImportErrors::skipInvalidImportsTheValidRecords()
{
    const QString path = write(snowflakeHeader + snowflakeRow("ok1") + snowflakeRow("neg", "-5")
                               + "short,select 1\n" + snowflakeRow("ok2", "2500", "0")
                               + snowflakeRow("nan", "NaN") + "quote,\"open\n");
    ImportOptions options;
    options.skipInvalid = true;
    const auto report = JobImporter(*m_db).importFile(path, options);
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->rowsRead, 6);
    QCOMPARE(report->inserted, 2);
    QCOMPARE(report->rejected, 4);
    QCOMPARE(report->rejectedRecords.size(), 4);
    const QList<qint64> lines{report->rejectedRecords.at(0).line, report->rejectedRecords.at(1).line,
                              report->rejectedRecords.at(2).line, report->rejectedRecords.at(3).line};
    QCOMPARE(lines, (QList<qint64>{3, 4, 6, 7}));
    QCOMPARE(report->rejectedRecords.at(0).message,
             u"%1:3: column 'TOTAL_ELAPSED_TIME': '-5' is negative; it must be 0 or more"_s.arg(path));
    QCOMPARE(report->rejectedRecords.at(1).message, u"%1:4: expected 11 fields as in the header, found 2"_s.arg(path));
    QCOMPARE(report->rejectedRecords.at(3).message, u"%1:7: unterminated quoted field 2"_s.arg(path));
    QCOMPARE(jobCount(), 3);
    // The valid ones are whole; ok2 scanned nothing, so it is flagged as a cache hit.
    const auto ok2 = JobRepository(*m_db).find(u"ok2"_s);
    QVERIFY(ok2.ok() && ok2.value());
    QCOMPARE(ok2.value()->durationMs, 2500);
    QCOMPARE(ok2.value()->cacheHit, std::optional<bool>(true));
    QCOMPARE(report->cacheHits, 1);
    QCOMPARE(report->cacheHitJobs, QStringList{u"ok2"_s});
    QVERIFY(!JobRepository(*m_db).find(u"neg"_s)->has_value());
}

void TestImportErrors::skipInvalidJson()
{
    const QString path = write("[" + bigQueryLine("a") + ",\n" + bigQueryLine("b", "nope") + ",\n42,\n"
                                   + bigQueryLine("c") + "\n]",
                               u"json"_s);
    ImportOptions options;
    options.skipInvalid = true;
    const auto report = JobImporter(*m_db).importFile(path, options);
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->format, u"bigquery"_s);
    QCOMPARE(report->inserted, 2);
    QCOMPARE(report->rejected, 2);
    QCOMPARE(report->rejectedRecords.at(0).message,
             u"%1:2: $[1].end_time: 'nope' is not a date and time like 2024-05-31T14:02:11Z"_s.arg(path));
    QCOMPARE(report->rejectedRecords.at(1).message, u"%1:3: $[2] is not an object"_s.arg(path));
    const auto c = JobRepository(*m_db).find(u"c"_s);
    QVERIFY(c.ok() && c.value());
    QCOMPARE(c.value()->durationMs, 1500);
}

void TestImportErrors::everyRecordRejectedIsAnError()
{
    const QString path = write(snowflakeHeader + snowflakeRow("a", "x") + snowflakeRow("b", "-1"));
    ImportOptions options;
    options.skipInvalid = true;
    const auto result = JobImporter(*m_db).importFile(path, options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message,
             u"%1: every one of the 2 records was rejected; the first: %1:2: column 'TOTAL_ELAPSED_TIME': 'x' is "
             "not a number"_s.arg(path));
    QCOMPARE(jobCount(), 1);
}

void TestImportErrors::megabyteFieldIsStoredWhole()
{
    QString text = u"select '"_s + QString(1 << 20, u'x') + u"', \"quoted\" from t"_s;
    QByteArray quoted = text.toUtf8();
    quoted.replace("\"", "\"\"");
    const QString path = write(snowflakeHeader + "big,\"" + quoted + "\",ANA,WH,Large,SUCCESS,2024-05-02 09:00:00,7,1,0,1\n");
    const auto report = JobImporter(*m_db).importFile(path);
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    const auto big = JobRepository(*m_db).find(u"big"_s);
    QVERIFY(big.ok() && big.value());
    QCOMPARE(big.value()->queryText->size(), text.size());
    QCOMPARE(*big.value()->queryText, text);
}

void TestImportErrors::duplicatesLastWinsAndIsCounted()
{
    const QString path = write(snowflakeHeader + snowflakeRow("d", "100") + snowflakeRow("e") + snowflakeRow("d", "300"));
    const auto report = JobImporter(*m_db).importFile(path);
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->rowsRead, 3);
    QCOMPARE(report->duplicates, 1);
    QCOMPARE(report->inserted, 2);
    QCOMPARE(JobRepository(*m_db).find(u"d"_s)->value().durationMs, 300);
}

void TestImportErrors::cancelLeavesTheDatabaseAsBefore()
{
    QByteArray content = snowflakeHeader;
    for (int i = 0; i < 10000; ++i)
        content += snowflakeRow("c" + QByteArray::number(i));
    ImportOptions options;
    int calls = 0;
    options.progress = [&calls](qint64 read, qint64 total) {
        Q_ASSERT(read <= total);
        return ++calls < 2; // cancel at the second report
    };
    const auto result = JobImporter(*m_db).importFile(write(content), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Canceled);
    QCOMPARE(calls, 2);
    QCOMPARE(jobCount(), 1);
}

void TestImportErrors::reimportCountsUnchangedAndUpdated()
{
    const QByteArray first = snowflakeHeader + snowflakeRow("r1") + snowflakeRow("r2") + snowflakeRow("r3");
    const auto initial = JobImporter(*m_db).importFile(write(first));
    QVERIFY(initial.ok());
    QCOMPARE(initial->inserted, 3);
    // r1 as it was, r2 with a new duration, r3 with a new byte count (profiles only), r4 new.
    const QByteArray second = snowflakeHeader + snowflakeRow("r1") + snowflakeRow("r2", "9999")
                              + snowflakeRow("r3", "1500", "2048") + snowflakeRow("r4");
    const auto again = JobImporter(*m_db).importFile(write(second));
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
    QCOMPARE(again->inserted, 1);
    QCOMPARE(again->updated, 2);
    QCOMPARE(again->unchanged, 1);
    QCOMPARE(JobRepository(*m_db).findProfile(u"r3"_s)->value().dataScanned, std::optional<qint64>(2048));
}

QTEST_GUILESS_MAIN(TestImportErrors)
#include "tst_importerrors.moc"
