#pragma once

#include "aftersuggestions.h"
#include "calibration.h"
#include "database.h"
#include "improvement.h"
#include "measurementruns.h"
#include "result.h"
#include "types.h"

#include <QDateTime>

#include <functional>
#include <optional>

// The user's choices that change how measurements are judged (SPEC §3.3, §3.6).
struct MeasurementSettings
{
    double tolerancePct = Improvement::DefaultTolerancePct;
    double exceededMarginPct = Improvement::DefaultExceededMarginPct;
};

// What an after job is recorded with (SPEC §3.5, §5.1).
struct AfterRequest
{
    QStringList jobIds;             // the named after jobs; the first is job_id_after
    std::optional<int> similarDays; // --similar: gather the history's other runs within D days
    bool allowCached = false;       // a named job served from a result cache is recorded anyway
    std::optional<QString> measuredBy;
};

// What `measure refresh --all` did.
struct RefreshReport
{
    qint64 refreshed = 0;      // measurements gathered again and recomputed
    qint64 verdictChanged = 0; // of them, those whose verdict is another now
    qint64 runsAdded = 0;      // runs they hold now minus runs they held
};

// Records before and after metrics and judges them (SPEC §3.5), and summarises a window
// (SPEC §3.6). Every write is one transaction; every rule violation is an Error naming the
// offending value, with nothing written.
class MeasurementService
{
public:
    explicit MeasurementService(const Database &database, MeasurementSettings settings = {});

    // Records the before metrics of recommendation R from job J (R's own job by default).
    Result<Measurement> recordBefore(qint64 recommendationId,
                                     const std::optional<QString> &jobId = std::nullopt,
                                     const std::optional<QString> &measuredBy = std::nullopt);
    // The same from several runs (SPEC §5.1): the first job is job_id_before, the before metrics
    // are the medians of them all. None: R's own job.
    Result<Measurement> recordBefore(qint64 recommendationId, const QStringList &jobIds,
                                     const std::optional<QString> &measuredBy);

    // Completes R's open measurement with the optimized job. A job served from a result cache
    // would show a false improvement: it is refused unless `allowCached` confirms it, and the
    // measurement then says so in its validation notes. A failed, cancelled or unfinished job
    // is refused (JobStatus).
    Result<Measurement> recordAfter(qint64 recommendationId, const QString &afterJobId,
                                    const std::optional<QString> &measuredBy = std::nullopt,
                                    bool allowCached = false);
    // With several named after jobs and, with similarDays, the other runs of both queries the
    // history holds (SPEC §5.1); the numbers of §5.2 from them all.
    Result<Measurement> recordAfter(qint64 recommendationId, const AfterRequest &request);

    // Replaces the after job of R's latest, completed measurement (a wrongly typed ID) and
    // recomputes it. It is the same measurement, not a new one.
    Result<Measurement> correctAfter(qint64 recommendationId, const QString &afterJobId,
                                     const std::optional<QString> &measuredBy = std::nullopt,
                                     bool allowCached = false);
    Result<Measurement> correctAfter(qint64 recommendationId, const AfterRequest &request);

    // Gathers again the runs of R's latest measurement, which must be completed and recorded
    // with --similar (history imported since may hold more), and recomputes it; its named jobs,
    // its D, who recorded it and when stay. One transaction.
    Result<Measurement> refresh(qint64 recommendationId);
    // The same for every completed measurement recorded with --similar, one transaction each.
    // `progress(done, total)` returns false to stop after the measurement in hand.
    Result<RefreshReport> refreshAll(const std::function<bool(qint64, qint64)> &progress = {});

    // Puts the after side of an existing measurement back exactly as `snapshot` has it (an
    // open snapshot reopens it): how the GUI undoes and redoes recording or correcting.
    Result<Measurement> restore(const Measurement &snapshot);

    // Deletes an open measurement (undoing "start measurement"); a completed one is kept.
    Status discardOpen(qint64 measurementId);

    // What recordAfter (or, with `correcting`, correctAfter) would write, without writing:
    // the same checks and the same errors. The dialog shows it as a live preview.
    Result<Measurement> previewAfter(qint64 recommendationId, const QString &afterJobId,
                                     bool correcting = false, bool allowCached = false) const;
    Result<Measurement> previewAfter(qint64 recommendationId, const AfterRequest &request,
                                     bool correcting = false) const;

    // Candidates for the after job of R's open measurement (none open: of its latest, to correct
    // it), SPEC §6.1. R without a measurement: the §3.5 error.
    Result<AfterSuggestions::Suggestions> suggestAfter(qint64 recommendationId, int limit,
                                                       int similarDays = MeasurementRuns::DefaultSimilarDays) const;

    // "The" measurement of R: its latest.
    Result<Measurement> latest(qint64 recommendationId) const;

    Result<Summary> summary(const MeasurementWindow &window = {30, std::nullopt}) const;
    // How well the estimates predicted the outcomes in the window (SPEC §6.2).
    Result<QList<Calibration::Row>> calibration(const MeasurementWindow &window = {30, std::nullopt}) const
    {
        return Calibration::compute(m_database, window, now());
    }

    const MeasurementSettings &settings() const { return m_settings; }
    void setSettings(const MeasurementSettings &settings) { m_settings = settings; }

    // The clock that stamps recordings and anchors windows; tests replace it.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }

    // The OS user, used when no measured_by is given.
    static QString defaultMeasuredBy();

private:
    Result<Recommendation> requireRecommendation(qint64 id) const;
    enum class Role { Before, After };
    // The job and its metrics, refused when its status says it has none worth comparing.
    Result<MeasurementRuns::RunJob> measurableJob(const QString &jobId, Role role) const;
    Result<Measurement> completeWith(Measurement measurement, const Recommendation &recommendation,
                                     const AfterRequest &request, bool save = true) const;
    Result<Measurement> refreshMeasurement(const Measurement &measurement) const;
    Result<Measurement> recordOrCorrect(qint64 recommendationId, const AfterRequest &request, bool correcting);
    // The measurement an after job goes to: R's open one, or its latest completed one.
    Result<Measurement> targetOf(const Recommendation &recommendation, bool correcting) const;

    const Database &m_database;
    MeasurementSettings m_settings;
    // While refreshAll runs: the tolerance its judgements use, read once.
    mutable std::optional<double> m_judgedTolerancePct;
    std::function<QDateTime()> m_clock;
};
