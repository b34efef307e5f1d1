#!/usr/bin/env bash
# `mxaccel sweep` on a 2 x 2 grid, 256 training and 500 test images, 3
# epochs: the table and CSV, the same results for 2 jobs and for 1, a sweep
# killed with -9 mid-cell that resumes without recomputing anything finished
# and ends with the table, CSV and weights of the uninterrupted sweep, a
# second sweep on a running one's directory refused, and --trace-nonfinite
# cells tabulated with where they stopped.
# usage: sweep_run.sh <mxaccel>
set -u
mxaccel=$1
here=$(dirname "$0")
source "$here/common.sh"
source "$here/small_data.sh"
tmp=$(mktemp -d)
bg=
trap '[ -n "$bg" ] && kill -9 "$bg" 2>/dev/null; rm -rf "$tmp"' EXIT

make_small_data "$tmp/data" 256 500 || exit 1

grid=(--matmul int8,fp8_e4m3 --elem fp8,bfloat16 --data "$tmp/data" --epochs 3
    --table-epochs 2,3 --no-stats)
cells=(int8__fp8 int8__bfloat16 fp8_e4m3__fp8 fp8_e4m3__bfloat16)

"$mxaccel" sweep --help >"$tmp/help" || fail "sweep --help exit status"
for opt in --matmul --elem --dir --jobs --threads --table --csv --table-epochs kill 'exit status'; do
    grep -qF -- "$opt" "$tmp/help" || fail "sweep --help lacks $opt"
done
"$mxaccel" --help | grep -qE '^  sweep ' || fail "mxaccel --help does not list sweep"

# The uninterrupted sweep: 2 cells at a time.
"$mxaccel" sweep "${grid[@]}" --dir "$tmp/a" --jobs 2 --threads 1 >"$tmp/a.out" 2>"$tmp/a.err" ||
    fail "uninterrupted sweep failed: $(head -c 300 "$tmp/a.err")"
[ -s "$tmp/a.err" ] && fail "sweep stderr not empty: $(head -c 200 "$tmp/a.err")"
grep -qF '| MatMul \ Elem | fp8 | bfloat16 |' "$tmp/a/table.md" || fail "table header row"
grep -qF 'Test accuracy (%) after epochs 2 / 3.' "$tmp/a/table.md" || fail "table title"
for m in int8 fp8_e4m3; do
    grep -qE "^\| $m \| [0-9]+\.[0-9]{2} / [0-9]+\.[0-9]{2} \| [0-9]+\.[0-9]{2} / [0-9]+\.[0-9]{2} \|$" \
        "$tmp/a/table.md" || fail "table row $m: $(grep "^| $m " "$tmp/a/table.md")"
done
cmp -s <(sed -n '/^Test accuracy/,/^| fp8_e4m3/p' "$tmp/a.out") "$tmp/a/table.md" ||
    fail "the table printed differs from table.md"
[ "$(wc -l <"$tmp/a/results.csv")" -eq 13 ] || fail "CSV: expected a header and 12 rows"
head -1 "$tmp/a/results.csv" | grep -q '^matmul,elem,epoch,lr,accuracy,accuracy_torch,loss,' ||
    fail "CSV header"
# Each table entry is the cell's report's accuracy_torch after epochs 2 and 3,
# as the CSV has it too.
for c in "${cells[@]}"; do
    [ -s "$tmp/a/$c/weights.safetensors" ] || fail "$c: no final weights"
    m=${c%__*} e=${c#*__}
    entry=
    for ep in 2 3; do
        csv=$(awk -F, -v m="$m" -v e="$e" -v ep="$ep" '$1 == m && $2 == e && $3 == ep { print $6 }' \
            "$tmp/a/results.csv")
        json=$(awk -v want="$ep" '/^\t\t\t"epoch":/ { n++ } n == want && $1 == "\"accuracy_torch\":" {
            v = $2; sub(/,$/, "", v); printf "%.2f\n", v; exit }' "$tmp/a/$c/train.json")
        [ -n "$csv" ] && [ "$csv" = "$json" ] || fail "$c epoch $ep: CSV $csv, report $json"
        entry+=${entry:+ / }$json
    done
    col=$([ "$e" = fp8 ] && echo 3 || echo 4)
    got=$(awk -F' [|] ' -v m="| $m" -v col="$col" '$1 == m { print $(col - 1) }' "$tmp/a/table.md")
    [ "${got% |}" = "$entry" ] || fail "$c: table entry '${got% |}', reports '$entry'"
done

# The same sweep, 1 cell at a time, killed with -9 once the second cell has
# finished an epoch (the first cell is then finished, the second one not).
"$mxaccel" sweep "${grid[@]}" --dir "$tmp/b" --jobs 1 --threads 1 >"$tmp/b1.out" 2>&1 &
bg=$!
for _ in $(seq 2000); do
    grep -qs '"epoch":' "$tmp/b/${cells[1]}/train.json" && break
    sleep 0.02
done
# While it runs, a second sweep on its directory is refused.
"$mxaccel" sweep "${grid[@]}" --dir "$tmp/b" >"$tmp/c.out" 2>"$tmp/c.err"
check_one_line_error "second sweep" $? 1 "another sweep" "$tmp/c.out" "$tmp/c.err"
kill -9 "$bg"
wait "$bg" 2>/dev/null
bg=
grep -qs '"epoch":' "$tmp/b/${cells[1]}/train.json" ||
    fail "the sweep never reached the second cell before it was killed"
grep -q "finished" <(grep "^${cells[1]/__/ x }" "$tmp/b1.out") &&
    fail "the second cell had finished before the kill: the test killed nothing mid-cell"
first_report=$(md5sum <"$tmp/b/${cells[0]}/train.json")
first_time=$(stat -c %Y.%y "$tmp/b/${cells[0]}/train.json")
done_epochs=$(grep -c $'^\t\t\t"epoch":' "$tmp/b/${cells[1]}/train.json")
sleep 1 # a rewrite of the finished cell's report would change its mtime

"$mxaccel" sweep "${grid[@]}" --dir "$tmp/b" --jobs 1 --threads 2 >"$tmp/b2.out" 2>"$tmp/b2.err" ||
    fail "resumed sweep failed: $(head -c 300 "$tmp/b2.err")"
grep -qF "int8 x fp8: finished before: 3 epochs" "$tmp/b2.out" ||
    fail "resumed sweep did not take the finished cell as finished"
grep -qF "int8 x bfloat16: started, resuming after epoch $done_epochs" "$tmp/b2.out" ||
    fail "the killed cell did not resume after epoch $done_epochs: $(grep bfloat16 "$tmp/b2.out")"
grep -qF "resuming from" "$tmp/b/${cells[1]}/train.log" || fail "the killed cell's log shows no resume"
[ "$(md5sum <"$tmp/b/${cells[0]}/train.json")" = "$first_report" ] &&
    [ "$(stat -c %Y.%y "$tmp/b/${cells[0]}/train.json")" = "$first_time" ] ||
    fail "the finished cell was recomputed"
cmp -s "$tmp/a/table.md" "$tmp/b/table.md" || fail "resumed table differs from the uninterrupted one"
# Wall times aside (columns 13 and 14), the CSVs are the same.
cmp -s <(cut -d, -f1-12,15- "$tmp/a/results.csv") <(cut -d, -f1-12,15- "$tmp/b/results.csv") ||
    fail "resumed CSV differs from the uninterrupted one"
for c in "${cells[@]}"; do
    cmp -s "$tmp/a/$c/weights.safetensors" "$tmp/b/$c/weights.safetensors" ||
        fail "$c: resumed weights differ from the uninterrupted ones"
done
ls -R "$tmp/b" | grep -q '\.tmp\.' && fail "temporary file left behind"

# A third run has nothing left to do and changes nothing.
"$mxaccel" sweep "${grid[@]}" --dir "$tmp/b" >"$tmp/b3.out" 2>&1 || fail "third run failed"
[ "$(grep -c ": finished before:" "$tmp/b3.out")" -eq 4 ] || fail "third run: not all 4 cells finished"
grep -q 'started' "$tmp/b3.out" && fail "third run started a cell"
cmp -s "$tmp/a/table.md" "$tmp/b/table.md" || fail "third run changed the table"

# --trace-nonfinite: cells stop at their first non-finite value; the table
# says where, the CSV has the trace of the cell's report.
trace=(--matmul fp8_e4m3 --elem fp7,fp8 --profile torch-cpu --lr 100 --epochs 1 --trace-nonfinite
    --data "$tmp/data" --no-stats --dir "$tmp/t")
"$mxaccel" sweep "${trace[@]}" >"$tmp/t.out" 2>"$tmp/t.err" ||
    fail "trace sweep: exit status $? $(head -c 300 "$tmp/t.err")"
grep -qE '^\| fp8_e4m3 \| non-finite value: epoch 1, batch [0-9]+, [a-z0-9_.]+ \|' "$tmp/t/table.md" ||
    fail "trace table: $(tail -1 "$tmp/t/table.md")"
op=$(awk -F'"' '$2 == "op" { print $4; exit }' "$tmp/t/fp8_e4m3__fp7/train.json")
out=$(awk -F'"' '$2 == "output_bits" { print $4; exit }' "$tmp/t/fp8_e4m3__fp7/train.json")
grep -qE "^fp8_e4m3,fp7,1,,,,,,,,,,,,[0-9]+,-?[0-9]+,$op,[a-z0-9_.]+,[0-9]+,[0-9a-f ]+,$out$" \
    "$tmp/t/results.csv" || fail "trace CSV row: $(grep fp7 "$tmp/t/results.csv")"
"$mxaccel" sweep "${trace[@]}" >"$tmp/t2.out" 2>&1 || fail "trace sweep rerun failed"
grep -q 'started' "$tmp/t2.out" && fail "trace sweep rerun recomputed a stopped cell"

finish
