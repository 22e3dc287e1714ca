#include "mainwindow.h"

#include "appsettings.h"
#include "backgroundtask.h"
#include "csvreportwriter.h"
#include "database.h"
#include "databaseworker.h"
#include "latestread.h"
#include "demodata.h"
#include "calibration.h"
#include "dialogs/afterjobdialog.h"
#include "dialogs/postgresdialog.h"
#include "dialogs/settingsdialog.h"
#include "expectationjudge.h"
#include "issuetypetext.h"
#include "jobimporter.h"
#include "dialogs/importjobsdialog.h"
#include "jobrepository.h"
#include "measurementformat.h"
#include "pages/dashboardpage.h"
#include "pages/jobspage.h"
#include "pages/measurementspage.h"
#include "pages/recommendationspage.h"
#include "recommendationimporter.h"
#include "recommendationrepository.h"
#include "dashboardstatistics.h"
#include "databasechangewatcher.h"
#include "plots/calibrationchart.h"
#include "plots/chartexport.h"
#include "plots/distributionchart.h"
#include "plots/scatterplot.h"
#include "plots/successchart.h"
#include "sqlitefile.h"
#include "undo/measurementcommands.h"

#include <QPointer>
#include <QFutureWatcher>
#include <QtConcurrent>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

MainWindow::MainWindow(std::unique_ptr<Database> database, QWidget *parent)
    : QMainWindow(parent), m_database(std::move(database)),
      m_service(*m_database, AppSettings::measurementSettings()), m_undoStack(new QUndoStack(this)),
      m_pages(new QTabWidget(this)), m_dashboard(new DashboardPage(this)),
      m_recommendations(new RecommendationsPage(*m_database, this)),
      m_measurements(new MeasurementsPage(*m_database, this)), m_jobs(new JobsPage(*m_database, this)),
      m_windowBox(new QComboBox(this)), m_issueBox(new QComboBox(this)), m_status(new QLabel(this)),
      m_distribution(new DistributionChart(this)), m_successChart(new SuccessChart(this)),
      m_scatter(new ScatterPlot(this)), m_calibrationChart(new CalibrationChart(this)), m_changes(new DatabaseChangeWatcher(*m_database, this)),
      m_changesSettle(new QTimer(this)),
      m_figureWorker(std::make_unique<DatabaseWorker>(m_database->location())),
      m_chartWorker(std::make_unique<DatabaseWorker>(m_database->location())),
      m_summaryRead(std::make_unique<LatestRead>(*m_figureWorker)),
      m_totalsRead(std::make_unique<LatestRead>(*m_figureWorker)),
      m_chartRead(std::make_unique<LatestRead>(*m_chartWorker)),
      m_calibrationRead(std::make_unique<LatestRead>(*m_figureWorker))
{
    m_dashboard->setCharts(m_distribution, m_successChart, m_scatter, m_calibrationChart);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1 — Optimeter").arg(m_database->displayName()));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_dashboard, tr("&Dashboard"));
    m_pages->addTab(m_measurements, tr("&Measurements"));
    m_pages->addTab(m_recommendations, tr("&Recommendations"));
    m_pages->addTab(m_jobs, tr("&Jobs"));
    setCentralWidget(m_pages);
    statusBar()->addPermanentWidget(m_status);
    // A message needs the whole bar: the counts step aside while it shows.
    connect(statusBar(), &QStatusBar::messageChanged, m_status,
            [this](const QString &message) { m_status->setVisible(message.isEmpty()); });

    createActions();
    createToolBar();
    connect(m_recommendations, &RecommendationsPage::startMeasurementRequested, this,
            &MainWindow::startMeasurement);
    connect(m_recommendations, &RecommendationsPage::enterAfterJobRequested, this,
            [this](qint64 id) { enterAfterJob(id); });
    connect(m_jobs, &JobsPage::importRequested, this, [this] { importFile(true); });
    connect(m_measurements, &MeasurementsPage::currentMeasurementChanged, this,
            [this](qint64, qint64 recommendationId) { m_currentRecommendation = recommendationId; });
    connect(m_scatter, &ScatterPlot::recommendationActivated, this, [this](qint64 recommendationId) {
        showPage(Page::Measurements);
        m_measurements->selectRecommendation(recommendationId);
    });
    connect(m_pages, &QTabWidget::currentChanged, this, &MainWindow::updateMeasurementsPage);
    connect(m_recommendations, &RecommendationsPage::loaded, this, &MainWindow::emitLoadedWhenDone);
    connect(m_jobs, &JobsPage::loaded, this, &MainWindow::emitLoadedWhenDone);
    // Another process's commit shows within a second (SPEC §7): a poll every 250 ms, then a
    // pause that gathers the commits of a burst into one refresh.
    m_changesSettle->setSingleShot(true);
    m_changesSettle->setInterval(300);
    connect(m_changes, &DatabaseChangeWatcher::changed, this, [this] {
        if (!m_changesSettle->isActive())
            m_changesSettle->start();
    });
    connect(m_changesSettle, &QTimer::timeout, this, &MainWindow::refreshAfterOtherConnectionsCommits);

    resize(1280, 860);
    if (!restoreGeometry(AppSettings::windowGeometry()))
        resize(1280, 860);
    restoreState(AppSettings::windowState());
    rebuildRecentMenu();
    reloadIssueTypes();
    refresh();
}

// The reads stop, and the workers wait for them (theirs and the pages'), so that nothing
// outlives the window.
MainWindow::~MainWindow() = default;

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Filters"));
    bar->setObjectName(QStringLiteral("filters"));
    bar->setMovable(false);
    for (int days : {7, 30, 90, 365})
        m_windowBox->addItem(tr("Last %n day(s)", nullptr, days), days);
    m_windowBox->addItem(tr("All time"), 0);
    m_windowBox->setObjectName(QStringLiteral("window"));
    m_windowBox->setCurrentIndex(std::max(0, m_windowBox->findData(AppSettings::startWindowDays().value_or(0))));
    m_issueBox->setObjectName(QStringLiteral("issueType"));
    m_issueBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_issueBox->addItem(tr("All issue types"), QString()); // the others come with the key figures
    bar->addWidget(new QLabel(tr(" Window: "), this));
    bar->addWidget(m_windowBox);
    bar->addWidget(new QLabel(tr("  Issue type: "), this));
    bar->addWidget(m_issueBox);
    bar->addSeparator();
    QAction *enter = bar->addAction(tr("Enter after job…"), this, [this] { enterAfterJob(); });
    enter->setToolTip(tr("Type the optimized job's ID for a recommendation (Ctrl+E)"));
    connect(m_windowBox, &QComboBox::currentIndexChanged, this, &MainWindow::refresh);
    connect(m_issueBox, &QComboBox::currentIndexChanged, this, [this] {
        m_recommendations->setIssueType(currentWindow().issueType);
        refresh();
    });
}

MeasurementWindow MainWindow::currentWindow() const
{
    MeasurementWindow window;
    const int days = m_windowBox->currentData().toInt();
    if (days > 0)
        window.days = days;
    if (m_issueBox->currentIndex() > 0)
        window.issueType = m_issueBox->currentData().toString();
    return window;
}

void MainWindow::setWindowDays(std::optional<int> days)
{
    m_windowBox->setCurrentIndex(m_windowBox->findData(days.value_or(0)));
}

void MainWindow::setIssueType(const std::optional<QString> &issueType)
{
    const int index = issueType ? m_issueBox->findData(*issueType) : 0;
    m_issueBox->setCurrentIndex(std::max(0, index));
}

void MainWindow::showPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
}

void MainWindow::reloadIssueTypes()
{
    m_issueTypesStale = true;
}

void MainWindow::setIssueTypes(const QStringList &types)
{
    const QSignalBlocker blocker(m_issueBox);
    const QString current = m_issueBox->currentData().toString();
    m_issueBox->clear();
    m_issueBox->addItem(tr("All issue types"), QString());
    // In words, in the order of the words; the identifier is the filter and the tooltip.
    QList<std::pair<QString, QString>> named;
    for (const QString &type : types)
        named << std::pair(IssueTypeText::name(type), type);
    std::sort(named.begin(), named.end(), [](const auto &a, const auto &b) {
        const int order = QString::localeAwareCompare(a.first, b.first);
        return order != 0 ? order < 0 : a.second < b.second;
    });
    for (const auto &[name, type] : std::as_const(named)) {
        m_issueBox->addItem(name, type);
        m_issueBox->setItemData(m_issueBox->count() - 1, IssueTypeText::toolTip(type), Qt::ToolTipRole);
    }
    m_issueBox->setCurrentIndex(std::max(0, m_issueBox->findData(current)));
    m_issueTypesStale = false;
    // The filter named a type this database no longer has (or never had): every issue type now.
    if (!current.isEmpty() && m_issueBox->currentIndex() == 0) {
        m_recommendations->setIssueType(std::nullopt);
        QTimer::singleShot(0, this, &MainWindow::refresh); // not inside the read's answer
    }
}

void MainWindow::refresh()
{
    m_changes->markSeen(); // what the reads below find needs no second refresh
    m_service.setSettings(AppSettings::measurementSettings());
    m_measurements->setExceededMarginPct(m_service.settings().exceededMarginPct);
    const MeasurementWindow window = currentWindow();
    loadSummary();
    const bool sameFilters = m_refreshedWindow && m_refreshedWindow->days == window.days
                             && m_refreshedWindow->issueType == window.issueType;
    // Same filters: new data. The counts and the lists do not depend on the time window, and the
    // issue type's handler passes that on to the recommendations itself: a change of filters
    // leaves them.
    if (sameFilters || !m_refreshedWindow || m_issueTypesStale)
        loadTotals();
    if (sameFilters || !m_refreshedWindow) {
        m_measurementsStale = true;
        m_recommendations->refresh();
        m_jobs->refresh();
    }
    m_refreshedWindow = window;
    updateMeasurementsPage();
    loadCharts();
    loadCalibration();
}

// The Measurements page counts and pages through up to a million rows: it reads when it is
// the current page, not on every change of filters while the dashboard shows.
void MainWindow::updateMeasurementsPage()
{
    if (m_pages->currentWidget() != m_measurements)
        return;
    const MeasurementWindow window = currentWindow();
    if (!m_measurementsWindow || m_measurementsWindow->days != window.days
        || m_measurementsWindow->issueType != window.issueType)
        m_measurements->setWindow(window);
    else if (m_measurementsStale)
        m_measurements->refresh(); // same filters, new data
    m_measurementsWindow = window;
    m_measurementsStale = false;
    if (const auto id = std::exchange(m_selectAfterRefresh, std::nullopt))
        m_measurements->selectRecommendation(*id);
}

// What the status bar and the issue-type filter show besides the window's summary; read after
// it, so that the cards never wait for these counts.
struct MainWindow::Totals
{
    qint64 recommendations = -1; // -1: could not be counted
    qint64 jobs = -1;
    std::optional<QStringList> issueTypes; // read when asked for

    static Result<Totals> read(const Database &database, bool withIssueTypes)
    {
        Totals totals;
        if (const auto count = RecommendationRepository(database).count())
            totals.recommendations = *count;
        if (const auto count = JobRepository(database).count())
            totals.jobs = *count;
        if (withIssueTypes) {
            if (auto types = RecommendationRepository(database).issueTypes())
                totals.issueTypes = std::move(types).value();
        }
        return totals;
    }
};

void MainWindow::loadSummary()
{
    m_summaryRead->read<Summary>(
        this,
        [settings = m_service.settings(), window = currentWindow()](const Database &database, const auto &) {
            return MeasurementService(database, settings).summary(window);
        },
        [this](Result<Summary> summary) {
            showSummary(summary);
            emitLoadedWhenDone();
        });
}

void MainWindow::loadTotals()
{
    m_totalsRead->read<Totals>(
        this,
        [withIssueTypes = m_issueTypesStale](const Database &database, const auto &) {
            return Totals::read(database, withIssueTypes);
        },
        [this](Result<Totals> totals) {
            if (totals) // else the summary says why
                showTotals(*totals);
            emitLoadedWhenDone();
        });
}

void MainWindow::showSummary(const Result<Summary> &summary)
{
    if (!summary) {
        statusBar()->showMessage(summary.error().message);
        return;
    }
    m_summary = *summary;
    m_dashboard->setSummary(*summary, AppSettings::successTargetPct());
    updateStatusBar();
}

void MainWindow::showTotals(const Totals &totals)
{
    if (totals.issueTypes)
        setIssueTypes(*totals.issueTypes);
    m_recommendationCount = totals.recommendations;
    m_jobCount = totals.jobs;
    updateStatusBar();
    if (std::exchange(m_demoDataOfferPending, false))
        QTimer::singleShot(0, this, &MainWindow::offerDemoDataIfEmpty); // not inside the read's answer
}

void MainWindow::updateStatusBar()
{
    if (!m_summary || m_recommendationCount < 0 || m_jobCount < 0)
        return;
    const QLocale locale;
    m_status->setText(tr("%1 measurements (%2 completed) in the window · %3 recommendations · %4 jobs")
                          .arg(locale.toString(m_summary->totalMeasurements),
                               locale.toString(m_summary->completedMeasurements),
                               locale.toString(m_recommendationCount), locale.toString(m_jobCount)));
}

bool MainWindow::chartsLoading() const
{
    return m_chartRead->isReading() || m_calibrationRead->isReading();
}

bool MainWindow::isLoading() const
{
    return m_summaryRead->isReading() || m_totalsRead->isReading() || chartsLoading()
           || m_recommendations->isLoading() || m_jobs->isLoading();
}

void MainWindow::emitLoadedWhenDone()
{
    if (!isLoading())
        emit loaded();
}

void MainWindow::loadCharts()
{
    m_chartRead->read<DashboardStatistics::Charts>(
        this,
        [window = currentWindow()](const Database &database, const LatestRead::StillWanted &stillWanted) {
            return DashboardStatistics(database).charts(window, [&stillWanted](qint64) { return stillWanted(); });
        },
        [this](Result<DashboardStatistics::Charts> charts) {
            if (charts) {
                showCharts(std::move(charts).value());
                emit chartsLoaded();
            } else {
                statusBar()->showMessage(charts.error().message);
            }
            emitLoadedWhenDone();
        });
}

// SPEC §6.2: one GROUP BY, on the key figures' worker after the summary, so that it neither
// waits for the one pass over the window's measurements nor delays it.
void MainWindow::loadCalibration()
{
    m_calibrationRead->read<QList<Calibration::Row>>(
        this,
        [window = currentWindow()](const Database &database, const auto &) {
            return Calibration::compute(database, window, QDateTime::currentDateTimeUtc());
        },
        [this](Result<QList<Calibration::Row>> rows) {
            if (rows) {
                ChartExport::setCaption(m_calibrationChart, QStringLiteral("calibration"), currentWindow());
                m_calibrationChart->setCalibration(*rows);
            } else {
                statusBar()->showMessage(rows.error().message);
            }
            emitLoadedWhenDone();
        });
}

void MainWindow::showCharts(DashboardStatistics::Charts charts)
{
    const MeasurementWindow window = currentWindow();
    ChartExport::setCaption(m_distribution, QStringLiteral("improvement-distribution"), window);
    ChartExport::setCaption(m_successChart, QStringLiteral("success-rate"), window);
    ChartExport::setCaption(m_scatter, QStringLiteral("estimated-vs-actual"), window);
    m_distribution->setDistribution(charts.distribution);
    m_successChart->setSuccess(charts.success, AppSettings::successTargetPct());
    // The band shows the tolerance the points were judged with, which the settings may no
    // longer hold (until the measurements are judged again).
    const double setting = AppSettings::measurementSettings().tolerancePct;
    m_scatter->setPoints(std::move(charts.points), ExpectationJudge(*m_database).tolerancePctFor(setting), setting);
}

void MainWindow::loadNow()
{
    m_service.setSettings(AppSettings::measurementSettings());
    for (LatestRead *read : {m_summaryRead.get(), m_totalsRead.get(), m_chartRead.get(), m_calibrationRead.get()})
        read->cancel(); // what they read now is stale
    const MeasurementWindow window = currentWindow();
    showSummary(m_service.summary(window));
    showTotals(*Totals::read(*m_database, m_issueTypesStale));
    m_recommendations->loadNow();
    m_jobs->loadNow();
    ChartExport::setCaption(m_calibrationChart, QStringLiteral("calibration"), window);
    if (const auto calibration = Calibration::compute(*m_database, window, QDateTime::currentDateTimeUtc()))
        m_calibrationChart->setCalibration(*calibration);
    auto charts = DashboardStatistics(*m_database).charts(window);
    if (charts)
        showCharts(std::move(charts).value());
    else
        statusBar()->showMessage(charts.error().message);
}

void MainWindow::onDataChanged(const Error *error)
{
    if (error)
        QMessageBox::warning(this, tr("Optimeter"), error->message);
    refresh();
}

void MainWindow::refreshAfterOtherConnectionsCommits()
{
    reloadIssueTypes(); // recommendations may have come with the change
    refresh();
    statusBar()->showMessage(tr("Updated: another program saved changes to the database"), 5000);
}

bool MainWindow::startMeasurement(qint64 recommendationId)
{
    const auto created = StartMeasurementCommand::execute(m_service, recommendationId);
    if (!created) {
        QMessageBox::warning(this, tr("Start measurement"), created.error().message);
        return false;
    }
    m_undoStack->push(new StartMeasurementCommand(m_service, *created, [this](const Error *e) { onDataChanged(e); }));
    statusBar()->showMessage(tr("Recorded the before metrics of recommendation %1 (job %2, %3)")
                                 .arg(recommendationId)
                                 .arg(created->jobIdBefore, MeasurementFormat::duration(created->before.durationMs)),
                             8000);
    refresh();
    return true;
}

void MainWindow::enterAfterJob(std::optional<qint64> recommendationId)
{
    if (!recommendationId)
        recommendationId = m_pages->currentWidget() == m_measurements ? m_currentRecommendation
                                                                       : m_recommendations->currentRecommendation();
    AfterJobDialog dialog(*m_database, AppSettings::measurementSettings(), AppSettings::similarDays(), this);
    if (recommendationId)
        dialog.setRecommendation(*recommendationId);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_service.setSettings(AppSettings::measurementSettings());
    const qint64 id = dialog.recommendationId();
    const auto before = m_service.latest(id); // the state undo puts back
    if (!before) {
        QMessageBox::warning(this, tr("Enter after job"), before.error().message);
        return;
    }
    // With the other runs of the same queries when the analyst includes them (SPEC §5.1).
    const AfterRequest request = dialog.request();
    const auto after = dialog.isCorrection() ? m_service.correctAfter(id, request)
                                             : m_service.recordAfter(id, request);
    if (!after) {
        QMessageBox::warning(this, tr("Enter after job"), after.error().message);
        return;
    }
    m_undoStack->push(new RecordAfterCommand(m_service, *before, *after, dialog.isCorrection(),
                                             [this](const Error *e) { onDataChanged(e); }));
    statusBar()->showMessage(dialog.previewText().replace(u'\n', QStringLiteral("; ")), 10000);
    refresh();
    // The measurement just recorded is the one selected on the Measurements page, now or when
    // it shows.
    m_selectAfterRefresh = id;
    updateMeasurementsPage();
}

QString MainWindow::recordPastedAfterJobs(const QString &text)
{
    m_service.setSettings(AppSettings::measurementSettings());
    QStringList report;
    int recorded = 0, failed = 0;
    const QStringList lines = text.split(u'\n');
    m_undoStack->beginMacro(tr("Paste after jobs"));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList parts = line.split(QRegularExpression(QStringLiteral("[,;\\t]")));
        bool ok = false;
        const qint64 id = parts.value(0).trimmed().toLongLong(&ok);
        const QString job = parts.value(1).trimmed();
        if (parts.size() != 2 || !ok || job.isEmpty()) {
            ++failed;
            report << tr("line %1: expected \"recommendation,after_job\", got \"%2\"").arg(i + 1).arg(line);
            continue;
        }
        const auto before = m_service.latest(id);
        const auto after = m_service.recordAfter(id, job);
        if (!before || !after) {
            ++failed;
            report << tr("line %1: %2").arg(i + 1).arg((!before ? before.error() : after.error()).message);
            continue;
        }
        ++recorded;
        m_undoStack->push(new RecordAfterCommand(m_service, *before, *after, false,
                                                 [this](const Error *e) { onDataChanged(e); }));
        report << tr("line %1: recommendation %2 → %3: %4")
                      .arg(i + 1)
                      .arg(id)
                      .arg(job, AfterJobDialog::describe(*after, RecommendationRepository(*m_database)
                                                                     .find(id)
                                                                     .value()
                                                                     .value()
                                                                     .estimatedImprovementPct));
    }
    m_undoStack->endMacro();
    refresh();
    report.prepend(tr("%1, %2\n").arg(tr("%n recorded", nullptr, recorded), tr("%n rejected", nullptr, failed)));
    return report.join(u'\n');
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    AppSettings::setWindowGeometry(saveGeometry(), saveState());
    const MeasurementWindow window = currentWindow();
    AppSettings::setLastView({m_pages->currentIndex(), window.days, window.issueType.value_or(QString())});
    event->accept();
}

void MainWindow::restoreLastView()
{
    const AppSettings::View view = AppSettings::lastView();
    if (!view.issueType.isEmpty()) {
        // The list of issue types comes with the totals; until then the remembered one stands
        // alone, and setIssueTypes() lets it go if the database has no such type.
        const QSignalBlocker blocker(m_issueBox);
        m_issueBox->addItem(view.issueType, view.issueType);
        m_issueBox->setCurrentIndex(m_issueBox->count() - 1);
        m_recommendations->setIssueType(view.issueType);
    }
    showPage(Page(std::clamp(view.page, 0, m_pages->count() - 1)));
    refresh();
}
