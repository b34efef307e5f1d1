#!/usr/bin/env bash
# `mxaccel sim --engine rtl` against `--engine model` on the same options:
# predictions, log-probability bits, cycles and every counter equal
# (sim_json_same.py). Prints the wall time of each engine. A configuration
# that is not prebuilt is built into CACHE first (its build time is printed
# by the CLI and not counted in the RTL's run time).
# usage: sim_rtl_same.sh <mxaccel> <cache> <sim option>...
set -u
mxaccel=$1 cache=$2
shift 2
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
same=$(dirname "$0")/sim_json_same.py
label="$*"

start=$(date +%s.%N)
"$mxaccel" sim "$@" --quiet --json "$tmp/model.json" >"$tmp/out" 2>"$tmp/err" ||
    fail "$label: sim --engine model: $(head -c 300 "$tmp/err")"
model_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
# builds (if any) first, so that the timed run is the simulation alone
"$mxaccel" sim --engine rtl --rtl-cache "$cache" "$@" --limit 1 --quiet >"$tmp/out" 2>"$tmp/err" ||
    fail "$label: sim --engine rtl (build): $(head -c 600 "$tmp/err")"
grep 'built in' "$tmp/err" || true
start=$(date +%s.%N)
"$mxaccel" sim --engine rtl --rtl-cache "$cache" "$@" --quiet --json "$tmp/rtl.json" \
    >"$tmp/out" 2>"$tmp/err" || fail "$label: sim --engine rtl: $(head -c 600 "$tmp/err")"
rtl_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
if [ "$failures" -eq 0 ]; then
    python3 "$same" "$tmp/model.json" "$tmp/rtl.json" >"$tmp/diff" ||
        fail "$label: RTL and model differ: $(head -c 300 "$tmp/diff")"
fi
images=$(sed -n 's/.*"images":[[:space:]]*\([0-9]*\).*/\1/p' "$tmp/model.json" | head -n 1)
awk -v l="$label" -v n="${images:-0}" -v m="$model_s" -v r="$rtl_s" \
    'BEGIN { printf "%s: %d images, model %.1f s, rtl %.1f s (%.2f images/s)\n", l, n, m, r, n / r }'
finish
