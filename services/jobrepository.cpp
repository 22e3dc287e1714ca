#include "jobrepository.h"

#include "jobstatus.h"
#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

// The columns of a job, in the order readJob() takes them.
const QString JobColumns = QStringLiteral(
    "q.job_id, q.query_text, q.query_hash, q.engine, q.user_name, q.warehouse, q.warehouse_size, "
    "q.started_at, q.duration_ms, q.status, q.cache_hit");
constexpr int JobColumnCount = 11;

Job readJob(const QSqlQuery &query)
{
    Job job;
    job.jobId = query.value(0).toString();
    job.queryText = SqlValue::toString(query.value(1));
    job.queryHash = SqlValue::toString(query.value(2));
    job.engine = SqlValue::toString(query.value(3));
    job.userName = SqlValue::toString(query.value(4));
    job.warehouse = SqlValue::toString(query.value(5));
    job.warehouseSize = SqlValue::toString(query.value(6));
    job.startedAt = Database::fromSqlTimestamp(query.value(7));
    job.durationMs = query.value(8).toDouble();
    job.status = SqlValue::toString(query.value(9));
    job.cacheHit = SqlValue::toBool(query.value(10));
    return job;
}

} // namespace

Result<std::optional<Job>> JobRepository::find(const QString &jobId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT %1 FROM queries q WHERE q.job_id = ?").arg(JobColumns));
    query.addBindValue(jobId);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read job %1").arg(jobId), query.lastError());
    if (!query.next())
        return std::optional<Job>();
    return std::optional<Job>(readJob(query));
}

Result<std::optional<Profile>> JobRepository::findProfile(const QString &jobId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "SELECT memory_allocated, data_scanned, rows_scanned, rows_returned, partitions_scanned, "
        "cpu_time_ms FROM profiles WHERE job_id = ?"));
    query.addBindValue(jobId);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the profile of job %1").arg(jobId),
                                  query.lastError());
    if (!query.next())
        return std::optional<Profile>();
    Profile profile;
    profile.jobId = jobId;
    profile.memoryAllocated = SqlValue::toInt64(query.value(0));
    profile.dataScanned = SqlValue::toInt64(query.value(1));
    profile.rowsScanned = SqlValue::toInt64(query.value(2));
    profile.rowsReturned = SqlValue::toInt64(query.value(3));
    profile.partitionsScanned = SqlValue::toInt64(query.value(4));
    profile.cpuTimeMs = SqlValue::toInt64(query.value(5));
    return std::optional<Profile>(std::move(profile));
}

Result<qint64> JobRepository::count() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM queries")) || !query.next())
        return Database::sqlError(Text::tr("Cannot count jobs"), query.lastError());
    return query.value(0).toLongLong();
}

Result<QStringList> JobRepository::idsStartingWith(const QString &prefix, int limit,
                                                   bool measurableOnly) const
{
    const QString measurable = measurableOnly
        ? QStringLiteral(" AND (status IS NULL OR LOWER(status) NOT IN (%1))")
              .arg(JobStatus::unmeasurableSqlList())
        : QString();
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (m_database.isPostgres()) {
        // LIKE with a left-anchored pattern uses idx_queries_job_id_pattern (text_pattern_ops)
        // whatever the database's collation.
        query.prepare(QStringLiteral("SELECT job_id FROM queries WHERE job_id LIKE ? ESCAPE '!'%1 "
                                     "ORDER BY job_id LIMIT ?").arg(measurable));
        QString pattern = prefix;
        pattern.replace(u'!', QStringLiteral("!!")).replace(u'%', QStringLiteral("!%")).replace(u'_', QStringLiteral("!_"));
        query.addBindValue(pattern + u'%');
    } else {
        // SQLite compares text as bytes (BINARY): the prefix range is [prefix, prefix + U+FFFF).
        query.prepare(QStringLiteral("SELECT job_id FROM queries WHERE job_id >= ? AND job_id < ?%1 "
                                     "ORDER BY job_id LIMIT ?").arg(measurable));
        query.addBindValue(prefix.isNull() ? QStringLiteral("") : prefix); // a null QString binds NULL
        query.addBindValue(prefix + QChar(0xFFFF));
    }
    query.addBindValue(limit);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot look up job IDs"), query.lastError());
    QStringList ids;
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

QString JobRepository::rowColumns()
{
    return JobColumns
           + QStringLiteral(", p.job_id, p.memory_allocated, p.data_scanned, p.rows_scanned, "
                            "p.rows_returned, p.partitions_scanned, p.cpu_time_ms");
}

int JobRepository::rowColumnCount()
{
    return JobColumnCount + 7;
}

JobRow JobRepository::readRow(const QSqlQuery &query)
{
    JobRow row;
    row.job = readJob(query);
    constexpr int p0 = JobColumnCount;
    if (!query.value(p0).isNull()) {
        Profile p;
        p.jobId = row.job.jobId;
        p.memoryAllocated = SqlValue::toInt64(query.value(p0 + 1));
        p.dataScanned = SqlValue::toInt64(query.value(p0 + 2));
        p.rowsScanned = SqlValue::toInt64(query.value(p0 + 3));
        p.rowsReturned = SqlValue::toInt64(query.value(p0 + 4));
        p.partitionsScanned = SqlValue::toInt64(query.value(p0 + 5));
        p.cpuTimeMs = SqlValue::toInt64(query.value(p0 + 6));
        row.profile = p;
    }
    return row;
}
