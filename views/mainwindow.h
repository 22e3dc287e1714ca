#pragma once

#include <QMainWindow>

#include <memory>

class Database;
class SummaryModel;
class QTableView;

// The dashboard's window. For now it shows the 30-day summary of the open database; the
// dashboard issue brings its pages, charts and dialogs.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Database> database, QWidget *parent = nullptr);
    ~MainWindow() override;

    SummaryModel *summaryModel() const { return m_summaryModel; }
    void refresh();

private:
    std::unique_ptr<Database> m_database;
    SummaryModel *m_summaryModel;
    QTableView *m_summaryView;
};
