#include "databasechangewatcher.h"

#include "database.h"

#include <QSqlQuery>

#include <utility>

DatabaseChangeWatcher::DatabaseChangeWatcher(const Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
    if (m_database.isPostgres())
        return;
    m_ownCommits = Database::commitsInThisProcess();
    m_seen = dataVersion();
    m_timer.setInterval(pollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &DatabaseChangeWatcher::poll);
    m_timer.start();
}

void DatabaseChangeWatcher::markSeen()
{
    if (m_database.isPostgres())
        return;
    m_ownCommits = Database::commitsInThisProcess();
    m_seen = dataVersion();
}

void DatabaseChangeWatcher::poll()
{
    const quint64 ownCommits = Database::commitsInThisProcess();
    const std::optional<qint64> now = dataVersion();
    if (!now || now == m_seen)
        return;
    m_seen = now;
    // This program committed meanwhile: the change is (at least in part) its own, and the
    // refresh that follows its work reads whatever else came with it.
    if (std::exchange(m_ownCommits, ownCommits) != ownCommits)
        return;
    emit changed();
}

std::optional<qint64> DatabaseChangeWatcher::dataVersion() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("PRAGMA data_version")) || !query.next())
        return std::nullopt; // the file went away or is locked for recovery: ask again later
    return query.value(0).toLongLong();
}
