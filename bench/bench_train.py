#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time Easel's learners against scikit-learn, side by side, on generated data.

  logistic: binary logistic regression (L2, C = 1) on 1,000,000 × 100, Easel's Newton
            solver vs scikit-learn's LogisticRegression(solver='newton-cholesky'); the fit
            alone, and the log-loss of both on 100,000 held-out rows (must agree to 1e-6).
  knn:      5 nearest neighbours, 10,000 queries against 100,000 × 20, Easel's brute force
            vs KNeighborsClassifier(algorithm='brute'); the query time (the fit is a copy).
  forest:   a random forest of 100 trees (square root of the features per split, grown to
            pure leaves) on 200,000 × 28, binary, vs RandomForestClassifier(n_jobs=2); the
            fit alone, and the test accuracy of both on 50,000 held-out rows.

Both sides get the same standardised features (scikit-learn's are standardised before the
timer starts, as Easel's are during encoding, which its train_seconds/predict_seconds leave
out). Threads: OMP_NUM_THREADS=2 and OPENBLAS_NUM_THREADS=2 for both processes. Every
measurement is repeated --runs times (default 5) after one untimed warm-up; medians are
printed with the ratio scikit-learn / Easel (above 1: Easel is faster), and written to
bench/out/train.md and bench/out/train.json.

Usage: /usr/bin/python3 bench/bench_train.py [--cli build-bench/src/cli/easel-cli]
                                             [--runs 5] [--only logistic|knn] [--rows N]
Data is generated once into bench/out/ (train_*.csv and .npy; fixed seed).
Needs python3-sklearn (Debian 12: 1.2.1, which has newton-cholesky) and python3-numpy.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, 'out')
SEED = 20240607
THREADS = '2'


def write_csv(path, x, y_text, header):
    """Rows of x (already rounded) and a target column, written without a Python loop per
    cell: each column becomes fixed-width bytes, laid side by side, NUL padding dropped."""
    n = len(x)
    with open(path, 'wb') as out:
        out.write((','.join(header) + '\n').encode())
        for start in range(0, n, 50_000):
            stop = min(n, start + 50_000)
            parts = []
            for j in range(x.shape[1]):
                col = x[start:stop, j].astype('S24')
                parts.append(col.view(np.uint8).reshape(stop - start, col.dtype.itemsize))
                parts.append(np.full((stop - start, 1), ord(','), np.uint8))
            col = y_text[start:stop]
            parts.append(col.view(np.uint8).reshape(stop - start, col.dtype.itemsize))
            parts.append(np.full((stop - start, 1), ord('\n'), np.uint8))
            flat = np.concatenate(parts, axis=1).ravel()
            out.write(flat[flat != 0].tobytes())


def make_logistic(rows, force):
    train, test = os.path.join(OUT, 'train_logistic.csv'), os.path.join(OUT, 'test_logistic.csv')
    npz = os.path.join(OUT, 'train_logistic.npz')
    if not force and all(os.path.exists(p) for p in (train, test, npz)):
        d = np.load(npz)
        if len(d['xtr']) == rows:
            return train, test, d
    rng = np.random.default_rng(SEED)
    p = 100
    n_test = 100_000
    x = np.round(rng.standard_normal((rows + n_test, p)) * rng.uniform(0.5, 3, p) +
                 rng.normal(0, 2, p), 4)
    w = rng.normal(0, 0.3, p)
    z = (x - x.mean(0)) @ w * 0.8 - 0.4
    y = (rng.uniform(size=len(z)) < 1 / (1 + np.exp(-z))).astype(int)
    labels = np.array([b'no', b'yes'])[y]
    header = [f'x{j}' for j in range(p)] + ['y']
    write_csv(train, x[:rows], labels[:rows], header)
    write_csv(test, x[rows:], labels[rows:], header)
    np.savez(npz, xtr=x[:rows], ytr=y[:rows], xte=x[rows:], yte=y[rows:])
    return train, test, np.load(npz)


def make_knn(force):
    train, test = os.path.join(OUT, 'train_knn.csv'), os.path.join(OUT, 'test_knn.csv')
    npz = os.path.join(OUT, 'train_knn.npz')
    if not force and all(os.path.exists(p) for p in (train, test, npz)):
        return train, test, np.load(npz)
    rng = np.random.default_rng(SEED + 1)
    n, q, p = 100_000, 10_000, 20
    centres = rng.normal(0, 2, (3, p))
    cls = rng.integers(0, 3, n + q)
    x = np.round(centres[cls] + rng.standard_normal((n + q, p)) * 1.5, 4)
    labels = np.array([b'a', b'b', b'c'])[cls]
    header = [f'f{j}' for j in range(p)] + ['y']
    write_csv(train, x[:n], labels[:n], header)
    write_csv(test, x[n:], labels[n:], header)
    np.savez(npz, xtr=x[:n], ytr=cls[:n], xte=x[n:], yte=cls[n:])
    return train, test, np.load(npz)


def make_forest(force):
    train, test = os.path.join(OUT, 'train_forest.csv'), os.path.join(OUT, 'test_forest.csv')
    npz = os.path.join(OUT, 'train_forest.npz')
    if not force and all(os.path.exists(p) for p in (train, test, npz)):
        return train, test, np.load(npz)
    rng = np.random.default_rng(SEED + 2)
    n, q, p = 200_000, 50_000, 28
    x = np.round(rng.standard_normal((n + q, p)), 4)
    w = rng.normal(0, 1, p)
    z = x @ w * 0.5 + np.sin(2 * x[:, 0]) + x[:, 1] * x[:, 2] + rng.standard_normal(n + q)
    y = (z > 0).astype(int)
    labels = np.array([b'no', b'yes'])[y]
    header = [f'f{j}' for j in range(p)] + ['y']
    write_csv(train, x[:n], labels[:n], header)
    write_csv(test, x[n:], labels[n:], header)
    np.savez(npz, xtr=x[:n], ytr=y[:n], xte=x[n:], yte=y[n:])
    return train, test, np.load(npz)


# The machine may be shared: before each timed run, wait (up to 120 s) until the other
# processes leave the CPU mostly idle, measured from /proc/stat over half a second.
IDLE_CODE = r'''
def _jiffies():
    with open('/proc/stat') as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v) - v[3] - v[4], sum(v)

def wait_idle(limit=120.0, busy_max=0.10):
    import time
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        b1, t1 = _jiffies(); time.sleep(0.5); b2, t2 = _jiffies()
        if (b2 - b1) / max(1, t2 - t1) < busy_max:
            return True
    return False
'''
exec(IDLE_CODE)


def env():
    e = dict(os.environ)
    e['OMP_NUM_THREADS'] = THREADS
    e['OPENBLAS_NUM_THREADS'] = THREADS
    return e


def easel(cli, args):
    wait_idle()
    p = subprocess.run([cli, 'train'] + args + ['--json', '--threads', THREADS], env=env(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit(f'easel-cli failed: {p.stderr.decode(errors="replace")}')
    return json.loads(p.stdout)


# scikit-learn runs in a child process so that its thread settings come from the same
# environment as Easel's.
SKLEARN_CHILD = IDLE_CODE + r'''
import json, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, accuracy_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.preprocessing import StandardScaler
task, npz, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = np.load(npz)
scaler = StandardScaler().fit(d['xtr'])
xtr, xte = scaler.transform(d['xtr']), scaler.transform(d['xte'])
times, score = [], None
for i in range(runs + 1):
    if i > 0:
        wait_idle()
    if task == 'logistic':
        m = LogisticRegression(solver='newton-cholesky', C=1.0, tol=1e-7, max_iter=100)
        t0 = time.perf_counter(); m.fit(xtr, d['ytr']); t = time.perf_counter() - t0
        score = log_loss(d['yte'], m.predict_proba(xte))
    elif task == 'forest':
        m = RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=i)
        xf = d['xtr'].astype(np.float32)
        t0 = time.perf_counter(); m.fit(xf, d['ytr']); t = time.perf_counter() - t0
        score = accuracy_score(d['yte'], m.predict(d['xte'].astype(np.float32)))
    else:
        m = KNeighborsClassifier(5, algorithm='brute').fit(xtr, d['ytr'])
        t0 = time.perf_counter(); pred = m.predict(xte); t = time.perf_counter() - t0
        score = accuracy_score(d['yte'], pred)
    if i > 0:
        times.append(t)
print(json.dumps({'times': times, 'score': score}))
'''


def sklearn(task, npz, runs):
    p = subprocess.run([sys.executable, '-c', SKLEARN_CHILD, task, npz, str(runs)], env=env(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit(f'scikit-learn failed: {p.stderr.decode(errors="replace")}')
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--cli', default=os.environ.get(
        'EASEL_CLI', os.path.join(ROOT, 'build-bench', 'src', 'cli', 'easel-cli')))
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--rows', type=int, default=1_000_000)
    ap.add_argument('--only', choices=['logistic', 'knn', 'forest'])
    ap.add_argument('--force', action='store_true', help='regenerate the data')
    a = ap.parse_args()
    if not os.access(a.cli, os.X_OK):
        raise SystemExit(f'easel-cli not found at {a.cli} (build it, or pass --cli)')
    os.makedirs(OUT, exist_ok=True)
    results = []

    if a.only in (None, 'logistic'):
        t0 = time.perf_counter()
        train, test, d = make_logistic(a.rows, a.force)
        print(f'logistic data ready ({time.perf_counter() - t0:.0f} s)', file=sys.stderr)
        args = [train, '--target', 'y', '--algorithm', 'logistic', '--param', 'C=1',
                '--param', 'solver=newton', '--test', test]
        easel(a.cli, args)
        runs = [easel(a.cli, args) for _ in range(a.runs)]
        sk = sklearn('logistic', os.path.join(OUT, 'train_logistic.npz'), a.runs)
        e_time = statistics.median(r['train_seconds'] for r in runs)
        s_time = statistics.median(sk['times'])
        e_loss = runs[0]['metrics']['log_loss']
        results.append({
            'task': f'logistic fit, {a.rows:,} × 100, binary',
            'easel_s': e_time, 'sklearn_s': s_time, 'ratio': s_time / e_time,
            'easel_runs': [r['train_seconds'] for r in runs], 'sklearn_runs': sk['times'],
            'check': f'test log-loss {e_loss:.9f} vs {sk["score"]:.9f} '
                     f'(|Δ| = {abs(e_loss - sk["score"]):.1e}, target 1e-6)',
            'ok': abs(e_loss - sk['score']) <= 1e-6,
        })

    if a.only in (None, 'knn'):
        train, test, d = make_knn(a.force)
        args = [train, '--target', 'y', '--algorithm', 'knn', '--param', 'k=5', '--test', test]
        easel(a.cli, args)
        runs = [easel(a.cli, args) for _ in range(a.runs)]
        sk = sklearn('knn', os.path.join(OUT, 'train_knn.npz'), a.runs)
        e_time = statistics.median(r['predict_seconds'] for r in runs)
        s_time = statistics.median(sk['times'])
        e_acc = runs[0]['metrics']['accuracy']
        results.append({
            'task': 'knn (k=5) 10,000 queries vs 100,000 × 20',
            'easel_s': e_time, 'sklearn_s': s_time, 'ratio': s_time / e_time,
            'easel_runs': [r['predict_seconds'] for r in runs], 'sklearn_runs': sk['times'],
            'check': f'test accuracy {e_acc:.4f} vs {sk["score"]:.4f}',
            'ok': abs(e_acc - sk['score']) <= 0.005,
        })

    if a.only in (None, 'forest'):
        train, test, d = make_forest(a.force)
        args = [train, '--target', 'y', '--algorithm', 'forest', '--param', 'n_trees=100',
                '--test', test]
        easel(a.cli, args)
        runs = [easel(a.cli, args) for _ in range(a.runs)]
        sk = sklearn('forest', os.path.join(OUT, 'train_forest.npz'), a.runs)
        e_time = statistics.median(r['train_seconds'] for r in runs)
        s_time = statistics.median(sk['times'])
        e_acc = runs[0]['metrics']['accuracy']
        results.append({
            'task': 'forest, 100 trees, 200,000 × 28, binary',
            'easel_s': e_time, 'sklearn_s': s_time, 'ratio': s_time / e_time,
            'easel_runs': [r['train_seconds'] for r in runs], 'sklearn_runs': sk['times'],
            'check': f'test accuracy {e_acc:.4f} vs {sk["score"]:.4f}',
            'ok': abs(e_acc - sk['score']) <= 0.01,
        })

    import sklearn as sk_module
    machine = f'{platform.processor() or platform.machine()}, {os.cpu_count()} cores, ' \
              f'Python {platform.python_version()}, scikit-learn {sk_module.__version__}, ' \
              f'numpy {np.__version__}'
    lines = [f'Medians of {a.runs} runs, {THREADS} threads each ({machine}).', '',
             '| task | Easel (s) | scikit-learn (s) | ratio | check |', '|---|---|---|---|---|']
    for r in results:
        lines.append(f'| {r["task"]} | {r["easel_s"]:.3f} | {r["sklearn_s"]:.3f} | '
                     f'{r["ratio"]:.2f}× | {r["check"]}{"" if r["ok"] else " — FAILED"} |')
    text = '\n'.join(lines)
    print(text)
    with open(os.path.join(OUT, 'train.md'), 'w') as f:
        f.write(text + '\n')
    with open(os.path.join(OUT, 'train.json'), 'w') as f:
        json.dump({'machine': machine, 'results': results}, f, indent=1)
    return 0 if all(r['ok'] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
