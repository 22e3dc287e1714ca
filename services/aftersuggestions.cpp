#include "aftersuggestions.h"

#include "jobstatus.h"
#include "querytokens.h"
#include "sqlvalues.h"
#include "text.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace AfterSuggestions {
namespace {

struct BeforeJob
{
    std::optional<QString> queryHash;
    std::optional<QString> queryText;
    std::optional<QString> userName;
    std::optional<QDateTime> startedAt;
};

Result<BeforeJob> readBeforeJob(const Database &database, const QString &jobId)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT query_hash, query_text, user_name, started_at FROM queries WHERE job_id = ?"));
    query.addBindValue(jobId);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read job %1").arg(jobId), query.lastError());
    BeforeJob job;
    if (query.next()) {
        job.queryHash = SqlValue::toString(query.value(0));
        job.queryText = SqlValue::toString(query.value(1));
        job.userName = SqlValue::toString(query.value(2));
        job.startedAt = Database::fromSqlTimestamp(query.value(3));
    }
    return job;
}

bool hasText(const std::optional<QString> &text)
{
    return text && !text->trimmed().isEmpty();
}

} // namespace

QString reasonKey(Reason reason)
{
    return reason == Reason::SameHash ? QStringLiteral("same_hash") : QStringLiteral("similar_text");
}

std::optional<double> similarity(const std::optional<QString> &beforeHash, const std::optional<QString> &beforeText,
                                 const std::optional<QString> &afterHash, const std::optional<QString> &afterText)
{
    if (beforeHash && afterHash && *beforeHash == *afterHash)
        return 1.0;
    if (!hasText(beforeText) || !hasText(afterText))
        return std::nullopt;
    return QueryTokens::similarity(*beforeText, *afterText);
}

Result<Suggestions> suggest(const Database &database, const Recommendation &recommendation,
                            const Measurement &measurement, int limit, int similarDays)
{
    Suggestions result;
    result.measurementId = measurement.id;
    result.correcting = !measurement.isOpen();
    result.beforeJobId = measurement.jobIdBefore;
    const auto before = readBeforeJob(database, measurement.jobIdBefore);
    if (!before)
        return before.error();
    result.beforeQueryHash = before->queryHash;
    result.beforeQueryText = before->queryText;
    const std::optional<QDateTime> t = recommendation.implementedAt ? recommendation.implementedAt : before->startedAt;
    if (!t || !t->isValid() || limit <= 0)
        return result;
    result.from = t->toUTC();
    result.to = result.from.addDays(similarDays);

    // Every measurable job of the window but the before runs: one range of idx_queries_started_at.
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT q.job_id, q.started_at, q.duration_ms, q.query_hash, q.user_name, "
                                 "q.query_text FROM queries q WHERE q.started_at >= ? AND q.started_at <= ? "
                                 "AND %1 AND q.job_id <> ? AND q.job_id NOT IN (SELECT r.job_id FROM "
                                 "measurement_runs r WHERE r.measurement_id = ? AND r.side = 'before')")
                      .arg(JobStatus::measurableSqlCondition(QStringLiteral("q"))));
    query.addBindValue(Database::toSqlTimestamp(result.from));
    query.addBindValue(Database::toSqlTimestamp(result.to));
    query.addBindValue(measurement.jobIdBefore);
    query.addBindValue(measurement.id);
    if (!query.exec())
        return Database::sqlError(Text::tr("Cannot read the candidates for the after job"), query.lastError());

    QString beforeStorage, storage;
    QueryTokens::SortedTokens beforeTokens, tokens;
    const bool compareTexts = hasText(before->queryText);
    if (compareTexts)
        QueryTokens::sortedTokens(*before->queryText, beforeStorage, beforeTokens);

    // Score descending; the before job's user first; earlier first; then the job ID.
    const auto sameUser = [&](const Candidate &c) {
        return before->userName && c.userName && *c.userName == *before->userName;
    };
    const auto better = [&](const Candidate &a, const Candidate &b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (sameUser(a) != sameUser(b))
            return sameUser(a);
        if (a.startedAt != b.startedAt)
            return a.startedAt.value_or(QDateTime()) < b.startedAt.value_or(QDateTime());
        return a.jobId < b.jobId;
    };
    // The best `limit` so far: a window of thousands holds only a few more at a time.
    std::vector<Candidate> candidates;
    const size_t kept = size_t(std::max(limit, 0));
    double lowestKeptScore = -1; // once `kept` are kept, a lower score cannot enter
    const auto keepBest = [&] {
        if (candidates.size() <= kept)
            return;
        std::nth_element(candidates.begin(), candidates.begin() + qsizetype(kept), candidates.end(), better);
        candidates.resize(kept);
        const auto byScore = [](const Candidate &a, const Candidate &b) { return a.score < b.score; };
        lowestKeptScore =
            kept == 0 ? 2.0 : std::min_element(candidates.begin(), candidates.end(), byScore)->score;
    };
    candidates.reserve(kept * 2 + 1);
    // Recurring queries repeat their text: each distinct text is scored once.
    QHash<QString, double> scoreOfText;
    while (query.next()) {
        ++result.candidatesRead;
        Candidate candidate;
        candidate.queryHash = SqlValue::toString(query.value(3));
        if (before->queryHash && candidate.queryHash && *candidate.queryHash == *before->queryHash) {
            candidate.score = 1.0;
            candidate.reason = Reason::SameHash;
            if (candidate.score < lowestKeptScore)
                continue;
        } else {
            if (!compareTexts)
                continue;
            const QVariant text = query.value(5);
            if (text.isNull())
                continue;
            QString candidateText = text.toString();
            auto known = scoreOfText.constFind(candidateText);
            if (known == scoreOfText.constEnd()) {
                QueryTokens::sortedTokens(candidateText, storage, tokens);
                known = scoreOfText.insert(candidateText, QueryTokens::similarity(beforeTokens, tokens));
            }
            if (*known < MinimumSimilarity || *known < lowestKeptScore)
                continue;
            candidate.score = *known;
            candidate.reason = Reason::SimilarText;
            candidate.queryText = std::move(candidateText);
        }
        candidate.jobId = query.value(0).toString();
        candidate.startedAt = Database::fromSqlTimestamp(query.value(1));
        candidate.durationMs = query.value(2).toDouble();
        candidate.userName = SqlValue::toString(query.value(4));
        if (candidate.reason == Reason::SameHash)
            candidate.queryText = SqlValue::toString(query.value(5));
        candidates.push_back(std::move(candidate));
        if (candidates.size() >= 2 * kept + 1)
            keepBest();
    }
    if (query.lastError().isValid())
        return Database::sqlError(Text::tr("Cannot read the candidates for the after job"), query.lastError());
    keepBest();
    std::sort(candidates.begin(), candidates.end(), better);
    result.candidates = QList<Candidate>(std::make_move_iterator(candidates.begin()),
                                         std::make_move_iterator(candidates.end()));
    return result;
}

} // namespace AfterSuggestions
