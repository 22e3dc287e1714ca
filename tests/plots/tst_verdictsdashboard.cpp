// SPEC §5.2's verdicts on the dashboard, on SQLite and PostgreSQL: the scatter's points carry
// their run verdict and interval as stored; the scatter draws one interval bar per point that
// has one, from its low end to its high end, and draws points with insufficient runs hollow;
// the "Proven improvements" card says "X of Y" with the four verdict counts and what they mean.

#include "dashboardstatistics.h"
#include "database.h"
#include "measurementservice.h"
#include "pages/dashboardpage.h"
#include "pages/kpicard.h"
#include "plots/chartexport.h"
#include "plots/scatterplot.h"
#include "plots/verdictcolors.h"
#include "summarymodel.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QDateTime t0(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC);
using Verdict = RunStatistics::Verdict;
} // namespace

class TestVerdictsDashboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init() { OPEN_TEST_DATABASE(m_db, m_folder); }
    void cleanup() { m_db.reset(); }

    void pointsCarryVerdictsAndIntervals();
    void scatterDrawsOneBarPerInterval();
    void insufficientRunsAreHollow();
    void provenImprovementsCard();
    void intervalsOfHundredThousandPoints();

private:
    // Recommendation `id` whose original query ran `before` (ms) in the days before t0 and
    // whose optimized one ran `after` from t0 on, recorded with the history's runs (--similar).
    void addRecurring(qint64 id, const QList<double> &before, const QList<double> &after, double estimate);
    // Five runs a side: 1000 … 1400 ms before, `factor` times that after.
    void addFiveAndFive(qint64 id, double factor, double estimate)
    {
        const QList<double> before{1000, 1100, 1200, 1300, 1400};
        QList<double> after;
        for (double ms : before)
            after << ms * factor + 7; // no duration equal to a before one: the exact case
        addRecurring(id, before, after, estimate);
    }
    DashboardStatistics statistics() const
    {
        DashboardStatistics s(*m_db);
        s.setClock([] { return t0.addDays(1); });
        return s;
    }
    void seedFourVerdicts();

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestVerdictsDashboard::addRecurring(qint64 id, const QList<double> &before, const QList<double> &after,
                                         double estimate)
{
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("INSERT INTO queries (job_id, query_hash, started_at, duration_ms, status) "
                                 "VALUES (?, ?, ?, ?, 'success')"));
    for (int side = 0; side < 2; ++side) {
        const QList<double> &runs = side == 0 ? before : after;
        for (int i = 0; i < runs.size(); ++i) {
            query.addBindValue(QStringLiteral("%1-%2-%3").arg(QLatin1String(side == 0 ? "b" : "a")).arg(id).arg(i));
            query.addBindValue(QStringLiteral("hash-%1-%2").arg(id).arg(side));
            // Before: a day apart going back from t0; after: from t0 on, a day apart.
            query.addBindValue(Database::toSqlTimestamp(side == 0 ? t0.addDays(-1 - i) : t0.addDays(i)));
            query.addBindValue(runs.at(i));
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
    }
    query.prepare(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                                 "VALUES (?, ?, 'select_star', ?)"));
    query.addBindValue(id);
    query.addBindValue(QStringLiteral("b-%1-0").arg(id));
    query.addBindValue(estimate);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    MeasurementService service(*m_db);
    service.setClock([] { return t0; });
    QVERIFY(service.recordBefore(id).ok());
    AfterRequest request;
    request.jobIds = {QStringLiteral("a-%1-0").arg(id)};
    request.similarDays = 14;
    const auto recorded = service.recordAfter(id, request);
    QVERIFY2(recorded.ok(), recorded.ok() ? "" : qPrintable(recorded.error().message));
    QCOMPARE(recorded->runsBefore, std::optional<int>(int(before.size())));
    QCOMPARE(recorded->runsAfter, std::optional<int>(int(after.size())));
}

// Improved, no change, regressed, and a single run a side.
void TestVerdictsDashboard::seedFourVerdicts()
{
    addFiveAndFive(1, 0.5, 40);  // twice as fast
    addFiveAndFive(2, 1.0, 20);  // the same give or take 7 ms
    addFiveAndFive(3, 1.6, 10);  // slower
    addRecurring(4, {1000}, {700}, 30); // one run each
}

void TestVerdictsDashboard::pointsCarryVerdictsAndIntervals()
{
    seedFourVerdicts();
    const auto points = statistics().points({30, std::nullopt});
    QVERIFY(points.ok());
    QCOMPARE(points->size(), 4);
    QCOMPARE(points->runVerdict(0), std::optional(Verdict::Improved));
    QCOMPARE(points->runVerdict(1), std::optional(Verdict::NoChange));
    QCOMPARE(points->runVerdict(2), std::optional(Verdict::Regressed));
    QCOMPARE(points->runVerdict(3), std::optional(Verdict::InsufficientRuns));
    QVERIFY(points->hasInsufficientRuns(3) && !points->hasInsufficientRuns(0));
    // The interval as stored, to float precision; none for insufficient runs.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT improvement_ci_low_pct, improvement_ci_high_pct FROM measurements "
                                      "ORDER BY id")));
    for (qsizetype i = 0; i < 3; ++i) {
        QVERIFY(query.next());
        QVERIFY(points->hasInterval(i));
        QCOMPARE(points->intervalLow.at(i), float(query.value(0).toDouble()));
        QCOMPARE(points->intervalHigh.at(i), float(query.value(1).toDouble()));
        QVERIFY(points->intervalLow.at(i) <= points->actual.at(i) && points->actual.at(i) <= points->intervalHigh.at(i));
    }
    QVERIFY(!points->hasInterval(3));
    QVERIFY(points->intervalLow.at(0) > 0 && points->intervalHigh.at(2) < 0);
    QVERIFY(points->intervalLow.at(1) < 0 && points->intervalHigh.at(1) > 0);
    // The one read of the dashboard gives the same.
    const auto charts = statistics().charts({30, std::nullopt});
    QVERIFY(charts.ok());
    QCOMPARE(charts->points.runVerdicts, points->runVerdicts);
    QCOMPARE(charts->points.intervalLow.mid(0, 3), points->intervalLow.mid(0, 3));
    QCOMPARE(charts->points.intervalHigh.mid(0, 3), points->intervalHigh.mid(0, 3));
}

void TestVerdictsDashboard::scatterDrawsOneBarPerInterval()
{
    seedFourVerdicts();
    ScatterPlot scatter;
    scatter.resize(900, 600);
    scatter.setPoints(statistics().points({30, std::nullopt}).value(), 20.0);
    const auto &points = scatter.points();
    const QList<QLineF> bars = scatter.intervalBars();
    QCOMPARE(bars.size(), 3); // not the single-run one
    for (qsizetype i = 0; i < 3; ++i) {
        QCOMPARE(bars[i].p1(), scatter.toWidget(points.estimated.at(i), points.intervalLow.at(i)));
        QCOMPARE(bars[i].p2(), scatter.toWidget(points.estimated.at(i), points.intervalHigh.at(i)));
        QCOMPARE(bars[i].p1().x(), scatter.toWidget(points.estimated.at(i), 0).x()); // vertical
    }
    // The regressed one's interval reaches below its point and the axis makes room for it.
    QVERIFY(bars[2].p1().y() <= scatter.plotArea().bottom());
    // The tooltip says what the runs prove.
    QVERIFY2(scatter.pointDescription(0).contains(QStringLiteral("Runs: improved, 95 % interval ")),
             qPrintable(scatter.pointDescription(0)));
    QCOMPARE(scatter.pointDescription(3),
             QStringLiteral("Recommendation 4\nestimated 30.0 %, actual 30.0 %: met\n"
                            "Runs: too few to tell a real change from noise (insufficient runs)\nClick to open it."));
    // The bar is in the picture: halfway between the improved point and its interval's high end.
    const QImage image = scatter.grab().toImage();
    const QPointF above = (bars[0].p2() + scatter.toWidget(points.estimated.at(0), points.actual.at(0))) / 2;
    if ((bars[0].p2() - above).manhattanLength() > 5) {
        const QColor pixel = image.pixelColor(above.toPoint());
        QVERIFY2(pixel.blue() > pixel.red(), qPrintable(pixel.name())); // the "met" blue, washed
    }
}

void TestVerdictsDashboard::insufficientRunsAreHollow()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("drawing does not depend on the database");
    for (const int count : {2, 30000}) { // antialiased discs, and stamped pixels for a dense cloud
        DashboardStatistics::Points points;
        points.append(60, 70, true, 1, Verdict::InsufficientRuns);
        points.append(20, 70, true, 2, Verdict::Improved, 60, 80);
        for (int i = 2; i < count; ++i) // far from the two
            points.append(90, -15, false, i + 1, Verdict::InsufficientRuns);
        ScatterPlot scatter;
        scatter.resize(900, 600);
        scatter.setPoints(points, 20.0);
        const QImage image = scatter.grab().toImage();
        const auto isBlue = [&image](QPointF at) {
            const QColor pixel = image.pixelColor(at.toPoint());
            return pixel.blue() > pixel.red() + 60 && pixel.red() < 150;
        };
        const QPointF hollow = scatter.toWidget(60, 70), filled = scatter.toWidget(20, 70);
        QVERIFY2(!isBlue(hollow), qPrintable(QString::number(count))); // the hole
        QVERIFY2(isBlue(filled), qPrintable(QString::number(count)));
        bool ring = false;
        for (int dx = -4; dx <= 4; ++dx)
            ring = ring || isBlue(hollow + QPointF(dx, 0));
        QVERIFY2(ring, qPrintable(QString::number(count)));
    }
}

void TestVerdictsDashboard::provenImprovementsCard()
{
    seedFourVerdicts();
    addRecurring(5, {900}, {1000}, 10); // another single run each: a regression by its estimate
    MeasurementService service(*m_db);
    service.setClock([] { return t0.addDays(1); });
    const auto summary = service.summary({30, std::nullopt});
    QVERIFY(summary.ok());
    DashboardPage page;
    page.setSummary(*summary, 80.0);
    KpiCard *card = page.provenCard();
    QCOMPARE(card->value(), QStringLiteral("1 of 5"));
    QCOMPARE(card->note(), QStringLiteral("completed measurements whose runs prove they got faster"));
    QStringList texts, tips;
    for (const KpiCard::Part &part : card->breakdown()) {
        texts << part.text;
        tips << part.toolTip;
    }
    QCOMPARE(texts, (QStringList{QStringLiteral("1 improved"), QStringLiteral("1 no change"), QStringLiteral("1 regressed"),
                                 QStringLiteral("2 insufficient runs")}));
    QCOMPARE(tips, (QStringList{SummaryModel::verdictExplanation(Verdict::Improved),
                                SummaryModel::verdictExplanation(Verdict::NoChange),
                                SummaryModel::verdictExplanation(Verdict::Regressed),
                                SummaryModel::verdictExplanation(Verdict::InsufficientRuns)}));
    QVERIFY(tips[3].startsWith(QStringLiteral("Too few runs to tell")));
    QCOMPARE(card->breakdownLabel(3)->toolTip(), tips[3]);
    QVERIFY(card->breakdownLabel(3)->text().contains(QStringLiteral("2 insufficient runs")));
    QCOMPARE(card->toolTip(), SummaryModel::provenImprovementsExplanation());
    // An empty window: nothing proven of nothing.
    page.setSummary(Summary{}, 80.0);
    QCOMPARE(card->value(), QStringLiteral("0 of 0"));
    QCOMPARE(card->breakdown().at(3).text, QStringLiteral("0 insufficient runs"));
}

// The bars cost one pixel column each: 100,000 points with intervals draw in one pass.
void TestVerdictsDashboard::intervalsOfHundredThousandPoints()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != QLatin1String("sqlite"))
        QSKIP("drawing does not depend on the database");
    DashboardStatistics::Points points;
    for (int i = 0; i < 100000; ++i) {
        const float actual = float((i * 37) % 200 - 100);
        points.append(i % 100, actual, i % 2 == 0, i, i % 4 == 0 ? Verdict::InsufficientRuns : Verdict::Improved,
                      i % 4 == 0 ? std::nullopt : std::optional<double>(actual - 15),
                      i % 4 == 0 ? std::nullopt : std::optional<double>(std::min(99.0f, actual + 15)));
    }
    ScatterPlot scatter;
    scatter.resize(1200, 800);
    QElapsedTimer timer;
    timer.start();
    scatter.setPoints(std::move(points), 20.0);
    const QImage image = scatter.grab().toImage();
    const qint64 drawn = timer.restart();
    QCOMPARE(scatter.intervalBars().size(), 75000);
    qInfo("100,000 points, 75,000 interval bars: set and drawn in %lld ms, bars listed in %lld ms", drawn,
          timer.elapsed());
    QCOMPARE(image.size(), QSize(1200, 800));
}

QTEST_MAIN(TestVerdictsDashboard)
#include "tst_verdictsdashboard.moc"
