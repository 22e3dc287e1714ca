#pragma once

#include "jobrepository.h"

#include <QAbstractTableModel>

// The jobs the Jobs page lists: a bounded slice (the most recent, or those whose ID starts
// with what the analyst typed) with their profiles, in the units of SPEC §2.
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { JobId, Engine, User, Warehouse, Started, Duration, Status, Memory, Scanned, Cpu, Count };

    explicit JobListModel(QObject *parent = nullptr);

    void setRows(QList<JobRow> rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "1.5 GiB", "300 KiB": bytes the way people read them.
    static QString humanBytes(qint64 bytes);
    // The normalised status in the user's words ("success, from cache" for a cached job); an
    // engine's own word as imported.
    static QString statusText(const Job &job);

private:
    QList<JobRow> m_rows;
};
