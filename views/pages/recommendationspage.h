#pragma once

#include <QWidget>

#include <memory>
#include <optional>

class Database;
class DatabaseWorker;
class LatestRead;
class QLineEdit;
class QPushButton;
class QTableView;
class RecommendationListModel;
struct RecommendationRow;
namespace Calibration {
struct Row;
}

// Recommendations with their status and measurement state; "Start measurement" records the
// before metrics of the selected one (the window runs it as an undoable command). The list is
// read in a worker on its own connection; a newer search or filter drops an older answer.
class RecommendationsPage : public QWidget
{
    Q_OBJECT

public:
    explicit RecommendationsPage(const Database &database, QWidget *parent = nullptr);
    ~RecommendationsPage() override;

    void setIssueType(const std::optional<QString> &issueType);
    // Reads the list again in the background; loaded() tells when it shows.
    void refresh();
    // Reads it now, on this thread (headless renders).
    void loadNow();
    bool isLoading() const;
    std::optional<qint64> currentRecommendation() const;
    RecommendationListModel *model() const { return m_model; }

signals:
    void startMeasurementRequested(qint64 recommendationId);
    void enterAfterJobRequested(qint64 recommendationId);
    // The list of the latest refresh() shows.
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateButtons();
    void sizeColumns();
    struct Listing;
    void showListing(const Listing &listing);

    const Database &m_database;
    std::optional<QString> m_issueType;
    RecommendationListModel *m_model;
    QLineEdit *m_search;
    QTableView *m_table;
    QPushButton *m_start;
    QPushButton *m_enterAfter;
    std::unique_ptr<DatabaseWorker> m_worker;
    std::unique_ptr<LatestRead> m_list; // after the worker: it stops its read first
    bool m_columnsSized = false; // to the rows shown; a hidden table waits until it shows
};
