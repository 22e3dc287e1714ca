// The tokens SPEC §6.1 compares query texts by, and the Jaccard similarity of their sets: comments,
// literals, numbers, quoted identifiers, non-ASCII text, and where each token stands.

#include "querytokens.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestQueryTokens : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data();
    void tokens();
    void positionsPointIntoTheOriginalText();
    void similarity_data();
    void similarity();
};

void TestQueryTokens::tokens_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("words and punctuation, lower-cased")
        << u"SELECT a, B_2 FROM Sales.Orders WHERE x>=1"_s
        << QStringList{u"select"_s, u"a"_s, u","_s, u"b_2"_s, u"from"_s, u"sales"_s, u"."_s, u"orders"_s,
                       u"where"_s, u"x"_s, u">"_s, u"="_s, u"?"_s};
    QTest::newRow("line comment to the end of the line")
        << u"select 1 -- the answer\r\nfrom dual --"_s
        << QStringList{u"select"_s, u"?"_s, u"from"_s, u"dual"_s};
    QTest::newRow("block comments, one never closed")
        << u"select/* hint */x /* never closed\nfrom t"_s << QStringList{u"select"_s, u"x"_s};
    QTest::newRow("a minus is not a comment") << u"a - -b"_s
                                              << QStringList{u"a"_s, u"-"_s, u"-"_s, u"b"_s};
    QTest::newRow("literals with doubled quotes and comment marks inside")
        << u"where name = 'O''Brien' and code='a--b /*' and e = ''"_s
        << QStringList{u"where"_s, u"name"_s, u"="_s, u"?"_s, u"and"_s, u"code"_s, u"="_s, u"?"_s,
                       u"and"_s, u"e"_s, u"="_s, u"?"_s};
    QTest::newRow("a literal never closed runs to the end") << u"x = 'open -- no comment"_s
                                                            << QStringList{u"x"_s, u"="_s, u"?"_s};
    QTest::newRow("numbers: integers, fractions, exponents")
        << u"limit 10 offset 3.14 * 1e5 + 1.5E-3 - 2e+7"_s
        << QStringList{u"limit"_s, u"?"_s, u"offset"_s, u"?"_s, u"*"_s, u"?"_s, u"+"_s, u"?"_s,
                       u"-"_s, u"?"_s};
    QTest::newRow("digits inside words are words")
        << u"t1.c2, 2x, 1e5x, 0x1F, 7."_s
        << QStringList{u"t1"_s, u"."_s, u"c2"_s, u","_s, u"2x"_s, u","_s, u"1e5x"_s, u","_s,
                       u"0x1f"_s, u","_s, u"?"_s, u"."_s};
    QTest::newRow("a leading dot is a character, its digits a number")
        << u".5"_s << QStringList{u"."_s, u"?"_s};
    QTest::newRow("quoted identifiers are their quotes and words")
        << u"select \"Order Id\", `db`.[t] from x"_s
        << QStringList{u"select"_s, u"\""_s, u"order"_s, u"id"_s, u"\""_s, u","_s, u"`"_s, u"db"_s,
                       u"`"_s, u"."_s, u"["_s, u"t"_s, u"]"_s, u"from"_s, u"x"_s};
    QTest::newRow("non-ASCII letters are letters")
        << u"SELECT Größe, ÄNDERUNG_Ü FROM straße WHERE città = 'ü'"_s
        << QStringList{u"select"_s, u"größe"_s, u","_s, u"änderung_ü"_s, u"from"_s, u"straße"_s,
                       u"where"_s, u"città"_s, u"="_s, u"?"_s};
    QTest::newRow("combining marks stay in their word")
        << u"cafe\u0301 = 1"_s << QStringList{u"cafe\u0301"_s, u"="_s, u"?"_s};
    QTest::newRow("CJK runs are words, an emoji one character")
        << u"select 顧客 from t where x = 😀"_s
        << QStringList{u"select"_s, u"顧客"_s, u"from"_s, u"t"_s, u"where"_s, u"x"_s, u"="_s, u"😀"_s};
    QTest::newRow("white space of every kind") << u"a\tb\n\u00a0c\u2003d"_s
                                               << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("only a comment") << u"-- nothing here"_s << QStringList{};
}

void TestQueryTokens::tokens()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const QueryTokens::Token &token : QueryTokens::scan(sql))
        actual << token.text;
    QCOMPARE(actual, expected);
}

void TestQueryTokens::positionsPointIntoTheOriginalText()
{
    const QString sql = u"SELECT x -- c\nFROM t WHERE s = 'it''s' AND n = 1.5e3"_s;
    const QList<QueryTokens::Token> tokens = QueryTokens::scan(sql);
    QStringList spans;
    for (const QueryTokens::Token &token : tokens)
        spans << u"%1@%2:%3"_s.arg(sql.mid(token.start, token.length)).arg(token.start).arg(token.length);
    QCOMPARE(spans, (QStringList{u"SELECT@0:6"_s, u"x@7:1"_s, u"FROM@14:4"_s, u"t@19:1"_s, u"WHERE@21:5"_s,
                                 u"s@27:1"_s, u"=@29:1"_s, u"'it''s'@31:7"_s, u"AND@39:3"_s, u"n@43:1"_s,
                                 u"=@45:1"_s, u"1.5e3@47:5"_s}));
}

void TestQueryTokens::similarity_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<double>("expected");

    // {select, *, from, t} vs {select, a, ,, b, from, t}: 3 common of 7.
    QTest::newRow("select star rewritten") << u"SELECT * FROM t"_s << u"select a, b from t"_s << 3.0 / 7.0;
    // Literals, numbers and comments do not tell two runs apart.
    QTest::newRow("other literals, same query")
        << u"select a from t where d = '2026-01-01' and n > 5 -- run 1"_s
        << u"SELECT a FROM t WHERE d = '2026-02-01' AND n > 10 /* run 2 */"_s << 1.0;
    // A set: repeating a token changes nothing. {select, a, from, t, where, x, =, ?} vs the same
    // plus {and, y}: 8 of 10.
    QTest::newRow("a filter added") << u"select a from t where x = 1"_s
                                    << u"select a from t where x = 1 and y = 2 and y = 3"_s << 0.8;
    QTest::newRow("nothing in common") << u"select a"_s << u"drop table b"_s << 0.0;
    QTest::newRow("both empty") << QString() << u"-- only a comment"_s << 0.0;
    QTest::newRow("one empty") << u"select 1"_s << QString() << 0.0;
}

void TestQueryTokens::similarity()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(double, expected);
    QCOMPARE(QueryTokens::similarity(a, b), expected);
    QCOMPARE(QueryTokens::similarity(b, a), expected);
}

QTEST_APPLESS_MAIN(TestQueryTokens)
#include "tst_querytokens.moc"
