// The after-job dialog as an analyst uses it, with the keyboard (issue 11): the recommendation
// found by words of its title, job IDs taken from the list under the field (no popup that covers
// the field or swallows the first click on Record), a hint rather than an error before anything
// is typed, warnings about a job that ran before the original or that another recommendation
// uses, and a regression called one.

#include "database.h"
#include "dialogs/afterjobdialog.h"
#include "dialogs/choicelist.h"
#include "measurementservice.h"
#include "translations.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestAfterJobDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void hintsBeforeAnythingIsTyped();
    void recommendationFoundByTitleWithTheKeyboard();
    void jobTakenFromTheListAndRecordedWithOneClick();
    void warnsAboutAJobThatRanBeforeOrIsTaken();
    void aRegressionIsCalledOne();

private:
    void exec(const QString &sql);
    QPushButton *record() const { return m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok); }
    QLineEdit *field(const char *name) const { return m_dialog->findChild<QLineEdit *>(QLatin1String(name)); }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AfterJobDialog> m_dialog;
};

void TestAfterJobDialog::initTestCase()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAfterJobDialog::exec(const QString &sql)
{
    QSqlQuery query(m_db->connection());
    QVERIFY2(query.exec(sql), qPrintable(query.lastError().text() + u' ' + sql));
}

void TestAfterJobDialog::init()
{
    auto opened = Database::open(m_folder.filePath(QStringLiteral("%1.sqlite").arg(QLatin1String(QTest::currentTestFunction()))));
    QVERIFY(opened);
    m_db = std::move(opened).value();
    exec(QStringLiteral("INSERT INTO queries (job_id, duration_ms, started_at, status) VALUES "
                        "('orig', 60000, '2024-05-01T09:00:00.000Z', 'success'), "
                        "('opt-real', 12000, '2024-05-02T09:00:00.000Z', 'success'), "
                        "('opt-rerun', 13000, '2024-05-03T09:00:00.000Z', 'success'), "
                        "('early', 11000, '2024-04-01T09:00:00.000Z', 'success'), "
                        "('slow', 249000, '2024-05-02T10:00:00.000Z', 'success'), "
                        "('sales-before', 50000, '2024-05-01T08:00:00.000Z', 'success'), "
                        "('sales-after', 10000, '2024-05-02T08:00:00.000Z', 'success')"));
    exec(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, title, estimated_improvement_pct) VALUES "
                        "(1, 'orig', 'select_star', 'Select only the needed columns of crm.contacts', 70), "
                        "(2, 'sales-before', 'missing_partition_filter', 'Add a partition filter on sales.orders', 60)"));
    MeasurementService service(*m_db);
    QVERIFY(service.recordBefore(1));
    QVERIFY(service.recordBefore(2));
    QVERIFY(service.recordAfter(2, QStringLiteral("sales-after")));
    m_dialog = std::make_unique<AfterJobDialog>(*m_db, MeasurementSettings{});
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestAfterJobDialog::cleanup()
{
    m_dialog.reset();
    m_db.reset();
}

void TestAfterJobDialog::hintsBeforeAnythingIsTyped()
{
    QCOMPARE(m_dialog->errorText(), QString());
    QCOMPARE(m_dialog->hintText(), QStringLiteral("Type the recommendation's id, or words of its title or job ID."));
    QVERIFY(!record()->isEnabled());
    QTest::keyClicks(field("recommendation"), QStringLiteral("1"));
    QCOMPARE(m_dialog->errorText(), QString());
    QCOMPARE(m_dialog->hintText(), QStringLiteral("Type or paste the after job's ID (↓ chooses among the known ones)."));
    field("recommendation")->clear();
    QTest::keyClicks(field("recommendation"), QStringLiteral("7"));
    QCOMPARE(m_dialog->errorText(), QStringLiteral("There is no recommendation 7."));
}

// Letters are not dropped: "partition" finds recommendation 2 by its title; ↓ and Enter take it.
void TestAfterJobDialog::recommendationFoundByTitleWithTheKeyboard()
{
    QLineEdit *recommendation = field("recommendation");
    recommendation->setFocus();
    QTest::keyClicks(recommendation, QStringLiteral("partition"));
    QCOMPARE(recommendation->text(), QStringLiteral("partition"));
    ChoiceList *choices = m_dialog->recommendationChoices();
    QTRY_COMPARE(choices->count(), 1);
    QVERIFY(choices->isVisible());
    QCOMPARE(choices->item(0)->text(), QStringLiteral("#2 Add a partition filter on sales.orders (job sales-before)"));
    QCOMPARE(m_dialog->hintText(), QStringLiteral("Choose the recommendation below (↓, then Enter), or type its id."));
    QTest::keyClick(recommendation, Qt::Key_Down);
    QVERIFY(choices->hasFocus());
    QTest::keyClick(choices, Qt::Key_Return);
    QVERIFY(m_dialog->isVisible()); // Enter took the choice; it did not press Record
    QCOMPARE(recommendation->text(), QStringLiteral("2"));
    QCOMPARE(m_dialog->recommendationId(), 2);
    QVERIFY(!choices->isVisible());
    QVERIFY(field("afterJob")->hasFocus());
    // A job ID finds it too; words that match nothing say so.
    recommendation->clear();
    QTest::keyClicks(recommendation, QStringLiteral("orig"));
    QTRY_COMPARE(choices->count(), 1);
    QCOMPARE(choices->item(0)->text(), QStringLiteral("#1 Select only the needed columns of crm.contacts (job orig)"));
    recommendation->clear();
    QTest::keyClicks(recommendation, QStringLiteral("nothing like it"));
    QTRY_COMPARE(m_dialog->hintText(), QStringLiteral("No recommendation's title or job ID contains \"nothing like it\"."));
}

void TestAfterJobDialog::jobTakenFromTheListAndRecordedWithOneClick()
{
    m_dialog->setRecommendation(1);
    QLineEdit *afterJob = field("afterJob");
    QTest::keyClicks(afterJob, QStringLiteral("opt-"));
    ChoiceList *jobs = m_dialog->jobChoices();
    QCOMPARE(jobs->values(), (QStringList{QStringLiteral("opt-real"), QStringLiteral("opt-rerun")}));
    // The list sits under the field, inside the dialog: it covers nothing.
    QVERIFY(jobs->geometry().top() >= afterJob->geometry().bottom());
    QCOMPARE(jobs->window(), m_dialog.get());
    QTest::keyClick(afterJob, Qt::Key_Down);
    QTest::keyClick(jobs, Qt::Key_Down);
    QTest::keyClick(jobs, Qt::Key_Return);
    QCOMPARE(afterJob->text(), QStringLiteral("opt-rerun"));
    QVERIFY(!jobs->isVisible());
    QCOMPARE(m_dialog->previewText(),
             QStringLiteral("1 run before, 1 after: too few runs for a verdict\n"
                            "duration 1 min 0 s → 13.0 s: 78.3 % faster; estimated 70 % → meets expectation"));
    // One click on Record records: nothing in front of it swallows the click.
    QTest::mouseClick(record(), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->afterJobId(), QStringLiteral("opt-rerun"));
}

void TestAfterJobDialog::warnsAboutAJobThatRanBeforeOrIsTaken()
{
    m_dialog->setRecommendation(1);
    QTest::keyClicks(field("afterJob"), QStringLiteral("early"));
    QVERIFY(record()->isEnabled()); // a warning, not a refusal
    const QString warning = m_dialog->findChild<QLabel *>(QStringLiteral("warning"))->text();
    QCOMPARE(warning, QStringLiteral("Job early started on 4/1/2024 11:00 AM, before the before job orig "
                                     "(5/1/2024 11:00 AM): is it really the optimized run?"));
    field("afterJob")->clear();
    QTest::keyClicks(field("afterJob"), QStringLiteral("sales-after"));
    QCOMPARE(m_dialog->findChild<QLabel *>(QStringLiteral("warning"))->text(),
             QStringLiteral("Job sales-after is already the after job of recommendation 2."));
    field("afterJob")->clear();
    QTest::keyClicks(field("afterJob"), QStringLiteral("sales-before"));
    QCOMPARE(m_dialog->findChild<QLabel *>(QStringLiteral("warning"))->text(),
             QStringLiteral("Job sales-before started on 5/1/2024 10:00 AM, before the before job orig "
                            "(5/1/2024 11:00 AM): is it really the optimized run?\n"
                            "Job sales-before is already the before job of recommendation 2."));
}

void TestAfterJobDialog::aRegressionIsCalledOne()
{
    m_dialog->setRecommendation(1);
    QTest::keyClicks(field("afterJob"), QStringLiteral("slow"));
    QCOMPARE(m_dialog->previewText(), QStringLiteral("1 run before, 1 after: too few runs for a verdict\n"
                                                     "duration 1 min 0 s → 4 min 9 s: 315.0 % slower — a regression; "
                                                     "estimated 70 % → does not meet expectation"));
}

QTEST_MAIN(TestAfterJobDialog)
#include "tst_afterjobdialog.moc"
