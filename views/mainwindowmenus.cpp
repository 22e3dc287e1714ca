// The main window's menus and what they start: opening databases, imports, exports, settings
// and demo data. The pages, their reads and the recording of measurements are in
// mainwindow.cpp.

#include "mainwindow.h"

#include "appsettings.h"
#include "backgroundtask.h"
#include "csvreportwriter.h"
#include "database.h"
#include "demodata.h"
#include "dialogs/importjobsdialog.h"
#include "dialogs/postgresdialog.h"
#include "dialogs/settingsdialog.h"
#include "expectationjudge.h"
#include "jobimporter.h"
#include "measurementrepository.h"
#include "latestread.h"
#include "pages/dashboardpage.h"
#include "pages/jobspage.h"
#include "plots/distributionchart.h"
#include "plots/scatterplot.h"
#include "plots/successchart.h"
#include "recommendationimporter.h"
#include "sqlitefile.h"
#include "undo/measurementcommands.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QPointer>
#include <QStatusBar>
#include <QUndoStack>

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New SQLite database…"), QKeySequence::New, this, &MainWindow::newSqliteDatabase);
    file->addAction(tr("&Open SQLite database…"), QKeySequence::Open, this, &MainWindow::openSqliteDatabase);
    file->addAction(tr("Connect to &PostgreSQL…"), this, &MainWindow::connectPostgres);
    m_recentMenu = file->addMenu(tr("&Recent databases"));
    file->addSeparator();
    file->addAction(tr("Import &jobs…"), this, [this] { importFile(true); });
    file->addAction(tr("Import &recommendations…"), this, [this] { importFile(false); });
    file->addSeparator();
    file->addAction(tr("Export CSV &report…"), this, &MainWindow::exportCsvReport);
    QMenu *charts = file->addMenu(tr("Export &chart"));
    charts->addAction(tr("Improvement &distribution…"), this, [this] { m_distribution->actions().first()->trigger(); });
    charts->addAction(tr("&Success rate…"), this, [this] { m_successChart->actions().first()->trigger(); });
    charts->addAction(tr("&Estimated vs actual…"), this, [this] { m_scatter->actions().first()->trigger(); });
    file->addAction(tr("Export dashboard as P&DF…"), this, &MainWindow::exportDashboardPdf);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Undo and Redo say in the status bar what they did.
    QAction *undo = edit->addAction(tr("&Undo"), this, [this] {
        const QString what = m_undoStack->undoText();
        m_undoStack->undo();
        statusBar()->showMessage(tr("Undone: %1").arg(what), 8000);
    });
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setEnabled(false);
    connect(m_undoStack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(m_undoStack, &QUndoStack::undoTextChanged, undo, [undo](const QString &text) {
        undo->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(text));
    });
    QAction *redo = edit->addAction(tr("&Redo"), this, [this] {
        const QString what = m_undoStack->redoText();
        m_undoStack->redo();
        statusBar()->showMessage(tr("Redone: %1").arg(what), 8000);
    });
    redo->setObjectName(QStringLiteral("redo"));
    // Ctrl+Y as well as the platform's own (Ctrl+Shift+Z on Linux): both are what people try.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
        redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    redo->setShortcuts(redoKeys);
    redo->setEnabled(false);
    connect(m_undoStack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(m_undoStack, &QUndoStack::redoTextChanged, redo, [redo](const QString &text) {
        redo->setText(text.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(text));
    });
    edit->addSeparator();
    QAction *enter = edit->addAction(tr("&Enter after job…"), this, [this] { enterAfterJob(); });
    enter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    enter->setObjectName(QStringLiteral("enterAfterJob"));
    QAction *paste = edit->addAction(tr("&Paste after jobs"), this, [this] {
        const QString report = recordPastedAfterJobs(QApplication::clipboard()->text());
        QMessageBox::information(this, tr("Paste after jobs"), report);
    });
    paste->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    paste->setToolTip(tr("Record lines of \"recommendation,after_job\" from the clipboard"));
    QAction *refreshRuns = edit->addAction(tr("Refresh r&uns of measurements…"), this, &MainWindow::refreshMeasurementRuns);
    refreshRuns->setObjectName(QStringLiteral("refreshRuns"));
    refreshRuns->setToolTip(tr("Gather again the runs of the measurements recorded with other runs of their "
                               "queries (newly imported jobs may hold more) and compute their verdicts anew"));
    QAction *reload = edit->addAction(tr("Re&fresh"), this, &MainWindow::refresh);
    reload->setShortcut(QKeySequence::Refresh);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Preferences…"), this, &MainWindow::showSettings);
    QAction *rejudge = settings->addAction(tr("&Re-judge measurements…"), this, [this] { offerRejudging(true); });
    rejudge->setObjectName(QStringLiteral("rejudge"));
    rejudge->setToolTip(tr("Judge every completed measurement again with the tolerance of your settings"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *judging = help->addAction(tr("&How measurements are judged"), this, [this] {
        const MeasurementSettings settings = AppSettings::measurementSettings();
        const QLocale locale;
        QMessageBox box(QMessageBox::Information, tr("How measurements are judged"),
                        tr("<p><b>Improvement</b>: how much faster the optimized (after) job ran than the original "
                           "(before) job, in %: (before − after) ÷ before × 100.</p>"
                           "<p><b>Percentage points</b> (\"points\"): the difference between two percentages. "
                           "An improvement of 30 % against an estimate of 50 % misses it by 20 points.</p>"
                           "<p><b>Tolerance</b> (now %1 points): how far below its estimate an improvement may "
                           "stay and still count.</p>"
                           "<p><b>Met</b>: the improvement is at least the estimate minus the tolerance, and the "
                           "job did not get slower. A recommendation without an estimate is judged against 0 %.</p>"
                           "<p><b>Exceeded</b>: met, and better than the estimate by more than %2 points (the "
                           "\"exceeded\" margin).</p>"
                           "<p><b>Below estimate</b>: faster, but by less than that. <b>Regression</b>: slower "
                           "than before; it never meets an estimate. <b>Pending</b>: no after job yet.</p>"
                           "<p>The <b>success rate</b> is met ÷ completed. Settings ▸ Preferences sets the tolerance, "
                           "the margin and the target.</p>")
                            .arg(locale.toString(settings.tolerancePct), locale.toString(settings.exceededMarginPct)),
                        QMessageBox::Ok, this);
        box.setTextFormat(Qt::RichText);
        box.exec();
    });
    judging->setObjectName(QStringLiteral("howJudged"));
    judging->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Optimeter"), this, [this] {
        QMessageBox::about(this, tr("About Optimeter"),
                           tr("<b>Optimeter %1</b><p>Proves whether query optimizations paid off.</p>"
                              "<p>Licensed under the GNU GPL version 3.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::openLocation(const QString &location)
{
    const QPointer<MainWindow> self(this); // the nested wait processes events: a close, a quit
    auto database = BackgroundTask::open(this, location);
    if (!self)
        return;
    if (!database) {
        QMessageBox::warning(this, tr("Open database"), database.error().message);
        return;
    }
    AppSettings::addRecentDatabase(location);
    auto *window = new MainWindow(std::move(database).value());
    window->restoreLastView();
    window->show();
    window->warnAboutDatabaseLocation();
    window->offerDemoDataIfEmpty();
    close();
}

void MainWindow::newSqliteDatabase()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New SQLite database"), QString(),
                                                      tr("SQLite databases (*.sqlite *.db)"));
    if (path.isEmpty())
        return;
    if (QFile::exists(path)) {
        QMessageBox::warning(this, tr("New SQLite database"), tr("%1 exists already; open it instead.").arg(path));
        return;
    }
    openLocation(path);
}

void MainWindow::openSqliteDatabase()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open SQLite database"), QString(),
                                                      tr("SQLite databases (*.sqlite *.db);;All files (*)"));
    if (!path.isEmpty())
        openLocation(path);
}

void MainWindow::connectPostgres()
{
    PostgresDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        openLocation(dialog.location());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &location : AppSettings::recentDatabases()) {
        QAction *action = m_recentMenu->addAction(location);
        // A remembered PostgreSQL location has no password (it is never stored): the
        // server's own authentication (.pgpass, peer, trust) applies, else an error says so.
        connect(action, &QAction::triggered, this, [this, location] {
            if (location != m_database->location())
                openLocation(location);
        });
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

void MainWindow::importFile(bool jobs)
{
    QStringList paths;
    ImportOptions chosen;
    if (jobs) {
        ImportJobsDialog dialog(this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        paths = dialog.files();
        chosen = dialog.options();
    } else {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import recommendations"), QString(),
                                                          tr("CSV files (*.csv *.txt);;All files (*)"));
        if (path.isEmpty())
            return;
        paths << path;
    }
    const QString path = paths.first();
    // Counted in the worker after a jobs import: the measurements whose runs it may add to.
    auto recordedWithSimilar = std::make_shared<std::atomic<qint64>>(0);
    BackgroundTask::run<ImportReport>(
        this, m_database->location(), tr("Importing %1…").arg(QFileInfo(path).fileName()),
        [paths, jobs, chosen, recordedWithSimilar](const Database &database, const BackgroundTask::Progress &progress) {
            ImportOptions options = chosen;
            options.progress = progress;
            auto report = jobs ? JobImporter(database).importFiles(paths, options)
                               : RecommendationImporter(database).importFile(paths.first(), options);
            if (jobs && report && report->inserted + report->updated > 0) {
                const auto count = MeasurementRepository(database).countRecordedWithSimilar();
                *recordedWithSimilar = count ? *count : 0;
            }
            return report;
        },
        [this, path, jobs, recordedWithSimilar](const Result<ImportReport> &report, BackgroundTask::Ending ending) {
            QString text;
            // A Cancel pressed as the import committed does not undo it: say what happened.
            const QString tooLate = ending.cancelRequested && report
                                        ? tr("The import had finished before it could be canceled.") + u'\n'
                                        : QString();
            if (!report) {
                text = report.error().kind == Error::Kind::Canceled
                           ? tr("Import of %1 canceled; nothing was written.").arg(path)
                           : tr("Import of %1 rejected; nothing was written.\n%2").arg(path, report.error().message);
                QMessageBox::warning(this, tr("Import"), text);
            } else if (jobs) {
                text = ImportJobsDialog::describe(*report);
                statusBar()->showMessage(text.section(u'\n', 0, 1), 10000);
                if (report->rejected > 0 || report->cacheHits > 0 || !tooLate.isEmpty()) {
                    QMessageBox box(QMessageBox::Information, tr("Import"), tooLate + ImportJobsDialog::headline(*report),
                                    QMessageBox::Ok, this);
                    box.setDetailedText(text);
                    box.exec();
                }
            } else {
                text = tr("%1: %2 rows read, %3 inserted, %4 updated, %5 repeated in the file (the last one "
                          "wins), 0 rejected.")
                           .arg(path)
                           .arg(report->rowsRead)
                           .arg(report->inserted)
                           .arg(report->updated)
                           .arg(report->duplicates);
                if (!report->ignoredColumns.isEmpty())
                    text += u'\n' + tr("Ignored unknown columns: %1").arg(report->ignoredColumns.join(QStringLiteral(", ")));
                statusBar()->showMessage(text, 10000);
                if (!tooLate.isEmpty())
                    QMessageBox::information(this, tr("Import"), tooLate + text);
            }
            if (jobs) {
                m_jobs->setLastImportReport(text);
                showPage(Page::Jobs);
            }
            reloadIssueTypes();
            refresh();
            if (jobs && report)
                offerRunsRefresh(recordedWithSimilar->load());
        });
}

void MainWindow::exportCsvReport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV report"), QStringLiteral("optimeter-report.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const MeasurementWindow window = currentWindow();
    BackgroundTask::run<qint64>(
        this, m_database->location(), tr("Writing %1…").arg(QFileInfo(path).fileName()),
        [path, window](const Database &database, const BackgroundTask::Progress &progress) {
            CsvReportWriter::Options options;
            options.window = window;
            options.byteOrderMark = true; // the file is meant for a spreadsheet
            options.progress = [progress](qint64 rows) { return progress(rows, std::max<qint64>(rows * 2, 1)); };
            return CsvReportWriter(database).write(path, options);
        },
        [this, path](const Result<qint64> &rows, BackgroundTask::Ending) {
            if (!rows)
                QMessageBox::warning(this, tr("Export CSV report"), rows.error().message);
            else
                statusBar()->showMessage(tr("Wrote %n measurement(s) to %1", nullptr, int(*rows)).arg(path), 10000);
        });
}

void MainWindow::exportDashboardPdf()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export dashboard as PDF"),
                                                      QStringLiteral("optimeter-dashboard.pdf"), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (Status output = SqliteFile::checkOutput(path); !output) {
        QMessageBox::warning(this, tr("Export dashboard as PDF"), output.error().message);
        return;
    }
    QPdfWriter writer(path);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(12, 12, 12, 12)));
    writer.setTitle(tr("Optimeter dashboard"));
    writer.setCreator(QStringLiteral("Optimeter"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        QMessageBox::warning(this, tr("Export dashboard as PDF"), tr("%1: cannot be written").arg(path));
        return;
    }
    const QPixmap page = m_dashboard->grab();
    const QRect target = painter.viewport();
    const QSize scaled = page.size().scaled(target.size(), Qt::KeepAspectRatio);
    painter.drawPixmap(QRect(target.topLeft(), scaled), page);
    painter.end();
    statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
}

void MainWindow::showSettings()
{
    const double tolerance = AppSettings::measurementSettings().tolerancePct;
    SettingsDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (AppSettings::measurementSettings().tolerancePct != tolerance) {
        // The stored judgements were made with the earlier tolerance: the database remembers
        // it, so that the band is drawn with it until they are judged again.
        ExpectationJudge judge(*m_database);
        if (const auto judged = judge.judgedTolerancePct(); judged && !*judged)
            (void)judge.remember(tolerance);
        refresh();
        offerRejudging(false);
        return;
    }
    refresh();
}

void MainWindow::offerRejudging(bool askedFor)
{
    const double tolerance = AppSettings::measurementSettings().tolerancePct;
    const double judged = ExpectationJudge(*m_database).tolerancePctFor(tolerance);
    const QLocale locale;
    if (judged == tolerance) {
        if (!askedFor)
            return;
        QMessageBox::information(this, tr("Re-judge measurements"),
                                 tr("The measurements are judged with your tolerance of %1 points already.")
                                     .arg(locale.toString(tolerance)));
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Re-judge measurements"),
        tr("The recorded measurements were judged with a tolerance of %1 points; your setting is now %2.\n\n"
           "Judge every completed measurement again with %2 points? Until then the dashboard keeps showing "
           "them, and judges new ones, with %1. Edit ▸ Undo puts the earlier judgements back.")
            .arg(locale.toString(judged), locale.toString(tolerance)));
    if (answer != QMessageBox::Yes)
        return;
    BackgroundTask::run<ExpectationJudge::Outcome>(
        this, m_database->location(), tr("Judging the measurements again…"),
        [tolerance](const Database &database, const BackgroundTask::Progress &progress) {
            return ExpectationJudge(database).rejudge(tolerance, progress);
        },
        [this](const Result<ExpectationJudge::Outcome> &outcome, BackgroundTask::Ending) {
            if (!outcome) {
                if (outcome.error().kind != Error::Kind::Canceled)
                    QMessageBox::warning(this, tr("Re-judge measurements"), outcome.error().message);
                return;
            }
            m_undoStack->push(new RejudgeCommand(*m_database, *outcome, [this](const Error *e) { onDataChanged(e); }));
            statusBar()->showMessage(tr("Judged %n measurement(s) again with a tolerance of %1 points: %2 changed.",
                                        nullptr, int(outcome->completed))
                                         .arg(QLocale().toString(outcome->tolerancePct))
                                         .arg(QLocale().toString(qint64(outcome->changedIds.size()))),
                                     10000);
            refresh();
        });
}

void MainWindow::offerDemoDataIfEmpty()
{
    // The number of recommendations comes with the totals, read in a worker: ask once it is in.
    if (m_totalsRead->isReading()) {
        m_demoDataOfferPending = true;
        return;
    }
    if (m_recommendationCount != 0)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Empty database"),
        tr("%1 holds no recommendations yet. Fill it with realistic demo data (5,000 measurements) to explore "
           "Optimeter?").arg(m_database->displayName()));
    if (answer != QMessageBox::Yes)
        return;
    BackgroundTask::run<DemoData::Report>(
        this, m_database->location(), tr("Creating demo data…"),
        [](const Database &database, const BackgroundTask::Progress &progress) {
            DemoData::Options options;
            options.measurements = 5000;
            options.progress = progress;
            return DemoData(database).generate(options);
        },
        [this](const Result<DemoData::Report> &report, BackgroundTask::Ending) {
            if (!report && report.error().kind != Error::Kind::Canceled)
                QMessageBox::warning(this, tr("Demo data"), report.error().message);
            reloadIssueTypes();
            refresh();
        });
}

void MainWindow::warnAboutDatabaseLocation()
{
    const QStringList warnings = m_database->warnings();
    if (!warnings.isEmpty())
        QMessageBox::warning(this, tr("Database location"), warnings.join(QStringLiteral("\n\n")));
}
