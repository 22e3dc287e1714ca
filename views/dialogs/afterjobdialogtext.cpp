// The sentences of the after-job dialog: what recording would mean, and what to look at twice.

#include "afterjobdialog.h"

#include "jobrepository.h"
#include "measurementformat.h"
#include "measurementrepository.h"

#include <QLocale>

QString AfterJobDialog::describe(const Measurement &preview, std::optional<double> estimatedPct)
{
    const QLocale locale;
    const double afterMs = preview.after ? preview.after->durationMs : 0.0;
    QString text = tr("duration %1 → %2")
                       .arg(MeasurementFormat::duration(preview.before.durationMs),
                            MeasurementFormat::duration(afterMs));
    const auto &actual = preview.improvements.durationPct;
    if (!actual)
        return text + tr(": the before job took 0 ms, so the improvement cannot be computed");
    const double rounded = Improvement::roundToOneDecimal(*actual);
    if (rounded >= 0)
        text += tr(": %1 % faster").arg(locale.toString(rounded, 'f', 1));
    else
        text += tr(": %1 % slower — a regression").arg(locale.toString(-rounded, 'f', 1));
    const QString estimate = estimatedPct ? tr("estimated %1 %").arg(locale.toString(*estimatedPct, 'g', 4))
                                          : tr("no estimate (judged against 0 %)");
    text += QStringLiteral("; %1 → %2")
                .arg(estimate, preview.expectation.meets.value_or(false) ? tr("meets expectation")
                                                                         : tr("does not meet expectation"));
    return text;
}

QString AfterJobDialog::describeRuns(const Measurement &preview)
{
    const int before = preview.runsBefore.value_or(0), after = preview.runsAfter.value_or(0);
    const QString runs = tr("%n run(s) before", nullptr, before) + QStringLiteral(", ")
                         + tr("%n after", nullptr, after);
    if (!preview.verdict || *preview.verdict == RunStatistics::Verdict::InsufficientRuns)
        return tr("%1: too few runs for a verdict").arg(runs);
    QString change;
    bool slower = false;
    if (const auto &pct = preview.improvements.durationPct) {
        const double rounded = Improvement::roundToOneDecimal(*pct);
        slower = rounded < 0;
        change = slower ? tr("%1 % slower").arg(MeasurementFormat::oneDecimalNumber(-rounded))
                        : tr("%1 % faster").arg(MeasurementFormat::oneDecimalNumber(rounded));
    }
    // The interval in the words of the sentence: of the slowdown when it says "slower".
    QString interval;
    if (preview.ciLowPct && preview.ciHighPct) {
        const double low = slower ? -*preview.ciHighPct : *preview.ciLowPct;
        const double high = slower ? -*preview.ciLowPct : *preview.ciHighPct;
        interval = tr("95 % CI %1 – %2 %").arg(MeasurementFormat::oneDecimalNumber(low),
                                               MeasurementFormat::oneDecimalNumber(high));
    }
    QString text = runs + QStringLiteral(": ") + change;
    if (!interval.isEmpty())
        text += QStringLiteral(" (%1)").arg(interval);
    if (preview.pValue)
        text += QStringLiteral(", ") + MeasurementFormat::pValue(*preview.pValue);
    return text + QStringLiteral(" → ") + MeasurementFormat::runVerdictPhrase(*preview.verdict);
}

// What the analyst should look at twice before recording `jobId`: its query looks like another
// one, it ran before the original job, or another recommendation measures with it already.
QStringList AfterJobDialog::jobWarnings(const QString &jobId, const Measurement &target) const
{
    QStringList warnings;
    const JobRepository jobs(m_database);
    const auto after = jobs.find(jobId);
    const auto before = jobs.find(target.jobIdBefore);
    // Neither the same hash nor a text alike enough to be suggested (SPEC §6.1): a typo in the ID,
    // or a job of another query. Without a text either side there is nothing to say.
    if (after && *after && before && *before) {
        const auto similarity = AfterSuggestions::similarity((*before)->queryHash, (*before)->queryText,
                                                             (*after)->queryHash, (*after)->queryText);
        if (similarity && *similarity < AfterSuggestions::MinimumSimilarity)
            warnings << tr("This looks like a different query: similarity %1")
                            .arg(QLocale().toString(*similarity, 'f', 2));
    }
    if (after && *after && (*after)->startedAt && before && *before && (*before)->startedAt
        && *(*after)->startedAt < *(*before)->startedAt)
        warnings << tr("Job %1 started on %2, before the before job %3 (%4): is it really the optimized run?")
                        .arg(jobId, MeasurementFormat::dateTime((*after)->startedAt), target.jobIdBefore,
                             MeasurementFormat::dateTime((*before)->startedAt));
    const auto uses = MeasurementRepository(m_database).usesOfJob(jobId);
    for (const MeasurementRepository::JobUse &use : uses ? *uses : QList<MeasurementRepository::JobUse>()) {
        if (use.recommendationId == target.recommendationId)
            continue;
        warnings << (use.asAfter ? tr("Job %1 is already the after job of recommendation %2.")
                                 : tr("Job %1 is already the before job of recommendation %2."))
                        .arg(jobId)
                        .arg(use.recommendationId);
    }
    return warnings;
}
