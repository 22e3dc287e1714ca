#!/usr/bin/env bash
# Builds Optimeter and runs every test (SQLite and a real PostgreSQL server the tests start
# on 127.0.0.1). Usage: tools/test.sh [build-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

tools/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure -j2
