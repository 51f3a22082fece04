/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "easel-chart-private.h"


typedef struct
{
  char             **names;
  guint8           **masks;      /* per column, NULL when nothing is missing */
  guint              n_columns;
  gsize              n_rows;
  EaselMissingView   view;
  /* prepared */
  gsize             *missing;    /* per column */
  double            *share;      /* per column, percent */
  double             max_share;
  /* matrix: rows binned to the device pixels of the plot's width (or one bin a row) */
  guint              n_bins;
  guint              bins_width; /* the plot width in device pixels they were made for */
  float             *bins;       /* n_columns × n_bins shares missing, 0..1 */
  char              *present_label;
  char              *missing_label;
} MissingData;

static void
missing_free_data (gpointer data)
{
  MissingData *d = data;

  g_strfreev (d->names);
  for (guint c = 0; c < d->n_columns; c++)
    g_free (d->masks[c]);
  g_free (d->masks);
  g_free (d->missing);
  g_free (d->share);
  g_free (d->bins);
  g_free (d->present_label);
  g_free (d->missing_label);
  g_free (d);
}

static void
missing_prepare (EaselChart *chart)
{
  MissingData *d = chart->data;

  g_clear_pointer (&d->missing, g_free);
  g_clear_pointer (&d->share, g_free);
  g_clear_pointer (&d->bins, g_free);
  d->n_bins = d->bins_width = 0;
  d->missing = g_new0 (gsize, MAX (d->n_columns, 1));
  d->share = g_new0 (double, MAX (d->n_columns, 1));
  d->max_share = 0;

  for (guint c = 0; c < d->n_columns; c++)
    {
      const guint8 *m = d->masks[c];

      if (m == NULL)
        continue;
      for (gsize r = 0; r < d->n_rows; r++)
        d->missing[c] += m[r] != 0;
      d->share[c] = d->n_rows > 0 ? 100.0 * d->missing[c] / d->n_rows : 0;
      d->max_share = MAX (d->max_share, d->share[c]);
    }
}

static guint
matrix_width (const EaselChartLayout *layout,
              double                  device_scale)
{
  return (guint) MAX (1.0, ceil (layout->plot.width * device_scale - 1e-6));
}

static gboolean
missing_needs_prepare_size (const EaselChart       *chart,
                            const EaselChartLayout *layout,
                            double                  device_scale)
{
  MissingData *d = chart->data;

  return d->view == EASEL_MISSING_VIEW_MATRIX
         && (d->bins == NULL || d->bins_width != matrix_width (layout, device_scale));
}

/* The share of missing rows under each device pixel of each column's stripe. */
static void
missing_prepare_size (EaselChart             *chart,
                      const EaselChartLayout *layout,
                      double                  device_scale)
{
  MissingData *d = chart->data;

  if (!missing_needs_prepare_size (chart, layout, device_scale))
    return;
  g_clear_pointer (&d->bins, g_free);
  d->bins_width = matrix_width (layout, device_scale);
  d->n_bins = (guint) MIN (d->n_rows, (gsize) d->bins_width);
  d->bins = g_new0 (float, (gsize) d->n_columns * d->n_bins);
  for (guint c = 0; c < d->n_columns; c++)
    {
      const guint8 *m = d->masks[c];
      float *row = d->bins + (gsize) c * d->n_bins;

      if (m == NULL)
        continue;
      for (gsize r = 0; r < d->n_rows; r++)
        if (m[r])
          row[r * d->n_bins / d->n_rows] += 1.0f;
      /* bin b holds rows [ceil(b n / B), ceil((b + 1) n / B)) */
      for (guint b = 0; b < d->n_bins; b++)
        {
          gsize first = ((gsize) b * d->n_rows + d->n_bins - 1) / d->n_bins;
          gsize end = ((gsize) (b + 1) * d->n_rows + d->n_bins - 1) / d->n_bins;

          row[b] /= (float) MAX (end - first, 1);
        }
    }
}

static gboolean
missing_is_empty (EaselChart *chart)
{
  MissingData *d = chart->data;

  return d->n_columns == 0 || d->n_rows == 0;
}

static EaselRgba
missing_color (EaselChart *chart)
{
  return easel_chart_palette_color (&chart->style, 1);
}

static EaselRgba
present_color (EaselChart *chart)
{
  EaselRgba c = chart->style.foreground;

  c.alpha = 0.08;
  return c;
}

static void
share_label (double  share,
             char   *buf,
             gsize   size)
{
  if (share == 0)
    g_strlcpy (buf, "0%", size);
  else if (share < 0.1)
    g_strlcpy (buf, "<0.1%", size);
  else if (share >= 99.95 && share < 100)
    g_strlcpy (buf, ">99.9%", size);
  else
    g_snprintf (buf, size, "%.1f%%", share);
}

static void
missing_layout (EaselChart       *chart,
                EaselChartText   *text,
                EaselChartLayout *layout)
{
  MissingData *d = chart->data;

  if (d->view == EASEL_MISSING_VIEW_MATRIX)
    {
      layout->legend[0].name = d->missing_label;
      layout->legend[0].color = missing_color (chart);
      layout->legend[1].name = d->present_label;
      layout->legend[1].color = present_color (chart);
      layout->legend[1].color.alpha = 0.25;
      layout->n_legend = 2;
    }
  easel_chart_layout_header (chart, text, layout);
  layout->horizontal = TRUE;
  layout->y.kind = EASEL_AXIS_BANDS;
  layout->y.n_bands = d->n_columns;
  layout->y.bands = (const char *const *) d->names;
  layout->x.kind = EASEL_AXIS_NUMERIC;
  if (d->view == EASEL_MISSING_VIEW_MATRIX)
    {
      layout->x.mode = EASEL_RANGE_TIGHT;
      layout->x.integers = TRUE;
      layout->x.lo = 0;
      layout->x.hi = (double) d->n_rows;
    }
  else
    {
      double w = 0;

      easel_chart_text_size (text, EASEL_TEXT_TICK, "100.0%", &w, NULL);
      layout->x.mode = EASEL_RANGE_LOOSE;
      layout->x.from_zero = TRUE;
      layout->x.percent = TRUE;
      layout->x.grid = TRUE;
      layout->x.lo = 0;
      /* room for the share printed after the longest bar */
      layout->x.hi = MIN (100.0, MAX (d->max_share * 1.18, 1.0));
    }
  easel_chart_layout_axes (chart, text, layout);
}

static void
draw_bars (EaselChart             *chart,
           MissingData            *d,
           cairo_t                *cr,
           EaselChartText         *text,
           const EaselChartLayout *layout,
           double                  device_scale)
{
  const EaselRect *p = &layout->plot;
  EaselRgba color = missing_color (chart);
  double band = p->height / d->n_columns;
  double thickness = MIN (band * 0.7, 24.0);
  gboolean labels = band >= 10.0;

  for (guint c = 0; c < d->n_columns; c++)
    {
      double cy = easel_axis_y_to_px (layout, c);
      double a0 = easel_snap_edge (cy - thickness / 2.0, device_scale);
      double a1 = easel_snap_edge (MAX (cy + thickness / 2.0, cy - thickness / 2.0 + 1.0),
                                   device_scale);
      double base = easel_snap_edge (p->x, device_scale);
      double end = easel_snap_edge (easel_axis_x_to_px (layout, d->share[c]), device_scale);
      char buf[32];
      double w;

      if (d->missing[c] > 0)
        {
          easel_set_source (cr, &color);
          easel_chart_bar_path (cr, base, a0, MAX (end - base, 1.0 / device_scale), a1 - a0,
                                thickness >= 8 ? 2.0 : 0.0, TRUE);
          cairo_fill (cr);
        }
      if (!labels)
        continue;
      share_label (d->share[c], buf, sizeof buf);
      easel_chart_text_size (text, EASEL_TEXT_TICK, buf, &w, NULL);
      if (end + 6.0 + w <= layout->width - layout->pad / 2)
        easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, buf, -1, end + 6.0, cy, 0.0, 0.5,
                               &chart->style.muted);
    }
}

static void
draw_matrix (EaselChart             *chart,
             MissingData            *d,
             cairo_t                *cr,
             const EaselChartLayout *layout,
             double                  device_scale)
{
  const EaselRect *p = &layout->plot;
  EaselRgba present = present_color (chart), color = missing_color (chart);
  double band = p->height / d->n_columns;
  double gap = band >= 6.0 ? 2.0 : band >= 3.0 ? 1.0 : 0.0;
  cairo_surface_t *image;
  int stride;
  guchar *pixels;
  gboolean exact;

  if (d->bins == NULL)
    missing_prepare_size (chart, layout, device_scale);
  exact = !missing_needs_prepare_size (chart, layout, device_scale);
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) d->n_bins, (int) d->n_columns);
  stride = cairo_image_surface_get_stride (image);
  pixels = cairo_image_surface_get_data (image);
  cairo_surface_flush (image);
  for (guint c = 0; c < d->n_columns; c++)
    {
      guint32 *row = (guint32 *) (void *) (pixels + (gsize) c * stride);

      for (guint b = 0; b < d->n_bins; b++)
        {
          double s = d->bins[(gsize) c * d->n_bins + b];
          /* a lone missing row among thousands must still show */
          double a = s > 0 ? 0.5 + 0.5 * s : 0.0;
          guint32 ia = (guint32) round (a * 255);

          row[b] = (ia << 24) | ((guint32) round (color.red * ia) << 16)
                   | ((guint32) round (color.green * ia) << 8) | (guint32) round (color.blue * ia);
        }
    }
  cairo_surface_mark_dirty (image);

  for (guint c = 0; c < d->n_columns; c++)
    {
      double y0 = easel_snap_edge (p->y + c * band + gap / 2.0, device_scale);
      double y1 = easel_snap_edge (p->y + (c + 1) * band - gap / 2.0, device_scale);
      cairo_surface_t *stripe;

      if (y1 <= y0)
        y1 = y0 + 1.0 / device_scale;
      cairo_save (cr);
      cairo_rectangle (cr, p->x, y0, p->width, y1 - y0);
      cairo_clip (cr);
      easel_set_source (cr, &present);
      cairo_paint (cr);
      cairo_translate (cr, p->x, y0);
      cairo_scale (cr, p->width / d->n_bins, y1 - y0);
      /* one row of the image per stripe, so filtering never mixes two columns */
      stripe = cairo_surface_create_for_rectangle (image, 0, c, d->n_bins, 1);
      cairo_set_source_surface (cr, stripe, 0, 0);
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
      cairo_pattern_set_filter (cairo_get_source (cr),
                                exact ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_surface_destroy (stripe);
      cairo_restore (cr);
    }
  cairo_surface_destroy (image);
}

static void
missing_draw (EaselChart             *chart,
              cairo_t                *cr,
              EaselChartText         *text,
              const EaselChartLayout *layout,
              double                  device_scale)
{
  MissingData *d = chart->data;

  easel_chart_draw_grid (chart, cr, layout, device_scale);
  if (d->view == EASEL_MISSING_VIEW_MATRIX)
    draw_matrix (chart, d, cr, layout, device_scale);
  else
    draw_bars (chart, d, cr, text, layout, device_scale);
  easel_chart_draw_axes (chart, cr, text, layout, device_scale);
}

static char *
missing_describe (EaselChart             *chart,
                  const EaselChartLayout *layout,
                  double                  x,
                  double                  y)
{
  MissingData *d = chart->data;
  const EaselRect *p = &layout->plot;
  char count[48], total[48], share[32];
  gsize row;
  int c;

  if (x < p->x || x > p->x + p->width || y < p->y || y > p->y + p->height)
    return NULL;
  c = easel_axis_band_at (&layout->y, p->y, p->height, y);
  if (c < 0)
    return NULL;
  if (d->view == EASEL_MISSING_VIEW_BARS)
    {
      easel_format_number (d->missing[c], count, sizeof count);
      easel_format_number (d->n_rows, total, sizeof total);
      share_label (d->share[c], share, sizeof share);
      /* Translators: "bill_length_mm: 2 of 344 rows missing (0.6%)" */
      return g_strdup_printf (_("%s: %s of %s rows missing (%s)"), d->names[c], count, total,
                              share);
    }
  row = (gsize) MIN (easel_axis_px_to_x (layout, x), (double) d->n_rows - 1);
  easel_format_number (row + 1, count, sizeof count);
  return g_strdup_printf (_("%s, row %s: %s"), d->names[c], count,
                          d->masks[c] != NULL && d->masks[c][row] ? _("missing") : _("present"));
}

const EaselChartClass easel_missing_chart_class = {
  .free_data = missing_free_data,
  .prepare = missing_prepare,
  .is_empty = missing_is_empty,
  .layout = missing_layout,
  .prepare_size = missing_prepare_size,
  .needs_prepare_size = missing_needs_prepare_size,
  .draw = missing_draw,
  .describe = missing_describe,
};

static EaselChart *
missing_new_take (char           **names,
                  guint8         **masks,
                  guint            n_columns,
                  gsize            n_rows,
                  EaselMissingView view)
{
  MissingData *d = g_new0 (MissingData, 1);

  d->names = names;
  d->masks = masks;
  d->n_columns = n_columns;
  d->n_rows = n_rows;
  d->view = view;
  d->present_label = g_strdup (_("Present"));
  d->missing_label = g_strdup (_("Missing"));
  return easel_chart_alloc (EASEL_CHART_MISSING, &easel_missing_chart_class, d);
}

EaselChart *
easel_chart_new_missing (const char *const   *names,
                         const guint8 *const *masks,
                         guint                n_columns,
                         gsize                n_rows,
                         EaselMissingView     view)
{
  guint8 **m = g_new0 (guint8 *, MAX (n_columns, 1));

  for (guint c = 0; c < n_columns; c++)
    if (masks != NULL && masks[c] != NULL && n_rows > 0)
      m[c] = g_memdup2 (masks[c], n_rows);
  return missing_new_take (easel_chart_copy_names (names, n_columns), m, n_columns, n_rows,
                           view);
}

EaselChart *
easel_chart_new_missing_from_table (const EaselTable *table,
                                    EaselMissingView  view)
{
  guint n_columns = easel_table_get_n_columns (table);
  gsize n_rows = easel_table_get_n_rows (table);
  char **names = g_new0 (char *, n_columns + 1);
  guint8 **masks = g_new0 (guint8 *, MAX (n_columns, 1));

  for (guint c = 0; c < n_columns; c++)
    {
      const EaselColumn *column = easel_table_get_column (table, c);

      names[c] = g_strdup (column->name);
      if (column->missing != NULL && column->n_missing > 0 && n_rows > 0)
        masks[c] = g_memdup2 (column->missing, n_rows);
    }
  return missing_new_take (names, masks, n_columns, n_rows, view);
}
