/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-chart-request"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-chart-request.h"
#include "easel-error.h"
#include "easel-profile.h"

/* Seconds in a mean Gregorian year: dates are drawn on an axis of decimal years. */
#define SECONDS_PER_YEAR 31556952.0
/* Categories on each axis of a count heatmap; the rest are summed into "Other". */
#define MAX_HEATMAP_CATEGORIES 15
/* Series of a line chart; smaller groups are summed into "Other". */
#define MAX_LINE_SERIES 6
/* Points of each line: beyond that many distinct x values, x is cut into bins. */
#define MAX_LINE_POINTS 400
#define LINE_BINS 200
/* Bars of a bar chart before the smallest are summed into "Other". */
#define MAX_BARS 12

static const EaselChartKind chart_kinds[] = {
  EASEL_CHART_HISTOGRAM,
  EASEL_CHART_BAR,
  EASEL_CHART_SCATTER,
  EASEL_CHART_BOX,
  EASEL_CHART_HEATMAP,
  EASEL_CHART_LINE,
  EASEL_CHART_MISSING,
};

/* Group codes of a categorical or boolean column, as the chart constructors want them. */
typedef struct
{
  gint32  *codes;     /* n_rows; -1 = missing */
  char   **names;     /* n_names, NULL-terminated */
  guint    n_names;
} Groups;

static void
groups_clear (Groups *groups)
{
  g_clear_pointer (&groups->codes, g_free);
  g_clear_pointer (&groups->names, g_strfreev);
  groups->n_names = 0;
}

static gboolean
is_number_type (EaselColumnType type)
{
  return type == EASEL_COLUMN_NUMERIC || type == EASEL_COLUMN_DATETIME ||
         type == EASEL_COLUMN_BOOLEAN;
}

static gboolean
is_group_type (EaselColumnType type)
{
  return type == EASEL_COLUMN_CATEGORICAL || type == EASEL_COLUMN_BOOLEAN;
}

/* The values of a column as numbers (NaN = missing): dates in decimal years. */
static double *
column_numbers (const EaselColumn *column)
{
  double *values = g_new (double, MAX (column->n_rows, 1));

  for (gsize i = 0; i < column->n_rows; i++)
    {
      if (easel_column_is_missing (column, i))
        values[i] = NAN;
      else if (column->type == EASEL_COLUMN_BOOLEAN)
        values[i] = column->bools[i] ? 1.0 : 0.0;
      else if (column->type == EASEL_COLUMN_DATETIME)
        values[i] = 1970.0 + column->num[i] / SECONDS_PER_YEAR;
      else
        values[i] = column->num[i];
    }

  return values;
}

static void
column_groups (const EaselColumn *column,
               Groups            *groups)
{
  groups->codes = g_new (gint32, MAX (column->n_rows, 1));

  if (column->type == EASEL_COLUMN_BOOLEAN)
    {
      for (gsize i = 0; i < column->n_rows; i++)
        groups->codes[i] = easel_column_is_missing (column, i) ? -1 : column->bools[i] != 0;
      groups->names = g_new0 (char *, 3);
      groups->names[0] = g_strdup ("false");
      groups->names[1] = g_strdup ("true");
      groups->n_names = 2;
      return;
    }

  g_assert (column->type == EASEL_COLUMN_CATEGORICAL);
  memcpy (groups->codes, column->codes, sizeof (gint32) * column->n_rows);
  groups->names = g_new0 (char *, column->n_categories + 1);
  for (guint32 c = 0; c < column->n_categories; c++)
    groups->names[c] = g_strdup (column->categories[c]);
  groups->n_names = column->n_categories;
}

typedef struct
{
  guint   code;
  guint64 count;
} CodeCount;

static int
compare_counts_desc (const void *a,
                     const void *b)
{
  const CodeCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return x->code < y->code ? -1 : x->code > y->code;
}

/* Keeps the 'keep' most frequent groups (renumbered 0..keep-1, most frequent first) and
 * folds the others into one "Other" group after them. Returns the number of groups. */
static guint
fold_small_groups (Groups *groups,
                   gsize   n_rows,
                   guint   keep)
{
  g_autofree CodeCount *counts = g_new0 (CodeCount, MAX (groups->n_names, 1));
  g_autofree gint32 *map = g_new (gint32, MAX (groups->n_names, 1));
  guint n_used = 0, n_kept;
  char **names;

  for (guint c = 0; c < groups->n_names; c++)
    counts[c].code = c;
  for (gsize i = 0; i < n_rows; i++)
    if (groups->codes[i] >= 0)
      counts[groups->codes[i]].count++;
  qsort (counts, groups->n_names, sizeof *counts, compare_counts_desc);
  while (n_used < groups->n_names && counts[n_used].count > 0)
    n_used++;

  n_kept = n_used > keep ? keep - 1 : n_used;
  names = g_new0 (char *, n_kept + 2);
  for (guint c = 0; c < groups->n_names; c++)
    map[c] = (gint32) n_kept;
  for (guint k = 0; k < n_kept; k++)
    {
      map[counts[k].code] = (gint32) k;
      names[k] = g_strdup (groups->names[counts[k].code]);
    }
  if (n_used > n_kept)
    names[n_kept] = g_strdup (_("Other"));

  for (gsize i = 0; i < n_rows; i++)
    if (groups->codes[i] >= 0)
      groups->codes[i] = map[groups->codes[i]];

  g_strfreev (groups->names);
  groups->names = names;
  groups->n_names = n_used > n_kept ? n_kept + 1 : n_kept;

  return groups->n_names;
}

static const char *
axis_name (const EaselColumn *column,
           char             **owned)
{
  if (column->type != EASEL_COLUMN_DATETIME)
    return column->name;

  /* Translators: an axis of dates drawn as decimal years; %s is the column's name */
  *owned = g_strdup_printf (_("%s (year)"), column->name);
  return *owned;
}

static gboolean
check_column (const EaselChartRequest  *request,
              EaselChartRole            role,
              const EaselColumn       **column,
              GError                  **error)
{
  int index = request->columns[role];
  gboolean required = FALSE;

  *column = NULL;
  easel_chart_kind_uses_role (request->kind, role, &required);

  if (index < 0 || (guint) index >= easel_table_get_n_columns (request->table))
    {
      if (!required)
        return TRUE;
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("Choose a column for “%s” to draw a %s."),
                   easel_chart_role_get_label (request->kind, role),
                   easel_chart_kind_get_label (request->kind));
      return FALSE;
    }

  *column = easel_table_get_column (request->table, (guint) index);
  if (!easel_chart_kind_accepts (request->kind, role, (*column)->type))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("A %s cannot use column “%s” for “%s”: it holds %s values."),
                   easel_chart_kind_get_label (request->kind), (*column)->name,
                   easel_chart_role_get_label (request->kind, role),
                   easel_column_type_to_string ((*column)->type));
      return FALSE;
    }

  return TRUE;
}

/* Kinds */

static EaselChart *
build_histogram (const EaselColumn *x)
{
  g_autofree double *values = column_numbers (x);
  g_autofree char *owned = NULL;
  g_autofree char *title = NULL;
  EaselChart *chart = easel_chart_new_histogram (values, x->n_rows);

  /* Translators: the title of a histogram; %s is a column's name */
  title = g_strdup_printf (_("Distribution of %s"), x->name);
  easel_chart_set_title (chart, title);
  easel_chart_set_x_label (chart, axis_name (x, &owned));
  easel_chart_set_y_label (chart, _("Rows"));

  return chart;
}

static EaselChart *
build_bar (const EaselColumn  *x,
           GError            **error)
{
  g_autofree char *title = NULL, *owned = NULL;
  EaselChart *chart = easel_chart_new_bar_from_column (x, MAX_BARS, error);

  if (chart == NULL)
    return NULL;

  /* Translators: the title of a bar chart of counts; %s is a column's name */
  title = g_strdup_printf (_("Rows per Value of %s"), x->name);
  easel_chart_set_title (chart, title);
  /* The category axis and the count axis; when the bars run across, the plot library
   * puts each title beside its axis. */
  easel_chart_set_x_label (chart, axis_name (x, &owned));
  easel_chart_set_y_label (chart, _("Rows"));

  return chart;
}

static EaselChart *
build_scatter (const EaselColumn *x,
               const EaselColumn *y,
               const EaselColumn *color)
{
  g_autofree double *xs = column_numbers (x);
  g_autofree double *ys = column_numbers (y);
  g_autofree char *x_owned = NULL, *y_owned = NULL;
  g_autofree char *title = NULL;
  Groups groups = { 0 };
  EaselChart *chart;

  if (color != NULL)
    column_groups (color, &groups);
  chart = easel_chart_new_scatter (xs, ys, x->n_rows, groups.codes,
                                   (const char * const *) groups.names, groups.n_names);
  groups_clear (&groups);

  /* Translators: the title of a scatter plot: the vertical axis' column, then the
   * horizontal one's */
  title = g_strdup_printf (_("%s against %s"), y->name, x->name);
  easel_chart_set_title (chart, title);
  easel_chart_set_x_label (chart, axis_name (x, &x_owned));
  easel_chart_set_y_label (chart, axis_name (y, &y_owned));

  return chart;
}

static EaselChart *
build_box (const EaselColumn *values,
           const EaselColumn *by)
{
  g_autofree double *numbers = column_numbers (values);
  g_autofree char *owned = NULL, *by_owned = NULL;
  g_autofree char *title = NULL;
  Groups groups = { 0 };
  EaselChart *chart;

  if (by != NULL)
    column_groups (by, &groups);
  chart = easel_chart_new_box (numbers, values->n_rows, groups.codes,
                               (const char * const *) groups.names, groups.n_names);
  groups_clear (&groups);

  if (by != NULL)
    {
      /* Translators: the title of box plots; a numeric column, then the column whose
       * values group the rows */
      title = g_strdup_printf (_("%s by %s"), values->name, by->name);
      easel_chart_set_x_label (chart, axis_name (by, &by_owned));
    }
  else
    title = g_strdup_printf (_("Distribution of %s"), values->name);
  easel_chart_set_y_label (chart, axis_name (values, &owned));
  easel_chart_set_title (chart, title);

  return chart;
}

/* Rows counted for each pair of categories of two columns. */
static EaselChart *
build_count_heatmap (const EaselColumn *x,
                     const EaselColumn *y)
{
  Groups gx = { 0 }, gy = { 0 };
  g_autofree double *cells = NULL;
  g_autofree char *title = NULL;
  double hi = 0;
  guint nx, ny;
  EaselChart *chart;

  column_groups (x, &gx);
  column_groups (y, &gy);
  nx = fold_small_groups (&gx, x->n_rows, MAX_HEATMAP_CATEGORIES);
  ny = fold_small_groups (&gy, y->n_rows, MAX_HEATMAP_CATEGORIES);

  cells = g_new0 (double, MAX ((gsize) nx * ny, 1));
  for (gsize i = 0; i < x->n_rows; i++)
    if (gx.codes[i] >= 0 && gy.codes[i] >= 0)
      cells[(gsize) gy.codes[i] * nx + gx.codes[i]] += 1.0;
  for (gsize i = 0; i < (gsize) nx * ny; i++)
    hi = MAX (hi, cells[i]);

  chart = easel_chart_new_heatmap (cells, ny, nx, (const char * const *) gy.names,
                                   (const char * const *) gx.names, 0.0, MAX (hi, 1.0));
  groups_clear (&gx);
  groups_clear (&gy);

  /* Translators: the title of a heatmap of row counts; two column names */
  title = g_strdup_printf (_("Rows by %s and %s"), y->name, x->name);
  easel_chart_set_title (chart, title);
  easel_chart_set_x_label (chart, x->name);
  easel_chart_set_y_label (chart, y->name);

  return chart;
}

static gsize
find_value (const double *sorted,
            gsize         n,
            double        v)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (sorted[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The mean of y for each x (or each bin of x when x has many values), one line per group. */
static EaselChart *
build_line (const EaselColumn *x,
            const EaselColumn *y,
            const EaselColumn *color,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autofree double *xs = column_numbers (x);
  g_autofree double *ys = column_numbers (y);
  g_autofree double *distinct = NULL;
  g_autofree double *sum_x = NULL, *sum_y = NULL;
  g_autofree guint64 *counts = NULL;
  g_autofree char *x_owned = NULL, *title = NULL, *y_label = NULL;
  Groups groups = { 0 };
  gsize n = x->n_rows, m = 0, n_distinct = 0, n_slots;
  guint n_series = 1;
  double lo = INFINITY, hi = -INFINITY;
  gboolean binned;
  EaselChart *chart;

  if (color != NULL)
    {
      column_groups (color, &groups);
      n_series = MAX (fold_small_groups (&groups, n, MAX_LINE_SERIES), 1);
    }

  /* The distinct x values, sorted */
  distinct = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    if (isfinite (xs[i]) && isfinite (ys[i]) && (groups.codes == NULL || groups.codes[i] >= 0))
      distinct[m++] = xs[i];
  easel_sort_doubles (distinct, m);
  for (gsize i = 0; i < m; i++)
    if (n_distinct == 0 || distinct[i] != distinct[n_distinct - 1])
      distinct[n_distinct++] = distinct[i];
  if (n_distinct > 0)
    {
      lo = distinct[0];
      hi = distinct[n_distinct - 1];
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      groups_clear (&groups);
      return NULL;
    }

  binned = n_distinct > MAX_LINE_POINTS;
  n_slots = binned ? LINE_BINS : MAX (n_distinct, 1);
  sum_x = g_new0 (double, n_slots * n_series);
  sum_y = g_new0 (double, n_slots * n_series);
  counts = g_new0 (guint64, n_slots * n_series);

  for (gsize i = 0; i < n; i++)
    {
      guint series = groups.codes != NULL ? (guint) MAX (groups.codes[i], 0) : 0;
      gsize slot;

      if (!isfinite (xs[i]) || !isfinite (ys[i]) || (groups.codes != NULL && groups.codes[i] < 0))
        continue;
      if (binned)
        slot = MIN ((gsize) ((xs[i] - lo) / (hi - lo) * LINE_BINS), (gsize) LINE_BINS - 1);
      else
        slot = find_value (distinct, n_distinct, xs[i]);
      sum_x[series * n_slots + slot] += xs[i];
      sum_y[series * n_slots + slot] += ys[i];
      counts[series * n_slots + slot]++;
    }

  chart = easel_chart_new_line ();
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree double *px = g_new (double, n_slots);
      g_autofree double *py = g_new (double, n_slots);
      gsize k = 0;

      for (gsize slot = 0; slot < n_slots; slot++)
        {
          guint64 count = counts[s * n_slots + slot];

          if (count == 0)
            continue;
          px[k] = sum_x[s * n_slots + slot] / count;
          py[k] = sum_y[s * n_slots + slot] / count;
          k++;
        }
      easel_chart_add_series (chart, groups.names != NULL ? groups.names[s] : y->name, px, py,
                              k);
    }
  groups_clear (&groups);

  /* Translators: the title of a line chart: the mean of one column for each value of
   * another */
  title = g_strdup_printf (_("Mean %s by %s"), y->name, x->name);
  /* Translators: the vertical axis of a line chart of means; %s is a column's name */
  y_label = g_strdup_printf (_("Mean of %s"), y->name);
  easel_chart_set_title (chart, title);
  easel_chart_set_x_label (chart, axis_name (x, &x_owned));
  easel_chart_set_y_label (chart, y_label);

  return chart;
}

/* Public API */

EaselChartRequest *
easel_chart_request_new (EaselTable     *table,
                         EaselChartKind  kind,
                         int             x,
                         int             y,
                         int             color)
{
  EaselChartRequest *request = g_new0 (EaselChartRequest, 1);

  request->table = easel_table_ref (table);
  request->kind = kind;
  request->columns[EASEL_CHART_ROLE_X] = x;
  request->columns[EASEL_CHART_ROLE_Y] = y;
  request->columns[EASEL_CHART_ROLE_COLOR] = color;

  return request;
}

EaselChartRequest *
easel_chart_request_new_distribution (EaselTable *table,
                                      guint       column)
{
  EaselColumnType type = easel_table_get_column (table, column)->type;
  EaselChartKind kind = type == EASEL_COLUMN_NUMERIC || type == EASEL_COLUMN_DATETIME
                        ? EASEL_CHART_HISTOGRAM : EASEL_CHART_BAR;

  return easel_chart_request_new (table, kind, (int) column, -1, -1);
}

void
easel_chart_request_free (EaselChartRequest *request)
{
  if (request == NULL)
    return;

  easel_table_unref (request->table);
  g_free (request->title);
  g_free (request);
}

EaselChart *
easel_chart_request_build (gpointer       data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  EaselChartRequest *request = data;
  const EaselColumn *x, *y, *color;
  EaselChart *chart = NULL;

  if (!check_column (request, EASEL_CHART_ROLE_X, &x, error) ||
      !check_column (request, EASEL_CHART_ROLE_Y, &y, error) ||
      !check_column (request, EASEL_CHART_ROLE_COLOR, &color, error))
    return NULL;

  switch (request->kind)
    {
    case EASEL_CHART_HISTOGRAM:
      chart = build_histogram (x);
      break;
    case EASEL_CHART_BAR:
      chart = build_bar (x, error);
      break;
    case EASEL_CHART_SCATTER:
      chart = build_scatter (x, y, color);
      break;
    case EASEL_CHART_BOX:
      chart = build_box (y, x);
      break;
    case EASEL_CHART_HEATMAP:
      chart = build_count_heatmap (x, y);
      break;
    case EASEL_CHART_LINE:
      chart = build_line (x, y, color, cancellable, error);
      break;
    case EASEL_CHART_MISSING:
      chart = easel_chart_new_missing_from_table (request->table, EASEL_MISSING_VIEW_BARS);
      easel_chart_set_title (chart, _("Missing Values by Column"));
      break;
    case EASEL_CHART_IMAGE_GRID:
    default:
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("This kind of chart cannot be made from columns."));
      return NULL;
    }

  if (chart != NULL && request->title != NULL)
    easel_chart_set_title (chart, request->title);

  return chart;
}

gboolean
easel_chart_kind_uses_role (EaselChartKind  kind,
                            EaselChartRole  role,
                            gboolean       *required)
{
  gboolean uses = FALSE, must = FALSE;

  switch (kind)
    {
    case EASEL_CHART_HISTOGRAM:
    case EASEL_CHART_BAR:
      uses = must = role == EASEL_CHART_ROLE_X;
      break;
    case EASEL_CHART_SCATTER:
    case EASEL_CHART_LINE:
      uses = TRUE;
      must = role != EASEL_CHART_ROLE_COLOR;
      break;
    case EASEL_CHART_BOX:
      uses = role != EASEL_CHART_ROLE_COLOR;
      must = role == EASEL_CHART_ROLE_Y;
      break;
    case EASEL_CHART_HEATMAP:
      uses = must = role != EASEL_CHART_ROLE_COLOR;
      break;
    case EASEL_CHART_MISSING:
    case EASEL_CHART_IMAGE_GRID:
    default:
      break;
    }

  if (required != NULL)
    *required = must;
  return uses;
}

gboolean
easel_chart_kind_accepts (EaselChartKind  kind,
                          EaselChartRole  role,
                          EaselColumnType type)
{
  if (!easel_chart_kind_uses_role (kind, role, NULL))
    return FALSE;

  if (role == EASEL_CHART_ROLE_COLOR)
    return is_group_type (type);

  switch (kind)
    {
    case EASEL_CHART_HISTOGRAM:
      return type == EASEL_COLUMN_NUMERIC || type == EASEL_COLUMN_DATETIME;
    case EASEL_CHART_BAR:
      return type == EASEL_COLUMN_CATEGORICAL || type == EASEL_COLUMN_BOOLEAN ||
             type == EASEL_COLUMN_TEXT;
    case EASEL_CHART_SCATTER:
      return is_number_type (type);
    case EASEL_CHART_LINE:
      return role == EASEL_CHART_ROLE_X
             ? type == EASEL_COLUMN_NUMERIC || type == EASEL_COLUMN_DATETIME
             : type == EASEL_COLUMN_NUMERIC || type == EASEL_COLUMN_BOOLEAN;
    case EASEL_CHART_BOX:
      return role == EASEL_CHART_ROLE_X ? is_group_type (type)
                                        : type == EASEL_COLUMN_NUMERIC ||
                                          type == EASEL_COLUMN_DATETIME;
    case EASEL_CHART_HEATMAP:
      return is_group_type (type);
    case EASEL_CHART_MISSING:
    case EASEL_CHART_IMAGE_GRID:
    default:
      return FALSE;
    }
}

const char *
easel_chart_role_get_label (EaselChartKind kind,
                            EaselChartRole role)
{
  switch (role)
    {
    case EASEL_CHART_ROLE_X:
      if (kind == EASEL_CHART_BOX)
        return _("Group By");
      if (kind == EASEL_CHART_HISTOGRAM || kind == EASEL_CHART_BAR)
        return _("Column");
      return _("Horizontal Axis");
    case EASEL_CHART_ROLE_Y:
      if (kind == EASEL_CHART_BOX)
        return _("Values");
      return _("Vertical Axis");
    case EASEL_CHART_ROLE_COLOR:
      return kind == EASEL_CHART_LINE ? _("One Line Per") : _("Colour By");
    case EASEL_N_CHART_ROLES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const EaselChartKind *
easel_chart_kinds_get (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (chart_kinds);
  return chart_kinds;
}

const char *
easel_chart_kind_get_label (EaselChartKind kind)
{
  switch (kind)
    {
    case EASEL_CHART_HISTOGRAM:
      return _("Histogram");
    case EASEL_CHART_BAR:
      return _("Bar Chart");
    case EASEL_CHART_SCATTER:
      return _("Scatter Plot");
    case EASEL_CHART_BOX:
      return _("Box Plot");
    case EASEL_CHART_HEATMAP:
      return _("Heatmap");
    case EASEL_CHART_LINE:
      return _("Line Chart");
    case EASEL_CHART_MISSING:
      return _("Missing Values");
    case EASEL_CHART_IMAGE_GRID:
      return _("Image Grid");
    default:
      g_return_val_if_reached (NULL);
    }
}
