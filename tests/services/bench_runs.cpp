// Not a test: builds the history of issue 13's speed goals and times the service on it.
//   bench_runs DATABASE.sqlite [MEASUREMENTS]
// Writes 1,000,000 jobs: one query (hash "hot") with 20,000 runs over the 60 days around
// 2026-03-10 12:00 UTC, MEASUREMENTS (default 10,000) pairs of queries with 12 runs before and
// 12 after, and the rest single runs of other queries. Records one measurement per pair with
// --similar (14 days) and prints how long that took, then how long refreshAll takes over them.
// Recommendation 0 (job "hot-before") is left with an open measurement, for timing
//   optimeter --db DATABASE.sqlite measure after --recommendation 0 --job hot-after --similar
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
constexpr int HotRuns = 20000;
constexpr int RunsPerSide = 12;

bool exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    std::fprintf(stderr, "%s\n", qPrintable(query.lastError().text()));
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_runs DATABASE.sqlite [MEASUREMENTS]\n");
        return 2;
    }
    const int measurements = argc > 2 ? std::atoi(argv[2]) : 10000;
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
        insert.prepare(QStringLiteral("INSERT INTO queries (job_id, query_hash, engine, started_at, duration_ms, status) "
                                      "VALUES (?, ?, 'snowflake', ?, ?, 'success')"));
        int written = 0;
        const auto add = [&](const QString &id, const QString &hash, qint64 offsetSeconds, double duration) {
            insert.addBindValue(id);
            insert.addBindValue(hash);
            insert.addBindValue(Database::toSqlTimestamp(T0.addSecs(offsetSeconds)));
            insert.addBindValue(duration);
            ++written;
            return exec(insert);
        };
        // The hot query: 20,000 runs, one every 259 s across 60 days centred on t0.
        for (int i = 0; i < HotRuns; ++i)
            if (!add(QStringLiteral("hot-%1").arg(i), QStringLiteral("hot"), qint64(i - HotRuns / 2) * 259 + 7,
                     1000.0 + (i * 37) % 400))
                return 1;
        if (!add(QStringLiteral("hot-before"), QStringLiteral("hot"), -3 * 86400, 1200)
            || !add(QStringLiteral("hot-after"), QStringLiteral("hot-new"), 0, 700))
            return 1;
        for (int i = 0; i < 400; ++i)
            if (!add(QStringLiteral("hot-new-%1").arg(i), QStringLiteral("hot-new"), qint64(i + 1) * 1800, 600.0 + (i * 13) % 200))
                return 1;
        // The pairs: runs an hour apart before and after each pair's own t0.
        for (int m = 0; m < measurements; ++m) {
            const qint64 t0 = qint64(m) * 120 - 20 * 86400;
            for (int r = 0; r < RunsPerSide; ++r) {
                if (!add(QStringLiteral("p%1-b%2").arg(m).arg(r), QStringLiteral("pb%1").arg(m), t0 - (r + 1) * 3600,
                         2000.0 + (r * 97 + m) % 500)
                    || !add(QStringLiteral("p%1-a%2").arg(m).arg(r), QStringLiteral("pa%1").arg(m), t0 + r * 3600,
                            (m % 3 == 0 ? 2100.0 : 1200.0) + (r * 89 + m) % 500))
                    return 1;
            }
        }
        for (int i = 0; written < Jobs; ++i)
            if (!add(QStringLiteral("x%1").arg(i), QStringLiteral("x%1").arg(i % 250000), (i % 5000000) - 2500000,
                     50.0 + i % 10000))
                return 1;
        QSqlQuery recs(db.connection());
        recs.prepare(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                                    "VALUES (?, ?, 'select_star', 30)"));
        for (int m = -1; m < measurements; ++m) {
            recs.addBindValue(m + 1);
            recs.addBindValue(m < 0 ? QStringLiteral("hot-before") : QStringLiteral("p%1-b0").arg(m));
            if (!exec(recs))
                return 1;
        }
        if (!transaction.commit().ok())
            return 1;
    }
    std::printf("wrote %d jobs in %.1f s\n", Jobs, double(timer.elapsed()) / 1000.0);

    MeasurementService service(db);
    if (!service.recordBefore(0).ok())
        return 1;
    timer.restart();
    for (int m = 0; m < measurements; ++m) {
        if (auto before = service.recordBefore(m + 1); !before) {
            std::fprintf(stderr, "%s\n", qPrintable(before.error().message));
            return 1;
        }
        const auto after = service.recordAfter(
            m + 1, AfterRequest{{QStringLiteral("p%1-a0").arg(m)}, 14, false, std::nullopt});
        if (!after) {
            std::fprintf(stderr, "%s\n", qPrintable(after.error().message));
            return 1;
        }
    }
    std::printf("recorded %d measurements with --similar (12 + 12 runs) in %.1f s\n", measurements,
                double(timer.elapsed()) / 1000.0);
    timer.restart();
    const auto report = service.refreshAll();
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().message));
        return 1;
    }
    std::printf("refreshAll over %lld measurements: %.1f s\n", report->refreshed, double(timer.elapsed()) / 1000.0);
    return 0;
}
