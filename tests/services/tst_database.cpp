// Opening databases: creation with the current schema, migrations that keep rows, and the
// refusals (not a database, newer schema, unreachable server) — on SQLite and PostgreSQL.

#include "database.h"
#include "migrations.h"
#include "pgtestserver.h"
#include "testdatabase.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class TestDatabaseOpen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }

    void newDatabaseHasTheCurrentSchema();
    void reopeningAppliesNothingTwice();
    void migrationOneIsUpgradedWithRowsIntact();
    void migrationNineMakesDurationsRealKeepingEverything();
    void newerSchemaIsRefused();
    void sqliteUsesWalAndLetsAReaderIn();
    void fileThatIsNotADatabaseIsRefused();
    void missingFolderIsRefused();
    void unreachableServerIsRefused();
    void invalidPostgresLocationIsRefused();
    void timestampsRoundTripInUtc();

private:
    static QString backend()
    {
        QFETCH_GLOBAL(QString, backend);
        return backend;
    }
    QStringList indexNames(const Database &db);
    QString columnType(const Database &db, const QString &table, const QString &column);
    QTemporaryDir m_folder;
};

QStringList TestDatabaseOpen::indexNames(const Database &db)
{
    QSqlQuery query(db.connection());
    query.exec(db.isPostgres() ? QStringLiteral("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
                               : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index'"));
    QStringList names;
    while (query.next())
        names << query.value(0).toString();
    return names;
}

void TestDatabaseOpen::newDatabaseHasTheCurrentSchema()
{
    std::unique_ptr<Database> db;
    OPEN_TEST_DATABASE(db, m_folder);
    QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
    const QStringList tables = db->connection().tables();
    for (const char *table : {"queries", "profiles", "recommendations", "measurements", "schema_migrations"})
        QVERIFY2(tables.contains(QLatin1String(table)), table);
    const QStringList indexes = indexNames(*db);
    for (const char *index : {"idx_measurements_recommendation", "idx_measurements_before_job",
                              "idx_measurements_after_job", "idx_measurements_measured_at"})
        QVERIFY2(indexes.contains(QLatin1String(index)), index);
    // *_mb are real numbers, not truncated integers.
    QSqlQuery query(db->connection());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('j', 1)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO recommendations (job_id, issue_type) VALUES ('j', 'x')")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO measurements (recommendation_id, job_id_before, "
                                      "before_duration_ms, before_memory_mb, measured_at) "
                                      "VALUES (1, 'j', 1, 1.25, '2026-01-01T00:00:00.000Z')")));
    QVERIFY(query.exec(QStringLiteral("SELECT before_memory_mb FROM measurements")) && query.next());
    QCOMPARE(query.value(0).toDouble(), 1.25);
    // Constraints: negative durations and unknown statuses are refused by the database too.
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('k', -1)")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO recommendations (job_id, issue_type, status) "
                                       "VALUES ('j', 'x', 'done')")));
}

void TestDatabaseOpen::reopeningAppliesNothingTwice()
{
    std::unique_ptr<Database> db;
    OPEN_TEST_DATABASE(db, m_folder);
    const QString location = db->location();
    db.reset();
    auto again = Database::open(location);
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
    QSqlQuery query((*again)->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), MIN(version), MAX(version) FROM schema_migrations")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), Migrations::latestVersion());
    QCOMPARE(query.value(1).toInt(), 1);
    QCOMPARE(query.value(2).toInt(), Migrations::latestVersion());
}

QString TestDatabaseOpen::columnType(const Database &db, const QString &table, const QString &column)
{
    QSqlQuery query(db.connection());
    if (db.isPostgres()) {
        query.prepare(QStringLiteral("SELECT data_type FROM information_schema.columns "
                                     "WHERE table_schema = 'public' AND table_name = ? AND column_name = ?"));
        query.addBindValue(table);
        query.addBindValue(column);
        if (!query.exec() || !query.next())
            return {};
        return query.value(0).toString();
    }
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        return {};
    while (query.next())
        if (query.value(1).toString() == column)
            return query.value(2).toString();
    return {};
}

void TestDatabaseOpen::migrationOneIsUpgradedWithRowsIntact()
{
    QFETCH_GLOBAL(QString, backend);
    QString skip;
    const QString location = TestDatabase::newLocation(backend, m_folder, skip);
    if (!skip.isEmpty()) {
        if (!qEnvironmentVariableIsEmpty("CI"))
            QFAIL(qPrintable(skip));
        QSKIP(qPrintable(QStringLiteral("NO POSTGRESQL: ") + skip));
    }
    {
        auto old = Database::open(location, Database::Options{false});
        QVERIFY2(old.ok(), old.ok() ? "" : qPrintable(old.error().message));
        QVERIFY(Migrations::migrate((*old)->connection(), (*old)->backend(), 1).ok());
        QCOMPARE((*old)->schemaVersion(), 1);
        QVERIFY(!(*old)->connection().record(QStringLiteral("measurements")).contains(QStringLiteral("completed_at")));
        QSqlQuery query((*old)->connection());
        QVERIFY2(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms, query_text) VALUES "
                                           "('before', 60000, 'SELECT 1'), ('after', 12000, NULL)")),
                 qPrintable(query.lastError().text()));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, "
                                          "estimated_improvement_pct) VALUES (7, 'before', 'select_star', 70)")));
        QVERIFY2(query.exec(QStringLiteral(
                     "INSERT INTO measurements (recommendation_id, job_id_before, job_id_after, "
                     "before_duration_ms, after_duration_ms, before_memory_mb, duration_improvement_pct, "
                     "meets_expectation, expectation_delta_pct, measured_at, measured_by) VALUES "
                     "(7, 'before', 'after', 60000, 12000, 1000.5, 80.0, TRUE, 10.0, "
                     "'2026-02-03T04:05:06.000Z', 'seed'), "
                     "(7, 'before', NULL, 60000, NULL, NULL, NULL, NULL, NULL, '2026-02-04T00:00:00.000Z', 'seed')")),
                 qPrintable(query.lastError().text()));
    }
    auto upgraded = Database::open(location);
    QVERIFY2(upgraded.ok(), upgraded.ok() ? "" : qPrintable(upgraded.error().message));
    QCOMPARE((*upgraded)->schemaVersion(), Migrations::latestVersion());
    QSqlQuery query((*upgraded)->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT job_id_after, before_memory_mb, duration_improvement_pct, "
                                      "meets_expectation, measured_by, measured_at, completed_at "
                                      "FROM measurements ORDER BY id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("after"));
    QCOMPARE(query.value(1).toDouble(), 1000.5);
    QCOMPARE(query.value(2).toDouble(), 80.0);
    QCOMPARE(query.value(3).toBool(), true);
    QCOMPARE(query.value(4).toString(), QStringLiteral("seed"));
    const QDateTime measured(QDate(2026, 2, 3), QTime(4, 5, 6), Qt::UTC);
    QCOMPARE(Database::fromSqlTimestamp(query.value(5)), std::optional(measured));
    // Completed rows of the old schema take their before time as completion time.
    QCOMPARE(Database::fromSqlTimestamp(query.value(6)), std::optional(measured));
    QVERIFY(query.next());
    QVERIFY(query.value(0).isNull());
    QVERIFY(query.value(6).isNull());
    QVERIFY(!query.next());
    QVERIFY(query.exec(QStringLiteral("SELECT query_text FROM queries WHERE job_id = 'before'")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("SELECT 1"));
}

// Migration 9 (SPEC §2: duration_ms is a real number): a schema-8 database with rows in every
// table comes out with real duration columns and everything else as it was — the rows and their
// values, the indexes, the CHECK on duration_ms, the foreign keys (profiles were not deleted
// with their jobs while SQLite rebuilt queries) and the numbering of measurements.
void TestDatabaseOpen::migrationNineMakesDurationsRealKeepingEverything()
{
    QFETCH_GLOBAL(QString, backend);
    QString skip;
    const QString location = TestDatabase::newLocation(backend, m_folder, skip);
    if (!skip.isEmpty()) {
        if (!qEnvironmentVariableIsEmpty("CI"))
            QFAIL(qPrintable(skip));
        QSKIP(qPrintable(QStringLiteral("NO POSTGRESQL: ") + skip));
    }
    QStringList indexesBefore;
    {
        auto old = Database::open(location, Database::Options{false});
        QVERIFY2(old.ok(), old.ok() ? "" : qPrintable(old.error().message));
        QVERIFY(Migrations::migrate((*old)->connection(), (*old)->backend(), 8).ok());
        QCOMPARE((*old)->schemaVersion(), 8);
        // Migration 8's index on the retyped column is rebuilt with its table.
        QVERIFY(indexNames(**old).contains(QStringLiteral("idx_queries_duration_job")));
        QCOMPARE(columnType(**old, QStringLiteral("queries"), QStringLiteral("duration_ms")).toLower(),
                 QStringLiteral("bigint"));
        QSqlQuery query((*old)->connection());
        for (const char *sql : {
                 "INSERT INTO queries (job_id, duration_ms, query_text, engine, warehouse_size, cache_hit, started_at) "
                 "VALUES ('before', 60000, 'SELECT 1', 'snowflake', 'Large', FALSE, '2026-02-03T04:05:06.000Z'), "
                 "('after', 12000, NULL, 'snowflake', 'Large', TRUE, NULL), ('zero', 0, NULL, NULL, NULL, NULL, NULL)",
                 "INSERT INTO profiles (job_id, memory_allocated, data_scanned, cpu_time_ms) VALUES "
                 "('before', 1048576000, 52428800, 90000), ('after', 419430400, 10485760, 18000)",
                 "INSERT INTO recommendations (id, job_id, issue_type, estimated_improvement_pct) "
                 "VALUES (7, 'before', 'select_star', 70)",
                 "INSERT INTO measurements (id, recommendation_id, job_id_before, job_id_after, before_duration_ms, "
                 "after_duration_ms, before_memory_mb, duration_improvement_pct, meets_expectation, "
                 "expectation_delta_pct, measured_at, measured_by, completed_at) VALUES "
                 "(1, 7, 'before', 'after', 60000, 12000, 1000.5, 80.0, TRUE, 10.0, '2026-02-03T04:05:06.000Z', "
                 "'seed', '2026-02-04T00:00:00.000Z'), "
                 "(2, 7, 'before', NULL, 60000, NULL, NULL, NULL, NULL, NULL, '2026-02-05T00:00:00.000Z', 'seed', NULL), "
                 "(3, 7, 'before', NULL, 60000, NULL, NULL, NULL, NULL, NULL, '2026-02-06T00:00:00.000Z', 'seed', NULL)",
                 // The highest number given out stays given out: 4 must not come back.
                 "DELETE FROM measurements WHERE id = 3"})
            QVERIFY2(query.exec(QString::fromLatin1(sql)), qPrintable(query.lastError().text()));
        if ((*old)->isPostgres()) // an identity column counts on from explicitly given ids only when told
            QVERIFY(query.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('measurements', 'id'), 3)")));
        indexesBefore = indexNames(**old);
    }

    auto upgraded = Database::open(location);
    QVERIFY2(upgraded.ok(), upgraded.ok() ? "" : qPrintable(upgraded.error().message));
    Database &db = **upgraded;
    QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    const QString real = db.isPostgres() ? QStringLiteral("double precision") : QStringLiteral("real");
    QCOMPARE(columnType(db, QStringLiteral("queries"), QStringLiteral("duration_ms")).toLower(), real);
    QCOMPARE(columnType(db, QStringLiteral("measurements"), QStringLiteral("before_duration_ms")).toLower(), real);
    QCOMPARE(columnType(db, QStringLiteral("measurements"), QStringLiteral("after_duration_ms")).toLower(), real);
    QCOMPARE(columnType(db, QStringLiteral("profiles"), QStringLiteral("cpu_time_ms")).toLower(),
             QStringLiteral("bigint"));
    // Every index is still there but the one migration 10 replaced with (query_hash, started_at).
    const QStringList indexesAfter = indexNames(db);
    for (const QString &name : std::as_const(indexesBefore))
        QVERIFY2(indexesAfter.contains(name) || name == QStringLiteral("idx_queries_query_hash"), qPrintable(name));
    QVERIFY(indexesAfter.contains(QStringLiteral("idx_queries_hash_started")));

    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT job_id, duration_ms, query_text, engine, warehouse_size, cache_hit, "
                                      "started_at FROM queries ORDER BY job_id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("after"));
    QCOMPARE(query.value(1).toDouble(), 12000.0);
    QVERIFY(query.value(2).isNull());
    QCOMPARE(query.value(5).toBool(), true);
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("before"));
    QCOMPARE(query.value(1).toDouble(), 60000.0);
    QCOMPARE(query.value(2).toString(), QStringLiteral("SELECT 1"));
    QCOMPARE(query.value(3).toString(), QStringLiteral("snowflake"));
    QCOMPARE(query.value(4).toString(), QStringLiteral("Large"));
    QCOMPARE(query.value(5).toBool(), false);
    QCOMPARE(Database::fromSqlTimestamp(query.value(6)),
             std::optional(QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6), Qt::UTC)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("zero"));
    QCOMPARE(query.value(1).toDouble(), 0.0);
    QVERIFY(!query.next());
    QVERIFY(query.exec(QStringLiteral("SELECT job_id, memory_allocated, cpu_time_ms FROM profiles ORDER BY job_id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("after"));
    QCOMPARE(query.value(1).toLongLong(), 419430400);
    QVERIFY(query.next());
    QCOMPARE(query.value(2).toLongLong(), 90000);
    QVERIFY(!query.next());
    QVERIFY(query.exec(QStringLiteral("SELECT id, before_duration_ms, after_duration_ms, before_memory_mb, "
                                      "duration_improvement_pct, measured_by FROM measurements ORDER BY id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 1);
    QCOMPARE(query.value(1).toDouble(), 60000.0);
    QCOMPARE(query.value(2).toDouble(), 12000.0);
    QCOMPARE(query.value(3).toDouble(), 1000.5);
    QCOMPARE(query.value(4).toDouble(), 80.0);
    QCOMPARE(query.value(5).toString(), QStringLiteral("seed"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 2);
    QVERIFY(query.value(2).isNull());
    QVERIFY(!query.next());

    // Fractions are kept; the constraints hold as before.
    QVERIFY2(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('quarter', 0.25)")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT duration_ms FROM queries WHERE job_id = 'quarter'")) && query.next());
    QCOMPARE(query.value(0).toDouble(), 0.25);
    // Measurements are numbered on from the highest number ever given (3, deleted), not reused.
    QVERIFY2(query.exec(QStringLiteral("INSERT INTO measurements (recommendation_id, job_id_before, "
                                       "before_duration_ms, measured_at) "
                                       "VALUES (7, 'quarter', 0.25, '2026-02-07T00:00:00.000Z')")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT id, before_duration_ms FROM measurements WHERE job_id_before = 'quarter'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 4);
    QCOMPARE(query.value(1).toDouble(), 0.25);
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('negative', -0.5)")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO queries (job_id) VALUES ('none')")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO profiles (job_id, cpu_time_ms) VALUES ('nobody', 1)")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO measurements (recommendation_id, job_id_before, before_duration_ms, "
                                       "measured_at) VALUES (99, 'before', 1.5, '2026-02-07T00:00:00.000Z')")));
    // Deleting a job still takes its profile with it (ON DELETE CASCADE).
    QVERIFY(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('gone', 1)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO profiles (job_id, cpu_time_ms) VALUES ('gone', 1)")));
    QVERIFY(query.exec(QStringLiteral("DELETE FROM queries WHERE job_id = 'gone'")));
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM profiles WHERE job_id = 'gone'")) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void TestDatabaseOpen::newerSchemaIsRefused()
{
    std::unique_ptr<Database> db;
    OPEN_TEST_DATABASE(db, m_folder);
    const QString location = db->location();
    {
        QSqlQuery query(db->connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) "
                                          "VALUES (99, 'from the future', '2030-01-01T00:00:00.000Z')")));
    }
    db.reset();
    auto refused = Database::open(location);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, Error::Kind::Database);
    QCOMPARE(refused.error().message,
             QStringLiteral("The database schema is version 99, newer than this program understands (%1). "
                            "Upgrade Optimeter to open it.")
                 .arg(Migrations::latestVersion()));
}

void TestDatabaseOpen::sqliteUsesWalAndLetsAReaderIn()
{
    if (backend() != QLatin1String("sqlite"))
        QSKIP("a property of SQLite files");
    std::unique_ptr<Database> writer;
    OPEN_TEST_DATABASE(writer, m_folder);
    QSqlQuery query(writer->connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    auto reader = writer->reopen();
    QVERIFY(reader.ok());
    {
        Transaction transaction(*writer);
        QVERIFY(transaction.isActive());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('w', 5)")));
        // While the writer holds its transaction, the other connection still reads.
        QSqlQuery read((*reader)->connection());
        QVERIFY2(read.exec(QStringLiteral("SELECT COUNT(*) FROM queries")) && read.next(),
                 qPrintable(read.lastError().text()));
        QCOMPARE(read.value(0).toInt(), 0);
        QVERIFY(transaction.commit().ok());
    }
    QSqlQuery read((*reader)->connection());
    QVERIFY(read.exec(QStringLiteral("SELECT COUNT(*) FROM queries")) && read.next());
    QCOMPARE(read.value(0).toInt(), 1);
}

void TestDatabaseOpen::fileThatIsNotADatabaseIsRefused()
{
    if (backend() != QLatin1String("sqlite"))
        QSKIP("a property of SQLite files");
    const QString path = m_folder.filePath(QStringLiteral("notes.txt"));
    const QByteArray content("job_id,duration_ms\nJ1,100\n");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    auto refused = Database::open(path);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message, QStringLiteral("%1 is not an SQLite database").arg(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TestDatabaseOpen::missingFolderIsRefused()
{
    if (backend() != QLatin1String("sqlite"))
        QSKIP("a property of SQLite files");
    const QString path = m_folder.filePath(QStringLiteral("no/such/folder/x.sqlite"));
    auto refused = Database::open(path);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.startsWith(QStringLiteral("Cannot create %1").arg(path)),
             qPrintable(refused.error().message));
    QVERIFY(!QFile::exists(path));
}

void TestDatabaseOpen::unreachableServerIsRefused()
{
    if (backend() != QLatin1String("postgresql"))
        QSKIP("a property of servers");
    QTcpServer probe; // a port nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    auto refused = Database::open(QStringLiteral("postgresql://nobody:secret@127.0.0.1:%1/none").arg(port));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, Error::Kind::Database);
    QVERIFY2(refused.error().message.startsWith(QStringLiteral("Cannot connect to PostgreSQL at 127.0.0.1:%1/none").arg(port)),
             qPrintable(refused.error().message));
    QVERIFY(!refused.error().message.contains(QStringLiteral("secret")));
}

void TestDatabaseOpen::invalidPostgresLocationIsRefused()
{
    if (backend() != QLatin1String("postgresql"))
        QSKIP("a property of server locations");
    auto refused = Database::open(QStringLiteral("postgresql://user@host-only"));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.startsWith(QStringLiteral("Invalid PostgreSQL location")),
             qPrintable(refused.error().message));
}

void TestDatabaseOpen::timestampsRoundTripInUtc()
{
    std::unique_ptr<Database> db;
    OPEN_TEST_DATABASE(db, m_folder);
    // A time given with an offset is the same instant in UTC, whatever TZ the test runs in.
    const QDateTime instant = QDateTime(QDate(2026, 7, 1), QTime(23, 30, 15, 250), Qt::OffsetFromUTC, -7 * 3600);
    QSqlQuery query(db->connection());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('t', 1)")));
    query.prepare(QStringLiteral("UPDATE queries SET started_at = ? WHERE job_id = 't'"));
    query.addBindValue(Database::toSqlTimestamp(instant));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT started_at FROM queries")) && query.next());
    const auto read = Database::fromSqlTimestamp(query.value(0));
    QVERIFY(read);
    QCOMPARE(read->timeSpec(), Qt::UTC);
    QCOMPARE(*read, QDateTime(QDate(2026, 7, 2), QTime(6, 30, 15, 250), Qt::UTC));
}

QTEST_GUILESS_MAIN(TestDatabaseOpen)
#include "tst_database.moc"
