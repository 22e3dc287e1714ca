#include "formats.h"

#include "mappedformat.h"

#include "../text.h"

namespace EngineFormats {
namespace {

// generic: SPEC §4.

class GenericFormat final : public MappedFormat
{
public:
    QString id() const override { return QStringLiteral("generic"); }
    QList<QStringList> required() const override
    {
        return {{QStringLiteral("job_id")}, {QStringLiteral("duration_ms")}};
    }

protected:
    bool readsNullMarkers() const override { return false; } // SPEC §4: only an empty cell is NULL
    QString engine() const override { return QStringLiteral("generic"); }
    QStringList idColumns() const override { return {QStringLiteral("job_id")}; }
    QList<Mapping> mappings() const override
    {
        return {
            {QueryText, {QStringLiteral("query_text")}, Kind::RawText, {}},
            {QueryHash, {QStringLiteral("query_hash")}, Kind::Text, {}},
            {Engine, {QStringLiteral("engine")}, Kind::Text, {}},
            {UserName, {QStringLiteral("user_name")}, Kind::Text, {}},
            {Warehouse, {QStringLiteral("warehouse")}, Kind::Text, {}},
            {WarehouseSize, {QStringLiteral("warehouse_size")}, Kind::Text, {}},
            {StartedAt, {QStringLiteral("started_at")}, Kind::Timestamp, {}},
            {DurationMs, {QStringLiteral("duration_ms")}, Kind::Milliseconds, {}},
            {RunStatus, {QStringLiteral("status")}, Kind::Text, {}},
            {CacheHit, {QStringLiteral("cache_hit")}, Kind::Flag, {}},
            {MemoryAllocated, {QStringLiteral("memory_allocated")}, Kind::Count, {}},
            {DataScanned, {QStringLiteral("data_scanned")}, Kind::Count, {}},
            {RowsScanned, {QStringLiteral("rows_scanned")}, Kind::Count, {}},
            {RowsReturned, {QStringLiteral("rows_returned")}, Kind::Count, {}},
            {PartitionsScanned, {QStringLiteral("partitions_scanned")}, Kind::Count, {}},
            {CpuTimeMs, {QStringLiteral("cpu_time_ms")}, Kind::Count, {}},
        };
    }
    Status bindMore(ImportSource &source, Plan &plan) override
    {
        // Our own units: nothing is converted. A new job without an engine column is "generic";
        // an existing one keeps its engine.
        plan.conversions.clear();
        m_hasEngine = source.has(QStringLiteral("engine"));
        if (!m_hasEngine) {
            plan.written.reset(Engine);
            plan.insertOnly.set(Engine);
        }
        m_duration = source.resolve(QStringLiteral("duration_ms"));
        return success();
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        if (record.values[DurationMs].isNull())
            cells.fail(m_duration, Text::tr("is empty; every job needs a duration"));
    }

private:
    bool m_hasEngine = false;
    int m_duration = -1;
};

} // namespace

std::unique_ptr<Format> makeGenericFormat()
{
    return std::make_unique<GenericFormat>();
}

} // namespace EngineFormats
