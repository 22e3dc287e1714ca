#pragma once

#include "types.h"

#include <QAbstractTableModel>

// The KPIs of a summary (SPEC §3.6) as a two-column table: name and value, formatted per
// locale. The dashboard's cards will read the same model.
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
        Met,
        Exceeded, // a kind of met
        BelowEstimate,
        Regressions,
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

private:
    Summary m_summary;
};
