#include "formats.h"

#include "mappedformat.h"

#include "../jobstatus.h"
#include "../text.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace EngineFormats {
namespace {

// BigQuery jobs (ENGINE-EXPORTS §2.2), in either of two shapes:
// - INFORMATION_SCHEMA.JOBS rows, as CSV or bq's JSON (job_id, start_time, end_time, …);
// - REST Job resources, as `bq ls -j --all --format=prettyjson` and `bq show -j` write them (an
//   array, one object, or NDJSON): jobReference.jobId is INFORMATION_SCHEMA's job_id, the
//   statistics hold epoch milliseconds as strings, status.errorResult marks a failure.
class BigQueryFormat final : public MappedFormat
{
public:
    QString id() const override { return S("bigquery"); }
    QList<QStringList> required() const override
    {
        return {{S("job_id")}, {S("start_time")}, {S("end_time")}};
    }
    QList<QStringList> requiredOtherwise() const override
    {
        return {{S("jobreference.jobid")}, {S("statistics.creationtime"), S("statistics.starttime")}};
    }
    Status bind(ImportSource &source, Plan &plan) override
    {
        m_jobResource = source.has(S("jobreference.jobid"));
        return MappedFormat::bind(source, plan);
    }

protected:
    QString engine() const override { return S("bigquery"); }
    QStringList idColumns() const override
    {
        return {m_jobResource ? S("jobReference.jobId") : S("job_id")};
    }
    QList<Mapping> mappings() const override
    {
        const QString slotMs = Text::tr("slot-ms: slot time summed over parallel workers, not wall clock");
        if (m_jobResource)
            return {
                {QueryText, {S("configuration.query.query")}, Kind::RawText, {}},
                {UserName, {S("user_email")}, Kind::Text, {}},
                {Warehouse, {S("statistics.reservation_id")}, Kind::Text, {}},
                {DataScanned, {S("statistics.query.totalBytesProcessed"), S("statistics.totalBytesProcessed")},
                 Kind::Count, S("bytes")},
                {PartitionsScanned, {S("statistics.query.totalPartitionsProcessed")}, Kind::Count, {}},
                {CpuTimeMs, {S("statistics.totalSlotMs"), S("statistics.query.totalSlotMs")}, Kind::Count, slotMs},
                {CacheHit, {S("statistics.query.cacheHit")}, Kind::Flag, {}},
            };
        return {
            {QueryText, {S("query")}, Kind::RawText, {}},
            {UserName, {S("user_email")}, Kind::Text, {}},
            {Warehouse, {S("reservation_id")}, Kind::Text, {}},
            {DataScanned, {S("total_bytes_processed")}, Kind::Count, S("bytes")},
            {CpuTimeMs, {S("total_slot_ms")}, Kind::Count, slotMs},
            {CacheHit, {S("cache_hit")}, Kind::Flag, {}},
        };
    }
    Status bindMore(ImportSource &source, Plan &plan) override
    {
        plan.written.set(StartedAt).set(DurationMs).set(RunStatus);
        if (m_jobResource) {
            planFingerprint(source, plan, {});
            m_start = source.resolve(S("statistics.startTime"));
            m_created = source.resolve(S("statistics.creationTime"));
            m_end = source.resolve(S("statistics.endTime"));
            // A jobs.list entry repeats the state and error at its top level.
            m_states = source.resolveEach({S("status.state"), S("state")});
            m_reasons = source.resolveEach({S("status.errorResult.reason"), S("errorResult.reason")});
            m_errorResults = source.resolveEach({S("status.errorResult"), S("errorResult")});
            plan.conversions << Text::tr("started_at ← statistics.startTime, else statistics.creationTime "
                                         "(epoch ms → UTC)")
                             << Text::tr("duration_ms ← statistics.endTime − statistics.startTime (ms)")
                             << Text::tr("status ← status.state and status.errorResult");
            return success();
        }
        m_hash = source.resolveEach({S("query_info.query_hashes.normalized_literals"), S("normalized_literals"),
                                     S("query_hash")});
        planFingerprint(source, plan, m_hash);
        m_start = source.resolve(S("start_time"));
        m_end = source.resolve(S("end_time"));
        m_states = source.resolveEach({S("state")});
        m_reasons = source.resolveEach({S("error_result.reason"), S("error_reason")});
        m_errorResults = source.resolveEach({S("error_result")});
        plan.conversions << Text::tr("started_at ← start_time (UTC)")
                         << Text::tr("duration_ms ← end_time − start_time (ms, truncated as TIMESTAMP_DIFF does)");
        return success();
    }
    void convertMore(Cells &cells, JobRecord &record) override
    {
        if (m_jobResource)
            convertJobResource(cells, record);
        else
            convertJobsView(cells, record);
        if (cells.error || record.jobId.isEmpty())
            return;
        record.values[RunStatus] = status(cells);
    }

private:
    void convertJobsView(Cells &cells, JobRecord &record)
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
    }

    void convertJobResource(Cells &cells, JobRecord &record)
    {
        fingerprint(cells, record, {});
        // A job that failed before it started has a creation time and an end, no start.
        int startColumn = m_start;
        auto start = cells.epochMillis(m_start);
        if (!start && !cells.error) {
            startColumn = m_created;
            start = cells.epochMillis(m_created);
        }
        const auto end = cells.epochMillis(m_end);
        if (cells.error)
            return;
        if (!end)
            return leaveOutUnfinished(record); // PENDING or RUNNING
        if (!start)
            return cells.fail(m_start, Text::tr("is empty; the duration is statistics.endTime − statistics.startTime"));
        if (*end < *start)
            return cells.fail(m_end, Text::tr("is before %1").arg(cells.source().columnName(startColumn)));
        record.values[StartedAt] = timeValue(start);
        record.values[DurationMs] = double(*end - *start) / 1000.0;
    }

    static QString first(Cells &cells, const QList<int> &handles)
    {
        for (const int handle : handles)
            if (QString text = cells.text(handle); !text.isNull())
                return text;
        return {};
    }

    // Failed when the job has an error result ("stopped" is a cancel), else done or still running.
    QString status(Cells &cells) const
    {
        QString reason = lower(first(cells, m_reasons));
        const QString errorResult = first(cells, m_errorResults);
        bool failed = !reason.isEmpty();
        if (!errorResult.isEmpty() && errorResult != QLatin1String("null")) {
            failed = true;
            if (reason.isEmpty())
                reason = lower(QJsonDocument::fromJson(errorResult.toUtf8()).object().value(S("reason")).toString());
        }
        const QString state = lower(first(cells, m_states));
        if (failed)
            return reason == QLatin1String("stopped") ? JobStatus::Cancelled : JobStatus::Failed;
        if (state.isEmpty() || state == QLatin1String("done"))
            return JobStatus::Success;
        return JobStatus::Running;
    }

    bool m_jobResource = false;
    QList<int> m_hash, m_states, m_reasons, m_errorResults;
    int m_start = -1, m_created = -1, m_end = -1;
};

} // namespace

std::unique_ptr<Format> makeBigQueryFormat()
{
    return std::make_unique<BigQueryFormat>();
}

} // namespace EngineFormats
