/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* EaselDesign: the problem type and classes from the target, and the feature encoders
 * fitted on training rows only. Expected values are worked out by hand in the comments. */

#include "easel-test-util.h"
#include "easel-design.h"

/* A table from CSV text; 'forced' is "col=type,col=type" or NULL. */
static EaselTable *
table_from_csv (const char *csv,
                const char *forced)
{
  EaselCsvOptions options;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pairs = forced ? g_strsplit (forced, ",", -1) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree EaselColumnType *types = g_new0 (EaselColumnType, 8);
  EaselTable *table;

  easel_csv_options_init (&options);
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_ptr_array_add (names, g_strndup (pairs[i], eq - pairs[i]));
      g_assert_true (easel_column_type_from_string (eq + 1, &types[i]));
    }
  g_ptr_array_add (names, NULL);
  options.type_names = (char **) names->pdata;
  options.types = types;
  table = easel_csv_read_data ("test", csv, strlen (csv), &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return table;
}

/* A CSV with one numeric feature and a target column of the given values. */
static EaselTable *
target_table (const char *const *values,
              gsize              n)
{
  GString *s = g_string_new ("x,y\n");

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%" G_GSIZE_FORMAT ",%s\n", i, values[i]);
  {
    EaselTable *t = table_from_csv (s->str, NULL);
    g_string_free (s, TRUE);
    return t;
  }
}

static EaselProblem
problem_of (const char *const *values,
            gsize              n,
            GError           **error)
{
  g_autoptr(EaselTable) t = target_table (values, n);
  g_autoptr(EaselDesign) d = easel_design_new (t, "y", NULL, error);

  return d ? easel_design_get_problem (d) : EASEL_PROBLEM_AUTO;
}

static void
test_problem_detection (void)
{
  char *many[200];
  g_autoptr(GError) error = NULL;
  const char *two[] = { "0", "1", "1", "0" };
  const char *halves[] = { "0.5", "1.5", "0.5" };
  const char *words[] = { "cat", "dog", "cat", "bird" };
  const char *flags[] = { "true", "false", "true" };
  const char *one[] = { "7", "7", "7" };

  for (int i = 0; i < 200; i++)
    many[i] = g_strdup_printf ("%d", i);
  /* integers: 20 distinct → classes, 21 → a number */
  g_assert_cmpint (problem_of ((const char **) many, 20, NULL), ==, EASEL_PROBLEM_MULTICLASS);
  g_assert_cmpint (problem_of ((const char **) many, 21, NULL), ==, EASEL_PROBLEM_REGRESSION);
  g_assert_cmpint (problem_of (two, 4, NULL), ==, EASEL_PROBLEM_BINARY);
  /* two values, but not integers: a number */
  g_assert_cmpint (problem_of (halves, 3, NULL), ==, EASEL_PROBLEM_REGRESSION);
  g_assert_cmpint (problem_of (words, 4, NULL), ==, EASEL_PROBLEM_MULTICLASS);
  g_assert_cmpint (problem_of (flags, 3, NULL), ==, EASEL_PROBLEM_BINARY);

  g_assert_cmpint (problem_of (one, 3, &error), ==, EASEL_PROBLEM_AUTO);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "single value");
  g_clear_error (&error);

  /* 101 distinct words: too many classes, with a suggestion */
  {
    char *w[101];
    for (int i = 0; i < 101; i++)
      w[i] = g_strdup_printf ("w%d", i);
    g_assert_cmpint (problem_of ((const char **) w, 101, &error), ==, EASEL_PROBLEM_AUTO);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
    easel_assert_contains (error->message, "101 distinct values");
    easel_assert_contains (error->message, "numeric");
    for (int i = 0; i < 101; i++)
      g_free (w[i]);
  }
  for (int i = 0; i < 200; i++)
    g_free (many[i]);
}

static void
test_target_errors (void)
{
  g_autoptr(EaselTable) t = table_from_csv ("a,b,when\n1,x,2024-01-01\n2,y,2024-01-02\n"
                                            "3,z,2024-01-03\n", NULL);
  g_autoptr(GError) error = NULL;
  EaselDesignOptions o = { 0 };

  g_assert_null (easel_design_new (t, "nope", NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  easel_assert_contains (error->message, "“nope”");
  easel_assert_contains (error->message, "a, b, when");
  g_clear_error (&error);

  g_assert_null (easel_design_new (t, "when", NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "dates");
  g_clear_error (&error);

  o.problem = EASEL_PROBLEM_REGRESSION;
  g_assert_null (easel_design_new (t, "b", &o, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "regression");
  g_clear_error (&error);

  o.problem = EASEL_PROBLEM_BINARY;
  g_assert_null (easel_design_new (t, "b", &o, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "3 distinct values");
  g_clear_error (&error);

  /* forcing works the other way: small integers as a number */
  o.problem = EASEL_PROBLEM_REGRESSION;
  {
    g_autoptr(EaselDesign) d = easel_design_new (t, "a", &o, &error);
    g_assert_no_error (error);
    g_assert_cmpint (easel_design_get_problem (d), ==, EASEL_PROBLEM_REGRESSION);
    g_assert_cmpuint (easel_design_get_n_classes (d), ==, 0);
  }
}

static void
test_classes_and_positive (void)
{
  g_autoptr(EaselTable) nums = table_from_csv ("x,y\n1,10\n2,9\n3,2\n4,10\n5,9\n", NULL);
  g_autoptr(EaselTable) words = table_from_csv ("x,y\n1,b\n2,a\n3,C\n4,b\n5,a\n6,b\n", NULL);
  g_autoptr(EaselTable) bin = table_from_csv ("x,y\n1,no\n2,yes\n3,no\n4,no\n5,\n",
                                              "y=categorical");
  g_autoptr(GError) error = NULL;
  EaselDesignOptions o = { 0 };
  gint32 labels[6];
  gsize missing = 99;

  {
    /* numeric classes in numeric order, not text order */
    g_autoptr(EaselDesign) d = easel_design_new (nums, "y", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (easel_design_get_n_classes (d), ==, 3);
    g_assert_cmpstr (easel_design_get_class (d, 0), ==, "2");
    g_assert_cmpstr (easel_design_get_class (d, 1), ==, "9");
    g_assert_cmpstr (easel_design_get_class (d, 2), ==, "10");
    g_assert_true (easel_design_get_labels (d, nums, labels, NULL, &error));
    g_assert_cmpint (labels[0], ==, 2);
    g_assert_cmpint (labels[2], ==, 0);
    g_assert_cmpint (easel_design_get_positive (d), ==, -1);
  }
  {
    /* strings in code-point order, as numpy sorts them: "C" < "a" < "b" */
    g_autoptr(EaselDesign) d = easel_design_new (words, "y", NULL, &error);
    g_assert_cmpstr (easel_design_get_class (d, 0), ==, "C");
    g_assert_cmpstr (easel_design_get_class (d, 1), ==, "a");
    g_assert_cmpstr (easel_design_get_class (d, 2), ==, "b");
  }
  {
    /* binary: the rarer class is positive by default; a missing target is counted */
    g_autoptr(EaselDesign) d = easel_design_new (bin, "y", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (easel_design_get_problem (d), ==, EASEL_PROBLEM_BINARY);
    g_assert_cmpstr (easel_design_get_class (d, easel_design_get_positive (d)), ==, "yes");
    g_assert_cmpuint (easel_design_get_n_missing_target (d), ==, 1);
    g_assert_true (easel_design_get_labels (d, bin, labels, &missing, &error));
    g_assert_cmpuint (missing, ==, 1);
    g_assert_cmpint (labels[4], ==, -1);
    g_assert_cmpint (labels[1], ==, 1);
  }
  o.positive = "no";
  {
    g_autoptr(EaselDesign) d = easel_design_new (bin, "y", &o, &error);
    g_assert_cmpstr (easel_design_get_class (d, easel_design_get_positive (d)), ==, "no");
  }
  o.positive = "maybe";
  g_assert_null (easel_design_new (bin, "y", &o, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "“maybe”");
  easel_assert_contains (error->message, "“no” and “yes”");
  g_clear_error (&error);
  o.positive = "a";
  g_assert_null (easel_design_new (words, "y", &o, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* another table with a class never seen: an error naming it */
  {
    g_autoptr(EaselDesign) d = easel_design_new (words, "y", NULL, &error);
    g_autoptr(EaselTable) other = table_from_csv ("x,y\n1,a\n2,zebra\n", NULL);
    g_assert_false (easel_design_get_labels (d, other, labels, NULL, &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
    easel_assert_contains (error->message, "“zebra”");
    easel_assert_contains (error->message, "Row 2");
  }
}

static void
test_numbers_fitted_on_training_rows (void)
{
  /* x: 1, missing, 3 in the training rows 0-2; 100 and 7 elsewhere. Median of the
   * training rows 2; after imputation 1, 2, 3: mean 2, population std √(2/3). */
  g_autoptr(EaselTable) t = table_from_csv ("x,y\n1,a\n,b\n3,a\n100,b\n7,a\n", NULL);
  g_autoptr(EaselDesign) d = easel_design_new (t, "y", NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint32 train[] = { 0, 1, 2 };
  g_autofree float *x = NULL;
  const EaselFeature *f;
  double sd = sqrt (2.0 / 3.0);

  g_assert_true (easel_design_fit (d, t, train, 3, EASEL_ENCODE_STANDARDIZE, &error));
  g_assert_cmpuint (easel_design_get_n_features (d), ==, 1);
  f = easel_design_get_feature (d, 0);
  g_assert_cmpstr (f->name, ==, "x");
  g_assert_cmpint (f->kind, ==, EASEL_FEATURE_NUMBER);
  g_assert_cmpfloat_with_epsilon (f->center, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (f->scale, sd, 1e-12);

  x = easel_design_encode (d, t, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (x[0], (1 - 2) / sd, 1e-6);
  g_assert_cmpfloat_with_epsilon (x[1], 0.0, 1e-6);   /* missing → the training median */
  g_assert_cmpfloat_with_epsilon (x[3], (100 - 2) / sd, 1e-4);
  g_assert_cmpfloat_with_epsilon (x[4], (7 - 2) / sd, 1e-5);

  /* Without standardisation the numbers pass through, imputed. */
  g_assert_true (easel_design_fit (d, t, train, 3, 0, &error));
  g_clear_pointer (&x, g_free);
  x = easel_design_encode (d, t, NULL, 0, 0, NULL, &error);
  g_assert_cmpfloat (x[1], ==, 2.0f);
  g_assert_cmpfloat (x[3], ==, 100.0f);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_median_imputation (void)
{
  /* Columns of 1 to 300 values with many ties, and one missing value: the missing row is
   * imputed with the median of the others, as numpy computes it from sorted values. */
  guint64 state = 12345;

  for (gsize n = 1; n <= 300; n += (n < 20 ? 1 : 7))
    {
      g_autoptr(EaselTable) t = easel_table_new ();
      double *x = g_new (double, n + 1), *y = g_new (double, n + 1);
      g_autofree double *sorted = g_new (double, n);
      g_autoptr(EaselDesign) d = NULL;
      g_autofree float *enc = NULL;
      g_autoptr(GError) error = NULL;
      double expected;

      for (gsize i = 0; i < n; i++)
        {
          state = state * 6364136223846793005ULL + 1442695040888963407ULL;
          x[i] = (double) ((state >> 33) % (n / 3 + 2)) - 3.5;
          sorted[i] = x[i];
          y[i] = (double) i + 0.5;
        }
      x[n] = NAN;
      y[n] = 0.25;
      qsort (sorted, n, sizeof (double), compare_doubles);
      expected = easel_quantile_sorted (sorted, n, 0.5);
      easel_table_add_column (t, easel_column_new_numeric ("x", n + 1, x, NULL));
      easel_table_add_column (t, easel_column_new_numeric ("y", n + 1, y, NULL));
      d = easel_design_new (t, "y", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (easel_design_fit (d, t, NULL, 0, 0, &error));
      enc = easel_design_encode (d, t, NULL, 0, 0, NULL, &error);
      g_assert_cmpfloat (enc[n], ==, (float) expected);
    }
}

static void
test_categories (void)
{
  /* c: a×5, b×3, c×2, d×1 in training (and a missing value); with 2 levels kept: a, b
   * and "other" for c and d. */
  g_autoptr(EaselTable) t = table_from_csv ("c,y\na,1\nb,0\na,1\nc,0\nb,1\na,0\nd,1\nc,0\n"
                                            "a,1\nb,0\na,1\n,0\n", NULL);
  g_autoptr(EaselTable) later = table_from_csv ("c,k\nb,1\nd,1\nzebra,1\n,1\nzebra,1\na,1\n",
                                                "c=categorical");
  g_autoptr(EaselDesign) d = easel_design_new (t, "y", &(EaselDesignOptions) { .max_levels = 2 },
                                               NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree float *x = NULL;
  float expected[6][3] = {
    { 0, 1, 0 }, { 0, 0, 1 }, { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 }, { 1, 0, 0 },
  };
  const GPtrArray *notes;

  g_assert_true (easel_design_fit (d, t, NULL, 0, EASEL_ENCODE_STANDARDIZE, &error));
  g_assert_cmpuint (easel_design_get_n_features (d), ==, 3);
  g_assert_cmpstr (easel_design_get_feature (d, 0)->name, ==, "c=a");
  g_assert_cmpstr (easel_design_get_feature (d, 1)->name, ==, "c=b");
  g_assert_cmpstr (easel_design_get_feature (d, 2)->name, ==, "c=(other)");
  /* indicators are not standardised */
  g_assert_cmpfloat (easel_design_get_feature (d, 0)->scale, ==, 1.0);
  notes = easel_design_get_notes (d);
  g_assert_cmpuint (notes->len, ==, 1);
  easel_assert_contains (notes->pdata[0], "grouped as “other”");

  /* later rows: b, d (other), zebra (never seen: missing), missing, zebra, a */
  x = easel_design_encode (d, later, NULL, 0, 0, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (x, sizeof expected, expected, sizeof expected);
  g_assert_cmpuint (warnings->len, ==, 1);
  easel_assert_contains (warnings->pdata[0], "Column “c”: 2 values never seen");
  easel_assert_contains (warnings->pdata[0], "“zebra”");

  /* as category codes: a 0, b 1, other 2, missing or unseen −1 */
  g_assert_true (easel_design_fit (d, t, NULL, 0, EASEL_ENCODE_CATEGORY_CODES, &error));
  g_assert_cmpuint (easel_design_get_n_features (d), ==, 1);
  g_assert_cmpint (easel_design_get_feature (d, 0)->kind, ==, EASEL_FEATURE_CATEGORY);
  g_assert_cmpuint (easel_design_get_feature (d, 0)->n_levels, ==, 3);
  g_clear_pointer (&x, g_free);
  x = easel_design_encode (d, later, NULL, 0, 0, NULL, &error);
  {
    float codes[] = { 1, 2, -1, -1, -1, 0 };
    g_assert_cmpmem (x, sizeof codes, codes, sizeof codes);
  }
}

static void
test_booleans_dates_text (void)
{
  /* flag: true, true, false, missing → 1, 1, 0, and the majority (1) for the missing;
   * when: 2024-03-15 is a Friday (weekday 4, Monday = 0); note: free text, left out. */
  g_autoptr(EaselTable) t = table_from_csv (
    "flag,when,note,y\n"
    "true,2024-03-15,the quick brown fox,1\n"
    "true,2023-12-31,jumps over,0\n"
    "false,,the lazy dog,1\n"
    ",2024-02-29,again,0\n", "note=text");
  g_autoptr(EaselDesign) d = easel_design_new (t, "y", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree float *x = NULL;
  const GPtrArray *notes;
  guint p;

  g_assert_true (easel_design_fit (d, t, NULL, 0, 0, &error));
  p = easel_design_get_n_features (d);
  g_assert_cmpuint (p, ==, 5);
  g_assert_cmpstr (easel_design_get_feature (d, 0)->name, ==, "flag");
  g_assert_cmpint (easel_design_get_feature (d, 0)->kind, ==, EASEL_FEATURE_BOOLEAN);
  g_assert_cmpstr (easel_design_get_feature (d, 1)->name, ==, "when.year");
  g_assert_cmpstr (easel_design_get_feature (d, 4)->name, ==, "when.weekday");
  g_assert_false (easel_design_input_is_used (d, 2));
  notes = easel_design_get_notes (d);
  g_assert_cmpuint (notes->len, ==, 1);
  easel_assert_contains (notes->pdata[0], "“note” is free text");

  x = easel_design_encode (d, t, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  {
    float row0[] = { 1, 2024, 3, 15, 4 };
    float row1[] = { 1, 2023, 12, 31, 6 };   /* a Sunday */
    /* missing date: medians of the parts over 3 dates (2024, 3, 29, 4 — 2024-02-29 was
     * a Thursday, weekday 3; the median weekday of 4, 6, 3 is 4) */
    float row2[] = { 0, 2024, 3, 29, 4 };
    float row3[] = { 1, 2024, 2, 29, 3 };
    g_assert_cmpmem (x, sizeof row0, row0, sizeof row0);
    g_assert_cmpmem (x + p, sizeof row1, row1, sizeof row1);
    g_assert_cmpmem (x + 2 * p, sizeof row2, row2, sizeof row2);
    g_assert_cmpmem (x + 3 * p, sizeof row3, row3, sizeof row3);
  }
}

static void
test_schema_checks (void)
{
  g_autoptr(EaselTable) t = table_from_csv ("a,b,c,y\n1,x,2,p\n2,y,3,q\n3,x,4,p\n", NULL);
  g_autoptr(EaselDesign) d = easel_design_new (t, "y", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  g_autofree float *x = NULL;

  g_assert_true (easel_design_fit (d, t, NULL, 0, 0, &error));

  /* a missing column: listed */
  {
    g_autoptr(EaselTable) lacks = table_from_csv ("b,extra\nx,1\n", NULL);
    missing = easel_design_missing_columns (d, lacks);
    g_assert_nonnull (missing);
    g_assert_cmpstr (missing[0], ==, "a");
    g_assert_cmpstr (missing[1], ==, "c");
    g_assert_null (missing[2]);
    g_assert_null (easel_design_encode (d, lacks, NULL, 0, 0, NULL, &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
    easel_assert_contains (error->message, "“a”, “c”");
    g_clear_error (&error);
  }
  /* numbers written as text convert; an extra column is ignored */
  {
    g_autoptr(EaselTable) as_text = table_from_csv ("c,b,a,z\n5,y, 4 ,q\n", "a=categorical,c=text");
    x = easel_design_encode (d, as_text, NULL, 0, 0, NULL, &error);
    g_assert_no_error (error);
    /* features: a, b=x, b=y, c */
    g_assert_cmpfloat (x[0], ==, 4.0f);
    g_assert_cmpfloat (x[1], ==, 0.0f);
    g_assert_cmpfloat (x[2], ==, 1.0f);
    g_assert_cmpfloat (x[3], ==, 5.0f);
  }
  /* a value that is not a number: the column and the row, or the line */
  {
    g_autoptr(EaselTable) bad = table_from_csv ("a,b,c\n1,x,2\nabc,y,3\n", NULL);
    g_assert_null (easel_design_encode (d, bad, NULL, 0, 0, NULL, &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TYPE);
    easel_assert_contains (error->message, "Column “a”, row 2");
    easel_assert_contains (error->message, "“abc”");
    g_clear_error (&error);
    g_assert_null (easel_design_encode (d, bad, NULL, 0, 2, NULL, &error));
    easel_assert_contains (error->message, "line 3");
    g_clear_error (&error);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/design/problem-detection", test_problem_detection);
  easel_test_add ("/design/target-errors", test_target_errors);
  easel_test_add ("/design/classes-positive", test_classes_and_positive);
  easel_test_add ("/design/numbers-training-rows", test_numbers_fitted_on_training_rows);
  easel_test_add ("/design/median-imputation", test_median_imputation);
  easel_test_add ("/design/categories", test_categories);
  easel_test_add ("/design/booleans-dates-text", test_booleans_dates_text);
  easel_test_add ("/design/schema-checks", test_schema_checks);
  return g_test_run ();
}
