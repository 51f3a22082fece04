/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Gradient boosting (gbdt) and the binning it shares: cut points by hand, a stump whose
 * leaves are worked out by hand, missing values learnt as a direction, early stopping and
 * the loss curve, max_leaves, importance. XGBoost comparisons on real data are in
 * tests/cli/test-gbdt-xgboost.py. */

#include <omp.h>

#include "easel-test-util.h"
#include "easel-model.h"
#include "easel-rng.h"
#include "models/easel-bins.h"

static void
add_numbers (EaselTable   *t,
             const char   *name,
             const double *v,
             gsize         n)
{
  easel_table_add_column (t, easel_column_new_numeric (name, n, g_memdup2 (v, n * sizeof (double)),
                                                       NULL));
}

static EaselModel *
train (EaselTable              *t,
       const char              *params,
       const EaselTrainOptions *base)
{
  g_autoptr(GError) error = NULL;
  const EaselAlgorithm *alg = easel_algorithm_find ("gbdt", &error);
  g_autoptr(EaselParams) p = easel_params_new (alg);
  g_auto(GStrv) assignments = g_strsplit (params, " ", -1);
  EaselTrainOptions o = { 0 };
  EaselModel *m;

  if (base != NULL)
    o = *base;
  o.params = p;
  for (guint i = 0; assignments[i] != NULL; i++)
    g_assert_true (easel_params_parse (p, assignments[i], &error));
  m = easel_model_train (alg, t, "y", NULL, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static double *
predict (const EaselModel *m,
         EaselTable       *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselPrediction) p = easel_model_predict (m, t, NULL, 0, 0, NULL, NULL, &error);

  g_assert_no_error (error);
  return p->problem == EASEL_PROBLEM_REGRESSION ? g_steal_pointer (&p->values)
                                                : g_steal_pointer (&p->proba);
}

/* Binning */

static void
test_bins_few_values (void)
{
  /* Four distinct values (and a NaN): one bin per value, cuts halfway between them. */
  float x[] = { 3, 1, 2, 2, NAN, 10, 1 };
  g_autoptr(EaselBinCuts) cuts = easel_bin_cuts_new (x, 1, NULL, G_N_ELEMENTS (x), 255, 0);
  g_autofree guint8 *bins = easel_bin_cuts_apply (cuts, x, NULL, G_N_ELEMENTS (x));
  const guint8 expected[] = { 2, 0, 1, 1, 4, 3, 0 };

  g_assert_cmpuint (cuts->n_bins[0], ==, 4);
  g_assert_cmpfloat (cuts->cuts[0][0], ==, 1.5f);
  g_assert_cmpfloat (cuts->cuts[0][1], ==, 2.5f);
  g_assert_cmpfloat (cuts->cuts[0][2], ==, 6.5f);
  g_assert_cmpmem (bins, sizeof expected, expected, sizeof expected);
  /* values never seen land in the bin of their range; infinities at the ends */
  g_assert_cmpuint (easel_bin_cuts_bin (cuts, 0, 1.5f), ==, 0);
  g_assert_cmpuint (easel_bin_cuts_bin (cuts, 0, 1.6f), ==, 1);
  g_assert_cmpuint (easel_bin_cuts_bin (cuts, 0, -INFINITY), ==, 0);
  g_assert_cmpuint (easel_bin_cuts_bin (cuts, 0, INFINITY), ==, 3);
}

static void
test_bins_quantiles (void)
{
  /* 1000 distinct values into 10 bins: 100 each, and "bin <= b" is "v <= cut b". */
  const gsize n = 1000;
  g_autofree float *x = g_new (float, n * 2);
  g_autoptr(EaselBinCuts) cuts = NULL;
  g_autofree guint8 *bins = NULL;
  guint count[10] = { 0 };
  EaselRng rng;

  easel_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      x[i * 2] = (float) ((i * 7919) % n);           /* 0..999 shuffled */
      x[i * 2 + 1] = easel_rng_below (&rng, 2) ? NAN : (float) easel_rng_normal (&rng);
    }
  cuts = easel_bin_cuts_new (x, 2, NULL, n, 10, 0);
  bins = easel_bin_cuts_apply (cuts, x, NULL, n);
  g_assert_cmpuint (cuts->n_bins[0], ==, 10);
  for (gsize i = 0; i < n; i++)
    {
      guint8 b = bins[i * 2];
      count[b]++;
      for (guint c = 0; c + 1 < cuts->n_bins[0]; c++)
        g_assert_true ((b <= c) == (x[i * 2] <= cuts->cuts[0][c]));
      if (isnan (x[i * 2 + 1]))
        g_assert_cmpuint (bins[i * 2 + 1], ==, cuts->n_bins[1]);
      else
        g_assert_cmpuint (bins[i * 2 + 1], <, cuts->n_bins[1]);
    }
  for (guint b = 0; b < 10; b++)
    g_assert_cmpuint (count[b], ==, 100);

  /* a strided sample of 100 rows gives cuts from those rows only */
  {
    g_autoptr(EaselBinCuts) sampled = easel_bin_cuts_new (x, 2, NULL, n, 255, 100);
    g_assert_cmpuint (sampled->n_bins[0], ==, 100);
  }
}

/* A stump, by hand */

static void
test_stump_by_hand (void)
{
  /* y = 1 for x < 5, 10 for x >= 5, plus a little: with λ = 0 and η = 1, one split at
   * 4.5 and leaves equal to the means on each side. */
  double x[10], y[10], left = 0, right = 0;
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  double imp[1];

  for (guint i = 0; i < 10; i++)
    {
      x[i] = i;
      y[i] = (i < 5 ? 1.0 : 10.0) + 0.1 * (i % 3);
      if (i < 5)
        left += y[i] / 5;
      else
        right += y[i] / 5;
    }
  add_numbers (t, "x", x, 10);
  add_numbers (t, "y", y, 10);
  m = train (t, "n_trees=1 max_depth=1 learning_rate=1 l2=0 min_samples_leaf=1", NULL);
  p = predict (m, t);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpfloat_with_epsilon (p[i], i < 5 ? left : right, 1e-5);   /* float gradients */
  g_assert_cmpuint (easel_model_get_iterations (m), ==, 1);
  g_assert_true (easel_model_get_importance (m, imp));
  g_assert_cmpfloat (imp[0], ==, 1.0);
}

static void
test_logloss_leaf_by_hand (void)
{
  /* Two classes split perfectly by x; one round with η = 0.5, λ = 1: the leaves are the
   * Newton steps from the prior log-odds, −η G / (H + λ). */
  double x[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
  const char *cls[8] = { "a", "a", "a", "b", "b", "b", "b", "b" };
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  double prior = 5.0 / 8, f0 = log (prior / (1 - prior));
  double h = prior * (1 - prior);
  double left = f0 - 0.5 * (3 * prior) / (3 * h + 1);
  double right = f0 - 0.5 * (5 * (prior - 1)) / (5 * h + 1);

  add_numbers (t, "x", x, 8);
  easel_table_add_column (t, easel_column_new_from_strings ("y", EASEL_COLUMN_CATEGORICAL, cls,
                                                            8));
  m = train (t, "n_trees=1 max_depth=3 learning_rate=0.5 l2=1 min_samples_leaf=3", NULL);
  p = predict (m, t);
  for (guint i = 0; i < 8; i++)
    {
      double f = i < 3 ? left : right;
      g_assert_cmpfloat_with_epsilon (p[i * 2 + 1], 1 / (1 + exp (-f)), 1e-6);
      g_assert_cmpfloat_with_epsilon (p[i * 2] + p[i * 2 + 1], 1.0, 1e-12);
    }
}

/* Missing values */

static void
test_missing_direction (void)
{
  /* y follows x where x is known; where x is missing y is high. The trees must send
   * missing values to the high side, which imputing the median would not do. */
  const gsize n = 400;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autoptr(EaselTable) probe = easel_table_new ();
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  double px[3] = { NAN, 0.1, 0.9 }, py[3] = { 0, 0, 0 };

  for (gsize i = 0; i < n; i++)
    {
      x[i] = i % 4 == 0 ? NAN : (double) (i % 100) / 100.0;
      /* (a little spread keeps y numeric: a few distinct values would read as classes) */
      y[i] = (isnan (x[i]) ? 20.0 : x[i] < 0.5 ? 0.0 : 10.0) + 0.01 * (double) (i % 30);
    }
  add_numbers (t, "x", x, n);
  add_numbers (t, "y", y, n);
  m = train (t, "n_trees=50 max_depth=2 learning_rate=0.3 min_samples_leaf=5", NULL);
  add_numbers (probe, "x", px, 3);
  add_numbers (probe, "y", py, 3);
  p = predict (m, probe);
  g_assert_cmpfloat_with_epsilon (p[0], 20.15, 0.1);
  g_assert_cmpfloat_with_epsilon (p[1], 0.15, 0.1);
  g_assert_cmpfloat_with_epsilon (p[2], 10.15, 0.1);
}

/* Early stopping and the loss curve */

typedef struct
{
  guint  calls;
  guint  last;
  double train[2000];
  double valid[2000];
} Curve;

static void
record (guint    iteration,
        double   train_loss,
        double   valid_loss,
        gpointer data)
{
  Curve *c = data;

  g_assert_cmpuint (iteration, ==, c->calls + 1);
  c->train[c->calls] = train_loss;
  c->valid[c->calls] = valid_loss;
  c->calls++;
  c->last = iteration;
}

static EaselTable *
noisy (gsize   n,
       guint64 seed)
{
  EaselTable *t = easel_table_new ();
  g_autofree double *x1 = g_new (double, n);
  g_autofree double *x2 = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  EaselRng rng;

  easel_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      x1[i] = easel_rng_normal (&rng);
      x2[i] = easel_rng_normal (&rng);
      y[i] = x1[i] + 2.0 * easel_rng_normal (&rng);   /* mostly noise */
    }
  add_numbers (t, "x1", x1, n);
  add_numbers (t, "x2", x2, n);
  add_numbers (t, "y", y, n);
  return t;
}

static void
test_early_stopping (void)
{
  g_autoptr(EaselTable) t = noisy (2000, 4);
  Curve *with = g_new0 (Curve, 1), *without = g_new0 (Curve, 1);
  EaselTrainOptions o = { NULL, 7, record, with };
  g_autoptr(EaselModel) m = NULL;
  g_autoptr(EaselModel) full = NULL;
  guint kept, best = 0;

  m = train (t, "n_trees=1000 max_depth=6 learning_rate=0.3 min_samples_leaf=1 "
                "early_stopping_rounds=10", &o);
  kept = easel_model_get_iterations (m);
  /* it stopped well before 1000 rounds, 10 rounds after the best validation loss, and
   * kept the rounds up to that best one */
  g_assert_cmpuint (with->calls, <, 200);
  g_assert_cmpuint (kept + 10, ==, with->calls);
  for (guint i = 0; i < with->calls; i++)
    {
      g_assert_true (isfinite (with->valid[i]));
      if (with->valid[i] < with->valid[best])
        best = i;
    }
  g_assert_cmpuint (best + 1, ==, kept);
  /* the training loss keeps falling */
  g_assert_cmpfloat (with->train[with->calls - 1], <, with->train[0]);

  /* without early stopping: every round, no validation loss */
  o.monitor_data = without;
  full = train (t, "n_trees=30 max_depth=3", &o);
  g_assert_cmpuint (without->calls, ==, 30);
  g_assert_cmpuint (easel_model_get_iterations (full), ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      g_assert_true (isnan (without->valid[i]));
      if (i > 0)
        g_assert_cmpfloat (without->train[i], <=, without->train[i - 1]);
    }
  g_free (with);
  g_free (without);
}

/* Limits and importance */

static void
test_max_leaves_and_importance (void)
{
  g_autoptr(EaselTable) t = noisy (3000, 8);
  g_autoptr(EaselModel) m = train (t, "n_trees=1 max_depth=8 max_leaves=5 min_samples_leaf=1",
                                   NULL);
  g_autofree double *p = predict (m, t);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_double_hash, g_double_equal);
  g_autoptr(EaselModel) big = NULL;
  double imp[2];

  /* one tree of at most 5 leaves gives at most 5 different predictions */
  for (gsize i = 0; i < 3000; i++)
    g_hash_table_add (distinct, &p[i]);
  g_assert_cmpuint (g_hash_table_size (distinct), <=, 5);
  g_assert_cmpuint (g_hash_table_size (distinct), >=, 2);

  /* x1 carries the signal: it gets most of the gain; importances sum to 1 */
  big = train (t, "n_trees=20 max_depth=3", NULL);
  g_assert_true (easel_model_get_importance (big, imp));
  g_assert_cmpfloat_with_epsilon (imp[0] + imp[1], 1.0, 1e-12);
  g_assert_cmpfloat (imp[0], >, 0.7);
}

static void
test_multiclass_learns (void)
{
  /* Three classes by the sign pattern of two features: nearly all rows right. */
  const gsize n = 900;
  g_autofree double *x1 = g_new (double, n);
  g_autofree double *x2 = g_new (double, n);
  g_autofree const char **y = g_new (const char *, n);
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  const char *names[] = { "a", "b", "c" };
  gsize right = 0;
  EaselRng rng;

  easel_rng_init (&rng, 11);
  for (gsize i = 0; i < n; i++)
    {
      x1[i] = easel_rng_normal (&rng);
      x2[i] = easel_rng_normal (&rng);
      y[i] = names[x1[i] < 0 ? 0 : x2[i] < 0 ? 1 : 2];
    }
  add_numbers (t, "x1", x1, n);
  add_numbers (t, "x2", x2, n);
  easel_table_add_column (t, easel_column_new_from_strings ("y", EASEL_COLUMN_CATEGORICAL, y, n));
  m = train (t, "n_trees=30 max_depth=3", NULL);
  p = predict (m, t);
  for (gsize i = 0; i < n; i++)
    {
      guint best = 0;
      for (guint c = 1; c < 3; c++)
        if (p[i * 3 + c] > p[i * 3 + best])
          best = c;
      right += strcmp (names[best], y[i]) == 0;
      g_assert_cmpfloat_with_epsilon (p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2], 1.0, 1e-9);
    }
  g_assert_cmpuint (right, >=, n - 10);
}

static void
test_threads_large (void)
{
  /* Enough rows for several histogram and partition chunks per node: the same model with
   * 1, 2 and 3 threads. */
  const gsize n = 140000;
  g_autoptr(EaselTable) t = noisy (n, 21);
  g_autofree double *ref = NULL;

  for (int threads = 1; threads <= 3; threads++)
    {
      g_autoptr(EaselModel) m = NULL;
      g_autofree double *p = NULL;

      omp_set_num_threads (threads);
      m = train (t, "n_trees=3 max_depth=4 subsample=0.9 colsample=0.5", NULL);
      p = predict (m, t);
      if (ref == NULL)
        ref = g_steal_pointer (&p);
      else
        g_assert_cmpmem (p, n * sizeof (double), ref, n * sizeof (double));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/gbdt/bins-few-values", test_bins_few_values);
  easel_test_add ("/gbdt/bins-quantiles", test_bins_quantiles);
  easel_test_add ("/gbdt/stump-by-hand", test_stump_by_hand);
  easel_test_add ("/gbdt/logloss-leaf-by-hand", test_logloss_leaf_by_hand);
  easel_test_add ("/gbdt/missing-direction", test_missing_direction);
  easel_test_add ("/gbdt/early-stopping", test_early_stopping);
  easel_test_add ("/gbdt/max-leaves-importance", test_max_leaves_and_importance);
  easel_test_add ("/gbdt/multiclass", test_multiclass_learns);
  easel_test_add ("/gbdt/threads-large", test_threads_large);
  return g_test_run ();
}
