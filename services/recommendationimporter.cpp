#include "recommendationimporter.h"

#include "csvimportsource.h"
#include "fieldparser.h"
#include "recommendationrepository.h"
#include "sqlitefile.h"
#include "text.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

const QStringList &RecommendationImporter::columns()
{
    static const QStringList names{
        QStringLiteral("id"),          QStringLiteral("job_id"),
        QStringLiteral("issue_type"),  QStringLiteral("title"),
        QStringLiteral("description"), QStringLiteral("estimated_improvement_pct"),
        QStringLiteral("status"),      QStringLiteral("created_at"),
        QStringLiteral("implemented_at")};
    return names;
}

Result<ImportReport> RecommendationImporter::importFile(const QString &path,
                                                        const ImportOptions &options) const
{
    if (Status input = SqliteFile::checkInput(path); !input)
        return input.error();
    CsvImportSource source(path, columns(), {QStringLiteral("job_id"), QStringLiteral("issue_type")});
    if (Status opened = source.open(); !opened)
        return opened.error();

    ImportReport report;
    report.file = path;
    report.format = QStringLiteral("generic");
    report.ignoredColumns = source.unknownColumns();

    QStringList written; // the columns this file sets, id excepted
    for (const QString &column : columns())
        if (column != QLatin1String("id") && source.has(column))
            written << column;
    const bool hasStatus = source.has(QStringLiteral("status"));
    const bool hasCreated = source.has(QStringLiteral("created_at"));
    QStringList inserted = written;
    if (!hasStatus)
        inserted << QStringLiteral("status");
    if (!hasCreated)
        inserted << QStringLiteral("created_at");
    QStringList assignments;
    for (const QString &column : written)
        assignments << column + QStringLiteral(" = excluded.") + column;

    const QSqlDatabase connection = m_database.connection();
    const QString placeholders = QStringList(inserted.size(), QStringLiteral("?")).join(u',');
    QSqlQuery withId(connection);
    withId.prepare(QStringLiteral("INSERT INTO recommendations (id, %1) VALUES (?, %2) "
                                  "ON CONFLICT (id) DO UPDATE SET %3")
                       .arg(inserted.join(QStringLiteral(", ")), placeholders,
                            assignments.join(QStringLiteral(", "))));
    QSqlQuery withoutId(connection);
    withoutId.prepare(QStringLiteral("INSERT INTO recommendations (%1) VALUES (%2)")
                          .arg(inserted.join(QStringLiteral(", ")), placeholders));
    QSqlQuery jobExists(connection);
    jobExists.prepare(QStringLiteral("SELECT 1 FROM queries WHERE job_id = ?"));

    // Declared after the statements, so that a failed import rolls back before they are
    // freed (PostgreSQL refuses to free them inside an aborted transaction).
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    const auto countBefore = RecommendationRepository(m_database).count();
    if (!countBefore)
        return countBefore.error();

    const QDateTime importedAt = QDateTime::currentDateTimeUtc();
    QSet<qint64> seenIds;
    bool sequenceBehind = false;
    auto advanceSequence = [&connection]() -> Status {
        QSqlQuery sequence(connection);
        if (!sequence.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('recommendations', 'id'), "
                                          "(SELECT MAX(id) FROM recommendations))")))
            return Database::sqlError(Text::tr("Cannot advance the id sequence"), sequence.lastError());
        return success();
    };
    QStringList fields;
    std::optional<Error> readError;
    while (source.next(fields, readError)) {
        ++report.rowsRead;
        auto cell = [&](const char *name) { return fields.at(source.column(QLatin1String(name))); };

        std::optional<qint64> id;
        if (source.has(QStringLiteral("id"))) {
            const auto parsed = FieldParser::integer(cell("id"));
            if (FieldParser::failed(parsed))
                return source.errorAt(QStringLiteral("id"), std::get<QString>(parsed));
            id = std::get<0>(parsed);
            if (id && *id == 0)
                return source.errorAt(QStringLiteral("id"), Text::tr("'0' is not a valid id; ids start at 1"));
        }

        QVariantList values;
        for (const QString &column : written) {
            const QString text = fields.at(source.column(column));
            if (column == QLatin1String("job_id")) {
                const QString jobId = text.trimmed();
                if (jobId.isEmpty())
                    return source.errorAt(column, Text::tr("is empty; every recommendation names its job"));
                jobExists.addBindValue(jobId);
                if (!jobExists.exec())
                    return Database::sqlError(Text::tr("Cannot look up a job"), jobExists.lastError());
                const bool known = jobExists.next();
                jobExists.finish();
                if (!known)
                    return source.errorAt(column, Text::tr("job '%1' is not among the imported "
                                                           "jobs; import it first")
                                                      .arg(jobId));
                values << jobId;
            } else if (column == QLatin1String("issue_type")) {
                const QString issueType = text.trimmed();
                if (issueType.isEmpty())
                    return source.errorAt(column, Text::tr("is empty; every recommendation has an issue type"));
                values << issueType;
            } else if (column == QLatin1String("estimated_improvement_pct")) {
                const auto parsed = FieldParser::real(text);
                if (FieldParser::failed(parsed))
                    return source.errorAt(column, std::get<QString>(parsed));
                const auto estimate = std::get<0>(parsed);
                if (estimate && *estimate > 100)
                    return source.errorAt(column, Text::tr("%1 is above 100; an improvement "
                                                           "cannot exceed 100 %")
                                                      .arg(text.trimmed()));
                values << (estimate ? QVariant(*estimate) : QVariant(QMetaType::fromType<double>()));
            } else if (column == QLatin1String("status")) {
                const QString status = text.trimmed().toLower();
                if (status.isEmpty())
                    values << QStringLiteral("open");
                else if (status == QLatin1String("open") || status == QLatin1String("implemented")
                         || status == QLatin1String("dismissed"))
                    values << status;
                else
                    return source.errorAt(column, Text::tr("'%1' is not a status; use open, "
                                                           "implemented or dismissed")
                                                      .arg(text.trimmed()));
            } else if (column.endsWith(QLatin1String("_at"))) {
                const auto parsed = FieldParser::timestamp(text);
                if (FieldParser::failed(parsed))
                    return source.errorAt(column, std::get<QString>(parsed));
                values << Database::toSqlTimestamp(std::get<0>(parsed));
            } else {
                values << (text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text));
            }
        }
        if (!hasStatus)
            values << QStringLiteral("open");
        if (!hasCreated)
            values << Database::toSqlTimestamp(importedAt);

        // Explicit ids do not advance PostgreSQL's identity sequence: move it past them
        // before the next row that takes a generated id.
        if (!id && sequenceBehind) {
            if (Status advanced = advanceSequence(); !advanced)
                return advanced.error();
            sequenceBehind = false;
        }
        QSqlQuery &statement = id ? withId : withoutId;
        if (id) {
            sequenceBehind = m_database.isPostgres();
            if (seenIds.contains(*id))
                ++report.duplicates;
            seenIds.insert(*id);
            statement.addBindValue(*id);
        }
        for (const QVariant &value : std::as_const(values))
            statement.addBindValue(value);
        if (!statement.exec())
            return source.errorAtLine(
                Database::sqlError(Text::tr("cannot save the recommendation"), statement.lastError())
                    .message);
        if (options.progress && report.rowsRead % 1024 == 0
            && !options.progress(source.bytesRead(), source.totalBytes()))
            return Error::canceled();
    }
    if (readError)
        return *readError;
    if (report.rowsRead == 0)
        return Error::invalidInput(
            Text::tr("%1: the file has a header but no recommendations").arg(path));

    if (sequenceBehind) {
        if (Status advanced = advanceSequence(); !advanced)
            return advanced.error();
    }
    const auto countAfter = RecommendationRepository(m_database).count();
    if (!countAfter)
        return countAfter.error();
    report.inserted = *countAfter - *countBefore;
    report.updated = report.rowsRead - report.duplicates - report.inserted;
    if (report.inserted > 0 || report.updated > 0)
        transaction.announce(QStringLiteral("recommendations"));
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    return report;
}
