#pragma once

#include "improvement.h"
#include "measurementrepository.h"
#include "types.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

// What the measurements page lists: the main window's time window and issue type, the
// page's own search text, expectation and verdict filters, and the order. Every part of it is applied by
// the database (QT-NOTES §3.3: a proxy would only see the rows fetched so far).
struct MeasurementQuery
{
    // The orders the list offers, one per column of the page.
    enum class SortKey {
        Recommendation,      // recommendation id
        IssueType,           // recommendations.issue_type
        JobBefore,           // job_id_before
        JobAfter,            // job_id_after
        BeforeDuration,      // before_duration_ms
        AfterDuration,       // after_duration_ms
        DurationImprovement, // duration_improvement_pct
        MemoryReduction,     // memory_reduction_pct
        ScanReduction,       // scan_reduction_pct
        CpuReduction,        // cpu_reduction_pct
        Estimate,            // recommendations.estimated_improvement_pct
        Delta,               // expectation_delta_pct
        Expectation,         // met, underperformed, regression, pending (Improvement::Verdict)
        Verdict,             // SPEC §5.2: improved, no_change, regressed, insufficient_runs; pending last
        Interval,            // improvement_ci_low_pct, then NULLs
        Runs,                // runs_before + runs_after
        ProjectedHours,      // SPEC §6.3: (before − after duration) × runs_per_day; pending last
        MeasuredAt,          // measured_at
        CompletedAt,         // completed_at
    };

    MeasurementWindow window;
    // Matched case-insensitively anywhere in the before job ID, the after job ID or the
    // recommendation's title. Empty: no search.
    QString searchText;
    std::optional<Improvement::Verdict> expectation; // none: every expectation
    // SPEC §5.2's verdict column; none: every measurement, pending ones included.
    std::optional<RunStatistics::Verdict> verdict;
    // Of the met ones only those whose expectation_delta_pct is above the margin (SPEC §3.6's
    // "exceeded").
    bool exceededOnly = false;
    double exceededMarginPct = Improvement::DefaultExceededMarginPct;
    SortKey sortKey = SortKey::MeasuredAt;
    Qt::SortOrder order = Qt::DescendingOrder;
    // Anchors the time window (now − days × 24 h). Counting and paging use the same instant,
    // so that the pages of one listing agree with its count.
    QDateTime now = QDateTime::currentDateTimeUtc();
};

// Where a row stands in the order of a query: its sort key as the database returned it and its
// id, which breaks ties. Keyset paging continues from it. A key that may be NULL is two values,
// a "comes last" flag and the value (see MeasurementListRepository).
struct MeasurementPosition
{
    QVariantList key;
    qint64 id = 0;
};

// Which rows to read. A page continues from a neighbour whose position is known (keyset);
// without one the repository finds its first row by position once (see page()).
struct MeasurementPageRequest
{
    qint64 firstRow = 0;
    int size = 100;
    // The number of rows of the query, when counted: a jump past the middle is then found
    // from the end, which costs a database that sorts what it cannot read from an index half.
    qint64 totalRows = -1;
    std::optional<MeasurementPosition> after;  // the row at firstRow − 1, when known
    std::optional<MeasurementPosition> before; // the row at firstRow + size, when known
};

struct MeasurementPage
{
    qint64 firstRow = 0;
    QList<MeasurementReportRow> rows;
    MeasurementPosition first; // positions of rows.first() and rows.last(); unset when empty
    MeasurementPosition last;
};
