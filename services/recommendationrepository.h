#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <optional>

// Reads recommendations.
class RecommendationRepository
{
public:
    explicit RecommendationRepository(const Database &database) : m_database(database) {}

    Result<std::optional<Recommendation>> find(qint64 id) const;
    Result<qint64> count() const;

private:
    const Database &m_database;
};
