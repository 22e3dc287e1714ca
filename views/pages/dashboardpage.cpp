#include "dashboardpage.h"

#include "kpicard.h"
#include "plots/chartstyle.h"
#include "plots/verdictcolors.h"
#include "summarymodel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent), m_total(new KpiCard(tr("Measurements"), this)),
      m_completed(new KpiCard(tr("Completed"), this)), m_average(new KpiCard(tr("Average improvement"), this)),
      m_success(new KpiCard(tr("Success rate"), this)), m_timeSaved(new KpiCard(tr("Time saved"), this)),
      m_projectedHours(new KpiCard(tr("Projected hours saved / month"), this)),
      m_outcome(new KpiCard(tr("Against the estimate"), this)),
      m_proven(new KpiCard(tr("Proven improvements"), this)), m_charts(new QGridLayout)
{
    auto *cards = new QHBoxLayout;
    for (KpiCard *card : {m_total, m_completed, m_average, m_success, m_timeSaved, m_projectedHours})
        cards->addWidget(card, 2, Qt::AlignTop);
    cards->addWidget(m_outcome, 3, Qt::AlignTop); // three numbers need the room
    cards->addWidget(m_proven, 3, Qt::AlignTop);  // and four counts
    m_proven->setToolTip(SummaryModel::provenImprovementsExplanation());
    // In a small window the page scrolls rather than squeezing the charts to slivers.
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(cards);
    layout->addLayout(m_charts, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QVBoxLayout(this);
    page->setContentsMargins(0, 0, 0, 0);
    page->addWidget(scroll);
    setSummary(Summary{}, 80.0);
}

void DashboardPage::setSummary(const Summary &s, double targetPct)
{
    const QLocale locale;
    auto percent = [&locale](double value) { return tr("%1 %").arg(locale.toString(value, 'f', 1)); };
    m_total->setValue(locale.toString(s.totalMeasurements), tr("in the window"));
    m_completed->setValue(locale.toString(s.completedMeasurements),
                          tr("%1 still waiting for an after job").arg(locale.toString(s.totalMeasurements - s.completedMeasurements)));
    m_average->setValue(percent(s.avgImprovementPct), tr("duration, over completed measurements"));
    if (s.completedMeasurements == 0) {
        m_success->setValue(tr("—"), tr("nothing completed yet; target %1").arg(percent(targetPct)));
    } else {
        const bool onTarget = s.successRatePct >= targetPct;
        m_success->setValue(percent(s.successRatePct),
                            onTarget ? tr("✔ on target (%1)").arg(percent(targetPct))
                                     : tr("✘ below target (%1)").arg(percent(targetPct)),
                            onTarget ? KpiCard::State::Good : KpiCard::State::Bad);
    }
    m_timeSaved->setValue(SummaryModel::humanDuration(s.totalTimeSavedSeconds),
                          s.totalTimeSavedSeconds < 0 ? tr("lost: regressions outweigh gains")
                                                      : tr("of query time, if each optimized query ran once"),
                          s.totalTimeSavedSeconds < 0 ? KpiCard::State::Bad : KpiCard::State::Neutral);
    m_timeSaved->setToolTip(SummaryModel::exactDuration(s.totalTimeSavedSeconds));
    // SPEC §6.3: the same savings at the pace each query runs.
    const bool projectedLoss = s.projectedMonthlyHoursSaved < 0;
    m_projectedHours->setValue(SummaryModel::projectedMonthlyHours(s),
                               projectedLoss ? tr("lost: regressions outweigh gains")
                                             : tr("if each query keeps running as often as before"),
                               projectedLoss ? KpiCard::State::Bad : KpiCard::State::Neutral);
    m_projectedHours->setToolTip(SummaryModel::projectedMonthlyHoursExplanation(s));
    // One vocabulary with the table, its filter and the scatter's legend: exceeded is a kind of
    // met; below estimate and regressions are the rest of the completed ones.
    m_outcome->setValue(tr("%1 met").arg(locale.toString(s.metExpectationsCount)),
                        tr("of %1 completed: %2 of them exceeded · %3 below estimate · %4")
                            .arg(locale.toString(s.completedMeasurements), locale.toString(s.exceededExpectationsCount),
                                 locale.toString(s.belowEstimateCount()),
                                 tr("%n regression(s)", nullptr, int(s.regressionCount))));

    // SPEC §5.2: what the runs prove, apart from what was estimated.
    using RunStatistics::Verdict;
    m_proven->setValue(SummaryModel::provenImprovements(s),
                       tr("completed measurements whose runs prove they got faster"));
    m_proven->setBreakdown({
        {tr("%1 improved").arg(locale.toString(s.improvedCount)), SummaryModel::verdictExplanation(Verdict::Improved),
         VerdictColors::gain()},
        {tr("%1 no change").arg(locale.toString(s.noChangeCount)), SummaryModel::verdictExplanation(Verdict::NoChange),
         QColor(0x99, 0x99, 0x99)},
        {tr("%1 regressed").arg(locale.toString(s.regressedCount)), SummaryModel::verdictExplanation(Verdict::Regressed),
         VerdictColors::regression()},
        {tr("%1 insufficient runs").arg(locale.toString(s.insufficientRunsCount)),
         SummaryModel::verdictExplanation(Verdict::InsufficientRuns), QColor(0x99, 0x99, 0x99), true},
    });
}

void DashboardPage::setCharts(QWidget *distribution, QWidget *success, QWidget *scatter, QWidget *calibration)
{
    for (QWidget *chart : {distribution, success, scatter, calibration}) {
        chart->setParent(this);
        chart->setMinimumHeight(std::max(chart->minimumHeight(), ChartStyle::MinimumHeight));
    }
    m_charts->addWidget(distribution, 0, 0);
    m_charts->addWidget(success, 0, 1);
    m_charts->addWidget(scatter, 1, 0);
    m_charts->addWidget(calibration, 1, 1);
    m_charts->setColumnStretch(0, 1);
    m_charts->setColumnStretch(1, 1);
    m_charts->setRowStretch(0, 1);
    m_charts->setRowStretch(1, 1);
}
