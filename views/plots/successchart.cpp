#include "successchart.h"

#include "chartexport.h"
#include "chartstyle.h"
#include "issuetypetext.h"
#include "verdictcolors.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHelpEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

SuccessChart::SuccessChart(QWidget *parent)
    : QChartView(parent), m_onTarget(new QBarSet(tr("On target"))), m_belowTarget(new QBarSet(tr("Below target"))),
      m_target(new QLineSeries), m_axisY(new QBarCategoryAxis), m_axisX(new QValueAxis)
{
    setWindowTitle(tr("Success rate"));
    auto *chart = new QChart;
    m_onTarget->setColor(VerdictColors::met());
    m_onTarget->setBorderColor(VerdictColors::met());
    m_belowTarget->setColor(VerdictColors::underperformed());
    m_belowTarget->setBorderColor(VerdictColors::underperformed());
    // The rates are written inside the bars, in either palette: white on blue, black on amber
    // (Qt Charts' white on amber is hardly readable).
    m_onTarget->setLabelColor(Qt::white);
    m_belowTarget->setLabelColor(QColor(0x1a, 0x1a, 0x1a));
    auto *bars = m_series = new QHorizontalStackedBarSeries;
    bars->append(m_onTarget);
    bars->append(m_belowTarget);
    bars->setBarWidth(0.7);
    bars->setLabelsVisible(true);
    bars->setLabelsFormat(QStringLiteral("@value %"));
    bars->setLabelsPrecision(3);
    chart->addSeries(bars);
    m_target->setPen(QPen(palette().color(QPalette::Text), 2, Qt::DashLine));
    chart->addSeries(m_target);
    m_axisX->setRange(0, 100);
    m_axisX->setTickCount(11);
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisX->setTitleText(tr("Met their estimate, % of completed"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    m_axisY->setTruncateLabels(false); // else Qt Charts elides every issue type to "…"
    chart->addAxis(m_axisY, Qt::AlignLeft);
    bars->attachAxis(m_axisX);
    bars->attachAxis(m_axisY);
    m_target->attachAxis(m_axisX);
    m_target->attachAxis(m_axisY);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    ChartStyle::apply(chart, palette());
    ChartExport::addExportAction(this);
    ChartStyle::showFocus(this);
    setSuccess({}, 80.0);
}

QSize SuccessChart::sizeHint() const
{
    return ChartStyle::PreferredSize;
}

void SuccessChart::setSuccess(const DashboardStatistics::Success &success, double targetPct)
{
    const QLocale locale;
    m_bars.clear();
    m_barToolTips.clear();
    const auto counts = [&locale](qint64 met, qint64 completed) {
        return tr("%1 of %2 completed met their estimate").arg(locale.toString(met), locale.toString(completed));
    };
    const double overall = success.completed > 0 ? double(success.met) * 100.0 / double(success.completed) : 0.0;
    // With one issue type (the filter's), its bar is the whole: no second, identical bar.
    if (success.byIssueType.size() != 1) {
        m_bars << std::pair(tr("All issue types"), overall);
        m_barToolTips << tr("All issue types") + u'\n' + counts(success.met, success.completed);
    }
    // Issue types in words. A category axis keeps one bar per distinct label: two identifiers
    // that read alike ("full-scan", "full_scan") say their identifiers.
    QStringList names;
    for (const auto &issue : success.byIssueType)
        names << IssueTypeText::name(issue.issueType);
    for (qsizetype i = 0; i < success.byIssueType.size(); ++i) {
        const auto &issue = success.byIssueType.at(i);
        const QString name = names.count(names.at(i)) > 1 || names.at(i) == tr("All issue types")
                                 ? IssueTypeText::nameWithIdentifier(issue.issueType)
                                 : names.at(i);
        m_bars << std::pair(name, issue.ratePct());
        m_barToolTips << name + u'\n' + counts(issue.met, issue.completed) + u'\n'
                             + IssueTypeText::toolTip(issue.issueType);
    }
    // A bar as thick as for five issue types at most: one bar should not fill the chart.
    m_series->setBarWidth(0.7 * std::min<qsizetype>(m_bars.size(), 5) / 5.0);

    // A horizontal bar axis runs bottom-up: append in reverse so the best sits on top.
    QStringList categories;
    QList<qreal> on, below;
    for (auto it = m_bars.crbegin(); it != m_bars.crend(); ++it) {
        categories << it->first;
        const double rate = std::round(it->second * 10) / 10;
        on << (rate >= targetPct ? rate : 0);
        below << (rate >= targetPct ? 0 : rate);
    }
    m_axisY->clear();
    m_axisY->append(categories);
    m_onTarget->remove(0, m_onTarget->count());
    m_onTarget->append(on);
    m_belowTarget->remove(0, m_belowTarget->count());
    m_belowTarget->append(below);
    m_target->setName(tr("Target %1 %").arg(locale.toString(targetPct, 'f', 0)));
    m_target->replace({QPointF(targetPct, -0.5), QPointF(targetPct, double(categories.size()) - 0.5)});
    chart()->setTitle(tr("Success rate — %1 of %2 met")
                          .arg(locale.toString(success.met), locale.toString(success.completed)));
}

void SuccessChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        ChartStyle::apply(chart(), palette());
        m_target->setPen(QPen(palette().color(QPalette::Text), 2, Qt::DashLine)); // white on dark
    }
}

QString SuccessChart::toolTipAt(const QPoint &viewPosition) const
{
    // A bar's row spans the height of its category, from the view's left edge (its label) to
    // the plot's right edge.
    const QPointF scenePosition = mapToScene(viewPosition);
    const QRectF plot = chart()->plotArea();
    if (!m_bars.isEmpty() && scenePosition.y() >= plot.top() && scenePosition.y() <= plot.bottom()
        && scenePosition.x() <= plot.right()) {
        const QPointF value = chart()->mapToValue(chart()->mapFromScene(scenePosition), m_series);
        const auto bottomUp = qsizetype(std::lround(value.y()));
        if (bottomUp >= 0 && bottomUp < m_bars.size())
            return m_barToolTips.at(m_bars.size() - 1 - bottomUp);
    }
    return chart()->title(); // Qt Charts elides a title that does not fit
}

bool SuccessChart::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        QToolTip::showText(help->globalPos(), toolTipAt(help->pos()), this);
        return true;
    }
    return QChartView::viewportEvent(event);
}
