#pragma once

#include <QString>
#include <QStringList>

#include <functional>

// What an import did, for the analyst (CLI text or JSON, the GUI's report).
struct ImportReport
{
    QString file;
    QString format;            // "generic", later one per engine
    qint64 rowsRead = 0;       // data records in the file
    qint64 inserted = 0;       // new rows
    qint64 updated = 0;        // existing rows replaced
    qint64 duplicates = 0;     // records whose key appeared earlier in the same file (last wins)
    qint64 rejected = 0;
    QStringList ignoredColumns; // header names we do not know
};

struct ImportOptions
{
    // Called now and then with bytes read and the file size; returning false cancels the
    // import, which then writes nothing.
    std::function<bool(qint64 bytesRead, qint64 totalBytes)> progress;
};
