#!/usr/bin/env bash
# Install the Debian packages mxaccel needs to build, test and run.
# Idempotent: does nothing when every package is already installed.
set -euo pipefail

PACKAGES=(
  cmake
  ninja-build
  gcc
  g++
  pkg-config
  gzip
  libgtest-dev
  zlib1g-dev
  libcjson-dev
  libsleef-dev
  libopenblas-dev
  libdnnl-dev
  verilator
  libsystemc-dev
  yosys
  dataset-fashion-mnist
  python3
  gnuplot-nox
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  # dpkg-query fails for unknown packages; a removed package keeps a status
  # such as "deinstall ok config-files", which also counts as missing.
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != *"install ok installed"* ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#PACKAGES[@]} required packages are already installed"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup: missing packages: ${missing[*]}" >&2
    echo "setup: not running as root and sudo is not available; install them as root" >&2
    exit 1
  fi
fi

log="$(mktemp "${TMPDIR:-/tmp}/mxaccel-setup-apt.XXXXXX")"

run_apt() {
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive "$@" >>"$log" 2>&1; then
    echo "setup: '$*' failed; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

echo "setup: installing ${#missing[@]} package(s): ${missing[*]} (log: $log)"
run_apt apt-get update
run_apt apt-get install -y --no-install-recommends "${missing[@]}"
rm -f "$log"
echo "setup: done"
