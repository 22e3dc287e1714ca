#pragma once

#include "improvement.h"
#include "runstatistics.h"

#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QPalette>
#include <QString>

#include <optional>

// How a measurement's values read on screen, shared by the measurements table and its detail
// pane: per the current QLocale, percentages with one decimal (SPEC §3.2 rounding), durations
// in milliseconds, MiB as real numbers, and verdicts as a word, a colour and a shape, so that
// no one needs to tell colours apart to read them. Absent values are empty strings.
namespace MeasurementFormat {

QString count(qint64 value);
// Durations as people say them: "850 ms", "12.3 s", "1 min 58 s", "2 h 05 min", "3 d 4 h".
QString duration(double milliseconds);
QString duration(const std::optional<double> &milliseconds);
QString exactDurationMs(const std::optional<double> &milliseconds); // "117,691 ms", for tooltips
// Sizes in one family of binary units on every page: "512 B", "300.0 KiB", "1.5 GiB".
QString bytes(const std::optional<double> &bytes);
QString mebibytes(const std::optional<double> &value);       // the same, from MiB
QString exactBytes(const std::optional<double> &bytes);      // "305,237,606,400 bytes", for tooltips
QString exactMebibytes(const std::optional<double> &value);  // "291,094.4 MiB", for tooltips
QString oneDecimalNumber(double value);                      // "45.3", "−12.0" (no unit)
QString percent(const std::optional<double> &value);         // "45.3 %"
QString signedPercent(const std::optional<double> &value);   // "+45.3 %", "−12.0 %"
QString signedPoints(const std::optional<double> &value);    // "+5.3 points" (percentage points)
QString signedNumber(double value);                          // "+5.3", "−15.5", "0.0" (no unit)
// Hours as a person reads them (SPEC §6.3's projected savings): whole hours with the locale's
// grouping from 100 h on ("1,240 h"), one decimal from 1 h ("12.5 h"), two below ("0.04 h").
QString hours(double value);
QString hours(const std::optional<double> &value);
// "1,240 h / month" (German "1.240 h / Monat").
QString hoursPerMonth(double value);
// Local time in the locale's short format, but with the year in four digits ("04.12.2026 09:15").
QString dateTime(const std::optional<QDateTime> &utc);
QString dateTimeFormat(const QLocale &locale);

QString verdictName(Improvement::Verdict verdict);        // "Met", "Underperformed", …
QString verdictDescription(Improvement::Verdict verdict); // one sentence for tooltips
QIcon verdictIcon(Improvement::Verdict verdict);           // painted, any size, no pixmap files
// Text colours readable on the palette's base colour, light or dark.
QColor verdictColor(Improvement::Verdict verdict, const QPalette &palette);
// Green when a metric improved (value > 0), red when it got worse, invalid (default) otherwise.
QColor changeColor(const std::optional<double> &improvementPct, const QPalette &palette);
bool isDark(const QPalette &palette);

// SPEC §5's verdict from the runs (measurementformatruns.cpp), apart from the expectation above.
QString runVerdictName(RunStatistics::Verdict verdict);        // "Improved", "No change", …
QString runVerdictPhrase(RunStatistics::Verdict verdict);      // "improved", "no change", … (in a sentence)
QString runVerdictDescription(RunStatistics::Verdict verdict); // one sentence for tooltips
QIcon runVerdictIcon(RunStatistics::Verdict verdict);          // a shape per verdict, painted
QColor runVerdictColor(RunStatistics::Verdict verdict, const QPalette &palette);
// The 95 % interval of the improvement, "33.0 … 48.5 %"; empty when either end is absent.
QString interval(const std::optional<double> &lowPct, const std::optional<double> &highPct);
// A p-value with its name: four decimals at most, trailing zeros dropped ("p = 0.0003",
// "p = 0.25"), "p < 0.0001" below that.
QString pValue(double p);
// Runs before and after, "12 / 9"; empty while pending.
QString runs(const std::optional<int> &before, const std::optional<int> &after);

} // namespace MeasurementFormat
