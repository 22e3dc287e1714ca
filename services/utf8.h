#pragma once

#include <QtGlobal>

// Whether `data` is well-formed UTF-8: no overlong forms, surrogates or values past U+10FFFF.
// A fast path skips ASCII.
bool isValidUtf8(const char *data, qsizetype size);
