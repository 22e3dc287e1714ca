#pragma once

#include "calibration.h"
#include "recommendationrepository.h"

#include <QAbstractTableModel>

// The recommendations the Recommendations page lists (a bounded, searched slice: the newest
// first, until a column is sorted), with the state of their latest measurement and, where its
// issue type has enough completed measurements, the estimate calibrated by them (SPEC §6.2).
class RecommendationListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Id, IssueType, Title, Job, Estimate, CalibratedEstimate, Status, Measurement, Count };
    static constexpr int RecommendationIdRole = Qt::UserRole + 1;
    static constexpr int MeasuredRole = Qt::UserRole + 2;
    static constexpr int IssueTypeRole = Qt::UserRole + 3; // the identifier; the cell shows words

    explicit RecommendationListModel(QObject *parent = nullptr);

    // Rows in the order listed (newest first); a sort chosen before is applied again.
    void setRows(QList<RecommendationRow> rows);
    const RecommendationRow &row(int index) const { return m_rows.at(index); }
    // The calibration the calibrated estimates come from: Calibration::compute() over the last
    // `days` days; a type calibrates once it has Calibration::MinimumCountForFactor measurements.
    void setCalibration(const QList<Calibration::Row> &rows, int days);
    // estimate × its type's factor, 1 decimal; none without an estimate or a usable factor.
    std::optional<double> calibratedEstimate(const RecommendationRow &row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // By the column's value (numbers as numbers, absent values last either way); column −1: as
    // listed.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void applySort();
    QString data(const RecommendationRow &row, Column column) const; // the text shown
    QVariant calibratedToolTip(const Recommendation &r) const;

    QList<RecommendationRow> m_listed; // as the repository returned them
    QList<RecommendationRow> m_rows;   // as shown
    QHash<QString, Calibration::Row> m_calibration; // the types with a usable factor
    int m_calibrationDays = 30;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
