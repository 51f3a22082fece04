#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli correlate against numpy.corrcoef and pandas DataFrame.corr(), side by side.

Two generated tables of 500,000 rows x 100 numeric columns (correlated blocks of columns):
one complete, one with 5% of the cells missing. The time compared is the computation
alone: Easel's own "compute_seconds" (the import is excluded), and for the peers the
call on data already in memory. Medians of several runs; 2 threads for everyone
(OMP_NUM_THREADS / OPENBLAS_NUM_THREADS = 2)."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

ROWS, COLS = 500_000, 100


def generate(path, missing):
    if os.path.exists(path):
        return
    rng = np.random.default_rng(20261122 + int(missing * 100))
    base = rng.standard_normal((ROWS, 10))
    x = np.repeat(base, COLS // 10, axis=1) + 0.5 * rng.standard_normal((ROWS, COLS))
    x = x * rng.uniform(0.5, 50, COLS) + rng.uniform(-100, 100, COLS)
    x = np.round(x, 4)
    if missing:
        x[rng.random(x.shape) < missing] = np.nan
    names = [f"c{i}" for i in range(COLS)]
    pd.DataFrame(x, columns=names).to_csv(path, index=False, na_rep="", float_format="%.4f")


def easel_seconds(cli, path, runs):
    times = []
    for _ in range(runs):
        out = subprocess.run([cli, "correlate", "--json", path], check=True, capture_output=True,
                             env=dict(os.environ, OMP_NUM_THREADS="2")).stdout
        times.append(json.loads(out)["compute_seconds"])
    return statistics.median(times)


def timed(fn, runs):
    fn()  # warm-up: first-touch page faults are not the algorithm's cost
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="build-bench")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
    os.makedirs("bench/out", exist_ok=True)
    cli = os.path.join(args.build_dir, "src", "cli", "easel-cli")
    full = "bench/out/corr_500k_100.csv"
    holes = "bench/out/corr_500k_100_missing.csv"
    generate(full, 0.0)
    generate(holes, 0.05)

    rows = []
    e_full = easel_seconds(cli, full, args.runs)
    x = pd.read_csv(full).to_numpy()
    n_full = timed(lambda: np.corrcoef(x, rowvar=False), args.runs)
    rows.append(("500k x 100, complete", "numpy.corrcoef", e_full, n_full))
    del x

    e_holes = easel_seconds(cli, holes, args.runs)
    df = pd.read_csv(holes)
    p_holes = timed(lambda: df.corr(), max(1, min(args.runs, 3)))
    rows.append(("500k x 100, 5% missing", "pandas DataFrame.corr()", e_holes, p_holes))

    lines = ["| data | peer | Easel s | peer s | peer / Easel |", "|---|---|---:|---:|---:|"]
    for data, peer, e, p in rows:
        lines.append(f"| {data} | {peer} | {e:.3f} | {p:.3f} | {p / e:.1f}x |")
    text = "\n".join(lines)
    print(text)
    with open("bench/out/correlate.md", "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
