#include "measurementservice.h"

#include "expectationjudge.h"
#include "jobstatus.h"
#include "measurementrepository.h"
#include "measurementruns.h"
#include "recommendationrepository.h"
#include "text.h"

#include <QLocale>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

MeasurementService::MeasurementService(const Database &database, MeasurementSettings settings)
    : m_database(database), m_settings(settings), m_clock(&QDateTime::currentDateTimeUtc)
{
}

QString MeasurementService::defaultMeasuredBy()
{
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
#if defined(Q_OS_UNIX)
    // No login variables (a service, a container): the account the process runs as.
    if (const passwd *account = getpwuid(getuid()); account && account->pw_name && *account->pw_name)
        return QString::fromLocal8Bit(account->pw_name);
#endif
    return QStringLiteral("system");
}

Result<Recommendation> MeasurementService::requireRecommendation(qint64 id) const
{
    const auto found = RecommendationRepository(m_database).find(id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound(Text::tr("Recommendation not found: %1").arg(id));
    return *found.value();
}

Result<AfterSuggestions::Suggestions> MeasurementService::suggestAfter(qint64 recommendationId, int limit,
                                                                      int similarDays) const
{
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const MeasurementRepository measurements(m_database);
    auto target = measurements.openForRecommendation(recommendationId);
    if (target && !target.value())
        target = measurements.latestForRecommendation(recommendationId);
    if (!target)
        return target.error();
    if (!target.value())
        return Error::invalidState(Text::tr("No before metrics found for recommendation %1").arg(recommendationId));
    return AfterSuggestions::suggest(m_database, *recommendation, *target.value(), limit, similarDays);
}

Result<MeasurementRuns::RunJob> MeasurementService::measurableJob(const QString &jobId, Role role) const
{
    auto job = MeasurementRuns::require(m_database, jobId);
    if (!job)
        return job;
    if (!JobStatus::isMeasurable(job->status))
        return Error::invalidState(
            (role == Role::Before ? Text::tr("Job %1 has status '%2': a failed, cancelled or unfinished job "
                                             "cannot be the before job of a measurement")
                                  : Text::tr("Job %1 has status '%2': a failed, cancelled or unfinished job "
                                             "cannot be the after job of a measurement"))
                .arg(jobId, *job->status));
    return job;
}

Result<Measurement> MeasurementService::recordBefore(qint64 recommendationId,
                                                     const std::optional<QString> &jobId,
                                                     const std::optional<QString> &measuredBy)
{
    return recordBefore(recommendationId, jobId ? QStringList{*jobId} : QStringList(), measuredBy);
}

Result<Measurement> MeasurementService::recordBefore(qint64 recommendationId, const QStringList &jobIds,
                                                     const std::optional<QString> &measuredBy)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();

    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    QStringList named = jobIds;
    named.removeDuplicates();
    if (named.isEmpty())
        named << recommendation->jobId;
    const MeasurementRepository measurements(m_database);
    const auto open = measurements.openForRecommendation(recommendationId);
    if (!open)
        return open.error();
    if (open.value())
        return Error::invalidState(
            Text::tr("Recommendation %1 already has an open measurement (id %2, before job "
                     "%3); record its after job first")
                .arg(recommendationId)
                .arg(open.value()->id)
                .arg(open.value()->jobIdBefore));

    Measurement measurement;
    measurement.recommendationId = recommendationId;
    measurement.jobIdBefore = named.first();
    QList<MeasurementRuns::RunJob> runs;
    for (const QString &id : std::as_const(named)) {
        const auto job = measurableJob(id, Role::Before);
        if (!job)
            return job.error();
        if (job->cacheHit)
            measurement.warnings << Text::tr("Job %1 was served from a result cache: its metrics are not a real "
                                             "run, so the improvement will look smaller than it is")
                                        .arg(id);
        measurement.runs << MeasurementRuns::asRun(*job, MeasurementRun::Side::Before);
        runs << *job;
    }
    // One job: its metrics as SPEC §3.1 extracts them; several: their medians (§5.2).
    measurement.before = runs.size() == 1 ? runs.first().metrics : MeasurementRuns::medianMetrics(runs);
    measurement.measuredAt = m_clock();
    measurement.measuredBy = measuredBy.value_or(defaultMeasuredBy());
    const auto id = measurements.insert(measurement);
    if (!id)
        return id.error();
    measurement.id = *id;
    transaction.announce(QStringLiteral("measurements"), QList<qint64>{measurement.id},
                         measurement.measuredBy.value_or(QString()));
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return measurement;
}

Result<Measurement> MeasurementService::restore(const Measurement &snapshot)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const MeasurementRepository measurements(m_database);
    const auto current = measurements.find(snapshot.id);
    if (!current)
        return current.error();
    if (!current.value())
        return Error::notFound(Text::tr("Measurement not found: %1").arg(snapshot.id));
    // Everything the after side changed, the runs and the before medians they moved included;
    // the identity and when the before metrics were taken stay.
    Measurement restored = snapshot;
    restored.id = current.value()->id;
    restored.recommendationId = current.value()->recommendationId;
    restored.jobIdBefore = current.value()->jobIdBefore;
    restored.measuredAt = current.value()->measuredAt;
    if (snapshot.runs.isEmpty()) { // a snapshot from before runs were read: the named before runs
        for (const MeasurementRun &run : current.value()->runs)
            if (run.side == MeasurementRun::Side::Before && !run.gathered)
                restored.runs << run;
    }
    if (restored.isOpen()) {
        restored.after.reset();
        restored.runsBefore.reset();
        restored.runsAfter.reset();
        restored.pValue.reset();
        restored.ciLowPct.reset();
        restored.ciHighPct.reset();
        restored.verdict.reset();
        restored.similarDays.reset();
        restored.runsPerDay.reset();
        restored.runs.removeIf([](const MeasurementRun &run) {
            return run.side == MeasurementRun::Side::After || run.gathered;
        });
    }
    if (restored.isOpen()) {
        // Reopening must keep "at most one open measurement per recommendation".
        const auto open = measurements.openForRecommendation(restored.recommendationId);
        if (!open)
            return open.error();
        if (open.value() && open.value()->id != restored.id)
            return Error::invalidState(
                Text::tr("Recommendation %1 already has another open measurement (id %2)")
                    .arg(restored.recommendationId)
                    .arg(open.value()->id));
    }
    if (Status saved = measurements.updateAfter(restored, &current.value()->runs, current.value()->jobIdAfter); !saved)
        return saved.error();
    // Whoever undoes or redoes, not who recorded what is put back.
    transaction.announce(QStringLiteral("measurements"), QList<qint64>{restored.id});
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return restored;
}

Status MeasurementService::discardOpen(qint64 measurementId)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const MeasurementRepository measurements(m_database);
    const auto current = measurements.find(measurementId);
    if (!current)
        return current.error();
    if (!current.value())
        return Error::notFound(Text::tr("Measurement not found: %1").arg(measurementId));
    if (!current.value()->isOpen())
        return Error::invalidState(
            Text::tr("Measurement %1 is completed; only an open one can be discarded").arg(measurementId));
    if (Status removed = measurements.remove(measurementId); !removed)
        return removed;
    transaction.announce(QStringLiteral("measurements"), QList<qint64>{measurementId});
    return transaction.commit();
}

Result<Measurement> MeasurementService::latest(qint64 recommendationId) const
{
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const auto latest = MeasurementRepository(m_database).latestForRecommendation(recommendationId);
    if (!latest)
        return latest.error();
    if (!latest.value())
        return Error::notFound(
            Text::tr("No measurement found for recommendation %1").arg(recommendationId));
    return *latest.value();
}

Result<Summary> MeasurementService::summary(const MeasurementWindow &window) const
{
    if (window.days && *window.days < 1)
        return Error::invalidInput(
            Text::tr("The window must be at least 1 day, not %1").arg(*window.days));
    return MeasurementRepository(m_database).summary(window, m_settings.exceededMarginPct, m_clock());
}
