#include "importsource.h"

#include "jsonsource.h"
#include "text.h"

#include <QCryptographicHash>
#include <QFileInfo>

namespace {

// ---------------------------------------------------------------------------------------
// CSV with a header row.

class CsvSource : public ImportSource
{
public:
    CsvSource(QString path, QIODevice *device) : m_reader(device)
    {
        m_path = std::move(path);
        m_device = device;
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

// The first byte that is not white space (after a byte-order mark).
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
    // JSON of any shape starts with '[' or '{' (JsonSource finds the shape by parsing); a CSV
    // header never does.
    const char first = firstSignificantByte(device);
    if (first == '[' || first == '{') {
        auto source = std::make_unique<Owning<JsonSource>>(std::move(file), path, device);
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

Result<QByteArray> ImportSource::contentHash() const
{
    if (!m_device || m_device->isSequential())
        return Error::invalidInput(Text::tr("%1: cannot be read twice to name its content").arg(m_path));
    const qint64 position = m_device->pos();
    if (!m_device->seek(0))
        return Error::invalidInput(Text::tr("%1: cannot be read twice to name its content").arg(m_path));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    bool first = true;
    bool carriageReturn = false; // a CR at the end of a chunk, kept back until the next byte is seen
    for (;;) {
        QByteArray chunk = m_device->read(1 << 16);
        if (chunk.isEmpty())
            break;
        if (first && chunk.startsWith("\xEF\xBB\xBF"))
            chunk.remove(0, 3);
        first = false;
        if (carriageReturn && !chunk.startsWith('\n'))
            hash.addData("\r");
        carriageReturn = chunk.endsWith('\r');
        if (carriageReturn)
            chunk.chop(1);
        chunk.replace("\r\n", "\n");
        hash.addData(chunk);
    }
    if (carriageReturn)
        hash.addData("\r");
    const bool restored = m_device->seek(position);
    if (!restored)
        return Error::invalidInput(Text::tr("%1: cannot be read twice to name its content").arg(m_path));
    return hash.result();
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
