#pragma once

#include "calibration.h"
#include "database.h"
#include "text.h"

#include <cmath>

namespace Calibration::Detail {

// The sums a row is computed from; adding them gives the row over all types.
struct Sums
{
    qint64 count = 0;
    double estimated = 0;
    double actual = 0;
    double difference = 0;
    double absoluteDifference = 0;
    double product = 0;
    double estimateSquared = 0;
    qint64 met = 0;

    void add(double e, double a, bool isMet)
    {
        ++count;
        estimated += e;
        actual += a;
        difference += a - e;
        absoluteDifference += std::abs(a - e);
        product += e * a;
        estimateSquared += e * e;
        met += isMet ? 1 : 0;
    }

    Sums &operator+=(const Sums &other)
    {
        count += other.count;
        estimated += other.estimated;
        actual += other.actual;
        difference += other.difference;
        absoluteDifference += other.absoluteDifference;
        product += other.product;
        estimateSquared += other.estimateSquared;
        met += other.met;
        return *this;
    }
};

// The sums per issue type on SQLite, read through SQLite's own API (calibrationsqlite.cpp); none
// when that API cannot reach the connection (PostgreSQL, or QSQLITE linking another SQLite).
// `cutoff`: the window's start as stored; `issueType`: only that type.
std::optional<Result<QList<std::pair<QString, Sums>>>> sumsFromSqlite(const Database &database,
                                                                       const std::optional<QString> &cutoff,
                                                                       const std::optional<QString> &issueType);

} // namespace Calibration::Detail
