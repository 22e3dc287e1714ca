#pragma once

#include <QString>
#include <QVariant>

#include <optional>

// Conversions between optional values and the QVariants QtSql binds and returns.
// A null QVariant of the right type is SQL NULL on both drivers.
namespace SqlValue {

inline QVariant of(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

inline QVariant of(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<double>());
}

inline QVariant of(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<QString>());
}

inline QVariant of(const std::optional<bool> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<bool>());
}

inline std::optional<qint64> toInt64(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

inline std::optional<double> toDouble(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

inline std::optional<QString> toString(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toString();
}

// SQLite keeps BOOLEAN as 0/1, PostgreSQL as a real boolean; both convert with toBool().
inline std::optional<bool> toBool(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toBool();
}

// A LIKE pattern for "contains `text`", taken literally: % and _ match themselves (ESCAPE '!').
inline QString containsPattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += u'%';
    for (const QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'!')
            escaped += u'!';
        escaped += c;
    }
    escaped += u'%';
    return escaped;
}

} // namespace SqlValue
