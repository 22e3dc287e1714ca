#include "chartstyle.h"

#include <QWidget>

#include <QAbstractAxis>
#include <QApplication>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLocale>

namespace ChartStyle {

void apply(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlphaF(0.15);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundRoundness(0);
    // Qt's default margins (20 px inside a 9 px layout margin) take a third of a small chart.
    chart->setMargins(QMargins(6, 2, 6, 2));
    chart->layout()->setContentsMargins(4, 4, 4, 4);
    chart->setTitleBrush(text);
    // From the application font each time: a palette change applies the style again.
    const QFont regular = QApplication::font();
    QFont title = regular;
    title.setPointSizeF(regular.pointSizeF() * 1.15);
    title.setBold(true);
    chart->setTitleFont(title);
    // Bar labels and axis numbers as the locale writes them (74,3 in German).
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale());
    chart->legend()->setLabelColor(text);
    chart->setAnimationOptions(QChart::NoAnimation); // large series, and exports (QT-NOTES §1, §2)
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setTitleFont(regular); // Qt's bold titles take room the plot needs
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
    }
}

void showFocus(QWidget *chartView)
{
    chartView->setFocusPolicy(Qt::StrongFocus);
    chartView->setStyleSheet(QStringLiteral("QChartView { border: 2px solid transparent; }"
                                            "QChartView:focus { border: 2px solid palette(highlight); }"));
}

} // namespace ChartStyle
