#pragma once

#include <QString>

// Our fingerprint of a query, for engines that do not give their own (SPEC §2 query_hash):
// the text normalized — comments removed, string and number literals replaced by '?', lists of
// literals collapsed to one, whitespace collapsed, unquoted identifiers and keywords folded to
// lower case (quoted identifiers kept) — then hashed (SHA-256, first 16 hex digits).
namespace QueryFingerprint {

QString normalize(const QString &sql);
QString of(const QString &sql); // empty for an empty or blank text

} // namespace QueryFingerprint
