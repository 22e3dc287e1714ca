#include "calibration.h"

#include "improvement.h"
#include "measurementrepository.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Calibration {
namespace {

// The sums a row is computed from; adding them gives the row over all types.
struct Sums
{
    qint64 count = 0;
    double estimated = 0;
    double actual = 0;
    double difference = 0;
    double absoluteDifference = 0;
    double product = 0;
    double estimateSquared = 0;
    qint64 met = 0;

    Sums &operator+=(const Sums &other)
    {
        count += other.count;
        estimated += other.estimated;
        actual += other.actual;
        difference += other.difference;
        absoluteDifference += other.absoluteDifference;
        product += other.product;
        estimateSquared += other.estimateSquared;
        met += other.met;
        return *this;
    }
};

Row rowOf(const std::optional<QString> &issueType, const Sums &sums)
{
    Row row;
    row.issueType = issueType;
    row.count = sums.count;
    if (sums.count > 0) {
        const double n = double(sums.count);
        row.meanEstimatedPct = Improvement::roundToOneDecimal(sums.estimated / n);
        row.meanActualPct = Improvement::roundToOneDecimal(sums.actual / n);
        row.biasPct = Improvement::roundToOneDecimal(sums.difference / n);
        row.maePct = Improvement::roundToOneDecimal(sums.absoluteDifference / n);
        row.successRatePct = Improvement::roundToOneDecimal(double(sums.met) * 100.0 / n);
    }
    if (sums.estimateSquared != 0)
        row.factor = Improvement::roundToDecimals(sums.product / sums.estimateSquared, 2);
    return row;
}

} // namespace

Result<QList<Row>> compute(const Database &database, const MeasurementWindow &window, const QDateTime &now)
{
    // The window of the summary (SPEC §3.6), read from idx_measurements_recorded_at and
    // idx_recommendations_issue alone.
    const MeasurementWindowFilter filter(window, now);
    QString where = filter.where.isEmpty() ? QStringLiteral(" WHERE ") : filter.where + QStringLiteral(" AND ");
    where += QStringLiteral("m.completed_at IS NOT NULL AND m.duration_improvement_pct IS NOT NULL "
                            "AND r.estimated_improvement_pct IS NOT NULL");
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT r.issue_type, COUNT(*), SUM(r.estimated_improvement_pct), "
                                 "SUM(m.duration_improvement_pct), "
                                 "SUM(m.duration_improvement_pct - r.estimated_improvement_pct), "
                                 "SUM(ABS(m.duration_improvement_pct - r.estimated_improvement_pct)), "
                                 "SUM(r.estimated_improvement_pct * m.duration_improvement_pct), "
                                 "SUM(r.estimated_improvement_pct * r.estimated_improvement_pct), "
                                 "SUM(CASE WHEN m.meets_expectation THEN 1 ELSE 0 END) "
                                 "FROM measurements m")
                  + recommendationJoin(database) + where + QStringLiteral(" GROUP BY r.issue_type"));
    for (const QVariant &value : filter.values)
        query.addBindValue(value);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot compute the calibration of the estimates"), query.lastError());
    QList<std::pair<QString, Sums>> types;
    while (query.next()) {
        Sums sums;
        sums.count = query.value(1).toLongLong();
        sums.estimated = query.value(2).toDouble();
        sums.actual = query.value(3).toDouble();
        sums.difference = query.value(4).toDouble();
        sums.absoluteDifference = query.value(5).toDouble();
        sums.product = query.value(6).toDouble();
        sums.estimateSquared = query.value(7).toDouble();
        sums.met = query.value(8).toLongLong();
        types.append({query.value(0).toString(), sums});
    }
    if (query.lastError().isValid())
        return Database::sqlError(Text::tr("Cannot compute the calibration of the estimates"), query.lastError());
    // Code-point order on both databases (PostgreSQL's ORDER BY would follow its collation).
    std::sort(types.begin(), types.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<Row> rows;
    Sums all;
    for (const auto &[issueType, sums] : types) {
        rows << rowOf(issueType, sums);
        all += sums;
    }
    rows << rowOf(std::nullopt, all);
    return rows;
}

QHash<QString, double> usableFactors(const QList<Row> &rows)
{
    QHash<QString, double> factors;
    for (const Row &row : rows)
        if (row.issueType && row.factor && row.count >= MinimumCountForFactor)
            factors.insert(*row.issueType, *row.factor);
    return factors;
}

std::optional<double> calibratedEstimate(const std::optional<double> &estimatePct, const std::optional<double> &factor)
{
    if (!estimatePct || !factor)
        return std::nullopt;
    return Improvement::roundToOneDecimal(*estimatePct * *factor);
}

} // namespace Calibration
