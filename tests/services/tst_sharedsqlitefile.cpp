// One SQLite file used by several connections and processes at once, as the README promises
// (the window open while the command line imports): the doors of SQLite's "How To Corrupt An
// SQLite Database File" that apply to us stay closed (services/sqlitefile.h).

#include "database.h"
#include "databasechangewatcher.h"
#include "sqlitefile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <atomic>

#include <unistd.h>

namespace {

QVariant scalar(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("failed: %1").arg(query.lastError().text());
    return query.value(0);
}

bool insertJob(const Database &database, const QString &jobId)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES (?, 5)"));
    query.addBindValue(jobId);
    return query.exec();
}

// Opens and closes a connection of its own in a pool thread, as the window's workers do, and
// returns its busy timeout.
int openAndCloseInAThread(const QString &path)
{
    // A pool thread can run two of these one after the other: the job ID counts calls, not threads.
    static std::atomic<int> calls{0};
    const int call = ++calls;
    return QtConcurrent::run([path, call] {
               auto database = Database::open(path, Database::Options{false});
               if (!database)
                   return -1;
               if (!insertJob(**database, QStringLiteral("thread-%1").arg(call)))
                   return -2;
               return scalar(**database, QStringLiteral("PRAGMA busy_timeout")).toInt();
           })
        .result();
}

} // namespace

class TestSharedSqliteFile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void openConnectionKeepsItsLocksWhileOthersComeAndGo();
    void watcherSeesOtherConnectionsCommits();
    void qtAndThisProgramShareOneSqliteLibrary();
    void notADatabaseIsSQLitesOwnAnswer_data();
    void notADatabaseIsSQLitesOwnAnswer();
    void journalWithoutItsDatabaseIsRefused();
    void folderAndEmptyFileKeepTheirMeaning();
    void unreadableFileIsRefusedWithTheSystemsReason();
    void networkFileSystemsAreKnown_data();
    void networkFileSystemsAreKnown();
    void localFileHasNoWarning();
    void hardLinksAreWarnedAbout();
    void databaseFilesAreRecognisedByNameAndInode();

private:
    QString sqliteShell() const { return QStandardPaths::findExecutable(QStringLiteral("sqlite3")); }
    QByteArray runShell(const QString &path, const QString &sql, bool *ok);
    QTemporaryDir m_folder;
};

void TestSharedSqliteFile::initTestCase()
{
    QVERIFY(m_folder.isValid());
    // The other process: the sqlite3 shell, a program with a connection of its own
    // (tools/install-deps.sh installs it).
    if (sqliteShell().isEmpty())
        QFAIL("the sqlite3 shell is needed: apt-get install sqlite3");
}

QByteArray TestSharedSqliteFile::runShell(const QString &path, const QString &sql, bool *ok)
{
    QProcess shell;
    shell.start(sqliteShell(), {QStringLiteral("-bail"), QStringLiteral("-cmd"), QStringLiteral(".timeout 10000"),
                                path, sql});
    *ok = shell.waitForFinished(30000) && shell.exitStatus() == QProcess::NormalExit && shell.exitCode() == 0;
    if (!*ok)
        qWarning() << "sqlite3 failed:" << shell.readAllStandardError();
    return shell.readAllStandardOutput().trimmed();
}

// The window holds its connection open; its workers open and close theirs; another process
// writes and reads. Before the fix, opening a connection read the file's header through a
// descriptor of its own, and closing that descriptor dropped every lock the process held:
// the other process then thought itself alone, checkpointed and deleted the WAL that the
// window went on writing to, and the file ended corrupt.
void TestSharedSqliteFile::openConnectionKeepsItsLocksWhileOthersComeAndGo()
{
    const QString path = m_folder.filePath(QStringLiteral("team.sqlite"));
    auto window = Database::open(path);
    QVERIFY2(window, window ? "" : qPrintable(window.error().message));
    QVERIFY(insertJob(**window, QStringLiteral("window-1")));

    QCOMPARE(openAndCloseInAThread(path), Database::busyTimeoutMs);
    QCOMPARE(openAndCloseInAThread(path), Database::busyTimeoutMs);
    QCOMPARE(scalar(**window, QStringLiteral("PRAGMA busy_timeout")).toInt(), Database::busyTimeoutMs);

    bool ok = false;
    runShell(path, QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('child-1', 7);"), &ok);
    QVERIFY(ok);
    // The shell was not the last connection: it left the WAL to the window.
    QVERIFY2(QFile::exists(path + QStringLiteral("-wal")), "the other process deleted the window's WAL");
    QVERIFY(QFile::exists(path + QStringLiteral("-shm")));

    // Both see each other's writes.
    QCOMPARE(scalar(**window, QStringLiteral("SELECT duration_ms FROM queries WHERE job_id = 'child-1'")).toInt(), 7);
    QVERIFY(insertJob(**window, QStringLiteral("window-2")));
    QCOMPARE(runShell(path,
                      QStringLiteral("SELECT group_concat(job_id, ' ') FROM (SELECT job_id FROM queries "
                                     "WHERE job_id NOT LIKE 'thread-%' ORDER BY job_id);"),
                      &ok),
             QByteArray("child-1 window-1 window-2"));
    QVERIFY(ok);
    QCOMPARE(runShell(path, QStringLiteral("SELECT count(*) FROM queries WHERE job_id LIKE 'thread-%';"), &ok),
             QByteArray("2"));
    QCOMPARE(runShell(path, QStringLiteral("PRAGMA integrity_check;"), &ok), QByteArray("ok"));
    QCOMPARE(scalar(**window, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));

    // Closed last, the window checkpoints everything into the file.
    window = Error::database(QString());
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QCOMPARE(runShell(path, QStringLiteral("SELECT count(*) FROM queries; PRAGMA integrity_check;"), &ok),
             QByteArray("5\nok"));
}

// The window learns of other connections' commits (SPEC §7's PRAGMA data_version), never of
// its own.
void TestSharedSqliteFile::watcherSeesOtherConnectionsCommits()
{
    const QString path = m_folder.filePath(QStringLiteral("watched.sqlite"));
    auto window = Database::open(path);
    QVERIFY(window);
    DatabaseChangeWatcher watcher(**window);
    QSignalSpy changed(&watcher, &DatabaseChangeWatcher::changed);

    QVERIFY(insertJob(**window, QStringLiteral("own")));
    QTest::qWait(3 * DatabaseChangeWatcher::pollIntervalMs);
    QCOMPARE(changed.count(), 0);

    // This program's own work through a Transaction (a worker's import) is not another
    // program's: whoever started it refreshes when it ends.
    QVERIFY(QtConcurrent::run([path] {
                auto worker = Database::open(path, Database::Options{false});
                Transaction transaction(**worker);
                return insertJob(**worker, QStringLiteral("worker")) && transaction.commit().ok();
            }).result());
    QTest::qWait(3 * DatabaseChangeWatcher::pollIntervalMs);
    QCOMPARE(changed.count(), 0);

    QVERIFY(openAndCloseInAThread(path) > 0); // a write outside a Transaction
    QVERIFY(changed.wait(1000));
    QCOMPARE(changed.count(), 1);

    bool ok = false;
    runShell(path, QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('child', 7);"), &ok);
    QVERIFY(ok);
    QVERIFY(changed.wait(1000));
    QCOMPARE(changed.count(), 2);

    // A commit seen by a read that started after it is not reported again.
    runShell(path, QStringLiteral("INSERT INTO queries (job_id, duration_ms) VALUES ('child-2', 7);"), &ok);
    watcher.markSeen();
    QTest::qWait(3 * DatabaseChangeWatcher::pollIntervalMs);
    QCOMPARE(changed.count(), 2);
}

// SQLite's §6.1: QSQLITE's plugin and BatchInserter, which drives the plugin's connection
// through SQLite's API, must call one library.
void TestSharedSqliteFile::qtAndThisProgramShareOneSqliteLibrary()
{
    auto database = Database::open(m_folder.filePath(QStringLiteral("library.sqlite")));
    QVERIFY(database); // loads the plugin
    QVERIFY(SqliteFile::qtUsesOurSqliteLibrary());

    // And independently of that check: one SQLite library file is mapped into the process,
    // and no other mapped file carries SQLite's code.
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    QSet<QString> libraries;
    QString plugin;
    for (const QByteArray &line : maps.readAll().split('\n')) {
        const QString file = QString::fromUtf8(line.mid(line.indexOf('/')));
        if (!line.contains('/'))
            continue;
        if (file.contains(QLatin1String("libsqlite3")))
            libraries.insert(file);
        if (file.contains(QLatin1String("/sqldrivers/libqsqlite")))
            plugin = file;
    }
    QCOMPARE(libraries.size(), 1);
    QVERIFY(!plugin.isEmpty());
    QFile pluginFile(plugin);
    QVERIFY(pluginFile.open(QIODevice::ReadOnly));
    // SQLite's amalgamation embeds its source id string; a plugin with a copy of its own would.
    QVERIFY(!pluginFile.readAll().contains("SQLite format 3"));
}

void TestSharedSqliteFile::notADatabaseIsSQLitesOwnAnswer_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("a CSV file") << QByteArray("job_id,duration_ms\nJ1,100\n");
    QTest::newRow("three bytes") << QByteArray("abc");
    QTest::newRow("a page of zeros but the first byte") << (QByteArray("x") + QByteArray(4095, '\0'));
}

void TestSharedSqliteFile::notADatabaseIsSQLitesOwnAnswer()
{
    QFETCH(QByteArray, content);
    const QString path = m_folder.filePath(QStringLiteral("notes-%1.txt").arg(QString::fromLatin1(QTest::currentDataTag())));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), content.size());
    }
    auto refused = Database::open(path);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message, QStringLiteral("%1 is not an SQLite database").arg(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
}

void TestSharedSqliteFile::journalWithoutItsDatabaseIsRefused()
{
    const QString path = m_folder.filePath(QStringLiteral("deleted.sqlite"));
    {
        auto database = Database::open(path);
        QVERIFY(database);
        QVERIFY(insertJob(**database, QStringLiteral("old")));
        // The database is deleted while its WAL stays (a careless `rm deleted.sqlite`).
        QFile::copy(path + QStringLiteral("-wal"), m_folder.filePath(QStringLiteral("saved-wal")));
    }
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::copy(m_folder.filePath(QStringLiteral("saved-wal")), path + QStringLiteral("-wal")));
    QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
    auto refused = Database::open(path);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message,
             QStringLiteral("Cannot create %1: %1-wal is left from an earlier database of that name; "
                            "move it away first")
                 .arg(path));
    QVERIFY(!QFile::exists(path));
}

void TestSharedSqliteFile::folderAndEmptyFileKeepTheirMeaning()
{
    const QString folder = m_folder.filePath(QStringLiteral("a-folder.sqlite"));
    QVERIFY(QDir().mkpath(folder));
    auto refused = Database::open(folder);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message, QStringLiteral("%1 is a folder, not an SQLite database").arg(folder));

    // An empty file is an empty database, as for the sqlite3 shell (touch team.sqlite).
    const QString empty = m_folder.filePath(QStringLiteral("empty.sqlite"));
    {
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    auto opened = Database::open(empty);
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    QCOMPARE(scalar(**opened, QStringLiteral("SELECT count(*) FROM queries")).toInt(), 0);
}

void TestSharedSqliteFile::unreadableFileIsRefusedWithTheSystemsReason()
{
    if (::geteuid() == 0)
        QSKIP("root reads every file");
    const QString path = m_folder.filePath(QStringLiteral("locked.sqlite"));
    {
        auto database = Database::open(path);
        QVERIFY(database);
    }
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    auto refused = Database::open(path);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message, QStringLiteral("Cannot open %1: Permission denied").arg(path));
}

void TestSharedSqliteFile::networkFileSystemsAreKnown_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("network");
    for (const char *type : {"nfs", "nfs4", "cifs", "smb3", "9p", "ceph", "glusterfs", "vboxsf", "drvfs",
                             "fuse.sshfs", "fuse.rclone", "fuse.s3fs"})
        QTest::newRow(type) << QByteArray(type) << true;
    for (const char *type : {"ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "f2fs", "vfat", "fuse.ntfs-3g",
                             "fuse.exfat", "fuseblk"})
        QTest::newRow(type) << QByteArray(type) << false;
}

void TestSharedSqliteFile::networkFileSystemsAreKnown()
{
    QFETCH(QByteArray, type);
    QFETCH(bool, network);
    QCOMPARE(SqliteFile::isNetworkFileSystem(type), network);
}

void TestSharedSqliteFile::localFileHasNoWarning()
{
    auto database = Database::open(m_folder.filePath(QStringLiteral("local.sqlite")));
    QVERIFY(database);
    QCOMPARE((*database)->warnings(), QStringList());
}

void TestSharedSqliteFile::hardLinksAreWarnedAbout()
{
    const QString path = m_folder.filePath(QStringLiteral("linked.sqlite"));
    const QString other = m_folder.filePath(QStringLiteral("other-name.sqlite"));
    {
        auto database = Database::open(path);
        QVERIFY(database);
    }
    QCOMPARE(::link(QFile::encodeName(path).constData(), QFile::encodeName(other).constData()), 0);
    auto database = Database::open(path);
    QVERIFY(database);
    QCOMPARE((*database)->warnings(),
             QStringList{QStringLiteral("%1 has 2 names (hard links); a program that opens it under another name "
                                        "keeps a journal of its own beside it and can corrupt it. Open it under "
                                        "one name only.")
                             .arg(path)});
}

void TestSharedSqliteFile::databaseFilesAreRecognisedByNameAndInode()
{
    QDir folder(m_folder.path());
    QVERIFY(folder.mkpath(QStringLiteral("data")));
    const QString path = m_folder.filePath(QStringLiteral("data/team.sqlite"));
    auto database = Database::open(path);
    QVERIFY(database);
    QVERIFY(QFile::link(m_folder.filePath(QStringLiteral("data")), m_folder.filePath(QStringLiteral("alias"))));
    QCOMPARE(::link(QFile::encodeName(path).constData(),
                    QFile::encodeName(m_folder.filePath(QStringLiteral("hard.sqlite"))).constData()),
             0);
    for (const char *same : {"data/team.sqlite", "data/../data/team.sqlite", "alias/team.sqlite", "hard.sqlite",
                             "data/team.sqlite-wal", "data/team.sqlite-shm", "data/team.sqlite-journal",
                             "alias/team.sqlite-journal"})
        QVERIFY2(SqliteFile::isPartOfDatabase(m_folder.filePath(QLatin1String(same)), path), same);
    for (const char *other : {"data/team.csv", "data/team.sqlite-wal.csv", "team.sqlite", "data"})
        QVERIFY2(!SqliteFile::isPartOfDatabase(m_folder.filePath(QLatin1String(other)), path), other);
}

QTEST_GUILESS_MAIN(TestSharedSqliteFile)
#include "tst_sharedsqlitefile.moc"
