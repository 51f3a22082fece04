/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Features as small integers for histogram-based trees (private to the core; gbdt uses
 * it, and any tree learner can): each feature's values are cut into at most
 * EASEL_BINS_MAX ordered bins by quantiles of the training rows, and a missing value
 * (NaN) has a bin of its own just after them (bin n_bins[j]), so a feature's histogram
 * has n_bins[j] + 1 slots. Bin b of feature j holds the values v with
 * cuts[j][b - 1] < v <= cuts[j][b] (the first bin has no lower bound, the last no upper
 * one), so "bin <= b" and "v <= cuts[j][b]" send a row the same way: a tree learnt on
 * bins predicts on the raw floats. */

#define EASEL_BINS_MAX  255

typedef struct
{
  guint    p;
  guint   *n_bins;   /* per feature: value bins, 1 to max_bins (missing not counted) */
  float  **cuts;     /* per feature: n_bins - 1 ascending upper bounds */
} EaselBinCuts;

/* Cut points from rows[0..n_rows) of x (row-major, p columns; NULL rows: the first n_rows
 * rows). A feature with at most max_bins distinct values gets one bin per value (cuts
 * halfway between neighbours); others get quantile cuts, from at most 'sample' rows taken
 * at even strides (0: all). NaN is missing; other non-finite values are ordinary. */
EaselBinCuts *easel_bin_cuts_new  (const float   *x,
                                   guint          p,
                                   const guint32 *rows,
                                   gsize          n_rows,
                                   guint          max_bins,
                                   gsize          sample);
void          easel_bin_cuts_free (EaselBinCuts  *cuts);

/* The bin of value v of feature j. */
static inline guint8
easel_bin_cuts_bin (const EaselBinCuts *cuts,
                    guint               j,
                    float               v)
{
  const float *c = cuts->cuts[j];
  guint lo = 0, hi = cuts->n_bins[j] - 1;

  if (v != v)
    return (guint8) cuts->n_bins[j];
  /* The first cut that is >= v; hi (the last bin) when there is none. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (c[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (guint8) lo;
}

/* The bins of rows[0..n_rows) of x (NULL rows: the first n_rows rows), row-major:
 * n_rows × p bytes, in parallel. Free with g_free(). */
guint8       *easel_bin_cuts_apply (const EaselBinCuts *cuts,
                                    const float        *x,
                                    const guint32      *rows,
                                    gsize               n_rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselBinCuts, easel_bin_cuts_free)

G_END_DECLS
