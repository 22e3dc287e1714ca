#pragma once

#include <QList>
#include <QString>

#include <string_view>
#include <unordered_set>
#include <vector>

// The tokens of a query's text that SPEC §6.1 compares: the text lower-cased, `--` and `/* */`
// comments dropped, each single-quoted string literal and each number replaced by `?`; a token is
// a maximal run of letters, digits and `_`, or any other single character that is not white space.
namespace QueryTokens {

// A token and where it stands in the text it was read from (a comment is no token; a literal or
// number is the token "?" spanning it), so that a view can mark it.
struct Token
{
    QString text;
    qsizetype start = 0;
    qsizetype length = 0;
};

QList<Token> scan(const QString &sql);

// The distinct tokens, as views into `storage` (which must outlive them) or into a static "?".
using TokenSet = std::unordered_set<std::u16string_view>;
TokenSet tokenSet(const QString &sql, QString &storage);

// The same distinct tokens in code-unit order, written into `out` (its capacity is reused):
// for scoring many texts against one, without a node per token.
using SortedTokens = std::vector<std::u16string_view>;
void sortedTokens(const QString &sql, QString &storage, SortedTokens &out);

// |A ∩ B| / |A ∪ B| of the two texts' token sets; 0 when both are empty.
double similarity(const QString &a, const QString &b);
double similarity(const TokenSet &a, const TokenSet &b);
double similarity(const SortedTokens &a, const SortedTokens &b);

} // namespace QueryTokens
