/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli.h"

typedef struct
{
  char     *recipe;
  char     *fitted;
  char     *output;
  char     *save_fitted;
  gboolean  json;
} PrepareOptions;

static void
prepare_options_clear (PrepareOptions *o)
{
  g_clear_pointer (&o->recipe, g_free);
  g_clear_pointer (&o->fitted, g_free);
  g_clear_pointer (&o->output, g_free);
  g_clear_pointer (&o->save_fitted, g_free);
}

static void
add_strv (JsonBuilder *b,
          const char  *key,
          char       **names)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    json_builder_add_string_value (b, names[i]);
  json_builder_end_array (b);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static char *
summary_json (const char  *input,
              const char  *mode,
              EaselTable  *table,
              EaselTable  *prepared,
              GPtrArray   *reports,
              const char  *output,
              const char  *fitted)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_add_string_value (b, input);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, mode);
  json_builder_set_member_name (b, "output");
  if (output != NULL)
    json_builder_add_string_value (b, output);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "fitted");
  if (fitted != NULL)
    json_builder_add_string_value (b, fitted);
  else
    json_builder_add_null_value (b);
  add_int (b, "rows_before", (gint64) easel_table_get_n_rows (table));
  add_int (b, "columns_before", easel_table_get_n_columns (table));
  add_int (b, "rows_after", (gint64) easel_table_get_n_rows (prepared));
  add_int (b, "columns_after", easel_table_get_n_columns (prepared));
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < reports->len; i++)
    {
      const EaselStepReport *r = reports->pdata[i];

      json_builder_begin_object (b);
      add_int (b, "step", r->index + 1);
      json_builder_set_member_name (b, "op");
      json_builder_add_string_value (b, r->op);
      json_builder_set_member_name (b, "enabled");
      json_builder_add_boolean_value (b, !r->skipped);
      add_int (b, "rows_before", (gint64) r->rows_before);
      add_int (b, "rows_after", (gint64) r->rows_after);
      add_int (b, "rows_removed", (gint64) (r->rows_before - r->rows_after));
      add_int (b, "columns_before", r->columns_before);
      add_int (b, "columns_after", r->columns_after);
      add_int (b, "values_changed", (gint64) r->values_changed);
      add_int (b, "values_missing", (gint64) r->values_missing);
      add_strv (b, "columns_added", r->columns_added);
      add_strv (b, "columns_removed", r->columns_removed);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, r->message);
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, r->seconds);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static void
print_summary (const char *input,
               EaselTable *table,
               EaselTable *prepared,
               GPtrArray  *reports)
{
  fprintf (stderr,
           "%s: %" G_GSIZE_FORMAT " rows × %u columns → %" G_GSIZE_FORMAT " rows × %u columns\n",
           input, easel_table_get_n_rows (table), easel_table_get_n_columns (table),
           easel_table_get_n_rows (prepared), easel_table_get_n_columns (prepared));
  for (guint i = 0; i < reports->len; i++)
    {
      const EaselStepReport *r = reports->pdata[i];
      fprintf (stderr, "  %2u. %-18s %s\n", r->index + 1, r->op, r->message);
    }
}

int
easel_cli_prepare (int    argc,
                   char **argv)
{
  PrepareOptions o = { 0 };
  EaselCliReadOptions read = { 0 };
  const GOptionEntry  entries[] = {
     { "recipe", 'r', 0, G_OPTION_ARG_FILENAME, &o.recipe,
       "Fit this recipe (JSON) on FILE and apply it", "RECIPE.json" },
     { "fitted", 'f', 0, G_OPTION_ARG_FILENAME, &o.fitted,
       "Apply this fitted recipe (from --save-fitted) without fitting again", "FITTED.json" },
     { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
       "Write the prepared table here (.tsv or .tab: tab-separated); optional with --save-fitted "
        "or --json",
       "OUT.csv" },
     { "save-fitted", 0, 0, G_OPTION_ARG_FILENAME, &o.save_fitted,
       "With --recipe, save the fitted recipe here", "FITTED.json" },
     { "json", 0, 0, G_OPTION_ARG_NONE, &o.json,
       "Print what each step did as JSON on standard output (instead of text on standard error)",
       NULL },
     { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselTable) prepared = NULL;
  g_autoptr(EaselRecipe) recipe = NULL;
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  gboolean usage_error;
  double t_read, t_work, t_write;
  char delimiter = ',';
  int status = 0;

  g_option_context_set_summary (
      context, "Prepare a table with a recipe: an ordered list of steps (impute, scale, "
               "one_hot_encode, filter, formula...) in JSON.\n"
               "With --recipe, the steps learn their values (means, categories, bounds...) "
               "from FILE; --save-fitted keeps them so that --fitted can prepare new rows "
               "the same way.\n"
               "FILE is a CSV/TSV file or DB.sqlite:TABLE.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    {
      easel_cli_read_options_clear (&read);
      prepare_options_clear (&o);
      return EASEL_CLI_EXIT_USAGE;
    }

#define USAGE(...) \
  G_STMT_START { \
    easel_cli_read_options_clear (&read); \
    prepare_options_clear (&o); \
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, __VA_ARGS__); \
  } G_STMT_END

  if (argc != 2)
    USAGE ("prepare needs exactly one FILE. See 'easel-cli prepare --help'.");
  if ((o.recipe == NULL) == (o.fitted == NULL))
    USAGE ("prepare needs either --recipe RECIPE.json (fit and apply) or --fitted FITTED.json "
           "(apply).");
  /* Without --output the prepared table is not written: fitting only to save the fitted
   * recipe, or to see what the steps do. */
  if (o.output == NULL && o.save_fitted == NULL && !o.json)
    USAGE ("prepare needs --output OUT.csv (or --save-fitted or --json to write no table).");
  if (o.save_fitted != NULL && o.fitted != NULL)
    USAGE ("--save-fitted goes with --recipe; a --fitted recipe is already fitted.");
#undef USAGE
  if (o.output != NULL
      && (g_str_has_suffix (o.output, ".tsv") || g_str_has_suffix (o.output, ".tab")
          || g_str_has_suffix (o.output, ".TSV")))
    delimiter = '\t';

  /* The recipe first: a broken recipe is reported before a large file is read. */
  recipe = easel_recipe_new_from_file (o.recipe != NULL ? o.recipe : o.fitted, &error);
  if (recipe == NULL || !easel_recipe_check (recipe, &error))
    {
      easel_cli_read_options_clear (&read);
      prepare_options_clear (&o);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
    }
  if (o.fitted != NULL && !easel_recipe_is_fitted (recipe))
    {
      g_autofree char *display = g_filename_display_name (o.fitted);
      easel_cli_read_options_clear (&read);
      prepare_options_clear (&o);
      return easel_cli_fail (
          EASEL_CLI_EXIT_INPUT,
          "%s is not a fitted recipe: some steps have not learned their values. Fit it "
          "with --recipe and --save-fitted first.",
          display);
    }

  timer = g_timer_new ();
  table = easel_cli_load_table (argv[1], &read, &usage_error, &error);
  easel_cli_read_options_clear (&read);
  if (table == NULL)
    {
      prepare_options_clear (&o);
      return easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s",
                             error->message);
    }
  t_read = g_timer_elapsed (timer, NULL);

  progress = easel_cli_progress_new ();
  if (o.recipe != NULL)
    {
      fitted = easel_recipe_fit (recipe, table, &prepared, &reports, progress, NULL, &error);
      if (fitted == NULL)
        prepared = NULL;
    }
  else
    prepared = easel_recipe_apply (recipe, table, &reports, progress, NULL, &error);
  easel_cli_progress_finish (progress);
  if (prepared == NULL)
    {
      prepare_options_clear (&o);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
    }
  t_work = g_timer_elapsed (timer, NULL) - t_read;

  if (o.save_fitted != NULL && !easel_recipe_save (fitted, o.save_fitted, &error))
    {
      prepare_options_clear (&o);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
    }
  g_clear_pointer (&progress, easel_progress_unref);
  progress = easel_cli_progress_new ();
  if (o.output != NULL
      && !easel_csv_write_file (prepared, o.output, delimiter, progress, NULL, &error))
    {
      easel_cli_progress_finish (progress);
      prepare_options_clear (&o);
      return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
    }
  easel_cli_progress_finish (progress);
  t_write = g_timer_elapsed (timer, NULL) - t_read - t_work;
  /* For benchmarks: where the time goes. */
  if (g_getenv ("EASEL_DEBUG_TIMING") != NULL)
    fprintf (stderr, "easel-cli: timing: read %.3f s, %s %.3f s, write %.3f s\n", t_read,
             o.recipe != NULL ? "fit" : "apply", t_work, t_write);

  if (o.json)
    {
      g_autofree char *text = summary_json (argv[1], o.recipe != NULL ? "fit" : "apply", table,
                                            prepared, reports, o.output, o.save_fitted);
      if (fputs (text, stdout) < 0 || fputc ('\n', stdout) < 0)
        status = EASEL_CLI_EXIT_INPUT;
    }
  else
    print_summary (argv[1], table, prepared, reports);
  prepare_options_clear (&o);
  return status;
}
