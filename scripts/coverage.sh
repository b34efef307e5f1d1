#!/usr/bin/env bash
# RTL coverage of the SEU tests: builds the tests with Verilator line and
# toggle coverage, runs them and writes into reports/coverage/:
#   seu.info           merged counts as an lcov tracefile (the merged
#                      verilator_coverage data stays in the build dir)
#   seu-annotated/     sources annotated with counts (lines with points not hit: '%')
#   seu-summary.txt    points hit per type and file
#
#   scripts/coverage.sh [build dir]   (default build/coverage)
#
# SEU_COVERAGE_INPUTS picks the input formats (default "fp8 bf16": both
# exponent widths; any of fp8 fp10 fp12 fp16 bf16).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/coverage}"
out="$root/reports/coverage"
covdir="$build/rtl-coverage"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DMXACCEL_RTL_COVERAGE=ON -DMXACCEL_RTL_COVERAGE_DIR="$covdir" >/dev/null
read -r -a tags <<<"${SEU_COVERAGE_INPUTS:-fp8 bf16}"
cmake --build "$build" -j"$(nproc)" --target $(printf 'mxaccel_seu_%s_tests ' "${tags[@]}")
rm -f "$covdir"/seu_*.dat
# Coverage-instrumented simulation is slow: the corner, throughput and
# back-pressure tests (the random and exhaustive sweeps add no new points).
ctest --test-dir "$build" -R "^($(IFS='|'; echo "${tags[*]}"))\\.Seu\\.(Corners|CornersBackPressure|Throughput|RandomBackPressure)\$" \
  -j"$(nproc)" --output-on-failure

mkdir -p "$out"
rm -rf "$out/seu-annotated"
verilator_coverage --write "$build/seu.dat" "$covdir"/seu_*.dat
verilator_coverage --write-info "$out/seu.info" "$build/seu.dat"
verilator_coverage --annotate "$out/seu-annotated" --annotate-all --annotate-min 1 "$build/seu.dat" >/dev/null

# Hit points per coverage type and source file (one .dat line per point).
python3 - "$build/seu.dat" >"$out/seu-summary.txt" <<'PY'
import re, sys, collections
tot = collections.Counter(); hit = collections.Counter()
for line in open(sys.argv[1], encoding="latin-1"):
    if not line.startswith("C '"):
        continue
    key, count = line[3:].rsplit("' ", 1)
    f = dict(kv.split("\x02", 1) for kv in key.split("\x01") if "\x02" in kv)
    typ = f.get("page", "?").split("/")[0]  # v_line, v_toggle, v_branch
    src = f.get("f", "?").rsplit("/", 1)[-1]
    if src.startswith("seu_all"):
        continue  # the test top is not part of the unit
    for k in ((typ, src), (typ, "all"), ("all", "all")):
        tot[k] += 1
        hit[k] += int(count) > 0
for k in sorted(tot):
    print(f"{k[0]:8} {k[1]:16} {hit[k]:6}/{tot[k]:<6} {100.0 * hit[k] / tot[k]:6.2f}%")
PY
cat "$out/seu-summary.txt"
