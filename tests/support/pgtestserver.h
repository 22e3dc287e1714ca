#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

// A real PostgreSQL server for the tests, started on 127.0.0.1 and a free port in a
// temporary folder, with fsync off, and stopped when the test program ends. When no
// PostgreSQL binaries are installed it is unavailable and says why; under CI (CI set in the
// environment) that is a failure rather than a skip, since CI installs them.
class PgTestServer
{
public:
    static PgTestServer &instance();
    ~PgTestServer();

    bool isAvailable() const { return m_available; }
    QString unavailableReason() const { return m_reason; }

    // A new, empty database on the server; its postgresql:// location.
    QString createDatabase();

    QString locationOf(const QString &databaseName) const;

private:
    PgTestServer();
    bool start();
    bool run(const QString &program, const QStringList &arguments, QString *output = nullptr);

    bool m_available = false;
    QString m_reason;
    QString m_binDir;
    std::unique_ptr<QTemporaryDir> m_folder;
    quint16 m_port = 0;
    bool m_asPostgresUser = false;
    int m_databases = 0;
};
