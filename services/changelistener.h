#pragma once

#include "changenotice.h"
#include "result.h"

#include <QObject>
#include <QSqlDriver>
#include <QTimer>

class Database;
class DatabaseChangeWatcher;

// Reports the writes other programs commit to the database (SPEC §7), one ChangeNotice each.
// On PostgreSQL it LISTENs on the connection it is given for the notices every Transaction
// sends (table, rows, who); on SQLite, where a commit leaves no such trace, it polls PRAGMA
// data_version (DatabaseChangeWatcher) and its notices know only when. Either way it needs the
// event loop of the thread the connection belongs to.
//
// A PostgreSQL connection that drops (a server restart, a network gone) says nothing by
// itself, and Qt 6.4 does not LISTEN again after reopening it (QT-NOTES §3.5): the listener
// asks the server every few seconds, reconnects with back-off and subscribes again.
class ChangeListener : public QObject
{
    Q_OBJECT

public:
    static constexpr int checkIntervalMs = 3000;
    static constexpr int firstRetryMs = 1000;
    static constexpr int longestRetryMs = 30000;

    // `database` must outlive the listener and belong to this thread.
    explicit ChangeListener(const Database &database, QObject *parent = nullptr);
    ~ChangeListener() override;

    // Starts listening. Once it returned, no commit that follows is missed.
    Status start();

signals:
    void noticed(const ChangeNotice &notice);
    // The server went away; `message` says how. Reconnecting is tried meanwhile.
    void connectionLost(const QString &message);
    // Listening again. What others committed meanwhile was not heard: a notice that knows
    // nothing but its time follows.
    void reconnected();

private:
    Status subscribe();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void checkConnection();
    void tryToReconnect();

    const Database &m_database;
    DatabaseChangeWatcher *m_watcher = nullptr;
    QTimer m_check;
    QTimer m_retry;
};
