#pragma once

// Small helpers the import and report tests share: fixture files in a temporary folder,
// RFC 4180 quoting for generated fixtures, table counts and readable failure messages.

#include "database.h"
#include "result.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace ImportTest {

// Writes `content` byte for byte to NAME in `folder`; returns its path ("" on failure).
inline QString writeFile(const QTemporaryDir &folder, const QString &name, const QByteArray &content)
{
    const QString path = folder.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return {};
    return path;
}

// A fresh file name for each fixture of a run (both backends write into one folder).
inline QString nextName(const QString &stem)
{
    static int counter = 0;
    return QStringLiteral("%1-%2.csv").arg(stem).arg(++counter);
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// One CSV cell as RFC 4180 wants it.
inline QString csvCell(const QString &text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r')) {
        QString quoted = text;
        quoted.replace(u'"', QStringLiteral("\"\""));
        return u'"' + quoted + u'"';
    }
    return text;
}

inline QByteArray csvLine(const QStringList &cells, const char *end = "\n")
{
    QStringList quoted;
    for (const QString &cell : cells)
        quoted << csvCell(cell);
    return quoted.join(u',').toUtf8() + end;
}

inline qint64 countRows(const Database &db, const QString &table, const QString &where = {})
{
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table
                    + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where))
        || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

template<typename T>
QString messageOf(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

inline QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC);
}

inline const char *kindName(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::NotFound: return "NotFound";
    case Error::Kind::InvalidState: return "InvalidState";
    case Error::Kind::InvalidInput: return "InvalidInput";
    case Error::Kind::Database: return "Database";
    case Error::Kind::Io: return "Io";
    case Error::Kind::Canceled: return "Canceled";
    }
    return "?";
}

} // namespace ImportTest

// QCOMPARE prints these.
namespace QTest {
template<>
inline char *toString(const Error::Kind &kind)
{
    return qstrdup(ImportTest::kindName(kind));
}
} // namespace QTest

// Fails the test unless `result` holds a value, showing the error otherwise.
// `expression` is evaluated once.
#define REQUIRE_OK(expression)                                                                     \
    do {                                                                                           \
        const auto &result_ = (expression);                                                        \
        QVERIFY2(result_.ok(), qPrintable(ImportTest::messageOf(result_)));                        \
    } while (false)
