/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Steps for missing values: drop_missing, impute. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-dict.h"
#include "easel-profile.h"
#include "easel-recipe-private.h"

/* drop_missing {columns?} */

static gboolean
drop_missing_apply (EaselStepRun  *run,
                    JsonObject    *fitted,
                    GError       **error)
{
  g_autoptr(GArray) indices = easel_prep_resolve_columns (run, "columns", TRUE, error);
  gsize n = run->frame->n_rows, kept = 0;
  g_autofree guint8 *keep = NULL;

  if (indices == NULL)
    return FALSE;
  keep = g_malloc (MAX (n, 1));
  memset (keep, 1, n);
  for (guint c = 0; c < indices->len; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      if (column->missing == NULL)
        continue;
      for (gsize i = 0; i < n; i++)
        keep[i] &= !column->missing[i];
    }
  for (gsize i = 0; i < n; i++)
    kept += keep[i];
  easel_frame_keep_rows (run->frame, keep, kept);
  return TRUE;
}

static const EaselStepParamSpec drop_missing_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, FALSE, NULL, NULL,
    N_("Drop the rows with a missing value in any of these columns (default: all columns).") },
};

const EaselOpClass easel_op_drop_missing = {
  { "drop_missing", N_("Remove rows with missing values"),
    N_("Removes every row that has a missing value in any of the chosen columns."),
    drop_missing_params, G_N_ELEMENTS (drop_missing_params), FALSE },
  NULL, NULL, drop_missing_apply,
};

/* impute {columns, strategy, value?, add_indicator?} */

static const char *const strategy_choices[] = {
  NC_("step choice", "mean"),
  NC_("step choice", "median"),
  NC_("step choice", "mode"),
  NC_("step choice", "constant"),
  NULL
};

static gboolean
impute_check (const EaselStep  *step,
              guint             index,
              GError          **error)
{
  const char *strategy = easel_prep_param_string (step, "strategy", "mean");
  gboolean has_value = easel_step_get_param (step, "value") != NULL;
  JsonNode *value = easel_step_get_param (step, "value");

  if (strcmp (strategy, "constant") == 0 && !has_value)
    {
      easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                            "value", _("is required with strategy constant."));
      return FALSE;
    }
  if (strcmp (strategy, "constant") != 0 && has_value)
    {
      easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                            "value", _("is only used with strategy constant (the strategy is %s)."),
                            strategy);
      return FALSE;
    }
  if (has_value && !JSON_NODE_HOLDS_VALUE (value))
    {
      easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                            "value", _("must be a single string, number or true/false."));
      return FALSE;
    }
  return TRUE;
}

/* The most frequent value; ties go to the smallest, as pandas' mode() and scikit-learn's
 * most_frequent. A JSON null if the column has no value. */
static JsonNode *
column_mode (const EaselColumn *column)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  gsize n = column->n_rows;

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      {
        EaselDoubleIndex index;
        GArray *counts = g_array_new (FALSE, TRUE, sizeof (gsize));
        gint64 best = -1;
        easel_double_index_init (&index);
        for (gsize i = 0; i < n; i++)
          {
            guint32 code;
            if (isnan (column->num[i]))
              continue;
            code = easel_double_index_add (&index, column->num[i], NULL);
            if (code >= counts->len)
              g_array_set_size (counts, code + 1);
            g_array_index (counts, gsize, code)++;
          }
        for (guint32 k = 0; k < index.n; k++)
          {
            gsize c = g_array_index (counts, gsize, k);
            if (best < 0 || c > g_array_index (counts, gsize, best)
                || (c == g_array_index (counts, gsize, best)
                    && easel_double_index_value (&index, k)
                           < easel_double_index_value (&index, (guint32) best)))
              best = k;
          }
        if (best >= 0)
          json_node_set_double (node, easel_double_index_value (&index, (guint32) best));
        g_array_unref (counts);
        easel_double_index_clear (&index);
        if (best < 0)
          {
            json_node_unref (node);
            return json_node_new (JSON_NODE_NULL);
          }
        return node;
      }
    case EASEL_COLUMN_BOOLEAN:
      {
        gsize counts[2] = { 0, 0 };
        for (gsize i = 0; i < n; i++)
          if (!easel_column_is_missing (column, i))
            counts[column->bools[i]]++;
        if (counts[0] + counts[1] == 0)
          {
            json_node_unref (node);
            return json_node_new (JSON_NODE_NULL);
          }
        json_node_set_boolean (node, counts[1] > counts[0]);
        return node;
      }
    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_TEXT:
      {
        EaselDict dict;
        GArray *counts = g_array_new (FALSE, TRUE, sizeof (gsize));
        gint64 best = -1;
        easel_dict_init (&dict);
        if (column->type == EASEL_COLUMN_CATEGORICAL)
          {
            g_array_set_size (counts, column->n_categories);
            for (gsize i = 0; i < n; i++)
              if (column->codes[i] >= 0)
                g_array_index (counts, gsize, column->codes[i])++;
            for (guint32 k = 0; k < column->n_categories; k++)
              easel_dict_intern (&dict, column->categories[k], strlen (column->categories[k]));
          }
        else
          for (gsize i = 0; i < n; i++)
            {
              gsize len;
              const char *s = easel_prep_string (column, i, &len);
              guint32 code;
              if (s == NULL)
                continue;
              code = easel_dict_intern (&dict, s, len);
              if (code >= counts->len)
                g_array_set_size (counts, code + 1);
              g_array_index (counts, gsize, code)++;
            }
        for (guint32 k = 0; k < counts->len; k++)
          {
            gsize c = g_array_index (counts, gsize, k);
            if (c == 0)
              continue;
            if (best < 0 || c > g_array_index (counts, gsize, best)
                || (c == g_array_index (counts, gsize, best)
                    && strcmp (easel_dict_string (&dict, k),
                               easel_dict_string (&dict, (guint32) best))
                           < 0))
              best = k;
          }
        if (best >= 0)
          json_node_set_string (node, easel_dict_string (&dict, (guint32) best));
        g_array_unref (counts);
        easel_dict_clear (&dict);
        if (best < 0)
          {
            json_node_unref (node);
            return json_node_new (JSON_NODE_NULL);
          }
        return node;
      }
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
number_node (double value)
{
  JsonNode *node;

  if (isnan (value))
    return json_node_new (JSON_NODE_NULL);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_double (node, value);
  return node;
}

/* Whether a constant fits a column of this type (datetimes take ISO strings or seconds). */
static gboolean
constant_fits (JsonNode        *value,
               EaselColumnType  type)
{
  GType t = json_node_get_value_type (value);

  switch (type)
    {
    case EASEL_COLUMN_NUMERIC:
      return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
    case EASEL_COLUMN_DATETIME:
      if (t == G_TYPE_STRING)
        {
          double v;
          const char *s = json_node_get_string (value);
          return easel_parse_datetime (s, strlen (s), &v, NULL);
        }
      return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
    case EASEL_COLUMN_BOOLEAN:
      return t == G_TYPE_BOOLEAN;
    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_TEXT:
      return t == G_TYPE_STRING;
    case EASEL_N_COLUMN_TYPES:
    default:
      return FALSE;
    }
}

static gboolean
impute_fit (EaselStepRun  *run,
            JsonObject    *fitted,
            GError       **error)
{
  g_autoptr(GArray) indices = easel_prep_resolve_columns (run, "columns", FALSE, error);
  const char *strategy = easel_prep_param_string (run->step, "strategy", "mean");
  gboolean by_number = strcmp (strategy, "mean") == 0 || strcmp (strategy, "median") == 0;
  JsonObject *values;
  guint n;
  g_autofree JsonNode **learned = NULL;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      g_autofree char *needs
          = g_strdup_printf (_("strategy %s needs numeric or datetime columns"), strategy);

      if (by_number
          && !easel_prep_require_type (run, "columns", column,
                                       EASEL_TYPE_BIT (EASEL_COLUMN_NUMERIC)
                                           | EASEL_TYPE_BIT (EASEL_COLUMN_DATETIME),
                                       needs, error))
        return FALSE;
      if (strcmp (strategy, "constant") == 0 &&
          !constant_fits (easel_step_get_param (run->step, "value"), column->type))
        {
          easel_step_run_error (run, error, EASEL_ERROR_TYPE, "value",
                                _("does not fit column “%s”, which is %s (a %s value is needed)."),
                                column->name, easel_column_type_to_words (column->type),
                                column->type == EASEL_COLUMN_NUMERIC    ? _("number")
                                : column->type == EASEL_COLUMN_BOOLEAN  ? _("true/false")
                                : column->type == EASEL_COLUMN_DATETIME ? _("date (YYYY-MM-DD)")
                                                                        : _("string"));
          return FALSE;
        }
    }

  learned = g_new0 (JsonNode *, MAX (n, 1));
#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, run->frame->n_rows))
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));

      if (strcmp (strategy, "mean") == 0)
        {
          double mean, std;
          easel_prep_mean_std (column, &mean, &std);
          learned[c] = number_node (mean);
        }
      else if (strcmp (strategy, "median") == 0)
        {
          gsize count;
          g_autofree double *sorted = easel_prep_sorted_values (column, &count);
          learned[c] = number_node (easel_prep_median (sorted, count));
        }
      else if (strcmp (strategy, "mode") == 0)
        learned[c] = column_mode (column);
    }
  /* Constants outside the parallel loop: json-glib's reference counts are not atomic. */
  for (guint c = 0; c < n && strcmp (strategy, "constant") == 0; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      JsonNode *value = easel_step_get_param (run->step, "value");

      if (column->type == EASEL_COLUMN_DATETIME
          && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          double v = NAN;
          const char *s = json_node_get_string (value);
          easel_parse_datetime (s, strlen (s), &v, NULL);
          learned[c] = number_node (v);
        }
      else if (column->type == EASEL_COLUMN_NUMERIC || column->type == EASEL_COLUMN_DATETIME)
        learned[c] = number_node (json_node_get_double (value));
      else
        learned[c] = json_node_copy (value);
    }

  values = json_object_new ();
  for (guint c = 0; c < n; c++)
    json_object_set_member (
        values, easel_frame_get_column (run->frame, g_array_index (indices, guint, c))->name,
        learned[c]);
  json_object_set_object_member (fitted, "values", values);
  return TRUE;
}

/* The column with its missing values filled with 'value' (a JSON value that fits the type). */
static EaselColumn *
fill_column (const EaselColumn *column,
             JsonNode          *value)
{
  gsize n = column->n_rows;

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      {
        double v = json_node_get_double (value);
        double *values = g_memdup2 (column->num, MAX (n, 1) * sizeof (double));
        EaselColumn *out;
        for (gsize i = 0; i < n; i++)
          if (isnan (values[i]))
            values[i] = v;
        out = easel_column_new_numeric (column->name, n, values, NULL);
        out->type = column->type;
        out->has_time = column->has_time
                        || (column->type == EASEL_COLUMN_DATETIME && fmod (v, 86400.0) != 0.0);
        return out;
      }
    case EASEL_COLUMN_BOOLEAN:
      {
        guint8 *values = g_memdup2 (column->bools, MAX (n, 1));
        guint8 v = json_node_get_boolean (value) ? 1 : 0;
        for (gsize i = 0; i < n; i++)
          if (easel_column_is_missing (column, i))
            values[i] = v;
        return easel_column_new_boolean (column->name, n, values, NULL);
      }
    case EASEL_COLUMN_CATEGORICAL:
      {
        const char *v = json_node_get_string (value);
        gint32 *codes = g_memdup2 (column->codes, MAX (n, 1) * sizeof (gint32));
        g_autofree const char **categories = g_new (const char *, column->n_categories + 1);
        gint32 fill = (gint32) column->n_categories;
        for (guint32 k = 0; k < column->n_categories; k++)
          {
            categories[k] = column->categories[k];
            if (strcmp (categories[k], v) == 0)
              fill = (gint32) k;
          }
        categories[column->n_categories] = v;
        for (gsize i = 0; i < n; i++)
          if (codes[i] < 0)
            codes[i] = fill;
        return easel_prep_column_new_categorical (column->name, n, codes, categories,
                                                  column->n_categories + 1);
      }
    case EASEL_COLUMN_TEXT:
      {
        const char *v = json_node_get_string (value);
        gsize vlen = strlen (v), bytes = column->offsets[n] + column->n_missing * vlen, pos = 0;
        guint64 *offsets = g_new (guint64, n + 1);
        char *text = g_malloc (MAX (bytes, 1));
        for (gsize i = 0; i < n; i++)
          {
            gsize len = column->offsets[i + 1] - column->offsets[i];
            offsets[i] = pos;
            if (easel_column_is_missing (column, i))
              {
                memcpy (text + pos, v, vlen + 1);
                pos += vlen + 1;
              }
            else
              {
                memcpy (text + pos, column->text + column->offsets[i], len);
                pos += len;
              }
          }
        offsets[n] = pos;
        return easel_column_new_text (column->name, n, offsets, text, NULL);
      }
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

static EaselColumn *
indicator_column (const EaselColumn *column)
{
  gsize n = column->n_rows;
  double *values = g_new (double, MAX (n, 1));
  g_autofree char *name = g_strdup_printf ("%s_was_missing", column->name);

  for (gsize i = 0; i < n; i++)
    values[i] = easel_column_is_missing (column, i) ? 1.0 : 0.0;
  return easel_column_new_numeric (name, n, values, NULL);
}

static gboolean
impute_apply (EaselStepRun  *run,
              JsonObject    *fitted,
              GError       **error)
{
  g_autoptr(GArray) indices = easel_prep_resolve_columns (run, "columns", FALSE, error);
  gboolean indicator = easel_prep_param_boolean (run->step, "add_indicator", FALSE);
  g_autofree JsonNode **values = NULL;
  g_autofree EaselColumn **filled = NULL;
  g_autofree EaselColumn **indicators = NULL;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  values = g_new0 (JsonNode *, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      values[c] = easel_prep_fitted_member (run, fitted, "values", column->name, error);
      if (values[c] == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_NULL (values[c])
          && (!JSON_NODE_HOLDS_VALUE (values[c]) || !constant_fits (values[c], column->type)
              || (column->type == EASEL_COLUMN_DATETIME
                  && json_node_get_value_type (values[c]) == G_TYPE_STRING)))
        {
          easel_step_run_error (
              run, error, EASEL_ERROR_TYPE, "columns",
              _("the value learned for “%s” does not fit it: the column is %s now but was "
                 "another type when the recipe was fitted."),
              column->name, easel_column_type_to_words (column->type));
          return FALSE;
        }
      if (indicator)
        {
          g_autofree char *name = g_strdup_printf ("%s_was_missing", column->name);
          if (!easel_prep_require_new_name (run, "add_indicator", name, -1, error))
            return FALSE;
        }
    }

  filled = g_new0 (EaselColumn *, MAX (n, 1));
  indicators = g_new0 (EaselColumn *, MAX (n, 1));
#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (n, run->frame->n_rows))
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      if (column->n_missing > 0 && !JSON_NODE_HOLDS_NULL (values[c]))
        filled[c] = fill_column (column, values[c]);
      if (indicator)
        indicators[c] = indicator_column (column);
    }

  {
    /* Inserting indicators shifts the columns after them: go by name. */
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    for (guint c = 0; c < n; c++)
      g_ptr_array_add (
          names,
          g_strdup (easel_frame_get_column (run->frame, g_array_index (indices, guint, c))->name));
    for (guint c = 0; c < n; c++)
      {
        guint at = (guint) easel_frame_find (run->frame, names->pdata[c]);
        const EaselColumn *column = easel_frame_get_column (run->frame, at);

        if (filled[c] != NULL)
          {
            run->report->values_changed += column->n_missing - filled[c]->n_missing;
            easel_frame_replace_column (run->frame, at, filled[c]);
          }
        if (indicators[c] != NULL)
          easel_frame_insert_column (run->frame, at + 1, indicators[c]);
      }
  }
  return TRUE;
}

static const EaselStepParamSpec impute_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL,
    N_("The columns whose missing values to fill in.") },
  { "strategy", EASEL_STEP_PARAM_CHOICE, TRUE, strategy_choices, NULL,
    N_("mean or median (numbers), mode (the most frequent value) or constant.") },
  { "value", EASEL_STEP_PARAM_VALUE, FALSE, NULL, NULL,
    N_("The value to fill in, with strategy constant.") },
  { "add_indicator", EASEL_STEP_PARAM_BOOLEAN, FALSE, NULL, "false",
    N_("Add a 0/1 column <column>_was_missing after each column.") },
};

const EaselOpClass easel_op_impute = {
  { "impute", N_("Fill in missing values"),
    N_("Fills in missing values with the mean, median or most frequent value of the table the "
       "recipe is fitted on, or with a constant."),
    impute_params, G_N_ELEMENTS (impute_params), TRUE },
  impute_check, impute_fit, impute_apply,
};
