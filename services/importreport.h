#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// A record an import refused (with --skip-invalid the others are imported).
struct RejectedRecord
{
    qint64 line = 0;  // where the record starts in its file (the header is line 1)
    QString message;  // FILE:LINE: column 'NAME': what was wrong
};

// What an import did, for the analyst (CLI text or JSON, the GUI's report).
struct ImportReport
{
    QString file;               // the file imported (the later snapshot for two pg_stat_statements files)
    QStringList files;          // every file read
    QString format;             // generic, snowflake, bigquery, dremio, databricks, pg_stat_statements, trino
    QString formatDetection;    // how the format was chosen ("detected from the header", "--format")
    qint64 rowsRead = 0;        // data records in the file(s)
    qint64 inserted = 0;        // new jobs
    qint64 updated = 0;         // existing jobs whose stored values changed
    qint64 unchanged = 0;       // existing jobs the file repeats exactly
    qint64 duplicates = 0;      // records whose key appeared earlier in the same file (last wins)
    qint64 merged = 0;          // records that went into another record's job: pg_stat_statements rows of
                                // one statement for several users, databases or levels, and the earlier
                                // snapshot's rows, subtracted from the later ones
    qint64 rejected = 0;        // records refused (only with skipInvalid; otherwise the import fails)
    qint64 skipped = 0;         // records deliberately not imported (see notes), e.g. no calls between snapshots
    // Every record read is one of these: rowsRead = inserted + updated + unchanged + duplicates
    // + merged + rejected + skipped (job imports).
    QList<RejectedRecord> rejectedRecords; // the first ones, in file order
    QStringList conversions;    // unit conversions applied: "duration_ms ← TOTAL_ELAPSED_TIME (ms)"
    qint64 cacheHits = 0;       // jobs flagged as served from a result cache
    QStringList cacheHitJobs;   // their IDs (the first ones)
    QStringList notes;          // anything else the analyst should know (pg_stat_statements method, …)
    QStringList ignoredColumns; // header names we do not use
};

struct ImportOptions
{
    // "auto" (detect from the header), or one format id (see EngineFormats::ids()).
    QString format = QStringLiteral("auto");
    // Import the valid records and list the invalid ones, instead of refusing the file.
    bool skipInvalid = false;
    // The times of pg_stat_statements dumps that have no snapshot_time column, one for each
    // such file in order. A dump without one is named by its content.
    QList<QDateTime> snapshotTimes;
    // Called now and then with bytes read and the total size; returning false cancels the
    // import, which then writes nothing.
    std::function<bool(qint64 bytesRead, qint64 totalBytes)> progress;
};
