#include "formats.h"

#include "cells.h"

#include "../fieldparser.h"
#include "../jobstatus.h"
#include "../text.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace EngineFormats {
namespace {

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
    QStringList m_fileTimeUsed;
    QDateTime m_fileTime;
    int m_queryId = -1, m_calls = -1, m_total = -1, m_rows = -1, m_hit = -1, m_read = -1, m_query = -1,
        m_user = -1, m_database = -1, m_snapshot = -1;
    // (file, snapshot µs) -> queryid -> summed counters; QMap keeps snapshots in time order.
    QMap<std::pair<int, qint64>, QMap<QString, Statement>> m_statements;
    QHash<int, QSet<qint64>> m_snapshotsOfFile;
};

} // namespace

std::unique_ptr<Format> makePgStatStatementsFormat()
{
    return std::make_unique<PgStatStatementsFormat>();
}

} // namespace EngineFormats
