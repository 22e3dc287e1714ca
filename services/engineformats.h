#pragma once

#include "importreport.h"
#include "importsource.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <array>
#include <bitset>
#include <memory>
#include <optional>

// The query-history exports we read (ENGINE-EXPORTS.md): which columns identify each one, and
// how a record becomes a row of `queries` and `profiles` in SPEC units (ms, bytes, UTC). Each
// format lives in a file of its own under formats/.
namespace EngineFormats {

// The stored columns a format can fill, besides job_id.
enum Target {
    QueryText, QueryHash, Engine, UserName, Warehouse, WarehouseSize, StartedAt, DurationMs, RunStatus,
    CacheHit, MemoryAllocated, DataScanned, RowsScanned, RowsReturned, PartitionsScanned, CpuTimeMs,
    TargetCount
};
QString columnName(Target target); // as in SPEC §2 ("duration_ms")
bool isProfileColumn(Target target);
constexpr Target FirstProfileColumn = MemoryAllocated;

// One job as a format converted it: values by Target (null QVariant = NULL).
struct JobRecord
{
    QString jobId;
    std::array<QVariant, TargetCount> values;
};

// What a format writes for this file: the columns a re-import replaces, the columns only a
// new job gets (the generic format's default engine), and the unit conversions applied.
struct Plan
{
    std::bitset<TargetCount> written;
    std::bitset<TargetCount> insertOnly;
    QStringList conversions;
    QStringList notes;
};

// What a format did with records that gave no job of their own. With the jobs and the rejected
// records they account for every record read (ImportReport).
struct RecordCounts
{
    qint64 skipped = 0;  // left out on purpose; the plan's notes say why
    qint64 repeated = 0; // replaced by a later record of the same key (the last row wins)
    qint64 merged = 0;   // went into another record's job
};

class Format
{
public:
    virtual ~Format() = default;

    virtual QString id() const = 0;
    // Column groups a header must have, one name of each (lower case).
    virtual QList<QStringList> required() const = 0;
    // The groups of a second shape of the same export that identifies the format as well
    // (BigQuery's REST Job resources beside INFORMATION_SCHEMA.JOBS rows; Dremio Cloud's
    // epoch columns); messages name required() alone.
    virtual QList<QStringList> requiredOtherwise() const { return {}; }

    // Options of the import a format reads (the times of pg_stat_statements snapshots).
    virtual bool takesSnapshotTimes() const { return false; }
    virtual void configure(const ImportOptions &options) { Q_UNUSED(options); }

    // Resolves the columns of `source` (a file of this format); for formats read from several
    // files (pg_stat_statements snapshots) it is called once per file.
    virtual Status bind(ImportSource &source, Plan &plan) = 0;

    // Converts the current record. Nothing (no error) with an empty jobId means the record
    // was taken in but gives no job by itself (an aggregating format).
    virtual std::optional<Error> convert(const ImportSource &source, JobRecord &record) = 0;

    // Formats that aggregate (pg_stat_statements) give their jobs once every file is read;
    // every format adds to `counts` the records that gave no job of their own, with a note in
    // the plan for those it left out.
    virtual bool aggregates() const { return false; }
    virtual Result<QList<JobRecord>> finish(Plan &plan, RecordCounts &counts)
    {
        Q_UNUSED(plan);
        Q_UNUSED(counts);
        return QList<JobRecord>();
    }
};

// Every format id, generic first.
QStringList ids();
std::unique_ptr<Format> create(const QString &id);

// Whether `columns` (lower case) has every required group of `format`, or of its other shape.
bool matches(const Format &format, const QStringList &columns);
// "QUERY_ID and TOTAL_ELAPSED_TIME", for messages.
QString describeRequired(const Format &format);

// The format of a file from its columns: exactly one must match. The error names what each
// format expects, or the candidates when several match, and asks for --format.
Result<QString> detect(const ImportSource &source);

} // namespace EngineFormats
