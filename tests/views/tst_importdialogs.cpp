// The GUI side of engine imports (issue 4): the Import jobs dialog gives the importer its
// files and options, its report names everything the importer counted, and the after-job
// dialog asks for confirmation before recording a job served from a result cache, warns about
// different warehouse sizes and never offers failed jobs. Offscreen, on a real SQLite file.

#include "database.h"
#include "dialogs/afterjobdialog.h"
#include "dialogs/choicelist.h"
#include "dialogs/importjobsdialog.h"
#include "jobimporter.h"
#include "measurementrepository.h"
#include "measurementservice.h"
#include "recommendationimporter.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString write(const QTemporaryDir &folder, const QString &name, const QByteArray &content)
{
    QFile file(folder.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return file.fileName();
}

const QByteArray history =
    "QUERY_ID,QUERY_TEXT,WAREHOUSE_SIZE,EXECUTION_STATUS,START_TIME,TOTAL_ELAPSED_TIME,BYTES_SCANNED\n"
    "orig,select * from t,Large,SUCCESS,2024-05-01 09:00:00 -0700,60000,1000000\n"
    "opt-real,select a from t,Large,SUCCESS,2024-05-02 09:00:00 -0700,12000,100000\n"
    "opt-cached,select a from t,Large,SUCCESS,2024-05-02 09:01:00 -0700,40,0\n"
    "opt-big,select a from t,X-Large,SUCCESS,2024-05-02 09:02:00 -0700,9000,100000\n"
    "opt-failed,select a from t,Large,FAIL,2024-05-02 09:03:00 -0700,300,0\n";

} // namespace

class TestImportDialogs : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_db.reset(); }

    void importDialogGivesFilesAndOptions();
    void reportNamesEverything();
    void reportAddsUpToTheRecordsRead();
    void cachedAfterJobNeedsConfirmation();
    void differentWarehouseSizeIsShown();
    void failedJobsAreNotCompleted();

private:
    AfterJobDialog *dialogFor(const QString &job);

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AfterJobDialog> m_dialog;
};

void TestImportDialogs::init()
{
    QVERIFY(m_folder.isValid());
    m_dialog.reset();
    auto db = Database::open(m_folder.filePath(u"gui-%1.sqlite"_s.arg(QLatin1String(QTest::currentTestFunction()))));
    QVERIFY(db.ok());
    m_db = std::move(db).value();
    QVERIFY(JobImporter(*m_db).importFile(write(m_folder, u"history.csv"_s, history)).ok());
    QVERIFY(RecommendationImporter(*m_db)
                .importFile(write(m_folder, u"recs.csv"_s, "id,job_id,issue_type,estimated_improvement_pct\n"
                                                           "1,orig,select_star,70\n"))
                .ok());
    QVERIFY(MeasurementService(*m_db).recordBefore(1).ok());
}

void TestImportDialogs::importDialogGivesFilesAndOptions()
{
    ImportJobsDialog dialog;
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no file yet
    const QString first = write(m_folder, u"pgss-1.csv"_s, "queryid,calls,total_exec_time\n1,1,1\n");
    const QString second = write(m_folder, u"pgss-2.csv"_s, "queryid,calls,total_exec_time\n1,2,3\n");
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"file"_s), first);
    QVERIFY(ok->isEnabled());
    auto *format = dialog.findChild<QComboBox *>(u"format"_s);
    format->setCurrentIndex(format->findData(u"pg_stat_statements"_s));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"secondFile"_s), second);
    dialog.findChild<QCheckBox *>(u"skipInvalid"_s)->setChecked(true);
    QCOMPARE(dialog.files(), (QStringList{first, second}));
    QCOMPARE(dialog.options().format, u"pg_stat_statements"_s);
    QVERIFY(dialog.options().skipInvalid);
    // Another engine takes one file: the second snapshot is not passed on.
    format->setCurrentIndex(format->findData(u"snowflake"_s));
    QVERIFY(!dialog.findChild<QLineEdit *>(u"secondFile"_s)->isEnabled());
    QCOMPARE(dialog.files(), QStringList{first});
}

void TestImportDialogs::reportNamesEverything()
{
    const QString path = write(m_folder, u"more.csv"_s, history + "bad,select 1,Large,SUCCESS,2024-05-02,-1,0\n");
    ImportOptions options;
    options.skipInvalid = true;
    const auto report = JobImporter(*m_db).importFile(path, options);
    QVERIFY(report.ok());
    const QString text = ImportJobsDialog::describe(*report);
    QCOMPARE(text.section(u'\n', 0, 0), u"%1: 6 records read (snowflake format, detected from the header)."_s.arg(path));
    QCOMPARE(text.section(u'\n', 1, 1),
             u"0 inserted, 0 updated, 5 unchanged, 0 repeated in the file (the last one wins), 1 rejected."_s);
    QVERIFY2(text.contains(u"1 job(s) served from a result cache"_s) || text.contains(u"1 job served"_s), qPrintable(text));
    QVERIFY(text.contains(u"duration_ms ← TOTAL_ELAPSED_TIME (ms)"_s));
    QVERIFY(text.contains(u"%1:7: column 'TOTAL_ELAPSED_TIME': '-1' is negative; it must be 0 or more"_s.arg(path)));
}

AfterJobDialog *TestImportDialogs::dialogFor(const QString &job)
{
    m_dialog = std::make_unique<AfterJobDialog>(*m_db, MeasurementSettings{});
    m_dialog->setRecommendation(1);
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(u"afterJob"_s), job);
    return m_dialog.get();
}

// Two pg_stat_statements dumps appended to one file: every record read is named somewhere.
void TestImportDialogs::reportAddsUpToTheRecordsRead()
{
    ImportReport report;
    report.file = u"pgss.csv"_s;
    report.format = u"pg_stat_statements"_s;
    report.formatDetection = u"detected from the header"_s;
    report.rowsRead = 16;
    report.inserted = 6;
    report.duplicates = 7;
    report.merged = 2;
    report.skipped = 1;
    const QStringList lines = ImportJobsDialog::describe(report).split(u'\n');
    QCOMPARE(lines.value(1), u"6 inserted, 0 updated, 0 unchanged, 7 repeated in the file (the last one wins), 0 rejected."_s);
    QCOMPARE(lines.value(2), u"2 merged into the job of another record, 1 skipped (see the notes)."_s);
}

void TestImportDialogs::cachedAfterJobNeedsConfirmation()
{
    AfterJobDialog *dialog = dialogFor(u"opt-cached"_s);
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *confirm = dialog->findChild<QCheckBox *>(u"allowCached"_s);
    auto *warning = dialog->findChild<QLabel *>(u"warning"_s);
    QVERIFY(!confirm->isHidden());
    QVERIFY(!ok->isEnabled());
    QVERIFY(warning->text().startsWith(u"Job opt-cached was served from a result cache"_s));
    QVERIFY(!dialog->allowsCachedJob());

    // The named job alone (its other runs would hide the false improvement in their median).
    QVERIFY(dialog->similarRunsBox()->isChecked());
    dialog->similarRunsBox()->click();
    confirm->setChecked(true);
    QVERIFY(ok->isEnabled());
    QVERIFY(dialog->allowsCachedJob());
    QVERIFY(warning->text().contains(u"(recorded with confirmation)"_s));
    QVERIFY(dialog->previewText().contains(u"99.9"_s)); // 60,000 ms → 40 ms: the false improvement, shown

    // Another job needs its own confirmation.
    QLineEdit *afterJob = dialog->findChild<QLineEdit *>(u"afterJob"_s);
    afterJob->clear();
    QTest::keyClicks(afterJob, u"opt-real"_s);
    QVERIFY(confirm->isHidden());
    QVERIFY(!confirm->isChecked());
    QVERIFY(ok->isEnabled());
    QVERIFY(warning->text().isEmpty());
}

void TestImportDialogs::differentWarehouseSizeIsShown()
{
    AfterJobDialog *dialog = dialogFor(u"opt-big"_s);
    QVERIFY(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(dialog->findChild<QLabel *>(u"warning"_s)->text(),
             u"The before job ran on warehouse size Large and the after job on X-Large: the comparison is not "
             "like for like"_s);
}

void TestImportDialogs::failedJobsAreNotCompleted()
{
    AfterJobDialog *dialog = dialogFor(u"opt-"_s);
    QCOMPARE(dialog->jobChoices()->values(), (QStringList{u"opt-big"_s, u"opt-cached"_s, u"opt-real"_s}));
    // Typed in full anyway, it is refused with the reason.
    QLineEdit *afterJob = dialog->findChild<QLineEdit *>(u"afterJob"_s);
    QTest::keyClicks(afterJob, u"failed"_s);
    QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(dialog->errorText(),
             u"Job opt-failed has status 'failed': a failed, cancelled or unfinished job cannot be the after job of "
             "a measurement"_s);
}

QTEST_MAIN(TestImportDialogs)
#include "tst_importdialogs.moc"
