#pragma once

#include <QString>

#include <array>
#include <random>

// What the demo data is made of: issue types with their estimates and real effects, tables,
// engines with their job ID styles, users; and the seeded helpers that pick among them.
namespace DemoVocabulary {

struct IssueProfile
{
    const char *issueType;
    double weight;          // share of recommendations
    double estimateLow;     // the analysis engine's estimate, uniform in [low, high]
    double estimateHigh;
    double actualMean;      // the improvement really obtained, normal
    double actualSpread;
    double scanFactor;      // how much of the duration gain shows in bytes scanned
    const char *title;
    const char *queryShape;
};

// Partition filters and cartesian joins pay off big; SELECT * and sort removal modestly.
inline constexpr std::array<IssueProfile, 7> issueProfiles{{
    {"missing_partition_filter", 0.26, 55, 85, 68, 16, 1.10, "Add a partition filter on %1",
     "SELECT * FROM %1 WHERE event_date >= CURRENT_DATE - 7"},
    {"select_star", 0.20, 20, 45, 24, 14, 0.90, "Select only the needed columns of %1",
     "SELECT * FROM %1 JOIN dim_customer USING (customer_id)"},
    {"missing_clustering", 0.15, 35, 65, 38, 20, 0.95, "Cluster %1 on event_date",
     "SELECT region, SUM(amount) FROM %1 WHERE event_date = '2026-10-01' GROUP BY region"},
    {"cartesian_join", 0.08, 80, 95, 86, 9, 0.40, "Add the missing join condition to %1",
     "SELECT o.id, c.name FROM %1 o, dim_customer c WHERE o.amount > 100"},
    {"inefficient_join_order", 0.13, 25, 55, 30, 18, 0.30, "Join the small dimension first in %1",
     "SELECT * FROM %1 f JOIN dim_product p ON p.id = f.product_id JOIN dim_store s ON s.id = f.store_id"},
    {"unnecessary_sort", 0.10, 10, 30, 14, 10, 0.05, "Drop the ORDER BY inside the subquery on %1",
     "SELECT * FROM (SELECT * FROM %1 ORDER BY created_at) t LIMIT 100"},
    {"repeated_subquery", 0.08, 30, 60, 41, 17, 0.60, "Compute the repeated subquery on %1 once",
     "SELECT a.*, (SELECT MAX(ts) FROM %1) FROM %1 a WHERE a.ts > (SELECT MAX(ts) - 1 FROM %1)"},
}};

inline constexpr std::array<const char *, 12> tables{
    "analytics.fact_orders",  "analytics.fact_events",  "sales.order_lines",
    "marketing.web_sessions", "finance.ledger_entries", "ops.shipments",
    "product.page_views",     "analytics.fact_clicks",  "crm.contacts_history",
    "sales.invoices",         "ops.sensor_readings",    "finance.payments"};

struct EngineStyle
{
    const char *engine;
    double weight;
    const char *warehouses[3];
};

inline constexpr std::array<EngineStyle, 5> engines{{
    {"snowflake", 0.35, {"ANALYTICS_WH", "REPORTING_WH", "ETL_WH"}},
    {"bigquery", 0.25, {"reservation-default", "reservation-etl", "on-demand"}},
    {"databricks", 0.20, {"sql-warehouse-small", "sql-warehouse-medium", "serverless"}},
    {"dremio", 0.10, {"default", "reflections", "adhoc"}},
    {"postgres", 0.10, {"primary", "replica-1", "replica-2"}},
}};

inline constexpr std::array<const char *, 8> users{"ana.silva", "ben.okafor", "chen.wei", "dana.kowalski",
                                            "elif.yilmaz", "farid.haddad", "grace.lindqvist",
                                            "hiro.tanaka"};

inline quint64 splitMix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// A job ID in the style of the engine that ran it. Its leading digits count up (as
// Snowflake's and Databricks' time-ordered IDs do), so a million of them append to the
// primary-key index instead of landing at random pages; the rest is random per run, so a
// second demo run never collides with the first.
inline QString jobIdFor(const char *engine, quint64 sequence, quint64 run)
{
    const quint64 a = splitMix(run ^ sequence), b = splitMix(a);
    auto hex = [](quint64 value, int digits) {
        return QString::number(value, 16).rightJustified(digits, QLatin1Char('0')).right(digits);
    };
    const QLatin1String engineName(engine);
    if (engineName == QLatin1String("bigquery"))
        return QStringLiteral("bquxjob_") + hex(0x3c91a00000ull + sequence, 10) + u'_' + hex(a, 11);
    if (engineName == QLatin1String("postgres"))
        return QStringLiteral("pg-") + QString::number(4'180'000'000'000ull + sequence) + u'-' + hex(a, 8);
    const QString counter = hex(0x1b5e4c000000ull + sequence, 12);
    QString uuid = counter.left(8) + u'-' + counter.mid(8) + u'-' + hex(a >> 48, 4) + u'-'
                   + hex(a >> 32, 4) + u'-' + hex(b, 12);
    if (engineName == QLatin1String("snowflake"))
        uuid.replace(0, 3, QStringLiteral("01b"));
    return uuid;
}

template<typename Items>
int pickWeighted(std::mt19937_64 &random, const Items &items)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    double r = unit(random);
    for (int i = 0; i < int(items.size()); ++i) {
        r -= items[i].weight;
        if (r <= 0)
            return i;
    }
    return int(items.size()) - 1;
}

} // namespace DemoVocabulary
