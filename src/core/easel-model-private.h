/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Private to the core: what the algorithms in models/ implement, and the serialisation of
 * the pieces of a model. */

#include <gio/gio.h>

/* The algorithms' titles, descriptions, parameter sentences and choices are marked with
 * N_(); the window translates them where it shows them. */
#include "config.h"
#include <glib/gi18n-lib.h>

#include "easel-blob.h"
#include "easel-design.h"
#include "easel-model.h"
#include "easel-rng.h"

G_BEGIN_DECLS

/* What an algorithm is fitted on. */
typedef struct
{
  const float        *x;          /* n × p, row-major */
  gsize               n;
  guint               p;
  const double       *y;          /* regression: n targets; else NULL */
  const gint32       *labels;     /* classification: n class indices; else NULL */
  guint               n_classes;  /* 0 for regression */
  EaselProblem        problem;
  const EaselFeature *features;   /* p entries */
} EaselFitData;

/* How the fit runs: progress, cancel, randomness, the loss curve. */
typedef struct
{
  EaselProgress   *progress;
  GCancellable    *cancellable;
  guint64          seed;
  EaselFitMonitor  monitor;
  gpointer         monitor_data;
  const EaselParams *params;   /* the same values, and the lists of INT_LIST parameters */
} EaselFitContext;

/* The operations of one algorithm. 'params' holds the values in the order of the
 * algorithm's parameter specs. */
struct _EaselAlgorithmOps
{
  gpointer (*fit)        (const EaselFitData    *data,
                          const double          *params,
                          const EaselFitContext *context,
                          GError               **error);
  /* out: n predictions (regression) or n × n_classes probabilities (classification). */
  gboolean (*predict)    (gconstpointer          state,
                          const float           *x,
                          gsize                  n,
                          double                *out,
                          GCancellable          *cancellable,
                          GError               **error);
  /* out: one non-negative number per feature; NULL when the algorithm has none. */
  void     (*importance) (gconstpointer          state,
                          double                *out);
  void     (*save)       (gconstpointer          state,
                          EaselBlobWriter       *writer);
  /* Must check every count and index against p and n_classes: the bytes passed their
   * checksum, but a bug or a hand-made file must still not crash Easel. */
  gpointer (*load)       (EaselBlobReader       *reader,
                          guint                  p,
                          guint                  n_classes,
                          EaselProblem           problem);
  void     (*free)       (gpointer               state);
  /* Iterations (boosting rounds) the fitted model kept; NULL when that means nothing. */
  guint    (*n_iterations) (gconstpointer        state);
};

/* The algorithms (models/easel-*.c). */
extern const EaselAlgorithm easel_algorithm_linear;
extern const EaselAlgorithm easel_algorithm_logistic;
extern const EaselAlgorithm easel_algorithm_naive_bayes;
extern const EaselAlgorithm easel_algorithm_knn;
extern const EaselAlgorithm easel_algorithm_tree;
extern const EaselAlgorithm easel_algorithm_forest;
extern const EaselAlgorithm easel_algorithm_gbdt;
extern const EaselAlgorithm easel_algorithm_mlp;

/* Shared by the algorithms */
gboolean easel_fit_check_cancelled (const EaselFitContext *context,
                                    GError               **error);
/* In-place softmax of k scores; returns log Σ exp. */
double   easel_softmax             (double *scores,
                                    guint   k);

/* Deterministic parallel sums over rows: func adds the contribution of rows
 * [begin, end) to 'acc' (m doubles, zeroed). Rows are cut into chunks that do not depend
 * on the number of threads and the chunk sums are added in order, so the result is the
 * same with 1 or 64 threads. 'out' gets the total. */
typedef void (*EaselChunkFunc) (gsize     begin,
                                gsize     end,
                                double   *acc,
                                gpointer  data);
void     easel_parallel_sum        (gsize          n,
                                    gsize          m,
                                    EaselChunkFunc func,
                                    gpointer       data,
                                    double        *out);

/* Serialisation of the design (easel-design.c). */
void         easel_design_save (const EaselDesign *design,
                                EaselBlobWriter   *writer);
EaselDesign *easel_design_load (EaselBlobReader   *reader);

G_END_DECLS
