#include "calibrationchart.h"

#include "chartexport.h"
#include "chartstyle.h"
#include "issuetypetext.h"
#include "measurementformat.h"
#include "verdictcolors.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QGraphicsSimpleTextItem>
#include <QHash>
#include <QHelpEvent>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace {

// The estimate's bars in a neutral grey, the outcome's in the "met" blue: the outcome is what
// the eye should compare against.
QColor estimateColor()
{
    return QColor(0xa0, 0xa0, 0xa0);
}

// A step of the value axis for a span of percentages: ticks every 10, 20, 50 … points.
double tickStep(double span)
{
    for (double step : {10.0, 20.0, 50.0, 100.0, 200.0, 500.0})
        if (span / step <= 8)
            return step;
    return 1000.0;
}

} // namespace

CalibrationChart::CalibrationChart(QWidget *parent)
    : QChartView(parent), m_series(new QHorizontalBarSeries), m_estimated(new QBarSet(tr("Mean estimate"))),
      m_actual(new QBarSet(tr("Mean actual"))), m_axisY(new QBarCategoryAxis), m_axisX(new QValueAxis),
      m_emptyText(nullptr)
{
    setWindowTitle(tr("Estimated vs actual by issue type"));
    auto *chart = new QChart;
    m_estimated->setColor(estimateColor());
    m_estimated->setBorderColor(estimateColor());
    m_estimated->setLabelColor(QColor(0x1a, 0x1a, 0x1a));
    m_actual->setColor(VerdictColors::met());
    m_actual->setBorderColor(VerdictColors::met());
    m_actual->setLabelColor(Qt::white);
    // A horizontal bar series draws its first set lowest in each category: the actual under
    // the estimate, as the legend reads from left to right "estimate, actual".
    m_series->append(m_actual);
    m_series->append(m_estimated);
    m_series->setBarWidth(0.8);
    chart->addSeries(m_series);
    m_axisX->setTitleText(tr("Mean duration improvement, %"));
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    m_axisY->setTruncateLabels(false); // else Qt Charts elides every issue type to "…"
    chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setReverseMarkers(true); // estimate first, as the bars read top-down
    m_emptyText = new QGraphicsSimpleTextItem(chart);
    m_emptyText->setZValue(10);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    ChartStyle::apply(chart, palette());
    ChartExport::addExportAction(this);
    ChartStyle::showFocus(this);
    connect(chart, &QChart::plotAreaChanged, this, &CalibrationChart::placeTexts);
    setCalibration({});
}

QSize CalibrationChart::sizeHint() const
{
    return ChartStyle::PreferredSize;
}

QString CalibrationChart::emptyText() const
{
    return m_pairs.isEmpty() ? tr("Nothing to compare yet: no completed measurement in this window has an estimate.")
                             : QString();
}

void CalibrationChart::setCalibration(const QList<Calibration::Row> &rows)
{
    const QLocale locale;
    m_pairs.clear();
    // Issue types in words; two identifiers that read alike say their identifiers (a category
    // axis keeps one bar per distinct label).
    QList<const Calibration::Row *> types;
    const Calibration::Row *all = nullptr;
    for (const Calibration::Row &row : rows) {
        if (!row.issueType)
            all = &row;
        else if (row.count > 0)
            types << &row;
    }
    QStringList words;
    for (const Calibration::Row *row : std::as_const(types))
        words << IssueTypeText::name(*row->issueType);
    // Named before sorting: the sort moves the rows about.
    QHash<const Calibration::Row *, QString> names;
    for (qsizetype i = 0; i < types.size(); ++i)
        names.insert(types.at(i), words.count(words.at(i)) > 1 || words.at(i) == tr("All issue types")
                                      ? IssueTypeText::nameWithIdentifier(*types.at(i)->issueType)
                                      : words.at(i));
    const auto nameOf = [&names](const Calibration::Row *row) { return names.value(row); };
    // The types with the most measurements first: their numbers say the most.
    std::sort(types.begin(), types.end(), [&nameOf](const Calibration::Row *a, const Calibration::Row *b) {
        if (a->count != b->count)
            return a->count > b->count;
        const int order = QString::localeAwareCompare(nameOf(a), nameOf(b));
        return order != 0 ? order < 0 : *a->issueType < *b->issueType;
    });
    const auto pairOf = [&locale](const Calibration::Row &row, const QString &name) {
        Pair pair;
        pair.label = name + u'\n' + locale.toString(row.count);
        pair.estimatedPct = row.meanEstimatedPct;
        pair.actualPct = row.meanActualPct;
        pair.bias = tr("%1 pts").arg(MeasurementFormat::signedNumber(row.biasPct));
        const auto percent = [](double value) { return MeasurementFormat::percent(value); };
        const auto points = [](double value) { return tr("%1 pts").arg(MeasurementFormat::signedNumber(value)); };
        QStringList lines{name,
                          tr("%Ln completed measurement(s) with an estimate", nullptr, int(row.count)),
                          tr("Mean estimate %1 · mean actual %2").arg(percent(row.meanEstimatedPct), percent(row.meanActualPct)),
                          tr("Bias %1: actual minus estimate, on average").arg(points(row.biasPct)),
                          tr("Mean absolute error %1 pts").arg(MeasurementFormat::oneDecimalNumber(row.maePct))};
        if (row.factor)
            lines << tr("Calibration factor %1: the estimate × %1 fits the actual improvements best")
                         .arg(locale.toString(*row.factor, 'f', 2));
        else
            lines << tr("No calibration factor: every estimate is 0");
        if (row.issueType && row.count < Calibration::MinimumCountForFactor)
            lines << tr("Too few measurements (fewer than %1) to calibrate this type's estimates")
                         .arg(Calibration::MinimumCountForFactor);
        lines << tr("Success rate %1").arg(percent(row.successRatePct));
        if (row.issueType)
            lines << IssueTypeText::toolTip(*row.issueType);
        pair.toolTip = lines.join(u'\n');
        return pair;
    };
    // With one issue type (the filter's), its pair is the whole: no second, identical pair.
    if (all && all->count > 0 && types.size() != 1)
        m_pairs << pairOf(*all, tr("All issue types"));
    for (const Calibration::Row *row : std::as_const(types))
        m_pairs << pairOf(*row, nameOf(row));

    // A horizontal bar axis runs bottom-up: append in reverse so the first pair sits on top.
    QStringList categories;
    QList<qreal> estimated, actual;
    double lowest = 0, highest = 0;
    for (auto it = m_pairs.crbegin(); it != m_pairs.crend(); ++it) {
        // The axis draws its labels as rich text: the count goes on a line of its own.
        categories << it->label.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
        estimated << it->estimatedPct;
        actual << it->actualPct;
        lowest = std::min({lowest, it->estimatedPct, it->actualPct});
        highest = std::max({highest, it->estimatedPct, it->actualPct});
    }
    // Room on the right of the longest bar for its pair's bias.
    const double span = std::max(highest - lowest, 10.0);
    const double step = tickStep(span * 1.3);
    m_axisX->setRange(std::floor(lowest / step) * step, std::ceil((highest + span * 0.3) / step) * step);
    m_axisX->setTickInterval(step);
    m_axisY->clear();
    m_axisY->append(categories);
    m_estimated->remove(0, m_estimated->count());
    m_estimated->append(estimated);
    m_actual->remove(0, m_actual->count());
    m_actual->append(actual);
    // A bar as thick as for five pairs at most: one pair should not fill the chart.
    m_series->setBarWidth(0.8 * double(std::min<qsizetype>(std::max<qsizetype>(m_pairs.size(), 1), 5)) / 5.0);
    chart()->setTitle(tr("Estimated vs actual by issue type"));

    const auto newText = [this] {
        auto *text = new QGraphicsSimpleTextItem(chart());
        text->setZValue(10);
        return text;
    };
    while (m_biasTexts.size() > m_pairs.size()) {
        delete m_biasTexts.takeLast();
        const auto values = m_valueTexts.takeLast();
        delete values.first;
        delete values.second;
    }
    while (m_biasTexts.size() < m_pairs.size()) {
        m_biasTexts << newText();
        m_valueTexts << std::pair(newText(), newText());
    }
    QFont bold = font();
    bold.setBold(true);
    for (qsizetype i = 0; i < m_pairs.size(); ++i) {
        m_biasTexts[i]->setText(m_pairs.at(i).bias);
        m_biasTexts[i]->setFont(bold);
        m_valueTexts[i].first->setText(MeasurementFormat::percent(m_pairs.at(i).estimatedPct));
        m_valueTexts[i].second->setText(MeasurementFormat::percent(m_pairs.at(i).actualPct));
    }
    m_emptyText->setText(emptyText());
    m_emptyText->setVisible(m_pairs.isEmpty());
    // Nothing to compare: the sentence alone, no axis of nothing and no legend of no bars.
    m_axisX->setVisible(!m_pairs.isEmpty());
    m_axisY->setVisible(!m_pairs.isEmpty());
    chart()->legend()->setVisible(!m_pairs.isEmpty());
    // Qt Charts leaves out a category label that would overlap its neighbour: every pair gets
    // the height of its two lines of label (the dashboard scrolls rather than drop them).
    const int perPair = 2 * fontMetrics().lineSpacing() + 10;
    setMinimumHeight(std::max(ChartStyle::MinimumHeight, int(m_pairs.size()) * perPair + ChartStyle::FrameHeight));
    placeTexts();
}

// The biases beside their pairs and the empty state's sentence in the middle of the plot, where
// the plot lies now (a resize moves it).
void CalibrationChart::placeTexts()
{
    const QRectF plot = chart()->plotArea();
    const QColor text = palette().color(QPalette::Text);
    // Each bar is half the pair's width: the estimate's above the category's middle, the
    // actual's below it.
    const double half = m_series->barWidth() / 4;
    for (qsizetype i = 0; i < m_biasTexts.size(); ++i) {
        const Pair &pair = m_pairs.at(i);
        const auto bottomUp = double(m_pairs.size() - 1 - i);
        // A value inside the end of its bar, or right of it when the bar is too short; the
        // bias right of whatever reaches furthest.
        double rightmost = chart()->mapToPosition(QPointF(0, bottomUp), m_series).x();
        const auto placeValue = [&](QGraphicsSimpleTextItem *item, double value, double y, const QColor &inside) {
            const QPointF zero = chart()->mapToPosition(QPointF(0, y), m_series);
            const QPointF end = chart()->mapToPosition(QPointF(value, y), m_series);
            const QRectF size = item->boundingRect();
            const bool fits = std::abs(end.x() - zero.x()) >= size.width() + 8;
            const double x = !fits ? std::max(end.x(), zero.x()) + 4
                             : value >= 0 ? end.x() - size.width() - 4
                                          : end.x() + 4;
            item->setBrush(fits ? inside : text);
            item->setPos(x, end.y() - size.height() / 2);
            rightmost = std::max({rightmost, end.x(), fits ? 0.0 : x + size.width()});
        };
        placeValue(m_valueTexts.at(i).first, pair.estimatedPct, bottomUp + half, QColor(0x1a, 0x1a, 0x1a));
        placeValue(m_valueTexts.at(i).second, pair.actualPct, bottomUp - half, Qt::white);
        const double middle = chart()->mapToPosition(QPointF(0, bottomUp), m_series).y();
        QGraphicsSimpleTextItem *item = m_biasTexts.at(i);
        const QRectF size = item->boundingRect();
        item->setBrush(pair.actualPct < pair.estimatedPct - 0.05 ? VerdictColors::regression() : text);
        item->setPos(std::min(rightmost + 8, plot.right() - size.width()), middle - size.height() / 2);
    }
    m_emptyText->setBrush(palette().color(QPalette::PlaceholderText));
    const QRectF empty = m_emptyText->boundingRect();
    m_emptyText->setPos(plot.center().x() - empty.width() / 2, plot.center().y() - empty.height() / 2);
}

void CalibrationChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        ChartStyle::apply(chart(), palette());
        placeTexts();
    }
}

QString CalibrationChart::toolTipAt(const QPoint &viewPosition) const
{
    // A pair's row spans the height of its category, from the view's left edge (its label) to
    // the plot's right edge.
    const QPointF scenePosition = mapToScene(viewPosition);
    const QRectF plot = chart()->plotArea();
    if (!m_pairs.isEmpty() && scenePosition.y() >= plot.top() && scenePosition.y() <= plot.bottom()
        && scenePosition.x() <= plot.right()) {
        const QPointF value = chart()->mapToValue(chart()->mapFromScene(scenePosition), m_series);
        const auto bottomUp = qsizetype(std::lround(value.y()));
        if (bottomUp >= 0 && bottomUp < m_pairs.size())
            return m_pairs.at(m_pairs.size() - 1 - bottomUp).toolTip;
    }
    return m_pairs.isEmpty() ? emptyText() : chart()->title();
}

bool CalibrationChart::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        QToolTip::showText(help->globalPos(), toolTipAt(help->pos()), this);
        return true;
    }
    return QChartView::viewportEvent(event);
}
