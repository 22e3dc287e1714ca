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
#include <limits>
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

// What the user asked while the work ran: a Cancel pressed after the work had passed the
// point of no return (an import's commit) does not undo it, and the result must say so.
struct Ending
{
    bool cancelRequested = false;
};

template<typename T>
void run(QWidget *parent, const QString &location, const QString &label,
         std::function<Result<T>(const Database &, const Progress &)> work,
         std::function<void(const Result<T> &, Ending)> done)
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
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    // The dialog shows itself only through this timer, which the end of the work stops: left to
    // QProgressDialog, its own timer and setValue() brought it back over the result's message
    // box after a fast task, where it could no longer be closed.
    dialog->setMinimumDuration(std::numeric_limits<int>::max());
    auto *showTimer = new QTimer(dialog);
    showTimer->setSingleShot(true);
    QObject::connect(showTimer, &QTimer::timeout, dialog, &QWidget::show);
    showTimer->start(300);
    auto *progressTimer = new QTimer(dialog);
    progressTimer->setInterval(100);
    QObject::connect(progressTimer, &QTimer::timeout, dialog, [dialog, shared] {
        const qint64 total = shared->total.load();
        if (total > 0)
            dialog->setValue(int(std::min<qint64>(1000, shared->done.load() * 1000 / total)));
    });
    progressTimer->start();
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [shared, dialog] {
        shared->canceled = true;
        // Whether anything is written depends on how far the work got: the result says it.
        dialog->setLabelText(QApplication::translate("BackgroundTask", "Canceling…"));
        dialog->setCancelButton(nullptr);
    });

    using Outcome = std::shared_ptr<Result<T>>;
    auto *watcher = new QFutureWatcher<Outcome>(dialog);
    QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, dialog,
                     [watcher, dialog, showTimer, progressTimer, shared, done] {
                         showTimer->stop();
                         progressTimer->stop();
                         dialog->hide();
                         dialog->deleteLater();
                         const Outcome outcome = watcher->result();
                         done(*outcome, Ending{shared->canceled.load()});
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
