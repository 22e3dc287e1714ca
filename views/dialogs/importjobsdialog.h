#pragma once

#include "importreport.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPushButton;

// Choose a job-history export to import: the file, its format (recognised from the header by
// default), a second pg_stat_statements snapshot to measure the calls between the two, and
// whether invalid records are skipped (and listed) instead of refusing the file.
class ImportJobsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportJobsDialog(QWidget *parent = nullptr);

    void setFile(const QString &path);
    QStringList files() const;
    ImportOptions options() const; // without progress

    // The report of an import as the analyst reads it: counts, format, conversions, cache
    // hits, notes and the rejected records.
    static QString describe(const ImportReport &report);
    // Its first lines for a message box: the counts, the cache hits and the first rejected
    // records (describe() goes behind "Show Details").
    static QString headline(const ImportReport &report);

private:
    void updateState();

    QLineEdit *m_file;
    QComboBox *m_format;
    QLineEdit *m_secondFile;
    QPushButton *m_browseSecond;
    QCheckBox *m_skipInvalid;
    QDialogButtonBox *m_buttons;
};
