// The after-job dialog's suggestions (SPEC §6.1, issue 14): the candidates read in the worker as
// soon as the recommendation is known, in the order of the spec, taken with ↓ Enter or one click
// (the preview follows, and what is recorded is the job taken); a warning when the typed job's
// query looks like another one; a hint, not an error, before anything is typed; a quiet line when
// there are no candidates; and the dialog grows with its content, in English and in German.

#include "database.h"
#include "dialogs/afterjobdialog.h"
#include "dialogs/aftersuggestionlist.h"
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

class TestAfterSuggestions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void suggestionsListedInTheOrderOfTheSpec();
    void downEnterTakesTheFirstAndItIsRecorded();
    void oneClickTakesASuggestion();
    void tokensTheBeforeQueryLacksAreMarked();
    void warnsWhenTheQueryLooksDifferent();
    void hintBeforeAnythingIsTyped();
    void quietLineWhenNothingRan();
    void growsWithItsContentInEnglishAndGerman();

private:
    void exec(const QString &sql);
    QLineEdit *field(const char *name) const { return m_dialog->findChild<QLineEdit *>(QLatin1String(name)); }
    QLabel *label(const char *name) const { return m_dialog->findChild<QLabel *>(QLatin1String(name)); }
    QPushButton *record() const { return m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok); }
    void openDialog();

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AfterJobDialog> m_dialog;
};

namespace {
const QString BeforeText = QStringLiteral("SELECT id, name, email\n  FROM crm.contacts\n WHERE region = 'EU'");
const QString RewrittenText = QStringLiteral("SELECT id, name FROM crm.contacts WHERE region = 'DE' AND active");
const QString OtherText = QStringLiteral("DELETE FROM staging.events WHERE day < 20240101");
} // namespace

void TestAfterSuggestions::initTestCase()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAfterSuggestions::exec(const QString &sql)
{
    QSqlQuery query(m_db->connection());
    QVERIFY2(query.exec(sql), qPrintable(query.lastError().text() + u' ' + sql));
}

// Recommendation 1: the before job (Ana's), three runs of the same query (two of them Ana's),
// a rewrite of it (similarity 12/15 = 0.80), a job of another query (4/18 = 0.22), a job
// without a text, and jobs the spec leaves out: one after the 14 days, a failed one.
// Recommendation 2: a before job with nothing after it.
void TestAfterSuggestions::init()
{
    auto opened = Database::open(
        m_folder.filePath(QStringLiteral("%1.sqlite").arg(QLatin1String(QTest::currentTestFunction()))));
    QVERIFY(opened);
    m_db = std::move(opened).value();
    QSqlQuery insert(m_db->connection());
    QVERIFY(insert.prepare(QStringLiteral("INSERT INTO queries (job_id, query_text, query_hash, user_name, started_at, "
                                          "duration_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?)")));
    const auto job = [&](const char *id, const QString &text, const char *hash, const char *user, const char *started,
                         int durationMs, const char *status = "success") {
        insert.addBindValue(QString::fromLatin1(id));
        insert.addBindValue(text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text));
        insert.addBindValue(hash ? QVariant(QString::fromLatin1(hash)) : QVariant(QMetaType::fromType<QString>()));
        insert.addBindValue(QString::fromLatin1(user));
        insert.addBindValue(QString::fromLatin1(started));
        insert.addBindValue(durationMs);
        insert.addBindValue(QString::fromLatin1(status));
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    };
    job("before", BeforeText, "h1", "ana", "2024-05-01T09:00:00.000Z", 120000);
    job("same-bob", BeforeText, "h1", "bob", "2024-05-02T10:00:00.000Z", 61000);
    job("same-ana-late", BeforeText, "h1", "ana", "2024-05-05T10:00:00.000Z", 90000);
    job("same-ana-early", BeforeText, "h1", "ana", "2024-05-03T10:00:00.000Z", 118000);
    job("rewrite", RewrittenText, "h2", "ana", "2024-05-02T12:00:00.000Z", 12400);
    job("other", OtherText, "h3", "ana", "2024-05-02T13:00:00.000Z", 5000);
    job("no-text", QString(), "h4", "ana", "2024-05-02T14:00:00.000Z", 7000);
    job("too-late", BeforeText, "h1", "ana", "2024-05-16T09:00:00.000Z", 100000);
    job("failed", BeforeText, "h1", "ana", "2024-05-04T09:00:00.000Z", 1000, "failed");
    job("lonely", QStringLiteral("SELECT count(*) FROM sales.orders"), "h9", "cem", "2024-06-01T09:00:00.000Z", 30000);
    exec(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, title, estimated_improvement_pct) VALUES "
                        "(1, 'before', 'select_star', 'Select only the needed columns of crm.contacts', 70), "
                        "(2, 'lonely', 'missing_partition_filter', 'Add a partition filter on sales.orders and keep "
                        "the monthly totals in a summary table that the dashboard reads', 60)"));
    MeasurementService service(*m_db);
    QVERIFY(service.recordBefore(1));
    QVERIFY(service.recordBefore(2));
    openDialog();
}

void TestAfterSuggestions::openDialog()
{
    m_dialog = std::make_unique<AfterJobDialog>(*m_db, MeasurementSettings{}, 14);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestAfterSuggestions::cleanup()
{
    m_dialog.reset();
    m_db.reset();
}

// Score descending; Ana (the before job's user) first; then the earlier. The rewrite's new
// words are not in the rows' text; the failed job, the one after 14 days, the other query and
// the job without a text are not listed.
void TestAfterSuggestions::suggestionsListedInTheOrderOfTheSpec()
{
    m_dialog->setRecommendation(1);
    AfterSuggestionList *list = m_dialog->suggestions();
    QTRY_VERIFY(!m_dialog->isSuggesting());
    QCOMPARE(list->jobIds(), (QStringList{QStringLiteral("same-ana-early"), QStringLiteral("same-ana-late"),
                                          QStringLiteral("same-bob"), QStringLiteral("rewrite")}));
    const QString before = QStringLiteral("SELECT id, name, email FROM crm.contacts WHERE region = 'EU'");
    QCOMPARE(list->rowText(0), QStringLiteral("1.00 | same query | same-ana-early | 5/3/2024 12:00 PM | 1 min 58 s | ") + before);
    QCOMPARE(list->rowText(1), QStringLiteral("1.00 | same query | same-ana-late | 5/5/2024 12:00 PM | 1 min 30 s | ") + before);
    QCOMPARE(list->rowText(2), QStringLiteral("1.00 | same query | same-bob | 5/2/2024 12:00 PM | 1 min 1 s | ") + before);
    QCOMPARE(list->rowText(3), QStringLiteral("0.80 | similar text | rewrite | 5/2/2024 2:00 PM | 12.4 s | ") + RewrittenText);
    QCOMPARE(list->topLevelItem(0)->toolTip(AfterSuggestionList::ReasonColumn),
             QStringLiteral("same_hash: the job has the before job's query hash"));
    QCOMPARE(list->topLevelItem(3)->toolTip(AfterSuggestionList::ReasonColumn),
             QStringLiteral("similar_text: the words of the job's query and of the before job's are 0.80 alike "
                            "(Jaccard similarity of their tokens)"));
    QVERIFY(list->isVisible());
    QCOMPARE(m_dialog->suggestionNote(), QString());
    // Under the job field, inside the dialog.
    QVERIFY(list->geometry().top() >= field("afterJob")->geometry().bottom());
    QCOMPARE(list->window(), m_dialog.get());
}

void TestAfterSuggestions::downEnterTakesTheFirstAndItIsRecorded()
{
    m_dialog->setRecommendation(1);
    AfterSuggestionList *list = m_dialog->suggestions();
    QTRY_COMPARE(list->topLevelItemCount(), 4);
    QLineEdit *afterJob = field("afterJob");
    QVERIFY(afterJob->hasFocus());
    QTest::keyClick(afterJob, Qt::Key_Down);
    QVERIFY(list->hasFocus());
    QCOMPARE(list->currentItem(), list->topLevelItem(0));
    // ↓ ↓ ↑ moves, Enter takes: not the dialog's Record button.
    QTest::keyClick(list, Qt::Key_Down);
    QTest::keyClick(list, Qt::Key_Down);
    QTest::keyClick(list, Qt::Key_Up);
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(list->currentItem(), list->topLevelItem(0));
    QCOMPARE(afterJob->text(), QString());
    QTest::keyClick(list, Qt::Key_Return);
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), int(QDialog::Rejected)); // not accepted: nothing decided yet
    QCOMPARE(afterJob->text(), QStringLiteral("same-ana-early"));
    QVERIFY(afterJob->hasFocus());
    QCOMPARE(list->currentItem(), list->topLevelItem(0)); // the taken one stays marked
    // The preview follows: Ana's run of 3 May with the other runs of the query (SPEC §5.1): the
    // before job and Bob's run before it (median 1 min 31 s); it, 5 and 16 May after it.
    QCOMPARE(m_dialog->previewText(),
             QStringLiteral("2 runs before, 3 after: too few runs for a verdict\n"
                            "duration 1 min 31 s → 1 min 40 s: 20.4 % slower — a regression; estimated 70 % → "
                            "does not meet expectation"));
    QCOMPARE(m_dialog->errorText(), QString());
    QVERIFY(record()->isEnabled());
    // Now Enter records, as before.
    QTest::keyClick(afterJob, Qt::Key_Return);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->afterJobId(), QStringLiteral("same-ana-early"));
    // What the window records (MainWindow::enterAfterJob): the dialog's request.
    MeasurementService service(*m_db);
    QVERIFY(service.recordAfter(m_dialog->recommendationId(), m_dialog->request()));
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT job_id_after FROM measurements WHERE recommendation_id = 1")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("same-ana-early"));
    QVERIFY(!query.next());
}

void TestAfterSuggestions::oneClickTakesASuggestion()
{
    m_dialog->setRecommendation(1);
    AfterSuggestionList *list = m_dialog->suggestions();
    QTRY_COMPARE(list->topLevelItemCount(), 4);
    QLineEdit *afterJob = field("afterJob");
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->topLevelItem(3)).center());
    QCOMPARE(afterJob->text(), QStringLiteral("rewrite"));
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(m_dialog->previewText(),
             QStringLiteral("2 runs before, 1 after: too few runs for a verdict\n"
                            "duration 1 min 31 s → 12.4 s: 85.5 % faster; estimated 70 % → meets expectation"));
    QCOMPARE(label("warning")->text(), QString()); // 0.80 alike: no warning
    // Typing another ID moves the mark off the list; typing a listed one puts it back.
    afterJob->clear();
    QCOMPARE(list->currentItem(), nullptr);
    QTest::keyClicks(afterJob, QStringLiteral("same-bob"));
    QCOMPARE(list->currentItem(), list->topLevelItem(2));
}

// The rewrite's new words are marked; its literal is a literal in both; so is an identical text.
void TestAfterSuggestions::tokensTheBeforeQueryLacksAreMarked()
{
    const QSet<QString> before = AfterSuggestionList::tokensOf(BeforeText);
    const auto rewrite = AfterSuggestionList::excerpt(RewrittenText, before);
    QCOMPARE(rewrite.text, RewrittenText);
    using Marks = QList<std::pair<qsizetype, qsizetype>>;
    QCOMPARE(rewrite.marks, (Marks{{54, 3}, {58, 6}}));
    QCOMPARE(rewrite.text.mid(54, 3), QStringLiteral("AND"));
    const auto same = AfterSuggestionList::excerpt(BeforeText, before);
    QCOMPARE(same.text, QStringLiteral("SELECT id, name, email FROM crm.contacts WHERE region = 'EU'"));
    QCOMPARE(same.marks, Marks{});
    // "staging.events" is one mark; positions are in the one-line text; cut at 30 characters.
    const auto other = AfterSuggestionList::excerpt(QStringLiteral("DELETE\n  FROM staging.events\tWHERE day < 20240101"),
                                                    before, 30);
    QCOMPARE(other.text, QStringLiteral("DELETE FROM staging.events WHE"));
    QCOMPARE(other.marks, (Marks{{0, 6}, {12, 7}, {20, 6}}));
}

void TestAfterSuggestions::warnsWhenTheQueryLooksDifferent()
{
    m_dialog->setRecommendation(1);
    QLineEdit *afterJob = field("afterJob");
    QTest::keyClicks(afterJob, QStringLiteral("other"));
    QCOMPARE(label("warning")->text(), QStringLiteral("This looks like a different query: similarity 0.22"));
    QVERIFY(record()->isEnabled()); // a warning, not a refusal
    QCOMPARE(m_dialog->errorText(), QString());
    // Amber, as the other warnings: not the error's red.
    QCOMPARE(label("warning")->palette().color(QPalette::WindowText), QColor(0xb2, 0x6b, 0x00));
    // Without a text there is nothing to compare: nothing said.
    afterJob->clear();
    QTest::keyClicks(afterJob, QStringLiteral("no-text"));
    QCOMPARE(label("warning")->text(), QString());
    QVERIFY(record()->isEnabled());
    // The same query: nothing said either.
    afterJob->clear();
    QTest::keyClicks(afterJob, QStringLiteral("same-bob"));
    QCOMPARE(label("warning")->text(), QString());
}

// The hint is in the palette's text colour, and no error shows, before anything is typed.
void TestAfterSuggestions::hintBeforeAnythingIsTyped()
{
    QCOMPARE(m_dialog->hintText(), QStringLiteral("Type the recommendation's id, or words of its title or job ID."));
    QCOMPARE(label("hint")->foregroundRole(), QPalette::WindowText);
    QCOMPARE(m_dialog->errorText(), QString());
    QTest::keyClicks(field("recommendation"), QStringLiteral("1"));
    QTRY_VERIFY(!m_dialog->isSuggesting());
    QCOMPARE(m_dialog->hintText(),
             QStringLiteral("Type or paste the after job's ID, or pick a suggestion (↓, then Enter)."));
    QCOMPARE(m_dialog->errorText(), QString());
    QVERIFY(label("hint")->isVisible());
    QVERIFY(!label("error")->isVisible() || label("error")->text().isEmpty());
}

void TestAfterSuggestions::quietLineWhenNothingRan()
{
    QTest::keyClicks(field("recommendation"), QStringLiteral("2"));
    QTRY_VERIFY(!m_dialog->isSuggesting());
    QCOMPARE(m_dialog->suggestions()->topLevelItemCount(), 0);
    QVERIFY(!m_dialog->suggestions()->isVisible());
    QCOMPARE(m_dialog->suggestionNote(), QStringLiteral("No jobs of this query ran in the 14 days after 6/1/2024 11:00 AM."));
    QCOMPARE(label("suggestionNote")->foregroundRole(), QPalette::PlaceholderText);
    QCOMPARE(m_dialog->hintText(), QStringLiteral("Type or paste the after job's ID (↓ chooses among the known ones)."));
    QCOMPARE(m_dialog->errorText(), QString());
}

// Every word-wrapped line is as tall as its text needs, whether the recommendation was given or
// typed, with a long title, the suggestions and a warning; in English and in German. The
// pictures are left in /tmp for a look.
void TestAfterSuggestions::growsWithItsContentInEnglishAndGerman()
{
    const auto checkNothingClipped = [this](const char *what) {
        QCoreApplication::processEvents();
        const QRect inside = m_dialog->rect();
        for (QLabel *shown : m_dialog->findChildren<QLabel *>()) {
            if (!shown->isVisible() || shown->text().isEmpty())
                continue;
            QVERIFY2(inside.contains(QRect(shown->mapTo(m_dialog.get(), QPoint(0, 0)), shown->size())),
                     qPrintable(QStringLiteral("%1: %2 outside the dialog").arg(QLatin1String(what), shown->text())));
            if (shown->wordWrap())
                QVERIFY2(shown->height() >= shown->heightForWidth(shown->width()),
                         qPrintable(QStringLiteral("%1: %2 clipped (%3 < %4)")
                                        .arg(QLatin1String(what), shown->text())
                                        .arg(shown->height())
                                        .arg(shown->heightForWidth(shown->width()))));
        }
    };
    for (const QLocale::Language language : {QLocale::English, QLocale::German}) {
        Translations::install(QLocale(language, language == QLocale::German ? QLocale::Germany : QLocale::UnitedStates));
        const QString name = language == QLocale::German ? QStringLiteral("de") : QStringLiteral("en");
        // Typed: the title appears after the dialog took its size.
        openDialog();
        QTest::keyClicks(field("recommendation"), QStringLiteral("2"));
        QTRY_VERIFY(!m_dialog->isSuggesting());
        checkNothingClipped("typed, empty");
        QVERIFY(m_dialog->grab().save(QStringLiteral("/tmp/suggestui-%1-empty.png").arg(name)));
        field("recommendation")->clear();
        QTest::keyClicks(field("recommendation"), QStringLiteral("1"));
        QTRY_VERIFY(!m_dialog->isSuggesting());
        checkNothingClipped("typed, suggestions");
        QVERIFY(m_dialog->grab().save(QStringLiteral("/tmp/suggestui-%1-suggestions.png").arg(name)));
        QTest::keyClicks(field("afterJob"), QStringLiteral("other"));
        checkNothingClipped("typed, warning");
        if (language == QLocale::German)
            QCOMPARE(label("warning")->text(), QStringLiteral("Das sieht nach einer anderen Abfrage aus: Ähnlichkeit 0,22"));
        QVERIFY(m_dialog->grab().save(QStringLiteral("/tmp/suggestui-%1-warning.png").arg(name)));
        // Given: the dialog opens with it.
        m_dialog.reset();
        m_dialog = std::make_unique<AfterJobDialog>(*m_db, MeasurementSettings{}, 14);
        m_dialog->setRecommendation(1);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        QTRY_VERIFY(!m_dialog->isSuggesting());
        QTest::keyClick(field("afterJob"), Qt::Key_Down);
        QTest::keyClick(m_dialog->suggestions(), Qt::Key_Down);
        QTest::keyClick(m_dialog->suggestions(), Qt::Key_Down);
        QTest::keyClick(m_dialog->suggestions(), Qt::Key_Down);
        QTest::keyClick(m_dialog->suggestions(), Qt::Key_Return);
        checkNothingClipped("given, taken");
        QVERIFY(m_dialog->grab().save(QStringLiteral("/tmp/suggestui-%1-taken.png").arg(name)));
    }
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(TestAfterSuggestions)
#include "tst_aftersuggestions.moc"
