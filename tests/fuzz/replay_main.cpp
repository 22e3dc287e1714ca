// Replays every file of tests/fuzz/corpus/ through the fuzz target, so that each seed and each
// input the fuzzer once found stays a regression test in every normal build (tst_fuzzcorpus).
// A crash, a sanitizer report or a broken property (see fuzz_import.cpp) fails the test; an
// empty or missing corpus folder does too, so that a wrong path cannot pass silently.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    // The corpus folder is compiled in; a different one may be given (e.g. a fuzzer's findings).
    const QString folder = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(FUZZ_CORPUS_DIR);
    const QFileInfoList files = QDir(folder).entryInfoList(QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        std::fprintf(stderr, "FAIL: no corpus files in %s\n", qPrintable(folder));
        return 1;
    }
    for (const QFileInfo &info : files) {
        QFile file(info.filePath());
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "FAIL: cannot read %s: %s\n", qPrintable(info.filePath()),
                         qPrintable(file.errorString()));
            return 1;
        }
        const QByteArray bytes = file.readAll();
        std::printf("%s (%lld bytes)... ", qPrintable(info.fileName()), static_cast<long long>(bytes.size()));
        std::fflush(stdout); // the name is on screen if the input crashes
        QElapsedTimer timer;
        timer.start();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
        std::printf("ok, %lld ms\n", static_cast<long long>(timer.elapsed()));
    }
    std::printf("PASS: %lld corpus files\n", static_cast<long long>(files.size()));
    return 0;
}
