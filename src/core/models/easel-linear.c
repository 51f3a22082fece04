/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Linear least squares with an optional ridge penalty:
 *   minimise Σ (y_i − b − x_i·w)² + l2 ‖w‖², the intercept b not penalised.
 * The centred normal equations are accumulated in double from the float32 design and
 * solved with LAPACK: Cholesky when l2 > 0, else a symmetric eigendecomposition that gives
 * the minimum-norm solution when features are collinear (as a least-squares solver would). */

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "easel-blas.h"
#include "easel-error.h"
#include "easel-model-private.h"

#define STATE_VERSION 1
#define SUB_BLOCK 256

enum { PARAM_L2 };

typedef struct
{
  guint   p;
  double *w;
  double  b;
} Linear;

static void
linear_free (gpointer state)
{
  Linear *m = state;

  g_free (m->w);
  g_free (m);
}

typedef struct
{
  const EaselFitData *data;
  const double       *mean;   /* p + 1: feature means, then the target's */
} GramJob;

/* acc = [ upper triangle of Σ (x−μ)(x−μ)ᵀ (p × p) | Σ (x−μ)(y−ȳ) (p) ] */
static void
gram_chunk (gsize    begin,
            gsize    end,
            double  *acc,
            gpointer user_data)
{
  GramJob *job = user_data;
  guint p = job->data->p;
  g_autofree double *z = g_new (double, (gsize) SUB_BLOCK * p);
  double yc[SUB_BLOCK];

  for (gsize r0 = begin; r0 < end; r0 += SUB_BLOCK)
    {
      gsize rows = MIN ((gsize) SUB_BLOCK, end - r0);

      for (gsize i = 0; i < rows; i++)
        {
          const float *x = job->data->x + (r0 + i) * p;
          for (guint j = 0; j < p; j++)
            z[i * p + j] = (double) x[j] - job->mean[j];
          yc[i] = job->data->y[r0 + i] - job->mean[p];
        }
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, (int) p, (int) rows, 1.0, z, (int) p,
                   1.0, acc, (int) p);
      cblas_dgemv (CblasRowMajor, CblasTrans, (int) rows, (int) p, 1.0, z, (int) p, yc, 1, 1.0,
                   acc + (gsize) p * p, 1);
    }
}

static void
mean_chunk (gsize    begin,
            gsize    end,
            double  *acc,
            gpointer user_data)
{
  const EaselFitData *data = user_data;
  guint p = data->p;

  for (gsize i = begin; i < end; i++)
    {
      const float *x = data->x + i * p;
      for (guint j = 0; j < p; j++)
        acc[j] += x[j];
      acc[p] += data->y[i];
    }
}

/* Solve (G + l2 I) w = c. G holds the upper triangle (row-major) and is destroyed. */
static gboolean
solve_normal_equations (double  *g,
                        double  *c,
                        guint    p,
                        double   l2,
                        GError **error)
{
  lapack_int info;

  for (guint j = 0; j < p; j++)
    g[(gsize) j * p + j] += l2;
  if (l2 > 0)
    {
      g_autofree double *gc = g_memdup2 (g, (gsize) p * p * sizeof (double));
      g_autofree double *cc = g_memdup2 (c, p * sizeof (double));

      info = LAPACKE_dposv (LAPACK_ROW_MAJOR, 'U', (lapack_int) p, 1, gc, (lapack_int) p, cc, 1);
      if (info == 0)
        {
          memcpy (c, cc, p * sizeof (double));
          return TRUE;
        }
      /* Not positive definite in floating point: take the eigen route below. */
    }
  {
    g_autofree double *lambda = g_new (double, p);
    g_autofree double *t = g_new0 (double, p);
    double cutoff;

    info = LAPACKE_dsyevd (LAPACK_ROW_MAJOR, 'V', 'U', (lapack_int) p, g, (lapack_int) p, lambda);
    if (info != 0)
      {
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_FAILED,
                     "The least-squares system could not be solved (LAPACK dsyevd: %d).",
                     (int) info);
        return FALSE;
      }
    /* Directions with (nearly) no variance get no weight: the minimum-norm solution. */
    cutoff = MAX (lambda[p - 1], 0.0) * 1e-12;
    /* w = V diag(1/λ) Vᵀ c; V is row-major with eigenvectors in columns. */
    for (guint k = 0; k < p; k++)
      {
        double dot = 0.0;
        if (lambda[k] <= cutoff || lambda[k] <= 0)
          continue;
        for (guint j = 0; j < p; j++)
          dot += g[(gsize) j * p + k] * c[j];
        t[k] = dot / lambda[k];
      }
    for (guint j = 0; j < p; j++)
      {
        double v = 0.0;
        for (guint k = 0; k < p; k++)
          v += g[(gsize) j * p + k] * t[k];
        c[j] = v;
      }
  }
  return TRUE;
}

static gpointer
linear_fit (const EaselFitData    *data,
            const double          *params,
            const EaselFitContext *context,
            GError               **error)
{
  guint p = data->p;
  g_autofree double *mean = g_new (double, p + 1);
  g_autofree double *acc = g_new (double, (gsize) p * p + p);
  Linear *m;
  GramJob job = { data, mean };
  double b;

  easel_blas_init ();
  easel_progress_report (context->progress, 0.0, _("Fitting least squares"));
  easel_parallel_sum (data->n, p + 1, mean_chunk, (gpointer) data, mean);
  for (guint j = 0; j <= p; j++)
    mean[j] /= (double) data->n;
  if (easel_fit_check_cancelled (context, error))
    return NULL;
  easel_parallel_sum (data->n, (gsize) p * p + p, gram_chunk, &job, acc);
  if (easel_fit_check_cancelled (context, error))
    return NULL;
  easel_progress_report (context->progress, 0.8, _("Solving"));
  if (!solve_normal_equations (acc, acc + (gsize) p * p, p, params[PARAM_L2], error))
    return NULL;

  m = g_new0 (Linear, 1);
  m->p = p;
  m->w = g_memdup2 (acc + (gsize) p * p, p * sizeof (double));
  b = mean[p];
  for (guint j = 0; j < p; j++)
    b -= mean[j] * m->w[j];
  m->b = b;
  easel_progress_report (context->progress, 1.0, NULL);
  return m;
}

static gboolean
linear_predict (gconstpointer  state,
                const float   *x,
                gsize          n,
                double        *out,
                GCancellable  *cancellable,
                GError       **error)
{
  const Linear *m = state;
  guint p = m->p;

#pragma omp parallel for schedule(static) if (n > 4096)
  for (gsize i = 0; i < n; i++)
    {
      const float *row = x + i * p;
      double v = m->b;
      for (guint j = 0; j < p; j++)
        v += (double) row[j] * m->w[j];
      out[i] = v;
    }
  return TRUE;
}

static void
linear_importance (gconstpointer state,
                   double       *out)
{
  const Linear *m = state;

  /* On standardised features, the size of a coefficient is the feature's effect. */
  for (guint j = 0; j < m->p; j++)
    out[j] = fabs (m->w[j]);
}

static void
linear_save (gconstpointer    state,
             EaselBlobWriter *w)
{
  const Linear *m = state;

  easel_blob_put_u32 (w, STATE_VERSION);
  easel_blob_put_f64_array (w, m->w, m->p);
  easel_blob_put_f64 (w, m->b);
}

static gpointer
linear_load (EaselBlobReader *r,
             guint            p,
             guint            n_classes,
             EaselProblem     problem)
{
  guint32 version;
  Linear *m;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION, "the linear model's version",
                                 &version))
    return NULL;
  m = g_new0 (Linear, 1);
  m->p = p;
  easel_blob_get_f64_array (r, p, &m->w);
  easel_blob_get_f64 (r, &m->b);
  if (r->failed)
    {
      linear_free (m);
      return NULL;
    }
  return m;
}

static const EaselParamSpec linear_params[] = {
  { "l2", EASEL_PARAM_DOUBLE, 0.0, 0.0, 1e12, 0, NULL,
    N_("Ridge penalty: how strongly large coefficients are pulled toward zero; 0 fits ordinary "
       "least squares.") },
};

static const EaselAlgorithmOps linear_ops = {
  linear_fit, linear_predict, linear_importance, linear_save, linear_load, linear_free,
};

const EaselAlgorithm easel_algorithm_linear = {
  "linear",
  N_("Linear regression"),
  N_("A weighted sum of the features plus a constant, fitted by least squares; fast and easy "
     "to read."),
  TRUE, FALSE,
  EASEL_ENCODE_STANDARDIZE,
  linear_params, G_N_ELEMENTS (linear_params),
  &linear_ops,
};
