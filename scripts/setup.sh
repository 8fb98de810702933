#!/usr/bin/env bash
# Installs every Debian package berkas needs, then configures and builds it.
# Idempotent: packages already present are not reinstalled, and the build is
# incremental. Usage: scripts/setup.sh [--no-build] [--asan]
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
asan=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --asan) asan=1 ;;
    *) echo "setup: unknown option '$arg' (use --no-build, --asan)" >&2; exit 2 ;;
  esac
done

mapfile -t packages < <(grep -vE '^\s*(#|$)' scripts/packages.txt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: ${#missing[@]} Debian packages are missing: ${missing[*]}" >&2
    echo "setup: run this script as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing ${#missing[@]} Debian packages…"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update -q >/tmp/berkas-apt.log 2>&1 ||
     ! apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/berkas-apt.log 2>&1; then
    tail -n 5 /tmp/berkas-apt.log >&2
    echo "setup: apt-get could not install the packages (is Debian's archive reachable?). Full log: /tmp/berkas-apt.log" >&2
    exit 1
  fi
fi

((build)) || exit 0

jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$jobs"
if ((asan)); then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBERKAS_SANITIZE=ON >/dev/null
  # Only the unit tests run under the sanitizers: build just what they need.
  cmake --build build-asan -j "$jobs" --target unit_test
fi

# Demo signing certificates, so letters are signed for real out of the box
# (an office replaces them with its officials' own).
scripts/demo-ca.sh >/dev/null
