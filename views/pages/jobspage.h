#pragma once

#include "joblistrepository.h"

#include <QWidget>

#include <tuple>

class Database;
class JobListModel;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

// Every imported job with its profile, from a handful to a million: sorted by any column
// (a header click sorts the whole table in the database), searched by a substring of the job
// ID, user, warehouse or query text, and counted. The model reads in workers; the page shows
// the first page of rows and more as the table is scrolled to its end. Importing is a window
// action (it runs off the UI thread).
class JobsPage : public QWidget
{
    Q_OBJECT

public:
    explicit JobsPage(const Database &database, QWidget *parent = nullptr);
    ~JobsPage() override;

    // Reads the list and the count again in the background; loaded() tells when they show.
    void refresh();
    // Reads them now, on this thread (headless renders).
    void loadNow();
    bool isLoading() const;
    void setLastImportReport(const QString &text);
    JobListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    QLabel *countLabel() const { return m_count; }

signals:
    void importRequested();
    // A read of the latest refresh() ended; isLoading() tells whether all of it shows.
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void sizeColumns();
    void updateCount();

    JobListModel *m_model;
    QLineEdit *m_search;
    QLabel *m_count;
    QTableView *m_table;
    QLabel *m_report;
    QTimer *m_searchDelay;
    // The search and order of the rows shown: a new one shows from its first row.
    std::tuple<QString, JobListQuery::SortKey, Qt::SortOrder> m_shownQuery;
    bool m_columnsSized = false; // to the first rows; a hidden table waits until it shows
};
