#!/usr/bin/env bash
# Configure and build mxaccel with Ninja.
#
#   scripts/build.sh [release] [asan]     (default: release)
#
# Build trees (under <repo>/build/):
#   release  CMAKE_BUILD_TYPE=Release
#   asan     CMAKE_BUILD_TYPE=RelWithDebInfo, MXACCEL_SANITIZE=ON (ASan + UBSan);
#            Verilates one or two format variants per RTL unit (the release
#            tree Verilates all of them)
#
# May also be sourced; it then only defines mxaccel_build_dir and
# mxaccel_build, and sets MXACCEL_ROOT.

MXACCEL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Print the path of the build tree called $1.
mxaccel_build_dir() {
  echo "$MXACCEL_ROOT/build/$1"
}

# Configure (if needed) and build each named tree; stops at the first failure.
mxaccel_build() {
  local name dir jobs
  local -a opts
  jobs="$(nproc)"
  [[ $# -gt 0 ]] || set -- release
  for name in "$@"; do
    case "$name" in
      release) opts=(-DCMAKE_BUILD_TYPE=Release -DMXACCEL_SANITIZE=OFF -DMXACCEL_RTL_ALL_VARIANTS=ON) ;;
      asan) opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMXACCEL_SANITIZE=ON -DMXACCEL_RTL_ALL_VARIANTS=OFF) ;;
      *)
        echo "build: unknown build tree '$name' (expected: release, asan)" >&2
        return 2
        ;;
    esac
    dir="$(mxaccel_build_dir "$name")"
    echo "== build: $name ($dir)"
    cmake -S "$MXACCEL_ROOT" -B "$dir" -G Ninja "${opts[@]}" || return 1
    cmake --build "$dir" --parallel "$jobs" || return 1
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  mxaccel_build "$@"
fi
