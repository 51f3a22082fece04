/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Column profiles against hand-worked values, closed forms written out here from their
 * definitions, and pandas reference values recorded with:
 *
 *   /usr/bin/python3 -c "import pandas as pd; s = pd.Series([1,2,3,4,100], dtype=float);
 *                        print(repr(s.std()), repr(s.skew()), repr(s.kurt()))"
 *   (pandas 1.5.3) → 43.617656975128774 2.2323959116364573 4.986865957200655
 *   [0,0,1,2,2,2,5.5] → 1.8676443018131794 1.4111332002498747 2.6950273154026227
 *   [2,2,2,2] → std 0.0, skew 0, kurt 0;  [5] → std, skew, kurt NaN;
 *   [1,2] → skew NaN, kurt NaN;  [1,2,3] → skew 0.0, kurt NaN
 */

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-test-util.h"

/* The expected moments of the non-NaN values of 'x', computed from the definitions in
 * long double with two passes. */
typedef struct
{
  gsize  n;
  double mean, std, skew, kurt;
} Moments;

static Moments
moments (const double *x,
         gsize         len)
{
  Moments r = { 0 };
  long double sum = 0, m2 = 0, m3 = 0, m4 = 0, mean, n;

  for (gsize i = 0; i < len; i++)
    if (!isnan (x[i]))
      {
        sum += x[i];
        r.n++;
      }
  n = r.n;
  mean = sum / n;
  for (gsize i = 0; i < len; i++)
    if (!isnan (x[i]))
      {
        long double d = x[i] - mean;

        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
      }
  r.mean = (double) mean;
  r.std = r.n > 1 ? (double) sqrtl (m2 / (n - 1)) : NAN;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  /* G1 = sqrt(n(n-1))/(n-2) * m3/m2^1.5 */
  r.skew = r.n > 2 ? (double) (sqrtl (n * (n - 1)) / (n - 2) * m3 / powl (m2, 1.5L)) : NAN;
  /* G2 = ((n+1) g2 + 6)(n-1)/((n-2)(n-3)), g2 = m4/m2^2 - 3 */
  r.kurt = r.n > 3 ? (double) (((n + 1) * (m4 / (m2 * m2) - 3) + 6) * (n - 1)
                               / ((n - 2) * (n - 3))) : NAN;
  return r;
}

static EaselColumn *
numeric_column (const char   *name,
                const double *values,
                gsize         n)
{
  double *v = g_memdup2 (values, n * sizeof (double));
  guint8 *m = g_new0 (guint8, n);

  for (gsize i = 0; i < n; i++)
    m[i] = isnan (values[i]) ? 1 : 0;
  return easel_column_new_numeric (name, n, v, m);
}

static void
profile (const EaselColumn  *column,
         guint               max_top,
         EaselColumnProfile *out)
{
  memset (out, 0, sizeof *out);
  easel_profile_column (column, max_top, out);
  g_assert_cmpstr (out->name, ==, column->name);
  g_assert_cmpint (out->type, ==, column->type);
  g_assert_cmpuint (out->count + out->missing, ==, column->n_rows);
}

static void
assert_top (const EaselColumnProfile *p,
            guint                     n,
            ...)
{
  va_list ap;

  g_assert_cmpuint (p->n_top, ==, n);
  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    {
      const char *value = va_arg (ap, const char *);
      gsize count = va_arg (ap, gsize);

      g_assert_cmpstr (p->top[i].value, ==, value);
      g_assert_cmpuint (p->top[i].count, ==, count);
    }
  va_end (ap);
}

static void
test_numeric_hand_worked (void)
{
  static const double x[] = { 1, 2, NAN, 3, 4, NAN, 100 };
  g_autoptr (EaselColumn) col = numeric_column ("x", x, G_N_ELEMENTS (x));
  EaselColumnProfile p;
  Moments m = moments (x, G_N_ELEMENTS (x));

  profile (col, 5, &p);
  g_assert_cmpuint (p.count, ==, 5);
  g_assert_cmpuint (p.missing, ==, 2);
  g_assert_cmpuint (p.distinct, ==, 5);
  g_assert_cmpuint (p.zeros, ==, 0);
  g_assert_cmpfloat (p.mean, ==, 22.0);
  easel_assert_close (p.std, sqrt ((21.0 * 21 + 20 * 20 + 19 * 19 + 18 * 18 + 78 * 78) / 4),
                      1e-14);
  g_assert_cmpfloat (p.min, ==, 1.0);
  g_assert_cmpfloat (p.p25, ==, 2.0);
  g_assert_cmpfloat (p.median, ==, 3.0);
  g_assert_cmpfloat (p.p75, ==, 4.0);
  g_assert_cmpfloat (p.max, ==, 100.0);

  /* closed forms, and pandas' numbers */
  g_assert_cmpuint (m.n, ==, 5);
  easel_assert_close (p.skewness, m.skew, 1e-12);
  easel_assert_close (p.kurtosis, m.kurt, 1e-12);
  easel_assert_close (p.std, 43.617656975128774, 1e-14);
  easel_assert_close (p.skewness, 2.2323959116364573, 1e-12);
  easel_assert_close (p.kurtosis, 4.986865957200655, 1e-12);

  /* what does not apply is empty */
  g_assert_true (isnan (p.mean_length));
  g_assert_cmpuint (p.n_top, ==, 0);
  easel_column_profile_clear (&p);
}

static void
test_numeric_zeros_ties (void)
{
  static const double x[] = { 0, -0.0, 1, 2, 2, 2, 5.5 };
  g_autoptr (EaselColumn) col = numeric_column ("z", x, G_N_ELEMENTS (x));
  EaselColumnProfile p;
  Moments m = moments (x, G_N_ELEMENTS (x));

  profile (col, 5, &p);
  g_assert_cmpuint (p.count, ==, 7);
  g_assert_cmpuint (p.missing, ==, 0);
  g_assert_cmpuint (p.zeros, ==, 2);
  g_assert_cmpuint (p.distinct, ==, 4);  /* -0.0 and 0.0 are the same value */
  easel_assert_close (p.mean, 12.5 / 7, 1e-15);
  g_assert_cmpfloat (p.min, ==, 0.0);
  g_assert_cmpfloat (p.p25, ==, 0.5);
  g_assert_cmpfloat (p.median, ==, 2.0);
  g_assert_cmpfloat (p.p75, ==, 2.0);
  g_assert_cmpfloat (p.max, ==, 5.5);
  easel_assert_close (p.std, m.std, 1e-13);
  easel_assert_close (p.skewness, m.skew, 1e-12);
  easel_assert_close (p.kurtosis, m.kurt, 1e-12);
  easel_assert_close (p.std, 1.8676443018131794, 1e-13);
  easel_assert_close (p.skewness, 1.4111332002498747, 1e-12);
  easel_assert_close (p.kurtosis, 2.6950273154026227, 1e-12);
  easel_column_profile_clear (&p);
}

static void
test_numeric_small_n (void)
{
  EaselColumnProfile p;

  {
    static const double x[] = { 5 };
    g_autoptr (EaselColumn) col = numeric_column ("one", x, 1);

    profile (col, 5, &p);
    g_assert_cmpfloat (p.mean, ==, 5);
    g_assert_true (isnan (p.std));
    g_assert_true (isnan (p.skewness));
    g_assert_true (isnan (p.kurtosis));
    g_assert_cmpfloat (p.p25, ==, 5);
    g_assert_cmpfloat (p.median, ==, 5);
    g_assert_cmpfloat (p.p75, ==, 5);
    easel_column_profile_clear (&p);
  }
  {
    static const double x[] = { 1, 2 };
    g_autoptr (EaselColumn) col = numeric_column ("two", x, 2);

    profile (col, 5, &p);
    easel_assert_close (p.std, 0.7071067811865476, 1e-15);
    g_assert_true (isnan (p.skewness));
    g_assert_true (isnan (p.kurtosis));
    g_assert_cmpfloat (p.p25, ==, 1.25);
    g_assert_cmpfloat (p.p75, ==, 1.75);
    easel_column_profile_clear (&p);
  }
  {
    static const double x[] = { 1, 2, 3 };
    g_autoptr (EaselColumn) col = numeric_column ("three", x, 3);

    profile (col, 5, &p);
    g_assert_cmpfloat (p.std, ==, 1.0);
    g_assert_cmpfloat (fabs (p.skewness), <, 1e-15);
    g_assert_true (isnan (p.kurtosis));
    easel_column_profile_clear (&p);
  }
  {
    /* pandas gives 0 (not NaN) for the skew and kurtosis of a constant column */
    static const double x[] = { 2, 2, 2, 2 };
    g_autoptr (EaselColumn) col = numeric_column ("flat", x, 4);

    profile (col, 5, &p);
    g_assert_cmpfloat (p.std, ==, 0.0);
    g_assert_cmpfloat (p.skewness, ==, 0.0);
    g_assert_cmpfloat (p.kurtosis, ==, 0.0);
    g_assert_cmpuint (p.distinct, ==, 1);
    easel_column_profile_clear (&p);
  }
  {
    static const double x[] = { NAN, NAN, NAN };
    g_autoptr (EaselColumn) col = numeric_column ("none", x, 3);

    profile (col, 5, &p);
    g_assert_cmpuint (p.count, ==, 0);
    g_assert_cmpuint (p.missing, ==, 3);
    g_assert_cmpuint (p.distinct, ==, 0);
    g_assert_cmpuint (p.zeros, ==, 0);
    g_assert_true (isnan (p.mean));
    g_assert_true (isnan (p.std));
    g_assert_true (isnan (p.min));
    g_assert_true (isnan (p.median));
    g_assert_true (isnan (p.max));
    easel_column_profile_clear (&p);
  }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* numpy's linear interpolation, written out independently */
static double
numpy_quantile (const double *sorted,
                gsize         n,
                double        q)
{
  double pos = q * (double) (n - 1);
  gsize lo = (gsize) floor (pos);
  double frac = pos - (double) lo;

  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

static void
test_numeric_random (void)
{
  const gsize n = 10001;
  g_autoptr (GRand) rand = g_rand_new_with_seed (314159);
  g_autofree double *x = g_new (double, n);
  g_autofree double *sorted = NULL;
  g_autoptr (EaselColumn) col = NULL;
  EaselColumnProfile p;
  Moments m;
  gsize n_ok = 0;

  for (gsize i = 0; i < n; i++)
    {
      /* skewed: exponential-ish plus an offset, 5% missing */
      x[i] = g_rand_int_range (rand, 0, 20) == 0 ? NAN
             : -log (1.0 - g_rand_double (rand)) * 10.0 - 3.0;
    }
  col = numeric_column ("r", x, n);
  m = moments (x, n);
  sorted = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    if (!isnan (x[i]))
      sorted[n_ok++] = x[i];
  qsort (sorted, n_ok, sizeof (double), compare_doubles);

  profile (col, 5, &p);
  g_assert_cmpuint (p.count, ==, n_ok);
  g_assert_cmpuint (p.missing, ==, n - n_ok);
  g_assert_cmpuint (p.distinct, ==, n_ok);  /* continuous values */
  easel_assert_close (p.mean, m.mean, 1e-12);
  easel_assert_close (p.std, m.std, 1e-12);
  easel_assert_close (p.skewness, m.skew, 1e-9);
  easel_assert_close (p.kurtosis, m.kurt, 1e-9);
  g_assert_cmpfloat (p.min, ==, sorted[0]);
  g_assert_cmpfloat (p.max, ==, sorted[n_ok - 1]);
  easel_assert_close (p.p25, numpy_quantile (sorted, n_ok, 0.25), 1e-14);
  easel_assert_close (p.median, numpy_quantile (sorted, n_ok, 0.5), 1e-14);
  easel_assert_close (p.p75, numpy_quantile (sorted, n_ok, 0.75), 1e-14);
  easel_column_profile_clear (&p);
}

static void
test_quantile_sorted (void)
{
  g_autofree double *one = g_new (double, 1);
  g_autofree double *four = g_new (double, 4);
  g_autofree double *two = g_new (double, 2);

  /* exact-size heap arrays: reading past the end is caught under ASan */
  one[0] = 7.5;
  g_assert_cmpfloat (easel_quantile_sorted (one, 1, 0.0), ==, 7.5);
  g_assert_cmpfloat (easel_quantile_sorted (one, 1, 0.5), ==, 7.5);
  g_assert_cmpfloat (easel_quantile_sorted (one, 1, 1.0), ==, 7.5);

  for (int i = 0; i < 4; i++)
    four[i] = i + 1;
  g_assert_cmpfloat (easel_quantile_sorted (four, 4, 0.0), ==, 1.0);
  g_assert_cmpfloat (easel_quantile_sorted (four, 4, 1.0), ==, 4.0);
  g_assert_cmpfloat (easel_quantile_sorted (four, 4, 0.5), ==, 2.5);
  g_assert_cmpfloat (easel_quantile_sorted (four, 4, 0.25), ==, 1.75);
  g_assert_cmpfloat (easel_quantile_sorted (four, 4, 0.75), ==, 3.25);

  two[0] = 10;
  two[1] = 20;
  easel_assert_close (easel_quantile_sorted (two, 2, 0.1), 11.0, 1e-15);
  easel_assert_close (easel_quantile_sorted (two, 2, 0.9), 19.0, 1e-15);
}

static void
test_sort_special (void)
{
  static const double init[] = {
    3, -1, -0.0, 0.0, INFINITY, -INFINITY, -1e300, 5e-324, -5e-324, 2, 0.0, -0.0,
    DBL_MAX, -DBL_MAX, 1e-310, -1e-310, -2, 1, -1,
  };
  const gsize n = G_N_ELEMENTS (init);
  g_autofree double *a = g_memdup2 (init, sizeof init);
  g_autofree double *b = g_memdup2 (init, sizeof init);
  int neg_zero = 0, pos_zero = 0;

  easel_sort_doubles (a, n);
  qsort (b, n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat (a[i], ==, b[i]);
      if (i + 1 < n)
        g_assert_cmpfloat (a[i], <=, a[i + 1]);
      if (a[i] == 0)
        {
          neg_zero += signbit (a[i]) ? 1 : 0;
          pos_zero += signbit (a[i]) ? 0 : 1;
        }
    }
  g_assert_cmpint (neg_zero, ==, 2);
  g_assert_cmpint (pos_zero, ==, 2);
  g_assert_true (isinf (a[0]) && a[0] < 0);
  g_assert_true (isinf (a[n - 1]) && a[n - 1] > 0);

  /* trivial sizes */
  easel_sort_doubles (a, 0);
  easel_sort_doubles (a, 1);
  g_assert_true (isinf (a[0]) && a[0] < 0);
}

static void
test_sort_random (void)
{
  const gsize n = 1000000;
  g_autoptr (GRand) rand = g_rand_new_with_seed (271828);
  g_autofree double *a = g_new (double, n);
  g_autofree double *b = NULL;

  for (gsize i = 0; i < n; i++)
    {
      switch (i % 4)
        {
        case 0:
          {
            guint64 bits;
            double d;

            do
              {
                bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
                memcpy (&d, &bits, sizeof d);
              }
            while (isnan (d) || d == 0);
            a[i] = d;
          }
          break;
        case 1:
          a[i] = g_rand_double_range (rand, -1000, 1000);
          break;
        case 2:
          a[i] = (double) g_rand_int_range (rand, -50, 50) + 0.5;  /* many duplicates */
          break;
        default:
          a[i] = g_rand_double_range (rand, -1e-3, 1e-3);
        }
    }
  b = g_memdup2 (a, n * sizeof (double));
  easel_sort_doubles (a, n);
  qsort (b, n, sizeof (double), compare_doubles);
  g_assert_true (memcmp (a, b, n * sizeof (double)) == 0);
}

static void
test_categorical (void)
{
  static const char *const values[] = { "b", "a", "b", "c", "a", "d", NULL };
  g_autoptr (EaselColumn) col =
    easel_column_new_from_strings ("c", EASEL_COLUMN_CATEGORICAL, values, 7);
  EaselColumnProfile p;

  profile (col, 3, &p);
  g_assert_cmpuint (p.count, ==, 6);
  g_assert_cmpuint (p.missing, ==, 1);
  g_assert_cmpuint (p.distinct, ==, 4);
  assert_top (&p, 3, "b", (gsize) 2, "a", (gsize) 2, "c", (gsize) 1);
  g_assert_true (isnan (p.mean));
  g_assert_true (isnan (p.std));
  g_assert_true (isnan (p.median));
  easel_column_profile_clear (&p);

  profile (col, 10, &p);
  assert_top (&p, 4, "b", (gsize) 2, "a", (gsize) 2, "c", (gsize) 1, "d", (gsize) 1);
  easel_column_profile_clear (&p);
}

static void
test_categorical_first_appearance (void)
{
  /* The dictionary order (z, y, w) differs from the order of first appearance in the rows
   * (y, z); w is never used. Ties go by first appearance in the rows. */
  gint32 *codes = g_new (gint32, 5);
  char **cats = g_new (char *, 3);
  g_autoptr (EaselColumn) col = NULL;
  EaselColumnProfile p;

  cats[0] = g_strdup ("z");
  cats[1] = g_strdup ("y");
  cats[2] = g_strdup ("w");
  codes[0] = 1;
  codes[1] = 0;
  codes[2] = 1;
  codes[3] = 0;
  codes[4] = -1;
  col = easel_column_new_categorical ("k", 5, codes, cats, 3);
  profile (col, 5, &p);
  g_assert_cmpuint (p.count, ==, 4);
  g_assert_cmpuint (p.missing, ==, 1);
  g_assert_cmpuint (p.distinct, ==, 2);
  assert_top (&p, 2, "y", (gsize) 2, "z", (gsize) 2);
  easel_column_profile_clear (&p);
}

static void
test_boolean (void)
{
  guint8 *v = g_new (guint8, 5);
  guint8 *m = g_new0 (guint8, 5);
  g_autoptr (EaselColumn) col = NULL;
  EaselColumnProfile p;

  v[0] = 1;
  v[1] = 0;
  v[2] = 1;
  v[3] = 1;
  v[4] = 0;
  m[4] = 1;
  col = easel_column_new_boolean ("b", 5, v, m);
  profile (col, 5, &p);
  g_assert_cmpuint (p.count, ==, 4);
  g_assert_cmpuint (p.missing, ==, 1);
  g_assert_cmpuint (p.distinct, ==, 2);
  g_assert_cmpfloat (p.mean, ==, 0.75);
  assert_top (&p, 2, "true", (gsize) 3, "false", (gsize) 1);
  easel_column_profile_clear (&p);
}

static void
test_text (void)
{
  static const char *const values[] = { "caf\xc3\xa9", "ab", "hello", NULL, "ab" };
  g_autoptr (EaselColumn) col =
    easel_column_new_from_strings ("t", EASEL_COLUMN_TEXT, values, 5);
  EaselColumnProfile p;

  profile (col, 2, &p);
  g_assert_cmpuint (p.count, ==, 4);
  g_assert_cmpuint (p.missing, ==, 1);
  g_assert_cmpuint (p.distinct, ==, 3);
  /* characters, not bytes: "café" is 4 */
  g_assert_cmpfloat (p.mean_length, ==, (4.0 + 2 + 5 + 2) / 4);
  g_assert_cmpuint (p.min_length, ==, 2);
  g_assert_cmpuint (p.max_length, ==, 5);
  assert_top (&p, 2, "ab", (gsize) 2, "caf\xc3\xa9", (gsize) 1);
  g_assert_true (isnan (p.mean));
  easel_column_profile_clear (&p);
}

static void
test_datetime (void)
{
  double *v = g_new (double, 4);
  guint8 *m = g_new0 (guint8, 4);
  g_autoptr (EaselColumn) col = NULL;
  EaselColumnProfile p;

  v[0] = 1325376000.0;
  v[1] = 0.0;
  v[2] = -86400.0;
  v[3] = NAN;
  m[3] = 1;
  col = easel_column_new_datetime ("d", 4, v, m, FALSE);
  profile (col, 5, &p);
  g_assert_cmpuint (p.count, ==, 3);
  g_assert_cmpuint (p.missing, ==, 1);
  g_assert_cmpfloat (p.min, ==, -86400.0);
  g_assert_cmpfloat (p.max, ==, 1325376000.0);
  g_assert_cmpfloat (p.median, ==, 0.0);
  easel_assert_close (p.mean, (1325376000.0 - 86400.0) / 3, 1e-15);
  easel_column_profile_clear (&p);
}

static EaselTable *
make_table (void)
{
  static const char *const cats[] = { "x", "y", "x", NULL, "z", "x" };
  static const char *const texts[] = { "one", "two", "three", "four", NULL, "six" };
  static const double nums[] = { 1.5, NAN, -2, 8, 0, 3 };
  EaselTable *t = easel_table_new ();
  double *when = g_new (double, 6);
  guint8 *flags = g_new (guint8, 6);

  for (int i = 0; i < 6; i++)
    {
      when[i] = 1325376000.0 + 86400.0 * i;
      flags[i] = i % 2;
    }
  easel_table_add_column (t, numeric_column ("num", nums, 6));
  easel_table_add_column (t, easel_column_new_from_strings ("cat", EASEL_COLUMN_CATEGORICAL,
                                                            cats, 6));
  easel_table_add_column (t, easel_column_new_from_strings ("txt", EASEL_COLUMN_TEXT, texts, 6));
  easel_table_add_column (t, easel_column_new_boolean ("flag", 6, flags, NULL));
  easel_table_add_column (t, easel_column_new_datetime ("when", 6, when, NULL, FALSE));
  return t;
}

static void
test_profile_table (void)
{
  g_autoptr (EaselTable) t = make_table ();
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselProfile) prof = easel_profile_table (t, 3, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (prof);
  g_assert_cmpuint (prof->n_rows, ==, 6);
  g_assert_cmpuint (prof->n_columns, ==, 5);
  for (guint c = 0; c < 5; c++)
    {
      const EaselColumn *col = easel_table_get_column (t, c);
      const EaselColumnProfile *got = &prof->columns[c];
      EaselColumnProfile want;

      profile (col, 3, &want);
      g_assert_cmpstr (got->name, ==, col->name);
      g_assert_cmpint (got->type, ==, col->type);
      g_assert_cmpuint (got->count, ==, want.count);
      g_assert_cmpuint (got->missing, ==, want.missing);
      g_assert_cmpuint (got->distinct, ==, want.distinct);
      easel_assert_same_double (got->mean, want.mean);
      easel_assert_same_double (got->median, want.median);
      easel_assert_same_double (got->min, want.min);
      easel_assert_same_double (got->max, want.max);
      g_assert_cmpuint (got->n_top, ==, want.n_top);
      for (guint k = 0; k < got->n_top; k++)
        {
          g_assert_cmpstr (got->top[k].value, ==, want.top[k].value);
          g_assert_cmpuint (got->top[k].count, ==, want.top[k].count);
        }
      easel_column_profile_clear (&want);
    }
  g_assert_cmpstr (prof->columns[0].name, ==, "num");
  g_assert_cmpuint (prof->columns[0].missing, ==, 1);
  g_assert_cmpfloat (prof->columns[0].median, ==, 1.5);
  g_assert_cmpstr (prof->columns[1].name, ==, "cat");
  assert_top (&prof->columns[1], 3, "x", (gsize) 3, "y", (gsize) 1, "z", (gsize) 1);
  g_assert_cmpuint (prof->columns[2].max_length, ==, 5);
  g_assert_cmpfloat (prof->columns[3].mean, ==, 0.5);
  g_assert_cmpfloat (prof->columns[4].min, ==, 1325376000.0);
}

static void
test_profile_table_cancelled (void)
{
  g_autoptr (EaselTable) t = make_table ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselProfile) prof = NULL;

  g_cancellable_cancel (cancellable);
  prof = easel_profile_table (t, 3, NULL, cancellable, &error);
  g_assert_null (prof);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  easel_test_add ("/profile/numeric/hand-worked", test_numeric_hand_worked);
  easel_test_add ("/profile/numeric/zeros-ties", test_numeric_zeros_ties);
  easel_test_add ("/profile/numeric/small-n", test_numeric_small_n);
  easel_test_add ("/profile/numeric/random", test_numeric_random);
  easel_test_add ("/profile/quantile-sorted", test_quantile_sorted);
  easel_test_add ("/profile/sort/special", test_sort_special);
  easel_test_add ("/profile/sort/random", test_sort_random);
  easel_test_add ("/profile/categorical", test_categorical);
  easel_test_add ("/profile/categorical-first-appearance", test_categorical_first_appearance);
  easel_test_add ("/profile/boolean", test_boolean);
  easel_test_add ("/profile/text", test_text);
  easel_test_add ("/profile/datetime", test_datetime);
  easel_test_add ("/profile/table", test_profile_table);
  easel_test_add ("/profile/table-cancelled", test_profile_table_cancelled);

  return g_test_run ();
}
