#!/usr/bin/env bash
# RTL sign-off coverage per datapath unit and of the accelerator top: builds
# the unit's tests with Verilator line and toggle coverage (CMake option MXACCEL_RTL_COVERAGE),
# runs the selected tests and writes into reports/coverage/:
#   <unit>.md           how it was produced, points hit per type and source
#                       file, every point not hit with its reason
#   <unit>-summary.txt  points hit per type and source file
#   <unit>.info         the merged counts as an lcov tracefile
#   <unit>-annotated/   the sources annotated with counts (verilator_coverage)
#
#   scripts/coverage.sh [--build DIR] [--all-tests] [UNIT...]
#
# UNIT: seu, pe, pe_bf16, alu, accel (rtl/accel's own modules; the units it
# instantiates have their own reports); default: every unit whose tests have the coverage hook.
# --build DIR   coverage build tree (default build/coverage)
# --all-tests   run every default (CTest label rtl) RTL test of the unit
#               instead of the selection below, e.g. to check that the
#               selection hits every point the full suite hits
# SEU_COVERAGE_INPUTS: the SEU's input formats (default: all five).
#
# The reasons for points not hit are in scripts/coverage/<unit>.reasons.
# Exits non-zero if a test fails, if line or toggle coverage of a unit is
# below 95%, or if a point not hit has no reason.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build/coverage"
all_tests=0
units=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build="$(realpath -m "$2")"; shift 2 ;;
    --all-tests) all_tests=1; shift ;;
    -h | --help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    seu | pe | pe_bf16 | alu | accel) units+=("$1"); shift ;;
    *) echo "coverage: unknown unit or option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# A unit has coverage support when its test CMakeLists uses the option.
supported() {
  grep -qs MXACCEL_RTL_COVERAGE "$root/tests/rtl/$1/CMakeLists.txt"
}
if [[ ${#units[@]} -eq 0 ]]; then
  for u in seu pe pe_bf16 alu accel; do
    if supported "$u"; then units+=("$u"); fi
  done
fi
for u in "${units[@]}"; do
  supported "$u" || { echo "coverage: tests/rtl/$u has no coverage hook" >&2; exit 2; }
done

# The accelerator's test configurations (tests/rtl/accel/CMakeLists.txt).
accel_tags=(e4m3_fp8_4x4 bf16_fp16_3x5)
read -r -a seu_inputs <<<"${SEU_COVERAGE_INPUTS:-fp8 fp10 fp12 fp16 bf16}"

# unit_targets <unit>: build targets; unit_tests <unit>: CTest name regex.
# Coverage simulation is slow, so each unit runs its directed corner and
# back-pressure tests and one modest random run; the long random and
# exhaustive sweeps add no point (checked with --all-tests, see the reports).
unit_targets() {
  case "$1" in
    seu) printf 'mxaccel_seu_%s_tests\n' "${seu_inputs[@]}" ;;
    pe) echo test_pe_rtl ;;
    pe_bf16) echo test_pe_bf16_rtl ;;
    alu) echo test_alu_rtl ;;
    accel) printf 'test_accel_rtl_%s\n' "${accel_tags[@]}" ;;
  esac
}
unit_tests() {
  local inputs
  inputs="$(IFS='|'; echo "${seu_inputs[*]}")"
  case "$1:$all_tests" in
    seu:0) echo "^($inputs)\\.Seu\\.(Corners|CornersBackPressure|Throughput|RandomBackPressure)\$" ;;
    seu:1) echo "^($inputs)\\.Seu\\." ;;
    pe:*) echo '^PeRtl\.(SingleProductsUnitScales|SingleProductsRandomScales|Directed|DirectedBackPressure|Random)<' ;;
    pe_bf16:*) echo '^PeBf16Rtl\.' ;;
    alu:*) echo '^AluRtl\.' ;;
    accel:*) echo "^($(IFS='|'; echo "${accel_tags[*]}"))\\.AccelRtl\\." ;;
  esac
}

covdir="$build/rtl-coverage"
out="$root/reports/coverage"
jobs="$(nproc)"
mkdir -p "$out"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMXACCEL_RTL_ALL_VARIANTS=ON \
  -DMXACCEL_RTL_COVERAGE=ON -DMXACCEL_RTL_COVERAGE_DIR="$covdir" >/dev/null
mapfile -t targets < <(for u in "${units[@]}"; do unit_targets "$u"; done)
cmake --build "$build" -j"$jobs" --target "${targets[@]}"

status=0
for u in "${units[@]}"; do
  echo "== coverage: $u"
  regex="$(unit_tests "$u")"
  rm -f "$covdir/$u/"*.dat
  ctest --test-dir "$build" -R "$regex" -L rtl --no-tests=error -j"$jobs" --output-on-failure
  tests="$build/$u-tests.txt"
  ctest --test-dir "$build" -N -R "$regex" -L rtl | sed -n 's/^ *Test *#[0-9]*: //p' >"$tests"

  shopt -s nullglob
  dats=("$covdir/$u/"*.dat)
  shopt -u nullglob
  [[ ${#dats[@]} -gt 0 ]] || { echo "coverage: $u: the tests wrote no data" >&2; exit 1; }
  verilator_coverage --write "$build/$u.dat" "${dats[@]}"
  verilator_coverage --write-info "$out/$u.info" "$build/$u.dat"
  # Source paths relative to the repository in the tracefile.
  sed -i "s|^SF:$root/|SF:|" "$out/$u.info"
  rm -rf "$out/$u-annotated"
  verilator_coverage --annotate "$out/$u-annotated" --annotate-all --annotate-min 1 \
    "$build/$u.dat" >/dev/null
  # Only the unit's own sources (not the test tops).
  find "$out/$u-annotated" -type f ! -name 'mx_*.v' -delete

  cmd="scripts/coverage.sh"
  [[ $all_tests -eq 0 ]] || cmd+=" --all-tests"
  cmd+=" $u"
  [[ $u != seu || -z "${SEU_COVERAGE_INPUTS:-}" ]] || cmd="SEU_COVERAGE_INPUTS=\"${seu_inputs[*]}\" $cmd"
  notes=()
  [[ ! -f "$root/scripts/coverage/$u.notes.md" ]] || notes=(--notes "$root/scripts/coverage/$u.notes.md")
  # The Verilated models' file lists (for the counters of constant signals).
  mapfile -t models < <(find "$build/tests/rtl/$u" -path '*.dir/V*.dir/V*.cmake' ! -name '*_copy.cmake')
  python3 "$root/scripts/coverage_report.py" --unit "$u" \
    --reasons "$root/scripts/coverage/$u.reasons" --out "$out" --target 95 \
    --command "$cmd" --tests "$tests" "${notes[@]}" --models "${models[@]}" -- "${dats[@]}" || status=1
done
exit $status
