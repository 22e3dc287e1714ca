// The Recommendations and Jobs pages' models: well-behaved (QAbstractItemModelTester) over
// real SQLite and PostgreSQL data, showing the stored values in the units of SPEC §2.

#include "demodata.h"
#include "joblistmodel.h"
#include "recommendationlistmodel.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestListModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup() { m_db.reset(); }

    void recommendationsModelIsWellBehaved();
    void recommendationsShowTheirMeasurementState();
    void jobsModelIsWellBehaved();
    void jobsShowStoredValues();
    void jobStatusesAndWarehouseSizes();

private:
    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestListModels::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    DemoData::Options options;
    options.measurements = 120;
    options.seed = 3;
    QVERIFY(DemoData(*m_db).generate(options).ok());
}

void TestListModels::recommendationsModelIsWellBehaved()
{
    RecommendationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(RecommendationRepository(*m_db).list(QString(), std::nullopt, 50).value());
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.columnCount(), int(RecommendationListModel::Column::Count));
    model.setRows(RecommendationRepository(*m_db).list(QStringLiteral("select_star"), std::nullopt, 1000).value());
    for (int row = 0; row < model.rowCount(); ++row) { // in words; the identifier in its role
        const QModelIndex issueType = model.index(row, int(RecommendationListModel::Column::IssueType));
        QCOMPARE(issueType.data().toString(), QStringLiteral("SELECT * (all columns)"));
        QCOMPARE(issueType.data(RecommendationListModel::IssueTypeRole).toString(), QStringLiteral("select_star"));
    }
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
}

void TestListModels::recommendationsShowTheirMeasurementState()
{
    // 120 measured, 12 never measured (DemoData adds a tenth); the newest are the unmeasured.
    const auto rows = RecommendationRepository(*m_db).list(QString(), std::nullopt, 1000).value();
    QCOMPARE(rows.size(), 132);
    QCOMPARE(rows.first().recommendation.id, 132);
    QCOMPARE(rows.first().measured, RecommendationRow::Measured::Never);
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE job_id_after IS NULL")) && query.next());
    const qint64 open = query.value(0).toLongLong();
    QCOMPARE(std::count_if(rows.cbegin(), rows.cend(),
                           [](const RecommendationRow &r) { return r.measured == RecommendationRow::Measured::Open; }),
             open);
    RecommendationListModel model;
    model.setRows(rows);
    QCOMPARE(model.index(0, int(RecommendationListModel::Column::Id)).data().toString(), QStringLiteral("132"));
    QCOMPARE(model.index(0, int(RecommendationListModel::Column::Measurement)).data().toString(),
             QStringLiteral("not measured"));
    QCOMPARE(model.index(0, 0).data(RecommendationListModel::RecommendationIdRole).toLongLong(), 132);
    const auto one = RecommendationRepository(*m_db).list(QStringLiteral("7"), std::nullopt, 1000).value();
    QVERIFY(std::any_of(one.cbegin(), one.cend(), [](const RecommendationRow &r) { return r.recommendation.id == 7; }));
}

void TestListModels::jobsModelIsWellBehaved()
{
    JobListModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(false); // the test fetches
    model.setPageSize(40);
    model.refresh();
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 40);
    QSqlQuery count(m_db->connection());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM queries")) && count.next());
    QCOMPARE(model.total(), count.value(0).toLongLong());
    QCOMPARE(model.matching(), model.total());
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 80);
    model.refresh(); // new data: as many rows as were read
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 80);
    QVERIFY(model.hasMore());
    model.setSearchText(QStringLiteral("bquxjob_"));
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(model.rowCount() > 0 && model.rowCount() <= 40);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, 0).data().toString().contains(QStringLiteral("bquxjob_")));
    QCOMPARE(model.matching() > 40, model.hasMore());

    // Fetching while there is more reads every job, each once, page after page.
    JobListModel all(*m_db);
    QAbstractItemModelTester fetching(&all, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetching.setUseFetchMore(false);
    all.setPageSize(50);
    all.sort(int(JobListModel::Column::Memory), Qt::DescendingOrder);
    all.refresh();
    QTRY_VERIFY(!all.isLoading());
    for (int pages = 1; all.hasMore(); ++pages) {
        QVERIFY(pages < 100);
        QCOMPARE(all.rowCount(), 50 * pages);
        QVERIFY(all.canFetchMore({}));
        all.fetchMore({});
        QVERIFY(!all.canFetchMore({})); // one page at a time
        QTRY_VERIFY(!all.isLoading());
    }
    QCOMPARE(all.rowCount(), model.total());
    QSet<QString> ids;
    for (int row = 0; row < all.rowCount(); ++row)
        ids.insert(all.index(row, 0).data().toString());
    QCOMPARE(ids.size(), all.rowCount());
}

void TestListModels::jobsShowStoredValues()
{
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms, engine) VALUES ('zz-job', 61234, 'generic')")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO profiles (job_id, memory_allocated, cpu_time_ms) "
                                      "VALUES ('zz-job', 1610612736, 4500)")));
    JobListModel model(*m_db);
    model.setSearchText(QStringLiteral("zz-"));
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 1);
    auto cell = [&model](JobListModel::Column column) { return model.index(0, int(column)).data().toString(); };
    QCOMPARE(cell(JobListModel::Column::JobId), QStringLiteral("zz-job"));
    QCOMPARE(cell(JobListModel::Column::Duration), QStringLiteral("1 min 1 s"));
    QCOMPARE(cell(JobListModel::Column::Memory), QStringLiteral("1.5 GiB"));
    QCOMPARE(cell(JobListModel::Column::Cpu), QStringLiteral("4.5 s"));
    QCOMPARE(cell(JobListModel::Column::Scanned), QStringLiteral("—"));
    QCOMPARE(model.index(0, int(JobListModel::Column::Duration)).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(cell(JobListModel::Column::Status), QStringLiteral("—"));
}

// Statuses read as words, a cached job says so, a job that cannot be measured stands out, and
// the warehouse shows its size.
void TestListModels::jobStatusesAndWarehouseSizes()
{
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral(
        "INSERT INTO queries (job_id, duration_ms, status, cache_hit, warehouse, warehouse_size) VALUES "
        "('zq-s1', 10, 'success', FALSE, 'ETL_WH', 'X-Large'), ('zq-s2', 20, 'success', TRUE, 'ETL_WH', NULL), "
        "('zq-s3', 30, 'failed', NULL, NULL, 'Small'), ('zq-s4', 40, 'KILLED', NULL, NULL, NULL), "
        "('zq-s5', 50, 'cancelled', NULL, NULL, NULL)")));
    JobListModel model(*m_db);
    model.sort(int(JobListModel::Column::JobId), Qt::AscendingOrder);
    model.setSearchText(QStringLiteral("zq-s"));
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 5);
    auto cell = [&model](int row, JobListModel::Column column, int role = Qt::DisplayRole) {
        return model.index(row, int(column)).data(role);
    };
    using C = JobListModel::Column;
    QCOMPARE(cell(0, C::Status).toString(), QStringLiteral("success"));
    QCOMPARE(cell(1, C::Status).toString(), QStringLiteral("success, from cache"));
    QCOMPARE(cell(2, C::Status).toString(), QStringLiteral("failed"));
    QCOMPARE(cell(3, C::Status).toString(), QStringLiteral("KILLED"));
    QCOMPARE(cell(4, C::Status).toString(), QStringLiteral("cancelled"));
    QVERIFY(!cell(0, C::Status, Qt::ForegroundRole).isValid());
    QCOMPARE(cell(1, C::Status, Qt::ForegroundRole).value<QColor>(), QColor(0xb2, 0x6a, 0x00));
    for (int row : {2, 3, 4})
        QCOMPARE(cell(row, C::Status, Qt::ForegroundRole).value<QColor>(), QColor(0xc6, 0x28, 0x28));
    QVERIFY(cell(1, C::Status, Qt::ToolTipRole).toString().startsWith(QStringLiteral("Served from a result cache")));
    QVERIFY(!cell(0, C::Status, Qt::ToolTipRole).isValid());
    QCOMPARE(cell(0, C::Warehouse).toString(), QStringLiteral("ETL_WH (X-Large)"));
    QCOMPARE(cell(1, C::Warehouse).toString(), QStringLiteral("ETL_WH"));
    QCOMPARE(cell(2, C::Warehouse).toString(), QStringLiteral("Small"));
    QCOMPARE(cell(3, C::Warehouse).toString(), QStringLiteral("—"));
}

QTEST_GUILESS_MAIN(TestListModels)
#include "tst_listmodels.moc"
