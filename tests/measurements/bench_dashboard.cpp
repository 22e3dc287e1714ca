// Not a test: times the main window's dashboard on a big database, offscreen (issue 3, "Speed").
//   bench_dashboard [--cold] [--trace] [--dark] [--png FILE] [--issue-type TYPE] DATABASE
// Reports, from the start of the program: when the key-figure cards show the window's values,
// when all three charts hold data, and the longest gap of a 10 ms heartbeat timer (how long the
// UI thread was blocked); then the same for switching the time window (30 days → all → 7) and
// the issue type; and the peak resident memory. --cold asks the kernel to drop the database
// file's cached pages first (posix_fadvise), as after a reboot. --trace prints every event that
// kept the UI thread longer than 30 ms, with its receiver, to find what a stall was. --png
// writes the window as it ends (30 days, all issue types) to FILE, in a dark palette with --dark.

#include "database.h"
#include "darkpalette.h"
#include "mainwindow.h"
#include "pages/dashboardpage.h"
#include "pages/kpicard.h"
#include "plots/distributionchart.h"
#include "plots/scatterplot.h"
#include "plots/successchart.h"

#include <QApplication>
#include <QComboBox>
#include <QPalette>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <fcntl.h>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>

namespace {

QElapsedTimer programClock; // started first thing in main()

// CPU time of the calling thread: next to the wall time, it tells a slow handler from a
// thread that waited for a core.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Times each event the UI thread handles; with tracing on, names the long ones.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool tracing = false;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!tracing || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer clock;
        clock.start();
        const double cpu = threadCpuMs();
        const int type = event->type(); // the event may be gone afterwards
        const QString name = describe(receiver);
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        if (ms > 30)
            std::printf("  [trace] %7.1f ms (%5.1f ms CPU) at %8.1f ms: event %d to %s\n", ms, threadCpuMs() - cpu,
                        double(programClock.nsecsElapsed()) / 1e6, type, qPrintable(name));
        return handled;
    }

private:
    static QString describe(QObject *object)
    {
        QStringList names;
        for (int i = 0; object && i < 3; ++i, object = object->parent())
            names << QString::fromLatin1(object->metaObject()->className())
                         + (object->objectName().isEmpty() ? QString() : u'#' + object->objectName());
        return names.join(QStringLiteral(" < "));
    }
    int m_depth = 0;
};

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

// The longest gap between two ticks of a 10 ms timer: how long the event loop was blocked
// (a gap of 10 ms is no stall at all).
class Heartbeat : public QObject
{
public:
    Heartbeat()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
        reset(); // a block before the first tick counts too
    }
    void reset()
    {
        m_worst = 0;
        m_last = m_clock.nsecsElapsed();
    }
    // Counts the time since the last tick too: a step that blocks until its end shows.
    double worstMs() const { return double(std::max(m_worst, m_clock.nsecsElapsed() - m_last)) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

// Runs the event loop until `done` (QTest::qWaitFor sleeps between turns, which the heartbeat
// would count as a stall).
bool waitFor(const std::function<bool()> &done, int timeoutMs = 180000)
{
    QElapsedTimer timeout;
    timeout.start();
    while (!done()) {
        if (timeout.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

void dropCache(const QString &path)
{
    for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

void report(const char *what, double cardsMs, double chartsMs, double stallMs)
{
    std::printf("%-36s cards %8.1f ms   charts %8.1f ms   longest UI stall %7.1f ms   peak RSS %6.1f MB\n",
                what, cardsMs, chartsMs, stallMs, peakRssMb());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    programClock.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Keep the user's settings out of the bench (default window: 30 days).
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    TracingApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments().mid(1);
    const bool cold = arguments.removeAll(QStringLiteral("--cold")) > 0;
    app.tracing = arguments.removeAll(QStringLiteral("--trace")) > 0;
    if (arguments.removeAll(QStringLiteral("--dark")) > 0)
        useDarkPalette();
    QString png;
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--png")); at >= 0 && at + 1 < arguments.size()) {
        png = arguments.at(at + 1);
        arguments.remove(at, 2);
    }
    QString issueType;
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--issue-type")); at >= 0 && at + 1 < arguments.size()) {
        issueType = arguments.at(at + 1);
        arguments.remove(at, 2);
    }
    if (arguments.size() != 1) {
        std::fprintf(stderr, "usage: %s [--cold] [--trace] [--dark] [--png FILE] [--issue-type TYPE] DATABASE\n",
                     argv[0]);
        return 2;
    }
    if (cold)
        dropCache(arguments.first());

    Heartbeat heartbeat;
    auto database = Database::open(arguments.first());
    if (!database) {
        std::fprintf(stderr, "error: %s\n", qPrintable(database.error().message));
        return 1;
    }
    const double opened = msSince(programClock);
    auto *window = new MainWindow(std::move(database).value());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    bool chartsLoaded = false;
    QObject::connect(window, &MainWindow::chartsLoaded, window, [&chartsLoaded] { chartsLoaded = true; });
    const double constructed = msSince(programClock);
    window->show();
    const double shown = msSince(programClock);
    // Until the window shows, the UI thread has not reached its event loop: opening the database
    // and building the window are startup, printed above; the stalls count from here.
    heartbeat.reset();
    KpiCard *total = window->dashboardPage()->totalCard();
    const QString empty = QStringLiteral("0"); // what the cards show before the first summary

    // Times one step from `clock`: until the cards change from `cardsBefore` and the charts load.
    auto measure = [&](const char *what, const QElapsedTimer &clock, const QString &cardsBefore) {
        double cards = -1, charts = -1;
        const bool finished = waitFor([&] {
            if (cards < 0 && total->value() != cardsBefore)
                cards = msSince(clock);
            if (charts < 0 && chartsLoaded)
                charts = msSince(clock);
            return cards >= 0 && charts >= 0;
        });
        if (!finished)
            std::printf("(%s: timed out)\n", what);
        report(what, cards, charts, heartbeat.worstMs());
    };

    std::printf("database open at %.1f ms, window constructed at %.1f ms, shown at %.1f ms (from program start;\n"
                "the UI thread runs its event loop from then on, and the stalls below count from there)\n",
                opened, constructed, shown);
    measure("start (30 days), from program start", programClock, empty);
    const int points30 = int(window->scatterPlot()->points().size());

    auto step = [&](const char *what, const std::function<void()> &change) {
        chartsLoaded = false;
        const QString before = total->value();
        heartbeat.reset();
        QElapsedTimer clock;
        clock.start();
        change();
        measure(what, clock, before);
    };
    step("window: all time", [&] { window->setWindowDays(std::nullopt); });
    const int pointsAll = int(window->scatterPlot()->points().size());
    {
        QElapsedTimer paint;
        paint.start();
        window->scatterPlot()->update();
        QCoreApplication::processEvents();
        const double updated = msSince(paint);
        paint.restart();
        const QImage scatter = window->scatterPlot()->grab().toImage();
        std::printf("scatter of %d points: update and events %.1f ms, grab %.1f ms (%dx%d)\n", pointsAll, updated,
                    msSince(paint), scatter.width(), scatter.height());
    }
    step("window: 7 days", [&] { window->setWindowDays(7); });
    step("window: 30 days", [&] { window->setWindowDays(30); });
    if (issueType.isEmpty()) {
        auto *box = window->findChild<QComboBox *>(QStringLiteral("issueType"));
        issueType = box && box->count() > 1 ? box->itemData(1).toString() : QString();
    }
    step(qPrintable(QStringLiteral("issue type: %1").arg(issueType)), [&] { window->setIssueType(issueType); });
    step("issue type: all", [&] { window->setIssueType(std::nullopt); });

    // Quick changes: only the last one's result may show.
    step("quick: all, 7, 365, 90 days", [&] {
        window->setWindowDays(std::nullopt);
        window->setWindowDays(7);
        window->setWindowDays(365);
        window->setWindowDays(90);
    });
    std::printf("scatter points: %d (30 days), %d (all time), %d now; cards now %s\n", points30, pointsAll,
                int(window->scatterPlot()->points().size()), qPrintable(total->value()));

    // Paint of the dashboard with its charts (the scatter's cloud is drawn once per size).
    heartbeat.reset();
    QElapsedTimer paint;
    paint.start();
    const QImage image = window->grab().toImage();
    std::printf("grab of the window: %.1f ms (%dx%d)\n", msSince(paint), image.width(), image.height());
    if (!png.isEmpty()) {
        chartsLoaded = false;
        window->setWindowDays(30);
        waitFor([&] { return chartsLoaded && !window->isLoading(); });
        std::printf("%s %s\n", window->grab().save(png) ? "wrote" : "cannot write", qPrintable(png));
    }
    std::printf("peak RSS: %.1f MB\n", peakRssMb());
    delete window;
    return 0;
}
