#pragma once

class QLocale;

// The program's language: Qt's own dialogs (file dialogs, buttons, dates) from Qt's catalogue
// qtbase_*.qm (package qt6-translations-l10n), ours from :/i18n. The English catalogue holds
// only plural forms ("%n day(s)" -> "1 day" / "2 days") and is installed first for every
// language, so that a language without a catalogue of its own still reads well; the
// language's own catalogue then takes precedence.
namespace Translations {

void install(const QLocale &locale);

} // namespace Translations
