#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>

// A streaming RFC 4180 reader: quoted fields may hold the delimiter, doubled quotes and line
// breaks; records end with LF or CRLF; a UTF-8 byte-order mark is skipped. It reads the device
// in chunks, so a file larger than memory is read in constant memory.
class CsvReader
{
public:
    explicit CsvReader(QIODevice *device, char delimiter = ',');

    // Reads the next record into `fields`. Returns false at the end of the input or on an
    // error; hasError() tells which. Blank lines are skipped.
    bool readRecord(QStringList &fields);

    // The line on which the record last read (or failing) starts; the first line is 1.
    qint64 recordLine() const { return m_recordLine; }
    qint64 bytesRead() const { return m_bytesConsumed; }

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    bool fillBuffer();
    bool finishField(QStringList &fields);

    QIODevice *m_device;
    char m_delimiter;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    qint64 m_bytesConsumed = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 1;
    bool m_atStart = true;
    bool m_eof = false;
    QByteArray m_field;
    QString m_error;
};
