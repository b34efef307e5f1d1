#!/usr/bin/env bash
# `mxaccel infer` on bad command lines and bad input files: each must exit
# with the documented status, print exactly one line on stderr naming the
# problem, and nothing on stdout.
# usage: infer_errors.sh <mxaccel> <weights.safetensors>
set -u
mxaccel=$1
weights=$2
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$weights" ]; then
    echo "FAIL: weights file $weights is missing" >&2
    exit 1
fi

# expect_error <status> <keyword> <infer args...>
expect_error() { expect_command_error infer "$@"; }

w=(--weights "$weights")
data=/usr/share/datasets/fashion-mnist # MX_DEFAULT_DATA_DIR

# Bad command lines: status 2, before anything is loaded.
expect_error 2 'unknown option' --frobnicate
expect_error 2 'unexpected argument' images.idx
expect_error 2 'needs a value' --weights
expect_error 2 'needs a value' --json --quiet
expect_error 2 'unknown format' --w-elem-format fp99
expect_error 2 'unknown format' --a-elem-format float8
expect_error 2 'unknown format' --matmul int3
expect_error 2 'elementwise-only' --matmul fp12
expect_error 2 'elementwise-only' --w-elem-format bfloat20
expect_error 2 'elementwise-only' --a-elem-format fp8
expect_error 2 '--matmul' --matmul int8 --w-elem-format int8
expect_error 2 '--matmul' --a-elem-format none --matmul fp8_e4m3
expect_error 2 'cannot set both --bfloat and --fp' --bfloat 16 --fp 8
expect_error 2 '--bfloat' --bfloat 9
expect_error 2 '--bfloat' --bfloat 33
expect_error 2 '--bfloat' --bfloat 16.0
expect_error 2 '--fp' --fp 6
expect_error 2 '--fp' --fp 33
expect_error 2 '--fp' --fp x
expect_error 2 'not an elementwise format' --elem fp8_e4m3
expect_error 2 'not an elementwise format' --elem int8
expect_error 2 'unknown format' --elem fp99
expect_error 2 'cannot combine --elem' --elem fp8 --fp 8
expect_error 2 'block-size' --block-size 0
expect_error 2 'block-size' --block-size 1025
expect_error 2 'block-size' --block-size 3x
expect_error 2 'scale-bits' --scale-bits 0
expect_error 2 'scale-bits' --scale-bits 9
expect_error 2 'unknown round' --round up
expect_error 2 'unknown profile' --profile gpu
expect_error 2 'threads' --threads 0
expect_error 2 'threads' --threads 257
expect_error 2 'threads' --threads two
expect_error 2 'limit' --limit many
expect_error 2 'dump-layers' --dump-layers -1
expect_error 2 'dump-layers' --dump-layers first
# Rejected by mx_cnn_config_check: fp32 needs more mantissa bits than the
# CUDA kernels handle.
expect_error 2 'cuda-kernel' "${w[@]}" --profile cuda-kernel --fp 32

# Limits against the test set: the message names its size.
expect_error 2 '10000' "${w[@]}" --limit 0
expect_error 2 '10000' "${w[@]}" --limit 10001
expect_error 2 'dump-layers' "${w[@]}" --dump-layers 10000
expect_error 2 'dump-layers' "${w[@]}" --limit 64 --dump-layers 64

# Bad weights files: status 1, the loader's message names the file.
head -c 1000 "$weights" >"$tmp/truncated.safetensors"
printf '\x10\x00\x00\x00\x00\x00\x00\x00not json at all!' >"$tmp/notjson.safetensors"
printf '\x02\x00\x00\x00\x00\x00\x00\x00{}' >"$tmp/empty.safetensors"
: >"$tmp/zero.safetensors"
expect_error 1 'truncated.safetensors' --weights "$tmp/truncated.safetensors" --limit 8
expect_error 1 'JSON' --weights "$tmp/notjson.safetensors" --limit 8
expect_error 1 'conv1.weight' --weights "$tmp/empty.safetensors" --limit 8
expect_error 1 'zero.safetensors' --weights "$tmp/zero.safetensors" --limit 8
expect_error 1 'missing.safetensors' --weights "$tmp/missing.safetensors" --limit 8

# Bad data directories: status 1.
mkdir "$tmp/bad"
# IDX header of 10000 28x28 images, with the magic number of a 4-d array.
printf '\x00\x00\x08\x04\x00\x00\x27\x10\x00\x00\x00\x1c\x00\x00\x00\x1c' \
    >"$tmp/bad/t10k-images-idx3-ubyte"
cp "$data/t10k-labels-idx1-ubyte.gz" "$tmp/bad/" 2>/dev/null ||
    fail "cannot copy the Fashion-MNIST test labels (is dataset-fashion-mnist installed?)"
expect_error 1 'magic' "${w[@]}" --data "$tmp/bad" --limit 8
expect_error 1 'nodir' "${w[@]}" --data "$tmp/nodir" --limit 8

# A report that cannot be written: status 1, and no report on stdout either.
expect_error 1 'cannot write' "${w[@]}" --limit 8 --threads 1 --json "$tmp/nodir/report.json"

finish
