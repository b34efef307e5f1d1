#!/usr/bin/env bash
# The training report, reports/training/, from scratch or resumed:
#   1. the seed's 5 x 5 grid trained 10 epochs in the cuda-kernel profile;
#   2. the first epoch of every cell in torch-cpu, each cell stopped at its
#      first non-finite value (--trace-nonfinite);
#   3. the first NaN of the seed's configuration (fp8_e4m3 / fp8) in
#      torch-cpu and in cuda-kernel (--trace-nan), and torch-cpu's first
#      epoch of it without a trace;
#   4. the tables, the fp16 analysis data and the plots
#      (scripts/training_report.py).
#
#   scripts/training_report.sh [--jobs N] [--runs DIR]
#
# --jobs N    cells trained at once (default: online CPUs; one thread each)
# --runs DIR  the sweeps' state (default <repo>/runs; not under version
#             control). Every step is resumable: run the script again after an
#             interruption (even kill -9) and nothing finished is recomputed.
# Long: about 250 training epochs, 3 to 4 hours on 2 cores.
set -euo pipefail

# shellcheck source=scripts/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$MXACCEL_ROOT"

jobs=$(nproc)
runs=$MXACCEL_ROOT/runs
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jobs) jobs=${2:?--jobs needs a value}; shift 2 ;;
    --runs) runs=${2:?--runs needs a value}; shift 2 ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "training_report: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

"$MXACCEL_ROOT/scripts/setup.sh"
mxaccel_build release
mxaccel="$(mxaccel_build_dir release)/cli/mxaccel"
mkdir -p "$runs"

cuda=(sweep --dir "$runs/cuda-kernel" --jobs "$jobs" --threads 1)
torch=(sweep --dir "$runs/torch-cpu-epoch1" --profile torch-cpu --epochs 1 --trace-nonfinite
  --jobs "$jobs" --threads 1)
nan=(--matmul fp8_e4m3 --elem fp8 --epochs 1 --trace-nan --threads "$jobs")

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
  --epochs 1 --threads "$jobs")
echo "== mxaccel ${untraced[*]}"
"$mxaccel" "${untraced[@]}"

python3 "$MXACCEL_ROOT/scripts/training_report.py" --mxaccel "$mxaccel" \
  --cuda "$runs/cuda-kernel" --torch "$runs/torch-cpu-epoch1" \
  --nan-torch "$runs/nan-torch-cpu" --nan-cuda "$runs/nan-cuda-kernel" \
  --untraced "$runs/torch-cpu-untraced" \
  --cuda-command "mxaccel ${cuda[*]//$runs/runs}" --torch-command "mxaccel ${torch[*]//$runs/runs}" \
  --seed reports/training/seed_table.csv --out reports/training
