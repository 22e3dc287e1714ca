#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// What one committed write tells the other programs on a PostgreSQL database (SPEC §7): the
// table it changed, the rows (when they are few enough to list) and who wrote. A Transaction
// sends its notices with pg_notify just before COMMIT, so a rolled-back write announces
// nothing; ChangeListener reads them back. On SQLite nothing is sent: PRAGMA data_version
// tells that something changed, but not what, so a notice read there knows only its time.
struct ChangeNotice
{
    // Lower case: Qt's LISTEN quotes the name, so case matters (QT-NOTES §3.5).
    static constexpr char channel[] = "optimeter_changes";
    // PostgreSQL refuses a payload of 8000 bytes or more; beyond it the ids are left out.
    static constexpr qsizetype maxPayloadBytes = 7999;

    QString what;                       // the table, e.g. "measurements"; empty when unknown
    std::optional<QList<qint64>> ids;   // the rows written; none when not listed (imports)
    QString by;                         // who wrote; empty when unknown
    QDateTime at;                       // when it was seen (not part of the payload)

    // {"what": …, "ids": […], "by": …} as compact JSON, without the ids if they would make it
    // too long.
    QByteArray payload() const;
    // A payload as payload() writes it; a notice with nothing known for one that is no JSON
    // object (another program's NOTIFY on the channel).
    static ChangeNotice fromPayload(const QString &payload);
};
