#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include "runstatistics.h"

#include <optional>

// Plain value types that cross the layers (services -> models -> views, and the CLI).
// Units are part of the names, as in the tables of SPEC §2.

struct Job
{
    QString jobId;
    std::optional<QString> queryText;
    std::optional<QString> queryHash;
    std::optional<QString> engine;
    std::optional<QString> userName;
    std::optional<QString> warehouse;
    std::optional<QString> warehouseSize; // as the engine names it (Snowflake: X-Small, Large, …)
    std::optional<QDateTime> startedAt;   // UTC
    // A real number (SPEC §2): sub-millisecond means such as pg_stat_statements' keep their fraction.
    double durationMs = 0;
    // success, failed, cancelled or running for engine imports; free text from generic CSV.
    std::optional<QString> status;
    std::optional<bool> cacheHit; // served from a result cache: its metrics are not a real run
};

struct Profile
{
    QString jobId;
    std::optional<qint64> memoryAllocated; // bytes
    std::optional<qint64> dataScanned;     // bytes
    std::optional<qint64> rowsScanned;
    std::optional<qint64> rowsReturned;
    std::optional<qint64> partitionsScanned;
    std::optional<qint64> cpuTimeMs;
};

struct Recommendation
{
    qint64 id = 0;
    QString jobId;
    QString issueType;
    std::optional<QString> title;
    std::optional<QString> description;
    std::optional<double> estimatedImprovementPct;
    QString status = QStringLiteral("open");
    std::optional<QDateTime> createdAt;
    std::optional<QDateTime> implementedAt;
};

// The metrics of one job as a measurement records them (SPEC §3.1).
struct JobMetrics
{
    double durationMs = 0;
    std::optional<double> memoryMb;
    std::optional<double> dataScannedMb;
    std::optional<qint64> rowsScanned;
    std::optional<qint64> rowsReturned;
    std::optional<qint64> partitionsScanned;
    std::optional<qint64> cpuTimeMs;
};

struct Improvements
{
    std::optional<double> durationPct;
    std::optional<double> memoryPct;
    std::optional<double> scanPct;
    std::optional<double> cpuPct;
};

struct Expectation
{
    std::optional<bool> meets;
    std::optional<double> deltaPct; // rounded to one decimal
};

// One run of a measurement (SPEC §5.1, measurement_runs): a job on the before or the after
// side. A named run was given by the analyst (the first of a side is job_id_before or
// job_id_after); a gathered one was found in the history by --similar.
struct MeasurementRun
{
    enum class Side { Before, After };
    Side side = Side::Before;
    QString jobId;
    bool gathered = false;
    // Read with the run for listing (measure runs, the detail pane's dot plot); not stored here.
    std::optional<QDateTime> startedAt;
    double durationMs = 0;

    bool operator==(const MeasurementRun &other) const
    {
        return side == other.side && jobId == other.jobId && gathered == other.gathered;
    }
};

struct Measurement
{
    qint64 id = 0;
    qint64 recommendationId = 0;
    QString jobIdBefore;
    std::optional<QString> jobIdAfter;
    JobMetrics before;
    std::optional<JobMetrics> after; // set exactly when jobIdAfter is
    Improvements improvements;
    Expectation expectation;
    std::optional<QString> validationNotes;
    QDateTime measuredAt;  // when the before metrics were recorded (UTC)
    std::optional<QString> measuredBy;
    std::optional<QDateTime> completedAt; // when the after metrics were recorded (UTC)
    // SPEC §5.2, from the runs; none of them while the measurement is pending.
    std::optional<int> runsBefore;
    std::optional<int> runsAfter;
    std::optional<double> pValue;
    std::optional<double> ciLowPct;  // improvement_ci_low_pct
    std::optional<double> ciHighPct; // improvement_ci_high_pct
    std::optional<RunStatistics::Verdict> verdict;
    // Recorded with --similar: the D of its gathering, which `measure refresh` repeats.
    std::optional<int> similarDays;
    // SPEC §6.3: how often the before job's query ran in the 30 days before it (itself
    // included), per day; set when the after side is recorded.
    std::optional<double> runsPerDay;
    // (before − after duration) × runs_per_day × 30 / 3,600,000; none while pending.
    std::optional<double> projectedMonthlyHoursSaved() const
    {
        if (!after || !runsPerDay)
            return std::nullopt;
        return (before.durationMs - after->durationMs) * *runsPerDay * 30.0 / 3600000.0;
    }
    // The runs of both sides; filled where a measurement is read one at a time (not in lists).
    QList<MeasurementRun> runs;
    // Not stored: what the analyst should be told about this recording (cached job, different
    // warehouse sizes); the lasting part of it is in validationNotes.
    QStringList warnings;

    bool isOpen() const { return !jobIdAfter.has_value(); }
};

// SPEC §3.6: every key always present.
struct Summary
{
    qint64 totalMeasurements = 0;
    qint64 completedMeasurements = 0;
    double avgImprovementPct = 0;
    double successRatePct = 0;
    double totalTimeSavedSeconds = 0;
    // SPEC §6.3: Σ over the completed ones of their projected monthly hours saved, 1 decimal.
    double projectedMonthlyHoursSaved = 0;
    qint64 metExpectationsCount = 0;
    qint64 exceededExpectationsCount = 0;
    qint64 underperformedCount = 0;
    // Not a SPEC key (the command line does not print it): the completed measurements that got
    // slower, which the window names apart from those below their estimate.
    qint64 regressionCount = 0;
    qint64 belowEstimateCount() const { return underperformedCount - regressionCount; }
    // SPEC §5.2: the verdicts of the completed measurements of the window.
    qint64 improvedCount = 0;
    qint64 noChangeCount = 0;
    qint64 regressedCount = 0;
    qint64 insufficientRunsCount = 0;
};

// Which measurements a summary or report covers.
struct MeasurementWindow
{
    std::optional<int> days;          // none: all time
    std::optional<QString> issueType; // none: every issue type
};
