// The main window's refresh of measurements' runs (SPEC §5.1, `measure refresh --all`): the
// menu action, and the offer after a jobs import, whose history may hold more runs of the
// queries that measurements recorded with other runs compare.

#include "mainwindow.h"

#include "appsettings.h"
#include "backgroundtask.h"
#include "database.h"
#include "measurementrepository.h"
#include "measurementservice.h"

#include <QMessageBox>
#include <QStatusBar>

void MainWindow::refreshMeasurementRuns()
{
    const MeasurementSettings settings = AppSettings::measurementSettings();
    // One transaction per measurement, thousands of them: in a worker on its own connection.
    BackgroundTask::run<RefreshReport>(
        this, m_database->location(), tr("Gathering the runs of measurements again…"),
        [settings](const Database &database, const BackgroundTask::Progress &progress) {
            return MeasurementService(database, settings).refreshAll(progress);
        },
        [this](const Result<RefreshReport> &report, BackgroundTask::Ending ending) {
            if (!report) {
                if (report.error().kind == Error::Kind::Canceled)
                    statusBar()->showMessage(tr("Refresh of the runs canceled."), 10000);
                else
                    QMessageBox::warning(this, tr("Refresh runs"), report.error().message);
                refresh(); // the measurements refreshed before the stop are committed
                return;
            }
            const QString message = describeRunsRefresh(*report, ending.cancelRequested);
            m_lastRunsRefresh = message;
            statusBar()->showMessage(message, 15000);
            refresh();
            emit runsRefreshed(message);
        });
}

QString MainWindow::describeRunsRefresh(const RefreshReport &report, bool stopped)
{
    if (report.refreshed == 0)
        return stopped ? tr("Refresh of the runs canceled; no measurement was changed.")
                       : tr("No measurement was recorded with other runs of its queries: nothing to refresh.");
    QString text = (stopped ? tr("Stopped after refreshing %n measurement(s)", nullptr, int(report.refreshed))
                            : tr("Refreshed the runs of %n measurement(s)", nullptr, int(report.refreshed)))
                   + QStringLiteral(": ");
    text += report.runsAdded >= 0 ? tr("%n run(s) added", nullptr, int(report.runsAdded))
                                  : tr("%n run(s) fewer", nullptr, int(-report.runsAdded));
    text += QStringLiteral(", ") + tr("%n verdict(s) changed", nullptr, int(report.verdictChanged)) + u'.';
    return text;
}

bool MainWindow::offerRunsRefresh(qint64 recordedWithSimilar)
{
    if (recordedWithSimilar <= 0)
        return false;
    QMessageBox box(QMessageBox::Question, tr("Refresh runs"),
                    tr("%n completed measurement(s) compare other runs of the same queries. The jobs just "
                       "imported may hold more of those runs.",
                       nullptr, int(recordedWithSimilar)),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("offerRunsRefresh"));
    box.setInformativeText(tr("Gather their runs again and compute their verdicts anew? No leaves them as they are."));
    box.setDefaultButton(QMessageBox::Yes);
    if (box.exec() != QMessageBox::Yes)
        return false;
    refreshMeasurementRuns();
    return true;
}
