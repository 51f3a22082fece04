/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "easel-chart-private.h"

#define IMAGE_GAP     8.0
#define CAPTION_GAP   3.0
#define MAX_CELL      160.0

typedef struct
{
  double  *pixels;
  guint    n_images;
  guint    width, height;
  double   lo, hi;
  char   **captions;      /* NULL or n_images strings */
} ImageGridData;

static void
image_grid_free_data (gpointer data)
{
  ImageGridData *d = data;

  g_free (d->pixels);
  g_strfreev (d->captions);
  g_free (d);
}

static gboolean
image_grid_is_empty (EaselChart *chart)
{
  ImageGridData *d = chart->data;

  return d->n_images == 0 || d->width == 0 || d->height == 0;
}

static double
caption_height (EaselChart     *chart,
                EaselChartText *text)
{
  ImageGridData *d = chart->data;
  double h;

  if (d->captions == NULL)
    return 0;
  easel_chart_text_size (text, EASEL_TEXT_SMALL, "Ag", NULL, &h);
  return h + CAPTION_GAP;
}

static void
image_grid_layout (EaselChart       *chart,
                   EaselChartText   *text,
                   EaselChartLayout *layout)
{
  ImageGridData *d = chart->data;
  double caption_h, avail_w, avail_h, best = 0;
  guint best_cols = 1, first = 1, last = d->n_images;

  easel_chart_layout_header (chart, text, layout);
  caption_h = caption_height (chart, text);
  avail_w = layout->width - 2 * layout->pad;
  avail_h = layout->height - layout->pad - layout->content_top;

  if (chart->image_columns > 0)
    first = last = MIN (chart->image_columns, d->n_images);
  /* the column count that gives the biggest images */
  for (guint cols = first; cols <= last; cols++)
    {
      guint rows = (d->n_images + cols - 1) / cols;
      double sw = (avail_w - (cols - 1) * IMAGE_GAP) / cols / d->width;
      double sh = ((avail_h - (rows - 1) * IMAGE_GAP) / rows - caption_h) / d->height;
      double s = MIN (sw, sh);

      if (s > best + 1e-9)
        {
          best = s;
          best_cols = cols;
        }
    }
  best = MIN (MAX (best, 0.1), MAX_CELL / MAX (d->width, d->height));

  layout->grid_cols = best_cols;
  layout->grid_rows = (d->n_images + best_cols - 1) / best_cols;
  layout->cell_width = d->width * best;
  layout->cell_height = d->height * best + caption_h;
  layout->cell_gap = IMAGE_GAP;
  layout->grid.width = best_cols * layout->cell_width + (best_cols - 1) * IMAGE_GAP;
  layout->grid.height = layout->grid_rows * layout->cell_height
                        + (layout->grid_rows - 1) * IMAGE_GAP;
  layout->grid.x = layout->pad + MAX (0.0, (avail_w - layout->grid.width) / 2.0);
  layout->grid.y = layout->content_top;
  layout->plot = layout->grid;
}

static void
image_grid_draw (EaselChart             *chart,
                 cairo_t                *cr,
                 EaselChartText         *text,
                 const EaselChartLayout *layout,
                 double                  device_scale)
{
  ImageGridData *d = chart->data;
  const EaselChartStyle *style = &chart->style;
  EaselRgba ink = style->foreground, paper;
  double image_h = layout->cell_height - caption_height (chart, text);
  double unit = image_h / d->height, snapped;
  guint32 lut[256];
  int lw = MAX (1, (int) round (device_scale));

  /* paper: the background, a shade towards the ink so blank images still show */
  ink.alpha = 1.0;
  paper = easel_rgba_mix (&style->background, &ink, style->dark ? 0.07 : 0.04);
  paper.alpha = 1.0;
  for (int i = 0; i < 256; i++)
    {
      EaselRgba c = easel_rgba_mix (&paper, &ink, i / 255.0);

      lut[i] = 0xff000000u | ((guint32) round (c.red * 255) << 16)
               | ((guint32) round (c.green * 255) << 8) | (guint32) round (c.blue * 255);
    }
  /* whole device pixels per image pixel keep the squares crisp */
  snapped = unit * device_scale >= 1.0 ? floor (unit * device_scale + 1e-6) / device_scale
                                       : unit;

  for (guint k = 0; k < d->n_images; k++)
    {
      guint col = k % layout->grid_cols, row = k / layout->grid_cols;
      double cx = layout->grid.x + col * (layout->cell_width + IMAGE_GAP);
      double cy = layout->grid.y + row * (layout->cell_height + IMAGE_GAP);
      double w = snapped * d->width, h = snapped * d->height;
      double x0 = easel_snap_edge (cx + (layout->cell_width - w) / 2.0, device_scale);
      double y0 = easel_snap_edge (cy + (image_h - h) / 2.0, device_scale);
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) d->width,
                                                           (int) d->height);
      int stride = cairo_image_surface_get_stride (image);
      guchar *pixels = cairo_image_surface_get_data (image);
      const double *src = d->pixels + (gsize) k * d->width * d->height;

      cairo_surface_flush (image);
      for (guint y = 0; y < d->height; y++)
        {
          guint32 *out = (guint32 *) (void *) (pixels + (gsize) y * stride);

          for (guint x = 0; x < d->width; x++)
            {
              double t = (src[(gsize) y * d->width + x] - d->lo) / (d->hi - d->lo);

              out[x] = lut[isfinite (t) ? (int) round (CLAMP (t, 0.0, 1.0) * 255) : 0];
            }
        }
      cairo_surface_mark_dirty (image);

      cairo_save (cr);
      cairo_rectangle (cr, x0, y0, w, h);
      cairo_clip (cr);
      cairo_translate (cr, x0, y0);
      cairo_scale (cr, snapped, snapped);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (image);

      /* a hairline frame */
      cairo_save (cr);
      cairo_set_line_width (cr, lw / device_scale);
      easel_set_source (cr, &style->grid);
      cairo_rectangle (cr, easel_snap_line (x0 - 1.0 / device_scale, device_scale, lw),
                       easel_snap_line (y0 - 1.0 / device_scale, device_scale, lw),
                       easel_snap_edge (w + 1.0 / device_scale, device_scale),
                       easel_snap_edge (h + 1.0 / device_scale, device_scale));
      cairo_stroke (cr);
      cairo_restore (cr);

      if (d->captions != NULL)
        easel_chart_text_draw (text, cr, EASEL_TEXT_SMALL, d->captions[k],
                               layout->cell_width + IMAGE_GAP - 2.0,
                               cx + layout->cell_width / 2.0, y0 + h + CAPTION_GAP,
                               0.5, 0.0, &style->muted);
    }
}

static char *
image_grid_describe (EaselChart             *chart,
                     const EaselChartLayout *layout,
                     double                  x,
                     double                  y)
{
  ImageGridData *d = chart->data;
  const EaselRect *g = &layout->grid;
  guint col, row, k;
  double fx, fy;

  if (x < g->x || y < g->y)
    return NULL;
  fx = (x - g->x) / (layout->cell_width + IMAGE_GAP);
  fy = (y - g->y) / (layout->cell_height + IMAGE_GAP);
  col = (guint) fx;
  row = (guint) fy;
  /* in the gap between two images: nothing */
  if (col >= layout->grid_cols || (fx - col) * (layout->cell_width + IMAGE_GAP) > layout->cell_width
      || (fy - row) * (layout->cell_height + IMAGE_GAP) > layout->cell_height)
    return NULL;
  k = row * layout->grid_cols + col;
  if (k >= d->n_images)
    return NULL;
  if (d->captions != NULL && d->captions[k][0] != '\0')
    return g_strdup_printf (_("Image %u: %s"), k + 1, d->captions[k]);
  return g_strdup_printf (_("Image %u"), k + 1);
}

const EaselChartClass easel_image_grid_chart_class = {
  .free_data = image_grid_free_data,
  .is_empty = image_grid_is_empty,
  .layout = image_grid_layout,
  .draw = image_grid_draw,
  .describe = image_grid_describe,
};

EaselChart *
easel_chart_new_image_grid (const double      *pixels,
                            guint              n_images,
                            guint              width,
                            guint              height,
                            double             lo,
                            double             hi,
                            const char *const *captions)
{
  ImageGridData *d = g_new0 (ImageGridData, 1);

  d->n_images = n_images;
  d->width = width;
  d->height = height;
  d->pixels = g_memdup2 (pixels, (gsize) n_images * width * height * sizeof (double));
  d->lo = lo;
  d->hi = hi > lo ? hi : lo + 1.0;
  if (captions != NULL)
    d->captions = easel_chart_copy_names (captions, n_images);
  return easel_chart_alloc (EASEL_CHART_IMAGE_GRID, &easel_image_grid_chart_class, d);
}
