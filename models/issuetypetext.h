#pragma once

#include <QString>
#include <QStringList>

// An issue type as the window says it: the identifier the analysis engine imports
// (`missing_partition_filter`) stays the data — in the database, the filters, the command line,
// JSON and the CSV report — and every page and chart shows it in words ("Missing partition
// filter", German "Fehlender Partitionsfilter"), with the identifier in a tooltip.
namespace IssueTypeText {

// The known types (those of SPEC §2 and the demo data) translated; any other made readable
// from its identifier: '_' and '-' become spaces, the first letter upper case, the rest as it
// is ("full_table_scan_v2" -> "Full table scan v2").
QString name(const QString &issueType);
// The identifiers of the known types.
QStringList known();
// The known types whose words contain `text` (any case), for a search of what the window shows.
QStringList namedBy(const QString &text);
// For a tooltip: the identifier, as the command line's --issue-type and the CSV report say it.
QString toolTip(const QString &issueType);
// "Missing partition filter (missing_partition_filter)": both, where one line must say both.
QString nameWithIdentifier(const QString &issueType);

} // namespace IssueTypeText
