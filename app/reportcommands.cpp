// optimeter summary, export csv and export chart: what the analyst hands on (SPEC §3.6, §4).

#include "commandline.h"

#include "appsettings.h"
#include "calibration.h"
#include "clioutput.h"
#include "csvreportwriter.h"
#include "dashboardstatistics.h"
#include "database.h"
#include "expectationjudge.h"
#include "measurementservice.h"
#include "plots/calibrationchart.h"
#include "plots/chartexport.h"
#include "plots/distributionchart.h"
#include "plots/scatterplot.h"
#include "plots/successchart.h"
#include "sqlitefile.h"
#include "subparser.h"

#include <QApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cli;

int CommandLine::runSummary(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("summary"),
                  QStringLiteral("Summarises the measurements recorded in a window: how many, how many "
                                 "completed, average improvement, success rate, time saved, met / "
                                 "exceeded / underperformed."));
    const QCommandLineOption days = daysOption(QStringLiteral("default 30"));
    sub.addOption(days);
    sub.addOption(issueTypeOption);
    sub.setExamples(QStringLiteral("  optimeter summary --days 90\n  optimeter --json summary --issue-type select_star\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), sub.command());
    MeasurementWindow window;
    if (!readWindow(sub, days, 30, window, error))
        return usageError(error, sub.command());

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto summary = MeasurementService(**database, AppSettings::measurementSettings()).summary(window);
    if (!summary)
        return fail(summary.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(CliOutput::summaryJson(*summary)).toJson(QJsonDocument::Compact)));
    else
        print(CliOutput::summaryText(*summary, window));
    return Done;
}

int CommandLine::runExport(const QStringList &arguments)
{
    if (arguments.value(0) == QLatin1String("chart"))
        return runExportChart(arguments.mid(1));
    if (arguments.value(0) != QLatin1String("csv")) {
        if (arguments.value(0) == QLatin1String("--help") || arguments.value(0) == QLatin1String("-h")) {
            print(QStringLiteral("Usage: optimeter export csv|chart --out FILE [options]\n\n"
                                 "'optimeter export csv --help' and 'optimeter export chart --help' tell more."));
            return Done;
        }
        return usageError(arguments.isEmpty() ? QStringLiteral("export what? Say 'csv' or 'chart'")
                                              : QStringLiteral("cannot export '%1'; say 'csv' or 'chart'").arg(arguments.first()),
                          QStringLiteral("export"));
    }
    SubParser sub(QStringLiteral("export csv"),
                  QStringLiteral("Writes the CSV report: one row per measurement with its "
                                 "recommendation, both jobs, every metric, the four improvements, "
                                 "estimate, delta, verdict and timestamps. RFC 4180, UTF-8, CRLF. "
                                 "All measurements unless --days or --issue-type narrow it."),
                  QStringLiteral("--out FILE"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The CSV file to write."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption days = daysOption(QStringLiteral("default: all"));
    const QCommandLineOption bom(QStringLiteral("bom"),
                                 QStringLiteral("Start the file with a UTF-8 byte-order mark (for Excel)."));
    sub.addOption(out);
    sub.addOption(days);
    sub.addOption(issueTypeOption);
    sub.addOption(bom);
    sub.setExamples(QStringLiteral("  optimeter export csv --out report.csv --days 90 --bom\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments.mid(1), exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    if (!sub.positional().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(sub.positional().first()), sub.command());
    if (sub.value(out).isEmpty())
        return usageError(QStringLiteral("--out FILE is required"), sub.command());
    CsvReportWriter::Options options;
    if (!readWindow(sub, days, std::nullopt, options.window, error))
        return usageError(error, sub.command());
    options.byteOrderMark = sub.isSet(bom);

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const auto rows = CsvReportWriter(**database).write(sub.value(out), options);
    if (!rows)
        return fail(rows.error());
    if (m_json)
        print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("file"), sub.value(out)},
                                                          {QStringLiteral("rows"), *rows}})
                                    .toJson(QJsonDocument::Compact)));
    else
        print(QStringLiteral("Wrote %1 measurement%2 to %3").arg(*rows).arg(*rows == 1 ? QString() : QStringLiteral("s"), sub.value(out)));
    return Done;
}

int CommandLine::runExportChart(const QStringList &arguments)
{
    SubParser sub(QStringLiteral("export chart"),
                  QStringLiteral("Renders a dashboard chart without a window: distribution (improvement "
                                 "histogram), success (success rate per issue type), scatter (estimated vs "
                                 "actual) or calibration (mean estimated vs mean actual per issue type). The "
                                 "format follows the extension: .png, .svg or .pdf."),
                  QStringLiteral("distribution|success|scatter|calibration --out FILE"));
    sub.addPositional(QStringLiteral("KIND"), QStringLiteral("distribution, success, scatter or calibration."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE"));
    const QCommandLineOption days = daysOption(QStringLiteral("default 30"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Size in pixels, default 1200x800."),
                                  QStringLiteral("WxH"), QStringLiteral("1200x800"));
    sub.addOption(out);
    sub.addOption(days);
    sub.addOption(issueTypeOption);
    sub.addOption(size);
    sub.setExamples(QStringLiteral("  optimeter export chart scatter --out scatter.svg --days 90\n"));
    int exitCode = Done;
    QString error;
    if (!sub.parse(arguments, exitCode, error))
        return exitCode == Done ? Done : usageError(error, sub.command());
    const QStringList kinds{QStringLiteral("distribution"), QStringLiteral("success"), QStringLiteral("scatter"),
                            QStringLiteral("calibration")};
    if (sub.positional().isEmpty())
        return usageError(QStringLiteral("say which chart: distribution, success, scatter or calibration"),
                          sub.command());
    if (sub.positional().size() > 1 || !kinds.contains(sub.positional().first()))
        return usageError(QStringLiteral("'%1' is not a chart; say distribution, success, scatter or calibration")
                              .arg(sub.positional().join(u' ')),
                          sub.command());
    if (sub.value(out).isEmpty())
        return usageError(QStringLiteral("--out FILE is required"), sub.command());
    const QString suffix = QFileInfo(sub.value(out)).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return usageError(QStringLiteral("--out must end in .png, .svg or .pdf, not '%1'").arg(sub.value(out)),
                          sub.command());
    const auto chartSize = readSize(sub.value(size), QSize(200, 150), error);
    if (!chartSize)
        return usageError(error, sub.command());
    MeasurementWindow window;
    if (!readWindow(sub, days, 30, window, error))
        return usageError(error, sub.command());

    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    const DashboardStatistics statistics(**database);
    std::unique_ptr<QWidget> chart;
    const QString kind = sub.positional().first();
    if (kind == QLatin1String("distribution")) {
        const auto data = statistics.distribution(window);
        if (!data)
            return fail(data.error());
        auto widget = std::make_unique<DistributionChart>();
        widget->setDistribution(*data);
        chart = std::move(widget);
    } else if (kind == QLatin1String("success")) {
        const auto data = statistics.success(window);
        if (!data)
            return fail(data.error());
        auto widget = std::make_unique<SuccessChart>();
        widget->setSuccess(*data, AppSettings::successTargetPct());
        chart = std::move(widget);
    } else if (kind == QLatin1String("calibration")) {
        const auto rows = Calibration::compute(**database, window, QDateTime::currentDateTimeUtc());
        if (!rows)
            return fail(rows.error());
        auto widget = std::make_unique<CalibrationChart>();
        widget->setCalibration(*rows);
        chart = std::move(widget);
    } else {
        auto data = statistics.points(window);
        if (!data)
            return fail(data.error());
        auto widget = std::make_unique<ScatterPlot>();
        // The band of the tolerance the points were judged with, as in the window.
        const double setting = AppSettings::measurementSettings().tolerancePct;
        widget->setPoints(std::move(data).value(), ExpectationJudge(**database).tolerancePctFor(setting), setting);
        chart = std::move(widget);
    }
    const QString chartName = kind == QLatin1String("distribution") ? QStringLiteral("improvement-distribution")
                              : kind == QLatin1String("success")    ? QStringLiteral("success-rate")
                              : kind == QLatin1String("calibration")  ? QStringLiteral("calibration")
                                                                    : QStringLiteral("estimated-vs-actual");
    ChartExport::setCaption(chart.get(), chartName, window);
    const Status written = ChartExport::write(chart.get(), sub.value(out), *chartSize);
    if (!written)
        return fail(written.error());
    if (!m_json)
        print(QStringLiteral("Wrote %1 (%2x%3)").arg(sub.value(out)).arg(chartSize->width()).arg(chartSize->height()));
    return Done;
}
