#include "fieldparser.h"

#include "text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace FieldParser {

namespace {

QString quoted(QStringView text)
{
    constexpr int shown = 40;
    return u'\'' + (text.size() > shown ? text.left(shown).toString() + QStringLiteral("…") : text.toString())
           + u'\'';
}

bool isDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

// Reads exactly `count` ASCII digits at `at`.
bool digits(QStringView text, qsizetype &at, int count, int &value)
{
    if (at + count > text.size())
        return false;
    value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text.at(at + i);
        if (!isDigit(c))
            return false;
        value = value * 10 + (c.unicode() - '0');
    }
    at += count;
    return true;
}

qint64 daysFromCivil(int year, int month, int day)
{
    // Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
    year -= month <= 2;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yearOfEra = unsigned(year - era * 400);
    const unsigned dayOfYear = (153 * unsigned(month + (month > 2 ? -3 : 9)) + 2) / 5 + unsigned(day) - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + qint64(dayOfEra) - 719468;
}

bool validDate(int year, int month, int day)
{
    if (month < 1 || month > 12 || day < 1)
        return false;
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= lengths[month - 1] + (month == 2 && leap ? 1 : 0);
}

} // namespace

Parsed<qint64> integer(QStringView raw, bool nonNegative)
{
    const QStringView text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<qint64>();
    qsizetype at = 0;
    bool negative = false;
    if (text.at(0) == u'+' || text.at(0) == u'-') {
        negative = text.at(0) == u'-';
        ++at;
    }
    if (at == text.size())
        return Text::tr("%1 is not a whole number").arg(quoted(text));
    // Accumulate negatively: the smallest 64-bit number has no positive counterpart.
    qint64 value = 0;
    bool overflow = false;
    for (; at < text.size(); ++at) {
        const QChar c = text.at(at);
        if (!isDigit(c))
            return Text::tr("%1 is not a whole number").arg(quoted(text));
        const int digit = c.unicode() - '0';
        if (value < (std::numeric_limits<qint64>::min() + digit) / 10)
            overflow = true;
        else
            value = value * 10 - digit;
    }
    if (overflow || (!negative && value == std::numeric_limits<qint64>::min()))
        return Text::tr("%1 is beyond the 64-bit range").arg(quoted(text));
    if (negative && nonNegative && value != 0)
        return Text::tr("%1 is negative; it must be 0 or more").arg(quoted(text));
    return std::optional<qint64>(negative ? value : -value);
}

Parsed<double> real(QStringView raw)
{
    const QStringView text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<double>();
    // The grammar [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?, checked by hand,
    // then converted by from_chars on the ASCII bytes.
    char buffer[64] = {};
    if (text.size() >= qsizetype(sizeof buffer))
        return Text::tr("%1 is not a number").arg(quoted(text));
    qsizetype at = 0;
    auto notNumber = [&text] { return Text::tr("%1 is not a number").arg(quoted(text)); };
    if (text.at(0) == u'+' || text.at(0) == u'-')
        ++at;
    const qsizetype mantissa = at;
    qsizetype intDigits = 0, fracDigits = 0;
    while (at < text.size() && isDigit(text.at(at)))
        ++at, ++intDigits;
    if (at < text.size() && text.at(at) == u'.') {
        ++at;
        while (at < text.size() && isDigit(text.at(at)))
            ++at, ++fracDigits;
    }
    if (intDigits + fracDigits == 0 || at == mantissa)
        return notNumber();
    if (at < text.size() && (text.at(at) == u'e' || text.at(at) == u'E')) {
        ++at;
        if (at < text.size() && (text.at(at) == u'+' || text.at(at) == u'-'))
            ++at;
        qsizetype expDigits = 0;
        while (at < text.size() && isDigit(text.at(at)))
            ++at, ++expDigits;
        if (expDigits == 0)
            return notNumber();
    }
    if (at != text.size())
        return notNumber();
    qsizetype length = 0;
    for (qsizetype i = text.at(0) == u'+' ? 1 : 0; i < text.size(); ++i)
        buffer[length++] = char(text.at(i).unicode());
    double value = 0;
    const auto [end, error] = std::from_chars(buffer, buffer + length, value);
    if (error == std::errc::result_out_of_range || !std::isfinite(value)) {
        // from_chars reports underflow the same way: a tiny number is 0 for our purposes.
        bool tiny = false;
        for (qsizetype i = 0; i < length; ++i)
            if (buffer[i] == 'e' || buffer[i] == 'E') {
                tiny = buffer[i + 1] == '-';
                break;
            }
        if (!tiny)
            return Text::tr("%1 is beyond the range of a number").arg(quoted(text));
        value = 0;
    } else if (error != std::errc() || end != buffer + length) {
        return notNumber();
    }
    return std::optional<double>(value);
}

Parsed<double> milliseconds(QStringView raw)
{
    const QStringView text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<double>();
    // Digits alone (with a sign) are read as before, with the messages of a whole number.
    const qsizetype digitsFrom = (text.at(0) == u'+' || text.at(0) == u'-') ? 1 : 0;
    if (text.size() > digitsFrom && std::all_of(text.begin() + digitsFrom, text.end(), isDigit)) {
        const auto whole = integer(text, true);
        if (failed(whole))
            return message(whole);
        return std::optional<double>(double(*value(whole)));
    }
    const auto number = real(text);
    if (failed(number))
        return message(number);
    const double parsed = *value(number);
    if (parsed < 0)
        return Text::tr("%1 is negative; it must be 0 or more").arg(quoted(text));
    if (parsed >= 9223372036854775808.0)
        return Text::tr("%1 is beyond the 64-bit range").arg(quoted(text));
    return std::optional<double>(parsed + 0.0); // -0 is 0
}

Parsed<qint64> timestampMicros(QStringView raw)
{
    const QStringView text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<qint64>();
    auto malformed = [&text] {
        return Text::tr("%1 is not a date and time like 2024-05-31T14:02:11Z").arg(quoted(text));
    };
    qsizetype at = 0;
    int year, month, day, hour = 0, minute = 0, second = 0;
    qint64 micros = 0;
    if (!digits(text, at, 4, year) || at >= text.size() || text.at(at++) != u'-'
        || !digits(text, at, 2, month) || at >= text.size() || text.at(at++) != u'-'
        || !digits(text, at, 2, day))
        return malformed();
    bool timeRead = false;
    if (at < text.size() && (text.at(at) == u'T' || text.at(at) == u' ') && at + 1 < text.size()
        && isDigit(text.at(at + 1))) {
        ++at;
        if (!digits(text, at, 2, hour) || at >= text.size() || text.at(at++) != u':'
            || !digits(text, at, 2, minute))
            return malformed();
        timeRead = true;
        if (at < text.size() && text.at(at) == u':') {
            ++at;
            if (!digits(text, at, 2, second))
                return malformed();
            if (at < text.size() && (text.at(at) == u'.' || text.at(at) == u',')) {
                ++at;
                int count = 0;
                qint64 scale = 100000;
                while (at < text.size() && isDigit(text.at(at))) {
                    if (count < 6) {
                        micros += (text.at(at).unicode() - '0') * scale;
                        scale /= 10;
                    }
                    ++at, ++count;
                }
                if (count == 0 || count > 9)
                    return malformed();
            }
        }
    }
    // The zone, perhaps after spaces.
    while (at < text.size() && text.at(at) == u' ')
        ++at;
    int offsetSeconds = 0;
    const QStringView zone = text.mid(at);
    if (!zone.isEmpty() && zone != u"Z" && zone != u"UTC") {
        if (!timeRead && !zone.isEmpty())
            return malformed();
        const QChar sign = zone.at(0);
        if (sign != u'+' && sign != u'-')
            return malformed();
        qsizetype z = 1;
        int hours = 0, minutes = 0;
        if (!digits(zone, z, 2, hours))
            return malformed();
        if (z < zone.size()) {
            if (zone.at(z) == u':')
                ++z;
            if (!digits(zone, z, 2, minutes) || z != zone.size())
                return malformed();
        }
        if (hours > 14 || minutes > 59)
            return Text::tr("%1 has an invalid time zone offset").arg(quoted(text));
        offsetSeconds = (sign == u'-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    }
    if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
        return Text::tr("%1 is not a valid date and time").arg(quoted(text));
    const qint64 seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
                           - offsetSeconds;
    return std::optional<qint64>(seconds * 1000000 + micros);
}

QDateTime fromMicros(qint64 micros)
{
    const qint64 millis = micros >= 0 ? micros / 1000 : -((-micros + 999) / 1000);
    return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
}

Parsed<QDateTime> timestamp(QStringView text)
{
    const auto micros = timestampMicros(text);
    if (failed(micros))
        return message(micros);
    if (!value(micros))
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(fromMicros(*value(micros)));
}

Parsed<bool> boolean(QStringView raw)
{
    const QStringView text = raw.trimmed();
    if (text.isEmpty())
        return std::optional<bool>();
    for (const char *word : {"true", "t", "yes", "y", "1"})
        if (text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0)
            return std::optional<bool>(true);
    for (const char *word : {"false", "f", "no", "n", "0"})
        if (text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0)
            return std::optional<bool>(false);
    return Text::tr("%1 is not true or false").arg(quoted(text));
}

} // namespace FieldParser
