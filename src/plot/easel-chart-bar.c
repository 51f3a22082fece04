/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "easel-chart-private.h"
#include "easel-error.h"

#define DEFAULT_MAX_BARS 12

typedef struct
{
  char    **labels;
  double   *values;
  guint8   *muted;        /* drawn in the "other" colour: the Missing bar */
  guint     n;
  guint     max_bars;
  /* prepared: largest first, the rest folded into "Other" */
  guint     n_shown;
  char    **shown_labels; /* borrowed, but for "Other" */
  double   *shown_values;
  guint8   *shown_muted;
  char     *other_label;
  double    total;
  double    max_value;
} BarData;

typedef struct
{
  double value;
  guint  index;
} Ranked;

static void
bar_free_data (gpointer data)
{
  BarData *d = data;

  g_strfreev (d->labels);
  g_free (d->values);
  g_free (d->muted);
  g_free (d->shown_labels);
  g_free (d->shown_values);
  g_free (d->shown_muted);
  g_free (d->other_label);
  g_free (d);
}

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a, *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

static void
bar_prepare (EaselChart *chart)
{
  BarData *d = chart->data;
  g_autofree Ranked *ranked = g_new (Ranked, MAX (d->n, 1));
  guint kept = 0, max_bars = d->max_bars > 0 ? d->max_bars : DEFAULT_MAX_BARS;
  double other = 0.0;
  gboolean fold;

  for (guint i = 0; i < d->n; i++)
    if (isfinite (d->values[i]))
      {
        ranked[kept].value = d->values[i];
        ranked[kept].index = i;
        kept++;
      }
  qsort (ranked, kept, sizeof *ranked, compare_ranked);

  g_clear_pointer (&d->shown_labels, g_free);
  g_clear_pointer (&d->shown_values, g_free);
  g_clear_pointer (&d->shown_muted, g_free);
  g_clear_pointer (&d->other_label, g_free);
  fold = kept > max_bars;
  d->n_shown = fold ? max_bars : kept;
  d->shown_labels = g_new0 (char *, d->n_shown + 1);
  d->shown_values = g_new0 (double, MAX (d->n_shown, 1));
  d->shown_muted = g_new0 (guint8, MAX (d->n_shown, 1));
  d->total = 0.0;
  for (guint i = 0; i < kept; i++)
    {
      d->total += ranked[i].value;
      if (fold && i >= max_bars - 1)
        {
          other += ranked[i].value;
          continue;
        }
      d->shown_labels[i] = d->labels[ranked[i].index];
      d->shown_values[i] = ranked[i].value;
      d->shown_muted[i] = d->muted != NULL && d->muted[ranked[i].index];
    }
  if (fold)
    {
      guint folded = kept - (max_bars - 1);

      /* Translators: a bar that sums the smaller categories, "Other (12)" */
      d->other_label = g_strdup_printf (_("Other (%u)"), folded);
      d->shown_labels[max_bars - 1] = d->other_label;
      d->shown_values[max_bars - 1] = other;
      d->shown_muted[max_bars - 1] = TRUE;
    }
  d->max_value = 0.0;
  for (guint i = 0; i < d->n_shown; i++)
    d->max_value = MAX (d->max_value, d->shown_values[i]);
}

static gboolean
bar_is_empty (EaselChart *chart)
{
  BarData *d = chart->data;

  return d->n_shown == 0;
}

static void
value_label (double  value,
             char   *buf,
             gsize   size)
{
  easel_format_number (value, buf, size);
}

static double
widest_value_label (EaselChartText *text,
                    BarData        *d)
{
  double widest = 0;

  for (guint i = 0; i < d->n_shown; i++)
    {
      char buf[64];
      double w;

      value_label (d->shown_values[i], buf, sizeof buf);
      easel_chart_text_size (text, EASEL_TEXT_TICK, buf, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
bar_layout (EaselChart       *chart,
            EaselChartText   *text,
            EaselChartLayout *layout)
{
  BarData *d = chart->data;
  EaselAxis *bands, *values;
  double widest = 0, estimate;

  easel_chart_layout_header (chart, text, layout);
  for (guint i = 0; i < d->n_shown; i++)
    {
      double w;

      easel_chart_text_size (text, EASEL_TEXT_TICK, d->shown_labels[i], &w, NULL);
      widest = MAX (widest, w);
    }
  /* columns when every label fits under its bar, rows otherwise */
  estimate = layout->width - 2 * layout->pad - 60.0 - (chart->y_label != NULL ? 24.0 : 0.0);
  layout->horizontal = d->n_shown > 12 || widest > estimate / d->n_shown - 10.0;

  bands = layout->horizontal ? &layout->y : &layout->x;
  values = layout->horizontal ? &layout->x : &layout->y;
  bands->kind = EASEL_AXIS_BANDS;
  bands->n_bands = d->n_shown;
  bands->bands = (const char *const *) d->shown_labels;
  values->kind = EASEL_AXIS_NUMERIC;
  values->mode = EASEL_RANGE_LOOSE;
  values->from_zero = TRUE;
  values->grid = TRUE;
  values->lo = 0;
  values->hi = d->max_value;
  if (layout->horizontal)
    {
      /* room for the value printed after the longest bar */
      double room = widest_value_label (text, d) + 10.0;
      double plot_w = MAX (layout->width - 2 * layout->pad - MIN (widest, layout->width * 0.35)
                           - 10.0, room * 2);

      values->hi = d->max_value * plot_w / (plot_w - room);
      /* the bars use the width; the ticks stay inside it */
      values->mode = EASEL_RANGE_TIGHT;
    }
  else
    values->hi = d->max_value * 1.08;
  easel_chart_layout_axes (chart, text, layout);
}

static void
bar_draw (EaselChart             *chart,
          cairo_t                *cr,
          EaselChartText         *text,
          const EaselChartLayout *layout,
          double                  device_scale)
{
  BarData *d = chart->data;
  const EaselChartStyle *style = &chart->style;
  EaselRgba color = easel_chart_palette_color (style, 0);
  const EaselRect *p = &layout->plot;
  double band = (layout->horizontal ? p->height : p->width) / d->n_shown;
  double thickness = MIN (band * 0.7, layout->horizontal ? 28.0 : 56.0);
  double tick_h;

  easel_chart_text_size (text, EASEL_TEXT_TICK, "0", NULL, &tick_h);
  easel_chart_draw_grid (chart, cr, layout, device_scale);

  for (guint i = 0; i < d->n_shown; i++)
    {
      double v = d->shown_values[i], c, a0, a1, base, end;
      const EaselRgba *fill = d->shown_muted[i] ? &style->other : &color;
      char buf[64];
      double lw;

      value_label (v, buf, sizeof buf);
      easel_chart_text_size (text, EASEL_TEXT_TICK, buf, &lw, NULL);
      easel_set_source (cr, fill);
      if (layout->horizontal)
        {
          c = easel_axis_y_to_px (layout, i);
          a0 = easel_snap_edge (c - thickness / 2.0, device_scale);
          a1 = easel_snap_edge (c + thickness / 2.0, device_scale);
          base = easel_snap_edge (easel_axis_x_to_px (layout, 0.0), device_scale);
          end = easel_snap_edge (easel_axis_x_to_px (layout, v), device_scale);
          easel_chart_bar_path (cr, base, a0, MAX (end - base, 0.0), a1 - a0, 3.0, TRUE);
          cairo_fill (cr);
          if (end + 6.0 + lw <= p->x + p->width)
            easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, buf, -1, end + 6.0, c, 0.0, 0.5,
                                   &style->muted);
        }
      else
        {
          c = easel_axis_x_to_px (layout, i);
          a0 = easel_snap_edge (c - thickness / 2.0, device_scale);
          a1 = easel_snap_edge (c + thickness / 2.0, device_scale);
          base = easel_snap_edge (easel_axis_y_to_px (layout, 0.0), device_scale);
          end = easel_snap_edge (easel_axis_y_to_px (layout, v), device_scale);
          easel_chart_bar_path (cr, a0, end, a1 - a0, MAX (base - end, 0.0), 3.0, FALSE);
          cairo_fill (cr);
          if (lw <= band - 4.0 && end - 4.0 - tick_h >= p->y - tick_h / 2.0)
            easel_chart_text_draw (text, cr, EASEL_TEXT_TICK, buf, -1, c, end - 4.0, 0.5, 1.0,
                                   &style->muted);
        }
    }
  easel_chart_draw_axes (chart, cr, text, layout, device_scale);
}

static char *
bar_describe (EaselChart             *chart,
              const EaselChartLayout *layout,
              double                  x,
              double                  y)
{
  BarData *d = chart->data;
  const EaselRect *p = &layout->plot;
  char count[64];
  int i;

  if (x < p->x || x > p->x + p->width || y < p->y || y > p->y + p->height)
    return NULL;
  i = layout->horizontal ? easel_axis_band_at (&layout->y, p->y, p->height, y)
                         : easel_axis_band_at (&layout->x, p->x, p->width, x);
  if (i < 0)
    return NULL;
  easel_format_number (d->shown_values[i], count, sizeof count);
  if (d->total > 0)
    return g_strdup_printf ("%s: %s (%.1f%%)", d->shown_labels[i], count,
                            100.0 * d->shown_values[i] / d->total);
  return g_strdup_printf ("%s: %s", d->shown_labels[i], count);
}

const EaselChartClass easel_bar_chart_class = {
  .free_data = bar_free_data,
  .prepare = bar_prepare,
  .is_empty = bar_is_empty,
  .layout = bar_layout,
  .draw = bar_draw,
  .describe = bar_describe,
};

static EaselChart *
bar_new_take (char   **labels,
              double  *values,
              guint8  *muted,
              guint    n,
              guint    max_bars)
{
  BarData *d = g_new0 (BarData, 1);

  d->labels = labels;
  d->values = values;
  d->muted = muted;
  d->n = n;
  d->max_bars = max_bars == 1 ? 2 : max_bars;   /* one bar plus "Other" at least */
  return easel_chart_alloc (EASEL_CHART_BAR, &easel_bar_chart_class, d);
}

EaselChart *
easel_chart_new_bar (const char *const *labels,
                     const double      *values,
                     guint              n,
                     guint              max_bars)
{
  char **l = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    l[i] = g_strdup (labels[i] != NULL ? labels[i] : "");
  return bar_new_take (l, n > 0 ? g_memdup2 (values, n * sizeof (double)) : g_new0 (double, 1),
                       NULL, n, max_bars);
}

EaselChart *
easel_chart_new_bar_from_column (const EaselColumn  *column,
                                 guint               max_bars,
                                 GError            **error)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) counts = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr (GArray) muted = NULL;
  EaselChart *chart;
  gsize missing = 0;
  guint n;

  g_return_val_if_fail (column != NULL, NULL);

  switch (column->type)
    {
    case EASEL_COLUMN_CATEGORICAL:
      g_array_set_size (counts, column->n_categories);
      for (guint32 k = 0; k < column->n_categories; k++)
        g_ptr_array_add (labels, g_strdup (column->categories[k]));
      for (gsize i = 0; i < column->n_rows; i++)
        {
          gint32 code = column->codes[i];

          if (code < 0 || (guint32) code >= column->n_categories)
            missing++;
          else
            g_array_index (counts, double, code) += 1.0;
        }
      break;
    case EASEL_COLUMN_BOOLEAN:
      g_array_set_size (counts, 2);
      g_ptr_array_add (labels, g_strdup ("false"));
      g_ptr_array_add (labels, g_strdup ("true"));
      for (gsize i = 0; i < column->n_rows; i++)
        if (easel_column_is_missing (column, i))
          missing++;
        else
          g_array_index (counts, double, column->bools[i] ? 1 : 0) += 1.0;
      break;
    case EASEL_COLUMN_TEXT:
      {
        g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

        for (gsize i = 0; i < column->n_rows; i++)
          {
            const char *s = easel_column_get_string (column, i);
            gpointer slot;

            if (s == NULL)
              {
                missing++;
                continue;
              }
            if (!g_hash_table_lookup_extended (seen, s, NULL, &slot))
              {
                slot = GUINT_TO_POINTER (labels->len);
                g_hash_table_insert (seen, (gpointer) s, slot);
                g_ptr_array_add (labels, g_strdup (s));
                g_array_set_size (counts, labels->len);
              }
            g_array_index (counts, double, GPOINTER_TO_UINT (slot)) += 1.0;
          }
      }
      break;
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
    case EASEL_N_COLUMN_TYPES:
    default:
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                   _("Cannot draw a bar chart of column “%s”: it holds %s values, and bars "
                     "count categories, booleans or text."),
                   column->name, easel_column_type_to_string (column->type));
      return NULL;
    }

  muted = g_array_new (FALSE, TRUE, sizeof (guint8));
  g_array_set_size (muted, labels->len);
  if (missing > 0)
    {
      double m = (double) missing;
      guint8 one = 1;

      g_ptr_array_add (labels, g_strdup (_("Missing")));
      g_array_append_val (counts, m);
      g_array_append_val (muted, one);
    }
  n = labels->len;
  g_ptr_array_set_free_func (labels, NULL);
  g_ptr_array_add (labels, NULL);
  chart = bar_new_take ((char **) g_ptr_array_steal (labels, NULL),
                        (double *) (void *) g_array_free (g_steal_pointer (&counts), FALSE),
                        (guint8 *) (void *) g_array_free (g_steal_pointer (&muted), FALSE),
                        n, max_bars);
  easel_chart_set_title (chart, column->name);
  return chart;
}
