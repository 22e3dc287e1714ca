#pragma once

#include <QWidget>

#include <memory>

class Database;
class DatabaseWorker;
class LatestRead;
class JobListModel;
struct JobRow;
class QLabel;
class QLineEdit;
class QTableView;

// Imported jobs with their profiles: the most recent, or those whose ID starts with what
// the analyst types. Importing is a window action (it runs off the UI thread). The list is read
// in a worker on its own connection; a newer search drops an older answer.
class JobsPage : public QWidget
{
    Q_OBJECT

public:
    explicit JobsPage(const Database &database, QWidget *parent = nullptr);
    ~JobsPage() override;

    // Reads the list again in the background; loaded() tells when it shows.
    void refresh();
    // Reads it now, on this thread (headless renders).
    void loadNow();
    bool isLoading() const;
    void setLastImportReport(const QString &text);
    JobListModel *model() const { return m_model; }

signals:
    void importRequested();
    // The list of the latest refresh() shows.
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void sizeColumns();
    void showRows(QList<JobRow> rows);

    const Database &m_database;
    JobListModel *m_model;
    QLineEdit *m_search;
    QTableView *m_table;
    QLabel *m_report;
    std::unique_ptr<DatabaseWorker> m_worker;
    std::unique_ptr<LatestRead> m_list; // after the worker: it stops its read first
    bool m_columnsSized = false; // to the rows shown; a hidden table waits until it shows
};
