/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Nice ticks, their labels, and histogram bins.
 *
 * Histogram references from numpy 1.24.2:
 *   /usr/bin/python3 -c "import numpy as np; x = np.array([1,2,4,7,11,16,22,29,37,46.]);
 *     e = np.histogram_bin_edges(x, 'fd'); print(e, np.histogram(x, e)[0])"
 *   → [ 1. 16. 31. 46.] [5 3 2]; the same for x / 2 → [ 0.5  8.  15.5 23. ] [5 3 2]
 *   y = [1,5,5,5,5,5,5,5,9.] / 2 with 'sturges' → [0.5 1.3 2.1 2.9 3.7 4.5] [1 0 7 0 1]
 * (Easel's histogram departs from numpy for all-integer data: see the integer test.)
 */

#include <math.h>
#include <string.h>

#include "easel-chart.h"

static void
assert_ticks (double        lo,
              double        hi,
              guint         target,
              const double *expected,
              guint         n)
{
  EaselTicks t;

  easel_ticks_compute (&t, lo, hi, target);
  if (t.n != n)
    {
      g_autoptr (GString) got = g_string_new (NULL);

      for (guint i = 0; i < t.n; i++)
        g_string_append_printf (got, "%.17g ", t.values[i]);
      g_error ("ticks of %g..%g (target %u): expected %u values, got %u: %s",
               lo, hi, target, n, t.n, got->str);
    }
  for (guint i = 0; i < n; i++)
    if (t.values[i] != expected[i])
      g_error ("ticks of %g..%g: value %u is %.17g, expected %.17g",
               lo, hi, i, t.values[i], expected[i]);
}

#define ASSERT_TICKS(lo, hi, target, ...) \
  G_STMT_START { \
    const double __e[] = { __VA_ARGS__ }; \
    assert_ticks (lo, hi, target, __e, G_N_ELEMENTS (__e)); \
  } G_STMT_END

static void
test_ticks_basic (void)
{
  ASSERT_TICKS (0, 97, 5, 0, 20, 40, 60, 80, 100);
  ASSERT_TICKS (97, 0, 5, 0, 20, 40, 60, 80, 100);         /* reversed bounds */
  ASSERT_TICKS (0, 100, 5, 0, 20, 40, 60, 80, 100);
  ASSERT_TICKS (0, 100, 10, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
  ASSERT_TICKS (3, 7, 4, 3, 4, 5, 6, 7);
  ASSERT_TICKS (12345, 67890, 5, 0, 20000, 40000, 60000, 80000);
  ASSERT_TICKS (2.5, 6.5, 2, 2, 4, 6, 8);                  /* loose: covers the range */
}

static void
test_ticks_small (void)
{
  /* exact decimals: each tick equals its literal, not 0.006000000000000001 */
  ASSERT_TICKS (0.001, 0.0093, 5, 0, 0.002, 0.004, 0.006, 0.008, 0.01);
  ASSERT_TICKS (0.1, 0.7, 6, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
  ASSERT_TICKS (1e-7, 9e-7, 4, 0, 2e-7, 4e-7, 6e-7, 8e-7, 1e-6);
}

static void
test_ticks_negative (void)
{
  ASSERT_TICKS (-37, -3, 5, -40, -30, -20, -10, 0);
  ASSERT_TICKS (-1, 1, 4, -1, -0.5, 0, 0.5, 1);
  ASSERT_TICKS (-0.35, 0.72, 5, -0.5, 0, 0.5, 1);
  ASSERT_TICKS (-250, 1250, 6, -500, 0, 500, 1000, 1500);
}

static void
test_ticks_zero_width (void)
{
  EaselTicks t;

  ASSERT_TICKS (5, 5, 5, 4, 4.5, 5, 5.5, 6);                /* 5 ± 10^0 */
  ASSERT_TICKS (0, 0, 5, -1, -0.5, 0, 0.5, 1);              /* 0 ± 1 */
  ASSERT_TICKS (1e6, 1e6, 4, 0, 500000, 1e6, 1.5e6, 2e6);   /* 1e6 ± 1e6 */
  ASSERT_TICKS (-0.03, -0.03, 4, -0.04, -0.035, -0.03, -0.025, -0.02);

  easel_ticks_compute (&t, NAN, 1, 5);
  g_assert_cmpuint (t.n, ==, 0);
  easel_ticks_compute (&t, 0, INFINITY, 5);
  g_assert_cmpuint (t.n, ==, 0);
}

static void
test_ticks_no_negative_zero (void)
{
  EaselTicks t;

  easel_ticks_compute (&t, -3, 3, 3);
  for (guint i = 0; i < t.n; i++)
    if (t.values[i] == 0)
      g_assert_false (signbit (t.values[i]));
}

static void
test_ticks_clip (void)
{
  EaselTicks t;

  easel_ticks_compute (&t, 1.3, 8.7, 4);   /* 0 2 4 6 8 10 */
  g_assert_cmpuint (t.n, ==, 6);
  easel_ticks_clip (&t, 1.3, 8.7);
  g_assert_cmpuint (t.n, ==, 4);
  g_assert_cmpfloat (t.values[0], ==, 2);
  g_assert_cmpfloat (t.values[3], ==, 8);
}

static void
assert_format (double      lo,
               double      hi,
               guint       target,
               double      value,
               const char *expected)
{
  EaselTicks t;
  char buf[64];

  easel_ticks_compute (&t, lo, hi, target);
  easel_ticks_format (&t, value, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, expected);
}

static void
test_ticks_format (void)
{
  assert_format (0, 97, 5, 40, "40");
  assert_format (0, 97, 5, 0, "0");
  assert_format (0.001, 0.0093, 5, 0.006, "0.006");
  assert_format (0.001, 0.0093, 5, 0.01, "0.010");
  assert_format (-37, -3, 5, -20, "\xe2\x88\x92" "20");
  assert_format (5, 5, 5, 4.5, "4.5");
  assert_format (5, 5, 5, 5, "5.0");
  assert_format (12345, 67890, 5, 40000, "40k");
  assert_format (1e6, 1e6, 4, 1.5e6, "1.5M");
  assert_format (0, 3e9, 3, 2e9, "2G");
  assert_format (0, 2.5e9, 5, 1.5e9, "1.5G");
  assert_format (0, 3e10, 3, 2e10, "20G");
  assert_format (-1e-3, 1e-3, 4, 0, "0");
}

static void
test_format_number (void)
{
  char buf[64];

  easel_format_number (12345, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "12,345");
  easel_format_number (1234567, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1,234,567");
  easel_format_number (1234.567, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1,235");
  easel_format_number (0.123456, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "0.1235");
  easel_format_number (-3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "\xe2\x88\x92" "3");
  easel_format_number (999, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "999");
  easel_format_number (NAN, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "NaN");
}

static void
test_fd_width (void)
{
  const double x[] = { 1, 2, 4, 7, 11, 16, 22, 29, 37, 46 };
  const double flat[] = { 3, 3, 3, 3 };
  double halves[10];
  g_autoptr (EaselHistogram) h = NULL;

  /* Q1 = 4 + 0.25 (7 − 4) = 4.75, Q3 = 22 + 0.75 (29 − 22) = 27.25, IQR = 22.5,
   * h = 2 · 22.5 / 10^(1/3) = 20.887149751257503 */
  g_assert_cmpfloat_with_epsilon (easel_freedman_diaconis_width (x, 10),
                                  20.887149751257503, 1e-12);
  g_assert_cmpfloat (easel_freedman_diaconis_width (flat, 4), ==, 0.0);
  g_assert_cmpfloat (easel_freedman_diaconis_width (x, 1), ==, 0.0);

  /* the same values halved (not all integers): ceil(22.5 / 10.44) = 3 bins of 7.5 */
  for (guint i = 0; i < 10; i++)
    halves[i] = x[i] / 2.0;
  h = easel_histogram_new (halves, 10, 0);
  g_assert_cmpuint (h->n_bins, ==, 3);
  g_assert_false (h->sturges);
  g_assert_false (h->integers);
  g_assert_cmpfloat (h->edges[0], ==, 0.5);
  g_assert_cmpfloat (h->edges[1], ==, 8);
  g_assert_cmpfloat (h->edges[2], ==, 15.5);
  g_assert_cmpfloat (h->edges[3], ==, 23);
  g_assert_cmpuint (h->counts[0], ==, 5);
  g_assert_cmpuint (h->counts[1], ==, 3);
  g_assert_cmpuint (h->counts[2], ==, 2);
  g_assert_cmpuint (h->total, ==, 10);
}

static void
test_histogram_integers (void)
{
  const double x[] = { 1, 2, 4, 7, 11, 16, 22, 29, 37, 46 };
  g_autoptr (EaselHistogram) h = easel_histogram_new (x, 10, 0);

  /* FD asks for 3 bins over 1..46; whole-number bins of ceil(45 / 3) = 15 centred on the
   * integers need 4: 0.5 | 15.5 | 30.5 | 45.5 | 60.5 */
  g_assert_true (h->integers);
  g_assert_cmpuint (h->n_bins, ==, 4);
  g_assert_cmpfloat (h->edges[0], ==, 0.5);
  g_assert_cmpfloat (h->edges[4], ==, 60.5);
  g_assert_cmpuint (h->counts[0], ==, 5);
  g_assert_cmpuint (h->counts[1], ==, 3);
  g_assert_cmpuint (h->counts[2], ==, 1);
  g_assert_cmpuint (h->counts[3], ==, 1);
}

static void
test_sturges_fallback (void)
{
  const double y[] = { 0.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 4.5 };
  const double expected_edges[] = { 0.5, 1.3, 2.1, 2.9, 3.7, 4.5 };
  const guint64 expected_counts[] = { 1, 0, 7, 0, 1 };
  g_autoptr (EaselHistogram) h = easel_histogram_new (y, G_N_ELEMENTS (y), 0);

  g_assert_cmpuint (easel_sturges_bins (9), ==, 5);   /* ceil(log2 9 + 1) = ceil(4.17) */
  g_assert_cmpuint (easel_sturges_bins (1024), ==, 11);
  g_assert_true (h->sturges);
  g_assert_cmpuint (h->n_bins, ==, 5);
  for (guint i = 0; i <= 5; i++)
    g_assert_cmpfloat_with_epsilon (h->edges[i], expected_edges[i], 1e-12);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (h->counts[i], ==, expected_counts[i]);
}

static void
test_histogram_direct_count (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  const gsize n = 100000;
  g_autofree double *v = g_new (double, n);
  g_autoptr (EaselHistogram) h = NULL;
  g_autofree guint64 *direct = NULL;
  gsize nan_count = 0;
  guint64 sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      /* skewed values with ties and exact edge hits, and some NaN */
      if (i % 97 == 0)
        {
          v[i] = NAN;
          nan_count++;
        }
      else if (i % 13 == 0)
        v[i] = 2.5;
      else
        v[i] = exp (g_rand_double_range (rand, -2.0, 3.0));
    }
  h = easel_histogram_new (v, n, 0);
  g_assert_false (h->sturges);
  g_assert_cmpuint (h->n_bins, >, 10);
  g_assert_cmpuint (h->n_bins, <=, 100);
  g_assert_cmpuint (h->total, ==, n - nan_count);

  direct = g_new0 (guint64, h->n_bins);
  for (gsize i = 0; i < n; i++)
    {
      if (isnan (v[i]))
        continue;
      for (guint b = 0; b < h->n_bins; b++)
        if (v[i] >= h->edges[b] && (v[i] < h->edges[b + 1] || b + 1 == h->n_bins))
          {
            direct[b]++;
            break;
          }
    }
  for (guint b = 0; b < h->n_bins; b++)
    {
      g_assert_cmpuint (h->counts[b], ==, direct[b]);
      sum += h->counts[b];
      g_assert_cmpfloat (h->edges[b], <, h->edges[b + 1]);
    }
  g_assert_cmpuint (sum, ==, n - nan_count);
}

static void
test_histogram_edge_cases (void)
{
  const double one[] = { 7, 7, 7 };
  const double nan_only[] = { NAN, NAN };
  const double years[] = { 2007, 2008, 2009, 2007, 2008, 2007, 2009, 2009, 2009 };
  g_autoptr (EaselHistogram) a = easel_histogram_new (one, 3, 0);
  g_autoptr (EaselHistogram) b = easel_histogram_new (nan_only, 2, 0);
  g_autoptr (EaselHistogram) c = easel_histogram_new (NULL, 0, 0);
  g_autoptr (EaselHistogram) d = easel_histogram_new (years, G_N_ELEMENTS (years), 0);

  g_assert_cmpuint (a->n_bins, ==, 1);
  g_assert_cmpfloat (a->edges[0], ==, 6.5);
  g_assert_cmpfloat (a->edges[1], ==, 7.5);
  g_assert_cmpuint (a->counts[0], ==, 3);
  g_assert_cmpuint (b->n_bins, ==, 0);
  g_assert_cmpuint (b->total, ==, 0);
  g_assert_cmpuint (c->n_bins, ==, 0);

  /* integers: one bin per year rather than bins narrower than 1 */
  g_assert_true (d->integers);
  g_assert_cmpuint (d->n_bins, ==, 3);
  g_assert_cmpfloat (d->edges[0], ==, 2006.5);
  g_assert_cmpuint (d->counts[0], ==, 3);
  g_assert_cmpuint (d->counts[1], ==, 2);
  g_assert_cmpuint (d->counts[2], ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/ticks/basic", test_ticks_basic);
  g_test_add_func ("/plot/ticks/small", test_ticks_small);
  g_test_add_func ("/plot/ticks/negative", test_ticks_negative);
  g_test_add_func ("/plot/ticks/zero-width", test_ticks_zero_width);
  g_test_add_func ("/plot/ticks/no-negative-zero", test_ticks_no_negative_zero);
  g_test_add_func ("/plot/ticks/clip", test_ticks_clip);
  g_test_add_func ("/plot/ticks/format", test_ticks_format);
  g_test_add_func ("/plot/ticks/format-number", test_format_number);
  g_test_add_func ("/plot/histogram/freedman-diaconis", test_fd_width);
  g_test_add_func ("/plot/histogram/integers", test_histogram_integers);
  g_test_add_func ("/plot/histogram/sturges", test_sturges_fallback);
  g_test_add_func ("/plot/histogram/direct-count", test_histogram_direct_count);
  g_test_add_func ("/plot/histogram/edge-cases", test_histogram_edge_cases);

  return g_test_run ();
}
