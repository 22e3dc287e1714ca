// `optimeter measure rejudge`: every completed measurement judged again with another
// tolerance, exactly as the window offers it; what later recordings are judged with; errors.

#include "optimeterprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);
}

class TestRejudge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rejudgesAndRemembersTheTolerance();
    void badTolerancesAreUsageErrors_data();
    void badTolerancesAreUsageErrors();

private:
    OptimeterRun optimeter(const QStringList &arguments) const
    {
        return OptimeterRun::start(executable, QStringList{QStringLiteral("--db"), m_db} + arguments, m_environment);
    }
    QString write(const QString &name, const QByteArray &content) const;

    QTemporaryDir m_folder;
    QString m_db;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
};

void TestRejudge::initTestCase()
{
    m_environment.insert(QStringLiteral("HOME"), m_folder.path());
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_folder.filePath(QStringLiteral("config")));
    m_db = m_folder.filePath(QStringLiteral("rejudge.sqlite"));
    // 30 % against 45 (met with T ≥ 15), 40 % against 35 (met), −10 % (a regression); and
    // 25 % against 40, recorded after re-judging.
    const QString queries = write(QStringLiteral("q.csv"), "job_id,duration_ms\nb1,100000\na1,70000\nb2,100000\n"
                                                           "a2,60000\nb3,100000\na3,110000\nb4,100000\na4,75000\n");
    const QString recommendations =
        write(QStringLiteral("r.csv"), "id,job_id,issue_type,estimated_improvement_pct\n1,b1,x,45\n2,b2,x,35\n"
                                       "3,b3,x,\n4,b4,x,40\n");
    QVERIFY(optimeter({QStringLiteral("import"), QStringLiteral("queries"), queries}).ok());
    QVERIFY(optimeter({QStringLiteral("import"), QStringLiteral("recommendations"), recommendations}).ok());
    for (const auto &[id, after] : {std::pair{"1", "a1"}, {"2", "a2"}, {"3", "a3"}}) {
        QVERIFY(optimeter({QStringLiteral("measure"), QStringLiteral("before"), QStringLiteral("--recommendation"),
                           QLatin1String(id)})
                    .ok());
        const OptimeterRun run = optimeter({QStringLiteral("measure"), QStringLiteral("after"),
                                            QStringLiteral("--recommendation"), QLatin1String(id),
                                            QStringLiteral("--job"), QLatin1String(after)});
        QVERIFY2(run.ok(), qPrintable(run.describe()));
    }
}

QString TestRejudge::write(const QString &name, const QByteArray &content) const
{
    QFile file(m_folder.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(file.fileName()));
    return file.fileName();
}

void TestRejudge::rejudgesAndRemembersTheTolerance()
{
    OptimeterRun run = optimeter({QStringLiteral("measure"), QStringLiteral("rejudge"), QStringLiteral("--tolerance"),
                                  QStringLiteral("10")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QCOMPARE(run.out, QByteArray("Re-judged 3 completed measurements with a tolerance of 10 points: 1 changed, "
                                 "met 2 -> 1\n"));
    run = optimeter({QStringLiteral("--json"), QStringLiteral("measure"), QStringLiteral("show"), QStringLiteral("1")});
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("meets_expectation")), QJsonValue(false));

    // Later recordings are judged with the database's tolerance, not the default 20.
    QVERIFY(optimeter({QStringLiteral("measure"), QStringLiteral("before"), QStringLiteral("--recommendation"),
                       QStringLiteral("4")})
                .ok());
    run = optimeter({QStringLiteral("--json"), QStringLiteral("measure"), QStringLiteral("after"),
                     QStringLiteral("--recommendation"), QStringLiteral("4"), QStringLiteral("--job"),
                     QStringLiteral("a4")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("meets_expectation")), QJsonValue(false));

    run = optimeter({QStringLiteral("--json"), QStringLiteral("measure"), QStringLiteral("rejudge"),
                     QStringLiteral("--tolerance"), QStringLiteral("15")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QCOMPARE(run.out, QByteArray("{\"changed\":2,\"completed\":4,\"met_after\":3,\"met_before\":1,"
                                 "\"previous_tolerance_pct\":10,\"tolerance_pct\":15}\n"));
}

void TestRejudge::badTolerancesAreUsageErrors_data()
{
    QTest::addColumn<QString>("value");
    for (const char *value : {"x", "-1", "100.5", "nan", ""})
        QTest::newRow(value) << QString::fromLatin1(value);
}

void TestRejudge::badTolerancesAreUsageErrors()
{
    QFETCH(QString, value);
    const OptimeterRun run = optimeter({QStringLiteral("measure"), QStringLiteral("rejudge"),
                                        QStringLiteral("--tolerance"), value});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.errorLine(),
             QStringLiteral("error: --tolerance must be a number of points from 0 to 100, not '%1'").arg(value));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestRejudge)
#include "tst_rejudge.moc"
