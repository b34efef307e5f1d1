#!/usr/bin/env bash
# The accelerator sweep, reports/accelerator/: the seed CNN on the
# cycle-level model (`mxaccel sim`) for 3 array shapes (4x4, 8x8, 16x16, rows
# x cols) x 3 DRAM bandwidths (8, 16, 64 bytes per cycle), with the default
# formats (fp8_e4m3 x fp8) and weights; plus the 3 shapes at 16 B/cycle with
# --batch 8 --act-buf-kib 256 (fc1 and fc2 batched), whose failure is
# recorded in the report instead of stopping the sweep. Writes to OUTDIR:
#   layers.csv         one row per configuration and layer, per image
#   summary.csv        one row per configuration
#   README.md          the command, the tables and observations computed
#                      from them
#   cycles_vs_pes.svg  cycles per image against PEs, one line per DRAM
#                      bandwidth (gnuplot, scripts/accel_sweep.gp)
#
#   scripts/accel_sweep.sh [--limit N] [--threads T] [MXACCEL [OUTDIR]]
#
# MXACCEL      the mxaccel binary (default <repo>/build/release/cli/mxaccel)
# OUTDIR       the output directory (default <repo>/reports/accelerator)
# --limit N    test images per configuration (default 20). The timing does
#              not depend on the data, so a few images give exact cycles per
#              image. A batched configuration runs N rounded up to a whole
#              number of batches: a short last batch runs a smaller program
#              and would change the average.
# --threads T  passed on to mxaccel sim (default: its own, the online CPUs)
# Needs python3 and gnuplot (Debian's gnuplot-nox; scripts/setup.sh installs
# both). Seconds to a few minutes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  echo "accel_sweep: $*" >&2
  exit 2
}

limit=20
threads=
positional=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --limit) limit=${2:?--limit needs a value}; shift 2 ;;
    --limit=*) limit=${1#*=}; shift ;;
    --threads) threads=${2:?--threads needs a value}; shift 2 ;;
    --threads=*) threads=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) positional+=("$1"); shift ;;
  esac
done
[[ ${#positional[@]} -le 2 ]] || die "too many arguments (see --help)"
[[ $limit =~ ^[1-9][0-9]*$ ]] || die "--limit must be a positive number of images, got '$limit'"
[[ -z $threads || $threads =~ ^[1-9][0-9]*$ ]] ||
  die "--threads must be a positive number, got '$threads'"

mxaccel=${positional[0]:-$root/build/release/cli/mxaccel}
out=${positional[1]:-$root/reports/accelerator}
[[ -x $mxaccel ]] || die "no mxaccel binary at '$mxaccel' (build it: scripts/build.sh)"
command -v python3 >/dev/null 2>&1 || die "python3 not found (scripts/setup.sh installs it)"
command -v gnuplot >/dev/null 2>&1 ||
  die "gnuplot not found (Debian package gnuplot-nox: scripts/setup.sh, or apt-get install -y gnuplot-nox)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# A path as the README shows it: relative to the repository when inside it.
show_path() {
  local p="$1"
  [[ $p == /* ]] || p="$PWD/$p"
  echo "${p#"$root"/}"
}

# The command that reproduces this run, from the repository's root.
cmd="scripts/accel_sweep.sh --limit $limit${threads:+ --threads $threads}"
cmd+=" $(show_path "$mxaccel") $(show_path "$out")"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ $commit != unknown ]] && ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then
  commit+=" (with uncommitted changes to tracked files)"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/accel_sweep.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
manifest="$tmp/manifest.tsv"
: >"$manifest"

SHAPES=(4 8 16)
BANDWIDTHS=(8 16 64)
BATCH=8
BATCH_BW=16
BATCH_ACT_KIB=256

# run_config <rows> <cols> <bytes per cycle> <batch> <required 0|1>: one
# mxaccel sim run; a line in the manifest (tab separated: tag, rows, cols,
# bandwidth, batch, images, status, JSON file, error, command). A required
# configuration that fails stops the sweep.
run_config() {
  local rows=$1 cols=$2 bw=$3 batch=$4 required=$5
  local tag="r${rows}c${cols}_bw${bw}_b${batch}"
  local images=$(((limit + batch - 1) / batch * batch))
  local -a args=(sim --quiet --limit "$images" --rows "$rows" --cols "$cols"
    --dram-bytes-per-cycle "$bw")
  if [[ $batch -ne 1 ]]; then
    args+=(--batch "$batch" --act-buf-kib "$BATCH_ACT_KIB")
  fi
  [[ -z $threads ]] || args+=(--threads "$threads")
  local json="$tmp/$tag.json" shown="mxaccel ${args[*]} --json FILE"
  echo "== $shown"
  local status=ok error='' rc=0
  "$mxaccel" "${args[@]}" --json "$json" >"$tmp/$tag.out" 2>"$tmp/$tag.err" || rc=$?
  if [[ $rc -ne 0 ]]; then
    error="$(grep -v '^[[:space:]]*$' "$tmp/$tag.err" | tail -n 1 | tr '\t' ' ' || true)"
    [[ -n $error ]] || error="no message on stderr"
    if [[ $required -eq 1 ]]; then
      echo "accel_sweep: $shown failed (exit $rc): $error" >&2
      exit 1
    fi
    echo "   failed (exit $rc): $error (recorded in the report)"
    status="failed (exit $rc)"
    json=
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tag" "$rows" "$cols" "$bw" "$batch" \
    "$images" "$status" "$json" "$error" "$shown" >>"$manifest"
}

for s in "${SHAPES[@]}"; do
  for bw in "${BANDWIDTHS[@]}"; do
    run_config "$s" "$s" "$bw" 1 1
  done
done
for s in "${SHAPES[@]}"; do
  run_config "$s" "$s" "$BATCH_BW" "$BATCH" 0
done

python3 - "$manifest" "$out" "$cmd" "$commit" "$root" <<'PY'
"""layers.csv, summary.csv and README.md from the sweep's JSON reports."""
import csv
import json
import os
import sys

manifest, out, command, commit, root = sys.argv[1:6]
CLOCK_HZ = 200e6
LAYER_COLS = ["rows", "cols", "pes", "dram_bytes_per_cycle", "batch", "layer", "macs", "cycles",
              "ideal_cycles", "utilization", "stall_cycles", "dram_stall", "bank_stall",
              "drain_stall", "dram_read_bytes", "dram_write_bytes", "act_reads", "act_writes",
              "wgt_reads", "wgt_writes"]
SUMMARY_COLS = ["rows", "cols", "pes", "bytes_per_cycle", "batch", "cycles_per_image",
                "images_per_s_at_200MHz", "accuracy"]


def csv_num(x):
    """A number for the CSV: integers bare, the rest to 10 significant digits."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.10g}"
    return str(x)


def num(x, digits=1):
    """A number for the README: integers bare, the rest to `digits` decimals."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.{digits}f}"


def ratio(a, b):
    return a / b if b else float("inf")


def span(values, fmt="{:.2f}", sep="–"):
    lo, hi = min(values), max(values)
    return fmt.format(lo) if fmt.format(lo) == fmt.format(hi) else fmt.format(lo) + sep + fmt.format(hi)


def shape(c):
    return f"{c['rows']}x{c['cols']}"


configs = []
with open(manifest) as f:
    for line in f:
        tag, rows, cols, bw, batch, images, status, path, error, shown = line.rstrip("\n").split("\t")
        c = {"tag": tag, "rows": int(rows), "cols": int(cols), "bw": int(bw), "batch": int(batch),
             "images": int(images), "status": status, "error": error, "shown": shown}
        c["pes"] = c["rows"] * c["cols"]
        if status == "ok":
            with open(path) as jf:
                c["json"] = json.load(jf)
        configs.append(c)
ok = [c for c in configs if c["status"] == "ok"]
failed = [c for c in configs if c["status"] != "ok"]

# The CSVs.
layer_rows = []
for c in ok:
    for l in c["json"]["layers"]:
        layer_rows.append({
            "rows": c["rows"], "cols": c["cols"], "pes": c["pes"],
            "dram_bytes_per_cycle": c["bw"], "batch": c["batch"], "layer": l["name"],
            "macs": l["macs"], "cycles": l["cycles"], "ideal_cycles": l["ideal_cycles"],
            "utilization": l["utilization"], "stall_cycles": l["stall_cycles"],
            "dram_stall": l["stalls"]["dram"], "bank_stall": l["stalls"]["bank"],
            "drain_stall": l["stalls"]["drain"], "dram_read_bytes": l["dram_read_bytes"],
            "dram_write_bytes": l["dram_write_bytes"],
            "act_reads": l["buffers"]["act"]["reads"], "act_writes": l["buffers"]["act"]["writes"],
            "wgt_reads": l["buffers"]["wgt"]["reads"], "wgt_writes": l["buffers"]["wgt"]["writes"],
        })
summary_rows = []
for c in ok:
    cpi = c["json"]["cycles_per_image"]
    summary_rows.append({
        "rows": c["rows"], "cols": c["cols"], "pes": c["pes"], "bytes_per_cycle": c["bw"],
        "batch": c["batch"], "cycles_per_image": cpi,
        "images_per_s_at_200MHz": round(CLOCK_HZ / cpi, 2) if cpi else 0.0,
        "accuracy": c["json"]["accuracy"],
    })
for name, cols, rows in (("layers.csv", LAYER_COLS, layer_rows),
                         ("summary.csv", SUMMARY_COLS, summary_rows)):
    with open(os.path.join(out, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([csv_num(r[k]) for k in cols])

# Read back what was written: every number below comes from the CSVs.
with open(os.path.join(out, "summary.csv")) as f:
    summary = [{k: (v if k == "layer" else float(v)) for k, v in r.items()} for r in csv.DictReader(f)]
with open(os.path.join(out, "layers.csv")) as f:
    layers = [{k: (v if k == "layer" else float(v)) for k, v in r.items()} for r in csv.DictReader(f)]


def key(r):
    bw = r["bytes_per_cycle"] if "bytes_per_cycle" in r else r["dram_bytes_per_cycle"]
    return (int(r["rows"]), int(r["cols"]), int(bw), int(r["batch"]))


S = {key(r): r for r in summary}
L = {}
for r in layers:
    L.setdefault(key(r), []).append(r)
layer_names = [r["layer"] for r in L[key(summary[0])]] if summary else []


def lay(k, name):
    return next(r for r in L[k] if r["layer"] == name)


# README.
md = []
md.append("# Accelerator sweep: array shape x DRAM bandwidth\n")
md.append("The seed CNN (default formats fp8_e4m3 x fp8, default weights) on the cycle-level "
          "accelerator model, `mxaccel sim`. Generated from the repository's root by\n")
md.append("```sh\n" + command + "\n```\n")
md.append(f"at commit {commit}. Per configuration the script ran (`FILE`: a temporary JSON "
          "report, then read into the CSVs):\n")
md.append("```\n" + "\n".join(c["shown"] for c in configs) + "\n```\n")
if ok:
    j = ok[0]["json"]
    cfg = j["config"]
    fixed = ", ".join(f"{k}={v}" for k, v in cfg.items()
                      if k not in ("rows", "cols", "dram_bytes_per_cycle", "batch", "act_buf_kib"))
    acts = sorted({(c["batch"], c["json"]["config"]["act_buf_kib"]) for c in ok})
    md.append(f"Other hardware parameters, the same in every run: {fixed}; act_buf_kib "
              + ", ".join(f"{a} at batch {b}" for b, a in acts) + ".\n")
    weights = j["weights"]
    if weights.startswith(root + os.sep):
        weights = os.path.relpath(weights, root)
    md.append(f"Weights `{weights}`, test images from `{j['data']}`.\n")
imgs = sorted({(c["batch"], c["images"]) for c in configs})
md.append("Every figure is per image. The timing does not depend on the data; each configuration ran "
          + ", ".join(f"{n} images at batch {b}" for b, n in imgs)
          + " (a batched run takes a whole number of batches, so a short last batch does not skew "
          "its average; its accuracy is over those images). `layers.csv` and `summary.csv` hold "
          "the numbers; `images_per_s_at_200MHz` is 200e6 / cycles_per_image and `accuracy` is in %.\n")

md.append("## Summary\n")
md.append("| " + " | ".join(SUMMARY_COLS) + " |")
md.append("|" + "---:|" * len(SUMMARY_COLS))
for r in summary:
    md.append("| " + " | ".join(
        f"{r[k]:.2f}" if k in ("images_per_s_at_200MHz", "accuracy") else num(r[k])
        for k in SUMMARY_COLS) + " |")
md.append("")
if failed:
    md.append("Configurations that did not run:\n")
    for c in failed:
        md.append(f"* {shape(c)}, {c['bw']} B/cycle, batch {c['batch']}: {c['status']}, "
                  f"`{c['error']}`")
    md.append("")
md.append("![cycles per image against PEs](cycles_vs_pes.svg)\n")

# Observations, each computed from the CSVs; a claim is made only when it holds.
obs = []
base = sorted((k for k in S if k[3] == 1), key=lambda k: (k[0] * k[1], k[2]))
pes_of = lambda k: k[0] * k[1]
shapes = sorted({(k[0], k[1]) for k in base}, key=lambda s: s[0] * s[1])
bws = sorted({k[2] for k in base})
if base:
    dom = {k: max(L[k], key=lambda r: r["cycles"]) for k in base}
    names = {dom[k]["layer"] for k in base}
    shares = [100 * dom[k]["cycles"] / S[k]["cycles_per_image"] for k in base]
    if len(names) == 1:
        d = names.pop()
        s = (f"{d} takes the most cycles in every batch-1 configuration, "
             f"{span(shares, '{:.0f}')}% of the cycles per image")
        reads = {lay(k, d)["dram_read_bytes"] for k in base}
        tot = [sum(r["dram_read_bytes"] for r in L[k]) for k in base]
        if len(reads) == 1:
            rd = reads.pop()
            s += (f"; it reads {num(rd)} bytes from DRAM per image in every shape, "
                  f"{span([100 * rd / t for t in tot], '{:.1f}')}% of all DRAM reads")
        obs.append(s + ".")
    else:
        obs.append("The layer with the most cycles differs between configurations: " + "; ".join(
            f"{k[0]}x{k[1]} at {k[2]} B/cycle: {dom[k]['layer']} ({100 * dom[k]['cycles'] / S[k]['cycles_per_image']:.0f}%)"
            for k in base) + ".")
if len(shapes) >= 2 and base:
    s0, s1 = shapes[0], shapes[-1]
    p0, p1 = s0[0] * s0[1], s1[0] * s1[1]
    sp = {bw: ratio(S[(*s0, bw, 1)]["cycles_per_image"], S[(*s1, bw, 1)]["cycles_per_image"])
          for bw in bws if (*s0, bw, 1) in S and (*s1, bw, 1) in S}
    if sp:
        s = (f"Going from {p0} to {p1} PEs ({p1 // p0}x) cuts the cycles per image by "
             + ", ".join(f"{v:.2f}x at {bw}" for bw, v in sp.items()) + " B/cycle")
        conv = [n for n in layer_names if n.startswith("conv")]
        if conv:
            cs = [ratio(sum(lay((*s0, bw, 1), n)["cycles"] for n in conv),
                        sum(lay((*s1, bw, 1), n)["cycles"] for n in conv)) for bw in sp]
            s += f": the conv layers ({' + '.join(conv)}) get {span(cs)}x faster"
        if "fc1" in layer_names:
            spread = [100 * (max(lay((*sh, bw, 1), "fc1")["cycles"] for sh in shapes)
                             - min(lay((*sh, bw, 1), "fc1")["cycles"] for sh in shapes))
                      / max(lay((*sh, bw, 1), "fc1")["cycles"] for sh in shapes) for bw in sp]
            s += (f"{', but' if conv else ': but'} fc1's cycles differ by at most {max(spread):.1f}% "
                  "across the shapes at each bandwidth")
        obs.append(s + ".")
if len(bws) >= 3 and base:
    lo, mid, hi = bws[0], bws[1], bws[-1]
    a = [ratio(S[(*sh, lo, 1)]["cycles_per_image"], S[(*sh, mid, 1)]["cycles_per_image"]) for sh in shapes]
    b = [ratio(S[(*sh, mid, 1)]["cycles_per_image"], S[(*sh, hi, 1)]["cycles_per_image"]) for sh in shapes]
    s = (f"Raising the DRAM bandwidth from {lo} to {mid} B/cycle ({mid / lo:g}x) makes an image "
         f"{span(a)}x faster, from {mid} to {hi} B/cycle ({hi / mid:g}x) only {span(b)}x")
    if "fc1" in layer_names:
        eff = [lay((*sh, hi, 1), "fc1")["dram_read_bytes"] / lay((*sh, hi, 1), "fc1")["cycles"]
               for sh in shapes]
        s += (f": at {hi} B/cycle fc1 moves {span(eff, '{:.1f}')} bytes per cycle")
        if ok:
            cfg = ok[0]["json"]["config"]
            bound = cfg["dram_outstanding"] * cfg["dram_burst_bytes"] / cfg["dram_latency"]
            if max(eff) <= bound < hi:
                s += (f", within the {bound:g} B/cycle that {cfg['dram_outstanding']} outstanding "
                      f"{cfg['dram_burst_bytes']}-byte requests over a {cfg['dram_latency']}-cycle "
                      "latency can sustain")
    obs.append(s + ".")
if base:
    tot = {t: sum(lay(k, n)[f"{t}_stall"] for k in base for n in layer_names) for t in ("dram", "bank", "drain")}
    all_stalls = sum(tot.values())
    if all_stalls:
        s = f"DRAM waits are {100 * tot['dram'] / all_stalls:.1f}% of all array stall cycles in the batch-1 runs"
        for t, what in (("bank", "bank-conflict"), ("drain", "drain")):
            hits = [(k, n) for k in base for n in layer_names if lay(k, n)[f"{t}_stall"] > 0]
            if not hits:
                s += f"; there are no {what} stalls"
                continue
            where = sorted({n for _, n in hits})
            at = sorted({(k[0], k[1]) for k, _ in hits}, key=lambda x: x[0] * x[1])
            vals = [lay(k, n)[f"{t}_stall"] for k, n in hits]
            s += (f"; {what} stalls appear only in {' and '.join(where)} at "
                  f"{', '.join(f'{x[0]}x{x[1]}' for x in at)} ({span(vals, '{:.0f}')} cycles per image")
            if len(where) == 1 and all(lay(k, n)[f"{t}_stall"] == lay(k, n)["ideal_cycles"] for k, n in hits):
                s += ", as many as the layer's ideal cycles"
            s += ")"
        obs.append(s + ".")
bat = sorted((k for k in S if k[3] != 1), key=lambda k: k[0] * k[1])
if bat:
    parts, red, same = [], [], True
    for k in bat:
        k1 = (k[0], k[1], k[2], 1)
        if k1 not in S:
            continue
        parts.append(f"{ratio(S[k1]['cycles_per_image'], S[k]['cycles_per_image']):.2f}x at {k[0]}x{k[1]}")
        if "fc1" in layer_names:
            red.append(ratio(lay(k1, "fc1")["dram_read_bytes"], lay(k, "fc1")["dram_read_bytes"]))
        for n in layer_names:
            if n.startswith("conv") and lay(k, n)["cycles"] != lay(k1, n)["cycles"]:
                same = False
    if parts:
        s = (f"Against batch 1, batch {bat[0][3]} at {bat[0][2]} B/cycle cuts the cycles per image "
             + ", ".join(parts))
        if red:
            s += f": fc1 reads {span(red)}x fewer DRAM bytes per image (its weights are reused across the batch)"
        if same:
            s += ", while the conv layers take exactly the cycles they take at batch 1"
        obs.append(s + ".")
if obs:
    md.append("## Observations\n")
    md.extend(f"* {o}" for o in obs)
    md.append("")

# Checks on the data, as notes.
notes = []
sums = [abs(sum(r["cycles"] for r in L[k]) - S[k]["cycles_per_image"]) <= 1e-6 * S[k]["cycles_per_image"]
        for k in S]
if S:
    notes.append("The layers' cycles add up to cycles_per_image in "
                 + ("every configuration." if all(sums) else f"{sum(sums)} of {len(sums)} configurations."))
if len(ok) > 1:
    n = min(len(c["json"]["predictions"]) for c in ok)
    ref = ok[0]["json"]["predictions"][:n]
    diff = [c for c in ok if c["json"]["predictions"][:n] != ref]
    notes.append(f"The predicted classes of the first {n} images are "
                 + ("the same in every configuration." if not diff else
                    "different in " + ", ".join(f"{shape(c)} {c['bw']} B/cycle batch {c['batch']}" for c in diff) + "."))
frac = sorted({r["layer"] for r in layers if not float(r["ideal_cycles"]).is_integer()})
if frac:
    notes.append("ideal_cycles is mxaccel's ceil(MACs of all images / peak MACs per cycle) divided by "
                 "the images, so it can be fractional and change slightly with the image count ("
                 + ", ".join(frac) + " here).")
if notes:
    md.append("Notes: " + " ".join(notes) + "\n")

md.append("## Per layer\n")
md.append("Per image; utilization = MACs / (cycles x peak MACs per cycle); stalls are cycles the "
          "array waited (DRAM data, buffer bank conflicts, output drain).\n")
HEAD = ["layer", "MACs", "cycles", "ideal", "util %", "stalls", "dram", "bank", "drain",
        "DRAM read B", "DRAM write B"]
for k in sorted(S, key=lambda k: (k[3], k[0] * k[1], k[2])):
    md.append(f"### {k[0]}x{k[1]} ({k[0] * k[1]} PEs), {k[2]} B/cycle, batch {k[3]}: "
              f"{num(S[k]['cycles_per_image'])} cycles per image\n")
    md.append("| " + " | ".join(HEAD) + " |")
    md.append("|:---|" + "---:|" * (len(HEAD) - 1))
    rows = L[k]
    total = {"layer": "total"}
    for f in ("macs", "cycles", "ideal_cycles", "stall_cycles", "dram_stall", "bank_stall",
              "drain_stall", "dram_read_bytes", "dram_write_bytes"):
        total[f] = sum(r[f] for r in rows)
    total["utilization"] = ratio(sum(r["utilization"] * r["cycles"] for r in rows), total["cycles"])
    for r in rows + [total]:
        b = "**" if r is total else ""
        md.append("| " + " | ".join(b + x + b for x in [
            r["layer"], num(r["macs"]), num(r["cycles"]), num(r["ideal_cycles"]),
            f"{100 * r['utilization']:.1f}", num(r["stall_cycles"]), num(r["dram_stall"]),
            num(r["bank_stall"]), num(r["drain_stall"]), num(r["dram_read_bytes"]),
            num(r["dram_write_bytes"])]) + " |")
    md.append("")

with open(os.path.join(out, "README.md"), "w") as f:
    f.write("\n".join(md).rstrip("\n") + "\n")
print(f"accel_sweep: {len(ok)} configuration(s) ran, {len(failed)} failed; wrote "
      f"{os.path.join(out, 'layers.csv')}, summary.csv, README.md")
PY

gnuplot -c "$root/scripts/accel_sweep.gp" "$out/summary.csv" "$out/cycles_vs_pes.svg" "${BANDWIDTHS[*]}"
echo "accel_sweep: wrote $out/cycles_vs_pes.svg"
