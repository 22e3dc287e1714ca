#include "summarymodel.h"

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
    const bool negative = seconds < 0;
    qint64 s = qint64(std::llround(std::abs(seconds)));
    const qint64 days = s / 86400, hours = s % 86400 / 3600, minutes = s % 3600 / 60;
    s %= 60;
    QString text;
    if (days > 0)
        text = tr("%1 d %2 h").arg(QLocale().toString(days)).arg(hours);
    else if (hours > 0)
        text = tr("%1 h %2 min").arg(hours).arg(minutes);
    else if (minutes > 0)
        text = tr("%1 min %2 s").arg(minutes).arg(s);
    else
        text = tr("%1 s").arg(s);
    return negative ? QStringLiteral("−") + text : text;
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
        case Row::Met: return tr("Met expectation");
        case Row::Exceeded: return tr("Exceeded expectation");
        case Row::Underperformed: return tr("Underperformed");
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
    case Row::Underperformed: return locale.toString(m_summary.underperformedCount);
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
