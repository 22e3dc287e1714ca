#include "csvreader.h"

#include <QStringDecoder>

namespace {
constexpr qint64 ChunkSize = 1 << 16;
}

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

bool CsvReader::finishField(QStringList &fields)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(m_field);
    if (decoder.hasError()) {
        m_error = QStringLiteral("invalid UTF-8 in field %1").arg(fields.size() + 1);
        return false;
    }
    fields.append(std::move(text));
    m_field.clear();
    return true;
}

bool CsvReader::readRecord(QStringList &fields)
{
    fields.clear();
    m_field.clear();
    if (hasError())
        return false;

    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    bool recordStarted = false;
    m_recordLine = m_line;

    // Loops: a chunk may be used up by the byte-order mark alone.
    auto next = [this](char &c) {
        while (m_position >= m_buffer.size())
            if (!fillBuffer())
                return false;
        c = m_buffer.at(m_position++);
        ++m_bytesConsumed;
        return true;
    };
    auto peek = [this](char &c) {
        while (m_position >= m_buffer.size())
            if (!fillBuffer())
                return false;
        c = m_buffer.at(m_position);
        return true;
    };

    char c;
    while (next(c)) {
        switch (state) {
        case State::FieldStart:
        case State::Unquoted:
            if (c == '"' && state == State::FieldStart) {
                state = State::Quoted;
                recordStarted = true;
            } else if (c == m_delimiter) {
                recordStarted = true;
                if (!finishField(fields))
                    return false;
                state = State::FieldStart;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    char following;
                    if (peek(following) && following == '\n')
                        next(following);
                }
                ++m_line;
                if (!recordStarted && m_field.isEmpty()) { // a blank line
                    m_recordLine = m_line;
                    continue;
                }
                return finishField(fields);
            } else if (c == '"') {
                m_error = QStringLiteral("a quote inside the unquoted field %1; quote the field "
                                         "and double the quote")
                              .arg(fields.size() + 1);
                return false;
            } else {
                m_field.append(c);
                state = State::Unquoted;
                recordStarted = true;
            }
            break;
        case State::Quoted:
            if (c == '"')
                state = State::QuoteInQuoted;
            else {
                if (c == '\n')
                    ++m_line;
                else if (c == '\r') {
                    char following;
                    if (!(peek(following) && following == '\n'))
                        ++m_line;
                }
                m_field.append(c);
            }
            break;
        case State::QuoteInQuoted:
            if (c == '"') {
                m_field.append('"');
                state = State::Quoted;
            } else if (c == m_delimiter) {
                if (!finishField(fields))
                    return false;
                state = State::FieldStart;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    char following;
                    if (peek(following) && following == '\n')
                        next(following);
                }
                ++m_line;
                return finishField(fields);
            } else {
                m_error = QStringLiteral("unexpected character after the closing quote of field %1")
                              .arg(fields.size() + 1);
                return false;
            }
            break;
        }
    }

    if (state == State::Quoted) {
        m_error = QStringLiteral("unterminated quoted field %1").arg(fields.size() + 1);
        return false;
    }
    if (!recordStarted && m_field.isEmpty())
        return false; // end of input
    return finishField(fields);
}
