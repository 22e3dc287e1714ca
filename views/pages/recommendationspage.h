#pragma once

#include <QWidget>

#include <optional>

class Database;
class QLineEdit;
class QPushButton;
class QTableView;
class RecommendationListModel;

// Recommendations with their status and measurement state; "Start measurement" records the
// before metrics of the selected one (the window runs it as an undoable command).
class RecommendationsPage : public QWidget
{
    Q_OBJECT

public:
    explicit RecommendationsPage(const Database &database, QWidget *parent = nullptr);

    void setIssueType(const std::optional<QString> &issueType);
    void refresh();
    std::optional<qint64> currentRecommendation() const;
    RecommendationListModel *model() const { return m_model; }

signals:
    void startMeasurementRequested(qint64 recommendationId);
    void enterAfterJobRequested(qint64 recommendationId);

private:
    void updateButtons();

    const Database &m_database;
    std::optional<QString> m_issueType;
    RecommendationListModel *m_model;
    QLineEdit *m_search;
    QTableView *m_table;
    QPushButton *m_start;
    QPushButton *m_enterAfter;
};
