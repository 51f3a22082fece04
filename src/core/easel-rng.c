/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <math.h>

#include "easel-rng.h"

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
easel_rng_init (EaselRng *rng,
                guint64   seed)
{
  guint64 sm = seed;

  /* splitmix64 never yields four zero words in a row, so the state is never all zero. */
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&sm);
}

guint64
easel_rng_next (EaselRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
easel_rng_uniform (EaselRng *rng)
{
  return (double) (easel_rng_next (rng) >> 11) * 0x1.0p-53;
}

guint64
easel_rng_below (EaselRng *rng,
                 guint64   n)
{
  guint64 threshold, r;

  if (n == 0)
    return 0;
  /* Reject the few values that would make some results more likely than others. */
  threshold = -n % n;
  do
    r = easel_rng_next (rng);
  while (r < threshold);
  return r % n;
}

double
easel_rng_normal (EaselRng *rng)
{
  double u, v, s;

  do
    {
      u = 2.0 * easel_rng_uniform (rng) - 1.0;
      v = 2.0 * easel_rng_uniform (rng) - 1.0;
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);
  return u * sqrt (-2.0 * log (s) / s);
}

void
easel_rng_shuffle (EaselRng *rng,
                   guint32  *values,
                   gsize     n)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = (gsize) easel_rng_below (rng, i);
      guint32 t = values[i - 1];

      values[i - 1] = values[j];
      values[j] = t;
    }
}

void
easel_rng_fork (const EaselRng *rng,
                guint64         stream,
                EaselRng       *out)
{
  guint64 sm = rng->s[0] ^ rotl (rng->s[1], 13) ^ rotl (rng->s[2], 29) ^ rotl (rng->s[3], 47);

  sm ^= splitmix64 (&stream);
  for (int i = 0; i < 4; i++)
    out->s[i] = splitmix64 (&sm);
}
