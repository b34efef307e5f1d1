#!/usr/bin/env bash
# `mxaccel infer` on a few test images: the report's layout, the JSON report,
# results independent of the thread count, equivalent spellings of one
# configuration, and the layer dump. Accuracy figures are checked elsewhere,
# against the reference files.
# usage: infer_run.sh <mxaccel> <weights.safetensors>
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

infer() {
    "$mxaccel" infer --weights "$weights" "$@"
}

expect_output() {
    local label=$1 pattern=$2 file=$3
    if ! grep -qE -- "$pattern" "$file"; then
        fail "$label: output lacks /$pattern/"
    fi
}

# The predictions array of a JSON report (cJSON writes it on one line).
predictions() {
    grep '"predictions"' "$1" | sed 's/.*\[//; s/\].*//; s/[ ,]\+/ /g'
}

# The number after a top-level key of a JSON report.
json_number() {
    grep -E "^\s\"$2\":" "$1" | head -n 1 | sed 's/.*:\s*//; s/,$//'
}

help=$("$mxaccel" --help) || fail "--help exit status"
grep -qE '^  infer ' <<<"$help" || fail "--help does not list infer"
"$mxaccel" infer --help >"$tmp/help" || fail "infer --help exit status"
expect_output "infer --help" 'exit status' "$tmp/help"
expect_output "infer --help" '--dump-layers' "$tmp/help"

# The same quantized run on 2 threads and on 1: identical predictions.
q=(--matmul fp8_e4m3 --fp 8 --limit 64)
infer "${q[@]}" --threads 2 --json "$tmp/t2.json" >"$tmp/t2.out" 2>"$tmp/t2.err" ||
    fail "--threads 2 run failed: $(head -c 300 "$tmp/t2.err")"
infer "${q[@]}" --threads 1 --json "$tmp/t1.json" >"$tmp/t1.out" 2>"$tmp/t1.err" ||
    fail "--threads 1 run failed: $(head -c 300 "$tmp/t1.err")"
[ -s "$tmp/t2.err" ] && fail "stderr not empty (no terminal): $(head -c 200 "$tmp/t2.err")"
p2=$(predictions "$tmp/t2.json")
p1=$(predictions "$tmp/t1.json")
[ "$p1" = "$p2" ] || fail "predictions differ between 1 and 2 threads"
[ "$(wc -w <<<"$p2")" -eq 64 ] || fail "expected 64 predictions, got $(wc -w <<<"$p2")"
for p in $p2; do
    case $p in
        -1 | [0-9]) ;;
        *) fail "prediction '$p' is not a class or -1"; break ;;
    esac
done
ls "$tmp" | grep -q '\.tmp\.' && fail "temporary JSON file left behind"

# The text report.
out=$tmp/t2.out
config='^config profile=torch-cpu w_elem_format=fp8_e4m3 a_elem_format=fp8_e4m3 elem=fp8'
config+=' round=nearest block_size=32 scale_bits=8$'
expect_output report "$config" "$out"
expect_output report '^accuracy [0-9]+\.[0-9]{2}% \([0-9]+/64\)$' "$out"
expect_output report '^loss [0-9]+\.[0-9]+ ' "$out"
expect_output report '^confusion matrix' "$out"
expect_output report '^quantization statistics$' "$out"
expect_output report '^conv1\.x_mx +50176 ' "$out"
expect_output report '^fc2\.w_mx +1280 ' "$out"
expect_output report '^throughput [0-9.]+ images/s, [0-9.]+ s wall, 2 threads$' "$out"
classes=("T-shirt/top" Trouser Pullover Dress Coat Sandal Shirt Sneaker Bag "Ankle boot")
total=0
for c in "${classes[@]}"; do
    row=$(grep -F -- "$c " "$out" | head -n 1)
    [ -n "$row" ] || { fail "confusion matrix lacks row '$c'"; continue; }
    counts=${row#"$c"}
    [ "$(wc -w <<<"$counts")" -eq 10 ] || fail "row '$c' has $(wc -w <<<"$counts") columns"
    for n in $counts; do total=$((total + n)); done
done
[ "$total" -eq 64 ] || fail "confusion matrix sums to $total, expected 64"

# The JSON report agrees with the text one.
json=$tmp/t2.json
correct=$(sed -nE 's/^accuracy .* \(([0-9]+)\/64\)$/\1/p' "$out")
[ "$(json_number "$json" correct)" = "$correct" ] || fail "JSON correct != report's $correct"
[ "$(json_number "$json" images)" = 64 ] || fail "JSON images != 64"
[ "$(json_number "$json" threads)" = 2 ] || fail "JSON threads != 2"
for key in accuracy loss nan_rows seconds images_per_second weights config quant_stats; do
    grep -qE "^\s\"$key\":" "$json" || fail "JSON lacks key $key"
done
for key in profile w_elem_format a_elem_format elem_format round block_size scale_bits \
    conv1.x_mx saturated overflowed flushed; do
    grep -qF "\"$key\":" "$json" || fail "JSON lacks key $key"
done

# Equivalent spellings of one configuration give the same predictions.
infer --w-elem-format fp8_e4m3 --a-elem-format fp8_e4m3 --elem fp8 --limit 64 --no-stats \
    --json "$tmp/alt.json" >"$tmp/alt.out" || fail "spelled-out configuration failed"
[ "$(predictions "$tmp/alt.json")" = "$p2" ] || fail "--matmul/--fp and their long forms differ"
grep -q 'quantization statistics' "$tmp/alt.out" && fail "--no-stats still prints statistics"
grep -qE '^\s"quant_stats":\s*null' "$tmp/alt.json" || fail "--no-stats: quant_stats not null"

# --quiet: the accuracy line only.
infer --limit 16 --quiet >"$tmp/quiet.out" || fail "--quiet run failed"
[ "$(wc -l <"$tmp/quiet.out")" -eq 1 ] || fail "--quiet printed $(wc -l <"$tmp/quiet.out") lines"
expect_output "--quiet" '^accuracy [0-9]+\.[0-9]{2}% \([0-9]+/16\)$' "$tmp/quiet.out"

# The layer dump: one line per layer with the right element counts.
infer --limit 4 --quiet --dump-layers 0 >"$tmp/dump.out" || fail "--dump-layers run failed"
[ "$(wc -l <"$tmp/dump.out")" -eq 11 ] || fail "--dump-layers: $(wc -l <"$tmp/dump.out") lines"
grep '^layer ' "$tmp/dump.out" >"$tmp/layers"
[ "$(wc -l <"$tmp/layers")" -eq 10 ] || fail "--dump-layers: $(wc -l <"$tmp/layers") layer lines"
awk '
BEGIN {
    split("conv1 relu1 conv2 relu2 pool fc1 relu3 fc2 softmax log", name, " ")
    split("32x26x26 32x26x26 64x24x24 64x24x24 64x12x12 128 128 10 10 10", shape, " ")
    split("21632 21632 36864 36864 9216 128 128 10 10 10", count, " ")
}
{
    l = NR
    if ($2 != "0" || $3 != name[l] || $4 != shape[l]) {
        printf "layer line %d: %s %s %s, expected 0 %s %s\n", l, $2, $3, $4, name[l], shape[l]
        bad++
    }
    if (NF - 4 != count[l]) {
        printf "layer %s: %d values, expected %d\n", name[l], NF - 4, count[l]
        bad++
    }
    for (i = 5; i <= NF; i++) {
        if (length($i) != 8 || $i ~ /[^0-9a-f]/) {
            printf "layer %s: bad word %s\n", name[l], $i
            bad++
            break
        }
    }
}
END { exit bad > 0 }' "$tmp/layers" || fail "--dump-layers lines malformed"

finish
