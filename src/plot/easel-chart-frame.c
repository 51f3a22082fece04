/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include <math.h>

#include "easel-chart-private.h"

#define TITLE_GAP      10.0   /* below the title */
#define LEGEND_SWATCH  10.0
#define LEGEND_GAP     6.0    /* swatch to name */
#define LEGEND_SPACING 18.0   /* between entries */
#define TICK_GAP       6.0    /* plot edge to tick label */
#define LABEL_GAP      6.0    /* tick labels to axis title */
#define X_TICK_SPACING 90.0   /* roughly, per tick on a horizontal axis */
#define Y_TICK_SPACING 56.0

/* ---- Axes ---- */

static void axis_fit_once (EaselAxis *axis, guint target);

static void
axis_fit (EaselAxis *axis,
          guint      target)
{
  EaselAxis saved = *axis;

  axis_fit_once (axis, target);
  /* whole-number data wants whole-number ticks: fewer ticks until the step is 1 or more */
  while (axis->integers && axis->ticks.step < 1.0 && target > 1)
    {
      *axis = saved;
      axis_fit_once (axis, --target);
    }
}

static void
axis_fit_once (EaselAxis *axis,
               guint      target)
{
  double lo = axis->lo, hi = axis->hi;

  if (axis->fixed)
    {
      easel_ticks_compute (&axis->ticks, lo, hi, target);
      easel_ticks_clip (&axis->ticks, lo, hi);
      return;
    }
  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = 0.0;
      hi = 1.0;
    }
  if (axis->from_zero)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
    }
  if (axis->mode == EASEL_RANGE_LOOSE || hi - lo <= 1e-12 * MAX (fabs (lo), fabs (hi)))
    {
      easel_ticks_compute (&axis->ticks, lo, hi, target);
      axis->lo = axis->ticks.values[0];
      axis->hi = axis->ticks.values[axis->ticks.n - 1];
      return;
    }
  if (axis->mode == EASEL_RANGE_PADDED)
    {
      double pad = (hi - lo) * 0.04;

      if (!(axis->from_zero && lo == 0.0))
        lo -= pad;
      if (!(axis->from_zero && hi == 0.0))
        hi += pad;
    }
  axis->lo = lo;
  axis->hi = hi;
  /* ticks inside the range: ask for more when clipping leaves fewer than two */
  for (guint t = target; t <= target + 4; t++)
    {
      easel_ticks_compute (&axis->ticks, lo, hi, t);
      easel_ticks_clip (&axis->ticks, lo, hi);
      if (axis->ticks.n >= 2)
        break;
    }
}

static void
format_tick (const EaselAxis *axis,
             guint            i,
             char            *buf,
             gsize            size)
{
  easel_ticks_format (&axis->ticks, axis->ticks.values[i], buf, size);
  if (axis->percent)
    g_strlcat (buf, "%", size);
}

static double
max_tick_label_width (EaselChartText  *text,
                      const EaselAxis *axis)
{
  double widest = 0.0;

  for (guint i = 0; i < axis->ticks.n; i++)
    {
      char buf[64];
      double w;

      format_tick (axis, i, buf, sizeof buf);
      easel_chart_text_size (text, EASEL_TEXT_TICK, buf, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static double
max_band_label_width (EaselChartText  *text,
                      const EaselAxis *axis)
{
  double widest = 0.0;

  for (guint i = 0; i < axis->n_bands; i++)
    {
      double w;

      easel_chart_text_size (text, EASEL_TEXT_TICK, axis->bands[i], &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* Do the labels of a horizontal numeric axis of 'length' stay apart? */
static gboolean
x_labels_fit (EaselChartText  *text,
              const EaselAxis *axis,
              double           length)
{
  double widest = max_tick_label_width (text, axis);
  double span = axis->hi - axis->lo;

  if (axis->ticks.n < 2 || span <= 0)
    return TRUE;
  return axis->ticks.step / span * length >= widest + 16.0;
}

static void
fit_x_axis (EaselChartText   *text,
            EaselChartLayout *layout)
{
  EaselAxis saved = layout->x;
  guint target = (guint) CLAMP (layout->plot.width / X_TICK_SPACING, 2, 10);

  for (;;)
    {
      layout->x = saved;
      axis_fit (&layout->x, target);
      if (target <= 2 || x_labels_fit (text, &layout->x, layout->plot.width))
        break;
      target--;
    }
}

void
easel_chart_layout_header (EaselChart       *chart,
                           EaselChartText   *text,
                           EaselChartLayout *layout)
{
  double y = layout->pad;

  layout->title_y = y;
  if (chart->title != NULL && chart->title[0] != '\0')
    {
      double h;

      easel_chart_text_size (text, EASEL_TEXT_TITLE, chart->title, NULL, &h);
      y += h + TITLE_GAP;
    }
  if (layout->n_legend > 0)
    {
      double x = layout->pad, row_h;
      guint rows = 1;

      easel_chart_text_size (text, EASEL_TEXT_TICK, "Ag", NULL, &row_h);
      row_h += 4.0;
      layout->legend_row_height = row_h;
      for (guint i = 0; i < layout->n_legend; i++)
        {
          EaselLegendEntry *e = &layout->legend[i];
          double w;

          easel_chart_text_size (text, EASEL_TEXT_TICK, e->name, &w, NULL);
          w += LEGEND_SWATCH + LEGEND_GAP;
          if (x > layout->pad && x + w > layout->width - layout->pad)
            {
              x = layout->pad;
              rows++;
            }
          e->x = x;
          e->y = y + (rows - 1) * row_h;
          x += w + LEGEND_SPACING;
        }
      y += rows * row_h + TITLE_GAP - 4.0;
    }
  if (layout->ramp_legend)
    {
      double row_h;

      easel_chart_text_size (text, EASEL_TEXT_TICK, "Ag", NULL, &row_h);
      layout->ramp_y = y;
      y += row_h + TITLE_GAP;
    }
  layout->content_top = y;
}

static gboolean
has_band_labels (const EaselAxis *axis)
{
  for (guint i = 0; i < axis->n_bands; i++)
    if (axis->bands[i] != NULL && axis->bands[i][0] != '\0')
      return TRUE;
  return FALSE;
}

/* The titles of the bottom and left axes: the chart's x title names the category axis of a
 * bar or box chart, which runs down the left side when the chart is horizontal. */
static const char *
bottom_title (const EaselChart        *chart,
              const EaselChartLayout  *layout)
{
  return layout->horizontal ? chart->y_label : chart->x_label;
}

static const char *
left_title (const EaselChart        *chart,
            const EaselChartLayout  *layout)
{
  return layout->horizontal ? chart->x_label : chart->y_label;
}

void
easel_chart_layout_axes (EaselChart       *chart,
                         EaselChartText   *text,
                         EaselChartLayout *layout)
{
  double tick_h, label_h, top, bottom, left, right, y_width = 0.0;

  easel_chart_text_size (text, EASEL_TEXT_TICK, "0", NULL, &tick_h);
  easel_chart_text_size (text, EASEL_TEXT_LABEL, "Ag", NULL, &label_h);

  top = layout->content_top;
  if (layout->y.kind == EASEL_AXIS_NUMERIC)
    top += tick_h / 2.0;   /* the top tick label is centred on the top edge */
  else if (chart->title == NULL && layout->n_legend == 0)
    top += 2.0;
  bottom = layout->height - layout->pad;
  if (bottom_title (chart, layout) != NULL)
    bottom -= label_h + LABEL_GAP;
  if (layout->x.kind == EASEL_AXIS_NUMERIC
      || (layout->x.kind == EASEL_AXIS_BANDS && has_band_labels (&layout->x)))
    bottom -= tick_h + TICK_GAP;
  else if (layout->y.kind == EASEL_AXIS_NUMERIC)
    bottom -= tick_h / 2.0;
  layout->plot.y = top;
  layout->plot.height = MAX (bottom - top, 1.0);

  if (layout->y.kind == EASEL_AXIS_NUMERIC)
    {
      axis_fit (&layout->y, (guint) CLAMP (layout->plot.height / Y_TICK_SPACING, 2, 8));
      y_width = max_tick_label_width (text, &layout->y);
    }
  else if (layout->y.kind == EASEL_AXIS_BANDS)
    {
      y_width = MIN (max_band_label_width (text, &layout->y), layout->width * 0.35);
      layout->y.band_label_width = y_width;
    }

  left = layout->pad;
  if (left_title (chart, layout) != NULL)
    left += label_h + LABEL_GAP;
  if (layout->y.kind != EASEL_AXIS_NONE)
    left += y_width + TICK_GAP + 2.0;
  right = layout->width - layout->pad;
  layout->plot.x = left;
  layout->plot.width = MAX (right - left, 1.0);

  if (layout->x.kind == EASEL_AXIS_NUMERIC)
    {
      fit_x_axis (text, layout);
      /* a label centred on the last tick may reach past the edge: make room */
      if (layout->x.ticks.n > 0)
        {
          char buf[64];
          double w, px;

          format_tick (&layout->x, layout->x.ticks.n - 1, buf, sizeof buf);
          easel_chart_text_size (text, EASEL_TEXT_TICK, buf, &w, NULL);
          px = easel_axis_x_to_px (layout, layout->x.ticks.values[layout->x.ticks.n - 1]);
          if (px + w / 2.0 > layout->width - 4.0)
            {
              layout->plot.width -= px + w / 2.0 - (layout->width - 4.0);
              layout->plot.width = MAX (layout->plot.width, 1.0);
              fit_x_axis (text, layout);
            }
        }
    }
  else if (layout->x.kind == EASEL_AXIS_BANDS)
    layout->x.band_label_width = layout->plot.width / MAX (layout->x.n_bands, 1) - 4.0;
}

double
easel_axis_x_to_px (const EaselChartLayout *layout,
                    double                  v)
{
  const EaselAxis *a = &layout->x;

  if (a->kind == EASEL_AXIS_BANDS)
    return layout->plot.x + (v + 0.5) * layout->plot.width / MAX (a->n_bands, 1);
  return layout->plot.x + (v - a->lo) / (a->hi - a->lo) * layout->plot.width;
}

double
easel_axis_y_to_px (const EaselChartLayout *layout,
                    double                  v)
{
  const EaselAxis *a = &layout->y;

  if (a->kind == EASEL_AXIS_BANDS)
    return layout->plot.y + (v + 0.5) * layout->plot.height / MAX (a->n_bands, 1);
  return layout->plot.y + layout->plot.height
         - (v - a->lo) / (a->hi - a->lo) * layout->plot.height;
}

double
easel_axis_px_to_x (const EaselChartLayout *layout,
                    double                  px)
{
  const EaselAxis *a = &layout->x;

  return a->lo + (px - layout->plot.x) / layout->plot.width * (a->hi - a->lo);
}

double
easel_axis_px_to_y (const EaselChartLayout *layout,
                    double                  py)
{
  const EaselAxis *a = &layout->y;

  return a->lo + (layout->plot.y + layout->plot.height - py) / layout->plot.height
                 * (a->hi - a->lo);
}

int
easel_axis_band_at (const EaselAxis *axis,
                    double           start,
                    double           length,
                    double           pos)
{
  double f;

  if (axis->kind != EASEL_AXIS_BANDS || axis->n_bands == 0 || length <= 0)
    return -1;
  f = (pos - start) / length * axis->n_bands;
  if (f < 0 || f >= axis->n_bands)
    return -1;
  return (int) f;
}

/* ---- Drawing ---- */

void
easel_chart_bar_path (cairo_t  *cr,
                      double    x,
                      double    y,
                      double    width,
                      double    height,
                      double    radius,
                      gboolean  horizontal)
{
  double r = MIN (radius, MIN (width, height) / 2.0);

  if (r <= 0.25)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }
  cairo_new_sub_path (cr);
  if (horizontal)
    {
      /* rounded on the right */
      cairo_move_to (cr, x, y);
      cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2.0, 0);
      cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2.0);
      cairo_line_to (cr, x, y + height);
    }
  else
    {
      /* rounded on top */
      cairo_move_to (cr, x, y + height);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3.0 * G_PI / 2.0);
      cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2.0, 0);
      cairo_line_to (cr, x + width, y + height);
    }
  cairo_close_path (cr);
}

void
easel_chart_draw_header (EaselChart             *chart,
                         cairo_t                *cr,
                         EaselChartText         *text,
                         const EaselChartLayout *layout)
{
  if (chart->title != NULL && chart->title[0] != '\0')
    easel_chart_text_draw (text, cr, EASEL_TEXT_TITLE, chart->title,
                           layout->width - 2 * layout->pad,
                           layout->pad, layout->title_y, 0.0, 0.0, &chart->style.foreground);

  for (guint i = 0; i < layout->n_legend; i++)
    {
      const EaselLegendEntry *e = &layout->legend[i];
      double cy = e->y + layout->legend_row_height / 2.0 - 1.0;

      easel_set_source (cr, &e->color);
      if (layout->legend_lines)
        {
          cairo_set_line_width (cr, 2.5);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_move_to (cr, e->x + 1.0, cy);
          cairo_line_to (cr, e->x + LEGEND_SWATCH - 1.0, cy);
          cairo_stroke (cr);
        }
      else
        {
          cairo_arc (cr, e->x + LEGEND_SWATCH / 2.0, cy, LEGEND_SWATCH / 2.0, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, e->name, -1,
                             e->x + LEGEND_SWATCH + LEGEND_GAP, cy, 0.0, 0.5,
                             &chart->style.muted);
    }
}

void
easel_chart_draw_grid (EaselChart             *chart,
                       cairo_t                *cr,
                       const EaselChartLayout *layout,
                       double                  device_scale)
{
  int lw = MAX (1, (int) round (device_scale));
  const EaselRect *p = &layout->plot;

  cairo_save (cr);
  easel_set_source (cr, &chart->style.grid);
  cairo_set_line_width (cr, lw / device_scale);
  if (layout->y.kind == EASEL_AXIS_NUMERIC && layout->y.grid)
    for (guint i = 0; i < layout->y.ticks.n; i++)
      {
        double y = easel_snap_line (easel_axis_y_to_px (layout, layout->y.ticks.values[i]),
                                    device_scale, lw);

        cairo_move_to (cr, p->x, y);
        cairo_line_to (cr, p->x + p->width, y);
      }
  if (layout->x.kind == EASEL_AXIS_NUMERIC && layout->x.grid)
    for (guint i = 0; i < layout->x.ticks.n; i++)
      {
        double x = easel_snap_line (easel_axis_x_to_px (layout, layout->x.ticks.values[i]),
                                    device_scale, lw);

        cairo_move_to (cr, x, p->y);
        cairo_line_to (cr, x, p->y + p->height);
      }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* With more bands than lines of text fit, label every k-th band. */
static guint
band_label_stride (EaselChartText         *text,
                   const EaselChartLayout *layout)
{
  double h, band = layout->plot.height / MAX (layout->y.n_bands, 1);

  easel_chart_text_size (text, EASEL_TEXT_TICK, "Ag", NULL, &h);
  return MAX (1, (guint) ceil ((h + 1.0) / band));
}

void
easel_chart_draw_axes (EaselChart             *chart,
                       cairo_t                *cr,
                       EaselChartText         *text,
                       const EaselChartLayout *layout,
                       double                  device_scale)
{
  const EaselChartStyle *style = &chart->style;
  const EaselRect *p = &layout->plot;
  int lw = MAX (1, (int) round (device_scale));
  double label_h;
  char buf[64];

  easel_chart_text_size (text, EASEL_TEXT_LABEL, "Ag", NULL, &label_h);

  /* y tick labels */
  if (layout->y.kind == EASEL_AXIS_NUMERIC)
    for (guint i = 0; i < layout->y.ticks.n; i++)
      {
        format_tick (&layout->y, i, buf, sizeof buf);
        easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, buf, -1, p->x - TICK_GAP - 2.0,
                               easel_axis_y_to_px (layout, layout->y.ticks.values[i]),
                               1.0, 0.5, &style->muted);
      }
  else if (layout->y.kind == EASEL_AXIS_BANDS)
    for (guint i = 0, stride = band_label_stride (text, layout); i < layout->y.n_bands;
         i += stride)
      easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, layout->y.bands[i],
                             layout->y.band_label_width + 0.5, p->x - TICK_GAP - 2.0,
                             easel_axis_y_to_px (layout, i), 1.0, 0.5, &style->muted);

  /* x tick labels */
  if (layout->x.kind == EASEL_AXIS_NUMERIC)
    for (guint i = 0; i < layout->x.ticks.n; i++)
      {
        format_tick (&layout->x, i, buf, sizeof buf);
        easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, buf, -1,
                               easel_axis_x_to_px (layout, layout->x.ticks.values[i]),
                               p->y + p->height + TICK_GAP, 0.5, 0.0, &style->muted);
      }
  else if (layout->x.kind == EASEL_AXIS_BANDS)
    for (guint i = 0; i < layout->x.n_bands; i++)
      easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, layout->x.bands[i],
                             layout->x.band_label_width, easel_axis_x_to_px (layout, i),
                             p->y + p->height + TICK_GAP, 0.5, 0.0, &style->muted);

  /* the baseline: at zero on a value axis that shows it, else along the plot's edge */
  cairo_save (cr);
  easel_set_source (cr, &style->axis);
  cairo_set_line_width (cr, lw / device_scale);
  if (layout->horizontal)
    {
      double x = p->x;

      if (layout->x.kind == EASEL_AXIS_NUMERIC && layout->x.lo <= 0 && layout->x.hi >= 0)
        x = easel_axis_x_to_px (layout, 0.0);
      x = easel_snap_line (x, device_scale, lw);
      cairo_move_to (cr, x, p->y);
      cairo_line_to (cr, x, p->y + p->height);
    }
  else if (layout->x.kind != EASEL_AXIS_NONE)
    {
      double y = p->y + p->height;

      if (layout->y.kind == EASEL_AXIS_NUMERIC && layout->y.from_zero
          && layout->y.lo <= 0 && layout->y.hi >= 0)
        y = easel_axis_y_to_px (layout, 0.0);
      y = easel_snap_line (y, device_scale, lw);
      cairo_move_to (cr, p->x, y);
      cairo_line_to (cr, p->x + p->width, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* axis titles */
  if (bottom_title (chart, layout) != NULL)
    easel_chart_text_draw (text, cr, EASEL_TEXT_LABEL, bottom_title (chart, layout), p->width,
                           p->x + p->width / 2.0, layout->height - layout->pad,
                           0.5, 1.0, &style->foreground);
  if (left_title (chart, layout) != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, layout->pad, p->y + p->height / 2.0);
      cairo_rotate (cr, -G_PI / 2.0);
      easel_chart_text_draw (text, cr, EASEL_TEXT_LABEL, left_title (chart, layout), p->height,
                             0.0, 0.0, 0.5, 0.0, &style->foreground);
      cairo_restore (cr);
    }
}

void
easel_chart_compute_layout (EaselChart       *chart,
                            EaselChartText   *text,
                            double            width,
                            double            height,
                            EaselChartLayout *layout)
{
  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->pad = MIN (width, height) < 240 ? 8.0 : 16.0;

  easel_chart_ensure_prepared (chart);
  if (chart->klass->is_empty (chart))
    {
      layout->empty = TRUE;
      easel_chart_layout_header (chart, text, layout);
      return;
    }
  chart->klass->layout (chart, text, layout);
}
