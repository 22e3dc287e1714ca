#include "batchinserter.h"

#include <QSqlError>
#include <QStringList>

#include <algorithm>

BatchInserter::BatchInserter(const Database &database, QString head, int columnCount, QString tail,
                             std::optional<int> keyColumn)
    : m_database(database), m_head(std::move(head)), m_tail(std::move(tail)),
      m_columnCount(columnCount), m_keyColumn(keyColumn)
{
    // Both SQLite (32766) and PostgreSQL (65535) limit the placeholders of one statement.
    m_rowsPerStatement = std::clamp(30000 / std::max(1, columnCount), 1, 500);
    m_pending.reserve(m_rowsPerStatement);
}

QString BatchInserter::statement(int rowCount) const
{
    const QString row = u'(' + QStringList(m_columnCount, QStringLiteral("?")).join(u',') + u')';
    return m_head + QStringLiteral(" VALUES ") + QStringList(rowCount, row).join(u',') + u' '
           + m_tail;
}

Status BatchInserter::add(QVariantList row)
{
    Q_ASSERT(row.size() == m_columnCount);
    if (m_keyColumn) {
        const QString key = row.at(*m_keyColumn).toString();
        const auto found = m_pendingByKey.constFind(key);
        if (found != m_pendingByKey.cend()) {
            m_pending[*found] = std::move(row);
            return success();
        }
        m_pendingByKey.insert(key, m_pending.size());
    }
    m_pending.append(std::move(row));
    if (m_pending.size() >= m_rowsPerStatement)
        return flush();
    return success();
}

Status BatchInserter::execute(QSqlQuery &query, const QList<QVariantList> &rows)
{
    for (const QVariantList &row : rows)
        for (const QVariant &value : row)
            query.addBindValue(value);
    if (!query.exec())
        return Database::sqlError(QStringLiteral("Cannot write rows"), query.lastError());
    return success();
}

Status BatchInserter::flush()
{
    if (m_dependsOn) {
        if (Status flushed = m_dependsOn->flush(); !flushed)
            return flushed;
    }
    if (m_pending.isEmpty())
        return success();
    Status written = success();
    if (m_pending.size() == m_rowsPerStatement) {
        if (!m_fullStatement) {
            m_fullStatement.emplace(m_database.connection());
            if (!m_fullStatement->prepare(statement(m_rowsPerStatement)))
                return Database::sqlError(QStringLiteral("Cannot prepare a write"),
                                          m_fullStatement->lastError());
        }
        written = execute(*m_fullStatement, m_pending);
    } else {
        QSqlQuery query(m_database.connection());
        if (!query.prepare(statement(int(m_pending.size()))))
            return Database::sqlError(QStringLiteral("Cannot prepare a write"), query.lastError());
        written = execute(query, m_pending);
    }
    m_pending.clear();
    m_pendingByKey.clear();
    return written;
}
