// libFuzzer target for the job-history parser (issue 4, point 4: bad input, never a crash).
// The bytes go through JobImporter::check() — format detection, the engine converters, the
// CSV/JSON/NDJSON readers, the field parsers and the report — with no database and no file
// written, then through QueryFingerprint::of(). Built with clang and -fsanitize=fuzzer as
// fuzz_import, and with any compiler into tst_fuzzcorpus, which replays tests/fuzz/corpus/.
//
// Besides "no crash", two properties every input must keep, checked with __builtin_trap() so
// that libFuzzer keeps the input and the replay test fails:
//  - a refusal is InvalidInput and names the file first (FILE:LINE: …), never another kind;
//  - skipInvalid changes nothing for a file that has no invalid record: accepted without it
//    means accepted with it, with the same counts and nothing rejected, and the other way round.

#include "importreport.h"
#include "jobimporter.h"
#include "queryfingerprint.h"

#include <QBuffer>
#include <QCoreApplication>

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

const QString fuzzPath = QStringLiteral("fuzz.csv"); // used in messages only; nothing is opened

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "fuzz_import";
    static char *argv[] = {name, nullptr};
    static QCoreApplication application(argc, argv);
}

Result<ImportReport> check(const QByteArray &bytes, const QString &format, bool skipInvalid)
{
    QByteArray copy = bytes; // QBuffer wants a mutable array; the copy is shallow until written
    QBuffer buffer(&copy);
    if (!buffer.open(QIODevice::ReadOnly))
        __builtin_trap();
    ImportOptions options;
    options.format = format;
    options.skipInvalid = skipInvalid;
    auto result = JobImporter::check(&buffer, fuzzPath, options);
    if (!result.ok()
        && (result.error().kind != Error::Kind::InvalidInput || !result.error().message.startsWith(fuzzPath)))
        __builtin_trap();
    return result;
}

bool sameCounts(const ImportReport &a, const ImportReport &b)
{
    return a.format == b.format && a.rowsRead == b.rowsRead && a.inserted == b.inserted
           && a.duplicates == b.duplicates && a.skipped == b.skipped && a.cacheHits == b.cacheHits
           && a.conversions == b.conversions && a.notes == b.notes;
}

} // namespace

// Undefined behaviour stops the fuzzer like a crash (UBSAN_OPTIONS, e.g. with a suppressions
// file, overrides it). Only the sanitizer runtime calls this; elsewhere it is unused.
extern "C" const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ensureApplication();
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    const auto strict = check(bytes, QStringLiteral("auto"), false);
    const auto lenient = check(bytes, QStringLiteral("auto"), true);
    if (strict.ok() && (!lenient.ok() || lenient->rejected != 0 || !sameCounts(*strict, *lenient)))
        __builtin_trap();
    if (lenient.ok() && lenient->rejected == 0 && !strict.ok())
        __builtin_trap();

    // A named format skips detection, so its converter meets headers it would not be chosen for.
    static const std::array<QString, 7> formats{
        QStringLiteral("generic"),    QStringLiteral("snowflake"),          QStringLiteral("bigquery"),
        QStringLiteral("dremio"),     QStringLiteral("databricks"),         QStringLiteral("pg_stat_statements"),
        QStringLiteral("trino")};
    const uint8_t selector = size > 0 ? data[0] : 0;
    (void)check(bytes, formats[selector % formats.size()], (selector & 0x80) != 0);

    (void)QueryFingerprint::of(QString::fromUtf8(bytes));
    return 0;
}
