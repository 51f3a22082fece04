/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "easel-chart-private.h"
#include "easel-error.h"

typedef struct
{
  double         *values;
  gsize           n;
  EaselHistogram *histogram;
  guint64         max_count;
} HistogramData;

static void
histogram_free_data (gpointer data)
{
  HistogramData *d = data;

  g_free (d->values);
  easel_histogram_free (d->histogram);
  g_free (d);
}

static void
histogram_prepare (EaselChart *chart)
{
  HistogramData *d = chart->data;

  g_clear_pointer (&d->histogram, easel_histogram_free);
  d->histogram = easel_histogram_new (d->values, d->n, 0);
  d->max_count = 0;
  for (guint i = 0; i < d->histogram->n_bins; i++)
    d->max_count = MAX (d->max_count, d->histogram->counts[i]);
}

static gboolean
histogram_is_empty (EaselChart *chart)
{
  HistogramData *d = chart->data;

  return d->histogram->total == 0;
}

static void
histogram_layout (EaselChart       *chart,
                  EaselChartText   *text,
                  EaselChartLayout *layout)
{
  HistogramData *d = chart->data;
  const EaselHistogram *h = d->histogram;

  easel_chart_layout_header (chart, text, layout);
  layout->x.kind = EASEL_AXIS_NUMERIC;
  layout->x.mode = EASEL_RANGE_TIGHT;
  layout->x.lo = h->edges[0];
  layout->x.hi = h->edges[h->n_bins];
  layout->x.integers = h->integers;
  if (chart->has_x_range)
    {
      layout->x.lo = chart->x_range[0];
      layout->x.hi = chart->x_range[1];
      layout->x.fixed = TRUE;
    }
  layout->y.kind = EASEL_AXIS_NUMERIC;
  layout->y.mode = EASEL_RANGE_LOOSE;
  layout->y.from_zero = TRUE;
  layout->y.integers = TRUE;
  layout->y.grid = TRUE;
  layout->y.lo = 0;
  layout->y.hi = (double) d->max_count;
  if (chart->has_y_range)
    {
      layout->y.lo = chart->y_range[0];
      layout->y.hi = chart->y_range[1];
      layout->y.fixed = TRUE;
    }
  easel_chart_layout_axes (chart, text, layout);
}

static void
histogram_draw (EaselChart             *chart,
                cairo_t                *cr,
                EaselChartText         *text,
                const EaselChartLayout *layout,
                double                  device_scale)
{
  HistogramData *d = chart->data;
  const EaselHistogram *h = d->histogram;
  EaselRgba color = easel_chart_palette_color (&chart->style, 0);
  double base = easel_snap_edge (easel_axis_y_to_px (layout, MAX (layout->y.lo, 0.0)),
                                 device_scale);
  const EaselRect *p = &layout->plot;

  easel_chart_draw_grid (chart, cr, layout, device_scale);

  cairo_save (cr);
  cairo_rectangle (cr, p->x, p->y, p->width, p->height);
  cairo_clip (cr);
  easel_set_source (cr, &color);
  for (guint i = 0; i < h->n_bins; i++)
    {
      double x0, x1, top;

      if (h->counts[i] == 0)
        continue;
      x0 = easel_snap_edge (easel_axis_x_to_px (layout, h->edges[i]), device_scale);
      x1 = easel_snap_edge (easel_axis_x_to_px (layout, h->edges[i + 1]), device_scale);
      /* a one-pixel gap between neighbours when there is room for it */
      if ((x1 - x0) * device_scale >= 4.0)
        x1 -= 1.0 / device_scale;
      top = easel_snap_edge (easel_axis_y_to_px (layout, (double) h->counts[i]), device_scale);
      if (base - top < 1.0 / device_scale)
        top = base - 1.0 / device_scale;   /* a count of one is still visible */
      easel_chart_bar_path (cr, x0, top, MAX (x1 - x0, 1.0 / device_scale), base - top,
                            (x1 - x0) >= 8.0 ? 2.0 : 0.0, FALSE);
    }
  cairo_fill (cr);
  cairo_restore (cr);

  easel_chart_draw_axes (chart, cr, text, layout, device_scale);
}

static char *
histogram_describe (EaselChart             *chart,
                    const EaselChartLayout *layout,
                    double                  x,
                    double                  y)
{
  HistogramData *d = chart->data;
  const EaselHistogram *h = d->histogram;
  const EaselRect *p = &layout->plot;
  char lo[48], hi[48], count[48];
  double v;

  if (x < p->x || x > p->x + p->width || y < p->y || y > p->y + p->height)
    return NULL;
  v = easel_axis_px_to_x (layout, x);
  for (guint i = 0; i < h->n_bins; i++)
    if (v >= h->edges[i] && (v < h->edges[i + 1] || (i + 1 == h->n_bins && v == h->edges[i + 1])))
      {
        easel_format_number (h->counts[i], count, sizeof count);
        if (h->integers)
          {
            easel_format_number (h->edges[i] + 0.5, lo, sizeof lo);
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s row",
                                                 "%s: %s rows", h->counts[i]),
                                    lo, count);
          }
        easel_format_number (h->edges[i], lo, sizeof lo);
        easel_format_number (h->edges[i + 1], hi, sizeof hi);
        /* Translators: a histogram bin, "12.5 to 15: 34 rows" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s to %s: %s row",
                                             "%s to %s: %s rows", h->counts[i]),
                                lo, hi, count);
      }
  return NULL;
}

const EaselChartClass easel_histogram_chart_class = {
  .free_data = histogram_free_data,
  .prepare = histogram_prepare,
  .is_empty = histogram_is_empty,
  .layout = histogram_layout,
  .draw = histogram_draw,
  .describe = histogram_describe,
};

EaselChart *
easel_chart_new_histogram (const double *values,
                           gsize         n)
{
  HistogramData *d = g_new0 (HistogramData, 1);

  d->values = n > 0 ? g_memdup2 (values, n * sizeof (double)) : NULL;
  d->n = n;
  return easel_chart_alloc (EASEL_CHART_HISTOGRAM, &easel_histogram_chart_class, d);
}

EaselChart *
easel_chart_new_histogram_from_column (const EaselColumn  *column,
                                       GError            **error)
{
  g_autofree double *values = NULL;
  EaselChart *chart;

  g_return_val_if_fail (column != NULL, NULL);

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
      chart = easel_chart_new_histogram (column->num, column->n_rows);
      break;
    case EASEL_COLUMN_BOOLEAN:
      values = g_new (double, MAX (column->n_rows, 1));
      for (gsize i = 0; i < column->n_rows; i++)
        values[i] = easel_column_is_missing (column, i) ? NAN : column->bools[i];
      chart = easel_chart_new_histogram (values, column->n_rows);
      break;
    case EASEL_COLUMN_DATETIME:
      /* dates as decimal years, the scale a person reads on the axis */
      values = g_new (double, MAX (column->n_rows, 1));
      for (gsize i = 0; i < column->n_rows; i++)
        values[i] = easel_column_is_missing (column, i)
                      ? NAN : 1970.0 + column->num[i] / (365.2425 * 86400.0);
      chart = easel_chart_new_histogram (values, column->n_rows);
      {
        /* Translators: an axis of dates drawn as decimal years; %s is the column's name */
        g_autofree char *label = g_strdup_printf (_("%s (year)"), column->name);

        easel_chart_set_x_label (chart, label);
        easel_chart_set_y_label (chart, _("Rows"));
      }
      return chart;
    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_TEXT:
    case EASEL_N_COLUMN_TYPES:
    default:
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                   _("Cannot draw a histogram of column “%s”: it holds %s values, and a "
                     "histogram needs numbers."),
                   column->name, easel_column_type_to_string (column->type));
      return NULL;
    }
  easel_chart_set_x_label (chart, column->name);
  easel_chart_set_y_label (chart, _("Rows"));
  return chart;
}

const EaselHistogram *
easel_chart_get_histogram (const EaselChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  if (chart->kind != EASEL_CHART_HISTOGRAM)
    return NULL;
  easel_chart_ensure_prepared ((EaselChart *) chart);
  return ((HistogramData *) chart->data)->histogram;
}
