#pragma once

#include "importsource.h"

#include <QByteArray>
#include <QJsonObject>

#include <deque>
#include <optional>

class QIODevice;

// The records of a JSON history export, read as a stream in constant memory (one record is
// parsed at a time; QJsonDocument on a whole 70 MB file costs 500 MB, QT-NOTES §7). The shape
// is found by parsing, not guessed from the first byte:
//   [ {…}, {…} ]                 an array of records (bq --format=json, bq ls -j, EXPORT DATA)
//   {…}\n{…}\n                    one record per line (NDJSON)
//   { … }                         one document, pretty-printed or not: a record of its own (a
//                                 BigQuery Job resource from bq show -j), or an envelope whose
//                                 "rows" or "jobs" array holds the records (Dremio's REST result
//                                 {"rowCount", "schema", "rows"}, a BigQuery jobs.list response),
//                                 streamed as they come.
// A BigQuery query result (getQueryResults: schema + rows of f/v cells) holds a query's result
// rows, not job metrics, and is refused as such. Errors name the record by its JSON path:
// $[3] in an array, $.rows[3] in an envelope, $ for a document or an NDJSON line.
class JsonSource : public ImportSource
{
public:
    JsonSource(QString path, QIODevice *device);

    // Reads the first records, whose fields name the columns (see readFirst in the .cpp).
    Status readFirst();

    QStringList columns() const override { return m_names; }
    QString syntax() const override;
    Next next() override;
    QString cell(int handle) const override;
    qint64 bytesRead() const override { return m_consumed; }

protected:
    QString locate(const Handle &handle) const override;

private:
    enum class State { Start, Elements, Members, Lines, Trailing, Done };

    Next read();
    Next start();
    Next nextElement();
    Next nextMember();
    Next nextLine();
    Next trailing();
    Next record(const QByteArray &element);
    Next invalid(const QString &message, bool lastOne = false);
    Next refuse(const QString &message);

    // Reading bytes; lines are counted as they pass.
    bool fill();
    bool take(char &c);
    bool nextSignificant(char &c); // skips white space, takes the next byte
    bool peekSignificant(char &c); // skips white space, leaves the next byte
    // One JSON value whose first byte `first` was taken: an object or array up to its closing
    // bracket, a string up to its closing quote, a number or literal up to a delimiter.
    enum class ValueEnd { Complete, Truncated, TooLong };
    ValueEnd readValue(char first, QByteArray &value);

    QString recordPath() const;

    QByteArray m_buffer;
    qsizetype m_position = 0;
    qint64 m_consumed = 0;
    qint64 m_cursorLine = 1;
    bool m_atStart = true;
    bool m_eof = false;

    State m_state = State::Start;
    bool m_topArray = false;   // the file is one array of records
    bool m_lines = false;      // one record per line (NDJSON)
    QString m_envelopeKey;     // the member whose array holds the records, when there is one
    bool m_expectValue = false;   // in an array: '[' or ',' was read, a value may follow
    bool m_afterMemberValue = false; // in the document: a member was read, ',' or '}' follows
    qint64 m_index = -1;
    QJsonObject m_document;    // the members of a document read so far (a record of its own)
    qint64 m_documentLine = 1; // where it starts
    int m_members = 0;
    qsizetype m_documentBytes = 0;
    std::optional<Error> m_refusal; // the file as a whole is not a history export

    // Records read ahead for the columns, given out again by next().
    struct Ahead
    {
        Next kind;
        QJsonObject record;
        qint64 line;
        qint64 index;
        Error invalid;
        QString path;
    };
    std::deque<Ahead> m_ahead;
    bool m_ended = false;
    QJsonObject m_current;
    QString m_currentPath; // the path of the current record, for messages
    QStringList m_names;
};
