#include "formats.h"

#include "mappedformat.h"

#include "../jobstatus.h"
#include "../text.h"

namespace EngineFormats {
namespace {

// Snowflake ACCOUNT_USAGE.QUERY_HISTORY (ENGINE-EXPORTS §2.1).

class SnowflakeFormat final : public MappedFormat
{
public:
    QString id() const override { return S("snowflake"); }
    QList<QStringList> required() const override { return {{S("query_id")}, {S("total_elapsed_time")}}; }

protected:
    QString engine() const override { return S("snowflake"); }
    QStringList idColumns() const override { return {S("query_id")}; }
    QList<Mapping> mappings() const override
    {
        return {
            {QueryText, {S("query_text")}, Kind::RawText, {}},
            {UserName, {S("user_name")}, Kind::Text, {}},
            {Warehouse, {S("warehouse_name")}, Kind::Text, {}},
            {WarehouseSize, {S("warehouse_size")}, Kind::Text, {}},
            {StartedAt, {S("start_time")}, Kind::Timestamp, {}},
            {DurationMs, {S("total_elapsed_time")}, Kind::Milliseconds, S("ms")},
            {DataScanned, {S("bytes_scanned")}, Kind::Count, S("bytes")},
            {RowsReturned, {S("rows_produced")}, Kind::Count, {}},
            {PartitionsScanned, {S("partitions_scanned")}, Kind::Count, S("micro-partitions")},
        };
    }
    Status bindMore(ImportSource &source, Plan &plan) override
    {
        m_duration = source.resolve(S("total_elapsed_time"));
        m_hash = source.resolveEach({S("query_parameterized_hash"), S("query_hash")});
        planFingerprint(source, plan, m_hash);
        m_status = source.resolve(S("execution_status"));
        m_errorCode = source.resolve(S("error_code"));
        m_errorMessage = source.resolve(S("error_message"));
        if (m_status >= 0)
            plan.written.set(RunStatus);
        m_bytes = source.resolve(S("bytes_scanned"));
        m_fromCache = source.resolve(S("percentage_scanned_from_cache"));
        m_queryType = source.has(S("query_type")) ? source.resolve(S("query_type")) : -1;
        m_hasWarehouseSize = source.has(S("warehouse_size"));
        m_executionTime = source.has(S("execution_time")) ? source.resolve(S("execution_time")) : -1;
        if (m_bytes >= 0 || m_fromCache >= 0) {
            plan.written.set(CacheHit);
            plan.conversions << Text::tr("cache_hit ← a successful SELECT (QUERY_TYPE) that read every byte from the "
                                         "warehouse cache (PERCENTAGE_SCANNED_FROM_CACHE = 1), or that scanned "
                                         "nothing (BYTES_SCANNED = 0) and was not executed (no WAREHOUSE_SIZE or "
                                         "EXECUTION_TIME = 0): its result was reused");
            if (m_queryType < 0 && m_bytes >= 0)
                plan.notes << Text::tr("the export has no QUERY_TYPE column: every successful statement that "
                                       "scanned nothing is taken as a result-cache hit, though only a SELECT can "
                                       "be one; export QUERY_TYPE to tell them apart");
        }
        return success();
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        if (record.values[DurationMs].isNull())
            cells.fail(m_duration, Text::tr("is empty; every job needs a duration"));
        fingerprint(cells, record, m_hash);
        QString status;
        if (m_status >= 0) {
            // Snowflake tells a cancel by its error (code 604, "SQL execution canceled").
            const bool cancel = cells.text(m_errorCode).toInt() == 604
                                || lower(cells.text(m_errorMessage)).contains(QLatin1String("cancel"));
            status = engineStatus(cells.text(m_status), QLatin1String("success"),
                                  {QLatin1String("fail"), QLatin1String("failed"), QLatin1String("incident"), QLatin1String("failed_with_error"),
                                   QLatin1String("failed_with_incident")},
                                  cancel);
            record.values[RunStatus] = textValue(status);
        }
        if (m_bytes >= 0 || m_fromCache >= 0)
            record.values[CacheHit] = servedFromCache(cells, record, status);
    }

private:
    // Only a read is served from the result cache (Snowflake, "Using Persisted Query Results":
    // a repeated query's result is returned, "bypassing query execution"): COPY INTO, USE,
    // GRANT, DROP and CREATE scan nothing too, and they ran. A reuse is not executed, so the
    // export gives it no warehouse (WAREHOUSE_SIZE empty; dbt-snowflake-monitoring's
    // cost_per_query.sql reads `warehouse_size is not null` as "ran on a warehouse") or no
    // execution time (EXECUTION_TIME = 0, ms); a SELECT a warehouse executed without reading
    // storage (an empty table, every partition pruned) is a real run. Without either column
    // nothing tells, and a SELECT that scanned nothing is taken as a reuse; without QUERY_TYPE,
    // any successful statement that did.
    // PERCENTAGE_SCANNED_FROM_CACHE = 1 (ENGINE-EXPORTS §2.8's Snowflake cache flag) is the
    // warehouse's disk cache: a run whose time says nothing about a cold one.
    bool servedFromCache(Cells &cells, const JobRecord &record, const QString &status)
    {
        const auto fromCache = cells.nonNegativeReal(m_fromCache);
        const bool succeeded = m_status < 0 || status == JobStatus::Success;
        const QVariant &bytes = record.values[DataScanned];
        const bool scannedNothing = m_bytes >= 0 && !bytes.isNull() && bytes.toLongLong() == 0;
        if (!succeeded)
            return false;
        // Without QUERY_TYPE, nothing tells a read from a write: what the export says is all there is.
        if (m_queryType < 0)
            return (fromCache && *fromCache >= 1.0) || scannedNothing;
        if (cells.text(m_queryType).toUpper() != QLatin1String("SELECT"))
            return false;
        if (fromCache && *fromCache >= 1.0)
            return true;
        const bool noWarehouse = m_hasWarehouseSize && record.values[WarehouseSize].isNull();
        const auto executionMs = cells.milliseconds(m_executionTime);
        const bool notExecuted = executionMs && *executionMs == 0;
        const bool unknown = !m_hasWarehouseSize && m_executionTime < 0;
        return scannedNothing && (noWarehouse || notExecuted || unknown);
    }

    QList<int> m_hash;
    int m_duration = -1, m_status = -1, m_errorCode = -1, m_errorMessage = -1, m_bytes = -1, m_fromCache = -1,
        m_queryType = -1, m_executionTime = -1;
    bool m_hasWarehouseSize = false;
};

} // namespace

std::unique_ptr<Format> makeSnowflakeFormat()
{
    return std::make_unique<SnowflakeFormat>();
}

} // namespace EngineFormats
