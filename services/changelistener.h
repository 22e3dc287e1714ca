#pragma once

#include "changenotice.h"
#include "result.h"

#include <QObject>
#include <QSqlDriver>

class Database;
class DatabaseChangeWatcher;

// Reports the writes other programs commit to the database (SPEC §7), one ChangeNotice each.
// On PostgreSQL it LISTENs on the connection it is given for the notices every Transaction
// sends (table, rows, who); on SQLite, where a commit leaves no such trace, it polls PRAGMA
// data_version (DatabaseChangeWatcher) and its notices know only when. Either way it needs the
// event loop of the thread the connection belongs to.
class ChangeListener : public QObject
{
    Q_OBJECT

public:
    // `database` must outlive the listener and belong to this thread.
    explicit ChangeListener(const Database &database, QObject *parent = nullptr);
    ~ChangeListener() override;

    // Starts listening. Once it returned, no commit that follows is missed.
    Status start();

signals:
    void noticed(const ChangeNotice &notice);

private:
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);

    const Database &m_database;
    DatabaseChangeWatcher *m_watcher = nullptr;
};
