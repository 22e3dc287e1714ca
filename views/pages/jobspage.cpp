#include "jobspage.h"

#include "database.h"
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
}

JobsPage::JobsPage(const Database &database, QWidget *parent)
    : QWidget(parent), m_database(database), m_model(new JobListModel(this)), m_search(new QLineEdit(this)),
      m_table(new QTableView(this)), m_report(new QLabel(this))
{
    m_search->setPlaceholderText(tr("Job ID starts with…"));
    m_search->setClearButtonEnabled(true);
    auto *import = new QPushButton(tr("&Import jobs…"), this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
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

void JobsPage::refresh()
{
    const auto rows = JobRepository(m_database).list(m_search->text().trimmed(), ListLimit);
    m_model->setRows(rows ? *rows : QList<JobRow>());
    m_table->resizeColumnsToContents();
    if (m_table->columnWidth(0) > 380)
        m_table->setColumnWidth(0, 380);
}

void JobsPage::setLastImportReport(const QString &text)
{
    m_report->setText(text);
}
