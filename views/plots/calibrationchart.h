#pragma once

#include "calibration.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSet;
class QGraphicsSimpleTextItem;
class QHorizontalBarSeries;
class QValueAxis;

// How well the estimates predicted the outcomes (SPEC §6.2): per issue type a pair of bars, the
// mean estimated and the mean actual improvement, with the bias (mean actual − estimate) written
// beside the pair and the number of measurements under the type's words; hovering a pair tells
// its mean absolute error and its calibration factor. The pair over every issue type comes first
// when there are several types.
class CalibrationChart : public QChartView
{
    Q_OBJECT

public:
    // One pair as drawn.
    struct Pair
    {
        QString label; // "Missing partition filter\n188": the words, the count under them
        double estimatedPct = 0;
        double actualPct = 0;
        QString bias; // "−15.5 pts"
        QString toolTip;
    };

    explicit CalibrationChart(QWidget *parent = nullptr);
    QSize sizeHint() const override;

    // The rows of Calibration::compute() (the last, over all types, included).
    void setCalibration(const QList<Calibration::Row> &rows);
    // The pairs as drawn, top first; none when the window holds nothing to compare.
    QList<Pair> pairs() const { return m_pairs; }
    // What the chart says instead of bars when there are none (empty otherwise).
    QString emptyText() const;
    // What the tooltip says at a point of the view: over a pair's row (its label included) its
    // words, counts, errors and factor; elsewhere the chart's title.
    QString toolTipAt(const QPoint &viewPosition) const;

protected:
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void placeTexts();

    QList<Pair> m_pairs;
    QHorizontalBarSeries *m_series;
    QBarSet *m_estimated;
    QBarSet *m_actual;
    QBarCategoryAxis *m_axisY;
    QValueAxis *m_axisX;
    QList<QGraphicsSimpleTextItem *> m_biasTexts; // top first, as m_pairs
    // The bars' values, written by the chart rather than by Qt Charts, whose "@value" drops a
    // trailing zero ("35 %" beside "41.4 %"): estimate and actual of each pair, top first.
    QList<std::pair<QGraphicsSimpleTextItem *, QGraphicsSimpleTextItem *>> m_valueTexts;
    QGraphicsSimpleTextItem *m_emptyText;
};
