#include "engineformats.h"

#include "formats/cells.h"
#include "formats/formats.h"
#include "text.h"

#include <cmath>

namespace EngineFormats {

QString columnName(Target target)
{
    static const char *const names[TargetCount] = {
        "query_text", "query_hash", "engine", "user_name", "warehouse", "warehouse_size", "started_at",
        "duration_ms", "status", "cache_hit", "memory_allocated", "data_scanned", "rows_scanned",
        "rows_returned", "partitions_scanned", "cpu_time_ms"};
    return QString::fromLatin1(names[target]);
}

bool isProfileColumn(Target target)
{
    return target >= FirstProfileColumn;
}

QStringList ids()
{
    return {S("generic"), S("snowflake"), S("bigquery"), S("dremio"), S("databricks"), S("pg_stat_statements"),
            S("trino")};
}

std::unique_ptr<Format> create(const QString &id)
{
    const QString name = id.trimmed().toLower();
    if (name == QLatin1String("generic"))
        return makeGenericFormat();
    if (name == QLatin1String("snowflake"))
        return makeSnowflakeFormat();
    if (name == QLatin1String("bigquery"))
        return makeBigQueryFormat();
    if (name == QLatin1String("dremio"))
        return makeDremioFormat();
    if (name == QLatin1String("databricks"))
        return makeDatabricksFormat();
    if (name == QLatin1String("pg_stat_statements") || name == QLatin1String("postgres"))
        return makePgStatStatementsFormat();
    if (name == QLatin1String("trino"))
        return makeTrinoFormat();
    return nullptr;
}

namespace {

bool hasEveryGroup(const QList<QStringList> &groups, const QStringList &columns)
{
    for (const QStringList &group : groups) {
        bool found = false;
        for (const QString &name : group)
            found = found || columns.contains(name);
        if (!found)
            return false;
    }
    return true;
}

} // namespace

bool matches(const Format &format, const QStringList &columns)
{
    const QList<QStringList> otherwise = format.requiredOtherwise();
    return hasEveryGroup(format.required(), columns) || (!otherwise.isEmpty() && hasEveryGroup(otherwise, columns));
}

QString describeRequired(const Format &format)
{
    QStringList groups;
    for (const QStringList &group : format.required())
        groups << group.join(Text::tr(" or "));
    return groups.join(S(", "));
}

Result<QString> detect(const ImportSource &source)
{
    const QStringList columns = source.columns();
    QStringList candidates;
    QStringList expected;
    for (const QString &id : ids()) {
        const auto format = create(id);
        if (matches(*format, columns))
            candidates << id;
        expected << S("%1 (%2)").arg(id, describeRequired(*format));
    }
    if (candidates.size() == 1)
        return candidates.first();
    if (candidates.isEmpty()) {
        const QString where = source.columnsOrigin();
        // One field holding another separator: the file is not comma-separated.
        if (columns.size() == 1) {
            for (const char separator : {';', '\t', '|'}) {
                if (columns.first().contains(QLatin1Char(separator)))
                    return Error::invalidInput(
                        Text::tr("%1:1: the header has one field '%2': is the file separated by %3 instead of "
                                 "commas? Save it comma-separated")
                            .arg(source.path(), source.columnNameAt(0).left(80),
                                 separator == '\t' ? Text::tr("tabs") : S("'%1'").arg(QLatin1Char(separator))));
            }
        }
        // A header that has part of one format's columns is most likely that format missing one.
        double best = 0;
        QStringList nearest;
        for (const QString &id : ids()) {
            const auto format = create(id);
            const QList<QStringList> groups = format->required();
            qsizetype found = 0;
            for (const QStringList &group : groups)
                for (const QString &name : group)
                    if (columns.contains(name)) {
                        ++found;
                        break;
                    }
            const double share = double(found) / double(groups.size());
            if (share > best + 1e-9) {
                best = share;
                nearest = {id};
            } else if (share > 0 && std::fabs(share - best) < 1e-9) {
                nearest << id;
            }
        }
        if (nearest.size() == 1) {
            const auto format = create(nearest.first());
            for (const QStringList &group : format->required()) {
                bool found = false;
                for (const QString &name : group)
                    found = found || columns.contains(name);
                if (!found)
                    return Error::invalidInput(Text::tr("%1:1: column '%2': required column is missing from %3 "
                                                        "(the %4 format needs %5; for another format, name it "
                                                        "with --format)")
                                                   .arg(source.path(), group.join(Text::tr("' or '")), where,
                                                        format->id(), describeRequired(*format)));
            }
        }
        return Error::invalidInput(Text::tr("%1: unknown format: %2 fits none of the formats we read. Expected "
                                            "the columns of one of: %3. Name the format with --format if it is one "
                                            "of these.")
                                       .arg(source.path(), where, expected.join(S("; "))));
    }
    return Error::invalidInput(Text::tr("%1: the header fits more than one format (%2); choose one with --format")
                                   .arg(source.path(), candidates.join(S(", "))));
}

} // namespace EngineFormats
