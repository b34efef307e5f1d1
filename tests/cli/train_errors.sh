#!/usr/bin/env bash
# `mxaccel train` on bad command lines, bad files and unwritable outputs:
# each must exit with the documented status, print exactly one line on
# stderr naming the problem, nothing on stdout, and leave existing files
# as they were.
# usage: train_errors.sh <mxaccel> <weights.safetensors>
set -u
mxaccel=$1
weights=$2
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

data=/usr/share/datasets/fashion-mnist # MX_DEFAULT_DATA_DIR
if [ ! -f "$data/train-labels-idx1-ubyte.gz" ] && [ ! -f "$data/train-labels-idx1-ubyte" ]; then
    echo "FAIL: the Fashion-MNIST training set is missing in $data" >&2
    exit 1
fi

# expect_error <status> <keyword> <train args...>
expect_error() { expect_command_error train "$@"; }

# Bad command lines: status 2, before anything is loaded.
expect_error 2 'unknown option' --frobnicate
expect_error 2 'unexpected argument' images.idx
expect_error 2 'needs a value' --epochs
expect_error 2 'needs a value' --out --quiet
expect_error 2 'unknown format' --matmul int3
expect_error 2 'unknown format' --w-elem-format fp99
expect_error 2 'conflicts with --trace-nan' --trace-nan --trace-grad
expect_error 2 'conflicts with --trace-grad' --trace-grad --trace-nonfinite
expect_error 2 'unknown option' --trace-everything
expect_error 2 'elementwise-only' --a-elem-format fp8
expect_error 2 'not an elementwise format' --elem fp8_e4m3
expect_error 2 'cannot set both --bfloat and --fp' --bfloat 16 --fp 8
expect_error 2 'unknown profile' --profile gpu
expect_error 2 'unknown round' --round up
expect_error 2 '--epochs' --epochs 0
expect_error 2 '--epochs' --epochs -3
expect_error 2 '--epochs' --epochs two
expect_error 2 '--batch-size' --batch-size 0
expect_error 2 '--batch-size' --batch-size 65
expect_error 2 '--threads' --threads 0
expect_error 2 '--lr' --lr 0
expect_error 2 '--lr' --lr -1
expect_error 2 '--lr' --lr inf
expect_error 2 '--lr' --lr 1x
expect_error 2 '--gamma' --gamma 0
expect_error 2 '--seed' --seed -1
expect_error 2 '--seed' --seed 18446744073709551616
expect_error 2 '--limit' --limit many
expect_error 2 '--resume needs --checkpoint-dir' --resume
expect_error 2 'cuda-kernel' --profile cuda-kernel --fp 32

# --limit against the training set: the message names its size.
expect_error 2 '60000' --limit 0
expect_error 2 '60000' --limit 60001

# Bad starting weights: status 1, the loader's message names the file.
head -c 1000 "$weights" >"$tmp/truncated.safetensors"
expect_error 1 'truncated.safetensors' --limit 8 --weights "$tmp/truncated.safetensors"
expect_error 1 'missing.safetensors' --limit 8 --weights "$tmp/missing.safetensors"
expect_error 1 'nodir' --limit 8 --data "$tmp/nodir"

# Unwritable outputs: status 1 before any training; existing files untouched.
echo keep >"$tmp/keep.json"
cp "$weights" "$tmp/keep.safetensors"
expect_error 1 'cannot write' --limit 8 --epochs 1 --json "$tmp/nodir/report.json" \
    --out "$tmp/keep.safetensors"
expect_error 1 'cannot write' --limit 8 --epochs 1 --out "$tmp/nodir/w.safetensors" \
    --json "$tmp/keep.json"
expect_error 1 'cannot write' --limit 8 --epochs 1 --out "$tmp"
expect_error 1 'checkpoint' --limit 8 --epochs 1 --checkpoint-dir "$tmp/keep.json"
expect_error 1 '--checkpoint-dir: cannot create directory' --limit 8 --epochs 1 --checkpoint-dir "$tmp/nodir/ck"
[ "$(cat "$tmp/keep.json")" = keep ] || fail "a failed start changed an existing JSON file"
cmp -s "$weights" "$tmp/keep.safetensors" || fail "a failed start changed an existing --out file"

# Checkpoints: one real one (8 images, 1 epoch), then bad ones.
run=(--limit 8 --batch-size 4 --threads 1 --no-stats --quiet)
"$mxaccel" train "${run[@]}" --epochs 1 --checkpoint-dir "$tmp/ck" >"$tmp/out" 2>"$tmp/err" ||
    fail "checkpoint run failed: $(head -c 300 "$tmp/err")"
ckpt=$tmp/ck/checkpoint.mxtrain
[ -s "$ckpt" ] || fail "no checkpoint written"
ls "$tmp/ck" | grep -q '\.tmp\.' && fail "temporary checkpoint file left behind"
cp "$ckpt" "$tmp/ckpt.orig"
# A checkpoint without --resume is not overwritten.
expect_error 2 '--resume' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck"
# Another configuration: formats, seed, batch size (the trainer's fingerprint) and
# the CLI's own (lr, gamma, images, starting weights).
expect_error 1 'configuration' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume \
    --profile hw
expect_error 1 'configuration' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume \
    --matmul int8
expect_error 1 'configuration' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume \
    --seed 2
expect_error 1 '--lr' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume --lr 0.5
expect_error 1 '--gamma' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume --gamma 0.5
expect_error 1 'training images' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume \
    --limit 12
expect_error 1 'starting weights' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume \
    --weights "$weights"
# The same number of other training images: an 8-image set, one pixel changed.
mkdir "$tmp/data2"
ln -s "$data"/t10k-* "$tmp/data2/"
{
    printf '\x00\x00\x08\x03\x00\x00\x00\x08\x00\x00\x00\x1c\x00\x00\x00\x1c'
    printf '\x01'
    gzip -dc "$data/train-images-idx3-ubyte.gz" | tail -c +18 | head -c $((8 * 784 - 1))
} >"$tmp/data2/train-images-idx3-ubyte"
{
    printf '\x00\x00\x08\x01\x00\x00\x00\x08'
    gzip -dc "$data/train-labels-idx1-ubyte.gz" | tail -c +9 | head -c 8
} >"$tmp/data2/train-labels-idx1-ubyte"
expect_error 1 'other training images' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" \
    --resume --data "$tmp/data2"
# More epochs in the checkpoint than the run asks for.
"$mxaccel" train "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/ck" --resume >"$tmp/out" \
    2>"$tmp/err" || fail "resumed run failed: $(head -c 300 "$tmp/err")"
expect_error 2 'more than --epochs 1' "${run[@]}" --epochs 1 --checkpoint-dir "$tmp/ck" --resume
# Truncated, corrupt, foreign.
mkdir "$tmp/trunc" "$tmp/flip" "$tmp/foreign"
size=$(stat -c %s "$tmp/ckpt.orig")
head -c $((size - 100)) "$tmp/ckpt.orig" >"$tmp/trunc/checkpoint.mxtrain"
cp "$tmp/ckpt.orig" "$tmp/flip/checkpoint.mxtrain"
printf '\x55' | dd of="$tmp/flip/checkpoint.mxtrain" bs=1 seek=$((size / 2)) conv=notrunc \
    status=none
echo 'not a checkpoint' >"$tmp/foreign/checkpoint.mxtrain"
echo keep >"$tmp/keep.json"
for d in trunc flip; do
    expect_error 1 'truncated or corrupt' "${run[@]}" --epochs 2 --checkpoint-dir "$tmp/$d" \
        --resume --json "$tmp/keep.json" --out "$tmp/keep.safetensors"
done
expect_error 1 'not an mxaccel train checkpoint' "${run[@]}" --epochs 2 \
    --checkpoint-dir "$tmp/foreign" --resume
[ "$(cat "$tmp/keep.json")" = keep ] || fail "a refused checkpoint changed an existing JSON file"
cmp -s "$weights" "$tmp/keep.safetensors" || fail "a refused checkpoint changed --out"
cmp -s "$tmp/trunc/checkpoint.mxtrain" <(head -c $((size - 100)) "$tmp/ckpt.orig") ||
    fail "a refused checkpoint was changed"

finish
