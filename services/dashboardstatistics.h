#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <QDateTime>
#include <QList>

#include <array>
#include <cmath>
#include <functional>
#include <optional>

// What the dashboard's charts show, computed by the database over a window (SPEC §3.6):
// the distribution of duration improvements, success per issue type, and the estimated vs
// actual points. Runs in a worker thread on its own connection for big databases.
class DashboardStatistics
{
public:
    // Bins of duration_improvement_pct: [0] below −50, then [−50, −40) … [90, 100].
    static constexpr int BinCount = 16;
    static double binLowerBound(int bin) { return bin == 0 ? -1e300 : -50.0 + 10.0 * (bin - 1); }
    static QString binLabel(int bin);

    struct Distribution
    {
        std::array<qint64, BinCount> counts{};
        std::optional<double> median;
        qint64 total = 0;
    };

    struct IssueSuccess
    {
        QString issueType;
        qint64 completed = 0;
        qint64 met = 0;
        double ratePct() const { return completed > 0 ? double(met) * 100.0 / double(completed) : 0.0; }
    };

    struct Success
    {
        qint64 completed = 0;
        qint64 met = 0;
        QList<IssueSuccess> byIssueType; // highest rate first
    };

    // How a point's measurement did against its estimate (SPEC §3.3): its expectation, not
    // the verdict of its runs (§5.2), which Points keeps beside it.
    enum class PointVerdict : quint8 { Met, Underperformed, Regression };

    // Struct of arrays: a million points in ~30 MB.
    struct Points
    {
        // NaN where the recommendation has no estimate: it was judged against 0 (SPEC §3.3), and
        // the scatter draws such points apart rather than at an estimate of 0.
        QList<float> estimated;
        QList<float> actual;
        QList<PointVerdict> verdicts;
        QList<qint64> recommendationIds;
        // SPEC §5.2: the verdict of the measurement's runs as RunStatistics::Verdict, −1 where
        // the column is NULL; and the 95 % interval of its improvement, NaN where it has none
        // (insufficient runs).
        QList<qint8> runVerdicts;
        QList<float> intervalLow;
        QList<float> intervalHigh;
        qsizetype size() const { return actual.size(); }
        // One completed measurement: its expectation follows from the improvement and the
        // judgement of the estimate.
        void append(std::optional<double> estimatedPct, double actualPct, bool meetsExpectation,
                    qint64 recommendationId,
                    std::optional<RunStatistics::Verdict> runVerdict = std::nullopt,
                    std::optional<double> intervalLowPct = std::nullopt,
                    std::optional<double> intervalHighPct = std::nullopt);
        bool hasEstimate(qsizetype i) const { return !std::isnan(estimated.at(i)); }
        bool hasInterval(qsizetype i) const { return !std::isnan(intervalLow.at(i)) && !std::isnan(intervalHigh.at(i)); }
        std::optional<RunStatistics::Verdict> runVerdict(qsizetype i) const
        {
            const qint8 v = runVerdicts.at(i);
            return v < 0 ? std::nullopt : std::optional(RunStatistics::Verdict(v));
        }
        bool hasInsufficientRuns(qsizetype i) const
        {
            return runVerdicts.at(i) == qint8(RunStatistics::Verdict::InsufficientRuns);
        }
    };

    // What the dashboard shows: the three above at once.
    struct Charts
    {
        Distribution distribution;
        Success success;
        Points points;
    };

    explicit DashboardStatistics(const Database &database) : m_database(database) {}

    Result<Distribution> distribution(const MeasurementWindow &window) const;
    Result<Success> success(const MeasurementWindow &window) const;
    // `progress` is called every few thousand points; returning false cancels.
    Result<Points> points(const MeasurementWindow &window,
                          const std::function<bool(qint64)> &progress = {}) const;
    // The three of them from one pass over the window's completed measurements, equal to what
    // the three calls above return. The dashboard reads this way: the join to recommendations
    // is most of the cost and is paid once instead of twice (a second of a cold million-row
    // window), the bins and the median come from values read anyway instead of three more
    // scans with a sort, and the whole read can be canceled between rows.
    Result<Charts> charts(const MeasurementWindow &window,
                          const std::function<bool(qint64)> &progress = {}) const;

    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

private:
    const Database &m_database;
    std::function<QDateTime()> m_clock = &QDateTime::currentDateTimeUtc;
};
