#include "afterjobdialog.h"

#include "jobrepository.h"
#include "measurementrepository.h"
#include "millisecondstext.h"
#include "recommendationrepository.h"

#include <QCheckBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStringListModel>
#include <QVBoxLayout>

namespace {
constexpr int CompletionCount = 20;
}

AfterJobDialog::AfterJobDialog(const Database &database, const MeasurementSettings &settings, QWidget *parent)
    : QDialog(parent), m_database(database), m_service(database, settings),
      m_recommendation(new QLineEdit(this)), m_recommendationInfo(new QLabel(this)),
      m_afterJob(new QLineEdit(this)), m_completions(new QStringListModel(this)),
      m_completer(new QCompleter(m_completions, this)), m_preview(new QLabel(this)),
      m_error(new QLabel(this)), m_warning(new QLabel(this)),
      m_allowCached(new QCheckBox(tr("Record it anyway: I know this job was served from a result cache"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Enter after job"));
    m_recommendation->setObjectName(QStringLiteral("recommendation"));
    m_recommendation->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,18}")), this));
    m_recommendation->setPlaceholderText(tr("Recommendation id"));
    m_recommendationInfo->setWordWrap(true);
    m_recommendationInfo->setTextFormat(Qt::PlainText);
    m_afterJob->setObjectName(QStringLiteral("afterJob"));
    m_afterJob->setPlaceholderText(tr("ID of the optimized job, e.g. 01b7c3a2-…"));
    m_afterJob->setMinimumWidth(420);
    m_completer->setCaseSensitivity(Qt::CaseSensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_afterJob->setCompleter(m_completer);
    m_preview->setObjectName(QStringLiteral("preview"));
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

    auto *form = new QFormLayout;
    form->addRow(tr("&Recommendation:"), m_recommendation);
    form->addRow(QString(), m_recommendationInfo);
    form->addRow(tr("&After job:"), m_afterJob);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(m_error);
    layout->addWidget(m_warning);
    layout->addWidget(m_allowCached);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_recommendation, &QLineEdit::textChanged, this, &AfterJobDialog::updatePreview);
    connect(m_afterJob, &QLineEdit::textEdited, this, &AfterJobDialog::updateCompletion);
    connect(m_afterJob, &QLineEdit::textChanged, this, [this] {
        m_allowCached->setChecked(false); // a confirmation is for one job
        updatePreview();
    });
    connect(m_allowCached, &QCheckBox::toggled, this, &AfterJobDialog::updatePreview);
    updatePreview();
}

bool AfterJobDialog::allowsCachedJob() const
{
    return !m_allowCached->isHidden() && m_allowCached->isChecked();
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
    return m_recommendation->text().toLongLong();
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

void AfterJobDialog::updateCompletion(const QString &text)
{
    const QString prefix = text.trimmed();
    if (prefix.isEmpty()) {
        m_completions->setStringList({});
        return;
    }
    // Failed, cancelled and unfinished jobs are never offered.
    const auto ids = JobRepository(m_database).idsStartingWith(prefix, CompletionCount, true);
    m_completions->setStringList(ids ? *ids : QStringList());
}

QString AfterJobDialog::describe(const Measurement &preview, std::optional<double> estimatedPct)
{
    const QLocale locale;
    const double afterMs = preview.after ? preview.after->durationMs : 0;
    QString text = tr("duration %1 ms → %2 ms")
                       .arg(millisecondsText(preview.before.durationMs, locale), millisecondsText(afterMs, locale));
    const auto &actual = preview.improvements.durationPct;
    if (!actual)
        return text + tr(": the before job took 0 ms, so the improvement cannot be computed");
    const double rounded = Improvement::roundToOneDecimal(*actual);
    if (rounded >= 0)
        text += tr(": %1 % faster").arg(locale.toString(rounded, 'f', 1));
    else
        text += tr(": %1 % slower").arg(locale.toString(-rounded, 'f', 1));
    const QString estimate = estimatedPct ? tr("estimated %1 %").arg(locale.toString(*estimatedPct, 'g', 4))
                                          : tr("no estimate (counts as 0 %)");
    text += QStringLiteral("; %1 → %2")
                .arg(estimate, preview.expectation.meets.value_or(false) ? tr("meets expectation")
                                                                         : tr("does not meet expectation"));
    return text;
}

void AfterJobDialog::updatePreview()
{
    m_preview->clear();
    m_error->clear();
    m_warning->clear();
    m_recommendationInfo->clear();
    m_correction = false;
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Record"));
    ok->setEnabled(false);

    if (m_recommendation->text().isEmpty()) {
        m_error->setText(tr("Type the id of the recommendation."));
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
        m_recommendationInfo->setText(r.title.value_or(r.issueType));
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
                           .arg(r.title.value_or(r.issueType), target.jobIdAfter.value_or(QString()))
                     : tr("%1 — before job %2, %3 ms.")
                           .arg(r.title.value_or(r.issueType), target.jobIdBefore,
                                millisecondsText(target.before.durationMs, QLocale())));
    if (m_correction)
        ok->setText(tr("&Correct"));

    const QString job = afterJobId();
    if (job.isEmpty()) {
        m_error->setText(tr("Type the ID of the optimized job."));
        return;
    }
    if (m_correction && job == target.jobIdAfter) {
        m_error->setText(tr("Job %1 is already the after job.").arg(job));
        return;
    }
    // A job served from a result cache needs the analyst's confirmation.
    const auto jobRow = JobRepository(m_database).find(job);
    const bool cached = jobRow && *jobRow && (*jobRow)->cacheHit.value_or(false);
    m_allowCached->setVisible(cached);
    if (cached && !m_allowCached->isChecked()) {
        m_warning->setText(tr("Job %1 was served from a result cache: its metrics are not a real run and would "
                              "show a false improvement. Pick the optimized job's real run, or confirm below.")
                               .arg(job));
        return;
    }
    const auto preview = m_service.previewAfter(id, job, m_correction, allowsCachedJob());
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
    m_preview->setText(describe(*preview, r.estimatedImprovementPct));
    QStringList warnings;
    if (!preview->warnings.isEmpty()) {
        for (const QString &warning : preview->warnings)
            warnings << warning;
    }
    m_warning->setText(warnings.join(u'\n'));
    ok->setEnabled(true);
}
