#include "appsettings.h"

#include "measurementruns.h"

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

int AppSettings::similarDays()
{
    const int days = settings().value(QStringLiteral("measurements/similarDays"), MeasurementRuns::DefaultSimilarDays).toInt();
    return days >= 1 ? days : MeasurementRuns::DefaultSimilarDays;
}

void AppSettings::setSimilarDays(int days)
{
    settings().setValue(QStringLiteral("measurements/similarDays"), std::max(1, days));
}

int AppSettings::defaultWindowChoice()
{
    return settings().value(QStringLiteral("dashboard/windowDays"), LastUsedWindow).toInt();
}

void AppSettings::setDefaultWindowChoice(int choice)
{
    settings().setValue(QStringLiteral("dashboard/windowDays"), choice);
}

std::optional<int> AppSettings::startWindowDays()
{
    const int choice = defaultWindowChoice();
    if (choice == LastUsedWindow)
        return lastView().windowDays;
    return choice > 0 ? std::optional(choice) : std::nullopt;
}

AppSettings::View AppSettings::lastView()
{
    const QSettings s = settings();
    View view;
    view.page = s.value(QStringLiteral("view/page"), 0).toInt();
    const int days = s.value(QStringLiteral("view/windowDays"), DefaultWindowDays).toInt();
    view.windowDays = days > 0 ? std::optional(days) : std::nullopt;
    view.issueType = s.value(QStringLiteral("view/issueType")).toString();
    return view;
}

void AppSettings::setLastView(const View &view)
{
    QSettings s = settings();
    s.setValue(QStringLiteral("view/page"), view.page);
    s.setValue(QStringLiteral("view/windowDays"), view.windowDays.value_or(0));
    s.setValue(QStringLiteral("view/issueType"), view.issueType);
}

std::optional<bool> AppSettings::detailPaneVisible()
{
    const QVariant value = settings().value(QStringLiteral("measurements/detailPane"));
    return value.isValid() ? std::optional(value.toBool()) : std::nullopt;
}

void AppSettings::setDetailPaneVisible(bool visible)
{
    settings().setValue(QStringLiteral("measurements/detailPane"), visible);
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
    return settings().value(QStringLiteral("export/lastFolder")).toString();
}

void AppSettings::setLastExportFolder(const QString &folder)
{
    settings().setValue(QStringLiteral("export/lastFolder"), folder);
}
