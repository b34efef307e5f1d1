#!/usr/bin/env bash
# `mxaccel sweep` on bad command lines, foreign, corrupt or truncated cell
# files and unwritable outputs: the documented exit status, one line on
# stderr naming the problem, and existing files left as they were.
# usage: sweep_errors.sh <mxaccel>
set -u
mxaccel=$1
here=$(dirname "$0")
source "$here/common.sh"
source "$here/small_data.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make_small_data "$tmp/data" 128 100 || exit 1

# expect_error <status> <keyword> <sweep args...>: nothing on stdout.
expect_error() { expect_command_error sweep "$@"; }

# expect_failure <status> <keyword> <sweep args...>: the sweep may have
# printed progress on stdout before the error line.
expect_failure() {
    local status=$1 keyword=$2
    shift 2
    "$mxaccel" sweep "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    local rc=$?
    check_one_line_error "sweep $*" "$rc" "$status" "$keyword" /dev/null "$tmp/err"
}

# Bad command lines: status 2, before any directory is made.
cd "$tmp" || exit 1
expect_error 2 'unknown option' --frobnicate
expect_error 2 'unexpected argument' grid
expect_error 2 'needs a value' --matmul
expect_error 2 'needs a value' --jobs --epochs 2
expect_error 2 'unknown format' --matmul int8,int3
expect_error 2 'unknown format' --elem fp8,fp99
expect_error 2 'not an elementwise format' --elem fp8_e4m3
expect_error 2 'elementwise-only' --matmul fp8
expect_error 2 'lists' --matmul int8,int8
expect_error 2 'empty name' --elem fp8,
expect_error 2 '--epochs' --epochs 0
expect_error 2 '--jobs' --jobs 0
expect_error 2 '--threads' --threads 0
expect_error 2 '--table-epochs' --epochs 3 --table-epochs 2,4
expect_error 2 '--table-epochs' --table-epochs 0
expect_error 2 '--lr' --lr -1
expect_error 2 'unknown profile' --profile gpu
expect_error 2 'cuda-kernel' --profile cuda-kernel --elem fp32
expect_error 2 'not a sweep option' --json x.json
expect_error 2 'not a sweep option' --out=w.safetensors
expect_error 2 'not a sweep option' --resume
expect_error 2 'not a sweep option' --fp 8
[ -e "$tmp/sweep" ] && fail "a bad command line created ./sweep"

small=(--matmul int8 --elem fp8,bfloat16 --data "$tmp/data" --epochs 1 --no-stats --threads 1)

# Unusable directories and outputs: status 1, nothing trained.
touch "$tmp/file"
expect_error 1 'not a directory' "${small[@]}" --dir "$tmp/file"
expect_error 1 'cannot create' "${small[@]}" --dir "$tmp/missing/sweep"
expect_error 1 'table.md' "${small[@]}" --dir "$tmp/u" --table "$tmp/missing/table.md"
expect_error 1 'results.csv' "${small[@]}" --dir "$tmp/u" --csv "$tmp/missing/results.csv"
[ -e "$tmp/u/int8__fp8" ] && fail "an unwritable output still started a cell"

# A finished sweep, then the same directory asked for something else.
"$mxaccel" sweep "${small[@]}" --dir "$tmp/s" >/dev/null 2>"$tmp/err" ||
    fail "small sweep failed: $(head -c 300 "$tmp/err")"
snapshot() { (cd "$tmp/s" && find . -type f ! -name '*.lock' ! -name lock -exec md5sum {} + | sort); }
before=$(snapshot)
expect_error 1 'another seed' "${small[@]}" --dir "$tmp/s" --seed 2
expect_error 1 'another lr' "${small[@]}" --dir "$tmp/s" --lr 0.5
expect_error 1 'another --limit' "${small[@]}" --dir "$tmp/s" --limit 64
expect_error 1 'another format configuration' "${small[@]}" --dir "$tmp/s" --profile torch-cpu
expect_error 1 'another format configuration' "${small[@]}" --dir "$tmp/s" --block-size 16
[ "$(snapshot)" = "$before" ] || fail "a refused sweep changed the directory"

# A finished stopped cell (--trace-nonfinite) asked to stop at the first NaN instead.
trace=(--matmul fp8_e4m3 --elem fp7 --profile torch-cpu --lr 100 --data "$tmp/data" --epochs 1
    --no-stats --threads 1 --dir "$tmp/n")
"$mxaccel" sweep "${trace[@]}" --trace-nonfinite >/dev/null 2>"$tmp/err" ||
    fail "trace sweep failed: $(head -c 300 "$tmp/err")"
expect_error 1 'another --trace-nonfinite / --trace-nan / --trace-grad' "${trace[@]}" --trace-nan
expect_error 1 'another --trace-nonfinite / --trace-nan / --trace-grad' "${trace[@]}"

# --limit beyond the cells' training set: the cell fails, the sweep says which.
expect_failure 1 'int8 x fp8 failed (exit 2)' "${small[@]}" --dir "$tmp/l" --limit 1000
grep -q -- '--limit must be in 1..128' "$tmp/err" || fail "cell failure lacks train's message"

# A corrupt cell report.
cp -r "$tmp/s" "$tmp/c"
head -c 100 "$tmp/s/int8__bfloat16/train.json" >"$tmp/c/int8__bfloat16/train.json"
expect_error 1 'corrupt JSON' "${small[@]}" --dir "$tmp/c"

# A truncated checkpoint of a cell asked for one more epoch.
cp -r "$tmp/s" "$tmp/t"
ckpt=$tmp/t/int8__fp8/checkpoint.mxtrain
head -c 1000 "$tmp/s/int8__fp8/checkpoint.mxtrain" >"$ckpt"
sum=$(md5sum <"$ckpt")
expect_failure 1 'int8 x fp8 failed (exit 1)' "${small[@]}" --dir "$tmp/t" \
    --epochs 2
[ "$(md5sum <"$ckpt")" = "$sum" ] || fail "the failed cell rewrote the truncated checkpoint"
grep -q 'checkpoint' "$tmp/t/int8__fp8/train.log" || fail "the cell's log does not name the checkpoint"

finish
