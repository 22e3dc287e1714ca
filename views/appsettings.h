#pragma once

#include "measurementservice.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

// The user's settings, kept with QSettings: how measurements are judged (tolerance,
// "exceeded" margin), the success target, the default time window, recent databases and the
// window's geometry. One place reads and writes them, so the dialog, the window and the
// services agree.
class AppSettings
{
public:
    static constexpr double DefaultSuccessTargetPct = 80.0;
    static constexpr int DefaultWindowDays = 30;
    static constexpr int MaxRecentDatabases = 8;

    static MeasurementSettings measurementSettings();
    static void setMeasurementSettings(const MeasurementSettings &settings);

    // "Similar runs within D days" (SPEC §5.1's --similar-days): how far from the after job the
    // after-job dialog and the command line gathers the other runs of the same queries. At least 1.
    static int similarDays();
    static void setSimilarDays(int days);

    static double successTargetPct();
    static void setSuccessTargetPct(double pct);

    // The time window the dashboard opens with: LastUsedWindow, 0 for all time, or a number of
    // days (Settings ▸ Preferences).
    static constexpr int LastUsedWindow = -1;
    static int defaultWindowChoice();
    static void setDefaultWindowChoice(int choice);
    // What that choice means now: days, or nullopt for all time.
    static std::optional<int> startWindowDays();

    // Where the analyst left the window: its page, time window and issue type.
    struct View
    {
        int page = 0;
        std::optional<int> windowDays = DefaultWindowDays; // nullopt: all time
        QString issueType;                                 // empty: every issue type
    };
    static View lastView();
    static void setLastView(const View &view);

    // Whether the Measurements page shows its detail pane; nullopt until the analyst chose.
    static std::optional<bool> detailPaneVisible();
    static void setDetailPaneVisible(bool visible);

    static QStringList recentDatabases();
    static void addRecentDatabase(const QString &location);
    static QString lastDatabase();

    // Where the analyst saved an export last (the next save dialog opens there).
    static QString lastExportFolder();
    static void setLastExportFolder(const QString &folder);

    static QByteArray windowGeometry();
    static QByteArray windowState();
    static void setWindowGeometry(const QByteArray &geometry, const QByteArray &state);
};
