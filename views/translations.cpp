#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QList>
#include <QLocale>
#include <QTranslator>

namespace Translations {

void install(const QLocale &locale)
{
    // Another language replaces the one before (the tests switch).
    static QList<QTranslator *> installed;
    for (QTranslator *translator : std::as_const(installed)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    installed.clear();
    QLocale::setDefault(locale);
    const auto load = [](const QLocale &language, const QString &catalogue, const QString &folder) {
        auto *translator = new QTranslator;
        if (translator->load(language, catalogue, QStringLiteral("_"), folder)) {
            QCoreApplication::installTranslator(translator);
            installed << translator;
        } else {
            delete translator;
        }
    };
    const QString ours = QStringLiteral(":/i18n");
    load(QLocale(QLocale::English), QStringLiteral("optimeter"), ours);
    if (locale.language() != QLocale::English && locale.language() != QLocale::C)
        load(locale, QStringLiteral("optimeter"), ours);
    load(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

} // namespace Translations
