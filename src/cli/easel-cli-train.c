/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

/* easel-cli train: fit a model on a table, evaluate it on held-out rows (a split, a test
 * file or k-fold cross-validation), print the metrics and save the model. */

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli.h"
#include "easel-eval.h"
#include "easel-model.h"

#define DEFAULT_TEST_FRACTION 0.2

typedef struct
{
  char      *target;
  char      *algorithm;
  char      *problem;
  char      *test_file;
  double     test_fraction;
  int        cv;
  char     **params;
  char     **exclude;
  char      *positive;
  gint64     seed;
  char      *save;
  char      *project;
  char      *name;
  gboolean   json;
  gboolean   curves;
  gboolean   list;
} TrainOptions;

static void
train_options_clear (TrainOptions *o)
{
  g_free (o->target);
  g_free (o->algorithm);
  g_free (o->problem);
  g_free (o->test_file);
  g_strfreev (o->params);
  g_strfreev (o->exclude);
  g_free (o->positive);
  g_free (o->save);
  g_free (o->project);
  g_free (o->name);
}

/* --project: keep the training data (once), the model as a new version and its evaluation
 * in the project. Returns the version, 0 on error. */
static guint
store_in_project (EaselProject     *project,
                  const char       *file,
                  EaselTable       *table,
                  const char       *model_name,
                  const EaselModel *model,
                  char            **stored_name,
                  GError          **error)
{
  g_autofree char *dataset = g_path_get_basename (file);
  g_autoptr(GPtrArray) datasets = NULL;
  char *dot = strrchr (dataset, '.');
  gboolean have = FALSE;

  if (dot != NULL && dot != dataset)
    *dot = '\0';
  datasets = easel_project_list_datasets (project, error);
  if (datasets == NULL)
    return 0;
  for (guint i = 0; i < datasets->len && !have; i++)
    have = strcmp (((EaselDatasetInfo *) datasets->pdata[i])->name, dataset) == 0;
  if (!have && easel_project_add_dataset (project, dataset, table, file, NULL, NULL, error) == 0)
    return 0;
  *stored_name = model_name != NULL ? g_strdup (model_name)
                 : g_strdup_printf ("%s-%s", dataset, easel_design_get_target (easel_model_get_design (model)));
  return easel_project_add_model (project, *stored_name, model, dataset,
                                  easel_model_get_evaluation_json (model), NULL, error);
}

/* JSON helpers (the keyed ones are easel_cli_json_*) */

static void
add_element (JsonBuilder *b,
             double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_array (JsonBuilder  *b,
           const char   *key,
           const double *v,
           gsize         n)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    add_element (b, v[i]);
  json_builder_end_array (b);
}

static void
add_curve (JsonBuilder      *b,
           const char       *key,
           const EaselCurve *c,
           const char       *x_name,
           const char       *y_name)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  add_array (b, x_name, c->x, c->n);
  add_array (b, y_name, c->y, c->n);
  add_array (b, "thresholds", c->threshold, c->n);
  json_builder_end_object (b);
}

/* The metrics of one evaluation, or the means over folds (with their deviations). */
static void
add_metrics (JsonBuilder            *b,
             EaselEvaluation *const *folds,
             guint                   n_folds,
             gboolean                curves)
{
  const EaselEvaluation *ev = folds[0];

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (guint i = 0; i < ev->n_metrics; i++)
    {
      double mean, std;
      easel_evaluation_mean_std (folds, n_folds, ev->names[i], &mean, &std);
      easel_cli_json_number (b, ev->names[i], mean);
    }
  if (ev->confusion != NULL && n_folds == 1)
    {
      json_builder_set_member_name (b, "confusion_matrix");
      json_builder_begin_array (b);
      for (guint r = 0; r < ev->n_classes; r++)
        {
          json_builder_begin_array (b);
          for (guint c = 0; c < ev->n_classes; c++)
            json_builder_add_int_value (b, (gint64) ev->confusion[r * ev->n_classes + c]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }
  if (curves && n_folds == 1)
    {
      if (ev->problem == EASEL_PROBLEM_BINARY)
        {
          add_curve (b, "roc_curve", &ev->roc, "fpr", "tpr");
          add_curve (b, "pr_curve", &ev->pr, "recall", "precision");
        }
      if (ev->residuals != NULL)
        add_array (b, "residuals", ev->residuals, ev->n);
    }
  json_builder_end_object (b);

  if (n_folds > 1)
    {
      json_builder_set_member_name (b, "metrics_std");
      json_builder_begin_object (b);
      for (guint i = 0; i < ev->n_metrics; i++)
        {
          double mean, std;
          easel_evaluation_mean_std (folds, n_folds, ev->names[i], &mean, &std);
          easel_cli_json_number (b, ev->names[i], std);
        }
      json_builder_end_object (b);
    }
}

static char *
format_value (double v)
{
  char buf[32];

  if (!isfinite (v))
    return g_strdup ("–");
  g_ascii_formatd (buf, sizeof buf, "%.6g", v);
  return g_strdup (buf);
}

/* The target of the given rows: labels or values; and the rows with a target. */
typedef struct
{
  gint32  *labels;   /* per table row, −1 missing */
  double  *values;   /* per table row, NaN missing */
  guint32 *rows;     /* rows with a target */
  gsize    n_rows;
} Target;

static void
target_clear (Target *t)
{
  g_free (t->labels);
  g_free (t->values);
  g_free (t->rows);
}

static gboolean
read_target (const EaselDesign *design,
             EaselTable        *table,
             Target            *t,
             GError           **error)
{
  gsize n = easel_table_get_n_rows (table);

  memset (t, 0, sizeof *t);
  t->rows = g_new (guint32, MAX (n, 1));
  if (easel_design_get_problem (design) == EASEL_PROBLEM_REGRESSION)
    {
      t->values = g_new (double, MAX (n, 1));
      if (!easel_design_get_values (design, table, t->values, NULL, error))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        if (!isnan (t->values[i]))
          t->rows[t->n_rows++] = (guint32) i;
    }
  else
    {
      t->labels = g_new (gint32, MAX (n, 1));
      if (!easel_design_get_labels (design, table, t->labels, NULL, error))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        if (t->labels[i] >= 0)
          t->rows[t->n_rows++] = (guint32) i;
    }
  return TRUE;
}

/* Predict 'rows' of 'table' with the model and evaluate against the target. */
static EaselEvaluation *
evaluate_rows (const EaselModel  *model,
               EaselTable        *table,
               const Target      *target,
               const guint32     *rows,
               gsize              n_rows,
               double            *predict_seconds,
               GPtrArray         *warnings,
               GError           **error)
{
  const EaselDesign *design = easel_model_get_design (model);
  g_autoptr(EaselPrediction) pred = NULL;
  EaselEvaluation *ev;

  pred = easel_model_predict (model, table, rows, n_rows, 0, NULL, NULL, error);
  if (pred == NULL)
    return NULL;
  *predict_seconds += pred->seconds;
  for (guint i = 0; i < pred->warnings->len; i++)
    g_ptr_array_add (warnings, g_strdup (pred->warnings->pdata[i]));
  if (target->labels != NULL)
    {
      g_autofree gint32 *truth = g_new (gint32, MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        truth[i] = target->labels[rows[i]];
      ev = easel_evaluate_classifier (truth, pred->proba, n_rows,
                                      easel_design_get_n_classes (design),
                                      easel_design_get_positive (design));
    }
  else
    {
      g_autofree double *truth = g_new (double, MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        truth[i] = target->values[rows[i]];
      ev = easel_evaluate_regressor (truth, pred->values, n_rows);
    }
  return ev;
}

static void
print_text (const EaselModel       *model,
            const char             *mode,
            gsize                   n_test,
            EaselEvaluation *const *folds,
            guint                   n_folds,
            double                  train_seconds,
            const GPtrArray        *warnings)
{
  const EaselDesign *design = easel_model_get_design (model);
  const EaselAlgorithm *alg = easel_model_get_algorithm (model);
  const GPtrArray *notes = easel_design_get_notes (design);
  EaselProblem problem = easel_design_get_problem (design);

  printf ("%s (%s) predicting “%s”: %s\n", alg->title, alg->name, easel_design_get_target (design),
          easel_problem_to_string (problem));
  if (problem == EASEL_PROBLEM_BINARY)
    printf ("  positive class: %s\n",
            easel_design_get_class (design, (guint) easel_design_get_positive (design)));
  else if (problem == EASEL_PROBLEM_MULTICLASS)
    printf ("  classes: %u\n", easel_design_get_n_classes (design));
  printf ("  training rows: %" G_GSIZE_FORMAT ", features: %u, fit: %.3f s\n",
          easel_model_get_train_rows (model), easel_design_get_n_features (design), train_seconds);
  if (easel_design_get_n_missing_target (design) > 0)
    printf ("  rows without a target (dropped): %" G_GSIZE_FORMAT "\n",
            easel_design_get_n_missing_target (design));
  for (guint i = 0; i < notes->len; i++)
    printf ("  note: %s\n", (const char *) notes->pdata[i]);
  for (guint i = 0; i < warnings->len; i++)
    printf ("  warning: %s\n", (const char *) warnings->pdata[i]);
  if (n_folds == 0)
    return;
  if (n_folds > 1)
    printf ("\n%u-fold cross-validation (mean ± std):\n", n_folds);
  else
    printf ("\nEvaluation on %" G_GSIZE_FORMAT " %s rows:\n", n_test, mode);
  for (guint i = 0; i < folds[0]->n_metrics; i++)
    {
      double mean, std;
      g_autofree char *m = NULL;
      g_autofree char *s = NULL;

      easel_evaluation_mean_std (folds, n_folds, folds[0]->names[i], &mean, &std);
      m = format_value (mean);
      s = format_value (std);
      if (n_folds > 1)
        printf ("  %-18s %s ± %s\n", folds[0]->names[i], m, s);
      else
        printf ("  %-18s %s\n", folds[0]->names[i], m);
    }
  if (n_folds == 1 && folds[0]->confusion != NULL && folds[0]->n_classes <= 12)
    {
      guint k = folds[0]->n_classes;
      printf ("  confusion matrix (rows: true class; columns: predicted):\n");
      for (guint r = 0; r < k; r++)
        {
          printf ("    %-14.14s", easel_design_get_class (design, r));
          for (guint c = 0; c < k; c++)
            printf (" %6" G_GUINT64_FORMAT, folds[0]->confusion[r * k + c]);
          printf ("\n");
        }
    }
}

static char *
build_json (const EaselModel       *model,
            const char             *mode,
            gsize                   n_train,
            gsize                   n_test,
            EaselEvaluation *const *folds,
            guint                   n_folds,
            double                  train_seconds,
            double                  predict_seconds,
            gboolean                curves,
            const GPtrArray        *warnings,
            gboolean                pretty)
{
  const EaselDesign *design = easel_model_get_design (model);
  const EaselParams *params = easel_model_get_params (model);
  const EaselAlgorithm *alg = easel_model_get_algorithm (model);
  const GPtrArray *notes = easel_design_get_notes (design);
  EaselProblem problem = easel_design_get_problem (design);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  easel_cli_json_string (b, "algorithm", alg->name);
  easel_cli_json_string (b, "problem", easel_problem_to_string (problem));
  easel_cli_json_string (b, "target", easel_design_get_target (design));
  json_builder_set_member_name (b, "classes");
  if (problem == EASEL_PROBLEM_REGRESSION)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < easel_design_get_n_classes (design); c++)
        json_builder_add_string_value (b, easel_design_get_class (design, c));
      json_builder_end_array (b);
    }
  easel_cli_json_string (b, "positive_class",
                         problem == EASEL_PROBLEM_BINARY
                           ? easel_design_get_class (design,
                                                     (guint) easel_design_get_positive (design))
                           : NULL);
  easel_cli_json_string (b, "evaluation", mode);
  easel_cli_json_int (b, "train_rows", (gint64) n_train);
  easel_cli_json_int (b, "test_rows", (gint64) n_test);
  easel_cli_json_int (b, "dropped_rows", (gint64) easel_design_get_n_missing_target (design));
  easel_cli_json_int (b, "features", easel_design_get_n_features (design));
  easel_cli_json_number (b, "train_seconds", train_seconds);
  easel_cli_json_number (b, "predict_seconds", predict_seconds);
  easel_cli_json_int (b, "seed", (gint64) easel_model_get_seed (model));
  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  for (guint i = 0; i < alg->n_params; i++)
    {
      const EaselParamSpec *spec = &alg->params[i];
      double v = easel_params_get (params, spec->name);
      json_builder_set_member_name (b, spec->name);
      if (spec->type == EASEL_PARAM_CHOICE)
        json_builder_add_string_value (b, spec->choices[(guint) v]);
      else if (spec->type == EASEL_PARAM_INT)
        json_builder_add_int_value (b, (gint64) v);
      else
        json_builder_add_double_value (b, v);
    }
  json_builder_end_object (b);
  if (n_folds > 0)
    add_metrics (b, folds, n_folds, curves);
  else
    {
      json_builder_set_member_name (b, "metrics");
      json_builder_add_null_value (b);
    }
  if (n_folds > 1)
    easel_cli_json_int (b, "cv_folds", n_folds);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < notes->len; i++)
    json_builder_add_string_value (b, notes->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (b, warnings->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

static EaselModel *
train (const EaselAlgorithm     *alg,
       EaselTable               *table,
       const char               *target,
       const EaselDesignOptions *design_options,
       const guint32            *rows,
       gsize                     n_rows,
       const EaselTrainOptions  *train_options,
       GError                  **error)
{
  g_autoptr(EaselProgress) progress = easel_cli_progress_new ();
  EaselModel *model = easel_model_train (alg, table, target, design_options, rows, n_rows,
                                         train_options, progress, NULL, error);

  easel_cli_progress_finish (progress);
  return model;
}

static int
run (TrainOptions        *o,
     EaselCliReadOptions *read,
     const char          *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselTable) test_table = NULL;
  g_autoptr(EaselDesign) design = NULL;
  g_autoptr(EaselParams) params = NULL;
  g_autoptr(EaselModel) model = NULL;
  g_autoptr(EaselProject) project = NULL;
  g_autofree char *stored_name = NULL;
  guint stored_version = 0;
  g_autoptr(GPtrArray) folds =
    g_ptr_array_new_with_free_func ((GDestroyNotify) easel_evaluation_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  const EaselAlgorithm *alg = NULL;
  EaselDesignOptions design_options = { 0 };
  EaselTrainOptions train_options = { 0 };
  Target target = { 0 };
  gboolean usage_error;
  EaselProblem problem = EASEL_PROBLEM_AUTO;
  double train_seconds = 0.0, predict_seconds = 0.0;
  gsize n_train = 0, n_test = 0;
  const char *mode;
  int status = 0;

  if (o->problem != NULL && !easel_problem_from_string (o->problem, &problem))
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "--problem: “%s” is not one of auto, binary, multiclass, regression.",
                           o->problem);
  if ((o->test_file != NULL) + (o->cv != 0) + (!isnan (o->test_fraction)) > 1)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "--test, --test-fraction and --cv are alternatives; give one.");
  if (!isnan (o->test_fraction) && !(o->test_fraction >= 0.0 && o->test_fraction < 1.0))
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "--test-fraction must be at least 0 and below 1 (0 trains on every "
                           "row without a test).");
  if (o->cv != 0 && o->cv < 2)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--cv needs 2 folds or more.");
  if (o->seed < 0)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--seed must be 0 or more.");
  if (o->algorithm != NULL && (alg = easel_algorithm_find (o->algorithm, &error)) == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (read->threads > 0)
    easel_learning_set_threads ((guint) read->threads);

  /* A project that cannot be written is reported before any training. */
  if (o->project != NULL && (project = easel_project_open (o->project, 0, &error)) == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (o->name != NULL && o->project == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--name goes with --project.");

  table = easel_cli_load_table (file, read, &usage_error, &error);
  if (table == NULL)
    return easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s",
                           error->message);
  for (guint i = 0; o->exclude != NULL && o->exclude[i] != NULL; i++)
    if (easel_table_find_column (table, o->exclude[i]) < 0)
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--exclude: %s has no column named “%s”.",
                             file, o->exclude[i]);

  design_options.problem = problem;
  design_options.positive = o->positive;
  design_options.exclude = (const char *const *) o->exclude;
  design = easel_design_new (table, o->target, &design_options, &error);
  if (design == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  problem = easel_design_get_problem (design);
  if (alg == NULL)
    alg = easel_algorithm_find (problem == EASEL_PROBLEM_REGRESSION ? "linear" : "logistic", NULL);
  if (!easel_algorithm_supports (alg, problem))
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT,
                           "%s (%s) cannot predict %s: “%s” is a %s target. Choose another "
                           "algorithm.", alg->title, alg->name,
                           problem == EASEL_PROBLEM_REGRESSION ? "numbers" : "classes",
                           o->target, easel_problem_to_string (problem));
  params = easel_params_new (alg);
  for (guint i = 0; o->params != NULL && o->params[i] != NULL; i++)
    if (!easel_params_parse (params, o->params[i], &error))
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--param: %s", error->message);
  train_options.params = params;
  train_options.seed = (guint64) o->seed;
  /* --recipe (issue 4) will replay the recipe on 'table' here and pass its JSON on in
   * train_options.recipe_json, so that predictions replay it too. */

  if (!read_target (design, table, &target, &error))
    {
      target_clear (&target);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
    }
  if (target.n_rows < 2)
    {
      target_clear (&target);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s has %" G_GSIZE_FORMAT " row%s with a "
                             "value for “%s”; training needs at least 2.", file, target.n_rows,
                             target.n_rows == 1 ? "" : "s", o->target);
    }

  if (o->test_file != NULL)
    {
      Target test_target = { 0 };
      EaselEvaluation *ev;

      mode = "test-file";
      test_table = easel_cli_load_table (o->test_file, read, &usage_error, &error);
      if (test_table == NULL)
        {
          status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
          goto out;
        }
      if (!read_target (design, test_table, &test_target, &error))
        {
          target_clear (&test_target);
          status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "Test file %s: %s", o->test_file,
                                   error->message);
          goto out;
        }
      model = train (alg, table, o->target, &design_options, target.rows, target.n_rows,
                     &train_options, &error);
      if (model != NULL)
        {
          train_seconds = easel_model_get_train_seconds (model);
          ev = evaluate_rows (model, test_table, &test_target, test_target.rows,
                              test_target.n_rows, &predict_seconds, warnings, &error);
          if (ev != NULL)
            g_ptr_array_add (folds, ev);
        }
      n_train = target.n_rows;
      n_test = test_target.n_rows;
      target_clear (&test_target);
      if (model == NULL || folds->len == 0)
        {
          status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
          goto out;
        }
    }
  else if (o->cv != 0)
    {
      g_autofree guint *fold = g_new (guint, target.n_rows);
      g_autofree gint32 *labels = NULL;
      g_autofree guint32 *train_rows = g_new (guint32, target.n_rows);
      g_autofree guint32 *test_rows = g_new (guint32, target.n_rows);

      mode = "cross-validation";
      if ((gsize) o->cv > target.n_rows)
        {
          status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--cv %d needs at least %d rows with a "
                                   "target; %s has %" G_GSIZE_FORMAT ".", o->cv, o->cv, file,
                                   target.n_rows);
          goto out;
        }
      if (target.labels != NULL)
        {
          labels = g_new (gint32, target.n_rows);
          for (gsize i = 0; i < target.n_rows; i++)
            labels[i] = target.labels[target.rows[i]];
        }
      easel_kfold_assign (target.n_rows, labels, easel_design_get_n_classes (design),
                          (guint) o->cv, (guint64) o->seed, fold);
      for (guint f = 0; f < (guint) o->cv; f++)
        {
          g_autoptr(EaselModel) fold_model = NULL;
          gsize nt = 0, nv = 0;
          EaselEvaluation *ev;

          for (gsize i = 0; i < target.n_rows; i++)
            if (fold[i] == f)
              test_rows[nv++] = target.rows[i];
            else
              train_rows[nt++] = target.rows[i];
          fold_model = train (alg, table, o->target, &design_options, train_rows, nt,
                              &train_options, &error);
          if (fold_model == NULL)
            {
              status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "Fold %u: %s", f + 1, error->message);
              goto out;
            }
          train_seconds += easel_model_get_train_seconds (fold_model) / o->cv;
          ev = evaluate_rows (fold_model, table, &target, test_rows, nv, &predict_seconds,
                              warnings, &error);
          if (ev == NULL)
            {
              status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "Fold %u: %s", f + 1, error->message);
              goto out;
            }
          g_ptr_array_add (folds, ev);
        }
      predict_seconds /= o->cv;
      n_train = target.n_rows - target.n_rows / (gsize) o->cv;
      n_test = target.n_rows / (gsize) o->cv;
      /* The model to keep is fitted on every row. */
      model = train (alg, table, o->target, &design_options, target.rows, target.n_rows,
                     &train_options, &error);
      if (model == NULL)
        {
          status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
          goto out;
        }
    }
  else
    {
      double fraction = isnan (o->test_fraction) ? DEFAULT_TEST_FRACTION : o->test_fraction;
      g_autofree gint32 *labels = NULL;
      g_autoptr(EaselSplit) split = NULL;

      mode = fraction > 0 ? "split" : "none";
      if (target.labels != NULL)
        {
          labels = g_new (gint32, target.n_rows);
          for (gsize i = 0; i < target.n_rows; i++)
            labels[i] = target.labels[target.rows[i]];
        }
      if (fraction > 0)
        split = easel_split_new (target.rows, target.n_rows, labels,
                                 easel_design_get_n_classes (design), fraction, (guint64) o->seed);
      model = train (alg, table, o->target, &design_options,
                     split ? split->train : target.rows, split ? split->n_train : target.n_rows,
                     &train_options, &error);
      if (model == NULL)
        {
          status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
          goto out;
        }
      train_seconds = easel_model_get_train_seconds (model);
      n_train = easel_model_get_train_rows (model);
      if (split != NULL)
        {
          EaselEvaluation *ev = evaluate_rows (model, table, &target, split->test, split->n_test,
                                               &predict_seconds, warnings, &error);
          if (ev == NULL)
            {
              status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
              goto out;
            }
          g_ptr_array_add (folds, ev);
          n_test = split->n_test;
        }
    }

  {
    g_autofree char *summary = build_json (model, mode, n_train, n_test,
                                           (EaselEvaluation *const *) folds->pdata, folds->len,
                                           train_seconds, predict_seconds, FALSE, warnings, FALSE);
    easel_model_set_evaluation_json (model, summary);
  }
  if (o->save != NULL && !easel_model_save (model, o->save, &error))
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (project != NULL &&
      (stored_version = store_in_project (project, file, table, o->name, model, &stored_name, &error)) == 0)
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (o->json)
    {
      g_autofree char *text = build_json (model, mode, n_train, n_test,
                                          (EaselEvaluation *const *) folds->pdata, folds->len,
                                          train_seconds, predict_seconds, o->curves, warnings,
                                          FALSE);
      if (stored_version > 0)
        {
          /* the summary plus where the model was stored */
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          JsonObject *root;
          g_autofree char *ref = g_strdup_printf ("%s@%u", stored_name, stored_version);
          if (json_parser_load_from_data (parser, text, -1, NULL))
            {
              root = json_node_get_object (json_parser_get_root (parser));
              json_object_set_string_member (root, "project", o->project);
              json_object_set_string_member (root, "model", ref);
              json_generator_set_root (gen, json_parser_get_root (parser));
              g_free (text);
              text = json_generator_to_data (gen, NULL);
            }
        }
      if (fputs (text, stdout) < 0 || fputc ('\n', stdout) < 0)
        status = EASEL_CLI_EXIT_INPUT;
    }
  else
    {
      print_text (model, strcmp (mode, "test-file") == 0 ? "test-file" : "held-out", n_test,
                  (EaselEvaluation *const *) folds->pdata, folds->len, train_seconds, warnings);
      if (o->save != NULL)
        printf ("\nSaved the model to %s\n", o->save);
      if (stored_version > 0)
        printf ("\nStored the model in %s as %s@%u\n", o->project, stored_name, stored_version);
    }

out:
  target_clear (&target);
  return status;
}

/* --list-params: every algorithm (or the one named) with its parameters. */
static int
list_algorithms (const char *only)
{
  const EaselAlgorithm *const *all = easel_algorithms ();
  g_autoptr(GError) error = NULL;

  if (only != NULL && easel_algorithm_find (only, &error) == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  for (guint a = 0; all[a] != NULL; a++)
    {
      const EaselAlgorithm *alg = all[a];
      g_autoptr(EaselParams) defaults = easel_params_new (alg);

      if (only != NULL && g_ascii_strcasecmp (only, alg->name) != 0)
        continue;
      printf ("%s — %s (%s)\n  %s\n", alg->name, alg->title,
              alg->classification && alg->regression ? "classes and numbers"
              : alg->classification ? "classes" : "numbers", alg->description);
      for (guint i = 0; i < alg->n_params; i++)
        {
          const EaselParamSpec *s = &alg->params[i];
          g_autofree char *value = easel_params_format (defaults, i);
          printf ("  --param %s=%s\n      %s\n", s->name, value, s->explanation);
          if (s->type == EASEL_PARAM_CHOICE)
            {
              g_autofree char *list = g_strjoinv (", ", (char **) s->choices);
              printf ("      One of: %s.\n", list);
            }
          else
            {
              char lo[32], hi[32];
              g_ascii_formatd (lo, sizeof lo, "%g", s->min);
              g_ascii_formatd (hi, sizeof hi, "%g", s->max);
              printf ("      %s %s%s%s%s%s.\n",
                      s->type == EASEL_PARAM_INT ? "A whole number" : "A number",
                      s->flags & EASEL_PARAM_MIN_EXCLUSIVE ? "greater than " : "from ", lo,
                      s->flags & EASEL_PARAM_MIN_EXCLUSIVE ? ", at most " : " to ", hi,
                      s->flags & EASEL_PARAM_ZERO_IS_NONE ? ", or none (0)" : "");
            }
        }
      printf ("\n");
    }
  return 0;
}

int
easel_cli_train (int    argc,
                 char **argv)
{
  TrainOptions o = { 0 };
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &o.target, "The column to predict (required)", "COL" },
    { "algorithm", 'a', 0, G_OPTION_ARG_STRING, &o.algorithm,
      "linear, logistic, naive_bayes, knn, tree or forest (default: logistic for classes, "
      "linear for numbers)", "NAME" },
    { "problem", 0, 0, G_OPTION_ARG_STRING, &o.problem,
      "auto, binary, multiclass or regression (default: auto, from the target)", "TYPE" },
    { "test", 0, 0, G_OPTION_ARG_FILENAME, &o.test_file,
      "Evaluate on the rows of this file instead of a split", "FILE" },
    { "test-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &o.test_fraction,
      "Share of rows held out for evaluation, stratified for classes (default: 0.2)", "F" },
    { "cv", 0, 0, G_OPTION_ARG_INT, &o.cv, "K-fold cross-validation instead of a split", "K" },
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &o.params,
      "Set a parameter of the algorithm; repeatable", "NAME=VALUE" },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.exclude,
      "Do not use this column as a feature (an identifier, say); repeatable", "COL" },
    { "positive", 0, 0, G_OPTION_ARG_STRING, &o.positive,
      "The positive class of a binary target (default: the rarer class)", "LABEL" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o.seed, "Seed for the split and the algorithm (default 0)",
      "N" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &o.save, "Save the model to this file",
      "MODEL.easelmodel" },
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &o.project,
      "Store the data, the model (as a new version) and its evaluation in this project", "P.easel" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name,
      "The model's name in the project (default: DATASET-TARGET)", "MODEL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, "Write one JSON object to standard output", NULL },
    { "curves", 0, 0, G_OPTION_ARG_NONE, &o.curves,
      "With --json: add the ROC and precision-recall curves, or the residuals", NULL },
    { "list-params", 0, 0, G_OPTION_ARG_NONE, &o.list,
      "List the algorithms (or the one given with --algorithm) and their parameters", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  int status;

  o.test_fraction = NAN;
  g_option_context_set_summary (context,
                                "Train a model to predict a column of a table, evaluate it on "
                                "held-out rows and optionally save it.\n"
                                "FILE is a CSV/TSV file or DB.sqlite:TABLE.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    status = EASEL_CLI_EXIT_USAGE;
  else if (o.list)
    status = list_algorithms (o.algorithm);
  else if (argc != 2)
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                             "train needs exactly one FILE. See 'easel-cli train --help'.");
  else if (o.target == NULL)
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                             "train needs --target COL, the column to predict.");
  else
    status = run (&o, &read, argv[1]);
  train_options_clear (&o);
  easel_cli_read_options_clear (&read);
  return status;
}
