#pragma once

#include "database.h"
#include "importreport.h"
#include "result.h"

#include <QStringList>

class QIODevice;

// Imports job history: our generic CSV (SPEC §4) or an engine's own export (Snowflake,
// BigQuery CSV/JSON/NDJSON, Dremio, Databricks, pg_stat_statements snapshots, Trino), the
// format recognised from the header or named (ImportOptions::format). Every metric is
// converted to SPEC units; a metric the engine lacks stays NULL.
//
// All or nothing: the file is read as a stream inside one transaction, and one bad record
// rejects it with FILE:LINE: column 'NAME': … (or the JSON path) with nothing written —
// unless skipInvalid, which imports the valid records and lists the others in the report.
// A job that exists is replaced in the columns the format has; the others keep their values.
class JobImporter
{
public:
    explicit JobImporter(const Database &database) : m_database(database) {}

    Result<ImportReport> importFile(const QString &path, const ImportOptions &options = {}) const
    {
        return importFiles({path}, options);
    }
    // Two files only for pg_stat_statements: two snapshots, measured as their difference.
    Result<ImportReport> importFiles(const QStringList &paths, const ImportOptions &options = {}) const;

    // Reads and converts `device` as `path` would be, without a database: every check of an
    // import except the writing. The fuzz target drives it.
    static Result<ImportReport> check(QIODevice *device, const QString &path, const ImportOptions &options = {});

private:
    const Database &m_database;
};
