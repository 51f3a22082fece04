/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-error.h"
#include "easel-dict.h"
#include "easel-profile.h"

double
easel_quantile_sorted (const double *sorted,
                       gsize         n,
                       double        q)
{
  double position, fraction;
  gsize below;

  if (n == 0)
    return NAN;
  /* numpy's "linear" method: position q·(n−1) between the two nearest order statistics. */
  position = CLAMP (q, 0.0, 1.0) * (double) (n - 1);
  below = (gsize) floor (position);
  if (below >= n - 1)
    return sorted[n - 1];
  fraction = position - (double) below;
  return sorted[below] + (sorted[below + 1] - sorted[below]) * fraction;
}

static void
init_profile (const EaselColumn  *column,
              EaselColumnProfile *out)
{
  memset (out, 0, sizeof *out);
  out->name = g_strdup (column->name);
  out->type = column->type;
  out->missing = column->n_missing;
  out->count = column->n_rows - column->n_missing;
  out->mean = out->std = out->min = out->p25 = out->median = out->p75 = out->max = NAN;
  out->skewness = out->kurtosis = NAN;
  out->mean_length = NAN;
}

static void
profile_numbers (const EaselColumn  *column,
                 EaselColumnProfile *out)
{
  gsize n = 0, zeros = 0;
  double sum = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0, mean;
  g_autofree double *sorted = g_new (double, MAX (out->count, 1));
  const double *values = column->num;

  for (gsize i = 0; i < column->n_rows; i++)
    {
      double v = values[i];
      if (isnan (v))
        continue;
      sorted[n++] = v;
      sum += v;
      zeros += v == 0.0;
    }
  out->count = n;
  out->zeros = zeros;
  if (n == 0)
    return;

  mean = sum / (double) n;
  /* Central moments in a second pass: stable where the one-pass formulas are not. */
  for (gsize i = 0; i < n; i++)
    {
      double d = sorted[i] - mean, d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
  out->mean = mean;
  out->std = n > 1 ? sqrt (m2 / (double) (n - 1)) : NAN;

  {
    double dn = (double) n;
    double c2 = m2 / dn, c3 = m3 / dn, c4 = m4 / dn;

    /* As pandas: a constant column has skewness and kurtosis 0, not NaN, and a sum of
     * squared deviations below 1e-14 is taken as rounding noise around a constant. */
    gboolean constant = m2 < 1e-14;

    if (n >= 3)
      out->skewness = constant ? 0.0 : sqrt (dn * (dn - 1)) / (dn - 2) * c3 / pow (c2, 1.5);
    if (n >= 4)
      out->kurtosis = constant ? 0.0
                               : ((dn + 1) * (c4 / (c2 * c2) - 3.0) + 6.0) * (dn - 1) /
                                 ((dn - 2) * (dn - 3));
  }

  easel_sort_doubles (sorted, n);
  out->min = sorted[0];
  out->max = sorted[n - 1];
  out->p25 = easel_quantile_sorted (sorted, n, 0.25);
  out->median = easel_quantile_sorted (sorted, n, 0.5);
  out->p75 = easel_quantile_sorted (sorted, n, 0.75);
  out->distinct = 1;
  for (gsize i = 1; i < n; i++)
    out->distinct += sorted[i] != sorted[i - 1];
}

typedef struct
{
  gsize    count;
  guint32  first;   /* order of first appearance, for ties */
  guint32  index;
} Tally;

static int
compare_tallies (gconstpointer a,
                 gconstpointer b)
{
  const Tally *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->first > y->first) - (x->first < y->first);
}

/* Keep the most frequent of n tallies (those with count > 0) as top values. */
static void
keep_top (EaselColumnProfile *out,
          Tally              *tallies,
          guint32             n,
          guint               max_top,
          const char *(*label) (gconstpointer data, guint32 index),
          gconstpointer       data)
{
  guint32 used = 0;

  for (guint32 i = 0; i < n; i++)
    if (tallies[i].count > 0)
      tallies[used++] = tallies[i];
  out->distinct = used;
  qsort (tallies, used, sizeof (Tally), compare_tallies);
  out->n_top = MIN (used, max_top);
  out->top = g_new0 (EaselValueCount, MAX (out->n_top, 1));
  for (guint i = 0; i < out->n_top; i++)
    {
      out->top[i].value = g_strdup (label (data, tallies[i].index));
      out->top[i].count = tallies[i].count;
    }
}

static const char *
category_label (gconstpointer data,
                guint32       index)
{
  return ((const EaselColumn *) data)->categories[index];
}

static const char *
boolean_label (gconstpointer data,
               guint32       index)
{
  return index ? "true" : "false";
}

static void
profile_categorical (const EaselColumn  *column,
                     guint               max_top,
                     EaselColumnProfile *out)
{
  g_autofree Tally *tallies = g_new0 (Tally, MAX (column->n_categories, 1));

  for (guint32 c = 0; c < column->n_categories; c++)
    tallies[c].index = c;
  /* Ties go to the value seen first in the rows, which need not be the dictionary order. */
  for (gsize i = 0; i < column->n_rows; i++)
    {
      gint32 code = column->codes[i];
      if (code >= 0 && tallies[code].count++ == 0)
        tallies[code].first = (guint32) MIN (i, G_MAXUINT32);
    }
  keep_top (out, tallies, column->n_categories, max_top, category_label, column);
}

static void
profile_boolean (const EaselColumn  *column,
                 guint               max_top,
                 EaselColumnProfile *out)
{
  Tally tallies[2] = { { 0, G_MAXUINT32, 0 }, { 0, G_MAXUINT32, 1 } };
  gsize n = 0, ones = 0;

  for (gsize i = 0; i < column->n_rows; i++)
    {
      guint8 b;
      if (easel_column_is_missing (column, i))
        continue;
      b = column->bools[i];
      if (tallies[b].count++ == 0)
        tallies[b].first = (guint32) MIN (i, G_MAXUINT32 - 1);
      n++;
      ones += b;
    }
  if (n > 0)
    out->mean = (double) ones / (double) n;
  keep_top (out, tallies, 2, max_top, boolean_label, NULL);
}

static const char *
text_label (gconstpointer data,
            guint32       index)
{
  return easel_dict_string (data, index);
}

static void
profile_text (const EaselColumn  *column,
              guint               max_top,
              EaselColumnProfile *out)
{
  EaselDict seen;
  g_autofree Tally *tallies = NULL;
  gsize n = 0, total_length = 0, min_length = G_MAXSIZE, max_length = 0;
  guint32 cap = 0;

  easel_dict_init (&seen);
  for (gsize i = 0; i < column->n_rows; i++)
    {
      const char *s;
      gsize bytes, length;
      guint32 before = seen.n, code;

      if (easel_column_is_missing (column, i))
        continue;
      s = column->text + column->offsets[i];
      bytes = column->offsets[i + 1] - column->offsets[i] - 1;
      length = easel_utf8_count (s, bytes);
      total_length += length;
      min_length = MIN (min_length, length);
      max_length = MAX (max_length, length);
      n++;
      code = easel_dict_intern (&seen, s, bytes);
      if (seen.n != before)
        {
          if (code >= cap)
            {
              cap = MAX (64, cap * 2);
              tallies = g_renew (Tally, tallies, cap);
            }
          tallies[code] = (Tally) { 0, code, code };
        }
      tallies[code].count++;
    }
  if (n > 0)
    {
      out->mean_length = (double) total_length / (double) n;
      out->min_length = min_length;
      out->max_length = max_length;
    }
  keep_top (out, tallies, seen.n, max_top, text_label, &seen);
  easel_dict_clear (&seen);
}

void
easel_profile_column (const EaselColumn  *column,
                      guint               max_top,
                      EaselColumnProfile *out)
{
  init_profile (column, out);
  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      profile_numbers (column, out);
      if (column->type == EASEL_COLUMN_DATETIME)
        out->skewness = out->kurtosis = NAN;
      break;
    case EASEL_COLUMN_CATEGORICAL:
      profile_categorical (column, max_top, out);
      break;
    case EASEL_COLUMN_BOOLEAN:
      profile_boolean (column, max_top, out);
      break;
    case EASEL_COLUMN_TEXT:
      profile_text (column, max_top, out);
      break;
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

void
easel_column_profile_clear (EaselColumnProfile *profile)
{
  g_clear_pointer (&profile->name, g_free);
  for (guint i = 0; i < profile->n_top; i++)
    g_free (profile->top[i].value);
  g_clear_pointer (&profile->top, g_free);
  profile->n_top = 0;
}

void
easel_profile_free (EaselProfile *profile)
{
  if (profile == NULL)
    return;
  for (guint i = 0; i < profile->n_columns; i++)
    easel_column_profile_clear (&profile->columns[i]);
  g_free (profile->columns);
  g_free (profile);
}

EaselProfile *
easel_profile_table (EaselTable     *table,
                     guint           max_top,
                     EaselProgress  *progress,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(EaselProfile) profile = g_new0 (EaselProfile, 1);
  guint n_columns = easel_table_get_n_columns (table);
  gint done = 0;
  gboolean cancelled = FALSE;

  profile->n_rows = easel_table_get_n_rows (table);
  profile->n_columns = n_columns;
  profile->columns = g_new0 (EaselColumnProfile, MAX (n_columns, 1));

  easel_progress_report (progress, 0.0, _("Computing statistics"));
  /* Columns are independent: one per thread, largest work first is not worth sorting for. */
#pragma omp parallel for schedule(dynamic, 1)
  for (guint i = 0; i < n_columns; i++)
    {
      if (g_atomic_int_get (&cancelled))
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_atomic_int_set (&cancelled, TRUE);
          continue;
        }
      easel_profile_column (easel_table_get_column (table, i), max_top, &profile->columns[i]);
      easel_progress_report (progress, (double) g_atomic_int_add (&done, 1) / n_columns,
                             _("Computing statistics"));
    }
  if (cancelled)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Profiling was cancelled.");
      return NULL;
    }
  easel_progress_report (progress, 1.0, _("Computing statistics"));
  return g_steal_pointer (&profile);
}
