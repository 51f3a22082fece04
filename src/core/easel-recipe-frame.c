/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* The frame a recipe runs on, and the column helpers its steps share. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "easel-profile.h"
#include "easel-recipe-private.h"

/* Frame */

EaselFrame *
easel_frame_new (EaselTable *table)
{
  EaselFrame *frame = g_new0 (EaselFrame, 1);
  guint n = easel_table_get_n_columns (table);

  frame->source = easel_table_ref (table);
  frame->n_rows = easel_table_get_n_rows (table);
  frame->slots = g_array_sized_new (FALSE, FALSE, sizeof (EaselSlot), n);
  for (guint i = 0; i < n; i++)
    {
      EaselSlot slot = { easel_table_get_column (table, i), EASEL_SLOT_BORROWED };
      g_array_append_val (frame->slots, slot);
    }
  return frame;
}

static void
slot_clear (EaselSlot *slot)
{
  switch (slot->kind)
    {
    case EASEL_SLOT_OWNED:
      easel_column_free (slot->column);
      break;
    case EASEL_SLOT_VIEW:
      g_free (slot->column->name);
      g_free (slot->column);
      break;
    case EASEL_SLOT_BORROWED:
    default:
      break;
    }
  slot->column = NULL;
}

void
easel_frame_free (EaselFrame *frame)
{
  if (frame == NULL)
    return;
  for (guint i = 0; i < frame->slots->len; i++)
    slot_clear (&g_array_index (frame->slots, EaselSlot, i));
  g_array_unref (frame->slots);
  easel_table_unref (frame->source);
  g_free (frame);
}

guint
easel_frame_get_n_columns (const EaselFrame *frame)
{
  return frame->slots->len;
}

EaselColumn *
easel_frame_get_column (const EaselFrame *frame,
                        guint             index)
{
  g_return_val_if_fail (index < frame->slots->len, NULL);
  return g_array_index (frame->slots, EaselSlot, index).column;
}

int
easel_frame_find (const EaselFrame *frame,
                  const char       *name)
{
  for (guint i = 0; i < frame->slots->len; i++)
    if (strcmp (g_array_index (frame->slots, EaselSlot, i).column->name, name) == 0)
      return (int) i;
  return -1;
}

void
easel_frame_replace_column (EaselFrame  *frame,
                            guint        index,
                            EaselColumn *column)
{
  EaselSlot *slot;

  g_return_if_fail (index < frame->slots->len);
  g_return_if_fail (column->n_rows == frame->n_rows);
  slot = &g_array_index (frame->slots, EaselSlot, index);
  slot_clear (slot);
  slot->column = column;
  slot->kind = EASEL_SLOT_OWNED;
}

void
easel_frame_insert_column (EaselFrame  *frame,
                           guint        index,
                           EaselColumn *column)
{
  EaselSlot slot = { column, EASEL_SLOT_OWNED };

  g_return_if_fail (index <= frame->slots->len);
  g_return_if_fail (column->n_rows == frame->n_rows);
  g_array_insert_val (frame->slots, index, slot);
}

void
easel_frame_remove_column (EaselFrame *frame,
                           guint       index)
{
  g_return_if_fail (index < frame->slots->len);
  slot_clear (&g_array_index (frame->slots, EaselSlot, index));
  g_array_remove_index (frame->slots, index);
}

void
easel_frame_rename_column (EaselFrame *frame,
                           guint       index,
                           const char *name)
{
  EaselSlot *slot;

  g_return_if_fail (index < frame->slots->len);
  slot = &g_array_index (frame->slots, EaselSlot, index);
  if (slot->kind == EASEL_SLOT_BORROWED)
    {
      /* A view: the same arrays under another name. */
      EaselColumn *view = g_new (EaselColumn, 1);
      *view = *slot->column;
      view->name = NULL;
      slot->column = view;
      slot->kind = EASEL_SLOT_VIEW;
    }
  g_free (slot->column->name);
  slot->column->name = g_strdup (name);
}

void
easel_frame_move_column (EaselFrame *frame,
                         guint       from,
                         guint       to)
{
  EaselSlot slot;

  g_return_if_fail (from < frame->slots->len && to < frame->slots->len);
  slot = g_array_index (frame->slots, EaselSlot, from);
  g_array_remove_index (frame->slots, from);
  g_array_insert_val (frame->slots, to, slot);
}

void
easel_frame_keep_rows (EaselFrame   *frame,
                       const guint8 *keep,
                       gsize         n_kept)
{
  guint n = frame->slots->len;

  if (n_kept == frame->n_rows)
    return;
#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, frame->n_rows))
  for (guint i = 0; i < n; i++)
    {
      EaselSlot *slot = &g_array_index (frame->slots, EaselSlot, i);
      EaselColumn *kept = easel_prep_column_keep_rows (slot->column, keep, n_kept);

      slot_clear (slot);
      slot->column = kept;
      slot->kind = EASEL_SLOT_OWNED;
    }
  frame->n_rows = n_kept;
}

void
easel_frame_head (EaselFrame *frame,
                  gsize       n)
{
  g_autofree guint8 *keep = NULL;

  if (n >= frame->n_rows)
    return;
  keep = g_malloc0 (frame->n_rows);
  memset (keep, 1, n);
  easel_frame_keep_rows (frame, keep, n);
}

EaselTable *
easel_frame_steal_table (EaselFrame *frame)
{
  EaselTable *table = easel_table_new ();
  guint n = frame->slots->len;
  g_autofree EaselColumn **columns = g_new (EaselColumn *, MAX (n, 1));

#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, frame->n_rows))
  for (guint i = 0; i < n; i++)
    {
      EaselSlot *slot = &g_array_index (frame->slots, EaselSlot, i);

      if (slot->kind == EASEL_SLOT_OWNED)
        columns[i] = slot->column;
      else
        {
          columns[i] = easel_prep_column_copy (slot->column, slot->column->name);
          slot_clear (slot);
        }
      slot->column = NULL;
      slot->kind = EASEL_SLOT_BORROWED;
    }
  g_array_set_size (frame->slots, 0);
  for (guint i = 0; i < n; i++)
    easel_table_add_column (table, columns[i]);
  if (n == 0)
    {
      /* A table with no columns still has its rows in the frame; nothing to keep. */
    }
  if (easel_table_get_source (frame->source) != NULL)
    easel_table_set_source (table, easel_table_get_source (frame->source));
  return table;
}

EaselColumn **
easel_frame_dup_columns (const EaselFrame *frame)
{
  EaselColumn **columns = g_new (EaselColumn *, frame->slots->len + 1);

  for (guint i = 0; i < frame->slots->len; i++)
    columns[i] = g_array_index (frame->slots, EaselSlot, i).column;
  columns[frame->slots->len] = NULL;
  return columns;
}

/* Columns */

static guint8 *
dup_mask (const EaselColumn *column)
{
  return column->missing != NULL ? g_memdup2 (column->missing, column->n_rows) : NULL;
}

EaselColumn *
easel_prep_column_copy (const EaselColumn *column,
                        const char        *name)
{
  gsize n = column->n_rows;

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
      return easel_column_new_numeric (
          name, n, g_memdup2 (column->num, MAX (n, 1) * sizeof (double)), dup_mask (column));
    case EASEL_COLUMN_DATETIME:
      return easel_column_new_datetime (name, n,
                                        g_memdup2 (column->num, MAX (n, 1) * sizeof (double)),
                                        dup_mask (column), column->has_time);
    case EASEL_COLUMN_BOOLEAN:
      return easel_column_new_boolean (name, n, g_memdup2 (column->bools, MAX (n, 1)),
                                       dup_mask (column));
    case EASEL_COLUMN_CATEGORICAL:
      {
        char **categories = g_new (char *, column->n_categories + 1);
        for (guint32 i = 0; i < column->n_categories; i++)
          categories[i] = g_strdup (column->categories[i]);
        categories[column->n_categories] = NULL;
        return easel_column_new_categorical (
            name, n, g_memdup2 (column->codes, MAX (n, 1) * sizeof (gint32)), categories,
            column->n_categories);
      }
    case EASEL_COLUMN_TEXT:
      return easel_column_new_text (
          name, n, g_memdup2 (column->offsets, (n + 1) * sizeof (guint64)),
          g_memdup2 (column->text, MAX (column->offsets[n], 1)), dup_mask (column));
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

EaselColumn *
easel_prep_column_new_categorical (const char        *name,
                                   gsize              n_rows,
                                   gint32            *codes,
                                   const char *const *categories,
                                   guint32            n_categories)
{
  g_autofree gint32 *remap = g_new (gint32, MAX (n_categories, 1));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *kept = g_ptr_array_new ();
  guint32 n_kept;

  for (guint32 k = 0; k < n_categories; k++)
    remap[k] = -2;
  for (gsize i = 0; i < n_rows; i++)
    {
      gint32 code = codes[i];

      if (code < 0 || (guint32) code >= n_categories)
        {
          codes[i] = -1;
          continue;
        }
      if (remap[code] == -2)
        {
          gpointer existing;
          if (g_hash_table_lookup_extended (seen, categories[code], NULL, &existing))
            remap[code] = GPOINTER_TO_INT (existing);
          else
            {
              remap[code] = (gint32) kept->len;
              g_hash_table_insert (seen, (gpointer) categories[code], GINT_TO_POINTER (kept->len));
              g_ptr_array_add (kept, g_strdup (categories[code]));
            }
        }
      codes[i] = remap[code];
    }
  n_kept = kept->len;
  g_ptr_array_add (kept, NULL);
  return easel_column_new_categorical (name, n_rows, codes, (char **)g_ptr_array_free (kept, FALSE),
                                       n_kept);
}

EaselColumn *
easel_prep_column_new_numeric (const char *name,
                               gsize       n_rows,
                               double     *values)
{
  return easel_column_new_numeric (name, n_rows, values, NULL);
}

static guint8 *
keep_mask (const EaselColumn *column,
           const guint8      *keep,
           gsize              n_kept)
{
  guint8 *missing;
  gsize j = 0;

  if (column->missing == NULL)
    return NULL;
  missing = g_malloc (MAX (n_kept, 1));
  for (gsize i = 0; i < column->n_rows; i++)
    if (keep[i])
      missing[j++] = column->missing[i];
  return missing;
}

EaselColumn *
easel_prep_column_keep_rows (const EaselColumn *column,
                             const guint8      *keep,
                             gsize              n_kept)
{
  gsize n = column->n_rows, j = 0;

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      {
        double *values = g_new (double, MAX (n_kept, 1));
        EaselColumn *out;
        for (gsize i = 0; i < n; i++)
          if (keep[i])
            values[j++] = column->num[i];
        out = easel_column_new_numeric (column->name, n_kept, values,
                                        keep_mask (column, keep, n_kept));
        out->type = column->type;
        out->has_time = column->has_time;
        return out;
      }
    case EASEL_COLUMN_BOOLEAN:
      {
        guint8 *values = g_malloc (MAX (n_kept, 1));
        for (gsize i = 0; i < n; i++)
          if (keep[i])
            values[j++] = column->bools[i];
        return easel_column_new_boolean (column->name, n_kept, values,
                                         keep_mask (column, keep, n_kept));
      }
    case EASEL_COLUMN_CATEGORICAL:
      {
        gint32 *codes = g_new (gint32, MAX (n_kept, 1));
        for (gsize i = 0; i < n; i++)
          if (keep[i])
            codes[j++] = column->codes[i];
        return easel_prep_column_new_categorical (column->name, n_kept, codes,
                                                  (const char *const *) column->categories,
                                                  column->n_categories);
      }
    case EASEL_COLUMN_TEXT:
      {
        gsize bytes = 0, pos = 0;
        guint64 *offsets = g_new (guint64, n_kept + 1);
        char *text;
        for (gsize i = 0; i < n; i++)
          if (keep[i])
            bytes += column->offsets[i + 1] - column->offsets[i];
        text = g_malloc (MAX (bytes, 1));
        for (gsize i = 0; i < n; i++)
          if (keep[i])
            {
              gsize len = column->offsets[i + 1] - column->offsets[i];
              memcpy (text + pos, column->text + column->offsets[i], len);
              offsets[j++] = pos;
              pos += len;
            }
        offsets[n_kept] = pos;
        return easel_column_new_text (column->name, n_kept, offsets, text,
                                      keep_mask (column, keep, n_kept));
      }
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

/* Statistics */

double *
easel_prep_sorted_values (const EaselColumn *column,
                          gsize             *n)
{
  double *values = g_new (double, MAX (column->n_rows - column->n_missing, 1));
  gsize j = 0;

  for (gsize i = 0; i < column->n_rows; i++)
    if (!isnan (column->num[i]))
      values[j++] = column->num[i];
  easel_sort_doubles (values, j);
  *n = j;
  return values;
}

double
easel_prep_quantile (const double *sorted,
                     gsize         n,
                     double        q)
{
  double position, below, gamma, a, b, diff;

  if (n == 0)
    return NAN;
  position = (double) (n - 1) * q;
  if (position >= (double) (n - 1))
    return sorted[n - 1];
  if (position <= 0)
    return sorted[0];
  below = floor (position);
  gamma = position - below;
  a = sorted[(gsize) below];
  b = sorted[(gsize) below + 1];
  diff = b - a;
  /* numpy's _lerp: from the nearer end, so that the result stays within [a, b] */
  if (gamma >= 0.5)
    return b - diff * (1.0 - gamma);
  return a + diff * gamma;
}

double
easel_prep_median (const double *sorted,
                   gsize         n)
{
  if (n == 0)
    return NAN;
  if (n % 2 == 1)
    return sorted[n / 2];
  /* numpy's median is the mean of the two middle values */
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

/* Sum in pairs, as numpy does: rounding error grows with log n, not n. */
static double
pairwise_sum (const double *x,
              gsize         n)
{
  if (n <= 128)
    {
      double s[4] = { 0, 0, 0, 0 }, total;
      gsize i = 0;
      for (; i + 4 <= n; i += 4)
        {
          s[0] += x[i];
          s[1] += x[i + 1];
          s[2] += x[i + 2];
          s[3] += x[i + 3];
        }
      total = (s[0] + s[1]) + (s[2] + s[3]);
      for (; i < n; i++)
        total += x[i];
      return total;
    }
  else
    {
      gsize half = (n / 2) & ~(gsize) 7;
      return pairwise_sum (x, half) + pairwise_sum (x + half, n - half);
    }
}

void
easel_prep_mean_std (const EaselColumn *column,
                     double            *mean,
                     double            *std)
{
  gsize n = 0;
  g_autofree double *values = g_new (double, MAX (column->n_rows, 1));
  double m, ss;

  for (gsize i = 0; i < column->n_rows; i++)
    if (!isnan (column->num[i]))
      values[n++] = column->num[i];
  if (n == 0)
    {
      *mean = *std = NAN;
      return;
    }
  m = pairwise_sum (values, n) / (double) n;
  for (gsize i = 0; i < n; i++)
    {
      double d = values[i] - m;
      values[i] = d * d;
    }
  ss = pairwise_sum (values, n);
  *mean = m;
  *std = sqrt (ss / (double) n);
}

/* Double index */

static inline guint64
double_key (double value)
{
  guint64 bits;

  if (value == 0.0)
    value = 0.0;   /* -0.0 and 0.0 are one value */
  if (isnan (value))
    value = NAN;
  memcpy (&bits, &value, sizeof bits);
  return bits;
}

static inline guint32
mix_key (guint64 key)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  key ^= key >> 33;
  return (guint32) key;
}

void
easel_double_index_init (EaselDoubleIndex *index)
{
  memset (index, 0, sizeof *index);
  index->mask = 63;
  index->slots = g_new0 (guint32, index->mask + 1);
}

void
easel_double_index_clear (EaselDoubleIndex *index)
{
  g_free (index->keys);
  g_free (index->slots);
  memset (index, 0, sizeof *index);
}

static void
double_index_grow (EaselDoubleIndex *index)
{
  guint32 mask = index->mask * 2 + 1;
  guint32 *slots = g_new0 (guint32, (gsize) mask + 1);

  for (guint32 code = 0; code < index->n; code++)
    {
      guint32 i = mix_key (index->keys[code]) & mask;
      while (slots[i] != 0)
        i = (i + 1) & mask;
      slots[i] = code + 1;
    }
  g_free (index->slots);
  index->slots = slots;
  index->mask = mask;
}

guint32
easel_double_index_add (EaselDoubleIndex *index,
                        double            value,
                        gboolean         *added)
{
  guint64 key = double_key (value);
  guint32 i = mix_key (key) & index->mask;
  guint32 code;

  while (index->slots[i] != 0)
    {
      code = index->slots[i] - 1;
      if (index->keys[code] == key)
        {
          if (added != NULL)
            *added = FALSE;
          return code;
        }
      i = (i + 1) & index->mask;
    }
  code = index->n++;
  if (code >= index->cap)
    {
      index->cap = MAX (64, index->cap * 2);
      index->keys = g_renew (guint64, index->keys, index->cap);
    }
  index->keys[code] = key;
  index->slots[i] = code + 1;
  if ((guint64) index->n * 2 > index->mask)
    double_index_grow (index);
  if (added != NULL)
    *added = TRUE;
  return code;
}

gint64
easel_double_index_lookup (const EaselDoubleIndex *index,
                           double                  value)
{
  guint64 key = double_key (value);
  guint32 i = mix_key (key) & index->mask;

  while (index->slots[i] != 0)
    {
      guint32 code = index->slots[i] - 1;
      if (index->keys[code] == key)
        return code;
      i = (i + 1) & index->mask;
    }
  return -1;
}

double
easel_double_index_value (const EaselDoubleIndex *index,
                          guint32                 code)
{
  double value;

  memcpy (&value, &index->keys[code], sizeof value);
  return value;
}

/* Python floats */

void
easel_prep_format_python_float (double value,
                                char   buf[40])
{
  char digits[40], sci[48];
  int exponent = 0, n_digits = 0;
  gboolean negative = signbit (value) != 0;
  GString *out;

  if (isnan (value))
    {
      g_strlcpy (buf, "nan", 40);
      return;
    }
  if (isinf (value))
    {
      g_strlcpy (buf, negative ? "-inf" : "inf", 40);
      return;
    }
  if (value == 0.0)
    {
      g_strlcpy (buf, negative ? "-0.0" : "0.0", 40);
      return;
    }

  /* The fewest significant digits that read back to the same double; at that count the
   * correctly rounded digits are the closest, as Python's repr chooses. */
  for (int precision = 1; precision <= 17; precision++)
    {
      snprintf (sci, sizeof sci, "%.*e", precision - 1, fabs (value));
      if (g_ascii_strtod (sci, NULL) == fabs (value))
        break;
    }
  for (const char *p = sci; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  digits[n_digits] = '\0';
  exponent = atoi (strchr (sci, 'e') + 1);
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    digits[--n_digits] = '\0';

  out = g_string_new (negative ? "-" : "");
  if (exponent >= -4 && exponent < 16)
    {
      if (exponent >= 0)
        {
          for (int i = 0; i <= exponent; i++)
            g_string_append_c (out, i < n_digits ? digits[i] : '0');
          g_string_append_c (out, '.');
          if (n_digits > exponent + 1)
            g_string_append (out, digits + exponent + 1);
          else
            g_string_append_c (out, '0');
        }
      else
        {
          g_string_append (out, "0.");
          for (int i = 0; i < -exponent - 1; i++)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', abs (exponent));
    }
  g_strlcpy (buf, out->str, 40);
  g_string_free (out, TRUE);
}
