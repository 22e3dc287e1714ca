#include "csvreader.h"

#include "text.h"
#include "utf8.h"

namespace {
constexpr qint64 ChunkSize = 1 << 16;

} // namespace

CsvReader::CsvReader(QIODevice *device, char delimiter) : m_device(device), m_delimiter(delimiter)
{
}

bool CsvReader::fillBuffer()
{
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
        if (m_buffer.startsWith("\xEF\xBB\xBF")) {
            m_position = 3;
            m_bytesConsumed += 3;
        }
    }
    return true;
}

QByteArrayView CsvReader::fieldBytes(qsizetype index) const
{
    const qsizetype begin = index == 0 ? 0 : m_ends.at(index - 1);
    return QByteArrayView(m_record.constData() + begin, m_ends.at(index) - begin);
}

QStringList CsvReader::fields() const
{
    QStringList list;
    list.reserve(m_ends.size());
    for (qsizetype i = 0; i < m_ends.size(); ++i)
        list << field(i);
    return list;
}

void CsvReader::endField()
{
    m_ends.append(m_record.size());
}

bool CsvReader::validateUtf8()
{
    if (m_record.contains('\0')) {
        for (qsizetype i = 0; i < m_ends.size(); ++i)
            if (fieldBytes(i).contains('\0')) {
                m_error = Text::tr("a NUL byte in field %1").arg(i + 1);
                return false;
            }
    }
    if (isValidUtf8(m_record.constData(), m_record.size()))
        return true;
    for (qsizetype i = 0; i < m_ends.size(); ++i) {
        const QByteArrayView bytes = fieldBytes(i);
        if (!isValidUtf8(bytes.data(), bytes.size())) {
            m_error = Text::tr("invalid UTF-8 in field %1").arg(i + 1);
            return false;
        }
    }
    return true;
}

CsvReader::Read CsvReader::read()
{
    m_record.clear();
    m_ends.clear();
    m_error.clear();
    if (m_finished)
        return Read::End;

    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    bool recordStarted = false;
    bool lastWasCr = false; // a CR just ended a line inside quotes; a following LF is the same break
    m_recordLine = m_line;
    QString problem;       // the first thing wrong with this record; reading goes on to its end
    auto fail = [&problem](QString message) {
        if (problem.isEmpty())
            problem = std::move(message);
    };

    for (;;) {
        if (m_position >= m_buffer.size() && !fillBuffer())
            break;
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        qsizetype i = m_position;
        while (i < size) {
            const char c = data[i];
            switch (state) {
            case State::FieldStart:
            case State::Unquoted: {
                if (c == '"' && state == State::FieldStart) {
                    state = State::Quoted;
                    recordStarted = true;
                    ++i;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    // The end of the line: of the record, or a blank line to skip.
                    ++i;
                    if (c == '\r') {
                        if (i >= size) {
                            m_bytesConsumed += i - m_position;
                            m_position = i;
                            if (fillBuffer() && m_buffer.at(0) == '\n') {
                                m_position = 1;
                                m_bytesConsumed += 1;
                            }
                            data = m_buffer.constData();
                            i = m_position;
                        } else if (data[i] == '\n') {
                            ++i;
                        }
                    }
                    m_bytesConsumed += i - m_position;
                    m_position = i;
                    ++m_line;
                    if (!recordStarted) {
                        m_recordLine = m_line;
                        goto nextChunk; // a blank line: the record starts on the next one
                    }
                    endField();
                    goto recordDone;
                }
                if (c == m_delimiter) {
                    recordStarted = true;
                    endField();
                    state = State::FieldStart;
                    ++i;
                    break;
                }
                if (c == '"')
                    fail(Text::tr("a quote inside the unquoted field %1; quote the field and "
                                  "double the quote")
                             .arg(m_ends.size() + 1));
                // A run of ordinary bytes at once.
                qsizetype j = i + 1;
                while (j < size && data[j] != m_delimiter && data[j] != '\n' && data[j] != '\r'
                       && data[j] != '"')
                    ++j;
                m_record.append(data + i, j - i);
                i = j;
                state = State::Unquoted;
                recordStarted = true;
                break;
            }
            case State::Quoted: {
                if (c == '"') {
                    state = State::QuoteInQuoted;
                    lastWasCr = false;
                    ++i;
                    break;
                }
                qsizetype j = i;
                while (j < size && data[j] != '"') {
                    if (data[j] == '\n') {
                        if (!lastWasCr)
                            ++m_line;
                        lastWasCr = false;
                    } else if (data[j] == '\r') {
                        ++m_line;
                        lastWasCr = true;
                    } else {
                        lastWasCr = false;
                    }
                    ++j;
                }
                m_record.append(data + i, j - i);
                i = j;
                break;
            }
            case State::QuoteInQuoted:
                if (c == '"') {
                    m_record.append('"');
                    state = State::Quoted;
                    ++i;
                } else if (c == m_delimiter || c == '\n' || c == '\r') {
                    state = State::Unquoted; // the field is over; the Unquoted case ends it
                } else {
                    fail(Text::tr("unexpected character after the closing quote of field %1")
                             .arg(m_ends.size() + 1));
                    state = State::Unquoted;
                }
                break;
            }
            if (m_record.size() > MaxRecordBytes) {
                m_bytesConsumed += i - m_position;
                m_position = i;
                m_finished = true;
                m_error = Text::tr("a record longer than %1 MiB (an unterminated quote?)")
                              .arg(MaxRecordBytes >> 20);
                return Read::Error;
            }
        }
        m_bytesConsumed += i - m_position;
        m_position = i;
    nextChunk:;
    }

    // The end of the input.
    m_finished = true;
    if (state == State::Quoted) {
        m_error = Text::tr("unterminated quoted field %1").arg(m_ends.size() + 1);
        return Read::Error;
    }
    if (!recordStarted)
        return Read::End;
    endField();

recordDone:
    if (!problem.isEmpty()) {
        m_error = problem;
        return Read::Error;
    }
    if (!validateUtf8())
        return Read::Error;
    return Read::Record;
}

bool CsvReader::readRecord(QStringList &fields)
{
    fields.clear();
    if (m_sticky)
        return false;
    switch (read()) {
    case Read::Record:
        fields = this->fields();
        return true;
    case Read::Error:
        m_sticky = true;
        return false;
    case Read::End:
        m_sticky = true;
        m_error.clear();
        return false;
    }
    return false;
}
