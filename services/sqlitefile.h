#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

// What Optimeter checks about an SQLite database file around SQLite, and the doors of SQLite's
// "How To Corrupt An SQLite Database File" (https://www.sqlite.org/howtocorrupt.html) that
// apply to us. SQLite keeps its locks as POSIX advisory locks, and a process loses all of them
// on a file when it closes *any* descriptor of that file (§2.2): so nothing here opens the
// database or its -wal, -shm or -journal. Paths are looked at with stat() and statfs() only,
// and whether a file is a database at all is SQLite's own answer (SQLITE_NOTADB).
namespace SqliteFile {

// Refusals before SQLite opens `path`: a folder, a missing folder, a file this user cannot
// read, and a journal or WAL left without its database (a new database would pick it up,
// §2.4 "mispairing").
Status checkBeforeOpen(const QString &path);

// What the user should know before relying on the file: it lies on a network file system,
// whose locks SQLite cannot trust (§2.1), or it has other hard links, each of which would get
// a journal of its own (§2.5). Empty when all is well.
QStringList warnings(const QString &path);

// True for the file system types, as /proc/self/mountinfo names them ("nfs4", "cifs",
// "fuse.sshfs"), whose advisory locks SQLite cannot rely on.
bool isNetworkFileSystem(const QByteArray &type);

// True when `path` is the database at `databasePath` or one of its companions (-wal, -shm,
// -journal), by name or, for files that exist, by device and inode. Importing one would open
// and close it (losing the locks); writing one would replace the database under its users.
bool isPartOfDatabase(const QString &path, const QString &databasePath);

// The SQLite files this process has open: Database registers each connection's file.
void registerOpen(const QString &databasePath);
void unregisterOpen(const QString &databasePath);

// Refuses to read `path` as an input file (an import) when it is part of a database this
// process has open: opening and closing it would drop the process's locks.
Status checkInput(const QString &path);
// Refuses to write `path` (a report, a chart, a screenshot) when it is part of a database
// this process has open, or when it is any other SQLite database (its header is read only
// when no connection of this process has the file open).
Status checkOutput(const QString &path);

// True when Qt's QSQLITE plugin, once loaded, calls the same SQLite library as this program
// (§6.1: two copies of SQLite in one process keep two lock tables, and each believes the
// other's locks do not exist). BatchInserter drives QSQLITE's connection through SQLite's own
// API only then.
bool qtUsesOurSqliteLibrary();

} // namespace SqliteFile
