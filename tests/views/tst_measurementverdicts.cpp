// SPEC §5 in the window (issue 13): measurements recorded from several runs show their verdict,
// interval and runs on the Measurements page and in its detail pane (with the runs plotted), the
// page filters by verdict, the after-job dialog previews what §5 will record and includes the
// other runs of the same queries, undo and redo put the runs back, and the refresh of runs
// changes a verdict once more runs are imported. Every number below is R's:
//   b <- c(60000, 61000, 59000, 62000, 58500); a <- c(30000, 31000, 29500, 30500)
//   wilcox.test(b, a)$p.value   # 0.01587302 (exact)
//   qwilcox(0.025, 5, 4)        # 2: the interval is [s(2), s(19)] of the 20 speed-ups b/a,
//                               # 47.457… % and 51.639… % as improvements; r̃ gives 49.787 %

#include "appsettings.h"
#include "database.h"
#include "dialogs/afterjobdialog.h"
#include "dialogs/settingsdialog.h"
#include "mainwindow.h"
#include "measurementrepository.h"
#include "measurementservice.h"
#include "measurementtablemodel.h"
#include "pages/measurementdetailpane.h"
#include "pages/measurementspage.h"
#include "pages/runsdotplot.h"
#include "testdatabase.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSpinBox>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using Column = MeasurementTableModel::Column;
using Verdict = RunStatistics::Verdict;

namespace {

const QDateTime t0(QDate(2024, 5, 15), QTime(9, 0), Qt::UTC); // when the after jobs started

bool waitForListing(MeasurementTableModel &model)
{
    return QTest::qWaitFor([&model] { return model.total() >= 0 && !model.isLoading(); }, 20000);
}

QString labelText(const QWidget &parent, const char *name)
{
    const auto *label = parent.findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
}

// Clicks `button` of the next message box that shows modally.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        const auto answer = [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return false;
            box->button(button)->click();
            return true;
        };
        if (!answer())
            QTimer::singleShot(50, [answer] { QVERIFY(answer()); });
    });
}

} // namespace

class TestMeasurementVerdicts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();

    void pageShowsVerdictIntervalAndRuns();
    void pageFiltersByVerdict();
    void detailPanePlotsTheRuns();
    void dialogPreviewsWhatWillBeRecorded();
    void dialogWithoutAQueryHashExplainsWhy();
    void undoAndRedoRestoreTheRuns();
    void refreshOfRunsChangesAVerdict();
    void importOfferIsDeclinable();
    void similarDaysIsASetting();
    void importOfJobsOffersTheRefresh();

private:
    void exec(const QString &sql, const QVariantList &values = {});
    void addJob(const QString &id, const std::optional<QString> &hash, const QDateTime &startedAt, double ms,
                bool cacheHit = false);
    // Recommendation 1: 3 runs before and 2 after (too few); 2: 5 before, 4 after (improved);
    // 3: a job without a query hash, never measured after. `secondHalf` false leaves out the
    // runs of recommendation 2 that a later import brings.
    void addHistory(bool secondHalf = true);
    void addSecondHalfOfRecommendation2();
    qint64 recordAfter(qint64 recommendation, const QString &job);
    qint64 count(const QString &sql, const QVariantList &values = {});

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    QMap<qint64, qint64> m_measurement; // recommendation → its measurement
};

void TestMeasurementVerdicts::init()
{
    OPEN_TEST_DATABASE(m_db, m_folder);
    m_measurement.clear();
}

void TestMeasurementVerdicts::cleanup()
{
    m_db.reset();
}

void TestMeasurementVerdicts::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_db->connection());
    QVERIFY2(query.prepare(sql), qPrintable(query.lastError().text()));
    for (const QVariant &value : values)
        query.addBindValue(value);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text() + u' ' + sql));
}

qint64 TestMeasurementVerdicts::count(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_db->connection());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void TestMeasurementVerdicts::addJob(const QString &id, const std::optional<QString> &hash,
                                     const QDateTime &startedAt, double ms, bool cacheHit)
{
    exec(QStringLiteral("INSERT INTO queries (job_id, query_hash, started_at, duration_ms, status, cache_hit) "
                        "VALUES (?, ?, ?, ?, 'success', ?)"),
         {id, hash ? QVariant(*hash) : QVariant(QMetaType::fromType<QString>()), Database::toSqlTimestamp(startedAt),
          ms, cacheHit});
}

void TestMeasurementVerdicts::addHistory(bool secondHalf)
{
    const QString h1b = QStringLiteral("h1-before"), h1a = QStringLiteral("h1-after");
    addJob(QStringLiteral("r1-b1"), h1b, t0.addDays(-5), 40000);
    addJob(QStringLiteral("r1-b2"), h1b, t0.addDays(-4), 41000);
    addJob(QStringLiteral("r1-b3"), h1b, t0.addDays(-3), 39000);
    addJob(QStringLiteral("r1-a1"), h1a, t0, 20000);
    addJob(QStringLiteral("r1-a2"), h1a, t0.addDays(1), 21000);
    const QString h2b = QStringLiteral("h2-before"), h2a = QStringLiteral("h2-after");
    addJob(QStringLiteral("r2-b1"), h2b, t0.addDays(-5), 60000);
    addJob(QStringLiteral("r2-b2"), h2b, t0.addDays(-4), 61000);
    addJob(QStringLiteral("r2-a1"), h2a, t0.addSecs(3600), 30000);
    addJob(QStringLiteral("r2-a2"), h2a, t0.addDays(1), 31000);
    // Never gathered: older than 14 days, or served from a cache.
    addJob(QStringLiteral("r2-old"), h2b, t0.addDays(-20), 90000);
    addJob(QStringLiteral("r2-cached"), h2a, t0.addDays(2), 5);
    exec(QStringLiteral("UPDATE queries SET cache_hit = ? WHERE job_id = 'r2-cached'"), {true});
    if (secondHalf)
        addSecondHalfOfRecommendation2();
    addJob(QStringLiteral("r3-b1"), std::nullopt, t0.addDays(-2), 10000);
    addJob(QStringLiteral("no-hash"), std::nullopt, t0, 5000);
    exec(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, title, estimated_improvement_pct) VALUES "
                        "(1, 'r1-b1', 'select_star', 'Select only the needed columns', 40), "
                        "(2, 'r2-b1', 'missing_partition_filter', 'Add a partition filter on sales.orders', 45), "
                        "(3, 'r3-b1', 'unnecessary_sort', 'Drop the ORDER BY of the export', 20)"));
    MeasurementService service(*m_db);
    for (const qint64 id : {1, 2, 3}) {
        const auto before = service.recordBefore(id, QStringList(), QStringLiteral("tester"));
        QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error().message));
        m_measurement[id] = before->id;
    }
}

void TestMeasurementVerdicts::addSecondHalfOfRecommendation2()
{
    const QString h2b = QStringLiteral("h2-before"), h2a = QStringLiteral("h2-after");
    addJob(QStringLiteral("r2-b3"), h2b, t0.addDays(-3), 59000);
    addJob(QStringLiteral("r2-b4"), h2b, t0.addDays(-2), 62000);
    addJob(QStringLiteral("r2-b5"), h2b, t0.addDays(-1), 58500);
    addJob(QStringLiteral("r2-a3"), h2a, t0.addDays(3), 29500);
    addJob(QStringLiteral("r2-a4"), h2a, t0.addDays(4), 30500);
}

qint64 TestMeasurementVerdicts::recordAfter(qint64 recommendation, const QString &job)
{
    AfterRequest request;
    request.jobIds = {job};
    request.similarDays = 14;
    request.measuredBy = QStringLiteral("tester");
    const auto after = MeasurementService(*m_db).recordAfter(recommendation, request);
    if (!after) {
        qWarning("%s", qPrintable(after.error().message));
        return -1;
    }
    return after->id;
}

void TestMeasurementVerdicts::pageShowsVerdictIntervalAndRuns()
{
    addHistory();
    QVERIFY(recordAfter(1, QStringLiteral("r1-a1")) > 0);
    QVERIFY(recordAfter(2, QStringLiteral("r2-a1")) > 0);
    MeasurementsPage page(*m_db);
    page.setWindow({});
    QVERIFY(waitForListing(*page.model()));
    QCOMPARE(page.model()->rowCount(), 3);
    QHash<qint64, int> rowOf;
    for (int row = 0; row < 3; ++row)
        rowOf[page.model()->rowAt(row)->measurement.recommendationId] = row;
    const auto text = [&page, &rowOf](qint64 recommendation, Column column, int role = Qt::DisplayRole) {
        return page.model()->index(rowOf.value(recommendation), int(column)).data(role).toString();
    };
    QCOMPARE(text(2, Column::Verdict), QStringLiteral("Improved"));
    QCOMPARE(text(2, Column::Interval), QStringLiteral("47.5 … 51.6 %"));
    QCOMPARE(text(2, Column::Runs), QStringLiteral("5 / 4"));
    QCOMPARE(text(2, Column::DurationImprovement), QStringLiteral("49.8 %"));
    QCOMPARE(text(2, Column::Expectation), QStringLiteral("Met"));
    QVERIFY(text(2, Column::Verdict, Qt::ToolTipRole).contains(QStringLiteral("\np = 0.0159: the chance")));
    QCOMPARE(text(2, Column::Runs, Qt::ToolTipRole),
             QStringLiteral("Runs compared: 5 of the original query (before), 4 of the optimized one (after).\n"
                            "Besides the named jobs, the history's runs of the same queries within 14 days of the "
                            "after job."));
    QCOMPARE(text(1, Column::Verdict), QStringLiteral("Insufficient runs"));
    QCOMPARE(text(1, Column::Runs), QStringLiteral("3 / 2"));
    QCOMPARE(text(1, Column::Interval), QString());
    QCOMPARE(text(1, Column::Interval, Qt::ToolTipRole), QStringLiteral("No interval: too few runs for one"));
    QCOMPARE(text(3, Column::Verdict), QString());
    QCOMPARE(text(3, Column::Runs), QString());
    QCOMPARE(text(3, Column::Expectation), QStringLiteral("Pending"));

    // The answer comes first: the verdict right after the recommendation, then the improvement,
    // its interval and its runs.
    const QHeaderView *header = page.table()->horizontalHeader();
    QCOMPARE(header->visualIndex(int(Column::Verdict)), 1);
    QCOMPARE(header->visualIndex(int(Column::DurationImprovement)), 2);
    QCOMPARE(header->visualIndex(int(Column::Interval)), 3);
    QCOMPARE(header->visualIndex(int(Column::Runs)), 4);
    QCOMPARE(header->visualIndex(int(Column::Expectation)), 5);
}

void TestMeasurementVerdicts::pageFiltersByVerdict()
{
    addHistory();
    QVERIFY(recordAfter(1, QStringLiteral("r1-a1")) > 0);
    QVERIFY(recordAfter(2, QStringLiteral("r2-a1")) > 0);
    MeasurementsPage page(*m_db);
    page.setWindow({});
    QVERIFY(waitForListing(*page.model()));
    QComboBox *filter = page.verdictFilter();
    QCOMPARE(filter->count(), 5);
    QCOMPARE(filter->itemText(0), QStringLiteral("All verdicts"));
    const auto listed = [&page] {
        QList<qint64> ids;
        for (int row = 0; row < page.model()->rowCount(); ++row)
            ids << page.model()->rowAt(row)->measurement.id;
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    const struct
    {
        const char *name;
        QList<qint64> expected;
    } cases[] = {
        {"Improved", {m_measurement[2]}},
        {"Insufficient runs", {m_measurement[1]}},
        {"No change", {}},
        {"Regressed", {}},
        {"All verdicts", {m_measurement[1], m_measurement[2], m_measurement[3]}},
    };
    for (const auto &filtered : cases) {
        filter->setCurrentIndex(filter->findText(QString::fromLatin1(filtered.name)));
        QVERIFY(waitForListing(*page.model()));
        QCOMPARE(listed(), filtered.expected);
        QCOMPARE(page.model()->total(), qint64(filtered.expected.size()));
    }
    // Sorting by verdict: improved, insufficient runs, then the pending one.
    page.table()->horizontalHeader()->setSortIndicator(int(Column::Verdict), Qt::AscendingOrder);
    QVERIFY(waitForListing(*page.model()));
    QCOMPARE(page.model()->rowAt(0)->measurement.id, m_measurement[2]);
    QCOMPARE(page.model()->rowAt(1)->measurement.id, m_measurement[1]);
    QCOMPARE(page.model()->rowAt(2)->measurement.id, m_measurement[3]);
}

void TestMeasurementVerdicts::detailPanePlotsTheRuns()
{
    addHistory();
    QVERIFY(recordAfter(2, QStringLiteral("r2-a1")) > 0);
    MeasurementsPage page(*m_db);
    page.resize(1000, 700);
    page.setDetailPaneVisible(true);
    QSignalSpy shown(&page, &MeasurementsPage::runsShown);
    page.setWindow({});
    QVERIFY(waitForListing(*page.model()));
    page.selectRecommendation(2);
    QVERIFY(shown.wait(10000));
    QCOMPARE(shown.last().at(0).toLongLong(), m_measurement[2]);
    const MeasurementDetailPane &pane = *page.detailPane();
    QCOMPARE(labelText(pane, "verdict"), QStringLiteral("Improved"));
    QCOMPARE(labelText(pane, "verdictDescription"),
             QStringLiteral("Proven faster: the whole 95 % interval of the improvement is above 0 %."));
    QCOMPARE(labelText(pane, "runs"), QStringLiteral("5 / 4"));
    QCOMPARE(labelText(pane, "interval"), QStringLiteral("47.5 … 51.6 %"));
    QCOMPARE(labelText(pane, "pValue"), QStringLiteral("p = 0.0159"));
    QCOMPARE(labelText(pane, "expectation"), QStringLiteral("Met"));
    const RunsDotPlot *plot = pane.runsPlot();
    QCOMPARE(plot->runs().size(), 9);
    QCOMPARE(plot->noPlaceCount(), 0);
    QCOMPARE(plot->medianBefore(), std::optional(60000.0));
    QCOMPARE(plot->medianAfter(), std::optional(30250.0));
    QVERIFY(labelText(pane, "runsLegend").contains(QStringLiteral("before: 5 runs")));
    QVERIFY(labelText(pane, "runsLegend").contains(QStringLiteral("after: 4 runs")));
    QVERIFY(labelText(pane, "runsNote").startsWith(QStringLiteral("Dashed lines: the medians (before 1 min 0 s, after ")));
    // The pending one plots its before run alone.
    page.selectRecommendation(3);
    QVERIFY(shown.wait(10000));
    QCOMPARE(plot->runs().size(), 1);
    QCOMPARE(labelText(pane, "verdict"), QStringLiteral("No verdict yet"));
}

void TestMeasurementVerdicts::dialogPreviewsWhatWillBeRecorded()
{
    addHistory();
    AfterJobDialog dialog(*m_db, MeasurementSettings{}, 14);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setRecommendation(2);
    dialog.setAfterJob(QStringLiteral("r2-a1"));
    QCheckBox *similar = dialog.similarRunsBox();
    QCOMPARE(similar->text(), QStringLiteral("&Include other runs of the same queries (within 14 days of the after job)"));
    QVERIFY(similar->isEnabled());
    QVERIFY(similar->isChecked());
    QCOMPARE(dialog.previewText().section(u'\n', 0, 0),
             QStringLiteral("5 runs before, 4 after: 49.8 % faster (95 % CI 47.5 – 51.6 %), p = 0.0159 → improved"));
    QCOMPARE(dialog.request().similarDays, std::optional<int>(14));
    QCOMPARE(dialog.request().jobIds, QStringList{QStringLiteral("r2-a1")});

    // Without the other runs: one run a side says nothing.
    similar->click();
    QVERIFY(!similar->isChecked());
    QCOMPARE(dialog.previewText().section(u'\n', 0, 0), QStringLiteral("1 run before, 1 after: too few runs for a verdict"));
    QCOMPARE(dialog.request().similarDays, std::nullopt);
    // The choice holds for another job of the same kind.
    dialog.setAfterJob(QStringLiteral("r2-a2"));
    QVERIFY(!similar->isChecked());
    similar->click();
    QVERIFY(similar->isChecked());

    // In German, with the locale's decimal comma.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    Translations::install(QLocale(QLocale::German, QLocale::Germany));
    AfterJobDialog german(*m_db, MeasurementSettings{}, 14);
    german.setRecommendation(2);
    german.setAfterJob(QStringLiteral("r2-a1"));
    const QString germanPreview = german.previewText().section(u'\n', 0, 0);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(germanPreview,
             QStringLiteral("5 Läufe davor, 4 danach: 49,8 % schneller (95-%-KI 47,5 – 51,6 %), p = 0,0159 → verbessert"));
}

void TestMeasurementVerdicts::dialogWithoutAQueryHashExplainsWhy()
{
    addHistory();
    AfterJobDialog dialog(*m_db, MeasurementSettings{}, 14);
    dialog.setRecommendation(3);
    dialog.setAfterJob(QStringLiteral("no-hash"));
    QVERIFY(!dialog.similarRunsBox()->isEnabled());
    QVERIFY(!dialog.similarRunsBox()->isChecked());
    QCOMPARE(labelText(dialog, "similarNote"),
             QStringLiteral("Job no-hash has no query hash, so its other runs cannot be found: only the named jobs "
                            "are compared."));
    QCOMPARE(dialog.request().similarDays, std::nullopt);
    QCOMPARE(dialog.previewText().section(u'\n', 0, 0), QStringLiteral("1 run before, 1 after: too few runs for a verdict"));
    // A job with a hash turns it on again.
    dialog.setAfterJob(QStringLiteral("r2-a1"));
    QVERIFY(dialog.similarRunsBox()->isEnabled());
    QVERIFY(dialog.similarRunsBox()->isChecked());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("similarNote"))->isHidden());
}

void TestMeasurementVerdicts::undoAndRedoRestoreTheRuns()
{
    addHistory();
    AppSettings::setSimilarDays(14);
    auto checks = m_db->reopen();
    QVERIFY(checks.ok());
    auto *window = new MainWindow(std::move(checks).value());
    const auto closeWindow = qScopeGuard([window] { delete window; });
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    bool included = false;
    QTimer::singleShot(0, this, [&included] {
        const auto interact = [&included] {
            auto *dialog = qobject_cast<AfterJobDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return false;
            dialog->setAfterJob(QStringLiteral("r2-a1"));
            included = dialog->includesSimilarRuns();
            dialog->accept();
            return true;
        };
        if (!interact())
            QTimer::singleShot(50, [interact] { QVERIFY(interact()); });
    });
    window->enterAfterJob(2);
    QVERIFY(included); // on by default: the job has a query hash

    const qint64 id = m_measurement[2];
    const QString runsOf = QStringLiteral("SELECT COUNT(*) FROM measurement_runs WHERE measurement_id = ?");
    QCOMPARE(count(runsOf, {id}), 9);
    auto stored = MeasurementRepository(*m_db).find(id).value().value();
    QCOMPARE(stored.verdict, std::optional(Verdict::Improved));
    QCOMPARE(stored.similarDays, std::optional<int>(14));

    window->undoStack()->undo();
    stored = MeasurementRepository(*m_db).find(id).value().value();
    QVERIFY(stored.isOpen());
    QCOMPARE(stored.verdict, std::nullopt);
    QCOMPARE(count(runsOf, {id}), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM measurement_runs WHERE measurement_id = ? AND side = 'before' "
                                  "AND job_id = 'r2-b1'"),
                   {id}),
             1);

    window->undoStack()->redo();
    stored = MeasurementRepository(*m_db).find(id).value().value();
    QCOMPARE(stored.jobIdAfter, std::optional<QString>(QStringLiteral("r2-a1")));
    QCOMPARE(stored.verdict, std::optional(Verdict::Improved));
    QCOMPARE(stored.runsBefore, std::optional<int>(5));
    QCOMPARE(stored.runsAfter, std::optional<int>(4));
    QCOMPARE(count(runsOf, {id}), 9);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM measurement_runs WHERE measurement_id = ? AND gathered"), {id}), 7);
}

void TestMeasurementVerdicts::refreshOfRunsChangesAVerdict()
{
    addHistory(false);
    QVERIFY(recordAfter(2, QStringLiteral("r2-a1")) > 0);
    const qint64 id = m_measurement[2];
    QCOMPARE(MeasurementRepository(*m_db).find(id).value()->verdict, std::optional(Verdict::InsufficientRuns));
    addSecondHalfOfRecommendation2(); // a later import

    auto checks = m_db->reopen();
    QVERIFY(checks.ok());
    auto *window = new MainWindow(std::move(checks).value());
    const auto closeWindow = qScopeGuard([window] { delete window; });
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QSignalSpy refreshed(window, &MainWindow::runsRefreshed);
    auto *action = window->findChild<QAction *>(QStringLiteral("refreshRuns"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("Refresh r&uns of measurements…"));
    action->trigger();
    QVERIFY(refreshed.wait(20000));
    const QString message = QStringLiteral("Refreshed the runs of 1 measurement: 5 runs added, 1 verdict changed.");
    QCOMPARE(refreshed.last().at(0).toString(), message);
    QCOMPARE(window->statusBar()->currentMessage(), message);
    const Measurement after = MeasurementRepository(*m_db).find(id).value().value();
    QCOMPARE(after.verdict, std::optional(Verdict::Improved));
    QCOMPARE(after.runsBefore, std::optional<int>(5));
    QCOMPARE(after.runsAfter, std::optional<int>(4));

    // Nothing more to gather: the same again changes nothing.
    action->trigger();
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(refreshed.last().at(0).toString(),
             QStringLiteral("Refreshed the runs of 1 measurement: 0 runs added, 0 verdicts changed."));
}

// After a jobs import the window offers the refresh; No leaves the measurements, Yes refreshes.
void TestMeasurementVerdicts::importOfferIsDeclinable()
{
    addHistory(false);
    QVERIFY(recordAfter(2, QStringLiteral("r2-a1")) > 0);
    addSecondHalfOfRecommendation2();
    QCOMPARE(MeasurementRepository(*m_db).countRecordedWithSimilar().value(), 1);
    auto checks = m_db->reopen();
    QVERIFY(checks.ok());
    auto *window = new MainWindow(std::move(checks).value());
    const auto closeWindow = qScopeGuard([window] { delete window; });
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(!window->offerRunsRefresh(0)); // nothing to offer: no question
    answerNextMessageBox(QMessageBox::No);
    QVERIFY(!window->offerRunsRefresh(1));
    QCOMPARE(MeasurementRepository(*m_db).find(m_measurement[2]).value()->verdict,
             std::optional(Verdict::InsufficientRuns));
    QSignalSpy refreshed(window, &MainWindow::runsRefreshed);
    answerNextMessageBox(QMessageBox::Yes);
    QVERIFY(window->offerRunsRefresh(1));
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(MeasurementRepository(*m_db).find(m_measurement[2]).value()->verdict, std::optional(Verdict::Improved));
}

// "Similar runs within D days": 14 until changed in Preferences, then what the dialog uses.
void TestMeasurementVerdicts::similarDaysIsASetting()
{
    QSettings(QStringLiteral("Optimeter"), QStringLiteral("optimeter")).remove(QStringLiteral("measurements/similarDays"));
    QCOMPARE(AppSettings::similarDays(), 14);
    SettingsDialog settings;
    auto *days = settings.findChild<QSpinBox *>(QStringLiteral("similarDays"));
    QVERIFY(days);
    QCOMPARE(days->value(), 14);
    QCOMPARE(days->suffix(), QStringLiteral(" days"));
    days->setValue(1);
    QCOMPARE(days->suffix(), QStringLiteral(" day"));
    days->setValue(30);
    settings.accept();
    QCOMPARE(AppSettings::similarDays(), 30);
    AppSettings::setSimilarDays(14);
}

// File ▸ Import jobs with more runs of a measured query: the window asks, Yes refreshes.
void TestMeasurementVerdicts::importOfJobsOffersTheRefresh()
{
    addHistory(false);
    QVERIFY(recordAfter(2, QStringLiteral("r2-a1")) > 0);
    QFile csv(m_folder.filePath(QStringLiteral("more-runs.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("job_id,query_hash,started_at,duration_ms,status\n"
              "r2-b3,h2-before,2024-05-12T09:00:00Z,59000,success\n"
              "r2-b4,h2-before,2024-05-13T09:00:00Z,62000,success\n"
              "r2-b5,h2-before,2024-05-14T09:00:00Z,58500,success\n"
              "r2-a3,h2-after,2024-05-18T09:00:00Z,29500,success\n"
              "r2-a4,h2-after,2024-05-19T09:00:00Z,30500,success\n");
    csv.close();
    auto checks = m_db->reopen();
    QVERIFY(checks.ok());
    auto *window = new MainWindow(std::move(checks).value());
    const auto closeWindow = qScopeGuard([window] { delete window; });
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QSignalSpy refreshed(window, &MainWindow::runsRefreshed);
    // Answers the import dialog with the file, then the question with Yes.
    QString asked;
    QTimer answers;
    connect(&answers, &QTimer::timeout, this, [&asked, &csv] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *box = qobject_cast<QMessageBox *>(modal); box && box->objectName() == u"offerRunsRefresh") {
            asked = box->text();
            box->button(QMessageBox::Yes)->click();
        } else if (modal && modal->inherits("ImportJobsDialog")) {
            modal->findChild<QLineEdit *>(QStringLiteral("file"))->setText(csv.fileName());
            QMetaObject::invokeMethod(modal, "accept");
        }
    });
    answers.start(50);
    const auto actions = window->findChildren<QAction *>();
    const auto import = std::find_if(actions.begin(), actions.end(),
                                     [](const QAction *action) { return action->text() == u"Import &jobs…"; });
    QVERIFY(import != actions.end());
    (*import)->trigger();
    QVERIFY(refreshed.wait(30000));
    answers.stop();
    QCOMPARE(asked, QStringLiteral("1 completed measurement compares other runs of the same queries. The jobs just "
                                   "imported may hold more of those runs."));
    QCOMPARE(refreshed.last().at(0).toString(),
             QStringLiteral("Refreshed the runs of 1 measurement: 5 runs added, 1 verdict changed."));
    QCOMPARE(MeasurementRepository(*m_db).find(m_measurement[2]).value()->verdict, std::optional(Verdict::Improved));
}

QTEST_MAIN(TestMeasurementVerdicts)
#include "tst_measurementverdicts.moc"
