#pragma once

#include "database.h"
#include "result.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

// Drops the secondary indexes of the tables a bulk load fills, and creates them again
// afterwards, inside the load's transaction. SQLite only: there the statements that made
// them are at hand in sqlite_master.
class SuspendedIndexes
{
public:
    SuspendedIndexes(const Database &database, QStringList tables)
        : m_database(database), m_tables(std::move(tables))
    {
    }

    Status suspend()
    {
        if (m_database.isPostgres())
            return success();
        QSqlQuery query(m_database.connection());
        QStringList quoted;
        for (const QString &table : std::as_const(m_tables))
            quoted << u'\'' + table + u'\'';
        if (!query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                       "AND sql IS NOT NULL AND tbl_name IN (%1)")
                            .arg(quoted.join(u','))))
            return Database::sqlError(Text::tr("Cannot list indexes"), query.lastError());
        QStringList names;
        while (query.next()) {
            names << query.value(0).toString();
            m_definitions << query.value(1).toString();
        }
        query.finish();
        for (const QString &name : std::as_const(names))
            if (!query.exec(QStringLiteral("DROP INDEX ") + name))
                return Database::sqlError(Text::tr("Cannot drop index %1").arg(name), query.lastError());
        return success();
    }

    Status restore()
    {
        QSqlQuery query(m_database.connection());
        for (const QString &definition : std::as_const(m_definitions))
            if (!query.exec(definition))
                return Database::sqlError(Text::tr("Cannot rebuild an index"), query.lastError());
        m_definitions.clear();
        return success();
    }

private:
    const Database &m_database;
    QStringList m_tables;
    QStringList m_definitions;
};

