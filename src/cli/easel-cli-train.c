/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

/* easel-cli train: fit a model on a table, evaluate it on held-out rows (a split, a test
 * file or k-fold cross-validation), print the metrics and save the model. */

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli.h"
#include "easel-recipe.h"
#include "easel-eval.h"
#include "easel-evaluate.h"
#include "easel-model.h"

#define DEFAULT_TEST_FRACTION 0.2

typedef struct
{
  char      *target;
  char      *algorithm;
  char      *problem;
  char      *test_file;
  char      *recipe;
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
  g_free (o->recipe);
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

static char *
format_value (double v)
{
  char buf[32];

  if (!isfinite (v))
    return g_strdup ("–");
  g_ascii_formatd (buf, sizeof buf, "%.6g", v);
  return g_strdup (buf);
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

static int
run (TrainOptions        *o,
     EaselCliReadOptions *read,
     const char          *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselTable) test_table = NULL;
  g_autoptr(EaselTable) raw_table = NULL;
  g_autoptr(EaselRecipe) fitted_recipe = NULL;
  g_autofree char *fitted_json = NULL;
  g_autoptr(EaselDesign) design = NULL;
  g_autoptr(EaselParams) params = NULL;
  g_autoptr(EaselProject) project = NULL;
  g_autoptr(EaselTrainReport) report = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  g_autofree char *stored_name = NULL;
  g_autofree char *test_name = NULL;
  guint stored_version = 0;
  EaselModel *model;
  GPtrArray *folds;
  GPtrArray *warnings;
  const EaselAlgorithm *alg = NULL;
  EaselDesignOptions design_options = { 0 };
  EaselTrainOptions train_options = { 0 };
  EaselEvaluateOptions evaluate = { 0 };
  gboolean usage_error;
  EaselProblem problem = EASEL_PROBLEM_AUTO;
  double train_seconds = 0.0;
  gsize n_test = 0;
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
  if (o->recipe != NULL)
    {
      /* Learn the recipe on the whole table, as a prepared dataset is made before a model
       * is built; the model keeps the fitted recipe and replays it when it predicts. */
      g_autoptr(EaselRecipe) recipe = easel_recipe_new_from_file (o->recipe, &error);

      if (recipe == NULL)
        return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--recipe: %s", error->message);
      raw_table = g_steal_pointer (&table);
      fitted_recipe = easel_recipe_fit (recipe, raw_table, &table, NULL, NULL, NULL, &error);
      if (fitted_recipe == NULL)
        return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--recipe %s on %s: %s", o->recipe, file,
                               error->message);
      fitted_json = easel_recipe_to_json (fitted_recipe, FALSE);
    }
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
  train_options.recipe_json = fitted_json;

  if (o->test_file != NULL)
    {
      test_table = easel_cli_load_table (o->test_file, read, &usage_error, &error);
      if (test_table == NULL)
        return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      if (fitted_recipe != NULL)
        {
          /* the test rows are prepared like the training rows, filters included */
          EaselTable *prepared = easel_recipe_apply (fitted_recipe, test_table, NULL, NULL, NULL,
                                                     &error);

          if (prepared == NULL)
            return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--recipe %s on %s: %s", o->recipe,
                                   o->test_file, error->message);
          easel_table_unref (test_table);
          test_table = prepared;
        }
      test_name = g_strdup_printf ("Test file %s", o->test_file);
      evaluate.holdout = EASEL_HOLDOUT_TABLE;
      evaluate.test_table = test_table;
      evaluate.test_name = test_name;
    }
  else if (o->cv != 0)
    {
      evaluate.holdout = EASEL_HOLDOUT_FOLDS;
      evaluate.folds = (guint) o->cv;
    }
  else
    {
      evaluate.test_fraction = isnan (o->test_fraction) ? DEFAULT_TEST_FRACTION
                                                        : o->test_fraction;
      evaluate.holdout = evaluate.test_fraction > 0 ? EASEL_HOLDOUT_SPLIT : EASEL_HOLDOUT_NONE;
    }
  evaluate.table_name = file;
  progress = easel_cli_progress_new ();
  report = easel_train_and_evaluate (alg, table, o->target, &design_options, &train_options,
                                     &evaluate, progress, NULL, &error);
  easel_cli_progress_finish (progress);
  if (report == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  model = report->model;
  folds = report->folds;
  warnings = report->warnings;
  mode = report->mode;
  n_test = report->n_test;
  train_seconds = report->train_seconds;

  if (o->save != NULL && !easel_model_save (model, o->save, &error))
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (project != NULL &&
      (stored_version = store_in_project (project, file, raw_table != NULL ? raw_table : table,
                                          o->name, model, &stored_name, &error)) == 0)
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (o->json)
    {
      g_autofree char *text = easel_train_report_to_json (report, o->curves, FALSE);
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
                      s->type == EASEL_PARAM_INT_LIST ? "Whole numbers separated by commas, each"
                      : s->type == EASEL_PARAM_INT ? "A whole number" : "A number",
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
      "linear, logistic, naive_bayes, knn, tree, forest, gbdt or mlp (default: logistic for "
      "classes, linear for numbers; --list-params describes them)", "NAME" },
    { "problem", 0, 0, G_OPTION_ARG_STRING, &o.problem,
      "auto, binary, multiclass or regression (default: auto, from the target)", "TYPE" },
    { "test", 0, 0, G_OPTION_ARG_FILENAME, &o.test_file,
      "Evaluate on the rows of this file instead of a split", "FILE" },
    { "recipe", 0, 0, G_OPTION_ARG_FILENAME, &o.recipe,
      "Prepare the table with this recipe first (as easel-cli prepare); the model keeps it and "
      "replays it on the rows it predicts", "RECIPE.json" },
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
