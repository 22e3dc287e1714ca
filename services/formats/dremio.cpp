#include "formats.h"

#include "mappedformat.h"

#include "../text.h"

namespace EngineFormats {
namespace {

// Dremio's job history (ENGINE-EXPORTS §2.3): Software's sys.jobs_recent as CSV or as the REST
// API's result rows (jsonsource.h unwraps the envelope), and Dremio Cloud's
// sys.project.history.jobs, whose *_epoch columns and execution_cpu_time_ns count nanoseconds.
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
    QList<QStringList> requiredOtherwise() const override
    {
        return {{S("job_id")}, {S("submitted_epoch")}, {S("final_state_epoch")}};
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
        m_submitted = bindInstant(source, S("submitted"));
        m_final = bindInstant(source, S("final_state"));
        m_status = source.resolve({S("status"), S("job_state"), S("state")});
        plan.written.set(StartedAt).set(DurationMs);
        if (m_status >= 0)
            plan.written.set(RunStatus);
        plan.conversions << Text::tr("started_at ← %1 (%2)")
                                .arg(source.columnName(m_submitted.handle), unitText(m_submitted.unit))
                         << Text::tr("duration_ms ← %1 − %2 (ms)")
                                .arg(source.columnName(m_final.handle), source.columnName(m_submitted.handle));
        return success();
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        fingerprint(cells, record, {});
        const auto start = read(cells, m_submitted);
        const auto end = read(cells, m_final);
        if (cells.error)
            return;
        if (!start)
            return cells.fail(m_submitted.handle, Text::tr("is empty; the duration is final state − submitted"));
        if (!end || end->micros == 0) // a job still running ends at the epoch
            return leaveOutUnfinished(record);
        if (end->micros < start->micros || (end->nanos && start->nanos && *end->nanos < *start->nanos))
            return cells.fail(m_final.handle, Text::tr("is before the submission time"));
        record.values[StartedAt] = timeValue(start->micros);
        // In the finest unit both ends have; nanoseconds keep the fraction of a millisecond.
        record.values[DurationMs] = end->nanos && start->nanos ? double(*end->nanos - *start->nanos) / 1e6
                                                               : double(end->micros - start->micros) / 1e3;
        if (m_status >= 0) {
            record.values[RunStatus] =
                textValue(engineStatus(cells.text(m_status), QLatin1String("completed"), {QLatin1String("failed")}));
        }
    }

private:
    // How an export writes an instant: Software's *_epoch_millis, Cloud's *_epoch (nanoseconds),
    // or a *_ts timestamp (UTC).
    enum class Unit { EpochMillis, EpochNanos, Timestamp };
    struct Instant
    {
        int handle = -1;
        Unit unit = Unit::Timestamp;
    };
    struct Read
    {
        qint64 micros = 0;
        std::optional<qint64> nanos;
    };

    static Instant bindInstant(ImportSource &source, const QString &stem)
    {
        // The most precise column the file has. (In JSON every name resolves: ask which it holds.)
        if (source.has(stem + S("_epoch_millis")))
            return {source.resolve(stem + S("_epoch_millis")), Unit::EpochMillis};
        if (source.has(stem + S("_epoch")))
            return {source.resolve(stem + S("_epoch")), Unit::EpochNanos};
        if (source.has(stem + S("_ts")))
            return {source.resolve(stem + S("_ts")), Unit::Timestamp};
        return {source.resolve(stem + S("_epoch_millis")), Unit::EpochMillis};
    }

    static QString unitText(Unit unit)
    {
        switch (unit) {
        case Unit::EpochMillis: return Text::tr("epoch ms → UTC");
        case Unit::EpochNanos: return Text::tr("epoch ns → UTC");
        case Unit::Timestamp: break;
        }
        return Text::tr("UTC");
    }

    static std::optional<Read> read(Cells &cells, const Instant &instant)
    {
        if (instant.unit == Unit::Timestamp) {
            const auto micros = cells.micros(instant.handle);
            return micros ? std::optional<Read>(Read{*micros, std::nullopt}) : std::nullopt;
        }
        if (instant.unit == Unit::EpochMillis) {
            const auto micros = cells.epochMillis(instant.handle);
            return micros ? std::optional<Read>(Read{*micros, std::nullopt}) : std::nullopt;
        }
        // Dremio Cloud counts nanoseconds; its documentation's example shows milliseconds in
        // the same columns. The two cannot be confused: 10^14 ns is 1970-01-02, 10^14 ms the
        // year 5138.
        const auto value = cells.count(instant.handle);
        if (!value)
            return std::nullopt;
        if (*value < 100000000000000)
            return Read{*value * 1000, std::nullopt};
        return Read{*value / 1000, *value};
    }

    Instant m_submitted, m_final;
    int m_status = -1;
};

} // namespace

std::unique_ptr<Format> makeDremioFormat()
{
    return std::make_unique<DremioFormat>();
}

} // namespace EngineFormats
