#pragma once

#include "database.h"
#include "importreport.h"
#include "result.h"

// Imports job history in our generic CSV (SPEC §4): a header naming columns of `queries`
// and `profiles`, job_id and duration_ms required. All or nothing: one bad row rejects the
// file with FILE:LINE: column 'NAME': …, and nothing is written. A job that exists is
// replaced in the columns the file has; the columns it lacks keep their values.
class JobImporter
{
public:
    explicit JobImporter(const Database &database) : m_database(database) {}

    Result<ImportReport> importFile(const QString &path, const ImportOptions &options = {}) const;

    static const QStringList &queryColumns();
    static const QStringList &profileColumns();

private:
    const Database &m_database;
};
