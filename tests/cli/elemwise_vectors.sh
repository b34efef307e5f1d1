#!/usr/bin/env bash
# Known answers for elementwise quantization from the reference vectors
# (tests/data/golden/elemwise.txt.gz): every line of each chosen group goes
# through `mxaccel quant` and must come back bit for bit (a torch-cpu NaN only
# has to be a NaN).
# usage: elemwise_vectors.sh <mxaccel> <elemwise.txt.gz> [--all]
set -u
mxaccel=$1
vectors=$2
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# profile format round saturate denorm: both profiles, all three roundings,
# saturation, flushed subnormals and MX element formats on their own.
groups=(
    "torch-cpu bfloat16 nearest 0 1"
    "cuda-kernel fp8 floor 0 1"
    "torch-cpu fp12 even 1 1"
    "cuda-kernel fp16 nearest 0 0"
    "torch-cpu fp7 floor 0 0"
    "torch-cpu mx:fp8_e4m3 even 1 1"
    "cuda-kernel mx:int4 floor 1 1"
    "torch-cpu mx:fp6_e2m3 nearest 1 1"
)

zcat "$vectors" | grep -v '^#' >"$tmp/all"
if [ "${3:-}" = "--all" ]; then
    mapfile -t groups < <(awk '{ print $1, $2, $3, $4, $5 }' "$tmp/all" | sort -u)
fi

for group in "${groups[@]}"; do
    read -r profile format round saturate denorm <<<"$group"
    awk -v g="$group" '$1 " " $2 " " $3 " " $4 " " $5 == g' "$tmp/all" >"$tmp/lines"
    if [ ! -s "$tmp/lines" ]; then
        fail "$group: no reference lines"
        continue
    fi
    args=(--profile "$profile" --format "${format#mx:}" --round "$round")
    if [ "$saturate" = 1 ]; then
        args+=(--saturate)
    fi
    if [ "$denorm" = 0 ]; then
        args+=(--no-denorm)
    fi
    awk '{ print $6 }' "$tmp/lines" >"$tmp/in"
    awk '{ print $7 }' "$tmp/lines" >"$tmp/expected"
    if ! "$mxaccel" quant "${args[@]}" <"$tmp/in" >"$tmp/actual"; then
        fail "$group: mxaccel quant ${args[*]} failed"
        continue
    fi
    if ! compare_words "$tmp/expected" "$tmp/actual" "$profile" "$group"; then
        fail "$group: outputs differ from the reference"
    else
        echo "ok: $group ($(wc -l <"$tmp/in") values)"
    fi
done

finish
