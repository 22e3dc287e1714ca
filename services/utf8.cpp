#include "utf8.h"

bool isValidUtf8(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    const auto *end = p + size;
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        int length;
        unsigned minimum;
        unsigned code;
        if ((*p & 0xE0) == 0xC0) {
            length = 2, minimum = 0x80, code = *p & 0x1F;
        } else if ((*p & 0xF0) == 0xE0) {
            length = 3, minimum = 0x800, code = *p & 0x0F;
        } else if ((*p & 0xF8) == 0xF0) {
            length = 4, minimum = 0x10000, code = *p & 0x07;
        } else {
            return false;
        }
        if (end - p < length)
            return false;
        for (int i = 1; i < length; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        p += length;
    }
    return true;
}

