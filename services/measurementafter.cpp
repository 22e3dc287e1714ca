// MeasurementService's after side: recording, correcting, previewing and refreshing the after
// job(s) of a measurement, with the runs of SPEC §5.

#include "measurementservice.h"

#include "expectationjudge.h"
#include "measurementrepository.h"
#include "measurementruns.h"
#include "recommendationrepository.h"
#include "recurringsavings.h"
#include "text.h"

#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

using MeasurementRuns::RunJob;

// The named before runs of a measurement, job_id_before first.
QStringList namedBeforeRuns(const Measurement &measurement)
{
    QStringList named{measurement.jobIdBefore};
    for (const MeasurementRun &run : measurement.runs)
        if (run.side == MeasurementRun::Side::Before && !run.gathered && !named.contains(run.jobId))
            named << run.jobId;
    return named;
}

QStringList namedAfterRuns(const Measurement &measurement)
{
    QStringList named;
    if (measurement.jobIdAfter)
        named << *measurement.jobIdAfter;
    for (const MeasurementRun &run : measurement.runs)
        if (run.side == MeasurementRun::Side::After && !run.gathered && !named.contains(run.jobId))
            named << run.jobId;
    return named;
}

QSet<QString> idsOf(const QList<RunJob> &runs)
{
    QSet<QString> ids;
    for (const RunJob &run : runs)
        ids.insert(run.jobId);
    return ids;
}

bool sameMetrics(const JobMetrics &a, const JobMetrics &b)
{
    return a.durationMs == b.durationMs && a.memoryMb == b.memoryMb && a.dataScannedMb == b.dataScannedMb
           && a.rowsScanned == b.rowsScanned && a.rowsReturned == b.rowsReturned
           && a.partitionsScanned == b.partitionsScanned && a.cpuTimeMs == b.cpuTimeMs;
}

// Whether writing `next` would change any stored column or run of `stored`.
bool sameStoredValues(const Measurement &stored, const Measurement &next)
{
    const auto sameRuns = [](QList<MeasurementRun> a, QList<MeasurementRun> b) {
        const auto order = [](const MeasurementRun &x, const MeasurementRun &y) {
            return std::pair(x.side, x.jobId) < std::pair(y.side, y.jobId);
        };
        std::sort(a.begin(), a.end(), order);
        std::sort(b.begin(), b.end(), order);
        return a == b;
    };
    return stored.jobIdAfter == next.jobIdAfter && sameMetrics(stored.before, next.before) && stored.after && next.after
           && sameMetrics(*stored.after, *next.after) && stored.improvements.durationPct == next.improvements.durationPct
           && stored.improvements.memoryPct == next.improvements.memoryPct
           && stored.improvements.scanPct == next.improvements.scanPct
           && stored.improvements.cpuPct == next.improvements.cpuPct && stored.expectation.meets == next.expectation.meets
           && stored.expectation.deltaPct == next.expectation.deltaPct && stored.validationNotes == next.validationNotes
           && stored.measuredBy == next.measuredBy && stored.completedAt == next.completedAt
           && stored.runsBefore == next.runsBefore && stored.runsAfter == next.runsAfter && stored.pValue == next.pValue
           && stored.ciLowPct == next.ciLowPct && stored.ciHighPct == next.ciHighPct && stored.verdict == next.verdict
           && stored.similarDays == next.similarDays && stored.runsPerDay == next.runsPerDay && sameRuns(stored.runs, next.runs);
}

} // namespace

Result<Measurement> MeasurementService::completeWith(Measurement measurement,
                                                     const Recommendation &recommendation,
                                                     const AfterRequest &request, bool save) const
{
    const QList<MeasurementRun> storedRuns = measurement.runs;
    const std::optional<QString> readJobIdAfter = measurement.jobIdAfter;
    QStringList namedAfter = request.jobIds;
    namedAfter.removeDuplicates();
    if (namedAfter.isEmpty())
        return Error::invalidInput(Text::tr("No after job given for recommendation %1").arg(recommendation.id));
    const QStringList namedBefore = namedBeforeRuns(measurement);
    for (const QString &id : namedAfter) {
        if (id == measurement.jobIdBefore)
            return Error::invalidState(
                Text::tr("Job %1 is the before job of recommendation %2; give the optimized "
                         "job's ID as the after job")
                    .arg(id)
                    .arg(recommendation.id));
        if (namedBefore.contains(id))
            return Error::invalidState(Text::tr("Job %1 is a before run of recommendation %2; a job can be on "
                                                "one side only")
                                           .arg(id)
                                           .arg(recommendation.id));
    }

    // The named after jobs: measurable, and no cache hit unless confirmed.
    QList<RunJob> after;
    QStringList cachedAfter;
    for (const QString &id : namedAfter) {
        const auto job = measurableJob(id, Role::After);
        if (!job)
            return job.error();
        const bool cached = job->cacheHit;
        if (cached && !request.allowCached)
            return Error::invalidState(
                Text::tr("Job %1 was served from a result cache: its metrics are not a real run "
                         "and would show a false improvement. Confirm to record it anyway "
                         "(command line: --allow-cached)")
                    .arg(id));
        if (cached)
            cachedAfter << id;
        after << *job;
    }

    // The named before runs. A single one keeps the metrics recorded with it (SPEC §3: one run a
    // side gives exactly §3's numbers); several are read as they are now.
    QList<RunJob> before;
    for (const QString &id : namedBefore) {
        const auto job = MeasurementRuns::require(m_database, id);
        if (!job)
            return job.error();
        before << *job;
    }
    // Only while the before side is that one run: after a gathering (a refresh), the stored
    // before metrics are the median of them all.
    const auto storedBeforeRuns = std::count_if(storedRuns.cbegin(), storedRuns.cend(), [](const MeasurementRun &run) {
        return run.side == MeasurementRun::Side::Before;
    });
    if (before.size() == 1 && storedBeforeRuns <= 1)
        before.first().metrics = measurement.before;

    measurement.warnings.clear();
    QStringList notes;
    const auto note = [&](const char *text, const QStringList &arguments, bool warn) {
        const auto fill = [&](QString pattern) {
            for (const QString &argument : arguments)
                pattern = pattern.arg(argument);
            return pattern;
        };
        notes << fill(QString::fromUtf8(text));
        if (warn)
            measurement.warnings << fill(Text::tr(text));
    };

    if (request.similarDays) {
        const RunJob &first = after.first();
        if (!first.startedAt)
            return Error::invalidState(
                Text::tr("Job %1 has no started_at: --similar gathers the runs before and after the time the "
                         "after job started, so it needs one")
                    .arg(first.jobId));
        const QDateTime t0 = *first.startedAt;
        const qint64 span = qint64(*request.similarDays) * 24 * 3600;
        QSet<QString> exclude(namedBefore.cbegin(), namedBefore.cend());
        for (const QString &id : namedAfter)
            exclude.insert(id);
        if (const auto hash = before.first().queryHash) {
            const auto gathered = MeasurementRuns::similar(
                m_database, {*hash, t0.addSecs(-span), t0, false, true},
                MeasurementRuns::MaxRunsPerSide - int(before.size()), exclude);
            if (!gathered)
                return gathered.error();
            before += *gathered;
            exclude += idsOf(*gathered);
        } else {
            note(QT_TRANSLATE_NOOP("Services", "The before job %1 has no query_hash: no other runs of it were "
                                               "gathered"),
                 {before.first().jobId}, true);
        }
        if (const auto hash = first.queryHash) {
            const auto gathered = MeasurementRuns::similar(
                m_database, {*hash, t0, t0.addSecs(span), true, false},
                MeasurementRuns::MaxRunsPerSide - int(after.size()), exclude);
            if (!gathered)
                return gathered.error();
            after += *gathered;
        } else {
            note(QT_TRANSLATE_NOOP("Services", "The after job %1 has no query_hash: no other runs of it were "
                                               "gathered"),
                 {first.jobId}, true);
        }
    }

    measurement.jobIdAfter = after.first().jobId;
    measurement.similarDays = request.similarDays;
    const QStringList runNotes = MeasurementRuns::apply(measurement, before, after);
    // Judged with the tolerance of the database's other judgements, when it has stored one.
    measurement.expectation = Improvement::evaluate(measurement.improvements.durationPct,
                                                    recommendation.estimatedImprovementPct,
                                                    m_judgedTolerancePct ? *m_judgedTolerancePct
                                                                         : ExpectationJudge(m_database).tolerancePctFor(
                                                                               m_settings.tolerancePct));
    // A note is stored with the measurement as written here: it is data, read by everyone who
    // opens the database. The warning shown to whoever records it is in their language.
    if (!measurement.improvements.durationPct) {
        if (before.size() == 1)
            note(QT_TRANSLATE_NOOP("Services", "The before job %1 took 0 ms, so no duration improvement can "
                                               "be computed and the expectation cannot be judged"),
                 {measurement.jobIdBefore}, false);
        else
            note(QT_TRANSLATE_NOOP("Services", "Every before run took 0 ms, so no duration improvement can be "
                                               "computed and the expectation cannot be judged"),
                 {}, false);
    }
    for (const QString &id : std::as_const(cachedAfter))
        note(QT_TRANSLATE_NOOP("Services", "The after job %1 was served from a result cache (recorded "
                                           "with confirmation): its improvement is not a real one"),
             {id}, true);
    for (const RunJob &run : std::as_const(before))
        if (!run.gathered && run.cacheHit)
            note(QT_TRANSLATE_NOOP("Services", "The before job %1 was served from a result cache: its "
                                               "metrics are not a real run"),
                 {run.jobId}, true);
    const RunJob &beforeJob = before.first(), &afterJob = after.first();
    if (beforeJob.warehouseSize && afterJob.warehouseSize
        && beforeJob.warehouseSize->compare(*afterJob.warehouseSize, Qt::CaseInsensitive) != 0)
        note(QT_TRANSLATE_NOOP("Services", "The before job ran on warehouse size %1 and the after job "
                                           "on %2: the comparison is not like for like"),
             {*beforeJob.warehouseSize, *afterJob.warehouseSize}, true);
    notes += runNotes;
    measurement.validationNotes.reset();
    if (!notes.isEmpty())
        measurement.validationNotes = notes.join(QStringLiteral(". "));
    const auto runsPerDay = RecurringSavings::runsPerDay(m_database, beforeJob.queryHash, beforeJob.startedAt);
    if (!runsPerDay)
        return runsPerDay.error();
    measurement.runsPerDay = *runsPerDay;
    measurement.measuredBy = request.measuredBy.value_or(defaultMeasuredBy());
    measurement.completedAt = m_clock();
    if (!save)
        return measurement;
    if (Status saved = MeasurementRepository(m_database).updateAfter(measurement, &storedRuns, readJobIdAfter); !saved)
        return saved.error();
    return measurement;
}

Result<Measurement> MeasurementService::targetOf(const Recommendation &recommendation,
                                                 bool correcting) const
{
    const MeasurementRepository measurements(m_database);
    if (!correcting) {
        const auto open = measurements.openForRecommendation(recommendation.id);
        if (!open)
            return open.error();
        if (!open.value())
            return Error::invalidState(
                Text::tr("No before metrics found for recommendation %1").arg(recommendation.id));
        return *open.value();
    }
    const auto latest = measurements.latestForRecommendation(recommendation.id);
    if (!latest)
        return latest.error();
    if (!latest.value() || latest.value()->isOpen())
        return Error::invalidState(
            Text::tr("Recommendation %1 has no completed measurement to correct").arg(recommendation.id));
    return *latest.value();
}

Result<Measurement> MeasurementService::recordOrCorrect(qint64 recommendationId, const AfterRequest &request,
                                                        bool correcting)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const auto target = targetOf(*recommendation, correcting);
    if (!target)
        return target;
    auto completed = completeWith(*target, *recommendation, request);
    if (!completed)
        return completed;
    transaction.announce(QStringLiteral("measurements"), QList<qint64>{completed->id}, completed->measuredBy.value_or(QString()));
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return completed;
}

Result<Measurement> MeasurementService::recordAfter(qint64 recommendationId, const QString &afterJobId,
                                                    const std::optional<QString> &measuredBy, bool allowCached)
{
    return recordOrCorrect(recommendationId, {{afterJobId}, std::nullopt, allowCached, measuredBy}, false);
}

Result<Measurement> MeasurementService::recordAfter(qint64 recommendationId, const AfterRequest &request)
{
    return recordOrCorrect(recommendationId, request, false);
}

Result<Measurement> MeasurementService::correctAfter(qint64 recommendationId, const QString &afterJobId,
                                                     const std::optional<QString> &measuredBy, bool allowCached)
{
    return recordOrCorrect(recommendationId, {{afterJobId}, std::nullopt, allowCached, measuredBy}, true);
}

Result<Measurement> MeasurementService::correctAfter(qint64 recommendationId, const AfterRequest &request)
{
    return recordOrCorrect(recommendationId, request, true);
}

Result<Measurement> MeasurementService::previewAfter(qint64 recommendationId, const QString &afterJobId,
                                                     bool correcting, bool allowCached) const
{
    return previewAfter(recommendationId, {{afterJobId}, std::nullopt, allowCached, std::nullopt}, correcting);
}

Result<Measurement> MeasurementService::previewAfter(qint64 recommendationId, const AfterRequest &request,
                                                     bool correcting) const
{
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const auto target = targetOf(*recommendation, correcting);
    if (!target)
        return target;
    return completeWith(*target, *recommendation, request, false);
}

Result<Measurement> MeasurementService::refreshMeasurement(const Measurement &measurement) const
{
    const auto recommendation = requireRecommendation(measurement.recommendationId);
    if (!recommendation)
        return recommendation.error();
    // Its named jobs were accepted when it was recorded (a cache hit with confirmation too).
    const AfterRequest request{namedAfterRuns(measurement), measurement.similarDays, true, measurement.measuredBy};
    auto refreshed = completeWith(measurement, *recommendation, request, false);
    if (!refreshed)
        return refreshed;
    refreshed->completedAt = measurement.completedAt;
    // Nothing new in the history: nothing to write (a refresh of all is mostly this).
    if (sameStoredValues(measurement, *refreshed))
        return refreshed;
    if (Status saved = MeasurementRepository(m_database).updateAfter(*refreshed, &measurement.runs,
                                                                      measurement.jobIdAfter);
        !saved)
        return saved.error();
    return refreshed;
}

Result<Measurement> MeasurementService::refresh(qint64 recommendationId)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const auto latest = MeasurementRepository(m_database).latestForRecommendation(recommendationId);
    if (!latest)
        return latest.error();
    if (!latest.value() || latest.value()->isOpen())
        return Error::invalidState(
            Text::tr("Recommendation %1 has no completed measurement to refresh").arg(recommendationId));
    if (!latest.value()->similarDays)
        return Error::invalidState(Text::tr("The measurement of recommendation %1 was not recorded with --similar: "
                                            "it has no gathered runs to refresh")
                                       .arg(recommendationId));
    auto refreshed = refreshMeasurement(*latest.value());
    if (!refreshed)
        return refreshed;
    if (!sameStoredValues(*latest.value(), *refreshed))
        transaction.announce(QStringLiteral("measurements"), QList<qint64>{refreshed->id});
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return refreshed;
}

Result<RefreshReport> MeasurementService::refreshAll(const std::function<bool(qint64, qint64)> &progress)
{
    QList<qint64> ids;
    {
        QSqlQuery query(m_database.connection());
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT id FROM measurements WHERE similar_days IS NOT NULL "
                                       "AND job_id_after IS NOT NULL ORDER BY id")))
            return Database::sqlError(Text::tr("Cannot read the measurements"), query.lastError());
        while (query.next())
            ids << query.value(0).toLongLong();
    }
    RefreshReport report;
    const MeasurementRepository measurements(m_database);
    // One tolerance for them all, read once (each judgement would read it again).
    m_judgedTolerancePct = ExpectationJudge(m_database).tolerancePctFor(m_settings.tolerancePct);
    const auto forget = qScopeGuard([this] { m_judgedTolerancePct.reset(); });
    for (qsizetype i = 0; i < ids.size(); ++i) {
        Transaction transaction(m_database);
        if (!transaction.isActive())
            return transaction.beginError();
        const auto current = measurements.find(ids[i]);
        if (!current)
            return current.error();
        // Gone or reopened since the list was read (another program): nothing to refresh.
        if (current.value() && !current.value()->isOpen() && current.value()->similarDays) {
            const auto refreshed = refreshMeasurement(*current.value());
            if (!refreshed)
                return Error{refreshed.error().kind,
                             Text::tr("Measurement %1 (recommendation %2): %3")
                                 .arg(ids[i])
                                 .arg(current.value()->recommendationId)
                                 .arg(refreshed.error().message)};
            if (!sameStoredValues(*current.value(), *refreshed))
                transaction.announce(QStringLiteral("measurements"), QList<qint64>{refreshed->id});
            if (Status committed = transaction.commit(); !committed)
                return committed.error();
            ++report.refreshed;
            if (refreshed->verdict != current.value()->verdict)
                ++report.verdictChanged;
            report.runsAdded += refreshed->runs.size() - current.value()->runs.size();
        }
        if (progress && !progress(i + 1, ids.size()))
            break;
    }
    return report;
}
