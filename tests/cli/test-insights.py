#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli insights on a churn table with injected problems, printed as TAP.

telco_churn plus: an identifier column, a constant column, a column that leaks the target
(a renamed copy of churn with 0.5% of values flipped), and extra copies of some rows. Easel
must find each of them, count duplicate rows exactly as pandas does, and raise no
target_leakage for the real columns."""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd

cli = os.path.join(os.environ["EASEL_BUILD_DIR"], "src", "cli", "easel-cli")
src = os.environ["EASEL_SOURCE_DIR"]
tmp = tempfile.mkdtemp()
NA = ["", "NA", "N/A", "NaN", "null", "NULL", "?"]

df = pd.read_csv(os.path.join(src, "data", "samples", "telco_churn.csv"), na_values=NA,
                 keep_default_na=False)
rng = np.random.default_rng(5)
copies = df.sample(37, random_state=2)
df = pd.concat([df, copies], ignore_index=True)
df["customer_id"] = [f"C{i:06d}" for i in rng.permutation(len(df))]
df["country"] = "Iceland"
leak = df["churn"].map({"Yes": "closed", "No": "open"})
flip = rng.random(len(df)) < 0.005
leak[flip] = leak[flip].map({"closed": "open", "open": "closed"})
df["account_status"] = leak
path = os.path.join(tmp, "churn_injected.csv")
df.to_csv(path, index=False)
# the identifier makes every row distinct: pandas counts duplicates without it
expected_duplicates = int(df.drop(columns=["customer_id"]).duplicated().sum())
no_id = os.path.join(tmp, "churn_no_id.csv")
df.drop(columns=["customer_id"]).to_csv(no_id, index=False)

results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(*args):
    return subprocess.run([cli, "insights", *args], capture_output=True, text=True)


r = run(path, "--target", "churn", "--json", "--report", os.path.join(tmp, "report.html"))
check("exit 0", r.returncode == 0, r.stderr)
d = json.loads(r.stdout) if r.returncode == 0 else {"warnings": [], "columns": []}
w = d["warnings"]
kinds = {(x["column"], x["kind"]) for x in w}
check("rows", d.get("rows") == len(df), d.get("rows"))
check("schema of warnings",
      all(set(x) >= {"column", "kind", "severity", "message"} and
          x["severity"] in ("high", "medium", "low") and x["message"] for x in w))
check("leaky column found", ("account_status", "target_leakage") in kinds, sorted(kinds))
leaks = [x["column"] for x in w if x["kind"] == "target_leakage"]
check("no false target_leakage", leaks == ["account_status"], leaks)
check("constant column found", ("country", "constant") in kinds, sorted(kinds))
check("id column found", ("customer_id", "id_like") in kinds, sorted(kinds))
check("no id_like elsewhere", [x["column"] for x in w if x["kind"] == "id_like"] == ["customer_id"])
pp = {c["name"]: c["predictive_power"] for c in d["columns"]}
check("one predictive power per column", len(d["columns"]) == len(df.columns))
check("target has no predictive power", pp.get("churn") is None)
check("powers in [0, 1]", all(v is None or 0 <= v <= 1 for v in pp.values()), pp)
check("leaky column near 1", (pp.get("account_status") or 0) > 0.9, pp.get("account_status"))
check("contract beats gender", (pp.get("contract") or 0) > (pp.get("female") or 0) + 0.05, pp)
check("identifier has no power", (pp.get("customer_id") or 0) < 0.05, pp.get("customer_id"))
check("severity order", [x["severity"] for x in w] ==
      sorted([x["severity"] for x in w], key=["high", "medium", "low"].index))

r2 = run(no_id, "--json")
d2 = json.loads(r2.stdout) if r2.returncode == 0 else {}
check("duplicate rows as pandas", d2.get("duplicate_rows") == expected_duplicates,
      f"{d2.get('duplicate_rows')} vs {expected_duplicates}")
dup = [x for x in d2.get("warnings", []) if x["kind"] == "duplicate_rows"]
check("duplicate warning", len(dup) == 1 and dup[0]["column"] is None, dup)
check("no target, no power", all(c["predictive_power"] is None for c in d2.get("columns", [])))

html = open(os.path.join(tmp, "report.html"), encoding="utf-8").read() \
    if os.path.exists(os.path.join(tmp, "report.html")) else ""
check("report written", html.startswith("<!DOCTYPE html>"))
check("report has inline charts", html.count("<svg") >= 5, html.count("<svg"))
check("report is self-contained", "src=\"http" not in html and "<link" not in html
      and "<script src" not in html)
check("report ids are unique", len(set(
    t.split('"')[0] for t in html.split('id="')[1:])) == html.count('id="'))
check("report names the leak", "account_status" in html)

r3 = run(path, "--target", "no_such_column")
check("unknown target: exit 1", r3.returncode == 1, r3.returncode)
check("unknown target: message", r3.stderr.startswith("easel-cli: ") and "no_such_column" in r3.stderr,
      r3.stderr)
r4 = run("/nonexistent/file.csv")
check("missing file: exit 1 and path", r4.returncode == 1 and "/nonexistent/file.csv" in r4.stderr)

# The window translates the core's sentences; the CLI's output is data for scripts and stays
# English whatever language the environment asks for.
korean = dict(os.environ, LANGUAGE="ko", LANG="ko_KR.UTF-8", LC_ALL="")
r5 = subprocess.run([cli, "insights", no_id], capture_output=True, text=True, env=korean)
check("English under a Korean environment", r5.returncode == 0 and
      "rows (under 1%) repeat an earlier row exactly; they count twice in training" in r5.stdout,
      r5.stdout + r5.stderr)

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ("" if ok else f": {detail}"))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
