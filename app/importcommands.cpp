// optimeter import queries|recommendations and optimeter demo: what fills a database.

#include "commandline.h"

#include "clioutput.h"
#include "database.h"
#include "demodata.h"
#include "engineformats.h"
#include "fieldparser.h"
#include "jobimporter.h"
#include "recommendationimporter.h"
#include "subparser.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cli;

int CommandLine::runImport(const QStringList &arguments)
{
    const QString what = arguments.value(0);
    if (what != QLatin1String("queries") && what != QLatin1String("recommendations")) {
        if (what == QLatin1String("--help") || what == QLatin1String("-h")) {
            print(QStringLiteral("Usage: optimeter import queries|recommendations FILE [options]\n\n"
                                 "Imports job history or recommendations. "
                                 "'optimeter import queries --help' tells more."));
            return Done;
        }
        return usageError(what.isEmpty() ? QStringLiteral("import what? Say 'queries' or 'recommendations'")
                                         : QStringLiteral("cannot import '%1': say 'queries' or "
                                                          "'recommendations'").arg(what),
                          QStringLiteral("import"));
    }
    const bool queries = what == QLatin1String("queries");
    SubParser sub(QStringLiteral("import ") + what,
                  queries ? QStringLiteral(
                                "Imports job history and execution profiles: a query-history export of "
                                "Snowflake (ACCOUNT_USAGE.QUERY_HISTORY), BigQuery (INFORMATION_SCHEMA.JOBS, "
                                "CSV or bq's JSON/NDJSON), Dremio (sys.jobs_recent), Databricks "
                                "(system.query.history, CSV or JSON), PostgreSQL (pg_stat_statements "
                                "snapshots: give two files to measure the calls between them) or Trino "
                                "(event-listener table), or our generic CSV with a header naming columns of "
                                "the queries and profiles tables:\n  job_id, duration_ms (required), "
                                "query_text, query_hash, engine, user_name, warehouse, warehouse_size, "
                                "started_at, status, cache_hit,\n  memory_allocated, data_scanned (bytes), "
                                "rows_scanned, rows_returned, partitions_scanned, cpu_time_ms.\nThe format is "
                                "recognised from the header. Every metric is converted to ms and bytes; one the "
                                "engine lacks stays empty. Jobs served from a result cache are flagged. A job "
                                "that exists is replaced in the columns the file has. One bad record rejects "
                                "the whole file, unless --skip-invalid.")
                          : QStringLiteral(
                                "Imports recommendations from a CSV file: job_id and issue_type "
                                "required; id, title, description, estimated_improvement_pct, status "
                                "(open, implemented, dismissed), created_at, implemented_at optional. "
                                "An existing id is replaced. Every job_id must be an imported job. "
                                "One bad row rejects the whole file."),
                  queries ? QStringLiteral("FILE [SNAPSHOT2]") : QStringLiteral("FILE"));
    sub.addPositional(QStringLiteral("FILE"), queries ? QStringLiteral("The export (CSV, JSON or NDJSON; UTF-8).")
                                                      : QStringLiteral("The CSV file (UTF-8, comma-separated)."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("The file's format: auto (default), %1.")
                                        .arg(EngineFormats::ids().join(QStringLiteral(", "))),
                                    QStringLiteral("FORMAT"), QStringLiteral("auto"));
    const QCommandLineOption skipInvalid(QStringLiteral("skip-invalid"),
                                         QStringLiteral("Import the valid records and list the rejected ones, "
                                                        "instead of refusing the file."));
    const QCommandLineOption snapshotTime(
        QStringLiteral("snapshot-time"),
        QStringLiteral("When a pg_stat_statements dump without a snapshot_time column was taken (ISO 8601; no "
                       "zone means UTC); once for each such file, in order. Without it, such a snapshot is named "
                       "by the file's content."),
        QStringLiteral("T"));
    if (queries) {
        sub.addOption(format);
        sub.addOption(skipInvalid);
        sub.addOption(snapshotTime);
    }
    sub.setExamples(queries ? QStringLiteral("  optimeter import queries history.csv\n"
                                             "  optimeter import queries --format bigquery jobs.ndjson\n"
                                             "  optimeter import queries pgss-monday.csv pgss-tuesday.csv\n"
                                             "  optimeter import queries pgss.csv --snapshot-time 2024-05-02T12:30:00Z\n")
                            : QStringLiteral("  optimeter import recommendations recs.csv\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments.mid(1), exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    const QStringList files = sub.positional();
    const qsizetype allowed = queries ? 2 : 1;
    if (files.isEmpty() || files.size() > allowed)
        return usageError(files.isEmpty() ? QStringLiteral("no FILE given")
                                          : QStringLiteral("%1 files given; %2")
                                                .arg(files.size())
                                                .arg(queries ? QStringLiteral("one, or two pg_stat_statements snapshots")
                                                             : QStringLiteral("one at a time")),
                          sub.command());
    ImportOptions options;
    if (queries) {
        options.format = sub.value(format).trimmed().toLower();
        options.skipInvalid = sub.isSet(skipInvalid);
        for (const QString &text : sub.values(snapshotTime)) {
            const auto parsed = FieldParser::timestamp(text);
            if (FieldParser::failed(parsed) || !FieldParser::value(parsed))
                return usageError(QStringLiteral("--snapshot-time %1")
                                      .arg(FieldParser::failed(parsed) ? FieldParser::message(parsed)
                                                                       : QStringLiteral("is empty")),
                                  sub.command());
            options.snapshotTimes << *FieldParser::value(parsed);
        }
        if (options.format != QLatin1String("auto") && !EngineFormats::create(options.format))
            return usageError(QStringLiteral("unknown format '%1'; known formats: auto, %2")
                                  .arg(sub.value(format), EngineFormats::ids().join(QStringLiteral(", "))),
                              sub.command());
    }

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto report = queries ? JobImporter(**database).importFiles(files, options)
                                : RecommendationImporter(**database).importFile(files.first());
    if (!report)
        return fail(report.error());
    if (!report->ignoredColumns.isEmpty())
        printWarning(QStringLiteral("%1: ignored unknown columns: %2")
                         .arg(files.first(), report->ignoredColumns.join(QStringLiteral(", "))));
    for (const RejectedRecord &record : report->rejectedRecords)
        printWarning(QStringLiteral("rejected %1").arg(record.message));
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(CliOutput::importJson(*report)).toJson(QJsonDocument::Compact)));
    else
        print(CliOutput::importText(*report, queries ? QStringLiteral("records") : QStringLiteral("recommendations")));
    return Done;
}

int CommandLine::runDemo(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("demo"),
                  QStringLiteral("Fills the database with realistic sample data: N measurements "
                                 "(about 80 % completed, a few regressions) of recommendations over "
                                 "several engines and issue types, with their jobs and profiles, spread "
                                 "over the past year; a tenth are recurring queries whose many runs give "
                                 "every verdict (improved, no change, regressed, insufficient runs). Adds to "
                                 "what is there."));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Number of measurements (default 2000)."),
                                  QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed, for the same data again."),
                                  QStringLiteral("S"));
    sub.addOption(size);
    sub.addOption(seed);
    sub.setExamples(QStringLiteral("  optimeter --db demo.sqlite demo --size 100000\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), sub.command());
    DemoData::Options options;
    bool ok = false;
    options.measurements = sub.value(size).toLongLong(&ok);
    if (!ok || options.measurements < 1 || options.measurements > 100'000'000)
        return usageError(QStringLiteral("--size must be a whole number from 1 to 100000000, not '%1'")
                              .arg(sub.value(size)),
                          sub.command());
    if (sub.isSet(seed)) {
        options.seed = sub.value(seed).toULongLong(&ok);
        if (!ok)
            return usageError(QStringLiteral("--seed must be a whole number, not '%1'").arg(sub.value(seed)),
                              sub.command());
    }

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    QElapsedTimer timer;
    timer.start();
    const auto report = DemoData(**database).generate(options);
    if (!report)
        return fail(report.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("jobs"), report->jobs},
                                                          {QStringLiteral("recommendations"), report->recommendations},
                                                          {QStringLiteral("measurements"), report->measurements},
                                                          {QStringLiteral("completed"), report->completed}})
                                    .toJson(QJsonDocument::Compact)));
    else
        print(QStringLiteral("Added %1 measurements (%2 completed), %3 recommendations and %4 jobs to %5 in %6 s")
                  .arg(report->measurements)
                  .arg(report->completed)
                  .arg(report->recommendations)
                  .arg(report->jobs)
                  .arg((*database)->displayName())
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    return Done;
}
