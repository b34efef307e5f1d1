#!/usr/bin/env python3
"""Whether two `mxaccel sim --json` reports agree in everything but the fields
that name the engine or time the run: predictions, log-probability bits,
cycles, every per-layer counter, the configuration.
usage: sim_json_same.py A.json B.json"""
import json
import sys

# Fields allowed to differ between engines and runs.
TOP_EXCEPT = {"seconds", "images_per_second"}
CONFIG_EXCEPT = {"engine", "rtl_library"}


def strip(report):
    out = {k: v for k, v in report.items() if k not in TOP_EXCEPT}
    out["config"] = {k: v for k, v in report["config"].items() if k not in CONFIG_EXCEPT}
    return out


def diff(a, b, path=""):
    """The first path at which a and b differ, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'B' if k not in a else 'A'}"
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} vs {b!r}"


def main():
    a, b = (json.load(open(p)) for p in sys.argv[1:3])
    for name, r in (("A", a), ("B", b)):
        if not r.get("layers") or not r.get("logprobs"):
            print(f"{name}: no layers or logprobs")
            return 1
    d = diff(strip(a), strip(b))
    if d:
        print(f"reports differ at {d}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
