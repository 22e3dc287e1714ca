#include "distributionchart.h"

#include "chartexport.h"
#include "chartstyle.h"
#include "verdictcolors.h"

#include <QCategoryAxis>
#include <QBarSet>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QStackedBarSeries>
#include <QValueAxis>

DistributionChart::DistributionChart(QWidget *parent)
    : QChartView(parent), m_regressions(new QBarSet(tr("Regressions"))), m_gains(new QBarSet(tr("Gains"))),
      m_median(new QLineSeries), m_axisX(new QCategoryAxis), m_axisY(new QValueAxis)
{
    setWindowTitle(tr("Improvement distribution"));
    auto *chart = new QChart;
    m_regressions->setColor(VerdictColors::regression());
    m_regressions->setBorderColor(VerdictColors::regression());
    m_gains->setColor(VerdictColors::gain());
    m_gains->setBorderColor(VerdictColors::gain());
    auto *bars = new QStackedBarSeries;
    bars->append(m_regressions);
    bars->append(m_gains);
    bars->setBarWidth(0.9);
    chart->addSeries(bars);
    QPen medianPen(palette().color(QPalette::Text), 2, Qt::DashLine);
    m_median->setPen(medianPen);
    m_median->setName(tr("Median"));
    chart->addSeries(m_median);
    // Bar b stands at x = b and covers its bin [b − ½, b + ½]. The axis ticks the bins' edges
    // and labels each edge with its value, so that the median line (drawn at its true value)
    // and the bars read off one scale: a label centred under a bar read half a bin off.
    m_axisX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_axisX->setRange(-0.5, DashboardStatistics::BinCount - 0.5);
    m_axisX->setStartValue(-0.5);
    for (int bin = 1; bin < DashboardStatistics::BinCount; ++bin)
        m_axisX->append(QLocale().toString(qRound(DashboardStatistics::binLowerBound(bin))), bin - 0.5);
    m_axisX->append(QLocale().toString(100), DashboardStatistics::BinCount - 0.5);
    m_axisX->setTruncateLabels(false); // "-50" elided to "…" says nothing
    m_axisX->setTitleText(tr("Duration improvement, %"));
    m_axisY->setTitleText(tr("Measurements"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    bars->attachAxis(m_axisX);
    bars->attachAxis(m_axisY);
    m_median->attachAxis(m_axisX);
    m_median->attachAxis(m_axisY);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    ChartStyle::apply(chart, palette());
    ChartExport::addExportAction(this);
    ChartStyle::showFocus(this);
    setDistribution({});
}

QSize DistributionChart::sizeHint() const
{
    return ChartStyle::PreferredSize;
}

void DistributionChart::setDistribution(const DashboardStatistics::Distribution &distribution)
{
    m_distribution = distribution;
    QList<qreal> regressions, gains;
    qint64 highest = 0;
    for (int bin = 0; bin < DashboardStatistics::BinCount; ++bin) {
        const qint64 count = distribution.counts[size_t(bin)];
        const bool regression = bin < 6; // bins below 0 %
        regressions << (regression ? qreal(count) : 0);
        gains << (regression ? 0 : qreal(count));
        highest = std::max(highest, count);
    }
    // The same bins every time: their values change in place, which spares Qt Charts making
    // the bars and laying out the chart anew (a third of the time, on the UI thread).
    for (QBarSet *set : {m_regressions, m_gains}) {
        const QList<qreal> &values = set == m_regressions ? regressions : gains;
        if (set->count() != values.size()) {
            set->remove(0, set->count());
            set->append(values);
            continue;
        }
        for (int bin = 0; bin < values.size(); ++bin)
            if (set->at(bin) != values.at(bin))
                set->replace(bin, values.at(bin));
    }
    // Nice numbers change the tick count; start from the same count each time, or after a few
    // windows the axis is left with 0, 50, 100 for bars that reach 49.
    m_axisY->setTickCount(5);
    m_axisY->setRange(0, std::max<qint64>(1, qint64(double(highest) * 1.1) + 1));
    m_axisY->applyNiceNumbers();

    QList<QPointF> marker;
    QString title = tr("Improvement distribution");
    if (distribution.median) {
        const double median = *distribution.median;
        // Bars sit at category indices; place the marker inside its bin by value.
        double x = -0.25;
        if (median >= -50) {
            const int bin = std::min(DashboardStatistics::BinCount - 1, int((median + 50) / 10) + 1);
            x = bin - 0.5 + std::clamp((median - DashboardStatistics::binLowerBound(bin)) / 10.0, 0.0, 1.0);
        }
        marker << QPointF(x, 0) << QPointF(x, m_axisY->max());
        title = tr("Improvement distribution — median %1 %, %2 measurements")
                    .arg(QLocale().toString(median, 'f', 1), QLocale().toString(distribution.total));
    }
    m_median->replace(marker);
    chart()->setTitle(title);
    setToolTip(title); // Qt Charts elides a title that does not fit
}

QList<qreal> DistributionChart::regressionValues() const
{
    QList<qreal> values;
    for (int i = 0; i < m_regressions->count(); ++i)
        values << m_regressions->at(i);
    return values;
}

QList<qreal> DistributionChart::gainValues() const
{
    QList<qreal> values;
    for (int i = 0; i < m_gains->count(); ++i)
        values << m_gains->at(i);
    return values;
}

void DistributionChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        ChartStyle::apply(chart(), palette());
        m_median->setPen(QPen(palette().color(QPalette::Text), 2, Qt::DashLine)); // white on dark
    }
}
