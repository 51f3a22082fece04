/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "easel-table.h"
#include "easel-datetime.h"
#include "easel-names.h"

struct _EaselTable
{
  gatomicrefcount  ref_count;
  GPtrArray       *columns;   /* EaselColumn* */
  gsize            n_rows;
  char            *source;
};

static const char *type_names[EASEL_N_COLUMN_TYPES] = {
  "numeric", "categorical", "text", "boolean", "datetime",
};

const char *
easel_column_type_to_string (EaselColumnType type)
{
  g_return_val_if_fail (type < EASEL_N_COLUMN_TYPES, NULL);
  return type_names[type];
}

/* The same names inside a sentence for a person, such as “age” is numeric. */
static const char *type_words[EASEL_N_COLUMN_TYPES] = {
  NC_("column type", "numeric"), NC_("column type", "categorical"), NC_("column type", "text"),
  NC_("column type", "boolean"), NC_("column type", "datetime"),
};

const char *
easel_column_type_to_words (EaselColumnType type)
{
  g_return_val_if_fail (type < EASEL_N_COLUMN_TYPES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "column type", type_words[type]);
}

gboolean
easel_column_type_from_string (const char      *name,
                               EaselColumnType *type)
{
  int i = easel_names_lookup (type_names, EASEL_N_COLUMN_TYPES, name);

  if (i < 0)
    return FALSE;
  *type = (EaselColumnType) i;
  return TRUE;
}

static gsize
count_missing (const guint8 *missing,
               gsize         n)
{
  gsize count = 0;

  if (missing == NULL)
    return 0;
  for (gsize i = 0; i < n; i++)
    count += missing[i] != 0;
  return count;
}

/* A mask with nothing set is dropped, so that "no missing value" is always missing == NULL. */
static void
normalise_mask (EaselColumn *column)
{
  column->n_missing = count_missing (column->missing, column->n_rows);
  if (column->n_missing == 0)
    g_clear_pointer (&column->missing, g_free);
}

static EaselColumn *
column_new (const char      *name,
            EaselColumnType  type,
            gsize            n_rows,
            guint8          *missing)
{
  EaselColumn *column = g_new0 (EaselColumn, 1);

  column->name = g_strdup (name);
  column->type = type;
  column->n_rows = n_rows;
  column->missing = missing;
  return column;
}

EaselColumn *
easel_column_new_numeric (const char *name,
                          gsize       n_rows,
                          double     *values,
                          guint8     *missing)
{
  EaselColumn *column = column_new (name, EASEL_COLUMN_NUMERIC, n_rows, missing);

  column->num = values;
  /* Keep the invariant: missing <=> NaN. */
  for (gsize i = 0; i < n_rows; i++)
    {
      if (missing != NULL && missing[i])
        values[i] = NAN;
      else if (isnan (values[i]))
        {
          if (column->missing == NULL)
            column->missing = g_malloc0 (MAX (n_rows, 1));
          column->missing[i] = 1;
        }
    }
  normalise_mask (column);
  return column;
}

EaselColumn *
easel_column_new_datetime (const char *name,
                           gsize       n_rows,
                           double     *seconds,
                           guint8     *missing,
                           gboolean    has_time)
{
  EaselColumn *column = easel_column_new_numeric (name, n_rows, seconds, missing);

  column->type = EASEL_COLUMN_DATETIME;
  column->has_time = has_time;
  return column;
}

EaselColumn *
easel_column_new_boolean (const char *name,
                          gsize       n_rows,
                          guint8     *values,
                          guint8     *missing)
{
  EaselColumn *column = column_new (name, EASEL_COLUMN_BOOLEAN, n_rows, missing);

  column->bools = values;
  for (gsize i = 0; i < n_rows; i++)
    values[i] = (missing != NULL && missing[i]) ? 0 : (values[i] != 0);
  normalise_mask (column);
  return column;
}

EaselColumn *
easel_column_new_categorical (const char  *name,
                              gsize        n_rows,
                              gint32      *codes,
                              char       **categories,
                              guint32      n_categories)
{
  EaselColumn *column = column_new (name, EASEL_COLUMN_CATEGORICAL, n_rows, NULL);

  column->codes = codes;
  column->categories = categories;
  column->n_categories = n_categories;
  for (gsize i = 0; i < n_rows; i++)
    {
      if (codes[i] < 0 || (guint32) codes[i] >= n_categories)
        {
          codes[i] = -1;
          if (column->missing == NULL)
            column->missing = g_malloc0 (n_rows);
          column->missing[i] = 1;
        }
    }
  normalise_mask (column);
  return column;
}

EaselColumn *
easel_column_new_text (const char *name,
                       gsize       n_rows,
                       guint64    *offsets,
                       char       *text,
                       guint8     *missing)
{
  EaselColumn *column = column_new (name, EASEL_COLUMN_TEXT, n_rows, missing);

  column->offsets = offsets;
  column->text = text;
  normalise_mask (column);
  return column;
}

EaselColumn *
easel_column_new_from_strings (const char        *name,
                               EaselColumnType    type,
                               const char *const *values,
                               gsize              n_rows)
{
  g_return_val_if_fail (type == EASEL_COLUMN_CATEGORICAL || type == EASEL_COLUMN_TEXT, NULL);

  if (type == EASEL_COLUMN_TEXT)
    {
      guint64 *offsets = g_new (guint64, n_rows + 1);
      guint8 *missing = g_malloc0 (MAX (n_rows, 1));
      GString *arena = g_string_new (NULL);

      for (gsize i = 0; i < n_rows; i++)
        {
          offsets[i] = arena->len;
          if (values[i] == NULL)
            missing[i] = 1;
          else
            g_string_append (arena, values[i]);
          g_string_append_c (arena, '\0');
        }
      offsets[n_rows] = arena->len;
      return easel_column_new_text (name, n_rows, offsets, g_string_free (arena, FALSE), missing);
    }
  else
    {
      g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
      GPtrArray *categories = g_ptr_array_new ();
      gint32 *codes = g_new (gint32, MAX (n_rows, 1));
      guint32 n;

      for (gsize i = 0; i < n_rows; i++)
        {
          gpointer code;

          if (values[i] == NULL)
            {
              codes[i] = -1;
              continue;
            }
          if (!g_hash_table_lookup_extended (index, values[i], NULL, &code))
            {
              code = GINT_TO_POINTER (categories->len);
              g_ptr_array_add (categories, g_strdup (values[i]));
              g_hash_table_insert (index, categories->pdata[categories->len - 1], code);
            }
          codes[i] = GPOINTER_TO_INT (code);
        }
      n = categories->len;
      g_ptr_array_add (categories, NULL);
      return easel_column_new_categorical (name, n_rows, codes,
                                           (char **) g_ptr_array_free (categories, FALSE), n);
    }
}

void
easel_column_free (EaselColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->missing);
  g_free (column->num);
  g_free (column->codes);
  g_free (column->bools);
  g_free (column->offsets);
  g_free (column->text);
  if (column->categories != NULL)
    {
      for (guint32 i = 0; i < column->n_categories; i++)
        g_free (column->categories[i]);
      g_free (column->categories);
    }
  g_free (column);
}

/* Exact powers of ten. */
static const double pow10_table[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Most values read from text have a short decimal form: m / 10^d with m below 2^53. For
 * such m and d, dividing the two exact doubles is correctly rounded, which is exactly the
 * double that strtod() gives for the digits of m with d decimals, so "m/10^d == value"
 * proves the text reads back. The smallest such d gives the shortest text, the one %g
 * would print in this range (1e-4 <= |value| < 1e15, where %g does not use exponents).
 * Returns FALSE for values it cannot prove. */
static gboolean
format_short_decimal (double value,
                      char   buf[32])
{
  double a = fabs (value);
  const double limit = 9007199254740992.0;  /* 2^53 */

  if (!(a >= 1e-4 && a < 1e15))
    return FALSE;
  for (guint d = 0; d < G_N_ELEMENTS (pow10_table); d++)
    {
      double scaled = a * pow10_table[d], m;

      if (scaled >= limit)
        return FALSE;
      /* The nearest integer first: when two neighbours both read back, it is the correctly
       * rounded one, as %g prints. The product may be off by one unit, hence the others. */
      m = nearbyint (scaled);
      for (int k = 0; k < 3; k++)
        {
          int side = scaled >= m ? 1 : -1;
          double candidate = m + (k == 0 ? 0 : k == 1 ? side : -side);
          if (candidate > 0 && candidate / pow10_table[d] == a)
            {
              guint64 digits = (guint64) candidate;
              char tmp[32];
              int n = 0, pos = 0;

              while (digits > 0 || n <= (int) d)
                {
                  tmp[n++] = (char) ('0' + digits % 10);
                  digits /= 10;
                }
              if (value < 0)
                buf[pos++] = '-';
              for (int i = n - 1; i >= 0; i--)
                {
                  buf[pos++] = tmp[i];
                  if (i == (int) d && d > 0)
                    buf[pos++] = '.';
                }
              buf[pos] = '\0';
              return TRUE;
            }
        }
    }
  return FALSE;
}

void
easel_format_double (double value,
                     char   buf[32])
{
  /* The shortest of %.15g, %.16g and %.17g that reads back to the same double. */
  if (isinf (value))
    {
      g_strlcpy (buf, value > 0 ? "inf" : "-inf", 32);
      return;
    }
  if (isnan (value))
    {
      g_strlcpy (buf, "NaN", 32);
      return;
    }
  if (format_short_decimal (value, buf))
    return;
  /* Subnormals carry fewer significant bits, so fewer digits may be enough. */
  for (int precision = fabs (value) < DBL_MIN ? 1 : 15; precision <= 17; precision++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, 32, format, value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

void
easel_format_datetime (double   seconds,
                       gboolean with_time,
                       char     buf[40])
{
  gint64 whole = (gint64) floor (seconds);
  double frac = seconds - (double) whole;
  gint64 days = whole >= 0 ? whole / 86400 : -((-whole + 86399) / 86400);
  gint64 rem = whole - days * 86400;
  int year, month, day;

  easel_civil_from_days (days, &year, &month, &day);
  if (!with_time)
    {
      g_snprintf (buf, 40, "%04d-%02d-%02d", year, month, day);
      return;
    }
  if (frac > 0.0)
    {
      /* Microseconds are the finest resolution we keep in text. */
      int usec = (int) llround (frac * 1e6);
      if (usec >= 1000000)
        usec = 999999;
      g_snprintf (buf, 40, "%04d-%02d-%02dT%02d:%02d:%02d.%06d", year, month, day,
                  (int) (rem / 3600), (int) (rem / 60 % 60), (int) (rem % 60), usec);
      /* Drop trailing zeros of the fraction. */
      char *end = buf + strlen (buf) - 1;
      while (*end == '0')
        *end-- = '\0';
    }
  else
    g_snprintf (buf, 40, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                (int) (rem / 3600), (int) (rem / 60 % 60), (int) (rem % 60));
}

const char *
easel_column_get_string (const EaselColumn *column,
                         gsize              row)
{
  g_return_val_if_fail (row < column->n_rows, NULL);

  if (easel_column_is_missing (column, row))
    return NULL;
  if (column->type == EASEL_COLUMN_TEXT)
    return column->text + column->offsets[row];
  if (column->type == EASEL_COLUMN_CATEGORICAL)
    return column->categories[column->codes[row]];
  return NULL;
}

void
easel_column_append_value (const EaselColumn *column,
                           gsize              row,
                           GString           *out)
{
  char buf[40];

  g_return_if_fail (row < column->n_rows);

  if (easel_column_is_missing (column, row))
    return;

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
      easel_format_double (column->num[row], buf);
      g_string_append (out, buf);
      break;
    case EASEL_COLUMN_DATETIME:
      easel_format_datetime (column->num[row], column->has_time, buf);
      g_string_append (out, buf);
      break;
    case EASEL_COLUMN_BOOLEAN:
      g_string_append (out, column->bools[row] ? "true" : "false");
      break;
    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_TEXT:
      g_string_append (out, easel_column_get_string (column, row));
      break;
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

char *
easel_column_dup_value (const EaselColumn *column,
                        gsize              row)
{
  GString *out;

  if (easel_column_is_missing (column, row))
    return NULL;
  out = g_string_new (NULL);
  easel_column_append_value (column, row, out);
  return g_string_free (out, FALSE);
}

gsize
easel_column_memory_size (const EaselColumn *column)
{
  gsize size = sizeof *column + (column->missing ? column->n_rows : 0);

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      size += column->n_rows * sizeof (double);
      break;
    case EASEL_COLUMN_BOOLEAN:
      size += column->n_rows;
      break;
    case EASEL_COLUMN_CATEGORICAL:
      size += column->n_rows * sizeof (gint32);
      for (guint32 i = 0; i < column->n_categories; i++)
        size += strlen (column->categories[i]) + 1 + sizeof (char *);
      break;
    case EASEL_COLUMN_TEXT:
      size += (column->n_rows + 1) * sizeof (guint64) + column->offsets[column->n_rows];
      break;
    case EASEL_N_COLUMN_TYPES:
    default:
      break;
    }
  return size;
}

EaselTable *
easel_table_new (void)
{
  EaselTable *table = g_new0 (EaselTable, 1);

  g_atomic_ref_count_init (&table->ref_count);
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_column_free);
  return table;
}

EaselTable *
easel_table_ref (EaselTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_atomic_ref_count_inc (&table->ref_count);
  return table;
}

void
easel_table_unref (EaselTable *table)
{
  if (table == NULL || !g_atomic_ref_count_dec (&table->ref_count))
    return;
  g_ptr_array_unref (table->columns);
  g_free (table->source);
  g_free (table);
}

void
easel_table_add_column (EaselTable  *table,
                        EaselColumn *column)
{
  g_return_if_fail (table != NULL && column != NULL);
  g_return_if_fail (table->columns->len == 0 || column->n_rows == table->n_rows);

  if (table->columns->len == 0)
    table->n_rows = column->n_rows;
  g_ptr_array_add (table->columns, column);
}

gsize
easel_table_get_n_rows (const EaselTable *table)
{
  return table->n_rows;
}

guint
easel_table_get_n_columns (const EaselTable *table)
{
  return table->columns->len;
}

EaselColumn *
easel_table_get_column (const EaselTable *table,
                        guint             index)
{
  g_return_val_if_fail (index < table->columns->len, NULL);
  return table->columns->pdata[index];
}

int
easel_table_find_column (const EaselTable *table,
                         const char       *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    if (strcmp (((EaselColumn *) table->columns->pdata[i])->name, name) == 0)
      return (int) i;
  return -1;
}

gsize
easel_table_memory_size (const EaselTable *table)
{
  gsize size = sizeof *table;

  for (guint i = 0; i < table->columns->len; i++)
    size += easel_column_memory_size (table->columns->pdata[i]);
  return size;
}

const char *
easel_table_get_source (const EaselTable *table)
{
  return table->source;
}

void
easel_table_set_source (EaselTable *table,
                        const char *source)
{
  g_free (table->source);
  table->source = g_strdup (source);
}
