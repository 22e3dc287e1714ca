#pragma once

#include "database.h"
#include "result.h"

#include <QHash>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

// Writes many rows through statements prepared once: on SQLite one-row statements bound
// through SQLite's own API on QSQLITE's connection (QSqlResult names every positional
// placeholder with a formatted string, which cost a third of a million-row load); on
// PostgreSQL multi-row INSERTs, where one row per statement is ~10x slower (QT-NOTES §3.2).
// With a key column, a row whose key is already pending first writes what is pending, so a
// multi-row upsert never touches a row twice and rows reach the table in order.
class BatchInserter
{
public:
    // `head` is "INSERT INTO t (a, b, c)", `tail` what follows the VALUES list (ON CONFLICT …).
    BatchInserter(const Database &database, QString head, int columnCount, QString tail = {},
                  std::optional<int> keyColumn = std::nullopt);
    ~BatchInserter();
    BatchInserter(const BatchInserter &) = delete;
    BatchInserter &operator=(const BatchInserter &) = delete;

    // Flushes this inserter first: rows referencing another table's pending rows need them.
    void setDependsOn(BatchInserter *other) { m_dependsOn = other; }

    // Called with the first value (the key) of every row the database actually inserted or
    // changed: an upsert whose DO UPDATE … WHERE found nothing different is not reported.
    // `keyColumnName` names that column for PostgreSQL's RETURNING.
    void setOnWritten(QString keyColumnName, std::function<void(const QVariant &key)> onWritten);

    // Text may come as QString, or (SQLite) already as UTF-8 in a QByteArray, bound as text
    // without a copy.
    Status add(QVariantList row);
    Status flush();

private:
    Status execute(std::optional<QSqlQuery> &statement, int rowCount, qsizetype first);
    Status executeNative(const QVariantList &row);
    QString statement(int rowCount) const;

    const Database &m_database;
    QString m_head;
    QString m_tail;
    int m_columnCount;
    int m_rowsPerStatement;
    std::optional<int> m_keyColumn;
    BatchInserter *m_dependsOn = nullptr;
    QString m_returning;
    std::function<void(const QVariant &)> m_onWritten;
    QList<QVariantList> m_pending;
    QHash<QString, qsizetype> m_pendingByKey;
    std::optional<QSqlQuery> m_batchStatement; // m_rowsPerStatement rows
    std::optional<QSqlQuery> m_rowStatement;   // one row
    sqlite3 *m_sqlite = nullptr;               // QSQLITE's handle, when on SQLite
    sqlite3_stmt *m_nativeStatement = nullptr;
};
