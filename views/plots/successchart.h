#pragma once

#include "dashboardstatistics.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QLineSeries;
class QValueAxis;

// Success rate (met ÷ completed) overall and per issue type, sorted, as horizontal bars
// coloured by whether they reach the target, with the target as a vertical line.
class SuccessChart : public QChartView
{
    Q_OBJECT

public:
    explicit SuccessChart(QWidget *parent = nullptr);
    QSize sizeHint() const override;

    void setSuccess(const DashboardStatistics::Success &success, double targetPct);
    // The bars as drawn, top first: label (an issue type in words) and rate.
    QList<std::pair<QString, double>> bars() const { return m_bars; }
    // What the tooltip says at a point of the view: over a bar's row (its label included) the
    // issue type's words, identifier and counts; elsewhere the chart's title.
    QString toolTipAt(const QPoint &viewPosition) const;

protected:
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    QList<std::pair<QString, double>> m_bars;
    QStringList m_barToolTips; // top first, as m_bars
    QHorizontalStackedBarSeries *m_series;
    QBarSet *m_onTarget;
    QBarSet *m_belowTarget;
    QLineSeries *m_target;
    QBarCategoryAxis *m_axisY;
    QValueAxis *m_axisX;
};
