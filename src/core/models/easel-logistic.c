/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Logistic regression, binary and multinomial, with scikit-learn's L2 convention:
 *   minimise ½‖W‖² + C Σ_i loss_i, the intercepts not penalised,
 * scaled by 1/(C n) so that the tolerance reads on the mean loss. Binary problems with
 * few features use Newton's method (the Hessian accumulated with float32 syrk per block,
 * summed in double, solved by Cholesky); the others use L-BFGS. */

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "easel-blas.h"
#include "easel-error.h"
#include "easel-lbfgs.h"

#define STATE_VERSION 1
#define SUB_BLOCK 512
/* Newton's method while the Hessian (p + 1)² stays cheap to factor. */
#define NEWTON_MAX_PARAMS 1000

enum { PARAM_C, PARAM_MAX_ITER, PARAM_TOL, PARAM_SOLVER };
enum { SOLVER_AUTO, SOLVER_NEWTON, SOLVER_LBFGS };

typedef struct
{
  guint     p;
  guint     k;        /* classes of the design */
  gboolean  binary;   /* P(class 1) = σ(x·w + b) */
  double   *w;        /* binary: p; multinomial: p × k (row j holds the k class weights) */
  double   *b;        /* binary: 1; multinomial: k (−inf for a class absent in training) */
  guint     n_iter;
  gboolean  converged;
} Logistic;

static void
logistic_free (gpointer state)
{
  Logistic *m = state;

  g_free (m->w);
  g_free (m->b);
  g_free (m);
}

static inline double
softplus (double z)
{
  return z > 0 ? z + log1p (exp (-z)) : log1p (exp (z));
}

static inline double
sigmoid (double z)
{
  if (z >= 0)
    return 1.0 / (1.0 + exp (-z));
  else
    {
      double e = exp (z);
      return e / (1.0 + e);
    }
}

/* The problem as the optimisers see it: rows, 0/1 or class targets, the penalty. */
typedef struct
{
  const EaselFitData    *data;
  const EaselFitContext *context;
  guint                  p;
  guint                  k;          /* classes being fitted (present in training) */
  gint32                *target;     /* per row: 0/1 (binary) or 0..k−1 */
  double                 lambda;     /* 1 / (C n) */
  double                *z;          /* binary Newton: margins */
  double                *u;          /* binary Newton: X Δ */
  const double          *theta;      /* the point being evaluated */
  double                 step;       /* line search: z + step u */
  double                 last_loss;  /* mean log-loss at the last evaluation */
} Problem;

static double
penalty (const Problem *pb,
         const double  *theta)
{
  double s = 0.0;

  /* The weights only: theta holds p × k weights first, then the intercepts. */
  for (gsize j = 0; j < (gsize) pb->p * pb->k; j++)
    s += theta[j] * theta[j];
  return 0.5 * pb->lambda * s;
}

/* Binary: the mean log-loss, its gradient and (upper triangle of) Hessian at the margins
 * 'z'. acc = [loss | gradient (p + 1) | Hessian (p + 1)²]. */
static void
newton_chunk (gsize    begin,
              gsize    end,
              double  *acc,
              gpointer user_data)
{
  Problem *pb = user_data;
  guint p = pb->p, q = p + 1;
  const float *x = pb->data->x;
  double *grad = acc + 1, *hess = acc + 1 + q;
  g_autofree float *wb = g_new (float, (gsize) SUB_BLOCK * q);
  g_autofree float *hb = g_new (float, (gsize) q * q);

  for (gsize r0 = begin; r0 < end; r0 += SUB_BLOCK)
    {
      gsize rows = MIN ((gsize) SUB_BLOCK, end - r0);

      for (gsize i = 0; i < rows; i++)
        {
          gsize r = r0 + i;
          const float *xi = x + r * p;
          double z = pb->z[r], s = sigmoid (z), y = pb->target[r], res = s - y;
          float sd = (float) sqrt (s * (1.0 - s));
          float *wi = wb + i * q;

          acc[0] += softplus (z) - y * z;
          for (guint j = 0; j < p; j++)
            {
              grad[j] += res * xi[j];
              wi[j] = sd * xi[j];
            }
          grad[p] += res;
          wi[p] = sd;
        }
      cblas_ssyrk (CblasRowMajor, CblasUpper, CblasTrans, (int) q, (int) rows, 1.0f, wb, (int) q,
                   0.0f, hb, (int) q);
      for (guint a = 0; a < q; a++)
        for (guint b = a; b < q; b++)
          hess[(gsize) a * q + b] += hb[(gsize) a * q + b];
    }
}

static void
loss_chunk (gsize    begin,
            gsize    end,
            double  *acc,
            gpointer user_data)
{
  Problem *pb = user_data;

  for (gsize r = begin; r < end; r++)
    {
      double z = pb->z[r] + pb->step * pb->u[r];
      acc[0] += softplus (z) - pb->target[r] * z;
    }
}

/* out[i] = x_i · v[0..p) + v[p] */
static void
margins (const Problem *pb,
         const double  *v,
         double        *out)
{
  guint p = pb->p;
  gsize n = pb->data->n;

#pragma omp parallel for schedule(static) if (n > 4096)
  for (gsize i = 0; i < n; i++)
    {
      const float *xi = pb->data->x + i * p;
      double s = v[p];
      for (guint j = 0; j < p; j++)
        s += xi[j] * v[j];
      out[i] = s;
    }
}

static double
binary_loss_at_step (Problem *pb,
                     double   step)
{
  double loss;

  pb->step = step;
  easel_parallel_sum (pb->data->n, 1, loss_chunk, pb, &loss);
  return loss / (double) pb->data->n;
}

static gboolean
fit_newton (Problem  *pb,
            double   *theta,
            guint     max_iter,
            double    tol,
            guint    *n_iter,
            gboolean *converged,
            GError  **error)
{
  guint p = pb->p, q = p + 1;
  gsize n = pb->data->n;
  g_autofree double *acc = g_new (double, 1 + q + (gsize) q * q);
  g_autofree double *delta = g_new (double, q);
  double *grad = acc + 1, *hess = acc + 1 + q;
  const EaselFitContext *ctx = pb->context;
  guint it;

  easel_blas_init ();
  pb->z = g_new (double, n);
  pb->u = g_new (double, n);
  margins (pb, theta, pb->z);
  *converged = FALSE;
  for (it = 0; ; it++)
    {
      double f, gmax = 0.0, slope = 0.0, step = 1.0;
      lapack_int info;

      easel_parallel_sum (n, 1 + q + (gsize) q * q, newton_chunk, pb, acc);
      pb->last_loss = acc[0] / (double) n;
      f = pb->last_loss + penalty (pb, theta);
      for (guint j = 0; j < q; j++)
        {
          grad[j] /= (double) n;
          if (j < p)
            grad[j] += pb->lambda * theta[j];
          gmax = MAX (gmax, fabs (grad[j]));
        }
      if (it > 0 && ctx->monitor != NULL)
        ctx->monitor (it, pb->last_loss, NAN, ctx->monitor_data);
      if (gmax <= tol)
        {
          *converged = TRUE;
          break;
        }
      if (it >= max_iter)
        break;
      if (easel_fit_check_cancelled (ctx, error))
        return FALSE;
      easel_progress_report (ctx->progress, MIN (0.95, (it + 1) / 10.0),
                             _("Fitting: Newton steps"));

      for (guint a = 0; a < q; a++)
        for (guint b = a; b < q; b++)
          hess[(gsize) a * q + b] /= (double) n;
      for (guint j = 0; j < p; j++)
        hess[(gsize) j * q + j] += pb->lambda;
      for (guint j = 0; j < q; j++)
        delta[j] = -grad[j];
      info = LAPACKE_dposv (LAPACK_ROW_MAJOR, 'U', (lapack_int) q, 1, hess, (lapack_int) q,
                            delta, 1);
      if (info != 0)
        {
          /* Singular (separable data without penalty): a gradient step instead. */
          for (guint j = 0; j < q; j++)
            delta[j] = -grad[j];
        }
      for (guint j = 0; j < q; j++)
        slope += grad[j] * delta[j];

      /* Backtracking on the exact objective; the margins move along u = X Δ. */
      margins (pb, delta, pb->u);
      for (;;)
        {
          double trial, pen = 0.0;
          for (guint j = 0; j < p; j++)
            {
              double t = theta[j] + step * delta[j];
              pen += t * t;
            }
          trial = binary_loss_at_step (pb, step) + 0.5 * pb->lambda * pen;
          if (trial <= f + 1e-4 * step * slope || step < 1e-10)
            break;
          step *= 0.5;
        }
      if (step < 1e-10)
        break;   /* no decrease possible: the optimum within rounding */
      for (guint j = 0; j < q; j++)
        theta[j] += step * delta[j];
#pragma omp parallel for schedule(static) if (n > 4096)
      for (gsize i = 0; i < n; i++)
        pb->z[i] += step * pb->u[i];
    }
  *n_iter = it;
  g_clear_pointer (&pb->z, g_free);
  g_clear_pointer (&pb->u, g_free);
  return TRUE;
}

/* L-BFGS objectives. theta = [weights p × k, intercepts k]. */
static void
multinomial_chunk (gsize    begin,
                   gsize    end,
                   double  *acc,
                   gpointer user_data)
{
  Problem *pb = user_data;
  guint p = pb->p, k = pb->k;
  const double *w = pb->theta, *b = pb->theta + (gsize) p * k;
  double *grad = acc + 1;
  g_autofree double *z = g_new (double, k);

  for (gsize r = begin; r < end; r++)
    {
      const float *xi = pb->data->x + r * p;
      gint32 y = pb->target[r];
      double lse;

      memcpy (z, b, k * sizeof (double));
      for (guint j = 0; j < p; j++)
        {
          double xj = xi[j];
          const double *wj = w + (gsize) j * k;
          for (guint c = 0; c < k; c++)
            z[c] += xj * wj[c];
        }
      acc[0] -= z[y];
      lse = easel_softmax (z, k);
      acc[0] += lse;
      z[y] -= 1.0;
      for (guint j = 0; j < p; j++)
        {
          double xj = xi[j];
          double *gj = grad + (gsize) j * k;
          for (guint c = 0; c < k; c++)
            gj[c] += xj * z[c];
        }
      for (guint c = 0; c < k; c++)
        grad[(gsize) p * k + c] += z[c];
    }
}

static void
binary_chunk (gsize    begin,
              gsize    end,
              double  *acc,
              gpointer user_data)
{
  Problem *pb = user_data;
  guint p = pb->p;
  const double *w = pb->theta;
  double *grad = acc + 1;

  for (gsize r = begin; r < end; r++)
    {
      const float *xi = pb->data->x + r * p;
      double z = w[p], y = pb->target[r], res;

      for (guint j = 0; j < p; j++)
        z += xi[j] * w[j];
      acc[0] += softplus (z) - y * z;
      res = sigmoid (z) - y;
      for (guint j = 0; j < p; j++)
        grad[j] += res * xi[j];
      grad[p] += res;
    }
}

static double
objective (const double *theta,
           double       *grad,
           gpointer      user_data)
{
  Problem *pb = user_data;
  gsize m = ((gsize) pb->p + 1) * pb->k, n = pb->data->n;
  g_autofree double *acc = g_new (double, m + 1);

  pb->theta = theta;
  easel_parallel_sum (n, m + 1, pb->k == 1 ? binary_chunk : multinomial_chunk, pb, acc);
  for (gsize j = 0; j < m; j++)
    grad[j] = acc[1 + j] / (double) n;
  for (gsize j = 0; j < (gsize) pb->p * pb->k; j++)
    grad[j] += pb->lambda * theta[j];
  pb->last_loss = acc[0] / (double) n;
  return pb->last_loss + penalty (pb, theta);
}

static void
lbfgs_iteration (guint    iteration,
                 double   value,
                 gpointer user_data)
{
  Problem *pb = user_data;
  const EaselFitContext *ctx = pb->context;

  easel_progress_report (ctx->progress, MIN (0.95, iteration / 100.0), _("Fitting: L-BFGS steps"));
  if (ctx->monitor != NULL)
    ctx->monitor (iteration, pb->last_loss, NAN, ctx->monitor_data);
}

static gpointer
logistic_fit (const EaselFitData    *data,
              const double          *params,
              const EaselFitContext *context,
              GError               **error)
{
  guint p = data->p, K = data->n_classes, k_present = 0;
  g_autofree gsize *count = g_new0 (gsize, K);
  g_autofree gint32 *compact = g_new (gint32, K);
  g_autofree gint32 *target = g_new (gint32, MAX (data->n, 1));
  g_autofree double *theta = NULL;
  Problem pb = { 0 };
  Logistic *m = g_new0 (Logistic, 1);
  guint solver = (guint) params[PARAM_SOLVER];
  gboolean ok = TRUE;

  m->p = p;
  m->k = K;
  m->binary = K == 2;
  for (gsize i = 0; i < data->n; i++)
    count[data->labels[i]]++;
  for (guint c = 0; c < K; c++)
    compact[c] = count[c] > 0 ? (gint32) k_present++ : -1;

  if (m->binary)
    {
      m->w = g_new0 (double, p);
      m->b = g_new0 (double, 1);
    }
  else
    {
      m->w = g_new0 (double, (gsize) p * K);
      m->b = g_new0 (double, K);
    }
  if (k_present < 2)
    {
      /* One class only: it gets all the probability. */
      if (m->binary)
        m->b[0] = count[1] > 0 ? INFINITY : -INFINITY;
      else
        for (guint c = 0; c < K; c++)
          m->b[c] = count[c] > 0 ? 0.0 : -INFINITY;
      m->converged = TRUE;
      return m;
    }

  pb.data = data;
  pb.context = context;
  pb.p = p;
  pb.target = target;
  pb.lambda = 1.0 / (params[PARAM_C] * (double) data->n);
  for (gsize i = 0; i < data->n; i++)
    target[i] = compact[data->labels[i]];

  if (m->binary)
    {
      pb.k = 1;
      theta = g_new0 (double, p + 1);
      if (solver == SOLVER_NEWTON || (solver == SOLVER_AUTO && p + 1 <= NEWTON_MAX_PARAMS))
        ok = fit_newton (&pb, theta, (guint) params[PARAM_MAX_ITER], params[PARAM_TOL],
                         &m->n_iter, &m->converged, error);
      else
        {
          EaselLbfgsOptions o = { (guint) params[PARAM_MAX_ITER], params[PARAM_TOL], 10,
                                  lbfgs_iteration, &pb };
          ok = easel_lbfgs_minimize (p + 1, theta, objective, &pb, &o, context->cancellable,
                                     &m->n_iter, &m->converged, error);
        }
      if (ok)
        {
          memcpy (m->w, theta, p * sizeof (double));
          m->b[0] = theta[p];
        }
    }
  else
    {
      guint k = k_present;
      EaselLbfgsOptions o = { (guint) params[PARAM_MAX_ITER], params[PARAM_TOL], 10,
                              lbfgs_iteration, &pb };

      pb.k = k;
      theta = g_new0 (double, ((gsize) p + 1) * k);
      ok = easel_lbfgs_minimize ((p + 1) * k, theta, objective, &pb, &o, context->cancellable,
                                 &m->n_iter, &m->converged, error);
      if (ok)
        for (guint c = 0; c < K; c++)
          {
            if (compact[c] < 0)
              {
                m->b[c] = -INFINITY;
                continue;
              }
            for (guint j = 0; j < p; j++)
              m->w[(gsize) j * K + c] = theta[(gsize) j * k + compact[c]];
            m->b[c] = theta[(gsize) p * k + compact[c]];
          }
    }
  if (!ok)
    {
      logistic_free (m);
      return NULL;
    }
  easel_progress_report (context->progress, 1.0, NULL);
  return m;
}

static gboolean
logistic_predict (gconstpointer  state,
                  const float   *x,
                  gsize          n,
                  double        *out,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const Logistic *m = state;
  guint p = m->p, k = m->k;

#pragma omp parallel for schedule(static) if (n > 4096)
  for (gsize i = 0; i < n; i++)
    {
      const float *xi = x + i * p;
      double *o = out + i * k;

      if (m->binary)
        {
          double z = m->b[0], s;
          if (isfinite (z))
            for (guint j = 0; j < p; j++)
              z += xi[j] * m->w[j];
          s = sigmoid (z);
          o[0] = 1.0 - s;
          o[1] = s;
        }
      else
        {
          memcpy (o, m->b, k * sizeof (double));
          for (guint j = 0; j < p; j++)
            {
              double xj = xi[j];
              for (guint c = 0; c < k; c++)
                o[c] += xj * m->w[(gsize) j * k + c];
            }
          easel_softmax (o, k);
        }
    }
  return TRUE;
}

static void
logistic_importance (gconstpointer state,
                     double       *out)
{
  const Logistic *m = state;
  guint per = m->binary ? 1 : m->k;

  for (guint j = 0; j < m->p; j++)
    {
      double s = 0.0;
      for (guint c = 0; c < per; c++)
        s += fabs (m->w[(gsize) j * per + c]);
      out[j] = s / per;
    }
}

static void
logistic_save (gconstpointer    state,
               EaselBlobWriter *w)
{
  const Logistic *m = state;

  easel_blob_put_u32 (w, STATE_VERSION);
  easel_blob_put_u8 (w, m->binary);
  easel_blob_put_f64_array (w, m->w, m->binary ? m->p : (gsize) m->p * m->k);
  easel_blob_put_f64_array (w, m->b, m->binary ? 1 : m->k);
  easel_blob_put_u32 (w, m->n_iter);
  easel_blob_put_u8 (w, m->converged);
}

static gpointer
logistic_load (EaselBlobReader *r,
               guint            p,
               guint            n_classes,
               EaselProblem     problem)
{
  guint32 version;
  guint8 binary, converged;
  Logistic *m;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION,
                                 "the logistic model's version", &version) ||
      !easel_blob_get_u8 (r, &binary))
    return NULL;
  if ((binary != 0) != (n_classes == 2) || n_classes < 2)
    {
      easel_blob_fail (r, "the logistic model does not match its classes");
      return NULL;
    }
  m = g_new0 (Logistic, 1);
  m->p = p;
  m->k = n_classes;
  m->binary = binary != 0;
  easel_blob_get_f64_array (r, m->binary ? p : (gsize) p * n_classes, &m->w);
  easel_blob_get_f64_array (r, m->binary ? 1 : n_classes, &m->b);
  easel_blob_get_u32 (r, &m->n_iter);
  easel_blob_get_u8 (r, &converged);
  m->converged = converged != 0;
  if (r->failed)
    {
      logistic_free (m);
      return NULL;
    }
  if (m->w == NULL && p > 0)
    m->w = g_new0 (double, 1);
  return m;
}

static const char *const solver_choices[] = {
  NC_("parameter choice", "auto"),
  NC_("parameter choice", "newton"),
  NC_("parameter choice", "lbfgs"),
  NULL
};

static const EaselParamSpec logistic_params[] = {
  { "C", EASEL_PARAM_DOUBLE, 1.0, 0.0, 1e12, EASEL_PARAM_MIN_EXCLUSIVE | EASEL_PARAM_LOG_SCALE,
    NULL,
    N_("Inverse regularisation strength: smaller values shrink the coefficients more, larger "
       "values follow the training rows more closely.") },
  { "max_iter", EASEL_PARAM_INT, 500, 1, 100000, 0, NULL,
    N_("The most optimisation steps to take before stopping, converged or not.") },
  { "tol", EASEL_PARAM_DOUBLE, 1e-7, 0.0, 1.0, EASEL_PARAM_MIN_EXCLUSIVE | EASEL_PARAM_LOG_SCALE,
    NULL,
    N_("Stop when no gradient component of the mean loss is larger than this.") },
  { "solver", EASEL_PARAM_CHOICE, SOLVER_AUTO, 0, 0, 0, solver_choices,
    N_("How the optimum is found: Newton steps (two classes, few features) or L-BFGS; auto "
       "chooses.") },
};

static const EaselAlgorithmOps logistic_ops = {
  logistic_fit, logistic_predict, logistic_importance, logistic_save, logistic_load,
  logistic_free,
};

const EaselAlgorithm easel_algorithm_logistic = {
  "logistic",
  N_("Logistic regression"),
  N_("Class probabilities from a weighted sum of the features; a strong, fast baseline whose "
     "weights are easy to read."),
  FALSE, TRUE,
  EASEL_ENCODE_STANDARDIZE,
  logistic_params, G_N_ELEMENTS (logistic_params),
  &logistic_ops,
};
