// The command line on real exports and real durations (issue 12): the built `optimeter` runs in
// a QProcess on a fresh SQLite file. Fractional durations are printed with up to three decimals
// and are JSON numbers; a pretty-printed BigQuery Job resource imports; --snapshot-time names a
// pg_stat_statements dump; an import report adds up to the records it read.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);

struct Run
{
    int exitCode = -1;
    bool crashed = true;
    QString out;
    QString err;
    QString describe() const
    {
        return u"exit %1%2\nstdout: %3\nstderr: %4"_s.arg(exitCode).arg(crashed ? u" (crashed)"_s : QString(), out, err);
    }
};

// The words of the stdout line that starts with `first` (after leading spaces), or nothing.
QStringList wordsOfLine(const QString &text, const QString &first)
{
    for (const QString &line : text.split(u'\n')) {
        const QStringList words = line.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
        if (words.value(0) == first)
            return words;
    }
    return {};
}

} // namespace

class TestCliExports : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fractionalDurationsArePrintedAsTheyAre();
    void aPrettyPrintedJobResourceImports();
    void snapshotTimeNamesAPgStatStatementsDump();
    void importReportAddsUp();

private:
    Run run(const QStringList &arguments);
    QString write(const QString &name, const QByteArray &content);

    QTemporaryDir m_folder;
    QString m_db;
    QProcessEnvironment m_environment;
};

void TestCliExports::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.remove(u"OPTIMETER_DB"_s);
    m_environment.insert(u"USER"_s, u"tester"_s);
    m_environment.insert(u"HOME"_s, m_folder.path());
    m_environment.insert(u"XDG_DATA_HOME"_s, m_folder.filePath(u"data"_s));
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_folder.filePath(u"config"_s));
    m_environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
}

Run TestCliExports::run(const QStringList &arguments)
{
    Run result;
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.setWorkingDirectory(m_folder.path());
    process.start(executable, QStringList{u"--db"_s, m_db} + arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished(60000))
        return result;
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TestCliExports::write(const QString &name, const QByteArray &content)
{
    QFile file(m_folder.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

// `r` is evaluated once.
#define VERIFY_RUN(r, code)                                                                                        \
    do {                                                                                                           \
        const Run run_ = (r);                                                                                      \
        QVERIFY2(!run_.crashed && run_.exitCode == (code), qPrintable(run_.describe()));                           \
    } while (false)

void TestCliExports::fractionalDurationsArePrintedAsTheyAre()
{
    m_db = m_folder.filePath(u"durations.sqlite"_s);
    const Run jobs = run({u"import"_s, u"queries"_s,
                          write(u"jobs.csv"_s, "job_id,duration_ms\nb1,0.75\na1,0.25\nlong,12034.5678\nwhole,60000\n")});
    VERIFY_RUN(jobs, 0);
    VERIFY_RUN(run({u"import"_s, u"recommendations"_s,
                    write(u"recs.csv"_s, "id,job_id,issue_type,estimated_improvement_pct\n1,b1,select_star,50\n")}),
               0);

    const Run quarter = run({u"job"_s, u"show"_s, u"a1"_s});
    VERIFY_RUN(quarter, 0);
    QCOMPARE(wordsOfLine(quarter.out, u"duration_ms"_s), (QStringList{u"duration_ms"_s, u"0.25"_s}));
    QCOMPARE(wordsOfLine(run({u"job"_s, u"show"_s, u"long"_s}).out, u"duration_ms"_s),
             (QStringList{u"duration_ms"_s, u"12034.568"_s}));
    QCOMPARE(wordsOfLine(run({u"job"_s, u"show"_s, u"whole"_s}).out, u"duration_ms"_s),
             (QStringList{u"duration_ms"_s, u"60000"_s}));
    const Run json = run({u"--json"_s, u"job"_s, u"show"_s, u"long"_s});
    VERIFY_RUN(json, 0);
    QVERIFY2(json.out.contains(u"\"duration_ms\":12034.5678"_s), qPrintable(json.out));

    VERIFY_RUN(run({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s}), 0);
    const Run after = run({u"measure"_s, u"after"_s, u"--recommendation"_s, u"1"_s, u"--job"_s, u"a1"_s});
    VERIFY_RUN(after, 0);
    QCOMPARE(wordsOfLine(after.out, u"duration_ms"_s),
             (QStringList{u"duration_ms"_s, u"0.75"_s, u"0.25"_s, u"66.7"_s, u"%"_s}));
    const Run shown = run({u"--json"_s, u"measure"_s, u"show"_s, u"1"_s});
    VERIFY_RUN(shown, 0);
    const QJsonObject measurement = QJsonDocument::fromJson(shown.out.toUtf8()).object();
    QCOMPARE(measurement.value(u"before_duration_ms"_s), QJsonValue(0.75));
    QCOMPARE(measurement.value(u"after_duration_ms"_s), QJsonValue(0.25));

    const QString report = m_folder.filePath(u"report.csv"_s);
    VERIFY_RUN(run({u"export"_s, u"csv"_s, u"--out"_s, report}), 0);
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    const QStringList header = lines.value(0).split(u',');
    const QStringList row = lines.value(1).split(u',');
    QCOMPARE(row.value(header.indexOf(u"before_duration_ms"_s)), u"0.75"_s);
    QCOMPARE(row.value(header.indexOf(u"after_duration_ms"_s)), u"0.25"_s);
}

void TestCliExports::aPrettyPrintedJobResourceImports()
{
    m_db = m_folder.filePath(u"bigquery.sqlite"_s);
    QFile fixture(QStringLiteral(ENGINE_FIXTURES) + u"/bigquery_job_show.json"_s);
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    const QString path = write(u"show.json"_s, fixture.readAll());
    const Run imported = run({u"import"_s, u"queries"_s, path});
    VERIFY_RUN(imported, 0);
    QCOMPARE(imported.out.section(u'\n', 0, 0),
             u"Imported 1 record from %1 (bigquery format): 1 inserted, 0 updated, 0 unchanged"_s.arg(path));
    QVERIFY2(imported.err.isEmpty(), qPrintable(imported.err));
    const Run job = run({u"job"_s, u"show"_s, u"bquxjob_3e9d1f20_18f4c0aa7b5"_s});
    QCOMPARE(wordsOfLine(job.out, u"duration_ms"_s), (QStringList{u"duration_ms"_s, u"13337"_s}));
}

void TestCliExports::snapshotTimeNamesAPgStatStatementsDump()
{
    m_db = m_folder.filePath(u"pgss.sqlite"_s);
    const QString dump = write(u"pgss.csv"_s, "userid,dbid,queryid,query,calls,total_exec_time\n"
                                              "10,5,77,SELECT $1,4,1.0\n");
    const Run named = run({u"--json"_s, u"import"_s, u"queries"_s, dump, u"--snapshot-time"_s,
                           u"2024-05-02 14:30:00+02"_s});
    VERIFY_RUN(named, 0);
    const QJsonObject report = QJsonDocument::fromJson(named.out.toUtf8()).object();
    QCOMPARE(report.value(u"inserted"_s).toInteger(), 1);
    QVERIFY2(report.value(u"notes"_s).toArray().contains(
                 u"pgss.csv has no snapshot_time column: its snapshot time is 2024-05-02T12:30:00.000Z, as given"_s),
             qPrintable(named.out));
    const Run job = run({u"--json"_s, u"job"_s, u"show"_s, u"pgss:77@2024-05-02T12:30:00Z"_s});
    VERIFY_RUN(job, 0);
    const QJsonObject stored = QJsonDocument::fromJson(job.out.toUtf8()).object();
    QCOMPARE(stored.value(u"duration_ms"_s), QJsonValue(0.25));
    QCOMPARE(stored.value(u"started_at"_s), QJsonValue(u"2024-05-02T12:30:00.000Z"_s));

    const Run bad = run({u"import"_s, u"queries"_s, dump, u"--snapshot-time"_s, u"yesterday"_s});
    VERIFY_RUN(bad, 2);
    QCOMPARE(bad.err.section(u'\n', 0, 0),
             u"error: --snapshot-time 'yesterday' is not a date and time like 2024-05-31T14:02:11Z"_s);
    const QString generic = write(u"generic.csv"_s, "job_id,duration_ms\nj,1\n");
    const Run other = run({u"import"_s, u"queries"_s, generic, u"--snapshot-time"_s, u"2024-05-02T12:30:00Z"_s});
    VERIFY_RUN(other, 3);
    QCOMPARE(other.err, u"error: %1: a snapshot time names a pg_stat_statements dump; this file is a generic "
                        "export\n"_s.arg(generic));
}

void TestCliExports::importReportAddsUp()
{
    m_db = m_folder.filePath(u"appended.sqlite"_s);
    const QString dump = QStringLiteral(ENGINE_FIXTURES) + u"/pgss_appended.csv"_s;
    const Run text = run({u"import"_s, u"queries"_s, dump});
    VERIFY_RUN(text, 0);
    QCOMPARE(text.out.section(u'\n', 0, 0),
             u"Imported 16 records from %1 (pg_stat_statements format): 6 inserted, 0 updated, 0 unchanged, 7 "
             "repeated in the file (the last row of each wins), 2 merged into the job of another (its statement's "
             "other rows, or the earlier snapshot), 1 skipped"_s.arg(dump));
    const Run again = run({u"--json"_s, u"import"_s, u"queries"_s, dump});
    VERIFY_RUN(again, 0);
    const QJsonObject report = QJsonDocument::fromJson(again.out.toUtf8()).object();
    qint64 accounted = 0;
    for (const char *key : {"inserted", "updated", "unchanged", "duplicates", "merged", "rejected", "skipped"})
        accounted += report.value(QLatin1String(key)).toInteger();
    QCOMPARE(report.value(u"rows"_s).toInteger(), 16);
    QCOMPARE(accounted, 16);
    QCOMPARE(report.value(u"unchanged"_s).toInteger(), 6);
}

QTEST_GUILESS_MAIN(TestCliExports)
#include "tst_cliexports.moc"
