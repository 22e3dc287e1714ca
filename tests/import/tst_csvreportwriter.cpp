// CsvReportWriter on SQLite and PostgreSQL (SPEC §4, §4.1): the report of measurements
// built through the importers and MeasurementService, read back with CsvReader — header,
// exact cells, verdicts, CRLF, the optional BOM, the formula guard, the window filter, and
// failures that leave no file behind.

#include "csvreader.h"
#include "csvreportwriter.h"
#include "demodata.h"
#include "importtestutil.h"
#include "jobimporter.h"
#include "measurementservice.h"
#include "recommendationimporter.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QDir>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace ImportTest;
using namespace Qt::StringLiterals;

using OptionalDays = std::optional<int>;
Q_DECLARE_METATYPE(OptionalDays)

namespace {

const QDateTime reportNow = utc(2026, 3, 10, 12, 0);

struct Parsed
{
    QList<QStringList> records;
    QString error;
};

Parsed parseCsv(const QByteArray &bytes)
{
    QByteArray data = bytes;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    Parsed parsed;
    QStringList fields;
    while (reader.readRecord(fields))
        parsed.records << fields;
    parsed.error = reader.errorString();
    return parsed;
}

} // namespace

class TestCsvReportWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase();
    void cleanupTestCase() { QLocale::setDefault(QLocale::c()); }
    void init();
    void cleanup() { m_db.reset(); }

    void headerAndEveryRow();
    void crlfLineEnds();
    void byteOrderMarkOnlyWhenAsked();
    void formulaGuard_data();
    void formulaGuard();
    void windowFilter_data();
    void windowFilter();
    void emptyReportHasTheHeader();
    void unwritablePathLeavesNoFile_data();
    void unwritablePathLeavesNoFile();
    void cancelKeepsThePreviousFile();

private:
    void buildPortfolio();
    QByteArray writeReport(const CsvReportWriter::Options &options, qint64 *rows = nullptr);
    MeasurementService service()
    {
        MeasurementService s(*m_db);
        s.setClock([this] { return m_now; });
        return s;
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    QDateTime m_now;
};

void TestCsvReportWriter::initTestCase()
{
    // Numbers must not follow the user's locale (a German one writes 1,5).
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
}

void TestCsvReportWriter::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
}

// Jobs and recommendations through the importers, measurements through the service:
//   m1  rec 1  J1 → J1b    80 % against 70 estimated: met
//   m2  rec 2  P1          pending
//   m3  rec 3  R1 → R1b    −50 %: regression
//   m4  rec 4  U1 → =U1b   40 % against 70 estimated: underperformed; formula-like after job
//   m5  rec 5  @J5         pending; formula-like title, issue type and job ID
//   m6  rec 6  -J6         pending; title starting with a carriage return, measured by "+ops"
void TestCsvReportWriter::buildPortfolio()
{
    const QString jobs = writeFile(
        m_folder, nextName(u"jobs"_s),
        "job_id,duration_ms,memory_allocated,data_scanned,rows_scanned,rows_returned,partitions_scanned,cpu_time_ms\n"
        "J1,60000,1048576000,3145728,100,10,8,8000\n"
        "J1b,12000,524288000,1572864,40,10,2,2000\n"
        "P1,5000,2097152,0,7,1,0,0\n"
        "R1,1000,,,,,,\n"
        "R1b,1500,,,,,,\n"
        "U1,10000,,,,,,\n"
        "=U1b,6000,,,,,,\n"
        "@J5,700,,,,,,\n"
        "-J6,800,,,,,,\n");
    REQUIRE_OK(JobImporter(*m_db).importFile(jobs));
    const QString recommendations = writeFile(
        m_folder, nextName(u"recommendations"_s),
        "id,job_id,issue_type,title,estimated_improvement_pct\n"
        "1,J1,missing_partition_filter,\"Add a partition filter, please\",70\n"
        "2,P1,select_star,Pending one,30\n"
        "3,R1,cartesian_join,-x,10\n"
        "4,U1,missing_clustering,+x,70\n"
        "5,@J5,=cmd,\"=HYPERLINK(\"\"http://evil.example/?a=1\"\",\"\"click\"\")\",\n"
        "6,-J6,select_star,\"\rcr\",5\n");
    REQUIRE_OK(RecommendationImporter(*m_db).importFile(recommendations));

    auto s = service();
    const QString by = u"analyst"_s;
    m_now = utc(2026, 3, 1, 9, 0);
    REQUIRE_OK(s.recordBefore(1, std::nullopt, by));
    m_now = utc(2026, 3, 2, 10, 30);
    REQUIRE_OK(s.recordAfter(1, u"J1b"_s, by));
    m_now = utc(2026, 3, 3);
    REQUIRE_OK(s.recordBefore(2, std::nullopt, by));
    m_now = utc(2026, 3, 4);
    REQUIRE_OK(s.recordBefore(3, std::nullopt, by));
    m_now = utc(2026, 3, 5);
    REQUIRE_OK(s.recordAfter(3, u"R1b"_s, by));
    REQUIRE_OK(s.recordBefore(4, std::nullopt, by));
    m_now = utc(2026, 3, 6);
    REQUIRE_OK(s.recordAfter(4, u"=U1b"_s, by));
    REQUIRE_OK(s.recordBefore(5, std::nullopt, by));
    m_now = utc(2026, 3, 7);
    REQUIRE_OK(s.recordBefore(6, std::nullopt, u"+ops"_s));
}

QByteArray TestCsvReportWriter::writeReport(const CsvReportWriter::Options &options, qint64 *rows)
{
    const QString path = m_folder.filePath(nextName(u"report"_s));
    const auto written = CsvReportWriter(*m_db).write(path, options);
    if (!written) {
        qWarning("%s", qPrintable(written.error().message));
        return {};
    }
    if (rows)
        *rows = *written;
    return readFile(path);
}

void TestCsvReportWriter::headerAndEveryRow()
{
    buildPortfolio();
    CsvReportWriter::Options options;
    options.now = reportNow;
    qint64 rows = -1;
    const QByteArray bytes = writeReport(options, &rows);
    QVERIFY(!bytes.isEmpty());
    QCOMPARE(rows, 6);
    const Parsed parsed = parseCsv(bytes);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.records.size(), 7);
    QCOMPARE(parsed.records.at(0), CsvReportWriter::header());
    QCOMPARE(CsvReportWriter::header().size(), 38);
    for (const QStringList &record : parsed.records)
        QCOMPARE(record.size(), 38);

    // A completed measurement, every cell: ids, title (quoted for its comma), issue type,
    // jobs, before/after pairs (MiB as real numbers), improvements, estimate, delta, verdict.
    const QStringList met{
        u"1"_s, u"1"_s, u"Add a partition filter, please"_s, u"missing_partition_filter"_s, u"J1"_s, u"J1b"_s,
        u"60000"_s, u"12000"_s, u"1000"_s, u"500"_s, u"3"_s, u"1.5"_s, u"100"_s, u"40"_s, u"10"_s, u"10"_s,
        u"8"_s, u"2"_s, u"8000"_s, u"2000"_s,
        u"80"_s, u"50"_s, u"50"_s, u"75"_s, u"70"_s, u"10"_s, u"true"_s, u"met"_s,
        // One run a side: runs 1 / 1, no test, no interval (SPEC §5.2).
        u"1"_s, u"1"_s, QString(), QString(), QString(), u"insufficient_runs"_s, QString(), u"analyst"_s,
        u"2026-03-01T09:00:00.000Z"_s, u"2026-03-02T10:30:00.000Z"_s};
    QCOMPARE(parsed.records.at(1), met);

    // A pending one: the after side, improvements, delta and judgement are empty; zeros are
    // values, not blanks.
    const QStringList pending{
        u"2"_s, u"2"_s, u"Pending one"_s, u"select_star"_s, u"P1"_s, QString(),
        u"5000"_s, QString(), u"2"_s, QString(), u"0"_s, QString(), u"7"_s, QString(), u"1"_s, QString(),
        u"0"_s, QString(), u"0"_s, QString(),
        QString(), QString(), QString(), QString(), u"30"_s, QString(), QString(), u"pending"_s,
        QString(), QString(), QString(), QString(), QString(), QString(), QString(), u"analyst"_s, u"2026-03-03T00:00:00.000Z"_s, QString()};
    QCOMPARE(parsed.records.at(2), pending);

    // A regression: negative numbers stay plain numbers; the title "-x" is guarded.
    const QStringList regression{
        u"3"_s, u"3"_s, u"'-x"_s, u"cartesian_join"_s, u"R1"_s, u"R1b"_s,
        u"1000"_s, u"1500"_s, QString(), QString(), QString(), QString(), QString(), QString(), QString(),
        QString(), QString(), QString(), QString(), QString(),
        u"-50"_s, QString(), QString(), QString(), u"10"_s, u"-60"_s, u"false"_s, u"regression"_s,
        u"1"_s, u"1"_s, QString(), QString(), QString(), u"insufficient_runs"_s, QString(), u"analyst"_s, u"2026-03-04T00:00:00.000Z"_s, u"2026-03-05T00:00:00.000Z"_s};
    QCOMPARE(parsed.records.at(3), regression);

    const QStringList underperformed = parsed.records.at(4);
    QCOMPARE(underperformed.at(0), u"4"_s);
    QCOMPARE(underperformed.at(2), u"'+x"_s);
    QCOMPARE(underperformed.at(5), u"'=U1b"_s);
    QCOMPARE(underperformed.at(20), u"40"_s);
    QCOMPARE(underperformed.at(24), u"70"_s);
    QCOMPARE(underperformed.at(25), u"-30"_s);
    QCOMPARE(underperformed.at(26), u"false"_s);
    QCOMPARE(underperformed.at(27), u"underperformed"_s);

    // The raw bytes of the regression row: negative numbers unquoted and unguarded.
    QVERIFY2(bytes.contains("\r\n3,3,'-x,cartesian_join,R1,R1b,1000,1500,,,,,,,,,,,,,-50,,,,10,-60,false,regression,"),
             bytes.constData());
}

void TestCsvReportWriter::crlfLineEnds()
{
    buildPortfolio();
    CsvReportWriter::Options options;
    options.now = reportNow;
    const QByteArray bytes = writeReport(options);
    QVERIFY(bytes.endsWith("\r\n"));
    QCOMPARE(bytes.count("\r\n"), 7); // header and six rows; no field holds a line break
    for (qsizetype i = bytes.indexOf('\n'); i >= 0; i = bytes.indexOf('\n', i + 1))
        QVERIFY2(i > 0 && bytes.at(i - 1) == '\r', qPrintable(u"bare LF at byte %1"_s.arg(i)));
    QVERIFY(bytes.startsWith("measurement_id,recommendation_id,recommendation_title,"));
}

void TestCsvReportWriter::byteOrderMarkOnlyWhenAsked()
{
    buildPortfolio();
    CsvReportWriter::Options options;
    options.now = reportNow;
    const QByteArray plain = writeReport(options);
    QVERIFY(!plain.isEmpty());
    QVERIFY(!plain.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(plain.at(0), 'm');
    options.byteOrderMark = true;
    const QByteArray marked = writeReport(options);
    QCOMPARE(marked, QByteArray("\xEF\xBB\xBF") + plain);
    QCOMPARE(marked.count("\xEF\xBB\xBF"), 1);
    // CsvReader skips it: the same records.
    QCOMPARE(parseCsv(marked).records, parseCsv(plain).records);
}

void TestCsvReportWriter::formulaGuard_data()
{
    QTest::addColumn<int>("row");     // 1-based data row = measurement id
    QTest::addColumn<int>("column");  // header index
    QTest::addColumn<QString>("cell"); // as read back
    QTest::addColumn<QByteArray>("raw"); // as it stands in the file

    QTest::newRow("a title starting with = gets an apostrophe and is quoted for its quotes and comma")
        << 5 << 2 << u"'=HYPERLINK(\"http://evil.example/?a=1\",\"click\")"_s
        << QByteArray("\"'=HYPERLINK(\"\"http://evil.example/?a=1\"\",\"\"click\"\")\"");
    QTest::newRow("an issue type starting with = is guarded") << 5 << 3 << u"'=cmd"_s << QByteArray(",'=cmd,");
    QTest::newRow("a before job ID starting with @ is guarded") << 5 << 4 << u"'@J5"_s << QByteArray(",'@J5,");
    QTest::newRow("a before job ID starting with - is guarded") << 6 << 4 << u"'-J6"_s << QByteArray(",'-J6,");
    QTest::newRow("an after job ID starting with = is guarded") << 4 << 5 << u"'=U1b"_s << QByteArray(",'=U1b,");
    QTest::newRow("a measured_by starting with + is guarded") << 6 << 35 << u"'+ops"_s << QByteArray(",'+ops,");
    QTest::newRow("a title starting with - is guarded") << 3 << 2 << u"'-x"_s << QByteArray(",'-x,");
    QTest::newRow("a title starting with + is guarded") << 4 << 2 << u"'+x"_s << QByteArray(",'+x,");
    QTest::newRow("a title starting with a carriage return is guarded and quoted")
        << 6 << 2 << u"'\rcr"_s << QByteArray(",\"'\rcr\",");
    QTest::newRow("a negative improvement stays a number") << 3 << 20 << u"-50"_s << QByteArray(",-50,");
    QTest::newRow("a negative delta stays a number") << 4 << 25 << u"-30"_s << QByteArray(",-30,");
    QTest::newRow("a title without a trigger is left alone") << 2 << 2 << u"Pending one"_s << QByteArray(",Pending one,");
}

void TestCsvReportWriter::formulaGuard()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, cell);
    QFETCH(QByteArray, raw);
    buildPortfolio();
    CsvReportWriter::Options options;
    options.now = reportNow;
    const QByteArray bytes = writeReport(options);
    const Parsed parsed = parseCsv(bytes);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.records.size(), 7);
    QCOMPARE(parsed.records.at(row).at(0), QString::number(row));
    QCOMPARE(parsed.records.at(row).at(column), cell);
    // Find the raw cell within that row's bytes.
    const QList<QByteArray> lines = bytes.split('\n');
    QVERIFY2(lines.at(row).contains(raw), lines.at(row).constData());
}

void TestCsvReportWriter::windowFilter_data()
{
    QTest::addColumn<OptionalDays>("days");
    QTest::addColumn<QString>("issueType");
    QTest::addColumn<QStringList>("ids");

    QTest::newRow("no window: every measurement, oldest first")
        << OptionalDays() << QString() << QStringList{u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s};
    QTest::newRow("30 days: by latest recording, so a late completion counts and an early one does not")
        << OptionalDays(30) << QString() << QStringList{u"2"_s, u"3"_s, u"5"_s};
    QTest::newRow("30 days of select_star only")
        << OptionalDays(30) << u"select_star"_s << QStringList{u"2"_s, u"3"_s};
    QTest::newRow("one issue type over all time")
        << OptionalDays() << u"cartesian_join"_s << QStringList{u"5"_s};
    QTest::newRow("1 day") << OptionalDays(1) << QString() << QStringList{u"5"_s};
    QTest::newRow("365 days") << OptionalDays(365) << QString()
                              << QStringList{u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s};
    QTest::newRow("an issue type nobody has") << OptionalDays(30) << u"none"_s << QStringList{};
}

void TestCsvReportWriter::windowFilter()
{
    QFETCH(OptionalDays, days);
    QFETCH(QString, issueType);
    QFETCH(QStringList, ids);

    QByteArray jobs = "job_id,duration_ms\n";
    for (int i = 1; i <= 5; ++i)
        jobs += "B" + QByteArray::number(i) + ",1000\nA" + QByteArray::number(i) + ",500\n";
    REQUIRE_OK(JobImporter(*m_db).importFile(writeFile(m_folder, nextName(u"jobs"_s), jobs)));
    REQUIRE_OK(RecommendationImporter(*m_db).importFile(
        writeFile(m_folder, nextName(u"recommendations"_s),
                  "id,job_id,issue_type\n1,B1,select_star\n2,B2,select_star\n3,B3,select_star\n"
                  "4,B4,select_star\n5,B5,cartesian_join\n")));

    const QDateTime now = utc(2026, 6, 30, 12, 0);
    auto s = service();
    auto at = [&](double daysAgo) { m_now = now.addSecs(-qint64(daysAgo * 86400)); };
    at(40); REQUIRE_OK(s.recordBefore(1));   // m1: before 40 days ago,
    at(35); REQUIRE_OK(s.recordAfter(1, u"A1"_s)); //     completed 35 days ago: out
    at(40); REQUIRE_OK(s.recordBefore(2));   // m2: before 40 days ago,
    at(5);  REQUIRE_OK(s.recordAfter(2, u"A2"_s)); //     completed 5 days ago: in
    at(10); REQUIRE_OK(s.recordBefore(3));   // m3: open since 10 days: in
    at(31); REQUIRE_OK(s.recordBefore(4));   // m4: open since 31 days: out
    at(2);  REQUIRE_OK(s.recordBefore(5));   // m5: cartesian_join, completed 12 hours ago
    at(0.5); REQUIRE_OK(s.recordAfter(5, u"A5"_s));

    CsvReportWriter::Options options;
    options.now = now;
    options.window.days = days;
    if (!issueType.isEmpty())
        options.window.issueType = issueType;
    qint64 rows = -1;
    const QByteArray bytes = writeReport(options, &rows);
    const Parsed parsed = parseCsv(bytes);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY(!parsed.records.isEmpty());
    QCOMPARE(parsed.records.first(), CsvReportWriter::header());
    QStringList written;
    for (qsizetype i = 1; i < parsed.records.size(); ++i)
        written << parsed.records.at(i).at(0);
    QCOMPARE(written, ids);
    QCOMPARE(rows, qint64(ids.size()));
}

void TestCsvReportWriter::emptyReportHasTheHeader()
{
    qint64 rows = -1;
    CsvReportWriter::Options options;
    const QByteArray bytes = writeReport(options, &rows);
    QCOMPARE(rows, 0);
    QCOMPARE(bytes, CsvReportWriter::header().join(u',').toUtf8() + "\r\n");
}

void TestCsvReportWriter::unwritablePathLeavesNoFile_data()
{
    QTest::addColumn<QString>("relative");
    QTest::newRow("a folder that does not exist") << u"no-such-folder/report.csv"_s;
    QTest::newRow("a path under a regular file") << u"plain-file/report.csv"_s;
    QTest::newRow("a path that is a folder") << u"a-folder"_s;
}

void TestCsvReportWriter::unwritablePathLeavesNoFile()
{
    QFETCH(QString, relative);
    buildPortfolio();
    QDir folder(m_folder.path());
    QVERIFY(folder.exists(u"plain-file"_s) || !writeFile(m_folder, u"plain-file"_s, "x").isEmpty());
    QVERIFY(folder.exists(u"a-folder"_s) || folder.mkdir(u"a-folder"_s));
    const QStringList before = folder.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);

    const QString path = m_folder.filePath(relative);
    CsvReportWriter::Options options;
    options.now = reportNow;
    const auto written = CsvReportWriter(*m_db).write(path, options);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().kind, Error::Kind::Io);
    QVERIFY2(written.error().message.startsWith(path + u": cannot be written: "_s),
             qPrintable(written.error().message));
    QVERIFY(QFileInfo(path).isDir() == (relative == u"a-folder"_s));
    QVERIFY(!QFileInfo::exists(path) || QFileInfo(path).isDir());
    QCOMPARE(readFile(m_folder.filePath(u"plain-file"_s)), QByteArray("x"));
    QCOMPARE(folder.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
    QVERIFY(QDir(m_folder.filePath(u"a-folder"_s)).isEmpty());
}

void TestCsvReportWriter::cancelKeepsThePreviousFile()
{
    // More than 4096 measurements, so that progress is asked; canceling keeps what was there.
    DemoData::Options demo;
    demo.measurements = 4200;
    demo.seed = 11;
    demo.now = reportNow;
    REQUIRE_OK(DemoData(*m_db).generate(demo));

    QTemporaryDir out;
    const QString path = out.filePath(u"report.csv"_s);
    QVERIFY(!writeFile(out, u"report.csv"_s, "previous report\r\n").isEmpty());
    qint64 askedAt = -1;
    CsvReportWriter::Options options;
    options.now = reportNow;
    options.progress = [&askedAt](qint64 rows) {
        askedAt = rows;
        return false;
    };
    const auto written = CsvReportWriter(*m_db).write(path, options);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().kind, Error::Kind::Canceled);
    QCOMPARE(askedAt, 4096);
    QCOMPARE(readFile(path), QByteArray("previous report\r\n"));
    QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"report.csv"_s});

    // Without canceling the whole report replaces it.
    options.progress = [](qint64) { return true; };
    const auto complete = CsvReportWriter(*m_db).write(path, options);
    REQUIRE_OK(complete);
    QCOMPARE(*complete, 4200);
    const Parsed parsed = parseCsv(readFile(path));
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.records.size(), 4201);
}

QTEST_GUILESS_MAIN(TestCsvReportWriter)
#include "tst_csvreportwriter.moc"
