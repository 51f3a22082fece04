/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Steps that turn categories into numbers: ordinal_encode, one_hot_encode.
 *
 * A category is a string (categorical and text columns), a number (numeric columns) or
 * true/false (boolean columns), and is kept in JSON as such. When a table's column has
 * another type than the one the recipe was fitted on (a file where the codes 1, 2, 3 read as
 * numbers instead of text), categories are matched by their text. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-dict.h"
#include "easel-recipe-private.h"

#define ENCODABLE (EASEL_TYPES_STRING | EASEL_TYPE_BIT (EASEL_COLUMN_NUMERIC) | \
                   EASEL_TYPE_BIT (EASEL_COLUMN_BOOLEAN))

/* The distinct values of a column, with their counts. */
typedef struct
{
  GPtrArray *strings;   /* char *: string columns; NULL otherwise */
  GArray    *numbers;   /* double: numeric and boolean columns */
  GArray    *counts;    /* gsize */
} Distinct;

static void
distinct_clear (Distinct *d)
{
  g_clear_pointer (&d->strings, g_ptr_array_unref);
  g_clear_pointer (&d->numbers, g_array_unref);
  g_clear_pointer (&d->counts, g_array_unref);
}

static void
distinct_add_count (Distinct *d,
                    guint     index)
{
  if (index >= d->counts->len)
    g_array_set_size (d->counts, index + 1);
  g_array_index (d->counts, gsize, index)++;
}

static void
collect_distinct (const EaselColumn *column,
                  Distinct          *d)
{
  gsize n = column->n_rows;

  d->counts = g_array_new (FALSE, TRUE, sizeof (gsize));
  if (easel_prep_is_string (column))
    {
      d->strings = g_ptr_array_new_with_free_func (g_free);
      if (column->type == EASEL_COLUMN_CATEGORICAL)
        {
          g_autofree gsize *counts = g_new0 (gsize, column->n_categories + 1);
          for (gsize i = 0; i < n; i++)
            counts[column->codes[i] + 1]++;
          for (guint32 k = 0; k < column->n_categories; k++)
            if (counts[k + 1] > 0)
              {
                g_ptr_array_add (d->strings, g_strdup (column->categories[k]));
                distinct_add_count (d, d->strings->len - 1);
                g_array_index (d->counts, gsize, d->strings->len - 1) = counts[k + 1];
              }
        }
      else
        {
          EaselDict dict;
          easel_dict_init (&dict);
          for (gsize i = 0; i < n; i++)
            {
              gsize len;
              const char *s = easel_prep_string (column, i, &len);
              if (s != NULL)
                distinct_add_count (d, easel_dict_intern (&dict, s, len));
            }
          for (guint32 k = 0; k < dict.n; k++)
            g_ptr_array_add (d->strings, g_strdup (easel_dict_string (&dict, k)));
          easel_dict_clear (&dict);
        }
    }
  else
    {
      EaselDoubleIndex index;
      d->numbers = g_array_new (FALSE, FALSE, sizeof (double));
      easel_double_index_init (&index);
      for (gsize i = 0; i < n; i++)
        {
          double v;
          gboolean added;
          guint32 code;
          if (easel_column_is_missing (column, i))
            continue;
          v = column->type == EASEL_COLUMN_BOOLEAN ? column->bools[i] : column->num[i];
          code = easel_double_index_add (&index, v, &added);
          if (added)
            g_array_append_val (d->numbers, v);
          distinct_add_count (d, code);
        }
      easel_double_index_clear (&index);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const GPtrArray *strings = data;

  return strcmp (strings->pdata[*(const guint *) a], strings->pdata[*(const guint *) b]);
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const GArray *numbers = data;
  double x = g_array_index (numbers, double, *(const guint *) a);
  double y = g_array_index (numbers, double, *(const guint *) b);

  return (x > y) - (x < y);
}

/* The distinct values in sorted order (as pandas and scikit-learn sort them): indices. */
static guint *
sorted_order (const Distinct *d,
              guint          *n)
{
  guint count = d->strings != NULL ? d->strings->len : d->numbers->len;
  guint *order = g_new (guint, MAX (count, 1));

  for (guint i = 0; i < count; i++)
    order[i] = i;
  if (d->strings != NULL)
    g_qsort_with_data (order, count, sizeof (guint), compare_strings, d->strings);
  else
    g_qsort_with_data (order, count, sizeof (guint), compare_numbers, d->numbers);
  *n = count;
  return order;
}

static JsonNode *
category_node (const EaselColumn *column,
               const Distinct    *d,
               guint              index)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (d->strings != NULL)
    json_node_set_string (node, d->strings->pdata[index]);
  else if (column->type == EASEL_COLUMN_BOOLEAN)
    json_node_set_boolean (node, g_array_index (d->numbers, double, index) != 0);
  else
    json_node_set_double (node, g_array_index (d->numbers, double, index));
  return node;
}

/* A category's text: strings as they are, numbers as written in a CSV file. */
static char *
category_text (JsonNode *node)
{
  char buf[32];

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      easel_format_double (json_node_get_double (node), buf);
      return g_strdup (buf);
    default:
      return g_strdup ("");
    }
}

static gboolean
node_matches_column (JsonNode          *node,
                     const EaselColumn *column)
{
  GType t = json_node_get_value_type (node);

  if (easel_prep_is_string (column))
    return t == G_TYPE_STRING;
  if (column->type == EASEL_COLUMN_BOOLEAN)
    return t == G_TYPE_BOOLEAN;
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

/* For each row, the index of its category in 'categories' (JSON values), -1 for a missing
 * value and -2 for a value not among them. */
static gint32 *
match_categories (const EaselColumn *column,
                  JsonArray         *categories)
{
  gsize n = column->n_rows;
  guint k = json_array_get_length (categories);
  gint32 *slots = g_new (gint32, MAX (n, 1));
  gboolean same_kind = TRUE;

  for (guint j = 0; j < k; j++)
    same_kind &= node_matches_column (json_array_get_element (categories, j), column);

  if (same_kind && !easel_prep_is_string (column))
    {
      EaselDoubleIndex index;
      g_autofree gint32 *code_slot = NULL;
      easel_double_index_init (&index);
      code_slot = g_new (gint32, k + 1);
      for (guint j = 0; j < k; j++)
        {
          JsonNode *e = json_array_get_element (categories, j);
          double v = json_node_get_value_type (e) == G_TYPE_BOOLEAN ? json_node_get_boolean (e)
                                                                    : json_node_get_double (e);
          gboolean added;
          guint32 code = easel_double_index_add (&index, v, &added);
          if (added)
            code_slot[code] = (gint32) j;
        }
#pragma omp parallel for schedule(static) if (n >= EASEL_PREP_PARALLEL_ROWS)
      for (gsize i = 0; i < n; i++)
        {
          gint64 code;
          if (easel_column_is_missing (column, i))
            {
              slots[i] = -1;
              continue;
            }
          code = easel_double_index_lookup (
              &index, column->type == EASEL_COLUMN_BOOLEAN ? column->bools[i] : column->num[i]);
          slots[i] = code < 0 ? -2 : code_slot[code];
        }
      easel_double_index_clear (&index);
      return slots;
    }
  else
    {
      /* by text: a hash table from the category's text to its index */
      g_autoptr(GHashTable) lookup = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint j = k; j-- > 0;)
        g_hash_table_insert (lookup, category_text (json_array_get_element (categories, j)),
                             GINT_TO_POINTER (j + 1));

      if (column->type == EASEL_COLUMN_CATEGORICAL)
        {
          g_autofree gint32 *per = g_new (gint32, column->n_categories + 1);
          per[0] = -1;
          for (guint32 c = 0; c < column->n_categories; c++)
            {
              gpointer hit = g_hash_table_lookup (lookup, column->categories[c]);
              per[c + 1] = hit != NULL ? GPOINTER_TO_INT (hit) - 1 : -2;
            }
          for (gsize i = 0; i < n; i++)
            slots[i] = per[column->codes[i] + 1];
        }
      else
        {
#pragma omp parallel for schedule(static) if (n >= EASEL_PREP_PARALLEL_ROWS)
          for (gsize i = 0; i < n; i++)
            {
              g_autofree char *text = NULL;
              gpointer hit;
              if (easel_column_is_missing (column, i))
                {
                  slots[i] = -1;
                  continue;
                }
              if (column->type == EASEL_COLUMN_TEXT)
                hit = g_hash_table_lookup (lookup, column->text + column->offsets[i]);
              else
                {
                  text = easel_column_dup_value (column, i);
                  hit = g_hash_table_lookup (lookup, text);
                }
              slots[i] = hit != NULL ? GPOINTER_TO_INT (hit) - 1 : -2;
            }
        }
      return slots;
    }
}

/* The JSON array of categories fitted for a column. */
static JsonArray *
fitted_categories (EaselStepRun  *run,
                   JsonObject    *fitted,
                   const char    *column,
                   const char    *member,
                   GError       **error)
{
  JsonNode *node = easel_prep_fitted_member (run, fitted, "categories", column, error);
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          easel_prep_fitted_error (run, "categories must be objects", error);
          return NULL;
        }
      node = json_object_get_member (json_node_get_object (node), member);
      if (node == NULL)
        return json_array_new ();
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      easel_prep_fitted_error (run, "categories must be lists", error);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint j = 0; j < json_array_get_length (array); j++)
    {
      JsonNode *e = json_array_get_element (array, j);
      if (!JSON_NODE_HOLDS_VALUE (e))
        {
          easel_prep_fitted_error (run, "a category must be a string, number or true/false", error);
          return NULL;
        }
    }
  return json_array_ref (array);
}

static GArray *
encodable_columns (EaselStepRun  *run,
                   GError       **error)
{
  GArray *indices = easel_prep_resolve_columns (run, "columns", FALSE, error);

  if (indices == NULL)
    return NULL;
  for (guint c = 0; c < indices->len; c++)
    if (!easel_prep_require_type (
            run, "columns", easel_frame_get_column (run->frame, g_array_index (indices, guint, c)),
            ENCODABLE, _("encoding needs categorical, text, numeric or boolean columns"), error))
      {
        g_array_unref (indices);
        return NULL;
      }
  return indices;
}

/* ordinal_encode {columns, order?} */

static gboolean
ordinal_check (const EaselStep  *step,
               guint             index,
               GError          **error)
{
  JsonNode *order = easel_step_get_param (step, "order");
  JsonNode *columns = easel_step_get_param (step, "columns");

  if (order == NULL || columns == NULL || !JSON_NODE_HOLDS_ARRAY (columns))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (order) && json_array_get_length (json_node_get_array (columns)) != 1)
    {
      easel_prep_set_error (
          error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT, "order",
          _("a single list only fits a single column; give {\"column\": [...]} for each "
             "column instead."));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_OBJECT (order))
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (order));
      g_auto(GStrv) listed = easel_step_dup_strv (step, "columns");
      for (GList *l = names; l != NULL; l = l->next)
        if (!g_strv_contains ((const char *const *) listed, l->data))
          {
            easel_prep_set_error (
                error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT, "order",
                _("gives an order for “%s”, which is not among the columns."), (char *) l->data);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
ordinal_fit (EaselStepRun  *run,
             JsonObject    *fitted,
             GError       **error)
{
  g_autoptr(GArray) indices = encodable_columns (run, error);
  JsonNode *order = easel_step_get_param (run->step, "order");
  JsonObject *categories;

  if (indices == NULL)
    return FALSE;
  categories = json_object_new ();
  for (guint c = 0; c < indices->len; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      JsonNode *given = NULL;
      JsonArray *list = json_array_new ();

      if (order != NULL && JSON_NODE_HOLDS_ARRAY (order))
        given = order;
      else if (order != NULL)
        given = json_object_get_member (json_node_get_object (order), column->name);

      if (given != NULL)
        {
          JsonArray *g = json_node_get_array (given);
          for (guint j = 0; j < json_array_get_length (g); j++)
            json_array_add_element (list, json_node_copy (json_array_get_element (g, j)));
        }
      else
        {
          Distinct d = { 0 };
          guint n;
          g_autofree guint *sorted = NULL;
          collect_distinct (column, &d);
          sorted = sorted_order (&d, &n);
          for (guint j = 0; j < n; j++)
            json_array_add_element (list, category_node (column, &d, sorted[j]));
          distinct_clear (&d);
        }
      json_object_set_array_member (categories, column->name, list);
    }
  json_object_set_object_member (fitted, "categories", categories);
  return TRUE;
}

static gboolean
ordinal_apply (EaselStepRun  *run,
               JsonObject    *fitted,
               GError       **error)
{
  g_autoptr(GArray) indices = encodable_columns (run, error);
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) json_array_unref);
  g_autofree EaselColumn **out = NULL;
  g_autofree gsize *unseen = NULL;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      JsonArray *list = fitted_categories (run, fitted, column->name, NULL, error);
      if (list == NULL)
        return FALSE;
      g_ptr_array_add (lists, list);
    }
  out = g_new0 (EaselColumn *, MAX (n, 1));
  unseen = g_new0 (gsize, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      g_autofree gint32 *slots = match_categories (column, lists->pdata[c]);
      double *values = g_new (double, MAX (column->n_rows, 1));

      for (gsize i = 0; i < column->n_rows; i++)
        {
          values[i] = slots[i] >= 0 ? (double) slots[i] : NAN;
          unseen[c] += slots[i] == -2;
        }
      out[c] = easel_column_new_numeric (column->name, column->n_rows, values, NULL);
    }
  for (guint c = 0; c < n; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      run->report->values_changed += out[c]->n_rows - out[c]->n_missing;
      run->report->values_missing += unseen[c];
      (void) column;
      easel_frame_replace_column (run->frame, g_array_index (indices, guint, c), out[c]);
    }
  return TRUE;
}

static const EaselStepParamSpec ordinal_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL, N_("The columns to encode.") },
  { "order", EASEL_STEP_PARAM_ORDER, FALSE, NULL, NULL,
    N_("The categories in order (codes 0, 1, 2...); default: sorted.") },
};

const EaselOpClass easel_op_ordinal_encode = {
  { "ordinal_encode", N_("Number the categories"),
    N_("Replaces each category with its number in a given or sorted order; a category not seen "
       "when fitting becomes missing."), ordinal_params, G_N_ELEMENTS (ordinal_params), TRUE },
  ordinal_check, ordinal_fit, ordinal_apply,
};

/* one_hot_encode {columns, drop_first?, max_categories?} */

typedef struct
{
  gsize count;
  guint rank;    /* position in sorted order */
  guint index;
} Frequency;

static int
compare_frequency (gconstpointer a,
                   gconstpointer b)
{
  const Frequency *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->rank > y->rank) - (x->rank < y->rank);
}

static gboolean
one_hot_check (const EaselStep  *step,
               guint             index,
               GError          **error)
{
  if (easel_step_get_param (step, "max_categories") != NULL &&
      easel_prep_param_number (step, "max_categories", 2) < 2)
    {
      easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                            "max_categories", _("must be 2 or more (one category and “other”)."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
one_hot_fit (EaselStepRun  *run,
             JsonObject    *fitted,
             GError       **error)
{
  g_autoptr(GArray) indices = encodable_columns (run, error);
  guint max_categories = (guint) easel_prep_param_number (run->step, "max_categories", G_MAXUINT);
  JsonObject *all;

  if (indices == NULL)
    return FALSE;
  all = json_object_new ();
  for (guint c = 0; c < indices->len; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      Distinct d = { 0 };
      guint n;
      g_autofree guint *sorted = NULL;
      g_autofree guint8 *frequent = NULL;
      JsonObject *entry = json_object_new ();
      JsonArray *kept = json_array_new (), *other = json_array_new ();

      collect_distinct (column, &d);
      sorted = sorted_order (&d, &n);
      frequent = g_malloc (MAX (n, 1));
      memset (frequent, 1, n);
      if (n > max_categories)
        {
          /* keep the max_categories - 1 most frequent; ties go to the earlier in sorted order */
          g_autofree Frequency *f = g_new (Frequency, n);
          for (guint r = 0; r < n; r++)
            f[r] = (Frequency) { g_array_index (d.counts, gsize, sorted[r]), r, sorted[r] };
          qsort (f, n, sizeof (Frequency), compare_frequency);
          memset (frequent, 0, n);
          for (guint j = 0; j + 1 < max_categories; j++)
            frequent[f[j].rank] = 1;
        }
      for (guint r = 0; r < n; r++)
        json_array_add_element (frequent[r] ? kept : other, category_node (column, &d, sorted[r]));
      json_object_set_array_member (entry, "categories", kept);
      if (json_array_get_length (other) > 0)
        json_object_set_array_member (entry, "other", other);
      else
        json_array_unref (other);
      json_object_set_object_member (all, column->name, entry);
      distinct_clear (&d);
    }
  json_object_set_object_member (fitted, "categories", all);
  return TRUE;
}

typedef struct
{
  char         *name;       /* the encoded column */
  char        **outputs;    /* names of the 0/1 columns, NULL-terminated */
  guint         n_outputs;
  gint32       *slots;      /* per row: output index, or -1 */
  gsize         unseen;
} OneHotPlan;

static void
plan_clear (OneHotPlan *plan)
{
  g_free (plan->name);
  g_strfreev (plan->outputs);
  g_free (plan->slots);
}

static gboolean
one_hot_apply (EaselStepRun  *run,
               JsonObject    *fitted,
               GError       **error)
{
  g_autoptr(GArray) indices = encodable_columns (run, error);
  gboolean drop_first = easel_prep_param_boolean (run->step, "drop_first", FALSE);
  g_autofree OneHotPlan *plans = NULL;
  g_autoptr(GHashTable) new_names = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n_rows = run->frame->n_rows;
  gboolean ok = TRUE;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  plans = g_new0 (OneHotPlan, MAX (n, 1));
  for (guint c = 0; c < n && ok; c++)
    {
      const EaselColumn *column
          = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));
      g_autoptr(JsonArray) kept
          = fitted_categories (run, fitted, column->name, "categories", error);
      g_autoptr(JsonArray) other
          = kept != NULL ? fitted_categories (run, fitted, column->name, "other", error) : NULL;
      g_autoptr(JsonArray) all = NULL;
      guint n_kept, n_other, first;
      GPtrArray *outputs;

      if (kept == NULL || other == NULL)
        {
          ok = FALSE;
          break;
        }
      n_kept = json_array_get_length (kept);
      n_other = json_array_get_length (other);
      /* match against kept then rare categories; rare ones map to the "other" output */
      all = json_array_new ();
      for (guint j = 0; j < n_kept; j++)
        json_array_add_element (all, json_node_copy (json_array_get_element (kept, j)));
      for (guint j = 0; j < n_other; j++)
        json_array_add_element (all, json_node_copy (json_array_get_element (other, j)));

      plans[c].name = g_strdup (column->name);
      plans[c].slots = match_categories (column, all);
      first = drop_first ? 1 : 0;
      outputs = g_ptr_array_new ();
      for (guint j = first; j < n_kept; j++)
        {
          g_autofree char *text = category_text (json_array_get_element (kept, j));
          g_ptr_array_add (outputs, g_strdup_printf ("%s_%s", column->name, text));
        }
      if (n_other > 0)
        g_ptr_array_add (outputs, g_strdup_printf ("%s_other", column->name));
      plans[c].n_outputs = outputs->len;
      g_ptr_array_add (outputs, NULL);
      plans[c].outputs = (char **) g_ptr_array_free (outputs, FALSE);

      for (gsize i = 0; i < n_rows; i++)
        {
          gint32 s = plans[c].slots[i];
          if (s == -2)
            {
              plans[c].unseen++;
              s = -1;
            }
          else if (s >= (gint32) n_kept)
            s = (gint32) plans[c].n_outputs - 1;   /* a rare category: "other" */
          else if (s >= 0)
            s -= (gint32) first;                   /* -1 for the dropped first category */
          plans[c].slots[i] = s;
        }

      for (guint j = 0; j < plans[c].n_outputs && ok; j++)
        {
          const char *name = plans[c].outputs[j];
          int existing = easel_frame_find (run->frame, name);
          /* the encoded column itself goes away, so its own name may come back */
          gboolean replaced = existing >= 0 &&
                              (guint) existing == g_array_index (indices, guint, c);
          if ((existing >= 0 && !replaced) || g_hash_table_contains (new_names, name))
            {
              easel_step_run_error (
                  run, error, EASEL_ERROR_INVALID_ARGUMENT, "columns",
                  _("encoding “%s” would add a column “%s”, but the table already has one."),
                  column->name, name);
              ok = FALSE;
            }
          g_hash_table_add (new_names, (gpointer) name);
        }
    }

  if (ok)
    for (guint c = 0; c < n; c++)
      {
        OneHotPlan *plan = &plans[c];
        g_autofree EaselColumn **columns = g_new (EaselColumn *, MAX (plan->n_outputs, 1));
        int at;

#pragma omp parallel for schedule(dynamic, 1) if (EASEL_PREP_PARALLEL (plan->n_outputs, n_rows))
        for (guint j = 0; j < plan->n_outputs; j++)
          {
            double *values = g_new (double, MAX (n_rows, 1));
            for (gsize i = 0; i < n_rows; i++)
              values[i] = plan->slots[i] == (gint32) j ? 1.0 : 0.0;
            columns[j] = easel_column_new_numeric (plan->outputs[j], n_rows, values, NULL);
          }
        at = easel_frame_find (run->frame, plan->name);
        easel_frame_remove_column (run->frame, (guint) at);
        for (guint j = 0; j < plan->n_outputs; j++)
          easel_frame_insert_column (run->frame, (guint) at + j, columns[j]);
        run->report->values_missing += plan->unseen;
      }
  for (guint c = 0; c < n; c++)
    plan_clear (&plans[c]);
  return ok;
}

static const EaselStepParamSpec one_hot_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL, N_("The columns to encode.") },
  { "drop_first", EASEL_STEP_PARAM_BOOLEAN, FALSE, NULL, "false",
    N_("Leave out the first category's column.") },
  { "max_categories", EASEL_STEP_PARAM_INTEGER, FALSE, NULL, NULL,
    N_("At most this many columns per column: the rarest categories share <column>_other.") },
};

const EaselOpClass easel_op_one_hot_encode = {
  { "one_hot_encode", N_("One column per category"),
    N_("Replaces a column with 0/1 columns <column>_<category>, one per category seen when "
       "fitting."),
    one_hot_params, G_N_ELEMENTS (one_hot_params), TRUE },
  one_hot_check, one_hot_fit, one_hot_apply,
};
