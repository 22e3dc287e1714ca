#include "recommendationlistmodel.h"

#include "issuetypetext.h"

#include <QLocale>

RecommendationListModel::RecommendationListModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecommendationListModel::setRows(QList<RecommendationRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
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
        return column == Column::Id || column == Column::Estimate ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                                  : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == Column::Title)
        return r.description.value_or(QString());
    if (role == Qt::ToolTipRole && column == Column::IssueType)
        return IssueTypeText::toolTip(r.issueType);
    if (role == IssueTypeRole)
        return r.issueType;
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (column) {
    case Column::Id: return QString::number(r.id); // an identifier, not a quantity: no separators
    case Column::IssueType: return IssueTypeText::name(r.issueType);
    case Column::Title: return r.title.value_or(QString());
    case Column::Job: return r.jobId;
    case Column::Estimate:
        return r.estimatedImprovementPct ? tr("%1 %").arg(locale.toString(*r.estimatedImprovementPct, 'f', 1)) : tr("—");
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
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Id: return tr("Id");
    case Column::IssueType: return tr("Issue type");
    case Column::Title: return tr("Title");
    case Column::Job: return tr("Job");
    case Column::Estimate: return tr("Estimate");
    case Column::Status: return tr("Status");
    case Column::Measurement: return tr("Measurement");
    case Column::Count: break;
    }
    return {};
}
