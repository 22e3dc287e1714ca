// RecommendationImporter on SQLite and PostgreSQL (SPEC §4, §4.1): every column read back,
// ids given or assigned, re-imports replacing only the columns a file has, the status
// default, every rejection with its FILE:LINE message and nothing written, and the
// PostgreSQL identity sequence moved past explicit ids.

#include "importtestutil.h"
#include "jobimporter.h"
#include "recommendationimporter.h"
#include "recommendationrepository.h"
#include "testdatabase.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace ImportTest;
using namespace Qt::StringLiterals;

class TestRecommendationImporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }
    void init();
    void cleanup() { m_db.reset(); }

    void importsEveryColumn();
    void idAbsentGetsNewIds();
    void existingIdIsReplacedInThePresentColumns();
    void duplicateIdInOneFileLastRowWins();
    void statusDefaultsToOpen();
    void estimateBoundaries();
    void unknownColumnsAreIgnored();
    void rejections_data();
    void rejections();
    void cancelWritesNothing();
    void sequenceMovesPastExplicitIds();
    void explicitAndNewIdsInOneFile();

private:
    Result<ImportReport> importRecommendations(const QByteArray &content, QString *path = nullptr);
    std::optional<Recommendation> recommendation(qint64 id);
    qint64 recommendationCount();

    QTemporaryDir m_folder;
    std::unique_ptr<Database> m_db;
};

void TestRecommendationImporter::init()
{
    QVERIFY(m_folder.isValid());
    OPEN_TEST_DATABASE(m_db, m_folder);
    // The jobs recommendations name; case matters (j1 is not J1).
    const QString jobs = writeFile(m_folder, nextName(u"jobs"_s),
                                   "job_id,duration_ms\nJ1,60000\nJ2,1000\nJ3,5\n");
    const auto imported = JobImporter(*m_db).importFile(jobs);
    REQUIRE_OK(imported);
}

Result<ImportReport> TestRecommendationImporter::importRecommendations(const QByteArray &content, QString *path)
{
    const QString file = writeFile(m_folder, nextName(u"recommendations"_s), content);
    if (path)
        *path = file;
    return RecommendationImporter(*m_db).importFile(file);
}

std::optional<Recommendation> TestRecommendationImporter::recommendation(qint64 id)
{
    const auto found = RecommendationRepository(*m_db).find(id);
    if (!found) {
        qWarning("%s", qPrintable(found.error().message));
        return std::nullopt;
    }
    return found.value();
}

qint64 TestRecommendationImporter::recommendationCount()
{
    const auto count = RecommendationRepository(*m_db).count();
    return count ? *count : -1;
}

void TestRecommendationImporter::importsEveryColumn()
{
    QString path;
    const auto report = importRecommendations(
        "ID,Job_Id,issue_type,title,description,estimated_improvement_pct,status,created_at,implemented_at\n"
        "7,J1,missing_partition_filter,\"Add a filter, now\",\"Scans \"\"all\"\" days\nof events\",70.5,"
        "Implemented,2024-05-01T10:00:00+02:00,2024-05-02 08:00:00.125\n"
        "8,J2,select_star,,,,,,\n",
        &path);
    REQUIRE_OK(report);
    QCOMPARE(report->file, path);
    QCOMPARE(report->format, u"generic"_s);
    QCOMPARE(report->rowsRead, 2);
    QCOMPARE(report->inserted, 2);
    QCOMPARE(report->updated, 0);
    QCOMPARE(report->duplicates, 0);
    QCOMPARE(report->ignoredColumns, QStringList());
    QCOMPARE(recommendationCount(), 2);

    const auto seven = recommendation(7);
    QVERIFY(seven);
    QCOMPARE(seven->id, 7);
    QCOMPARE(seven->jobId, u"J1"_s);
    QCOMPARE(seven->issueType, u"missing_partition_filter"_s);
    QCOMPARE(seven->title.value_or(u"<null>"_s), u"Add a filter, now"_s);
    QCOMPARE(seven->description.value_or(u"<null>"_s), u"Scans \"all\" days\nof events"_s);
    QCOMPARE(seven->estimatedImprovementPct, std::optional<double>(70.5));
    QCOMPARE(seven->status, u"implemented"_s); // statuses are stored in lower case
    QVERIFY(seven->createdAt && seven->implementedAt);
    QCOMPARE(seven->createdAt->timeSpec(), Qt::UTC);
    QCOMPARE(*seven->createdAt, utc(2024, 5, 1, 8, 0, 0));
    QCOMPARE(*seven->implementedAt, utc(2024, 5, 2, 8, 0, 0, 125));

    // Empty cells: NULL, and the status its default.
    const auto eight = recommendation(8);
    QVERIFY(eight);
    QCOMPARE(eight->jobId, u"J2"_s);
    QCOMPARE(eight->issueType, u"select_star"_s);
    QVERIFY(!eight->title);
    QVERIFY(!eight->description);
    QVERIFY(!eight->estimatedImprovementPct);
    QCOMPARE(eight->status, u"open"_s);
    QVERIFY(!eight->createdAt);
    QVERIFY(!eight->implementedAt);
}

void TestRecommendationImporter::idAbsentGetsNewIds()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    const auto report = importRecommendations("job_id,issue_type,title\n"
                                              "J1,select_star,first\n"
                                              "J2,cartesian_join,second\n");
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 2);
    QCOMPARE(report->inserted, 2);
    QCOMPARE(report->updated, 0);
    QCOMPARE(recommendationCount(), 2);

    const auto first = recommendation(1);
    QVERIFY(first);
    QCOMPARE(first->jobId, u"J1"_s);
    QCOMPARE(first->issueType, u"select_star"_s);
    QCOMPARE(first->title.value_or(QString()), u"first"_s);
    QCOMPARE(first->status, u"open"_s);
    QVERIFY(!first->estimatedImprovementPct && !first->description && !first->implementedAt);
    // Without a created_at column a new recommendation is created now.
    QVERIFY(first->createdAt);
    QVERIFY2(*first->createdAt >= before && *first->createdAt <= after,
             qPrintable(first->createdAt->toString(Qt::ISODateWithMs)));
    const auto second = recommendation(2);
    QVERIFY(second);
    QCOMPARE(second->jobId, u"J2"_s);
    QCOMPARE(second->issueType, u"cartesian_join"_s);

    // A second file continues the numbering.
    REQUIRE_OK(importRecommendations("job_id,issue_type\nJ3,unnecessary_sort\n"));
    QCOMPARE(recommendation(3).value_or(Recommendation{}).issueType, u"unnecessary_sort"_s);
    QCOMPARE(recommendationCount(), 3);
}

void TestRecommendationImporter::existingIdIsReplacedInThePresentColumns()
{
    REQUIRE_OK(importRecommendations(
        "id,job_id,issue_type,title,description,estimated_improvement_pct,status,created_at,implemented_at\n"
        "1,J1,missing_clustering,Cluster it,Why,40,implemented,2024-01-01T00:00:00Z,2024-01-05T00:00:00Z\n"
        "2,J2,select_star,Other,,10,open,2024-01-02T00:00:00Z,\n"));

    const auto report = importRecommendations("issue_type,id,job_id,estimated_improvement_pct\n"
                                              "select_star,1,J2,15.25\n"
                                              "repeated_subquery,3,J3,\n");
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 2);
    QCOMPARE(report->inserted, 1);
    QCOMPARE(report->updated, 1);
    QCOMPARE(report->duplicates, 0);
    QCOMPARE(recommendationCount(), 3);

    const auto one = recommendation(1);
    QVERIFY(one);
    QCOMPARE(one->jobId, u"J2"_s);
    QCOMPARE(one->issueType, u"select_star"_s);
    QCOMPARE(one->estimatedImprovementPct, std::optional<double>(15.25));
    // The columns the file lacks keep their values: status is not reset to open, and
    // created_at is not moved to the import time.
    QCOMPARE(one->title.value_or(QString()), u"Cluster it"_s);
    QCOMPARE(one->description.value_or(QString()), u"Why"_s);
    QCOMPARE(one->status, u"implemented"_s);
    QCOMPARE(one->createdAt.value_or(QDateTime()), utc(2024, 1, 1));
    QCOMPARE(one->implementedAt.value_or(QDateTime()), utc(2024, 1, 5));

    const auto two = recommendation(2);
    QVERIFY(two);
    QCOMPARE(two->jobId, u"J2"_s);
    QCOMPARE(two->title.value_or(QString()), u"Other"_s);
    QCOMPARE(two->estimatedImprovementPct, std::optional<double>(10.0));

    const auto three = recommendation(3);
    QVERIFY(three);
    QCOMPARE(three->jobId, u"J3"_s);
    QCOMPARE(three->status, u"open"_s);
    QVERIFY(!three->estimatedImprovementPct);
    QVERIFY(three->createdAt);

    // An empty cell replaces a stored value with NULL.
    REQUIRE_OK(importRecommendations("id,job_id,issue_type,title,estimated_improvement_pct\n1,J2,select_star,,\n"));
    QVERIFY(!recommendation(1)->title);
    QVERIFY(!recommendation(1)->estimatedImprovementPct);
    QCOMPARE(recommendation(1)->description.value_or(QString()), u"Why"_s);
}

void TestRecommendationImporter::duplicateIdInOneFileLastRowWins()
{
    const auto report = importRecommendations("id,job_id,issue_type,title\n"
                                              "5,J1,select_star,first\n"
                                              "6,J2,select_star,other\n"
                                              "5,J3,cartesian_join,last\n");
    REQUIRE_OK(report);
    QCOMPARE(report->rowsRead, 3);
    QCOMPARE(report->duplicates, 1);
    QCOMPARE(report->inserted, 2);
    QCOMPARE(report->updated, 0);
    QCOMPARE(recommendationCount(), 2);
    const auto five = recommendation(5);
    QVERIFY(five);
    QCOMPARE(five->jobId, u"J3"_s);
    QCOMPARE(five->issueType, u"cartesian_join"_s);
    QCOMPARE(five->title.value_or(QString()), u"last"_s);
}

void TestRecommendationImporter::statusDefaultsToOpen()
{
    REQUIRE_OK(importRecommendations("id,job_id,issue_type\n1,J1,select_star\n"));
    QCOMPARE(recommendation(1)->status, u"open"_s);
    REQUIRE_OK(importRecommendations("id,job_id,issue_type,status\n"
                                     "2,J1,select_star,\n"
                                     "3,J1,select_star,DISMISSED\n"
                                     "4,J1,select_star, implemented \n"));
    QCOMPARE(recommendation(2)->status, u"open"_s);
    QCOMPARE(recommendation(3)->status, u"dismissed"_s);
    QCOMPARE(recommendation(4)->status, u"implemented"_s);
}

void TestRecommendationImporter::estimateBoundaries()
{
    REQUIRE_OK(importRecommendations("id,job_id,issue_type,estimated_improvement_pct\n"
                                     "1,J1,a,100\n"
                                     "2,J1,b,0\n"
                                     "3,J1,c,99.95\n"
                                     "4,J1,d,1e1\n"));
    QCOMPARE(recommendation(1)->estimatedImprovementPct, std::optional<double>(100.0));
    QCOMPARE(recommendation(2)->estimatedImprovementPct, std::optional<double>(0.0));
    QCOMPARE(recommendation(3)->estimatedImprovementPct, std::optional<double>(99.95));
    QCOMPARE(recommendation(4)->estimatedImprovementPct, std::optional<double>(10.0));
}

void TestRecommendationImporter::unknownColumnsAreIgnored()
{
    const auto report = importRecommendations("id,job_id,issue_type,Priority,owner\n1,J1,a,high,me\n");
    REQUIRE_OK(report);
    QCOMPARE(report->ignoredColumns, (QStringList{u"priority"_s, u"owner"_s}));
    QCOMPARE(recommendation(1)->issueType, u"a"_s);
}

void TestRecommendationImporter::rejections_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message"); // exact; PATH stands for the file

    // Line 2 would change recommendation 1, line 3 add recommendation 2.
    const QByteArray head = "id,job_id,issue_type,title,estimated_improvement_pct,status,created_at,implemented_at\n"
                            "1,J1,select_star,changed,90,dismissed,,\n"
                            "2,J2,select_star,new,10,open,,\n";
    auto row = [](const char *name, const QByteArray &content, const QString &message) {
        QTest::newRow(name) << content << message;
    };
    row("an invalid status is refused", head + "3,J1,select_star,t,10,done,,\n",
        u"PATH:4: column 'status': 'done' is not a status; use open, implemented or dismissed"_s);
    row("an estimate above 100 is refused", head + "3,J1,select_star,t,100.5,open,,\n",
        u"PATH:4: column 'estimated_improvement_pct': 100.5 is above 100; an improvement cannot exceed 100 %"_s);
    row("a non-numeric estimate is refused", head + "3,J1,select_star,t,abc,open,,\n",
        u"PATH:4: column 'estimated_improvement_pct': 'abc' is not a number"_s);
    row("a percent sign in the estimate is refused", head + "3,J1,select_star,t,30%,open,,\n",
        u"PATH:4: column 'estimated_improvement_pct': '30%' is not a number"_s);
    row("a NaN estimate is refused", head + "3,J1,select_star,t,NaN,open,,\n",
        u"PATH:4: column 'estimated_improvement_pct': 'NaN' is not a number"_s);
    row("a job_id that was never imported is refused with its line", head + "3,NOPE,select_star,t,10,open,,\n",
        u"PATH:4: column 'job_id': job 'NOPE' is not among the imported jobs; import it first"_s);
    row("job IDs are case-sensitive", head + "3,j1,select_star,t,10,open,,\n",
        u"PATH:4: column 'job_id': job 'j1' is not among the imported jobs; import it first"_s);
    row("an empty job_id is refused", head + "3,,select_star,t,10,open,,\n",
        u"PATH:4: column 'job_id': is empty; every recommendation names its job"_s);
    row("an empty issue_type is refused", head + "3,J1,,t,10,open,,\n",
        u"PATH:4: column 'issue_type': is empty; every recommendation has an issue type"_s);
    row("a non-numeric id is refused", head + "x,J1,select_star,t,10,open,,\n",
        u"PATH:4: column 'id': 'x' is not a whole number"_s);
    row("id 0 is refused", head + "0,J1,select_star,t,10,open,,\n",
        u"PATH:4: column 'id': '0' is not a valid id; ids start at 1"_s);
    row("a negative id is refused", head + "-3,J1,select_star,t,10,open,,\n",
        u"PATH:4: column 'id': '-3' is negative; it must be 0 or more"_s);
    row("a bad created_at is refused", head + "3,J1,select_star,t,10,open,yesterday,\n",
        u"PATH:4: column 'created_at': 'yesterday' is not a date and time like 2024-05-31T14:02:11Z"_s);
    row("an impossible implemented_at is refused", head + "3,J1,select_star,t,10,open,,2024-13-01\n",
        u"PATH:4: column 'implemented_at': '2024-13-01' is not a valid date and time"_s);
    row("a row with the wrong number of fields is refused", head + "3,J1,select_star\n",
        u"PATH:4: expected 8 fields as in the header, found 3"_s);
    row("an unterminated quote is refused at the line where it opens", head + "3,J1,select_star,\"t,10,open,,\n",
        u"PATH:4: unterminated quoted field 4"_s);
    row("a header without issue_type is refused", "id,job_id,title\n1,J1,x\n",
        u"PATH:1: column 'issue_type': required column is missing from the header"_s);
    row("a header without job_id is refused", "id,issue_type\n1,x\n",
        u"PATH:1: column 'job_id': required column is missing from the header"_s);
    row("a header without rows is refused", "job_id,issue_type\n",
        u"PATH: the file has a header but no recommendations"_s);
    row("an empty file is refused", "",
        u"PATH: the file is empty; expected a header row naming the columns (job_id, issue_type required)"_s);
    row("invalid UTF-8 is refused", head + "3,J1,select_star,caf\xE9,10,open,,\n",
        u"PATH:4: invalid UTF-8 in field 4"_s);
}

void TestRecommendationImporter::rejections()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);

    REQUIRE_OK(importRecommendations("id,job_id,issue_type,title,estimated_improvement_pct,status\n"
                                     "1,J1,missing_partition_filter,orig,50,implemented\n"));
    QString path;
    const auto result = importRecommendations(content, &path);
    QVERIFY2(!result.ok(), "the file was accepted");
    QCOMPARE(result.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(result.error().message, QString(message).replace(u"PATH"_s, path));

    // Nothing written.
    QCOMPARE(recommendationCount(), 1);
    const auto one = recommendation(1);
    QVERIFY(one);
    QCOMPARE(one->title.value_or(QString()), u"orig"_s);
    QCOMPARE(one->issueType, u"missing_partition_filter"_s);
    QCOMPARE(one->estimatedImprovementPct, std::optional<double>(50.0));
    QCOMPARE(one->status, u"implemented"_s);
    QVERIFY(!recommendation(2));
}

void TestRecommendationImporter::cancelWritesNothing()
{
    REQUIRE_OK(importRecommendations("id,job_id,issue_type,title\n1,J1,a,orig\n"));
    QByteArray content = "id,job_id,issue_type,title\n1,J1,a,changed\n";
    for (int i = 2; i <= 1500; ++i)
        content += QByteArray::number(i) + ",J2,select_star,t\n";
    int calls = 0;
    ImportOptions options;
    options.progress = [&calls](qint64 read, qint64 total) {
        ++calls;
        return !(read > 0 && read < total);
    };
    const QString path = writeFile(m_folder, nextName(u"recommendations"_s), content);
    const auto result = RecommendationImporter(*m_db).importFile(path, options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Canceled);
    QCOMPARE(calls, 1);
    QCOMPARE(recommendationCount(), 1);
    QCOMPARE(recommendation(1)->title.value_or(QString()), u"orig"_s);
}

void TestRecommendationImporter::sequenceMovesPastExplicitIds()
{
    // PostgreSQL's identity does not see explicit ids; the importer moves it past them, so
    // the next recommendation without an id gets 4, not a duplicate 1.
    REQUIRE_OK(importRecommendations("id,job_id,issue_type\n1,J1,a\n2,J1,b\n3,J2,c\n"));
    const auto report = importRecommendations("job_id,issue_type,title\nJ3,d,no id\n");
    REQUIRE_OK(report);
    QCOMPARE(report->inserted, 1);
    QCOMPARE(recommendationCount(), 4);
    const auto four = recommendation(4);
    QVERIFY(four);
    QCOMPARE(four->jobId, u"J3"_s);
    QCOMPARE(four->issueType, u"d"_s);
    QCOMPARE(four->title.value_or(QString()), u"no id"_s);
    // Still after a higher explicit id.
    REQUIRE_OK(importRecommendations("id,job_id,issue_type\n10,J1,e\n"));
    REQUIRE_OK(importRecommendations("job_id,issue_type\nJ1,f\n"));
    QCOMPARE(recommendation(11).value_or(Recommendation{}).issueType, u"f"_s);
    QCOMPARE(recommendationCount(), 6);
}

void TestRecommendationImporter::explicitAndNewIdsInOneFile()
{
    // One file with explicit ids 1..3 and then a row whose id cell is empty: the new row gets
    // the next free id, 4, on both databases.
    const auto report = importRecommendations("id,job_id,issue_type\n1,J1,a\n2,J1,b\n3,J2,c\n,J3,d\n");
    QVERIFY2(report.ok(), qPrintable(messageOf(report)));
    QCOMPARE(report->inserted, 4);
    QCOMPARE(recommendationCount(), 4);
    QCOMPARE(recommendation(4).value_or(Recommendation{}).issueType, u"d"_s);
    QCOMPARE(recommendation(4).value_or(Recommendation{}).jobId, u"J3"_s);
}

QTEST_GUILESS_MAIN(TestRecommendationImporter)
#include "tst_recommendationimporter.moc"
