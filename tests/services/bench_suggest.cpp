// Not a test: builds the history of issue 14's speed goal for `measure suggest` and times it.
//   bench_suggest DATABASE.sqlite
// Writes 1,000,000 jobs, each with a query text of about 30 tokens: 20,000 of them are measurable
// candidates started in the 14 days after 2026-03-10 12:00 UTC (1,000 runs of the before job's
// query, 19,000 other queries with distinct texts, most of them similar enough to list: the
// worst case, every text scored), the
// rest single runs of other queries before and after that fortnight. Recommendation 1 (job
// "before", implemented at t0) is left with an open measurement, for timing
//   optimeter --db DATABASE.sqlite measure suggest 1
// as a process.

#include "database.h"
#include "measurementservice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>

namespace {

const QDateTime T0(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);
constexpr int Jobs = 1000000;
constexpr int SameQueryRuns = 1000;
constexpr int OtherCandidates = 19000;
constexpr qint64 Window = 14 * 86400;

bool exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    std::fprintf(stderr, "%s\n", qPrintable(query.lastError().text()));
    return false;
}

// A query over table `table` with `columns` of the before job's ten columns, then the others.
QString text(int table, int columns, int literal)
{
    QStringList selected;
    for (int c = 0; c < 10; ++c)
        selected << (c < columns ? QStringLiteral("c%1").arg(c) : QStringLiteral("t%1_c%2").arg(table).arg(c));
    return QStringLiteral("SELECT %1 FROM sales_%2 s JOIN regions r ON r.id = s.region_id WHERE s.day = '%3' "
                          "AND s.amount > %4")
        .arg(selected.join(QStringLiteral(", ")))
        .arg(table == 0 ? QStringLiteral("eu") : QString::number(table))
        .arg(QDate(2026, 1, 1).addDays(literal % 365).toString(Qt::ISODate))
        .arg(literal % 1000);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_suggest DATABASE.sqlite\n");
        return 2;
    }
    auto opened = Database::open(QString::fromLocal8Bit(argv[1]));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Database &db = **opened;
    QElapsedTimer timer;
    timer.start();
    {
        Transaction transaction(db);
        QSqlQuery insert(db.connection());
        insert.prepare(QStringLiteral("INSERT INTO queries (job_id, query_hash, query_text, user_name, engine, "
                                      "started_at, duration_ms, status) VALUES (?, ?, ?, ?, 'snowflake', ?, ?, "
                                      "'success')"));
        int written = 0;
        const auto add = [&](const QString &id, const QString &hash, const QString &queryText, qint64 offsetSeconds,
                             double duration) {
            insert.addBindValue(id);
            insert.addBindValue(hash);
            insert.addBindValue(queryText);
            insert.addBindValue(written % 7 == 0 ? QStringLiteral("ana") : QStringLiteral("bob"));
            insert.addBindValue(Database::toSqlTimestamp(T0.addSecs(offsetSeconds)));
            insert.addBindValue(duration);
            ++written;
            return exec(insert);
        };
        if (!add(QStringLiteral("before"), QStringLiteral("q"), text(0, 10, 0), -86400, 5000))
            return 1;
        for (int i = 0; i < SameQueryRuns; ++i)
            if (!add(QStringLiteral("q-%1").arg(i), QStringLiteral("q"), text(0, 10, i), qint64(i) * Window / SameQueryRuns,
                     3000.0 + i % 500))
                return 1;
        // Other queries in the window, rewritten: 7 to 10 of the ten columns kept, other tables.
        for (int i = 0; i < OtherCandidates; ++i)
            if (!add(QStringLiteral("o-%1").arg(i), QStringLiteral("o%1").arg(i), text(i % 3 == 0 ? 0 : i + 1, 7 + i % 4, i),
                     qint64(i) * Window / OtherCandidates, 1000.0 + i % 900))
                return 1;
        // The rest: before and after the window.
        for (int i = 0; written < Jobs; ++i) {
            const qint64 offset = i % 2 == 0 ? -qint64(i / 2 + 1) * 60 - 86400 : Window + qint64(i / 2 + 1) * 60;
            if (!add(QStringLiteral("x-%1").arg(i), QStringLiteral("x%1").arg(i % 250000), text(i % 5000 + 1, i % 10, i),
                     offset, 50.0 + i % 10000))
                return 1;
        }
        QSqlQuery rec(db.connection());
        rec.prepare(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct, "
                                   "implemented_at) VALUES (1, 'before', 'select_star', 30, ?)"));
        rec.addBindValue(Database::toSqlTimestamp(T0));
        if (!exec(rec) || !transaction.commit().ok())
            return 1;
    }
    std::printf("wrote %d jobs in %.1f s\n", Jobs, double(timer.elapsed()) / 1000.0);
    MeasurementService service(db);
    if (auto before = service.recordBefore(1); !before) {
        std::fprintf(stderr, "%s\n", qPrintable(before.error().message));
        return 1;
    }
    for (int round = 0; round < 3; ++round) {
        timer.restart();
        const auto suggestions = service.suggestAfter(1, 10);
        if (!suggestions) {
            std::fprintf(stderr, "%s\n", qPrintable(suggestions.error().message));
            return 1;
        }
        std::printf("suggestAfter: %lld candidates read, %lld listed, %.1f ms\n", suggestions->candidatesRead,
                    qint64(suggestions->candidates.size()), double(timer.nsecsElapsed()) / 1e6);
    }
    return 0;
}
