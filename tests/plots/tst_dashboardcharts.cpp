// The dashboard's chart data, computed by the database (exact bins, median, rates, points,
// filters) on SQLite and PostgreSQL; the charts show exactly that data; exports write valid
// PNG, SVG and PDF files, and the scatter's picture really holds its points.

#include "dashboardstatistics.h"
#include "database.h"
#include "demodata.h"
#include "issuetypetext.h"
#include "measurementservice.h"
#include "plots/chartexport.h"
#include "plots/distributionchart.h"
#include "plots/scatterplot.h"
#include "plots/successchart.h"
#include "plots/verdictcolors.h"
#include "testdatabase.h"
#include "translations.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QTest>
#include <QXmlStreamReader>

namespace {
const QDateTime t0(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC);
}

class TestDashboardCharts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void distributionCountsEveryBin();
    void medianOfEvenAndOddCounts();
    void successPerIssueTypeIsSorted();
    void pointsCarryVerdictsAndNullEstimatesAsZero();
    void windowAndIssueTypeFilter();
    void oneReadEqualsTheThree_data();
    void oneReadEqualsTheThree();
    void chartsShowTheStatistics();
    void labelsReadableAtDashboardSize();
    void countAxisFollowsEachWindow();
    void exportsAreValidFiles();
    void exportedChartsSayWhatTheyShow();
    void scatterPictureHoldsItsPoints();
    void scatterKeepsPointsWithoutAnEstimateApart();
    void hundredThousandPointsRenderInOnePass();

private:
    // A completed measurement with before 1000 ms and the given after duration.
    void addCompleted(qint64 id, qint64 afterMs, std::optional<double> estimate, const QString &issueType,
                      const QDateTime &when = t0);
    // Demo measurements spread over the year before t0.
    void addDemo(int measurements)
    {
        DemoData::Options options;
        options.measurements = measurements;
        options.now = t0;
        QVERIFY(DemoData(*m_db).generate(options).ok());
    }
    DashboardStatistics statistics() const
    {
        DashboardStatistics s(*m_db);
        s.setClock([] { return t0.addDays(1); });
        return s;
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestDashboardCharts::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
}

void TestDashboardCharts::addCompleted(qint64 id, qint64 afterMs, std::optional<double> estimate,
                                       const QString &issueType, const QDateTime &when)
{
    QSqlQuery query(m_db->connection());
    const QString before = QStringLiteral("b%1").arg(id), after = QStringLiteral("a%1").arg(id);
    query.prepare(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES (?, 1000), (?, ?)"));
    query.addBindValue(before);
    query.addBindValue(after);
    query.addBindValue(afterMs);
    QVERIFY(query.exec());
    query.prepare(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                                 "VALUES (?, ?, ?, ?)"));
    query.addBindValue(id);
    query.addBindValue(before);
    query.addBindValue(issueType);
    query.addBindValue(estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
    QVERIFY(query.exec());
    MeasurementService service(*m_db);
    service.setClock([when] { return when; });
    QVERIFY(service.recordBefore(id).ok());
    QVERIFY(service.recordAfter(id, after).ok());
}

void TestDashboardCharts::distributionCountsEveryBin()
{
    // Improvements: −60 (below −50), −50 (bin −50), −0.1 (bin −10), 0 (bin 0), 9.9 (bin 0),
    // 55 (bin 50), 100 (bin 90, the last one holds 100).
    const QList<qint64> afters{1600, 1500, 1001, 1000, 901, 450, 0};
    for (int i = 0; i < afters.size(); ++i)
        addCompleted(i + 1, afters[i], 10, QStringLiteral("select_star"));
    const auto distribution = statistics().distribution({30, std::nullopt});
    QVERIFY(distribution.ok());
    std::array<qint64, DashboardStatistics::BinCount> expected{};
    expected[0] = 1;  // −60
    expected[1] = 1;  // −50
    expected[5] = 1;  // −0.1
    expected[6] = 2;  // 0 and 9.9
    expected[11] = 1; // 55
    expected[15] = 1; // 100
    QCOMPARE(distribution->counts, expected);
    QCOMPARE(distribution->total, 7);
    QCOMPARE(distribution->median, std::optional<double>(0.0));
    QCOMPARE(DashboardStatistics::binLabel(0), QStringLiteral("-∞"));
    QCOMPARE(DashboardStatistics::binLabel(15), QStringLiteral("90"));
}

void TestDashboardCharts::medianOfEvenAndOddCounts()
{
    addCompleted(1, 900, 10, QStringLiteral("x")); // 10 %
    addCompleted(2, 700, 10, QStringLiteral("x")); // 30 %
    QCOMPARE(statistics().distribution({30, std::nullopt})->median, std::optional<double>(20.0));
    addCompleted(3, 200, 10, QStringLiteral("x")); // 80 %
    QCOMPARE(statistics().distribution({30, std::nullopt})->median, std::optional<double>(30.0));
    QVERIFY(!statistics().distribution({30, QStringLiteral("none")})->median);
}

void TestDashboardCharts::successPerIssueTypeIsSorted()
{
    addCompleted(1, 500, 50, QStringLiteral("a"));  // 50 % vs 50: met
    addCompleted(2, 900, 50, QStringLiteral("a"));  // 10 % vs 50: not met
    addCompleted(3, 200, 70, QStringLiteral("b"));  // met
    addCompleted(4, 1100, 5, QStringLiteral("c"));  // regression: not met
    const auto success = statistics().success({30, std::nullopt});
    QVERIFY(success.ok());
    QCOMPARE(success->completed, 4);
    QCOMPARE(success->met, 2);
    QCOMPARE(success->byIssueType.size(), 3);
    QCOMPARE(success->byIssueType[0].issueType, QStringLiteral("b"));
    QCOMPARE(success->byIssueType[0].ratePct(), 100.0);
    QCOMPARE(success->byIssueType[1].issueType, QStringLiteral("a"));
    QCOMPARE(success->byIssueType[1].ratePct(), 50.0);
    QCOMPARE(success->byIssueType[2].issueType, QStringLiteral("c"));
    QCOMPARE(success->byIssueType[2].ratePct(), 0.0);
}

// Estimates as text, "none" where there is none (NaN compares unequal to itself).
QStringList estimatesOf(const DashboardStatistics::Points &points)
{
    QStringList text;
    for (qsizetype i = 0; i < points.size(); ++i)
        text << (points.hasEstimate(i) ? QString::number(points.estimated.at(i)) : QStringLiteral("none"));
    return text;
}

void TestDashboardCharts::pointsCarryVerdictsAndNullEstimatesAsZero()
{
    addCompleted(1, 250, 70, QStringLiteral("a"));           // 75 %: met
    addCompleted(2, 700, std::nullopt, QStringLiteral("a")); // 30 %, estimate NULL, judged against 0: met
    addCompleted(3, 800, 90, QStringLiteral("a"));           // 20 %: underperformed
    addCompleted(4, 1200, 0, QStringLiteral("a"));           // −20 %: regression
    const auto points = statistics().points({30, std::nullopt});
    QVERIFY(points.ok());
    QCOMPARE(points->size(), 4);
    QCOMPARE(estimatesOf(*points), (QStringList{QStringLiteral("70"), QStringLiteral("none"), QStringLiteral("90"), QStringLiteral("0")}));
    QCOMPARE(points->actual, (QList<float>{75, 30, 20, -20}));
    using V = DashboardStatistics::PointVerdict;
    QCOMPARE(points->verdicts, (QList<V>{V::Met, V::Met, V::Underperformed, V::Regression}));
    QCOMPARE(points->recommendationIds, (QList<qint64>{1, 2, 3, 4}));
}

void TestDashboardCharts::windowAndIssueTypeFilter()
{
    addCompleted(1, 500, 10, QStringLiteral("a"), t0);
    addCompleted(2, 500, 10, QStringLiteral("b"), t0);
    addCompleted(3, 500, 10, QStringLiteral("a"), t0.addDays(-20));
    QCOMPARE(statistics().points({30, std::nullopt})->size(), 3);
    QCOMPARE(statistics().points({7, std::nullopt})->size(), 2);
    QCOMPARE(statistics().points({30, QStringLiteral("a")})->size(), 2);
    QCOMPARE(statistics().distribution({7, QStringLiteral("a")})->total, 1);
    QCOMPARE(statistics().success({std::nullopt, QStringLiteral("b")})->completed, 1);
}

void TestDashboardCharts::oneReadEqualsTheThree_data()
{
    QTest::addColumn<int>("days"); // 0: all time
    QTest::addColumn<QString>("issueType"); // empty: every issue type
    QTest::newRow("last 30 days") << 30 << QString();
    QTest::newRow("all time") << 0 << QString();
    QTest::newRow("last 90 days, one issue type") << 90 << QStringLiteral("select_star");
    QTest::newRow("an issue type without measurements") << 0 << QStringLiteral("none");
}

void TestDashboardCharts::oneReadEqualsTheThree()
{
    QFETCH(int, days);
    QFETCH(QString, issueType);
    addDemo(600);
    // Bin edges, a missing estimate, and a completed measurement without an improvement (its
    // before job took 0 ms): it counts for success, not in the distribution or the scatter.
    const QList<qint64> afters{1600, 1500, 1001, 1000, 901, 450, 0};
    for (int i = 0; i < afters.size(); ++i)
        addCompleted(900001 + i, afters[i], i == 2 ? std::nullopt : std::optional<double>(10), QStringLiteral("select_star"));
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('z0', 0), ('z1', 10)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                                      "VALUES (900100, 'z0', 'select_star', 20)")));
    MeasurementService service(*m_db);
    service.setClock([] { return t0; });
    QVERIFY(service.recordBefore(900100).ok());
    const auto zero = service.recordAfter(900100, QStringLiteral("z1"));
    QVERIFY(zero.ok());
    QVERIFY(!zero->improvements.durationPct);

    MeasurementWindow window;
    if (days > 0)
        window.days = days;
    if (!issueType.isEmpty())
        window.issueType = issueType;
    const auto one = statistics().charts(window);
    QVERIFY(one.ok());
    const auto distribution = statistics().distribution(window).value();
    QCOMPARE(one->distribution.counts, distribution.counts);
    QCOMPARE(one->distribution.total, distribution.total);
    QCOMPARE(one->distribution.median, distribution.median);
    const auto success = statistics().success(window).value();
    QCOMPARE(one->success.completed, success.completed);
    QCOMPARE(one->success.met, success.met);
    QCOMPARE(one->success.byIssueType.size(), success.byIssueType.size());
    for (qsizetype i = 0; i < success.byIssueType.size(); ++i) {
        QCOMPARE(one->success.byIssueType[i].issueType, success.byIssueType[i].issueType);
        QCOMPARE(one->success.byIssueType[i].completed, success.byIssueType[i].completed);
        QCOMPARE(one->success.byIssueType[i].met, success.byIssueType[i].met);
    }
    const auto points = statistics().points(window).value();
    QCOMPARE(estimatesOf(one->points), estimatesOf(points));
    QCOMPARE(one->points.actual, points.actual);
    QCOMPARE(one->points.verdicts, points.verdicts);
    QCOMPARE(one->points.recommendationIds, points.recommendationIds);
    if (issueType != QLatin1String("none"))
        QVERIFY(one->success.completed > one->distribution.total); // the one without an improvement
    else
        QCOMPARE(one->success.completed, 0);
}

void TestDashboardCharts::chartsShowTheStatistics()
{
    addDemo(600);
    const MeasurementWindow window{365, std::nullopt};
    const auto distribution = statistics().distribution(window).value();
    const auto success = statistics().success(window).value();

    DistributionChart histogram;
    histogram.setDistribution(distribution);
    const QList<qreal> regressions = histogram.regressionValues(), gains = histogram.gainValues();
    QCOMPARE(regressions.size(), DashboardStatistics::BinCount);
    for (int bin = 0; bin < DashboardStatistics::BinCount; ++bin)
        QCOMPARE(qint64(regressions[bin] + gains[bin]), distribution.counts[size_t(bin)]);
    QCOMPARE(regressions[6], 0.0); // bin 0 % is a gain
    QVERIFY(histogram.chart()->title().contains(QStringLiteral("median")));

    SuccessChart bars;
    bars.setSuccess(success, 80.0);
    const auto shown = bars.bars();
    QCOMPARE(shown.size(), success.byIssueType.size() + 1);
    QCOMPARE(shown.first().second, double(success.met) * 100.0 / double(success.completed));
    for (int i = 0; i < success.byIssueType.size(); ++i) {
        QCOMPARE(shown[i + 1].first, IssueTypeText::name(success.byIssueType[i].issueType));
        QCOMPARE(shown[i + 1].second, success.byIssueType[i].ratePct());
        if (i > 0)
            QVERIFY(shown[i + 1].second <= shown[i].second);
    }
    ScatterPlot scatter;
    scatter.setPoints(statistics().points(window).value(), 20.0);
    QCOMPARE(scatter.points().size(), qsizetype(distribution.total));
}

// At the size the dashboard gives them in a 1280 × 800 window, no axis label is elided (Qt
// Charts elides issue types to "…" by default) and bar labels are written the locale's way.
void TestDashboardCharts::labelsReadableAtDashboardSize()
{
    addDemo(600);
    const MeasurementWindow window{365, std::nullopt};
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    auto restore = qScopeGuard([&previous] { QLocale::setDefault(previous); });

    DistributionChart histogram;
    histogram.setDistribution(statistics().distribution(window).value());
    SuccessChart bars;
    const auto success = statistics().success(window).value();
    QVERIFY(success.byIssueType.size() >= 5);
    bars.setSuccess(success, 80.0);
    for (QChartView *chart : {static_cast<QChartView *>(&histogram), static_cast<QChartView *>(&bars)}) {
        chart->resize(620, 270);
        chart->show();
        QVERIFY(QTest::qWaitForWindowExposed(chart));
        QCoreApplication::processEvents();
        for (QAbstractAxis *axis : chart->chart()->axes())
            QVERIFY2(!axis->labelsTruncated(), qPrintable(chart->windowTitle() + QStringLiteral(": ") + axis->titleText()));
    }
    QStringList texts;
    for (QGraphicsItem *item : bars.scene()->items()) {
        if (auto *simple = dynamic_cast<QGraphicsSimpleTextItem *>(item))
            texts << simple->text();
        else if (auto *rich = dynamic_cast<QGraphicsTextItem *>(item))
            texts << rich->toPlainText();
    }
    const double overall = std::round(double(success.met) * 1000.0 / double(success.completed)) / 10;
    const QString label = QLocale().toString(overall, 'g', 3) + QStringLiteral(" %");
    QVERIFY2(label.contains(u','), qPrintable(label)); // the demo's overall rate has a decimal
    QVERIFY2(texts.contains(label), qPrintable(label + QStringLiteral(" not in: ") + texts.join(u'|')));
    for (const auto &issue : success.byIssueType) // in words
        QVERIFY2(texts.contains(IssueTypeText::name(issue.issueType)), qPrintable(issue.issueType));
}

// The count axis is scaled anew for each window: after a window with tall bars, a window
// whose highest bar is 49 gets 0–60 in steps of 20, not the coarse 0–100 nice numbers left.
void TestDashboardCharts::countAxisFollowsEachWindow()
{
    DistributionChart histogram;
    auto *axis = qobject_cast<QValueAxis *>(histogram.chart()->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    DashboardStatistics::Distribution distribution;
    for (const qint64 highest : {49, 940, 7, 49}) {
        distribution.counts.fill(0);
        distribution.counts[9] = highest;
        distribution.total = highest;
        histogram.setDistribution(distribution);
    }
    QCOMPARE(axis->min(), 0.0);
    QCOMPARE(axis->max(), 60.0);
    QCOMPARE(axis->tickCount(), 4);
}

// An exported chart names its window, issue type and date under the picture, and the save
// dialog proposes a file named after the chart and its filters.
void TestDashboardCharts::exportedChartsSayWhatTheyShow()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("no database involved");
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    ScatterPlot scatter;
    const QDateTime when(QDate(2026, 12, 4), QTime(8, 0), Qt::UTC); // 9:00 in Berlin (the tests' TZ)
    ChartExport::setCaption(&scatter, QStringLiteral("estimated-vs-actual"), {90, QStringLiteral("select star")});
    QCOMPARE(ChartExport::captionLine(&scatter, when), // the issue type in words
             QStringLiteral("Last 90 days · Select star · Optimeter, 12/4/2026 9:00 AM"));
    QCOMPARE(scatter.property("optimeterFileStem").toString(), QStringLiteral("estimated-vs-actual_last-90-days_select-star"));
    ChartExport::setCaption(&scatter, QStringLiteral("estimated-vs-actual"), {1, std::nullopt});
    QCOMPARE(ChartExport::captionLine(&scatter, when),
             QStringLiteral("Last 1 day · All issue types · Optimeter, 12/4/2026 9:00 AM"));
    ChartExport::setCaption(&scatter, QStringLiteral("estimated-vs-actual"), {});
    QCOMPARE(scatter.property("optimeterFileStem").toString(), QStringLiteral("estimated-vs-actual_all-time"));
}

void TestDashboardCharts::exportsAreValidFiles()
{
    addDemo(300);
    const MeasurementWindow window{365, std::nullopt};
    DistributionChart histogram;
    histogram.setDistribution(statistics().distribution(window).value());
    ScatterPlot scatter;
    scatter.setPoints(statistics().points(window).value(), 20.0);
    for (QWidget *chart : {static_cast<QWidget *>(&histogram), static_cast<QWidget *>(&scatter)}) {
        const QString base = m_folder.filePath(QString::fromLatin1(chart->metaObject()->className()));
        QVERIFY(ChartExport::write(chart, base + QStringLiteral(".png"), QSize(900, 600)).ok());
        QImage png(base + QStringLiteral(".png"));
        QCOMPARE(png.size(), QSize(900, 600));
        QVERIFY(ChartExport::write(chart, base + QStringLiteral(".svg"), QSize(900, 600)).ok());
        QFile svg(base + QStringLiteral(".svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        int elements = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement)
                ++elements;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 10);
        QVERIFY(ChartExport::write(chart, base + QStringLiteral(".pdf"), QSize(900, 600)).ok());
        QFile pdf(base + QStringLiteral(".pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 1000);
    }
    const Status wrongExtension = ChartExport::write(&scatter, m_folder.filePath(QStringLiteral("x.gif")), QSize(900, 600));
    QCOMPARE(wrongExtension.error().kind, Error::Kind::InvalidInput);
    const Status noFolder = ChartExport::write(&scatter, m_folder.filePath(QStringLiteral("no/x.png")), QSize(900, 600));
    QCOMPARE(noFolder.error().kind, Error::Kind::Io);
}

void TestDashboardCharts::scatterPictureHoldsItsPoints()
{
    addCompleted(1, 250, 70, QStringLiteral("a")); // met, at (70, 75); one run a side: a ring
    ScatterPlot scatter;
    scatter.setPoints(statistics().points({30, std::nullopt}).value(), 20.0);
    const QString path = m_folder.filePath(QStringLiteral("one.png"));
    QVERIFY(ChartExport::write(&scatter, path, QSize(800, 600)).ok());
    const QImage image(path);
    scatter.resize(800, 600 - QFontMetrics(scatter.font()).height() * 2); // above the caption line
    const QPoint at = scatter.toWidget(70, 75).toPoint();
    // The ring's colour is the "met" colour, blended over the band a little (a thin ring is
    // antialiased over two pixels).
    const QColor met = VerdictColors::met();
    QColor pixel = image.pixelColor(at);
    for (int dx = -4; dx <= 4; ++dx) {
        const QColor near = image.pixelColor(at + QPoint(dx, 0));
        if (near.red() < pixel.red())
            pixel = near;
    }
    QVERIFY2(std::abs(pixel.red() - met.red()) < 80 && std::abs(pixel.blue() - met.blue()) < 60
                 && pixel.blue() > pixel.red(),
             qPrintable(pixel.name()));
    // And nowhere else in the plot area: a point 30 units away is background.
    const QColor empty = image.pixelColor(scatter.toWidget(20, -60).toPoint());
    QVERIFY(empty.blue() < 200 || empty.red() > 200);
    QCOMPARE(scatter.pointAt(scatter.toWidget(70, 75)), qsizetype(0));
    QCOMPARE(scatter.pointAt(scatter.toWidget(20, -60)), qsizetype(-1));
}

// A recommendation without an estimate is judged against 0 %, but it is not an estimate of 0:
// its point stands in a column of its own, and says so. The y axis reaches down only as far as
// the worst regression.
void TestDashboardCharts::scatterKeepsPointsWithoutAnEstimateApart()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("drawing does not depend on the database");
    DashboardStatistics::Points points;
    points.append(std::nullopt, 30, true, 11);
    points.append(70, 75, true, 12);
    points.append(0, -30, false, 13);
    ScatterPlot scatter;
    scatter.resize(800, 600);
    scatter.setPoints(points, 20.0);
    const QRectF strip = scatter.noEstimateArea();
    QVERIFY(!strip.isEmpty());
    QVERIFY(strip.right() < scatter.plotArea().left());
    QCOMPARE(scatter.toWidget(std::nan(""), 30).x(), strip.center().x());
    QCOMPARE(scatter.pointAt(QPointF(strip.center().x(), scatter.toWidget(0, 30).y())), qsizetype(0));
    QCOMPARE(scatter.pointDescription(0),
             QStringLiteral("Recommendation 11\nno estimate (judged against 0 %), actual 30.0 %: met\nClick to open it."));
    QCOMPARE(scatter.pointDescription(1),
             QStringLiteral("Recommendation 12\nestimated 70.0 %, actual 75.0 %: met\nClick to open it."));
    // The legend wraps in a narrow chart, and the plot makes room for its second line.
    QCOMPARE(scatter.legendRows(1600), 1);
    QVERIFY(scatter.legendRows(420) >= 2);
    // −30 at the worst: the axis ends at −40, not −100.
    QCOMPARE(scatter.toWidget(0, -40).y(), scatter.plotArea().bottom());

    points = {};
    points.append(50, 60, true, 1);
    scatter.setPoints(points, 20.0);
    QVERIFY(scatter.noEstimateArea().isEmpty());
    QCOMPARE(scatter.toWidget(0, -20).y(), scatter.plotArea().bottom()); // the regression zone still shows
}

void TestDashboardCharts::hundredThousandPointsRenderInOnePass()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("drawing does not depend on the database");
    DashboardStatistics::Points points;
    for (int i = 0; i < 100000; ++i) {
        // The three expectations in turn (actual < 0 is always a regression); no run verdicts.
        const double actual = (i * 37) % 200 - 100;
        points.append(i % 100, actual, i % 3 == 0, i);
    }
    ScatterPlot scatter;
    scatter.resize(1200, 800);
    QElapsedTimer timer;
    timer.start();
    scatter.setPoints(std::move(points), 20.0);
    const qint64 set = timer.restart();
    const QImage image = scatter.grab().toImage();
    const qint64 drawn = timer.restart();
    QVERIFY(scatter.pointAt(scatter.toWidget(50, 50)) >= 0); // builds the hit-test grid
    qInfo("100,000 points: set in %lld ms, drawn in %lld ms, first hit test in %lld ms", set, drawn, timer.elapsed());
    QCOMPARE(image.size(), QSize(1200, 800));
}

QTEST_MAIN(TestDashboardCharts)
#include "tst_dashboardcharts.moc"
