#include "jobimporter.h"

#include "batchinserter.h"
#include "csvimportsource.h"
#include "fieldparser.h"
#include "jobrepository.h"

#include <QSet>

namespace {

constexpr qsizetype MaxJobIdLength = 1024;

enum class Kind { Text, Timestamp, Count };

Kind kindOf(const QString &column)
{
    if (column == QLatin1String("started_at"))
        return Kind::Timestamp;
    if (column == QLatin1String("duration_ms") || JobImporter::profileColumns().contains(column))
        return Kind::Count;
    return Kind::Text;
}

// "a = excluded.a, b = excluded.b": the upsert replaces only the columns the file has.
QString updateList(const QStringList &columns)
{
    QStringList assignments;
    for (const QString &column : columns)
        assignments << column + QStringLiteral(" = excluded.") + column;
    return assignments.join(QStringLiteral(", "));
}

} // namespace

const QStringList &JobImporter::queryColumns()
{
    static const QStringList columns{
        QStringLiteral("job_id"),    QStringLiteral("query_text"), QStringLiteral("query_hash"),
        QStringLiteral("engine"),    QStringLiteral("user_name"),  QStringLiteral("warehouse"),
        QStringLiteral("started_at"), QStringLiteral("duration_ms"), QStringLiteral("status")};
    return columns;
}

const QStringList &JobImporter::profileColumns()
{
    static const QStringList columns{
        QStringLiteral("memory_allocated"), QStringLiteral("data_scanned"),
        QStringLiteral("rows_scanned"),     QStringLiteral("rows_returned"),
        QStringLiteral("partitions_scanned"), QStringLiteral("cpu_time_ms")};
    return columns;
}

Result<ImportReport> JobImporter::importFile(const QString &path, const ImportOptions &options) const
{
    CsvImportSource source(path, queryColumns() + profileColumns(),
                           {QStringLiteral("job_id"), QStringLiteral("duration_ms")});
    if (Status opened = source.open(); !opened)
        return opened.error();

    ImportReport report;
    report.file = path;
    report.format = QStringLiteral("generic");
    report.ignoredColumns = source.unknownColumns();

    // Which columns this file writes; the engine of a new job defaults to "generic".
    QStringList queryWrite;
    for (const QString &column : queryColumns())
        if (source.has(column))
            queryWrite << column;
    QStringList queryInsert = queryWrite;
    const bool defaultEngine = !source.has(QStringLiteral("engine"));
    if (defaultEngine)
        queryInsert << QStringLiteral("engine");
    QStringList profileWrite;
    for (const QString &column : profileColumns())
        if (source.has(column))
            profileWrite << column;

    const Database::BulkWriteScope bulk(m_database);
    BatchInserter queries(m_database,
                          QStringLiteral("INSERT INTO queries (%1)").arg(queryInsert.join(QStringLiteral(", "))),
                          int(queryInsert.size()),
                          QStringLiteral("ON CONFLICT (job_id) DO UPDATE SET ")
                              + updateList(queryWrite.mid(1)),
                          0);
    std::optional<BatchInserter> profiles;
    if (!profileWrite.isEmpty()) {
        profiles.emplace(m_database,
                         QStringLiteral("INSERT INTO profiles (job_id, %1)")
                             .arg(profileWrite.join(QStringLiteral(", "))),
                         int(profileWrite.size()) + 1,
                         QStringLiteral("ON CONFLICT (job_id) DO UPDATE SET ") + updateList(profileWrite),
                         0);
        profiles->setDependsOn(&queries);
    }

    // Declared after the statements, so that a failed import rolls back before they are
    // freed (PostgreSQL refuses to free them inside an aborted transaction).
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const auto countBefore = JobRepository(m_database).count();
    if (!countBefore)
        return countBefore.error();

    QSet<QString> seen;
    QStringList fields;
    std::optional<Error> readError;
    while (source.next(fields, readError)) {
        ++report.rowsRead;
        QVariantList queryRow;
        queryRow.reserve(queryInsert.size());
        QVariantList profileRow;
        QString jobId;
        for (const QString &column : queryWrite + profileWrite) {
            const QString cell = fields.at(source.column(column));
            QVariant value;
            switch (kindOf(column)) {
            case Kind::Text:
                value = cell.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(cell);
                break;
            case Kind::Timestamp: {
                const auto parsed = FieldParser::timestamp(cell);
                if (FieldParser::failed(parsed))
                    return source.errorAt(column, std::get<QString>(parsed));
                value = Database::toSqlTimestamp(std::get<0>(parsed));
                break;
            }
            case Kind::Count: {
                const auto parsed = FieldParser::integer(cell);
                if (FieldParser::failed(parsed))
                    return source.errorAt(column, std::get<QString>(parsed));
                const auto number = std::get<0>(parsed);
                if (!number && column == QLatin1String("duration_ms"))
                    return source.errorAt(column, QStringLiteral("is empty; every job needs a duration"));
                value = number ? QVariant(*number) : QVariant(QMetaType::fromType<qint64>());
                break;
            }
            }
            if (column == QLatin1String("job_id")) {
                jobId = cell.trimmed();
                if (jobId.isEmpty())
                    return source.errorAt(column, QStringLiteral("is empty; every job needs an ID"));
                if (jobId.size() > MaxJobIdLength)
                    return source.errorAt(column, QStringLiteral("is %1 characters long; at most %2 are allowed")
                                                      .arg(jobId.size())
                                                      .arg(MaxJobIdLength));
                value = jobId;
            }
            if (profileWrite.contains(column))
                profileRow << value;
            else
                queryRow << value;
        }
        if (defaultEngine)
            queryRow << QStringLiteral("generic");
        if (seen.contains(jobId))
            ++report.duplicates;
        else
            seen.insert(jobId);

        if (Status added = queries.add(std::move(queryRow)); !added)
            return source.errorAtLine(added.error().message);
        if (profiles) {
            profileRow.prepend(jobId);
            if (Status added = profiles->add(std::move(profileRow)); !added)
                return source.errorAtLine(added.error().message);
        }
        if (options.progress && report.rowsRead % 4096 == 0
            && !options.progress(source.bytesRead(), source.totalBytes()))
            return Error::canceled();
    }
    if (readError)
        return *readError;
    if (report.rowsRead == 0)
        return Error::invalidInput(QStringLiteral("%1: the file has a header but no jobs").arg(path));

    if (Status flushed = profiles ? profiles->flush() : queries.flush(); !flushed)
        return flushed.error();
    const auto countAfter = JobRepository(m_database).count();
    if (!countAfter)
        return countAfter.error();
    report.inserted = *countAfter - *countBefore;
    report.updated = qint64(seen.size()) - report.inserted;
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    if (options.progress)
        options.progress(source.totalBytes(), source.totalBytes());
    return report;
}
