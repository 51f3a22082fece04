/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli.h"

static const struct
{
  const char      *name;
  EaselCliCommand  run;
  const char      *summary;
} commands[] = {
  { "profile", easel_cli_profile, "Statistics of every column of a table" },
  { "convert", easel_cli_convert, "Convert between CSV, TSV and SQLite tables" },
  { "correlate", easel_cli_correlate, "Correlation matrix of the numeric columns" },
  { "insights", easel_cli_insights, "Data-quality warnings and predictive power" },
  { "plot", easel_cli_plot, "Draw a chart of a table to PNG, SVG or PDF" },
  { "project", easel_cli_project, "Create projects and store datasets in them" },
  { "model", easel_cli_model, "Change a model version's status in a project" },
  { "train", easel_cli_train, "Train a model, evaluate it and save it" },
  { "predict", easel_cli_predict, "Predict the rows of a file with a saved model" },
  { "prepare", easel_cli_prepare, "Clean and transform a table with a recipe of steps" },
  { "cluster", easel_cli_cluster, "Group the rows into k clusters with k-means" },
  { "pca", easel_cli_pca, "Principal components of the numeric columns" },
  { "card", easel_cli_card, "Export and edit the model card of a model in a project" },
};

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: easel-cli COMMAND [OPTIONS...]\n"
           "\n"
           "Easel on the command line: everything the app does, headless.\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\n"
           "Options:\n"
           "  -h, --help     Show this help\n"
           "  --version      Show the version\n"
           "\n"
           "Run 'easel-cli COMMAND --help' for a command's options.\n"
           "Exit status: 0 success, 1 bad input, 2 wrong usage.\n");
}

int
main (int    argc,
      char **argv)
{
  /* Columns and sort buffers of several MiB are allocated and freed over and over. glibc
   * would hand each back to the kernel and then fault every 4 KiB page in again on the
   * next allocation; keeping freed memory for reuse saves a page fault per 4 KiB. */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);

  setlocale (LC_ALL, "");
  /* Numbers are always written with '.' whatever the locale. */
  setlocale (LC_NUMERIC, "C");
  /* Messages stay English: scripts read them, and the core's translations are the window's. */
  setlocale (LC_MESSAGES, "C");

  if (argc < 2)
    {
      print_usage (stderr);
      return EASEL_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("easel-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        /* Usage lines then read "easel-cli profile [OPTION…] FILE". */
        g_autofree char *prgname = g_strdup_printf ("easel-cli %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "unknown command “%s”. Run 'easel-cli --help' for the list.",
                         argv[1]);
}
