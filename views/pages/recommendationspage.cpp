#include "recommendationspage.h"

#include "calibration.h"
#include "database.h"
#include "databaseworker.h"
#include "issuetypetext.h"
#include "latestread.h"
#include "recommendationlistmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int ListLimit = 1000;
constexpr int ColumnSample = 100; // rows beyond the visible ones that size the columns
// The window the calibrated estimates learn from: the last 30 days, every issue type — the
// summary's and `optimeter calibration`'s default window (SPEC §3.6), fixed rather than the
// toolbar's, so that a recommendation's calibrated estimate does not change with what the
// dashboard happens to show. Its tooltips name it.
constexpr int CalibrationDays = 30;
}

// The rows and the calibration of their estimates, read together.
struct RecommendationsPage::Listing
{
    QList<RecommendationRow> rows;
    QList<Calibration::Row> calibration; // empty when it could not be read: no calibrated estimates

    static Result<Listing> read(const Database &database, const QString &search, const std::optional<QString> &issueType,
                                const QStringList &named)
    {
        auto rows = RecommendationRepository(database).list(search, issueType, ListLimit, named);
        if (!rows)
            return rows.error();
        Listing listing;
        listing.rows = std::move(rows).value();
        if (auto calibration = Calibration::compute(database, {CalibrationDays, std::nullopt},
                                                    QDateTime::currentDateTimeUtc()))
            listing.calibration = std::move(calibration).value();
        return listing;
    }
};

RecommendationsPage::RecommendationsPage(const Database &database, QWidget *parent)
    : QWidget(parent), m_database(database), m_model(new RecommendationListModel(this)),
      m_search(new QLineEdit(this)), m_table(new QTableView(this)),
      m_start(new QPushButton(tr("&Start measurement"), this)),
      m_enterAfter(new QPushButton(tr("Enter &after job…"), this)),
      m_worker(std::make_unique<DatabaseWorker>(database.location())),
      m_list(std::make_unique<LatestRead>(*m_worker))
{
    m_search->setPlaceholderText(tr("Search id, title, job or issue type"));
    m_search->setClearButtonEnabled(true);
    m_start->setToolTip(tr("Record the before metrics of the recommendation's job"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setResizeContentsPrecision(ColumnSample);
    // Newest first until a column is clicked; a third click returns to that order.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSortIndicatorClearable(true);
    m_table->setSortingEnabled(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_start);
    bar->addWidget(m_enterAfter);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    auto *hint = new QLabel(tr("The newest %1 matching recommendations are listed.").arg(ListLimit), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);

    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &RecommendationsPage::refresh);
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (const auto id = currentRecommendation())
            emit startMeasurementRequested(*id);
    });
    connect(m_enterAfter, &QPushButton::clicked, this, [this] {
        if (const auto id = currentRecommendation())
            emit enterAfterJobRequested(*id);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (const auto id = currentRecommendation())
            emit enterAfterJobRequested(*id);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RecommendationsPage::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RecommendationsPage::updateButtons);
    updateButtons();
}

void RecommendationsPage::setIssueType(const std::optional<QString> &issueType)
{
    m_issueType = issueType;
    refresh();
}

RecommendationsPage::~RecommendationsPage() = default;

void RecommendationsPage::refresh()
{
    m_list->read<Listing>(
        this,
        [search = m_search->text(), issueType = m_issueType,
         named = IssueTypeText::namedBy(m_search->text())](const Database &database, const auto &) {
            return Listing::read(database, search, issueType, named);
        },
        [this](Result<Listing> listing) {
            showListing(listing ? *listing : Listing());
            emit loaded();
        });
}

bool RecommendationsPage::isLoading() const
{
    return m_list->isReading();
}

void RecommendationsPage::loadNow()
{
    m_list->cancel();
    const auto listing = Listing::read(m_database, m_search->text(), m_issueType, IssueTypeText::namedBy(m_search->text()));
    showListing(listing ? *listing : Listing());
}

void RecommendationsPage::showListing(const Listing &listing)
{
    const auto selected = currentRecommendation();
    m_model->setCalibration(listing.calibration, CalibrationDays);
    m_model->setRows(listing.rows);
    for (int row = 0; selected && row < m_model->rowCount(); ++row)
        if (m_model->row(row).recommendation.id == *selected)
            m_table->selectRow(row);
    m_columnsSized = false;
    if (isVisible())
        sizeColumns();
    updateButtons();
}

void RecommendationsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_columnsSized)
        sizeColumns();
}

// Measuring a hidden table's columns would format every one of its rows: only a visible one
// is measured, by its visible rows and a sample of the others.
void RecommendationsPage::sizeColumns()
{
    m_table->resizeColumnsToContents();
    m_columnsSized = true;
}

std::optional<qint64> RecommendationsPage::currentRecommendation() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->row(current.row()).recommendation.id;
}

void RecommendationsPage::updateButtons()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const auto measured = current.isValid() ? m_model->row(current.row()).measured
                                            : RecommendationRow::Measured::Never;
    m_start->setEnabled(current.isValid() && measured != RecommendationRow::Measured::Open);
    m_enterAfter->setEnabled(current.isValid() && measured != RecommendationRow::Measured::Never);
}
