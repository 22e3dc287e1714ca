#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Translations {

void install(const QLocale &locale)
{
    QLocale::setDefault(locale);
    const auto load = [](const QLocale &language, const QString &catalogue, const QString &folder) {
        auto *translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(language, catalogue, QStringLiteral("_"), folder))
            QCoreApplication::installTranslator(translator);
        else
            delete translator;
    };
    const QString ours = QStringLiteral(":/i18n");
    load(QLocale(QLocale::English), QStringLiteral("optimeter"), ours);
    if (locale.language() != QLocale::English && locale.language() != QLocale::C)
        load(locale, QStringLiteral("optimeter"), ours);
    load(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

} // namespace Translations
