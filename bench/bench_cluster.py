#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time one Lloyd iteration of `easel-cli cluster` against scikit-learn KMeans.

Usage: /usr/bin/python3 bench/bench_cluster.py [--build-dir DIR] [--rows 1000000]
                                               [--cols 50] [--k 10] [--threads 2]

The data: uniform random numbers (seeded), so the labels keep changing and neither tool
stops early. The time per iteration is the difference between a run of 21 iterations and
a run of 1, divided by the difference in iterations, so seeding, reading and the final
labelling cancel out: Easel from the "seconds" of its JSON (the fit alone, silhouette
excluded), scikit-learn from the wall time of KMeans(algorithm='lloyd', n_init=1, tol=0,
init = the first k rows).
Both use --threads OpenMP threads (OMP_NUM_THREADS for scikit-learn).
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def easel_seconds(cli, path, k, iters, threads):
    out = subprocess.run([cli, 'cluster', path, '--k', str(k), '--max-iter', str(iters),
                          '--tol', '0', '--threads', str(threads), '--json'],
                         check=True, capture_output=True, text=True).stdout
    res = json.loads(out)
    return res['seconds'], res['iterations']


SKLEARN = r'''
import sys, time, json
import numpy as np, pandas as pd
from sklearn.cluster import KMeans
x = pd.read_csv(sys.argv[1]).to_numpy(dtype=np.float64)
k = int(sys.argv[2])
out = {}
for iters in (1, 21):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        km = KMeans(n_clusters=k, init=x[:k].copy(), n_init=1, max_iter=iters, tol=0,
                    algorithm='lloyd').fit(x)
        s = time.perf_counter() - t
        best = s if best is None or s < best else best
    out[iters] = (best, int(km.n_iter_))
print(json.dumps(out))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build-dir', default=os.path.join(HERE, '..', 'build'))
    ap.add_argument('--rows', type=int, default=1000000)
    ap.add_argument('--cols', type=int, default=50)
    ap.add_argument('--k', type=int, default=10)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--data', default='/tmp/easel-bench-cluster.csv')
    a = ap.parse_args()
    cli = os.path.join(a.build_dir, 'src', 'cli', 'easel-cli')

    import numpy as np
    import pandas as pd
    if not os.path.exists(a.data):
        rng = np.random.default_rng(0)
        x = rng.random((a.rows, a.cols))
        pd.DataFrame(x, columns=[f'x{j}' for j in range(a.cols)]).to_csv(
            a.data, index=False, float_format='%.6f')

    runs = {}
    for iters in (1, 21):
        best = None
        for _ in range(3):
            s, it = easel_seconds(cli, a.data, a.k, iters, a.threads)
            best = (s, it) if best is None or s < best[0] else best
        runs[iters] = best
    easel = (runs[21][0] - runs[1][0]) / (runs[21][1] - runs[1][1])

    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads), OPENBLAS_NUM_THREADS='1')
    out = subprocess.run(['/usr/bin/python3', '-c', SKLEARN, a.data, str(a.k)], env=env,
                         check=True, capture_output=True, text=True).stdout
    sk = {int(key): v for key, v in json.loads(out).items()}
    sklearn = (sk[21][0] - sk[1][0]) / (sk[21][1] - sk[1][1])

    print(f'{a.rows} x {a.cols}, k = {a.k}, {a.threads} threads: seconds per Lloyd iteration')
    print(f'  easel-cli cluster   {easel:.4f}')
    print(f'  scikit-learn lloyd  {sklearn:.4f}')
    print(f'  ratio easel / scikit-learn  {easel / sklearn:.2f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
