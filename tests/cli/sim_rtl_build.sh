#!/usr/bin/env bash
# `mxaccel sim --engine rtl` on a configuration that is not prebuilt (a 2 x 2
# PE array), with a cache in a temporary directory: the first run builds the
# Verilated library with a message before and after, the second finds it;
# both equal the C model in predictions, log-probability bits and every
# counter.
# usage: sim_rtl_build.sh <mxaccel>
set -u
mxaccel=$1
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
same=$(dirname "$0")/sim_json_same.py
config=(--rows 2 --cols 2 --limit 2)

"$mxaccel" sim "${config[@]}" --quiet --json "$tmp/model.json" >"$tmp/out" 2>"$tmp/err" ||
    fail "sim --engine model: $(head -c 300 "$tmp/err")"
"$mxaccel" sim --engine rtl --rtl-cache "$tmp/cache" "${config[@]}" --json "$tmp/rtl.json" \
    >"$tmp/out" 2>"$tmp/err" || fail "sim --engine rtl (build): $(head -c 600 "$tmp/err")"
announce="^mxaccel sim: building the Verilated accelerator for rows=2 cols=2 .* into $tmp/cache/"
announce+='[0-9a-f]{16} \(about [0-9]+ minutes?\)\.\.\.$'
grep -qE "$announce" "$tmp/err" || fail "no build message: $(head -c 300 "$tmp/err")"
grep -qE '^mxaccel sim: built in [0-9]+ s$' "$tmp/err" ||
    fail "no 'built in' message: $(head -c 300 "$tmp/err")"
grep -q "\"rtl_library\":[[:space:]]*\"$tmp/cache/" "$tmp/rtl.json" ||
    fail "the JSON does not name the cached library"
python3 "$same" "$tmp/model.json" "$tmp/rtl.json" >"$tmp/diff" ||
    fail "RTL and model differ: $(head -c 300 "$tmp/diff")"
# the cache holds the entry alone: no temp directory, no log of a failure
n=$(find "$tmp/cache" -mindepth 1 -maxdepth 1 | wc -l)
[ "$n" -eq 1 ] || fail "the cache holds $n entries: $(find "$tmp/cache" -maxdepth 1 | head -c 300)"

# Again: found in the cache, nothing built, the same report.
"$mxaccel" sim --engine rtl --rtl-cache "$tmp/cache" "${config[@]}" --json "$tmp/rtl2.json" \
    >"$tmp/out" 2>"$tmp/err" || fail "sim --engine rtl (cached): $(head -c 300 "$tmp/err")"
[ -s "$tmp/err" ] && fail "the cached run printed: $(head -c 300 "$tmp/err")"
python3 "$same" "$tmp/model.json" "$tmp/rtl2.json" >"$tmp/diff" ||
    fail "cached RTL and model differ: $(head -c 300 "$tmp/diff")"

finish
