#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli plot: every kind to PNG, SVG and PDF, and its errors; printed as TAP."""
import os
import struct
import subprocess
import sys
import tempfile

cli = os.path.join(os.environ["EASEL_BUILD_DIR"], "src", "cli", "easel-cli")
samples = os.path.join(os.environ["EASEL_SOURCE_DIR"], "data", "samples")
penguins = os.path.join(samples, "penguins.csv")
tmp = tempfile.mkdtemp()
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def plot(*args):
    return subprocess.run([cli, "plot", penguins, *args], capture_output=True, text=True)


charts = {
    "histogram": ["--x", "body_mass_g"],
    "bar": ["--x", "island"],
    "scatter": ["--x", "bill_length_mm", "--y", "flipper_length_mm", "--color", "species"],
    "box": ["--y", "body_mass_g", "--x", "species"],
    "heatmap": ["--x", "species", "--y", "island"],
    "correlation": ["--method", "spearman"],
    "missing": ["--matrix"],
}
for kind, args in charts.items():
    for ext in ("png", "svg", "pdf"):
        out = os.path.join(tmp, f"{kind}.{ext}")
        extra = ["--dark"] if ext == "png" and kind in ("scatter", "correlation") else []
        r = plot("--kind", kind, *args, *extra, "-o", out, "--width", "640", "--height", "400")
        ok = r.returncode == 0 and os.path.exists(out)
        data = open(out, "rb").read() if ok else b""
        if ext == "png":
            ok = ok and data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (640, 400)
        elif ext == "svg":
            ok = ok and b"<svg" in data[:400]
        else:
            ok = ok and data[:5] == b"%PDF-"
        check(f"{kind} {ext}", ok, r.stderr)

# dates: a histogram over decimal years (12 dates in 2020, 4 in 2021)
dates = os.path.join(tmp, "dates.csv")
with open(dates, "w") as f:
    f.write("when,note\n")
    f.writelines(f"2020-{m:02d}-15,a\n" for m in range(1, 13))
    f.writelines(f"2021-0{m}-01,b\n" for m in range(1, 5))
out = os.path.join(tmp, "dates.png")
r = subprocess.run([cli, "plot", dates, "--kind", "histogram", "--x", "when", "-o", out],
                   capture_output=True, text=True)
check("datetime histogram", r.returncode == 0 and open(out, "rb").read()[:4] == b"\x89PNG", r.stderr)
r = subprocess.run([cli, "plot", dates, "--kind", "histogram", "--x", "note", "-o", out],
                   capture_output=True, text=True)
check("histogram of words: exit 1 naming the column", r.returncode == 1 and "note" in r.stderr,
      r.stderr)

errors = [
    ("unknown kind: exit 2", ["--kind", "pie", "-o", "x.png"], 2, "--kind"),
    ("no output: exit 2", ["--kind", "bar", "--x", "island"], 2, "--output"),
    ("missing --x", ["--kind", "bar", "-o", os.path.join(tmp, "a.png")], 1, "--x"),
    ("unknown column", ["--kind", "bar", "--x", "beak", "-o", os.path.join(tmp, "a.png")], 1, "beak"),
    ("bad extension", ["--kind", "bar", "--x", "island", "-o", os.path.join(tmp, "a.bmp")], 1, "bmp"),
    ("unwritable path", ["--kind", "bar", "--x", "island", "-o", "/nonexistent/dir/a.png"], 1,
     "/nonexistent/dir/a.png"),
    ("heatmap of numbers", ["--kind", "heatmap", "--x", "body_mass_g", "--y", "island", "-o",
                            os.path.join(tmp, "b.png")], 1, "body_mass_g"),
    ("bad size", ["--kind", "bar", "--x", "island", "-o", os.path.join(tmp, "c.png"), "--width", "3"], 2,
     "--width"),
]
for name, args, code, needle in errors:
    r = plot(*args)
    check(name, r.returncode == code and r.stderr.startswith("easel-cli: ") and needle in r.stderr,
          f"exit {r.returncode}: {r.stderr.strip()}")

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ("" if ok else f": {detail}"))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
