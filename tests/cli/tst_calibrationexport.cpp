// `optimeter export chart calibration` (SPEC §6.2, issue 14): the built executable renders the
// "Estimated vs actual by issue type" chart of demo data without a display, to PNG (read back:
// an image of the size asked for) and SVG (the issue types in words, the biases, in English and
// German), and says it in its help; an empty window still gives a picture that says why it is
// empty.

#include "optimeterprocess.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString executable = QStringLiteral(OPTIMETER_EXECUTABLE);
}

class TestCalibrationExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writesAPng();
    void writesAnSvgInWords_data();
    void writesAnSvgInWords();
    void emptyWindowStillDraws();
    void helpNamesTheKind();

private:
    OptimeterRun run(const QString &database, const QStringList &arguments) const
    {
        return OptimeterRun::start(executable, QStringList{u"--db"_s, database} + arguments, m_environment);
    }
    QString svgOf(const QString &path) const
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    QTemporaryDir m_folder;
    QString m_db;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
};

void TestCalibrationExport::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_environment.remove(u"OPTIMETER_DB"_s);
    m_environment.insert(u"HOME"_s, m_folder.path());
    m_environment.insert(u"XDG_DATA_HOME"_s, m_folder.filePath(u"data"_s));
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_folder.filePath(u"config"_s));
    m_environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    m_db = m_folder.filePath(u"demo.sqlite"_s);
    const OptimeterRun demo = run(m_db, {u"demo"_s, u"--size"_s, u"300"_s});
    QVERIFY2(demo.ok(), qPrintable(demo.describe()));
}

void TestCalibrationExport::writesAPng()
{
    const QString out = m_folder.filePath(u"calibration.png"_s);
    const OptimeterRun exported =
        run(m_db, {u"export"_s, u"chart"_s, u"calibration"_s, u"--out"_s, out, u"--days"_s, u"365"_s, u"--size"_s, u"900x600"_s});
    QVERIFY2(exported.ok(), qPrintable(exported.describe()));
    QCOMPARE(QString::fromUtf8(exported.out).trimmed(), u"Wrote %1 (900x600)"_s.arg(out));
    QImage image;
    QVERIFY(image.load(out, "PNG"));
    QCOMPARE(image.size(), QSize(900, 600));
    // Bars in the "met" blue (the actual means) and the estimate's grey are drawn.
    int blue = 0, grey = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            blue += pixel == qRgb(0x00, 0x72, 0xb2);
            grey += pixel == qRgb(0xa0, 0xa0, 0xa0);
        }
    QVERIFY2(blue > 1000 && grey > 1000, qPrintable(u"blue %1, grey %2"_s.arg(blue).arg(grey)));
}

void TestCalibrationExport::writesAnSvgInWords_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("English") << u"en"_s
                             << QStringList{u"Estimated vs actual by issue type"_s, u"Missing partition filter"_s,
                                            u"SELECT * (all columns)"_s, u"All issue types"_s, u" pts"_s,
                                            u"Mean estimate"_s, u"Mean actual"_s};
    QTest::newRow("German") << u"de"_s
                            << QStringList{u"Schätzung und Ergebnis nach Problemtyp"_s,
                                           u"Fehlender Partitionsfilter"_s, u"SELECT * (alle Spalten)"_s,
                                           u"Alle Problemtypen"_s, u" Pkt."_s, u"Mittlere Schätzung"_s};
}

void TestCalibrationExport::writesAnSvgInWords()
{
    QFETCH(QString, language);
    QFETCH(QStringList, words);
    const QString out = m_folder.filePath(u"calibration-%1.svg"_s.arg(language));
    const OptimeterRun exported = run(m_db, {u"--lang"_s, language, u"export"_s, u"chart"_s, u"calibration"_s,
                                             u"--out"_s, out, u"--days"_s, u"365"_s});
    QVERIFY2(exported.ok(), qPrintable(exported.describe()));
    const QString svg = svgOf(out);
    QVERIFY(svg.startsWith(u"<?xml"_s));
    QVERIFY(svg.contains(u"<svg"_s) && svg.trimmed().endsWith(u"</svg>"_s));
    QVERIFY(svg.contains(u"width=\"1200\""_s) || svg.contains(u"width=\"423.333mm\""_s) || svg.contains(u"viewBox=\"0 0 1200 800\""_s));
    for (const QString &word : words)
        QVERIFY2(svg.contains(word.toHtmlEscaped()), qPrintable(word));
    for (const char *identifier : {"missing_partition_filter", "select_star", "cartesian_join"})
        QVERIFY2(!svg.contains(QLatin1String(identifier)), identifier);
}

void TestCalibrationExport::emptyWindowStillDraws()
{
    const QString empty = m_folder.filePath(u"empty.sqlite"_s);
    const QString out = m_folder.filePath(u"empty.svg"_s);
    const OptimeterRun exported = run(empty, {u"export"_s, u"chart"_s, u"calibration"_s, u"--out"_s, out});
    QVERIFY2(exported.ok(), qPrintable(exported.describe()));
    QVERIFY(svgOf(out).contains(u"Nothing to compare yet"_s));
}

void TestCalibrationExport::helpNamesTheKind()
{
    const OptimeterRun help = run(m_db, {u"export"_s, u"chart"_s, u"--help"_s});
    QVERIFY2(help.ok(), qPrintable(help.describe()));
    QVERIFY(QString::fromUtf8(help.out).contains(u"distribution|success|scatter|calibration"_s));
    const OptimeterRun wrong = run(m_db, {u"export"_s, u"chart"_s, u"pie"_s, u"--out"_s, m_folder.filePath(u"x.png"_s)});
    QCOMPARE(wrong.exitCode, 2);
    QCOMPARE(wrong.errorLine(), u"error: 'pie' is not a chart; say distribution, success, scatter or calibration"_s);
}

QTEST_MAIN(TestCalibrationExport)
#include "tst_calibrationexport.moc"
