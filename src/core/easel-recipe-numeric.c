/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Steps on numbers: clip_outliers, scale, bin. Bounds, centres, scales and bin edges are
 * learned when fitting, as numpy, pandas and scikit-learn compute them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-recipe-private.h"

#define NUMERIC_ONLY EASEL_TYPE_BIT (EASEL_COLUMN_NUMERIC)

static JsonNode *
number_or_null (double value)
{
  JsonNode *node;

  if (!isfinite (value))
    return json_node_new (JSON_NODE_NULL);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_double (node, value);
  return node;
}

static gboolean
read_number (JsonNode *node,
             double   *out)
{
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_DOUBLE
          && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_double (node);
  return TRUE;
}

/* The numeric columns named by "columns". */
static GArray *
numeric_columns (EaselStepRun  *run,
                 const char    *needs,
                 GError       **error)
{
  GArray *indices = easel_prep_resolve_columns (run, "columns", FALSE, error);

  if (indices == NULL)
    return NULL;
  for (guint c = 0; c < indices->len; c++)
    if (!easel_prep_require_type (
            run, "columns", easel_frame_get_column (run->frame, g_array_index (indices, guint, c)),
            NUMERIC_ONLY, needs, error))
      {
        g_array_unref (indices);
        return NULL;
      }
  return indices;
}

/* clip_outliers {columns, method, k?, lower?, upper?, action} */

static const char *const clip_method_choices[] = {
  NC_("step choice", "std"),
  NC_("step choice", "quantile"),
  NC_("step choice", "iqr"),
  NULL
};
static const char *const clip_action_choices[] = {
  NC_("step choice", "clip"),
  NC_("step choice", "remove"),
  NULL
};

static gboolean
clip_check (const EaselStep  *step,
            guint             index,
            GError          **error)
{
  const char *method = easel_prep_param_string (step, "method", "iqr");
  const char *op = easel_step_get_op (step);
  gboolean quantile = strcmp (method, "quantile") == 0;
  double lower = easel_prep_param_number (step, "lower", 0.01);
  double upper = easel_prep_param_number (step, "upper", 0.99);

  if (easel_step_get_param (step, "k") != NULL)
    {
      if (quantile)
        {
          easel_prep_set_error (error, index, op, EASEL_ERROR_INVALID_ARGUMENT, "k",
                                _("is not used with method quantile (use lower and upper)."));
          return FALSE;
        }
      if (!(easel_prep_param_number (step, "k", 1) > 0))
        {
          easel_prep_set_error (error, index, op, EASEL_ERROR_INVALID_ARGUMENT, "k",
                                _("must be above 0."));
          return FALSE;
        }
    }
  if (!quantile
      && (easel_step_get_param (step, "lower") != NULL
          || easel_step_get_param (step, "upper") != NULL))
    {
      easel_prep_set_error (error, index, op, EASEL_ERROR_INVALID_ARGUMENT,
                            easel_step_get_param (step, "lower") != NULL ? "lower" : "upper",
                            _("is only used with method quantile (the method is %s)."), method);
      return FALSE;
    }
  if (quantile && !(lower >= 0 && lower < upper && upper <= 1))
    {
      easel_prep_set_error (
          error, index, op, EASEL_ERROR_INVALID_ARGUMENT,
          lower >= 0 && lower <= 1 ? "upper" : "lower",
          _("the quantiles must satisfy 0 ≤ lower < upper ≤ 1 (lower %g, upper %g)."), lower,
          upper);
      return FALSE;
    }
  return TRUE;
}

static gboolean
clip_fit (EaselStepRun  *run,
          JsonObject    *fitted,
          GError       **error)
{
  g_autoptr(GArray) indices
      = numeric_columns (run, _("clipping outliers needs numeric columns"), error);
  const char *method = easel_prep_param_string (run->step, "method", "iqr");
  double k = easel_prep_param_number (run->step, "k", strcmp (method, "std") == 0 ? 3.0 : 1.5);
  double lower = easel_prep_param_number (run->step, "lower", 0.01);
  double upper = easel_prep_param_number (run->step, "upper", 0.99);
  g_autofree double *bounds = NULL;
  JsonObject *object;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  bounds = g_new (double, 2 * MAX (n, 1));
#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, run->frame->n_rows))
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      double lo, hi;

      if (strcmp (method, "std") == 0)
        {
          double mean, std;
          easel_prep_mean_std (column, &mean, &std);
          lo = mean - k * std;
          hi = mean + k * std;
        }
      else
        {
          gsize count;
          g_autofree double *sorted = easel_prep_sorted_values (column, &count);
          if (strcmp (method, "quantile") == 0)
            {
              lo = easel_prep_quantile (sorted, count, lower);
              hi = easel_prep_quantile (sorted, count, upper);
            }
          else
            {
              double q1 = easel_prep_quantile (sorted, count, 0.25);
              double q3 = easel_prep_quantile (sorted, count, 0.75);
              lo = q1 - k * (q3 - q1);
              hi = q3 + k * (q3 - q1);
            }
        }
      bounds[2 * c] = lo;
      bounds[2 * c + 1] = hi;
    }

  object = json_object_new ();
  for (guint c = 0; c < n; c++)
    {
      JsonArray *pair = json_array_new ();
      json_array_add_element (pair, number_or_null (bounds[2 * c]));
      json_array_add_element (pair, number_or_null (bounds[2 * c + 1]));
      json_object_set_array_member (
          object, easel_frame_get_column (run->frame, g_array_index (indices, guint, c))->name,
          pair);
    }
  json_object_set_object_member (fitted, "bounds", object);
  return TRUE;
}

static gboolean
clip_apply (EaselStepRun  *run,
            JsonObject    *fitted,
            GError       **error)
{
  g_autoptr(GArray) indices
      = numeric_columns (run, _("clipping outliers needs numeric columns"), error);
  gboolean remove = strcmp (easel_prep_param_string (run->step, "action", "clip"), "remove") == 0;
  g_autofree double *bounds = NULL;
  gsize n_rows = run->frame->n_rows;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  bounds = g_new (double, 2 * MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      JsonNode *pair = easel_prep_fitted_member (run, fitted, "bounds", column->name, error);
      JsonArray *array;

      if (pair == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_ARRAY (pair)
          || json_array_get_length (array = json_node_get_array (pair)) != 2
          || !read_number (json_array_get_element (array, 0), &bounds[2 * c])
          || !read_number (json_array_get_element (array, 1), &bounds[2 * c + 1]))
        return easel_prep_fitted_error (run, "bounds must be [lower, upper]", error);
    }

  if (remove)
    {
      g_autofree guint8 *keep = g_malloc (MAX (n_rows, 1));
      gsize kept = 0;
      memset (keep, 1, n_rows);
      for (guint c = 0; c < n; c++)
        {
          const double *x
              = easel_frame_get_column (run->frame, g_array_index (indices, guint, c))->num;
          double lo = bounds[2 * c], hi = bounds[2 * c + 1];
          /* a missing value is not outside the bounds: its row stays, as in pandas */
          for (gsize i = 0; i < n_rows; i++)
            if (x[i] < lo || x[i] > hi)
              keep[i] = 0;
        }
      for (gsize i = 0; i < n_rows; i++)
        kept += keep[i];
      easel_frame_keep_rows (run->frame, keep, kept);
      return TRUE;
    }
  else
    {
      g_autofree EaselColumn **out = g_new0 (EaselColumn *, MAX (n, 1));
      g_autofree gsize *changed = g_new0 (gsize, MAX (n, 1));

#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, n_rows))
      for (guint c = 0; c < n; c++)
        {
          const EaselColumn *column
              = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
          double lo = bounds[2 * c], hi = bounds[2 * c + 1];
          double *values = g_new (double, MAX (n_rows, 1));
          gsize count = 0;

          for (gsize i = 0; i < n_rows; i++)
            {
              double x = column->num[i];
              /* NaN bounds (a column without values) clip nothing */
              if (x < lo)
                x = lo, count++;
              else if (x > hi)
                x = hi, count++;
              values[i] = x;
            }
          out[c] = easel_column_new_numeric (column->name, n_rows, values, NULL);
          changed[c] = count;
        }
      for (guint c = 0; c < n; c++)
        {
          easel_frame_replace_column (run->frame, g_array_index (indices, guint, c), out[c]);
          run->report->values_changed += changed[c];
        }
      return TRUE;
    }
}

static const EaselStepParamSpec clip_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL, N_("The numeric columns.") },
  { "method", EASEL_STEP_PARAM_CHOICE, TRUE, clip_method_choices, NULL,
    N_("std: mean ± k standard deviations; quantile: between two quantiles; iqr: k interquartile "
       "ranges beyond the quartiles.") },
  { "k", EASEL_STEP_PARAM_NUMBER, FALSE, NULL, NULL,
    N_("How far: 3 for std and 1.5 for iqr by default.") },
  { "lower", EASEL_STEP_PARAM_NUMBER, FALSE, NULL, "0.01",
    N_("The lower quantile (method quantile).") },
  { "upper", EASEL_STEP_PARAM_NUMBER, FALSE, NULL, "0.99",
    N_("The upper quantile (method quantile).") },
  { "action", EASEL_STEP_PARAM_CHOICE, FALSE, clip_action_choices, "\"clip\"",
    N_("clip: bring values back to the bounds; remove: drop the rows outside them.") },
};

const EaselOpClass easel_op_clip_outliers = {
  { "clip_outliers", N_("Limit outliers"),
    N_("Clips values beyond bounds learned from the data, or removes their rows."),
    clip_params, G_N_ELEMENTS (clip_params), TRUE },
  clip_check, clip_fit, clip_apply,
};

/* scale {columns, method} */

static const char *const scale_choices[] = {
  NC_("step choice", "standard"),
  NC_("step choice", "minmax"),
  NC_("step choice", "robust"),
  NULL
};

static gboolean
scale_fit (EaselStepRun  *run,
           JsonObject    *fitted,
           GError       **error)
{
  g_autoptr(GArray) indices = numeric_columns (run, _("scaling needs numeric columns"), error);
  const char *method = easel_prep_param_string (run->step, "method", "standard");
  g_autofree double *params = NULL;
  JsonObject *object;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  params = g_new (double, 2 * MAX (n, 1));
#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, run->frame->n_rows))
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      double center, scale;

      if (strcmp (method, "standard") == 0)
        easel_prep_mean_std (column, &center, &scale);
      else
        {
          gsize count;
          g_autofree double *sorted = easel_prep_sorted_values (column, &count);
          if (strcmp (method, "minmax") == 0)
            {
              center = count > 0 ? sorted[0] : NAN;
              scale = count > 0 ? sorted[count - 1] - sorted[0] : NAN;
            }
          else
            {
              center = easel_prep_median (sorted, count);
              scale = easel_prep_quantile (sorted, count, 0.75)
                      - easel_prep_quantile (sorted, count, 0.25);
            }
        }
      /* As scikit-learn: a constant column is only shifted. */
      if (scale == 0.0)
        scale = 1.0;
      params[2 * c] = center;
      params[2 * c + 1] = scale;
    }

  object = json_object_new ();
  for (guint c = 0; c < n; c++)
    {
      JsonObject *p = json_object_new ();
      json_object_set_member (p, "center", number_or_null (params[2 * c]));
      json_object_set_member (p, "scale", number_or_null (params[2 * c + 1]));
      json_object_set_object_member (
          object, easel_frame_get_column (run->frame, g_array_index (indices, guint, c))->name, p);
    }
  json_object_set_object_member (fitted, "params", object);
  return TRUE;
}

static gboolean
scale_apply (EaselStepRun  *run,
             JsonObject    *fitted,
             GError       **error)
{
  g_autoptr(GArray) indices = numeric_columns (run, _("scaling needs numeric columns"), error);
  gboolean minmax
      = strcmp (easel_prep_param_string (run->step, "method", "standard"), "minmax") == 0;
  g_autofree double *params = NULL;
  g_autofree EaselColumn **out = NULL;
  gsize n_rows = run->frame->n_rows;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  params = g_new (double, 2 * MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      JsonNode *p = easel_prep_fitted_member (run, fitted, "params", column->name, error);
      if (p == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (p)
          || !read_number (json_object_get_member (json_node_get_object (p), "center"),
                           &params[2 * c])
          || !read_number (json_object_get_member (json_node_get_object (p), "scale"),
                           &params[2 * c + 1]))
        return easel_prep_fitted_error (run, _("each column needs a center and a scale"), error);
    }

  out = g_new0 (EaselColumn *, MAX (n, 1));
#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, n_rows))
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      const double *x = column->num;
      double center = params[2 * c], scale = params[2 * c + 1];
      double *values = g_new (double, MAX (n_rows, 1));

      if (minmax)
        {
          /* scikit-learn's MinMaxScaler: x * (1 / range) + (-min / range) */
          double s = 1.0 / scale, m = 0.0 - center * s;
          for (gsize i = 0; i < n_rows; i++)
            values[i] = x[i] * s + m;
        }
      else
        for (gsize i = 0; i < n_rows; i++)
          values[i] = (x[i] - center) / scale;
      out[c] = easel_column_new_numeric (column->name, n_rows, values, NULL);
    }
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      run->report->values_changed += column->n_rows - column->n_missing;
      easel_frame_replace_column (run->frame, g_array_index (indices, guint, c), out[c]);
    }
  return TRUE;
}

static const EaselStepParamSpec scale_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL, N_("The numeric columns.") },
  { "method", EASEL_STEP_PARAM_CHOICE, TRUE, scale_choices, NULL,
    N_("standard: (x − mean) / standard deviation; minmax: to [0, 1]; robust: (x − median) / "
       "IQR.") },
};

const EaselOpClass easel_op_scale = {
  { "scale", N_("Scale numbers"),
    N_("Rescales numbers by the mean and standard deviation, the minimum and maximum, or the "
       "median and interquartile range of the table the recipe is fitted on."),
    scale_params, G_N_ELEMENTS (scale_params), TRUE },
  NULL, scale_fit, scale_apply,
};

/* bin {column, bins, method} */

static const char *const bin_choices[] = {
  NC_("step choice", "equal_width"),
  NC_("step choice", "quantile"),
  NULL
};

/* pandas' _round_frac: round to 'precision' significant digits after any leading zeros of
 * the fraction, with numpy's round (half to even after scaling by a power of ten). */
static double
round_frac (double x,
            int    precision)
{
  double whole, frac, f;
  int digits;

  if (!isfinite (x) || x == 0)
    return x;
  frac = modf (x, &whole);
  if (whole == 0)
    digits = -(int) floor (log10 (fabs (frac))) - 1 + precision;
  else
    digits = precision;
  f = pow (10.0, digits);
  return nearbyint (x * f) / f;
}

/* pandas' interval labels for bins with these edges: "(0.994, 2.0]". */
static char **
interval_labels (const double *edges,
                 guint         n_edges,
                 gboolean      integer_edges,
                 gboolean      include_lowest)
{
  int precision = 3;
  g_autofree double *breaks = g_new (double, MAX (n_edges, 1));
  char **labels = g_new0 (char *, n_edges);

  if (!integer_edges)
    {
      /* the smallest precision from 3 up that keeps the edges distinct */
      for (int p = 3; p < 20; p++)
        {
          EaselDoubleIndex distinct;
          guint32 count;
          easel_double_index_init (&distinct);
          for (guint i = 0; i < n_edges; i++)
            easel_double_index_add (&distinct, round_frac (edges[i], p), NULL);
          count = distinct.n;
          easel_double_index_clear (&distinct);
          if (count == n_edges)
            {
              precision = p;
              break;
            }
        }
    }
  for (guint i = 0; i < n_edges; i++)
    breaks[i] = integer_edges ? edges[i] : round_frac (edges[i], precision);
  if (include_lowest)
    breaks[0] = breaks[0] - pow (10.0, -precision);

  for (guint i = 0; i + 1 < n_edges; i++)
    {
      char left[40], right[40];
      if (integer_edges && !(include_lowest && i == 0))
        g_snprintf (left, sizeof left, "%" G_GINT64_FORMAT, (gint64) breaks[i]);
      else
        easel_prep_format_python_float (breaks[i], left);
      if (integer_edges)
        g_snprintf (right, sizeof right, "%" G_GINT64_FORMAT, (gint64) breaks[i + 1]);
      else
        easel_prep_format_python_float (breaks[i + 1], right);
      labels[i] = g_strdup_printf ("(%s, %s]", left, right);
    }
  return labels;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
bin_fit (EaselStepRun  *run,
         JsonObject    *fitted,
         GError       **error)
{
  int index = easel_prep_resolve_column (run, "column", error);
  JsonNode *bins = easel_step_get_param (run->step, "bins");
  gboolean  quantile
      = strcmp (easel_prep_param_string (run->step, "method", "equal_width"), "quantile") == 0;
  const EaselColumn *column;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean integer_edges = FALSE, include_lowest = FALSE;
  char **labels;
  JsonArray *edge_array, *label_array;
  g_autofree char *name = NULL;

  if (index < 0)
    return FALSE;
  column = easel_frame_get_column (run->frame, index);
  if (!easel_prep_require_type (run, "column", column, NUMERIC_ONLY,
                                _("binning needs a numeric column"), error))
    return FALSE;
  name = g_strdup_printf ("%s_bin", column->name);
  if (!easel_prep_require_new_name (run, "column", name, -1, error))
    return FALSE;

  if (JSON_NODE_HOLDS_ARRAY (bins))
    {
      JsonArray *array = json_node_get_array (bins);
      integer_edges = TRUE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          double v = json_node_get_double (e);
          integer_edges &= json_node_get_value_type (e) == G_TYPE_INT64;
          g_array_append_val (edges, v);
        }
    }
  else
    {
      guint k = (guint) json_node_get_double (bins);
      gsize count;
      g_autofree double *sorted = easel_prep_sorted_values (column, &count);

      if (count == 0)
        {
          easel_step_run_error (run, error, EASEL_ERROR_EMPTY, "column",
                                _("“%s” has no values to bin."), column->name);
          return FALSE;
        }
      if (quantile)
        {
          /* pandas' qcut with duplicates="drop": edges at numpy's quantiles of
           * linspace(0, 1, k + 1), repeated edges dropped */
          double step = 1.0 / k;
          include_lowest = TRUE;
          for (guint i = 0; i <= k; i++)
            {
              double q = i == k ? 1.0 : (double) i * step;
              double v = easel_prep_quantile (sorted, count, q);
              g_array_append_val (edges, v);
            }
          g_array_sort (edges, compare_doubles);
          for (guint i = edges->len; i-- > 1;)
            if (g_array_index (edges, double, i) == g_array_index (edges, double, i - 1))
              g_array_remove_index (edges, i);
          if (edges->len < 2)
            {
              easel_step_run_error (run, error, EASEL_ERROR_INVALID_ARGUMENT, "bins",
                                    _("“%s” has a single value, so it has no quantile bins."),
                                    column->name);
              return FALSE;
            }
        }
      else
        {
          /* pandas' cut with a bin count: linspace(min, max, k + 1), the first edge moved
           * down by 0.1% of the range so that the minimum falls in the first bin */
          double mn = sorted[0] + 0.0, mx = sorted[count - 1] + 0.0, step;
          if (mn == mx)
            {
              mn -= mn != 0 ? 0.001 * fabs (mn) : 0.001;
              mx += mx != 0 ? 0.001 * fabs (mx) : 0.001;
            }
          step = (mx - mn) / k;
          for (guint i = 0; i <= k; i++)
            {
              double v = i == k ? mx : (double) i * step + mn;
              g_array_append_val (edges, v);
            }
          if (sorted[0] != sorted[count - 1])
            g_array_index (edges, double, 0) -= (mx - mn) * 0.001;
        }
    }

  labels = interval_labels ((const double *)(void *)edges->data, edges->len, integer_edges,
                            include_lowest);
  edge_array = json_array_new ();
  label_array = json_array_new ();
  for (guint i = 0; i < edges->len; i++)
    {
      if (integer_edges)
        json_array_add_int_element (edge_array, (gint64) g_array_index (edges, double, i));
      else
        json_array_add_double_element (edge_array, g_array_index (edges, double, i));
      if (i + 1 < edges->len)
        json_array_add_string_element (label_array, labels[i]);
    }
  g_strfreev (labels);
  json_object_set_array_member (fitted, "edges", edge_array);
  json_object_set_array_member (fitted, "labels", label_array);
  json_object_set_boolean_member (fitted, "include_lowest", include_lowest);
  return TRUE;
}

static gboolean
bin_apply (EaselStepRun  *run,
           JsonObject    *fitted,
           GError       **error)
{
  int index = easel_prep_resolve_column (run, "column", error);
  const EaselColumn *column;
  JsonNode *edges_node = json_object_get_member (fitted, "edges");
  JsonNode *labels_node = json_object_get_member (fitted, "labels");
  gboolean           include_lowest
      = json_object_get_boolean_member_with_default (fitted, "include_lowest", FALSE);
  JsonArray *edge_array, *label_array;
  guint n_edges;
  g_autofree double *edges = NULL;
  g_autofree char **labels = NULL;
  g_autofree char *name = NULL;
  gsize n = run->frame->n_rows, lost = 0;
  gint32 *codes;

  if (index < 0)
    return FALSE;
  column = easel_frame_get_column (run->frame, index);
  if (!easel_prep_require_type (run, "column", column, NUMERIC_ONLY,
                                _("binning needs a numeric column"), error))
    return FALSE;
  name = g_strdup_printf ("%s_bin", column->name);
  if (!easel_prep_require_new_name (run, "column", name, -1, error))
    return FALSE;
  if (edges_node == NULL || labels_node == NULL || !JSON_NODE_HOLDS_ARRAY (edges_node) ||
      !JSON_NODE_HOLDS_ARRAY (labels_node))
    return easel_prep_fitted_error (run, "edges and labels are needed", error);
  edge_array = json_node_get_array (edges_node);
  label_array = json_node_get_array (labels_node);
  n_edges = json_array_get_length (edge_array);
  if (n_edges < 2 || json_array_get_length (label_array) != n_edges - 1)
    return easel_prep_fitted_error (run, "one label is needed between each two edges", error);
  edges = g_new (double, n_edges);
  labels = g_new0 (char *, n_edges);
  for (guint i = 0; i < n_edges; i++)
    {
      if (!read_number (json_array_get_element (edge_array, i), &edges[i]) || isnan (edges[i]) ||
          (i > 0 && !(edges[i] > edges[i - 1])))
        return easel_prep_fitted_error (run, "the edges must be increasing numbers", error);
      if (i + 1 < n_edges)
        {
          JsonNode *l = json_array_get_element (label_array, i);
          if (!JSON_NODE_HOLDS_VALUE (l) || json_node_get_value_type (l) != G_TYPE_STRING)
            return easel_prep_fitted_error (run, "the labels must be strings", error);
          labels[i] = (char *) json_node_get_string (l);
        }
    }

  codes = g_new (gint32, MAX (n, 1));
#pragma omp parallel for schedule(static) reduction(+:lost) if (n >= EASEL_PREP_PARALLEL_ROWS)
  for (gsize i = 0; i < n; i++)
    {
      double x = column->num[i];
      guint lo = 0, hi = n_edges;

      if (isnan (x))
        {
          codes[i] = -1;
          continue;
        }
      /* the first edge not below x (numpy's searchsorted, side left); bins are (a, b] */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (edges[mid] < x)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (include_lowest && x == edges[0])
        lo = 1;
      if (lo == 0 || lo == n_edges)
        {
          codes[i] = -1;
          lost++;
        }
      else
        codes[i] = (gint32) lo - 1;
    }
  {
    char **categories = g_new (char *, n_edges);
    EaselColumn *out;
    for (guint i = 0; i + 1 < n_edges; i++)
      categories[i] = g_strdup (labels[i]);
    categories[n_edges - 1] = NULL;
    out = easel_column_new_categorical (name, n, codes, categories, n_edges - 1);
    easel_frame_insert_column (run->frame, easel_frame_get_n_columns (run->frame), out);
  }
  run->report->values_missing = lost;
  return TRUE;
}

static const EaselStepParamSpec bin_params[] = {
  { "column", EASEL_STEP_PARAM_COLUMN, TRUE, NULL, NULL,
    N_("The numeric column to put into bins.") },
  { "bins", EASEL_STEP_PARAM_BINS, TRUE, NULL, NULL,
    N_("How many bins, or the list of their edges.") },
  { "method", EASEL_STEP_PARAM_CHOICE, FALSE, bin_choices, "\"equal_width\"",
    N_("equal_width: bins of the same width; quantile: bins with the same number of rows.") },
};

const EaselOpClass easel_op_bin = {
  { "bin", N_("Group numbers into bins"),
    N_("Adds a categorical column <column>_bin that says which bin each value falls in."),
    bin_params, G_N_ELEMENTS (bin_params), TRUE },
  NULL, bin_fit, bin_apply,
};
