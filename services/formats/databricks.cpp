#include "formats.h"

#include "mappedformat.h"

#include "../text.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace EngineFormats {
namespace {

// Databricks system.query.history (ENGINE-EXPORTS §2.4).

class DatabricksFormat final : public MappedFormat
{
public:
    QString id() const override { return S("databricks"); }
    QList<QStringList> required() const override { return {{S("statement_id")}, {S("total_duration_ms")}}; }

protected:
    QString engine() const override { return S("databricks"); }
    QStringList idColumns() const override { return {S("statement_id")}; }
    QList<Mapping> mappings() const override
    {
        return {
            {QueryText, {S("statement_text")}, Kind::RawText, {}},
            {UserName, {S("executed_by"), S("executed_as")}, Kind::Text, {}},
            {StartedAt, {S("start_time")}, Kind::Timestamp, {}},
            {DurationMs, {S("total_duration_ms")}, Kind::Milliseconds, S("ms")},
            {DataScanned, {S("read_bytes")}, Kind::Count, S("bytes")},
            {RowsScanned, {S("read_rows")}, Kind::Count, {}},
            {RowsReturned, {S("produced_rows")}, Kind::Count, {}},
            {PartitionsScanned, {S("read_partitions")}, Kind::Count, {}},
            {CpuTimeMs, {S("total_task_duration_ms")}, Kind::Count,
             Text::tr("ms: task time summed over all cores, not wall clock")},
            {CacheHit, {S("from_result_cache")}, Kind::Flag, {}},
        };
    }
    Status bindMore(ImportSource &source, Plan &plan) override
    {
        planFingerprint(source, plan, {});
        m_duration = source.resolve(S("total_duration_ms"));
        m_warehouseId = source.resolve({S("compute.warehouse_id"), S("warehouse_id")});
        m_compute = m_warehouseId < 0 ? source.resolve(S("compute")) : -1;
        if (m_warehouseId >= 0 || m_compute >= 0) {
            plan.written.set(Warehouse);
            plan.conversions << Text::tr("warehouse ← compute.warehouse_id");
        }
        m_status = source.resolve(S("execution_status"));
        if (m_status >= 0)
            plan.written.set(RunStatus);
        return success();
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        if (record.values[DurationMs].isNull())
            cells.fail(m_duration, Text::tr("is empty; every job needs a duration"));
        fingerprint(cells, record, {});
        if (m_warehouseId >= 0) {
            record.values[Warehouse] = textValue(cells.text(m_warehouseId));
        } else if (m_compute >= 0) {
            const QString compute = cells.text(m_compute);
            QString warehouse;
            if (!compute.isEmpty()) {
                const QJsonObject object = QJsonDocument::fromJson(compute.toUtf8()).object();
                warehouse = object.value(S("warehouse_id")).toString();
                if (warehouse.isEmpty())
                    warehouse = object.value(S("cluster_id")).toString();
            }
            record.values[Warehouse] = textValue(warehouse.isEmpty() ? QString() : warehouse);
        }
        if (m_status >= 0) {
            record.values[RunStatus] =
                textValue(engineStatus(cells.text(m_status), QLatin1String("finished"), {QLatin1String("failed")}));
        }
    }

private:
    int m_duration = -1, m_warehouseId = -1, m_compute = -1, m_status = -1;
};

} // namespace

std::unique_ptr<Format> makeDatabricksFormat()
{
    return std::make_unique<DatabricksFormat>();
}

} // namespace EngineFormats
