/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <string.h>

#include "easel-cli.h"

int
easel_cli_convert (int    argc,
                   char **argv)
{
  EaselCliReadOptions read = { 0 };
  char *out_delimiter = NULL;
  const GOptionEntry entries[] = {
    { "output-delimiter", 0, 0, G_OPTION_ARG_STRING, &out_delimiter,
      "Delimiter of the output: , ; | or tab (default: from OUT's extension, .tsv → tab)", "C" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("IN OUT");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  gboolean usage_error;
  char delimiter = ',';

  g_option_context_set_summary (context,
                                "Convert a table: CSV ↔ TSV, and DB.sqlite:TABLE → CSV/TSV.\n"
                                "OUT ending in .tsv or .tab is written with tabs, else with commas.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    {
      easel_cli_read_options_clear (&read);
      g_free (out_delimiter);
      return EASEL_CLI_EXIT_USAGE;
    }
  if (argc != 3)
    {
      easel_cli_read_options_clear (&read);
      g_free (out_delimiter);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "convert needs IN and OUT. See 'easel-cli convert --help'.");
    }
  if (out_delimiter != NULL)
    {
      if (g_ascii_strcasecmp (out_delimiter, "tab") == 0 || strcmp (out_delimiter, "\\t") == 0)
        delimiter = '\t';
      else if (strlen (out_delimiter) == 1 && strchr (",;|", out_delimiter[0]))
        delimiter = out_delimiter[0];
      else
        {
          easel_cli_read_options_clear (&read);
          g_free (out_delimiter);
          return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--output-delimiter: “%s” is not one of , ; | or tab.",
                                 out_delimiter);
        }
    }
  else if (g_str_has_suffix (argv[2], ".tsv") || g_str_has_suffix (argv[2], ".tab") ||
           g_str_has_suffix (argv[2], ".TSV"))
    delimiter = '\t';
  g_free (out_delimiter);

  table = easel_cli_load_table (argv[1], &read, &usage_error, &error);
  easel_cli_read_options_clear (&read);
  if (table == NULL)
    return easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s", error->message);

  progress = easel_cli_progress_new ();
  if (!easel_csv_write_file (table, argv[2], delimiter, progress, NULL, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  easel_cli_progress_finish (progress);
  return 0;
}
