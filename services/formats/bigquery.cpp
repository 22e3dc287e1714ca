#include "formats.h"

#include "mappedformat.h"

#include "../jobstatus.h"
#include "../text.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace EngineFormats {
namespace {

// BigQuery INFORMATION_SCHEMA.JOBS (ENGINE-EXPORTS §2.2), as CSV or bq's JSON.

class BigQueryFormat final : public MappedFormat
{
public:
    QString id() const override { return S("bigquery"); }
    QList<QStringList> required() const override
    {
        return {{S("job_id")}, {S("start_time")}, {S("end_time")}};
    }

protected:
    QString engine() const override { return S("bigquery"); }
    QStringList idColumns() const override { return {S("job_id")}; }
    QList<Mapping> mappings() const override
    {
        return {
            {QueryText, {S("query")}, Kind::RawText, {}},
            {UserName, {S("user_email")}, Kind::Text, {}},
            {Warehouse, {S("reservation_id")}, Kind::Text, {}},
            {DataScanned, {S("total_bytes_processed")}, Kind::Count, S("bytes")},
            {CpuTimeMs, {S("total_slot_ms")}, Kind::Count,
             Text::tr("slot-ms: slot time summed over parallel workers, not wall clock")},
            {CacheHit, {S("cache_hit")}, Kind::Flag, {}},
        };
    }
    Status bindMore(ImportSource &source, Plan &plan) override
    {
        m_hash = source.resolveEach({S("query_info.query_hashes.normalized_literals"), S("normalized_literals"),
                                     S("query_hash")});
        planFingerprint(source, plan, m_hash);
        m_start = source.resolve(S("start_time"));
        m_end = source.resolve(S("end_time"));
        m_state = source.resolve(S("state"));
        m_reason = source.resolve({S("error_result.reason"), S("error_reason")});
        m_errorResult = source.resolve(S("error_result"));
        plan.written.set(StartedAt).set(DurationMs).set(RunStatus);
        plan.conversions << Text::tr("started_at ← start_time (UTC)")
                         << Text::tr("duration_ms ← end_time − start_time (ms, truncated as TIMESTAMP_DIFF does)");
        return success();
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        fingerprint(cells, record, m_hash);
        const auto start = cells.micros(m_start, true);
        const auto end = cells.micros(m_end, true);
        if (cells.error)
            return;
        if (!start)
            return cells.fail(m_start, Text::tr("is empty; the duration is end_time − start_time"));
        if (!end)
            return leaveOutUnfinished(record);
        if (*end < *start)
            return cells.fail(m_end, Text::tr("is before start_time"));
        record.values[StartedAt] = timeValue(start);
        record.values[DurationMs] = double((*end - *start) / 1000); // whole ms, as TIMESTAMP_DIFF

        QString reason = lower(cells.text(m_reason));
        const QString errorResult = cells.text(m_errorResult);
        bool failed = !reason.isEmpty();
        if (!errorResult.isEmpty() && errorResult != QLatin1String("null")) {
            failed = true;
            if (reason.isEmpty())
                reason = lower(QJsonDocument::fromJson(errorResult.toUtf8()).object().value(S("reason")).toString());
        }
        const QString state = lower(cells.text(m_state));
        QString status;
        if (failed)
            status = reason == QLatin1String("stopped") ? JobStatus::Cancelled : JobStatus::Failed;
        else if (state.isEmpty() || state == QLatin1String("done"))
            status = JobStatus::Success;
        else
            status = JobStatus::Running;
        record.values[RunStatus] = status;
    }

private:
    QList<int> m_hash;
    int m_start = -1, m_end = -1, m_state = -1, m_reason = -1, m_errorResult = -1;
};

} // namespace

std::unique_ptr<Format> makeBigQueryFormat()
{
    return std::make_unique<BigQueryFormat>();
}

} // namespace EngineFormats
