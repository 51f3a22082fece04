#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time Easel's neural network (mlp) against PyTorch and scikit-learn, per epoch.

The task is MNIST-sized: 60,000 training rows × 784 pixel columns (integers 0-255, mostly
0, generated from 30 blurred stroke templates, blended and with noise; fixed seed) and 10
classes, 10,000 test rows. Every side trains the same network: 784 → 100 (relu) → 10 (softmax),
cross-entropy, Adam (learning rate 1e-3, β = 0.9/0.999), mini-batches of 200 rows shuffled
every epoch, float32, L2 1e-4 in scikit-learn's convention (PyTorch: weight_decay =
1e-4 / 200 per batch, the same penalty), on standardised features.

  Easel:        easel-cli train --algorithm mlp --param hidden=100 ... --param epochs=3;
                its train_seconds (the fit alone, after reading and encoding) / 3.
  PyTorch:      torch.nn.Sequential(Linear, ReLU, Linear), torch.optim.Adam, a loop over
                torch.randperm batches with loss.item() per batch (as Easel sums the
                loss), torch.set_num_threads(2); 3 epochs timed / 3.
  scikit-learn: MLPClassifier(hidden_layer_sizes=(100,), solver='adam', batch_size=200,
                max_iter=3) on float32 input; fit time / 3.

Threads: OMP_NUM_THREADS=2 and OPENBLAS_NUM_THREADS=2 for every process (--threads). Each side runs
once untimed, then --runs times (default 5); medians are printed with the ratios Easel /
peer (below 1: Easel is faster; the targets are ≤ 1.0 against PyTorch and ≤ 0.5 against
scikit-learn), and the test accuracy after 3 epochs of each (they must agree within 0.03).
Written to bench/out/mlp.md and bench/out/mlp.json.

Usage: /usr/bin/python3 bench/bench_mlp.py [--cli build-bench/src/cli/easel-cli]
                                           [--runs 5] [--epochs 3] [--threads 2]
                                           [--no-sklearn] [--force]
Needs python3-torch, python3-sklearn and python3-numpy.
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

import bench_train
from bench_train import IDLE_CODE, OUT, ROOT, easel, env, write_csv

SEED = 20241122
N_TRAIN, N_TEST, SIDE, CLASSES = 60_000, 10_000, 28, 10


def make_data(force):
    train, test = os.path.join(OUT, 'train_mlp.csv'), os.path.join(OUT, 'test_mlp.csv')
    npz = os.path.join(OUT, 'train_mlp.npz')
    if not force and all(os.path.exists(p) for p in (train, test, npz)):
        return train, test, npz
    rng = np.random.default_rng(SEED)
    yy, xx = np.mgrid[0:SIDE, 0:SIDE]
    # Three templates per class, each a few blurred strokes between random points.
    templates = np.zeros((CLASSES * 3, SIDE * SIDE))
    for t in range(len(templates)):
        img = np.zeros((SIDE, SIDE))
        for _ in range(3):
            (r0, c0), (r1, c1) = rng.uniform(5, 23, (2, 2))
            for s in np.linspace(0, 1, 12):
                r, c = r0 + s * (r1 - r0), c0 + s * (c1 - c0)
                img += np.exp(-((yy - r) ** 2 + (xx - c) ** 2) / 3.0)
        templates[t] = (img / img.max()).ravel()
    n = N_TRAIN + N_TEST
    y = rng.integers(0, CLASSES, n)
    which = y * 3 + rng.integers(0, 3, n)
    other = rng.integers(0, len(templates), n)
    # Each image is its class's template blended with a random one, plus noise: about 90%
    # test accuracy after three epochs, so the accuracies compared mean something.
    x = (0.6 * templates[which] + 0.4 * templates[other]) * rng.uniform(180, 255, (n, 1)) + \
        rng.normal(0, 60, (n, SIDE * SIDE))
    x = np.clip(np.round(x), 0, 255)
    x[x < 50] = 0
    x = x.astype(np.int64)
    labels = np.array([f'd{c}'.encode() for c in range(CLASSES)])[y]
    header = [f'px{j}' for j in range(SIDE * SIDE)] + ['label']
    write_csv(train, x[:N_TRAIN], labels[:N_TRAIN], header)
    write_csv(test, x[N_TRAIN:], labels[N_TRAIN:], header)
    np.savez(npz, xtr=x[:N_TRAIN].astype(np.float32), ytr=y[:N_TRAIN],
             xte=x[N_TRAIN:].astype(np.float32), yte=y[N_TRAIN:])
    return train, test, npz


# The peers run in child processes, with the same thread settings as Easel. Features are
# standardised as Easel does (population std, 1 where a column is constant).
CHILD = IDLE_CODE + r'''
import json, sys, time
import numpy as np
peer, npz, runs, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
threads = int(sys.argv[5])
d = np.load(npz)
mean, std = d['xtr'].mean(0), d['xtr'].std(0)
std[std == 0] = 1
xtr = ((d['xtr'] - mean) / std).astype(np.float32)
xte = ((d['xte'] - mean) / std).astype(np.float32)
ytr, yte = d['ytr'], d['yte']
times, accuracy = [], None
for i in range(runs + 1):
    wait_idle()
    if peer == 'torch':
        import torch
        torch.set_num_threads(threads)
        torch.manual_seed(i)
        X, Y = torch.from_numpy(xtr), torch.from_numpy(ytr)
        model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(),
                                    torch.nn.Linear(100, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4 / 200)
        lossf = torch.nn.CrossEntropyLoss()
        t0 = time.perf_counter()
        for e in range(epochs):
            perm = torch.randperm(len(X))
            total = 0.0
            for s in range(0, len(X), 200):
                idx = perm[s:s + 200]
                out = model(X[idx])
                loss = lossf(out, Y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += loss.item() * len(idx)
        t = time.perf_counter() - t0
        with torch.no_grad():
            accuracy = float((model(torch.from_numpy(xte)).argmax(1).numpy() == yte).mean())
    else:
        import warnings
        from sklearn.neural_network import MLPClassifier
        warnings.simplefilter('ignore')
        m = MLPClassifier(hidden_layer_sizes=(100,), solver='adam', batch_size=200,
                          learning_rate_init=1e-3, alpha=1e-4, max_iter=epochs,
                          n_iter_no_change=epochs + 1, shuffle=True, random_state=i)
        t0 = time.perf_counter()
        m.fit(xtr, ytr)
        t = time.perf_counter() - t0
        accuracy = float((m.predict(xte) == yte).mean())
    if i > 0:
        times.append(t / epochs)
print(json.dumps({'times': times, 'accuracy': accuracy}))
'''


def peer(name, npz, runs, epochs):
    p = subprocess.run([sys.executable, '-c', CHILD, name, npz, str(runs), str(epochs),
                        bench_train.THREADS],
                       env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit(f'{name} failed: {p.stderr.decode(errors="replace")}')
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--cli', default=os.environ.get(
        'EASEL_CLI', os.path.join(ROOT, 'build-bench', 'src', 'cli', 'easel-cli')))
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--no-sklearn', action='store_true', help='skip scikit-learn (slow)')
    ap.add_argument('--threads', default='2', help='threads for every side (default 2)')
    ap.add_argument('--force', action='store_true', help='regenerate the data')
    a = ap.parse_args()
    bench_train.THREADS = a.threads   # read by env() and easel()
    if not os.access(a.cli, os.X_OK):
        raise SystemExit(f'easel-cli not found at {a.cli} (build it, or pass --cli)')
    os.makedirs(OUT, exist_ok=True)
    t0 = time.perf_counter()
    train, test, npz = make_data(a.force)
    print(f'mlp data ready ({time.perf_counter() - t0:.0f} s)', file=sys.stderr)

    args = [train, '--target', 'label', '--algorithm', 'mlp', '--test', test, '--seed', '1']
    for p in ('hidden=100', 'activation=relu', 'optimizer=adam', 'batch_size=200',
              'learning_rate=0.001', 'l2=0.0001', f'epochs={a.epochs}'):
        args += ['--param', p]
    easel(a.cli, args)
    runs = [easel(a.cli, args) for _ in range(a.runs)]
    e_times = [r['train_seconds'] / a.epochs for r in runs]
    e_acc = runs[0]['metrics']['accuracy']
    peers = {'PyTorch': peer('torch', npz, a.runs, a.epochs)}
    if not a.no_sklearn:
        peers['scikit-learn'] = peer('sklearn', npz, a.runs, a.epochs)

    import torch
    import sklearn
    machine = f'{platform.processor() or platform.machine()}, {os.cpu_count()} cores, ' \
              f'torch {torch.__version__}, scikit-learn {sklearn.__version__}, ' \
              f'numpy {np.__version__}'
    e_med = statistics.median(e_times)
    targets = {'PyTorch': 1.0, 'scikit-learn': 0.5}
    results = {'machine': machine, 'threads': a.threads, 'epochs': a.epochs,
               'easel_runs': e_times,
               'easel_accuracy': e_acc, 'peers': {}}
    lines = [f'Seconds per epoch, medians of {a.runs} runs of {a.epochs} epochs, {a.threads} '
             f'threads each ({machine}).', '',
             '60,000 × 784 → 100 relu → 10 softmax, Adam, batches of 200, float32.', '',
             '| tool | s / epoch | fastest run | Easel / tool | target | test accuracy |',
             '|---|---|---|---|---|---|',
             f'| Easel | {e_med:.3f} | {min(e_times):.3f} | | | {e_acc:.4f} |']
    ok = True
    for name, r in peers.items():
        med = statistics.median(r['times'])
        ratio = e_med / med
        good = ratio <= targets[name] and abs(r['accuracy'] - e_acc) <= 0.03
        ok = ok and good
        lines.append(f'| {name} | {med:.3f} | {min(r["times"]):.3f} | {ratio:.2f}× | '
                     f'≤ {targets[name]:.1f}× | '
                     f'{r["accuracy"]:.4f} |{"" if good else " FAILED"}')
        results['peers'][name] = {'runs': r['times'], 'ratio': ratio,
                                  'accuracy': r['accuracy'], 'ok': good}
    text = '\n'.join(lines)
    print(text)
    with open(os.path.join(OUT, 'mlp.md'), 'w') as f:
        f.write(text + '\n')
    with open(os.path.join(OUT, 'mlp.json'), 'w') as f:
        json.dump(results, f, indent=1)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
