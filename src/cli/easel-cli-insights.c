/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "easel-cli.h"

static gboolean
print_json (const EaselInsights *in)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  easel_json_add_int (b, "rows", (gint64) in->rows);
  easel_json_add_int (b, "duplicate_rows", (gint64) in->duplicate_rows);
  easel_json_add_string (b, "target", in->target);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < in->warnings->len; i++)
    {
      const EaselInsight *w = in->warnings->pdata[i];
      json_builder_begin_object (b);
      easel_json_add_string (b, "column", w->column);
      if (w->other)
        easel_json_add_string (b, "other_column", w->other);
      easel_json_add_string (b, "kind", w->kind);
      easel_json_add_string (b, "severity", easel_severity_to_string (w->severity));
      easel_json_add_number (b, "value", w->value);
      easel_json_add_string (b, "message", w->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint c = 0; c < in->n_columns; c++)
    {
      json_builder_begin_object (b);
      easel_json_add_string (b, "name", in->names[c]);
      easel_json_add_number (b, "predictive_power", in->predictive_power[c]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return easel_cli_json_print (b);
}

static void
print_text (const EaselInsights *in)
{
  printf ("%" G_GSIZE_FORMAT " rows, %" G_GSIZE_FORMAT " duplicate rows, %u warnings\n\n", in->rows,
          in->duplicate_rows, in->warnings->len);
  for (guint i = 0; i < in->warnings->len; i++)
    {
      const EaselInsight *w = in->warnings->pdata[i];
      printf ("[%-6s] %-18s %s\n", easel_severity_to_string (w->severity), w->kind, w->message);
    }
  if (in->target != NULL)
    {
      printf ("\nPredictive power for “%s” (0 = none, 1 = perfect):\n", in->target);
      for (guint c = 0; c < in->n_columns; c++)
        if (isfinite (in->predictive_power[c]))
          printf ("  %-30s %.3f\n", in->names[c], in->predictive_power[c]);
    }
}

int
easel_cli_insights (int    argc,
                    char **argv)
{
  gboolean json = FALSE;
  char *target = NULL;
  char *report = NULL;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &target,
      "The column to predict: adds each column's predictive power, imbalance and leakage checks", "COL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write one JSON object to standard output", NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report,
      "Also write a self-contained HTML report (charts inline as SVG)", "PATH.html" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselInsights) insights = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  gboolean usage_error;
  int status = 0;

  g_option_context_set_summary (context,
                                "Data-quality insights: missing values, constant and identifier-like "
                                "columns, outliers, skew, mixed types, duplicates, correlated columns "
                                "and, with --target, imbalance, leakage and each column's predictive "
                                "power.\nFILE is a CSV/TSV file or DB.sqlite:TABLE.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    status = EASEL_CLI_EXIT_USAGE;
  else if (argc != 2)
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE, "insights needs exactly one FILE. See 'easel-cli insights --help'.");
  if (status != 0)
    goto out;

  table = easel_cli_load_table (argv[1], &read, &usage_error, &error);
  if (table == NULL)
    {
      status = easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  progress = easel_cli_progress_new ();
  insights = easel_insights_compute (table, target, progress, NULL, &error);
  easel_cli_progress_finish (progress);
  if (insights == NULL)
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (report != NULL && !easel_cli_write_insights_report (report, argv[1], table, insights, &error))
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (json)
    {
      if (!print_json (insights))
        status = EASEL_CLI_EXIT_INPUT;
    }
  else
    print_text (insights);

out:
  easel_cli_read_options_clear (&read);
  g_free (target);
  g_free (report);
  return status;
}
