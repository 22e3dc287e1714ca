#pragma once

#include "database.h"
#include "result.h"

#include <QHash>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <optional>

// Writes many rows with multi-row INSERT statements prepared once: one bound row per
// statement is slow on PostgreSQL (QT-NOTES §3.2: ~10x), and fewer calls help SQLite too.
// With a key column, a later row with the same key replaces the pending one, so an upsert
// statement never touches a row twice and "the last row wins".
class BatchInserter
{
public:
    // `head` is "INSERT INTO t (a, b, c)", `tail` what follows the VALUES list (ON CONFLICT …).
    BatchInserter(const Database &database, QString head, int columnCount, QString tail = {},
                  std::optional<int> keyColumn = std::nullopt);

    // Flushes this inserter first: rows referencing another table's pending rows need them.
    void setDependsOn(BatchInserter *other) { m_dependsOn = other; }

    Status add(QVariantList row);
    Status flush();

private:
    Status execute(QSqlQuery &query, const QList<QVariantList> &rows);
    QString statement(int rowCount) const;

    const Database &m_database;
    QString m_head;
    QString m_tail;
    int m_columnCount;
    int m_rowsPerStatement;
    std::optional<int> m_keyColumn;
    BatchInserter *m_dependsOn = nullptr;
    QList<QVariantList> m_pending;
    QHash<QString, qsizetype> m_pendingByKey;
    std::optional<QSqlQuery> m_fullStatement;
};
