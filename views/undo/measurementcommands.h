#pragma once

#include "expectationjudge.h"
#include "measurementservice.h"

#include <QUndoCommand>

#include <functional>

// Undoable measurement operations for the window's QUndoStack. Each command is created
// after its first execution succeeded (execute() below), so pushing it changes nothing;
// undo and redo then put the exact earlier or later state back through the service.

using ChangeNotifier = std::function<void(const Error *)>;

// "Start measurement": records the before metrics; undo discards the open measurement.
class StartMeasurementCommand : public QUndoCommand
{
public:
    static Result<Measurement> execute(MeasurementService &service, qint64 recommendationId);
    StartMeasurementCommand(MeasurementService &service, const Measurement &created, ChangeNotifier notify);

    void undo() override;
    void redo() override;

private:
    MeasurementService &m_service;
    qint64 m_recommendationId;
    qint64 m_measurementId;
    bool m_firstRedo = true;
    ChangeNotifier m_notify;
};

// Recording (or correcting) the after job; undo restores the measurement exactly as it was.
class RecordAfterCommand : public QUndoCommand
{
public:
    RecordAfterCommand(MeasurementService &service, const Measurement &before, const Measurement &after,
                       bool correction, ChangeNotifier notify);

    void undo() override;
    void redo() override;

    const Measurement &after() const { return m_after; }

private:
    void apply(const Measurement &state);

    MeasurementService &m_service;
    Measurement m_before;
    Measurement m_after;
    bool m_firstRedo = true;
    ChangeNotifier m_notify;
};

// Judging every measurement again with another tolerance; undo puts the earlier judgements
// and tolerance back, redo the later ones (only the measurements it changed are written).
class RejudgeCommand : public QUndoCommand
{
public:
    RejudgeCommand(const Database &database, ExpectationJudge::Outcome outcome, ChangeNotifier notify);

    void undo() override;
    void redo() override;

private:
    const Database &m_database;
    ExpectationJudge::Outcome m_outcome;
    bool m_firstRedo = true;
    ChangeNotifier m_notify;
};
