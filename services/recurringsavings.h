#pragma once

#include "database.h"
#include "result.h"

#include <QDateTime>
#include <QString>

#include <optional>

// How often a measured query runs, so that savings count as often as the query does (SPEC §6.3):
// runs_per_day = (1 + the measurable jobs of the before job's query_hash started in the 30 days
// before it) / 30; 1/30 when the hash or the start is unknown.
namespace RecurringSavings {

inline constexpr int HistoryDays = 30;

Result<double> runsPerDay(const Database &database, const std::optional<QString> &queryHash,
                          const std::optional<QDateTime> &startedAt);

// Sets runs_per_day of every completed measurement that has none, from the history the
// database holds: what migration 11 does for existing measurements, and the demo for those it
// writes directly. One pass over the measured queries' runs, not a count per measurement (a
// million measurements of queries that run hundreds of times a month would step through
// hundreds of millions of index entries).
Status fill(const QSqlDatabase &connection);

} // namespace RecurringSavings
