#include "optimeterprocess.h"

#include <QTest>

OptimeterRun OptimeterRun::start(const QString &executable, const QStringList &arguments,
                                 const QProcessEnvironment &environment, const QString &workingDirectory,
                                 bool keepEventsFlowing)
{
    OptimeterRun result;
    result.arguments = arguments;
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(executable, arguments);
    if (!process.waitForStarted(10000))
        return result;
    process.closeWriteChannel();
    result.finished = keepEventsFlowing
                          ? QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)
                          : process.waitForFinished(60000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitStatus = process.exitStatus();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
