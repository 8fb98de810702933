#!/usr/bin/env bash
# Memory of the read pipeline over a large batch (issue 3: peak RSS <= 1 GiB
# for 2 000 pages at 2 threads): generates the benchmark mix (40% KTP, 20%
# KK, 20% SKTM, 20% bills; photocopies and phone photos) as loose JPEG files,
# reads them with `berkas extract --threads 2`, samples the process's
# resident memory every 10 s and prints the peak and the samples by quarter
# of the run. The files, not one PDF: 2 000 pages make a PDF of about 1 GB,
# above extract's default file-size limit (512 MB).
#
# Usage: bench/extract_memory.sh [PAGES=2000] [SEED=6865]   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-2000}
seed=${2:-6865}
work=$(mktemp -d /tmp/berkas-memory-XXXXXX)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1

echo "generating $pages pages (seed $seed)..." >&2
build/berkas generate --out "$work/set" --pages "$pages" --seed "$seed" --captures copy,photo \
  --mix ktp=40,kk=20,sktm=20,invoice=20 >/dev/null
rm -f "$work/set/pages.pdf"

echo "berkas extract, 2 threads..." >&2
/usr/bin/time -f "%e %M" -o "$work/time" build/berkas extract --json --quiet --threads 2 \
  --stats "$work/stats.json" "$work/set/scans" >"$work/out.jsonl" &
timer=$!
sleep 1
reader=$(pgrep -P "$timer" || true)
while kill -0 "$timer" 2>/dev/null; do
  [ -n "$reader" ] && awk '/VmRSS/ {print $2}' "/proc/$reader/status" 2>/dev/null >>"$work/rss" || true
  sleep 10
done
wait "$timer"

python3 - "$work/time" "$work/stats.json" "$work/rss" "$work/out.jsonl" <<'PY'
import json, os, sys
secs, peak_kb = open(sys.argv[1]).read().split()[:2]
stats = json.load(open(sys.argv[2]))
rss = [int(x) for x in open(sys.argv[3])] if os.path.exists(sys.argv[3]) else []
docs = sum(1 for _ in open(sys.argv[4]))
print(f"pages: {stats['pages']} ({stats['pages_failed']} failed), documents: {docs}, threads: {stats['threads']}")
print(f"wall: {float(secs):.0f} s, {stats['pages_per_second']:.2f} pages/s")
print(f"peak RSS: {int(peak_kb) / 1024:.0f} MiB")
if len(rss) >= 4:
    q = len(rss) // 4
    for i in range(4):
        part = rss[i * q:(i + 1) * q] if i < 3 else rss[3 * q:]
        print(f"RSS samples, quarter {i + 1}: min {min(part) / 1024:.0f}, mean {sum(part) / len(part) / 1024:.0f}, "
              f"max {max(part) / 1024:.0f} MiB")
PY
