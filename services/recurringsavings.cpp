#include "recurringsavings.h"

#include "jobstatus.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

namespace RecurringSavings {

Result<double> runsPerDay(const Database &database, const std::optional<QString> &queryHash,
                          const std::optional<QDateTime> &startedAt)
{
    if (!queryHash || !startedAt || !startedAt->isValid())
        return 1.0 / HistoryDays;
    // One range of idx_queries_hash_started.
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM queries q WHERE q.query_hash = ? AND q.started_at >= ? "
                                 "AND q.started_at < ? AND %1")
                      .arg(JobStatus::measurableSqlCondition(QStringLiteral("q"))));
    query.addBindValue(*queryHash);
    query.addBindValue(Database::toSqlTimestamp(startedAt->addSecs(-qint64(HistoryDays) * 86400)));
    query.addBindValue(Database::toSqlTimestamp(*startedAt));
    if (!query.exec() || !query.next())
        return Database::sqlError(Text::tr("Cannot count the runs of query %1").arg(*queryHash), query.lastError());
    return double(1 + query.value(0).toLongLong()) / HistoryDays;
}

QString fillSql(Database::Backend backend)
{
    // 30 days as 720 hours: PostgreSQL's days follow the session's time zone across DST.
    const QString windowStart = backend == Database::Backend::Postgres
                                    ? QStringLiteral("b.started_at - INTERVAL '%1 hours'").arg(HistoryDays * 24)
                                    : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', b.started_at, '-%1 days')")
                                          .arg(HistoryDays);
    return QStringLiteral("UPDATE measurements SET runs_per_day = (1 + COALESCE((SELECT COUNT(*) FROM queries b "
                          "JOIN queries q ON q.query_hash = b.query_hash AND q.started_at >= %1 "
                          "AND q.started_at < b.started_at WHERE b.job_id = measurements.job_id_before AND %2), 0)) "
                          "/ %3.0 WHERE job_id_after IS NOT NULL AND runs_per_day IS NULL")
        .arg(windowStart, JobStatus::measurableSqlCondition(QStringLiteral("q")))
        .arg(HistoryDays);
}

} // namespace RecurringSavings
