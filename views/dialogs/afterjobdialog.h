#pragma once

#include "measurementruns.h"
#include "measurementservice.h"

#include <QDialog>

#include <memory>

class AfterSuggestionList;
class ChoiceList;
class DatabaseWorker;
class LatestRead;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// The analyst's daily task: type the optimized job's ID for a recommendation, or take one of the
// suggested jobs (SPEC §6.1, read in the worker as soon as the recommendation is known), with the
// known job IDs that start so listed under the field, a live preview of what would be recorded
// ("duration 1 min → 12.0 s: 80.0 % faster; estimated 70 % → meets expectation"), warnings
// (a job that started before the before job, or that another recommendation uses) and inline
// errors. The recommendation is found by its id, or by words of its title or its job's ID.
// When the recommendation's latest measurement is already completed, the dialog corrects its
// after job instead. It writes nothing itself: the window runs the command.
class AfterJobDialog : public QDialog
{
    Q_OBJECT

public:
    // `similarDays`: how far the other runs of the same queries are gathered (the setting).
    AfterJobDialog(const Database &database, const MeasurementSettings &settings,
                   int similarDays = MeasurementRuns::DefaultSimilarDays, QWidget *parent = nullptr);
    ~AfterJobDialog() override;

    void setRecommendation(qint64 id);
    void setAfterJob(const QString &jobId);

    qint64 recommendationId() const;
    QString afterJobId() const;
    bool isCorrection() const { return m_correction; }
    // The analyst confirmed an after job that the engine served from a result cache.
    bool allowsCachedJob() const;
    // "Include other runs of the same queries": checked and possible (the job has a query hash).
    bool includesSimilarRuns() const;
    QCheckBox *similarRunsBox() const { return m_similar; }
    // What the window records: the after job, the other runs when included, the cache confirmation.
    AfterRequest request() const;

    // The line that explains the state: preview text, or the error; or the hint of what to
    // type next (before anything is wrong).
    QString previewText() const;
    QString errorText() const;
    QString hintText() const;
    // The job IDs and recommendations listed under the fields.
    ChoiceList *jobChoices() const { return m_jobChoices; }
    ChoiceList *recommendationChoices() const { return m_recommendationChoices; }
    // The suggested after jobs under the job field, and the quiet line shown instead when there
    // are none (or while they are looked up).
    AfterSuggestionList *suggestions() const { return m_suggestions; }
    QString suggestionNote() const;
    // True while recommendations matching the typed words are looked up.
    bool isSearching() const;
    // True while the suggestions for the recommendation are looked up.
    bool isSuggesting() const;

    // One sentence describing what recording `preview` means, shared with the paste report.
    static QString describe(const Measurement &preview, std::optional<double> estimatedPct);
    // What SPEC §5 records from the runs: "14 runs before, 9 after: 41.2 % faster (95 % CI 33.0 –
    // 48.5 %), p = 0.0003 → improved", or that there are too few runs for a verdict.
    static QString describeRuns(const Measurement &preview);

protected:
    bool event(QEvent *event) override;

private:
    void updateCompletion(const QString &text);
    void searchRecommendations();
    void updatePreview();
    void fillPreview(); // updatePreview's texts
    void loadSuggestions();
    QStringList jobWarnings(const QString &jobId, const Measurement &target) const;

    const Database &m_database;
    MeasurementService m_service;
    QLineEdit *m_recommendation;
    QLabel *m_recommendationInfo;
    ChoiceList *m_recommendationChoices;
    QLineEdit *m_afterJob;
    // Before m_jobChoices: both take ↓ from the field, and the filter installed last (the
    // completions', while they show) sees it first.
    AfterSuggestionList *m_suggestions;
    QLabel *m_suggestionNote;
    ChoiceList *m_jobChoices;
    QLabel *m_preview;
    QLabel *m_hint;
    QLabel *m_error;
    QLabel *m_warning;
    QCheckBox *m_allowCached;
    QCheckBox *m_similar;
    QLabel *m_similarNote;
    int m_similarDays;
    int m_fittedHeight = 0;    // the height the content last asked for (AfterJobDialog::event)
    qint64 m_suggestedFor = 0; // the recommendation whose suggestions are shown or read
    std::optional<bool> m_similarChosen; // the analyst's own choice, kept while jobs change
    QDialogButtonBox *m_buttons;
    bool m_correction = false;
    std::unique_ptr<DatabaseWorker> m_worker;
    std::unique_ptr<LatestRead> m_search; // after the worker: it stops its read first
    std::unique_ptr<LatestRead> m_suggestionRead;
};
