/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "easel-model-private.h"

G_BEGIN_DECLS

/* Limited-memory BFGS with a strong-Wolfe line search, for smooth objectives (private to
 * the core). */

/* f(x); writes the gradient to 'grad'. */
typedef double (*EaselObjective) (const double *x,
                                  double       *grad,
                                  gpointer      data);
/* After each iteration: the objective's value. */
typedef void   (*EaselIterationFunc) (guint    iteration,
                                      double   value,
                                      gpointer data);

typedef struct
{
  guint               max_iter;
  double              tol;        /* stop when max |gradient| <= tol */
  guint               memory;     /* 0: 10 */
  EaselIterationFunc  iteration;  /* may be NULL */
  gpointer            data;
} EaselLbfgsOptions;

/* Minimise from 'x' (updated in place). Returns FALSE only when cancelled; *converged
 * says whether the gradient test was met. */
gboolean easel_lbfgs_minimize (guint                    n,
                               double                  *x,
                               EaselObjective           f,
                               gpointer                 f_data,
                               const EaselLbfgsOptions *options,
                               GCancellable            *cancellable,
                               guint                   *n_iter,
                               gboolean                *converged,
                               GError                 **error);

G_END_DECLS
