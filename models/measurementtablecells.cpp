// What each cell of the measurements table shows: its text in the user's locale and units,
// its colour and icon, its tooltip, and the headers. The rows themselves (counting, paging,
// locating) are in measurementtablemodel.cpp.

#include "measurementtablemodel.h"

#include "issuetypetext.h"
#include "measurementformat.h"

#include <QGuiApplication>
#include <QLocale>

#include <cmath>

namespace {

using Column = MeasurementTableModel::Column;

bool isNumeric(Column column)
{
    switch (column) {
    case Column::BeforeDuration:
    case Column::AfterDuration:
    case Column::DurationImprovement:
    case Column::MemoryReduction:
    case Column::ScanReduction:
    case Column::CpuReduction:
    case Column::Estimate:
    case Column::Delta:
    case Column::Interval:
    case Column::Runs:
    case Column::ProjectedHours:
        return true;
    default:
        return false;
    }
}

std::optional<double> improvementOf(const Measurement &m, Column column)
{
    switch (column) {
    case Column::DurationImprovement: return m.improvements.durationPct;
    case Column::MemoryReduction: return m.improvements.memoryPct;
    case Column::ScanReduction: return m.improvements.scanPct;
    case Column::CpuReduction: return m.improvements.cpuPct;
    default: return std::nullopt;
    }
}

} // namespace

QVariant MeasurementTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto column = Column(index.column());
    if (role == Qt::TextAlignmentRole)
        return int((isNumeric(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    const MeasurementReportRow *row = rowAt(index.row());
    if (role == LoadedRole)
        return row != nullptr;
    if (!row) {
        if (role == Qt::DisplayRole && column == Column::Recommendation
            && !m_pages.contains(index.row() / m_pageSize))
            return tr("Loading…");
        return {};
    }
    const Measurement &m = row->measurement;
    switch (role) {
    case Qt::DisplayRole:
        return display(*row, column);
    case Qt::ToolTipRole:
        return toolTip(*row, column);
    case Qt::DecorationRole:
        if (column == Column::Expectation)
            return MeasurementFormat::verdictIcon(Improvement::verdictOf(m));
        if (column == Column::Verdict && m.verdict)
            return MeasurementFormat::runVerdictIcon(*m.verdict);
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QGuiApplication::palette();
        if (column == Column::Expectation)
            return MeasurementFormat::verdictColor(Improvement::verdictOf(m), palette);
        if (column == Column::Verdict && m.verdict)
            return MeasurementFormat::runVerdictColor(*m.verdict, palette);
        // An interval wholly below 0 is a proven regression.
        if (column == Column::Interval && m.ciHighPct && Improvement::roundToOneDecimal(*m.ciHighPct) < 0)
            return MeasurementFormat::changeColor(m.ciHighPct, palette);
        // Only what got worse stands out; most rows improved.
        if (const auto pct = improvementOf(m, column);
            pct && Improvement::roundToOneDecimal(*pct) < 0)
            return MeasurementFormat::changeColor(pct, palette);
        return {};
    }
    case MeasurementIdRole:
        return m.id;
    case RecommendationIdRole:
        return m.recommendationId;
    case ExpectationRole:
        return int(Improvement::verdictOf(m));
    case VerdictRole:
        return m.verdict ? QVariant(int(*m.verdict)) : QVariant();
    case IssueTypeRole:
        return row->issueType;
    default:
        return {};
    }
}

QVariant MeasurementTableModel::display(const MeasurementReportRow &row, Column column) const
{
    namespace Format = MeasurementFormat;
    const Measurement &m = row.measurement;
    switch (column) {
    case Column::Recommendation:
        return row.title ? tr("#%1 %2").arg(m.recommendationId).arg(*row.title)
                         : tr("#%1").arg(m.recommendationId);
    case Column::IssueType: return IssueTypeText::name(row.issueType);
    case Column::JobBefore: return m.jobIdBefore;
    case Column::JobAfter: return m.jobIdAfter.value_or(QString());
    case Column::BeforeDuration: return Format::duration(m.before.durationMs);
    case Column::AfterDuration:
        return m.after ? Format::duration(m.after->durationMs) : QString();
    case Column::DurationImprovement:
    case Column::MemoryReduction:
    case Column::ScanReduction:
    case Column::CpuReduction: return Format::percent(improvementOf(m, column));
    case Column::Estimate:
        return row.estimatedImprovementPct || m.isOpen() ? Format::percent(row.estimatedImprovementPct)
                                                         : tr("no estimate");
    case Column::Delta: return Format::signedPoints(m.expectation.deltaPct);
    case Column::Expectation: {
        const auto verdict = Improvement::verdictOf(m);
        // "Exceeded" is a kind of met: the improvement beat the estimate by more than the margin.
        if (verdict == Improvement::Verdict::Met && m.expectation.deltaPct
            && *m.expectation.deltaPct > m_exceededMarginPct)
            return tr("Met, exceeded");
        return Format::verdictName(verdict);
    }
    case Column::Verdict: return m.verdict ? Format::runVerdictName(*m.verdict) : QString();
    case Column::Interval: return Format::interval(m.ciLowPct, m.ciHighPct);
    case Column::Runs: return Format::runs(m.runsBefore, m.runsAfter);
    case Column::ProjectedHours: return Format::hours(m.projectedMonthlyHoursSaved());
    case Column::MeasuredAt: return Format::dateTime(m.measuredAt);
    case Column::CompletedAt: return Format::dateTime(m.completedAt);
    case Column::Count: break;
    }
    return {};
}

QVariant MeasurementTableModel::toolTip(const MeasurementReportRow &row, Column column) const
{
    const Measurement &m = row.measurement;
    const QLocale locale;
    switch (column) {
    case Column::Recommendation:
        return tr("Recommendation #%1: %2\nIssue type: %3\nMeasurement #%4")
            .arg(m.recommendationId)
            .arg(row.title.value_or(tr("(no title)")), IssueTypeText::nameWithIdentifier(row.issueType))
            .arg(m.id);
    case Column::IssueType: return IssueTypeText::toolTip(row.issueType);
    case Column::JobBefore: return m.jobIdBefore;
    case Column::JobAfter: return m.jobIdAfter ? *m.jobIdAfter : tr("No after job yet");
    case Column::BeforeDuration: return MeasurementFormat::exactDurationMs(m.before.durationMs);
    case Column::AfterDuration:
        return m.after ? MeasurementFormat::exactDurationMs(m.after->durationMs) : QVariant();
    case Column::Estimate:
        return row.estimatedImprovementPct ? QVariant()
                                           : QVariant(tr("No estimate: the improvement is judged against 0 %"));
    case Column::Delta:
        return tr("Actual improvement minus the estimate, in percentage points (an improvement of 30 % "
                  "against an estimate of 50 % is −20 points)");
    case Column::Verdict: return verdictToolTip(m);
    case Column::Interval:
        if (!m.ciLowPct || !m.ciHighPct)
            return m.verdict == RunStatistics::Verdict::InsufficientRuns
                       ? QVariant(tr("No interval: too few runs for one"))
                       : QVariant();
        return tr("With 95 % confidence the real improvement lies between %1 and %2: the range of "
                  "speed-ups that the before and after runs are consistent with.")
            .arg(MeasurementFormat::percent(m.ciLowPct), MeasurementFormat::percent(m.ciHighPct));
    case Column::Runs:
        if (!m.runsBefore || !m.runsAfter)
            return {};
        return tr("Runs compared: %1 of the original query (before), %2 of the optimized one (after).")
                   .arg(MeasurementFormat::count(*m.runsBefore), MeasurementFormat::count(*m.runsAfter))
               + u'\n'
               + (m.similarDays ? tr("Besides the named jobs, the history's runs of the same queries within "
                                     "%n day(s) of the after job.", nullptr, *m.similarDays)
                                : tr("Only the named jobs; no other runs were gathered."));
    case Column::ProjectedHours: {
        const auto hours = m.projectedMonthlyHoursSaved();
        if (!hours)
            return {};
        // runs_per_day × 30 is the number of runs in the 30 days before the before job, itself included.
        const auto runs = int(std::lround(*m.runsPerDay * 30.0));
        const QString perDay = locale.toString(*m.runsPerDay, 'f', *m.runsPerDay < 10 ? 2 : 1);
        return tr("Ran %Ln time(s) in the 30 days before the before job (itself included): %1 runs per day.\n"
                  "%2 saved per run × %1 runs per day × 30 days = %3 per month.",
                  nullptr, runs)
            .arg(perDay, MeasurementFormat::duration(m.before.durationMs - m.after->durationMs),
                 MeasurementFormat::hours(*hours));
    }
    case Column::Expectation: {
        const auto verdict = Improvement::verdictOf(m);
        QString text = MeasurementFormat::verdictDescription(verdict);
        if (verdict == Improvement::Verdict::Met && m.expectation.deltaPct
            && *m.expectation.deltaPct > m_exceededMarginPct)
            text += u'\n'
                    + tr("It exceeded the estimate: by %1, more than the margin of %2 points.")
                          .arg(MeasurementFormat::signedPoints(m.expectation.deltaPct),
                               QLocale().toString(m_exceededMarginPct, 'f', 0));
        if (m.validationNotes && !m.validationNotes->isEmpty())
            text += u'\n' + *m.validationNotes;
        return text;
    }
    case Column::MeasuredAt:
        return m.measuredBy ? tr("Measured by %1").arg(*m.measuredBy) : QVariant();
    default:
        return {};
    }
}

QVariant MeasurementTableModel::verdictToolTip(const Measurement &m) const
{
    if (!m.verdict)
        return {};
    QString text = MeasurementFormat::runVerdictDescription(*m.verdict);
    if (m.pValue)
        text += u'\n'
                + tr("%1: the chance of a difference at least this large between the runs if the change "
                     "had made none.")
                      .arg(MeasurementFormat::pValue(*m.pValue));
    if (m.runsBefore && m.runsAfter)
        text += u'\n' + tr("Runs before / after: %1").arg(MeasurementFormat::runs(m.runsBefore, m.runsAfter));
    return text;
}

QVariant MeasurementTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= int(Column::Count))
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto column = Column(section);
    if (role == Qt::TextAlignmentRole)
        return int((isNumeric(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Column::Recommendation: return tr("Recommendation");
        case Column::IssueType: return tr("Issue type");
        case Column::JobBefore: return tr("Before job");
        case Column::JobAfter: return tr("After job");
        case Column::BeforeDuration: return tr("Duration\nbefore");
        case Column::AfterDuration: return tr("Duration\nafter");
        case Column::DurationImprovement: return tr("Duration\nimprovement");
        case Column::MemoryReduction: return tr("Memory\nreduction");
        case Column::ScanReduction: return tr("Scan\nreduction");
        case Column::CpuReduction: return tr("CPU\nreduction");
        case Column::Estimate: return tr("Estimate");
        case Column::Delta: return tr("Delta");
        case Column::Expectation: return tr("Expectation");
        case Column::Verdict: return tr("Verdict");
        case Column::Interval: return tr("Interval\n(95 %)");
        case Column::Runs: return tr("Runs\nbefore / after");
        case Column::ProjectedHours: return tr("Projected\nh / month");
        case Column::MeasuredAt: return tr("Measured");
        case Column::CompletedAt: return tr("Completed");
        case Column::Count: break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Column::DurationImprovement:
            return tr("(before − after) / before: the actual improvement judged against the estimate");
        case Column::MemoryReduction: return tr("Reduction of the memory allocated");
        case Column::ScanReduction: return tr("Reduction of the data scanned");
        case Column::CpuReduction: return tr("Reduction of the CPU time");
        case Column::Estimate: return tr("The improvement the recommendation estimated");
        case Column::Delta:
            return tr("Actual improvement minus the estimate, in percentage points");
        case Column::Expectation:
            return tr("The actual improvement judged against the recommendation's estimate");
        case Column::Verdict:
            return tr("Whether the runs prove a change (Wilcoxon rank-sum test): improved, no change, "
                      "regressed, or too few runs to tell");
        case Column::Interval:
            return tr("The 95 % confidence interval of the improvement: the real improvement lies in it "
                      "with 95 % confidence");
        case Column::Runs: return tr("How many runs of the original and of the optimized query were compared");
        case Column::ProjectedHours:
            return tr("Query time saved per month if the query keeps running as often as in the 30 days "
                      "before the measurement: (duration before − after) × runs per day × 30");
        case Column::MeasuredAt: return tr("When the before metrics were recorded");
        case Column::CompletedAt: return tr("When the after metrics were recorded");
        default: return {};
        }
    }
    return {};
}
