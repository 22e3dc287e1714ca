#include "jsonsource.h"

#include "text.h"
#include "utf8.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace {

constexpr qint64 ChunkSize = 1 << 16;
constexpr qsizetype MaxJsonRecordBytes = qsizetype(256) << 20;
// Records whose fields name the columns: JSON exports leave null fields out, so the first
// record may lack one (bq's row for a RUNNING job has no end_time).
constexpr int ColumnLookAhead = 100;

// The members of a top-level object that hold the records of an envelope: Dremio's REST job
// results and the collector's saved results ("rows"), BigQuery's jobs.list response ("jobs").
bool isRecordsKey(const QString &key)
{
    return key == QLatin1String("rows") || key == QLatin1String("jobs");
}

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

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A BigQuery getQueryResults / jobs.query response row: {"f": [{"v": …}, …]}.
bool isCellRow(const QJsonObject &object)
{
    return object.size() == 1 && object.value(QLatin1String("f")).isArray();
}

QString queryResultRefusal(const QString &path)
{
    return Text::tr("%1: a BigQuery query result (getQueryResults or jobs.query: a schema and rows of f/v cells) "
                    "holds the rows a query returned, not the metrics of jobs. Export the jobs with 'bq ls -j --all "
                    "--format=prettyjson', 'bq show -j --format=prettyjson JOB_ID' or a query of "
                    "INFORMATION_SCHEMA.JOBS")
        .arg(path);
}

} // namespace

JsonSource::JsonSource(QString path, QIODevice *device)
{
    m_path = std::move(path);
    m_device = device;
    m_totalBytes = device->size();
}

QString JsonSource::syntax() const
{
    return m_lines ? QStringLiteral("NDJSON") : QStringLiteral("JSON");
}

Status JsonSource::readFirst()
{
    m_line = 1;
    for (int i = 0; i < ColumnLookAhead; ++i) {
        const Next kind = read();
        if (m_refusal)
            return *m_refusal;
        if (kind == Next::Invalid && m_ahead.empty())
            return m_invalid;
        m_ahead.push_back({kind, m_current, m_line, m_index, m_invalid, m_currentPath});
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

ImportSource::Next JsonSource::next()
{
    if (!m_ahead.empty()) {
        Ahead ahead = std::move(m_ahead.front());
        m_ahead.pop_front();
        m_line = ahead.line;
        m_index = ahead.index;
        m_currentPath = ahead.path;
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

QString JsonSource::cell(int handle) const
{
    const QStringList &path = m_handles.at(handle).path;
    if (path.isEmpty())
        return {};
    QJsonValue value = member(m_current, path.first());
    for (qsizetype i = 1; i < path.size() && !value.isUndefined(); ++i)
        value = value.isObject() ? member(value.toObject(), path.at(i)) : QJsonValue(QJsonValue::Undefined);
    return jsonText(value);
}

QString JsonSource::locate(const Handle &handle) const
{
    return m_currentPath + u'.' + handle.path.join(u'.');
}

QString JsonSource::recordPath() const
{
    if (m_topArray)
        return QStringLiteral("$[%1]").arg(m_index);
    if (!m_envelopeKey.isEmpty())
        return QStringLiteral("$.%1[%2]").arg(m_envelopeKey).arg(m_index);
    return QStringLiteral("$");
}

// ---------------------------------------------------------------------------------------
// The shape, record by record.

ImportSource::Next JsonSource::read()
{
    switch (m_state) {
    case State::Start:
        return start();
    case State::Elements:
        return nextElement();
    case State::Members:
        return nextMember();
    case State::Lines:
        return nextLine();
    case State::Trailing:
        return trailing();
    case State::Done:
        return Next::End;
    }
    return Next::End;
}

ImportSource::Next JsonSource::invalid(const QString &message, bool lastOne)
{
    m_invalid = errorAtLine(message);
    if (lastOne)
        m_state = State::Done;
    return Next::Invalid;
}

ImportSource::Next JsonSource::refuse(const QString &message)
{
    m_refusal = Error::invalidInput(message);
    m_invalid = *m_refusal;
    m_state = State::Done;
    return Next::Invalid;
}

ImportSource::Next JsonSource::start()
{
    char c;
    if (!nextSignificant(c)) {
        m_state = State::Done;
        return Next::End;
    }
    m_line = m_cursorLine;
    if (c == '[') {
        m_topArray = true;
        m_expectValue = true;
        m_state = State::Elements;
        return nextElement();
    }
    if (c == '{') {
        m_documentLine = m_line;
        m_state = State::Members;
        return nextMember();
    }
    return refuse(Text::tr("%1:%2: expected a JSON array '[' or object '{'").arg(m_path).arg(m_line));
}

// The next element of the records array (the file's, or the envelope's).
ImportSource::Next JsonSource::nextElement()
{
    char c;
    for (;;) {
        if (!nextSignificant(c)) {
            m_line = m_cursorLine;
            return invalid(Text::tr("truncated JSON: the array is not closed with ']'"), true);
        }
        if (c == ']') {
            m_line = m_cursorLine;
            if (m_expectValue && m_index >= 0)
                return invalid(Text::tr("a ',' with no record after it before the closing ']'"), true);
            if (m_topArray) {
                m_state = State::Trailing;
                return trailing();
            }
            m_afterMemberValue = true;
            m_state = State::Members;
            return nextMember();
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
    QByteArray element;
    const ValueEnd end = readValue(c, element);
    ++m_index;
    m_currentPath = recordPath();
    if (end == ValueEnd::Truncated)
        return invalid(Text::tr("%1: truncated JSON: the record is not closed").arg(m_currentPath), true);
    if (end == ValueEnd::TooLong)
        return invalid(Text::tr("%1: a record longer than %2 MiB").arg(m_currentPath).arg(MaxJsonRecordBytes >> 20),
                       true);
    if (missingComma)
        return invalid(Text::tr("%1: expected ',' between the records of the array").arg(m_currentPath));
    const Next kind = record(element);
    // A query's result rows are cells without names: nothing in them is a job's metric.
    if (kind == Next::Record && !m_envelopeKey.isEmpty() && isCellRow(m_current))
        return refuse(queryResultRefusal(m_path));
    return kind;
}

// The next member of the top-level object; the records of an envelope, or, at its end, the
// document as a record of its own.
ImportSource::Next JsonSource::nextMember()
{
    char c;
    for (;;) {
        if (!nextSignificant(c)) {
            m_line = m_cursorLine;
            return invalid(Text::tr("%1: not valid JSON: unterminated object").arg(QStringLiteral("$")), true);
        }
        if (m_afterMemberValue) {
            if (c == '}') {
                m_afterMemberValue = false;
                break;
            }
            if (c != ',') {
                m_line = m_cursorLine;
                return invalid(Text::tr("%1: not valid JSON: expected ',' or '}' after a member").arg(QStringLiteral("$")),
                               true);
            }
            m_afterMemberValue = false;
            continue;
        }
        if (c == '}' && m_members == 0)
            break; // {}
        m_line = m_cursorLine;
        if (c != '"')
            return invalid(Text::tr("%1: not valid JSON: expected a member name in quotes").arg(QStringLiteral("$")),
                           true);
        QByteArray name;
        if (readValue(c, name) != ValueEnd::Complete)
            return invalid(Text::tr("%1: not valid JSON: unterminated string").arg(QStringLiteral("$")), true);
        if (!nextSignificant(c) || c != ':')
            return invalid(Text::tr("%1: not valid JSON: expected ':' after a member name").arg(QStringLiteral("$")),
                           true);
        const QJsonArray keyHolder = QJsonDocument::fromJson("[" + name + "]").array();
        if (keyHolder.size() != 1 || !keyHolder.first().isString())
            return invalid(Text::tr("%1: not valid JSON: a member name is not a string").arg(QStringLiteral("$")), true);
        const QString key = keyHolder.first().toString();
        char first;
        if (!nextSignificant(first))
            return invalid(Text::tr("%1: not valid JSON: unterminated object").arg(QStringLiteral("$")), true);
        if (first == '[' && isRecordsKey(key) && m_envelopeKey.isEmpty()) {
            m_envelopeKey = key;
            ++m_members;
            m_expectValue = true;
            m_index = -1;
            m_state = State::Elements;
            return nextElement();
        }
        const qint64 valueLine = m_cursorLine;
        QByteArray value;
        const ValueEnd end = readValue(first, value);
        m_documentBytes += name.size() + value.size();
        if (end == ValueEnd::Truncated)
            return invalid(Text::tr("%1: not valid JSON: unterminated object").arg(QStringLiteral("$")), true);
        if (end == ValueEnd::TooLong || m_documentBytes > MaxJsonRecordBytes)
            return invalid(Text::tr("%1: a record longer than %2 MiB").arg(QStringLiteral("$")).arg(MaxJsonRecordBytes >> 20),
                           true);
        if (value.contains("\\u0000"))
            return invalid(Text::tr("%1: a NUL character (\\u0000) in a string").arg(QStringLiteral("$")), true);
        if (!isValidUtf8(value.constData(), value.size()) || !isValidUtf8(name.constData(), name.size()))
            return invalid(Text::tr("%1: invalid UTF-8").arg(QStringLiteral("$")), true);
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson("[" + value + "]", &error);
        if (error.error != QJsonParseError::NoError) {
            // The line of the fault within the value ("[" was put before it).
            m_line = valueLine + value.left(qMax(0, error.offset - 1)).count('\n');
            return invalid(Text::tr("%1: not valid JSON: %2").arg(QStringLiteral("$.") + key, error.errorString()),
                           true);
        }
        const QJsonValue memberValue = parsed.array().first();
        // A query result announces itself before its rows (bq prints keys sorted).
        if (key == QLatin1String("kind")
            && (memberValue.toString() == QLatin1String("bigquery#getQueryResultsResponse")
                || memberValue.toString() == QLatin1String("bigquery#queryResponse")))
            return refuse(queryResultRefusal(m_path));
        m_document.insert(key, memberValue);
        ++m_members;
        m_afterMemberValue = true;
    }
    // The end of the top-level object.
    if (!m_envelopeKey.isEmpty()) {
        m_state = State::Trailing;
        return trailing();
    }
    // A document of its own is one record; more objects after it make the file NDJSON.
    m_index = 0;
    m_currentPath = QStringLiteral("$");
    m_current = std::exchange(m_document, QJsonObject());
    m_line = m_documentLine;
    if (peekSignificant(c) && c == '{') {
        m_lines = true;
        m_state = State::Lines;
    } else {
        m_state = State::Trailing;
    }
    return Next::Record;
}

ImportSource::Next JsonSource::trailing()
{
    char c;
    m_state = State::Done;
    if (nextSignificant(c)) {
        m_line = m_cursorLine;
        return invalid(m_topArray ? Text::tr("text after the end of the JSON array")
                                  : Text::tr("text after the end of the JSON document"),
                       true);
    }
    return Next::End;
}

// The next non-blank line (newline-delimited JSON).
ImportSource::Next JsonSource::nextLine()
{
    QByteArray element;
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
                m_eof = true;
                m_buffer.clear();
                return invalid(Text::tr("a line longer than %1 MiB").arg(MaxJsonRecordBytes >> 20), true);
            }
        }
        if (!any) {
            m_state = State::Done;
            return Next::End;
        }
        if (!element.trimmed().isEmpty())
            break;
    }
    ++m_index;
    m_currentPath = QStringLiteral("$");
    return record(element);
}

// One record's text, checked and parsed.
ImportSource::Next JsonSource::record(const QByteArray &element)
{
    if (!element.trimmed().startsWith('{'))
        return invalid(Text::tr("%1 is not an object").arg(m_currentPath));
    if (element.contains("\\u0000"))
        return invalid(Text::tr("%1: a NUL character (\\u0000) in a string").arg(m_currentPath));
    if (!isValidUtf8(element.constData(), element.size()))
        return invalid(Text::tr("%1: invalid UTF-8").arg(m_currentPath));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(element, &error);
    if (error.error != QJsonParseError::NoError) {
        // The line of the fault within the record.
        const qint64 faultLine = m_line + element.left(error.offset).count('\n');
        m_invalid = Error::invalidInput(Text::tr("%1:%2: %3: not valid JSON: %4")
                                            .arg(m_path)
                                            .arg(faultLine)
                                            .arg(m_currentPath, error.errorString()));
        return Next::Invalid;
    }
    if (!document.isObject())
        return invalid(Text::tr("%1 is not an object").arg(m_currentPath));
    m_current = document.object();
    return Next::Record;
}

// ---------------------------------------------------------------------------------------
// Bytes.

bool JsonSource::fill()
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

bool JsonSource::take(char &c)
{
    if (!fill())
        return false;
    c = m_buffer.at(m_position++);
    ++m_consumed;
    if (c == '\n')
        ++m_cursorLine;
    return true;
}

bool JsonSource::nextSignificant(char &c)
{
    while (take(c))
        if (!isSpace(c))
            return true;
    return false;
}

bool JsonSource::peekSignificant(char &c)
{
    while (fill()) {
        c = m_buffer.at(m_position);
        if (!isSpace(c))
            return true;
        take(c);
    }
    return false;
}

JsonSource::ValueEnd JsonSource::readValue(char first, QByteArray &value)
{
    value.append(first);
    int depth = (first == '{' || first == '[') ? 1 : 0;
    bool inString = first == '"';
    bool escaped = false;
    char c;
    if (depth == 0 && !inString) {
        // A number or literal: up to the next delimiter.
        while (fill()) {
            c = m_buffer.at(m_position);
            if (c == ',' || c == ']' || c == '}' || isSpace(c))
                break;
            take(c);
            value.append(c);
            if (value.size() > MaxJsonRecordBytes)
                return ValueEnd::TooLong;
        }
        return ValueEnd::Complete;
    }
    while (depth > 0 || inString) {
        if (!take(c))
            return ValueEnd::Truncated;
        value.append(c);
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
        if (value.size() > MaxJsonRecordBytes)
            return ValueEnd::TooLong;
    }
    return ValueEnd::Complete;
}
