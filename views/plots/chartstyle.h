#pragma once

#include <QChart>
#include <QPalette>

// Colours a chart from the widget palette (text, grid, background), so that it reads in
// light and dark themes alike, and writes its numbers in the locale's way; data colours come
// from VerdictColors.
namespace ChartStyle {
void apply(QChart *chart, const QPalette &palette);
// Takes keyboard focus (Tab reaches the chart; the menu key opens its export) and shows it: a
// frame in the palette's highlight colour while the chart has focus.
void showFocus(QWidget *chartView);

// A chart asks for no more than this: the dashboard fits a 1280 × 800 window without
// scrolling, and the page gives the charts whatever room is left.
inline constexpr QSize PreferredSize{480, 250};
// The height below which a chart's plot would shrink to a strip under its titles and legend.
inline constexpr int MinimumHeight = 250;
// What a chart with a title, an axis with its title and a legend below takes besides its plot.
inline constexpr int FrameHeight = 140;
}
