#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <memory>

class Database;

// The headless command line of SPEC §4: `optimeter [--db LOCATION] [--json] COMMAND …`.
// Exit status 0 done, 1 domain error, 2 usage error, 3 input file error; errors are one
// stderr line starting "error: ".
class CommandLine
{
public:
    enum ExitCode { Done = 0, DomainError = 1, UsageError = 2, InputError = 3 };

    // Splits the global options from the command. Returns false when there is no command
    // (the GUI opens then) or on a usage error (then `exitCode` is set).
    static bool hasCommand(const QStringList &arguments);

    int run(const QStringList &arguments);

    static void print(const QString &text);
    static void printError(const QString &message);
    static void printWarning(const QString &message);

private:
    int usageError(const QString &message, const QString &helpCommand = {});
    int fail(const Error &error);
    Result<std::unique_ptr<Database>> openDatabase();

    int runImport(const QStringList &arguments);
    int runMeasure(const QStringList &arguments);
    int runRejudge(const QStringList &arguments);
    int runRefresh(const QStringList &arguments);
    int runRuns(const QStringList &arguments);
    int runSuggest(const QStringList &arguments);
    int runCalibration(const QStringList &arguments);
    int runJob(const QStringList &arguments);
    int runSummary(const QStringList &arguments);
    int runExport(const QStringList &arguments);
    int runDemo(const QStringList &arguments);
    int runScreenshot(const QStringList &arguments);
    int runExportChart(const QStringList &arguments);
    int runWatch(const QStringList &arguments);

public:
    // Commands that render widgets and so need a QApplication (offscreen when headless).
    static bool needsWidgets(const QStringList &arguments);

    QString m_location;
    bool m_json = false;
};
