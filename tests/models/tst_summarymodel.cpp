// SummaryModel: a well-behaved model (QAbstractItemModelTester) that shows a summary's
// values formatted for people.

#include "measurementformat.h"
#include "summarymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestSummaryModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void isAWellBehavedModel();
    void showsFormattedValues();
    void showsVerdictCounts();
    void humanDuration_data();
    void humanDuration();
    void sizesInOneFamilyOfUnits_data();
    void sizesInOneFamilyOfUnits();
    void datesWithFourDigitYears_data();
    void datesWithFourDigitYears();
};

void TestSummaryModel::isAWellBehavedModel()
{
    SummaryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Summary summary;
    summary.totalMeasurements = 3;
    model.setSummary(summary);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void TestSummaryModel::showsFormattedValues()
{
    SummaryModel model;
    Summary summary;
    summary.totalMeasurements = 12345;
    summary.completedMeasurements = 10;
    summary.avgImprovementPct = 45.3;
    summary.successRatePct = 80.0;
    summary.totalTimeSavedSeconds = 273600; // 3 d 4 h
    summary.metExpectationsCount = 8;
    summary.exceededExpectationsCount = 2;
    summary.underperformedCount = 2;
    summary.regressionCount = 1;
    model.setSummary(summary);
    auto value = [&model](SummaryModel::Row row) {
        return model.index(int(row), SummaryModel::ValueColumn).data().toString();
    };
    QCOMPARE(value(SummaryModel::Row::Total), QStringLiteral("12,345"));
    QCOMPARE(value(SummaryModel::Row::AverageImprovement), QStringLiteral("45.3 %"));
    QCOMPARE(value(SummaryModel::Row::SuccessRate), QStringLiteral("80.0 %"));
    QCOMPARE(value(SummaryModel::Row::TimeSaved), QStringLiteral("3 d 4 h"));
    QCOMPARE(value(SummaryModel::Row::BelowEstimate), QStringLiteral("1"));
    QCOMPARE(value(SummaryModel::Row::Regressions), QStringLiteral("1"));
    QCOMPARE(model.index(int(SummaryModel::Row::BelowEstimate), SummaryModel::NameColumn).data().toString(),
             QStringLiteral("Below estimate"));
    QCOMPARE(model.index(int(SummaryModel::Row::SuccessRate), SummaryModel::NameColumn).data().toString(),
             QStringLiteral("Success rate"));
    QCOMPARE(model.index(0, SummaryModel::ValueColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

// SPEC §5.2's verdict counts, with what each of them means as the tooltip of its row.
void TestSummaryModel::showsVerdictCounts()
{
    SummaryModel model;
    Summary summary;
    summary.completedMeasurements = 1234;
    summary.improvedCount = 56;
    summary.noChangeCount = 7;
    summary.regressedCount = 3;
    summary.insufficientRunsCount = 1168;
    model.setSummary(summary);
    auto cell = [&model](SummaryModel::Row row, int column, int role = Qt::DisplayRole) {
        return model.index(int(row), column).data(role).toString();
    };
    using Row = SummaryModel::Row;
    QCOMPARE(cell(Row::ProvenImprovements, SummaryModel::ValueColumn), QStringLiteral("56 of 1,234"));
    QCOMPARE(cell(Row::ProvenImprovements, SummaryModel::NameColumn), QStringLiteral("Proven improvements"));
    QCOMPARE(cell(Row::Improved, SummaryModel::ValueColumn), QStringLiteral("56"));
    QCOMPARE(cell(Row::NoChange, SummaryModel::ValueColumn), QStringLiteral("7"));
    QCOMPARE(cell(Row::Regressed, SummaryModel::ValueColumn), QStringLiteral("3"));
    QCOMPARE(cell(Row::InsufficientRuns, SummaryModel::ValueColumn), QStringLiteral("1,168"));
    QCOMPARE(cell(Row::InsufficientRuns, SummaryModel::NameColumn), QStringLiteral("Verdict: insufficient runs"));
    QCOMPARE(cell(Row::NoChange, SummaryModel::NameColumn, Qt::ToolTipRole),
             QStringLiteral("No proven difference: the 95 % interval of the improvement includes 0, so what "
                            "changed is within the noise between runs."));
    QCOMPARE(cell(Row::Improved, SummaryModel::ValueColumn, Qt::ToolTipRole),
             SummaryModel::verdictExplanation(RunStatistics::Verdict::Improved));
    QVERIFY(cell(Row::Total, SummaryModel::NameColumn, Qt::ToolTipRole).isEmpty());
}

void TestSummaryModel::humanDuration_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    // One way of writing durations on every page (MeasurementFormat::duration).
    QTest::newRow("milliseconds") << 0.85 << QStringLiteral("850 ms");
    QTest::newRow("a sub-millisecond mean") << 0.00025 << QStringLiteral("0.25 ms");
    QTest::newRow("seconds") << 42.44 << QStringLiteral("42.4 s");
    QTest::newRow("just under a minute") << 59.94 << QStringLiteral("59.9 s");
    QTest::newRow("a minute, rounded") << 59.96 << QStringLiteral("1 min 0 s");
    QTest::newRow("minutes") << 125.0 << QStringLiteral("2 min 5 s");
    QTest::newRow("hours") << 7260.0 << QStringLiteral("2 h 01 min");
    QTest::newRow("days") << 273600.0 << QStringLiteral("3 d 4 h");
    QTest::newRow("time lost") << -90.0 << QStringLiteral("−1 min 30 s");
}

void TestSummaryModel::humanDuration()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(SummaryModel::humanDuration(seconds), text);
}

// Every page writes sizes in binary units, scaled to the value; the exact MiB in tooltips.
void TestSummaryModel::sizesInOneFamilyOfUnits_data()
{
    QTest::addColumn<double>("mebibytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("bytes") << 512.0 / 1048576 << QStringLiteral("512 B");
    QTest::newRow("kibibytes") << 300.0 / 1024 << QStringLiteral("300.0 KiB");
    QTest::newRow("mebibytes") << 12.25 << QStringLiteral("12.3 MiB");
    QTest::newRow("just under a GiB") << 1023.9 << QStringLiteral("1,023.9 MiB");
    QTest::newRow("a GiB, rounded") << 1023.99 << QStringLiteral("1.0 GiB");
    QTest::newRow("gibibytes") << 291094.4 << QStringLiteral("284.3 GiB");
    QTest::newRow("tebibytes") << 3.5 * 1048576 << QStringLiteral("3.5 TiB");
    QTest::newRow("nothing") << 0.0 << QStringLiteral("0 B");
}

void TestSummaryModel::sizesInOneFamilyOfUnits()
{
    QFETCH(double, mebibytes);
    QFETCH(QString, text);
    QCOMPARE(MeasurementFormat::mebibytes(mebibytes), text);
}

void TestSummaryModel::datesWithFourDigitYears_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("text");
    QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates) << QStringLiteral("12/4/2026 9:05 AM");
    QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany) << QStringLiteral("04.12.2026 09:05");
    QTest::newRow("British") << QLocale(QLocale::English, QLocale::UnitedKingdom) << QStringLiteral("04/12/2026 09:05");
}

void TestSummaryModel::datesWithFourDigitYears()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, text);
    const QDateTime local(QDate(2026, 12, 4), QTime(9, 5));
    QCOMPARE(locale.toString(local, MeasurementFormat::dateTimeFormat(locale)), text);
}

QTEST_GUILESS_MAIN(TestSummaryModel)
#include "tst_summarymodel.moc"
