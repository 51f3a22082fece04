/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xoshiro256** (Blackman and Vigna), seeded through splitmix64: one generator per job, so a
 * fixed seed gives the same numbers on every run and every machine. Not thread-safe; give
 * each parallel task its own stream with easel_rng_fork(). A plain struct: put it on the
 * stack. */
typedef struct
{
  guint64 s[4];
} EaselRng;

/* The state from 'seed' (any value, 0 included). */
void     easel_rng_init     (EaselRng *rng,
                             guint64   seed);
/* The next 64 random bits. */
guint64  easel_rng_next     (EaselRng *rng);
/* Uniform in [0, 1), 53 bits. */
double   easel_rng_uniform  (EaselRng *rng);
/* Uniform integer in [0, n), without modulo bias; 0 when n is 0. */
guint64  easel_rng_below    (EaselRng *rng,
                             guint64   n);
/* Standard normal (polar Box-Muller; no cached second value, so the stream is simple). */
double   easel_rng_normal   (EaselRng *rng);
/* Fisher-Yates shuffle of 'n' indices. */
void     easel_rng_shuffle  (EaselRng *rng,
                             guint32  *values,
                             gsize     n);
/* An independent generator for sub-task 'stream' (a tree, a fold): seeded from this
 * generator's seed state and the stream number, without advancing this generator, so
 * the result does not depend on the order in which sub-tasks run. */
void     easel_rng_fork     (const EaselRng *rng,
                             guint64         stream,
                             EaselRng       *out);

G_END_DECLS
