#include "joblistmodel.h"

#include "database.h"
#include "databaseworker.h"
#include "jobstatus.h"
#include "latestread.h"
#include "measurementformat.h"

#include <QColor>
#include <QLocale>

#include <algorithm>

namespace {

using Column = JobListModel::Column;

// A refresh reads the rows shown again in one page, but not more than these.
constexpr int MaxRowsReadAgain = 10000;

bool isNumeric(Column column)
{
    return column == Column::Duration || column == Column::Memory || column == Column::Scanned
           || column == Column::Cpu;
}

std::optional<double> asDouble(const std::optional<qint64> &value)
{
    return value ? std::optional<double>(double(*value)) : std::nullopt;
}

} // namespace

JobListModel::JobListModel(const Database &database, QObject *parent)
    : QAbstractTableModel(parent), m_pageWorker(std::make_unique<DatabaseWorker>(database.location())),
      m_countWorker(std::make_unique<DatabaseWorker>(database.location())),
      m_pageRead(std::make_unique<LatestRead>(*m_pageWorker)),
      m_countRead(std::make_unique<LatestRead>(*m_countWorker)), m_database(database)
{
}

JobListModel::~JobListModel() = default;

void JobListModel::setSearchText(const QString &text)
{
    if (text.trimmed() == m_query.searchText.trimmed() && m_listed) {
        m_query.searchText = text;
        return;
    }
    m_query.searchText = text;
    restart();
}

void JobListModel::refresh()
{
    restart(Rows::AsMany);
}

void JobListModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void JobListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= int(Column::Count))
        return;
    const JobListQuery::SortKey key = sortKeyOf(Column(column));
    if (key == m_query.sortKey && order == m_query.order && m_listed)
        return;
    m_query.sortKey = key;
    m_query.order = order;
    // Before the first listing (a view sorting as it gets the model), only the order is noted:
    // the owner lists when it wants to.
    if (m_listed)
        restart(Rows::FirstPage, Count::Keep);
}

JobListQuery::SortKey JobListModel::sortKeyOf(Column column)
{
    using Key = JobListQuery::SortKey;
    switch (column) {
    case Column::JobId: return Key::JobId;
    case Column::Engine: return Key::Engine;
    case Column::User: return Key::User;
    case Column::Warehouse: return Key::Warehouse;
    case Column::Started: return Key::StartedAt;
    case Column::Duration: return Key::Duration;
    case Column::Status: return Key::Status;
    case Column::Memory: return Key::Memory;
    case Column::Scanned: return Key::DataScanned;
    case Column::Cpu: return Key::CpuTime;
    case Column::Count: break;
    }
    return Key::StartedAt;
}

bool JobListModel::isLoading() const
{
    return m_pageRead->isReading() || m_countRead->isReading();
}

// The rows of the previous listing stay until the new ones come (no blank table while a
// search scans); the count says that it is being counted again.
void JobListModel::restart(Rows rows, Count count)
{
    m_listed = true;
    m_listingPending = true;
    m_error.clear();
    // The same listing read again (new data) keeps the rows the user scrolled to, up to a bound.
    const int size = rows == Rows::AsMany ? std::max(m_pageSize, std::min(int(m_rows.size()), MaxRowsReadAgain))
                                          : m_pageSize;
    readPage(true, size);
    // Another order counts the same jobs: the count known, or under way, stays.
    if (count == Count::Keep && (m_count || m_countRead->isReading()))
        return;
    m_count.reset();
    emit countChanged();
    m_countRead->read<JobCount>(
        this,
        [search = m_query.searchText](const Database &database, const LatestRead::StillWanted &stillWanted) {
            return JobListRepository(database).count(search, stillWanted);
        },
        [this](Result<JobCount> count) { showCount(std::move(count)); });
}

void JobListModel::readPage(bool first, int size)
{
    const std::optional<JobPosition> after = first ? std::nullopt : m_last;
    m_pageRead->read<JobPage>(
        this,
        [query = m_query, after, size](const Database &database, const LatestRead::StillWanted &stillWanted) {
            return JobListRepository(database).page(query, size, after, stillWanted);
        },
        [this, first](Result<JobPage> page) { showPage(std::move(page), first); });
}

void JobListModel::showPage(Result<JobPage> page, bool first)
{
    if (first)
        m_listingPending = false;
    if (!page) {
        m_error = page.error().message;
        m_hasMore = false; // a view at the end would ask again and again
        if (first) {
            beginResetModel();
            m_rows.clear();
            m_last.reset();
            endResetModel();
        }
        emit loaded();
        return;
    }
    JobPage read = std::move(page).value();
    // Where the next page continues, known before the view hears of the rows (it may ask for
    // more at once).
    if (read.last)
        m_last = read.last;
    else if (first)
        m_last.reset();
    m_hasMore = !read.atEnd;
    if (first) {
        beginResetModel();
        m_rows = std::move(read.rows);
        endResetModel();
    } else if (!read.rows.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + read.rows.size()) - 1);
        m_rows.append(std::move(read.rows));
        endInsertRows();
    }
    emit loaded();
}

void JobListModel::showCount(Result<JobCount> count)
{
    if (count)
        m_count = *count;
    else
        m_error = count.error().message;
    emit countChanged();
    emit loaded();
}

void JobListModel::loadNow()
{
    m_pageRead->cancel();
    m_countRead->cancel();
    m_listed = true;
    m_listingPending = false;
    m_count.reset();
    m_error.clear();
    showCount(JobListRepository(m_database).count(m_query.searchText));
    showPage(JobListRepository(m_database).page(m_query, m_pageSize), true);
}

bool JobListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_listingPending && !m_pageRead->isReading();
}

void JobListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        readPage(false, m_pageSize);
}

const JobRow *JobListModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString JobListModel::humanBytes(qint64 bytes)
{
    return MeasurementFormat::bytes(double(bytes)); // the units of every page
}

QString JobListModel::statusText(const Job &job)
{
    QString text;
    if (!job.status)
        text = tr("—");
    else if (job.status->compare(JobStatus::Success, Qt::CaseInsensitive) == 0)
        text = tr("success");
    else if (job.status->compare(JobStatus::Failed, Qt::CaseInsensitive) == 0)
        text = tr("failed");
    else if (job.status->compare(JobStatus::Cancelled, Qt::CaseInsensitive) == 0)
        text = tr("cancelled");
    else if (job.status->compare(JobStatus::Running, Qt::CaseInsensitive) == 0)
        text = tr("running");
    else
        text = *job.status; // an engine's own word, as imported
    return job.cacheHit.value_or(false) ? tr("%1, from cache").arg(text) : text;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const JobRow &row = m_rows.at(index.row());
    const auto column = Column(index.column());
    if (role == Qt::TextAlignmentRole)
        return int((isNumeric(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == Column::JobId)
        return row.job.queryText.value_or(QString());
    if (role == Qt::ToolTipRole && column == Column::Status && !JobStatus::isMeasurable(row.job.status))
        return tr("A job that did not succeed has no metrics worth comparing: it cannot be a before or "
                  "an after job.");
    if (role == Qt::ToolTipRole && column == Column::Status && row.job.cacheHit.value_or(false))
        return tr("Served from a result cache: its metrics are not a real run, and it is offered as an "
                  "after job only with confirmation.");
    // Durations and sizes read as people say them; the exact value is in the tooltip.
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Column::Duration: return MeasurementFormat::exactDurationMs(row.job.durationMs);
        case Column::Memory:
            return MeasurementFormat::exactBytes(row.profile ? asDouble(row.profile->memoryAllocated) : std::nullopt);
        case Column::Scanned:
            return MeasurementFormat::exactBytes(row.profile ? asDouble(row.profile->dataScanned) : std::nullopt);
        case Column::Cpu:
            return MeasurementFormat::exactDurationMs(row.profile ? asDouble(row.profile->cpuTimeMs) : std::nullopt);
        default: break;
        }
    }
    // Jobs that cannot be measured read as such: red for failed, amber for cached ones.
    if (role == Qt::ForegroundRole && column == Column::Status) {
        if (!JobStatus::isMeasurable(row.job.status))
            return QColor(0xc6, 0x28, 0x28);
        if (row.job.cacheHit.value_or(false))
            return QColor(0xb2, 0x6a, 0x00);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    const QString none = tr("—");
    auto bytes = [&](std::optional<qint64> value) { return value ? humanBytes(*value) : none; };
    switch (column) {
    case Column::JobId: return row.job.jobId;
    case Column::Engine: return row.job.engine.value_or(none);
    case Column::User: return row.job.userName.value_or(none);
    case Column::Warehouse:
        if (row.job.warehouse && row.job.warehouseSize)
            return tr("%1 (%2)").arg(*row.job.warehouse, *row.job.warehouseSize);
        return row.job.warehouse.value_or(row.job.warehouseSize.value_or(none));
    case Column::Started:
        return row.job.startedAt ? MeasurementFormat::dateTime(row.job.startedAt) : none;
    case Column::Duration: return MeasurementFormat::duration(row.job.durationMs);
    case Column::Status: return statusText(row.job);
    case Column::Memory: return bytes(row.profile ? row.profile->memoryAllocated : std::nullopt);
    case Column::Scanned: return bytes(row.profile ? row.profile->dataScanned : std::nullopt);
    case Column::Cpu:
        return row.profile && row.profile->cpuTimeMs ? MeasurementFormat::duration(double(*row.profile->cpuTimeMs))
                                                     : none;
    case Column::Count: break;
    }
    return {};
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= int(Column::Count))
        return {};
    const auto column = Column(section);
    if (role == Qt::TextAlignmentRole)
        return int((isNumeric(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    // A first click sorts the biggest, longest and latest first, names from A.
    if (role == Qt::InitialSortOrderRole)
        return int(isNumeric(column) || column == Column::Started ? Qt::DescendingOrder : Qt::AscendingOrder);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Column::JobId: return tr("Job ID");
    case Column::Engine: return tr("Engine");
    case Column::User: return tr("User");
    case Column::Warehouse: return tr("Warehouse");
    case Column::Started: return tr("Started");
    case Column::Duration: return tr("Duration");
    case Column::Status: return tr("Status");
    case Column::Memory: return tr("Memory");
    case Column::Scanned: return tr("Data scanned");
    case Column::Cpu: return tr("CPU time");
    case Column::Count: break;
    }
    return {};
}
