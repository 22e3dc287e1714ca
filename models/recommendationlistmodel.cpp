#include "recommendationlistmodel.h"

#include "issuetypetext.h"

#include <QLocale>

#include <algorithm>

RecommendationListModel::RecommendationListModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecommendationListModel::setRows(QList<RecommendationRow> rows)
{
    beginResetModel();
    m_listed = std::move(rows);
    m_rows = m_listed;
    applySort();
    endResetModel();
}

void RecommendationListModel::setCalibration(const QList<Calibration::Row> &rows, int days)
{
    m_calibration.clear();
    const QHash<QString, double> usable = Calibration::usableFactors(rows);
    for (const Calibration::Row &row : rows)
        if (row.issueType && usable.contains(*row.issueType))
            m_calibration.insert(*row.issueType, row);
    m_calibrationDays = days;
    if (m_sortColumn == int(Column::CalibratedEstimate)) {
        emit layoutAboutToBeChanged();
        applySort();
        emit layoutChanged();
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, int(Column::CalibratedEstimate)),
                         index(rowCount() - 1, int(Column::CalibratedEstimate)));
}

std::optional<double> RecommendationListModel::calibratedEstimate(const RecommendationRow &row) const
{
    const auto found = m_calibration.constFind(row.recommendation.issueType);
    if (found == m_calibration.constEnd())
        return std::nullopt;
    return Calibration::calibratedEstimate(row.recommendation.estimatedImprovementPct, found->factor);
}

QVariant RecommendationListModel::calibratedToolTip(const Recommendation &r) const
{
    const QLocale locale;
    const auto found = m_calibration.constFind(r.issueType);
    if (found == m_calibration.constEnd())
        return tr("No calibrated estimate: this issue type has fewer than %1 completed measurements with an "
                  "estimate in the last %n day(s).",
                  nullptr, m_calibrationDays)
            .arg(Calibration::MinimumCountForFactor);
    if (!r.estimatedImprovementPct)
        return tr("No estimate to calibrate.");
    const auto percent = [&locale](double value) { return tr("%1 %").arg(locale.toString(value, 'f', 1)); };
    return tr("Estimate %1 × factor %2 learned from %Ln completed measurement(s) of this issue type in the "
              "last %3 days = %4",
              nullptr, int(found->count))
        .arg(percent(*r.estimatedImprovementPct), locale.toString(*found->factor, 'f', 2),
             locale.toString(m_calibrationDays), percent(*Calibration::calibratedEstimate(r.estimatedImprovementPct, found->factor)));
}

void RecommendationListModel::sort(int column, Qt::SortOrder order)
{
    emit layoutAboutToBeChanged();
    m_sortColumn = column >= 0 && column < int(Column::Count) ? column : -1;
    m_sortOrder = order;
    m_rows = m_listed;
    applySort();
    emit layoutChanged();
}

void RecommendationListModel::applySort()
{
    if (m_sortColumn < 0)
        return;
    const auto column = Column(m_sortColumn);
    // A number, or a text; none sorts last in both directions.
    const auto number = [this, column](const RecommendationRow &row) -> std::optional<double> {
        const Recommendation &r = row.recommendation;
        switch (column) {
        case Column::Id: return double(r.id);
        case Column::Estimate: return r.estimatedImprovementPct;
        case Column::CalibratedEstimate: return calibratedEstimate(row);
        case Column::Measurement: return double(int(row.measured)) * 1e6 + double(row.measurements);
        default: return std::nullopt;
        }
    };
    const bool numeric = column == Column::Id || column == Column::Estimate || column == Column::CalibratedEstimate
                         || column == Column::Measurement;
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const RecommendationRow &a, const RecommendationRow &b) {
        if (numeric) {
            const auto x = number(a), y = number(b);
            if (!x || !y)
                return x.has_value() && !y.has_value();
            return ascending ? *x < *y : *y < *x;
        }
        const int order = QString::localeAwareCompare(data(a, column), data(b, column));
        return ascending ? order < 0 : order > 0;
    });
}

int RecommendationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecommendationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant RecommendationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const RecommendationRow &row = m_rows.at(index.row());
    const Recommendation &r = row.recommendation;
    const auto column = Column(index.column());
    if (role == RecommendationIdRole)
        return r.id;
    if (role == MeasuredRole)
        return int(row.measured);
    if (role == Qt::TextAlignmentRole)
        return column == Column::Id || column == Column::Estimate || column == Column::CalibratedEstimate
                   ? int(Qt::AlignRight | Qt::AlignVCenter)
                   : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == Column::CalibratedEstimate)
        return calibratedToolTip(r);
    if (role == Qt::ToolTipRole && column == Column::Title)
        return r.description.value_or(QString());
    if (role == Qt::ToolTipRole && column == Column::IssueType)
        return IssueTypeText::toolTip(r.issueType);
    if (role == IssueTypeRole)
        return r.issueType;
    if (role != Qt::DisplayRole)
        return {};
    return data(row, column);
}

QString RecommendationListModel::data(const RecommendationRow &row, Column column) const
{
    const Recommendation &r = row.recommendation;
    const QLocale locale;
    switch (column) {
    case Column::Id: return QString::number(r.id); // an identifier, not a quantity: no separators
    case Column::IssueType: return IssueTypeText::name(r.issueType);
    case Column::Title: return r.title.value_or(QString());
    case Column::Job: return r.jobId;
    case Column::Estimate:
        return r.estimatedImprovementPct ? tr("%1 %").arg(locale.toString(*r.estimatedImprovementPct, 'f', 1)) : tr("—");
    case Column::CalibratedEstimate: {
        const auto calibrated = calibratedEstimate(row);
        return calibrated ? tr("%1 %").arg(locale.toString(*calibrated, 'f', 1)) : QString();
    }
    case Column::Status:
        if (r.status == QLatin1String("implemented")) return tr("implemented");
        if (r.status == QLatin1String("dismissed")) return tr("dismissed");
        return tr("open");
    case Column::Measurement:
        switch (row.measured) {
        case RecommendationRow::Measured::Never: return tr("not measured");
        case RecommendationRow::Measured::Open: return tr("waiting for after job");
        case RecommendationRow::Measured::Completed:
            return row.measurements > 1 ? tr("completed (%1 attempts)").arg(row.measurements) : tr("completed");
        }
        return {};
    case Column::Count: break;
    }
    return {};
}

QVariant RecommendationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == int(Column::CalibratedEstimate))
        return tr("The estimate × the calibration factor of its issue type (how the actual improvements "
                  "compared with the estimates), learned from the completed measurements of the last %n "
                  "day(s); blank where the type has fewer than %1 of them.",
                  nullptr, m_calibrationDays)
            .arg(Calibration::MinimumCountForFactor);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Id: return tr("Id");
    case Column::IssueType: return tr("Issue type");
    case Column::Title: return tr("Title");
    case Column::Job: return tr("Job");
    case Column::Estimate: return tr("Estimate");
    case Column::CalibratedEstimate: return tr("Calibrated estimate");
    case Column::Status: return tr("Status");
    case Column::Measurement: return tr("Measurement");
    case Column::Count: break;
    }
    return {};
}
