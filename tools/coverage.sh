#!/usr/bin/env bash
# Builds with coverage instrumentation, runs every test and prints the line coverage of
# services/ (gcovr). Reports land in build-coverage/coverage.html.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build-coverage -DCMAKE_BUILD_TYPE=Debug -DOPTIMETER_COVERAGE=ON
cmake --build build-coverage -j2
find build-coverage -name '*.gcda' -delete
ctest --test-dir build-coverage --output-on-failure -j2
gcovr -r . build-coverage --filter 'services/' \
      --exclude-throw-branches --exclude-unreachable-branches \
      --html-details build-coverage/coverage.html --print-summary
