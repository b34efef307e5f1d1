#!/usr/bin/env bash
# The training report, reports/training/, from scratch or resumed:
#   1. the seed's 5 x 5 grid trained 10 epochs in the cuda-kernel profile;
#   2. the first epoch of every cell in torch-cpu, each cell stopped at its
#      first non-finite value (--trace-nonfinite);
#   3. the first NaN of the seed's configuration (fp8_e4m3 / fp8) in
#      torch-cpu and in cuda-kernel (--trace-nan), and torch-cpu's first
#      epoch of it without a trace;
#   4. the fp16 column again, each cell stopped at its first non-finite
#      gradient (--trace-grad);
#   5. the tables, the fp16 analysis data and the plots
#      (scripts/training_report.py).
#
#   scripts/training_report.sh [--threads N] [--runs DIR]
#
# --threads N  threads of the one cell trained at a time (default: online
#              CPUs). One cell with N threads beats N cells with one each:
#              on 2 cores 1 x 2 trains an epoch in about 45 s, 2 x 1 two
#              epochs in about 145 s (the cells contend for cache and memory).
# --runs DIR   the sweeps' state (default <repo>/runs; not under version
#              control). Every step is resumable: run the script again after
#              an interruption (even kill -9) and nothing finished is
#              recomputed.
# Long: about 270 training epochs, about 3.5 hours on 2 cores.
set -euo pipefail

# shellcheck source=scripts/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$MXACCEL_ROOT"

threads=$(nproc)
runs=$MXACCEL_ROOT/runs
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads=${2:?--threads needs a value}; shift 2 ;;
    --runs) runs=${2:?--runs needs a value}; shift 2 ;;
    -h | --help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "training_report: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

"$MXACCEL_ROOT/scripts/setup.sh"
mxaccel_build release
mxaccel="$(mxaccel_build_dir release)/cli/mxaccel"
mkdir -p "$runs"

cuda=(sweep --dir "$runs/cuda-kernel" --threads "$threads")
torch=(sweep --dir "$runs/torch-cpu-epoch1" --profile torch-cpu --epochs 1 --trace-nonfinite
  --threads "$threads")
nan=(--matmul fp8_e4m3 --elem fp8 --epochs 1 --trace-nan --threads "$threads")
grad=(sweep --dir "$runs/fp16-grad" --elem fp16 --trace-grad --threads "$threads")

echo "== mxaccel ${cuda[*]}"
"$mxaccel" "${cuda[@]}"
echo "== mxaccel ${torch[*]}"
"$mxaccel" "${torch[@]}"
for profile in torch-cpu cuda-kernel; do
  echo "== mxaccel sweep --dir $runs/nan-$profile --profile $profile ${nan[*]}"
  "$mxaccel" sweep --dir "$runs/nan-$profile" --profile "$profile" "${nan[@]}"
done
# ... and what the first epoch ends with when nothing stops it.
untraced=(sweep --dir "$runs/torch-cpu-untraced" --profile torch-cpu --matmul fp8_e4m3 --elem fp8
  --epochs 1 --threads "$threads")
echo "== mxaccel ${untraced[*]}"
"$mxaccel" "${untraced[@]}"
echo "== mxaccel ${grad[*]}"
"$mxaccel" "${grad[@]}"

python3 "$MXACCEL_ROOT/scripts/training_report.py" --mxaccel "$mxaccel" \
  --cuda "$runs/cuda-kernel" --torch "$runs/torch-cpu-epoch1" \
  --nan-torch "$runs/nan-torch-cpu" --nan-cuda "$runs/nan-cuda-kernel" \
  --untraced "$runs/torch-cpu-untraced" --grad "$runs/fp16-grad" \
  --cuda-command "mxaccel ${cuda[*]//$runs/runs}" --torch-command "mxaccel ${torch[*]//$runs/runs}" \
  --seed reports/training/seed_table.csv --out reports/training
