#pragma once

#include "types.h"

#include <QWidget>

#include <memory>
#include <optional>

class Database;
class DatabaseWorker;
class LatestRead;
class MeasurementDetailPane;
class MeasurementTableModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QToolButton;
class QTableView;
class QTimer;

// Every measurement of the main window's time window and issue type in one table that opens a
// million rows at once (MeasurementTableModel), with a search over job IDs and titles, verdict
// and expectation filters, and the selected measurement in full in a pane beside it.
class MeasurementsPage : public QWidget
{
    Q_OBJECT

public:
    explicit MeasurementsPage(const Database &database, QWidget *parent = nullptr);
    ~MeasurementsPage() override;

    // The main window's time window and issue-type filter; the first call starts the listing.
    void setWindow(const MeasurementWindow &window);
    // The settings' "exceeded" margin, which marks "Met, exceeded" rows and filters them.
    void setExceededMarginPct(double marginPct);
    // Selects the recommendation's latest measurement, clearing the page's own search and
    // verdict filter when they hide it; says so in the status line when the window does.
    void selectRecommendation(qint64 recommendationId);
    // Reads the listing again (after a recording, an import, another window's change).
    void refresh();

    std::optional<qint64> currentMeasurement() const { return m_currentMeasurement; }
    // True while the listing is counted or pages of it are read; the model's
    // loadingFinished() signal tells when that is over (a screenshot waits for it).
    bool isLoading() const;
    // True while the selected measurement's runs are read for the detail pane.
    bool isReadingRuns() const;
    MeasurementTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MeasurementDetailPane *detailPane() const { return m_detail; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *verdictFilter() const { return m_verdict; }         // SPEC §5's verdict
    QComboBox *expectationFilter() const { return m_expectation; } // the estimate judged
    QLabel *statusLabel() const { return m_status; }
    // Shows or hides the detail pane (remembered); "Details" on the page's bar does it too.
    void setDetailPaneVisible(bool visible);
    bool isDetailPaneVisible() const;

signals:
    // The selected measurement and its recommendation; -1, -1 when none is selected.
    void currentMeasurementChanged(qint64 measurementId, qint64 recommendationId);
    // The detail pane shows the runs of this measurement now.
    void runsShown(qint64 measurementId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    enum class Locating { Nothing, Selection, Recommendation };

    void sizeColumns();
    void updateStatus();
    void updateDetail();
    void onCurrentRowChanged();
    void onLocated(qint64 measurementId, qint64 recommendationId, int row);
    void selectRow(int row);
    void setCurrent(std::optional<qint64> measurementId, qint64 recommendationId);
    void readRuns(qint64 measurementId);

    MeasurementTableModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_expectation;
    QComboBox *m_verdict;
    QLabel *m_status;
    QTableView *m_table;
    MeasurementDetailPane *m_detail;
    QSplitter *m_splitter;
    QTimer *m_searchDelay;
    QToolButton *m_detailToggle;
    QWidget *m_detailArea = nullptr; // the pane in its scroll area

    std::optional<qint64> m_currentMeasurement;
    Locating m_locating = Locating::Nothing;
    qint64 m_locatingRecommendation = -1;
    bool m_clearedFiltersToLocate = false;
    QString m_error;
    QString m_notice;
    std::unique_ptr<DatabaseWorker> m_runsWorker;
    std::unique_ptr<LatestRead> m_runsRead; // after the worker: it stops its read first
};
