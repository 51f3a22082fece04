/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Small helpers shared by the core test programs. */

#include <math.h>
#include <string.h>

#include "easel-core.h"

G_BEGIN_DECLS

/* Each test runs in its own process: a failed assertion, a crash or a sanitizer report in one
 * test fails that test only, and the others still run. The parent only checks the child. */
#define EASEL_TEST_RUN_CHILD_OR_RETURN() \
  G_STMT_START { \
    if (!g_test_subprocess ()) \
      { \
        g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR); \
        g_test_set_nonfatal_assertions (); \
        g_test_trap_assert_passed (); \
        return; \
      } \
  } G_STMT_END

typedef void (*EaselTestFunc) (void);

static inline void
easel_test_run_isolated (gconstpointer data)
{
  EASEL_TEST_RUN_CHILD_OR_RETURN ();
  ((EaselTestFunc) data) ();
}

#define easel_test_add(path, func) \
  g_test_add_data_func ((path), (gconstpointer) (func), easel_test_run_isolated)

/* Asserts that 'haystack' contains 'needle', printing both when it does not. */
#define easel_assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *__h = (haystack); \
    const char *__n = (needle); \
    if (__h == NULL || strstr (__h, __n) == NULL) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("expected \"%s\" to contain \"%s\"", \
                                            __h ? __h : "(null)", __n)); \
  } G_STMT_END

/* TRUE if 'message' says "line N" for exactly this N (so "line 30" is not "line 3"). */
static inline gboolean
easel_test_names_line (const char *message,
                       guint64     line)
{
  g_autofree char *needle = g_strdup_printf ("line %" G_GUINT64_FORMAT, line);
  const char *p = message;

  while (p != NULL && (p = strstr (p, needle)) != NULL)
    {
      p += strlen (needle);
      if (!g_ascii_isdigit (*p))
        return TRUE;
    }
  return FALSE;
}

#define easel_assert_line(message, line) \
  G_STMT_START { \
    const char *__m = (message); \
    guint64 __l = (line); \
    if (__m == NULL || !easel_test_names_line (__m, __l)) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("expected \"%s\" to name line %" \
                                            G_GUINT64_FORMAT, __m ? __m : "(null)", __l)); \
  } G_STMT_END

/* Asserts that two doubles are the same bit pattern (so -0.0 != 0.0, NaN == NaN). */
#define easel_assert_same_double(a, b) \
  G_STMT_START { \
    double __a = (a), __b = (b); \
    if (memcmp (&__a, &__b, sizeof (double)) != 0) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("expected %.17g (%a), got %.17g (%a)", \
                                            __b, __b, __a, __a)); \
  } G_STMT_END

/* Asserts |a - b| <= tol * max(1, |b|). */
#define easel_assert_close(a, b, tol) \
  G_STMT_START { \
    double __a = (a), __b = (b), __t = (tol); \
    if (!(fabs (__a - __b) <= __t * MAX (1.0, fabs (__b)))) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("expected %.17g, got %.17g (tolerance %g)", \
                                            __b, __a, __t)); \
  } G_STMT_END

/* Asserts that the value of a cell, as easel_column_dup_value() formats it, is 'expected'
 * (NULL = missing). */
#define easel_assert_cell(column, row, expected) \
  G_STMT_START { \
    const EaselColumn *__c = (column); \
    gsize __r = (row); \
    const char *__e = (expected); \
    char *__v = easel_column_dup_value (__c, __r); \
    if (g_strcmp0 (__v, __e) != 0) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("column \"%s\" row %" G_GSIZE_FORMAT \
                                            ": expected \"%s\", got \"%s\"", \
                                            __c->name, __r, __e ? __e : "(missing)", \
                                            __v ? __v : "(missing)")); \
    g_free (__v); \
  } G_STMT_END

/* Checks the invariants every column must keep, whatever made it. */
static inline void
easel_test_check_column (const EaselColumn *column,
                         gsize              n_rows)
{
  gsize n_missing = 0;

  g_assert_nonnull (column);
  g_assert_nonnull (column->name);
  g_assert_true (g_utf8_validate (column->name, -1, NULL));
  g_assert_cmpuint (column->n_rows, ==, n_rows);
  g_assert_cmpint (column->type, >=, 0);
  g_assert_cmpint (column->type, <, EASEL_N_COLUMN_TYPES);

  for (gsize i = 0; i < n_rows; i++)
    {
      gboolean missing = easel_column_is_missing (column, i);

      n_missing += missing ? 1 : 0;
      switch (column->type)
        {
        case EASEL_COLUMN_NUMERIC:
        case EASEL_COLUMN_DATETIME:
          g_assert_nonnull (column->num);
          if (missing)
            g_assert_true (isnan (column->num[i]));
          break;
        case EASEL_COLUMN_CATEGORICAL:
          g_assert_nonnull (column->codes);
          if (missing)
            g_assert_cmpint (column->codes[i], ==, -1);
          else
            {
              g_assert_cmpint (column->codes[i], >=, 0);
              g_assert_cmpint (column->codes[i], <, (gint64) column->n_categories);
            }
          break;
        case EASEL_COLUMN_BOOLEAN:
          g_assert_nonnull (column->bools);
          if (!missing)
            g_assert_cmpuint (column->bools[i], <=, 1);
          break;
        case EASEL_COLUMN_TEXT:
          g_assert_nonnull (column->offsets);
          g_assert_cmpuint (column->offsets[i], <=, column->offsets[i + 1]);
          if (!missing)
            g_assert_true (g_utf8_validate (easel_column_get_string (column, i), -1, NULL));
          break;
        case EASEL_N_COLUMN_TYPES:
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (column->n_missing, ==, n_missing);
  for (guint32 k = 0; column->type == EASEL_COLUMN_CATEGORICAL && k < column->n_categories; k++)
    {
      g_assert_nonnull (column->categories[k]);
      g_assert_true (g_utf8_validate (column->categories[k], -1, NULL));
    }
}

static inline void
easel_test_check_table (const EaselTable *table)
{
  gsize n_rows = easel_table_get_n_rows (table);

  for (guint c = 0; c < easel_table_get_n_columns (table); c++)
    easel_test_check_column (easel_table_get_column (table, c), n_rows);
}

/* The column called 'name', failing the test when there is none. */
static inline EaselColumn *
easel_test_column (const EaselTable *table,
                   const char       *name)
{
  int index = easel_table_find_column (table, name);

  if (index < 0)
    g_error ("the table has no column \"%s\"", name);
  return easel_table_get_column (table, (guint) index);
}

/* TRUE if some warning of the report contains every one of the NULL-terminated needles. */
static inline gboolean
easel_test_report_has_warning (const EaselCsvReport *report,
                               const char           *needle,
                               ...)
{
  for (guint i = 0; report->warnings != NULL && i < report->warnings->len; i++)
    {
      const char *w = g_ptr_array_index (report->warnings, i);
      gboolean all = TRUE;
      va_list ap;

      va_start (ap, needle);
      for (const char *n = needle; n != NULL; n = va_arg (ap, const char *))
        if (strstr (w, n) == NULL)
          all = FALSE;
      va_end (ap);
      if (all)
        return TRUE;
    }
  return FALSE;
}

/* TRUE if some warning of the report names exactly line 'line'. */
static inline gboolean
easel_test_report_names_line (const EaselCsvReport *report,
                              guint64               line)
{
  for (guint i = 0; report->warnings != NULL && i < report->warnings->len; i++)
    if (easel_test_names_line (g_ptr_array_index (report->warnings, i), line))
      return TRUE;
  return FALSE;
}

static inline char *
easel_test_report_dump (const EaselCsvReport *report)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; report->warnings != NULL && i < report->warnings->len; i++)
    g_string_append_printf (s, "[%s] ", (const char *) g_ptr_array_index (report->warnings, i));
  return g_string_free (s, FALSE);
}

G_END_DECLS
