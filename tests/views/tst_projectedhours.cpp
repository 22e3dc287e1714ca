// Recurring savings in the window (SPEC §6.3, issue 14): the dashboard's "Projected hours saved
// / month" card reads "1,240 h / month" (German "1.240 h / Monat") for a query that ran 3,000
// times in the 30 days before its measurement and saves 24 min 48 s a run; the Measurements
// table's "Projected h / month" column shows each measurement's share, its runs per day in the
// tooltip, and sorts numerically in SQL. On SQLite and PostgreSQL, through the service.

#include "database.h"
#include "measurementformat.h"
#include "measurementservice.h"
#include "measurementtablemodel.h"
#include "pages/dashboardpage.h"
#include "pages/kpicard.h"
#include "summarymodel.h"
#include "testdatabase.h"
#include "translations.h"

#include <QLabel>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QLocale english(QLocale::English, QLocale::UnitedStates);
const QLocale german(QLocale::German, QLocale::Germany);
using Column = MeasurementTableModel::Column;
} // namespace

class TestProjectedHours : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { Translations::install(english); }
    void init();
    void cleanup();

    void summaryProjectsEachQuerysPace();
    void kpiCardSaysHoursPerMonth_data();
    void kpiCardSaysHoursPerMonth();
    void negativeProjectionIsALoss();
    void measurementsColumnShowsEachShare();
    void measurementsColumnSortsNumerically();
    void hoursAsPeopleReadThem_data();
    void hoursAsPeopleReadThem();

private:
    void addJob(const QString &jobId, double durationMs, const std::optional<QString> &hash = std::nullopt,
                const std::optional<QDateTime> &startedAt = std::nullopt);
    void addRecommendation(qint64 id, const QString &job);
    // The rows of the table once its listing is read, as measurement ids.
    QList<qint64> listedIds(MeasurementTableModel &model);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    qint64 m_recurring = 0; // the measurement of the query that ran 3,000 times
    qint64 m_once = 0;      // a query without a hash: once in 30 days
    qint64 m_pending = 0;
};

void TestProjectedHours::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    const QDateTime before = QDateTime::currentDateTimeUtc().addDays(-2);
    // The recurring query: 2,999 runs in the 30 days before its before job, itself the 3,000th:
    // 100 runs a day. 1,500,000 → 12,000 ms saves 1,488,000 ms a run; × 3,000 runs = 1,240 h.
    QVERIFY(m_db->connection().transaction());
    for (int i = 0; i < 2999; ++i)
        addJob(u"history-%1"_s.arg(i), 1500000, u"h1"_s, before.addSecs(-60 - i * 800));
    addJob(u"b1"_s, 1500000, u"h1"_s, before);
    addJob(u"a1"_s, 12000, u"h1b"_s, before.addDays(1));
    addJob(u"b2"_s, 1000);
    addJob(u"a2"_s, 400);
    addJob(u"b3"_s, 1000);
    QVERIFY(m_db->connection().commit());
    addRecommendation(1, u"b1"_s);
    addRecommendation(2, u"b2"_s);
    addRecommendation(3, u"b3"_s);
    MeasurementService service(*m_db);
    m_recurring = service.recordBefore(1).value().id;
    QVERIFY(service.recordAfter(1, u"a1"_s).ok());
    m_once = service.recordBefore(2).value().id;
    QVERIFY(service.recordAfter(2, u"a2"_s).ok());
    m_pending = service.recordBefore(3).value().id;
}

void TestProjectedHours::cleanup()
{
    m_db.reset();
    Translations::install(english);
}

void TestProjectedHours::addJob(const QString &jobId, double durationMs, const std::optional<QString> &hash,
                                const std::optional<QDateTime> &startedAt)
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT INTO queries (job_id, query_hash, started_at, duration_ms, status) VALUES (?, ?, ?, ?, 'success')"_s);
    query.addBindValue(jobId);
    query.addBindValue(hash ? QVariant(*hash) : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(startedAt ? Database::toSqlTimestamp(*startedAt) : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(durationMs);
    QVERIFY2(query.exec(), qPrintable(jobId));
}

void TestProjectedHours::addRecommendation(qint64 id, const QString &job)
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) VALUES (?, ?, 'select_star', 50)"_s);
    query.addBindValue(id);
    query.addBindValue(job);
    QVERIFY(query.exec());
}

void TestProjectedHours::summaryProjectsEachQuerysPace()
{
    const Summary summary = MeasurementService(*m_db).summary({30, std::nullopt}).value();
    QCOMPARE(summary.completedMeasurements, 2);
    // 1,240 h + 600 ms × 1 run / 3,600,000 (0.0002 h), 1 decimal.
    QCOMPARE(summary.projectedMonthlyHoursSaved, 1240.0);
}

void TestProjectedHours::kpiCardSaysHoursPerMonth_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("caption");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("toolTipEnd");
    QTest::newRow("English") << english << u"Projected hours saved / month"_s << u"1,240 h / month"_s
                             << u"Exactly 1,240.0 h."_s;
    QTest::newRow("German") << german << u"Hochgerechnet eingesparte Stunden / Monat"_s << u"1.240 h / Monat"_s
                            << u"Genau 1.240,0 h."_s;
}

void TestProjectedHours::kpiCardSaysHoursPerMonth()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, caption);
    QFETCH(QString, value);
    QFETCH(QString, toolTipEnd);
    Translations::install(locale);
    const Summary summary = MeasurementService(*m_db).summary({30, std::nullopt}).value();
    DashboardPage page;
    page.setSummary(summary, 80.0);
    KpiCard *card = page.projectedHoursCard();
    QCOMPARE(card->value(), value);
    QCOMPARE(card->state(), KpiCard::State::Neutral);
    QVERIFY2(card->toolTip().endsWith(toolTipEnd), qPrintable(card->toolTip()));
    QVERIFY(card->toolTip().contains(locale == german ? u"× 30"_s : u"runs per day of the query × 30"_s));
    QVERIFY(card->findChildren<QLabel *>().size() >= 3);
    QCOMPARE(card->findChildren<QLabel *>().at(0)->text(), caption);
    // Beside the time saved: the card right after it.
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const QRect timeSaved = page.timeSavedCard()->geometry(), projected = card->geometry();
    QCOMPARE(projected.top(), timeSaved.top());
    QVERIFY(projected.left() > timeSaved.right());
    // Its value is not cut off.
    auto *valueLabel = card->findChildren<QLabel *>().at(1);
    QCOMPARE(valueLabel->text(), value);
    QVERIFY(valueLabel->width() >= valueLabel->fontMetrics().horizontalAdvance(value));
    // The summary model's row says the same.
    SummaryModel model;
    model.setSummary(summary);
    QCOMPARE(model.index(int(SummaryModel::Row::ProjectedMonthlyHours), SummaryModel::ValueColumn).data().toString(),
             value);
}

void TestProjectedHours::negativeProjectionIsALoss()
{
    Summary summary;
    summary.projectedMonthlyHoursSaved = -12.34;
    DashboardPage page;
    page.setSummary(summary, 80.0);
    QCOMPARE(page.projectedHoursCard()->value(), u"−12.3 h / month"_s);
    QCOMPARE(page.projectedHoursCard()->state(), KpiCard::State::Bad);
    QCOMPARE(page.projectedHoursCard()->note(), u"lost: regressions outweigh gains"_s);
}

QList<qint64> TestProjectedHours::listedIds(MeasurementTableModel &model)
{
    QList<qint64> ids;
    if (!QTest::qWaitFor([&model] { return !model.isLoading() && model.total() == 3; }, 20000))
        return {-1};
    for (int row = 0; row < model.rowCount(); ++row) {
        model.index(row, 0).data(); // asks for the row's page
        if (!QTest::qWaitFor([&model, row] { return model.rowAt(row) != nullptr; }, 20000))
            return {-2};
        ids << model.rowAt(row)->measurement.id;
    }
    return ids;
}

void TestProjectedHours::measurementsColumnShowsEachShare()
{
    MeasurementTableModel model(*m_db);
    model.setWindow({30, std::nullopt});
    QCOMPARE(listedIds(model).size(), 3);
    const auto cell = [&model](qint64 id, int role) {
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.rowAt(row)->measurement.id == id)
                return model.index(row, int(Column::ProjectedHours)).data(role).toString();
        return u"not listed"_s;
    };
    QCOMPARE(model.headerData(int(Column::ProjectedHours), Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Projected\nh / month"_s);
    QCOMPARE(cell(m_recurring, Qt::DisplayRole), u"1,240 h"_s);
    QCOMPARE(cell(m_recurring, Qt::ToolTipRole),
             u"Ran 3,000 times in the 30 days before the before job (itself included): 100.0 runs per day.\n"
             "24 min 48 s saved per run × 100.0 runs per day × 30 days = 1,240 h per month."_s);
    QCOMPARE(cell(m_once, Qt::DisplayRole), u"0.00 h"_s);
    QCOMPARE(cell(m_once, Qt::ToolTipRole),
             u"Ran once in the 30 days before the before job (itself included): 0.03 runs per day.\n"
             "600 ms saved per run × 0.03 runs per day × 30 days = 0.00 h per month."_s);
    QCOMPARE(cell(m_pending, Qt::DisplayRole), QString());
    QCOMPARE(cell(m_pending, Qt::ToolTipRole), QString());
    QCOMPARE(model.index(0, int(Column::ProjectedHours)).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

void TestProjectedHours::measurementsColumnSortsNumerically()
{
    MeasurementTableModel model(*m_db);
    model.setWindow({30, std::nullopt});
    model.sort(int(Column::ProjectedHours), Qt::AscendingOrder);
    QCOMPARE(listedIds(model), (QList<qint64>{m_once, m_recurring, m_pending}));
    model.sort(int(Column::ProjectedHours), Qt::DescendingOrder);
    QCOMPARE(listedIds(model), (QList<qint64>{m_recurring, m_once, m_pending})); // pending last either way
}

void TestProjectedHours::hoursAsPeopleReadThem_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<double>("hours");
    QTest::addColumn<QString>("text");
    QTest::newRow("thousands grouped") << english << 1239.6 << u"1,240 h"_s;
    QTest::newRow("German grouping") << german << 1239.6 << u"1.240 h"_s;
    QTest::newRow("a hundred: whole hours") << english << 99.96 << u"100 h"_s;
    QTest::newRow("below a hundred: one decimal") << english << 12.46 << u"12.5 h"_s;
    QTest::newRow("German decimal comma") << german << 12.46 << u"12,5 h"_s;
    QTest::newRow("a loss") << english << -2500.4 << u"−2,500 h"_s;
    QTest::newRow("below an hour: two decimals") << english << 0.042 << u"0.04 h"_s;
    QTest::newRow("a small loss") << german << -0.3 << u"−0,30 h"_s;
    QTest::newRow("just under an hour") << english << 0.996 << u"1.0 h"_s;
    QTest::newRow("nothing") << english << 0.0 << u"0.00 h"_s;
    QTest::newRow("less than nothing shown") << english << -0.001 << u"0.00 h"_s;
}

void TestProjectedHours::hoursAsPeopleReadThem()
{
    QFETCH(QLocale, locale);
    QFETCH(double, hours);
    QFETCH(QString, text);
    Translations::install(locale);
    QCOMPARE(MeasurementFormat::hours(hours), text);
}

QTEST_MAIN(TestProjectedHours)
#include "tst_projectedhours.moc"
