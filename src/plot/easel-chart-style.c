/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include <math.h>
#include <string.h>

#include "easel-chart-private.h"

/* The Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008). */
#define OI_ORANGE     0xE69F00
#define OI_SKY_BLUE   0x56B4E9
#define OI_GREEN      0x009E73
#define OI_YELLOW     0xF0E442
#define OI_BLUE       0x0072B2
#define OI_VERMILLION 0xD55E00
#define OI_PURPLE     0xCC79A7

typedef struct
{
  double l, a, b;
} Lab;

EaselRgba
easel_rgba_from_hex (guint32 rgb)
{
  EaselRgba c = {
    ((rgb >> 16) & 0xff) / 255.0,
    ((rgb >> 8) & 0xff) / 255.0,
    (rgb & 0xff) / 255.0,
    1.0,
  };

  return c;
}

static EaselRgba
rgba (guint32 rgb,
      double  alpha)
{
  EaselRgba c = easel_rgba_from_hex (rgb);

  c.alpha = alpha;
  return c;
}

static void
set_palette (EaselChartStyle *style,
             const guint32   *colors,
             guint            n)
{
  for (guint i = 0; i < n && i < EASEL_CHART_MAX_PALETTE; i++)
    style->palette[i] = easel_rgba_from_hex (colors[i]);
  style->n_palette = MIN (n, EASEL_CHART_MAX_PALETTE);
}

void
easel_chart_style_init_light (EaselChartStyle *style)
{
  static const guint32 palette[] = {
    OI_BLUE, OI_ORANGE, OI_GREEN, OI_VERMILLION, OI_SKY_BLUE, OI_PURPLE, OI_YELLOW,
  };

  memset (style, 0, sizeof *style);
  style->background = rgba (0xffffff, 1.0);
  style->foreground = rgba (0x000000, 0.8);
  style->muted = rgba (0x000000, 0.55);
  style->grid = rgba (0x000000, 0.08);
  style->axis = rgba (0x000000, 0.3);
  style->other = rgba (0x9a9996, 1.0);
  set_palette (style, palette, G_N_ELEMENTS (palette));
  style->dark = FALSE;
  g_strlcpy (style->font_family, "Cantarell, Sans", sizeof style->font_family);
  style->font_size = 10.0;
}

void
easel_chart_style_init_dark (EaselChartStyle *style)
{
  /* bright colours first: the dark blue of Okabe–Ito is hard to see on #1e1e1e */
  static const guint32 palette[] = {
    OI_SKY_BLUE, OI_ORANGE, OI_GREEN, OI_YELLOW, OI_PURPLE, OI_VERMILLION, OI_BLUE,
  };

  memset (style, 0, sizeof *style);
  style->background = rgba (0x1e1e1e, 1.0);   /* libadwaita's dark view background */
  style->foreground = rgba (0xffffff, 0.9);
  style->muted = rgba (0xffffff, 0.6);
  style->grid = rgba (0xffffff, 0.09);
  style->axis = rgba (0xffffff, 0.35);
  style->other = rgba (0x77767b, 1.0);
  set_palette (style, palette, G_N_ELEMENTS (palette));
  style->dark = TRUE;
  g_strlcpy (style->font_family, "Cantarell, Sans", sizeof style->font_family);
  style->font_size = 10.0;
}

EaselRgba
easel_chart_palette_color (const EaselChartStyle *style,
                           guint                  i)
{
  if (style->n_palette == 0)
    return style->foreground;
  return style->palette[i % style->n_palette];
}

/* ---- OKLab (Björn Ottosson, 2020), from its published definition ---- */

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
from_linear (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? c * 12.92 : 1.055 * pow (c, 1.0 / 2.4) - 0.055;
}

double
easel_srgb_to_linear (double c)
{
  return to_linear (c);
}

double
easel_linear_to_srgb (double c)
{
  return from_linear (c);
}

static Lab
to_lab (const EaselRgba *c)
{
  double r = to_linear (c->red), g = to_linear (c->green), b = to_linear (c->blue);
  double l = cbrt (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  double m = cbrt (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  double s = cbrt (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  Lab out = {
    0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s,
  };

  return out;
}

static EaselRgba
from_lab (Lab lab,
          double alpha)
{
  double l = lab.l + 0.3963377774 * lab.a + 0.2158037573 * lab.b;
  double m = lab.l - 0.1055613458 * lab.a - 0.0638541728 * lab.b;
  double s = lab.l - 0.0894841775 * lab.a - 1.2914855480 * lab.b;
  EaselRgba out;

  l = l * l * l;
  m = m * m * m;
  s = s * s * s;
  out.red = from_linear (4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
  out.green = from_linear (-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
  out.blue = from_linear (-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s);
  out.alpha = alpha;
  return out;
}

EaselRgba
easel_rgba_mix (const EaselRgba *a,
                const EaselRgba *b,
                double           t)
{
  Lab la = to_lab (a), lb = to_lab (b), m;

  t = CLAMP (t, 0.0, 1.0);
  m.l = la.l + (lb.l - la.l) * t;
  m.a = la.a + (lb.a - la.a) * t;
  m.b = la.b + (lb.b - la.b) * t;
  return from_lab (m, a->alpha + (b->alpha - a->alpha) * t);
}

double
easel_rgba_lightness (const EaselRgba *c)
{
  return to_lab (c).l;
}

static EaselRgba
ramp (const guint32 *stops,
      guint          n,
      double         t)
{
  double pos;
  guint i;
  EaselRgba a, b;

  if (isnan (t))
    t = 0.0;
  t = CLAMP (t, 0.0, 1.0);
  pos = t * (n - 1);
  i = MIN ((guint) pos, n - 2);
  a = easel_rgba_from_hex (stops[i]);
  b = easel_rgba_from_hex (stops[i + 1]);
  return easel_rgba_mix (&a, &b, pos - i);
}

static gboolean
in_gamut (Lab lab)
{
  double l = lab.l + 0.3963377774 * lab.a + 0.2158037573 * lab.b;
  double m = lab.l - 0.1055613458 * lab.a - 0.0638541728 * lab.b;
  double s = lab.l - 0.0894841775 * lab.a - 1.2914855480 * lab.b;
  double r, g, b;

  l = l * l * l;
  m = m * m * m;
  s = s * s * s;
  r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  b = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s;
  return r >= -1e-4 && r <= 1.0001 && g >= -1e-4 && g <= 1.0001 && b >= -1e-4 && b <= 1.0001;
}

/* A colour in OKLCH, its chroma reduced until it fits in sRGB. */
static EaselRgba
from_lch (double l,
          double c,
          double h_degrees)
{
  double h = h_degrees * G_PI / 180.0, lo = 0.0, hi = c;
  Lab lab = { l, c * cos (h), c * sin (h) };

  if (!in_gamut (lab))
    {
      for (int i = 0; i < 24; i++)
        {
          double mid = (lo + hi) / 2.0;
          Lab probe = { l, mid * cos (h), mid * sin (h) };

          if (in_gamut (probe))
            lo = mid;
          else
            hi = mid;
        }
      lab.a = lo * cos (h);
      lab.b = lo * sin (h);
    }
  return from_lab (lab, 1.0);
}

EaselRgba
easel_ramp_sequential (double t)
{
  if (isnan (t))
    t = 0.0;
  t = CLAMP (t, 0.0, 1.0);
  /* Lightness rises evenly (so the order reads in grey too) while the hue turns from
   * violet through blue and green to yellow; chroma peaks in the middle. */
  return from_lch (0.30 + 0.65 * t, 0.11 + 0.07 * sin (G_PI * t) + 0.03 * t, 300.0 - 195.0 * t);
}

EaselRgba
easel_ramp_density (const EaselChartStyle *style,
                    double                 t)
{
  if (isnan (t))
    t = 0.0;
  t = CLAMP (t, 0.0, 1.0);
  /* On white, more points read as more ink: pale blue to deep indigo. On a dark
   * background, brighter is more: the sequential ramp, its darkest end left out. */
  if (!style->dark)
    return from_lch (0.84 - 0.58 * t, 0.06 + 0.09 * t, 235.0 + 45.0 * t);
  return easel_ramp_sequential (0.15 + 0.85 * t);
}

EaselRgba
easel_ramp_diverging (const EaselChartStyle *style,
                      double                 t)
{
  /* blue and vermillion stay apart for every common colour-vision deficiency */
  guint32 stops_light[] = { 0x1c5a8c, 0x5aa0d0, 0xf2f2f2, 0xf0a070, 0xb84a0e };
  guint32 stops_dark[] = { 0x3f8fd0, 0x2c5577, 0x353535, 0x8a4a26, 0xe9793a };

  return ramp (style->dark ? stops_dark : stops_light, 5, t);
}
