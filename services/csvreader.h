#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringList>

// A streaming RFC 4180 reader: quoted fields may hold the delimiter, doubled quotes and line
// breaks; records end with LF, CRLF or CR; a UTF-8 byte-order mark is skipped. It reads the
// device in chunks, so a file larger than memory is read in constant memory.
//
// read() recovers from a malformed record: it reports the error, the record is consumed up to
// its end, and the next read() goes on with the following record (an import with
// --skip-invalid lists the bad lines and keeps the good ones). Fields are kept as bytes and
// decoded only when asked for; every record is checked to be valid UTF-8 as a whole.
class CsvReader
{
public:
    enum class Read { Record, End, Error };

    explicit CsvReader(QIODevice *device, char delimiter = ',');

    Read read();

    qsizetype fieldCount() const { return m_ends.size(); }
    QByteArrayView fieldBytes(qsizetype index) const;
    QString field(qsizetype index) const { return QString::fromUtf8(fieldBytes(index)); }
    QStringList fields() const;

    // The line on which the record last read (or failing) starts; the first line is 1.
    qint64 recordLine() const { return m_recordLine; }
    qint64 bytesRead() const { return m_bytesConsumed; }
    // What was wrong with the record the last read() refused.
    QString errorString() const { return m_error; }

    // The simple interface of the recommendations importer and the tests: the next record,
    // false at the end or at the first error (hasError() tells which), and from then on.
    bool readRecord(QStringList &fields);
    bool hasError() const { return m_sticky && !m_error.isEmpty(); }

    // A record longer than this is refused (an unterminated quote swallowing a huge file).
    static constexpr qsizetype MaxRecordBytes = qsizetype(256) << 20;

private:
    bool fillBuffer();
    void endField();
    bool validateUtf8();

    QIODevice *m_device;
    char m_delimiter;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    qint64 m_bytesConsumed = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 1;
    bool m_atStart = true;
    bool m_eof = false;
    bool m_finished = false; // nothing more to read (end, or an error that ate the input)
    bool m_sticky = false;
    QByteArray m_record;         // the fields' bytes, one after the other
    QList<qsizetype> m_ends;     // where each field ends in m_record
    QString m_error;
};
