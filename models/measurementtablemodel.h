#pragma once

#include "improvement.h"
#include "measurementquery.h"
#include "types.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class Database;
class DatabaseWorker;
class QTimer;

// The measurements of the main window's time window and issue type as a table that opens a
// million rows at once (SPEC §2, QT-NOTES §3.3). Nothing is read on the UI thread: the count
// runs in one worker and pages of rows in another, each on its own connection to the database,
// while the table shows what it has. Rows come in pages kept in a small cache keyed by page
// number; a page continues by keyset from a cached neighbour, and a jump (the scroll bar dragged
// to row 900,000) finds its place once by position (MeasurementListRepository::page()).
// The page the view asked for last is read first. Sorting and filtering run in SQL; a change
// starts a new generation and results of an older one are dropped.
//
// rowCount() is the number of rows known so far: the first page shows before the count is
// done, and rows are appended when it is (totalChanged()).
class MeasurementTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The columns, in their order on screen; each sorts by the matching
    // MeasurementQuery::SortKey.
    enum class Column {
        Recommendation,      // "#id title" of the recommendation (sorts by id)
        IssueType,           // the recommendation's issue type
        JobBefore,           // job ID of the original query
        JobAfter,            // job ID of the optimized query; empty while pending
        BeforeDuration,      // ms
        AfterDuration,       // ms
        DurationImprovement, // duration_improvement_pct, the "actual" of SPEC §3.3
        MemoryReduction,     // memory_reduction_pct
        ScanReduction,       // scan_reduction_pct
        CpuReduction,        // cpu_reduction_pct
        Estimate,            // the recommendation's estimated_improvement_pct
        Delta,               // expectation_delta_pct: actual − estimate, percentage points
        Expectation,         // Improvement::verdictOf(): the estimate judged, with a colour and an icon
        Verdict,             // SPEC §5.2's verdict from the runs, with an icon; empty while pending
        Interval,            // the 95 % interval of the improvement, "33.0 … 48.5 %"
        Runs,                // runs before / runs after, "12 / 9"
        ProjectedHours,      // SPEC §6.3: hours saved per month at the query's runs per day
        MeasuredAt,          // when the before metrics were recorded (local time)
        CompletedAt,         // when the after metrics were recorded (local time)
        Count
    };

    enum Role {
        MeasurementIdRole = Qt::UserRole + 1, // qint64, on every column of a loaded row
        RecommendationIdRole,                 // qint64
        ExpectationRole,                      // int(Improvement::Verdict)
        VerdictRole,                          // int(RunStatistics::Verdict); invalid while pending
        LoadedRole,                           // bool: false while the row's page is read
        IssueTypeRole,                        // QString: the identifier (the column shows words)
    };

    static constexpr int DefaultPageSize = 200;

    explicit MeasurementTableModel(const Database &database, QObject *parent = nullptr);
    ~MeasurementTableModel() override;

    // Each setter starts a new listing (count and first page) when it changes something; so
    // does sort(), once a listing has started (before, it only notes the order).
    void setWindow(const MeasurementWindow &window);
    void setSearchText(const QString &text);
    // With `exceededOnly`, of the met ones those that beat their estimate by more than the
    // "exceeded" margin.
    void setExpectationFilter(std::optional<Improvement::Verdict> expectation, bool exceededOnly = false);
    // SPEC §5.2's verdict; none: every measurement.
    void setVerdictFilter(std::optional<RunStatistics::Verdict> verdict);
    // The "exceeded" margin of the settings (SPEC §3.6), in percentage points.
    void setExceededMarginPct(double marginPct);
    // Reads everything again, with the window anchored at the clock's now.
    void refresh();

    const MeasurementQuery &query() const { return m_query; }
    // The number of rows the query selects; -1 while it is being counted.
    qint64 total() const { return m_total; }
    // The row, when its page has been read; nullptr otherwise (the page is then requested).
    const MeasurementReportRow *rowAt(int row) const;
    // True while the listing is counted or pages of it are read; false before the first one.
    bool isLoading() const
    {
        return m_generation > 0 && (m_total < 0 || m_pageInFlight || !m_wanted.isEmpty());
    }

    // Finds the row of a measurement, or of a recommendation's latest measurement, in the
    // current listing, in the background; answers with located().
    void locateMeasurement(qint64 measurementId);
    void locateRecommendation(qint64 recommendationId);

    // For tests: smaller pages, and a clock that anchors the window.
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    void setClock(std::function<QDateTime()> clock);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static MeasurementQuery::SortKey sortKeyOf(Column column);

signals:
    // The count of a new listing: -1 when it starts, then the number of rows.
    void totalChanged(qint64 total);
    // A page of rows arrived; rows [first, last] are now loaded.
    void rowsLoaded(int first, int last);
    // The count is in and every page the view asked for has been read (isLoading() is false).
    void loadingFinished();
    // The answer to locateMeasurement() / locateRecommendation(); row is -1 when the current
    // listing does not contain the measurement (or the recommendation has none: id -1).
    void located(qint64 measurementId, qint64 recommendationId, int row);
    void errorOccurred(const QString &message);

private:
    struct Page
    {
        QList<MeasurementReportRow> rows;
        MeasurementPosition first;
        MeasurementPosition last;
        quint64 lastUse = 0;
    };
    struct LocateTarget
    {
        std::optional<qint64> measurementId;
        std::optional<qint64> recommendationId;
    };

    void restart();
    void startCount();
    void requestPage(int page) const;
    void fetchNextPage();
    void storePage(int page, MeasurementPage loaded);
    void setRowCount(int rows);
    void startLocate(const LocateTarget &target);
    QVariant display(const MeasurementReportRow &row, Column column) const;
    QVariant toolTip(const MeasurementReportRow &row, Column column) const;
    QVariant verdictToolTip(const Measurement &m) const;

    std::unique_ptr<DatabaseWorker> m_pageWorker;
    std::unique_ptr<DatabaseWorker> m_countWorker;
    MeasurementQuery m_query;
    double m_exceededMarginPct = Improvement::DefaultExceededMarginPct;
    std::function<QDateTime()> m_clock;
    int m_pageSize = DefaultPageSize;

    quint64 m_generation = 0;
    // The generation workers compare with before they start a task, to skip stale ones.
    std::shared_ptr<std::atomic<quint64>> m_currentGeneration;
    int m_rows = 0;
    qint64 m_total = -1;
    QString m_lastError;

    mutable QHash<int, Page> m_pages;
    mutable quint64 m_useCounter = 0;
    mutable QList<int> m_wanted; // pages the view asked for, most recent last
    QTimer *m_fetchTimer;
    bool m_pageInFlight = false;
    quint64 m_locateRequest = 0;
    // An answer of locate…() that came before the count: given when the rows are known.
    struct Located
    {
        qint64 measurementId;
        qint64 recommendationId;
        qint64 row;
    };
    std::optional<Located> m_heldLocated;
};
