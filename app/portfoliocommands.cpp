// optimeter measure suggest and optimeter calibration: finding the after job, and how well the
// estimates predicted the outcomes (SPEC §6.1, §6.2).

#include "commandline.h"

#include "appsettings.h"
#include "clioutput.h"
#include "database.h"
#include "measurementservice.h"
#include "millisecondstext.h"
#include "subparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cli;

namespace {

QJsonValue json(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue json(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonArray suggestionsJson(const AfterSuggestions::Suggestions &suggestions)
{
    QJsonArray array;
    for (const AfterSuggestions::Candidate &c : suggestions.candidates)
        array.append(QJsonObject{
            {QStringLiteral("job_id"), c.jobId},
            {QStringLiteral("started_at"),
             c.startedAt ? QJsonValue(c.startedAt->toUTC().toString(Qt::ISODateWithMs)) : QJsonValue()},
            {QStringLiteral("duration_ms"), c.durationMs},
            {QStringLiteral("query_hash"), json(c.queryHash)},
            {QStringLiteral("score"), c.score},
            {QStringLiteral("reason"), AfterSuggestions::reasonKey(c.reason)}});
    return array;
}

QString suggestionsText(const AfterSuggestions::Suggestions &s, qint64 recommendationId)
{
    QStringList lines;
    const QString what = s.correcting ? QStringLiteral("to correct the after job of measurement %1").arg(s.measurementId)
                                      : QStringLiteral("for the after job of measurement %1").arg(s.measurementId);
    if (!s.from.isValid()) {
        lines << QStringLiteral("No candidates %1 (recommendation %2): neither the recommendation's implemented_at "
                                "nor the before job %3's started_at is known")
                     .arg(what)
                     .arg(recommendationId)
                     .arg(s.beforeJobId);
        return lines.join(u'\n');
    }
    const QString window = QStringLiteral("%1 … %2 UTC")
                               .arg(s.from.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                    s.to.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (s.candidates.isEmpty()) {
        lines << QStringLiteral("No candidates %1 (recommendation %2): none of the %3 measurable jobs started %4 "
                                "has the before job's query_hash or a similar text")
                     .arg(what)
                     .arg(recommendationId)
                     .arg(s.candidatesRead)
                     .arg(window);
        return lines.join(u'\n');
    }
    lines << QStringLiteral("Candidates %1 (recommendation %2; before job %3), started %4:")
                 .arg(what)
                 .arg(recommendationId)
                 .arg(s.beforeJobId, window);
    lines << QStringLiteral("  %1 %2 %3 %4 %5")
                 .arg(QStringLiteral("score"), -6)
                 .arg(QStringLiteral("reason"), -13)
                 .arg(QStringLiteral("started_at"), -23)
                 .arg(QStringLiteral("duration_ms"), 14)
                 .arg(QStringLiteral("job_id"));
    for (const AfterSuggestions::Candidate &c : s.candidates)
        lines << QStringLiteral("  %1 %2 %3 %4 %5")
                     .arg(QString::number(c.score, 'f', 2), -6)
                     .arg(AfterSuggestions::reasonKey(c.reason), -13)
                     .arg(c.startedAt ? c.startedAt->toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                                      : QStringLiteral("—"),
                          -23)
                     .arg(millisecondsText(c.durationMs), 14)
                     .arg(c.jobId);
    return lines.join(u'\n');
}

QJsonArray calibrationJson(const QList<Calibration::Row> &rows)
{
    QJsonArray array;
    for (const Calibration::Row &row : rows)
        array.append(QJsonObject{{QStringLiteral("issue_type"), json(row.issueType)},
                                 {QStringLiteral("count"), row.count},
                                 {QStringLiteral("mean_estimated_pct"), row.meanEstimatedPct},
                                 {QStringLiteral("mean_actual_pct"), row.meanActualPct},
                                 {QStringLiteral("bias_pct"), row.biasPct},
                                 {QStringLiteral("mae_pct"), row.maePct},
                                 {QStringLiteral("calibration_factor"), json(row.factor)},
                                 {QStringLiteral("success_rate_pct"), row.successRatePct}});
    return array;
}

QString calibrationText(const QList<Calibration::Row> &rows, const MeasurementWindow &window)
{
    QStringList lines;
    lines << QStringLiteral("Estimated vs actual duration improvement, completed measurements recorded in the last "
                            "%1 day%2%3")
                 .arg(window.days.value_or(0))
                 .arg(window.days.value_or(0) == 1 ? QString() : QStringLiteral("s"))
                 .arg(window.issueType ? QStringLiteral(", issue type %1").arg(*window.issueType) : QString());
    int width = 10;
    for (const Calibration::Row &row : rows)
        width = std::max(width, int(row.issueType.value_or(QString()).size()));
    const auto line = [&](const QString &type, const QStringList &cells) {
        QString text = QStringLiteral("  ") + type.leftJustified(width);
        for (const QString &cell : cells)
            text += QLatin1Char(' ') + cell.rightJustified(11);
        return text;
    };
    lines << line(QStringLiteral("issue type"),
                  {QStringLiteral("count"), QStringLiteral("estimated %"), QStringLiteral("actual %"),
                   QStringLiteral("bias"), QStringLiteral("MAE"), QStringLiteral("factor"),
                   QStringLiteral("success %")});
    for (const Calibration::Row &row : rows)
        lines << line(row.issueType.value_or(QStringLiteral("(all)")),
                      {QString::number(row.count), CliOutput::oneDecimal(row.meanEstimatedPct),
                       CliOutput::oneDecimal(row.meanActualPct), CliOutput::oneDecimal(row.biasPct),
                       CliOutput::oneDecimal(row.maePct),
                       row.factor ? QString::number(*row.factor, 'f', 2) : QStringLiteral("—"),
                       CliOutput::oneDecimal(row.successRatePct)});
    lines << QStringLiteral("bias = mean(actual − estimated); factor = Σ estimated·actual / Σ estimated², "
                            "what to multiply an estimate by");
    return lines.join(u'\n');
}

} // namespace

int CommandLine::runSuggest(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("measure suggest"),
                  QStringLiteral("Lists candidates for the after job of recommendation R's open measurement (none "
                                 "open: of its latest, to correct it): measurable jobs started within D days from "
                                 "the recommendation's implementation (else from the before job's start). The "
                                 "runs of the same query (same query_hash, score 1) come first, then rewritten "
                                 "queries whose text shares at least half its tokens (score: the share)."),
                  QStringLiteral("R"));
    sub.addPositional(QStringLiteral("R"), QStringLiteral("The recommendation's id."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("At most N candidates, 1 to %1 (default %2).")
                                       .arg(AfterSuggestions::MaximumLimit)
                                       .arg(AfterSuggestions::DefaultLimit),
                                   QStringLiteral("N"));
    const QCommandLineOption similarDays(QStringLiteral("similar-days"),
                                         QStringLiteral("D, a whole number of days (default: your setting, %1).")
                                             .arg(AppSettings::similarDays()),
                                         QStringLiteral("D"));
    sub.addOption(limit);
    sub.addOption(similarDays);
    sub.setExamples(QStringLiteral("  optimeter measure suggest 42\n  optimeter --json measure suggest 42 --limit 3\n"));
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
    int count = AfterSuggestions::DefaultLimit;
    if (sub.isSet(limit)) {
        bool ok = false;
        count = sub.value(limit).trimmed().toInt(&ok);
        if (!ok || count < 1 || count > AfterSuggestions::MaximumLimit)
            return usageError(QStringLiteral("--limit must be a whole number from 1 to %1, not '%2'")
                                  .arg(AfterSuggestions::MaximumLimit)
                                  .arg(sub.value(limit)),
                              sub.command());
    }
    int days = AppSettings::similarDays();
    if (sub.isSet(similarDays)) {
        bool ok = false;
        days = sub.value(similarDays).trimmed().toInt(&ok);
        if (!ok || days < 1)
            return usageError(QStringLiteral("--similar-days must be a whole number of days, at least 1, not '%1'")
                                  .arg(sub.value(similarDays)),
                              sub.command());
    }
    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto suggestions = MeasurementService(**database).suggestAfter(*id, count, days);
    if (!suggestions)
        return fail(suggestions.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(suggestionsJson(*suggestions)).toJson(QJsonDocument::Compact)));
    else
        print(suggestionsText(*suggestions, *id));
    return Done;
}

int CommandLine::runCalibration(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("calibration"),
                  QStringLiteral("How well the estimates predicted the outcomes: over the completed measurements of "
                                 "the window that have a duration improvement and an estimate, one row per issue "
                                 "type and one over all of them with the mean estimated and actual improvement, "
                                 "the bias, the mean absolute error, the calibration factor and the success rate."));
    const QCommandLineOption days = daysOption(QStringLiteral("default 30"));
    sub.addOption(days);
    sub.addOption(issueTypeOption);
    sub.setExamples(QStringLiteral("  optimeter calibration --days 90\n  optimeter --json calibration\n"));
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
    const auto rows = MeasurementService(**database, AppSettings::measurementSettings()).calibration(window);
    if (!rows)
        return fail(rows.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(calibrationJson(*rows)).toJson(QJsonDocument::Compact)));
    else
        print(calibrationText(*rows, window));
    return Done;
}
