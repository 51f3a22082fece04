/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* k-means: greedy k-means++ seeding, then Lloyd iterations. The assignment step finds the
 * nearest centre from ‖x‖² − 2·x·c + ‖c‖² with the products as double dgemm tiles; the
 * final pass recomputes the winners' squared distances exactly for the inertia. Rows are cut into chunks whose size
 * depends only on the row count; each chunk keeps its own partial sums and the chunks are
 * added in order, so the result does not depend on the number of threads. */

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "easel-blas.h"
#include "easel-error.h"
#include "easel-rng.h"
#include "easel-unsupervised.h"

#define ROW_BLOCK 256      /* rows per dgemm tile */
#define MIN_CHUNK 4096     /* rows per chunk, at least */
#define MAX_CHUNKS 256     /* chunks, at most (bounds the partial sums kept) */

typedef struct
{
  const double *x;
  gsize         n;
  guint         p;
  guint         k;
  gsize         chunk;
  gsize         n_chunks;
  GCancellable *cancellable;
} Problem;

static double
squared_distance (const double *a,
                  const double *b,
                  guint         p)
{
  double s = 0.0;

  for (guint j = 0; j < p; j++)
    {
      double d = a[j] - b[j];
      s += d * d;
    }
  return s;
}

static double
chunked_sum (const Problem *pb,
             const double  *values)
{
  double total = 0.0;
  g_autofree double *part = g_new0 (double, pb->n_chunks);

#pragma omp parallel for schedule(static)
  for (gsize ci = 0; ci < pb->n_chunks; ci++)
    {
      gsize hi = MIN (pb->n, (ci + 1) * pb->chunk);
      double s = 0.0;
      for (gsize i = ci * pb->chunk; i < hi; i++)
        s += values[i];
      part[ci] = s;
    }
  for (gsize ci = 0; ci < pb->n_chunks; ci++)
    total += part[ci];
  return total;
}

/* closest[i] = min (closest[i], ‖x_i − x_c‖²) into 'out' (all rows when closest is NULL). */
static void
distances_to_row (const Problem *pb,
                  gsize          c,
                  const double  *closest,
                  double        *out)
{
  const double *xc = pb->x + c * pb->p;

#pragma omp parallel for schedule(static) if (pb->n > 8192)
  for (gsize i = 0; i < pb->n; i++)
    {
      double d = squared_distance (pb->x + i * pb->p, xc, pb->p);
      out[i] = closest != NULL ? MIN (closest[i], d) : d;
    }
}

/* Greedy k-means++ (2 + ln k candidates per centre, the one that lowers the potential
 * most wins). */
static gboolean
seed_centres (const Problem *pb,
              EaselRng      *rng,
              double        *centres)
{
  guint trials = 2 + (guint) log ((double) pb->k);
  g_autofree double *closest = g_new (double, pb->n);
  g_autofree double *candidate = g_new (double, pb->n * trials);
  g_autofree double *pots = g_new (double, trials);
  gsize first = (gsize) easel_rng_below (rng, pb->n);
  double pot;

  memcpy (centres, pb->x + first * pb->p, pb->p * sizeof (double));
  distances_to_row (pb, first, NULL, closest);
  pot = chunked_sum (pb, closest);

  for (guint c = 1; c < pb->k; c++)
    {
      guint best = 0;
      gsize picked[64];

      if (g_cancellable_is_cancelled (pb->cancellable))
        return FALSE;
      for (guint t = 0; t < trials; t++)
        {
          double r = easel_rng_uniform (rng) * pot;
          double cum = 0.0;
          gsize idx = pb->n - 1;

          for (gsize i = 0; i < pb->n; i++)
            {
              cum += closest[i];
              if (cum > r)
                {
                  idx = i;
                  break;
                }
            }
          picked[t] = idx;
          distances_to_row (pb, idx, closest, candidate + t * pb->n);
          pots[t] = chunked_sum (pb, candidate + t * pb->n);
          if (pots[t] < pots[best])
            best = t;
        }
      memcpy (centres + (gsize) c * pb->p, pb->x + picked[best] * pb->p,
              pb->p * sizeof (double));
      memcpy (closest, candidate + best * pb->n, pb->n * sizeof (double));
      pot = pots[best];
    }
  return TRUE;
}

/* One assignment pass over all rows: labels, exact squared distances, and per chunk the
 * coordinate sums and counts per cluster and the number of changed labels. */
static void
assign (const Problem *pb,
        const double  *centres,
        gint32        *labels,
        double        *dist,          /* n exact squared distances, or NULL */
        double        *chunk_sums,    /* n_chunks × k × p, or NULL */
        gsize         *chunk_counts,  /* n_chunks × k, or NULL */
        gsize         *chunk_changed) /* n_chunks */
{
  guint k = pb->k, p = pb->p;
  g_autofree double *cnorm = g_new (double, k);

  for (guint c = 0; c < k; c++)
    {
      double s = 0.0;
      for (guint j = 0; j < p; j++)
        s += centres[(gsize) c * p + j] * centres[(gsize) c * p + j];
      cnorm[c] = s;
    }

  easel_blas_init ();
#pragma omp parallel
  {
    g_autofree double *dot = g_new (double, (gsize) ROW_BLOCK * k);

#pragma omp for schedule(dynamic, 1)
    for (gsize ci = 0; ci < pb->n_chunks; ci++)
      {
        gsize lo = ci * pb->chunk, hi = MIN (pb->n, lo + pb->chunk);
        double *sums = chunk_sums != NULL ? chunk_sums + ci * k * p : NULL;
        gsize *counts = chunk_counts != NULL ? chunk_counts + ci * k : NULL;
        gsize changed = 0;

        if (sums != NULL)
          memset (sums, 0, (gsize) k * p * sizeof (double));
        if (counts != NULL)
          memset (counts, 0, k * sizeof (gsize));
        for (gsize b = lo; b < hi; b += ROW_BLOCK)
          {
            gsize nb = MIN ((gsize) ROW_BLOCK, hi - b);

            cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) nb, (int) k, (int) p,
                         1.0, pb->x + b * p, (int) p, centres, (int) p, 0.0, dot, (int) k);
            for (gsize r = 0; r < nb; r++)
              {
                gsize i = b + r;
                const double *xi = pb->x + i * p;
                guint best = 0;
                double best_d = cnorm[0] - 2.0 * dot[r * k];

                for (guint c = 1; c < k; c++)
                  {
                    double d = cnorm[c] - 2.0 * dot[r * k + c];
                    if (d < best_d)
                      {
                        best_d = d;
                        best = c;
                      }
                  }
                if (labels[i] != (gint32) best)
                  changed++;
                labels[i] = (gint32) best;
                if (dist != NULL)
                  dist[i] = squared_distance (xi, centres + (gsize) best * p, p);
                if (sums != NULL)
                  {
                    double *s = sums + (gsize) best * p;
                    for (guint j = 0; j < p; j++)
                      s[j] += xi[j];
                    counts[best]++;
                  }
              }
          }
        chunk_changed[ci] = changed;
      }
  }
}

typedef struct
{
  double  *centres;
  gint32  *labels;
  double   inertia;
  guint    iterations;
  gboolean converged;
} Run;

static gboolean
lloyd (const Problem *pb,
       EaselRng      *rng,
       guint          max_iter,
       double         tol_abs,
       EaselProgress *progress,
       Run           *run)
{
  guint k = pb->k, p = pb->p;
  g_autofree double *dist = g_new (double, pb->n);
  g_autofree double *sums = g_new (double, pb->n_chunks * k * p);
  g_autofree gsize *counts = g_new (gsize, pb->n_chunks * k);
  g_autofree gsize *changed = g_new (gsize, pb->n_chunks);
  g_autofree double *next = g_new (double, (gsize) k * p);
  g_autofree gsize *total = g_new (gsize, k);

  run->centres = g_new (double, (gsize) k * p);
  run->labels = g_new (gint32, pb->n);
  for (gsize i = 0; i < pb->n; i++)
    run->labels[i] = -1;
  if (!seed_centres (pb, rng, run->centres))
    return FALSE;

  run->iterations = 0;
  run->converged = FALSE;
  for (guint it = 0; it < max_iter; it++)
    {
      gsize n_changed = 0;
      double shift = 0.0;

      if (g_cancellable_is_cancelled (pb->cancellable))
        return FALSE;
      assign (pb, run->centres, run->labels, NULL, sums, counts, changed);
      memset (next, 0, (gsize) k * p * sizeof (double));
      memset (total, 0, k * sizeof (gsize));
      for (gsize ci = 0; ci < pb->n_chunks; ci++)
        {
          for (gsize q = 0; q < (gsize) k * p; q++)
            next[q] += sums[ci * k * p + q];
          for (guint c = 0; c < k; c++)
            total[c] += counts[ci * k + c];
          n_changed += changed[ci];
        }
      run->iterations = it + 1;
      if (it > 0 && n_changed == 0)
        {
          run->converged = TRUE;
          break;
        }
      for (guint c = 0; c < k; c++)
        if (total[c] == 0)
          {
            /* Distances for the relocation below (rare, so not kept every pass). */
            g_autofree gint32 *copy = g_memdup2 (run->labels, pb->n * sizeof (gint32));
            assign (pb, run->centres, copy, dist, NULL, NULL, changed);
            break;
          }
      for (guint c = 0; c < k; c++)
        {
          double *nc = next + (gsize) c * p;
          if (total[c] > 0)
            {
              for (guint j = 0; j < p; j++)
                nc[j] /= (double) total[c];
            }
          else
            {
              /* An empty cluster takes the row farthest from its centre. */
              gsize far = 0;
              for (gsize i = 1; i < pb->n; i++)
                if (dist[i] > dist[far])
                  far = i;
              memcpy (nc, pb->x + far * p, p * sizeof (double));
              dist[far] = 0.0;
            }
          shift += squared_distance (nc, run->centres + (gsize) c * p, p);
        }
      memcpy (run->centres, next, (gsize) k * p * sizeof (double));
      easel_progress_report (progress, (double) (it + 1) / max_iter, NULL);
      if (shift <= tol_abs)
        {
          run->converged = TRUE;
          break;
        }
    }

  /* Labels and inertia for the final centres. */
  assign (pb, run->centres, run->labels, dist, NULL, NULL, changed);
  run->inertia = chunked_sum (pb, dist);
  return TRUE;
}

static double
silhouette (const double *x,
            gsize         n,
            guint         p,
            guint         k,
            const gint32 *labels,
            guint64       seed,
            gsize        *sample_out)
{
  g_autofree guint32 *rows = NULL;
  g_autofree double *s = NULL;
  g_autofree gsize *count = g_new0 (gsize, k);
  gsize m = n;
  guint nonempty = 0;
  double mean = 0.0;

  *sample_out = 0;
  if (n > EASEL_KMEANS_SILHOUETTE_MAX)
    {
      EaselRng rng;

      rows = g_new (guint32, n);
      for (gsize i = 0; i < n; i++)
        rows[i] = (guint32) i;
      easel_rng_init (&rng, seed ^ G_GUINT64_CONSTANT (0x5111b0e77e000000));
      easel_rng_shuffle (&rng, rows, n);
      m = EASEL_KMEANS_SILHOUETTE_MAX;
      *sample_out = m;
    }
  for (gsize a = 0; a < m; a++)
    count[labels[rows != NULL ? rows[a] : a]]++;
  for (guint c = 0; c < k; c++)
    nonempty += count[c] > 0;
  if (nonempty < 2 || nonempty >= m)
    return NAN;

  s = g_new (double, m);
#pragma omp parallel
  {
    g_autofree double *sum = g_new (double, k);

#pragma omp for schedule(dynamic, 16)
    for (gsize a = 0; a < m; a++)
      {
        gsize i = rows != NULL ? rows[a] : a;
        gint32 li = labels[i];
        double in, out = INFINITY;

        memset (sum, 0, k * sizeof (double));
        for (gsize b = 0; b < m; b++)
          {
            gsize j = rows != NULL ? rows[b] : b;
            sum[labels[j]] += sqrt (squared_distance (x + i * p, x + j * p, p));
          }
        if (count[li] <= 1)
          {
            s[a] = 0.0;
            continue;
          }
        in = sum[li] / (double) (count[li] - 1);
        for (guint c = 0; c < k; c++)
          if ((gint32) c != li && count[c] > 0)
            out = MIN (out, sum[c] / (double) count[c]);
        s[a] = MAX (in, out) > 0.0 ? (out - in) / MAX (in, out) : 0.0;
      }
  }
  for (gsize a = 0; a < m; a++)
    mean += s[a];
  return mean / (double) m;
}

EaselKmeans *
easel_kmeans_fit (const double  *x,
                  gsize          n,
                  guint          p,
                  guint          k,
                  guint64        seed,
                  guint          max_iter,
                  double         tol,
                  guint          n_init,
                  EaselProgress *progress,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(EaselKmeans) km = NULL;
  Problem pb = { 0 };
  EaselRng rng;
  double mean_var = 0.0, tol_abs;
  gint64 start = g_get_monotonic_time ();
  Run best = { 0 };

  if (n == 0 || p == 0)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_EMPTY, "No rows to cluster.");
      return NULL;
    }
  if (k < 1 || k > n)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "k must be between 1 and the number of rows (%" G_GSIZE_FORMAT "), not %u.",
                   n, k);
      return NULL;
    }
  if (max_iter < 1 || !(tol >= 0.0) || n_init < 1)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                           "max_iter and n_init must be 1 or more, tol 0 or more.");
      return NULL;
    }

  pb.x = x;
  pb.n = n;
  pb.p = p;
  pb.k = k;
  pb.cancellable = cancellable;
  pb.chunk = MAX ((gsize) MIN_CHUNK, (n + MAX_CHUNKS - 1) / MAX_CHUNKS);
  pb.chunk = (pb.chunk + ROW_BLOCK - 1) / ROW_BLOCK * ROW_BLOCK;
  pb.n_chunks = (n + pb.chunk - 1) / pb.chunk;

  /* scikit-learn's tolerance: relative to the mean column variance. */
  for (guint j = 0; j < p; j++)
    {
      double mean = 0.0, var = 0.0;
      for (gsize i = 0; i < n; i++)
        mean += x[i * p + j];
      mean /= (double) n;
      for (gsize i = 0; i < n; i++)
        var += (x[i * p + j] - mean) * (x[i * p + j] - mean);
      mean_var += var / (double) n;
    }
  tol_abs = tol * mean_var / p;

  easel_rng_init (&rng, seed);
  for (guint r = 0; r < n_init; r++)
    {
      Run run = { 0 };
      EaselRng stream;
      gboolean ok;

      easel_rng_fork (&rng, r, &stream);
      easel_progress_push_range (progress, (double) r / n_init, (double) (r + 1) / n_init);
      ok = lloyd (&pb, &stream, max_iter, tol_abs, progress, &run);
      easel_progress_pop_range (progress);
      if (!ok)
        {
          g_free (run.centres);
          g_free (run.labels);
          g_free (best.centres);
          g_free (best.labels);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Clustering was cancelled.");
          return NULL;
        }
      if (best.centres == NULL || run.inertia < best.inertia)
        {
          g_free (best.centres);
          g_free (best.labels);
          best = run;
        }
      else
        {
          g_free (run.centres);
          g_free (run.labels);
        }
    }

  km = g_new0 (EaselKmeans, 1);
  km->k = k;
  km->p = p;
  km->n = n;
  km->centres = best.centres;
  km->labels = best.labels;
  km->inertia = best.inertia;
  km->iterations = best.iterations;
  km->converged = best.converged;
  km->n_init = n_init;
  km->sizes = g_new0 (gsize, k);
  for (gsize i = 0; i < n; i++)
    km->sizes[km->labels[i]]++;
  km->seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  km->silhouette = silhouette (x, n, p, k, km->labels, seed, &km->silhouette_sample);
  return g_steal_pointer (&km);
}

void
easel_kmeans_free (EaselKmeans *kmeans)
{
  if (kmeans == NULL)
    return;
  g_free (kmeans->centres);
  g_free (kmeans->labels);
  g_free (kmeans->sizes);
  g_free (kmeans);
}
