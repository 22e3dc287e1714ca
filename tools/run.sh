#!/usr/bin/env bash
# Builds Optimeter, fills the default database with demo data when it is empty, prints the
# 30-day summary and opens the dashboard. Usage: tools/run.sh [optimeter arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2 --target optimeter

optimeter=build/app/optimeter
if "$optimeter" "$@" --json summary --days 36500 | grep -q '"total_measurements":0'; then
  "$optimeter" "$@" demo --size 5000
fi
"$optimeter" "$@" summary
exec "$optimeter" "$@"
