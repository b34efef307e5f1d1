#!/usr/bin/env bash
# Install the Debian packages mxaccel needs to build, test and run, on a
# minimal Debian 12 (bookworm) root, recommends off.
# Idempotent: does nothing when every package is already installed.
#
#   scripts/setup.sh [--no-rtl]
#
#   --no-rtl  leave out the RTL toolchain (Verilator, SystemC, Yosys): enough
#             for the numerics library, the CLI, the CNN, training and their
#             tests, built with -DMXACCEL_RTL=OFF
set -euo pipefail

with_rtl=1
for arg in "$@"; do
  case "$arg" in
    --no-rtl) with_rtl=0 ;;
    -h | --help)
      sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown option '$arg' (see --help)" >&2
      exit 2
      ;;
  esac
done

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
  # Debian's dnnl-config.cmake looks for OpenCL (a Recommends of libdnnl-dev).
  ocl-icd-opencl-dev
  dataset-fashion-mnist
  python3
  gnuplot-nox
)
if [[ $with_rtl -eq 1 ]]; then
  PACKAGES+=(
    verilator
    libsystemc-dev
    yosys
  )
fi

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
