/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "easel-chart-private.h"

#define ROW_LABEL_GAP  8.0
#define COLORBAR_GAP   20.0
#define COLORBAR_WIDTH 12.0
#define MAX_CELL       96.0
#define SIN45          0.70710678118654752
#define TITLE_GAP      6.0

typedef struct
{
  double    *cells;
  guint      n_rows, n_cols;
  char     **row_labels;
  char     **col_labels;
  double     lo, hi;        /* as given */
  /* prepared */
  double     vmin, vmax;    /* the colour scale */
  gboolean   diverging;     /* centred at 0 */
  gboolean   unit;          /* all within −1..1: two decimals */
} HeatmapData;

static void
heatmap_free_data (gpointer data)
{
  HeatmapData *d = data;

  g_free (d->cells);
  g_strfreev (d->row_labels);
  g_strfreev (d->col_labels);
  g_free (d);
}

static void
heatmap_prepare (EaselChart *chart)
{
  HeatmapData *d = chart->data;
  double lo = INFINITY, hi = -INFINITY;

  for (gsize i = 0; i < (gsize) d->n_rows * d->n_cols; i++)
    if (isfinite (d->cells[i]))
      {
        lo = MIN (lo, d->cells[i]);
        hi = MAX (hi, d->cells[i]);
      }
  if (isfinite (d->lo) && isfinite (d->hi) && d->hi > d->lo)
    {
      lo = d->lo;
      hi = d->hi;
    }
  else if (!isfinite (lo))
    {
      lo = 0;
      hi = 1;
    }
  else if (lo == hi)
    {
      lo -= 1;
      hi += 1;
    }
  d->diverging = lo < 0 && hi > 0;
  if (d->diverging)
    {
      double m = MAX (-lo, hi);

      lo = -m;
      hi = m;
    }
  d->vmin = lo;
  d->vmax = hi;
  d->unit = lo >= -1.0 && hi <= 1.0;
}

static gboolean
heatmap_is_empty (EaselChart *chart)
{
  HeatmapData *d = chart->data;

  return d->n_rows == 0 || d->n_cols == 0;
}

static double
widest (EaselChartText *text,
        char          **labels,
        guint           n)
{
  double w = 0;

  for (guint i = 0; i < n; i++)
    {
      double lw;

      easel_chart_text_size (text, EASEL_TEXT_TICK, labels[i], &lw, NULL);
      w = MAX (w, lw);
    }
  return w;
}

static void
heatmap_layout (EaselChart       *chart,
                EaselChartText   *text,
                EaselChartLayout *layout)
{
  HeatmapData *d = chart->data;
  double tick_h, row_w, col_w, cb_label_w, cb_total, avail_w, avail_h, cell, grid_w, grid_h;
  double total_w, x0, top, bottom, label_h, x_title_h = 0.0, y_title_w = 0.0;

  easel_chart_layout_header (chart, text, layout);
  easel_chart_text_size (text, EASEL_TEXT_TICK, "0", NULL, &tick_h);
  /* axis titles (e.g. "Predicted" and "Actual" of a confusion matrix) */
  easel_chart_text_size (text, EASEL_TEXT_LABEL, "Ag", NULL, &label_h);
  if (chart->x_label != NULL)
    x_title_h = label_h + TITLE_GAP;
  if (chart->y_label != NULL)
    y_title_w = label_h + TITLE_GAP;

  /* colour bar ticks live in layout->y; the heatmap draws them itself */
  layout->y.lo = d->vmin;
  layout->y.hi = d->vmax;
  easel_ticks_compute (&layout->y.ticks, d->vmin, d->vmax, 4);
  easel_ticks_clip (&layout->y.ticks, d->vmin, d->vmax);
  cb_label_w = 0;
  for (guint i = 0; i < layout->y.ticks.n; i++)
    {
      char buf[64];
      double w;

      easel_ticks_format (&layout->y.ticks, layout->y.ticks.values[i], buf, sizeof buf);
      easel_chart_text_size (text, EASEL_TEXT_TICK, buf, &w, NULL);
      cb_label_w = MAX (cb_label_w, w);
    }
  cb_total = COLORBAR_GAP + COLORBAR_WIDTH + 6.0 + cb_label_w;

  row_w = MIN (widest (text, d->row_labels, d->n_rows), layout->width * 0.3);
  col_w = widest (text, d->col_labels, d->n_cols);
  top = layout->content_top + 2.0;
  bottom = layout->height - layout->pad - x_title_h;
  avail_w = layout->width - 2 * layout->pad - y_title_w - row_w - ROW_LABEL_GAP - cb_total;
  avail_h = bottom - top - (tick_h + 6.0);
  cell = MIN (avail_w / d->n_cols, avail_h / d->n_rows);
  layout->rotate_labels = col_w > cell - 6.0;
  if (layout->rotate_labels)
    {
      double cap = (bottom - top) * 0.4 / SIN45;

      col_w = MIN (col_w, cap);
      avail_h = bottom - top - (col_w * SIN45 + tick_h * SIN45 + 6.0);
      cell = MIN (avail_w / d->n_cols, avail_h / d->n_rows);
    }
  cell = CLAMP (cell, 1.0, MAX_CELL);
  grid_w = cell * d->n_cols;
  grid_h = cell * d->n_rows;

  /* centre labels + cells + colour bar */
  total_w = y_title_w + row_w + ROW_LABEL_GAP + grid_w + cb_total;
  x0 = layout->pad + MAX (0.0, (layout->width - 2 * layout->pad - total_w) / 2.0);
  layout->y_title_x = x0;
  layout->grid.x = x0 + y_title_w + row_w + ROW_LABEL_GAP;
  layout->grid.y = top;
  layout->grid.width = grid_w;
  layout->grid.height = grid_h;
  layout->grid_cols = d->n_cols;
  layout->grid_rows = d->n_rows;
  layout->cell_width = layout->cell_height = cell;
  layout->cell_gap = 0;
  layout->label_width = row_w;
  if (layout->rotate_labels)
    {
      /* the first column's label runs down and left: keep it on the canvas */
      double room = (layout->grid.x + cell / 2.0 - 4.0) / SIN45;

      col_w = MIN (col_w, room);
    }
  else
    col_w = cell - 2.0;
  layout->x.band_label_width = col_w;
  /* under the column labels, however they are drawn */
  layout->x_title_y = top + grid_h + 4.0
    + (layout->rotate_labels ? (col_w + tick_h) * SIN45 : tick_h + 2.0) + TITLE_GAP;
  layout->x_title_y = MIN (layout->x_title_y, layout->height - layout->pad - label_h);
  layout->colorbar.x = layout->grid.x + grid_w + COLORBAR_GAP;
  layout->colorbar.y = top;
  layout->colorbar.width = COLORBAR_WIDTH;
  layout->colorbar.height = MAX (grid_h, 3 * tick_h);
  layout->plot = layout->grid;
}

static EaselRgba
cell_color (EaselChart  *chart,
            HeatmapData *d,
            double       v)
{
  double t = (v - d->vmin) / (d->vmax - d->vmin);

  if (d->diverging)
    return easel_ramp_diverging (&chart->style, t);
  return easel_ramp_sequential (t);
}

static void
format_cell (HeatmapData *d,
             double       v,
             char        *buf,
             gsize        size)
{
  if (!isfinite (v))
    g_strlcpy (buf, "–", size);
  else if (d->unit)
    {
      g_snprintf (buf, size, "%.2f", v);
      if (g_str_has_prefix (buf, "-0.00"))
        g_strlcpy (buf, "0.00", size);
      else if (buf[0] == '-')
        {
          char tmp[64];

          g_snprintf (tmp, sizeof tmp, "\xe2\x88\x92%s", buf + 1);
          g_strlcpy (buf, tmp, size);
        }
    }
  else
    easel_format_number (v, buf, size);
}

/* The role that fits every value in a cell, or -1 when none does. */
static int
cell_text_role (EaselChartText         *text,
                HeatmapData            *d,
                const EaselChartLayout *layout)
{
  static const EaselTextRole roles[] = { EASEL_TEXT_TICK, EASEL_TEXT_SMALL };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      double max_w = 0, h = 0;

      for (gsize i = 0; i < (gsize) d->n_rows * d->n_cols; i++)
        {
          char buf[64];
          double w;

          format_cell (d, d->cells[i], buf, sizeof buf);
          easel_chart_text_size (text, roles[r], buf, &w, &h);
          max_w = MAX (max_w, w);
        }
      if (max_w <= layout->cell_width - 6.0 && h <= layout->cell_height - 2.0)
        return roles[r];
    }
  return -1;
}

static void
heatmap_draw (EaselChart             *chart,
              cairo_t                *cr,
              EaselChartText         *text,
              const EaselChartLayout *layout,
              double                  device_scale)
{
  HeatmapData *d = chart->data;
  const EaselChartStyle *style = &chart->style;
  const EaselRect *g = &layout->grid;
  const EaselRect *cb = &layout->colorbar;
  double cell = layout->cell_width, gap = cell >= 12.0 ? 1.0 : 0.0;
  int role = cell_text_role (text, d, layout);
  EaselRgba dark_ink = { 0, 0, 0, 0.8 }, light_ink = { 1, 1, 1, 0.95 };
  cairo_pattern_t *gradient;
  double tick_h;

  easel_chart_text_size (text, EASEL_TEXT_TICK, "0", NULL, &tick_h);

  for (guint r = 0; r < d->n_rows; r++)
    for (guint c = 0; c < d->n_cols; c++)
      {
        double v = d->cells[(gsize) r * d->n_cols + c];
        double x0 = easel_snap_edge (g->x + c * cell, device_scale);
        double x1 = easel_snap_edge (g->x + (c + 1) * cell - gap, device_scale);
        double y0 = easel_snap_edge (g->y + r * cell, device_scale);
        double y1 = easel_snap_edge (g->y + (r + 1) * cell - gap, device_scale);
        EaselRgba fill = isfinite (v) ? cell_color (chart, d, v) : style->grid;

        easel_set_source (cr, &fill);
        cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        cairo_fill (cr);
        if (role >= 0)
          {
            char buf[64];
            gboolean light = isfinite (v) ? easel_rgba_lightness (&fill) > 0.62 : !style->dark;

            format_cell (d, v, buf, sizeof buf);
            easel_chart_text_draw (text, cr, (EaselTextRole) role, buf, -1,
                                   (x0 + x1) / 2.0, (y0 + y1) / 2.0, 0.5, 0.5,
                                   light ? &dark_ink : &light_ink);
          }
      }

  /* row labels */
  for (guint r = 0; r < d->n_rows; r++)
    if (cell >= tick_h * 0.8 || r % (guint) ceil (tick_h / cell) == 0)
      easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, d->row_labels[r],
                             layout->label_width + 0.5, g->x - ROW_LABEL_GAP,
                             g->y + (r + 0.5) * cell - gap / 2.0, 1.0, 0.5, &style->muted);

  /* column labels, level or at 45°; rotated labels stand cell·sin 45° apart, so they need
   * thinning out sooner than level ones */
  for (guint c = 0; c < d->n_cols; c++)
    {
      double cx = g->x + (c + 0.5) * cell - gap / 2.0, y = g->y + g->height + 4.0;
      double pitch = layout->rotate_labels ? cell * SIN45 : cell;
      double needed = layout->rotate_labels ? tick_h : tick_h * 0.8;

      if (pitch < needed && c % (guint) ceil (tick_h / pitch) != 0)
        continue;
      if (!layout->rotate_labels)
        easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, d->col_labels[c],
                               layout->x.band_label_width, cx, y + 2.0, 0.5, 0.0,
                               &style->muted);
      else
        {
          g_autoptr (PangoLayout) pl = easel_chart_text_layout (text, EASEL_TEXT_TICK,
                                                                d->col_labels[c],
                                                                layout->x.band_label_width);
          PangoRectangle logical;

          pango_layout_get_extents (pl, NULL, &logical);
          cairo_save (cr);
          cairo_translate (cr, cx, y);
          cairo_rotate (cr, -G_PI / 4.0);
          easel_set_source (cr, &style->muted);
          cairo_move_to (cr, -(double) (logical.x + logical.width) / PANGO_SCALE,
                         -(double) logical.height / PANGO_SCALE / 2.0);
          pango_cairo_show_layout (cr, pl);
          cairo_restore (cr);
        }
    }

  /* axis titles: the columns' below their labels, the rows' up the left side */
  if (chart->x_label != NULL)
    easel_chart_text_draw (text, cr, EASEL_TEXT_LABEL, chart->x_label, g->width,
                           g->x + g->width / 2.0, layout->x_title_y, 0.5, 0.0,
                           &style->foreground);
  if (chart->y_label != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, layout->y_title_x, g->y + g->height / 2.0);
      cairo_rotate (cr, -G_PI / 2.0);
      easel_chart_text_draw (text, cr, EASEL_TEXT_LABEL, chart->y_label, g->height,
                             0.0, 0.0, 0.5, 0.0, &style->foreground);
      cairo_restore (cr);
    }

  /* colour bar */
  gradient = cairo_pattern_create_linear (0, cb->y, 0, cb->y + cb->height);
  for (int i = 0; i <= 16; i++)
    {
      EaselRgba c = cell_color (chart, d, d->vmax - (d->vmax - d->vmin) * i / 16.0);

      cairo_pattern_add_color_stop_rgb (gradient, i / 16.0, c.red, c.green, c.blue);
    }
  cairo_rectangle (cr, cb->x, cb->y, cb->width, cb->height);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  for (guint i = 0; i < layout->y.ticks.n; i++)
    {
      double v = layout->y.ticks.values[i];
      double y = cb->y + (d->vmax - v) / (d->vmax - d->vmin) * cb->height;
      char buf[64];

      easel_ticks_format (&layout->y.ticks, v, buf, sizeof buf);
      easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, buf, -1, cb->x + cb->width + 6.0, y,
                             0.0, 0.5, &style->muted);
    }
}

static char *
heatmap_describe (EaselChart             *chart,
                  const EaselChartLayout *layout,
                  double                  x,
                  double                  y)
{
  HeatmapData *d = chart->data;
  const EaselRect *g = &layout->grid;
  char buf[64];
  guint r, c;

  if (x < g->x || y < g->y || x >= g->x + g->width || y >= g->y + g->height)
    return NULL;
  c = MIN ((guint) ((x - g->x) / layout->cell_width), d->n_cols - 1);
  r = MIN ((guint) ((y - g->y) / layout->cell_height), d->n_rows - 1);
  format_cell (d, d->cells[(gsize) r * d->n_cols + c], buf, sizeof buf);
  return g_strdup_printf ("%s × %s: %s", d->row_labels[r], d->col_labels[c], buf);
}

const EaselChartClass easel_heatmap_chart_class = {
  .free_data = heatmap_free_data,
  .prepare = heatmap_prepare,
  .is_empty = heatmap_is_empty,
  .layout = heatmap_layout,
  .draw = heatmap_draw,
  .describe = heatmap_describe,
};

EaselChart *
easel_chart_new_heatmap (const double      *cells,
                         guint              n_rows,
                         guint              n_cols,
                         const char *const *row_labels,
                         const char *const *col_labels,
                         double             lo,
                         double             hi)
{
  HeatmapData *d = g_new0 (HeatmapData, 1);

  d->n_rows = n_rows;
  d->n_cols = n_cols;
  d->cells = g_memdup2 (cells, (gsize) n_rows * n_cols * sizeof (double));
  d->row_labels = easel_chart_copy_names (row_labels, n_rows);
  d->col_labels = easel_chart_copy_names (col_labels, n_cols);
  d->lo = lo;
  d->hi = hi;
  return easel_chart_alloc (EASEL_CHART_HEATMAP, &easel_heatmap_chart_class, d);
}
