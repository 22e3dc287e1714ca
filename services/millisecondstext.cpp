#include "millisecondstext.h"

#include <cmath>

QString millisecondsText(double milliseconds, const QLocale &locale)
{
    if (!std::isfinite(milliseconds))
        return locale.toString(milliseconds);
    const double rounded = std::round(milliseconds * 1000.0) / 1000.0;
    if (std::fabs(rounded) < 9e15 && rounded == std::trunc(rounded))
        return locale.toString(qint64(rounded));
    QString text = locale.toString(rounded, 'f', 3);
    const QString zero = locale.zeroDigit();
    while (text.endsWith(zero))
        text.chop(zero.size());
    const QString point = locale.decimalPoint();
    if (text.endsWith(point))
        text.chop(point.size());
    return text;
}
