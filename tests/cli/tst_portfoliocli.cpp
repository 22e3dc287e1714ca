// The command line of SPEC §6: `measure suggest R [--limit N]`, `calibration [--days N]
// [--issue-type T]`, and the recurring savings in `measure` and `summary` — JSON and text,
// and the errors (clear message, exit status, nothing written).

#include "optimeterprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);

// Recommendation 1 (implemented 2026-03-10 12:00 UTC) of job B, query H by ana. H ran twice in
// the month before B (runs_per_day 3 / 30); the fortnight after the implementation holds runs
// of H, a rewritten query, a dissimilar one and a failed run.
const QByteArray history =
    "job_id,query_hash,user_name,query_text,started_at,duration_ms,status\n"
    "B,H,ana,\"select * from sales where d = '2026-01-01'\",2026-03-09T12:00:00Z,3600000,success\n"
    "h-old1,H,ana,\"select * from sales where d = '2025-12-01'\",2026-02-10T12:00:00Z,3500000,success\n"
    "h-old2,H,ana,\"select * from sales where d = '2025-12-02'\",2026-03-01T12:00:00Z,3700000,success\n"
    "A-bob,H,bob,\"select * from sales where d = '2026-03-11'\",2026-03-11T09:00:00Z,1800000,success\n"
    "A-ana,H,ana,\"select * from sales where d = '2026-03-12'\",2026-03-12T09:00:00Z,1900000,success\n"
    "R1,H2,ana,\"SELECT a, b FROM sales WHERE d = '2026-03-01'\",2026-03-10T13:00:00Z,900000,success\n"
    "X,H4,ana,select count(*) from orders,2026-03-10T14:00:00Z,1000,success\n"
    "F,H,ana,\"select * from sales where d = '2026-03-13'\",2026-03-13T09:00:00Z,10,failed\n"
    "C1,,carl,select 1,2026-03-10T12:00:00Z,1000,success\n"
    "C2,,carl,select 2,2026-03-10T12:00:00Z,900,success\n";

const QByteArray recommendations =
    "id,job_id,issue_type,estimated_improvement_pct,implemented_at\n"
    "1,B,select_star,40,2026-03-10T12:00:00Z\n"
    "2,C1,cartesian_join,40.1,\n"
    "3,X,select_star,,\n";
} // namespace

class TestPortfolioCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void suggestInJson();
    void suggestAsText();
    void suggestToCorrect();
    void errors_data();
    void errors();
    void recurringSavings();
    void calibration();

private:
    OptimeterRun optimeter(const QStringList &arguments) const
    {
        return OptimeterRun::start(executable, QStringList{u"--db"_s, m_db} + arguments, m_environment);
    }
    QJsonDocument json(const QStringList &arguments) const
    {
        const OptimeterRun run = optimeter(QStringList{u"--json"_s} + arguments);
        if (!run.ok())
            qWarning().noquote() << run.describe();
        return QJsonDocument::fromJson(run.out);
    }
    QString write(const QString &name, const QByteArray &content) const;
    void verifyOk(const QStringList &arguments) const
    {
        const OptimeterRun run = optimeter(arguments);
        QVERIFY2(run.ok(), qPrintable(run.describe()));
    }

    QTemporaryDir m_folder;
    QString m_db;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    int m_case = 0;
};

void TestPortfolioCli::init()
{
    m_environment.insert(u"HOME"_s, m_folder.path());
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_folder.filePath(u"config"_s));
    m_db = m_folder.filePath(u"portfolio-%1.sqlite"_s.arg(++m_case));
    verifyOk({u"import"_s, u"queries"_s, write(u"history.csv"_s, history)});
    verifyOk({u"import"_s, u"recommendations"_s, write(u"recs.csv"_s, recommendations)});
}

QString TestPortfolioCli::write(const QString &name, const QByteArray &content) const
{
    QFile file(m_folder.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(file.fileName()));
    return file.fileName();
}

void TestPortfolioCli::suggestInJson()
{
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s});
    const QJsonArray all = json({u"measure"_s, u"suggest"_s, u"1"_s}).array();
    // Same hash first (ana's before bob's), then R1: {select, a, ",", b, from, sales, where, d,
    // =, ?} against B's {select, *, from, sales, where, d, =, ?}: 7 / 11. X (3 / 12) and the
    // failed F are not candidates.
    const QJsonArray expected{
        QJsonObject{{u"job_id"_s, u"A-ana"_s}, {u"started_at"_s, u"2026-03-12T09:00:00.000Z"_s},
                    {u"duration_ms"_s, 1900000}, {u"query_hash"_s, u"H"_s}, {u"score"_s, 1},
                    {u"reason"_s, u"same_hash"_s}},
        QJsonObject{{u"job_id"_s, u"A-bob"_s}, {u"started_at"_s, u"2026-03-11T09:00:00.000Z"_s},
                    {u"duration_ms"_s, 1800000}, {u"query_hash"_s, u"H"_s}, {u"score"_s, 1},
                    {u"reason"_s, u"same_hash"_s}},
        QJsonObject{{u"job_id"_s, u"R1"_s}, {u"started_at"_s, u"2026-03-10T13:00:00.000Z"_s},
                    {u"duration_ms"_s, 900000}, {u"query_hash"_s, u"H2"_s}, {u"score"_s, 7.0 / 11.0},
                    {u"reason"_s, u"similar_text"_s}},
    };
    QCOMPARE(all, expected);
    QCOMPARE(json({u"measure"_s, u"suggest"_s, u"1"_s, u"--limit"_s, u"1"_s}).array(), QJsonArray{expected[0]});
    // A window of one day ends before ana's run.
    QCOMPARE(json({u"measure"_s, u"suggest"_s, u"1"_s, u"--similar-days"_s, u"1"_s}).array(),
             (QJsonArray{expected[1], expected[2]}));
}

void TestPortfolioCli::suggestAsText()
{
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s});
    const OptimeterRun run = optimeter({u"measure"_s, u"suggest"_s, u"1"_s});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QCOMPARE(QString::fromUtf8(run.out),
             u"Candidates for the after job of measurement 1 (recommendation 1; before job B), started "
             "2026-03-10 12:00 … 2026-03-24 12:00 UTC:\n"
             "  score  reason        started_at                 duration_ms job_id\n"
             "  1.00   same_hash     2026-03-12 09:00:00 UTC        1900000 A-ana\n"
             "  1.00   same_hash     2026-03-11 09:00:00 UTC        1800000 A-bob\n"
             "  0.64   similar_text  2026-03-10 13:00:00 UTC         900000 R1\n"_s);
    // Recommendation 2 has no implementation date: its window starts at C1, whose text
    // ("select ?") C2 shares.
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"2"_s});
    const OptimeterRun other = optimeter({u"measure"_s, u"suggest"_s, u"2"_s});
    QVERIFY2(other.ok(), qPrintable(other.describe()));
    QVERIFY2(other.out.endsWith("  1.00   similar_text  2026-03-10 12:00:00 UTC            900 C2\n"), other.out);
}

void TestPortfolioCli::suggestToCorrect()
{
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s});
    verifyOk({u"measure"_s, u"after"_s, u"--recommendation"_s, u"1"_s, u"--job"_s, u"R1"_s});
    const OptimeterRun run = optimeter({u"measure"_s, u"suggest"_s, u"1"_s, u"--limit"_s, u"1"_s});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith("Candidates to correct the after job of measurement 1 (recommendation 1; before "
                                "job B)"),
             run.out);
}

void TestPortfolioCli::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error");
    const QStringList suggest{u"measure"_s, u"suggest"_s};
    for (const QString &limit : {u"0"_s, u"101"_s, u"-1"_s, u"ten"_s})
        QTest::addRow("--limit %s", qPrintable(limit))
            << suggest + QStringList{u"1"_s, u"--limit"_s, limit} << 2
            << u"error: --limit must be a whole number from 1 to 100, not '%1'"_s.arg(limit);
    QTest::newRow("--similar-days 0") << suggest + QStringList{u"1"_s, u"--similar-days"_s, u"0"_s} << 2
                                      << u"error: --similar-days must be a whole number of days, at least 1, not '0'"_s;
    QTest::newRow("no recommendation") << suggest << 2 << u"error: give exactly one recommendation id"_s;
    QTest::newRow("not a number") << suggest + QStringList{u"x1"_s} << 2
                                  << u"error: 'x1' is not a recommendation id (a whole number)"_s;
    QTest::newRow("unknown recommendation") << suggest + QStringList{u"99"_s} << 1
                                            << u"error: Recommendation not found: 99"_s;
    QTest::newRow("no before metrics") << suggest + QStringList{u"2"_s} << 1
                                       << u"error: No before metrics found for recommendation 2"_s;
    QTest::newRow("calibration --days 0") << QStringList{u"calibration"_s, u"--days"_s, u"0"_s} << 2
                                          << u"error: --days must be a whole number of at least 1, not '0'"_s;
    QTest::newRow("calibration of what") << QStringList{u"calibration"_s, u"select_star"_s} << 2
                                         << u"error: unexpected argument 'select_star'"_s;
}

void TestPortfolioCli::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s});
    const OptimeterRun run = optimeter(arguments);
    QVERIFY2(run.normalExit(), qPrintable(run.describe()));
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.errorLine(), error);
    QVERIFY(run.out.isEmpty());
    // Nothing written: recommendation 1's measurement is still open, 2 has none.
    QCOMPARE(json({u"measure"_s, u"show"_s, u"1"_s}).object().value(u"job_id_after"_s), QJsonValue());
    QCOMPARE(optimeter({u"measure"_s, u"show"_s, u"2"_s}).exitCode, 1);
}

// B's query ran twice in the 30 days before it: 3 runs a month, 0.1 a day. A-bob saves
// 1,800,000 ms a run: 1,800,000 × 0.1 × 30 / 3,600,000 = 1.5 h a month.
void TestPortfolioCli::recurringSavings()
{
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s});
    const OptimeterRun after =
        optimeter({u"measure"_s, u"after"_s, u"--recommendation"_s, u"1"_s, u"--job"_s, u"A-bob"_s});
    QVERIFY2(after.ok(), qPrintable(after.describe()));
    QVERIFY2(after.out.contains("\n  recurring: 0.1 runs a day in the 30 days before; projected 1.5 h saved a month\n"),
             after.out);
    const QJsonObject m = json({u"measure"_s, u"show"_s, u"1"_s}).object();
    QCOMPARE(m.value(u"runs_per_day"_s), QJsonValue(0.1));
    QCOMPARE(m.value(u"projected_monthly_hours_saved"_s), QJsonValue(1.5));
    // Recommendation 2 (C1 → C2, no hash): once a month, 100 ms saved: 0.0000278 h.
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"2"_s});
    verifyOk({u"measure"_s, u"after"_s, u"--recommendation"_s, u"2"_s, u"--job"_s, u"C2"_s});
    const QJsonObject second = json({u"measure"_s, u"show"_s, u"2"_s}).object();
    QCOMPARE(second.value(u"runs_per_day"_s).toDouble(), 1.0 / 30.0);
    QCOMPARE(second.value(u"projected_monthly_hours_saved"_s).toDouble(), 100.0 / 3600000.0);
    const QJsonObject summary = json({u"summary"_s}).object();
    QCOMPARE(summary.value(u"projected_monthly_hours_saved"_s), QJsonValue(1.5));
    const OptimeterRun text = optimeter({u"summary"_s});
    QVERIFY2(text.out.contains("\n  projected h saved / month             1.5\n"), text.out);
}

// select_star: (e, a) = (40, 50); cartesian_join: (40.1, 10), not met. Over all, rounded half
// away from zero: e 40.05 → 40.1, a 30, bias (10 − 30.1) / 2 = −10.05 → −10.1, MAE 20.05 →
// 20.1, factor (2000 + 401) / (1600 + 1608.01) = 0.748… → 0.75, success 1 of 2.
void TestPortfolioCli::calibration()
{
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s});
    verifyOk({u"measure"_s, u"after"_s, u"--recommendation"_s, u"1"_s, u"--job"_s, u"A-bob"_s});
    verifyOk({u"measure"_s, u"before"_s, u"--recommendation"_s, u"2"_s});
    verifyOk({u"measure"_s, u"after"_s, u"--recommendation"_s, u"2"_s, u"--job"_s, u"C2"_s});
    const QJsonArray rows = json({u"calibration"_s}).array();
    const auto row = [](QJsonValue type, int count, double e, double a, double bias, double mae, QJsonValue factor,
                        double success) {
        return QJsonObject{{u"issue_type"_s, type}, {u"count"_s, count}, {u"mean_estimated_pct"_s, e},
                           {u"mean_actual_pct"_s, a}, {u"bias_pct"_s, bias}, {u"mae_pct"_s, mae},
                           {u"calibration_factor"_s, factor}, {u"success_rate_pct"_s, success}};
    };
    const QJsonObject cartesian = row(u"cartesian_join"_s, 1, 40.1, 10, -30.1, 30.1, 0.25, 0);
    const QJsonObject star = row(u"select_star"_s, 1, 40, 50, 10, 10, 1.25, 100);
    QCOMPARE(rows, (QJsonArray{cartesian, star, row(QJsonValue(), 2, 40.1, 30, -10.1, 20.1, 0.75, 50)}));
    QCOMPARE(json({u"calibration"_s, u"--issue-type"_s, u"select_star"_s}).array(),
             (QJsonArray{star, row(QJsonValue(), 1, 40, 50, 10, 10, 1.25, 100)}));
    QCOMPARE(json({u"calibration"_s, u"--issue-type"_s, u"none"_s}).array(),
             QJsonArray{row(QJsonValue(), 0, 0, 0, 0, 0, QJsonValue(), 0)});
    const OptimeterRun text = optimeter({u"calibration"_s, u"--days"_s, u"3650"_s});
    QVERIFY2(text.ok(), qPrintable(text.describe()));
    QVERIFY2(text.out.contains("\n  select_star              1        40.0        50.0        10.0        10.0        1.25"
                               "       100.0\n  (all)                    2        40.1        30.0       -10.1"),
             text.out);
}

QTEST_GUILESS_MAIN(TestPortfolioCli)
#include "tst_portfoliocli.moc"
