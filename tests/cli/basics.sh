#!/usr/bin/env bash
# Top-level help and version, the formats table, and the output layout of
# quant: one word per line, or one MX block per line.
# usage: basics.sh <mxaccel>
set -u
mxaccel=$1
source "$(dirname "$0")/common.sh"

expect_output() {
    local label=$1 pattern=$2 text=$3
    if ! grep -qE -- "$pattern" <<<"$text"; then
        fail "$label: output lacks /$pattern/"
    fi
}

help=$("$mxaccel" --help) || fail "--help exit status"
expect_output "--help" '^  quant ' "$help"
expect_output "--help" '^  formats ' "$help"
version=$("$mxaccel" --version) || fail "--version exit status"
expect_output "--version" '^mxaccel [0-9]+\.[0-9]+\.[0-9]+$' "$version"
qhelp=$("$mxaccel" quant --help) || fail "quant --help exit status"
expect_output "quant --help" 'exit status' "$qhelp"
expect_output "quant --help" '--emit' "$qhelp"

formats=$("$mxaccel" formats) || fail "formats exit status"
for f in int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3 fp4_e2m1 fp16 bfloat16; do
    expect_output "formats" "^$f " "$formats"
done
expect_output "formats" '^fp4_e2m1 +2 +1 +2 +6 +4 +4\.25 +17$' "$formats"
expect_output "formats" '^int8 +0 +6 +0 +1\.984375 +8 +8\.25 +33$' "$formats"
expect_output "formats" '^bfloatN ' "$formats"
expect_output "formats" '^fpN ' "$formats"

# Layout: 1.0 is exact in every format, so it comes back unchanged.
out=$(printf '3f800000 0x3F800000\n3F800000' | "$mxaccel" quant --format fp8_e4m3)
if [ "$out" != $'3f800000\n3f800000\n3f800000' ]; then
    fail "elementwise layout: got '$out'"
fi
out=$(printf '3f800000 %.0s' {1..5} | "$mxaccel" quant --format int8 --mx --block-size 2)
if [ "$out" != $'3f800000 3f800000\n3f800000 3f800000\n3f800000' ]; then
    fail "MX layout: got '$out'"
fi
out=$(printf '' | "$mxaccel" quant --format int8)
rc=$?
if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
    fail "empty elementwise input: status $rc, output '$out'"
fi

finish
