#include "importjobsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace {

QString exportFilter()
{
    return ImportJobsDialog::tr("Query history exports (*.csv *.json *.ndjson *.jsonl *.txt);;All files (*)");
}

// A line edit with a Browse… button that fills it.
QWidget *fileRow(QWidget *parent, QLineEdit *edit, QPushButton *browse, const QString &title)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [parent, edit, title] {
        const QString path = QFileDialog::getOpenFileName(parent, title, edit->text(), exportFilter());
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

} // namespace

ImportJobsDialog::ImportJobsDialog(QWidget *parent)
    : QDialog(parent), m_file(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_secondFile(new QLineEdit(this)), m_browseSecond(new QPushButton(tr("Browse…"), this)),
      m_skipInvalid(new QCheckBox(tr("&Skip invalid records: import the others and list the rejected lines"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import jobs"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setMinimumWidth(420);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("Recognise from the header"), QStringLiteral("auto"));
    m_format->addItem(tr("Generic CSV (Optimeter columns)"), QStringLiteral("generic"));
    m_format->addItem(tr("Snowflake QUERY_HISTORY"), QStringLiteral("snowflake"));
    m_format->addItem(tr("BigQuery INFORMATION_SCHEMA.JOBS or Job resources (CSV, JSON)"), QStringLiteral("bigquery"));
    m_format->addItem(tr("Dremio sys.jobs_recent or Cloud job history (CSV, JSON)"), QStringLiteral("dremio"));
    m_format->addItem(tr("Databricks system.query.history (CSV, JSON)"), QStringLiteral("databricks"));
    m_format->addItem(tr("PostgreSQL pg_stat_statements snapshot"), QStringLiteral("pg_stat_statements"));
    m_format->addItem(tr("Trino event-listener queries"), QStringLiteral("trino"));
    m_secondFile->setObjectName(QStringLiteral("secondFile"));
    m_secondFile->setPlaceholderText(tr("Optional: a later snapshot, to measure the calls between the two"));
    m_skipInvalid->setObjectName(QStringLiteral("skipInvalid"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Export file:"), fileRow(this, m_file, new QPushButton(tr("Browse…"), this), tr("Import jobs")));
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Second snapshot:"), fileRow(this, m_secondFile, m_browseSecond, tr("Second snapshot")));
    auto *hint = new QLabel(tr("Every metric is converted to milliseconds and bytes; a metric the engine does not "
                               "export stays empty. Jobs served from a result cache are flagged. Nothing is "
                               "written unless the whole import succeeds."),
                            this);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_skipInvalid);
    layout->addWidget(hint);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_file, &QLineEdit::textChanged, this, &ImportJobsDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportJobsDialog::updateState);
    updateState();
}

void ImportJobsDialog::setFile(const QString &path)
{
    m_file->setText(path);
}

void ImportJobsDialog::updateState()
{
    // A second snapshot only means something for pg_stat_statements (or a format yet to be
    // recognised from the header).
    const QString format = m_format->currentData().toString();
    const bool snapshots = format == QLatin1String("pg_stat_statements") || format == QLatin1String("auto");
    m_secondFile->setEnabled(snapshots);
    m_browseSecond->setEnabled(snapshots);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(QFileInfo(m_file->text().trimmed()).isFile());
}

QStringList ImportJobsDialog::files() const
{
    QStringList paths{m_file->text().trimmed()};
    if (m_secondFile->isEnabled() && !m_secondFile->text().trimmed().isEmpty())
        paths << m_secondFile->text().trimmed();
    return paths;
}

ImportOptions ImportJobsDialog::options() const
{
    ImportOptions options;
    options.format = m_format->currentData().toString();
    options.skipInvalid = m_skipInvalid->isChecked();
    return options;
}

QString ImportJobsDialog::headline(const ImportReport &r)
{
    const QStringList all = describe(r).split(u'\n');
    QStringList lines = all.mid(0, 2);
    if (r.cacheHits > 0)
        lines << tr("%n job(s) served from a result cache: never offered as an after job without confirmation.", "",
                    int(r.cacheHits));
    if (!r.rejectedRecords.isEmpty()) {
        lines << tr("%n record(s) rejected:", "", int(r.rejected));
        for (const RejectedRecord &record : r.rejectedRecords.mid(0, 3))
            lines << record.message;
        if (r.rejected > 3)
            lines << tr("… and %n more: Show Details lists them.", "", int(r.rejected - 3));
    }
    return lines.join(u'\n');
}

QString ImportJobsDialog::describe(const ImportReport &r)
{
    QStringList lines;
    lines << tr("%1: %2 records read (%3 format, %4).")
                 .arg(r.files.isEmpty() ? r.file : r.files.join(QStringLiteral(" + ")))
                 .arg(r.rowsRead)
                 .arg(r.format, r.formatDetection);
    lines << tr("%1 inserted, %2 updated, %3 unchanged, %4 repeated in the file (the last one wins), %5 rejected.")
                 .arg(r.inserted)
                 .arg(r.updated)
                 .arg(r.unchanged)
                 .arg(r.duplicates)
                 .arg(r.rejected);
    // The rest of the records read: every report adds up.
    if (r.merged > 0 || r.skipped > 0)
        lines << tr("%1 merged into the job of another record, %2 skipped (see the notes).")
                     .arg(r.merged)
                     .arg(r.skipped);
    if (r.cacheHits > 0)
        lines << tr("%n job(s) served from a result cache: never offered as an after job without confirmation.", "",
                    int(r.cacheHits));
    if (!r.ignoredColumns.isEmpty())
        lines << tr("Ignored unknown columns: %1").arg(r.ignoredColumns.join(QStringLiteral(", ")));
    if (!r.conversions.isEmpty())
        lines << tr("Conversions:") << r.conversions;
    if (!r.notes.isEmpty())
        lines << r.notes;
    if (!r.rejectedRecords.isEmpty()) {
        lines << tr("Rejected:");
        for (const RejectedRecord &record : r.rejectedRecords.mid(0, 50))
            lines << record.message;
        if (r.rejected > 50)
            lines << tr("… and %1 more").arg(r.rejected - 50);
    }
    return lines.join(u'\n');
}
