#!/usr/bin/env bash
# `mxaccel train` on the first 256 training images, 2 epochs: the report's
# layout, the JSON report, the same bits for the same seed on 1 and 2
# threads, a run interrupted after epoch 1 and resumed that ends with the
# bits of an uninterrupted one, final weights that `mxaccel infer` reads
# back with the accuracy the run reported, and --trace-nonfinite on a
# configuration that goes non-finite.
# usage: train_run.sh <mxaccel>
set -u
mxaccel=$1
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

data=/usr/share/datasets/fashion-mnist # MX_DEFAULT_DATA_DIR
if [ ! -f "$data/train-labels-idx1-ubyte.gz" ] && [ ! -f "$data/train-labels-idx1-ubyte" ]; then
    echo "FAIL: the Fashion-MNIST training set is missing in $data" >&2
    exit 1
fi

expect_output() {
    local label=$1 pattern=$2 file=$3
    if ! grep -qE -- "$pattern" "$file"; then
        fail "$label: output lacks /$pattern/"
    fi
}

# The value of "key" in the n-th (1-based) epoch object of a JSON report.
epoch_value() {
    awk -v key="\"$2\":" -v want="$3" '
        /^\t\t\t"epoch":/ { n++ }
        n == want && $1 == key { v = $2; sub(/,$/, "", v); print v; exit }' "$1"
}

help=$("$mxaccel" --help) || fail "--help exit status"
grep -qE '^  train ' <<<"$help" || fail "--help does not list train"
"$mxaccel" train --help >"$tmp/help" || fail "train --help exit status"
for opt in --epochs --seed --lr --gamma --batch-size --threads --limit --json --out \
    --checkpoint-dir --resume --trace-nonfinite 'exit status'; do
    expect_output "train --help" "$opt" "$tmp/help"
done

# The seed's configuration (the default) on 256 images, 2 epochs, 2 threads.
run=(--limit 256 --epochs 2)
"$mxaccel" train "${run[@]}" --threads 2 --json "$tmp/a.json" --out "$tmp/a.safetensors" \
    >"$tmp/a.out" 2>"$tmp/a.err" || fail "2-epoch run failed: $(head -c 300 "$tmp/a.err")"
[ -s "$tmp/a.err" ] && fail "stderr not empty: $(head -c 200 "$tmp/a.err")"
ls "$tmp" | grep -q '\.tmp\.' && fail "temporary file left behind"

# The text report.
out=$tmp/a.out
config='^config profile=cuda-kernel w_elem_format=fp8_e4m3 a_elem_format=fp8_e4m3 elem=fp8'
config+=' round=nearest block_size=32 scale_bits=8$'
expect_output report "$config" "$out"
expect_output report '^train images=256 epochs=2 seed=1 lr=1 gamma=0.7 batch_size=64 threads=2$' \
    "$out"
num='[0-9]+\.[0-9]+'
for e in 1 2; do
    expect_output report "^epoch $e/2 lr=[0-9.]+ loss=$num accuracy=$num% \([0-9]+/10000\) \
test_loss=$num nonfinite_loss_batches=[0-9]+ nonfinite_grad_batches=[0-9]+ seconds=$num \
eval_seconds=$num$" "$out"
done
expect_output report '^epoch 2/2 lr=0.7 ' "$out"
expect_output report "^final weights written to $tmp/a.safetensors$" "$out"
[ "$(wc -l <"$out")" -eq 5 ] || fail "report has $(wc -l <"$out") lines, expected 5"

# The JSON report: per epoch the documented keys, values agreeing with the text.
json=$tmp/a.json
for key in config train epochs nonfinite out; do
    grep -qE "^\s\"$key\":" "$json" || fail "JSON lacks top-level key $key"
done
grep -qE '^\s"nonfinite":\s*null' "$json" || fail "JSON nonfinite is not null"
grep -qF "\"out\":	\"$tmp/a.safetensors\"" "$json" || fail "JSON out is not the --out file"
[ "$(grep -cP '^\t\t\t"epoch":' "$json")" -eq 2 ] || fail "JSON epochs array does not hold 2"
for e in 1 2; do
    [ "$(epoch_value "$json" epoch $e)" = $e ] || fail "JSON epoch $e: epoch field"
    for key in lr accuracy loss test_loss correct test_images batches nonfinite_loss_batches \
        nonfinite_grad_batches nonfinite_weights seconds eval_seconds; do
        v=$(epoch_value "$json" $key $e)
        [[ $v =~ ^[0-9.e+-]+$ ]] || fail "JSON epoch $e: $key is '$v'"
    done
    [ "$(epoch_value "$json" test_images $e)" = 10000 ] || fail "JSON epoch $e: test_images"
    [ "$(epoch_value "$json" batches $e)" = 4 ] || fail "JSON epoch $e: batches != 4"
    line=$(grep "^epoch $e/2 " "$out")
    correct=$(sed -nE 's/.*\(([0-9]+)\/10000\).*/\1/p' <<<"$line")
    [ "$(epoch_value "$json" correct $e)" = "$correct" ] || fail "JSON epoch $e: correct"
    acc=$(epoch_value "$json" accuracy $e)
    [ "$(awk -v a="$acc" 'BEGIN { printf "%.2f", a }')" = \
        "$(sed -nE 's/.*accuracy=([0-9.]+)%.*/\1/p' <<<"$line")" ] ||
        fail "JSON epoch $e: accuracy $acc differs from the report"
done
[ "$(epoch_value "$json" lr 2)" = 0.7 ] || fail "JSON epoch 2: lr != 0.7"
# The quantization counters of infer, per epoch: conv1's input through its MX
# point once per training image (256 x 784).
grep -qF '"conv1.x_mx":' "$json" || fail "JSON lacks the quantization counters"
[ "$(grep -A1 '"conv1.x_mx":' "$json" | grep -c '"values":	200704')" -eq 2 ] ||
    fail "JSON conv1.x_mx values != 200704 in both epochs"

# The final weights: infer reads them back and finds the last epoch's accuracy.
"$mxaccel" infer --weights "$tmp/a.safetensors" --profile cuda-kernel --matmul fp8_e4m3 --fp 8 \
    --no-stats --quiet >"$tmp/infer.out" 2>&1 || fail "infer on the --out weights failed"
[ "$(sed -nE 's/.*\(([0-9]+)\/10000\)$/\1/p' "$tmp/infer.out")" = \
    "$(epoch_value "$json" correct 2)" ] || fail "infer's accuracy on --out differs from epoch 2's"

# Same seed, 1 thread, no statistics: the same bits.
"$mxaccel" train "${run[@]}" --threads 1 --no-stats --quiet --out "$tmp/b.safetensors" \
    >"$tmp/b.out" 2>&1 || fail "1-thread run failed: $(head -c 300 "$tmp/b.out")"
cmp -s "$tmp/a.safetensors" "$tmp/b.safetensors" || fail "same seed, different --out bits"
[ "$(wc -l <"$tmp/b.out")" -eq 2 ] || fail "--quiet printed $(wc -l <"$tmp/b.out") lines"
# Another seed: other bits.
"$mxaccel" train --limit 64 --epochs 1 --seed 2 --no-stats --quiet --out "$tmp/s2.safetensors" \
    >/dev/null 2>&1 || fail "seed 2 run failed"
"$mxaccel" train --limit 64 --epochs 1 --seed 1 --no-stats --quiet --out "$tmp/s1.safetensors" \
    >/dev/null 2>&1 || fail "seed 1 run failed"
cmp -s "$tmp/s1.safetensors" "$tmp/s2.safetensors" && fail "seeds 1 and 2 give the same bits"

# Killed between the epochs: --epochs 1 with checkpoints, then --resume --epochs 2.
"$mxaccel" train --limit 256 --epochs 1 --threads 1 --checkpoint-dir "$tmp/ck1" \
    --json "$tmp/c1.json" >"$tmp/c1.out" 2>"$tmp/c1.err" ||
    fail "epoch-1 run failed: $(head -c 300 "$tmp/c1.err")"
[ -s "$tmp/ck1/checkpoint.mxtrain" ] || fail "no checkpoint after epoch 1"
"$mxaccel" train "${run[@]}" --threads 2 --checkpoint-dir "$tmp/ck1" --resume \
    --json "$tmp/c2.json" --out "$tmp/c.safetensors" >"$tmp/c2.out" 2>"$tmp/c2.err" ||
    fail "resumed run failed: $(head -c 300 "$tmp/c2.err")"
expect_output resume "^resuming from $tmp/ck1/checkpoint.mxtrain after epoch 1$" "$tmp/c2.out"
cmp -s "$tmp/a.safetensors" "$tmp/c.safetensors" ||
    fail "interrupted + resumed run ends with other bits than an uninterrupted one"
# The resumed run's JSON holds both epochs, with the uninterrupted run's results.
[ "$(grep -cP '^\t\t\t"epoch":' "$tmp/c2.json")" -eq 2 ] || fail "resumed JSON lacks epochs"
for e in 1 2; do
    for key in lr loss accuracy test_loss correct nonfinite_loss_batches nonfinite_grad_batches; do
        [ "$(epoch_value "$tmp/c2.json" $key $e)" = "$(epoch_value "$json" $key $e)" ] ||
            fail "resumed JSON epoch $e: $key differs from the uninterrupted run's"
    done
done
grep -qE '"resumed_from_epoch":\s*1,' "$tmp/c2.json" || fail "resumed JSON: resumed_from_epoch"
# --resume without a checkpoint starts afresh and says so.
"$mxaccel" train --limit 64 --epochs 1 --no-stats --checkpoint-dir "$tmp/fresh" --resume \
    >"$tmp/fresh.out" 2>&1 || fail "--resume with an empty directory failed"
expect_output "resume, no checkpoint" '^no checkpoint in .*: starting at epoch 1$' "$tmp/fresh.out"
# A finished checkpoint resumed with the same --epochs: nothing to train, same weights.
"$mxaccel" train "${run[@]}" --checkpoint-dir "$tmp/ck1" --resume --out "$tmp/d.safetensors" \
    --quiet >/dev/null 2>&1 || fail "resuming a finished run failed"
cmp -s "$tmp/a.safetensors" "$tmp/d.safetensors" || fail "resuming a finished run: other bits"

# --trace-nonfinite: torch-cpu with fp7 elementwise and lr 100 sends a
# log-probability to -Inf in the second batch (log(0)).
"$mxaccel" train --limit 256 --epochs 2 --profile torch-cpu --fp 7 --lr 100 --trace-nonfinite \
    --json "$tmp/nf.json" --out "$tmp/nf.safetensors" --checkpoint-dir "$tmp/nfck" \
    >"$tmp/nf.out" 2>"$tmp/nf.err"
rc=$?
[ "$rc" -eq 1 ] || fail "--trace-nonfinite: exit status $rc, expected 1"
[ "$(wc -l <"$tmp/nf.err")" -eq 1 ] || fail "--trace-nonfinite: stderr not one line"
stopped='^mxaccel train: stopped at the first non-finite value: epoch 1, batch 1'
expect_output "trace stderr" "$stopped" "$tmp/nf.err"
trace='^nonfinite epoch=1 batch=1 image=-1 op=log.fwd tensor=logprobs index=0'
trace+=' inputs=00000000 output=ff800000$'
expect_output "trace" "$trace" "$tmp/nf.out"
grep -q '^epoch ' "$tmp/nf.out" && fail "--trace-nonfinite: an epoch line for the stopped epoch"
[ -e "$tmp/nf.safetensors" ] && fail "--trace-nonfinite: --out written for a stopped run"
[ -e "$tmp/nfck/checkpoint.mxtrain" ] && fail "--trace-nonfinite: checkpoint of a stopped epoch"
grep -qE '^\s+"op":\s*"log.fwd"' "$tmp/nf.json" || fail "--trace-nonfinite: JSON nonfinite.op"
grep -qE '^\s+"output_bits":\s*"ff800000"' "$tmp/nf.json" ||
    fail "--trace-nonfinite: JSON nonfinite.output_bits"
# --trace-nan passes that -Inf and stops where the first NaN appears: the
# backward of log, 0 (the gradient of a class other than the label) over 0
# (the probability that underflowed), on x86 the default NaN.
"$mxaccel" train --limit 256 --epochs 1 --profile torch-cpu --fp 7 --lr 100 --trace-nan \
    --no-stats --json "$tmp/nan.json" >"$tmp/nan.out" 2>"$tmp/nan.err"
rc=$?
[ "$rc" -eq 1 ] || fail "--trace-nan: exit status $rc, expected 1"
expect_output "--trace-nan stderr" '^mxaccel train: stopped at the first NaN: epoch 1, batch 1' \
    "$tmp/nan.err"
expect_output "--trace-nan" '^nonfinite epoch=1 batch=1 image=-1 op=log.bwd tensor=grad.p index=[0-9]+ inputs=00000000,00000000 output=ffc00000$' \
    "$tmp/nan.out"
grep -qE '^\s+"trace":\s*"nan"' "$tmp/nan.json" || fail "--trace-nan: JSON train.trace"
# --trace-grad passes log's 0/0 too (p = 0) and stops at the NaN gradient
# softmax's backward makes of it.
"$mxaccel" train --limit 256 --epochs 1 --profile torch-cpu --fp 7 --lr 100 --trace-grad \
    --no-stats --json "$tmp/grad.json" >"$tmp/grad.out" 2>"$tmp/grad.err"
rc=$?
[ "$rc" -eq 1 ] || fail "--trace-grad: exit status $rc, expected 1"
expect_output "--trace-grad stderr" \
    '^mxaccel train: stopped at the first non-finite gradient: epoch 1, batch 1' "$tmp/grad.err"
expect_output "--trace-grad" '^nonfinite epoch=1 batch=1 image=-1 op=softmax.bwd tensor=grad.fc2.out index=[0-9]+ inputs=none output=[7f]fc00000$' \
    "$tmp/grad.out"
grep -qE '^\s+"trace":\s*"grad"' "$tmp/grad.json" || fail "--trace-grad: JSON train.trace"
# fp16 is the one 5-bit-exponent elementwise format whose subnormal
# probabilities are small enough that log's backward g / p overflows:
# g = -1/64 (bc800000) over p <= 2^-22 is beyond fp16's 65504, -Inf, with
# p != 0, so --trace-grad stops there (cuda-kernel, int2 matmuls, lr 20).
"$mxaccel" train --limit 256 --epochs 1 --matmul int2 --elem fp16 --lr 20 --trace-grad --no-stats \
    >"$tmp/grad16.out" 2>/dev/null
rc=$?
[ "$rc" -eq 1 ] || fail "--trace-grad, fp16: exit status $rc, expected 1"
expect_output "--trace-grad, fp16" '^nonfinite epoch=1 batch=[0-9]+ image=-1 op=log.bwd tensor=grad.p index=[0-9]+ inputs=bc800000,(33800000|34000000|34400000|34800000) output=ff800000$' \
    "$tmp/grad16.out"
# The same run in fp12 (smallest subnormal 2^-20: g / p <= 2^14) has none.
"$mxaccel" train --limit 256 --epochs 1 --matmul int2 --elem fp12 --lr 20 --trace-grad --no-stats \
    --quiet >"$tmp/grad12.out" 2>&1 || fail "--trace-grad, fp12: $(head -c 300 "$tmp/grad12.out")"

# Without the trace the same run goes on (and counts non-finite batches).
"$mxaccel" train --limit 256 --epochs 1 --profile torch-cpu --fp 7 --lr 100 --no-stats --quiet \
    >"$tmp/nf2.out" 2>&1 || fail "the same run without --trace-nonfinite failed"
expect_output "no trace" 'nonfinite_loss_batches=[1-9]' "$tmp/nf2.out"

finish
