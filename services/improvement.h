#pragma once

#include "types.h"

#include <optional>

// The formulas of SPEC §3.1–3.3, free of any database so they can be tested as a table.
namespace Improvement {

// Default tolerance T of SPEC §3.3 and the "exceeded" margin of §3.6, in percentage points.
inline constexpr double DefaultTolerancePct = 20.0;
inline constexpr double DefaultExceededMarginPct = 10.0;

// Rounds to one decimal, half away from zero (31.25 -> 31.3, -2.25 -> -2.3), the way a
// person rounds the decimal number they see: 0.15 -> 0.2 even though the double is 0.1499….
double roundToOneDecimal(double value);
// The same rule to `decimals` places (0–6).
double roundToDecimals(double value, int decimals);

// (before − after) / before × 100 when before > 0 and after is known; an after of 0 is known.
std::optional<double> reductionPct(std::optional<double> before, std::optional<double> after);

// SPEC §3.1: duration from the job; the profile metrics when a profile exists. MiB stay real.
JobMetrics extractMetrics(const Job &job, const std::optional<Profile> &profile);

Improvements compute(const JobMetrics &before, const JobMetrics &after);

// SPEC §3.3: a NULL estimate counts as 0; a regression never meets an expectation.
Expectation evaluate(std::optional<double> actualPct, std::optional<double> estimatedPct,
                     double tolerancePct = DefaultTolerancePct);

enum class Verdict { Pending, Met, Underperformed, Regression };
Verdict verdictOf(const Measurement &measurement);
QString verdictName(Verdict verdict); // pending, met, underperformed, regression

} // namespace Improvement
