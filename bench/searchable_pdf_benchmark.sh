#!/usr/bin/env bash
# Searchable PDFs of register pages, side by side on the same generated
# scans: `berkas pdf` (2 threads and 1) and OCRmyPDF. Prints throughput,
# output size against the scans, qpdf --check, and how many of the printed
# words pdftotext finds in place in each tool's PDFs (berkas eval pdf-text).
#
# OCRmyPDF parallelises the pages of one file; these scans are one page per
# file, so it runs two files at a time (xargs -P 2, --jobs 1 each), which is
# the fastest way it has to use both cores here. Every OCR process runs with
# OMP_THREAD_LIMIT=1. The scans carry no resolution, so OCRmyPDF is told
# --image-dpi 300 (berkas assumes 300 too).
#
# Usage: bench/searchable_pdf_benchmark.sh [PAGES=30] [SEED=6840]   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-30}
seed=${2:-6840}
work=$(mktemp -d /tmp/berkas-pdfbench-XXXXXX)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1

echo "generating $pages register pages (seed $seed)..." >&2
build/berkas generate --out "$work/set" --registers "$pages" --seed "$seed" >/dev/null

timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@"
  read -r secs rss_kb <"$work/time"
}

echo "berkas pdf, 2 threads..." >&2
timed build/berkas pdf --threads 2 --out "$work/berkas" "$work/set/scans" >/dev/null
b2=$secs b2_rss=$rss_kb
echo "berkas pdf, 1 thread..." >&2
timed build/berkas pdf --threads 1 --out "$work/berkas1" "$work/set/scans" >/dev/null
b1=$secs
echo "ocrmypdf -l ind, two files at a time..." >&2
mkdir -p "$work/ocrmypdf"
timed sh -c "cd '$work/set/scans' && ls | xargs -P 2 -I{} sh -c 'ocrmypdf -q -l ind --jobs 1 --image-dpi 300 \"\$1\" \"../../ocrmypdf/\${1%.*}.pdf\" || echo \"ocrmypdf failed on \$1\" >&2' _ {}"
om=$secs om_rss=$rss_kb

# Size of each PDF over its scan, by the scan's format; qpdf --check.
sizes() {
  local out=$1
  for scan in "$work"/set/scans/*; do
    local name ext pdf
    name=$(basename "$scan")
    ext=${name##*.}
    pdf="$out/${name%.*}.pdf"
    [[ -f $pdf ]] || { echo "$ext missing"; continue; }
    local check=ok
    qpdf --check "$pdf" >/dev/null 2>&1 || check=fail
    echo "$ext $(stat -c %s "$scan") $(stat -c %s "$pdf") $check"
  done
}
sizes "$work/berkas" >"$work/berkas.sizes"
sizes "$work/ocrmypdf" >"$work/ocrmypdf.sizes"

echo "pdftotext: printed words found in place..." >&2
build/berkas eval pdf-text "$work/set" "$work/berkas" >"$work/berkas.text"
build/berkas eval pdf-text "$work/set" "$work/ocrmypdf" >"$work/ocrmypdf.text"

python3 - "$pages" "$b2" "$b1" "$om" "$b2_rss" "$om_rss" "$work" <<'PY'
import sys, collections
pages, b2, b1, om = int(sys.argv[1]), *map(float, sys.argv[2:5])
b2_rss, om_rss, work = int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
rate = lambda s: pages / s
print("| run | seconds | pages/s | peak RSS |")
print("|---|---|---|---|")
print(f"| berkas pdf, 2 threads | {b2:.1f} | {rate(b2):.2f} | {b2_rss/1024:.0f} MB |")
print(f"| berkas pdf, 1 thread | {b1:.1f} | {rate(b1):.2f} | |")
print(f"| ocrmypdf -l ind, 2 files at a time | {om:.1f} | {rate(om):.2f} | {om_rss/1024:.0f} MB (one process) |")
print()
print(f"berkas (2 threads) / ocrmypdf: {om / b2:.2f}x;  berkas 2 threads / 1 thread: {b1 / b2:.2f}x")
print()
print("| tool | scan format | files | PDF / scan, total | PDF / scan, largest | qpdf --check |")
print("|---|---|---|---|---|---|")
for tool in ("berkas", "ocrmypdf"):
    by = collections.defaultdict(list)
    for line in open(f"{work}/{tool}.sizes"):
        f = line.split()
        if f[1] == "missing":
            by[f[0]].append(None)
        else:
            by[f[0]].append((int(f[1]), int(f[2]), f[3]))
    for ext, rows in sorted(by.items()):
        ok = [r for r in rows if r]
        scans = sum(r[0] for r in ok); out = sum(r[1] for r in ok)
        worst = max((r[1] / r[0] for r in ok), default=0)
        passed = sum(1 for r in ok if r[2] == "ok")
        print(f"| {tool} | {ext} | {len(rows)} | {out / max(1, scans):.2f} | {worst:.2f} | {passed}/{len(rows)} pass |")
print()
for tool in ("berkas", "ocrmypdf"):
    print(f"pdftotext on {tool}'s PDFs:")
    print(open(f"{work}/{tool}.text").read())
PY
