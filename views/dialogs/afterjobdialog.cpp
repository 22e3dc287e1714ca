#include "afterjobdialog.h"

#include "aftersuggestionlist.h"
#include "choicelist.h"
#include "databaseworker.h"
#include "issuetypetext.h"
#include "jobrepository.h"
#include "latestread.h"
#include "measurementformat.h"
#include "measurementrepository.h"
#include "recommendationrepository.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int CompletionCount = 20;
constexpr int RecommendationMatches = 8;

// "42" or "#42": a recommendation's id; anything else is words to look for.
std::optional<qint64> idIn(const QString &text)
{
    static const QRegularExpression id(QStringLiteral("^#?\\s*(\\d{1,18})$"));
    const QRegularExpressionMatch match = id.match(text.trimmed());
    return match.hasMatch() ? std::optional(match.captured(1).toLongLong()) : std::nullopt;
}
} // namespace

AfterJobDialog::AfterJobDialog(const Database &database, const MeasurementSettings &settings, int similarDays,
                               QWidget *parent)
    : QDialog(parent), m_database(database), m_service(database, settings),
      m_recommendation(new QLineEdit(this)), m_recommendationInfo(new QLabel(this)),
      m_recommendationChoices(new ChoiceList(m_recommendation, 6, this)), m_afterJob(new QLineEdit(this)),
      m_suggestions(new AfterSuggestionList(m_afterJob, 6, this)), m_suggestionNote(new QLabel(this)),
      m_jobChoices(new ChoiceList(m_afterJob, 8, this)), m_preview(new QLabel(this)), m_hint(new QLabel(this)),
      m_error(new QLabel(this)), m_warning(new QLabel(this)),
      m_allowCached(new QCheckBox(tr("Record it anyway: I know this job was served from a result cache"), this)),
      m_similar(new QCheckBox(tr("&Include other runs of the same queries (within %n day(s) of the after job)",
                                 nullptr, similarDays),
                              this)),
      m_similarNote(new QLabel(this)), m_similarDays(similarDays),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_worker(std::make_unique<DatabaseWorker>(database.location())),
      m_search(std::make_unique<LatestRead>(*m_worker)), m_suggestionRead(std::make_unique<LatestRead>(*m_worker))
{
    setWindowTitle(tr("Enter after job"));
    m_recommendation->setObjectName(QStringLiteral("recommendation"));
    m_recommendation->setPlaceholderText(tr("Its id, or words of its title or job ID"));
    m_recommendationChoices->setObjectName(QStringLiteral("recommendationChoices"));
    m_recommendationInfo->setWordWrap(true);
    m_recommendationInfo->setTextFormat(Qt::PlainText);
    m_afterJob->setObjectName(QStringLiteral("afterJob"));
    m_afterJob->setPlaceholderText(tr("ID of the optimized job, e.g. 01b7c3a2-…"));
    m_afterJob->setMinimumWidth(420);
    m_jobChoices->setObjectName(QStringLiteral("jobChoices"));
    m_suggestions->setObjectName(QStringLiteral("suggestions"));
    m_suggestionNote->setObjectName(QStringLiteral("suggestionNote"));
    m_suggestionNote->setWordWrap(true);
    m_suggestionNote->setTextFormat(Qt::PlainText);
    m_suggestionNote->setForegroundRole(QPalette::PlaceholderText);
    m_suggestionNote->hide();
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setForegroundRole(QPalette::WindowText); // what to do next, not an error and not a whisper
    m_preview->setObjectName(QStringLiteral("preview"));
    // Wide enough for the preview's sentence about the runs on one line, in the language shown
    // (the dialog's layout takes its minimum size from its widgets).
    Measurement sample;
    sample.runsBefore = 14;
    sample.runsAfter = 9;
    sample.improvements.durationPct = 41.2;
    sample.ciLowPct = 33.0;
    sample.ciHighPct = 48.5;
    sample.pValue = 0.0003;
    sample.verdict = RunStatistics::Verdict::Improved;
    // (a slowdown and its verdict run a few letters longer)
    m_preview->setMinimumWidth(m_preview->fontMetrics().horizontalAdvance(describeRuns(sample)) * 112 / 100);
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(errorPalette);

    m_warning->setObjectName(QStringLiteral("warning"));
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    QPalette warningPalette = m_warning->palette();
    warningPalette.setColor(QPalette::WindowText, QColor(0xb2, 0x6b, 0x00));
    m_warning->setPalette(warningPalette);
    m_allowCached->setObjectName(QStringLiteral("allowCached"));
    m_allowCached->setVisible(false);
    m_similar->setObjectName(QStringLiteral("similarRuns"));
    m_similar->setChecked(true);
    m_similar->setToolTip(tr("Compare the history's other runs of the original query (before the after job) "
                             "and of the optimized query (after it), not one run of each: a verdict needs "
                             "several runs, because durations vary from run to run. The number of days is "
                             "a setting (Settings ▸ Preferences)."));
    m_similarNote->setObjectName(QStringLiteral("similarNote"));
    m_similarNote->setWordWrap(true);
    m_similarNote->setTextFormat(Qt::PlainText);
    m_similarNote->setForegroundRole(QPalette::PlaceholderText);
    m_similarNote->setContentsMargins(22, 0, 0, 0);

    // Each field with what shows under it in one column: a hidden list or an empty line takes
    // no room there (a form row of its own kept its spacing and left gaps).
    const auto column = [this](QLineEdit *field, std::initializer_list<QWidget *> below) {
        auto *box = new QVBoxLayout;
        box->setSpacing(style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing) / 2 + 1);
        box->addWidget(field);
        for (QWidget *widget : below)
            box->addWidget(widget);
        return box;
    };
    auto *form = new QFormLayout;
    auto *recommendationLabel = new QLabel(tr("&Recommendation:"), this);
    recommendationLabel->setBuddy(m_recommendation);
    form->addRow(recommendationLabel, column(m_recommendation, {m_recommendationChoices, m_recommendationInfo}));
    auto *afterJobLabel = new QLabel(tr("&After job:"), this);
    afterJobLabel->setBuddy(m_afterJob);
    form->addRow(afterJobLabel, column(m_afterJob, {m_jobChoices, m_suggestionNote, m_suggestions}));
    auto *layout = new QVBoxLayout(this);
    // The dialog grows with what it shows (a long title, the lists, a warning), never clips it:
    // its minimum size is set in event(), from the height its content needs at its width
    // (QLayout::SetMinimumSize took wrapped lines at their narrowest, and left a gap under them).
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    layout->addLayout(form);
    layout->addWidget(m_similar);
    layout->addWidget(m_similarNote);
    layout->addWidget(m_hint);
    layout->addWidget(m_preview);
    layout->addWidget(m_error);
    layout->addWidget(m_warning);
    layout->addWidget(m_allowCached);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *searchDelay = new QTimer(this);
    searchDelay->setSingleShot(true);
    searchDelay->setInterval(200);
    connect(searchDelay, &QTimer::timeout, this, &AfterJobDialog::searchRecommendations);
    connect(m_recommendation, &QLineEdit::textChanged, this, [this, searchDelay] {
        if (idIn(m_recommendation->text()))
            m_recommendationChoices->setChoices({});
        else
            searchDelay->start();
        loadSuggestions();
        updatePreview();
    });
    connect(m_recommendationChoices, &ChoiceList::chosen, this, [this] {
        m_recommendationChoices->setChoices({});
        m_afterJob->setFocus();
    });
    connect(m_jobChoices, &ChoiceList::chosen, this, [this] { m_jobChoices->setChoices({}); });
    connect(m_suggestions, &AfterSuggestionList::chosen, this, [this] { m_jobChoices->setChoices({}); });
    connect(m_afterJob, &QLineEdit::textEdited, this, &AfterJobDialog::updateCompletion);
    connect(m_afterJob, &QLineEdit::textChanged, this, [this] {
        m_allowCached->setChecked(false); // a confirmation is for one job
        m_suggestions->showTaken(afterJobId());
        updatePreview();
    });
    connect(m_allowCached, &QCheckBox::toggled, this, &AfterJobDialog::updatePreview);
    connect(m_similar, &QCheckBox::clicked, this, [this](bool checked) {
        m_similarChosen = checked;
        updatePreview();
    });
    updatePreview();
}

AfterJobDialog::~AfterJobDialog() = default;

bool AfterJobDialog::isSearching() const
{
    return m_search->isReading();
}

// A description that arrives after the dialog took its size (a typed recommendation) was cut to
// one line: the layout's minimum size ignores how tall a word-wrapped line gets at the dialog's
// width. After each layout pass, and at each new width, the dialog's minimum is the height its
// content needs at that width, and it takes that height unless the analyst made it taller.
bool AfterJobDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    if ((event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize) && layout()) {
        const int minimumWidth = layout()->totalMinimumSize().width();
        const int width = std::max(this->width(), minimumWidth);
        const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width)
                                                         : layout()->totalMinimumSize().height();
        setMinimumSize(minimumWidth, needed);
        const bool sizedByUs = m_fittedHeight == 0 || height() == m_fittedHeight;
        if (width != this->width() || needed > height() || (sizedByUs && needed < height())) {
            m_fittedHeight = needed;
            resize(width, needed);
        }
    }
    return handled;
}

bool AfterJobDialog::isSuggesting() const
{
    return m_suggestionRead->isReading();
}

QString AfterJobDialog::suggestionNote() const
{
    return m_suggestionNote->isHidden() ? QString() : m_suggestionNote->text();
}

bool AfterJobDialog::allowsCachedJob() const
{
    return !m_allowCached->isHidden() && m_allowCached->isChecked();
}

bool AfterJobDialog::includesSimilarRuns() const
{
    return m_similar->isEnabled() && m_similar->isChecked();
}

AfterRequest AfterJobDialog::request() const
{
    AfterRequest request;
    request.jobIds = QStringList{afterJobId()};
    if (includesSimilarRuns())
        request.similarDays = m_similarDays;
    request.allowCached = allowsCachedJob();
    return request;
}

void AfterJobDialog::setRecommendation(qint64 id)
{
    m_recommendation->setText(QString::number(id));
    m_afterJob->setFocus();
}

void AfterJobDialog::setAfterJob(const QString &jobId)
{
    m_afterJob->setText(jobId);
}

qint64 AfterJobDialog::recommendationId() const
{
    return idIn(m_recommendation->text()).value_or(0);
}

QString AfterJobDialog::afterJobId() const
{
    return m_afterJob->text().trimmed();
}

QString AfterJobDialog::previewText() const
{
    return m_preview->text();
}

QString AfterJobDialog::errorText() const
{
    return m_error->text();
}

QString AfterJobDialog::hintText() const
{
    return m_hint->text();
}

void AfterJobDialog::updateCompletion(const QString &text)
{
    const QString prefix = text.trimmed();
    QList<ChoiceList::Choice> choices;
    if (!prefix.isEmpty()) {
        // Failed, cancelled and unfinished jobs are never offered (an index range, on this thread).
        const auto ids = JobRepository(m_database).idsStartingWith(prefix, CompletionCount, true);
        for (const QString &id : ids ? *ids : QStringList())
            if (id != prefix)
                choices << ChoiceList::Choice{id, id, {}};
    }
    m_jobChoices->setChoices(choices);
}

void AfterJobDialog::searchRecommendations()
{
    const QString words = m_recommendation->text().trimmed();
    if (words.size() < 2 || idIn(words)) {
        m_recommendationChoices->setChoices({});
        return;
    }
    // A words search may read every title of a million recommendations: in the worker.
    m_search->read<QList<RecommendationRow>>(
        this,
        [words](const Database &database, const LatestRead::StillWanted &) {
            return RecommendationRepository(database).list(words, std::nullopt, RecommendationMatches);
        },
        [this](Result<QList<RecommendationRow>> rows) {
            QList<ChoiceList::Choice> choices;
            for (const RecommendationRow &row : rows ? *rows : QList<RecommendationRow>()) {
                const Recommendation &r = row.recommendation;
                choices << ChoiceList::Choice{tr("#%1 %2 (job %3)").arg(r.id).arg(r.title.value_or(IssueTypeText::name(r.issueType)), r.jobId),
                                              QString::number(r.id), {}};
            }
            m_recommendationChoices->setChoices(choices);
            updatePreview();
        });
}

// The suggestions of SPEC §6.1 for the recommendation typed, read in the worker: they scan the
// jobs of D days, a million rows in a busy warehouse's history.
void AfterJobDialog::loadSuggestions()
{
    const qint64 id = recommendationId();
    if (id == m_suggestedFor)
        return;
    m_suggestedFor = id;
    m_suggestions->setSuggestions({}, std::nullopt);
    m_suggestionNote->hide();
    if (id == 0) {
        m_suggestionRead->cancel();
        return;
    }
    m_suggestionNote->setText(tr("Looking for jobs of this query…"));
    m_suggestionNote->show();
    const MeasurementSettings settings = m_service.settings();
    const int days = m_similarDays;
    m_suggestionRead->read<AfterSuggestions::Suggestions>(
        this,
        [id, settings, days](const Database &database, const LatestRead::StillWanted &) {
            return MeasurementService(database, settings).suggestAfter(id, AfterSuggestions::DefaultLimit, days);
        },
        [this](Result<AfterSuggestions::Suggestions> suggestions) {
            // No measurement, no recommendation: the preview says so already.
            m_suggestionNote->setVisible(suggestions && suggestions->candidates.isEmpty());
            if (!suggestions)
                return updatePreview();
            if (!suggestions->from.isValid())
                m_suggestionNote->setText(tr("No suggestions: neither the recommendation's implementation time "
                                             "nor the before job's start is known."));
            else
                m_suggestionNote->setText(tr("No jobs of this query ran in the %n day(s) after %1.", nullptr,
                                             m_similarDays)
                                              .arg(MeasurementFormat::dateTime(suggestions->from)));
            m_suggestions->setSuggestions(suggestions->candidates, suggestions->beforeQueryText);
            m_suggestions->showTaken(afterJobId());
            updatePreview();
        });
}

void AfterJobDialog::updatePreview()
{
    fillPreview();
    // An empty line takes no room (and no spacing): no gap above the buttons. The preview stays,
    // for the width it keeps.
    for (QLabel *line : {m_hint, m_error, m_warning})
        line->setVisible(!line->text().isEmpty());
}

void AfterJobDialog::fillPreview()
{
    m_preview->clear();
    m_hint->clear();
    m_error->clear();
    m_warning->clear();
    m_recommendationInfo->clear();
    m_similarNote->clear();
    m_similarNote->hide();
    m_correction = false;
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Record"));
    ok->setEnabled(false);

    if (m_recommendation->text().trimmed().isEmpty()) {
        m_hint->setText(tr("Type the recommendation's id, or words of its title or job ID."));
        return;
    }
    if (!idIn(m_recommendation->text())) {
        m_hint->setText(m_recommendationChoices->count() > 0
                            ? tr("Choose the recommendation below (↓, then Enter), or type its id.")
                        : isSearching() || m_recommendation->text().trimmed().size() < 2
                            ? tr("Looking for recommendations…")
                            : tr("No recommendation's title or job ID contains \"%1\".")
                                  .arg(m_recommendation->text().trimmed()));
        return;
    }
    const qint64 id = recommendationId();
    const auto recommendation = RecommendationRepository(m_database).find(id);
    if (!recommendation || !recommendation.value()) {
        m_error->setText(recommendation ? tr("There is no recommendation %1.").arg(id) : recommendation.error().message);
        return;
    }
    const Recommendation &r = *recommendation.value();
    const MeasurementRepository measurements(m_database);
    const auto open = measurements.openForRecommendation(id);
    const auto latest = measurements.latestForRecommendation(id);
    if (!open || !latest) {
        m_error->setText((!open ? open.error() : latest.error()).message);
        return;
    }
    if (!open.value() && !latest.value()) {
        m_recommendationInfo->setText(r.title.value_or(IssueTypeText::name(r.issueType)));
        m_error->setText(tr("Recommendation %1 has no open measurement: start one on the Recommendations "
                            "page first (it records the before job %2).")
                             .arg(id)
                             .arg(r.jobId));
        return;
    }
    m_correction = !open.value();
    const Measurement &target = m_correction ? *latest.value() : *open.value();
    m_recommendationInfo->setText(
        m_correction ? tr("%1 — completed with after job %2; a new ID corrects it.")
                           .arg(r.title.value_or(IssueTypeText::name(r.issueType)), target.jobIdAfter.value_or(QString()))
                     : tr("%1 — before job %2, %3.")
                           .arg(r.title.value_or(IssueTypeText::name(r.issueType)), target.jobIdBefore,
                                MeasurementFormat::duration(target.before.durationMs)));
    if (m_correction)
        ok->setText(tr("&Correct"));

    const QString job = afterJobId();
    if (job.isEmpty()) {
        m_hint->setText(m_suggestions->topLevelItemCount() > 0
                            ? tr("Type or paste the after job's ID, or pick a suggestion (↓, then Enter).")
                            : tr("Type or paste the after job's ID (↓ chooses among the known ones)."));
        return;
    }
    if (m_correction && job == target.jobIdAfter) {
        m_error->setText(tr("Job %1 is already the after job.").arg(job));
        return;
    }
    // A job served from a result cache needs the analyst's confirmation.
    const auto jobRow = JobRepository(m_database).find(job);
    const bool cached = jobRow && *jobRow && (*jobRow)->cacheHit.value_or(false);
    // Other runs are found by the query's hash: without one there are none to include.
    // They are split at its start: without one they cannot be told before from after.
    if (jobRow && *jobRow) {
        const bool hashed = (*jobRow)->queryHash && !(*jobRow)->queryHash->isEmpty();
        const bool started = (*jobRow)->startedAt.has_value();
        m_similar->setEnabled(hashed && started);
        m_similar->setChecked(hashed && started && m_similarChosen.value_or(true));
        if (!hashed)
            m_similarNote->setText(tr("Job %1 has no query hash, so its other runs cannot be found: only the "
                                      "named jobs are compared.").arg(job));
        else if (!started)
            m_similarNote->setText(tr("Job %1 has no start time, so its other runs cannot be told before from "
                                      "after it: only the named jobs are compared.").arg(job));
        m_similarNote->setVisible(!hashed || !started);
    }
    m_allowCached->setVisible(cached);
    if (cached && !m_allowCached->isChecked()) {
        m_warning->setText(tr("Job %1 was served from a result cache: its metrics are not a real run and would "
                              "show a false improvement. Pick the optimized job's real run, or confirm below.")
                               .arg(job));
        return;
    }
    const auto preview = m_service.previewAfter(id, request(), m_correction);
    if (!preview) {
        if (preview.error().kind == Error::Kind::NotFound)
            m_error->setText(tr("There is no job %1 in the database. Import it first, or check the ID "
                                "(IDs are case-sensitive).").arg(job));
        else if (job == target.jobIdBefore)
            m_error->setText(tr("Job %1 is the before job of this recommendation; type the optimized "
                                "job's ID.").arg(job));
        else
            m_error->setText(preview.error().message);
        return;
    }
    m_preview->setText(describeRuns(*preview) + u'\n' + describe(*preview, r.estimatedImprovementPct));
    m_warning->setText((preview->warnings + jobWarnings(job, target)).join(u'\n'));
    ok->setEnabled(true);
}
