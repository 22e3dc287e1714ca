#pragma once

#include "improvement.h"

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
QString durationMs(qint64 milliseconds);                     // "12,345 ms" (CPU time)
QString durationMs(const std::optional<qint64> &milliseconds);
QString durationMs(double milliseconds);                     // "12,345 ms", "0.25 ms" (a job's duration)
QString durationMs(const std::optional<double> &milliseconds);
QString mebibytes(const std::optional<double> &value);       // "1,234.5 MiB"
QString percent(const std::optional<double> &value);         // "45.3 %"
QString signedPercent(const std::optional<double> &value);   // "+45.3 %", "−12.0 %"
QString signedPoints(const std::optional<double> &value);    // "+5.3 pp" (percentage points)
QString dateTime(const std::optional<QDateTime> &utc);       // local time, the locale's short format

QString verdictName(Improvement::Verdict verdict);        // "Met", "Underperformed", …
QString verdictDescription(Improvement::Verdict verdict); // one sentence for tooltips
QIcon verdictIcon(Improvement::Verdict verdict);           // painted, any size, no pixmap files
// Text colours readable on the palette's base colour, light or dark.
QColor verdictColor(Improvement::Verdict verdict, const QPalette &palette);
// Green when a metric improved (value > 0), red when it got worse, invalid (default) otherwise.
QColor changeColor(const std::optional<double> &improvementPct, const QPalette &palette);
bool isDark(const QPalette &palette);

} // namespace MeasurementFormat
