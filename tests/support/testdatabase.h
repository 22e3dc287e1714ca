#pragma once

#include "database.h"

#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The databases every service test runs on: a SQLite file in a temporary folder, and a real
// PostgreSQL server (PgTestServer). A test class lists both in initTestCase_data() with
// TestDatabase::addBackends(), and each test function runs once per backend.
namespace TestDatabase {

void addBackends();

// A location for a new, empty database of the current backend (QFETCH_GLOBAL "backend").
// Sets `skip` when PostgreSQL is unavailable outside CI.
QString newLocation(const QString &backend, const QTemporaryDir &folder, QString &skip);

} // namespace TestDatabase

// Opens a fresh database of the current backend into `variable` (a std::unique_ptr<Database>),
// skipping loudly when PostgreSQL is not installed and failing when that happens in CI.
#define OPEN_TEST_DATABASE(variable, folder)                                                        \
    do {                                                                                            \
        QFETCH_GLOBAL(QString, backend);                                                            \
        QString skipReason_;                                                                        \
        const QString location_ = TestDatabase::newLocation(backend, folder, skipReason_);         \
        if (!skipReason_.isEmpty()) {                                                               \
            if (!qEnvironmentVariableIsEmpty("CI"))                                                 \
                QFAIL(qPrintable(QStringLiteral("PostgreSQL is required in CI: ") + skipReason_));  \
            QSKIP(qPrintable(QStringLiteral("NO POSTGRESQL: ") + skipReason_));                     \
        }                                                                                           \
        auto opened_ = Database::open(location_);                                                   \
        QVERIFY2(opened_.ok(), opened_.ok() ? "" : qPrintable(opened_.error().message));            \
        variable = std::move(opened_).value();                                                      \
    } while (false)
