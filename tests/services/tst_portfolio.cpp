// Portfolio truth (SPEC §6) on a real SQLite file and a real PostgreSQL server: the after-job
// suggestions and their order on every tie (§6.1), the calibration of the estimates with its
// roundings at halves (§6.2), and the recurring savings (§6.3), migration 11 included.

#include "calibration.h"
#include "measurementrepository.h"
#include "measurementservice.h"
#include "migrations.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using OptionalDouble = std::optional<double>;

namespace {

// The recommendations' implementation: the start of the suggestions' window.
const QDateTime T0(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);
const QDateTime Now(QDate(2026, 3, 31), QTime(9, 0), Qt::UTC);
constexpr qint64 Hour = 3600, Day = 24 * Hour;

struct JobSpec
{
    QString id;
    QString hash;  // empty: NULL
    QString user;  // empty: NULL
    QString text;  // empty: NULL
    qint64 offsetSeconds = 0; // from T0
    double durationMs = 1000;
    QString status = QStringLiteral("success");
    bool cacheHit = false;
};

const QString BeforeText = u"select * from sales where d = '2026-01-01'"_s;
// {select, *, from, sales, where, d, =, ?} against {select, a, ",", b, from, sales, where, d, =, ?}:
// 7 common tokens of 11.
const QString RewrittenText = u"SELECT a, b FROM sales WHERE d = '2026-02-01'"_s;
// The before tokens and {and, r}: 8 of 10.
const QString FilteredText = u"select * from sales where d = '2026-03-01' and r = 'eu'"_s;
// {select, count, (, *, ), from, orders}: 3 of 12.
const QString OtherText = u"select count(*) from orders"_s;

struct Expected
{
    QString jobId;
    double score;
    QString reason;
};

} // namespace

class TestPortfolio : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { qputenv("USER", "tester"); }
    void init();
    void cleanup() { m_db.reset(); }

    void suggestionsInTheirOrderOnEveryTie();
    void suggestionsKeepTheBestWithinTheLimit();
    void withoutImplementationTheWindowStartsAtTheBeforeJob();
    void namedBeforeRunsAreNoCandidates();
    void suggestionsForTheLatestWhenNoneIsOpen();
    void suggestionErrors();
    void similarityOfATypedAfterJob();

    void calibrationPerIssueTypeAndOverAll();
    void calibrationOfOneIssueTypeAndOfAnEmptyWindow();
    void calibratedEstimates();

    void runsPerDayCountThePreviousThirtyDays();
    void runsPerDayWithoutHashIsOnceAMonth();
    void summaryProjectsMonthlyHours();
    void refreshCountsTheRunsAgain();
    void migrationGivesCompletedMeasurementsTheirRunsPerDay();

private:
    void addJobs(const QList<JobSpec> &jobs);
    void addRecommendation(qint64 id, const QString &job, const QString &issueType, OptionalDouble estimate,
                           std::optional<QDateTime> implementedAt = T0);
    void addSuggestionHistory();
    void measure(qint64 recommendation, const QString &before, const QString &after, const QDateTime &at = Now);
    void compareSuggestions(const AfterSuggestions::Suggestions &actual, const QList<Expected> &expected);
    MeasurementService service(const QDateTime &at = Now)
    {
        MeasurementService s(*m_db);
        s.setClock([at] { return at; });
        return s;
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestPortfolio::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
}

void TestPortfolio::addJobs(const QList<JobSpec> &jobs)
{
    Transaction transaction(*m_db);
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT INTO queries (job_id, query_hash, user_name, query_text, engine, started_at, duration_ms, "
                  "status, cache_hit) VALUES (?, ?, ?, ?, 'snowflake', ?, ?, ?, ?)"_s);
    const auto orNull = [](const QString &value) {
        return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
    };
    for (const JobSpec &job : jobs) {
        query.addBindValue(job.id);
        query.addBindValue(orNull(job.hash));
        query.addBindValue(orNull(job.user));
        query.addBindValue(orNull(job.text));
        query.addBindValue(Database::toSqlTimestamp(T0.addSecs(job.offsetSeconds)));
        query.addBindValue(job.durationMs);
        query.addBindValue(job.status);
        query.addBindValue(job.cacheHit);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }
    QVERIFY(transaction.commit().ok());
}

void TestPortfolio::addRecommendation(qint64 id, const QString &job, const QString &issueType,
                                      OptionalDouble estimate, std::optional<QDateTime> implementedAt)
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct, implemented_at) "
                  "VALUES (?, ?, ?, ?, ?)"_s);
    query.addBindValue(id);
    query.addBindValue(job);
    query.addBindValue(issueType);
    query.addBindValue(estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
    query.addBindValue(implementedAt ? Database::toSqlTimestamp(*implementedAt)
                                     : QVariant(QMetaType::fromType<QString>()));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

// Recommendation 1 (implemented at T0) of job B: query H by ana, a day before T0. The window
// [T0, T0 + 14 days] holds runs of H, rewritten texts, and jobs that must not be suggested.
void TestPortfolio::addSuggestionHistory()
{
    addJobs({
        {u"B"_s, u"H"_s, u"ana"_s, BeforeText, -Day},
        // Score 1: ana's runs first, at the same start by job ID; then the others by start.
        {u"same-bob-late"_s, u"H"_s, u"bob"_s, BeforeText, 2 * Hour},
        {u"same-ana-b"_s, u"H"_s, u"ana"_s, BeforeText, 5 * Hour},
        {u"same-ana-a"_s, u"H"_s, u"ana"_s, BeforeText, 5 * Hour},
        {u"edge-start"_s, u"H"_s, u"bob"_s, QString(), 0},           // the window's ends belong to it
        {u"edge-end"_s, u"H"_s, QString(), QString(), 14 * Day},
        // No hash, the before job's text: similar_text, score 1.
        {u"text-only"_s, QString(), u"carl"_s, BeforeText, Day},
        {u"filtered"_s, u"H3"_s, u"bob"_s, FilteredText, 6 * Day},    // 0.8
        {u"rewritten-bob"_s, u"H2"_s, u"bob"_s, RewrittenText, Hour}, // 7/11, after ana's
        {u"rewritten-ana"_s, u"H2"_s, u"ana"_s, RewrittenText, 3 * Day},
        // Not suggested: dissimilar, no text, failed, cached, outside the window.
        {u"other"_s, u"H4"_s, u"ana"_s, OtherText, Hour},
        {u"no-text"_s, u"H5"_s, u"ana"_s, QString(), Hour},
        {u"failed"_s, u"H"_s, u"ana"_s, BeforeText, Hour, 1000, u"failed"_s},
        {u"cached"_s, u"H"_s, u"ana"_s, BeforeText, Hour, 1000, u"success"_s, true},
        {u"too-early"_s, u"H"_s, u"ana"_s, BeforeText, -1},
        {u"too-late"_s, u"H"_s, u"ana"_s, BeforeText, 14 * Day + 1},
    });
    addRecommendation(1, u"B"_s, u"select_star"_s, 30.0);
}

void TestPortfolio::measure(qint64 recommendation, const QString &before, const QString &after, const QDateTime &at)
{
    MeasurementService s = service(at);
    const auto open = s.recordBefore(recommendation, before);
    QVERIFY2(open.ok(), open.ok() ? "" : qPrintable(open.error().message));
    const auto done = s.recordAfter(recommendation, after);
    QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
}

void TestPortfolio::compareSuggestions(const AfterSuggestions::Suggestions &actual, const QList<Expected> &expected)
{
    QStringList actualRows, expectedRows;
    for (const AfterSuggestions::Candidate &c : actual.candidates)
        actualRows << u"%1 %2 %3"_s.arg(c.jobId, AfterSuggestions::reasonKey(c.reason)).arg(c.score, 0, 'g', 17);
    for (const Expected &e : expected)
        expectedRows << u"%1 %2 %3"_s.arg(e.jobId, e.reason).arg(e.score, 0, 'g', 17);
    QCOMPARE(actualRows, expectedRows);
}

const QList<Expected> AllSuggestions = {
    {u"same-ana-a"_s, 1.0, u"same_hash"_s},
    {u"same-ana-b"_s, 1.0, u"same_hash"_s},
    {u"edge-start"_s, 1.0, u"same_hash"_s},
    {u"same-bob-late"_s, 1.0, u"same_hash"_s},
    {u"text-only"_s, 1.0, u"similar_text"_s},
    {u"edge-end"_s, 1.0, u"same_hash"_s},
    {u"filtered"_s, 0.8, u"similar_text"_s},
    {u"rewritten-ana"_s, 7.0 / 11.0, u"similar_text"_s},
    {u"rewritten-bob"_s, 7.0 / 11.0, u"similar_text"_s},
};

void TestPortfolio::suggestionsInTheirOrderOnEveryTie()
{
    addSuggestionHistory();
    QVERIFY(service().recordBefore(1).ok());
    const auto suggestions = service().suggestAfter(1, 100);
    QVERIFY2(suggestions.ok(), suggestions.ok() ? "" : qPrintable(suggestions.error().message));
    compareSuggestions(*suggestions, AllSuggestions);
    QCOMPARE(suggestions->from, T0);
    QCOMPARE(suggestions->to, T0.addDays(14));
    QCOMPARE(suggestions->beforeJobId, u"B"_s);
    QVERIFY(!suggestions->correcting);
    // The measurable jobs of the window (B started a day before it): all but failed, cached,
    // too-early and too-late.
    QCOMPARE(suggestions->candidatesRead, 11);
    const AfterSuggestions::Candidate &first = suggestions->candidates.first();
    QCOMPARE(first.startedAt, std::optional(T0.addSecs(5 * Hour)));
    QCOMPARE(first.durationMs, 1000.0);
    QCOMPARE(first.queryHash, std::optional(u"H"_s));
    QCOMPARE(first.queryText, std::optional(BeforeText));
}

void TestPortfolio::suggestionsKeepTheBestWithinTheLimit()
{
    addSuggestionHistory();
    QVERIFY(service().recordBefore(1).ok());
    const auto three = service().suggestAfter(1, 3);
    QVERIFY(three.ok());
    compareSuggestions(*three, AllSuggestions.mid(0, 3));
    // A shorter window: D = 1 day ends before the rewritten runs of ana and the filtered query.
    const auto oneDay = service().suggestAfter(1, 100, 1);
    QVERIFY(oneDay.ok());
    QCOMPARE(oneDay->to, T0.addDays(1));
    compareSuggestions(*oneDay, {AllSuggestions[0], AllSuggestions[1], AllSuggestions[2], AllSuggestions[3],
                                 AllSuggestions[4], AllSuggestions[8]});
}

void TestPortfolio::withoutImplementationTheWindowStartsAtTheBeforeJob()
{
    addJobs({
        {u"B"_s, u"H"_s, u"ana"_s, BeforeText, 0},
        {u"earlier"_s, u"H"_s, u"ana"_s, BeforeText, -1},
        {u"later"_s, u"H"_s, u"bob"_s, BeforeText, 1},
    });
    addRecommendation(2, u"B"_s, u"select_star"_s, 30.0, std::nullopt);
    QVERIFY(service().recordBefore(2).ok());
    const auto suggestions = service().suggestAfter(2, 10);
    QVERIFY(suggestions.ok());
    QCOMPARE(suggestions->from, T0);
    // B itself starts the window and is no candidate.
    compareSuggestions(*suggestions, {{u"later"_s, 1.0, u"same_hash"_s}});
}

void TestPortfolio::namedBeforeRunsAreNoCandidates()
{
    addSuggestionHistory();
    // Named before runs within the window are the before side, not the after job.
    QVERIFY(service().recordBefore(1, QStringList{u"B"_s, u"same-ana-a"_s, u"text-only"_s}, std::nullopt).ok());
    const auto suggestions = service().suggestAfter(1, 4);
    QVERIFY(suggestions.ok());
    compareSuggestions(*suggestions, {AllSuggestions[1], AllSuggestions[2], AllSuggestions[3], AllSuggestions[5]});
}

void TestPortfolio::suggestionsForTheLatestWhenNoneIsOpen()
{
    addSuggestionHistory();
    measure(1, u"B"_s, u"rewritten-bob"_s);
    const qint64 measurementId = service().latest(1)->id;
    const auto suggestions = service().suggestAfter(1, 2);
    QVERIFY(suggestions.ok());
    QVERIFY(suggestions->correcting);
    QCOMPARE(suggestions->measurementId, measurementId);
    compareSuggestions(*suggestions, AllSuggestions.mid(0, 2));
}

void TestPortfolio::suggestionErrors()
{
    addSuggestionHistory();
    const auto unknown = service().suggestAfter(99, 10);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, Error::Kind::NotFound);
    QCOMPARE(unknown.error().message, u"Recommendation not found: 99"_s);
    const auto notMeasured = service().suggestAfter(1, 10);
    QVERIFY(!notMeasured.ok());
    QCOMPARE(notMeasured.error().kind, Error::Kind::InvalidState);
    QCOMPARE(notMeasured.error().message, u"No before metrics found for recommendation 1"_s);
}

void TestPortfolio::similarityOfATypedAfterJob()
{
    using AfterSuggestions::similarity;
    const std::optional<QString> h = u"H"_s, text = BeforeText;
    QCOMPARE(similarity(h, text, h, std::nullopt), OptionalDouble(1.0));
    QCOMPARE(similarity(h, text, u"H2"_s, RewrittenText), OptionalDouble(7.0 / 11.0));
    QCOMPARE(similarity(h, text, std::nullopt, OtherText), OptionalDouble(0.25));
    QCOMPARE(similarity(std::nullopt, text, std::nullopt, std::nullopt), std::nullopt);
    QCOMPARE(similarity(h, std::nullopt, u"H2"_s, OtherText), std::nullopt);
}

// Actual improvements from durations of 1000 ms before: 750 → 25 %, 640 → 36 %, 900 → 10 %,
// 1450 → −45 %. The expected values (half away from zero):
//   select_star              (e, a) = (30, 25), (20.1, 36), (50, 10)
//   cartesian_join           (30, 25), (20.1, 36): means 25.05 → 25.1, bias 5.45 → 5.5, MAE 10.45 → 10.5
//   missing_partition_filter (40, −45): factor −1.125 → −1.13
//   unnecessary_sort         (0, 10): Σ e² = 0, no factor
void TestPortfolio::calibrationPerIssueTypeAndOverAll()
{
    addJobs({{u"b1"_s}, {u"b2"_s}, {u"b3"_s}, {u"b4"_s}, {u"b5"_s}, {u"b6"_s}, {u"b7"_s}, {u"b8"_s},
             {u"b9"_s}, {u"b10"_s}, {u"b11"_s}, {u"zero"_s, {}, {}, {}, 0, 0},
             {u"a750"_s, {}, {}, {}, 0, 750}, {u"a640"_s, {}, {}, {}, 0, 640},
             {u"a900"_s, {}, {}, {}, 0, 900}, {u"a1450"_s, {}, {}, {}, 0, 1450}});
    addRecommendation(1, u"b1"_s, u"select_star"_s, 30.0);
    addRecommendation(2, u"b2"_s, u"select_star"_s, 20.1);
    addRecommendation(3, u"b3"_s, u"select_star"_s, 50.0);
    addRecommendation(4, u"b4"_s, u"cartesian_join"_s, 30.0);
    addRecommendation(5, u"b5"_s, u"cartesian_join"_s, 20.1);
    addRecommendation(6, u"b6"_s, u"missing_partition_filter"_s, 40.0);
    addRecommendation(7, u"b7"_s, u"unnecessary_sort"_s, 0.0);
    // Not counted: no estimate, no actual (before 0 ms), open, completed 31 days ago.
    addRecommendation(8, u"b8"_s, u"select_star"_s, std::nullopt);
    addRecommendation(9, u"zero"_s, u"select_star"_s, 30.0);
    addRecommendation(10, u"b10"_s, u"select_star"_s, 30.0);
    addRecommendation(11, u"b11"_s, u"select_star"_s, 30.0);
    measure(1, u"b1"_s, u"a750"_s);
    measure(2, u"b2"_s, u"a640"_s);
    measure(3, u"b3"_s, u"a900"_s);
    measure(4, u"b4"_s, u"a750"_s);
    measure(5, u"b5"_s, u"a640"_s);
    measure(6, u"b6"_s, u"a1450"_s);
    measure(7, u"b7"_s, u"a900"_s);
    measure(8, u"b8"_s, u"a750"_s);
    measure(9, u"zero"_s, u"a750"_s);
    QVERIFY(service().recordBefore(10).ok());
    measure(11, u"b11"_s, u"a750"_s, Now.addDays(-31));

    const auto rows = service().calibration({30, std::nullopt});
    QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
    const auto text = [](const Calibration::Row &row) {
        return u"%1 n=%2 e=%3 a=%4 bias=%5 mae=%6 factor=%7 success=%8"_s.arg(row.issueType.value_or(u"(all)"_s))
            .arg(row.count)
            .arg(row.meanEstimatedPct)
            .arg(row.meanActualPct)
            .arg(row.biasPct)
            .arg(row.maePct)
            .arg(row.factor ? QString::number(*row.factor) : u"null"_s)
            .arg(row.successRatePct);
    };
    QStringList actual;
    for (const Calibration::Row &row : *rows)
        actual << text(row);
    QCOMPARE(actual, (QStringList{
                         u"cartesian_join n=2 e=25.1 a=30.5 bias=5.5 mae=10.5 factor=1.13 success=100"_s,
                         u"missing_partition_filter n=1 e=40 a=-45 bias=-85 mae=85 factor=-1.13 success=0"_s,
                         u"select_star n=3 e=33.4 a=23.7 bias=-9.7 mae=20.3 factor=0.52 success=66.7"_s,
                         u"unnecessary_sort n=1 e=0 a=10 bias=10 mae=10 factor=null success=100"_s,
                         u"(all) n=7 e=27.2 a=13.9 bias=-13.3 mae=25.3 factor=0.25 success=71.4"_s,
                     }));
    // 60 days take the measurement completed 31 days ago in: select_star gains (30, 25).
    const auto longer = service().calibration({60, std::nullopt});
    QVERIFY(longer.ok());
    QCOMPARE(longer->at(2).count, 4);
    QCOMPARE(longer->at(2).meanEstimatedPct, 32.5);  // 130.1 / 4 = 32.525
    QCOMPARE(longer->at(2).biasPct, -8.5);           // −34.1 / 4 = −8.525
    QCOMPARE(longer->at(2).successRatePct, 75.0);
    QCOMPARE(longer->last().count, 8);
}

void TestPortfolio::calibrationOfOneIssueTypeAndOfAnEmptyWindow()
{
    addJobs({{u"b1"_s}, {u"b2"_s}, {u"a640"_s, {}, {}, {}, 0, 640}, {u"a900"_s, {}, {}, {}, 0, 900}});
    addRecommendation(1, u"b1"_s, u"select_star"_s, 20.1);
    addRecommendation(2, u"b2"_s, u"cartesian_join"_s, 50.0);
    measure(1, u"b1"_s, u"a640"_s);
    measure(2, u"b2"_s, u"a900"_s);
    const auto one = service().calibration({30, u"select_star"_s});
    QVERIFY(one.ok());
    QCOMPARE(one->size(), 2);
    QCOMPARE(one->at(0).issueType, std::optional(u"select_star"_s));
    QCOMPARE(one->at(1).issueType, std::nullopt);
    for (const Calibration::Row &row : *one) {
        QCOMPARE(row.count, 1);
        QCOMPARE(row.meanEstimatedPct, 20.1);
        QCOMPARE(row.meanActualPct, 36.0);
        QCOMPARE(row.biasPct, 15.9);
        QCOMPARE(row.factor, OptionalDouble(1.79)); // 36 / 20.1 = 1.791…
        QCOMPARE(row.successRatePct, 100.0);
    }
    const auto none = service().calibration({30, u"no_such_type"_s});
    QVERIFY(none.ok());
    QCOMPARE(none->size(), 1);
    const Calibration::Row &all = none->first();
    QVERIFY(!all.issueType && !all.factor);
    QCOMPARE(all.count, 0);
    QCOMPARE(all.meanEstimatedPct, 0.0);
    QCOMPARE(all.successRatePct, 0.0);
}

void TestPortfolio::calibratedEstimates()
{
    const auto row = [](const QString &type, qint64 count, OptionalDouble factor) {
        Calibration::Row r;
        r.issueType = type;
        r.count = count;
        r.factor = factor;
        return r;
    };
    const QList<Calibration::Row> rows{row(u"a"_s, 5, 0.51), row(u"b"_s, 4, 0.8), row(u"c"_s, 9, std::nullopt),
                                       Calibration::Row{std::nullopt, 18, 0, 0, 0, 0, 0.6, 0}};
    const QHash<QString, double> factors = Calibration::usableFactors(rows);
    QCOMPARE(factors, (QHash<QString, double>{{u"a"_s, 0.51}}));
    QCOMPARE(Calibration::calibratedEstimate(40.0, 0.51), OptionalDouble(20.4));
    QCOMPARE(Calibration::calibratedEstimate(33.3, 0.5), OptionalDouble(16.7));   // 16.65
    QCOMPARE(Calibration::calibratedEstimate(-33.3, 0.5), OptionalDouble(-16.7)); // −16.65
    QCOMPARE(Calibration::calibratedEstimate(std::nullopt, 0.5), std::nullopt);
    QCOMPARE(Calibration::calibratedEstimate(40.0, std::nullopt), std::nullopt);
}

// B (query H) starts at T0; H's measurable runs in [T0 − 30 days, T0) count.
void TestPortfolio::runsPerDayCountThePreviousThirtyDays()
{
    addJobs({
        {u"B"_s, u"H"_s, {}, {}, 0, 3600000},
        {u"first"_s, u"H"_s, {}, {}, -30 * Day},    // counted: the window's start
        {u"last"_s, u"H"_s, {}, {}, -1},            // counted
        {u"older"_s, u"H"_s, {}, {}, -30 * Day - 1},
        {u"same-time"_s, u"H"_s, {}, {}, 0},
        {u"failed"_s, u"H"_s, {}, {}, -Hour, 1000, u"failed"_s},
        {u"cached"_s, u"H"_s, {}, {}, -Hour, 1000, u"success"_s, true},
        {u"other"_s, u"H2"_s, {}, {}, -Hour},
        {u"A"_s, u"H2"_s, {}, {}, Day, 1800000},
    });
    addRecommendation(1, u"B"_s, u"select_star"_s, 30.0);
    measure(1, u"B"_s, u"A"_s);
    const auto m = service().latest(1);
    QVERIFY(m.ok());
    QCOMPARE(m->runsPerDay, OptionalDouble(3.0 / 30.0));
    // 1,800,000 ms saved × 0.1 a day × 30 days = 1.5 h.
    QCOMPARE(m->projectedMonthlyHoursSaved(), OptionalDouble(1.5));
    const auto stored = MeasurementRepository(*m_db).find(m->id);
    QCOMPARE(stored.value()->runsPerDay, OptionalDouble(0.1));
}

void TestPortfolio::runsPerDayWithoutHashIsOnceAMonth()
{
    addJobs({{u"B"_s, {}, {}, {}, 0, 3600000}, {u"A"_s, {}, {}, {}, Day, 7200000}});
    addRecommendation(1, u"B"_s, u"select_star"_s, 30.0);
    measure(1, u"B"_s, u"A"_s);
    const auto m = service().latest(1);
    QCOMPARE(m->runsPerDay, OptionalDouble(1.0 / 30.0));
    // A regression: −3,600,000 ms once a month.
    QCOMPARE(m->projectedMonthlyHoursSaved(), OptionalDouble(-1.0));
}

// Σ (before − after) × runs_per_day × 30 / 3,600,000: 1,800,000 × 0.1 − 3,600,000 / 30 +
// 180,000 / 30 = 66,000 → 0.55 h, 0.6 rounded half away from zero.
void TestPortfolio::summaryProjectsMonthlyHours()
{
    addJobs({
        {u"B1"_s, u"H"_s, {}, {}, 0, 3600000},
        {u"h1"_s, u"H"_s, {}, {}, -Day},
        {u"h2"_s, u"H"_s, {}, {}, -2 * Day},
        {u"A1"_s, {}, {}, {}, Day, 1800000},
        {u"B2"_s, {}, {}, {}, 0, 3600000},
        {u"A2"_s, {}, {}, {}, Day, 7200000},
        {u"B3"_s, {}, {}, {}, 0, 3600000},
        {u"A3"_s, {}, {}, {}, Day, 3420000},
        {u"B4"_s, u"H"_s, {}, {}, 0, 3600000},
    });
    addRecommendation(1, u"B1"_s, u"select_star"_s, 30.0);
    addRecommendation(2, u"B2"_s, u"select_star"_s, 30.0);
    addRecommendation(3, u"B3"_s, u"cartesian_join"_s, 30.0);
    addRecommendation(4, u"B4"_s, u"select_star"_s, 30.0);
    measure(1, u"B1"_s, u"A1"_s);
    measure(2, u"B2"_s, u"A2"_s);
    measure(3, u"B3"_s, u"A3"_s);
    QVERIFY(service().recordBefore(4).ok()); // open: not counted
    const auto all = service().summary({30, std::nullopt});
    QVERIFY(all.ok());
    QCOMPARE(all->projectedMonthlyHoursSaved, 0.6);
    const auto selectStar = service().summary({30, u"select_star"_s});
    QCOMPARE(selectStar->projectedMonthlyHoursSaved, 0.5); // 1.5 − 1
    const auto empty = service().summary({30, u"no_such_type"_s});
    QCOMPARE(empty->projectedMonthlyHoursSaved, 0.0);
}

void TestPortfolio::refreshCountsTheRunsAgain()
{
    addJobs({{u"B"_s, u"H"_s, {}, {}, 0, 3600000}, {u"A"_s, u"H2"_s, {}, {}, Day, 1800000}});
    addRecommendation(1, u"B"_s, u"select_star"_s, 30.0);
    MeasurementService s = service();
    QVERIFY(s.recordBefore(1).ok());
    QVERIFY(s.recordAfter(1, AfterRequest{{u"A"_s}, 14, false, std::nullopt}).ok());
    QCOMPARE(s.latest(1)->runsPerDay, OptionalDouble(1.0 / 30.0));
    // History imported later: two more runs of H in the month before B.
    addJobs({{u"h1"_s, u"H"_s, {}, {}, -Day}, {u"h2"_s, u"H"_s, {}, {}, -20 * Day}});
    const auto refreshed = s.refresh(1);
    QVERIFY2(refreshed.ok(), refreshed.ok() ? "" : qPrintable(refreshed.error().message));
    QCOMPARE(refreshed->runsPerDay, OptionalDouble(3.0 / 30.0));
    QCOMPARE(s.latest(1)->runsPerDay, OptionalDouble(0.1));
}

void TestPortfolio::migrationGivesCompletedMeasurementsTheirRunsPerDay()
{
    QFETCH_GLOBAL(QString, backend);
    QString skip;
    const QString location = TestDatabase::newLocation(backend, m_folder, skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    m_db.reset();
    {
        auto old = Database::open(location, Database::Options{false});
        QVERIFY(old.ok());
        QVERIFY(Migrations::migrate((*old)->connection(), (*old)->backend(), 10).ok());
        QSqlQuery query((*old)->connection());
        // 'before' of query H started 2026-03-10 12:00; H ran 30 days before exactly (counted),
        // a second before that (not), the hour before (counted) and failed (not).
        for (const char *sql :
             {"INSERT INTO queries (job_id, query_hash, started_at, duration_ms, status) VALUES "
              "('before', 'H', '2026-03-10T12:00:00.000Z', 3600000, 'success'), "
              "('after', 'H2', '2026-03-11T12:00:00.000Z', 1800000, 'success'), "
              "('h1', 'H', '2026-02-08T12:00:00.000Z', 1000, 'success'), "
              "('h2', 'H', '2026-02-08T11:59:59.999Z', 1000, 'success'), "
              "('h3', 'H', '2026-03-10T11:00:00.000Z', 1000, 'success'), "
              "('h4', 'H', '2026-03-10T11:30:00.000Z', 1000, 'failed'), "
              "('nohash', NULL, '2026-03-10T12:00:00.000Z', 1000, 'success'), "
              "('open', 'H', '2026-03-10T12:00:00.000Z', 1000, 'success')",
              "INSERT INTO recommendations (id, job_id, issue_type) VALUES (1, 'before', 'select_star'), "
              "(2, 'nohash', 'select_star'), (3, 'open', 'select_star')",
              "INSERT INTO measurements (id, recommendation_id, job_id_before, job_id_after, before_duration_ms, "
              "after_duration_ms, duration_improvement_pct, meets_expectation, expectation_delta_pct, measured_at, "
              "completed_at) VALUES (1, 1, 'before', 'after', 3600000, 1800000, 50, TRUE, 50, "
              "'2026-03-12T00:00:00.000Z', '2026-03-12T00:00:00.000Z'), "
              "(2, 2, 'nohash', 'after', 1000, 500, 50, TRUE, 50, '2026-03-12T00:00:00.000Z', "
              "'2026-03-12T00:00:00.000Z'), "
              "(3, 3, 'open', NULL, 1000, NULL, NULL, NULL, NULL, '2026-03-12T00:00:00.000Z', NULL)"})
            QVERIFY2(query.exec(QString::fromLatin1(sql)), qPrintable(query.lastError().text()));
    }
    auto upgraded = Database::open(location);
    QVERIFY2(upgraded.ok(), upgraded.ok() ? "" : qPrintable(upgraded.error().message));
    m_db = std::move(upgraded).value();
    const MeasurementRepository repository(*m_db);
    QCOMPARE(repository.find(1).value()->runsPerDay, OptionalDouble(3.0 / 30.0));
    QCOMPARE(repository.find(2).value()->runsPerDay, OptionalDouble(1.0 / 30.0));
    QCOMPARE(repository.find(3).value()->runsPerDay, std::nullopt);
    // A runs_per_day that is not positive cannot be stored.
    QSqlQuery query(m_db->connection());
    QVERIFY(!query.exec(u"UPDATE measurements SET runs_per_day = 0 WHERE id = 1"_s));
}

QTEST_GUILESS_MAIN(TestPortfolio)
#include "tst_portfolio.moc"
