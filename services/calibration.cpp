#include "calibration.h"

#include "calibrationsums.h"

#include "improvement.h"
#include "measurementrepository.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Calibration {
namespace {

using Detail::Sums;

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

namespace {

// The sums per issue type through SQL: one GROUP BY (PostgreSQL hashes it).
Result<QList<std::pair<QString, Sums>>> sumsFromSql(const Database &database, const MeasurementWindowFilter &filter)
{
    // The window of the summary (SPEC §3.6), read from idx_measurements_recorded_at and
    // idx_recommendations_issue alone.
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
    return types;
}

} // namespace

Result<QList<Row>> compute(const Database &database, const MeasurementWindow &window, const QDateTime &now)
{
    const MeasurementWindowFilter filter(window, now);
    std::optional<Result<QList<std::pair<QString, Sums>>>> read = Detail::sumsFromSqlite(
        database, filter.bounded ? std::optional(filter.values.first().toString()) : std::nullopt, window.issueType);
    if (!read)
        read = sumsFromSql(database, filter);
    if (!*read)
        return read->error();
    QList<std::pair<QString, Sums>> types = std::move(*read).value();
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
