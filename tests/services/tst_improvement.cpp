// The formulas of SPEC §3.1–3.3 as tables: the seed's three unit tests, every case of
// SPEC §3.4 and the boundaries.

#include "improvement.h"

#include <QTest>

using OptionalDouble = std::optional<double>;
Q_DECLARE_METATYPE(OptionalDouble)
using OptionalBool = std::optional<bool>;
Q_DECLARE_METATYPE(OptionalBool)
using OptionalInt = std::optional<qint64>;
Q_DECLARE_METATYPE(OptionalInt)

namespace {
const OptionalDouble none = std::nullopt;
}

class TestImprovement : public QObject
{
    Q_OBJECT

private slots:
    void reduction_data();
    void reduction();
    void seedImprovementExample();
    void expectation_data();
    void expectation();
    void rounding_data();
    void rounding();
    void extractMetrics_data();
    void extractMetrics();
    void computeUsesEveryPair();
    void verdict();
};

void TestImprovement::reduction_data()
{
    QTest::addColumn<OptionalDouble>("before");
    QTest::addColumn<OptionalDouble>("after");
    QTest::addColumn<OptionalDouble>("expected");

    QTest::newRow("seed: 60000 -> 12000 ms is 80 %") << OptionalDouble(60000) << OptionalDouble(12000) << OptionalDouble(80.0);
    QTest::newRow("seed: 1000 -> 400 MiB is 60 %") << OptionalDouble(1000) << OptionalDouble(400) << OptionalDouble(60.0);
    QTest::newRow("after 0 is known: 100 %") << OptionalDouble(500) << OptionalDouble(0) << OptionalDouble(100.0);
    QTest::newRow("regression is negative") << OptionalDouble(1000) << OptionalDouble(1500) << OptionalDouble(-50.0);
    QTest::newRow("no change is 0") << OptionalDouble(700) << OptionalDouble(700) << OptionalDouble(0.0);
    QTest::newRow("before 0 has no improvement") << OptionalDouble(0) << OptionalDouble(0) << none;
    QTest::newRow("before 0, after positive") << OptionalDouble(0) << OptionalDouble(10) << none;
    QTest::newRow("before unknown") << none << OptionalDouble(10) << none;
    QTest::newRow("after unknown") << OptionalDouble(10) << none << none;
    QTest::newRow("fractional MiB kept") << OptionalDouble(0.5) << OptionalDouble(0.125) << OptionalDouble(75.0);
}

void TestImprovement::reduction()
{
    QFETCH(OptionalDouble, before);
    QFETCH(OptionalDouble, after);
    QFETCH(OptionalDouble, expected);
    const OptionalDouble actual = Improvement::reductionPct(before, after);
    QCOMPARE(actual.has_value(), expected.has_value());
    if (expected)
        QCOMPARE(*actual, *expected);
}

void TestImprovement::seedImprovementExample()
{
    // The seed's test_calculate_improvements, through the whole extraction: exact values.
    JobMetrics before;
    before.durationMs = 60000;
    before.memoryMb = 1000;
    JobMetrics after;
    after.durationMs = 12000;
    after.memoryMb = 400;
    const Improvements improvements = Improvement::compute(before, after);
    QCOMPARE(improvements.durationPct.value(), 80.0);
    QCOMPARE(improvements.memoryPct.value(), 60.0);
    QVERIFY(!improvements.scanPct);
    QVERIFY(!improvements.cpuPct);
}

void TestImprovement::expectation_data()
{
    QTest::addColumn<OptionalDouble>("actual");
    QTest::addColumn<OptionalDouble>("estimated");
    QTest::addColumn<double>("tolerance");
    QTest::addColumn<OptionalBool>("meets");
    QTest::addColumn<OptionalDouble>("delta");

    QTest::newRow("seed: 70 estimated, 75 actual meets, +5.0") << OptionalDouble(75) << OptionalDouble(70) << 20.0 << OptionalBool(true) << OptionalDouble(5.0);
    QTest::newRow("seed: 70 estimated, 40 actual misses, -30.0") << OptionalDouble(40) << OptionalDouble(70) << 20.0 << OptionalBool(false) << OptionalDouble(-30.0);
    QTest::newRow("actual exactly estimated - T meets") << OptionalDouble(50) << OptionalDouble(70) << 20.0 << OptionalBool(true) << OptionalDouble(-20.0);
    QTest::newRow("just below estimated - T misses") << OptionalDouble(49.99) << OptionalDouble(70) << 20.0 << OptionalBool(false) << OptionalDouble(-20.0);
    QTest::newRow("regression never meets a small estimate") << OptionalDouble(-10) << OptionalDouble(10) << 20.0 << OptionalBool(false) << OptionalDouble(-20.0);
    QTest::newRow("zero improvement meets a zero estimate") << OptionalDouble(0) << OptionalDouble(0) << 20.0 << OptionalBool(true) << OptionalDouble(0.0);
    QTest::newRow("NULL estimate counts as 0") << OptionalDouble(12.34) << none << 20.0 << OptionalBool(true) << OptionalDouble(12.3);
    QTest::newRow("NULL estimate and regression") << OptionalDouble(-0.5) << none << 20.0 << OptionalBool(false) << OptionalDouble(-0.5);
    QTest::newRow("NULL actual: nothing to judge") << none << OptionalDouble(30) << 20.0 << OptionalBool() << none;
    QTest::newRow("tolerance is a setting") << OptionalDouble(60) << OptionalDouble(70) << 5.0 << OptionalBool(false) << OptionalDouble(-10.0);
    QTest::newRow("delta rounds half away from zero") << OptionalDouble(72.25) << OptionalDouble(70) << 20.0 << OptionalBool(true) << OptionalDouble(2.3);
    QTest::newRow("negative delta rounds away from zero") << OptionalDouble(67.75) << OptionalDouble(70) << 20.0 << OptionalBool(true) << OptionalDouble(-2.3);
}

void TestImprovement::expectation()
{
    QFETCH(OptionalDouble, actual);
    QFETCH(OptionalDouble, estimated);
    QFETCH(double, tolerance);
    QFETCH(OptionalBool, meets);
    QFETCH(OptionalDouble, delta);
    const Expectation result = Improvement::evaluate(actual, estimated, tolerance);
    QCOMPARE(result.meets, meets);
    QCOMPARE(result.deltaPct.has_value(), delta.has_value());
    if (delta)
        QCOMPARE(*result.deltaPct, *delta);
}

void TestImprovement::rounding_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("expected");
    QTest::newRow("31.25 -> 31.3") << 31.25 << 31.3;
    QTest::newRow("-2.25 -> -2.3") << -2.25 << -2.3;
    QTest::newRow("0.15 -> 0.2 (binary 0.1499…)") << 0.15 << 0.2;
    QTest::newRow("-0.15 -> -0.2") << -0.15 << -0.2;
    QTest::newRow("2.675 -> 2.7") << 2.675 << 2.7;
    QTest::newRow("1.04 -> 1.0") << 1.04 << 1.0;
    QTest::newRow("1.06 -> 1.1") << 1.06 << 1.1;
    QTest::newRow("80 stays") << 80.0 << 80.0;
    QTest::newRow("33.333… -> 33.3") << 100.0 / 3.0 << 33.3;
    QTest::newRow("66.666… -> 66.7") << 200.0 / 3.0 << 66.7;
    QTest::newRow("large") << 123456.75 << 123456.8;
}

void TestImprovement::rounding()
{
    QFETCH(double, value);
    QFETCH(double, expected);
    QCOMPARE(Improvement::roundToOneDecimal(value), expected);
}

void TestImprovement::extractMetrics_data()
{
    QTest::addColumn<bool>("withProfile");
    QTest::addColumn<OptionalInt>("memoryBytes");
    QTest::addColumn<OptionalDouble>("memoryMb");
    QTest::newRow("no profile: duration only") << false << OptionalInt() << none;
    QTest::newRow("1 GiB is 1024 MiB") << true << OptionalInt(1073741824) << OptionalDouble(1024.0);
    QTest::newRow("MiB are not truncated") << true << OptionalInt(1572864) << OptionalDouble(1.5);
    QTest::newRow("0 bytes is a value") << true << OptionalInt(0) << OptionalDouble(0.0);
    QTest::newRow("NULL bytes stay NULL") << true << OptionalInt() << none;
}

void TestImprovement::extractMetrics()
{
    QFETCH(bool, withProfile);
    QFETCH(OptionalInt, memoryBytes);
    QFETCH(OptionalDouble, memoryMb);
    Job job;
    job.jobId = QStringLiteral("j");
    job.durationMs = 4321;
    std::optional<Profile> profile;
    if (withProfile) {
        profile = Profile{};
        profile->memoryAllocated = memoryBytes;
        profile->dataScanned = 3 * 1048576;
        profile->rowsScanned = 10;
        profile->rowsReturned = 0;
        profile->partitionsScanned = 2;
        profile->cpuTimeMs = 0;
    }
    const JobMetrics metrics = Improvement::extractMetrics(job, profile);
    QCOMPARE(metrics.durationMs, 4321);
    QCOMPARE(metrics.memoryMb, memoryMb);
    if (withProfile) {
        QCOMPARE(metrics.dataScannedMb, OptionalDouble(3.0));
        QCOMPARE(metrics.rowsScanned, OptionalInt(10));
        QCOMPARE(metrics.rowsReturned, OptionalInt(0));
        QCOMPARE(metrics.partitionsScanned, OptionalInt(2));
        QCOMPARE(metrics.cpuTimeMs, OptionalInt(0));
    } else {
        QVERIFY(!metrics.dataScannedMb && !metrics.rowsScanned && !metrics.cpuTimeMs);
    }
}

void TestImprovement::computeUsesEveryPair()
{
    // The seed skipped memory/scan/cpu whenever the after value was 0; 0 is 100 %.
    JobMetrics before;
    before.durationMs = 2000;
    before.memoryMb = 8;
    before.dataScannedMb = 0; // before 0: no reduction can be computed
    before.cpuTimeMs = 400;
    JobMetrics after;
    after.durationMs = 0;
    after.memoryMb = 0;
    after.dataScannedMb = 0;
    after.cpuTimeMs = 600;
    const Improvements improvements = Improvement::compute(before, after);
    QCOMPARE(improvements.durationPct, OptionalDouble(100.0));
    QCOMPARE(improvements.memoryPct, OptionalDouble(100.0));
    QCOMPARE(improvements.scanPct, none);
    QCOMPARE(improvements.cpuPct, OptionalDouble(-50.0));
}

void TestImprovement::verdict()
{
    Measurement m;
    QCOMPARE(Improvement::verdictName(Improvement::verdictOf(m)), QStringLiteral("pending"));
    m.jobIdAfter = QStringLiteral("after");
    m.after = JobMetrics{};
    m.improvements.durationPct = 30;
    m.expectation.meets = true;
    QCOMPARE(Improvement::verdictName(Improvement::verdictOf(m)), QStringLiteral("met"));
    m.expectation.meets = false;
    QCOMPARE(Improvement::verdictName(Improvement::verdictOf(m)), QStringLiteral("underperformed"));
    m.improvements.durationPct = -3;
    QCOMPARE(Improvement::verdictName(Improvement::verdictOf(m)), QStringLiteral("regression"));
    m.improvements.durationPct.reset();
    m.expectation.meets.reset();
    QCOMPARE(Improvement::verdictName(Improvement::verdictOf(m)), QStringLiteral("underperformed"));
}

QTEST_GUILESS_MAIN(TestImprovement)
#include "tst_improvement.moc"
