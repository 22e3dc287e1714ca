#pragma once

#include "recommendationrepository.h"

#include <QAbstractTableModel>

// The recommendations the Recommendations page lists (a bounded, searched slice: the newest
// first), with the state of their latest measurement.
class RecommendationListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Id, IssueType, Title, Job, Estimate, Status, Measurement, Count };
    static constexpr int RecommendationIdRole = Qt::UserRole + 1;
    static constexpr int MeasuredRole = Qt::UserRole + 2;
    static constexpr int IssueTypeRole = Qt::UserRole + 3; // the identifier; the cell shows words

    explicit RecommendationListModel(QObject *parent = nullptr);

    void setRows(QList<RecommendationRow> rows);
    const RecommendationRow &row(int index) const { return m_rows.at(index); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<RecommendationRow> m_rows;
};
