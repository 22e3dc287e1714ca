#include "ranksumdistribution.h"

#include <algorithm>
#include <cassert>
#include <cfloat>

RankSumDistribution::RankSumDistribution(int n, int m) : m_n(n), m_m(m)
{
    assert(n >= 1 && m >= 1 && n + m <= MaxTotalSize);
    // The counts of W are the coefficients of the Gaussian binomial coefficient
    //   [n+m choose n](q) = Π_{i=1..s} (1 − q^(l+i)) / (1 − q^i),   s = min(n, m), l = max(n, m),
    // built one factor at a time: after step i the array holds [l+i choose i](q), whose
    // coefficients are counts again. That is s passes over n·m + 1 numbers instead of the
    // (n+m)·n·(n·m) of a subset-sum table, or the memo of R's cwilcox recursion.
    // Both operations give coefficient k from coefficients ≤ k, so the array can stop at degree
    // n·m; the values never pass C(n+m, n) in magnitude, although a product is negative at times.
    __extension__ typedef __int128 Signed;
    const int shorter = std::min(n, m);
    const int longer = std::max(n, m);
    const int top = n * m;
    std::vector<Signed> coefficients(std::size_t(top) + 1, 0);
    coefficients[0] = 1;
    for (int i = 1; i <= shorter; ++i) {
        const int degree = std::min(top, longer * i + i); // of the product before dividing
        const int factor = longer + i;
        for (int k = degree; k >= factor; --k) // × (1 − q^factor), from the top to read old values
            coefficients[k] -= coefficients[k - factor];
        for (int k = i; k <= degree; ++k) // ÷ (1 − q^i): the division is exact
            coefficients[k] += coefficients[k - i];
    }

    m_cumulative.resize(coefficients.size());
    Count sum = 0;
    for (std::size_t k = 0; k < coefficients.size(); ++k) {
        assert(coefficients[k] >= 0);
        sum += Count(coefficients[k]);
        m_cumulative[k] = sum;
    }
}

RankSumDistribution::Count RankSumDistribution::count(int k) const
{
    if (k < 0 || k > maximum())
        return 0;
    return k == 0 ? m_cumulative[0] : m_cumulative[k] - m_cumulative[k - 1];
}

double RankSumDistribution::ratio(Count count) const
{
    // 64 bits of mantissa for both, then one rounding to double: relative error ~1e-16.
    return double(static_cast<long double>(count) / static_cast<long double>(total()));
}

double RankSumDistribution::probability(int k) const
{
    return ratio(count(k));
}

double RankSumDistribution::cdf(int k) const
{
    if (k < 0)
        return 0.0;
    if (k >= maximum())
        return 1.0;
    return ratio(m_cumulative[k]);
}

double RankSumDistribution::upperTail(int k) const
{
    if (k <= 0)
        return 1.0;
    if (k > maximum())
        return 0.0;
    // An exact difference of counts, so a far tail keeps all its digits.
    return ratio(total() - m_cumulative[k - 1]);
}

double RankSumDistribution::twoSidedPValue(int statistic) const
{
    const double oneSide = 2 * statistic > maximum() ? upperTail(statistic) : cdf(statistic);
    return std::min(2.0 * oneSide, 1.0);
}

int RankSumDistribution::quantile(double p) const
{
    if (!(p > 0.0))
        return 0;
    if (p >= 1.0)
        return maximum();
    // R's qwilcox: below the middle, from the lower tail; above it, through the symmetric
    // upper tail, which reaches the same k as the lower one would without its rounding.
    if (p <= 0.5) {
        const double wanted = p - 10 * DBL_EPSILON;
        int k = 0;
        while (k < maximum() && ratio(m_cumulative[k]) < wanted)
            ++k;
        return k;
    }
    const double wanted = 1.0 - p + 10 * DBL_EPSILON;
    int k = 0;
    while (k < maximum() && !(ratio(m_cumulative[k]) > wanted))
        ++k;
    return maximum() - k;
}
