#include "chartstyle.h"

#include <QAbstractAxis>
#include <QLegend>

namespace ChartStyle {

void apply(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlphaF(0.15);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(text);
    QFont title = chart->titleFont();
    title.setPointSizeF(title.pointSizeF() * 1.15);
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(text);
    chart->setAnimationOptions(QChart::NoAnimation); // large series, and exports (QT-NOTES §1, §2)
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
    }
}

} // namespace ChartStyle
