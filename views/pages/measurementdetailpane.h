#pragma once

#include "measurementrepository.h"

#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QLineEdit;

// One measurement in full beside the table: the recommendation, the verdict (word, icon and
// colour), estimate against actual, the before and after jobs, and every metric before and
// after side by side with its improvement, then notes and dates.
class MeasurementDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit MeasurementDetailPane(QWidget *parent = nullptr);

    void setMeasurement(const MeasurementReportRow &row);
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

    std::optional<qint64> m_measurementId;
    QWidget *m_content;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_verdictIcon;
    QLabel *m_verdict;
    QLabel *m_verdictDescription;
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
