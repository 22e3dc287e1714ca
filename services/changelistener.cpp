#include "changelistener.h"

#include "database.h"
#include "databasechangewatcher.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {
const QString channel = QString::fromLatin1(ChangeNotice::channel);
}

ChangeListener::ChangeListener(const Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
    m_check.setInterval(checkIntervalMs);
    connect(&m_check, &QTimer::timeout, this, &ChangeListener::checkConnection);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ChangeListener::tryToReconnect);
}

ChangeListener::~ChangeListener()
{
    if (m_database.isPostgres() && m_database.connection().isOpen())
        m_database.connection().driver()->unsubscribeFromNotification(channel);
}

Status ChangeListener::start()
{
    if (!m_database.isPostgres()) {
        if (!m_watcher) {
            m_watcher = new DatabaseChangeWatcher(m_database, this);
            connect(m_watcher, &DatabaseChangeWatcher::changed, this, [this] {
                ChangeNotice notice;
                notice.at = QDateTime::currentDateTimeUtc();
                emit noticed(notice);
            });
        }
        return success();
    }
    if (Status subscribed = subscribe(); !subscribed)
        return subscribed;
    m_check.start();
    return success();
}

Status ChangeListener::subscribe()
{
    QSqlDriver *driver = m_database.connection().driver();
    if (driver->subscribedToNotifications().contains(channel))
        return success();
    // LISTEN runs at once, outside any transaction: a commit after this returns is delivered.
    if (!driver->subscribeToNotification(channel))
        return Database::sqlError(Text::tr("Cannot listen for changes"), driver->lastError());
    connect(driver, &QSqlDriver::notification, this, &ChangeListener::onNotification, Qt::UniqueConnection);
    return success();
}

void ChangeListener::onNotification(const QString &name, QSqlDriver::NotificationSource source,
                                    const QVariant &payload)
{
    // This connection's own writes: whoever made them knows.
    if (name != channel || source == QSqlDriver::SelfSource)
        return;
    ChangeNotice notice = ChangeNotice::fromPayload(payload.toString());
    notice.at = QDateTime::currentDateTimeUtc();
    emit noticed(notice);
}

void ChangeListener::checkConnection()
{
    // Notices that arrive while this runs are not lost: the driver looks for them after
    // every statement.
    QSqlQuery query(m_database.connection());
    if (query.exec(QStringLiteral("SELECT 1")))
        return;
    m_check.stop();
    const QString message = query.lastError().text().trimmed();
    emit connectionLost(message.isEmpty() ? Text::tr("The server does not answer") : message);
    m_retry.start(firstRetryMs);
}

void ChangeListener::tryToReconnect()
{
    if (!m_database.reconnect().ok() || !subscribe().ok()) {
        m_retry.start(std::min(m_retry.interval() * 2, longestRetryMs));
        return;
    }
    m_check.start();
    emit reconnected();
    ChangeNotice notice;
    notice.at = QDateTime::currentDateTimeUtc();
    emit noticed(notice);
}
