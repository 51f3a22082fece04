/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "easel-cli.h"

static gboolean
print_json (const EaselPca *pca,
            gsize           dropped,
            char          **names)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (gsize j = 0; names[j] != NULL; j++)
    json_builder_add_string_value (b, names[j]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "standardize");
  json_builder_add_boolean_value (b, pca->standardized);
  easel_json_add_int (b, "rows", (gint64) pca->n);
  easel_json_add_int (b, "dropped_rows", (gint64) dropped);
  json_builder_set_member_name (b, "explained_variance");
  json_builder_begin_array (b);
  for (guint c = 0; c < pca->n_components; c++)
    json_builder_add_double_value (b, pca->explained_variance[c]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "explained_variance_ratio");
  json_builder_begin_array (b);
  for (guint c = 0; c < pca->n_components; c++)
    json_builder_add_double_value (b, pca->explained_variance_ratio[c]);
  json_builder_end_array (b);
  /* Each component's largest-|value| entry is positive. */
  json_builder_set_member_name (b, "sign_convention");
  json_builder_add_string_value (b, "largest absolute entry positive");
  json_builder_set_member_name (b, "components");
  json_builder_begin_array (b);
  for (guint c = 0; c < pca->n_components; c++)
    {
      json_builder_begin_array (b);
      for (guint j = 0; j < pca->p; j++)
        json_builder_add_double_value (b, pca->components[(gsize) c * pca->p + j]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return easel_cli_json_print (b);
}

static void
print_text (const EaselPca *pca,
            gsize           dropped,
            char          **names)
{
  double cumulative = 0.0;

  printf ("PCA of %u %s columns on %" G_GSIZE_FORMAT " rows", pca->p,
          pca->standardized ? "standardised" : "centred", pca->n);
  if (dropped > 0)
    printf (" (%" G_GSIZE_FORMAT " rows with missing values dropped)", dropped);
  printf ("\n\ncomponent  variance   share  cumulative  largest loadings\n");
  for (guint c = 0; c < pca->n_components; c++)
    {
      const double *row = pca->components + (gsize) c * pca->p;
      guint top = 0;

      for (guint j = 1; j < pca->p; j++)
        if (fabs (row[j]) > fabs (row[top]))
          top = j;
      cumulative += pca->explained_variance_ratio[c];
      printf ("%9u  %8.4g  %6.2f%%  %9.2f%%  %s (%.3f)\n", c + 1, pca->explained_variance[c],
              100.0 * pca->explained_variance_ratio[c], 100.0 * cumulative, names[top], row[top]);
    }
}

int
easel_cli_pca (int    argc,
               char **argv)
{
  gboolean json = FALSE, standardize = FALSE;
  int components = 0;
  char *columns = NULL;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "components", 'n', 0, G_OPTION_ARG_INT, &components,
      "Number of components (default: one per column)", "N" },
    { "standardize", 0, 0, G_OPTION_ARG_NONE, &standardize,
      "Divide each column by its standard deviation (default: centre only)", NULL },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns,
      "Comma-separated numeric columns (default: every numeric column)", "A,B,…" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write one JSON object to standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselPca) pca = NULL;
  g_auto(GStrv) wanted = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree double *x = NULL;
  gsize n = 0, dropped = 0;
  guint p = 0;
  int status = 0;

  g_option_context_set_summary (context,
                                "Principal component analysis of numeric columns (centred, or "
                                "standardised with --standardize). Rows with a missing value in a "
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
                             "pca needs exactly one FILE. See 'easel-cli pca --help'.");
    }
  if (components < 0)
    {
      easel_cli_read_options_clear (&read);
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--components must be 1 or more.");
    }

  x = easel_cli_load_numeric (argv[1], &read, (const char *const *) wanted, &n, &p, &dropped,
                              &names, &status);
  easel_cli_read_options_clear (&read);
  if (x == NULL)
    return status;
  if (components == 0)
    components = (int) p;
  if ((guint) components > p)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT,
                           "--components is %d but only %u numeric columns are used.",
                           components, p);

  pca = easel_pca_fit (x, n, p, (guint) components, standardize, &error);
  if (pca == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (json)
    return print_json (pca, dropped, names) ? 0 : EASEL_CLI_EXIT_INPUT;
  print_text (pca, dropped, names);
  return 0;
}
