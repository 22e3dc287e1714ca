#include "readinterruption.h"

#include "sqlitefile.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace {
// Steps of SQLite's virtual machine between two questions: a few thousand rows of a scan, a
// fraction of a millisecond.
constexpr int StepsBetweenChecks = 20000;
} // namespace

ReadInterruption::ReadInterruption(const Database &database, std::function<bool()> stillWanted)
    : m_stillWanted(std::move(stillWanted))
{
    if (!m_stillWanted || database.isPostgres())
        return;
    const QVariant handle = database.connection().driver()->handle();
    // Only when QSQLITE links the library this program does (see BatchInserter).
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0 && SqliteFile::qtUsesOurSqliteLibrary()) {
        m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
        sqlite3_progress_handler(m_sqlite, StepsBetweenChecks, &ReadInterruption::onProgress, this);
    }
}

ReadInterruption::~ReadInterruption()
{
    if (m_sqlite)
        sqlite3_progress_handler(m_sqlite, 0, nullptr, nullptr);
}

int ReadInterruption::onProgress(void *self)
{
    auto *interruption = static_cast<ReadInterruption *>(self);
    if (interruption->m_stillWanted())
        return 0;
    interruption->m_interrupted = true;
    return 1; // the statement fails with SQLITE_INTERRUPT
}
