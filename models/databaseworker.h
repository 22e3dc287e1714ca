#pragma once

#include "database.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent>

#include <functional>
#include <memory>

// Runs database reads one after another on a thread of its own, on a connection that thread
// opened itself (QT-NOTES §3.4) and keeps for the worker's lifetime: opening a connection per
// read would cost more than many a read, on PostgreSQL especially. The destructor drops the
// queued reads, waits for the running one and closes the connection; LatestRead, which hands
// results to the UI thread, tells a long read to stop first.
class DatabaseWorker
{
public:
    explicit DatabaseWorker(QString location);
    ~DatabaseWorker();
    DatabaseWorker(const DatabaseWorker &) = delete;
    DatabaseWorker &operator=(const DatabaseWorker &) = delete;

    // Runs `task`; its owner receives the outcome through a QFutureWatcher. `Outcome` is
    // default-constructible and has a QString `error`, which says why the connection could
    // not be opened when the task never ran.
    template<typename Outcome>
    QFuture<Outcome> run(std::function<Outcome(const Database &)> task)
    {
        return QtConcurrent::run(&m_pool, [state = m_state, task = std::move(task)]() -> Outcome {
            if (const Database *database = state->open(); database)
                return task(*database);
            Outcome failed;
            failed.error = state->openError;
            return failed;
        });
    }

private:
    struct State
    {
        QString location;
        std::unique_ptr<Database> database;
        QString openError;
        const Database *open();
    };
    QThreadPool m_pool;
    std::shared_ptr<State> m_state;
};
