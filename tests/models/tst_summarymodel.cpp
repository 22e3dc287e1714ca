// SummaryModel: a well-behaved model (QAbstractItemModelTester) that shows a summary's
// values formatted for people.

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
    void humanDuration_data();
    void humanDuration();
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
    QCOMPARE(model.rowCount(), 8);
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
    model.setSummary(summary);
    auto value = [&model](SummaryModel::Row row) {
        return model.index(int(row), SummaryModel::ValueColumn).data().toString();
    };
    QCOMPARE(value(SummaryModel::Row::Total), QStringLiteral("12,345"));
    QCOMPARE(value(SummaryModel::Row::AverageImprovement), QStringLiteral("45.3 %"));
    QCOMPARE(value(SummaryModel::Row::SuccessRate), QStringLiteral("80.0 %"));
    QCOMPARE(value(SummaryModel::Row::TimeSaved), QStringLiteral("3 d 4 h"));
    QCOMPARE(value(SummaryModel::Row::Underperformed), QStringLiteral("2"));
    QCOMPARE(model.index(int(SummaryModel::Row::SuccessRate), SummaryModel::NameColumn).data().toString(),
             QStringLiteral("Success rate"));
    QCOMPARE(model.index(0, SummaryModel::ValueColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

void TestSummaryModel::humanDuration_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("seconds") << 42.4 << QStringLiteral("42 s");
    QTest::newRow("minutes") << 125.0 << QStringLiteral("2 min 5 s");
    QTest::newRow("hours") << 7260.0 << QStringLiteral("2 h 1 min");
    QTest::newRow("days") << 273600.0 << QStringLiteral("3 d 4 h");
    QTest::newRow("time lost") << -90.0 << QStringLiteral("−1 min 30 s");
}

void TestSummaryModel::humanDuration()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(SummaryModel::humanDuration(seconds), text);
}

QTEST_GUILESS_MAIN(TestSummaryModel)
#include "tst_summarymodel.moc"
