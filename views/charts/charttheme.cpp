#include "charttheme.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

namespace ChartTheme {

QColor met()
{
    return QColor(0x2e, 0x9e, 0x44);
}

QColor underperformed()
{
    return QColor(0xc8, 0x84, 0x00);
}

QColor regression()
{
    return QColor(0xe0, 0x3a, 0x3a);
}

QColor verdictColor(PointVerdict verdict)
{
    switch (verdict) {
    case PointVerdict::Met:
        return met();
    case PointVerdict::Underperformed:
        return underperformed();
    case PointVerdict::Regression:
        return regression();
    }
    return Qt::gray;
}

QColor text(const QPalette &palette)
{
    return palette.color(QPalette::WindowText);
}

QColor grid(const QPalette &palette)
{
    QColor color = text(palette);
    color.setAlphaF(0.14f);
    return color;
}

QColor axisLine(const QPalette &palette)
{
    QColor color = text(palette);
    color.setAlphaF(0.55f);
    return color;
}

QColor background(const QPalette &palette)
{
    return palette.color(QPalette::Base);
}

QFont titleFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 1.25);
    font.setBold(true);
    return font;
}

void apply(QChart *chart, const QPalette &palette, const QFont &font)
{
    const QColor textColor = text(palette);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(background(palette));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setDropShadowEnabled(false);
    chart->setTitleBrush(textColor);
    chart->setTitleFont(titleFont(font));
    chart->legend()->setLabelColor(textColor);
    chart->legend()->setFont(font);
    QFont axisTitle = font;
    axisTitle.setBold(true);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(textColor);
        axis->setLabelsFont(font);
        axis->setTitleBrush(textColor);
        axis->setTitleFont(axisTitle);
        axis->setLinePen(QPen(axisLine(palette), 1));
        axis->setGridLinePen(QPen(grid(palette), 1));
        axis->setShadesVisible(false);
    }
}

} // namespace ChartTheme
