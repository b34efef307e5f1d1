#!/usr/bin/env python3
"""RTL coverage report of one datapath unit (called by scripts/coverage.sh).

Reads the Verilator coverage data files the unit's tests wrote (one per
Verilated context: <unit>_<variant>_<pid>_<serial>.dat), counts the line,
branch and toggle points of the unit's RTL sources per parameter set (points
of different variants are different points, as Verilator counts them; the
variant comes from the file name and, for the SEU test top, the instance
path), and writes

  <out>/<unit>-summary.txt   points hit per type and per source file
  <out>/<unit>.md            how the data was produced, the same table, and
                             every point not hit with its reason

The reasons come from scripts/coverage/<unit>.reasons: sections "## <title>"
with one or more "match <regex>" lines and the explanation as text. A point
not hit is described as "<type> <file>:<line> <name> <variant>", e.g.
"toggle mx_seu_elem.v:97 shb[2] fp8/fp8_e5m2/floor", and takes the reason of
the first section with a matching regex (re.search). Exits 1 if a point not
hit has no reason, if a section matches nothing, or if line or toggle
coverage is below --target percent.

  coverage_report.py --unit seu --reasons FILE --out DIR --target 95
                     --command CMD --tests FILE DAT...
"""
import argparse
import collections
import os
import re
import subprocess
import sys

MX = ["int8", "int4", "int2", "fp8_e5m2", "fp8_e4m3", "fp6_e3m2", "fp6_e2m3", "fp4_e2m1"]
ROUNDS = ["nearest", "floor", "even"]  # mx_round: ties away, toward zero, ties to even

# Per unit: the top module whose file list rtl/<top>.f names the sources that
# count (the same lists drive the build, lint and synthesis).
UNIT_TOP_MODULE = {"seu": "mx_seu", "pe": "mx_pe", "alu": "mx_alu", "pe_bf16": "mx_pe_bf16",
                   "accel": "accel/mx_accel"}
# Units whose own sources are one folder of their file list: the accelerator
# top's modules (rtl/accel/), not the datapath units it instantiates, which
# have their own reports.
UNIT_OWN_DIR = {"accel": "accel/"}
RTL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rtl")


def unit_sources(unit):
    """The unit's sources, relative to rtl/, from its file list."""
    top = UNIT_TOP_MODULE.get(unit, "mx_" + unit)
    with open(os.path.join(RTL_DIR, top + ".f"), encoding="utf-8") as f:
        names = [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]
    return [n for n in names if n.startswith(UNIT_OWN_DIR.get(unit, ""))]


def unit_source_re(unit):
    return re.compile(r"/rtl/(" + "|".join(re.escape(s) for s in unit_sources(unit)) + r")$")


# The variant of a point (a tuple) from the data file's variant field and the
# point's instance path.


def seu_variant(file_variant, hier):
    m = re.search(r"g_fmt\[(\d+)\]\.g_rnd\[(\d+)\]", hier)
    if not m:
        return (file_variant, "?", "?")
    return (file_variant, MX[int(m.group(1))], ROUNDS[int(m.group(2))])


def pe_variant(file_variant, hier):
    del hier
    m = re.fullmatch(r"a(\d+)_w(\d+)", file_variant)
    return (MX[int(m.group(1))], MX[int(m.group(2))])


def generic_variant(file_variant, hier):
    del hier
    return (file_variant,)


UNIT_VARIANT = {"seu": seu_variant, "pe": pe_variant}

# The instance path of a point below the unit's top (the test top, the
# context's model name and, for the SEU, the variant's instance removed).
UNIT_TOP = {"seu": r"^.*?\.u_seu(\.|$)", "pe": r"^[^.]*\.mx_pe(\.|$)",
            "alu": r"^[^.]*\.mx_alu(\.|$)", "pe_bf16": r"^[^.]*\.mx_pe_bf16(\.|$)"}

# Verilated model (prefix) -> data file variant.
SEU_TAGS = {"bf16": "bfloat16"}
ALU_TAGS = SEU_TAGS
PE_SHORT = ["int8", "int4", "int2", "e5m2", "e4m3", "e3m2", "e2m3", "fp4"]


def model_variant(unit, prefix):
    if unit == "seu":
        tag = prefix[len("Vseu_"):]
        return SEU_TAGS.get(tag, tag)
    if unit == "pe":
        a, w = prefix[len("Vmx_pe_"):].split("_")
        return f"a{PE_SHORT.index(a)}_w{PE_SHORT.index(w)}"
    if unit == "alu":
        tag = prefix[len("Valu_"):]
        return ALU_TAGS.get(tag, tag)
    if unit == "pe_bf16":
        return prefix[len("Vmx_pe_bf16_"):]
    if unit == "accel":
        return prefix[len("Vaccel_"):]
    return prefix


def aliased_points(unit, model_cmakes):
    """Points that a Verilated model files at counter 0 (the first point, the
    top's clk_i) without being the clock: Verilator 5.006 does this for the
    toggle points of signals it reduces to constants, so their counts in the
    data are the clock's. Returns {(file variant, file, line, column, page,
    comment): hier suffix}."""
    ins = re.compile(r'__vlCoverInsert\(&\(vlSymsp->__Vcoverage\[(\d+)\]\), first, '
                     r'"([^"]*)", (\d+), (\d+), "([^"]*)", "([^"]*)", "([^"]*)"')
    out = {}
    for cm in model_cmakes:
        prefix = os.path.basename(cm)[:-len(".cmake")]
        fvar = model_variant(unit, prefix)
        with open(cm, encoding="utf-8") as f:
            text = f.read()
        m = re.search(re.escape(prefix) + r"_CLASSES_SLOW ([^)]*)\)", text)
        files = re.findall(r'"([^"]+)"', m.group(1)) if m else []
        first = None
        for path in files:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    mm = ins.search(line)
                    if not mm or mm.group(1) != "0":
                        continue
                    _, src, lno, col, hier, page, comment = mm.groups()
                    if first is None and comment == "clk_i":
                        first = comment
                    if comment == "clk_i":
                        continue
                    out[(fvar, src, lno, col, page, comment)] = hier
    return out
VARIANT_FIELDS = {"seu": ("input", "element format", "rounding"),
                  "pe": ("activations", "weights"),
                  "alu": ("elementwise format",),
                  "pe_bf16": ("guard bits",),
                  "accel": ("configuration",)}

TYPES = {"v_line": "line", "v_branch": "branch", "v_toggle": "toggle"}


def parse_dat(path):
    """Yields (fields dict, count) per point of a verilator_coverage data file."""
    with open(path, encoding="latin-1") as f:
        for line in f:
            if not line.startswith("C '"):
                continue
            key, count = line[3:].rstrip("\n").rsplit("' ", 1)
            fields = dict(kv.split("\x02", 1) for kv in key.split("\x01") if "\x02" in kv)
            yield fields, int(count)


class Point:
    __slots__ = ("typ", "file", "line", "inst", "name", "variant", "count", "aliased")

    def __init__(self, typ, file, line, inst, name, variant):
        self.typ, self.file, self.line, self.inst, self.name = typ, file, line, inst, name
        self.variant = variant
        self.count = 0
        self.aliased = False

    def describe(self):
        return (f"{self.typ} {self.file}:{self.line} {self.inst} {self.name} "
                f"{'/'.join(self.variant)}")


def load_points(unit, dats, aliased):
    src_re = unit_source_re(unit)
    vfun = UNIT_VARIANT.get(unit, generic_variant)
    top_re = re.compile(UNIT_TOP.get(unit, r"^[^.]*\.[^.]*(\.|$)"))
    points = {}
    for dat in dats:
        base = os.path.basename(dat)
        m = re.fullmatch(re.escape(unit) + r"_(.+)_\d+_\d+\.dat", base)
        if not m:
            sys.exit(f"coverage_report: unexpected data file name {base}")
        fvar = m.group(1)
        for f, count in parse_dat(dat):
            path = f.get("f", "")
            if not src_re.search(path):
                continue
            typ = TYPES.get(f.get("page", "").split("/")[0])
            if typ is None:
                continue
            variant = vfun(fvar, f.get("h", ""))
            key = (fvar, f.get("page"), path, f.get("l"), f.get("n"), f.get("o"), f.get("h"))
            p = points.get(key)
            if p is None:
                inst = top_re.sub("", f.get("h", "")) or "-"
                p = points[key] = Point(typ, os.path.basename(path), int(f.get("l", 0)), inst,
                                        f.get("o", "?"), variant)
                hier = aliased.get((fvar, path, f.get("l"), f.get("n"), f.get("page"), f.get("o")))
                p.aliased = hier is not None and f.get("h", "").endswith(hier)
            p.count += count
    for p in points.values():
        if p.aliased:
            p.count = 0
    return list(points.values())


def read_reasons(path):
    """Sections: [(title, [regex], text)]."""
    sections = []
    title, matches, text = None, [], []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("## "):
                if title is not None:
                    sections.append((title, matches, "\n".join(text).strip()))
                title, matches, text = line[3:].strip(), [], []
            elif title is None:
                continue  # file header
            elif line.startswith("match "):
                matches.append(re.compile(line[6:].strip()))
            else:
                text.append(line)
    if title is not None:
        sections.append((title, matches, "\n".join(text).strip()))
    return sections


def ranges(bits):
    """Sorted ints as "a-b,c" ranges."""
    out, start, prev = [], None, None
    for b in sorted(bits):
        if start is None:
            start = prev = b
        elif b == prev + 1:
            prev = b
        else:
            out.append(f"{start}" if start == prev else f"{start}:{prev}")
            start = prev = b
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}:{prev}")
    return ",".join(out)


def compress_variants(variants, universe):
    """Variant tuples as text: fields left to right, '*' where a group holds
    every value of the last field that the unit has."""
    variants = sorted(set(variants))
    if not variants:
        return ""
    if len(variants[0]) == 1:
        return ", ".join(v[0] for v in variants)
    groups = collections.OrderedDict()
    for v in variants:
        groups.setdefault(v[:-1], []).append(v[-1])
    last_all = sorted(universe[len(variants[0]) - 1])
    parts = []
    for head, lasts in groups.items():
        tail = "*" if sorted(lasts) == last_all and len(last_all) > 1 else "|".join(lasts)
        parts.append("/".join(head + (tail,)))
    return ", ".join(parts)


def waivers(sources):
    """coverage_off regions of the unit's sources: (file, first, last, comment)."""
    out = []
    for path in sorted(sources):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        start = None
        for i, line in enumerate(lines, 1):
            if "verilator coverage_off" in line:
                start = i
            elif "verilator coverage_on" in line and start is not None:
                j, comment = start - 1, []
                while j >= 1 and lines[j - 1].strip().startswith("//"):
                    comment.insert(0, lines[j - 1].strip()[2:].strip())
                    j -= 1
                out.append((os.path.basename(path), start, i, " ".join(comment)))
                start = None
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unit", required=True)
    ap.add_argument("--reasons", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--target", type=float, default=95.0)
    ap.add_argument("--command", default="")
    ap.add_argument("--tests", help="file listing the tests run, one a line")
    ap.add_argument("--notes", help="markdown file appended as 'Notes'")
    ap.add_argument("--models", nargs="*", default=[],
                    help="the Verilated models' <prefix>.cmake files (aliased counters)")
    ap.add_argument("dats", nargs="+")
    a = ap.parse_args()

    points = load_points(a.unit, a.dats, aliased_points(a.unit, a.models))
    # Points of other files in the data (test tops, included function files).
    src_re = unit_source_re(a.unit)
    other_tot, other_hit = collections.Counter(), collections.Counter()
    seen = {}
    for dat in a.dats:
        fvar = re.fullmatch(re.escape(a.unit) + r"_(.+)_\d+_\d+\.dat", os.path.basename(dat)).group(1)
        for f, count in parse_dat(dat):
            if src_re.search(f.get("f", "")):
                continue
            key = (fvar, f.get("page"), f.get("f"), f.get("l"), f.get("n"), f.get("o"), f.get("h"))
            seen[key] = seen.get(key, 0) + count
    for key, count in seen.items():
        name = os.path.basename(key[2] or "?")
        other_tot[name] += 1
        other_hit[name] += count > 0
    n_aliased = sum(p.aliased for p in points)
    if not points:
        sys.exit(f"coverage_report: no points of {a.unit} in the data files")
    sources = sorted({p.file for p in points})
    src_paths = set()
    for dat in a.dats[:1]:
        for f, _ in parse_dat(dat):
            if os.path.basename(f.get("f", "")) in sources:
                src_paths.add(f["f"])

    # Points per (type, file), hit and total.
    tot, hit = collections.Counter(), collections.Counter()
    for p in points:
        for k in ((p.typ, p.file), (p.typ, "all"), ("all", "all")):
            tot[k] += 1
            hit[k] += p.count > 0
    pct = {k: 100.0 * hit[k] / tot[k] for k in tot}
    table_txt = [f"{k[0]:8} {k[1]:18} {hit[k]:7}/{tot[k]:<7} {pct[k]:6.2f}%" for k in sorted(tot)]
    with open(os.path.join(a.out, f"{a.unit}-summary.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(table_txt) + "\n")

    # Reasons for every point not hit.
    sections = read_reasons(a.reasons)
    used = collections.Counter()
    by_reason = collections.defaultdict(list)
    missing = []
    for p in points:
        if p.count > 0:
            continue
        d = p.describe()
        for idx, (_, matches, _) in enumerate(sections):
            if any(m.search(d) for m in matches):
                by_reason[idx].append(p)
                used[idx] += 1
                break
        else:
            missing.append(p)

    universe = collections.defaultdict(set)
    for p in points:
        for i, v in enumerate(p.variant):
            universe[i].add(v)

    def listing(pts):
        # (type, file, line, signal) -> bit -> variants; bits with the same
        # variants on one line.
        sig = collections.defaultdict(lambda: collections.defaultdict(set))
        for p in pts:
            m = re.fullmatch(r"(.*)\[(\d+)\]", p.name) if p.typ == "toggle" else None
            base, bit = (m.group(1), int(m.group(2))) if m else (p.name, None)
            sig[(p.typ, p.file, p.line, p.inst, base, p.aliased)][bit].add(p.variant)
        rows = []
        for (typ, file, line, inst, base, al), bits in sorted(sig.items()):
            byvars = collections.defaultdict(list)
            for bit, vs in bits.items():
                byvars[frozenset(vs)].append(bit)
            for vs, bl in sorted(byvars.items(), key=lambda kv: (min(b if b is not None else -1
                                                                    for b in kv[1]))):
                n = len(bl) * len(vs)
                name = base if bl == [None] else f"{base}[{ranges(b for b in bl)}]"
                where = "" if inst == "-" else f" in `{inst}`"
                note = " [constant; its counter is the clock's]" if al else ""
                rows.append(f"* {typ} `{file}:{line}` `{name}`{where}{note} ({n}): "
                            f"{compress_variants(vs, universe)}")
        return rows

    unhit = sum(1 for p in points if p.count == 0)
    md = [f"# {a.unit.upper()} coverage", ""]
    md += ["Generated by `scripts/coverage.sh` (do not edit: the reasons live in",
           f"`scripts/coverage/{a.unit}.reasons`).", ""]
    ver = subprocess.run(["verilator", "--version"], capture_output=True, text=True).stdout.strip()
    md += ["## How it was produced", ""]
    if a.command:
        md += [f"* Command: `{a.command}`"]
    md += [f"* {ver}: `--coverage --coverage-max-width 4096` (line, branch and",
           "  toggle points; toggle points for signals up to 4096 bits wide, the",
           "  operand ports included), test models Verilated by the unit's test",
           "  CMake (`MXACCEL_RTL_COVERAGE=ON`).",
           f"* Data: {len(a.dats)} data files, one per Verilated context; points are counted per",
           "  parameter set (a point of each variant is its own point, as Verilator",
           "  counts them). Sources: " + ", ".join(
               f"`rtl/{s}`" for s in sorted(unit_sources(a.unit), key=os.path.basename)
               if os.path.basename(s) in sources) + ".",
           f"* Outputs beside this file: `{a.unit}-summary.txt` (the table below),",
           f"  `{a.unit}.info` (lcov tracefile of the merged data) and `{a.unit}-annotated/`",
           "  (`verilator_coverage --annotate`: each source line with its points' counts,",
           "  `%` before a count below 1).",
           "* Verilator 5.006 instruments for toggle coverage the signals declared at",
           "  module level (ports included), not those declared inside generate",
           "  blocks; line and branch points cover the statements in generate blocks too.",
           f"* Constant signals: {n_aliased} toggle points belong to signals that Verilator",
           "  reduces to constants and files at counter 0, the clock's, so the data shows",
           "  the clock's count for them; the report counts them as not hit",
           "  (`--models`, found in the generated code)."]
    variants = sorted({p.variant for p in points})
    fields = VARIANT_FIELDS.get(a.unit)
    vdesc = compress_variants(variants, universe)
    md += [f"* Variants ({len(variants)}" + (f"; {' / '.join(fields)}" if fields else "") +
           f"): {vdesc}."]
    if a.tests:
        with open(a.tests, encoding="utf-8") as f:
            tests = [t.strip() for t in f if t.strip()]
        md += [f"* Tests ({len(tests)}): " + ", ".join(f"`{t}`" for t in tests) + "."]
    md += ["", "## Points hit", "", "| type | source | hit | points | % |", "|---|---|---:|---:|---:|"]
    for k in sorted(tot, key=lambda k: (k[0] == "all", k[0], k[1] == "all", k[1])):
        md.append(f"| {k[0]} | {k[1]} | {hit[k]} | {tot[k]} | {pct[k]:.2f} |")
    line_pct = pct.get(("line", "all"), 100.0)
    tog_pct = pct.get(("toggle", "all"), 100.0)
    ok = line_pct >= a.target and tog_pct >= a.target
    md += ["", f"Line {line_pct:.2f}%, toggle {tog_pct:.2f}% (target {a.target:g}% each): "
           + ("met." if ok else "NOT met.")]
    if other_tot:
        md += ["", "Not counted (not the unit's hardware): " + "; ".join(
            f"`{n}` {other_hit[n]} of {other_tot[n]} points hit" for n in sorted(other_tot)) +
            ". `seu_all.v` is the SEU's test top; `mx_formats.vh` (generated from the C format"
            " table) holds the constant functions of the format ids, which Verilator evaluates while elaborating"
            " parameters but still gives line points."]
    if a.notes:
        with open(a.notes, encoding="utf-8") as f:
            md += ["", "## Notes", "", f.read().strip()]
    wv = waivers(src_paths)
    md += ["", "## Waivers (`verilator coverage_off`)", ""]
    if wv:
        for file, s, e, comment in wv:
            md.append(f"* `{file}:{s}-{e}`: {comment}")
    else:
        md.append("None: no source region is excluded from coverage.")
    md += ["", "## Points not hit", "",
           f"{unhit} points; each is listed once, under its reason, as type, "
           "`file:line`, `signal[bits]` (toggle) or statement kind (line, branch), "
           "(how many points) and the variants that hold it "
           + ("(" + " / ".join(fields) + ", `*`: all of the last field)." if fields else ".")]
    for idx, (title, _, text) in enumerate(sections):
        pts = by_reason.get(idx)
        if not pts:
            continue
        md += ["", f"### {title} ({len(pts)})", "", text, ""] + listing(pts)
    if missing:
        md += ["", f"### NO REASON GIVEN ({len(missing)})", ""] + listing(missing)
    with open(os.path.join(a.out, f"{a.unit}.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")

    print("\n".join(table_txt))
    status = 0
    if missing:
        print(f"coverage_report: {len(missing)} points not hit have no reason in {a.reasons}:",
              file=sys.stderr)
        for p in missing[:40]:
            print("  " + p.describe(), file=sys.stderr)
        status = 1
    for idx, (title, _, _) in enumerate(sections):
        if not used[idx]:
            print(f"coverage_report: reason '{title}' matches no point not hit", file=sys.stderr)
            status = 1
    if not ok:
        print(f"coverage_report: {a.unit}: line {line_pct:.2f}%, toggle {tog_pct:.2f}% "
              f"(target {a.target:g}%)", file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
