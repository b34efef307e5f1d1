#!/usr/bin/env bash
# The repository's default weights against their training report
# (weights/README.md): `mxaccel infer` without --weights uses them and
# reaches the report's final accuracy in the configuration they were
# trained in. With --retrain (CTest label "long", about 10 minutes on two
# cores) `mxaccel train` with the recorded command makes them again, byte
# for byte, and its last epoch matches the report.
# usage: default_weights.sh <mxaccel> <weights.safetensors> <train.json> [--retrain]
set -u
mxaccel=$1
weights=$2
report=$3
retrain=${4:-}
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The value of "key" in the last epoch object of a training report.
last_epoch_value() {
    awk -v key="\"$1\":" '$1 == key && /^\t\t\t/ { v = $2; sub(/,$/, "", v) } END { print v }' \
        "$report"
}
want=$(printf '%.2f' "$(last_epoch_value accuracy)")
[ -n "$want" ] || { echo "FAIL: no accuracy in $report" >&2; exit 1; }

"$mxaccel" infer --matmul fp8_e4m3 --fp 8 --profile cuda-kernel --no-stats >"$tmp/infer.out" \
    2>"$tmp/infer.err" || fail "infer with the default weights failed: $(head -c 300 "$tmp/infer.err")"
grep -qF "accuracy $want% " "$tmp/infer.out" ||
    fail "default weights: $(grep '^accuracy' "$tmp/infer.out"), the report says $want%"

if [ "$retrain" = --retrain ]; then
    "$mxaccel" train --epochs 10 --quiet --no-stats --out "$tmp/w.safetensors" >"$tmp/train.out" \
        2>"$tmp/train.err" || fail "retraining failed: $(head -c 300 "$tmp/train.err")"
    cmp -s "$tmp/w.safetensors" "$weights" || fail "retrained weights differ from $weights"
    grep -qF "epoch 10/10 lr=0.0403536 loss=" "$tmp/train.out" && grep -qF "accuracy=$want% " \
        "$tmp/train.out" || fail "retraining's last epoch: $(tail -1 "$tmp/train.out")"
fi
finish
