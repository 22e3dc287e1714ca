#include "cells.h"

#include "../database.h"
#include "../fieldparser.h"
#include "../jobstatus.h"
#include "../text.h"

#include <algorithm>
#include <cmath>

namespace EngineFormats {

qsizetype characterCount(const QString &text)
{
    return text.size() - std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isLowSurrogate(); });
}

QString lower(const QString &text)
{
    return text.trimmed().toLower();
}

QString engineStatus(const QString &cell, QLatin1String success, std::initializer_list<QLatin1String> failed,
                     bool failureWasCancel)
{
    const QString word = lower(cell);
    if (word.isEmpty())
        return {};
    if (word == success)
        return JobStatus::Success;
    if (word == QLatin1String("canceled") || word == QLatin1String("cancelled"))
        return JobStatus::Cancelled;
    for (const QLatin1String failure : failed)
        if (word == failure)
            return failureWasCancel ? JobStatus::Cancelled : JobStatus::Failed;
    return JobStatus::Running;
}

namespace {

QVariant nullOf(QMetaType type)
{
    return QVariant(type);
}

} // namespace

QVariant textValue(const QString &text)
{
    return text.isNull() ? nullOf(QMetaType::fromType<QString>()) : QVariant(text);
}

double toNanosecond(double milliseconds)
{
    // Beyond 2^53 ns (104 days) a double has no nanoseconds to round to.
    if (!std::isfinite(milliseconds) || std::fabs(milliseconds) >= 9e9)
        return milliseconds;
    return std::round(milliseconds * 1e6) / 1e6;
}

QVariant countValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : nullOf(QMetaType::fromType<qint64>());
}

QVariant millisecondsValue(const std::optional<double> &value)
{
    return value ? QVariant(*value) : nullOf(QMetaType::fromType<double>());
}

QVariant flagValue(const std::optional<bool> &value)
{
    return value ? QVariant(*value) : nullOf(QMetaType::fromType<bool>());
}

QVariant timeValue(const std::optional<qint64> &micros)
{
    return micros ? Database::toSqlTimestamp(FieldParser::fromMicros(*micros))
                  : nullOf(QMetaType::fromType<QString>());
}

std::optional<qint64> rounded(double value)
{
    if (!std::isfinite(value) || std::fabs(value) >= 9.2e18)
        return std::nullopt;
    return std::llround(value);
}

QString Cells::raw(int handle) const
{
    if (handle < 0)
        return {};
    QString text = cell(handle);
    return text.isEmpty() ? QString() : text;
}

QString Cells::text(int handle) const
{
    QString value = raw(handle).trimmed();
    return value.isEmpty() ? QString() : value;
}

std::optional<qint64> Cells::count(int handle)
{
    if (handle < 0 || error)
        return std::nullopt;
    const auto parsed = FieldParser::integer(cell(handle));
    if (FieldParser::failed(parsed)) {
        error = m_source.errorAt(handle, FieldParser::message(parsed));
        return std::nullopt;
    }
    return FieldParser::value(parsed);
}

std::optional<double> Cells::nonNegativeReal(int handle)
{
    if (handle < 0 || error)
        return std::nullopt;
    const auto parsed = FieldParser::real(cell(handle));
    if (FieldParser::failed(parsed)) {
        error = m_source.errorAt(handle, FieldParser::message(parsed));
        return std::nullopt;
    }
    const auto value = FieldParser::value(parsed);
    if (value && *value < 0) {
        error = m_source.errorAt(handle, Text::tr("'%1' is negative; it must be 0 or more")
                                             .arg(cell(handle).trimmed()));
        return std::nullopt;
    }
    return value;
}

std::optional<double> Cells::milliseconds(int handle)
{
    if (handle < 0 || error)
        return std::nullopt;
    const auto parsed = FieldParser::milliseconds(cell(handle));
    if (FieldParser::failed(parsed)) {
        error = m_source.errorAt(handle, FieldParser::message(parsed));
        return std::nullopt;
    }
    return FieldParser::value(parsed);
}

std::optional<qint64> Cells::micros(int handle, bool epochSeconds)
{
    if (handle < 0 || error)
        return std::nullopt;
    const QString text = cell(handle);
    const auto parsed = FieldParser::timestampMicros(text);
    if (FieldParser::failed(parsed)) {
        if (epochSeconds) {
            const auto seconds = FieldParser::real(text);
            if (!FieldParser::failed(seconds) && FieldParser::value(seconds)
                && std::fabs(*FieldParser::value(seconds)) < 1e11)
                return std::llround(*FieldParser::value(seconds) * 1e6);
        }
        error = m_source.errorAt(handle, FieldParser::message(parsed));
        return std::nullopt;
    }
    return FieldParser::value(parsed);
}

std::optional<qint64> Cells::epochMillis(int handle)
{
    const auto value = count(handle);
    constexpr qint64 Year10000 = 253402300800000; // ms since the epoch
    if (value && *value >= Year10000) {
        fail(handle, Text::tr("%1 is past the year 9999").arg(*value));
        return std::nullopt;
    }
    return value ? std::optional<qint64>(*value * 1000) : std::nullopt;
}

std::optional<bool> Cells::flag(int handle)
{
    if (handle < 0 || error)
        return std::nullopt;
    const auto parsed = FieldParser::boolean(cell(handle));
    if (FieldParser::failed(parsed)) {
        error = m_source.errorAt(handle, FieldParser::message(parsed));
        return std::nullopt;
    }
    return FieldParser::value(parsed);
}

void Cells::fail(int handle, const QString &message)
{
    if (!error)
        error = m_source.errorAt(handle, message);
}

QString Cells::cell(int handle) const
{
    QString text = m_source.cell(handle);
    if (m_nullMarkers && text.size() <= 6) {
        const QString trimmed = text.trimmed();
        if (trimmed == QLatin1String("\\N") || trimmed.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
            return {};
    }
    return text;
}

} // namespace EngineFormats
