// Issue types in words wherever the window shows them, in English and German, with the
// identifier in the tooltip: the words themselves (known types translated, any other made
// readable from its identifier), the Recommendations and Measurements pages, the toolbar's
// filter (words shown, the identifier filters), the success chart's axis and tooltips, and a
// chart exported to SVG. Pictures to look at: /tmp/issuetypes-*.png.

#include "database.h"
#include "demodata.h"
#include "issuetypetext.h"
#include "mainwindow.h"
#include "measurementtablemodel.h"
#include "pages/dashboardpage.h"
#include "pages/measurementspage.h"
#include "pages/recommendationspage.h"
#include "plots/chartexport.h"
#include "plots/successchart.h"
#include "recommendationlistmodel.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QBarCategoryAxis>
#include <QComboBox>
#include <QFile>
#include <QGraphicsTextItem>
#include <QLineEdit>
#include <QScopeGuard>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QLocale english(QLocale::English, QLocale::UnitedStates);
const QLocale german(QLocale::German, QLocale::Germany);

// Rates chosen so that the bars' order is known: highest first.
DashboardStatistics::Success someSuccess()
{
    DashboardStatistics::Success success;
    success.byIssueType = {{u"missing_partition_filter"_s, 10, 9},
                           {u"inefficient_join_order"_s, 10, 7},
                           {u"full_table_scan_v2"_s, 10, 5},
                           {u"select_star"_s, 10, 3}};
    for (const auto &issue : std::as_const(success.byIssueType)) {
        success.completed += issue.completed;
        success.met += issue.met;
    }
    return success;
}

// A point of the view in the middle of a bar's row at the left, over its label.
QPoint labelPosition(const SuccessChart &chart, int barFromTop)
{
    const QRectF plot = chart.chart()->plotArea();
    const qsizetype bars = chart.bars().size();
    const qreal rowHeight = plot.height() / qreal(bars);
    const QPointF scene(chart.chart()->mapToScene(QPointF(plot.left() / 2, plot.top() + rowHeight * (barFromTop + 0.5))));
    return chart.mapFromScene(scene);
}

} // namespace

class TestIssueTypeWords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Translations::install(english); }
    void cleanup() { Translations::install(english); }

    void knownTypesAreTranslated_data();
    void knownTypesAreTranslated();
    void everyKnownTypeHasGermanWords();
    void unknownTypesAreMadeReadable_data();
    void unknownTypesAreMadeReadable();
    void toolTipCarriesTheIdentifier();
    void recommendationsListShowsWords();
    void successChartSaysWordsAndTellsTheIdentifier();
    void typesThatReadAlikeKeepTheirOwnBars();
    void exportedChartShowsWords_data();
    void exportedChartShowsWords();
    void windowShowsWordsAndFiltersByIdentifier();

private:
    QTemporaryDir m_folder;
};

void TestIssueTypeWords::knownTypesAreTranslated_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("words");
    QTest::newRow("English: missing partition filter") << english << u"missing_partition_filter"_s
                                                       << u"Missing partition filter"_s;
    QTest::newRow("German: missing partition filter") << german << u"missing_partition_filter"_s
                                                      << u"Fehlender Partitionsfilter"_s;
    QTest::newRow("English: select star") << english << u"select_star"_s << u"SELECT * (all columns)"_s;
    QTest::newRow("German: select star") << german << u"select_star"_s << u"SELECT * (alle Spalten)"_s;
    QTest::newRow("German: inefficient join order") << german << u"inefficient_join_order"_s
                                                    << u"Ineffiziente Join-Reihenfolge"_s;
    QTest::newRow("German: repeated subquery") << german << u"repeated_subquery"_s << u"Wiederholte Unterabfrage"_s;
}

void TestIssueTypeWords::knownTypesAreTranslated()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, identifier);
    QFETCH(QString, words);
    Translations::install(locale);
    QCOMPARE(IssueTypeText::name(identifier), words);
    QCOMPARE(IssueTypeText::nameWithIdentifier(identifier), words + u" ("_s + identifier + u')');
}

// The demo data's issue types (services/demovocabulary.h) are the known ones.
void TestIssueTypeWords::everyKnownTypeHasGermanWords()
{
    const QStringList known = IssueTypeText::known();
    QCOMPARE(known.size(), 7);
    for (const QString &type : known) {
        Translations::install(english);
        const QString inEnglish = IssueTypeText::name(type);
        Translations::install(german);
        const QString inGerman = IssueTypeText::name(type);
        QVERIFY2(inEnglish != type && !inEnglish.contains(u'_'), qPrintable(inEnglish));
        QVERIFY2(inGerman != inEnglish, qPrintable(type + u": "_s + inGerman));
    }
}

void TestIssueTypeWords::unknownTypesAreMadeReadable_data()
{
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("words");
    QTest::newRow("underscores and a version") << u"full_table_scan_v2"_s << u"Full table scan v2"_s;
    QTest::newRow("hyphens") << u"too-many-joins"_s << u"Too many joins"_s;
    QTest::newRow("the rest as it is") << u"missing_GROUP_BY_index"_s << u"Missing GROUP BY index"_s;
    QTest::newRow("doubled and trailing separators") << u"wide__row_"_s << u"Wide row"_s;
    QTest::newRow("already words") << u"Spill to disk"_s << u"Spill to disk"_s;
    QTest::newRow("a digit first") << u"2nd_pass"_s << u"2nd pass"_s;
    QTest::newRow("nothing but separators") << u"__"_s << u"__"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestIssueTypeWords::unknownTypesAreMadeReadable()
{
    QFETCH(QString, identifier);
    QFETCH(QString, words);
    QCOMPARE(IssueTypeText::name(identifier), words);
    Translations::install(german); // an unknown type has no German words: the same ones
    QCOMPARE(IssueTypeText::name(identifier), words);
}

void TestIssueTypeWords::toolTipCarriesTheIdentifier()
{
    QCOMPARE(IssueTypeText::toolTip(u"full_table_scan_v2"_s), u"Identifier: full_table_scan_v2"_s);
    Translations::install(german);
    QCOMPARE(IssueTypeText::toolTip(u"missing_partition_filter"_s), u"Kennung: missing_partition_filter"_s);
}

void TestIssueTypeWords::recommendationsListShowsWords()
{
    RecommendationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RecommendationRow known, unknown;
    known.recommendation.id = 1;
    known.recommendation.issueType = u"missing_partition_filter"_s;
    unknown.recommendation.id = 2;
    unknown.recommendation.issueType = u"full_table_scan_v2"_s;
    model.setRows({known, unknown});
    const auto cell = [&model](int row, int role) {
        return model.index(row, int(RecommendationListModel::Column::IssueType)).data(role).toString();
    };
    QCOMPARE(cell(0, Qt::DisplayRole), u"Missing partition filter"_s);
    QCOMPARE(cell(0, Qt::ToolTipRole), u"Identifier: missing_partition_filter"_s);
    QCOMPARE(cell(0, RecommendationListModel::IssueTypeRole), u"missing_partition_filter"_s);
    QCOMPARE(cell(1, Qt::DisplayRole), u"Full table scan v2"_s);
    QCOMPARE(cell(1, Qt::ToolTipRole), u"Identifier: full_table_scan_v2"_s);
}

void TestIssueTypeWords::successChartSaysWordsAndTellsTheIdentifier()
{
    Translations::install(german);
    SuccessChart chart;
    chart.setSuccess(someSuccess(), 80.0);
    const QStringList expected{u"Alle Problemtypen"_s, u"Fehlender Partitionsfilter"_s,
                               u"Ineffiziente Join-Reihenfolge"_s, u"Full table scan v2"_s,
                               u"SELECT * (alle Spalten)"_s};
    QStringList labels;
    for (const auto &bar : chart.bars())
        labels << bar.first;
    QCOMPARE(labels, expected);
    auto *axis = qobject_cast<QBarCategoryAxis *>(chart.chart()->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    QStringList bottomUp = expected;
    std::reverse(bottomUp.begin(), bottomUp.end());
    QCOMPARE(axis->categories(), bottomUp);

    // At the dashboard's size in a 1280 and a 1000 pixel wide window no label is elided or
    // cut at the chart's edge; over a label, its identifier.
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    for (const int width : {480, 620}) {
        chart.resize(width, 270);
        QTest::qWait(50); // the chart lays out its labels
        QVERIFY(!axis->labelsTruncated());
        QStringList inside;
        for (QGraphicsItem *item : chart.scene()->items()) {
            const auto *label = dynamic_cast<QGraphicsTextItem *>(item);
            if (label && expected.contains(label->toPlainText()) && label->sceneBoundingRect().left() >= 0)
                inside << label->toPlainText();
        }
        inside.sort();
        QStringList sorted = expected;
        sorted.sort();
        QCOMPARE(inside, sorted);
        QVERIFY(chart.grab().save(u"/tmp/issuetypes-success-de-%1.png"_s.arg(width)));
    }
    QCOMPARE(chart.toolTipAt(labelPosition(chart, 1)),
             u"Fehlender Partitionsfilter\n9 von 10 abgeschlossenen haben ihre Schätzung erfüllt\n"
             "Kennung: missing_partition_filter"_s);
    QCOMPARE(chart.toolTipAt(labelPosition(chart, 3)),
             u"Full table scan v2\n5 von 10 abgeschlossenen haben ihre Schätzung erfüllt\n"
             "Kennung: full_table_scan_v2"_s);
    QCOMPARE(chart.toolTipAt(labelPosition(chart, 0)),
             u"Alle Problemtypen\n24 von 40 abgeschlossenen haben ihre Schätzung erfüllt"_s);
    QCOMPARE(chart.toolTipAt(QPoint(chart.width() / 2, 2)), chart.chart()->title()); // over the title
}

// A category axis keeps one bar per label: two identifiers with the same words say theirs.
void TestIssueTypeWords::typesThatReadAlikeKeepTheirOwnBars()
{
    DashboardStatistics::Success success;
    success.byIssueType = {{u"full_scan"_s, 4, 3}, {u"full-scan"_s, 4, 1}};
    success.completed = 8;
    success.met = 4;
    SuccessChart chart;
    chart.setSuccess(success, 80.0);
    QStringList labels;
    for (const auto &bar : chart.bars())
        labels << bar.first;
    QCOMPARE(labels, QStringList({u"All issue types"_s, u"Full scan (full_scan)"_s, u"Full scan (full-scan)"_s}));
    auto *axis = qobject_cast<QBarCategoryAxis *>(chart.chart()->axes(Qt::Vertical).value(0));
    QCOMPARE(axis->count(), 3);
}

void TestIssueTypeWords::exportedChartShowsWords_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QString>("caption");
    QTest::newRow("English") << english
                             << QStringList{u"Missing partition filter"_s, u"Inefficient join order"_s,
                                            u"Full table scan v2"_s, u"SELECT * (all columns)"_s}
                             << u"Last 90 days · Missing partition filter · "_s;
    QTest::newRow("German") << german
                            << QStringList{u"Fehlender Partitionsfilter"_s, u"Ineffiziente Join-Reihenfolge"_s,
                                           u"Full table scan v2"_s, u"SELECT * (alle Spalten)"_s}
                            << u"Letzte 90 Tage · Fehlender Partitionsfilter · "_s;
}

// What `optimeter export chart success` writes: the words, never the identifiers, in the
// picture and in its caption; the file name keeps the identifier (letters, digits, '_').
void TestIssueTypeWords::exportedChartShowsWords()
{
    QFETCH(QLocale, locale);
    QFETCH(QStringList, words);
    QFETCH(QString, caption);
    Translations::install(locale);
    SuccessChart chart;
    chart.setSuccess(someSuccess(), 80.0);
    ChartExport::setCaption(&chart, u"success-rate"_s, {90, u"missing_partition_filter"_s});
    QVERIFY(ChartExport::captionLine(&chart, QDateTime::currentDateTimeUtc()).startsWith(caption));
    QCOMPARE(chart.property("optimeterFileStem").toString(), u"success-rate_last-90-days_missing_partition_filter"_s);
    const QString svg = m_folder.filePath(u"success-%1.svg"_s.arg(locale.name()));
    QVERIFY(ChartExport::write(&chart, svg, QSize(800, 500)).ok());
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    for (const QString &word : words)
        QVERIFY2(text.contains(word.toHtmlEscaped()), qPrintable(word));
    QVERIFY(text.contains(caption.toHtmlEscaped()));
    for (const char *identifier : {"missing_partition_filter", "inefficient_join_order", "full_table_scan_v2", "select_star"})
        QVERIFY2(!text.contains(QLatin1String(identifier)), identifier);
    const QString png = u"/tmp/issuetypes-export-%1.png"_s.arg(locale.name());
    QVERIFY(ChartExport::write(&chart, png, QSize(800, 500)).ok());
}

// The toolbar's filter lists the issue types in words, in the order of the words, and filters
// by the identifier; the pages show the words, the identifiers in their tooltips.
void TestIssueTypeWords::windowShowsWordsAndFiltersByIdentifier()
{
    Translations::install(german);
    auto opened = Database::open(m_folder.filePath(u"window.sqlite"_s));
    QVERIFY(opened.ok());
    DemoData::Options options;
    options.measurements = 200;
    options.seed = 5;
    QVERIFY(DemoData(**opened).generate(options).ok());
    MainWindow window(std::move(opened).value());
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.setWindowDays(std::nullopt);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(!window.isLoading());
    auto *filter = window.findChild<QComboBox *>(u"issueType"_s);
    QVERIFY(filter);
    QTRY_COMPARE(filter->count(), 8);
    QCOMPARE(filter->itemText(0), u"Alle Problemtypen"_s);
    QStringList texts;
    for (int i = 1; i < filter->count(); ++i) {
        texts << filter->itemText(i);
        QCOMPARE(filter->itemData(i, Qt::ToolTipRole).toString(),
                 u"Kennung: "_s + filter->itemData(i).toString());
    }
    QCOMPARE(texts, QStringList({u"Fehlender Partitionsfilter"_s, u"Fehlendes Clustering"_s,
                                 u"Ineffiziente Join-Reihenfolge"_s, u"Kartesischer Join"_s,
                                 u"SELECT * (alle Spalten)"_s, u"Unnötige Sortierung"_s,
                                 u"Wiederholte Unterabfrage"_s}));
    QTest::qWait(100); // the charts lay out their new labels
    QVERIFY(window.dashboardPage()->grab().save(u"/tmp/issuetypes-dashboard-de.png"_s));

    filter->setCurrentIndex(filter->findText(u"Kartesischer Join"_s));
    QCOMPARE(window.currentWindow().issueType, std::optional<QString>(u"cartesian_join"_s));
    QTRY_VERIFY(!window.isLoading());
    window.showPage(MainWindow::Page::Recommendations);
    auto *recommendations = window.recommendationsPage()->findChild<QTableView *>();
    QTRY_VERIFY(recommendations->model()->rowCount() > 0);
    for (int row = 0; row < recommendations->model()->rowCount(); ++row) {
        const QModelIndex cell = recommendations->model()->index(row, int(RecommendationListModel::Column::IssueType));
        QCOMPARE(cell.data().toString(), u"Kartesischer Join"_s);
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), u"Kennung: cartesian_join"_s);
    }
    QTest::qWait(100);
    QVERIFY(window.grab().save(u"/tmp/issuetypes-recommendations-de.png"_s));

    window.showPage(MainWindow::Page::Measurements);
    MeasurementTableModel *measurements = window.measurementsPage()->model();
    QTRY_COMPARE(measurements->query().window.issueType, std::optional<QString>(u"cartesian_join"_s));
    QTRY_VERIFY(measurements->total() > 0 && !measurements->isLoading());
    const QModelIndex cell = measurements->index(0, int(MeasurementTableModel::Column::IssueType));
    QTRY_COMPARE(cell.data().toString(), u"Kartesischer Join"_s);
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), u"Kennung: cartesian_join"_s);
    QCOMPARE(cell.data(MeasurementTableModel::IssueTypeRole).toString(), u"cartesian_join"_s);
    QTest::qWait(100);
    QVERIFY(window.grab().save(u"/tmp/issuetypes-measurements-de.png"_s));

    // The search finds the words shown, not only the identifier.
    filter->setCurrentIndex(0);
    QTRY_VERIFY(!window.isLoading());
    window.showPage(MainWindow::Page::Recommendations);
    window.recommendationsPage()->findChild<QLineEdit *>()->setText(u"partitionsfilter"_s);
    window.recommendationsPage()->loadNow();
    QVERIFY(recommendations->model()->rowCount() > 0);
    for (int row = 0; row < recommendations->model()->rowCount(); ++row)
        QCOMPARE(recommendations->model()->index(row, 0).data(RecommendationListModel::IssueTypeRole).toString(),
                 u"missing_partition_filter"_s);
}

QTEST_MAIN(TestIssueTypeWords)
#include "tst_issuetypewords.moc"
