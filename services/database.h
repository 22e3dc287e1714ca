#pragma once

#include "changenotice.h"
#include "result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

// One open connection to an Optimeter database: a SQLite file (the embedded default) or a
// PostgreSQL server given as postgresql://user[:password]@host[:port]/dbname (SPEC §4).
// Opening applies pending migrations and refuses a schema newer than this program.
// A connection belongs to the thread that opened it (QT-NOTES §3.4): a worker thread calls
// reopen() to get its own.
class Database
{
public:
    enum class Backend { Sqlite, Postgres };

    struct Options
    {
        bool migrate = true; // false: open as is (tests that build an old schema by hand)
    };

    static Result<std::unique_ptr<Database>> open(const QString &location);
    static Result<std::unique_ptr<Database>> open(const QString &location, Options options);

    // OPTIMETER_DB, else optimeter.sqlite in the user's application data folder.
    static QString defaultLocation();

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Result<std::unique_ptr<Database>> reopen() const;
    // Closes this connection and opens it again (a server restarted, a network that dropped),
    // its session set up as open() does. A LISTEN is not renewed: its listener subscribes again.
    Status reconnect() const;

    QSqlDatabase connection() const;
    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::Postgres; }
    QString location() const { return m_location; }
    // The location with any password masked, for titles and messages.
    QString displayName() const;
    static QString displayName(const QString &location);

    int schemaVersion() const;

    // What the user should know about where the database lies (SqliteFile::warnings): a
    // network file system, several hard links. Empty for PostgreSQL.
    const QStringList &warnings() const { return m_warnings; }

    // How long an SQLite connection waits for another writer before "database is locked".
    static constexpr int busyTimeoutMs = 10000;

    // While alive, the connection is tuned for loading many rows (a larger SQLite cache).
    class BulkWriteScope
    {
    public:
        enum class Trust { InputRows, GeneratedRows };
        explicit BulkWriteScope(const Database &database, Trust trust = Trust::InputRows);
        ~BulkWriteScope();
        BulkWriteScope(const BulkWriteScope &) = delete;
        BulkWriteScope &operator=(const BulkWriteScope &) = delete;

    private:
        const Database &m_database;
        Trust m_trust;
    };

    // Timestamps are stored as UTC: ISO 8601 text on SQLite (it sorts), TIMESTAMPTZ on PostgreSQL.
    static QVariant toSqlTimestamp(const QDateTime &time);
    static QVariant toSqlTimestamp(const std::optional<QDateTime> &time);
    static std::optional<QDateTime> fromSqlTimestamp(const QVariant &value);

    // Wraps a failed statement into a user-facing error.
    static Error sqlError(const QString &what, const QSqlError &error);

    // How many transactions connections of this process have committed: a change another
    // connection sees is this program's own when this count moved meanwhile.
    static quint64 commitsInThisProcess();

private:
    Database(QString location, Backend backend, QString connectionName);

    QString m_location;
    Backend m_backend;
    QString m_connectionName;
    QStringList m_warnings;
};

// RAII transaction: rolls back unless commit() succeeded. Every write of the services runs
// inside one, so a rule violation or a bad input line leaves nothing behind. A write says
// what it changed with announce(); on PostgreSQL commit() sends it to the other programs
// (SPEC §7) in the same transaction, so only a committed write is announced.
class Transaction
{
public:
    explicit Transaction(const Database &database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    const Error &beginError() const { return m_beginError; }
    // `what` is the table written, `ids` its rows (none for an import), `by` who wrote (the
    // OS user when empty). Nothing is sent on SQLite, where PRAGMA data_version tells readers.
    void announce(const QString &what, std::optional<QList<qint64>> ids = std::nullopt,
                  const QString &by = {});
    Status commit();

private:
    QSqlDatabase m_connection;
    bool m_postgres = false;
    QList<ChangeNotice> m_notices;
    bool m_active = false;
    Error m_beginError;
};
