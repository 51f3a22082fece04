#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli pca and cluster against scikit-learn on real datasets (TAP output).

  * pca: explained_variance_ratio equals scikit-learn PCA's to 1e-9 (centred, and with
    --standardize against StandardScaler + PCA); components equal to 1e-6 after applying
    Easel's sign convention (largest-|value| entry positive) to scikit-learn's, for the
    components whose eigenvalue is separated from its neighbours (a repeated eigenvalue has
    no unique eigenvector);
  * cluster: on standardised iris and wine, Easel's inertia is within 1% of scikit-learn
    KMeans(n_init=10, random_state=0) or lower (k = 3 with Easel's default single
    k-means++ start; k = 5 and 6 with --n-init 10); the
    inertia and silhouette equal those recomputed from Easel's centres (scikit-learn's
    silhouette_score), sizes partition the rows;
  * errors: bad --k, --components, unknown or non-numeric columns exit 1/2 naming them.

Run by meson (suite 'reference'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-unsupervised-sklearn.py
"""
import json
import os
import subprocess
import sys
import tempfile
import warnings

import easel_tap  # tests/cli/easel_tap.py, beside this script
from easel_tap import CLI, DATASETS, case, skip_all


try:
    import numpy as np
    import pandas as pd
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler
except ImportError as e:
    skip_all(f'scikit-learn, pandas or numpy missing ({e})')

warnings.filterwarnings('ignore')


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def run_json(*args):
    code, out, err = run(*args, '--json')
    if code != 0:
        raise RuntimeError(f'easel-cli {" ".join(args)} exited {code}: {err}')
    return json.loads(out)


def flip(components):
    out = components.copy()
    for row in out:
        big = np.argmax(np.abs(row))
        if row[big] < 0:
            row *= -1
    return out


def numeric_frame(name):
    df = pd.read_csv(os.path.join(DATASETS, name + '.csv'))
    num = df.select_dtypes(include=[np.number])
    if name == 'digits':
        num = num.drop(columns=['digit'])
    return num


def check_pca(name, standardize):
    num = numeric_frame(name)
    args = ['pca', os.path.join(DATASETS, name + '.csv'), '--columns', ','.join(num.columns)]
    if standardize:
        args.append('--standardize')
    res = run_json(*args)
    x = num.to_numpy(dtype=np.float64)
    if standardize:
        x = StandardScaler().fit_transform(x)
    ref = PCA().fit(x)
    label = f'pca {name}{" --standardize" if standardize else ""}'
    ours = np.array(res['explained_variance_ratio'])
    diff = np.max(np.abs(ours - ref.explained_variance_ratio_))
    case(f'{label}: explained_variance_ratio equals scikit-learn to 1e-9',
         res['columns'] == list(num.columns) and len(ours) == x.shape[1] and diff <= 1e-9,
         [f'max difference {diff:.3g}'])
    var = ref.explained_variance_
    comps = np.array(res['components'])
    mine = flip(comps)
    theirs = flip(ref.components_)
    worst = 0.0
    compared = 0
    for c in range(len(var)):
        gaps = [abs(var[c] - var[d]) for d in (c - 1, c + 1) if 0 <= d < len(var)]
        if min(gaps) <= 1e-6 * var[0]:
            continue
        top = np.sort(np.abs(theirs[c]))[::-1]
        if len(top) > 1 and top[0] - top[1] < 1e-9:
            d = min(np.max(np.abs(mine[c] - theirs[c])), np.max(np.abs(mine[c] + theirs[c])))
        else:
            d = np.max(np.abs(mine[c] - theirs[c]))
        worst = max(worst, d)
        compared += 1
    signs_ok = all(row[np.argmax(np.abs(row))] > 0 for row in comps)
    case(f'{label}: {compared} separated components equal scikit-learn (sign flipped) to 1e-6',
         compared >= min(4, len(var)) and worst <= 1e-6 and signs_ok,
         [f'worst {worst:.3g}, compared {compared}, sign convention held: {signs_ok}'])


def check_cluster(name, k, n_init, tmp):
    num = numeric_frame(name)
    x = StandardScaler().fit_transform(num.to_numpy(dtype=np.float64))
    path = os.path.join(tmp, f'{name}-std.csv')
    pd.DataFrame(x, columns=num.columns).to_csv(path, index=False, float_format='%.17g')
    x = pd.read_csv(path).to_numpy(dtype=np.float64)
    res = run_json('cluster', path, '--k', str(k), '--seed', '0', '--n-init', str(n_init))
    ref = KMeans(n_clusters=k, n_init=10, random_state=0, algorithm='lloyd').fit(x)
    label = f'cluster {name} k={k} n_init={n_init}'
    case(f'{label}: inertia {res["inertia"]:.6g} within 1% of scikit-learn best-of-10 '
         f'{ref.inertia_:.6g} or lower',
         res['inertia'] <= ref.inertia_ * 1.01, [json.dumps(res)[:300]])
    centres = np.array(res['centres'])
    d2 = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    inertia = d2.min(axis=1).sum()
    sizes = np.bincount(labels, minlength=k)
    case(f'{label}: sizes partition the rows and match the nearest centres',
         sum(res['sizes']) == len(x) and list(sizes) == res['sizes'] and
         all(s > 0 for s in res['sizes']) and res['dropped_rows'] == 0 and res['k'] == k,
         [f'easel {res["sizes"]}, recomputed {list(sizes)}'])
    sil = silhouette_score(x, labels)
    case(f'{label}: inertia and silhouette equal their direct computation',
         abs(inertia - res['inertia']) <= 1e-9 * inertia and
         abs(sil - res['silhouette']) <= 1e-9 and res['silhouette_sample'] is None,
         [f'inertia {inertia} vs {res["inertia"]}, silhouette {sil} vs {res["silhouette"]}'])


def check_errors(tmp):
    iris = os.path.join(DATASETS, 'iris.csv')
    cases = [
        (['cluster', iris, '--k', '0'], 2, '--k'),
        (['cluster', iris], 2, '--k'),
        (['cluster', iris, '--k', '151'], 1, '--k'),
        (['cluster', iris, '--k', '3', '--columns', 'sepal length (cm),nope'], 1, 'nope'),
        (['cluster', iris, '--k', '3', '--columns', 'species'], 1, 'species'),
        (['pca', iris, '--components', '5'], 1, '--components'),
        (['pca', iris, '--components', '-1'], 2, '--components'),
        (['pca', iris, '--columns', 'petal width (cm),nope'], 1, 'nope'),
    ]
    only_text = os.path.join(tmp, 'text.csv')
    with open(only_text, 'w') as f:
        f.write('name,colour\nann,red\nbob,blue\n')
    cases.append((['pca', only_text], 1, 'numeric'))
    cases.append((['cluster', only_text, '--k', '1'], 1, 'numeric'))
    for args, want, needle in cases:
        code, out, err = run(*args)
        case(f'error: {" ".join(args[0:1] + args[2:])} exits {want} naming {needle}',
             code == want and needle in err and out == '', [f'exit {code}, stderr {err!r}'])


def check_dropped(tmp):
    path = os.path.join(tmp, 'missing.csv')
    with open(path, 'w') as f:
        f.write('a,b,c\n1,2,x\n2,,y\n3,1,z\n4,5,x\n,7,y\n8,9,z\n')
    res = run_json('cluster', path, '--k', '2')
    pca = run_json('pca', path, '--columns', 'a')
    case('missing values: rows dropped and counted',
         res['dropped_rows'] == 2 and sum(res['sizes']) == 4 and res['columns'] == ['a', 'b'] and
         pca['dropped_rows'] == 1 and pca['explained_variance_ratio'] == [1.0],
         [json.dumps(res), json.dumps(pca)])


def main():
    if not os.path.exists(CLI):
        skip_all(f'{CLI} not built')
    with tempfile.TemporaryDirectory() as tmp:
        for name in ('iris', 'wine', 'breast_cancer', 'digits'):
            check_pca(name, False)
        for name in ('wine', 'breast_cancer'):
            check_pca(name, True)
        # One start (the default) is enough for k = 3 here; for larger k a single start can
        # stop in a worse local minimum, so those compare ten starts with ten.
        for name, k, n_init in (('iris', 3, 1), ('wine', 3, 1), ('iris', 5, 10),
                                ('wine', 6, 10)):
            check_cluster(name, k, n_init, tmp)
        check_errors(tmp)
        check_dropped(tmp)
    return easel_tap.finish()


if __name__ == '__main__':
    sys.exit(main())
