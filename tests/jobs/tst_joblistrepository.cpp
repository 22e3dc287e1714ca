// JobListRepository on a real SQLite file and a real PostgreSQL server: every column's order,
// both directions, equals the order worked out by hand (ties by job ID, NULLs last either
// way); pages of any size continue by keyset and return every job exactly once; the search
// finds a substring of the job ID, user, warehouse or query text in any case, with % and _
// taken literally; the count agrees; a read no longer wanted stops.

#include "jobfixture.h"
#include "joblistrepository.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace JobFixture;
using SortKey = JobListQuery::SortKey;

Q_DECLARE_METATYPE(SortKey)
Q_DECLARE_METATYPE(Qt::SortOrder)

class TestJobListRepository : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void everyOrderIsTotalWithNullsLast_data();
    void everyOrderIsTotalWithNullsLast();
    void pagesContinueWithEveryJobOnce_data();
    void pagesContinueWithEveryJobOnce();
    void searchFindsSubstringsInAnyCase_data();
    void searchFindsSubstringsInAnyCase();
    void searchedListIsSortedAndPaged();
    void countsAllAndMatchingJobs();
    void profileIsReadWithItsJob();
    void readNoLongerWantedStops();

private:
    // Every job of `query`, reading pages of `size` (keyset) until the end.
    QStringList readAll(const JobListQuery &query, int size);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestJobListRepository::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    const QString error = addTo(*m_db);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QStringList TestJobListRepository::readAll(const JobListQuery &query, int size)
{
    QStringList read;
    std::optional<JobPosition> after;
    for (int pages = 0; pages < 100; ++pages) {
        const auto page = JobListRepository(*m_db).page(query, size, after);
        if (!page) {
            qWarning() << page.error().message;
            return {QStringLiteral("error")};
        }
        for (const JobRow &row : page->rows)
            read << row.job.jobId;
        if (page->atEnd)
            return read;
        if (page->rows.size() != size || !page->last || page->last->jobId != read.constLast())
            return read << QStringLiteral("short page before the end");
        after = page->last;
    }
    return read << QStringLiteral("no end");
}

void TestJobListRepository::everyOrderIsTotalWithNullsLast_data()
{
    QTest::addColumn<SortKey>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");
    const auto asc = Qt::AscendingOrder, desc = Qt::DescendingOrder;
    QTest::newRow("job ID ascending") << SortKey::JobId << asc << ids("a1 a2 b1 b2 c1 c2 d1");
    QTest::newRow("job ID descending") << SortKey::JobId << desc << ids("d1 c2 c1 b2 b1 a2 a1");
    QTest::newRow("engine ascending, none last") << SortKey::Engine << asc << ids("a2 c2 c1 a1 b2 d1 b1");
    QTest::newRow("engine descending, none last") << SortKey::Engine << desc << ids("d1 b2 a1 c1 c2 a2 b1");
    QTest::newRow("user ascending") << SortKey::User << asc << ids("a1 b1 d1 a2 c1 c2 b2");
    QTest::newRow("user descending") << SortKey::User << desc << ids("c2 c1 a2 d1 b1 a1 b2");
    // Byte order: upper case before lower case (SQLite BINARY, PostgreSQL "C").
    QTest::newRow("warehouse ascending") << SortKey::Warehouse << asc << ids("b1 d1 a1 b2 c1 a2 c2");
    QTest::newRow("warehouse descending") << SortKey::Warehouse << desc << ids("c1 b2 a1 d1 b1 c2 a2");
    QTest::newRow("started ascending, never last") << SortKey::StartedAt << asc << ids("a2 b2 a1 c1 d1 b1 c2");
    QTest::newRow("started descending, never last") << SortKey::StartedAt << desc << ids("d1 c1 a1 b2 a2 c2 b1");
    QTest::newRow("duration ascending") << SortKey::Duration << asc << ids("d1 b2 a1 b1 a2 c2 c1");
    QTest::newRow("duration descending") << SortKey::Duration << desc << ids("c1 c2 a2 b1 a1 b2 d1");
    QTest::newRow("status ascending") << SortKey::Status << asc << ids("d1 a2 c1 a1 b2 c2 b1");
    QTest::newRow("status descending") << SortKey::Status << desc << ids("c2 b2 a1 c1 a2 d1 b1");
    // b1 and c2 have no profile, c1 an empty one: all three come last.
    QTest::newRow("memory ascending") << SortKey::Memory << asc << ids("d1 a2 a1 b2 b1 c1 c2");
    QTest::newRow("memory descending") << SortKey::Memory << desc << ids("b2 a1 a2 d1 c2 c1 b1");
    QTest::newRow("scanned ascending") << SortKey::DataScanned << asc << ids("d1 a1 b2 a2 b1 c1 c2");
    QTest::newRow("scanned descending") << SortKey::DataScanned << desc << ids("b2 a1 d1 c2 c1 b1 a2");
    QTest::newRow("CPU ascending") << SortKey::CpuTime << asc << ids("d1 a1 a2 b1 b2 c1 c2");
    QTest::newRow("CPU descending") << SortKey::CpuTime << desc << ids("a2 a1 d1 c2 c1 b2 b1");
}

void TestJobListRepository::everyOrderIsTotalWithNullsLast()
{
    QFETCH(SortKey, key);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);
    JobListQuery query;
    query.sortKey = key;
    query.order = order;
    const auto page = JobListRepository(*m_db).page(query, 100);
    QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
    QStringList read;
    for (const JobRow &row : page->rows)
        read << row.job.jobId;
    QCOMPARE(read, expected);
    QVERIFY(page->atEnd);
    QCOMPARE(page->last->jobId, expected.constLast());
}

// Pages end anywhere: inside a tie, between the jobs with a key and those without, inside the
// ones without; each continues after the last one read.
void TestJobListRepository::pagesContinueWithEveryJobOnce_data()
{
    everyOrderIsTotalWithNullsLast_data();
}

void TestJobListRepository::pagesContinueWithEveryJobOnce()
{
    QFETCH(SortKey, key);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);
    JobListQuery query;
    query.sortKey = key;
    query.order = order;
    for (int size : {1, 2, 3, 6, 7})
        QCOMPARE(readAll(query, size), expected);
    // A search reads the jobs with a key and those without in one scan: the same order.
    query.searchText = QStringLiteral("A"); // every job has an a somewhere, in some case
    for (int size : {1, 2, 3, 7})
        QCOMPARE(readAll(query, size), expected);
    query.searchText.clear();
    // A page that ends exactly at the last job says so: no empty page after it.
    const auto whole = JobListRepository(*m_db).page(query, 7);
    QVERIFY(whole && whole->atEnd && whole->rows.size() == 7);
    const auto sixth = JobListRepository(*m_db).page(query, 6);
    QVERIFY(sixth && !sixth->atEnd && sixth->rows.size() == 6);
    const auto last = JobListRepository(*m_db).page(query, 6, sixth->last);
    QVERIFY(last && last->atEnd);
    QCOMPARE(last->rows.size(), 1);
    QCOMPARE(last->rows.first().job.jobId, expected.constLast());
}

void TestJobListRepository::searchFindsSubstringsInAnyCase_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected"); // by job ID
    QTest::newRow("query text, any case") << "SALES" << ids("a1 b2");
    QTest::newRow("warehouse, any case") << "etl" << ids("a1 b2 c1");
    QTest::newRow("user inside a name") << "ANA" << ids("a1 b1 c2 d1");
    QTest::newRow("job ID") << "b2" << ids("b2");
    QTest::newRow("% is a character") << "0%" << ids("c1");
    QTest::newRow("_ is a character") << "s_2" << ids("b2");
    QTest::newRow("! is a character") << "!" << QStringList();
    QTest::newRow("blanks around are ignored") << "  invoices " << ids("d1");
    QTest::newRow("nothing") << "zzz" << QStringList();
    QTest::newRow("blank: every job") << "   " << ids("a1 a2 b1 b2 c1 c2 d1");
}

void TestJobListRepository::searchFindsSubstringsInAnyCase()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    JobListQuery query;
    query.searchText = search;
    query.sortKey = SortKey::JobId;
    query.order = Qt::AscendingOrder;
    QCOMPARE(readAll(query, 2), expected);
    const auto count = JobListRepository(*m_db).count(search);
    QVERIFY(count.ok());
    QCOMPARE(count->all, 7);
    QCOMPARE(count->matching, expected.size());
}

void TestJobListRepository::searchedListIsSortedAndPaged()
{
    JobListQuery query;
    query.searchText = QStringLiteral("S"); // every job but b1 (ana, BI_WH, no query text)
    query.sortKey = SortKey::Memory;
    query.order = Qt::DescendingOrder;
    QCOMPARE(readAll(query, 2), ids("b2 a1 a2 d1 c2 c1"));
    query.order = Qt::AscendingOrder;
    QCOMPARE(readAll(query, 4), ids("d1 a2 a1 b2 c1 c2"));
    query.sortKey = SortKey::StartedAt;
    QCOMPARE(readAll(query, 1), ids("a2 b2 a1 c1 d1 c2"));
}

void TestJobListRepository::countsAllAndMatchingJobs()
{
    const auto all = JobListRepository(*m_db).count(QString());
    QVERIFY(all.ok());
    QCOMPARE(all->all, 7);
    QCOMPARE(all->matching, 7);
    const auto some = JobListRepository(*m_db).count(QStringLiteral("Select"));
    QVERIFY(some.ok());
    QCOMPARE(some->all, 7);
    QCOMPARE(some->matching, 4); // a1, a2, c2, d1
}

void TestJobListRepository::profileIsReadWithItsJob()
{
    JobListQuery query;
    query.sortKey = SortKey::JobId;
    query.order = Qt::AscendingOrder;
    const auto page = JobListRepository(*m_db).page(query, 7);
    QVERIFY(page.ok());
    const JobRow &a2 = page->rows.at(1);
    QCOMPARE(a2.job.jobId, QStringLiteral("a2"));
    QCOMPARE(a2.job.engine, std::optional<QString>(QStringLiteral("bigquery")));
    QCOMPARE(a2.job.status, std::optional<QString>(QStringLiteral("failed")));
    QCOMPARE(a2.job.startedAt, std::optional(QDateTime(QDate(2025, 1, 1), QTime(10, 0), Qt::UTC)));
    QVERIFY(a2.profile);
    QCOMPARE(a2.profile->memoryAllocated, std::optional<qint64>(100));
    QCOMPARE(a2.profile->dataScanned, std::nullopt);
    QCOMPARE(a2.profile->cpuTimeMs, std::optional<qint64>(7));
    QVERIFY(!page->rows.at(2).profile); // b1
    QVERIFY(page->rows.at(4).profile);  // c1: a profile without values
    QCOMPARE(page->rows.at(4).profile->memoryAllocated, std::nullopt);
}

// SQLite stops a scan once its answer is not wanted any more; PostgreSQL reads to the end.
void TestJobListRepository::readNoLongerWantedStops()
{
    JobListQuery query;
    if (m_db->isPostgres()) {
        const auto page = JobListRepository(*m_db).page(query, 500, std::nullopt, [] { return false; });
        QVERIFY(page.ok() && page->rows.size() == 7 && page->atEnd);
        return;
    }
    QSqlQuery insert(m_db->connection());
    QVERIFY(insert.exec(QStringLiteral("BEGIN")));
    insert.prepare(QStringLiteral("INSERT INTO queries (job_id, duration_ms, query_text) VALUES (?, 1, ?)"));
    QVariantList idValues, texts;
    for (int i = 0; i < 20000; ++i) {
        idValues << QStringLiteral("many-%1").arg(i, 5, 10, QLatin1Char('0'));
        texts << QStringLiteral("SELECT %1 FROM somewhere.far_away").arg(i);
    }
    insert.addBindValue(idValues);
    insert.addBindValue(texts);
    QVERIFY(insert.execBatch());
    QVERIFY(insert.exec(QStringLiteral("COMMIT")));

    query.searchText = QStringLiteral("not in any job");
    int asked = 0;
    const auto notWanted = [&asked] { return ++asked < 3; };
    const auto page = JobListRepository(*m_db).page(query, 500, std::nullopt, notWanted);
    const auto count = JobListRepository(*m_db).count(query.searchText, [] { return false; });
    QVERIFY(!page.ok());
    QCOMPARE(page.error().kind, Error::Kind::Canceled);
    QCOMPARE(asked, 3);
    QVERIFY(!count.ok());
    QCOMPARE(count.error().kind, Error::Kind::Canceled);
    // The connection reads on afterwards.
    const auto again = JobListRepository(*m_db).count(query.searchText, [] { return true; });
    QVERIFY(again.ok());
    QCOMPARE(again->all, 20007);
    QCOMPARE(again->matching, 0);
}

QTEST_GUILESS_MAIN(TestJobListRepository)
#include "tst_joblistrepository.moc"
