#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <QDateTime>

#include <functional>

// Writes the CSV report (SPEC §4): a header row and one row per measurement with its
// recommendation, both jobs, every metric, the four improvements, estimate, delta, verdict
// and timestamps. RFC 4180 (CRLF, quotes doubled), UTF-8 (optionally with a BOM for Excel),
// numbers in C-locale form, text cells guarded against spreadsheet formula injection.
// The file appears whole or not at all (QSaveFile).
class CsvReportWriter
{
public:
    struct Options
    {
        MeasurementWindow window;
        bool byteOrderMark = false;
        QDateTime now = QDateTime::currentDateTimeUtc();
        std::function<bool(qint64 rowsWritten)> progress; // false cancels
    };

    explicit CsvReportWriter(const Database &database) : m_database(database) {}

    // Returns the number of measurement rows written.
    Result<qint64> write(const QString &path, const Options &options) const;

    static QStringList header();
    // One CSV cell for a text value: formula-guarded, quoted when needed.
    static QString textCell(const QString &text);
    static QString numberCell(double value);

private:
    const Database &m_database;
};
