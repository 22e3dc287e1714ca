#include "summarymodel.h"

#include "measurementformat.h"

#include <QLocale>

#include <cmath>

SummaryModel::SummaryModel(QObject *parent) : QAbstractTableModel(parent) {}

void SummaryModel::setSummary(const Summary &summary)
{
    m_summary = summary;
    emit dataChanged(index(0, ValueColumn), index(int(Row::Count) - 1, ValueColumn));
}

int SummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Row::Count);
}

int SummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SummaryModel::humanDuration(double seconds)
{
    return MeasurementFormat::duration(seconds * 1000.0);
}

QVariant SummaryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(Row::Count))
        return {};
    const auto row = Row(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == ValueColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    if (index.column() == NameColumn) {
        switch (row) {
        case Row::Total: return tr("Measurements");
        case Row::Completed: return tr("Completed");
        case Row::AverageImprovement: return tr("Average improvement");
        case Row::SuccessRate: return tr("Success rate");
        case Row::TimeSaved: return tr("Time saved");
        case Row::Met: return tr("Met the estimate");
        case Row::Exceeded: return tr("of them exceeded it");
        case Row::BelowEstimate: return tr("Below estimate");
        case Row::Regressions: return tr("Regressions");
        case Row::Count: break;
        }
        return {};
    }
    switch (row) {
    case Row::Total: return locale.toString(m_summary.totalMeasurements);
    case Row::Completed: return locale.toString(m_summary.completedMeasurements);
    case Row::AverageImprovement: return tr("%1 %").arg(locale.toString(m_summary.avgImprovementPct, 'f', 1));
    case Row::SuccessRate: return tr("%1 %").arg(locale.toString(m_summary.successRatePct, 'f', 1));
    case Row::TimeSaved: return humanDuration(m_summary.totalTimeSavedSeconds);
    case Row::Met: return locale.toString(m_summary.metExpectationsCount);
    case Row::Exceeded: return locale.toString(m_summary.exceededExpectationsCount);
    case Row::BelowEstimate: return locale.toString(m_summary.belowEstimateCount());
    case Row::Regressions: return locale.toString(m_summary.regressionCount);
    case Row::Count: break;
    }
    return {};
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Indicator") : tr("Value");
}
