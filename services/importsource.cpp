#include "importsource.h"

#include "text.h"
#include "utf8.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <deque>

namespace {

constexpr qint64 ChunkSize = 1 << 16;
constexpr qsizetype MaxJsonRecordBytes = qsizetype(256) << 20;

// ---------------------------------------------------------------------------------------
// CSV with a header row.

class CsvSource : public ImportSource
{
public:
    CsvSource(QString path, QIODevice *device) : m_reader(device)
    {
        m_path = std::move(path);
        m_totalBytes = device->size();
    }

    Status readHeader()
    {
        const CsvReader::Read read = m_reader.read();
        m_line = m_reader.recordLine();
        if (read == CsvReader::Read::Error)
            return errorAtLine(m_reader.errorString());
        if (read == CsvReader::Read::End)
            return Error::invalidInput(Text::tr("%1: the file is empty; expected a header row "
                                                "naming the columns")
                                           .arg(m_path));
        for (qsizetype i = 0; i < m_reader.fieldCount(); ++i) {
            const QString written = m_reader.field(i).trimmed();
            const QString name = written.toLower();
            if (name.isEmpty())
                return errorAtLine(Text::tr("header field %1 is empty").arg(i + 1));
            if (m_columnIndex.contains(name))
                return errorAtLine(Text::tr("column '%1': appears twice in the header").arg(name));
            m_columnIndex.insert(name, int(i));
            m_names << name;
            m_displayNames << written;
        }
        m_fieldCount = m_reader.fieldCount();
        return success();
    }

    QStringList columns() const override { return m_names; }
    QString syntax() const override { return QStringLiteral("CSV"); }

    Next next() override
    {
        const CsvReader::Read read = m_reader.read();
        m_line = m_reader.recordLine();
        switch (read) {
        case CsvReader::Read::End:
            return Next::End;
        case CsvReader::Read::Error:
            m_invalid = errorAtLine(m_reader.errorString());
            return Next::Invalid;
        case CsvReader::Read::Record:
            break;
        }
        if (m_reader.fieldCount() != m_fieldCount) {
            m_invalid = errorAtLine(Text::tr("expected %1 fields as in the header, found %2")
                                        .arg(m_fieldCount)
                                        .arg(m_reader.fieldCount()));
            return Next::Invalid;
        }
        return Next::Record;
    }

    QString cell(int handle) const override
    {
        const int column = m_handles.at(handle).column;
        if (column < 0)
            return {};
        const QByteArrayView bytes = m_reader.fieldBytes(column);
        return bytes.isEmpty() ? QString() : QString::fromUtf8(bytes);
    }

    qint64 bytesRead() const override { return m_reader.bytesRead(); }

protected:
    QString locate(const Handle &handle) const override
    {
        return Text::tr("column '%1'").arg(handle.displayName);
    }

private:
    CsvReader m_reader;
    QStringList m_names;
    qsizetype m_fieldCount = 0;
};

// ---------------------------------------------------------------------------------------
// JSON: an array of objects, or one object per line.

QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const QVariant variant = value.toVariant();
        if (variant.typeId() == QMetaType::LongLong)
            return QString::number(variant.toLongLong());
        const double number = value.toDouble();
        // A whole number past 64 bits keeps its digits, so that it is refused as such.
        if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 1e300)
            return QString::number(number, 'f', 0);
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

void flatten(const QJsonObject &object, const QString &prefix, QStringList &paths)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        paths << path;
        if (it.value().isObject())
            flatten(it.value().toObject(), path, paths);
    }
}

QJsonValue member(const QJsonObject &object, const QString &key)
{
    const auto exact = object.constFind(key);
    if (exact != object.constEnd())
        return *exact;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return it.value();
    return QJsonValue(QJsonValue::Undefined);
}

class JsonSource : public ImportSource
{
public:
    JsonSource(QString path, QIODevice *device, bool array) : m_device(device), m_array(array)
    {
        m_path = std::move(path);
        m_totalBytes = device->size();
    }

    // Reads the first records, whose fields name the columns: JSON exports leave null fields
    // out, so the first record may lack one (bq's row for a RUNNING job has no end_time). They
    // are read again, in order, by next().
    Status readFirst()
    {
        m_line = 1;
        for (int i = 0; i < ColumnLookAhead; ++i) {
            const Next kind = read();
            if (kind == Next::Invalid && m_ahead.empty())
                return m_invalid;
            m_ahead.push_back({kind, m_current, m_line, m_index, m_invalid});
            if (kind != Next::Record)
                break;
            QStringList paths;
            flatten(m_current, QString(), paths);
            for (const QString &path : std::as_const(paths)) {
                const QString name = path.toLower();
                if (m_columnIndex.contains(name))
                    continue;
                m_columnIndex.insert(name, int(m_names.size()));
                m_names << name;
                m_displayNames << path;
            }
        }
        if (m_ahead.front().kind == Next::End)
            return Error::invalidInput(Text::tr("%1: the JSON holds no records").arg(m_path));
        return success();
    }

    QStringList columns() const override { return m_names; }
    QString syntax() const override { return m_array ? QStringLiteral("JSON") : QStringLiteral("NDJSON"); }

    Next next() override
    {
        if (!m_ahead.empty()) {
            Ahead ahead = std::move(m_ahead.front());
            m_ahead.pop_front();
            m_line = ahead.line;
            m_index = ahead.index;
            if (ahead.kind == Next::End)
                m_ended = true;
            else if (ahead.kind == Next::Invalid)
                m_invalid = std::move(ahead.invalid);
            else
                m_current = std::move(ahead.record);
            return ahead.kind;
        }
        if (m_ended)
            return Next::End;
        return read();
    }

private:
    // The next record from the file.
    Next read()
    {
        QByteArray element;
        const Next split = m_array ? nextElement(element) : nextLine(element);
        if (split != Next::Record)
            return split;
        ++m_index;
        if (!element.trimmed().startsWith('{')) {
            m_invalid = errorAtLine(Text::tr("%1 is not an object").arg(recordPath()));
            return Next::Invalid;
        }
        if (element.contains("\\u0000")) {
            m_invalid = errorAtLine(Text::tr("%1: a NUL character (\\u0000) in a string").arg(recordPath()));
            return Next::Invalid;
        }
        if (!isValidUtf8(element.constData(), element.size())) {
            m_invalid = errorAtLine(Text::tr("%1: invalid UTF-8").arg(recordPath()));
            return Next::Invalid;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(element, &error);
        if (error.error != QJsonParseError::NoError) {
            // The line of the fault within the record.
            const qint64 faultLine = m_line + element.left(error.offset).count('\n');
            m_invalid = Error::invalidInput(Text::tr("%1:%2: %3: not valid JSON: %4")
                                                .arg(m_path)
                                                .arg(faultLine)
                                                .arg(recordPath(), error.errorString()));
            return Next::Invalid;
        }
        if (!document.isObject()) {
            m_invalid = errorAtLine(Text::tr("%1 is not an object").arg(recordPath()));
            return Next::Invalid;
        }
        m_current = document.object();
        return Next::Record;
    }

public:
    QString cell(int handle) const override
    {
        const QStringList &path = m_handles.at(handle).path;
        if (path.isEmpty())
            return {};
        QJsonValue value = member(m_current, path.first());
        for (qsizetype i = 1; i < path.size() && !value.isUndefined(); ++i)
            value = value.isObject() ? member(value.toObject(), path.at(i)) : QJsonValue(QJsonValue::Undefined);
        return jsonText(value);
    }

    qint64 bytesRead() const override { return m_consumed; }

protected:
    QString locate(const Handle &handle) const override
    {
        return recordPath() + u'.' + handle.path.join(u'.');
    }

private:
    QString recordPath() const
    {
        return m_array ? QStringLiteral("$[%1]").arg(m_index) : QStringLiteral("$");
    }

    bool fill()
    {
        if (m_position < m_buffer.size())
            return true;
        if (m_eof)
            return false;
        m_buffer = m_device->read(ChunkSize);
        m_position = 0;
        if (m_buffer.isEmpty()) {
            m_eof = true;
            return false;
        }
        if (m_atStart) {
            m_atStart = false;
            if (m_buffer.startsWith("\xEF\xBB\xBF"))
                m_position = m_consumed = 3;
        }
        return true;
    }

    // Takes one byte; counts lines.
    bool take(char &c)
    {
        if (!fill())
            return false;
        c = m_buffer.at(m_position++);
        ++m_consumed;
        if (c == '\n')
            ++m_cursorLine;
        return true;
    }

    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    // The bytes of the next array element, found by tracking strings and nesting.
    Next nextElement(QByteArray &element)
    {
        if (m_finished)
            return Next::End;
        char c;
        // Up to the element: '[' at first, then ',' between elements, ']' at the end.
        for (;;) {
            if (!take(c)) {
                m_finished = true;
                m_line = m_cursorLine;
                m_invalid = errorAtLine(Text::tr("truncated JSON: the array is not closed with ']'"));
                return Next::Invalid;
            }
            if (isSpace(c))
                continue;
            if (!m_opened) {
                if (c != '[') {
                    m_finished = true;
                    m_line = m_cursorLine;
                    m_invalid = errorAtLine(Text::tr("expected a JSON array '['"));
                    return Next::Invalid;
                }
                m_opened = true;
                m_expectValue = true;
                continue;
            }
            if (c == ']') {
                m_finished = true;
                m_line = m_cursorLine;
                if (m_expectValue && m_index >= 0) {
                    m_invalid = errorAtLine(Text::tr("a ',' with no record after it before the closing ']'"));
                    return Next::Invalid;
                }
                while (take(c))
                    if (!isSpace(c)) {
                        m_invalid = errorAtLine(Text::tr("text after the end of the JSON array"));
                        return Next::Invalid;
                    }
                return Next::End;
            }
            if (c == ',' && !m_expectValue) {
                m_expectValue = true;
                continue;
            }
            break;
        }
        m_line = m_cursorLine;
        const bool missingComma = !m_expectValue; // "[{…} {…}]": the record is read, then refused
        m_expectValue = false;
        element.append(c);
        int depth = (c == '{' || c == '[') ? 1 : 0;
        bool inString = c == '"';
        bool escaped = false;
        if (depth == 0 && !inString) {
            // A scalar element: up to the next ',' or ']' (it is refused as not an object).
            while (fill() && m_buffer.at(m_position) != ',' && m_buffer.at(m_position) != ']') {
                take(c);
                element.append(c);
            }
            return Next::Record;
        }
        while (depth > 0 || inString) {
            if (!take(c)) {
                m_finished = true;
                ++m_index;
                m_invalid = errorAtLine(Text::tr("%1: truncated JSON: the record is not closed")
                                            .arg(recordPath()));
                return Next::Invalid;
            }
            element.append(c);
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                --depth;
            }
            if (element.size() > MaxJsonRecordBytes) {
                m_finished = true;
                ++m_index;
                m_invalid = errorAtLine(Text::tr("%1: a record longer than %2 MiB")
                                            .arg(recordPath())
                                            .arg(MaxJsonRecordBytes >> 20));
                return Next::Invalid;
            }
        }
        if (missingComma) {
            ++m_index;
            m_invalid = errorAtLine(Text::tr("%1: expected ',' between the records of the array").arg(recordPath()));
            return Next::Invalid;
        }
        return Next::Record;
    }

    // The next non-blank line (newline-delimited JSON).
    Next nextLine(QByteArray &element)
    {
        for (;;) {
            element.clear();
            m_line = m_cursorLine;
            bool any = false;
            char c;
            while (take(c)) {
                any = true;
                if (c == '\n')
                    break;
                element.append(c);
                if (element.size() > MaxJsonRecordBytes) {
                    m_invalid = errorAtLine(Text::tr("a line longer than %1 MiB").arg(MaxJsonRecordBytes >> 20));
                    m_eof = true;
                    m_buffer.clear();
                    return Next::Invalid;
                }
            }
            if (!any)
                return Next::End;
            if (!element.trimmed().isEmpty())
                return Next::Record;
        }
    }

    QIODevice *m_device;
    bool m_array;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    qint64 m_consumed = 0;
    qint64 m_cursorLine = 1;
    bool m_atStart = true;
    bool m_eof = false;
    bool m_opened = false;
    bool m_expectValue = false;
    bool m_finished = false;
    qint64 m_index = -1;
    // Records read ahead for the columns, given out again by next().
    struct Ahead
    {
        Next kind;
        QJsonObject record;
        qint64 line;
        qint64 index;
        Error invalid;
    };
    static constexpr int ColumnLookAhead = 100;
    std::deque<Ahead> m_ahead;
    bool m_ended = false;
    QJsonObject m_current;
    QStringList m_names;
};

// The syntax of a file from its first bytes: '[' or '{' is JSON, anything else CSV.
char firstSignificantByte(QIODevice *device)
{
    const QByteArray head = device->peek(4096);
    qsizetype at = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (at < head.size() && (head.at(at) == ' ' || head.at(at) == '\t' || head.at(at) == '\r'
                                || head.at(at) == '\n'))
        ++at;
    return at < head.size() ? head.at(at) : '\0';
}

// Owns the file a source reads.
template<typename Source>
class Owning final : public Source
{
public:
    template<typename... Args>
    Owning(std::unique_ptr<QFile> file, Args &&...args)
        : Source(std::forward<Args>(args)...), m_file(std::move(file))
    {
    }

private:
    std::unique_ptr<QFile> m_file;
};

} // namespace

Result<std::unique_ptr<ImportSource>> ImportSource::open(const QString &path, QIODevice *device)
{
    std::unique_ptr<QFile> file;
    if (!device) {
        if (QFileInfo(path).isDir())
            return Error::invalidInput(Text::tr("%1: is a folder, not a file").arg(path));
        file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::ReadOnly))
            return Error::invalidInput(Text::tr("%1: cannot be read: %2").arg(path, file->errorString()));
        device = file.get();
    }
    // Spreadsheets save "Unicode text" as UTF-16: say so rather than "invalid UTF-8".
    const QByteArray head = device->peek(2);
    if (head == QByteArray("\xFF\xFE", 2) || head == QByteArray("\xFE\xFF", 2))
        return Error::invalidInput(Text::tr("%1: the file is UTF-16 text; save it as UTF-8 (CSV UTF-8)").arg(path));
    const char first = firstSignificantByte(device);
    if (first == '[' || first == '{') {
        auto source = std::make_unique<Owning<JsonSource>>(std::move(file), path, device, first == '[');
        if (Status read = source->readFirst(); !read)
            return read.error();
        return std::unique_ptr<ImportSource>(std::move(source));
    }
    auto source = std::make_unique<Owning<CsvSource>>(std::move(file), path, device);
    if (Status read = source->readHeader(); !read)
        return read.error();
    return std::unique_ptr<ImportSource>(std::move(source));
}

QList<int> ImportSource::resolveEach(const QStringList &names)
{
    QList<int> handles;
    for (const QString &name : names)
        if (const int handle = resolve(name); handle >= 0)
            handles << handle;
    return handles;
}

QString ImportSource::columnsOrigin() const
{
    //: Completes "detected from %1", "%1 lacks the columns of …", "missing from %1", "fits none of …"
    return syntax() == QLatin1String("CSV") ? Text::tr("the header") : Text::tr("the first record");
}

int ImportSource::resolve(const QStringList &names)
{
    for (const QString &name : names) {
        const auto found = m_columnIndex.constFind(name.toLower());
        if (found == m_columnIndex.cend())
            continue;
        Handle handle;
        handle.displayName = m_displayNames.at(*found);
        if (syntax() == QLatin1String("CSV"))
            handle.column = *found;
        else
            handle.path = handle.displayName.split(u'.');
        m_handles << handle;
        return int(m_handles.size() - 1);
    }
    // JSON exports leave null fields out (bq, Spark's write.json), so a field the first record
    // lacks may be in the next one: every name resolves, to its path.
    if (syntax() != QLatin1String("CSV") && !names.isEmpty()) {
        Handle handle;
        handle.path = names.first().split(u'.');
        handle.displayName = names.first();
        m_handles << handle;
        return int(m_handles.size() - 1);
    }
    return -1;
}

Error ImportSource::errorAt(int handle, const QString &message) const
{
    return Error::invalidInput(QStringLiteral("%1:%2: %3: %4")
                                   .arg(m_path)
                                   .arg(m_line)
                                   .arg(locate(m_handles.at(handle)), message));
}

Error ImportSource::errorAtLine(const QString &message) const
{
    return Error::invalidInput(QStringLiteral("%1:%2: %3").arg(m_path).arg(m_line).arg(message));
}
