// optimeter measure runs|refresh|rejudge: the runs of a measurement (SPEC §5.1) and judging
// stored measurements again.

#include "commandline.h"

#include "appsettings.h"
#include "clioutput.h"
#include "database.h"
#include "expectationjudge.h"
#include "measurementservice.h"
#include "subparser.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cli;

int CommandLine::runRuns(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("measure runs"),
                  QStringLiteral("Lists the runs of recommendation R's latest measurement: side, job, start and "
                                 "duration, before runs first."),
                  QStringLiteral("R"));
    sub.addPositional(QStringLiteral("R"), QStringLiteral("The recommendation's id."));
    sub.setExamples(QStringLiteral("  optimeter measure runs 42\n  optimeter --json measure runs 42\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (sub.positional().size() != 1)
        return usageError(QStringLiteral("give exactly one recommendation id"), sub.command());
    const auto id = readRecommendationId(sub.positional().first());
    if (!id)
        return usageError(QStringLiteral("'%1' is not a recommendation id (a whole number)").arg(sub.positional().first()),
                          sub.command());
    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto latest = MeasurementService(**database).latest(*id);
    if (!latest)
        return fail(latest.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(CliOutput::runsJson(latest->runs)).toJson(QJsonDocument::Compact)));
    else
        print(CliOutput::runsText(*latest));
    return Done;
}

int CommandLine::runRefresh(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("measure refresh"),
                  QStringLiteral("Gathers again the other runs of completed measurements recorded with --similar "
                                 "(history imported since may hold more) and recomputes them, one transaction "
                                 "each. Their named jobs, D, who recorded them and when stay."),
                  QStringLiteral("--recommendation R | --all"));
    const QCommandLineOption recommendation(QStringLiteral("recommendation"),
                                            QStringLiteral("R's latest measurement."), QStringLiteral("R"));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Every such measurement."));
    sub.addOption(recommendation);
    sub.addOption(all);
    sub.setExamples(QStringLiteral("  optimeter measure refresh --recommendation 42\n  optimeter measure refresh --all\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), sub.command());
    if (sub.isSet(recommendation) == sub.isSet(all))
        return usageError(QStringLiteral("say --recommendation R or --all"), sub.command());
    std::optional<qint64> id;
    if (sub.isSet(recommendation)) {
        id = readRecommendationId(sub.value(recommendation));
        if (!id)
            return usageError(QStringLiteral("'%1' is not a recommendation id (a whole number)")
                                  .arg(sub.value(recommendation)),
                              sub.command());
    }
    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    MeasurementService service(**database, AppSettings::measurementSettings());
    if (id) {
        const auto refreshed = service.refresh(*id);
        if (!refreshed)
            return fail(refreshed.error());
        for (const QString &warning : std::as_const(refreshed->warnings))
            printWarning(warning);
        if (m_json)
            print(QString::fromUtf8(QJsonDocument(CliOutput::measurementJson(*refreshed)).toJson(QJsonDocument::Compact)));
        else
            print(CliOutput::measurementText(*refreshed, std::nullopt));
        return Done;
    }
    QElapsedTimer timer;
    timer.start();
    const auto report = service.refreshAll();
    if (!report)
        return fail(report.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("refreshed"), report->refreshed},
                                                          {QStringLiteral("verdict_changed"), report->verdictChanged},
                                                          {QStringLiteral("runs_added"), report->runsAdded}})
                                    .toJson(QJsonDocument::Compact)));
    else
        print(QStringLiteral("Refreshed %1 measurement%2 in %3 s: %4 run%5 added, %6 verdict%7 changed")
                  .arg(report->refreshed)
                  .arg(report->refreshed == 1 ? QString() : QStringLiteral("s"))
                  .arg(QString::number(double(timer.elapsed()) / 1000.0, 'f', 1))
                  .arg(report->runsAdded)
                  .arg(report->runsAdded == 1 ? QString() : QStringLiteral("s"))
                  .arg(report->verdictChanged)
                  .arg(report->verdictChanged == 1 ? QString() : QStringLiteral("s")));
    return Done;
}

// Judges every completed measurement again with another tolerance (ExpectationJudge), as the
// window offers when the tolerance setting changes.
int CommandLine::runRejudge(const QStringList &arguments)
{
    const QString command = QStringLiteral("measure rejudge");
    SubParser sub(command,
                  QStringLiteral("Judges every completed measurement again against its estimate with tolerance T "
                                 "(in percentage points; default: your setting, %1), in one transaction, and "
                                 "records T as the tolerance of the database's judgements: later measurements "
                                 "are judged with it too.")
                      .arg(AppSettings::measurementSettings().tolerancePct),
                  QStringLiteral("[--tolerance T]"));
    const QCommandLineOption tolerance(QStringLiteral("tolerance"), QStringLiteral("The tolerance, 0 to 100 points."),
                                       QStringLiteral("T"));
    sub.addOption(tolerance);
    sub.setExamples(QStringLiteral("  optimeter measure rejudge --tolerance 10\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, command);
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), command);
    double tolerancePct = AppSettings::measurementSettings().tolerancePct;
    if (sub.isSet(tolerance)) {
        bool ok = false;
        tolerancePct = sub.value(tolerance).toDouble(&ok);
        if (!ok || !(tolerancePct >= 0 && tolerancePct <= 100))
            return usageError(QStringLiteral("--tolerance must be a number of points from 0 to 100, not '%1'")
                                  .arg(sub.value(tolerance)),
                              command);
    }
    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto outcome = ExpectationJudge(**database).rejudge(tolerancePct);
    if (!outcome)
        return fail(outcome.error());
    if (m_json) {
        QJsonObject object{{QStringLiteral("tolerance_pct"), outcome->tolerancePct},
                           {QStringLiteral("previous_tolerance_pct"),
                            outcome->previousTolerancePct ? QJsonValue(*outcome->previousTolerancePct) : QJsonValue()},
                           {QStringLiteral("completed"), outcome->completed},
                           {QStringLiteral("changed"), qint64(outcome->changedIds.size())},
                           {QStringLiteral("met_before"), outcome->metBefore},
                           {QStringLiteral("met_after"), outcome->metAfter}};
        print(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    } else {
        print(QStringLiteral("Re-judged %1 completed measurement%2 with a tolerance of %3 points: %4 changed, "
                             "met %5 -> %6")
                  .arg(outcome->completed)
                  .arg(outcome->completed == 1 ? QString() : QStringLiteral("s"))
                  .arg(outcome->tolerancePct)
                  .arg(outcome->changedIds.size())
                  .arg(outcome->metBefore)
                  .arg(outcome->metAfter));
    }
    return Done;
}

