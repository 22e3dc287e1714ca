#include "jobstatus.h"

#include <QStringList>

namespace {

const QStringList &unmeasurable()
{
    static const QStringList words{
        QStringLiteral("failed"),   QStringLiteral("fail"),      QStringLiteral("failure"),
        QStringLiteral("error"),    QStringLiteral("incident"),  QStringLiteral("cancelled"),
        QStringLiteral("canceled"), QStringLiteral("cancel"),    QStringLiteral("aborted"),
        QStringLiteral("killed"),   QStringLiteral("timeout"),   QStringLiteral("timed_out"),
        QStringLiteral("running"),  QStringLiteral("queued"),    QStringLiteral("pending"),
        QStringLiteral("blocked"),  QStringLiteral("starting"),  QStringLiteral("planning"),
        QStringLiteral("resuming_warehouse")};
    return words;
}

} // namespace

namespace JobStatus {

bool isMeasurable(const std::optional<QString> &status)
{
    return !status || !unmeasurable().contains(status->trimmed().toLower());
}

QString unmeasurableSqlList()
{
    QStringList literals;
    for (const QString &word : unmeasurable())
        literals << u'\'' + word + u'\'';
    return literals.join(QStringLiteral(", "));
}

QString measurableSqlCondition(const QString &alias)
{
    return QStringLiteral("(%1.cache_hit IS NULL OR %1.cache_hit = FALSE) "
                          "AND (%1.status IS NULL OR LOWER(TRIM(%1.status)) NOT IN (%2))")
        .arg(alias, unmeasurableSqlList());
}

} // namespace JobStatus
