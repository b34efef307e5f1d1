#!/usr/bin/env bash
# `mxaccel sim --engine rtl` on the default configuration, whose Verilated
# library the build prebuilt: its --json equals the C model's in
# predictions, log-probability bits and every counter; it builds nothing;
# and a library whose key differs from its entry's configuration, or that
# does not load, is refused in one line.
# usage: sim_rtl.sh <mxaccel>
set -u
mxaccel=$1
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
same=$(dirname "$0")/sim_json_same.py

# an empty cache: the default configuration must not need one
"$mxaccel" sim --limit 2 --quiet --json "$tmp/model.json" >"$tmp/out" 2>"$tmp/err" ||
    fail "sim --engine model: $(head -c 300 "$tmp/err")"
"$mxaccel" sim --engine rtl --rtl-cache "$tmp/cache" --limit 2 --json "$tmp/rtl.json" \
    >"$tmp/rtl.out" 2>"$tmp/rtl.err" || fail "sim --engine rtl: $(head -c 300 "$tmp/rtl.err")"
grep -q 'building' "$tmp/rtl.err" &&
    fail "the default configuration was built: $(head -c 300 "$tmp/rtl.err")"
[ -e "$tmp/cache" ] && fail "the default configuration used the cache"
grep -q '"engine":[[:space:]]*"rtl"' "$tmp/rtl.json" ||
    fail "the RTL's JSON does not name its engine"
grep -q '"engine":[[:space:]]*"model"' "$tmp/model.json" ||
    fail "the model's JSON does not name its engine"
grep -q '^hardware .* engine=rtl$' "$tmp/rtl.out" ||
    fail "the RTL's report does not name its engine"
python3 "$same" "$tmp/model.json" "$tmp/rtl.json" >"$tmp/diff" ||
    fail "RTL and model differ: $(head -c 300 "$tmp/diff")"

# Library entries that must be refused (the cache entry of a 2 x 2 array,
# named from the message of a build that fails at once: no verilator).
mkdir -p "$tmp/bin"
ln -s "$(command -v bash)" "$tmp/bin/bash"
PATH=$tmp/bin "$mxaccel" sim --engine rtl --rtl-cache "$tmp/cache" --rows 2 --cols 2 --limit 1 \
    >"$tmp/out" 2>"$tmp/err"
check_one_line_error "sim without verilator" $? 1 'verilator not found' "$tmp/out" "$tmp/err"
key=$(sed -n 's/.*accelerator for \(.*\): verilator not found.*/\1/p' "$tmp/err")
[ -n "$key" ] || fail "the message names no configuration: $(head -c 300 "$tmp/err")"
lib=$(sed -n 's/.*"rtl_library":[[:space:]]*"\([^"]*\)".*/\1/p' "$tmp/rtl.json")
[ -f "$lib" ] || fail "the JSON names no library: $lib"
# The entry's name is the hash the CLI looks for: take it from a failing
# build's log path (a fake verilator).
mkdir -p "$tmp/fake"
printf '#!/bin/sh\necho "%%Error: fake verilator"\nexit 1\n' >"$tmp/fake/verilator"
chmod +x "$tmp/fake/verilator"
PATH=$tmp/fake:$PATH "$mxaccel" sim --engine rtl --rtl-cache "$tmp/cache" --rows 2 --cols 2 \
    --limit 1 >"$tmp/out" 2>"$tmp/err"
rc=$?
entry=$(sed -n 's/.*(log: \(.*\)\.build\.log)$/\1/p' "$tmp/err")
if [ "$rc" -ne 1 ] || [ -z "$entry" ]; then
    fail "a failing build: status $rc: $(head -c 300 "$tmp/err")"
    finish
fi
# the default's library in the 2 x 2 entry: loads, but is built for another key
mkdir -p "$entry"
cp "$lib" "$entry/libmx_accel_rtl.so"
printf '%s\n' "$key" >"$entry/config.txt"
"$mxaccel" sim --engine rtl --rtl-cache "$tmp/cache" --rows 2 --cols 2 --limit 1 \
    >"$tmp/out" 2>"$tmp/err"
check_one_line_error "a library of another key" $? 1 'is built for rows=8 cols=8' "$tmp/out" "$tmp/err"
# a file that is no shared library
echo 'not a library' >"$entry/libmx_accel_rtl.so"
"$mxaccel" sim --engine rtl --rtl-cache "$tmp/cache" --rows 2 --cols 2 --limit 1 \
    >"$tmp/out" 2>"$tmp/err"
check_one_line_error "a library that does not load" $? 1 'cannot load the Verilated accelerator' \
    "$tmp/out" "$tmp/err"

finish
