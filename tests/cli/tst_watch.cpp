// `optimeter watch` (SPEC §7) as a person runs it beside others: a real process, another real
// process writing, a real PostgreSQL server or a shared SQLite file. The line comes within a
// second of the other's commit, with the fields §7 names; SIGTERM and SIGINT end it with 0.

#include "optimeterprocess.h"
#include "pgtestserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

// A database for the test, or a skip (a failure in CI, which installs PostgreSQL).
#define PREPARE_DATABASE(db, backend)                                                              \
    const QString db = prepare(backend);                                                           \
    if (db.isEmpty()) {                                                                            \
        if (backend == u"postgresql"_s && !PgTestServer::instance().isAvailable()) {                \
            if (!qEnvironmentVariableIsEmpty("CI"))                                                \
                QFAIL(qPrintable(PgTestServer::instance().unavailableReason()));                   \
            QSKIP(qPrintable(PgTestServer::instance().unavailableReason()));                       \
        }                                                                                          \
        QFAIL("cannot prepare the database");                                                      \
    }

namespace {
const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);
const QByteArray listening = "debug: watch: listening for changes";
}

class TestWatch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void seesAnotherProcessesRecordingWithinASecond_data();
    void seesAnotherProcessesRecordingWithinASecond();
    void printsAHumanLineWithoutJson();
    void listensAgainAfterTheConnectionDropped();
    void signalsEndItWithStatusZero_data();
    void signalsEndItWithStatusZero();

private:
    // A database of the backend with jobs b1, k1 and recommendation 1 on b1; empty on a skip.
    QString prepare(const QString &backend);
    OptimeterRun optimeter(const QString &db, const QStringList &arguments) const
    {
        return OptimeterRun::start(executable, QStringList{u"--db"_s, db} + arguments,
                                   QProcessEnvironment::systemEnvironment());
    }
    // Starts `optimeter --db DB watch ARGUMENTS` and waits until it listens.
    bool startWatch(const QString &db, const QStringList &arguments);
    // The next line the watch prints on stdout, waiting up to `timeoutMs`.
    QByteArray nextLine(int timeoutMs);

    // Waits until the watch said `text` on stderr.
    bool waitForError(const QByteArray &text, int timeoutMs);

    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<QProcess> m_watch;
    QByteArray m_out;
    QByteArray m_err;
};

void TestWatch::init()
{
    m_folder = std::make_unique<QTemporaryDir>();
    m_out.clear();
    m_err.clear();
}

void TestWatch::cleanup()
{
    if (m_watch && m_watch->state() != QProcess::NotRunning) {
        m_watch->kill();
        m_watch->waitForFinished(5000);
    }
    m_watch.reset();
}

QString TestWatch::prepare(const QString &backend)
{
    QString db = m_folder->filePath(u"team.sqlite"_s);
    if (backend == u"postgresql"_s) {
        PgTestServer &server = PgTestServer::instance();
        if (!server.isAvailable())
            return {};
        db = server.createDatabase();
    }
    const std::pair<QString, QByteArray> files[] = {
        {u"jobs.csv"_s, "job_id,duration_ms\nb1,1000\nk1,500\n"},
        {u"recs.csv"_s, "id,job_id,issue_type,estimated_improvement_pct\n1,b1,select_star,40\n"}};
    for (const auto &[name, content] : files) {
        QFile file(m_folder->filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
    }
    if (!optimeter(db, {u"import"_s, u"queries"_s, m_folder->filePath(u"jobs.csv"_s)}).ok()
        || !optimeter(db, {u"import"_s, u"recommendations"_s, m_folder->filePath(u"recs.csv"_s)}).ok())
        return {};
    return db;
}

bool TestWatch::startWatch(const QString &db, const QStringList &arguments)
{
    m_watch = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"OPTIMETER_DEBUG"_s, u"1"_s); // says on stderr when it listens
    m_watch->setProcessEnvironment(environment);
    m_watch->start(executable, QStringList{u"--db"_s, db, u"watch"_s} + arguments);
    if (!m_watch->waitForStarted(10000))
        return false;
    return waitForError(listening, 10000);
}

bool TestWatch::waitForError(const QByteArray &text, int timeoutMs)
{
    return QTest::qWaitFor([&] {
        m_err += m_watch->readAllStandardError();
        return m_err.contains(text) || m_watch->state() == QProcess::NotRunning;
    }, timeoutMs) && m_err.contains(text);
}

QByteArray TestWatch::nextLine(int timeoutMs)
{
    const bool arrived = QTest::qWaitFor([this] {
        m_out += m_watch->readAllStandardOutput();
        return m_out.contains('\n');
    }, timeoutMs);
    const qsizetype end = m_out.indexOf('\n');
    if (!arrived || end < 0)
        return {};
    const QByteArray line = m_out.left(end);
    m_out.remove(0, end + 1);
    return line;
}

void TestWatch::seesAnotherProcessesRecordingWithinASecond_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite: what and by unknown") << u"sqlite"_s;
    QTest::newRow("postgresql: the table, the row, who") << u"postgresql"_s;
}

void TestWatch::seesAnotherProcessesRecordingWithinASecond()
{
    QFETCH(QString, backend);
    PREPARE_DATABASE(db, backend);
    QVERIFY(startWatch(db, {u"--json"_s}));

    const OptimeterRun before = optimeter(db, {u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s,
                                               u"--by"_s, u"anna"_s});
    QElapsedTimer sinceCommit; // the commit came a little earlier still
    sinceCommit.start();
    QVERIFY2(before.ok(), qPrintable(before.describe()));
    const QByteArray line = nextLine(1000);
    QVERIFY2(!line.isEmpty(), "no line within a second");
    QVERIFY2(sinceCommit.elapsed() < 1000, qPrintable(QString::number(sinceCommit.elapsed())));

    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
    const QString at = object.value(u"at"_s).toString();
    QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s).match(at).hasMatch(),
             qPrintable(at));
    QVERIFY(qAbs(QDateTime::fromString(at, Qt::ISODateWithMs).secsTo(QDateTime::currentDateTimeUtc())) < 10);
    if (backend == u"sqlite"_s) {
        QCOMPARE(object.keys(), QStringList({u"at"_s, u"by"_s, u"what"_s}));
        QVERIFY(object.value(u"what"_s).isNull());
        QVERIFY(object.value(u"by"_s).isNull());
    } else {
        QCOMPARE(object.keys(), QStringList({u"at"_s, u"by"_s, u"ids"_s, u"what"_s}));
        QCOMPARE(object.value(u"what"_s).toString(), u"measurements"_s);
        QCOMPARE(object.value(u"ids"_s).toArray(), QJsonArray{1});
        QCOMPARE(object.value(u"by"_s).toString(), u"anna"_s);
    }
    // One commit, one line.
    QTest::qWait(400);
    m_out += m_watch->readAllStandardOutput();
    QVERIFY2(m_out.isEmpty(), m_out.constData());
}

void TestWatch::printsAHumanLineWithoutJson()
{
    PREPARE_DATABASE(db, u"postgresql"_s);
    QVERIFY(startWatch(db, {}));
    QVERIFY(optimeter(db, {u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s, u"--by"_s, u"anna"_s}).ok());
    const QByteArray line = nextLine(1000);
    QVERIFY2(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d  measurements 1 by anna$"_s).match(QString::fromUtf8(line)).hasMatch(),
             line.constData());
}

void TestWatch::listensAgainAfterTheConnectionDropped()
{
    PREPARE_DATABASE(db, u"postgresql"_s);
    QVERIFY(startWatch(db, {u"--json"_s}));
    // The server ends the watch's session, as a restart or an administrator would.
    {
        const QUrl url(db);
        QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_s, u"admin"_s);
        admin.setHostName(url.host());
        admin.setPort(url.port());
        admin.setUserName(url.userName());
        admin.setDatabaseName(url.path().mid(1));
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        QSqlQuery query(admin);
        QVERIFY(query.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()"_s));
        QVERIFY(query.next() && query.value(0).toBool());
    }
    QSqlDatabase::removeDatabase(u"admin"_s);
    QVERIFY2(waitForError("warning: lost the connection to ", 10000), m_err.constData());
    QVERIFY2(waitForError("warning: connected to ", 10000), m_err.constData());
    // What may have changed meanwhile: a line that knows only when.
    const QJsonObject meanwhile = QJsonDocument::fromJson(nextLine(1000)).object();
    QVERIFY(meanwhile.value(u"what"_s).isNull());
    // Subscribed again (Qt 6.4 would not by itself).
    QVERIFY(optimeter(db, {u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s, u"--by"_s, u"anna"_s}).ok());
    const QJsonObject after = QJsonDocument::fromJson(nextLine(1000)).object();
    QCOMPARE(after.value(u"what"_s).toString(), u"measurements"_s);
    QCOMPARE(after.value(u"by"_s).toString(), u"anna"_s);
}

void TestWatch::signalsEndItWithStatusZero_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<int>("signal");
    QTest::newRow("sqlite, SIGTERM") << u"sqlite"_s << int(SIGTERM);
    QTest::newRow("sqlite, SIGINT (Ctrl+C)") << u"sqlite"_s << int(SIGINT);
    QTest::newRow("postgresql, SIGTERM") << u"postgresql"_s << int(SIGTERM);
}

void TestWatch::signalsEndItWithStatusZero()
{
    QFETCH(QString, backend);
    QFETCH(int, signal);
    PREPARE_DATABASE(db, backend);
    QVERIFY(startWatch(db, {u"--json"_s}));
    QVERIFY(::kill(pid_t(m_watch->processId()), signal) == 0);
    QVERIFY(m_watch->waitForFinished(5000));
    QCOMPARE(m_watch->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_watch->exitCode(), 0);
    QCOMPARE(m_watch->readAllStandardOutput(), QByteArray());
    for (const QByteArray &line : (m_err + m_watch->readAllStandardError()).split('\n'))
        QVERIFY2(line.isEmpty() || line.startsWith("debug: "), line.constData());
}

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
