/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Steps on whole columns: drop_columns, rename_column, move_column, cast. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-dict.h"
#include "easel-infer.h"
#include "easel-recipe-private.h"

/* drop_columns {columns} */

static gboolean
drop_columns_apply (EaselStepRun  *run,
                    JsonObject    *fitted,
                    GError       **error)
{
  g_autoptr(GArray) indices = easel_prep_resolve_columns (run, "columns", FALSE, error);
  g_autofree guint8 *drop = NULL;
  guint n = easel_frame_get_n_columns (run->frame);

  if (indices == NULL)
    return FALSE;
  drop = g_malloc0 (MAX (n, 1));
  for (guint i = 0; i < indices->len; i++)
    drop[g_array_index (indices, guint, i)] = 1;
  for (guint i = n; i-- > 0;)
    if (drop[i])
      easel_frame_remove_column (run->frame, i);
  return TRUE;
}

static const EaselStepParamSpec drop_columns_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL, N_("The columns to remove.") },
};

const EaselOpClass easel_op_drop_columns = {
  { "drop_columns", N_("Remove columns"), N_("Removes columns from the table."),
    drop_columns_params, G_N_ELEMENTS (drop_columns_params), FALSE },
  NULL, NULL, drop_columns_apply,
};

/* rename_column {column, to} */

static gboolean
rename_check (const EaselStep  *step,
              guint             index,
              GError          **error)
{
  if (strlen (easel_prep_param_string (step, "to", "")) == 0)
    {
      easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                            "to", _("must not be empty."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
rename_apply (EaselStepRun  *run,
              JsonObject    *fitted,
              GError       **error)
{
  int index = easel_prep_resolve_column (run, "column", error);
  const char *to = easel_prep_param_string (run->step, "to", "");
  g_autofree char *from = NULL;

  if (index < 0 || !easel_prep_require_new_name (run, "to", to, index, error))
    return FALSE;
  from = g_strdup (easel_frame_get_column (run->frame, index)->name);
  easel_frame_rename_column (run->frame, index, to);
  run->report->message = g_strdup_printf (_("Renamed %s to %s."), from, to);
  return TRUE;
}

static const EaselStepParamSpec rename_params[] = {
  { "column", EASEL_STEP_PARAM_COLUMN, TRUE, NULL, NULL, N_("The column to rename.") },
  { "to", EASEL_STEP_PARAM_STRING, TRUE, NULL, NULL, N_("Its new name.") },
};

const EaselOpClass easel_op_rename_column = {
  { "rename_column", N_("Rename a column"), N_("Gives a column a new name."),
    rename_params, G_N_ELEMENTS (rename_params), FALSE },
  rename_check, NULL, rename_apply,
};

/* move_column {column, to: "start" | "end" | {"index": i} | {"after": name}} */

static gboolean
move_apply (EaselStepRun  *run,
            JsonObject    *fitted,
            GError       **error)
{
  int from = easel_prep_resolve_column (run, "column", error);
  JsonNode *to = easel_step_get_param (run->step, "to");
  guint n = easel_frame_get_n_columns (run->frame);
  guint target;

  if (from < 0)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (to))
    target = strcmp (json_node_get_string (to), "start") == 0 ? 0 : n - 1;
  else
    {
      JsonObject *o = json_node_get_object (to);
      if (json_object_has_member (o, "index"))
        {
          double index = json_node_get_double (json_object_get_member (o, "index"));
          if (index >= n)
            {
              easel_step_run_error (run, error, EASEL_ERROR_INVALID_ARGUMENT, "to",
                                    _("index %.0f is past the last column (the table has %u "
                                      "columns, numbered from 0)."), index, n);
              return FALSE;
            }
          target = (guint) index;
        }
      else
        {
          const char *name = json_node_get_string (json_object_get_member (o, "after"));
          int after = easel_frame_find (run->frame, name);
          if (after < 0)
            {
              easel_step_run_error (run, error, EASEL_ERROR_NOT_FOUND, "to",
                                    _("there is no column “%s” to move after."), name);
              return FALSE;
            }
          if (after == from)
            return TRUE;
          /* once the column is taken out, 'after' moves up by one if it came later */
          target = after > from ? (guint) after : (guint) after + 1;
        }
    }
  easel_frame_move_column (run->frame, (guint) from, target);
  run->report->message = g_strdup_printf (
      _("Moved %s to position %u."), easel_frame_get_column (run->frame, target)->name, target + 1);
  return TRUE;
}

static const EaselStepParamSpec move_params[] = {
  { "column", EASEL_STEP_PARAM_COLUMN, TRUE, NULL, NULL, N_("The column to move.") },
  { "to", EASEL_STEP_PARAM_POSITION, TRUE, NULL, NULL,
    N_("Where to: \"start\", \"end\", {\"index\": N} or {\"after\": \"column\"}.") },
};

const EaselOpClass easel_op_move_column = {
  { "move_column", N_("Move a column"), N_("Moves a column to another place in the table."),
    move_params, G_N_ELEMENTS (move_params), FALSE },
  NULL, NULL, move_apply,
};

/* cast {column, type} */

static const char *const type_choices[]
    = { "numeric", "categorical", "text", "boolean", "datetime", NULL };

/* Any column as categories: numbers and dates are written as they would be in a CSV file. */
static EaselColumn *
to_categorical (const EaselColumn *column)
{
  gsize n = column->n_rows;
  gint32 *codes = g_new (gint32, MAX (n, 1));

  switch (column->type)
    {
    case EASEL_COLUMN_CATEGORICAL:
      memcpy (codes, column->codes, n * sizeof (gint32));
      return easel_prep_column_new_categorical (column->name, n, codes,
                                                (const char *const *) column->categories,
                                                column->n_categories);
    case EASEL_COLUMN_BOOLEAN:
      {
        static const char *const names[] = { "false", "true" };
        for (gsize i = 0; i < n; i++)
          codes[i] = easel_column_is_missing (column, i) ? -1 : column->bools[i];
        return easel_prep_column_new_categorical (column->name, n, codes, names, 2);
      }
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      {
        EaselDoubleIndex index;
        GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
        EaselColumn *out;

        easel_double_index_init (&index);
        for (gsize i = 0; i < n; i++)
          codes[i] = isnan (column->num[i])
                         ? -1
                         : (gint32) easel_double_index_add (&index, column->num[i], NULL);
        for (guint32 k = 0; k < index.n; k++)
          {
            char buf[40];
            double v = easel_double_index_value (&index, k);
            if (column->type == EASEL_COLUMN_DATETIME)
              easel_format_datetime (v, column->has_time, buf);
            else
              easel_format_double (v, buf);
            g_ptr_array_add (strings, g_strdup (buf));
          }
        out = easel_prep_column_new_categorical (column->name, n, codes,
                                                 (const char *const *)strings->pdata, strings->len);
        g_ptr_array_unref (strings);
        easel_double_index_clear (&index);
        return out;
      }
    case EASEL_COLUMN_TEXT:
      {
        EaselDict dict;
        GPtrArray *strings = g_ptr_array_new ();
        EaselColumn *out;

        easel_dict_init (&dict);
        for (gsize i = 0; i < n; i++)
          {
            gsize len;
            const char *s = easel_prep_string (column, i, &len);
            codes[i] = s == NULL ? -1 : (gint32) easel_dict_intern (&dict, s, len);
          }
        for (guint32 k = 0; k < dict.n; k++)
          g_ptr_array_add (strings, (gpointer) easel_dict_string (&dict, k));
        out = easel_prep_column_new_categorical (column->name, n, codes,
                                                 (const char *const *)strings->pdata, strings->len);
        g_ptr_array_unref (strings);
        easel_dict_clear (&dict);
        return out;
      }
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

static EaselColumn *
categorical_to_text (const EaselColumn *column)
{
  gsize n = column->n_rows, bytes = 0, pos = 0;
  g_autofree gsize *lengths = g_new (gsize, MAX (column->n_categories, 1));
  guint64 *offsets = g_new (guint64, n + 1);
  guint8 *missing = g_malloc0 (MAX (n, 1));
  char *text;

  for (guint32 k = 0; k < column->n_categories; k++)
    lengths[k] = strlen (column->categories[k]);
  for (gsize i = 0; i < n; i++)
    bytes += (column->codes[i] >= 0 ? lengths[column->codes[i]] : 0) + 1;
  text = g_malloc (MAX (bytes, 1));
  for (gsize i = 0; i < n; i++)
    {
      gint32 code = column->codes[i];
      offsets[i] = pos;
      if (code >= 0)
        {
          memcpy (text + pos, column->categories[code], lengths[code]);
          pos += lengths[code];
        }
      else
        missing[i] = 1;
      text[pos++] = '\0';
    }
  offsets[n] = pos;
  return easel_column_new_text (column->name, n, offsets, text, missing);
}

typedef enum
{
  PARSE_NUMBER,
  PARSE_BOOLEAN,
  PARSE_DATETIME,
} ParseKind;

static double
parse_one (const char *s,
           gsize       len,
           ParseKind   kind,
           gboolean   *has_time)
{
  double v;
  gboolean t = FALSE;
  int b;

  switch (kind)
    {
    case PARSE_NUMBER:
      return easel_parse_double (s, len, '.', &v) ? v : NAN;
    case PARSE_BOOLEAN:
      b = easel_parse_bool (s, len, TRUE);
      return b < 0 ? NAN : b;
    case PARSE_DATETIME:
      {
        /* surrounding spaces are allowed, as for numbers */
        while (len > 0 && g_ascii_isspace (*s))
          s++, len--;
        while (len > 0 && g_ascii_isspace (s[len - 1]))
          len--;
        if (!easel_parse_datetime (s, len, &v, &t))
          return NAN;
        *has_time |= t;
        return v;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Strings to numbers, booleans (as 0/1) or seconds: NaN where a value does not convert. */
static double *
parse_strings (const EaselColumn *column,
               ParseKind          kind,
               gboolean          *has_time)
{
  gsize n = column->n_rows;
  double *out = g_new (double, MAX (n, 1));
  gboolean any_time = FALSE;

  if (column->type == EASEL_COLUMN_CATEGORICAL)
    {
      g_autofree double *per_category = g_new (double, MAX (column->n_categories, 1));
      for (guint32 k = 0; k < column->n_categories; k++)
        per_category[k]
            = parse_one (column->categories[k], strlen (column->categories[k]), kind, &any_time);
      for (gsize i = 0; i < n; i++)
        out[i] = column->codes[i] >= 0 ? per_category[column->codes[i]] : NAN;
    }
  else
    {
#pragma omp parallel for schedule(static) reduction(|:any_time) if (n >= EASEL_PREP_PARALLEL_ROWS)
      for (gsize i = 0; i < n; i++)
        {
          gsize len;
          const char *s = easel_prep_string (column, i, &len);
          gboolean t = FALSE;
          out[i] = s == NULL ? NAN : parse_one (s, len, kind, &t);
          any_time |= t;
        }
    }
  if (has_time != NULL)
    *has_time = any_time;
  return out;
}

static gboolean
cast_apply (EaselStepRun  *run,
            JsonObject    *fitted,
            GError       **error)
{
  int index = easel_prep_resolve_column (run, "column", error);
  const char *type_name = easel_prep_param_string (run->step, "type", "numeric");
  EaselColumnType type;
  const EaselColumn *column;
  EaselColumn *out = NULL;
  gsize n, before, after;

  if (index < 0)
    return FALSE;
  column = easel_frame_get_column (run->frame, index);
  n = column->n_rows;
  easel_column_type_from_string (type_name, &type);
  if (column->type == type)
    return TRUE;
  if ((column->type == EASEL_COLUMN_BOOLEAN && type == EASEL_COLUMN_DATETIME) ||
      (column->type == EASEL_COLUMN_DATETIME && type == EASEL_COLUMN_BOOLEAN))
    {
      easel_step_run_error (run, error, EASEL_ERROR_TYPE, "type",
                            _("“%s” is %s and cannot become %s."), column->name,
                            easel_column_type_to_words (column->type),
                            easel_column_type_to_words (type));
      return FALSE;
    }

  switch (type)
    {
    case EASEL_COLUMN_CATEGORICAL:
      out = to_categorical (column);
      break;
    case EASEL_COLUMN_TEXT:
      if (column->type == EASEL_COLUMN_CATEGORICAL)
        out = categorical_to_text (column);
      else
        {
          g_autoptr(EaselColumn) cat = to_categorical (column);
          out = categorical_to_text (cat);
        }
      break;
    case EASEL_COLUMN_NUMERIC:
      {
        double *values;
        if (column->type == EASEL_COLUMN_BOOLEAN)
          {
            values = g_new (double, MAX (n, 1));
            for (gsize i = 0; i < n; i++)
              values[i] = easel_column_is_missing (column, i) ? NAN : column->bools[i];
          }
        else if (column->type == EASEL_COLUMN_DATETIME)
          values = g_memdup2 (column->num, MAX (n, 1) * sizeof (double));
        else
          values = parse_strings (column, PARSE_NUMBER, NULL);
        out = easel_column_new_numeric (column->name, n, values, NULL);
        break;
      }
    case EASEL_COLUMN_BOOLEAN:
      {
        guint8 *values = g_malloc0 (MAX (n, 1)), *missing = g_malloc0 (MAX (n, 1));
        g_autofree double *parsed = NULL;
        if (column->type == EASEL_COLUMN_NUMERIC)
          for (gsize i = 0; i < n; i++)
            {
              /* as numpy: any number but 0 is true */
              missing[i] = isnan (column->num[i]);
              values[i] = !missing[i] && column->num[i] != 0.0;
            }
        else
          {
            parsed = parse_strings (column, PARSE_BOOLEAN, NULL);
            for (gsize i = 0; i < n; i++)
              {
                missing[i] = isnan (parsed[i]);
                values[i] = parsed[i] == 1.0;
              }
          }
        out = easel_column_new_boolean (column->name, n, values, missing);
        break;
      }
    case EASEL_COLUMN_DATETIME:
      {
        gboolean has_time = FALSE;
        double *values;
        if (column->type == EASEL_COLUMN_NUMERIC)
          {
            values = g_memdup2 (column->num, MAX (n, 1) * sizeof (double));
            for (gsize i = 0; i < n && !has_time; i++)
              has_time = !isnan (values[i]) && values[i] != floor (values[i] / 86400) * 86400;
          }
        else
          values = parse_strings (column, PARSE_DATETIME, &has_time);
        out = easel_column_new_datetime (column->name, n, values, NULL, has_time);
        break;
      }
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }

  before = column->n_rows - column->n_missing;
  after = out->n_rows - out->n_missing;
  run->report->values_changed = after;
  run->report->values_missing = before > after ? before - after : 0;
  {
    char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "Converted %s from %s to %s: %lu value converted, %lu did not convert and "
                     "became missing.",
                     "Converted %s from %s to %s: %lu values converted, %lu did not convert and "
                     "became missing.", after),
        column->name, easel_column_type_to_words (column->type), easel_column_type_to_words (type),
        (gulong) after, (gulong) run->report->values_missing);
    easel_frame_replace_column (run->frame, index, out);
    run->report->message = message;
  }
  return TRUE;
}

static const EaselStepParamSpec cast_params[] = {
  { "column", EASEL_STEP_PARAM_COLUMN, TRUE, NULL, NULL, N_("The column to convert.") },
  { "type", EASEL_STEP_PARAM_CHOICE, TRUE, type_choices, NULL,
    N_("The new type; values that do not convert become missing.") },
};

const EaselOpClass easel_op_cast = {
  { "cast", N_("Change a column's type"),
    N_("Converts a column to numbers, categories, text, true/false or dates; values that do not "
       "convert become missing."), cast_params, G_N_ELEMENTS (cast_params), FALSE },
  NULL, NULL, cast_apply,
};
