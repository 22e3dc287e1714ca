#pragma once

#include "database.h"
#include "jobrepository.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

// What the Jobs page lists: every job, or those a search finds, in the order of one of its
// columns. The database applies both (QT-NOTES §3.3: a proxy would see only the rows read).
struct JobListQuery
{
    // The orders the list offers, one per column of the page.
    enum class SortKey {
        JobId,       // queries.job_id
        Engine,      // queries.engine
        User,        // queries.user_name
        Warehouse,   // queries.warehouse (the size does not take part)
        StartedAt,   // queries.started_at
        Duration,    // queries.duration_ms
        Status,      // queries.status, as stored
        Memory,      // profiles.memory_allocated
        DataScanned, // profiles.data_scanned
        CpuTime,     // profiles.cpu_time_ms
    };

    // Found anywhere in the job ID, the user, the warehouse or the query text, in any case
    // (the ASCII letters on SQLite, every letter on PostgreSQL); % and _ are plain
    // characters. Blank: every job.
    QString searchText;
    SortKey sortKey = SortKey::StartedAt;
    Qt::SortOrder order = Qt::DescendingOrder;
};

// Where a row stands in the order of a JobListQuery: its sort key as the database returned
// it (null for a job without one: those come last in both directions) and its job ID, which
// breaks ties. The next page continues after it (keyset).
struct JobPosition
{
    QVariant key;
    QString jobId;
};

struct JobPage
{
    QList<JobRow> rows;
    std::optional<JobPosition> last; // of rows.last(); none when there are no rows
    bool atEnd = false;              // no job comes after rows.last()
};

struct JobCount
{
    qint64 all = 0;      // jobs in the database
    qint64 matching = 0; // of them, those the search finds (all of them without one)
};

// Reads the jobs a JobListQuery selects, a page at a time, from a million of them. Pages are
// read by keyset, never by OFFSET: the jobs with a sort key come first, (key, job_id) after
// the last one's in the query's direction, then the jobs without one by job_id, so the
// hundredth page costs what the first does and NULLs come last on both databases whatever
// their own rule. Portable SQL, bound parameters only.
class JobListRepository
{
public:
    // Asked between steps of a long read; false stops it (SQLite; see ReadInterruption) and
    // the read fails.
    using StillWanted = std::function<bool()>;

    explicit JobListRepository(const Database &database) : m_database(database) {}

    // Up to `limit` jobs in the query's order: the first ones, or those after `after`.
    Result<JobPage> page(const JobListQuery &query, int limit,
                         const std::optional<JobPosition> &after = std::nullopt,
                         const StillWanted &stillWanted = {}) const;

    // How many jobs there are and how many of them the search finds (SQL COUNT).
    Result<JobCount> count(const QString &searchText, const StillWanted &stillWanted = {}) const;

private:
    const Database &m_database;
};
