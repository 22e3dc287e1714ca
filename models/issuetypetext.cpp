#include "issuetypetext.h"

#include <QCoreApplication>

namespace IssueTypeText {
namespace {

// The issue types the product knows (SPEC §2, services/demovocabulary.h), with their words;
// lupdate reads the words from QT_TRANSLATE_NOOP.
constexpr struct
{
    const char *identifier;
    const char *words;
} knownTypes[] = {
    {"missing_partition_filter", QT_TRANSLATE_NOOP("IssueTypeText", "Missing partition filter")},
    {"select_star", QT_TRANSLATE_NOOP("IssueTypeText", "SELECT * (all columns)")},
    {"missing_clustering", QT_TRANSLATE_NOOP("IssueTypeText", "Missing clustering")},
    {"cartesian_join", QT_TRANSLATE_NOOP("IssueTypeText", "Cartesian join")},
    {"inefficient_join_order", QT_TRANSLATE_NOOP("IssueTypeText", "Inefficient join order")},
    {"unnecessary_sort", QT_TRANSLATE_NOOP("IssueTypeText", "Unnecessary sort")},
    {"repeated_subquery", QT_TRANSLATE_NOOP("IssueTypeText", "Repeated subquery")},
};

QString tr(const char *text)
{
    return QCoreApplication::translate("IssueTypeText", text);
}

} // namespace

QStringList known()
{
    QStringList identifiers;
    for (const auto &type : knownTypes)
        identifiers << QLatin1String(type.identifier);
    return identifiers;
}

QString name(const QString &issueType)
{
    for (const auto &type : knownTypes)
        if (issueType == QLatin1String(type.identifier))
            return tr(type.words);
    // Another engine's type still reads as words, in the language it was written in.
    QString words = issueType;
    words.replace(u'_', u' ').replace(u'-', u' ');
    words = words.simplified(); // "a__b" or a trailing '_' leave no double or trailing space
    if (words.isEmpty())
        return issueType; // nothing but separators: as it is
    words[0] = words[0].toUpper();
    return words;
}

QStringList namedBy(const QString &text)
{
    QStringList identifiers;
    if (text.trimmed().isEmpty())
        return identifiers;
    for (const auto &type : knownTypes)
        if (tr(type.words).contains(text.trimmed(), Qt::CaseInsensitive))
            identifiers << QLatin1String(type.identifier);
    return identifiers;
}

QString toolTip(const QString &issueType)
{
    return QCoreApplication::translate("IssueTypeText", "Identifier: %1").arg(issueType);
}

QString nameWithIdentifier(const QString &issueType)
{
    const QString words = name(issueType);
    return words == issueType ? words : QCoreApplication::translate("IssueTypeText", "%1 (%2)").arg(words, issueType);
}

} // namespace IssueTypeText
