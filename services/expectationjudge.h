#pragma once

#include "database.h"
#include "result.h"

#include <QList>

#include <functional>
#include <optional>

// The tolerance with which a database's measurements are judged (SPEC §3.3), and judging them
// all again with another one. A measurement stores its judgement (meets_expectation), so a
// changed tolerance setting would otherwise leave every stored "met" as it was and the
// dashboard's tolerance band would contradict its own points. The database remembers the
// tolerance of its judgements (table `settings`, name `judged_tolerance_pct`); new recordings
// are judged with it, and re-judging moves every completed measurement to a new one at once.
class ExpectationJudge
{
public:
    // What a re-judgement changed, enough to undo it exactly.
    struct Outcome
    {
        double tolerancePct = 0;
        std::optional<double> previousTolerancePct; // none: the database had not stored one
        qint64 completed = 0;                       // completed measurements judged
        qint64 metBefore = 0, metAfter = 0;
        QList<qint64> changedIds;                   // measurements whose judgement changed
        QList<std::optional<bool>> previousMeets;   // their earlier meets_expectation
        QList<std::optional<bool>> newMeets;        // and their new one
    };

    explicit ExpectationJudge(const Database &database) : m_database(database) {}

    // The tolerance stored with the judgements; none when the database has none yet.
    Result<std::optional<double>> judgedTolerancePct() const;
    // The tolerance a new recording is judged with: the stored one, else the user's setting.
    double tolerancePctFor(double userTolerancePct) const;
    // Stores `tolerancePct` as the judgements' tolerance without judging anything again (the
    // tolerance the existing measurements were judged with, before the setting changes).
    Status remember(double tolerancePct) const;

    // Judges every completed measurement again with `tolerancePct`, in one transaction, and
    // stores it as the judgements' tolerance. `progress(done, total)` returning false cancels
    // (nothing is written).
    Result<Outcome> rejudge(double tolerancePct,
                            const std::function<bool(qint64, qint64)> &progress = {}) const;
    // Puts the judgements and the stored tolerance back as they were before `outcome`, and
    // forward again as `outcome` left them (a redo touches only the rows it changed).
    Status undo(const Outcome &outcome) const;
    Status redo(const Outcome &outcome) const;

private:
    Status store(QSqlDatabase connection, const std::optional<double> &tolerancePct) const;
    Status apply(const QList<qint64> &ids, const QList<std::optional<bool>> &meets,
                 const std::optional<double> &tolerancePct) const;
    // The measurements whose judgement changed (when any) and the stored tolerance.
    static void announce(Transaction &transaction, const QList<qint64> &changedIds);

    const Database &m_database;
};
