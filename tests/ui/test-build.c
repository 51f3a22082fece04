/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "easel-build-page.h"
#include "easel-csv.h"
#include "easel-format.h"
#include "easel-synthetic.h"
#include "easel-ui-test.h"
#include "easel-window.h"

/* Helpers */

static EaselTable *
read_dataset (const char *name)
{
  g_autofree char *path = easel_ui_test_dataset (name);
  g_autoptr(GError) error = NULL;
  EaselCsvOptions options;
  EaselTable *table;

  if (path == NULL)
    return NULL;
  easel_csv_options_init (&options);
  table = easel_csv_read_file (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return table;
}

/* A Build page in a window, showing 'table'. */
static EaselBuildPage *
new_page (EaselTable *table,
          GtkWidget **window)
{
  GtkWidget *page = easel_build_page_new ();

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (*window), page);
  gtk_window_present (GTK_WINDOW (*window));
  easel_build_page_set_table (EASEL_BUILD_PAGE (page), table);
  return EASEL_BUILD_PAGE (page);
}

static gboolean
page_idle (gpointer data)
{
  return !easel_build_page_get_busy (EASEL_BUILD_PAGE (data));
}

static gboolean
curve_started (gpointer data)
{
  return easel_build_page_get_n_curve_points (EASEL_BUILD_PAGE (data)) >= 2;
}

static void
train_and_wait (EaselBuildPage *page)
{
  g_assert_true (easel_build_page_can_train (page));
  /* as a click on Train does */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "build.train", NULL));
  g_assert_true (easel_build_page_get_busy (page));
  easel_ui_test_wait (page_idle, page, 120, "the training");
  g_assert_null (easel_build_page_get_error (page));
  g_assert_nonnull (easel_build_page_get_report (page));
  g_assert_nonnull (easel_build_page_get_model (page));
}

/* The rows of 'table' with a target, and their labels (classification) */
static guint32 *
rows_with_target (const EaselDesign *design,
                  EaselTable        *table,
                  gsize             *n,
                  gint32           **labels,
                  double           **values)
{
  gsize n_table = easel_table_get_n_rows (table);
  guint32 *rows = g_new (guint32, n_table);
  g_autofree gint32 *all_labels = g_new (gint32, n_table);
  g_autofree double *all_values = g_new (double, n_table);
  g_autoptr(GError) error = NULL;
  gboolean regression = easel_design_get_problem (design) == EASEL_PROBLEM_REGRESSION;

  if (regression)
    g_assert_true (easel_design_get_values (design, table, all_values, NULL, &error));
  else
    g_assert_true (easel_design_get_labels (design, table, all_labels, NULL, &error));
  g_assert_no_error (error);
  *n = 0;
  *labels = g_new (gint32, n_table);
  *values = g_new (double, n_table);
  for (gsize i = 0; i < n_table; i++)
    if (regression ? !isnan (all_values[i]) : all_labels[i] >= 0)
      {
        (*labels)[*n] = all_labels[i];
        (*values)[*n] = all_values[i];
        rows[(*n)++] = (guint32) i;
      }
  return rows;
}

/* The evaluation computed here from the engine's parts: the same seeded split, a model
 * trained on its training rows and the metrics of its predictions on the test rows. */
static EaselEvaluation *
evaluate_directly (EaselTable *table,
                   const char *target,
                   const char *algorithm_name,
                   double      test_fraction,
                   guint64     seed)
{
  const EaselAlgorithm *algorithm = easel_algorithm_find (algorithm_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselDesign) design = easel_design_new (table, target, NULL, &error);
  g_autoptr(EaselSplit) split = NULL;
  g_autoptr(EaselModel) model = NULL;
  g_autoptr(EaselPrediction) pred = NULL;
  g_autofree guint32 *rows = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree double *values = NULL;
  gboolean regression;
  EaselTrainOptions options = { 0 };
  gsize n;

  g_assert_no_error (error);
  regression = easel_design_get_problem (design) == EASEL_PROBLEM_REGRESSION;
  rows = rows_with_target (design, table, &n, &labels, &values);
  split = easel_split_new (rows, n, regression ? NULL : labels,
                           easel_design_get_n_classes (design), test_fraction, seed);
  options.seed = seed;
  model = easel_model_train (algorithm, table, target, NULL, split->train, split->n_train,
                             &options, NULL, NULL, &error);
  g_assert_no_error (error);
  pred = easel_model_predict (model, table, split->test, split->n_test, 0, NULL, NULL, &error);
  g_assert_no_error (error);

  if (regression)
    {
      g_autofree double *truth = g_new (double, split->n_test);
      g_autofree double *all = g_new (double, easel_table_get_n_rows (table));

      g_assert_true (easel_design_get_values (design, table, all, NULL, NULL));
      for (gsize i = 0; i < split->n_test; i++)
        truth[i] = all[split->test[i]];
      return easel_evaluate_regressor (truth, pred->values, split->n_test);
    }
  else
    {
      g_autofree gint32 *truth = g_new (gint32, split->n_test);
      g_autofree gint32 *all = g_new (gint32, easel_table_get_n_rows (table));

      g_assert_true (easel_design_get_labels (design, table, all, NULL, NULL));
      for (gsize i = 0; i < split->n_test; i++)
        truth[i] = all[split->test[i]];
      return easel_evaluate_classifier (truth, pred->proba, split->n_test,
                                        easel_design_get_n_classes (design),
                                        easel_design_get_positive (design));
    }
}

static void
assert_tile (EaselBuildPage        *page,
             const EaselEvaluation *direct,
             const char            *metric)
{
  const EaselTrainReport *report = easel_build_page_get_report (page);
  double expected = easel_evaluation_get (direct, metric);
  g_autofree char *text = easel_format_statistic (expected);

  g_assert_true (isfinite (expected));
  /* the very same number, and the tile shows it */
  g_assert_cmpfloat (easel_train_report_get (report, metric), ==, expected);
  g_assert_cmpstr (easel_build_page_get_metric_text (page, metric), ==, text);
  g_test_message ("%s: %s", metric, text);
}

/* Tests */

static void
test_classification (void)
{
  g_autoptr(EaselTable) table = read_dataset ("penguins.csv");
  g_autoptr(EaselEvaluation) direct = NULL;
  g_auto(GStrv) offered = NULL;
  const EaselAlgorithm *const *all = easel_algorithms ();
  const EaselTrainReport *report;
  EaselBuildPage *page;
  GtkWidget *window;
  guint n_expected = 0;

  if (table == NULL)
    {
      g_test_skip ("penguins.csv is missing");
      return;
    }
  page = new_page (table, &window);
  /* the last column is the default target */
  g_assert_cmpstr (easel_build_page_get_target (page), ==, "year");
  g_assert_true (easel_build_page_set_target (page, "species"));
  g_assert_cmpint (easel_build_page_get_problem (page), ==, EASEL_PROBLEM_MULTICLASS);
  g_assert_null (easel_build_page_get_problem_error (page));

  /* every algorithm of the registry that predicts classes, and no other */
  offered = easel_build_page_list_algorithms (page);
  for (guint i = 0; all[i] != NULL; i++)
    if (all[i]->classification)
      {
        g_assert_true (g_strv_contains ((const char *const *) offered, all[i]->name));
        n_expected++;
      }
  g_assert_cmpuint (g_strv_length (offered), ==, n_expected);
  g_assert_false (g_strv_contains ((const char *const *) offered, "linear"));

  g_assert_true (easel_build_page_set_algorithm (page, "logistic"));
  easel_build_page_set_evaluation (page, EASEL_HOLDOUT_SPLIT, 20);
  easel_build_page_set_seed (page, 3);
  train_and_wait (page);

  direct = evaluate_directly (table, "species", "logistic", 0.2, 3);
  report = easel_build_page_get_report (page);
  g_assert_cmpuint (report->n_test, ==, direct->n);
  g_assert_cmpuint (report->folds->len, ==, 1);
  assert_tile (page, direct, "accuracy");
  assert_tile (page, direct, "balanced_accuracy");
  assert_tile (page, direct, "f1_macro");
  assert_tile (page, direct, "roc_auc");
  assert_tile (page, direct, "log_loss");
  /* the confusion matrix counts every test row */
  {
    const EaselEvaluation *ev = report->folds->pdata[0];
    guint64 total = 0;

    for (guint i = 0; i < ev->n_classes * ev->n_classes; i++)
      {
        g_assert_cmpuint (ev->confusion[i], ==, direct->confusion[i]);
        total += ev->confusion[i];
      }
    g_assert_cmpuint (total, ==, direct->n);
  }
  /* L-BFGS reported its loss after its iterations: the live curve got points */
  g_test_message ("curve points: %" G_GSIZE_FORMAT,
                  easel_build_page_get_n_curve_points (page));
  g_assert_cmpuint (easel_build_page_get_n_curve_points (page), >=, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_regression (void)
{
  g_autoptr(EaselTable) table = read_dataset ("penguins.csv");
  g_autoptr(EaselEvaluation) direct = NULL;
  g_auto(GStrv) offered = NULL;
  const EaselTrainReport *report;
  EaselBuildPage *page;
  GtkWidget *window;

  if (table == NULL)
    {
      g_test_skip ("penguins.csv is missing");
      return;
    }
  page = new_page (table, &window);
  g_assert_true (easel_build_page_set_target (page, "body_mass_g"));
  g_assert_cmpint (easel_build_page_get_problem (page), ==, EASEL_PROBLEM_REGRESSION);
  offered = easel_build_page_list_algorithms (page);
  g_assert_true (g_strv_contains ((const char *const *) offered, "linear"));
  g_assert_false (g_strv_contains ((const char *const *) offered, "logistic"));
  /* the default for numbers, as in easel-cli train */
  g_assert_true (easel_algorithm_find ("linear", NULL) ==
                 easel_param_form_get_algorithm (easel_build_page_get_param_form (page)));
  easel_build_page_set_seed (page, 11);
  easel_build_page_set_evaluation (page, EASEL_HOLDOUT_SPLIT, 25);
  train_and_wait (page);

  direct = evaluate_directly (table, "body_mass_g", "linear", 0.25, 11);
  report = easel_build_page_get_report (page);
  assert_tile (page, direct, "r2");
  assert_tile (page, direct, "rmse");
  assert_tile (page, direct, "mae");
  g_assert_null (easel_build_page_get_metric_text (page, "accuracy"));
  /* predicted against actual: every held-out row, residuals as the evaluation has them */
  g_assert_cmpuint (report->n_held, ==, direct->n);
  for (gsize i = 0; i < report->n_held; i++)
    g_assert_cmpfloat_with_epsilon (report->truth[i] - report->predicted[i],
                                    direct->residuals[i], 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cross_validation (void)
{
  g_autoptr(EaselTable) table = read_dataset ("iris.csv");
  const EaselTrainReport *report;
  EaselBuildPage *page;
  GtkWidget *window;
  double mean, std;
  g_autofree char *m = NULL;
  g_autofree char *s = NULL;
  g_autofree char *expected = NULL;

  if (table == NULL)
    {
      g_test_skip ("iris.csv is missing");
      return;
    }
  page = new_page (table, &window);
  g_assert_cmpstr (easel_build_page_get_target (page), ==, "species");
  g_assert_true (easel_build_page_set_algorithm (page, "knn"));
  easel_build_page_set_evaluation (page, EASEL_HOLDOUT_FOLDS, 4);
  train_and_wait (page);
  report = easel_build_page_get_report (page);
  g_assert_cmpuint (report->folds->len, ==, 4);
  g_assert_cmpstr (report->mode, ==, "cross-validation");
  /* the kept model learned every row */
  g_assert_cmpuint (easel_model_get_train_rows (report->model), ==, 150);
  easel_evaluation_mean_std ((EaselEvaluation *const *) report->folds->pdata, 4, "accuracy",
                             &mean, &std);
  m = easel_format_statistic (mean);
  s = easel_format_statistic (std);
  expected = g_strdup_printf ("%s ± %s", m, s);
  g_assert_cmpstr (easel_build_page_get_metric_text (page, "accuracy"), ==, expected);
  g_assert_cmpfloat (mean, >, 0.9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = easel_synthetic_table_new (200000, NULL, NULL, &error);
  EaselParamForm *form;
  EaselBuildPage *page;
  GtkWidget *window;
  EaselUiTestTicks ticks = { g_get_monotonic_time (), 0 };
  guint tick;
  gint64 start;

  g_assert_no_error (error);
  page = new_page (table, &window);
  g_assert_true (easel_build_page_set_target (page, "region"));
  g_assert_true (easel_build_page_set_algorithm (page, "logistic"));
  form = easel_build_page_get_param_form (page);
  /* a fit that would run for minutes */
  g_assert_true (easel_param_form_set_text (form, "solver", "lbfgs"));
  g_assert_true (easel_param_form_set_text (form, "tol", "1e-15"));
  g_assert_true (easel_param_form_set_text (form, "max_iter", "100000"));
  g_assert_true (easel_param_form_set_text (form, "C", "1e9"));
  g_assert_null (easel_param_form_get_error (form));
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "C"), ==, 1e9);

  tick = g_timeout_add (10, easel_ui_test_tick_cb, &ticks);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "build.train", NULL));
  easel_ui_test_wait (curve_started, page, 60, "the fit to report its loss");
  g_assert_true (easel_build_page_get_busy (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "build.cancel", NULL));
  start = g_get_monotonic_time ();
  easel_ui_test_wait (page_idle, page, 30, "the cancelled training to stop");
  g_test_message ("stopped %.0f ms after Cancel; the main loop stalled %.0f ms at most",
                  (g_get_monotonic_time () - start) / 1000.0, ticks.longest / 1000.0);
  g_source_remove (tick);
  g_assert_cmpint (ticks.longest, <, 1000 * G_TIME_SPAN_MILLISECOND);

  g_assert_null (easel_build_page_get_report (page));
  g_assert_null (easel_build_page_get_model (page));
  g_assert_nonnull (easel_build_page_get_error (page));
  easel_ui_assert_contains (easel_build_page_get_error (page), "cancelled");
  /* the page can train again */
  g_assert_true (easel_build_page_can_train (page));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_parameters (void)
{
  g_autoptr(EaselTable) table = read_dataset ("penguins.csv");
  EaselParamForm *form;
  EaselBuildPage *page;
  GtkWidget *window;
  GtkWidget *field;
  const char *error;

  if (table == NULL)
    {
      g_test_skip ("penguins.csv is missing");
      return;
    }
  page = new_page (table, &window);
  g_assert_true (easel_build_page_set_target (page, "species"));
  g_assert_true (easel_build_page_set_algorithm (page, "logistic"));
  form = easel_build_page_get_param_form (page);
  g_assert_true (easel_build_page_can_train (page));

  /* C must be greater than 0: the form says so and Train is off */
  g_assert_true (easel_param_form_set_text (form, "C", "0"));
  error = easel_param_form_get_error (form);
  g_assert_nonnull (error);
  easel_ui_assert_contains (error, "“C”");
  easel_ui_assert_contains (error, "greater than 0");
  g_assert_false (easel_build_page_can_train (page));
  /* not a number at all */
  g_assert_true (easel_param_form_set_text (form, "C", "lots"));
  easel_ui_assert_contains (easel_param_form_get_error (form), "“lots”");
  g_assert_false (easel_build_page_can_train (page));
  /* a good value clears it */
  g_assert_true (easel_param_form_set_text (form, "C", "0.5"));
  g_assert_null (easel_param_form_get_error (form));
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "C"), ==, 0.5);
  g_assert_true (easel_build_page_can_train (page));

  /* max_iter takes whole numbers */
  g_assert_true (easel_param_form_set_text (form, "max_iter", "2.5"));
  easel_ui_assert_contains (easel_param_form_get_error (form), "max_iter");
  g_assert_false (easel_build_page_can_train (page));

  /* Reset to defaults */
  easel_param_form_reset (form);
  g_assert_null (easel_param_form_get_error (form));
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "C"), ==, 1.0);
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "max_iter"), ==, 500);

  /* C is on a log scale: a step multiplies it by ten */
  field = easel_param_form_get_field (form, "C");
  g_assert_true (GTK_IS_SPIN_BUTTON (field));
  gtk_spin_button_spin (GTK_SPIN_BUTTON (field), GTK_SPIN_STEP_FORWARD, 0);
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "C"), ==, 10.0);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (field), GTK_SPIN_STEP_BACKWARD, 0);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (field), GTK_SPIN_STEP_BACKWARD, 0);
  g_assert_cmpfloat_with_epsilon (easel_params_get (easel_param_form_get_params (form), "C"),
                                  0.1, 1e-15);

  /* a choice */
  g_assert_true (easel_param_form_set_text (form, "solver", "newton"));
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "solver"), ==,
                     1.0);
  g_assert_false (easel_param_form_set_text (form, "solver", "simplex"));
  g_assert_false (easel_param_form_set_text (form, "no_such_parameter", "1"));

  /* a list of whole numbers: the layers of a neural network, where there is one */
  if (easel_build_page_set_algorithm (page, "mlp"))
    {
      const EaselParamSpec *spec = easel_algorithm_find_param (easel_algorithm_find ("mlp", NULL),
                                                               "hidden");

      if (spec != NULL && spec->type == EASEL_PARAM_INT_LIST)
        {
          const guint *units;
          guint n_units = 0;

          g_assert_true (GTK_IS_EDITABLE (easel_param_form_get_field (form, "hidden")));
          g_assert_true (easel_param_form_set_text (form, "hidden", "16,8"));
          g_assert_null (easel_param_form_get_error (form));
          units = easel_params_get_int_list (easel_param_form_get_params (form), "hidden",
                                             &n_units);
          g_assert_cmpuint (n_units, ==, 2);
          g_assert_cmpuint (units[0], ==, 16);
          g_assert_cmpuint (units[1], ==, 8);
          g_assert_true (easel_param_form_set_text (form, "hidden", "16,many"));
          easel_ui_assert_contains (easel_param_form_get_error (form), "hidden");
          g_assert_false (easel_build_page_can_train (page));
          easel_param_form_reset (form);
          g_assert_null (easel_param_form_get_error (form));
        }
    }

  /* "none" for a depth without limit */
  g_assert_true (easel_build_page_set_algorithm (page, "tree"));
  field = easel_param_form_get_field (form, "max_depth");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, "none");
  g_assert_true (easel_param_form_set_text (form, "max_depth", "4"));
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "max_depth"), ==, 4);
  g_assert_true (easel_param_form_set_text (form, "max_depth", "none"));
  g_assert_cmpfloat (easel_params_get (easel_param_form_get_params (form), "max_depth"), ==, 0);
  g_assert_null (easel_param_form_get_error (form));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_problem_override (void)
{
  g_autoptr(EaselTable) table = read_dataset ("penguins.csv");
  g_autoptr(GError) expected = NULL;
  EaselDesignOptions options = { 0 };
  EaselBuildPage *page;
  GtkWidget *window;

  if (table == NULL)
    {
      g_test_skip ("penguins.csv is missing");
      return;
    }
  page = new_page (table, &window);
  g_assert_true (easel_build_page_set_target (page, "species"));

  /* three species cannot be a binary target: the design's own sentence, inline */
  easel_build_page_set_problem (page, EASEL_PROBLEM_BINARY);
  options.problem = EASEL_PROBLEM_BINARY;
  g_assert_null (easel_design_new (table, "species", &options, &expected));
  g_assert_nonnull (expected);
  g_assert_cmpstr (easel_build_page_get_problem_error (page), ==, expected->message);
  g_assert_false (easel_build_page_can_train (page));
  g_clear_error (&expected);

  /* nor numbers */
  easel_build_page_set_problem (page, EASEL_PROBLEM_REGRESSION);
  options.problem = EASEL_PROBLEM_REGRESSION;
  g_assert_null (easel_design_new (table, "species", &options, &expected));
  g_assert_cmpstr (easel_build_page_get_problem_error (page), ==, expected->message);
  g_assert_false (easel_build_page_can_train (page));

  /* a numeric target may be taken as classes */
  g_assert_true (easel_build_page_set_target (page, "year"));
  g_assert_null (easel_build_page_get_problem_error (page));
  g_assert_cmpint (easel_build_page_get_problem (page), ==, EASEL_PROBLEM_REGRESSION);
  easel_build_page_set_problem (page, EASEL_PROBLEM_MULTICLASS);
  g_assert_null (easel_build_page_get_problem_error (page));
  g_assert_cmpint (easel_build_page_get_problem (page), ==, EASEL_PROBLEM_MULTICLASS);

  easel_build_page_set_problem (page, EASEL_PROBLEM_AUTO);
  g_assert_true (easel_build_page_set_target (page, "species"));
  g_assert_null (easel_build_page_get_problem_error (page));
  g_assert_true (easel_build_page_can_train (page));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_save_and_predict (void)
{
  g_autoptr(EaselTable) table = read_dataset ("penguins.csv");
  g_autofree char *input = easel_ui_test_dataset ("penguins.csv");
  g_autofree char *dir = g_dir_make_tmp ("easel-build-XXXXXX", NULL);
  g_autofree char *model_path = g_build_filename (dir, "species.easelmodel", NULL);
  g_autofree char *output_path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GFile) model_file = g_file_new_for_path (model_path);
  g_autoptr(GFile) input_file = NULL;
  g_autoptr(GFile) output_file = g_file_new_for_path (output_path);
  g_autoptr(EaselModel) loaded = NULL;
  g_autoptr(EaselTable) written = NULL;
  g_autoptr(EaselPrediction) pred = NULL;
  g_autoptr(GError) error = NULL;
  const char *recipe = "{\"version\": 1, \"steps\": []}";
  const EaselColumn *column;
  EaselCsvOptions options;
  EaselBuildPage *page;
  GtkWidget *window;
  guint n_input;

  if (table == NULL)
    {
      g_test_skip ("penguins.csv is missing");
      return;
    }
  input_file = g_file_new_for_path (input);
  page = new_page (table, &window);
  easel_build_page_set_recipe_json (page, recipe);
  g_assert_true (easel_build_page_set_target (page, "species"));
  g_assert_true (easel_build_page_set_algorithm (page, "logistic"));
  train_and_wait (page);
  /* the recipe that prepared the table goes with the model */
  g_assert_cmpstr (easel_model_get_recipe_json (easel_build_page_get_model (page)), ==, recipe);

  g_assert_true (easel_build_page_save_model (page, model_file, &error));
  g_assert_no_error (error);
  loaded = easel_model_load (model_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_model_get_algorithm (loaded)->name, ==, "logistic");

  easel_build_page_predict_file (page, input_file, output_file);
  g_assert_true (easel_build_page_get_busy (page));
  easel_ui_test_wait (page_idle, page, 60, "the prediction of penguins.csv");
  easel_ui_assert_contains (easel_build_page_get_last_notice (page), "344");
  easel_ui_assert_contains (easel_build_page_get_last_notice (page), "out.csv");

  /* the input's columns, then what easel-cli predict adds */
  easel_csv_options_init (&options);
  written = easel_csv_read_file (output_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  n_input = easel_table_get_n_columns (table);
  g_assert_cmpuint (easel_table_get_n_rows (written), ==, 344);
  g_assert_cmpuint (easel_table_get_n_columns (written), ==, n_input + 4);
  for (guint i = 0; i < n_input; i++)
    g_assert_cmpstr (easel_table_get_column (written, i)->name, ==,
                     easel_table_get_column (table, i)->name);
  g_assert_cmpstr (easel_table_get_column (written, n_input)->name, ==, "prediction");
  g_assert_cmpstr (easel_table_get_column (written, n_input + 1)->name, ==,
                   "probability_Adelie");
  g_assert_cmpstr (easel_table_get_column (written, n_input + 2)->name, ==,
                   "probability_Chinstrap");
  g_assert_cmpstr (easel_table_get_column (written, n_input + 3)->name, ==,
                   "probability_Gentoo");

  /* and the saved model predicts the same classes */
  pred = easel_model_predict (loaded, table, NULL, 0, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  column = easel_table_get_column (written, n_input);
  for (gsize i = 0; i < pred->n; i++)
    {
      g_autofree char *value = easel_column_dup_value (column, i);
      g_assert_cmpstr (value, ==, easel_design_get_class (easel_model_get_design (loaded),
                                                          (guint) pred->classes[i]));
    }

  /* a file without the columns the model needs */
  {
    g_autofree char *bad_path = g_build_filename (dir, "bad.csv", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    g_assert_true (g_file_set_contents (bad_path, "a,b\n1,2\n", -1, NULL));
    easel_build_page_predict_file (page, bad, NULL);
    easel_ui_test_wait (page_idle, page, 60, "the prediction of bad.csv");
    easel_ui_assert_contains (easel_build_page_get_last_notice (page), "bill_length_mm");
    g_remove (bad_path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (model_path);
  g_remove (output_path);
  g_rmdir (dir);
}

static void
collect_chart_views (GtkWidget *widget,
                     GPtrArray *found)
{
  if (EASEL_IS_CHART_VIEW (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_chart_views (child, found);
}

static gboolean
any_chart_shown (gpointer data)
{
  GPtrArray *views = data;

  for (guint i = 0; i < views->len; i++)
    if (easel_chart_view_get_chart (views->pdata[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_window (void)
{
  g_autofree char *path = easel_ui_test_dataset ("iris.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  EaselWindow *window;
  EaselBuildPage *page;

  if (path == NULL)
    {
      g_test_skip ("iris.csv is missing");
      return;
    }
  window = easel_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  easel_window_open (window, file);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import of iris.csv");
  page = easel_window_get_build_page (window);
  g_assert_nonnull (easel_build_page_get_table (page));
  g_assert_true (easel_build_page_get_table (page) ==
                 easel_explore_page_get_table (easel_window_get_explore_page (window)));

  /* Hidden, the page has not looked at its table: no chart of the target drawn or on its
   * way (nor the problem detected, which reads the whole column on the main thread) */
  collect_chart_views (GTK_WIDGET (page), views);
  g_assert_cmpuint (views->len, >, 0);
  easel_ui_test_flush ();
  for (guint i = 0; i < views->len; i++)
    {
      g_assert_null (easel_chart_view_get_chart (views->pdata[i]));
      g_assert_false (easel_chart_view_get_busy (views->pdata[i]));
    }

  /* shown, it catches up */
  easel_window_set_view (window, "build");
  g_assert_cmpstr (easel_window_get_view (window), ==, "build");
  g_assert_cmpstr (easel_build_page_get_target (page), ==, "species");
  easel_ui_test_wait (any_chart_shown, views, 30, "the chart of the target");
  g_assert_cmpint (easel_build_page_get_problem (page), ==, EASEL_PROBLEM_MULTICLASS);
  g_assert_true (easel_build_page_can_train (page));

  /* a table that comes while the page is shown is looked at at once */
  easel_build_page_set_table (page, NULL);
  g_assert_false (any_chart_shown (views));
  easel_build_page_set_table (page, easel_explore_page_get_table (
                                      easel_window_get_explore_page (window)));
  g_assert_cmpstr (easel_build_page_get_target (page), ==, "species");
  g_assert_true (easel_chart_view_get_busy (views->pdata[0]) || any_chart_shown (views));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  easel_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/build/classification", test_classification);
  g_test_add_func ("/ui/build/regression", test_regression);
  g_test_add_func ("/ui/build/cross-validation", test_cross_validation);
  g_test_add_func ("/ui/build/cancel", test_cancel);
  g_test_add_func ("/ui/build/parameters", test_parameters);
  g_test_add_func ("/ui/build/problem-override", test_problem_override);
  g_test_add_func ("/ui/build/save-and-predict", test_save_and_predict);
  g_test_add_func ("/ui/build/window", test_window);

  return g_test_run ();
}
