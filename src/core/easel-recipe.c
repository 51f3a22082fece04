/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Recipes and steps: the objects, their JSON form, parameter checks, and the loop that fits
 * and applies them. The steps themselves live in easel-recipe-*.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-formula.h"
#include "easel-recipe-private.h"

#define RECIPE_VERSION 1

struct _EaselStep
{
  const EaselOpClass *klass;
  gboolean            enabled;
  char               *note;
  JsonObject         *params;
  JsonObject         *fitted;
};

struct _EaselRecipe
{
  GPtrArray *steps;   /* EaselStep */
};

/* The order a UI offers them in. */
static const EaselOpClass *const op_classes[] = {
  &easel_op_drop_columns,
  &easel_op_rename_column,
  &easel_op_move_column,
  &easel_op_cast,
  &easel_op_drop_missing,
  &easel_op_impute,
  &easel_op_drop_duplicates,
  &easel_op_filter,
  &easel_op_strip,
  &easel_op_case,
  &easel_op_replace,
  &easel_op_clip_outliers,
  &easel_op_scale,
  &easel_op_bin,
  &easel_op_ordinal_encode,
  &easel_op_one_hot_encode,
  &easel_op_datetime_features,
  &easel_op_formula,
};

/* The same, as the public part of each class. */
static const EaselStepInfo *const op_infos[] = {
  &easel_op_drop_columns.info,
  &easel_op_rename_column.info,
  &easel_op_move_column.info,
  &easel_op_cast.info,
  &easel_op_drop_missing.info,
  &easel_op_impute.info,
  &easel_op_drop_duplicates.info,
  &easel_op_filter.info,
  &easel_op_strip.info,
  &easel_op_case.info,
  &easel_op_replace.info,
  &easel_op_clip_outliers.info,
  &easel_op_scale.info,
  &easel_op_bin.info,
  &easel_op_ordinal_encode.info,
  &easel_op_one_hot_encode.info,
  &easel_op_datetime_features.info,
  &easel_op_formula.info,
};

G_STATIC_ASSERT (G_N_ELEMENTS (op_infos) == G_N_ELEMENTS (op_classes));

const EaselStepInfo *const *
easel_step_info_list (guint *n_ops)
{
  if (n_ops != NULL)
    *n_ops = G_N_ELEMENTS (op_classes);
  return op_infos;
}

static const EaselOpClass *
lookup_class (const char *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_classes); i++)
    if (strcmp (op_classes[i]->info.op, op) == 0)
      return op_classes[i];
  return NULL;
}

const EaselStepInfo *
easel_step_info_lookup (const char *op)
{
  const EaselOpClass *klass = lookup_class (op);

  return klass != NULL ? &klass->info : NULL;
}

const EaselStepParamSpec *
easel_step_info_find_param (const EaselStepInfo *info,
                            const char          *name)
{
  for (guint i = 0; i < info->n_params; i++)
    if (strcmp (info->params[i].name, name) == 0)
      return &info->params[i];
  return NULL;
}

static char *
list_ops (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (op_classes); i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", op_classes[i]->info.op);
  return g_string_free (s, FALSE);
}

/* Messages */

char *
easel_prep_step_name (guint       index,
                      const char *op)
{
  if (index == G_MAXUINT)
    return g_strdup_printf ("Step (%s)", op);
  return g_strdup_printf ("Step %u (%s)", index + 1, op);
}

void
easel_prep_set_error (GError     **error,
                      guint        index,
                      const char  *op,
                      int          code,
                      const char  *param,
                      const char  *format,
                      ...)
{
  va_list args;
  g_autofree char *what = NULL;
  g_autofree char *step = easel_prep_step_name (index, op);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (param != NULL)
    /* Translators: “Step 3 (impute)” (it stays English: the window takes it off), a
     * parameter's name, and what is wrong with it */
    g_set_error (error, EASEL_ERROR, code, _("%s, parameter “%s”: %s"), step, param, what);
  else
    g_set_error (error, EASEL_ERROR, code, "%s: %s", step, what);
}

/* Steps */

/* json_node_copy() shares objects and arrays; steps own their trees outright. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *out;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *src = json_node_get_object (node), *dst = json_object_new ();
        g_autoptr(GList) names = json_object_get_members (src);
        for (GList *l = names; l != NULL; l = l->next)
          json_object_set_member (dst, l->data, deep_copy (json_object_get_member (src, l->data)));
        out = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (out, dst);
        return out;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node), *dst = json_array_new ();
        for (guint i = 0; i < json_array_get_length (src); i++)
          json_array_add_element (dst, deep_copy (json_array_get_element (src, i)));
        out = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (out, dst);
        return out;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

EaselStep *
easel_step_new (const char  *op,
                GError     **error)
{
  const EaselOpClass *klass;
  EaselStep *step;

  g_return_val_if_fail (op != NULL, NULL);
  klass = lookup_class (op);
  if (klass == NULL)
    {
      g_autofree char *known = list_ops ();
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "Unknown op “%s” (known ops: %s).", op, known);
      return NULL;
    }
  step = g_new0 (EaselStep, 1);
  step->klass = klass;
  step->enabled = TRUE;
  step->params = json_object_new ();
  return step;
}

EaselStep *
easel_step_new_from_json (JsonNode  *node,
                          guint      index,
                          GError   **error)
{
  JsonObject *object;
  JsonNode *op, *member;
  g_autoptr(EaselStep) step = NULL;
  g_autoptr(GList) names = NULL;
  g_autofree char *where
      = index == G_MAXUINT ? g_strdup ("A step") : g_strdup_printf ("Step %u", index + 1);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "%s is not a JSON object ({\"op\": ..., ...}).", where);
      return NULL;
    }
  object = json_node_get_object (node);
  op = json_object_get_member (object, "op");
  if (op == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT, "%s has no “op”.", where);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (op) || json_node_get_value_type (op) != G_TYPE_STRING)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT, "%s: “op” must be a string.",
                   where);
      return NULL;
    }
  if (lookup_class (json_node_get_string (op)) == NULL)
    {
      g_autofree char *known = list_ops ();
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "%s: unknown op “%s” (known ops: %s).", where, json_node_get_string (op), known);
      return NULL;
    }
  step = easel_step_new (json_node_get_string (op), error);

  if ((member = json_object_get_member (object, "enabled")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          easel_prep_set_error (error, index, step->klass->info.op, EASEL_ERROR_INVALID_ARGUMENT,
                                "enabled", "must be true or false.");
          return NULL;
        }
      step->enabled = json_node_get_boolean (member);
    }
  if ((member = json_object_get_member (object, "note")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        {
          easel_prep_set_error (error, index, step->klass->info.op, EASEL_ERROR_INVALID_ARGUMENT,
                                "note", "must be a string.");
          return NULL;
        }
      step->note = g_strdup (json_node_get_string (member));
    }
  if ((member = json_object_get_member (object, "fitted")) != NULL
      && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          easel_prep_set_error (error, index, step->klass->info.op, EASEL_ERROR_CORRUPT, "fitted",
                                "must be an object.");
          return NULL;
        }
      JsonNode *copy = deep_copy (member);
      step->fitted = json_object_ref (json_node_get_object (copy));
      json_node_unref (copy);
    }

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      if (strcmp (name, "op") == 0 || strcmp (name, "enabled") == 0 || strcmp (name, "note") == 0 ||
          strcmp (name, "fitted") == 0)
        continue;
      json_object_set_member (step->params, name,
                              deep_copy (json_object_get_member (object, name)));
    }
  return g_steal_pointer (&step);
}

EaselStep *
easel_step_copy (const EaselStep *step)
{
  g_autoptr(JsonNode) node = easel_step_to_json (step);

  return easel_step_new_from_json (node, G_MAXUINT, NULL);
}

void
easel_step_free (EaselStep *step)
{
  if (step == NULL)
    return;
  g_clear_pointer (&step->params, json_object_unref);
  g_clear_pointer (&step->fitted, json_object_unref);
  g_free (step->note);
  g_free (step);
}

JsonNode *
easel_step_to_json (const EaselStep *step)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) names = json_object_get_members (step->params);

  json_object_set_string_member (object, "op", step->klass->info.op);
  if (!step->enabled)
    json_object_set_boolean_member (object, "enabled", FALSE);
  if (step->note != NULL)
    json_object_set_string_member (object, "note", step->note);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (object, l->data,
                            deep_copy (json_object_get_member (step->params, l->data)));
  if (step->fitted != NULL)
    {
      JsonNode *fitted = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (fitted, step->fitted);
      json_object_set_member (object, "fitted", deep_copy (fitted));
      json_node_unref (fitted);
    }
  json_node_take_object (node, object);
  return node;
}

const char *
easel_step_get_op (const EaselStep *step)
{
  return step->klass->info.op;
}

const EaselStepInfo *
easel_step_get_info (const EaselStep *step)
{
  return &step->klass->info;
}

gboolean
easel_step_get_enabled (const EaselStep *step)
{
  return step->enabled;
}

void
easel_step_set_enabled (EaselStep *step,
                        gboolean   enabled)
{
  step->enabled = enabled != FALSE;
}

const char *
easel_step_get_note (const EaselStep *step)
{
  return step->note;
}

void
easel_step_set_note (EaselStep  *step,
                     const char *note)
{
  g_free (step->note);
  step->note = g_strdup (note);
}

JsonNode *
easel_step_get_param (const EaselStep *step,
                      const char      *name)
{
  return json_object_get_member (step->params, name);
}

void
easel_step_set_param (EaselStep  *step,
                      const char *name,
                      JsonNode   *value)
{
  easel_step_clear_fitted (step);
  if (value == NULL)
    json_object_remove_member (step->params, name);
  else
    json_object_set_member (step->params, name, value);
}

GList *
easel_step_list_params (const EaselStep *step)
{
  return json_object_get_members (step->params);
}

const char *
easel_step_get_string (const EaselStep *step,
                       const char      *name)
{
  JsonNode *node = easel_step_get_param (step, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

void
easel_step_set_string (EaselStep  *step,
                       const char *name,
                       const char *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value);
  easel_step_set_param (step, name, node);
}

void
easel_step_set_double (EaselStep  *step,
                       const char *name,
                       double      value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  easel_step_set_param (step, name, node);
}

void
easel_step_set_int (EaselStep  *step,
                    const char *name,
                    gint64      value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  easel_step_set_param (step, name, node);
}

void
easel_step_set_boolean (EaselStep  *step,
                        const char *name,
                        gboolean    value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, value);
  easel_step_set_param (step, name, node);
}

void
easel_step_set_strv (EaselStep         *step,
                     const char        *name,
                     const char *const *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_node_take_array (node, array);
  easel_step_set_param (step, name, node);
}

char **
easel_step_dup_strv (const EaselStep *step,
                     const char      *name)
{
  JsonNode *node = easel_step_get_param (step, name);
  JsonArray *array;
  GPtrArray *out;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  out = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
        g_ptr_array_add (out, g_strdup (json_node_get_string (e)));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

JsonObject *
easel_step_get_fitted (const EaselStep *step)
{
  return step->fitted;
}

gboolean
easel_step_is_fitted (const EaselStep *step)
{
  return step->klass->fit == NULL || step->fitted != NULL;
}

void
easel_step_clear_fitted (EaselStep *step)
{
  g_clear_pointer (&step->fitted, json_object_unref);
}

/* Parameter checks */

static gboolean
is_string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number_node (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
is_scalar_node (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE || type == G_TYPE_STRING
         || type == G_TYPE_BOOLEAN;
}

/* "a number", "“avg”", "a list" — what was given instead. */
static char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("a list"));
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("an object"));
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup_printf ("“%s”", json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[32];
        easel_format_double (json_node_get_double (node), buf);
        return g_strdup (buf);
      }
    default:
      return g_strdup (_("a value"));
    }
}

static char *
join_choices (const char *const *choices)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    g_string_append_printf (s, "%s%s",
                            i == 0                   ? ""
                            : choices[i + 1] == NULL ? _(" or ")
                                                     : ", ",
                            choices[i]);
  return g_string_free (s, FALSE);
}

static gboolean
in_choices (const char        *value,
            const char *const *choices)
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (strcmp (value, choices[i]) == 0)
      return TRUE;
  return FALSE;
}

/* NULL if 'node' is right for 'spec', else what is wrong (without the step's name). */
static char *
check_param_value (const EaselStepParamSpec *spec,
                   JsonNode             *node)
{
  g_autofree char *given = describe_node (node);

  switch (spec->kind)
    {
    case EASEL_STEP_PARAM_COLUMN:
      if (!is_string_node (node) || json_node_get_string (node)[0] == '\0')
        return g_strdup_printf (_("must be a column name (a non-empty string), not %s."), given);
      return NULL;
    case EASEL_STEP_PARAM_COLUMNS:
    case EASEL_STEP_PARAM_CHOICES:
      {
        JsonArray *array;
        if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
            || json_array_get_length (json_node_get_array (node)) == 0)
          return spec->kind == EASEL_STEP_PARAM_COLUMNS
                   ? g_strdup_printf (_("must be a non-empty list of column names, not %s."), given)
                   : g_strdup_printf (_("must be a non-empty list of names, not %s."), given);
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *e = json_array_get_element (array, i);
            g_autofree char *what = describe_node (e);
            if (!is_string_node (e) || json_node_get_string (e)[0] == '\0')
              return g_strdup_printf (_("item %u must be a non-empty string, not %s."), i + 1,
                                      what);
            if (spec->kind == EASEL_STEP_PARAM_CHOICES
                && !in_choices (json_node_get_string (e), spec->choices))
              {
                g_autofree char *choices = join_choices (spec->choices);
                return g_strdup_printf (_("item %u must be one of %s, not %s."), i + 1, choices,
                                        what);
              }
          }
        return NULL;
      }
    case EASEL_STEP_PARAM_STRING:
      if (!is_string_node (node))
        return g_strdup_printf (_("must be a string, not %s."), given);
      return NULL;
    case EASEL_STEP_PARAM_EXPRESSION:
      {
        g_autoptr(GError) local = NULL;
        g_autoptr(EaselFormula) formula = NULL;
        if (!is_string_node (node))
          return g_strdup_printf (_("must be a formula (a string), not %s."), given);
        formula = easel_formula_parse (json_node_get_string (node), NULL, &local);
        if (formula == NULL)
          return g_strdup (local->message);
        return NULL;
      }
    case EASEL_STEP_PARAM_NUMBER:
      if (!is_number_node (node) || !isfinite (json_node_get_double (node)))
        return g_strdup_printf (_("must be a number, not %s."), given);
      return NULL;
    case EASEL_STEP_PARAM_INTEGER:
      if (!is_number_node (node)
          || json_node_get_double (node) != floor (json_node_get_double (node))
          || fabs (json_node_get_double (node)) > 1e15)
        return g_strdup_printf (_("must be a whole number, not %s."), given);
      return NULL;
    case EASEL_STEP_PARAM_BOOLEAN:
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return g_strdup_printf (_("must be true or false, not %s."), given);
      return NULL;
    case EASEL_STEP_PARAM_CHOICE:
      if (!is_string_node (node) || !in_choices (json_node_get_string (node), spec->choices))
        {
          g_autofree char *choices = join_choices (spec->choices);
          return g_strdup_printf (_("must be one of %s, not %s."), choices, given);
        }
      return NULL;
    case EASEL_STEP_PARAM_VALUE:
      if (is_scalar_node (node))
        return NULL;
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (array); i++)
            if (!is_scalar_node (json_array_get_element (array, i)))
              return g_strdup_printf (_("item %u must be a string, a number or true/false."),
                                      i + 1);
          return NULL;
        }
      return g_strdup_printf (_("must be a string, a number, true/false or a list of them, "
                                "not %s."), given);
    case EASEL_STEP_PARAM_POSITION:
      if (is_string_node (node)
          && (strcmp (json_node_get_string (node), "start") == 0
              || strcmp (json_node_get_string (node), "end") == 0))
        return NULL;
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
          && json_object_get_size (json_node_get_object (node)) == 1)
        {
          JsonObject *o = json_node_get_object (node);
          JsonNode   *index = json_object_get_member (o, "index"),
                   *after = json_object_get_member (o, "after");
          if (index != NULL && is_number_node (index) && json_node_get_double (index) >= 0 &&
              json_node_get_double (index) == floor (json_node_get_double (index)))
            return NULL;
          if (after != NULL && is_string_node (after) && json_node_get_string (after)[0] != '\0')
            return NULL;
        }
      return g_strdup_printf (_("must be \"start\", \"end\", {\"index\": N} (N from 0) or "
                                 "{\"after\": \"column\"}, not %s."), given);
    case EASEL_STEP_PARAM_ORDER:
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (array); i++)
            if (!is_scalar_node (json_array_get_element (array, i)))
              return g_strdup_printf (
                  _("item %u must be a category (a string, number or true/false)."), i + 1);
          return NULL;
        }
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *o = json_node_get_object (node);
          g_autoptr(GList) names = json_object_get_members (o);
          for (GList *l = names; l != NULL; l = l->next)
            {
              JsonNode *list = json_object_get_member (o, l->data);
              if (!JSON_NODE_HOLDS_ARRAY (list))
                return g_strdup_printf (_("the order of “%s” must be a list of categories."),
                                        (char *) l->data);
              for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
                if (!is_scalar_node (json_array_get_element (json_node_get_array (list), i)))
                  return g_strdup_printf (_("item %u of the order of “%s” must be a category."),
                                          i + 1, (char *) l->data);
            }
          return NULL;
        }
      return g_strdup_printf (
          _("must be a list of categories, or an object that gives such a list for "
             "each column, not %s."),
          given);
    case EASEL_STEP_PARAM_BINS:
      if (is_number_node (node))
        {
          double v = json_node_get_double (node);
          if (v == floor (v) && v >= 1 && v <= 10000)
            return NULL;
          return g_strdup_printf (
              _("must be a whole number of bins from 1 to 10000, or a list of bin edges, "
                 "not %s."),
              given);
        }
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);
          if (n < 2)
            return g_strdup (_("a list of bin edges needs at least two edges."));
          for (guint i = 0; i < n; i++)
            {
              JsonNode *e = json_array_get_element (array, i);
              if (!is_number_node (e) || isnan (json_node_get_double (e)))
                return g_strdup_printf (_("edge %u must be a number."), i + 1);
              if (i > 0
                  && !(json_node_get_double (e)
                       > json_node_get_double (json_array_get_element (array, i - 1))))
                return g_strdup_printf (_("the edges must increase; edge %u is not above edge %u."),
                                        i + 1, i);
            }
          return NULL;
        }
      return g_strdup_printf (_("must be a number of bins or a list of bin edges, not %s."), given);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_step (const EaselStep  *step,
            guint             index,
            GError          **error)
{
  const EaselStepInfo *info = &step->klass->info;
  g_autoptr(GList) names = json_object_get_members (step->params);

  for (GList *l = names; l != NULL; l = l->next)
    if (easel_step_info_find_param (info, l->data) == NULL)
      {
        GString *known = g_string_new (NULL);
        for (guint i = 0; i < info->n_params; i++)
          g_string_append_printf (known, "%s%s", i ? ", " : "", info->params[i].name);
        easel_prep_set_error (error, index, info->op, EASEL_ERROR_INVALID_ARGUMENT, NULL,
                              _("unknown parameter “%s” (parameters: %s)."), (char *) l->data,
                              known->str);
        g_string_free (known, TRUE);
        return FALSE;
      }
  for (guint i = 0; i < info->n_params; i++)
    {
      const EaselStepParamSpec *spec = &info->params[i];
      JsonNode *node = json_object_get_member (step->params, spec->name);
      g_autofree char *problem = NULL;

      if (node == NULL)
        {
          if (spec->required)
            {
              easel_prep_set_error (error, index, info->op, EASEL_ERROR_INVALID_ARGUMENT,
                                    spec->name, _("is required."));
              return FALSE;
            }
          continue;
        }
      problem = check_param_value (spec, node);
      if (problem != NULL)
        {
          easel_prep_set_error (error, index, info->op, EASEL_ERROR_INVALID_ARGUMENT, spec->name,
                                "%s", problem);
          return FALSE;
        }
    }
  if (step->klass->check != NULL && !step->klass->check (step, index, error))
    return FALSE;
  return TRUE;
}

gboolean
easel_step_check (const EaselStep  *step,
                  GError          **error)
{
  return check_step (step, G_MAXUINT, error);
}

char *
easel_step_describe (const EaselStep *step)
{
  const EaselStepInfo *info = &step->klass->info;
  GString *s = g_string_new (_(info->label));
  gboolean first = TRUE;

  for (guint i = 0; i < info->n_params; i++)
    {
      const EaselStepParamSpec *spec = &info->params[i];
      JsonNode *node = json_object_get_member (step->params, spec->name);
      g_autofree char *text = NULL;

      if (node == NULL)
        continue;
      if (spec->kind == EASEL_STEP_PARAM_COLUMNS && JSON_NODE_HOLDS_ARRAY (node))
        {
          g_auto(GStrv) columns = easel_step_dup_strv (step, spec->name);
          text = g_strjoinv (", ", columns);
        }
      else if (is_string_node (node))
        text = g_strdup (json_node_get_string (node));
      else if (is_scalar_node (node))
        text = describe_node (node);
      else
        continue;
      g_string_append (s, first ? ": " : "; ");
      if (spec->kind != EASEL_STEP_PARAM_COLUMN && spec->kind != EASEL_STEP_PARAM_COLUMNS)
        g_string_append_printf (s, "%s ", spec->name);
      g_string_append (s, text);
      first = FALSE;
    }
  if (!step->enabled)
    g_string_append (s, _(" (disabled)"));
  return g_string_free (s, FALSE);
}

/* Parameter access for the steps */

const char *
easel_prep_param_string (const EaselStep *step,
                         const char      *name,
                         const char      *fallback)
{
  const char *value = easel_step_get_string (step, name);

  return value != NULL ? value : fallback;
}

double
easel_prep_param_number (const EaselStep *step,
                         const char      *name,
                         double           fallback)
{
  JsonNode *node = easel_step_get_param (step, name);

  return is_number_node (node) ? json_node_get_double (node) : fallback;
}

gboolean
easel_prep_param_boolean (const EaselStep *step,
                          const char      *name,
                          gboolean         fallback)
{
  JsonNode *node = easel_step_get_param (step, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

/* Levenshtein distance, for "did you mean". */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];
      row[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[lb];
}

static void
missing_column_error (EaselStepRun  *run,
                      const char    *param,
                      const char    *name,
                      GError       **error)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint limit = MAX (2, (guint) strlen (name) / 3);

  for (guint i = 0; i < easel_frame_get_n_columns (run->frame); i++)
    {
      const char *candidate = easel_frame_get_column (run->frame, i)->name;
      guint d = edit_distance (name, candidate);
      if (d < best_distance)
        {
          best_distance = d;
          best = candidate;
        }
    }
  if (best != NULL && best_distance <= limit)
    easel_step_run_error (run, error, EASEL_ERROR_NOT_FOUND, param,
                          _("there is no column “%s”. Did you mean “%s”?"), name, best);
  else
    easel_step_run_error (run, error, EASEL_ERROR_NOT_FOUND, param, _("there is no column “%s”."),
                          name);
}

int
easel_prep_resolve_column (EaselStepRun  *run,
                           const char    *param,
                           GError       **error)
{
  const char *name = easel_step_get_string (run->step, param);
  int index;

  if (name == NULL)
    {
      easel_step_run_error (run, error, EASEL_ERROR_INVALID_ARGUMENT, param, _("is required."));
      return -1;
    }
  index = easel_frame_find (run->frame, name);
  if (index < 0)
    missing_column_error (run, param, name, error);
  return index;
}

GArray *
easel_prep_resolve_columns (EaselStepRun  *run,
                            const char    *param,
                            gboolean       all_if_absent,
                            GError       **error)
{
  JsonNode *node = easel_step_get_param (run->step, param);
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));

  if (node == NULL && all_if_absent)
    {
      for (guint i = 0; i < easel_frame_get_n_columns (run->frame); i++)
        g_array_append_val (indices, i);
      return indices;
    }
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      easel_step_run_error (run, error, EASEL_ERROR_INVALID_ARGUMENT, param,
                            _("must be a non-empty list of column names."));
      g_array_unref (indices);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (node), i);
      const char *name = is_string_node (e) ? json_node_get_string (e) : "";
      int index = easel_frame_find (run->frame, name);
      gboolean seen = FALSE;

      if (index < 0)
        {
          missing_column_error (run, param, name, error);
          g_array_unref (indices);
          return NULL;
        }
      for (guint j = 0; j < indices->len; j++)
        seen |= g_array_index (indices, guint, j) == (guint) index;
      if (!seen)
        {
          guint u = (guint) index;
          g_array_append_val (indices, u);
        }
    }
  return indices;
}

gboolean
easel_prep_require_type (EaselStepRun       *run,
                         const char         *param,
                         const EaselColumn  *column,
                         guint               mask,
                         const char         *needs,
                         GError            **error)
{
  if (mask & EASEL_TYPE_BIT (column->type))
    return TRUE;
  easel_step_run_error (run, error, EASEL_ERROR_TYPE, param, _("“%s” is %s; %s."), column->name,
                        easel_column_type_to_words (column->type), needs);
  return FALSE;
}

gboolean
easel_prep_require_new_name (EaselStepRun  *run,
                             const char    *param,
                             const char    *name,
                             int            except,
                             GError       **error)
{
  int existing = easel_frame_find (run->frame, name);

  if (existing < 0 || existing == except)
    return TRUE;
  easel_step_run_error (run, error, EASEL_ERROR_INVALID_ARGUMENT, param,
                        _("the table already has a column “%s”."), name);
  return FALSE;
}

JsonNode *
easel_prep_fitted_member (EaselStepRun  *run,
                          JsonObject    *fitted,
                          const char    *group,
                          const char    *column,
                          GError       **error)
{
  JsonNode *node = fitted != NULL ? json_object_get_member (fitted, group) : NULL;
  JsonNode *member = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    member = json_object_get_member (json_node_get_object (node), column);
  if (member == NULL)
    easel_step_run_error (run, error, EASEL_ERROR_CORRUPT, NULL,
                          _("the fitted values have no “%s” for column “%s”; fit the recipe "
                            "again."),
                          group, column);
  return member;
}

gboolean
easel_prep_fitted_error (EaselStepRun  *run,
                         const char    *what,
                         GError       **error)
{
  easel_step_run_error (run, error, EASEL_ERROR_CORRUPT, NULL,
                        _("the fitted values are damaged (%s); fit the recipe again."), what);
  return FALSE;
}

gboolean
easel_prep_cancelled (EaselStepRun  *run,
                      GError       **error)
{
  return g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* Recipes */

EaselRecipe *
easel_recipe_new (void)
{
  EaselRecipe *recipe = g_new0 (EaselRecipe, 1);

  recipe->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_step_free);
  return recipe;
}

EaselRecipe *
easel_recipe_copy (const EaselRecipe *recipe)
{
  EaselRecipe *copy = easel_recipe_new ();

  for (guint i = 0; i < recipe->steps->len; i++)
    g_ptr_array_add (copy->steps, easel_step_copy (recipe->steps->pdata[i]));
  return copy;
}

void
easel_recipe_free (EaselRecipe *recipe)
{
  if (recipe == NULL)
    return;
  g_ptr_array_unref (recipe->steps);
  g_free (recipe);
}

EaselRecipe *
easel_recipe_new_from_node (JsonNode  *root,
                            GError   **error)
{
  JsonObject *object;
  JsonNode *steps, *version;
  JsonArray *array;
  g_autoptr(EaselRecipe) recipe = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "A recipe must be a JSON object: {\"steps\": [...]}.");
      return NULL;
    }
  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");
  if (version != NULL)
    {
      if (!is_number_node (version)
          || json_node_get_double (version) != floor (json_node_get_double (version)))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "The recipe's “version” must be a whole number.");
          return NULL;
        }
      if (json_node_get_double (version) > RECIPE_VERSION)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_VERSION,
                       "The recipe is version %" G_GINT64_FORMAT
                       ", made by a newer Easel; this one reads "
                       "version %d.",
                       (gint64) json_node_get_double (version), RECIPE_VERSION);
          return NULL;
        }
    }
  steps = json_object_get_member (object, "steps");
  if (steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "A recipe needs a “steps” list: {\"steps\": [...]}.");
      return NULL;
    }
  array = json_node_get_array (steps);
  recipe = easel_recipe_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      EaselStep *step = easel_step_new_from_json (json_array_get_element (array, i), i, error);
      if (step == NULL)
        return NULL;
      g_ptr_array_add (recipe->steps, step);
    }
  return g_steal_pointer (&recipe);
}

EaselRecipe *
easel_recipe_new_from_json (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_PARSE, "The recipe is not valid JSON: %s",
                   local->message);
      return NULL;
    }
  return easel_recipe_new_from_node (json_parser_get_root (parser), error);
}

EaselRecipe *
easel_recipe_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) local = NULL;
  EaselRecipe *recipe;
  g_autofree char *display = g_filename_display_name (path);

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot read the recipe %s: %s", display,
                   local->message);
      return NULL;
    }
  recipe = easel_recipe_new_from_json (data, (gssize) length, &local);
  if (recipe == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
      return NULL;
    }
  return recipe;
}

JsonNode *
easel_recipe_to_json_node (const EaselRecipe *recipe)
{
  JsonObject *object = json_object_new ();
  JsonArray *steps = json_array_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "version", RECIPE_VERSION);
  for (guint i = 0; i < recipe->steps->len; i++)
    json_array_add_element (steps, easel_step_to_json (recipe->steps->pdata[i]));
  json_object_set_array_member (object, "steps", steps);
  json_node_take_object (root, object);
  return root;
}

EaselRecipe *
easel_recipe_for_prediction (const EaselRecipe *fitted,
                             GError           **error)
{
  static const char *const row_ops[] = { "drop_missing", "drop_duplicates", "filter", NULL };
  g_autoptr(JsonNode) root = easel_recipe_to_json_node (fitted);
  JsonArray *steps = json_object_get_array_member (json_node_get_object (root), "steps");

  /* Edit the JSON rather than the steps: setting a parameter forgets what a step learned,
   * and the bounds of clip_outliers must stay those of the training rows. */
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      const char *op = json_object_get_string_member (step, "op");
      const char *action = json_object_get_string_member_with_default (step, "action", "clip");

      if (g_strv_contains (row_ops, op))
        json_object_set_boolean_member (step, "enabled", FALSE);
      else if (strcmp (op, "clip_outliers") == 0 && strcmp (action, "remove") == 0)
        json_object_set_string_member (step, "action", "clip");
    }
  return easel_recipe_new_from_node (root, error);
}

char *
easel_recipe_to_json (const EaselRecipe *recipe,
                      gboolean           pretty)
{
  g_autoptr(JsonNode) root = easel_recipe_to_json_node (recipe);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

gboolean
easel_recipe_save (const EaselRecipe  *recipe,
                   const char         *path,
                   GError            **error)
{
  g_autofree char *text = easel_recipe_to_json (recipe, TRUE);
  g_autofree char *with_newline = g_strconcat (text, "\n", NULL);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents (path, with_newline, -1, &local))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write %s: %s", display,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

guint
easel_recipe_get_n_steps (const EaselRecipe *recipe)
{
  return recipe->steps->len;
}

EaselStep *
easel_recipe_get_step (const EaselRecipe *recipe,
                       guint              index)
{
  g_return_val_if_fail (index < recipe->steps->len, NULL);
  return recipe->steps->pdata[index];
}

void
easel_recipe_append_step (EaselRecipe *recipe,
                          EaselStep   *step)
{
  g_ptr_array_add (recipe->steps, step);
}

void
easel_recipe_insert_step (EaselRecipe *recipe,
                          guint        index,
                          EaselStep   *step)
{
  g_return_if_fail (index <= recipe->steps->len);
  g_ptr_array_insert (recipe->steps, (gint) index, step);
}

void
easel_recipe_remove_step (EaselRecipe *recipe,
                          guint        index)
{
  g_return_if_fail (index < recipe->steps->len);
  g_ptr_array_remove_index (recipe->steps, index);
}

void
easel_recipe_move_step (EaselRecipe *recipe,
                        guint        from,
                        guint        to)
{
  gpointer step;

  g_return_if_fail (from < recipe->steps->len && to < recipe->steps->len);
  step = g_ptr_array_steal_index (recipe->steps, from);
  g_ptr_array_insert (recipe->steps, (gint) to, step);
}

gboolean
easel_recipe_is_fitted (const EaselRecipe *recipe)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const EaselStep *step = recipe->steps->pdata[i];
      if (step->enabled && !easel_step_is_fitted (step))
        return FALSE;
    }
  return TRUE;
}

gboolean
easel_recipe_check (const EaselRecipe  *recipe,
                    GError            **error)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    if (!check_step (recipe->steps->pdata[i], i, error))
      return FALSE;
  return TRUE;
}

/* Running */

void
easel_step_report_free (EaselStepReport *report)
{
  if (report == NULL)
    return;
  g_free (report->op);
  g_strfreev (report->columns_added);
  g_strfreev (report->columns_removed);
  g_free (report->message);
  g_free (report);
}

static char **
column_names (const EaselFrame *frame)
{
  guint n = easel_frame_get_n_columns (frame);
  char **names = g_new (char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (easel_frame_get_column (frame, i)->name);
  names[n] = NULL;
  return names;
}

/* The names in 'a' that are not in 'b', in the order of 'a'. */
static char **
names_missing_from (char **a,
                    char **b)
{
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; b[i] != NULL; i++)
    g_hash_table_add (in_b, b[i]);
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_hash_table_contains (in_b, a[i]))
      g_ptr_array_add (out, g_strdup (a[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* "a, b, c" or "a, b, c, d, e and 3 more": the first five of 'names'. */
static char *
list_names (char **names)
{
  guint n = g_strv_length (names);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n && i < 5; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", names[i]);
  if (n > 5)
    {
      /* Translators: a list of columns, and how many more are not listed */
      g_autofree char *more = g_strdup_printf (_("%s and %u more"), s->str, n - 5);
      g_string_assign (s, more);
    }
  return g_string_free (s, FALSE);
}

/* Adds one part of a step's summary; the parts are separated by commas. */
static void
append_part (GString    *s,
             const char *part)
{
  if (s->len > 0)
    /* Translators: between the parts of a step's summary, “removed 3 of 10 rows, changed
     * 5 values” */
    g_string_append (s, _(", "));
  g_string_append (s, part);
}

static char *
report_message (const EaselStepReport *r)
{
  GString *s = g_string_new (NULL);
  guint n_added = g_strv_length (r->columns_added);
  guint n_removed = g_strv_length (r->columns_removed);
  g_autofree char *sentence = NULL;

  if (r->skipped)
    {
      g_string_free (s, TRUE);
      return g_strdup (_("Skipped: the step is disabled."));
    }
  if (r->rows_before > r->rows_after)
    {
      g_autofree char *part
          = g_strdup_printf (_("removed %lu of %lu rows"),
                             (gulong) (r->rows_before - r->rows_after), (gulong) r->rows_before);
      append_part (s, part);
    }
  if (r->values_changed > 0)
    {
      g_autofree char *part
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "changed %lu value",
                                          "changed %lu values", r->values_changed),
                             (gulong) r->values_changed);
      append_part (s, part);
    }
  if (r->values_missing > 0)
    {
      g_autofree char *part
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu value became missing",
                                          "%lu values became missing", r->values_missing),
                             (gulong) r->values_missing);
      append_part (s, part);
    }
  if (n_added > 0)
    {
      g_autofree char *names = list_names (r->columns_added);
      g_autofree char *part
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "added %u column (%s)",
                                          "added %u columns (%s)", n_added), n_added, names);
      append_part (s, part);
    }
  if (n_removed > 0)
    {
      g_autofree char *names = list_names (r->columns_removed);
      g_autofree char *part
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "removed %u column (%s)",
                                          "removed %u columns (%s)", n_removed), n_removed,
                             names);
      append_part (s, part);
    }
  if (s->len == 0)
    g_string_append (s, _("changed nothing"));
  s->str[0] = g_ascii_toupper (s->str[0]);
  /* Translators: a step's summary made a sentence, “Removed 3 of 10 rows.” */
  sentence = g_strdup_printf (_("%s."), s->str);
  g_string_free (s, TRUE);
  return g_steal_pointer (&sentence);
}

/* Run the steps on 'frame'. When 'fitting', each step that learns values learns them from
 * the frame as it reaches it, and keeps them in the recipe. With 'errors', a failing step is
 * recorded there and left out, and the loop goes on; otherwise the first failure stops it. */
static gboolean
run_steps (EaselRecipe    *recipe,
           EaselFrame     *frame,
           gboolean        fitting,
           GPtrArray      *reports,
           GPtrArray      *errors,
           EaselProgress  *progress,
           GCancellable   *cancellable,
           GError        **error)
{
  guint n = recipe->steps->len;

  for (guint i = 0; i < n; i++)
    {
      EaselStep *step = recipe->steps->pdata[i];
      const EaselOpClass *klass = step->klass;
      g_autoptr(EaselStepReport) report = g_new0 (EaselStepReport, 1);
      g_autoptr(GError) local = NULL;
      g_auto(GStrv) before = NULL;
      g_auto(GStrv) after = NULL;
      EaselStepRun run = { frame, step, i, report, cancellable, fitting };
      gint64 start = g_get_monotonic_time ();
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      {
        g_autofree char *message
            = g_strdup_printf (_("Step %u of %u: %s"), i + 1, n, _(klass->info.label));
        easel_progress_report (progress, (double) i / MAX (n, 1), message);
      }

      report->index = i;
      report->op = g_strdup (klass->info.op);
      report->rows_before = frame->n_rows;
      report->columns_before = easel_frame_get_n_columns (frame);
      before = column_names (frame);

      ok = check_step (step, i, &local);
      if (ok && !step->enabled)
        report->skipped = TRUE;
      else if (ok)
        {
          if (fitting && klass->fit != NULL)
            {
              JsonObject *fitted = json_object_new ();
              ok = klass->fit (&run, fitted, &local);
              if (ok)
                {
                  g_clear_pointer (&step->fitted, json_object_unref);
                  step->fitted = fitted;
                }
              else
                json_object_unref (fitted);
            }
          if (ok && klass->fit != NULL && step->fitted == NULL)
            {
              easel_prep_set_error (
                  &local, i, klass->info.op, EASEL_ERROR_INVALID_ARGUMENT, NULL,
                  _("the step has not been fitted; fit the recipe on a table first."));
              ok = FALSE;
            }
          if (ok)
            ok = klass->apply (&run, step->fitted, &local);
        }
      if (!ok)
        {
          if (errors == NULL || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_ptr_array_add (errors, g_steal_pointer (&local));
          continue;
        }
      if (errors != NULL)
        g_ptr_array_add (errors, NULL);

      after = column_names (frame);
      report->rows_after = frame->n_rows;
      report->columns_after = easel_frame_get_n_columns (frame);
      report->columns_added = names_missing_from (after, before);
      report->columns_removed = names_missing_from (before, after);
      if (report->message == NULL)
        report->message = report_message (report);
      report->seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      if (reports != NULL)
        g_ptr_array_add (reports, g_steal_pointer (&report));
    }
  easel_progress_report (progress, 1.0, _("Done"));
  return TRUE;
}

EaselRecipe *
easel_recipe_fit (const EaselRecipe  *recipe,
                  EaselTable         *table,
                  EaselTable        **prepared,
                  GPtrArray         **reports,
                  EaselProgress      *progress,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(EaselRecipe) fitted = easel_recipe_copy (recipe);
  g_autoptr(GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)easel_step_report_free);
  EaselFrame *frame;

  g_return_val_if_fail (recipe != NULL && table != NULL, NULL);
  if (!easel_recipe_check (recipe, error))
    return NULL;
  frame = easel_frame_new (table);
  if (!run_steps (fitted, frame, TRUE, list, NULL, progress, cancellable, error))
    {
      easel_frame_free (frame);
      return NULL;
    }
  if (prepared != NULL)
    *prepared = easel_frame_steal_table (frame);
  easel_frame_free (frame);
  if (reports != NULL)
    *reports = g_steal_pointer (&list);
  return g_steal_pointer (&fitted);
}

EaselTable *
easel_recipe_apply (const EaselRecipe  *recipe,
                    EaselTable         *table,
                    GPtrArray         **reports,
                    EaselProgress      *progress,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)easel_step_report_free);
  EaselFrame *frame;
  EaselTable *out;

  g_return_val_if_fail (recipe != NULL && table != NULL, NULL);
  if (!easel_recipe_check (recipe, error))
    return NULL;
  frame = easel_frame_new (table);
  /* apply never writes to the recipe: fitting is off */
  if (!run_steps ((EaselRecipe *) recipe, frame, FALSE, list, NULL, progress, cancellable, error))
    {
      easel_frame_free (frame);
      return NULL;
    }
  out = easel_frame_steal_table (frame);
  easel_frame_free (frame);
  if (reports != NULL)
    *reports = g_steal_pointer (&list);
  return out;
}

EaselTable *
easel_recipe_preview (const EaselRecipe  *recipe,
                      EaselTable         *table,
                      gsize               n_rows,
                      GPtrArray         **reports,
                      EaselProgress      *progress,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)easel_step_report_free);
  EaselFrame *frame;
  EaselTable *out;

  g_return_val_if_fail (recipe != NULL && table != NULL, NULL);
  if (!easel_recipe_check (recipe, error))
    return NULL;
  if (!easel_recipe_is_fitted (recipe))
    {
      easel_progress_push_range (progress, 0.0, 0.9);
      fitted = easel_recipe_fit (recipe, table, NULL, NULL, progress, cancellable, error);
      easel_progress_pop_range (progress);
      if (fitted == NULL)
        return NULL;
      recipe = fitted;
    }
  frame = easel_frame_new (table);
  easel_frame_head (frame, n_rows);
  if (!run_steps ((EaselRecipe *) recipe, frame, FALSE, list, NULL, NULL, cancellable, error))
    {
      easel_frame_free (frame);
      return NULL;
    }
  out = easel_frame_steal_table (frame);
  easel_frame_free (frame);
  easel_progress_report (progress, 1.0, _("Done"));
  if (reports != NULL)
    *reports = g_steal_pointer (&list);
  return out;
}

/* Entries may be NULL, which g_error_free() would complain about. */
static void
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

GPtrArray *
easel_recipe_validate (const EaselRecipe  *recipe,
                       EaselTable         *table,
                       gsize               max_rows,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(EaselRecipe) scratch = easel_recipe_copy (recipe);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (free_error);
  EaselFrame *frame = easel_frame_new (table);
  gboolean ok;

  if (max_rows > 0)
    easel_frame_head (frame, max_rows);
  ok = run_steps (scratch, frame, TRUE, NULL, errors, NULL, cancellable, error);
  easel_frame_free (frame);
  if (!ok)
    return NULL;
  return g_steal_pointer (&errors);
}
