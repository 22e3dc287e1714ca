#pragma once

#include "types.h"

#include <QWidget>

class KpiCard;
class QGridLayout;

// The morning view: key figures of the window (SPEC §3.6) and, below them, the charts.
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardPage(QWidget *parent = nullptr);

    void setSummary(const Summary &summary, double successTargetPct);

    // The charts, laid out under the key figures; the page takes ownership.
    void setCharts(QWidget *distribution, QWidget *success, QWidget *scatter, QWidget *calibration);

    KpiCard *totalCard() const { return m_total; }
    KpiCard *completedCard() const { return m_completed; }
    KpiCard *averageCard() const { return m_average; }
    KpiCard *successCard() const { return m_success; }
    KpiCard *timeSavedCard() const { return m_timeSaved; }
    // SPEC §6.3: the time saved at each query's pace, per month ("1,240 h / month").
    KpiCard *projectedHoursCard() const { return m_projectedHours; }
    KpiCard *outcomeCard() const { return m_outcome; }
    // SPEC §5.2: "X of Y" improved of completed, and the four verdict counts under it.
    KpiCard *provenCard() const { return m_proven; }

private:
    KpiCard *m_total;
    KpiCard *m_completed;
    KpiCard *m_average;
    KpiCard *m_success;
    KpiCard *m_timeSaved;
    KpiCard *m_projectedHours;
    KpiCard *m_outcome;
    KpiCard *m_proven;
    QGridLayout *m_charts;
};
