/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* Unsupervised learning on numeric columns: k-means clustering and principal component
 * analysis. Both work on a dense row-major double matrix; easel_numeric_matrix() builds
 * one from a table. */

/* The rows × columns matrix of the named numeric columns (all NUMERIC columns when
 * 'columns' is NULL or empty), row-major. Rows with a missing value in any used column
 * are dropped; their count goes to *dropped_rows. *names gets the used column names
 * (NULL-terminated). Errors: an unknown or non-numeric column (EASEL_ERROR_NOT_FOUND,
 * EASEL_ERROR_TYPE, naming the column), no numeric column or no complete row
 * (EASEL_ERROR_EMPTY). */
double *easel_numeric_matrix (EaselTable        *table,
                              const char *const *columns,
                              gsize             *n_rows,
                              guint             *n_columns,
                              gsize             *dropped_rows,
                              char            ***names,
                              GError           **error);

typedef struct
{
  guint    k;
  guint    p;
  gsize    n;                  /* rows clustered */
  double  *centres;            /* k × p, row-major */
  gint32  *labels;             /* n: the cluster of each row */
  gsize   *sizes;              /* k */
  double   inertia;            /* sum of squared distances to the nearest centre */
  guint    iterations;         /* Lloyd iterations of the best run */
  gboolean converged;
  guint    n_init;             /* runs made; the best (lowest inertia) is kept */
  double   silhouette;         /* mean silhouette coefficient; NaN when k < 2 or k = n */
  gsize    silhouette_sample;  /* 0: exact over all rows; else the sampled row count */
  double   seconds;            /* the fit, silhouette excluded */
} EaselKmeans;

/* k-means: greedy k-means++ seeding from 'seed', then Lloyd iterations until the total
 * squared centre shift is at most tol × (mean column variance) (scikit-learn's relative
 * tolerance), the labels stop changing, or 'max_iter' is reached. With n_init > 1 the
 * seeding runs from independent streams of 'seed' and the lowest inertia wins. Results are
 * bit-identical for a seed whatever the number of threads: sums run over fixed blocks of
 * rows in a fixed order. The silhouette is exact up to EASEL_KMEANS_SILHOUETTE_MAX rows,
 * else computed on a seeded sample of that many rows. */
#define EASEL_KMEANS_SILHOUETTE_MAX 10000

EaselKmeans *easel_kmeans_fit   (const double  *x,
                                 gsize          n,
                                 guint          p,
                                 guint          k,
                                 guint64        seed,
                                 guint          max_iter,
                                 double         tol,
                                 guint          n_init,
                                 EaselProgress *progress,
                                 GCancellable  *cancellable,
                                 GError       **error);
void         easel_kmeans_free  (EaselKmeans *kmeans);

typedef struct
{
  guint    p;
  guint    n_components;
  gsize    n;
  gboolean standardized;
  double  *mean;                      /* p */
  double  *scale;                     /* p: the divisor (1 when not standardised) */
  double  *explained_variance;        /* n_components, decreasing (divisor n − 1) */
  double  *explained_variance_ratio;  /* n_components: share of the total variance */
  double  *components;                /* n_components × p, unit rows */
} EaselPca;

/* PCA from the eigendecomposition of the covariance matrix of the centred columns
 * (scikit-learn's default); with 'standardize' each column is also divided by its
 * population standard deviation (a constant column keeps scale 1). Sign convention: the
 * entry of largest absolute value in each component is positive (scikit-learn's svd_flip
 * uses a different rule, so compare signs with care). */
EaselPca    *easel_pca_fit      (const double  *x,
                                 gsize          n,
                                 guint          p,
                                 guint          n_components,
                                 gboolean       standardize,
                                 GError       **error);
void         easel_pca_free     (EaselPca *pca);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselKmeans, easel_kmeans_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselPca, easel_pca_free)

G_END_DECLS
