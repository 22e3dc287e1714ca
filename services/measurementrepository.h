#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariantList>

#include <functional>
#include <optional>

// A measurement with the recommendation facts a report shows beside it.
struct MeasurementReportRow
{
    Measurement measurement;
    QString issueType;
    std::optional<QString> title;
    std::optional<double> estimatedImprovementPct;
};

// The WHERE clause and bound values of a window (SPEC §3.6): measurements whose latest
// recording is within the last N × 24 h, of one issue type. In the SQL, `m` is measurements
// and `r` recommendations (joined by the caller when an issue type is given).
struct MeasurementWindowFilter
{
    MeasurementWindowFilter(const MeasurementWindow &window, const QDateTime &now);
    QString where; // empty, or " WHERE …"
    QVariantList values;
    bool bounded = false; // a time condition: COALESCE(m.completed_at, m.measured_at) >= ?
};

// " JOIN recommendations r ON r.id = m.recommendation_id", for reading r.issue_type and
// r.estimated_improvement_pct only. SQLite is told to read them from idx_recommendations_issue
// (its planner prefers the table's rowid, whose pages hold the titles and descriptions too).
QString recommendationJoin(const Database &database);

// Reads and writes `measurements`. "The" measurement of a recommendation is its latest
// (highest id); at most one of them is open (no after job) at a time (SPEC §3.4).
class MeasurementRepository
{
public:
    explicit MeasurementRepository(const Database &database) : m_database(database) {}

    // Writes the measurement and its runs.
    Result<qint64> insert(const Measurement &measurement) const;
    // Writes everything but the identity and measured_at: both sides' metrics (a side of several
    // runs is their median), improvements, expectation, notes, completed_at, measured_by, the
    // numbers of SPEC §5.2 and the runs.
    // With `storedRuns`, the runs it has now: only those that change are written.
    // With `expectedJobIdAfter`, the after job the caller read (none: still open): the row is
    // written only if it still has it, in the same statement, so that of two programs writing
    // what they read at once the second changes nothing and gets a conflict error (SPEC §7:
    // "Measurement M was completed by USER at TIME") instead of overwriting the first.
    Status updateAfter(const Measurement &measurement, const QList<MeasurementRun> *storedRuns = nullptr,
                       const std::optional<std::optional<QString>> &expectedJobIdAfter = std::nullopt) const;
    // The measurement's runs become `runs` (measurement_runs); with `storedRuns` (what it holds
    // now) by deleting and inserting the difference, else by replacing them all.
    Status replaceRuns(qint64 id, const QList<MeasurementRun> &runs,
                       const QList<MeasurementRun> *storedRuns = nullptr) const;
    // The runs of a measurement with their jobs' start and duration: before first, by start.
    Result<QList<MeasurementRun>> runsOf(qint64 id) const;

    Status remove(qint64 id) const;

    Result<std::optional<Measurement>> find(qint64 id) const;
    Result<std::optional<Measurement>> latestForRecommendation(qint64 recommendationId) const;
    Result<std::optional<Measurement>> openForRecommendation(qint64 recommendationId) const;
    // The recommendations whose measurements name `jobId` as their before or after job (a few
    // of them: for a warning that the job is taken already).
    struct JobUse
    {
        qint64 recommendationId = 0;
        bool asAfter = false;
    };
    Result<QList<JobUse>> usesOfJob(const QString &jobId, int limit = 5) const;

    // How many completed measurements were recorded with --similar (similar_days set): those
    // `measure refresh --all` gathers again.
    Result<qint64> countRecordedWithSimilar() const;

    // SPEC §3.6, computed by the database. `now` anchors the window.
    Result<Summary> summary(const MeasurementWindow &window, double exceededMarginPct,
                            const QDateTime &now) const;

    // Streams the measurements of a window, oldest first, without holding them in memory.
    // The callback returns false to stop.
    Status forEach(const MeasurementWindow &window, const QDateTime &now,
                   const std::function<bool(const MeasurementReportRow &)> &callback) const;

    // The column list every SELECT of a measurement uses, in the order the readers expect,
    // and how many columns it has.
    static QString selectColumns(const QString &tableAlias);
    static constexpr int SelectColumnCount = 36;
    // Reads a row of selectColumns(); the report row also reads the three recommendation
    // columns that follow them (issue_type, title, estimated_improvement_pct).
    static Measurement readMeasurement(const QSqlQuery &query);
    static MeasurementReportRow readReportRow(const QSqlQuery &query);

private:
    Result<std::optional<Measurement>> withRuns(std::optional<Measurement> measurement) const;

    const Database &m_database;
};
