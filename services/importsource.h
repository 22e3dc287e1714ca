#pragma once

#include "csvreader.h"
#include "result.h"

#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <memory>

// The records of a history export, whatever its syntax: a CSV file with a header row, or JSON
// (an array of objects, NDJSON, or one document: a record, or an envelope holding an array of
// records; jsonsource.h). Both are read as a stream, in constant memory (a record is parsed one
// at a time).
//
// Columns are asked for by name once (resolve), then read per record by handle (cell), so a
// wide export costs only the columns a format uses. Names match case-insensitively; a JSON
// object's nested fields are named by their path ("query_info.query_hashes.normalized_literals").
// Errors name the file, the line where the record starts, and the column or JSON path.
class ImportSource
{
public:
    enum class Next { Record, End, Invalid };

    virtual ~ImportSource() = default;

    // Opens the file of `path` (or reads `device` when given: the fuzz target) and reads the
    // header or the first record. An empty file, or a header-only one, is an error.
    static Result<std::unique_ptr<ImportSource>> open(const QString &path, QIODevice *device = nullptr);

    // The column names of the header (CSV) or the field paths of the first record (JSON),
    // lower-case, in file order.
    virtual QStringList columns() const = 0;
    virtual QString syntax() const = 0; // "CSV", "JSON" or "NDJSON"
    // Where the columns come from, for messages: "the header" or "the first record" (translated,
    // for "detected from %1", "%1 lacks the columns …").
    QString columnsOrigin() const;

    // A handle for the first of `names` the source has, or -1. In JSON every name resolves.
    int resolve(const QStringList &names);
    int resolve(const QString &name) { return resolve(QStringList{name}); }
    // A handle for each of `names` the source has, in that order: a format takes the first
    // non-empty cell of them, record by record. (JSON: every name, since JSON exports leave
    // null fields out.)
    QList<int> resolveEach(const QStringList &names);
    bool has(const QString &name) const { return m_columnIndex.contains(name); }
    // The column's name as the file writes it.
    QString columnName(int handle) const { return m_handles.at(handle).displayName; }
    // The name of the column at `position` in columns(), as the file writes it.
    QString columnNameAt(qsizetype position) const { return m_displayNames.value(position); }

    // The next record; Invalid when it is malformed (invalidRecord() says why), after which
    // the following records can still be read.
    virtual Next next() = 0;
    // The value of a column in the current record: null when the column is absent or the
    // JSON value is null; JSON numbers and booleans as their text; JSON objects as JSON text.
    virtual QString cell(int handle) const = 0;

    qint64 line() const { return m_line; }
    virtual qint64 bytesRead() const = 0;
    qint64 totalBytes() const { return m_totalBytes; }
    QString path() const { return m_path; }

    // SHA-256 of the file's content, a byte-order mark and the difference between CRLF and LF
    // line ends not counted: what names a snapshot that has no time of its own. Reads the file
    // once more, leaving the reading where it was.
    Result<QByteArray> contentHash() const;

    // FILE:LINE: column 'NAME': message (CSV), FILE:LINE: $[3].name: message (JSON).
    Error errorAt(int handle, const QString &message) const;
    // FILE:LINE: message.
    Error errorAtLine(const QString &message) const;
    const Error &invalidRecord() const { return m_invalid; }

protected:
    struct Handle
    {
        int column = -1;     // CSV: field index
        QStringList path;    // JSON: keys from the top
        QString displayName; // as the file writes it
    };
    virtual QString locate(const Handle &handle) const = 0;

    QString m_path;
    QIODevice *m_device = nullptr;
    qint64 m_line = 0;
    qint64 m_totalBytes = 0;
    QHash<QString, int> m_columnIndex; // lower-case name -> position in columns()
    QStringList m_displayNames;        // as written, by position
    QList<Handle> m_handles;
    Error m_invalid;
};
