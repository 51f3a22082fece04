/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include <math.h>
#include <string.h>

#include "easel-core.h"

/* n rows around 'k' centres on the corners of a wide lattice, with unit normal noise. */
static double *
make_blobs (gsize    n,
            guint    p,
            guint    k,
            double   spread,
            guint64  seed,
            gint32  *truth)
{
  EaselRng rng;
  double *x = g_new (double, n * p);

  easel_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      guint c = (guint) (i % k);
      for (guint j = 0; j < p; j++)
        {
          double centre = spread * (double) (((c >> (j % 4)) & 1) * 2 + (j == c % p ? 3 : 0));
          x[i * p + j] = centre + easel_rng_normal (&rng);
        }
      if (truth != NULL)
        truth[i] = (gint32) c;
    }
  return x;
}

static void
test_kmeans_blobs (void)
{
  const gsize n = 600;
  const guint p = 5, k = 3;
  g_autofree gint32 *truth = g_new (gint32, n);
  g_autofree double *x = make_blobs (n, p, k, 10.0, 7, truth);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselKmeans) km = NULL;
  gint32 map[3] = { -1, -1, -1 };
  double inertia = 0.0;

  km = easel_kmeans_fit (x, n, p, k, 42, 300, 1e-4, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (km);
  g_assert_true (km->converged);
  g_assert_cmpuint (km->iterations, >=, 1);

  /* Every true blob lands in exactly one cluster, and the clusters differ. */
  for (gsize i = 0; i < n; i++)
    {
      if (map[truth[i]] < 0)
        map[truth[i]] = km->labels[i];
      g_assert_cmpint (km->labels[i], ==, map[truth[i]]);
    }
  g_assert_cmpint (map[0], !=, map[1]);
  g_assert_cmpint (map[0], !=, map[2]);
  g_assert_cmpint (map[1], !=, map[2]);
  for (guint c = 0; c < k; c++)
    g_assert_cmpuint (km->sizes[c], ==, n / k);

  /* Inertia, nearest centres and centre means, computed directly. */
  for (gsize i = 0; i < n; i++)
    {
      double best = INFINITY, own = 0.0;
      for (guint c = 0; c < k; c++)
        {
          double d = 0.0;
          for (guint j = 0; j < p; j++)
            {
              double e = x[i * p + j] - km->centres[c * p + j];
              d += e * e;
            }
          best = MIN (best, d);
          if ((gint32) c == km->labels[i])
            own = d;
        }
      g_assert_cmpfloat (own, ==, best);
      inertia += own;
    }
  g_assert_cmpfloat_with_epsilon (km->inertia, inertia, 1e-9 * inertia);
  for (guint c = 0; c < k; c++)
    for (guint j = 0; j < p; j++)
      {
        double mean = 0.0;
        for (gsize i = 0; i < n; i++)
          if (km->labels[i] == (gint32) c)
            mean += x[i * p + j];
        mean /= (double) km->sizes[c];
        g_assert_cmpfloat_with_epsilon (km->centres[c * p + j], mean, 1e-9);
      }

  /* Well-separated blobs: a silhouette close to 1, computed on every row. */
  g_assert_cmpuint (km->silhouette_sample, ==, 0);
  g_assert_cmpfloat (km->silhouette, >, 0.8);
  g_assert_cmpfloat (km->silhouette, <=, 1.0);
}

static void
test_kmeans_silhouette_exact (void)
{
  /* Two clusters on a line: {0, 1} and {10, 12}. */
  double x[] = { 0, 1, 10, 12 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselKmeans) km = easel_kmeans_fit (x, 4, 1, 2, 1, 100, 0.0, 1, NULL, NULL, &error);
  double s0, s1, s2, s3;

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (km->inertia, 0.5 + 2.0, 1e-12);
  /* a and b by hand for each point. */
  s0 = (11.0 - 1.0) / 11.0;      /* a = 1, b = (10 + 12) / 2 */
  s1 = (10.0 - 1.0) / 10.0;      /* a = 1, b = (9 + 11) / 2 */
  s2 = (9.5 - 2.0) / 9.5;        /* a = 2, b = (10 + 9) / 2 */
  s3 = (11.5 - 2.0) / 11.5;      /* a = 2, b = (12 + 11) / 2 */
  g_assert_cmpfloat_with_epsilon (km->silhouette, (s0 + s1 + s2 + s3) / 4.0, 1e-12);
}

static void
test_kmeans_one_cluster (void)
{
  double x[] = { 1, 2, 3, 4, 5, 9 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselKmeans) km = easel_kmeans_fit (x, 3, 2, 1, 0, 10, 1e-4, 1, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (km->centres[0], 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (km->centres[1], 5.0, 1e-12);
  g_assert_cmpuint (km->sizes[0], ==, 3);
  g_assert_true (isnan (km->silhouette));
}

static void
test_kmeans_duplicates (void)
{
  /* Fewer distinct points than clusters: seeding repeats a centre, a cluster empties and
   * is moved to a row; the fit still ends with zero inertia and a partition. */
  double x[] = { 0, 0, 0, 1, 1, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselKmeans) km = easel_kmeans_fit (x, 6, 1, 3, 0, 50, 1e-4, 1, NULL, NULL, &error);
  gsize total = 0;

  g_assert_no_error (error);
  g_assert_cmpfloat (km->inertia, ==, 0.0);
  for (guint c = 0; c < 3; c++)
    total += km->sizes[c];
  g_assert_cmpuint (total, ==, 6);
  for (gsize i = 0; i < 6; i++)
    g_assert_cmpfloat (km->centres[km->labels[i]], ==, x[i]);
}

static void
test_kmeans_errors (void)
{
  double x[] = { 1, 2, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EaselKmeans *km;

  km = easel_kmeans_fit (x, 3, 1, 4, 0, 10, 1e-4, 1, NULL, NULL, &error);
  g_assert_null (km);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  km = easel_kmeans_fit (x, 3, 1, 0, 0, 10, 1e-4, 1, NULL, NULL, &error);
  g_assert_null (km);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  km = easel_kmeans_fit (x, 3, 1, 2, 0, 10, 1e-4, 1, NULL, cancellable, &error);
  g_assert_null (km);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_kmeans_threads (void)
{
  /* Several row chunks, and more rows than the exact silhouette takes. */
  const gsize n = 20000;
  const guint p = 8, k = 6;
  g_autofree double *x = make_blobs (n, p, 5, 1.5, 3, NULL);
  g_autoptr(EaselKmeans) ref = NULL;
  const guint threads[] = { 1, 2, 4 };

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselKmeans) km = NULL;

      easel_learning_set_threads (threads[t]);
      km = easel_kmeans_fit (x, n, p, k, 11, 300, 1e-4, 2, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (km->silhouette_sample, ==, EASEL_KMEANS_SILHOUETTE_MAX);
      g_assert_true (isfinite (km->silhouette));
      if (ref == NULL)
        {
          ref = g_steal_pointer (&km);
          continue;
        }
      g_assert_true (memcmp (&ref->inertia, &km->inertia, sizeof (double)) == 0);
      g_assert_true (memcmp (&ref->silhouette, &km->silhouette, sizeof (double)) == 0);
      g_assert_cmpuint (ref->iterations, ==, km->iterations);
      g_assert_true (memcmp (ref->centres, km->centres, (gsize) k * p * sizeof (double)) == 0);
      g_assert_true (memcmp (ref->labels, km->labels, n * sizeof (gint32)) == 0);
    }
  easel_learning_set_threads (0);
}

static void
test_pca_known (void)
{
  /* Scores (a, b) ∈ {(±2, 0), (0, ±1)} on the orthonormal axes u = (0.8, 0.6),
   * v = (−0.6, 0.8), shifted by (3, −5): covariance eigenvalues 8/3 and 2/3. */
  const double scores[4][2] = { { 2, 0 }, { -2, 0 }, { 0, 1 }, { 0, -1 } };
  double x[8];
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselPca) pca = NULL;

  for (guint i = 0; i < 4; i++)
    {
      x[i * 2] = 3.0 + scores[i][0] * 0.8 - scores[i][1] * 0.6;
      x[i * 2 + 1] = -5.0 + scores[i][0] * 0.6 + scores[i][1] * 0.8;
    }
  pca = easel_pca_fit (x, 4, 2, 2, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pca->mean[0], 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->mean[1], -5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->explained_variance[0], 8.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->explained_variance[1], 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->explained_variance_ratio[0], 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->explained_variance_ratio[1], 0.2, 1e-12);
  /* Largest-|value| entry positive: u as is, v as (−0.6, 0.8). */
  g_assert_cmpfloat_with_epsilon (pca->components[0], 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->components[1], 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->components[2], -0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (pca->components[3], 0.8, 1e-12);

  g_clear_error (&error);
  g_assert_null (easel_pca_fit (x, 4, 2, 3, FALSE, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
}

static void
test_pca_ratio_sums (void)
{
  const gsize n = 500;
  const guint p = 7;
  g_autofree double *x = make_blobs (n, p, 4, 2.0, 5, NULL);
  g_autoptr(GError) error = NULL;

  for (int standardize = 0; standardize <= 1; standardize++)
    {
      g_autoptr(EaselPca) pca = easel_pca_fit (x, n, p, p, standardize, &error);
      double sum = 0.0;

      g_assert_no_error (error);
      for (guint c = 0; c < p; c++)
        {
          double norm = 0.0;
          sum += pca->explained_variance_ratio[c];
          if (c > 0)
            g_assert_cmpfloat (pca->explained_variance[c], <=, pca->explained_variance[c - 1]);
          for (guint j = 0; j < p; j++)
            norm += pca->components[c * p + j] * pca->components[c * p + j];
          g_assert_cmpfloat_with_epsilon (norm, 1.0, 1e-12);
        }
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);
      if (standardize)
        {
          /* Standardised: the variances sum to p · n / (n − 1). */
          double total = 0.0;
          for (guint c = 0; c < p; c++)
            total += pca->explained_variance[c];
          g_assert_cmpfloat_with_epsilon (total, p * (double) n / (double) (n - 1), 1e-9);
        }
    }
}

static void
test_numeric_matrix (void)
{
  g_autoptr(EaselTable) table = easel_table_new ();
  double *a = g_new (double, 4), *b = g_new (double, 4);
  guint8 *missing = g_new0 (guint8, 4);
  const char *labels[] = { "x", "y", "x", "y" };
  const char *wanted[] = { "b", "a", NULL };
  const char *bad[] = { "a", "nope", NULL };
  const char *text[] = { "a", "c", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree double *x = NULL;
  gsize n, dropped;
  guint p;

  for (guint i = 0; i < 4; i++)
    {
      a[i] = i;
      b[i] = 10.0 * i;
    }
  b[2] = NAN;
  missing[2] = 1;
  easel_table_add_column (table, easel_column_new_numeric ("a", 4, a, NULL));
  easel_table_add_column (table, easel_column_new_numeric ("b", 4, b, missing));
  easel_table_add_column (table, easel_column_new_from_strings ("c", EASEL_COLUMN_CATEGORICAL,
                                                                labels, 4));

  x = easel_numeric_matrix (table, wanted, &n, &p, &dropped, &names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (p, ==, 2);
  g_assert_cmpuint (dropped, ==, 1);
  g_assert_cmpstr (names[0], ==, "b");
  g_assert_cmpstr (names[1], ==, "a");
  g_assert_cmpfloat (x[0], ==, 0.0);
  g_assert_cmpfloat (x[2], ==, 10.0);
  g_assert_cmpfloat (x[3], ==, 1.0);
  g_assert_cmpfloat (x[4], ==, 30.0);
  g_assert_cmpfloat (x[5], ==, 3.0);
  g_clear_pointer (&x, g_free);
  g_clear_pointer (&names, g_strfreev);

  x = easel_numeric_matrix (table, NULL, &n, &p, &dropped, &names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p, ==, 2);
  g_assert_cmpuint (n, ==, 3);
  g_clear_pointer (&x, g_free);
  g_clear_pointer (&names, g_strfreev);

  g_assert_null (easel_numeric_matrix (table, bad, &n, &p, &dropped, &names, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);
  g_assert_null (easel_numeric_matrix (table, text, &n, &p, &dropped, &names, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "“c”"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kmeans/blobs", test_kmeans_blobs);
  g_test_add_func ("/kmeans/silhouette-exact", test_kmeans_silhouette_exact);
  g_test_add_func ("/kmeans/one-cluster", test_kmeans_one_cluster);
  g_test_add_func ("/kmeans/duplicates", test_kmeans_duplicates);
  g_test_add_func ("/kmeans/errors", test_kmeans_errors);
  g_test_add_func ("/kmeans/threads", test_kmeans_threads);
  g_test_add_func ("/pca/known", test_pca_known);
  g_test_add_func ("/pca/ratio-sums", test_pca_ratio_sums);
  g_test_add_func ("/unsupervised/numeric-matrix", test_numeric_matrix);
  return g_test_run ();
}
