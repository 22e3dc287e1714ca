#pragma once

#include "types.h"

#include <QWidget>

// The runs of one measurement over time, small enough for the detail pane: one dot per run at
// (started_at, duration), the before runs and the after runs in two colours and shapes, and
// each side's median as a line across the time its runs span. A few dozen to 1,000 points,
// painted directly (no Qt Charts: one scene item per point would be wasted on a sketch).
// Runs without a start time cannot be placed; noPlaceCount() says how many were left out.
class RunsDotPlot : public QWidget
{
    Q_OBJECT

public:
    explicit RunsDotPlot(QWidget *parent = nullptr);

    void setRuns(const QList<MeasurementRun> &runs);
    const QList<MeasurementRun> &runs() const { return m_runs; }
    int noPlaceCount() const { return m_unplaced; }
    // The median durations drawn (none for a side without placed runs).
    std::optional<double> medianBefore() const { return m_medianBefore; }
    std::optional<double> medianAfter() const { return m_medianAfter; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // The colours of the sides, for the legend beside the plot.
    static QColor sideColor(MeasurementRun::Side side, const QPalette &palette);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<MeasurementRun> m_runs; // the placed ones
    int m_unplaced = 0;
    std::optional<double> m_medianBefore;
    std::optional<double> m_medianAfter;
};
