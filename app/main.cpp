// Optimeter: one executable. No sub-command opens the dashboard; a sub-command runs
// headless on the same services (SPEC §1, §4).

#include "commandline.h"
#include "database.h"
#include "appsettings.h"
#include "backgroundtask.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QThreadPool>
#include <QTimer>

namespace {

// The command line's stderr carries only "error: " and "warning: " lines (SPEC §4.1);
// Qt's own diagnostics go there only when asked for.
void quietMessageHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    static const bool verbose = !qEnvironmentVariableIsEmpty("OPTIMETER_DEBUG");
    if (verbose || type == QtFatalMsg)
        std::fprintf(stderr, "debug: %s\n", qPrintable(message));
}

// The app follows the system locale; --lang forces one. Numbers and dates follow it too.
void installTranslations(const QStringList &arguments)
{
    QLocale locale = QLocale::system();
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--lang") && i + 1 < arguments.size())
            locale = QLocale(arguments.at(i + 1));
        else if (arguments.at(i).startsWith(QLatin1String("--lang=")))
            locale = QLocale(arguments.at(i).mid(7));
    }
    Translations::install(locale);
}

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("optimeter"));
    QCoreApplication::setOrganizationName(QStringLiteral("Optimeter"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPTIMETER_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (CommandLine::needsWidgets(arguments)) {
        // Rendering without a display: the offscreen platform, never OpenGL (QT-NOTES §2).
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(quietMessageHandler);
        QApplication application(argc, argv);
        describeApplication();
        installTranslations(arguments);
        CommandLine commandLine;
        const int status = commandLine.run(QCoreApplication::arguments());
        QThreadPool::globalInstance()->waitForDone(); // no worker outlives the application
        return status;
    }

    if (CommandLine::hasCommand(arguments)) {
        qInstallMessageHandler(quietMessageHandler);
        QCoreApplication application(argc, argv);
        describeApplication();
        CommandLine commandLine;
        return commandLine.run(QCoreApplication::arguments());
    }

#if defined(Q_OS_LINUX)
    // Without a display Qt aborts in QApplication's constructor with lines of its own.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        CommandLine::printError(QStringLiteral("there is no display to open the window on; run a command "
                                               "(optimeter --help), or set QT_QPA_PLATFORM=offscreen"));
        return CommandLine::UsageError;
    }
#endif
    QApplication application(argc, argv);
    describeApplication();
    installTranslations(arguments);
    QString location = qEnvironmentVariableIsSet("OPTIMETER_DB") || AppSettings::lastDatabase().isEmpty()
                           ? Database::defaultLocation()
                           : AppSettings::lastDatabase();
    bool named = false;
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--db") && i + 1 < arguments.size()) {
            location = arguments.at(++i);
            named = true;
        } else if (arguments.at(i).startsWith(QLatin1String("--db="))) {
            location = arguments.at(i).mid(5);
            named = true;
        }
    }
    auto database = BackgroundTask::open(nullptr, location);
    // The last database may be gone (a moved file, a server out of reach): say so and open the
    // default one, rather than leave someone who started the app from a menu with nothing.
    if (!database && !named && location != Database::defaultLocation()) {
        QMessageBox::warning(nullptr, QCoreApplication::translate("main", "Open database"),
                             QCoreApplication::translate("main", "%1\n\nThe default database opens instead.")
                                 .arg(database.error().message));
        database = BackgroundTask::open(nullptr, Database::defaultLocation());
    }
    if (!database) {
        CommandLine::printError(database.error().message);
        return CommandLine::DomainError;
    }
    AppSettings::addRecentDatabase((*database)->location());
    auto *window = new MainWindow(std::move(database).value()); // deletes itself on close
    window->show();
    window->restoreLastView();
    QTimer::singleShot(0, window, [window] {
        window->warnAboutDatabaseLocation();
        window->offerDemoDataIfEmpty();
    });
    const int status = application.exec();
    QThreadPool::globalInstance()->waitForDone(); // no worker outlives the application
    return status;
}
