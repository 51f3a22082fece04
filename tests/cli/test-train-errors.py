#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli train and predict: the JSON they print, the files they write, and every bad
input a person can give them (TAP output).

Bad input exits 1 with 'easel-cli: ' and a sentence naming what is wrong; wrong usage
exits 2. Run by meson (suite 'cli'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-train-errors.py
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import easel_tap  # tests/cli/easel_tap.py, beside this script
from easel_tap import CLI, DATASETS, case


class Result:
    def __init__(self, args):
        self.args = args
        p = subprocess.run([CLI] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=300)
        self.code = p.returncode
        self.out = p.stdout.decode('utf-8', errors='replace')
        self.err = p.stderr.decode('utf-8', errors='replace')

    def details(self):
        return [f'command: easel-cli {" ".join(self.args)}', f'exit status: {self.code}',
                f'stdout: {self.out[:600]!r}', f'stderr: {self.err[:600]!r}']

    def json(self):
        return json.loads(self.out)


def expect_error(name, args, code, *needles):
    r = Result(args)
    ok = r.code == code and r.err.startswith('easel-cli: ') and all(n in r.err for n in needles)
    case(name, ok, r.details() + [f'expected exit {code} and {needles!r} in stderr'])
    return r


def read_csv(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.reader(f))


def main():
    if not os.access(CLI, os.X_OK):
        print('1..1')
        print(f'not ok 1 - easel-cli not found at {CLI} (set EASEL_BUILD_DIR)')
        return 1
    tmp = tempfile.TemporaryDirectory(prefix='easel-train-cli-')
    T = lambda name: os.path.join(tmp.name, name)
    iris = os.path.join(DATASETS, 'iris.csv')
    penguins = os.path.join(DATASETS, 'penguins.csv')

    # Small hand-made tables
    with open(T('small.csv'), 'w') as f:
        f.write('age,city,score,label\n')
        rows = [(23, 'paris', 1.5, 'cat'), (35, 'rome', 2.5, 'dog'), (47, 'paris', 3.0, 'dog'),
                (52, 'oslo', 0.5, 'cat'), (29, 'rome', 2.0, 'dog'), (61, 'oslo', 1.0, 'cat'),
                (33, 'paris', 2.8, 'dog'), (44, 'rome', 0.7, 'cat'), (38, 'oslo', 2.2, 'dog'),
                (57, 'paris', 0.9, 'cat'), (26, 'rome', 1.1, ''), (49, 'oslo', 2.9, 'dog')]
        for r in rows:
            f.write(','.join(str(v) for v in r) + '\n')
    with open(T('one-value.csv'), 'w') as f:
        f.write('x,y\n1,a\n2,a\n3,a\n')

    # --- train: the JSON ---
    r = Result(['train', iris, '--target', 'species', '--algorithm', 'knn', '--param', 'k=7',
                '--seed', '3', '--json'])
    ok = r.code == 0
    j = r.json() if ok else {}
    keys = ['algorithm', 'problem', 'target', 'classes', 'positive_class', 'train_rows',
            'test_rows', 'train_seconds', 'predict_seconds', 'params', 'metrics']
    case('train --json has every documented key', ok and all(k in j for k in keys),
         r.details() + [f'missing: {[k for k in keys if k not in j]}'])
    case('train --json: iris is multiclass with sorted classes, 120/30 split',
         ok and j['problem'] == 'multiclass' and
         j['classes'] == ['setosa', 'versicolor', 'virginica']
         and j['train_rows'] == 120 and j['test_rows'] == 30 and j['positive_class'] is None,
         r.details())
    case('train --json: params hold every effective value',
         ok and j['params'] == {'k': 7, 'weights': 'uniform'}, r.details())
    case('train --json: multiclass metric names',
         ok and set(j['metrics']) == {'accuracy', 'balanced_accuracy', 'precision_macro',
                                      'recall_macro', 'f1_macro', 'roc_auc', 'log_loss',
                                      'confusion_matrix'}, r.details())
    case('train --json: confusion matrix sums to the test rows',
         ok and sum(map(sum, j['metrics']['confusion_matrix'])) == 30, r.details())
    r2 = Result(['train', iris, '--target', 'species', '--algorithm', 'knn', '--param', 'k=7',
                 '--seed', '3', '--json', '--threads', '1'])
    case('train: the same seed gives the same metrics, with 1 thread or 2',
         ok and r2.code == 0 and r2.json()['metrics'] == j['metrics'], r2.details())
    r3 = Result(['train', iris, '--target', 'species', '--algorithm', 'knn', '--seed', '4',
                 '--json'])
    case('train: another seed gives another split',
         r3.code == 0 and r3.json()['metrics']['confusion_matrix'] != j['metrics'].get(
             'confusion_matrix'), r3.details())

    r = Result(['train', T('small.csv'), '--target', 'label', '--algorithm', 'logistic',
                '--test-fraction', '0.25', '--json', '--curves'])
    ok = r.code == 0
    j = r.json() if ok else {}
    case('train: binary target, rarer class positive, missing target dropped and counted',
         ok and j['problem'] == 'binary' and j['positive_class'] == 'cat' and
         j['dropped_rows'] == 1 and j['train_rows'] + j['test_rows'] == 11, r.details())
    case('train --curves: ROC and precision-recall curves',
         ok and j['metrics']['roc_curve']['fpr'][0] == 0 and
         j['metrics']['roc_curve']['tpr'][-1] == 1 and 'pr_curve' in j['metrics'], r.details())
    r = Result(['train', T('small.csv'), '--target', 'label', '--positive', 'dog', '--json'])
    case('train --positive picks the positive class',
         r.code == 0 and r.json()['positive_class'] == 'dog', r.details())
    with open(T('yes-no.csv'), 'w') as f:
        f.write('x,churn\n1,yes\n2,no\n3,yes\n4,no\n5,no\n6,yes\n7,no\n8,no\n')
    r = Result(['train', T('yes-no.csv'), '--target', 'churn', '--positive', 'yes', '--json'])
    case('train --positive yes on a column read as booleans names its true class',
         r.code == 0 and r.json()['positive_class'] == 'true' and
         r.json()['classes'] == ['false', 'true'], r.details())

    r = Result(['train', iris, '--target', 'species', '--algorithm', 'naive_bayes', '--cv', '5',
                '--json'])
    ok = r.code == 0
    j = r.json() if ok else {}
    case('train --cv: means, standard deviations and the fold count',
         ok and j['evaluation'] == 'cross-validation' and j['cv_folds'] == 5 and
         0.85 < j['metrics']['accuracy'] <= 1 and 0 <= j['metrics_std']['accuracy'] < 0.1,
         r.details())
    r = Result(['train', iris, '--target', 'species', '--test-fraction', '0', '--json'])
    case('train --test-fraction 0: every row trains, no metrics',
         r.code == 0 and r.json()['metrics'] is None and r.json()['train_rows'] == 150,
         r.details())
    r = Result(['train', os.path.join(DATASETS, 'diabetes.csv'), '--target', 'progression',
                '--json', '--curves'])
    case('train: regression metrics and residuals',
         r.code == 0 and set(r.json()['metrics']) == {'r2', 'rmse', 'mse', 'mae', 'mape',
                                                      'residuals'} and
         len(r.json()['metrics']['residuals']) == r.json()['test_rows'], r.details())
    r = Result(['train', iris, '--target', 'species'])
    case('train: a text summary without --json',
         r.code == 0 and 'accuracy' in r.out and 'confusion matrix' in r.out, r.details())

    r = Result(['train', '--list-params', '--algorithm', 'tree'])
    case('train --list-params: each parameter with its default, range and explanation',
         r.code == 0 and '--param max_depth=none' in r.out and 'from 1 to 1000, or none' in r.out
         and 'gini' in r.out and 'forest' not in r.out, r.details())
    expect_error('train --list-params: an unknown algorithm',
                 ['train', '--list-params', '--algorithm', 'svm'], 1, '“svm”')

    # --- train: bad input ---
    expect_error('train: an unknown target names it and lists the columns',
                 ['train', iris, '--target', 'colour'], 1, '“colour”', 'species')
    expect_error('train: an unknown algorithm lists the algorithms',
                 ['train', iris, '--target', 'species', '--algorithm', 'svm'], 1, '“svm”',
                 'linear, logistic, naive_bayes, knn, tree')
    expect_error('train: an unknown parameter lists the parameters',
                 ['train', iris, '--target', 'species', '--algorithm', 'knn', '--param',
                  'depth=3'], 1, '“depth”', 'k, weights')
    expect_error('train: a bad parameter value names the parameter and its range',
                 ['train', iris, '--target', 'species', '--algorithm', 'knn', '--param', 'k=0'],
                 1, '“k”', 'from 1 to 10000')
    expect_error('train: a parameter that is not NAME=VALUE',
                 ['train', iris, '--target', 'species', '--param', 'C'], 1, 'NAME=VALUE')
    expect_error('train: an algorithm that does not fit the problem',
                 ['train', iris, '--target', 'species', '--algorithm', 'linear'], 1,
                 'linear', 'classes')
    expect_error('train: a target with a single value',
                 ['train', T('one-value.csv'), '--target', 'y'], 1, 'single value')
    expect_error('train: an unknown positive class lists the classes',
                 ['train', T('small.csv'), '--target', 'label', '--positive', 'maybe'], 1,
                 '“maybe”', '“cat” and “dog”')
    expect_error('train: --problem binary on three classes',
                 ['train', iris, '--target', 'species', '--problem', 'binary'], 1,
                 '3 distinct values')
    expect_error('train: without --target (usage)', ['train', iris], 2, '--target')
    expect_error('train: --test and --cv together (usage)',
                 ['train', iris, '--target', 'species', '--cv', '3', '--test', iris], 2,
                 'alternatives')
    expect_error('train: --cv 1 (usage)', ['train', iris, '--target', 'species', '--cv', '1'],
                 2, '--cv')
    expect_error('train: --test-fraction 1 (usage)',
                 ['train', iris, '--target', 'species', '--test-fraction', '1'], 2,
                 '--test-fraction')
    expect_error('train: --problem nonsense (usage)',
                 ['train', iris, '--target', 'species', '--problem', 'clustering'], 2,
                 '“clustering”')
    expect_error('train: a missing file', ['train', T('nope.csv'), '--target', 'x'], 1,
                 'nope.csv')
    with open(T('test-new-class.csv'), 'w') as f:
        f.write('sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),species\n'
                '5.1,3.5,1.4,0.2,setosa\n6.0,3.0,4.5,1.5,unicorn\n')
    expect_error('train --test: a class the training rows lack',
                 ['train', iris, '--target', 'species', '--test', T('test-new-class.csv')], 1,
                 '“unicorn”', 'test-new-class.csv')

    # --- predict ---
    model = T('penguins.easelmodel')
    r = Result(['train', penguins, '--target', 'species', '--algorithm', 'logistic', '--save',
                model])
    case('train --save writes the model', r.code == 0 and os.path.getsize(model) > 100,
         r.details())
    with open(T('new-penguins.csv'), 'w') as f:
        f.write('note,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n'
                'a,Biscoe,46.1,13.2,211,4500,female,2007\n'
                'b,Dream,39.5,18.8,190,3650,male,2008\n'
                'c,Atlantis,45.0,17.0,200,4000,,2009\n')
    r = Result(['predict', '--model', model, '--input', T('new-penguins.csv'), '--output',
                T('pred.csv'), '--json'])
    rows = read_csv(T('pred.csv')) if r.code == 0 else [[]]
    case('predict: input columns first (extra ones too), then prediction and probabilities',
         r.code == 0 and rows[0] == ['note', 'island', 'bill_length_mm', 'bill_depth_mm',
                                     'flipper_length_mm', 'body_mass_g', 'sex', 'year',
                                     'prediction', 'probability_Adelie',
                                     'probability_Chinstrap', 'probability_Gentoo'] and
         len(rows) == 4, r.details() + [rows[0]])
    if r.code == 0:
        case('predict: Gentoo-like and Adelie-like rows, probabilities summing to 1',
             rows[1][8] == 'Gentoo' and rows[2][8] == 'Adelie' and
             all(abs(sum(float(v) for v in row[9:]) - 1) < 1e-9 for row in rows[1:]),
             [rows])
    case('predict: an unseen category is a warning, not an error',
         r.code == 0 and 'warning' in r.err and '“island”' in r.err and 'Atlantis' in r.err and
         r.json()['rows'] == 3, r.details())

    with open(T('lacking.csv'), 'w') as f:
        f.write('island,bill_length_mm,sex\nBiscoe,46.1,female\n')
    expect_error('predict: missing columns are listed',
                 ['predict', '--model', model, '--input', T('lacking.csv'), '--output',
                  T('x.csv')], 1, 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year')
    with open(T('bad-type.csv'), 'w') as f:
        f.write('island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n'
                'Biscoe,46.1,13.2,211,4500,female,2007\n'
                'Dream,39.5,18.8,tall,3650,male,2008\n')
    expect_error('predict: a value of the wrong type names the column and the line',
                 ['predict', '--model', model, '--input', T('bad-type.csv'), '--output',
                  T('x.csv')], 1, '“flipper_length_mm”', 'line 3', '“tall”')

    with open(model, 'rb') as f:
        blob = f.read()
    with open(T('truncated.easelmodel'), 'wb') as f:
        f.write(blob[:len(blob) // 2])
    expect_error('predict: a truncated model',
                 ['predict', '--model', T('truncated.easelmodel'), '--input', penguins,
                  '--output', T('x.csv')], 1, 'truncated.easelmodel', 'truncated')
    flipped = bytearray(blob)
    flipped[len(blob) // 2] ^= 0xFF
    with open(T('flipped.easelmodel'), 'wb') as f:
        f.write(bytes(flipped))
    expect_error('predict: a model with a flipped byte',
                 ['predict', '--model', T('flipped.easelmodel'), '--input', penguins,
                  '--output', T('x.csv')], 1, 'flipped.easelmodel', 'damaged')
    expect_error('predict: a file that is not a model',
                 ['predict', '--model', penguins, '--input', penguins, '--output', T('x.csv')],
                 1, 'not an Easel model file')
    newer = bytearray(blob)
    newer[8] = 9
    with open(T('newer.easelmodel'), 'wb') as f:
        f.write(bytes(newer))
    expect_error('predict: a model from a newer Easel',
                 ['predict', '--model', T('newer.easelmodel'), '--input', penguins, '--output',
                  T('x.csv')], 1, 'newer Easel')
    expect_error('predict: a missing model file',
                 ['predict', '--model', T('none.easelmodel'), '--input', penguins, '--output',
                  T('x.csv')], 1, 'none.easelmodel')
    expect_error('predict: without --output (usage)',
                 ['predict', '--model', model, '--input', penguins], 2, '--output')

    # A regression model's predictions match what train evaluated.
    diabetes = os.path.join(DATASETS, 'diabetes.csv')
    r = Result(['train', diabetes, '--target', 'progression', '--algorithm', 'tree', '--param',
                'max_depth=3', '--test-fraction', '0', '--save', T('d.easelmodel')])
    r = Result(['predict', '--model', T('d.easelmodel'), '--input', diabetes, '--output',
                T('d.csv')])
    rows = read_csv(T('d.csv')) if r.code == 0 else [[]]
    case('predict: a regression model writes one number per row, from at most 8 leaves',
         r.code == 0 and rows[0][-1] == 'prediction' and len(rows) == 443 and
         len({row[-1] for row in rows[1:]}) <= 8, r.details())

    return easel_tap.finish()


if __name__ == '__main__':
    sys.exit(main())
