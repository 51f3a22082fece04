/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-table-summary"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "easel-table-summary.h"

/* Frequent values kept per column: the sketch's bars and the Explore page's statistics. */
#define PROFILE_TOP 10

static void
normalise (EaselColumnSketch *sketch,
           const guint64     *counts)
{
  guint64 tallest = 0;

  for (guint i = 0; i < sketch->n_bars; i++)
    tallest = MAX (tallest, counts[i]);
  for (guint i = 0; i < sketch->n_bars; i++)
    sketch->heights[i] = tallest > 0 ? (float) ((double) counts[i] / (double) tallest) : 0.0f;
}

void
easel_column_sketch_compute (const EaselColumn        *column,
                             const EaselColumnProfile *profile,
                             EaselColumnSketch        *sketch)
{
  guint64 counts[MAX (EASEL_SKETCH_BINS, EASEL_SKETCH_TOP)] = { 0 };

  memset (sketch, 0, sizeof *sketch);

  if (column->type == EASEL_COLUMN_NUMERIC || column->type == EASEL_COLUMN_DATETIME)
    {
      double lo = profile->min, hi = profile->max, width;
      gboolean integers = column->type == EASEL_COLUMN_NUMERIC;

      sketch->histogram = TRUE;
      if (profile->count == 0 || !isfinite (lo) || !isfinite (hi))
        return;

      /* A few whole numbers (a month, a count of rooms): one bar per number */
      if (integers && hi - lo + 1 <= EASEL_SKETCH_BINS)
        for (gsize i = 0; i < column->n_rows && integers; i++)
          integers = !isfinite (column->num[i]) || column->num[i] == floor (column->num[i]);
      else
        integers = FALSE;

      if (integers)
        {
          sketch->n_bars = (guint) (hi - lo) + 1;
          width = 1.0;
          lo -= 0.5;
        }
      else
        {
          sketch->n_bars = hi > lo ? EASEL_SKETCH_BINS : 1;
          width = hi > lo ? (hi - lo) / EASEL_SKETCH_BINS : 1.0;
        }

      for (gsize i = 0; i < column->n_rows; i++)
        {
          double v = column->num[i];
          guint bin;

          if (!isfinite (v))
            continue;
          bin = (guint) ((v - lo) / width);
          counts[MIN (bin, sketch->n_bars - 1)]++;
        }
      normalise (sketch, counts);
      return;
    }

  sketch->histogram = FALSE;
  sketch->n_bars = MIN (profile->n_top, EASEL_SKETCH_TOP);
  for (guint i = 0; i < sketch->n_bars; i++)
    counts[i] = profile->top[i].count;
  normalise (sketch, counts);
}

EaselTableSummary *
easel_table_summary_compute (EaselTable     *table,
                             EaselProgress  *progress,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr(EaselTableSummary) summary = g_new0 (EaselTableSummary, 1);
  guint n_columns;

  easel_progress_push_range (progress, 0.0, 0.8);
  summary->profile = easel_profile_table (table, PROFILE_TOP, progress, cancellable, error);
  easel_progress_pop_range (progress);
  if (summary->profile == NULL)
    return NULL;

  n_columns = summary->profile->n_columns;
  summary->sketches = g_new0 (EaselColumnSketch, MAX (n_columns, 1));
  for (guint i = 0; i < n_columns; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      easel_column_sketch_compute (easel_table_get_column (table, i),
                                   &summary->profile->columns[i], &summary->sketches[i]);
      easel_progress_report (progress, 0.8 + 0.2 * (i + 1) / n_columns,
                             _("Sketching the columns…"));
    }

  return g_steal_pointer (&summary);
}

void
easel_table_summary_free (EaselTableSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->profile, easel_profile_free);
  g_free (summary->sketches);
  g_free (summary);
}
