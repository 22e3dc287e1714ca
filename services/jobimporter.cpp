#include "jobimporter.h"

#include "batchinserter.h"
#include "engineformats.h"
#include "importsource.h"
#include "jobrepository.h"
#include "sqlitefile.h"
#include "suspendedindexes.h"
#include "text.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

using namespace EngineFormats;

namespace {

constexpr qsizetype ListedInReport = 1000; // rejected records and cache hits named one by one

// The sources of an import with their format and what it writes: everything known before
// the first record is converted.
struct Reading
{
    std::vector<std::unique_ptr<ImportSource>> sources;
    std::unique_ptr<Format> format;
    Plan plan;
    ImportReport report;
};

Result<Reading> prepare(const QStringList &paths, QIODevice *device, const ImportOptions &options)
{
    if (paths.isEmpty())
        return Error::invalidInput(Text::tr("No file to import"));
    if (paths.size() > 2)
        return Error::invalidInput(Text::tr("At most two files (two pg_stat_statements snapshots) "
                                            "are imported at once"));
    Reading reading;
    for (const QString &path : paths) {
        if (Status input = SqliteFile::checkInput(path); !input)
            return input.error();
        auto source = ImportSource::open(path, device);
        if (!source)
            return source.error();
        reading.sources.push_back(std::move(*source));
    }
    ImportSource &first = *reading.sources.front();

    const QString requested = options.format.trimmed().toLower();
    QString id;
    if (requested.isEmpty() || requested == QLatin1String("auto")) {
        const auto detected = detect(first);
        if (!detected)
            return detected.error();
        id = *detected;
        reading.report.formatDetection = Text::tr("detected from %1").arg(first.columnsOrigin());
    } else {
        if (!create(requested))
            return Error::invalidInput(Text::tr("Unknown format '%1'; say auto or one of: %2")
                                           .arg(options.format, ids().join(QStringLiteral(", "))));
        id = requested == QLatin1String("postgres") ? QStringLiteral("pg_stat_statements") : requested;
        reading.report.formatDetection = Text::tr("named with --format");
    }
    reading.format = create(id);
    if (!options.snapshotTimes.isEmpty() && !reading.format->takesSnapshotTimes())
        return Error::invalidInput(Text::tr("%1: a snapshot time names a pg_stat_statements dump; this file is a %2 "
                                            "export")
                                       .arg(paths.first(), id));
    reading.format->configure(options);
    if (paths.size() > 1 && !reading.format->aggregates())
        return Error::invalidInput(Text::tr("%1 and %2: only pg_stat_statements snapshots are imported "
                                            "two files at once; import %3 files one by one")
                                       .arg(paths.at(0), paths.at(1), id));
    for (const auto &source : reading.sources) {
        if (!matches(*reading.format, source->columns()))
            return Error::invalidInput(Text::tr("%1: %2 lacks the columns of the %3 format: it needs %4")
                                           .arg(source->path(), source->columnsOrigin(), id,
                                                describeRequired(*reading.format)));
    }
    ImportReport &report = reading.report;
    report.file = paths.last();
    report.files = paths;
    report.format = id;
    return reading;
}

// Keeps what the report needs to know per distinct job, in 8 bytes of key per job.
class JobTally
{
public:
    enum : quint8 { Seen = 1, Written = 2, Cached = 4 };

    // Returns whether the job was already seen in this import.
    bool see(const QString &jobId, bool cached)
    {
        quint8 &flags = m_flags[key(jobId)];
        const bool duplicate = flags & Seen;
        flags = quint8((flags | Seen) & ~Cached) | (cached ? Cached : 0); // the last row wins
        return duplicate;
    }
    void written(const QVariant &jobId)
    {
        const quint64 hashed = jobId.typeId() == QMetaType::QByteArray
                                   ? quint64(qHash(*static_cast<const QByteArray *>(jobId.constData()), Seed))
                                   : key(jobId.toString());
        m_flags[hashed] |= Written;
    }

    qint64 distinct() const { return m_flags.size(); }
    qint64 count(quint8 flag) const
    {
        qint64 n = 0;
        for (const quint8 flags : m_flags)
            n += (flags & flag) ? 1 : 0;
        return n;
    }

private:
    static constexpr size_t Seed = size_t(0x9E3779B97F4A7C15ull);
    static quint64 key(const QString &jobId) { return quint64(qHash(QStringView(jobId), Seed)); }
    QHash<quint64, quint8> m_flags;
};

using Sink = std::function<Status(const JobRecord &record)>;

// Reading and converting runs on a thread of its own while this one writes: the two take
// about as long each, and the machine has two cores. Batches of records pass through a short
// queue; either side stops the other on an error or a cancel.
class Pipeline
{
public:
    struct Rows
    {
        QVariantList query;
        QVariantList profile;
    };
    using Batch = std::vector<Rows>;
    static constexpr size_t BatchSize = 2048;
    static constexpr size_t QueueLength = 8;

    // Producer side: false when the consumer has stopped.
    bool push(Batch &&batch)
    {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_queue.size() < QueueLength || m_stopped; });
        if (m_stopped)
            return false;
        m_queue.push_back(std::move(batch));
        m_ready.notify_one();
        return true;
    }
    void finish(Status status)
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_status = std::move(status);
        m_ready.notify_one();
    }
    bool stopped() const { return m_stopped.load(); }

    // Consumer side: the next batch, or nothing at the end.
    std::optional<Batch> pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_queue.empty() || m_finished; });
        if (m_queue.empty())
            return std::nullopt;
        Batch batch = std::move(m_queue.front());
        m_queue.pop_front();
        m_space.notify_one();
        return batch;
    }
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_space.notify_all();
    }
    // The producer's outcome, once pop() returned nothing.
    Status status() const { return m_status; }

    std::atomic<qint64> bytesRead{0};

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_space;
    std::deque<Batch> m_queue;
    std::atomic<bool> m_stopped{false};
    bool m_finished = false;
    Status m_status = success();
};

// Reads every record of every source, converts it and gives it to `sink`; counts, rejects
// (with skipInvalid) and reports progress.
Status readAll(Reading &reading, const ImportOptions &options, JobTally &tally, const Sink &sink)
{
    ImportReport &report = reading.report;
    qint64 totalBytes = 0;
    for (const auto &source : reading.sources)
        totalBytes += source->totalBytes();

    auto reject = [&report, &options](const Error &error, qint64 line) -> Status {
        if (!options.skipInvalid)
            return error;
        ++report.rejected;
        if (report.rejectedRecords.size() < ListedInReport)
            report.rejectedRecords.append({line, error.message});
        return success();
    };
    auto take = [&](const JobRecord &record) -> Status {
        const QVariant &cached = record.values[CacheHit];
        const bool isCached = cached.isValid() && !cached.isNull() && cached.toBool();
        if (tally.see(record.jobId, isCached))
            ++report.duplicates;
        if (isCached && report.cacheHitJobs.size() < ListedInReport && !report.cacheHitJobs.contains(record.jobId))
            report.cacheHitJobs << record.jobId;
        return sink(record);
    };

    qint64 bytesBefore = 0;
    for (const auto &source : reading.sources) {
        if (Status bound = reading.format->bind(*source, reading.plan); !bound)
            return bound;
        JobRecord record;
        for (;;) {
            const ImportSource::Next next = source->next();
            if (next == ImportSource::Next::End)
                break;
            ++report.rowsRead;
            if (next == ImportSource::Next::Invalid) {
                if (Status rejected = reject(source->invalidRecord(), source->line()); !rejected)
                    return rejected;
            } else if (const auto error = reading.format->convert(*source, record)) {
                if (Status rejected = reject(*error, source->line()); !rejected)
                    return rejected;
            } else if (!record.jobId.isEmpty()) {
                if (Status taken = take(record); !taken)
                    return taken;
            }
            // More often than a batch fills, so that the first batch written already knows
            // how far the reading got.
            if (options.progress && report.rowsRead % 1024 == 0
                && !options.progress(bytesBefore + source->bytesRead(), totalBytes))
                return Error::canceled();
        }
        bytesBefore += source->totalBytes();
        if (report.rowsRead == 0)
            return Error::invalidInput(Text::tr("%1: the file has a header but no jobs").arg(source->path()));
    }
    // The jobs of an aggregating format, and what every format did with the records that gave
    // no job of their own.
    RecordCounts counts;
    const auto records = reading.format->finish(reading.plan, counts);
    if (!records)
        return records.error();
    report.skipped += counts.skipped;
    report.duplicates += counts.repeated;
    report.merged += counts.merged;
    for (const JobRecord &record : *records)
        if (Status taken = take(record); !taken)
            return taken;
    if (report.rejected > 0 && report.rejected == report.rowsRead)
        return Error::invalidInput(Text::tr("%1: every one of the %2 records was rejected; the first: %3")
                                       .arg(report.file)
                                       .arg(report.rowsRead)
                                       .arg(report.rejectedRecords.first().message));
    report.conversions = reading.plan.conversions;
    report.notes = reading.plan.notes;
    report.cacheHits = tally.count(JobTally::Cached);
    if (reading.format->id() == QLatin1String("generic")) {
        static const QStringList known{
            QStringLiteral("job_id"),       QStringLiteral("query_text"),      QStringLiteral("query_hash"),
            QStringLiteral("engine"),       QStringLiteral("user_name"),       QStringLiteral("warehouse"),
            QStringLiteral("warehouse_size"), QStringLiteral("started_at"),    QStringLiteral("duration_ms"),
            QStringLiteral("status"),       QStringLiteral("cache_hit"),       QStringLiteral("memory_allocated"),
            QStringLiteral("data_scanned"), QStringLiteral("rows_scanned"),    QStringLiteral("rows_returned"),
            QStringLiteral("partitions_scanned"), QStringLiteral("cpu_time_ms")};
        const ImportSource &source = *reading.sources.front();
        const QStringList columns = source.columns();
        for (qsizetype i = 0; i < columns.size(); ++i)
            if (!known.contains(columns.at(i)))
                report.ignoredColumns << source.columnNameAt(i); // as the file writes it
    }
    return success();
}

// "a = excluded.a, b = excluded.b" and the condition that something differs, so that an
// unchanged row is not rewritten and not counted as updated.
QString upsertTail(const QString &table, const QStringList &columns, bool postgres)
{
    QStringList assignments;
    QStringList current;
    QStringList incoming;
    QStringList differs;
    for (const QString &column : columns) {
        assignments << column + QStringLiteral(" = excluded.") + column;
        current << table + u'.' + column;
        incoming << QStringLiteral("excluded.") + column;
        differs << QStringLiteral("%1.%2 IS NOT excluded.%2").arg(table, column);
    }
    const QString condition = postgres ? QStringLiteral("(%1) IS DISTINCT FROM (%2)")
                                             .arg(current.join(QStringLiteral(", ")), incoming.join(QStringLiteral(", ")))
                                       : differs.join(QStringLiteral(" OR "));
    return QStringLiteral("ON CONFLICT (job_id) DO UPDATE SET %1 WHERE %2")
        .arg(assignments.join(QStringLiteral(", ")), condition);
}

} // namespace

Result<ImportReport> JobImporter::check(QIODevice *device, const QString &path, const ImportOptions &options)
{
    auto reading = prepare({path}, device, options);
    if (!reading)
        return reading.error();
    JobTally tally;
    if (Status read = readAll(*reading, options, tally, [](const JobRecord &) { return success(); }); !read)
        return read.error();
    reading->report.inserted = tally.distinct();
    return reading->report;
}

Result<ImportReport> JobImporter::importFiles(const QStringList &paths, const ImportOptions &options) const
{
    auto prepared = prepare(paths, nullptr, options);
    if (!prepared)
        return prepared.error();
    Reading &reading = *prepared;

    // What this import writes is known once the sources are bound; aggregating formats bind
    // as they read, so a fresh instance of the format binds the open sources first, only to
    // learn the columns (binding reads nothing).
    Plan columns;
    const auto probe = create(reading.format->id());
    for (const auto &source : reading.sources)
        if (Status bound = probe->bind(*source, columns); !bound)
            return bound.error();
    const std::bitset<TargetCount> written = columns.written;
    const std::bitset<TargetCount> insertOnly = columns.insertOnly;
    QList<Target> queryTargets, insertTargets, profileTargets;
    QStringList queryColumns{QStringLiteral("job_id")}, updateColumns, profileColumns;
    for (int t = 0; t < TargetCount; ++t) {
        const auto target = Target(t);
        if (written.test(t) && !isProfileColumn(target)) {
            queryTargets << target;
            queryColumns << columnName(target);
            updateColumns << columnName(target);
        } else if (written.test(t)) {
            profileTargets << target;
            profileColumns << columnName(target);
        } else if (insertOnly.test(t)) {
            insertTargets << target;
        }
    }
    for (const Target target : std::as_const(insertTargets))
        queryColumns << columnName(target);

    const bool postgres = m_database.isPostgres();
    JobTally read;    // the reading thread's: jobs seen, cache hits
    JobTally changed; // this thread's: jobs the database inserted or changed
    // Profiles always follow their job in the same import, so their foreign key holds by
    // construction and needs no lookup per row.
    const Database::BulkWriteScope bulk(m_database, Database::BulkWriteScope::Trust::GeneratedRows);
    BatchInserter queries(m_database,
                          QStringLiteral("INSERT INTO queries (%1)").arg(queryColumns.join(QStringLiteral(", "))),
                          int(queryColumns.size()), upsertTail(QStringLiteral("queries"), updateColumns, postgres), 0);
    queries.setOnWritten(QStringLiteral("job_id"), [&changed](const QVariant &key) { changed.written(key); });
    std::optional<BatchInserter> profiles;
    if (!profileColumns.isEmpty()) {
        profiles.emplace(m_database,
                         QStringLiteral("INSERT INTO profiles (job_id, %1)").arg(profileColumns.join(QStringLiteral(", "))),
                         int(profileColumns.size()) + 1,
                         upsertTail(QStringLiteral("profiles"), profileColumns, postgres), 0);
        profiles->setDependsOn(&queries);
        profiles->setOnWritten(QStringLiteral("job_id"), [&changed](const QVariant &key) { changed.written(key); });
    }

    // Declared after the statements, so that a failed import rolls back before they are
    // freed (PostgreSQL refuses to free them inside an aborted transaction).
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const auto countBefore = JobRepository(m_database).count();
    if (!countBefore)
        return countBefore.error();
    qint64 totalBytes = 0;
    for (const auto &source : reading.sources)
        totalBytes += source->totalBytes();

    // A load as large as the table it goes to is faster with the secondary indexes built
    // once afterwards (about 300 bytes per record in a history export).
    SuspendedIndexes indexes(m_database, {QStringLiteral("queries"), QStringLiteral("profiles")});
    const bool suspend = !postgres && totalBytes / 300 >= std::max<qint64>(*countBefore, 10000);
    if (suspend) {
        if (Status suspended = indexes.suspend(); !suspended)
            return suspended.error();
    }

    // The rows of a record, made on the reading thread: on SQLite its text already in UTF-8,
    // so that the writing thread only binds.
    auto text = [postgres](const QVariant &value) {
        return postgres || value.isNull() || value.typeId() != QMetaType::QString ? value
                                                                                 : QVariant(value.toString().toUtf8());
    };
    const bool hasProfiles = profiles.has_value();
    auto prepare = [&](const JobRecord &record) {
        Pipeline::Rows rows;
        rows.query.reserve(queryColumns.size());
        rows.query << text(record.jobId);
        for (const Target target : std::as_const(queryTargets))
            rows.query << text(record.values[target]);
        for (const Target target : std::as_const(insertTargets))
            rows.query << text(record.values[target]);
        if (hasProfiles) {
            rows.profile.reserve(profileColumns.size() + 1);
            rows.profile << rows.query.first();
            for (const Target target : std::as_const(profileTargets))
                rows.profile << record.values[target];
        }
        return rows;
    };
    auto write = [&](Pipeline::Rows &rows) -> Status {
        if (Status added = queries.add(std::move(rows.query)); !added)
            return added;
        if (profiles) {
            if (Status added = profiles->add(std::move(rows.profile)); !added)
                return added;
        }
        return success();
    };

    // The reading thread converts records into batches; this thread writes them.
    Pipeline pipeline;
    ImportOptions readOptions = options;
    readOptions.progress = [&pipeline](qint64 bytes, qint64) {
        pipeline.bytesRead = bytes;
        return !pipeline.stopped();
    };
    std::thread reader([&] {
        Pipeline::Batch batch;
        batch.reserve(Pipeline::BatchSize);
        // A job repeated within a batch is written once, with its last row: re-importing a file
        // whose repeats restore the stored values then counts them unchanged, on either database
        // (the writer keeps file order for repeats farther apart).
        QHash<QString, size_t> inBatch;
        Status status = readAll(reading, readOptions, read, [&](const JobRecord &record) -> Status {
            if (const auto found = inBatch.constFind(record.jobId); found != inBatch.cend()) {
                batch[*found] = prepare(record);
                return success();
            }
            inBatch.insert(record.jobId, batch.size());
            batch.push_back(prepare(record));
            if (batch.size() == Pipeline::BatchSize) {
                if (!pipeline.push(std::move(batch)))
                    return Error::canceled();
                batch = {};
                batch.reserve(Pipeline::BatchSize);
                inBatch.clear();
            }
            return success();
        });
        if (status && !batch.empty() && !pipeline.push(std::move(batch)))
            status = Error::canceled();
        pipeline.finish(std::move(status));
    });
    Status outcome = success();
    QElapsedTimer phase;
    phase.start();
    qint64 waiting = 0, writing = 0;
    for (;;) {
        const qint64 w0 = phase.nsecsElapsed();
        auto batch = pipeline.pop();
        const qint64 w1 = phase.nsecsElapsed();
        waiting += w1 - w0;
        if (!batch)
            break;
        for (Pipeline::Rows &record : *batch)
            if (outcome = write(record); !outcome)
                break;
        writing += phase.nsecsElapsed() - w1;
        if (outcome && options.progress && !options.progress(pipeline.bytesRead.load(), totalBytes))
            outcome = Error::canceled();
        if (!outcome) {
            pipeline.stop();
            while (pipeline.pop()) { // let the reader see the stop and end
            }
            break;
        }
    }
    reader.join();
    if (!outcome)
        return outcome.error();
    if (Status produced = pipeline.status(); !produced)
        return produced.error();

    if (Status flushed = profiles ? profiles->flush() : queries.flush(); !flushed)
        return flushed.error();
    const qint64 beforeRebuild = phase.nsecsElapsed();
    if (suspend) {
        if (Status rebuilt = indexes.restore(); !rebuilt)
            return rebuilt.error();
    }
    const qint64 afterRebuild = phase.nsecsElapsed();
    const auto countAfter = JobRepository(m_database).count();
    if (!countAfter)
        return countAfter.error();
    ImportReport &report = reading.report;
    report.inserted = *countAfter - *countBefore;
    const qint64 touched = changed.distinct();
    report.updated = std::max<qint64>(0, touched - report.inserted);
    report.unchanged = std::max<qint64>(0, read.distinct() - touched);
    if (report.inserted > 0 || report.updated > 0)
        transaction.announce(QStringLiteral("queries"));
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    if (qEnvironmentVariableIsSet("OPTIMETER_PROFILE"))
        qInfo("import phases: waiting for records %.2f s, writing %.2f s, index rebuild %.2f s, commit %.2f s",
              waiting / 1e9, writing / 1e9, (afterRebuild - beforeRebuild) / 1e9,
              (phase.nsecsElapsed() - afterRebuild) / 1e9);
    if (options.progress)
        options.progress(totalBytes, totalBytes);
    return report;
}
