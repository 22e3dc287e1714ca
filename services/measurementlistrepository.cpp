#include "measurementlistrepository.h"

#include "sqlvalues.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

namespace {

using SortKey = MeasurementQuery::SortKey;
using Verdict = Improvement::Verdict;

// The verdict of Improvement::verdictOf() in SQL, as a rank in the list's order: met,
// underperformed, regression, pending. A NULL meets_expectation falls to ELSE.
const char *const verdictRank = "CASE WHEN m.job_id_after IS NULL THEN 3 "
                                "WHEN m.duration_improvement_pct < 0 THEN 2 "
                                "WHEN m.meets_expectation THEN 0 ELSE 1 END";

struct SortColumn
{
    QString expression;
    bool nullable = false;
    bool fromRecommendation = false;
    bool timestamp = false;
};

SortColumn sortColumn(SortKey key)
{
    auto column = [](const char *expression, bool nullable, bool fromRecommendation = false,
                     bool timestamp = false) {
        return SortColumn{QString::fromLatin1(expression), nullable, fromRecommendation, timestamp};
    };
    switch (key) {
    case SortKey::Recommendation: return column("m.recommendation_id", false);
    case SortKey::IssueType: return column("r.issue_type", false, true);
    case SortKey::JobBefore: return column("m.job_id_before", false);
    case SortKey::JobAfter: return column("m.job_id_after", true);
    case SortKey::BeforeDuration: return column("m.before_duration_ms", false);
    case SortKey::AfterDuration: return column("m.after_duration_ms", true);
    case SortKey::DurationImprovement: return column("m.duration_improvement_pct", true);
    case SortKey::MemoryReduction: return column("m.memory_reduction_pct", true);
    case SortKey::ScanReduction: return column("m.scan_reduction_pct", true);
    case SortKey::CpuReduction: return column("m.cpu_reduction_pct", true);
    case SortKey::Estimate: return column("r.estimated_improvement_pct", true, true);
    case SortKey::Delta: return column("m.expectation_delta_pct", true);
    case SortKey::Verdict: return column(verdictRank, false);
    case SortKey::MeasuredAt: return column("m.measured_at", false, false, true);
    case SortKey::CompletedAt: return column("m.completed_at", true, false, true);
    }
    return column("m.id", false);
}

// LIKE with the user's text taken literally: % and _ match themselves.
QString containsPattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += u'%';
    for (const QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'!')
            escaped += u'!';
        escaped += c;
    }
    escaped += u'%';
    return escaped;
}

// The pieces of SQL one query is made of; `m` is measurements, `r` recommendations.
class Statement
{
public:
    Statement(const Database &database, const MeasurementQuery &query)
        : m_postgres(database.isPostgres()), m_ascending(query.order == Qt::AscendingOrder),
          m_sort(sortColumn(query.sortKey))
    {
        m_join = m_sort.fromRecommendation;
        if (query.window.days) {
            m_conditions << QStringLiteral("COALESCE(m.completed_at, m.measured_at) >= ?");
            m_values << Database::toSqlTimestamp(
                query.now.addSecs(-qint64(*query.window.days) * 24 * 3600));
        }
        if (query.window.issueType) {
            m_conditions << QStringLiteral("r.issue_type = ?");
            m_values << *query.window.issueType;
            m_join = true;
        }
        const QString search = query.searchText.trimmed();
        if (!search.isEmpty()) {
            // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's needs ILIKE.
            const QString like = m_postgres ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
            m_conditions << QStringLiteral("(m.job_id_before %1 ? ESCAPE '!' OR m.job_id_after %1 ? "
                                           "ESCAPE '!' OR r.title %1 ? ESCAPE '!')")
                                .arg(like);
            const QString pattern = containsPattern(search);
            m_values << pattern << pattern << pattern;
            m_join = true;
        }
        if (query.verdict) {
            // Improvement::verdictOf(): pending has no after job, a regression got slower, met
            // meets the expectation, everything else underperformed.
            switch (*query.verdict) {
            case Verdict::Pending:
                m_conditions << QStringLiteral("m.job_id_after IS NULL");
                break;
            case Verdict::Regression:
                m_conditions << QStringLiteral(
                    "m.job_id_after IS NOT NULL AND m.duration_improvement_pct < 0");
                break;
            case Verdict::Met:
                m_conditions << QStringLiteral(
                    "m.job_id_after IS NOT NULL AND COALESCE(m.duration_improvement_pct, 0) >= 0 "
                    "AND m.meets_expectation");
                break;
            case Verdict::Underperformed:
                m_conditions << QStringLiteral(
                    "m.job_id_after IS NOT NULL AND COALESCE(m.duration_improvement_pct, 0) >= 0 "
                    "AND NOT COALESCE(m.meets_expectation, FALSE)");
                break;
            }
        }
    }

    QString from(bool join) const
    {
        return join ? QStringLiteral(" FROM measurements m JOIN recommendations r "
                                     "ON r.id = m.recommendation_id")
                    : QStringLiteral(" FROM measurements m");
    }
    bool needsJoin() const { return m_join; }

    // The sort key as a result column. PostgreSQL timestamps travel as text, which it parses
    // back exactly (a QDateTime keeps milliseconds only).
    QString keyColumn() const
    {
        if (m_postgres && m_sort.timestamp)
            return QStringLiteral("CAST(%1 AS TEXT)").arg(m_sort.expression);
        return m_sort.expression;
    }

    // ORDER BY for reading forward, or backward from a position (`reversed`). NULL keys come
    // last when reading forward, whatever the direction: first the (key IS NULL) flag.
    QString orderBy(bool reversed) const
    {
        const QString direction = (m_ascending != reversed) ? QStringLiteral("ASC")
                                                            : QStringLiteral("DESC");
        QString order = QStringLiteral(" ORDER BY ");
        if (m_sort.nullable)
            order += QStringLiteral("(%1 IS NULL) %2, ")
                         .arg(m_sort.expression, reversed ? QStringLiteral("DESC")
                                                          : QStringLiteral("ASC"));
        return order + QStringLiteral("%1 %2, m.id %2").arg(m_sort.expression, direction);
    }

    // The rows after `position` in the order (or before it, when `reversed`): a row-value
    // comparison, which both databases answer from an index on (key, id) when there is one.
    void addKeyset(QStringList &conditions, QVariantList &values,
                   const MeasurementPosition &position, bool reversed) const
    {
        const QString comparison = (m_ascending != reversed) ? QStringLiteral(">")
                                                             : QStringLiteral("<");
        const QString &key = m_sort.expression;
        const QString tuple = QStringLiteral("(%1, m.id) %2 (?, ?)").arg(key, comparison);
        if (!m_sort.nullable) {
            conditions << tuple;
            values << position.key << position.id;
        } else if (!position.key.isNull()) {
            // Every NULL key comes after a non-NULL one.
            conditions << (reversed ? QStringLiteral("(%1 IS NOT NULL AND %2)")
                                    : QStringLiteral("(%1 IS NULL OR %2)"))
                                  .arg(key, tuple);
            values << position.key << position.id;
        } else {
            // Among NULL keys the id decides; every non-NULL key comes before.
            conditions << (reversed ? QStringLiteral("(%1 IS NOT NULL OR m.id %2 ?)")
                                    : QStringLiteral("(%1 IS NULL AND m.id %2 ?)"))
                                  .arg(key, comparison);
            values << position.id;
        }
    }

    static QString where(const QStringList &conditions)
    {
        return conditions.isEmpty() ? QString()
                                    : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }

    const QStringList &conditions() const { return m_conditions; }
    const QVariantList &values() const { return m_values; }

private:
    bool m_postgres;
    bool m_ascending;
    SortColumn m_sort;
    bool m_join = false;
    QStringList m_conditions;
    QVariantList m_values;
};

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

// The columns of MeasurementRepository::selectColumns(), in its order.
JobMetrics readMetrics(const QSqlQuery &query, int first)
{
    JobMetrics metrics;
    metrics.durationMs = query.value(first).toLongLong();
    metrics.memoryMb = SqlValue::toDouble(query.value(first + 1));
    metrics.dataScannedMb = SqlValue::toDouble(query.value(first + 2));
    metrics.rowsScanned = SqlValue::toInt64(query.value(first + 3));
    metrics.rowsReturned = SqlValue::toInt64(query.value(first + 4));
    metrics.partitionsScanned = SqlValue::toInt64(query.value(first + 5));
    metrics.cpuTimeMs = SqlValue::toInt64(query.value(first + 6));
    return metrics;
}

constexpr int measurementColumns = 28;

MeasurementReportRow readRow(const QSqlQuery &query)
{
    MeasurementReportRow row;
    Measurement &m = row.measurement;
    m.id = query.value(0).toLongLong();
    m.recommendationId = query.value(1).toLongLong();
    m.jobIdBefore = query.value(2).toString();
    m.jobIdAfter = SqlValue::toString(query.value(3));
    m.before = readMetrics(query, 4);
    if (m.jobIdAfter)
        m.after = readMetrics(query, 11);
    m.improvements.durationPct = SqlValue::toDouble(query.value(18));
    m.improvements.memoryPct = SqlValue::toDouble(query.value(19));
    m.improvements.scanPct = SqlValue::toDouble(query.value(20));
    m.improvements.cpuPct = SqlValue::toDouble(query.value(21));
    m.expectation.meets = SqlValue::toBool(query.value(22));
    m.expectation.deltaPct = SqlValue::toDouble(query.value(23));
    m.validationNotes = SqlValue::toString(query.value(24));
    m.measuredAt = Database::fromSqlTimestamp(query.value(25)).value_or(QDateTime());
    m.measuredBy = SqlValue::toString(query.value(26));
    m.completedAt = Database::fromSqlTimestamp(query.value(27));
    row.issueType = query.value(measurementColumns).toString();
    row.title = SqlValue::toString(query.value(measurementColumns + 1));
    row.estimatedImprovementPct = SqlValue::toDouble(query.value(measurementColumns + 2));
    return row;
}

const QString readError = QStringLiteral("Cannot read the measurements");

} // namespace

Result<qint64> MeasurementListRepository::count(const MeasurementQuery &query) const
{
    const Statement statement(m_database, query);
    QSqlQuery sql(m_database.connection());
    if (!run(sql, QStringLiteral("SELECT COUNT(*)") + statement.from(statement.needsJoin())
                      + Statement::where(statement.conditions()),
             statement.values())
        || !sql.next())
        return Database::sqlError(QStringLiteral("Cannot count the measurements"), sql.lastError());
    return sql.value(0).toLongLong();
}

Result<MeasurementPage> MeasurementListRepository::page(const MeasurementQuery &query,
                                                        const MeasurementPageRequest &request) const
{
    const Statement statement(m_database, query);
    MeasurementPage page;
    page.firstRow = request.firstRow;
    if (request.size <= 0 || request.firstRow < 0)
        return page;

    std::optional<MeasurementPosition> from;
    bool reversed = false;
    if (request.firstRow == 0) {
        // from the start
    } else if (request.after) {
        from = request.after;
    } else if (request.before) {
        from = request.before;
        reversed = true;
    } else {
        QSqlQuery anchor(m_database.connection());
        if (!run(anchor, QStringLiteral("SELECT %1, m.id").arg(statement.keyColumn())
                             + statement.from(statement.needsJoin())
                             + Statement::where(statement.conditions()) + statement.orderBy(false)
                             + QStringLiteral(" LIMIT 1 OFFSET ?"),
                 statement.values() + QVariantList{request.firstRow - 1}))
            return Database::sqlError(readError, anchor.lastError());
        if (!anchor.next()) {
            if (anchor.lastError().isValid())
                return Database::sqlError(readError, anchor.lastError());
            return page; // past the end
        }
        from = MeasurementPosition{anchor.value(0), anchor.value(1).toLongLong()};
        anchor.finish();
    }

    QStringList conditions = statement.conditions();
    QVariantList values = statement.values();
    if (from)
        statement.addKeyset(conditions, values, *from, reversed);
    values << request.size;
    QSqlQuery sql(m_database.connection());
    if (!run(sql,
             QStringLiteral("SELECT %1, r.issue_type, r.title, r.estimated_improvement_pct, %2")
                     .arg(MeasurementRepository::selectColumns(QStringLiteral("m")),
                          statement.keyColumn())
                 + statement.from(true) + Statement::where(conditions) + statement.orderBy(reversed)
                 + QStringLiteral(" LIMIT ?"),
             values))
        return Database::sqlError(readError, sql.lastError());

    QList<MeasurementPosition> positions;
    page.rows.reserve(request.size);
    positions.reserve(request.size);
    while (sql.next()) {
        page.rows << readRow(sql);
        positions << MeasurementPosition{sql.value(measurementColumns + 3),
                                         page.rows.constLast().measurement.id};
    }
    if (sql.lastError().isValid())
        return Database::sqlError(readError, sql.lastError());
    if (reversed) {
        std::reverse(page.rows.begin(), page.rows.end());
        std::reverse(positions.begin(), positions.end());
    }
    if (!positions.isEmpty()) {
        page.first = positions.constFirst();
        page.last = positions.constLast();
    }
    return page;
}

Result<std::optional<qint64>> MeasurementListRepository::rowOf(const MeasurementQuery &query,
                                                               qint64 measurementId) const
{
    const Statement statement(m_database, query);
    const QString from = statement.from(statement.needsJoin());

    QSqlQuery sql(m_database.connection());
    QStringList conditions = statement.conditions();
    conditions << QStringLiteral("m.id = ?");
    if (!run(sql, QStringLiteral("SELECT %1, m.id").arg(statement.keyColumn()) + from
                      + Statement::where(conditions),
             statement.values() + QVariantList{measurementId}))
        return Database::sqlError(readError, sql.lastError());
    if (!sql.next()) {
        if (sql.lastError().isValid())
            return Database::sqlError(readError, sql.lastError());
        return std::optional<qint64>();
    }
    const MeasurementPosition position{sql.value(0), sql.value(1).toLongLong()};
    sql.finish();

    // Its row is the number of rows before it.
    conditions = statement.conditions();
    QVariantList values = statement.values();
    statement.addKeyset(conditions, values, position, true);
    if (!run(sql, QStringLiteral("SELECT COUNT(*)") + from + Statement::where(conditions), values)
        || !sql.next())
        return Database::sqlError(readError, sql.lastError());
    return std::optional<qint64>(sql.value(0).toLongLong());
}
