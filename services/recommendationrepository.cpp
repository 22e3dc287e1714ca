#include "recommendationrepository.h"

#include "sqlvalues.h"

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
        return Database::sqlError(QStringLiteral("Cannot read recommendation %1").arg(id),
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
        return Database::sqlError(QStringLiteral("Cannot count recommendations"), query.lastError());
    return query.value(0).toLongLong();
}
