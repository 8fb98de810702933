#!/usr/bin/env bash
# README command 2: install what is missing, build the release and the
# sanitizer (ASan+UBSan) builds, run the unit tests under the sanitizers and
# the whole suite (unit + integration, with throw-away PostgreSQL servers)
# on the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --asan

echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -L unit --output-on-failure

echo "== whole suite (release build)"
ctest --test-dir build --output-on-failure
