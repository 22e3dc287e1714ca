#pragma once

#include "dashboardstatistics.h"

#include <QChartView>

class QCategoryAxis;
class QBarSet;
class QLineSeries;
class QValueAxis;

// Histogram of duration improvements in 10-point bins from below −50 % to 100 %: regressions
// in one colour, gains in another, and a vertical marker at the median.
class DistributionChart : public QChartView
{
    Q_OBJECT

public:
    explicit DistributionChart(QWidget *parent = nullptr);
    QSize sizeHint() const override;

    void setDistribution(const DashboardStatistics::Distribution &distribution);
    const DashboardStatistics::Distribution &distribution() const { return m_distribution; }
    // The bar values as drawn: regressions and gains per bin.
    QList<qreal> regressionValues() const;
    QList<qreal> gainValues() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    DashboardStatistics::Distribution m_distribution;
    QBarSet *m_regressions;
    QBarSet *m_gains;
    QLineSeries *m_median;
    QCategoryAxis *m_axisX; // ticks at the bins' edges
    QValueAxis *m_axisY;
};
