#pragma once

#include <vector>

// The exact null distribution of the Wilcoxon rank-sum (Mann–Whitney) statistic
// W = Σ ranks of the first sample − n(n+1)/2 for samples of sizes n and m without ties: what R's
// dwilcox, pwilcox and qwilcox compute, behind the exact p-value and interval of SPEC §5.2.
//
// The counts of arrangements are kept as exact 128-bit integers: for 49 × 49 runs they reach
// C(98, 49) ≈ 2.5e28, past 64 bits and past the 53 bits a double holds exactly, and the tails
// far from the centre are differences of such numbers. Probabilities are divided out last.
class RankSumDistribution
{
public:
    // An unsigned 128-bit integer (a GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
    __extension__ typedef unsigned __int128 Count;

    // Every count is at most C(n+m, n), which fits 127 bits while n + m stays at most 128.
    static constexpr int MaxTotalSize = 128;

    // n, m ≥ 1 and n + m ≤ MaxTotalSize.
    RankSumDistribution(int n, int m);

    int n() const { return m_n; }
    int m() const { return m_m; }
    int maximum() const { return m_n * m_m; } // W runs over 0 … n·m

    // Arrangements of the n + m ranks with W = k, and all of them: C(n+m, n).
    Count count(int k) const;
    Count total() const { return m_cumulative.back(); }

    double probability(int k) const; // P(W = k), R's dwilcox(k, n, m)
    double cdf(int k) const;         // P(W ≤ k), R's pwilcox(k, n, m)
    double upperTail(int k) const;   // P(W ≥ k), R's pwilcox(k − 1, n, m, lower.tail = FALSE)

    // The two-sided p-value of an observed statistic, as R's wilcox.test(exact = TRUE) takes it:
    // twice the tail on the observed side of n·m/2, at most 1.
    double twoSidedPValue(int statistic) const;

    // R's qwilcox(p, n, m): the smallest k with P(W ≤ k) ≥ p. Compared with R's allowance of
    // 10 DBL_EPSILON, so that a probability equal to p but rounded below it still counts.
    int quantile(double p) const;

private:
    double ratio(Count count) const;

    int m_n = 0;
    int m_m = 0;
    std::vector<Count> m_cumulative; // [k] = arrangements with W ≤ k
};
