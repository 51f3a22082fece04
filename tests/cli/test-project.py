#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli project: new, import, list, their errors, and crash safety; printed as TAP.

Crash safety: `project import` is killed with SIGKILL at random moments 50 times; after
each kill the project must pass SQLite's integrity_check and still hold every dataset
that had been committed before."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

cli = os.path.join(os.environ["EASEL_BUILD_DIR"], "src", "cli", "easel-cli")
samples = os.path.join(os.environ["EASEL_SOURCE_DIR"], "data", "samples")
tmp = tempfile.mkdtemp()
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(*args):
    return subprocess.run([cli, "project", *args], capture_output=True, text=True)


p = os.path.join(tmp, "work.easel")
check("new", run("new", p).returncode == 0 and os.path.exists(p))
r = run("new", p)
check("new on an existing file: exit 1", r.returncode == 1 and "work.easel" in r.stderr, r.stderr)
check("import", run("import", p, os.path.join(samples, "penguins.csv")).returncode == 0)
check("import with a name", run("import", p, os.path.join(samples, "iris.csv"), "--name", "flowers").returncode == 0)
r = run("import", p, os.path.join(samples, "iris.csv"), "--name", "flowers")
check("duplicate name: exit 1 naming it", r.returncode == 1 and "flowers" in r.stderr, r.stderr)
r = run("list", p, "--json")
d = json.loads(r.stdout) if r.returncode == 0 else {}
names = [x["name"] for x in d.get("datasets", [])]
check("list", names == ["penguins", "flowers"], names)
rows = {x["name"]: (x["rows"], x["columns"]) for x in d.get("datasets", [])}
check("list rows and columns", rows.get("penguins") == (344, 8) and rows.get("flowers") == (150, 5), rows)

r = run("list", os.path.join(samples, "iris.csv"))
check("not a project: exit 1", r.returncode == 1 and "not an Easel project" in r.stderr, r.stderr)
other = os.path.join(tmp, "other.sqlite")
con = sqlite3.connect(other)
con.execute("CREATE TABLE t (x)")
con.commit()
con.close()
r = run("import", other, os.path.join(samples, "iris.csv"))
check("foreign SQLite file: exit 1", r.returncode == 1 and "not an Easel project" in r.stderr, r.stderr)
future = os.path.join(tmp, "future.easel")
run("new", future)
con = sqlite3.connect(future)
con.execute("PRAGMA user_version = 42")
con.commit()
con.close()
r = run("list", future)
check("newer project: exit 1", r.returncode == 1 and "newer Easel" in r.stderr, r.stderr)
cut = os.path.join(tmp, "cut.easel")
data = open(p, "rb").read()
open(cut, "wb").write(data[: len(data) // 2])
r = run("list", cut)
check("truncated project: exit 1, no crash", r.returncode == 1 and r.stderr.startswith("easel-cli: "),
      f"{r.returncode} {r.stderr}")
r = run("frobnicate", p)
check("unknown verb: exit 2", r.returncode == 2, r.returncode)

# crash safety
k = os.path.join(tmp, "kill.easel")
run("new", k)
rng = random.Random(7)
big = os.path.join(samples, "diamonds.csv")
# Kill moments spread over one import's duration on this machine (sanitizer builds are
# slower), a little past it, so that some kills land before and some after the commit.
start = time.monotonic()
run("import", k, big, "--name", "timing")
duration = time.monotonic() - start
committed = ["timing"]
broken = 0
for i in range(50):
    name = f"d{i}"
    proc = subprocess.Popen([cli, "project", "import", k, big, "--name", name],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.0, 1.3 * duration))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(k)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    have = [row[0] for row in con.execute("SELECT name FROM datasets ORDER BY id")]
    con.close()
    if name in have:
        committed.append(name)
    if not ok or have != committed:
        broken += 1
check("50 kills: integrity and committed datasets kept", broken == 0, f"{broken} broken")
check("some kills happened after a commit, some before", 1 < len(committed) < 51, len(committed))
r = run("list", k, "--json")
check("project usable after the kills", r.returncode == 0 and
      [x["name"] for x in json.loads(r.stdout)["datasets"]] == committed)


# models in a project: versions, status, predictions equal to the saved file's
mp = os.path.join(tmp, "models.easel")
run("new", mp)
peng = os.path.join(samples, "penguins.csv")
saved = os.path.join(tmp, "v1.easelmodel")
t1 = subprocess.run([cli, "train", peng, "--target", "species", "--algorithm", "logistic", "--seed", "3",
                     "--project", mp, "--save", saved, "--json"], capture_output=True, text=True)
check("train --project: exit 0", t1.returncode == 0, t1.stderr)
check("train --project: model reference", t1.returncode == 0 and json.loads(t1.stdout).get("model") ==
      "penguins-species@1", t1.stdout[:200])
t2 = subprocess.run([cli, "train", peng, "--target", "species", "--algorithm", "tree", "--project", mp],
                    capture_output=True, text=True)
check("retrain makes version 2", t2.returncode == 0 and "penguins-species@2" in t2.stdout, t2.stdout[-200:])
d = json.loads(run("list", mp, "--json").stdout)
check("list: one dataset kept once", [x["name"] for x in d["datasets"]] == ["penguins"])
check("list: both versions, Draft", [(m["name"], m["version"], m["status"]) for m in d["models"]] ==
      [("penguins-species", 1, "Draft"), ("penguins-species", 2, "Draft")], d["models"])
r = subprocess.run([cli, "model", "status", "--project", mp, "--model", "penguins-species@1", "--set", "Approved"],
                   capture_output=True, text=True)
check("status: approve v1", r.returncode == 0, r.stderr)
d = json.loads(run("list", mp, "--json").stdout)
check("status: kept", [m["status"] for m in d["models"]] == ["Approved", "Draft"], d["models"])
con = sqlite3.connect(mp)
hist = con.execute("SELECT s.status, s.who FROM model_status s JOIN models m ON m.id = s.model_id "
                   "WHERE m.version = 1 ORDER BY s.id").fetchall()
con.close()
check("status history with who", [h[0] for h in hist] == ["Draft", "Approved"] and all(h[1] for h in hist), hist)
r = subprocess.run([cli, "model", "status", "--project", mp, "--model", "penguins-species@1", "--set", "Shipped"],
                   capture_output=True, text=True)
check("status: unknown status exit 2", r.returncode == 2 and "Shipped" in r.stderr, r.stderr)
r = subprocess.run([cli, "model", "status", "--project", mp, "--model", "penguins-species@9", "--set", "Approved"],
                   capture_output=True, text=True)
check("status: unknown version exit 1", r.returncode == 1 and "9" in r.stderr, r.stderr)
out_file = os.path.join(tmp, "from-file.csv")
out_proj = os.path.join(tmp, "from-project.csv")
a = subprocess.run([cli, "predict", "--model", saved, "--input", peng, "--output", out_file], capture_output=True)
b = subprocess.run([cli, "predict", "--project", mp, "--model", "penguins-species@1", "--input", peng,
                    "--output", out_proj], capture_output=True)
check("reopened project predicts as the saved model", a.returncode == 0 and b.returncode == 0 and
      open(out_file, "rb").read() == open(out_proj, "rb").read())
r = subprocess.run([cli, "predict", "--project", mp, "--model", "nosuch", "--input", peng, "--output",
                    os.path.join(tmp, "x.csv")], capture_output=True, text=True)
check("predict: unknown model exit 1", r.returncode == 1 and "nosuch" in r.stderr, r.stderr)
con = sqlite3.connect(mp)
blob = bytearray(con.execute("SELECT blob FROM models WHERE version = 2").fetchone()[0])
blob[len(blob) // 2] ^= 0x10
con.execute("UPDATE models SET blob = ? WHERE version = 2", (bytes(blob),))
con.commit()
con.close()
r = subprocess.run([cli, "predict", "--project", mp, "--model", "penguins-species@2", "--input", peng,
                    "--output", os.path.join(tmp, "y.csv")], capture_output=True, text=True)
check("predict: damaged model blob exit 1", r.returncode == 1 and r.stderr.startswith("easel-cli: ") and
      "penguins-species@2" in r.stderr, r.stderr)

# kills while training and saving into a project
kp = os.path.join(tmp, "kill-train.easel")
run("new", kp)
start = time.monotonic()
subprocess.run([cli, "train", peng, "--target", "species", "--algorithm", "forest", "--project", kp],
               capture_output=True)
duration = time.monotonic() - start
broken = 0
versions = 1
for i in range(50):
    proc = subprocess.Popen([cli, "train", peng, "--target", "species", "--algorithm", "forest",
                             "--project", kp], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.0, 1.3 * duration))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(kp)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    have = [row[0] for row in con.execute("SELECT version FROM models ORDER BY version")]
    con.close()
    if not ok or have != list(range(1, len(have) + 1)) or len(have) < versions:
        broken += 1
    versions = len(have)
check("50 kills while training and saving: integrity kept, no committed model lost", broken == 0, broken)
# kills while saving model card revisions
start = time.monotonic()
subprocess.run([cli, "card", "edit", "--project", kp, "--model", "penguins-species",
                "--set", "model_overview.model_owner=lab"], capture_output=True)
duration = time.monotonic() - start
broken = 0
revisions = 1
for i in range(50):
    proc = subprocess.Popen([cli, "card", "edit", "--project", kp, "--model", "penguins-species",
                             "--set", f"model_overview.model_owner=lab {i}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.0, 1.3 * duration))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(kp)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    have = [row[0] for row in con.execute("SELECT revision FROM cards ORDER BY revision")]
    con.close()
    if not ok or have != list(range(1, len(have) + 1)) or len(have) < revisions:
        broken += 1
    revisions = len(have)
check("50 kills while saving card revisions: integrity kept, no saved revision lost",
      broken == 0, broken)
r = subprocess.run([cli, "predict", "--project", kp, "--model", "penguins-species", "--input", peng,
                    "--output", os.path.join(tmp, "z.csv")], capture_output=True, text=True)
check("latest model usable after the kills", r.returncode == 0, r.stderr)

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ("" if ok else f": {detail}"))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
