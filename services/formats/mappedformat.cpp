#include "mappedformat.h"

#include "../queryfingerprint.h"
#include "../text.h"

#include <algorithm>

namespace EngineFormats {

Status MappedFormat::bind(ImportSource &source, Plan &plan)
{
    m_id = source.resolve(idColumns());
    m_bound.clear();
    // Mappings of one target are alternatives, tried cell by cell in order (an export
    // may fill execution_allocated_bytes on some rows and memory_allocated on others).
    for (const Mapping &mapping : mappings()) {
        const QList<int> handles = source.resolveEach(mapping.names);
        if (handles.isEmpty())
            continue;
        auto bound = std::find_if(m_bound.begin(), m_bound.end(),
                                  [&mapping](const Bound &b) { return b.target == mapping.target; });
        if (bound == m_bound.end()) {
            m_bound.append(Bound{mapping.target, {}});
            bound = m_bound.end() - 1;
            plan.written.set(mapping.target);
        }
        QStringList names;
        for (const int handle : handles) {
            bound->alternatives.append({mapping, handle});
            names << source.columnName(handle);
        }
        plan.conversions << conversionText(mapping, names.join(Text::tr(", else ")));
    }
    plan.written.set(Engine);
    return bindMore(source, plan);
}

std::optional<Error> MappedFormat::convert(const ImportSource &source, JobRecord &record)
{
    Cells cells(source, readsNullMarkers());
    record.jobId = cells.text(m_id);
    if (record.jobId.isEmpty())
        return source.errorAt(m_id, Text::tr("is empty; every job needs an ID"));
    // Characters as the database counts them (code points), not UTF-16 units.
    if (const qsizetype length = characterCount(record.jobId); length > MaxJobIdLength)
        return source.errorAt(m_id, Text::tr("is %1 characters long; at most %2 are allowed")
                                        .arg(length)
                                        .arg(MaxJobIdLength));
    for (auto &value : record.values)
        value = QVariant();
    record.values[Engine] = engine();
    for (const Bound &bound : std::as_const(m_bound)) {
        QVariant &value = record.values[bound.target];
        for (const auto &[mapping, handle] : bound.alternatives) {
            value = read(cells, mapping.kind, handle);
            if (cells.error)
                return cells.error;
            if (!value.isNull())
                break;
        }
    }
    convertMore(cells, record);
    return cells.error;
}

Result<QList<JobRecord>> MappedFormat::finish(Plan &plan, RecordCounts &counts)
{
    if (m_unfinished > 0) {
        counts.skipped += m_unfinished;
        plan.notes << Text::tr("unfinished jobs left out (no end time yet, so no duration): %1")
                          .arg(m_unfinished);
    }
    return QList<JobRecord>();
}

QString MappedFormat::conversionText(const Mapping &mapping, const QString &column)
{
    QString text = columnName(mapping.target) + QStringLiteral(" ← ") + column;
    if (mapping.kind == Kind::Nanos)
        return text + Text::tr(" (ns ÷ 1,000,000, rounded)");
    if (mapping.kind == Kind::Timestamp)
        return text + Text::tr(" (converted to UTC)");
    if (!mapping.unit.isEmpty())
        return text + QStringLiteral(" (") + mapping.unit + u')';
    return text;
}

void MappedFormat::leaveOutUnfinished(JobRecord &record)
{
    ++m_unfinished;
    record.jobId.clear();
}

void MappedFormat::fingerprint(Cells &cells, JobRecord &record, const QList<int> &engineHashes)
{
    QString hash;
    for (const int handle : engineHashes)
        if (hash = cells.text(handle); !hash.isNull())
            break;
    if (hash.isNull() && record.values[QueryText].isValid() && !record.values[QueryText].isNull())
        hash = QueryFingerprint::of(record.values[QueryText].toString());
    record.values[QueryHash] = textValue(hash.isEmpty() ? QString() : hash);
}

void MappedFormat::planFingerprint(ImportSource &source, Plan &plan, const QList<int> &engineHashes)
{
    if (!engineHashes.isEmpty()) {
        QStringList names;
        for (const int handle : engineHashes)
            names << source.columnName(handle);
        plan.written.set(QueryHash);
        plan.conversions << Text::tr("query_hash ← %1 (the engine's fingerprint), else our "
                                     "fingerprint of the normalized query text")
                                .arg(names.join(QStringLiteral(", else ")));
    } else if (plan.written.test(QueryText)) {
        plan.written.set(QueryHash);
        plan.conversions << Text::tr("query_hash ← our fingerprint of the normalized query text");
    }
}

QVariant MappedFormat::read(Cells &cells, Kind kind, int handle)
{
    switch (kind) {
    case Kind::Text:
        return textValue(cells.text(handle));
    case Kind::RawText:
        return textValue(cells.raw(handle));
    case Kind::Count:
        return countValue(cells.count(handle));
    case Kind::Milliseconds:
        return millisecondsValue(cells.milliseconds(handle));
    case Kind::Nanos: {
        const auto nanos = cells.count(handle);
        return countValue(nanos ? std::optional<qint64>(*nanos / 1000000 + (*nanos % 1000000 >= 500000 ? 1 : 0))
                                : std::nullopt);
    }
    case Kind::Timestamp:
        return timeValue(cells.micros(handle));
    case Kind::Flag:
        return flagValue(cells.flag(handle));
    }
    return {};
}

} // namespace EngineFormats
