#pragma once

#include "result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <utility>

// SQLite has no ALTER TABLE … ALTER COLUMN: a column's type changes only by rebuilding the
// table, the way SQLite's documentation describes it ("ALTER TABLE", section "Making Other
// Kinds Of Table Schema Changes"). The copy is created from the table's own CREATE statement
// with the new types, so every column, CHECK, default and foreign key stays as it was; the
// rows are copied, the old table dropped and the copy renamed; its indexes and triggers are
// created again from their own statements; an AUTOINCREMENT counter keeps its value.
//
// Runs inside the caller's transaction. Foreign keys must be off (PRAGMA foreign_keys=OFF,
// which SQLite only accepts outside a transaction): dropping a referenced table with them on
// would delete the referencing rows (ON DELETE CASCADE) or fail.
namespace SqliteTableRebuild {

struct ColumnType
{
    QString column; // as named in the CREATE statement
    QString type;   // the new declared type, e.g. "REAL"
};

Status retype(const QSqlDatabase &connection, const QString &table, const QList<ColumnType> &columns);

// Whether the foreign keys still hold after a rebuild (PRAGMA foreign_key_check).
Status checkForeignKeys(const QSqlDatabase &connection);

} // namespace SqliteTableRebuild
