#include "clioutput.h"

#include "improvement.h"
#include "millisecondstext.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

namespace CliOutput {
namespace {

QJsonValue json(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
QJsonValue json(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
QJsonValue json(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
QJsonValue json(const std::optional<bool> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
QJsonValue json(const std::optional<QDateTime> &value)
{
    return value ? QJsonValue(value->toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

void addMetrics(QJsonObject &object, const QString &side, const std::optional<JobMetrics> &metrics)
{
    auto field = [&](const char *name, QJsonValue value) {
        object.insert(side + u'_' + QLatin1String(name), metrics ? value : QJsonValue(QJsonValue::Null));
    };
    const JobMetrics m = metrics.value_or(JobMetrics{});
    field("duration_ms", QJsonValue(m.durationMs));
    field("memory_mb", json(m.memoryMb));
    field("data_scanned_mb", json(m.dataScannedMb));
    field("rows_scanned", json(m.rowsScanned));
    field("rows_returned", json(m.rowsReturned));
    field("partitions_scanned", json(m.partitionsScanned));
    field("cpu_time_ms", json(m.cpuTimeMs));
}

QString orDash(const std::optional<QString> &text)
{
    return text ? *text : QStringLiteral("—");
}

QString number(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QStringLiteral("—");
}

QString mebibytes(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 2) : QStringLiteral("—");
}

QString percent(const std::optional<double> &value)
{
    return value ? oneDecimal(*value) + QStringLiteral(" %") : QStringLiteral("—");
}

QString time(const std::optional<QDateTime> &value)
{
    return value ? value->toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                 : QStringLiteral("—");
}

} // namespace

QString oneDecimal(double value)
{
    const double rounded = Improvement::roundToOneDecimal(value);
    return QString::number(rounded == 0 ? 0.0 : rounded, 'f', 1);
}

QJsonObject measurementJson(const Measurement &m)
{
    QJsonObject object;
    object.insert(QStringLiteral("id"), m.id);
    object.insert(QStringLiteral("recommendation_id"), m.recommendationId);
    object.insert(QStringLiteral("job_id_before"), m.jobIdBefore);
    object.insert(QStringLiteral("job_id_after"), json(m.jobIdAfter));
    addMetrics(object, QStringLiteral("before"), m.before);
    addMetrics(object, QStringLiteral("after"), m.after);
    object.insert(QStringLiteral("duration_improvement_pct"), json(m.improvements.durationPct));
    object.insert(QStringLiteral("memory_reduction_pct"), json(m.improvements.memoryPct));
    object.insert(QStringLiteral("scan_reduction_pct"), json(m.improvements.scanPct));
    object.insert(QStringLiteral("cpu_reduction_pct"), json(m.improvements.cpuPct));
    object.insert(QStringLiteral("meets_expectation"), json(m.expectation.meets));
    object.insert(QStringLiteral("expectation_delta_pct"), json(m.expectation.deltaPct));
    object.insert(QStringLiteral("validation_notes"), json(m.validationNotes));
    object.insert(QStringLiteral("measured_at"), json(std::optional(m.measuredAt)));
    object.insert(QStringLiteral("measured_by"), json(m.measuredBy));
    object.insert(QStringLiteral("completed_at"), json(m.completedAt));
    const auto count = [](const std::optional<int> &value) {
        return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    };
    object.insert(QStringLiteral("runs_before"), count(m.runsBefore));
    object.insert(QStringLiteral("runs_after"), count(m.runsAfter));
    object.insert(QStringLiteral("p_value"), json(m.pValue));
    object.insert(QStringLiteral("improvement_ci_low_pct"), json(m.ciLowPct));
    object.insert(QStringLiteral("improvement_ci_high_pct"), json(m.ciHighPct));
    object.insert(QStringLiteral("verdict"),
                  m.verdict ? QJsonValue(RunStatistics::verdictName(*m.verdict)) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("similar_days"), count(m.similarDays));
    object.insert(QStringLiteral("runs_per_day"), json(m.runsPerDay));
    object.insert(QStringLiteral("projected_monthly_hours_saved"), json(m.projectedMonthlyHoursSaved()));
    return object;
}

QJsonArray runsJson(const QList<MeasurementRun> &runs)
{
    QJsonArray array;
    for (const MeasurementRun &run : runs)
        array.append(QJsonObject{
            {QStringLiteral("side"),
             run.side == MeasurementRun::Side::Before ? QStringLiteral("before") : QStringLiteral("after")},
            {QStringLiteral("job_id"), run.jobId},
            {QStringLiteral("started_at"), json(run.startedAt)},
            {QStringLiteral("duration_ms"), run.durationMs},
            {QStringLiteral("gathered"), run.gathered}});
    return array;
}

QString runsText(const Measurement &m)
{
    QStringList lines;
    lines << QStringLiteral("Runs of measurement %1 (recommendation %2)%3")
                 .arg(m.id)
                 .arg(m.recommendationId)
                 .arg(m.similarDays ? QStringLiteral(", other runs gathered within %1 day%2 of the after job")
                                          .arg(*m.similarDays)
                                          .arg(*m.similarDays == 1 ? QString() : QStringLiteral("s"))
                                    : QString());
    lines << QStringLiteral("  %1 %2 %3 %4").arg(QStringLiteral("side"), -6).arg(QStringLiteral("started_at"), -23)
                 .arg(QStringLiteral("duration_ms"), 14).arg(QStringLiteral("job_id"));
    for (const MeasurementRun &run : m.runs)
        lines << QStringLiteral("  %1 %2 %3 %4%5")
                     .arg(run.side == MeasurementRun::Side::Before ? QStringLiteral("before") : QStringLiteral("after"), -6)
                     .arg(time(run.startedAt), -23)
                     .arg(millisecondsText(run.durationMs), 14)
                     .arg(run.jobId, run.gathered ? QString() : QStringLiteral(" (named)"));
    return lines.join(u'\n');
}

QJsonObject jobJson(const Job &job, const std::optional<Profile> &profile)
{
    QJsonObject object;
    object.insert(QStringLiteral("job_id"), job.jobId);
    object.insert(QStringLiteral("query_text"), json(job.queryText));
    object.insert(QStringLiteral("query_hash"), json(job.queryHash));
    object.insert(QStringLiteral("engine"), json(job.engine));
    object.insert(QStringLiteral("user_name"), json(job.userName));
    object.insert(QStringLiteral("warehouse"), json(job.warehouse));
    object.insert(QStringLiteral("warehouse_size"), json(job.warehouseSize));
    object.insert(QStringLiteral("started_at"), json(job.startedAt));
    object.insert(QStringLiteral("duration_ms"), job.durationMs);
    object.insert(QStringLiteral("status"), json(job.status));
    object.insert(QStringLiteral("cache_hit"), job.cacheHit ? QJsonValue(*job.cacheHit) : QJsonValue());
    const Profile p = profile.value_or(Profile{});
    object.insert(QStringLiteral("memory_allocated"), json(p.memoryAllocated));
    object.insert(QStringLiteral("data_scanned"), json(p.dataScanned));
    object.insert(QStringLiteral("rows_scanned"), json(p.rowsScanned));
    object.insert(QStringLiteral("rows_returned"), json(p.rowsReturned));
    object.insert(QStringLiteral("partitions_scanned"), json(p.partitionsScanned));
    object.insert(QStringLiteral("cpu_time_ms"), json(p.cpuTimeMs));
    return object;
}

QJsonObject summaryJson(const Summary &s)
{
    return {{QStringLiteral("total_measurements"), s.totalMeasurements},
            {QStringLiteral("completed_measurements"), s.completedMeasurements},
            {QStringLiteral("avg_improvement_pct"), s.avgImprovementPct},
            {QStringLiteral("success_rate_pct"), s.successRatePct},
            {QStringLiteral("total_time_saved_seconds"), s.totalTimeSavedSeconds},
            {QStringLiteral("projected_monthly_hours_saved"), s.projectedMonthlyHoursSaved},
            {QStringLiteral("met_expectations_count"), s.metExpectationsCount},
            {QStringLiteral("exceeded_expectations_count"), s.exceededExpectationsCount},
            {QStringLiteral("underperformed_count"), s.underperformedCount},
            {QStringLiteral("improved_count"), s.improvedCount},
            {QStringLiteral("no_change_count"), s.noChangeCount},
            {QStringLiteral("regressed_count"), s.regressedCount},
            {QStringLiteral("insufficient_runs_count"), s.insufficientRunsCount}};
}

QJsonObject importJson(const ImportReport &r)
{
    QJsonArray rejected;
    for (const RejectedRecord &record : r.rejectedRecords)
        rejected.append(QJsonObject{{QStringLiteral("line"), record.line},
                                    {QStringLiteral("message"), record.message}});
    QJsonObject object{{QStringLiteral("file"), r.file},
                       {QStringLiteral("files"), QJsonArray::fromStringList(r.files.isEmpty() ? QStringList{r.file} : r.files)},
                       {QStringLiteral("format"), r.format},
                       {QStringLiteral("rows"), r.rowsRead},
                       {QStringLiteral("inserted"), r.inserted},
                       {QStringLiteral("updated"), r.updated},
                       {QStringLiteral("unchanged"), r.unchanged},
                       {QStringLiteral("duplicates"), r.duplicates},
                       {QStringLiteral("merged"), r.merged},
                       {QStringLiteral("rejected"), r.rejected},
                       {QStringLiteral("rejected_records"), rejected},
                       {QStringLiteral("ignored_columns"), QJsonArray::fromStringList(r.ignoredColumns)}};
    if (!r.formatDetection.isEmpty()) { // job imports
        object.insert(QStringLiteral("format_detection"), r.formatDetection);
        object.insert(QStringLiteral("skipped"), r.skipped);
        object.insert(QStringLiteral("conversions"), QJsonArray::fromStringList(r.conversions));
        object.insert(QStringLiteral("cache_hits"), r.cacheHits);
        object.insert(QStringLiteral("cache_hit_jobs"), QJsonArray::fromStringList(r.cacheHitJobs));
        object.insert(QStringLiteral("notes"), QJsonArray::fromStringList(r.notes));
    }
    return object;
}

QString measurementText(const Measurement &m, std::optional<double> estimatedPct)
{
    QStringList lines;
    const auto verdict = Improvement::verdictOf(m);
    lines << QStringLiteral("Measurement %1 of recommendation %2: %3")
                 .arg(m.id)
                 .arg(m.recommendationId)
                 .arg(Improvement::verdictName(verdict));
    const JobMetrics none;
    const JobMetrics &after = m.after ? *m.after : none;
    auto row = [&lines](const QString &name, const QString &before, const QString &after,
                        const QString &change) {
        lines << QStringLiteral("  %1 %2 %3 %4")
                     .arg(name, -20)
                     .arg(before, 22)
                     .arg(after, 22)
                     .arg(change);
    };
    const bool done = m.after.has_value();
    lines << QStringLiteral("  before job: %1").arg(m.jobIdBefore);
    lines << QStringLiteral("  after job:  %1").arg(orDash(m.jobIdAfter));
    row(QString(), QStringLiteral("before"), QStringLiteral("after"), QStringLiteral("improvement"));
    row(QStringLiteral("duration_ms"), millisecondsText(m.before.durationMs),
        done ? millisecondsText(after.durationMs) : QStringLiteral("—"), percent(m.improvements.durationPct));
    row(QStringLiteral("memory_mb"), mebibytes(m.before.memoryMb), mebibytes(after.memoryMb),
        percent(m.improvements.memoryPct));
    row(QStringLiteral("data_scanned_mb"), mebibytes(m.before.dataScannedMb),
        mebibytes(after.dataScannedMb), percent(m.improvements.scanPct));
    row(QStringLiteral("rows_scanned"), number(m.before.rowsScanned), number(after.rowsScanned), QString());
    row(QStringLiteral("rows_returned"), number(m.before.rowsReturned), number(after.rowsReturned), QString());
    row(QStringLiteral("partitions_scanned"), number(m.before.partitionsScanned),
        number(after.partitionsScanned), QString());
    row(QStringLiteral("cpu_time_ms"), number(m.before.cpuTimeMs), number(after.cpuTimeMs),
        percent(m.improvements.cpuPct));
    if (done) {
        QString expectation = QStringLiteral("  expectation: estimated %1, actual %2")
                                  .arg(estimatedPct ? percent(estimatedPct) : QStringLiteral("none (counts as 0 %)"),
                                       percent(m.improvements.durationPct));
        if (m.expectation.meets)
            expectation += QStringLiteral(", delta %1 points: %2")
                               .arg(m.expectation.deltaPct ? oneDecimal(*m.expectation.deltaPct) : QStringLiteral("—"),
                                    *m.expectation.meets ? QStringLiteral("meets") : QStringLiteral("does not meet"));
        lines << expectation;
    }
    if (m.verdict) {
        QString runs = QStringLiteral("  runs: %1 before, %2 after").arg(m.runsBefore.value_or(0)).arg(m.runsAfter.value_or(0));
        if (m.similarDays)
            runs += QStringLiteral(" (other runs of the same queries within %1 day%2)")
                        .arg(*m.similarDays)
                        .arg(*m.similarDays == 1 ? QString() : QStringLiteral("s"));
        lines << runs;
        QString verdict = QStringLiteral("  verdict: %1").arg(RunStatistics::verdictName(*m.verdict));
        if (m.pValue && m.ciLowPct && m.ciHighPct)
            verdict += QStringLiteral(" (p = %1; 95 % interval of the improvement %2 … %3)")
                           .arg(QString::number(*m.pValue, 'g', 4), percent(m.ciLowPct), percent(m.ciHighPct));
        else if (*m.verdict == RunStatistics::Verdict::InsufficientRuns)
            verdict += QStringLiteral(" (too few runs for a test: record more runs, or --similar)");
        lines << verdict;
    }
    if (const auto hours = m.projectedMonthlyHoursSaved())
        lines << QStringLiteral("  recurring: %1 runs a day in the 30 days before; projected %2 h saved a month")
                     .arg(QString::number(*m.runsPerDay, 'g', 4), oneDecimal(*hours));
    if (m.validationNotes)
        lines << QStringLiteral("  note: ") + *m.validationNotes;
    lines << QStringLiteral("  measured %1 by %2").arg(time(m.measuredAt), orDash(m.measuredBy));
    if (m.completedAt)
        lines << QStringLiteral("  completed %1").arg(time(m.completedAt));
    return lines.join(u'\n');
}

QString jobText(const Job &job, const std::optional<Profile> &profile)
{
    QStringList lines;
    auto field = [&lines](const char *name, const QString &value) {
        lines << QStringLiteral("%1 %2").arg(QLatin1String(name), -19).arg(value);
    };
    field("job_id", job.jobId);
    field("engine", orDash(job.engine));
    field("user_name", orDash(job.userName));
    field("warehouse", orDash(job.warehouse));
    field("warehouse_size", orDash(job.warehouseSize));
    field("started_at", time(job.startedAt));
    field("duration_ms", millisecondsText(job.durationMs));
    field("status", orDash(job.status));
    field("cache_hit", job.cacheHit ? (*job.cacheHit ? QStringLiteral("yes (served from a result cache)")
                                                      : QStringLiteral("no"))
                                    : QStringLiteral("—"));
    field("query_hash", orDash(job.queryHash));
    if (profile) {
        field("memory_allocated", number(profile->memoryAllocated));
        field("data_scanned", number(profile->dataScanned));
        field("rows_scanned", number(profile->rowsScanned));
        field("rows_returned", number(profile->rowsReturned));
        field("partitions_scanned", number(profile->partitionsScanned));
        field("cpu_time_ms", number(profile->cpuTimeMs));
    } else {
        lines << QStringLiteral("(no execution profile)");
    }
    if (job.queryText)
        lines << QStringLiteral("query_text") << *job.queryText;
    return lines.join(u'\n');
}

QString summaryText(const Summary &s, const MeasurementWindow &window)
{
    QStringList lines;
    lines << QStringLiteral("Measurements recorded in the last %1 day%2%3")
                 .arg(window.days.value_or(0))
                 .arg(window.days.value_or(0) == 1 ? QString() : QStringLiteral("s"))
                 .arg(window.issueType ? QStringLiteral(", issue type %1").arg(*window.issueType) : QString());
    auto field = [&lines](const char *name, const QString &value) {
        lines << QStringLiteral("  %1 %2").arg(QLatin1String(name), -28).arg(value, 12);
    };
    field("total measurements", QString::number(s.totalMeasurements));
    field("completed", QString::number(s.completedMeasurements));
    field("average improvement %", oneDecimal(s.avgImprovementPct));
    field("success rate %", oneDecimal(s.successRatePct));
    field("time saved (s)", oneDecimal(s.totalTimeSavedSeconds));
    field("projected h saved / month", oneDecimal(s.projectedMonthlyHoursSaved));
    field("met expectation", QString::number(s.metExpectationsCount));
    field("exceeded expectation", QString::number(s.exceededExpectationsCount));
    field("underperformed", QString::number(s.underperformedCount));
    field("verdict improved", QString::number(s.improvedCount));
    field("verdict no change", QString::number(s.noChangeCount));
    field("verdict regressed", QString::number(s.regressedCount));
    field("insufficient runs", QString::number(s.insufficientRunsCount));
    return lines.join(u'\n');
}

QString importText(const ImportReport &r, const QString &what)
{
    const QString files = r.files.size() > 1 ? r.files.join(QStringLiteral(" and ")) : r.file;
    QString text = QStringLiteral("Imported %1 %2 from %3 (%4 format): %5 inserted, %6 updated")
                       .arg(r.rowsRead)
                       .arg(r.rowsRead == 1 ? what.chopped(1) : what, files, r.format)
                       .arg(r.inserted)
                       .arg(r.updated);
    if (!r.formatDetection.isEmpty())
        text += QStringLiteral(", %1 unchanged").arg(r.unchanged);
    if (r.duplicates > 0)
        text += QStringLiteral(", %1 repeated in the file (the last row of each wins)").arg(r.duplicates);
    if (r.merged > 0)
        text += QStringLiteral(", %1 merged into the job of another (its statement's other rows, or the earlier "
                               "snapshot)")
                    .arg(r.merged);
    if (r.rejected > 0)
        text += QStringLiteral(", %1 rejected").arg(r.rejected);
    if (r.skipped > 0)
        text += QStringLiteral(", %1 skipped").arg(r.skipped);
    QStringList lines{text};
    if (!r.formatDetection.isEmpty())
        lines << QStringLiteral("  format: %1, %2").arg(r.format, r.formatDetection);
    if (!r.conversions.isEmpty()) {
        lines << QStringLiteral("  conversions:");
        for (const QString &conversion : r.conversions)
            lines << QStringLiteral("    ") + conversion;
    }
    if (r.cacheHits > 0) {
        QStringList shown = r.cacheHitJobs.mid(0, 10);
        if (r.cacheHits > shown.size())
            shown << QStringLiteral("…");
        lines << QStringLiteral("  cache hits: %1 job%2 served from a result cache, never offered as an after job "
                                "without confirmation: %3")
                     .arg(r.cacheHits)
                     .arg(r.cacheHits == 1 ? QString() : QStringLiteral("s"))
                     .arg(shown.join(QStringLiteral(", ")));
    }
    for (const QString &note : r.notes)
        lines << QStringLiteral("  note: ") + note;
    if (!r.rejectedRecords.isEmpty()) {
        lines << QStringLiteral("  rejected:");
        for (const RejectedRecord &record : r.rejectedRecords)
            lines << QStringLiteral("    ") + record.message;
        if (r.rejected > r.rejectedRecords.size())
            lines << QStringLiteral("    … and %1 more").arg(r.rejected - r.rejectedRecords.size());
    }
    return lines.join(u'\n');
}

} // namespace CliOutput
