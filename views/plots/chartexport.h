#pragma once

#include "result.h"
#include "types.h"

#include <QSize>
#include <QString>

class QDateTime;
class QWidget;

// Writes a chart widget to PNG, SVG or PDF (chosen by the file's extension) at a given size,
// through QWidget::render(): vector output for SVG and PDF, no window needed (QT-NOTES §2).
// A chart exported on its own says what it shows: a caption line under the picture names its
// filters and when it was made, and the save dialog proposes a file named after both.
namespace ChartExport {

// What the chart shows now: its window and issue type, in words for the caption ("Last 90 days ·
// select_star") and in the proposed file name (`chartName` + "_last-90-days_select_star"). The
// window sets it on every refresh; the command line before writing.
void setCaption(QWidget *chart, const QString &chartName, const MeasurementWindow &window);
// The caption line under an exported picture: the filters and the time of the export.
QString captionLine(const QWidget *chart, const QDateTime &when);

Status write(QWidget *chart, const QString &path, QSize size);

// Adds "Export as PNG, SVG or PDF…" to the chart's context menu.
void addExportAction(QWidget *chart);

} // namespace ChartExport
