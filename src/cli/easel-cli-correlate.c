/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "easel-cli.h"

static gboolean
print_json (const EaselCorrelation *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  easel_json_add_string (b, "method", easel_correlation_method_to_string (c->method));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->n; i++)
    json_builder_add_string_value (b, c->names[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "matrix");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->n; i++)
    {
      json_builder_begin_array (b);
      for (guint j = 0; j < c->n; j++)
        {
          double v = c->r[(gsize) i * c->n + j];
          if (isfinite (v))
            json_builder_add_double_value (b, v);
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  easel_json_add_number (b, "compute_seconds", c->seconds);
  json_builder_end_object (b);
  return easel_cli_json_print (b);
}

static void
print_text (const EaselCorrelation *c)
{
  printf ("%s correlation of %u numeric columns\n\n", easel_correlation_method_to_string (c->method), c->n);
  for (guint i = 0; i < c->n; i++)
    {
      printf ("%-24.24s", c->names[i]);
      for (guint j = 0; j < c->n; j++)
        {
          double v = c->r[(gsize) i * c->n + j];
          if (isfinite (v))
            printf (" %6.3f", v);
          else
            printf ("      -");
        }
      putchar ('\n');
    }
}

int
easel_cli_correlate (int    argc,
                     char **argv)
{
  gboolean json = FALSE;
  char *method_name = NULL;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method_name, "pearson (default) or spearman", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write one JSON object to standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselCorrelation) c = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  EaselCorrelationMethod method = EASEL_CORRELATION_PEARSON;
  gboolean usage_error;

  g_option_context_set_summary (context,
                                "Correlation matrix of the numeric columns of a table. Each pair "
                                "uses the rows where both values are present.\n"
                                "FILE is a CSV/TSV file or DB.sqlite:TABLE.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    {
      easel_cli_read_options_clear (&read);
      g_free (method_name);
      return EASEL_CLI_EXIT_USAGE;
    }
  if (method_name != NULL && !easel_correlation_method_from_string (method_name, &method))
    {
      easel_cli_read_options_clear (&read);
      easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--method: “%s” is not pearson or spearman.", method_name);
      g_free (method_name);
      return EASEL_CLI_EXIT_USAGE;
    }
  g_free (method_name);
  if (argc != 2)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "correlate needs exactly one FILE. See 'easel-cli correlate --help'.");
    }

  table = easel_cli_load_table (argv[1], &read, &usage_error, &error);
  easel_cli_read_options_clear (&read);
  if (table == NULL)
    return easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s", error->message);

  progress = easel_cli_progress_new ();
  c = easel_correlate (table, method, progress, NULL, &error);
  easel_cli_progress_finish (progress);
  if (c == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (json)
    return print_json (c) ? 0 : EASEL_CLI_EXIT_INPUT;
  print_text (c);
  return 0;
}
