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

QString SummaryModel::exactDuration(double seconds)
{
    return MeasurementFormat::exactDurationMs(seconds * 1000.0);
}

QString SummaryModel::provenImprovements(const Summary &summary)
{
    const QLocale locale;
    return tr("%1 of %2").arg(locale.toString(summary.improvedCount), locale.toString(summary.completedMeasurements));
}

QString SummaryModel::provenImprovementsExplanation()
{
    return tr("Completed measurements whose runs prove a real improvement (verdict \"improved\"), of all "
              "measurements completed in the window. A single run before and after proves nothing: "
              "durations vary from run to run by 10–50 %.");
}

QString SummaryModel::projectedMonthlyHours(const Summary &summary)
{
    return MeasurementFormat::hoursPerMonth(summary.projectedMonthlyHoursSaved);
}

QString SummaryModel::projectedMonthlyHoursExplanation(const Summary &summary)
{
    return tr("The query time the optimizations save in a month if each query keeps running as often as "
              "it did in the 30 days before its measurement: (duration before − duration after) × runs "
              "per day of the query × 30, summed over the completed measurements in the window "
              "(regressions subtract).\nExactly %1 h.")
        .arg(QLocale().toString(summary.projectedMonthlyHoursSaved, 'f', 1));
}

QString SummaryModel::verdictExplanation(RunStatistics::Verdict verdict)
{
    switch (verdict) {
    case RunStatistics::Verdict::Improved:
        return tr("Faster for real: the runs after the change are faster than those before by more than "
                  "the noise between runs. The whole 95 % interval of the improvement is above 0.");
    case RunStatistics::Verdict::NoChange:
        return tr("No proven difference: the 95 % interval of the improvement includes 0, so what "
                  "changed is within the noise between runs.");
    case RunStatistics::Verdict::Regressed:
        return tr("Slower for real: the runs after the change are slower than those before by more than "
                  "the noise between runs. The whole 95 % interval of the improvement is below 0.");
    case RunStatistics::Verdict::InsufficientRuns:
        return tr("Too few runs to tell: with so few runs before and after (one each, for instance), "
                  "no result could be told apart from noise. Record the after job with the other runs "
                  "of the same query (--similar) to get a verdict.");
    }
    return {};
}

QVariant SummaryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(Row::Count))
        return {};
    const auto row = Row(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == ValueColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (row) {
        case Row::TimeSaved:
            return index.column() == ValueColumn ? QVariant(exactDuration(m_summary.totalTimeSavedSeconds)) : QVariant();
        case Row::ProjectedMonthlyHours: return projectedMonthlyHoursExplanation(m_summary);
        case Row::ProvenImprovements: return provenImprovementsExplanation();
        case Row::Improved: return verdictExplanation(RunStatistics::Verdict::Improved);
        case Row::NoChange: return verdictExplanation(RunStatistics::Verdict::NoChange);
        case Row::Regressed: return verdictExplanation(RunStatistics::Verdict::Regressed);
        case Row::InsufficientRuns: return verdictExplanation(RunStatistics::Verdict::InsufficientRuns);
        default: return {};
        }
    }
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
        case Row::ProjectedMonthlyHours: return tr("Projected hours saved / month");
        case Row::Met: return tr("Met the estimate");
        case Row::Exceeded: return tr("of them exceeded it");
        case Row::BelowEstimate: return tr("Below estimate");
        case Row::Regressions: return tr("Regressions");
        case Row::ProvenImprovements: return tr("Proven improvements");
        case Row::Improved: return tr("Verdict: improved");
        case Row::NoChange: return tr("Verdict: no change");
        case Row::Regressed: return tr("Verdict: regressed");
        case Row::InsufficientRuns: return tr("Verdict: insufficient runs");
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
    case Row::ProjectedMonthlyHours: return projectedMonthlyHours(m_summary);
    case Row::Met: return locale.toString(m_summary.metExpectationsCount);
    case Row::Exceeded: return locale.toString(m_summary.exceededExpectationsCount);
    case Row::BelowEstimate: return locale.toString(m_summary.belowEstimateCount());
    case Row::Regressions: return locale.toString(m_summary.regressionCount);
    case Row::ProvenImprovements: return provenImprovements(m_summary);
    case Row::Improved: return locale.toString(m_summary.improvedCount);
    case Row::NoChange: return locale.toString(m_summary.noChangeCount);
    case Row::Regressed: return locale.toString(m_summary.regressedCount);
    case Row::InsufficientRuns: return locale.toString(m_summary.insufficientRunsCount);
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
