/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Splits, folds and metrics. The metric values below were produced by scikit-learn 1.2.1
 * with tests/core/test-eval-reference.py on the same arrays. */

#include "easel-test-util.h"
#include "easel-eval.h"

/* Output of test-eval-reference.py */
#define BIN_ACCURACY 0.7
#define BIN_BALANCED_ACCURACY 0.696969696969697
#define BIN_PRECISION 0.6666666666666666
#define BIN_RECALL 0.6666666666666666
#define BIN_F1 0.6666666666666666
#define BIN_ROC_AUC 0.8434343434343434
#define BIN_PR_AUC 0.8317460317460319
#define BIN_LOG_LOSS 0.47869604510644753
static const double roc_fpr[] = {
  0.0, 0.0, 0.0, 0.0, 0.0, 0.09090909090909091, 0.18181818181818182, 0.2727272727272727,
  0.2727272727272727, 0.2727272727272727, 0.36363636363636365, 0.45454545454545453,
  0.5454545454545454, 0.6363636363636364, 0.7272727272727273, 0.9090909090909091, 1.0
};
static const double roc_tpr[] = {
  0.0, 0.1111111111111111, 0.2222222222222222, 0.3333333333333333, 0.4444444444444444,
  0.5555555555555556, 0.5555555555555556, 0.5555555555555556, 0.6666666666666666,
  0.7777777777777778, 0.7777777777777778, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0
};
static const double roc_thr[] = {
  0.95, 0.9, 0.85, 0.8, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.2, 0.1, 0.05
};
#define MC_ACCURACY 0.6
#define MC_BALANCED_ACCURACY 0.6000000000000001
#define MC_PRECISION_MACRO 0.6055555555555555
#define MC_RECALL_MACRO 0.6000000000000001
#define MC_F1_MACRO 0.597979797979798
#define MC_ROC_AUC 0.88
#define MC_LOG_LOSS 0.6622646128841435
static const guint64 mc_confusion[] = {
  4, 1, 0, 2, 2, 1, 0, 2, 3
};
#define REG_R2 0.9757264351523742
#define REG_MSE 0.27400000000000013
#define REG_RMSE 0.5234500931320961
#define REG_MAE 0.48000000000000015
#define REG_MAPE 135107988821115.08
/* End of output */

/* The data (identical to test-eval-reference.py) */
static const gint32 bin_truth[] = { 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1 };
static const double bin_score[] = { 0.9, 0.1, 0.8, 0.4, 0.4, 0.35, 0.7, 0.6, 0.55, 0.2,
                                    0.05, 0.4, 0.3, 0.7, 0.95, 0.5, 0.45, 0.1, 0.65, 0.85 };
static const gint32 mc_truth[] = { 0, 1, 2, 2, 1, 0, 0, 2, 1, 1, 2, 0, 1, 2, 0 };
static const double mc_proba[] = {
  0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3, 0.4, 0.4, 0.2,
  0.5, 0.25, 0.25, 0.2, 0.6, 0.2, 0.05, 0.05, 0.9, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4,
  0.2, 0.2, 0.6, 0.9, 0.05, 0.05, 0.34, 0.33, 0.33, 0.0, 0.5, 0.5, 1.0, 0.0, 0.0,
};
static const double reg_truth[] = { 3.0, -0.5, 2.0, 7.0, 4.2, 0.0, 1.5, 9.3, -2.0, 5.5 };
static const double reg_pred[] = { 2.5, 0.0, 2.1, 7.8, 3.9, 0.3, 1.1, 8.7, -1.2, 6.0 };

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-12 * MAX (1.0, fabs (b)))

static void
test_binary_metrics (void)
{
  gsize n = G_N_ELEMENTS (bin_truth);
  g_autofree double *proba = g_new (double, 2 * n);
  g_autoptr(EaselEvaluation) ev = NULL;

  for (gsize i = 0; i < n; i++)
    {
      proba[2 * i] = 1.0 - bin_score[i];
      proba[2 * i + 1] = bin_score[i];
    }
  ev = easel_evaluate_classifier (bin_truth, proba, n, 2, 1);
  g_assert_cmpint (ev->problem, ==, EASEL_PROBLEM_BINARY);
  assert_near (easel_evaluation_get (ev, "accuracy"), BIN_ACCURACY);
  assert_near (easel_evaluation_get (ev, "balanced_accuracy"), BIN_BALANCED_ACCURACY);
  assert_near (easel_evaluation_get (ev, "precision"), BIN_PRECISION);
  assert_near (easel_evaluation_get (ev, "recall"), BIN_RECALL);
  assert_near (easel_evaluation_get (ev, "f1"), BIN_F1);
  assert_near (easel_evaluation_get (ev, "roc_auc"), BIN_ROC_AUC);
  assert_near (easel_evaluation_get (ev, "pr_auc"), BIN_PR_AUC);
  assert_near (easel_evaluation_get (ev, "log_loss"), BIN_LOG_LOSS);
  g_assert_true (isnan (easel_evaluation_get (ev, "r2")));

  /* The ROC curve: (0, 0) at +inf, then a point per distinct score, as roc_curve with
   * drop_intermediate=False. */
  g_assert_cmpuint (ev->roc.n, ==, G_N_ELEMENTS (roc_fpr));
  g_assert_true (isinf (ev->roc.threshold[0]));
  for (gsize i = 0; i < ev->roc.n; i++)
    {
      assert_near (ev->roc.x[i], roc_fpr[i]);
      assert_near (ev->roc.y[i], roc_tpr[i]);
      if (i > 0)
        assert_near (ev->roc.threshold[i], roc_thr[i - 1]);
    }
  /* The precision-recall curve ends at recall 1 and holds the same thresholds. */
  g_assert_cmpuint (ev->pr.n, ==, ev->roc.n);
  assert_near (ev->pr.x[ev->pr.n - 1], 1.0);
  assert_near (ev->pr.y[ev->pr.n - 1], 9.0 / 20.0);
}

static void
test_binary_positive_is_class_zero (void)
{
  /* The same data with the classes swapped and class 0 as the positive class: the same
   * precision, recall, f1 and AUCs. The tie at 0.5 goes to class 0 now, so the hard
   * predictions are recomputed by hand for accuracy. */
  gsize n = G_N_ELEMENTS (bin_truth);
  g_autofree gint32 *truth = g_new (gint32, n);
  g_autofree double *proba = g_new (double, 2 * n);
  g_autoptr(EaselEvaluation) ev = NULL;

  for (gsize i = 0; i < n; i++)
    {
      truth[i] = 1 - bin_truth[i];
      proba[2 * i] = bin_score[i];
      proba[2 * i + 1] = 1.0 - bin_score[i];
    }
  ev = easel_evaluate_classifier (truth, proba, n, 2, 0);
  g_assert_cmpint (ev->positive, ==, 0);
  assert_near (easel_evaluation_get (ev, "roc_auc"), BIN_ROC_AUC);
  assert_near (easel_evaluation_get (ev, "pr_auc"), BIN_PR_AUC);
  assert_near (easel_evaluation_get (ev, "log_loss"), BIN_LOG_LOSS);
  /* score 0.5 (row 15, a positive) is now predicted positive: one more true positive */
  assert_near (easel_evaluation_get (ev, "recall"), 7.0 / 9.0);
  assert_near (easel_evaluation_get (ev, "precision"), 7.0 / 10.0);
  assert_near (easel_evaluation_get (ev, "accuracy"), 15.0 / 20.0);
}

static void
test_multiclass_metrics (void)
{
  gsize n = G_N_ELEMENTS (mc_truth);
  g_autoptr(EaselEvaluation) ev = easel_evaluate_classifier (mc_truth, mc_proba, n, 3, -1);

  g_assert_cmpint (ev->problem, ==, EASEL_PROBLEM_MULTICLASS);
  assert_near (easel_evaluation_get (ev, "accuracy"), MC_ACCURACY);
  assert_near (easel_evaluation_get (ev, "balanced_accuracy"), MC_BALANCED_ACCURACY);
  assert_near (easel_evaluation_get (ev, "precision_macro"), MC_PRECISION_MACRO);
  assert_near (easel_evaluation_get (ev, "recall_macro"), MC_RECALL_MACRO);
  assert_near (easel_evaluation_get (ev, "f1_macro"), MC_F1_MACRO);
  assert_near (easel_evaluation_get (ev, "roc_auc"), MC_ROC_AUC);
  assert_near (easel_evaluation_get (ev, "log_loss"), MC_LOG_LOSS);
  for (guint i = 0; i < 9; i++)
    g_assert_cmpuint (ev->confusion[i], ==, mc_confusion[i]);
  g_assert_true (isnan (easel_evaluation_get (ev, "precision")));
}

static void
test_regression_metrics (void)
{
  gsize n = G_N_ELEMENTS (reg_truth);
  g_autoptr(EaselEvaluation) ev = easel_evaluate_regressor (reg_truth, reg_pred, n);

  assert_near (easel_evaluation_get (ev, "r2"), REG_R2);
  assert_near (easel_evaluation_get (ev, "mse"), REG_MSE);
  assert_near (easel_evaluation_get (ev, "rmse"), REG_RMSE);
  assert_near (easel_evaluation_get (ev, "mae"), REG_MAE);
  /* a zero truth divides by machine epsilon, as scikit-learn does */
  g_assert_cmpfloat_with_epsilon (easel_evaluation_get (ev, "mape"), REG_MAPE, 1e-9 * REG_MAPE);
  for (gsize i = 0; i < n; i++)
    assert_near (ev->residuals[i], reg_truth[i] - reg_pred[i]);
}

static void
test_edge_cases (void)
{
  /* a constant truth: r2 is 1 for a perfect prediction, else 0 */
  double t[] = { 2.0, 2.0, 2.0 }, perfect[] = { 2.0, 2.0, 2.0 }, off[] = { 2.0, 3.0, 2.0 };
  g_autoptr(EaselEvaluation) a = easel_evaluate_regressor (t, perfect, 3);
  g_autoptr(EaselEvaluation) b = easel_evaluate_regressor (t, off, 3);
  guint8 one_class[] = { 1, 1, 1 };
  double score[] = { 0.2, 0.5, 0.9 };
  gint32 truth[] = { 0, 1 };
  double certain_wrong[] = { 0.0, 1.0, 1.0, 0.0 };

  g_assert_cmpfloat (easel_evaluation_get (a, "r2"), ==, 1.0);
  g_assert_cmpfloat (easel_evaluation_get (b, "r2"), ==, 0.0);
  /* AUC needs both classes */
  g_assert_true (isnan (easel_metric_roc_auc (one_class, score, 3)));
  /* a certain wrong answer costs −log(ε), not infinity */
  assert_near (easel_metric_log_loss (truth, certain_wrong, 2, 2), -log (DBL_EPSILON));
  /* no rows: metrics are NaN, not a crash */
  {
    g_autoptr(EaselEvaluation) e = easel_evaluate_classifier (truth, certain_wrong, 0, 2, 1);
    g_assert_true (isnan (easel_evaluation_get (e, "accuracy")));
  }
}

static void
check_split (const EaselSplit *s,
             gsize             n)
{
  g_autofree guint8 *seen = g_new0 (guint8, n);

  for (gsize i = 0; i < s->n_train; i++)
    {
      g_assert_cmpuint (s->train[i], <, n);
      g_assert_cmpuint (seen[s->train[i]]++, ==, 0);
      if (i > 0)
        g_assert_cmpuint (s->train[i - 1], <, s->train[i]);
    }
  for (gsize i = 0; i < s->n_test; i++)
    {
      g_assert_cmpuint (s->test[i], <, n);
      g_assert_cmpuint (seen[s->test[i]]++, ==, 0);
      if (i > 0)
        g_assert_cmpuint (s->test[i - 1], <, s->test[i]);
    }
  g_assert_cmpuint (s->n_train + s->n_test, ==, n);
}

static void
test_split (void)
{
  gsize n = 103;
  g_autofree gint32 *labels = g_new (gint32, n);
  g_autoptr(EaselSplit) plain = easel_split_new (NULL, n, NULL, 0, 0.2, 7);
  g_autoptr(EaselSplit) again = easel_split_new (NULL, n, NULL, 0, 0.2, 7);
  g_autoptr(EaselSplit) other = easel_split_new (NULL, n, NULL, 0, 0.2, 8);
  g_autoptr(EaselSplit) strat = NULL;
  gsize test_of_class[2] = { 0, 0 };

  check_split (plain, n);
  g_assert_cmpuint (plain->n_test, ==, 21);   /* ceil (0.2 × 103) */
  /* the same seed, the same rows; another seed, other rows */
  g_assert_cmpmem (plain->test, plain->n_test * 4, again->test, again->n_test * 4);
  g_assert_false (memcmp (plain->test, other->test, plain->n_test * 4) == 0);

  /* 70 rows of class 0, 33 of class 1: 14 and 7 test rows */
  for (gsize i = 0; i < n; i++)
    labels[i] = i < 70 ? 0 : 1;
  strat = easel_split_new (NULL, n, labels, 2, 0.2, 7);
  check_split (strat, n);
  for (gsize i = 0; i < strat->n_test; i++)
    test_of_class[labels[strat->test[i]]]++;
  g_assert_cmpuint (test_of_class[0], ==, 14);
  g_assert_cmpuint (test_of_class[1], ==, 7);
}

static void
test_split_rows_and_small_classes (void)
{
  /* 'rows' maps positions to table rows; a class of two keeps one row for training even
   * when most rows go to the test part. */
  guint32 rows[] = { 10, 20, 30, 40, 50, 60 };
  gint32 labels[] = { 0, 0, 0, 0, 1, 1 };
  g_autoptr(EaselSplit) s = easel_split_new (rows, 6, labels, 2, 0.9, 1);
  gboolean class1_trains = FALSE;

  for (gsize i = 0; i < s->n_train; i++)
    {
      g_assert_cmpuint (s->train[i] % 10, ==, 0);
      class1_trains |= s->train[i] >= 50;
    }
  for (gsize i = 0; i < s->n_test; i++)
    g_assert_cmpuint (s->test[i] % 10, ==, 0);
  g_assert_cmpuint (s->n_train + s->n_test, ==, 6);
  g_assert_true (class1_trains);
  g_assert_cmpuint (s->n_test, >=, 3);
}

static void
test_kfold (void)
{
  gsize n = 50;
  g_autofree gint32 *labels = g_new (gint32, n);
  g_autofree guint *fold = g_new (guint, n);
  g_autofree guint *fold2 = g_new (guint, n);
  guint size[4] = { 0 }, per_class[4][3] = { { 0 } };

  /* classes of 25, 15 and 10 rows */
  for (gsize i = 0; i < n; i++)
    labels[i] = i < 25 ? 0 : i < 40 ? 1 : 2;
  easel_kfold_assign (n, labels, 3, 4, 3, fold);
  easel_kfold_assign (n, labels, 3, 4, 3, fold2);
  g_assert_cmpmem (fold, n * sizeof (guint), fold2, n * sizeof (guint));
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (fold[i], <, 4);
      size[fold[i]]++;
      per_class[fold[i]][labels[i]]++;
    }
  for (guint f = 0; f < 4; f++)
    {
      /* 50 rows in 4 folds: 12 or 13 each; each class spread as evenly as it can be */
      g_assert_cmpuint (size[f], >=, 12);
      g_assert_cmpuint (size[f], <=, 13);
      g_assert_cmpuint (per_class[f][0], >=, 6);
      g_assert_cmpuint (per_class[f][0], <=, 7);
      g_assert_cmpuint (per_class[f][1], >=, 3);
      g_assert_cmpuint (per_class[f][1], <=, 4);
      g_assert_cmpuint (per_class[f][2], >=, 2);
      g_assert_cmpuint (per_class[f][2], <=, 3);
    }

  /* without labels: plain shuffled folds */
  easel_kfold_assign (n, NULL, 0, 5, 3, fold);
  memset (size, 0, sizeof size);
  {
    guint sizes[5] = { 0 };
    for (gsize i = 0; i < n; i++)
      sizes[fold[i]]++;
    for (guint f = 0; f < 5; f++)
      g_assert_cmpuint (sizes[f], ==, 10);
  }
}

static void
test_mean_std (void)
{
  double t[] = { 1.0, 2.0, 3.0 }, p1[] = { 1.0, 2.0, 3.0 }, p2[] = { 2.0, 2.0, 2.0 };
  g_autoptr(EaselEvaluation) a = easel_evaluate_regressor (t, p1, 3);
  g_autoptr(EaselEvaluation) b = easel_evaluate_regressor (t, p2, 3);
  EaselEvaluation *folds[] = { a, b };
  double mean, std;

  /* mae 0 and 2/3: mean 1/3, population std 1/3 */
  easel_evaluation_mean_std (folds, 2, "mae", &mean, &std);
  assert_near (mean, 1.0 / 3.0);
  assert_near (std, 1.0 / 3.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/eval/binary-metrics", test_binary_metrics);
  easel_test_add ("/eval/binary-positive-class-zero", test_binary_positive_is_class_zero);
  easel_test_add ("/eval/multiclass-metrics", test_multiclass_metrics);
  easel_test_add ("/eval/regression-metrics", test_regression_metrics);
  easel_test_add ("/eval/edge-cases", test_edge_cases);
  easel_test_add ("/eval/split", test_split);
  easel_test_add ("/eval/split-rows-small-classes", test_split_rows_and_small_classes);
  easel_test_add ("/eval/kfold", test_kfold);
  easel_test_add ("/eval/mean-std", test_mean_std);
  return g_test_run ();
}
