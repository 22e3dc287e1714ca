#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// One run of the built `optimeter` executable in a QProcess, as the end-to-end tests make
// them: its exit status, stdout and stderr, and a description for failure messages.
struct OptimeterRun
{
    QStringList arguments;
    bool finished = false;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("optimeter %1\n  finished=%2 crashed=%3 exit=%4\n  stdout: %5\n  stderr: %6")
            .arg(arguments.join(u' '))
            .arg(finished)
            .arg(exitStatus == QProcess::CrashExit)
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
    bool normalExit() const { return finished && exitStatus == QProcess::NormalExit; }
    bool ok() const { return normalExit() && exitCode == 0 && err.isEmpty(); }
    // stderr as lines; every line must end with '\n'.
    QStringList errLines() const
    {
        QStringList lines = QString::fromUtf8(err).split(u'\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        return lines;
    }
    QString errorLine() const { return errLines().value(0); }

    // Runs `executable` with `arguments` and waits up to a minute. With `keepEventsFlowing`
    // the calling thread's event loop runs meanwhile (a window under test stays alive).
    static OptimeterRun start(const QString &executable, const QStringList &arguments,
                              const QProcessEnvironment &environment, const QString &workingDirectory = {},
                              bool keepEventsFlowing = false);
};
