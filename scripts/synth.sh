#!/usr/bin/env bash
# Synthesize datapath units with yosys (generic `synth`: gates, flip-flops
# and yosys' own arithmetic cells, no technology library) for each format
# variant and print the cell count of each.
#
#   scripts/synth.sh [--all] [--out FILE] [--tables DIR] [--gen DIR] UNIT...
#
# UNIT: seu, pe, pe_bf16, alu. Variants by default: seu with fp8 and bfloat16
# inputs x the 8 MX element formats; pe with the 8 same-format pairs; pe_bf16
# with the hw profile's 32 guard bits; alu on fp8. --all: seu with every
# input format (fp8 fp10 fp12 fp16 bfloat16), pe with all 64 pairs, alu on
# fp8 fp10 fp12 fp16 bfloat16 (a 16-bit ALU holds two 64K-entry ROMs: about
# a minute and 0.7 GB each).
# --tables DIR: the ALU's ROM files (default build/release/alu-tables, made by
# the build target mx_alu_tables_hex).
# --gen DIR: the generated Verilog headers (default build/release/rtl-gen).
# --out FILE also writes the table (unit, variant, cells) as TSV.
# Runs nproc yosys processes at a time; exits non-zero if any variant fails
# or reports no cells.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all=0 out="" units=() tables="$root/build/release/alu-tables" gen="$root/build/release/rtl-gen"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --all) all=1; shift ;;
    --out) out="$2"; shift 2 ;;
    --tables)
      [[ -d "${2:-}" ]] || { echo "synth: --tables: no directory '${2:-}'" >&2; exit 2; }
      tables="$(cd "$2" && pwd)"
      shift 2
      ;;
    --gen)
      [[ -f "${2:-}/mx_formats.vh" ]] || { echo "synth: --gen: no generated headers in '${2:-}'" >&2; exit 2; }
      gen="$(cd "$2" && pwd)"
      shift 2
      ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    seu | pe | pe_bf16 | alu) units+=("$1"); shift ;;
    *) echo "synth: unknown unit or option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#units[@]} -gt 0 ]] || { echo "synth: no unit given (see --help)" >&2; exit 2; }
[[ -f "$gen/mx_formats.vh" ]] || {
  echo "synth: no generated headers in '$gen' (configure a build tree, or pass --gen)" >&2
  exit 2
}
export MXACCEL_RTL_GEN="$gen"

mx=(int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3 fp4_e2m1)

# Print one line per variant: <unit> <label> <top> <chparam arguments>.
variants() {
  local unit="$1" i j spec
  case "$unit" in
    seu)
      local inputs=("fp8 5 8" "bfloat16 8 16")
      [[ $all -eq 1 ]] && inputs=("fp8 5 8" "fp10 5 10" "fp12 5 12" "fp16 5 16" "bfloat16 8 16")
      for spec in "${inputs[@]}"; do
        read -r name eb w <<<"$spec"
        for i in "${!mx[@]}"; do
          echo "seu in=$name,out=${mx[$i]} mx_seu -set IN_EB $eb -set IN_W $w -set OUT_FMT $i -set ROUND 0"
        done
      done
      ;;
    pe)
      for i in "${!mx[@]}"; do
        for j in "${!mx[@]}"; do
          [[ $all -eq 1 || $i -eq $j ]] || continue
          echo "pe ${mx[$i]}x${mx[$j]} mx_pe -set A_FMT $i -set W_FMT $j"
        done
      done
      ;;
    pe_bf16)
      echo "pe_bf16 bfloat16xbfloat16,G=32 mx_pe_bf16 -set G 32"
      ;;
    alu)
      local formats=("fp8 5 8")
      [[ $all -eq 1 ]] && formats=("fp8 5 8" "fp10 5 10" "fp12 5 12" "fp16 5 16" "bfloat16 8 16")
      for spec in "${formats[@]}"; do
        read -r name eb w <<<"$spec"
        for t in exp log; do
          [[ -f "$tables/mx_alu_${t}_$name.hex" ]] || {
            echo "synth: missing ALU table $tables/mx_alu_${t}_$name.hex (build the target mx_alu_tables_hex, or pass --tables)" >&2
            exit 2
          }
        done
        echo "alu $name mx_alu -set EB $eb -set W $w -set EXP_TABLE \"$tables/mx_alu_exp_$name.hex\" -set LOG_TABLE \"$tables/mx_alu_log_$name.hex\""
      done
      ;;
  esac
}

# synth_one "<unit> <label> <top> <chparam arguments>": prints "unit label cells".
synth_one() {
  local unit label top args log cells srcs
  read -r unit label top args <<<"$1"
  log="$(mktemp)"
  # The unit's sources from its file list rtl/<top>.f.
  srcs="$(grep '\.v$' "rtl/$top.f" | sed 's|^|rtl/|' | tr '\n' ' ')"
  if ! yosys -q -l "$log" -p "read_verilog -defer -Irtl -I$MXACCEL_RTL_GEN $srcs; chparam $args $top; synth -top $top; tee -o /dev/null stat" >/dev/null 2>&1; then
    echo "synth: $unit $label: yosys failed (log: $log)" >&2
    return 1
  fi
  cells="$(grep -E '^ +Number of cells:' "$log" | tail -1 | awk '{print $4}')"
  rm -f "$log"
  if [[ -z "$cells" || "$cells" -eq 0 ]]; then
    echo "synth: $unit $label: no cells" >&2
    return 1
  fi
  printf '%s\t%s\t%s\n' "$unit" "$label" "$cells"
}
export -f synth_one

table="$(mktemp)"
trap 'rm -f "$table"' EXIT
for u in "${units[@]}"; do variants "$u"; done |
  xargs -d '\n' -P "$(nproc)" -n 1 bash -c 'synth_one "$1"' _ >"$table" || {
  cat "$table"
  exit 1
}
sort -k1,1 -k2,2 "$table" -o "$table"
awk -F'\t' 'BEGIN{printf "%-8s %-28s %s\n", "unit", "variant", "cells"} {printf "%-8s %-28s %s\n", $1, $2, $3}' "$table"
[[ -z "$out" ]] || cp "$table" "$out"
