#!/usr/bin/env bash
# Lint every datapath unit for every format variant with
# `verilator --lint-only -Wall`; any warning fails.
#
#   scripts/lint_rtl.sh [--gen DIR]
#
# --gen DIR: the generated Verilog headers (default build/release/rtl-gen,
# made when the build tree is configured; cmake/MxaccelRtlHeaders.cmake).
# Prints the number of variants linted per unit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen="$root/build/release/rtl-gen"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --gen) gen="${2:-}"; shift 2 || shift ;;
    *) echo "lint_rtl: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ -f "$gen/mx_formats.vh" ]] || {
  echo "lint_rtl: no generated headers in '$gen' (configure a build tree, or pass --gen)" >&2
  exit 2
}
gen="$(cd "$gen" && pwd)"
cd "$root/rtl"

# srcs <top>: the unit's sources, from its file list rtl/<top>.f.
srcs() { grep '\.v$' "$1.f"; }

fail=0
# lint <top> <sources> -- <-G parameters>...
lint() {
  local out
  if ! out="$(verilator --lint-only -Wall -I. -I"$gen" "$@" 2>&1)" || [[ -n "$out" ]]; then
    echo "lint_rtl: $*" >&2
    echo "$out" >&2
    fail=1
  fi
}

n=0
for spec in "5 8" "5 10" "5 12" "5 16" "8 16" "5 7" "8 10"; do
  read -r eb w <<<"$spec"
  for fmt in 0 1 2 3 4 5 6 7; do
    for round in 0 1 2; do
      lint --top-module mx_seu $(srcs mx_seu) \
        -GIN_EB="$eb" -GIN_W="$w" -GOUT_FMT="$fmt" -GROUND="$round"
      n=$((n + 1))
    done
  done
done
echo "lint_rtl: mx_seu: $n variants"

n=0
for a in 0 1 2 3 4 5 6 7; do
  for w in 0 1 2 3 4 5 6 7; do
    lint --top-module mx_pe $(srcs mx_pe) -GA_FMT="$a" -GW_FMT="$w"
    n=$((n + 1))
  done
done
echo "lint_rtl: mx_pe: $n variants"

n=0
for g in 1 3 32 40; do
  for nel in 8 32 64; do
    lint --top-module mx_pe_bf16 $(srcs mx_pe_bf16) -GG="$g" -GN="$nel"
    n=$((n + 1))
  done
done
echo "lint_rtl: mx_pe_bf16: $n variants"

# Lint does not read the ALU's ROM files ($readmemh at run time).
n=0
for spec in "5 7" "5 8" "5 10" "5 12" "5 16" "8 10" "8 16"; do
  read -r eb w <<<"$spec"
  lint --top-module mx_alu $(srcs mx_alu) -GEB="$eb" -GW="$w"
  n=$((n + 1))
done
echo "lint_rtl: mx_alu: $n variants"
exit $fail
