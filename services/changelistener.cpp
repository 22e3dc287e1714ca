#include "changelistener.h"

#include "database.h"
#include "databasechangewatcher.h"
#include "text.h"

#include <QSqlError>

ChangeListener::ChangeListener(const Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
}

ChangeListener::~ChangeListener()
{
    if (m_database.isPostgres() && m_database.connection().isOpen())
        m_database.connection().driver()->unsubscribeFromNotification(QString::fromLatin1(ChangeNotice::channel));
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
    QSqlDriver *driver = m_database.connection().driver();
    const QString channel = QString::fromLatin1(ChangeNotice::channel);
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
    if (name != QLatin1String(ChangeNotice::channel) || source == QSqlDriver::SelfSource)
        return;
    ChangeNotice notice = ChangeNotice::fromPayload(payload.toString());
    notice.at = QDateTime::currentDateTimeUtc();
    emit noticed(notice);
}
