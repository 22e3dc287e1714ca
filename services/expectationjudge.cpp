#include "expectationjudge.h"

#include "improvement.h"
#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {
const QString settingName = QStringLiteral("judged_tolerance_pct");
} // namespace

Result<std::optional<double>> ExpectationJudge::judgedTolerancePct() const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT value FROM settings WHERE name = ?"));
    query.addBindValue(settingName);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the judged tolerance"), query.lastError());
    if (!query.next())
        return std::optional<double>();
    bool ok = false;
    const double value = query.value(0).toString().toDouble(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

double ExpectationJudge::tolerancePctFor(double userTolerancePct) const
{
    const auto stored = judgedTolerancePct();
    return stored && *stored ? **stored : userTolerancePct;
}

Status ExpectationJudge::store(QSqlDatabase connection, const std::optional<double> &tolerancePct) const
{
    QSqlQuery query(connection);
    query.prepare(QStringLiteral("DELETE FROM settings WHERE name = ?"));
    query.addBindValue(settingName);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot store the judged tolerance"), query.lastError());
    if (!tolerancePct)
        return success();
    query.prepare(QStringLiteral("INSERT INTO settings (name, value) VALUES (?, ?)"));
    query.addBindValue(settingName);
    query.addBindValue(QString::number(*tolerancePct, 'g', 17));
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot store the judged tolerance"), query.lastError());
    return success();
}

Status ExpectationJudge::remember(double tolerancePct) const
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    if (Status stored = store(m_database.connection(), tolerancePct); !stored)
        return stored;
    transaction.announce(QStringLiteral("settings"));
    return transaction.commit();
}

Result<ExpectationJudge::Outcome> ExpectationJudge::rejudge(double tolerancePct,
                                                            const std::function<bool(qint64, qint64)> &progress) const
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    Outcome outcome;
    outcome.tolerancePct = tolerancePct;
    const auto previous = judgedTolerancePct();
    if (!previous)
        return previous.error();
    outcome.previousTolerancePct = *previous;

    // Judged in C++ by the very function that judges a new recording, so that a re-judged
    // measurement equals one recorded with this tolerance, to the last bit.
    QSqlQuery read(m_database.connection());
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE job_id_after IS NOT NULL")) || !read.next())
        return Database::sqlError(Text::tr("Cannot read the measurements"), read.lastError());
    const qint64 total = read.value(0).toLongLong();
    read.finish();
    if (!read.exec(QStringLiteral("SELECT m.id, m.duration_improvement_pct, r.estimated_improvement_pct, "
                                  "m.meets_expectation FROM measurements m "
                                  "JOIN recommendations r ON r.id = m.recommendation_id "
                                  "WHERE m.job_id_after IS NOT NULL ORDER BY m.id")))
        return Database::sqlError(Text::tr("Cannot read the measurements"), read.lastError());
    while (read.next()) {
        const auto actual = SqlValue::toDouble(read.value(1));
        const auto estimate = SqlValue::toDouble(read.value(2));
        const std::optional<bool> was = read.value(3).isNull() ? std::nullopt
                                                               : std::optional(read.value(3).toBool());
        const std::optional<bool> now = Improvement::evaluate(actual, estimate, tolerancePct).meets;
        ++outcome.completed;
        outcome.metBefore += was.value_or(false) ? 1 : 0;
        outcome.metAfter += now.value_or(false) ? 1 : 0;
        if (now != was) {
            outcome.changedIds << read.value(0).toLongLong();
            outcome.previousMeets << was;
            outcome.newMeets << now;
        }
        if (progress && outcome.completed % 4096 == 0 && !progress(outcome.completed, total * 2))
            return Error::canceled();
    }
    if (read.lastError().isValid())
        return Database::sqlError(Text::tr("Cannot read the measurements"), read.lastError());
    read.finish();

    QSqlQuery write(m_database.connection());
    write.prepare(QStringLiteral("UPDATE measurements SET meets_expectation = ? WHERE id = ?"));
    for (qsizetype i = 0; i < outcome.changedIds.size(); ++i) {
        const std::optional<bool> &meets = outcome.newMeets.at(i);
        write.addBindValue(meets ? QVariant(*meets) : QVariant(QMetaType::fromType<bool>()));
        write.addBindValue(outcome.changedIds.at(i));
        if (!write.exec())
            return Database::sqlError(Text::tr("Cannot save the measurement"), write.lastError());
        if (progress && i % 4096 == 0 && !progress(total + i * total / std::max<qsizetype>(1, outcome.changedIds.size()), total * 2))
            return Error::canceled();
    }
    if (Status stored = store(m_database.connection(), tolerancePct); !stored)
        return stored.error();
    announce(transaction, outcome.changedIds);
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return outcome;
}

Status ExpectationJudge::undo(const Outcome &outcome) const
{
    return apply(outcome.changedIds, outcome.previousMeets, outcome.previousTolerancePct);
}

Status ExpectationJudge::redo(const Outcome &outcome) const
{
    return apply(outcome.changedIds, outcome.newMeets, outcome.tolerancePct);
}

Status ExpectationJudge::apply(const QList<qint64> &ids, const QList<std::optional<bool>> &meets,
                               const std::optional<double> &tolerancePct) const
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    QSqlQuery write(m_database.connection());
    write.prepare(QStringLiteral("UPDATE measurements SET meets_expectation = ? WHERE id = ?"));
    for (qsizetype i = 0; i < ids.size(); ++i) {
        write.addBindValue(meets.at(i) ? QVariant(*meets.at(i)) : QVariant(QMetaType::fromType<bool>()));
        write.addBindValue(ids.at(i));
        if (!write.exec())
            return Database::sqlError(Text::tr("Cannot save the measurement"), write.lastError());
    }
    if (Status stored = store(m_database.connection(), tolerancePct); !stored)
        return stored;
    announce(transaction, ids);
    return transaction.commit();
}

void ExpectationJudge::announce(Transaction &transaction, const QList<qint64> &changedIds)
{
    if (!changedIds.isEmpty())
        transaction.announce(QStringLiteral("measurements"), changedIds);
    transaction.announce(QStringLiteral("settings")); // the judged tolerance
}
