/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Principal component analysis from the eigendecomposition of the covariance matrix
 * (LAPACK dsyevd), and the numeric matrix that k-means and PCA share. */

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "easel-blas.h"
#include "easel-error.h"
#include "easel-unsupervised.h"

double *
easel_numeric_matrix (EaselTable        *table,
                      const char *const *columns,
                      gsize             *n_rows,
                      guint             *n_columns,
                      gsize             *dropped_rows,
                      char            ***names,
                      GError           **error)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();
  gsize n = easel_table_get_n_rows (table), kept = 0;
  guint p;
  double *x;

  if (columns != NULL && columns[0] != NULL)
    {
      for (gsize c = 0; columns[c] != NULL; c++)
        {
          int index = easel_table_find_column (table, columns[c]);
          EaselColumn *column;

          if (index < 0)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                           "There is no column “%s”.", columns[c]);
              return NULL;
            }
          column = easel_table_get_column (table, (guint) index);
          if (column->type != EASEL_COLUMN_NUMERIC)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                           "Column “%s” is %s, not numeric.", columns[c],
                           easel_column_type_to_string (column->type));
              return NULL;
            }
          g_ptr_array_add (used, column);
        }
    }
  else
    {
      for (guint c = 0; c < easel_table_get_n_columns (table); c++)
        {
          EaselColumn *column = easel_table_get_column (table, c);
          if (column->type == EASEL_COLUMN_NUMERIC)
            g_ptr_array_add (used, column);
        }
      if (used->len == 0)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                               "The table has no numeric column.");
          return NULL;
        }
    }

  p = used->len;
  x = g_new (double, MAX (n * p, 1));
  for (gsize i = 0; i < n; i++)
    {
      gboolean complete = TRUE;
      for (guint j = 0; j < p && complete; j++)
        {
          const EaselColumn *column = g_ptr_array_index (used, j);
          complete = !easel_column_is_missing (column, i) && isfinite (column->num[i]);
        }
      if (!complete)
        continue;
      for (guint j = 0; j < p; j++)
        {
          const EaselColumn *column = g_ptr_array_index (used, j);
          x[kept * p + j] = column->num[i];
        }
      kept++;
    }
  if (kept == 0)
    {
      g_free (x);
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                           "No row has a value in every used column.");
      return NULL;
    }
  for (guint j = 0; j < p; j++)
    g_strv_builder_add (name_builder, ((const EaselColumn *) g_ptr_array_index (used, j))->name);
  *n_rows = kept;
  *n_columns = p;
  *dropped_rows = n - kept;
  *names = g_strv_builder_end (name_builder);
  return x;
}

EaselPca *
easel_pca_fit (const double  *x,
               gsize          n,
               guint          p,
               guint          n_components,
               gboolean       standardize,
               GError       **error)
{
  g_autoptr(EaselPca) pca = NULL;
  g_autofree double *xc = NULL;
  g_autofree double *cov = NULL;
  g_autofree double *w = NULL;
  double total = 0.0;
  lapack_int info;

  if (n < 2 || p == 0)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                           "PCA needs at least two complete rows and one column.");
      return NULL;
    }
  if (n_components < 1 || n_components > p)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "The number of components must be between 1 and the number of columns (%u), "
                   "not %u.", p, n_components);
      return NULL;
    }

  pca = g_new0 (EaselPca, 1);
  pca->p = p;
  pca->n = n;
  pca->n_components = n_components;
  pca->standardized = standardize;
  pca->mean = g_new0 (double, p);
  pca->scale = g_new (double, p);

  for (guint j = 0; j < p; j++)
    {
      double mean = 0.0, var = 0.0;
      for (gsize i = 0; i < n; i++)
        mean += x[i * p + j];
      mean /= (double) n;
      for (gsize i = 0; i < n; i++)
        var += (x[i * p + j] - mean) * (x[i * p + j] - mean);
      pca->mean[j] = mean;
      pca->scale[j] = 1.0;
      if (standardize && var > 0.0)
        pca->scale[j] = sqrt (var / (double) n);
    }

  xc = g_new (double, n * p);
#pragma omp parallel for schedule(static) if (n * p > 65536)
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < p; j++)
      xc[i * p + j] = (x[i * p + j] - pca->mean[j]) / pca->scale[j];

  /* Covariance (upper triangle) = Xcᵀ Xc / (n − 1). */
  easel_blas_init ();
  cov = g_new0 (double, (gsize) p * p);
  cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, (int) p, (int) n,
               1.0 / (double) (n - 1), xc, (int) p, 0.0, cov, (int) p);
  for (guint j = 0; j < p; j++)
    total += cov[(gsize) j * p + j];

  w = g_new (double, p);
  info = LAPACKE_dsyevd (LAPACK_ROW_MAJOR, 'V', 'U', (lapack_int) p, cov, (lapack_int) p, w);
  if (info != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_FAILED,
                   "The eigendecomposition did not converge (LAPACK code %d).", (int) info);
      return NULL;
    }

  /* Eigenvalues come in increasing order, eigenvectors in the columns of 'cov'. */
  pca->explained_variance = g_new (double, n_components);
  pca->explained_variance_ratio = g_new (double, n_components);
  pca->components = g_new (double, (gsize) n_components * p);
  for (guint c = 0; c < n_components; c++)
    {
      guint e = p - 1 - c;
      double *row = pca->components + (gsize) c * p;
      guint big = 0;
      double value = MAX (w[e], 0.0);

      pca->explained_variance[c] = value;
      pca->explained_variance_ratio[c] = total > 0.0 ? value / total : 0.0;
      for (guint j = 0; j < p; j++)
        {
          row[j] = cov[(gsize) j * p + e];
          if (fabs (row[j]) > fabs (row[big]))
            big = j;
        }
      if (row[big] < 0.0)
        for (guint j = 0; j < p; j++)
          row[j] = -row[j];
    }
  return g_steal_pointer (&pca);
}

void
easel_pca_free (EaselPca *pca)
{
  if (pca == NULL)
    return;
  g_free (pca->mean);
  g_free (pca->scale);
  g_free (pca->explained_variance);
  g_free (pca->explained_variance_ratio);
  g_free (pca->components);
  g_free (pca);
}
