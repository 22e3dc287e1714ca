#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <variant>

// Strict parsing of the text cells of an import. Each function returns the value, nothing
// for an empty cell, or a message saying what is wrong with the text (without the file,
// line and column, which the importer adds).
namespace FieldParser {

template<typename T>
using Parsed = std::variant<std::optional<T>, QString>;

// A whole number of 64 bits; `nonNegative` refuses a minus sign.
Parsed<qint64> integer(const QString &text, bool nonNegative = true);
// A finite decimal number in the C locale ("12.5", "-3", "1e2"); NaN and infinities refused.
Parsed<double> real(const QString &text);
// ISO 8601 date and time, 'T' or a space between them, optional fraction and zone
// (Z, ±HH:MM, ±HHMM, ±HH). A time without a zone is UTC. A date alone is midnight UTC.
Parsed<QDateTime> timestamp(const QString &text);

template<typename T>
bool failed(const Parsed<T> &parsed)
{
    return std::holds_alternative<QString>(parsed);
}

} // namespace FieldParser
