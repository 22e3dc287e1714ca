// Long work under a progress dialog (views/backgroundtask.h): the dialog never comes back once
// the work has ended (it used to reappear over the result's message box after a fast task and
// swallow its OK button, and then could not be closed), and Cancel says only what is true.

#include "backgroundtask.h"
#include "database.h"
#include "dialogs/importjobsdialog.h"
#include "importreport.h"
#include "translations.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QScopeGuard>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

class TestBackgroundTask : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fastTaskLeavesItsResultBoxAlone();
    void cancelStopsTheWorkAndPromisesNothing();
    void cancelPressedTooLateIsReported();
    void importBoxShowsTheFirstRejectedRecords();
    void qtsOwnWordsFollowTheLanguage();

private:
    QList<QProgressDialog *> visibleProgressDialogs() const;
    QTemporaryDir m_folder;
    QString m_location;
    QMainWindow m_window;
};

void TestBackgroundTask::initTestCase()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    m_location = m_folder.filePath(QStringLiteral("tasks.sqlite"));
    QVERIFY(Database::open(m_location).ok());
    m_window.resize(800, 600);
    m_window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_window));
}

QList<QProgressDialog *> TestBackgroundTask::visibleProgressDialogs() const
{
    QList<QProgressDialog *> visible;
    for (QProgressDialog *dialog : m_window.findChildren<QProgressDialog *>())
        if (dialog->isVisible())
            visible << dialog;
    return visible;
}

// The work ends in well under 100 ms and its result opens a message box: for the whole time
// the box is open (more than the 300 ms after which a progress dialog shows) no progress
// dialog appears, and afterwards none is left.
void TestBackgroundTask::fastTaskLeavesItsResultBoxAlone()
{
    bool boxSeen = false;
    int progressSeenOverTheBox = 0;
    bool finished = false;
    BackgroundTask::run<int>(
        &m_window, m_location, QStringLiteral("Importing…"),
        [](const Database &, const BackgroundTask::Progress &progress) {
            progress(0, 10);
            return Result<int>(42);
        },
        [&](const Result<int> &result, BackgroundTask::Ending ending) {
            QCOMPARE(*result, 42);
            QVERIFY(!ending.cancelRequested);
            QMessageBox box(QMessageBox::Warning, QStringLiteral("Import"), QStringLiteral("1 record rejected"),
                            QMessageBox::Ok, &m_window);
            QTimer watch;
            watch.setInterval(50);
            int ticks = 0;
            connect(&watch, &QTimer::timeout, &box, [&] {
                boxSeen = boxSeen || box.isVisible();
                progressSeenOverTheBox += int(visibleProgressDialogs().size());
                if (++ticks == 20) // a second
                    box.button(QMessageBox::Ok)->click();
            });
            watch.start();
            box.exec();
            finished = true;
        });
    QTRY_VERIFY(finished);
    QVERIFY(boxSeen);
    QCOMPARE(progressSeenOverTheBox, 0);
    QTest::qWait(500);
    QCOMPARE(visibleProgressDialogs().size(), 0);
    QTRY_COMPARE(m_window.findChildren<QProgressDialog *>().size(), 0); // deleted, not just hidden
}

void TestBackgroundTask::cancelStopsTheWorkAndPromisesNothing()
{
    std::optional<Result<int>> outcome;
    bool cancelRequested = false;
    BackgroundTask::run<int>(
        &m_window, m_location, QStringLiteral("Importing history.csv…"),
        [](const Database &, const BackgroundTask::Progress &progress) -> Result<int> {
            for (int i = 0; i < 500; ++i) {
                if (!progress(i, 500))
                    return Error::canceled();
                QThread::msleep(20);
            }
            return 500;
        },
        [&](const Result<int> &result, BackgroundTask::Ending ending) {
            outcome = result;
            cancelRequested = ending.cancelRequested;
        });
    QTRY_COMPARE(visibleProgressDialogs().size(), 1);
    QProgressDialog *dialog = visibleProgressDialogs().first();
    QCOMPARE(dialog->labelText(), QStringLiteral("Importing history.csv…"));
    QTRY_VERIFY(dialog->value() > 0);
    QPushButton *cancel = dialog->findChild<QPushButton *>();
    QVERIFY(cancel && cancel->isVisible());
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    cancel->click();
    // Nothing is promised: whether anything was written depends on how far the work got.
    QCOMPARE(dialog->labelText(), QStringLiteral("Canceling…"));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!*outcome);
    QCOMPARE(outcome->error().kind, Error::Kind::Canceled);
    QVERIFY(cancelRequested);
    QCOMPARE(visibleProgressDialogs().size(), 0);
}

// The work passed its point of no return (an import's commit) when Cancel was pressed: the
// result arrives as a success, and the caller learns that the user had asked to cancel.
void TestBackgroundTask::cancelPressedTooLateIsReported()
{
    std::atomic<bool> canceledSeen{false};
    std::optional<Result<int>> outcome;
    bool cancelRequested = false;
    BackgroundTask::run<int>(
        &m_window, m_location, QStringLiteral("Importing…"),
        [&canceledSeen](const Database &, const BackgroundTask::Progress &progress) -> Result<int> {
            while (progress(1, 2))
                QThread::msleep(20);
            canceledSeen = true;
            return 7; // committed all the same
        },
        [&](const Result<int> &result, BackgroundTask::Ending ending) {
            outcome = result;
            cancelRequested = ending.cancelRequested;
        });
    QTRY_COMPARE(visibleProgressDialogs().size(), 1);
    visibleProgressDialogs().first()->findChild<QPushButton *>()->click();
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(canceledSeen);
    QCOMPARE(outcome->value(), 7);
    QVERIFY(cancelRequested);
}

void TestBackgroundTask::importBoxShowsTheFirstRejectedRecords()
{
    ImportReport report;
    report.file = QStringLiteral("history.csv");
    report.format = QStringLiteral("generic");
    report.formatDetection = QStringLiteral("detected from the header");
    report.rowsRead = 6;
    report.inserted = 1;
    report.rejected = 5;
    for (int line = 2; line <= 6; ++line)
        report.rejectedRecords << RejectedRecord{line, QStringLiteral("history.csv:%1: column 'duration_ms': "
                                                                      "'x' is not a number")
                                                           .arg(line)};
    QCOMPARE(ImportJobsDialog::headline(report),
             QStringLiteral("history.csv: 6 records read (generic format, detected from the header).\n"
                            "1 inserted, 0 updated, 0 unchanged, 0 repeated in the file (the last one wins), "
                            "5 rejected.\n"
                            "5 records rejected:\n"
                            "history.csv:2: column 'duration_ms': 'x' is not a number\n"
                            "history.csv:3: column 'duration_ms': 'x' is not a number\n"
                            "history.csv:4: column 'duration_ms': 'x' is not a number\n"
                            "… and 2 more: Show Details lists them."));
}

// --lang de reaches Qt's own dialogs and buttons (qtbase_de.qm from qt6-translations-l10n).
void TestBackgroundTask::qtsOwnWordsFollowTheLanguage()
{
    Translations::install(QLocale(QLocale::German, QLocale::Germany));
    const auto restore = qScopeGuard([] { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); });
    QDialogButtonBox buttons(QDialogButtonBox::Cancel | QDialogButtonBox::Save);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    QCOMPARE(buttons.button(QDialogButtonBox::Save)->text(), QStringLiteral("Speichern"));
    QCOMPARE(QApplication::translate("BackgroundTask", "Cancel"), QStringLiteral("Abbrechen"));
    // Back in English, nothing German is left behind.
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    QDialogButtonBox english(QDialogButtonBox::Cancel);
    QCOMPARE(english.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
}

QTEST_MAIN(TestBackgroundTask)
#include "tst_backgroundtask.moc"
