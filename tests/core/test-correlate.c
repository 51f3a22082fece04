/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include <math.h>
#include <omp.h>
#include <string.h>

#include "easel-core.h"
#include "easel-test-util.h"

/* A reference computed the plain way: two passes over the rows where both are present. */
static double
naive_pearson (const double *x,
               const double *y,
               gsize         n)
{
  /* 80-bit accumulation, so the reference is more accurate than what it checks. */
  long double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (x[i]) && !isnan (y[i]))
      {
        mx += x[i];
        my += y[i];
        m++;
      }
  if (m < 2)
    return NAN;
  mx /= m;
  my /= m;
  for (gsize i = 0; i < n; i++)
    if (!isnan (x[i]) && !isnan (y[i]))
      {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
      }
  if (sxx == 0 || syy == 0)
    return NAN;
  return (double) (sxy / sqrtl (sxx * syy));
}

static EaselTable *
table_of (guint          p,
          gsize          n,
          const double  *values)  /* column-major p × n */
{
  EaselTable *table = easel_table_new ();

  for (guint j = 0; j < p; j++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", j);
      double *v = g_memdup2 (values + (gsize) j * n, n * sizeof (double));
      easel_table_add_column (table, easel_column_new_numeric (name, n, v, NULL));
    }
  return table;
}

static void
test_rank_average (void)
{
  const double v[] = { 10, 20, 20, 5, 20 };
  double r[5];

  easel_rank_average (v, 5, r);
  g_assert_cmpfloat (r[0], ==, 2.0);
  g_assert_cmpfloat (r[1], ==, 4.0);  /* ranks 3, 4, 5 share 4 */
  g_assert_cmpfloat (r[2], ==, 4.0);
  g_assert_cmpfloat (r[3], ==, 1.0);
  g_assert_cmpfloat (r[4], ==, 4.0);
}

static void
test_pearson_hand (void)
{
  /* x = 1..5, y = 2 4 5 4 5: Σdxdy = 6, Σdx² = 10, Σdy² = 6, r = 6 / √60 */
  const double v[] = { 1, 2, 3, 4, 5, 2, 4, 5, 4, 5 };
  g_autoptr(EaselTable) table = table_of (2, 5, v);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselCorrelation) c = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 2);
  g_assert_cmpstr (c->names[1], ==, "c1");
  g_assert_cmpfloat_with_epsilon (c->r[1], 6.0 / sqrt (60.0), 1e-15);
  g_assert_cmpfloat (c->r[1], ==, c->r[2]);
  g_assert_cmpfloat (c->r[0], ==, 1.0);
  g_assert_cmpuint (c->counts[1], ==, 5);
}

static void
test_pearson_pairwise_missing (void)
{
  /* Pairs complete at rows 0, 1, 4: x = 1 2 5, y = 2 4 5 → r = 51 / √(78·42) */
  const double v[] = { 1, 2, NAN, 4, 5, 2, 4, 5, NAN, 5 };
  g_autoptr(EaselTable) table = table_of (2, 5, v);
  g_autoptr(EaselCorrelation) c = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, NULL, NULL);

  g_assert_cmpfloat_with_epsilon (c->r[1], 51.0 / sqrt (78.0 * 42.0), 1e-14);
  g_assert_cmpuint (c->counts[1], ==, 3);
  g_assert_cmpuint (c->counts[0], ==, 4);
}

static void
test_degenerate (void)
{
  /* a constant column and one with a single value: NaN, not a number and not a crash */
  const double v[] = { 3, 3, 3, 3, 1, 2, 3, 4, NAN, NAN, 7, NAN };
  g_autoptr(EaselTable) table = table_of (3, 4, v);
  g_autoptr(EaselCorrelation) c = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, NULL, NULL);

  g_assert_true (isnan (c->r[0 * 3 + 1]));
  g_assert_true (isnan (c->r[0 * 3 + 0]));
  g_assert_true (isnan (c->r[1 * 3 + 2]));
  g_assert_cmpfloat (c->r[1 * 3 + 1], ==, 1.0);
}

/* Many rows (several slabs and blocks), missing values, a large offset that would cancel in
 * one-pass sums without the shift: agree with the two-pass reference to 1e-12. */
static void
test_against_reference (void)
{
  const guint p = 7;
  const gsize n = 30011;
  g_autofree double *v = g_new (double, p * n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselCorrelation) c = NULL;

  for (gsize i = 0; i < n; i++)
    {
      double base = g_rand_double_range (rand, -1, 1);
      for (guint j = 0; j < p; j++)
        {
          double x = base * (j + 1) + g_rand_double_range (rand, -1, 1);
          if (j == 3)
            x += 1e9;  /* far from zero */
          if (j == 5)
            x = x * 1e-6;
          v[(gsize) j * n + i] = (j > 0 && g_rand_int_range (rand, 0, 20) == 0) ? NAN : x;
        }
    }
  table = table_of (p, n, v);
  c = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, NULL, NULL);
  for (guint a = 0; a < p; a++)
    for (guint b = 0; b < p; b++)
      {
        double expected = naive_pearson (v + (gsize) a * n, v + (gsize) b * n, n);
        g_assert_cmpfloat_with_epsilon (c->r[a * p + b], expected, 1e-12);
      }
}

static void
test_thread_independent (void)
{
  const guint p = 5;
  const gsize n = 50000;
  g_autofree double *v = g_new (double, p * n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselCorrelation) one = NULL;
  g_autoptr(EaselCorrelation) four = NULL;

  for (gsize k = 0; k < p * n; k++)
    v[k] = g_rand_int_range (rand, 0, 50) == 0 ? NAN : g_rand_double (rand);
  table = table_of (p, n, v);
  omp_set_num_threads (1);
  one = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, NULL, NULL);
  omp_set_num_threads (4);
  four = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, NULL, NULL);
  g_assert_cmpmem (one->r, p * p * sizeof (double), four->r, p * p * sizeof (double));
}

static void
test_spearman (void)
{
  /* Without missing values: Pearson of the average ranks. */
  const double v[] = { 1, 5, 2, 2, 9, 10, 30, 20, 20, 100 };
  double ra[5], rb[5];
  g_autoptr(EaselTable) table = table_of (2, 5, v);
  g_autoptr(EaselCorrelation) c = easel_correlate (table, EASEL_CORRELATION_SPEARMAN, NULL, NULL, NULL);

  easel_rank_average (v, 5, ra);
  easel_rank_average (v + 5, 5, rb);
  g_assert_cmpfloat_with_epsilon (c->r[1], naive_pearson (ra, rb, 5), 1e-15);

  /* With missing values the pair is ranked over its complete rows only: here rows 0, 2,
   * 3, 4 of x = 1 2 2 9 and y = 10 20 20 100, whose ranks agree exactly: r = 1. */
  {
    const double w[] = { 1, 5, 2, 2, 9, 10, NAN, 20, 20, 100 };
    g_autoptr(EaselTable) t2 = table_of (2, 5, w);
    g_autoptr(EaselCorrelation) c2 = easel_correlate (t2, EASEL_CORRELATION_SPEARMAN, NULL, NULL, NULL);
    g_assert_cmpfloat_with_epsilon (c2->r[1], 1.0, 1e-15);
    g_assert_cmpuint (c2->counts[1], ==, 4);
  }
}

static void
test_cancel (void)
{
  const double v[] = { 1, 2, 3, 4 };
  g_autoptr(EaselTable) table = table_of (2, 2, v);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselCorrelation) c = NULL;

  g_cancellable_cancel (cancellable);
  c = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, cancellable, &error);
  g_assert_null (c);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static EaselColumn *
categories (const char         *name,
            const char *const  *values,
            gsize               n)
{
  return easel_column_new_from_strings (name, EASEL_COLUMN_CATEGORICAL, values, n);
}

static void
test_cramers_v (void)
{
  const char *a[] = { "x", "x", "y", "y", "x", "y", NULL, "x" };
  const char *same[] = { "p", "p", "q", "q", "p", "q", "p", "p" };
  const char *indep[] = { "u", "v", "u", "v", "u", "v", "u", "v" };
  g_autoptr(EaselColumn) ca = categories ("a", a, 8);
  g_autoptr(EaselColumn) cs = categories ("s", same, 8);
  g_autoptr(EaselColumn) ci = categories ("i", indep, 8);
  g_autoptr(EaselColumn) num = NULL;

  /* a determines 'same' completely (row 6 is skipped as missing) */
  g_assert_cmpfloat_with_epsilon (easel_cramers_v (ca, cs), 1.0, 1e-15);
  {
    /* contingency of (a, indep) over the 7 complete rows:
     *        u  v
     *   x    2  2      (rows 0, 4 → u; 1, 7 → v)
     *   y    1  2      (row 2 → u; 3, 5 → v)
     * χ² by hand: E = row·col/7 */
    double o[2][2] = { { 2, 2 }, { 1, 2 } };
    double rs[2] = { 4, 3 }, cs2[2] = { 3, 4 }, chi2 = 0;
    for (int i = 0; i < 2; i++)
      for (int j = 0; j < 2; j++)
        {
          double e = rs[i] * cs2[j] / 7.0;
          chi2 += (o[i][j] - e) * (o[i][j] - e) / e;
        }
    g_assert_cmpfloat_with_epsilon (easel_cramers_v (ca, ci), sqrt (chi2 / 7.0), 1e-15);
  }
  {
    double *v = g_new (double, 8);
    for (int i = 0; i < 8; i++)
      v[i] = i;
    num = easel_column_new_numeric ("n", 8, v, NULL);
    g_assert_true (isnan (easel_cramers_v (ca, num)));
  }
}

static void
test_correlation_ratio (void)
{
  /* A: 1 2 3, B: 4 5 6 → SSB = 13.5, SST = 17.5 */
  const char *groups[] = { "A", "A", "A", "B", "B", "B", NULL };
  double *v = g_new (double, 7);
  g_autoptr(EaselColumn) g = categories ("g", groups, 7);
  g_autoptr(EaselColumn) x = NULL;

  for (int i = 0; i < 6; i++)
    v[i] = i + 1;
  v[6] = 100;  /* its group is missing: skipped */
  x = easel_column_new_numeric ("x", 7, v, NULL);
  g_assert_cmpfloat_with_epsilon (easel_correlation_ratio (g, x), sqrt (13.5 / 17.5), 1e-15);
  g_assert_true (isnan (easel_correlation_ratio (x, x)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/correlate/rank-average", test_rank_average);
  easel_test_add ("/correlate/pearson-hand", test_pearson_hand);
  easel_test_add ("/correlate/pearson-pairwise-missing", test_pearson_pairwise_missing);
  easel_test_add ("/correlate/degenerate", test_degenerate);
  easel_test_add ("/correlate/against-reference", test_against_reference);
  easel_test_add ("/correlate/thread-independent", test_thread_independent);
  easel_test_add ("/correlate/spearman", test_spearman);
  easel_test_add ("/correlate/cancel", test_cancel);
  easel_test_add ("/correlate/cramers-v", test_cramers_v);
  easel_test_add ("/correlate/correlation-ratio", test_correlation_ratio);
  return g_test_run ();
}
