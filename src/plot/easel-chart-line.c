/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "easel-chart-private.h"

#define HOVER_RADIUS 12.0

typedef struct
{
  char   *name;
  double *x;
  double *y;
  gsize   n;
} Series;

typedef struct
{
  GPtrArray *series;
  /* prepared */
  gsize      n_finite;
  double     x_min, x_max, y_min, y_max;
} LineData;

static void
series_free (gpointer data)
{
  Series *s = data;

  g_free (s->name);
  g_free (s->x);
  g_free (s->y);
  g_free (s);
}

static void
line_free_data (gpointer data)
{
  LineData *d = data;

  g_ptr_array_unref (d->series);
  g_free (d);
}

static void
line_prepare (EaselChart *chart)
{
  LineData *d = chart->data;

  d->n_finite = 0;
  d->x_min = d->y_min = INFINITY;
  d->x_max = d->y_max = -INFINITY;
  for (guint s = 0; s < d->series->len; s++)
    {
      Series *series = g_ptr_array_index (d->series, s);

      for (gsize i = 0; i < series->n; i++)
        {
          double x = series->x[i], y = series->y[i];

          if (!isfinite (x) || !isfinite (y))
            continue;
          d->n_finite++;
          d->x_min = MIN (d->x_min, x);
          d->x_max = MAX (d->x_max, x);
          d->y_min = MIN (d->y_min, y);
          d->y_max = MAX (d->y_max, y);
        }
    }
}

static gboolean
line_is_empty (EaselChart *chart)
{
  LineData *d = chart->data;

  return d->n_finite == 0;
}

static void
line_layout (EaselChart       *chart,
             EaselChartText   *text,
             EaselChartLayout *layout)
{
  LineData *d = chart->data;

  /* a legend once there is something to tell apart */
  if (d->series->len > 1
      || (d->series->len == 1 && ((Series *) g_ptr_array_index (d->series, 0))->name[0]))
    for (guint s = 0; s < d->series->len && s < EASEL_LEGEND_MAX; s++)
      {
        layout->legend[s].name = ((Series *) g_ptr_array_index (d->series, s))->name;
        layout->legend[s].color = easel_chart_palette_color (&chart->style, s);
        layout->n_legend++;
      }
  layout->legend_lines = TRUE;
  easel_chart_layout_header (chart, text, layout);

  layout->x.kind = layout->y.kind = EASEL_AXIS_NUMERIC;
  layout->x.mode = EASEL_RANGE_TIGHT;
  layout->y.mode = EASEL_RANGE_LOOSE;
  layout->x.grid = layout->y.grid = TRUE;
  layout->x.lo = d->x_min;
  layout->x.hi = d->x_max;
  layout->y.lo = d->y_min;
  layout->y.hi = d->y_max;
  if (chart->has_x_range)
    {
      layout->x.lo = chart->x_range[0];
      layout->x.hi = chart->x_range[1];
      layout->x.fixed = TRUE;
    }
  if (chart->has_y_range)
    {
      layout->y.lo = chart->y_range[0];
      layout->y.hi = chart->y_range[1];
      layout->y.fixed = TRUE;
    }
  easel_chart_layout_axes (chart, text, layout);
}

static void
line_draw (EaselChart             *chart,
           cairo_t                *cr,
           EaselChartText         *text,
           const EaselChartLayout *layout,
           double                  device_scale)
{
  LineData *d = chart->data;
  const EaselRect *p = &layout->plot;

  easel_chart_draw_grid (chart, cr, layout, device_scale);
  cairo_save (cr);
  cairo_rectangle (cr, p->x - 2, p->y - 2, p->width + 4, p->height + 4);
  cairo_clip (cr);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < d->series->len; s++)
    {
      Series *series = g_ptr_array_index (d->series, s);
      EaselRgba color = easel_chart_palette_color (&chart->style, s);
      gboolean pen_down = FALSE;
      gsize drawn = 0, last = 0;

      for (gsize i = 0; i < series->n; i++)
        {
          double x = series->x[i], y = series->y[i];

          if (!isfinite (x) || !isfinite (y))
            {
              pen_down = FALSE;   /* a gap in the data is a gap in the line */
              continue;
            }
          if (pen_down)
            cairo_line_to (cr, easel_axis_x_to_px (layout, x), easel_axis_y_to_px (layout, y));
          else
            cairo_move_to (cr, easel_axis_x_to_px (layout, x), easel_axis_y_to_px (layout, y));
          pen_down = TRUE;
          drawn++;
          last = i;
        }
      easel_set_source (cr, &color);
      cairo_stroke (cr);
      /* a lone point would vanish as a zero-length line */
      if (drawn == 1)
        {
          cairo_arc (cr, easel_axis_x_to_px (layout, series->x[last]),
                     easel_axis_y_to_px (layout, series->y[last]), 3.0, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
  easel_chart_draw_axes (chart, cr, text, layout, device_scale);
}

static char *
line_describe (EaselChart             *chart,
               const EaselChartLayout *layout,
               double                  x,
               double                  y)
{
  LineData *d = chart->data;
  const EaselRect *p = &layout->plot;
  double best = HOVER_RADIUS * HOVER_RADIUS;
  Series *found = NULL;
  gsize found_i = 0;
  char bx[48], by[48];

  if (x < p->x - HOVER_RADIUS || x > p->x + p->width + HOVER_RADIUS
      || y < p->y - HOVER_RADIUS || y > p->y + p->height + HOVER_RADIUS)
    return NULL;
  for (guint s = 0; s < d->series->len; s++)
    {
      Series *series = g_ptr_array_index (d->series, s);

      for (gsize i = 0; i < series->n; i++)
        {
          double dx, dy;

          if (!isfinite (series->x[i]) || !isfinite (series->y[i]))
            continue;
          dx = easel_axis_x_to_px (layout, series->x[i]) - x;
          dy = easel_axis_y_to_px (layout, series->y[i]) - y;
          if (dx * dx + dy * dy < best)
            {
              best = dx * dx + dy * dy;
              found = series;
              found_i = i;
            }
        }
    }
  if (found == NULL)
    return NULL;
  easel_format_number (found->x[found_i], bx, sizeof bx);
  easel_format_number (found->y[found_i], by, sizeof by);
  return g_strdup_printf ("%s%s%s: %s\n%s: %s", found->name, found->name[0] ? "\n" : "",
                          chart->x_label != NULL ? chart->x_label : "x", bx,
                          chart->y_label != NULL ? chart->y_label : "y", by);
}

const EaselChartClass easel_line_chart_class = {
  .free_data = line_free_data,
  .prepare = line_prepare,
  .is_empty = line_is_empty,
  .layout = line_layout,
  .draw = line_draw,
  .describe = line_describe,
};

EaselChart *
easel_chart_new_line (void)
{
  LineData *d = g_new0 (LineData, 1);

  d->series = g_ptr_array_new_with_free_func (series_free);
  return easel_chart_alloc (EASEL_CHART_LINE, &easel_line_chart_class, d);
}

void
easel_chart_add_series (EaselChart   *chart,
                        const char   *name,
                        const double *x,
                        const double *y,
                        gsize         n)
{
  LineData *d;
  Series *s;

  g_return_if_fail (chart != NULL && chart->kind == EASEL_CHART_LINE);

  d = chart->data;
  s = g_new0 (Series, 1);
  s->name = g_strdup (name != NULL ? name : "");
  s->x = g_memdup2 (x, n * sizeof (double));
  s->y = g_memdup2 (y, n * sizeof (double));
  s->n = n;
  g_ptr_array_add (d->series, s);
  chart->prepared = FALSE;
}
