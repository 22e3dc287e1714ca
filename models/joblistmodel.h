#pragma once

#include "joblistrepository.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>

class Database;
class DatabaseWorker;
class LatestRead;

// The jobs of the Jobs page, in the units of SPEC §2: every job of the database, or those a
// search finds, in the order of a column, a page of rows at a time (QT-NOTES §3.3). Nothing
// is read on the UI thread: a worker reads the pages, another one counts, each on its own
// connection. sort() and setSearchText() list again; an answer to an older listing is
// dropped (LatestRead), and a search scan it replaced is stopped. The first page shows;
// fetchMore() (a view scrolled to the end) appends the next one, continued by keyset.
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The columns, in their order on screen; each sorts by the matching JobListQuery::SortKey.
    enum class Column { JobId, Engine, User, Warehouse, Started, Duration, Status, Memory, Scanned, Cpu, Count };

    static constexpr int DefaultPageSize = 500;

    explicit JobListModel(const Database &database, QObject *parent = nullptr);
    ~JobListModel() override;

    // Lists the jobs whose ID, user, warehouse or query text contains `text`; blank: every
    // job. Every change starts a scan of the table: debounce typing before calling it.
    void setSearchText(const QString &text);
    // Lists again in the current order and search (new data): as many rows as show, and the
    // count.
    void refresh();
    // Lists now, on this thread (headless renders only: it counts on the caller's thread).
    void loadNow();
    // For tests: smaller pages. Takes effect at the next listing.
    void setPageSize(int rows);

    const JobListQuery &query() const { return m_query; }
    // The jobs in the database and those the search finds; -1 while they are counted.
    qint64 total() const { return m_count ? m_count->all : -1; }
    qint64 matching() const { return m_count ? m_count->matching : -1; }
    // True while a page or the count of the latest listing is read.
    bool isLoading() const;
    // True when jobs after the rows shown are left to read.
    bool hasMore() const { return m_hasMore; }
    // Why the latest listing or count failed; empty when it did not.
    QString errorText() const { return m_error; }
    const JobRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static JobListQuery::SortKey sortKeyOf(Column column);
    // "1.5 GiB", "300 KiB": bytes the way people read them.
    static QString humanBytes(qint64 bytes);
    // The normalised status in the user's words ("success, from cache" for a cached job); an
    // engine's own word as imported.
    static QString statusText(const Job &job);

signals:
    // A read of the latest listing ended: its first page, a further page or its count (or
    // it failed: errorText()). isLoading() tells whether another one is still under way.
    void loaded();
    // The count changed: -1 when a listing with a new search or new data starts, then the
    // numbers (total(), matching()). Another order keeps the count.
    void countChanged();

private:
    enum class Rows { FirstPage, AsMany };
    enum class Count { Again, Keep };
    void restart(Rows rows = Rows::FirstPage, Count count = Count::Again);
    void readPage(bool first, int size);
    void showPage(Result<JobPage> page, bool first);
    void showCount(Result<JobCount> count);

    std::unique_ptr<DatabaseWorker> m_pageWorker;
    std::unique_ptr<DatabaseWorker> m_countWorker;
    std::unique_ptr<LatestRead> m_pageRead;  // after the workers: it stops its read first
    std::unique_ptr<LatestRead> m_countRead;
    const Database &m_database;
    JobListQuery m_query;
    int m_pageSize = DefaultPageSize;
    bool m_listed = false;        // a listing has started; before, sort() only notes the order
    bool m_listingPending = false; // the first page of the latest listing is being read

    QList<JobRow> m_rows;
    std::optional<JobPosition> m_last; // where the next page continues
    bool m_hasMore = false;
    std::optional<JobCount> m_count;
    QString m_error;
};
