#pragma once

#include <QObject>
#include <QTimer>

#include <optional>

class Database;

// Tells when another connection committed to the database: another process on the same
// SQLite file (a command-line import while the window is open), or a worker of this one
// (SPEC §7). On SQLite it polls PRAGMA data_version on the connection it is given, every
// 250 ms: the value changes when any other connection commits, never for the connection's own
// writes, and reading it touches only the shared-memory index, not the file. PostgreSQL's
// change notices are read by ChangeListener (LISTEN), not here: there it never signals.
class DatabaseChangeWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int pollIntervalMs = 250;

    // `database` must outlive the watcher and belong to this thread.
    explicit DatabaseChangeWatcher(const Database &database, QObject *parent = nullptr);

    // What the database holds now counts as seen: call it before reading, so that a commit
    // the reads already include is not reported again.
    void markSeen();

signals:
    // Another program committed since the last markSeen() or changed(). A commit of another
    // connection of this program (a worker's import) is not reported: whoever started it
    // refreshes when it ends.
    void changed();

private:
    void poll();
    std::optional<qint64> dataVersion() const;

    const Database &m_database;
    QTimer m_timer;
    std::optional<qint64> m_seen;
    quint64 m_ownCommits = 0; // Database::commitsInThisProcess() when m_seen was read
};
