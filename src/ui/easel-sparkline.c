/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-sparkline"

#include "config.h"

#include <math.h>

#include "easel-sparkline.h"

#define NATURAL_WIDTH 64
#define NATURAL_HEIGHT 24

struct _EaselSparkline
{
  GtkWidget  parent_instance;

  float     *heights;
  guint      n_bars;
  gboolean   gaps;
};

G_DEFINE_FINAL_TYPE (EaselSparkline, easel_sparkline, GTK_TYPE_WIDGET)

static void
easel_sparkline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? NATURAL_WIDTH
                                                                  : NATURAL_HEIGHT;
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
get_color (GtkWidget *widget,
           GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
easel_sparkline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  EaselSparkline *self = EASEL_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double scale = gtk_widget_get_scale_factor (widget);
  double pitch, gap, bar;
  GdkRGBA color, baseline;

  get_color (widget, &color);
  baseline = color;
  baseline.alpha *= 0.35;

  /* a hairline baseline, so that an empty column still reads as a chart */
  gtk_snapshot_append_color (snapshot, &baseline,
                             &GRAPHENE_RECT_INIT (0, height - 1, width, 1));

  if (self->n_bars == 0)
    return;

  pitch = width / self->n_bars;
  gap = self->gaps ? MAX (1.0, round (pitch * 0.25 * scale) / scale) : (pitch >= 3 ? 1 : 0);
  bar = MAX (pitch - gap, 1.0 / scale);

  for (guint i = 0; i < self->n_bars; i++)
    {
      double h = round (CLAMP (self->heights[i], 0.0f, 1.0f) * (height - 1) * scale) / scale;
      double x = round (i * pitch * scale) / scale;

      /* a value that exists is never invisible */
      if (self->heights[i] > 0 && h < 1.0)
        h = 1.0;
      if (h <= 0)
        continue;

      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x, height - 1 - h, bar, h));
    }
}

static void
easel_sparkline_finalize (GObject *object)
{
  EaselSparkline *self = EASEL_SPARKLINE (object);

  g_clear_pointer (&self->heights, g_free);

  G_OBJECT_CLASS (easel_sparkline_parent_class)->finalize (object);
}

static void
easel_sparkline_class_init (EaselSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = easel_sparkline_finalize;
  widget_class->measure = easel_sparkline_measure;
  widget_class->snapshot = easel_sparkline_snapshot;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
easel_sparkline_init (EaselSparkline *self)
{
}

GtkWidget *
easel_sparkline_new (void)
{
  return g_object_new (EASEL_TYPE_SPARKLINE, NULL);
}

void
easel_sparkline_set_bars (EaselSparkline *self,
                          const float    *heights,
                          guint           n_bars,
                          gboolean        gaps)
{
  g_return_if_fail (EASEL_IS_SPARKLINE (self));

  g_clear_pointer (&self->heights, g_free);
  self->n_bars = heights != NULL ? n_bars : 0;
  if (self->n_bars > 0)
    self->heights = g_memdup2 (heights, sizeof (float) * n_bars);
  self->gaps = gaps;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
easel_sparkline_get_n_bars (EaselSparkline *self)
{
  g_return_val_if_fail (EASEL_IS_SPARKLINE (self), 0);

  return self->n_bars;
}
