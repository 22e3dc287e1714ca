// The main window offscreen on a real database: key figures equal the service's summary (read
// in workers, so the checks wait for them), the filters change them, measurements are started and after jobs entered through the
// dialog with typed keys, undo and redo restore exact states, invalid entries write nothing.

#include "appsettings.h"
#include "backgroundtask.h"
#include "database.h"
#include "demodata.h"
#include "dialogs/afterjobdialog.h"
#include "mainwindow.h"
#include "migrations.h"
#include "measurementrepository.h"
#include "measurementservice.h"
#include "pages/dashboardpage.h"
#include "pages/kpicard.h"
#include "pages/measurementspage.h"
#include "pages/recommendationspage.h"
#include "plots/distributionchart.h"
#include "plots/scatterplot.h"
#include "plots/successchart.h"
#include "recommendationlistmodel.h"
#include "testdatabase.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QScopeGuard>
#include <QUndoStack>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void initTestCase() { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();

    void keyFiguresEqualTheSummary();
    void filtersChangeTheKeyFigures();
    void startMeasurementIsUndoable();
    void enteringAnAfterJobThroughTheDialog();
    void invalidEntriesShowAnErrorAndWriteNothing();
    void correctingAnAfterJob();
    void pastingSeveralAfterJobs();
    void windowRendersOffscreen();
    void onlyAnEmptyDatabaseIsOfferedDemoData();
    void openingADatabaseKeepsTheWindowResponsive();
    void changingTheToleranceOffersToJudgeAgain();
    void windowRemembersWhereTheAnalystLeftIt();
    void recordingShowsWhatItDidAndUndoSaysSo();

private:
    // A recommendation with an open measurement, and a job that is not its before job.
    std::pair<qint64, QString> openMeasurementAndCandidate();
    qint64 neverMeasuredRecommendation();
    qint64 count(const QString &sql);
    // Runs `interact` on the dialog once it is shown modally.
    void whenDialogShows(std::function<void(AfterJobDialog *)> interact);

    QTemporaryDir m_folder;
    MainWindow *m_window = nullptr;
    std::unique_ptr<Database> m_db; // a second connection for checks
};

void TestMainWindow::init()
{
    std::unique_ptr<Database> database;
    OPEN_TEST_DATABASE(database, m_folder);
    DemoData::Options options;
    options.measurements = 400;
    options.seed = 7;
    QVERIFY(DemoData(*database).generate(options).ok());
    auto checks = database->reopen();
    QVERIFY(checks.ok());
    m_db = std::move(checks).value();
    m_window = new MainWindow(std::move(database));
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    m_window->setWindowDays(30);
    m_window->setIssueType(std::nullopt);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_VERIFY(!m_window->isLoading());
}

void TestMainWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
    m_db.reset();
}

qint64 TestMainWindow::count(const QString &sql)
{
    QSqlQuery query(m_db->connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

std::pair<qint64, QString> TestMainWindow::openMeasurementAndCandidate()
{
    QSqlQuery query(m_db->connection());
    query.exec(QStringLiteral("SELECT m.recommendation_id, m.job_id_before FROM measurements m "
                              "WHERE m.job_id_after IS NULL ORDER BY m.id LIMIT 1"));
    query.next();
    const qint64 id = query.value(0).toLongLong();
    const QString before = query.value(1).toString();
    query.exec(QStringLiteral("SELECT job_id FROM queries ORDER BY job_id LIMIT 2"));
    query.next();
    QString candidate = query.value(0).toString();
    if (candidate == before) {
        query.next();
        candidate = query.value(0).toString();
    }
    return {id, candidate};
}

qint64 TestMainWindow::neverMeasuredRecommendation()
{
    return count(QStringLiteral("SELECT MIN(r.id) FROM recommendations r WHERE NOT EXISTS "
                                "(SELECT 1 FROM measurements m WHERE m.recommendation_id = r.id)"));
}

void TestMainWindow::whenDialogShows(std::function<void(AfterJobDialog *)> interact)
{
    QTimer::singleShot(0, this, [interact] {
        auto *dialog = qobject_cast<AfterJobDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(20, [interact] {
                auto *later = qobject_cast<AfterJobDialog *>(QApplication::activeModalWidget());
                QVERIFY(later);
                interact(later);
            });
            return;
        }
        interact(dialog);
    });
}

void TestMainWindow::keyFiguresEqualTheSummary()
{
    MeasurementService service(*m_db);
    const Summary summary = service.summary({30, std::nullopt}).value();
    QVERIFY(summary.totalMeasurements > 0);
    DashboardPage *page = m_window->dashboardPage();
    QCOMPARE(page->totalCard()->value(), QLocale().toString(summary.totalMeasurements));
    QCOMPARE(page->completedCard()->value(), QLocale().toString(summary.completedMeasurements));
    QCOMPARE(page->averageCard()->value(), QStringLiteral("%1 %").arg(QLocale().toString(summary.avgImprovementPct, 'f', 1)));
    QCOMPARE(page->successCard()->value(), QStringLiteral("%1 %").arg(QLocale().toString(summary.successRatePct, 'f', 1)));
    QCOMPARE(page->successCard()->state(),
             summary.successRatePct >= 80.0 ? KpiCard::State::Good : KpiCard::State::Bad);
    // One vocabulary: exceeded is part of met; below estimate and regressions make up the rest.
    QVERIFY(summary.regressionCount > 0 && summary.belowEstimateCount() > 0);
    QCOMPARE(summary.metExpectationsCount + summary.belowEstimateCount() + summary.regressionCount,
             summary.completedMeasurements);
    QCOMPARE(page->outcomeCard()->value(), QStringLiteral("%1 met").arg(summary.metExpectationsCount));
    QCOMPARE(page->outcomeCard()->note(),
             QStringLiteral("of %1 completed: %2 of them exceeded · %3 below estimate · %4 regressions")
                 .arg(summary.completedMeasurements)
                 .arg(summary.exceededExpectationsCount)
                 .arg(summary.belowEstimateCount())
                 .arg(summary.regressionCount));
}

void TestMainWindow::filtersChangeTheKeyFigures()
{
    MeasurementService service(*m_db);
    DashboardPage *page = m_window->dashboardPage();
    m_window->setWindowDays(std::nullopt);
    QTRY_VERIFY(!m_window->isLoading());
    QCOMPARE(page->totalCard()->value(), QStringLiteral("400"));
    m_window->setWindowDays(7);
    QTRY_VERIFY(!m_window->isLoading());
    QCOMPARE(page->totalCard()->value(),
             QLocale().toString(service.summary({7, std::nullopt})->totalMeasurements));
    m_window->setWindowDays(365);
    m_window->setIssueType(QStringLiteral("select_star"));
    QTRY_VERIFY(!m_window->isLoading());
    const Summary selectStar = service.summary({365, QStringLiteral("select_star")}).value();
    QVERIFY(selectStar.totalMeasurements > 0 && selectStar.totalMeasurements < 400);
    QCOMPARE(page->totalCard()->value(), QLocale().toString(selectStar.totalMeasurements));
    QCOMPARE(m_window->currentWindow().issueType, std::optional<QString>(QStringLiteral("select_star")));
}

void TestMainWindow::startMeasurementIsUndoable()
{
    const qint64 id = neverMeasuredRecommendation();
    QVERIFY(id > 0);
    const auto countFor = [this, id] {
        return count(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE recommendation_id = %1").arg(id));
    };
    QVERIFY(m_window->startMeasurement(id));
    QCOMPARE(countFor(), 1);
    m_window->undoStack()->undo();
    QCOMPARE(countFor(), 0);
    m_window->undoStack()->redo();
    QCOMPARE(countFor(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE recommendation_id = %1 "
                                  "AND job_id_after IS NULL").arg(id)), 1);
}

void TestMainWindow::enteringAnAfterJobThroughTheDialog()
{
    const auto [id, job] = openMeasurementAndCandidate();
    const auto before = MeasurementRepository(*m_db).openForRecommendation(id).value().value();
    whenDialogShows([id, job](AfterJobDialog *dialog) {
        auto *recommendation = dialog->findChild<QLineEdit *>(QStringLiteral("recommendation"));
        auto *afterJob = dialog->findChild<QLineEdit *>(QStringLiteral("afterJob"));
        recommendation->clear();
        QTest::keyClicks(recommendation, QString::number(id));
        QTest::keyClicks(afterJob, job);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        QVERIFY(dialog->previewText().contains(QStringLiteral("\nduration ")));
        QVERIFY(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog->accept();
    });
    m_window->enterAfterJob();
    const auto stored = MeasurementService(*m_db).latest(id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->jobIdAfter, std::optional<QString>(job));
    QCOMPARE(stored->id, before.id);
    const Measurement recorded = *stored;

    m_window->undoStack()->undo();
    const auto undone = MeasurementService(*m_db).latest(id).value();
    QVERIFY(undone.isOpen());
    QVERIFY(!undone.improvements.durationPct && !undone.completedAt);
    QCOMPARE(undone.measuredBy, before.measuredBy);

    m_window->undoStack()->redo();
    const auto redone = MeasurementService(*m_db).latest(id).value();
    QCOMPARE(redone.jobIdAfter, recorded.jobIdAfter);
    QCOMPARE(redone.improvements.durationPct, recorded.improvements.durationPct);
    QCOMPARE(redone.completedAt, recorded.completedAt);
}

void TestMainWindow::invalidEntriesShowAnErrorAndWriteNothing()
{
    const auto [id, job] = openMeasurementAndCandidate();
    Q_UNUSED(job);
    const QString beforeJob = MeasurementRepository(*m_db).openForRecommendation(id).value()->jobIdBefore;
    const qint64 never = neverMeasuredRecommendation();
    const qint64 completedBefore = count(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE job_id_after IS NOT NULL"));
    bool checked = false;
    whenDialogShows([&, id = id](AfterJobDialog *dialog) {
        auto *recommendation = dialog->findChild<QLineEdit *>(QStringLiteral("recommendation"));
        auto *afterJob = dialog->findChild<QLineEdit *>(QStringLiteral("afterJob"));
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        recommendation->clear();
        QTest::keyClicks(recommendation, QString::number(id));
        QTest::keyClicks(afterJob, QStringLiteral("no-such-job"));
        QVERIFY(dialog->errorText().contains(QStringLiteral("There is no job no-such-job")));
        QVERIFY(!ok->isEnabled());
        afterJob->clear();
        QTest::keyClicks(afterJob, beforeJob);
        QVERIFY2(dialog->errorText().contains(QStringLiteral("is the before job")), qPrintable(dialog->errorText()));
        QVERIFY(!ok->isEnabled());
        recommendation->clear();
        QTest::keyClicks(recommendation, QString::number(never));
        QVERIFY2(dialog->errorText().contains(QStringLiteral("has no open measurement")), qPrintable(dialog->errorText()));
        QVERIFY(!ok->isEnabled());
        recommendation->clear();
        QTest::keyClicks(recommendation, QStringLiteral("999999"));
        QVERIFY(dialog->errorText().contains(QStringLiteral("There is no recommendation 999999")));
        checked = true;
        dialog->reject();
    });
    m_window->enterAfterJob(id);
    QVERIFY(checked);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE job_id_after IS NOT NULL")), completedBefore);
    QCOMPARE(m_window->undoStack()->count(), 0);
}

void TestMainWindow::correctingAnAfterJob()
{
    const qint64 id = count(QStringLiteral("SELECT MIN(recommendation_id) FROM measurements WHERE job_id_after IS NOT NULL"));
    const Measurement original = MeasurementService(*m_db).latest(id).value();
    const QString replacement = original.jobIdBefore == QLatin1String("x") ? QString() : [this, &original] {
        QSqlQuery query(m_db->connection());
        query.prepare(QStringLiteral("SELECT job_id FROM queries WHERE job_id <> ? AND job_id <> ? ORDER BY job_id LIMIT 1"));
        query.addBindValue(original.jobIdBefore);
        query.addBindValue(*original.jobIdAfter);
        query.exec();
        query.next();
        return query.value(0).toString();
    }();
    whenDialogShows([replacement](AfterJobDialog *dialog) {
        QVERIFY(dialog->isCorrection());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("afterJob")), replacement);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        dialog->accept();
    });
    m_window->enterAfterJob(id);
    QCOMPARE(MeasurementService(*m_db).latest(id)->jobIdAfter, std::optional<QString>(replacement));
    QCOMPARE(MeasurementService(*m_db).latest(id)->id, original.id);
    m_window->undoStack()->undo();
    const Measurement restored = MeasurementService(*m_db).latest(id).value();
    QCOMPARE(restored.jobIdAfter, original.jobIdAfter);
    QCOMPARE(restored.improvements.durationPct, original.improvements.durationPct);
    QCOMPARE(restored.expectation.meets, original.expectation.meets);
    QCOMPARE(restored.completedAt, original.completedAt);
}

void TestMainWindow::pastingSeveralAfterJobs()
{
    QSqlQuery query(m_db->connection());
    query.exec(QStringLiteral("SELECT m.recommendation_id, m.job_id_before FROM measurements m "
                              "WHERE m.job_id_after IS NULL ORDER BY m.id LIMIT 2"));
    QList<qint64> ids;
    while (query.next())
        ids << query.value(0).toLongLong();
    QCOMPARE(ids.size(), 2);
    query.exec(QStringLiteral("SELECT job_id FROM queries ORDER BY job_id DESC LIMIT 1"));
    query.next();
    const QString job = query.value(0).toString();
    query.finish(); // an unfinished SELECT would keep this connection's SQLite snapshot open
    const QString text = QStringLiteral("%1,%3\n%2;%3\nnot a line\n").arg(ids[0]).arg(ids[1]).arg(job);
    const QString report = m_window->recordPastedAfterJobs(text);
    QVERIFY2(report.startsWith(QStringLiteral("2 recorded, 1 rejected")), qPrintable(report));
    QVERIFY(report.contains(QStringLiteral("line 3: expected")));
    for (qint64 id : ids)
        QCOMPARE(MeasurementService(*m_db).latest(id)->jobIdAfter, std::optional<QString>(job));
    m_window->undoStack()->undo(); // one macro: both lines
    for (qint64 id : ids)
        QVERIFY(MeasurementService(*m_db).latest(id)->isOpen());
}

void TestMainWindow::windowRendersOffscreen()
{
    m_window->resize(1200, 800);
    for (auto page : {MainWindow::Page::Dashboard, MainWindow::Page::Measurements, MainWindow::Page::Recommendations,
                      MainWindow::Page::Jobs}) {
        m_window->showPage(page);
        const QImage image = m_window->grab().toImage();
        QCOMPARE(image.size(), QSize(1200, 800));
        // Not a blank picture: text and frames draw more than one colour.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 3);
    }
    QVERIFY(m_window->recommendationsPage()->model()->rowCount() > 0);
}

void TestMainWindow::onlyAnEmptyDatabaseIsOfferedDemoData()
{
    QString offered;
    QTimer answer; // says No to the question, whenever it comes
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&offered] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            offered = box->text();
            box->button(QMessageBox::No)->click();
        }
    });
    answer.start();

    m_window->offerDemoDataIfEmpty();
    QTest::qWait(200);
    QVERIFY2(offered.isEmpty(), qPrintable(offered));

    std::unique_ptr<Database> empty;
    OPEN_TEST_DATABASE(empty, m_folder);
    MainWindow window(std::move(empty));
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.offerDemoDataIfEmpty(); // before its recommendations are counted: asks once they are
    QTRY_VERIFY(offered.contains(QStringLiteral("holds no recommendations")));
}

// Opening runs in a worker while the window keeps processing events: here the upgrade of an
// older schema waits for a write lock that only a timer of this thread releases. Opened on
// this thread, it would wait out SQLite's 10 s busy timeout and fail.
void TestMainWindow::openingADatabaseKeepsTheWindowResponsive()
{
    if (m_db->isPostgres())
        QSKIP("the lock that stands in for slow work is SQLite's");
    const QString location = m_folder.filePath(QStringLiteral("older.sqlite"));
    {
        auto created = Database::open(location);
        QVERIFY(created.ok());
        QSqlQuery query((*created)->connection());
        QVERIFY(query.exec(QStringLiteral("DROP INDEX idx_recommendations_issue")));
        QVERIFY(query.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 6")));
    }
    auto locker = Database::open(location, Database::Options{false});
    QVERIFY(locker.ok());
    QSqlQuery lock((*locker)->connection());
    QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
    bool released = false;
    QObject scope; // the timer goes with this test's locals, even if a check returns early
    QTimer::singleShot(200, &scope, [&lock, &released] { released = lock.exec(QStringLiteral("COMMIT")); });
    QElapsedTimer clock;
    clock.start();
    auto opened = BackgroundTask::open(m_window, location);
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    QVERIFY(released);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE((*opened)->schemaVersion(), Migrations::latestVersion());

    const QString missing = m_folder.filePath(QStringLiteral("missing/x.sqlite"));
    const auto refused = BackgroundTask::open(m_window, missing);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message, QStringLiteral("Cannot create %1: the folder %2 does not exist")
                                          .arg(missing, m_folder.filePath(QStringLiteral("missing"))));
}

namespace {

// Answers the next modal box with `button`, and returns its text through `text`.
void answerNextBox(QMessageBox::StandardButton button, QString *text)
{
    QTimer::singleShot(0, [button, text] {
        QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        *text = box->text();
        box->button(button)->click();
    });
}

} // namespace

// The stored judgements follow the tolerance only when the analyst says so; until then the
// band is drawn with the tolerance they were made with, and the legend says so.
void TestMainWindow::changingTheToleranceOffersToJudgeAgain()
{
    // Measurements whose judgement disagrees with tolerance T, by an independent rule in SQL.
    const auto misjudged = [this](int tolerance) {
        return count(QStringLiteral("SELECT COUNT(*) FROM measurements m JOIN recommendations r "
                                    "ON r.id = m.recommendation_id WHERE m.job_id_after IS NOT NULL "
                                    "AND m.duration_improvement_pct IS NOT NULL AND m.meets_expectation <> "
                                    "(CASE WHEN m.duration_improvement_pct >= COALESCE(r.estimated_improvement_pct, 0) "
                                    "- %1 AND m.duration_improvement_pct >= 0 THEN TRUE ELSE FALSE END)")
                         .arg(tolerance));
    };
    QCOMPARE(misjudged(20), 0);
    QVERIFY(misjudged(5) > 0);
    const auto restoreSettings = qScopeGuard([] { AppSettings::setMeasurementSettings({}); });

    QString question;
    QTimer::singleShot(0, this, [&question] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->findChildren<QDoubleSpinBox *>().first()->setValue(5);
        answerNextBox(QMessageBox::No, &question);
        dialog->accept();
    });
    m_window->showSettings();
    QVERIFY2(question.contains(QStringLiteral("judged with a tolerance of 20 points; your setting is now 5")),
             qPrintable(question));
    QCOMPARE(misjudged(20), 0); // declined: nothing changed
    QTRY_VERIFY(!m_window->isLoading());
    QCOMPARE(m_window->scatterPlot()->toleranceLegend(),
             QStringLiteral("within tolerance (actual ≥ estimate − 20, as judged; your setting: 5)"));

    answerNextBox(QMessageBox::Yes, &question);
    m_window->findChild<QAction *>(QStringLiteral("rejudge"))->trigger();
    QTRY_COMPARE(misjudged(5), 0);
    QTRY_COMPARE(m_window->scatterPlot()->toleranceLegend(), QStringLiteral("within tolerance (actual ≥ estimate − 5)"));

    m_window->undoStack()->undo();
    QCOMPARE(misjudged(20), 0);
    QTRY_COMPARE(m_window->scatterPlot()->toleranceLegend(),
                 QStringLiteral("within tolerance (actual ≥ estimate − 20, as judged; your setting: 5)"));
    m_window->undoStack()->redo();
    QCOMPARE(misjudged(5), 0);
}

// The measurement just recorded is selected on the Measurements page; Undo and Redo (Ctrl+Y too)
// say what they did; a message has the status bar to itself; Help explains the words; the
// dashboard's charts take keyboard focus.
void TestMainWindow::recordingShowsWhatItDidAndUndoSaysSo()
{
    const auto [id, job] = openMeasurementAndCandidate();
    const qint64 measurement = MeasurementRepository(*m_db).openForRecommendation(id).value().value().id;
    whenDialogShows([id = id, job = job](AfterJobDialog *dialog) {
        auto *recommendation = dialog->findChild<QLineEdit *>(QStringLiteral("recommendation"));
        recommendation->clear();
        QTest::keyClicks(recommendation, QString::number(id));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("afterJob")), job);
        dialog->accept();
    });
    m_window->enterAfterJob();
    m_window->showPage(MainWindow::Page::Measurements);
    QTRY_COMPARE(m_window->measurementsPage()->currentMeasurement(), std::optional(measurement));

    QStatusBar *bar = m_window->statusBar();
    auto *counts = bar->findChildren<QLabel *>().first();
    QVERIFY(!bar->currentMessage().isEmpty());
    QVERIFY(counts->isHidden()); // the message has the whole bar
    m_window->findChild<QAction *>(QStringLiteral("undo"))->trigger();
    QCOMPARE(bar->currentMessage(), QStringLiteral("Undone: Record after job %1 for recommendation %2").arg(job).arg(id));
    QVERIFY(MeasurementService(*m_db).latest(id)->isOpen());
    QAction *redo = m_window->findChild<QAction *>(QStringLiteral("redo"));
    QVERIFY(redo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Y)));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_Y, Qt::ControlModifier);
    QCOMPARE(bar->currentMessage(), QStringLiteral("Redone: Record after job %1 for recommendation %2").arg(job).arg(id));
    QCOMPARE(MeasurementService(*m_db).latest(id)->jobIdAfter, std::optional<QString>(job));
    bar->clearMessage();
    QVERIFY(!counts->isHidden());

    QString help;
    answerNextBox(QMessageBox::Ok, &help);
    m_window->findChild<QAction *>(QStringLiteral("howJudged"))->trigger();
    QVERIFY(help.contains(QStringLiteral("<b>Percentage points</b>")));
    QVERIFY(help.contains(QStringLiteral("<b>Tolerance</b> (now 20 points)")));
    QVERIFY(help.contains(QStringLiteral("more than 10 points")));

    for (QWidget *chart : {static_cast<QWidget *>(m_window->distributionChart()),
                           static_cast<QWidget *>(m_window->successChart()),
                           static_cast<QWidget *>(m_window->scatterPlot())})
        QCOMPARE(chart->focusPolicy(), Qt::StrongFocus);
}

// The page, time window and issue type come back with the next window; a remembered issue
// type that the database does not have gives way to every issue type.
void TestMainWindow::windowRemembersWhereTheAnalystLeftIt()
{
    m_window->showPage(MainWindow::Page::Recommendations);
    m_window->setWindowDays(90);
    m_window->setIssueType(QStringLiteral("select_star"));
    QTRY_VERIFY(!m_window->isLoading());
    m_window->close();

    auto reopened = m_db->reopen();
    QVERIFY(reopened);
    MainWindow next(std::move(reopened).value());
    next.setAttribute(Qt::WA_DeleteOnClose, false);
    next.restoreLastView();
    QCOMPARE(next.currentWindow().days, std::optional(90));
    QCOMPARE(next.currentWindow().issueType, std::optional<QString>(QStringLiteral("select_star")));
    QCOMPARE(next.findChild<QTabWidget *>()->currentWidget(), static_cast<QWidget *>(next.recommendationsPage()));
    QTRY_VERIFY(!next.isLoading());
    QCOMPARE(next.currentWindow().issueType, std::optional<QString>(QStringLiteral("select_star"))); // it exists

    AppSettings::setLastView({0, 30, QStringLiteral("no_such_type")});
    auto third = m_db->reopen();
    QVERIFY(third);
    MainWindow other(std::move(third).value());
    other.setAttribute(Qt::WA_DeleteOnClose, false);
    other.restoreLastView();
    QCOMPARE(other.currentWindow().issueType, std::optional<QString>(QStringLiteral("no_such_type")));
    QTRY_COMPARE(other.currentWindow().issueType, std::optional<QString>());
    QTRY_VERIFY(!other.isLoading());
    QCOMPARE(other.dashboardPage()->totalCard()->value(),
             QLocale().toString(MeasurementService(*m_db).summary({30, std::nullopt})->totalMeasurements));
    AppSettings::setLastView({});
}

int main(int argc, char *argv[])
{
    // Keep the user's settings out of the test, and the test's out of the user's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QApplication application(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
