#pragma once

#include <QLocale>
#include <QString>

// A duration in milliseconds as a person reads it (SPEC §2 keeps the fraction): a whole number
// as it is, a fraction with up to three decimals ("0.25", "39.27"). In the C locale (the
// command line) without group separators; in a user's locale with them ("12,034.568").
QString millisecondsText(double milliseconds, const QLocale &locale = QLocale::c());
