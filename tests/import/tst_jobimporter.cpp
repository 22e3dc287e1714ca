// JobImporter on a real SQLite file and a real PostgreSQL server: the generic job-history CSV
// of SPEC §4 and §4.1 — every column, the import report, duplicates, re-imports, and every
// rejection with its exact FILE:LINE message and nothing written.

#include "importtestutil.h"
#include "jobimporter.h"
#include "jobrepository.h"
#include "testdatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace ImportTest;
using namespace Qt::StringLiterals;

namespace {

// The jobs every rejection test imports first; a rejected file must leave them as they are.
const QByteArray priorJobs = "job_id,duration_ms,query_text,memory_allocated\n"
                             "J1,60000,SELECT 1,1024\n"
                             "J2,100,SELECT 2,\n";

} // namespace

class TestJobImporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void importsEveryColumn();
    void longestJobIdOfWideCharacters();
    void engineNullMarkersAreEmptyCells();
    void unknownColumnsAreIgnoredAndNamed();
    void withoutProfileColumnsNoProfileIsWritten();
    void duplicatesInOneFileLastRowWins();
    void jobIdsAreCaseSensitive();
    void reimportReplacesOnlyThePresentColumns();
    void emptyCellIsNull();
    void engineDefaultsToGenericForNewJobsOnly();
    void quotingByteOrderMarkAndCrlf();
    void jobIdOf1024CharactersIsAccepted();
    void rejections_data();
    void rejections();
    void progressReportsBytes();
    void cancelWritesNothing();
    void threeThousandRows();

private:
    Result<ImportReport> importContent(const QByteArray &content, QString *path = nullptr,
                                       const ImportOptions &options = {});
    std::optional<Job> job(const QString &id);
    std::optional<Profile> profile(const QString &id);
    qint64 jobCount();

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestJobImporter::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
}

Result<ImportReport> TestJobImporter::importContent(const QByteArray &content, QString *path,
                                                    const ImportOptions &options)
{
    const QString file = writeFile(m_folder, nextName(u"jobs"_s), content);
    if (path)
        *path = file;
    return JobImporter(*m_db).importFile(file, options);
}

std::optional<Job> TestJobImporter::job(const QString &id)
{
    const auto found = JobRepository(*m_db).find(id);
    if (!found) {
        qWarning("%s", qPrintable(found.error().message));
        return std::nullopt;
    }
    return found.value();
}

std::optional<Profile> TestJobImporter::profile(const QString &id)
{
    const auto found = JobRepository(*m_db).findProfile(id);
    if (!found) {
        qWarning("%s", qPrintable(found.error().message));
        return std::nullopt;
    }
    return found.value();
}

qint64 TestJobImporter::jobCount()
{
    const auto count = JobRepository(*m_db).count();
    return count ? *count : -1;
}

void TestJobImporter::importsEveryColumn()
{
    // Header names in any order and any case; every column of queries and profiles.
    QString path;
    const auto report = importContent(
        "CPU_TIME_MS,Job_ID,query_text,query_hash,ENGINE,user_name,warehouse,started_at,"
        "duration_ms,status,memory_allocated,data_scanned,rows_scanned,rows_returned,"
        "partitions_scanned\n"
        "9000,snow-1,\"SELECT a, b FROM t WHERE x = 'y'\",h1,snowflake,ana.silva,ANALYTICS_WH,"
        "2024-05-31T14:02:11Z,60000,success,1048576000,2097152,100,10,8\n"
        "0,bq-2,SELECT 2,h2,bigquery,ben,on-demand,2024-05-31T14:02:11.250+02:00,0,FAILED,0,0,0,0,0\n",
        &path);
    REQUIRE_OK(report);
    QCOMPARE(report->file, path);
    QCOMPARE(report->format, u"generic"_s);
    QCOMPARE(report->rowsRead, 2);
    QCOMPARE(report->inserted, 2);
    QCOMPARE(report->updated, 0);
    QCOMPARE(report->duplicates, 0);
    QCOMPARE(report->rejected, 0);
    QCOMPARE(report->ignoredColumns, QStringList());
    QCOMPARE(jobCount(), 2);

    const auto snow = job(u"snow-1"_s);
    QVERIFY(snow);
    QCOMPARE(snow->jobId, u"snow-1"_s);
    QCOMPARE(snow->queryText.value_or(u"<null>"_s), u"SELECT a, b FROM t WHERE x = 'y'"_s);
    QCOMPARE(snow->queryHash.value_or(u"<null>"_s), u"h1"_s);
    QCOMPARE(snow->engine.value_or(u"<null>"_s), u"snowflake"_s);
    QCOMPARE(snow->userName.value_or(u"<null>"_s), u"ana.silva"_s);
    QCOMPARE(snow->warehouse.value_or(u"<null>"_s), u"ANALYTICS_WH"_s);
    QVERIFY(snow->startedAt);
    QCOMPARE(snow->startedAt->timeSpec(), Qt::UTC);
    QCOMPARE(*snow->startedAt, utc(2024, 5, 31, 14, 2, 11));
    QCOMPARE(snow->durationMs, 60000);
    QCOMPARE(snow->status.value_or(u"<null>"_s), u"success"_s);
    const auto snowProfile = profile(u"snow-1"_s);
    QVERIFY(snowProfile);
    QCOMPARE(snowProfile->memoryAllocated, std::optional<qint64>(1048576000));
    QCOMPARE(snowProfile->dataScanned, std::optional<qint64>(2097152));
    QCOMPARE(snowProfile->rowsScanned, std::optional<qint64>(100));
    QCOMPARE(snowProfile->rowsReturned, std::optional<qint64>(10));
    QCOMPARE(snowProfile->partitionsScanned, std::optional<qint64>(8));
    QCOMPARE(snowProfile->cpuTimeMs, std::optional<qint64>(9000));

    // The offset is converted: 14:02:11.250+02:00 is 12:02:11.250 UTC. Zeros are values.
    const auto bq = job(u"bq-2"_s);
    QVERIFY(bq);
    QVERIFY(bq->startedAt);
    QCOMPARE(bq->startedAt->timeSpec(), Qt::UTC);
    QCOMPARE(*bq->startedAt, utc(2024, 5, 31, 12, 2, 11, 250));
    QCOMPARE(bq->startedAt->time(), QTime(12, 2, 11, 250));
    QCOMPARE(bq->durationMs, 0);
    QCOMPARE(bq->engine.value_or(u"<null>"_s), u"bigquery"_s);
    QCOMPARE(bq->status.value_or(u"<null>"_s), u"FAILED"_s);
    const auto bqProfile = profile(u"bq-2"_s);
    QVERIFY(bqProfile);
    QCOMPARE(bqProfile->memoryAllocated, std::optional<qint64>(0));
    QCOMPARE(bqProfile->dataScanned, std::optional<qint64>(0));
    QCOMPARE(bqProfile->rowsScanned, std::optional<qint64>(0));
    QCOMPARE(bqProfile->rowsReturned, std::optional<qint64>(0));
    QCOMPARE(bqProfile->partitionsScanned, std::optional<qint64>(0));
    QCOMPARE(bqProfile->cpuTimeMs, std::optional<qint64>(0));
}

// Engine exports unloaded with a NULL marker (Snowflake's COPY INTO writes \N by default; other
// tools write NULL) store NULL for it; in our generic format only an empty cell is NULL.
void TestJobImporter::engineNullMarkersAreEmptyCells()
{
    const auto report = importContent("QUERY_ID,TOTAL_ELAPSED_TIME,BYTES_SCANNED,START_TIME,WAREHOUSE_NAME,"
                                      "EXECUTION_STATUS\n"
                                      "s1,100,\\N,\\N,\\N,SUCCESS\n"
                                      "s2,200,NULL,null, NULL ,SUCCESS\n"
                                      "s3,300,7,2024-05-31 10:00:00.000 +0200,WH,SUCCESS\n");
    REQUIRE_OK(report);
    QCOMPARE(report->format, u"snowflake"_s);
    QCOMPARE(report->inserted, 3);
    for (const QString &id : {u"s1"_s, u"s2"_s}) {
        const auto stored = job(id);
        QVERIFY(stored);
        QVERIFY2(!stored->startedAt && !stored->warehouse, qPrintable(id));
        const auto p = profile(id);
        QVERIFY2(!p || !p->dataScanned, qPrintable(id));
    }
    QCOMPARE(profile(u"s3"_s)->dataScanned, std::optional<qint64>(7));
    QCOMPARE(job(u"s3"_s)->warehouse.value_or(QString()), u"WH"_s);

    const auto generic = importContent("job_id,duration_ms,data_scanned\ng1,5,NULL\n");
    QVERIFY(!generic.ok());
    QVERIFY2(generic.error().message.endsWith(u"column 'data_scanned': 'NULL' is not a whole number"_s),
             qPrintable(generic.error().message));
}

// 1024 characters outside the BMP (2048 UTF-16 units) are a job ID of 1024 characters.
void TestJobImporter::longestJobIdOfWideCharacters()
{
    const QString id = QStringLiteral("😀").repeated(1024);
    const auto report = importContent("job_id,duration_ms\n" + id.toUtf8() + ",5\n");
    REQUIRE_OK(report);
    QCOMPARE(report->inserted, 1);
    const auto job = JobRepository(*m_db).find(id);
    QVERIFY(job.ok() && job.value());
    QCOMPARE(job.value()->jobId, id);
}

void TestJobImporter::unknownColumnsAreIgnoredAndNamed()
{
    // Header names are trimmed and matched case-insensitively.
    const auto report = importContent(" job_id ,Color, Duration_MS ,bytes_billed\n"
                                      "J1,red,5,77\n");
    REQUIRE_OK(report);
    QCOMPARE(report->ignoredColumns, (QStringList{u"Color"_s, u"bytes_billed"_s})); // as written
    QCOMPARE(report->rowsRead, 1);
    QCOMPARE(report->inserted, 1);
    const auto j1 = job(u"J1"_s);
    QVERIFY(j1);
    QCOMPARE(j1->durationMs, 5);
    QVERIFY(!j1->queryText);
    QVERIFY(!j1->userName);
    QVERIFY(!j1->startedAt);
}

void TestJobImporter::withoutProfileColumnsNoProfileIsWritten()
{
    REQUIRE_OK(importContent("job_id,duration_ms,user_name\nJ1,5,ana\n"));
    QVERIFY(job(u"J1"_s));
    QVERIFY(!profile(u"J1"_s));
    QCOMPARE(countRows(*m_db, u"profiles"_s), 0);

    // One profile column is enough to write a profile; the others are NULL.
    REQUIRE_OK(importContent("job_id,duration_ms,rows_returned\nJ2,6,3\n"));
    const auto p2 = profile(u"J2"_s);
    QVERIFY(p2);
    QCOMPARE(p2->rowsReturned, std::optional<qint64>(3));
    QVERIFY(!p2->memoryAllocated && !p2->dataScanned && !p2->rowsScanned && !p2->partitionsScanned
            && !p2->cpuTimeMs);
    QCOMPARE(countRows(*m_db, u"profiles"_s), 1);
}

void TestJobImporter::duplicatesInOneFileLastRowWins()
{
    const QByteArray content = "job_id,duration_ms,user_name,cpu_time_ms\n"
                               "J1,100,first,1\n"
                               "J2,200,only,2\n"
                               "J1,300,second,3\n"
                               "J3,400,x,4\n"
                               "J1,500,third,\n";
    const auto report = importContent(content);
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 5);
    QCOMPARE(report->duplicates, 2);
    QCOMPARE(report->inserted, 3);
    QCOMPARE(report->updated, 0);
    QCOMPARE(jobCount(), 3);
    const auto j1 = job(u"J1"_s);
    QVERIFY(j1);
    QCOMPARE(j1->durationMs, 500);
    QCOMPARE(j1->userName.value_or(QString()), u"third"_s);
    const auto p1 = profile(u"J1"_s);
    QVERIFY(p1);
    QVERIFY(!p1->cpuTimeMs); // the last row's empty cell, not 3
    QCOMPARE(countRows(*m_db, u"profiles"_s), 3);

    // The same file again changes nothing, and says so on either database, although J1's
    // earlier rows differ from what is stored.
    const auto again = importContent(content);
    REQUIRE_OK(again);
    QCOMPARE(again->duplicates, 2);
    QCOMPARE(again->inserted, 0);
    QCOMPARE(again->updated, 0);
    QCOMPARE(again->unchanged, 3);
}

void TestJobImporter::jobIdsAreCaseSensitive()
{
    const auto report = importContent("job_id,duration_ms\nabc,1\nABC,2\nAbc,3\n");
    REQUIRE_OK(report);
    QCOMPARE(report->inserted, 3);
    QCOMPARE(report->duplicates, 0);
    QCOMPARE(job(u"abc"_s)->durationMs, 1);
    QCOMPARE(job(u"ABC"_s)->durationMs, 2);
    QCOMPARE(job(u"Abc"_s)->durationMs, 3);
    QVERIFY(!job(u"aBC"_s));
}

void TestJobImporter::reimportReplacesOnlyThePresentColumns()
{
    REQUIRE_OK(importContent("job_id,query_text,engine,user_name,warehouse,started_at,duration_ms,"
                             "status,memory_allocated,data_scanned,cpu_time_ms\n"
                             "J1,SELECT 1,snowflake,ana,WH1,2024-01-01T00:00:00Z,1000,success,10,20,30\n"
                             "J2,SELECT 2,dremio,ben,WH2,2024-01-02T00:00:00Z,2000,success,11,21,31\n"));

    // The export overlaps: J1 again with other values in three columns, and a new J3.
    const auto report = importContent("warehouse,job_id,cpu_time_ms,duration_ms\n"
                                      "WH9,J1,99,1500\n"
                                      "WH3,J3,33,3000\n");
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 2);
    QCOMPARE(report->inserted, 1);
    QCOMPARE(report->updated, 1);
    QCOMPARE(report->duplicates, 0);
    QCOMPARE(jobCount(), 3);

    const auto j1 = job(u"J1"_s);
    QVERIFY(j1);
    QCOMPARE(j1->durationMs, 1500);
    QCOMPARE(j1->warehouse.value_or(QString()), u"WH9"_s);
    // Columns the file lacks keep their values, the engine too (no "generic" default).
    QCOMPARE(j1->queryText.value_or(QString()), u"SELECT 1"_s);
    QCOMPARE(j1->engine.value_or(QString()), u"snowflake"_s);
    QCOMPARE(j1->userName.value_or(QString()), u"ana"_s);
    QCOMPARE(j1->status.value_or(QString()), u"success"_s);
    QCOMPARE(j1->startedAt.value_or(QDateTime()), utc(2024, 1, 1));
    const auto p1 = profile(u"J1"_s);
    QVERIFY(p1);
    QCOMPARE(p1->cpuTimeMs, std::optional<qint64>(99));
    QCOMPARE(p1->memoryAllocated, std::optional<qint64>(10));
    QCOMPARE(p1->dataScanned, std::optional<qint64>(20));

    // J2 is not in the file: untouched.
    const auto j2 = job(u"J2"_s);
    QVERIFY(j2);
    QCOMPARE(j2->durationMs, 2000);
    QCOMPARE(j2->warehouse.value_or(QString()), u"WH2"_s);
    QCOMPARE(profile(u"J2"_s)->cpuTimeMs, std::optional<qint64>(31));

    // J3 is new: what the file has, NULL elsewhere, engine "generic".
    const auto j3 = job(u"J3"_s);
    QVERIFY(j3);
    QCOMPARE(j3->durationMs, 3000);
    QCOMPARE(j3->warehouse.value_or(QString()), u"WH3"_s);
    QCOMPARE(j3->engine.value_or(QString()), u"generic"_s);
    QVERIFY(!j3->queryText && !j3->userName && !j3->startedAt && !j3->status);
    const auto p3 = profile(u"J3"_s);
    QVERIFY(p3);
    QCOMPARE(p3->cpuTimeMs, std::optional<qint64>(33));
    QVERIFY(!p3->memoryAllocated && !p3->dataScanned);

    // A re-import without profile columns leaves the profiles alone.
    REQUIRE_OK(importContent("job_id,duration_ms\nJ1,1600\n"));
    QCOMPARE(job(u"J1"_s)->durationMs, 1600);
    QCOMPARE(profile(u"J1"_s)->cpuTimeMs, std::optional<qint64>(99));
    QCOMPARE(profile(u"J1"_s)->memoryAllocated, std::optional<qint64>(10));
}

void TestJobImporter::emptyCellIsNull()
{
    REQUIRE_OK(importContent("job_id,query_text,engine,started_at,duration_ms,memory_allocated,rows_scanned\n"
                             "J1,SELECT 1,postgres,2024-01-01T00:00:00Z,1000,10,5\n"));
    // Re-import: empty cells replace the stored values with NULL.
    const auto report = importContent("job_id,query_text,engine,started_at,duration_ms,memory_allocated,rows_scanned\n"
                                      "J1,,,,1000,,0\n"
                                      "J2,,,,7,,\n");
    REQUIRE_OK(report);
    QCOMPARE(report->updated, 1);
    QCOMPARE(report->inserted, 1);
    for (const QString &id : {u"J1"_s, u"J2"_s}) {
        const auto j = job(id);
        QVERIFY(j);
        QVERIFY2(!j->queryText, qPrintable(id));
        QVERIFY2(!j->engine, qPrintable(id));
        QVERIFY2(!j->startedAt, qPrintable(id));
        const auto p = profile(id);
        QVERIFY(p);
        QVERIFY2(!p->memoryAllocated, qPrintable(id));
    }
    QCOMPARE(profile(u"J1"_s)->rowsScanned, std::optional<qint64>(0)); // 0 is not empty
    QVERIFY(!profile(u"J2"_s)->rowsScanned);
    QCOMPARE(job(u"J2"_s)->durationMs, 7);
    QCOMPARE(countRows(*m_db, u"queries"_s, u"engine IS NULL"_s), 2);
}

void TestJobImporter::engineDefaultsToGenericForNewJobsOnly()
{
    REQUIRE_OK(importContent("job_id,duration_ms\nNEW1,5\n"));
    QCOMPARE(job(u"NEW1"_s)->engine.value_or(QString()), u"generic"_s);

    REQUIRE_OK(importContent("job_id,duration_ms,engine\nDB1,5,databricks\n"));
    REQUIRE_OK(importContent("job_id,duration_ms\nDB1,6\nNEW2,7\n"));
    QCOMPARE(job(u"DB1"_s)->engine.value_or(QString()), u"databricks"_s);
    QCOMPARE(job(u"DB1"_s)->durationMs, 6);
    QCOMPARE(job(u"NEW2"_s)->engine.value_or(QString()), u"generic"_s);
}

void TestJobImporter::quotingByteOrderMarkAndCrlf()
{
    // A BOM before the header, CRLF line ends, a quoted query text with a comma, doubled
    // quotes and a CRLF inside, and non-ASCII text.
    const QByteArray content = "\xEF\xBB\xBF" "job_id,query_text,user_name,duration_ms\r\n"
                               "Q1,\"SELECT \"\"a,b\"\"\r\nFROM t\",Jos\xC3\xA9,10\r\n"
                               "Q2,plain,\xE5\xBC\xA0\xE4\xBC\x9F,20\r\n";
    const auto report = importContent(content);
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 2);
    QCOMPARE(report->ignoredColumns, QStringList());
    const auto q1 = job(u"Q1"_s);
    QVERIFY(q1);
    QCOMPARE(q1->queryText.value_or(QString()), u"SELECT \"a,b\"\r\nFROM t"_s);
    QCOMPARE(q1->userName.value_or(QString()), QString::fromUtf8("Jos\xC3\xA9"));
    QCOMPARE(q1->durationMs, 10);
    const auto q2 = job(u"Q2"_s);
    QVERIFY(q2);
    QCOMPARE(q2->userName.value_or(QString()), QString::fromUtf8("\xE5\xBC\xA0\xE4\xBC\x9F"));
    QCOMPARE(q2->durationMs, 20);
}

void TestJobImporter::jobIdOf1024CharactersIsAccepted()
{
    const QString longest = QString(1023, u'x') + u'y';
    const auto report = importContent("job_id,duration_ms\n" + longest.toUtf8() + ",42\n");
    REQUIRE_OK(report);
    const auto found = job(longest);
    QVERIFY(found);
    QCOMPARE(found->jobId.size(), 1024);
    QCOMPARE(found->jobId, longest);
    QCOMPARE(found->durationMs, 42);
}

void TestJobImporter::rejections_data()
{
    // `message` is the exact start of the error, PATH standing for the file; the data rows
    // before a bad one would change J1 and add jobs if anything were written.
    QTest::addColumn<QByteArray>("content"); // null: no file at that path; "<folder>": a folder
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("exact"); // the message is all of it, not just its start

    auto row = [](const char *name, const QByteArray &content, const QString &message, bool exact = true) {
        QTest::newRow(name) << content << message << exact;
    };

    row("a header without duration_ms is refused at line 1",
        "job_id,query_text\nJ1,x\n",
        u"PATH:1: column 'duration_ms': required column is missing from the header (the generic format "
        "needs job_id, duration_ms; for another format, name it with --format)"_s);
    row("a header without job_id is refused at line 1",
        "Duration_MS,engine\n5,x\n",
        u"PATH:1: column 'job_id': required column is missing from the header (the generic format "
        "needs job_id, duration_ms; for another format, name it with --format)"_s);
    row("a semicolon-separated header is refused with a hint",
        "job_id;duration_ms\nJ1;5\n",
        u"PATH:1: the header has one field 'job_id;duration_ms': is the file separated by ';' instead of "
        "commas? Save it comma-separated"_s);
    row("a column named twice in the header is refused",
        "job_id,duration_ms,DURATION_MS\nJ1,1,2\n",
        u"PATH:1: column 'duration_ms': appears twice in the header"_s);
    row("an unknown column named twice in the header is refused",
        "job_id,duration_ms,color,Color\nJ1,1,a,b\n",
        u"PATH:1: column 'color': appears twice in the header"_s);
    row("an empty header field is refused",
        "job_id,,duration_ms\nJ1,x,1\n",
        u"PATH:1: header field 2 is empty"_s);
    row("a row with more fields than the header is refused at its line",
        "job_id,duration_ms\nJ1,999\nJ9,5,7\n",
        u"PATH:3: expected 2 fields as in the header, found 3"_s);
    row("a row with fewer fields than the header is refused at its line",
        "job_id,duration_ms,user_name\nJ1,999,a\nJ9,5\n",
        u"PATH:3: expected 3 fields as in the header, found 2"_s);
    row("a negative duration_ms is refused",
        "job_id,duration_ms\nJ1,999\nJ9,5\nJ10,-5\n",
        u"PATH:4: column 'duration_ms': '-5' is negative; it must be 0 or more"_s);
    row("a non-numeric duration_ms is refused",
        "job_id,duration_ms\nJ1,999\nJ9,5\nJ10,abc\n",
        u"PATH:4: column 'duration_ms': 'abc' is not a number"_s);
    // A fraction is a duration (SPEC §2: duration_ms is a real number), a decimal comma is not.
    row("a duration_ms with a decimal comma is refused",
        "job_id,duration_ms\nJ1,999\nJ10,\"1,5\"\n",
        u"PATH:3: column 'duration_ms': '1,5' is not a number"_s);
    row("a duration_ms beyond 64 bits is refused",
        "job_id,duration_ms\nJ1,999\nJ10,99999999999999999999\n",
        u"PATH:3: column 'duration_ms': '99999999999999999999' is beyond the 64-bit range"_s);
    row("an empty duration_ms is refused",
        "job_id,duration_ms\nJ1,999\nJ9,5\nJ10,\n",
        u"PATH:4: column 'duration_ms': is empty; every job needs a duration"_s);
    row("a negative profile value is refused",
        "job_id,duration_ms,memory_allocated\nJ1,999,5\nJ9,5,-1\n",
        u"PATH:3: column 'memory_allocated': '-1' is negative; it must be 0 or more"_s);
    row("a non-numeric profile value is refused",
        "job_id,duration_ms,cpu_time_ms\nJ1,999,5\nJ9,5,12s\n",
        u"PATH:3: column 'cpu_time_ms': '12s' is not a whole number"_s);
    row("an empty job_id is refused",
        "job_id,duration_ms\nJ1,999\n,5\n",
        u"PATH:3: column 'job_id': is empty; every job needs an ID"_s);
    row("a job_id longer than 1024 characters is refused",
        "job_id,duration_ms\nJ1,999\n" + QByteArray(1025, 'k') + ",5\n",
        u"PATH:3: column 'job_id': is 1025 characters long; at most 1024 are allowed"_s);
    row("characters are counted as the database counts them, not in UTF-16 units",
        "job_id,duration_ms\nJ1,999\n" + QStringLiteral("😀").repeated(1025).toUtf8() + ",5\n",
        u"PATH:3: column 'job_id': is 1025 characters long; at most 1024 are allowed"_s);
    row("a started_at that is not ISO 8601 is refused",
        "job_id,duration_ms,started_at\nJ1,999,2024-05-31T00:00:00Z\nJ9,5,31/05/2024\n",
        u"PATH:3: column 'started_at': '31/05/2024' is not a date and time like 2024-05-31T14:02:11Z"_s);
    row("an impossible started_at is refused",
        "job_id,duration_ms,started_at\nJ1,999,\nJ9,5,2024-02-30T00:00:00\n",
        u"PATH:3: column 'started_at': '2024-02-30T00:00:00' is not a valid date and time"_s);
    row("a header without rows is refused",
        "job_id,duration_ms\n",
        u"PATH: the file has a header but no jobs"_s);
    row("a header followed by blank lines is refused",
        "job_id,duration_ms\r\n\r\n\n",
        u"PATH: the file has a header but no jobs"_s);
    row("an empty file is refused",
        QByteArray(""),
        u"PATH: the file is empty; expected a header row naming the columns"_s);
    row("a file of blank lines is empty",
        "\n\r\n\n",
        u"PATH: the file is empty; expected a header row naming the columns"_s);
    row("a file holding only a byte-order mark is empty",
        "\xEF\xBB\xBF",
        u"PATH: the file is empty; expected a header row naming the columns"_s);
    row("a file that does not exist cannot be read",
        QByteArray(), u"PATH: cannot be read: "_s, false);
    row("a folder is not a file",
        "<folder>", u"PATH: is a folder, not a file"_s);
    row("invalid UTF-8 in a row is refused at its line",
        "job_id,duration_ms,user_name\nJ1,999,ok\nJ9,5,caf\xE9\n",
        u"PATH:3: invalid UTF-8 in field 3"_s);
    row("invalid UTF-8 in the header is refused at line 1",
        "job_id,duration_ms,\xFF\nJ1,999,x\n",
        u"PATH:1: invalid UTF-8 in field 3"_s);
    row("an unterminated quote is refused at the line where it opens",
        "job_id,duration_ms,query_text\nJ1,999,x\nJ9,5,\"SELECT 1\nJ10,6,y\n",
        u"PATH:3: unterminated quoted field 3"_s);
    row("a quote inside an unquoted field is refused",
        "job_id,duration_ms,query_text\nJ1,999,x\nJ9,5,SELECT \"x\"\n",
        u"PATH:3: a quote inside the unquoted field 3; quote the field and double the quote"_s);
    row("an error after a two-line record is reported at its own line",
        "job_id,duration_ms,query_text\nJ1,999,x\nJ9,5,\"SELECT\n1\"\nJ10,-1,y\n",
        u"PATH:5: column 'duration_ms': '-1' is negative; it must be 0 or more"_s);
    row("an error in a two-line record is reported where the record starts",
        "job_id,duration_ms,query_text\nJ1,999,x\nJ9,-5,\"SELECT\n1\"\n",
        u"PATH:3: column 'duration_ms': '-5' is negative; it must be 0 or more"_s);
    row("line numbers count CRLF lines and blank lines",
        "job_id,duration_ms\r\nJ1,999\r\n\r\nJ9,x\r\n",
        u"PATH:4: column 'duration_ms': 'x' is not a number"_s);

    // Enough good rows before the bad one that some have reached the database already
    // (PostgreSQL writes a few hundred per statement, SQLite one by one).
    QByteArray many = "job_id,duration_ms,cpu_time_ms\nJ1,999,1\n";
    for (int i = 0; i < 1200; ++i)
        many += "BULK" + QByteArray::number(i) + ',' + QByteArray::number(i) + ',' + QByteArray::number(i) + '\n';
    many += "J2,oops,1\n";
    row("a bad row after 1200 good ones rolls all of them back", many,
        u"PATH:1203: column 'duration_ms': 'oops' is not a number"_s);
}

void TestJobImporter::rejections()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(bool, exact);

    REQUIRE_OK(importContent(priorJobs));
    QCOMPARE(jobCount(), 2);

    QString path = m_folder.filePath(nextName(u"bad"_s));
    if (content == "<folder>")
        QVERIFY(QDir(m_folder.path()).mkdir(QFileInfo(path).fileName()));
    else if (!content.isNull())
        QCOMPARE(writeFile(m_folder, QFileInfo(path).fileName(), content), path);

    const auto result = JobImporter(*m_db).importFile(path);
    QVERIFY2(!result.ok(), "the file was accepted");
    QCOMPARE(result.error().kind, Error::Kind::InvalidInput);
    const QString expected = QString(message).replace(u"PATH"_s, path);
    if (exact)
        QCOMPARE(result.error().message, expected);
    else
        QVERIFY2(result.error().message.startsWith(expected), qPrintable(result.error().message));

    // Nothing written: the prior import is exactly as it was.
    QCOMPARE(jobCount(), 2);
    QCOMPARE(countRows(*m_db, u"profiles"_s), 2);
    const auto j1 = job(u"J1"_s);
    QVERIFY(j1);
    QCOMPARE(j1->durationMs, 60000);
    QCOMPARE(j1->queryText.value_or(QString()), u"SELECT 1"_s);
    QCOMPARE(profile(u"J1"_s)->memoryAllocated, std::optional<qint64>(1024));
    QVERIFY(!profile(u"J1"_s)->cpuTimeMs);
    QCOMPARE(job(u"J2"_s)->durationMs, 100);
    QVERIFY(!job(u"J9"_s));
    QVERIFY(!job(u"BULK0"_s));

    // The connection is usable afterwards: no transaction left open.
    REQUIRE_OK(importContent("job_id,duration_ms\nAFTER,1\n"));
    QCOMPARE(jobCount(), 3);
}

namespace {

// Rows J1 (which exists with another duration), then JOB00001 … of about 60 bytes each.
QByteArray bigFile(int rows)
{
    QByteArray content = "job_id,duration_ms,user_name,query_text\nJ1,1,x,changed\n";
    for (int i = 1; i < rows; ++i)
        content += "JOB" + QByteArray::number(i).rightJustified(5, '0') + ',' + QByteArray::number(i)
                   + ",someone,SELECT * FROM t WHERE id = " + QByteArray::number(i) + '\n';
    return content;
}

} // namespace

void TestJobImporter::progressReportsBytes()
{
    QList<QPair<qint64, qint64>> calls;
    ImportOptions options;
    options.progress = [&calls](qint64 read, qint64 total) {
        calls.append({read, total});
        return true;
    };
    QString path;
    const QByteArray content = bigFile(9000);
    const auto report = importContent(content, &path, options);
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 9000);
    QCOMPARE(report->inserted, 9000);
    const qint64 size = content.size();
    // After each batch of 2048 records written (5), then once at the end with everything read.
    QCOMPARE(calls.size(), 6);
    for (qsizetype i = 0; i < calls.size(); ++i) {
        QCOMPARE(calls.at(i).second, size);
        QVERIFY(calls.at(i).first >= 0 && calls.at(i).first <= size);
        if (i > 0)
            QVERIFY(calls.at(i).first >= calls.at(i - 1).first);
    }
    QVERIFY(calls.at(4).first > 0);
    QCOMPARE(calls.at(5).first, size);
    QCOMPARE(jobCount(), 9000);
}

void TestJobImporter::cancelWritesNothing()
{
    REQUIRE_OK(importContent(priorJobs));
    int calls = 0;
    qint64 lastRead = 0;
    ImportOptions options;
    options.progress = [&](qint64 read, qint64) {
        ++calls;
        lastRead = read;
        return false;
    };
    const QByteArray content = bigFile(6000);
    const auto result = importContent(content, nullptr, options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Canceled);
    QCOMPARE(calls, 1);
    QVERIFY(lastRead > 0 && lastRead < content.size());
    QCOMPARE(jobCount(), 2);
    QCOMPARE(job(u"J1"_s)->durationMs, 60000);
    QCOMPARE(job(u"J1"_s)->queryText.value_or(QString()), u"SELECT 1"_s);
    QVERIFY(!job(u"JOB00001"_s));
    // Usable afterwards.
    REQUIRE_OK(importContent(priorJobs));
}

namespace {

struct ExpectedJob
{
    QString queryText;  // "" = NULL
    QString engine;
    QString user;
    std::optional<QDateTime> startedAt;
    qint64 durationMs = 0;
    std::optional<qint64> memory;
    std::optional<qint64> scanned;
    std::optional<qint64> cpu;
};

} // namespace

void TestJobImporter::threeThousandRows()
{
    // 3000 generated rows: quoting, non-ASCII, time zone offsets, empty cells, and 150
    // repeated job IDs (some within one PostgreSQL statement's batch, some far apart).
    std::mt19937 random(7);
    const QStringList engines{u"snowflake"_s, u"bigquery"_s, u"dremio"_s, u"databricks"_s, u"postgres"_s};
    const QStringList offsets{u"Z"_s, u"+02:00"_s, u"-0800"_s, u"+05:30"_s, QString()};
    QByteArray content = "job_id,query_text,engine,user_name,started_at,duration_ms,memory_allocated,"
                         "data_scanned,cpu_time_ms\n";
    QMap<QString, ExpectedJob> expected;
    int duplicates = 0;
    for (int i = 0; i < 3000; ++i) {
        QString id = u"job-%1"_s.arg(i, 4, 10, QLatin1Char('0'));
        if (i % 20 == 19) { // a repeat: the previous row's job, or one from far back
            int target = i % 40 == 39 ? i - 1 : i / 3;
            if (target % 20 == 19) // itself a repeat: its ID never appeared
                --target;
            id = u"job-%1"_s.arg(target, 4, 10, QLatin1Char('0'));
            ++duplicates;
        }
        ExpectedJob job;
        switch (i % 4) {
        case 0: job.queryText = u"SELECT a, b FROM t%1 WHERE s = \"x\""_s.arg(i); break;
        case 1: job.queryText = u"SELECT *\nFROM t%1"_s.arg(i); break;
        case 2: job.queryText = QString::fromUtf8("SELECT 'caf\xC3\xA9' -- %1").arg(i); break;
        default: break; // empty: NULL
        }
        job.engine = engines.at(int(random() % unsigned(engines.size())));
        job.user = i % 7 == 0 ? QString() : QString::fromUtf8("us\xC3\xA9r-%1").arg(random() % 50);
        const QDateTime local(QDate(2024, 1, 1).addDays(int(random() % 366)),
                              QTime(int(random() % 24), int(random() % 60), int(random() % 60), int(random() % 1000)),
                              Qt::UTC);
        const QString offset = offsets.at(int(random() % unsigned(offsets.size())));
        QString startedText;
        if (i % 11 != 0) {
            startedText = local.toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz"_s) + offset;
            int offsetSeconds = 0;
            if (offset == u"+02:00"_s)
                offsetSeconds = 7200;
            else if (offset == u"-0800"_s)
                offsetSeconds = -8 * 3600;
            else if (offset == u"+05:30"_s)
                offsetSeconds = 5 * 3600 + 1800;
            job.startedAt = local.addSecs(-offsetSeconds);
        }
        job.durationMs = qint64(random() % 10000000);
        if (i % 5 != 0)
            job.memory = qint64(random()) * 1024;
        if (i % 6 != 0)
            job.scanned = qint64(random()) * 4096 + i;
        job.cpu = qint64(random() % 100000);
        auto number = [](const std::optional<qint64> &v) { return v ? QString::number(*v) : QString(); };
        content += csvLine({id, job.queryText, job.engine, job.user, startedText, QString::number(job.durationMs),
                            number(job.memory), number(job.scanned), number(job.cpu)});
        expected.insert(id, job);
    }
    QCOMPARE(duplicates, 150);

    const auto report = importContent(content);
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 3000);
    QCOMPARE(report->duplicates, 150);
    QCOMPARE(report->inserted, qint64(expected.size()));
    QCOMPARE(report->updated, 0);
    QCOMPARE(jobCount(), qint64(expected.size()));
    QCOMPARE(countRows(*m_db, u"profiles"_s), qint64(expected.size()));

    // Spot checks, then every row against what the file said (last row wins).
    QCOMPARE(job(u"job-0000"_s)->queryText.value_or(QString()), u"SELECT a, b FROM t0 WHERE s = \"x\""_s);
    QCOMPARE(job(u"job-0001"_s)->queryText.value_or(QString()), u"SELECT *\nFROM t1"_s);
    QVERIFY(!job(u"job-0003"_s)->queryText);
    QVERIFY(!job(u"job-0000"_s)->userName);
    QVERIFY(!job(u"job-0000"_s)->startedAt);
    QVERIFY(!job(u"job-0019"_s)); // row 19 repeated job-0006
    QVERIFY(!job(u"job-0039"_s)); // row 39 repeated job-0038
    int checked = 0;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const auto stored = job(it.key());
        QVERIFY2(stored, qPrintable(it.key()));
        const ExpectedJob &e = it.value();
        QCOMPARE(stored->durationMs, e.durationMs);
        QCOMPARE(stored->queryText.value_or(QString()), e.queryText);
        QCOMPARE(stored->queryText.has_value(), !e.queryText.isEmpty());
        QCOMPARE(stored->engine.value_or(QString()), e.engine);
        QCOMPARE(stored->userName.value_or(QString()), e.user);
        QCOMPARE(stored->startedAt.has_value(), e.startedAt.has_value());
        if (e.startedAt)
            QCOMPARE(stored->startedAt->toMSecsSinceEpoch(), e.startedAt->toMSecsSinceEpoch());
        const auto p = profile(it.key());
        QVERIFY2(p, qPrintable(it.key()));
        QCOMPARE(p->memoryAllocated, e.memory);
        QCOMPARE(p->dataScanned, e.scanned);
        QCOMPARE(p->cpuTimeMs, e.cpu);
        QVERIFY(!p->rowsScanned);
        ++checked;
    }
    QCOMPARE(checked, 2850);
}

QTEST_GUILESS_MAIN(TestJobImporter)
#include "tst_jobimporter.moc"
