#include "recurringsavings.h"

#include "jobstatus.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <unordered_map>
#include <vector>

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

Status fill(const QSqlDatabase &connection)
{
    const auto failed = [](const QSqlQuery &query) {
        return Database::sqlError(Text::tr("Cannot count the runs of the measured queries"), query.lastError());
    };
    QSqlQuery query(connection);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT m.id, b.query_hash, b.started_at FROM measurements m LEFT JOIN queries b "
                                   "ON b.job_id = m.job_id_before WHERE m.job_id_after IS NOT NULL AND "
                                   "m.runs_per_day IS NULL")))
        return failed(query);
    struct Pending
    {
        qint64 id = 0;
        std::vector<qint64> *runs = nullptr; // none: hash or start unknown, once a month
        qint64 startedAt = 0;                // ms since the epoch
    };
    std::vector<Pending> pending;
    // The measurable runs of each measured query, as ms since the epoch.
    std::unordered_map<QString, std::vector<qint64>> runsOf;
    while (query.next()) {
        Pending p;
        p.id = query.value(0).toLongLong();
        const std::optional<QDateTime> startedAt = Database::fromSqlTimestamp(query.value(2));
        if (!query.value(1).isNull() && startedAt) {
            p.runs = &runsOf[query.value(1).toString()];
            p.startedAt = startedAt->toMSecsSinceEpoch();
        }
        pending.push_back(p);
    }
    if (query.lastError().isValid())
        return failed(query);
    if (pending.empty())
        return success();
    if (!runsOf.empty()) {
        if (!query.exec(QStringLiteral("SELECT q.query_hash, q.started_at FROM queries q WHERE q.query_hash IS NOT "
                                       "NULL AND q.started_at IS NOT NULL AND %1")
                            .arg(JobStatus::measurableSqlCondition(QStringLiteral("q")))))
            return failed(query);
        while (query.next()) {
            const auto runs = runsOf.find(query.value(0).toString());
            if (runs == runsOf.end())
                continue;
            if (const auto startedAt = Database::fromSqlTimestamp(query.value(1)))
                runs->second.push_back(startedAt->toMSecsSinceEpoch());
        }
        if (query.lastError().isValid())
            return failed(query);
        for (auto &[hash, runs] : runsOf)
            std::sort(runs.begin(), runs.end());
    }
    QSqlQuery update(connection);
    if (!update.prepare(QStringLiteral("UPDATE measurements SET runs_per_day = ? WHERE id = ?")))
        return failed(update);
    constexpr qint64 Window = qint64(HistoryDays) * 86400 * 1000;
    for (const Pending &p : pending) {
        qint64 count = 0;
        if (p.runs) {
            // The runs in [t_b − 30 days, t_b).
            const auto end = std::lower_bound(p.runs->begin(), p.runs->end(), p.startedAt);
            count = end - std::lower_bound(p.runs->begin(), end, p.startedAt - Window);
        }
        update.bindValue(0, double(1 + count) / HistoryDays);
        update.bindValue(1, p.id);
        if (!update.exec())
            return failed(update);
    }
    return success();
}

} // namespace RecurringSavings
