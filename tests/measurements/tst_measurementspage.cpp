// The measurements page and its detail pane, offscreen: the pane shows before and after of
// every metric with the change; the page counts, filters, selects a recommendation's latest
// measurement (clearing its own filters when they hide it) and renders demo data legibly
// (/tmp/measurements-page.png, /tmp/measurements-page-dark.png).

#include "demodata.h"
#include "pages/measurementdetailpane.h"
#include "darkpalette.h"
#include "measurementfixture.h"
#include "pages/measurementspage.h"
#include "measurementtablemodel.h"
#include "testdatabase.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QSettings>
#include <QToolButton>
#include <QTest>

using namespace MeasurementFixture;
using Column = MeasurementTableModel::Column;

namespace {

bool waitForListing(MeasurementTableModel &model)
{
    return QTest::qWaitFor([&model] { return model.total() >= 0 && !model.isLoading(); }, 20000);
}

QString labelText(const QWidget &parent, const char *name)
{
    if (const auto *label = parent.findChild<QLabel *>(QString::fromLatin1(name)))
        return label->text();
    if (const auto *field = parent.findChild<QLineEdit *>(QString::fromLatin1(name)))
        return field->text();
    return QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
}

QString labelToolTip(const QWidget &parent, const char *name)
{
    const auto *widget = parent.findChild<QWidget *>(QString::fromLatin1(name));
    return widget ? widget->toolTip() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
}

MeasurementReportRow knownMeasurement()
{
    MeasurementReportRow row;
    row.issueType = QStringLiteral("missing_partition_filter");
    row.title = QStringLiteral("Add a partition filter on analytics.fact_orders");
    row.estimatedImprovementPct = 60;
    Measurement &m = row.measurement;
    m.id = 42;
    m.recommendationId = 7;
    m.jobIdBefore = QStringLiteral("bquxjob_1a2b3c");
    m.jobIdAfter = QStringLiteral("bquxjob_9z8y7x");
    m.before = {120000, 2048.0, 10240.0, 5000000, 120, 365, 480000};
    JobMetrics after{30000, 1024.0, 512.0, 250000, 118, 7, 96000};
    m.after = after;
    m.improvements = {75.0, 50.0, 95.0, 80.0};
    m.expectation = {true, 15.0};
    m.validationNotes = QStringLiteral("Re-run after the cache was cleared");
    m.measuredAt = QDateTime(QDate(2026, 2, 20), QTime(9, 30), Qt::UTC);
    m.measuredBy = QStringLiteral("ana");
    m.completedAt = QDateTime(QDate(2026, 2, 21), QTime(10, 0), Qt::UTC);
    m.runsBefore = 1;
    m.runsAfter = 1;
    m.verdict = RunStatistics::Verdict::InsufficientRuns;
    return row;
}

} // namespace

class TestMeasurementsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init() { OPEN_TEST_DATABASE(m_db, m_folder); }
    void cleanup() { m_db.reset(); }

    void detailPaneShowsBeforeAndAfter();
    void detailPaneOfAPendingMeasurement();
    void pageCountsAndFilters();
    void selectRecommendationSelectsItsLatestMeasurement();
    void selectRecommendationClearsThePagesOwnFilters();
    void rendersDemoData();
    void detailPaneFoldsAwayInANarrowWindow();

private:
    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestMeasurementsPage::detailPaneShowsBeforeAndAfter()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("no database involved");
    MeasurementDetailPane pane;
    pane.setMeasurement(knownMeasurement());
    QCOMPARE(pane.measurementId(), std::optional<qint64>(42));
    QCOMPARE(labelText(pane, "title"), QStringLiteral("#7 Add a partition filter on analytics.fact_orders"));
    // The issue type in words, its identifier in the tooltip.
    QCOMPARE(labelText(pane, "subtitle"), QStringLiteral("Missing partition filter · measurement #42"));
    QCOMPARE(labelToolTip(pane, "subtitle"), QStringLiteral("Identifier: missing_partition_filter"));
    QCOMPARE(labelText(pane, "expectation"), QStringLiteral("Met"));
    // Recorded from one run a side: too few for a verdict.
    QCOMPARE(labelText(pane, "verdict"), QStringLiteral("Insufficient runs"));
    QCOMPARE(labelText(pane, "runs"), QStringLiteral("1 / 1"));
    QCOMPARE(labelText(pane, "interval"), QStringLiteral("—"));
    QCOMPARE(labelText(pane, "pValue"), QStringLiteral("—"));
    QCOMPARE(labelText(pane, "estimate"), QStringLiteral("60.0 %"));
    QCOMPARE(labelText(pane, "actual"), QStringLiteral("+75.0 %"));
    QCOMPARE(labelText(pane, "delta"), QStringLiteral("+15.0 points"));
    QCOMPARE(labelText(pane, "jobBefore"), QStringLiteral("bquxjob_1a2b3c"));
    QCOMPARE(labelText(pane, "jobAfter"), QStringLiteral("bquxjob_9z8y7x"));
    QCOMPARE(labelText(pane, "durationBefore"), QStringLiteral("2 min 0 s"));
    QCOMPARE(labelText(pane, "durationAfter"), QStringLiteral("30.0 s"));
    QCOMPARE(labelText(pane, "durationChange"), QStringLiteral("+75.0 %"));
    QCOMPARE(labelText(pane, "memoryBefore"), QStringLiteral("2.0 GiB"));
    QCOMPARE(labelText(pane, "memoryAfter"), QStringLiteral("1.0 GiB"));
    QCOMPARE(labelText(pane, "memoryChange"), QStringLiteral("+50.0 %"));
    QCOMPARE(labelText(pane, "dataScannedBefore"), QStringLiteral("10.0 GiB"));
    QCOMPARE(labelText(pane, "dataScannedChange"), QStringLiteral("+95.0 %"));
    QCOMPARE(labelText(pane, "rowsScannedBefore"), QStringLiteral("5,000,000"));
    QCOMPARE(labelText(pane, "rowsScannedAfter"), QStringLiteral("250,000"));
    QCOMPARE(labelText(pane, "rowsScannedChange"), QStringLiteral("+95.0 %"));
    QCOMPARE(labelText(pane, "rowsReturnedChange"), QStringLiteral("+1.7 %"));
    QCOMPARE(labelText(pane, "partitionsBefore"), QStringLiteral("365"));
    QCOMPARE(labelText(pane, "partitionsAfter"), QStringLiteral("7"));
    QCOMPARE(labelText(pane, "partitionsChange"), QStringLiteral("+98.1 %"));
    QCOMPARE(labelText(pane, "cpuBefore"), QStringLiteral("8 min 0 s"));
    QCOMPARE(labelText(pane, "cpuChange"), QStringLiteral("+80.0 %"));
    // Durations and sizes as people say them, the exact values in their tooltips.
    QCOMPARE(labelToolTip(pane, "durationBefore"), QStringLiteral("120,000 ms"));
    QCOMPARE(labelToolTip(pane, "durationAfter"), QStringLiteral("30,000 ms"));
    QCOMPARE(labelToolTip(pane, "memoryBefore"), QStringLiteral("2,048.0 MiB"));
    QCOMPARE(labelToolTip(pane, "dataScannedAfter"), QStringLiteral("512.0 MiB"));
    QCOMPARE(labelToolTip(pane, "cpuBefore"), QStringLiteral("480,000 ms"));
    QCOMPARE(labelToolTip(pane, "rowsScannedBefore"), QString()); // a count is exact as it is
    QVERIFY(labelText(pane, "warning").contains(QStringLiteral("returned 118 rows instead of 120")));
    QCOMPARE(labelText(pane, "notes"), QStringLiteral("Note: Re-run after the cache was cleared"));
    QVERIFY(labelText(pane, "measured").endsWith(QStringLiteral(" by ana")));
    // 10:00 UTC is 11:00 in Berlin (the tests' TZ); the year in four digits.
    QCOMPARE(labelText(pane, "completed"), QStringLiteral("2/21/2026 11:00 AM"));
    // Improvements are coloured; rows returned are not judged.
    QVERIFY(pane.findChild<QLabel *>(QStringLiteral("durationChange"))->styleSheet().contains(QStringLiteral("color")));
    QVERIFY(pane.findChild<QLabel *>(QStringLiteral("rowsReturnedChange"))->styleSheet().isEmpty());
}

void TestMeasurementsPage::detailPaneOfAPendingMeasurement()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("no database involved");
    MeasurementReportRow row = knownMeasurement();
    row.measurement.jobIdAfter.reset();
    row.measurement.after.reset();
    row.measurement.improvements = {};
    row.measurement.expectation = {};
    row.measurement.completedAt.reset();
    row.measurement.validationNotes.reset();
    row.measurement.runsBefore.reset(); // a pending measurement has no numbers of SPEC §5.2
    row.measurement.runsAfter.reset();
    row.measurement.verdict.reset();
    row.estimatedImprovementPct.reset();
    MeasurementDetailPane pane;
    pane.setMeasurement(row);
    QCOMPARE(labelText(pane, "expectation"), QStringLiteral("Pending"));
    QCOMPARE(labelText(pane, "verdict"), QStringLiteral("No verdict yet"));
    QCOMPARE(labelText(pane, "runs"), QStringLiteral("—"));
    QCOMPARE(labelText(pane, "jobAfter"), QStringLiteral("none yet"));
    QCOMPARE(labelText(pane, "durationAfter"), QStringLiteral("—"));
    QCOMPARE(labelText(pane, "durationChange"), QString());
    QCOMPARE(labelText(pane, "estimate"), QStringLiteral("none (counts as 0 %)"));
    QCOMPARE(labelText(pane, "completed"), QStringLiteral("not yet"));
    QVERIFY(pane.findChild<QLabel *>(QStringLiteral("warning"))->isHidden());
    QVERIFY(pane.findChild<QLabel *>(QStringLiteral("notes"))->isHidden());
}

void TestMeasurementsPage::pageCountsAndFilters()
{
    QVERIFY(addMixedMeasurements(*m_db, 45));
    MeasurementsPage page(*m_db);
    page.model()->setClock([] { return now; });
    page.setWindow({});
    QVERIFY(waitForListing(*page.model()));
    QCOMPARE(page.statusLabel()->text(), QStringLiteral("45 measurements"));
    QCOMPARE(page.table()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);

    page.searchField()->setText(QStringLiteral("JOB-02"));
    QTRY_COMPARE(page.model()->query().searchText, QStringLiteral("JOB-02"));
    QVERIFY(waitForListing(*page.model()));
    const qint64 matching = ids(*m_db, QStringLiteral(
        "SELECT m.id FROM measurements m WHERE LOWER(m.job_id_before) LIKE '%job-02%' "
        "OR LOWER(m.job_id_after) LIKE '%job-02%'")).size();
    QCOMPARE(page.model()->total(), matching);

    page.expectationFilter()->setCurrentIndex(page.expectationFilter()->findText(QStringLiteral("Pending")));
    QCOMPARE(page.model()->query().expectation, std::optional(Improvement::Verdict::Pending));
    QVERIFY(waitForListing(*page.model()));
    for (int row = 0; row < page.model()->rowCount(); ++row) {
        QVERIFY(QTest::qWaitFor([&] { return page.model()->rowAt(row) != nullptr; }));
        QVERIFY(page.model()->rowAt(row)->measurement.isOpen());
    }

    // Sorting through the header runs in SQL.
    page.table()->horizontalHeader()->setSortIndicator(int(Column::BeforeDuration), Qt::AscendingOrder);
    QCOMPARE(page.model()->query().sortKey, MeasurementQuery::SortKey::BeforeDuration);
    QCOMPARE(page.model()->query().order, Qt::AscendingOrder);

    page.setWindow({7, std::nullopt});
    QCOMPARE(page.model()->query().window.days, std::optional<int>(7));
}

void TestMeasurementsPage::selectRecommendationSelectsItsLatestMeasurement()
{
    QVERIFY(addMixedMeasurements(*m_db, 60));
    MeasurementsPage page(*m_db);
    page.model()->setClock([] { return now; });
    page.model()->setPageSize(7);
    QSignalSpy current(&page, &MeasurementsPage::currentMeasurementChanged);
    page.setWindow({});
    QVERIFY(waitForListing(*page.model()));

    const auto latest = MeasurementRepository(*m_db).latestForRecommendation(6);
    QVERIFY(latest.ok() && latest->has_value());
    const qint64 id = (*latest)->id;
    page.selectRecommendation(6);
    QTRY_COMPARE(page.currentMeasurement(), std::optional<qint64>(id));
    QCOMPARE(current.last().at(0).toLongLong(), id);
    QCOMPARE(current.last().at(1).toLongLong(), 6);
    QTRY_COMPARE(page.detailPane()->measurementId(), std::optional<qint64>(id));
    QCOMPARE(page.table()->currentIndex().data(MeasurementTableModel::MeasurementIdRole).toLongLong(), id);

    // A new sort keeps the selection on the same measurement.
    page.table()->sortByColumn(int(Column::DurationImprovement), Qt::DescendingOrder);
    QTRY_COMPARE(page.table()->currentIndex().data(MeasurementTableModel::MeasurementIdRole).toLongLong(), id);
    QCOMPARE(page.currentMeasurement(), std::optional<qint64>(id));

    // A recommendation that was never measured says so.
    page.selectRecommendation(999);
    QTRY_VERIFY(page.statusLabel()->text().contains(QStringLiteral("#999 has not been measured")));
}

void TestMeasurementsPage::selectRecommendationClearsThePagesOwnFilters()
{
    QVERIFY(addMixedMeasurements(*m_db, 60));
    MeasurementsPage page(*m_db);
    page.model()->setClock([] { return now; });
    page.setWindow({});
    page.searchField()->setText(QStringLiteral("no such job"));
    QTRY_COMPARE(page.model()->query().searchText, QStringLiteral("no such job"));
    QVERIFY(waitForListing(*page.model()));
    QCOMPARE(page.model()->total(), 0);

    const auto latest = MeasurementRepository(*m_db).latestForRecommendation(3);
    QVERIFY(latest.ok() && latest->has_value());
    page.selectRecommendation(3);
    QTRY_COMPARE(page.currentMeasurement(), std::optional<qint64>((*latest)->id));
    QCOMPARE(page.searchField()->text(), QString());
    QCOMPARE(page.model()->query().searchText, QString());
}

// At 1000 pixels the pane would leave the table two columns: it starts folded, "Details" opens
// it (as does a double click), and the choice is remembered.
void TestMeasurementsPage::detailPaneFoldsAwayInANarrowWindow()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("no database involved");
    QSettings(QStringLiteral("Optimeter"), QStringLiteral("optimeter")).remove(QStringLiteral("measurements"));
    {
        MeasurementsPage page(*m_db);
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.isDetailPaneVisible());
        auto *details = page.findChild<QToolButton *>();
        QVERIFY(details && details->isCheckable() && !details->isChecked());
        details->click();
        QVERIFY(page.isDetailPaneVisible());
    }
    MeasurementsPage wide(*m_db); // remembered, whatever the width
    wide.resize(1000, 700);
    wide.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wide));
    QVERIFY(wide.isDetailPaneVisible());
    wide.findChild<QToolButton *>()->click();
    QVERIFY(!wide.isDetailPaneVisible());
}

void TestMeasurementsPage::rendersDemoData()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("one picture is enough");
    DemoData::Options options;
    options.measurements = 20000;
    QVERIFY(DemoData(*m_db).generate(options).ok());

    for (const bool dark : {false, true}) {
        const QPalette original = QApplication::palette();
        if (dark)
            useDarkPalette();
        MeasurementsPage page(*m_db);
        page.resize(1600, 820);
        page.setWindow({90, std::nullopt});
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(waitForListing(*page.model()));
        const QModelIndex third = page.model()->index(2, 0);
        page.table()->selectionModel()->setCurrentIndex(
            third, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_VERIFY(page.detailPane()->measurementId().has_value());
        QTest::qWait(50);
        const QString path = dark ? QStringLiteral("/tmp/measurements-page-dark.png")
                                  : QStringLiteral("/tmp/measurements-page.png");
        QVERIFY(page.grab().save(path));
        if (dark)
            QApplication::setPalette(original);
    }
}

QTEST_MAIN(TestMeasurementsPage)
#include "tst_measurementspage.moc"
