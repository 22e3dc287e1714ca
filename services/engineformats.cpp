#include "engineformats.h"

#include "database.h"
#include "fieldparser.h"
#include "jobstatus.h"
#include "queryfingerprint.h"
#include "text.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <functional>

namespace EngineFormats {

namespace {

constexpr qsizetype MaxJobIdLength = 1024;

qsizetype characterCount(const QString &text)
{
    return text.size() - std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isLowSurrogate(); });
}

// ---------------------------------------------------------------------------------------
// Reading the cells of a record, with the file, line and column in every error.

class Cells
{
public:
    // `nullMarkers`: an engine export's \N (Snowflake's and Hive's unload default) or NULL
    // stands for an empty cell. Not in our generic format, where only an empty cell is NULL.
    Cells(const ImportSource &source, bool nullMarkers) : m_source(source), m_nullMarkers(nullMarkers) {}

    std::optional<Error> error;

    // The cell as written (query text keeps its spaces); null when absent or empty.
    QString raw(int handle) const
    {
        if (handle < 0)
            return {};
        QString text = cell(handle);
        return text.isEmpty() ? QString() : text;
    }
    // Trimmed; null when absent or blank.
    QString text(int handle) const
    {
        QString value = raw(handle).trimmed();
        return value.isEmpty() ? QString() : value;
    }

    std::optional<qint64> count(int handle)
    {
        if (handle < 0 || error)
            return std::nullopt;
        const auto parsed = FieldParser::integer(cell(handle));
        if (FieldParser::failed(parsed)) {
            error = m_source.errorAt(handle, FieldParser::message(parsed));
            return std::nullopt;
        }
        return FieldParser::value(parsed);
    }

    std::optional<double> nonNegativeReal(int handle)
    {
        if (handle < 0 || error)
            return std::nullopt;
        const auto parsed = FieldParser::real(cell(handle));
        if (FieldParser::failed(parsed)) {
            error = m_source.errorAt(handle, FieldParser::message(parsed));
            return std::nullopt;
        }
        const auto value = FieldParser::value(parsed);
        if (value && *value < 0) {
            error = m_source.errorAt(handle, Text::tr("'%1' is negative; it must be 0 or more")
                                                 .arg(cell(handle).trimmed()));
            return std::nullopt;
        }
        return value;
    }

    // Microseconds since the epoch, UTC. `epochSeconds` also takes a number of seconds (as
    // the bq tool prints TIMESTAMP values in some versions).
    std::optional<qint64> micros(int handle, bool epochSeconds = false)
    {
        if (handle < 0 || error)
            return std::nullopt;
        const QString text = cell(handle);
        const auto parsed = FieldParser::timestampMicros(text);
        if (FieldParser::failed(parsed)) {
            if (epochSeconds) {
                const auto seconds = FieldParser::real(text);
                if (!FieldParser::failed(seconds) && FieldParser::value(seconds)
                    && std::fabs(*FieldParser::value(seconds)) < 1e11)
                    return std::llround(*FieldParser::value(seconds) * 1e6);
            }
            error = m_source.errorAt(handle, FieldParser::message(parsed));
            return std::nullopt;
        }
        return FieldParser::value(parsed);
    }

    std::optional<bool> flag(int handle)
    {
        if (handle < 0 || error)
            return std::nullopt;
        const auto parsed = FieldParser::boolean(cell(handle));
        if (FieldParser::failed(parsed)) {
            error = m_source.errorAt(handle, FieldParser::message(parsed));
            return std::nullopt;
        }
        return FieldParser::value(parsed);
    }

    void fail(int handle, const QString &message)
    {
        if (!error)
            error = m_source.errorAt(handle, message);
    }

    const ImportSource &source() const { return m_source; }

private:
    QString cell(int handle) const
    {
        QString text = m_source.cell(handle);
        if (m_nullMarkers && text.size() <= 6) {
            const QString trimmed = text.trimmed();
            if (trimmed == QLatin1String("\\N") || trimmed.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
                return {};
        }
        return text;
    }

    const ImportSource &m_source;
    bool m_nullMarkers;
};

QVariant nullOf(QMetaType type)
{
    return QVariant(type);
}

QVariant textValue(const QString &text)
{
    return text.isNull() ? nullOf(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant countValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : nullOf(QMetaType::fromType<qint64>());
}

QVariant flagValue(const std::optional<bool> &value)
{
    return value ? QVariant(*value) : nullOf(QMetaType::fromType<bool>());
}

QVariant timeValue(const std::optional<qint64> &micros)
{
    return micros ? Database::toSqlTimestamp(FieldParser::fromMicros(*micros))
                  : nullOf(QMetaType::fromType<QString>());
}

// Rounds a non-negative quantity to a whole number, half away from zero.
std::optional<qint64> rounded(double value)
{
    if (!std::isfinite(value) || std::fabs(value) >= 9.2e18)
        return std::nullopt;
    return std::llround(value);
}

// ---------------------------------------------------------------------------------------
// The shared part of the formats: columns copied with a unit, then a format's own rules.

enum class Kind { Text, RawText, Count, Nanos, Timestamp, Flag };

struct Mapping
{
    Target target;
    QStringList names;
    Kind kind;
    QString unit; // said in the report: "ms", "bytes", …
};

class MappedFormat : public Format
{
public:
    Status bind(ImportSource &source, Plan &plan) override
    {
        m_id = source.resolve(idColumns());
        m_bound.clear();
        // Mappings of one target are alternatives, tried cell by cell in order (an export
        // may fill execution_allocated_bytes on some rows and memory_allocated on others).
        for (const Mapping &mapping : mappings()) {
            const QList<int> handles = source.resolveEach(mapping.names);
            if (handles.isEmpty())
                continue;
            auto bound = std::find_if(m_bound.begin(), m_bound.end(),
                                      [&mapping](const Bound &b) { return b.target == mapping.target; });
            if (bound == m_bound.end()) {
                m_bound.append(Bound{mapping.target, {}});
                bound = m_bound.end() - 1;
                plan.written.set(mapping.target);
            }
            QStringList names;
            for (const int handle : handles) {
                bound->alternatives.append({mapping, handle});
                names << source.columnName(handle);
            }
            plan.conversions << conversionText(mapping, names.join(Text::tr(", else ")));
        }
        plan.written.set(Engine);
        return bindMore(source, plan);
    }

    std::optional<Error> convert(const ImportSource &source, JobRecord &record) override
    {
        Cells cells(source, readsNullMarkers());
        record.jobId = cells.text(m_id);
        if (record.jobId.isEmpty())
            return source.errorAt(m_id, Text::tr("is empty; every job needs an ID"));
        // Characters as the database counts them (code points), not UTF-16 units.
        if (const qsizetype length = characterCount(record.jobId); length > MaxJobIdLength)
            return source.errorAt(m_id, Text::tr("is %1 characters long; at most %2 are allowed")
                                            .arg(length)
                                            .arg(MaxJobIdLength));
        for (auto &value : record.values)
            value = QVariant();
        record.values[Engine] = engine();
        for (const Bound &bound : std::as_const(m_bound)) {
            QVariant &value = record.values[bound.target];
            for (const auto &[mapping, handle] : bound.alternatives) {
                value = read(cells, mapping.kind, handle);
                if (cells.error)
                    return cells.error;
                if (!value.isNull())
                    break;
            }
        }
        convertMore(cells, record);
        return cells.error;
    }

    Result<QList<JobRecord>> finish(Plan &plan, qint64 &skipped) override
    {
        if (m_unfinished > 0) {
            skipped += m_unfinished;
            plan.notes << Text::tr("unfinished jobs left out (no end time yet, so no duration): %1")
                              .arg(m_unfinished);
        }
        return QList<JobRecord>();
    }

protected:
    // Engine exports may write NULL as \N or NULL (unload defaults).
    virtual bool readsNullMarkers() const { return true; }
    virtual QString engine() const = 0;
    virtual QStringList idColumns() const = 0;
    virtual QList<Mapping> mappings() const = 0;
    virtual Status bindMore(ImportSource &source, Plan &plan) = 0;
    virtual void convertMore(Cells &cells, JobRecord &record) = 0;

    static QString conversionText(const Mapping &mapping, const QString &column)
    {
        QString text = columnName(mapping.target) + QStringLiteral(" ← ") + column;
        if (mapping.kind == Kind::Nanos)
            return text + Text::tr(" (ns ÷ 1,000,000, rounded)");
        if (mapping.kind == Kind::Timestamp)
            return text + Text::tr(" (converted to UTC)");
        if (!mapping.unit.isEmpty())
            return text + QStringLiteral(" (") + mapping.unit + u')';
        return text;
    }

    // A job with no end yet (BigQuery RUNNING, Dremio's final state 0) has no duration, so it
    // gives no job; the report says how many. An export taken while queries run always holds
    // some (INFORMATION_SCHEMA.JOBS lists the exporting query itself), so it is no error.
    void leaveOutUnfinished(JobRecord &record)
    {
        ++m_unfinished;
        record.jobId.clear();
    }

    // The fingerprint: the engine's own when it has one, else ours of the query text.
    static void fingerprint(Cells &cells, JobRecord &record, const QList<int> &engineHashes)
    {
        QString hash;
        for (const int handle : engineHashes)
            if (hash = cells.text(handle); !hash.isNull())
                break;
        if (hash.isNull() && record.values[QueryText].isValid() && !record.values[QueryText].isNull())
            hash = QueryFingerprint::of(record.values[QueryText].toString());
        record.values[QueryHash] = textValue(hash.isEmpty() ? QString() : hash);
    }

    static void planFingerprint(ImportSource &source, Plan &plan, const QList<int> &engineHashes)
    {
        if (!engineHashes.isEmpty()) {
            QStringList names;
            for (const int handle : engineHashes)
                names << source.columnName(handle);
            plan.written.set(QueryHash);
            plan.conversions << Text::tr("query_hash ← %1 (the engine's fingerprint), else our "
                                         "fingerprint of the normalized query text")
                                    .arg(names.join(QStringLiteral(", else ")));
        } else if (plan.written.test(QueryText)) {
            plan.written.set(QueryHash);
            plan.conversions << Text::tr("query_hash ← our fingerprint of the normalized query text");
        }
    }

    static QVariant read(Cells &cells, Kind kind, int handle)
    {
        switch (kind) {
        case Kind::Text:
            return textValue(cells.text(handle));
        case Kind::RawText:
            return textValue(cells.raw(handle));
        case Kind::Count:
            return countValue(cells.count(handle));
        case Kind::Nanos: {
            const auto nanos = cells.count(handle);
            return countValue(nanos ? std::optional<qint64>(*nanos / 1000000 + (*nanos % 1000000 >= 500000 ? 1 : 0))
                                    : std::nullopt);
        }
        case Kind::Timestamp:
            return timeValue(cells.micros(handle));
        case Kind::Flag:
            return flagValue(cells.flag(handle));
        }
        return {};
    }

    struct Bound
    {
        Target target;
        QList<std::pair<Mapping, int>> alternatives;
    };

    int m_id = -1;
    QList<Bound> m_bound;
    qint64 m_unfinished = 0;
};

QString lower(const QString &text)
{
    return text.trimmed().toLower();
}

// An engine's status word in our vocabulary (JobStatus): its word for success, its words for
// a failure (a cancel when `failureWasCancel`: some engines only tell it by an error code) and
// for a cancel; any other word is a job that had not finished. Null for an empty cell.
QString engineStatus(const QString &cell, QLatin1String success, std::initializer_list<QLatin1String> failed,
                     bool failureWasCancel = false)
{
    const QString word = lower(cell);
    if (word.isEmpty())
        return {};
    if (word == success)
        return JobStatus::Success;
    if (word == QLatin1String("canceled") || word == QLatin1String("cancelled"))
        return JobStatus::Cancelled;
    for (const QLatin1String failure : failed)
        if (word == failure)
            return failureWasCancel ? JobStatus::Cancelled : JobStatus::Failed;
    return JobStatus::Running;
}

// ---------------------------------------------------------------------------------------
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
            {DurationMs, {QStringLiteral("duration_ms")}, Kind::Count, {}},
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


QString S(const char *text)
{
    return QString::fromUtf8(text);
}

// ---------------------------------------------------------------------------------------
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
            {DurationMs, {S("total_elapsed_time")}, Kind::Count, S("ms")},
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

// ---------------------------------------------------------------------------------------
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
        record.values[DurationMs] = (*end - *start) / 1000;

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

// ---------------------------------------------------------------------------------------
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
        record.values[DurationMs] = (*end - *start) / 1000;
        if (m_status >= 0) {
            record.values[RunStatus] =
                textValue(engineStatus(cells.text(m_status), QLatin1String("completed"), {QLatin1String("failed")}));
        }
    }

private:
    int m_submittedMillis = -1, m_submittedTs = -1, m_finalMillis = -1, m_finalTs = -1, m_status = -1;
};

// ---------------------------------------------------------------------------------------
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
            {DurationMs, {S("total_duration_ms")}, Kind::Count, S("ms")},
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

// ---------------------------------------------------------------------------------------
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
            {DurationMs, {S("wall_time_millis")}, Kind::Count, S("ms")},
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

// ---------------------------------------------------------------------------------------
// PostgreSQL pg_stat_statements snapshots (ENGINE-EXPORTS §2.5): cumulative counters, so one
// job per queryid and snapshot, its metrics the per-call means.

class PgStatStatementsFormat final : public Format
{
public:
    QString id() const override { return S("pg_stat_statements"); }
    QList<QStringList> required() const override
    {
        return {{S("queryid")}, {S("calls")}, {S("total_exec_time"), S("total_time")}};
    }
    bool aggregates() const override { return true; }

    Status bind(ImportSource &source, Plan &plan) override
    {
        ++m_file;
        m_paths << source.path();
        m_queryId = source.resolve(S("queryid"));
        m_calls = source.resolve(S("calls"));
        m_total = source.resolve({S("total_exec_time"), S("total_time")});
        m_rows = source.resolve(S("rows"));
        m_hit = source.resolve(S("shared_blks_hit"));
        m_read = source.resolve(S("shared_blks_read"));
        m_query = source.resolve(S("query"));
        m_user = source.resolve({S("usename"), S("rolname"), S("userid")});
        m_database = source.resolve({S("datname"), S("dbid")});
        m_snapshot = source.resolve({S("snapshot_time"), S("snapshot_at"), S("captured_at"), S("collected_at"),
                                     S("snapshot"), S("now")});
        m_fileTime = QFileInfo(source.path()).lastModified().toUTC();
        m_fileTime = m_fileTime.addMSecs(-m_fileTime.time().msec());
        if (m_snapshot < 0)
            m_fileTimeUsed << QFileInfo(source.path()).fileName();

        plan.written.set(Engine).set(StartedAt).set(DurationMs).set(RunStatus).set(QueryHash);
        if (m_query >= 0)
            plan.written.set(QueryText);
        if (m_user >= 0)
            plan.written.set(UserName);
        if (m_database >= 0)
            plan.written.set(Warehouse);
        if (m_rows >= 0)
            plan.written.set(RowsReturned);
        if (m_hit >= 0 && m_read >= 0)
            plan.written.set(DataScanned);
        const QString total = source.columnName(m_total);
        if (m_file == 1) {
            plan.conversions << Text::tr("duration_ms ← %1 ÷ calls (ms per call, rounded)").arg(total)
                             << Text::tr("query_hash ← queryid");
            if (m_rows >= 0)
                plan.conversions << Text::tr("rows_returned ← rows ÷ calls (rounded)");
            if (m_hit >= 0 && m_read >= 0)
                plan.conversions << Text::tr("data_scanned ← (shared_blks_hit + shared_blks_read) × 8192 ÷ calls "
                                             "(8 KiB blocks → bytes per call)");
        }
        return success();
    }

    std::optional<Error> convert(const ImportSource &source, JobRecord &record) override
    {
        record.jobId.clear();
        Cells cells(source, true);
        const QString queryId = cells.text(m_queryId);
        if (queryId.isEmpty())
            return source.errorAt(m_queryId, Text::tr("is empty; every statement needs a queryid"));
        Counters row;
        row.calls = cells.count(m_calls).value_or(0);
        row.totalMs = cells.nonNegativeReal(m_total).value_or(0);
        row.rows = cells.count(m_rows);
        const auto hit = cells.count(m_hit);
        const auto read = cells.count(m_read);
        std::optional<qint64> snapshot;
        if (m_snapshot >= 0) {
            snapshot = cells.micros(m_snapshot);
            if (!cells.error && !snapshot)
                cells.fail(m_snapshot, Text::tr("is empty; every row needs its snapshot time"));
        }
        if (cells.error)
            return cells.error;
        if (row.totalMs >= 9.2e18)
            return source.errorAt(m_total, Text::tr("%1 ms is beyond the range of a duration").arg(row.totalMs));
        if (hit && read) {
            qint64 blocks = 0;
            if (__builtin_add_overflow(*hit, *read, &blocks))
                return source.errorAt(m_read, Text::tr("shared_blks_hit + shared_blks_read is beyond the 64-bit range"));
            row.blocks = blocks;
        }
        const qint64 when = snapshot ? *snapshot : m_fileTime.toMSecsSinceEpoch() * 1000;
        Statement &statement = m_statements[{m_file, when}][queryId];
        if (!statement.counters.add(row))
            return source.errorAt(m_calls, Text::tr("the sum over the rows of queryid %1 is beyond the 64-bit range")
                                               .arg(queryId));
        merge(statement.user, cells.text(m_user), statement.userMixed);
        merge(statement.database, cells.text(m_database), statement.databaseMixed);
        if (statement.query.isEmpty())
            statement.query = cells.raw(m_query);
        m_snapshotsOfFile[m_file].insert(when);
        return std::nullopt;
    }

    Result<QList<JobRecord>> finish(Plan &plan, qint64 &skipped) override
    {
        QList<JobRecord> jobs;
        if (!m_fileTimeUsed.isEmpty())
            plan.notes << Text::tr("%1 has no snapshot_time column: the snapshot time is the file's modification time")
                              .arg(m_fileTimeUsed.join(S(", ")));
        if (m_file == 1) {
            plan.notes << Text::tr("pg_stat_statements: metrics are per-call means of the cumulative counters of each "
                                   "snapshot (since the statistics were last reset); give two snapshot files to "
                                   "measure the interval between them");
            for (auto it = m_statements.cbegin(); it != m_statements.cend(); ++it)
                for (auto statement = it->cbegin(); statement != it->cend(); ++statement) {
                    if (statement->counters.calls <= 0) {
                        ++skipped;
                        continue;
                    }
                    jobs << job(statement.key(), *statement, statement->counters, it.key().second, it.key().second);
                }
            if (skipped)
                plan.notes << Text::tr("%1 statements had no calls and gave no job").arg(skipped);
            return jobs;
        }
        // Two snapshots: the earlier is the baseline.
        for (int file = 1; file <= 2; ++file)
            if (m_snapshotsOfFile.value(file).size() != 1)
                return Error::invalidInput(Text::tr("%1: holds %2 snapshot times; with two files, each must be one "
                                                    "snapshot")
                                               .arg(m_paths.at(file - 1))
                                               .arg(m_snapshotsOfFile.value(file).size()));
        const qint64 first = *m_snapshotsOfFile.value(1).cbegin();
        const qint64 second = *m_snapshotsOfFile.value(2).cbegin();
        if (first == second)
            return Error::invalidInput(Text::tr("%1 and %2: both snapshots were taken at %3; give two different snapshots")
                                           .arg(m_paths.at(0), m_paths.at(1),
                                                FieldParser::fromMicros(first).toString(Qt::ISODate)));
        const int earlierFile = first < second ? 1 : 2;
        const int laterFile = 3 - earlierFile;
        const qint64 earlier = std::min(first, second);
        const qint64 later = std::max(first, second);
        const auto &before = m_statements.value({earlierFile, earlier});
        const auto &after = m_statements.value({laterFile, later});
        qint64 resets = 0;
        for (auto statement = after.cbegin(); statement != after.cend(); ++statement) {
            Counters delta = statement->counters;
            const auto previous = before.constFind(statement.key());
            if (previous != before.cend()) {
                if (statement->counters.calls < previous->counters.calls
                    || statement->counters.totalMs < previous->counters.totalMs) {
                    ++resets; // the counters were reset between the snapshots: the later ones alone
                } else {
                    delta.subtract(previous->counters);
                }
            }
            if (delta.calls <= 0) {
                ++skipped;
                continue;
            }
            jobs << job(statement.key(), *statement, delta, earlier, later);
        }
        plan.notes << Text::tr("pg_stat_statements: metrics are per-call means of the change between the snapshots "
                               "of %1 and %2 (%3 → %4)")
                          .arg(QFileInfo(m_paths.at(earlierFile - 1)).fileName(),
                               QFileInfo(m_paths.at(laterFile - 1)).fileName(),
                               FieldParser::fromMicros(earlier).toString(Qt::ISODate),
                               FieldParser::fromMicros(later).toString(Qt::ISODate));
        if (skipped)
            plan.notes << Text::tr("%1 statements had no calls between the snapshots and gave no job").arg(skipped);
        if (resets)
            plan.notes << Text::tr("%1 statements were reset between the snapshots; their later counters were used as "
                                   "they are")
                              .arg(resets);
        return jobs;
    }

private:
    struct Counters
    {
        qint64 calls = 0;
        double totalMs = 0;
        std::optional<qint64> rows;
        std::optional<qint64> blocks;

        // Checked: false when a sum leaves the 64-bit range.
        static bool addTo(std::optional<qint64> &sum, const std::optional<qint64> &value, bool subtract)
        {
            if (!value)
                return true;
            qint64 result = 0;
            const bool overflow = subtract ? __builtin_sub_overflow(sum.value_or(0), *value, &result)
                                           : __builtin_add_overflow(sum.value_or(0), *value, &result);
            sum = result;
            return !overflow;
        }
        bool add(const Counters &other)
        {
            totalMs += other.totalMs;
            return !__builtin_add_overflow(calls, other.calls, &calls) && addTo(rows, other.rows, false)
                   && addTo(blocks, other.blocks, false) && std::isfinite(totalMs);
        }
        // Only called with a later snapshot whose counters are not below the earlier ones.
        void subtract(const Counters &other)
        {
            calls -= other.calls;
            totalMs -= other.totalMs;
            addTo(rows, other.rows, true);
            addTo(blocks, other.blocks, true);
        }
    };
    struct Statement
    {
        Counters counters;
        QString user, database, query;
        bool userMixed = false, databaseMixed = false;
    };

    static void merge(QString &kept, const QString &value, bool &mixed)
    {
        if (kept.isNull())
            kept = value;
        else if (kept != value)
            mixed = true;
    }

    JobRecord job(const QString &queryId, const Statement &statement, const Counters &counters,
                  qint64 startedMicros, qint64 snapshotMicros) const
    {
        JobRecord record;
        record.jobId = S("pgss:%1@%2").arg(queryId,
                                           FieldParser::fromMicros(snapshotMicros).toString(S("yyyy-MM-ddTHH:mm:ssZ")));
        record.values[Engine] = S("postgres");
        record.values[QueryText] = textValue(statement.query);
        record.values[QueryHash] = queryId;
        record.values[UserName] = textValue(statement.userMixed ? QString() : statement.user);
        record.values[Warehouse] = textValue(statement.databaseMixed ? QString() : statement.database);
        record.values[StartedAt] = timeValue(startedMicros);
        record.values[DurationMs] = countValue(rounded(std::max(0.0, counters.totalMs) / double(counters.calls)));
        record.values[RunStatus] = JobStatus::Success;
        if (m_rows >= 0)
            record.values[RowsReturned] = countValue(
                counters.rows ? rounded(double(std::max<qint64>(0, *counters.rows)) / double(counters.calls))
                              : std::nullopt);
        if (m_hit >= 0 && m_read >= 0)
            record.values[DataScanned] = countValue(
                counters.blocks
                    ? rounded(double(std::max<qint64>(0, *counters.blocks)) * 8192.0 / double(counters.calls))
                    : std::nullopt);
        return record;
    }

    int m_file = 0;
    QStringList m_paths;
    QStringList m_fileTimeUsed;
    QDateTime m_fileTime;
    int m_queryId = -1, m_calls = -1, m_total = -1, m_rows = -1, m_hit = -1, m_read = -1, m_query = -1,
        m_user = -1, m_database = -1, m_snapshot = -1;
    // (file, snapshot µs) -> queryid -> summed counters; QMap keeps snapshots in time order.
    QMap<std::pair<int, qint64>, QMap<QString, Statement>> m_statements;
    QHash<int, QSet<qint64>> m_snapshotsOfFile;
};

} // namespace

QString columnName(Target target)
{
    static const char *const names[TargetCount] = {
        "query_text", "query_hash", "engine", "user_name", "warehouse", "warehouse_size", "started_at",
        "duration_ms", "status", "cache_hit", "memory_allocated", "data_scanned", "rows_scanned",
        "rows_returned", "partitions_scanned", "cpu_time_ms"};
    return QString::fromLatin1(names[target]);
}

bool isProfileColumn(Target target)
{
    return target >= FirstProfileColumn;
}

QStringList ids()
{
    return {S("generic"), S("snowflake"), S("bigquery"), S("dremio"), S("databricks"), S("pg_stat_statements"),
            S("trino")};
}

std::unique_ptr<Format> create(const QString &id)
{
    const QString name = id.trimmed().toLower();
    if (name == QLatin1String("generic"))
        return std::make_unique<GenericFormat>();
    if (name == QLatin1String("snowflake"))
        return std::make_unique<SnowflakeFormat>();
    if (name == QLatin1String("bigquery"))
        return std::make_unique<BigQueryFormat>();
    if (name == QLatin1String("dremio"))
        return std::make_unique<DremioFormat>();
    if (name == QLatin1String("databricks"))
        return std::make_unique<DatabricksFormat>();
    if (name == QLatin1String("pg_stat_statements") || name == QLatin1String("postgres"))
        return std::make_unique<PgStatStatementsFormat>();
    if (name == QLatin1String("trino"))
        return std::make_unique<TrinoFormat>();
    return nullptr;
}

bool matches(const Format &format, const QStringList &columns)
{
    for (const QStringList &group : format.required()) {
        bool found = false;
        for (const QString &name : group)
            found = found || columns.contains(name);
        if (!found)
            return false;
    }
    return true;
}

QString describeRequired(const Format &format)
{
    QStringList groups;
    for (const QStringList &group : format.required())
        groups << group.join(Text::tr(" or "));
    return groups.join(S(", "));
}

Result<QString> detect(const ImportSource &source)
{
    const QStringList columns = source.columns();
    QStringList candidates;
    QStringList expected;
    for (const QString &id : ids()) {
        const auto format = create(id);
        if (matches(*format, columns))
            candidates << id;
        expected << S("%1 (%2)").arg(id, describeRequired(*format));
    }
    if (candidates.size() == 1)
        return candidates.first();
    if (candidates.isEmpty()) {
        const QString where = source.columnsOrigin();
        // One field holding another separator: the file is not comma-separated.
        if (columns.size() == 1) {
            for (const char separator : {';', '\t', '|'}) {
                if (columns.first().contains(QLatin1Char(separator)))
                    return Error::invalidInput(
                        Text::tr("%1:1: the header has one field '%2': is the file separated by %3 instead of "
                                 "commas? Save it comma-separated")
                            .arg(source.path(), source.columnNameAt(0).left(80),
                                 separator == '\t' ? Text::tr("tabs") : S("'%1'").arg(QLatin1Char(separator))));
            }
        }
        // A header that has part of one format's columns is most likely that format missing one.
        double best = 0;
        QStringList nearest;
        for (const QString &id : ids()) {
            const auto format = create(id);
            const QList<QStringList> groups = format->required();
            qsizetype found = 0;
            for (const QStringList &group : groups)
                for (const QString &name : group)
                    if (columns.contains(name)) {
                        ++found;
                        break;
                    }
            const double share = double(found) / double(groups.size());
            if (share > best + 1e-9) {
                best = share;
                nearest = {id};
            } else if (share > 0 && std::fabs(share - best) < 1e-9) {
                nearest << id;
            }
        }
        if (nearest.size() == 1) {
            const auto format = create(nearest.first());
            for (const QStringList &group : format->required()) {
                bool found = false;
                for (const QString &name : group)
                    found = found || columns.contains(name);
                if (!found)
                    return Error::invalidInput(Text::tr("%1:1: column '%2': required column is missing from %3 "
                                                        "(the %4 format needs %5; for another format, name it "
                                                        "with --format)")
                                                   .arg(source.path(), group.join(Text::tr("' or '")), where,
                                                        format->id(), describeRequired(*format)));
            }
        }
        return Error::invalidInput(Text::tr("%1: unknown format: %2 fits none of the formats we read. Expected "
                                            "the columns of one of: %3. Name the format with --format if it is one "
                                            "of these.")
                                       .arg(source.path(), where, expected.join(S("; "))));
    }
    return Error::invalidInput(Text::tr("%1: the header fits more than one format (%2); choose one with --format")
                                   .arg(source.path(), candidates.join(S(", "))));
}

} // namespace EngineFormats
