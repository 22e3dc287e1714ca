#pragma once

#include "database.h"
#include "result.h"

#include <QSqlDatabase>

// Numbered, transactional, forward-only schema migrations, recorded in schema_migrations
// (SPEC §2). Each migration runs in its own transaction with the schema_migrations row.
namespace Migrations {

int latestVersion();

// The version recorded in the database; 0 for an empty database.
Result<int> currentVersion(const QSqlDatabase &connection);

// Applies the migrations after the current version, up to `target` (latest by default).
// Refuses a database whose schema is newer than this program.
Status migrate(const QSqlDatabase &connection, Database::Backend backend, int target = -1);

} // namespace Migrations
