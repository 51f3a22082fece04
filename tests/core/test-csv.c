/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* The CSV reader and writer: RFC 4180, detection of delimiter, decimal mark, header and
 * types, encodings, bad input, parallel chunking, progress and cancel, round trips. */

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-test-util.h"

/* ---- helpers ---- */

/* Reads 'len' bytes (-1 = strlen) from a buffer of exactly that size, so that reading past
 * the end is caught by AddressSanitizer. */
static EaselTable *
read_csv_len (const char            *data,
              gssize                 len,
              const EaselCsvOptions *options,
              EaselCsvReport        *report,
              GError               **error)
{
  gsize n = len < 0 ? strlen (data) : (gsize) len;
  g_autofree char *copy = g_malloc (MAX (n, 1));

  memcpy (copy, data, n);
  return easel_csv_read_data ("test.csv", copy, n, options, report, NULL, NULL, error);
}

/* Reads text that must give a table, and checks the table's invariants. */
static EaselTable *
read_ok (const char            *data,
         const EaselCsvOptions *options,
         EaselCsvReport        *report)
{
  g_autoptr (GError) error = NULL;
  EaselTable *table = read_csv_len (data, -1, options, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  easel_test_check_table (table);
  return table;
}

/* Reads text that must fail with 'code'; returns the message. */
static char *
read_fails_len (const char            *data,
                gssize                 len,
                const EaselCsvOptions *options,
                int                    code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) table = read_csv_len (data, len, options, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, EASEL_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  return g_strdup (error->message);
}

static char *
read_fails (const char *data,
            int         code)
{
  return read_fails_len (data, -1, NULL, code);
}

static void
assert_names (const EaselTable *table,
              ...)
{
  va_list ap;
  guint i = 0;

  va_start (ap, table);
  for (const char *name = va_arg (ap, const char *); name; name = va_arg (ap, const char *))
    {
      g_assert_cmpuint (i, <, easel_table_get_n_columns (table));
      g_assert_cmpstr (easel_table_get_column (table, i)->name, ==, name);
      i++;
    }
  va_end (ap);
  g_assert_cmpuint (easel_table_get_n_columns (table), ==, i);
}

static void
assert_numeric (const EaselColumn *column,
                gsize              n,
                const double      *expected)
{
  g_assert_cmpint (column->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpuint (column->n_rows, ==, n);
  for (gsize i = 0; i < n; i++)
    {
      if (isnan (expected[i]))
        {
          g_assert_true (easel_column_is_missing (column, i));
          g_assert_true (isnan (column->num[i]));
        }
      else
        {
          g_assert_false (easel_column_is_missing (column, i));
          easel_assert_same_double (column->num[i], expected[i]);
        }
    }
}

/* Every cell of two tables is the same text, the types and names are the same. */
static void
assert_tables_equal (const EaselTable *a,
                     const EaselTable *b)
{
  g_assert_cmpuint (easel_table_get_n_columns (a), ==, easel_table_get_n_columns (b));
  g_assert_cmpuint (easel_table_get_n_rows (a), ==, easel_table_get_n_rows (b));
  for (guint c = 0; c < easel_table_get_n_columns (a); c++)
    {
      const EaselColumn *x = easel_table_get_column (a, c);
      const EaselColumn *y = easel_table_get_column (b, c);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpuint (x->n_missing, ==, y->n_missing);
      for (gsize r = 0; r < x->n_rows; r++)
        {
          g_autofree char *u = easel_column_dup_value (x, r);
          g_autofree char *v = easel_column_dup_value (y, r);

          if (g_strcmp0 (u, v) != 0)
            g_error ("column \"%s\" row %" G_GSIZE_FORMAT ": \"%s\" != \"%s\"",
                     x->name, r, u ? u : "(missing)", v ? v : "(missing)");
          g_assert_cmpint (easel_column_is_missing (x, r), ==, easel_column_is_missing (y, r));
          if (x->type == EASEL_COLUMN_NUMERIC || x->type == EASEL_COLUMN_DATETIME)
            if (!easel_column_is_missing (x, r))
              easel_assert_same_double (x->num[r], y->num[r]);
        }
    }
}

static char *
make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("easel-test-csv-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tmp (const char *dir,
            const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_unlink (path);
}

/* ---- options ---- */

static void
test_options_init (void)
{
  EaselCsvOptions options;
  const char *const *na = easel_csv_default_na_values ();
  static const char *const expected_na[] = { "", "NA", "N/A", "NaN", "null", "NULL", "?" };

  memset (&options, 0x5a, sizeof options);
  easel_csv_options_init (&options);
  g_assert_cmpint (options.delimiter, ==, 0);
  g_assert_cmpint (options.decimal, ==, 0);
  g_assert_cmpint (options.header, ==, EASEL_HEADER_AUTO);
  g_assert_cmpint (options.encoding, ==, EASEL_ENCODING_AUTO);
  g_assert_null (options.na_values);
  g_assert_null (options.type_names);
  g_assert_null (options.types);
  g_assert_cmpuint (options.n_threads, ==, 0);

  g_assert_nonnull (na);
  for (gsize i = 0; i < G_N_ELEMENTS (expected_na); i++)
    g_assert_true (g_strv_contains (na, expected_na[i]));
}

/* ---- RFC 4180 ---- */

static void
test_rfc4180_quotes (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t =
    read_ok ("a,b,n\n\"x,y\",\"p\"\"q\",1\n\"line1\nline2\",z,2\n\"\",\"\"\"\",3\nlast,row,4\n",
             NULL, &report);
  EaselColumn *a, *b;

  assert_names (t, "a", "b", "n", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 4);
  a = easel_test_column (t, "a");
  b = easel_test_column (t, "b");
  easel_assert_cell (a, 0, "x,y");
  easel_assert_cell (b, 0, "p\"q");
  easel_assert_cell (a, 1, "line1\nline2");
  easel_assert_cell (b, 1, "z");
  /* a quoted empty field is an empty string, which is a missing value by default */
  easel_assert_cell (a, 2, NULL);
  easel_assert_cell (b, 2, "\"");
  easel_assert_cell (a, 3, "last");
  easel_assert_cell (b, 3, "row");
  assert_numeric (easel_test_column (t, "n"), 4, (double[]) { 1, 2, 3, 4 });
  g_assert_cmpint (report.delimiter, ==, ',');
  g_assert_true (report.has_header);
  easel_csv_report_clear (&report);
}

static void
test_rfc4180_crlf (void)
{
  g_autoptr (EaselTable) t = read_ok ("a,b\r\n1,x\r\n2,\"y\"\r\n3,z\r\n", NULL, NULL);
  EaselColumn *b;

  assert_names (t, "a", "b", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 3);
  assert_numeric (easel_test_column (t, "a"), 3, (double[]) { 1, 2, 3 });
  b = easel_test_column (t, "b");
  easel_assert_cell (b, 0, "x");
  easel_assert_cell (b, 1, "y");
  easel_assert_cell (b, 2, "z");
}

static void
test_rfc4180_bom (void)
{
  g_autoptr (EaselTable) t = read_ok ("\xEF\xBB\xBFid,name\n1,a\n2,b\n", NULL, NULL);

  assert_names (t, "id", "name", NULL);
  assert_numeric (easel_test_column (t, "id"), 2, (double[]) { 1, 2 });
}

static void
test_rfc4180_no_final_newline (void)
{
  g_autoptr (EaselTable) t = read_ok ("a,b\n1,2\n3,4", NULL, NULL);
  g_autoptr (EaselTable) q = read_ok ("a,b\n1,2\n3,\"x\"", NULL, NULL);

  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
  assert_numeric (easel_test_column (t, "a"), 2, (double[]) { 1, 3 });
  assert_numeric (easel_test_column (t, "b"), 2, (double[]) { 2, 4 });
  g_assert_cmpuint (easel_table_get_n_rows (q), ==, 2);
  easel_assert_cell (easel_test_column (q, "b"), 1, "x");
}

static void
test_rfc4180_blank_lines (void)
{
  g_autoptr (EaselTable) t = read_ok ("a,b\n1,2\n3,4\n\n\n", NULL, NULL);
  g_autoptr (EaselTable) crlf = read_ok ("a,b\r\n1,2\r\n\r\n\r\n", NULL, NULL);
  /* pandas (skip_blank_lines=True) also skips blank lines between rows */
  g_autoptr (EaselTable) middle = read_ok ("a,b\n1,2\n\n3,4\n", NULL, NULL);

  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
  assert_numeric (easel_test_column (t, "b"), 2, (double[]) { 2, 4 });
  g_assert_cmpuint (easel_table_get_n_rows (crlf), ==, 1);
  assert_numeric (easel_test_column (crlf, "b"), 1, (double[]) { 2 });
  g_assert_cmpuint (easel_table_get_n_rows (middle), ==, 2);
  assert_numeric (easel_test_column (middle, "a"), 2, (double[]) { 1, 3 });
}

static void
test_quote_inside_unquoted_field (void)
{
  g_autoptr (EaselTable) t =
    read_ok ("name,height,n\nbob,5'11\",1\namy,6'0\",2\nzed,a\"b\"c,3\n", NULL, NULL);
  EaselColumn *h = easel_test_column (t, "height");

  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 3);
  easel_assert_cell (h, 0, "5'11\"");
  easel_assert_cell (h, 1, "6'0\"");
  easel_assert_cell (h, 2, "a\"b\"c");
  assert_numeric (easel_test_column (t, "n"), 3, (double[]) { 1, 2, 3 });
}

/* ---- delimiters and decimal marks ---- */

static void
check_delimiter (const char *data,
                 char        delimiter)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok (data, NULL, &report);

  g_assert_cmpint (report.delimiter, ==, delimiter);
  assert_names (t, "a", "b", "c", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
  assert_numeric (easel_test_column (t, "a"), 2, (double[]) { 1, 4 });
  assert_numeric (easel_test_column (t, "c"), 2, (double[]) { 3, 6 });
  easel_csv_report_clear (&report);
}

static void
test_delimiter_detection (void)
{
  check_delimiter ("a,b,c\n1,2,3\n4,5,6\n", ',');
  check_delimiter ("a;b;c\n1;2;3\n4;5;6\n", ';');
  check_delimiter ("a\tb\tc\n1\t2\t3\n4\t5\t6\n", '\t');
  check_delimiter ("a|b|c\n1|2|3\n4|5|6\n", '|');
  /* commas inside quoted fields do not fool the detection */
  check_delimiter ("a;b;c\n1;\"x,y,z\";3\n4;\"p,q,r\";6\n", ';');
  check_delimiter ("a\tb\tc\n1\tx, y, z\t3\n4\tp, q\t6\n", '\t');
}

static void
test_delimiter_forced (void)
{
  EaselCsvOptions options;
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = NULL;

  easel_csv_options_init (&options);
  options.delimiter = ';';
  t = read_ok ("a,b;c\nx,y;3\n", &options, &report);
  g_assert_cmpint (report.delimiter, ==, ';');
  assert_names (t, "a,b", "c", NULL);
  easel_assert_cell (easel_test_column (t, "a,b"), 0, "x,y");
  easel_csv_report_clear (&report);
}

static void
test_decimal_comma (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("x;y\n1,5;2\n3,25;4\n-0,125;5\n", NULL, &report);

  g_assert_cmpint (report.delimiter, ==, ';');
  g_assert_cmpint (report.decimal, ==, ',');
  assert_numeric (easel_test_column (t, "x"), 3, (double[]) { 1.5, 3.25, -0.125 });
  assert_numeric (easel_test_column (t, "y"), 3, (double[]) { 2, 4, 5 });
  easel_csv_report_clear (&report);
}

static void
test_decimal_point_with_semicolons (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("x;y\n1.5;2\n3.25;4\n0.1;5\n", NULL, &report);

  g_assert_cmpint (report.delimiter, ==, ';');
  g_assert_cmpint (report.decimal, ==, '.');
  assert_numeric (easel_test_column (t, "x"), 3, (double[]) { 1.5, 3.25, 0.1 });
  easel_csv_report_clear (&report);
}

static void
test_spaces_around_numbers (void)
{
  g_autoptr (EaselTable) t = read_ok ("x,y\n 1 , 2 \n3,\t4\t\n", NULL, NULL);

  assert_numeric (easel_test_column (t, "x"), 2, (double[]) { 1, 3 });
  assert_numeric (easel_test_column (t, "y"), 2, (double[]) { 2, 4 });
}

static void
test_single_column (void)
{
  g_autoptr (EaselTable) t = read_ok ("value\n1\n2.5\n-3\n", NULL, NULL);

  assert_names (t, "value", NULL);
  assert_numeric (easel_test_column (t, "value"), 3, (double[]) { 1, 2.5, -3 });
}

/* ---- header ---- */

static void
test_header_detected (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("a,b\n1,2\n", NULL, &report);

  g_assert_true (report.has_header);
  assert_names (t, "a", "b", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 1);
  easel_csv_report_clear (&report);
}

static void
test_header_absent (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("1,2\n3,4\n", NULL, &report);

  g_assert_false (report.has_header);
  assert_names (t, "column_1", "column_2", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
  assert_numeric (easel_test_column (t, "column_1"), 2, (double[]) { 1, 3 });
  assert_numeric (easel_test_column (t, "column_2"), 2, (double[]) { 2, 4 });
  easel_csv_report_clear (&report);
}

static void
test_header_forced (void)
{
  EaselCsvOptions options;
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) yes = NULL;
  g_autoptr (EaselTable) no = NULL;
  EaselColumn *c1;

  easel_csv_options_init (&options);
  options.header = EASEL_HEADER_YES;
  yes = read_ok ("1,2\n3,4\n", &options, &report);
  g_assert_true (report.has_header);
  assert_names (yes, "1", "2", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (yes), ==, 1);
  assert_numeric (easel_test_column (yes, "1"), 1, (double[]) { 3 });
  easel_csv_report_clear (&report);

  options.header = EASEL_HEADER_NO;
  no = read_ok ("a,b\n1,2\n", &options, &report);
  g_assert_false (report.has_header);
  assert_names (no, "column_1", "column_2", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (no), ==, 2);
  c1 = easel_test_column (no, "column_1");
  g_assert_cmpint (c1->type, !=, EASEL_COLUMN_NUMERIC);
  easel_assert_cell (c1, 0, "a");
  easel_assert_cell (c1, 1, "1");
  easel_csv_report_clear (&report);
}

static void
test_header_only (void)
{
  g_autoptr (EaselTable) t = read_ok ("a,b,c\n", NULL, NULL);
  g_autoptr (EaselTable) u = read_ok ("a,b,c", NULL, NULL);

  assert_names (t, "a", "b", "c", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 0);
  assert_names (u, "a", "b", "c", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (u), ==, 0);
}

static void
test_duplicate_names (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("a,a,a,b\n1,2,3,4\n", NULL, &report);
  g_autoptr (EaselTable) u = NULL;

  assert_names (t, "a", "a.1", "a.2", "b", NULL);
  assert_numeric (easel_test_column (t, "a.2"), 1, (double[]) { 3 });
  if (report.warnings == NULL || report.warnings->len == 0)
    g_error ("no warning about duplicate column names");
  easel_csv_report_clear (&report);

  /* a made-up name that already exists is skipped over: names stay unique */
  u = read_ok ("a,a.1,a\n1,2,3\n", NULL, NULL);
  g_assert_cmpstr (easel_table_get_column (u, 0)->name, ==, "a");
  g_assert_cmpstr (easel_table_get_column (u, 1)->name, ==, "a.1");
  g_assert_cmpstr (easel_table_get_column (u, 2)->name, !=, "a");
  g_assert_cmpstr (easel_table_get_column (u, 2)->name, !=, "a.1");
}

static void
test_empty_names (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("a,,c\n1,2,3\n", NULL, &report);

  assert_names (t, "a", "column_2", "c", NULL);
  assert_numeric (easel_test_column (t, "column_2"), 1, (double[]) { 2 });
  g_assert_nonnull (report.warnings);
  g_assert_cmpuint (report.warnings->len, >=, 1);
  easel_csv_report_clear (&report);
}

/* ---- missing values ---- */

static void
test_missing_default (void)
{
  g_autoptr (EaselTable) t =
    read_ok ("v,w\n1,a\n,b\nNA,c\nN/A,d\nNaN,e\nnull,f\nNULL,g\n?,h\n2.5,i\n", NULL, NULL);
  g_autoptr (EaselTable) s = read_ok ("s,t\nfoo,1\nNA,2\nbar,3\n,4\n", NULL, NULL);
  EaselColumn *v = easel_test_column (t, "v");

  assert_numeric (v, 9, (double[]) { 1, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 2.5 });
  g_assert_cmpuint (v->n_missing, ==, 7);
  g_assert_nonnull (v->missing);

  /* in a string column too */
  easel_assert_cell (easel_test_column (s, "s"), 0, "foo");
  easel_assert_cell (easel_test_column (s, "s"), 1, NULL);
  easel_assert_cell (easel_test_column (s, "s"), 2, "bar");
  easel_assert_cell (easel_test_column (s, "s"), 3, NULL);
  g_assert_cmpuint (easel_test_column (s, "s")->n_missing, ==, 2);
}

static void
test_missing_one_in_numbers (void)
{
  g_autoptr (EaselTable) t = read_ok ("x\n1\nNA\n3\n", NULL, NULL);
  EaselColumn *x = easel_test_column (t, "x");

  assert_numeric (x, 3, (double[]) { 1, NAN, 3 });
  g_assert_cmpuint (x->n_missing, ==, 1);
  g_assert_true (x->missing[1]);
  g_assert_false (x->missing[0]);
}

static void
test_missing_custom (void)
{
  EaselCsvOptions options;
  char *na[] = { (char *) "-999", NULL };
  g_autoptr (EaselTable) t = NULL;
  EaselColumn *w;

  easel_csv_options_init (&options);
  options.na_values = na;
  t = read_ok ("v,w\n1,NA\n-999,b\n3,c\n", &options, NULL);
  assert_numeric (easel_test_column (t, "v"), 3, (double[]) { 1, NAN, 3 });
  w = easel_test_column (t, "w");
  easel_assert_cell (w, 0, "NA");
  g_assert_false (easel_column_is_missing (w, 0));
  g_assert_cmpuint (w->n_missing, ==, 0);
}

/* ---- types ---- */

static void
test_types_categorical (void)
{
  static const char *const colours[] = { "green", "red", "blue" };
  g_autoptr (GString) s = g_string_new ("colour,n\n");
  g_autoptr (EaselTable) t = NULL;
  EaselColumn *c;

  for (int i = 0; i < 100; i++)
    g_string_append_printf (s, "%s,%d\n", colours[i % 3], i);
  t = read_ok (s->str, NULL, NULL);
  c = easel_test_column (t, "colour");
  g_assert_cmpint (c->type, ==, EASEL_COLUMN_CATEGORICAL);
  g_assert_cmpuint (c->n_categories, ==, 3);
  for (int k = 0; k < 3; k++)
    g_assert_cmpstr (c->categories[k], ==, colours[k]);
  for (int i = 0; i < 100; i++)
    g_assert_cmpint (c->codes[i], ==, i % 3);
  g_assert_cmpint (easel_test_column (t, "n")->type, ==, EASEL_COLUMN_NUMERIC);
}

static void
test_types_text (void)
{
  g_autoptr (GString) s = g_string_new ("name,n\n");
  g_autoptr (EaselTable) t = NULL;
  EaselColumn *c;

  for (int i = 0; i < 100; i++)
    g_string_append_printf (s, "Person number %d,%d\n", i * 7, i);
  t = read_ok (s->str, NULL, NULL);
  c = easel_test_column (t, "name");
  g_assert_cmpint (c->type, ==, EASEL_COLUMN_TEXT);
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Person number %d", i * 7);

      g_assert_cmpstr (easel_column_get_string (c, i), ==, expected);
    }
}

static void
test_types_boolean (void)
{
  g_autoptr (EaselTable) t =
    read_ok ("flag,yn,n\ntrue,yes,1\nFALSE,No,2\nTrue,YES,3\nfalse,no,4\nTRUE,,5\n", NULL, NULL);
  EaselColumn *flag = easel_test_column (t, "flag");
  EaselColumn *yn = easel_test_column (t, "yn");
  static const guint8 expected[] = { 1, 0, 1, 0, 1 };

  g_assert_cmpint (flag->type, ==, EASEL_COLUMN_BOOLEAN);
  g_assert_cmpint (yn->type, ==, EASEL_COLUMN_BOOLEAN);
  for (int i = 0; i < 5; i++)
    g_assert_cmpuint (flag->bools[i], ==, expected[i]);
  for (int i = 0; i < 4; i++)
    g_assert_cmpuint (yn->bools[i], ==, expected[i]);
  g_assert_true (easel_column_is_missing (yn, 4));
  g_assert_cmpuint (yn->n_missing, ==, 1);
  easel_assert_cell (flag, 0, "true");
  easel_assert_cell (flag, 1, "false");
}

static void
test_types_datetime (void)
{
  g_autoptr (EaselTable) t =
    read_ok ("d,t,n\n2012-01-01,2012-01-01T08:30:00,1\n2012-01-02,2012-01-01 09:00:00,2\n"
             ",2012-01-01T10:00:00,3\n1969-12-31,2012-01-01T08:30:00Z,4\n", NULL, NULL);
  EaselColumn *d = easel_test_column (t, "d");
  EaselColumn *tm = easel_test_column (t, "t");

  g_assert_cmpint (d->type, ==, EASEL_COLUMN_DATETIME);
  g_assert_false (d->has_time);
  g_assert_cmpfloat (d->num[0], ==, 1325376000.0);
  g_assert_cmpfloat (d->num[1], ==, 1325462400.0);
  g_assert_true (easel_column_is_missing (d, 2));
  g_assert_cmpfloat (d->num[3], ==, -86400.0);
  easel_assert_cell (d, 1, "2012-01-02");

  g_assert_cmpint (tm->type, ==, EASEL_COLUMN_DATETIME);
  g_assert_true (tm->has_time);
  g_assert_cmpfloat (tm->num[0], ==, 1325406600.0);
  g_assert_cmpfloat (tm->num[1], ==, 1325408400.0);
  g_assert_cmpfloat (tm->num[2], ==, 1325412000.0);
  g_assert_cmpfloat (tm->num[3], ==, 1325406600.0);
  easel_assert_cell (tm, 0, "2012-01-01T08:30:00");
}

static void
test_types_mixed (void)
{
  /* A column that is mostly numbers or dates but has a word stays a string column:
   * nothing is silently turned into a missing value. */
  g_autoptr (EaselTable) t =
    read_ok ("v,d\n1,2012-01-01\n2,hello\nabc,2012-01-03\n", NULL, NULL);
  EaselColumn *v = easel_test_column (t, "v");
  EaselColumn *d = easel_test_column (t, "d");

  g_assert_true (v->type == EASEL_COLUMN_CATEGORICAL || v->type == EASEL_COLUMN_TEXT);
  easel_assert_cell (v, 0, "1");
  easel_assert_cell (v, 2, "abc");
  g_assert_cmpuint (v->n_missing, ==, 0);
  g_assert_true (d->type == EASEL_COLUMN_CATEGORICAL || d->type == EASEL_COLUMN_TEXT);
  easel_assert_cell (d, 1, "hello");
  easel_assert_cell (d, 2, "2012-01-03");
}

static void
test_types_all_missing_and_binary_numbers (void)
{
  g_autoptr (EaselTable) t = read_ok ("a,b,z\n1,,0\n2,NA,1\n3,,1\n4,,0\n", NULL, NULL);
  EaselColumn *b = easel_test_column (t, "b");
  EaselColumn *z = easel_test_column (t, "z");

  g_assert_cmpint (b->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpuint (b->n_missing, ==, 4);
  assert_numeric (z, 4, (double[]) { 0, 1, 1, 0 });
}

static void
test_types_override (void)
{
  EaselCsvOptions options;
  EaselCsvReport report = { 0 };
  char *names[] = { (char *) "n", (char *) "score_text", NULL };
  EaselColumnType types[] = { EASEL_COLUMN_CATEGORICAL, EASEL_COLUMN_NUMERIC };
  g_autoptr (EaselTable) t = NULL;
  g_autofree char *dump = NULL;
  EaselColumn *n;

  easel_csv_options_init (&options);
  options.type_names = names;
  options.types = types;
  t = read_ok ("n,score_text,z\n1,abc,1\n2,5,2\n1,xyz,3\n3,7,4\n2,foo,5\n", &options, &report);

  n = easel_test_column (t, "n");
  g_assert_cmpint (n->type, ==, EASEL_COLUMN_CATEGORICAL);
  g_assert_cmpuint (n->n_categories, ==, 3);
  g_assert_cmpstr (n->categories[0], ==, "1");
  g_assert_cmpstr (n->categories[1], ==, "2");
  g_assert_cmpstr (n->categories[2], ==, "3");
  g_assert_cmpint (n->codes[0], ==, 0);
  g_assert_cmpint (n->codes[1], ==, 1);
  g_assert_cmpint (n->codes[2], ==, 0);
  g_assert_cmpint (n->codes[3], ==, 2);
  g_assert_cmpint (n->codes[4], ==, 1);

  assert_numeric (easel_test_column (t, "score_text"), 5,
                  (double[]) { NAN, 5, NAN, 7, NAN });
  g_assert_cmpint (easel_test_column (t, "z")->type, ==, EASEL_COLUMN_NUMERIC);

  dump = easel_test_report_dump (&report);
  if (!easel_test_report_has_warning (&report, "3", "score_text", NULL))
    g_error ("no warning names the column and the count of unreadable values: %s", dump);
  easel_csv_report_clear (&report);
}

/* ---- encodings ---- */

static void
test_encoding_latin1_auto (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("name,n\ncaf\xe9,1\n\x80uro,2\n\x93q\x94,3\n", NULL, &report);
  EaselColumn *name = easel_test_column (t, "name");

  easel_assert_cell (name, 0, "caf\xc3\xa9");
  easel_assert_cell (name, 1, "\xe2\x82\xac" "uro");  /* € */
  easel_assert_cell (name, 2, "\xe2\x80\x9cq\xe2\x80\x9d");  /* “q” */
  g_assert_cmpint (report.encoding, ==, EASEL_ENCODING_LATIN1);
  g_assert_nonnull (report.warnings);
  g_assert_cmpuint (report.warnings->len, >=, 1);
  easel_csv_report_clear (&report);
}

static void
test_encoding_utf8_auto (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("\xEF\xBB\xBFname,n\ncaf\xc3\xa9,1\n", NULL, &report);

  easel_assert_cell (easel_test_column (t, "name"), 0, "caf\xc3\xa9");
  g_assert_cmpint (report.encoding, ==, EASEL_ENCODING_UTF8);
  easel_csv_report_clear (&report);
}

static void
test_encoding_utf8_forced (void)
{
  EaselCsvOptions options;
  g_autofree char *message = NULL;

  easel_csv_options_init (&options);
  options.encoding = EASEL_ENCODING_UTF8;
  message = read_fails_len ("name,n\ncaf\xe9,1\n", -1, &options, EASEL_ERROR_ENCODING);
  easel_assert_line (message, 2);
}

static void
test_encoding_latin1_forced (void)
{
  EaselCsvOptions options;
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = NULL;

  easel_csv_options_init (&options);
  options.encoding = EASEL_ENCODING_LATIN1;
  /* valid UTF-8 read as Windows-1252 on purpose gives two characters */
  t = read_ok ("name,n\ncaf\xc3\xa9,1\n", &options, &report);
  easel_assert_cell (easel_test_column (t, "name"), 0, "caf\xc3\x83\xc2\xa9");
  g_assert_cmpint (report.encoding, ==, EASEL_ENCODING_LATIN1);
  easel_csv_report_clear (&report);
}

/* ---- bad input ---- */

static void
test_bad_empty (void)
{
  static const char *const cases[] = { "", "\xEF\xBB\xBF", "   \n\n \r\n", "\n\n\n", "\r\n" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free (read_fails (cases[i], EASEL_ERROR_EMPTY));
}

static void
test_bad_short_row (void)
{
  EaselCsvReport report = { 0 };
  g_autoptr (EaselTable) t = read_ok ("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10\n", NULL, &report);
  g_autofree char *dump = easel_test_report_dump (&report);

  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 4);
  assert_numeric (easel_test_column (t, "b"), 4, (double[]) { 2, 5, 7, 10 });
  assert_numeric (easel_test_column (t, "c"), 4, (double[]) { 3, NAN, 8, NAN });
  if (!easel_test_report_names_line (&report, 3))
    g_error ("no warning names line 3: %s", dump);
  easel_csv_report_clear (&report);
}

static void
test_bad_long_row (void)
{
  g_autofree char *m1 = read_fails ("a,b\n1,2\n3,4,5\n6,7\n", EASEL_ERROR_PARSE);
  g_autofree char *m2 = read_fails ("a,b\n1,2\n3,4,,5\n", EASEL_ERROR_PARSE);
  /* pandas counts lines in the file, so a quoted newline earlier moves the number on */
  g_autofree char *m3 = read_fails ("a,b\n\"x\ny\",1\n2,3,4\n", EASEL_ERROR_PARSE);
  g_autofree char *m4 = read_fails ("a,b\n1,2\n3,4,5\n", EASEL_ERROR_PARSE);

  easel_assert_line (m1, 3);
  easel_assert_line (m2, 3);
  easel_assert_line (m3, 4);
  easel_assert_contains (m4, "test.csv");
}

static void
test_trailing_delimiter (void)
{
  g_autoptr (EaselTable) t = read_ok ("a,b\n1,2,\n3,4,\n", NULL, NULL);
  g_autoptr (EaselTable) u = read_ok ("a,b\n1,2,,\n3,4\n", NULL, NULL);

  assert_names (t, "a", "b", NULL);
  assert_numeric (easel_test_column (t, "a"), 2, (double[]) { 1, 3 });
  assert_numeric (easel_test_column (t, "b"), 2, (double[]) { 2, 4 });
  assert_names (u, "a", "b", NULL);
  assert_numeric (easel_test_column (u, "b"), 2, (double[]) { 2, 4 });
}

static void
test_bad_unterminated_quote (void)
{
  g_autofree char *m1 = read_fails ("a,b\n1,2\n\"3,4\n5,6\n", EASEL_ERROR_PARSE);
  g_autofree char *m2 = read_fails ("a,b\n1,2\n3,4\n5,\"6", EASEL_ERROR_PARSE);

  easel_assert_line (m1, 3);
  easel_assert_line (m2, 4);
}

static void
test_bad_nul (void)
{
  static const char data[] = "a,b\n1,2\n3\0,4\n";
  g_autofree char *message = read_fails_len (data, sizeof data - 1, NULL, EASEL_ERROR_BINARY);

  easel_assert_line (message, 3);
}

static void
check_garbage (const char *data,
               gsize       len,
               guint       n_threads)
{
  EaselCsvOptions options;
  EaselCsvReport report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) t = NULL;

  easel_csv_options_init (&options);
  options.n_threads = n_threads;
  t = read_csv_len (data, len, &options, &report, &error);
  if (t != NULL)
    {
      g_assert_no_error (error);
      easel_test_check_table (t);
    }
  else
    {
      g_assert_nonnull (error);
      if (error->domain != EASEL_ERROR ||
          (error->code != EASEL_ERROR_BINARY && error->code != EASEL_ERROR_PARSE &&
           error->code != EASEL_ERROR_ENCODING && error->code != EASEL_ERROR_EMPTY))
        g_error ("unexpected error %s %d: %s", g_quark_to_string (error->domain), error->code,
                 error->message);
      g_assert_cmpstr (error->message, !=, "");
      if (error->code == EASEL_ERROR_PARSE || error->code == EASEL_ERROR_BINARY)
        easel_assert_contains (error->message, "line");
    }
  easel_csv_report_clear (&report);
}

static void
test_bad_random_binary (void)
{
  const gsize len = 1 << 20;
  g_autofree char *data = g_malloc (len);

  for (guint32 seed = 1; seed <= 5; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

      for (gsize i = 0; i < len; i++)
        data[i] = (char) g_rand_int_range (rand, 0, 256);
      check_garbage (data, len, seed % 2 ? 1 : 4);
    }
}

static void
test_bad_random_text (void)
{
  /* CSV-ish characters in random order hit the parser's corners far more often. */
  static const char alphabet[] = ",;|\t\"\"\"\n\n\r a1.-e9\xc3\xa9\xe9";
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);

  for (int k = 0; k < 3000; k++)
    {
      gsize len = g_rand_int_range (rand, 0, k < 2900 ? 64 : 200000);
      g_autofree char *data = g_malloc (MAX (len, 1));

      for (gsize i = 0; i < len; i++)
        data[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      check_garbage (data, len, k % 3 + 1);
    }
}

static void
test_huge_field (void)
{
  const gsize field_len = 30 * 1024 * 1024;
  g_autofree char *field = g_malloc (field_len + 1);
  g_autoptr (GString) data = g_string_sized_new (field_len + 64);
  g_autoptr (EaselTable) t = NULL;
  const char *value;

  for (gsize i = 0; i < field_len; i++)
    field[i] = (i % 1000 == 999) ? ',' : (i % 100000 == 99999) ? '\n' : 'a' + (char) (i % 26);
  field[field_len] = '\0';
  g_string_append (data, "a,b\n\"");
  g_string_append_len (data, field, field_len);
  g_string_append (data, "\",1\nsmall,2\n");

  t = read_ok (data->str, NULL, NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
  value = easel_column_get_string (easel_test_column (t, "a"), 0);
  g_assert_nonnull (value);
  g_assert_cmpuint (strlen (value), ==, field_len);
  g_assert_true (memcmp (value, field, field_len) == 0);
  g_assert_cmpstr (easel_column_get_string (easel_test_column (t, "a"), 1), ==, "small");
  assert_numeric (easel_test_column (t, "b"), 2, (double[]) { 1, 2 });
}

static void
test_many_columns (void)
{
  const guint n_cols = 20000;
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (EaselTable) t = NULL;

  for (guint c = 0; c < n_cols; c++)
    g_string_append_printf (s, "%sc%u", c ? "," : "", c);
  g_string_append_c (s, '\n');
  for (guint r = 0; r < 3; r++)
    {
      for (guint c = 0; c < n_cols; c++)
        g_string_append_printf (s, "%s%u", c ? "," : "", r * n_cols + c);
      g_string_append_c (s, '\n');
    }
  t = read_ok (s->str, NULL, NULL);
  g_assert_cmpuint (easel_table_get_n_columns (t), ==, n_cols);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 3);
  for (guint c = 0; c < n_cols; c += 997)
    {
      g_autofree char *name = g_strdup_printf ("c%u", c);
      EaselColumn *col = easel_table_get_column (t, c);

      g_assert_cmpstr (col->name, ==, name);
      assert_numeric (col, 3, (double[]) { c, n_cols + c, 2 * n_cols + c });
    }
  g_assert_cmpstr (easel_table_get_column (t, n_cols - 1)->name, ==, "c19999");
  g_assert_cmpint (easel_table_find_column (t, "c12345"), ==, 12345);
}

/* ---- parallel chunking ---- */

static const char *const categories[] = { "alpha", "beta", "gamma", "delta", "epsilon" };

static void
append_big_row (GString *s,
                gsize    i)
{
  g_string_append_printf (s, "%" G_GSIZE_FORMAT ",\"Last, First %" G_GSIZE_FORMAT "\",", i, i);
  switch (i % 7)
    {
    case 0:
      g_string_append_printf (s, "\"first line\nsecond, \"\"quoted\"\" %" G_GSIZE_FORMAT
                              "\n\"", i);
      break;
    case 1:
      g_string_append_printf (s, "\"\"\"\"\"\n%" G_GSIZE_FORMAT ",\"\"\"", i);
      break;
    case 2:
      g_string_append_printf (s, "\"\r\n%" G_GSIZE_FORMAT ",x,y,z,w\n\"", i);
      break;
    default:
      g_string_append_printf (s, "plain %" G_GSIZE_FORMAT, i);
    }
  if (i % 50 == 0)
    g_string_append_c (s, ',');
  else
    g_string_append_printf (s, ",%.17g", ((double) i * 0.37 - 1000.0) / 3.0);
  g_string_append_printf (s, ",%s,%s", categories[i % 5], i % 3 ? "false" : "true");
  g_string_append (s, i % 11 == 0 ? "\r\n" : "\n");
}

static guint64
count_newlines (const char *p,
                gsize       len)
{
  guint64 n = 0;

  for (gsize i = 0; i < len; i++)
    n += p[i] == '\n';
  return n;
}

/* The big file, with rows bad_rows[k] replaced by bad_texts[k] (which may hold NUL bytes:
 * bad_lens[k] bytes). bad_lines[k] gets the line in the file where that row starts. */
static GString *
make_big_csv_with (gsize              n_rows,
                   guint              n_bad,
                   const gsize       *bad_rows,
                   const char *const *bad_texts,
                   const gsize       *bad_lens,
                   guint64           *bad_lines)
{
  GString *s = g_string_new ("id,name,note,value,category,flag\n");
  guint64 line = 2;

  for (gsize i = 0; i < n_rows; i++)
    {
      gsize before = s->len;
      guint k;

      for (k = 0; k < n_bad; k++)
        if (bad_rows[k] == i)
          break;
      if (k < n_bad)
        {
          bad_lines[k] = line;
          g_string_append_len (s, bad_texts[k], bad_lens[k]);
        }
      else
        append_big_row (s, i);
      line += count_newlines (s->str + before, s->len - before);
    }
  return s;
}

static GString *
make_big_csv (gsize n_rows)
{
  return make_big_csv_with (n_rows, 0, NULL, NULL, NULL, NULL);
}

static EaselTable *
read_with_threads (const GString *data,
                   guint          n_threads)
{
  EaselCsvOptions options;
  g_autoptr (GError) error = NULL;
  EaselTable *t;

  easel_csv_options_init (&options);
  options.n_threads = n_threads;
  t = easel_csv_read_data ("big.csv", data->str, data->len, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  return t;
}

static void
test_parallel_big (void)
{
  const gsize n_rows = 200000;
  g_autoptr (GString) data = make_big_csv (n_rows);
  g_autoptr (EaselTable) one = read_with_threads (data, 1);
  g_autoptr (EaselTable) four = read_with_threads (data, 4);
  EaselColumn *id, *note, *value, *name;

  g_assert_cmpuint (easel_table_get_n_rows (one), ==, n_rows);
  g_assert_cmpuint (easel_table_get_n_rows (four), ==, n_rows);
  assert_names (one, "id", "name", "note", "value", "category", "flag", NULL);
  easel_test_check_table (one);
  easel_test_check_table (four);
  assert_tables_equal (one, four);

  id = easel_test_column (four, "id");
  g_assert_cmpint (id->type, ==, EASEL_COLUMN_NUMERIC);
  for (gsize i = 0; i < n_rows; i++)
    g_assert_cmpfloat (id->num[i], ==, (double) i);
  name = easel_test_column (four, "name");
  g_assert_cmpstr (easel_column_get_string (name, 123457), ==, "Last, First 123457");
  note = easel_test_column (four, "note");
  g_assert_cmpstr (easel_column_get_string (note, 7 * 9999),
                   ==, "first line\nsecond, \"quoted\" 69993\n");
  g_assert_cmpstr (easel_column_get_string (note, 7 * 9999 + 1), ==, "\"\"\n69994,\"");
  g_assert_cmpstr (easel_column_get_string (note, 7 * 9999 + 3), ==, "plain 69996");
  value = easel_test_column (four, "value");
  g_assert_cmpint (value->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpuint (value->n_missing, ==, n_rows / 50);
  easel_assert_same_double (value->num[12345], (12345.0 * 0.37 - 1000.0) / 3.0);
  g_assert_cmpint (easel_test_column (four, "category")->type, ==, EASEL_COLUMN_CATEGORICAL);
  g_assert_cmpint (easel_test_column (four, "flag")->type, ==, EASEL_COLUMN_BOOLEAN);
  g_assert_cmpuint (easel_test_column (four, "flag")->bools[3], ==, 1);
  g_assert_cmpuint (easel_test_column (four, "flag")->bools[4], ==, 0);
}

/* Quoted fields whose content looks like whole rows, so that wherever a chunk boundary falls,
 * a reader that guesses "outside quotes" sees plausible but wrong records. */
static GString *
make_tricky_csv (gsize n_rows)
{
  GString *s = g_string_new ("id,blob,tail\n");

  for (gsize i = 0; i < n_rows; i++)
    {
      gsize k = 1 + (i * 7919) % 40;

      g_string_append_printf (s, "%" G_GSIZE_FORMAT ",\"", i);
      for (gsize j = 0; j < k; j++)
        g_string_append_printf (s, "%" G_GSIZE_FORMAT ",\"\"a\"\",b\n\"\",\"\"\n", j);
      g_string_append (s, "\",end\n");
    }
  /* and one field of several megabytes that spans many chunks */
  g_string_append_printf (s, "%" G_GSIZE_FORMAT ",\"", n_rows);
  for (gsize j = 0; j < 200000; j++)
    g_string_append (s, "1,2,3\n\"\",\"\"\n");
  g_string_append (s, "\",end\n");
  return s;
}

static void
test_parallel_quoted_newlines (void)
{
  const gsize n_rows = 30000;
  g_autoptr (GString) data = make_tricky_csv (n_rows);
  g_autoptr (EaselTable) one = read_with_threads (data, 1);
  g_autoptr (GString) expected = g_string_new (NULL);
  EaselColumn *blob;

  g_assert_cmpuint (easel_table_get_n_rows (one), ==, n_rows + 1);
  easel_test_check_table (one);
  blob = easel_test_column (one, "blob");
  for (gsize i = 0; i < n_rows; i += 1111)
    {
      gsize k = 1 + (i * 7919) % 40;

      g_string_truncate (expected, 0);
      for (gsize j = 0; j < k; j++)
        g_string_append_printf (expected, "%" G_GSIZE_FORMAT ",\"a\",b\n\",\"\n", j);
      g_assert_cmpstr (easel_column_get_string (blob, i), ==, expected->str);
    }
  g_assert_cmpuint (strlen (easel_column_get_string (blob, n_rows)), ==, 200000 * 10);
  for (gsize i = 0; i <= n_rows; i++)
    easel_assert_cell (easel_test_column (one, "tail"), i, "end");

  for (guint n_threads = 2; n_threads <= 4; n_threads++)
    {
      g_autoptr (EaselTable) other = read_with_threads (data, n_threads);

      assert_tables_equal (one, other);
    }
}

static void
test_threads_more_than_rows (void)
{
  EaselCsvOptions options;
  g_autoptr (EaselTable) t = NULL;

  easel_csv_options_init (&options);
  options.n_threads = 16;
  t = read_ok ("a,b\n1,x\n2,y\n", &options, NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
  assert_numeric (easel_test_column (t, "a"), 2, (double[]) { 1, 2 });
}

/* ---- progress and cancel ---- */

static void
count_notify (EaselProgress *progress,
              gpointer       user_data)
{
  g_atomic_int_inc ((int *) user_data);
}

static void
test_progress (void)
{
  int n_notify = 0;
  g_autoptr (GString) data = make_big_csv (50000);
  g_autoptr (EaselProgress) progress = easel_progress_new (count_notify, &n_notify, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) t = NULL;

  t = easel_csv_read_data ("big.csv", data->str, data->len, NULL, NULL, progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 50000);
  g_assert_cmpint (g_atomic_int_get (&n_notify), >=, 1);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), >=, 0.99);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), <=, 1.0);
}

static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_autoptr (GError) error3 = NULL;
  g_autoptr (GString) data = make_big_csv (2000);
  g_autoptr (EaselTable) t = NULL;
  g_autoptr (EaselTable) small = read_ok ("a\n1\n", NULL, NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  EaselTable *u;

  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  g_cancellable_cancel (cancellable);

  t = easel_csv_read_data ("big.csv", data->str, data->len, NULL, NULL, NULL, cancellable,
                           &error);
  g_assert_null (t);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  u = easel_csv_read_file (path, NULL, NULL, NULL, cancellable, &error2);
  g_assert_null (u);
  g_assert_error (error2, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_false (easel_csv_write_file (small, out, ',', NULL, cancellable, &error3));
  g_assert_error (error3, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  remove_tmp (dir, "in.csv");
  remove_tmp (dir, "out.csv");
  g_rmdir (dir);
}

/* ---- files, writing, round trips ---- */

static void
test_file_errors (void)
{
  const char *path = "/nonexistent-easel-dir/missing-file.csv";
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_autoptr (GError) error3 = NULL;
  g_autoptr (EaselTable) t = easel_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  g_autoptr (EaselTable) small = read_ok ("a\n1\n", NULL, NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad-quote.csv", NULL);
  g_autoptr (EaselTable) u = NULL;

  g_assert_null (t);
  g_assert_nonnull (error);
  g_assert_true ((error->domain == EASEL_ERROR && error->code == EASEL_ERROR_IO) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  easel_assert_contains (error->message, path);

  /* a parse error in a file names the file and the line */
  g_assert_true (g_file_set_contents (bad, "a,b\n1,2\n\"3,4\n5,6\n", -1, NULL));
  u = easel_csv_read_file (bad, NULL, NULL, NULL, NULL, &error2);
  g_assert_null (u);
  g_assert_error (error2, EASEL_ERROR, EASEL_ERROR_PARSE);
  easel_assert_contains (error2->message, "bad-quote.csv");
  easel_assert_line (error2->message, 3);

  /* writing where one cannot names the file */
  g_assert_false (easel_csv_write_file (small, "/nonexistent-easel-dir/out.csv", ',', NULL, NULL,
                                        &error3));
  g_assert_nonnull (error3);
  easel_assert_contains (error3->message, "/nonexistent-easel-dir/out.csv");

  remove_tmp (dir, "bad-quote.csv");
  g_rmdir (dir);
}

static void
test_read_file_ok (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "people.csv", NULL);
  EaselCsvReport report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) t = NULL;

  g_assert_true (g_file_set_contents (path, "age;height\n31;1,75\n45;1,62\n", -1, NULL));
  t = easel_csv_read_file (path, NULL, &report, NULL, NULL, &error);
  g_assert_no_error (error);
  easel_test_check_table (t);
  g_assert_cmpint (report.delimiter, ==, ';');
  g_assert_cmpint (report.decimal, ==, ',');
  assert_numeric (easel_test_column (t, "height"), 2, (double[]) { 1.75, 1.62 });
  assert_numeric (easel_test_column (t, "age"), 2, (double[]) { 31, 45 });
  easel_csv_report_clear (&report);
  remove_tmp (dir, "people.csv");
  g_rmdir (dir);
}

static void
test_write_stream_exact (void)
{
  g_autoptr (EaselTable) t = easel_table_new ();
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  static const char *const texts[] = { "a,b", "say \"hi\"", "x" };
  double *v = g_new (double, 3);
  guint8 *m = g_new0 (guint8, 3);
  g_autofree char *got = NULL;
  GString *norm;

  v[0] = 1.5;
  v[1] = NAN;
  v[2] = 3.0;
  m[1] = 1;
  easel_table_add_column (t, easel_column_new_numeric ("num", 3, v, m));
  easel_table_add_column (t, easel_column_new_from_strings ("txt, \"q\"", EASEL_COLUMN_TEXT,
                                                            texts, 3));
  g_assert_true (easel_csv_write_stream (t, stream, ',', NULL, NULL, &error));
  g_assert_no_error (error);
  got = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));

  /* LF (pandas) or CRLF (RFC 4180) line ends are both fine, but consistently */
  norm = g_string_new (got);
  if (strstr (got, "\r\n") != NULL)
    g_string_replace (norm, "\r\n", "\n", 0);
  g_assert_null (strchr (norm->str, '\r'));
  g_assert_cmpstr (norm->str, ==,
                   "num,\"txt, \"\"q\"\"\"\n1.5,\"a,b\"\n,\"say \"\"hi\"\"\"\n3,x\n");
  g_string_free (norm, TRUE);
}

static EaselTable *
make_roundtrip_table (gsize n)
{
  static const double special[] = {
    0.1, 1.0 / 3.0, 1e-300, -0.0, 1e21, -123.456, 5e-324, 1.7976931348623157e308,
    0.30000000000000004, 100.0, -7.0, 2.5e-8, INFINITY, -INFINITY,
  };
  static const char *const cats[] = { "plain", "with, comma", "with \"quote\"" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (4242);
  EaselTable *t = easel_table_new ();
  double *num = g_new (double, n);
  guint8 *num_missing = g_new0 (guint8, n);
  double *when = g_new (double, n);
  guint8 *when_missing = g_new0 (guint8, n);
  guint8 *flags = g_new (guint8, n);
  guint8 *flags_missing = g_new0 (guint8, n);
  g_autofree const char **cat_values = g_new (const char *, n);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < n; i++)
    {
      if (i % 13 == 5)
        {
          num[i] = NAN;
          num_missing[i] = 1;
        }
      else if (i < G_N_ELEMENTS (special))
        num[i] = special[i];
      else
        num[i] = g_rand_double_range (rand, -1e6, 1e6) * pow (10, g_rand_int_range (rand, -20, 20));

      cat_values[i] = i % 17 == 3 ? NULL : cats[i % 3];

      switch (i % 6)
        {
        case 0:
          g_ptr_array_add (texts, g_strdup_printf ("  leading spaces %" G_GSIZE_FORMAT, i));
          break;
        case 1:
          g_ptr_array_add (texts, g_strdup_printf ("two\nlines %" G_GSIZE_FORMAT, i));
          break;
        case 2:
          g_ptr_array_add (texts, g_strdup_printf ("\"quoted\", %" G_GSIZE_FORMAT, i));
          break;
        case 3:
          g_ptr_array_add (texts, g_strdup_printf ("semi; tab\t%" G_GSIZE_FORMAT " caf\xc3\xa9",
                                                   i));
          break;
        case 4:
          g_ptr_array_add (texts, g_strdup_printf ("trailing %" G_GSIZE_FORMAT "  ", i));
          break;
        default:
          g_ptr_array_add (texts, g_strdup_printf ("pipe | %" G_GSIZE_FORMAT, i));
        }

      flags[i] = (i * 7) % 3 == 0;
      if (i % 19 == 7)
        {
          flags[i] = 0;
          flags_missing[i] = 1;
        }

      when[i] = 1325406600.0 + (double) i * 25207.0 + (i == 1 ? 0.25 : 0.0);
      if (i % 23 == 11)
        {
          when[i] = NAN;
          when_missing[i] = 1;
        }
    }

  easel_table_add_column (t, easel_column_new_numeric ("number", n, num, num_missing));
  easel_table_add_column (t, easel_column_new_from_strings ("kind, \"sort\"",
                                                            EASEL_COLUMN_CATEGORICAL,
                                                            cat_values, n));
  easel_table_add_column (t, easel_column_new_from_strings ("note", EASEL_COLUMN_TEXT,
                                                            (const char *const *) texts->pdata,
                                                            n));
  easel_table_add_column (t, easel_column_new_boolean ("ok", n, flags, flags_missing));
  easel_table_add_column (t, easel_column_new_datetime ("when", n, when, when_missing, TRUE));
  return t;
}

static void
check_roundtrip (char delimiter)
{
  g_autoptr (EaselTable) t = make_roundtrip_table (150);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "round.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) back = NULL;
  EaselCsvReport report = { 0 };

  easel_test_check_table (t);
  g_assert_true (easel_csv_write_file (t, path, delimiter, NULL, NULL, &error));
  g_assert_no_error (error);
  back = easel_csv_read_file (path, NULL, &report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  easel_test_check_table (back);
  g_assert_cmpint (report.delimiter, ==, delimiter);
  g_assert_true (report.has_header);
  assert_tables_equal (t, back);
  /* -0.0 keeps its sign */
  g_assert_true (signbit (easel_test_column (back, "number")->num[3]));
  easel_csv_report_clear (&report);
  remove_tmp (dir, "round.csv");
  g_rmdir (dir);
}

static void
test_roundtrip_comma (void)
{
  check_roundtrip (',');
}

static void
test_roundtrip_semicolon (void)
{
  check_roundtrip (';');
}

static void
test_roundtrip_tab (void)
{
  check_roundtrip ('\t');
}

/* ---- more parallel checks: line numbers, types and categories across chunks ---- */

static GError *
read_big_fails (const GString         *data,
                const EaselCsvOptions *base,
                guint                  n_threads,
                int                    code)
{
  EaselCsvOptions options;
  GError *error = NULL;
  g_autoptr (EaselTable) t = NULL;

  if (base != NULL)
    options = *base;
  else
    easel_csv_options_init (&options);
  options.n_threads = n_threads;
  t = easel_csv_read_data ("big.csv", data->str, data->len, &options, NULL, NULL, NULL, &error);
  g_assert_null (t);
  g_assert_error (error, EASEL_ERROR, code);
  return error;
}

static void
test_parallel_error_lines (void)
{
  const gsize n = 120000;

  /* the first of two long rows is the one reported, whichever chunk reads it */
  {
    const gsize rows[] = { 90000, 30001 };
    const char *const texts[] = { "1,2,3,4,5,6,7\n", "1,2,3,4,5,6,7\n" };
    const gsize lens[] = { 14, 14 };
    guint64 lines[2];
    g_autoptr (GString) data = make_big_csv_with (n, 2, rows, texts, lens, lines);

    for (guint threads = 1; threads <= 4; threads *= 2)
      {
        g_autoptr (GError) error = read_big_fails (data, NULL, threads, EASEL_ERROR_PARSE);

        easel_assert_line (error->message, lines[1]);
      }
  }
  /* an unterminated quote in the last row */
  {
    const gsize rows[] = { n - 1 };
    const char *const texts[] = { "1,\"never closed,3,4,5,6\nmore,text\n" };
    const gsize lens[] = { strlen (texts[0]) };
    guint64 lines[1];
    g_autoptr (GString) data = make_big_csv_with (n, 1, rows, texts, lens, lines);

    for (guint threads = 1; threads <= 4; threads *= 2)
      {
        g_autoptr (GError) error = read_big_fails (data, NULL, threads, EASEL_ERROR_PARSE);

        easel_assert_line (error->message, lines[0]);
      }
  }
  /* a NUL byte */
  {
    const gsize rows[] = { 83456 };
    const char *const texts[] = { "5,x\0y,plain,1,alpha,true\n" };
    const gsize lens[] = { 26 };
    guint64 lines[1];
    g_autoptr (GString) data = make_big_csv_with (n, 1, rows, texts, lens, lines);

    for (guint threads = 1; threads <= 4; threads *= 2)
      {
        g_autoptr (GError) error = read_big_fails (data, NULL, threads, EASEL_ERROR_BINARY);

        easel_assert_line (error->message, lines[0]);
      }
  }
  /* a byte that is not UTF-8 when UTF-8 is forced */
  {
    const gsize rows[] = { 77777 };
    const char *const texts[] = { "5,caf\xe9,plain,1,alpha,true\n" };
    const gsize lens[] = { strlen (texts[0]) };
    guint64 lines[1];
    g_autoptr (GString) data = make_big_csv_with (n, 1, rows, texts, lens, lines);
    EaselCsvOptions options;

    easel_csv_options_init (&options);
    options.encoding = EASEL_ENCODING_UTF8;
    for (guint threads = 1; threads <= 4; threads *= 2)
      {
        g_autoptr (GError) error = read_big_fails (data, &options, threads,
                                                   EASEL_ERROR_ENCODING);

        easel_assert_line (error->message, lines[0]);
      }
  }
  /* short rows: the warning names the first */
  {
    const gsize rows[] = { 100000, 60000 };
    const char *const texts[] = { "1,2,3\n", "1,2,3\n" };
    const gsize lens[] = { 6, 6 };
    guint64 lines[2];
    g_autoptr (GString) data = make_big_csv_with (n, 2, rows, texts, lens, lines);

    for (guint threads = 1; threads <= 4; threads *= 2)
      {
        EaselCsvOptions options;
        EaselCsvReport report = { 0 };
        g_autoptr (GError) error = NULL;
        g_autoptr (EaselTable) t = NULL;
        g_autofree char *dump = NULL;

        easel_csv_options_init (&options);
        options.n_threads = threads;
        t = easel_csv_read_data ("big.csv", data->str, data->len, &options, &report, NULL, NULL,
                                 &error);
        g_assert_no_error (error);
        g_assert_cmpuint (easel_table_get_n_rows (t), ==, n);
        g_assert_true (easel_column_is_missing (easel_test_column (t, "category"), 60000));
        dump = easel_test_report_dump (&report);
        if (!easel_test_report_names_line (&report, lines[1]))
          g_error ("no warning names line %" G_GUINT64_FORMAT ": %s", lines[1], dump);
        easel_csv_report_clear (&report);
      }
  }
}

static void
test_parallel_late_types (void)
{
  const gsize n = 200000;
  g_autoptr (GString) s = g_string_new ("v,cat,flag,when,num2,num3\n");
  g_autoptr (EaselTable) one = NULL;
  g_autoptr (EaselTable) four = NULL;
  EaselColumn *c;

  for (gsize i = 0; i < n; i++)
    {
      const char *cat = i < 50000 ? "a" : i < 120000 ? (i % 2 ? "b" : "a")
                        : i < 190000 ? (i % 3 ? "c" : "b") : (i % 2 ? "d" : "a");

      if (i == 150000)
        g_string_append (s, "oops");
      else
        g_string_append_printf (s, "%" G_GSIZE_FORMAT, i);
      g_string_append_printf (s, ",%s,%s,", cat,
                              i == n - 1 ? "maybe" : i % 2 ? "true" : "false");
      if (i == 100001)
        g_string_append (s, "2012-02-30");
      else
        g_string_append_printf (s, "2012-01-%02d", (int) (i % 28) + 1);
      g_string_append_printf (s, ",%s", i == 170000 ? "NA" : "4");
      g_string_append_printf (s, ",%s\n", i == 160000 ? "0.5" : "2");
    }
  one = read_with_threads (s, 1);
  four = read_with_threads (s, 4);
  easel_test_check_table (four);
  assert_tables_equal (one, four);

  c = easel_test_column (four, "v");
  g_assert_true (c->type == EASEL_COLUMN_TEXT || c->type == EASEL_COLUMN_CATEGORICAL);
  easel_assert_cell (c, 7, "7");
  easel_assert_cell (c, 150000, "oops");
  easel_assert_cell (c, n - 1, "199999");

  c = easel_test_column (four, "cat");
  g_assert_cmpint (c->type, ==, EASEL_COLUMN_CATEGORICAL);
  g_assert_cmpuint (c->n_categories, ==, 4);
  g_assert_cmpstr (c->categories[0], ==, "a");
  g_assert_cmpstr (c->categories[1], ==, "b");
  g_assert_cmpstr (c->categories[2], ==, "c");
  g_assert_cmpstr (c->categories[3], ==, "d");
  g_assert_cmpint (c->codes[190001], ==, 3);

  c = easel_test_column (four, "flag");
  g_assert_true (c->type == EASEL_COLUMN_TEXT || c->type == EASEL_COLUMN_CATEGORICAL);
  easel_assert_cell (c, n - 1, "maybe");
  easel_assert_cell (c, 1, "true");

  c = easel_test_column (four, "when");
  g_assert_true (c->type == EASEL_COLUMN_TEXT || c->type == EASEL_COLUMN_CATEGORICAL);
  easel_assert_cell (c, 100001, "2012-02-30");
  easel_assert_cell (c, 0, "2012-01-01");

  c = easel_test_column (four, "num2");
  g_assert_cmpint (c->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpuint (c->n_missing, ==, 1);
  g_assert_true (easel_column_is_missing (c, 170000));

  c = easel_test_column (four, "num3");
  g_assert_cmpint (c->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpfloat (c->num[160000], ==, 0.5);
  g_assert_cmpfloat (c->num[160001], ==, 2.0);
}

/* Random strings, quoted where they need it, read back exactly whatever the thread count. */
static void
test_parallel_random_fields (void)
{
  static const char pieces[][4] = { "a", "b", "z", ",", "\"", "\n", " ", ";", "|", "\r\n", "\t",
                                    "\xc3\xa9", "x" };

  for (guint32 seed = 1; seed <= 3; seed++)
    {
      const gsize n_rows = 40000, n_cols = 5;
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GString) s = g_string_new ("c0,c1,c2,c3,c4\n");
      EaselCsvOptions options;

      for (gsize r = 0; r < n_rows; r++)
        {
          for (gsize c = 0; c < n_cols; c++)
            {
              GString *v = g_string_new ("w");  /* never a number, NA, date or boolean */
              int len = g_rand_int_range (rand, 0, c == 2 ? 60 : 8);
              gboolean quote;

              g_string_append_printf (v, "%" G_GSIZE_FORMAT, r * n_cols + c);
              for (int k = 0; k < len; k++)
                g_string_append (v, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
              if (v->str[v->len - 1] == ' ' || v->str[v->len - 1] == '\t')
                g_string_append_c (v, 'e');  /* no trailing blanks: their fate is unspecified */
              quote = strpbrk (v->str, ",\"\n\r;|\t ") != NULL ||
                      g_rand_int_range (rand, 0, 4) == 0;
              if (c)
                g_string_append_c (s, ',');
              if (quote)
                {
                  g_string_append_c (s, '"');
                  for (const char *p = v->str; *p; p++)
                    {
                      if (*p == '"')
                        g_string_append_c (s, '"');
                      g_string_append_c (s, *p);
                    }
                  g_string_append_c (s, '"');
                }
              else
                g_string_append (s, v->str);
              g_ptr_array_add (cells, g_string_free (v, FALSE));
            }
          g_string_append (s, g_rand_boolean (rand) ? "\n" : "\r\n");
        }

      for (guint threads = 1; threads <= 4; threads++)
        {
          EaselCsvReport report = { 0 };
          g_autoptr (GError) error = NULL;
          g_autoptr (EaselTable) t = NULL;

          easel_csv_options_init (&options);
          options.n_threads = threads;
          options.header = EASEL_HEADER_YES;
          t = easel_csv_read_data ("random.csv", s->str, s->len, &options, &report, NULL, NULL,
                                   &error);
          g_assert_no_error (error);
          g_assert_cmpint (report.delimiter, ==, ',');
          g_assert_cmpuint (easel_table_get_n_rows (t), ==, n_rows);
          g_assert_cmpuint (easel_table_get_n_columns (t), ==, n_cols);
          for (gsize r = 0; r < n_rows; r++)
            for (gsize c = 0; c < n_cols; c++)
              {
                const char *want = g_ptr_array_index (cells, r * n_cols + c);
                const char *got = easel_column_get_string (easel_table_get_column (t, c), r);

                if (g_strcmp0 (want, got) != 0)
                  g_error ("seed %u, %u threads, row %" G_GSIZE_FORMAT " column %" G_GSIZE_FORMAT
                           ": expected \"%s\", got \"%s\"", seed, threads, r, c, want, got);
              }
          easel_csv_report_clear (&report);
        }
    }
}

/* ---- cancel in the middle ---- */

typedef struct
{
  GCancellable *cancellable;
  double        fraction_at_cancel;
  int           n_notify;
} CancelFromNotify;

static void
cancel_notify (EaselProgress *progress,
               gpointer       user_data)
{
  CancelFromNotify *c = user_data;

  if (g_atomic_int_add (&c->n_notify, 1) == 0)
    {
      c->fraction_at_cancel = easel_progress_get (progress, NULL);
      g_cancellable_cancel (c->cancellable);
    }
}

static void
test_cancel_midway_read (void)
{
  g_autoptr (GString) data = make_big_csv (300000);

  for (guint threads = 1; threads <= 4; threads *= 4)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      CancelFromNotify c = { cancellable, -1, 0 };
      g_autoptr (EaselProgress) progress = easel_progress_new (cancel_notify, &c, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (EaselTable) t = NULL;
      EaselCsvOptions options;

      easel_csv_options_init (&options);
      options.n_threads = threads;
      t = easel_csv_read_data ("big.csv", data->str, data->len, &options, NULL, progress,
                               cancellable, &error);
      g_assert_cmpint (c.n_notify, >=, 1);
      if (t != NULL)
        {
          /* only acceptable if the first notification came at the very end */
          g_assert_cmpfloat (c.fraction_at_cancel, >=, 0.99);
        }
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

static void
test_cancel_midway_write_keeps_old_file (void)
{
  g_autoptr (GString) data = make_big_csv (300000);
  g_autoptr (EaselTable) t = read_with_threads (data, 0);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "saved.csv", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelFromNotify c = { cancellable, -1, 0 };
  g_autoptr (EaselProgress) progress = easel_progress_new (cancel_notify, &c, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gboolean ok;

  g_assert_true (g_file_set_contents (path, "old,content\n1,2\n", -1, NULL));
  ok = easel_csv_write_file (t, path, ',', progress, cancellable, &error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  if (ok)
    g_assert_cmpfloat (c.fraction_at_cancel, >=, 0.99);
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      /* nothing already saved is lost: a cancelled write leaves the old file as it was */
      if (!g_str_equal (contents, "old,content\n1,2\n"))
        g_error ("a cancelled write replaced the old file with %" G_GSIZE_FORMAT " bytes "
                 "beginning \"%.40s\"", strlen (contents), contents);
    }
  remove_tmp (dir, "saved.csv");
  /* a temporary file left behind would make rmdir fail */
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- small extras ---- */

static void
test_infinity_values (void)
{
  g_autoptr (EaselTable) t = read_ok ("x\n1\ninf\n-inf\nInfinity\n", NULL, NULL);

  assert_numeric (easel_test_column (t, "x"), 4, (double[]) { 1, INFINITY, -INFINITY, INFINITY });
}

static void
test_bom_quoted_header (void)
{
  g_autoptr (EaselTable) t = read_ok ("\xEF\xBB\xBF\"id\",\"full name\"\r\n1,a\r\n", NULL, NULL);

  assert_names (t, "id", "full name", NULL);
  easel_assert_cell (easel_test_column (t, "full name"), 0, "a");
}

static void
test_crlf_line_numbers (void)
{
  g_autofree char *m1 = read_fails ("a,b\r\n1,2\r\n3,4,5\r\n", EASEL_ERROR_PARSE);
  g_autofree char *m2 = read_fails ("a,b\r\n1,2\r\n3,4\r\n\"5,6\r\n7,8\r\n", EASEL_ERROR_PARSE);

  easel_assert_line (m1, 3);
  easel_assert_line (m2, 4);
}

static void
test_roundtrip_empty_table (void)
{
  g_autoptr (EaselTable) t = easel_table_new ();
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) back = NULL;

  easel_table_add_column (t, easel_column_new_numeric ("a", 0, NULL, NULL));
  easel_table_add_column (t, easel_column_new_numeric ("b c", 0, NULL, NULL));
  g_assert_true (easel_csv_write_file (t, path, ',', NULL, NULL, &error));
  g_assert_no_error (error);
  back = easel_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_names (back, "a", "b c", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (back), ==, 0);
  remove_tmp (dir, "empty.csv");
  g_rmdir (dir);
}

/* Whatever the reader makes of odd but plausible text (quotes after a closing quote, quotes
 * inside unquoted fields, lone CRs, short rows), it must make the same of it with any number
 * of threads: the same table, or the same error. */
static void
append_odd_field (GString *s,
                  GRand   *rand,
                  gsize    row)
{
  switch (g_rand_int_range (rand, 0, 12))
    {
    case 0:
      g_string_append_printf (s, "w%" G_GSIZE_FORMAT, row);
      break;
    case 1:
      g_string_append_printf (s, "\"q,%" G_GSIZE_FORMAT "\nx\"", row);
      break;
    case 2:
      g_string_append (s, "\"a\"\"b\"\"\n\"\"c\"");
      break;
    case 3:
      g_string_append (s, "\"abc\"d\"e");  /* text after the closing quote */
      break;
    case 4:
      g_string_append (s, "5'11\"");
      break;
    case 5:
      g_string_append (s, "");
      break;
    case 6:
      g_string_append_printf (s, "%d", g_rand_int_range (rand, -1000, 1000));
      break;
    case 7:
      g_string_append (s, "\"\"");
      break;
    case 8:
      g_string_append (s, "\"multi\r\nline\r\n\"");
      break;
    case 9:
      g_string_append (s, " \"spaced\" ");
      break;
    case 10:
      g_string_append (s, "a\"b\nc");  /* a quote mid-field, then a real newline */
      break;
    default:
      g_string_append (s, "NA");
    }
}

static void
assert_same_outcome (const GString *data,
                     guint          threads_a,
                     guint          threads_b)
{
  EaselCsvOptions options;
  g_autoptr (GError) ea = NULL;
  g_autoptr (GError) eb = NULL;
  g_autoptr (EaselTable) a = NULL;
  g_autoptr (EaselTable) b = NULL;

  easel_csv_options_init (&options);
  options.n_threads = threads_a;
  a = easel_csv_read_data ("odd.csv", data->str, data->len, &options, NULL, NULL, NULL, &ea);
  options.n_threads = threads_b;
  b = easel_csv_read_data ("odd.csv", data->str, data->len, &options, NULL, NULL, NULL, &eb);
  if (a == NULL || b == NULL)
    {
      if (a != NULL || b != NULL)
        g_error ("%u threads: %s; %u threads: %s", threads_a, ea ? ea->message : "a table",
                 threads_b, eb ? eb->message : "a table");
      g_assert_true (ea->domain == eb->domain);
      g_assert_cmpint (ea->code, ==, eb->code);
      g_assert_cmpstr (ea->message, ==, eb->message);
      return;
    }
  easel_test_check_table (a);
  easel_test_check_table (b);
  assert_tables_equal (a, b);
}

static void
test_parallel_thread_invariance (void)
{
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed * 7717);
      g_autoptr (GString) s = g_string_new ("k,a,b,c\n");
      gsize row = 0;

      while (s->len < 3 * 1024 * 1024)
        {
          int n_fields = 4;
          int r = g_rand_int_range (rand, 0, 1000);

          if (r < 5)
            n_fields = 3;                     /* a short row: padded, with a warning */
          else if (seed >= 5 && r < 6)
            n_fields = 6;                     /* a long row: an error, the same every time */
          g_string_append_printf (s, "%" G_GSIZE_FORMAT, row);
          for (int f = 1; f < n_fields; f++)
            {
              g_string_append_c (s, ',');
              append_odd_field (s, rand, row);
            }
          r = g_rand_int_range (rand, 0, 100);
          g_string_append (s, r < 70 ? "\n" : "\r\n");
          row++;
        }
      assert_same_outcome (s, 1, 4);
      assert_same_outcome (s, 1, 3);
    }
}

static void
test_cr_only_line_ends (void)
{
  /* Old Mac files end lines with a lone CR; pandas reads them as line ends. */
  g_autoptr (EaselTable) t = read_ok ("a,b\r1,2\r3,4\r", NULL, NULL);

  assert_names (t, "a", "b", NULL);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
  assert_numeric (easel_test_column (t, "a"), 2, (double[]) { 1, 3 });
  assert_numeric (easel_test_column (t, "b"), 2, (double[]) { 2, 4 });
}

static void
test_text_after_closing_quote (void)
{
  /* Either pandas' reading ("abc" then d"e appended: abcd"e) or an error naming line 2. */
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) t = read_csv_len ("k,a\n1,\"abc\"d\"e\n2,x\n", -1, NULL, NULL, &error);

  if (t == NULL)
    {
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_PARSE);
      easel_assert_line (error->message, 2);
    }
  else
    {
      easel_test_check_table (t);
      g_assert_cmpuint (easel_table_get_n_rows (t), ==, 2);
      easel_assert_cell (easel_test_column (t, "a"), 0, "abcd\"e");
      easel_assert_cell (easel_test_column (t, "a"), 1, "x");
    }
}

static void
test_file_edge_cases (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "empty.csv", NULL);
  g_autofree char *bom = g_build_filename (dir, "bom-only.csv", NULL);
  g_autofree char *page = g_build_filename (dir, "page.csv", NULL);
  g_autofree char *page_quote = g_build_filename (dir, "page-quote.csv", NULL);

  /* an empty file (which cannot be mapped) and a BOM alone are empty, naming the file */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (EaselTable) t = NULL;

    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    t = easel_csv_read_file (empty, NULL, NULL, NULL, NULL, &error);
    g_assert_null (t);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY);
    easel_assert_contains (error->message, "empty.csv");
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (EaselTable) t = NULL;

    g_assert_true (g_file_set_contents (bom, "\xEF\xBB\xBF", 3, NULL));
    t = easel_csv_read_file (bom, NULL, NULL, NULL, NULL, &error);
    g_assert_null (t);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY);
    easel_assert_contains (error->message, "bom-only.csv");
  }
  /* a directory is not a CSV file */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (EaselTable) t = easel_csv_read_file (dir, NULL, NULL, NULL, NULL, &error);

    g_assert_null (t);
    g_assert_nonnull (error);
    easel_assert_contains (error->message, dir);
  }
  /* files that end exactly at a page boundary, without a final newline, and one whose last
   * quote is never closed: nothing may be read past the end of the mapping */
  for (gsize size = 4096; size <= 3 * 4096; size += 4096)
    {
      g_autoptr (GString) s = g_string_new ("a,b\n");
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) error2 = NULL;
      g_autoptr (EaselTable) t = NULL;
      g_autoptr (EaselTable) u = NULL;
      gsize rows = 0;

      while (s->len + 8 < size)
        {
          g_string_append (s, "1,2\n");
          rows++;
        }
      while (s->len + 2 < size)
        g_string_append_c (s, '7');
      g_string_append (s, ",9");
      g_assert_cmpuint (s->len, ==, size);
      g_assert_true (g_file_set_contents (page, s->str, s->len, NULL));
      t = easel_csv_read_file (page, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (easel_table_get_n_rows (t), ==, rows + 1);
      g_assert_cmpfloat (easel_test_column (t, "b")->num[rows], ==, 9);

      /* ...77,"9 at the very end */
      s->str[s->len - 3] = ',';
      s->str[s->len - 2] = '"';
      g_assert_true (g_file_set_contents (page_quote, s->str, s->len, NULL));
      u = easel_csv_read_file (page_quote, NULL, NULL, NULL, NULL, &error2);
      g_assert_null (u);
      g_assert_error (error2, EASEL_ERROR, EASEL_ERROR_PARSE);
      easel_assert_line (error2->message, rows + 2);
    }

  remove_tmp (dir, "empty.csv");
  remove_tmp (dir, "bom-only.csv");
  remove_tmp (dir, "page.csv");
  remove_tmp (dir, "page-quote.csv");
  g_rmdir (dir);
}

/* Found by fuzzing: blank lines before a first record with more fields than the reader's
 * first guess (64) overflowed the field buffer. */
static void
test_blank_lines_then_wide_header (void)
{
  g_autoptr (GString) text = g_string_new ("\n\n\n");
  g_autoptr (EaselTable) table = NULL;
  EaselCsvReport report = { 0 };

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "%sc%u", i ? "," : "", i);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "%s%u", i ? "," : "", i);
  g_string_append_c (text, '\n');

  table = read_ok (text->str, NULL, &report);
  g_assert_true (report.has_header);
  g_assert_cmpuint (easel_table_get_n_columns (table), ==, 100);
  g_assert_cmpuint (easel_table_get_n_rows (table), ==, 1);
  g_assert_cmpstr (easel_table_get_column (table, 99)->name, ==, "c99");
  g_assert_cmpfloat (easel_table_get_column (table, 99)->num[0], ==, 99.0);
  easel_csv_report_clear (&report);
}

/* Found by fuzzing: UTF-16 text that starts with U+FEFF after its BOM kept it in the
 * first column's name. */
static void
test_utf16_double_bom (void)
{
  /* FF FE, then U+FEFF, "a", ",", "b", "\n", "1", ",", "2", "\n" in UTF-16LE */
  static const char data[] = "\xff\xfe\xff\xfe" "a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0";
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) table = read_csv_len (data, sizeof data - 1, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (easel_table_get_column (table, 0)->name, ==, "a");
  g_assert_cmpuint (easel_table_get_n_rows (table), ==, 1);

  {
    /* and a UTF-8 file with the mark three times */
    static const char triple[] = "\xef\xbb\xbf\xef\xbb\xbf\xef\xbb\xbf" "a,b\n1,2\n";
    g_autoptr (EaselTable) t3 = read_csv_len (triple, sizeof triple - 1, NULL, NULL, NULL);
    g_assert_cmpstr (easel_table_get_column (t3, 0)->name, ==, "a");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  setlocale (LC_NUMERIC, "C");

  easel_test_add ("/csv/options-init", test_options_init);
  easel_test_add ("/csv/encoding/utf16-double-bom", test_utf16_double_bom);
  easel_test_add ("/csv/bad/blank-lines-then-wide-header", test_blank_lines_then_wide_header);
  easel_test_add ("/csv/rfc4180/quotes", test_rfc4180_quotes);
  easel_test_add ("/csv/rfc4180/crlf", test_rfc4180_crlf);
  easel_test_add ("/csv/rfc4180/bom", test_rfc4180_bom);
  easel_test_add ("/csv/rfc4180/no-final-newline", test_rfc4180_no_final_newline);
  easel_test_add ("/csv/rfc4180/blank-lines", test_rfc4180_blank_lines);
  easel_test_add ("/csv/rfc4180/quote-inside-unquoted", test_quote_inside_unquoted_field);
  easel_test_add ("/csv/delimiter/detection", test_delimiter_detection);
  easel_test_add ("/csv/delimiter/forced", test_delimiter_forced);
  easel_test_add ("/csv/decimal/comma", test_decimal_comma);
  easel_test_add ("/csv/decimal/point-with-semicolons", test_decimal_point_with_semicolons);
  easel_test_add ("/csv/spaces-around-numbers", test_spaces_around_numbers);
  easel_test_add ("/csv/single-column", test_single_column);
  easel_test_add ("/csv/header/detected", test_header_detected);
  easel_test_add ("/csv/header/absent", test_header_absent);
  easel_test_add ("/csv/header/forced", test_header_forced);
  easel_test_add ("/csv/header/only", test_header_only);
  easel_test_add ("/csv/header/duplicate-names", test_duplicate_names);
  easel_test_add ("/csv/header/empty-names", test_empty_names);
  easel_test_add ("/csv/missing/default", test_missing_default);
  easel_test_add ("/csv/missing/one-in-numbers", test_missing_one_in_numbers);
  easel_test_add ("/csv/missing/custom", test_missing_custom);
  easel_test_add ("/csv/types/categorical", test_types_categorical);
  easel_test_add ("/csv/types/text", test_types_text);
  easel_test_add ("/csv/types/boolean", test_types_boolean);
  easel_test_add ("/csv/types/datetime", test_types_datetime);
  easel_test_add ("/csv/types/mixed", test_types_mixed);
  easel_test_add ("/csv/types/all-missing-and-binary-numbers",
                   test_types_all_missing_and_binary_numbers);
  easel_test_add ("/csv/types/override", test_types_override);
  easel_test_add ("/csv/encoding/latin1-auto", test_encoding_latin1_auto);
  easel_test_add ("/csv/encoding/utf8-auto", test_encoding_utf8_auto);
  easel_test_add ("/csv/encoding/utf8-forced", test_encoding_utf8_forced);
  easel_test_add ("/csv/encoding/latin1-forced", test_encoding_latin1_forced);
  easel_test_add ("/csv/bad/empty", test_bad_empty);
  easel_test_add ("/csv/bad/short-row", test_bad_short_row);
  easel_test_add ("/csv/bad/long-row", test_bad_long_row);
  easel_test_add ("/csv/bad/trailing-delimiter", test_trailing_delimiter);
  easel_test_add ("/csv/bad/unterminated-quote", test_bad_unterminated_quote);
  easel_test_add ("/csv/bad/nul", test_bad_nul);
  easel_test_add ("/csv/bad/random-binary", test_bad_random_binary);
  easel_test_add ("/csv/bad/random-text", test_bad_random_text);
  easel_test_add ("/csv/huge-field", test_huge_field);
  easel_test_add ("/csv/many-columns", test_many_columns);
  easel_test_add ("/csv/parallel/big", test_parallel_big);
  easel_test_add ("/csv/parallel/quoted-newlines", test_parallel_quoted_newlines);
  easel_test_add ("/csv/parallel/more-threads-than-rows", test_threads_more_than_rows);
  easel_test_add ("/csv/progress", test_progress);
  easel_test_add ("/csv/cancelled", test_cancelled);
  easel_test_add ("/csv/file/errors", test_file_errors);
  easel_test_add ("/csv/file/read", test_read_file_ok);
  easel_test_add ("/csv/file/edge-cases", test_file_edge_cases);
  easel_test_add ("/csv/write/stream-exact", test_write_stream_exact);
  easel_test_add ("/csv/roundtrip/comma", test_roundtrip_comma);
  easel_test_add ("/csv/roundtrip/semicolon", test_roundtrip_semicolon);
  easel_test_add ("/csv/roundtrip/tab", test_roundtrip_tab);
  easel_test_add ("/csv/roundtrip/empty-table", test_roundtrip_empty_table);
  easel_test_add ("/csv/parallel/error-lines", test_parallel_error_lines);
  easel_test_add ("/csv/parallel/late-types", test_parallel_late_types);
  easel_test_add ("/csv/parallel/random-fields", test_parallel_random_fields);
  easel_test_add ("/csv/parallel/thread-invariance", test_parallel_thread_invariance);
  easel_test_add ("/csv/cancel-midway/read", test_cancel_midway_read);
  easel_test_add ("/csv/cancel-midway/write-keeps-old-file",
                   test_cancel_midway_write_keeps_old_file);
  easel_test_add ("/csv/infinity", test_infinity_values);
  easel_test_add ("/csv/rfc4180/bom-quoted-header", test_bom_quoted_header);
  easel_test_add ("/csv/rfc4180/cr-only", test_cr_only_line_ends);
  easel_test_add ("/csv/bad/text-after-closing-quote", test_text_after_closing_quote);
  easel_test_add ("/csv/bad/crlf-line-numbers", test_crlf_line_numbers);

  return g_test_run ();
}
