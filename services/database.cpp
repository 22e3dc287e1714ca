#include "database.h"

#include "measurementservice.h"
#include "migrations.h"
#include "sqlitefile.h"
#include "text.h"

#include <QAtomicInteger>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("optimeter-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool isPostgresLocation(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
           || location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Status configureSqlite(QSqlDatabase &db)
{
    QSqlQuery query(db);
    // WAL lets the dashboard read while a command-line import writes the same file.
    // A 64 MiB page cache (allocated only as used) keeps the indexes of a million rows hot.
    // A checkpoint truncates the WAL to 64 MiB after a big import instead of leaving it as
    // large as the import was.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=ON", "PRAGMA cache_size=-65536",
                               "PRAGMA temp_store=MEMORY", "PRAGMA journal_size_limit=67108864"}) {
        if (!query.exec(QString::fromLatin1(pragma))) {
            // SQLite's own answer (SQLITE_NOTADB) on reading the header: nothing but SQLite
            // opens the file (sqlitefile.h says why).
            if (query.lastError().nativeErrorCode() == QLatin1String("26"))
                return Error::database(
                    Text::tr("%1 is not an SQLite database").arg(db.databaseName()));
            return Database::sqlError(Text::tr("Cannot configure %1").arg(db.databaseName()),
                                      query.lastError());
        }
    }
    return success();
}

// The session every PostgreSQL connection starts with.
Status configurePostgres(QSqlDatabase &db)
{
    QSqlQuery query(db);
    // Timestamps travel as UTC whatever the server's or the session's time zone.
    if (!query.exec(QStringLiteral("SET TIME ZONE 'UTC'"))
        || !query.exec(QStringLiteral("SET client_min_messages TO WARNING")))
        return Database::sqlError(Text::tr("Cannot configure the PostgreSQL session"), query.lastError());
    return success();
}

} // namespace

Database::Database(QString location, Backend backend, QString connectionName)
    : m_location(std::move(location)), m_backend(backend), m_connectionName(std::move(connectionName))
{
    if (m_backend == Backend::Sqlite)
        SqliteFile::registerOpen(m_location);
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    if (m_backend == Backend::Sqlite)
        SqliteFile::unregisterOpen(m_location);
}

QString Database::defaultLocation()
{
    const QString fromEnvironment = qEnvironmentVariable("OPTIMETER_DB");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    folder += QStringLiteral("/optimeter");
    QDir().mkpath(folder);
    return folder + QStringLiteral("/optimeter.sqlite");
}

Result<std::unique_ptr<Database>> Database::open(const QString &location)
{
    return open(location, Options{});
}

Result<std::unique_ptr<Database>> Database::open(const QString &location, Options options)
{
    if (location.trimmed().isEmpty())
        return Error::database(Text::tr("No database location given"));

    const QString name = nextConnectionName();
    std::unique_ptr<Database> database;

    if (isPostgresLocation(location)) {
        const QUrl url(location, QUrl::StrictMode);
        const QString dbName = url.path().mid(1);
        if (!url.isValid() || url.host().isEmpty() || dbName.isEmpty() || dbName.contains(u'/'))
            return Error::database(
                Text::tr("Invalid PostgreSQL location '%1': expected "
                         "postgresql://user[:password]@host[:port]/dbname")
                    .arg(url.toDisplayString(QUrl::RemovePassword)));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        database.reset(new Database(location, Backend::Postgres, name));
        if (!db.isValid())
            return Error::database(Text::tr("The PostgreSQL driver (QPSQL) is not installed"));
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setDatabaseName(dbName);
        db.setUserName(url.userName());
        db.setPassword(url.password());
        QStringList connectOptions{QStringLiteral("connect_timeout=5")};
        const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto &[key, value] : items)
            connectOptions << key + u'=' + value;
        db.setConnectOptions(connectOptions.join(u';'));
        if (!db.open())
            return Error::database(Text::tr("Cannot connect to PostgreSQL at %1:%2/%3: %4")
                                       .arg(url.host())
                                       .arg(url.port(5432))
                                       .arg(dbName, db.lastError().text().trimmed()));
        if (Status configured = configurePostgres(db); !configured)
            return configured.error();
    } else {
        QString path = location;
        if (path.startsWith(QLatin1String("sqlite://")))
            path = path.mid(9);
        if (Status checked = SqliteFile::checkBeforeOpen(path); !checked)
            return checked.error();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        database.reset(new Database(path, Backend::Sqlite, name));
        if (!db.isValid())
            return Error::database(Text::tr("The SQLite driver (QSQLITE) is not installed"));
        db.setDatabaseName(path);
        // Every connection, the workers' too, waits up to 10 s for another writer.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(Database::busyTimeoutMs));
        if (!db.open())
            return Error::database(
                Text::tr("Cannot open %1: %2").arg(path, db.lastError().text()));
        if (Status configured = configureSqlite(db); !configured)
            return configured.error();
        database->m_warnings = SqliteFile::warnings(path);
    }

    if (options.migrate) {
        if (Status migrated = Migrations::migrate(database->connection(), database->backend());
            !migrated)
            return migrated.error();
    }
    return database;
}

Result<std::unique_ptr<Database>> Database::reopen() const
{
    // This program opened the database already, so its schema is current: no migration,
    // which on SQLite would take the write lock and wait behind an import.
    return open(m_location, Options{false});
}

Status Database::reconnect() const
{
    QSqlDatabase db = connection();
    db.close();
    if (!db.open())
        return Error::database(Text::tr("Cannot connect to %1: %2")
                                   .arg(displayName(), db.lastError().text().trimmed()));
    return m_backend == Backend::Postgres ? configurePostgres(db) : success();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Database::displayName() const
{
    return displayName(m_location);
}

QString Database::displayName(const QString &location)
{
    if (isPostgresLocation(location))
        return QUrl(location).toDisplayString(QUrl::RemovePassword);
    return QDir::toNativeSeparators(location);
}

Database::BulkWriteScope::BulkWriteScope(const Database &database, Trust trust)
    : m_database(database), m_trust(trust)
{
    if (m_database.isPostgres())
        return;
    // Bulk loads insert random keys (job IDs) into large indexes: with a small cache every
    // insert reads pages back and spills them to the WAL again. 1 GiB, only while loading.
    QSqlQuery query(m_database.connection());
    query.exec(QStringLiteral("PRAGMA cache_size=-1048576"));
    // Rows the program made itself reference each other correctly by construction; the
    // per-row foreign-key lookups would double the time. (No effect inside a transaction,
    // so this scope must start before it.)
    if (m_trust == Trust::GeneratedRows)
        query.exec(QStringLiteral("PRAGMA foreign_keys=OFF"));
}

Database::BulkWriteScope::~BulkWriteScope()
{
    if (m_database.isPostgres())
        return;
    QSqlQuery query(m_database.connection());
    query.exec(QStringLiteral("PRAGMA cache_size=-65536"));
    query.exec(QStringLiteral("PRAGMA shrink_memory"));
    if (m_trust == Trust::GeneratedRows)
        query.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
}

int Database::schemaVersion() const
{
    const Result<int> version = Migrations::currentVersion(connection());
    return version ? *version : -1;
}

QVariant Database::toSqlTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<QString>());
    // yyyy-MM-ddTHH:mm:ss.zzzZ by hand: QDateTime::toString() goes through a printf and is
    // the slowest part of writing a million rows.
    const qint64 msecs = time.toMSecsSinceEpoch();
    const qint64 days = msecs >= 0 ? msecs / 86400000 : (msecs - 86399999) / 86400000;
    const qint64 inDay = msecs - days * 86400000;
    int year, month, day;
    QDate(1970, 1, 1).addDays(days).getDate(&year, &month, &day);
    if (year < 0 || year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);
    char text[24];
    auto put = [&text](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    text[4] = '-';
    put(5, month, 2);
    text[7] = '-';
    put(8, day, 2);
    text[10] = 'T';
    put(11, int(inDay / 3600000), 2);
    text[13] = ':';
    put(14, int(inDay / 60000 % 60), 2);
    text[16] = ':';
    put(17, int(inDay / 1000 % 60), 2);
    text[19] = '.';
    put(20, int(inDay % 1000), 3);
    text[23] = 'Z';
    return QString::fromLatin1(text, 24);
}

QVariant Database::toSqlTimestamp(const std::optional<QDateTime> &time)
{
    return time ? toSqlTimestamp(*time) : QVariant(QMetaType::fromType<QString>());
}

std::optional<QDateTime> Database::fromSqlTimestamp(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    if (value.metaType() == QMetaType::fromType<QDateTime>()) {
        const QDateTime time = value.toDateTime();
        return time.isValid() ? std::optional(time.toUTC()) : std::nullopt;
    }
    const QString text = value.toString();
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC); // stored without a zone means stored as UTC
    return time.toUTC();
}

Error Database::sqlError(const QString &what, const QSqlError &error)
{
    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.text().trimmed();
    return Error::database(detail.isEmpty() ? what : what + QStringLiteral(": ") + detail);
}

Transaction::Transaction(const Database &database)
    : m_connection(database.connection()), m_postgres(database.isPostgres())
{
    // On SQLite take the write lock at once: a deferred transaction that reads and then
    // writes can fail with "database is locked" without waiting when another process wrote.
    QSqlQuery query(m_connection);
    m_active = query.exec(database.isPostgres() ? QStringLiteral("BEGIN")
                                                : QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_active)
        m_beginError = Database::sqlError(Text::tr("Cannot start a transaction"),
                                          query.lastError());
}

Transaction::~Transaction()
{
    if (m_active)
        QSqlQuery(m_connection).exec(QStringLiteral("ROLLBACK"));
}

namespace {
QAtomicInteger<quint64> processCommits;
}

quint64 Database::commitsInThisProcess()
{
    return processCommits.loadAcquire();
}

void Transaction::announce(const QString &what, std::optional<QList<qint64>> ids, const QString &by)
{
    if (!m_postgres)
        return;
    ChangeNotice notice{what, std::move(ids), by.isEmpty() ? MeasurementService::defaultMeasuredBy() : by, {}};
    // One table written twice in a transaction (refresh --all's rows, say) is one notice.
    for (ChangeNotice &noted : m_notices) {
        if (noted.what == notice.what && noted.by == notice.by) {
            if (noted.ids && notice.ids)
                noted.ids->append(*notice.ids);
            else
                noted.ids.reset();
            return;
        }
    }
    m_notices << std::move(notice);
}

Status Transaction::commit()
{
    if (!m_active)
        return m_beginError;
    m_active = false;
    QSqlQuery query(m_connection);
    // Inside the transaction: PostgreSQL delivers a notice on commit, and never one of a
    // transaction rolled back.
    for (const ChangeNotice &notice : std::as_const(m_notices)) {
        query.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
        query.addBindValue(QString::fromLatin1(ChangeNotice::channel));
        query.addBindValue(QString::fromUtf8(notice.payload()));
        if (!query.exec()) {
            const Error error = Database::sqlError(Text::tr("Cannot announce the change"), query.lastError());
            QSqlQuery(m_connection).exec(QStringLiteral("ROLLBACK"));
            return error;
        }
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const Error error = Database::sqlError(Text::tr("Cannot commit"), query.lastError());
        QSqlQuery(m_connection).exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    processCommits.fetchAndAddOrdered(1);
    return success();
}
