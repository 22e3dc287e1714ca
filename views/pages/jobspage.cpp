#include "jobspage.h"

#include "database.h"
#include "joblistmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <utility>

namespace {
constexpr int ColumnSample = 100; // rows beyond the visible ones that size the columns

// The number for a plural form (tr()'s n is an int).
int pluralOf(qint64 n)
{
    return int(std::min<qint64>(n, std::numeric_limits<int>::max()));
}
} // namespace

JobsPage::JobsPage(const Database &database, QWidget *parent)
    : QWidget(parent), m_model(new JobListModel(database, this)), m_search(new QLineEdit(this)),
      m_count(new QLabel(this)), m_table(new QTableView(this)), m_report(new QLabel(this)),
      m_searchDelay(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search job ID, user, warehouse or query text"));
    m_search->setToolTip(tr("Shows the jobs whose ID, user, warehouse or query text contains this "
                            "text, in any case"));
    m_search->setClearButtonEnabled(true);
    m_count->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *import = new QPushButton(tr("&Import jobs…"), this);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    // Fixed row heights: rows measured to their contents would be read all (QT-NOTES §3.3).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setResizeContentsPrecision(ColumnSample);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // The model sorts in the database; the view only shows and changes the indicator. The
    // model lists when refresh() first asks, in this order.
    m_table->horizontalHeader()->setSortIndicator(int(JobListModel::Column::Started), Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    m_search->setMaximumWidth(520);
    bar->addWidget(m_search, 2);
    bar->addWidget(m_count, 3);
    bar->addWidget(import);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_report);

    // Every search scans the table in a worker: typing waits for a pause.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearchText(m_search->text()); });
    connect(import, &QPushButton::clicked, this, &JobsPage::importRequested);
    connect(m_model, &JobListModel::countChanged, this, &JobsPage::updateCount);
    // A new order or search shows from its first row (a view left at the end would also read
    // the next page at once); new data in the same order stays where the user scrolled.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const JobListQuery &query = m_model->query();
        const auto shown = std::make_tuple(query.searchText.trimmed(), query.sortKey, query.order);
        if (std::exchange(m_shownQuery, shown) != shown)
            m_table->scrollToTop();
    });
    connect(m_model, &JobListModel::loaded, this, [this] {
        updateCount();
        if (!m_columnsSized && m_model->rowCount() > 0 && isVisible())
            sizeColumns();
        emit loaded();
    });
    updateCount();
}

JobsPage::~JobsPage() = default;

void JobsPage::refresh()
{
    m_model->refresh();
}

bool JobsPage::isLoading() const
{
    return m_model->isLoading();
}

void JobsPage::loadNow()
{
    m_model->loadNow();
}

void JobsPage::updateCount()
{
    const QString error = m_model->errorText();
    m_count->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #c62828"));
    if (!error.isEmpty()) {
        m_count->setText(error);
        return;
    }
    const QString search = m_model->query().searchText.trimmed();
    const qint64 all = m_model->total();
    if (all < 0) {
        m_count->setText(search.isEmpty() ? tr("Counting jobs…") : tr("Searching…"));
        return;
    }
    QString text = search.isEmpty()
                       ? tr("%Ln job(s)", nullptr, pluralOf(all))
                       : tr("%Ln of %1 job(s) match '%2'", nullptr, pluralOf(m_model->matching()))
                             .arg(QLocale().toString(all), search);
    if (m_model->hasMore())
        text = tr("%1, showing the first %Ln", "a count of jobs, then how many of them are listed",
                  m_model->rowCount())
                   .arg(text);
    m_count->setText(text);
}

void JobsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_columnsSized && m_model->rowCount() > 0)
        sizeColumns();
}

// Measuring a hidden table's columns would format every one of its rows: only a visible one
// is measured, by its visible rows and a sample of the others, once: the widths then stay
// when a sort or a search changes the rows (and where the user dragged them).
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
