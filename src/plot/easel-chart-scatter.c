/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-chart-private.h"
#include "easel-error.h"

#define OTHER_SLOT 255
#define HOVER_RADIUS 10.0

typedef struct
{
  double   *x;
  double   *y;
  gsize     n;
  gint32   *groups;         /* NULL, or a code per point (-1 = none) */
  char    **group_names;
  guint     n_groups;

  /* prepared */
  gsize     n_finite;
  double    x_min, x_max, y_min, y_max;
  guint8   *slot;           /* per group: a palette index or OTHER_SLOT */
  gboolean  any_other;
  gboolean  any_ungrouped;  /* points with group -1: drawn as "Missing" */
  gboolean  density;

  /* the density grid, for one plot size */
  guint     grid_width, grid_height;
  double    grid_scale;
  double    grid_x_lo, grid_x_hi, grid_y_lo, grid_y_hi;
  guint32  *counts;
  float    *rgb;            /* groups: linear-light colour sums, 3 per cell */
  guint64   total;
  guint32   max_count;
} ScatterData;

typedef struct
{
  gsize  count;
  guint  group;
} GroupCount;

static void
clear_grid (ScatterData *d)
{
  g_clear_pointer (&d->counts, g_free);
  g_clear_pointer (&d->rgb, g_free);
  d->grid_width = d->grid_height = 0;
  d->total = 0;
  d->max_count = 0;
}

static void
scatter_free_data (gpointer data)
{
  ScatterData *d = data;

  clear_grid (d);
  g_free (d->x);
  g_free (d->y);
  g_free (d->groups);
  g_strfreev (d->group_names);
  g_free (d->slot);
  g_free (d);
}

static int
compare_group_counts (const void *a,
                      const void *b)
{
  const GroupCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->group < y->group ? -1 : (x->group > y->group);
}

/* Colours go to groups in their own order; with more groups than colours the biggest
 * keep theirs and the rest share the "Other" colour. */
static void
assign_slots (EaselChart  *chart,
              ScatterData *d,
              const gsize *counts)
{
  guint n_colors = MAX (chart->style.n_palette, 1);

  g_free (d->slot);
  d->slot = g_new (guint8, MAX (d->n_groups, 1));
  d->any_other = FALSE;
  if (d->n_groups <= n_colors)
    {
      for (guint g = 0; g < d->n_groups; g++)
        d->slot[g] = (guint8) g;
      return;
    }
  {
    g_autofree GroupCount *ranked = g_new (GroupCount, d->n_groups);
    guint next = 0;
    g_autofree gboolean *keep = g_new0 (gboolean, d->n_groups);

    for (guint g = 0; g < d->n_groups; g++)
      {
        ranked[g].count = counts[g];
        ranked[g].group = g;
      }
    qsort (ranked, d->n_groups, sizeof *ranked, compare_group_counts);
    for (guint r = 0; r < n_colors - 1; r++)
      keep[ranked[r].group] = TRUE;
    for (guint g = 0; g < d->n_groups; g++)
      {
        d->slot[g] = keep[g] ? (guint8) next++ : OTHER_SLOT;
        if (!keep[g] && counts[g] > 0)
          d->any_other = TRUE;
      }
  }
}

static void
scatter_prepare (EaselChart *chart)
{
  ScatterData *d = chart->data;
  g_autofree gsize *counts = g_new0 (gsize, MAX (d->n_groups, 1));
  double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;
  gsize n_finite = 0;

  d->any_ungrouped = FALSE;
  for (gsize i = 0; i < d->n; i++)
    {
      double x = d->x[i], y = d->y[i];

      if (!isfinite (x) || !isfinite (y))
        continue;
      n_finite++;
      x_min = MIN (x_min, x);
      x_max = MAX (x_max, x);
      y_min = MIN (y_min, y);
      y_max = MAX (y_max, y);
      if (d->groups != NULL && d->groups[i] >= 0 && (guint) d->groups[i] < d->n_groups)
        counts[d->groups[i]]++;
      else if (d->groups != NULL)
        d->any_ungrouped = TRUE;
    }
  d->n_finite = n_finite;
  d->x_min = x_min;
  d->x_max = x_max;
  d->y_min = y_min;
  d->y_max = y_max;
  if (d->groups != NULL)
    assign_slots (chart, d, counts);
  d->density = chart->density == EASEL_DENSITY_ALWAYS
               || (chart->density == EASEL_DENSITY_AUTO
                   && n_finite > EASEL_CHART_DENSITY_THRESHOLD);
  clear_grid (d);
}

static gboolean
scatter_is_empty (EaselChart *chart)
{
  ScatterData *d = chart->data;

  return d->n_finite == 0;
}

static EaselRgba
group_color (EaselChart  *chart,
             ScatterData *d,
             gint32       group)
{
  if (d->groups == NULL)
    return easel_chart_palette_color (&chart->style, 0);
  if (group < 0 || (guint) group >= d->n_groups || d->slot[group] == OTHER_SLOT)
    return chart->style.other;
  return easel_chart_palette_color (&chart->style, d->slot[group]);
}

static void
scatter_layout (EaselChart       *chart,
                EaselChartText   *text,
                EaselChartLayout *layout)
{
  ScatterData *d = chart->data;

  if (d->groups != NULL)
    {
      for (guint g = 0; g < d->n_groups && layout->n_legend < EASEL_LEGEND_MAX - 1; g++)
        if (d->slot[g] != OTHER_SLOT)
          {
            layout->legend[layout->n_legend].name = d->group_names[g];
            layout->legend[layout->n_legend].color = group_color (chart, d, (gint32) g);
            layout->n_legend++;
          }
      if (d->any_other || d->any_ungrouped)
        {
          layout->legend[layout->n_legend].name = d->any_other ? _("Other") : _("Missing");
          layout->legend[layout->n_legend].color = chart->style.other;
          layout->n_legend++;
        }
    }
  layout->ramp_legend = d->density && d->groups == NULL;
  easel_chart_layout_header (chart, text, layout);

  layout->x.kind = layout->y.kind = EASEL_AXIS_NUMERIC;
  layout->x.mode = layout->y.mode = EASEL_RANGE_PADDED;
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

/* The grid covers the device pixels the plot area touches, edge to edge, so that each
 * cell is exactly one pixel on screen; returns the data range those edges stand for. */
static void
grid_geometry (const EaselChartLayout *layout,
               double                  device_scale,
               guint                  *width,
               guint                  *height,
               double                 *x_lo,
               double                 *x_hi,
               double                 *y_lo,
               double                 *y_hi)
{
  const EaselRect *p = &layout->plot;
  double left = floor (p->x * device_scale + 1e-6);
  double right = MAX (ceil ((p->x + p->width) * device_scale - 1e-6), left + 1);
  double top = floor (p->y * device_scale + 1e-6);
  double bottom = MAX (ceil ((p->y + p->height) * device_scale - 1e-6), top + 1);

  *width = (guint) (right - left);
  *height = (guint) (bottom - top);
  *x_lo = easel_axis_px_to_x (layout, left / device_scale);
  *x_hi = easel_axis_px_to_x (layout, right / device_scale);
  *y_hi = easel_axis_px_to_y (layout, top / device_scale);
  *y_lo = easel_axis_px_to_y (layout, bottom / device_scale);
}

static gboolean
scatter_needs_prepare_size (const EaselChart       *chart,
                            const EaselChartLayout *layout,
                            double                  device_scale)
{
  ScatterData *d = chart->data;
  double x_lo, x_hi, y_lo, y_hi;
  guint w, h;

  if (!d->density)
    return FALSE;
  grid_geometry (layout, device_scale, &w, &h, &x_lo, &x_hi, &y_lo, &y_hi);
  return d->counts == NULL || w != d->grid_width || h != d->grid_height
         || d->grid_x_lo != x_lo || d->grid_x_hi != x_hi
         || d->grid_y_lo != y_lo || d->grid_y_hi != y_hi;
}

/* Count the points falling in each device pixel of the plot area. */
static void
scatter_prepare_size (EaselChart             *chart,
                      const EaselChartLayout *layout,
                      double                  device_scale)
{
  ScatterData *d = chart->data;
  float slot_rgb[EASEL_CHART_MAX_PALETTE + 1][3];
  double x_lo, x_hi, y_lo, y_hi, sx, sy;
  guint w, h, max_count = 0;
  guint64 total = 0;

  if (!d->density || !scatter_needs_prepare_size (chart, layout, device_scale))
    return;
  clear_grid (d);
  grid_geometry (layout, device_scale, &w, &h, &x_lo, &x_hi, &y_lo, &y_hi);
  d->grid_width = w;
  d->grid_height = h;
  d->grid_scale = device_scale;
  d->grid_x_lo = x_lo;
  d->grid_x_hi = x_hi;
  d->grid_y_lo = y_lo;
  d->grid_y_hi = y_hi;
  d->counts = g_new0 (guint32, (gsize) w * h);
  sx = w / (x_hi - x_lo);
  sy = h / (y_hi - y_lo);

  if (d->groups != NULL)
    {
      d->rgb = g_new0 (float, (gsize) w * h * 3);
      for (guint s = 0; s <= EASEL_CHART_MAX_PALETTE; s++)
        {
          EaselRgba c = s < EASEL_CHART_MAX_PALETTE ? easel_chart_palette_color (&chart->style, s)
                                                    : chart->style.other;

          slot_rgb[s][0] = (float) easel_srgb_to_linear (c.red);
          slot_rgb[s][1] = (float) easel_srgb_to_linear (c.green);
          slot_rgb[s][2] = (float) easel_srgb_to_linear (c.blue);
        }
    }

  for (gsize i = 0; i < d->n; i++)
    {
      double fx = (d->x[i] - x_lo) * sx, fy = (y_hi - d->y[i]) * sy;
      gsize cell;
      guint col, row;

      /* also false for NaN and points outside a fixed range */
      if (!(fx >= 0.0 && fx <= w && fy >= 0.0 && fy <= h))
        continue;
      col = MIN ((guint) fx, w - 1);
      row = MIN ((guint) fy, h - 1);
      cell = (gsize) row * w + col;
      d->counts[cell]++;
      max_count = MAX (max_count, d->counts[cell]);
      total++;
      if (d->rgb != NULL)
        {
          gint32 g = d->groups[i];
          guint s = (g < 0 || (guint) g >= d->n_groups || d->slot[g] == OTHER_SLOT)
                    ? EASEL_CHART_MAX_PALETTE : d->slot[g] % MAX (chart->style.n_palette, 1);

          d->rgb[cell * 3] += slot_rgb[s][0];
          d->rgb[cell * 3 + 1] += slot_rgb[s][1];
          d->rgb[cell * 3 + 2] += slot_rgb[s][2];
        }
    }
  d->total = total;
  d->max_count = max_count;
}

static guint32
premultiplied (double r,
               double g,
               double b,
               double a)
{
  guint32 ia = (guint32) round (CLAMP (a, 0.0, 1.0) * 255.0);

  return (ia << 24)
         | ((guint32) round (CLAMP (r, 0.0, 1.0) * ia) << 16)
         | ((guint32) round (CLAMP (g, 0.0, 1.0) * ia) << 8)
         | (guint32) round (CLAMP (b, 0.0, 1.0) * ia);
}

/* The grid as an image: log-scaled counts through a perceptual ramp, or for groups the
 * mean colour of the points in each pixel, more opaque where there are more. */
static cairo_surface_t *
density_image (EaselChart  *chart,
               ScatterData *d)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) d->grid_width,
                                                         (int) d->grid_height);
  guint32 lut[256];
  double log_max = log1p ((double) d->max_count);
  int stride = cairo_image_surface_get_stride (surface);
  guchar *pixels = cairo_image_surface_get_data (surface);

  for (int i = 0; i < 256; i++)
    {
      EaselRgba c = easel_ramp_density (&chart->style, i / 255.0);

      lut[i] = premultiplied (c.red, c.green, c.blue, 1.0);
    }
  cairo_surface_flush (surface);
  for (guint row = 0; row < d->grid_height; row++)
    {
      guint32 *out = (guint32 *) (void *) (pixels + (gsize) row * stride);

      for (guint col = 0; col < d->grid_width; col++)
        {
          gsize cell = (gsize) row * d->grid_width + col;
          guint32 c = d->counts[cell];
          double t;

          if (c == 0)
            {
              out[col] = 0;
              continue;
            }
          t = log_max > 0 ? log1p ((double) c) / log_max : 1.0;
          if (d->rgb == NULL)
            out[col] = lut[(int) round (t * 255.0)];
          else
            out[col] = premultiplied (easel_linear_to_srgb (d->rgb[cell * 3] / c),
                                      easel_linear_to_srgb (d->rgb[cell * 3 + 1] / c),
                                      easel_linear_to_srgb (d->rgb[cell * 3 + 2] / c),
                                      0.55 + 0.45 * t);
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
draw_density (EaselChart             *chart,
              ScatterData            *d,
              cairo_t                *cr,
              const EaselChartLayout *layout,
              double                  device_scale)
{
  cairo_surface_t *image;
  cairo_pattern_t *pattern;
  double x0, x1, y0, y1;
  gboolean exact;

  /* without a grid prepared for this size, draw the one there is (stretched) until the
   * caller prepares again; with none at all, bin now */
  if (d->counts == NULL)
    scatter_prepare_size (chart, layout, device_scale);
  exact = !scatter_needs_prepare_size (chart, layout, device_scale);

  x0 = easel_axis_x_to_px (layout, d->grid_x_lo);
  x1 = easel_axis_x_to_px (layout, d->grid_x_hi);
  y0 = easel_axis_y_to_px (layout, d->grid_y_hi);
  y1 = easel_axis_y_to_px (layout, d->grid_y_lo);
  image = density_image (chart, d);
  cairo_save (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, (x1 - x0) / d->grid_width, (y1 - y0) / d->grid_height);
  cairo_set_source_surface (cr, image, 0, 0);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_filter (pattern, exact ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

/* "▬▬▬ 1 to 2,345 points per pixel" above the plot */
static void
draw_ramp_legend (EaselChart             *chart,
                  ScatterData            *d,
                  cairo_t                *cr,
                  EaselChartText         *text,
                  const EaselChartLayout *layout)
{
  cairo_pattern_t *gradient;
  double x = layout->pad, h, w = 72.0;
  g_autofree char *label = NULL;
  char max[48];

  easel_chart_text_size (text, EASEL_TEXT_TICK, "Ag", NULL, &h);
  gradient = cairo_pattern_create_linear (x, 0, x + w, 0);
  for (int i = 0; i <= 8; i++)
    {
      EaselRgba c = easel_ramp_density (&chart->style, i / 8.0);

      cairo_pattern_add_color_stop_rgb (gradient, i / 8.0, c.red, c.green, c.blue);
    }
  cairo_rectangle (cr, x, layout->ramp_y + h / 2.0 - 4.0, w, 8.0);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  easel_format_number (d->max_count, max, sizeof max);
  /* Translators: the colour scale of a density plot, "1 to 2,345 points per pixel" */
  label = g_strdup_printf (_("1 to %s points per pixel (log scale)"), max);
  easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, label, -1, x + w + 8.0,
                         layout->ramp_y + h / 2.0, 0.0, 0.5, &chart->style.muted);
}

static void
draw_points (EaselChart             *chart,
             ScatterData            *d,
             cairo_t                *cr,
             const EaselChartLayout *layout)
{
  gsize n = d->n_finite;
  /* fewer points: bigger and more opaque; many: small and light so overlaps show */
  double r = n < 1000 ? 3.0 : n < 10000 ? 2.2 : 1.6;
  double alpha = n < 500 ? 0.85 : n < 5000 ? 0.65 : n < 50000 ? 0.4 : 0.25;
  gint32 last_group = G_MININT32;
  EaselRgba color = easel_chart_palette_color (&chart->style, 0);

  easel_set_source_alpha (cr, &color, alpha);
  for (gsize i = 0; i < d->n; i++)
    {
      double x = d->x[i], y = d->y[i];

      if (!isfinite (x) || !isfinite (y))
        continue;
      if (d->groups != NULL && d->groups[i] != last_group)
        {
          last_group = d->groups[i];
          color = group_color (chart, d, last_group);
          easel_set_source_alpha (cr, &color, alpha);
        }
      cairo_new_sub_path (cr);
      cairo_arc (cr, easel_axis_x_to_px (layout, x), easel_axis_y_to_px (layout, y), r, 0,
                 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
scatter_draw (EaselChart             *chart,
              cairo_t                *cr,
              EaselChartText         *text,
              const EaselChartLayout *layout,
              double                  device_scale)
{
  ScatterData *d = chart->data;
  const EaselRect *p = &layout->plot;

  easel_chart_draw_grid (chart, cr, layout, device_scale);
  cairo_save (cr);
  cairo_rectangle (cr, p->x - 4, p->y - 4, p->width + 8, p->height + 8);
  cairo_clip (cr);
  if (d->density)
    draw_density (chart, d, cr, layout, device_scale);
  else
    draw_points (chart, d, cr, layout);
  cairo_restore (cr);
  if (layout->ramp_legend && d->counts != NULL)
    draw_ramp_legend (chart, d, cr, text, layout);
  easel_chart_draw_axes (chart, cr, text, layout, device_scale);
}

static void
append_coordinates (GString    *out,
                    EaselChart *chart,
                    double      x,
                    double      y)
{
  char bx[48], by[48];

  easel_format_number (x, bx, sizeof bx);
  easel_format_number (y, by, sizeof by);
  g_string_append_printf (out, "%s: %s\n%s: %s",
                          chart->x_label != NULL ? chart->x_label : "x", bx,
                          chart->y_label != NULL ? chart->y_label : "y", by);
}

static char *
scatter_describe (EaselChart             *chart,
                  const EaselChartLayout *layout,
                  double                  x,
                  double                  y)
{
  ScatterData *d = chart->data;
  const EaselRect *p = &layout->plot;
  double best = HOVER_RADIUS * HOVER_RADIUS;
  gssize found = -1;
  GString *out;

  if (x < p->x || x > p->x + p->width || y < p->y || y > p->y + p->height)
    return NULL;

  if (d->density && d->counts != NULL)
    {
      guint col = (guint) ((easel_axis_px_to_x (layout, x) - d->grid_x_lo)
                           / (d->grid_x_hi - d->grid_x_lo) * d->grid_width);
      guint row = (guint) ((d->grid_y_hi - easel_axis_px_to_y (layout, y))
                           / (d->grid_y_hi - d->grid_y_lo) * d->grid_height);
      guint32 count;
      char buf[48];

      if (col >= d->grid_width || row >= d->grid_height)
        return NULL;
      count = d->counts[(gsize) row * d->grid_width + col];
      if (count == 0)
        return NULL;
      out = g_string_new (NULL);
      append_coordinates (out, chart, easel_axis_px_to_x (layout, x),
                          easel_axis_px_to_y (layout, y));
      easel_format_number (count, buf, sizeof buf);
      g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s point here",
                                                "%s points here", count), buf);
      return g_string_free (out, FALSE);
    }

  for (gsize i = 0; i < d->n; i++)
    {
      double dx, dy;

      if (!isfinite (d->x[i]) || !isfinite (d->y[i]))
        continue;
      dx = easel_axis_x_to_px (layout, d->x[i]) - x;
      dy = easel_axis_y_to_px (layout, d->y[i]) - y;
      if (dx * dx + dy * dy < best)
        {
          best = dx * dx + dy * dy;
          found = (gssize) i;
        }
    }
  if (found < 0)
    return NULL;
  out = g_string_new (NULL);
  append_coordinates (out, chart, d->x[found], d->y[found]);
  if (d->groups != NULL && d->groups[found] >= 0 && (guint) d->groups[found] < d->n_groups)
    g_string_append_printf (out, "\n%s", d->group_names[d->groups[found]]);
  return g_string_free (out, FALSE);
}

const EaselChartClass easel_scatter_chart_class = {
  .free_data = scatter_free_data,
  .prepare = scatter_prepare,
  .is_empty = scatter_is_empty,
  .layout = scatter_layout,
  .prepare_size = scatter_prepare_size,
  .needs_prepare_size = scatter_needs_prepare_size,
  .draw = scatter_draw,
  .describe = scatter_describe,
};

char **
easel_chart_copy_names (const char *const *names,
            guint              n)
{
  char **out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (names != NULL && names[i] != NULL ? names[i] : "");
  return out;
}

EaselChart *
easel_chart_new_scatter (const double      *x,
                         const double      *y,
                         gsize              n,
                         const gint32      *groups,
                         const char *const *group_names,
                         guint              n_groups)
{
  ScatterData *d = g_new0 (ScatterData, 1);

  d->n = n;
  d->x = g_memdup2 (x, n * sizeof (double));
  d->y = g_memdup2 (y, n * sizeof (double));
  if (groups != NULL && n_groups > 0)
    {
      d->groups = g_memdup2 (groups, n * sizeof (gint32));
      d->group_names = easel_chart_copy_names (group_names, n_groups);
      d->n_groups = n_groups;
    }
  return easel_chart_alloc (EASEL_CHART_SCATTER, &easel_scatter_chart_class, d);
}

double *
easel_chart_column_numbers (const EaselColumn  *column,
                            const char         *chart_name,
                            GError            **error)
{
  double *v;

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
      if (column->n_rows == 0)
        return g_new0 (double, 1);
      return g_memdup2 (column->num, column->n_rows * sizeof (double));
    case EASEL_COLUMN_BOOLEAN:
      v = g_new (double, MAX (column->n_rows, 1));
      for (gsize i = 0; i < column->n_rows; i++)
        v[i] = easel_column_is_missing (column, i) ? NAN : column->bools[i];
      return v;
    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_TEXT:
    case EASEL_COLUMN_DATETIME:
    case EASEL_N_COLUMN_TYPES:
    default:
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                   /* Translators: "Cannot draw a scatter plot with column “x”: ..." */
                   _("Cannot draw a %s with column “%s”: it holds %s values, not numbers."),
                   chart_name, column->name, easel_column_type_to_string (column->type));
      return NULL;
    }
}

gboolean
easel_chart_column_groups (const EaselColumn  *column,
                           const char         *chart_name,
                           gint32            **codes,
                           char             ***names,
                           guint              *n_names,
                           GError            **error)
{
  switch (column->type)
    {
    case EASEL_COLUMN_CATEGORICAL:
      *codes = g_memdup2 (column->codes, column->n_rows * sizeof (gint32));
      *names = easel_chart_copy_names ((const char *const *) column->categories,
                                       column->n_categories);
      *n_names = column->n_categories;
      return TRUE;
    case EASEL_COLUMN_BOOLEAN:
      *codes = g_new (gint32, MAX (column->n_rows, 1));
      for (gsize i = 0; i < column->n_rows; i++)
        (*codes)[i] = easel_column_is_missing (column, i) ? -1 : column->bools[i];
      *names = g_new0 (char *, 3);
      (*names)[0] = g_strdup ("false");
      (*names)[1] = g_strdup ("true");
      *n_names = 2;
      return TRUE;
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_TEXT:
    case EASEL_COLUMN_DATETIME:
    case EASEL_N_COLUMN_TYPES:
    default:
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                   _("Cannot group a %s by column “%s”: it holds %s values; groups come "
                     "from a categorical or boolean column."),
                   chart_name, column->name, easel_column_type_to_string (column->type));
      return FALSE;
    }
}

EaselChart *
easel_chart_new_scatter_from_columns (const EaselColumn  *x,
                                      const EaselColumn  *y,
                                      const EaselColumn  *color,
                                      GError            **error)
{
  g_autofree double *xv = NULL, *yv = NULL;
  g_autofree gint32 *codes = NULL;
  g_auto (GStrv) names = NULL;
  guint n_names = 0;
  EaselChart *chart;

  g_return_val_if_fail (x != NULL && y != NULL, NULL);

  if (x->n_rows != y->n_rows || (color != NULL && color->n_rows != x->n_rows))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("Cannot draw a scatter plot of “%s” against “%s”: the columns have "
                     "different numbers of rows."), y->name, x->name);
      return NULL;
    }
  xv = easel_chart_column_numbers (x, _("scatter plot"), error);
  if (xv == NULL)
    return NULL;
  yv = easel_chart_column_numbers (y, _("scatter plot"), error);
  if (yv == NULL)
    return NULL;
  if (color != NULL
      && !easel_chart_column_groups (color, _("scatter plot"), &codes, &names, &n_names, error))
    return NULL;

  chart = easel_chart_new_scatter (xv, yv, x->n_rows, codes,
                                   (const char *const *) names, n_names);
  easel_chart_set_x_label (chart, x->name);
  easel_chart_set_y_label (chart, y->name);
  return chart;
}

const guint32 *
easel_chart_get_density_grid (const EaselChart *chart,
                              guint            *grid_width,
                              guint            *grid_height,
                              guint64          *total)
{
  ScatterData *d;

  g_return_val_if_fail (chart != NULL, NULL);

  if (chart->kind != EASEL_CHART_SCATTER)
    return NULL;
  d = chart->data;
  if (grid_width != NULL)
    *grid_width = d->grid_width;
  if (grid_height != NULL)
    *grid_height = d->grid_height;
  if (total != NULL)
    *total = d->total;
  return d->counts;
}
