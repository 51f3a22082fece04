#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""pandas peer for the profile benchmark: read_csv, then describe(include='all').

Usage: pandas_profile.py FILE [read|full]
Prints 'work_seconds S' (time spent after the imports) on stdout. pandas is single-threaded.
The missing-value list is the same as Easel's so that both do the same work.
"""
import sys
import time

import pandas as pd

NA = ['', 'NA', 'N/A', 'NaN', 'null', 'NULL', '?']


def main():
    path = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else 'full'
    t0 = time.perf_counter()
    df = pd.read_csv(path, na_values=NA, keep_default_na=False)
    if mode == 'full':
        desc = df.describe(include='all')
        # keep the result alive until the clock stops
        assert desc.shape[1] == df.shape[1]
    print(f'work_seconds {time.perf_counter() - t0:.6f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
