#include "changenotice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// A JSON string literal, escaped as QJsonDocument escapes it.
QByteArray quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QByteArray ChangeNotice::payload() const
{
    // Written by hand to keep SPEC §7's order (QJsonObject sorts its keys): what, ids, by.
    const QByteArray head = "{\"what\":" + quoted(what);
    const QByteArray tail = ",\"by\":" + quoted(by) + '}';
    if (!ids)
        return head + tail;
    QByteArray list = ",\"ids\":[";
    for (qsizetype i = 0; i < ids->size(); ++i) {
        if (i > 0)
            list += ',';
        list += QByteArray::number(ids->at(i));
        if (head.size() + list.size() + 1 + tail.size() > maxPayloadBytes)
            return head + tail;
    }
    return head + list + ']' + tail;
}

ChangeNotice ChangeNotice::fromPayload(const QString &payload)
{
    ChangeNotice notice;
    const QJsonObject object = QJsonDocument::fromJson(payload.toUtf8()).object();
    notice.what = object.value(QStringLiteral("what")).toString();
    notice.by = object.value(QStringLiteral("by")).toString();
    if (const QJsonValue ids = object.value(QStringLiteral("ids")); ids.isArray()) {
        notice.ids.emplace();
        for (const QJsonValue &id : ids.toArray())
            notice.ids->append(id.toInteger());
    }
    return notice;
}
