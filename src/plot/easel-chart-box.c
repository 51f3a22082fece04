/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "easel-chart-private.h"
#include "easel-error.h"
#include "easel-profile.h"

typedef struct
{
  guint   group;
  gsize   n;
  double  q1, median, q3;
  double  whisker_lo, whisker_hi;   /* the furthest values within 1.5 IQR of the box */
  gsize   first, last;              /* sorted[first..last] lie within the whiskers */
  const double *sorted;             /* borrowed from BoxData.sorted */
} BoxStats;

typedef struct
{
  double    *values;
  gsize      n;
  gint32    *groups;
  char     **names;
  guint      n_groups;
  /* prepared */
  double    *sorted;                /* grouped, each group ascending */
  BoxStats  *boxes;
  guint      n_boxes;
  char     **box_names;             /* borrowed */
  double     lo, hi;
} BoxData;

static void
box_free_data (gpointer data)
{
  BoxData *d = data;

  g_free (d->values);
  g_free (d->groups);
  g_strfreev (d->names);
  g_free (d->sorted);
  g_free (d->boxes);
  g_free (d->box_names);
  g_free (d);
}

static void
box_prepare (EaselChart *chart)
{
  BoxData *d = chart->data;
  g_autofree gsize *count = g_new0 (gsize, d->n_groups + 1);
  g_autofree gsize *start = g_new0 (gsize, d->n_groups + 1);
  g_autofree gsize *fill = g_new0 (gsize, d->n_groups + 1);
  gsize total = 0;

  g_clear_pointer (&d->sorted, g_free);
  g_clear_pointer (&d->boxes, g_free);
  g_clear_pointer (&d->box_names, g_free);

  for (gsize i = 0; i < d->n; i++)
    {
      gint32 g = d->groups != NULL ? d->groups[i] : 0;

      if (isfinite (d->values[i]) && g >= 0 && (guint) g < d->n_groups)
        count[g]++;
    }
  for (guint g = 0; g < d->n_groups; g++)
    {
      start[g] = total;
      total += count[g];
    }
  d->sorted = g_new (double, MAX (total, 1));
  for (gsize i = 0; i < d->n; i++)
    {
      gint32 g = d->groups != NULL ? d->groups[i] : 0;

      if (isfinite (d->values[i]) && g >= 0 && (guint) g < d->n_groups)
        d->sorted[start[g] + fill[g]++] = d->values[i];
    }

  d->boxes = g_new0 (BoxStats, MAX (d->n_groups, 1));
  d->box_names = g_new0 (char *, d->n_groups + 1);
  d->n_boxes = 0;
  d->lo = INFINITY;
  d->hi = -INFINITY;
  for (guint g = 0; g < d->n_groups; g++)
    {
      BoxStats *b = &d->boxes[d->n_boxes];
      double *s = d->sorted + start[g], iqr, fence_lo, fence_hi;
      gsize n = count[g];

      if (n == 0)
        continue;
      easel_sort_doubles (s, n);
      b->group = g;
      b->n = n;
      b->sorted = s;
      b->q1 = easel_quantile_sorted (s, n, 0.25);
      b->median = easel_quantile_sorted (s, n, 0.5);
      b->q3 = easel_quantile_sorted (s, n, 0.75);
      iqr = b->q3 - b->q1;
      fence_lo = b->q1 - 1.5 * iqr;
      fence_hi = b->q3 + 1.5 * iqr;
      b->first = 0;
      while (s[b->first] < fence_lo)
        b->first++;
      b->last = n - 1;
      while (s[b->last] > fence_hi)
        b->last--;
      b->whisker_lo = s[b->first];
      b->whisker_hi = s[b->last];
      d->lo = MIN (d->lo, s[0]);
      d->hi = MAX (d->hi, s[n - 1]);
      d->box_names[d->n_boxes] = d->names[g];
      d->n_boxes++;
    }
}

static gboolean
box_is_empty (EaselChart *chart)
{
  BoxData *d = chart->data;

  return d->n_boxes == 0;
}

static void
box_layout (EaselChart       *chart,
            EaselChartText   *text,
            EaselChartLayout *layout)
{
  BoxData *d = chart->data;
  EaselAxis *bands, *values;
  double widest = 0, estimate;

  easel_chart_layout_header (chart, text, layout);
  for (guint i = 0; i < d->n_boxes; i++)
    {
      double w;

      easel_chart_text_size (text, EASEL_TEXT_TICK, d->box_names[i], &w, NULL);
      widest = MAX (widest, w);
    }
  estimate = layout->width - 2 * layout->pad - 60.0 - (chart->y_label != NULL ? 24.0 : 0.0);
  layout->horizontal = d->n_boxes > 12 || widest > estimate / d->n_boxes - 10.0;

  bands = layout->horizontal ? &layout->y : &layout->x;
  values = layout->horizontal ? &layout->x : &layout->y;
  bands->kind = EASEL_AXIS_BANDS;
  bands->n_bands = d->n_boxes;
  bands->bands = (const char *const *) d->box_names;
  values->kind = EASEL_AXIS_NUMERIC;
  values->mode = EASEL_RANGE_PADDED;
  values->grid = TRUE;
  values->lo = d->lo;
  values->hi = d->hi;
  if (chart->has_y_range)
    {
      values->lo = chart->y_range[0];
      values->hi = chart->y_range[1];
      values->fixed = TRUE;
    }
  easel_chart_layout_axes (chart, text, layout);
}

/* Position along the value axis. */
static double
value_px (const EaselChartLayout *layout,
          double                  v)
{
  return layout->horizontal ? easel_axis_x_to_px (layout, v) : easel_axis_y_to_px (layout, v);
}

/* A 1-device-pixel line across the box axis at value v, from a to b on the band axis. */
static void
cross_line (cairo_t                *cr,
            const EaselChartLayout *layout,
            double                  v,
            double                  a,
            double                  b,
            double                  device_scale,
            int                     width)
{
  double p = easel_snap_line (value_px (layout, v), device_scale, width);

  if (layout->horizontal)
    {
      cairo_move_to (cr, p, a);
      cairo_line_to (cr, p, b);
    }
  else
    {
      cairo_move_to (cr, a, p);
      cairo_line_to (cr, b, p);
    }
}

static void
along_line (cairo_t                *cr,
            const EaselChartLayout *layout,
            double                  c,
            double                  v0,
            double                  v1,
            double                  device_scale)
{
  double p = easel_snap_line (c, device_scale, MAX (1, (int) round (device_scale)));

  if (layout->horizontal)
    {
      cairo_move_to (cr, value_px (layout, v0), p);
      cairo_line_to (cr, value_px (layout, v1), p);
    }
  else
    {
      cairo_move_to (cr, p, value_px (layout, v0));
      cairo_line_to (cr, p, value_px (layout, v1));
    }
}

static void
draw_box (EaselChart             *chart,
          cairo_t                *cr,
          const EaselChartLayout *layout,
          const BoxStats         *b,
          double                  c,
          double                  width,
          const EaselRgba        *color,
          double                  device_scale)
{
  int thin = MAX (1, (int) round (device_scale));
  int thick = MAX (2, (int) round (2.0 * device_scale));
  double a0 = easel_snap_line (c - width / 2.0, device_scale, thin);
  double a1 = easel_snap_line (c + width / 2.0, device_scale, thin);
  double v0 = easel_snap_line (value_px (layout, b->q1), device_scale, thin);
  double v1 = easel_snap_line (value_px (layout, b->q3), device_scale, thin);
  double r = MAX (1.5, 1.0 / device_scale);

  /* whiskers and their caps */
  easel_set_source (cr, color);
  cairo_set_line_width (cr, thin / device_scale);
  along_line (cr, layout, c, b->whisker_lo, b->q1, device_scale);
  along_line (cr, layout, c, b->q3, b->whisker_hi, device_scale);
  cross_line (cr, layout, b->whisker_lo, c - width / 4.0, c + width / 4.0, device_scale, thin);
  cross_line (cr, layout, b->whisker_hi, c - width / 4.0, c + width / 4.0, device_scale, thin);
  cairo_stroke (cr);

  /* the box, filled lightly over the background */
  if (layout->horizontal)
    cairo_rectangle (cr, MIN (v0, v1), a0, fabs (v1 - v0), a1 - a0);
  else
    cairo_rectangle (cr, a0, MIN (v0, v1), a1 - a0, fabs (v1 - v0));
  easel_set_source (cr, &chart->style.background);
  cairo_fill_preserve (cr);
  easel_set_source_alpha (cr, color, 0.25);
  cairo_fill_preserve (cr);
  easel_set_source (cr, color);
  cairo_stroke (cr);

  /* the median */
  cairo_set_line_width (cr, thick / device_scale);
  cross_line (cr, layout, b->median, a0, a1, device_scale, thick);
  cairo_stroke (cr);

  /* outliers */
  easel_set_source_alpha (cr, color, 0.55);
  for (gsize i = 0; i < b->n; i++)
    {
      double v;

      if (i == b->first)
        i = b->last;
      if (i >= b->first && i <= b->last)
        continue;
      v = value_px (layout, b->sorted[i]);
      cairo_new_sub_path (cr);
      if (layout->horizontal)
        cairo_arc (cr, v, c, r + 1.0, 0, 2 * G_PI);
      else
        cairo_arc (cr, c, v, r + 1.0, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
box_draw (EaselChart             *chart,
          cairo_t                *cr,
          EaselChartText         *text,
          const EaselChartLayout *layout,
          double                  device_scale)
{
  BoxData *d = chart->data;
  const EaselRect *p = &layout->plot;
  double band = (layout->horizontal ? p->height : p->width) / d->n_boxes;
  double width = MIN (band * 0.5, 64.0);
  gboolean colorful = d->n_boxes <= chart->style.n_palette && d->n_boxes > 1;

  easel_chart_draw_grid (chart, cr, layout, device_scale);
  cairo_save (cr);
  for (guint i = 0; i < d->n_boxes; i++)
    {
      EaselRgba color = easel_chart_palette_color (&chart->style, colorful ? i : 0);
      double c = layout->horizontal ? easel_axis_y_to_px (layout, i)
                                    : easel_axis_x_to_px (layout, i);

      draw_box (chart, cr, layout, &d->boxes[i], c, width, &color, device_scale);
    }
  cairo_restore (cr);
  easel_chart_draw_axes (chart, cr, text, layout, device_scale);
}

static char *
box_describe (EaselChart             *chart,
              const EaselChartLayout *layout,
              double                  x,
              double                  y)
{
  BoxData *d = chart->data;
  const EaselRect *p = &layout->plot;
  const BoxStats *b;
  char n[48], med[48], q1[48], q3[48], lo[48], hi[48];
  GString *out;
  gsize outliers;
  int i;

  if (x < p->x || x > p->x + p->width || y < p->y || y > p->y + p->height)
    return NULL;
  i = layout->horizontal ? easel_axis_band_at (&layout->y, p->y, p->height, y)
                         : easel_axis_band_at (&layout->x, p->x, p->width, x);
  if (i < 0)
    return NULL;
  b = &d->boxes[i];
  easel_format_number (b->n, n, sizeof n);
  easel_format_number (b->median, med, sizeof med);
  easel_format_number (b->q1, q1, sizeof q1);
  easel_format_number (b->q3, q3, sizeof q3);
  easel_format_number (b->whisker_lo, lo, sizeof lo);
  easel_format_number (b->whisker_hi, hi, sizeof hi);
  outliers = b->n - (b->last - b->first + 1);
  out = g_string_new (NULL);
  if (d->box_names[i][0] != '\0')
    g_string_append_printf (out, "%s\n", d->box_names[i]);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s value", "%s values", b->n), n);
  g_string_append_printf (out, "\n%s %s\n%s %s – %s\n%s %s – %s", _("Median"), med,
                          _("Quartiles"), q1, q3, _("Whiskers"), lo, hi);
  if (outliers > 0)
    {
      g_string_append_c (out, '\n');
      /* (the count as text: xgettext cannot read G_GSIZE_FORMAT inside a message) */
      g_autofree char *count = g_strdup_printf ("%" G_GSIZE_FORMAT, outliers);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s outlier", "%s outliers",
                                                outliers), count);
    }
  return g_string_free (out, FALSE);
}

const EaselChartClass easel_box_chart_class = {
  .free_data = box_free_data,
  .prepare = box_prepare,
  .is_empty = box_is_empty,
  .layout = box_layout,
  .draw = box_draw,
  .describe = box_describe,
};

EaselChart *
easel_chart_new_box (const double      *values,
                     gsize              n,
                     const gint32      *groups,
                     const char *const *group_names,
                     guint              n_groups)
{
  BoxData *d = g_new0 (BoxData, 1);

  d->values = g_memdup2 (values, n * sizeof (double));
  d->n = n;
  if (groups != NULL && n_groups > 0)
    {
      d->groups = g_memdup2 (groups, n * sizeof (gint32));
      d->names = easel_chart_copy_names (group_names, n_groups);
      d->n_groups = n_groups;
    }
  else
    {
      d->names = easel_chart_copy_names (NULL, 1);
      d->n_groups = 1;
    }
  return easel_chart_alloc (EASEL_CHART_BOX, &easel_box_chart_class, d);
}

EaselChart *
easel_chart_new_box_from_columns (const EaselColumn  *values,
                                  const EaselColumn  *by,
                                  GError            **error)
{
  g_autofree double *v = NULL;
  g_autofree gint32 *codes = NULL;
  g_auto (GStrv) names = NULL;
  guint n_names = 0;
  EaselChart *chart;

  g_return_val_if_fail (values != NULL, NULL);

  if (by != NULL && by->n_rows != values->n_rows)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("Cannot draw box plots of “%s” by “%s”: the columns have different "
                     "numbers of rows."), values->name, by->name);
      return NULL;
    }
  v = easel_chart_column_numbers (values, _("box plot"), error);
  if (v == NULL)
    return NULL;
  if (by != NULL
      && !easel_chart_column_groups (by, _("box plot"), &codes, &names, &n_names, error))
    return NULL;
  if (by == NULL)
    {
      chart = easel_chart_new_box (v, values->n_rows, NULL, NULL, 0);
      easel_chart_set_y_label (chart, values->name);
      return chart;
    }
  chart = easel_chart_new_box (v, values->n_rows, codes, (const char *const *) names, n_names);
  easel_chart_set_x_label (chart, by->name);
  easel_chart_set_y_label (chart, values->name);
  return chart;
}
