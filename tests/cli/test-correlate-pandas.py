#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli correlate against pandas DataFrame.corr(), printed as TAP.

Every dataset in $EASEL_DATASETS_DIR (else data/samples), Pearson and Spearman, plus a
generated table with missing values, ties and a constant column: the same numeric
columns in order, NaN in the same places, every coefficient within 1e-9."""
import glob
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd

NA = ["", "NA", "N/A", "NaN", "null", "NULL", "?"]
cli = os.path.join(os.environ["EASEL_BUILD_DIR"], "src", "cli", "easel-cli")
src = os.environ["EASEL_SOURCE_DIR"]
datasets = os.environ.get("EASEL_DATASETS_DIR", "")
files = sorted(glob.glob(os.path.join(datasets, "*.csv"))) or \
    sorted(glob.glob(os.path.join(src, "data", "samples", "*.csv")))

tmp = tempfile.mkdtemp()
rng = np.random.default_rng(3)
gen = pd.DataFrame({
    "a": rng.normal(size=400).round(2),
    "b": rng.integers(0, 5, 400).astype(float),      # many ties
    "c": np.full(400, 7.0),                           # constant: NaN row and column
    "d": rng.normal(1e6, 1, 400),                     # large offset
})
gen["e"] = gen["a"] * 3 + rng.normal(size=400)
for col in ["a", "b", "d", "e"]:
    gen.loc[rng.random(400) < 0.1, col] = np.nan
generated = os.path.join(tmp, "generated.csv")
gen.to_csv(generated, index=False, float_format="%.17g")
files.append(generated)

cases = []
for f in files:
    df = pd.read_csv(f, na_values=NA, keep_default_na=False, float_precision="round_trip")
    for method in ("pearson", "spearman"):
        cases.append((f, df, method))

print(f"1..{len(cases)}")
failed = 0
for k, (f, df, method) in enumerate(cases, 1):
    name = f"{os.path.basename(f)} {method}"
    try:
        out = subprocess.run([cli, "correlate", "--json", "--method", method, f],
                             check=True, capture_output=True, text=True).stdout
        d = json.loads(out)
        numeric = [c for c in df.columns
                   if pd.api.types.is_numeric_dtype(df[c]) and df[c].dtype != bool]
        assert d["method"] == method, d["method"]
        assert d["columns"] == numeric, (d["columns"], numeric)
        assert d["compute_seconds"] >= 0
        ref = df[numeric].corr(method=method).to_numpy()
        got = np.array([[np.nan if v is None else v for v in row] for row in d["matrix"]],
                       dtype=float).reshape(ref.shape)
        assert np.array_equal(np.isnan(got), np.isnan(ref)), "NaN in different places"
        diff = float(np.nanmax(np.abs(got - ref))) if got.size else 0.0
        assert diff <= 1e-9, f"largest difference {diff:.3g}"
        print(f"ok {k} - {name}")
    except Exception as e:  # noqa: BLE001 - every failure is reported as TAP
        failed += 1
        print(f"not ok {k} - {name}: {e}")
sys.exit(1 if failed else 0)
