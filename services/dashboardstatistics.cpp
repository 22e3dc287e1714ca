#include "dashboardstatistics.h"

#include "measurementrepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace {

// The FROM clause and conditions of "completed measurements with an improvement in the window".
struct CompletedInWindow
{
    QString sql;
    QVariantList values;

    // The join to recommendations costs a lookup per row: only when asked or filtered for.
    CompletedInWindow(const MeasurementWindow &window, const QDateTime &now, bool withImprovement,
                      bool withRecommendation = true)
    {
        const MeasurementWindowFilter filter(window, now);
        const bool join = withRecommendation || window.issueType;
        sql = QStringLiteral(" FROM measurements m")
              + (join ? QStringLiteral(" JOIN recommendations r ON r.id = m.recommendation_id") : QString())
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

} // namespace

QString DashboardStatistics::binLabel(int bin)
{
    // Short ASCII labels: a bar is narrow, and Qt Charts elides what does not fit.
    if (bin == 0)
        return QStringLiteral("-∞");
    return QString::number(-50 + 10 * (bin - 1));
}

Result<DashboardStatistics::Distribution> DashboardStatistics::distribution(const MeasurementWindow &window) const
{
    const CompletedInWindow from(window, m_clock(), true, false);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, COUNT(*)").arg(binExpression()) + from.sql
                  + QStringLiteral(" GROUP BY 1"));
    from.bind(query);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot compute the distribution"), query.lastError());
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
            return Database::sqlError(QStringLiteral("Cannot compute the median"), pick.lastError());
        middle << pick.value(0).toDouble();
        if (result.total % 2 == 1)
            break;
    }
    result.median = middle.size() == 1 ? middle.first() : (middle.first() + middle.last()) / 2.0;
    return result;
}

Result<DashboardStatistics::Success> DashboardStatistics::success(const MeasurementWindow &window) const
{
    const CompletedInWindow from(window, m_clock(), false);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT r.issue_type, COUNT(*), "
                                 "SUM(CASE WHEN m.meets_expectation THEN 1 ELSE 0 END)")
                  + from.sql + QStringLiteral(" GROUP BY r.issue_type"));
    from.bind(query);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot compute the success rates"), query.lastError());
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
    std::stable_sort(result.byIssueType.begin(), result.byIssueType.end(),
                     [](const IssueSuccess &a, const IssueSuccess &b) {
                         return a.ratePct() != b.ratePct() ? a.ratePct() > b.ratePct() : a.issueType < b.issueType;
                     });
    return result;
}

Result<DashboardStatistics::Points> DashboardStatistics::points(const MeasurementWindow &window,
                                                               const std::function<bool(qint64)> &progress) const
{
    const CompletedInWindow from(window, m_clock(), true);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT COALESCE(r.estimated_improvement_pct, 0), m.duration_improvement_pct, "
                                 "m.meets_expectation, m.recommendation_id")
                  + from.sql + QStringLiteral(" ORDER BY m.id"));
    from.bind(query);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot read the measurements"), query.lastError());
    Points points;
    while (query.next()) {
        const double actual = query.value(1).toDouble();
        points.estimated << float(query.value(0).toDouble());
        points.actual << float(actual);
        points.verdicts << (actual < 0 ? PointVerdict::Regression
                            : query.value(2).toBool() ? PointVerdict::Met
                                                      : PointVerdict::Underperformed);
        points.recommendationIds << query.value(3).toLongLong();
        if (progress && points.size() % 8192 == 0 && !progress(points.size()))
            return Error::canceled();
    }
    return points;
}
