/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* The formula parser and its vectorised evaluator, against values worked out by hand. */

#include <math.h>
#include <string.h>

#include "easel-test-util.h"
#include "easel-formula.h"

#define N 5

/* x: 1, 2, missing, 4, 0      y: 2, 0, 3, -1, 0
 * s (categorical): "a", "B", missing, "dd", "a"
 * t (text): "Hello World", "é", "", missing, "x,y"
 * flag (boolean): true, false, missing, true, false
 * `unit price` (numeric): 10, 20, 30, 40, 50
 * day (datetime): 2020-01-01, 2020-06-30, missing, 2021-01-01, 2019-12-31 */
static EaselTable *
make_table (void)
{
  EaselTable *table = easel_table_new ();
  double x[N] = { 1, 2, NAN, 4, 0 };
  double y[N] = { 2, 0, 3, -1, 0 };
  double price[N] = { 10, 20, 30, 40, 50 };
  const char *s[N] = { "a", "B", NULL, "dd", "a" };
  const char *t[N] = { "Hello World", "é", "", NULL, "x,y" };
  guint8 flag[N] = { 1, 0, 0, 1, 0 };
  guint8 flag_missing[N] = { 0, 0, 1, 0, 0 };
  double day[N];
  gboolean has_time;

  easel_parse_datetime ("2020-01-01", 10, &day[0], &has_time);
  easel_parse_datetime ("2020-06-30", 10, &day[1], &has_time);
  day[2] = NAN;
  easel_parse_datetime ("2021-01-01", 10, &day[3], &has_time);
  easel_parse_datetime ("2019-12-31", 10, &day[4], &has_time);

  easel_table_add_column (table, easel_column_new_numeric ("x", N, g_memdup2 (x, sizeof x), NULL));
  easel_table_add_column (table, easel_column_new_numeric ("y", N, g_memdup2 (y, sizeof y), NULL));
  easel_table_add_column (table,
                          easel_column_new_from_strings ("s", EASEL_COLUMN_CATEGORICAL, s, N));
  easel_table_add_column (table, easel_column_new_from_strings ("t", EASEL_COLUMN_TEXT, t, N));
  easel_table_add_column (table, easel_column_new_boolean ("flag", N, g_memdup2 (flag, N),
                                                           g_memdup2 (flag_missing, N)));
  easel_table_add_column (table, easel_column_new_numeric ("unit price", N,
                                                           g_memdup2 (price, sizeof price), NULL));
  easel_table_add_column (table, easel_column_new_datetime ("day", N, g_memdup2 (day, sizeof day),
                                                            NULL, FALSE));
  return table;
}

static EaselColumn *
eval (const char *expression)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselFormula) formula = easel_formula_parse (expression, NULL, &error);
  EaselColumn *column;

  g_assert_no_error (error);
  g_assert_nonnull (formula);
  column = easel_formula_evaluate_table (formula, table, "out", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (column);
  easel_test_check_column (column, N);
  return column;
}

/* The cells of the result as text, "-" for missing, joined with "|". */
static char *
eval_cells (const char *expression)
{
  g_autoptr(EaselColumn) column = eval (expression);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < N; i++)
    {
      g_autofree char *v = easel_column_dup_value (column, i);
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, v ? v : "-");
    }
  return g_string_free (out, FALSE);
}

#define assert_cells(expression, expected) \
  G_STMT_START { \
    g_autofree char *__got = eval_cells (expression); \
    if (strcmp (__got, (expected)) != 0) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("%s: expected %s, got %s", (expression), \
                                            (expected), __got)); \
  } G_STMT_END

/* A constant expression's value in row 0. */
static double
value_of (const char *expression)
{
  g_autoptr(EaselColumn) column = eval (expression);

  g_assert_true (column->type == EASEL_COLUMN_NUMERIC);
  return column->num[0];
}

static void
assert_error_at (const char *expression,
                 guint       position,
                 int         code,
                 const char *needle)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselFormula) formula = NULL;
  g_autoptr(EaselColumn) column = NULL;
  guint at = 0;
  g_autofree char *where = g_strdup_printf ("at position %u.", position);

  formula = easel_formula_parse (expression, &at, &error);
  if (formula != NULL)
    {
      g_assert_no_error (error);
      column = easel_formula_evaluate_table (formula, table, "out", &at, NULL, &error);
      g_assert_null (column);
    }
  if (error == NULL)
    g_error ("%s: expected an error", expression);
  if (at != position || !g_error_matches (error, EASEL_ERROR, code))
    g_error ("%s: expected error %d at %u, got error %d at %u: %s", expression, code, position,
             error->code, at, error->message);
  easel_assert_contains (error->message, where);
  easel_assert_contains (error->message, needle);
}

static void
test_precedence (void)
{
  g_assert_cmpfloat (value_of ("1 + 2 * 3"), ==, 7);
  g_assert_cmpfloat (value_of ("(1 + 2) * 3"), ==, 9);
  g_assert_cmpfloat (value_of ("10 - 4 - 3"), ==, 3);       /* left-associative */
  g_assert_cmpfloat (value_of ("24 / 4 / 2"), ==, 3);
  g_assert_cmpfloat (value_of ("2 * 3 ^ 2"), ==, 18);
  g_assert_cmpfloat (value_of ("2 ^ 3 ^ 2"), ==, 512);      /* right-associative */
  g_assert_cmpfloat (value_of ("(2 ^ 3) ^ 2"), ==, 64);
  g_assert_cmpfloat (value_of ("-2 ^ 2"), ==, -4);          /* ^ binds tighter than unary - */
  g_assert_cmpfloat (value_of ("(-2) ^ 2"), ==, 4);
  g_assert_cmpfloat (value_of ("2 ^ -1"), ==, 0.5);
  g_assert_cmpfloat (value_of ("- -3"), ==, 3);
  g_assert_cmpfloat (value_of ("-3 * -2"), ==, 6);
  g_assert_cmpfloat (value_of ("+4 - 1"), ==, 3);
  g_assert_cmpfloat (value_of ("1.5e2 + .5"), ==, 150.5);
  g_assert_cmpfloat (value_of ("7 - 2 * 3 ^ 2 / 6"), ==, 4);
  g_assert_cmpfloat (value_of ("  ( ( 1 ) )  "), ==, 1);
}

static void
test_columns (void)
{
  assert_cells ("x * 10 + y", "12|20|-|39|0");
  assert_cells ("`unit price` * x", "10|40|-|160|0");
  assert_cells ("-x", "-1|-2|-|-4|-0");
  assert_cells ("x ^ 2", "1|4|-|16|0");
  /* booleans count as 1 and 0 in arithmetic */
  assert_cells ("flag + 1", "2|1|-|2|1");
}

static void
test_division (void)
{
  /* x / y: 1/2, 2/0 = inf, missing, 4/-1, 0/0 = NaN → missing */
  assert_cells ("x / y", "0.5|inf|-|-4|-");
  assert_cells ("-x / y", "-0.5|-inf|-|4|-");
}

static void
test_comparisons (void)
{
  g_autoptr(EaselColumn) c = eval ("x > 1");

  g_assert_true (c->type == EASEL_COLUMN_BOOLEAN);
  assert_cells ("x > 1", "false|true|-|true|false");
  assert_cells ("x >= 1", "true|true|-|true|false");
  assert_cells ("x < 2", "true|false|-|false|true");
  assert_cells ("x <= 2", "true|true|-|false|true");
  assert_cells ("x == 4", "false|false|-|true|false");
  assert_cells ("x != 4", "true|true|-|false|true");
  assert_cells ("x <> 4", "true|true|-|false|true");
  assert_cells ("x + 1 == y * 2 - 2", "true|false|-|false|false");
  assert_cells ("s == \"a\"", "true|false|-|false|true");
  assert_cells ("s != 'a'", "false|true|-|true|false");
  assert_cells ("s < \"b\"", "true|true|-|false|true");   /* "B" < "b" in code point order */
  assert_cells ("flag == true", "true|false|-|true|false");
  /* dates compare with ISO strings */
  assert_cells ("day >= \"2020-01-01\"", "true|true|-|true|false");
  assert_cells ("\"2020-06-30\" == day", "false|true|-|false|false");
}

static void
test_logic (void)
{
  /* three-valued: false and missing = false, true or missing = true */
  assert_cells ("flag and x > 0", "true|false|-|true|false");
  assert_cells ("flag or x > 1", "true|true|-|true|false");
  assert_cells ("x > 1 or flag", "true|true|-|true|false");
  assert_cells ("not flag", "false|true|-|false|true");
  assert_cells ("not x > 1", "true|false|-|false|true");   /* not (x > 1) */
  /* and binds tighter than or */
  assert_cells ("true or false and false", "true|true|true|true|true");
  assert_cells ("(true or false) and false", "false|false|false|false|false");
  assert_cells ("NOT false AND True", "true|true|true|true|true");
  /* false and missing = false; true and missing = missing; false or missing = missing */
  assert_cells ("is_missing(x) and x > 0", "false|false|-|false|false");
  assert_cells ("false and x > 0", "false|false|false|false|false");
  assert_cells ("true and x > 0", "true|true|-|true|false");
  assert_cells ("false or x > 0", "true|true|-|true|false");
  assert_cells ("true or x > 0", "true|true|true|true|true");
}

static void
test_strings (void)
{
  g_autoptr(EaselColumn) cat = eval ("s + \"!\"");
  g_autoptr(EaselColumn) text = eval ("upper(t)");

  assert_cells ("s + \"!\"", "a!|B!|-|dd!|a!");
  /* a result made from categorical columns only stays categorical; from text, text */
  g_assert_true (cat->type == EASEL_COLUMN_CATEGORICAL);
  g_assert_true (text->type == EASEL_COLUMN_TEXT);
}

static void
test_functions (void)
{
  g_assert_cmpfloat (value_of ("log(1)"), ==, 0);
  easel_assert_same_double (value_of ("log(exp(2))"), log (exp (2.0)));
  easel_assert_same_double (value_of ("exp(1)"), exp (1.0));
  g_assert_cmpfloat (value_of ("sqrt(16)"), ==, 4);
  g_assert_cmpfloat (value_of ("abs(-2.5)"), ==, 2.5);
  g_assert_cmpfloat (value_of ("floor(-2.5)"), ==, -3);
  g_assert_cmpfloat (value_of ("ceil(-2.5)"), ==, -2);
  g_assert_cmpfloat (value_of ("CEIL(2.1)"), ==, 3);
  /* round: half to even, as numpy and pandas */
  g_assert_cmpfloat (value_of ("round(2.5)"), ==, 2);
  g_assert_cmpfloat (value_of ("round(3.5)"), ==, 4);
  g_assert_cmpfloat (value_of ("round(-0.5)"), ==, -0.0);
  g_assert_cmpfloat (value_of ("round(1.2345, 2)"), ==, 1.23);
  g_assert_cmpfloat (value_of ("round(1250, -2)"), ==, 1200);
  g_assert_cmpfloat (value_of ("round(1350, -2)"), ==, 1400);
  g_assert_cmpfloat (value_of ("min(3, 1, 2)"), ==, 1);
  g_assert_cmpfloat (value_of ("max(3, 1, 2)"), ==, 3);
  g_assert_cmpfloat (value_of ("if(1 < 2, 10, 20)"), ==, 10);
  g_assert_cmpfloat (value_of ("if(1 > 2, 10, 20)"), ==, 20);
  g_assert_cmpfloat (value_of ("length(\"héllo\")"), ==, 5);

  /* min/max skip missing values; missing only when all are */
  assert_cells ("min(x, y)", "1|0|3|-1|0");
  assert_cells ("max(x, y)", "2|2|3|4|0");
  assert_cells ("max(x)", "1|2|-|4|0");
  /* log(0) = -inf, log(-1) and sqrt(-1) are missing */
  assert_cells ("log(y)", "0.6931471805599453|-inf|1.0986122886681098|-|-inf");
  assert_cells ("sqrt(y)", "1.4142135623730951|0|1.7320508075688772|-|0");
  assert_cells ("if(x > 1, \"big\", \"small\")", "small|big|-|big|small");
  assert_cells ("if(flag, x, y)", "1|0|-|4|0");
  assert_cells ("lower(s)", "a|b|-|dd|a");
  assert_cells ("upper(s)", "A|B|-|DD|A");
  assert_cells ("upper(t)", "HELLO WORLD|É||-|X,Y");
  assert_cells ("lower(t)", "hello world|é||-|x,y");
  assert_cells ("length(t)", "11|1|0|-|3");
  assert_cells ("contains(t, \"o\")", "true|false|false|-|false");
  assert_cells ("contains(t, \",\")", "false|false|false|-|true");
  assert_cells ("is_missing(x)", "false|false|true|false|false");
  assert_cells ("is_missing(s)", "false|false|true|false|false");
  assert_cells ("round(x / 3, 3)", "0.333|0.667|-|1.333|0");
  assert_cells ("abs(y)", "2|0|3|1|0");
}

static void
test_literals (void)
{
  assert_cells ("\"a \\\"quoted\\\" word\"",
                "a \"quoted\" word|a \"quoted\" word|a \"quoted\" word|"
                "a \"quoted\" word|a \"quoted\" word");
  assert_cells ("'single' + \"\\\\\"", "single\\|single\\|single\\|single\\|single\\");
  assert_cells ("true", "true|true|true|true|true");
}

static void
test_backticks (void)
{
  g_autoptr(EaselTable) table = easel_table_new ();
  double a[2] = { 1, 2 }, b[2] = { 10, 20 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselFormula) f = NULL;
  g_autoptr(EaselColumn) c = NULL;
  const char *const *names;

  easel_table_add_column (
      table, easel_column_new_numeric ("odd `name`", 2, g_memdup2 (a, sizeof a), NULL));
  easel_table_add_column (
      table, easel_column_new_numeric ("prix unitaire (€)", 2, g_memdup2 (b, sizeof b), NULL));
  f = easel_formula_parse ("`odd ``name``` + `prix unitaire (€)` * 2 - `odd ``name```", NULL,
                           &error);
  g_assert_no_error (error);
  names = easel_formula_get_columns (f);
  g_assert_cmpstr (names[0], ==, "odd `name`");
  g_assert_cmpstr (names[1], ==, "prix unitaire (€)");
  g_assert_null (names[2]);
  c = easel_formula_evaluate_table (f, table, "r", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (c->num[0], ==, 20);
  g_assert_cmpfloat (c->num[1], ==, 40);
  g_assert_cmpstr (c->name, ==, "r");
}

static void
test_syntax_errors (void)
{
  assert_error_at ("", 1, EASEL_ERROR_PARSE, "empty");
  assert_error_at ("   ", 1, EASEL_ERROR_PARSE, "empty");
  assert_error_at ("1 +", 4, EASEL_ERROR_PARSE, "ends where a value is expected");
  assert_error_at ("1 + * 2", 5, EASEL_ERROR_PARSE, "Expected a value, found “*”");
  assert_error_at ("(1 + 2", 7, EASEL_ERROR_PARSE, "close the “(” at position 1");
  assert_error_at ("1 + 2)", 6, EASEL_ERROR_PARSE, "Unexpected “)”");
  assert_error_at ("x y", 3, EASEL_ERROR_PARSE, "Unexpected “y”");
  assert_error_at ("x = 1", 3, EASEL_ERROR_PARSE, "use ==");
  assert_error_at ("x && y", 3, EASEL_ERROR_PARSE, "use and");
  assert_error_at ("x ** 2", 3, EASEL_ERROR_PARSE, "use ^");
  assert_error_at ("1 < x < 3", 7, EASEL_ERROR_PARSE, "cannot be chained");
  assert_error_at ("x $ 2", 3, EASEL_ERROR_PARSE, "Unexpected character “$”");
  assert_error_at ("\"abc", 1, EASEL_ERROR_PARSE, "not closed");
  assert_error_at ("1 + `abc", 5, EASEL_ERROR_PARSE, "not closed");
  assert_error_at ("foo(1)", 1, EASEL_ERROR_PARSE, "Unknown function “foo”");
  assert_error_at ("2 * log(1, 2)", 5, EASEL_ERROR_PARSE, "log() takes 1 argument, not 2");
  assert_error_at ("if(true, 1)", 1, EASEL_ERROR_PARSE, "if() takes 3 arguments, not 2");
  assert_error_at ("min()", 1, EASEL_ERROR_PARSE, "at least 1");
  assert_error_at ("max(1 2)", 7, EASEL_ERROR_PARSE, "Expected “,” or “)”");
  /* positions count characters, not bytes */
  assert_error_at ("\"é\" + é é", 9, EASEL_ERROR_PARSE, "Unexpected “é”");
}

static void
test_binding_errors (void)
{
  assert_error_at ("x + pricee", 5, EASEL_ERROR_NOT_FOUND, "Unknown column “pricee”");
  assert_error_at ("`unit  price` * 2", 1, EASEL_ERROR_NOT_FOUND, "Unknown column “unit  price”");
  assert_error_at ("x + s", 3, EASEL_ERROR_TYPE, "needs numbers");
  assert_error_at ("x == \"a\"", 3, EASEL_ERROR_TYPE, "Cannot compare a number with a string");
  assert_error_at ("x and flag", 3, EASEL_ERROR_TYPE, "true/false");
  assert_error_at ("not x", 1, EASEL_ERROR_TYPE, "true/false");
  assert_error_at ("if(x, 1, 2)", 4, EASEL_ERROR_TYPE, "condition");
  assert_error_at ("if(flag, 1, \"a\")", 1, EASEL_ERROR_TYPE, "same type");
  assert_error_at ("log(s)", 1, EASEL_ERROR_TYPE, "log() needs a number");
  assert_error_at ("lower(x)", 1, EASEL_ERROR_TYPE, "lower() needs a string");
  assert_error_at ("1 + contains(s, 2)", 5, EASEL_ERROR_TYPE, "contains() needs two strings");
  assert_error_at ("round(x, y)", 10, EASEL_ERROR_TYPE, "whole number");
  assert_error_at ("round(x, 1.5)", 10, EASEL_ERROR_TYPE, "whole number");
  assert_error_at ("day > \"yesterday\"", 7, EASEL_ERROR_TYPE, "not a date");
  assert_error_at ("-s", 1, EASEL_ERROR_TYPE, "needs a number");
}

/* Many rows: every block boundary and the parallel loop give the same values as a plain
 * loop written here. */
static void
test_many_rows (void)
{
  gsize n = 100003;
  double *a = g_new (double, n), *b = g_new (double, n);
  g_autoptr(EaselTable) table = easel_table_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselFormula) f = easel_formula_parse ("if(a > b, (a - b) ^ 2, -(b / (a + 1)))", NULL,
                                                   &error);
  g_autoptr(EaselFormula) g = easel_formula_parse ("lower(s) + \"-\" + s", NULL, &error);
  g_autoptr(EaselColumn) c = NULL, d = NULL;
  const char **strings = g_new (const char *, n);
  static const char *words[] = { "Alpha", "BETA", "gamma", NULL };

  for (gsize i = 0; i < n; i++)
    {
      a[i] = (i % 97 == 0) ? NAN : (double) (i % 1000) / 7.0;
      b[i] = (double) ((i * 31) % 1013) / 11.0;
      strings[i] = words[i % 4];
    }
  easel_table_add_column (table, easel_column_new_numeric ("a", n, a, NULL));
  easel_table_add_column (table, easel_column_new_numeric ("b", n, b, NULL));
  easel_table_add_column (table, easel_column_new_from_strings ("s", EASEL_COLUMN_CATEGORICAL,
                                                                strings, n));
  g_assert_no_error (error);
  c = easel_formula_evaluate_table (f, table, "c", NULL, NULL, &error);
  g_assert_no_error (error);
  d = easel_formula_evaluate_table (g, table, "d", NULL, NULL, &error);
  g_assert_no_error (error);
  easel_test_check_column (c, n);
  easel_test_check_column (d, n);
  for (gsize i = 0; i < n; i++)
    {
      double x = a[i], y = b[i], expected;
      if (isnan (x))
        expected = NAN;
      else if (x > y)
        expected = (x - y) * (x - y);   /* x^2 is exactly x·x, as in numpy */
      else
        expected = -(y / (x + 1));
      if (isnan (expected))
        g_assert_true (easel_column_is_missing (c, i));
      else
        easel_assert_same_double (c->num[i], expected);
      if (strings[i] == NULL)
        g_assert_true (easel_column_is_missing (d, i));
      else
        {
          g_autofree char *low = g_ascii_strdown (strings[i], -1);
          g_autofree char *want = g_strconcat (low, "-", strings[i], NULL);
          g_assert_cmpstr (easel_column_get_string (d, i), ==, want);
        }
    }
  g_free (strings);
}

static void
test_cancel (void)
{
  gsize n = 1 << 20;
  double *a = g_new0 (double, n);
  g_autoptr(EaselTable) table = easel_table_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselFormula) f = easel_formula_parse ("a + 1", NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EaselColumn *c;

  easel_table_add_column (table, easel_column_new_numeric ("a", n, a, NULL));
  g_cancellable_cancel (cancellable);
  c = easel_formula_evaluate_table (f, table, "c", NULL, cancellable, &error);
  g_assert_null (c);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/formula/precedence", test_precedence);
  easel_test_add ("/formula/columns", test_columns);
  easel_test_add ("/formula/division", test_division);
  easel_test_add ("/formula/comparisons", test_comparisons);
  easel_test_add ("/formula/logic", test_logic);
  easel_test_add ("/formula/strings", test_strings);
  easel_test_add ("/formula/functions", test_functions);
  easel_test_add ("/formula/literals", test_literals);
  easel_test_add ("/formula/backticks", test_backticks);
  easel_test_add ("/formula/syntax-errors", test_syntax_errors);
  easel_test_add ("/formula/binding-errors", test_binding_errors);
  easel_test_add ("/formula/many-rows", test_many_rows);
  easel_test_add ("/formula/cancel", test_cancel);
  return g_test_run ();
}
