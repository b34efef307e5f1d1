#!/usr/bin/env bash
# Known answers for MX block quantization from the reference vectors
# (tests/data/golden/mx.txt.gz, one block of n values per line, block size 32).
# Per group, the full blocks go through one `mxaccel quant --mx` run with the
# first short block appended, which then is a zero-padded last block; every
# short block also goes through a run of its own, where it is the whole input.
# A torch-cpu NaN only has to be a NaN.
# usage: mx_vectors.sh <mxaccel> <mx.txt.gz>
set -u
mxaccel=$1
vectors=$2
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

zcat "$vectors" | grep -v '^#' >"$tmp/all"

# Split each line "P F R S n in[n] out[n]" into its group and its words.
awk '{
    n = $5
    ins = $6; for (i = 7; i < 6 + n; i++) { ins = ins " " $i }
    outs = $(6 + n); for (i = 7 + n; i < 6 + 2 * n; i++) { outs = outs " " $i }
    print $1, $2, $3, $4, n, ins "|" outs
}' "$tmp/all" >"$tmp/split"

mapfile -t groups < <(awk '{ print $1, $2, $3, $4 }' "$tmp/split" | sort -u)
for group in "${groups[@]}"; do
    read -r profile format round scale_bits <<<"$group"
    args=(--mx --block-size 32 --profile "$profile" --format "$format" --round "$round"
          --scale-bits "$scale_bits")
    awk -v g="$group" '$1 " " $2 " " $3 " " $4 == g' "$tmp/split" >"$tmp/group"
    # Full blocks first, then one short block as the padded last block.
    { awk '$5 == 32' "$tmp/group"; awk '$5 < 32' "$tmp/group" | head -n 1; } >"$tmp/seq"
    cut -d ' ' -f 6- "$tmp/seq" | cut -d '|' -f 1 >"$tmp/in"
    cut -d '|' -f 2 "$tmp/seq" >"$tmp/expected"
    if ! "$mxaccel" quant "${args[@]}" <"$tmp/in" >"$tmp/actual"; then
        fail "$group: mxaccel quant ${args[*]} failed"
        continue
    fi
    if ! compare_words "$tmp/expected" "$tmp/actual" "$profile" "$group (sequence)"; then
        fail "$group: block sequence differs from the reference"
    fi
    before=$failures
    # Each short block alone.
    nshort=0
    while IFS='|' read -r head expected; do
        nshort=$((nshort + 1))
        read -r _ _ _ _ n input <<<"$head"
        actual=$("$mxaccel" quant "${args[@]}" <<<"$input")
        if [ "$actual" != "$expected" ]; then
            echo "$expected" >"$tmp/expected1"
            echo "$actual" >"$tmp/actual1"
            if ! compare_words "$tmp/expected1" "$tmp/actual1" "$profile" "$group n=$n"; then
                fail "$group: short block $nshort differs from the reference"
            fi
        fi
    done < <(awk '$5 < 32' "$tmp/group")
    if [ "$failures" -eq "$before" ]; then
        echo "ok: $group ($(wc -l <"$tmp/group") blocks)"
    fi
done

finish
