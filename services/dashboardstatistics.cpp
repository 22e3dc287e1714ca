#include "dashboardstatistics.h"

#include "measurementrepository.h"
#include "sqlvalues.h"
#include "text.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <limits>

namespace {

// The FROM clause and conditions of "completed measurements with an improvement in the window".
struct CompletedInWindow
{
    QString sql;
    QVariantList values;

    // The join to recommendations costs a lookup per row: only when asked or filtered for.
    CompletedInWindow(const Database &database, const MeasurementWindow &window, const QDateTime &now,
                      bool withImprovement, bool withRecommendation = true)
    {
        const MeasurementWindowFilter filter(window, now);
        const bool join = withRecommendation || window.issueType;
        // SQLite scans the table in id order even for a month of a year: right when the pages are
        // cached, but on a cold start a month of a million measurements then reads 3.6 s instead of
        // 0.7 s from its range of the covering index. All time stays a scan: in id order, the
        // lookups of the recommendations run in order too (0.9 s against 2.3 s from the index).
        const bool range = filter.bounded && !database.isPostgres();
        sql = QStringLiteral(" FROM measurements m")
              + (range ? QStringLiteral(" INDEXED BY idx_measurements_recorded_at") : QString())
              + (join ? recommendationJoin(database) : QString())
              + (filter.where.isEmpty() ? QStringLiteral(" WHERE ") : filter.where + QStringLiteral(" AND "))
              + QStringLiteral("m.completed_at IS NOT NULL");
        if (withImprovement)
            sql += QStringLiteral(" AND m.duration_improvement_pct IS NOT NULL");
        values = filter.values;
    }

    void bind(QSqlQuery &query) const
    {
        for (const QVariant &value : values)
            query.addBindValue(value);
    }
};

// The bin of an improvement as SQL: explicit bounds, because SQLite has no FLOOR and
// PostgreSQL's CAST rounds.
QString binExpression()
{
    QString sql = QStringLiteral("CASE WHEN m.duration_improvement_pct < -50 THEN 0");
    for (int bin = 1; bin < DashboardStatistics::BinCount - 1; ++bin)
        sql += QStringLiteral(" WHEN m.duration_improvement_pct < %1 THEN %2").arg(-40 + 10 * (bin - 1)).arg(bin);
    return sql + QStringLiteral(" ELSE %1 END").arg(DashboardStatistics::BinCount - 1);
}

// The bin of an improvement, as binExpression() computes it.
int binOf(double improvementPct)
{
    if (improvementPct < -50)
        return 0;
    for (int bin = 1; bin < DashboardStatistics::BinCount - 1; ++bin)
        if (improvementPct < -40 + 10 * (bin - 1))
            return bin;
    return DashboardStatistics::BinCount - 1;
}


// The run verdict and the interval of a point (SPEC §5.2), as the three columns after `first`.
// The interval is read only where the verdict says there is one: it is NULL with
// insufficient_runs anyway, and SQLite then never looks the measurement's row up beside the
// window's index (which holds the verdict, not the interval) for the most common verdict.
QString runColumns()
{
    return QStringLiteral("m.verdict, "
                          "CASE WHEN m.verdict <> 'insufficient_runs' THEN m.improvement_ci_low_pct END, "
                          "CASE WHEN m.verdict <> 'insufficient_runs' THEN m.improvement_ci_high_pct END");
}

std::optional<RunStatistics::Verdict> runVerdictOf(const QVariant &value)
{
    return value.isNull() ? std::nullopt : RunStatistics::verdictFromName(value.toString());
}

// Highest rate first; equal rates by name, so that the order never depends on the database's.
void sortByRate(QList<DashboardStatistics::IssueSuccess> &issues)
{
    using IssueSuccess = DashboardStatistics::IssueSuccess;
    std::stable_sort(issues.begin(), issues.end(), [](const IssueSuccess &a, const IssueSuccess &b) {
        return a.ratePct() != b.ratePct() ? a.ratePct() > b.ratePct() : a.issueType < b.issueType;
    });
}

} // namespace

void DashboardStatistics::Points::append(std::optional<double> estimatedPct, double actualPct,
                                         bool meetsExpectation, qint64 recommendationId,
                                         std::optional<RunStatistics::Verdict> runVerdict,
                                         std::optional<double> intervalLowPct,
                                         std::optional<double> intervalHighPct)
{
    constexpr float none = std::numeric_limits<float>::quiet_NaN();
    estimated << (estimatedPct ? float(*estimatedPct) : none);
    actual << float(actualPct);
    verdicts << (actualPct < 0 ? PointVerdict::Regression
                 : meetsExpectation ? PointVerdict::Met
                                    : PointVerdict::Underperformed);
    recommendationIds << recommendationId;
    runVerdicts << (runVerdict ? qint8(*runVerdict) : qint8(-1));
    intervalLow << (intervalLowPct ? float(*intervalLowPct) : none);
    intervalHigh << (intervalHighPct ? float(*intervalHighPct) : none);
}

QString DashboardStatistics::binLabel(int bin)
{
    // Short ASCII labels: a bar is narrow, and Qt Charts elides what does not fit.
    if (bin == 0)
        return QStringLiteral("-∞");
    return QString::number(-50 + 10 * (bin - 1));
}

Result<DashboardStatistics::Distribution> DashboardStatistics::distribution(const MeasurementWindow &window) const
{
    const CompletedInWindow from(m_database, window, m_clock(), true, false);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, COUNT(*)").arg(binExpression()) + from.sql
                  + QStringLiteral(" GROUP BY 1"));
    from.bind(query);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot compute the distribution"), query.lastError());
    Distribution result;
    while (query.next()) {
        const int bin = std::clamp(query.value(0).toInt(), 0, BinCount - 1);
        result.counts[size_t(bin)] += query.value(1).toLongLong();
        result.total += query.value(1).toLongLong();
    }
    query.finish();
    if (result.total == 0)
        return result;
    // The median: the middle value (or the mean of the two middle ones) in improvement order.
    QList<double> middle;
    for (qint64 offset : {(result.total - 1) / 2, result.total / 2}) {
        QSqlQuery pick(m_database.connection());
        pick.prepare(QStringLiteral("SELECT m.duration_improvement_pct") + from.sql
                     + QStringLiteral(" ORDER BY m.duration_improvement_pct LIMIT 1 OFFSET ?"));
        from.bind(pick);
        pick.addBindValue(offset);
        if (!pick.exec() || !pick.next())
            return Database::sqlError(Text::tr("Cannot compute the median"), pick.lastError());
        middle << pick.value(0).toDouble();
        if (result.total % 2 == 1)
            break;
    }
    result.median = middle.size() == 1 ? middle.first() : (middle.first() + middle.last()) / 2.0;
    return result;
}

Result<DashboardStatistics::Success> DashboardStatistics::success(const MeasurementWindow &window) const
{
    const CompletedInWindow from(m_database, window, m_clock(), false);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT r.issue_type, COUNT(*), "
                                 "SUM(CASE WHEN m.meets_expectation THEN 1 ELSE 0 END)")
                  + from.sql + QStringLiteral(" GROUP BY r.issue_type"));
    from.bind(query);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot compute the success rates"), query.lastError());
    Success result;
    while (query.next()) {
        IssueSuccess issue;
        issue.issueType = query.value(0).toString();
        issue.completed = query.value(1).toLongLong();
        issue.met = query.value(2).toLongLong();
        result.completed += issue.completed;
        result.met += issue.met;
        result.byIssueType << issue;
    }
    sortByRate(result.byIssueType);
    return result;
}

Result<DashboardStatistics::Points> DashboardStatistics::points(const MeasurementWindow &window,
                                                               const std::function<bool(qint64)> &progress) const
{
    const CompletedInWindow from(m_database, window, m_clock(), true);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT r.estimated_improvement_pct, m.duration_improvement_pct, "
                                 "m.meets_expectation, m.recommendation_id, ")
                  + runColumns() + from.sql + QStringLiteral(" ORDER BY m.id"));
    from.bind(query);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the measurements"), query.lastError());
    Points points;
    while (query.next()) {
        points.append(SqlValue::toDouble(query.value(0)), query.value(1).toDouble(), query.value(2).toBool(),
                      query.value(3).toLongLong(), runVerdictOf(query.value(4)), SqlValue::toDouble(query.value(5)),
                      SqlValue::toDouble(query.value(6)));
        if (progress && points.size() % 8192 == 0 && !progress(points.size()))
            return Error::canceled();
    }
    return points;
}

Result<DashboardStatistics::Charts> DashboardStatistics::charts(const MeasurementWindow &window,
                                                               const std::function<bool(qint64)> &progress) const
{
    // Every completed measurement counts for success; those with an improvement (a before
    // duration above 0) are also binned and plotted.
    const CompletedInWindow from(m_database, window, m_clock(), false);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT m.duration_improvement_pct, m.meets_expectation, m.recommendation_id, "
                                 "r.issue_type, r.estimated_improvement_pct, ")
                  + runColumns() + from.sql + QStringLiteral(" ORDER BY m.id"));
    from.bind(query);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the measurements"), query.lastError());
    Charts charts;
    Points &points = charts.points;
    QList<double> improvements; // exact values, for the median
    QHash<QString, qsizetype> issueIndex;
    QList<IssueSuccess> &issues = charts.success.byIssueType;
    qint64 rows = 0;
    while (query.next()) {
        const bool met = query.value(1).toBool();
        const QString issueType = query.value(3).toString();
        auto found = issueIndex.constFind(issueType);
        if (found == issueIndex.cend()) {
            found = issueIndex.insert(issueType, issues.size());
            issues.append(IssueSuccess{issueType, 0, 0});
        }
        IssueSuccess &issue = issues[*found];
        ++issue.completed;
        issue.met += met ? 1 : 0;
        if (const std::optional<double> actual = SqlValue::toDouble(query.value(0))) {
            improvements << *actual;
            ++charts.distribution.counts[size_t(binOf(*actual))];
            points.append(SqlValue::toDouble(query.value(4)), *actual, met, query.value(2).toLongLong(),
                          runVerdictOf(query.value(5)), SqlValue::toDouble(query.value(6)),
                          SqlValue::toDouble(query.value(7)));
        }
        if (progress && ++rows % 8192 == 0 && !progress(rows))
            return Error::canceled();
    }
    if (query.lastError().isValid())
        return Database::sqlError(Text::tr("Cannot read the measurements"), query.lastError());
    query.finish();

    for (const IssueSuccess &issue : std::as_const(issues)) {
        charts.success.completed += issue.completed;
        charts.success.met += issue.met;
    }
    sortByRate(issues);

    // The median: the middle value, or the mean of the two middle ones.
    const qsizetype total = improvements.size();
    charts.distribution.total = total;
    if (total > 0) {
        const auto upper = improvements.begin() + total / 2;
        std::nth_element(improvements.begin(), upper, improvements.end());
        double median = *upper;
        if (total % 2 == 0)
            median = (median + *std::max_element(improvements.begin(), upper)) / 2.0;
        charts.distribution.median = median;
    }
    return charts;
}
