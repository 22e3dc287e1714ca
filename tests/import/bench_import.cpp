// Issue 4's speed goal, measured: a generated Snowflake export of N rows (default 1,000,000)
// imported by `optimeter`'s JobImporter into a new SQLite database, against the sqlite3 shell's
// `.import` of the same file into a bare table, on the same machine in one run. The goal is a
// ratio of at most 1.5. Not a test: run it by hand.
//
//   bench_import [ROWS] [FOLDER]

#include "database.h"
#include "generatedexport.h"
#include "jobimporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
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
