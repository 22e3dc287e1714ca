// The Jobs page offscreen on a real SQLite file and a real PostgreSQL server: a click on a
// column header sorts the whole table in the database (the first rows are the database's
// first rows in that order, with the indicator on the header), a typed substring is counted
// ("2 of 7 jobs match 'SALES'"), the count says when only the first rows show, scrolling to
// the end reads the next page, and new data keeps the rows shown and where they were
// scrolled. QAbstractItemModelTester watches the model throughout.

#include "jobfixture.h"
#include "joblistmodel.h"
#include "joblistrepository.h"
#include "pages/jobspage.h"
#include "testdatabase.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace JobFixture;
using Column = JobListModel::Column;

class TestJobsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase();
    void init();
    void cleanup();

    void clickingAHeaderSortsTheWholeTable();
    void typingASubstringCountsTheMatches();
    void onlyTheFirstRowsShowUntilScrolledToTheEnd();
    void newDataKeepsTheRowsShown();
    void searchPlaceholderSaysWhatItSearches();
    void durationsAndSizesReadAsPeopleSayThem();

private:
    // The job IDs of the first `rows` rows of the page's model.
    QStringList shownIds(int rows) const;
    void clickHeader(Column column);
    QString countText() const { return m_page->countLabel()->text(); }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    JobsPage *m_page = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestJobsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestJobsPage::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    const QString error = addTo(*m_db);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_page = new JobsPage(*m_db);
    m_tester = new QAbstractItemModelTester(m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_tester->setUseFetchMore(false); // the view fetches, as it would for the user
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
    m_page->refresh();
    QTRY_VERIFY(!m_page->isLoading());
}

void TestJobsPage::cleanup()
{
    delete m_tester;
    m_tester = nullptr;
    delete m_page;
    m_page = nullptr;
    m_db.reset();
}

QStringList TestJobsPage::shownIds(int rows) const
{
    QStringList ids;
    for (int row = 0; row < std::min(rows, m_page->model()->rowCount()); ++row)
        ids << m_page->model()->index(row, int(Column::JobId)).data().toString();
    return ids;
}

void TestJobsPage::clickHeader(Column column)
{
    QHeaderView *header = m_page->table()->horizontalHeader();
    const int section = int(column);
    const QPoint middle(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, middle);
}

void TestJobsPage::clickingAHeaderSortsTheWholeTable()
{
    QHeaderView *header = m_page->table()->horizontalHeader();
    // Opened latest first, jobs never started last.
    QCOMPARE(shownIds(7), ids("d1 c1 a1 b2 a2 c2 b1"));
    QCOMPARE(header->sortIndicatorSection(), int(Column::Started));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(countText(), QStringLiteral("7 jobs"));

    // A number column sorts the biggest first; its jobs without a value come last. Another
    // order has the same count: it is not counted again.
    QSignalSpy counts(m_page->model(), &JobListModel::countChanged);
    clickHeader(Column::Memory);
    QVERIFY(m_page->isLoading());
    QTRY_VERIFY(!m_page->isLoading());
    QCOMPARE(header->sortIndicatorSection(), int(Column::Memory));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(shownIds(7), ids("b2 a1 a2 d1 c2 c1 b1"));
    JobListQuery query;
    query.sortKey = JobListQuery::SortKey::Memory;
    query.order = Qt::DescendingOrder;
    const auto database = JobListRepository(*m_db).page(query, 3);
    QVERIFY(database.ok());
    QCOMPARE(shownIds(3), QStringList({database->rows[0].job.jobId, database->rows[1].job.jobId,
                                       database->rows[2].job.jobId}));

    clickHeader(Column::Memory);
    QTRY_VERIFY(!m_page->isLoading());
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(shownIds(7), ids("d1 a2 a1 b2 b1 c1 c2"));

    // A text column sorts from A.
    clickHeader(Column::User);
    QTRY_VERIFY(!m_page->isLoading());
    QCOMPARE(header->sortIndicatorSection(), int(Column::User));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(shownIds(7), ids("a1 b1 d1 a2 c1 c2 b2"));
    QCOMPARE(m_page->model()->index(0, int(Column::User)).data().toString(), QStringLiteral("ana"));
    QCOMPARE(m_page->model()->index(6, int(Column::User)).data().toString(), QStringLiteral("—"));
    QCOMPARE(countText(), QStringLiteral("7 jobs"));
    QCOMPARE(counts.size(), 0);
}

void TestJobsPage::typingASubstringCountsTheMatches()
{
    QLineEdit *search = m_page->searchField();
    QSignalSpy counts(m_page->model(), &JobListModel::countChanged);
    QTest::keyClicks(search, QStringLiteral("SALES"));
    QTRY_COMPARE(countText(), QStringLiteral("2 of 7 jobs match 'SALES'"));
    QTRY_VERIFY(!m_page->isLoading()); // the rows may come after the count
    QCOMPARE(shownIds(7), ids("a1 b2")); // latest first
    // One listing for the whole word: typing waits for a pause.
    QCOMPARE(counts.size(), 2); // counting, then counted

    search->clear();
    QTest::keyClicks(search, QStringLiteral("a1"));
    QTRY_COMPARE(countText(), QStringLiteral("1 of 7 jobs matches 'a1'"));
    QTRY_VERIFY(!m_page->isLoading()); // the rows may come after the count
    QCOMPARE(shownIds(7), ids("a1"));

    search->clear();
    QTest::keyClicks(search, QStringLiteral("_wh_"));
    QTRY_COMPARE(countText(), QStringLiteral("1 of 7 jobs matches '_wh_'")); // etl_wh_small
    QTRY_VERIFY(!m_page->isLoading()); // the rows may come after the count
    search->clear();
    QTest::keyClicks(search, QStringLiteral("zzz"));
    QTRY_COMPARE(countText(), QStringLiteral("0 of 7 jobs match 'zzz'"));
    QTRY_VERIFY(!m_page->isLoading()); // the rows may come after the count
    QCOMPARE(m_page->model()->rowCount(), 0);

    search->clear();
    QTRY_COMPARE(countText(), QStringLiteral("7 jobs"));
    QTRY_VERIFY(!m_page->isLoading()); // the rows may come after the count
    QCOMPARE(m_page->model()->rowCount(), 7);
}

void TestJobsPage::onlyTheFirstRowsShowUntilScrolledToTheEnd()
{
    QTableView *table = m_page->table();
    // A table a row high, so that the last row of a page is out of sight.
    table->setFixedHeight(table->horizontalHeader()->height() + table->verticalHeader()->defaultSectionSize() + 4);
    m_page->model()->setPageSize(3);
    clickHeader(Column::JobId);
    QTRY_VERIFY(!m_page->isLoading());
    QCOMPARE(shownIds(7), ids("a1 a2 b1"));
    QCOMPARE(countText(), QStringLiteral("7 jobs, showing the first 3"));

    table->scrollToBottom();
    QTRY_COMPARE(m_page->model()->rowCount(), 6);
    QTRY_VERIFY(!m_page->isLoading());
    QCOMPARE(shownIds(7), ids("a1 a2 b1 b2 c1 c2"));
    QCOMPARE(countText(), QStringLiteral("7 jobs, showing the first 6"));
    table->scrollToBottom();
    QTRY_COMPARE(m_page->model()->rowCount(), 7);
    QTRY_COMPARE(countText(), QStringLiteral("7 jobs"));
    QTRY_VERIFY(!m_page->isLoading()); // the rows may come after the count
    QCOMPARE(shownIds(7), ids("a1 a2 b1 b2 c1 c2 d1"));

    // A search starts again from its first page.
    QTest::keyClicks(m_page->searchField(), QStringLiteral("s"));
    QTRY_COMPARE(countText(), QStringLiteral("6 of 7 jobs match 's', showing the first 3"));
    QTRY_VERIFY(!m_page->isLoading()); // the rows may come after the count
    QCOMPARE(shownIds(7), ids("a1 a2 b2"));
}

// Another program's commit refreshes the page: it reads as many rows as it showed, and stays
// where the user scrolled.
void TestJobsPage::newDataKeepsTheRowsShown()
{
    QTableView *table = m_page->table();
    table->setFixedHeight(table->horizontalHeader()->height() + 2 * table->verticalHeader()->defaultSectionSize() + 4);
    m_page->model()->setPageSize(3);
    clickHeader(Column::JobId);
    QTRY_VERIFY(!m_page->isLoading());
    for (int pages = 0; m_page->model()->hasMore() && pages < 5; ++pages) {
        table->scrollToBottom();
        QTRY_VERIFY(m_page->isLoading() || !m_page->model()->hasMore());
        QTRY_VERIFY(!m_page->isLoading());
    }
    QCOMPARE(m_page->model()->rowCount(), 7);
    table->verticalScrollBar()->setValue(1); // rows 2 and 3 in sight, not the last one
    QCOMPARE(table->verticalScrollBar()->value(), 1);

    QSqlQuery insert(m_db->connection());
    QVERIFY(insert.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('a0', 5)")));
    m_page->refresh();
    QTRY_COMPARE(countText(), QStringLiteral("8 jobs, showing the first 7"));
    QTRY_VERIFY(!m_page->isLoading());
    QCOMPARE(shownIds(8), ids("a0 a1 a2 b1 b2 c1 c2"));
    QCOMPARE(table->verticalScrollBar()->value(), 1);
}

void TestJobsPage::searchPlaceholderSaysWhatItSearches()
{
    QCOMPARE(m_page->searchField()->placeholderText(),
             QStringLiteral("Search job ID, user, warehouse or query text"));
}

// "1 min 58 s", not "117,691 ms"; "284.3 GiB", not "305,237,606,400": the exact values in the
// tooltips. The biggest sorts first by the numbers, not by the words ("284.3 GiB" < "300 B").
void TestJobsPage::durationsAndSizesReadAsPeopleSayThem()
{
    QSqlQuery insert(m_db->connection());
    QVERIFY(insert.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('big', 117691)")));
    QVERIFY(insert.exec(QStringLiteral("INSERT INTO profiles (job_id, memory_allocated, data_scanned, cpu_time_ms) "
                                       "VALUES ('big', 305237606400, 1610612736, 7200000)")));
    m_page->refresh();
    QTRY_COMPARE(countText(), QStringLiteral("8 jobs"));
    QTRY_VERIFY(!m_page->isLoading());
    const QAbstractItemModel *model = m_page->model();
    for (const Column column : {Column::Duration, Column::Memory}) {
        clickHeader(column); // a first click sorts the biggest first
        QTRY_VERIFY(!m_page->isLoading());
        QCOMPARE(shownIds(1), QStringList{QStringLiteral("big")});
    }
    const auto cell = [model](Column column, int role) { return model->index(0, int(column)).data(role).toString(); };
    QCOMPARE(cell(Column::Duration, Qt::DisplayRole), QStringLiteral("1 min 58 s"));
    QCOMPARE(cell(Column::Duration, Qt::ToolTipRole), QStringLiteral("117,691 ms"));
    QCOMPARE(cell(Column::Memory, Qt::DisplayRole), QStringLiteral("284.3 GiB"));
    QCOMPARE(cell(Column::Memory, Qt::ToolTipRole), QStringLiteral("305,237,606,400 bytes"));
    QCOMPARE(cell(Column::Scanned, Qt::DisplayRole), QStringLiteral("1.5 GiB"));
    QCOMPARE(cell(Column::Scanned, Qt::ToolTipRole), QStringLiteral("1,610,612,736 bytes"));
    QCOMPARE(cell(Column::Cpu, Qt::DisplayRole), QStringLiteral("2 h 00 min"));
    QCOMPARE(cell(Column::Cpu, Qt::ToolTipRole), QStringLiteral("7,200,000 ms"));
    // A size under 1 KiB is exact as it is shown: no tooltip repeats it.
    clickHeader(Column::JobId);
    QTRY_VERIFY(!m_page->isLoading());
    QCOMPARE(shownIds(1), QStringList{QStringLiteral("a1")});
    QCOMPARE(cell(Column::Memory, Qt::DisplayRole), QStringLiteral("300 B"));
    QCOMPARE(cell(Column::Memory, Qt::ToolTipRole), QString());
    QCOMPARE(cell(Column::Duration, Qt::ToolTipRole), QStringLiteral("100 ms"));
}

QTEST_MAIN(TestJobsPage)
#include "tst_jobspage.moc"
