#include "formats.h"

#include "cells.h"

#include "../fieldparser.h"
#include "../jobstatus.h"
#include "../text.h"

#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace EngineFormats {
namespace {

// PostgreSQL pg_stat_statements snapshots (ENGINE-EXPORTS §2.5): cumulative counters, so one
// job per queryid and snapshot, its metrics the per-call means.
//
// A row is one (user, database, queryid, toplevel) of a snapshot; a statement's job sums its
// rows. The same row twice in one snapshot is a repeat (two dumps appended to one file without
// a snapshot_time column look like that): the last row wins, as anywhere else in an import.
//
// A snapshot is named by its snapshot_time column, else by the time given for the file
// (ImportOptions::snapshotTimes), else by the file's content, so that the same dump imported
// again gives the same jobs whatever its modification time.
class PgStatStatementsFormat final : public Format
{
public:
    QString id() const override { return S("pg_stat_statements"); }
    QList<QStringList> required() const override
    {
        return {{S("queryid")}, {S("calls")}, {S("total_exec_time"), S("total_time")}};
    }
    bool aggregates() const override { return true; }
    bool takesSnapshotTimes() const override { return true; }
    void configure(const ImportOptions &options) override { m_givenTimes = options.snapshotTimes; }

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
        m_toplevel = source.resolve(S("toplevel"));
        m_snapshot = source.resolve({S("snapshot_time"), S("snapshot_at"), S("captured_at"), S("collected_at"),
                                     S("snapshot"), S("now")});
        if (m_snapshot < 0 && m_timesUsed < m_givenTimes.size()) {
            // Each given time names the next dump that has no time of its own.
            const QDateTime given = m_givenTimes.at(m_timesUsed++).toUTC();
            m_timeOf.insert(m_file, given.toMSecsSinceEpoch() * 1000);
            plan.notes << Text::tr("%1 has no snapshot_time column: its snapshot time is %2, as given")
                              .arg(QFileInfo(source.path()).fileName(), given.toString(Qt::ISODateWithMs));
        }

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
            plan.conversions << Text::tr("duration_ms ← %1 ÷ calls (ms per call)").arg(total)
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
        Row row;
        row.counters.calls = cells.count(m_calls).value_or(0);
        row.counters.totalMs = cells.nonNegativeReal(m_total).value_or(0);
        row.counters.rows = cells.count(m_rows);
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
        if (row.counters.totalMs >= 9.2e18)
            return source.errorAt(m_total, Text::tr("%1 ms is beyond the range of a duration").arg(row.counters.totalMs));
        if (hit && read) {
            qint64 blocks = 0;
            if (__builtin_add_overflow(*hit, *read, &blocks))
                return source.errorAt(m_read, Text::tr("shared_blks_hit + shared_blks_read is beyond the 64-bit range"));
            row.counters.blocks = blocks;
        }
        if (!snapshot && !m_timeOf.contains(m_file) && !m_contentOf.contains(m_file)) {
            const auto hash = source.contentHash();
            if (!hash)
                return hash.error();
            m_contentOf.insert(m_file, S("sha256:") + QString::fromLatin1(hash->toHex().left(16)));
        }
        const qint64 when = snapshot ? *snapshot : m_timeOf.value(m_file, Untimed);
        row.user = cells.text(m_user);
        row.database = cells.text(m_database);
        row.query = cells.raw(m_query);
        Statement &statement = m_statements[{m_file, when}][queryId];
        const QString key = row.user + u'\x1f' + row.database + u'\x1f' + cells.text(m_toplevel);
        if (const auto at = statement.rowAt.constFind(key); at != statement.rowAt.cend()) {
            ++m_repeated;
            statement.rows[*at] = std::move(row);
        } else {
            statement.rowAt.insert(key, statement.rows.size());
            statement.rows.append(std::move(row));
        }
        if (!total(statement, queryId))
            return source.errorAt(m_calls, Text::tr("the sum over the rows of queryid %1 is beyond the 64-bit range")
                                               .arg(queryId));
        m_snapshotsOfFile[m_file].insert(when);
        return std::nullopt;
    }

    Result<QList<JobRecord>> finish(Plan &plan, RecordCounts &counts) override
    {
        if (m_timesUsed < m_givenTimes.size())
            return Error::invalidInput(Text::tr("%1: more snapshot times are given (%2) than there are dumps without "
                                                "a snapshot_time column (%3)")
                                           .arg(m_paths.join(S(", ")))
                                           .arg(m_givenTimes.size())
                                           .arg(m_timesUsed));
        counts.repeated += m_repeated;
        for (auto it = m_contentOf.cbegin(); it != m_contentOf.cend(); ++it)
            plan.notes << Text::tr("%1 has no snapshot_time column: its jobs are named by the file's content (%2), "
                                   "so the same file gives the same jobs when imported again; their started_at is "
                                   "empty. A snapshot time given for the file names them by its time instead")
                              .arg(QFileInfo(m_paths.at(it.key() - 1)).fileName(), it.value());
        if (m_repeated)
            plan.notes << Text::tr("%1 rows repeated a user, database and queryid of their snapshot: the last row "
                                   "of each was used")
                              .arg(m_repeated);
        QList<JobRecord> jobs;
        if (m_file == 1) {
            plan.notes << Text::tr("pg_stat_statements: metrics are per-call means of the cumulative counters of each "
                                   "snapshot (since the statistics were last reset); give two snapshot files to "
                                   "measure the interval between them");
            qint64 idle = 0;
            for (auto it = m_statements.cbegin(); it != m_statements.cend(); ++it)
                for (auto statement = it->cbegin(); statement != it->cend(); ++statement) {
                    const auto sum = total(*statement, statement.key());
                    if (!sum)
                        return sum.error();
                    if (sum->calls <= 0) {
                        ++idle;
                        counts.skipped += statement->rows.size();
                        continue;
                    }
                    counts.merged += statement->rows.size() - 1;
                    jobs << job(statement.key(), *statement, *sum, it.key(), it.key());
                }
            if (idle)
                plan.notes << Text::tr("%1 statements had no calls and gave no job").arg(idle);
            return jobs;
        }
        // Two snapshots: the earlier is the baseline.
        for (int file = 1; file <= 2; ++file)
            if (m_snapshotsOfFile.value(file).size() != 1)
                return Error::invalidInput(Text::tr("%1: holds %2 snapshot times; with two files, each must be one "
                                                    "snapshot")
                                               .arg(m_paths.at(file - 1))
                                               .arg(m_snapshotsOfFile.value(file).size()));
        const Snapshot first{1, *m_snapshotsOfFile.value(1).cbegin()};
        const Snapshot second{2, *m_snapshotsOfFile.value(2).cbegin()};
        const bool timed = first.second != Untimed && second.second != Untimed;
        if (timed && first.second == second.second)
            return Error::invalidInput(Text::tr("%1 and %2: both snapshots were taken at %3; give two different snapshots")
                                           .arg(m_paths.at(0), m_paths.at(1),
                                                FieldParser::fromMicros(first.second).toString(Qt::ISODate)));
        if (!timed && identity(first) == identity(second))
            return Error::invalidInput(Text::tr("%1 and %2 hold the same snapshot; give two different snapshots")
                                           .arg(m_paths.at(0), m_paths.at(1)));
        // Without both times, the files' order says which is earlier.
        const bool inOrder = !timed || first.second < second.second;
        const Snapshot earlier = inOrder ? first : second;
        const Snapshot later = inOrder ? second : first;
        if (!timed)
            plan.notes << Text::tr("%1 and %2 do not both name their snapshot time: %1 is taken as the earlier "
                                   "snapshot, in the order given")
                              .arg(QFileInfo(m_paths.at(0)).fileName(), QFileInfo(m_paths.at(1)).fileName());
        const auto &before = m_statements.value(earlier);
        const auto &after = m_statements.value(later);
        qint64 resets = 0, idle = 0;
        QSet<QString> measured;
        for (auto statement = after.cbegin(); statement != after.cend(); ++statement) {
            const auto sum = total(*statement, statement.key());
            if (!sum)
                return sum.error();
            Counters delta = *sum;
            const auto previous = before.constFind(statement.key());
            if (previous != before.cend()) {
                const auto baseline = total(*previous, previous.key());
                if (!baseline)
                    return baseline.error();
                if (sum->calls < baseline->calls || sum->totalMs < baseline->totalMs)
                    ++resets; // the counters were reset between the snapshots: the later ones alone
                else
                    delta.subtract(*baseline);
            }
            if (delta.calls <= 0) {
                ++idle;
                counts.skipped += statement->rows.size();
                continue;
            }
            measured.insert(statement.key());
            counts.merged += statement->rows.size() - 1;
            jobs << job(statement.key(), *statement, delta, earlier, later);
        }
        // The baseline's rows went into the differences; those of statements that gave no job
        // (no calls in between, or evicted before the later snapshot) were left out.
        for (auto statement = before.cbegin(); statement != before.cend(); ++statement)
            (measured.contains(statement.key()) ? counts.merged : counts.skipped) += statement->rows.size();
        plan.notes << Text::tr("pg_stat_statements: metrics are per-call means of the change between the snapshots "
                               "of %1 and %2 (%3 → %4)")
                          .arg(QFileInfo(m_paths.at(earlier.first - 1)).fileName(),
                               QFileInfo(m_paths.at(later.first - 1)).fileName(), identity(earlier),
                               identity(later));
        if (idle)
            plan.notes << Text::tr("%1 statements had no calls between the snapshots and gave no job").arg(idle);
        if (resets)
            plan.notes << Text::tr("%1 statements were reset between the snapshots; their later counters were used as "
                                   "they are")
                              .arg(resets);
        return jobs;
    }

private:
    // The snapshot of a file without a time of its own.
    static constexpr qint64 Untimed = std::numeric_limits<qint64>::min();
    using Snapshot = std::pair<int, qint64>; // (file, snapshot µs or Untimed)

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
    struct Row
    {
        Counters counters;
        QString user, database, query;
    };
    struct Statement
    {
        QList<Row> rows;              // in file order
        QHash<QString, qsizetype> rowAt; // user, database and toplevel -> index in rows
    };

    Result<Counters> total(const Statement &statement, const QString &queryId) const
    {
        Counters sum;
        for (const Row &row : statement.rows)
            if (!sum.add(row.counters))
                return Error::invalidInput(Text::tr("%1: the sum over the rows of queryid %2 is beyond the 64-bit range")
                                               .arg(m_paths.join(S(", ")), queryId));
        return sum;
    }

    // How a snapshot names its jobs: its time, or its file's content.
    QString identity(const Snapshot &snapshot) const
    {
        if (snapshot.second == Untimed)
            return m_contentOf.value(snapshot.first);
        return FieldParser::fromMicros(snapshot.second).toString(S("yyyy-MM-ddTHH:mm:ssZ"));
    }

    JobRecord job(const QString &queryId, const Statement &statement, const Counters &counters,
                  const Snapshot &started, const Snapshot &snapshot) const
    {
        // One user (or database) for the whole statement, else none.
        QString user, database, query;
        bool userMixed = false, databaseMixed = false;
        for (const Row &row : statement.rows) {
            userMixed = userMixed || (!user.isNull() && user != row.user);
            databaseMixed = databaseMixed || (!database.isNull() && database != row.database);
            if (user.isNull())
                user = row.user;
            if (database.isNull())
                database = row.database;
            if (query.isEmpty())
                query = row.query;
        }
        JobRecord record;
        record.jobId = S("pgss:%1@%2").arg(queryId, identity(snapshot));
        record.values[Engine] = S("postgres");
        record.values[QueryText] = textValue(query);
        record.values[QueryHash] = queryId;
        record.values[UserName] = textValue(userMixed ? QString() : user);
        record.values[Warehouse] = textValue(databaseMixed ? QString() : database);
        record.values[StartedAt] = timeValue(started.second == Untimed ? std::nullopt : std::optional(started.second));
        // The mean keeps its fraction: most statements run in less than a millisecond.
        record.values[DurationMs] = toNanosecond(std::max(0.0, counters.totalMs) / double(counters.calls));
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
    QList<QDateTime> m_givenTimes;
    qsizetype m_timesUsed = 0;
    QHash<int, qint64> m_timeOf;     // file -> the time given for it (µs)
    QMap<int, QString> m_contentOf;  // file -> "sha256:…" of a file that names no time
    qint64 m_repeated = 0;
    int m_queryId = -1, m_calls = -1, m_total = -1, m_rows = -1, m_hit = -1, m_read = -1, m_query = -1,
        m_user = -1, m_database = -1, m_toplevel = -1, m_snapshot = -1;
    // (file, snapshot µs) -> queryid -> its rows; QMap keeps snapshots in time order.
    QMap<Snapshot, QMap<QString, Statement>> m_statements;
    QHash<int, QSet<qint64>> m_snapshotsOfFile;
};

} // namespace

std::unique_ptr<Format> makePgStatStatementsFormat()
{
    return std::make_unique<PgStatStatementsFormat>();
}

} // namespace EngineFormats
