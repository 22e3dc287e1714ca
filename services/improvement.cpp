#include "improvement.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Improvement {

double roundToDecimals(double value, int decimals)
{
    if (!std::isfinite(value))
        return value;
    double scale = 1.0;
    for (int i = 0; i < decimals; ++i)
        scale *= 10.0;
    const double scaled = value * scale;
    const double whole = std::trunc(scaled);
    const double fraction = std::abs(scaled - whole);
    // A fraction within a few ulps of one half is a decimal .x5 that binary could not hold
    // exactly; treat it as the half it was meant to be and round away from zero.
    const double slack = 64 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::abs(scaled));
    double rounded;
    if (std::abs(fraction - 0.5) <= slack)
        rounded = whole + std::copysign(1.0, scaled);
    else
        rounded = std::round(scaled);
    return rounded / scale;
}

double roundToOneDecimal(double value)
{
    return roundToDecimals(value, 1);
}

std::optional<double> reductionPct(std::optional<double> before, std::optional<double> after)
{
    if (!before || !after || !(*before > 0))
        return std::nullopt;
    // Multiply first: (1000 − 400) × 100 / 1000 is exactly 60, (1000 − 400) / 1000 × 100 is not.
    return (*before - *after) * 100.0 / *before;
}

static std::optional<double> toMebibytes(std::optional<qint64> bytes)
{
    if (!bytes)
        return std::nullopt;
    return double(*bytes) / 1048576.0;
}

static std::optional<double> toDouble(std::optional<qint64> value)
{
    if (!value)
        return std::nullopt;
    return double(*value);
}

JobMetrics extractMetrics(const Job &job, const std::optional<Profile> &profile)
{
    JobMetrics metrics;
    metrics.durationMs = job.durationMs;
    if (profile) {
        metrics.memoryMb = toMebibytes(profile->memoryAllocated);
        metrics.dataScannedMb = toMebibytes(profile->dataScanned);
        metrics.rowsScanned = profile->rowsScanned;
        metrics.rowsReturned = profile->rowsReturned;
        metrics.partitionsScanned = profile->partitionsScanned;
        metrics.cpuTimeMs = profile->cpuTimeMs;
    }
    return metrics;
}

Improvements compute(const JobMetrics &before, const JobMetrics &after)
{
    Improvements result;
    result.durationPct = reductionPct(before.durationMs, after.durationMs);
    result.memoryPct = reductionPct(before.memoryMb, after.memoryMb);
    result.scanPct = reductionPct(before.dataScannedMb, after.dataScannedMb);
    result.cpuPct = reductionPct(toDouble(before.cpuTimeMs), toDouble(after.cpuTimeMs));
    return result;
}

Expectation evaluate(std::optional<double> actualPct, std::optional<double> estimatedPct,
                     double tolerancePct)
{
    if (!actualPct)
        return {};
    const double estimated = estimatedPct.value_or(0.0);
    Expectation expectation;
    expectation.meets = *actualPct >= estimated - tolerancePct && *actualPct >= 0.0;
    expectation.deltaPct = roundToOneDecimal(*actualPct - estimated);
    return expectation;
}

Verdict verdictOf(const Measurement &measurement)
{
    if (measurement.isOpen())
        return Verdict::Pending;
    if (measurement.improvements.durationPct && *measurement.improvements.durationPct < 0)
        return Verdict::Regression;
    if (measurement.expectation.meets.value_or(false))
        return Verdict::Met;
    return Verdict::Underperformed;
}

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pending:
        return QStringLiteral("pending");
    case Verdict::Met:
        return QStringLiteral("met");
    case Verdict::Underperformed:
        return QStringLiteral("underperformed");
    case Verdict::Regression:
        return QStringLiteral("regression");
    }
    return {};
}

} // namespace Improvement
