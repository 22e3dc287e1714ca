#include "recommendationrepository.h"

#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

Result<std::optional<Recommendation>> RecommendationRepository::find(qint64 id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "SELECT id, job_id, issue_type, title, description, estimated_improvement_pct, status, "
        "created_at, implemented_at FROM recommendations WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read recommendation %1").arg(id),
                                  query.lastError());
    if (!query.next())
        return std::optional<Recommendation>();
    Recommendation recommendation;
    recommendation.id = query.value(0).toLongLong();
    recommendation.jobId = query.value(1).toString();
    recommendation.issueType = query.value(2).toString();
    recommendation.title = SqlValue::toString(query.value(3));
    recommendation.description = SqlValue::toString(query.value(4));
    recommendation.estimatedImprovementPct = SqlValue::toDouble(query.value(5));
    recommendation.status = query.value(6).toString();
    recommendation.createdAt = Database::fromSqlTimestamp(query.value(7));
    recommendation.implementedAt = Database::fromSqlTimestamp(query.value(8));
    return std::optional<Recommendation>(std::move(recommendation));
}

Result<qint64> RecommendationRepository::count() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM recommendations")) || !query.next())
        return Database::sqlError(Text::tr("Cannot count recommendations"), query.lastError());
    return query.value(0).toLongLong();
}

Result<QList<RecommendationRow>> RecommendationRepository::list(const QString &search,
                                                               const std::optional<QString> &issueType,
                                                               int limit, const QStringList &issueTypesNamed) const
{
    QStringList conditions;
    QVariantList values;
    if (!search.trimmed().isEmpty()) {
        const QString pattern = u'%' + search.trimmed().toLower() + u'%';
        QString named;
        if (!issueTypesNamed.isEmpty()) {
            QStringList marks(issueTypesNamed.size(), QStringLiteral("?"));
            named = QStringLiteral(" OR r.issue_type IN (%1)").arg(marks.join(QStringLiteral(", ")));
        }
        conditions << QStringLiteral("(LOWER(r.title) LIKE ? OR LOWER(r.job_id) LIKE ? OR LOWER(r.issue_type) LIKE ? "
                                     "OR CAST(r.id AS TEXT) = ?%1)").arg(named);
        values << pattern << pattern << pattern << search.trimmed();
        for (const QString &type : issueTypesNamed)
            values << type;
    }
    if (issueType) {
        conditions << QStringLiteral("r.issue_type = ?");
        values << *issueType;
    }
    const QString where = conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // The latest measurement's state through a correlated subquery on the recommendation index.
    query.prepare(QStringLiteral(
        "SELECT r.id, r.job_id, r.issue_type, r.title, r.description, r.estimated_improvement_pct, r.status, "
        "r.created_at, r.implemented_at, "
        "(SELECT COUNT(*) FROM measurements m WHERE m.recommendation_id = r.id), "
        "(SELECT CASE WHEN m.job_id_after IS NULL THEN 1 ELSE 2 END FROM measurements m "
        " WHERE m.recommendation_id = r.id ORDER BY m.id DESC LIMIT 1) "
        "FROM recommendations r") + where + QStringLiteral(" ORDER BY r.id DESC LIMIT ?"));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot list recommendations"), query.lastError());
    QList<RecommendationRow> rows;
    while (query.next()) {
        RecommendationRow row;
        Recommendation &r = row.recommendation;
        r.id = query.value(0).toLongLong();
        r.jobId = query.value(1).toString();
        r.issueType = query.value(2).toString();
        r.title = SqlValue::toString(query.value(3));
        r.description = SqlValue::toString(query.value(4));
        r.estimatedImprovementPct = SqlValue::toDouble(query.value(5));
        r.status = query.value(6).toString();
        r.createdAt = Database::fromSqlTimestamp(query.value(7));
        r.implementedAt = Database::fromSqlTimestamp(query.value(8));
        row.measurements = query.value(9).toLongLong();
        const int state = query.value(10).isNull() ? 0 : query.value(10).toInt();
        row.measured = state == 0 ? RecommendationRow::Measured::Never
                       : state == 1 ? RecommendationRow::Measured::Open
                                    : RecommendationRow::Measured::Completed;
        rows << row;
    }
    return rows;
}

Result<QStringList> RecommendationRepository::issueTypes() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT DISTINCT issue_type FROM recommendations ORDER BY issue_type")))
        return Database::sqlError(Text::tr("Cannot list issue types"), query.lastError());
    QStringList types;
    while (query.next())
        types << query.value(0).toString();
    return types;
}
