// `optimeter export chart` draws issue types in words, as the window does (issue 14): the built
// executable renders the success chart of demo data to SVG in English and in German, and the
// drawing holds the words, never an identifier. (The command line's own output, JSON and the
// CSV report keep the identifiers: tst_cli.)

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);
}

class TestChartWords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exportedChartShowsWords_data();
    void exportedChartShowsWords();

private:
    // Runs the executable on the demo database; its stderr, or why it failed.
    QString run(const QStringList &arguments);

    QTemporaryDir m_folder;
    QString m_db;
    QProcessEnvironment m_environment;
};

void TestChartWords::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.remove(u"OPTIMETER_DB"_s);
    m_environment.insert(u"HOME"_s, m_folder.path());
    m_environment.insert(u"XDG_DATA_HOME"_s, m_folder.filePath(u"data"_s));
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_folder.filePath(u"config"_s));
    m_environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    m_db = m_folder.filePath(u"demo.sqlite"_s);
    const QString failed = run({u"demo"_s, u"--size"_s, u"300"_s});
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

QString TestChartWords::run(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(executable, QStringList{u"--db"_s, m_db} + arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished(60000))
        return u"did not finish: "_s + arguments.join(u' ');
    const QString err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return u"exit %1: %2"_s.arg(process.exitCode()).arg(err);
    return err;
}

void TestChartWords::exportedChartShowsWords_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("English") << u"en"_s
                             << QStringList{u"Missing partition filter"_s, u"SELECT * (all columns)"_s,
                                            u"Cartesian join"_s, u"Missing clustering"_s};
    QTest::newRow("German") << u"de"_s
                            << QStringList{u"Fehlender Partitionsfilter"_s, u"SELECT * (alle Spalten)"_s,
                                           u"Kartesischer Join"_s, u"Fehlendes Clustering"_s};
}

void TestChartWords::exportedChartShowsWords()
{
    QFETCH(QString, language);
    QFETCH(QStringList, words);
    const QString out = m_folder.filePath(u"success-%1.svg"_s.arg(language));
    const QString failed = run({u"--lang"_s, language, u"export"_s, u"chart"_s, u"success"_s, u"--out"_s, out,
                                u"--days"_s, u"365"_s});
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    for (const QString &word : words)
        QVERIFY2(svg.contains(word.toHtmlEscaped()), qPrintable(word));
    for (const char *identifier : {"missing_partition_filter", "select_star", "cartesian_join", "missing_clustering",
                                   "inefficient_join_order", "unnecessary_sort", "repeated_subquery"})
        QVERIFY2(!svg.contains(QLatin1String(identifier)), identifier);
}

QTEST_MAIN(TestChartWords)
#include "tst_chartwords.moc"
