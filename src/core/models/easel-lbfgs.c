/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <math.h>
#include <string.h>

#include "easel-lbfgs.h"

#define C1 1e-4
#define C2 0.9
#define MAX_LINE_STEPS 30

typedef struct
{
  guint           n;
  const double   *x;
  const double   *d;
  double         *xt;    /* x + αd */
  double         *gt;    /* gradient there */
  EaselObjective  f;
  gpointer        data;
  guint           evaluations;
} Line;

static double
dot (const double *a,
     const double *b,
     guint         n)
{
  double s = 0.0;

  for (guint i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

static double
max_abs (const double *a,
         guint         n)
{
  double m = 0.0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, fabs (a[i]));
  return m;
}

/* φ(α) and φ'(α); leaves x + αd and its gradient in xt, gt. */
static double
line_eval (Line   *line,
           double  alpha,
           double *dphi)
{
  double phi;

  for (guint i = 0; i < line->n; i++)
    line->xt[i] = line->x[i] + alpha * line->d[i];
  phi = line->f (line->xt, line->gt, line->data);
  line->evaluations++;
  *dphi = dot (line->gt, line->d, line->n);
  return phi;
}

/* The minimiser of the cubic through (a, fa, da) and (b, fb, db), kept well inside [a, b]
 * (bisection when the cubic is of no use). */
static double
interpolate (double a, double fa, double da,
             double b, double fb, double db)
{
  double lo = MIN (a, b), hi = MAX (a, b), width = hi - lo, t;
  double d1 = da + db - 3 * (fa - fb) / (a - b);
  double disc = d1 * d1 - da * db;

  if (disc >= 0 && isfinite (disc))
    {
      double d2 = copysign (sqrt (disc), b - a);
      t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
      if (isfinite (t) && t > lo + 0.1 * width && t < hi - 0.1 * width)
        return t;
    }
  return lo + 0.5 * width;
}

/* Strong Wolfe conditions (Nocedal and Wright, algorithms 3.5 and 3.6). Returns the step,
 * or 0 if none was found; xt/gt hold the accepted point. */
static double
line_search (Line   *line,
             double  phi0,
             double  dphi0,
             double  alpha,
             double *phi_out)
{
  double prev = 0.0, phi_prev = phi0, dphi_prev = dphi0;

  for (guint i = 0; i < MAX_LINE_STEPS; i++)
    {
      double dphi, phi = line_eval (line, alpha, &dphi);
      double lo, hi, flo, fhi, dlo, dhi;

      if (!isfinite (phi) || phi > phi0 + C1 * alpha * dphi0 || (i > 0 && phi >= phi_prev))
        {
          lo = prev; flo = phi_prev; dlo = dphi_prev;
          hi = alpha; fhi = phi; dhi = dphi;
        }
      else if (fabs (dphi) <= -C2 * dphi0)
        {
          *phi_out = phi;
          return alpha;
        }
      else if (dphi >= 0)
        {
          lo = alpha; flo = phi; dlo = dphi;
          hi = prev; fhi = phi_prev; dhi = dphi_prev;
        }
      else
        {
          prev = alpha;
          phi_prev = phi;
          dphi_prev = dphi;
          alpha *= 2.0;
          continue;
        }

      /* Zoom between lo (which satisfies the sufficient decrease) and hi. */
      for (guint j = 0; j < MAX_LINE_STEPS; j++)
        {
          double a = isfinite (fhi) ? interpolate (lo, flo, dlo, hi, fhi, dhi)
                                    : 0.5 * (lo + hi);
          double fa, da;

          fa = line_eval (line, a, &da);
          if (!isfinite (fa) || fa > phi0 + C1 * a * dphi0 || fa >= flo)
            {
              hi = a; fhi = fa; dhi = da;
            }
          else
            {
              if (fabs (da) <= -C2 * dphi0)
                {
                  *phi_out = fa;
                  return a;
                }
              if (da * (hi - lo) >= 0)
                {
                  hi = lo; fhi = flo; dhi = dlo;
                }
              lo = a; flo = fa; dlo = da;
            }
          if (fabs (hi - lo) < 1e-16 * MAX (1.0, fabs (lo)))
            break;
        }
      /* Accept the best point that decreased the objective, if any. */
      if (lo > 0)
        {
          *phi_out = line_eval (line, lo, &dlo);
          return lo;
        }
      return 0.0;
    }
  return 0.0;
}

gboolean
easel_lbfgs_minimize (guint                    n,
                      double                  *x,
                      EaselObjective           f,
                      gpointer                 f_data,
                      const EaselLbfgsOptions *options,
                      GCancellable            *cancellable,
                      guint                   *n_iter,
                      gboolean                *converged,
                      GError                 **error)
{
  guint m = options->memory ? options->memory : 10;
  g_autofree double *g = g_new (double, n);
  g_autofree double *d = g_new (double, n);
  g_autofree double *xt = g_new (double, n);
  g_autofree double *gt = g_new (double, n);
  g_autofree double *s = g_new (double, (gsize) m * n);
  g_autofree double *y = g_new (double, (gsize) m * n);
  g_autofree double *rho = g_new (double, m);
  g_autofree double *a = g_new (double, m);
  guint stored = 0, head = 0, it = 0;
  double fx;
  Line line = { n, x, d, xt, gt, f, f_data, 0 };

  *converged = FALSE;
  fx = f (x, g, f_data);
  while (it < options->max_iter)
    {
      double phi = 0.0, step, gd;

      if (max_abs (g, n) <= options->tol)
        {
          *converged = TRUE;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          *n_iter = it;
          return FALSE;
        }

      /* d = −H g by the two-loop recursion. */
      for (guint i = 0; i < n; i++)
        d[i] = -g[i];
      for (guint k = 0; k < stored; k++)
        {
          guint idx = (head + m - 1 - k) % m;
          a[idx] = rho[idx] * dot (s + (gsize) idx * n, d, n);
          for (guint i = 0; i < n; i++)
            d[i] -= a[idx] * y[(gsize) idx * n + i];
        }
      if (stored > 0)
        {
          guint last = (head + m - 1) % m;
          double scale = dot (s + (gsize) last * n, y + (gsize) last * n, n) /
                         dot (y + (gsize) last * n, y + (gsize) last * n, n);
          for (guint i = 0; i < n; i++)
            d[i] *= scale;
        }
      for (guint k = stored; k > 0; k--)
        {
          guint idx = (head + m - k) % m;
          double beta = rho[idx] * dot (y + (gsize) idx * n, d, n);
          for (guint i = 0; i < n; i++)
            d[i] += (a[idx] - beta) * s[(gsize) idx * n + i];
        }
      gd = dot (g, d, n);
      if (!(gd < 0))
        {
          /* Not a descent direction (rounding): restart from steepest descent. */
          stored = 0;
          for (guint i = 0; i < n; i++)
            d[i] = -g[i];
          gd = dot (g, d, n);
        }

      step = line_search (&line, fx, gd, stored == 0 ? MIN (1.0, 1.0 / max_abs (g, n)) : 1.0,
                          &phi);
      if (step == 0.0)
        {
          if (stored == 0)
            break;   /* no progress even along the gradient: as good as it gets */
          stored = 0;
          continue;
        }

      /* Update the memory with s = Δx, y = Δg; skip pairs without positive curvature. */
      {
        double *sk = s + (gsize) head * n, *yk = y + (gsize) head * n, sy;
        for (guint i = 0; i < n; i++)
          {
            sk[i] = xt[i] - x[i];
            yk[i] = gt[i] - g[i];
          }
        sy = dot (sk, yk, n);
        if (sy > 1e-12 * sqrt (dot (sk, sk, n) * dot (yk, yk, n)))
          {
            rho[head] = 1.0 / sy;
            head = (head + 1) % m;
            stored = MIN (stored + 1, m);
          }
      }
      memcpy (x, xt, n * sizeof (double));
      memcpy (g, gt, n * sizeof (double));
      {
        double previous = fx;
        fx = phi;
        it++;
        if (options->iteration != NULL)
          options->iteration (it, fx, options->data);
        /* Stalled: the objective no longer changes in double precision. */
        if (fabs (previous - fx) <= 1e-15 * MAX (1.0, fabs (fx)) &&
            max_abs (g, n) <= 100 * options->tol)
          {
            *converged = TRUE;
            break;
          }
      }
    }
  if (max_abs (g, n) <= options->tol)
    *converged = TRUE;
  *n_iter = it;
  return TRUE;
}
