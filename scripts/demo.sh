#!/usr/bin/env bash
# Set up, build the release tree and show what the mxaccel CLI does.
#
#   scripts/demo.sh
#
# Every step is run even if an earlier one fails; the script exits non-zero
# if any step failed.
set -euo pipefail

# shellcheck source=scripts/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$MXACCEL_ROOT"

# Only what the demo runs; scripts/test.sh builds the rest. Nothing here
# needs the RTL toolchain: a tree not configured yet is configured without
# it (the test command turns it on), one configured with it keeps it.
setup_args=()
if [[ "$(mxaccel_cached_rtl release)" == OFF || ! -f "$(mxaccel_build_dir release)/CMakeCache.txt" ]]; then
  export MXACCEL_RTL=OFF
  setup_args=(--no-rtl)
fi
"$MXACCEL_ROOT/scripts/setup.sh" "${setup_args[@]}"
mxaccel_build_targets release mxaccel bench_quant bench_infer

bindir="$(mxaccel_build_dir release)"
MXACCEL="$bindir/cli/mxaccel"
BENCH_QUANT="$bindir/bench/bench_quant"
BENCH_INFER="$bindir/bench/bench_infer"
start=$SECONDS
failed=()

# Show a command line with paths relative to the repository.
show() {
  local cmd="$*"
  echo "\$ ${cmd//"$MXACCEL_ROOT"\//}"
}

# step <explanation> <command...> — prints the explanation and the command,
# runs it, and records a failure instead of stopping. Helper functions print
# their own command line.
step() {
  local what="$1" rc=0
  shift
  echo
  echo "== $what"
  declare -F "$1" >/dev/null || show "$@"
  "$@" || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "   -> FAILED (exit $rc)"
    failed+=("$what")
  fi
}

# Feed $1 to the CLI's standard input; the rest are CLI arguments.
mx_stdin() {
  local input="$1"
  shift
  show "printf '$input\\n' |" "$MXACCEL" "$@"
  printf '%s\n' "$input" | "$MXACCEL" "$@"
}

# The first lines of the help text (the whole output is read, so the CLI
# never sees a closed pipe).
help_head() {
  local out
  show "$MXACCEL" --help "| head -n 15"
  out="$("$MXACCEL" --help)"
  printf '%s\n' "$out" | sed -n '1,15p'
}

if [[ ! -x "$MXACCEL" ]]; then
  echo "demo: $MXACCEL was not built" >&2
  exit 1
fi

echo
echo "The main job: the seed CNN on the 10k Fashion-MNIST test images, with the"
echo "seed's chosen configuration (fp8_e4m3 MX matmuls, fp8 elementwise), in the"
echo "cuda-kernel profile, with the repository's default weights: that configuration"
echo "trained 10 epochs by mxaccel train (91.51%; weights/README.md)."
step "mxaccel infer --matmul fp8_e4m3 --fp 8 (cuda-kernel, all test images)" \
  "$MXACCEL" infer --matmul fp8_e4m3 --fp 8 --profile cuda-kernel
step "The same network as the accelerator computes it (hw profile), summary line" \
  "$MXACCEL" infer --matmul fp8_e4m3 --fp 8 --profile hw --quiet
echo
echo "The accelerator itself: its cycle-level model (8x8 PEs, 16 B/cycle DRAM) runs"
echo "the program the compiler makes for this configuration; the log-probabilities"
echo "are the hw profile's bit for bit, and the table says where the cycles go"
echo "(docs/accelerator.md)."
step "mxaccel sim (first 500 test images; per-layer cycles, stalls and traffic)" \
  "$MXACCEL" sim --limit 500

demo_dir="$(mktemp -d "${TMPDIR:-/tmp}/mxaccel-demo.XXXXXX")"
trap 'rm -rf "$demo_dir"' EXIT
echo
echo "Quantization-aware training with the seed's recipe: one epoch on the first"
echo "4096 training images (a full epoch of 60k images takes about 45 s on 2 cores),"
echo "then a 2 x 2 format sweep of one such epoch per cell, 2 cells at a time."
step "mxaccel train (fp8_e4m3 / fp8, cuda-kernel, 4096 images, 1 epoch)" \
  "$MXACCEL" train --limit 4096 --epochs 1 --out "$demo_dir/trained.safetensors"
step "mxaccel sweep (int8, fp8_e4m3 x bfloat16, fp8; 4096 images, 1 epoch)" \
  "$MXACCEL" sweep --matmul int8,fp8_e4m3 --elem bfloat16,fp8 --limit 4096 --epochs 1 \
  --jobs 2 --threads 1 --no-stats --dir "$demo_dir/sweep"
# --trace-nan ends the run with status 1 when it finds a NaN: that is the
# expected outcome here, and status 0 (no NaN) would be the surprise.
trace_nan() {
  local rc=0
  show "$MXACCEL" "$@"
  "$MXACCEL" "$@" || rc=$?
  [[ $rc -eq 1 ]]
}
echo
echo "The seed's NaN question: in torch-cpu the softmax's fp8 output underflows"
echo "to 0, log(0) = -Inf, and log's backward divides a zero gradient by that 0:"
echo "0/0 = NaN (x86: ffc00000), which fp8 keeps. A GPU's 0/0 is 7fffffff, which"
echo "microxcaling's CUDA kernels turn into -0.0 (shown below with mxaccel quant)."
step "First NaN of torch-cpu training, fp8_e4m3 / fp8, first 2048 images (exits 1)" \
  trace_nan train --profile torch-cpu --limit 2048 --epochs 1 --trace-nan --quiet --no-stats

step "The CLI and its sub-commands (first lines of --help)" help_head

step "Number formats the model knows (MX element formats and elementwise bfloatN / fpN)" \
  "$MXACCEL" formats

# 1.0, pi, -123.456, 0.001, the smallest fp32 subnormal, +Inf
WORDS='3f800000 40490fdb c2f6e979 3a83126f 00000001 7f800000'
echo
echo "Elementwise quantization of six fp32 words (hex bit patterns):"
echo "  1.0, pi, -123.456, 0.001, smallest fp32 subnormal, +Inf"
echo "The same input goes through each of the three numerics profiles."

step "fp8, profile torch-cpu (the bits of microxcaling's PyTorch path on a CPU)" \
  mx_stdin "$WORDS" quant --format fp8 --profile torch-cpu
step "fp8, profile cuda-kernel (the bits of microxcaling's custom CUDA kernels)" \
  mx_stdin "$WORDS" quant --format fp8 --profile cuda-kernel
step "fp8, profile hw (what the accelerator computes, bit for bit)" \
  mx_stdin "$WORDS" quant --format fp8 --profile hw

# Where the profiles part: NaN bit patterns. 0x7fffffff is the NaN a GPU
# makes (0/0, Inf-Inf); 0xffc00000 is x86's; 0x7f800001 a signalling NaN.
NANS='7fffffff ffc00000 7f800001'
echo
echo "The seed's CPU/GPU difference in three words: NaNs through fp8."
echo "torch-cpu keeps a NaN a NaN; the CUDA kernels rebuild the exponent in"
echo "32-bit arithmetic, so 0x7fffffff rounds up into the sign bit and becomes"
echo "-0.0 (0x80000000): a GPU run trains on where a CPU run goes NaN."
step "NaNs through fp8, profile torch-cpu" \
  mx_stdin "$NANS" quant --format fp8 --profile torch-cpu
step "NaNs through fp8, profile cuda-kernel" \
  mx_stdin "$NANS" quant --format fp8 --profile cuda-kernel
step "NaNs through fp8, profile hw (canonical NaN)" \
  mx_stdin "$NANS" quant --format fp8 --profile hw

# One MX block of 32 values: 1.0 -1.5 0.75 3.0 -0.1 0.2 -7.25 12.0
# 0.015625 -0.5 2.5 -3.75 100.0 -64.0 0.001 6.0 -0.3 0.45 1.25 -2.0 8.5
# -10.0 0.0 -0.0 5.5 -0.0625 0.9 -1.1 15.0 -20.0 0.33 448.0
BLOCK='3f800000 bfc00000 3f400000 40400000 bdcccccd 3e4ccccd c0e80000 41400000
3c800000 bf000000 40200000 c0700000 42c80000 c2800000 3a83126f 40c00000
be99999a 3ee66666 3fa00000 c0000000 41080000 c1200000 00000000 80000000
40b00000 bd800000 3f666666 bf8ccccd 41700000 c1a00000 3ea8f5c3 43e00000'
BLOCK="${BLOCK//$'\n'/ }"
echo
echo "One MX block: 32 fp32 words share one power-of-two scale chosen from the"
echo "largest magnitude (448.0); each element is then rounded to fp8_e4m3, so"
echo "the smallest values (e.g. 0.001) lose precision or flush to zero."
step "MX block, fp8_e4m3 elements, profile hw" \
  mx_stdin "$BLOCK" quant --mx --format fp8_e4m3 --profile hw

step "Inference throughput, all three profiles (limited to 120 s)" \
  timeout 120 "$BENCH_INFER" --runs 1
step "Quantization throughput (quick run, limited to 60 s)" \
  timeout 60 "$BENCH_QUANT" --quick

echo
echo "demo took $((SECONDS - start)) s after the build"
if [[ ${#failed[@]} -ne 0 ]]; then
  echo "demo: ${#failed[@]} step(s) failed:"
  printf '  - %s\n' "${failed[@]}"
  exit 1
fi
echo "demo: all steps ran"
