#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count test cases in a meson testlog.json and print 'N passed, N failed' last.

TAP suites count each test case; other suites count as one case each."""
import json
import re
import sys

passed = failed = skipped = 0
failures = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        t = json.loads(line)
        out = t.get("stdout") or ""
        if t.get("protocol") == "tap" or re.search(r"^1\.\.\d+", out, re.M):
            p = f_ = s = 0
            for m in re.finditer(r"^(not ok|ok)\b[^\n]*", out, re.M):
                text = m.group(0)
                if "# SKIP" in text:
                    s += 1
                elif m.group(1) == "ok":
                    p += 1
                else:
                    f_ += 1
                    failures.append(f"{t['name']}: {text}")
            if t["result"] not in ("OK", "EXPECTEDFAIL", "SKIP") and f_ == 0:
                f_ += 1  # crashed or timed out between test cases
                failures.append(f"{t['name']}: {t['result']}")
            passed += p; failed += f_; skipped += s
        else:
            if t["result"] == "OK":
                passed += 1
            elif t["result"] == "SKIP":
                skipped += 1
            else:
                failed += 1
                failures.append(f"{t['name']}: {t['result']}")
for f_ in failures:
    print("FAILED:", f_)
tail = f", {skipped} skipped" if skipped else ""
print(f"{passed} passed, {failed} failed{tail}")
sys.exit(1 if failed else 0)
