#pragma once

#include "aftersuggestions.h"

#include <QSet>
#include <QTreeWidget>

#include <optional>
#include <utility>

class QLineEdit;

// The candidates for the after job (SPEC §6.1) under the job-ID field of the after-job dialog,
// one row each: the score, the reason in words, the job, its start and duration, and one line of
// its query with the tokens that the before job's query lacks in bold colour. Like ChoiceList:
// ↓ in the field moves in, ↑/↓ move, Enter or one click takes the current suggestion (the field
// gets its ID and the focus back, so that the next Enter records), Esc or ↑ from the top goes
// back to the field; Enter here never presses the dialog's default button.
class AfterSuggestionList : public QTreeWidget
{
    Q_OBJECT

public:
    enum Column { ScoreColumn, ReasonColumn, JobColumn, StartedColumn, DurationColumn, QueryColumn, ColumnCount };

    // One line of a query's text, with the spans to mark (start, length in `text`).
    struct Excerpt
    {
        QString text;
        QList<std::pair<qsizetype, qsizetype>> marks;
    };

    AfterSuggestionList(QLineEdit *field, int visibleRows, QWidget *parent = nullptr);

    // Replaces the rows; the list hides when there are none. `beforeText`: the before job's query,
    // whose tokens are not marked in the candidates' texts.
    void setSuggestions(const QList<AfterSuggestions::Candidate> &candidates,
                        const std::optional<QString> &beforeText);
    QStringList jobIds() const;
    // The row's cells as shown, separated by " | " (the query's excerpt in full, unmarked).
    QString rowText(int row) const;
    // Shows the row of `jobId` as the current one (the field holds it), or none.
    void showTaken(const QString &jobId);

    static QString reasonText(AfterSuggestions::Reason reason); // "same query", "similar text"
    // The text on one line (white space collapsed), at most `maxLength` characters, with the
    // tokens (QueryTokens::scan) that are not in `beforeTokens` marked.
    static Excerpt excerpt(const QString &text, const QSet<QString> &beforeTokens, qsizetype maxLength = 300);
    static QSet<QString> tokensOf(const QString &text);

signals:
    // A suggestion was taken; the field holds its job ID already.
    void chosen(const QString &jobId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void take(QTreeWidgetItem *item);

    QLineEdit *m_field;
    int m_visibleRows;
};
