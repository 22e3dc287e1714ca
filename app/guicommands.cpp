// optimeter screenshot: the window rendered without a display.

#include "commandline.h"

#include "database.h"
#include "mainwindow.h"
#include "pages/measurementspage.h"
#include "sqlitefile.h"
#include "subparser.h"

#include <QApplication>
#include <QElapsedTimer>

using namespace Cli;

int CommandLine::runScreenshot(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("screenshot"),
                  QStringLiteral("Renders a page of the main window on the database to a PNG file, without "
                                 "a display."),
                  QStringLiteral("FILE.png"));
    sub.addPositional(QStringLiteral("FILE.png"), QStringLiteral("The PNG file to write."));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("dashboard (default), measurements, recommendations or jobs."),
                                  QStringLiteral("PAGE"), QStringLiteral("dashboard"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, default 1400x900."),
                                  QStringLiteral("WxH"), QStringLiteral("1400x900"));
    const QCommandLineOption days = daysOption(QStringLiteral("default: the saved window"));
    sub.addOption(page);
    sub.addOption(size);
    sub.addOption(days);
    sub.setExamples(QStringLiteral("  optimeter --db demo.sqlite screenshot dashboard.png --page dashboard\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (sub.positional().size() != 1)
        return usageError(QStringLiteral("give one FILE.png"), sub.command());
    const QString out = sub.positional().first();
    if (!out.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return usageError(QStringLiteral("the screenshot is a PNG file: '%1' does not end in .png").arg(out),
                          sub.command());
    const QStringList pages{QStringLiteral("dashboard"), QStringLiteral("measurements"),
                            QStringLiteral("recommendations"), QStringLiteral("jobs")};
    const int pageIndex = int(pages.indexOf(sub.value(page)));
    if (pageIndex < 0)
        return usageError(QStringLiteral("unknown page '%1'; use %2").arg(sub.value(page), pages.join(QStringLiteral(", "))),
                          sub.command());
    const auto windowSize = readSize(sub.value(size), QSize(320, 240), error);
    if (!windowSize)
        return usageError(error, sub.command());
    MeasurementWindow window;
    if (!readWindow(sub, days, std::nullopt, window, error))
        return usageError(error, sub.command());

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    if (Status output = SqliteFile::checkOutput(out); !output)
        return fail(output.error());
    auto *mainWindow = new MainWindow(std::move(database).value());
    if (sub.isSet(days))
        mainWindow->setWindowDays(window.days);
    mainWindow->showPage(MainWindow::Page(pageIndex));
    mainWindow->loadChartsNow();
    mainWindow->resize(*windowSize);
    mainWindow->show();
    QApplication::processEvents();
    // The Measurements page reads its rows in workers: wait for them (at most 30 s).
    QElapsedTimer waited;
    waited.start();
    while (mainWindow->measurementsPage()->isLoading() && waited.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    QApplication::processEvents();
    const QImage image = mainWindow->grab().toImage();
    mainWindow->setAttribute(Qt::WA_DeleteOnClose, false);
    delete mainWindow;
    if (!image.save(out, "PNG"))
        return fail(Error::io(QStringLiteral("%1: cannot be written").arg(out)));
    if (!m_json)
        print(QStringLiteral("Wrote %1 (%2x%3)").arg(out).arg(image.width()).arg(image.height()));
    return Done;
}
