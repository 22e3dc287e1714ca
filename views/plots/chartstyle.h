#pragma once

#include <QChart>
#include <QPalette>

// Colours a chart from the widget palette (text, grid, background), so that it reads in
// light and dark themes alike; data colours come from VerdictColors.
namespace ChartStyle {
void apply(QChart *chart, const QPalette &palette);
}
