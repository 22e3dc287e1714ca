// Pictures of SPEC §5 in the window to look at, not compared: the Measurements page with its
// detail pane at 1000×700 and 1600×1000, and the after-job dialog, in /tmp/verdicts-*.png.
// Thirty recurring queries, each measured with its other runs: faster, unchanged, slower, or
// with one run a side (too few).

#include "database.h"
#include "dialogs/afterjobdialog.h"
#include "measurementservice.h"
#include "measurementtablemodel.h"
#include "pages/measurementspage.h"
#include "testdatabase.h"
#include "translations.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QDateTime t0(QDate(2024, 5, 15), QTime(9, 0), Qt::UTC);
}

class TestVerdictRenders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void rendersThePageAndTheDialog();

private:
    void exec(const QString &sql, const QVariantList &values);
    void addJob(const QString &id, const QString &hash, const QDateTime &startedAt, double ms)
    {
        exec(QStringLiteral("INSERT INTO queries (job_id, query_hash, started_at, duration_ms, status) "
                            "VALUES (?, ?, ?, ?, 'success')"),
             {id, hash, Database::toSqlTimestamp(startedAt), ms});
    }

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestVerdictRenders::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_db->connection());
    QVERIFY2(query.prepare(sql), qPrintable(query.lastError().text()));
    for (const QVariant &value : values)
        query.addBindValue(value);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

void TestVerdictRenders::rendersThePageAndTheDialog()
{
    auto opened = Database::open(m_folder.filePath(QStringLiteral("renders.sqlite")));
    QVERIFY(opened.ok());
    m_db = std::move(opened).value();
    QRandomGenerator random(13);
    const QStringList titles{QStringLiteral("Add a partition filter on sales.orders"),
                             QStringLiteral("Select only the needed columns of crm.contacts"),
                             QStringLiteral("Cluster ops.shipments on event_date"),
                             QStringLiteral("Join the small dimension first in sales.invoices"),
                             QStringLiteral("Drop the ORDER BY of the nightly export")};
    const double factors[] = {0.55, 1.0, 1.35, 0.7, 0.9};
    QVERIFY(m_db->connection().transaction());
    for (int r = 1; r <= 30; ++r) {
        const double base = 20000 + random.bounded(100000);
        const double factor = factors[r % 5];
        const bool single = r % 7 == 0;
        const int before = single ? 1 : 4 + random.bounded(10), after = single ? 1 : 3 + random.bounded(8);
        for (int i = 0; i < before; ++i)
            addJob(QStringLiteral("q%1-before-%2").arg(r).arg(i), QStringLiteral("hb%1").arg(r),
                   t0.addSecs(-3600 * (1 + i * 20 + random.bounded(10))), base * (0.85 + 0.3 * random.generateDouble()));
        for (int i = 0; i < after; ++i)
            addJob(QStringLiteral("q%1-after-%2").arg(r).arg(i), QStringLiteral("ha%1").arg(r),
                   t0.addSecs(3600 * (i * 20 + random.bounded(10))),
                   base * factor * (0.85 + 0.3 * random.generateDouble()));
        exec(QStringLiteral("INSERT INTO recommendations (id, job_id, issue_type, title, estimated_improvement_pct) "
                            "VALUES (?, ?, 'missing_partition_filter', ?, ?)"),
             {r, QStringLiteral("q%1-before-0").arg(r), titles[r % 5], 20 + r % 4 * 10});
    }
    QVERIFY(m_db->connection().commit());
    MeasurementService service(*m_db);
    for (int r = 1; r <= 30; ++r) {
        QVERIFY(service.recordBefore(r, QStringList(), QStringLiteral("ana")).ok());
        if (r % 11 != 0) {
            AfterRequest request;
            request.jobIds = {QStringLiteral("q%1-after-0").arg(r)};
            if (r % 7 != 0)
                request.similarDays = 14;
            QVERIFY(service.recordAfter(r, request).ok());
        }
    }
    // English at both sizes, then German (longer words, the decimal comma) at the smaller.
    const struct
    {
        QLocale locale;
        QSize size;
        const char *name;
    } renders[] = {{QLocale(QLocale::English, QLocale::UnitedStates), QSize(1000, 700), "1000"},
                   {QLocale(QLocale::English, QLocale::UnitedStates), QSize(1600, 1000), "1600"},
                   {QLocale(QLocale::German, QLocale::Germany), QSize(1000, 700), "1000-de"}};
    for (const auto &render : renders) {
        QLocale::setDefault(render.locale);
        Translations::install(render.locale);
        MeasurementsPage page(*m_db);
        page.resize(render.size);
        QSignalSpy shown(&page, &MeasurementsPage::runsShown);
        page.show();
        page.setDetailPaneVisible(true);
        page.setWindow({});
        QVERIFY(QTest::qWaitFor([&page] { return page.model()->total() >= 0 && !page.model()->isLoading(); }, 20000));
        page.selectRecommendation(5);
        QVERIFY(shown.wait(10000));
        QTest::qWait(50);
        QVERIFY(page.grab().save(QStringLiteral("/tmp/verdicts-page-%1.png").arg(QLatin1String(render.name))));
        AfterJobDialog dialog(*m_db, MeasurementSettings{}, 14);
        dialog.setRecommendation(22);
        dialog.setAfterJob(QStringLiteral("q22-after-0"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QStringLiteral("/tmp/verdicts-dialog-%1.png").arg(QLatin1String(render.name))));
    }
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(TestVerdictRenders)
#include "tst_verdictrenders.moc"
