/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* EaselModel: the registry and parameters, each algorithm against closed forms or
 * optimality conditions, save/load (round trips, damaged and foreign blobs), results that
 * do not depend on the thread count, cancellation. */

#include <glib/gstdio.h>
#include <omp.h>

#include "easel-test-util.h"
#include "easel-eval.h"
#include "easel-model.h"
#include "easel-recipe.h"
#include "easel-rng.h"

/* Tables */

static void
add_numbers (EaselTable   *t,
             const char   *name,
             const double *v,
             gsize         n)
{
  easel_table_add_column (t, easel_column_new_numeric (name, n, g_memdup2 (v, n * sizeof (double)),
                                                       NULL));
}

static void
add_strings (EaselTable        *t,
             const char        *name,
             const char *const *v,
             gsize              n)
{
  easel_table_add_column (t, easel_column_new_from_strings (name, EASEL_COLUMN_CATEGORICAL, v, n));
}

/* n rows: x1, x2 normal, c a category of 3, b a boolean; 'kind' picks the target:
 * 0 numbers, 1 two classes, 2 three classes. */
static EaselTable *
synthetic (gsize   n,
           int     kind,
           guint64 seed)
{
  EaselTable *t = easel_table_new ();
  g_autofree double *x1 = g_new (double, n);
  g_autofree double *x2 = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree const char **c = g_new (const char *, n);
  g_autofree const char **cls = g_new (const char *, n);
  guint8 *b = g_new (guint8, n);
  static const char *levels[] = { "red", "green", "blue" };
  static const char *names[] = { "low", "mid", "high" };
  EaselRng rng;

  easel_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      int level = (int) easel_rng_below (&rng, 3);
      double z;

      x1[i] = easel_rng_normal (&rng) * 3 + 10;
      x2[i] = easel_rng_normal (&rng);
      c[i] = levels[level];
      b[i] = easel_rng_below (&rng, 2);
      z = 0.8 * (x1[i] - 10) - 1.5 * x2[i] + (level == 1 ? 1.0 : 0.0) + 0.5 * b[i] +
          easel_rng_normal (&rng);
      y[i] = z;
      cls[i] = kind == 1 ? (z > 0.3 ? "yes" : "no") : names[z < -1 ? 0 : z < 1.5 ? 1 : 2];
    }
  add_numbers (t, "x1", x1, n);
  add_numbers (t, "x2", x2, n);
  add_strings (t, "c", c, n);
  easel_table_add_column (t, easel_column_new_boolean ("b", n, b, NULL));
  if (kind == 0)
    add_numbers (t, "y", y, n);
  else
    add_strings (t, "y", cls, n);
  return t;
}

static EaselModel *
train_simple (const char *algorithm,
              EaselTable *table,
              const char *params)
{
  g_autoptr(GError) error = NULL;
  const EaselAlgorithm *alg = easel_algorithm_find (algorithm, &error);
  g_autoptr(EaselParams) p = easel_params_new (alg);
  g_auto(GStrv) assignments = params ? g_strsplit (params, " ", -1) : NULL;
  EaselTrainOptions o = { p, 1 };
  EaselModel *m;

  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    {
      g_assert_true (easel_params_parse (p, assignments[i], &error));
      g_assert_no_error (error);
    }
  m = easel_model_train (alg, table, "y", NULL, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static double *
predict_all (const EaselModel *m,
             EaselTable       *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselPrediction) p = easel_model_predict (m, t, NULL, 0, 0, NULL, NULL, &error);
  double *out;

  g_assert_no_error (error);
  if (p->problem == EASEL_PROBLEM_REGRESSION)
    out = g_steal_pointer (&p->values);
  else
    out = g_steal_pointer (&p->proba);
  return out;
}

/* Registry and parameters */

static void
test_registry (void)
{
  const EaselAlgorithm *const *all = easel_algorithms ();
  const char *expected[] = { "linear", "logistic", "naive_bayes", "knn", "tree", "forest",
                             "gbdt", "mlp" };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (; all[n] != NULL; n++)
    {
      const EaselAlgorithm *a = all[n];
      g_assert_cmpstr (a->name, ==, expected[n]);
      g_assert_true (a->regression || a->classification);
      g_assert_true (g_str_has_suffix (a->description, "."));
      for (guint i = 0; i < a->n_params; i++)
        {
          const EaselParamSpec *s = &a->params[i];
          g_autoptr(EaselParams) p = easel_params_new (a);
          /* every parameter explains itself in one sentence, and its default is valid */
          g_assert_true (g_str_has_suffix (s->explanation, "."));
          g_assert_cmpuint (strlen (s->explanation), >, 30);
          g_assert_true (easel_params_set_number (p, s->name, s->default_value, &error));
          g_assert_no_error (error);
          if (s->type == EASEL_PARAM_CHOICE)
            g_assert_nonnull (s->choices);
        }
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  g_assert_true (easel_algorithm_find ("KNN", NULL) == all[3]);
  g_assert_null (easel_algorithm_find ("svm", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  easel_assert_contains (error->message, "“svm”");
  easel_assert_contains (error->message, "linear, logistic, naive_bayes, knn, tree, forest, gbdt");
  g_assert_true (easel_algorithm_supports (all[0], EASEL_PROBLEM_REGRESSION));
  g_assert_false (easel_algorithm_supports (all[0], EASEL_PROBLEM_BINARY));
  g_assert_false (easel_algorithm_supports (all[1], EASEL_PROBLEM_REGRESSION));
}

static void
test_params (void)
{
  g_autoptr(EaselParams) knn = easel_params_new (easel_algorithm_find ("knn", NULL));
  g_autoptr(EaselParams) lr = easel_params_new (easel_algorithm_find ("logistic", NULL));
  g_autoptr(EaselParams) tree = easel_params_new (easel_algorithm_find ("tree", NULL));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpfloat (easel_params_get (knn, "k"), ==, 5);
  g_assert_true (easel_params_parse (knn, "k=7", &error));
  g_assert_true (easel_params_parse (knn, "weights = distance", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (easel_params_get (knn, "k"), ==, 7);
  g_assert_cmpfloat (easel_params_get (knn, "weights"), ==, 1);
  text = easel_params_format (knn, 1);
  g_assert_cmpstr (text, ==, "distance");

  /* out of range, not whole, not a choice: the parameter and what it takes */
  g_assert_false (easel_params_parse (knn, "k=0", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message,
                         "Parameter “k” of knn takes a whole number from 1 to 10000");
  easel_assert_contains (error->message, "“0”");
  g_clear_error (&error);
  g_assert_false (easel_params_parse (knn, "k=2.5", &error));
  g_clear_error (&error);
  g_assert_false (easel_params_parse (knn, "weights=gaussian", &error));
  easel_assert_contains (error->message, "one of uniform, distance");
  g_clear_error (&error);
  g_assert_false (easel_params_parse (lr, "C=0", &error));
  easel_assert_contains (error->message, "greater than 0");
  g_clear_error (&error);
  g_assert_false (easel_params_parse (lr, "C=abc", &error));
  easel_assert_contains (error->message, "“abc”");
  g_clear_error (&error);
  g_assert_true (easel_params_parse (lr, "C=1e-3", &error));
  g_assert_cmpfloat (easel_params_get (lr, "C"), ==, 1e-3);
  /* values that stay unchanged after an error */
  g_assert_cmpfloat (easel_params_get (knn, "k"), ==, 7);

  /* unknown names list the parameters */
  g_assert_false (easel_params_parse (lr, "alpha=1", &error));
  easel_assert_contains (error->message, "“alpha” is not a parameter of logistic");
  easel_assert_contains (error->message, "C, max_iter, tol, solver");
  g_clear_error (&error);
  g_assert_false (easel_params_parse (lr, "novalue", &error));
  g_clear_error (&error);

  /* "none" for limits where 0 means none */
  g_assert_true (easel_params_parse (tree, "max_depth=3", &error));
  g_assert_true (easel_params_parse (tree, "max_depth=none", &error));
  g_assert_cmpfloat (easel_params_get (tree, "max_depth"), ==, 0);
  g_clear_pointer (&text, g_free);
  text = easel_params_format (tree, 0);
  g_assert_cmpstr (text, ==, "none");
  g_assert_true (isnan (easel_params_get (tree, "nope")));
}

/* Algorithms */

static void
test_linear_exact (void)
{
  /* y = 2 x1 − 3 x2 + 5 exactly, and x3 = x1 (collinear): the predictions are exact. */
  gsize n = 50;
  g_autoptr(EaselTable) t = easel_table_new ();
  double x1[50], x2[50], x3[50], y[50];
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *pred = NULL;
  double imp[3];

  for (gsize i = 0; i < n; i++)
    {
      x1[i] = (double) (i % 7) - 3;
      x2[i] = (double) ((i * 5) % 11) / 4.0;
      x3[i] = x1[i];
      y[i] = 2 * x1[i] - 3 * x2[i] + 5;
    }
  add_numbers (t, "x1", x1, n);
  add_numbers (t, "x2", x2, n);
  add_numbers (t, "x3", x3, n);
  add_numbers (t, "y", y, n);
  m = train_simple ("linear", t, NULL);
  pred = predict_all (m, t);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (pred[i], y[i], 1e-5);
  /* minimum norm: the collinear pair shares the weight equally */
  g_assert_true (easel_model_get_importance (m, imp));
  g_assert_cmpfloat_with_epsilon (imp[0], imp[2], 1e-6);
  g_assert_cmpfloat_with_epsilon (imp[0] + imp[1] + imp[2], 1.0, 1e-12);
}

static void
test_linear_ridge (void)
{
  /* One feature: on the standardised z, w = Σ z (y − ȳ) / (Σ z² + l2), b = ȳ. With
   * x = 0..9 and y = x² the numbers are worked out below in double. */
  gsize n = 10;
  g_autoptr(EaselTable) t = easel_table_new ();
  double x[10], y[10], mean = 4.5, sd = 0, ym = 0, szz = 0, szy = 0, w;
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *pred = NULL;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = (double) i;
      y[i] = (double) (i * i) + 0.5;   /* not integers: a regression target */
      ym += y[i] / n;
      sd += (x[i] - mean) * (x[i] - mean) / n;
    }
  sd = sqrt (sd);
  for (gsize i = 0; i < n; i++)
    {
      double z = (double) (float) ((x[i] - mean) / sd);
      szz += z * z;
      szy += z * (y[i] - ym);
    }
  w = szy / (szz + 7.0);
  add_numbers (t, "x", x, n);
  add_numbers (t, "y", y, n);
  m = train_simple ("linear", t, "l2=7");
  pred = predict_all (m, t);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (pred[i], ym + w * (double) (float) ((x[i] - mean) / sd), 1e-9);
}

/* For a fitted binary logistic model on one feature: recover w and b from two
 * predictions, then check the optimality conditions of ½w² + C Σ loss:
 *   Σ (p − y) = 0 (intercept) and w + C Σ (p − y) z = 0. */
static void
test_logistic_optimality (void)
{
  gsize n = 200;
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autofree double *x = g_new (double, n);
  g_autofree const char **cls = g_new (const char *, n);
  g_autoptr(EaselModel) newton = NULL;
  g_autoptr(EaselModel) lbfgs = NULL;
  g_autofree double *p = NULL;
  g_autofree double *q = NULL;
  const EaselFeature *f;
  double z0, z1, w, b, g0 = 0, g1 = 0, C = 0.05;
  EaselRng rng;

  easel_rng_init (&rng, 4);
  for (gsize i = 0; i < n; i++)
    {
      x[i] = easel_rng_normal (&rng) * 2 + 1;
      cls[i] = easel_rng_uniform (&rng) < 1 / (1 + exp (-(x[i] - 1))) ? "b" : "a";
    }
  add_numbers (t, "x", x, n);
  add_strings (t, "y", cls, n);
  newton = train_simple ("logistic", t, "C=0.05 solver=newton tol=1e-10");
  lbfgs = train_simple ("logistic", t, "C=0.05 solver=lbfgs tol=1e-10");
  p = predict_all (newton, t);
  q = predict_all (lbfgs, t);
  f = easel_design_get_feature (easel_model_get_design (newton), 0);
  z0 = (double) (float) ((x[0] - f->center) / f->scale);
  z1 = (double) (float) ((x[1] - f->center) / f->scale);
  w = (log (p[3] / p[2]) - log (p[1] / p[0])) / (z1 - z0);
  b = log (p[1] / p[0]) - w * z0;
  for (gsize i = 0; i < n; i++)
    {
      double z = (double) (float) ((x[i] - f->center) / f->scale);
      double r = p[2 * i + 1] - (strcmp (cls[i], "b") == 0);
      g_assert_cmpfloat_with_epsilon (log (p[2 * i + 1] / p[2 * i]), w * z + b, 1e-8);
      g0 += r;
      g1 += r * z;
      /* both solvers reach the same optimum */
      g_assert_cmpfloat_with_epsilon (p[2 * i + 1], q[2 * i + 1], 1e-6);
    }
  g_assert_cmpfloat (fabs (g0), <, 1e-6);
  g_assert_cmpfloat (fabs (w + C * g1), <, 1e-6);
  g_assert_cmpfloat (fabs (w), >, 0.1);   /* not a trivial model */
}

static void
monitor_cb (guint    iteration,
            double   train_loss,
            double   valid_loss,
            gpointer user_data)
{
  GArray *losses = user_data;

  g_assert_cmpuint (iteration, ==, losses->len + 1);
  g_assert_true (isnan (valid_loss));
  g_array_append_val (losses, train_loss);
}

static void
test_logistic_multinomial (void)
{
  /* The intercepts are not penalised: at the optimum Σ_i (p_ic − y_ic) = 0 per class. And
   * the monitor sees one loss per iteration. */
  g_autoptr(EaselTable) t = synthetic (300, 2, 3);
  g_autoptr(GArray) losses = g_array_new (FALSE, FALSE, sizeof (double));
  const EaselAlgorithm *alg = easel_algorithm_find ("logistic", NULL);
  g_autoptr(EaselParams) params = easel_params_new (alg);
  EaselTrainOptions o = { params, 0, monitor_cb, losses };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  gint32 labels[300];
  double sums[3] = { 0, 0, 0 };

  easel_params_set (params, "tol", "1e-10", &error);
  m = easel_model_train (alg, t, "y", NULL, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_design_get_n_classes (easel_model_get_design (m)), ==, 3);
  p = predict_all (m, t);
  g_assert_true (easel_design_get_labels (easel_model_get_design (m), t, labels, NULL, &error));
  for (gsize i = 0; i < 300; i++)
    for (guint c = 0; c < 3; c++)
      sums[c] += p[i * 3 + c] - (labels[i] == (gint32) c);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpfloat (fabs (sums[c]), <, 1e-5);
  g_assert_cmpuint (losses->len, >, 3);
  /* the last reported loss is the training log-loss of the final model */
  {
    g_autoptr(EaselEvaluation) ev = easel_evaluate_classifier (labels, p, 300, 3, -1);
    g_assert_cmpfloat_with_epsilon (g_array_index (losses, double, losses->len - 1),
                                    easel_evaluation_get (ev, "log_loss"), 1e-9);
    g_assert_cmpfloat (g_array_index (losses, double, 0), >,
                       g_array_index (losses, double, losses->len - 1));
  }
}

static void
test_naive_bayes_closed_form (void)
{
  /* x | a ~ values 1, 2, 3 (mean 2, variance 2/3); x | b ~ 5, 7 (mean 6, variance 1);
   * priors 3/5 and 2/5. var_smoothing 0 leaves the variances alone. */
  g_autoptr(EaselTable) t = easel_table_new ();
  double x[] = { 1, 2, 3, 5, 7 };
  const char *y[] = { "a", "a", "a", "b", "b" };
  g_autoptr(EaselTable) q = easel_table_new ();
  double xq[] = { 4.0 };
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  double la, lb, pa;

  add_numbers (t, "x", x, 5);
  add_strings (t, "y", y, 5);
  add_numbers (q, "x", xq, 1);
  m = train_simple ("naive_bayes", t, "var_smoothing=0");
  p = predict_all (m, q);
  la = log (0.6) - 0.5 * log (2 * G_PI * 2.0 / 3.0) - 0.5 * 4.0 / (2.0 / 3.0);
  lb = log (0.4) - 0.5 * log (2 * G_PI * 1.0) - 0.5 * 4.0 / 1.0;
  pa = 1.0 / (1.0 + exp (lb - la));
  g_assert_cmpfloat_with_epsilon (p[0], pa, 1e-12);
  g_assert_cmpfloat_with_epsilon (p[1], 1 - pa, 1e-12);
}

static void
test_naive_bayes_categories (void)
{
  /* A category only: P(c | class) = (count + 1) / (class count + 3) with alpha 1.
   * Class a: red×2, blue×1 → red 3/6; class b: red×1, green×1 → red 2/5. Priors 3/5,
   * 2/5. For "red": a ∝ 3/5 × 1/2 = 0.3, b ∝ 2/5 × 2/5 = 0.16. */
  g_autoptr(EaselTable) t = easel_table_new ();
  const char *c[] = { "red", "red", "blue", "red", "green" };
  const char *y[] = { "a", "a", "a", "b", "b" };
  const char *cq[] = { "red", "purple" };
  g_autoptr(EaselTable) q = easel_table_new ();
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;

  add_strings (t, "c", c, 5);
  add_strings (t, "y", y, 5);
  add_strings (q, "c", cq, 2);
  m = train_simple ("naive_bayes", t, NULL);
  p = predict_all (m, q);
  g_assert_cmpfloat_with_epsilon (p[0], 0.3 / 0.46, 1e-12);
  /* an unseen category counts as missing: the priors alone */
  g_assert_cmpfloat_with_epsilon (p[2], 0.6, 1e-12);
}

static void
test_knn_by_hand (void)
{
  /* x = 0, 1, 2, 10, 11 (classes a a b b b), standardised by mean 4.8 and std √(20.56). For
   * a query at 1.4: nearest 1, 2, 0 → a, b, a: P(a) = 2/3 with k = 3. With distance
   * weights: (1/0.4 + 1/1.4) / (1/0.4 + 1/1.4 + 1/0.6). */
  g_autoptr(EaselTable) t = easel_table_new ();
  double x[] = { 0, 1, 2, 10, 11 };
  const char *y[] = { "a", "a", "b", "b", "b" };
  double yv[] = { 1.5, 2.5, 3.5, 4.5, 5.5 };
  g_autoptr(EaselTable) q = easel_table_new ();
  double xq[] = { 1.4, 1.0 };
  g_autoptr(EaselModel) uni = NULL;
  g_autoptr(EaselModel) dist = NULL;
  g_autofree double *p = NULL;
  g_autofree double *pd = NULL;
  double wa = 1 / 0.4 + 1 / 1.4, wb = 1 / 0.6;

  add_numbers (t, "x", x, 5);
  add_strings (t, "y", y, 5);
  add_numbers (q, "x", xq, 2);
  uni = train_simple ("knn", t, "k=3");
  dist = train_simple ("knn", t, "k=3 weights=distance");
  p = predict_all (uni, q);
  pd = predict_all (dist, q);
  g_assert_cmpfloat_with_epsilon (p[0], 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pd[0], wa / (wa + wb), 1e-6);
  /* a query on a training row decides alone with distance weights */
  g_assert_cmpfloat (pd[2], ==, 1.0);

  /* regression: the mean of the neighbours' targets */
  {
    g_autoptr(EaselTable) r = easel_table_new ();
    g_autoptr(EaselModel) mr = NULL;
    g_autofree double *v = NULL;
    add_numbers (r, "x", x, 5);
    add_numbers (r, "y", yv, 5);
    mr = train_simple ("knn", r, "k=2");
    v = predict_all (mr, q);
    g_assert_cmpfloat_with_epsilon (v[0], (2.5 + 3.5) / 2.0, 1e-12);
  }
}

static void
test_tree (void)
{
  /* XOR of two features: no single split helps, depth 2 separates it exactly; x3 is
   * noise. The importance falls on x1 and x2. */
  gsize n = 200;
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autofree double *x1 = g_new (double, n);
  g_autofree double *x2 = g_new (double, n);
  g_autofree double *x3 = g_new (double, n);
  g_autofree const char **y = g_new (const char *, n);
  g_autoptr(EaselModel) m = NULL;
  g_autoptr(EaselModel) stump = NULL;
  g_autofree double *p = NULL;
  double imp[3];
  EaselRng rng;

  easel_rng_init (&rng, 8);
  for (gsize i = 0; i < n; i++)
    {
      x1[i] = easel_rng_uniform (&rng);
      x2[i] = easel_rng_uniform (&rng);
      x3[i] = easel_rng_uniform (&rng);
      y[i] = (x1[i] > 0.5) != (x2[i] > 0.5) ? "odd" : "even";
    }
  add_numbers (t, "x1", x1, n);
  add_numbers (t, "x2", x2, n);
  add_numbers (t, "x3", x3, n);
  add_strings (t, "y", y, n);
  m = train_simple ("tree", t, "max_depth=6");
  p = predict_all (m, t);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (p[2 * i + (strcmp (y[i], "odd") == 0)], ==, 1.0);
  g_assert_true (easel_model_get_importance (m, imp));
  g_assert_cmpfloat (imp[0] + imp[1], >, 0.8);
  g_assert_cmpfloat_with_epsilon (imp[0] + imp[1] + imp[2], 1.0, 1e-12);

  /* a stump on a step: two leaves with the means of each side */
  {
    g_autoptr(EaselTable) r = easel_table_new ();
    double xs[] = { 1, 2, 3, 4, 5, 6 }, ys[] = { 1.5, 2, 2.5, 10.5, 11, 11.5 };
    g_autofree double *v = NULL;
    add_numbers (r, "x", xs, 6);
    add_numbers (r, "y", ys, 6);
    stump = train_simple ("tree", r, "max_depth=1");
    v = predict_all (stump, r);
    g_assert_cmpfloat (v[0], ==, 2.0);
    g_assert_cmpfloat (v[2], ==, 2.0);
    g_assert_cmpfloat (v[3], ==, 11.0);
  }
}

static void
test_tree_signed_values (void)
{
  /* 300 values of both signs over many magnitudes (the sort's radix path): a stump must
   * split exactly where the step is, at x = −1.5, giving each side its mean. */
  gsize n = 300;
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  double low = 0, high = 0;
  gsize n_low = 0;
  EaselRng rng;

  easel_rng_init (&rng, 30);
  for (gsize i = 0; i < n; i++)
    {
      double mag = pow (10.0, easel_rng_uniform (&rng) * 12 - 6);
      x[i] = (easel_rng_below (&rng, 2) ? -1 : 1) * mag;
      if (i % 50 == 0)
        x[i] = i % 100 == 0 ? 0.0 : -0.0;
      y[i] = (x[i] < -1.5 ? 10.0 : 20.0) + (double) (i % 7) / 8.0;
      if (x[i] < -1.5)
        {
          low += y[i];
          n_low++;
        }
      else
        high += y[i];
    }
  add_numbers (t, "x", x, n);
  add_numbers (t, "y", y, n);
  m = train_simple ("tree", t, "max_depth=1");
  p = predict_all (m, t);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (p[i], x[i] < -1.5 ? low / n_low : high / (n - n_low), 1e-9);
}

static void
test_forest (void)
{
  /* XOR again, with two noise features: 60 trees on bootstrap samples, two features per
   * split. Averaged votes are shares (not only 0 and 1) and still right on new points. */
  gsize n = 400;
  g_autoptr(EaselTable) t = easel_table_new ();
  g_autoptr(EaselTable) q = easel_table_new ();
  const char *names[] = { "x1", "x2", "x3", "x4" };
  double *cols[4], *qcols[4];
  g_autofree const char **y = g_new (const char *, n);
  g_autoptr(EaselModel) m = NULL;
  g_autofree double *p = NULL;
  double imp[4];
  gsize right = 0, shares = 0;
  EaselRng rng;

  easel_rng_init (&rng, 21);
  for (int j = 0; j < 4; j++)
    {
      cols[j] = g_new (double, n);
      qcols[j] = g_new (double, n);
    }
  for (gsize i = 0; i < n; i++)
    {
      for (int j = 0; j < 4; j++)
        {
          cols[j][i] = easel_rng_uniform (&rng);
          qcols[j][i] = easel_rng_uniform (&rng);
        }
      y[i] = (cols[0][i] > 0.5) != (cols[1][i] > 0.5) ? "odd" : "even";
    }
  for (int j = 0; j < 4; j++)
    {
      add_numbers (t, names[j], cols[j], n);
      add_numbers (q, names[j], qcols[j], n);
      g_free (cols[j]);
    }
  add_strings (t, "y", y, n);
  m = train_simple ("forest", t, "n_trees=60 max_features=sqrt");
  p = predict_all (m, q);
  for (gsize i = 0; i < n; i++)
    {
      gboolean odd = (qcols[0][i] > 0.5) != (qcols[1][i] > 0.5);
      right += (p[2 * i + 1] > 0.5) == odd;
      shares += p[2 * i] > 0 && p[2 * i] < 1;
      g_assert_cmpfloat_with_epsilon (p[2 * i] + p[2 * i + 1], 1.0, 1e-12);
    }
  for (int j = 0; j < 4; j++)
    g_free (qcols[j]);
  g_assert_cmpuint (right, >, n * 9 / 10);
  g_assert_cmpuint (shares, >, n / 10);
  g_assert_true (easel_model_get_importance (m, imp));
  g_assert_cmpfloat (imp[0] + imp[1], >, 0.7);
}

static void
test_wrong_problem_and_criterion (void)
{
  g_autoptr(EaselTable) t = synthetic (50, 1, 2);
  g_autoptr(EaselTable) r = synthetic (50, 0, 2);
  g_autoptr(GError) error = NULL;
  const EaselAlgorithm *linear = easel_algorithm_find ("linear", NULL);
  const EaselAlgorithm *tree = easel_algorithm_find ("tree", NULL);
  g_autoptr(EaselParams) p = easel_params_new (tree);
  EaselTrainOptions o = { p, 0 };

  g_assert_null (easel_model_train (linear, t, "y", NULL, NULL, 0, NULL, NULL, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "Linear regression cannot do classification");
  g_clear_error (&error);
  easel_params_parse (p, "criterion=gini", NULL);
  g_assert_null (easel_model_train (tree, r, "y", NULL, NULL, 0, &o, NULL, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "“criterion”");
}

static void
test_missing_target_dropped (void)
{
  g_autoptr(EaselTable) t = easel_table_new ();
  double x[] = { 1, 2, 3, 4, 5, 6 }, y[] = { 1.5, NAN, 3.5, 4, NAN, 6 };
  guint32 rows[] = { 0, 1, 2, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) m = NULL;

  add_numbers (t, "x", x, 6);
  add_numbers (t, "y", y, 6);
  m = easel_model_train (easel_algorithm_find ("linear", NULL), t, "y", NULL, rows, 4, NULL, NULL,
                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_model_get_train_rows (m), ==, 3);
  g_assert_cmpuint (easel_model_get_dropped_rows (m), ==, 1);
  g_assert_cmpuint (easel_design_get_n_missing_target (easel_model_get_design (m)), ==, 2);
}

/* Save and load */

static const struct
{
  const char *algorithm;
  int         kind;
  const char *params;
} zoo[] = {
  { "linear", 0, "l2=0.5" },
  { "logistic", 1, "C=2" },
  { "logistic", 2, NULL },
  { "naive_bayes", 2, NULL },
  { "knn", 1, "k=4 weights=distance" },
  { "knn", 0, NULL },
  { "tree", 2, "max_depth=4" },
  { "tree", 0, "min_samples_leaf=3" },
  { "forest", 1, "n_trees=7 max_depth=5" },
  { "forest", 0, "n_trees=3 max_features=sqrt" },
  { "gbdt", 1, "n_trees=6 max_depth=3 min_samples_leaf=2" },
  { "gbdt", 2, "n_trees=4 max_leaves=5 min_samples_leaf=3" },
  { "gbdt", 0, "n_trees=5 subsample=0.7 colsample=0.6 min_samples_leaf=2" },
  { "mlp", 2, "hidden=6,4 epochs=3" },
  { "mlp", 0, "hidden=5 epochs=3 loss=mae" },
};

static void
test_round_trip (void)
{
  for (guint z = 0; z < G_N_ELEMENTS (zoo); z++)
    {
      g_autoptr(EaselTable) t = synthetic (120, zoo[z].kind, z);
      g_autoptr(EaselModel) m = train_simple (zoo[z].algorithm, t, zoo[z].params);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) again = NULL;
      g_autoptr(EaselModel) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree double *p1 = predict_all (m, t);
      g_autofree double *p2 = NULL;
      guint width = MAX (easel_design_get_n_classes (easel_model_get_design (m)), 1);
      const EaselAlgorithm *alg = easel_model_get_algorithm (m);

      easel_model_set_evaluation_json (m, "{\"accuracy\": 0.5}");
      bytes = easel_model_to_bytes (m);
      loaded = easel_model_from_bytes (bytes, &error);
      g_assert_no_error (error);
      p2 = predict_all (loaded, t);
      g_assert_cmpmem (p1, 120 * width * sizeof (double), p2, 120 * width * sizeof (double));
      g_assert_true (easel_model_get_algorithm (loaded) == alg);
      for (guint i = 0; i < alg->n_params; i++)
        g_assert_cmpfloat (easel_params_get (easel_model_get_params (loaded), alg->params[i].name),
                           ==, easel_params_get (easel_model_get_params (m), alg->params[i].name));
      g_assert_cmpstr (easel_model_get_evaluation_json (loaded), ==, "{\"accuracy\": 0.5}");
      g_assert_cmpuint (easel_model_get_train_rows (loaded), ==, 120);
      g_assert_cmpuint (easel_model_get_seed (loaded), ==, 1);
      g_assert_cmpint (easel_model_get_created (loaded), ==, easel_model_get_created (m));
      /* saving the loaded model gives the same bytes */
      again = easel_model_to_bytes (loaded);
      g_assert_true (g_bytes_equal (bytes, again));
    }
}

static void
assert_load_fails (const guint8 *data,
                   gsize         len,
                   gint          code)
{
  g_autoptr(GBytes) b = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) m = easel_model_from_bytes (b, &error);

  g_assert_null (m);
  g_assert_error (error, EASEL_ERROR, code);
}

static void
test_damaged (void)
{
  g_autoptr(EaselTable) t = synthetic (30, 2, 5);
  g_autoptr(EaselModel) m = train_simple ("tree", t, "max_depth=3");
  g_autoptr(GBytes) bytes = easel_model_to_bytes (m);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  g_autoptr(GError) error = NULL;

  /* every truncation */
  for (gsize cut = 0; cut < len; cut++)
    assert_load_fails (data, cut, EASEL_ERROR_CORRUPT);
  /* one bit flipped anywhere: the checksum, the header or the signature catches it */
  for (gsize i = 0; i < len; i++)
    {
      copy[i] ^= 0x10;
      /* the format number going up reads as a newer Easel */
      assert_load_fails (copy, len, i >= 8 && i < 12 ? EASEL_ERROR_VERSION : EASEL_ERROR_CORRUPT);
      copy[i] ^= 0x10;
    }
  /* a longer file than the header says */
  {
    g_autofree guint8 *longer = g_malloc0 (len + 3);
    memcpy (longer, data, len);
    assert_load_fails (longer, len + 3, EASEL_ERROR_CORRUPT);
  }
  /* a foreign file */
  assert_load_fails ((const guint8 *) "PK\3\4 not a model at all", 24, EASEL_ERROR_CORRUPT);
  {
    g_autoptr(GBytes) b = g_bytes_new ("SQLite format 3", 16);
    g_assert_null (easel_model_from_bytes (b, &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
    easel_assert_contains (error->message, "not an Easel model file");
    g_clear_error (&error);
  }
  /* a newer format */
  memcpy (copy, data, len);
  copy[8] = 2;
  {
    g_autoptr(GBytes) b = g_bytes_new (copy, len);
    g_assert_null (easel_model_from_bytes (b, &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_VERSION);
    easel_assert_contains (error->message, "newer Easel");
  }
}

/* SHA-256 of the payload, written into the header: the parser itself must survive
 * damage that a checksum does not catch (a bug, a hand-made file). */
static void
reseal (guint8 *data,
        gsize   len)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_len = 32;

  g_checksum_update (sum, data + 56, (gssize) (len - 56));
  g_checksum_get_digest (sum, data + 24, &digest_len);
}

static void
test_damaged_resealed (void)
{
  /* Random byte changes inside the payload with a valid checksum: every load either
   * succeeds (a harmless change, and then the model predicts) or fails with a clear
   * error; none crashes (this test runs under ASan too). */
  for (guint z = 0; z < G_N_ELEMENTS (zoo); z++)
    {
      g_autoptr(EaselTable) t = synthetic (25, zoo[z].kind, z + 100);
      g_autoptr(EaselModel) m = train_simple (zoo[z].algorithm, t, zoo[z].params);
      g_autoptr(GBytes) bytes = easel_model_to_bytes (m);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      g_autofree guint8 *copy = g_malloc (len);
      EaselRng rng;

      easel_rng_init (&rng, z);
      for (guint trial = 0; trial < 1500; trial++)
        {
          g_autoptr(GBytes) b = NULL;
          g_autoptr(EaselModel) loaded = NULL;
          g_autoptr(GError) error = NULL;
          guint changes = 1 + (guint) easel_rng_below (&rng, 3);

          memcpy (copy, data, len);
          for (guint c = 0; c < changes; c++)
            {
              gsize at = 56 + (gsize) easel_rng_below (&rng, len - 56);
              copy[at] = (guint8) easel_rng_next (&rng);
            }
          reseal (copy, len);
          b = g_bytes_new (copy, len);
          loaded = easel_model_from_bytes (b, &error);
          if (loaded == NULL)
            {
              g_assert_nonnull (error);
              g_assert_true (error->code == EASEL_ERROR_CORRUPT ||
                             error->code == EASEL_ERROR_VERSION);
              continue;
            }
          /* Damage the parser cannot see (a changed number, a renamed column) still
           * leaves a working model, or a clear error at prediction. */
          {
            g_autoptr(EaselPrediction) p = easel_model_predict (loaded, t, NULL, 0, 0, NULL, NULL,
                                                                &error);
            g_assert_true (p != NULL || error != NULL);
          }
        }
    }
}

static void
test_save_load_file (void)
{
  g_autoptr(EaselTable) t = synthetic (40, 1, 9);
  g_autoptr(EaselModel) m = train_simple ("logistic", t, NULL);
  g_autofree char *dir = g_dir_make_tmp ("easel-model-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.easelmodel", NULL);
  g_autofree char *missing = g_build_filename (dir, "none.easelmodel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) loaded = NULL;

  g_assert_true (easel_model_save (m, path, &error));
  loaded = easel_model_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_null (easel_model_load (missing, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_IO);
  easel_assert_contains (error->message, "none.easelmodel");
  g_clear_error (&error);
  /* a damaged file names itself */
  g_assert_true (g_file_set_contents (path, "EASELMDL\1\0\0\0", 12, NULL));
  g_assert_null (easel_model_load (path, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
  easel_assert_contains (error->message, path);
  easel_assert_contains (error->message, "truncated");
  g_unlink (path);
  g_rmdir (dir);
}

/* Threads and cancellation */

static void
test_threads_do_not_matter (void)
{
  /* Enough rows for the parallel chunks (over 4096 per chunk) and several query blocks. */
  const struct { const char *alg; int kind; const char *params; } cases[] = {
    { "linear", 0, NULL },
    { "logistic", 1, "solver=newton" },
    { "logistic", 1, "solver=lbfgs" },
    { "logistic", 2, "max_iter=30" },
    { "naive_bayes", 2, NULL },
    { "knn", 1, NULL },
    { "tree", 0, "max_depth=6" },
    { "forest", 2, "n_trees=20 max_depth=8" },
    { "gbdt", 2, "n_trees=8 subsample=0.8 colsample=0.7 early_stopping_rounds=3" },
    { "gbdt", 0, "n_trees=8 max_leaves=12" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gsize n = cases[c].alg[0] == 'k' ? 3000 : 30000;
      g_autoptr(EaselTable) t = synthetic (n, cases[c].kind, 77);
      g_autofree double *ref = NULL;
      guint width = cases[c].kind == 0 ? 1 : cases[c].kind == 1 ? 2 : 3;

      for (int threads = 1; threads <= 3; threads++)
        {
          g_autoptr(EaselModel) m = NULL;
          g_autofree double *p = NULL;

          omp_set_num_threads (threads);
          m = train_simple (cases[c].alg, t, cases[c].params);
          p = predict_all (m, t);
          if (ref == NULL)
            ref = g_steal_pointer (&p);
          else
            g_assert_cmpmem (p, n * width * sizeof (double), ref, n * width * sizeof (double));
        }
    }
}

static void
test_cancel (void)
{
  g_autoptr(EaselTable) t = synthetic (500, 2, 1);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  const char *names[] = { "logistic", "tree", "linear", "naive_bayes", "forest", "gbdt" };

  g_cancellable_cancel (cancel);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      const EaselAlgorithm *alg = easel_algorithm_find (names[i], NULL);
      g_autoptr(EaselTable) r = synthetic (500, 0, 1);
      EaselTable *table = alg->classification ? t : r;
      g_assert_null (easel_model_train (alg, table, "y", NULL, NULL, 0, NULL, NULL, cancel,
                                        &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

/* A model trained on prepared rows replays its recipe on the rows it predicts, keeping
 * every row: filters are off, clip_outliers clips with the training bounds. */
static void
test_recipe_replay (void)
{
  static const char recipe_json[] =
    "{\"steps\": ["
    " {\"op\": \"formula\", \"name\": \"x3\", \"expression\": \"x1 * x2\"},"
    " {\"op\": \"clip_outliers\", \"columns\": [\"x1\"], \"method\": \"std\", \"k\": 1,"
    "  \"action\": \"remove\"},"
    " {\"op\": \"filter\", \"column\": \"x2\", \"operator\": \">\", \"value\": -1},"
    " {\"op\": \"scale\", \"columns\": [\"x1\", \"x3\"], \"method\": \"standard\"}]}";
  g_autoptr(EaselTable) t = synthetic (600, 0, 7);
  g_autoptr(EaselTable) prepared = NULL, replayed = NULL;
  g_autoptr(EaselRecipe) recipe = NULL, fitted = NULL, replay = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fitted_json = NULL;
  g_autofree double *got = NULL, *want = NULL;
  g_autoptr(EaselModel) with_recipe = NULL, without = NULL;
  const EaselAlgorithm *alg = easel_algorithm_find ("linear", NULL);
  EaselTrainOptions o = { NULL, 1 };
  const EaselColumn *x1;
  gsize n = easel_table_get_n_rows (t);

  recipe = easel_recipe_new_from_json (recipe_json, -1, &error);
  g_assert_no_error (error);
  fitted = easel_recipe_fit (recipe, t, &prepared, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_table_get_n_rows (prepared), <, n * 3 / 4);   /* rows were removed */
  fitted_json = easel_recipe_to_json (fitted, FALSE);
  o.recipe_json = fitted_json;
  with_recipe = easel_model_train (alg, prepared, "y", NULL, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  o.recipe_json = NULL;
  without = easel_model_train (alg, prepared, "y", NULL, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);

  /* the replay keeps all rows and clips x1 into the training bounds */
  replay = easel_recipe_for_prediction (fitted, &error);
  g_assert_no_error (error);
  replayed = easel_recipe_apply (replay, t, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_table_get_n_rows (replayed), ==, n);
  g_assert_false (easel_step_get_enabled (easel_recipe_get_step (replay, 2)));
  g_assert_true (easel_step_get_enabled (easel_recipe_get_step (fitted, 2)));
  g_assert_cmpint (easel_table_find_column (replayed, "x1"), >=, 0);
  x1 = easel_table_get_column (replayed, (guint) easel_table_find_column (replayed, "x1"));
  {
    const EaselColumn *kept = easel_table_get_column (prepared,
                                                      (guint) easel_table_find_column (prepared,
                                                                                       "x1"));
    double lo = INFINITY, hi = -INFINITY, klo = INFINITY, khi = -INFINITY;

    for (gsize i = 0; i < n; i++)
      lo = MIN (lo, x1->num[i]), hi = MAX (hi, x1->num[i]);
    for (gsize i = 0; i < kept->n_rows; i++)
      klo = MIN (klo, kept->num[i]), khi = MAX (khi, kept->num[i]);
    /* clipped to the bounds that removed rows at training: no wider than the rows kept */
    g_assert_cmpfloat (lo, >=, klo - 0.05);
    g_assert_cmpfloat (hi, <=, khi + 0.05);
  }

  /* raw rows through the model = the replayed rows through a model without a recipe */
  got = predict_all (with_recipe, t);
  want = predict_all (without, replayed);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (got[i], ==, want[i]);
  /* rows already prepared are not prepared twice */
  {
    g_autoptr(EaselPrediction) p = easel_model_predict_prepared (with_recipe, replayed, NULL, 0, 0,
                                                                 NULL, NULL, &error);

    g_assert_no_error (error);
    for (gsize i = 0; i < n; i++)
      g_assert_cmpfloat (p->values[i], ==, want[i]);
  }

  /* the recipe needs x2: an input without it is an error that says so */
  {
    static const double ones[] = { 1, 2, 3 };
    g_autoptr(EaselTable) short_table = easel_table_new ();
    g_autoptr(EaselPrediction) p = NULL;

    add_numbers (short_table, "x1", ones, 3);
    add_numbers (short_table, "y", ones, 3);
    p = easel_model_predict (with_recipe, short_table, NULL, 0, 0, NULL, NULL, &error);
    g_assert_null (p);
    g_assert_nonnull (error);
    easel_assert_contains (error->message, "recipe");
    easel_assert_contains (error->message, "x2");
  }
}

static void
test_progress (void)
{
  g_autoptr(EaselTable) t = synthetic (2000, 1, 1);
  g_autoptr(EaselProgress) progress = easel_progress_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) m = easel_model_train (easel_algorithm_find ("tree", NULL), t, "y", NULL,
                                               NULL, 0, NULL, progress, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/model/registry", test_registry);
  easel_test_add ("/model/params", test_params);
  easel_test_add ("/model/linear-exact", test_linear_exact);
  easel_test_add ("/model/linear-ridge", test_linear_ridge);
  easel_test_add ("/model/logistic-optimality", test_logistic_optimality);
  easel_test_add ("/model/logistic-multinomial", test_logistic_multinomial);
  easel_test_add ("/model/naive-bayes-closed-form", test_naive_bayes_closed_form);
  easel_test_add ("/model/naive-bayes-categories", test_naive_bayes_categories);
  easel_test_add ("/model/knn-by-hand", test_knn_by_hand);
  easel_test_add ("/model/tree", test_tree);
  easel_test_add ("/model/tree-signed-values", test_tree_signed_values);
  easel_test_add ("/model/forest", test_forest);
  easel_test_add ("/model/wrong-problem", test_wrong_problem_and_criterion);
  easel_test_add ("/model/missing-target", test_missing_target_dropped);
  easel_test_add ("/model/round-trip", test_round_trip);
  easel_test_add ("/model/damaged", test_damaged);
  easel_test_add ("/model/damaged-resealed", test_damaged_resealed);
  easel_test_add ("/model/save-load-file", test_save_load_file);
  easel_test_add ("/model/threads", test_threads_do_not_matter);
  easel_test_add ("/model/cancel", test_cancel);
  easel_test_add ("/model/progress", test_progress);
  easel_test_add ("/model/recipe-replay", test_recipe_replay);
  return g_test_run ();
}
