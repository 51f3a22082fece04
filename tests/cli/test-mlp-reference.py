#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli train --algorithm mlp against scikit-learn's MLPClassifier/MLPRegressor (TAP).

For each real dataset the rows are split with train_test_split(test_size=0.2,
random_state=0, stratified for classes), written to train.csv and test.csv from the
original lines, and both sides fit the same network on the same standardised features:
the same hidden layers, activation, optimiser, batch size, learning rate, L2 penalty and
number of epochs (scikit-learn with n_iter_no_change above max_iter, so that it runs every
epoch as Easel does). Numeric targets: Easel standardises the target inside the model, so
scikit-learn's MLPRegressor is wrapped in TransformedTargetRegressor(StandardScaler());
its squared loss is ½ (y − ŷ)² where Easel's mse is (y − ŷ)², so Easel's l2 is twice
scikit-learn's alpha for the same objective.

Both sides start from different random weights and shuffle with different generators, so
each is fitted with three seeds and the mean test scores are compared: within 0.02
(accuracy, R²; 0.03 on wine, whose 36 test rows make one row 0.028). The saved model must
predict the test file with the accuracy/R² that training reported.

Run by meson (suite 'reference'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-mlp-reference.py
Needs python3-sklearn, python3-pandas, python3-numpy; skips itself without them.
"""
import json
import os
import subprocess
import sys
import tempfile
import warnings

import easel_tap  # tests/cli/easel_tap.py, beside this script
from easel_tap import CLI, DATASETS, case

SEEDS = (1, 2, 3)


try:
    import numpy as np
    import pandas as pd
    from sklearn import metrics as skm
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from sklearn.preprocessing import StandardScaler
except ImportError as e:  # pragma: no cover
    print(f'1..0 # SKIP scikit-learn, pandas or numpy missing ({e})')
    sys.exit(0)

SK_ACTIVATION = {'relu': 'relu', 'tanh': 'tanh', 'sigmoid': 'logistic'}

# (name, file, target, Easel's settings, metric, tolerance)
CASES = [
    ('digits: relu, adam, one layer of 64', 'digits.csv', 'digit',
     dict(hidden=(64,), activation='relu', optimizer='adam', batch_size=200,
          learning_rate=0.001, epochs=60, alpha=1e-4), 'accuracy', 0.02),
    ('breast_cancer: tanh, momentum sgd, 32,16', 'breast_cancer.csv', 'diagnosis',
     dict(hidden=(32, 16), activation='tanh', optimizer='momentum', batch_size=32,
          learning_rate=0.01, epochs=40, alpha=1e-3), 'accuracy', 0.02),
    ('wine: sigmoid, plain sgd, full batch', 'wine.csv', 'cultivar',
     dict(hidden=(16,), activation='sigmoid', optimizer='sgd', batch_size=0,
          learning_rate=0.5, epochs=300, alpha=1e-4), 'accuracy', 0.03),
    ('concrete_strength: relu, adam, 64,32', 'concrete_strength.csv', 'compressive_strength',
     dict(hidden=(64, 32), activation='relu', optimizer='adam', batch_size=64,
          learning_rate=0.003, epochs=150, alpha=1e-4), 'r2', 0.02),
]


def run(args):
    p = subprocess.run([CLI] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=300)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def write_split(path, lines, header, idx):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(header + '\n')
        for i in idx:
            f.write(lines[i] + '\n')


def easel_params(s, regression):
    l2 = 2 * s['alpha'] if regression else s['alpha']
    return ['hidden=' + ','.join(str(h) for h in s['hidden']), f'activation={s["activation"]}',
            f'optimizer={s["optimizer"]}', f'batch_size={s["batch_size"]}',
            f'learning_rate={s["learning_rate"]}', f'epochs={s["epochs"]}', f'l2={l2!r}']


def sklearn_model(s, regression, n_train, seed):
    solver = 'adam' if s['optimizer'] == 'adam' else 'sgd'
    kw = dict(hidden_layer_sizes=s['hidden'], activation=SK_ACTIVATION[s['activation']],
              solver=solver, alpha=s['alpha'],
              batch_size=n_train if s['batch_size'] == 0 else s['batch_size'],
              learning_rate_init=s['learning_rate'], max_iter=s['epochs'],
              n_iter_no_change=s['epochs'] + 1, shuffle=True, random_state=seed)
    if solver == 'sgd':
        kw.update(learning_rate='constant', nesterovs_momentum=False,
                  momentum=0.9 if s['optimizer'] == 'momentum' else 0.0)
    if regression:
        return TransformedTargetRegressor(MLPRegressor(**kw), transformer=StandardScaler())
    return MLPClassifier(**kw)


def main():
    if not os.access(CLI, os.X_OK):
        print('1..1')
        print(f'not ok 1 - easel-cli not found at {CLI} (set EASEL_BUILD_DIR)')
        return 1
    warnings.simplefilter('ignore')
    tmp = tempfile.TemporaryDirectory(prefix='easel-mlp-')

    for (name, file, target, settings, metric, tol) in CASES:
        path = os.path.join(DATASETS, file)
        if not os.path.exists(path):
            case(f'{name}: dataset {file} present', False, [path])
            continue
        with open(path, encoding='utf-8', newline='') as f:
            raw = f.read().split('\n')
        header, lines = raw[0], [l for l in raw[1:] if l]
        df = pd.read_csv(path)
        regression = metric == 'r2'
        idx = np.arange(len(df))
        tr, te = train_test_split(idx, test_size=0.2, random_state=0,
                                  stratify=None if regression else df[target])
        tr, te = np.sort(tr), np.sort(te)
        train_csv = os.path.join(tmp.name, 'train.csv')
        test_csv = os.path.join(tmp.name, 'test.csv')
        model_path = os.path.join(tmp.name, 'model.easelmodel')
        out_csv = os.path.join(tmp.name, 'out.csv')
        write_split(train_csv, lines, header, tr)
        write_split(test_csv, lines, header, te)

        easel_scores, failed = [], None
        for seed in SEEDS:
            args = ['train', train_csv, '--target', target, '--algorithm', 'mlp', '--test',
                    test_csv, '--json', '--seed', str(seed), '--save', model_path]
            for p in easel_params(settings, regression):
                args += ['--param', p]
            code, out, err = run(args)
            if code != 0:
                failed = [' '.join(args), err]
                break
            result = json.loads(out)
            easel_scores.append(result['metrics'][metric])
        if failed:
            case(f'{name}: easel-cli train succeeds', False, failed)
            continue

        features = [c for c in df.columns if c != target]
        scaler = StandardScaler().fit(df.iloc[tr][features].to_numpy(float))
        xtr = scaler.transform(df.iloc[tr][features].to_numpy(float))
        xte = scaler.transform(df.iloc[te][features].to_numpy(float))
        ytr, yte = df.iloc[tr][target].to_numpy(), df.iloc[te][target].to_numpy()
        sk_scores = []
        for seed in SEEDS:
            model = sklearn_model(settings, regression, len(tr), seed).fit(xtr, ytr)
            pred = model.predict(xte)
            sk_scores.append(skm.r2_score(yte, pred) if regression
                             else skm.accuracy_score(yte, pred))
        got, expected = float(np.mean(easel_scores)), float(np.mean(sk_scores))
        case(f'{name}: mean {metric} {got:.4f} vs scikit-learn {expected:.4f} '
             f'(tolerance {tol})', abs(got - expected) <= tol,
             [f'easel {easel_scores}', f'scikit-learn {sk_scores}'])

        # The saved model (the last seed's) predicts the test file as training scored it.
        code, _, err = run(['predict', '--model', model_path, '--input', test_csv, '--output',
                            out_csv])
        if code != 0:
            case(f'{name}: easel-cli predict succeeds', False, [err])
            continue
        pred = pd.read_csv(out_csv)['prediction']
        score = (skm.r2_score(yte, pred.to_numpy(float)) if regression
                 else skm.accuracy_score(yte.astype(str), pred.astype(str)))
        case(f'{name}: the saved model predicts with the {metric} training reported',
             abs(score - easel_scores[-1]) <= 1e-9, [f'{score} vs {easel_scores[-1]}'])

    return easel_tap.finish()


if __name__ == '__main__':
    sys.exit(main())
