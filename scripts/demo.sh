#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job
# (berkas intake) on the bundled sample berkas with the embedded database.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== berkas intake on samples/demo"
status=0
build/berkas intake samples/demo/scans --cases samples/demo/cases.json --label "bundled samples" || status=$?

cat <<MSG

Done. What happened and where it is:
  - the scans in samples/demo/scans and the cases in samples/demo/cases.json
    are in the embedded PostgreSQL store ($(build/berkas db url 2>/dev/null | sed 's/?.*//')...;
    'build/berkas db status' shows it, 'build/berkas db stop' stops it);
  - each case's decision and flags are in the report printed above
    (open it in a browser) and in the store;
  - running this again changes nothing (the batch is recognised);
  - ground truth of the samples: samples/demo/truth.jsonl and expected.jsonl;
  - more samples: build/berkas generate --out /tmp/more --cases 20 --seed 7
MSG
exit $status
