#pragma once

#include "database.h"

#include <functional>

struct sqlite3;

// Stops a long read on a worker's connection once its answer is no longer wanted (a newer
// search replaced it), so that the next read need not queue behind a scan of a million jobs.
// While alive, SQLite calls back every few thousand steps of the statement under way, which
// then fails with "interrupted" as soon as `stillWanted` turns false. On PostgreSQL it does
// nothing: a statement runs to its end there (it cannot be stopped from the thread that
// waits for it), and its answer is dropped.
class ReadInterruption
{
public:
    ReadInterruption(const Database &database, std::function<bool()> stillWanted);
    ~ReadInterruption();
    ReadInterruption(const ReadInterruption &) = delete;
    ReadInterruption &operator=(const ReadInterruption &) = delete;

    // True once a statement was stopped.
    bool interrupted() const { return m_interrupted; }

private:
    static int onProgress(void *self);

    sqlite3 *m_sqlite = nullptr;
    std::function<bool()> m_stillWanted;
    bool m_interrupted = false;
};
