#pragma once

#include "database.h"
#include "importreport.h"
#include "result.h"

// Imports recommendations from CSV (SPEC §4): job_id and issue_type required; id, title,
// description, estimated_improvement_pct, status, created_at, implemented_at optional.
// A job_id that is not in `queries` rejects the file; an existing id is replaced in the
// columns the file has; status defaults to open. All or nothing.
class RecommendationImporter
{
public:
    explicit RecommendationImporter(const Database &database) : m_database(database) {}

    Result<ImportReport> importFile(const QString &path, const ImportOptions &options = {}) const;

    static const QStringList &columns();

private:
    const Database &m_database;
};
