#pragma once

#include "measurementservice.h"

#include <QDialog>

class QCheckBox;
class QCompleter;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QStringListModel;

// The analyst's daily task: type the optimized job's ID for a recommendation, with
// completion from known job IDs, a live preview of what would be recorded ("duration
// 60,000 ms → 12,000 ms: 80.0 % faster; estimated 70 % → meets expectation") and inline
// errors. When the recommendation's latest measurement is already completed, the dialog
// corrects its after job instead. It writes nothing itself: the window runs the command.
class AfterJobDialog : public QDialog
{
    Q_OBJECT

public:
    AfterJobDialog(const Database &database, const MeasurementSettings &settings, QWidget *parent = nullptr);

    void setRecommendation(qint64 id);
    void setAfterJob(const QString &jobId);

    qint64 recommendationId() const;
    QString afterJobId() const;
    bool isCorrection() const { return m_correction; }
    // The analyst confirmed an after job that the engine served from a result cache.
    bool allowsCachedJob() const;

    // The line that explains the state: preview text, or the error.
    QString previewText() const;
    QString errorText() const;

    // One sentence describing what recording `preview` means, shared with the paste report.
    static QString describe(const Measurement &preview, std::optional<double> estimatedPct);

private:
    void updateCompletion(const QString &text);
    void updatePreview();

    const Database &m_database;
    MeasurementService m_service;
    QLineEdit *m_recommendation;
    QLabel *m_recommendationInfo;
    QLineEdit *m_afterJob;
    QStringListModel *m_completions;
    QCompleter *m_completer;
    QLabel *m_preview;
    QLabel *m_error;
    QLabel *m_warning;
    QCheckBox *m_allowCached;
    QDialogButtonBox *m_buttons;
    bool m_correction = false;
};
