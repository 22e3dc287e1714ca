// CsvReader (SPEC §4, §4.1): RFC 4180 records fed from memory, the line a record starts on,
// every malformed input it must refuse, and the 64 KiB chunk boundary it reads across.

#include "csvreader.h"

#include <QBuffer>
#include <QTest>

using Records = QList<QStringList>;
using Lines = QList<qint64>;

namespace {

constexpr qsizetype Chunk = 1 << 16; // CsvReader's read size

// Expected records written as UTF-8 C strings (the build forbids implicit conversions).
QStringList row(std::initializer_list<const char *> cells)
{
    QStringList fields;
    for (const char *cell : cells)
        fields << QString::fromUtf8(cell);
    return fields;
}

Records recs(std::initializer_list<std::initializer_list<const char *>> rows)
{
    Records records;
    for (const auto &cells : rows)
        records << row(cells);
    return records;
}

struct ReadResult
{
    Records records;
    Lines lines;
    bool error = false;
    QString errorString;
    qint64 errorLine = 0;
    qint64 bytesRead = 0;
    bool stayedAtEnd = false; // a further read returns nothing
};

// Each construct of the format, for the chunk-boundary sweep: a quoted comma, doubled
// quotes, a quoted CRLF, a two-byte UTF-8 character, CRLF record ends, an empty quoted field.
QByteArray tailForChunkTest()
{
    return QByteArray("\"a,b\",\"say \"\"hi\"\"\",\"x\r\ny\",\xC3\xA9\r\nlast,\"\"\r\n");
}

ReadResult readAll(const QByteArray &input)
{
    QByteArray data = input;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    ReadResult result;
    QStringList fields;
    while (reader.readRecord(fields)) {
        result.records << fields;
        result.lines << reader.recordLine();
    }
    result.error = reader.hasError();
    result.errorString = reader.errorString();
    if (result.error)
        result.errorLine = reader.recordLine();
    result.bytesRead = reader.bytesRead();
    // Once at the end (or failed), it stays there.
    result.stayedAtEnd = !reader.readRecord(fields) && fields.isEmpty()
                         && reader.hasError() == result.error;
    return result;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void records_data();
    void records();
    void errors_data();
    void errors();
    void byteOrderMarkAlone();
    void megabyteField();
    void chunkBoundary_data();
    void chunkBoundary();
    void quotedFieldStraddlesTheChunkBoundary();
    void crlfSplitAcrossTheChunkBoundary();
};

void TestCsvReader::records_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Records>("expected");
    QTest::addColumn<Lines>("lines");

    QTest::newRow("simple records with LF ends are read field by field")
        << QByteArray("a,b,c\n1,2,3\n") << recs({{"a", "b", "c"}, {"1", "2", "3"}}) << Lines{1, 2};
    QTest::newRow("CRLF record ends are stripped")
        << QByteArray("a,b\r\nc,d\r\n") << recs({{"a", "b"}, {"c", "d"}}) << Lines{1, 2};
    QTest::newRow("LF and CRLF ends may be mixed in one file")
        << QByteArray("a\r\nb\nc\r\n") << recs({{"a"}, {"b"}, {"c"}}) << Lines{1, 2, 3};
    QTest::newRow("a quoted field keeps its commas")
        << QByteArray("\"a,b\",c\n") << recs({{"a,b", "c"}}) << Lines{1};
    QTest::newRow("doubled quotes inside a quoted field are one quote")
        << QByteArray("\"say \"\"hi\"\"\",x\n") << recs({{"say \"hi\"", "x"}}) << Lines{1};
    QTest::newRow("a field of only a doubled quote is one quote")
        << QByteArray("\"\"\"\"\n") << recs({{"\""}}) << Lines{1};
    QTest::newRow("a quoted LF is part of the field and the next record starts on line 3")
        << QByteArray("\"line1\nline2\",x\ny,z\n") << recs({{"line1\nline2", "x"}, {"y", "z"}})
        << Lines{1, 3};
    QTest::newRow("a quoted CRLF is kept as CRLF and counts as one line")
        << QByteArray("\"a\r\nb\",x\r\ny,z\r\n") << recs({{"a\r\nb", "x"}, {"y", "z"}}) << Lines{1, 3};
    QTest::newRow("a record on line 3 after a record on lines 1-2 reports line 3")
        << QByteArray("id,\"multi\nline\"\n3,third\n") << recs({{"id", "multi\nline"}, {"3", "third"}})
        << Lines{1, 3};
    QTest::newRow("a field spanning three lines moves the next record to line 4")
        << QByteArray("\"1\n2\n3\"\nnext\n") << recs({{"1\n2\n3"}, {"next"}}) << Lines{1, 4};
    QTest::newRow("a UTF-8 byte-order mark is skipped")
        << QByteArray("\xEF\xBB\xBFid,name\n1,x\n") << recs({{"id", "name"}, {"1", "x"}}) << Lines{1, 2};
    QTest::newRow("a byte-order mark before a quoted first field is skipped")
        << QByteArray("\xEF\xBB\xBF\"id\",name\n") << recs({{"id", "name"}}) << Lines{1};
    QTest::newRow("blank lines are skipped and do not shift the line numbers")
        << QByteArray("a\n\n\nb\n") << recs({{"a"}, {"b"}}) << Lines{1, 4};
    QTest::newRow("blank CRLF lines are skipped")
        << QByteArray("\r\na\r\n\r\nb\r\n\r\n") << recs({{"a"}, {"b"}}) << Lines{2, 4};
    QTest::newRow("the last record may lack a newline")
        << QByteArray("a,b\nc,d") << recs({{"a", "b"}, {"c", "d"}}) << Lines{1, 2};
    QTest::newRow("a quoted last field may lack a newline")
        << QByteArray("a,\"b\nc\"") << recs({{"a", "b\nc"}}) << Lines{1};
    QTest::newRow("empty fields between, before and after commas")
        << QByteArray("a,,c\n,,\n") << recs({{"a", "", "c"}, {"", "", ""}}) << Lines{1, 2};
    QTest::newRow("a trailing comma at the end of input is one more empty field")
        << QByteArray("a,") << recs({{"a", ""}}) << Lines{1};
    QTest::newRow("a quoted empty field is one empty field, not a blank line")
        << QByteArray("a\n\"\"\nb\n") << recs({{"a"}, {""}, {"b"}}) << Lines{1, 2, 3};
    QTest::newRow("spaces are kept as they are")
        << QByteArray(" a , b \n") << recs({{" a ", " b "}}) << Lines{1};
    QTest::newRow("multi-byte UTF-8 is decoded")
        << QByteArray("caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80\n")
        << recs({{"caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}})
        << Lines{1};
    QTest::newRow("an empty input has no records") << QByteArray() << Records{} << Lines{};
    QTest::newRow("an input of blank lines has no records") << QByteArray("\n\r\n\n") << Records{} << Lines{};
    QTest::newRow("a byte-order mark followed by a record")
        << QByteArray("\xEF\xBB\xBFx") << recs({{"x"}}) << Lines{1};
}

void TestCsvReader::records()
{
    QFETCH(QByteArray, input);
    QFETCH(Records, expected);
    QFETCH(Lines, lines);
    const ReadResult result = readAll(input);
    QVERIFY2(!result.error, qPrintable(result.errorString));
    QCOMPARE(result.records, expected);
    QCOMPARE(result.lines, lines);
    QCOMPARE(result.bytesRead, qint64(input.size()));
    QVERIFY(result.stayedAtEnd);
}

void TestCsvReader::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Records>("before");   // the good records read before the error
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("line");

    QTest::newRow("an unterminated quote is reported at the line where its record starts")
        << QByteArray("a,b\nc,\"open\nmore\nstill\n") << recs({{"a", "b"}})
        << QStringLiteral("unterminated quoted field 2") << qint64(2);
    QTest::newRow("an unterminated quote on the first line")
        << QByteArray("\"never closed") << Records{} << QStringLiteral("unterminated quoted field 1") << qint64(1);
    QTest::newRow("an unterminated quote after a multi-line record starts on line 3")
        << QByteArray("\"x\ny\"\n\"z\n") << recs({{"x\ny"}}) << QStringLiteral("unterminated quoted field 1")
        << qint64(3);
    QTest::newRow("a quote inside an unquoted field is refused")
        << QByteArray("ok\nab\"c,d\n") << recs({{"ok"}})
        << QStringLiteral("a quote inside the unquoted field 1; quote the field and double the quote")
        << qint64(2);
    QTest::newRow("a quote inside the third unquoted field names field 3")
        << QByteArray("a,b,5\"\n") << Records{}
        << QStringLiteral("a quote inside the unquoted field 3; quote the field and double the quote")
        << qint64(1);
    QTest::newRow("text after a closing quote is refused")
        << QByteArray("\"ab\"c,d\n") << Records{}
        << QStringLiteral("unexpected character after the closing quote of field 1") << qint64(1);
    QTest::newRow("a space after a closing quote is refused")
        << QByteArray("x,\"ab\" ,d\n") << Records{}
        << QStringLiteral("unexpected character after the closing quote of field 2") << qint64(1);
    QTest::newRow("invalid UTF-8 is refused with the field it is in")
        << QByteArray("a,b\nok,\xFF\xFE\n") << recs({{"a", "b"}})
        << QStringLiteral("invalid UTF-8 in field 2") << qint64(2);
    QTest::newRow("a truncated UTF-8 sequence at the end of a field is refused")
        << QByteArray("caf\xC3,x\n") << Records{} << QStringLiteral("invalid UTF-8 in field 1") << qint64(1);
    QTest::newRow("Latin-1 text is not UTF-8")
        << QByteArray("id\ncaf\xE9\n") << recs({{"id"}}) << QStringLiteral("invalid UTF-8 in field 1")
        << qint64(2);
    QTest::newRow("an overlong encoding is not UTF-8")
        << QByteArray("\xC0\xAF\n") << Records{} << QStringLiteral("invalid UTF-8 in field 1") << qint64(1);
    QTest::newRow("invalid UTF-8 in the last field without a newline")
        << QByteArray("a,\xFF") << Records{} << QStringLiteral("invalid UTF-8 in field 2") << qint64(1);
}

void TestCsvReader::errors()
{
    QFETCH(QByteArray, input);
    QFETCH(Records, before);
    QFETCH(QString, message);
    QFETCH(qint64, line);
    const ReadResult result = readAll(input);
    QVERIFY(result.error);
    QCOMPARE(result.records, before);
    QCOMPARE(result.errorString, message);
    QCOMPARE(result.errorLine, line);
    QVERIFY(result.stayedAtEnd);
}

void TestCsvReader::byteOrderMarkAlone()
{
    // A file that holds only a byte-order mark is empty. (The first chunk is then used up by
    // the mark alone; the reader once read one byte past it and returned a NUL field.)
    const ReadResult result = readAll(QByteArray("\xEF\xBB\xBF"));
    QVERIFY(!result.error);
    QCOMPARE(result.records, Records{});
    QCOMPARE(result.bytesRead, qint64(3));
}

void TestCsvReader::megabyteField()
{
    // One field of 1 MiB (16 chunks), quoted and holding commas, quotes and newlines.
    QByteArray field;
    field.reserve(1 << 20);
    QString expected;
    expected.reserve(1 << 20);
    int newlines = 0;
    for (int i = 0; field.size() < (1 << 20); ++i) {
        const char c = "abc,\"\n"[i % 6];
        field.append(c);
        expected.append(QLatin1Char(c));
        if (c == '"')
            field.append('"');
        if (c == '\n')
            ++newlines;
    }
    const QByteArray input = "head\n\"" + field + "\",tail\nlast\n";
    const ReadResult result = readAll(input);
    QVERIFY2(!result.error, qPrintable(result.errorString));
    QCOMPARE(result.records.size(), 3);
    QCOMPARE(result.records.at(0), row({"head"}));
    QCOMPARE(result.records.at(1).size(), 2);
    QCOMPARE(result.records.at(1).at(0).size(), expected.size());
    QVERIFY(result.records.at(1).at(0) == expected);
    QCOMPARE(result.records.at(1).at(1), QStringLiteral("tail"));
    QCOMPARE(result.records.at(2), row({"last"}));
    QCOMPARE(result.lines, (Lines{1, 2, qint64(2 + newlines + 1)}));
    QCOMPARE(result.bytesRead, qint64(input.size()));

    // The same length unquoted: plain bytes.
    const QByteArray plain(1 << 20, 'x');
    const ReadResult unquoted = readAll("a," + plain + "\n");
    QVERIFY(!unquoted.error);
    QCOMPARE(unquoted.records.size(), 1);
    QCOMPARE(unquoted.records.at(0).at(1).size(), qsizetype(1 << 20));
}

void TestCsvReader::chunkBoundary_data()
{
    // A first record of padding puts the chunk boundary (byte 65536) at every byte of a tail
    // that holds each construct of the format: quotes, doubled quotes, a quoted CRLF, an
    // unquoted CRLF, an empty quoted field and a two-byte UTF-8 character.
    QTest::addColumn<int>("offset");
    const QByteArray tail = tailForChunkTest();
    QTest::addRow("chunk boundary between the CR and LF ending the padding record") << -1;
    for (int offset = 0; offset <= tail.size(); ++offset)
        QTest::addRow("chunk boundary %d bytes into the tail", offset) << offset;
}

void TestCsvReader::chunkBoundary()
{
    QFETCH(int, offset);
    const QByteArray tail = tailForChunkTest();
    // Padding record: N bytes of 'p' plus CRLF; the tail starts at N + 2, the boundary is
    // `offset` bytes into it.
    const qsizetype padding = Chunk - 2 - offset;
    const QByteArray input = QByteArray(padding, 'p') + "\r\n" + tail;
    QCOMPARE(input.indexOf(tail), Chunk - offset);
    const ReadResult result = readAll(input);
    QVERIFY2(!result.error, qPrintable(result.errorString));
    QCOMPARE(result.records.size(), 3);
    QCOMPARE(result.records.at(0), QStringList{QString(padding, u'p')});
    QCOMPARE(result.records.at(1),
             row({"a,b", "say \"hi\"", "x\r\ny", "\xC3\xA9"}));
    QCOMPARE(result.records.at(2), row({"last", ""}));
    QCOMPARE(result.lines, (Lines{1, 2, 4}));
    QCOMPARE(result.bytesRead, qint64(input.size()));
}

void TestCsvReader::quotedFieldStraddlesTheChunkBoundary()
{
    // A quoted field from byte 65530 to 65541, with a comma and a doubled quote on either side
    // of byte 65536, then a record after it.
    const QByteArray first = QByteArray(65529, 'x') + ',';
    const QByteArray quoted = "\"ab,\"\"cd\nef\"";
    const QByteArray input = first + quoted + "\nnext\n";
    QVERIFY(input.indexOf('"') < Chunk && input.lastIndexOf('"') > Chunk);
    const ReadResult result = readAll(input);
    QVERIFY2(!result.error, qPrintable(result.errorString));
    QCOMPARE(result.records.size(), 2);
    QCOMPARE(result.records.at(0).size(), 2);
    QCOMPARE(result.records.at(0).at(0), QString(65529, u'x'));
    QCOMPARE(result.records.at(0).at(1), QStringLiteral("ab,\"cd\nef"));
    QCOMPARE(result.records.at(1), row({"next"}));
    QCOMPARE(result.lines, (Lines{1, 3}));

    // The opening quote as the last byte of the first chunk, the closing one as the first
    // byte of the second.
    const QByteArray edge = QByteArray(Chunk - 2, 'y') + ",\"" + "\",z\n";
    QCOMPARE(edge.at(Chunk - 1), '"');
    QCOMPARE(edge.at(Chunk), '"');
    const ReadResult edged = readAll(edge);
    QVERIFY2(!edged.error, qPrintable(edged.errorString));
    QCOMPARE(edged.records, (Records{{QString(Chunk - 2, u'y'), QString(), QStringLiteral("z")}}));

    // A doubled quote split exactly by the boundary.
    const QByteArray doubled = "\"" + QByteArray(Chunk - 2, 'q') + "\"\"r\"\n";
    QCOMPARE(doubled.mid(Chunk - 1, 2), QByteArray("\"\""));
    const ReadResult split = readAll(doubled);
    QVERIFY2(!split.error, qPrintable(split.errorString));
    QCOMPARE(split.records, (Records{{QString(Chunk - 2, u'q') + QStringLiteral("\"r")}}));
}

void TestCsvReader::crlfSplitAcrossTheChunkBoundary()
{
    // CR is byte 65535, LF byte 65536: one record end, not a record end and a blank line, and
    // the next record is on line 2.
    const QByteArray record = QByteArray(Chunk - 1, 'a');
    const QByteArray input = record + "\r\nb,c\r\n";
    QCOMPARE(input.at(Chunk - 1), '\r');
    QCOMPARE(input.at(Chunk), '\n');
    const ReadResult result = readAll(input);
    QVERIFY2(!result.error, qPrintable(result.errorString));
    QCOMPARE(result.records, (Records{{QString(Chunk - 1, u'a')}, row({"b", "c"})}));
    QCOMPARE(result.lines, (Lines{1, 2}));

    // Inside a quoted field: the CRLF is kept whole and counted as one line.
    const QByteArray quoted = "\"" + QByteArray(Chunk - 2, 'q') + "\r\nz\"\nw\n";
    QCOMPARE(quoted.at(Chunk - 1), '\r');
    const ReadResult inQuotes = readAll(quoted);
    QVERIFY2(!inQuotes.error, qPrintable(inQuotes.errorString));
    QCOMPARE(inQuotes.records, (Records{{QString(Chunk - 2, u'q') + QStringLiteral("\r\nz")}, row({"w"})}));
    QCOMPARE(inQuotes.lines, (Lines{1, 3}));

    // After a closing quote.
    const QByteArray closed = "\"" + QByteArray(Chunk - 3, 'c') + "\"\r\nnext\r\n";
    QCOMPARE(closed.at(Chunk - 1), '\r');
    const ReadResult afterQuote = readAll(closed);
    QVERIFY2(!afterQuote.error, qPrintable(afterQuote.errorString));
    QCOMPARE(afterQuote.records, (Records{{QString(Chunk - 3, u'c')}, row({"next"})}));
    QCOMPARE(afterQuote.lines, (Lines{1, 2}));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
