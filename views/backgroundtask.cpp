#include "backgroundtask.h"

#include <QEventLoop>

namespace BackgroundTask {

Result<std::unique_ptr<Database>> open(QWidget *parent, const QString &location)
{
    // No parent: the window that asked may be closed while this waits (a session ending), and
    // the dialog must not go with it. Clicks meanwhile wait, as under any modal dialog.
    QProgressDialog dialog(
        QApplication::translate("BackgroundTask", "Opening %1…").arg(Database::displayName(location)), QString(), 0, 0);
    if (parent)
        dialog.move(parent->geometry().center() - dialog.rect().center());
    dialog.setWindowModality(Qt::ApplicationModal);
    dialog.setMinimumDuration(300);
    dialog.setCancelButton(nullptr); // a schema upgrade is not stopped halfway
    QEventLoop loop;
    QFutureWatcher<std::optional<Error>> watcher;
    QObject::connect(&watcher, &QFutureWatcher<std::optional<Error>>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([location]() -> std::optional<Error> {
        const auto database = Database::open(location);
        return database ? std::nullopt : std::optional<Error>(database.error());
    }));
    dialog.setValue(0); // starts the 300 ms before the dialog shows
    if (!watcher.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (const std::optional<Error> error = watcher.result())
        return *error;
    // Migrated and checked in the worker: this thread's open takes no write lock that another
    // writer could hold it up on.
    return Database::open(location, Database::Options{false});
}

} // namespace BackgroundTask
