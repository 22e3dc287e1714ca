// The exact null distribution of the rank-sum statistic W (SPEC §5.2) against R 4.2.2's dwilcox,
// pwilcox and qwilcox, and its counts against exact big integers. R is not needed to run it.

#include "ranksumdistribution.h"

#include "qwilcoxtable.h"

#include <QTest>

#include <cmath>

using Count = RankSumDistribution::Count;

namespace {

// R's values agree to 1e-12 relative, not to the bit: R sums counts rounded to doubles one
// quotient at a time, where this class divides exact 128-bit counts once.
bool close(double actual, double expected)
{
    return actual == expected
           || std::abs(actual - expected) <= 1e-12 * std::max(std::abs(actual), std::abs(expected));
}

Count fromDecimal(const char *digits)
{
    Count value = 0;
    for (; *digits; ++digits)
        value = value * 10 + Count(*digits - '0');
    return value;
}

QByteArray toDecimal(Count value)
{
    QByteArray digits;
    do {
        digits.prepend(char('0' + int(value % 10)));
        value /= 10;
    } while (value != 0);
    return digits;
}

} // namespace

class TestRankSumDistribution : public QObject
{
    Q_OBJECT

private slots:
    void counts_data();
    void counts();
    void exactCountsAt49By49();
    void probabilities_data();
    void probabilities();
    void quantileIsRsQwilcoxForEveryExactSize();
    void quantileIsSpecsSmallestK();
    void quantileAtTheEnds();
};

void TestRankSumDistribution::counts_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("m");
    QTest::addColumn<QList<int>>("expected");

    // dwilcox(0:(n*m), n, m) * choose(n + m, n)
    QTest::newRow("1 and 1") << 1 << 1 << QList<int>{1, 1};
    QTest::newRow("2 and 3") << 2 << 3 << QList<int>{1, 1, 2, 2, 2, 1, 1};
    QTest::newRow("3 and 2: symmetric in the sizes") << 3 << 2 << QList<int>{1, 1, 2, 2, 2, 1, 1};
    QTest::newRow("4 and 4") << 4 << 4 << QList<int>{1, 1, 2, 3, 5, 5, 7, 7, 8, 7, 7, 5, 5, 3, 2, 1, 1};
    QTest::newRow("3 and 5") << 3 << 5 << QList<int>{1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 5, 4, 3, 2, 1, 1};
}

void TestRankSumDistribution::counts()
{
    QFETCH(int, n);
    QFETCH(int, m);
    QFETCH(QList<int>, expected);
    const RankSumDistribution distribution(n, m);
    QCOMPARE(distribution.maximum(), expected.size() - 1);
    Count total = 0;
    for (int k = 0; k < expected.size(); ++k) {
        QCOMPARE(toDecimal(distribution.count(k)), QByteArray::number(expected[k]));
        total += Count(expected[k]);
    }
    QCOMPARE(distribution.count(-1), Count(0));
    QCOMPARE(distribution.count(n * m + 1), Count(0));
    QCOMPARE(toDecimal(distribution.total()), toDecimal(total));
}

void TestRankSumDistribution::exactCountsAt49By49()
{
    // Past 64 bits, and past what a double holds exactly. The expected integers come from Python's
    // big integers by the q-Pascal rule, a method other than the class's product formula:
    //   @functools.lru_cache(None)
    //   def g(N, K):  # coefficients of the Gaussian binomial [N choose K](q)
    //       if K in (0, N): return (1,)
    //       a, b = g(N - 1, K - 1), g(N - 1, K); out = [0] * (K * (N - K) + 1)
    //       for i, c in enumerate(a): out[i] += c
    //       for i, c in enumerate(b): out[i + K] += c
    //       return tuple(out)
    //   c = g(98, 49)
    const RankSumDistribution distribution(49, 49);
    QCOMPARE(distribution.maximum(), 2401);
    // math.comb(98, 49)
    QCOMPARE(toDecimal(distribution.total()), QByteArray("25477612258980856902730428600"));
    QVERIFY(distribution.total() == fromDecimal("25477612258980856902730428600"));
    QCOMPARE(toDecimal(distribution.count(0)), QByteArray("1"));                         // c[0]
    QCOMPARE(toDecimal(distribution.count(5)), QByteArray("7"));                         // c[5]
    QCOMPARE(toDecimal(distribution.count(600)), QByteArray("5436195412559309299386"));  // c[600]
    QCOMPARE(toDecimal(distribution.count(1200)), QByteArray("71884097112430508697578244")); // c[1200]
    Count lowerTail = 0;
    for (int k = 0; k <= 600; ++k)
        lowerTail += distribution.count(k);
    QCOMPARE(toDecimal(lowerTail), QByteArray("154948995415325088206848")); // sum(c[:601])
    for (int k = 0; k <= 2401; ++k)
        QVERIFY2(distribution.count(k) == distribution.count(2401 - k), qPrintable(QString::number(k)));
}

void TestRankSumDistribution::probabilities_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("cdf");       // pwilcox(k, n, m)
    QTest::addColumn<double>("upperTail"); // pwilcox(k - 1, n, m, lower.tail = FALSE)
    QTest::addColumn<double>("density");   // dwilcox(k, n, m)

    QTest::newRow("49 x 49, W = 0: 1 / C(98, 49)")
        << 49 << 49 << 0 << 3.9250145964816453e-29 << 1.0 << 3.9250145964816453e-29;
    QTest::newRow("49 x 49, W = 1")
        << 49 << 49 << 1 << 7.8500291929632906e-29 << 1.0 << 3.9250145964816453e-29;
    QTest::newRow("49 x 49, W = 600")
        << 49 << 49 << 600 << 6.0817706871531859e-06 << 0.99999413160077633 << 2.133714634362185e-07;
    QTest::newRow("49 x 49, W = 1000")
        << 49 << 49 << 1000 << 0.077968162023427587 << 0.92306743762813515 << 0.0010355996515626811;
    // R's own sum is 0.49999999999999767 here; the exact value is one half by symmetry.
    QTest::newRow("49 x 49, W = 1200: just below the centre")
        << 49 << 49 << 1200 << 0.49999999999999767 << 0.50282146130421435 << 0.0028214613042119386;
    QTest::newRow("49 x 49, W = 1800")
        << 49 << 49 << 1800 << 0.99999391822931283 << 6.3024502706690176e-06 << 2.2067958351583183e-07;
    QTest::newRow("49 x 49, W = 2300: a far upper tail keeps its digits")
        << 49 << 49 << 2300 << 1.0 << 7.2169857061540168e-20 << 8.2978461580706919e-21;
    QTest::newRow("49 x 49, W = 2400")
        << 49 << 49 << 2400 << 1.0 << 7.8500291929632906e-29 << 3.9250145964816453e-29;
    QTest::newRow("4 x 4, W = 3") << 4 << 4 << 3 << 0.10000000000000001 << 0.94285714285714284 << 0.042857142857142858;
    QTest::newRow("4 x 4, W = 7") << 4 << 4 << 7 << 0.44285714285714284 << 0.65714285714285714 << 0.10000000000000001;
    QTest::newRow("20 x 30, W = 100")
        << 20 << 30 << 100 << 1.6647677027543614e-05 << 0.99998500393521661 << 1.6516122441655227e-06;
    QTest::newRow("49 x 1, W = 10") << 49 << 1 << 10 << 0.21999999999999997 << 0.80000000000000004 << 0.02;
}

void TestRankSumDistribution::probabilities()
{
    QFETCH(int, n);
    QFETCH(int, m);
    QFETCH(int, k);
    QFETCH(double, cdf);
    QFETCH(double, upperTail);
    QFETCH(double, density);
    const RankSumDistribution distribution(n, m);
    QVERIFY2(close(distribution.cdf(k), cdf), qPrintable(QString::number(distribution.cdf(k), 'g', 17)));
    QVERIFY2(close(distribution.upperTail(k), upperTail),
             qPrintable(QString::number(distribution.upperTail(k), 'g', 17)));
    QVERIFY2(close(distribution.probability(k), density),
             qPrintable(QString::number(distribution.probability(k), 'g', 17)));
}

void TestRankSumDistribution::quantileIsRsQwilcoxForEveryExactSize()
{
    // Every size SPEC §5.2 takes the exact way: n', m' < 50.
    for (int n = 1; n <= QwilcoxTableSize; ++n) {
        for (int m = 1; m <= QwilcoxTableSize; ++m) {
            const int quantile = RankSumDistribution(n, m).quantile(0.025);
            QVERIFY2(quantile == QwilcoxTable[n - 1][m - 1],
                     qPrintable(QStringLiteral("n = %1, m = %2: %3 instead of R's %4")
                                    .arg(n).arg(m).arg(quantile).arg(QwilcoxTable[n - 1][m - 1])));
        }
    }
}

void TestRankSumDistribution::quantileIsSpecsSmallestK()
{
    // SPEC's words in whole numbers: k is the smallest with 40 × #(W ≤ k) ≥ C(n+m, n). R's
    // qwilcox compares rounded sums with an allowance; here both agree for every exact size.
    for (int n = 1; n <= QwilcoxTableSize; ++n) {
        for (int m = 1; m <= QwilcoxTableSize; ++m) {
            const RankSumDistribution distribution(n, m);
            Count atMost = 0;
            int k = 0;
            for (;; ++k) {
                atMost += distribution.count(k);
                if (40 * atMost >= distribution.total())
                    break;
            }
            QVERIFY2(distribution.quantile(0.025) == k, qPrintable(QStringLiteral("n = %1, m = %2").arg(n).arg(m)));
        }
    }
}

void TestRankSumDistribution::quantileAtTheEnds()
{
    const RankSumDistribution distribution(4, 4);
    QCOMPARE(distribution.quantile(0.0), 0);     // qwilcox(0, 4, 4)
    QCOMPARE(distribution.quantile(1.0), 16);    // qwilcox(1, 4, 4)
    QCOMPARE(distribution.quantile(0.5), 8);     // qwilcox(0.5, 4, 4)
    QCOMPARE(distribution.quantile(0.975), 15);  // qwilcox(0.975, 4, 4)
    QCOMPARE(distribution.twoSidedPValue(16), 2.0 / 70.0); // 2 * pwilcox(15, 4, 4, lower.tail = FALSE)
    QCOMPARE(distribution.twoSidedPValue(8), 1.0);         // min(2 * pwilcox(8, 4, 4), 1)
}

QTEST_GUILESS_MAIN(TestRankSumDistribution)
#include "tst_ranksumdistribution.moc"
