#include "jobspage.h"

#include "database.h"
#include "databaseworker.h"
#include "latestread.h"
#include "joblistmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int ListLimit = 500;
constexpr int ColumnSample = 100; // rows beyond the visible ones that size the columns
}

JobsPage::JobsPage(const Database &database, QWidget *parent)
    : QWidget(parent), m_database(database), m_model(new JobListModel(this)), m_search(new QLineEdit(this)),
      m_table(new QTableView(this)), m_report(new QLabel(this)),
      m_worker(std::make_unique<DatabaseWorker>(database.location())),
      m_list(std::make_unique<LatestRead>(*m_worker))
{
    m_search->setPlaceholderText(tr("Job ID starts with…"));
    m_search->setClearButtonEnabled(true);
    auto *import = new QPushButton(tr("&Import jobs…"), this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setResizeContentsPrecision(ColumnSample);
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(import);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_report);

    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &JobsPage::refresh);
    connect(import, &QPushButton::clicked, this, &JobsPage::importRequested);
}

JobsPage::~JobsPage() = default;

void JobsPage::refresh()
{
    m_list->read<QList<JobRow>>(
        this,
        [prefix = m_search->text().trimmed()](const Database &database, const auto &) {
            return JobRepository(database).list(prefix, ListLimit);
        },
        [this](Result<QList<JobRow>> rows) {
            showRows(rows ? std::move(rows).value() : QList<JobRow>());
            emit loaded();
        });
}

bool JobsPage::isLoading() const
{
    return m_list->isReading();
}

void JobsPage::loadNow()
{
    m_list->cancel();
    const auto rows = JobRepository(m_database).list(m_search->text().trimmed(), ListLimit);
    showRows(rows ? *rows : QList<JobRow>());
}

void JobsPage::showRows(QList<JobRow> rows)
{
    m_model->setRows(std::move(rows));
    m_columnsSized = false;
    if (isVisible())
        sizeColumns();
}

void JobsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_columnsSized)
        sizeColumns();
}

// Measuring a hidden table's columns would format every one of its rows: only a visible one
// is measured, by its visible rows and a sample of the others.
void JobsPage::sizeColumns()
{
    m_table->resizeColumnsToContents();
    if (m_table->columnWidth(0) > 380)
        m_table->setColumnWidth(0, 380);
    m_columnsSized = true;
}

void JobsPage::setLastImportReport(const QString &text)
{
    m_report->setText(text);
}
