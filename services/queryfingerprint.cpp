#include "queryfingerprint.h"

#include <QCryptographicHash>
#include <QStringList>

namespace QueryFingerprint {

namespace {

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isIdentifierPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// The text as tokens: literals as '?', identifiers and keywords in lower case, quoted
// identifiers as written, comments and whitespace dropped.
QStringList tokens(const QString &sql)
{
    QStringList out;
    const qsizetype n = sql.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < n && sql.at(i + 1) == u'-') {
            while (i < n && sql.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && sql.at(i + 1) == u'*') {
            const qsizetype end = sql.indexOf(QStringLiteral("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c == u'\'') {
            // A string literal; '' inside it is a quote.
            ++i;
            while (i < n) {
                if (sql.at(i) == u'\'') {
                    if (i + 1 < n && sql.at(i + 1) == u'\'') {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            out << QStringLiteral("?");
        } else if (c == u'$' && i + 1 < n && (sql.at(i + 1) == u'$' || isIdentifierStart(sql.at(i + 1)))) {
            // A PostgreSQL dollar-quoted string ($$…$$ or $tag$…$tag$), else a $n parameter.
            qsizetype tagEnd = i + 1;
            while (tagEnd < n && isIdentifierPart(sql.at(tagEnd)) && sql.at(tagEnd) != u'$')
                ++tagEnd;
            if (tagEnd < n && sql.at(tagEnd) == u'$') {
                const QString tag = sql.mid(i, tagEnd - i + 1);
                const qsizetype end = sql.indexOf(tag, tagEnd + 1);
                i = end < 0 ? n : end + tag.size();
                out << QStringLiteral("?");
            } else {
                out << QStringLiteral("$");
                ++i;
            }
        } else if (c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? u']' : c;
            qsizetype end = i + 1;
            while (end < n && sql.at(end) != close)
                ++end;
            out << sql.mid(i, end - i + 1);
            i = end + 1;
        } else if (c.isDigit() || (c == u'.' && i + 1 < n && sql.at(i + 1).isDigit())) {
            while (i < n && (sql.at(i).isLetterOrNumber() || sql.at(i) == u'.'
                             || ((sql.at(i) == u'+' || sql.at(i) == u'-')
                                 && (sql.at(i - 1) == u'e' || sql.at(i - 1) == u'E'))))
                ++i;
            out << QStringLiteral("?");
        } else if (isIdentifierStart(c)) {
            qsizetype end = i + 1;
            while (end < n && isIdentifierPart(sql.at(end)))
                ++end;
            out << sql.mid(i, end - i).toLower();
            i = end;
        } else if (c == u'?' || (c == u':' && i + 1 < n && isIdentifierStart(sql.at(i + 1))) || c == u'@') {
            // A bind parameter (?, :name, @name) is a literal too.
            ++i;
            while (c != u'?' && i < n && isIdentifierPart(sql.at(i)))
                ++i;
            out << QStringLiteral("?");
        } else {
            // Operators: the longest of the two-character ones, else one character.
            static const QStringList pairs{QStringLiteral("<="), QStringLiteral(">="), QStringLiteral("<>"),
                                           QStringLiteral("!="), QStringLiteral("::"), QStringLiteral("||")};
            const QString two = sql.mid(i, 2);
            if (pairs.contains(two)) {
                out << (two == QLatin1String("!=") ? QStringLiteral("<>") : two);
                i += 2;
            } else {
                out << QString(c);
                ++i;
            }
        }
    }
    while (!out.isEmpty() && out.last() == QLatin1String(";"))
        out.removeLast();
    return out;
}

// "( ? , ? , ? )" becomes "( ? )": an IN list of any length is the same query.
QStringList collapseLiteralLists(const QStringList &in)
{
    QStringList out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) == QLatin1String("(") && i + 1 < in.size() && in.at(i + 1) == QLatin1String("?")) {
            qsizetype j = i + 2;
            while (j + 1 < in.size() && in.at(j) == QLatin1String(",") && in.at(j + 1) == QLatin1String("?"))
                j += 2;
            if (j < in.size() && in.at(j) == QLatin1String(")")) {
                out << QStringLiteral("(") << QStringLiteral("?") << QStringLiteral(")");
                i = j;
                continue;
            }
        }
        out << in.at(i);
    }
    return out;
}

} // namespace

QString normalize(const QString &sql)
{
    return collapseLiteralLists(tokens(sql)).join(u' ');
}

QString of(const QString &sql)
{
    const QString normalized = normalize(sql);
    if (normalized.isEmpty())
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(normalized.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace QueryFingerprint
