#pragma once

#include "database.h"
#include "measurementservice.h"
#include "result.h"

#include <QDateTime>

#include <functional>

// Fills a database with realistic sample data for the dashboard: several engines and issue
// types, skewed (log-normal) durations, estimates that are sometimes optimistic, a few
// regressions, about 80 % of measurements completed, recordings spread over the past year
// with more of them recently, and recurring queries measured from many runs (every verdict of
// SPEC §5.2: DemoRecurring). Deterministic for a given seed. Adds to what is there.
class DemoData
{
public:
    struct Options
    {
        qint64 measurements = 2000;
        quint64 seed = 20261129;
        QDateTime now = QDateTime::currentDateTimeUtc();
        MeasurementSettings settings;
        std::function<bool(qint64 done, qint64 total)> progress; // false cancels
    };

    struct Report
    {
        qint64 jobs = 0;
        qint64 recommendations = 0;
        qint64 measurements = 0;
        qint64 completed = 0;
        qint64 recurring = 0; // of the measurements, those of recurring queries with many runs
    };

    explicit DemoData(const Database &database) : m_database(database) {}

    Result<Report> generate(const Options &options) const;

    static QStringList issueTypes();

private:
    const Database &m_database;
};
