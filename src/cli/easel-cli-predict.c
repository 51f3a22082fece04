/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

/* easel-cli predict: apply a saved model to the rows of a file and write them back with
 * the prediction (and, for classes, the probability of each class). */

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli.h"
#include "easel-model.h"

/* A column name not yet taken in the table: "prediction", else "prediction_2"... */
static char *
free_name (EaselTable *table,
           const char *name)
{
  char *candidate = g_strdup (name);

  for (guint i = 2; easel_table_find_column (table, candidate) >= 0; i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", name, i);
    }
  return candidate;
}

static void
add_outputs (EaselTable            *table,
             const EaselModel      *model,
             const EaselPrediction *pred)
{
  const EaselDesign *design = easel_model_get_design (model);
  gsize n = pred->n;
  g_autofree char *name = free_name (table, "prediction");

  if (pred->problem == EASEL_PROBLEM_REGRESSION)
    {
      double *values = g_memdup2 (pred->values, MAX (n, 1) * sizeof (double));
      easel_table_add_column (table, easel_column_new_numeric (name, n, values, NULL));
      return;
    }
  {
    g_autofree const char **labels = g_new (const char *, MAX (n, 1));
    for (gsize i = 0; i < n; i++)
      labels[i] = easel_design_get_class (design, (guint) pred->classes[i]);
    easel_table_add_column (table, easel_column_new_from_strings (name, EASEL_COLUMN_CATEGORICAL,
                                                                  labels, n));
  }
  for (guint c = 0; c < pred->n_classes; c++)
    {
      g_autofree char *base = g_strdup_printf ("probability_%s",
                                               easel_design_get_class (design, c));
      g_autofree char *pname = free_name (table, base);
      double *p = g_new (double, MAX (n, 1));

      for (gsize i = 0; i < n; i++)
        p[i] = pred->proba[i * pred->n_classes + c];
      easel_table_add_column (table, easel_column_new_numeric (pname, n, p, NULL));
    }
}

int
easel_cli_predict (int    argc,
                   char **argv)
{
  g_autofree char *model_path = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  gboolean json = FALSE;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path,
      "The model file, or with --project the model's NAME[@VERSION] (required)", "MODEL" },
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_path,
      "Take the model from this project (the latest version unless @VERSION is given)", "P.easel" },
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input,
      "The rows to predict: a CSV/TSV file or DB.sqlite:TABLE (required)", "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Where to write the rows with their predictions, as CSV (required)", "OUT.csv" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write a JSON summary to standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) model = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselPrediction) pred = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  g_auto(GStrv) missing = NULL;
  gboolean usage_error;
  const EaselDesign *design;
  int status = 0;

  g_option_context_set_summary (context,
                                "Predict the rows of a file with a saved model. The output has "
                                "the input's columns, then “prediction” and, for classes, "
                                "“probability_<class>” for each class.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    {
      easel_cli_read_options_clear (&read);
      return EASEL_CLI_EXIT_USAGE;
    }
  if (argc != 1 || model_path == NULL || input == NULL || output == NULL)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                             "predict needs --model, --input and --output (and no other "
                             "argument). See 'easel-cli predict --help'.");
    }
  if (read.threads > 0)
    easel_learning_set_threads ((guint) read.threads);

  if (project_path != NULL)
    {
      /* Read-only: predicting never changes the project and works while it is open. */
      g_autoptr(EaselProject) project = easel_project_open (project_path, EASEL_PROJECT_OPEN_READ_ONLY, &error);
      g_autofree char *name = NULL;
      guint version = 0;
      if (project != NULL && easel_model_ref_parse (model_path, &name, &version, &error))
        model = easel_project_load_model (project, name, version, &error);
    }
  else
    model = easel_model_load (model_path, &error);
  if (model == NULL)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
    }
  design = easel_model_get_design (model);
  /* Recipes (issue 4): easel_model_get_recipe_json() will be replayed on the input here. */

  table = easel_cli_load_table (input, &read, &usage_error, &error);
  easel_cli_read_options_clear (&read);
  if (table == NULL)
    return easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s",
                           error->message);

  missing = easel_design_missing_columns (design, table);
  if (missing != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", missing);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s lacks %u column%s the model needs: %s.",
                             input, g_strv_length (missing),
                             g_strv_length (missing) == 1 ? "" : "s", list);
    }

  progress = easel_cli_progress_new ();
  /* Line 1 holds the column names, so row i is on line i + 2. */
  pred = easel_model_predict (model, table, NULL, 0, 2, progress, NULL, &error);
  easel_cli_progress_finish (progress);
  if (pred == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s: %s", input, error->message);
  for (guint i = 0; i < pred->warnings->len; i++)
    fprintf (stderr, "easel-cli: warning: %s\n", (const char *) pred->warnings->pdata[i]);

  add_outputs (table, model, pred);
  if (!easel_csv_write_file (table, output, ',', NULL, NULL, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      easel_cli_json_string (b, "model", model_path);
      easel_cli_json_string (b, "algorithm", easel_model_get_algorithm (model)->name);
      easel_cli_json_string (b, "problem", easel_problem_to_string (pred->problem));
      easel_cli_json_string (b, "input", input);
      easel_cli_json_string (b, "output", output);
      easel_cli_json_int (b, "rows", (gint64) pred->n);
      easel_cli_json_number (b, "predict_seconds", pred->seconds);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; i < pred->warnings->len; i++)
        json_builder_add_string_value (b, pred->warnings->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (!easel_cli_json_print (b))
        status = EASEL_CLI_EXIT_INPUT;
    }
  return status;
}
