#include "querytokens.h"

namespace QueryTokens {
namespace {

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c.isMark();
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

const char16_t Placeholder[] = u"?";

// Calls `onToken(start, length, isPlaceholder)` for each token of the lower-cased `text`. (Not
// `emit`: Qt defines that word away, and every call became a no-op comma expression.)
template<typename OnToken>
void forEachToken(const QString &text, OnToken onToken)
{
    const qsizetype n = text.size();
    const QChar *s = text.constData();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < n && s[i + 1] == u'-') {
            while (i < n && s[i] != u'\n' && s[i] != u'\r')
                ++i;
        } else if (c == u'/' && i + 1 < n && s[i + 1] == u'*') {
            const qsizetype end = text.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c == u'\'') {
            // A literal runs to the quote that closes it; '' inside it is a quote.
            const qsizetype start = i++;
            while (i < n) {
                if (s[i] == u'\'') {
                    if (i + 1 < n && s[i + 1] == u'\'') {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            onToken(start, i - start, true);
        } else if (isWordCharacter(c)) {
            const qsizetype start = i;
            bool digitsOnly = true;
            while (i < n && isWordCharacter(s[i])) {
                digitsOnly = digitsOnly && isDigit(s[i]);
                ++i;
            }
            if (digitsOnly) {
                // A number: its fraction and exponent belong to it (3.14, 1.5e-3).
                if (i + 1 < n && s[i] == u'.' && isDigit(s[i + 1])) {
                    i += 2;
                    while (i < n && isDigit(s[i]))
                        ++i;
                }
                if (i + 1 < n && (s[i] == u'e' || s[i] == u'E')) {
                    qsizetype j = i + 1;
                    if (j < n && (s[j] == u'+' || s[j] == u'-'))
                        ++j;
                    if (j < n && isDigit(s[j])) {
                        i = j;
                        while (i < n && isDigit(s[i]))
                            ++i;
                    }
                }
                if (i < n && isWordCharacter(s[i])) {
                    // Digits then letters (2x, 1e5x): one word, not a number.
                    while (i < n && isWordCharacter(s[i]))
                        ++i;
                    onToken(start, i - start, false);
                } else {
                    onToken(start, i - start, true);
                }
            } else {
                onToken(start, i - start, false);
            }
        } else {
            // A surrogate pair is one character.
            const qsizetype length = c.isHighSurrogate() && i + 1 < n && s[i + 1].isLowSurrogate() ? 2 : 1;
            onToken(i, length, false);
            i += length;
        }
    }
}

} // namespace

QList<Token> scan(const QString &sql)
{
    const QString lower = sql.toLower();
    QList<Token> tokens;
    // Lower-casing keeps the length for all but a few characters (İ); where it does not, the
    // positions are those of the lower-cased text, clamped to the original.
    forEachToken(lower, [&](qsizetype start, qsizetype length, bool placeholder) {
        tokens.append({placeholder ? QStringLiteral("?") : lower.mid(start, length), qMin(start, sql.size()),
                       qMin(length, sql.size() - qMin(start, sql.size()))});
    });
    return tokens;
}

TokenSet tokenSet(const QString &sql, QString &storage)
{
    storage = sql.toLower();
    TokenSet set;
    const char16_t *base = reinterpret_cast<const char16_t *>(storage.constData());
    forEachToken(storage, [&](qsizetype start, qsizetype length, bool placeholder) {
        if (placeholder)
            set.emplace(Placeholder, 1);
        else
            set.emplace(base + start, size_t(length));
    });
    return set;
}

double similarity(const TokenSet &a, const TokenSet &b)
{
    const TokenSet &smaller = a.size() <= b.size() ? a : b;
    const TokenSet &larger = a.size() <= b.size() ? b : a;
    size_t common = 0;
    for (const std::u16string_view &token : smaller)
        common += larger.count(token);
    const size_t all = a.size() + b.size() - common;
    return all == 0 ? 0.0 : double(common) / double(all);
}

double similarity(const QString &a, const QString &b)
{
    QString storageA;
    QString storageB;
    return similarity(tokenSet(a, storageA), tokenSet(b, storageB));
}

} // namespace QueryTokens
