#pragma once

// Seven hand-made jobs whose every order is worked out by hand in the tests: ties in each
// column (broken by job ID), NULLs in every nullable one, two jobs without a profile and one
// with an empty profile, query texts with %, _ and mixed case. Job IDs, users and warehouses
// are ASCII, so that SQLite (BINARY) and the test server's PostgreSQL (C collation) agree.

#include "database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace JobFixture {

struct HandMadeJob
{
    const char *id;
    const char *engine;
    const char *user;
    const char *warehouse;
    const char *startedAt; // ISO 8601 UTC
    qint64 durationMs;
    const char *status;
    const char *queryText;
    bool hasProfile;
    std::optional<qint64> memory, scanned, cpu;
};

inline const HandMadeJob jobs[] = {
    {"a1", "snowflake", "ana", "ETL_WH", "2025-01-03T10:00:00Z", 100, "success", "SELECT * FROM Sales.orders", true, 300, 10, 5},
    {"a2", "bigquery", "ben", nullptr, "2025-01-01T10:00:00Z", 200, "failed", "select 1", true, 100, std::nullopt, 7},
    {"b1", nullptr, "ana", "BI_WH", nullptr, 100, nullptr, nullptr, false, {}, {}, {}},
    {"b2", "snowflake", nullptr, "ETL_WH", "2025-01-02T10:00:00Z", 50, "success", "insert into sales_2025", true, 300, 20, std::nullopt},
    {"c1", "dremio", "chen", "etl_wh_small", "2025-01-03T10:00:00Z", 300, "running", "-- 100% done", true, std::nullopt, std::nullopt, std::nullopt},
    {"c2", "bigquery", "dana", nullptr, nullptr, 200, "success", "select 2 as s12", false, {}, {}, {}},
    {"d1", "snowflake", "ana", "BI_WH", "2025-01-04T10:00:00Z", 0, "cancelled", "SELECT amount FROM finance.invoices", true, 50, 5, 1},
};

inline QVariant text(const char *value)
{
    return value ? QVariant(QString::fromUtf8(value)) : QVariant(QMetaType::fromType<QString>());
}

inline QVariant number(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

// Writes the jobs; an empty string when it worked, else why not.
inline QString addTo(const Database &database)
{
    QSqlQuery query(database.connection());
    for (const HandMadeJob &job : jobs) {
        query.prepare(QStringLiteral("INSERT INTO queries (job_id, engine, user_name, warehouse, started_at, "
                                     "duration_ms, status, query_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(text(job.id));
        query.addBindValue(text(job.engine));
        query.addBindValue(text(job.user));
        query.addBindValue(text(job.warehouse));
        query.addBindValue(Database::toSqlTimestamp(
            job.startedAt ? std::optional(QDateTime::fromString(QString::fromLatin1(job.startedAt), Qt::ISODate))
                          : std::nullopt));
        query.addBindValue(job.durationMs);
        query.addBindValue(text(job.status));
        query.addBindValue(text(job.queryText));
        if (!query.exec())
            return query.lastError().text();
        if (!job.hasProfile)
            continue;
        query.prepare(QStringLiteral("INSERT INTO profiles (job_id, memory_allocated, data_scanned, cpu_time_ms) "
                                     "VALUES (?, ?, ?, ?)"));
        query.addBindValue(text(job.id));
        query.addBindValue(number(job.memory));
        query.addBindValue(number(job.scanned));
        query.addBindValue(number(job.cpu));
        if (!query.exec())
            return query.lastError().text();
    }
    return {};
}

inline QStringList ids(const char *spaceSeparated)
{
    return QString::fromLatin1(spaceSeparated).split(u' ', Qt::SkipEmptyParts);
}

} // namespace JobFixture
