/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* EaselRng: xoshiro256** seeded by splitmix64. Reference streams from
 * tests/core/test-rng-reference.py, an independent Python implementation. */

#include "easel-test-util.h"
#include "easel-rng.h"

static const struct
{
  guint64 seed;
  guint64 first[5];
} streams[] = {
  /* Output of test-rng-reference.py */
  /* seed 0x0 */
  { G_GUINT64_CONSTANT (0x0),
    { G_GUINT64_CONSTANT (0x99ec5f36cb75f2b4),
      G_GUINT64_CONSTANT (0xbf6e1f784956452a),
      G_GUINT64_CONSTANT (0x1a5f849d4933e6e0),
      G_GUINT64_CONSTANT (0x6aa594f1262d2d2c),
      G_GUINT64_CONSTANT (0xbba5ad4a1f842e59) } },
  /* seed 0x2a */
  { G_GUINT64_CONSTANT (0x2a),
    { G_GUINT64_CONSTANT (0x15780b2e0c2ec716),
      G_GUINT64_CONSTANT (0x6104d9866d113a7e),
      G_GUINT64_CONSTANT (0xae17533239e499a1),
      G_GUINT64_CONSTANT (0xecb8ad4703b360a1),
      G_GUINT64_CONSTANT (0xfde6dc7fe2ec5e64) } },
  /* seed 0xffffffffffffffff */
  { G_GUINT64_CONSTANT (0xffffffffffffffff),
    { G_GUINT64_CONSTANT (0x8f5520d52a7ead08),
      G_GUINT64_CONSTANT (0xc476a018caa1802d),
      G_GUINT64_CONSTANT (0x81de31c0d260469e),
      G_GUINT64_CONSTANT (0xbf658d7e065f3c2f),
      G_GUINT64_CONSTANT (0x913593fda1bca32a) } },
  /* splitmix64(0) first output: 0xe220a8397b1dcdaf */
};

static void
test_reference_streams (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (streams); s++)
    {
      EaselRng rng;
      easel_rng_init (&rng, streams[s].seed);
      for (guint i = 0; i < 5; i++)
        g_assert_cmphex (easel_rng_next (&rng), ==, streams[s].first[i]);
    }
}

static void
test_published_vector (void)
{
  /* The generator's own test vector: state {1, 2, 3, 4}. */
  EaselRng rng = { { 1, 2, 3, 4 } };

  g_assert_cmpuint (easel_rng_next (&rng), ==, 11520);
  g_assert_cmpuint (easel_rng_next (&rng), ==, 0);
  g_assert_cmpuint (easel_rng_next (&rng), ==, 1509978240);
  g_assert_cmpuint (easel_rng_next (&rng), ==, G_GUINT64_CONSTANT (1215971899390074240));
}

static void
test_uniform_and_below (void)
{
  EaselRng rng;
  guint counts[7] = { 0 };
  double sum = 0.0;
  const int n = 700000;

  easel_rng_init (&rng, 5);
  for (int i = 0; i < n; i++)
    {
      double u = easel_rng_uniform (&rng);
      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      sum += u;
      counts[easel_rng_below (&rng, 7)]++;
    }
  /* mean 1/2 within 5 standard errors (σ = 1/√12); each of 7 values near n/7 */
  g_assert_cmpfloat (fabs (sum / n - 0.5), <, 5 * sqrt (1.0 / 12.0 / n));
  for (int v = 0; v < 7; v++)
    g_assert_cmpfloat (fabs (counts[v] - n / 7.0), <, 5 * sqrt (n * (1.0 / 7) * (6.0 / 7)));
  g_assert_cmpuint (easel_rng_below (&rng, 0), ==, 0);
  g_assert_cmpuint (easel_rng_below (&rng, 1), ==, 0);
}

static void
test_normal (void)
{
  EaselRng rng;
  double sum = 0.0, sq = 0.0;
  const int n = 200000;

  easel_rng_init (&rng, 11);
  for (int i = 0; i < n; i++)
    {
      double z = easel_rng_normal (&rng);
      sum += z;
      sq += z * z;
    }
  g_assert_cmpfloat (fabs (sum / n), <, 5.0 / sqrt (n));
  g_assert_cmpfloat (fabs (sq / n - 1.0), <, 5.0 * sqrt (2.0 / n));
}

static void
test_shuffle (void)
{
  EaselRng a, b;
  guint32 x[100], y[100];
  guint64 sum = 0;
  gboolean moved = FALSE;

  for (guint i = 0; i < 100; i++)
    x[i] = y[i] = i;
  easel_rng_init (&a, 3);
  easel_rng_init (&b, 3);
  easel_rng_shuffle (&a, x, 100);
  easel_rng_shuffle (&b, y, 100);
  /* a permutation, the same for the same seed, and not the identity */
  g_assert_cmpmem (x, sizeof x, y, sizeof y);
  for (guint i = 0; i < 100; i++)
    {
      sum += x[i];
      moved |= x[i] != i;
    }
  g_assert_cmpuint (sum, ==, 4950);
  g_assert_true (moved);
}

static void
test_fork (void)
{
  EaselRng parent, before, f1, f1b, f2;

  easel_rng_init (&parent, 9);
  before = parent;
  easel_rng_fork (&parent, 1, &f1);
  easel_rng_fork (&parent, 1, &f1b);
  easel_rng_fork (&parent, 2, &f2);
  /* forking does not advance the parent; the same stream number gives the same stream */
  g_assert_cmpmem (&parent, sizeof parent, &before, sizeof before);
  g_assert_cmphex (easel_rng_next (&f1), ==, easel_rng_next (&f1b));
  g_assert_cmphex (easel_rng_next (&f1), !=, easel_rng_next (&f2));
  g_assert_cmphex (easel_rng_next (&f1), !=, easel_rng_next (&parent));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/rng/reference-streams", test_reference_streams);
  easel_test_add ("/rng/published-vector", test_published_vector);
  easel_test_add ("/rng/uniform-below", test_uniform_and_below);
  easel_test_add ("/rng/normal", test_normal);
  easel_test_add ("/rng/shuffle", test_shuffle);
  easel_test_add ("/rng/fork", test_fork);
  return g_test_run ();
}
