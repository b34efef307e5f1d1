#!/usr/bin/env bash
# Bad input and bad command lines: each must exit with the documented status,
# print exactly one line on stderr naming the problem, and nothing on stdout.
# usage: errors.sh <mxaccel>
set -u
mxaccel=$1
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect_error <status> <keyword> <stdin text> <quant args...>
expect_error() {
    local status=$1 keyword=$2 input=$3
    shift 3
    printf '%b' "$input" | "$mxaccel" quant "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    local what="quant $* <<< '$input'"
    check_one_line_error "$what" "$rc" "$status" "$keyword" "$tmp/out" "$tmp/err"
    if ! grep -q '^mxaccel quant: ' "$tmp/err"; then
        fail "$what: stderr lacks the 'mxaccel quant: ' prefix"
    fi
}

one='3f800000\n'

# Bad input data: status 1, the word's position and text in the message.
expect_error 1 'non-hex' '3f800000 3f80zz00\n' --format fp12
expect_error 1 'word 2 ("3f80zz00")' '3f800000 3f80zz00\n' --format fp12
expect_error 1 'non-hex' '3f800000\n3f80000g' --format int8 --mx
expect_error 1 'odd number of hex digits' '3f80000\n' --format fp12
expect_error 1 'odd number of hex digits' '0x3f80000\n' --format fp12
expect_error 1 'expected 8 hex digits' '3f8000\n' --format fp12
expect_error 1 'expected 8 hex digits' '3f8000000000\n' --format fp12
expect_error 1 'expected 8 hex digits' '0x\n' --format fp12
expect_error 1 '"0123456789abcdefxxxx..."' '0123456789abcdefxxxxyyyy\n' --format fp12
expect_error 1 'empty input' '' --format int8 --mx
expect_error 1 'empty input' ' \n\t \n' --format int8 --mx

# Bad command lines: status 2.
expect_error 2 'unknown format' "$one" --format fp99
expect_error 2 'unknown format' "$one" --format float8
expect_error 2 'unknown profile' "$one" --format fp12 --profile gpu
expect_error 2 'unknown round' "$one" --format fp12 --round up
expect_error 2 'block-size' "$one" --format int8 --mx --block-size 0
expect_error 2 'block-size' "$one" --format int8 --mx --block-size 1025
expect_error 2 'block-size' "$one" --format int8 --mx --block-size 3x
expect_error 2 'block-size' "$one" --format int8 --mx --block-size ''
expect_error 2 'scale-bits' "$one" --format int8 --mx --scale-bits 0
expect_error 2 'scale-bits' "$one" --format int8 --mx --scale-bits 9
expect_error 2 'scale-bits' "$one" --format int8 --mx --scale-bits 8.0
expect_error 2 'elementwise-only' "$one" --format fp12 --mx
expect_error 2 'elementwise-only' "$one" --format bfloat20 --mx
expect_error 2 'only for elementwise' "$one" --format int8 --mx --saturate
expect_error 2 'only for elementwise' "$one" --format int8 --mx --no-denorm
expect_error 2 'missing --format' "$one"
expect_error 2 'missing --format' "$one" --profile hw
expect_error 2 'unknown option' "$one" --format fp12 --frobnicate
expect_error 2 'needs a value' "$one" --format
expect_error 2 'needs a value' "$one" --format int8 --mx --block-size
expect_error 2 'needs a value' "$one" --format --mx
expect_error 2 'only applies with --mx' "$one" --format int8 --emit packed
expect_error 2 'only applies with --mx' "$one" --format int8 --block-size 16
expect_error 2 'unknown --emit' "$one" --format int8 --mx --emit bits
expect_error 2 'unexpected argument' "$one" --format int8 input.txt

# The top level: an unknown subcommand is a usage error too.
"$mxaccel" frobnicate >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 2 ] || [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
    fail "unknown subcommand: status $rc, stderr: $(cat "$tmp/err")"
fi

finish
