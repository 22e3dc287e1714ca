#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <optional>

class QSqlQuery;

struct JobRow
{
    Job job;
    std::optional<Profile> profile;
};

// Reads jobs (`queries`) and their execution profiles (`profiles`). The Jobs page's sorted,
// searched listing is JobListRepository.
class JobRepository
{
public:
    explicit JobRepository(const Database &database) : m_database(database) {}

    Result<std::optional<Job>> find(const QString &jobId) const;
    Result<std::optional<Profile>> findProfile(const QString &jobId) const;
    Result<qint64> count() const;

    // Up to `limit` job IDs that start with `prefix` (case-sensitive), in order: completion
    // for the after-job field, an index range scan even over a million jobs. With
    // `measurableOnly`, failed, cancelled and unfinished jobs are left out (JobStatus).
    Result<QStringList> idsStartingWith(const QString &prefix, int limit,
                                        bool measurableOnly = false) const;

    // The columns of a job (`q`, queries) and of its profile (`p`, profiles, LEFT JOINed)
    // that readRow() takes, in its order; rowColumnCount() of them.
    static QString rowColumns();
    static int rowColumnCount();
    static JobRow readRow(const QSqlQuery &query);

private:
    const Database &m_database;
};
