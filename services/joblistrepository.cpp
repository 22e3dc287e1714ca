#include "joblistrepository.h"

#include "readinterruption.h"
#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <utility>

namespace {

using SortKey = JobListQuery::SortKey;

struct SortColumn
{
    QString expression;
    bool nullable = true;
    bool fromProfile = false;
    bool timestamp = false;
};

SortColumn sortColumn(SortKey key)
{
    auto column = [](const char *expression, bool nullable = true, bool fromProfile = false,
                     bool timestamp = false) {
        return SortColumn{QString::fromLatin1(expression), nullable, fromProfile, timestamp};
    };
    switch (key) {
    case SortKey::JobId: return column("q.job_id", false);
    case SortKey::Engine: return column("q.engine");
    case SortKey::User: return column("q.user_name");
    case SortKey::Warehouse: return column("q.warehouse");
    case SortKey::StartedAt: return column("q.started_at", true, false, true);
    case SortKey::Duration: return column("q.duration_ms", false);
    case SortKey::Status: return column("q.status");
    case SortKey::Memory: return column("p.memory_allocated", true, true);
    case SortKey::DataScanned: return column("p.data_scanned", true, true);
    case SortKey::CpuTime: return column("p.cpu_time_ms", true, true);
    }
    return column("q.job_id", false);
}

// The conditions of a WHERE clause and the values they bind, in order.
struct Conditions
{
    QStringList sql;
    QVariantList values;

    void add(const QString &condition, const QVariantList &bound = {})
    {
        sql << condition;
        values << bound;
    }
    QString where() const
    {
        return sql.isEmpty() ? QString() : QStringLiteral(" WHERE ") + sql.join(QStringLiteral(" AND "));
    }
};

// The search as a condition on `q` (queries). SQLite's LIKE ignores the case of ASCII
// letters; PostgreSQL's needs ILIKE.
Conditions searchConditions(const Database &database, const QString &searchText)
{
    Conditions conditions;
    const QString search = searchText.trimmed();
    if (search.isEmpty())
        return conditions;
    const QString like = database.isPostgres() ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
    const QString pattern = SqlValue::containsPattern(search);
    conditions.add(QStringLiteral("(q.job_id %1 ? ESCAPE '!' OR q.user_name %1 ? ESCAPE '!' OR "
                                  "q.warehouse %1 ? ESCAPE '!' OR q.query_text %1 ? ESCAPE '!')")
                       .arg(like),
                   {pattern, pattern, pattern, pattern});
    return conditions;
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

Result<JobPage> JobListRepository::page(const JobListQuery &query, int limit,
                                        const std::optional<JobPosition> &after,
                                        const StillWanted &stillWanted) const
{
    JobPage page;
    if (limit <= 0)
        return page;
    const bool postgres = m_database.isPostgres();
    const SortColumn sort = sortColumn(query.sortKey);
    const bool ascending = query.order == Qt::AscendingOrder;
    const QString direction = ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    const QString beyond = ascending ? QStringLiteral(">") : QStringLiteral("<");
    const Conditions search = searchConditions(m_database, query.searchText);
    const bool searching = !search.sql.isEmpty();
    const bool byJobId = sort.expression == QLatin1String("q.job_id");
    // PostgreSQL timestamps travel as text, which it parses back exactly when a page continues.
    const QString keyColumn = postgres && sort.timestamp
                                  ? QStringLiteral("CAST(%1 AS TEXT)").arg(sort.expression)
                                  : sort.expression;
    ReadInterruption interruption(m_database, stillWanted);
    const int wanted = limit + 1; // one more than asked tells whether the list goes on
    std::optional<JobPosition> beforeLast; // the position of the row before page.last
    auto failed = [&interruption](const QSqlQuery &sql) -> Error {
        if (interruption.interrupted())
            return Error::canceled();
        return Database::sqlError(Text::tr("Cannot list jobs"), sql.lastError());
    };

    // Which jobs a statement reads: those with a key (in its order), those without one (by job
    // ID), or both in one statement, those without a key after the others.
    enum class Part { Keyed, Keyless, Both };
    // Reads up to `count` jobs of a part of the order. A deferred join: the order and the limit
    // run over narrow rows (the job ID and the key), and only the page's jobs are read in full;
    // sorting whole rows would carry every query text through the sort.
    auto read = [&](const Conditions &conditions, Part part, int count) -> Status {
        // The jobs with a value in a profile column are found in profiles alone (every
        // profile has its job), unless the search looks into the job.
        const bool profilesOnly = sort.fromProfile && part == Part::Keyed && !searching;
        const QString id = profilesOnly ? QStringLiteral("p.job_id") : QStringLiteral("q.job_id");
        // A search matches no index, and SQLite cannot tell how rare a match is: walking an
        // index in the sort order and reading each row took 4 s for a text no job contains on
        // a million jobs, a plain scan about 1 s whatever the text (PostgreSQL estimates
        // LIKE itself).
        QString from = profilesOnly ? QStringLiteral(" FROM profiles p")
                                    : (searching && !postgres ? QStringLiteral(" FROM queries q NOT INDEXED")
                                                              : QStringLiteral(" FROM queries q"));
        if (sort.fromProfile && !profilesOnly)
            from += QStringLiteral(" LEFT JOIN profiles p ON p.job_id = q.job_id");
        auto orderBy = [&](const QString &jobId) {
            if (byJobId || part == Part::Keyless)
                return jobId + direction;
            const QString keyed = sort.expression + direction + QStringLiteral(", ") + jobId + direction;
            return part == Part::Both ? QStringLiteral("(%1 IS NULL), ").arg(sort.expression) + keyed : keyed;
        };
        QString inner = conditions.where();
        if (profilesOnly) // the keyset condition names the job ID of queries
            inner.replace(QLatin1String("q.job_id"), QLatin1String("p.job_id"));
        QSqlQuery sql(m_database.connection());
        const QString statement =
            QStringLiteral("SELECT %1, %2 FROM (SELECT %3 AS page_id%4%5 ORDER BY %6 LIMIT ?) page "
                           "JOIN queries q ON q.job_id = page.page_id "
                           "LEFT JOIN profiles p ON p.job_id = q.job_id ORDER BY %7")
                .arg(JobRepository::rowColumns(), part == Part::Keyless ? QStringLiteral("NULL") : keyColumn,
                     id, from, inner, orderBy(id), orderBy(QStringLiteral("q.job_id")));
        if (!run(sql, statement, conditions.values + QVariantList{count}))
            return failed(sql);
        while (sql.next()) {
            page.rows << JobRepository::readRow(sql);
            beforeLast = std::exchange(page.last, JobPosition{sql.value(JobRepository::rowColumnCount()),
                                                              page.rows.constLast().job.jobId});
        }
        if (sql.lastError().isValid())
            return failed(sql);
        return success();
    };

    const bool afterKeyless = after && sort.nullable && after->key.isNull();
    // After a position with a key: (key, job ID) beyond it, in the query's direction.
    const QString beyondKey = byJobId ? QStringLiteral("q.job_id %1 ?").arg(beyond)
                                      : QStringLiteral("(%1, q.job_id) %2 (?, ?)").arg(sort.expression, beyond);
    const QVariantList afterKey = byJobId || !after ? QVariantList{after ? after->jobId : QString()}
                                                    : QVariantList{after->key, after->jobId};
    // A search on SQLite scans the table (see `read`), and one scan then sorts the jobs with a
    // key and those without. A key that is never NULL has one part.
    if ((searching && !postgres) || !sort.nullable) {
        Conditions conditions = search;
        if (afterKeyless)
            conditions.add(QStringLiteral("%1 IS NULL AND q.job_id %2 ?").arg(sort.expression, beyond),
                           {after->jobId});
        else if (after && sort.nullable)
            conditions.add(QStringLiteral("(%1 IS NULL OR %2)").arg(sort.expression, beyondKey), afterKey);
        else if (after)
            conditions.add(beyondKey, afterKey);
        if (Status read_ = read(conditions, sort.nullable ? Part::Both : Part::Keyed, wanted); !read_)
            return read_.error();
    } else {
        // Otherwise each part is a range of an index on (key, job_id): the jobs with a key,
        // then, if the page is not full, those without one. PostgreSQL weighs a search against
        // walking the index itself: for a common text it reads the first matches in order.
        if (!afterKeyless) {
            Conditions conditions = search;
            conditions.add(sort.expression + QStringLiteral(" IS NOT NULL"));
            if (after)
                conditions.add(beyondKey, afterKey);
            if (Status read_ = read(conditions, Part::Keyed, wanted); !read_)
                return read_.error();
        }
        if (page.rows.size() < wanted) {
            Conditions conditions = search;
            conditions.add(sort.expression + QStringLiteral(" IS NULL"));
            if (afterKeyless)
                conditions.add(QStringLiteral("q.job_id %1 ?").arg(beyond), {after->jobId});
            if (Status read_ = read(conditions, Part::Keyless, wanted - int(page.rows.size())); !read_)
                return read_.error();
        }
    }
    page.atEnd = page.rows.size() < wanted;
    if (!page.atEnd) {
        page.rows.removeLast();
        page.last = beforeLast;
    }
    return page;
}

Result<JobCount> JobListRepository::count(const QString &searchText, const StillWanted &stillWanted) const
{
    ReadInterruption interruption(m_database, stillWanted);
    QSqlQuery sql(m_database.connection());
    auto countOf = [&](const QString &statement, const QVariantList &values) -> Result<qint64> {
        if (!run(sql, statement, values) || !sql.next())
            return interruption.interrupted() ? Error::canceled()
                                              : Database::sqlError(Text::tr("Cannot count jobs"), sql.lastError());
        const qint64 counted = sql.value(0).toLongLong();
        sql.finish();
        return counted;
    };
    // SQLite counts from its narrowest index, PostgreSQL with an index-only or parallel scan.
    const Result<qint64> all = countOf(QStringLiteral("SELECT COUNT(*) FROM queries"), {});
    if (!all)
        return all.error();
    const Conditions search = searchConditions(m_database, searchText);
    if (search.sql.isEmpty())
        return JobCount{*all, *all};
    const Result<qint64> matching = countOf(QStringLiteral("SELECT COUNT(*) FROM queries q") + search.where(),
                                            search.values);
    if (!matching)
        return matching.error();
    return JobCount{*all, *matching};
}
