#include "databaseworker.h"

DatabaseWorker::DatabaseWorker(QString location) : m_state(std::make_shared<State>())
{
    m_state->location = std::move(location);
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // one thread for good: the connection belongs to it
}

DatabaseWorker::~DatabaseWorker()
{
    m_pool.clear();
    // The connection is closed by the thread that opened it.
    m_pool.start([state = m_state] { state->database.reset(); });
    m_pool.waitForDone();
}

const Database *DatabaseWorker::State::open()
{
    if (database)
        return database.get();
    // The UI's connection has migrated the schema already; migrating again would take
    // SQLite's write lock and wait behind an import.
    Database::Options options;
    options.migrate = false;
    auto opened = Database::open(location, options);
    if (!opened) {
        openError = opened.error().message;
        return nullptr;
    }
    database = std::move(opened).value();
    return database.get();
}
