#!/usr/bin/env bash
# The German catalogue is complete: refreshing it from the sources (in a copy) leaves no
# unfinished, obsolete or vanished entry, and drops none (a message no source says any more).
# Usage: check_ts.sh LUPDATE SOURCE_DIR TS_FILE [LUPDATE_OPTIONS...] (-pluralonly for English)
set -euo pipefail
lupdate=$1 source_dir=$2 ts=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ts" "$work/check.ts"
mapfile -t sources < <(find "$source_dir/app" "$source_dir/views" "$source_dir/models" "$source_dir/services" -name '*.cpp' -o -name '*.h' | sort)
"$lupdate" -locations none -no-obsolete "$@" "${sources[@]}" -ts "$work/check.ts" >/dev/null
before=$(grep -c '<message' "$ts")
bad=$(grep -cE 'type="(unfinished|obsolete|vanished)"' "$work/check.ts" || true)
total=$(grep -c '<message' "$work/check.ts")
if [[ $bad -ne 0 ]]; then
  echo "$(basename "$ts"): $bad of $total messages are unfinished, obsolete or vanished:"
  grep -B3 -E 'type="(unfinished|obsolete|vanished)"' "$work/check.ts" | grep '<source>' | head -20
  exit 1
fi
if [[ $total -ne $before ]]; then
  echo "$(basename "$ts"): $((before - total)) of $before messages are no longer in the sources:"
  diff <(grep -o '<source>.*</source>' "$ts" | sort) <(grep -o '<source>.*</source>' "$work/check.ts" | sort) | head -20
  exit 1
fi
echo "$(basename "$ts"): all $total messages translated"
