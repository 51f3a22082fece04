/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <math.h>
#include <string.h>

#include "easel-chart.h"
#include "easel-cli.h"

static const char *const kinds[] = {
  "histogram", "bar", "scatter", "box", "heatmap", "correlation", "missing", NULL,
};

static const EaselColumn *
find_column (EaselTable  *table,
             const char  *option,
             const char  *name,
             GError     **error)
{
  int index;

  if (name == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT, "This kind of chart needs --%s COL.",
                   option);
      return NULL;
    }
  index = easel_table_find_column (table, name);
  if (index < 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND, "--%s: there is no column named “%s”.",
                   option, name);
      return NULL;
    }
  return easel_table_get_column (table, (guint) index);
}

/* Counts of two categorical or boolean columns against each other. */
static EaselChart *
contingency_heatmap (const EaselColumn  *x,
                     const EaselColumn  *y,
                     GError            **error)
{
  g_autoptr(EaselColumn) xc = NULL;
  g_autoptr(EaselColumn) yc = NULL;
  const EaselColumn *cols[2] = { x, y };
  EaselColumn *owned[2] = { NULL, NULL };
  g_autofree double *cells = NULL;
  double top = 0;

  for (int k = 0; k < 2; k++)
    {
      const EaselColumn *c = cols[k];
      if (c->type == EASEL_COLUMN_BOOLEAN)
        {
          /* as categories "false"/"true", so both kinds index the same way */
          g_autofree const char **values = g_new (const char *, MAX (c->n_rows, 1));
          for (gsize i = 0; i < c->n_rows; i++)
            values[i] = easel_column_is_missing (c, i) ? NULL : c->bools[i] ? "true" : "false";
          owned[k] = easel_column_new_from_strings (c->name, EASEL_COLUMN_CATEGORICAL, values, c->n_rows);
          cols[k] = owned[k];
        }
      else if (c->type != EASEL_COLUMN_CATEGORICAL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                       "A heatmap of counts needs categorical or boolean columns; “%s” is %s. "
                       "For numbers, use --kind correlation.", c->name, easel_column_type_to_string (c->type));
          return NULL;
        }
    }
  xc = owned[0];
  yc = owned[1];
  if ((guint64) cols[0]->n_categories * cols[1]->n_categories > 10000)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                   "“%s” and “%s” have too many categories for a heatmap (%u × %u).",
                   cols[0]->name, cols[1]->name, cols[0]->n_categories, cols[1]->n_categories);
      return NULL;
    }
  cells = g_new0 (double, MAX ((gsize) cols[0]->n_categories * cols[1]->n_categories, 1));
  for (gsize i = 0; i < x->n_rows; i++)
    {
      gint32 a = cols[0]->codes[i], b = cols[1]->codes[i];
      if (a >= 0 && b >= 0)
        cells[(gsize) b * cols[0]->n_categories + a] += 1;
    }
  for (gsize k = 0; k < (gsize) cols[0]->n_categories * cols[1]->n_categories; k++)
    top = MAX (top, cells[k]);
  {
    EaselChart *chart = easel_chart_new_heatmap (cells, cols[1]->n_categories, cols[0]->n_categories,
                                                 (const char *const *) cols[1]->categories,
                                                 (const char *const *) cols[0]->categories, 0, MAX (top, 1));
    g_autofree char *title = g_strdup_printf ("Rows by %s and %s", x->name, y->name);
    easel_chart_set_title (chart, title);
    easel_chart_set_x_label (chart, x->name);
    easel_chart_set_y_label (chart, y->name);
    return chart;
  }
}

static EaselChart *
make_chart (EaselTable  *table,
            const char  *kind,
            const char  *x_name,
            const char  *y_name,
            const char  *color_name,
            const char  *method_name,
            GError     **error)
{
  const EaselColumn *x = NULL, *y = NULL, *color = NULL;

  if (color_name != NULL && (color = find_column (table, "color", color_name, error)) == NULL)
    return NULL;

  if (strcmp (kind, "histogram") == 0 || strcmp (kind, "bar") == 0)
    {
      if ((x = find_column (table, "x", x_name, error)) == NULL)
        return NULL;
      if (strcmp (kind, "bar") == 0)
        return easel_chart_new_bar_from_column (x, 0, error);
      return easel_chart_new_histogram_from_column (x, error);
    }
  if (strcmp (kind, "scatter") == 0)
    {
      if ((x = find_column (table, "x", x_name, error)) == NULL ||
          (y = find_column (table, "y", y_name, error)) == NULL)
        return NULL;
      return easel_chart_new_scatter_from_columns (x, y, color, error);
    }
  if (strcmp (kind, "box") == 0)
    {
      /* --y the numbers; --x (or --color) the groups, if any */
      const EaselColumn *by = NULL;
      if ((y = find_column (table, "y", y_name ? y_name : x_name, error)) == NULL)
        return NULL;
      if (y_name != NULL && x_name != NULL && (by = find_column (table, "x", x_name, error)) == NULL)
        return NULL;
      return easel_chart_new_box_from_columns (y, by ? by : color, error);
    }
  if (strcmp (kind, "heatmap") == 0)
    {
      if ((x = find_column (table, "x", x_name, error)) == NULL ||
          (y = find_column (table, "y", y_name, error)) == NULL)
        return NULL;
      return contingency_heatmap (x, y, error);
    }
  if (strcmp (kind, "correlation") == 0)
    {
      EaselCorrelationMethod method = EASEL_CORRELATION_PEARSON;
      g_autoptr(EaselCorrelation) c = NULL;
      EaselChart *chart;
      g_autofree char *title = NULL;

      if (method_name != NULL && !easel_correlation_method_from_string (method_name, &method))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "--method: “%s” is not pearson or spearman.", method_name);
          return NULL;
        }
      c = easel_correlate (table, method, NULL, NULL, error);
      if (c == NULL)
        return NULL;
      if (c->n < 2)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                       "A correlation heatmap needs two numeric columns or more; this table has %u.", c->n);
          return NULL;
        }
      chart = easel_chart_new_heatmap (c->r, c->n, c->n, (const char *const *) c->names,
                                       (const char *const *) c->names, -1.0, 1.0);
      title = g_strdup_printf ("Correlations (%s)", method == EASEL_CORRELATION_PEARSON ? "Pearson" : "Spearman");
      easel_chart_set_title (chart, title);
      return chart;
    }
  /* missing */
  return easel_chart_new_missing_from_table (table, y_name != NULL && strcmp (y_name, "matrix") == 0
                                                      ? EASEL_MISSING_VIEW_MATRIX : EASEL_MISSING_VIEW_BARS);
}

int
easel_cli_plot (int    argc,
                char **argv)
{
  char *kind = NULL, *x = NULL, *y = NULL, *color = NULL, *output = NULL, *method = NULL, *title = NULL;
  int width = 800, height = 500;
  gboolean dark = FALSE, matrix = FALSE;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
      "histogram, bar, scatter, box, heatmap (counts of two categorical columns), correlation or missing",
      "KIND" },
    { "x", 'x', 0, G_OPTION_ARG_STRING, &x, "The column on the x axis (the groups of a box plot)", "COL" },
    { "y", 'y', 0, G_OPTION_ARG_STRING, &y, "The column on the y axis", "COL" },
    { "color", 'c', 0, G_OPTION_ARG_STRING, &color, "A categorical column that colours the points or groups boxes",
      "COL" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, "correlation: pearson (default) or spearman", "NAME" },
    { "matrix", 0, 0, G_OPTION_ARG_NONE, &matrix, "missing: a rows × columns matrix instead of bars", NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "A title instead of the automatic one", "TEXT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write: .png, .svg or .pdf", "PATH" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (PNG) or points (default 800)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (PNG) or points (default 500)", "PX" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselChart) chart = NULL;
  gboolean usage_error;
  int status = 0;

  g_option_context_set_summary (context, "Draw a chart of a table to a PNG, SVG or PDF file.\n"
                                         "FILE is a CSV/TSV file or DB.sqlite:TABLE.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    status = EASEL_CLI_EXIT_USAGE;
  else if (argc != 2)
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE, "plot needs exactly one FILE. See 'easel-cli plot --help'.");
  else if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) kinds);
      status = easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--kind must be one of %s.", list);
    }
  else if (output == NULL)
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--output PATH is required (.png, .svg or .pdf).");
  else if (width < 16 || height < 16 || width > 20000 || height > 20000)
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--width and --height must be between 16 and 20000.");
  if (status != 0)
    goto out;

  table = easel_cli_load_table (argv[1], &read, &usage_error, &error);
  if (table == NULL)
    {
      status = easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  chart = make_chart (table, kind, x, matrix ? "matrix" : y, color, method, &error);
  if (chart == NULL)
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (title != NULL)
    easel_chart_set_title (chart, title);
  if (dark)
    {
      EaselChartStyle style;
      easel_chart_style_init_dark (&style);
      easel_chart_set_style (chart, &style);
    }
  if (!easel_chart_save (chart, output, width, height, &error))
    status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);

out:
  easel_cli_read_options_clear (&read);
  g_free (kind);
  g_free (x);
  g_free (y);
  g_free (color);
  g_free (output);
  g_free (method);
  g_free (title);
  return status;
}
