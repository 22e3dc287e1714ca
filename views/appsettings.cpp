#include "appsettings.h"

#include <QSettings>
#include <QUrl>

namespace {
QSettings settings()
{
    return QSettings(QStringLiteral("Optimeter"), QStringLiteral("optimeter"));
}

// Recent PostgreSQL locations are remembered without their password.
QString withoutPassword(const QString &location)
{
    if (!location.startsWith(QLatin1String("postgres"), Qt::CaseInsensitive))
        return location;
    QUrl url(location);
    url.setPassword(QString());
    return url.toString();
}
} // namespace

MeasurementSettings AppSettings::measurementSettings()
{
    const QSettings s = settings();
    MeasurementSettings result;
    result.tolerancePct = s.value(QStringLiteral("measurement/tolerancePct"), result.tolerancePct).toDouble();
    result.exceededMarginPct =
        s.value(QStringLiteral("measurement/exceededMarginPct"), result.exceededMarginPct).toDouble();
    return result;
}

void AppSettings::setMeasurementSettings(const MeasurementSettings &measurement)
{
    QSettings s = settings();
    s.setValue(QStringLiteral("measurement/tolerancePct"), measurement.tolerancePct);
    s.setValue(QStringLiteral("measurement/exceededMarginPct"), measurement.exceededMarginPct);
}

double AppSettings::successTargetPct()
{
    return settings().value(QStringLiteral("dashboard/successTargetPct"), DefaultSuccessTargetPct).toDouble();
}

void AppSettings::setSuccessTargetPct(double pct)
{
    settings().setValue(QStringLiteral("dashboard/successTargetPct"), pct);
}

std::optional<int> AppSettings::defaultWindowDays()
{
    const int days = settings().value(QStringLiteral("dashboard/windowDays"), DefaultWindowDays).toInt();
    return days > 0 ? std::optional(days) : std::nullopt;
}

void AppSettings::setDefaultWindowDays(std::optional<int> days)
{
    settings().setValue(QStringLiteral("dashboard/windowDays"), days.value_or(0));
}

QStringList AppSettings::recentDatabases()
{
    return settings().value(QStringLiteral("databases/recent")).toStringList();
}

void AppSettings::addRecentDatabase(const QString &location)
{
    const QString remembered = withoutPassword(location);
    QStringList recent = recentDatabases();
    recent.removeAll(remembered);
    recent.prepend(remembered);
    while (recent.size() > MaxRecentDatabases)
        recent.removeLast();
    QSettings s = settings();
    s.setValue(QStringLiteral("databases/recent"), recent);
    s.setValue(QStringLiteral("databases/last"), remembered);
}

QString AppSettings::lastDatabase()
{
    return settings().value(QStringLiteral("databases/last")).toString();
}

QByteArray AppSettings::windowGeometry()
{
    return settings().value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray AppSettings::windowState()
{
    return settings().value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry, const QByteArray &state)
{
    QSettings s = settings();
    s.setValue(QStringLiteral("window/geometry"), geometry);
    s.setValue(QStringLiteral("window/state"), state);
}

QString AppSettings::lastExportFolder()
{
    return QSettings().value(QStringLiteral("export/lastFolder")).toString();
}

void AppSettings::setLastExportFolder(const QString &folder)
{
    QSettings().setValue(QStringLiteral("export/lastFolder"), folder);
}
