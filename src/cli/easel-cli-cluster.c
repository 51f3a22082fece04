/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "easel-cli.h"

static gboolean
print_json (const EaselKmeans *km,
            gsize              dropped,
            char             **names)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  easel_json_add_int (b, "k", km->k);
  easel_json_add_number (b, "inertia", km->inertia);
  easel_json_add_int (b, "iterations", km->iterations);
  json_builder_set_member_name (b, "converged");
  json_builder_add_boolean_value (b, km->converged);
  easel_json_add_int (b, "n_init", km->n_init);
  easel_json_add_number (b, "seconds", km->seconds);
  json_builder_set_member_name (b, "sizes");
  json_builder_begin_array (b);
  for (guint c = 0; c < km->k; c++)
    json_builder_add_int_value (b, (gint64) km->sizes[c]);
  json_builder_end_array (b);
  easel_json_add_number (b, "silhouette", km->silhouette);
  /* null: exact over every row; else the number of sampled rows. */
  json_builder_set_member_name (b, "silhouette_sample");
  if (km->silhouette_sample > 0)
    json_builder_add_int_value (b, (gint64) km->silhouette_sample);
  else
    json_builder_add_null_value (b);
  easel_json_add_int (b, "rows", (gint64) km->n);
  easel_json_add_int (b, "dropped_rows", (gint64) dropped);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (gsize j = 0; names[j] != NULL; j++)
    json_builder_add_string_value (b, names[j]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "centres");
  json_builder_begin_array (b);
  for (guint c = 0; c < km->k; c++)
    {
      json_builder_begin_array (b);
      for (guint j = 0; j < km->p; j++)
        json_builder_add_double_value (b, km->centres[(gsize) c * km->p + j]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return easel_cli_json_print (b);
}

static void
print_text (const EaselKmeans *km,
            gsize              dropped)
{
  printf ("k-means with k = %u on %" G_GSIZE_FORMAT " rows × %u columns", km->k, km->n, km->p);
  if (dropped > 0)
    printf (" (%" G_GSIZE_FORMAT " rows with missing values dropped)", dropped);
  printf ("\n\ninertia     %.6g\niterations  %u%s\nsilhouette  ", km->inertia, km->iterations,
          km->converged ? "" : " (not converged)");
  if (isfinite (km->silhouette))
    printf ("%.4f", km->silhouette);
  else
    printf ("-");
  if (km->silhouette_sample > 0)
    printf (" (on a sample of %" G_GSIZE_FORMAT " rows)", km->silhouette_sample);
  printf ("\n\ncluster  rows\n");
  for (guint c = 0; c < km->k; c++)
    printf ("%7u  %" G_GSIZE_FORMAT "\n", c, km->sizes[c]);
}

int
easel_cli_cluster (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  int k = 0, max_iter = 300, n_init = 1;
  gint64 seed = 0;
  double tol = 1e-4;
  char *columns = NULL;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "Number of clusters (required)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed for the k-means++ start (default 0)", "N" },
    { "max-iter", 0, 0, G_OPTION_ARG_INT, &max_iter, "Most Lloyd iterations (default 300)", "N" },
    { "tol", 0, 0, G_OPTION_ARG_DOUBLE, &tol,
      "Stop when the centres move less than this, relative to the mean variance (default 1e-4)",
      "X" },
    { "n-init", 0, 0, G_OPTION_ARG_INT, &n_init,
      "Runs from different starts; the lowest inertia wins (default 1)", "N" },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns,
      "Comma-separated numeric columns (default: every numeric column)", "A,B,…" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write one JSON object to standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselKmeans) km = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  g_auto(GStrv) wanted = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree double *x = NULL;
  gsize n = 0, dropped = 0;
  guint p = 0;
  int status = 0;

  g_option_context_set_summary (context,
                                "Cluster the rows of a table with k-means (k-means++ start, Lloyd "
                                "iterations) on numeric columns. Rows with a missing value in a "
                                "used column are left out.\n"
                                "FILE is a CSV/TSV file or DB.sqlite:TABLE.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    {
      easel_cli_read_options_clear (&read);
      g_free (columns);
      return EASEL_CLI_EXIT_USAGE;
    }
  if (columns != NULL)
    wanted = g_strsplit (columns, ",", -1);
  g_free (columns);
  if (argc != 2)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                             "cluster needs exactly one FILE. See 'easel-cli cluster --help'.");
    }
  if (k < 1)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--k must be given and be 1 or more.");
    }
  if (max_iter < 1 || n_init < 1 || !(tol >= 0.0) || seed < 0)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                             "--max-iter and --n-init must be 1 or more, --tol and --seed 0 or "
                             "more.");
    }

  if (read.threads > 0)
    easel_learning_set_threads ((guint) read.threads);
  x = easel_cli_load_numeric (argv[1], &read, (const char *const *) wanted, &n, &p, &dropped,
                              &names, &status);
  easel_cli_read_options_clear (&read);
  if (x == NULL)
    return status;
  if ((gsize) k > n)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT,
                           "--k is %d but there are only %" G_GSIZE_FORMAT " complete rows.", k, n);

  progress = easel_cli_progress_new ();
  km = easel_kmeans_fit (x, n, p, (guint) k, (guint64) seed, (guint) max_iter, tol,
                         (guint) n_init, progress, NULL, &error);
  easel_cli_progress_finish (progress);
  if (km == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (json)
    return print_json (km, dropped, names) ? 0 : EASEL_CLI_EXIT_INPUT;
  print_text (km, dropped);
  return 0;
}
