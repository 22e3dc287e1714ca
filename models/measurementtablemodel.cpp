#include "measurementtablemodel.h"

#include "database.h"
#include "databaseworker.h"
#include "measurementformat.h"
#include "measurementlistrepository.h"
#include "measurementrepository.h"

#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLocale>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <utility>

namespace {

// Pages kept in memory: enough for a few screens around each place the user visited.
constexpr int MaxCachedPages = 64;
// Pages the view asked for and not yet read; older wishes are forgotten (the view asks again
// for what it still shows whenever it paints).
constexpr int MaxWantedPages = 16;

struct CountOutcome
{
    qint64 count = -1;
    QString error;
    bool skipped = false;
};

struct PageOutcome
{
    MeasurementPage page;
    QString error;
    bool skipped = false;
};

struct LocateOutcome
{
    qint64 measurementId = -1;
    qint64 recommendationId = -1;
    qint64 row = -1;
    QString error;
    bool skipped = false;
};

} // namespace

MeasurementTableModel::MeasurementTableModel(const Database &database, QObject *parent)
    : QAbstractTableModel(parent),
      m_pageWorker(std::make_unique<DatabaseWorker>(database.location())),
      m_countWorker(std::make_unique<DatabaseWorker>(database.location())),
      m_clock([] { return QDateTime::currentDateTimeUtc(); }),
      m_currentGeneration(std::make_shared<std::atomic<quint64>>(0)),
      m_fetchTimer(new QTimer(this))
{
    // data() only notes which pages the view wants; one timer shot per event-loop turn reads
    // them, so that painting never waits for the database.
    m_fetchTimer->setSingleShot(true);
    m_fetchTimer->setInterval(0);
    connect(m_fetchTimer, &QTimer::timeout, this, &MeasurementTableModel::fetchNextPage);
}

MeasurementTableModel::~MeasurementTableModel() = default;

void MeasurementTableModel::setWindow(const MeasurementWindow &window)
{
    if (window.days == m_query.window.days && window.issueType == m_query.window.issueType
        && m_generation > 0)
        return;
    m_query.window = window;
    restart();
}

void MeasurementTableModel::setSearchText(const QString &text)
{
    if (text.trimmed() == m_query.searchText.trimmed()) {
        m_query.searchText = text;
        return;
    }
    m_query.searchText = text;
    restart();
}

void MeasurementTableModel::setExpectationFilter(std::optional<Improvement::Verdict> expectation,
                                                 bool exceededOnly)
{
    exceededOnly = exceededOnly && expectation == Improvement::Verdict::Met;
    if (expectation == m_query.expectation && exceededOnly == m_query.exceededOnly)
        return;
    m_query.expectation = expectation;
    m_query.exceededOnly = exceededOnly;
    restart();
}

void MeasurementTableModel::setVerdictFilter(std::optional<RunStatistics::Verdict> verdict)
{
    if (verdict == m_query.verdict)
        return;
    m_query.verdict = verdict;
    restart();
}

void MeasurementTableModel::setExceededMarginPct(double marginPct)
{
    if (marginPct == m_exceededMarginPct)
        return;
    m_exceededMarginPct = marginPct;
    m_query.exceededMarginPct = marginPct;
    if (m_query.exceededOnly)
        restart();
    else if (rowCount() > 0)
        emit dataChanged(index(0, int(Column::Expectation)), index(rowCount() - 1, int(Column::Expectation)));
}

void MeasurementTableModel::refresh()
{
    restart();
}

void MeasurementTableModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
    restart();
}

void MeasurementTableModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

void MeasurementTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= int(Column::Count))
        return;
    const MeasurementQuery::SortKey key = sortKeyOf(Column(column));
    if (key == m_query.sortKey && order == m_query.order && m_generation > 0)
        return;
    m_query.sortKey = key;
    m_query.order = order;
    // Before the first listing (a view sorting as it gets the model), only the order is noted:
    // setWindow() or refresh() lists, in the window the owner wants.
    if (m_generation > 0)
        restart();
}

MeasurementQuery::SortKey MeasurementTableModel::sortKeyOf(Column column)
{
    using Key = MeasurementQuery::SortKey;
    switch (column) {
    case Column::Recommendation: return Key::Recommendation;
    case Column::IssueType: return Key::IssueType;
    case Column::JobBefore: return Key::JobBefore;
    case Column::JobAfter: return Key::JobAfter;
    case Column::BeforeDuration: return Key::BeforeDuration;
    case Column::AfterDuration: return Key::AfterDuration;
    case Column::DurationImprovement: return Key::DurationImprovement;
    case Column::MemoryReduction: return Key::MemoryReduction;
    case Column::ScanReduction: return Key::ScanReduction;
    case Column::CpuReduction: return Key::CpuReduction;
    case Column::Estimate: return Key::Estimate;
    case Column::Delta: return Key::Delta;
    case Column::Expectation: return Key::Expectation;
    case Column::Verdict: return Key::Verdict;
    case Column::Interval: return Key::Interval;
    case Column::Runs: return Key::Runs;
    case Column::ProjectedHours: return Key::ProjectedHours;
    case Column::MeasuredAt: return Key::MeasuredAt;
    case Column::CompletedAt: return Key::CompletedAt;
    case Column::Count: break;
    }
    return Key::MeasuredAt;
}

void MeasurementTableModel::restart()
{
    beginResetModel();
    ++m_generation;
    m_currentGeneration->store(m_generation);
    m_query.now = m_clock();
    m_pages.clear();
    m_wanted.clear();
    m_rows = 0;
    m_total = -1;
    m_lastError.clear();
    m_heldLocated.reset();
    endResetModel();
    emit totalChanged(-1);
    requestPage(0);
    startCount();
}

void MeasurementTableModel::startCount()
{
    const quint64 generation = m_generation;
    auto current = m_currentGeneration;
    auto *watcher = new QFutureWatcher<CountOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const CountOutcome outcome = watcher->result();
        if (generation != m_generation || outcome.skipped)
            return;
        if (!outcome.error.isEmpty()) {
            m_lastError = outcome.error;
            emit errorOccurred(outcome.error);
            return;
        }
        m_total = outcome.count;
        setRowCount(int(std::min<qint64>(m_total, std::numeric_limits<int>::max())));
        emit totalChanged(m_total);
        if (const std::optional<Located> held = std::exchange(m_heldLocated, std::nullopt))
            emit located(held->measurementId, held->recommendationId,
                         held->row < m_rows ? int(held->row) : -1);
        if (!isLoading())
            emit loadingFinished();
    });
    watcher->setFuture(m_countWorker->run<CountOutcome>(
        [query = m_query, generation, current](const Database &database) {
            CountOutcome outcome;
            if (current->load() != generation) {
                outcome.skipped = true;
                return outcome;
            }
            const Result<qint64> counted = MeasurementListRepository(database).count(query);
            if (counted)
                outcome.count = *counted;
            else
                outcome.error = counted.error().message;
            return outcome;
        }));
}

void MeasurementTableModel::setRowCount(int rows)
{
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) {
        beginRemoveRows({}, rows, m_rows - 1);
        m_rows = rows;
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            if (qint64(it.key()) * m_pageSize >= rows)
                it = m_pages.erase(it);
            else
                ++it;
        }
        endRemoveRows();
    }
}

void MeasurementTableModel::requestPage(int page) const
{
    if (m_pages.contains(page))
        return;
    const qsizetype at = m_wanted.indexOf(page);
    if (at == m_wanted.size() - 1 && at >= 0)
        return; // already the most wanted
    if (at >= 0)
        m_wanted.remove(at);
    m_wanted.append(page);
    if (m_wanted.size() > MaxWantedPages)
        m_wanted.removeFirst();
    if (!m_pageInFlight)
        m_fetchTimer->start();
}

void MeasurementTableModel::fetchNextPage()
{
    if (m_pageInFlight)
        return;
    int page = -1;
    while (!m_wanted.isEmpty() && page < 0) {
        const int candidate = m_wanted.takeLast();
        const bool inRange = candidate == 0 || qint64(candidate) * m_pageSize < m_rows;
        if (!m_pages.contains(candidate) && inRange)
            page = candidate;
    }
    if (page < 0)
        return;

    MeasurementPageRequest request;
    request.firstRow = qint64(page) * m_pageSize;
    request.size = m_pageSize;
    request.totalRows = m_total;
    // A cached neighbour gives the keyset to continue from; otherwise the repository finds
    // the place by position once.
    if (const auto previous = m_pages.constFind(page - 1);
        previous != m_pages.cend() && previous->rows.size() == m_pageSize)
        request.after = previous->last;
    else if (const auto next = m_pages.constFind(page + 1);
             next != m_pages.cend() && !next->rows.isEmpty())
        request.before = next->first;

    m_pageInFlight = true;
    const quint64 generation = m_generation;
    auto current = m_currentGeneration;
    auto *watcher = new QFutureWatcher<PageOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, page] {
        watcher->deleteLater();
        m_pageInFlight = false;
        PageOutcome outcome = watcher->result();
        if (generation == m_generation && !outcome.skipped) {
            if (!outcome.error.isEmpty()) {
                if (outcome.error != m_lastError)
                    emit errorOccurred(outcome.error);
                m_lastError = outcome.error;
            } else {
                storePage(page, std::move(outcome.page));
            }
        }
        fetchNextPage();
        if (generation == m_generation && !isLoading())
            emit loadingFinished();
    });
    watcher->setFuture(m_pageWorker->run<PageOutcome>(
        [query = m_query, request, generation, current](const Database &database) {
            PageOutcome outcome;
            if (current->load() != generation) {
                outcome.skipped = true;
                return outcome;
            }
            Result<MeasurementPage> read = MeasurementListRepository(database).page(query, request);
            if (read)
                outcome.page = std::move(read).value();
            else
                outcome.error = read.error().message;
            return outcome;
        }));
}

void MeasurementTableModel::storePage(int page, MeasurementPage loaded)
{
    const int first = page * m_pageSize;
    const int loadedRows = int(loaded.rows.size());
    Page entry{std::move(loaded.rows), loaded.first, loaded.last, ++m_useCounter};
    m_pages.insert(page, std::move(entry));
    while (m_pages.size() > MaxCachedPages) {
        auto oldest = m_pages.end();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
            if (it.key() != page && (oldest == m_pages.end() || it->lastUse < oldest->lastUse))
                oldest = it;
        m_pages.erase(oldest);
    }
    // Until the count is known, the rows read so far are the rows there are.
    if (m_total < 0 && first + loadedRows > m_rows)
        setRowCount(first + loadedRows);
    const int last = std::min(first + m_pageSize, m_rows) - 1;
    if (last >= first) {
        emit dataChanged(index(first, 0), index(last, int(Column::Count) - 1));
        emit rowsLoaded(first, last);
    }
}

void MeasurementTableModel::locateMeasurement(qint64 measurementId)
{
    startLocate({measurementId, std::nullopt});
}

void MeasurementTableModel::locateRecommendation(qint64 recommendationId)
{
    startLocate({std::nullopt, recommendationId});
}

void MeasurementTableModel::startLocate(const LocateTarget &target)
{
    const quint64 request = ++m_locateRequest;
    const quint64 generation = m_generation;
    auto current = m_currentGeneration;
    auto *watcher = new QFutureWatcher<LocateOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, request, target] {
                watcher->deleteLater();
                if (request != m_locateRequest)
                    return; // a newer question replaced it
                const LocateOutcome outcome = watcher->result();
                if (generation != m_generation || outcome.skipped) {
                    startLocate(target); // the listing changed meanwhile: ask it again
                    return;
                }
                if (!outcome.error.isEmpty()) {
                    emit errorOccurred(outcome.error);
                    return;
                }
                if (m_total < 0 && outcome.row >= m_rows) {
                    // The count is still running (it may have queued behind this question):
                    // answer once the view has the row.
                    m_heldLocated = Located{outcome.measurementId, outcome.recommendationId, outcome.row};
                    return;
                }
                m_heldLocated.reset();
                const int row = outcome.row < 0 || outcome.row >= m_rows ? -1 : int(outcome.row);
                emit located(outcome.measurementId, outcome.recommendationId, row);
            });
    watcher->setFuture(m_countWorker->run<LocateOutcome>(
        [query = m_query, target, generation, current](const Database &database) {
            LocateOutcome outcome;
            if (current->load() != generation) {
                outcome.skipped = true;
                return outcome;
            }
            const MeasurementRepository measurements(database);
            const auto found = target.measurementId
                                   ? measurements.find(*target.measurementId)
                                   : measurements.latestForRecommendation(*target.recommendationId);
            if (!found) {
                outcome.error = found.error().message;
                return outcome;
            }
            outcome.recommendationId = target.recommendationId.value_or(-1);
            if (!found->has_value())
                return outcome;
            outcome.measurementId = (*found)->id;
            outcome.recommendationId = (*found)->recommendationId;
            const auto row = MeasurementListRepository(database).rowOf(query, outcome.measurementId);
            if (!row)
                outcome.error = row.error().message;
            else
                outcome.row = row->value_or(-1);
            return outcome;
        }));
}

const MeasurementReportRow *MeasurementTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return nullptr;
    const int page = row / m_pageSize;
    const auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return nullptr;
    }
    it->lastUse = ++m_useCounter;
    const int offset = row - page * m_pageSize;
    return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
}

int MeasurementTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int MeasurementTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}
