#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli train --algorithm gbdt against XGBoost 1.7 (tree_method='hist') (TAP output).

For each real dataset the rows are split as in test-train-sklearn.py (train_test_split,
random_state 0, stratified for classes; train.csv and test.csv hold the original lines),
Easel trains with `easel-cli train TRAIN --algorithm gbdt --test TEST --json`, and XGBoost
is trained here on the same rows, encoded as Easel encodes them for gbdt (numbers as they
are, missing values left missing for XGBoost's own handling; categories one-hot over the
training levels by frequency; booleans 0/1), with the same hyper-parameters: 100 rounds,
depth 6, learning rate 0.1, L2 1, 255 bins, and no minimum leaf size (Easel
min_samples_leaf=1, XGBoost min_child_weight=1e-3, which is Easel's fixed minimum
Hessian). Checked:

  * test AUC (binary), accuracy (multiclass) or R² (regression) within 0.005 of XGBoost's;
  * early stopping: it stops, reports the rounds kept, and the saved model predicts what
    the evaluation saw;
  * missing values: a column whose missingness carries the target is learnt as XGBoost
    learns it, and clearly better than with the missing values imputed.

Run by meson (suite 'reference'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-gbdt-xgboost.py
Needs python3-xgboost (Debian 12: 1.7.4), python3-sklearn, python3-pandas; skips without.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import easel_tap  # tests/cli/easel_tap.py, beside this script
from easel_tap import CLI, DATASETS, case, skip_all


try:
    import numpy as np
    import pandas as pd
    import xgboost as xgb
    from sklearn import metrics as skm
    from sklearn.model_selection import train_test_split
except ImportError as e:  # pragma: no cover
    skip_all(f'xgboost, scikit-learn, pandas or numpy missing ({e})')

THREADS = '2'


def run(args):
    env = dict(os.environ, OMP_NUM_THREADS=THREADS)
    p = subprocess.run([CLI] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=300, env=env)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def encode(train, test, target):
    """Easel's gbdt features: numbers unchanged (NaN stays), categories one-hot over the
    20 most frequent training levels (ties in order of first appearance), a missing or
    unseen category all zeros."""
    out_train, out_test = [], []
    for c in train.columns:
        if c == target:
            continue
        if pd.api.types.is_numeric_dtype(train[c]) or pd.api.types.is_bool_dtype(train[c]):
            out_train.append(train[c].to_numpy(float)[:, None])
            out_test.append(test[c].to_numpy(float)[:, None])
        else:
            counts = train[c].value_counts(sort=False)
            first = {v: i for i, v in reversed(list(enumerate(train[c].dropna())))}
            levels = sorted(counts.index, key=lambda v: (-counts[v], first[v]))[:20]
            for lv in levels:
                out_train.append((train[c] == lv).to_numpy(float)[:, None])
                out_test.append((test[c] == lv).to_numpy(float)[:, None])
    return np.hstack(out_train), np.hstack(out_test)


def write_split(path, lines, header, idx):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(header + '\n')
        for i in idx:
            f.write(lines[i] + '\n')


def as_easel_class(values, classes):
    """Target values as Easel names its classes ("Yes"/"No" columns read as booleans)."""
    s = values.astype(str)
    if classes == ['false', 'true']:
        s = s.replace({'Yes': 'true', 'No': 'false', 'True': 'true', 'False': 'false'})
    return s.to_numpy()


PARAMS = {'n_trees': 100, 'learning_rate': 0.1, 'max_depth': 6, 'min_samples_leaf': 1,
          'l2': 1, 'max_bins': 255}


def xgb_params(objective, extra=None):
    p = {'tree_method': 'hist', 'max_depth': PARAMS['max_depth'], 'eta': PARAMS['learning_rate'],
         'lambda': PARAMS['l2'], 'min_child_weight': 1e-3, 'max_bin': PARAMS['max_bins'],
         'nthread': 1, 'objective': objective}
    p.update(extra or {})
    return p


def xgb_score(metric, xtr, ytr, xte, truth, classes, positive):
    if metric == 'r2':
        b = xgb.train(xgb_params('reg:squarederror', {'base_score': float(np.mean(ytr))}),
                      xgb.DMatrix(xtr, label=ytr), PARAMS['n_trees'])
        return skm.r2_score(truth, b.predict(xgb.DMatrix(xte)))
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[v] for v in ytr])
    if len(classes) == 2:
        b = xgb.train(xgb_params('binary:logistic'), xgb.DMatrix(xtr, label=y),
                      PARAMS['n_trees'])
        p1 = b.predict(xgb.DMatrix(xte))
        proba = np.column_stack([1 - p1, p1])
    else:
        b = xgb.train(xgb_params('multi:softprob', {'num_class': len(classes)}),
                      xgb.DMatrix(xtr, label=y), PARAMS['n_trees'])
        proba = b.predict(xgb.DMatrix(xte)).reshape(len(xte), len(classes))
    if metric == 'roc_auc':
        return skm.roc_auc_score(truth == positive, proba[:, index[positive]])
    return skm.accuracy_score(truth, np.asarray(classes)[np.argmax(proba, axis=1)])


# (name, file, target, metric)
CASES = [
    ('breast_cancer', 'breast_cancer.csv', 'diagnosis', 'roc_auc'),
    ('telco_churn (missing values, categories)', 'telco_churn.csv', 'churn', 'roc_auc'),
    ('letter_recognition (26 classes)', 'letter_recognition.csv', 'lettr', 'accuracy'),
    ('concrete_strength', 'concrete_strength.csv', 'compressive_strength', 'r2'),
    ('diamonds (categories)', 'diamonds.csv', 'price', 'r2'),
]
TOLERANCE = 0.005


def split_files(tmp, path, target, regression):
    with open(path, encoding='utf-8', newline='') as f:
        raw = f.read().split('\n')
    header, lines = raw[0], [l for l in raw[1:] if l]
    df = pd.read_csv(path)
    idx = np.arange(len(df))
    tr, te = train_test_split(idx, test_size=0.2, random_state=0,
                              stratify=None if regression else df[target])
    tr, te = np.sort(tr), np.sort(te)
    train_csv, test_csv = os.path.join(tmp, 'train.csv'), os.path.join(tmp, 'test.csv')
    write_split(train_csv, lines, header, tr)
    write_split(test_csv, lines, header, te)
    return (df.iloc[tr].reset_index(drop=True), df.iloc[te].reset_index(drop=True),
            train_csv, test_csv)


def easel_train(train_csv, test_csv, target, params, save=None):
    args = ['train', train_csv, '--target', target, '--algorithm', 'gbdt', '--test', test_csv,
            '--json']
    for k, v in params.items():
        args += ['--param', f'{k}={v}']
    if save:
        args += ['--save', save]
    code, out, err = run(args)
    return (json.loads(out) if code == 0 else None), ' '.join(args) + '\n' + err


def fidelity(tmp):
    for (name, file, target, metric) in CASES:
        path = os.path.join(DATASETS, file)
        if not os.path.exists(path):
            case(f'{name}: dataset {file} present', False, [path])
            continue
        train_df, test_df, train_csv, test_csv = split_files(tmp, path, target, metric == 'r2')
        t0 = time.perf_counter()
        result, err = easel_train(train_csv, test_csv, target, PARAMS)
        t1 = time.perf_counter()
        if result is None:
            case(f'{name}: easel-cli train succeeds', False, [err])
            continue
        xtr, xte = encode(train_df, test_df, target)
        if metric == 'r2':
            expected = xgb_score(metric, xtr, train_df[target].to_numpy(float), xte,
                                 test_df[target].to_numpy(float), None, None)
        else:
            classes = result['classes']
            expected = xgb_score(metric, xtr, as_easel_class(train_df[target], classes), xte,
                                 as_easel_class(test_df[target], classes), classes,
                                 result['positive_class'])
        got = result['metrics'][metric]
        print(f'# {name}: easel-cli {t1 - t0:.2f} s, XGBoost {time.perf_counter() - t1:.2f} s')
        case(f'{name}: {metric} {got:.5f} vs XGBoost {expected:.5f} (tolerance {TOLERANCE})',
             abs(got - expected) <= TOLERANCE, [f'difference {got - expected:+.5f}'])
        case(f'{name}: all {PARAMS["n_trees"]} rounds kept without early stopping',
             result.get('iterations') == PARAMS['n_trees'],
             [f'iterations {result.get("iterations")}'])


def early_stopping(tmp):
    path = os.path.join(DATASETS, 'telco_churn.csv')
    _, test_df, train_csv, test_csv = split_files(tmp, path, 'churn', False)
    model = os.path.join(tmp, 'es.easelmodel')
    out_csv = os.path.join(tmp, 'es.csv')
    params = dict(PARAMS, n_trees=2000, learning_rate=0.3, early_stopping_rounds=10)
    result, err = easel_train(train_csv, test_csv, 'churn', params, save=model)
    if result is None:
        case('early stopping: easel-cli train succeeds', False, [err])
        return
    kept = result.get('iterations')
    case(f'early stopping: stops and reports the rounds kept ({kept} of 2000)',
         isinstance(kept, int) and 1 <= kept < 200, [f'iterations {kept}'])
    code, _, err = run(['predict', '--model', model, '--input', test_csv, '--output', out_csv])
    if code != 0:
        case('early stopping: the saved model predicts', False, [err])
        return
    pred = pd.read_csv(out_csv)
    classes, positive = result['classes'], result['positive_class']
    truth = as_easel_class(test_df['churn'], classes)
    auc = skm.roc_auc_score(truth == positive, pred[f'probability_{positive}'])
    case(f'early stopping: the saved model gives the evaluated AUC ({auc:.6f})',
         abs(auc - result['metrics']['roc_auc']) < 1e-9,
         [f'evaluation {result["metrics"]["roc_auc"]}'])
    # The same seed gives the same rounds; another seed holds out other rows.
    again, _ = easel_train(train_csv, test_csv, 'churn', params)
    case('early stopping: a fixed seed stops at the same round',
         again is not None and again.get('iterations') == kept)


def missing_values(tmp):
    """x1 informative; x2 missing on a third of the rows, and those rows mostly positive."""
    rng = np.random.default_rng(7)
    n = 6000
    x1 = rng.normal(size=n)
    x2 = rng.normal(size=n)
    miss = rng.uniform(size=n) < 0.33
    z = np.where(miss, 2.5, 1.5 * x2) + 0.8 * x1
    y = np.where(rng.uniform(size=n) < 1 / (1 + np.exp(-z)), 'pos', 'neg')
    x2_text = np.where(miss, '', np.char.mod('%.6f', x2))
    rows = [f'{a:.6f},{b},{c}' for a, b, c in zip(x1, x2_text, y)]
    tr, te = rows[:4800], rows[4800:]
    train_csv, test_csv = os.path.join(tmp, 'mtrain.csv'), os.path.join(tmp, 'mtest.csv')
    for p, part in ((train_csv, tr), (test_csv, te)):
        with open(p, 'w') as f:
            f.write('x1,x2,y\n' + '\n'.join(part) + '\n')
    result, err = easel_train(train_csv, test_csv, 'y', PARAMS)
    if result is None:
        case('missing values: easel-cli train succeeds', False, [err])
        return
    x2f = np.where(miss, np.nan, x2)
    xtr, xte = np.column_stack([x1, x2f])[:4800], np.column_stack([x1, x2f])[4800:]
    truth = y[4800:]
    expected = xgb_score('roc_auc', xtr, y[:4800], xte, truth, result['classes'], 'pos')
    got = result['metrics']['roc_auc']
    case(f'missing values: AUC {got:.5f} vs XGBoost {expected:.5f} (tolerance {TOLERANCE})',
         abs(got - expected) <= TOLERANCE, [f'difference {got - expected:+.5f}'])
    # The direction learnt for a missing x2: rows with x1 = 0 and x2 missing are mostly
    # positive (logit 2.5), while x2 = the training median (about 0, logit 0) is a coin
    # toss. Imputing the median would give both the same probability.
    probe_csv, out_csv = os.path.join(tmp, 'probe.csv'), os.path.join(tmp, 'probe-out.csv')
    model = os.path.join(tmp, 'missing.easelmodel')
    with open(probe_csv, 'w') as f:
        f.write(f'x1,x2,y\n0,,pos\n0,{np.nanmedian(xtr[:, 1]):.6f},pos\n')
    result, err = easel_train(train_csv, test_csv, 'y', PARAMS, save=model)
    code, _, err = run(['predict', '--model', model, '--input', probe_csv, '--output', out_csv])
    if result is None or code != 0:
        case('missing values: the model predicts a probe file', False, [err])
        return
    p_missing, p_median = pd.read_csv(out_csv)['probability_pos']
    case(f'missing values: a missing x2 goes the positive way (P {p_missing:.3f}), unlike '
         f'the median (P {p_median:.3f})', p_missing > 0.8 and p_median < 0.7)


def main():
    if not os.access(CLI, os.X_OK):
        print('1..1')
        print(f'not ok 1 - easel-cli not found at {CLI} (set EASEL_BUILD_DIR)')
        return 1
    warnings.simplefilter('ignore')
    with tempfile.TemporaryDirectory(prefix='easel-gbdt-') as tmp:
        fidelity(tmp)
        early_stopping(tmp)
        missing_values(tmp)
    return easel_tap.finish()


if __name__ == '__main__':
    sys.exit(main())
