#pragma once

#include "databaseworker.h"
#include "result.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// One purpose on a DatabaseWorker (a list, the key figures, the charts) for which only the
// latest request counts: each read() replaces the one before. A replaced read that has not
// started is skipped, one that runs sees `stillWanted()` turn false (long reads check it
// between rows and stop), and its result is dropped; the latest result goes to `done` on the
// thread of `context`, which must be the thread that calls read(). Declare it after its
// worker: destroyed first, it stops the read under way before the worker waits for it.
class LatestRead
{
public:
    using StillWanted = std::function<bool()>;

    explicit LatestRead(DatabaseWorker &worker) : m_worker(worker) {}
    ~LatestRead() { cancel(); }
    LatestRead(const LatestRead &) = delete;
    LatestRead &operator=(const LatestRead &) = delete;

    template<typename T>
    void read(QObject *context, std::function<Result<T>(const Database &, const StillWanted &)> read,
              std::function<void(Result<T>)> done)
    {
        struct Outcome
        {
            std::optional<Result<T>> result; // none when skipped
            QString error;                   // set when the connection could not be opened
        };
        const quint64 generation = ++m_state->requested;
        auto *watcher = new QFutureWatcher<Outcome>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                         [watcher, generation, state = m_state, done = std::move(done)] {
                             watcher->deleteLater();
                             if (state->requested.load() != generation)
                                 return; // replaced meanwhile
                             state->delivered = generation;
                             Outcome outcome = watcher->result();
                             done(outcome.result ? std::move(*outcome.result)
                                                 : Result<T>(Error::database(outcome.error)));
                         });
        watcher->setFuture(m_worker.run<Outcome>(
            [read = std::move(read), generation, state = m_state](const Database &database) {
                Outcome outcome;
                const StillWanted stillWanted = [generation, state] { return state->requested.load() == generation; };
                if (stillWanted())
                    outcome.result = read(database, stillWanted);
                return outcome;
            }));
    }

    // True from read() until its result is handed over (or dropped by cancel()).
    bool isReading() const { return m_state->delivered != m_state->requested.load(); }
    // Drops the read under way, if any.
    void cancel() { m_state->delivered = ++m_state->requested; }

private:
    struct State
    {
        std::atomic<quint64> requested{0}; // the latest request; workers compare with it
        quint64 delivered = 0;             // the latest one handed over (owner's thread only)
    };
    DatabaseWorker &m_worker;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};
