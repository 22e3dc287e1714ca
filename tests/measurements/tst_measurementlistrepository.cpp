// MeasurementListRepository on a real SQLite file and a real PostgreSQL server: the order of
// every column equals an ORDER BY written here by hand, whether pages are read forward by
// keyset, backward, or after a jump; search, verdict, window and issue-type filters select
// exactly the expected rows; the count and the row of a measurement agree with the pages.

#include "measurementfixture.h"
#include "measurementlistrepository.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace MeasurementFixture;
using SortKey = MeasurementQuery::SortKey;
using Verdict = Improvement::Verdict;
using Ids = QList<qint64>;

Q_DECLARE_METATYPE(SortKey)

class TestMeasurementListRepository : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init() { OPEN_TEST_DATABASE(m_db, m_folder); }
    void cleanup() { m_db.reset(); }

    void everyOrderMatchesSql_data();
    void everyOrderMatchesSql();
    void keysetPagingKeepsTheFiltersApplied();
    void countMatchesTheRows();
    void searchMatchesJobIdsAndTitles_data();
    void searchMatchesJobIdsAndTitles();
    void expectationFilterFollowsVerdictOf_data();
    void expectationFilterFollowsVerdictOf();
    void verdictFilterSelectsTheVerdictColumn();
    void windowUsesTheLatestRecording();
    void windowAndIssueTypeCountLikeTheSummary();
    void rowOfFindsAMeasurementsPlace();
    void pagePastTheEndIsEmpty();

private:
    void addHandMadeMeasurements();
    // Every row of `query` by reading pages of `size` rows forward from the start (keyset).
    Ids readForward(const MeasurementQuery &query, int size);
    Ids readPage(const MeasurementQuery &query, const MeasurementPageRequest &request,
                 MeasurementPage *page = nullptr);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    QHash<QString, qint64> m_ids; // hand-made measurements by name
};

Ids TestMeasurementListRepository::readPage(const MeasurementQuery &query,
                                            const MeasurementPageRequest &request,
                                            MeasurementPage *page)
{
    const Result<MeasurementPage> read = MeasurementListRepository(*m_db).page(query, request);
    if (!read) {
        qWarning("page failed: %s", qPrintable(read.error().message));
        return {-1};
    }
    if (page)
        *page = *read;
    Ids result;
    for (const MeasurementReportRow &row : read->rows)
        result << row.measurement.id;
    return result;
}

Ids TestMeasurementListRepository::readForward(const MeasurementQuery &query, int size)
{
    Ids result;
    MeasurementPageRequest request;
    request.size = size;
    for (int guard = 0; guard < 1000; ++guard) {
        MeasurementPage page;
        const Ids ids = readPage(query, request, &page);
        if (ids == Ids{-1})
            return ids;
        result += ids;
        if (ids.size() < size)
            break;
        request.firstRow += size;
        request.after = page.last;
    }
    return result;
}

void TestMeasurementListRepository::everyOrderMatchesSql_data()
{
    QTest::addColumn<SortKey>("key");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("nullable");
    const struct
    {
        const char *name;
        SortKey key;
        const char *expression;
        bool nullable;
    } columns[] = {
        {"recommendation", SortKey::Recommendation, "m.recommendation_id", false},
        {"issue type", SortKey::IssueType, "r.issue_type", false},
        {"before job", SortKey::JobBefore, "m.job_id_before", false},
        {"after job", SortKey::JobAfter, "m.job_id_after", true},
        {"before duration", SortKey::BeforeDuration, "m.before_duration_ms", false},
        {"after duration", SortKey::AfterDuration, "m.after_duration_ms", true},
        {"duration improvement", SortKey::DurationImprovement, "m.duration_improvement_pct", true},
        {"memory reduction", SortKey::MemoryReduction, "m.memory_reduction_pct", true},
        {"scan reduction", SortKey::ScanReduction, "m.scan_reduction_pct", true},
        {"cpu reduction", SortKey::CpuReduction, "m.cpu_reduction_pct", true},
        {"estimate", SortKey::Estimate, "r.estimated_improvement_pct", true},
        {"delta", SortKey::Delta, "m.expectation_delta_pct", true},
        // met, underperformed, regression, pending
        {"expectation", SortKey::Expectation,
         "CASE WHEN m.job_id_after IS NULL THEN 4 WHEN m.duration_improvement_pct < 0 THEN 3 "
         "WHEN m.meets_expectation THEN 1 ELSE 2 END", false},
        // SPEC §5.2: improved, no change, regressed, insufficient runs; pending last
        {"verdict", SortKey::Verdict,
         "CASE m.verdict WHEN 'improved' THEN 1 WHEN 'no_change' THEN 2 WHEN 'regressed' THEN 3 "
         "WHEN 'insufficient_runs' THEN 4 END", true},
        {"interval", SortKey::Interval, "m.improvement_ci_low_pct", true},
        {"runs", SortKey::Runs, "m.runs_before + m.runs_after", true},
        {"measured at", SortKey::MeasuredAt, "m.measured_at", false},
        {"completed at", SortKey::CompletedAt, "m.completed_at", true},
    };
    for (const auto &column : columns)
        QTest::newRow(column.name) << column.key << QString::fromLatin1(column.expression)
                                   << column.nullable;
}

// NULL keys last in both directions; the measurement id breaks ties in the key's direction.
void TestMeasurementListRepository::everyOrderMatchesSql()
{
    QFETCH(SortKey, key);
    QFETCH(QString, expression);
    QFETCH(bool, nullable);
    QVERIFY(addMixedMeasurements(*m_db, 60));

    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        const QString direction = order == Qt::AscendingOrder ? QStringLiteral("ASC")
                                                              : QStringLiteral("DESC");
        const Ids expected = ids(
            *m_db, QStringLiteral("SELECT m.id FROM measurements m JOIN recommendations r "
                                  "ON r.id = m.recommendation_id ORDER BY %1%2 %3, m.id %3")
                       .arg(nullable ? QStringLiteral("CASE WHEN %1 IS NULL THEN 1 ELSE 0 END, ")
                                           .arg(expression)
                                     : QString(),
                            expression, direction));
        QCOMPARE(expected.size(), 60);

        MeasurementQuery query;
        query.sortKey = key;
        query.order = order;
        query.now = now;
        // Forward by keyset, with page boundaries inside runs of equal keys.
        QCOMPARE(readForward(query, 7), expected);

        // A jump to any row (OFFSET once, from the nearer end when the total is known), then
        // backward by keyset from there.
        for (const qint64 totalRows : {qint64(-1), qint64(60)}) {
            for (const int firstRow : {1, 13, 29, 31, 47, 53, 58}) {
                MeasurementPageRequest request;
                request.firstRow = firstRow;
                request.size = 7;
                request.totalRows = totalRows;
                MeasurementPage page;
                QCOMPARE(readPage(query, request, &page), expected.mid(firstRow, 7));
                QCOMPARE(page.first.id, expected.at(firstRow));
                QCOMPARE(page.last.id, expected.at(std::min<int>(firstRow + 6, 59)));

                MeasurementPageRequest previous;
                previous.firstRow = std::max(0, firstRow - 5);
                previous.size = firstRow - previous.firstRow;
                previous.before = page.first;
                QCOMPARE(readPage(query, previous), expected.mid(previous.firstRow, previous.size));
            }
        }
    }
}

void TestMeasurementListRepository::keysetPagingKeepsTheFiltersApplied()
{
    QVERIFY(addMixedMeasurements(*m_db, 200));
    MeasurementQuery query;
    query.now = now;
    query.window = {30, QStringLiteral("select_star")};
    query.searchText = QStringLiteral("JOB-01");
    query.sortKey = SortKey::DurationImprovement;
    query.order = Qt::DescendingOrder;
    const Ids expected = ids(
        *m_db, QStringLiteral("SELECT m.id FROM measurements m JOIN recommendations r ON r.id = "
                              "m.recommendation_id WHERE COALESCE(m.completed_at, m.measured_at) >= ? "
                              "AND r.issue_type = 'select_star' AND (LOWER(m.job_id_before) LIKE "
                              "'%job-01%' OR LOWER(m.job_id_after) LIKE '%job-01%' OR LOWER(r.title) "
                              "LIKE '%job-01%') ORDER BY CASE WHEN m.duration_improvement_pct IS NULL "
                              "THEN 1 ELSE 0 END, m.duration_improvement_pct DESC, m.id DESC"),
        {Database::toSqlTimestamp(now.addDays(-30))});
    QVERIFY2(expected.size() >= 4, qPrintable(QString::number(expected.size())));
    QCOMPARE(readForward(query, 3), expected);
    QCOMPARE(MeasurementListRepository(*m_db).count(query).value(), qint64(expected.size()));
}

void TestMeasurementListRepository::countMatchesTheRows()
{
    QVERIFY(addMixedMeasurements(*m_db, 50));
    const MeasurementListRepository repository(*m_db);
    MeasurementQuery query;
    query.now = now;
    QCOMPARE(repository.count(query).value(), 50);
    for (const auto &window : {MeasurementWindow{7, std::nullopt}, MeasurementWindow{30, std::nullopt},
                               MeasurementWindow{std::nullopt, QStringLiteral("cartesian_join")}}) {
        query.window = window;
        for (const auto verdict : {std::optional<Verdict>(), std::optional(Verdict::Pending),
                                   std::optional(Verdict::Met)}) {
            query.expectation = verdict;
            QCOMPARE(repository.count(query).value(), qint64(readForward(query, 9).size()));
        }
        query.expectation.reset();
        for (const auto verdict : {RunStatistics::Verdict::Improved, RunStatistics::Verdict::InsufficientRuns}) {
            query.verdict = verdict;
            QCOMPARE(repository.count(query).value(), qint64(readForward(query, 9).size()));
        }
        query.verdict.reset();
    }
}

// Five recommendations and the measurements the search, verdict and window tests look for.
void TestMeasurementListRepository::addHandMadeMeasurements()
{
    for (const char *job : {"bq_JOB_2026_a1", "bq_job_2026_a2", "sf-01b0-4455", "sf-01b0-9999",
                            "pg-77", "pg-78", "db_100%", "db_1x0", "C1", "C2"})
        QVERIFY(addJob(*m_db, QString::fromLatin1(job)));
    QVERIFY(addRecommendation(*m_db, 1, QStringLiteral("C1"), QStringLiteral("missing_partition_filter"),
                              QStringLiteral("Add a partition filter on Orders"), 60));
    QVERIFY(addRecommendation(*m_db, 2, QStringLiteral("C1"), QStringLiteral("select_star"),
                              QStringLiteral("Select only the needed columns"), 30));
    QVERIFY(addRecommendation(*m_db, 3, QStringLiteral("C1"), QStringLiteral("missing_clustering"),
                              std::nullopt, std::nullopt));
    QVERIFY(addRecommendation(*m_db, 4, QStringLiteral("C1"), QStringLiteral("select_star"),
                              QStringLiteral("Keep 100% of rows_sorted"), 20));
    QVERIFY(addRecommendation(*m_db, 5, QStringLiteral("C1"), QStringLiteral("unnecessary_sort"),
                              QStringLiteral("Drop the ORDER BY"), 10));

    auto add = [this](const char *name, Row row) { m_ids.insert(QString::fromLatin1(name), addMeasurement(*m_db, row)); };
    Row met = completedRow(1, QStringLiteral("bq_JOB_2026_a1"), QStringLiteral("bq_job_2026_a2"), 1000, 300, 70.0);
    met.meets = true;
    met.deltaPct = 10;
    met.measuredAt = now.addDays(-40); // measured long ago, completed recently: in a 7-day window
    met.completedAt = now.addDays(-2);
    add("met", met);
    Row under = completedRow(2, QStringLiteral("sf-01b0-4455"), QStringLiteral("sf-01b0-9999"), 2000, 1900, 5.0);
    under.meets = false;
    under.deltaPct = -25;
    under.measuredAt = now.addDays(-10);
    under.completedAt = now.addDays(-9);
    add("underperformed", under);
    Row regression = completedRow(3, QStringLiteral("pg-77"), QStringLiteral("pg-78"), 500, 600, -20.0);
    regression.meets = false;
    regression.deltaPct = -20;
    regression.measuredAt = now.addDays(-100);
    regression.completedAt = now.addDays(-95);
    add("regression", regression);
    Row pending = pendingRow(4, QStringLiteral("db_100%"));
    pending.measuredAt = now.addDays(-1);
    add("pending", pending);
    // Before duration 0: no improvement, no expectation; not a regression, not met.
    Row noImprovement = completedRow(5, QStringLiteral("db_1x0"), QStringLiteral("C2"), 0, 10, std::nullopt);
    noImprovement.notes = QStringLiteral("The before duration is 0 ms: no improvement can be computed");
    noImprovement.measuredAt = now.addDays(-5);
    noImprovement.completedAt = now.addDays(-4);
    add("no improvement", noImprovement);
    // Zero improvement that meets a zero expectation is met, not a regression.
    Row zeroMet = completedRow(5, QStringLiteral("C1"), QStringLiteral("C2"), 100, 100, 0.0);
    zeroMet.meets = true;
    zeroMet.deltaPct = 0;
    zeroMet.measuredAt = now.addDays(-3);
    zeroMet.completedAt = now.addDays(-3);
    add("zero met", zeroMet);
    // A stored regression flagged as meeting (an older rule): the regression wins.
    Row slowerFlaggedMet = completedRow(2, QStringLiteral("C2"), QStringLiteral("C1"), 100, 150, -50.0);
    slowerFlaggedMet.meets = true;
    slowerFlaggedMet.deltaPct = -80;
    slowerFlaggedMet.measuredAt = now.addDays(-6);
    slowerFlaggedMet.completedAt = now.addDays(-6);
    add("slower flagged met", slowerFlaggedMet);
}

void TestMeasurementListRepository::searchMatchesJobIdsAndTitles_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    auto names = [](std::initializer_list<const char *> list) {
        QStringList result;
        for (const char *name : list)
            result << QString::fromLatin1(name);
        return result;
    };
    QTest::newRow("before job, other case") << QStringLiteral("BQ_JOB_2026_A1") << names({"met"});
    QTest::newRow("after job only") << QStringLiteral("9999") << names({"underperformed"});
    QTest::newRow("both jobs by a common part") << QStringLiteral("bq_job") << names({"met"});
    QTest::newRow("title, other case") << QStringLiteral("ORDERS") << names({"met"});
    QTest::newRow("title of a recommendation measured twice")
        << QStringLiteral("needed columns") << names({"underperformed", "slower flagged met"});
    // job db_100% and the title "Keep 100% of rows_sorted" belong to the same measurement
    QTest::newRow("percent sign is literal") << QStringLiteral("100%") << names({"pending"});
    QTest::newRow("underscore is literal") << QStringLiteral("_1x") << names({"no improvement"});
    QTest::newRow("underscore does not match any character") << QStringLiteral("db_1_0") << names({});
    QTest::newRow("surrounding spaces are ignored") << QStringLiteral("  pg-7  ") << names({"regression"});
    QTest::newRow("no match") << QStringLiteral("nothing like it") << names({});
    QTest::newRow("empty text matches all")
        << QString() << names({"met", "underperformed", "regression", "pending", "no improvement",
                               "zero met", "slower flagged met"});
}

void TestMeasurementListRepository::searchMatchesJobIdsAndTitles()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    addHandMadeMeasurements();
    MeasurementQuery query;
    query.now = now;
    query.searchText = text;
    query.sortKey = SortKey::Recommendation;
    Ids actual = readForward(query, 100);
    Ids wanted;
    for (const QString &name : std::as_const(expected))
        wanted << m_ids.value(name);
    std::sort(actual.begin(), actual.end());
    std::sort(wanted.begin(), wanted.end());
    QCOMPARE(actual, wanted);
    QCOMPARE(MeasurementListRepository(*m_db).count(query).value(), qint64(wanted.size()));
}

void TestMeasurementListRepository::expectationFilterFollowsVerdictOf_data()
{
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("pending") << Verdict::Pending << QStringList{QStringLiteral("pending")};
    QTest::newRow("met") << Verdict::Met
                         << QStringList{QStringLiteral("met"), QStringLiteral("zero met")};
    QTest::newRow("underperformed")
        << Verdict::Underperformed
        << QStringList{QStringLiteral("underperformed"), QStringLiteral("no improvement")};
    QTest::newRow("regression")
        << Verdict::Regression
        << QStringList{QStringLiteral("regression"), QStringLiteral("slower flagged met")};
}

void TestMeasurementListRepository::expectationFilterFollowsVerdictOf()
{
    QFETCH(Verdict, verdict);
    QFETCH(QStringList, expected);
    addHandMadeMeasurements();

    MeasurementQuery query;
    query.now = now;
    query.expectation = verdict;
    MeasurementPageRequest all;
    all.size = 1000;
    const Result<MeasurementPage> page = MeasurementListRepository(*m_db).page(query, all);
    QVERIFY(page.ok());
    Ids actual;
    for (const MeasurementReportRow &row : page->rows) {
        QCOMPARE(int(Improvement::verdictOf(row.measurement)), int(verdict));
        actual << row.measurement.id;
    }
    Ids wanted;
    for (const QString &name : std::as_const(expected))
        wanted << m_ids.value(name);
    std::sort(actual.begin(), actual.end());
    std::sort(wanted.begin(), wanted.end());
    QCOMPARE(actual, wanted);
}

void TestMeasurementListRepository::windowUsesTheLatestRecording()
{
    addHandMadeMeasurements();
    MeasurementQuery query;
    query.now = now;
    query.sortKey = SortKey::Recommendation;
    query.window = {7, std::nullopt};
    Ids actual = readForward(query, 100);
    std::sort(actual.begin(), actual.end());
    Ids wanted{m_ids.value(QStringLiteral("met")), m_ids.value(QStringLiteral("pending")),
               m_ids.value(QStringLiteral("no improvement")), m_ids.value(QStringLiteral("zero met")),
               m_ids.value(QStringLiteral("slower flagged met"))};
    std::sort(wanted.begin(), wanted.end());
    QCOMPARE(actual, wanted);

    query.window = {7, QStringLiteral("select_star")};
    actual = readForward(query, 100);
    std::sort(actual.begin(), actual.end());
    wanted = {m_ids.value(QStringLiteral("pending")), m_ids.value(QStringLiteral("slower flagged met"))};
    std::sort(wanted.begin(), wanted.end());
    QCOMPARE(actual, wanted);
}

void TestMeasurementListRepository::windowAndIssueTypeCountLikeTheSummary()
{
    QVERIFY(addMixedMeasurements(*m_db, 120));
    const MeasurementListRepository repository(*m_db);
    const MeasurementRepository measurements(*m_db);
    for (const std::optional<int> days : {std::optional<int>(7), std::optional<int>(30),
                                          std::optional<int>(90), std::optional<int>()}) {
        for (const auto &issue : {std::optional<QString>(), std::optional(QStringLiteral("select_star"))}) {
            MeasurementQuery query;
            query.now = now;
            query.window = {days, issue};
            const Result<Summary> summary = measurements.summary(query.window, 10, now);
            QVERIFY(summary.ok());
            QCOMPARE(repository.count(query).value(), summary->totalMeasurements);
        }
    }
}

// SPEC §5.2's verdict: exactly the rows whose verdict column holds it, and every one of them;
// pending measurements (no verdict) with none.
void TestMeasurementListRepository::verdictFilterSelectsTheVerdictColumn()
{
    QVERIFY(addMixedMeasurements(*m_db, 60));
    for (const auto verdict : {RunStatistics::Verdict::Improved, RunStatistics::Verdict::NoChange,
                               RunStatistics::Verdict::Regressed, RunStatistics::Verdict::InsufficientRuns}) {
        MeasurementQuery query;
        query.now = now;
        query.verdict = verdict;
        query.sortKey = SortKey::Recommendation;
        query.order = Qt::AscendingOrder;
        MeasurementPageRequest all;
        all.size = 1000;
        const Result<MeasurementPage> page = MeasurementListRepository(*m_db).page(query, all);
        QVERIFY(page.ok());
        Ids actual;
        for (const MeasurementReportRow &row : page->rows) {
            QCOMPARE(row.measurement.verdict, std::optional(verdict));
            actual << row.measurement.id;
        }
        std::sort(actual.begin(), actual.end());
        const Ids wanted = MeasurementFixture::ids(*m_db, QStringLiteral("SELECT id FROM measurements WHERE verdict = ? "
                                                                         "ORDER BY id"),
                                                   {RunStatistics::verdictName(verdict)});
        QVERIFY(!wanted.isEmpty());
        QCOMPARE(actual, wanted);
    }
}

void TestMeasurementListRepository::rowOfFindsAMeasurementsPlace()
{
    QVERIFY(addMixedMeasurements(*m_db, 60));
    const MeasurementListRepository repository(*m_db);
    for (const SortKey key : {SortKey::MeasuredAt, SortKey::DurationImprovement, SortKey::JobAfter,
                              SortKey::Expectation, SortKey::Verdict, SortKey::Interval}) {
        MeasurementQuery query;
        query.now = now;
        query.sortKey = key;
        query.order = Qt::DescendingOrder;
        query.window = {30, std::nullopt};
        const Ids order = readForward(query, 11);
        QVERIFY(!order.isEmpty());
        for (qsizetype row = 0; row < order.size(); row += 5)
            QCOMPARE(repository.rowOf(query, order.at(row)).value(), std::optional<qint64>(row));
        // A measurement the window leaves out has no row.
        const Ids all = ids(*m_db, QStringLiteral("SELECT id FROM measurements ORDER BY id"));
        for (const qint64 id : all) {
            if (!order.contains(id)) {
                QCOMPARE(repository.rowOf(query, id).value(), std::optional<qint64>());
                break;
            }
        }
    }
}

void TestMeasurementListRepository::pagePastTheEndIsEmpty()
{
    QVERIFY(addMixedMeasurements(*m_db, 10));
    MeasurementQuery query;
    query.now = now;
    MeasurementPageRequest request;
    request.firstRow = 10;
    request.size = 5;
    QCOMPARE(readPage(query, request), Ids());
    request.firstRow = 8;
    QCOMPARE(readPage(query, request).size(), 2);
}

QTEST_GUILESS_MAIN(TestMeasurementListRepository)
#include "tst_measurementlistrepository.moc"
