#include "sqlitetablerebuild.h"

#include "database.h"
#include "text.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace SqliteTableRebuild {
namespace {

Status run(QSqlQuery &query, const QString &sql, const QString &table)
{
    if (!query.exec(sql))
        return Database::sqlError(Text::tr("Cannot rebuild table %1").arg(table), query.lastError());
    return success();
}

Result<qint64> rowCount(QSqlQuery &query, const QString &table)
{
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(table)) || !query.next())
        return Database::sqlError(Text::tr("Cannot rebuild table %1").arg(table), query.lastError());
    return query.value(0).toLongLong();
}

} // namespace

Status retype(const QSqlDatabase &connection, const QString &table, const QList<ColumnType> &columns)
{
    QSqlQuery query(connection);
    auto failure = [&table](const QString &why) {
        return Error::database(Text::tr("Cannot rebuild table %1: %2").arg(table, why));
    };
    query.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(table);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot rebuild table %1").arg(table), query.lastError());
    if (!query.next())
        return failure(Text::tr("no such table"));
    QString create = query.value(0).toString();

    // A column definition is its name, then its declared type: one word with an optional (n) or
    // (n, m), as every column of ours is declared. The name must not be a part of a longer one
    // (duration_ms in before_duration_ms), nor be followed by an operator (CHECK (duration_ms >= 0)).
    static const QStringList constraintWords{
        QStringLiteral("NOT"),     QStringLiteral("NULL"),       QStringLiteral("PRIMARY"),
        QStringLiteral("UNIQUE"),  QStringLiteral("CHECK"),      QStringLiteral("DEFAULT"),
        QStringLiteral("COLLATE"), QStringLiteral("REFERENCES"), QStringLiteral("CONSTRAINT"),
        QStringLiteral("GENERATED"), QStringLiteral("AS")};
    for (const ColumnType &change : columns) {
        const QRegularExpression definition(
            QStringLiteral(R"((?<![\w"])("?%1"?\s+)([A-Za-z_]+)(\s*\(\s*\d+\s*(?:,\s*\d+\s*)?\))?)")
                .arg(QRegularExpression::escape(change.column)),
            QRegularExpression::CaseInsensitiveOption);
        QList<QRegularExpressionMatch> found;
        for (auto it = definition.globalMatch(create); it.hasNext();) {
            QRegularExpressionMatch match = it.next();
            if (!constraintWords.contains(match.captured(2).toUpper()))
                found << match;
        }
        if (found.size() != 1)
            return failure(Text::tr("column %1 is declared %2 times").arg(change.column).arg(found.size()));
        const QRegularExpressionMatch &match = found.first();
        create.replace(match.capturedStart(0), match.capturedLength(0), match.captured(1) + change.type);
    }
    const QString copy = table + QStringLiteral("_rebuilt");
    const QRegularExpression head(QStringLiteral(R"(^\s*CREATE\s+TABLE\s+("?)%1\1)").arg(QRegularExpression::escape(table)),
                                  QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch named = head.match(create);
    if (!named.hasMatch())
        return failure(Text::tr("its CREATE statement was not understood"));
    create.replace(named.capturedStart(0), named.capturedLength(0), QStringLiteral("CREATE TABLE \"%1\"").arg(copy));

    // Indexes and triggers, as their own statements (automatic indexes of constraints have none).
    QStringList dependents;
    query.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                                 "AND tbl_name = ? AND sql IS NOT NULL"));
    query.addBindValue(table);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot rebuild table %1").arg(table), query.lastError());
    while (query.next())
        dependents << query.value(0).toString();

    // An AUTOINCREMENT counter may be above the largest id (rows deleted): keep it.
    std::optional<qint64> sequence;
    if (connection.tables(QSql::AllTables).contains(QStringLiteral("sqlite_sequence"))) {
        query.prepare(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = ?"));
        query.addBindValue(table);
        if (!query.exec())
            return Database::sqlError(Text::tr("Cannot rebuild table %1").arg(table), query.lastError());
        if (query.next())
            sequence = query.value(0).toLongLong();
    }

    const auto before = rowCount(query, table);
    if (!before)
        return before.error();
    for (const QString &sql : {create, QStringLiteral("INSERT INTO \"%1\" SELECT * FROM \"%2\"").arg(copy, table),
                               QStringLiteral("DROP TABLE \"%1\"").arg(table),
                               QStringLiteral("ALTER TABLE \"%1\" RENAME TO \"%2\"").arg(copy, table)}) {
        if (Status done = run(query, sql, table); !done)
            return done;
    }
    for (const QString &sql : std::as_const(dependents)) {
        if (Status done = run(query, sql, table); !done)
            return done;
    }
    if (sequence) {
        query.prepare(QStringLiteral("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?"));
        query.addBindValue(*sequence);
        query.addBindValue(table);
        if (!query.exec())
            return Database::sqlError(Text::tr("Cannot rebuild table %1").arg(table), query.lastError());
    }
    const auto after = rowCount(query, table);
    if (!after)
        return after.error();
    if (*after != *before)
        return failure(Text::tr("%1 rows before, %2 after").arg(*before).arg(*after));
    return success();
}

Status checkForeignKeys(const QSqlDatabase &connection)
{
    QSqlQuery query(connection);
    if (!query.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return Database::sqlError(Text::tr("Cannot check the foreign keys"), query.lastError());
    if (query.next())
        return Error::database(Text::tr("A row of table %1 refers to a missing row of table %2")
                                   .arg(query.value(0).toString(), query.value(2).toString()));
    return success();
}

} // namespace SqliteTableRebuild
