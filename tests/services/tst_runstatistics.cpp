// SPEC §5.2's numbers from runs against R 4.2.2. Beside every expected value is the R call that
// gives it; pct, ci_pct, verdict, exact_case, ratio_median and seqr are defined in
// tst_runstatistics.R, which prints them all. R is not needed to run the test.

#include "improvement.h"
#include "runstatistics.h"

#include <QTest>

#include <bit>
#include <cmath>

using RunStatistics::Verdict;
using Runs = QList<double>;
using OptionalDouble = std::optional<double>;

namespace {

const OptionalDouble none = std::nullopt;

// What compare() must give besides the statistics, in the order of the R calls beside each row.
struct Expected
{
    double beforeMs = 0;            // median(b)
    double afterMs = 0;             // median(a)
    OptionalDouble improvementPct;  // pct(b, a)
    Verdict verdict = Verdict::InsufficientRuns; // verdict(b, a)
    bool exact = false;             // exact_case(b, a), for the rows that reach the test
    QList<int> zeroBefore = {};     // which(b == 0) - 1
    QList<int> zeroAfter = {};      // which(a == 0) - 1
};

// p_value and the interval's ends: absent with insufficient_runs.
struct Statistics
{
    OptionalDouble pValue; // wilcox.test(b[b > 0], a[a > 0])$p.value
    OptionalDouble ciLowPct;  // ci_pct(b, a)[1]
    OptionalDouble ciHighPct; // ci_pct(b, a)[2]
};

// R's numbers agree to 1e-12 relative, not to the bit: R sums exact counts rounded to doubles,
// its pnorm is not Boost's normal cdf, and a percentage from a pair is (b − a) × 100 / b here
// where (1 − r̃) × 100 could round elsewhere. Zeros and absences must be equal.
bool close(OptionalDouble actual, OptionalDouble expected)
{
    if (!actual || !expected)
        return actual.has_value() == expected.has_value();
    return *actual == *expected
           || std::abs(*actual - *expected) <= 1e-12 * std::max(std::abs(*actual), std::abs(*expected));
}

QByteArray describe(OptionalDouble actual, OptionalDouble expected)
{
    const auto text = [](OptionalDouble value) {
        return value ? QByteArray::number(*value, 'g', 17) : QByteArray("none");
    };
    return "actual " + text(actual) + ", expected " + text(expected);
}

#define VERIFY_CLOSE(actual, expected) QVERIFY2(close((actual), (expected)), describe((actual), (expected)).constData())

// seqr(count, base, scale, mult, mod) of tst_runstatistics.R: base + scale × ((i × mult) mod mod).
Runs seqr(int count, double base, double scale, int mult, int mod)
{
    Runs runs;
    for (int i = 0; i < count; ++i)
        runs.append(base + scale * double((i * mult) % mod));
    return runs;
}

QList<int> toList(const std::vector<int> &values)
{
    return QList<int>(values.begin(), values.end());
}

quint64 bits(double value)
{
    return std::bit_cast<quint64>(value);
}

} // namespace

Q_DECLARE_METATYPE(Expected)
Q_DECLARE_METATYPE(Statistics)
Q_DECLARE_METATYPE(OptionalDouble)

class TestRunStatistics : public QObject
{
    Q_OBJECT

private slots:
    void compare_data();
    void compare();
    void singleRunIsSection3ToTheBit_data();
    void singleRunIsSection3ToTheBit();
    void singleRunIsSection3OverAGrid();
    void median_data();
    void median();
    void medianPairwiseRatio_data();
    void medianPairwiseRatio();
    void enoughRuns_data();
    void enoughRuns();
    void rankSumTest_data();
    void rankSumTest();
    void emptySides();
    void verdictNames();
};

void TestRunStatistics::compare_data()
{
    QTest::addColumn<Runs>("before");
    QTest::addColumn<Runs>("after");
    QTest::addColumn<Expected>("expected");
    QTest::addColumn<Statistics>("statistics");
    const Verdict insufficient = Verdict::InsufficientRuns;

    // b <- c(1000); a <- c(700)   ((1 − 0.7) × 100 would be 30.000000000000004)
    QTest::newRow("one run each: insufficient_runs, improvement exactly as SPEC §3.2") << Runs{1000} << Runs{700}
        << Expected{1000, 700, 30.0, insufficient} << Statistics{};
    // b <- c(800); a <- c(1000)
    QTest::newRow("one run each, a regression") << Runs{800} << Runs{1000}
        << Expected{800, 1000, -25.0, insufficient} << Statistics{};
    // b <- c(0); a <- c(5)
    QTest::newRow("one run each, before 0 ms: no improvement") << Runs{0} << Runs{5}
        << Expected{0, 5, none, insufficient, false, {0}} << Statistics{};
    // b <- c(250); a <- c(0)
    QTest::newRow("one run each, after 0 ms is 100 %") << Runs{250} << Runs{0}
        << Expected{250, 0, 100.0, insufficient, false, {}, {0}} << Statistics{};
    // b <- c(1000, 1100, 1200); a <- c(500, 550, 600)
    QTest::newRow("3 + 3 runs, C(6,3) = 20: insufficient_runs") << Runs{1000, 1100, 1200} << Runs{500, 550, 600}
        << Expected{1100, 550, 50.0, insufficient} << Statistics{};
    // b <- c(1000, 1100, 1200, 1300); a <- c(500, 550, 600, 650)
    QTest::newRow("4 + 4 runs, C(8,4) = 70: improved (exact)")
        << Runs{1000, 1100, 1200, 1300} << Runs{500, 550, 600, 650}
        << Expected{1150, 575, 50.0, Verdict::Improved, true}
        << Statistics{0.028571428571428571, 35.0, 61.53846153846154};
    // b <- c(1000, 1010); a <- c(500, 510, 520, 530, 540, 550, 560)
    QTest::newRow("2 + 7 runs, C(9,2) = 36: insufficient_runs")
        << Runs{1000, 1010} << Runs{500, 510, 520, 530, 540, 550, 560}
        << Expected{1005, 530, 47.263028918870575, insufficient} << Statistics{};
    // b <- c(1000, 1010); a <- c(500, 510, 520, 530, 540, 550, 560, 570)
    QTest::newRow("2 + 8 runs, C(10,2) = 45: improved (exact)")
        << Runs{1000, 1010} << Runs{500, 510, 520, 530, 540, 550, 560, 570}
        << Expected{1005, 535, 46.767835227781376, Verdict::Improved, true}
        << Statistics{0.044444444444444446, 43.0, 50.495049504950494};
    // b <- c(1000); a <- seqr(39, 500.5, 3, 1, 41)
    QTest::newRow("1 + 39 runs, C(40,1) = 40: insufficient_runs") << Runs{1000} << seqr(39, 500.5, 3, 1, 41)
        << Expected{1000, 557.5, 44.25, insufficient} << Statistics{};
    // b <- c(1000); a <- seqr(40, 500.5, 3, 1, 41)
    QTest::newRow("1 + 40 runs, C(41,1) = 41: improved (exact)") << Runs{1000} << seqr(40, 500.5, 3, 1, 41)
        << Expected{1000, 559, 44.100201252598417, Verdict::Improved, true}
        << Statistics{0.04878048780487805, 38.25, 49.950000000000003};
    // b <- c(100, 120, 130, 150, 170); a <- c(110, 125, 140, 160)
    QTest::newRow("overlapping samples: no_change (exact)") << Runs{100, 120, 130, 150, 170} << Runs{110, 125, 140, 160}
        << Expected{130, 132.5, -0.080096128179452108, Verdict::NoChange, true}
        << Statistics{1.0, -40.0, 26.666666666666668};
    // b <- c(500, 520, 540, 560, 580); a <- c(700, 720, 750, 800, 810)
    QTest::newRow("slower after: regressed (exact)") << Runs{500, 520, 540, 560, 580} << Runs{700, 720, 750, 800, 810}
        << Expected{540, 750, -39.655172413793103, Verdict::Regressed, true}
        << Statistics{0.0079365079365079361, -55.769230769230766, -25.0};
    // b <- c(1, 4, 5, 8); a <- c(2, 3, 6, 7)
    QTest::newRow("W at the centre: p capped at 1 (exact)") << Runs{1, 4, 5, 8} << Runs{2, 3, 6, 7}
        << Expected{4.5, 4.5, -2.4695076595959931, Verdict::NoChange, true} << Statistics{1.0, -600.0, 75.0};
    // b <- c(3000, 2000, 3000, 4000, 2000, 3000); a <- c(1000, 2000, 1000, 2000, 1000)
    QTest::newRow("whole seconds tie: normal approximation; a low end of 0 is no_change")
        << Runs{3000, 2000, 3000, 4000, 2000, 3000} << Runs{1000, 2000, 1000, 2000, 1000}
        << Expected{3000, 1000, 50.0, Verdict::NoChange, false}
        << Statistics{0.017233447259220522, 0.0, 66.666666666666671};
    // b <- c(100, 200, 300, 400, 500); a <- c(500, 400, 300, 200, 100)
    QTest::newRow("equal samples: no_change, p = 1") << Runs{100, 200, 300, 400, 500} << Runs{500, 400, 300, 200, 100}
        << Expected{300, 300, 0.0, Verdict::NoChange, false} << Statistics{1.0, -200.0, 66.666666666666671};
    // b <- c(0, 1000, 1100, 1200, 1300, 1400); a <- c(0, 0, 500, 520, 540, 560)
    QTest::newRow("runs of 0 ms: in medians and ratios, dropped from the statistics")
        << Runs{0, 1000, 1100, 1200, 1300, 1400} << Runs{0, 0, 500, 520, 540, 560}
        << Expected{1150, 510, 60.0, Verdict::Improved, true, {0}, {0, 1}}
        << Statistics{0.015873015873015872, 46.0, 62.857142857142854};
    // b <- c(100, 200, 300); a <- c(0, 0, 0)
    QTest::newRow("every after run 0 ms: 100 %, no statistics") << Runs{100, 200, 300} << Runs{0, 0, 0}
        << Expected{200, 0, 100.0, insufficient, false, {}, {0, 1, 2}} << Statistics{};
    // b <- seqr(49, 1000.25, 7, 17, 53); a <- seqr(49, 800.5, 6, 23, 59)
    QTest::newRow("49 + 49 runs: still exact") << seqr(49, 1000.25, 7, 17, 53) << seqr(49, 800.5, 6, 23, 59)
        << Expected{1182.25, 980.5, 17.423783565515848, Verdict::Improved, true}
        << Statistics{2.3540870975016117e-14, 13.995849665667512, 20.890341025117419};
    // b <- seqr(49, 1000.25, 7, 17, 53); a <- seqr(5, 700.5, 20, 3, 7)
    QTest::newRow("49 + 5 runs: exact") << seqr(49, 1000.25, 7, 17, 53) << seqr(5, 700.5, 20, 3, 7)
        << Expected{1182.25, 760.5, 35.393128890938435, Verdict::Improved, true}
        << Statistics{6.3240906748120952e-07, 29.4035739150615, 40.534029311383257};
    // b <- seqr(50, 1000.25, 7, 17, 53); a <- seqr(5, 700.5, 20, 3, 7)
    QTest::newRow("50 + 5 runs: normal approximation") << seqr(50, 1000.25, 7, 17, 53) << seqr(5, 700.5, 20, 3, 7)
        << Expected{1185.75, 760.5, 35.506499673824429, Verdict::Improved, false}
        << Statistics{0.00026740555487585356, 29.425780319275674, 40.597539543057998};
    // b <- seqr(5, 700.5, 20, 3, 7); a <- seqr(50, 1000.25, 7, 17, 53)
    QTest::newRow("5 + 50 runs: regressed (normal)") << seqr(5, 700.5, 20, 3, 7) << seqr(50, 1000.25, 7, 17, 53)
        << Expected{760.5, 1185.75, -55.054384541466163, Verdict::Regressed, false}
        << Statistics{0.00026740555487585356, -68.34319526627219, -41.694800810263338};
    // b <- seqr(3, 2000.25, 100, 1, 3); a <- seqr(400, 1500.5, 2, 37, 401)
    QTest::newRow("3 + 400 runs: normal, no_change") << seqr(3, 2000.25, 100, 1, 3) << seqr(400, 1500.5, 2, 37, 401)
        << Expected{2100.25, 1899.5, 9.5596585881288156, Verdict::NoChange, false}
        << Statistics{0.13620630656475533, -3.0110214748324053, 22.080704678014524};
    // b <- seqr(60, 2000, 1000, 7, 5); a <- seqr(60, 1000, 1000, 3, 4)
    QTest::newRow("60 + 60 whole seconds, many ties: improved")
        << seqr(60, 2000, 1000, 7, 5) << seqr(60, 1000, 1000, 3, 4)
        << Expected{4000, 2500, 36.754446796632415, Verdict::Improved, false}
        << Statistics{1.1884086084645072e-07, 25.0, 50.0};
    // b <- c(100, 200); a <- c(50, 150)
    QTest::newRow("even pair count: geometric mean of the two middle ratios") << Runs{100, 200} << Runs{50, 150}
        << Expected{150, 100, 38.762756430420552, insufficient} << Statistics{};
    // b <- c(100, 200); a <- c(0, 100)
    QTest::newRow("even pair count, a middle ratio of 0: 100 %") << Runs{100, 200} << Runs{0, 100}
        << Expected{150, 50, 100.0, insufficient, false, {}, {0}} << Statistics{};
    // b <- c(1000, 900, 1100); a <- c(700)
    QTest::newRow("odd pair count: the middle pair's own §3.2 value") << Runs{1000, 900, 1100} << Runs{700}
        << Expected{1000, 700, 30.0, insufficient} << Statistics{};
    // b <- c(0, 400); a <- c(100)
    QTest::newRow("a before run of 0 ms forms no pair") << Runs{0, 400} << Runs{100}
        << Expected{200, 100, 75.0, insufficient, false, {0}} << Statistics{};
    // b <- c(0.35, 0.41, 0.38, 0.44, 0.39); a <- c(0.21, 0.19, 0.25, 0.22, 0.2)
    QTest::newRow("sub-millisecond durations: improved (exact)")
        << Runs{0.35, 0.41, 0.38, 0.44, 0.39} << Runs{0.21, 0.19, 0.25, 0.22, 0.2}
        << Expected{0.39000000000000001, 0.20999999999999999, 46.15384615384616, Verdict::Improved, true}
        << Statistics{0.0079365079365079361, 35.897435897435898, 53.658536585365852};
    // b <- seqr(12, 4000.25, 150, 5, 13); a <- seqr(10, 3000.5, 130, 3, 11)
    QTest::newRow("12 + 10 runs: improved with a clear interval")
        << seqr(12, 4000.25, 150, 5, 13) << seqr(10, 3000.5, 130, 3, 11)
        << Expected{4825.25, 3585.5, 25.87237930081897, Verdict::Improved, true}
        << Statistics{5.8764764647117591e-05, 15.242797325167176, 34.199336479603758};
    // b <- c(1000, 1000, 1200, 1300, 1500); a <- c(900, 1000, 1100, 950)
    QTest::newRow("one tie in exact sizes: normal approximation")
        << Runs{1000, 1000, 1200, 1300, 1500} << Runs{900, 1000, 1100, 950}
        << Expected{1200, 975, 16.028087724036844, Verdict::NoChange, false}
        << Statistics{0.10536405286983042, -10.0, 40.0};
    // b <- c(1000, 1000, 1000, 1000); a <- c(1000, 1000, 1000, 1000). R's p-value is NaN (0 / 0):
    // nothing differs, so the unit says 1 (a decision, not R's number); the interval is R's.
    QTest::newRow("every duration equal: p = 1 where R divides 0 by 0")
        << Runs{1000, 1000, 1000, 1000} << Runs{1000, 1000, 1000, 1000}
        << Expected{1000, 1000, 0.0, Verdict::NoChange, false} << Statistics{1.0, 0.0, 0.0};
}

void TestRunStatistics::compare()
{
    QFETCH(Runs, before);
    QFETCH(Runs, after);
    QFETCH(Expected, expected);
    QFETCH(Statistics, statistics);

    const RunStatistics::RunComparison result = RunStatistics::compare(before, after);
    QCOMPARE(result.runsBefore, before.size());
    QCOMPARE(result.runsAfter, after.size());
    VERIFY_CLOSE(result.beforeDurationMs, OptionalDouble(expected.beforeMs));
    VERIFY_CLOSE(result.afterDurationMs, OptionalDouble(expected.afterMs));
    VERIFY_CLOSE(result.durationImprovementPct, expected.improvementPct);
    QCOMPARE(toList(result.zeroBefore), expected.zeroBefore);
    QCOMPARE(toList(result.zeroAfter), expected.zeroAfter);
    QCOMPARE(result.positiveRunsBefore(), before.size() - expected.zeroBefore.size());
    QCOMPARE(result.positiveRunsAfter(), after.size() - expected.zeroAfter.size());
    QCOMPARE(RunStatistics::verdictName(result.verdict), RunStatistics::verdictName(expected.verdict));
    QCOMPARE(result.exact, expected.exact);
    VERIFY_CLOSE(result.pValue, statistics.pValue);
    VERIFY_CLOSE(result.ciLowPct, statistics.ciLowPct);
    VERIFY_CLOSE(result.ciHighPct, statistics.ciHighPct);
}

void TestRunStatistics::singleRunIsSection3ToTheBit_data()
{
    QTest::addColumn<double>("before");
    QTest::addColumn<double>("after");
    // Pairs where (1 − a/b) × 100 misses (b − a) × 100 / b in the last bit, and plain ones.
    QTest::newRow("1000 -> 700") << 1000.0 << 700.0;
    QTest::newRow("1000 -> 900") << 1000.0 << 900.0;
    QTest::newRow("3 -> 1") << 3.0 << 1.0;
    QTest::newRow("0.3 -> 0.1 (sub-millisecond)") << 0.3 << 0.1;
    QTest::newRow("60000 -> 12000") << 60000.0 << 12000.0;
    QTest::newRow("700 -> 1000 (regression)") << 700.0 << 1000.0;
    QTest::newRow("1234.5 -> 0") << 1234.5 << 0.0;
}

void TestRunStatistics::singleRunIsSection3ToTheBit()
{
    QFETCH(double, before);
    QFETCH(double, after);
    const double section3 = Improvement::reductionPct(before, after).value();
    const Runs b{before};
    const Runs a{after};
    QCOMPARE(bits(RunStatistics::reductionPct(b, a).value()), bits(section3));
    QCOMPARE(bits(RunStatistics::compare(b, a).durationImprovementPct.value()), bits(section3));
}

void TestRunStatistics::singleRunIsSection3OverAGrid()
{
    // Every pair of a grid of whole and fractional durations, bit for bit; the naive (1 − r) × 100
    // differs on many of them, which is why the unit takes a pair's own expression.
    int naiveDiffers = 0;
    for (int b = 1; b <= 200; ++b) {
        for (int a = 0; a <= 200; ++a) {
            for (const double scale : {1.0, 0.01, 37.5}) {
                const double before = b * scale;
                const double after = a * scale;
                const double section3 = Improvement::reductionPct(before, after).value();
                const double unit = RunStatistics::reductionPct(Runs{before}, Runs{after}).value();
                QVERIFY2(bits(unit) == bits(section3), qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
                if ((1 - after / before) * 100 != section3)
                    ++naiveDiffers;
            }
        }
    }
    QVERIFY(naiveDiffers > 0);
}

void TestRunStatistics::median_data()
{
    QTest::addColumn<Runs>("values");
    QTest::addColumn<OptionalDouble>("expected");
    QTest::newRow("one value") << Runs{5} << OptionalDouble(5);                                  // median(c(5))
    QTest::newRow("odd count: the middle one") << Runs{3, 1, 2} << OptionalDouble(2);            // median(c(3, 1, 2))
    // median(c(4, 1, 3, 2))
    QTest::newRow("even count: mean of the two middle") << Runs{4, 1, 3, 2} << OptionalDouble(2.5);
    QTest::newRow("two values") << Runs{0.5, 0.25} << OptionalDouble(0.375);                    // median(c(0.5, 0.25))
    // median(c(1000, 0, 0, 2000, 3000, 0))
    QTest::newRow("zeros count in a median") << Runs{1000, 0, 0, 2000, 3000, 0} << OptionalDouble(500);
    QTest::newRow("0.1 and 0.2") << Runs{0.1, 0.2} << OptionalDouble(0.15000000000000002);      // median(c(0.1, 0.2))
    QTest::newRow("no values: none") << Runs{} << none;
}

void TestRunStatistics::median()
{
    QFETCH(Runs, values);
    QFETCH(OptionalDouble, expected);
    VERIFY_CLOSE(RunStatistics::median(values), expected);
}

void TestRunStatistics::medianPairwiseRatio_data()
{
    QTest::addColumn<Runs>("before");
    QTest::addColumn<Runs>("after");
    QTest::addColumn<OptionalDouble>("ratio");     // ratio_median(b, a)
    QTest::addColumn<OptionalDouble>("reduction"); // pct(b, a)
    QTest::newRow("even: geometric mean of 0.5 and 0.75")
        << Runs{100, 200} << Runs{50, 150} << OptionalDouble(0.61237243569579447) << OptionalDouble(38.762756430420552);
    QTest::newRow("even: a middle ratio of 0 makes r~ 0")
        << Runs{100, 200} << Runs{0, 100} << OptionalDouble(0) << OptionalDouble(100);
    QTest::newRow("before 0 forms no pair") << Runs{0, 400} << Runs{100} << OptionalDouble(0.25) << OptionalDouble(75);
    QTest::newRow("no positive before: none") << Runs{0, 0} << Runs{5, 6} << none << none;
    QTest::newRow("odd: one before, three after")
        << Runs{300} << Runs{100, 200, 400}
        << OptionalDouble(0.66666666666666663) << OptionalDouble(33.333333333333336);
    QTest::newRow("even, six ratios")
        << Runs{3, 7} << Runs{1, 2, 5} << OptionalDouble(0.47140452079103168) << OptionalDouble(52.85954792089683);
    // The other metrics (SPEC §5.2: memory, scan, cpu) over the runs that have them: MiB here.
    QTest::newRow("memory MiB, two after runs of 0 MiB")
        << Runs{1000, 1500} << Runs{0, 0, 800} << OptionalDouble(0) << OptionalDouble(100);
    QTest::newRow("no after values: none") << Runs{1000} << Runs{} << none << none;
}

void TestRunStatistics::medianPairwiseRatio()
{
    QFETCH(Runs, before);
    QFETCH(Runs, after);
    QFETCH(OptionalDouble, ratio);
    QFETCH(OptionalDouble, reduction);
    VERIFY_CLOSE(RunStatistics::medianPairwiseRatio(before, after), ratio);
    VERIFY_CLOSE(RunStatistics::reductionPct(before, after), reduction);
}

void TestRunStatistics::enoughRuns_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("m");
    QTest::addColumn<bool>("expected"); // choose(n + m, n) > 40
    QTest::newRow("1 + 1: C = 2") << 1 << 1 << false;
    QTest::newRow("3 + 3: C = 20") << 3 << 3 << false;
    QTest::newRow("4 + 4: C = 70") << 4 << 4 << true;
    QTest::newRow("2 + 7: C = 36") << 2 << 7 << false;
    QTest::newRow("2 + 8: C = 45") << 2 << 8 << true;
    QTest::newRow("1 + 39: C = 40") << 1 << 39 << false;
    QTest::newRow("1 + 40: C = 41") << 1 << 40 << true;
    QTest::newRow("0 + 500: C = 1") << 0 << 500 << false;
    QTest::newRow("5 + 0: C = 1") << 5 << 0 << false;
    QTest::newRow("500 + 500: C = 2.7e299, no overflow") << 500 << 500 << true;
}

void TestRunStatistics::enoughRuns()
{
    QFETCH(int, n);
    QFETCH(int, m);
    QFETCH(bool, expected);
    QCOMPARE(RunStatistics::enoughRuns(n, m), expected);
    QCOMPARE(RunStatistics::enoughRuns(m, n), expected);
}

void TestRunStatistics::rankSumTest_data()
{
    QTest::addColumn<Runs>("before");
    QTest::addColumn<Runs>("after");
    QTest::addColumn<double>("statistic"); // wilcox.test(b, a)$statistic
    QTest::addColumn<bool>("exact");
    QTest::addColumn<double>("pValue");    // wilcox.test(b, a)$p.value
    QTest::newRow("4 + 4 separated") << Runs{1000, 1100, 1200, 1300} << Runs{500, 550, 600, 650}
                                     << 16.0 << true << 0.028571428571428571;
    QTest::newRow("midranks for whole seconds")
        << Runs{3000, 2000, 3000, 4000, 2000, 3000} << Runs{1000, 2000, 1000, 2000, 1000}
        << 28.0 << false << 0.017233447259220522;
    QTest::newRow("half-integer statistic") << Runs{100, 200, 300, 400, 500} << Runs{500, 400, 300, 200, 100}
                                            << 12.5 << false << 1.0;
    QTest::newRow("49 + 49") << seqr(49, 1000.25, 7, 17, 53) << seqr(49, 800.5, 6, 23, 59)
                             << 2176.0 << true << 2.3540870975016117e-14;
    QTest::newRow("3 + 400") << seqr(3, 2000.25, 100, 1, 3) << seqr(400, 1500.5, 2, 37, 401)
                             << 900.0 << false << 0.13620630656475533;
}

void TestRunStatistics::rankSumTest()
{
    QFETCH(Runs, before);
    QFETCH(Runs, after);
    QFETCH(double, statistic);
    QFETCH(bool, exact);
    QFETCH(double, pValue);
    const RunStatistics::RankSumTest test = RunStatistics::rankSumTest(before, after);
    QCOMPARE(test.statistic, statistic); // midranks are halves: exact
    QCOMPARE(test.exact, exact);
    VERIFY_CLOSE(OptionalDouble(test.pValue), OptionalDouble(pValue));
}

void TestRunStatistics::emptySides()
{
    // SPEC §5.1 gives every side a run; a caller that breaks that gets absences, not a crash.
    const RunStatistics::RunComparison result = RunStatistics::compare(Runs{}, Runs{100, 200});
    QCOMPARE(result.runsBefore, 0);
    QVERIFY(!result.beforeDurationMs && !result.durationImprovementPct && !result.pValue && !result.ciLowPct);
    QCOMPARE(result.afterDurationMs, OptionalDouble(150));
    QCOMPARE(result.verdict, Verdict::InsufficientRuns);
    QCOMPARE(RunStatistics::rankSumTest(Runs{}, Runs{1}).pValue, 1.0);
    QCOMPARE(RunStatistics::improvementInterval(Runs{1}, Runs{}, true).lowPct, 0.0);
}

void TestRunStatistics::verdictNames()
{
    using RunStatistics::verdictFromName;
    using RunStatistics::verdictName;
    QCOMPARE(verdictName(Verdict::InsufficientRuns), QStringLiteral("insufficient_runs"));
    QCOMPARE(verdictName(Verdict::Improved), QStringLiteral("improved"));
    QCOMPARE(verdictName(Verdict::NoChange), QStringLiteral("no_change"));
    QCOMPARE(verdictName(Verdict::Regressed), QStringLiteral("regressed"));
    for (const Verdict verdict : {Verdict::InsufficientRuns, Verdict::Improved, Verdict::NoChange, Verdict::Regressed})
        QCOMPARE(verdictFromName(verdictName(verdict)), std::optional<Verdict>(verdict));
    QCOMPARE(verdictFromName(u"met"), std::optional<Verdict>());
}

QTEST_GUILESS_MAIN(TestRunStatistics)
#include "tst_runstatistics.moc"
