/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Recipes: every op on small tables with values worked out by hand (or, where noted,
 * recorded from pandas 1.5.3 / numpy 1.24 with the command shown), the JSON forms, the
 * editing API, validation, preview, errors and cancellation.
 *
 * Reference values recorded with:
 *   /usr/bin/python3 -c "import pandas as pd, numpy as np; x = pd.Series([1, 2, np.nan, 4, 100.]);
 *     print(x.std(ddof=0), ((x - x.mean()) / x.std(ddof=0)).tolist())"
 *   → 42.30469832063574 [-0.6086794380339418, -0.5850414016054392, nan, -0.537765328748434,
 *                        1.7314861683878149]
 *   pd.cut(pd.Series([10, 20, 30, 40, 50.]), 2) → (9.96, 30.0] x3, (30.0, 50.0] x2
 *   pd.qcut(same, 2) → (9.999, 30.0] x3, (30.0, 50.0] x2
 *   pd.cut(same, [0, 25, 45]) → (0, 25] x2, (25, 45] x2, NaN
 *   pd.qcut(x, 3) → (0.999, 2.0], (0.999, 2.0], NaN, (2.0, 4.0], (4.0, 100.0]
 *   "hello wORLD o'neil 2nd".title() → "Hello World O'Neil 2Nd"
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "easel-test-util.h"
#include "easel-recipe.h"

#define N 5

/* Test JSON is written with ' for " to stay readable in C. */
static char *
json_of (const char *text)
{
  char *s = g_strdup (text);

  for (char *p = s; *p; p++)
    if (*p == '\'')
      *p = '"';
  return s;
}

static double
seconds_of (const char *iso)
{
  double v = NAN;
  gboolean has_time;

  g_assert_true (easel_parse_datetime (iso, strlen (iso), &v, &has_time));
  return v;
}

/* x: 1, 2, -, 4, 100          y: 10, 20, 30, 40, 50
 * c (categorical): b, a, -, b, c
 * t (text): "  Hi there ", "x", -, "tab\t", "ok"
 * f (boolean): true, false, -, true, true
 * d (datetime): 2020-02-29T13:45:00, 2021-01-03, -, 1969-12-31, 2000-01-01 */
static EaselTable *
make_table (void)
{
  EaselTable *table = easel_table_new ();
  double x[N] = { 1, 2, NAN, 4, 100 };
  double y[N] = { 10, 20, 30, 40, 50 };
  const char *c[N] = { "b", "a", NULL, "b", "c" };
  const char *t[N] = { "  Hi there ", "x", NULL, "tab\t", "ok" };
  guint8 f[N] = { 1, 0, 0, 1, 1 }, f_missing[N] = { 0, 0, 1, 0, 0 };
  double d[N] = { seconds_of ("2020-02-29T13:45:00"), seconds_of ("2021-01-03"), NAN,
                  seconds_of ("1969-12-31"), seconds_of ("2000-01-01") };

  easel_table_add_column (table, easel_column_new_numeric ("x", N, g_memdup2 (x, sizeof x), NULL));
  easel_table_add_column (table, easel_column_new_numeric ("y", N, g_memdup2 (y, sizeof y), NULL));
  easel_table_add_column (table,
                          easel_column_new_from_strings ("c", EASEL_COLUMN_CATEGORICAL, c, N));
  easel_table_add_column (table, easel_column_new_from_strings ("t", EASEL_COLUMN_TEXT, t, N));
  easel_table_add_column (
      table, easel_column_new_boolean ("f", N, g_memdup2 (f, N), g_memdup2 (f_missing, N)));
  easel_table_add_column (table,
                          easel_column_new_datetime ("d", N, g_memdup2 (d, sizeof d), NULL, TRUE));
  return table;
}

static EaselTable *
strings_table (const char        *name,
               EaselColumnType    type,
               const char *const *values,
               gsize              n)
{
  EaselTable *table = easel_table_new ();

  easel_table_add_column (table, easel_column_new_from_strings (name, type, values, n));
  return table;
}

static EaselRecipe *
recipe_of (const char *text)
{
  g_autofree char *json = json_of (text);
  g_autoptr(GError) error = NULL;
  EaselRecipe *recipe = easel_recipe_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (recipe);
  return recipe;
}

/* Fit 'text' on 'table' and return the prepared table (checked for invariants). */
static EaselTable *
prepare_full (EaselTable   *table,
              const char   *text,
              EaselRecipe **fitted_out,
              GPtrArray   **reports_out)
{
  g_autoptr(EaselRecipe) recipe = recipe_of (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  EaselTable *prepared = NULL;
  EaselRecipe *fitted = easel_recipe_fit (recipe, table, &prepared, &reports, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fitted);
  g_assert_nonnull (prepared);
  g_assert_cmpuint (reports->len, ==, easel_recipe_get_n_steps (recipe));
  easel_test_check_table (prepared);
  if (fitted_out != NULL)
    *fitted_out = fitted;
  else
    easel_recipe_free (fitted);
  if (reports_out != NULL)
    *reports_out = g_steal_pointer (&reports);
  return prepared;
}

static EaselTable *
prepare (EaselTable *table,
         const char *text)
{
  return prepare_full (table, text, NULL, NULL);
}

static GError *
fit_error (EaselTable *table,
           const char *text)
{
  g_autofree char *json = json_of (text);
  g_autoptr(EaselRecipe) recipe = NULL;
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(EaselTable) prepared = NULL;
  GError *error = NULL;

  recipe = easel_recipe_new_from_json (json, -1, &error);
  if (recipe == NULL)
    return error;
  fitted = easel_recipe_fit (recipe, table, &prepared, NULL, NULL, NULL, &error);
  g_assert_null (fitted);
  g_assert_null (prepared);
  g_assert_nonnull (error);
  return error;
}

static char *
cells (EaselTable *table,
       const char *name)
{
  EaselColumn *column = easel_test_column (table, name);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < column->n_rows; i++)
    {
      g_autofree char *v = easel_column_dup_value (column, i);
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, v ? v : "-");
    }
  return g_string_free (out, FALSE);
}

#define assert_cells(table, name, expected)                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *__got = cells ((table), (name));                                              \
    if (strcmp (__got, (expected)) != 0)                                                           \
      g_assertion_message (                                                                        \
          G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,                                             \
          g_strdup_printf ("column %s: expected %s, got %s", (name), (expected), __got));          \
  }                                                                                                \
  G_STMT_END

static char *
names (EaselTable *table)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < easel_table_get_n_columns (table); i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", easel_table_get_column (table, i)->name);
  return g_string_free (out, FALSE);
}

#define assert_names(table, expected) \
  G_STMT_START { \
    g_autofree char *__got = names (table); \
    g_assert_cmpstr (__got, ==, (expected)); \
  } G_STMT_END

static const EaselStepReport *
report_at (GPtrArray *reports,
           guint      i)
{
  return g_ptr_array_index (reports, i);
}

/* Ops on columns */

static void
test_drop_rename_move (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselTable) a
      = prepare (table, "{'steps': [{'op': 'drop_columns', 'columns': ['c', 't']}]}");
  g_autoptr(EaselTable) b
      = prepare (table, "{'steps': [{'op': 'rename_column', 'column': 'x', 'to': 'z'},"
                        " {'op': 'rename_column', 'column': 'z', 'to': 'zz'}]}");
  g_autoptr(EaselTable) m1
      = prepare (table, "{'steps': [{'op': 'move_column', 'column': 'd', 'to': 'start'}]}");
  g_autoptr(EaselTable) m2
      = prepare (table, "{'steps': [{'op': 'move_column', 'column': 'x', 'to': 'end'}]}");
  g_autoptr(EaselTable) m3
      = prepare (table, "{'steps': [{'op': 'move_column', 'column': 'x', 'to': {'index': 2}}]}");
  g_autoptr(EaselTable) m4
      = prepare (table, "{'steps': [{'op': 'move_column', 'column': 'x', 'to': {'after': 't'}}]}");
  g_autoptr(EaselTable) m5
      = prepare (table, "{'steps': [{'op': 'move_column', 'column': 'f', 'to': {'after': 'x'}}]}");
  g_autoptr(EaselTable) m6
      = prepare (table, "{'steps': [{'op': 'move_column', 'column': 'f', 'to': {'index': 5}}]}");

  assert_names (a, "x,y,f,d");
  assert_cells (a, "x", "1|2|-|4|100");
  assert_names (b, "zz,y,c,t,f,d");
  assert_cells (b, "zz", "1|2|-|4|100");
  assert_names (m1, "d,x,y,c,t,f");
  assert_names (m2, "y,c,t,f,d,x");
  assert_names (m3, "y,c,x,t,f,d");
  assert_names (m4, "y,c,t,x,f,d");
  assert_names (m5, "x,f,y,c,t,d");
  assert_names (m6, "x,y,c,t,d,f");
  /* the input is never changed */
  assert_names (table, "x,y,c,t,f,d");
  assert_cells (table, "x", "1|2|-|4|100");
}

static void
test_cast (void)
{
  const char *values[] = { "1", " 2.5 ", "yes", "x", NULL, "0" };
  const char *dates[] = { "2020-01-02", "2020-01-02T03:04:05", "bad", NULL };
  g_autoptr(EaselTable) strings = strings_table ("s", EASEL_COLUMN_TEXT, values, 6);
  g_autoptr(EaselTable) date_strings = strings_table ("s", EASEL_COLUMN_CATEGORICAL, dates, 4);
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) num = prepare_full (
      strings, "{'steps': [{'op': 'cast', 'column': 's', 'type': 'numeric'}]}", NULL, &reports);
  g_autoptr(EaselTable) boo
      = prepare (strings, "{'steps': [{'op': 'cast', 'column': 's', 'type': 'boolean'}]}");
  g_autoptr(EaselTable) cat
      = prepare (strings, "{'steps': [{'op': 'cast', 'column': 's', 'type': 'categorical'}]}");
  g_autoptr(EaselTable) dt
      = prepare (date_strings, "{'steps': [{'op': 'cast', 'column': 's', 'type': 'datetime'}]}");
  g_autoptr(EaselTable) mixed = prepare (table,
    "{'steps': [{'op': 'cast', 'column': 'x', 'type': 'text'},"
    " {'op': 'cast', 'column': 'y', 'type': 'boolean'},"
    " {'op': 'cast', 'column': 'f', 'type': 'numeric'},"
    " {'op': 'cast', 'column': 'd', 'type': 'numeric'},"
    " {'op': 'cast', 'column': 'c', 'type': 'text'},"
    " {'op': 'cast', 'column': 't', 'type': 'categorical'}]}");
  g_autoptr(EaselTable) back
      = prepare (table, "{'steps': [{'op': 'cast', 'column': 'd', 'type': 'categorical'}, {'op': "
                        "'cast', 'column': 'f', 'type': 'text'},"
                        " {'op': 'cast', 'column': 'x', 'type': 'datetime'}]}");
  g_autoptr(GError) error
      = fit_error (table, "{'steps': [{'op': 'cast', 'column': 'f', 'type': 'datetime'}]}");

  assert_cells (num, "s", "1|2.5|-|-|-|0");
  g_assert_true (easel_test_column (num, "s")->type == EASEL_COLUMN_NUMERIC);
  /* "yes" and "x" did not convert */
  g_assert_cmpuint (report_at (reports, 0)->values_missing, ==, 2);
  g_assert_cmpuint (report_at (reports, 0)->values_changed, ==, 3);
  easel_assert_contains (report_at (reports, 0)->message, "2 did not convert");
  assert_cells (boo, "s", "true|-|true|-|-|false");
  assert_cells (cat, "s", "1| 2.5 |yes|x|-|0");
  g_assert_true (easel_test_column (cat, "s")->type == EASEL_COLUMN_CATEGORICAL);
  assert_cells (dt, "s", "2020-01-02T00:00:00|2020-01-02T03:04:05|-|-");
  g_assert_true (easel_test_column (dt, "s")->has_time);

  assert_cells (mixed, "x", "1|2|-|4|100");
  g_assert_true (easel_test_column (mixed, "x")->type == EASEL_COLUMN_TEXT);
  assert_cells (mixed, "y", "true|true|true|true|true");
  assert_cells (mixed, "f", "1|0|-|1|1");
  assert_cells (mixed, "d", "1582983900|1609632000|-|-86400|946684800");
  g_assert_true (easel_test_column (mixed, "c")->type == EASEL_COLUMN_TEXT);
  assert_cells (mixed, "c", "b|a|-|b|c");
  g_assert_true (easel_test_column (mixed, "t")->type == EASEL_COLUMN_CATEGORICAL);
  g_assert_cmpuint (easel_test_column (mixed, "t")->n_categories, ==, 4);

  assert_cells (
      back, "d",
      "2020-02-29T13:45:00|2021-01-03T00:00:00|-|1969-12-31T00:00:00|2000-01-01T00:00:00");
  assert_cells (back, "f", "true|false|-|true|true");
  assert_cells (
      back, "x",
      "1970-01-01T00:00:01|1970-01-01T00:00:02|-|1970-01-01T00:00:04|1970-01-01T00:01:40");

  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TYPE);
  easel_assert_contains (error->message, "Step 1 (cast), parameter “type”");
}

/* Missing values */

static void
test_drop_missing (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) some = prepare_full (
      table, "{'steps': [{'op': 'drop_missing', 'columns': ['c']}]}", NULL, &reports);
  g_autoptr(EaselTable) all = prepare (table, "{'steps': [{'op': 'drop_missing'}]}");

  assert_cells (some, "x", "1|2|4|100");
  assert_cells (some, "t", "  Hi there |x|tab\t|ok");
  assert_cells (some, "d",
                "2020-02-29T13:45:00|2021-01-03T00:00:00|1969-12-31T00:00:00|2000-01-01T00:00:00");
  g_assert_cmpuint (report_at (reports, 0)->rows_before, ==, 5);
  g_assert_cmpuint (report_at (reports, 0)->rows_after, ==, 4);
  easel_assert_contains (report_at (reports, 0)->message, "Removed 1 of 5 rows");
  g_assert_cmpuint (easel_table_get_n_rows (all), ==, 4);
}

static void
test_impute (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(EaselTable) mean = prepare_full (
      table,
      "{'steps': [{'op': 'impute', 'columns': ['x'], 'strategy': 'mean', 'add_indicator': true},"
      " {'op': 'impute', 'columns': ['c', 'f', 't'], 'strategy': 'mode', 'add_indicator': true}]}",
      &fitted, &reports);
  g_autoptr(EaselTable) median = prepare (
      table, "{'steps': [{'op': 'impute', 'columns': ['x', 'd'], 'strategy': 'median'}]}");
  g_autoptr(EaselTable) mode
      = prepare (table, "{'steps': [{'op': 'impute', 'columns': ['x'], 'strategy': 'mode'}]}");
  g_autoptr(EaselTable) constant = prepare (table,
    "{'steps': [{'op': 'impute', 'columns': ['c', 't'], 'strategy': 'constant', 'value': 'zz'},"
    " {'op': 'impute', 'columns': ['x'], 'strategy': 'constant', 'value': -1},"
    " {'op': 'impute', 'columns': ['f'], 'strategy': 'constant', 'value': false},"
    " {'op': 'impute', 'columns': ['d'], 'strategy': 'constant', 'value': '2001-02-03'}]}");
  JsonObject *values;
  g_autoptr(GError) e1
      = fit_error (table, "{'steps': [{'op': 'impute', 'columns': ['c'], 'strategy': 'mean'}]}");
  g_autoptr(GError) e2 = fit_error (table,
    "{'steps': [{'op': 'impute', 'columns': ['x'], 'strategy': 'constant', 'value': 'zero'}]}");
  g_autoptr(GError) e3 = fit_error (
      table, "{'steps': [{'op': 'impute', 'columns': ['x'], 'strategy': 'constant'}]}");

  assert_names (mean, "x,x_was_missing,y,c,c_was_missing,t,t_was_missing,f,f_was_missing,d");
  assert_cells (mean, "x", "1|2|26.75|4|100");
  assert_cells (mean, "x_was_missing", "0|0|1|0|0");
  assert_cells (mean, "c", "b|a|b|b|c");     /* b is the most frequent */
  assert_cells (mean, "f", "true|false|true|true|true");
  /* t's values are all different: the smallest wins the tie */
  assert_cells (mean, "t", "  Hi there |x|  Hi there |tab\t|ok");
  g_assert_cmpuint (report_at (reports, 0)->values_changed, ==, 1);
  g_assert_cmpuint (report_at (reports, 1)->values_changed, ==, 3);
  values = json_object_get_object_member (easel_step_get_fitted (easel_recipe_get_step (fitted, 0)),
                                          "values");
  g_assert_cmpfloat (json_object_get_double_member (values, "x"), ==, 26.75);

  /* the median of 1, 2, 4, 100 is the mean of 2 and 4 */
  assert_cells (median, "x", "1|2|3|4|100");
  assert_cells (median, "d",
                "2020-02-29T13:45:00|2021-01-03T00:00:00|2010-01-30T06:52:30|1969-12-31T00:00:00|"
                "2000-01-01T00:00:00");
  /* all four values tie: the smallest */
  assert_cells (mode, "x", "1|2|1|4|100");
  assert_cells (constant, "c", "b|a|zz|b|c");
  assert_cells (constant, "t", "  Hi there |x|zz|tab\t|ok");
  assert_cells (constant, "x", "1|2|-1|4|100");
  assert_cells (constant, "f", "true|false|false|true|true");
  assert_cells (constant, "d",
                "2020-02-29T13:45:00|2021-01-03T00:00:00|2001-02-03T00:00:00|1969-12-31T00:00:00|"
                "2000-01-01T00:00:00");

  g_assert_error (e1, EASEL_ERROR, EASEL_ERROR_TYPE);
  easel_assert_contains (e1->message, "Step 1 (impute), parameter “columns”: “c” is categorical");
  g_assert_error (e2, EASEL_ERROR, EASEL_ERROR_TYPE);
  easel_assert_contains (e2->message, "parameter “value”");
  g_assert_error (e3, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (e3->message,
                         "Step 1 (impute), parameter “value”: is required with strategy constant");
}

/* Rows */

static EaselTable *
duplicates_table (void)
{
  EaselTable *table = easel_table_new ();
  double id[6] = { 0, 1, 2, 3, 4, 5 }, a[6] = { 1, 1, 2, 1, NAN, NAN };
  const char *b[6] = { "x", "x", "y", "z", NULL, NULL };

  easel_table_add_column (table,
                          easel_column_new_numeric ("id", 6, g_memdup2 (id, sizeof id), NULL));
  easel_table_add_column (table, easel_column_new_numeric ("a", 6, g_memdup2 (a, sizeof a), NULL));
  easel_table_add_column (table, easel_column_new_from_strings ("b", EASEL_COLUMN_TEXT, b, 6));
  return table;
}

static void
test_drop_duplicates (void)
{
  g_autoptr(EaselTable) table = duplicates_table ();
  g_autoptr(EaselTable) first
      = prepare (table, "{'steps': [{'op': 'drop_duplicates', 'columns': ['a', 'b']}]}");
  g_autoptr(EaselTable) last = prepare (table,
    "{'steps': [{'op': 'drop_duplicates', 'columns': ['a', 'b'], 'keep': 'last'}]}");
  g_autoptr(EaselTable) by_a
      = prepare (table, "{'steps': [{'op': 'drop_duplicates', 'columns': ['a']}]}");
  g_autoptr(EaselTable) all = prepare (table, "{'steps': [{'op': 'drop_duplicates'}]}");

  /* missing values count as equal, as in pandas */
  assert_cells (first, "id", "0|2|3|4");
  assert_cells (last, "id", "1|2|3|5");
  assert_cells (by_a, "id", "0|2|4");
  assert_cells (all, "id", "0|1|2|3|4|5");
}

static void
test_filter (void)
{
  g_autoptr(EaselTable) table = make_table ();
  struct { const char *step; const char *x; } cases[] = {
    { "'column': 'x', 'operator': '>', 'value': 1", "2|4|100" },
    { "'column': 'x', 'operator': '>=', 'value': 2", "2|4|100" },
    { "'column': 'x', 'operator': '<', 'value': 4", "1|2" },
    { "'column': 'x', 'operator': '<=', 'value': 4", "1|2|4" },
    { "'column': 'x', 'operator': '==', 'value': 4", "4" },
    /* as pandas: a missing value is != anything and not in any list */
    { "'column': 'x', 'operator': '!=', 'value': 4", "1|2|-|100" },
    { "'column': 'x', 'operator': 'in', 'value': [1, 100, 7]", "1|100" },
    { "'column': 'x', 'operator': 'not_in', 'value': [1, 100]", "2|-|4" },
    { "'column': 'x', 'operator': 'is_missing'", "-" },
    { "'column': 'x', 'operator': 'not_missing'", "1|2|4|100" },
    { "'column': 'c', 'operator': '==', 'value': 'b'", "1|4" },
    { "'column': 'c', 'operator': '>', 'value': 'a'", "1|4|100" },
    { "'column': 'c', 'operator': 'in', 'value': ['a', 'c']", "2|100" },
    { "'column': 't', 'operator': 'contains', 'value': 'i'", "1" },
    { "'column': 't', 'operator': 'not_in', 'value': ['x', 'ok']", "1|-|4" },
    { "'column': 't', 'operator': '<', 'value': 'p'", "1|100" },
    { "'column': 'f', 'operator': '==', 'value': true", "1|4|100" },
    { "'column': 'f', 'operator': '!=', 'value': true", "2|-" },
    { "'column': 'd', 'operator': '<', 'value': '2020-02-29T13:45:00'", "4|100" },
    { "'column': 'd', 'operator': '>=', 'value': '2021-01-03'", "2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'steps': [{'op': 'filter', %s}]}", cases[i].step);
      g_autoptr(EaselTable) out = prepare (table, text);
      g_autofree char *got = cells (out, "x");
      if (strcmp (got, cases[i].x) != 0)
        g_error ("filter %s: expected x = %s, got %s", cases[i].step, cases[i].x, got);
    }

  {
    g_autoptr(GError) e1 = fit_error (
        table, "{'steps': [{'op': 'filter', 'column': 'x', 'operator': '>', 'value': 'a'}]}");
    g_autoptr(GError) e2 = fit_error (
        table, "{'steps': [{'op': 'filter', 'column': 'x', 'operator': 'in', 'value': 2}]}");
    g_autoptr(GError) e3
        = fit_error (table, "{'steps': [{'op': 'filter', 'column': 'x', 'operator': '>'}]}");
    g_autoptr(GError) e4 = fit_error (
        table,
        "{'steps': [{'op': 'filter', 'column': 'x', 'operator': 'contains', 'value': 'a'}]}");
    g_assert_error (e1, EASEL_ERROR, EASEL_ERROR_TYPE);
    easel_assert_contains (
        e1->message,
        "Step 1 (filter), parameter “value”: “x” is numeric, so the value must be a number");
    easel_assert_contains (e2->message,
                           "parameter “value”: must be a list of values with operator in");
    easel_assert_contains (e3->message, "parameter “value”: is required with operator >");
    easel_assert_contains (e4->message,
                           "parameter “operator”: contains needs a text or categorical column");
  }
}

/* Strings */

static void
test_strip_case_replace (void)
{
  const char *words[] = { "hello wORLD o'neil 2nd", "  ÉTÉ ", NULL, "A" };
  const char *cats[] = { "A", " a", "b", NULL, "a " };
  g_autoptr(EaselTable) text = strings_table ("s", EASEL_COLUMN_TEXT, words, 4);
  g_autoptr(EaselTable) cat = strings_table ("s", EASEL_COLUMN_CATEGORICAL, cats, 5);
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) strip
      = prepare_full (table, "{'steps': [{'op': 'strip', 'columns': ['t']}]}", NULL, &reports);
  g_autoptr(EaselTable) left
      = prepare (table, "{'steps': [{'op': 'strip', 'columns': ['t'], 'side': 'left'}]}");
  g_autoptr(EaselTable) right
      = prepare (table, "{'steps': [{'op': 'strip', 'columns': ['t'], 'side': 'right'}]}");
  g_autoptr(EaselTable) title
      = prepare (text, "{'steps': [{'op': 'case', 'columns': ['s'], 'to': 'title'}]}");
  g_autoptr(EaselTable) upper
      = prepare (text, "{'steps': [{'op': 'case', 'columns': ['s'], 'to': 'upper'}]}");
  g_autoptr(EaselTable) lower
      = prepare (text, "{'steps': [{'op': 'case', 'columns': ['s'], 'to': 'lower'}]}");
  g_autoptr(GPtrArray) cat_reports = NULL;
  g_autoptr(EaselTable) merged = prepare_full (cat,
                                                "{'steps': [{'op': 'strip', 'columns': ['s']}, "
                                                "{'op': 'case', 'columns': ['s'], 'to': 'lower'}]}",
                                                NULL, &cat_reports);
  g_autoptr(EaselTable) literal = prepare (text,
    "{'steps': [{'op': 'replace', 'column': 's', 'find': 'l', 'with': '[L]'}]}");
  g_autoptr(EaselTable) regex
      = prepare (text, "{'steps': [{'op': 'replace', 'column': 's', 'find': '^(\\\\w+) (\\\\w+)', "
                       "'with': '\\\\2 \\\\1', 'regex': true}]}");
  g_autoptr(EaselTable) cat_replace
      = prepare (cat, "{'steps': [{'op': 'replace', 'column': 's', 'find': '[ ]*a[ ]*', 'with': "
                      "'A', 'regex': true}]}");
  g_autoptr(GError) e1
      = fit_error (table, "{'steps': [{'op': 'case', 'columns': ['x'], 'to': 'lower'}]}");
  g_autoptr(GError) e2 = fit_error (table, "{'steps': [{'op': 'replace', 'column': 't', 'find': "
                                            "'(unclosed', 'with': '', 'regex': true}]}");
  g_autoptr(GError) e3
      = fit_error (table, "{'steps': [{'op': 'replace', 'column': 't', 'find': '', 'with': 'x'}]}");

  assert_cells (strip, "t", "Hi there|x|-|tab|ok");
  g_assert_cmpuint (report_at (reports, 0)->values_changed, ==, 2);
  assert_cells (left, "t", "Hi there |x|-|tab\t|ok");
  assert_cells (right, "t", "  Hi there|x|-|tab|ok");
  assert_cells (title, "s", "Hello World O'Neil 2Nd|  Été |-|A");
  assert_cells (upper, "s", "HELLO WORLD O'NEIL 2ND|  ÉTÉ |-|A");
  assert_cells (lower, "s", "hello world o'neil 2nd|  été |-|a");
  /* categories that become equal are merged */
  assert_cells (merged, "s", "a|a|b|-|a");
  g_assert_cmpuint (easel_test_column (merged, "s")->n_categories, ==, 2);
  g_assert_cmpuint (report_at (cat_reports, 0)->values_changed, ==, 2);
  g_assert_cmpuint (report_at (cat_reports, 1)->values_changed, ==, 1);
  assert_cells (literal, "s", "he[L][L]o wORLD o'nei[L] 2nd|  ÉTÉ |-|A");
  assert_cells (regex, "s", "wORLD hello o'neil 2nd|  ÉTÉ |-|A");
  assert_cells (cat_replace, "s", "A|A|b|-|A");
  g_assert_cmpuint (easel_test_column (cat_replace, "s")->n_categories, ==, 2);

  easel_assert_contains (e1->message, "Step 1 (case), parameter “columns”: “x” is numeric");
  easel_assert_contains (e2->message,
                         "Step 1 (replace), parameter “find”: is not a valid regular expression");
  easel_assert_contains (e3->message, "parameter “find”: must not be empty");
}

/* Numbers */

static void
test_clip_outliers (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) iqr = prepare_full (table,
    "{'steps': [{'op': 'clip_outliers', 'columns': ['x', 'y'], 'method': 'iqr'}]}", NULL, &reports);
  g_autoptr(EaselTable) std = prepare (
      table, "{'steps': [{'op': 'clip_outliers', 'columns': ['x'], 'method': 'std', 'k': 1}]}");
  g_autoptr(EaselTable) quantile
      = prepare (table, "{'steps': [{'op': 'clip_outliers', 'columns': ['x'], 'method': "
                        "'quantile', 'lower': 0.25, 'upper': 0.75}]}");
  g_autoptr(EaselTable) removed
      = prepare (table, "{'steps': [{'op': 'clip_outliers', 'columns': ['x'], 'method': "
                        "'quantile', 'lower': 0.25, 'upper': 0.75,"
                        " 'action': 'remove'}]}");
  g_autoptr(GError) e1 = fit_error (table, "{'steps': [{'op': 'clip_outliers', 'columns': ['x'], "
                                            "'method': 'quantile', 'lower': 0.8, 'upper': 0.2}]}");
  g_autoptr(GError) e2 = fit_error (
      table,
      "{'steps': [{'op': 'clip_outliers', 'columns': ['x'], 'method': 'std', 'lower': 0.1}]}");

  /* quartiles of 1, 2, 4, 100: 1.75 and 28; 28 + 1.5 · 26.25 = 67.375 */
  assert_cells (iqr, "x", "1|2|-|4|67.375");
  assert_cells (iqr, "y", "10|20|30|40|50");
  g_assert_cmpuint (report_at (reports, 0)->values_changed, ==, 1);
  /* 26.75 + 42.30469832063574 (population std, from pandas' std(ddof=0)) */
  assert_cells (std, "x", "1|2|-|4|69.05469832063574");
  assert_cells (quantile, "x", "1.75|2|-|4|28");
  assert_cells (removed, "x", "2|-|4");
  easel_assert_contains (e1->message,
                         "Step 1 (clip_outliers), parameter “upper”: the quantiles must satisfy");
  easel_assert_contains (e2->message, "parameter “lower”: is only used with method quantile");
}

static void
test_scale (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselTable) standard
      = prepare (table, "{'steps': [{'op': 'scale', 'columns': ['x'], 'method': 'standard'}]}");
  g_autoptr(EaselTable) minmax
      = prepare (table, "{'steps': [{'op': 'scale', 'columns': ['x', 'y'], 'method': 'minmax'}]}");
  g_autoptr(EaselTable) robust
      = prepare (table, "{'steps': [{'op': 'scale', 'columns': ['x'], 'method': 'robust'}]}");
  g_autoptr(EaselTable) constant
      = prepare (table, "{'steps': [{'op': 'formula', 'name': 'k', 'expression': '7'}, {'op': "
                        "'scale', 'columns': ['k'], 'method': 'standard'}]}");
  const double want[N]
      = { -0.6086794380339418, -0.5850414016054392, NAN, -0.537765328748434, 1.7314861683878149 };
  EaselColumn *s = easel_test_column (standard, "x");

  for (guint i = 0; i < N; i++)
    if (isnan (want[i]))
      g_assert_true (easel_column_is_missing (s, i));
    else
      easel_assert_close (s->num[i], want[i], 1e-15);
  assert_cells (minmax, "x", "0|0.010101010101010102|-|0.030303030303030304|1");
  assert_cells (minmax, "y", "0|0.25|0.5|0.75|1");
  /* (x - 3) / 26.25 */
  assert_cells (robust, "x",
                "-0.0761904761904762|-0.0380952380952381|-|0.0380952380952381|3.6952380952380954");
  /* a constant column is centred, not divided by 0 */
  assert_cells (constant, "k", "0|0|0|0|0");
}

static void
test_bin (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselTable) width
      = prepare (table, "{'steps': [{'op': 'bin', 'column': 'y', 'bins': 2}]}");
  g_autoptr(EaselTable) quantile = prepare (table,
    "{'steps': [{'op': 'bin', 'column': 'y', 'bins': 2, 'method': 'quantile'},"
    " {'op': 'bin', 'column': 'x', 'bins': 3, 'method': 'quantile'}]}");
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) edges = prepare_full (
      table, "{'steps': [{'op': 'bin', 'column': 'y', 'bins': [0, 25, 45]}]}", &fitted, &reports);
  g_autoptr(GError) e1
      = fit_error (table, "{'steps': [{'op': 'bin', 'column': 'y', 'bins': [3, 2]}]}");
  g_autoptr(GError) e2 = fit_error (table, "{'steps': [{'op': 'bin', 'column': 'c', 'bins': 2}]}");

  assert_names (width, "x,y,c,t,f,d,y_bin");
  assert_cells (width, "y_bin", "(9.96, 30.0]|(9.96, 30.0]|(9.96, 30.0]|(30.0, 50.0]|(30.0, 50.0]");
  g_assert_true (easel_test_column (width, "y_bin")->type == EASEL_COLUMN_CATEGORICAL);
  assert_cells (quantile, "y_bin",
                "(9.999, 30.0]|(9.999, 30.0]|(9.999, 30.0]|(30.0, 50.0]|(30.0, 50.0]");
  assert_cells (quantile, "x_bin", "(0.999, 2.0]|(0.999, 2.0]|-|(2.0, 4.0]|(4.0, 100.0]");
  /* 50 is beyond the last edge: missing, and counted */
  assert_cells (edges, "y_bin", "(0, 25]|(0, 25]|(25, 45]|(25, 45]|-");
  g_assert_cmpuint (report_at (reports, 0)->values_missing, ==, 1);
  easel_assert_contains (e1->message, "Step 1 (bin), parameter “bins”: the edges must increase");
  easel_assert_contains (e2->message, "Step 1 (bin), parameter “column”: “c” is categorical");
}

/* Encoding */

static void
test_ordinal_encode (void)
{
  g_autoptr(EaselTable) table = make_table ();
  const char *other[] = { "c", "d", NULL, "a" };
  g_autoptr(EaselTable) new_rows = strings_table ("c", EASEL_COLUMN_TEXT, other, 4);
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(EaselTable) sorted = prepare_full (table,
    "{'steps': [{'op': 'ordinal_encode', 'columns': ['c', 'f', 'y']}]}", &fitted, NULL);
  g_autoptr(EaselTable) ordered = prepare (table,
    "{'steps': [{'op': 'ordinal_encode', 'columns': ['c'], 'order': ['c', 'b', 'a']}]}");
  g_autoptr(EaselTable) partial = prepare (table,
    "{'steps': [{'op': 'ordinal_encode', 'columns': ['c', 'f'], 'order': {'c': ['b', 'c']}}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselRecipe) only_c
      = recipe_of ("{'steps': [{'op': 'ordinal_encode', 'columns': ['c']}]}");
  g_autoptr(EaselRecipe) only_c_fitted
      = easel_recipe_fit (only_c, table, NULL, NULL, NULL, NULL, &error);
  g_autoptr(EaselTable) applied
      = easel_recipe_apply (only_c_fitted, new_rows, &reports, NULL, NULL, &error);

  assert_cells (sorted, "c", "1|0|-|1|2");
  assert_cells (sorted, "f", "1|0|-|1|1");
  assert_cells (sorted, "y", "0|1|2|3|4");
  g_assert_true (easel_test_column (sorted, "c")->type == EASEL_COLUMN_NUMERIC);
  assert_cells (ordered, "c", "1|2|-|1|0");
  /* a category not in the order is missing */
  assert_cells (partial, "c", "0|-|-|0|1");
  g_assert_no_error (error);
  /* text "d" was never seen: missing, and counted */
  assert_cells (applied, "c", "2|-|-|0");
  g_assert_cmpuint (report_at (reports, 0)->values_missing, ==, 1);
}

static void
test_one_hot_encode (void)
{
  g_autoptr(EaselTable) table = make_table ();
  const char *other[] = { "c", "d", NULL, "a" };
  g_autoptr(EaselTable) new_rows = strings_table ("c", EASEL_COLUMN_CATEGORICAL, other, 4);
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(EaselTable) plain = prepare_full (
      table, "{'steps': [{'op': 'one_hot_encode', 'columns': ['c', 'f']}]}", &fitted, NULL);
  g_autoptr(EaselTable) first = prepare (table,
    "{'steps': [{'op': 'one_hot_encode', 'columns': ['c'], 'drop_first': true}]}");
  g_autoptr(EaselTable) capped = prepare (table,
    "{'steps': [{'op': 'one_hot_encode', 'columns': ['c'], 'max_categories': 2}]}");
  g_autoptr(EaselRecipe) only_c
      = recipe_of ("{'steps': [{'op': 'one_hot_encode', 'columns': ['c'], 'max_categories': 2}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselRecipe) only_c_fitted
      = easel_recipe_fit (only_c, table, NULL, NULL, NULL, NULL, &error);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) applied
      = easel_recipe_apply (only_c_fitted, new_rows, &reports, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_names (plain, "x,y,c_a,c_b,c_c,t,f_false,f_true,d");
  assert_cells (plain, "c_a", "0|1|0|0|0");
  assert_cells (plain, "c_b", "1|0|0|1|0");
  assert_cells (plain, "c_c", "0|0|0|0|1");
  assert_cells (plain, "f_true", "1|0|0|1|1");
  assert_cells (plain, "f_false", "0|1|0|0|0");
  assert_names (first, "x,y,c_b,c_c,t,f,d");
  /* b is the most frequent; a and c share c_other */
  assert_names (capped, "x,y,c_b,c_other,t,f,d");
  assert_cells (capped, "c_other", "0|1|0|0|1");
  /* c and a go to "other", the unseen d gives zeros everywhere */
  assert_names (applied, "c_b,c_other");
  assert_cells (applied, "c_b", "0|0|0|0");
  assert_cells (applied, "c_other", "1|0|0|1");
  g_assert_cmpuint (report_at (reports, 0)->values_missing, ==, 1);
}

/* Derived columns */

static void
test_datetime_features (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselTable) out
      = prepare (table, "{'steps': [{'op': 'datetime_features', 'column': 'd', 'features': "
                        "['year', 'month', 'day', 'weekday', 'hour',"
                        " 'dayofyear']}]}");
  g_autoptr(GError) e1 = fit_error (
      table, "{'steps': [{'op': 'datetime_features', 'column': 'x', 'features': ['year']}]}");
  g_autoptr(GError) e2 = fit_error (
      table, "{'steps': [{'op': 'datetime_features', 'column': 'd', 'features': ['week']}]}");

  assert_names (out, "x,y,c,t,f,d,d_year,d_month,d_day,d_weekday,d_hour,d_dayofyear");
  assert_cells (out, "d_year", "2020|2021|-|1969|2000");
  assert_cells (out, "d_month", "2|1|-|12|1");
  assert_cells (out, "d_day", "29|3|-|31|1");
  /* Saturday, Sunday, -, Wednesday, Saturday with Monday = 0 */
  assert_cells (out, "d_weekday", "5|6|-|2|5");
  assert_cells (out, "d_hour", "13|0|-|0|0");
  assert_cells (out, "d_dayofyear", "60|3|-|365|1");
  easel_assert_contains (e1->message, "“x” is numeric; date features need a datetime column");
  easel_assert_contains (e2->message,
                         "Step 1 (datetime_features), parameter “features”: item 1 must be one of");
}

static void
test_formula (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselTable) out = prepare (table,
    "{'steps': [{'op': 'formula', 'name': 'z', 'expression': 'x * 2 + y'},"
    " {'op': 'formula', 'name': 'x', 'expression': 'x / (y - 30)'},"
    " {'op': 'formula', 'name': 'w', 'expression': 'if(f, upper(c), \\'none\\')'}]}");
  g_autoptr(GError) e1
      = fit_error (table, "{'steps': [{'op': 'formula', 'name': 'z', 'expression': 'x +* 2'}]}");
  g_autoptr(GError) e2
      = fit_error (table, "{'steps': [{'op': 'formula', 'name': 'z', 'expression': 'x + yy'}]}");

  /* new columns at the end; an existing name is replaced in place */
  assert_names (out, "x,y,c,t,f,d,z,w");
  assert_cells (out, "z", "12|24|-|48|250");
  assert_cells (out, "x", "-0.05|-0.2|-|0.4|5");
  assert_cells (out, "w", "B|none|-|B|C");
  g_assert_error (e1, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (
      e1->message,
      "Step 1 (formula), parameter “expression”: Expected a value, found “*” at position 4");
  g_assert_error (e2, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  easel_assert_contains (
      e2->message, "Step 1 (formula), parameter “expression”: Unknown column “yy” at position 5");
}

/* JSON */

static void
test_json_round_trip (void)
{
  g_autoptr(EaselTable) table = make_table ();
  const char *text =
    "{'steps': [{'op': 'impute', 'columns': ['x'], 'strategy': 'median', 'add_indicator': true},"
    " {'op': 'clip_outliers', 'columns': ['x', 'y'], 'method': 'std', 'k': 2.5, 'note': 'tame x'},"
    " {'op': 'one_hot_encode', 'columns': ['c'], 'max_categories': 2},"
    " {'op': 'bin', 'column': 'y', 'bins': 3, 'method': 'quantile'},"
    " {'op': 'scale', 'columns': ['y'], 'method': 'robust', 'enabled': false},"
    " {'op': 'ordinal_encode', 'columns': ['f']},"
    " {'op': 'formula', 'name': 'r', 'expression': 'x / y'}]}";
  g_autoptr(EaselRecipe) recipe = recipe_of (text);
  g_autofree char *once = easel_recipe_to_json (recipe, FALSE);
  g_autoptr(EaselRecipe) again = easel_recipe_new_from_json (once, -1, NULL);
  g_autofree char *twice = easel_recipe_to_json (again, TRUE);
  g_autoptr(EaselRecipe) again2 = easel_recipe_new_from_json (twice, -1, NULL);
  g_autofree char *thrice = easel_recipe_to_json (again2, FALSE);
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(EaselTable) prepared = prepare_full (table, text, &fitted, NULL);
  g_autofree char *fitted_json = easel_recipe_to_json (fitted, TRUE);
  g_autoptr(EaselRecipe) loaded = easel_recipe_new_from_json (fitted_json, -1, NULL);
  g_autofree char *fitted_again = easel_recipe_to_json (loaded, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) applied = NULL;
  g_autofree char *path = NULL;
  g_autoptr(EaselRecipe) from_file = NULL;
  int fd;

  g_assert_cmpstr (once, ==, thrice);
  easel_assert_contains (once, "\"version\":1");
  easel_assert_contains (once, "\"enabled\":false");
  easel_assert_contains (once, "\"note\":\"tame x\"");
  g_assert_false (easel_recipe_is_fitted (recipe));
  g_assert_true (easel_recipe_is_fitted (fitted));
  g_assert_cmpstr (fitted_json, ==, fitted_again);
  easel_assert_contains (fitted_json, "\"fitted\"");
  /* the disabled step was not fitted, and is not needed to be */
  g_assert_null (easel_step_get_fitted (easel_recipe_get_step (fitted, 4)));
  g_assert_null (easel_step_get_fitted (easel_recipe_get_step (fitted, 6)));

  /* the loaded fitted recipe gives the same table, cell for cell */
  applied = easel_recipe_apply (loaded, table, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_names (applied, "x,x_was_missing,y,c_b,c_other,t,f,d,y_bin,r");
  for (guint c = 0; c < easel_table_get_n_columns (prepared); c++)
    {
      g_autofree char *a = cells (prepared, easel_table_get_column (prepared, c)->name);
      g_autofree char *b = cells (applied, easel_table_get_column (prepared, c)->name);
      g_assert_cmpstr (a, ==, b);
    }

  /* and through a file */
  fd = g_file_open_tmp ("recipe-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (easel_recipe_save (fitted, path, &error));
  from_file = easel_recipe_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (easel_recipe_is_fitted (from_file));
  g_unlink (path);
}

static void
test_load_errors (void)
{
  struct { const char *json; int domain_code; const char *needle;
  } cases[] = {
    { "{'steps': [", EASEL_ERROR_PARSE, "not valid JSON" },
    { "[1, 2]", EASEL_ERROR_INVALID_ARGUMENT, "must be a JSON object" },
    { "{'step': []}", EASEL_ERROR_INVALID_ARGUMENT, "needs a “steps” list" },
    { "{'version': 2, 'steps': []}", EASEL_ERROR_VERSION, "version 2, made by a newer Easel" },
    { "{'steps': [{'op': 'scale'}, {'columns': ['x']}]}", EASEL_ERROR_INVALID_ARGUMENT,
      "Step 2 has no “op”" },
    { "{'steps': [{'op': 'scael'}]}", EASEL_ERROR_INVALID_ARGUMENT,
      "Step 1: unknown op “scael” (known ops: drop_columns" },
    { "{'steps': [{'op': 3}]}", EASEL_ERROR_INVALID_ARGUMENT, "Step 1: “op” must be a string" },
    { "{'steps': [1]}", EASEL_ERROR_INVALID_ARGUMENT, "Step 1 is not a JSON object" },
    { "{'steps': [{'op': 'scale', 'enabled': 'no'}]}", EASEL_ERROR_INVALID_ARGUMENT,
      "Step 1 (scale), parameter “enabled”: must be true or false" },
    { "{'steps': [{'op': 'scale', 'fitted': 2}]}", EASEL_ERROR_CORRUPT,
      "Step 1 (scale), parameter “fitted”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = json_of (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselRecipe) recipe = easel_recipe_new_from_json (json, -1, &error);
      g_assert_null (recipe);
      g_assert_error (error, EASEL_ERROR, cases[i].domain_code);
      easel_assert_contains (error->message, cases[i].needle);
    }
}

static void
test_param_errors (void)
{
  struct { const char *step; const char *needle;
  } cases[] = {
    { "{'op': 'scale', 'method': 'standard'}",
      "Step 2 (scale), parameter “columns”: is required." },
    { "{'op': 'scale', 'columns': 'x', 'method': 'standard'}",
      "Step 2 (scale), parameter “columns”: must be a non-empty list of column names, not “x”." },
    { "{'op': 'scale', 'columns': [], 'method': 'standard'}",
      "parameter “columns”: must be a non-empty list" },
    { "{'op': 'scale', 'columns': ['x', 2], 'method': 'standard'}",
      "item 2 must be a non-empty string, not 2." },
    { "{'op': 'scale', 'columns': ['x'], 'method': 'zscore'}",
      "parameter “method”: must be one of standard, minmax or robust, not “zscore”." },
    { "{'op': 'scale', 'columns': ['x'], 'method': 'standard', 'with_mean': true}",
      "Step 2 (scale): unknown parameter “with_mean” (parameters: columns, method)." },
    { "{'op': 'bin', 'column': 'y', 'bins': 2.5}",
      "parameter “bins”: must be a whole number of bins" },
    { "{'op': 'one_hot_encode', 'columns': ['c'], 'max_categories': 1}",
      "parameter “max_categories”: must be 2 or more" },
    { "{'op': 'one_hot_encode', 'columns': ['c'], 'drop_first': 'yes'}",
      "parameter “drop_first”: must be true or false" },
    { "{'op': 'move_column', 'column': 'x', 'to': 'middle'}",
      "parameter “to”: must be \"start\", \"end\"" },
    { "{'op': 'move_column', 'column': 'x', 'to': {'index': -1}}", "parameter “to”: must be" },
    { "{'op': 'rename_column', 'column': 'x', 'to': ''}", "parameter “to”: must not be empty" },
    { "{'op': 'impute', 'columns': ['x'], 'strategy': 'mean', 'value': 3}",
      "parameter “value”: is only used with strategy constant" },
    { "{'op': 'ordinal_encode', 'columns': ['c', 'f'], 'order': ['a']}",
      "parameter “order”: a single list only fits" },
    { "{'op': 'ordinal_encode', 'columns': ['c'], 'order': {'z': ['a']}}",
      "gives an order for “z”" },
    { "{'op': 'formula', 'name': 'z', 'expression': 'if(x, 1'}",
      "Step 2 (formula), parameter “expression”: Expected “,” or “)” after an argument of if() "
      "(opened at position 3), "
      "found the end of the expression at position 8." },
    { "{'op': 'filter', 'column': 'x', 'operator': 'is_missing', 'value': 1}",
      "parameter “value”: is not used" },
  };
  g_autoptr(EaselTable) table = make_table ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text
          = g_strdup_printf ("{'steps': [{'op': 'drop_missing'}, %s]}", cases[i].step);
      g_autoptr(GError) error = fit_error (table, text);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
      easel_assert_contains (error->message, cases[i].needle);
    }
}

static void
test_run_errors (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GError) e1
      = fit_error (table, "{'steps': [{'op': 'drop_columns', 'columns': ['yy']}]}");
  g_autoptr(GError) e2
      = fit_error (table, "{'steps': [{'op': 'drop_columns', 'columns': ['x']},"
                          " {'op': 'impute', 'columns': ['x'], 'strategy': 'mean'}]}");
  g_autoptr(GError) e3
      = fit_error (table, "{'steps': [{'op': 'rename_column', 'column': 'x', 'to': 'y'}]}");
  g_autoptr(GError) e4
      = fit_error (table, "{'steps': [{'op': 'move_column', 'column': 'x', 'to': {'index': 6}}]}");
  g_autoptr(GError) e5 = fit_error (
      table,
      "{'steps': [{'op': 'impute', 'columns': ['x'], 'strategy': 'mean', 'add_indicator': true},"
      " {'op': 'impute', 'columns': ['x'], 'strategy': 'mean', 'add_indicator': true}]}");
  g_autoptr(EaselRecipe) unfitted
      = recipe_of ("{'steps': [{'op': 'drop_columns', 'columns': ['t']},"
                   " {'op': 'scale', 'columns': ['x'], 'method': 'minmax'}]}");
  g_autoptr(EaselRecipe) damaged
      = recipe_of ("{'steps': [{'op': 'clip_outliers', 'columns': ['x'], 'method': 'iqr',"
                   " 'fitted': {'bounds': {'x': [1]}}}]}");
  g_autoptr(EaselRecipe) lacking
      = recipe_of ("{'steps': [{'op': 'scale', 'columns': ['x', 'y'], 'method': 'minmax',"
                   " 'fitted': {'params': {'x': {'center': 0, 'scale': 1}}}}]}");
  g_autoptr(GError) e6 = NULL, e7 = NULL, e8 = NULL;
  g_autoptr(EaselTable) t6 = easel_recipe_apply (unfitted, table, NULL, NULL, NULL, &e6);
  g_autoptr(EaselTable) t7 = easel_recipe_apply (damaged, table, NULL, NULL, NULL, &e7);
  g_autoptr(EaselTable) t8 = easel_recipe_apply (lacking, table, NULL, NULL, NULL, &e8);

  g_assert_error (e1, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  easel_assert_contains (
      e1->message,
      "Step 1 (drop_columns), parameter “columns”: there is no column “yy”. Did you mean “y”?");
  g_assert_error (e2, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  easel_assert_contains (e2->message,
                         "Step 2 (impute), parameter “columns”: there is no column “x”.");
  easel_assert_contains (
      e3->message, "Step 1 (rename_column), parameter “to”: the table already has a column “y”");
  easel_assert_contains (e4->message,
                         "Step 1 (move_column), parameter “to”: index 6 is past the last column");
  easel_assert_contains (
      e5->message,
      "Step 2 (impute), parameter “add_indicator”: the table already has a column “x_was_missing”");
  g_assert_null (t6);
  easel_assert_contains (e6->message, "Step 2 (scale): the step has not been fitted");
  g_assert_null (t7);
  g_assert_error (e7, EASEL_ERROR, EASEL_ERROR_CORRUPT);
  easel_assert_contains (e7->message, "Step 1 (clip_outliers): the fitted values are damaged");
  g_assert_null (t8);
  g_assert_error (e8, EASEL_ERROR, EASEL_ERROR_CORRUPT);
  easel_assert_contains (e8->message, "have no “params” for column “y”");
}

/* The editing API */

static void
test_edit_steps (void)
{
  g_autoptr(EaselRecipe) recipe = easel_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselTable) out = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselRecipe) fitted = NULL;
  EaselStep *step;
  const char *columns[] = { "x", NULL };
  const char *dropped[] = { "t", "d", NULL };
  g_auto(GStrv) strv = NULL;
  g_autoptr(GList) params = NULL;
  g_autofree char *description = NULL;

  g_assert_null (easel_step_new ("nope", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  step = easel_step_new ("scale", &error);
  g_assert_no_error (error);
  g_assert_false (easel_step_check (step, &error));
  easel_assert_contains (error->message, "Step (scale), parameter “columns”: is required");
  g_clear_error (&error);
  easel_step_set_strv (step, "columns", columns);
  easel_step_set_string (step, "method", "minmax");
  g_assert_true (easel_step_check (step, &error));
  easel_recipe_append_step (recipe, step);

  step = easel_step_new ("drop_columns", NULL);
  easel_step_set_strv (step, "columns", dropped);
  easel_recipe_insert_step (recipe, 0, step);
  step = easel_step_new ("formula", NULL);
  easel_step_set_string (step, "name", "x2");
  easel_step_set_string (step, "expression", "x * 2");
  easel_recipe_append_step (recipe, step);
  step = easel_step_new ("bin", NULL);
  easel_step_set_string (step, "column", "y");
  easel_step_set_int (step, "bins", 2);
  easel_step_set_note (step, "two groups");
  easel_recipe_append_step (recipe, step);
  g_assert_cmpuint (easel_recipe_get_n_steps (recipe), ==, 4);
  g_assert_cmpstr (easel_step_get_op (easel_recipe_get_step (recipe, 0)), ==, "drop_columns");
  g_assert_cmpstr (easel_step_get_note (easel_recipe_get_step (recipe, 3)), ==, "two groups");

  /* move the formula first: it now sees x before scaling */
  easel_recipe_move_step (recipe, 2, 0);
  g_assert_cmpstr (easel_step_get_op (easel_recipe_get_step (recipe, 0)), ==, "formula");
  g_assert_cmpstr (easel_step_get_op (easel_recipe_get_step (recipe, 2)), ==, "scale");
  /* disable the bin step */
  easel_step_set_enabled (easel_recipe_get_step (recipe, 3), FALSE);

  fitted = easel_recipe_fit (recipe, table, &out, &reports, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_names (out, "x,y,c,f,x2");
  assert_cells (out, "x2", "2|4|-|8|200");
  assert_cells (out, "x", "0|0.010101010101010102|-|0.030303030303030304|1");
  g_assert_true (report_at (reports, 3)->skipped);
  easel_assert_contains (report_at (reports, 3)->message, "disabled");

  /* parameters */
  step = easel_recipe_get_step (fitted, 2);
  g_assert_true (easel_step_is_fitted (step));
  g_assert_cmpstr (easel_step_get_string (step, "method"), ==, "minmax");
  strv = easel_step_dup_strv (step, "columns");
  g_assert_cmpstrv (strv, columns);
  params = easel_step_list_params (step);
  g_assert_cmpuint (g_list_length (params), ==, 2);
  g_assert_cmpstr (params->data, ==, "columns");
  description = easel_step_describe (step);
  g_assert_cmpstr (description, ==, "Scale numbers: x; method minmax");
  /* changing a parameter forgets what was learned */
  easel_step_set_string (step, "method", "robust");
  g_assert_false (easel_step_is_fitted (step));
  g_assert_false (easel_recipe_is_fitted (fitted));
  easel_step_set_param (step, "method", NULL);
  g_assert_null (easel_step_get_param (step, "method"));

  easel_recipe_remove_step (recipe, 0);
  g_assert_cmpuint (easel_recipe_get_n_steps (recipe), ==, 3);
  g_assert_cmpstr (easel_step_get_op (easel_recipe_get_step (recipe, 0)), ==, "drop_columns");
}

static void
test_step_info (void)
{
  guint n = 0;
  const EaselStepInfo *const *list = easel_step_info_list (&n);
  const char                 *ops[]
      = { "drop_columns",   "rename_column",     "move_column", "cast",  "drop_missing",
          "impute",         "drop_duplicates",   "filter",      "strip", "case",
          "replace",        "clip_outliers",     "scale",       "bin",   "ordinal_encode",
          "one_hot_encode", "datetime_features", "formula" };
  const EaselStepInfo *impute = easel_step_info_lookup ("impute");
  const EaselStepParamSpec *strategy = easel_step_info_find_param (impute, "strategy");

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (ops));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (list[i]->op, ==, ops[i]);
      g_assert_true (list[i] == easel_step_info_lookup (ops[i]));
      g_assert_cmpuint (strlen (list[i]->label), >, 0);
      g_assert_cmpuint (strlen (list[i]->description), >, 0);
      g_assert_cmpuint (list[i]->n_params, >, 0);
      for (guint p = 0; p < list[i]->n_params; p++)
        {
          const EaselStepParamSpec *spec = &list[i]->params[p];
          g_assert_nonnull (spec->description);
          g_assert_true (
              (spec->choices != NULL)
              == (spec->kind == EASEL_STEP_PARAM_CHOICE || spec->kind == EASEL_STEP_PARAM_CHOICES));
          /* defaults are valid JSON */
          if (spec->default_json != NULL)
            {
              g_autoptr(JsonParser) parser = json_parser_new ();
              g_assert_true (json_parser_load_from_data (parser, spec->default_json, -1, NULL));
            }
        }
    }
  g_assert_null (easel_step_info_lookup ("nope"));
  g_assert_true (impute->needs_fit);
  g_assert_false (easel_step_info_lookup ("filter")->needs_fit);
  g_assert_nonnull (strategy);
  g_assert_true (strategy->required);
  g_assert_cmpstr (strategy->choices[2], ==, "mode");
  g_assert_null (easel_step_info_find_param (impute, "nope"));
}

static void
test_validate (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselRecipe) recipe = recipe_of (
    "{'steps': [{'op': 'impute', 'columns': ['x'], 'strategy': 'median'},"
    "  {'op': 'scale', 'columns': ['xx'], 'method': 'standard'},"
    "  {'op': 'drop_columns', 'columns': ['c']},"
    "  {'op': 'one_hot_encode', 'columns': ['c']},"
    "  {'op': 'formula', 'name': 'k', 'expression': 'x +'},"
    "  {'op': 'scale', 'columns': ['y'], 'method': 'minmax', 'enabled': false},"
    "  {'op': 'bin', 'column': 'y', 'bins': 'x', 'enabled': false},"
    "  {'op': 'filter', 'column': 'x', 'operator': '>', 'value': 1}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = easel_recipe_validate (recipe, table, 0, NULL, &error);
  g_autoptr(GPtrArray) head_errors = easel_recipe_validate (recipe, table, 2, NULL, &error);
  GError *e;

  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 8);
  g_assert_null (errors->pdata[0]);
  e = errors->pdata[1];
  g_assert_error (e, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  easel_assert_contains (
      e->message,
      "Step 2 (scale), parameter “columns”: there is no column “xx”. Did you mean “x”?");
  g_assert_null (errors->pdata[2]);
  /* c was dropped by step 3: step 4 cannot find it */
  e = errors->pdata[3];
  easel_assert_contains (e->message,
                         "Step 4 (one_hot_encode), parameter “columns”: there is no column “c”");
  e = errors->pdata[4];
  easel_assert_contains (e->message, "Step 5 (formula), parameter “expression”");
  /* disabled steps: parameters only */
  g_assert_null (errors->pdata[5]);
  e = errors->pdata[6];
  easel_assert_contains (e->message, "Step 7 (bin), parameter “bins”");
  g_assert_null (errors->pdata[7]);
  g_assert_cmpuint (head_errors->len, ==, 8);
  g_assert_nonnull (head_errors->pdata[1]);
  g_assert_null (head_errors->pdata[7]);
  /* validation leaves the recipe as it was */
  g_assert_false (easel_recipe_is_fitted (recipe));
}

static void
test_preview (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(EaselRecipe) recipe
      = recipe_of ("{'steps': [{'op': 'scale', 'columns': ['y'], 'method': 'minmax'}, {'op': "
                   "'filter', 'column': 'y', 'operator': '>', 'value': 0}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) head
      = easel_recipe_preview (recipe, table, 3, &reports, NULL, NULL, &error);
  g_autoptr(EaselRecipe) fitted = easel_recipe_fit (recipe, table, NULL, NULL, NULL, NULL, &error);
  g_autoptr(EaselTable) head2 = easel_recipe_preview (fitted, table, 100, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  /* the first three rows, scaled with the minimum and maximum of all five */
  assert_cells (head, "y", "0.25|0.5");
  assert_cells (head, "x", "2|-");
  g_assert_cmpuint (report_at (reports, 1)->rows_before, ==, 3);
  assert_cells (head2, "y", "0.25|0.5|0.75|1");
}

static void
test_reports (void)
{
  g_autoptr(EaselTable) table = make_table ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(EaselTable) out = prepare_full (table,
    "{'steps': [{'op': 'impute', 'columns': ['c'], 'strategy': 'mode', 'add_indicator': true},"
    " {'op': 'filter', 'column': 'x', 'operator': '<', 'value': 50},"
    " {'op': 'one_hot_encode', 'columns': ['c']},"
    " {'op': 'rename_column', 'column': 'y', 'to': 'why'},"
    " {'op': 'drop_columns', 'columns': ['t']}]}", NULL, &reports);
  const EaselStepReport *r;
  const char *added[] = { "c_was_missing", NULL };
  const char *dummies[] = { "c_a", "c_b", NULL };
  const char *c[] = { "c", NULL };

  r = report_at (reports, 0);
  g_assert_cmpuint (r->index, ==, 0);
  g_assert_cmpstr (r->op, ==, "impute");
  g_assert_cmpuint (r->values_changed, ==, 1);
  g_assert_cmpuint (r->columns_before, ==, 6);
  g_assert_cmpuint (r->columns_after, ==, 7);
  g_assert_cmpstrv (r->columns_added, added);
  g_assert_cmpstr (r->message, ==, "Changed 1 value, added 1 column (c_was_missing).");
  g_assert_cmpfloat (r->seconds, >=, 0);
  r = report_at (reports, 1);
  g_assert_cmpuint (r->rows_before, ==, 5);
  g_assert_cmpuint (r->rows_after, ==, 3);
  g_assert_cmpstr (r->message, ==, "Removed 2 of 5 rows.");
  r = report_at (reports, 2);
  g_assert_cmpstrv (r->columns_added, dummies);
  g_assert_cmpstrv (r->columns_removed, c);
  r = report_at (reports, 3);
  g_assert_cmpstr (r->message, ==, "Renamed y to why.");
  r = report_at (reports, 4);
  g_assert_cmpstr (r->message, ==, "Removed 1 column (t).");
  assert_names (out, "x,why,c_a,c_b,c_was_missing,f,d");
}

static void
progress_cb (EaselProgress *progress,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
}

static void
test_progress_and_cancel (void)
{
  gsize n = 200000;
  double *v = g_new (double, n);
  g_autoptr(EaselTable) table = easel_table_new ();
  g_autoptr(EaselRecipe) recipe
      = recipe_of ("{'steps': [{'op': 'formula', 'name': 'w', 'expression': 'v * 2'}, {'op': "
                   "'scale', 'columns': ['w'], 'method': 'standard'}]}");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  g_autoptr(EaselProgress) progress = easel_progress_new (progress_cb, &notified, NULL);
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(EaselRecipe) cancelled = NULL;
  g_autoptr(EaselTable) out = NULL;

  for (gsize i = 0; i < n; i++)
    v[i] = (double) (i % 1000);
  easel_table_add_column (table, easel_column_new_numeric ("v", n, v, NULL));
  fitted = easel_recipe_fit (recipe, table, &out, NULL, progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 1.0);
  g_assert_cmpuint (notified, >, 0);
  /* mean of 0..999 (×2) is 999, population std of 2·(0..999) is 2·sqrt((1000² − 1) / 12) */
  easel_assert_close (easel_test_column (out, "w")->num[0], -999.0 / (2 * sqrt ((1e6 - 1) / 12)),
                      1e-12);

  g_cancellable_cancel (cancellable);
  cancelled = easel_recipe_fit (recipe, table, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Large tables: the parallel paths give what the serial ones give. */
static void
test_many_rows (void)
{
  gsize n = 150001;
  double *a = g_new (double, n);
  const char **s = g_new (const char *, n);
  const char **t = g_new (const char *, n);
  static const char *words[] = { " red", "green ", "blue", NULL, "Red" };
  g_autoptr(EaselTable) table = easel_table_new ();
  g_autoptr(EaselTable) out = NULL;
  gsize kept = 0;

  for (gsize i = 0; i < n; i++)
    {
      a[i] = (i % 101 == 0) ? NAN : (double) ((i * 7919) % 1000);
      s[i] = words[i % 5];
      t[i] = words[(i / 3) % 5];
    }
  easel_table_add_column (table, easel_column_new_numeric ("a", n, a, NULL));
  easel_table_add_column (table,
                          easel_column_new_from_strings ("s", EASEL_COLUMN_CATEGORICAL, s, n));
  easel_table_add_column (table, easel_column_new_from_strings ("t", EASEL_COLUMN_TEXT, t, n));
  out = prepare (
      table,
      "{'steps': [{'op': 'strip', 'columns': ['s', 't']}, {'op': 'case', 'columns': ['s', 't'], "
      "'to': 'lower'},"
      " {'op': 'impute', 'columns': ['a'], 'strategy': 'constant', 'value': -1},"
      " {'op': 'filter', 'column': 'a', 'operator': '<', 'value': 500},"
      " {'op': 'one_hot_encode', 'columns': ['s']}, {'op': 'ordinal_encode', 'columns': ['t']}]}");
  for (gsize i = 0, j = 0; i < n; i++)
    {
      double v = (i % 101 == 0) ? -1 : (double) ((i * 7919) % 1000);
      const char *w = words[(i / 3) % 5];
      double      code = w == NULL       ? NAN
                         : w == words[2] ? 0
                         : w == words[1] ? 1
                                         : 2; /* blue, green, red */
      if (v >= 500)
        continue;
      easel_assert_same_double (easel_test_column (out, "a")->num[j], v);
      g_assert_cmpfloat (easel_test_column (out, "s_red")->num[j], ==,
                         (i % 5 == 0 || i % 5 == 4) ? 1 : 0);
      g_assert_cmpfloat (easel_test_column (out, "s_blue")->num[j], ==, i % 5 == 2 ? 1 : 0);
      if (isnan (code))
        g_assert_true (easel_column_is_missing (easel_test_column (out, "t"), j));
      else
        g_assert_cmpfloat (easel_test_column (out, "t")->num[j], ==, code);
      j++;
      kept = j;
    }
  g_assert_cmpuint (easel_table_get_n_rows (out), ==, kept);
  assert_names (out, "a,s_blue,s_green,s_red,t");
  g_free (s);
  g_free (t);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/recipe/drop-rename-move", test_drop_rename_move);
  easel_test_add ("/recipe/cast", test_cast);
  easel_test_add ("/recipe/drop-missing", test_drop_missing);
  easel_test_add ("/recipe/impute", test_impute);
  easel_test_add ("/recipe/drop-duplicates", test_drop_duplicates);
  easel_test_add ("/recipe/filter", test_filter);
  easel_test_add ("/recipe/strip-case-replace", test_strip_case_replace);
  easel_test_add ("/recipe/clip-outliers", test_clip_outliers);
  easel_test_add ("/recipe/scale", test_scale);
  easel_test_add ("/recipe/bin", test_bin);
  easel_test_add ("/recipe/ordinal-encode", test_ordinal_encode);
  easel_test_add ("/recipe/one-hot-encode", test_one_hot_encode);
  easel_test_add ("/recipe/datetime-features", test_datetime_features);
  easel_test_add ("/recipe/formula", test_formula);
  easel_test_add ("/recipe/json-round-trip", test_json_round_trip);
  easel_test_add ("/recipe/load-errors", test_load_errors);
  easel_test_add ("/recipe/param-errors", test_param_errors);
  easel_test_add ("/recipe/run-errors", test_run_errors);
  easel_test_add ("/recipe/edit-steps", test_edit_steps);
  easel_test_add ("/recipe/step-info", test_step_info);
  easel_test_add ("/recipe/validate", test_validate);
  easel_test_add ("/recipe/preview", test_preview);
  easel_test_add ("/recipe/reports", test_reports);
  easel_test_add ("/recipe/progress-and-cancel", test_progress_and_cancel);
  easel_test_add ("/recipe/many-rows", test_many_rows);
  return g_test_run ();
}
