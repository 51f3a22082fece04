/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* EaselTable and EaselColumn: constructors, lookup, value formatting, memory sizes. */

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-test-util.h"

static double *
doubles (gsize n, ...)
{
  double *v = g_new (double, n);
  va_list ap;

  va_start (ap, n);
  for (gsize i = 0; i < n; i++)
    v[i] = va_arg (ap, double);
  va_end (ap);
  return v;
}

static guint8 *
bytes (gsize n, ...)
{
  guint8 *v = g_new (guint8, n);
  va_list ap;

  va_start (ap, n);
  for (gsize i = 0; i < n; i++)
    v[i] = (guint8) va_arg (ap, int);
  va_end (ap);
  return v;
}

static void
test_type_names (void)
{
  static const struct { EaselColumnType type; const char *name; } names[] = {
    { EASEL_COLUMN_NUMERIC, "numeric" },
    { EASEL_COLUMN_CATEGORICAL, "categorical" },
    { EASEL_COLUMN_TEXT, "text" },
    { EASEL_COLUMN_BOOLEAN, "boolean" },
    { EASEL_COLUMN_DATETIME, "datetime" },
  };
  EaselColumnType type;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (easel_column_type_to_string (names[i].type), ==, names[i].name);
      type = EASEL_N_COLUMN_TYPES;
      g_assert_true (easel_column_type_from_string (names[i].name, &type));
      g_assert_cmpint (type, ==, names[i].type);
    }
  g_assert_false (easel_column_type_from_string ("integer", &type));
  g_assert_false (easel_column_type_from_string ("", &type));
}

static void
test_table_basic (void)
{
  g_autoptr (EaselTable) table = easel_table_new ();
  EaselTable *ref;
  EaselColumn *col;

  g_assert_cmpuint (easel_table_get_n_columns (table), ==, 0);
  g_assert_cmpuint (easel_table_get_n_rows (table), ==, 0);
  g_assert_null (easel_table_get_source (table));

  easel_table_add_column (table, easel_column_new_numeric ("x", 3, doubles (3, 1.0, 2.0, 3.0),
                                                           NULL));
  easel_table_add_column (table, easel_column_new_boolean ("flag", 3, bytes (3, 1, 0, 1), NULL));
  easel_table_add_column (table,
                          easel_column_new_datetime ("when", 3,
                                                     doubles (3, 0.0, 86400.0, 1325376000.0),
                                                     NULL, FALSE));

  g_assert_cmpuint (easel_table_get_n_columns (table), ==, 3);
  g_assert_cmpuint (easel_table_get_n_rows (table), ==, 3);
  g_assert_cmpint (easel_table_find_column (table, "x"), ==, 0);
  g_assert_cmpint (easel_table_find_column (table, "flag"), ==, 1);
  g_assert_cmpint (easel_table_find_column (table, "when"), ==, 2);
  g_assert_cmpint (easel_table_find_column (table, "missing"), ==, -1);
  g_assert_cmpint (easel_table_find_column (table, "X"), ==, -1);
  g_assert_cmpint (easel_table_find_column (table, ""), ==, -1);

  col = easel_table_get_column (table, 1);
  g_assert_cmpstr (col->name, ==, "flag");
  g_assert_cmpint (col->type, ==, EASEL_COLUMN_BOOLEAN);
  g_assert_cmpuint (col->n_missing, ==, 0);
  easel_test_check_table (table);

  easel_table_set_source (table, "iris.csv");
  g_assert_cmpstr (easel_table_get_source (table), ==, "iris.csv");
  easel_table_set_source (table, "other.csv");
  g_assert_cmpstr (easel_table_get_source (table), ==, "other.csv");

  ref = easel_table_ref (table);
  g_assert_true (ref == table);
  easel_table_unref (ref);
  /* still alive */
  g_assert_cmpuint (easel_table_get_n_columns (table), ==, 3);
}

static void
test_numeric_missing (void)
{
  g_autoptr (EaselColumn) col = easel_column_new_numeric ("v", 4,
                                                          doubles (4, 1.5, NAN, -2.0, NAN),
                                                          bytes (4, 0, 1, 0, 1));
  g_autoptr (GString) s = g_string_new ("<");

  easel_test_check_column (col, 4);
  g_assert_cmpuint (col->n_missing, ==, 2);
  g_assert_false (easel_column_is_missing (col, 0));
  g_assert_true (easel_column_is_missing (col, 1));
  g_assert_true (easel_column_is_missing (col, 3));
  easel_assert_cell (col, 0, "1.5");
  easel_assert_cell (col, 1, NULL);
  easel_assert_cell (col, 2, "-2");
  easel_assert_cell (col, 3, NULL);

  /* append_value appends nothing for a missing value, and appends (not replaces) otherwise */
  easel_column_append_value (col, 1, s);
  g_assert_cmpstr (s->str, ==, "<");
  easel_column_append_value (col, 0, s);
  g_string_append_c (s, '>');
  g_assert_cmpstr (s->str, ==, "<1.5>");
}

static void
test_format_numbers (void)
{
  static const struct { double v; const char *s; } exact[] = {
    { 0.1, "0.1" }, { 3.0, "3" }, { -3.0, "-3" }, { 0.0, "0" }, { 100.0, "100" },
    { 1.5, "1.5" }, { -2.25, "-2.25" }, { 0.30000000000000004, "0.30000000000000004" },
    { 1.0 / 3.0, "0.3333333333333333" }, { 123456789.0, "123456789" },
    { 2.0 / 3.0, "0.6666666666666666" }, { 9007199254740992.0, "9007199254740992" },
    { 1234.5678, "1234.5678" }, { 0.001, "0.001" }, { 5e-324, NULL }, { 1e21, NULL },
    { 1.7976931348623157e308, NULL }, { 1e-300, NULL }, { 2.2250738585072014e-308, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (exact); i++)
    {
      char buf[32];
      g_autoptr (EaselColumn) col =
        easel_column_new_numeric ("v", 1, doubles (1, exact[i].v), NULL);
      g_autofree char *cell = easel_column_dup_value (col, 0);

      easel_format_double (exact[i].v, buf);
      g_assert_cmpstr (cell, ==, buf);
      if (exact[i].s != NULL)
        g_assert_cmpstr (buf, ==, exact[i].s);
      /* reads back to the same double */
      easel_assert_same_double (strtod (buf, NULL), exact[i].v);
    }

  /* 1e21: any exponent form, not 22 digits */
  {
    char buf[32];

    easel_format_double (1e21, buf);
    if (g_strcmp0 (buf, "1e+21") != 0 && g_strcmp0 (buf, "1e21") != 0)
      g_error ("1e21 formatted as \"%s\"", buf);
  }
}

static void
test_format_negative_zero_and_infinity (void)
{
  char buf[32];
  double v;

  easel_format_double (-0.0, buf);
  v = strtod (buf, NULL);
  g_assert_cmpfloat (v, ==, 0.0);
  g_assert_true (signbit (v));

  easel_format_double (INFINITY, buf);
  g_assert_true (easel_parse_double (buf, strlen (buf), '.', &v));
  g_assert_true (isinf (v) && v > 0);
  easel_format_double (-INFINITY, buf);
  g_assert_true (easel_parse_double (buf, strlen (buf), '.', &v));
  g_assert_true (isinf (v) && v < 0);
}

/* Number of significant digits in a %g-style string. */
static int
significant_digits (const char *s)
{
  int n = 0;
  gboolean leading = TRUE;
  int trailing_zeros = 0;

  for (const char *p = s; *p && *p != 'e' && *p != 'E'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      if (leading && *p == '0')
        continue;
      leading = FALSE;
      n++;
      trailing_zeros = (*p == '0') ? trailing_zeros + 1 : 0;
    }
  /* "100" has 1 significant digit for the purpose of shortness */
  return MAX (1, n - trailing_zeros);
}

static void
test_format_shortest_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  guint n_not_round_trip = 0, n_not_shortest = 0;

  for (int i = 0; i < 100000; i++)
    {
      char buf[32];
      char shorter[64];
      guint64 bits;
      double d, back;
      int digits;

      if (i % 2 == 0)
        {
          do
            {
              bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
              memcpy (&d, &bits, sizeof d);
            }
          while (!isfinite (d));
        }
      else
        d = round (g_rand_double_range (rand, -1e5, 1e5) * 1000) / 1000;

      easel_format_double (d, buf);
      g_assert_cmpuint (strlen (buf), <, 32);
      back = strtod (buf, NULL);
      if (memcmp (&back, &d, sizeof d) != 0)
        {
          if (n_not_round_trip++ < 5)
            g_printerr ("%.17g formatted as \"%s\" which reads back as %.17g\n", d, buf, back);
          continue;
        }
      /* our own parser agrees */
      g_assert_true (easel_parse_double (buf, strlen (buf), '.', &back));
      easel_assert_same_double (back, d);

      /* shortest: one digit fewer does not read back */
      digits = significant_digits (buf);
      if (digits > 1)
        {
          g_snprintf (shorter, sizeof shorter, "%.*e", digits - 2, d);
          if (strtod (shorter, NULL) == d && n_not_shortest++ < 5)
            g_printerr ("%.17g formatted as \"%s\" but \"%s\" is shorter\n", d, buf, shorter);
        }
    }
  if (n_not_round_trip > 0 || n_not_shortest > 0)
    g_error ("of 100000 doubles, %u do not read back and %u are not the shortest form "
             "(examples on stderr)", n_not_round_trip, n_not_shortest);
}

static void
test_format_datetime (void)
{
  char buf[40];
  g_autoptr (EaselColumn) dates = NULL;
  g_autoptr (EaselColumn) times = NULL;

  easel_format_datetime (1325376000.0, FALSE, buf);
  g_assert_cmpstr (buf, ==, "2012-01-01");
  easel_format_datetime (1325406600.0, TRUE, buf);
  g_assert_cmpstr (buf, ==, "2012-01-01T08:30:00");
  easel_format_datetime (1325376000.0, TRUE, buf);
  g_assert_cmpstr (buf, ==, "2012-01-01T00:00:00");
  easel_format_datetime (-86400.0, FALSE, buf);
  g_assert_cmpstr (buf, ==, "1969-12-31");
  easel_format_datetime (1709164800.0, FALSE, buf);
  g_assert_cmpstr (buf, ==, "2024-02-29");
  easel_format_datetime (1356998399.0, TRUE, buf);
  g_assert_cmpstr (buf, ==, "2012-12-31T23:59:59");

  dates = easel_column_new_datetime ("d", 3, doubles (3, 1325376000.0, NAN, -86400.0),
                                     bytes (3, 0, 1, 0), FALSE);
  easel_test_check_column (dates, 3);
  g_assert_false (dates->has_time);
  easel_assert_cell (dates, 0, "2012-01-01");
  easel_assert_cell (dates, 1, NULL);
  easel_assert_cell (dates, 2, "1969-12-31");

  times = easel_column_new_datetime ("t", 2, doubles (2, 1325406600.0, 1325376000.0), NULL,
                                     TRUE);
  g_assert_true (times->has_time);
  easel_assert_cell (times, 0, "2012-01-01T08:30:00");
  easel_assert_cell (times, 1, "2012-01-01T00:00:00");

  /* what is written reads back */
  {
    double v;
    gboolean has_time;

    g_assert_true (easel_parse_datetime ("2012-01-01T08:30:00", 19, &v, &has_time));
    g_assert_cmpfloat (v, ==, 1325406600.0);
  }
}

static void
test_boolean_values (void)
{
  g_autoptr (EaselColumn) col = easel_column_new_boolean ("b", 3, bytes (3, 1, 0, 0),
                                                          bytes (3, 0, 0, 1));

  easel_test_check_column (col, 3);
  g_assert_cmpuint (col->n_missing, ==, 1);
  easel_assert_cell (col, 0, "true");
  easel_assert_cell (col, 1, "false");
  easel_assert_cell (col, 2, NULL);
}

static void
test_categorical (void)
{
  gint32 *codes = g_new (gint32, 5);
  char **cats = g_new (char *, 2);
  g_autoptr (EaselColumn) col = NULL;

  codes[0] = 1;
  codes[1] = 0;
  codes[2] = -1;
  codes[3] = 1;
  codes[4] = 0;
  cats[0] = g_strdup ("red");
  cats[1] = g_strdup ("blue, \"dark\"");
  col = easel_column_new_categorical ("colour", 5, codes, cats, 2);

  g_assert_cmpint (col->type, ==, EASEL_COLUMN_CATEGORICAL);
  g_assert_cmpuint (col->n_categories, ==, 2);
  /* a code of -1 is a missing value */
  g_assert_cmpuint (col->n_missing, ==, 1);
  g_assert_true (easel_column_is_missing (col, 2));
  easel_test_check_column (col, 5);
  g_assert_cmpstr (easel_column_get_string (col, 0), ==, "blue, \"dark\"");
  g_assert_cmpstr (easel_column_get_string (col, 1), ==, "red");
  g_assert_null (easel_column_get_string (col, 2));
  /* dup_value is the value itself; quoting is the CSV writer's business */
  easel_assert_cell (col, 0, "blue, \"dark\"");
  easel_assert_cell (col, 4, "red");
  easel_assert_cell (col, 2, NULL);
}

static void
test_text (void)
{
  static const char arena[] = "alpha\0\0caf\xc3\xa9\0";
  guint64 *offsets = g_new (guint64, 4);
  g_autoptr (EaselColumn) col = NULL;

  offsets[0] = 0;
  offsets[1] = 6;
  offsets[2] = 7;
  offsets[3] = 13;
  col = easel_column_new_text ("t", 3, offsets, g_memdup2 (arena, sizeof arena),
                               bytes (3, 0, 1, 0));
  g_assert_cmpint (col->type, ==, EASEL_COLUMN_TEXT);
  easel_test_check_column (col, 3);
  g_assert_cmpstr (easel_column_get_string (col, 0), ==, "alpha");
  g_assert_null (easel_column_get_string (col, 1));
  g_assert_cmpstr (easel_column_get_string (col, 2), ==, "caf\xc3\xa9");
  easel_assert_cell (col, 2, "caf\xc3\xa9");
  easel_assert_cell (col, 1, NULL);
}

static void
test_from_strings (void)
{
  static const char *const values[] = { "b", "a", "b", NULL, "c", "a", "" };
  g_autoptr (EaselColumn) cat =
    easel_column_new_from_strings ("c", EASEL_COLUMN_CATEGORICAL, values, 7);
  g_autoptr (EaselColumn) text =
    easel_column_new_from_strings ("t", EASEL_COLUMN_TEXT, values, 7);

  /* categorical: categories in first-seen order, NULL is missing */
  g_assert_cmpint (cat->type, ==, EASEL_COLUMN_CATEGORICAL);
  easel_test_check_column (cat, 7);
  g_assert_cmpuint (cat->n_categories, ==, 4);
  g_assert_cmpstr (cat->categories[0], ==, "b");
  g_assert_cmpstr (cat->categories[1], ==, "a");
  g_assert_cmpstr (cat->categories[2], ==, "c");
  g_assert_cmpstr (cat->categories[3], ==, "");
  g_assert_cmpint (cat->codes[0], ==, 0);
  g_assert_cmpint (cat->codes[1], ==, 1);
  g_assert_cmpint (cat->codes[2], ==, 0);
  g_assert_cmpint (cat->codes[3], ==, -1);
  g_assert_cmpint (cat->codes[4], ==, 2);
  g_assert_cmpint (cat->codes[5], ==, 1);
  g_assert_cmpint (cat->codes[6], ==, 3);
  g_assert_cmpuint (cat->n_missing, ==, 1);
  g_assert_true (easel_column_is_missing (cat, 3));
  g_assert_false (easel_column_is_missing (cat, 6));

  g_assert_cmpint (text->type, ==, EASEL_COLUMN_TEXT);
  easel_test_check_column (text, 7);
  for (gsize i = 0; i < 7; i++)
    g_assert_cmpstr (easel_column_get_string (text, i), ==, values[i]);
  g_assert_cmpuint (text->n_missing, ==, 1);
}

static void
test_memory_size (void)
{
  const gsize n = 1000;
  g_autoptr (EaselTable) table = easel_table_new ();
  EaselColumn *plain = easel_column_new_numeric ("a", n, g_new0 (double, n), NULL);
  EaselColumn *with_missing = easel_column_new_numeric ("b", n, g_new0 (double, n),
                                                        g_new0 (guint8, n));
  EaselColumn *flags = easel_column_new_boolean ("c", n, g_new0 (guint8, n), NULL);
  gsize a = easel_column_memory_size (plain);
  gsize b = easel_column_memory_size (with_missing);
  gsize c = easel_column_memory_size (flags);

  g_assert_cmpuint (a, >=, n * sizeof (double));
  g_assert_cmpuint (a, <, 2 * n * sizeof (double));
  g_assert_cmpuint (b, >=, a);
  g_assert_cmpuint (b, <, 3 * n * sizeof (double));
  g_assert_cmpuint (c, >=, n);
  g_assert_cmpuint (c, <, 4 * n);
  easel_table_add_column (table, plain);
  easel_table_add_column (table, with_missing);
  easel_table_add_column (table, flags);
  g_assert_cmpuint (easel_table_memory_size (table), >=, a + b + c);
  g_assert_cmpuint (easel_table_memory_size (table), <, 2 * (a + b + c));
}

static void
test_memory_size_text (void)
{
  g_autofree char *big = g_strnfill (10000, 'x');
  const char *values[] = { big, "y", big };
  g_autoptr (EaselColumn) text = easel_column_new_from_strings ("t", EASEL_COLUMN_TEXT,
                                                                values, 3);

  g_assert_cmpuint (easel_column_memory_size (text), >=, 20001);
  g_assert_cmpuint (easel_column_memory_size (text), <, 40000);
}

/* The shortest-text reference, the slow way: %.15g, %.16g, %.17g until it reads back. */
static void
format_reference (double value,
                  char   buf[32])
{
  for (int precision = fabs (value) < DBL_MIN ? 1 : 15; precision <= 17; precision++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, 32, format, value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

/* easel_format_double has a fast path for short decimals; it must print exactly what the
 * slow way prints, for decimals as CSV files hold them and for arbitrary doubles. */
static void
test_format_fast_path (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  char fast[32], slow[32];

  for (int k = 0; k < 300000; k++)
    {
      double v;
      switch (k % 4)
        {
        case 0:
          v = g_rand_int_range (rand, -1000000, 1000000) / pow (10, g_rand_int_range (rand, 0, 9));
          break;
        case 1:
          v = g_rand_double_range (rand, -1e6, 1e6);
          break;
        case 2:
          v = round (g_rand_double_range (rand, -1e12, 1e12));
          break;
        default:
          {
            char text[64];
            g_snprintf (text, sizeof text, "%.*f", g_rand_int_range (rand, 0, 7),
                        g_rand_double_range (rand, -1e5, 1e5));
            v = g_ascii_strtod (text, NULL);
          }
        }
      easel_format_double (v, fast);
      format_reference (v, slow);
      g_assert_cmpstr (fast, ==, slow);
      g_assert_cmpfloat (g_ascii_strtod (fast, NULL), ==, v);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  setlocale (LC_NUMERIC, "C");

  easel_test_add ("/table/type-names", test_type_names);
  easel_test_add ("/table/basic", test_table_basic);
  easel_test_add ("/table/numeric-missing", test_numeric_missing);
  easel_test_add ("/table/format/numbers", test_format_numbers);
  easel_test_add ("/table/format/negative-zero-infinity", test_format_negative_zero_and_infinity);
  easel_test_add ("/table/format/shortest-random", test_format_shortest_random);
  easel_test_add ("/table/format/datetime", test_format_datetime);
  easel_test_add ("/table/boolean", test_boolean_values);
  easel_test_add ("/table/categorical", test_categorical);
  easel_test_add ("/table/text", test_text);
  easel_test_add ("/table/from-strings", test_from_strings);
  easel_test_add ("/table/memory-size", test_memory_size);
  easel_test_add ("/table/memory-size-text", test_memory_size_text);

  easel_test_add ("/table/format/fast-path", test_format_fast_path);
  return g_test_run ();
}
