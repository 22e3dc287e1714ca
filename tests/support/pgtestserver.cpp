#include "pgtestserver.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QVersionNumber>

#include <cstdio>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace {
const QString superUser = QStringLiteral("optimeter");
}

PgTestServer &PgTestServer::instance()
{
    static PgTestServer server;
    return server;
}

PgTestServer::PgTestServer()
{
    m_available = start();
    if (!m_available)
        std::fprintf(stderr,
                     "\n*** PostgreSQL tests cannot run: %s ***\n*** Install the 'postgresql' "
                     "package to run them. ***\n\n",
                     qPrintable(m_reason));
}

PgTestServer::~PgTestServer()
{
    if (!m_available)
        return;
    // Static destruction: no Qt event loop; a plain shell command is the safe way.
    const QString data = m_folder->path() + QStringLiteral("/data");
    QString command = QStringLiteral("'%1/pg_ctl' -D '%2' -m immediate -w stop >/dev/null 2>&1")
                          .arg(m_binDir, data);
    if (m_asPostgresUser)
        command = QStringLiteral("runuser -u postgres -- ") + command;
    [[maybe_unused]] const int status = std::system(command.toLocal8Bit().constData());
}

bool PgTestServer::run(const QString &program, const QStringList &arguments, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (m_asPostgresUser)
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                                  m_binDir + u'/' + program}
                          + arguments);
    else
        process.start(m_binDir + u'/' + program, arguments);
    const bool finished = process.waitForFinished(120000);
    const QString text = QString::fromLocal8Bit(process.readAll());
    if (output)
        *output = text;
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_reason = QStringLiteral("%1 failed: %2").arg(program, text.trimmed());
        return false;
    }
    return true;
}

bool PgTestServer::start()
{
    // The newest installed server, as Debian lays them out, else whatever is on PATH.
    QVersionNumber newest;
    const QDir versions(QStringLiteral("/usr/lib/postgresql"));
    for (const QString &entry : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        if (QFile::exists(versions.filePath(entry + QStringLiteral("/bin/initdb"))) && version > newest) {
            newest = version;
            m_binDir = versions.filePath(entry + QStringLiteral("/bin"));
        }
    }
    if (m_binDir.isEmpty()) {
        const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
        if (initdb.isEmpty()) {
            m_reason = QStringLiteral("no PostgreSQL server binaries (initdb) found");
            return false;
        }
        m_binDir = QFileInfo(initdb).absolutePath();
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        m_reason = QStringLiteral("the Qt PostgreSQL driver (libqt6sql6-psql) is not installed");
        return false;
    }

    m_folder = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/optimeter-pg-XXXXXX"));
    if (!m_folder->isValid()) {
        m_reason = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    // PostgreSQL refuses to run as root; as root, run it as the postgres user.
    if (::geteuid() == 0) {
        const passwd *postgres = ::getpwnam("postgres");
        if (!postgres) {
            m_reason = QStringLiteral("running as root and there is no 'postgres' user to run the server");
            return false;
        }
        if (::chown(QFile::encodeName(m_folder->path()).constData(), postgres->pw_uid, postgres->pw_gid) != 0) {
            m_reason = QStringLiteral("cannot hand the temporary folder to the postgres user");
            return false;
        }
        m_asPostgresUser = true;
    }

    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        m_reason = QStringLiteral("no free TCP port on 127.0.0.1");
        return false;
    }
    m_port = probe.serverPort();
    probe.close();

    const QString data = m_folder->path() + QStringLiteral("/data");
    if (!run(QStringLiteral("initdb"), {QStringLiteral("-D"), data, QStringLiteral("-U"), superUser,
                                        QStringLiteral("--auth=trust"), QStringLiteral("-E"),
                                        QStringLiteral("UTF8"), QStringLiteral("--no-locale")}))
        return false;
    const QString options = QStringLiteral("-h 127.0.0.1 -p %1 -k %2 -c fsync=off -c synchronous_commit=off "
                                           "-c full_page_writes=off")
                                .arg(m_port)
                                .arg(m_folder->path());
    if (!run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), data, QStringLiteral("-o"), options,
                                        QStringLiteral("-l"), m_folder->path() + QStringLiteral("/server.log"),
                                        QStringLiteral("-w"), QStringLiteral("start")}))
        return false;
    return true;
}

QString PgTestServer::locationOf(const QString &databaseName) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(superUser).arg(m_port).arg(databaseName);
}

QString PgTestServer::createDatabase()
{
    const QString name = QStringLiteral("test_%1_%2").arg(::getpid()).arg(++m_databases);
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-admin"));
        admin.setHostName(QStringLiteral("127.0.0.1"));
        admin.setPort(m_port);
        admin.setUserName(superUser);
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (admin.open()) {
            QSqlQuery query(admin);
            if (!query.exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
                std::fprintf(stderr, "CREATE DATABASE failed: %s\n", qPrintable(query.lastError().text()));
        } else {
            std::fprintf(stderr, "cannot reach the test server: %s\n", qPrintable(admin.lastError().text()));
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pg-admin"));
    return locationOf(name);
}
