#include "calibrationsums.h"

#include "sqlitefile.h"

#include <QSqlDriver>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// On SQLite, the join of a million measurements with their recommendations costs a B-tree
// search per measurement and a sort for the GROUP BY (3 s); read instead, through SQLite's own
// API, the window's measurements from their covering index and the recommendations in id order
// from theirs, and merge the two (0.3 s).
namespace Calibration::Detail {
namespace {

struct Actual
{
    qint64 recommendationId = 0;
    double actual = 0;
    bool met = false;
};

// A statement finalized when it goes out of scope.
struct Statement
{
    sqlite3_stmt *handle = nullptr;
    ~Statement() { sqlite3_finalize(handle); }
};

struct StringHash
{
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

Error failure(sqlite3 *db)
{
    return Error::database(Text::tr("Cannot compute the calibration of the estimates") + QStringLiteral(": ")
                           + QString::fromUtf8(sqlite3_errmsg(db)));
}

bool bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT) == SQLITE_OK;
}

} // namespace

std::optional<Result<QList<std::pair<QString, Sums>>>> sumsFromSqlite(const Database &database,
                                                                       const std::optional<QString> &cutoff,
                                                                       const std::optional<QString> &issueType)
{
    if (database.isPostgres() || !SqliteFile::qtUsesOurSqliteLibrary())
        return std::nullopt;
    const QVariant handle = database.connection().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return std::nullopt;
    sqlite3 *db = *static_cast<sqlite3 *const *>(handle.constData());

    Statement measurements;
    const QByteArray measurementSql =
        QByteArrayLiteral("SELECT m.recommendation_id, m.duration_improvement_pct, m.meets_expectation FROM "
                          "measurements m INDEXED BY idx_measurements_calibration WHERE m.completed_at IS NOT NULL "
                          "AND m.duration_improvement_pct IS NOT NULL")
        + (cutoff ? QByteArrayLiteral(" AND m.completed_at >= ?1") : QByteArray());
    // A database without the index (a development build's schema 11) is read through SQL.
    if (sqlite3_prepare_v2(db, measurementSql.constData(), -1, &measurements.handle, nullptr) != SQLITE_OK)
        return std::nullopt;
    if (cutoff && !bindText(measurements.handle, 1, *cutoff))
        return Result<QList<std::pair<QString, Sums>>>(failure(db));
    std::vector<Actual> actuals;
    int step;
    while ((step = sqlite3_step(measurements.handle)) == SQLITE_ROW)
        actuals.push_back({sqlite3_column_int64(measurements.handle, 0), sqlite3_column_double(measurements.handle, 1),
                           sqlite3_column_int(measurements.handle, 2) != 0});
    if (step != SQLITE_DONE)
        return Result<QList<std::pair<QString, Sums>>>(failure(db));
    QList<std::pair<QString, Sums>> result;
    if (actuals.empty())
        return Result(result);
    std::sort(actuals.begin(), actuals.end(),
              [](const Actual &a, const Actual &b) { return a.recommendationId < b.recommendationId; });

    Statement recommendations;
    const QByteArray recommendationSql =
        QByteArrayLiteral("SELECT id, issue_type, estimated_improvement_pct FROM recommendations INDEXED BY "
                          "idx_recommendations_issue WHERE id BETWEEN ?1 AND ?2 AND estimated_improvement_pct "
                          "IS NOT NULL")
        + (issueType ? QByteArrayLiteral(" AND issue_type = ?3") : QByteArray()) + QByteArrayLiteral(" ORDER BY id");
    if (sqlite3_prepare_v2(db, recommendationSql.constData(), -1, &recommendations.handle, nullptr) != SQLITE_OK
        || sqlite3_bind_int64(recommendations.handle, 1, actuals.front().recommendationId) != SQLITE_OK
        || sqlite3_bind_int64(recommendations.handle, 2, actuals.back().recommendationId) != SQLITE_OK
        || (issueType && !bindText(recommendations.handle, 3, *issueType)))
        return Result<QList<std::pair<QString, Sums>>>(failure(db));
    std::unordered_map<std::string, Sums, StringHash, std::equal_to<>> byType;
    auto next = actuals.cbegin();
    while ((step = sqlite3_step(recommendations.handle)) == SQLITE_ROW) {
        const qint64 id = sqlite3_column_int64(recommendations.handle, 0);
        while (next != actuals.cend() && next->recommendationId < id)
            ++next;
        if (next == actuals.cend())
            break;
        if (next->recommendationId != id)
            continue;
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(recommendations.handle, 1));
        const std::string_view type(text ? text : "", size_t(sqlite3_column_bytes(recommendations.handle, 1)));
        auto sums = byType.find(type);
        if (sums == byType.end())
            sums = byType.emplace(std::string(type), Sums()).first;
        const double estimate = sqlite3_column_double(recommendations.handle, 2);
        for (; next != actuals.cend() && next->recommendationId == id; ++next)
            sums->second.add(estimate, next->actual, next->met);
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return Result<QList<std::pair<QString, Sums>>>(failure(db));
    for (const auto &[type, sums] : byType)
        result.append({QString::fromUtf8(type.data(), qsizetype(type.size())), sums});
    return Result(result);
}

} // namespace Calibration::Detail
