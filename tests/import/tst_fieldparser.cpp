// FieldParser: the strict reading of import cells (SPEC §4): whole numbers, real numbers and
// ISO 8601 timestamps converted to UTC, with the exact message for each refusal.

#include "fieldparser.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;

using OptionalInt = std::optional<qint64>;
using OptionalDouble = std::optional<double>;
using OptionalTime = std::optional<QDateTime>;
Q_DECLARE_METATYPE(OptionalInt)
Q_DECLARE_METATYPE(OptionalDouble)
Q_DECLARE_METATYPE(OptionalTime)

namespace {

QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC);
}

// The refusal message, or nothing when the text was accepted.
template<typename T>
QString messageOf(const FieldParser::Parsed<T> &parsed)
{
    return FieldParser::failed(parsed) ? std::get<QString>(parsed) : QString();
}

} // namespace

class TestFieldParser : public QObject
{
    Q_OBJECT

private slots:
    void integer_data();
    void integer();
    void real_data();
    void real();
    void timestamp_data();
    void timestamp();
    void timestampDoesNotDependOnTheLocalZone();
};

void TestFieldParser::integer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("nonNegative");
    QTest::addColumn<OptionalInt>("value");   // when accepted
    QTest::addColumn<QString>("message");     // when refused

    const QString ok;
    QTest::newRow("a whole number is read") << u"42"_s << true << OptionalInt(42) << ok;
    QTest::newRow("zero is a value, not nothing") << u"0"_s << true << OptionalInt(0) << ok;
    QTest::newRow("leading zeros are decimal, not octal") << u"0010"_s << true << OptionalInt(10) << ok;
    QTest::newRow("an explicit plus sign is allowed") << u"+7"_s << true << OptionalInt(7) << ok;
    QTest::newRow("an empty cell is nothing") << QString() << true << OptionalInt() << ok;
    QTest::newRow("a cell of spaces is nothing") << u"   "_s << true << OptionalInt() << ok;
    QTest::newRow("surrounding whitespace is trimmed") << u" \t17 "_s << true << OptionalInt(17) << ok;
    QTest::newRow("the largest 64-bit number is read")
        << u"9223372036854775807"_s << true << OptionalInt(std::numeric_limits<qint64>::max()) << ok;
    QTest::newRow("a negative number is read when allowed") << u"-1"_s << false << OptionalInt(-1) << ok;
    QTest::newRow("the smallest 64-bit number is read when negatives are allowed")
        << u"-9223372036854775808"_s << false << OptionalInt(std::numeric_limits<qint64>::min()) << ok;
    QTest::newRow("letters are refused")
        << u"abc"_s << true << OptionalInt() << u"'abc' is not a whole number"_s;
    QTest::newRow("a fraction is refused")
        << u"1.5"_s << true << OptionalInt() << u"'1.5' is not a whole number"_s;
    QTest::newRow("an exponent is refused")
        << u"1e3"_s << true << OptionalInt() << u"'1e3' is not a whole number"_s;
    QTest::newRow("a thousands separator is refused")
        << u"1,000"_s << true << OptionalInt() << u"'1,000' is not a whole number"_s;
    QTest::newRow("hexadecimal is refused")
        << u"0x10"_s << true << OptionalInt() << u"'0x10' is not a whole number"_s;
    QTest::newRow("a sign alone is refused") << u"-"_s << false << OptionalInt() << u"'-' is not a whole number"_s;
    QTest::newRow("inner spaces are refused")
        << u"1 000"_s << true << OptionalInt() << u"'1 000' is not a whole number"_s;
    QTest::newRow("non-ASCII digits are refused")
        << QString::fromUtf8("\xD9\xA1\xD9\xA2") << true << OptionalInt()
        << QString::fromUtf8("'\xD9\xA1\xD9\xA2' is not a whole number");
    QTest::newRow("a negative number is refused when it must not be")
        << u"-1"_s << true << OptionalInt() << u"'-1' is negative; it must be 0 or more"_s;
    QTest::newRow("the message shows the trimmed text")
        << u"  -25 "_s << true << OptionalInt() << u"'-25' is negative; it must be 0 or more"_s;
    QTest::newRow("beyond 64 bits is refused")
        << u"99999999999999999999"_s << true << OptionalInt()
        << u"'99999999999999999999' is beyond the 64-bit range"_s;
    QTest::newRow("one beyond the largest 64-bit number is refused")
        << u"9223372036854775808"_s << true << OptionalInt()
        << u"'9223372036854775808' is beyond the 64-bit range"_s;
    QTest::newRow("a long text is shortened to 40 characters in the message")
        << QString(50, u'x') << true << OptionalInt()
        << u"'"_s + QString(40, u'x') + QString::fromUtf8("\xE2\x80\xA6' is not a whole number");
}

void TestFieldParser::integer()
{
    QFETCH(QString, text);
    QFETCH(bool, nonNegative);
    QFETCH(OptionalInt, value);
    QFETCH(QString, message);
    const auto parsed = FieldParser::integer(text, nonNegative);
    if (!message.isEmpty()) {
        QVERIFY(FieldParser::failed(parsed));
        QCOMPARE(std::get<QString>(parsed), message);
        return;
    }
    QVERIFY2(!FieldParser::failed(parsed), qPrintable(messageOf(parsed)));
    QCOMPARE(std::get<0>(parsed), value);
}

void TestFieldParser::real_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<OptionalDouble>("value");
    QTest::addColumn<QString>("message");

    const QString ok;
    QTest::newRow("a decimal number is read") << u"12.5"_s << OptionalDouble(12.5) << ok;
    QTest::newRow("a negative whole number is read") << u"-3"_s << OptionalDouble(-3.0) << ok;
    QTest::newRow("a fraction without a leading zero is read") << u".5"_s << OptionalDouble(0.5) << ok;
    QTest::newRow("a trailing point is read") << u"5."_s << OptionalDouble(5.0) << ok;
    QTest::newRow("an exponent is read") << u"1e2"_s << OptionalDouble(100.0) << ok;
    QTest::newRow("a signed capital exponent is read") << u"2.5E-1"_s << OptionalDouble(0.25) << ok;
    QTest::newRow("zero is a value") << u"0"_s << OptionalDouble(0.0) << ok;
    QTest::newRow("whitespace is trimmed") << u" 70 "_s << OptionalDouble(70.0) << ok;
    QTest::newRow("an empty cell is nothing") << QString() << OptionalDouble() << ok;
    QTest::newRow("NaN is refused") << u"NaN"_s << OptionalDouble() << u"'NaN' is not a number"_s;
    QTest::newRow("Infinity is refused") << u"Infinity"_s << OptionalDouble() << u"'Infinity' is not a number"_s;
    QTest::newRow("-inf is refused") << u"-inf"_s << OptionalDouble() << u"'-inf' is not a number"_s;
    QTest::newRow("a number beyond double range is refused")
        << u"1e400"_s << OptionalDouble() << u"'1e400' is beyond the range of a number"_s;
    QTest::newRow("a decimal comma is refused (C locale only)")
        << u"12,5"_s << OptionalDouble() << u"'12,5' is not a number"_s;
    QTest::newRow("a percent sign is refused") << u"30%"_s << OptionalDouble() << u"'30%' is not a number"_s;
    QTest::newRow("letters are refused") << u"abc"_s << OptionalDouble() << u"'abc' is not a number"_s;
    QTest::newRow("a point alone is refused") << u"."_s << OptionalDouble() << u"'.' is not a number"_s;
    QTest::newRow("hexadecimal is refused") << u"0x1p3"_s << OptionalDouble() << u"'0x1p3' is not a number"_s;
}

void TestFieldParser::real()
{
    QFETCH(QString, text);
    QFETCH(OptionalDouble, value);
    QFETCH(QString, message);
    const auto parsed = FieldParser::real(text);
    if (!message.isEmpty()) {
        QVERIFY(FieldParser::failed(parsed));
        QCOMPARE(std::get<QString>(parsed), message);
        return;
    }
    QVERIFY2(!FieldParser::failed(parsed), qPrintable(messageOf(parsed)));
    QCOMPARE(std::get<0>(parsed).has_value(), value.has_value());
    if (value)
        QCOMPARE(*std::get<0>(parsed), *value);
}

void TestFieldParser::timestamp_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<OptionalTime>("value");
    QTest::addColumn<QString>("message");

    const QString ok;
    QTest::newRow("Z is UTC") << u"2024-05-31T14:02:11Z"_s << OptionalTime(utc(2024, 5, 31, 14, 2, 11)) << ok;
    QTest::newRow("a space instead of T, milliseconds, no zone is UTC")
        << u"2024-05-31 14:02:11.123"_s << OptionalTime(utc(2024, 5, 31, 14, 2, 11, 123)) << ok;
    QTest::newRow("+02:00 is two hours ahead of UTC")
        << u"2024-05-31T14:02:11+02:00"_s << OptionalTime(utc(2024, 5, 31, 12, 2, 11)) << ok;
    QTest::newRow("-0800 is eight hours behind UTC")
        << u"2024-05-31T14:02:11-0800"_s << OptionalTime(utc(2024, 5, 31, 22, 2, 11)) << ok;
    QTest::newRow("a negative offset can move to the next day")
        << u"2024-12-31T23:30:00-02"_s << OptionalTime(utc(2025, 1, 1, 1, 30)) << ok;
    QTest::newRow("a positive offset can move to the previous day")
        << u"2024-03-01T01:00:00+05:30"_s << OptionalTime(utc(2024, 2, 29, 19, 30)) << ok;
    QTest::newRow("a date alone is midnight UTC") << u"2024-05-31"_s << OptionalTime(utc(2024, 5, 31)) << ok;
    QTest::newRow("hours and minutes without seconds")
        << u"2024-05-31T14:02"_s << OptionalTime(utc(2024, 5, 31, 14, 2)) << ok;
    QTest::newRow("one fraction digit is tenths")
        << u"2024-05-31T14:02:11.5Z"_s << OptionalTime(utc(2024, 5, 31, 14, 2, 11, 500)) << ok;
    QTest::newRow("nanoseconds are cut to milliseconds")
        << u"2024-05-31T14:02:11.123456789Z"_s << OptionalTime(utc(2024, 5, 31, 14, 2, 11, 123)) << ok;
    QTest::newRow("a comma before the fraction")
        << u"2024-05-31T14:02:11,25"_s << OptionalTime(utc(2024, 5, 31, 14, 2, 11, 250)) << ok;
    QTest::newRow("UTC after a space")
        << u"2024-05-31 14:02:11 UTC"_s << OptionalTime(utc(2024, 5, 31, 14, 2, 11)) << ok;
    QTest::newRow("the 29th of February of a leap year") << u"2024-02-29"_s << OptionalTime(utc(2024, 2, 29)) << ok;
    QTest::newRow("whitespace is trimmed") << u" 2024-05-31T00:00:00Z "_s << OptionalTime(utc(2024, 5, 31)) << ok;
    QTest::newRow("an empty cell is nothing") << QString() << OptionalTime() << ok;

    QTest::newRow("a day-first date is refused")
        << u"31/05/2024"_s << OptionalTime()
        << u"'31/05/2024' is not a date and time like 2024-05-31T14:02:11Z"_s;
    QTest::newRow("a US date is refused")
        << u"05/31/2024 2:02 PM"_s << OptionalTime()
        << u"'05/31/2024 2:02 PM' is not a date and time like 2024-05-31T14:02:11Z"_s;
    QTest::newRow("a Unix time is refused")
        << u"1717164131"_s << OptionalTime() << u"'1717164131' is not a date and time like 2024-05-31T14:02:11Z"_s;
    QTest::newRow("a single-digit month is refused")
        << u"2024-5-31"_s << OptionalTime() << u"'2024-5-31' is not a date and time like 2024-05-31T14:02:11Z"_s;
    QTest::newRow("the 30th of February is refused")
        << u"2024-02-30T00:00:00"_s << OptionalTime() << u"'2024-02-30T00:00:00' is not a valid date and time"_s;
    QTest::newRow("the 29th of February of a common year is refused")
        << u"2023-02-29"_s << OptionalTime() << u"'2023-02-29' is not a valid date and time"_s;
    QTest::newRow("month 13 is refused")
        << u"2024-13-01"_s << OptionalTime() << u"'2024-13-01' is not a valid date and time"_s;
    QTest::newRow("hour 25 is refused")
        << u"2024-05-31T25:00:00"_s << OptionalTime() << u"'2024-05-31T25:00:00' is not a valid date and time"_s;
    QTest::newRow("minute 60 is refused")
        << u"2024-05-31T12:60"_s << OptionalTime() << u"'2024-05-31T12:60' is not a valid date and time"_s;
    QTest::newRow("an offset beyond 14 hours is refused")
        << u"2024-05-31T14:02:11+15:00"_s << OptionalTime()
        << u"'2024-05-31T14:02:11+15:00' has an invalid time zone offset"_s;
    QTest::newRow("offset minutes beyond 59 are refused")
        << u"2024-05-31T14:02:11+0175"_s << OptionalTime()
        << u"'2024-05-31T14:02:11+0175' has an invalid time zone offset"_s;
    QTest::newRow("a named zone other than UTC is refused")
        << u"2024-05-31T14:02:11 CEST"_s << OptionalTime()
        << u"'2024-05-31T14:02:11 CEST' is not a date and time like 2024-05-31T14:02:11Z"_s;
}

void TestFieldParser::timestamp()
{
    QFETCH(QString, text);
    QFETCH(OptionalTime, value);
    QFETCH(QString, message);
    const auto parsed = FieldParser::timestamp(text);
    if (!message.isEmpty()) {
        QVERIFY(FieldParser::failed(parsed));
        QCOMPARE(std::get<QString>(parsed), message);
        return;
    }
    QVERIFY2(!FieldParser::failed(parsed), qPrintable(messageOf(parsed)));
    const OptionalTime time = std::get<0>(parsed);
    QCOMPARE(time.has_value(), value.has_value());
    if (!value)
        return;
    QCOMPARE(time->timeSpec(), Qt::UTC);
    QCOMPARE(*time, *value);
    // The same instant and the same wall-clock fields in UTC.
    QCOMPARE(time->date(), value->date());
    QCOMPARE(time->time(), value->time());
    QCOMPARE(time->toMSecsSinceEpoch(), value->toMSecsSinceEpoch());
}

void TestFieldParser::timestampDoesNotDependOnTheLocalZone()
{
    // A time without a zone is UTC whatever TZ says (CTest runs this with TZ=Europe/Berlin,
    // where 2024-05-31 14:02:11 local is 12:02:11 UTC).
    const QByteArray savedZone = qgetenv("TZ");
    qputenv("TZ", "America/New_York");
    const auto parsed = FieldParser::timestamp(u"2024-05-31 14:02:11"_s);
    if (savedZone.isNull())
        qunsetenv("TZ");
    else
        qputenv("TZ", savedZone);
    QVERIFY(!FieldParser::failed(parsed));
    QCOMPARE(std::get<0>(parsed)->toMSecsSinceEpoch(), utc(2024, 5, 31, 14, 2, 11).toMSecsSinceEpoch());
    QCOMPARE(std::get<0>(parsed)->toMSecsSinceEpoch(), qint64(1717164131000));
}

QTEST_GUILESS_MAIN(TestFieldParser)
#include "tst_fieldparser.moc"
