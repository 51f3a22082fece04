/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "easel-chart-private.h"

void
easel_chart_text_init (EaselChartText        *text,
                       const EaselChartStyle *style)
{
  /* The default PangoCairo font map is per thread, so a worker gets its own. */
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();
  static const double sizes[EASEL_N_TEXT_ROLES] = { 0.9, 1.0, 1.15, 0.8 };
  const char *family = style->font_family[0] != '\0' ? style->font_family : "Sans";
  double base = style->font_size > 0 ? style->font_size : 10.0;

  text->context = pango_font_map_create_context (map);
  /* Unhinted metrics keep sizes the same whatever surface the text lands on. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (text->context, options);
  pango_cairo_context_set_resolution (text->context, 96.0);
  pango_context_set_round_glyph_positions (text->context, FALSE);
  cairo_font_options_destroy (options);

  for (int i = 0; i < EASEL_N_TEXT_ROLES; i++)
    {
      text->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family (text->fonts[i], family);
      pango_font_description_set_size (text->fonts[i], (int) (base * sizes[i] * PANGO_SCALE));
      if (i == EASEL_TEXT_TITLE)
        pango_font_description_set_weight (text->fonts[i], PANGO_WEIGHT_BOLD);
    }
}

void
easel_chart_text_clear (EaselChartText *text)
{
  g_clear_object (&text->context);
  for (int i = 0; i < EASEL_N_TEXT_ROLES; i++)
    g_clear_pointer (&text->fonts[i], pango_font_description_free);
}

PangoLayout *
easel_chart_text_layout (EaselChartText *text,
                         EaselTextRole   role,
                         const char     *str,
                         double          max_width)
{
  PangoLayout *layout = pango_layout_new (text->context);

  pango_layout_set_font_description (layout, text->fonts[role]);
  pango_layout_set_text (layout, str != NULL ? str : "", -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
easel_chart_text_size (EaselChartText *text,
                       EaselTextRole   role,
                       const char     *str,
                       double         *width,
                       double         *height)
{
  g_autoptr (PangoLayout) layout = easel_chart_text_layout (text, role, str, -1);

  layout_size (layout, width, height);
}

void
easel_chart_text_draw (EaselChartText  *text,
                       cairo_t         *cr,
                       EaselTextRole    role,
                       const char      *str,
                       double           max_width,
                       double           x,
                       double           y,
                       double           xalign,
                       double           yalign,
                       const EaselRgba *color)
{
  g_autoptr (PangoLayout) layout = easel_chart_text_layout (text, role, str, max_width);
  PangoRectangle logical;
  double w, h;

  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  easel_set_source (cr, color);
  cairo_move_to (cr, x - w * xalign - (double) logical.x / PANGO_SCALE, y - h * yalign);
  pango_cairo_show_layout (cr, layout);
}
