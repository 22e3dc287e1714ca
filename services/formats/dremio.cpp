#include "formats.h"

#include "mappedformat.h"

#include "../text.h"

namespace EngineFormats {
namespace {

// Dremio sys.jobs_recent (ENGINE-EXPORTS §2.3).

class DremioFormat final : public MappedFormat
{
public:
    QString id() const override { return S("dremio"); }
    QList<QStringList> required() const override
    {
        return {{S("job_id")},
                {S("submitted_epoch_millis"), S("submitted_ts")},
                {S("final_state_epoch_millis"), S("final_state_ts")}};
    }

protected:
    QString engine() const override { return S("dremio"); }
    QStringList idColumns() const override { return {S("job_id")}; }
    QList<Mapping> mappings() const override
    {
        return {
            {QueryText, {S("query")}, Kind::RawText, {}},
            {UserName, {S("user_name")}, Kind::Text, {}},
            {Warehouse, {S("engine"), S("queue_name")}, Kind::Text, {}},
            {MemoryAllocated, {S("execution_allocated_bytes"), S("memory_allocated")}, Kind::Count, S("bytes")},
            {DataScanned, {S("bytes_scanned")}, Kind::Count, S("bytes")},
            {RowsScanned, {S("rows_scanned")}, Kind::Count, {}},
            {RowsReturned, {S("rows_returned")}, Kind::Count, {}},
            {CpuTimeMs, {S("execution_cpu_time_millis")}, Kind::Count, S("ms")},
            {CpuTimeMs, {S("execution_cpu_time_ns")}, Kind::Nanos, {}},
            {CacheHit, {S("accelerated")}, Kind::Flag, Text::tr("served by a Reflection")},
        };
    }
    Status bindMore(ImportSource &source, Plan &plan) override
    {
        planFingerprint(source, plan, {});
        m_submittedMillis = source.resolve(S("submitted_epoch_millis"));
        m_submittedTs = m_submittedMillis < 0 ? source.resolve(S("submitted_ts")) : -1;
        m_finalMillis = source.resolve(S("final_state_epoch_millis"));
        m_finalTs = m_finalMillis < 0 ? source.resolve(S("final_state_ts")) : -1;
        m_status = source.resolve({S("status"), S("job_state"), S("state")});
        plan.written.set(StartedAt).set(DurationMs);
        if (m_status >= 0)
            plan.written.set(RunStatus);
        plan.conversions << (m_submittedMillis >= 0 ? Text::tr("started_at ← submitted_epoch_millis (epoch ms → UTC)")
                                                    : Text::tr("started_at ← submitted_ts (UTC)"))
                         << (m_submittedMillis >= 0 && m_finalMillis >= 0
                                 ? Text::tr("duration_ms ← final_state_epoch_millis − submitted_epoch_millis (ms)")
                                 : Text::tr("duration_ms ← final_state − submitted (ms)"));
        return success();
    }
    std::optional<qint64> instant(Cells &cells, int millis, int ts)
    {
        if (millis >= 0) {
            const auto value = cells.count(millis);
            constexpr qint64 Year10000 = 253402300800000; // ms since the epoch
            if (value && *value >= Year10000) {
                cells.fail(millis, Text::tr("%1 is past the year 9999").arg(*value));
                return std::nullopt;
            }
            return value ? std::optional<qint64>(*value * 1000) : std::nullopt;
        }
        return cells.micros(ts);
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        fingerprint(cells, record, {});
        const int startColumn = m_submittedMillis >= 0 ? m_submittedMillis : m_submittedTs;
        const int endColumn = m_finalMillis >= 0 ? m_finalMillis : m_finalTs;
        const auto start = instant(cells, m_submittedMillis, m_submittedTs);
        const auto end = instant(cells, m_finalMillis, m_finalTs);
        if (cells.error)
            return;
        if (!start)
            return cells.fail(startColumn, Text::tr("is empty; the duration is final state − submitted"));
        if (!end || *end == 0)
            return leaveOutUnfinished(record);
        if (*end < *start)
            return cells.fail(endColumn, Text::tr("is before the submission time"));
        record.values[StartedAt] = timeValue(start);
        record.values[DurationMs] = double(*end - *start) / 1000.0;
        if (m_status >= 0) {
            record.values[RunStatus] =
                textValue(engineStatus(cells.text(m_status), QLatin1String("completed"), {QLatin1String("failed")}));
        }
    }

private:
    int m_submittedMillis = -1, m_submittedTs = -1, m_finalMillis = -1, m_finalTs = -1, m_status = -1;
};

} // namespace

std::unique_ptr<Format> makeDremioFormat()
{
    return std::make_unique<DremioFormat>();
}

} // namespace EngineFormats
