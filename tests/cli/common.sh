# Helpers shared by the mxaccel CLI tests (sourced, not run).

failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# require_file <path>: stop the test (status 1) unless the file exists.
require_file() {
    if [ ! -f "$1" ]; then
        echo "FAIL: file $1 is missing" >&2
        exit 1
    fi
}

# Finish the test: exit status 1 if anything failed.
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}

# awk program text: is_nan(h) for an 8-digit fp32 hex pattern (exponent all
# ones, mantissa non-zero). Plain string compare; mawk has no bit operations.
AWK_IS_NAN='
function is_nan(h,    c, d) {
    h = tolower(h)
    c = index("0123456789abcdef", substr(h, 1, 1)) - 1
    d = substr("01234567", c % 8 + 1, 1) substr(h, 2)
    return length(h) == 8 && d > "7f800000"
}'

# Compare two files of hex words, line by line and word by word.
# $1 expected, $2 actual, $3 profile (torch-cpu: an expected NaN only has to
# be some NaN), $4 label for messages. Prints up to 5 mismatches.
compare_words() {
    awk -v profile="$3" -v label="$4" "$AWK_IS_NAN"'
    NR == FNR { want[FNR] = $0; nexp = FNR; next }
    {
        nact = FNR
        ne = split(want[FNR], e, " ")
        na = split($0, a, " ")
        if (ne != na) {
            bad++
            if (bad <= 5) { printf "%s line %d: %d words expected, %d given\n", label, FNR, ne, na }
            next
        }
        for (i = 1; i <= ne; i++) {
            if (e[i] == a[i]) { continue }
            if (profile == "torch-cpu" && is_nan(e[i]) && is_nan(a[i])) { continue }
            bad++
            if (bad <= 5) {
                printf "%s line %d word %d: expected %s, got %s\n", label, FNR, i, e[i], a[i]
            }
        }
    }
    END {
        if (nact != nexp) { printf "%s: %d lines expected, %d given\n", label, nexp, nact; bad++ }
        exit bad > 0
    }' "$1" "$2"
}

# check_one_line_error <what> <exit status> <expected status> <keyword> <stdout file> <stderr file>
# A failed command must exit with the expected status, write nothing on
# stdout and exactly one line on stderr that names the problem (keyword).
check_one_line_error() {
    local what=$1 rc=$2 status=$3 keyword=$4 out=$5 err=$6
    if [ "$rc" -ne "$status" ]; then
        fail "$what: exit status $rc, expected $status"
    fi
    if [ -s "$out" ]; then
        fail "$what: wrote to stdout: $(head -c 80 "$out")"
    fi
    local lines
    lines=$(wc -l <"$err")
    if [ "$lines" -ne 1 ]; then
        fail "$what: $lines lines on stderr, expected 1: $(head -c 300 "$err")"
    fi
    if ! grep -qiF -- "$keyword" "$err"; then
        fail "$what: stderr lacks '$keyword': $(head -c 300 "$err")"
    fi
}

# expect_command_error <subcommand> <status> <keyword> <args...>: `mxaccel
# <subcommand> <args...>` (stdin empty) exits with <status>, prints nothing
# on stdout and one line on stderr holding <keyword> after the
# "mxaccel <subcommand>: " prefix. Needs $mxaccel and $tmp.
expect_command_error() {
    local cmd=$1 status=$2 keyword=$3
    shift 3
    "$mxaccel" "$cmd" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    local rc=$?
    check_one_line_error "$cmd $*" "$rc" "$status" "$keyword" "$tmp/out" "$tmp/err"
    grep -q "^mxaccel $cmd: " "$tmp/err" || fail "$cmd $*: stderr lacks the 'mxaccel $cmd: ' prefix"
}
