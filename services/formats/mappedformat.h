#pragma once

#include "cells.h"
#include "../engineformats.h"

#include <QList>
#include <QString>
#include <QStringList>

// The shared part of the engine formats: columns copied with a unit, then a format's own
// rules (bindMore, convertMore).
namespace EngineFormats {

// Count: a whole number; Milliseconds: a duration, whole or not; Nanos: a whole number of
// nanoseconds stored as whole milliseconds (CPU time, a bigint in SPEC §2).
enum class Kind { Text, RawText, Count, Milliseconds, Nanos, Timestamp, Flag };

struct Mapping
{
    Target target;
    QStringList names;
    Kind kind;
    QString unit; // said in the report: "ms", "bytes", …
};

class MappedFormat : public Format
{
public:
    Status bind(ImportSource &source, Plan &plan) override;
    std::optional<Error> convert(const ImportSource &source, JobRecord &record) override;
    Result<QList<JobRecord>> finish(Plan &plan, RecordCounts &counts) override;

protected:
    // Engine exports may write NULL as \N or NULL (unload defaults).
    virtual bool readsNullMarkers() const { return true; }
    virtual QString engine() const = 0;
    virtual QStringList idColumns() const = 0;
    virtual QList<Mapping> mappings() const = 0;
    virtual Status bindMore(ImportSource &source, Plan &plan) = 0;
    virtual void convertMore(Cells &cells, JobRecord &record) = 0;

    static QString conversionText(const Mapping &mapping, const QString &column);

    // A job with no end yet (BigQuery RUNNING, Dremio's final state 0) has no duration, so it
    // gives no job; the report says how many. An export taken while queries run always holds
    // some (INFORMATION_SCHEMA.JOBS lists the exporting query itself), so it is no error.
    void leaveOutUnfinished(JobRecord &record);

    // The fingerprint: the engine's own when it has one, else ours of the query text.
    static void fingerprint(Cells &cells, JobRecord &record, const QList<int> &engineHashes);
    static void planFingerprint(ImportSource &source, Plan &plan, const QList<int> &engineHashes);

    static QVariant read(Cells &cells, Kind kind, int handle);

private:
    struct Bound
    {
        Target target;
        QList<std::pair<Mapping, int>> alternatives;
    };

    int m_id = -1;
    QList<Bound> m_bound;
    qint64 m_unfinished = 0;
};

} // namespace EngineFormats
