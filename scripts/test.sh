#!/usr/bin/env bash
# Set up, build and run the mxaccel test suite.
#
#   scripts/test.sh [--long] [--no-asan] [--no-rtl]
#
# Builds build/release and build/asan (ASan + UBSan) and runs every CTest test
# not labelled "long" or "fresh" in both trees.
#   --long     also run the tests labelled "long" (release tree only)
#   --no-asan  skip the sanitizer tree
#   --no-rtl   install and build without the RTL toolchain (-DMXACCEL_RTL=OFF)
# The "fresh" test (scripts/fresh-machine.sh) is run only by hand:
#   ctest --test-dir build/release -L fresh
# Exits non-zero if any build or test fails.
set -euo pipefail

run_long=0
run_asan=1
# The test command builds everything, the RTL part included, unless told not to.
export MXACCEL_RTL=ON
setup_args=()
for arg in "$@"; do
  case "$arg" in
    --long) run_long=1 ;;
    --no-asan) run_asan=0 ;;
    --no-rtl)
      export MXACCEL_RTL=OFF
      setup_args=(--no-rtl)
      ;;
    -h | --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "test: unknown option '$arg' (see --help)" >&2
      exit 2
      ;;
  esac
done

# shellcheck source=scripts/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$MXACCEL_ROOT"

"$MXACCEL_ROOT/scripts/setup.sh" "${setup_args[@]}"

jobs="$(nproc)"
logdir="$(mktemp -d "${TMPDIR:-/tmp}/mxaccel-test.XXXXXX")"
trap 'rm -rf "$logdir"' EXIT

declare -a summary=()
failed=0

# run_ctest <label> <build tree> <ctest args...> — runs ctest, keeps its
# summary lines for the final report.
run_ctest() {
  local label="$1" tree="$2"
  shift 2
  local log="$logdir/$label.log" rc=0
  echo
  echo "== test: $label"
  (cd "$(mxaccel_build_dir "$tree")" &&
    ctest --output-on-failure --no-tests=error -j"$jobs" "$@") 2>&1 | tee "$log" || rc=$?
  local lines
  lines="$(grep -E 'tests passed|tests failed|Total Test time|No tests were found|The following tests FAILED|^[[:space:]]+[0-9]+ - ' "$log" || true)"
  [[ -n "$lines" ]] || lines="(no ctest summary)"
  lines="$(printf '%s\n' "$lines" | sed 's/^[[:space:]]*/      /')"
  if [[ $rc -eq 0 ]]; then
    summary+=("PASS  $label" "$lines")
  else
    summary+=("FAIL  $label (ctest exit $rc)" "$lines")
    failed=1
  fi
}

# build_tree <tree> — builds; records a failure instead of exiting.
build_tree() {
  local rc=0
  mxaccel_build "$1" || rc=$?
  if [[ $rc -ne 0 ]]; then
    summary+=("FAIL  build $1 (exit $rc)" "")
    failed=1
    return 1
  fi
}

if build_tree release; then
  run_ctest "release" release -LE '^(long|fresh)$'
  if [[ $run_long -eq 1 ]]; then
    run_ctest "release, long tests" release -L '^long$'
  fi
fi

if [[ $run_asan -eq 1 ]]; then
  if build_tree asan; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      run_ctest "asan+ubsan" asan -LE '^(long|fresh)$'
  fi
fi

echo
echo "================ summary ================"
for line in "${summary[@]}"; do
  if [[ -n "$line" ]]; then
    printf '%s\n' "$line" | sed 's/^/  /'
  fi
done
[[ $run_asan -eq 1 ]] || echo "  (sanitizer tree skipped: --no-asan)"
[[ $run_long -eq 1 ]] || echo "  (long tests not run; use --long)"
if [[ $failed -ne 0 ]]; then
  echo "RESULT: FAILED"
  exit 1
fi
echo "RESULT: all passed"
