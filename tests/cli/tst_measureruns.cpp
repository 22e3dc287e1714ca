// The command line of SPEC §5: `measure before/after … --job J --job J2`, `--similar
// [--similar-days D]`, `measure runs`, `measure refresh`, the verdict in `measure show`,
// `summary` and the CSV report, and the errors of issue 13 (clear message, exit status,
// nothing written).

#include "optimeterprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);

// R's values for the seven before and five after runs of recommendation 1:
//   b <- c(1000, 1100, 950, 1200, 1050, 980, 1020); a <- c(600, 650, 700, 620, 580)
constexpr double P = 0.0025252525252525255;        // wilcox.test(b, a)$p.value
constexpr double CiLow = 33.333333333333350;       // (1 - 1/exp(wilcox.test(log(b), log(a), conf.int = TRUE)$conf.int[1])) * 100
constexpr double CiHigh = 45.454545454545439;      // (1 - 1/exp(wilcox.test(log(b), log(a), conf.int = TRUE)$conf.int[2])) * 100
constexpr double Improvement = 39.215686274509807; // (1 - median(outer(a, b, "/"))) * 100

// The history: query H1 (recommendation 1's job B0) and H2 (its optimized job K, which
// started at 2026-03-10 12:00 UTC), with jobs --similar must leave out.
const QByteArray history =
    "job_id,query_hash,started_at,duration_ms,status,cache_hit\n"
    "B0,H1,2026-03-07T12:00:00Z,1000,success,false\n"
    "b1,H1,2026-03-10T11:00:00Z,1100,success,false\n"
    "b2,H1,2026-03-10T10:00:00Z,950,success,false\n"
    "b3,H1,2026-03-09T12:00:00Z,1200,success,false\n"
    "b4,H1,2026-03-08T12:00:00Z,1050,success,false\n"
    "b5,H1,2026-03-05T12:00:00Z,980,success,false\n"
    "b6,H1,2026-02-24T12:00:00Z,1020,success,false\n"
    "b-old,H1,2026-02-24T11:59:59Z,5,success,false\n"
    "b-failed,H1,2026-03-10T08:00:00Z,10,failed,false\n"
    "b-cached,H1,2026-03-10T07:00:00Z,1,success,true\n"
    "K,H2,2026-03-10T12:00:00Z,600,success,false\n"
    "a1,H2,2026-03-10T13:00:00Z,650,success,false\n"
    "a2,H2,2026-03-11T12:00:00Z,700,success,false\n"
    "a3,H2,2026-03-23T12:00:00Z,620,success,false\n"
    "a4,H2,2026-03-24T12:00:00Z,580,success,false\n"
    "a-late,H2,2026-03-24T12:00:01Z,3,success,false\n"
    "a-failed,H2,2026-03-10T14:00:00Z,5,failed,false\n"
    "a-cached,H2,2026-03-10T15:00:00Z,1,success,true\n"
    "undated,H2,,700,success,false\n";

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}
} // namespace

class TestMeasureRuns : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void afterWithSimilarRecordsTheRuns();
    void runsAreListed();
    void namedRunsOnBothSides();
    void summaryAndReportCarryTheVerdict();
    void refreshAddsRunsImportedSince();
    void errors_data();
    void errors();

private:
    OptimeterRun optimeter(const QStringList &arguments) const
    {
        return OptimeterRun::start(executable, QStringList{u"--db"_s, m_db} + arguments, m_environment);
    }
    QJsonObject json(const QStringList &arguments) const
    {
        const OptimeterRun run = optimeter(QStringList{u"--json"_s} + arguments);
        if (!run.ok())
            qWarning().noquote() << run.describe();
        return QJsonDocument::fromJson(run.out).object();
    }
    QString write(const QString &name, const QByteArray &content) const;
    void recordWithSimilar();

    QTemporaryDir m_folder;
    QString m_db;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    int m_case = 0;
};

void TestMeasureRuns::init()
{
    m_environment.insert(u"HOME"_s, m_folder.path());
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_folder.filePath(u"config"_s));
    m_db = m_folder.filePath(QStringLiteral("runs-%1.sqlite").arg(++m_case));
    OptimeterRun run = optimeter({u"import"_s, u"queries"_s, write(u"history.csv"_s, history)});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    run = optimeter({u"import"_s, u"recommendations"_s,
                     write(u"recs.csv"_s, "id,job_id,issue_type,estimated_improvement_pct\n1,B0,select_star,30\n"
                                          "2,B0,select_star,50\n")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
}

QString TestMeasureRuns::write(const QString &name, const QByteArray &content) const
{
    QFile file(m_folder.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(file.fileName()));
    return file.fileName();
}

void TestMeasureRuns::recordWithSimilar()
{
    QVERIFY(optimeter({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s}).ok());
    const OptimeterRun run = optimeter({u"measure"_s, u"after"_s, u"--recommendation"_s, u"1"_s, u"--job"_s, u"K"_s,
                                        u"--similar"_s});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QVERIFY2(run.out.contains("  runs: 7 before, 5 after (other runs of the same queries within 14 days)\n"), run.out);
    QVERIFY2(run.out.contains("  verdict: improved (p = 0.002525; 95 % interval of the improvement 33.3 % … 45.5 %)\n"),
             run.out);
}

void TestMeasureRuns::afterWithSimilarRecordsTheRuns()
{
    recordWithSimilar();
    const QJsonObject m = json({u"measure"_s, u"show"_s, u"1"_s});
    QCOMPARE(m.value(u"job_id_before"_s).toString(), u"B0"_s);
    QCOMPARE(m.value(u"job_id_after"_s).toString(), u"K"_s);
    QCOMPARE(m.value(u"runs_before"_s), QJsonValue(7));
    QCOMPARE(m.value(u"runs_after"_s), QJsonValue(5));
    QCOMPARE(m.value(u"before_duration_ms"_s), QJsonValue(1020));
    QCOMPARE(m.value(u"after_duration_ms"_s), QJsonValue(620));
    QVERIFY(near(m.value(u"duration_improvement_pct"_s).toDouble(), Improvement));
    QVERIFY(near(m.value(u"p_value"_s).toDouble(), P));
    QVERIFY(near(m.value(u"improvement_ci_low_pct"_s).toDouble(), CiLow));
    QVERIFY(near(m.value(u"improvement_ci_high_pct"_s).toDouble(), CiHigh));
    QCOMPARE(m.value(u"verdict"_s), QJsonValue(u"improved"_s));
    QCOMPARE(m.value(u"meets_expectation"_s), QJsonValue(true));
    QCOMPARE(m.value(u"expectation_delta_pct"_s), QJsonValue(9.2));
    QCOMPARE(m.value(u"similar_days"_s), QJsonValue(14));

    // --similar-days 1: within a day of K only.
    QVERIFY(optimeter({u"measure"_s, u"before"_s, u"--recommendation"_s, u"2"_s}).ok());
    const QJsonObject shorter = json({u"measure"_s, u"after"_s, u"--recommendation"_s, u"2"_s, u"--job"_s, u"K"_s,
                                      u"--similar"_s, u"--similar-days"_s, u"1"_s});
    QCOMPARE(shorter.value(u"runs_before"_s), QJsonValue(4));
    QCOMPARE(shorter.value(u"runs_after"_s), QJsonValue(3));
    // B0, b1, b2 and b3 (exactly a day before K) against K, a1 and a2 (exactly a day after):
    // C(7, 4) = 35 ≤ 40 arrangements, too few for p < 0.05 to be reachable.
    QCOMPARE(shorter.value(u"verdict"_s), QJsonValue(u"insufficient_runs"_s));
}

void TestMeasureRuns::runsAreListed()
{
    recordWithSimilar();
    const OptimeterRun run = optimeter({u"--json"_s, u"measure"_s, u"runs"_s, u"1"_s});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    const QJsonArray runs = QJsonDocument::fromJson(run.out).array();
    QCOMPARE(runs.size(), 12);
    QCOMPARE(runs.at(0).toObject(), QJsonObject({{u"side"_s, u"before"_s}, {u"job_id"_s, u"b6"_s},
                                                 {u"started_at"_s, u"2026-02-24T12:00:00.000Z"_s},
                                                 {u"duration_ms"_s, 1020}, {u"gathered"_s, true}}));
    QCOMPARE(runs.at(2).toObject().value(u"job_id"_s), QJsonValue(u"B0"_s));
    QCOMPARE(runs.at(2).toObject().value(u"gathered"_s), QJsonValue(false));
    QCOMPARE(runs.at(7).toObject(), QJsonObject({{u"side"_s, u"after"_s}, {u"job_id"_s, u"K"_s},
                                                 {u"started_at"_s, u"2026-03-10T12:00:00.000Z"_s},
                                                 {u"duration_ms"_s, 600}, {u"gathered"_s, false}}));
    QCOMPARE(runs.at(11).toObject().value(u"job_id"_s), QJsonValue(u"a4"_s));

    const OptimeterRun text = optimeter({u"measure"_s, u"runs"_s, u"1"_s});
    QVERIFY2(text.ok(), qPrintable(text.describe()));
    QVERIFY2(text.out.contains("  before 2026-03-07 12:00:00 UTC           1000 B0 (named)\n"), text.out);
    QVERIFY2(text.out.contains("  after  2026-03-24 12:00:00 UTC            580 a4\n"), text.out);
}

void TestMeasureRuns::namedRunsOnBothSides()
{
    OptimeterRun run = optimeter({u"--json"_s, u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s, u"--job"_s,
                                  u"B0"_s, u"--job"_s, u"b1"_s, u"--job"_s, u"b2"_s});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QJsonObject m = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(m.value(u"before_duration_ms"_s), QJsonValue(1000)); // median(1000, 1100, 950)
    QCOMPARE(m.value(u"runs_before"_s), QJsonValue()); // pending: none of §5.2's numbers
    QCOMPARE(m.value(u"verdict"_s), QJsonValue());
    m = json({u"measure"_s, u"after"_s, u"--recommendation"_s, u"1"_s, u"--job"_s, u"K"_s, u"--job"_s, u"a2"_s});
    QCOMPARE(m.value(u"runs_before"_s), QJsonValue(3));
    QCOMPARE(m.value(u"runs_after"_s), QJsonValue(2));
    QCOMPARE(m.value(u"after_duration_ms"_s), QJsonValue(650));
    QCOMPARE(m.value(u"verdict"_s), QJsonValue(u"insufficient_runs"_s));
    QCOMPARE(m.value(u"p_value"_s), QJsonValue());
    QCOMPARE(m.value(u"similar_days"_s), QJsonValue());
}

void TestMeasureRuns::summaryAndReportCarryTheVerdict()
{
    recordWithSimilar();
    QVERIFY(optimeter({u"measure"_s, u"before"_s, u"--recommendation"_s, u"2"_s}).ok());
    QVERIFY(optimeter({u"measure"_s, u"after"_s, u"--recommendation"_s, u"2"_s, u"--job"_s, u"a1"_s}).ok());
    const QJsonObject summary = json({u"summary"_s});
    QCOMPARE(summary.value(u"completed_measurements"_s), QJsonValue(2));
    QCOMPARE(summary.value(u"improved_count"_s), QJsonValue(1));
    QCOMPARE(summary.value(u"no_change_count"_s), QJsonValue(0));
    QCOMPARE(summary.value(u"regressed_count"_s), QJsonValue(0));
    QCOMPARE(summary.value(u"insufficient_runs_count"_s), QJsonValue(1));
    const OptimeterRun text = optimeter({u"summary"_s});
    QVERIFY2(text.out.contains("  verdict improved                        1\n"), text.out);
    QVERIFY2(text.out.contains("  insufficient runs                       1\n"), text.out);

    const QString out = m_folder.filePath(u"report.csv"_s);
    QVERIFY(optimeter({u"export"_s, u"csv"_s, u"--out"_s, out}).ok());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    const QList<QByteArray> header = lines.at(0).trimmed().split(',');
    const QList<QByteArray> first = lines.at(1).trimmed().split(',');
    const auto cell = [&](const char *name) { return first.value(header.indexOf(QByteArray(name))); };
    QCOMPARE(cell("expectation"), QByteArray("met"));
    QCOMPARE(cell("runs_before"), QByteArray("7"));
    QCOMPARE(cell("runs_after"), QByteArray("5"));
    QVERIFY(near(cell("p_value").toDouble(), P));
    QCOMPARE(cell("improvement_ci_low_pct"), QByteArray("33.333333"));
    QCOMPARE(cell("improvement_ci_high_pct"), QByteArray("45.454545"));
    QCOMPARE(cell("verdict"), QByteArray("improved"));
    const QList<QByteArray> second = lines.at(2).trimmed().split(',');
    QCOMPARE(second.value(header.indexOf("verdict")), QByteArray("insufficient_runs"));
    QCOMPARE(second.value(header.indexOf("p_value")), QByteArray());
}

void TestMeasureRuns::refreshAddsRunsImportedSince()
{
    recordWithSimilar();
    const QJsonObject before = json({u"measure"_s, u"show"_s, u"1"_s});
    OptimeterRun run = optimeter({u"import"_s, u"queries"_s,
                                  write(u"more.csv"_s, "job_id,query_hash,started_at,duration_ms\n"
                                                       "a5,H2,2026-03-12T12:00:00Z,590\n"
                                                       "a6,H2,2026-03-13T12:00:00Z,610\n"
                                                       "b7,H1,2026-03-06T12:00:00Z,1010\n")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    const QJsonObject refreshed = json({u"measure"_s, u"refresh"_s, u"--recommendation"_s, u"1"_s});
    QCOMPARE(refreshed.value(u"runs_before"_s), QJsonValue(8));
    QCOMPARE(refreshed.value(u"runs_after"_s), QJsonValue(7));
    QCOMPARE(refreshed.value(u"completed_at"_s), before.value(u"completed_at"_s));
    QCOMPARE(refreshed.value(u"verdict"_s), QJsonValue(u"improved"_s));

    run = optimeter({u"import"_s, u"queries"_s,
                     write(u"more2.csv"_s, "job_id,query_hash,started_at,duration_ms\na7,H2,2026-03-14T12:00:00Z,640\n")});
    QVERIFY(run.ok());
    run = optimeter({u"measure"_s, u"refresh"_s, u"--all"_s});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QVERIFY2(QRegularExpression(u"^Refreshed 1 measurement in \\d+\\.\\d s: 1 run added, 0 verdicts changed\n$"_s)
                 .match(QString::fromUtf8(run.out))
                 .hasMatch(),
             run.out);
    QCOMPARE(json({u"measure"_s, u"show"_s, u"1"_s}).value(u"runs_after"_s), QJsonValue(8));
}

void TestMeasureRuns::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error");
    const QStringList after{u"measure"_s, u"after"_s, u"--recommendation"_s, u"1"_s, u"--job"_s};
    for (const QString &days : {u"0"_s, u"-3"_s, u"two"_s, u"1.5"_s})
        QTest::addRow("--similar-days %s", qPrintable(days))
            << after + QStringList{u"K"_s, u"--similar"_s, u"--similar-days"_s, days} << 2
            << u"error: --similar-days must be a whole number of days, at least 1, not '%1'"_s.arg(days);
    QTest::newRow("--similar-days alone") << after + QStringList{u"K"_s, u"--similar-days"_s, u"3"_s} << 2
                                          << u"error: --similar-days D goes with --similar"_s;
    QTest::newRow("no started_at") << after + QStringList{u"undated"_s, u"--similar"_s} << 1
                                   << u"error: Job undated has no started_at: --similar gathers the runs before and "
                                      "after the time the after job started, so it needs one"_s;
    QTest::newRow("a job on both sides") << after + QStringList{u"K"_s, u"--job"_s, u"b1"_s} << 1
                                         << u"error: Job b1 is a before run of recommendation 1; a job can be on one "
                                            "side only"_s;
    QTest::newRow("failed") << after + QStringList{u"K"_s, u"--job"_s, u"a-failed"_s} << 1
                            << u"error: Job a-failed has status 'failed': a failed, cancelled or unfinished job cannot "
                               "be the after job of a measurement"_s;
    QTest::newRow("cached") << after + QStringList{u"a-cached"_s, u"--similar"_s} << 1
                            << u"error: Job a-cached was served from a result cache: its metrics are not a real run and "
                               "would show a false improvement. Confirm to record it anyway (command line: "
                               "--allow-cached)"_s;
    QTest::newRow("refresh of what") << QStringList{u"measure"_s, u"refresh"_s} << 2
                                     << u"error: say --recommendation R or --all"_s;
    QTest::newRow("refresh of both") << QStringList{u"measure"_s, u"refresh"_s, u"--all"_s, u"--recommendation"_s, u"1"_s}
                                     << 2 << u"error: say --recommendation R or --all"_s;
    QTest::newRow("refresh of an open one") << QStringList{u"measure"_s, u"refresh"_s, u"--recommendation"_s, u"1"_s}
                                            << 1 << u"error: Recommendation 1 has no completed measurement to refresh"_s;
    QTest::newRow("runs of nothing") << QStringList{u"measure"_s, u"runs"_s, u"7"_s} << 1
                                     << u"error: Recommendation not found: 7"_s;
}

void TestMeasureRuns::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    const OptimeterRun before =
        optimeter({u"measure"_s, u"before"_s, u"--recommendation"_s, u"1"_s, u"--job"_s, u"B0"_s, u"--job"_s, u"b1"_s});
    QVERIFY2(before.ok(), qPrintable(before.describe()));
    const OptimeterRun run = optimeter(arguments);
    QVERIFY2(run.normalExit(), qPrintable(run.describe()));
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.errorLine(), error);
    QVERIFY(run.out.isEmpty());
    // Nothing written: the measurement is still open with its two before runs.
    const QJsonObject m = json({u"measure"_s, u"show"_s, u"1"_s});
    QCOMPARE(m.value(u"job_id_after"_s), QJsonValue());
    const OptimeterRun runs = optimeter({u"--json"_s, u"measure"_s, u"runs"_s, u"1"_s});
    QCOMPARE(QJsonDocument::fromJson(runs.out).array().size(), 2);
}

QTEST_GUILESS_MAIN(TestMeasureRuns)
#include "tst_measureruns.moc"
