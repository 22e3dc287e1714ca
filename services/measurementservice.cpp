#include "measurementservice.h"

#include "expectationjudge.h"
#include "jobrepository.h"
#include "jobstatus.h"
#include "measurementrepository.h"
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

Result<std::pair<Job, JobMetrics>> MeasurementService::measurableJob(const QString &jobId,
                                                                    Role role) const
{
    const JobRepository jobs(m_database);
    const auto job = jobs.find(jobId);
    if (!job)
        return job.error();
    if (!job.value())
        return Error::notFound(Text::tr("Job not found: %1").arg(jobId));
    if (!JobStatus::isMeasurable(job.value()->status))
        return Error::invalidState(
            (role == Role::Before ? Text::tr("Job %1 has status '%2': a failed, cancelled or unfinished job "
                                             "cannot be the before job of a measurement")
                                  : Text::tr("Job %1 has status '%2': a failed, cancelled or unfinished job "
                                             "cannot be the after job of a measurement"))
                .arg(jobId, *job.value()->status));
    const auto profile = jobs.findProfile(jobId);
    if (!profile)
        return profile.error();
    return std::pair(*job.value(), Improvement::extractMetrics(*job.value(), profile.value()));
}

Result<Measurement> MeasurementService::recordBefore(qint64 recommendationId,
                                                     const std::optional<QString> &jobId,
                                                     const std::optional<QString> &measuredBy)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();

    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const QString beforeJob = jobId.value_or(recommendation->jobId);
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
    const auto job = measurableJob(beforeJob, Role::Before);
    if (!job)
        return job.error();

    Measurement measurement;
    measurement.recommendationId = recommendationId;
    measurement.jobIdBefore = beforeJob;
    measurement.before = job->second;
    if (job->first.cacheHit.value_or(false))
        measurement.warnings << Text::tr("Job %1 was served from a result cache: its metrics are not a real "
                                         "run, so the improvement will look smaller than it is")
                                    .arg(beforeJob);
    measurement.measuredAt = m_clock();
    measurement.measuredBy = measuredBy.value_or(defaultMeasuredBy());
    const auto id = measurements.insert(measurement);
    if (!id)
        return id.error();
    measurement.id = *id;
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return measurement;
}

Result<Measurement> MeasurementService::completeWith(Measurement measurement,
                                                     const Recommendation &recommendation,
                                                     const QString &afterJobId,
                                                     const std::optional<QString> &measuredBy,
                                                     bool allowCached, bool save) const
{
    if (afterJobId == measurement.jobIdBefore)
        return Error::invalidState(
            Text::tr("Job %1 is the before job of recommendation %2; give the optimized "
                     "job's ID as the after job")
                .arg(afterJobId)
                .arg(recommendation.id));
    const auto after = measurableJob(afterJobId, Role::After);
    if (!after)
        return after.error();
    const bool cached = after->first.cacheHit.value_or(false);
    if (cached && !allowCached)
        return Error::invalidState(
            Text::tr("Job %1 was served from a result cache: its metrics are not a real run "
                     "and would show a false improvement. Confirm to record it anyway "
                     "(command line: --allow-cached)")
                .arg(afterJobId));
    const auto before = JobRepository(m_database).find(measurement.jobIdBefore);
    if (!before)
        return before.error();

    measurement.jobIdAfter = afterJobId;
    measurement.after = after->second;
    measurement.improvements = Improvement::compute(measurement.before, after->second);
    // Judged with the tolerance of the database's other judgements, when it has stored one.
    measurement.expectation = Improvement::evaluate(measurement.improvements.durationPct,
                                                    recommendation.estimatedImprovementPct,
                                                    ExpectationJudge(m_database).tolerancePctFor(m_settings.tolerancePct));
    // A note is stored with the measurement as written here: it is data, read by everyone who
    // opens the database. The warning shown to whoever records it is in their language.
    QStringList notes;
    measurement.warnings.clear();
    const auto note = [&](const char *text, const QString &first, const QString &second, bool warn) {
        const auto fill = [&](const QString &pattern) {
            return second.isNull() ? pattern.arg(first) : pattern.arg(first, second);
        };
        notes << fill(QString::fromUtf8(text));
        if (warn)
            measurement.warnings << fill(Text::tr(text));
    };
    if (!measurement.improvements.durationPct)
        note(QT_TRANSLATE_NOOP("Services", "The before job %1 took 0 ms, so no duration improvement can "
                                           "be computed and the expectation cannot be judged"),
             measurement.jobIdBefore, {}, false);
    if (cached)
        note(QT_TRANSLATE_NOOP("Services", "The after job %1 was served from a result cache (recorded "
                                           "with confirmation): its improvement is not a real one"),
             afterJobId, {}, true);
    const std::optional<Job> beforeJob = *before;
    if (beforeJob && beforeJob->cacheHit.value_or(false))
        note(QT_TRANSLATE_NOOP("Services", "The before job %1 was served from a result cache: its "
                                           "metrics are not a real run"),
             measurement.jobIdBefore, {}, true);
    if (beforeJob && beforeJob->warehouseSize && after->first.warehouseSize
        && beforeJob->warehouseSize->compare(*after->first.warehouseSize, Qt::CaseInsensitive) != 0)
        note(QT_TRANSLATE_NOOP("Services", "The before job ran on warehouse size %1 and the after job "
                                           "on %2: the comparison is not like for like"),
             *beforeJob->warehouseSize, *after->first.warehouseSize, true);
    measurement.validationNotes.reset();
    if (!notes.isEmpty())
        measurement.validationNotes = notes.join(QStringLiteral(". "));
    measurement.measuredBy = measuredBy.value_or(defaultMeasuredBy());
    measurement.completedAt = m_clock();
    if (!save)
        return measurement;
    if (Status saved = MeasurementRepository(m_database).updateAfter(measurement); !saved)
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

Result<Measurement> MeasurementService::recordAfter(qint64 recommendationId,
                                                    const QString &afterJobId,
                                                    const std::optional<QString> &measuredBy,
                                                    bool allowCached)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const auto target = targetOf(*recommendation, false);
    if (!target)
        return target;
    auto completed = completeWith(*target, *recommendation, afterJobId, measuredBy, allowCached);
    if (!completed)
        return completed;
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return completed;
}

Result<Measurement> MeasurementService::correctAfter(qint64 recommendationId,
                                                     const QString &afterJobId,
                                                     const std::optional<QString> &measuredBy,
                                                     bool allowCached)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const auto target = targetOf(*recommendation, true);
    if (!target)
        return target;
    auto corrected = completeWith(*target, *recommendation, afterJobId, measuredBy, allowCached);
    if (!corrected)
        return corrected;
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return corrected;
}

Result<Measurement> MeasurementService::previewAfter(qint64 recommendationId,
                                                     const QString &afterJobId, bool correcting,
                                                     bool allowCached) const
{
    const auto recommendation = requireRecommendation(recommendationId);
    if (!recommendation)
        return recommendation.error();
    const auto target = targetOf(*recommendation, correcting);
    if (!target)
        return target;
    return completeWith(*target, *recommendation, afterJobId, std::nullopt, allowCached, false);
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
    Measurement restored = *current.value();
    restored.jobIdAfter = snapshot.jobIdAfter;
    restored.after = snapshot.after;
    restored.improvements = snapshot.improvements;
    restored.expectation = snapshot.expectation;
    restored.validationNotes = snapshot.validationNotes;
    restored.measuredBy = snapshot.measuredBy;
    restored.completedAt = snapshot.completedAt;
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
    if (Status saved = measurements.updateAfter(restored); !saved)
        return saved.error();
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
