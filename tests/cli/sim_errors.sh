#!/usr/bin/env bash
# `mxaccel sim` on bad command lines, configurations the hardware cannot run
# and bad program directories: each must exit with the documented status,
# print exactly one line on stderr naming the problem, and nothing on stdout.
# Also: a program written by --emit-program runs as the compiled one does.
# usage: sim_errors.sh <mxaccel> <weights.safetensors> <rtl: ON | OFF>
set -u
mxaccel=$1
weights=$2
rtl=$3
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
require_file "$weights"

# expect_error <status> <keyword> <sim args...>
expect_error() { expect_command_error sim "$@"; }

w=(--weights "$weights")

# Bad command lines: status 2, before anything is loaded.
expect_error 2 'unknown option' --frobnicate
expect_error 2 'unknown option' --rows-per-tile 8
expect_error 2 'unexpected argument' program.txt
expect_error 2 'needs a value' --rows
expect_error 2 'needs a value' --rows --cols 8
expect_error 2 'needs a value' --hw
expect_error 2 'needs a value' --program
expect_error 2 'needs a value' --emit-program
expect_error 2 'rows must be an integer in 1..64' --rows 0
expect_error 2 'rows must be an integer in 1..64' --rows=0
expect_error 2 'cols must be an integer in 1..64' --cols 0
expect_error 2 'rows must be an integer in 1..64' --rows 65
expect_error 2 'rows must be an integer in 1..64' --rows abc
expect_error 2 'rows must be an integer in 1..64' --rows 8.5
expect_error 2 'wgt_buf_kib must be an integer in 2..' --wgt-buf-kib 1
expect_error 2 'dram_latency must be an integer in 0..' --dram-latency -1
expect_error 2 'batch must be an integer in 1..64' --batch 65
expect_error 2 '--clock-mhz' --clock-mhz 0
expect_error 2 '--clock-mhz' --clock-mhz -5
expect_error 2 '--clock-mhz' --clock-mhz fast
expect_error 2 'unknown engine' --engine bogus
expect_error 2 'valid: model, rtl' --engine RTL
expect_error 2 'needs a value' --engine
expect_error 2 'needs a value' --rtl-cache
expect_error 2 'hw profile' --profile torch-cpu
expect_error 2 'hw profile' --profile cuda-kernel
expect_error 2 'unknown profile' --profile gpu
expect_error 2 'unknown format' --matmul int3
expect_error 2 '--matmul' --matmul int8 --w-elem-format int8
expect_error 2 'cannot set both --bfloat and --fp' --bfloat 16 --fp 8
expect_error 2 '--fp' --fp 6
expect_error 2 'block-size' --block-size 0
expect_error 2 'scale-bits' --scale-bits 9

# --hw FILE: the message names file:line.
printf '# a comment\nrows = 16\ncols = 16  # trailing comment\n' >"$tmp/ok.hw"
printf 'rows = 8\nfrobs = 3\n' >"$tmp/unknown.hw"
printf '# parameters\n\nrows 8\n' >"$tmp/noeq.hw"
printf 'rows = 8\n\n# more\ncols = 99\n' >"$tmp/range.hw"
printf 'batch =\n' >"$tmp/empty.hw"
expect_error 2 'missing.hw: cannot open' --hw "$tmp/missing.hw"
expect_error 2 'unknown.hw:2: unknown hardware parameter' --hw "$tmp/unknown.hw"
expect_error 2 "noeq.hw:3: expected 'name = value'" --hw "$tmp/noeq.hw"
expect_error 2 'range.hw:4: cols must be an integer in 1..64' --hw "$tmp/range.hw"
expect_error 2 'empty.hw:1: batch must be an integer' --hw "$tmp/empty.hw"
expect_error 2 'read error' --hw "$tmp"
# Options apply in command-line order: a later bad option still fails.
expect_error 2 'rows must be an integer' --hw "$tmp/ok.hw" --rows 0

# --engine rtl: a cache that is a file; a configuration that is not
# prebuilt (2 x 2 PEs) with no verilator on PATH, or a verilator that fails:
# status 1, the reason in one line (after the build's announcement).
: >"$tmp/cache_file"
expect_error 2 'is not a directory' --engine rtl --rtl-cache "$tmp/cache_file"
rtl_2x2=(--engine rtl --rtl-cache "$tmp/rtl-cache" --rows 2 --cols 2 --limit 1)
if [ "$rtl" != ON ]; then
    # a tree without the RTL part cannot build one
    expect_error 1 'built without the RTL part' "${rtl_2x2[@]}"
else
    mkdir -p "$tmp/bin" "$tmp/fake"
    ln -s "$(command -v bash)" "$tmp/bin/bash"
    PATH=$tmp/bin "$mxaccel" sim "${w[@]}" "${rtl_2x2[@]}" >"$tmp/out" 2>"$tmp/err" </dev/null
    check_one_line_error "sim without verilator" $? 1 'verilator not found on PATH' "$tmp/out" "$tmp/err"
    printf '#!/bin/sh\necho "%%Error: fake verilator"\nexit 1\n' >"$tmp/fake/verilator"
    chmod +x "$tmp/fake/verilator"
    PATH=$tmp/fake:$PATH "$mxaccel" sim "${w[@]}" "${rtl_2x2[@]}" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 1 ] || fail "a failing build: exit status $rc, expected 1"
    [ -s "$tmp/out" ] && fail "a failing build wrote to stdout: $(head -c 80 "$tmp/out")"
    [ "$(wc -l <"$tmp/err")" -eq 2 ] ||
        fail "a failing build: expected 2 lines: $(head -c 300 "$tmp/err")"
    head -n 1 "$tmp/err" | grep -q '^mxaccel sim: building the Verilated accelerator for rows=2 cols=2 ' ||
        fail "a failing build: no announcement: $(head -c 300 "$tmp/err")"
    last=$(tail -n 1 "$tmp/err")
    log=$(printf '%s\n' "$last" | sed -n 's/.*(log: \(.*\))$/\1/p')
    why='verilator failed: %Error: fake verilator (log: '
    case "$last" in
        "mxaccel sim: cannot build the Verilated accelerator: $why"*) ;;
        *) fail "a failing build: $last" ;;
    esac
    [ -f "$log" ] || fail "a failing build: no log at '$log'"
    [ -z "$(find "$tmp/rtl-cache" -name '*.so')" ] || fail "a failing build left a library"
    [ -z "$(find "$tmp/rtl-cache" -mindepth 1 -maxdepth 1 -type d)" ] ||
        fail "a failing build left a directory: $(find "$tmp/rtl-cache" -maxdepth 1)"
fi

# --program carries its formats and hardware: refused with any format or
# hardware option (even at its default), and with --emit-program, before
# the directory is read.
expect_error 2 'do not combine it with --rows' --program "$tmp/nowhere" --rows 8
expect_error 2 'do not combine it with --hw' --program "$tmp/nowhere" --hw "$tmp/ok.hw"
expect_error 2 'do not combine it with --matmul' --program "$tmp/nowhere" --matmul fp8_e4m3
expect_error 2 'do not combine it with --fp' --program "$tmp/nowhere" --fp 8
expect_error 2 'do not combine it with --round' --program "$tmp/nowhere" --round nearest
expect_error 2 'do not combine it with --cols' --cols 4 --program "$tmp/nowhere" --rows 4
expect_error 2 'do not combine it with --rows' --data "$tmp/nodir" --program "$tmp/nowhere" --rows 4
expect_error 2 'emit-program' --program "$tmp/nowhere" --emit-program "$tmp/out"

# Formats the hardware lacks: status 2.
expect_error 2 'elementwise format none' "${w[@]}" --limit 1 --fp 0
expect_error 2 'elementwise format none' "${w[@]}" --limit 1 --bfloat 0
expect_error 2 'elementwise format none' "${w[@]}" --limit 1 --elem none
expect_error 2 'elementwise format bfloat32' "${w[@]}" --limit 1 --bfloat 32
expect_error 2 'elementwise format fp20' "${w[@]}" --limit 1 --fp 20
expect_error 2 'elementwise format fp17' "${w[@]}" --limit 1 --fp 17
expect_error 2 'elementwise format fp32' "${w[@]}" --limit 1 --elem fp32
expect_error 2 'matmul formats fp16 x fp16' "${w[@]}" --limit 1 --matmul fp16
expect_error 2 'bfloat16 x int8' "${w[@]}" --limit 1 --w-elem-format int8 --a-elem-format bfloat16
expect_error 2 'MX blocks of 32' "${w[@]}" --limit 1 --block-size 16
expect_error 2 '8-bit scales' "${w[@]}" --limit 1 --scale-bits 6
expect_error 2 'both matmul operands' "${w[@]}" --limit 1 --matmul none
expect_error 2 'both matmul operands' "${w[@]}" --limit 1 --w-elem-format none

# Configurations that do not fit: status 2.
expect_error 2 'activation buffer' "${w[@]}" --limit 1 --act-buf-kib 16
expect_error 2 'half the weight buffer' "${w[@]}" --limit 1 --wgt-buf-kib 2
expect_error 2 'activations for 16 image(s)' "${w[@]}" --limit 16 --batch 16
expect_error 2 'need m <= rows' "${w[@]}" --limit 16 --batch 16 --rows 8 --act-buf-kib 4096 \
    --wgt-buf-kib 64
expect_error 2 'the program needs 11 descriptors; the controller holds 10 (desc_slots, --desc-slots)' \
    "${w[@]}" --limit 1 --desc-slots 10

# Bad weights and output files: status 1.
expect_error 1 'missing.safetensors' --weights "$tmp/missing.safetensors" --limit 1
expect_error 1 'cannot create directory' "${w[@]}" --limit 1 --emit-program "$tmp/nodir/prog"
expect_error 1 'cannot write' "${w[@]}" --limit 1 --json "$tmp/nodir/report.json"

# A program and its DRAM image, then corrupted copies of them.
prog=$tmp/prog
if ! "$mxaccel" sim "${w[@]}" --limit 1 --emit-program "$prog" >"$tmp/out" 2>"$tmp/err"; then
    fail "sim --emit-program: $(head -c 300 "$tmp/err")"
fi
if [ ! -f "$prog/program.txt" ] || [ ! -f "$prog/dram.bin" ]; then
    fail "sim --emit-program wrote no program.txt and dram.bin"
fi

# The untouched program runs as the compiled network does.
"$mxaccel" sim "${w[@]}" --limit 5 >"$tmp/compiled.txt" 2>"$tmp/err" ||
    fail "sim --limit 5: $(head -c 300 "$tmp/err")"
"$mxaccel" sim --program "$prog" --limit 5 >"$tmp/program.txt" 2>"$tmp/err" ||
    fail "sim --program --limit 5: $(head -c 300 "$tmp/err")"
report='^(accuracy|loss|per image|conv1|conv2|fc1|fc2|softmax|total|cycles per image) '
grep -E "$report" "$tmp/compiled.txt" >"$tmp/compiled.lines"
grep -E "$report" "$tmp/program.txt" >"$tmp/program.lines"
[ "$(grep -c . "$tmp/compiled.lines")" -eq 10 ] ||
    fail "sim --limit 5: expected 10 report lines, got: $(head -c 300 "$tmp/compiled.lines")"
diff "$tmp/compiled.lines" "$tmp/program.lines" >"$tmp/diff" ||
    fail "sim --program differs from the compiled run: $(head -c 600 "$tmp/diff")"

# corrupt <name> <sed script for program.txt>: a copy of the program, edited
corrupt() {
    rm -rf "${tmp:?}/$1"
    cp -r "$prog" "$tmp/$1"
    if [ -n "$2" ]; then
        sed -i -e "$2" "$tmp/$1/program.txt"
    fi
}

# expect_program_error <name> <file> <keyword>: `sim --program $tmp/<name>`
# fails with status 1 and a message naming <name>/<file> and the problem.
expect_program_error() {
    expect_error 1 "$3" --program "$tmp/$1" --limit 1
    grep -qF -- "$tmp/$1/$2" "$tmp/err" || fail "program $1: the message does not name $2: $(head -c 300 "$tmp/err")"
}

descs=$(grep -c '^desc ' "$prog/program.txt")
header=$(grep -vc '^desc ' "$prog/program.txt")
[ "$descs" -gt 2 ] || fail "the emitted program has $descs descriptors"

# truncated program.txt
corrupt drop_descs ''
head -n $((header + descs - 2)) "$prog/program.txt" >"$tmp/drop_descs/program.txt"
expect_program_error drop_descs program.txt "$descs descriptors announced, $((descs - 2)) found"
corrupt drop_header ''
head -n 3 "$prog/program.txt" >"$tmp/drop_header/program.txt"
expect_program_error drop_header program.txt "truncated: expected the 'images' line"
corrupt cut_header ''
head -c 60 "$prog/program.txt" >"$tmp/cut_header/program.txt"
expect_program_error cut_header program.txt ':2: truncated'
corrupt cut_desc ''
head -c $(($(wc -c <"$prog/program.txt") - 40)) "$prog/program.txt" >"$tmp/cut_desc/program.txt"
expect_program_error cut_desc program.txt ":$((header + descs)): truncated"
corrupt empty ''
: >"$tmp/empty/program.txt"
expect_program_error empty program.txt 'empty file'
# the header
corrupt version '1s/.*/mxaccel-program 1/'
expect_program_error version program.txt 'program version 1; this mxaccel reads version 2'
corrupt magic '1s/.*/P6 28 28 255/'
expect_program_error magic program.txt "expected the 'mxaccel-program' line"
corrupt more_descs "s/^descs $descs /descs $((descs + 1)) /"
expect_program_error more_descs program.txt "$((descs + 1)) descriptors announced, $descs found"
corrupt fewer_descs "s/^descs $descs /descs $((descs - 1)) /"
expect_program_error fewer_descs program.txt "text after the last of $((descs - 1)) descriptors"
corrupt no_descs "s/^descs $descs /descs 0 /"
expect_program_error no_descs program.txt "expected 'descs <count> dram=<address>'"
corrupt no_table "s/^descs $descs .*/descs $descs/"
expect_program_error no_table program.txt "expected 'descs <count> dram=<address>'"
# the descriptor table in dram.bin: a descriptor line that disagrees with it,
# the table outside the image, more descriptors than the controller holds
corrupt table_differs '0,/^desc op=seu /s/ blocks=784 / blocks=783 /'
expect_program_error table_differs program.txt "descriptor 1 differs from its copy in the DRAM image's descriptor table"
corrupt table_outside "s/^descs $descs dram=[0-9]*/descs $descs dram=4000000000/"
expect_program_error table_outside program.txt 'the descriptor table (968 bytes at 4000000000) lies outside the'
corrupt slots '/^hw /s/ desc_slots=512/ desc_slots=10/'
expect_program_error slots program.txt "the program has $descs descriptors; the controller holds desc_slots = 10"
corrupt hw_rows '/^hw /s/ rows=8 / rows=0 /'
expect_program_error hw_rows program.txt 'rows = 0 is outside 1..64'
corrupt hw_missing '/^hw /s/ cols=8 / /'
expect_program_error hw_missing program.txt "expected the 'hw' line"
corrupt elem32 '/^formats /s/ elem=fp8 / elem=fp32 /'
expect_program_error elem32 program.txt 'elementwise format fp32'
corrupt mixed '/^formats /s/ a=fp8_e4m3 / a=bfloat16 /'
expect_program_error mixed program.txt 'bfloat16 x fp8_e4m3'
corrupt round '/^formats /s/ round=nearest/ round=up/'
expect_program_error round program.txt 'round='
corrupt images 's/^images 1$/images 2/'
expect_program_error images program.txt 'batch allows 1..1'
corrupt crc '/^dram /s/crc32=.*/crc32=xyz/'
expect_program_error crc program.txt 'crc32=<8 hex digits>'
# descriptors
corrupt buf '0,/^desc op=load /s/ buf=0 / buf=4000000000 /'
expect_program_error buf program.txt 'descriptor 0 (conv1 load): 784 bytes at 4000000000 do not fit'
corrupt src '/^desc op=matmul layer=conv1 /s/ src=[0-9]* / src=4294967295 /'
expect_program_error src program.txt 'input blocks'
corrupt dst '/^desc op=matmul layer=fc2 /s/ dst=[0-9]* / dst=131070 /'
expect_program_error dst program.txt 'does not fit the 131072-byte activation buffer'
corrupt wdram '/^desc op=matmul layer=conv2 /s/ dram=[0-9]* / dram=4000000000 /'
expect_program_error wdram program.txt 'outside the'
corrupt chunk '/^desc op=matmul layer=fc1 /s/ chunk_k=[0-9]* / chunk_k=0 /'
expect_program_error chunk program.txt 'chunk_k 0'
corrupt shape '/^desc op=matmul layer=conv2 /s/ in_w=26 / in_w=27 /'
expect_program_error shape program.txt 'convolution shape'
corrupt op '0,/^desc op=seu /s/op=seu/op=frob/'
expect_program_error op program.txt "unknown op 'frob'"
corrupt layer '0,/^desc op=seu /s/layer=conv1/layer=conv3/'
expect_program_error layer program.txt "unknown layer 'conv3'"
corrupt field '0,/^desc /s/ blocks=0 / /'
expect_program_error field program.txt "expected 'desc' with"
corrupt value '0,/^desc /s/ bytes=784 / bytes=-1 /'
expect_program_error value program.txt 'expected bytes=<unsigned integer>'
# dram.bin
corrupt dram_short ''
truncate -s -1 "$tmp/dram_short/dram.bin"
expect_program_error dram_short dram.bin 'truncated'
corrupt dram_long ''
printf 'x' >>"$tmp/dram_long/dram.bin"
expect_program_error dram_long dram.bin 'longer than expected'
corrupt dram_flip ''
printf '\xa5' | dd of="$tmp/dram_flip/dram.bin" bs=1 seek=5000 conv=notrunc 2>/dev/null
expect_program_error dram_flip dram.bin 'CRC-32'
corrupt dram_gone ''
rm "$tmp/dram_gone/dram.bin"
expect_program_error dram_gone dram.bin 'cannot open'
expect_program_error nowhere program.txt 'cannot open'

# A program of 2 images per run: the image count must be a multiple (status 2).
if "$mxaccel" sim "${w[@]}" --limit 2 --batch 2 --emit-program "$tmp/prog2" >"$tmp/out" 2>"$tmp/err"; then
    expect_error 2 'not a multiple' --program "$tmp/prog2" --limit 3
else
    fail "sim --batch 2 --emit-program: $(head -c 300 "$tmp/err")"
fi

finish
