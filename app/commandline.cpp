#include "commandline.h"

#include "database.h"
#include "subparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>

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
  measure suggest R            list candidates for the after job of recommendation R
  measure show R               show the latest measurement of recommendation R
  measure runs R               list the runs of recommendation R's latest measurement
  measure refresh              gather again the other runs of measurements (--similar)
  measure rejudge              judge every measurement again with another tolerance
  job show J                   show job J and its profile as stored
  summary                      success rate, average improvement, time saved
  calibration                  estimated vs actual improvement, per issue type
  export csv                   write the CSV report, one row per measurement
  export chart KIND            render a chart to PNG, SVG or PDF without a display
  demo                         fill the database with realistic sample data
  screenshot FILE.png          render a page of the main window without a display
  watch                        print a line per change other programs commit, until Ctrl+C

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

} // namespace

using namespace Cli;

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
    if (command == QLatin1String("calibration"))
        return runCalibration(rest);
    if (command == QLatin1String("export"))
        return runExport(rest);
    if (command == QLatin1String("demo"))
        return runDemo(rest);
    if (command == QLatin1String("screenshot"))
        return runScreenshot(rest);
    if (command == QLatin1String("watch"))
        return runWatch(rest);
    if (command == QLatin1String("help")) {
        print(QString::fromUtf8(globalHelp).trimmed());
        return Done;
    }
    return usageError(QStringLiteral("unknown command '%1'").arg(command));
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
