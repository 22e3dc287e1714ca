#pragma once

#include "../engineformats.h"

#include <QString>
#include <QVariant>

#include <initializer_list>
#include <optional>

// What the engine formats share to read a record: the cells with file, line and column in
// every error, and the typed values a JobRecord holds. Only the formats include it.
namespace EngineFormats {

constexpr qsizetype MaxJobIdLength = 1024;

// Characters as the database counts them (code points), not UTF-16 units.
qsizetype characterCount(const QString &text);

inline QString S(const char *text)
{
    return QString::fromUtf8(text);
}

// Trimmed and lower-cased.
QString lower(const QString &text);

// An engine's status word in our vocabulary (JobStatus): its word for success, its words for
// a failure (a cancel when `failureWasCancel`: some engines only tell it by an error code) and
// for a cancel; any other word is a job that had not finished. Null for an empty cell.
QString engineStatus(const QString &cell, QLatin1String success, std::initializer_list<QLatin1String> failed,
                     bool failureWasCancel = false);

// Typed values for JobRecord::values; a null QVariant of the right type is NULL.
QVariant textValue(const QString &text);
QVariant countValue(const std::optional<qint64> &value);
// Milliseconds are real numbers (SPEC §2), whole ones too.
QVariant millisecondsValue(const std::optional<double> &value);
QVariant flagValue(const std::optional<bool> &value);
QVariant timeValue(const std::optional<qint64> &micros);

// Rounds a non-negative quantity to a whole number, half away from zero.
std::optional<qint64> rounded(double value);

// A computed duration (a mean, a difference of two snapshots) to the nanosecond, the finest
// any engine clock we read reports: what binary arithmetic adds beyond it is noise
// (0.8 ÷ 2 is 0.39999999999999997 in doubles; the stored value is 0.4).
double toNanosecond(double milliseconds);

// Reading the cells of a record, with the file, line and column in every error. The first
// error is kept; later reads return nothing.
class Cells
{
public:
    // `nullMarkers`: an engine export's \N (Snowflake's and Hive's unload default) or NULL
    // stands for an empty cell. Not in our generic format, where only an empty cell is NULL.
    Cells(const ImportSource &source, bool nullMarkers) : m_source(source), m_nullMarkers(nullMarkers) {}

    std::optional<Error> error;

    // The cell as written (query text keeps its spaces); null when absent or empty.
    QString raw(int handle) const;
    // Trimmed; null when absent or blank.
    QString text(int handle) const;

    std::optional<qint64> count(int handle);
    std::optional<double> nonNegativeReal(int handle);
    // A duration: a whole or decimal number of milliseconds, never negative.
    std::optional<double> milliseconds(int handle);
    // Microseconds since the epoch, UTC. `epochSeconds` also takes a number of seconds (as
    // the bq tool prints TIMESTAMP values in some versions).
    std::optional<qint64> micros(int handle, bool epochSeconds = false);
    std::optional<bool> flag(int handle);
    // Microseconds since the epoch from a whole number of milliseconds since the epoch
    // (Dremio's *_epoch_millis, BigQuery's statistics.startTime), up to the year 9999.
    std::optional<qint64> epochMillis(int handle);

    void fail(int handle, const QString &message);

    const ImportSource &source() const { return m_source; }

private:
    QString cell(int handle) const;

    const ImportSource &m_source;
    bool m_nullMarkers;
};

} // namespace EngineFormats
