/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* easel_parse_double() must give exactly the double that strtod() gives (the C library's
 * strtod is correctly rounded), and easel_parse_datetime() must read ISO 8601. */

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-test-util.h"

/* Parses s[0..len) through a buffer of exactly 'len' bytes with no NUL after it, so that a
 * parser reading past the end is caught by AddressSanitizer. */
static gboolean
parse_exact (const char *s,
             gsize       len,
             char        decimal,
             double     *out)
{
  g_autofree char *buf = NULL;
  static const char empty[1] = { 0 };

  if (len == 0)
    return easel_parse_double (empty, 0, decimal, out);
  buf = g_malloc (len);
  memcpy (buf, s, len);
  return easel_parse_double (buf, len, decimal, out);
}

/* The reference: strtod on the trimmed text with the decimal mark turned into '.'. */
static double
reference (const char *s,
           char        decimal)
{
  g_autofree char *copy = g_strstrip (g_strdup (s));
  char *end = NULL;
  double v;

  for (char *p = copy; *p; p++)
    if (*p == decimal)
      *p = '.';
  errno = 0;
  v = strtod (copy, &end);
  g_assert_true (end != copy && *end == '\0');
  return v;
}

static void
check_same (const char *s,
            char        decimal)
{
  double got = 12345.0;

  if (!parse_exact (s, strlen (s), decimal, &got))
    g_error ("easel_parse_double rejected \"%s\" (decimal '%c')", s, decimal);
  if (memcmp (&got, &(double) { reference (s, decimal) }, sizeof (double)) != 0)
    g_error ("easel_parse_double(\"%s\") = %.17g (%a), strtod gives %.17g (%a)",
             s, got, got, reference (s, decimal), reference (s, decimal));
}

static void
check_rejected (const char *s,
                char        decimal)
{
  double got = 0;

  if (parse_exact (s, strlen (s), decimal, &got))
    g_error ("easel_parse_double accepted \"%s\" (decimal '%c') as %.17g", s, decimal, got);
}

static void
test_parse_double_basic (void)
{
  static const char *const cases[] = {
    "0", "1", "-1", "42", "-17", "+3", "+0", "123456", "007",
    "1.5", "-2.25", "3.14159", "0.001", "100.0",
    "1e5", "1E-5", "2.5e+10", "-3.75E2", "1e0", "1e-0", "6.02214076e23",
    ".5", "-.5", "+.5", "5.", "-5.", "5.e3",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_same (cases[i], '.');
}

static void
test_parse_double_exact_values (void)
{
  double v;

  /* A few values written out, not only compared with strtod. */
  g_assert_true (parse_exact ("1.5", 3, '.', &v));
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (parse_exact ("1e5", 3, '.', &v));
  g_assert_cmpfloat (v, ==, 100000.0);
  g_assert_true (parse_exact ("1E-5", 4, '.', &v));
  g_assert_cmpfloat (v, ==, 0.00001);
  g_assert_true (parse_exact ("2.5e+10", 7, '.', &v));
  g_assert_cmpfloat (v, ==, 25000000000.0);
  g_assert_true (parse_exact ("+3", 2, '.', &v));
  g_assert_cmpfloat (v, ==, 3.0);
  g_assert_true (parse_exact (".5", 2, '.', &v));
  g_assert_cmpfloat (v, ==, 0.5);
  g_assert_true (parse_exact ("5.", 2, '.', &v));
  g_assert_cmpfloat (v, ==, 5.0);

  /* -0 keeps its sign. */
  g_assert_true (parse_exact ("-0", 2, '.', &v));
  g_assert_cmpfloat (v, ==, 0.0);
  g_assert_true (signbit (v));
  g_assert_true (parse_exact ("-0.0", 4, '.', &v));
  g_assert_true (signbit (v));
  g_assert_true (parse_exact ("0", 1, '.', &v));
  g_assert_false (signbit (v));
}

static void
test_parse_double_rounding (void)
{
  static const char *const cases[] = {
    "0.1", "0.2", "0.3", "0.30000000000000004", "0.7", "1.1", "2.675",
    "1.7976931348623157e308", "-1.7976931348623157e308",
    "1.7976931348623158e308",  /* rounds down to DBL_MAX */
    "4.9e-324", "5e-324", "2.4703282292062328e-324", "2.2250738585072014e-308",
    "2.2250738585072011e-308", "2.2250738585072012e-308", /* the famous slow case */
    "9007199254740993", "9007199254740993.0000000001", "9007199254740995",
    "18014398509481985", "123456789012345678901234567890",
    "0.000001234567890123456789",
    /* Halfway between 1 and the next double: ties to even, then just above. */
    "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203126",
    "1.00000000000000011102230246251565404236316680908203124",
    /* 40-digit mantissas */
    "1234567890123456789012345678901234567890",
    "0.1234567890123456789012345678901234567890",
    "3.141592653589793238462643383279502884197",
    "9999999999999999999999999999999999999999e-20",
    "0.0000000000000000000000000000000000000001234567890123456789012345678901234567890",
    /* overflow and underflow give what strtod gives */
    "1e-400", "-1e-400", "1e400", "-1e400",
    "1e308", "1e-308", "1e-320", "8.98846567431158e307",
    "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000",
    "00000000000000000000000000000000000000000000000000000000000000000001.5",
    "1.50000000000000000000000000000000000000000000000000000000000000000000",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_same (cases[i], '.');
}

static void
test_parse_double_spaces (void)
{
  double v;

  check_same (" 3.5 ", '.');
  check_same ("\t3.5", '.');
  check_same ("3.5\t", '.');
  check_same ("  \t -12e3 \t ", '.');
  g_assert_true (parse_exact (" 3.5 ", 5, '.', &v));
  g_assert_cmpfloat (v, ==, 3.5);
}

static void
test_parse_double_decimal_comma (void)
{
  double v;

  g_assert_true (parse_exact ("1,5", 3, ',', &v));
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (parse_exact ("-0,25", 5, ',', &v));
  g_assert_cmpfloat (v, ==, -0.25);
  check_same ("1,5", ',');
  check_same ("3,14159", ',');
  check_same ("0,1", ',');
  check_same (" 2,5e-3 ", ',');
  check_same ("12", ',');
  check_rejected ("1,5", '.');
  check_rejected ("1,2,3", ',');
}

static void
test_parse_double_infinity (void)
{
  double v;

  g_assert_true (parse_exact ("inf", 3, '.', &v));
  g_assert_true (isinf (v) && v > 0);
  g_assert_true (parse_exact ("-inf", 4, '.', &v));
  g_assert_true (isinf (v) && v < 0);
  g_assert_true (parse_exact ("Infinity", 8, '.', &v));
  g_assert_true (isinf (v) && v > 0);
  g_assert_true (parse_exact ("-Infinity", 9, '.', &v));
  g_assert_true (isinf (v) && v < 0);

  /* "nan" is read as a missing value by the importer (see test-csv); if this function
   * accepts it at all, it must give a NaN, never a number. */
  if (parse_exact ("nan", 3, '.', &v))
    g_assert_true (isnan (v));
  if (parse_exact ("NaN", 3, '.', &v))
    g_assert_true (isnan (v));
}

static void
test_parse_double_rejects (void)
{
  static const char *const cases[] = {
    "", " ", "\t", "   ", "abc", "1.2.3", "1e", "1e+", "1e-", "--1", "+-1", "-+1", "0x10",
    "1 2", "1-2", ".", "-", "+", "e5", "E5", ".e5", "-.", "1.5x", "x1.5", "1,5", "1_000",
    "1e5.5", "12abc", "in", "infinit", "infx", "1..2", "--", "1e++5",
  };
  double v;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_rejected (cases[i], '.');

  /* A NUL inside the range is not a number either. */
  g_assert_false (parse_exact ("1\0" "2", 3, '.', &v));
}

static void
test_parse_double_length (void)
{
  double v;

  /* Only [s, s+len) is looked at. */
  g_assert_true (easel_parse_double ("1.5xyz", 3, '.', &v));
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (easel_parse_double ("12345", 2, '.', &v));
  g_assert_cmpfloat (v, ==, 12.0);
  g_assert_true (easel_parse_double ("1e5", 1, '.', &v));
  g_assert_cmpfloat (v, ==, 1.0);
  g_assert_false (easel_parse_double ("1e5", 2, '.', &v));
  g_assert_false (easel_parse_double ("7", 0, '.', &v));
}

/* A random decimal string: digits, maybe a point, maybe an exponent. */
static void
random_digits (GRand   *rand,
               GString *out)
{
  int n_digits = g_rand_int_range (rand, 1, 30);
  int point = g_rand_int_range (rand, -1, n_digits + 1);

  g_string_truncate (out, 0);
  if (g_rand_boolean (rand))
    g_string_append_c (out, '-');
  for (int i = 0; i < n_digits; i++)
    {
      if (i == point)
        g_string_append_c (out, '.');
      /* many zeros and nines make the hard rounding cases more likely */
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          g_string_append_c (out, '0');
          break;
        case 1:
          g_string_append_c (out, '9');
          break;
        default:
          g_string_append_c (out, '0' + g_rand_int_range (rand, 0, 10));
        }
    }
  if (point == n_digits)
    g_string_append_c (out, '.');
  if (g_rand_boolean (rand))
    g_string_append_printf (out, "e%d", g_rand_int_range (rand, -345, 330));
}

static void
test_parse_double_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr (GString) s = g_string_new (NULL);
  static const char *const formats[] = { "%.17g", "%.6g", "%.15g" };
  gsize checked = 0;

  for (int i = 0; i < 200000; i++)
    {
      double d;

      if (i % 2 == 0)
        {
          /* any finite bit pattern: subnormals, huge and tiny exponents */
          guint64 bits;

          do
            {
              bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
              memcpy (&d, &bits, sizeof d);
            }
          while (!isfinite (d));
        }
      else
        {
          /* ordinary data-like values */
          d = g_rand_double_range (rand, -1e6, 1e6);
          if (i % 3 == 0)
            d = round (d * 100) / 100;
        }

      for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          char buf[64];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          g_snprintf (buf, sizeof buf, formats[f], d);
#pragma GCC diagnostic pop
          check_same (buf, '.');
          checked++;
        }

      random_digits (rand, s);
      check_same (s->str, '.');
      checked++;
    }
  g_assert_cmpuint (checked, ==, 800000);
}

/* ---- dates ---- */

static void
check_datetime (const char *s,
                double      expected,
                gboolean    expected_has_time)
{
  g_autofree char *buf = g_strdup (s);
  double v = -1;
  gboolean has_time = !expected_has_time;

  buf = g_realloc (buf, strlen (s));  /* no NUL after the text */
  if (!easel_parse_datetime (buf, strlen (s), &v, &has_time))
    g_error ("easel_parse_datetime rejected \"%s\"", s);
  if (v != expected)
    g_error ("easel_parse_datetime(\"%s\") = %.17g, expected %.17g", s, v, expected);
  g_assert_cmpint (has_time, ==, expected_has_time);
}

static void
check_datetime_rejected (const char *s)
{
  double v;
  gboolean has_time;

  if (easel_parse_datetime (s, strlen (s), &v, &has_time))
    g_error ("easel_parse_datetime accepted \"%s\" as %.17g", s, v);
}

static void
test_parse_datetime_valid (void)
{
  check_datetime ("2012-01-01", 1325376000.0, FALSE);
  check_datetime ("2012-01-01T08:30:00", 1325406600.0, TRUE);
  check_datetime ("2012-01-01 08:30:00", 1325406600.0, TRUE);
  check_datetime ("2012-01-01 08:30:00.5", 1325406600.5, TRUE);
  check_datetime ("2012-01-01T08:30:00.25", 1325406600.25, TRUE);
  check_datetime ("2012-01-01T08:30:00Z", 1325406600.0, TRUE);
  check_datetime ("2012-01-01T10:30:00+02:00", 1325406600.0, TRUE);
  check_datetime ("2012-01-01T08:30:00-05:30", 1325426400.0, TRUE);
  check_datetime ("1970-01-01", 0.0, FALSE);
  check_datetime ("1969-12-31", -86400.0, FALSE);
  check_datetime ("2024-02-29", 1709164800.0, FALSE);
  check_datetime ("2000-01-01", 946684800.0, FALSE);
  check_datetime ("2000-02-29", 951782400.0, FALSE);
  check_datetime ("2012-12-31T23:59:59", 1356998399.0, TRUE);
  check_datetime ("1900-03-01", -2203891200.0, FALSE);
  check_datetime ("2100-12-31", 4133894400.0, FALSE);
  check_datetime ("1600-02-29", -11670998400.0, FALSE);
}

static void
test_parse_datetime_invalid (void)
{
  static const char *const cases[] = {
    "", " ", "hello", "2023-02-29", "1900-02-29", "2012-13-01", "2012-00-10", "2012-01-00",
    "2012-01-32", "2012-04-31", "2012-1-1", "2012-01-1", "12-01-01", "2012/01/01x",
    "2012-01-01T25:00:00", "2012-01-01T08:60:00", "2012-01-01T08:30:61", "2012-01-01T",
    "2012-01-01Tfoo", "2012-01-01 08:30:00 junk", "2012-01-01x", "1.5", "2012",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_datetime_rejected (cases[i]);
}

static void
test_parse_datetime_length (void)
{
  double v = 0;
  gboolean has_time = TRUE;

  /* Only [s, s+len) is read. */
  g_assert_true (easel_parse_datetime ("2012-01-01T08:30:00", 10, &v, &has_time));
  g_assert_cmpfloat (v, ==, 1325376000.0);
  g_assert_false (has_time);
  g_assert_false (easel_parse_datetime ("2012-01-01", 7, &v, &has_time));
}

static void
test_parse_double_extreme (void)
{
  g_autoptr (GString) s = g_string_new (NULL);

  /* exponents whose digits overflow an int */
  check_same ("1e99999999999999999999", '.');
  check_same ("1e-99999999999999999999", '.');
  check_same ("0e99999999999999999999", '.');
  check_same ("1e2147483648", '.');
  check_same ("1e-2147483649", '.');
  check_same ("1e4294967296", '.');
  check_same ("1e-4294967297", '.');

  /* 1 followed by 800 zeros, times 1e-800 */
  g_string_assign (s, "1");
  for (int i = 0; i < 800; i++)
    g_string_append_c (s, '0');
  g_string_append (s, "e-800");
  check_same (s->str, '.');

  /* 400 zeros after the point */
  g_string_assign (s, "0.");
  for (int i = 0; i < 400; i++)
    g_string_append_c (s, '0');
  g_string_append (s, "12345e400");
  check_same (s->str, '.');

  /* a 10000-digit mantissa just above a halfway point */
  g_string_assign (s, "9007199254740993");
  for (int i = 0; i < 10000; i++)
    g_string_append_c (s, '0');
  g_string_append (s, "1e-10000");
  check_same (s->str, '.');

  /* ...and exactly at it */
  g_string_assign (s, "9007199254740993.");
  for (int i = 0; i < 10000; i++)
    g_string_append_c (s, '0');
  check_same (s->str, '.');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* strtod, the reference, must use '.' whatever the environment says. */
  setlocale (LC_NUMERIC, "C");

  easel_test_add ("/number/parse-double/basic", test_parse_double_basic);
  easel_test_add ("/number/parse-double/exact-values", test_parse_double_exact_values);
  easel_test_add ("/number/parse-double/rounding", test_parse_double_rounding);
  easel_test_add ("/number/parse-double/spaces", test_parse_double_spaces);
  easel_test_add ("/number/parse-double/decimal-comma", test_parse_double_decimal_comma);
  easel_test_add ("/number/parse-double/infinity", test_parse_double_infinity);
  easel_test_add ("/number/parse-double/rejects", test_parse_double_rejects);
  easel_test_add ("/number/parse-double/length", test_parse_double_length);
  easel_test_add ("/number/parse-double/random", test_parse_double_random);
  easel_test_add ("/number/parse-double/extreme", test_parse_double_extreme);
  easel_test_add ("/number/parse-datetime/valid", test_parse_datetime_valid);
  easel_test_add ("/number/parse-datetime/invalid", test_parse_datetime_invalid);
  easel_test_add ("/number/parse-datetime/length", test_parse_datetime_length);

  return g_test_run ();
}
