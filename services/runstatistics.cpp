#include "runstatistics.h"

#include "improvement.h"
#include "ranksumdistribution.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace RunStatistics {

namespace {

// One pair of runs: a ratio of their values, and the values to compute its percentage from.
struct PairRatio
{
    double ratio = 0;
    double before = 0;
    double after = 0;
};

bool byRatio(const PairRatio &left, const PairRatio &right)
{
    return left.ratio < right.ratio;
}

// SPEC §3.2 for one pair, by the very expression the single-run measurement uses: a ratio's
// percentage (1 − a/b) × 100 can differ from it in the last bit (1 − 0.7 is not 0.3).
double pairPct(const PairRatio &pair)
{
    return Improvement::reductionPct(pair.before, pair.after).value();
}

// The middle ratio(s) after / before over the pairs with before > 0: lower == upper for an odd
// count. nth_element keeps 500 × 500 runs (250,000 ratios) linear.
struct Middle
{
    PairRatio lower;
    PairRatio upper;
};

std::optional<Middle> middleRatios(std::span<const double> before, std::span<const double> after)
{
    std::vector<PairRatio> pairs;
    pairs.reserve(before.size() * after.size());
    for (const double b : before) {
        if (!(b > 0))
            continue;
        for (const double a : after)
            pairs.push_back({a / b, b, a});
    }
    if (pairs.empty())
        return std::nullopt;
    const auto half = pairs.begin() + std::ptrdiff_t(pairs.size() / 2);
    std::nth_element(pairs.begin(), half, pairs.end(), byRatio);
    Middle middle{*half, *half};
    if (pairs.size() % 2 == 0)
        middle.lower = *std::max_element(pairs.begin(), half, byRatio);
    return middle;
}

double geometricMean(double x, double y)
{
    const double product = x * y;
    if (std::isnormal(product))
        return std::sqrt(product);
    return std::sqrt(x) * std::sqrt(y); // the product left the double range
}

// Picks a side's positive durations and notes where the others were.
std::vector<double> positiveDurations(std::span<const double> durations, std::vector<int> &zeroes)
{
    std::vector<double> positive;
    positive.reserve(durations.size());
    for (std::size_t i = 0; i < durations.size(); ++i) {
        if (durations[i] > 0)
            positive.push_back(durations[i]);
        else
            zeroes.push_back(int(i));
    }
    return positive;
}

// The normal approximation of R's wilcox.test.default, with its tie and continuity corrections,
// term by term.
double normalPValue(double statistic, double n, double m, double tieSum)
{
    double z = statistic - n * m / 2;
    const double sigma = std::sqrt((n * m / 12) * ((n + m + 1) - tieSum / ((n + m) * (n + m - 1))));
    // Every duration equal: R divides 0 by 0 and reports NaN. Such samples show no difference
    // at all, and the p_value column holds a number or NULL, so say 1.
    if (!(sigma > 0))
        return 1.0;
    const double correction = z > 0 ? 0.5 : z < 0 ? -0.5 : 0.0; // sign(z) × 0.5
    z = (z - correction) / sigma;
    const boost::math::normal_distribution<double> standard;
    const double lower = boost::math::cdf(standard, z);
    const double upper = boost::math::cdf(boost::math::complement(standard, z));
    return 2 * std::min(lower, upper);
}

int exactIntervalRank(const RankSumDistribution &distribution)
{
    return std::max(1, distribution.quantile(0.025));
}

int normalIntervalRank(int n, int m)
{
    const double nm = double(n) * double(m);
    const double k = std::floor(nm / 2 - 1.959964 * std::sqrt(nm * (double(n) + double(m) + 1) / 12));
    return k < 1 ? 1 : int(k);
}

// [s(k), s(nm+1−k)] of the sorted speed-ups before / after, 1-based.
Interval intervalAt(std::span<const double> before, std::span<const double> after, int k)
{
    std::vector<PairRatio> speedUps;
    speedUps.reserve(before.size() * after.size());
    for (const double b : before) {
        for (const double a : after)
            speedUps.push_back({b / a, b, a});
    }
    const auto count = std::ptrdiff_t(speedUps.size());
    k = std::clamp(k, 1, int(count));
    const auto low = speedUps.begin() + (k - 1);
    std::nth_element(speedUps.begin(), low, speedUps.end(), byRatio);
    const PairRatio lowPair = *low;
    const auto high = speedUps.begin() + (count - k);
    std::nth_element(speedUps.begin(), high, speedUps.end(), byRatio);
    return {pairPct(lowPair), pairPct(*high)};
}

} // namespace

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::InsufficientRuns:
        return QStringLiteral("insufficient_runs");
    case Verdict::Improved:
        return QStringLiteral("improved");
    case Verdict::NoChange:
        return QStringLiteral("no_change");
    case Verdict::Regressed:
        return QStringLiteral("regressed");
    }
    return {};
}

std::optional<Verdict> verdictFromName(QStringView name)
{
    for (const Verdict verdict :
         {Verdict::InsufficientRuns, Verdict::Improved, Verdict::NoChange, Verdict::Regressed}) {
        if (name == verdictName(verdict))
            return verdict;
    }
    return std::nullopt;
}

std::optional<double> median(std::span<const double> values)
{
    if (values.empty())
        return std::nullopt;
    std::vector<double> sorted(values.begin(), values.end());
    const auto half = sorted.begin() + std::ptrdiff_t(sorted.size() / 2);
    std::nth_element(sorted.begin(), half, sorted.end());
    if (sorted.size() % 2 == 1)
        return *half;
    return (*std::max_element(sorted.begin(), half) + *half) / 2;
}

std::optional<double> medianPairwiseRatio(std::span<const double> before,
                                          std::span<const double> after)
{
    const std::optional<Middle> middle = middleRatios(before, after);
    if (!middle)
        return std::nullopt;
    if (middle->lower.ratio == middle->upper.ratio)
        return middle->upper.ratio;
    if (middle->lower.ratio == 0)
        return 0.0;
    return geometricMean(middle->lower.ratio, middle->upper.ratio);
}

std::optional<double> reductionPct(std::span<const double> before, std::span<const double> after)
{
    const std::optional<Middle> middle = middleRatios(before, after);
    if (!middle)
        return std::nullopt;
    // One middle ratio (or two equal ones, 0 included): it is one pair's §3.2 percentage.
    if (middle->lower.ratio == middle->upper.ratio || middle->lower.ratio == 0)
        return pairPct(middle->lower.ratio == 0 ? middle->lower : middle->upper);
    return (1 - geometricMean(middle->lower.ratio, middle->upper.ratio)) * 100;
}

bool enoughRuns(int n, int m)
{
    if (n < 0 || m < 0)
        return false;
    // C(n+m, k) step by step: C(n+m−k+i, i) is a whole number at every i, and the loop stops
    // as soon as it passes 40, long before 64 bits could overflow.
    const int k = std::min(n, m);
    const std::int64_t total = std::int64_t(n) + m;
    std::int64_t binomial = 1;
    for (int i = 1; i <= k; ++i) {
        binomial = binomial * (total - k + i) / i;
        if (binomial > 40)
            return true;
    }
    return false;
}

RankSumTest rankSumTest(std::span<const double> before, std::span<const double> after)
{
    if (before.empty() || after.empty())
        return {}; // nothing to compare (R refuses): p = 1 rather than a crash
    struct Value
    {
        double value;
        bool isBefore;
    };
    std::vector<Value> values;
    values.reserve(before.size() + after.size());
    for (const double b : before)
        values.push_back({b, true});
    for (const double a : after)
        values.push_back({a, false});
    std::sort(values.begin(), values.end(),
              [](const Value &left, const Value &right) { return left.value < right.value; });

    // Midranks for equal values, as R's rank(); Σ (t³ − t) over the groups of t equal values.
    double rankSum = 0;
    double tieSum = 0;
    for (std::size_t first = 0; first < values.size();) {
        std::size_t end = first + 1;
        while (end < values.size() && values[end].value == values[first].value)
            ++end;
        const double rank = (double(first + 1) + double(end)) / 2; // a multiple of 0.5: exact
        for (std::size_t i = first; i < end; ++i) {
            if (values[i].isBefore)
                rankSum += rank;
        }
        const double t = double(end - first);
        tieSum += t * t * t - t;
        first = end;
    }

    const double n = double(before.size());
    const double m = double(after.size());
    RankSumTest test;
    test.statistic = rankSum - n * (n + 1) / 2;
    test.exact = n < 50 && m < 50 && tieSum == 0;
    if (test.exact) {
        const RankSumDistribution distribution{int(n), int(m)};
        test.pValue = distribution.twoSidedPValue(int(test.statistic));
    } else {
        test.pValue = normalPValue(test.statistic, n, m, tieSum);
    }
    return test;
}

int intervalRank(int n, int m, bool exact)
{
    return exact ? exactIntervalRank(RankSumDistribution(n, m)) : normalIntervalRank(n, m);
}

Interval improvementInterval(std::span<const double> before, std::span<const double> after,
                             bool exact)
{
    if (before.empty() || after.empty())
        return {}; // no speed-ups to choose from; compare() never asks
    return intervalAt(before, after, intervalRank(int(before.size()), int(after.size()), exact));
}

RunComparison compare(std::span<const double> beforeMs, std::span<const double> afterMs)
{
    RunComparison result;
    result.runsBefore = int(beforeMs.size());
    result.runsAfter = int(afterMs.size());
    result.beforeDurationMs = median(beforeMs);
    result.afterDurationMs = median(afterMs);
    result.durationImprovementPct = reductionPct(beforeMs, afterMs);

    const std::vector<double> before = positiveDurations(beforeMs, result.zeroBefore);
    const std::vector<double> after = positiveDurations(afterMs, result.zeroAfter);
    if (!enoughRuns(int(before.size()), int(after.size())))
        return result; // InsufficientRuns: no p-value, no interval

    const RankSumTest test = rankSumTest(before, after);
    const Interval interval = improvementInterval(before, after, test.exact);
    result.exact = test.exact;
    result.pValue = test.pValue;
    result.ciLowPct = interval.lowPct;
    result.ciHighPct = interval.highPct;
    if (interval.lowPct > 0)
        result.verdict = Verdict::Improved;
    else if (interval.highPct < 0)
        result.verdict = Verdict::Regressed;
    else
        result.verdict = Verdict::NoChange;
    return result;
}

} // namespace RunStatistics
