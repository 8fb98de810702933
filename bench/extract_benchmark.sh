#!/usr/bin/env bash
# Read-pipeline throughput on one machine, side by side: berkas extract (2
# and 1 threads), ocrmypdf -l ind --jobs 2, and the tesseract CLI two at a
# time, all on the same generated pages (40% KTP, 20% KK, 20% SKTM, 20%
# bills; photocopies and phone photos). Every OCR process runs with
# OMP_THREAD_LIMIT=1, the fastest setting for Debian's Tesseract.
#
# Usage: bench/extract_benchmark.sh [PAGES=300] [SEED=31]   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-300}
seed=${2:-31}
work=$(mktemp -d /tmp/berkas-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1

echo "generating $pages pages (seed $seed)..." >&2
build/berkas generate --out "$work/set" --pages "$pages" --seed "$seed" --captures copy,photo \
  --mix ktp=40,kk=20,sktm=20,invoice=20 >/dev/null

# Runs a command under GNU time; sets $secs and $rss_kb.
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@"
  read -r secs rss_kb <"$work/time"
}

echo "berkas extract, 2 threads..." >&2
timed build/berkas extract --json --quiet --threads 2 --stats "$work/b2.json" "$work/set/pages.pdf" >/dev/null
b2=$secs b2_rss=$rss_kb
echo "berkas extract, 1 thread..." >&2
timed build/berkas extract --json --quiet --threads 1 --stats "$work/b1.json" "$work/set/pages.pdf" >/dev/null
b1=$secs
echo "ocrmypdf -l ind --jobs 2..." >&2
timed ocrmypdf -q -l ind --jobs 2 --output-type pdf "$work/set/pages.pdf" "$work/ocrmypdf.pdf"
om=$secs om_rss=$rss_kb
echo "tesseract CLI, two at a time..." >&2
timed sh -c "ls '$work'/set/scans/*.jpg | xargs -P 2 -I{} tesseract {} {} -l ind quiet"
ts=$secs

python3 - "$pages" "$b2" "$b1" "$om" "$ts" "$b2_rss" "$om_rss" "$work/b2.json" <<'PY'
import json, sys
pages, b2, b1, om, ts = int(sys.argv[1]), *map(float, sys.argv[2:6])
b2_rss, om_rss = int(sys.argv[6]), int(sys.argv[7])
stats = json.load(open(sys.argv[8]))
rate = lambda s: pages / s
print(f"| run | seconds | pages/s | peak RSS |")
print(f"|---|---|---|---|")
print(f"| berkas extract, 2 threads | {b2:.1f} | {rate(b2):.2f} | {b2_rss/1024:.0f} MB |")
print(f"| berkas extract, 1 thread | {b1:.1f} | {rate(b1):.2f} | |")
print(f"| ocrmypdf -l ind --jobs 2 | {om:.1f} | {rate(om):.2f} | {om_rss/1024:.0f} MB |")
print(f"| tesseract CLI, 2 at a time | {ts:.1f} | {rate(ts):.2f} | |")
print()
print(f"berkas (2 threads) / ocrmypdf: {om / b2:.2f}x")
print(f"berkas (2 threads) / tesseract CLI: {ts / b2:.2f}x")
print(f"berkas 2 threads / 1 thread: {b1 / b2:.2f}x")
print(f"berkas page latency (2 threads): p50 {stats['page_ms_p50']:.0f} ms, p95 {stats['page_ms_p95']:.0f} ms")
PY
