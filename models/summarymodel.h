#pragma once

#include "types.h"

#include <QAbstractTableModel>

// The KPIs of a summary (SPEC §3.6) as a two-column table: name and value, formatted per
// locale, with a plain-words tooltip on the verdict counts. The dashboard's cards show the same
// texts.
class SummaryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Row {
        Total,
        Completed,
        AverageImprovement,
        SuccessRate,
        TimeSaved,
        ProjectedMonthlyHours, // SPEC §6.3: the time saved at each query's pace, per month
        Met,
        Exceeded, // a kind of met
        BelowEstimate,
        Regressions,
        // SPEC §5.2: the verdicts of the runs of the completed measurements.
        ProvenImprovements, // "X of Y": improved of completed
        Improved,
        NoChange,
        Regressed,
        InsufficientRuns,
        Count
    };
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit SummaryModel(QObject *parent = nullptr);

    void setSummary(const Summary &summary);
    const Summary &summary() const { return m_summary; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "3 d 4 h", "12 min 5 s": durations the way people say them.
    static QString humanDuration(double seconds);
    // "16,403,000 ms": the exact value, for the tooltip of the one above.
    static QString exactDuration(double seconds);

    // "12 of 340": the completed measurements whose runs prove an improvement, of all completed.
    static QString provenImprovements(const Summary &summary);
    // What a verdict count counts, in plain words (the tooltip of the dashboard's counts and of
    // this model's rows).
    static QString verdictExplanation(RunStatistics::Verdict verdict);
    static QString provenImprovementsExplanation();
    // "1,240 h / month", and what it counts (the tooltip of the card and of this model's row).
    static QString projectedMonthlyHours(const Summary &summary);
    static QString projectedMonthlyHoursExplanation(const Summary &summary);

private:
    Summary m_summary;
};
