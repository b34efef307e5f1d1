#!/usr/bin/env bash
# `--emit packed`: every block line has 1 + ceil(n * bits / 8) bytes (bits
# from the OCP element widths, written out here), and unpacking the bytes
# gives back exactly what `--emit values` prints for the same input.
# usage: packed.sh <mxaccel> <unpack_blocks>
set -u
mxaccel=$1
unpack=$2
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declare -A storage_bits=(
    [int8]=8 [int4]=4 [int2]=2 [fp8_e5m2]=8 [fp8_e4m3]=8 [fp6_e3m2]=6 [fp6_e2m3]=6
    [fp4_e2m1]=4 [fp16]=16 [bfloat16]=16
)

# Deterministic finite inputs over a wide magnitude range, with zeros.
gen_words() {
    awk -v n="$1" -v seed="$2" 'BEGIN {
        srand(seed)
        for (i = 0; i < n; i++) {
            if (rand() < 0.05) { printf "00000000\n"; continue }
            sign = rand() < 0.5 ? 0 : 8
            e = 100 + int(rand() * 56)
            hi = sign * 16 + int(e / 2)
            printf "%02x%01x%05x\n", hi, (e % 2) * 8 + int(rand() * 8), int(rand() * 1048576)
        }
    }'
}

# check <format> <block size> <number of words> <profile> <round>
check() {
    local fmt=$1 bs=$2 n=$3 profile=$4 round=$5
    local label="$fmt bs=$bs n=$n $profile $round"
    local args=(--mx --format "$fmt" --block-size "$bs" --profile "$profile" --round "$round")
    gen_words "$n" "$bs$n" >"$tmp/in"
    if ! "$mxaccel" quant "${args[@]}" --emit packed <"$tmp/in" >"$tmp/packed"; then
        fail "$label: --emit packed failed"
        return
    fi
    if ! "$mxaccel" quant "${args[@]}" <"$tmp/in" >"$tmp/values"; then
        fail "$label: --emit values failed"
        return
    fi
    local bits=${storage_bits[$fmt]}
    local left=$n line=0 m want got
    while read -r hex; do
        line=$((line + 1))
        m=$((left < bs ? left : bs))
        if [ "$n" -lt "$bs" ]; then
            m=$n
        fi
        want=$((2 * (1 + (m * bits + 7) / 8)))
        got=${#hex}
        if [ "$got" -ne "$want" ]; then
            fail "$label: block $line has $got hex digits, expected $want"
        fi
        left=$((left - m))
    done <"$tmp/packed"
    if [ "$left" -ne 0 ]; then
        fail "$label: packed blocks cover $((n - left)) of $n words"
    fi
    if ! "$unpack" "$fmt" "$bs" "$n" <"$tmp/packed" >"$tmp/unpacked"; then
        fail "$label: unpacking failed"
        return
    fi
    if [[ $fmt == int* ]]; then
        # Integer codes have no negative zero: -0.0 is stored as +0.
        sed -E -i 's/(^| )80000000/\100000000/g' "$tmp/values"
    fi
    if ! cmp -s "$tmp/values" "$tmp/unpacked"; then
        fail "$label: unpacked values differ from --emit values"
        diff "$tmp/values" "$tmp/unpacked" | head -n 4 >&2
        return
    fi
    echo "ok: $label"
}

check fp4_e2m1 32 32 torch-cpu nearest
check fp4_e2m1 32 33 hw even
check fp6_e3m2 32 7 cuda-kernel floor
check fp6_e2m3 16 40 hw nearest
check fp8_e4m3 32 100 torch-cpu even
check fp8_e5m2 8 17 cuda-kernel nearest
check int8 32 1 hw nearest
check int4 32 65 torch-cpu floor
check int2 3 10 hw even
check fp16 32 5 torch-cpu nearest
check bfloat16 32 64 cuda-kernel even
check int8 1024 1500 hw nearest

finish
