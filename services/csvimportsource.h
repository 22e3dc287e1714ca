#pragma once

#include "csvreader.h"
#include "result.h"

#include <QFile>
#include <QHash>
#include <QStringList>

#include <memory>

// A CSV file with a header row naming its columns, as the importers read it: names are
// matched case-insensitively and in any order, required ones must be there, unknown ones
// are listed. Errors read FILE:LINE: column 'NAME': what was wrong (SPEC §4.1).
class CsvImportSource
{
public:
    CsvImportSource(QString path, QStringList knownColumns, QStringList requiredColumns);

    // Opens the file and reads the header.
    Status open();

    int column(const QString &name) const { return m_columns.value(name, -1); }
    bool has(const QString &name) const { return m_columns.contains(name); }
    QStringList unknownColumns() const { return m_unknown; }

    // Reads the next record; false at the end or on an error (then `error` is set).
    bool next(QStringList &fields, std::optional<Error> &error);

    qint64 line() const { return m_reader ? m_reader->recordLine() : 0; }
    qint64 bytesRead() const { return m_reader ? m_reader->bytesRead() : 0; }
    qint64 totalBytes() const { return m_file.size(); }
    QString path() const { return m_path; }

    Error errorAt(const QString &column, const QString &message) const;
    Error errorAtLine(const QString &message) const;

private:
    QString m_path;
    QStringList m_known;
    QStringList m_required;
    QFile m_file;
    std::unique_ptr<CsvReader> m_reader;
    QHash<QString, int> m_columns;
    QStringList m_unknown;
    qsizetype m_fieldCount = 0;
};
