#include "joblistmodel.h"

#include "jobstatus.h"
#include "millisecondstext.h"

#include <QColor>
#include <QLocale>

JobListModel::JobListModel(QObject *parent) : QAbstractTableModel(parent) {}

void JobListModel::setRows(QList<JobRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString JobListModel::humanBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString JobListModel::statusText(const Job &job)
{
    QString text;
    if (!job.status)
        text = tr("—");
    else if (job.status->compare(JobStatus::Success, Qt::CaseInsensitive) == 0)
        text = tr("success");
    else if (job.status->compare(JobStatus::Failed, Qt::CaseInsensitive) == 0)
        text = tr("failed");
    else if (job.status->compare(JobStatus::Cancelled, Qt::CaseInsensitive) == 0)
        text = tr("cancelled");
    else if (job.status->compare(JobStatus::Running, Qt::CaseInsensitive) == 0)
        text = tr("running");
    else
        text = *job.status; // an engine's own word, as imported
    return job.cacheHit.value_or(false) ? tr("%1, from cache").arg(text) : text;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const JobRow &row = m_rows.at(index.row());
    const auto column = Column(index.column());
    const bool number = column == Column::Duration || column == Column::Memory || column == Column::Scanned
                        || column == Column::Cpu;
    if (role == Qt::TextAlignmentRole)
        return number ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == Column::JobId)
        return row.job.queryText.value_or(QString());
    if (role == Qt::ToolTipRole && column == Column::Status && !JobStatus::isMeasurable(row.job.status))
        return tr("A job that did not succeed has no metrics worth comparing: it cannot be a before or "
                  "an after job.");
    if (role == Qt::ToolTipRole && column == Column::Status && row.job.cacheHit.value_or(false))
        return tr("Served from a result cache: its metrics are not a real run, and it is offered as an "
                  "after job only with confirmation.");
    // Jobs that cannot be measured read as such: red for failed, amber for cached ones.
    if (role == Qt::ForegroundRole && column == Column::Status) {
        if (!JobStatus::isMeasurable(row.job.status))
            return QColor(0xc6, 0x28, 0x28);
        if (row.job.cacheHit.value_or(false))
            return QColor(0xb2, 0x6a, 0x00);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    const QString none = tr("—");
    auto bytes = [&](std::optional<qint64> value) { return value ? humanBytes(*value) : none; };
    switch (column) {
    case Column::JobId: return row.job.jobId;
    case Column::Engine: return row.job.engine.value_or(none);
    case Column::User: return row.job.userName.value_or(none);
    case Column::Warehouse:
        if (row.job.warehouse && row.job.warehouseSize)
            return tr("%1 (%2)").arg(*row.job.warehouse, *row.job.warehouseSize);
        return row.job.warehouse.value_or(row.job.warehouseSize.value_or(none));
    case Column::Started:
        return row.job.startedAt ? locale.toString(row.job.startedAt->toLocalTime(), QLocale::ShortFormat) : none;
    case Column::Duration: return tr("%1 ms").arg(millisecondsText(row.job.durationMs, locale));
    case Column::Status: return statusText(row.job);
    case Column::Memory: return bytes(row.profile ? row.profile->memoryAllocated : std::nullopt);
    case Column::Scanned: return bytes(row.profile ? row.profile->dataScanned : std::nullopt);
    case Column::Cpu:
        return row.profile && row.profile->cpuTimeMs ? tr("%1 ms").arg(locale.toString(*row.profile->cpuTimeMs)) : none;
    case Column::Count: break;
    }
    return {};
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::JobId: return tr("Job ID");
    case Column::Engine: return tr("Engine");
    case Column::User: return tr("User");
    case Column::Warehouse: return tr("Warehouse");
    case Column::Started: return tr("Started");
    case Column::Duration: return tr("Duration");
    case Column::Status: return tr("Status");
    case Column::Memory: return tr("Memory");
    case Column::Scanned: return tr("Data scanned");
    case Column::Cpu: return tr("CPU time");
    case Column::Count: break;
    }
    return {};
}
