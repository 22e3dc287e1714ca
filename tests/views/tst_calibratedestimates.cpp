// The Recommendations page's "Calibrated estimate" column (SPEC §6.2, issue 14): estimate × the
// factor of its issue type where that type has at least 5 completed measurements with an
// estimate in the last 30 days, blank where it has 4; the tooltip that says how it was made;
// sorting by it (numbers as numbers, blanks last). On SQLite and PostgreSQL, through the page's
// own read.

#include "database.h"
#include "measurementservice.h"
#include "pages/recommendationspage.h"
#include "recommendationlistmodel.h"
#include "testdatabase.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QLocale english(QLocale::English, QLocale::UnitedStates);
const QLocale german(QLocale::German, QLocale::Germany);
using Column = RecommendationListModel::Column;
} // namespace

class TestCalibratedEstimates : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { Translations::install(english); }
    void init();
    void cleanup();

    void typeWithFiveMeasurementsIsCalibrated();
    void typeWithFourIsBlank();
    void sortsByTheCalibratedEstimate();
    void germanTooltip();

private:
    void addRecommendation(qint64 id, std::optional<double> estimate, const QString &issueType);
    void addCompleted(qint64 id, qint64 afterMs, double estimate, const QString &issueType);
    // The row of a recommendation on the page.
    int rowOf(qint64 id) const;
    QString cell(qint64 id, Column column, int role = Qt::DisplayRole) const
    {
        return m_page->model()->index(rowOf(id), int(column)).data(role).toString();
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<RecommendationsPage> m_page;
};

void TestCalibratedEstimates::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    // missing_partition_filter, 5 measured: estimates 40, 40, 50, 50, 60; actuals 30, 40, 50, 35,
    // 45: factor Σe·a / Σe² = 9750 / 11800 = 0.83.
    const QList<std::pair<double, qint64>> partition{{40, 700}, {40, 600}, {50, 500}, {50, 650}, {60, 550}};
    qint64 id = 1;
    for (const auto &[estimate, after] : partition)
        addCompleted(id++, after, estimate, u"missing_partition_filter"_s);
    // select_star, 4 measured: a factor (0.85), but too few measurements to use it.
    for (const auto &[estimate, after] : QList<std::pair<double, qint64>>{{20, 750}, {30, 800}, {20, 750}, {30, 800}})
        addCompleted(id++, after, estimate, u"select_star"_s);
    // Not measured yet: what the column is for.
    addRecommendation(20, 40, u"missing_partition_filter"_s); // 40 × 0.83 = 33.2
    addRecommendation(21, 40, u"select_star"_s);
    addRecommendation(22, std::nullopt, u"missing_partition_filter"_s); // no estimate
    addRecommendation(23, 10, u"missing_partition_filter"_s);           // 8.3
    m_page = std::make_unique<RecommendationsPage>(*m_db);
    m_page->loadNow();
}

void TestCalibratedEstimates::cleanup()
{
    m_page.reset();
    m_db.reset();
    Translations::install(english);
}

void TestCalibratedEstimates::addRecommendation(qint64 id, std::optional<double> estimate, const QString &issueType)
{
    QSqlQuery query(m_db->connection());
    const QString job = u"b%1"_s.arg(id);
    query.prepare(u"INSERT INTO queries (job_id, duration_ms) VALUES (?, 1000)"_s);
    query.addBindValue(job);
    QVERIFY(query.exec());
    query.prepare(u"INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(id);
    query.addBindValue(job);
    query.addBindValue(issueType);
    query.addBindValue(estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
    QVERIFY(query.exec());
}

void TestCalibratedEstimates::addCompleted(qint64 id, qint64 afterMs, double estimate, const QString &issueType)
{
    addRecommendation(id, estimate, issueType);
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT INTO queries (job_id, duration_ms) VALUES (?, ?)"_s);
    query.addBindValue(u"a%1"_s.arg(id));
    query.addBindValue(afterMs);
    QVERIFY(query.exec());
    MeasurementService service(*m_db);
    QVERIFY(service.recordBefore(id).ok());
    QVERIFY(service.recordAfter(id, u"a%1"_s.arg(id)).ok());
}

int TestCalibratedEstimates::rowOf(qint64 id) const
{
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        if (m_page->model()->row(row).recommendation.id == id)
            return row;
    return -1;
}

void TestCalibratedEstimates::typeWithFiveMeasurementsIsCalibrated()
{
    QCOMPARE(m_page->model()->rowCount(), 13);
    QCOMPARE(m_page->model()->headerData(int(Column::CalibratedEstimate), Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Calibrated estimate"_s);
    QCOMPARE(cell(20, Column::Estimate), u"40.0 %"_s);
    QCOMPARE(cell(20, Column::CalibratedEstimate), u"33.2 %"_s);
    QCOMPARE(cell(20, Column::CalibratedEstimate, Qt::ToolTipRole),
             u"Estimate 40.0 % × factor 0.83 learned from 5 completed measurements of this issue type in the "
             "last 30 days = 33.2 %"_s);
    QCOMPARE(cell(23, Column::CalibratedEstimate), u"8.3 %"_s);
    QCOMPARE(cell(5, Column::CalibratedEstimate), u"49.8 %"_s); // 60 × 0.83
    // No estimate: nothing to calibrate.
    QCOMPARE(cell(22, Column::CalibratedEstimate), QString());
    QCOMPARE(cell(22, Column::CalibratedEstimate, Qt::ToolTipRole), u"No estimate to calibrate."_s);
    QCOMPARE(m_page->model()->index(rowOf(20), int(Column::CalibratedEstimate)).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

void TestCalibratedEstimates::typeWithFourIsBlank()
{
    QCOMPARE(cell(21, Column::Estimate), u"40.0 %"_s);
    QCOMPARE(cell(21, Column::CalibratedEstimate), QString());
    QCOMPARE(cell(21, Column::CalibratedEstimate, Qt::ToolTipRole),
             u"No calibrated estimate: this issue type has fewer than 5 completed measurements with an "
             "estimate in the last 30 days."_s);
    for (qint64 id = 6; id <= 9; ++id)
        QCOMPARE(cell(id, Column::CalibratedEstimate), QString());
    // A fifth select_star measurement makes its factor usable: 2700 / 3000 = 0.90.
    addCompleted(10, 750, 20, u"select_star"_s);
    m_page->loadNow();
    QCOMPARE(cell(21, Column::CalibratedEstimate), u"36.0 %"_s);
    QVERIFY(cell(21, Column::CalibratedEstimate, Qt::ToolTipRole).contains(u"factor 0.90 learned from 5 completed"_s));
}

void TestCalibratedEstimates::sortsByTheCalibratedEstimate()
{
    RecommendationListModel *model = m_page->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Listed newest first until a column is sorted.
    QCOMPARE(model->row(0).recommendation.id, 23);
    const auto ids = [model] {
        QList<qint64> ids;
        for (int row = 0; row < model->rowCount(); ++row)
            ids << model->row(row).recommendation.id;
        return ids;
    };
    // Through the table's header, as the analyst sorts.
    auto *table = m_page->findChild<QTableView *>();
    QVERIFY(table);
    QVERIFY(table->isSortingEnabled());
    table->sortByColumn(int(Column::CalibratedEstimate), Qt::AscendingOrder);
    // 8.3 (23), 33.2 (1, 2, 20), 41.5 (3, 4), 49.8 (5); blanks last in the order listed.
    QCOMPARE(ids(), (QList<qint64>{23, 20, 2, 1, 4, 3, 5, 22, 21, 9, 8, 7, 6}));
    table->sortByColumn(int(Column::CalibratedEstimate), Qt::DescendingOrder);
    QCOMPARE(ids(), (QList<qint64>{5, 4, 3, 20, 2, 1, 23, 22, 21, 9, 8, 7, 6}));
    // A new listing keeps the order chosen.
    m_page->loadNow();
    QCOMPARE(ids(), (QList<qint64>{5, 4, 3, 20, 2, 1, 23, 22, 21, 9, 8, 7, 6}));
    // Numbers as numbers: 8.3 % sorts below 33.2 %, which a text sort would not do.
    table->sortByColumn(int(Column::Estimate), Qt::AscendingOrder);
    QCOMPARE(ids().mid(0, 3), (QList<qint64>{23, 8, 6}));
    QCOMPARE(ids().last(), 22);
    model->sort(-1);
    QCOMPARE(ids().first(), 23);
    QCOMPARE(ids().last(), 1);
}

void TestCalibratedEstimates::germanTooltip()
{
    Translations::install(german);
    m_page->loadNow();
    QCOMPARE(cell(20, Column::CalibratedEstimate), u"33,2 %"_s);
    QCOMPARE(cell(20, Column::CalibratedEstimate, Qt::ToolTipRole),
             u"Schätzung 40,0 % × Faktor 0,83, gelernt aus 5 abgeschlossenen Messungen dieses Problemtyps in den "
             "letzten 30 Tagen = 33,2 %"_s);
    QCOMPARE(m_page->model()->headerData(int(Column::CalibratedEstimate), Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Kalibrierte Schätzung"_s);
}

QTEST_MAIN(TestCalibratedEstimates)
#include "tst_calibratedestimates.moc"
