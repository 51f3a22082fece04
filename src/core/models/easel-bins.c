/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Quantile binning of features for histogram trees (see easel-bins.h). Each feature is
 * sketched on its own from the sorted values of the (possibly strided) training rows, so
 * the cuts do not depend on the number of threads. */

#include <math.h>
#include <string.h>

#include "easel-bins.h"
#include "easel-profile.h"

void
easel_bin_cuts_free (EaselBinCuts *self)
{
  if (self == NULL)
    return;
  for (guint j = 0; j < self->p; j++)
    g_free (self->cuts[j]);
  g_free (self->cuts);
  g_free (self->n_bins);
  g_free (self);
}

/* A float strictly between a and b (a < b) when there is one, else a: values equal to a
 * stay at or below the cut, values equal to b above it. */
static float
cut_between (double a,
             double b)
{
  float mid = (float) ((a + b) / 2.0);

  if (!isfinite (mid) || (double) mid >= b || (double) mid < a)
    return (float) a;
  return mid;
}

/* Cuts of one feature from its m sorted finite-or-infinite values. */
static void
sketch_feature (const double  *v,
                gsize          m,
                guint          max_bins,
                float        **out_cuts,
                guint         *out_n_bins)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (float));
  gsize distinct = 0;

  for (gsize i = 0; i < m && distinct <= max_bins; i++)
    if (i == 0 || v[i] != v[i - 1])
      distinct++;

  if (distinct <= max_bins)
    {
      /* One bin per value. */
      for (gsize i = 1; i < m; i++)
        if (v[i] != v[i - 1])
          {
            float c = cut_between (v[i - 1], v[i]);
            g_array_append_val (cuts, c);
          }
    }
  else
    {
      /* Bins of equal counts: the b-th cut follows the value of rank ceil(b m / B) - 1,
       * halfway to the next larger value; ties collapse to one cut. */
      gsize next = 0;   /* first index past the last cut */

      for (guint b = 1; b < max_bins; b++)
        {
          gsize rank = (gsize) (((guint64) b * m + max_bins - 1) / max_bins);
          gsize at;
          float c;

          if (rank == 0)
            continue;
          at = rank - 1;
          if (at < next)
            continue;
          /* Move to the last copy of this value. */
          while (at + 1 < m && v[at + 1] == v[at])
            at++;
          if (at + 1 >= m)
            break;
          c = cut_between (v[at], v[at + 1]);
          g_array_append_val (cuts, c);
          next = at + 1;
        }
    }
  *out_n_bins = cuts->len + 1;
  *out_cuts = (float *) g_array_free (cuts, FALSE);
}

EaselBinCuts *
easel_bin_cuts_new (const float   *x,
                    guint          p,
                    const guint32 *rows,
                    gsize          n_rows,
                    guint          max_bins,
                    gsize          sample)
{
  EaselBinCuts *self = g_new0 (EaselBinCuts, 1);
  gsize m = sample > 0 && n_rows > sample ? sample : n_rows;

  g_return_val_if_fail (max_bins >= 1 && max_bins <= EASEL_BINS_MAX, NULL);
  self->p = p;
  self->n_bins = g_new (guint, MAX (p, 1));
  self->cuts = g_new0 (float *, MAX (p, 1));

#pragma omp parallel for schedule(dynamic, 1)
  for (guint j = 0; j < p; j++)
    {
      double *v = g_new (double, MAX (m, 1));
      gsize k = 0;

      for (gsize s = 0; s < m; s++)
        {
          /* Evenly strided rows when sampling. */
          gsize i = m == n_rows ? s : (gsize) ((guint64) s * n_rows / m);
          gsize r = rows != NULL ? rows[i] : i;
          float value = x[r * p + j];
          if (!isnan (value))
            v[k++] = value;
        }
      easel_sort_doubles (v, k);
      sketch_feature (v, k, max_bins, &self->cuts[j], &self->n_bins[j]);
      g_free (v);
    }
  return self;
}

guint8 *
easel_bin_cuts_apply (const EaselBinCuts *self,
                      const float        *x,
                      const guint32      *rows,
                      gsize               n_rows)
{
  guint p = self->p;
  guint8 *out = g_new (guint8, MAX (n_rows * p, 1));
  /* Each feature's cuts padded to 255 with +inf: a branch-free binary search of eight
   * steps counts the cuts below v, which is its bin. */
  g_autofree float *table = g_new (float, (gsize) MAX (p, 1) * 256);

  for (guint j = 0; j < p; j++)
    {
      float *t = table + (gsize) j * 256;
      guint m = self->n_bins[j] - 1;
      memcpy (t, self->cuts[j], m * sizeof (float));
      for (guint i = m; i < 256; i++)
        t[i] = INFINITY;
    }

#pragma omp parallel for schedule(static)
  for (gsize i = 0; i < n_rows; i++)
    {
      const float *row = x + (rows != NULL ? rows[i] : i) * (gsize) p;
      guint8 *b = out + i * p;
      /* No branch on NaN (it compares false, ending at 0) so that the searches of
       * neighbouring features overlap. */
      for (guint j = 0; j < p; j++)
        {
          const float *t = table + (gsize) j * 256;
          float v = row[j];
          guint pos = 0;

          for (guint step = 128; step > 0; step >>= 1)
            pos += (guint) (t[pos + step - 1] < v) * step;
          b[j] = (guint8) (isnan (v) ? self->n_bins[j] : pos);
        }
    }
  return out;
}
