#pragma once

#include "importreport.h"
#include "types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// How the command line shows results: one JSON object whose keys are the table's column
// names (SPEC §4), or short text for a person.
namespace CliOutput {

QJsonObject measurementJson(const Measurement &measurement);
// SPEC §5.1's `measure runs`: side, job_id, started_at, duration_ms (and gathered) of each run.
QJsonArray runsJson(const QList<MeasurementRun> &runs);
QString runsText(const Measurement &measurement);
QJsonObject jobJson(const Job &job, const std::optional<Profile> &profile);
QJsonObject summaryJson(const Summary &summary);
QJsonObject importJson(const ImportReport &report);

QString measurementText(const Measurement &measurement, std::optional<double> estimatedPct);
QString jobText(const Job &job, const std::optional<Profile> &profile);
QString summaryText(const Summary &summary, const MeasurementWindow &window);
QString importText(const ImportReport &report, const QString &what);

// One decimal, half away from zero, C locale: "80.0", "-2.3".
QString oneDecimal(double value);

} // namespace CliOutput
