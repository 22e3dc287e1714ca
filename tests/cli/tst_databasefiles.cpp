// The database's own files are never taken for an import or overwritten by an export (SQLite's
// "How To Corrupt" §2.2 and plain data loss): reading the open database through another
// descriptor drops the process's locks, and a report saved over it replaces the database.

#include "optimeterprocess.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);

QByteArray checksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "missing";
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestDatabaseFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void databaseFilesAreRefused_data();
    void databaseFilesAreRefused();

private:
    OptimeterRun onDb(const QString &db, const QStringList &arguments) const
    {
        return OptimeterRun::start(executable, QStringList{QStringLiteral("--db"), db} + arguments, m_environment,
                                   m_folder.path());
    }
    QTemporaryDir m_folder;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
};

void TestDatabaseFiles::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_environment.insert(QStringLiteral("HOME"), m_folder.path());
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_folder.filePath(QStringLiteral("config")));
    m_environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
}

void TestDatabaseFiles::databaseFilesAreRefused_data()
{
    QTest::addColumn<QString>("database");  // a file name in the test's folder
    QTest::addColumn<QStringList>("command"); // %DB stands for the database's path, %OTHER for another database's
    QTest::addColumn<QString>("error");     // %1 is the path named

    const QString ofOurs = QStringLiteral("error: %1 is a file of the database Optimeter has open; choose another file");
    const QString notAnExport =
        QStringLiteral("error: %1 is a file of the database Optimeter has open, not an export to import");
    QTest::newRow("import queries of the database") << QStringLiteral("team.sqlite")
        << QStringList{QStringLiteral("import"), QStringLiteral("queries"), QStringLiteral("%DB")} << notAnExport;
    QTest::newRow("import queries of its WAL") << QStringLiteral("team.sqlite")
        << QStringList{QStringLiteral("import"), QStringLiteral("queries"), QStringLiteral("%DB-wal")} << notAnExport;
    QTest::newRow("import recommendations of the database") << QStringLiteral("team.sqlite")
        << QStringList{QStringLiteral("import"), QStringLiteral("recommendations"), QStringLiteral("%DB")}
        << notAnExport;
    QTest::newRow("CSV report over the database") << QStringLiteral("team.sqlite")
        << QStringList{QStringLiteral("export"), QStringLiteral("csv"), QStringLiteral("--out"), QStringLiteral("%DB")}
        << ofOurs;
    QTest::newRow("CSV report over its journal") << QStringLiteral("team.sqlite")
        << QStringList{QStringLiteral("export"), QStringLiteral("csv"), QStringLiteral("--out"),
                       QStringLiteral("%DB-journal")}
        << ofOurs;
    QTest::newRow("CSV report over another database") << QStringLiteral("team.sqlite")
        << QStringList{QStringLiteral("export"), QStringLiteral("csv"), QStringLiteral("--out"), QStringLiteral("%OTHER")}
        << QStringLiteral("error: %1 is an SQLite database; choose another file");
    QTest::newRow("chart over a database named .png") << QStringLiteral("team.png")
        << QStringList{QStringLiteral("export"), QStringLiteral("chart"), QStringLiteral("distribution"),
                       QStringLiteral("--out"), QStringLiteral("%DB")}
        << ofOurs;
    QTest::newRow("screenshot over a database named .png") << QStringLiteral("board.png")
        << QStringList{QStringLiteral("screenshot"), QStringLiteral("%DB")} << ofOurs;
}

void TestDatabaseFiles::databaseFilesAreRefused()
{
    QFETCH(QString, database);
    QFETCH(QStringList, command);
    QFETCH(QString, error);
    const QString db = m_folder.filePath(database);
    const QString other = m_folder.filePath(QStringLiteral("other.sqlite"));
    for (const QString &path : {db, other}) {
        const OptimeterRun demo = onDb(path, {QStringLiteral("demo"), QStringLiteral("--size"), QStringLiteral("20")});
        QVERIFY2(demo.ok(), qPrintable(demo.describe()));
    }
    const QByteArray before = checksum(db), otherBefore = checksum(other);

    QString named;
    for (QString &word : command) {
        if (word.startsWith(QLatin1String("%DB")))
            named = word.replace(QLatin1String("%DB"), db);
        else if (word == QLatin1String("%OTHER"))
            named = word = other;
    }
    const OptimeterRun refused = onDb(db, command);
    QVERIFY2(refused.normalExit(), qPrintable(refused.describe()));
    QCOMPARE(refused.exitCode, 3);
    QCOMPARE(refused.errLines(), QStringList{error.arg(named)});
    QVERIFY(refused.out.isEmpty());
    QCOMPARE(checksum(db), before);
    QCOMPARE(checksum(other), otherBefore);
    QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(db + QStringLiteral("-journal")));
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {db, QStringLiteral("PRAGMA integrity_check;")});
    QVERIFY(shell.waitForFinished(30000));
    QCOMPARE(shell.readAllStandardOutput().trimmed(), QByteArray("ok"));
}

QTEST_GUILESS_MAIN(TestDatabaseFiles)
#include "tst_databasefiles.moc"
