/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "easel-design.h"

G_BEGIN_DECLS

/* How good a model is: splits of the rows, cross-validation folds, metrics and curves.
 * Every metric is defined as scikit-learn defines it (tests/core/test-eval.c checks each
 * against values scikit-learn produced). */

/* Splits */

typedef struct
{
  guint32 *train;     /* row indices, ascending */
  gsize    n_train;
  guint32 *test;
  gsize    n_test;
} EaselSplit;

/* Split the rows into training and test rows: ceil(fraction × n) test rows, drawn with
 * 'seed'. With 'labels' (one per row of 'rows', values in [0, n_classes)) the split is
 * stratified: every class keeps its share in both parts, and a class with two rows or
 * more keeps one in the training part. 'rows' NULL means rows 0..n-1. */
EaselSplit  *easel_split_new          (const guint32 *rows,
                                       gsize          n,
                                       const gint32  *labels,
                                       guint          n_classes,
                                       double         test_fraction,
                                       guint64        seed);
void         easel_split_free         (EaselSplit    *split);

/* Assign each of 'n' rows to one of 'k' folds (fold[i] in [0, k)), sizes differing by at
 * most one; stratified by 'labels' when given (NULL for regression). */
void         easel_kfold_assign       (gsize          n,
                                       const gint32  *labels,
                                       guint          n_classes,
                                       guint          k,
                                       guint64        seed,
                                       guint         *fold);

/* Single metrics, exposed for tests and for other modules */

/* Area under the ROC curve of scores for a 0/1 truth; ties count half. NaN if only one
 * class is present. */
double       easel_metric_roc_auc           (const guint8 *truth,
                                             const double *score,
                                             gsize         n);
/* Average precision: Σ (R_k − R_{k−1}) P_k over decreasing thresholds. NaN without
 * positives. */
double       easel_metric_average_precision (const guint8 *truth,
                                             const double *score,
                                             gsize         n);
/* Mean negative log-likelihood; each row of 'proba' (n × k) is normalised to sum 1 and
 * clipped to [ε, 1 − ε], ε = 2^−52, as scikit-learn 1.2 does. */
double       easel_metric_log_loss          (const gint32 *truth,
                                             const double *proba,
                                             gsize         n,
                                             guint         k);

/* Class with the highest probability (the first on ties) for each row. */
void         easel_predicted_classes        (const double *proba,
                                             gsize         n,
                                             guint         k,
                                             gint32       *out);

/* Evaluations */

typedef struct
{
  double *x;           /* ROC: false positive rate; PR: recall */
  double *y;           /* ROC: true positive rate; PR: precision */
  double *threshold;   /* score at which the point is reached (first: +inf for ROC) */
  gsize   n;
} EaselCurve;

typedef struct
{
  EaselProblem  problem;
  gsize         n;            /* rows evaluated */
  guint         n_classes;
  int           positive;     /* binary: the positive class */
  /* metrics in a fixed order per problem type (see easel_evaluation_metric_names) */
  guint         n_metrics;
  const char  **names;
  double       *values;
  /* classification */
  guint64      *confusion;    /* n_classes × n_classes, row = true class, column = predicted */
  EaselCurve    roc;          /* binary */
  EaselCurve    pr;           /* binary: precision-recall */
  /* regression */
  double       *residuals;    /* truth − prediction, per row */
} EaselEvaluation;

/* Binary: accuracy, balanced_accuracy, precision, recall, f1, roc_auc, pr_auc, log_loss.
 * Multiclass: accuracy, balanced_accuracy, precision_macro, recall_macro, f1_macro,
 * roc_auc (one-vs-rest, macro), log_loss. Regression: r2, rmse, mse, mae, mape.
 * NULL-terminated, static. */
const char *const *easel_evaluation_metric_names (EaselProblem problem);

/* 'proba' is n × n_classes; 'positive' is the positive class (binary) or -1. */
EaselEvaluation *easel_evaluate_classifier (const gint32 *truth,
                                            const double *proba,
                                            gsize         n,
                                            guint         n_classes,
                                            int           positive);
EaselEvaluation *easel_evaluate_regressor  (const double *truth,
                                            const double *prediction,
                                            gsize         n);
/* The metric's value; NaN if the evaluation has no such metric. */
double           easel_evaluation_get      (const EaselEvaluation *evaluation,
                                            const char            *name);
void             easel_evaluation_free     (EaselEvaluation       *evaluation);

/* Mean and standard deviation (population, as numpy's std) of a metric over folds. */
void             easel_evaluation_mean_std (EaselEvaluation *const *folds,
                                            guint                   n_folds,
                                            const char             *name,
                                            double                 *mean,
                                            double                 *std);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselSplit, easel_split_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselEvaluation, easel_evaluation_free)

G_END_DECLS
