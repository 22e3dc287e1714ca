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

    static double successTargetPct();
    static void setSuccessTargetPct(double pct);

    // Days of the default window; nullopt means all time.
    static std::optional<int> defaultWindowDays();
    static void setDefaultWindowDays(std::optional<int> days);

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
