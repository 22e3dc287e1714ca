#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// Candidates for the after job of a recommendation's measurement (SPEC §6.1): measurable jobs
// started within D days from the implementation (else from the before job's start), the runs of
// the same fingerprint first, then rewritten queries whose text is similar enough.
namespace AfterSuggestions {

enum class Reason { SameHash, SimilarText };

// The command line's and JSON's word for the reason: same_hash, similar_text.
QString reasonKey(Reason reason);

struct Candidate
{
    QString jobId;
    std::optional<QDateTime> startedAt;
    double durationMs = 0;
    std::optional<QString> queryHash;
    std::optional<QString> userName;
    std::optional<QString> queryText;
    double score = 0; // 1 for the same hash; else the token sets' Jaccard similarity
    Reason reason = Reason::SameHash;
};

struct Suggestions
{
    qint64 measurementId = 0;
    bool correcting = false; // no open measurement: the candidates would correct the latest
    QString beforeJobId;
    std::optional<QString> beforeQueryHash;
    std::optional<QString> beforeQueryText;
    QDateTime from; // the window searched, both ends inclusive; invalid when there is no t
    QDateTime to;
    qint64 candidatesRead = 0; // measurable jobs in the window, before scoring
    QList<Candidate> candidates;
};

// Texts at least this similar are listed (SPEC §6.1).
inline constexpr double MinimumSimilarity = 0.5;
inline constexpr int DefaultLimit = 10;
inline constexpr int MaximumLimit = 100;

// The best `limit` candidates for the after job of `measurement`, a measurement of
// `recommendation` (MeasurementService::suggestAfter picks which).
Result<Suggestions> suggest(const Database &database, const Recommendation &recommendation,
                            const Measurement &measurement, int limit, int similarDays);

// How a candidate compares with the before job's text (for an after job typed by hand):
// same hash → 1, else the similarity of the texts; nothing when either text is missing.
std::optional<double> similarity(const std::optional<QString> &beforeHash, const std::optional<QString> &beforeText,
                                 const std::optional<QString> &afterHash, const std::optional<QString> &afterText);

} // namespace AfterSuggestions
