// Engine history exports (tests/import/engines) through JobImporter::importFiles on SQLite and
// PostgreSQL: each fixture imitates what an engine or its client really writes (column order and
// case, quoting, timestamp and number forms), and its <name>.expected.json gives, field by field,
// what must be stored (SPEC §2 units). The format must be detected from the header, an explicit
// format must give the same jobs, and a second import of the same file must change nothing.
// Every report accounts for every record read: a job (inserted, updated or unchanged), a repeat,
// a record merged into another's job, a rejected or a skipped one.

#include "importtestutil.h"
#include "jobimporter.h"
#include "jobrepository.h"
#include "queryfingerprint.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

#ifndef ENGINE_FIXTURES
#error "ENGINE_FIXTURES must name the folder of the engine export fixtures"
#endif

using namespace ImportTest;
using namespace Qt::StringLiterals;

namespace {

const QString FixtureFolder = QStringLiteral(ENGINE_FIXTURES);

// One <name>.expected.json: the files to import and what they must store.
struct Fixture
{
    QString format;
    QStringList files;           // absolute paths, in import order (the earlier snapshot first)
    qint64 inserted = 0;
    qint64 cacheHits = 0;
    // Checked when the expectation gives them ("rows", "skipped", "merged"); repeats are 0 unless given.
    qint64 rows = -1;
    qint64 duplicates = 0;
    qint64 merged = -1;
    qint64 skipped = -1;
    QJsonObject jobs;            // job id -> stored fields
    QStringList absentJobs;      // ids that must not be stored (skipped pg_stat_statements ids, …)
    QString error;               // why the expectation could not be read
};

Fixture readFixture(const QString &name)
{
    Fixture expected;
    QFile file(QDir(FixtureFolder).filePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        expected.error = u"cannot read %1"_s.arg(file.fileName());
        return expected;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        expected.error = u"%1 is not a JSON object: %2"_s.arg(name, parseError.errorString());
        return expected;
    }
    const QJsonObject root = document.object();
    expected.format = root.value(u"format").toString();
    for (const QJsonValue &value : root.value(u"files").toArray())
        expected.files << QDir(FixtureFolder).filePath(value.toString());
    expected.inserted = root.value(u"inserted").toInteger(-1);
    expected.cacheHits = root.value(u"cache_hits").toInteger(-1);
    expected.rows = root.value(u"rows").toInteger(-1);
    expected.duplicates = root.value(u"duplicates").toInteger(0);
    expected.merged = root.value(u"merged").toInteger(-1);
    expected.skipped = root.value(u"skipped").toInteger(-1);
    expected.jobs = root.value(u"jobs").toObject();
    for (const QJsonValue &value : root.value(u"absent_jobs").toArray())
        expected.absentJobs << value.toString();
    if (expected.format.isEmpty() || expected.files.isEmpty() || expected.jobs.isEmpty())
        expected.error = u"%1 lacks format, files or jobs"_s.arg(name);
    return expected;
}

// Every expectation file, for the _data() functions.
void addFixtureRows()
{
    QTest::addColumn<QString>("expectation");
    const QStringList names = QDir(FixtureFolder).entryList({u"*.expected.json"_s}, QDir::Files, QDir::Name);
    for (const QString &name : names)
        QTest::newRow(qPrintable(name.chopped(int(qstrlen(".expected.json"))))) << name;
}

// A number exactly as stored: whole ones without a fraction, others with the shortest digits
// that give the same double back (a pg_stat_statements mean is compared to the last bit).
QString showNumber(double value)
{
    if (std::fabs(value) < 9e15 && value == std::trunc(value))
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString show(const std::optional<QString> &value)
{
    return value ? u"\"%1\""_s.arg(*value) : u"null"_s;
}

QString show(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : u"null"_s;
}

QString show(const std::optional<bool> &value)
{
    return value ? (*value ? u"true"_s : u"false"_s) : u"null"_s;
}

QString show(const std::optional<QDateTime> &value)
{
    return value ? u"\"%1\""_s.arg(value->toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ")) : u"null"_s;
}

QString show(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return showNumber(value.toDouble());
    case QJsonValue::String:
        return u"\"%1\""_s.arg(value.toString());
    default:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
}

// Compares the stored job and profile with one expected object; appends "ID field: …" lines.
void compareJob(const QString &id, const Job &job, const std::optional<Profile> &profile,
                const QJsonObject &expected, QStringList &mismatches)
{
    const auto check = [&](const char *field, const QString &actual) {
        const QString wanted = show(expected.value(QLatin1String(field)));
        if (actual != wanted)
            mismatches << u"%1 %2: stored %3, expected %4"_s.arg(id, QLatin1String(field), actual, wanted);
    };

    check("query_text", show(job.queryText));
    const QJsonValue hash = expected.value(u"query_hash");
    if (hash.toObject().value(u"fingerprint_of_query_text").toBool()) {
        const QString fingerprint = job.queryText ? QueryFingerprint::of(*job.queryText) : QString();
        if (fingerprint.isEmpty() || !job.queryHash || *job.queryHash != fingerprint)
            mismatches << u"%1 query_hash: stored %2, expected our fingerprint %3"_s.arg(
                id, show(job.queryHash), show(std::optional<QString>(fingerprint)));
    } else {
        check("query_hash", show(job.queryHash));
    }
    check("engine", show(job.engine));
    check("user_name", show(job.userName));
    check("warehouse", show(job.warehouse));
    check("warehouse_size", show(job.warehouseSize));
    check("started_at", show(job.startedAt));
    if (job.startedAt && job.startedAt->timeSpec() != Qt::UTC)
        mismatches << u"%1 started_at: not read back as UTC"_s.arg(id);
    check("duration_ms", showNumber(job.durationMs));
    check("status", show(job.status));
    check("cache_hit", show(job.cacheHit));

    static const char *const profileFields[] = {"memory_allocated", "data_scanned", "rows_scanned",
                                                "rows_returned", "partitions_scanned", "cpu_time_ms"};
    if (!profile) {
        // No profile row is the same as a profile of nulls.
        for (const char *field : profileFields)
            check(field, u"null"_s);
        return;
    }
    check("memory_allocated", show(profile->memoryAllocated));
    check("data_scanned", show(profile->dataScanned));
    check("rows_scanned", show(profile->rowsScanned));
    check("rows_returned", show(profile->rowsReturned));
    check("partitions_scanned", show(profile->partitionsScanned));
    check("cpu_time_ms", show(profile->cpuTimeMs));
}

// Fails unless the report's counts add up to the records read, and match what is expected.
void verifyCounts(const ImportReport &report, const Fixture &expected)
{
    QCOMPARE(report.rowsRead, report.inserted + report.updated + report.unchanged + report.duplicates
                                  + report.merged + report.rejected + report.skipped);
    QCOMPARE(report.duplicates, expected.duplicates);
    if (expected.rows >= 0)
        QCOMPARE(report.rowsRead, expected.rows);
    if (expected.merged >= 0)
        QCOMPARE(report.merged, expected.merged);
    if (expected.skipped >= 0)
        QCOMPARE(report.skipped, expected.skipped);
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestEngineImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase();
    void init();
    void cleanup() { m_db.reset(); }

    void detectsFormatAndStoresEveryField_data() { addFixtureRows(); }
    void detectsFormatAndStoresEveryField();
    void explicitFormatStoresTheSame_data() { addFixtureRows(); }
    void explicitFormatStoresTheSame();
    void reimportChangesNothing_data() { addFixtureRows(); }
    void reimportChangesNothing();
    void formatWithoutItsColumnsIsRefused();

private:
    Result<ImportReport> importFixture(const Fixture &expected, const QString &format);
    void verifyStoredJobs(const Fixture &expected);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestEngineImport::initTestCase()
{
    QVERIFY2(QDir(FixtureFolder).exists(), qPrintable(FixtureFolder));
    QVERIFY(!QDir(FixtureFolder).entryList({u"*.expected.json"_s}, QDir::Files).isEmpty());
}

void TestEngineImport::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
}

Result<ImportReport> TestEngineImport::importFixture(const Fixture &expected, const QString &format)
{
    ImportOptions options;
    options.format = format;
    return JobImporter(*m_db).importFiles(expected.files, options);
}

void TestEngineImport::verifyStoredJobs(const Fixture &expected)
{
    const JobRepository jobs(*m_db);
    const auto count = jobs.count();
    REQUIRE_OK(count);
    QCOMPARE(*count, qint64(expected.jobs.size()));

    QStringList mismatches;
    for (auto it = expected.jobs.begin(); it != expected.jobs.end(); ++it) {
        const QString id = it.key();
        const auto job = jobs.find(id);
        REQUIRE_OK(job);
        if (!job.value()) {
            mismatches << u"%1: not stored"_s.arg(id);
            continue;
        }
        const auto profile = jobs.findProfile(id);
        REQUIRE_OK(profile);
        QCOMPARE(job.value()->jobId, id);
        compareJob(id, *job.value(), profile.value(), it.value().toObject(), mismatches);
    }
    for (const QString &id : expected.absentJobs) {
        const auto job = jobs.find(id);
        REQUIRE_OK(job);
        if (job.value())
            mismatches << u"%1: stored, but must not be a job"_s.arg(id);
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(u"\n"_s + mismatches.join(u'\n')));
}

void TestEngineImport::detectsFormatAndStoresEveryField()
{
    QFETCH(QString, expectation);
    const Fixture expected = readFixture(expectation);
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));

    const auto report = importFixture(expected, u"auto"_s);
    REQUIRE_OK(report);
    QCOMPARE(report->format, expected.format);
    QCOMPARE(report->inserted, expected.inserted);
    QCOMPARE(report->updated, 0);
    QCOMPARE(report->unchanged, 0);
    QCOMPARE(report->rejected, 0);
    verifyCounts(*report, expected);
    QCOMPARE(report->cacheHits, expected.cacheHits);

    QStringList cacheHitIds;
    for (auto it = expected.jobs.begin(); it != expected.jobs.end(); ++it)
        if (it.value().toObject().value(u"cache_hit").toBool())
            cacheHitIds << it.key();
    QCOMPARE(sorted(report->cacheHitJobs), sorted(cacheHitIds));

    verifyStoredJobs(expected);
}

void TestEngineImport::explicitFormatStoresTheSame()
{
    QFETCH(QString, expectation);
    const Fixture expected = readFixture(expectation);
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));

    const auto report = importFixture(expected, expected.format);
    REQUIRE_OK(report);
    QCOMPARE(report->format, expected.format);
    QCOMPARE(report->inserted, expected.inserted);
    QCOMPARE(report->cacheHits, expected.cacheHits);
    verifyCounts(*report, expected);
    verifyStoredJobs(expected);
}

void TestEngineImport::reimportChangesNothing()
{
    QFETCH(QString, expectation);
    const Fixture expected = readFixture(expectation);
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));

    REQUIRE_OK(importFixture(expected, expected.format));
    const auto again = importFixture(expected, u"auto"_s);
    REQUIRE_OK(again);
    QCOMPARE(again->format, expected.format);
    QCOMPARE(again->inserted, 0);
    QCOMPARE(again->updated, 0);
    QCOMPARE(again->unchanged, qint64(expected.jobs.size()));
    verifyCounts(*again, expected);
    QCOMPARE(again->cacheHits, expected.cacheHits);
    verifyStoredJobs(expected);
}

void TestEngineImport::formatWithoutItsColumnsIsRefused()
{
    // A Snowflake export has none of the columns Dremio needs: asked for as Dremio, it is
    // refused and nothing is written.
    const Fixture expected = readFixture(u"snowflake.expected.json"_s);
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
    const auto report = importFixture(expected, u"dremio"_s);
    QVERIFY(!report.ok());
    const auto count = JobRepository(*m_db).count();
    REQUIRE_OK(count);
    QCOMPARE(*count, 0);
}

QTEST_GUILESS_MAIN(TestEngineImport)
#include "tst_engineimport.moc"
