// Not a test: times the measurements page on a big database, offscreen.
//   bench_measurementspage DATABASE
// Reports the time to the first page, to the count, to a jump to row 900,000, to a search and
// to a sort change, and the longest the UI thread went without handling its timer (how long
// the page ever blocked it).

#include "database.h"
#include "measurementtablemodel.h"
#include "pages/measurementspage.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace {

// The longest gap between two ticks of a 1 ms timer: how long the event loop was blocked.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    void reset()
    {
        m_worst = 0;
        m_last = 0;
    }
    double worstMs() const { return double(m_worst) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

// Runs the event loop until `done` (QTest::qWaitFor would sleep 10 ms between turns, which the
// stall meter would count). The meter's 1 ms timer keeps events coming.
bool waitFor(const std::function<bool()> &done)
{
    QElapsedTimer timeout;
    timeout.start();
    while (!done()) {
        if (timeout.elapsed() > 120000)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void report(const char *what, double firstPageMs, double countMs, double stallMs)
{
    std::printf("%-44s first rows %8.1f ms   count %8.1f ms   longest UI stall %6.1f ms\n", what,
                firstPageMs, countMs, stallMs);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DATABASE\n", argv[0]);
        return 2;
    }
    auto database = Database::open(QString::fromLocal8Bit(argv[1]));
    if (!database) {
        std::fprintf(stderr, "error: %s\n", qPrintable(database.error().message));
        return 1;
    }
    StallMeter stall;
    QElapsedTimer clock;

    clock.start();
    MeasurementsPage page(**database);
    page.resize(1600, 900);
    page.show();
    MeasurementTableModel *model = page.model();
    QTableView *table = page.table();
    const double constructed = double(clock.nsecsElapsed()) / 1e6;
    double firstRows = -1, counted = -1;
    waitFor([&] {
        if (firstRows < 0 && model->rowCount() > 0 && model->rowAt(0))
            firstRows = double(clock.nsecsElapsed()) / 1e6;
        if (counted < 0 && model->total() >= 0)
            counted = double(clock.nsecsElapsed()) / 1e6;
        return firstRows >= 0 && counted >= 0;
    });
    std::printf("page constructed (and shown) in %.1f ms\n", constructed);
    report("open, all time (1,000,000 rows)", firstRows, counted, stall.worstMs());

    // Each step: start it, then time the first visible rows and the count.
    bool restarted = false;
    QObject::connect(model, &MeasurementTableModel::totalChanged, model, [&](qint64 total) {
        if (total < 0 && !restarted) {
            restarted = true;
            clock.restart(); // timed from the new listing, after the search field's 250 ms pause
        }
    });
    auto measure = [&](const char *what, const std::function<void()> &start, int row) {
        restarted = false;
        start();
        waitFor([&] { return restarted; });
        stall.reset();
        double firstRows = -1, counted = -1;
        waitFor([&] {
            if (firstRows < 0 && model->rowCount() > row && model->rowAt(row))
                firstRows = double(clock.nsecsElapsed()) / 1e6;
            if (counted < 0 && model->total() >= 0)
                counted = double(clock.nsecsElapsed()) / 1e6;
            return firstRows >= 0 && counted >= 0;
        });
        report(what, firstRows, counted, stall.worstMs());
    };

    measure("30-day window", [&] { page.setWindow({30, std::nullopt}); }, 0);
    measure("all time again", [&] { page.setWindow({}); }, 0);

    auto jump = [&](const char *what, int row) {
        stall.reset();
        clock.restart();
        table->scrollTo(model->index(row, 0), QAbstractItemView::PositionAtTop);
        waitFor([&] { return model->rowAt(row) != nullptr; });
        const double first = double(clock.nsecsElapsed()) / 1e6;
        std::printf("%-44s rows shown %8.1f ms   longest UI stall %6.1f ms\n", what, first,
                    stall.worstMs());
        std::fflush(stdout);
    };
    jump("jump to row 900,000 (measured, newest first)", 900000);
    jump("scroll on: row 900,300", 900300);
    jump("jump back to row 450,000", 450000);

    measure("search \"order_lines\" (83,439 matches)",
            [&] { page.searchField()->setText(QStringLiteral("order_lines")); }, 0);
    jump("jump to row 80,000 of the search", 80000);
    measure("search \"c47e_4581b8\" (one job ID)",
            [&] { page.searchField()->setText(QStringLiteral("c47e_4581b8")); }, 0);
    measure("search cleared", [&] { page.searchField()->clear(); }, 0);

    measure("sort by duration improvement, descending",
            [&] { table->sortByColumn(int(MeasurementTableModel::Column::DurationImprovement), Qt::DescendingOrder); }, 0);
    jump("jump to row 900,000 (duration improvement)", 900000);
    jump("scroll on: row 900,300", 900300);
    measure("sort by before job, ascending",
            [&] { table->sortByColumn(int(MeasurementTableModel::Column::JobBefore), Qt::AscendingOrder); }, 0);
    jump("jump to row 900,000 (before job)", 900000);
    measure("expectation filter: regression",
            [&] { page.expectationFilter()->setCurrentIndex(page.expectationFilter()->findText(QStringLiteral("Regression"))); }, 0);
    measure("verdict filter: regressed",
            [&] {
                page.expectationFilter()->setCurrentIndex(0);
                page.verdictFilter()->setCurrentIndex(page.verdictFilter()->findText(QStringLiteral("Regressed")));
            },
            0);
    measure("sort by verdict, ascending",
            [&] { table->sortByColumn(int(MeasurementTableModel::Column::Verdict), Qt::AscendingOrder); }, 0);
    return 0;
}
