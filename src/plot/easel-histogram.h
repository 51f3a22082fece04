/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Equal-width bins over [edges[0], edges[n_bins]]; a value v falls in bin i when
 * edges[i] <= v < edges[i + 1], the last bin also holding its upper edge. */
typedef struct
{
  guint     n_bins;
  double   *edges;      /* n_bins + 1 */
  guint64  *counts;     /* n_bins */
  guint64   total;      /* values binned: all but NaN */
  gboolean  sturges;    /* the IQR was 0, so Sturges' rule chose the bins */
  gboolean  integers;   /* integer data: bins centred on whole numbers */
} EaselHistogram;

/* h = 2 IQR / n^(1/3) for ascending values without NaN (quartiles interpolate linearly, as
 * numpy's); 0 when n < 2 or the IQR is 0. */
double          easel_freedman_diaconis_width (const double *sorted,
                                               gsize         n);
/* ceil(log2 n + 1) bins. */
guint           easel_sturges_bins            (gsize         n);

/* Bins from min to max: ceil(range / h) Freedman–Diaconis bins (numpy's 'fd' edges), or
 * Sturges' count when the IQR is 0, at most 'max_bins' (0 = 100). When every value is an
 * integer the edges sit halfway between integers and the bins are a whole number wide
 * (the rule's width rounded up), one per integer when the values span at most 40
 * integers. A single distinct value v gets one bin [v − 0.5, v + 0.5]. */
EaselHistogram *easel_histogram_new           (const double *values,
                                               gsize         n,
                                               guint         max_bins);
void            easel_histogram_free          (EaselHistogram *histogram);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselHistogram, easel_histogram_free)

G_END_DECLS
