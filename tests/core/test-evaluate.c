/* SPDX-License-Identifier: GPL-3.0-or-later */

/* easel_train_and_evaluate(): the same numbers as the engine's parts used one by one, each
 * way of holding rows out, the errors a person can reach, and the prediction columns. */

#include "easel-test-util.h"

#include "easel-evaluate.h"

#define N_ROWS 120

/* Two numbers and a class that depends on them (with some noise), and 'n_missing' rows
 * without a class at the end. */
static EaselTable *
make_table (gsize        n,
            gsize        n_missing,
            const char  *extra_class)
{
  EaselTable *table = easel_table_new ();
  double *x1 = g_new (double, n);
  double *x2 = g_new (double, n);
  const char **label = g_new (const char *, n);
  EaselRng rng;

  easel_rng_init (&rng, 7);
  for (gsize i = 0; i < n; i++)
    {
      double noise = easel_rng_uniform (&rng) - 0.5;

      x1[i] = easel_rng_uniform (&rng) * 4;
      x2[i] = easel_rng_uniform (&rng) * 4;
      label[i] = x1[i] + x2[i] + noise < 3 ? "low" : x1[i] + noise < 2 ? "mid" : "high";
      if (i >= n - n_missing)
        label[i] = NULL;
    }
  if (extra_class != NULL)
    label[0] = extra_class;
  easel_table_add_column (table, easel_column_new_numeric ("x1", n, x1, NULL));
  easel_table_add_column (table, easel_column_new_numeric ("x2", n, x2, NULL));
  easel_table_add_column (table, easel_column_new_from_strings ("label",
                                                                EASEL_COLUMN_CATEGORICAL,
                                                                label, n));
  g_free (label);
  return table;
}

static EaselTrainReport *
run (EaselTable                 *table,
     const char                 *algorithm,
     const EaselEvaluateOptions *evaluate,
     guint64                     seed,
     GCancellable               *cancellable,
     GError                    **error)
{
  EaselTrainOptions options = { 0 };

  options.seed = seed;
  return easel_train_and_evaluate (easel_algorithm_find (algorithm, NULL), table, "label", NULL,
                                   &options, evaluate, NULL, cancellable, error);
}

static void
test_split (void)
{
  g_autoptr(EaselTable) table = make_table (N_ROWS, 5, NULL);
  EaselEvaluateOptions evaluate = { EASEL_HOLDOUT_SPLIT, 0.25 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTrainReport) report = run (table, "logistic", &evaluate, 5, NULL, &error);
  g_autoptr(EaselDesign) design = easel_design_new (table, "label", NULL, NULL);
  g_autofree gint32 *all = g_new (gint32, N_ROWS);
  g_autofree guint32 *rows = g_new (guint32, N_ROWS);
  g_autofree gint32 *labels = g_new (gint32, N_ROWS);
  g_autofree gint32 *truth = NULL;
  g_autoptr(EaselSplit) split = NULL;
  g_autoptr(EaselModel) model = NULL;
  g_autoptr(EaselPrediction) pred = NULL;
  g_autoptr(EaselEvaluation) direct = NULL;
  const char *const *names = easel_evaluation_metric_names (EASEL_PROBLEM_MULTICLASS);
  EaselTrainOptions options = { 0 };
  gsize n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (report->mode, ==, "split");

  /* the same by hand: rows with a class, a stratified split, a fit, a prediction */
  g_assert_true (easel_design_get_labels (design, table, all, NULL, NULL));
  for (gsize i = 0; i < N_ROWS; i++)
    if (all[i] >= 0)
      {
        labels[n] = all[i];
        rows[n++] = (guint32) i;
      }
  g_assert_cmpuint (n, ==, N_ROWS - 5);
  split = easel_split_new (rows, n, labels, easel_design_get_n_classes (design), 0.25, 5);
  options.seed = 5;
  model = easel_model_train (easel_algorithm_find ("logistic", NULL), table, "label", NULL,
                             split->train, split->n_train, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  pred = easel_model_predict (model, table, split->test, split->n_test, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  truth = g_new (gint32, split->n_test);
  for (gsize i = 0; i < split->n_test; i++)
    truth[i] = all[split->test[i]];
  direct = easel_evaluate_classifier (truth, pred->proba, split->n_test, 3, -1);

  g_assert_cmpuint (report->n_train, ==, split->n_train);
  g_assert_cmpuint (report->n_test, ==, split->n_test);
  g_assert_cmpuint (report->folds->len, ==, 1);
  for (guint i = 0; names[i] != NULL; i++)
    easel_assert_same_double (easel_train_report_get (report, names[i]),
                              easel_evaluation_get (direct, names[i]));
  /* the held-out rows kept for plots */
  g_assert_cmpuint (report->n_held, ==, split->n_test);
  g_assert_cmpuint (report->n_classes, ==, 3);
  for (gsize i = 0; i < report->n_held; i++)
    {
      g_assert_cmpint (report->labels[i], ==, truth[i]);
      for (guint c = 0; c < 3; c++)
        easel_assert_same_double (report->proba[i * 3 + c], pred->proba[i * 3 + c]);
    }
  g_assert_null (report->truth);
}

static void
test_folds (void)
{
  g_autoptr(EaselTable) table = make_table (N_ROWS, 0, NULL);
  EaselEvaluateOptions evaluate = { EASEL_HOLDOUT_FOLDS, 0, 4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTrainReport) report = run (table, "knn", &evaluate, 2, NULL, &error);
  gsize counts[3] = { 0 };

  g_assert_no_error (error);
  g_assert_cmpstr (report->mode, ==, "cross-validation");
  g_assert_cmpuint (report->folds->len, ==, 4);
  /* the model kept learned every row; every row was held out once */
  g_assert_cmpuint (easel_model_get_train_rows (report->model), ==, N_ROWS);
  g_assert_cmpuint (report->n_held, ==, N_ROWS);
  for (gsize i = 0; i < report->n_held; i++)
    counts[report->labels[i]]++;
  {
    g_autoptr(EaselDesign) design = easel_design_new (table, "label", NULL, NULL);
    g_autofree gint32 *all = g_new (gint32, N_ROWS);
    gsize expected[3] = { 0 };

    g_assert_true (easel_design_get_labels (design, table, all, NULL, NULL));
    for (gsize i = 0; i < N_ROWS; i++)
      expected[all[i]]++;
    for (guint c = 0; c < 3; c++)
      g_assert_cmpuint (counts[c], ==, expected[c]);
  }
  /* the mean over folds */
  {
    double sum = 0;

    for (guint f = 0; f < 4; f++)
      sum += easel_evaluation_get (report->folds->pdata[f], "accuracy");
    easel_assert_close (easel_train_report_get (report, "accuracy"), sum / 4, 1e-15);
  }
}

static void
test_regression_and_none (void)
{
  g_autoptr(EaselTable) table = make_table (N_ROWS, 0, NULL);
  EaselEvaluateOptions evaluate = { EASEL_HOLDOUT_SPLIT, 0.2 };
  EaselEvaluateOptions none = { EASEL_HOLDOUT_NONE };
  EaselTrainOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTrainReport) report = NULL;
  g_autoptr(EaselTrainReport) all = NULL;
  const EaselEvaluation *ev;

  report = easel_train_and_evaluate (easel_algorithm_find ("linear", NULL), table, "x2", NULL,
                                     &options, &evaluate, NULL, NULL, &error);
  g_assert_no_error (error);
  ev = report->folds->pdata[0];
  g_assert_cmpuint (report->n_held, ==, ev->n);
  for (gsize i = 0; i < ev->n; i++)
    easel_assert_close (report->truth[i] - report->predicted[i], ev->residuals[i], 1e-12);
  g_assert_null (report->labels);

  all = easel_train_and_evaluate (easel_algorithm_find ("linear", NULL), table, "x2", NULL,
                                  &options, &none, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (all->mode, ==, "none");
  g_assert_cmpuint (all->folds->len, ==, 0);
  g_assert_cmpuint (easel_model_get_train_rows (all->model), ==, N_ROWS);
  g_assert_true (isnan (easel_train_report_get (all, "r2")));
}

static void
test_errors (void)
{
  g_autoptr(EaselTable) table = make_table (N_ROWS, 0, NULL);
  g_autoptr(EaselTable) tiny = make_table (3, 2, NULL);
  g_autoptr(EaselTable) test_table = make_table (10, 0, "unicorn");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EaselEvaluateOptions split = { EASEL_HOLDOUT_SPLIT, 0.2 };
  EaselEvaluateOptions folds = { EASEL_HOLDOUT_FOLDS, 0, 200 };
  EaselEvaluateOptions held = { EASEL_HOLDOUT_TABLE, 0, 0, NULL, NULL, "Test file t.csv" };
  GError *error = NULL;

  /* an algorithm for numbers on classes */
  g_assert_null (run (table, "linear", &split, 0, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "cannot predict classes");
  g_clear_error (&error);

  /* more folds than rows */
  folds.table_name = "data.csv";
  g_assert_null (run (table, "knn", &folds, 0, NULL, &error));
  easel_assert_contains (error->message, "200-fold");
  easel_assert_contains (error->message, "data.csv has 120");
  g_clear_error (&error);

  /* one row with a class: the design's own sentence */
  g_assert_null (run (tiny, "knn", &split, 0, NULL, &error));
  g_assert_nonnull (error);
  easel_assert_contains (error->message, "single value");
  g_clear_error (&error);

  /* a test table with a class the training rows lack names the table and the class */
  held.test_table = test_table;
  g_assert_null (run (table, "knn", &held, 0, NULL, &error));
  easel_assert_contains (error->message, "Test file t.csv: ");
  easel_assert_contains (error->message, "unicorn");
  g_clear_error (&error);

  /* cancelled */
  g_cancellable_cancel (cancellable);
  g_assert_null (run (table, "logistic", &split, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

static void
test_prediction_columns (void)
{
  g_autoptr(EaselTable) table = make_table (N_ROWS, 0, NULL);
  EaselEvaluateOptions none = { EASEL_HOLDOUT_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTrainReport) report = run (table, "logistic", &none, 0, NULL, &error);
  g_autoptr(EaselPrediction) pred = NULL;
  g_autoptr(EaselTable) out = make_table (N_ROWS, 0, NULL);
  static const char *const names[] = {
    "x1", "x2", "label", "prediction", "prediction_2", "probability_high", "probability_low",
    "probability_mid",
  };

  g_assert_no_error (error);
  /* a column already called "prediction" */
  easel_table_add_column (out, easel_column_new_numeric ("prediction", N_ROWS,
                                                         g_new0 (double, N_ROWS), NULL));
  pred = easel_model_predict (report->model, out, NULL, 0, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  easel_prediction_add_columns (out, report->model, pred);
  g_assert_cmpuint (easel_table_get_n_columns (out), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (easel_table_get_column (out, i)->name, ==, names[i]);
  for (gsize r = 0; r < N_ROWS; r++)
    {
      const EaselColumn *p = easel_test_column (out, "probability_mid");

      g_assert_cmpstr (easel_column_get_string (easel_test_column (out, "prediction_2"), r), ==,
                       easel_design_get_class (easel_model_get_design (report->model),
                                               (guint) pred->classes[r]));
      easel_assert_same_double (p->num[r], pred->proba[r * 3 + 2]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  easel_test_add ("/evaluate/split", test_split);
  easel_test_add ("/evaluate/folds", test_folds);
  easel_test_add ("/evaluate/regression-and-none", test_regression_and_none);
  easel_test_add ("/evaluate/errors", test_errors);
  easel_test_add ("/evaluate/prediction-columns", test_prediction_columns);

  return g_test_run ();
}
