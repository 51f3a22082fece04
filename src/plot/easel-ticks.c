/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include <math.h>
#include <string.h>

#include "easel-ticks.h"

#define MINUS_SIGN "\xe2\x88\x92"  /* U+2212 */

/* 10^k, exact for 0 <= k <= 22. */
static double
pow10i (int k)
{
  double r = 1.0;

  for (int i = 0; i < k; i++)
    r *= 10.0;
  return r;
}

/* index × mantissa × 10^exponent, rounded once: dividing by an exact power of ten gives
 * the double nearest the decimal value, the same one its literal would give. */
static double
tick_value (gint64 index,
            int    mantissa,
            int    exponent)
{
  double units = (double) (index * mantissa);
  double v = exponent >= 0 ? units * pow10i (exponent) : units / pow10i (-exponent);

  return v == 0.0 ? 0.0 : v;  /* no -0 */
}

void
easel_ticks_compute (EaselTicks *ticks,
                     double      lo,
                     double      hi,
                     guint       target)
{
  double raw, f, first, last;
  int exponent, mantissa;

  memset (ticks, 0, sizeof *ticks);
  if (!isfinite (lo) || !isfinite (hi))
    return;
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (hi - lo <= 1e-12 * MAX (fabs (lo), fabs (hi)))
    {
      double v = (lo + hi) / 2.0;
      double d = v == 0.0 ? 1.0 : pow (10.0, floor (log10 (fabs (v))));

      lo = v - d;
      hi = v + d;
    }
  target = CLAMP (target, 1, 24);

  raw = (hi - lo) / target;
  exponent = (int) floor (log10 (raw));
  f = raw / pow (10.0, exponent);
  /* log10 can land a hair off an integer */
  if (f < 1.0)
    {
      exponent--;
      f *= 10.0;
    }
  else if (f >= 10.0)
    {
      exponent++;
      f /= 10.0;
    }
  if (f <= 1.0 + 1e-9)
    mantissa = 1;
  else if (f <= 2.0 + 1e-9)
    mantissa = 2;
  else if (f <= 5.0 + 1e-9)
    mantissa = 5;
  else
    {
      mantissa = 1;
      exponent++;
    }

  ticks->mantissa = mantissa;
  ticks->exponent = exponent;
  ticks->step = tick_value (1, mantissa, exponent);
  first = floor (lo / ticks->step + 1e-9);
  last = ceil (hi / ticks->step - 1e-9);
  for (double i = first; i <= last && ticks->n < EASEL_MAX_TICKS; i++)
    ticks->values[ticks->n++] = tick_value ((gint64) i, mantissa, exponent);
}

void
easel_ticks_clip (EaselTicks *ticks,
                  double      lo,
                  double      hi)
{
  double slack = ticks->step * 1e-6;
  guint kept = 0;

  for (guint i = 0; i < ticks->n; i++)
    if (ticks->values[i] >= lo - slack && ticks->values[i] <= hi + slack)
      ticks->values[kept++] = ticks->values[i];
  ticks->n = kept;
}

static void
use_minus_sign (char  *buf,
                gsize  size)
{
  gsize len = strlen (buf);

  if (buf[0] != '-' || len + 3 > size)
    return;
  memmove (buf + 3, buf + 1, len);  /* with the NUL */
  memcpy (buf, MINUS_SIGN, 3);
}

void
easel_ticks_format (const EaselTicks *ticks,
                    double            value,
                    char             *buf,
                    gsize             size)
{
  double max_abs = fabs (value), divisor = 1.0;
  const char *suffix = "";
  int exponent = ticks->n > 0 || ticks->step > 0 ? ticks->exponent : 0;
  int decimals;

  for (guint i = 0; i < ticks->n; i++)
    max_abs = MAX (max_abs, fabs (ticks->values[i]));

  if (max_abs >= 1e9)
    {
      divisor = 1e9;
      suffix = "G";
      exponent -= 9;
    }
  else if (max_abs >= 1e6)
    {
      divisor = 1e6;
      suffix = "M";
      exponent -= 6;
    }
  else if (max_abs >= 1e4)
    {
      divisor = 1e3;
      suffix = "k";
      exponent -= 3;
    }
  decimals = MAX (0, -exponent);

  if (ticks->step > 0 && fabs (value) < ticks->step * 1e-6)
    value = 0.0;
  if (value == 0.0)
    g_strlcpy (buf, "0", size);
  else if (decimals > 6)
    g_snprintf (buf, size, "%.2g", value);
  else
    g_snprintf (buf, size, "%.*f%s", decimals, value / divisor, suffix);
  use_minus_sign (buf, size);
}

static void
group_thousands (const char *digits,
                 GString    *out)
{
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
}

void
easel_format_number (double  value,
                     char   *buf,
                     gsize   size)
{
  if (isnan (value))
    {
      g_strlcpy (buf, "NaN", size);
      return;
    }
  if (isinf (value))
    {
      g_strlcpy (buf, value > 0 ? "\xe2\x88\x9e" : "-\xe2\x88\x9e", size);
      use_minus_sign (buf, size);
      return;
    }
  /* integers, and anything from 1000 up, read best as grouped whole numbers */
  if ((value == floor (value) || fabs (value) >= 1000.0) && fabs (value) < 1e15)
    {
      g_autoptr (GString) out = g_string_new (value < 0 ? "-" : "");
      char digits[32];

      g_snprintf (digits, sizeof digits, "%.0f", fabs (round (value)));
      group_thousands (digits, out);
      g_strlcpy (buf, out->str, size);
    }
  else
    g_snprintf (buf, size, "%.4g", value);
  use_minus_sign (buf, size);
}
