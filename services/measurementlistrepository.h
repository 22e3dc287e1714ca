#pragma once

#include "database.h"
#include "measurementquery.h"
#include "result.h"

#include <optional>

// Reads the measurements a MeasurementQuery selects, a page at a time, for a table that shows
// a million of them: the count, a page at any row, and the row of a given measurement. Sorting
// and filtering happen in SQL, pages are read by keyset (WHERE (key, id) > (last key, last id)
// ORDER BY key, id LIMIT n), so the hundredth page costs what the first does. NULL sort keys
// go last in both directions. Portable SQL (SQLite and PostgreSQL), bound parameters only.
class MeasurementListRepository
{
public:
    explicit MeasurementListRepository(const Database &database) : m_database(database) {}

    // How many measurements the query selects (SQL COUNT).
    Result<qint64> count(const MeasurementQuery &query) const;

    // The rows [request.firstRow, request.firstRow + request.size) in the query's order.
    // With a known neighbour (`after` or `before`) it is one keyset query. Without one (a view
    // that jumps to row 900,000 when the scroll bar is dragged), the position of the row next
    // to the page is found once with OFFSET in a narrow query that reads only the sort key and
    // the id (an index-only scan when the order has an index), counted from the nearer end
    // when the total is known, and the page itself is read by keyset from there. Pages read
    // after it continue by keyset from their neighbours, so scrolling on from a jump costs
    // what scrolling from the top does; only the jump pays for the distance, once.
    Result<MeasurementPage> page(const MeasurementQuery &query,
                                 const MeasurementPageRequest &request) const;

    // The row at which a measurement stands in the query's order; nullopt when the query does
    // not select it.
    Result<std::optional<qint64>> rowOf(const MeasurementQuery &query, qint64 measurementId) const;

private:
    const Database &m_database;
};
