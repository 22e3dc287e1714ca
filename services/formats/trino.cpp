#include "formats.h"

#include "mappedformat.h"

#include "../text.h"

namespace EngineFormats {
namespace {

// Trino's event-listener query table (ENGINE-EXPORTS §2.6).

class TrinoFormat final : public MappedFormat
{
public:
    QString id() const override { return S("trino"); }
    QList<QStringList> required() const override { return {{S("query_id")}, {S("wall_time_millis")}}; }

protected:
    QString engine() const override { return S("trino"); }
    QStringList idColumns() const override { return {S("query_id")}; }
    QList<Mapping> mappings() const override
    {
        return {
            {QueryText, {S("query")}, Kind::RawText, {}},
            {UserName, {S("user")}, Kind::Text, {}},
            {Warehouse, {S("resource_group_id")}, Kind::Text, {}},
            {StartedAt, {S("create_time"), S("created")}, Kind::Timestamp, {}},
            {DurationMs, {S("wall_time_millis")}, Kind::Milliseconds, S("ms")},
            {MemoryAllocated, {S("peak_memory_bytes")}, Kind::Count, S("bytes")},
            {DataScanned, {S("physical_input_bytes")}, Kind::Count, S("bytes")},
            {RowsScanned, {S("physical_input_rows")}, Kind::Count, {}},
            {RowsReturned, {S("output_rows")}, Kind::Count, {}},
            {CpuTimeMs, {S("cpu_time_millis")}, Kind::Count, S("ms")},
        };
    }
    Status bindMore(ImportSource &source, Plan &plan) override
    {
        planFingerprint(source, plan, {});
        m_duration = source.resolve(S("wall_time_millis"));
        m_state = source.resolve({S("query_state"), S("state")});
        m_errorCode = source.resolve(S("error_code"));
        if (m_state >= 0)
            plan.written.set(RunStatus);
        return success();
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        if (record.values[DurationMs].isNull())
            cells.fail(m_duration, Text::tr("is empty; every job needs a duration"));
        fingerprint(cells, record, {});
        if (m_state >= 0) {
            const bool cancel = lower(cells.text(m_errorCode)) == QLatin1String("user_canceled");
            record.values[RunStatus] = textValue(
                engineStatus(cells.text(m_state), QLatin1String("finished"), {QLatin1String("failed")}, cancel));
        }
    }

private:
    int m_duration = -1, m_state = -1, m_errorCode = -1;
};

} // namespace

std::unique_ptr<Format> makeTrinoFormat()
{
    return std::make_unique<TrinoFormat>();
}

} // namespace EngineFormats
