#include "measurementlistrepository.h"

#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

namespace {

using SortKey = MeasurementQuery::SortKey;
using Expectation = Improvement::Verdict;

// The expectation of Improvement::verdictOf() in SQL, as a rank in the list's order: met,
// underperformed, regression, pending. A NULL meets_expectation falls to ELSE.
const char *const expectationRank = "CASE WHEN m.job_id_after IS NULL THEN 3 "
                                    "WHEN m.duration_improvement_pct < 0 THEN 2 "
                                    "WHEN m.meets_expectation THEN 0 ELSE 1 END";
// SPEC §5.2's verdict as a rank, best first; a pending measurement has none (NULL: last).
const char *const verdictRank = "CASE m.verdict WHEN 'improved' THEN 0 WHEN 'no_change' THEN 1 "
                                "WHEN 'regressed' THEN 2 WHEN 'insufficient_runs' THEN 3 END";

struct SortColumn
{
    enum class Type { Number, Text, Timestamp };
    QString expression;
    bool nullable = false;
    bool fromRecommendation = false;
    Type type = Type::Number;
};

SortColumn sortColumn(SortKey key)
{
    using Type = SortColumn::Type;
    auto column = [](const char *expression, bool nullable, bool fromRecommendation = false,
                     Type type = Type::Number) {
        return SortColumn{QString::fromLatin1(expression), nullable, fromRecommendation, type};
    };
    switch (key) {
    case SortKey::Recommendation: return column("m.recommendation_id", false);
    case SortKey::IssueType: return column("r.issue_type", false, true, Type::Text);
    case SortKey::JobBefore: return column("m.job_id_before", false, false, Type::Text);
    case SortKey::JobAfter: return column("m.job_id_after", true, false, Type::Text);
    case SortKey::BeforeDuration: return column("m.before_duration_ms", false);
    case SortKey::AfterDuration: return column("m.after_duration_ms", true);
    case SortKey::DurationImprovement: return column("m.duration_improvement_pct", true);
    case SortKey::MemoryReduction: return column("m.memory_reduction_pct", true);
    case SortKey::ScanReduction: return column("m.scan_reduction_pct", true);
    case SortKey::CpuReduction: return column("m.cpu_reduction_pct", true);
    case SortKey::Estimate: return column("r.estimated_improvement_pct", true, true);
    case SortKey::Delta: return column("m.expectation_delta_pct", true);
    case SortKey::Expectation: return column(expectationRank, false);
    case SortKey::Verdict: return column(verdictRank, true);
    case SortKey::Interval: return column("m.improvement_ci_low_pct", true);
    case SortKey::Runs: return column("(m.runs_before + m.runs_after)", true);
    // In the order of projected_monthly_hours_saved, which only scales this by 30 / 3,600,000.
    case SortKey::ProjectedHours:
        return column("((m.before_duration_ms - m.after_duration_ms) * m.runs_per_day)", true);
    case SortKey::MeasuredAt: return column("m.measured_at", false, false, Type::Timestamp);
    case SortKey::CompletedAt: return column("m.completed_at", true, false, Type::Timestamp);
    }
    return column("m.id", false);
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
            const QString pattern = SqlValue::containsPattern(search);
            m_values << pattern << pattern << pattern;
            m_join = true;
            m_search = true;
        }
        if (query.verdict) {
            m_conditions << QStringLiteral("m.verdict = ?");
            m_values << RunStatistics::verdictName(*query.verdict);
        }
        if (query.expectation) {
            // Improvement::verdictOf(): pending has no after job, a regression got slower, met
            // meets the expectation, everything else underperformed.
            switch (*query.expectation) {
            case Expectation::Pending:
                m_conditions << QStringLiteral("m.job_id_after IS NULL");
                break;
            case Expectation::Regression:
                m_conditions << QStringLiteral(
                    "m.job_id_after IS NOT NULL AND m.duration_improvement_pct < 0");
                break;
            case Expectation::Met:
                m_conditions << QStringLiteral(
                    "m.job_id_after IS NOT NULL AND COALESCE(m.duration_improvement_pct, 0) >= 0 "
                    "AND m.meets_expectation");
                if (query.exceededOnly) {
                    m_conditions << QStringLiteral("m.expectation_delta_pct > ?");
                    m_values << query.exceededMarginPct;
                }
                break;
            case Expectation::Underperformed:
                m_conditions << QStringLiteral(
                    "m.job_id_after IS NOT NULL AND COALESCE(m.duration_improvement_pct, 0) >= 0 "
                    "AND NOT COALESCE(m.meets_expectation, FALSE)");
                break;
            }
        }
    }

    QString from(bool join) const
    {
        // A text search matches no index, and SQLite cannot tell how rare a match is: walking
        // an index in the sort order and reading each row took 7.5 s for a job ID that matches
        // once in a million rows, a plain scan 0.55 s whatever the text. (PostgreSQL's planner
        // estimates LIKE itself.)
        const QString table = m_search && !m_postgres ? QStringLiteral(" FROM measurements m NOT INDEXED")
                                                      : QStringLiteral(" FROM measurements m");
        return join ? table + QStringLiteral(" JOIN recommendations r ON r.id = m.recommendation_id")
                    : table;
    }
    bool needsJoin() const { return m_join; }

    // The sort key as result columns, in the order the position keeps them. A key that may be
    // NULL sorts as the tuple (comes-last flag, COALESCE(key, filler)): the flag puts NULLs
    // after every value in both directions, and one row-value comparison (flag, value, id) >
    // (?, ?, ?) continues from a position, which an index on the same expressions answers
    // with a seek. PostgreSQL timestamps travel as text, which it parses back exactly.
    QStringList keyColumns(QStringList keys = {}) const
    {
        if (keys.isEmpty())
            keys = keyExpressions();
        if (m_postgres && m_sort.type == SortColumn::Type::Timestamp)
            keys.last() = QStringLiteral("CAST(%1 AS TEXT)").arg(keys.last());
        return keys;
    }

    // ORDER BY for reading forward, or backward from a position (`reversed`), by the key and
    // the id, or by `terms` that stand for them.
    QString orderBy(bool reversed, QStringList terms = {}) const
    {
        const QString direction = (m_ascending != reversed) ? QStringLiteral(" ASC")
                                                            : QStringLiteral(" DESC");
        if (terms.isEmpty())
            terms = keyExpressions() << QStringLiteral("m.id");
        return QStringLiteral(" ORDER BY ") + terms.join(direction + QStringLiteral(", ")) + direction;
    }

    // The rows after `position` in the order (or before it, when `reversed`).
    void addKeyset(QStringList &conditions, QVariantList &values,
                   const MeasurementPosition &position, bool reversed) const
    {
        QStringList terms = keyExpressions();
        terms << QStringLiteral("m.id");
        conditions << QStringLiteral("(%1) %2 (%3)")
                          .arg(terms.join(QStringLiteral(", ")),
                               (m_ascending != reversed) ? QStringLiteral(">") : QStringLiteral("<"),
                               QStringList(terms.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
        values << position.key << position.id;
    }

    int keyColumnCount() const { return m_sort.nullable ? 2 : 1; }

    // (flag, value) for a nullable key, ascending: (key IS NULL) ASC puts NULLs last;
    // descending: (key IS NOT NULL) DESC does. The filler is any constant of the key's type.
    QStringList keyExpressions() const
    {
        if (!m_sort.nullable)
            return {m_sort.expression};
        QString filler = QStringLiteral("0");
        if (m_sort.type == SortColumn::Type::Text)
            filler = QStringLiteral("''");
        else if (m_sort.type == SortColumn::Type::Timestamp)
            filler = m_postgres ? QStringLiteral("TIMESTAMPTZ 'epoch'") : QStringLiteral("''");
        return {QStringLiteral("(%1 %2)").arg(m_sort.expression,
                                              m_ascending ? QStringLiteral("IS NULL")
                                                          : QStringLiteral("IS NOT NULL")),
                QStringLiteral("COALESCE(%1, %2)").arg(m_sort.expression, filler)};
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
    bool m_search = false;
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

// The columns of MeasurementRepository::selectColumns(), before the three recommendation ones.
constexpr int measurementColumns = MeasurementRepository::SelectColumnCount;

QString readError()
{
    return Text::tr("Cannot read the measurements");
}

} // namespace

Result<qint64> MeasurementListRepository::count(const MeasurementQuery &query) const
{
    const Statement statement(m_database, query);
    QSqlQuery sql(m_database.connection());
    if (!run(sql, QStringLiteral("SELECT COUNT(*)") + statement.from(statement.needsJoin())
                      + Statement::where(statement.conditions()),
             statement.values())
        || !sql.next())
        return Database::sqlError(Text::tr("Cannot count the measurements"), sql.lastError());
    return sql.value(0).toLongLong();
}

Result<MeasurementPage> MeasurementListRepository::page(const MeasurementQuery &query,
                                                        const MeasurementPageRequest &request) const
{
    const Statement statement(m_database, query);
    MeasurementPage page;
    page.firstRow = request.firstRow;
    if (request.size <= 0 || request.firstRow < 0
        || (request.totalRows >= 0 && request.firstRow >= request.totalRows))
        return page;
    const QString keys = statement.keyColumns().join(QStringLiteral(", "));
    const int keyCount = statement.keyColumnCount();
    auto positionAt = [keyCount](const QSqlQuery &sql, int first) {
        MeasurementPosition position;
        for (int i = 0; i < keyCount; ++i)
            position.key << sql.value(first + i);
        position.id = sql.value(first + keyCount).toLongLong();
        return position;
    };

    // Where to read from: a neighbour's position (keyset), the start or the end, or a position
    // found once with OFFSET from whichever end is nearer.
    std::optional<MeasurementPosition> from;
    bool reversed = false;
    int limit = request.size;
    const qint64 end = request.firstRow + request.size; // the row after the page
    const bool nearerTheEnd = request.totalRows >= 0 && request.firstRow > request.totalRows / 2;
    std::optional<qint64> offset;
    bool offsetFromTheEnd = false;
    if (request.firstRow == 0) {
        // from the start
    } else if (request.after) {
        from = request.after;
    } else if (request.before) {
        from = request.before;
        reversed = true;
    } else if (nearerTheEnd && end >= request.totalRows) {
        reversed = true; // the last page: read it backward from the end
        limit = int(request.totalRows - request.firstRow);
    } else if (nearerTheEnd) {
        offset = request.totalRows - 1 - end; // the row after the page, counted from the end
        offsetFromTheEnd = true;
        reversed = true;
    } else {
        offset = request.firstRow - 1; // the row before the page
    }
    if (offset) {
        QSqlQuery anchor(m_database.connection());
        if (!run(anchor, QStringLiteral("SELECT %1, m.id").arg(keys)
                             + statement.from(statement.needsJoin())
                             + Statement::where(statement.conditions())
                             + statement.orderBy(offsetFromTheEnd) + QStringLiteral(" LIMIT 1 OFFSET ?"),
                 statement.values() + QVariantList{*offset}))
            return Database::sqlError(readError(), anchor.lastError());
        if (!anchor.next()) {
            if (anchor.lastError().isValid())
                return Database::sqlError(readError(), anchor.lastError());
            return page; // past the end
        }
        from = positionAt(anchor, 0);
        anchor.finish();
    }

    QStringList conditions = statement.conditions();
    QVariantList values = statement.values();
    if (from)
        statement.addKeyset(conditions, values, *from, reversed);
    values << limit;
    // A deferred join: the order and the limit run over narrow rows (key and id), and only the
    // page's rows are read in full. Sorting full rows would carry every column of every
    // candidate row through the sort (seconds, not a fraction of one, for an unindexed order
    // over a million rows on SQLite).
    QStringList inner{QStringLiteral("m.id AS page_id")};
    QStringList pageKeys;
    const QStringList keyExpressions = statement.keyExpressions();
    for (qsizetype i = 0; i < keyExpressions.size(); ++i) {
        inner << QStringLiteral("%1 AS page_k%2").arg(keyExpressions.at(i)).arg(i);
        pageKeys << QStringLiteral("page.page_k%1").arg(i);
    }
    QSqlQuery sql(m_database.connection());
    if (!run(sql,
             QStringLiteral("SELECT %1, r.issue_type, r.title, r.estimated_improvement_pct, %2, "
                            "page.page_id FROM (SELECT %3")
                     .arg(MeasurementRepository::selectColumns(QStringLiteral("m")),
                          statement.keyColumns(pageKeys).join(QStringLiteral(", ")),
                          inner.join(QStringLiteral(", ")))
                 + statement.from(statement.needsJoin()) + Statement::where(conditions)
                 + statement.orderBy(reversed)
                 + QStringLiteral(" LIMIT ?) page JOIN measurements m ON m.id = page.page_id "
                                  "JOIN recommendations r ON r.id = m.recommendation_id")
                 + statement.orderBy(reversed, pageKeys << QStringLiteral("page.page_id")),
             values))
        return Database::sqlError(readError(), sql.lastError());

    QList<MeasurementPosition> positions;
    page.rows.reserve(limit);
    positions.reserve(limit);
    while (sql.next()) {
        page.rows << MeasurementRepository::readReportRow(sql);
        positions << positionAt(sql, measurementColumns + 3);
    }
    if (sql.lastError().isValid())
        return Database::sqlError(readError(), sql.lastError());
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
    if (!run(sql, QStringLiteral("SELECT %1, m.id").arg(statement.keyColumns().join(QStringLiteral(", ")))
                      + from + Statement::where(conditions),
             statement.values() + QVariantList{measurementId}))
        return Database::sqlError(readError(), sql.lastError());
    if (!sql.next()) {
        if (sql.lastError().isValid())
            return Database::sqlError(readError(), sql.lastError());
        return std::optional<qint64>();
    }
    MeasurementPosition position;
    for (int i = 0; i < statement.keyColumnCount(); ++i)
        position.key << sql.value(i);
    position.id = sql.value(statement.keyColumnCount()).toLongLong();
    sql.finish();

    // Its row is the number of rows before it.
    conditions = statement.conditions();
    QVariantList values = statement.values();
    statement.addKeyset(conditions, values, position, true);
    if (!run(sql, QStringLiteral("SELECT COUNT(*)") + from + Statement::where(conditions), values)
        || !sql.next())
        return Database::sqlError(readError(), sql.lastError());
    return std::optional<qint64>(sql.value(0).toLongLong());
}
