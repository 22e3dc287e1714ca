// Durations are real numbers of milliseconds (SPEC §2), on SQLite and PostgreSQL: a fraction
// read by an import reaches the measurement, the improvement, the summary's time saved and the
// CSV report unrounded, and whole numbers stay exactly what they were.

#include "csvreportwriter.h"
#include "importtestutil.h"
#include "jobimporter.h"
#include "jobrepository.h"
#include "measurementservice.h"
#include "millisecondstext.h"
#include "recommendationimporter.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ImportTest;
using namespace Qt::StringLiterals;

namespace {
const QDateTime now(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
}

class TestRealDurations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void importKeepsFractionsAndWholeNumbers();
    void fractionsFlowIntoMeasurementSummaryAndReport();
    void subMillisecondBeforeJobStillHasAnImprovement();
    void textShowsUpToThreeDecimals_data();
    void textShowsUpToThreeDecimals();

private:
    MeasurementService service()
    {
        MeasurementService s(*m_db);
        s.setClock([] { return now; });
        return s;
    }
    void importJobsAndRecommendations(const QByteArray &jobs, const QByteArray &recommendations);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestRealDurations::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
}

void TestRealDurations::importJobsAndRecommendations(const QByteArray &jobs, const QByteArray &recommendations)
{
    REQUIRE_OK(JobImporter(*m_db).importFile(writeFile(m_folder, nextName(u"jobs"_s), jobs)));
    REQUIRE_OK(RecommendationImporter(*m_db).importFile(writeFile(m_folder, nextName(u"recs"_s), recommendations)));
}

void TestRealDurations::importKeepsFractionsAndWholeNumbers()
{
    const QByteArray csv = "job_id,duration_ms\n"
                           "quarter,0.25\n"
                           "exponent,1.5e3\n"
                           "whole,60000\n"
                           "big,9007199254740992\n"
                           "nano,0.000001\n"
                           "zero,0\n";
    const auto report = JobImporter(*m_db).importFile(writeFile(m_folder, nextName(u"fractions"_s), csv));
    REQUIRE_OK(report);
    QCOMPARE(report->inserted, 6);
    const JobRepository jobs(*m_db);
    const std::pair<const char *, double> expected[] = {{"quarter", 0.25},   {"exponent", 1500.0},
                                                        {"whole", 60000.0},  {"big", 9007199254740992.0},
                                                        {"nano", 0.000001},  {"zero", 0.0}};
    for (const auto &[id, duration] : expected) {
        const auto job = jobs.find(QString::fromLatin1(id));
        REQUIRE_OK(job);
        QVERIFY2(job->has_value(), id);
        QCOMPARE(job->value().durationMs, duration);
    }
    // The same file again changes nothing: a stored 0.25 equals the 0.25 read.
    const auto again = JobImporter(*m_db).importFile(writeFile(m_folder, nextName(u"fractions"_s), csv));
    REQUIRE_OK(again);
    QCOMPARE(again->inserted, 0);
    QCOMPARE(again->updated, 0);
    QCOMPARE(again->unchanged, 6);
}

void TestRealDurations::fractionsFlowIntoMeasurementSummaryAndReport()
{
    importJobsAndRecommendations("job_id,duration_ms,memory_allocated\n"
                                 "b1,0.75,1048576\n"
                                 "a1,0.25,524288\n"
                                 "b2,2000,\n"
                                 "a2,1500.5,\n",
                                 "id,job_id,issue_type,estimated_improvement_pct\n"
                                 "1,b1,select_star,50\n"
                                 "2,b2,missing_partition_filter,20\n");
    auto s = service();
    REQUIRE_OK(s.recordBefore(1));
    const auto first = s.recordAfter(1, u"a1"_s);
    REQUIRE_OK(first);
    QCOMPARE(first->before.durationMs, 0.75);
    QCOMPARE(first->after->durationMs, 0.25);
    // (0.75 − 0.25) × 100 / 0.75
    QCOMPARE(*first->improvements.durationPct, (0.75 - 0.25) * 100.0 / 0.75);
    QCOMPARE(*first->expectation.meets, true);
    REQUIRE_OK(s.recordBefore(2));
    const auto second = s.recordAfter(2, u"a2"_s);
    REQUIRE_OK(second);
    QCOMPARE(*second->improvements.durationPct, (2000 - 1500.5) * 100.0 / 2000);

    // As stored and read back.
    const auto latest = s.latest(1);
    REQUIRE_OK(latest);
    QCOMPARE(latest->before.durationMs, 0.75);
    QCOMPARE(latest->after->durationMs, 0.25);

    // Time saved: (0.75 − 0.25) + (2000 − 1500.5) = 500 ms = 0.5 s.
    const auto summary = s.summary({30, std::nullopt});
    REQUIRE_OK(summary);
    QCOMPARE(summary->completedMeasurements, 2);
    QCOMPARE(summary->totalTimeSavedSeconds, 0.5);

    CsvReportWriter::Options options;
    options.now = now;
    const QString path = m_folder.filePath(nextName(u"report"_s));
    REQUIRE_OK(CsvReportWriter(*m_db).write(path, options));
    const QStringList lines = QString::fromUtf8(readFile(path)).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    const QStringList header = lines.at(0).split(u',');
    const QStringList row1 = lines.at(1).split(u',');
    const QStringList row2 = lines.at(2).split(u',');
    const qsizetype before = header.indexOf(u"before_duration_ms"_s);
    const qsizetype after = header.indexOf(u"after_duration_ms"_s);
    QVERIFY(before >= 0 && after >= 0);
    // Shortest round-trip digits: what was read, no binary noise, whole numbers without ".0".
    QCOMPARE(row1.at(before), u"0.75"_s);
    QCOMPARE(row1.at(after), u"0.25"_s);
    QCOMPARE(row2.at(before), u"2000"_s);
    QCOMPARE(row2.at(after), u"1500.5"_s);
}

void TestRealDurations::subMillisecondBeforeJobStillHasAnImprovement()
{
    // Rounded to whole milliseconds both were 0, and no improvement could be computed.
    importJobsAndRecommendations("job_id,duration_ms\nfast,0.4\nfaster,0.1\n",
                                 "id,job_id,issue_type\n1,fast,missing_index\n");
    auto s = service();
    REQUIRE_OK(s.recordBefore(1));
    const auto m = s.recordAfter(1, u"faster"_s);
    REQUIRE_OK(m);
    QVERIFY(m->improvements.durationPct.has_value());
    QCOMPARE(*m->improvements.durationPct, (0.4 - 0.1) * 100.0 / 0.4);
    QVERIFY(!m->validationNotes.has_value());
}

void TestRealDurations::textShowsUpToThreeDecimals_data()
{
    QTest::addColumn<double>("milliseconds");
    QTest::addColumn<QString>("c");
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("german");
    QTest::newRow("a whole number as it is") << 60000.0 << u"60000"_s << u"60,000"_s << u"60.000"_s;
    QTest::newRow("a quarter") << 0.25 << u"0.25"_s << u"0.25"_s << u"0,25"_s;
    QTest::newRow("three decimals at most") << 39.269735 << u"39.27"_s << u"39.27"_s << u"39,27"_s;
    QTest::newRow("a thousandth") << 12034.5678 << u"12034.568"_s << u"12,034.568"_s << u"12.034,568"_s;
    QTest::newRow("below a thousandth") << 0.0004 << u"0"_s << u"0"_s << u"0"_s;
    QTest::newRow("zero") << 0.0 << u"0"_s << u"0"_s << u"0"_s;
}

void TestRealDurations::textShowsUpToThreeDecimals()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("no database involved");
    QFETCH(double, milliseconds);
    QFETCH(QString, c);
    QFETCH(QString, english);
    QFETCH(QString, german);
    QCOMPARE(millisecondsText(milliseconds), c);
    QCOMPARE(millisecondsText(milliseconds, QLocale(QLocale::English, QLocale::UnitedStates)), english);
    QCOMPARE(millisecondsText(milliseconds, QLocale(QLocale::German, QLocale::Germany)), german);
}

QTEST_GUILESS_MAIN(TestRealDurations)
#include "tst_realdurations.moc"
