#include "batchinserter.h"

#include "sqlitefile.h"
#include "text.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>
#include <QStringList>

#include <algorithm>

BatchInserter::BatchInserter(const Database &database, QString head, int columnCount, QString tail,
                             std::optional<int> keyColumn)
    : m_database(database), m_head(std::move(head)), m_tail(std::move(tail)),
      m_columnCount(columnCount), m_keyColumn(keyColumn)
{
    // SQLite runs a prepared one-row statement fastest (QT-NOTES §3.2), and parses long
    // placeholder lists slowly. PostgreSQL pays a round trip per statement, so it gets
    // multi-row statements, kept well below its 65535-placeholder limit.
    m_rowsPerStatement = database.isPostgres() ? std::clamp(4000 / std::max(1, columnCount), 1, 500) : 1;
    m_pending.reserve(m_rowsPerStatement);
    if (!database.isPostgres()) {
        const QVariant handle = database.connection().driver()->handle();
        // Only when QSQLITE links the library this program does: a second copy of SQLite would
        // run this connection with a lock table of its own (sqlitefile.h).
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
            && SqliteFile::qtUsesOurSqliteLibrary())
            m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
    }
}

void BatchInserter::setOnWritten(QString keyColumnName, std::function<void(const QVariant &)> onWritten)
{
    Q_ASSERT(m_pending.isEmpty() && !m_batchStatement && !m_rowStatement && !m_nativeStatement);
    m_returning = std::move(keyColumnName);
    m_onWritten = std::move(onWritten);
}

BatchInserter::~BatchInserter()
{
    if (m_nativeStatement)
        sqlite3_finalize(m_nativeStatement);
}

Status BatchInserter::executeNative(const QVariantList &row)
{
    auto failure = [this](const QString &what) {
        return Error::database(QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_sqlite))));
    };
    if (!m_nativeStatement) {
        const QByteArray sql = statement(1).toUtf8();
        if (sqlite3_prepare_v2(m_sqlite, sql.constData(), int(sql.size()), &m_nativeStatement, nullptr)
            != SQLITE_OK)
            return failure(Text::tr("Cannot prepare a write"));
    }
    for (int i = 0; i < int(row.size()); ++i) {
        const QVariant &value = row.at(i);
        int bound;
        if (value.isNull()) {
            bound = sqlite3_bind_null(m_nativeStatement, i + 1);
        } else {
            switch (value.typeId()) {
            case QMetaType::LongLong:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Bool:
                bound = sqlite3_bind_int64(m_nativeStatement, i + 1, value.toLongLong());
                break;
            case QMetaType::Double:
                bound = sqlite3_bind_double(m_nativeStatement, i + 1, value.toDouble());
                break;
            case QMetaType::QByteArray: {
                // UTF-8 already; the row outlives the step, and every column is bound anew
                // for the next one.
                const auto *text = static_cast<const QByteArray *>(value.constData());
                bound = sqlite3_bind_text(m_nativeStatement, i + 1, text->constData(), int(text->size()),
                                          SQLITE_STATIC);
                break;
            }
            default: {
                const QByteArray text = value.toString().toUtf8();
                bound = sqlite3_bind_text(m_nativeStatement, i + 1, text.constData(),
                                          int(text.size()), SQLITE_TRANSIENT);
                break;
            }
            }
        }
        if (bound != SQLITE_OK)
            return failure(Text::tr("Cannot bind a value"));
    }
    const int stepped = sqlite3_step(m_nativeStatement);
    sqlite3_reset(m_nativeStatement);
    if (stepped != SQLITE_DONE)
        return Error::database(Text::tr("Cannot write rows: %1")
                                   .arg(QString::fromUtf8(sqlite3_errstr(stepped))));
    if (m_onWritten && sqlite3_changes(m_sqlite) > 0)
        m_onWritten(row.at(0));
    return success();
}

QString BatchInserter::statement(int rowCount) const
{
    const QString row = u'(' + QStringList(m_columnCount, QStringLiteral("?")).join(u',') + u')';
    QString sql = m_head + QStringLiteral(" VALUES ") + QStringList(rowCount, row).join(u',') + u' ' + m_tail;
    if (m_onWritten && !m_sqlite)
        sql += QStringLiteral(" RETURNING ") + m_returning;
    return sql;
}

Status BatchInserter::add(QVariantList row)
{
    Q_ASSERT(row.size() == m_columnCount);
    if (m_keyColumn && m_rowsPerStatement > 1) {
        // PostgreSQL refuses one key twice in a statement ("cannot affect row a second time"):
        // write what is pending first, so that rows reach the table in order, as on SQLite.
        const QString key = row.at(*m_keyColumn).toString();
        if (m_pendingByKey.contains(key)) {
            if (Status flushed = flush(); !flushed)
                return flushed;
        }
        m_pendingByKey.insert(key, m_pending.size());
    }
    m_pending.append(std::move(row));
    if (m_pending.size() >= m_rowsPerStatement)
        return flush();
    return success();
}

Status BatchInserter::execute(std::optional<QSqlQuery> &statement, int rowCount, qsizetype first)
{
    if (!statement) {
        statement.emplace(m_database.connection());
        statement->setForwardOnly(true);
        if (!statement->prepare(this->statement(rowCount)))
            return Database::sqlError(Text::tr("Cannot prepare a write"), statement->lastError());
    }
    for (qsizetype row = first; row < first + rowCount; ++row)
        for (const QVariant &value : std::as_const(m_pending.at(row)))
            statement->addBindValue(value);
    if (!statement->exec())
        return Database::sqlError(Text::tr("Cannot write rows"), statement->lastError());
    if (m_onWritten)
        while (statement->next())
            m_onWritten(statement->value(0));
    return success();
}

Status BatchInserter::flush()
{
    if (m_dependsOn) {
        if (Status flushed = m_dependsOn->flush(); !flushed)
            return flushed;
    }
    // Whole batches through the multi-row statement; a remainder (a flush forced by a
    // dependent table or the end of the input) row by row through a one-row statement, so
    // that no statement is prepared more than once.
    Status written = success();
    if (m_sqlite)
        for (qsizetype row = 0; written && row < m_pending.size(); ++row)
            written = executeNative(m_pending.at(row));
    else if (m_pending.size() == m_rowsPerStatement)
        written = execute(m_batchStatement, m_rowsPerStatement, 0);
    else
        for (qsizetype row = 0; written && row < m_pending.size(); ++row)
            written = execute(m_rowStatement, 1, row);
    m_pending.clear();
    m_pendingByKey.clear();
    return written;
}
