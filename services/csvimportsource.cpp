#include "csvimportsource.h"

#include "text.h"

#include <QFileInfo>

CsvImportSource::CsvImportSource(QString path, QStringList knownColumns, QStringList requiredColumns)
    : m_path(std::move(path)), m_known(std::move(knownColumns)),
      m_required(std::move(requiredColumns)), m_file(m_path)
{
}

Error CsvImportSource::errorAt(const QString &column, const QString &message) const
{
    return Error::invalidInput(
        Text::tr("%1:%2: column '%3': %4").arg(m_path).arg(line()).arg(column, message));
}

Error CsvImportSource::errorAtLine(const QString &message) const
{
    return Error::invalidInput(QStringLiteral("%1:%2: %3").arg(m_path).arg(line()).arg(message));
}

Status CsvImportSource::open()
{
    if (QFileInfo(m_path).isDir())
        return Error::invalidInput(Text::tr("%1: is a folder, not a file").arg(m_path));
    if (!m_file.open(QIODevice::ReadOnly))
        return Error::invalidInput(
            Text::tr("%1: cannot be read: %2").arg(m_path, m_file.errorString()));
    m_reader = std::make_unique<CsvReader>(&m_file);

    QStringList header;
    if (!m_reader->readRecord(header)) {
        if (m_reader->hasError())
            return errorAtLine(m_reader->errorString());
        return Error::invalidInput(Text::tr("%1: the file is empty; expected a header row "
                                            "naming the columns (%2 required)")
                                       .arg(m_path, m_required.join(QStringLiteral(", "))));
    }
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        if (name.isEmpty())
            return errorAtLine(Text::tr("header field %1 is empty").arg(i + 1));
        if (m_columns.contains(name) || m_unknown.contains(name))
            return errorAt(name, Text::tr("appears twice in the header"));
        if (m_known.contains(name))
            m_columns.insert(name, i);
        else
            m_unknown << name;
    }
    for (const QString &required : std::as_const(m_required)) {
        if (!m_columns.contains(required)) {
            QString message = Text::tr("required column is missing from the header");
            if (header.size() == 1 && (header.first().contains(u';') || header.first().contains(u'\t')))
                message += Text::tr(" (the header has one field: is the file separated "
                                    "by something other than commas?)");
            return errorAt(required, message);
        }
    }
    m_fieldCount = header.size();
    return success();
}

bool CsvImportSource::next(QStringList &fields, std::optional<Error> &error)
{
    error.reset();
    if (!m_reader->readRecord(fields)) {
        if (m_reader->hasError())
            error = errorAtLine(m_reader->errorString());
        return false;
    }
    if (fields.size() != m_fieldCount) {
        error = errorAtLine(Text::tr("expected %1 fields as in the header, found %2")
                                .arg(m_fieldCount)
                                .arg(fields.size()));
        return false;
    }
    return true;
}
