#pragma once

#include <QString>
#include <QStringView>

#include <optional>
#include <span>
#include <vector>

// The numbers SPEC §5.2 draws from a measurement's runs: medians of each side, the median
// pairwise ratio behind duration_improvement_pct, and, from the runs with a positive duration,
// the two-sided Wilcoxon rank-sum p-value, the 95 % interval of the improvement and the verdict,
// as R's wilcox.test(before, after) computes them. No database: the measurement service fills
// its columns from RunComparison. Durations are milliseconds, finite and ≥ 0 (SPEC §2).
namespace RunStatistics {

// The verdict column (SPEC §5.2), not the judgement of the estimate (Improvement::Verdict).
enum class Verdict { InsufficientRuns, Improved, NoChange, Regressed };
QString verdictName(Verdict verdict); // insufficient_runs, improved, no_change, regressed
std::optional<Verdict> verdictFromName(QStringView name);

// What a measurement stores from its runs, named after the columns it fills.
struct RunComparison
{
    int runsBefore = 0; // runs_before: n, every run
    int runsAfter = 0;  // runs_after: m
    // before_duration_ms, after_duration_ms: the median of every run of the side
    // (absent only for a side without runs, which SPEC §5.1 does not allow).
    std::optional<double> beforeDurationMs;
    std::optional<double> afterDurationMs;
    // duration_improvement_pct: (1 − r̃) × 100 over every pair with a positive before duration.
    std::optional<double> durationImprovementPct;
    // Positions in the input of the runs with 0 ms, left out of the statistics below, for the
    // caller to name in validation_notes.
    std::vector<int> zeroBefore;
    std::vector<int> zeroAfter;
    // p_value, improvement_ci_low_pct, improvement_ci_high_pct: absent with InsufficientRuns.
    std::optional<double> pValue;
    std::optional<double> ciLowPct;
    std::optional<double> ciHighPct;
    Verdict verdict = Verdict::InsufficientRuns; // verdict
    bool exact = false; // p and interval from the exact null distribution, not the normal one

    int positiveRunsBefore() const { return runsBefore - int(zeroBefore.size()); } // n'
    int positiveRunsAfter() const { return runsAfter - int(zeroAfter.size()); }    // m'
};

// Everything of SPEC §5.2 for one measurement's durations.
RunComparison compare(std::span<const double> beforeMs, std::span<const double> afterMs);

// The median; with an even count the mean of the two middle values. Absent for no values.
std::optional<double> median(std::span<const double> values);

// r̃: the median of the ratios after / before over every pair with before > 0; with an even
// count the geometric mean of the two middle ratios, 0 when one of them is 0. Absent when no
// before value is positive (or a side is empty).
std::optional<double> medianPairwiseRatio(std::span<const double> before,
                                          std::span<const double> after);

// (1 − r̃) × 100 for any metric: durations, or memory, scan and cpu over the runs that have it.
// For one value on each side it is Improvement::reductionPct to the last bit.
std::optional<double> reductionPct(std::span<const double> before, std::span<const double> after);

// C(n + m, n) > 40: enough runs for p < 0.05 to be reachable at all.
bool enoughRuns(int n, int m);

// R's wilcox.test(before, after) on two samples (here: the positive durations); an empty one
// gives the defaults below, where R would stop with an error.
struct RankSumTest
{
    double statistic = 0; // W = Σ ranks of before − n(n+1)/2 (midranks for ties)
    bool exact = false;   // n < 50, m < 50 and no two values equal
    double pValue = 1.0;  // two-sided
};
RankSumTest rankSumTest(std::span<const double> before, std::span<const double> after);

// The 95 % interval of the speed-ups s = before / after as improvements (1 − 1/s) × 100, each end
// computed as its pair's (b − a) × 100 / b, the §3.2 expression. From two non-empty samples of
// positive durations (else 0, 0); k as SPEC §5.2 chooses it for the exact case or not.
struct Interval
{
    double lowPct = 0;
    double highPct = 0;
};
int intervalRank(int n, int m, bool exact);
Interval improvementInterval(std::span<const double> before, std::span<const double> after,
                             bool exact);

} // namespace RunStatistics
