// Not a test: times SPEC §5.2's statistics (issue 13: the 49 × 49 exact distribution in < 5 ms).
//   bench_ranksum [REPEATS]
// Prints, for each step, the fastest and the median of REPEATS runs (default 200): the exact null
// distribution of W for 49 × 49 runs (the largest the exact case meets), the rank-sum test and
// the whole comparison on 49 + 49 runs, and the whole comparison on 500 + 500 runs (the most
// `measure after --similar` gathers: 250,000 pairs, normal approximation).

#include "ranksumdistribution.h"
#include "runstatistics.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace {

std::vector<double> runs(int count, double base, double scale, int mult, int mod)
{
    std::vector<double> values;
    for (int i = 0; i < count; ++i)
        values.push_back(base + scale * double((i * mult) % mod));
    return values;
}

volatile double sink; // keeps the optimiser from dropping the work

void time(const char *what, int repeats, const std::function<double()> &work)
{
    std::vector<double> milliseconds;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        sink = work();
        const auto end = std::chrono::steady_clock::now();
        milliseconds.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(milliseconds.begin(), milliseconds.end());
    std::printf("%-48s fastest %8.3f ms   median %8.3f ms\n", what, milliseconds.front(),
                milliseconds[milliseconds.size() / 2]);
}

} // namespace

int main(int argc, char **argv)
{
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    const std::vector<double> before49 = runs(49, 1000.25, 7, 17, 53);
    const std::vector<double> after49 = runs(49, 800.5, 6, 23, 59);
    const std::vector<double> before500 = runs(500, 1000.25, 3, 17, 503);
    const std::vector<double> after500 = runs(500, 800.5, 3, 23, 509);

    time("exact distribution of W, 49 x 49", repeats, [] {
        const RankSumDistribution distribution(49, 49);
        return double(distribution.quantile(0.025));
    });
    time("rank-sum test, 49 + 49 runs (exact)", repeats,
         [&] { return RunStatistics::rankSumTest(before49, after49).pValue; });
    time("compare(), 49 + 49 runs (exact)", repeats,
         [&] { return RunStatistics::compare(before49, after49).ciLowPct.value_or(0); });
    time("compare(), 500 + 500 runs (normal)", std::max(1, repeats / 10),
         [&] { return RunStatistics::compare(before500, after500).ciLowPct.value_or(0); });
    return 0;
}
