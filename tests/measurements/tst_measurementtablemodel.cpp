// MeasurementTableModel on SQLite and PostgreSQL: a well-behaved model while it loads pages in
// the background; every column sorts like an ORDER BY written here; filters, window and issue
// type select the expected rows; a page far down holds the right rows; stale results of an
// older listing are dropped; values read the way the locale writes them.

#include "demodata.h"
#include "issuetypetext.h"
#include "measurementfixture.h"
#include "measurementformat.h"
#include "measurementtablemodel.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace MeasurementFixture;
using Column = MeasurementTableModel::Column;
using Verdict = Improvement::Verdict;
using Ids = QList<qint64>;

Q_DECLARE_METATYPE(Column)

namespace {

bool waitForListing(MeasurementTableModel &model)
{
    return QTest::qWaitFor([&model] { return model.total() >= 0 && !model.isLoading(); }, 20000);
}

// Every row's measurement id, reading each page as the view would: by asking for its rows.
Ids readAll(MeasurementTableModel &model)
{
    Ids result;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (!QTest::qWaitFor([&] { return model.rowAt(row) != nullptr; }, 20000))
            return {-1};
        result << model.rowAt(row)->measurement.id;
    }
    return result;
}

Ids readRows(MeasurementTableModel &model, int first, int count)
{
    Ids result;
    for (int row = first; row < first + count; ++row) {
        if (!QTest::qWaitFor([&] { return model.rowAt(row) != nullptr; }, 20000))
            return {-1};
        result << model.index(row, 0).data(MeasurementTableModel::MeasurementIdRole).toLongLong();
    }
    return result;
}

QString text(const MeasurementTableModel &model, int row, Column column, int role = Qt::DisplayRole)
{
    return model.index(row, int(column)).data(role).toString();
}

} // namespace

class TestMeasurementTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init() { OPEN_TEST_DATABASE(m_db, m_folder); }
    void cleanup() { m_db.reset(); }

    void isAWellBehavedModel();
    void sortByEveryColumnMatchesSql_data();
    void sortByEveryColumnMatchesSql();
    void farPageHasTheRightRows();
    void verdictAndSearchFilterInSql();
    void windowAndIssueTypeCountLikeTheSummary();
    void staleResultsAreDropped();
    void showsFormattedValues();
    void showsTheNumbersOfTheRuns();
    void locatesARecommendationsLatestMeasurement();

private:
    std::unique_ptr<MeasurementTableModel> newModel(int pageSize)
    {
        auto model = std::make_unique<MeasurementTableModel>(*m_db);
        model->setClock([] { return now; });
        model->setPageSize(pageSize);
        return model;
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestMeasurementTableModel::isAWellBehavedModel()
{
    QVERIFY(addMixedMeasurements(*m_db, 60));
    MeasurementTableModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(false); // rows arrive from the workers, not through fetchMore()
    QSignalSpy totals(&model, &MeasurementTableModel::totalChanged);
    QSignalSpy finished(&model, &MeasurementTableModel::loadingFinished);
    model.setClock([] { return now; });
    model.setPageSize(7);
    QVERIFY(finished.wait(20000));
    QVERIFY(!model.isLoading());
    QVERIFY(waitForListing(model));
    QCOMPARE(model.total(), 60);
    QCOMPARE(model.rowCount(), 60);
    QCOMPARE(model.columnCount(), int(Column::Count));
    QCOMPARE(totals.last().at(0).toLongLong(), 60);
    QCOMPARE(readAll(model).size(), 60);

    model.sort(int(Column::DurationImprovement), Qt::AscendingOrder);
    model.setSearchText(QStringLiteral("job-0"));
    model.setExpectationFilter(Verdict::Met);
    QVERIFY(waitForListing(model));
    QVERIFY(readAll(model) != Ids{-1});
    model.setWindow({30, QStringLiteral("select_star")});
    QVERIFY(waitForListing(model));
    QVERIFY(readAll(model) != Ids{-1});
    model.setExpectationFilter(std::nullopt);
    model.setSearchText(QString());
    model.setWindow({});
    QVERIFY(waitForListing(model));
    QCOMPARE(model.rowCount(), 60);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void TestMeasurementTableModel::sortByEveryColumnMatchesSql_data()
{
    QTest::addColumn<Column>("column");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("nullable");
    const struct
    {
        const char *name;
        Column column;
        const char *expression;
        bool nullable;
    } columns[] = {
        {"recommendation", Column::Recommendation, "m.recommendation_id", false},
        {"issue type", Column::IssueType, "r.issue_type", false},
        {"before job", Column::JobBefore, "m.job_id_before", false},
        {"after job", Column::JobAfter, "m.job_id_after", true},
        {"before duration", Column::BeforeDuration, "m.before_duration_ms", false},
        {"after duration", Column::AfterDuration, "m.after_duration_ms", true},
        {"duration improvement", Column::DurationImprovement, "m.duration_improvement_pct", true},
        {"memory reduction", Column::MemoryReduction, "m.memory_reduction_pct", true},
        {"scan reduction", Column::ScanReduction, "m.scan_reduction_pct", true},
        {"cpu reduction", Column::CpuReduction, "m.cpu_reduction_pct", true},
        {"estimate", Column::Estimate, "r.estimated_improvement_pct", true},
        {"delta", Column::Delta, "m.expectation_delta_pct", true},
        {"expectation", Column::Expectation,
         "CASE WHEN m.job_id_after IS NULL THEN 4 WHEN m.duration_improvement_pct < 0 THEN 3 "
         "WHEN m.meets_expectation THEN 1 ELSE 2 END", false},
        {"verdict", Column::Verdict,
         "CASE m.verdict WHEN 'improved' THEN 1 WHEN 'no_change' THEN 2 WHEN 'regressed' THEN 3 "
         "WHEN 'insufficient_runs' THEN 4 END", true},
        {"interval", Column::Interval, "m.improvement_ci_low_pct", true},
        {"runs", Column::Runs, "m.runs_before + m.runs_after", true},
        {"projected hours", Column::ProjectedHours,
         "(m.before_duration_ms - m.after_duration_ms) * m.runs_per_day", true},
        {"measured", Column::MeasuredAt, "m.measured_at", false},
        {"completed", Column::CompletedAt, "m.completed_at", true},
    };
    for (const auto &column : columns)
        QTest::newRow(column.name) << column.column << QString::fromLatin1(column.expression)
                                   << column.nullable;
}

void TestMeasurementTableModel::sortByEveryColumnMatchesSql()
{
    QFETCH(Column, column);
    QFETCH(QString, expression);
    QFETCH(bool, nullable);
    QVERIFY(addMixedMeasurements(*m_db, 45));
    auto model = newModel(8);
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
        model->sort(int(column), order);
        QVERIFY(waitForListing(*model));
        // Read from the end backwards: pages then continue from the neighbour after them.
        Ids backwards;
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            QVERIFY(QTest::qWaitFor([&] { return model->rowAt(row) != nullptr; }, 20000));
            backwards.prepend(model->rowAt(row)->measurement.id);
        }
        QCOMPARE(backwards, expected);
    }
}

void TestMeasurementTableModel::farPageHasTheRightRows()
{
    DemoData::Options options;
    options.measurements = 3000;
    options.now = now;
    QVERIFY(DemoData(*m_db).generate(options).ok());
    auto model = newModel(MeasurementTableModel::DefaultPageSize);
    QVERIFY(waitForListing(*model));
    QCOMPARE(model->total(), 3000);

    auto expectedAt = [this](const QString &orderBy, int offset, int count) {
        return ids(*m_db,
                   QStringLiteral("SELECT m.id FROM measurements m %1 LIMIT %2 OFFSET %3")
                       .arg(orderBy)
                       .arg(count)
                       .arg(offset));
    };
    const QString newestFirst = QStringLiteral("ORDER BY m.measured_at DESC, m.id DESC");
    // A jump to row 2500 (no neighbour in the cache), then the pages around it by keyset.
    QCOMPARE(readRows(*model, 2500, 20), expectedAt(newestFirst, 2500, 20));
    QCOMPARE(readRows(*model, 2590, 30), expectedAt(newestFirst, 2590, 30));
    QCOMPARE(readRows(*model, 2390, 20), expectedAt(newestFirst, 2390, 20));
    QCOMPARE(readRows(*model, 2980, 20), expectedAt(newestFirst, 2980, 20));

    model->sort(int(Column::DurationImprovement), Qt::AscendingOrder);
    QVERIFY(waitForListing(*model));
    const QString worstFirst = QStringLiteral(
        "ORDER BY CASE WHEN m.duration_improvement_pct IS NULL THEN 1 ELSE 0 END, "
        "m.duration_improvement_pct ASC, m.id ASC");
    QCOMPARE(readRows(*model, 2500, 20), expectedAt(worstFirst, 2500, 20));
    QCOMPARE(readRows(*model, 0, 5), expectedAt(worstFirst, 0, 5));
    const MeasurementReportRow *row = model->rowAt(2500);
    QVERIFY(row);
    QCOMPARE(text(*model, 2500, Column::JobBefore), row->measurement.jobIdBefore);
}

void TestMeasurementTableModel::verdictAndSearchFilterInSql()
{
    QVERIFY(addMixedMeasurements(*m_db, 80));
    auto model = newModel(9);
    for (const Verdict verdict : {Verdict::Pending, Verdict::Met, Verdict::Underperformed,
                                  Verdict::Regression}) {
        model->setExpectationFilter(verdict);
        QVERIFY(waitForListing(*model));
        const Ids rows = readAll(*model);
        QVERIFY(!rows.isEmpty());
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->index(row, 0).data(MeasurementTableModel::ExpectationRole).toInt(), int(verdict));
            QCOMPARE(int(Improvement::verdictOf(model->rowAt(row)->measurement)), int(verdict));
        }
    }
    model->setExpectationFilter(std::nullopt);
    model->setSearchText(QStringLiteral("JOB-02"));
    QVERIFY(waitForListing(*model));
    const Ids expected = ids(*m_db, QStringLiteral(
        "SELECT m.id FROM measurements m WHERE LOWER(m.job_id_before) LIKE '%job-02%' "
        "OR LOWER(m.job_id_after) LIKE '%job-02%' ORDER BY m.measured_at DESC, m.id DESC"));
    QVERIFY(expected.size() > 5);
    QCOMPARE(readAll(*model), expected);
}

void TestMeasurementTableModel::windowAndIssueTypeCountLikeTheSummary()
{
    QVERIFY(addMixedMeasurements(*m_db, 100));
    auto model = newModel(20);
    const MeasurementRepository repository(*m_db);
    for (const MeasurementWindow &window :
         {MeasurementWindow{7, std::nullopt}, MeasurementWindow{30, QStringLiteral("select_star")},
          MeasurementWindow{std::nullopt, QStringLiteral("cartesian_join")}, MeasurementWindow{}}) {
        model->setWindow(window);
        QVERIFY(waitForListing(*model));
        const Result<Summary> summary = repository.summary(window, 10, now);
        QVERIFY(summary.ok());
        QCOMPARE(model->total(), summary->totalMeasurements);
        const Ids rows = readAll(*model);
        QCOMPARE(qint64(rows.size()), summary->totalMeasurements);
        if (window.issueType) {
            for (int row = 0; row < model->rowCount(); ++row) { // the identifier filters; the cell says words
                QCOMPARE(text(*model, row, Column::IssueType, MeasurementTableModel::IssueTypeRole), *window.issueType);
                QCOMPARE(text(*model, row, Column::IssueType), IssueTypeText::name(*window.issueType));
            }
        }
    }
}

void TestMeasurementTableModel::staleResultsAreDropped()
{
    QVERIFY(addMixedMeasurements(*m_db, 70));
    auto model = newModel(10);
    QSignalSpy totals(model.get(), &MeasurementTableModel::totalChanged);
    // Several listings started before any of them could finish: only the last one counts.
    model->setSearchText(QStringLiteral("job-00"));
    model->setSearchText(QStringLiteral("job-01"));
    model->setExpectationFilter(Verdict::Pending);
    model->setSearchText(QStringLiteral("Job-03"));
    QVERIFY(waitForListing(*model));
    const Ids expected = ids(*m_db, QStringLiteral(
        "SELECT m.id FROM measurements m WHERE (LOWER(m.job_id_before) LIKE '%job-03%' "
        "OR LOWER(m.job_id_after) LIKE '%job-03%') AND m.job_id_after IS NULL "
        "ORDER BY m.measured_at DESC, m.id DESC"));
    QCOMPARE(readAll(*model), expected);
    QCOMPARE(totals.last().at(0).toLongLong(), qint64(expected.size()));
    for (const QList<QVariant> &emitted : std::as_const(totals)) {
        const qint64 total = emitted.at(0).toLongLong();
        QVERIFY2(total == -1 || total == expected.size(), qPrintable(QString::number(total)));
    }
}

void TestMeasurementTableModel::showsFormattedValues()
{
    QVERIFY(addJob(*m_db, QStringLiteral("before-1")));
    QVERIFY(addJob(*m_db, QStringLiteral("after-1")));
    QVERIFY(addRecommendation(*m_db, 7, QStringLiteral("before-1"), QStringLiteral("select_star"),
                              QStringLiteral("Select only the needed columns"), 30));
    Row row = completedRow(7, QStringLiteral("before-1"), QStringLiteral("after-1"), 1234567, 2000,
                           47.25);
    row.memoryPct = -2.25;
    row.meets = true;
    row.deltaPct = 17.3;
    row.measuredAt = now.addDays(-3);
    row.completedAt = now.addDays(-2);
    const qint64 id = addMeasurement(*m_db, row);
    Row pending = pendingRow(7, QStringLiteral("before-1"));
    pending.measuredAt = now.addDays(-10);
    addMeasurement(*m_db, pending);

    auto model = newModel(10);
    QVERIFY(waitForListing(*model));
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(model->rowAt(0));
    QCOMPARE(text(*model, 0, Column::Recommendation), QStringLiteral("#7 Select only the needed columns"));
    QCOMPARE(text(*model, 0, Column::BeforeDuration), QStringLiteral("20 min 35 s"));
    QCOMPARE(model->index(0, int(Column::BeforeDuration)).data(Qt::ToolTipRole).toString(),
             QStringLiteral("1,234,567 ms"));
    QCOMPARE(text(*model, 0, Column::AfterDuration), QStringLiteral("2.0 s"));
    QCOMPARE(text(*model, 0, Column::DurationImprovement), QStringLiteral("47.3 %"));
    QCOMPARE(text(*model, 0, Column::MemoryReduction), QStringLiteral("−2.3 %"));
    QCOMPARE(text(*model, 0, Column::ScanReduction), QString());
    QCOMPARE(text(*model, 0, Column::Estimate), QStringLiteral("30.0 %"));
    QCOMPARE(text(*model, 0, Column::Delta), QStringLiteral("+17.3 points"));
    // 17.3 points above the estimate, more than the default margin of 10: exceeded, a kind of met.
    QCOMPARE(text(*model, 0, Column::Expectation), QStringLiteral("Met, exceeded"));
    model->setExceededMarginPct(20);
    QCOMPARE(text(*model, 0, Column::Expectation), QStringLiteral("Met"));
    QCOMPARE(text(*model, 0, Column::MeasuredAt), MeasurementFormat::dateTime(now.addDays(-3)));
    QCOMPARE(text(*model, 1, Column::Expectation), QStringLiteral("Pending"));
    QCOMPARE(text(*model, 1, Column::JobAfter), QString());
    QCOMPARE(text(*model, 1, Column::CompletedAt), QString());

    const QModelIndex verdict = model->index(0, int(Column::Expectation));
    QVERIFY(!verdict.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(verdict.data(Qt::ForegroundRole).value<QColor>(),
             MeasurementFormat::verdictColor(Verdict::Met, QGuiApplication::palette()));
    QCOMPARE(model->index(0, int(Column::MemoryReduction)).data(Qt::ForegroundRole).value<QColor>(),
             MeasurementFormat::verdictColor(Verdict::Regression, QGuiApplication::palette()));
    QCOMPARE(model->index(0, int(Column::BeforeDuration)).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model->index(0, int(Column::JobBefore)).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignLeft | Qt::AlignVCenter));
    QCOMPARE(verdict.data(MeasurementTableModel::MeasurementIdRole).toLongLong(), id);
    QCOMPARE(verdict.data(MeasurementTableModel::RecommendationIdRole).toLongLong(), 7);
    QVERIFY(text(*model, 0, Column::Recommendation, Qt::ToolTipRole).contains(QStringLiteral("select_star")));
    QCOMPARE(model->headerData(int(Column::Estimate), Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Estimate"));

    // The same values in German.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(text(*model, 0, Column::AfterDuration), QStringLiteral("2,0 s"));
    QCOMPARE(model->index(0, int(Column::BeforeDuration)).data(Qt::ToolTipRole).toString(),
             QStringLiteral("1.234.567 ms"));
    QCOMPARE(text(*model, 0, Column::DurationImprovement), QStringLiteral("47,3 %"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

// SPEC §5's columns: the verdict with its icon, the interval with one decimal rounded half away
// from zero in the locale's notation, the runs as "before / after"; nothing while pending.
void TestMeasurementTableModel::showsTheNumbersOfTheRuns()
{
    QVERIFY(addJob(*m_db, QStringLiteral("before-1")));
    QVERIFY(addJob(*m_db, QStringLiteral("after-1")));
    QVERIFY(addRecommendation(*m_db, 7, QStringLiteral("before-1"), QStringLiteral("select_star"),
                              QStringLiteral("Select only the needed columns"), 30));
    Row row = completedRow(7, QStringLiteral("before-1"), QStringLiteral("after-1"), 60000, 35000, 41.25);
    row.meets = true;
    row.deltaPct = 11.25;
    row.measuredAt = now.addDays(-3);
    row.completedAt = now.addDays(-2);
    row.runsBefore = 12;
    row.runsAfter = 9;
    row.pValue = 0.000312;
    row.ciLowPct = -0.25; // exact in binary: rounds away from zero to −0.3
    row.ciHighPct = 48.75;
    row.verdict = RunStatistics::Verdict::NoChange;
    addMeasurement(*m_db, row);
    Row pending = pendingRow(7, QStringLiteral("before-1"));
    pending.measuredAt = now.addDays(-10);
    addMeasurement(*m_db, pending);

    auto model = newModel(10);
    QVERIFY(waitForListing(*model));
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(text(*model, 0, Column::Verdict), QStringLiteral("No change"));
    QCOMPARE(text(*model, 0, Column::Interval), QStringLiteral("−0.3 … 48.8 %"));
    QCOMPARE(text(*model, 0, Column::Runs), QStringLiteral("12 / 9"));
    QCOMPARE(text(*model, 0, Column::Expectation), QStringLiteral("Met, exceeded"));
    const QModelIndex verdict = model->index(0, int(Column::Verdict));
    QVERIFY(!verdict.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(verdict.data(MeasurementTableModel::VerdictRole).toInt(), int(RunStatistics::Verdict::NoChange));
    QCOMPARE(verdict.data(Qt::ToolTipRole).toString(),
             QStringLiteral("Not proven either way: the 95 % interval of the improvement includes 0 %, so the "
                            "difference may be run-to-run noise.\n"
                            "p = 0.0003: the chance of a difference at least this large between the runs if the "
                            "change had made none.\n"
                            "Runs before / after: 12 / 9"));
    QCOMPARE(text(*model, 0, Column::Interval, Qt::ToolTipRole),
             QStringLiteral("With 95 % confidence the real improvement lies between −0.3 % and 48.8 %: the range "
                            "of speed-ups that the before and after runs are consistent with."));
    QCOMPARE(text(*model, 0, Column::Runs, Qt::ToolTipRole),
             QStringLiteral("Runs compared: 12 of the original query (before), 9 of the optimized one (after).\n"
                            "Only the named jobs; no other runs were gathered."));
    QCOMPARE(model->headerData(int(Column::Verdict), Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Verdict"));
    QCOMPARE(model->headerData(int(Column::Expectation), Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Expectation"));

    // Pending: no verdict, no icon, no interval, no runs.
    QCOMPARE(text(*model, 1, Column::Verdict), QString());
    QVERIFY(model->index(1, int(Column::Verdict)).data(Qt::DecorationRole).isNull());
    QVERIFY(!model->index(1, int(Column::Verdict)).data(MeasurementTableModel::VerdictRole).isValid());
    QCOMPARE(text(*model, 1, Column::Interval), QString());
    QCOMPARE(text(*model, 1, Column::Runs), QString());

    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(text(*model, 0, Column::Interval), QStringLiteral("−0,3 … 48,8 %"));
    QCOMPARE(MeasurementFormat::pValue(0.000312), QStringLiteral("p = 0,0003"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(MeasurementFormat::pValue(0.25), QStringLiteral("p = 0.25"));
    QCOMPARE(MeasurementFormat::pValue(0.00004), QStringLiteral("p < 0.0001"));
}

void TestMeasurementTableModel::locatesARecommendationsLatestMeasurement()
{
    QVERIFY(addMixedMeasurements(*m_db, 60));
    auto model = newModel(7);
    model->sort(int(Column::DurationImprovement), Qt::DescendingOrder);
    QVERIFY(waitForListing(*model));
    const Ids order = readAll(*model);
    QSignalSpy located(model.get(), &MeasurementTableModel::located);
    for (const qint64 recommendation : {1, 5, 9}) {
        const auto latest = MeasurementRepository(*m_db).latestForRecommendation(recommendation);
        QVERIFY(latest.ok() && latest->has_value());
        model->locateRecommendation(recommendation);
        QVERIFY(located.wait(10000));
        const QList<QVariant> answer = located.takeFirst();
        QCOMPARE(answer.at(0).toLongLong(), (*latest)->id);
        QCOMPARE(answer.at(1).toLongLong(), recommendation);
        QCOMPARE(answer.at(2).toInt(), int(order.indexOf((*latest)->id)));
    }
    // A recommendation without measurements.
    model->locateRecommendation(999);
    QVERIFY(located.wait(10000));
    QCOMPARE(located.takeFirst().at(2).toInt(), -1);
}

QTEST_MAIN(TestMeasurementTableModel)
#include "tst_measurementtablemodel.moc"
