#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <optional>

// A recommendation as the Recommendations page lists it: with the state of its latest
// measurement.
struct RecommendationRow
{
    Recommendation recommendation;
    enum class Measured { Never, Open, Completed } measured = Measured::Never;
    qint64 measurements = 0;
};

// Reads recommendations.
class RecommendationRepository
{
public:
    explicit RecommendationRepository(const Database &database) : m_database(database) {}

    // The newest `limit` recommendations whose id, title, job or issue type contains
    // `search` (all when empty), of one issue type when given. The window shows issue types in
    // words, which the services cannot translate: it names the types whose words contain
    // `search` in `issueTypesNamed`, and those match too.
    Result<QList<RecommendationRow>> list(const QString &search, const std::optional<QString> &issueType,
                                          int limit, const QStringList &issueTypesNamed = {}) const;
    Result<QStringList> issueTypes() const;

    Result<std::optional<Recommendation>> find(qint64 id) const;
    Result<qint64> count() const;

private:
    const Database &m_database;
};
