#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>
#include <variant>

// Strict parsing of the text cells of an import. Each function returns the value, nothing
// for an empty cell, or a message saying what is wrong with the text (without the file,
// line and column, which the importer adds). Hand-written: an import of a million rows calls
// them tens of millions of times.
namespace FieldParser {

template<typename T>
using Parsed = std::variant<std::optional<T>, QString>;

// A whole number of 64 bits; `nonNegative` refuses a minus sign.
Parsed<qint64> integer(QStringView text, bool nonNegative = true);
// A finite decimal number in the C locale ("12.5", "-3", "1e2"); NaN and infinities refused.
Parsed<double> real(QStringView text);
// A duration in milliseconds: a whole number, as integer() reads it, or a decimal one ("0.25",
// "1.5e3"); never negative, below 2^63 as before durations became real numbers (SPEC §2).
Parsed<double> milliseconds(QStringView text);
// ISO 8601 date and time, 'T' or a space between them, optional fraction and zone
// (Z, UTC, ±HH:MM, ±HHMM, ±HH, with or without a space before it). A time without a zone is
// UTC. A date alone is midnight UTC.
Parsed<QDateTime> timestamp(QStringView text);
// The same, as microseconds since 1970-01-01 UTC (sub-millisecond digits kept).
Parsed<qint64> timestampMicros(QStringView text);
// true/false, t/f, yes/no, 1/0 in any case.
Parsed<bool> boolean(QStringView text);

// A QDateTime (UTC, millisecond precision) from microseconds since the epoch, rounding down.
QDateTime fromMicros(qint64 micros);

template<typename T>
bool failed(const Parsed<T> &parsed)
{
    return std::holds_alternative<QString>(parsed);
}

template<typename T>
const QString &message(const Parsed<T> &parsed)
{
    return std::get<QString>(parsed);
}

template<typename T>
const std::optional<T> &value(const Parsed<T> &parsed)
{
    return std::get<0>(parsed);
}

} // namespace FieldParser
