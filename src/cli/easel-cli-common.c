/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "easel-cli.h"
#include "easel-unsupervised.h"

int
easel_cli_fail (int         code,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "easel-cli: %s\n", message);
  return code;
}

gboolean
easel_cli_parse (GOptionContext  *context,
                 int             *argc,
                 char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      easel_cli_fail (EASEL_CLI_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
easel_cli_add_read_options (GOptionContext      *context,
                            EaselCliReadOptions *o)
{
  const GOptionEntry entries[] = {
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &o->delimiter,
      "Field delimiter: , ; | or tab (default: detected)", "C" },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &o->decimal,
      "Decimal mark: . or , (default: detected)", "C" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o->encoding,
      "Text encoding: auto, utf-8 or latin-1 (default: auto)", "NAME" },
    { "header", 0, 0, G_OPTION_ARG_STRING, &o->header,
      "Whether the first line names the columns: auto, yes or no", "WHEN" },
    { "type", 't', 0, G_OPTION_ARG_STRING_ARRAY, &o->types,
      "Read column COL as TYPE (numeric, categorical, text, boolean, datetime); repeatable",
      "COL=TYPE" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &o->threads, "Threads to use (default: all cores)", "N" },
    { NULL }
  };
  g_option_context_add_main_entries (context, entries, NULL);
}

void
easel_cli_read_options_clear (EaselCliReadOptions *o)
{
  g_clear_pointer (&o->delimiter, g_free);
  g_clear_pointer (&o->decimal, g_free);
  g_clear_pointer (&o->encoding, g_free);
  g_clear_pointer (&o->header, g_free);
  g_clear_pointer (&o->types, g_strfreev);
}

static gboolean
parse_char_option (const char  *value,
                   const char  *option,
                   char        *out,
                   GError     **error)
{
  if (value == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (value, "tab") == 0 || strcmp (value, "\\t") == 0 || strcmp (value, "\t") == 0)
    *out = '\t';
  else if (strlen (value) == 1 && strchr (",;|.", value[0]) != NULL)
    *out = value[0];
  else
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "--%s: “%s” is not one of , ; | . or tab.", option, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
looks_like_sqlite (const char *path)
{
  char magic[16] = { 0 };
  FILE *f = fopen (path, "rb");
  gboolean yes;

  if (f == NULL)
    return FALSE;
  yes = fread (magic, 1, sizeof magic, f) == sizeof magic && memcmp (magic, "SQLite format 3", 16) == 0;
  fclose (f);
  return yes;
}

EaselTable *
easel_cli_load_table (const char                *spec,
                      const EaselCliReadOptions *o,
                      gboolean                  *usage_error,
                      GError                   **error)
{
  EaselCsvOptions options;
  EaselCsvReport report = { 0 };
  g_autoptr(EaselProgress) progress = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (EaselColumnType));
  EaselTable *table;
  const char *colon;

  *usage_error = FALSE;
  easel_csv_options_init (&options);

  /* DB.sqlite:TABLE, or a SQLite file with a single table */
  colon = strrchr (spec, ':');
  if (!g_file_test (spec, G_FILE_TEST_EXISTS) && colon != NULL)
    {
      g_autofree char *db = g_strndup (spec, colon - spec);
      if (g_file_test (db, G_FILE_TEST_EXISTS))
        {
          g_autoptr(EaselProgress) p = easel_cli_progress_new ();
          table = easel_sqlite_read_table (db, colon + 1, p, NULL, error);
          easel_cli_progress_finish (p);
          return table;
        }
    }
  if (looks_like_sqlite (spec))
    {
      g_auto(GStrv) tables = easel_sqlite_list_tables (spec, error);
      if (tables == NULL)
        return NULL;
      if (g_strv_length (tables) == 1)
        return easel_sqlite_read_table (spec, tables[0], NULL, NULL, error);
      {
        g_autofree char *list = g_strjoinv (", ", tables);
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                     "%s is a SQLite database with %u tables; name one as %s:TABLE (tables: %s).",
                     spec, g_strv_length (tables), spec, list[0] ? list : "none");
        return NULL;
      }
    }

  if (!parse_char_option (o->delimiter, "delimiter", &options.delimiter, error) ||
      !parse_char_option (o->decimal, "decimal", &options.decimal, error))
    {
      *usage_error = TRUE;
      return NULL;
    }
  if (o->encoding != NULL)
    {
      if (g_ascii_strcasecmp (o->encoding, "auto") == 0)
        options.encoding = EASEL_ENCODING_AUTO;
      else if (g_ascii_strcasecmp (o->encoding, "utf-8") == 0 || g_ascii_strcasecmp (o->encoding, "utf8") == 0)
        options.encoding = EASEL_ENCODING_UTF8;
      else if (g_ascii_strcasecmp (o->encoding, "latin-1") == 0 ||
               g_ascii_strcasecmp (o->encoding, "latin1") == 0 ||
               g_ascii_strcasecmp (o->encoding, "windows-1252") == 0 ||
               g_ascii_strcasecmp (o->encoding, "cp1252") == 0)
        options.encoding = EASEL_ENCODING_LATIN1;
      else
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "--encoding: “%s” is not one of auto, utf-8, latin-1.", o->encoding);
          *usage_error = TRUE;
          return NULL;
        }
    }
  if (o->header != NULL)
    {
      if (g_ascii_strcasecmp (o->header, "auto") == 0)
        options.header = EASEL_HEADER_AUTO;
      else if (g_ascii_strcasecmp (o->header, "yes") == 0)
        options.header = EASEL_HEADER_YES;
      else if (g_ascii_strcasecmp (o->header, "no") == 0)
        options.header = EASEL_HEADER_NO;
      else
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "--header: “%s” is not one of auto, yes, no.", o->header);
          *usage_error = TRUE;
          return NULL;
        }
    }
  for (guint i = 0; o->types != NULL && o->types[i] != NULL; i++)
    {
      const char *eq = strrchr (o->types[i], '=');
      EaselColumnType type;

      if (eq == NULL || eq == o->types[i])
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "--type: “%s” is not COL=TYPE.", o->types[i]);
          *usage_error = TRUE;
          return NULL;
        }
      if (!easel_column_type_from_string (eq + 1, &type))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "--type: “%s” is not a column type (numeric, categorical, text, boolean, "
                       "datetime).", eq + 1);
          *usage_error = TRUE;
          return NULL;
        }
      g_ptr_array_add (names, g_strndup (o->types[i], eq - o->types[i]));
      g_array_append_val (types, type);
    }
  g_ptr_array_add (names, NULL);
  options.type_names = (char **) names->pdata;
  options.types = (EaselColumnType *) (void *) types->data;
  if (o->threads < 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT, "--threads must be 1 or more.");
      *usage_error = TRUE;
      return NULL;
    }
  options.n_threads = (guint) o->threads;

  progress = easel_cli_progress_new ();
  table = easel_csv_read_file (spec, &options, &report, progress, NULL, error);
  easel_cli_progress_finish (progress);
  if (table != NULL)
    for (guint i = 0; i < report.warnings->len; i++)
      fprintf (stderr, "easel-cli: warning: %s\n", (const char *) report.warnings->pdata[i]);
  easel_csv_report_clear (&report);
  return table;
}

/* Progress bar */

typedef struct
{
  gboolean drawn;
} Bar;

static void
draw_bar (EaselProgress *progress,
          gpointer       user_data)
{
  Bar *bar = user_data;
  g_autofree char *message = NULL;
  double fraction;
  int width = 30, filled;

  if (easel_progress_elapsed (progress) < 1.0)
    return;
  fraction = easel_progress_get (progress, &message);
  filled = (int) (fraction * width + 0.5);
  fprintf (stderr, "\r%-24.24s [", message ? message : "");
  for (int i = 0; i < width; i++)
    fputc (i < filled ? '#' : ' ', stderr);
  fprintf (stderr, "] %3d%%", (int) (fraction * 100 + 0.5));
  fflush (stderr);
  bar->drawn = TRUE;
}

EaselProgress *
easel_cli_progress_new (void)
{
  if (!isatty (STDERR_FILENO))
    return NULL;
  return easel_progress_new (draw_bar, g_new0 (Bar, 1), g_free);
}

void
easel_cli_progress_finish (EaselProgress *progress)
{
  /* Clear the bar's line if one was drawn. The Bar is the progress's user data. */
  if (progress != NULL && easel_progress_elapsed (progress) >= 1.0)
    fprintf (stderr, "\r%80s\r", "");
}

/* JSON */

gboolean
easel_cli_json_print (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return fputs (text, stdout) >= 0 && fputc ('\n', stdout) != EOF && fflush (stdout) == 0;
}

double *
easel_cli_load_numeric (const char                *spec,
                        const EaselCliReadOptions *options,
                        const char *const         *wanted,
                        gsize                     *n_rows,
                        guint                     *n_columns,
                        gsize                     *dropped,
                        char                    ***names,
                        int                       *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  gboolean usage_error;
  double *x;

  table = easel_cli_load_table (spec, options, &usage_error, &error);
  if (table == NULL)
    {
      *status = easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s",
                                error->message);
      return NULL;
    }
  x = easel_numeric_matrix (table, wanted, n_rows, n_columns, dropped, names, &error);
  if (x == NULL)
    *status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--columns: %s", error->message);
  return x;
}
