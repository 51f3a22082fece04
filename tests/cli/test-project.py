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

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ("" if ok else f": {detail}"))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
