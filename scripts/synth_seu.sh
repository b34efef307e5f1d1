#!/usr/bin/env bash
# Synthesize the SEU (generic yosys `synth`) for MX element formats and print
# the cell count of each.
#
#   scripts/synth_seu.sh [--in-eb E --in-w W] [--round R] [FMT...]
#
# FMT: mx_format_id values 0..7 (int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2
# fp6_e2m3 fp4_e2m1); default all. Input default fp8 (E=5, W=8), R=0.
# Exits non-zero if yosys fails or reports no cells.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
in_eb=5 in_w=8 round=0
fmts=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --in-eb) in_eb="$2"; shift 2 ;;
    --in-w) in_w="$2"; shift 2 ;;
    --round) round="$2"; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fmts+=("$1"); shift ;;
  esac
done
[[ ${#fmts[@]} -gt 0 ]] || fmts=(0 1 2 3 4 5 6 7)
names=(int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3 fp4_e2m1)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for f in "${fmts[@]}"; do
  yosys -q -l "$log" -p "script rtl/synth/synth_seu.ys;
    chparam -set IN_EB $in_eb -set IN_W $in_w -set OUT_FMT $f -set ROUND $round mx_seu;
    synth -top mx_seu; tee -o /dev/stdout stat" >/dev/null
  cells="$(grep -E '^ +Number of cells:' "$log" | tail -1 | awk '{print $4}')"
  if [[ -z "$cells" || "$cells" -eq 0 ]]; then
    echo "synth_seu: ${names[$f]}: no cells" >&2
    exit 1
  fi
  printf 'mx_seu in=e%sw%s out=%-9s round=%s cells=%s\n' "$in_eb" "$in_w" "${names[$f]}" "$round" "$cells"
done
