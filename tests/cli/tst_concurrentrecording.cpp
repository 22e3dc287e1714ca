// Two analysts record the after job of one measurement at the same moment (SPEC §7): the first
// wins, the second gets "Measurement M was completed by USER at TIME" and nothing of the first is
// overwritten. Before the write became conditional, PostgreSQL let both succeed in 9 of 10 tries
// and the later silently replaced the earlier. Real processes, real servers, ten rounds each.

#include "optimeterprocess.h"
#include "pgtestserver.h"

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
constexpr int Rounds = 10;
}

class TestConcurrentRecording : public QObject
{
    Q_OBJECT

private slots:
    void theFirstWinsTheSecondIsTold_data();
    void theFirstWinsTheSecondIsTold();

private:
    OptimeterRun optimeter(const QString &db, const QStringList &arguments) const
    {
        return OptimeterRun::start(executable, QStringList{u"--db"_s, db} + arguments,
                                   QProcessEnvironment::systemEnvironment());
    }
    QTemporaryDir m_folder;
};

void TestConcurrentRecording::theFirstWinsTheSecondIsTold_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("postgresql") << u"postgresql"_s;
}

void TestConcurrentRecording::theFirstWinsTheSecondIsTold()
{
    QFETCH(QString, backend);
    QString db = m_folder.filePath(u"team.sqlite"_s);
    if (backend == u"postgresql"_s) {
        PgTestServer &server = PgTestServer::instance();
        if (!server.isAvailable()) {
            if (!qEnvironmentVariableIsEmpty("CI"))
                QFAIL(qPrintable(server.unavailableReason()));
            QSKIP(qPrintable(server.unavailableReason()));
        }
        db = server.createDatabase();
    }
    QByteArray jobs = "job_id,duration_ms\n";
    QByteArray recommendations = "id,job_id,issue_type,estimated_improvement_pct\n";
    for (int round = 1; round <= Rounds; ++round) {
        jobs += QStringLiteral("b%1,1000\nanna%1,500\nben%1,700\n").arg(round).toUtf8();
        recommendations += QStringLiteral("%1,b%1,select_star,40\n").arg(round).toUtf8();
    }
    for (const auto &[name, content] : {std::pair{u"jobs.csv"_s, jobs}, std::pair{u"recs.csv"_s, recommendations}}) {
        QFile file(m_folder.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(content) == content.size());
    }
    QVERIFY(optimeter(db, {u"import"_s, u"queries"_s, m_folder.filePath(u"jobs.csv"_s)}).ok());
    QVERIFY(optimeter(db, {u"import"_s, u"recommendations"_s, m_folder.filePath(u"recs.csv"_s)}).ok());

    for (int round = 1; round <= Rounds; ++round) {
        const QString r = QString::number(round);
        QVERIFY(optimeter(db, {u"measure"_s, u"before"_s, u"--recommendation"_s, r}).ok());
        // Both started before either finishes.
        QProcess anna, ben;
        const QStringList common{u"--db"_s, db, u"measure"_s, u"after"_s, u"--recommendation"_s, r, u"--job"_s};
        anna.start(executable, common + QStringList{u"anna"_s + r, u"--by"_s, u"anna"_s});
        ben.start(executable, common + QStringList{u"ben"_s + r, u"--by"_s, u"ben"_s});
        QVERIFY(anna.waitForFinished(60000) && ben.waitForFinished(60000));
        const bool annaWon = anna.exitCode() == 0;
        const bool benWon = ben.exitCode() == 0;
        const QString annaError = QString::fromUtf8(anna.readAllStandardError()).trimmed();
        const QString benError = QString::fromUtf8(ben.readAllStandardError()).trimmed();
        QVERIFY2(annaWon != benWon, qPrintable(u"round %1: anna %2 (%3), ben %4 (%5)"_s.arg(r)
                                                   .arg(anna.exitCode())
                                                   .arg(annaError)
                                                   .arg(ben.exitCode())
                                                   .arg(benError)));
        QProcess &loser = annaWon ? ben : anna;
        const QString winner = annaWon ? u"anna"_s : u"ben"_s;
        QCOMPARE(loser.exitCode(), 1);
        const QString error = annaWon ? benError : annaError;
        // SQLite serialises the two whole transactions: the second finds nothing open. PostgreSQL
        // lets both read the open measurement: the second's conditional write finds it completed.
        const QRegularExpression completed(u"^error: Measurement \\d+ was completed by %1 at "
                                           "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s.arg(winner));
        QVERIFY2(completed.match(error).hasMatch()
                     || error == u"error: No before metrics found for recommendation %1"_s.arg(r),
                 qPrintable(error));
        // What the winner recorded stands.
        const OptimeterRun shown = optimeter(db, {u"--json"_s, u"measure"_s, u"show"_s, r});
        const QJsonObject m = QJsonDocument::fromJson(shown.out).object();
        QCOMPARE(m.value(u"job_id_after"_s).toString(), winner + r);
        QCOMPARE(m.value(u"measured_by"_s).toString(), winner);
        const OptimeterRun runs = optimeter(db, {u"--json"_s, u"measure"_s, u"runs"_s, r});
        QCOMPARE(QJsonDocument::fromJson(runs.out).array().size(), 2);
    }
}

QTEST_GUILESS_MAIN(TestConcurrentRecording)
#include "tst_concurrentrecording.moc"
