// The dashboard's "Estimated vs actual by issue type" chart (SPEC §6.2, issue 14): from
// measurements recorded through the service on SQLite and PostgreSQL, the pairs' bars, their
// labels (words and count), the bias written beside each pair and the tooltip's error and
// factor, exactly; the empty state; and the window's chart follows its time window and issue
// type filter like the other charts. Picture to look at: /tmp/calibrationchart-test.png.

#include "calibration.h"
#include "database.h"
#include "mainwindow.h"
#include "measurementservice.h"
#include "plots/calibrationchart.h"
#include "testdatabase.h"
#include "translations.h"

#include <QBarSet>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalBarSeries>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QLocale english(QLocale::English, QLocale::UnitedStates);
const QLocale german(QLocale::German, QLocale::Germany);

// The bias texts the chart draws, as the scene holds them.
QStringList drawnTexts(const CalibrationChart &chart)
{
    QStringList texts;
    for (QGraphicsItem *item : chart.scene()->items())
        if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item); text && text->isVisible())
            texts << text->text();
    return texts;
}

} // namespace

class TestCalibrationChart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { Translations::install(english); }
    void init();
    void cleanup();

    void pairsShowMeansCountsAndBias();
    void toolTipTellsErrorAndFactor();
    void biasIsWrittenBesideEachPair();
    void manyTypesMostMeasuredFirst();
    void emptyWindowSaysSo();
    void germanNumbersAndWords();
    void windowChartFollowsTheFilters();

private:
    // A completed measurement: before 1000 ms, after `afterMs` (improvement (1000 − after) / 10 %).
    void addCompleted(qint64 id, qint64 afterMs, std::optional<double> estimate, const QString &issueType);
    // The known set: 5 missing_partition_filter, 2 select_star, 1 cartesian_join without an estimate.
    void addKnownSet();
    QList<Calibration::Row> calibration(const MeasurementWindow &window = {30, std::nullopt}) const
    {
        return Calibration::compute(*m_db, window, QDateTime::currentDateTimeUtc()).value();
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestCalibrationChart::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
}

void TestCalibrationChart::cleanup()
{
    m_db.reset();
    Translations::install(english);
}

void TestCalibrationChart::addCompleted(qint64 id, qint64 afterMs, std::optional<double> estimate,
                                        const QString &issueType)
{
    QSqlQuery query(m_db->connection());
    const QString before = u"b%1"_s.arg(id), after = u"a%1"_s.arg(id);
    query.prepare(u"INSERT INTO queries (job_id, duration_ms) VALUES (?, 1000), (?, ?)"_s);
    query.addBindValue(before);
    query.addBindValue(after);
    query.addBindValue(afterMs);
    QVERIFY(query.exec());
    query.prepare(u"INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(id);
    query.addBindValue(before);
    query.addBindValue(issueType);
    query.addBindValue(estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
    QVERIFY(query.exec());
    MeasurementService service(*m_db);
    QVERIFY(service.recordBefore(id).ok());
    QVERIFY(service.recordAfter(id, after).ok());
}

// missing_partition_filter: estimates 40, 40, 50, 50, 60; actuals 30, 40, 50, 35, 45.
//   mean estimate 48.0, mean actual 40.0, bias −8.0, MAE 8.0, factor 9750 / 11800 = 0.83.
// select_star: estimates 20, 30; actuals 25, 20: 25.0, 22.5, bias −2.5, MAE 7.5, factor 1100 / 1300 = 0.85.
// cartesian_join has no estimate: left out. All 7: 41.4, 35.0, bias −6.4, MAE 7.9, factor 0.83.
void TestCalibrationChart::addKnownSet()
{
    const QList<std::pair<double, qint64>> partition{{40, 700}, {40, 600}, {50, 500}, {50, 650}, {60, 550}};
    qint64 id = 1;
    for (const auto &[estimate, after] : partition)
        addCompleted(id++, after, estimate, u"missing_partition_filter"_s);
    addCompleted(id++, 750, 20, u"select_star"_s);
    addCompleted(id++, 800, 30, u"select_star"_s);
    addCompleted(id++, 500, std::nullopt, u"cartesian_join"_s);
}

void TestCalibrationChart::pairsShowMeansCountsAndBias()
{
    addKnownSet();
    CalibrationChart chart;
    chart.setCalibration(calibration());
    const auto pairs = chart.pairs();
    QCOMPARE(pairs.size(), 3);
    QCOMPARE(pairs[0].label, u"All issue types\n7"_s);
    QCOMPARE(pairs[0].estimatedPct, 41.4);
    QCOMPARE(pairs[0].actualPct, 35.0);
    QCOMPARE(pairs[0].bias, u"−6.4 pts"_s);
    // The type with the most measurements first.
    QCOMPARE(pairs[1].label, u"Missing partition filter\n5"_s);
    QCOMPARE(pairs[1].estimatedPct, 48.0);
    QCOMPARE(pairs[1].actualPct, 40.0);
    QCOMPARE(pairs[1].bias, u"−8.0 pts"_s);
    QCOMPARE(pairs[2].label, u"SELECT * (all columns)\n2"_s);
    QCOMPARE(pairs[2].estimatedPct, 25.0);
    QCOMPARE(pairs[2].actualPct, 22.5);
    QCOMPARE(pairs[2].bias, u"−2.5 pts"_s);
    QVERIFY(chart.emptyText().isEmpty());

    // The bars drawn are these values, bottom-up (a horizontal bar axis runs upwards).
    auto *series = qobject_cast<QHorizontalBarSeries *>(chart.chart()->series().value(0));
    QVERIFY(series);
    QBarSet *actual = series->barSets().value(0);
    QBarSet *estimated = series->barSets().value(1);
    QCOMPARE(estimated->label(), u"Mean estimate"_s);
    QCOMPARE(actual->label(), u"Mean actual"_s);
    QCOMPARE(estimated->count(), 3);
    QCOMPARE(estimated->at(0), 25.0);
    QCOMPARE(estimated->at(1), 48.0);
    QCOMPARE(estimated->at(2), 41.4);
    QCOMPARE(actual->at(0), 22.5);
    QCOMPARE(actual->at(1), 40.0);
    QCOMPARE(actual->at(2), 35.0);
}

void TestCalibrationChart::toolTipTellsErrorAndFactor()
{
    addKnownSet();
    CalibrationChart chart;
    chart.resize(640, 400);
    chart.setCalibration(calibration());
    QCOMPARE(chart.pairs()[1].toolTip,
             u"Missing partition filter\n"
             "5 completed measurements with an estimate\n"
             "Mean estimate 48.0 % · mean actual 40.0 %\n"
             "Bias −8.0 pts: actual minus estimate, on average\n"
             "Mean absolute error 8.0 pts\n"
             "Calibration factor 0.83: the estimate × 0.83 fits the actual improvements best\n"
             "Success rate 100.0 %\n"
             "Identifier: missing_partition_filter"_s
                 .replace(u"100.0"_s, QLocale().toString(calibration()[1].successRatePct, 'f', 1)));
    QVERIFY(chart.pairs()[2].toolTip.contains(u"Mean absolute error 7.5 pts"_s));
    QVERIFY(chart.pairs()[2].toolTip.contains(u"Calibration factor 0.85"_s));
    QVERIFY(chart.pairs()[2].toolTip.contains(u"Too few measurements (fewer than 5)"_s));
    QVERIFY(chart.pairs()[0].toolTip.contains(u"Mean absolute error 7.9 pts"_s));

    // Hovering the middle of a pair's row tells that pair.
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QRectF plot = chart.chart()->plotArea();
    const qreal row = plot.height() / 3;
    for (int i = 0; i < 3; ++i) {
        const QPointF scene = chart.chart()->mapToScene(QPointF(plot.center().x(), plot.top() + row * (i + 0.5)));
        QCOMPARE(chart.toolTipAt(chart.mapFromScene(scene)), chart.pairs()[i].toolTip);
    }
}

void TestCalibrationChart::biasIsWrittenBesideEachPair()
{
    addKnownSet();
    CalibrationChart chart;
    chart.resize(640, 400);
    chart.setCalibration(calibration());
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QStringList texts = drawnTexts(chart);
    for (const QString &bias : {u"−6.4 pts"_s, u"−8.0 pts"_s, u"−2.5 pts"_s})
        QVERIFY2(texts.contains(bias), qPrintable(texts.join(u", ")));
    // The bars' values, one decimal each (Qt Charts' own labels would say "35 %").
    for (const QString &value : {u"41.4 %"_s, u"35.0 %"_s, u"48.0 %"_s, u"40.0 %"_s, u"25.0 %"_s, u"22.5 %"_s})
        QVERIFY2(texts.contains(value), qPrintable(texts.join(u", ")));
    // Each bias lies in the plot, right of its pair's longer bar.
    const QRectF plot = chart.chart()->plotArea();
    for (QGraphicsItem *item : chart.scene()->items()) {
        auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item);
        if (!text || !text->isVisible() || !text->text().endsWith(u" pts"_s))
            continue;
        const QRectF box = text->mapRectToItem(chart.chart(), text->boundingRect());
        QVERIFY2(plot.contains(box), qPrintable(text->text()));
        const auto pairs = chart.pairs();
        const auto found = std::find_if(pairs.cbegin(), pairs.cend(),
                                        [text](const CalibrationChart::Pair &p) { return p.bias == text->text(); });
        QVERIFY(found != pairs.cend());
        const auto pair = qsizetype(found - pairs.cbegin());
        const double end = std::max(chart.pairs()[pair].estimatedPct, chart.pairs()[pair].actualPct);
        const QPointF barEnd = chart.chart()->mapToPosition(QPointF(end, double(2 - pair)));
        QVERIFY2(box.left() >= barEnd.x(), qPrintable(text->text()));
        QVERIFY(qAbs(box.center().y() - barEnd.y()) < 2);
    }
    QVERIFY(chart.grab().save(u"/tmp/calibrationchart-test.png"_s));
}

// Rows as Calibration::compute() gives them (code-point order), drawn most measured first, ties
// in the order of their words; every known type and one the product does not know.
void TestCalibrationChart::manyTypesMostMeasuredFirst()
{
    QList<Calibration::Row> rows;
    const QList<std::pair<const char *, qint64>> counts{
        {"cartesian_join", 12},   {"full_table_scan_v2", 3}, {"inefficient_join_order", 40},
        {"missing_clustering", 12}, {"missing_partition_filter", 188}, {"repeated_subquery", 12},
        {"select_star", 7},       {"unnecessary_sort", 40}};
    qint64 total = 0;
    for (const auto &[type, count] : counts) {
        Calibration::Row row;
        row.issueType = QString::fromLatin1(type);
        row.count = count;
        row.meanEstimatedPct = 50;
        row.meanActualPct = 34.5;
        row.biasPct = -15.5;
        rows << row;
        total += count;
    }
    Calibration::Row all;
    all.count = total;
    rows << all;
    CalibrationChart chart;
    chart.setCalibration(rows);
    QStringList labels;
    for (const auto &pair : chart.pairs())
        labels << pair.label;
    QCOMPARE(labels, (QStringList{u"All issue types\n314"_s, u"Missing partition filter\n188"_s,
                                  u"Inefficient join order\n40"_s, u"Unnecessary sort\n40"_s, u"Cartesian join\n12"_s,
                                  u"Missing clustering\n12"_s, u"Repeated subquery\n12"_s,
                                  u"SELECT * (all columns)\n7"_s, u"Full table scan v2\n3"_s}));
    QCOMPARE(chart.pairs()[1].bias, u"−15.5 pts"_s);
}

void TestCalibrationChart::emptyWindowSaysSo()
{
    addCompleted(1, 500, std::nullopt, u"select_star"_s); // no estimate: nothing to compare
    CalibrationChart chart;
    chart.setCalibration(calibration());
    QVERIFY(chart.pairs().isEmpty());
    QCOMPARE(chart.emptyText(), u"Nothing to compare yet: no completed measurement in this window has an estimate."_s);
    QVERIFY(drawnTexts(chart).contains(chart.emptyText()));
    chart.setCalibration({});
    QVERIFY(chart.pairs().isEmpty());
}

void TestCalibrationChart::germanNumbersAndWords()
{
    addKnownSet();
    Translations::install(german);
    CalibrationChart chart;
    chart.setCalibration(calibration());
    QCOMPARE(chart.pairs()[0].label, u"Alle Problemtypen\n7"_s);
    QCOMPARE(chart.pairs()[1].label, u"Fehlender Partitionsfilter\n5"_s);
    QCOMPARE(chart.pairs()[1].bias, u"−8,0 Pkt."_s);
    QVERIFY(chart.pairs()[1].toolTip.contains(u"Kalibrierungsfaktor 0,83"_s));
}

void TestCalibrationChart::windowChartFollowsTheFilters()
{
    addKnownSet();
    auto database = m_db->reopen();
    QVERIFY(database.ok());
    auto *window = new MainWindow(std::move(database).value());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    const std::unique_ptr<MainWindow> owner(window);
    window->setWindowDays(30);
    window->setIssueType(std::nullopt);
    QTRY_VERIFY(!window->isLoading());
    QCOMPARE(window->calibrationChart()->pairs().size(), 3);
    window->setIssueType(u"select_star"_s);
    QTRY_VERIFY(!window->isLoading());
    QCOMPARE(window->currentWindow().issueType, std::optional(u"select_star"_s));
    // One type: its pair is the whole.
    QCOMPARE(window->calibrationChart()->pairs().size(), 1);
    QCOMPARE(window->calibrationChart()->pairs()[0].label, u"SELECT * (all columns)\n2"_s);
    // The shortest window still holds today's measurements.
    window->setIssueType(std::nullopt);
    window->setWindowDays(7);
    QTRY_VERIFY(!window->isLoading());
    QCOMPARE(window->calibrationChart()->pairs().size(), 3);
    // A database without estimates: the empty state.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"UPDATE recommendations SET estimated_improvement_pct = NULL"_s));
    window->refresh();
    QTRY_VERIFY(!window->isLoading());
    QVERIFY(window->calibrationChart()->pairs().isEmpty());
    QVERIFY(!window->calibrationChart()->emptyText().isEmpty());
}

QTEST_MAIN(TestCalibrationChart)
#include "tst_calibrationchart.moc"
