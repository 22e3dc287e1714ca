#include "measurementspage.h"

#include "appsettings.h"

#include "database.h"
#include "databaseworker.h"
#include "issuetypetext.h"
#include "latestread.h"
#include "measurementdetailpane.h"
#include "measurementformat.h"
#include "measurementtablemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// The expectation filter's entry for the met measurements that exceeded their estimate.
constexpr int ExceededFilter = 100;

using Column = MeasurementTableModel::Column;
using ExpectationVerdict = Improvement::Verdict;
using Verdict = RunStatistics::Verdict;

// A wide value of each column, to size it without reading rows (QT-NOTES §3.3: never
// ResizeToContents on a big table).
QString sampleText(Column column)
{
    namespace Format = MeasurementFormat;
    switch (column) {
    case Column::Recommendation: return QStringLiteral("#1,000,000 Add a partition filter on sales.order");
    case Column::IssueType: {
        QString longest; // in words, in this language
        for (const QString &type : IssueTypeText::known())
            if (const QString name = IssueTypeText::name(type); name.size() > longest.size())
                longest = name;
        return longest;
    }
    case Column::JobBefore:
    case Column::JobAfter: return QStringLiteral("01be4c00-8c1a-b7d6-9b9");
    case Column::BeforeDuration:
    case Column::AfterDuration: return Format::duration(59949.0);
    case Column::DurationImprovement:
    case Column::MemoryReduction:
    case Column::ScanReduction:
    case Column::CpuReduction:
    case Column::Estimate: return Format::percent(-100.0);
    case Column::Delta: return Format::signedPoints(-100.0);
    case Column::Expectation: return Format::verdictName(ExpectationVerdict::Underperformed);
    case Column::Verdict: return Format::runVerdictName(Verdict::InsufficientRuns);
    case Column::Interval: return Format::interval(-100.0, -100.0);
    case Column::Runs: return Format::runs(500, 500);
    case Column::ProjectedHours: return Format::hours(-99999.0);
    case Column::MeasuredAt:
    case Column::CompletedAt:
        return Format::dateTime(QDateTime(QDate(2026, 12, 28), QTime(23, 58), Qt::UTC));
    case Column::Count: break;
    }
    return {};
}

} // namespace

MeasurementsPage::MeasurementsPage(const Database &database, QWidget *parent)
    : QWidget(parent), m_model(new MeasurementTableModel(database, this)),
      m_search(new QLineEdit(this)), m_expectation(new QComboBox(this)), m_verdict(new QComboBox(this)),
      m_status(new QLabel(this)),
      m_table(new QTableView(this)), m_detail(new MeasurementDetailPane(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_searchDelay(new QTimer(this)),
      m_detailToggle(new QToolButton(this)),
      m_runsWorker(std::make_unique<DatabaseWorker>(database.location())),
      m_runsRead(std::make_unique<LatestRead>(*m_runsWorker))
{
    m_search->setPlaceholderText(tr("Search job IDs and titles"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Shows the measurements whose before job, after job or recommendation "
                            "title contains this text (any case)"));
    // The classes of the dashboard's card and the scatter's legend: met (of which exceeded),
    // below estimate, regression, and those still pending.
    m_expectation->setObjectName(QStringLiteral("expectationFilter"));
    m_expectation->addItem(tr("All expectations"));
    for (const ExpectationVerdict expectation : {ExpectationVerdict::Met, ExpectationVerdict::Underperformed,
                                          ExpectationVerdict::Regression, ExpectationVerdict::Pending}) {
        m_expectation->addItem(MeasurementFormat::verdictIcon(expectation),
                               MeasurementFormat::verdictName(expectation), int(expectation));
        if (expectation == ExpectationVerdict::Met)
            m_expectation->addItem(MeasurementFormat::verdictIcon(expectation), tr("Met, exceeded"),
                                   ExceededFilter);
    }
    m_expectation->setToolTip(tr("Show only the measurements whose improvement met, or missed, "
                                 "its estimate in this way"));
    // SPEC §5's verdicts from the runs; a pending measurement has none.
    m_verdict->setObjectName(QStringLiteral("verdictFilter"));
    m_verdict->addItem(tr("All verdicts"));
    for (const Verdict verdict : {Verdict::Improved, Verdict::NoChange, Verdict::Regressed,
                                  Verdict::InsufficientRuns})
        m_verdict->addItem(MeasurementFormat::runVerdictIcon(verdict),
                           MeasurementFormat::runVerdictName(verdict), int(verdict));
    m_verdict->setToolTip(tr("Show only the measurements whose runs gave this verdict"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    m_search->setMaximumWidth(480);
    bar->addWidget(m_search, 2);
    bar->addWidget(m_verdict);
    bar->addWidget(m_expectation);
    bar->addStretch(1);
    bar->addWidget(m_status);
    // In a narrow window the pane would leave the table two columns: it folds away.
    m_detailToggle->setText(tr("Details"));
    m_detailToggle->setCheckable(true);
    m_detailToggle->setToolTip(tr("Show or hide the selected measurement's details beside the table"));
    m_detailToggle->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(m_detailToggle);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Job IDs differ at their ends, titles name the table last: keep both ends visible.
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setIconSize(QSize(16, 16));
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    // Fixed row heights: a million rows of ResizeToContents would take minutes.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSortIndicator(int(Column::MeasuredAt), Qt::DescendingOrder);
    m_table->setSortingEnabled(true); // sort() runs in SQL; the first setWindow() lists
    // The answer first: the verdict of the runs, the improvement with its interval and the
    // runs behind it, then the expectation and the estimate it was judged against, next to what
    // was recommended and visible beside the detail pane (the model keeps the order of the
    // report; the user can move any column).
    int at = 1;
    for (const Column column : {Column::Verdict, Column::DurationImprovement, Column::Interval, Column::Runs,
                                Column::Expectation, Column::Estimate, Column::ProjectedHours})
        m_table->horizontalHeader()->moveSection(m_table->horizontalHeader()->visualIndex(int(column)), at++);
    sizeColumns();

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_detail);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the pane wraps to its width
    const int paneWidth = m_detail->minimumSizeHint().width()
                          + scroll->verticalScrollBar()->sizeHint().width();
    scroll->setMinimumWidth(paneWidth);
    m_detailArea = scroll;
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setCollapsible(0, false);
    m_splitter->setSizes({1000, paneWidth + 20});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    // A double click asks for the details: the pane opens if it was folded away.
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (!isDetailPaneVisible())
            m_detailToggle->setChecked(true);
    });
    connect(m_detailToggle, &QToolButton::toggled, this, [this](bool visible) {
        setDetailPaneVisible(visible);
        AppSettings::setDetailPaneVisible(visible);
    });
    connect(m_searchDelay, &QTimer::timeout, this, [this] {
        m_notice.clear();
        m_model->setSearchText(m_search->text());
    });
    connect(m_expectation, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant data = m_expectation->currentData();
        m_notice.clear();
        if (!data.isValid())
            m_model->setExpectationFilter(std::nullopt);
        else if (data.toInt() == ExceededFilter)
            m_model->setExpectationFilter(ExpectationVerdict::Met, true);
        else
            m_model->setExpectationFilter(ExpectationVerdict(data.toInt()));
    });
    connect(m_verdict, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant data = m_verdict->currentData();
        m_notice.clear();
        m_model->setVerdictFilter(data.isValid() ? std::optional(Verdict(data.toInt())) : std::nullopt);
    });
    connect(m_model, &MeasurementTableModel::totalChanged, this, &MeasurementsPage::updateStatus);
    connect(m_model, &MeasurementTableModel::errorOccurred, this, [this](const QString &message) {
        m_error = message;
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_error.clear();
        // The selection went with the old listing: find the same measurement in the new one.
        if (m_currentMeasurement && m_locating != Locating::Recommendation) {
            m_locating = Locating::Selection;
            m_model->locateMeasurement(*m_currentMeasurement);
        }
    });
    connect(m_model, &MeasurementTableModel::rowsLoaded, this, [this](int first, int last) {
        const int current = m_table->currentIndex().row();
        if (current >= first && current <= last)
            updateDetail();
    });
    connect(m_model, &MeasurementTableModel::located, this, &MeasurementsPage::onLocated);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MeasurementsPage::onCurrentRowChanged);
    updateStatus();
}

void MeasurementsPage::sizeColumns()
{
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics metrics(m_table->font());
    const int padding = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 12;
    for (int column = 0; column < int(Column::Count); ++column) {
        int width = metrics.horizontalAdvance(sampleText(Column(column))) + padding;
        if (Column(column) == Column::Verdict || Column(column) == Column::Expectation)
            width += m_table->iconSize().width() + 6;
        header->resizeSection(column, std::max(width, header->sectionSizeHint(column)));
    }
}

MeasurementsPage::~MeasurementsPage() = default;

bool MeasurementsPage::isLoading() const
{
    return m_model->isLoading();
}

void MeasurementsPage::setDetailPaneVisible(bool visible)
{
    m_detailArea->setVisible(visible);
    const QSignalBlocker blocker(m_detailToggle);
    m_detailToggle->setChecked(visible);
}

bool MeasurementsPage::isDetailPaneVisible() const
{
    return !m_detailArea->isHidden();
}

void MeasurementsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Until the analyst chooses, the pane shows where the table keeps room for its answer
    // columns beside it.
    static constexpr int WideEnoughForThePane = 1200;
    setDetailPaneVisible(AppSettings::detailPaneVisible().value_or(window()->width() >= WideEnoughForThePane));
}

void MeasurementsPage::setExceededMarginPct(double marginPct)
{
    m_model->setExceededMarginPct(marginPct);
}

void MeasurementsPage::setWindow(const MeasurementWindow &window)
{
    m_notice.clear();
    m_model->setWindow(window);
}

void MeasurementsPage::refresh()
{
    m_notice.clear();
    m_model->refresh();
}

void MeasurementsPage::selectRecommendation(qint64 recommendationId)
{
    m_notice.clear();
    m_locating = Locating::Recommendation;
    m_locatingRecommendation = recommendationId;
    m_clearedFiltersToLocate = false;
    m_model->locateRecommendation(recommendationId);
}

void MeasurementsPage::onLocated(qint64 measurementId, qint64 recommendationId, int row)
{
    const Locating locating = m_locating;
    if (locating == Locating::Nothing)
        return;
    if (row >= 0) {
        m_locating = Locating::Nothing;
        selectRow(row);
        return;
    }
    if (locating == Locating::Selection) {
        m_locating = Locating::Nothing;
        m_table->selectionModel()->clearCurrentIndex();
        m_detail->clear();
        setCurrent(std::nullopt, -1);
        return;
    }
    // The recommendation's latest measurement is not listed: the page's own filters may hide
    // it, and those it can clear; the main window's time window and issue type it cannot.
    const bool filtered = !m_model->query().searchText.trimmed().isEmpty() || m_model->query().verdict
                          || m_model->query().expectation;
    if (measurementId >= 0 && filtered && !m_clearedFiltersToLocate) {
        m_clearedFiltersToLocate = true;
        const QSignalBlocker blockSearch(m_search);
        const QSignalBlocker blockVerdict(m_verdict);
        const QSignalBlocker blockExpectation(m_expectation);
        m_search->clear();
        m_searchDelay->stop();
        m_verdict->setCurrentIndex(0);
        m_expectation->setCurrentIndex(0);
        m_model->setSearchText(QString());
        m_model->setVerdictFilter(std::nullopt);
        m_model->setExpectationFilter(std::nullopt);
        m_model->locateRecommendation(recommendationId);
        return;
    }
    m_locating = Locating::Nothing;
    m_notice = measurementId < 0
                   ? tr("Recommendation #%1 has not been measured.").arg(m_locatingRecommendation)
                   : tr("Recommendation #%1 has no measurement in this time window and issue type.")
                         .arg(m_locatingRecommendation);
    updateStatus();
}

void MeasurementsPage::selectRow(int row)
{
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void MeasurementsPage::onCurrentRowChanged()
{
    if (!m_table->currentIndex().isValid())
        return; // cleared by a new listing; the selection is looked for in it
    updateDetail();
}

void MeasurementsPage::updateDetail()
{
    const int row = m_table->currentIndex().row();
    if (row < 0)
        return;
    const MeasurementReportRow *loaded = m_model->rowAt(row);
    if (!loaded) {
        m_detail->clear(tr("Loading…"));
        return; // rowsLoaded() brings it
    }
    // Set again when it is the same measurement: a refresh may have changed it.
    m_detail->setMeasurement(*loaded);
    readRuns(loaded->measurement.id);
    setCurrent(loaded->measurement.id, loaded->measurement.recommendationId);
}

void MeasurementsPage::readRuns(qint64 measurementId)
{
    // Up to a thousand runs with their jobs' start and duration: in the worker.
    m_runsRead->read<QList<MeasurementRun>>(
        this,
        [measurementId](const Database &database, const LatestRead::StillWanted &) {
            return MeasurementRepository(database).runsOf(measurementId);
        },
        [this, measurementId](Result<QList<MeasurementRun>> runs) {
            m_detail->setRuns(measurementId, runs ? *runs : QList<MeasurementRun>(),
                              runs ? QString() : runs.error().message);
            emit runsShown(measurementId);
        });
}

bool MeasurementsPage::isReadingRuns() const
{
    return m_runsRead->isReading();
}

void MeasurementsPage::setCurrent(std::optional<qint64> measurementId, qint64 recommendationId)
{
    if (measurementId == m_currentMeasurement)
        return;
    m_currentMeasurement = measurementId;
    emit currentMeasurementChanged(measurementId.value_or(-1), measurementId ? recommendationId : -1);
}

void MeasurementsPage::updateStatus()
{
    const qint64 total = m_model->total();
    QString text;
    if (!m_error.isEmpty())
        text = m_error;
    else if (total < 0)
        text = tr("Counting…");
    else if (total == 0)
        text = tr("No measurements match.");
    else if (total == 1)
        text = tr("1 measurement");
    else
        text = tr("%1 measurements").arg(MeasurementFormat::count(total));
    if (!m_notice.isEmpty() && m_error.isEmpty())
        text = m_notice + QStringLiteral("  ·  ") + text;
    m_status->setText(text);
    const QColor error = MeasurementFormat::verdictColor(ExpectationVerdict::Regression, palette());
    m_status->setStyleSheet(m_error.isEmpty() ? QString()
                                              : QStringLiteral("color: %1").arg(error.name()));
}
