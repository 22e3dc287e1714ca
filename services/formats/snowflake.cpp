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
        if (m_bytes >= 0 || m_fromCache >= 0) {
            plan.written.set(CacheHit);
            plan.conversions << Text::tr("cache_hit ← PERCENTAGE_SCANNED_FROM_CACHE = 1 or BYTES_SCANNED = 0 "
                                         "(successful queries)");
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
        if (m_bytes >= 0 || m_fromCache >= 0) {
            const auto fromCache = cells.nonNegativeReal(m_fromCache);
            const QVariant &bytes = record.values[DataScanned];
            const bool succeeded = m_status < 0 || status == JobStatus::Success;
            const bool cached = succeeded
                                && ((fromCache && *fromCache >= 1.0)
                                    || (m_bytes >= 0 && !bytes.isNull() && bytes.toLongLong() == 0));
            record.values[CacheHit] = cached;
        }
    }

private:
    QList<int> m_hash;
    int m_duration = -1, m_status = -1, m_errorCode = -1, m_errorMessage = -1, m_bytes = -1, m_fromCache = -1;
};

} // namespace

std::unique_ptr<Format> makeSnowflakeFormat()
{
    return std::make_unique<SnowflakeFormat>();
}

} // namespace EngineFormats
