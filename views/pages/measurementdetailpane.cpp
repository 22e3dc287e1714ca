#include "measurementdetailpane.h"

#include "issuetypetext.h"
#include "measurementformat.h"
#include "runsdotplot.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 0);
    return label;
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

template<typename T>
std::optional<double> asDouble(const std::optional<T> &value)
{
    return value ? std::optional<double>(double(*value)) : std::nullopt;
}

QString countOf(const std::optional<qint64> &value)
{
    return value ? MeasurementFormat::count(*value) : QString();
}

} // namespace

MeasurementDetailPane::MeasurementDetailPane(QWidget *parent)
    : QWidget(parent), m_content(new QWidget(this)), m_placeholder(new QLabel(this))
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    content->setSpacing(4);

    m_title = new QLabel(m_content);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    content->addWidget(m_title);
    m_subtitle = new QLabel(m_content);
    m_subtitle->setObjectName(QStringLiteral("subtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    content->addWidget(m_subtitle);

    auto valueLabel = [this](const char *name) {
        auto *label = new QLabel(m_content);
        label->setObjectName(QString::fromLatin1(name));
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    // A judgement as icon and word, so that it reads without telling colours apart.
    auto judgementLine = [this, content](QLabel *&icon, QLabel *&word, const char *name) {
        auto *line = new QHBoxLayout;
        line->setContentsMargins(0, 6, 0, 0);
        icon = new QLabel(m_content);
        word = new QLabel(m_content);
        word->setObjectName(QString::fromLatin1(name));
        QFont font = word->font();
        font.setBold(true);
        word->setFont(font);
        line->addWidget(icon);
        line->addWidget(word, 1);
        content->addLayout(line);
    };
    auto description = [this, content](const char *name) {
        auto *label = new QLabel(m_content);
        label->setObjectName(QString::fromLatin1(name));
        label->setWordWrap(true);
        content->addWidget(label);
        return label;
    };

    // The verdict of the runs (SPEC §5) first: is the change real?
    judgementLine(m_verdictIcon, m_verdict, "verdict");
    m_verdictDescription = description("verdictDescription");
    auto *numbers = new QFormLayout;
    numbers->setContentsMargins(0, 4, 0, 0);
    m_runs = valueLabel("runs");
    m_interval = valueLabel("interval");
    m_pValue = valueLabel("pValue");
    m_interval->setToolTip(tr("With 95 % confidence the real improvement lies in this range"));
    m_pValue->setToolTip(tr("The chance of a difference at least this large between the runs if the change had "
                            "made none (Wilcoxon rank-sum test)"));
    numbers->addRow(tr("Runs before / after:"), m_runs);
    numbers->addRow(tr("95 % interval:"), m_interval);
    numbers->addRow(tr("p-value:"), m_pValue);
    content->addLayout(numbers);

    content->addWidget(heading(tr("Runs over time"), m_content));
    m_runsLegend = new QLabel(m_content);
    m_runsLegend->setObjectName(QStringLiteral("runsLegend"));
    m_runsLegend->setTextFormat(Qt::RichText);
    m_runsLegend->setWordWrap(true);
    content->addWidget(m_runsLegend);
    m_runsPlot = new RunsDotPlot(m_content);
    m_runsPlot->setObjectName(QStringLiteral("runsPlot"));
    content->addWidget(m_runsPlot);
    m_runsNote = new QLabel(m_content);
    m_runsNote->setObjectName(QStringLiteral("runsNote"));
    m_runsNote->setWordWrap(true);
    m_runsNote->setForegroundRole(QPalette::PlaceholderText);
    content->addWidget(m_runsNote);

    // The expectation: the improvement judged against the recommendation's estimate.
    content->addWidget(heading(tr("Expectation"), m_content));
    judgementLine(m_expectationIcon, m_expectation, "expectation");
    m_expectationDescription = description("expectationDescription");
    auto *expectation = new QFormLayout;
    expectation->setContentsMargins(0, 6, 0, 0);
    m_estimate = valueLabel("estimate");
    m_actual = valueLabel("actual");
    m_delta = valueLabel("delta");
    expectation->addRow(tr("Estimated improvement:"), m_estimate);
    expectation->addRow(tr("Actual improvement:"), m_actual);
    expectation->addRow(tr("Delta:"), m_delta);
    content->addLayout(expectation);

    // Job IDs can be 1,024 characters long: a read-only line scrolls, selects and copies.
    auto jobField = [this](const char *name) {
        auto *field = new QLineEdit(m_content);
        field->setObjectName(QString::fromLatin1(name));
        field->setReadOnly(true);
        field->setFrame(false);
        QPalette palette = field->palette(); // reads as text, not as an input
        palette.setColor(QPalette::Base, palette.color(QPalette::Window));
        field->setPalette(palette);
        return field;
    };
    auto *jobs = new QFormLayout;
    m_jobBefore = jobField("jobBefore");
    m_jobAfter = jobField("jobAfter");
    jobs->addRow(tr("Before job:"), m_jobBefore);
    jobs->addRow(tr("After job:"), m_jobAfter);
    content->addWidget(heading(tr("Jobs"), m_content));
    content->addLayout(jobs);

    content->addWidget(heading(tr("Before and after"), m_content));
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(3);
    const QString columns[] = {tr("Metric"), tr("Before"), tr("After"), tr("Improvement")};
    for (int column = 0; column < 4; ++column) {
        auto *label = new QLabel(columns[column], m_content);
        label->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(label, 0, column, column == 0 ? Qt::AlignLeft : Qt::AlignRight);
    }
    const struct
    {
        const char *name;
        QString label;
    } metrics[MetricCount] = {
        {"duration", tr("Duration")},          {"memory", tr("Memory")},
        {"dataScanned", tr("Data scanned")},   {"rowsScanned", tr("Rows scanned")},
        {"rowsReturned", tr("Rows returned")}, {"partitions", tr("Partitions scanned")},
        {"cpu", tr("CPU time")},
    };
    for (int metric = 0; metric < MetricCount; ++metric) {
        const int row = metric + 1;
        grid->addWidget(new QLabel(metrics[metric].label, m_content), row, 0);
        const QString name = QString::fromLatin1(metrics[metric].name);
        m_metrics[metric] = {addValue(grid, row, 1, name + QStringLiteral("Before")),
                             addValue(grid, row, 2, name + QStringLiteral("After")),
                             addValue(grid, row, 3, name + QStringLiteral("Change"))};
    }
    grid->setColumnStretch(0, 1);
    content->addLayout(grid);

    m_warning = new QLabel(m_content);
    m_warning->setObjectName(QStringLiteral("warning"));
    m_warning->setWordWrap(true);
    content->addWidget(m_warning);

    m_notes = new QLabel(m_content);
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    content->addWidget(m_notes);

    auto *dates = new QFormLayout;
    dates->setContentsMargins(0, 8, 0, 0);
    m_measured = valueLabel("measured");
    m_completed = valueLabel("completed");
    m_measured->setWordWrap(true);
    dates->addRow(tr("Measured:"), m_measured);
    dates->addRow(tr("Completed:"), m_completed);
    content->addLayout(dates);
    content->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_content);
    clear();
}

QLabel *MeasurementDetailPane::addValue(QGridLayout *grid, int row, int column, const QString &objectName)
{
    auto *label = new QLabel(m_content);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // As wide as a large value, so that the pane's width is known before it shows one.
    const QString sample = column == 3 ? MeasurementFormat::signedPercent(-100.0)
                                       : MeasurementFormat::mebibytes(1023.9);
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(sample));
    grid->addWidget(label, row, column);
    return label;
}

QSize MeasurementDetailPane::minimumSizeHint() const
{
    const QMargins margins = layout()->contentsMargins();
    const QSize content = m_content->minimumSizeHint();
    return QWidget::minimumSizeHint().expandedTo(
        QSize(content.width() + margins.left() + margins.right(), 0));
}

void MeasurementDetailPane::clear(const QString &message)
{
    m_measurementId.reset();
    m_placeholder->setText(message.isEmpty() ? tr("Select a measurement to see its before and "
                                                  "after metrics side by side.")
                                             : message);
    m_content->hide();
    m_placeholder->show();
}

void MeasurementDetailPane::setChange(QLabel *label, const std::optional<double> &pct, bool neutral)
{
    label->setText(MeasurementFormat::signedPercent(pct));
    const QColor colour = neutral ? QColor() : MeasurementFormat::changeColor(pct, palette());
    label->setStyleSheet(colour.isValid() ? QStringLiteral("color: %1").arg(colour.name())
                                          : QString());
}

void MeasurementDetailPane::setMeasurement(const MeasurementReportRow &row)
{
    namespace Format = MeasurementFormat;
    const Measurement &m = row.measurement;
    if (m_measurementId != m.id) { // the same one again keeps its runs until new ones come
        m_runsPlot->setRuns({});
        m_runsLegend->clear();
        m_runsNote->setText(tr("Reading the runs…"));
    }
    m_measurementId = m.id;
    const Improvement::Verdict verdict = Improvement::verdictOf(m);

    m_title->setText(row.title ? tr("#%1 %2").arg(m.recommendationId).arg(*row.title)
                               : tr("#%1 (no title)").arg(m.recommendationId));
    m_subtitle->setText(tr("%1 · measurement #%2").arg(IssueTypeText::name(row.issueType)).arg(m.id));
    m_subtitle->setToolTip(IssueTypeText::toolTip(row.issueType));
    m_expectationIcon->setPixmap(Format::verdictIcon(verdict).pixmap(QSize(20, 20), devicePixelRatioF()));
    m_expectation->setText(Format::verdictName(verdict));
    m_expectation->setStyleSheet(
        QStringLiteral("color: %1").arg(Format::verdictColor(verdict, palette()).name()));
    m_expectationDescription->setText(Format::verdictDescription(verdict));
    showVerdict(m);

    m_estimate->setText(row.estimatedImprovementPct ? Format::percent(row.estimatedImprovementPct)
                                                    : tr("none (counts as 0 %)"));
    m_actual->setText(orDash(Format::signedPercent(m.improvements.durationPct)));
    m_delta->setText(orDash(Format::signedPoints(m.expectation.deltaPct)));

    for (const auto &[field, text] : {std::pair{m_jobBefore, m.jobIdBefore},
                                      std::pair{m_jobAfter, m.jobIdAfter.value_or(tr("none yet"))}}) {
        field->setText(text);
        field->setCursorPosition(0);
        field->setToolTip(text);
    }

    const JobMetrics &before = m.before;
    const std::optional<JobMetrics> &after = m.after;
    // A pending measurement has no after side: its optional metrics are all empty.
    static const JobMetrics noMetrics;
    const JobMetrics &afterMetrics = after ? *after : noMetrics;
    const std::optional<double> afterDuration = after ? std::optional(after->durationMs) : std::nullopt;
    const std::optional<double> &afterMemory = afterMetrics.memoryMb;
    const std::optional<double> &afterScanned = afterMetrics.dataScannedMb;
    const std::optional<qint64> &afterRowsScanned = afterMetrics.rowsScanned;
    const std::optional<qint64> &afterRowsReturned = afterMetrics.rowsReturned;
    const std::optional<qint64> &afterPartitions = afterMetrics.partitionsScanned;
    const std::optional<qint64> &afterCpu = afterMetrics.cpuTimeMs;

    auto set = [this](Metric metric, const QString &beforeText, const QString &afterText,
                      const std::optional<double> &change, bool neutral = false) {
        m_metrics[metric].before->setText(orDash(beforeText));
        m_metrics[metric].after->setText(orDash(afterText));
        m_metrics[metric].before->setToolTip({});
        m_metrics[metric].after->setToolTip({});
        setChange(m_metrics[metric].change, change, neutral);
    };
    // Durations and sizes read as people say them; the exact value is in the tooltip.
    auto exact = [this](Metric metric, const QString &beforeText, const QString &afterText) {
        m_metrics[metric].before->setToolTip(beforeText);
        m_metrics[metric].after->setToolTip(afterText);
    };
    set(Duration, Format::duration(before.durationMs), Format::duration(afterDuration),
        m.improvements.durationPct);
    exact(Duration, Format::exactDurationMs(before.durationMs), Format::exactDurationMs(afterDuration));
    set(Memory, Format::mebibytes(before.memoryMb), Format::mebibytes(afterMemory),
        m.improvements.memoryPct);
    exact(Memory, Format::exactMebibytes(before.memoryMb), Format::exactMebibytes(afterMemory));
    set(DataScanned, Format::mebibytes(before.dataScannedMb), Format::mebibytes(afterScanned),
        m.improvements.scanPct);
    exact(DataScanned, Format::exactMebibytes(before.dataScannedMb), Format::exactMebibytes(afterScanned));
    set(RowsScanned, countOf(before.rowsScanned), countOf(afterRowsScanned),
        Improvement::reductionPct(asDouble(before.rowsScanned), asDouble(afterRowsScanned)));
    // Fewer rows returned is not better: it may be a different result.
    set(RowsReturned, countOf(before.rowsReturned), countOf(afterRowsReturned),
        Improvement::reductionPct(asDouble(before.rowsReturned), asDouble(afterRowsReturned)), true);
    set(Partitions, countOf(before.partitionsScanned), countOf(afterPartitions),
        Improvement::reductionPct(asDouble(before.partitionsScanned), asDouble(afterPartitions)));
    set(Cpu, Format::duration(asDouble(before.cpuTimeMs)), Format::duration(asDouble(afterCpu)),
        m.improvements.cpuPct);
    exact(Cpu, Format::exactDurationMs(asDouble(before.cpuTimeMs)), Format::exactDurationMs(asDouble(afterCpu)));

    const bool resultDiffers = before.rowsReturned && afterRowsReturned
                               && *before.rowsReturned != *afterRowsReturned;
    m_warning->setVisible(resultDiffers);
    if (resultDiffers)
        m_warning->setText(tr("The optimized job returned %1 rows instead of %2: check that it "
                              "computes the same result.")
                               .arg(Format::count(*afterRowsReturned), Format::count(*before.rowsReturned)));

    m_notes->setVisible(m.validationNotes && !m.validationNotes->isEmpty());
    m_notes->setText(tr("Note: %1").arg(m.validationNotes.value_or(QString())));

    m_measured->setText(m.measuredBy ? tr("%1 by %2").arg(Format::dateTime(m.measuredAt), *m.measuredBy)
                                     : Format::dateTime(m.measuredAt));
    m_completed->setText(m.completedAt ? Format::dateTime(m.completedAt) : tr("not yet"));

    m_placeholder->hide();
    m_content->show();
}

void MeasurementDetailPane::showVerdict(const Measurement &m)
{
    namespace Format = MeasurementFormat;
    m_verdictIcon->setVisible(m.verdict.has_value());
    if (!m.verdict) {
        m_verdict->setText(tr("No verdict yet"));
        m_verdict->setStyleSheet(QString());
        m_verdictDescription->setText(tr("The runs are compared once the after job is recorded."));
    } else {
        m_verdictIcon->setPixmap(Format::runVerdictIcon(*m.verdict).pixmap(QSize(20, 20), devicePixelRatioF()));
        m_verdict->setText(Format::runVerdictName(*m.verdict));
        m_verdict->setStyleSheet(QStringLiteral("color: %1").arg(Format::runVerdictColor(*m.verdict, palette()).name()));
        m_verdictDescription->setText(Format::runVerdictDescription(*m.verdict));
    }
    m_runs->setText(orDash(Format::runs(m.runsBefore, m.runsAfter)));
    m_interval->setText(orDash(Format::interval(m.ciLowPct, m.ciHighPct)));
    m_pValue->setText(m.pValue ? Format::pValue(*m.pValue) : QStringLiteral("—"));
}

void MeasurementDetailPane::setRuns(qint64 measurementId, const QList<MeasurementRun> &runs, const QString &error)
{
    if (measurementId != m_measurementId)
        return;
    m_runsPlot->setRuns(runs);
    if (!error.isEmpty()) {
        m_runsNote->setText(error);
        return;
    }
    namespace Format = MeasurementFormat;
    const QPalette pal = palette();
    const auto legend = [&pal](MeasurementRun::Side side, const QString &symbol, const QString &text) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3")
            .arg(RunsDotPlot::sideColor(side, pal).name(), symbol, text.toHtmlEscaped());
    };
    int before = 0, after = 0;
    for (const MeasurementRun &run : runs)
        ++(run.side == MeasurementRun::Side::Before ? before : after);
    QStringList parts;
    parts << legend(MeasurementRun::Side::Before, QStringLiteral("●"), tr("before: %n run(s)", nullptr, before));
    if (after > 0)
        parts << legend(MeasurementRun::Side::After, QStringLiteral("◆"), tr("after: %n run(s)", nullptr, after));
    m_runsLegend->setText(parts.join(QStringLiteral(" &nbsp; ")));
    QStringList notes;
    if (m_runsPlot->medianBefore() || m_runsPlot->medianAfter())
        notes << tr("Dashed lines: the medians (before %1, after %2).")
                     .arg(orDash(Format::duration(m_runsPlot->medianBefore())),
                          orDash(Format::duration(m_runsPlot->medianAfter())));
    if (m_runsPlot->noPlaceCount() > 0)
        notes << tr("%n run(s) without a start time not shown.", nullptr, m_runsPlot->noPlaceCount());
    m_runsNote->setText(notes.join(u' '));
}
