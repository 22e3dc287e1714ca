#pragma once

#include "commandline.h"
#include "types.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QSize>
#include <QString>

#include <optional>

// What the command groups share (app/*commands.cpp): each sub-command's own parser and help,
// and the options several of them read.
namespace Cli {

// A sub-command's parser: its own options, its own help, errors reported as usage errors.
class SubParser
{
public:
    SubParser(QString command, QString description, QString positional = {})
        : m_command(std::move(command)), m_positional(std::move(positional))
    {
        m_parser.setApplicationDescription(description);
        m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        m_parser.addOption(m_help);
    }

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    void addPositional(const QString &name, const QString &description, const QString &syntax = {})
    {
        m_parser.addPositionalArgument(name, description, syntax);
    }
    void setExamples(QString examples) { m_examples = std::move(examples); }

    // Parses `arguments` (the words after the command). On --help prints help and returns
    // false with `exitCode` 0; on an error returns false with a usage message.
    bool parse(const QStringList &arguments, int &exitCode, QString &error)
    {
        if (!m_parser.parse(QStringList{m_command} + arguments)) {
            error = m_parser.errorText();
            exitCode = CommandLine::UsageError;
            return false;
        }
        if (m_parser.isSet(m_help)) {
            CommandLine::print(help());
            exitCode = CommandLine::Done;
            return false;
        }
        return true;
    }

    QString help() const
    {
        QString text = m_parser.helpText();
        // Qt names the program from argv[0]; name the whole command instead.
        const qsizetype end = text.indexOf(u'\n');
        QString usage = QStringLiteral("Usage: optimeter %1 [options]").arg(m_command);
        if (!m_positional.isEmpty())
            usage += u' ' + m_positional;
        text = usage + u'\n' + text.mid(end);
        if (!m_examples.isEmpty())
            text += QStringLiteral("\nExamples:\n") + m_examples;
        return text.trimmed();
    }

    const QCommandLineParser &parser() const { return m_parser; }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }
    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QStringList positional() const { return m_parser.positionalArguments(); }
    QString command() const { return m_command; }

private:
    QString m_command;
    QString m_positional;
    QString m_examples;
    QCommandLineParser m_parser;
    QCommandLineOption m_help{{QStringLiteral("h"), QStringLiteral("help")},
                              QStringLiteral("Show this help.")};
};

inline QCommandLineOption daysOption(const QString &defaultText)
{
    return QCommandLineOption(QStringLiteral("days"),
                              QStringLiteral("Measurements whose latest recording is within the last "
                                             "N days (%1).").arg(defaultText),
                              QStringLiteral("N"));
}

inline const QCommandLineOption issueTypeOption(QStringLiteral("issue-type"),
                                         QStringLiteral("Only recommendations of this issue type."),
                                         QStringLiteral("T"));

// Reads --days and --issue-type into a window; false with `error` on a bad number.
inline bool readWindow(const SubParser &parser, const QCommandLineOption &days,
                std::optional<int> defaultDays, MeasurementWindow &window, QString &error)
{
    window.days = defaultDays;
    if (parser.isSet(days)) {
        bool ok = false;
        const int value = parser.value(days).toInt(&ok);
        if (!ok || value < 1) {
            error = QStringLiteral("--days must be a whole number of at least 1, not '%1'")
                        .arg(parser.value(days));
            return false;
        }
        window.days = value;
    }
    if (parser.isSet(issueTypeOption))
        window.issueType = parser.value(issueTypeOption);
    return true;
}

// Reads --size WIDTHxHEIGHT between `smallest` and 10000x10000; nothing with `error` set
// otherwise.
inline std::optional<QSize> readSize(const QString &text, QSize smallest, QString &error)
{
    const QStringList dimensions = text.split(u'x');
    const QSize size(dimensions.value(0).toInt(), dimensions.value(1).toInt());
    if (dimensions.size() != 2 || size.width() < smallest.width() || size.height() < smallest.height()
        || size.width() > 10000 || size.height() > 10000) {
        error = QStringLiteral("--size must be WIDTHxHEIGHT between %1x%2 and 10000x10000, not '%3'")
                    .arg(smallest.width())
                    .arg(smallest.height())
                    .arg(text);
        return std::nullopt;
    }
    return size;
}

// A recommendation id: any whole number (one that names none is "not found", exit 1).
inline std::optional<qint64> readRecommendationId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.trimmed().toLongLong(&ok);
    return ok ? std::optional(id) : std::nullopt;
}

} // namespace Cli
