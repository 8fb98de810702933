#!/usr/bin/env bash
# README command 2: install what is missing, build the release and the
# sanitizer (ASan+UBSan) builds, run the unit tests under the sanitizers and
# the whole suite (unit + integration, with throw-away PostgreSQL servers)
# on the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --asan

# The browser test drives Chromium with playwright-core from npm (pinned in
# tests/browser/package-lock.json). Node.js comes from Debian when missing.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "== installing Node.js and npm from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >/tmp/berkas-apt.log 2>&1 ||
    { tail -n 5 /tmp/berkas-apt.log >&2; echo "test: could not install nodejs and npm" >&2; exit 1; }
fi
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -L unit --output-on-failure -j "$(nproc)"

echo "== whole suite (release build)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
