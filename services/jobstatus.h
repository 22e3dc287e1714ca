#pragma once

#include <QString>

#include <optional>

// The status of an imported job. Engine imports write one vocabulary (success, failed,
// cancelled, running); generic CSV writes whatever the file says. A job that failed, was
// cancelled or had not finished has no metrics worth comparing, so it is never recorded as a
// before or after job.
namespace JobStatus {

inline const QString Success = QStringLiteral("success");
inline const QString Failed = QStringLiteral("failed");
inline const QString Cancelled = QStringLiteral("cancelled");
inline const QString Running = QStringLiteral("running");

// False for the statuses above that are not success, and for the engines' own words for them
// (fail, error, canceled, aborted, killed, incident, queued, …), in any case.
bool isMeasurable(const std::optional<QString> &status);

// The same words as an SQL list of lower-case string literals, for "LOWER(status) NOT IN (…)".
QString unmeasurableSqlList();

// An SQL condition true for the rows of `alias` (queries) that are measurable runs (SPEC §5.1):
// a measurable status and no cache hit.
QString measurableSqlCondition(const QString &alias);

} // namespace JobStatus
