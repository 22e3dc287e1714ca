#include "mainwindow.h"

#include "database.h"
#include "measurementservice.h"
#include "summarymodel.h"

#include <QHeaderView>
#include <QStatusBar>
#include <QTableView>

MainWindow::MainWindow(std::unique_ptr<Database> database, QWidget *parent)
    : QMainWindow(parent), m_database(std::move(database)), m_summaryModel(new SummaryModel(this)),
      m_summaryView(new QTableView(this))
{
    setWindowTitle(tr("%1 — Optimeter").arg(m_database->displayName()));
    m_summaryView->setModel(m_summaryModel);
    m_summaryView->verticalHeader()->hide();
    m_summaryView->horizontalHeader()->setStretchLastSection(true);
    m_summaryView->setSelectionMode(QAbstractItemView::NoSelection);
    setCentralWidget(m_summaryView);
    resize(520, 360);
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::refresh()
{
    const MeasurementService service(*m_database);
    const auto summary = service.summary();
    if (!summary) {
        statusBar()->showMessage(summary.error().message);
        return;
    }
    m_summaryModel->setSummary(*summary);
    m_summaryView->resizeColumnToContents(SummaryModel::NameColumn);
    statusBar()->showMessage(tr("Last 30 days"));
}
