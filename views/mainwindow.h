#pragma once

#include "measurementservice.h"
#include "types.h"

#include <QFuture>
#include <QMainWindow>

#include <atomic>

#include <memory>
#include <optional>

class Database;
class DashboardPage;
class DistributionChart;
class ScatterPlot;
class SuccessChart;
class JobsPage;
class MeasurementsPage;
class QComboBox;
class QLabel;
class QMenu;
class QTabWidget;
class QUndoStack;
class RecommendationsPage;

// The dashboard's window: a page per task (Dashboard, Measurements, Recommendations, Jobs),
// a toolbar with the time window and issue-type filter that every page obeys, menus for
// databases, imports and exports, undo and redo of measurement entries. It owns the open
// database; opening another one opens a new window on it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page { Dashboard, Measurements, Recommendations, Jobs };

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
    // Loads the charts' data now, on this thread (headless renders and tests); the window
    // itself loads it in a worker.
    void loadChartsNow();
    bool chartsLoading() const { return m_chartsLoading; }

    // Offers demo data when the database is empty (on first show).
    void offerDemoDataIfEmpty();

public slots:
    void refresh();

signals:
    void chartsLoaded();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void reloadIssueTypes();
    void updateStatusBar(const Summary &summary);
    void onDataChanged(const Error *error);
    void openLocation(const QString &location);
    void newSqliteDatabase();
    void openSqliteDatabase();
    void connectPostgres();
    void importFile(bool jobs);
    void exportCsvReport();
    void exportDashboardPdf();
    void showSettings();
    void rebuildRecentMenu();
    void loadCharts();

    std::unique_ptr<Database> m_database;
    MeasurementService m_service;
    QUndoStack *m_undoStack;
    QTabWidget *m_pages;
    DashboardPage *m_dashboard;
    RecommendationsPage *m_recommendations;
    MeasurementsPage *m_measurements;
    std::optional<qint64> m_currentRecommendation; // selected on the Measurements page
    std::optional<MeasurementWindow> m_measurementsWindow; // what the Measurements page shows
    JobsPage *m_jobs;
    QComboBox *m_windowBox;
    QComboBox *m_issueBox;
    QLabel *m_status;
    QMenu *m_recentMenu = nullptr;
    DistributionChart *m_distribution;
    SuccessChart *m_successChart;
    ScatterPlot *m_scatter;
    quint64 m_chartGeneration = 0;
    QFuture<void> m_chartLoad;                         // the load under way, if any
    std::shared_ptr<std::atomic<bool>> m_chartCancel; // tells it to stop
    bool m_chartsLoading = false;
};
