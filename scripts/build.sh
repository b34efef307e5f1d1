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
# MXACCEL_RTL=OFF in the environment configures a tree without the RTL
# toolchain (no Verilator, SystemC or Yosys needed; README, "Building by
# hand"), MXACCEL_RTL=ON with it; unset, a configured tree keeps its setting.
#
# May also be sourced; it then only defines the mxaccel_build* functions and
# sets MXACCEL_ROOT.

MXACCEL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Print the path of the build tree called $1.
mxaccel_build_dir() {
  echo "$MXACCEL_ROOT/build/$1"
}

# The configure options of build tree $1 (release or asan). MXACCEL_RTL=ON
# or OFF in the environment sets the RTL part; unset, a configured tree keeps
# its setting and a new one gets ON.
mxaccel_build_opts() {
  local rtl="${MXACCEL_RTL:-}" variants
  local -a opts
  case "$1" in
    release) opts=(-DCMAKE_BUILD_TYPE=Release -DMXACCEL_SANITIZE=OFF) variants=ON ;;
    asan) opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMXACCEL_SANITIZE=ON) variants=OFF ;;
    *)
      echo "build: unknown build tree '$1' (expected: release, asan)" >&2
      return 2
      ;;
  esac
  [[ -n "$rtl" ]] || rtl="$(mxaccel_cached_rtl "$1")"
  opts+=("-DMXACCEL_RTL=$rtl")
  # The variants option exists only with the RTL part.
  [[ "$rtl" == OFF ]] || opts+=("-DMXACCEL_RTL_ALL_VARIANTS=$variants")
  echo "${opts[*]}"
}

# MXACCEL_RTL of build tree $1 as configured (ON for a tree not configured).
mxaccel_cached_rtl() {
  local cache
  cache="$(mxaccel_build_dir "$1")/CMakeCache.txt"
  if [[ -f "$cache" ]] && grep -q '^MXACCEL_RTL:BOOL=OFF$' "$cache"; then
    echo OFF
  else
    echo ON
  fi
}

# mxaccel_build_targets <tree> [target...]: configure tree <tree> (if
# needed) and build the named targets, or all of them when none is named.
mxaccel_build_targets() {
  local name="$1" dir opts
  shift
  opts="$(mxaccel_build_opts "$name")" || return 2
  dir="$(mxaccel_build_dir "$name")"
  echo "== build: $name ($dir)${1:+, targets: $*}"
  # shellcheck disable=SC2086 # opts is a list of words
  cmake -S "$MXACCEL_ROOT" -B "$dir" -G Ninja $opts || return 1
  cmake --build "$dir" --parallel "$(nproc)" ${1:+--target "$@"} || return 1
}

# Configure (if needed) and build each named tree whole; stops at the first
# failure.
mxaccel_build() {
  local name
  [[ $# -gt 0 ]] || set -- release
  for name in "$@"; do
    mxaccel_build_targets "$name" || return $?
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  mxaccel_build "$@"
fi
