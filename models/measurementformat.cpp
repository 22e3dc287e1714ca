#include "measurementformat.h"

#include "millisecondstext.h"

#include <QCoreApplication>
#include <QIconEngine>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <cmath>

namespace MeasurementFormat {
namespace {

// The translation context of these strings (lupdate reads Q_DECLARE_TR_FUNCTIONS).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MeasurementFormat)
};

// One decimal, half away from zero (SPEC §3.2), with the locale's separators; −0.0 shows as 0.0.
QString oneDecimal(double value, bool withSign)
{
    double rounded = Improvement::roundToOneDecimal(value);
    if (rounded == 0.0)
        rounded = 0.0;
    const QLocale locale;
    QString text = locale.toString(std::abs(rounded), 'f', 1);
    if (rounded < 0)
        text.prepend(QChar(0x2212)); // a true minus sign, as wide as the plus
    else if (withSign && rounded > 0)
        text.prepend(locale.positiveSign());
    return text;
}

// Fill colours of the icons: mid tones that stand out on light and dark backgrounds alike.
QColor iconColor(Improvement::Verdict verdict)
{
    switch (verdict) {
    case Improvement::Verdict::Met: return QColor(0x2e, 0x9d, 0x4f);
    case Improvement::Verdict::Underperformed: return QColor(0xe0, 0x9b, 0x00);
    case Improvement::Verdict::Regression: return QColor(0xd9, 0x36, 0x3e);
    case Improvement::Verdict::Pending: return QColor(0x8a, 0x8f, 0x98);
    }
    return {};
}

// A verdict's icon drawn as vectors at whatever size the view asks: a tick in a circle (met),
// an exclamation mark in a triangle (underperformed), a downward arrow in a diamond
// (regression), a clock (pending). The shape differs, not only the colour.
class VerdictIconEngine : public QIconEngine
{
public:
    explicit VerdictIconEngine(Improvement::Verdict verdict) : m_verdict(verdict) {}

    QIconEngine *clone() const override { return new VerdictIconEngine(m_verdict); }

    // QIconEngine's own pixmap() leaves the background uninitialised.
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap result(size);
        result.fill(Qt::transparent);
        QPainter painter(&result);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return result;
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        const QRectF box(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2,
                         side, side);
        const QRectF inner = box.adjusted(side * 0.06, side * 0.06, -side * 0.06, -side * 0.06);
        QColor fill = iconColor(m_verdict);
        if (mode == QIcon::Disabled)
            fill.setAlphaF(0.4);
        QPen mark(Qt::white, std::max<qreal>(1.5, side * 0.13), Qt::SolidLine, Qt::RoundCap,
                  Qt::RoundJoin);
        const auto at = [&inner](qreal x, qreal y) {
            return QPointF(inner.x() + x * inner.width(), inner.y() + y * inner.height());
        };
        switch (m_verdict) {
        case Improvement::Verdict::Met: {
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawEllipse(inner);
            painter->setPen(mark);
            painter->setBrush(Qt::NoBrush);
            const QPointF tick[] = {at(0.27, 0.52), at(0.44, 0.69), at(0.74, 0.34)};
            painter->drawPolyline(tick, 3);
            break;
        }
        case Improvement::Verdict::Underperformed: {
            QPainterPath triangle;
            triangle.moveTo(at(0.5, 0.02));
            triangle.lineTo(at(0.99, 0.93));
            triangle.lineTo(at(0.01, 0.93));
            triangle.closeSubpath();
            painter->setPen(QPen(fill, side * 0.06, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter->setBrush(fill);
            painter->drawPath(triangle);
            painter->setPen(mark);
            painter->drawLine(at(0.5, 0.34), at(0.5, 0.6));
            painter->drawPoint(at(0.5, 0.78));
            break;
        }
        case Improvement::Verdict::Regression: {
            QPainterPath diamond;
            diamond.moveTo(at(0.5, 0.0));
            diamond.lineTo(at(1.0, 0.5));
            diamond.lineTo(at(0.5, 1.0));
            diamond.lineTo(at(0.0, 0.5));
            diamond.closeSubpath();
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawPath(diamond);
            painter->setPen(mark);
            painter->drawLine(at(0.5, 0.26), at(0.5, 0.72));
            const QPointF head[] = {at(0.33, 0.56), at(0.5, 0.73), at(0.67, 0.56)};
            painter->drawPolyline(head, 3);
            break;
        }
        case Improvement::Verdict::Pending: {
            const qreal width = std::max<qreal>(1.2, side * 0.11);
            painter->setPen(QPen(fill, width));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(inner.adjusted(width / 2, width / 2, -width / 2, -width / 2));
            painter->setPen(QPen(fill, width, Qt::SolidLine, Qt::RoundCap));
            painter->drawLine(at(0.5, 0.5), at(0.5, 0.24));
            painter->drawLine(at(0.5, 0.5), at(0.7, 0.6));
            break;
        }
        }
        painter->restore();
    }

private:
    Improvement::Verdict m_verdict;
};

} // namespace

QString count(qint64 value)
{
    return QLocale().toString(value);
}

QString duration(double milliseconds)
{
    const QLocale locale;
    const bool negative = milliseconds < 0;
    const double ms = std::abs(milliseconds);
    QString text;
    if (ms < 1000) {
        // Sub-millisecond means (pg_stat_statements) keep what they have.
        text = Text::tr("%1 ms").arg(ms < 10 && ms != std::floor(ms) ? locale.toString(ms, 'g', 3)
                                                                      : locale.toString(qint64(std::llround(ms))));
    } else if (ms < 59950) {
        text = Text::tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
    } else {
        const qint64 seconds = qint64(std::llround(ms / 1000.0));
        const qint64 days = seconds / 86400, hours = seconds % 86400 / 3600, minutes = seconds % 3600 / 60;
        if (days > 0)
            text = Text::tr("%1 d %2 h").arg(locale.toString(days)).arg(hours);
        else if (hours > 0)
            text = Text::tr("%1 h %2 min").arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
        else
            text = Text::tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    }
    return negative ? QString(QChar(0x2212)) + text : text;
}

QString duration(const std::optional<double> &milliseconds)
{
    return milliseconds ? duration(*milliseconds) : QString();
}

QString exactDurationMs(const std::optional<double> &milliseconds)
{
    if (!milliseconds)
        return {};
    return Text::tr("%1 ms").arg(millisecondsText(*milliseconds, QLocale()));
}

QString bytes(const std::optional<double> &value)
{
    if (!value)
        return {};
    const QLocale locale;
    const double size = std::abs(*value);
    if (size < 1024)
        return Text::tr("%1 B").arg(locale.toString(qint64(std::llround(*value))));
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double scaled = *value / 1024;
    int unit = 0;
    while (std::abs(scaled) >= 1023.95 && unit < 4) {
        scaled /= 1024;
        ++unit;
    }
    return Text::tr("%1 %2").arg(locale.toString(scaled, 'f', 1), QLatin1String(units[unit]));
}

QString mebibytes(const std::optional<double> &value)
{
    return value ? bytes(*value * 1048576.0) : QString();
}

QString exactBytes(const std::optional<double> &value)
{
    // Under 1 KiB the size shown is exact already: no tooltip says it again.
    if (!value || std::abs(*value) < 1024)
        return {};
    return Text::tr("%1 bytes").arg(QLocale().toString(qint64(std::llround(*value))));
}

QString exactMebibytes(const std::optional<double> &value)
{
    return value ? Text::tr("%1 MiB").arg(QLocale().toString(*value, 'f', 1)) : QString();
}

QString oneDecimalNumber(double value)
{
    return oneDecimal(value, false);
}

QString percent(const std::optional<double> &value)
{
    return value ? Text::tr("%1 %").arg(oneDecimal(*value, false)) : QString();
}

QString signedPercent(const std::optional<double> &value)
{
    return value ? Text::tr("%1 %").arg(oneDecimal(*value, true)) : QString();
}

QString signedPoints(const std::optional<double> &value)
{
    return value ? Text::tr("%1 points").arg(oneDecimal(*value, true)) : QString();
}

QString signedNumber(double value)
{
    return oneDecimal(value, true);
}

QString hours(double value)
{
    // Most single queries save minutes a month, which one decimal would show as "0.0 h".
    const int decimals = std::abs(value) >= 99.95 ? 0 : std::abs(value) >= 0.995 ? 1 : 2;
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(std::abs(value) * scale) / scale;
    const QString text = QLocale().toString(rounded, 'f', decimals);
    return Text::tr("%1 h").arg(value < 0 && rounded > 0 ? QChar(0x2212) + text : text);
}

QString hours(const std::optional<double> &value)
{
    return value ? hours(*value) : QString();
}

QString hoursPerMonth(double value)
{
    return Text::tr("%1 / month").arg(hours(value));
}

QString dateTimeFormat(const QLocale &locale)
{
    // German's short format writes "04.12.26": a year that reads like a day.
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return format;
}

QString dateTime(const std::optional<QDateTime> &utc)
{
    if (!utc || !utc->isValid())
        return {};
    const QLocale locale;
    return locale.toString(utc->toLocalTime(), dateTimeFormat(locale));
}

QString verdictName(Improvement::Verdict verdict)
{
    switch (verdict) {
    case Improvement::Verdict::Pending: return Text::tr("Pending");
    case Improvement::Verdict::Met: return Text::tr("Met");
    case Improvement::Verdict::Underperformed: return Text::tr("Below estimate");
    case Improvement::Verdict::Regression: return Text::tr("Regression");
    }
    return {};
}

QString verdictDescription(Improvement::Verdict verdict)
{
    switch (verdict) {
    case Improvement::Verdict::Pending: return Text::tr("Waiting for the optimized (after) job.");
    case Improvement::Verdict::Met:
        return Text::tr("The optimized job met its estimate: its improvement is at least the estimate minus "
                        "the tolerance.");
    case Improvement::Verdict::Underperformed:
        return Text::tr("Faster, but by less than the estimate minus the tolerance: below its estimate.");
    case Improvement::Verdict::Regression: return Text::tr("The optimized job is slower than the original.");
    }
    return {};
}

QIcon verdictIcon(Improvement::Verdict verdict)
{
    return QIcon(new VerdictIconEngine(verdict));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor verdictColor(Improvement::Verdict verdict, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (verdict) {
    case Improvement::Verdict::Met: return dark ? QColor(0x7d, 0xd8, 0x8f) : QColor(0x1b, 0x7a, 0x33);
    case Improvement::Verdict::Underperformed:
        return dark ? QColor(0xf2, 0xc1, 0x4e) : QColor(0x94, 0x62, 0x00);
    case Improvement::Verdict::Regression:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28);
    case Improvement::Verdict::Pending: return palette.color(QPalette::PlaceholderText);
    }
    return {};
}

QColor changeColor(const std::optional<double> &improvementPct, const QPalette &palette)
{
    if (!improvementPct)
        return {};
    const double rounded = Improvement::roundToOneDecimal(*improvementPct);
    if (rounded > 0)
        return verdictColor(Improvement::Verdict::Met, palette);
    if (rounded < 0)
        return verdictColor(Improvement::Verdict::Regression, palette);
    return {};
}

} // namespace MeasurementFormat
