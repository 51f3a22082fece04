/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Steps that choose rows: drop_duplicates, filter. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-dict.h"
#include "easel-recipe-private.h"

/* drop_duplicates {columns?, keep} */

static const char *const keep_choices[] = {
  NC_("step choice", "first"),
  NC_("step choice", "last"),
  NULL
};

static inline guint64
mix64 (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* Mix each row's value of 'column' into hashes[row]. Equal values hash equally: -0.0 as 0.0,
 * every missing value the same. */
static void
hash_column (const EaselColumn *column,
             guint64           *hashes)
{
  gsize n = column->n_rows;

  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      for (gsize i = 0; i < n; i++)
        {
          double v = column->num[i];
          guint64 bits;
          if (v == 0.0)
            v = 0.0;
          if (isnan (v))
            bits = 0x7ff8000000000001ull;
          else
            memcpy (&bits, &v, sizeof bits);
          hashes[i] = mix64 (hashes[i] * 31 + bits);
        }
      break;
    case EASEL_COLUMN_BOOLEAN:
      for (gsize i = 0; i < n; i++)
        hashes[i]
            = mix64 (hashes[i] * 31 + (easel_column_is_missing (column, i) ? 2 : column->bools[i]));
      break;
    case EASEL_COLUMN_CATEGORICAL:
      {
        g_autofree guint64 *per = g_new (guint64, column->n_categories + 1);
        per[0] = 0x9e3779b97f4a7c15ull;   /* missing */
        for (guint32 k = 0; k < column->n_categories; k++)
          per[k + 1] = easel_hash_bytes (column->categories[k], strlen (column->categories[k]));
        for (gsize i = 0; i < n; i++)
          hashes[i] = mix64 (hashes[i] * 31 + per[column->codes[i] + 1]);
        break;
      }
    case EASEL_COLUMN_TEXT:
      for (gsize i = 0; i < n; i++)
        {
          gsize len;
          const char *s = easel_prep_string (column, i, &len);
          hashes[i] = mix64 (hashes[i] * 31
                             + (s == NULL ? 0x9e3779b97f4a7c15ull : easel_hash_bytes (s, len)));
        }
      break;
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
same_value (const EaselColumn *column,
            gsize              a,
            gsize              b)
{
  gboolean ma = easel_column_is_missing (column, a), mb = easel_column_is_missing (column, b);

  if (ma || mb)
    return ma && mb;
  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      return column->num[a] == column->num[b];
    case EASEL_COLUMN_BOOLEAN:
      return column->bools[a] == column->bools[b];
    case EASEL_COLUMN_CATEGORICAL:
      return column->codes[a] == column->codes[b]
             || strcmp (column->categories[column->codes[a]], column->categories[column->codes[b]])
                    == 0;
    case EASEL_COLUMN_TEXT:
      return strcmp (column->text + column->offsets[a], column->text + column->offsets[b]) == 0;
    case EASEL_N_COLUMN_TYPES:
    default:
      return FALSE;
    }
}

static gboolean
drop_duplicates_apply (EaselStepRun  *run,
                       JsonObject    *fitted,
                       GError       **error)
{
  g_autoptr(GArray) indices = easel_prep_resolve_columns (run, "columns", TRUE, error);
  gboolean last = strcmp (easel_prep_param_string (run->step, "keep", "first"), "last") == 0;
  gsize n = run->frame->n_rows, kept = 0;
  g_autofree guint64 *hashes = NULL;
  g_autofree guint8 *keep = NULL;
  g_autofree gsize *slots = NULL;
  gsize mask = 1;
  g_autofree const EaselColumn **columns = NULL;
  guint n_columns;

  if (indices == NULL)
    return FALSE;
  n_columns = indices->len;
  columns = g_new (const EaselColumn *, MAX (n_columns, 1));
  for (guint c = 0; c < n_columns; c++)
    columns[c] = easel_frame_get_column (run->frame, g_array_index (indices, guint, c));

  hashes = g_new0 (guint64, MAX (n, 1));
  for (guint c = 0; c < n_columns; c++)
    {
      if (easel_prep_cancelled (run, error))
        return FALSE;
      hash_column (columns[c], hashes);
    }

  /* Open addressing over row numbers (+1; 0 = empty). Rows are visited from the end for
   * keep = last, so the kept one is the first the table sees either way. */
  while (mask < n * 2)
    mask = mask * 2 + 1;
  slots = g_new0 (gsize, mask + 1);
  keep = g_malloc0 (MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    {
      gsize row = last ? n - 1 - k : k;
      gsize at = hashes[row] & mask;
      gboolean duplicate = FALSE;

      while (slots[at] != 0)
        {
          gsize other = slots[at] - 1;
          if (hashes[other] == hashes[row])
            {
              gboolean same = TRUE;
              for (guint c = 0; c < n_columns && same; c++)
                same = same_value (columns[c], row, other);
              if (same)
                {
                  duplicate = TRUE;
                  break;
                }
            }
          at = (at + 1) & mask;
        }
      if (!duplicate)
        {
          slots[at] = row + 1;
          keep[row] = 1;
          kept++;
        }
    }
  easel_frame_keep_rows (run->frame, keep, kept);
  return TRUE;
}

static const EaselStepParamSpec drop_duplicates_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, FALSE, NULL, NULL,
    N_("Rows are duplicates when they agree on these columns (default: all columns).") },
  { "keep", EASEL_STEP_PARAM_CHOICE, FALSE, keep_choices, "\"first\"",
    N_("Which of the duplicates to keep.") },
};

const EaselOpClass easel_op_drop_duplicates = {
  { "drop_duplicates", N_("Remove duplicate rows"),
    N_("Keeps one row of each group of identical rows (missing values count as equal)."),
    drop_duplicates_params, G_N_ELEMENTS (drop_duplicates_params), FALSE },
  NULL, NULL, drop_duplicates_apply,
};

/* filter {column, operator, value?} */

static const char *const operator_choices[] = {
  "==", "!=", "<", "<=", ">", ">=", NC_("step choice", "in"), NC_("step choice", "not_in"),
  NC_("step choice", "is_missing"), NC_("step choice", "not_missing"),
  NC_("step choice", "contains"), NULL
};

typedef enum
{
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
  OP_NOT_IN,
  OP_IS_MISSING,
  OP_NOT_MISSING,
  OP_CONTAINS,
} Operator;

static Operator
parse_operator (const char *name)
{
  for (guint i = 0; operator_choices[i] != NULL; i++)
    if (strcmp (name, operator_choices[i]) == 0)
      return (Operator) i;
  return OP_EQ;
}

static gboolean
filter_check (const EaselStep  *step,
              guint             index,
              GError          **error)
{
  Operator op = parse_operator (easel_prep_param_string (step, "operator", "=="));
  JsonNode *value = easel_step_get_param (step, "value");
  const char *name = easel_step_get_op (step);

  if (op == OP_IS_MISSING || op == OP_NOT_MISSING)
    {
      if (value != NULL)
        {
          easel_prep_set_error (error, index, name, EASEL_ERROR_INVALID_ARGUMENT, "value",
                                _("is not used with operator %s."), operator_choices[op]);
          return FALSE;
        }
      return TRUE;
    }
  if (value == NULL)
    {
      easel_prep_set_error (error, index, name, EASEL_ERROR_INVALID_ARGUMENT, "value",
                            _("is required with operator %s."), operator_choices[op]);
      return FALSE;
    }
  if ((op == OP_IN || op == OP_NOT_IN) != JSON_NODE_HOLDS_ARRAY (value))
    {
      easel_prep_set_error (error, index, name, EASEL_ERROR_INVALID_ARGUMENT, "value",
                            op == OP_IN || op == OP_NOT_IN
                                ? _("must be a list of values with operator %s.")
                                : _("must be a single value with operator %s."),
                            operator_choices[op]);
      return FALSE;
    }
  if (op == OP_CONTAINS && json_node_get_value_type (value) != G_TYPE_STRING)
    {
      easel_prep_set_error (error, index, name, EASEL_ERROR_INVALID_ARGUMENT, "value",
                            _("must be a string with operator contains."));
      return FALSE;
    }
  return TRUE;
}

/* A filter value as a number for a numeric, boolean or datetime column. */
static gboolean
value_as_number (EaselStepRun       *run,
                 const EaselColumn  *column,
                 JsonNode           *value,
                 double             *out,
                 GError            **error)
{
  GType t = json_node_get_value_type (value);
  g_autofree char *given = NULL;

  if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (value);
      return TRUE;
    }
  if (column->type == EASEL_COLUMN_BOOLEAN && t == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (value);
      return TRUE;
    }
  if (column->type == EASEL_COLUMN_DATETIME && t == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (value);
      if (easel_parse_datetime (s, strlen (s), out, NULL))
        return TRUE;
    }
  given = t == G_TYPE_STRING
              ? g_strdup_printf ("“%s”", json_node_get_string (value))
              : g_strdup (t == G_TYPE_BOOLEAN ? (json_node_get_boolean (value) ? "true" : "false")
                                              : _("this"));
  easel_step_run_error (run, error, EASEL_ERROR_TYPE, "value",
                        _("“%s” is %s, so the value must be %s, not %s."), column->name,
                        easel_column_type_to_words (column->type),
                        column->type == EASEL_COLUMN_BOOLEAN    ? _("true or false")
                        : column->type == EASEL_COLUMN_DATETIME ? _("a date (YYYY-MM-DD)")
                                                                : _("a number"),
                        given);
  return FALSE;
}

static gboolean
compare_numbers (Operator op,
                 double   x,
                 double   v)
{
  switch (op)
    {
    case OP_EQ: return x == v;
    case OP_NE: return x != v;
    case OP_LT: return x < v;
    case OP_LE: return x <= v;
    case OP_GT: return x > v;
    case OP_GE: return x >= v;
    default: return FALSE;
    }
}

static gboolean
compare_strings (Operator    op,
                 const char *s,
                 const char *v)
{
  int c;

  if (op == OP_CONTAINS)
    return strstr (s, v) != NULL;
  c = strcmp (s, v);
  switch (op)
    {
    case OP_EQ: return c == 0;
    case OP_NE: return c != 0;
    case OP_LT: return c < 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    case OP_GE: return c >= 0;
    default: return FALSE;
    }
}

static gboolean
filter_apply (EaselStepRun  *run,
              JsonObject    *fitted,
              GError       **error)
{
  int index = easel_prep_resolve_column (run, "column", error);
  Operator op = parse_operator (easel_prep_param_string (run->step, "operator", "=="));
  JsonNode *value = easel_step_get_param (run->step, "value");
  const EaselColumn *column;
  gsize n = run->frame->n_rows, kept = 0;
  g_autofree guint8 *keep = NULL;
  /* pandas: a missing value fails every test but !=, not_in and is_missing */
  guint8 keep_missing = op == OP_NE || op == OP_NOT_IN || op == OP_IS_MISSING;

  if (index < 0)
    return FALSE;
  column = easel_frame_get_column (run->frame, index);
  keep = g_malloc (MAX (n, 1));

  if (op == OP_IS_MISSING || op == OP_NOT_MISSING)
    {
      for (gsize i = 0; i < n; i++)
        keep[i] = easel_column_is_missing (column, i) ? keep_missing : !keep_missing;
    }
  else if (easel_prep_is_string (column))
    {
      g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
      JsonArray *list = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
      guint n_values = list != NULL ? json_array_get_length (list) : 1;

      for (guint k = 0; k < n_values; k++)
        {
          JsonNode *e = list != NULL ? json_array_get_element (list, k) : value;
          if (json_node_get_value_type (e) != G_TYPE_STRING)
            {
              easel_step_run_error (run, error, EASEL_ERROR_TYPE, "value",
                                    _("“%s” is %s, so the value must be a string."), column->name,
                                    easel_column_type_to_words (column->type));
              return FALSE;
            }
          g_ptr_array_add (wanted, (gpointer) json_node_get_string (e));
        }

      if (column->type == EASEL_COLUMN_CATEGORICAL)
        {
          g_autofree guint8 *per = g_new (guint8, column->n_categories + 1);
          per[0] = keep_missing;
          for (guint32 k = 0; k < column->n_categories; k++)
            {
              const char *s = column->categories[k];
              gboolean match = FALSE;
              if (op == OP_IN || op == OP_NOT_IN)
                {
                  for (guint j = 0; j < wanted->len && !match; j++)
                    match = strcmp (s, wanted->pdata[j]) == 0;
                  per[k + 1] = op == OP_IN ? match : !match;
                }
              else
                per[k + 1] = compare_strings (op, s, wanted->pdata[0]);
            }
          for (gsize i = 0; i < n; i++)
            keep[i] = per[column->codes[i] + 1];
        }
      else
        {
          g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint j = 0; j < wanted->len; j++)
            g_hash_table_add (set, wanted->pdata[j]);
#pragma omp parallel for schedule(static) if (n >= EASEL_PREP_PARALLEL_ROWS)
          for (gsize i = 0; i < n; i++)
            {
              gsize len;
              const char *s = easel_prep_string (column, i, &len);
              if (s == NULL)
                keep[i] = keep_missing;
              else if (op == OP_IN || op == OP_NOT_IN)
                keep[i] = g_hash_table_contains (set, s) == (op == OP_IN);
              else
                keep[i] = compare_strings (op, s, wanted->pdata[0]);
            }
        }
    }
  else
    {
      /* numbers, booleans (0/1) and datetimes (seconds) */
      g_autofree double *numbers = NULL;
      JsonArray *list = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
      guint n_values = list != NULL ? json_array_get_length (list) : 1;
      EaselDoubleIndex set;
      const double *num = column->num;
      g_autofree double *bools = NULL;

      if (op == OP_CONTAINS)
        {
          easel_step_run_error (run, error, EASEL_ERROR_TYPE, "operator",
                                _("contains needs a text or categorical column; “%s” is %s."),
                                column->name, easel_column_type_to_words (column->type));
          return FALSE;
        }
      numbers = g_new (double, MAX (n_values, 1));
      for (guint k = 0; k < n_values; k++)
        if (!value_as_number (run, column, list != NULL ? json_array_get_element (list, k) : value,
                              &numbers[k], error))
          return FALSE;
      if (column->type == EASEL_COLUMN_BOOLEAN)
        {
          bools = g_new (double, MAX (n, 1));
          for (gsize i = 0; i < n; i++)
            bools[i] = easel_column_is_missing (column, i) ? NAN : column->bools[i];
          num = bools;
        }
      easel_double_index_init (&set);
      for (guint k = 0; k < n_values; k++)
        easel_double_index_add (&set, numbers[k], NULL);
#pragma omp parallel for schedule(static) if (n >= EASEL_PREP_PARALLEL_ROWS)
      for (gsize i = 0; i < n; i++)
        {
          double x = num[i];
          if (isnan (x))
            keep[i] = keep_missing;
          else if (op == OP_IN || op == OP_NOT_IN)
            keep[i] = (easel_double_index_lookup (&set, x) >= 0) == (op == OP_IN);
          else
            keep[i] = compare_numbers (op, x, numbers[0]);
        }
      easel_double_index_clear (&set);
    }

  for (gsize i = 0; i < n; i++)
    kept += keep[i];
  easel_frame_keep_rows (run->frame, keep, kept);
  return TRUE;
}

static const EaselStepParamSpec filter_params[] = {
  { "column", EASEL_STEP_PARAM_COLUMN, TRUE, NULL, NULL, N_("The column to test.") },
  { "operator", EASEL_STEP_PARAM_CHOICE, TRUE, operator_choices, NULL,
    N_("How to compare: ==, !=, <, <=, >, >=, in, not_in, is_missing, not_missing or contains.") },
  { "value", EASEL_STEP_PARAM_VALUE, FALSE, NULL, NULL,
    N_("What to compare with (a list for in and not_in; none for is_missing and not_missing).") },
};

const EaselOpClass easel_op_filter = {
  { "filter", N_("Keep matching rows"),
    N_("Keeps the rows whose value passes a test; a missing value passes only !=, not_in and "
       "is_missing."),
    filter_params, G_N_ELEMENTS (filter_params), FALSE },
  filter_check,
  NULL,
  filter_apply,
};
