#pragma once

#include "measurementrepository.h"

#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QLineEdit;
class RunsDotPlot;

// One measurement in full beside the table: the recommendation, the verdict of its runs (SPEC
// §5: word, icon and colour, p-value, interval, runs) with a dot plot of the runs over time,
// the expectation (estimate against actual), the before and after jobs, and every metric
// before and after side by side with its improvement, then notes and dates. The runs are read
// by the page, off the UI thread, and given with setRuns().
class MeasurementDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit MeasurementDetailPane(QWidget *parent = nullptr);

    void setMeasurement(const MeasurementReportRow &row);
    // The runs of the measurement shown (ignored when another one is shown by now); an empty
    // `error` when they were read.
    void setRuns(qint64 measurementId, const QList<MeasurementRun> &runs, const QString &error = {});
    RunsDotPlot *runsPlot() const { return m_runsPlot; }
    // Shows `message` (a hint, or "Loading…") instead of a measurement.
    void clear(const QString &message = {});

    std::optional<qint64> measurementId() const { return m_measurementId; }

    // Wide enough for the metrics table even while it is hidden, so that a scroll area
    // never cuts its last column.
    QSize minimumSizeHint() const override;

private:
    struct MetricRow
    {
        QLabel *before;
        QLabel *after;
        QLabel *change;
    };
    enum Metric { Duration, Memory, DataScanned, RowsScanned, RowsReturned, Partitions, Cpu, MetricCount };

    QLabel *addValue(QGridLayout *grid, int row, int column, const QString &objectName);
    void setChange(QLabel *label, const std::optional<double> &pct, bool neutral);
    void showVerdict(const Measurement &m);

    std::optional<qint64> m_measurementId;
    QWidget *m_content;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_verdictIcon;
    QLabel *m_verdict;
    QLabel *m_verdictDescription;
    QLabel *m_runs;
    QLabel *m_interval;
    QLabel *m_pValue;
    QLabel *m_runsLegend;
    RunsDotPlot *m_runsPlot;
    QLabel *m_runsNote;
    QLabel *m_expectationIcon;
    QLabel *m_expectation;
    QLabel *m_expectationDescription;
    QLabel *m_estimate;
    QLabel *m_actual;
    QLabel *m_delta;
    QLineEdit *m_jobBefore;
    QLineEdit *m_jobAfter;
    MetricRow m_metrics[MetricCount];
    QLabel *m_warning;
    QLabel *m_notes;
    QLabel *m_measured;
    QLabel *m_completed;
};
