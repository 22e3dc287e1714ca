#pragma once

#include "database.h"
#include "result.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent>

#include <atomic>
#include <functional>
#include <memory>

// Long work (import, export, demo data) off the UI thread (QT-NOTES §3.4): the work runs in a
// pool thread on its own connection to the same database, reports progress through atomics
// that a timer shows in a progress dialog, and stops when the user presses Cancel. The
// result comes back to `done` on the UI thread.
namespace BackgroundTask {

using Progress = std::function<bool(qint64 done, qint64 total)>;

// Database::open without freezing the window: connecting (a PostgreSQL server may take its
// 5 s timeout) and upgrading an older schema (building indexes over a million rows takes a
// minute) run in a worker, under a busy dialog after 300 ms; then the connection of the
// calling thread opens on the current schema. Events are processed meanwhile, as in a modal
// dialog's exec().
Result<std::unique_ptr<Database>> open(QWidget *parent, const QString &location);

template<typename T>
void run(QWidget *parent, const QString &location, const QString &label,
         std::function<Result<T>(const Database &, const Progress &)> work,
         std::function<void(const Result<T> &)> done)
{
    struct Shared
    {
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{0};
        std::atomic<bool> canceled{false};
    };
    auto shared = std::make_shared<Shared>();
    auto *dialog = new QProgressDialog(label, QApplication::translate("BackgroundTask", "Cancel"), 0, 1000, parent);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    auto *timer = new QTimer(dialog);
    timer->setInterval(100);
    QObject::connect(timer, &QTimer::timeout, dialog, [dialog, shared] {
        const qint64 total = shared->total.load();
        if (total > 0)
            dialog->setValue(int(std::min<qint64>(1000, shared->done.load() * 1000 / total)));
    });
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [shared, dialog] {
        shared->canceled = true;
        dialog->setLabelText(QApplication::translate("BackgroundTask", "Canceling… nothing will be written."));
    });
    timer->start();

    using Outcome = std::shared_ptr<Result<T>>;
    auto *watcher = new QFutureWatcher<Outcome>(dialog);
    QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, dialog, [watcher, dialog, done] {
        const Outcome outcome = watcher->result();
        dialog->hide();
        done(*outcome);
        dialog->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([location, work, shared]() -> Outcome {
        // The window opened (and migrated) this database already.
        auto database = Database::open(location, Database::Options{false});
        if (!database)
            return std::make_shared<Result<T>>(database.error());
        const Progress progress = [shared](qint64 doneSoFar, qint64 total) {
            shared->done = doneSoFar;
            shared->total = total;
            return !shared->canceled.load();
        };
        return std::make_shared<Result<T>>(work(**database, progress));
    }));
}

} // namespace BackgroundTask
