#include "chartexport.h"

#include "sqlitefile.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QInputDialog>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>

namespace ChartExport {

Status write(QWidget *chart, const QString &path, QSize size)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return Error::invalidInput(QApplication::translate("ChartExport", "%1: choose a .png, .svg or .pdf file").arg(path));
    if (Status output = SqliteFile::checkOutput(path); !output)
        return output;
    if (!QFileInfo(QFileInfo(path).absolutePath()).isWritable())
        return Error::io(
            QApplication::translate("ChartExport", "%1: cannot be written: the folder does not exist or is read-only")
                .arg(path));
    const QSize previous = chart->size();
    chart->resize(size);
    chart->ensurePolished();
    QCoreApplication::sendPostedEvents(); // layouts settle at the new size before painting
    bool written = false;
    if (suffix == QLatin1String("png")) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(chart->palette().color(QPalette::Window));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        chart->render(&painter);
        painter.end();
        written = image.save(path, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart->windowTitle());
        QPainter painter;
        written = painter.begin(&svg);
        if (written) {
            chart->render(&painter);
            written = painter.end();
        }
    } else {
        QPdfWriter pdf(path);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setCreator(QStringLiteral("Optimeter"));
        QPainter painter;
        written = painter.begin(&pdf);
        if (written) {
            const QRect page = painter.viewport();
            painter.scale(double(page.width()) / size.width(), double(page.height()) / size.height());
            chart->render(&painter);
            written = painter.end();
        }
    }
    chart->resize(previous);
    if (!written || QFileInfo(path).size() == 0)
        return Error::io(QApplication::translate("ChartExport", "%1: cannot be written").arg(path));
    return success();
}

void addExportAction(QWidget *chart)
{
    auto *action = new QAction(QApplication::translate("ChartExport", "Export as PNG, SVG or PDF…"), chart);
    chart->addAction(action);
    chart->setContextMenuPolicy(Qt::ActionsContextMenu);
    QObject::connect(action, &QAction::triggered, chart, [chart] {
        const QString path = QFileDialog::getSaveFileName(
            chart, QApplication::translate("ChartExport", "Export chart"), QStringLiteral("chart.png"),
            QApplication::translate("ChartExport", "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        if (path.isEmpty())
            return;
        const QStringList sizes{QStringLiteral("1200 × 800"), QStringLiteral("1600 × 1000"),
                                QStringLiteral("1920 × 1080"), QStringLiteral("800 × 600")};
        bool ok = false;
        const QString chosen = QInputDialog::getItem(chart, QApplication::translate("ChartExport", "Export chart"),
                                                     QApplication::translate("ChartExport", "Size in pixels:"),
                                                     sizes, 0, false, &ok);
        if (!ok)
            return;
        const QStringList parts = chosen.split(QStringLiteral(" × "));
        const Status written = write(chart, path, QSize(parts.value(0).toInt(), parts.value(1).toInt()));
        if (!written)
            QMessageBox::warning(chart, QApplication::translate("ChartExport", "Export chart"), written.error().message);
    });
}

} // namespace ChartExport
