#!/usr/bin/env python3
"""The hardware parameters have one source, model/accel/params.def: the
parameter table of docs/accelerator.md and `mxaccel sim --help` must list
exactly its entries with its defaults and ranges.

usage: check_params_doc.py <repo root> <mxaccel binary>
"""
import re
import subprocess
import sys


def params_def(root):
    text = open(f"{root}/model/accel/params.def", encoding="utf-8").read()
    rows = re.findall(r'^ACCEL_PARAM\((\w+),\s*(-?\d+),\s*(-?\d+),\s*(-?\d+),', text, re.M)
    return [(n, int(d), int(lo), int(hi)) for n, d, lo, hi in rows]


def doc_table(root):
    text = open(f"{root}/docs/accelerator.md", encoding="utf-8").read()
    section = text.split("## Parameters", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r'^\| `(\w+)` \| (-?\d+) \| (-?\d+)\.\.(-?\d+) \|', section, re.M)
    return [(n, int(d), int(lo), int(hi)) for n, d, lo, hi in rows]


def main():
    root, mxaccel = sys.argv[1], sys.argv[2]
    want = params_def(root)
    problems = []
    if not want:
        problems.append("no ACCEL_PARAM entries found in params.def")
    got = doc_table(root)
    if got != want:
        problems.append(f"docs/accelerator.md parameter table {got} != params.def {want}")
    helptext = subprocess.run([mxaccel, "sim", "--help"], capture_output=True, text=True,
                              check=True).stdout
    for name, default, _, _ in want:
        opt = "--" + name.replace("_", "-")
        if not re.search(rf"^  {re.escape(opt)} N .*\[{default}\]$", helptext, re.M):
            problems.append(f"mxaccel sim --help lacks '{opt} N ... [{default}]'")
    for p in problems:
        print("FAIL:", p)
    if not problems:
        print(f"ok: {len(want)} parameters agree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
