/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "easel-cli.h"

static void
add_datetime (JsonBuilder *b,
              const char  *key,
              double       seconds,
              gboolean     with_time)
{
  char buf[40];

  json_builder_set_member_name (b, key);
  if (isfinite (seconds))
    {
      easel_format_datetime (seconds, with_time, buf);
      json_builder_add_string_value (b, buf);
    }
  else
    json_builder_add_null_value (b);
}

static void
column_to_json (JsonBuilder              *b,
                const EaselColumnProfile *p,
                const EaselColumn        *column)
{
  static const char *numeric_keys[] = { "mean", "std", "min", "p25", "median", "p75", "max" };
  double numeric_values[] = { p->mean, p->std, p->min, p->p25, p->median, p->p75, p->max };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, p->name);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, easel_column_type_to_string (p->type));
  easel_json_add_int (b, "count", (gint64) p->count);
  easel_json_add_int (b, "missing", (gint64) p->missing);
  easel_json_add_int (b, "distinct", (gint64) p->distinct);

  for (guint i = 0; i < G_N_ELEMENTS (numeric_keys); i++)
    {
      if (p->type == EASEL_COLUMN_NUMERIC)
        easel_json_add_number (b, numeric_keys[i], numeric_values[i]);
      else if (p->type == EASEL_COLUMN_DATETIME && i != 1)
        add_datetime (b, numeric_keys[i], numeric_values[i], column->has_time);
      else if (p->type == EASEL_COLUMN_BOOLEAN && i == 0)
        easel_json_add_number (b, "mean", p->mean);
      else
        easel_json_add_string (b, numeric_keys[i], NULL);
    }
  if (p->type == EASEL_COLUMN_NUMERIC)
    {
      easel_json_add_number (b, "skewness", p->skewness);
      easel_json_add_number (b, "kurtosis", p->kurtosis);
      easel_json_add_int (b, "zeros", (gint64) p->zeros);
    }
  else
    {
      easel_json_add_string (b, "skewness", NULL);
      easel_json_add_string (b, "kurtosis", NULL);
      easel_json_add_string (b, "zeros", NULL);
    }
  if (p->type == EASEL_COLUMN_TEXT && p->count > 0)
    {
      easel_json_add_int (b, "min_length", (gint64) p->min_length);
      easel_json_add_int (b, "max_length", (gint64) p->max_length);
      easel_json_add_number (b, "mean_length", p->mean_length);
    }
  else
    {
      easel_json_add_string (b, "min_length", NULL);
      easel_json_add_string (b, "max_length", NULL);
      easel_json_add_string (b, "mean_length", NULL);
    }
  json_builder_set_member_name (b, "top");
  if (p->top != NULL)
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < p->n_top; i++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, p->top[i].value);
          easel_json_add_int (b, "count", (gint64) p->top[i].count);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
print_number (const char *label,
              double      value)
{
  char buf[32];

  if (!isfinite (value))
    return;
  easel_format_double (value, buf);
  printf ("  %-10s %s\n", label, buf);
}

static void
print_text (const EaselProfile *profile,
            EaselTable         *table,
            const char         *file)
{
  printf ("%s: %" G_GSIZE_FORMAT " rows, %u columns\n", file, profile->n_rows, profile->n_columns);
  for (guint c = 0; c < profile->n_columns; c++)
    {
      const EaselColumnProfile *p = &profile->columns[c];
      const EaselColumn *column = easel_table_get_column (table, c);

      printf ("\n%s (%s)\n", p->name, easel_column_type_to_string (p->type));
      printf ("  %-10s %" G_GSIZE_FORMAT "\n", "count", p->count);
      printf ("  %-10s %" G_GSIZE_FORMAT "\n", "missing", p->missing);
      printf ("  %-10s %" G_GSIZE_FORMAT "\n", "distinct", p->distinct);
      if (p->type == EASEL_COLUMN_NUMERIC)
        {
          print_number ("mean", p->mean);
          print_number ("std", p->std);
          print_number ("min", p->min);
          print_number ("25%", p->p25);
          print_number ("median", p->median);
          print_number ("75%", p->p75);
          print_number ("max", p->max);
          print_number ("skewness", p->skewness);
          print_number ("kurtosis", p->kurtosis);
          printf ("  %-10s %" G_GSIZE_FORMAT "\n", "zeros", p->zeros);
        }
      else if (p->type == EASEL_COLUMN_DATETIME && p->count > 0)
        {
          char buf[40];
          easel_format_datetime (p->min, column->has_time, buf);
          printf ("  %-10s %s\n", "earliest", buf);
          easel_format_datetime (p->max, column->has_time, buf);
          printf ("  %-10s %s\n", "latest", buf);
        }
      else if (p->type == EASEL_COLUMN_TEXT && p->count > 0)
        {
          printf ("  %-10s %" G_GSIZE_FORMAT " / %.1f / %" G_GSIZE_FORMAT "\n", "length", p->min_length,
                  p->mean_length, p->max_length);
        }
      for (guint i = 0; i < p->n_top; i++)
        printf ("  %-10s %s (%" G_GSIZE_FORMAT ")\n", i == 0 ? "top" : "", p->top[i].value, p->top[i].count);
    }
}

int
easel_cli_profile (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  int top = 10;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write one JSON object to standard output", NULL },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, "How many frequent values to list (default 10)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselProfile) profile = NULL;
  gboolean usage_error;
  int status = 0;
  g_autoptr(GTimer) timer = NULL;
  double read_seconds;

  g_option_context_set_summary (context,
                                "Statistics of every column of a table: counts, missing values, "
                                "distinct values, moments, quantiles and frequent values.\n"
                                "FILE is a CSV/TSV file or DB.sqlite:TABLE.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    {
      easel_cli_read_options_clear (&read);
      return EASEL_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "profile needs exactly one FILE. See 'easel-cli profile --help'.");
    }
  if (top < 0)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--top must be 0 or more.");
    }

  timer = g_timer_new ();
  table = easel_cli_load_table (argv[1], &read, &usage_error, &error);
  easel_cli_read_options_clear (&read);
  if (table == NULL)
    return easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s", error->message);
  read_seconds = g_timer_elapsed (timer, NULL);

  profile = easel_profile_table (table, (guint) top, NULL, NULL, &error);
  if (profile == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  /* For benchmarks: where the time goes. */
  if (g_getenv ("EASEL_DEBUG_TIMING") != NULL)
    fprintf (stderr, "easel-cli: timing: read %.3f s, profile %.3f s\n", read_seconds,
             g_timer_elapsed (timer, NULL) - read_seconds);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      easel_json_add_string (b, "file", argv[1]);
      easel_json_add_int (b, "rows", (gint64) profile->n_rows);
      json_builder_set_member_name (b, "columns");
      json_builder_begin_array (b);
      for (guint c = 0; c < profile->n_columns; c++)
        column_to_json (b, &profile->columns[c], easel_table_get_column (table, c));
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (!easel_cli_json_print (b))
        status = EASEL_CLI_EXIT_INPUT;
    }
  else
    print_text (profile, table, argv[1]);
  return status;
}
