#pragma once

#include <QWidget>

class Database;
class JobListModel;
class QLabel;
class QLineEdit;
class QTableView;

// Imported jobs with their profiles: the most recent, or those whose ID starts with what
// the analyst types. Importing is a window action (it runs off the UI thread).
class JobsPage : public QWidget
{
    Q_OBJECT

public:
    explicit JobsPage(const Database &database, QWidget *parent = nullptr);

    void refresh();
    void setLastImportReport(const QString &text);
    JobListModel *model() const { return m_model; }

signals:
    void importRequested();

private:
    const Database &m_database;
    JobListModel *m_model;
    QLineEdit *m_search;
    QTableView *m_table;
    QLabel *m_report;
};
