#include "commandline.h"

#include "clioutput.h"
#include "csvreportwriter.h"
#include "database.h"
#include "demodata.h"
#include "engineformats.h"
#include "fieldparser.h"
#include "jobimporter.h"
#include "jobrepository.h"
#include "dashboardstatistics.h"
#include "mainwindow.h"
#include "pages/measurementspage.h"
#include "plots/chartexport.h"
#include "plots/distributionchart.h"
#include "plots/scatterplot.h"
#include "plots/successchart.h"
#include "appsettings.h"
#include "measurementservice.h"
#include "recommendationimporter.h"
#include "recommendationrepository.h"
#include "sqlitefile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

const char *const globalHelp = R"(Usage: optimeter [--db LOCATION] [--json] COMMAND ...

Optimeter proves whether query optimizations paid off: it keeps the metrics of each
recommendation's original job (before) and of the optimized job (after), and judges the
improvement against the estimate. Without a COMMAND it opens the dashboard.

Commands:
  import queries FILE          import job history (+ profiles) from CSV
  import recommendations FILE  import recommendations from CSV
  measure before               record the before metrics of a recommendation
  measure after                record the after job and compute the improvement
  measure correct              replace a wrongly typed after job and recompute
  measure show R               show the latest measurement of recommendation R
  job show J                   show job J and its profile as stored
  summary                      success rate, average improvement, time saved
  export csv                   write the CSV report, one row per measurement
  export chart KIND            render a chart to PNG, SVG or PDF without a display
  demo                         fill the database with realistic sample data
  screenshot FILE.png          render a page of the main window without a display

Global options (before the command):
  --db LOCATION   a SQLite file, or postgresql://user[:password]@host[:port]/dbname
                  (default: $OPTIMETER_DB, else optimeter.sqlite in the user's data folder)
  --json          print results as one JSON object
  -h, --help      show this help; 'optimeter COMMAND --help' shows a command's help
  -v, --version   show the version

Exit status: 0 done, 1 not found or not allowed now, 2 usage error, 3 bad input file.

Examples:
  optimeter demo --size 5000
  optimeter import queries history.csv
  optimeter measure before --recommendation 42
  optimeter measure after --recommendation 42 --job 01b7c3a2-0000-4e1f-8000-000000000042
  optimeter --json summary --days 90 --issue-type select_star
)";

struct Usage
{
    QString message;
};

// A sub-command's parser: its own options, its own help, errors reported as usage errors.
class SubParser
{
public:
    SubParser(QString command, QString description, QString positional = {})
        : m_command(std::move(command)), m_positional(std::move(positional))
    {
        m_parser.setApplicationDescription(description);
        m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        m_parser.addOption(m_help);
    }

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    void addPositional(const QString &name, const QString &description, const QString &syntax = {})
    {
        m_parser.addPositionalArgument(name, description, syntax);
    }
    void setExamples(QString examples) { m_examples = std::move(examples); }

    // Parses `arguments` (the words after the command). On --help prints help and returns
    // false with `exitCode` 0; on an error returns false with a usage message.
    bool parse(const QStringList &arguments, int &exitCode, QString &error)
    {
        if (!m_parser.parse(QStringList{m_command} + arguments)) {
            error = m_parser.errorText();
            exitCode = CommandLine::UsageError;
            return false;
        }
        if (m_parser.isSet(m_help)) {
            CommandLine::print(help());
            exitCode = CommandLine::Done;
            return false;
        }
        return true;
    }

    QString help() const
    {
        QString text = m_parser.helpText();
        // Qt names the program from argv[0]; name the whole command instead.
        const qsizetype end = text.indexOf(u'\n');
        QString usage = QStringLiteral("Usage: optimeter %1 [options]").arg(m_command);
        if (!m_positional.isEmpty())
            usage += u' ' + m_positional;
        text = usage + u'\n' + text.mid(end);
        if (!m_examples.isEmpty())
            text += QStringLiteral("\nExamples:\n") + m_examples;
        return text.trimmed();
    }

    const QCommandLineParser &parser() const { return m_parser; }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }
    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QStringList positional() const { return m_parser.positionalArguments(); }
    QString command() const { return m_command; }

private:
    QString m_command;
    QString m_positional;
    QString m_examples;
    QCommandLineParser m_parser;
    QCommandLineOption m_help{{QStringLiteral("h"), QStringLiteral("help")},
                              QStringLiteral("Show this help.")};
};

QCommandLineOption daysOption(const QString &defaultText)
{
    return QCommandLineOption(QStringLiteral("days"),
                              QStringLiteral("Measurements whose latest recording is within the last "
                                             "N days (%1).").arg(defaultText),
                              QStringLiteral("N"));
}

const QCommandLineOption issueTypeOption(QStringLiteral("issue-type"),
                                         QStringLiteral("Only recommendations of this issue type."),
                                         QStringLiteral("T"));

// Reads --days and --issue-type into a window; false with `error` on a bad number.
bool readWindow(const SubParser &parser, const QCommandLineOption &days,
                std::optional<int> defaultDays, MeasurementWindow &window, QString &error)
{
    window.days = defaultDays;
    if (parser.isSet(days)) {
        bool ok = false;
        const int value = parser.value(days).toInt(&ok);
        if (!ok || value < 1) {
            error = QStringLiteral("--days must be a whole number of at least 1, not '%1'")
                        .arg(parser.value(days));
            return false;
        }
        window.days = value;
    }
    if (parser.isSet(issueTypeOption))
        window.issueType = parser.value(issueTypeOption);
    return true;
}

// Reads --size WIDTHxHEIGHT between `smallest` and 10000x10000; nothing with `error` set
// otherwise.
std::optional<QSize> readSize(const QString &text, QSize smallest, QString &error)
{
    const QStringList dimensions = text.split(u'x');
    const QSize size(dimensions.value(0).toInt(), dimensions.value(1).toInt());
    if (dimensions.size() != 2 || size.width() < smallest.width() || size.height() < smallest.height()
        || size.width() > 10000 || size.height() > 10000) {
        error = QStringLiteral("--size must be WIDTHxHEIGHT between %1x%2 and 10000x10000, not '%3'")
                    .arg(smallest.width())
                    .arg(smallest.height())
                    .arg(text);
        return std::nullopt;
    }
    return size;
}

} // namespace

void CommandLine::print(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void CommandLine::printError(const QString &message)
{
    QString line = message;
    line.replace(u'\n', u' ');
    const QByteArray bytes = (QStringLiteral("error: ") + line + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void CommandLine::printWarning(const QString &message)
{
    const QByteArray bytes = (QStringLiteral("warning: ") + message + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

int CommandLine::usageError(const QString &message, const QString &helpCommand)
{
    printError(message);
    const QByteArray hint =
        (QStringLiteral("Try 'optimeter %1--help' for more information.\n")
             .arg(helpCommand.isEmpty() ? QString() : helpCommand + u' '))
            .toUtf8();
    std::fwrite(hint.constData(), 1, size_t(hint.size()), stderr);
    return UsageError;
}

int CommandLine::fail(const Error &error)
{
    printError(error.message);
    switch (error.kind) {
    case Error::Kind::InvalidInput:
    case Error::Kind::Io:
        return InputError;
    case Error::Kind::NotFound:
    case Error::Kind::InvalidState:
    case Error::Kind::Database:
    case Error::Kind::Canceled:
        return DomainError;
    }
    return DomainError;
}

Result<std::unique_ptr<Database>> CommandLine::openDatabase()
{
    auto database = Database::open(m_location.isEmpty() ? Database::defaultLocation() : m_location);
    if (database)
        for (const QString &warning : (*database)->warnings())
            printWarning(warning);
    return database;
}

bool CommandLine::hasCommand(const QStringList &arguments)
{
    // Anything but the GUI-only options means the command line runs (and reports errors).
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--db") || argument == QLatin1String("--lang")) {
            if (++i == arguments.size())
                return true; // the value is missing: the command line says so
            continue;
        }
        if (argument.startsWith(QLatin1String("--db=")) || argument.startsWith(QLatin1String("--lang=")))
            continue;
        return true;
    }
    return false;
}

int CommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption db(QStringLiteral("db"), QString(), QStringLiteral("LOCATION"));
    const QCommandLineOption json(QStringLiteral("json"), QString());
    const QCommandLineOption lang(QStringLiteral("lang"), QString(), QStringLiteral("LANGUAGE"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QString());
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QString());
    parser.addOptions({db, json, lang, help, version});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        print(QString::fromUtf8(globalHelp).trimmed());
        return Done;
    }
    if (parser.isSet(version)) {
        print(QStringLiteral("optimeter %1").arg(QCoreApplication::applicationVersion()));
        return Done;
    }
    m_location = parser.value(db);
    m_json = parser.isSet(json);
    if (parser.isSet(db) && m_location.trimmed().isEmpty())
        return usageError(QStringLiteral("--db needs a location"));

    const QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        return usageError(QStringLiteral("no command given"));
    const QString command = words.first();
    const QStringList rest = words.mid(1);
    if (command == QLatin1String("import"))
        return runImport(rest);
    if (command == QLatin1String("measure"))
        return runMeasure(rest);
    if (command == QLatin1String("job"))
        return runJob(rest);
    if (command == QLatin1String("summary"))
        return runSummary(rest);
    if (command == QLatin1String("export"))
        return runExport(rest);
    if (command == QLatin1String("demo"))
        return runDemo(rest);
    if (command == QLatin1String("screenshot"))
        return runScreenshot(rest);
    if (command == QLatin1String("help")) {
        print(QString::fromUtf8(globalHelp).trimmed());
        return Done;
    }
    return usageError(QStringLiteral("unknown command '%1'").arg(command));
}

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

int CommandLine::runMeasure(const QStringList &arguments)
{
    const QString action = arguments.value(0);
    const QStringList actions{QStringLiteral("before"), QStringLiteral("after"),
                              QStringLiteral("correct"), QStringLiteral("show")};
    if (!actions.contains(action)) {
        if (action == QLatin1String("--help") || action == QLatin1String("-h")) {
            print(QStringLiteral("Usage: optimeter measure before|after|correct|show ...\n\n"
                                 "'optimeter measure before --help' and so on tell more."));
            return Done;
        }
        return usageError(action.isEmpty() ? QStringLiteral("measure what? Say before, after, correct or show")
                                           : QStringLiteral("unknown measure action '%1'; use before, "
                                                            "after, correct or show").arg(action),
                          QStringLiteral("measure"));
    }
    const QCommandLineOption recommendation(QStringLiteral("recommendation"),
                                            QStringLiteral("The recommendation's id."), QStringLiteral("R"));
    const QCommandLineOption job(QStringLiteral("job"), QStringLiteral("The job's ID."), QStringLiteral("J"));
    const QCommandLineOption by(QStringLiteral("by"),
                                QStringLiteral("Who records it (default: the OS user, %1).")
                                    .arg(MeasurementService::defaultMeasuredBy()),
                                QStringLiteral("NAME"));
    const QCommandLineOption allowCached(
        QStringLiteral("allow-cached"),
        QStringLiteral("Record J even though the engine served it from a result cache: its metrics are "
                       "not a real run and would show a false improvement. The measurement notes it."));
    const QString command = QStringLiteral("measure ") + action;
    std::unique_ptr<SubParser> sub;
    if (action == QLatin1String("before")) {
        sub = std::make_unique<SubParser>(command, QStringLiteral(
            "Records the before metrics of recommendation R from job J (R's own job by default). "
            "R must have no open measurement."), QStringLiteral("--recommendation R [--job J]"));
        sub->addOption(recommendation);
        sub->addOption(job);
        sub->addOption(by);
        sub->setExamples(QStringLiteral("  optimeter measure before --recommendation 42\n"));
    } else if (action == QLatin1String("after") || action == QLatin1String("correct")) {
        sub = std::make_unique<SubParser>(command, action == QLatin1String("after")
            ? QStringLiteral("Records the optimized job J of recommendation R, computes the "
                             "improvements and judges them against the estimate.")
            : QStringLiteral("Replaces the after job of R's latest completed measurement with J "
                             "(a wrongly typed ID) and recomputes it."),
            QStringLiteral("--recommendation R --job J [--allow-cached]"));
        sub->addOption(recommendation);
        sub->addOption(job);
        sub->addOption(by);
        sub->addOption(allowCached);
        sub->setExamples(QStringLiteral("  optimeter measure %1 --recommendation 42 --job bquxjob_5e2a9c1d\n").arg(action));
    } else {
        sub = std::make_unique<SubParser>(command, QStringLiteral(
            "Shows the latest measurement of recommendation R."), QStringLiteral("R"));
        sub->addPositional(QStringLiteral("R"), QStringLiteral("The recommendation's id."));
        sub->setExamples(QStringLiteral("  optimeter --json measure show 42\n"));
    }
    int exitCode = Done;
    QString error;
    if (!sub->parse(arguments.mid(1), exitCode, error))
        return exitCode == Done ? Done : usageError(error, command);

    QString recommendationText;
    if (action == QLatin1String("show")) {
        if (sub->positional().size() != 1)
            return usageError(QStringLiteral("give exactly one recommendation id"), command);
        recommendationText = sub->positional().first();
    } else {
        if (!sub->positional().isEmpty())
            return usageError(QStringLiteral("unexpected argument '%1'").arg(sub->positional().first()), command);
        if (!sub->isSet(recommendation))
            return usageError(QStringLiteral("--recommendation R is required"), command);
        recommendationText = sub->value(recommendation);
        if (action != QLatin1String("before") && !sub->isSet(job))
            return usageError(QStringLiteral("--job J is required: the optimized job's ID"), command);
        if (sub->isSet(job) && sub->value(job).trimmed().isEmpty())
            return usageError(QStringLiteral("--job needs a job ID"), command);
    }
    // Any whole number: one that names no recommendation (0, -3, 99) is "not found", exit 1.
    bool isNumber = false;
    const qint64 parsedId = recommendationText.trimmed().toLongLong(&isNumber);
    const std::optional<qint64> recommendationId = isNumber ? std::optional(parsedId) : std::nullopt;
    if (!recommendationId)
        return usageError(QStringLiteral("'%1' is not a recommendation id (a whole number)")
                              .arg(recommendationText),
                          command);
    std::optional<QString> measuredBy;
    if (sub->isSet(by) && !sub->value(by).trimmed().isEmpty())
        measuredBy = sub->value(by).trimmed();

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    // The tolerance and "exceeded" margin the analyst set (Settings), as in the window: a
    // verdict must not depend on which tool recorded it.
    MeasurementService service(**database, AppSettings::measurementSettings());
    Result<Measurement> result = Error::database(QString());
    if (action == QLatin1String("before")) {
        const std::optional<QString> jobId =
            sub->isSet(job) ? std::optional(sub->value(job).trimmed()) : std::nullopt;
        result = service.recordBefore(*recommendationId, jobId, measuredBy);
    } else if (action == QLatin1String("after")) {
        result = service.recordAfter(*recommendationId, sub->value(job).trimmed(), measuredBy,
                                     sub->isSet(allowCached));
    } else if (action == QLatin1String("correct")) {
        result = service.correctAfter(*recommendationId, sub->value(job).trimmed(), measuredBy,
                                      sub->isSet(allowCached));
    } else {
        result = service.latest(*recommendationId);
    }
    if (!result)
        return fail(result.error());
    for (const QString &warning : std::as_const(result->warnings))
        printWarning(warning);
    if (m_json) {
        print(QString::fromUtf8(QJsonDocument(CliOutput::measurementJson(*result)).toJson(QJsonDocument::Compact)));
    } else {
        const auto found = RecommendationRepository(**database).find(*recommendationId);
        const std::optional<double> estimate =
            found && found.value() ? found.value()->estimatedImprovementPct : std::nullopt;
        print(CliOutput::measurementText(*result, estimate));
    }
    return Done;
}

int CommandLine::runJob(const QStringList &arguments)
{
    if (arguments.value(0) != QLatin1String("show")) {
        if (arguments.value(0) == QLatin1String("--help") || arguments.value(0) == QLatin1String("-h")) {
            print(QStringLiteral("Usage: optimeter job show J\n\nShows job J and its profile as stored."));
            return Done;
        }
        return usageError(QStringLiteral("say 'job show J'"), QStringLiteral("job show"));
    }
    SubParser sub(QStringLiteral("job show"),
                  QStringLiteral("Shows job J and its execution profile as stored: durations in ms, "
                                 "memory and data scanned in bytes, times in UTC."),
                  QStringLiteral("J"));
    sub.addPositional(QStringLiteral("J"), QStringLiteral("The job's ID (case-sensitive)."));
    sub.setExamples(QStringLiteral("  optimeter --json job show bquxjob_5e2a9c1d_18c2f\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments.mid(1), exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (sub.positional().size() != 1)
        return usageError(QStringLiteral("give exactly one job ID"), sub.command());
    const QString jobId = sub.positional().first();

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const JobRepository jobs(**database);
    const auto found = jobs.find(jobId);
    if (!found)
        return fail(found.error());
    if (!found.value())
        return fail(Error::notFound(QStringLiteral("Job not found: %1").arg(jobId)));
    const auto profile = jobs.findProfile(jobId);
    if (!profile)
        return fail(profile.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(CliOutput::jobJson(*found.value(), profile.value()))
                                    .toJson(QJsonDocument::Compact)));
    else
        print(CliOutput::jobText(*found.value(), profile.value()));
    return Done;
}

int CommandLine::runSummary(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("summary"),
                  QStringLiteral("Summarises the measurements recorded in a window: how many, how many "
                                 "completed, average improvement, success rate, time saved, met / "
                                 "exceeded / underperformed."));
    const QCommandLineOption days = daysOption(QStringLiteral("default 30"));
    sub.addOption(days);
    sub.addOption(issueTypeOption);
    sub.setExamples(QStringLiteral("  optimeter summary --days 90\n  optimeter --json summary --issue-type select_star\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), sub.command());
    MeasurementWindow window;
    if (!readWindow(sub, days, 30, window, error))
        return usageError(error, sub.command());

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto summary = MeasurementService(**database, AppSettings::measurementSettings()).summary(window);
    if (!summary)
        return fail(summary.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(CliOutput::summaryJson(*summary)).toJson(QJsonDocument::Compact)));
    else
        print(CliOutput::summaryText(*summary, window));
    return Done;
}

int CommandLine::runExport(const QStringList &arguments)
{
    if (arguments.value(0) == QLatin1String("chart"))
        return runExportChart(arguments.mid(1));
    if (arguments.value(0) != QLatin1String("csv")) {
        if (arguments.value(0) == QLatin1String("--help") || arguments.value(0) == QLatin1String("-h")) {
            print(QStringLiteral("Usage: optimeter export csv|chart --out FILE [options]\n\n"
                                 "'optimeter export csv --help' and 'optimeter export chart --help' tell more."));
            return Done;
        }
        return usageError(arguments.isEmpty() ? QStringLiteral("export what? Say 'csv' or 'chart'")
                                              : QStringLiteral("cannot export '%1'; say 'csv' or 'chart'").arg(arguments.first()),
                          QStringLiteral("export"));
    }
    SubParser sub(QStringLiteral("export csv"),
                  QStringLiteral("Writes the CSV report: one row per measurement with its "
                                 "recommendation, both jobs, every metric, the four improvements, "
                                 "estimate, delta, verdict and timestamps. RFC 4180, UTF-8, CRLF. "
                                 "All measurements unless --days or --issue-type narrow it."),
                  QStringLiteral("--out FILE"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The CSV file to write."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption days = daysOption(QStringLiteral("default: all"));
    const QCommandLineOption bom(QStringLiteral("bom"),
                                 QStringLiteral("Start the file with a UTF-8 byte-order mark (for Excel)."));
    sub.addOption(out);
    sub.addOption(days);
    sub.addOption(issueTypeOption);
    sub.addOption(bom);
    sub.setExamples(QStringLiteral("  optimeter export csv --out report.csv --days 90 --bom\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments.mid(1), exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), sub.command());
    if (sub.value(out).isEmpty())
        return usageError(QStringLiteral("--out FILE is required"), sub.command());
    CsvReportWriter::Options options;
    if (!readWindow(sub, days, std::nullopt, options.window, error))
        return usageError(error, sub.command());
    options.byteOrderMark = sub.isSet(bom);

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto rows = CsvReportWriter(**database).write(sub.value(out), options);
    if (!rows)
        return fail(rows.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("file"), sub.value(out)},
                                                          {QStringLiteral("rows"), *rows}})
                                    .toJson(QJsonDocument::Compact)));
    else
        print(QStringLiteral("Wrote %1 measurement%2 to %3").arg(*rows).arg(*rows == 1 ? QString() : QStringLiteral("s"), sub.value(out)));
    return Done;
}

int CommandLine::runDemo(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("demo"),
                  QStringLiteral("Fills the database with realistic sample data: N measurements "
                                 "(about 80 % completed, a few regressions) of recommendations over "
                                 "several engines and issue types, with their jobs and profiles, spread "
                                 "over the past year. Adds to what is there."));
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

bool CommandLine::needsWidgets(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addOptions({QCommandLineOption(QStringLiteral("db"), QString(), QStringLiteral("L")),
                       QCommandLineOption(QStringLiteral("lang"), QString(), QStringLiteral("L")),
                       QCommandLineOption(QStringLiteral("json"))});
    if (!parser.parse(arguments))
        return false;
    const QStringList words = parser.positionalArguments();
    return words.value(0) == QLatin1String("screenshot")
           || (words.value(0) == QLatin1String("export") && words.value(1) == QLatin1String("chart"));
}

int CommandLine::runScreenshot(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("screenshot"),
                  QStringLiteral("Renders a page of the main window on the database to a PNG file, without "
                                 "a display."),
                  QStringLiteral("FILE.png"));
    sub.addPositional(QStringLiteral("FILE.png"), QStringLiteral("The PNG file to write."));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("dashboard (default), measurements, recommendations or jobs."),
                                  QStringLiteral("PAGE"), QStringLiteral("dashboard"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, default 1400x900."),
                                  QStringLiteral("WxH"), QStringLiteral("1400x900"));
    const QCommandLineOption days = daysOption(QStringLiteral("default: the saved window"));
    sub.addOption(page);
    sub.addOption(size);
    sub.addOption(days);
    sub.setExamples(QStringLiteral("  optimeter --db demo.sqlite screenshot dashboard.png --page dashboard\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (sub.positional().size() != 1)
        return usageError(QStringLiteral("give one FILE.png"), sub.command());
    const QString out = sub.positional().first();
    if (!out.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return usageError(QStringLiteral("the screenshot is a PNG file: '%1' does not end in .png").arg(out),
                          sub.command());
    const QStringList pages{QStringLiteral("dashboard"), QStringLiteral("measurements"),
                            QStringLiteral("recommendations"), QStringLiteral("jobs")};
    const int pageIndex = int(pages.indexOf(sub.value(page)));
    if (pageIndex < 0)
        return usageError(QStringLiteral("unknown page '%1'; use %2").arg(sub.value(page), pages.join(QStringLiteral(", "))),
                          sub.command());
    const auto windowSize = readSize(sub.value(size), QSize(320, 240), error);
    if (!windowSize)
        return usageError(error, sub.command());
    MeasurementWindow window;
    if (!readWindow(sub, days, std::nullopt, window, error))
        return usageError(error, sub.command());

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    if (Status output = SqliteFile::checkOutput(out); !output)
        return fail(output.error());
    auto *mainWindow = new MainWindow(std::move(database).value());
    if (sub.isSet(days))
        mainWindow->setWindowDays(window.days);
    mainWindow->showPage(MainWindow::Page(pageIndex));
    mainWindow->loadChartsNow();
    mainWindow->resize(*windowSize);
    mainWindow->show();
    QApplication::processEvents();
    // The Measurements page reads its rows in workers: wait for them (at most 30 s).
    QElapsedTimer waited;
    waited.start();
    while (mainWindow->measurementsPage()->isLoading() && waited.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    QApplication::processEvents();
    const QImage image = mainWindow->grab().toImage();
    mainWindow->setAttribute(Qt::WA_DeleteOnClose, false);
    delete mainWindow;
    if (!image.save(out, "PNG"))
        return fail(Error::io(QStringLiteral("%1: cannot be written").arg(out)));
    if (!m_json)
        print(QStringLiteral("Wrote %1 (%2x%3)").arg(out).arg(image.width()).arg(image.height()));
    return Done;
}

int CommandLine::runExportChart(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("export chart"),
                  QStringLiteral("Renders a dashboard chart without a window: distribution (improvement "
                                 "histogram), success (success rate per issue type) or scatter (estimated vs "
                                 "actual). The format follows the extension: .png, .svg or .pdf."),
                  QStringLiteral("distribution|success|scatter --out FILE"));
    sub.addPositional(QStringLiteral("KIND"), QStringLiteral("distribution, success or scatter."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE"));
    const QCommandLineOption days = daysOption(QStringLiteral("default 30"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Size in pixels, default 1200x800."),
                                  QStringLiteral("WxH"), QStringLiteral("1200x800"));
    sub.addOption(out);
    sub.addOption(days);
    sub.addOption(issueTypeOption);
    sub.addOption(size);
    sub.setExamples(QStringLiteral("  optimeter export chart scatter --out scatter.svg --days 90\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    const QStringList kinds{QStringLiteral("distribution"), QStringLiteral("success"), QStringLiteral("scatter")};
    if (sub.positional().isEmpty())
        return usageError(QStringLiteral("say which chart: distribution, success or scatter"), sub.command());
    if (sub.positional().size() > 1 || !kinds.contains(sub.positional().first()))
        return usageError(QStringLiteral("'%1' is not a chart; say distribution, success or scatter")
                              .arg(sub.positional().join(u' ')),
                          sub.command());
    if (sub.value(out).isEmpty())
        return usageError(QStringLiteral("--out FILE is required"), sub.command());
    const QString suffix = QFileInfo(sub.value(out)).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return usageError(QStringLiteral("--out must end in .png, .svg or .pdf, not '%1'").arg(sub.value(out)),
                          sub.command());
    const auto chartSize = readSize(sub.value(size), QSize(200, 150), error);
    if (!chartSize)
        return usageError(error, sub.command());
    MeasurementWindow window;
    if (!readWindow(sub, days, 30, window, error))
        return usageError(error, sub.command());

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const DashboardStatistics statistics(**database);
    std::unique_ptr<QWidget> chart;
    const QString kind = sub.positional().first();
    if (kind == QLatin1String("distribution")) {
        const auto data = statistics.distribution(window);
        if (!data)
            return fail(data.error());
        auto widget = std::make_unique<DistributionChart>();
        widget->setDistribution(*data);
        chart = std::move(widget);
    } else if (kind == QLatin1String("success")) {
        const auto data = statistics.success(window);
        if (!data)
            return fail(data.error());
        auto widget = std::make_unique<SuccessChart>();
        widget->setSuccess(*data, AppSettings::successTargetPct());
        chart = std::move(widget);
    } else {
        auto data = statistics.points(window);
        if (!data)
            return fail(data.error());
        auto widget = std::make_unique<ScatterPlot>();
        widget->setPoints(std::move(data).value(), AppSettings::measurementSettings().tolerancePct);
        chart = std::move(widget);
    }
    const Status written = ChartExport::write(chart.get(), sub.value(out), *chartSize);
    if (!written)
        return fail(written.error());
    if (!m_json)
        print(QStringLiteral("Wrote %1 (%2x%3)").arg(sub.value(out)).arg(chartSize->width()).arg(chartSize->height()));
    return Done;
}
