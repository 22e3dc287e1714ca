#include "chartexport.h"

#include "appsettings.h"
#include "issuetypetext.h"
#include "measurementformat.h"
#include "sqlitefile.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QInputDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QWidget>

namespace ChartExport {

void setCaption(QWidget *chart, const QString &chartName, const MeasurementWindow &window)
{
    const QString days = window.days ? QApplication::translate("ChartExport", "Last %n day(s)", nullptr, *window.days)
                                     : QApplication::translate("ChartExport", "All time");
    const QString issue = window.issueType ? IssueTypeText::name(*window.issueType)
                                           : QApplication::translate("ChartExport", "All issue types");
    QString stem = chartName + (window.days ? QStringLiteral("_last-%1-days").arg(*window.days)
                                            : QStringLiteral("_all-time"));
    if (window.issueType) {
        // A file name from the issue type: letters, digits, '-' and '_' only.
        QString safe = *window.issueType;
        safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("-"));
        stem += u'_' + safe;
    }
    chart->setProperty("optimeterFilters", days + QStringLiteral(" · ") + issue);
    chart->setProperty("optimeterFileStem", stem);
}

QString captionLine(const QWidget *chart, const QDateTime &when)
{
    const QString filters = chart->property("optimeterFilters").toString();
    const QString made = QApplication::translate("ChartExport", "Optimeter, %1").arg(MeasurementFormat::dateTime(when));
    return filters.isEmpty() ? made : filters + QStringLiteral(" · ") + made;
}

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
    // The chart above, its caption line below.
    const QFontMetrics metrics(chart->font());
    const int captionHeight = metrics.height() * 2;
    const QString caption = captionLine(chart, QDateTime::currentDateTimeUtc());
    const QSize chartSize(size.width(), std::max(1, size.height() - captionHeight));
    const auto paint = [chart, &caption, chartSize, captionHeight](QPainter &painter) {
        chart->render(&painter);
        painter.setPen(chart->palette().color(QPalette::PlaceholderText));
        painter.setFont(chart->font());
        painter.drawText(QRect(12, chartSize.height(), chartSize.width() - 24, captionHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, caption);
    };
    const QSize previous = chart->size();
    chart->resize(chartSize);
    chart->ensurePolished();
    QCoreApplication::sendPostedEvents(); // layouts settle at the new size before painting
    bool written = false;
    if (suffix == QLatin1String("png")) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(chart->palette().color(QPalette::Window));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        paint(painter);
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
            paint(painter);
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
            paint(painter);
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
        QString stem = chart->property("optimeterFileStem").toString();
        if (stem.isEmpty())
            stem = QStringLiteral("chart");
        const QString folder = AppSettings::lastExportFolder();
        const QString proposed = folder.isEmpty() || !QFileInfo(folder).isDir()
                                     ? stem + QStringLiteral(".png")
                                     : QDir(folder).filePath(stem + QStringLiteral(".png"));
        const QString path = QFileDialog::getSaveFileName(
            chart, QApplication::translate("ChartExport", "Export chart"), proposed,
            QApplication::translate("ChartExport", "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        if (path.isEmpty())
            return;
        const QStringList sizes{QStringLiteral("1200 × 800"), QStringLiteral("1600 × 1000"),
                                QStringLiteral("1920 × 1080"), QStringLiteral("800 × 600")};
        QInputDialog sizeDialog(chart);
        sizeDialog.setWindowTitle(QApplication::translate("ChartExport", "Export chart"));
        sizeDialog.setLabelText(QApplication::translate("ChartExport", "Size in pixels:"));
        sizeDialog.setComboBoxItems(sizes);
        sizeDialog.setComboBoxEditable(false);
        // Wide enough for its title in every language ("Diagramm exportieren" was elided).
        sizeDialog.setMinimumWidth(sizeDialog.fontMetrics().horizontalAdvance(sizeDialog.windowTitle()) * 2 + 120);
        if (sizeDialog.exec() != QDialog::Accepted)
            return;
        const QStringList parts = sizeDialog.textValue().split(QStringLiteral(" × "));
        const Status written = write(chart, path, QSize(parts.value(0).toInt(), parts.value(1).toInt()));
        if (!written) {
            QMessageBox::warning(chart, QApplication::translate("ChartExport", "Export chart"), written.error().message);
            return;
        }
        AppSettings::setLastExportFolder(QFileInfo(path).absolutePath());
        const QString saved = QApplication::translate("ChartExport", "Wrote %1").arg(QDir::toNativeSeparators(path));
        if (auto *window = qobject_cast<QMainWindow *>(chart->window()))
            window->statusBar()->showMessage(saved, 10000);
        else
            QMessageBox::information(chart, QApplication::translate("ChartExport", "Export chart"), saved);
    });
}

} // namespace ChartExport
