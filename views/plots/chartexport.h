#pragma once

#include "result.h"

#include <QSize>
#include <QString>

class QWidget;

// Writes a chart widget to PNG, SVG or PDF (chosen by the file's extension) at a given size,
// through QWidget::render(): vector output for SVG and PDF, no window needed (QT-NOTES §2).
namespace ChartExport {

Status write(QWidget *chart, const QString &path, QSize size);

// Adds "Export as PNG, SVG or PDF…" to the chart's context menu.
void addExportAction(QWidget *chart);

} // namespace ChartExport
