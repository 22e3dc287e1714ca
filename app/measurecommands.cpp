// optimeter measure before|after|correct|show and optimeter job show: recording and reading
// measurements (SPEC §3.5, §5.1). measurerunscommands.cpp has refresh, runs and rejudge.

#include "commandline.h"

#include "appsettings.h"
#include "clioutput.h"
#include "database.h"
#include "expectationjudge.h"
#include "jobrepository.h"
#include "measurementruns.h"
#include "measurementservice.h"
#include "recommendationrepository.h"
#include "subparser.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Cli;

int CommandLine::runMeasure(const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action == QLatin1String("rejudge"))
        return runRejudge(arguments.mid(1));
    if (action == QLatin1String("refresh"))
        return runRefresh(arguments.mid(1));
    if (action == QLatin1String("runs"))
        return runRuns(arguments.mid(1));
    if (action == QLatin1String("suggest"))
        return runSuggest(arguments.mid(1));
    const QStringList actions{QStringLiteral("before"), QStringLiteral("after"),
                              QStringLiteral("correct"), QStringLiteral("show")};
    if (!actions.contains(action)) {
        if (action == QLatin1String("--help") || action == QLatin1String("-h")) {
            print(QStringLiteral("Usage: optimeter measure before|after|correct|show|suggest|runs|refresh|rejudge ...\n\n"
                                 "'optimeter measure before --help' and so on tell more."));
            return Done;
        }
        return usageError(action.isEmpty()
                              ? QStringLiteral("measure what? Say before, after, correct, show, suggest, runs, refresh or rejudge")
                              : QStringLiteral("unknown measure action '%1'; use before, after, correct, show, suggest, "
                                               "runs, refresh or rejudge")
                                    .arg(action),
                          QStringLiteral("measure"));
    }
    const QCommandLineOption recommendation(QStringLiteral("recommendation"),
                                            QStringLiteral("The recommendation's id."), QStringLiteral("R"));
    const QCommandLineOption job(QStringLiteral("job"),
                                 QStringLiteral("The job's ID; repeat it for more runs of the same query (the first "
                                                "is the measurement's job)."),
                                 QStringLiteral("J"));
    const QCommandLineOption similar(
        QStringLiteral("similar"),
        QStringLiteral("Also gather the other runs of the same queries from the history: before runs within D days "
                       "before the after job started, after runs within D days from then (SPEC §5.1)."));
    const QCommandLineOption similarDays(QStringLiteral("similar-days"),
                                         QStringLiteral("D for --similar, a whole number of days (default %1).")
                                             .arg(AppSettings::similarDays()),
                                         QStringLiteral("D"));
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
            "R must have no open measurement. Several --job give several runs: the before metrics are "
            "their medians."), QStringLiteral("--recommendation R [--job J [--job J2 …]]"));
        sub->addOption(recommendation);
        sub->addOption(job);
        sub->addOption(by);
        sub->setExamples(QStringLiteral("  optimeter measure before --recommendation 42\n"
                                        "  optimeter measure before --recommendation 42 --job q1 --job q2 --job q3\n"));
    } else if (action == QLatin1String("after") || action == QLatin1String("correct")) {
        sub = std::make_unique<SubParser>(command, action == QLatin1String("after")
            ? QStringLiteral("Records the optimized job J of recommendation R, computes the "
                             "improvements and judges them against the estimate.")
            : QStringLiteral("Replaces the after job of R's latest completed measurement with J "
                             "(a wrongly typed ID) and recomputes it."),
            QStringLiteral("--recommendation R --job J [--job J2 …] [--similar [--similar-days D]] [--allow-cached]"));
        sub->addOption(recommendation);
        sub->addOption(job);
        sub->addOption(similar);
        sub->addOption(similarDays);
        sub->addOption(by);
        sub->addOption(allowCached);
        sub->setExamples(QStringLiteral("  optimeter measure %1 --recommendation 42 --job bquxjob_5e2a9c1d\n"
                                        "  optimeter measure %1 --recommendation 42 --job bquxjob_5e2a9c1d --similar\n")
                             .arg(action));
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
        for (const QString &value : sub->values(job))
            if (value.trimmed().isEmpty())
                return usageError(QStringLiteral("--job needs a job ID"), command);
    }
    std::optional<int> days;
    if (action == QLatin1String("after") || action == QLatin1String("correct")) {
        if (sub->isSet(similarDays) && !sub->isSet(similar))
            return usageError(QStringLiteral("--similar-days D goes with --similar"), command);
        if (sub->isSet(similar)) {
            days = AppSettings::similarDays();
            if (sub->isSet(similarDays)) {
                bool ok = false;
                const QString text = sub->value(similarDays).trimmed();
                const int value = text.toInt(&ok);
                if (!ok || value < 1)
                    return usageError(QStringLiteral("--similar-days must be a whole number of days, at least 1, "
                                                     "not '%1'")
                                          .arg(sub->value(similarDays)),
                                      command);
                days = value;
            }
        }
    }
    QStringList jobIds;
    for (const QString &value : sub->values(job))
        jobIds << value.trimmed();
    // Any whole number: one that names no recommendation (0, -3, 99) is "not found", exit 1.
    const std::optional<qint64> recommendationId = readRecommendationId(recommendationText);
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
        result = service.recordBefore(*recommendationId, jobIds, measuredBy);
    } else if (action == QLatin1String("after") || action == QLatin1String("correct")) {
        const AfterRequest request{jobIds, days, sub->isSet(allowCached), measuredBy};
        result = action == QLatin1String("after") ? service.recordAfter(*recommendationId, request)
                                                  : service.correctAfter(*recommendationId, request);
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
