/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* k nearest neighbours by brute force on standardised features. Squared distances come
 * from ‖q‖² + ‖x‖² − 2 q·x with the products as float32 sgemm tiles, the k best per query
 * kept in a small heap; the distances of the winners are then recomputed exactly in
 * double, so weights and ties do not depend on the tiling. */

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "easel-blas.h"
#include "easel-error.h"
#include "easel-model-private.h"

#define STATE_VERSION 1
#define QUERY_BLOCK 256
#define TRAIN_BLOCK 1024

enum { PARAM_K, PARAM_WEIGHTS };
enum { WEIGHTS_UNIFORM, WEIGHTS_DISTANCE };

typedef struct
{
  guint         p;
  guint         n_classes;   /* 0: regression */
  gsize         n;           /* training rows */
  guint         k;
  guint         weights;
  float        *x;           /* n × p */
  float        *norm;        /* n: ‖x‖² */
  gint32       *labels;      /* classification */
  double       *y;           /* regression */
} Knn;

static void
knn_free (gpointer state)
{
  Knn *m = state;

  g_free (m->x);
  g_free (m->norm);
  g_free (m->labels);
  g_free (m->y);
  g_free (m);
}

static void
compute_norms (Knn *m)
{
  m->norm = g_new (float, MAX (m->n, 1));
#pragma omp parallel for schedule(static) if (m->n > 8192)
  for (gsize i = 0; i < m->n; i++)
    {
      const float *xi = m->x + i * m->p;
      double s = 0.0;
      for (guint j = 0; j < m->p; j++)
        s += (double) xi[j] * xi[j];
      m->norm[i] = (float) s;
    }
}

static gpointer
knn_fit (const EaselFitData    *data,
         const double          *params,
         const EaselFitContext *context,
         GError               **error)
{
  Knn *m = g_new0 (Knn, 1);

  m->p = data->p;
  m->n = data->n;
  m->n_classes = data->labels != NULL ? data->n_classes : 0;
  m->k = (guint) params[PARAM_K];
  m->weights = (guint) params[PARAM_WEIGHTS];
  m->x = g_memdup2 (data->x, data->n * data->p * sizeof (float));
  if (data->labels != NULL)
    m->labels = g_memdup2 (data->labels, data->n * sizeof (gint32));
  else
    m->y = g_memdup2 (data->y, data->n * sizeof (double));
  compute_norms (m);
  easel_progress_report (context->progress, 1.0, NULL);
  return m;
}

/* A max-heap of (distance, index) pairs; the root is the worst kept neighbour. Larger
 * index counts as worse on equal distances, so ties go to earlier training rows. */
typedef struct
{
  float   d;
  guint32 i;
} Entry;

static inline gboolean
worse (const Entry *a,
       const Entry *b)
{
  return a->d > b->d || (a->d == b->d && a->i > b->i);
}

static void
sift_down (Entry *h,
           guint  size,
           guint  at)
{
  for (;;)
    {
      guint l = 2 * at + 1, r = l + 1, top = at;
      Entry t;

      if (l < size && worse (&h[l], &h[top]))
        top = l;
      if (r < size && worse (&h[r], &h[top]))
        top = r;
      if (top == at)
        return;
      t = h[at];
      h[at] = h[top];
      h[top] = t;
      at = top;
    }
}

static void
heap_push (Entry   *h,
           guint   *size,
           guint    k,
           float    d,
           guint32  i)
{
  Entry e = { d, i };

  if (*size < k)
    {
      guint at = (*size)++;
      h[at] = e;
      while (at > 0)
        {
          guint parent = (at - 1) / 2;
          Entry t;
          if (!worse (&h[at], &h[parent]))
            break;
          t = h[at];
          h[at] = h[parent];
          h[parent] = t;
          at = parent;
        }
    }
  else if (worse (&h[0], &e))
    {
      h[0] = e;
      sift_down (h, *size, 0);
    }
}

typedef struct
{
  double  d;
  guint32 i;
} Neighbour;

static int
compare_neighbours (const void *a,
                    const void *b)
{
  const Neighbour *x = a, *y = b;

  if (x->d != y->d)
    return x->d < y->d ? -1 : 1;
  return (x->i > y->i) - (x->i < y->i);
}

static void
vote (const Knn       *m,
      const Neighbour *nb,
      guint            k,
      double          *out)
{
  gboolean exact = FALSE;
  double total = 0.0;

  if (m->weights == WEIGHTS_DISTANCE)
    for (guint a = 0; a < k; a++)
      exact |= nb[a].d == 0.0;

  if (m->n_classes > 0)
    memset (out, 0, m->n_classes * sizeof (double));
  else
    out[0] = 0.0;
  for (guint a = 0; a < k; a++)
    {
      double w;

      if (m->weights == WEIGHTS_UNIFORM)
        w = 1.0;
      else if (exact)
        w = nb[a].d == 0.0 ? 1.0 : 0.0;   /* a row seen in training decides alone */
      else
        w = 1.0 / nb[a].d;
      total += w;
      if (m->n_classes > 0)
        out[m->labels[nb[a].i]] += w;
      else
        out[0] += w * m->y[nb[a].i];
    }
  if (m->n_classes > 0)
    for (guint c = 0; c < m->n_classes; c++)
      out[c] /= total;
  else
    out[0] /= total;
}

static gboolean
knn_predict (gconstpointer  state,
             const float   *x,
             gsize          n,
             double        *out,
             GCancellable  *cancellable,
             GError       **error)
{
  const Knn *m = state;
  guint p = m->p, k = (guint) MIN ((gsize) m->k, m->n), width = MAX (m->n_classes, 1);
  gsize n_blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
  gboolean cancelled = FALSE;

  easel_blas_init ();
#pragma omp parallel
  {
    float *tile = g_new (float, (gsize) QUERY_BLOCK * TRAIN_BLOCK);
    Entry *heaps = g_new (Entry, (gsize) QUERY_BLOCK * k);
    guint *sizes = g_new (guint, QUERY_BLOCK);
    float *qnorm = g_new (float, QUERY_BLOCK);
    Neighbour *nb = g_new (Neighbour, k);

#pragma omp for schedule(dynamic, 1)
    for (gsize b = 0; b < n_blocks; b++)
      {
        gsize q0 = b * QUERY_BLOCK, nq = MIN ((gsize) QUERY_BLOCK, n - q0);

        if (g_atomic_int_get (&cancelled) || g_cancellable_is_cancelled (cancellable))
          {
            g_atomic_int_set (&cancelled, TRUE);
            continue;
          }
        for (gsize a = 0; a < nq; a++)
          {
            const float *qa = x + (q0 + a) * p;
            double s = 0.0;
            for (guint j = 0; j < p; j++)
              s += (double) qa[j] * qa[j];
            qnorm[a] = (float) s;
            sizes[a] = 0;
          }
        for (gsize t0 = 0; t0 < m->n; t0 += TRAIN_BLOCK)
          {
            gsize nt = MIN ((gsize) TRAIN_BLOCK, m->n - t0);

            /* tile = Q Tᵀ */
            cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) nq, (int) nt, (int) p,
                         1.0f, x + q0 * p, (int) p, m->x + t0 * p, (int) p, 0.0f, tile, (int) nt);
            for (gsize a = 0; a < nq; a++)
              {
                const float *row = tile + a * nt;
                const float *tn = m->norm + t0;
                Entry *h = heaps + a * k;
                guint size = sizes[a];
                float qn = qnorm[a];
                /* Until the heap is full every row enters; then only those that beat the
                 * worst kept one. */
                float worst = size == k ? h[0].d : INFINITY;

                gsize t = 0;

                /* Fill the heap one row at a time. */
                for (; t < nt && size < k; t++)
                  {
                    float d = qn + tn[t] - 2.0f * row[t];
                    if (G_UNLIKELY (isnan (d)))
                      d = INFINITY;   /* a damaged model: still fill the heap */
                    heap_push (h, &size, k, d, (guint32) (t0 + t));
                  }
                if (size == k)
                  worst = h[0].d;
                /* Then most rows lose: test 16 at a time (a loop the compiler vectorises)
                 * and look closer only at a group where some row may win. */
                for (; t + 16 <= nt; t += 16)
                  {
                    float d[16];
                    int hits = 0;

                    for (int u = 0; u < 16; u++)
                      {
                        d[u] = qn + tn[t + u] - 2.0f * row[t + u];
                        hits += d[u] <= worst;
                      }
                    if (G_LIKELY (hits == 0))
                      continue;
                    for (int u = 0; u < 16; u++)
                      if (d[u] <= worst)
                        {
                          heap_push (h, &size, k, d[u], (guint32) (t0 + t + u));
                          worst = h[0].d;
                        }
                  }
                for (; t < nt; t++)
                  {
                    float d = qn + tn[t] - 2.0f * row[t];
                    if (d <= worst)
                      {
                        heap_push (h, &size, k, d, (guint32) (t0 + t));
                        worst = h[0].d;
                      }
                  }
                sizes[a] = size;
              }
          }
        for (gsize a = 0; a < nq; a++)
          {
            const float *qa = x + (q0 + a) * p;
            const Entry *h = heaps + a * k;

            g_assert (sizes[a] == k);
            for (guint e = 0; e < k; e++)
              {
                const float *ti = m->x + (gsize) h[e].i * p;
                double s = 0.0;
                for (guint j = 0; j < p; j++)
                  {
                    double dj = (double) qa[j] - ti[j];
                    s += dj * dj;
                  }
                nb[e].d = sqrt (s);
                nb[e].i = h[e].i;
              }
            qsort (nb, k, sizeof *nb, compare_neighbours);
            vote (m, nb, k, out + (q0 + a) * width);
          }
      }
    g_free (tile);
    g_free (heaps);
    g_free (sizes);
    g_free (qnorm);
    g_free (nb);
  }
  if (cancelled)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Prediction was cancelled.");
      return FALSE;
    }
  return TRUE;
}

static void
knn_save (gconstpointer    state,
          EaselBlobWriter *w)
{
  const Knn *m = state;

  easel_blob_put_u32 (w, STATE_VERSION);
  easel_blob_put_u32 (w, m->k);
  easel_blob_put_u32 (w, m->weights);
  easel_blob_put_u64 (w, m->n);
  easel_blob_put_f32_array (w, m->x, m->n * m->p);
  if (m->n_classes > 0)
    easel_blob_put_i32_array (w, m->labels, m->n);
  else
    easel_blob_put_f64_array (w, m->y, m->n);
}

static gpointer
knn_load (EaselBlobReader *r,
          guint            p,
          guint            n_classes,
          EaselProblem     problem)
{
  guint32 version;
  guint64 n;
  Knn *m;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION, "the k-NN model's version",
                                 &version))
    return NULL;
  m = g_new0 (Knn, 1);
  m->p = p;
  m->n_classes = problem == EASEL_PROBLEM_REGRESSION ? 0 : n_classes;
  easel_blob_get_u32_range (r, 1, 1000000, "k", &m->k);
  easel_blob_get_u32_range (r, WEIGHTS_UNIFORM, WEIGHTS_DISTANCE, "the weighting", &m->weights);
  easel_blob_get_u64 (r, &n);
  if (!r->failed && (n == 0 || p == 0 || n > (r->len - r->pos) / (4 * (guint64) p)))
    easel_blob_fail (r, "the k-NN model's row count does not match its size");
  m->n = r->failed ? 0 : (gsize) n;
  easel_blob_get_f32_array (r, m->n * p, &m->x);
  if (m->n_classes > 0)
    {
      easel_blob_get_i32_array (r, m->n, &m->labels);
      for (gsize i = 0; !r->failed && i < m->n; i++)
        if (m->labels[i] < 0 || (guint) m->labels[i] >= m->n_classes)
          easel_blob_fail (r, "a k-NN training row has an unknown class");
    }
  else
    easel_blob_get_f64_array (r, m->n, &m->y);
  if (r->failed)
    {
      knn_free (m);
      return NULL;
    }
  compute_norms (m);
  return m;
}

static const char *const weight_choices[] = {
  NC_("parameter choice", "uniform"),
  NC_("parameter choice", "distance"),
  NULL
};

static const EaselParamSpec knn_params[] = {
  { "k", EASEL_PARAM_INT, 5, 1, 10000, 0, NULL,
    N_("How many of the nearest training rows vote on (or are averaged for) each prediction.") },
  { "weights", EASEL_PARAM_CHOICE, WEIGHTS_UNIFORM, 0, 0, 0, weight_choices,
    N_("Whether every neighbour counts the same, or nearer neighbours count more (by one over "
       "the distance).") },
};

static const EaselAlgorithmOps knn_ops = {
  knn_fit, knn_predict, NULL, knn_save, knn_load, knn_free,
};

const EaselAlgorithm easel_algorithm_knn = {
  "knn",
  N_("k nearest neighbours"),
  N_("Predicts from the most similar training rows; no training time, but prediction reads "
     "every training row."),
  TRUE, TRUE,
  EASEL_ENCODE_STANDARDIZE,
  knn_params, G_N_ELEMENTS (knn_params),
  &knn_ops,
};
