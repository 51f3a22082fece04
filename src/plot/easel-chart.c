/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-chart-private.h"
#include "easel-error.h"

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} FileFormat;

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

EaselChart *
easel_chart_alloc (EaselChartKind         kind,
                   const EaselChartClass *klass,
                   gpointer               data)
{
  EaselChart *chart = g_new0 (EaselChart, 1);

  chart->kind = kind;
  chart->klass = klass;
  chart->data = data;
  chart->scale = 1.0;
  chart->density = EASEL_DENSITY_AUTO;
  easel_chart_style_init_light (&chart->style);
  return chart;
}

void
easel_chart_ensure_prepared (EaselChart *chart)
{
  if (chart->prepared)
    return;
  if (chart->klass->prepare != NULL)
    chart->klass->prepare (chart);
  chart->prepared = TRUE;
}

void
easel_chart_free (EaselChart *chart)
{
  if (chart == NULL)
    return;
  if (chart->klass->free_data != NULL)
    chart->klass->free_data (chart->data);
  g_free (chart->title);
  g_free (chart->x_label);
  g_free (chart->y_label);
  g_free (chart);
}

EaselChartKind
easel_chart_get_kind (const EaselChart *chart)
{
  return chart->kind;
}

void
easel_chart_set_title (EaselChart *chart,
                       const char *title)
{
  g_free (chart->title);
  chart->title = g_strdup (title);
}

const char *
easel_chart_get_title (const EaselChart *chart)
{
  return chart->title;
}

void
easel_chart_set_x_label (EaselChart *chart,
                         const char *label)
{
  g_free (chart->x_label);
  chart->x_label = g_strdup (label);
}

void
easel_chart_set_y_label (EaselChart *chart,
                         const char *label)
{
  g_free (chart->y_label);
  chart->y_label = g_strdup (label);
}

void
easel_chart_set_style (EaselChart            *chart,
                       const EaselChartStyle *style)
{
  chart->style = *style;
  chart->style.font_family[sizeof chart->style.font_family - 1] = '\0';
  chart->style.n_palette = MIN (chart->style.n_palette, EASEL_CHART_MAX_PALETTE);
  /* colours are baked into prepared data (a scatter's groups and density image) */
  chart->prepared = FALSE;
}

const EaselChartStyle *
easel_chart_get_style (const EaselChart *chart)
{
  return &chart->style;
}

void
easel_chart_set_scale (EaselChart *chart,
                       double      scale)
{
  chart->scale = scale > 0 && isfinite (scale) ? scale : 1.0;
}

void
easel_chart_set_x_range (EaselChart *chart,
                         double      lo,
                         double      hi)
{
  chart->has_x_range = isfinite (lo) && isfinite (hi) && hi > lo;
  chart->x_range[0] = lo;
  chart->x_range[1] = hi;
  chart->prepared = FALSE;
}

void
easel_chart_set_y_range (EaselChart *chart,
                         double      lo,
                         double      hi)
{
  chart->has_y_range = isfinite (lo) && isfinite (hi) && hi > lo;
  chart->y_range[0] = lo;
  chart->y_range[1] = hi;
  chart->prepared = FALSE;
}

void
easel_chart_set_density (EaselChart       *chart,
                         EaselDensityMode  mode)
{
  chart->density = mode;
  chart->prepared = FALSE;
}

void
easel_chart_set_image_columns (EaselChart *chart,
                               guint       columns)
{
  chart->image_columns = columns;
}

/* Layout in the chart's own units: the caller's size divided by the HiDPI scale. */
static void
layout_for (EaselChart       *chart,
            EaselChartText   *text,
            double            width,
            double            height,
            EaselChartLayout *layout)
{
  easel_chart_compute_layout (chart, text, width / chart->scale, height / chart->scale, layout);
}

void
easel_chart_prepare (EaselChart *chart,
                     double      width,
                     double      height,
                     double      device_scale)
{
  EaselChartText text;
  EaselChartLayout layout;

  easel_chart_ensure_prepared (chart);
  if (chart->klass->prepare_size == NULL)
    return;
  easel_chart_text_init (&text, &chart->style);
  layout_for (chart, &text, width, height, &layout);
  if (!layout.empty)
    chart->klass->prepare_size (chart, &layout, device_scale * chart->scale);
  easel_chart_text_clear (&text);
}

gboolean
easel_chart_needs_prepare (const EaselChart *chart,
                           double            width,
                           double            height,
                           double            device_scale)
{
  EaselChart *mutable_chart = (EaselChart *) chart;
  EaselChartText text;
  EaselChartLayout layout;
  gboolean needs;

  if (!chart->prepared)
    return TRUE;
  if (chart->klass->needs_prepare_size == NULL)
    return FALSE;
  easel_chart_text_init (&text, &chart->style);
  layout_for (mutable_chart, &text, width, height, &layout);
  needs = !layout.empty
          && chart->klass->needs_prepare_size (chart, &layout, device_scale * chart->scale);
  easel_chart_text_clear (&text);
  return needs;
}

static void
draw_empty (EaselChart             *chart,
            cairo_t                *cr,
            EaselChartText         *text,
            const EaselChartLayout *layout)
{
  double top = layout->content_top, bottom = layout->height - layout->pad;

  easel_chart_draw_header (chart, cr, text, layout);
  easel_chart_text_draw (text, cr, EASEL_TEXT_LABEL, _("No data"),
                         layout->width - 2 * layout->pad,
                         layout->width / 2.0, (top + bottom) / 2.0, 0.5, 0.5,
                         &chart->style.muted);
}

void
easel_chart_render (EaselChart *chart,
                    cairo_t    *cr,
                    double      width,
                    double      height)
{
  EaselChartText text;
  EaselChartLayout layout;
  double dx = 1.0, dy = 0.0, device_scale;

  g_return_if_fail (chart != NULL && cr != NULL);

  cairo_save (cr);
  cairo_user_to_device_distance (cr, &dx, &dy);
  device_scale = hypot (dx, dy);
  if (!(device_scale > 0) || !isfinite (device_scale))
    device_scale = 1.0;
  device_scale *= chart->scale;
  cairo_scale (cr, chart->scale, chart->scale);

  easel_chart_text_init (&text, &chart->style);
  layout_for (chart, &text, width, height, &layout);

  cairo_rectangle (cr, 0, 0, layout.width, layout.height);
  cairo_clip (cr);
  easel_set_source (cr, &chart->style.background);
  cairo_paint (cr);

  if (layout.empty)
    draw_empty (chart, cr, &text, &layout);
  else
    {
      easel_chart_draw_header (chart, cr, &text, &layout);
      chart->klass->draw (chart, cr, &text, &layout, device_scale);
    }

  easel_chart_text_clear (&text);
  cairo_restore (cr);
}

static cairo_status_t
write_cb (void                *user_data,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *closure = user_data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, data, length, NULL, NULL,
                                  &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
pick_format (const char  *path,
             FileFormat  *format,
             GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  g_autofree char *ext = NULL;

  if (dot == NULL || dot == base || dot[1] == '\0')
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("Cannot save the chart as “%s”: the file name has no extension; "
                     "use .png, .svg or .pdf."), path);
      return FALSE;
    }
  ext = g_ascii_strdown (dot + 1, -1);
  if (strcmp (ext, "png") == 0)
    *format = FORMAT_PNG;
  else if (strcmp (ext, "svg") == 0)
    *format = FORMAT_SVG;
  else if (strcmp (ext, "pdf") == 0)
    *format = FORMAT_PDF;
  else
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("Cannot save the chart as “%s”: the extension “%s” is not one of "
                     ".png, .svg or .pdf."), path, dot);
      return FALSE;
    }
  return TRUE;
}

gboolean
easel_chart_save (EaselChart  *chart,
                  const char  *path,
                  int          width,
                  int          height,
                  GError     **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  FileFormat format;
  cairo_t *cr;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!pick_format (path, &format, error))
    return FALSE;
  if (width <= 0 || height <= 0 || width > 32767 || height > 32767)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("Cannot save the chart as “%s”: the size %d × %d is not between "
                     "1 and 32767 on each side."), path, width, height);
      return FALSE;
    }

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                           &local_error);
  if (stream == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO,
                   _("Cannot write the chart to “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  closure.stream = G_OUTPUT_STREAM (stream);

  switch (format)
    {
    case FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_cb, &closure, width, height);
      break;
    case FORMAT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (write_cb, &closure, width, height);
      break;
    }

  /* A vector file gets its density image at twice the resolution of its points, so it
   * stays sharp when zoomed. */
  easel_chart_prepare (chart, width, height, format == FORMAT_PNG ? 1.0 : 2.0);
  cr = cairo_create (surface);
  easel_chart_render (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_cb, &closure);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (closure.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error_literal (&closure.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         cairo_status_to_string (status));
  if (closure.error != NULL)
    {
      g_autoptr (GCancellable) cancel = g_cancellable_new ();

      /* closing a cancelled stream leaves any old file in place and drops the new one */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO,
                   _("Cannot write the chart to “%s”: %s"), path, closure.error->message);
      g_clear_error (&closure.error);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO,
                   _("Cannot write the chart to “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
easel_chart_describe_point (EaselChart *chart,
                            double      x,
                            double      y,
                            double      width,
                            double      height)
{
  EaselChartText text;
  EaselChartLayout layout;
  char *result = NULL;

  g_return_val_if_fail (chart != NULL, NULL);

  easel_chart_text_init (&text, &chart->style);
  layout_for (chart, &text, width, height, &layout);
  if (!layout.empty && chart->klass->describe != NULL)
    result = chart->klass->describe (chart, &layout, x / chart->scale, y / chart->scale);
  easel_chart_text_clear (&text);
  return result;
}

gboolean
easel_chart_data_to_point (EaselChart *chart,
                           double      width,
                           double      height,
                           double      dx,
                           double      dy,
                           double     *x,
                           double     *y)
{
  EaselChartText text;
  EaselChartLayout layout;
  gboolean ok = TRUE;
  double px = 0, py = 0;

  easel_chart_text_init (&text, &chart->style);
  layout_for (chart, &text, width, height, &layout);
  if (layout.empty)
    ok = FALSE;
  else if (chart->kind == EASEL_CHART_HEATMAP || chart->kind == EASEL_CHART_IMAGE_GRID)
    {
      guint col = (guint) dx, row = (guint) dy;

      if (chart->kind == EASEL_CHART_IMAGE_GRID)
        {
          col = (guint) dx % MAX (layout.grid_cols, 1);
          row = (guint) dx / MAX (layout.grid_cols, 1);
        }
      px = layout.grid.x + col * (layout.cell_width + layout.cell_gap) + layout.cell_width / 2;
      py = layout.grid.y + row * (layout.cell_height + layout.cell_gap)
           + layout.cell_height / 2;
    }
  else if (layout.x.kind == EASEL_AXIS_NONE || layout.y.kind == EASEL_AXIS_NONE)
    ok = FALSE;
  else if (layout.horizontal)
    {
      px = easel_axis_x_to_px (&layout, dy);
      py = easel_axis_y_to_px (&layout, dx);
    }
  else
    {
      px = easel_axis_x_to_px (&layout, dx);
      py = easel_axis_y_to_px (&layout, dy);
    }
  easel_chart_text_clear (&text);
  if (x != NULL)
    *x = px * chart->scale;
  if (y != NULL)
    *y = py * chart->scale;
  return ok;
}

void
easel_chart_get_plot_area (EaselChart *chart,
                           double      width,
                           double      height,
                           double     *x,
                           double     *y,
                           double     *area_width,
                           double     *area_height)
{
  EaselChartText text;
  EaselChartLayout layout;
  EaselRect r;

  easel_chart_text_init (&text, &chart->style);
  layout_for (chart, &text, width, height, &layout);
  easel_chart_text_clear (&text);
  r = (chart->kind == EASEL_CHART_HEATMAP || chart->kind == EASEL_CHART_IMAGE_GRID)
      ? layout.grid : layout.plot;
  if (x != NULL)
    *x = r.x * chart->scale;
  if (y != NULL)
    *y = r.y * chart->scale;
  if (area_width != NULL)
    *area_width = r.width * chart->scale;
  if (area_height != NULL)
    *area_height = r.height * chart->scale;
}
