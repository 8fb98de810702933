#!/usr/bin/env bash
# Issue 5's acceptance figures: seeded problems raised and clean cases
# stopped, through the whole main job (berkas intake: store, read, assign,
# check, DUPLICATE_CLAIM against the store) on a freshly generated set, in a
# private throw-away store. Use a seed the code was not developed on.
#
# Usage: bench/checks.sh [SEED=6501] [CASES=160]   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-6501}
cases=${2:-160}
work=$(mktemp -d /tmp/berkas-checks-XXXXXX)
chmod 755 "$work"  # the embedded server runs as postgres
export BERKAS_HOME="$work/home"
unset BERKAS_DATABASE_URL
cleanup() { build/berkas db stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "generating $cases cases (seed $seed)..." >&2
build/berkas generate --out "$work/set" --seed "$seed" --cases "$cases" >/dev/null
echo "== berkas intake (seed $seed, $cases cases)"
/usr/bin/time -f "  peak RSS: %M KiB, wall: %e s" \
  build/berkas intake -q "$work/set/scans" --cases "$work/set/cases.json" --results "$work/results.jsonl" \
  --report "$work/report.html" 2> >(grep -v "not assigned to a case" >&2) || true
echo
echo "== berkas eval checks, through intake (seed $seed, $cases cases)"
build/berkas eval checks "$work/set" --results "$work/results.jsonl"
echo
echo "== berkas eval checks, on the ground truth (the checks' logic alone)"
build/berkas eval checks "$work/set"
