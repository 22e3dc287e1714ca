#include "demorecurring.h"

#include "demovocabulary.h"
#include "measurementruns.h"

#include <cmath>

namespace DemoRecurring {

namespace {

using namespace DemoVocabulary;

// What the optimization of a recurring query really did.
enum class Outcome { Faster, Unchanged, Slower, Seldom };

// Out of every twenty recurring queries: eleven faster, five unchanged, two slower and two
// that ran too seldom for a verdict (two runs before, one or two after).
Outcome outcomeOf(qint64 index)
{
    const qint64 slot = index % 20;
    return slot < 11 ? Outcome::Faster : slot < 16 ? Outcome::Unchanged : slot < 18 ? Outcome::Slower : Outcome::Seldom;
}

QString hashOf(quint64 value)
{
    return QStringLiteral("%1").arg(splitMix(value), 16, 16, QLatin1Char('0'));
}

constexpr std::array<const char *, 8> schedules{
    "dashboard tile: revenue by region",  "hourly: refresh open orders",
    "dashboard tile: daily active users", "nightly: finance close check",
    "dashboard tile: shipments late",     "every 15 min: sensor alerts",
    "dashboard tile: funnel conversion",  "hourly: payment reconciliation"};

} // namespace

qint64 countFor(qint64 measurements)
{
    // A tenth of the demo, at least a few (every verdict shows in a small demo) and at most 400:
    // each is recorded in two transactions (~1.5 ms together), which a big demo must not wait for.
    return measurements < 20 ? 0 : std::clamp<qint64>(measurements / 10, 8, 400);
}

Result<QList<Planted>> plant(Inserters inserters, std::mt19937_64 &random, const QDateTime &now, quint64 run,
                             qint64 firstRecommendationId, quint64 firstSequence, qint64 count, qint64 &jobsAdded)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    const QString success = QStringLiteral("success");
    const qint64 day = 86400;
    const int similarDays = MeasurementRuns::DefaultSimilarDays;
    quint64 sequence = firstSequence;
    QList<Planted> planted;
    for (qint64 k = 0; k < count; ++k) {
        const Outcome outcome = outcomeOf(k);
        const IssueProfile &issue = issueProfiles[pickWeighted(random, issueProfiles)];
        const EngineStyle &engine = engines[pickWeighted(random, engines)];
        const QString table = QLatin1String(tables[random() % tables.size()]);
        const QString user = QLatin1String(users[random() % users.size()]);
        const QString warehouse = QLatin1String(engine.warehouses[random() % 3]);
        const QString schedule = QLatin1String(schedules[random() % schedules.size()]);
        const QString queryText = QString::fromLatin1(issue.queryShape).arg(table) + QStringLiteral(" /* %1 */").arg(schedule);
        const QString beforeHash = hashOf(run ^ (0x7ec0'0000ull + 2 * quint64(k)));
        const QString afterHash = hashOf(run ^ (0x7ec0'0001ull + 2 * quint64(k)));

        // The change went live at t0, within the last four weeks (more of them recently); its
        // runs before spread over the two weeks before it, those after over what has passed since,
        // at most two weeks.
        const QDateTime t0 = now.addSecs(-qint64((1.5 + 26.0 * std::pow(unit(random), 1.4)) * double(day)));
        const int before = outcome == Outcome::Seldom ? 2 : 6 + int(random() % 15);
        const int after = outcome == Outcome::Seldom ? 1 + int(random() % 2) : 4 + int(random() % 11);
        const qint64 afterSpan = std::min<qint64>(t0.secsTo(now) - 3600, qint64(similarDays) * day - 3600);
        const double trueGain = outcome == Outcome::Faster      ? std::clamp(issue.actualMean + 0.6 * issue.actualSpread * gauss(random), 15.0, 92.0)
                                : outcome == Outcome::Slower    ? -(18 + 25 * unit(random))
                                : outcome == Outcome::Unchanged ? 2 * gauss(random)
                                                                : issue.actualMean;
        // A typical duration of the query, and its run-to-run noise (15–30 %, log-normal).
        const double typicalMs = std::clamp(std::exp(std::log(20000.0) + 0.9 * gauss(random)), 400.0, 3600000.0);
        const double noise = 0.15 + 0.15 * unit(random);
        const double scannedPerMs = 2.5e5 * std::exp(0.6 * gauss(random));
        const double parallelism = 1.5 + 10 * unit(random);

        QString recommendationJob, afterJob;
        for (int side = 0; side < 2; ++side) {
            const int runs = side == 0 ? before : after;
            for (int r = 0; r < runs; ++r) {
                // Before: the last run nearest to t0 comes first, going back; after: the first
                // is at t0 itself (the job the measurement is recorded with).
                const double spread = (double(r) + 0.3 * unit(random)) / double(runs);
                const QDateTime startedAt = side == 0 ? t0.addSecs(-qint64(60 + spread * double(similarDays * day - 7200)))
                                                      : t0.addSecs(r == 0 ? 0 : qint64(spread * double(afterSpan)));
                const double gain = side == 0 ? 0.0 : trueGain;
                const double durationMs = std::max(50.0, std::round(typicalMs * (1 - gain / 100) * std::exp(noise * gauss(random))));
                const QString jobId = jobIdFor(engine.engine, sequence++, run);
                if (Status s = inserters.jobs.add({jobId, side == 0 ? queryText : queryText + QStringLiteral(" -- optimized"),
                                                   side == 0 ? beforeHash : afterHash, QLatin1String(engine.engine), user,
                                                   warehouse, Database::toSqlTimestamp(startedAt), durationMs, success});
                    !s)
                    return s.error();
                ++jobsAdded;
                const double scanned = durationMs * scannedPerMs * (side == 0 ? 1.0 : 0.9);
                const qint64 memory = qint64(96.0 * 1048576 * (1 + 0.1 * unit(random)));
                if (Status s = inserters.profiles.add({jobId, memory, qint64(scanned), qint64(scanned / 120),
                                                       qint64(100 + random() % 900), qint64(std::max(1.0, scanned / 1.6e7)),
                                                       qint64(durationMs * parallelism)});
                    !s)
                    return s.error();
                if (side == 0 && r == runs - 1)
                    recommendationJob = jobId; // the earliest run, where the analysis found the issue
                if (side == 1 && r == 0)
                    afterJob = jobId;
            }
        }

        Planted p;
        p.recommendationId = firstRecommendationId + k;
        p.afterJobId = afterJob;
        p.measuredBy = user;
        p.measuredAt = t0.addSecs(-1800);
        p.completedAt = std::min(now, t0.addSecs(afterSpan + 3600));
        const double estimate = std::round(issue.estimateLow + (issue.estimateHigh - issue.estimateLow) * unit(random));
        if (Status s = inserters.recommendations.add(
                {p.recommendationId, recommendationJob, QLatin1String(issue.issueType),
                 QString::fromLatin1(issue.title).arg(table),
                 QStringLiteral("A recurring query (%1): %2 runs in the two weeks before.").arg(schedule).arg(before),
                 estimate, QStringLiteral("implemented"), Database::toSqlTimestamp(p.measuredAt.addSecs(-2 * day)),
                 Database::toSqlTimestamp(t0.addSecs(-600))});
            !s)
            return s.error();
        planted << p;
    }
    return planted;
}

Status record(const Database &database, const MeasurementSettings &settings, const QList<Planted> &planted,
              const std::function<bool(qint64)> &progress)
{
    MeasurementService service(database, settings);
    qint64 done = 0;
    for (const Planted &p : planted) {
        service.setClock([at = p.measuredAt] { return at; });
        if (const auto before = service.recordBefore(p.recommendationId, QStringList(), p.measuredBy); !before)
            return before.error();
        service.setClock([at = p.completedAt] { return at; });
        AfterRequest request;
        request.jobIds = {p.afterJobId};
        request.similarDays = MeasurementRuns::DefaultSimilarDays;
        request.measuredBy = p.measuredBy;
        if (const auto after = service.recordAfter(p.recommendationId, request); !after)
            return after.error();
        if (progress && !progress(++done))
            return Error::canceled();
    }
    return success();
}

} // namespace DemoRecurring
