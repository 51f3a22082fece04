/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Steps that derive new columns: datetime_features, formula. New columns go at the end of
 * the table (a formula whose name is an existing column replaces it in place). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-datetime.h"
#include "easel-formula.h"
#include "easel-recipe-private.h"

/* datetime_features {column, features} */

static const char *const feature_choices[]
    = { "year", "month", "day", "weekday", "hour", "dayofyear", NULL };

typedef enum
{
  F_YEAR, F_MONTH, F_DAY, F_WEEKDAY, F_HOUR, F_DAYOFYEAR,
} Feature;

static gboolean
datetime_features_apply (EaselStepRun  *run,
                         JsonObject    *fitted,
                         GError       **error)
{
  int index = easel_prep_resolve_column (run, "column", error);
  g_auto(GStrv) names = easel_step_dup_strv (run->step, "features");
  const EaselColumn *column;
  guint n_features = g_strv_length (names);
  g_autofree Feature *features = g_new (Feature, MAX (n_features, 1));
  g_autofree double **values = g_new0 (double *, MAX (n_features, 1));
  gsize n = run->frame->n_rows;

  if (index < 0)
    return FALSE;
  column = easel_frame_get_column (run->frame, index);
  if (!easel_prep_require_type (run, "column", column, EASEL_TYPE_BIT (EASEL_COLUMN_DATETIME),
                                _("date features need a datetime column (cast it first)"), error))
    return FALSE;
  for (guint f = 0; f < n_features; f++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s", column->name, names[f]);
      for (guint k = 0; feature_choices[k] != NULL; k++)
        if (strcmp (names[f], feature_choices[k]) == 0)
          features[f] = (Feature) k;
      for (guint g = 0; g < f; g++)
        if (strcmp (names[f], names[g]) == 0)
          {
            easel_step_run_error (run, error, EASEL_ERROR_INVALID_ARGUMENT, "features",
                                  _("“%s” is listed twice."), names[f]);
            return FALSE;
          }
      if (!easel_prep_require_new_name (run, "features", name, -1, error))
        return FALSE;
    }

  for (guint f = 0; f < n_features; f++)
    values[f] = g_new (double, MAX (n, 1));
#pragma omp parallel for schedule(static) if (n >= EASEL_PREP_PARALLEL_ROWS)
  for (gsize i = 0; i < n; i++)
    {
      double t = column->num[i];
      gint64 whole, days, seconds;
      int year, month, day;

      if (isnan (t))
        {
          for (guint f = 0; f < n_features; f++)
            values[f][i] = NAN;
          continue;
        }
      whole = (gint64) floor (t);
      days = whole >= 0 ? whole / 86400 : -((-whole + 86399) / 86400);
      seconds = whole - days * 86400;
      easel_civil_from_days (days, &year, &month, &day);
      for (guint f = 0; f < n_features; f++)
        {
          double v;
          switch (features[f])
            {
            case F_YEAR: v = year; break;
            case F_MONTH: v = month; break;
            case F_DAY: v = day; break;
            /* 1970-01-01 was a Thursday (3 with Monday = 0) */
            case F_WEEKDAY: v = (double) (((days % 7) + 7 + 3) % 7); break;
            case F_HOUR: v = (double) (seconds / 3600); break;
            case F_DAYOFYEAR: v = (double) (days - easel_days_from_civil (year, 1, 1) + 1); break;
            default: v = NAN; break;
            }
          values[f][i] = v;
        }
    }
  for (guint f = 0; f < n_features; f++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s", column->name, names[f]);
      easel_frame_insert_column (run->frame, easel_frame_get_n_columns (run->frame),
                                 easel_column_new_numeric (name, n, values[f], NULL));
    }
  return TRUE;
}

static const EaselStepParamSpec datetime_features_params[] = {
  { "column", EASEL_STEP_PARAM_COLUMN, TRUE, NULL, NULL, N_("The datetime column.") },
  { "features", EASEL_STEP_PARAM_CHOICES, TRUE, feature_choices, NULL,
    N_("Which numbers to add: year, month, day, weekday (Monday = 0), hour, dayofyear.") },
};

const EaselOpClass easel_op_datetime_features = {
  { "datetime_features", N_("Split dates into numbers"),
    N_("Adds numeric columns <column>_year, <column>_month... taken from a datetime column."),
    datetime_features_params, G_N_ELEMENTS (datetime_features_params), FALSE },
  NULL, NULL, datetime_features_apply,
};

/* formula {name, expression} */

static gboolean
formula_check (const EaselStep  *step,
               guint             index,
               GError          **error)
{
  if (strlen (easel_prep_param_string (step, "name", "")) == 0)
    {
      easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                            "name", _("must not be empty."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
formula_apply (EaselStepRun  *run,
               JsonObject    *fitted,
               GError       **error)
{
  const char *name = easel_prep_param_string (run->step, "name", "");
  const char *expression = easel_prep_param_string (run->step, "expression", "");
  g_autoptr(GError) local = NULL;
  g_autoptr(EaselFormula) formula = easel_formula_parse (expression, NULL, &local);
  g_autofree EaselColumn **columns = NULL;
  EaselColumn *out;
  int existing;

  if (formula == NULL)
    {
      easel_step_run_error (run, error, local->code, "expression", "%s", local->message);
      return FALSE;
    }
  columns = easel_frame_dup_columns (run->frame);
  out = easel_formula_evaluate (formula, columns, easel_frame_get_n_columns (run->frame),
                                run->frame->n_rows, name, NULL, run->cancellable, &local);
  if (out == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        easel_step_run_error (run, error, local->code, "expression", "%s", local->message);
      return FALSE;
    }
  existing = easel_frame_find (run->frame, name);
  if (existing >= 0)
    {
      run->report->values_changed = out->n_rows - out->n_missing;
      easel_frame_replace_column (run->frame, (guint) existing, out);
    }
  else
    easel_frame_insert_column (run->frame, easel_frame_get_n_columns (run->frame), out);
  return TRUE;
}

static const EaselStepParamSpec formula_params[] = {
  { "name", EASEL_STEP_PARAM_STRING, TRUE, NULL, NULL,
    N_("The new column's name (an existing column of that name is replaced).") },
  { "expression", EASEL_STEP_PARAM_EXPRESSION, TRUE, NULL, NULL,
    N_("A formula over the columns, such as price * quantity or log(income + 1).") },
};

const EaselOpClass easel_op_formula = {
  { "formula", N_("Compute a column"),
    N_("Adds a column computed from a formula over the other columns."),
    formula_params, G_N_ELEMENTS (formula_params), FALSE },
  formula_check, NULL, formula_apply,
};
