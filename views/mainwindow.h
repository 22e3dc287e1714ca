#pragma once

#include "dashboardstatistics.h"
#include "measurementservice.h"
#include "types.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class Database;
class DatabaseWorker;
class LatestRead;
class DashboardPage;
class DatabaseChangeWatcher;
class CalibrationChart;
class DistributionChart;
class ScatterPlot;
class SuccessChart;
class JobsPage;
class MeasurementsPage;
class QComboBox;
class QLabel;
class QMenu;
class QTabWidget;
class QTimer;
class QUndoStack;
class RecommendationsPage;

// The dashboard's window: a page per task (Dashboard, Measurements, Recommendations, Jobs),
// a toolbar with the time window and issue-type filter that every page obeys, menus for
// databases, imports and exports, undo and redo of measurement entries. It owns the open
// database; opening another one opens a new window on it. What the pages show is read in
// workers, each on its own connection (QT-NOTES §3.4), so that a million measurements never
// stall the UI thread; a newer window or filter drops the answers to older ones.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page { Dashboard, Measurements, Recommendations, Jobs };

    // Opening a database in a window makes it the most recent one: the caller says so with
    // AppSettings::addRecentDatabase (a headless screenshot does not).
    explicit MainWindow(std::unique_ptr<Database> database, QWidget *parent = nullptr);
    ~MainWindow() override;

    const Database &database() const { return *m_database; }
    MeasurementWindow currentWindow() const;
    void setWindowDays(std::optional<int> days);
    void setIssueType(const std::optional<QString> &issueType);
    void showPage(Page page);

    DashboardPage *dashboardPage() const { return m_dashboard; }
    RecommendationsPage *recommendationsPage() const { return m_recommendations; }
    MeasurementsPage *measurementsPage() const { return m_measurements; }
    JobsPage *jobsPage() const { return m_jobs; }
    QUndoStack *undoStack() const { return m_undoStack; }

    // Opens the after-job dialog for a recommendation (the current one when none given).
    void enterAfterJob(std::optional<qint64> recommendationId = std::nullopt);
    // Records several "recommendation,after_job" lines; returns the report shown to the user.
    QString recordPastedAfterJobs(const QString &text);
    // Starts the measurement of a recommendation, undoably.
    bool startMeasurement(qint64 recommendationId);

    DistributionChart *distributionChart() const { return m_distribution; }
    SuccessChart *successChart() const { return m_successChart; }
    ScatterPlot *scatterPlot() const { return m_scatter; }
    CalibrationChart *calibrationChart() const { return m_calibrationChart; }
    // Reads what the window shows (key figures, lists, charts) now, on this thread, for
    // headless renders; the window itself reads in workers. The Measurements page still
    // reads in its own (MeasurementsPage::isLoading()).
    void loadNow();
    void loadChartsNow() { loadNow(); } // the earlier name
    bool chartsLoading() const;
    // True until the key figures, the lists and the charts of the latest refresh() show.
    bool isLoading() const;

    // Offers demo data when the database is empty (on first show), once the recommendations
    // are counted.
    void offerDemoDataIfEmpty();
    // Tells what is wrong with where the database lies (a network file system), if anything.
    void warnAboutDatabaseLocation();
    // The page, time window and issue type the analyst left the last window with (a window
    // opened for a screenshot keeps its own).
    void restoreLastView();
    // Settings ▸ Preferences; a changed tolerance offers to judge the measurements again.
    void showSettings();
    // Asks whether to judge every measurement again with the tolerance of the settings.
    // `askedFor`: from the menu, which says so when there is nothing to do.
    void offerRejudging(bool askedFor);
    // Gathers again the runs of every completed measurement recorded with other runs of its
    // queries (MeasurementService::refreshAll) in a worker, with progress and Cancel; then
    // refreshes the views and says what changed in the status bar (and runsRefreshed()).
    void refreshMeasurementRuns();
    // After a jobs import: asks whether to refresh the `recordedWithSimilar` measurements that
    // gather runs, and does when the answer is Yes (returns whether it started).
    bool offerRunsRefresh(qint64 recordedWithSimilar);
    // What the latest refresh of runs changed, as the status bar said it.
    QString lastRunsRefresh() const { return m_lastRunsRefresh; }
    static QString describeRunsRefresh(const RefreshReport &report, bool stopped);

public slots:
    void refresh();

signals:
    void chartsLoaded();
    // Everything refresh() asked for shows (isLoading() turned false).
    void loaded();
    // A refresh of runs finished; `message` says what changed.
    void runsRefreshed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar();
    struct Totals;
    // The issue types are read again with the next totals.
    void reloadIssueTypes();
    void setIssueTypes(const QStringList &types);
    void loadSummary();
    void loadTotals();
    void updateMeasurementsPage();
    void showSummary(const Result<Summary> &summary);
    void showTotals(const Totals &totals);
    void updateStatusBar();
    void showCharts(DashboardStatistics::Charts charts);
    void emitLoadedWhenDone();
    void onDataChanged(const Error *error);
    void refreshAfterOtherConnectionsCommits();
    void openLocation(const QString &location);
    void newSqliteDatabase();
    void openSqliteDatabase();
    void connectPostgres();
    void importFile(bool jobs);
    void exportCsvReport();
    void exportDashboardPdf();

    void rebuildRecentMenu();
    void loadCharts();
    void loadCalibration();

    std::unique_ptr<Database> m_database;
    MeasurementService m_service;
    QUndoStack *m_undoStack;
    QTabWidget *m_pages;
    DashboardPage *m_dashboard;
    RecommendationsPage *m_recommendations;
    MeasurementsPage *m_measurements;
    std::optional<qint64> m_currentRecommendation; // selected on the Measurements page
    std::optional<qint64> m_selectAfterRefresh;    // a recommendation whose latest is to be selected there
    std::optional<MeasurementWindow> m_measurementsWindow; // what the Measurements page shows
    bool m_measurementsStale = false;                      // the data changed since it read
    std::optional<MeasurementWindow> m_refreshedWindow;    // the filters of the latest refresh()
    JobsPage *m_jobs;
    QComboBox *m_windowBox;
    QComboBox *m_issueBox;
    QLabel *m_status;
    QMenu *m_recentMenu = nullptr;
    DistributionChart *m_distribution;
    SuccessChart *m_successChart;
    ScatterPlot *m_scatter;
    CalibrationChart *m_calibrationChart;
    bool m_issueTypesStale = true;
    std::optional<Summary> m_summary; // the latest shown
    qint64 m_recommendationCount = -1;
    qint64 m_jobCount = -1;
    bool m_demoDataOfferPending = false; // offerDemoDataIfEmpty() waits for the totals
    DatabaseChangeWatcher *m_changes;     // other connections' commits (another process's import)
    QTimer *m_changesSettle;              // one refresh for a burst of them
    // Two workers, so that the cards never wait behind a chart read; the reads after them, so
    // that they stop before the workers wait.
    std::unique_ptr<DatabaseWorker> m_figureWorker;
    std::unique_ptr<DatabaseWorker> m_chartWorker;
    std::unique_ptr<LatestRead> m_summaryRead;
    std::unique_ptr<LatestRead> m_totalsRead;
    std::unique_ptr<LatestRead> m_chartRead;
    std::unique_ptr<LatestRead> m_calibrationRead;
    QString m_lastRunsRefresh;
};
