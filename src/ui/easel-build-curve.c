/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-build-curve"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "easel-build-curve.h"
#include "easel-chart.h"

struct _EaselBuildCurve
{
  GtkWidget   parent_instance;

  /* Owned */
  EaselChart *chart;
  gsize       n_points;
};

G_DEFINE_FINAL_TYPE (EaselBuildCurve, easel_build_curve, GTK_TYPE_WIDGET)

static EaselRgba
rgba (const GdkRGBA *color,
      double         alpha)
{
  EaselRgba c = { color->red, color->green, color->blue, alpha };

  return c;
}

/* The chart's colours from the theme, as the other charts of the window have them. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
theme_style (EaselBuildCurve *self,
             EaselChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA fg, card, window, accent;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    easel_chart_style_init_dark (style);
  else
    easel_chart_style_init_light (style);
  gtk_style_context_get_color (context, &fg);
  style->foreground = rgba (&fg, style->foreground.alpha);
  style->muted = rgba (&fg, style->muted.alpha);
  style->grid = rgba (&fg, style->grid.alpha);
  style->axis = rgba (&fg, style->axis.alpha);
  if (gtk_style_context_lookup_color (context, "card_bg_color", &card) &&
      gtk_style_context_lookup_color (context, "window_bg_color", &window))
    {
      style->background.red = card.red * card.alpha + window.red * (1 - card.alpha);
      style->background.green = card.green * card.alpha + window.green * (1 - card.alpha);
      style->background.blue = card.blue * card.alpha + window.blue * (1 - card.alpha);
      style->background.alpha = 1.0;
    }
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    style->palette[0] = rgba (&accent, 1.0);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
easel_build_curve_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  EaselBuildCurve *self = EASEL_BUILD_CURVE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  EaselChartStyle style;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  theme_style (self, &style);
  easel_chart_set_style (self->chart, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  easel_chart_render (self->chart, cr, width, height);
  cairo_destroy (cr);
}

static void
easel_build_curve_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 240;
}

static void
dark_changed_cb (EaselBuildCurve *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
easel_build_curve_finalize (GObject *object)
{
  EaselBuildCurve *self = EASEL_BUILD_CURVE (object);

  g_clear_pointer (&self->chart, easel_chart_free);

  G_OBJECT_CLASS (easel_build_curve_parent_class)->finalize (object);
}

static void
easel_build_curve_class_init (EaselBuildCurveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = easel_build_curve_finalize;
  widget_class->snapshot = easel_build_curve_snapshot;
  widget_class->measure = easel_build_curve_measure;

  gtk_widget_class_set_css_name (widget_class, "buildcurve");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
easel_build_curve_init (EaselBuildCurve *self)
{
  /* the chart is clipped to the card's rounded corners */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loss during training"),
                                  -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
easel_build_curve_new (void)
{
  return g_object_new (EASEL_TYPE_BUILD_CURVE, NULL);
}

void
easel_build_curve_set_points (EaselBuildCurve *self,
                              const double    *iterations,
                              const double    *train_loss,
                              const double    *valid_loss,
                              gsize            n)
{
  g_autofree double *vx = NULL;
  g_autofree double *vy = NULL;
  gsize nv = 0;

  g_return_if_fail (EASEL_IS_BUILD_CURVE (self));

  g_clear_pointer (&self->chart, easel_chart_free);
  self->n_points = n;
  if (n > 0)
    {
      self->chart = easel_chart_new_line ();
      easel_chart_set_title (self->chart, _("Loss during training"));
      easel_chart_set_x_label (self->chart, _("Iteration"));
      easel_chart_set_y_label (self->chart, _("Loss"));
      easel_chart_add_series (self->chart, _("Training rows"), iterations, train_loss, n);
      vx = g_new (double, n);
      vy = g_new (double, n);
      for (gsize i = 0; valid_loss != NULL && i < n; i++)
        if (isfinite (valid_loss[i]))
          {
            vx[nv] = iterations[i];
            vy[nv++] = valid_loss[i];
          }
      if (nv > 0)
        easel_chart_add_series (self->chart, _("Validation rows"), vx, vy, nv);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gsize
easel_build_curve_get_n_points (EaselBuildCurve *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_CURVE (self), 0);

  return self->n_points;
}
