#include "jobrepository.h"

#include "sqlvalues.h"

#include <QSqlError>
#include <QSqlQuery>

Result<std::optional<Job>> JobRepository::find(const QString &jobId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "SELECT job_id, query_text, query_hash, engine, user_name, warehouse, started_at, "
        "duration_ms, status FROM queries WHERE job_id = ?"));
    query.addBindValue(jobId);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot read job %1").arg(jobId), query.lastError());
    if (!query.next())
        return std::optional<Job>();
    Job job;
    job.jobId = query.value(0).toString();
    job.queryText = SqlValue::toString(query.value(1));
    job.queryHash = SqlValue::toString(query.value(2));
    job.engine = SqlValue::toString(query.value(3));
    job.userName = SqlValue::toString(query.value(4));
    job.warehouse = SqlValue::toString(query.value(5));
    job.startedAt = Database::fromSqlTimestamp(query.value(6));
    job.durationMs = query.value(7).toLongLong();
    job.status = SqlValue::toString(query.value(8));
    return std::optional<Job>(std::move(job));
}

Result<std::optional<Profile>> JobRepository::findProfile(const QString &jobId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "SELECT memory_allocated, data_scanned, rows_scanned, rows_returned, partitions_scanned, "
        "cpu_time_ms FROM profiles WHERE job_id = ?"));
    query.addBindValue(jobId);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot read the profile of job %1").arg(jobId),
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
        return Database::sqlError(QStringLiteral("Cannot count jobs"), query.lastError());
    return query.value(0).toLongLong();
}

Result<QStringList> JobRepository::idsStartingWith(const QString &prefix, int limit) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (m_database.isPostgres()) {
        // LIKE with a left-anchored pattern uses idx_queries_job_id_pattern (text_pattern_ops)
        // whatever the database's collation.
        query.prepare(QStringLiteral("SELECT job_id FROM queries WHERE job_id LIKE ? ESCAPE '!' "
                                     "ORDER BY job_id LIMIT ?"));
        QString pattern = prefix;
        pattern.replace(u'!', QStringLiteral("!!")).replace(u'%', QStringLiteral("!%")).replace(u'_', QStringLiteral("!_"));
        query.addBindValue(pattern + u'%');
    } else {
        // SQLite compares text as bytes (BINARY): the prefix range is [prefix, prefix + U+FFFF).
        query.prepare(QStringLiteral("SELECT job_id FROM queries WHERE job_id >= ? AND job_id < ? "
                                     "ORDER BY job_id LIMIT ?"));
        query.addBindValue(prefix);
        query.addBindValue(prefix + QChar(0xFFFF));
    }
    query.addBindValue(limit);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot look up job IDs"), query.lastError());
    QStringList ids;
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

Result<QList<JobRow>> JobRepository::list(const QString &idPrefix, int limit) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    const QString columns = QStringLiteral(
        "SELECT q.job_id, q.query_text, q.query_hash, q.engine, q.user_name, q.warehouse, q.started_at, "
        "q.duration_ms, q.status, p.job_id, p.memory_allocated, p.data_scanned, p.rows_scanned, "
        "p.rows_returned, p.partitions_scanned, p.cpu_time_ms FROM queries q LEFT JOIN profiles p "
        "ON p.job_id = q.job_id");
    if (idPrefix.isEmpty()) {
        query.prepare(columns + QStringLiteral(" ORDER BY q.started_at DESC LIMIT ?"));
    } else {
        query.prepare(columns + QStringLiteral(" WHERE q.job_id IN (%1) ORDER BY q.job_id")
                                    .arg(QStringList(limit, QStringLiteral("?")).join(u',')));
        const auto ids = idsStartingWith(idPrefix, limit);
        if (!ids)
            return ids.error();
        for (int i = 0; i < limit; ++i)
            query.addBindValue(i < ids->size() ? QVariant(ids->at(i)) : QVariant(QMetaType::fromType<QString>()));
    }
    if (idPrefix.isEmpty())
        query.addBindValue(limit);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot list jobs"), query.lastError());
    QList<JobRow> rows;
    while (query.next()) {
        JobRow row;
        row.job.jobId = query.value(0).toString();
        row.job.queryText = SqlValue::toString(query.value(1));
        row.job.queryHash = SqlValue::toString(query.value(2));
        row.job.engine = SqlValue::toString(query.value(3));
        row.job.userName = SqlValue::toString(query.value(4));
        row.job.warehouse = SqlValue::toString(query.value(5));
        row.job.startedAt = Database::fromSqlTimestamp(query.value(6));
        row.job.durationMs = query.value(7).toLongLong();
        row.job.status = SqlValue::toString(query.value(8));
        if (!query.value(9).isNull()) {
            Profile p;
            p.jobId = row.job.jobId;
            p.memoryAllocated = SqlValue::toInt64(query.value(10));
            p.dataScanned = SqlValue::toInt64(query.value(11));
            p.rowsScanned = SqlValue::toInt64(query.value(12));
            p.rowsReturned = SqlValue::toInt64(query.value(13));
            p.partitionsScanned = SqlValue::toInt64(query.value(14));
            p.cpuTimeMs = SqlValue::toInt64(query.value(15));
            row.profile = p;
        }
        rows << row;
    }
    return rows;
}
