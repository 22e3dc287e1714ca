// optimeter watch: a line per change another program commits, until interrupted (SPEC §7).

#include "commandline.h"

#include "changelistener.h"
#include "database.h"
#include "subparser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace Cli;

namespace {

// SIGINT and SIGTERM end the event loop through a pipe (a signal handler may only write(2)):
// the watch then ends as a completed command, exit status 0, everything printed flushed.
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

bool quitOnSignals(QObject *context)
{
    if (signalPipe[0] < 0 && ::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [] {
        char byte;
        while (::read(signalPipe[0], &byte, 1) > 0) {
        }
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

QJsonObject noticeJson(const ChangeNotice &notice)
{
    QJsonObject object{
        {QStringLiteral("at"), notice.at.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("what"), notice.what.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(notice.what)},
        {QStringLiteral("by"), notice.by.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(notice.by)},
    };
    if (notice.ids) {
        QJsonArray ids;
        for (qint64 id : *notice.ids)
            ids.append(id);
        object.insert(QStringLiteral("ids"), ids);
    }
    return object;
}

// "11:22:33  measurements 42 by anna", in local time; a dozen ids at most, else how many.
QString noticeText(const ChangeNotice &notice)
{
    QString line = notice.at.toLocalTime().toString(QStringLiteral("HH:mm:ss")) + QStringLiteral("  ");
    if (notice.what.isEmpty()) {
        line += QStringLiteral("the database changed");
    } else {
        line += notice.what;
        if (notice.ids && notice.ids->size() > 12) {
            line += QStringLiteral(" (%1 rows)").arg(notice.ids->size());
        } else if (notice.ids) {
            QStringList ids;
            for (qint64 id : *notice.ids)
                ids << QString::number(id);
            line += u' ' + ids.join(QStringLiteral(", "));
        }
    }
    if (!notice.by.isEmpty())
        line += QStringLiteral(" by ") + notice.by;
    return line;
}

} // namespace

int CommandLine::runWatch(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("watch"),
                  QStringLiteral("Prints a line for each change another program commits to the database, "
                                 "until interrupted (Ctrl+C or SIGTERM; exit status 0). On PostgreSQL a line "
                                 "names the table, the rows and who wrote; on SQLite only when, since the file "
                                 "says no more. With --json each line is an object: \"at\" (UTC, ISO 8601 "
                                 "with milliseconds), \"what\" (the table, null on SQLite), \"by\" (null when "
                                 "unknown) and, when the writer listed them, \"ids\"."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    sub.addOption(json);
    sub.setExamples(QStringLiteral("  optimeter --db postgresql://anna@db.example.com/team watch\n"
                                   "  optimeter watch --json\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), sub.command());
    const bool asJson = m_json || sub.isSet(json);

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    QObject context;
    if (!quitOnSignals(&context))
        return fail(Error::database(QStringLiteral("Cannot catch SIGINT and SIGTERM")));
    ChangeListener listener(**database);
    QObject::connect(&listener, &ChangeListener::noticed, &context, [asJson](const ChangeNotice &notice) {
        print(asJson ? QString::fromUtf8(QJsonDocument(noticeJson(notice)).toJson(QJsonDocument::Compact))
                     : noticeText(notice));
    });
    // A server that went away is said once, and again when the watch listens anew.
    const QString name = (*database)->displayName();
    QObject::connect(&listener, &ChangeListener::connectionLost, &context, [name](const QString &message) {
        printWarning(QStringLiteral("lost the connection to %1 (%2); reconnecting").arg(name, message.simplified()));
    });
    QObject::connect(&listener, &ChangeListener::reconnected, &context, [name] {
        printWarning(QStringLiteral("connected to %1 again; what changed meanwhile is not listed").arg(name));
    });
    if (Status started = listener.start(); !started)
        return fail(started.error());
    // stderr carries only errors and warnings (SPEC §4.1): the hint is for a person at a
    // terminal, and for a test or script that must know when the watch listens, a debug line
    // (OPTIMETER_DEBUG).
    if (::isatty(STDERR_FILENO))
        std::fprintf(stderr, "Watching %s for changes (Ctrl+C to stop)\n", qPrintable(name));
    qInfo("watch: listening for changes in %s", qPrintable(name));
    QCoreApplication::exec();
    return Done;
}
