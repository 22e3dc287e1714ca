// Not a test: times the Jobs page on a big database (SQLite file or postgresql://…).
//   bench_jobspage DATABASE [PNG_PREFIX]
// First the repository alone: for every column and direction, the first page of 500 jobs,
// the next one (keyset), the 20th one reached page by page (the last alone timed), then the
// count, and searches (first page and count). Then the page offscreen: the time to its first
// rows and its count when opened, after header clicks and after a typed search, and the
// longest the UI thread went without handling its timer (how long the page ever blocked it).
// With PNG_PREFIX, the page is saved as PNG_PREFIX-1.png, -2.png, … after each step.
// Generate a database with tests/jobs/generate_jobs.py and `optimeter import queries`.

#include "database.h"
#include "joblistmodel.h"
#include "joblistrepository.h"
#include "pages/jobspage.h"
#include "translations.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace {

using SortKey = JobListQuery::SortKey;
using Column = JobListModel::Column;

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

// Runs the event loop until `done` (the stall meter's timer keeps events coming).
bool waitFor(const std::function<bool()> &done)
{
    QElapsedTimer timeout;
    timeout.start();
    while (!done()) {
        if (timeout.elapsed() > 300000)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

const char *nameOf(SortKey key)
{
    switch (key) {
    case SortKey::JobId: return "job ID";
    case SortKey::Engine: return "engine";
    case SortKey::User: return "user";
    case SortKey::Warehouse: return "warehouse";
    case SortKey::StartedAt: return "started";
    case SortKey::Duration: return "duration";
    case SortKey::Status: return "status";
    case SortKey::Memory: return "memory";
    case SortKey::DataScanned: return "data scanned";
    case SortKey::CpuTime: return "CPU time";
    }
    return "?";
}

void benchRepository(const Database &database)
{
    const JobListRepository jobs(database);
    QElapsedTimer clock;
    clock.start();
    const auto all = jobs.count(QString());
    std::printf("count of all jobs: %lld in %.1f ms\n\n", all ? all->all : -1LL, msSince(clock));
    std::printf("%-13s %-5s %10s %10s %12s %14s\n", "order", "", "page 1", "page 2", "page 20",
                "first keyless");
    for (int k = int(SortKey::JobId); k <= int(SortKey::CpuTime); ++k) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            JobListQuery query;
            query.sortKey = SortKey(k);
            query.order = order;
            double times[3] = {-1, -1, -1};
            std::optional<JobPosition> after;
            for (int page = 1; page <= 20; ++page) {
                clock.restart();
                const auto read = jobs.page(query, 500, after);
                const double ms = msSince(clock);
                if (!read) {
                    std::printf("error: %s\n", qPrintable(read.error().message));
                    return;
                }
                if (page == 1)
                    times[0] = ms;
                else if (page == 2)
                    times[1] = ms;
                else if (page == 20)
                    times[2] = ms;
                if (read->atEnd)
                    break;
                after = read->last;
            }
            // The first page of the jobs without a value (they come last): a keyset position
            // before every job ID.
            double keyless = -1;
            if (query.sortKey != SortKey::JobId && query.sortKey != SortKey::Duration) {
                const JobPosition start{QVariant(), order == Qt::AscendingOrder ? QString() : QString(QChar(0xFFFF))};
                clock.restart();
                const auto read = jobs.page(query, 500, start);
                keyless = read ? msSince(clock) : -1;
            }
            std::printf("%-13s %-5s %8.1f ms %8.1f ms %10.1f ms %11.1f ms\n", nameOf(query.sortKey),
                        order == Qt::AscendingOrder ? "asc" : "desc", times[0], times[1], times[2], keyless);
            std::fflush(stdout);
        }
    }
    std::printf("\n%-28s %10s %10s %10s\n", "search (latest first)", "matches", "page 1", "count");
    for (const char *text : {"sales.orders", "ana.silva", "ETL_WH", "bquxjob_1a", "no such text"}) {
        JobListQuery query;
        query.searchText = QString::fromLatin1(text);
        clock.restart();
        const auto read = jobs.page(query, 500);
        const double pageMs = msSince(clock);
        clock.restart();
        const auto counted = jobs.count(query.searchText);
        const double countMs = msSince(clock);
        std::printf("%-28s %10lld %8.1f ms %8.1f ms\n", text, counted ? counted->matching : -1LL, pageMs,
                    countMs);
        std::fflush(stdout);
        if (!read || !counted)
            return;
    }
    std::printf("\n");
}

void benchPage(const Database &database, const QString &pngPrefix)
{
    int step = 0;
    StallMeter stall;
    QElapsedTimer clock;
    JobsPage page(database);
    page.resize(1600, 900);
    page.show();
    JobListModel *model = page.model();
    // Times a new listing from its start (after the search field's pause) to its rows and
    // count, or, with `listing` false, a further page. Another order keeps the count.
    auto measure = [&](const char *what, const std::function<void()> &start, bool listing = true) {
        stall.reset();
        start();
        if (listing)
            waitFor([&] { return model->isLoading(); });
        clock.restart();
        double rows = -1, counted = -1;
        // The rows show when the model resets (a new listing) or grows (a further page).
        const auto shown = [&] {
            if (rows < 0)
                rows = msSince(clock);
        };
        const QMetaObject::Connection reset = QObject::connect(model, &QAbstractItemModel::modelReset, model, shown);
        const QMetaObject::Connection grown = QObject::connect(model, &QAbstractItemModel::rowsInserted, model, shown);
        waitFor([&] {
            if (counted < 0 && model->total() >= 0)
                counted = msSince(clock);
            return rows >= 0 && counted >= 0 && !model->isLoading();
        });
        QObject::disconnect(reset);
        QObject::disconnect(grown);
        if (!pngPrefix.isEmpty())
            page.grab().save(QStringLiteral("%1-%2.png").arg(pngPrefix).arg(++step));
        std::printf("%-34s rows %8.1f ms   count %8.1f ms   longest UI stall %6.1f ms   %s\n", what, rows,
                    counted, stall.worstMs(), qPrintable(page.countLabel()->text()));
        std::fflush(stdout);
    };
    QHeaderView *header = page.table()->horizontalHeader();
    auto click = [&](Column column) {
        const int section = int(column);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                                 header->height() / 2));
    };
    measure("open (latest first)", [&] { page.refresh(); });
    measure("click Engine", [&] { click(Column::Engine); });
    measure("click Duration", [&] { click(Column::Duration); });
    measure("click Memory", [&] { click(Column::Memory); });
    measure("click Memory again", [&] { click(Column::Memory); });
    measure("click Started", [&] { click(Column::Started); });
    // Typed as an analyst types (a key every 80 ms): nothing is read before the pause after the
    // last key (the time counts from there), and only that text is searched.
    measure("type \"sales.orders\" (80 ms a key)", [&] {
        for (const QChar c : QStringLiteral("sales.orders")) {
            QTest::keyClick(page.searchField(), c.toLatin1());
            QTest::qWait(80);
        }
    });
    measure("scroll to the end (next 500)", [&] {
        page.table()->scrollToBottom();
        waitFor([&] { return model->isLoading() || !model->hasMore(); });
    }, false);
    measure("clear the search", [&] { page.searchField()->clear(); });
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Translations::install(QLocale());
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DATABASE\n", argv[0]);
        return 2;
    }
    auto database = Database::open(QString::fromLocal8Bit(argv[1]));
    if (!database) {
        std::fprintf(stderr, "error: %s\n", qPrintable(database.error().message));
        return 1;
    }
    benchRepository(**database);
    benchPage(**database, argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString());
    return 0;
}
