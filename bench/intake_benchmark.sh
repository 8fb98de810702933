#!/usr/bin/env bash
# The main job at scale: a generated batch of about PAGES pages through
# berkas intake (store, read, assign, check) in a private store, with its
# throughput and memory: peak RSS and the RSS sampled every 10 s, to show it
# stays flat however long the batch.
#
# Usage: bench/intake_benchmark.sh [PAGES=1000] [SEED=6601]   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-1000}
seed=${2:-6601}
cases=$(( (pages + 3) / 4 ))  # a berkas is about four pages
work=$(mktemp -d /tmp/berkas-intake-bench-XXXXXX)
chmod 755 "$work"  # the embedded server runs as postgres
export BERKAS_HOME="$work/home"
unset BERKAS_DATABASE_URL
cleanup() { build/berkas db stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "generating $cases cases (seed $seed)..." >&2
build/berkas generate --out "$work/set" --seed "$seed" --cases "$cases" >/dev/null
build/berkas db start >/dev/null
/usr/bin/time -f "%M %e" -o "$work/time" \
  build/berkas intake -q "$work/set/scans" --cases "$work/set/cases.json" >"$work/summary" 2>/dev/null &
pid=$!
: >"$work/rss"
while kill -0 "$pid" 2>/dev/null; do
  # berkas re-executes itself once (OpenMP guard): sample the child too.
  for p in $pid $(pgrep -P "$pid" || true); do
    awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null
  done | sort -n | tail -1 >>"$work/rss"
  sleep 10
done
wait "$pid" || true
echo "== berkas intake, $cases cases (seed $seed)"
grep -E "files:|pages:|documents:|decisions:" "$work/summary"
read -r peak wall <"$work/time"
echo "peak RSS: $((peak / 1024)) MiB; wall: ${wall} s"
echo "RSS every 10 s (MiB): $(awk 'NF {printf "%d ", $1/1024}' "$work/rss")"
