// The README's promise, end to end: the window open on an SQLite file while the command line
// reads, imports and measures on the same file. Every write of both sides reaches the file,
// each side sees the other's, the window follows the command line's commits by itself, and
// the file is intact when the window quits (issue 10: the window used to lose its locks, and
// the next process deleted the WAL it went on writing to).

#include "database.h"
#include "dialogs/afterjobdialog.h"
#include "mainwindow.h"
#include "optimeterprocess.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <unistd.h>

namespace {

const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);

} // namespace

class TestSharedSqliteWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void windowAndCommandLineShareOneFile();
    void windowWarnsAboutARiskyLocation();

private:
    OptimeterRun optimeter(const QStringList &arguments);
    QByteArray sqlite(const QString &sql);
    QString statusText() const;

    QTemporaryDir m_folder;
    QString m_path;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
};

void TestSharedSqliteWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_folder.isValid());
    m_path = m_folder.filePath(QStringLiteral("team.sqlite"));
    // The window and the command line read their settings from the same, empty place.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_folder.filePath(QStringLiteral("config"))));
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_folder.filePath(QStringLiteral("config")));
    m_environment.insert(QStringLiteral("USER"), QStringLiteral("cli-analyst"));
    if (QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty())
        QFAIL("the sqlite3 shell is needed: apt-get install sqlite3");
}

// The window's event loop runs meanwhile, as it would for a user.
OptimeterRun TestSharedSqliteWindow::optimeter(const QStringList &arguments)
{
    return OptimeterRun::start(executable, QStringList{QStringLiteral("--db"), m_path} + arguments, m_environment,
                               {}, true);
}

QByteArray TestSharedSqliteWindow::sqlite(const QString &sql)
{
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {QStringLiteral("-cmd"), QStringLiteral(".timeout 10000"), m_path, sql});
    if (!QTest::qWaitFor([&shell] { return shell.state() == QProcess::NotRunning; }, 60000))
        shell.kill();
    return shell.readAllStandardOutput().trimmed() + shell.readAllStandardError().trimmed();
}

QString TestSharedSqliteWindow::statusText() const
{
    QString text;
    for (const QWidget *window : QApplication::topLevelWidgets())
        if (const auto *main = qobject_cast<const MainWindow *>(window))
            for (const QLabel *label : main->statusBar()->findChildren<QLabel *>())
                text += label->text() + u'\n';
    return text;
}

void TestSharedSqliteWindow::windowAndCommandLineShareOneFile()
{
    OptimeterRun run = optimeter({QStringLiteral("demo"), QStringLiteral("--size"), QStringLiteral("200"),
                         QStringLiteral("--seed"), QStringLiteral("11")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    const QByteArray jobsBefore = sqlite(QStringLiteral("SELECT count(*) FROM queries;"));

    auto database = Database::open(m_path);
    QVERIFY(database);
    auto *window = new MainWindow(std::move(database).value());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->setWindowDays(std::nullopt);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY(!window->isLoading());
    QVERIFY2(statusText().contains(QStringLiteral("%1 jobs").arg(QString::fromLatin1(jobsBefore))),
             qPrintable(statusText()));

    // The command line reads while the window is open: the window keeps its locks, so the
    // reader leaves the WAL alone.
    run = optimeter({QStringLiteral("--json"), QStringLiteral("summary"), QStringLiteral("--days"),
                     QStringLiteral("36500")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("total_measurements")).toInt(), 200);
    QVERIFY(QFile::exists(m_path + QStringLiteral("-wal")));

    // It imports, and the window follows by itself within a second or so.
    const QString history = m_folder.filePath(QStringLiteral("history.csv"));
    {
        QFile file(history);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("job_id,duration_ms,started_at,status\n"
                   "cli-before,50000,2026-11-01T10:00:00Z,success\n"
                   "cli-after,20000,2026-11-02T10:00:00Z,success\n"
                   "window-after,1000,2026-11-02T11:00:00Z,success\n");
    }
    run = optimeter({QStringLiteral("import"), QStringLiteral("queries"), history});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    const int jobsNow = QString::fromLatin1(jobsBefore).toInt() + 3;
    QTRY_VERIFY_WITH_TIMEOUT(statusText().contains(QStringLiteral("%1 jobs").arg(QLocale().toString(jobsNow))),
                             3000);

    // It measures: a recommendation of the imported job, before and after.
    const QString recommendations = m_folder.filePath(QStringLiteral("recommendations.csv"));
    {
        QFile file(recommendations);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("id,job_id,issue_type,estimated_improvement_pct\n"
                   "90001,cli-before,select_star,50\n");
    }
    run = optimeter({QStringLiteral("import"), QStringLiteral("recommendations"), recommendations});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    run = optimeter({QStringLiteral("measure"), QStringLiteral("before"), QStringLiteral("--recommendation"),
                     QStringLiteral("90001")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    run = optimeter({QStringLiteral("measure"), QStringLiteral("after"), QStringLiteral("--recommendation"),
                     QStringLiteral("90001"), QStringLiteral("--job"), QStringLiteral("cli-after")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));

    // The window records an after job of its own, through the dialog.
    const QByteArray open = sqlite(QStringLiteral("SELECT recommendation_id FROM measurements "
                                                  "WHERE job_id_after IS NULL ORDER BY id LIMIT 1;"));
    QVERIFY(!open.isEmpty());
    QTimer::singleShot(0, this, [open] {
        auto *dialog = qobject_cast<AfterJobDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto *recommendation = dialog->findChild<QLineEdit *>(QStringLiteral("recommendation"));
        recommendation->clear();
        QTest::keyClicks(recommendation, QString::fromLatin1(open));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("afterJob")), QStringLiteral("window-after"));
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    window->enterAfterJob();

    // Another process sees the window's write at once, not when the window quits.
    run = optimeter({QStringLiteral("--json"), QStringLiteral("measure"), QStringLiteral("show"),
                     QString::fromLatin1(open)});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("job_id_after")).toString(),
             QStringLiteral("window-after"));

    // No connection of the idle window holds a read snapshot: a checkpoint can empty the WAL.
    QTRY_VERIFY(!window->isLoading());
    QCOMPARE(sqlite(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE);")), QByteArray("0|0|0"));

    // Quit; the file is whole and holds every write of both sides.
    window->close();
    delete window;
    QCOMPARE(sqlite(QStringLiteral("PRAGMA integrity_check;")), QByteArray("ok"));
    QVERIFY(!QFile::exists(m_path + QStringLiteral("-wal")));
    QCOMPARE(sqlite(QStringLiteral("SELECT count(*) FROM queries;")), QByteArray::number(jobsNow));
    QCOMPARE(sqlite(QStringLiteral("SELECT job_id_after, measured_by FROM measurements WHERE recommendation_id = 90001;")),
             QByteArray("cli-after|cli-analyst"));
    QCOMPARE(sqlite(QStringLiteral("SELECT job_id_after FROM measurements WHERE recommendation_id = %1 "
                                   "ORDER BY id DESC LIMIT 1;")
                        .arg(QString::fromLatin1(open))),
             QByteArray("window-after"));
}

// A file with a second name (or on a network file system) opens, with the reason to worry.
void TestSharedSqliteWindow::windowWarnsAboutARiskyLocation()
{
    const QString path = m_folder.filePath(QStringLiteral("linked.sqlite"));
    {
        auto created = Database::open(path);
        QVERIFY(created);
    }
    QVERIFY(QFile::link(path, m_folder.filePath(QStringLiteral("alias.sqlite")))); // a symbolic link: harmless
    QVERIFY(::link(QFile::encodeName(path).constData(),
                   QFile::encodeName(m_folder.filePath(QStringLiteral("hard.sqlite"))).constData())
            == 0);
    auto database = Database::open(path);
    QVERIFY(database);
    MainWindow window(std::move(database).value());
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    QString shown;
    QTimer::singleShot(0, this, [&shown] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        shown = box->windowTitle() + u'|' + box->text();
        box->accept();
    });
    window.warnAboutDatabaseLocation();
    QCOMPARE(shown, QStringLiteral("Database location|%1 has 2 names (hard links); a program that opens it under "
                                   "another name keeps a journal of its own beside it and can corrupt it. Open it "
                                   "under one name only.")
                        .arg(path));
    QTRY_VERIFY(!window.isLoading());
}

QTEST_MAIN(TestSharedSqliteWindow)
#include "tst_sharedsqlitewindow.moc"
