/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

/* easel-cli predict: apply a saved model to the rows of a file and write them back with
 * the prediction (and, for classes, the probability of each class). */

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli.h"
#include "easel-evaluate.h"
#include "easel-model.h"

/* A prediction with a model from a project is recorded there: model, version, input file,
 * rows and time. A project open in another Easel cannot take the record: a warning, and the
 * predictions are still written. */
static void
record_run (const char            *project_path,
            const char            *model_ref,
            const char            *input,
            const char            *output,
            const EaselPrediction *pred)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = easel_project_open (project_path, 0, &error);
  g_autofree char *name = NULL;
  guint version = 0;

  if (project == NULL || !easel_model_ref_parse (model_ref, &name, &version, &error) ||
      easel_project_add_prediction_run (project, name, version, input, output, pred->n,
                                        pred->seconds, NULL, &error) == 0)
    fprintf (stderr, "easel-cli: warning: the prediction run was not recorded in the project: %s\n",
             error->message);
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
      /* Read-only: loading works while the project is open elsewhere (the run is recorded
       * at the end, if it can be). */
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

  table = easel_cli_load_table (input, &read, &usage_error, &error);
  easel_cli_read_options_clear (&read);
  if (table == NULL)
    return easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s",
                           error->message);

  /* A model with a recipe replays it in easel_model_predict(), keeping every row; its
   * errors then name the input columns the recipe needs. */
  if (easel_model_get_recipe_json (model) == NULL)
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

  easel_prediction_add_columns (table, model, pred);
  if (!easel_csv_write_file (table, output, ',', NULL, NULL, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (project_path != NULL)
    record_run (project_path, model_path, input, output, pred);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      easel_json_add_string (b, "model", model_path);
      easel_json_add_string (b, "algorithm", easel_model_get_algorithm (model)->name);
      easel_json_add_string (b, "problem", easel_problem_to_string (pred->problem));
      easel_json_add_string (b, "input", input);
      easel_json_add_string (b, "output", output);
      easel_json_add_int (b, "rows", (gint64) pred->n);
      easel_json_add_number (b, "predict_seconds", pred->seconds);
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
