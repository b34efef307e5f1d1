#!/usr/bin/env python3
"""Tables and plots of reports/training/ from the sweeps' own records.

Reads the cuda-kernel sweep (10 epochs), the torch-cpu first-epoch sweep
(--trace-nonfinite) and the seed's table, and writes:
  cuda-kernel.md      our 5 x 5 table, the seed's, the differences, the
                      fidelity criteria cell by cell
  cuda-kernel.csv     the sweep's CSV, every cell and epoch
  torch-cpu-epoch1.md where each cell's first epoch goes non-finite
  torch-cpu-epoch1.csv
  fp16.md             the fp16 column: against the seed, non-finite gradients
                      in every cell, parameters lost, the first overflow's
                      bits (--trace-grad), epoch by epoch with its counters
  nan.md              the first non-finite value and the first NaN of the
                      seed's configuration in torch-cpu and cuda-kernel, and
                      what each profile's elementwise fp8 makes of that NaN
  plots/accuracy-<matmul>.svg (+ .dat): accuracy per epoch, one line per
                      elementwise format, the seed's epochs 5 and 10 as points
Plots are drawn by gnuplot (Debian's gnuplot-nox). Python standard library
only. Missing cells and epochs print as "-", so a partial sweep reports
what it has.

usage: training_report.py --mxaccel BIN --cuda DIR --torch DIR --nan-torch DIR
                          --nan-cuda DIR --untraced DIR [--grad DIR] --seed CSV
                          --out DIR
"""
import argparse
import array
import csv
import hashlib
import json
import math
import os
import shutil
import struct
import subprocess
import sys

MATMUL = ["int2", "int8", "fp8_e4m3", "fp8_e5m2", "bfloat16"]
ELEM = ["bfloat16", "fp16", "fp12", "fp10", "fp8"]
# The fidelity criteria: these rows and columns within TOLERANCE of the
# seed after epochs 5 and 10 and at least FLOOR after 10; int2 below CEILING.
CHECKED_ROWS = ["int8", "fp8_e4m3", "fp8_e5m2", "bfloat16"]
CHECKED_COLS = ["bfloat16", "fp12", "fp10", "fp8"]
TOLERANCE, FLOOR, INT2_CEILING = 1.5, 90.0, 88.0
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]  # one per ELEM


def fail(msg):
    sys.exit(f"training_report: {msg}")


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def per_cell(rows):
    """{(matmul, elem): {"epochs": {n: row}, "stop": row or None}}"""
    cells = {}
    for r in rows:
        c = cells.setdefault((r["matmul"], r["elem"]), {"epochs": {}, "stop": None})
        if r["stop_op"]:
            c["stop"] = r
        else:
            c["epochs"][int(r["epoch"])] = r
    return cells


def acc(cells, m, e, epoch):
    """accuracy_torch after an epoch, or None."""
    row = cells.get((m, e), {"epochs": {}})["epochs"].get(epoch)
    return float(row["accuracy_torch"]) if row else None


def fmt(v, sign=False):
    if v is None:
        return "-"
    return f"{v:+.2f}" if sign else f"{v:.2f}"


def pair(a, b, sign=False):
    return f"{fmt(a, sign)} / {fmt(b, sign)}"


def grid(title, value):
    lines = [title, "", "| MatMul \\ Elem | " + " | ".join(ELEM) + " |",
             "|---|" + "---|" * len(ELEM)]
    for m in MATMUL:
        lines.append(f"| {m} | " + " | ".join(value(m, e) for e in ELEM) + " |")
    return lines + [""]


def criteria(cells, seed):
    """Each checked cell: (matmul, elem, verdict, why)."""
    out = []
    for m in CHECKED_ROWS:
        for e in CHECKED_COLS:
            ours = [acc(cells, m, e, n) for n in (5, 10)]
            if None in ours:
                out.append((m, e, "pending", "epochs missing"))
                continue
            d = [ours[i] - seed[(m, e)][i] for i in range(2)]
            bad = [f"epoch {n}: {x:+.2f}" for n, x in zip((5, 10), d) if abs(x) > TOLERANCE]
            if ours[1] < FLOOR:
                bad.append(f"{ours[1]:.2f} < {FLOOR:.0f} after 10")
            out.append((m, e, "fail" if bad else "pass", "; ".join(bad) or "within"))
    for e in ELEM:
        ours = [acc(cells, "int2", e, n) for n in range(1, 11)]
        done = [x for x in ours if x is not None]
        if len(done) < 10:
            out.append(("int2", e, "pending", f"{len(done)} of 10 epochs"))
        else:
            top = max(done)
            out.append(("int2", e, "pass" if top < INT2_CEILING else "fail",
                        f"best epoch {top:.2f}"))
    return out


def cuda_report(sweep, cells, seed, command):
    ours = grid("Ours (test accuracy %, epochs 5 / 10, scored as torch.argmax):",
                lambda m, e: pair(acc(cells, m, e, 5), acc(cells, m, e, 10)))
    theirs = grid("The seed's (microxcaling, CUDA kernels):",
                  lambda m, e: pair(*seed[(m, e)]))

    def diff(m, e):
        a = [acc(cells, m, e, n) for n in (5, 10)]
        return pair(*[None if a[i] is None else a[i] - seed[(m, e)][i] for i in range(2)],
                    sign=True)

    diffs = grid("Ours minus the seed's (points):", diff)
    crit = criteria(cells, seed)
    verdicts = [c[2] for c in crit]
    lines = ["# cuda-kernel profile: the 5 x 5 table", "",
             "Generated by `scripts/training_report.py` from the sweep made with", "",
             f"    {command}", ""]
    lines += ours + theirs + diffs
    lines += ["Criteria: rows " + ", ".join(CHECKED_ROWS) + " x columns " +
              ", ".join(CHECKED_COLS) + f" within +-{TOLERANCE} points of the seed after"
              f" epochs 5 and 10 and >= {FLOOR:.0f}% after 10; every int2 cell below"
              f" {INT2_CEILING:.0f}% after every epoch. "
              f"{verdicts.count('pass')} pass, {verdicts.count('fail')} fail, "
              f"{verdicts.count('pending')} pending.", "",
              "| cell | verdict | detail |", "|---|---|---|"]
    lines += [f"| {m} x {e} | {v} | {why} |" for m, e, v, why in crit]
    nan_cells = [(m, e) for (m, e), c in sorted(cells.items())
                 if any(float(r["test_nan_rows"]) > 0 for r in c["epochs"].values())]
    lines += ["", "Cells with test images whose log-probabilities hold a NaN (accuracy"
              " then scored as torch.argmax: the first NaN is the prediction): " +
              (", ".join(f"{m} x {e}" for m, e in nan_cells) or "none") + "."]
    same = same_weight_groups(sweep, cells)
    lines += ["", "Finished cells that ended with the same weights, bit for bit (SHA-256 of"
              " the tensors in each cell's weights.safetensors): " +
              ("; ".join(" = ".join(g) for g in same) or "none") + "."]
    if same and all(c.endswith(" x fp8") for g in same for c in g):
        lines[-1] += (" They trained identically: every matmul input is quantized"
                      " elementwise first, and an MX block of elementwise fp8 values comes"
                      " back unchanged from fp8_e5m2 and bfloat16 always, and from fp8_e4m3"
                      " when its values lie within 15 binades of the block's largest"
                      " (tests/golden/test_mx_exact_on_fp8_grid.cc).")
    return "\n".join(lines) + "\n"


def torch_report(cells, command):
    lines = ["# torch-cpu profile: the first epoch of every cell", "",
             "Generated by `scripts/training_report.py` from the sweep made with", "",
             f"    {command}", "",
             "Each cell stops at its first non-finite value (forward or backward),"
             " before that batch's optimizer step. Batches count from 0 within the"
             " epoch (937 full batches of 64 and one of 32). Bits are fp32 hex.", "",
             "| matmul | elem | first non-finite | op | tensor | inputs | output |",
             "|---|---|---|---|---|---|---|"]
    for m in MATMUL:
        for e in ELEM:
            c = cells.get((m, e))
            if c is None:
                lines.append(f"| {m} | {e} | - | | | | |")
            elif c["stop"]:
                s = c["stop"]
                lines.append(f"| {m} | {e} | batch {s['stop_batch']} | {s['stop_op']} |"
                             f" {s['stop_tensor']}[{s['stop_index']}] |"
                             f" {s['stop_inputs']} | {s['stop_output']} |")
            elif 1 in c["epochs"]:
                r = c["epochs"][1]
                lines.append(f"| {m} | {e} | none in epoch 1 ({float(r['accuracy_torch']):.2f}%) |"
                             " | | | |")
            else:
                lines.append(f"| {m} | {e} | - | | | | |")
    return "\n".join(lines) + "\n"


def read_report(sweep, m, e):
    path = os.path.join(sweep, f"{m}__{e}", "train.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def read_safetensors(weights):
    """(header without metadata, data bytes) of a safetensors file, or None."""
    if not os.path.exists(weights):
        return None
    with open(weights, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    header.pop("__metadata__", None)
    return header, blob[8 + n:]


def param_health(weights):
    """{tensor: (NaN or Inf values, values)} of a safetensors file, or None."""
    st = read_safetensors(weights)
    if st is None:
        return None
    header, data = st
    out = {}
    for name, t in header.items():
        if t["dtype"] != "F32":
            fail(f"{weights}: {name} is {t['dtype']}, expected F32")
        begin, end = t["data_offsets"]
        vals = array.array("f")
        vals.frombytes(data[begin:end])
        out[name] = (sum(1 for v in vals if not math.isfinite(v)), len(vals))
    return out


def weights_digest(weights):
    """SHA-256 of a safetensors file's tensors (names, shapes, bits), or None:
    equal for two runs exactly when they ended with the same weights."""
    st = read_safetensors(weights)
    if st is None:
        return None
    header, data = st
    h = hashlib.sha256(json.dumps(header, sort_keys=True).encode())
    h.update(data)
    return h.hexdigest()


def same_weight_groups(sweep, cells):
    """Groups (2 or more) of finished cells whose final weights are identical."""
    groups = {}
    for (m, e), c in sorted(cells.items(), key=lambda kv: (MATMUL.index(kv[0][0]),
                                                           ELEM.index(kv[0][1]))):
        if len(c["epochs"]) < 10:
            continue
        d = weights_digest(os.path.join(sweep, f"{m}__{e}", "weights.safetensors"))
        if d is not None:
            groups.setdefault(d, []).append(f"{m} x {e}")
    return [g for g in groups.values() if len(g) > 1]


def grad_trace_rows(grad_sweep):
    """The fp16 column's first non-finite gradient per matmul (--trace-grad)."""
    lines = ["| MatMul | first non-finite gradient | op | tensor[index] | input bits (g, p)"
             " | output bits |", "|---|---|---|---|---|---|"]
    for m in MATMUL:
        rep = read_report(grad_sweep, m, "fp16") if grad_sweep else None
        r = None if rep is None else rep.get("nonfinite")
        if r is None:
            what = "not run" if rep is None else f"none in {len(rep['epochs'])} epochs"
            lines.append(f"| {m} | {what} | | | | |")
            continue
        lines.append(f"| {m} | epoch {r['epoch']}, batch {r['batch']} | {r['op']} |"
                     f" {r['tensor']}[{r['index']}] | {' '.join(r['input_bits']) or 'none'} |"
                     f" {r['output_bits']} |")
    return lines


def fp16_report(sweep, cells, seed, grad_sweep):
    lines = ["# The fp16 column, epoch by epoch", "",
             "Generated by `scripts/training_report.py` from the cuda-kernel sweep's"
             " per-cell reports (`train.json`, `weights.safetensors`) and the fp16"
             " column trained again with `--trace-grad`.", "",
             "fp16 against the seed (test accuracy %, epochs 5 / 10):", "",
             "| MatMul | seed | ours | first epoch with a non-finite gradient"
             " | non-finite gradient batches (all epochs) | dead parameters at the end |",
             "|---|---|---|---|---|---|"]
    for m in MATMUL:
        rep = read_report(sweep, m, "fp16")
        eps = rep["epochs"] if rep else []
        first = next((ep["epoch"] for ep in eps if ep["nonfinite_grad_batches"] > 0), None)
        health = param_health(os.path.join(sweep, f"{m}__fp16", "weights.safetensors"))
        dead = "-" if health is None or len(eps) < 10 else (
            ", ".join(f"{k} {bad}/{n}" for k, (bad, n) in sorted(health.items()) if bad)
            or "none")
        lines.append(
            f"| {m} | {pair(*seed[(m, 'fp16')])} |"
            f" {pair(acc(cells, m, 'fp16', 5), acc(cells, m, 'fp16', 10))} |"
            f" {first if first else ('none' if eps else '-')} |"
            f" {sum(ep['nonfinite_grad_batches'] for ep in eps) if eps else '-'} | {dead} |")
    lines += [""] + grid(
        "Batches with a non-finite parameter gradient, summed over the epochs run, every"
        " cell (the mechanism is fp16's alone if only its column has any):",
        lambda m, e: (str(sum(int(r["nonfinite_grad_batches"])
                              for r in cells[(m, e)]["epochs"].values()))
                      if (m, e) in cells and cells[(m, e)]["epochs"] else "-"))
    lines += ["The first non-finite gradient of each fp16 cell (`mxaccel sweep --elem fp16"
              " --trace-grad`: the forward and log's backward g / 0 with p = 0 do not"
              " stop it), fp32 bits:", ""] + grad_trace_rows(grad_sweep) + [""]
    lines += ["Per epoch: test accuracy scored as torch.argmax and with NaN rows counted"
              " wrong, test images with a NaN log-probability, training batches with a"
              " non-finite loss or gradient, non-finite weights after the epoch, and the"
              " forward quantization points with the most values overflowed to Inf,"
              " turned NaN or flushed to zero over the epoch's training batches.", ""]
    for m in MATMUL:
        rep = read_report(sweep, m, "fp16")
        lines += [f"## {m} x fp16", ""]
        if rep is None:
            lines += ["(not run yet)", ""]
            continue
        lines += ["| epoch | acc (torch) | acc | NaN test rows | non-finite loss / grad batches"
                  " | non-finite weights | overflowed | NaN | flushed |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for ep in rep["epochs"]:
            qs = ep.get("quant_stats") or {}

            def top(key):
                pts = sorted(((v[key], k) for k, v in qs.items() if v[key] > 0), reverse=True)
                return ", ".join(f"{k} {n}" for n, k in pts[:3]) or "0"

            lines.append(
                f"| {ep['epoch']} | {ep.get('accuracy_torch', ep['accuracy']):.2f} |"
                f" {ep['accuracy']:.2f} | {ep['test_nan_rows']} |"
                f" {ep['nonfinite_loss_batches']} / {ep['nonfinite_grad_batches']} |"
                f" {ep['nonfinite_weights']} | {top('overflowed')} | {top('nan')} |"
                f" {top('flushed')} |")
        lines.append("")
    return "\n".join(lines)


def stop_record(sweep, m="fp8_e4m3", e="fp8"):
    """The cell's trace; None when it ran through, "missing" when it has not run."""
    rep = read_report(sweep, m, e)
    return "missing" if rep is None else rep.get("nonfinite")


def quant_bits(mxaccel, words, profile):
    """fp8 elementwise quantization of fp32 words by mxaccel quant, as hex."""
    run = subprocess.run([mxaccel, "quant", "--format", "fp8", "--profile", profile],
                         input="\n".join(words) + "\n", text=True, capture_output=True)
    if run.returncode != 0:
        fail(f"mxaccel quant: {run.stderr.strip()}")
    return run.stdout.split()


def nan_report(mxaccel, torch_sweep, nan_torch, nan_cuda, untraced):
    lines = ["# The seed's NaN question, in bits", "",
             "Generated by `scripts/training_report.py`. Configuration: fp8_e4m3 MX"
             " matmuls, fp8 elementwise, seed 1, the seed's recipe; batches count from"
             " 0 within epoch 1. Bits are fp32 hex.", "",
             "| run | stops at | op | tensor[index] | input bits | output bits |",
             "|---|---|---|---|---|---|"]
    runs = [("torch-cpu, first non-finite value", stop_record(torch_sweep)),
            ("torch-cpu, first NaN", stop_record(nan_torch)),
            ("cuda-kernel, first NaN", stop_record(nan_cuda))]
    for name, r in runs:
        if r is None or r == "missing":
            what = "none in epoch 1" if r is None else "not run"
            lines.append(f"| {name} | {what} | | | | |")
            continue
        lines.append(f"| {name} | batch {r['batch']} | {r['op']} | {r['tensor']}[{r['index']}] |"
                     f" {' '.join(r['input_bits']) or 'none'} | {r['output_bits']} |")
    nan = stop_record(nan_torch)
    words = ([nan["output_bits"]] if isinstance(nan, dict) else []) + ["7fffffff", "ffc00000"]
    words = list(dict.fromkeys(words))
    lines += ["", "The next operation on a backward value is the elementwise quantization"
              " Qe to fp8 (docs/training.md). What it makes of NaN bit patterns"
              " (`mxaccel quant --format fp8 --profile P`): 0x7fffffff is the NaN every"
              " GPU operation produces, 0xffc00000 the x86 default NaN.", "",
              "| input | torch-cpu Qe | cuda-kernel Qe |", "|---|---|---|"]
    cpu = quant_bits(mxaccel, words, "torch-cpu")
    gpu = quant_bits(mxaccel, words, "cuda-kernel")
    lines += [f"| {w} | {c} | {g} |" for w, c, g in zip(words, cpu, gpu)]
    rep = read_report(untraced, "fp8_e4m3", "fp8")
    lines += ["", "torch-cpu's first epoch of the same run without a trace:", ""]
    if rep is None or not rep["epochs"]:
        lines.append("(not run)")
    else:
        ep = rep["epochs"][0]
        lines.append(
            f"accuracy {ep.get('accuracy_torch', ep['accuracy']):.2f}% scored as torch.argmax"
            f" ({ep['accuracy']:.2f}% with NaN rows wrong; {ep['test_nan_rows']} of"
            f" {ep['test_images']} test images with a NaN log-probability),"
            f" {ep['nonfinite_loss_batches']} of {ep['batches']} batches with a non-finite"
            f" loss, {ep['nonfinite_grad_batches']} with a non-finite gradient,"
            f" {ep['nonfinite_weights']} non-finite weights at the end of the epoch.")
    return "\n".join(lines) + "\n"


def plots(cells, seed, out):
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None:
        fail("gnuplot not found (Debian package gnuplot-nox; scripts/setup.sh installs it)")
    pdir = os.path.join(out, "plots")
    os.makedirs(pdir, exist_ok=True)
    for m in MATMUL:
        dat = os.path.join(pdir, f"accuracy-{m}.dat")
        with open(dat, "w") as f:
            f.write("# epoch " + " ".join(ELEM) + " (accuracy_torch %, ? = not run)\n")
            for n in range(1, 11):
                vals = [acc(cells, m, e, n) for e in ELEM]
                f.write(f"{n} " + " ".join("?" if v is None else f"{v:.2f}" for v in vals) + "\n")
            f.write("\n\n# the seed's: epoch " + " ".join(ELEM) + "\n")
            for i, n in enumerate((5, 10)):
                f.write(f"{n} " + " ".join(f"{seed[(m, e)][i]:.2f}" for e in ELEM) + "\n")
        # A format not run yet has no line (gnuplot warns about empty series).
        lines = ", ".join(
            f"'accuracy-{m}.dat' index 0 using 1:{i + 2} with linespoints lc rgb '{COLORS[i]}'"
            f" pt 7 ps 0.6 title '{e}', '' index 1 using 1:{i + 2} with points"
            f" lc rgb '{COLORS[i]}' pt 6 ps 1.6 notitle" for i, e in enumerate(ELEM)
            if any(acc(cells, m, e, n) is not None for n in range(1, 11)))
        if not lines:
            continue
        script = (
            "set terminal svg size 640,420 dynamic font 'sans,11'\n"
            f"set output 'accuracy-{m}.svg'\n"
            "set datafile missing '?'\n"
            f"set title 'matmul {m}, cuda-kernel: test accuracy per epoch (rings: the seed)'\n"
            "set xlabel 'epoch'\nset ylabel 'test accuracy (%)'\n"
            "set xrange [0.5:10.5]\nset xtics 1\nset key bottom right\nset grid\n"
            f"plot {lines}\n")
        subprocess.run([gnuplot], input=script, text=True, cwd=pdir, check=True)


def sweep_command(sweep):
    """The command line a cell's log recorded, as the sweep's (cell options dropped)."""
    for m in MATMUL:
        for e in ELEM:
            log = os.path.join(sweep, f"{m}__{e}", "train.log")
            if os.path.exists(log):
                with open(log) as f:
                    for line in f:
                        if line.startswith("== ") and "mxaccel train" in line:
                            return line.split(": ", 1)[1].strip()
    return "(no cell log)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mxaccel", required=True, help="the mxaccel binary (for quant)")
    ap.add_argument("--cuda", required=True, help="cuda-kernel sweep directory")
    ap.add_argument("--nan-torch", required=True, help="torch-cpu --trace-nan sweep directory")
    ap.add_argument("--nan-cuda", required=True, help="cuda-kernel --trace-nan sweep directory")
    ap.add_argument("--untraced", required=True,
                    help="torch-cpu fp8_e4m3 / fp8 one-epoch sweep directory, no trace")
    ap.add_argument("--torch", required=True, help="torch-cpu first-epoch sweep directory")
    ap.add_argument("--grad", default="",
                    help="cuda-kernel fp16-column --trace-grad sweep directory")
    ap.add_argument("--seed", required=True, help="the seed's table (CSV)")
    ap.add_argument("--cuda-command", default="", help="the cuda-kernel sweep's command")
    ap.add_argument("--torch-command", default="", help="the torch-cpu sweep's command")
    ap.add_argument("--out", required=True, help="report directory")
    a = ap.parse_args()
    seed = {(r["matmul"], r["elem"]): (float(r["acc5"]), float(r["acc10"]))
            for r in read_csv(a.seed)}
    if len(seed) != len(MATMUL) * len(ELEM):
        fail(f"{a.seed}: expected {len(MATMUL) * len(ELEM)} cells, found {len(seed)}")
    os.makedirs(a.out, exist_ok=True)
    cuda = per_cell(read_csv(os.path.join(a.cuda, "results.csv")))
    torch = per_cell(read_csv(os.path.join(a.torch, "results.csv")))
    outputs = {
        "cuda-kernel.md": cuda_report(a.cuda, cuda, seed, a.cuda_command or sweep_command(a.cuda)),
        "torch-cpu-epoch1.md": torch_report(torch, a.torch_command or sweep_command(a.torch)),
        "fp16.md": fp16_report(a.cuda, cuda, seed, a.grad),
        "nan.md": nan_report(a.mxaccel, a.torch, a.nan_torch, a.nan_cuda, a.untraced),
    }
    for name, text in outputs.items():
        with open(os.path.join(a.out, name), "w") as f:
            f.write(text)
    for src, name in ((a.cuda, "cuda-kernel.csv"), (a.torch, "torch-cpu-epoch1.csv")):
        if os.path.exists(os.path.join(src, "results.csv")):
            shutil.copyfile(os.path.join(src, "results.csv"), os.path.join(a.out, name))
    plots(cuda, seed, a.out)
    print(f"training_report: wrote {a.out}")


if __name__ == "__main__":
    main()
