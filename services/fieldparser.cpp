#include "fieldparser.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace FieldParser {

namespace {
QString quoted(const QString &text)
{
    constexpr int shown = 40;
    return u'\'' + (text.size() > shown ? text.left(shown) + QStringLiteral("…") : text) + u'\'';
}
} // namespace

Parsed<qint64> integer(const QString &raw, bool nonNegative)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<qint64>();
    static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
    if (!digits.match(text).hasMatch())
        return QStringLiteral("%1 is not a whole number").arg(quoted(text));
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return QStringLiteral("%1 is beyond the 64-bit range").arg(quoted(text));
    if (nonNegative && value < 0)
        return QStringLiteral("%1 is negative; it must be 0 or more").arg(quoted(text));
    return std::optional<qint64>(value);
}

Parsed<double> real(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<double>();
    static const QRegularExpression number(
        QStringLiteral("^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"));
    if (!number.match(text).hasMatch())
        return QStringLiteral("%1 is not a number").arg(quoted(text));
    bool ok = false;
    const double value = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(value))
        return QStringLiteral("%1 is beyond the range of a number").arg(quoted(text));
    return std::optional<double>(value);
}

Parsed<QDateTime> timestamp(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<QDateTime>();
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})"                          // date
        "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?" // time
        "\\s*(Z|UTC|[+-]\\d{2}(?::?\\d{2})?)?$"));              // zone
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return QStringLiteral("%1 is not a date and time like 2024-05-31T14:02:11Z").arg(quoted(text));
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    int msec = 0;
    if (match.hasCaptured(7)) {
        const QString fraction = (match.captured(7) + QStringLiteral("00")).left(3);
        msec = fraction.toInt();
    }
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(),
                     match.captured(6).toInt(), msec);
    if (!date.isValid() || !time.isValid())
        return QStringLiteral("%1 is not a valid date and time").arg(quoted(text));
    int offsetSeconds = 0;
    const QString zone = match.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z") && zone != QLatin1String("UTC")) {
        const int sign = zone.startsWith(u'-') ? -1 : 1;
        const QString digits = zone.mid(1).remove(u':');
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 14 || minutes > 59)
            return QStringLiteral("%1 has an invalid time zone offset").arg(quoted(text));
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
    }
    QDateTime result(date, time, Qt::UTC);
    result = result.addSecs(-offsetSeconds);
    return std::optional<QDateTime>(result);
}

} // namespace FieldParser
