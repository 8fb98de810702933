#!/usr/bin/env bash
# Extraction accuracy on a freshly generated set: classification, every
# field per document type and capture level, KK member rows, confidence
# calibration (berkas eval fields), and document finding (berkas eval
# documents). Use a seed the code was not developed on.
#
# Usage: bench/accuracy.sh [SEED=6101] [CASES=60]   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-6101}
cases=${2:-60}
work=$(mktemp -d /tmp/berkas-accuracy-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "generating $cases cases (seed $seed)..." >&2
build/berkas generate --out "$work/set" --seed "$seed" --cases "$cases" >/dev/null
echo "== berkas eval fields (seed $seed, $cases cases)"
build/berkas eval fields "$work/set"
echo
echo "== berkas eval documents (seed $seed, $cases cases)"
build/berkas eval documents "$work/set"
