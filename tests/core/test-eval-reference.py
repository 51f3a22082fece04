#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference values for tests/core/test-eval.c, produced by scikit-learn 1.2.1
(Debian 12's python3-sklearn). The data here must stay identical to the arrays in
test-eval.c; run this script and paste its output there when either changes:

  /usr/bin/python3 tests/core/test-eval-reference.py
"""
import numpy as np
from sklearn import metrics as skm

# Binary: truth (1 = positive), scores with ties, and the hard predictions at 0.5.
BIN_TRUTH = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1]
BIN_SCORE = [0.9, 0.1, 0.8, 0.4, 0.4, 0.35, 0.7, 0.6, 0.55, 0.2,
             0.05, 0.4, 0.3, 0.7, 0.95, 0.5, 0.45, 0.1, 0.65, 0.85]

# Multiclass: truth in 0..2 and probabilities.
MC_TRUTH = [0, 1, 2, 2, 1, 0, 0, 2, 1, 1, 2, 0, 1, 2, 0]
MC_PROBA = [
    [0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.3, 0.4, 0.3], [0.4, 0.4, 0.2],
    [0.5, 0.25, 0.25], [0.2, 0.6, 0.2], [0.05, 0.05, 0.9], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4],
    [0.2, 0.2, 0.6], [0.9, 0.05, 0.05], [0.34, 0.33, 0.33], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0],
]

# Regression.
REG_TRUTH = [3.0, -0.5, 2.0, 7.0, 4.2, 0.0, 1.5, 9.3, -2.0, 5.5]
REG_PRED = [2.5, 0.0, 2.1, 7.8, 3.9, 0.3, 1.1, 8.7, -1.2, 6.0]


def c(name, v):
    print(f'#define {name} {float(v)!r}')


def array(decl, values):
    """A C array initialiser wrapped at 100 columns."""
    lines, line = [], '  '
    for v in values:
        item = f'{v}, '
        if len(line) + len(item) > 99:
            lines.append(line.rstrip())
            line = '  '
        line += item
    lines.append(line.rstrip().rstrip(','))
    print(decl + ' = {\n' + '\n'.join(lines) + '\n};')


def main():
    t = np.array(BIN_TRUTH)
    s = np.array(BIN_SCORE)
    proba = np.column_stack([1 - s, s])
    pred = (s > 0.5).astype(int)  # argmax of [1-s, s]: ties (0.5) go to class 0
    c('BIN_ACCURACY', skm.accuracy_score(t, pred))
    c('BIN_BALANCED_ACCURACY', skm.balanced_accuracy_score(t, pred))
    c('BIN_PRECISION', skm.precision_score(t, pred))
    c('BIN_RECALL', skm.recall_score(t, pred))
    c('BIN_F1', skm.f1_score(t, pred))
    c('BIN_ROC_AUC', skm.roc_auc_score(t, s))
    c('BIN_PR_AUC', skm.average_precision_score(t, s))
    c('BIN_LOG_LOSS', skm.log_loss(t, proba))
    fpr, tpr, thr = skm.roc_curve(t, s, drop_intermediate=False)
    array('static const double roc_fpr[]', [repr(float(v)) for v in fpr])
    array('static const double roc_tpr[]', [repr(float(v)) for v in tpr])
    # scikit-learn 1.2 puts max+1 first; Easel puts +inf. The others are the scores.
    array('static const double roc_thr[]', [repr(float(v)) for v in thr[1:]])

    t = np.array(MC_TRUTH)
    p = np.array(MC_PROBA)
    pred = np.argmax(p, axis=1)
    c('MC_ACCURACY', skm.accuracy_score(t, pred))
    c('MC_BALANCED_ACCURACY', skm.balanced_accuracy_score(t, pred))
    c('MC_PRECISION_MACRO', skm.precision_score(t, pred, average='macro', zero_division=0))
    c('MC_RECALL_MACRO', skm.recall_score(t, pred, average='macro', zero_division=0))
    c('MC_F1_MACRO', skm.f1_score(t, pred, average='macro', zero_division=0))
    c('MC_ROC_AUC', skm.roc_auc_score(t, p, multi_class='ovr', average='macro'))
    c('MC_LOG_LOSS', skm.log_loss(t, p))
    array('static const guint64 mc_confusion[]',
          [str(v) for v in skm.confusion_matrix(t, pred).ravel()])

    t = np.array(REG_TRUTH)
    p = np.array(REG_PRED)
    c('REG_R2', skm.r2_score(t, p))
    c('REG_MSE', skm.mean_squared_error(t, p))
    c('REG_RMSE', skm.mean_squared_error(t, p, squared=False))
    c('REG_MAE', skm.mean_absolute_error(t, p))
    c('REG_MAPE', skm.mean_absolute_percentage_error(t, p))


if __name__ == '__main__':
    main()
