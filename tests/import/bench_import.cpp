// Issue 4's speed goal, measured: a generated Snowflake export of N rows (default 1,000,000)
// imported by `optimeter`'s JobImporter into a new SQLite database, against the sqlite3 shell's
// `.import` of the same file into a bare table, on the same machine in one run. The goal is a
// ratio of at most 1.5. Not a test: run it by hand.
//
//   bench_import [ROWS] [FOLDER]
//
// Issue 12: a JSON document of N records — Dremio's REST envelope {"rowCount", "schema",
// "rows": [...]}, the records nested in a top-level object — imported, or the same records as
// CSV, one process each so that `/usr/bin/time -v` gives each its own peak RSS. A document read
// whole (QJsonDocument) would hold every record at once (≈500 MB for 70 MB, QT-NOTES §7); read
// as a stream it needs what the CSV needs.
//
//   bench_import --envelope ROWS FOLDER     (writes FOLDER/dremio_ROWS.json once)
//   bench_import --envelope-csv ROWS FOLDER (writes FOLDER/dremio_ROWS.csv once)
//   … --envelope-read / --envelope-csv-read: reading and converting alone, no database (most
//   of an import's peak RSS is SQLite's page cache, the same for both).

#include "database.h"
#include "generatedexport.h"
#include "jobimporter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>
#include <random>

namespace {

// A Dremio sys.jobs_recent record: the columns the importer reads, as the REST API writes them.
struct DremioJob
{
    QByteArray id, status, user, submitted, finished, query, queue;
    qint64 rowsScanned, bytesScanned, rowsReturned, cpuMs, memory;
    bool accelerated;
};

DremioJob dremioJob(qint64 i, std::mt19937_64 &random)
{
    static const char *const users[] = {"ana.silva", "ben", "svc_tableau", "lena.braun", "svc_etl"};
    static const char *const tables[] = {"sales.orders", "raw.events", "finance.revenue_monthly", "crm.customers"};
    const qint64 start = 1718200000000 + i * 613; // epoch ms
    const qint64 elapsed = 20 + qint64(random() % 600000);
    auto timestamp = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")).toLatin1();
    };
    DremioJob job;
    job.id = QByteArray::number(0x1a7c000000000000LL + i, 16) + "-6b11-2f5e-93d1-4f0a8e1b7c00";
    job.status = random() % 50 == 0 ? "FAILED" : "COMPLETED";
    job.user = users[random() % 5];
    job.submitted = timestamp(start);
    job.finished = timestamp(start + elapsed);
    job.query = QByteArray("SELECT region, SUM(amount) FROM ") + tables[random() % 4] + " WHERE day >= '2024-06-0"
                + QByteArray::number(qint64(random() % 9) + 1) + "' GROUP BY region";
    job.queue = random() % 3 == 0 ? "High Cost User Queries" : "Low Cost User Queries";
    job.rowsScanned = qint64(random() % 400000000);
    job.bytesScanned = job.rowsScanned * 14;
    job.rowsReturned = qint64(random() % 5000);
    job.cpuMs = elapsed * 3;
    job.memory = qint64(random() % 4096) << 20;
    job.accelerated = random() % 20 == 0;
    return job;
}

bool writeDremio(const QString &path, qint64 rows, bool envelope)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    std::mt19937_64 random(12);
    QByteArray out;
    if (envelope)
        out = "{\"rowCount\":" + QByteArray::number(rows)
              + ",\"schema\":[{\"name\":\"job_id\",\"type\":{\"name\":\"VARCHAR\"}},{\"name\":\"submitted_ts\","
                "\"type\":{\"name\":\"TIMESTAMP\"}}],\"rows\":[\n";
    else
        out = "job_id,status,user_name,submitted_ts,final_state_ts,query,queue_name,rows_scanned,bytes_scanned,"
              "rows_returned,execution_cpu_time_millis,memory_allocated,accelerated\n";
    for (qint64 i = 0; i < rows; ++i) {
        const DremioJob j = dremioJob(i, random);
        if (envelope)
            out += (i ? ",\n" : "") + QByteArray("{\"job_id\":\"") + j.id + "\",\"status\":\"" + j.status
                   + "\",\"user_name\":\"" + j.user + "\",\"submitted_ts\":\"" + j.submitted
                   + "\",\"final_state_ts\":\"" + j.finished + "\",\"query\":\"" + j.query + "\",\"queue_name\":\""
                   + j.queue + "\",\"rows_scanned\":" + QByteArray::number(j.rowsScanned)
                   + ",\"bytes_scanned\":" + QByteArray::number(j.bytesScanned)
                   + ",\"rows_returned\":" + QByteArray::number(j.rowsReturned)
                   + ",\"execution_cpu_time_millis\":" + QByteArray::number(j.cpuMs)
                   + ",\"memory_allocated\":" + QByteArray::number(j.memory)
                   + ",\"accelerated\":" + (j.accelerated ? "true" : "false") + "}";
        else
            out += j.id + ',' + j.status + ',' + j.user + ',' + j.submitted + ',' + j.finished + ",\"" + j.query + "\","
                   + j.queue + ',' + QByteArray::number(j.rowsScanned) + ',' + QByteArray::number(j.bytesScanned) + ','
                   + QByteArray::number(j.rowsReturned) + ',' + QByteArray::number(j.cpuMs) + ','
                   + QByteArray::number(j.memory) + ',' + (j.accelerated ? "true" : "false") + '\n';
        if (out.size() > (1 << 20)) {
            if (file.write(out) != out.size())
                return false;
            out.clear();
        }
    }
    if (envelope)
        out += "\n]}\n";
    return file.write(out) == out.size();
}

// Imports one generated Dremio file into a new database (or only reads it) and prints what it took.
int importDremio(qint64 rows, const QString &folder, bool envelope, bool readOnly)
{
    const QString path = folder + QStringLiteral("/dremio_%1.%2").arg(rows).arg(QLatin1String(envelope ? "json" : "csv"));
    if (!QFile::exists(path) && !writeDremio(path, rows, envelope)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    if (readOnly) {
        QElapsedTimer timer;
        timer.start();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return 1;
        const auto report = JobImporter::check(&file, path);
        if (!report) {
            std::fprintf(stderr, "%s\n", qPrintable(report.error().message));
            return 1;
        }
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("read and converted, no database: %lld records, %.2f s, peak RSS %ld MB\n", report->rowsRead,
                    timer.elapsed() / 1000.0, usage.ru_maxrss / 1024);
        return 0;
    }
    const QString db = folder + QStringLiteral("/dremio_%1.sqlite").arg(QLatin1String(envelope ? "json" : "csv"));
    for (const QString &name : {db, db + QStringLiteral("-wal"), db + QStringLiteral("-shm")})
        QFile::remove(name);
    QElapsedTimer timer;
    timer.start();
    auto database = Database::open(db);
    if (!database) {
        std::fprintf(stderr, "%s\n", qPrintable(database.error().message));
        return 1;
    }
    const auto report = JobImporter(**database).importFile(path);
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().message));
        return 1;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%s, %.1f MB, %lld records: %.2f s, %lld jobs, peak RSS %ld MB\n",
                envelope ? "Dremio REST envelope (JSON document)" : "the same records as CSV",
                QFile(path).size() / 1e6, report->rowsRead, timer.elapsed() / 1000.0, report->inserted,
                usage.ru_maxrss / 1024);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (mode.startsWith(QLatin1String("--envelope"))) {
        if (argc < 4) {
            std::fprintf(stderr, "usage: bench_import %s ROWS FOLDER\n", argv[1]);
            return 2;
        }
        return importDremio(QByteArray(argv[2]).toLongLong(), QString::fromLocal8Bit(argv[3]),
                            !mode.startsWith(QLatin1String("--envelope-csv")), mode.endsWith(QLatin1String("-read")));
    }
    const qint64 rows = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1000000;
    QTemporaryDir scratch;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : scratch.path();
    const QString csv = folder + QStringLiteral("/query_history_%1.csv").arg(rows);
    if (!QFile::exists(csv)) {
        QFile file(csv);
        if (!file.open(QIODevice::WriteOnly) || !GeneratedExport::write(file, rows)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(csv));
            return 1;
        }
    }
    std::printf("export: %s, %lld rows, %.1f MB\n", qPrintable(csv), rows, QFile(csv).size() / 1e6);

    // Read the file once so that both runs find it in the page cache.
    {
        QFile file(csv);
        file.open(QIODevice::ReadOnly);
        while (!file.read(1 << 20).isEmpty()) {
        }
    }

    const QString bare = folder + QStringLiteral("/bare.sqlite");
    QFile::remove(bare);
    QElapsedTimer timer;
    timer.start();
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {bare, QStringLiteral(".import --csv %1 query_history").arg(csv)});
    if (!shell.waitForFinished(-1) || shell.exitCode() != 0) {
        std::fprintf(stderr, "sqlite3 failed: %s\n", shell.readAllStandardError().constData());
        return 1;
    }
    const double shellSeconds = timer.elapsed() / 1000.0;
    std::printf("sqlite3 .import into a bare table: %.2f s\n", shellSeconds);

    const QString ours = folder + QStringLiteral("/optimeter.sqlite");
    QFile::remove(ours);
    QFile::remove(ours + QStringLiteral("-wal"));
    timer.restart();
    auto db = Database::open(ours);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    const auto report = JobImporter(**db).importFile(csv);
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().message));
        return 1;
    }
    const double ourSeconds = timer.elapsed() / 1000.0;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("optimeter import (queries + profiles, upsert, conversions): %.2f s, %lld jobs, peak RSS %ld MB\n",
                ourSeconds, report->inserted, usage.ru_maxrss / 1024);
    std::printf("ratio: %.2f (goal <= 1.5)\n", ourSeconds / shellSeconds);
    return 0;
}
