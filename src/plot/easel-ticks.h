/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EASEL_MAX_TICKS 32

/* Axis ticks: values 'mantissa' × 10^'exponent' apart, where the mantissa is 1, 2 or 5. */
typedef struct
{
  guint  n;
  int    mantissa;
  int    exponent;
  double step;
  double values[EASEL_MAX_TICKS];
} EaselTicks;

/* "Loose" nice ticks: the smallest 1-2-5 step of at least (hi − lo) / target, from the
 * last multiple of the step at or below 'lo' to the first at or above 'hi'. Each value is
 * an integer times the step computed so that it prints exactly (0.006, not 0.0060000001).
 * A zero-width range around v is widened to v ± 10^floor(log10 |v|) (−1..1 around 0).
 * 'target' is clamped to 1..24. Non-finite bounds give no ticks. */
void     easel_ticks_compute   (EaselTicks *ticks,
                                double      lo,
                                double      hi,
                                guint       target);
/* Keep only the ticks within [lo, hi] (with a little slack for rounding). */
void     easel_ticks_clip      (EaselTicks *ticks,
                                double      lo,
                                double      hi);
/* A label for 'value' that suits the whole set of ticks: as many decimals as the step
 * needs, "k" from 10 000 up, "M" and "G" from a million and a billion, a true minus sign. */
void     easel_ticks_format    (const EaselTicks *ticks,
                                double            value,
                                char             *buf,
                                gsize             size);
/* Short human form of any number for tooltips and cells: 4 significant digits, grouped
 * thousands for integers ("12,345"), a true minus sign. */
void     easel_format_number   (double      value,
                                char       *buf,
                                gsize       size);

G_END_DECLS
