// Issue 4: a 100,000-row generated Snowflake export imports on SQLite and on PostgreSQL with
// identical results — every stored field of every job and profile, and the import report.

#include "database.h"
#include "generatedexport.h"
#include "jobimporter.h"
#include "pgtestserver.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Rows = 100000;

// Every stored value of queries and profiles, one text line per job, ordered by job ID, in
// a form both databases give alike (timestamps as UTC ISO text, booleans as true/false).
QStringList dump(const Database &db)
{
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    const bool ok = query.exec(u"SELECT q.job_id, q.query_text, q.query_hash, q.engine, q.user_name, q.warehouse, "
                               "q.warehouse_size, q.started_at, q.duration_ms, q.status, q.cache_hit, "
                               "p.memory_allocated, p.data_scanned, p.rows_scanned, p.rows_returned, "
                               "p.partitions_scanned, p.cpu_time_ms FROM queries q LEFT JOIN profiles p "
                               "ON p.job_id = q.job_id ORDER BY q.job_id"_s);
    if (!ok) {
        qWarning("%s", qPrintable(query.lastError().text()));
        return {};
    }
    QStringList lines;
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < 17; ++i) {
            const QVariant value = query.value(i);
            if (value.isNull())
                fields << u"NULL"_s;
            else if (i == 7)
                fields << Database::fromSqlTimestamp(value)->toString(Qt::ISODateWithMs);
            else if (i == 10)
                fields << (value.toBool() ? u"true"_s : u"false"_s);
            else if (i >= 11 || i == 8)
                fields << QString::number(value.toLongLong());
            else
                fields << value.toString();
        }
        lines << fields.join(u'|');
    }
    return lines;
}

} // namespace

class TestImportParity : public QObject
{
    Q_OBJECT

private slots:
    void sameResultsOnBothDatabases();
};

void TestImportParity::sameResultsOnBothDatabases()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"query_history.csv"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(GeneratedExport::write(file, Rows));
    }

    QString skip;
    const QString postgres = TestDatabase::newLocation(u"postgresql"_s, folder, skip);
    if (!skip.isEmpty()) {
        if (!qEnvironmentVariableIsEmpty("CI"))
            QFAIL(qPrintable(u"PostgreSQL is required in CI: "_s + skip));
        QSKIP(qPrintable(u"NO POSTGRESQL: "_s + skip));
    }
    QList<ImportReport> reports;
    QList<QStringList> dumps;
    for (const QString &location : {folder.filePath(u"parity.sqlite"_s), postgres}) {
        auto db = Database::open(location);
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QElapsedTimer timer;
        timer.start();
        const auto report = JobImporter(**db).importFile(path);
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
        qInfo("%s: %lld records in %lld ms", (*db)->isPostgres() ? "PostgreSQL" : "SQLite", report->rowsRead,
              timer.elapsed());
        reports << *report;
        dumps << dump(**db);
    }
    const ImportReport &a = reports.at(0), &b = reports.at(1);
    QCOMPARE(a.rowsRead, Rows);
    QCOMPARE(b.rowsRead, a.rowsRead);
    QCOMPARE(b.inserted, a.inserted);
    QCOMPARE(b.updated, a.updated);
    QCOMPARE(b.unchanged, a.unchanged);
    QCOMPARE(b.duplicates, a.duplicates);
    QCOMPARE(b.cacheHits, a.cacheHits);
    QCOMPARE(a.inserted + a.duplicates, Rows); // every record is a job or a repeat of one
    QVERIFY(a.duplicates > 500);               // the generator repeats about 1 %
    QVERIFY(a.cacheHits > 3000);               // and serves about 5 % from the cache
    QCOMPARE(dumps.at(0).size(), int(a.inserted));
    for (qsizetype i = 0; i < dumps.at(0).size(); ++i)
        if (dumps.at(0).at(i) != dumps.at(1).at(i))
            QFAIL(qPrintable(u"row %1 differs:\n  SQLite:     %2\n  PostgreSQL: %3"_s.arg(i).arg(dumps.at(0).at(i),
                                                                                               dumps.at(1).at(i))));
}

QTEST_GUILESS_MAIN(TestImportParity)
#include "tst_importparity.moc"
