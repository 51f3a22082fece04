/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <string.h>

#include "easel-profile.h"

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_PASSES 6   /* ceil (64 / 11) */

/* A bijection from doubles to unsigned integers that keeps the order: flip all bits of
 * negatives, flip only the sign bit of positives. */
static inline guint64
key_of (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits
                                                          : bits ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

static inline double
value_of (guint64 key)
{
  guint64 bits = (key & G_GUINT64_CONSTANT (0x8000000000000000)) ? key ^ G_GUINT64_CONSTANT (0x8000000000000000)
                                                                 : ~key;
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
easel_sort_doubles (double *values,
                    gsize   n)
{
  guint64 *keys, *tmp, *src, *dst;
  gsize (*counts)[RADIX_SIZE];

  if (n < 512)
    {
      /* -0.0 and +0.0 compare equal here; their relative order does not matter to callers. */
      qsort (values, n, sizeof (double), compare_doubles);
      return;
    }

  /* LSD radix sort on the order-preserving keys: six passes of 11 bits, all histograms
   * gathered in one read; passes where every key has the same digit are skipped. */
  keys = (guint64 *) values;
  tmp = g_new (guint64, n);
  counts = g_malloc0 (sizeof (gsize[RADIX_PASSES][RADIX_SIZE]));
  for (gsize i = 0; i < n; i++)
    {
      guint64 k = key_of (values[i]);
      keys[i] = k;
      for (int pass = 0; pass < RADIX_PASSES; pass++)
        counts[pass][(k >> (pass * RADIX_BITS)) & (RADIX_SIZE - 1)]++;
    }

  src = keys;
  dst = tmp;
  for (int pass = 0; pass < RADIX_PASSES; pass++)
    {
      gsize *count = counts[pass];
      gsize sum = 0;
      int shift = pass * RADIX_BITS;

      if (count[(src[0] >> shift) & (RADIX_SIZE - 1)] == n)
        continue;
      for (guint b = 0; b < RADIX_SIZE; b++)
        {
          gsize c = count[b];
          count[b] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        {
          guint64 k = src[i];
          dst[count[(k >> shift) & (RADIX_SIZE - 1)]++] = k;
        }
      { guint64 *t = src; src = dst; dst = t; }
    }
  for (gsize i = 0; i < n; i++)
    values[i] = value_of (src[i]);
  g_free (tmp);
  g_free (counts);
}
