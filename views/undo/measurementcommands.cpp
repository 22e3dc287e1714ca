#include "measurementcommands.h"

#include <QCoreApplication>
#include <QLocale>

Result<Measurement> StartMeasurementCommand::execute(MeasurementService &service, qint64 recommendationId)
{
    return service.recordBefore(recommendationId);
}

StartMeasurementCommand::StartMeasurementCommand(MeasurementService &service, const Measurement &created,
                                                 ChangeNotifier notify)
    : m_service(service), m_recommendationId(created.recommendationId), m_measurementId(created.id),
      m_notify(std::move(notify))
{
    setText(QCoreApplication::translate("MeasurementCommands", "Start measurement of recommendation %1")
                .arg(m_recommendationId));
}

void StartMeasurementCommand::undo()
{
    const Status discarded = m_service.discardOpen(m_measurementId);
    m_notify(discarded ? nullptr : &discarded.error());
}

void StartMeasurementCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    const auto created = m_service.recordBefore(m_recommendationId);
    if (created)
        m_measurementId = created->id;
    m_notify(created ? nullptr : &created.error());
}

RecordAfterCommand::RecordAfterCommand(MeasurementService &service, const Measurement &before,
                                       const Measurement &after, bool correction, ChangeNotifier notify)
    : m_service(service), m_before(before), m_after(after), m_notify(std::move(notify))
{
    setText(correction ? QCoreApplication::translate("MeasurementCommands",
                                                     "Correct the after job of recommendation %1 to %2")
                             .arg(after.recommendationId)
                             .arg(after.jobIdAfter.value_or(QString()))
                       : QCoreApplication::translate("MeasurementCommands",
                                                     "Record after job %2 for recommendation %1")
                             .arg(after.recommendationId)
                             .arg(after.jobIdAfter.value_or(QString())));
}

void RecordAfterCommand::apply(const Measurement &state)
{
    const auto restored = m_service.restore(state);
    m_notify(restored ? nullptr : &restored.error());
}

void RecordAfterCommand::undo()
{
    apply(m_before);
}

void RecordAfterCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    apply(m_after);
}

RejudgeCommand::RejudgeCommand(const Database &database, ExpectationJudge::Outcome outcome, ChangeNotifier notify)
    : m_database(database), m_outcome(std::move(outcome)), m_notify(std::move(notify))
{
    setText(QCoreApplication::translate("MeasurementCommands", "Re-judge with a tolerance of %1 points")
                .arg(QLocale().toString(m_outcome.tolerancePct)));
}

void RejudgeCommand::undo()
{
    const Status undone = ExpectationJudge(m_database).undo(m_outcome);
    m_notify(undone ? nullptr : &undone.error());
}

void RejudgeCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    const Status redone = ExpectationJudge(m_database).redo(m_outcome);
    m_notify(redone ? nullptr : &redone.error());
}
