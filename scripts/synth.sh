#!/usr/bin/env bash
# Synthesize datapath units and the accelerator top with yosys (generic
# `synth`: gates, flip-flops and yosys' own arithmetic cells, no technology
# library) for each format variant and print the cell count of each.
#
#   scripts/synth.sh [--all] [--out FILE] [--stats DIR] [--tables DIR] [--gen DIR] UNIT...
#
# UNIT: seu, pe, pe_bf16, alu, accel. Variants by default: seu with fp8 and
# bfloat16 inputs x the 8 MX element formats; pe with the 8 same-format
# pairs; pe_bf16 with the hw profile's 32 guard bits; alu on fp8; accel: the
# top (rtl/accel) in the default configuration, its memories (mx_accel_mem)
# black boxes whose bytes are listed, not counted as cells (about an hour
# and 5 GB). --all: seu with every input format (fp8 fp10 fp12 fp16
# bfloat16), pe with all 64 pairs, alu on fp8 fp10 fp12 fp16 bfloat16 (a
# 16-bit ALU holds two 64K-entry ROMs: about a minute and 0.7 GB each).
# Cell counts are of the whole hierarchy below the variant's top.
# --tables DIR: the ALU's ROM files (default build/release/alu-tables, made by
# the build target mx_alu_tables_hex).
# --gen DIR: the generated Verilog headers and the default configuration
# (default build/release/rtl-gen).
# --out FILE also writes the table (unit, variant, cells, black-boxed memory
# bytes) as TSV; --stats DIR writes yosys' full statistics of each variant
# into DIR/<unit>_<variant>.txt.
# Runs nproc yosys processes at a time; exits non-zero if any variant fails
# or reports no cells.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all=0 out="" stats="" units=() tables="$root/build/release/alu-tables" gen="$root/build/release/rtl-gen"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --all) all=1; shift ;;
    --out) out="$2"; shift 2 ;;
    --stats)
      [[ -n "${2:-}" ]] || { echo "synth: --stats needs a directory" >&2; exit 2; }
      mkdir -p "$2" || { echo "synth: --stats: cannot make '$2'" >&2; exit 2; }
      stats="$(cd "$2" && pwd)"
      shift 2
      ;;
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
    -h | --help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    seu | pe | pe_bf16 | alu | accel) units+=("$1"); shift ;;
    *) echo "synth: unknown unit or option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#units[@]} -gt 0 ]] || { echo "synth: no unit given (see --help)" >&2; exit 2; }
[[ -f "$gen/mx_formats.vh" ]] || {
  echo "synth: no generated headers in '$gen' (configure a build tree, or pass --gen)" >&2
  exit 2
}
export MXACCEL_RTL_GEN="$gen" MXACCEL_SYNTH_STATS="$stats"

mx=(int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3 fp4_e2m1)

# Print one line per variant: <unit> <label> <top> <black-boxed memory bytes>
# <chparam arguments>.
variants() {
  local unit="$1" i j spec
  case "$unit" in
    seu)
      local inputs=("fp8 5 8" "bfloat16 8 16")
      [[ $all -eq 1 ]] && inputs=("fp8 5 8" "fp10 5 10" "fp12 5 12" "fp16 5 16" "bfloat16 8 16")
      for spec in "${inputs[@]}"; do
        read -r name eb w <<<"$spec"
        for i in "${!mx[@]}"; do
          echo "seu in=$name,out=${mx[$i]} mx_seu 0 -set IN_EB $eb -set IN_W $w -set OUT_FMT $i -set ROUND 0"
        done
      done
      ;;
    pe)
      for i in "${!mx[@]}"; do
        for j in "${!mx[@]}"; do
          [[ $all -eq 1 || $i -eq $j ]] || continue
          echo "pe ${mx[$i]}x${mx[$j]} mx_pe 0 -set A_FMT $i -set W_FMT $j"
        done
      done
      ;;
    pe_bf16)
      echo "pe_bf16 bfloat16xbfloat16,G=32 mx_pe_bf16 0 -set G 32"
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
        echo "alu $name mx_alu 0 -set EB $eb -set W $w -set EXP_TABLE \"$tables/mx_alu_exp_$name.hex\" -set LOG_TABLE \"$tables/mx_alu_log_$name.hex\""
      done
      ;;
    accel)
      # accel_rtl_default.txt (cmake/MxaccelAccelRtl.cmake): the default
      # configuration's key, its elementwise format, its -G parameters.
      local cfg="$gen/accel_rtl_default.txt" key elem params args="" p
      [[ -f "$cfg" ]] || { echo "synth: no default accelerator configuration $cfg (configure a build tree, or pass --gen)" >&2; exit 2; }
      { read -r key; read -r elem; read -r params; } <"$cfg"
      for p in $params; do
        p="${p#-G}"
        args+=" -set ${p%%=*} ${p#*=}"
      done
      for t in exp log; do
        [[ -f "$tables/mx_alu_${t}_$elem.hex" ]] || {
          echo "synth: missing ALU table $tables/mx_alu_${t}_$elem.hex (build the target mx_alu_tables_hex, or pass --tables)" >&2
          exit 2
        }
      done
      # the memories' bytes (mx_accel.v: ACT_B, WGT_B, DESC_MEM): the
      # buffers' KiB and a descriptor slot of MX_ACCEL_FIELDS 32-bit words
      local kv act wgt slots fields
      for kv in $key; do
        case "$kv" in
          act_buf_kib=*) act=$((${kv#*=} * 1024)) ;;
          wgt_buf_kib=*) wgt=$((${kv#*=} * 1024)) ;;
          desc_slots=*) slots=${kv#*=} ;;
        esac
      done
      fields="$(awk '$1 == "`define" && $2 == "MX_ACCEL_FIELDS" {print $3}' "$gen/mx_accel_params.vh")"
      echo "accel default mx_accel $((act + wgt + slots * fields * 4))$args -set EXP_TABLE \"$tables/mx_alu_exp_$elem.hex\" -set LOG_TABLE \"$tables/mx_alu_log_$elem.hex\""
      ;;
  esac
}

# synth_one "<unit> <label> <top> <memory bytes> <chparam arguments>":
# prints "unit label cells memory-bytes".
synth_one() {
  local unit label top mem args log cells srcs list stub="" ok=0
  read -r unit label top mem args <<<"$1"
  log="$(mktemp)"
  # The variant's sources from its top's file list rtl/<top>.f or
  # rtl/accel/<top>.f (paths relative to rtl/).
  list="rtl/$top.f"
  [[ -f "$list" ]] || list="rtl/accel/$top.f"
  srcs="$(grep '\.v$' "$list" | sed 's|^|rtl/|' | tr '\n' ' ')"
  if [[ "$top" == mx_accel ]]; then
    # The memory macros as black boxes: the behavioural model's ports.
    stub="$(mktemp --suffix=.v)"
    { echo '(* blackbox *)'; sed -n '/^module mx_accel_mem/,/^);/p' tb/accel/mx_accel_mem.v; echo endmodule; } >"$stub"
  fi
  yosys -q -l "$log" -p "read_verilog -defer -Irtl -I$MXACCEL_RTL_GEN $srcs $stub; chparam $args $top; synth -top $top; tee -o /dev/null stat -top $top" >/dev/null 2>&1 && ok=1
  [[ -z "$stub" ]] || rm -f "$stub"
  if [[ $ok -eq 0 ]]; then
    echo "synth: $unit $label: yosys failed (log: $log)" >&2
    return 1
  fi
  # the last count is the design hierarchy's total
  cells="$(grep -E '^ +Number of cells:' "$log" | tail -1 | awk '{print $4}')"
  if [[ -n "$MXACCEL_SYNTH_STATS" ]]; then
    # the last statistics block: stat -top's, after synth's own
    awk '/Printing statistics/ {n = NR} {l[NR] = $0} END {for (i = n; i <= NR; i++) print l[i]}' "$log" >"$MXACCEL_SYNTH_STATS/${unit}_${label//[^A-Za-z0-9_.=-]/_}.txt"
  fi
  rm -f "$log"
  if [[ -z "$cells" || "$cells" -eq 0 ]]; then
    echo "synth: $unit $label: no cells" >&2
    return 1
  fi
  printf '%s\t%s\t%s\t%s\n' "$unit" "$label" "$cells" "$mem"
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
awk -F'\t' 'BEGIN{printf "%-8s %-28s %10s %s\n", "unit", "variant", "cells", "memory bytes (black boxes)"}
  {printf "%-8s %-28s %10s %s\n", $1, $2, $3, $4}' "$table"
[[ -z "$out" ]] || cp "$table" "$out"
