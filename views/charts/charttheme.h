#pragma once

#include "statisticsservice.h"

#include <QColor>
#include <QFont>
#include <QPalette>

class QChart;

// The look every dashboard chart shares. Text, axes, grid and background come from the
// widget's palette, so a chart reads in light and dark themes alike; the verdict colours are
// fixed, because they mean something, and were picked with a luminance between 0.15 and 0.30
// so that they keep a contrast of at least 3:1 on white and on a dark grey background.
namespace ChartTheme {

QColor met();            // green
QColor underperformed(); // amber
QColor regression();     // red
QColor verdictColor(PointVerdict verdict);

QColor text(const QPalette &palette);
QColor grid(const QPalette &palette);       // faint lines behind the data
QColor axisLine(const QPalette &palette);   // the axes themselves
QColor background(const QPalette &palette);

QFont titleFont(const QFont &base);

// Applies the palette's colours and the shared fonts to a Qt Charts chart and its axes.
// Animations stay off: they hide series from exports (QT-NOTES §2).
void apply(QChart *chart, const QPalette &palette, const QFont &font);

} // namespace ChartTheme
