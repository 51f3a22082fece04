/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-datetime.h"

/* Powers of ten that are exact in a double. */
static const double exact_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static locale_t
c_locale (void)
{
  static gsize once = 0;
  static locale_t locale;

  if (g_once_init_enter (&once))
    {
      locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return locale;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

/* The slow path: strtod in the C locale on a NUL-terminated copy. */
static gboolean
parse_with_strtod (const char *s,
                   gsize       len,
                   char        decimal,
                   double     *out)
{
  char stack[128];
  char *buf = len < sizeof stack ? stack : g_malloc (len + 1);
  char *end;

  memcpy (buf, s, len);
  buf[len] = '\0';
  if (decimal != '.')
    for (gsize i = 0; i < len; i++)
      if (buf[i] == decimal)
        buf[i] = '.';
  *out = strtod_l (buf, &end, c_locale ());
  if (buf != stack)
    g_free (buf);
  return TRUE;
}

/* The common case in one loop: an optional '-', at most 19 digits with at most one decimal
 * mark, nothing else. Returns FALSE to let the general parser decide. */
static inline gboolean
parse_plain (const char *s,
             gsize       len,
             char        decimal,
             double     *out)
{
  const char *p = s, *end = s + len;
  gboolean negative = FALSE;
  const char *dot = NULL;
  guint64 mantissa = 0;
  int n_digits = 0, exp10;
  double m;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p == end || len > 20)
    return FALSE;
  for (; p < end; p++)
    {
      unsigned d = (unsigned) (*p - '0');
      if (d < 10)
        {
          mantissa = mantissa * 10 + d;
          n_digits++;
        }
      else if (*p == decimal && dot == NULL)
        dot = p;
      else
        return FALSE;
    }
  if (n_digits == 0 || n_digits > 19 || mantissa > (G_GUINT64_CONSTANT (1) << 53))
    return FALSE;
  exp10 = dot ? -(int) (end - dot - 1) : 0;
  m = (double) mantissa;
  /* Clinger: both operands exact, so one correctly rounded operation. */
  m = exp10 == 0 ? m : m / exact_pow10[-exp10];
  *out = negative ? -m : m;
  return TRUE;
}

gboolean
easel_parse_double (const char *s,
                    gsize       len,
                    char        decimal,
                    double     *out)
{
  const char *p = s, *end = s + len, *start;

  if (parse_plain (s, len, decimal, out))
    return TRUE;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int n_digits = 0;      /* significant digits accumulated in 'mantissa' */
  int dropped = 0;       /* digits that did not fit: the slow path handles those */
  int exp10 = 0;
  gboolean any_digit = FALSE;

  while (p < end && is_space (*p))
    p++;
  while (end > p && is_space (end[-1]))
    end--;
  if (p == end)
    return FALSE;
  start = p;

  if (*p == '+' || *p == '-')
    {
      negative = *p == '-';
      p++;
    }
  if (p == end)
    return FALSE;

  if ((*p | 0x20) == 'i')
    {
      gsize rest = end - p;
      if ((rest == 3 && g_ascii_strncasecmp (p, "inf", 3) == 0) ||
          (rest == 8 && g_ascii_strncasecmp (p, "infinity", 8) == 0))
        {
          *out = negative ? -INFINITY : INFINITY;
          return TRUE;
        }
      return FALSE;
    }

  while (p < end && *p == '0')
    {
      p++;
      any_digit = TRUE;
    }
  while (p < end && (unsigned) (*p - '0') < 10)
    {
      if (n_digits < 19)
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          n_digits++;
        }
      else
        {
          dropped++;
          exp10++;
        }
      p++;
      any_digit = TRUE;
    }
  if (p < end && *p == decimal)
    {
      p++;
      if (mantissa == 0)
        while (p < end && *p == '0')
          {
            p++;
            exp10--;
            any_digit = TRUE;
          }
      while (p < end && (unsigned) (*p - '0') < 10)
        {
          if (n_digits < 19)
            {
              mantissa = mantissa * 10 + (guint64) (*p - '0');
              n_digits++;
              exp10--;
            }
          else if (*p != '0')
            dropped++;
          p++;
          any_digit = TRUE;
        }
    }
  if (!any_digit)
    return FALSE;
  if (p < end && (*p | 0x20) == 'e')
    {
      gboolean exp_negative = FALSE;
      int e = 0;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        {
          exp_negative = *p == '-';
          p++;
        }
      if (p == end || (unsigned) (*p - '0') >= 10)
        return FALSE;
      while (p < end && (unsigned) (*p - '0') < 10)
        {
          if (e < 100000)
            e = e * 10 + (*p - '0');
          p++;
        }
      exp10 += exp_negative ? -e : e;
    }
  if (p != end)
    return FALSE;

  /* Clinger's fast path: the mantissa and the power of ten are both exact doubles, so one
   * correctly rounded multiplication or division gives the correctly rounded result. */
  if (dropped == 0 && mantissa <= (G_GUINT64_CONSTANT (1) << 53))
    {
      double m = (double) mantissa;

      if (mantissa == 0)
        {
          *out = negative ? -0.0 : 0.0;
          return TRUE;
        }
      if (exp10 >= 0 && exp10 <= 22)
        {
          *out = negative ? -(m * exact_pow10[exp10]) : m * exact_pow10[exp10];
          return TRUE;
        }
      if (exp10 < 0 && exp10 >= -22)
        {
          *out = negative ? -(m / exact_pow10[-exp10]) : m / exact_pow10[-exp10];
          return TRUE;
        }
      /* m·10^(e−22) may still be an exact integer below 2^53. */
      if (exp10 > 22 && exp10 <= 22 + 15)
        {
          double scaled = m * exact_pow10[exp10 - 22];
          if (scaled <= 9007199254740992.0)
            {
              *out = negative ? -(scaled * 1e22) : scaled * 1e22;
              return TRUE;
            }
        }
    }
  return parse_with_strtod (start, end - start, decimal, out);
}

gint64
easel_days_from_civil (int year,
                       int month,
                       int day)
{
  /* Count from 0000-03-01 so that the leap day is the last day of a year. */
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
easel_civil_from_days (gint64  days,
                       int    *year,
                       int    *month,
                       int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *year = (int) (yoe + era * 400 + (m <= 2));
  *month = m;
  *day = d;
}

static inline gboolean
read_digits (const char **p,
             const char  *end,
             int          n,
             int         *value)
{
  int v = 0;

  if (end - *p < n)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      unsigned d = (unsigned) ((*p)[i] - '0');
      if (d >= 10)
        return FALSE;
      v = v * 10 + (int) d;
    }
  *p += n;
  *value = v;
  return TRUE;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

gboolean
easel_parse_datetime (const char *s,
                      gsize       len,
                      double     *out,
                      gboolean   *has_time)
{
  const char *p = s, *end = s + len;
  int year, month, day, hour = 0, minute = 0, second = 0;
  double fraction = 0.0;
  int offset_minutes = 0;
  gboolean with_time = FALSE;

  while (p < end && is_space (*p))
    p++;
  while (end > p && is_space (end[-1]))
    end--;

  if (!read_digits (&p, end, 4, &year) || p >= end || *p++ != '-' ||
      !read_digits (&p, end, 2, &month) || p >= end || *p++ != '-' ||
      !read_digits (&p, end, 2, &day))
    return FALSE;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return FALSE;

  if (p < end && (*p == 'T' || *p == ' '))
    {
      p++;
      with_time = TRUE;
      if (!read_digits (&p, end, 2, &hour) || p >= end || *p++ != ':' ||
          !read_digits (&p, end, 2, &minute))
        return FALSE;
      if (p < end && *p == ':')
        {
          p++;
          if (!read_digits (&p, end, 2, &second))
            return FALSE;
          if (p < end && (*p == '.' || *p == ','))
            {
              double scale = 0.1;
              p++;
              if (p >= end || (unsigned) (*p - '0') >= 10)
                return FALSE;
              while (p < end && (unsigned) (*p - '0') < 10)
                {
                  fraction += (*p - '0') * scale;
                  scale /= 10;
                  p++;
                }
            }
        }
      if (hour > 23 || minute > 59 || second > 60)
        return FALSE;
      if (p < end && (*p == 'Z' || *p == 'z'))
        p++;
      else if (p < end && (*p == '+' || *p == '-'))
        {
          int sign = *p == '-' ? -1 : 1, oh, om = 0;
          p++;
          if (!read_digits (&p, end, 2, &oh))
            return FALSE;
          if (p < end && *p == ':')
            p++;
          if (p < end && !read_digits (&p, end, 2, &om))
            return FALSE;
          if (oh > 23 || om > 59)
            return FALSE;
          offset_minutes = sign * (oh * 60 + om);
        }
    }
  if (p != end)
    return FALSE;

  *out = (double) (easel_days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 +
                   second - offset_minutes * 60) + fraction;
  if (has_time)
    *has_time = with_time;
  return TRUE;
}
