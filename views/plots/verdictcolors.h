#pragma once

#include <QColor>

// The semantic colours of verdicts, chosen to stay distinct on light and dark backgrounds
// and for the common colour-vision deficiencies (blue / orange / vermilion, after Okabe–Ito).
namespace VerdictColors {
inline QColor met() { return QColor(0x00, 0x72, 0xb2); }
inline QColor underperformed() { return QColor(0xe6, 0x9f, 0x00); }
inline QColor regression() { return QColor(0xd5, 0x5e, 0x00); }
inline QColor gain() { return QColor(0x00, 0x9e, 0x73); }
} // namespace VerdictColors
