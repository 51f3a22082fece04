/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

/* The insights report: one self-contained HTML page (charts inline as SVG) that a person
 * can mail to a colleague. */

#include <math.h>

#include "easel-card-render.h"
#include "easel-chart.h"
#include "easel-cli.h"

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  g_string_append (html, escaped);
}

static void
append_chart (GString    *html,
              EaselChart *chart,
              double      width,
              double      height,
              guint      *serial)
{
  if (chart == NULL)
    return;
  g_string_append (html, "<figure>");
  easel_chart_append_svg (html, chart, width, height, (*serial)++);
  g_string_append (html, "</figure>\n");
  easel_chart_free (chart);
}

static const char style[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;max-width:980px;margin:2em auto;padding:0 1em;"
  "color:#222;background:#fafafa}h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ddd}"
  "table{border-collapse:collapse;width:100%}td,th{padding:.35em .6em;text-align:left;"
  "border-bottom:1px solid #e5e5e5;vertical-align:top}.high{color:#c01c28;font-weight:bold}"
  ".medium{color:#c64600;font-weight:bold}.low{color:#1c71d8}figure{margin:1em 0}"
  ".cols{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1em}"
  ".card{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:.6em}"
  ".muted{color:#666}figure svg{max-width:100%;height:auto;display:block}";

gboolean
easel_cli_write_insights_report (const char           *path,
                                 const char           *source,
                                 EaselTable           *table,
                                 const EaselInsights  *in,
                                 GError              **error)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *base = g_path_get_basename (source);
  g_autoptr(GError) local = NULL;
  guint serial = 0, counts[3] = { 0, 0, 0 };
  const char *severity_names[] = { "Low", "Medium", "High" };

  for (guint i = 0; i < in->warnings->len; i++)
    counts[((EaselInsight *) in->warnings->pdata[i])->severity]++;

  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width\"><title>");
  append_escaped (html, base);
  g_string_append_printf (html, " — data quality</title><style>%s</style></head><body>\n<h1>Data quality: ", style);
  append_escaped (html, base);
  g_string_append_printf (html, "</h1>\n<p>%" G_GSIZE_FORMAT " rows, %u columns, %" G_GSIZE_FORMAT
                          " duplicate rows. %u high, %u medium and %u low warnings.",
                          in->rows, in->n_columns, in->duplicate_rows, counts[2], counts[1], counts[0]);
  if (in->target)
    {
      g_string_append (html, " Column to predict: <b>");
      append_escaped (html, in->target);
      g_string_append (html, "</b>.");
    }
  g_string_append (html, "</p>\n<h2>Warnings</h2>\n");
  if (in->warnings->len == 0)
    g_string_append (html, "<p class=\"muted\">Nothing to report.</p>\n");
  else
    {
      g_string_append (html, "<table><tr><th>Severity</th><th>Column</th><th>Finding</th></tr>\n");
      for (guint i = 0; i < in->warnings->len; i++)
        {
          const EaselInsight *w = in->warnings->pdata[i];
          g_string_append_printf (html, "<tr><td class=\"%s\">%s</td><td>",
                                  easel_severity_to_string (w->severity), severity_names[w->severity]);
          append_escaped (html, w->column ? w->column : "(all columns)");
          g_string_append (html, "</td><td>");
          append_escaped (html, w->message);
          g_string_append (html, "</td></tr>\n");
        }
      g_string_append (html, "</table>\n");
    }

  if (in->target)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      EaselChart *chart;

      for (guint c = 0; c < in->n_columns; c++)
        if (isfinite (in->predictive_power[c]))
          {
            g_ptr_array_add (labels, in->names[c]);
            g_array_append_val (values, in->predictive_power[c]);
          }
      g_string_append (html, "<h2>Predictive power</h2>\n<p class=\"muted\">How well each column "
                             "predicts the target on its own (cross-validated; 0 = no better than "
                             "guessing, 1 = perfect).</p>\n");
      chart = easel_chart_new_bar ((const char *const *) labels->pdata, (const double *) (void *) values->data,
                                   labels->len, 20);
      easel_chart_set_title (chart, "Predictive power");
      append_chart (html, chart, 900, MAX (260, 26.0 * MIN (labels->len, 20) + 90), &serial);
    }

  g_string_append (html, "<h2>Missing values</h2>\n");
  append_chart (html, easel_chart_new_missing_from_table (table, EASEL_MISSING_VIEW_BARS), 900, 340, &serial);

  {
    g_autoptr(EaselCorrelation) corr = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, NULL, NULL);
    if (corr != NULL && corr->n >= 2 && corr->n <= 60)
      {
        EaselChart *chart = easel_chart_new_heatmap (corr->r, corr->n, corr->n,
                                                     (const char *const *) corr->names,
                                                     (const char *const *) corr->names, -1.0, 1.0);
        double side = MIN (900, 260 + 24.0 * corr->n);
        easel_chart_set_title (chart, "Correlations between numeric columns (Pearson)");
        g_string_append (html, "<h2>Correlations</h2>\n");
        append_chart (html, chart, side, side, &serial);
      }
  }

  g_string_append (html, "<h2>Columns</h2>\n<div class=\"cols\">\n");
  for (guint c = 0; c < easel_table_get_n_columns (table); c++)
    {
      const EaselColumn *column = easel_table_get_column (table, c);
      EaselChart *chart = NULL;

      g_string_append (html, "<div class=\"card\"><b>");
      append_escaped (html, column->name);
      g_string_append_printf (html, "</b> <span class=\"muted\">%s, %" G_GSIZE_FORMAT " missing</span>",
                              easel_column_type_to_string (column->type), column->n_missing);
      if (column->type == EASEL_COLUMN_NUMERIC)
        chart = easel_chart_new_histogram_from_column (column, NULL);
      else if (column->type != EASEL_COLUMN_DATETIME)
        chart = easel_chart_new_bar_from_column (column, 8, NULL);
      if (chart != NULL)
        easel_chart_set_title (chart, NULL);
      append_chart (html, chart, 300, 190, &serial);
      g_string_append (html, "</div>\n");
    }
  g_string_append (html, "</div>\n<p class=\"muted\">Made by easel-cli insights.</p>\n</body></html>\n");

  if (!g_file_set_contents (path, html->str, (gssize) html->len, &local))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write the report %s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
