#include "testdatabase.h"

#include "pgtestserver.h"

#include <QAtomicInteger>

namespace TestDatabase {

void addBackends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString newLocation(const QString &backend, const QTemporaryDir &folder, QString &skip)
{
    static int counter = 0;
    if (backend == QLatin1String("postgresql")) {
        PgTestServer &server = PgTestServer::instance();
        if (!server.isAvailable()) {
            skip = server.unavailableReason();
            return {};
        }
        return server.createDatabase();
    }
    return folder.filePath(QStringLiteral("test-%1.sqlite").arg(++counter));
}

} // namespace TestDatabase
