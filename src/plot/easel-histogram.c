/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include <math.h>

#include "easel-histogram.h"
#include "easel-profile.h"

/* Integer data spanning at most this many values gets one bin per integer. */
#define INTEGER_BINS 40

double
easel_freedman_diaconis_width (const double *sorted,
                               gsize         n)
{
  double iqr;

  if (n < 2)
    return 0.0;
  iqr = easel_quantile_sorted (sorted, n, 0.75) - easel_quantile_sorted (sorted, n, 0.25);
  if (!(iqr > 0.0))
    return 0.0;
  return 2.0 * iqr / cbrt ((double) n);
}

guint
easel_sturges_bins (gsize n)
{
  if (n < 1)
    return 1;
  return (guint) ceil (log2 ((double) n) + 1.0);
}

static void
count_values (EaselHistogram *h,
              const double   *sorted,
              gsize           n)
{
  double lo = h->edges[0], hi = h->edges[h->n_bins];
  double per_unit = h->n_bins / (hi - lo);

  for (gsize i = 0; i < n; i++)
    {
      double v = sorted[i];
      gint64 b = (gint64) ((v - lo) * per_unit);

      b = CLAMP (b, 0, (gint64) h->n_bins - 1);
      /* the multiplication can round across an edge; the edges are the truth */
      while (b > 0 && v < h->edges[b])
        b--;
      while (b < (gint64) h->n_bins - 1 && v >= h->edges[b + 1])
        b++;
      h->counts[b]++;
    }
  h->total = n;
}

EaselHistogram *
easel_histogram_new (const double *values,
                     gsize         n,
                     guint         max_bins)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  EaselHistogram *h = g_new0 (EaselHistogram, 1);
  gboolean integers = TRUE;
  double lo, hi, width;
  gsize m = 0;

  if (max_bins == 0)
    max_bins = 100;
  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        sorted[m++] = values[i];
        integers = integers && values[i] == floor (values[i]);
      }
  if (m == 0)
    {
      h->edges = g_new0 (double, 1);
      return h;
    }
  easel_sort_doubles (sorted, m);
  lo = sorted[0];
  hi = sorted[m - 1];

  if (lo == hi)
    {
      h->n_bins = 1;
      h->edges = g_new (double, 2);
      h->edges[0] = lo - 0.5;
      h->edges[1] = hi + 0.5;
      h->integers = integers;
    }
  else
    {
      double bins;

      width = easel_freedman_diaconis_width (sorted, m);
      if (width > 0.0)
        bins = ceil ((hi - lo) / width);
      else
        {
          bins = easel_sturges_bins (m);
          h->sturges = TRUE;
        }
      bins = CLAMP (bins, 1.0, (double) max_bins);

      if (integers)
        {
          /* whole numbers: bins a whole number wide, edges halfway between integers, so
           * no bin straddles a value; each integer its own bin over a short span */
          double span = hi - lo + 1.0;
          double step = span <= INTEGER_BINS ? 1.0 : ceil ((hi - lo) / bins);

          h->integers = TRUE;
          h->n_bins = (guint) ceil (span / step);
          h->edges = g_new (double, h->n_bins + 1);
          for (guint i = 0; i <= h->n_bins; i++)
            h->edges[i] = lo - 0.5 + i * step;
        }
      else
        {
          double step = (hi - lo) / bins;

          h->n_bins = (guint) bins;
          h->edges = g_new (double, h->n_bins + 1);
          for (guint i = 0; i < h->n_bins; i++)
            h->edges[i] = lo + i * step;
          h->edges[h->n_bins] = hi;
        }
    }
  h->counts = g_new0 (guint64, h->n_bins);
  count_values (h, sorted, m);
  return h;
}

void
easel_histogram_free (EaselHistogram *histogram)
{
  if (histogram == NULL)
    return;
  g_free (histogram->edges);
  g_free (histogram->counts);
  g_free (histogram);
}
