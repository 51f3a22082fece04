/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-datetime.h"
#include "easel-error.h"
#include "easel-infer.h"
#include "easel-model-private.h"
#include "easel-names.h"
#include "easel-profile.h"

#define N_DATE_PARTS 4
/* Rows encoded together: a block of the matrix stays in cache while columns fill it. */
#define ENCODE_BLOCK 2048

static const char *date_part_names[N_DATE_PARTS] = { "year", "month", "day", "weekday" };

typedef struct
{
  char            *name;
  EaselColumnType  type;
  gboolean         used;
  double           impute[N_DATE_PARTS];  /* NUMERIC, BOOLEAN: [0]; DATETIME: the parts */
  char           **levels;                /* CATEGORICAL: kept levels, most frequent first */
  guint            n_levels;
  char           **others;                /* training levels grouped as "other" */
  guint            n_others;
  guint            first_feature;
  guint            n_features;
} Input;

struct _EaselDesign
{
  char             *target;
  EaselColumnType   target_type;
  EaselProblem      problem;
  char            **classes;
  guint             n_classes;
  int               positive;
  gsize             n_missing_target;
  guint             max_levels;
  char            **exclude;

  gboolean          fitted;
  EaselEncodeFlags  flags;
  Input            *inputs;
  guint             n_inputs;
  EaselFeature     *features;
  guint             n_features;
  GPtrArray        *notes;        /* English: kept in the model, its card and the CLI */
  GPtrArray        *shown_notes;  /* the same in the window's language; NULL when loaded */
};

static const char *problem_names[] = { "auto", "regression", "binary", "multiclass" };

const char *
easel_problem_to_string (EaselProblem problem)
{
  g_return_val_if_fail (problem <= EASEL_PROBLEM_MULTICLASS, NULL);
  return problem_names[problem];
}

gboolean
easel_problem_from_string (const char   *name,
                           EaselProblem *problem)
{
  int i = easel_names_lookup (problem_names, G_N_ELEMENTS (problem_names), name);

  if (i < 0)
    return FALSE;
  *problem = (EaselProblem) i;
  return TRUE;
}

static void
input_clear (Input *in)
{
  g_free (in->name);
  g_strfreev (in->levels);
  g_strfreev (in->others);
}

static void
clear_features (EaselDesign *self)
{
  for (guint i = 0; i < self->n_inputs; i++)
    input_clear (&self->inputs[i]);
  g_clear_pointer (&self->inputs, g_free);
  for (guint i = 0; i < self->n_features; i++)
    g_free (self->features[i].name);
  g_clear_pointer (&self->features, g_free);
  self->n_inputs = self->n_features = 0;
  self->fitted = FALSE;
  g_ptr_array_set_size (self->notes, 0);
  g_clear_pointer (&self->shown_notes, g_ptr_array_unref);
}

void
easel_design_free (EaselDesign *self)
{
  if (self == NULL)
    return;
  clear_features (self);
  g_ptr_array_unref (self->notes);
  g_clear_pointer (&self->shown_notes, g_ptr_array_unref);
  g_free (self->target);
  g_strfreev (self->classes);
  g_strfreev (self->exclude);
  g_free (self);
}

/* A note about how a column was encoded, from its English 'format': in English and, for
 * the window, translated. */
static void add_note (EaselDesign *self,
                      const char  *format,
                      ...) G_GNUC_PRINTF (2, 3);

static void
add_note (EaselDesign *self,
          const char  *format,
          ...)
{
  va_list args;

  if (self->shown_notes == NULL)
    self->shown_notes = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  g_ptr_array_add (self->notes, g_strdup_vprintf (format, args));
  va_end (args);
  va_start (args, format);
  g_ptr_array_add (self->shown_notes,
                   g_strdup_vprintf (g_dgettext (GETTEXT_PACKAGE, format), args));
  va_end (args);
}

static EaselDesign *
design_alloc (void)
{
  EaselDesign *self = g_new0 (EaselDesign, 1);

  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->positive = -1;
  return self;
}

/* Target */

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char *
column_list (EaselTable *table)
{
  GString *s = g_string_new (NULL);
  guint n = easel_table_get_n_columns (table);

  for (guint i = 0; i < n && i < 30; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", easel_table_get_column (table, i)->name);
  if (n > 30)
    g_string_append_printf (s, " and %u more", n - 30);
  return g_string_free (s, FALSE);
}

/* The distinct values of the target and their counts, as strings in class order. */
static gboolean
collect_classes (EaselDesign        *self,
                 const EaselColumn  *col,
                 GPtrArray          *names,
                 GArray             *counts,
                 gboolean           *non_integer)
{
  *non_integer = FALSE;
  if (col->type == EASEL_COLUMN_NUMERIC)
    {
      g_autofree double *v = g_new (double, MAX (col->n_rows, 1));
      gsize n = 0;

      for (gsize i = 0; i < col->n_rows; i++)
        if (!isnan (col->num[i]))
          {
            v[n++] = col->num[i];
            if (col->num[i] != floor (col->num[i]))
              *non_integer = TRUE;
          }
      easel_sort_doubles (v, n);
      for (gsize i = 0; i < n;)
        {
          gsize j = i;
          char buf[32];

          while (j < n && v[j] == v[i])
            j++;
          easel_format_double (v[i], buf);
          g_ptr_array_add (names, g_strdup (buf));
          g_array_append_val (counts, (gsize) { j - i });
          i = j;
        }
    }
  else if (col->type == EASEL_COLUMN_BOOLEAN)
    {
      gsize c[2] = { 0, 0 };

      for (gsize i = 0; i < col->n_rows; i++)
        if (!easel_column_is_missing (col, i))
          c[col->bools[i] != 0]++;
      for (int b = 0; b < 2; b++)
        if (c[b] > 0)
          {
            g_ptr_array_add (names, g_strdup (b ? "true" : "false"));
            g_array_append_val (counts, c[b]);
          }
    }
  else if (col->type == EASEL_COLUMN_CATEGORICAL || col->type == EASEL_COLUMN_TEXT)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
      g_autofree gsize *tally = NULL;

      for (gsize i = 0; i < col->n_rows; i++)
        {
          const char *s = easel_column_get_string (col, i);
          if (s != NULL && !g_hash_table_contains (seen, s))
            {
              g_hash_table_add (seen, (gpointer) s);
              g_ptr_array_add (distinct, (gpointer) s);
            }
          /* A text column with a distinct value per row is no target: stop early. */
          if (distinct->len > 100000)
            break;
        }
      qsort (distinct->pdata, distinct->len, sizeof (gpointer), compare_strings);
      tally = g_new0 (gsize, MAX (distinct->len, 1));
      for (guint k = 0; k < distinct->len; k++)
        g_hash_table_insert (seen, distinct->pdata[k], GUINT_TO_POINTER (k));
      for (gsize i = 0; i < col->n_rows; i++)
        {
          const char *s = easel_column_get_string (col, i);
          gpointer k;
          if (s != NULL && g_hash_table_lookup_extended (seen, s, NULL, &k))
            tally[GPOINTER_TO_UINT (k)]++;
        }
      for (guint k = 0; k < distinct->len; k++)
        {
          g_ptr_array_add (names, g_strdup (distinct->pdata[k]));
          g_array_append_val (counts, tally[k]);
        }
    }
  else
    return FALSE;
  return TRUE;
}

EaselDesign *
easel_design_new (EaselTable               *table,
                  const char               *target,
                  const EaselDesignOptions *options,
                  GError                  **error)
{
  g_autoptr(EaselDesign) self = NULL;
  EaselDesignOptions defaults = { 0 };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gsize));
  const EaselColumn *col;
  gboolean non_integer;
  EaselProblem problem;
  guint d;
  int index;

  if (options == NULL)
    options = &defaults;
  index = easel_table_find_column (table, target);
  if (index < 0)
    {
      g_autofree char *list = column_list (table);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                   _("There is no column named “%s” to predict. The columns are: %s."), target,
                   list);
      return NULL;
    }
  col = easel_table_get_column (table, (guint) index);
  if (col->type == EASEL_COLUMN_DATETIME)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("The target “%s” holds dates, which Easel cannot predict. Choose another "
                     "column, or derive a number from the dates first."), target);
      return NULL;
    }

  self = design_alloc ();
  self->target = g_strdup (target);
  self->target_type = col->type;
  self->max_levels = options->max_levels ? options->max_levels : EASEL_DESIGN_DEFAULT_MAX_LEVELS;
  if (options->exclude != NULL)
    self->exclude = g_strdupv ((char **) options->exclude);
  self->n_missing_target = col->n_missing;

  if (!collect_classes (self, col, names, counts, &non_integer))
    g_assert_not_reached ();
  d = names->len;
  if (d == 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                   _("The target “%s” has no values: every row is missing it."), target);
      return NULL;
    }

  problem = options->problem;
  if (problem == EASEL_PROBLEM_AUTO)
    {
      if (col->type == EASEL_COLUMN_NUMERIC &&
          (non_integer || d > EASEL_DESIGN_MAX_INTEGER_CLASSES))
        problem = EASEL_PROBLEM_REGRESSION;
      else if (d == 1)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       _("The target “%s” has a single value (“%s”), so there is nothing to "
                         "predict. Choose another column."), target, (char *) names->pdata[0]);
          return NULL;
        }
      else if (d == 2)
        problem = EASEL_PROBLEM_BINARY;
      else if (d <= EASEL_DESIGN_MAX_CLASSES)
        problem = EASEL_PROBLEM_MULTICLASS;
      else
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       d > 100000
                       ? _("The target “%s” has over %u distinct values: too many to be classes "
                           "(at most %d). If it holds numbers, read it as numeric to predict a "
                           "number; otherwise group its values into fewer classes or choose "
                           "another column.")
                       : _("The target “%s” has %u distinct values: too many to be classes (at "
                           "most %d). If it holds numbers, read it as numeric to predict a "
                           "number; otherwise group its values into fewer classes or choose "
                           "another column."),
                       target, MIN (d, 100000), EASEL_DESIGN_MAX_CLASSES);
          return NULL;
        }
    }
  else if (problem == EASEL_PROBLEM_REGRESSION)
    {
      if (col->type != EASEL_COLUMN_NUMERIC && col->type != EASEL_COLUMN_BOOLEAN)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       _("The target “%s” is %s, not numbers, so it cannot be a regression "
                         "target. Use --problem auto to predict its classes."), target,
                       easel_column_type_to_words (col->type));
          return NULL;
        }
    }
  else if (problem == EASEL_PROBLEM_BINARY && d != 2)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The target “%s” has %u distinct value, but a binary target "
                                "needs exactly 2. Use --problem auto to let Easel choose.",
                                "The target “%s” has %u distinct values, but a binary target "
                                "needs exactly 2. Use --problem auto to let Easel choose.", d),
                   target, d);
      return NULL;
    }
  else if (problem == EASEL_PROBLEM_MULTICLASS && (d < 2 || d > 1000))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("The target “%s” has %u distinct values, but classes need between 2 and "
                     "1000."), target, d);
      return NULL;
    }
  self->problem = problem;

  if (problem != EASEL_PROBLEM_REGRESSION)
    {
      g_ptr_array_add (names, NULL);
      self->n_classes = d;
      self->classes = (char **) g_ptr_array_steal (names, NULL);
    }
  if (problem == EASEL_PROBLEM_BINARY)
    {
      if (options->positive != NULL)
        {
          for (guint k = 0; k < 2; k++)
            if (strcmp (self->classes[k], options->positive) == 0)
              self->positive = (int) k;
          /* A yes/no column was read as booleans: "yes", "1" or "true" name its true class. */
          if (self->positive < 0 && col->type == EASEL_COLUMN_BOOLEAN)
            {
              int b = easel_parse_bool (options->positive, strlen (options->positive), TRUE);
              if (b >= 0)
                self->positive = b;
            }
          if (self->positive < 0)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                           _("The positive class “%s” is not a value of “%s”; its values are "
                             "“%s” and “%s”."), options->positive, target, self->classes[0],
                           self->classes[1]);
              return NULL;
            }
        }
      else
        {
          /* The rarer class is usually the one people look for (fraud, churn, disease). */
          gsize c0 = g_array_index (counts, gsize, 0), c1 = g_array_index (counts, gsize, 1);
          self->positive = c0 < c1 ? 0 : 1;
        }
    }
  else if (options->positive != NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("A positive class only applies to a binary target; “%s” is a %s target."),
                   target, easel_problem_to_string (problem));
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
easel_design_get_target (const EaselDesign *self)
{
  return self->target;
}

EaselColumnType
easel_design_get_target_type (const EaselDesign *self)
{
  return self->target_type;
}

EaselProblem
easel_design_get_problem (const EaselDesign *self)
{
  return self->problem;
}

guint
easel_design_get_n_classes (const EaselDesign *self)
{
  return self->n_classes;
}

const char *
easel_design_get_class (const EaselDesign *self,
                        guint              index)
{
  g_return_val_if_fail (index < self->n_classes, NULL);
  return self->classes[index];
}

int
easel_design_get_positive (const EaselDesign *self)
{
  return self->positive;
}

gsize
easel_design_get_n_missing_target (const EaselDesign *self)
{
  return self->n_missing_target;
}

static const EaselColumn *
find_target (const EaselDesign *self,
             EaselTable        *table,
             GError           **error)
{
  int index = easel_table_find_column (table, self->target);

  if (index < 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                   "The table has no target column “%s”.", self->target);
      return NULL;
    }
  return easel_table_get_column (table, (guint) index);
}

gboolean
easel_design_get_labels (const EaselDesign *self,
                         EaselTable        *table,
                         gint32            *labels,
                         gsize             *n_missing,
                         GError           **error)
{
  const EaselColumn *col;
  g_autoptr(GHashTable) index = NULL;
  gsize missing = 0;

  g_return_val_if_fail (self->problem != EASEL_PROBLEM_REGRESSION, FALSE);
  if ((col = find_target (self, table, error)) == NULL)
    return FALSE;

  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < self->n_classes; k++)
    g_hash_table_insert (index, self->classes[k], GUINT_TO_POINTER (k + 1));

  if (col->type == EASEL_COLUMN_CATEGORICAL)
    {
      /* One lookup per category, not per row. */
      g_autofree gint32 *map = g_new (gint32, MAX (col->n_categories, 1));
      for (guint32 c = 0; c < col->n_categories; c++)
        map[c] = (gint32) GPOINTER_TO_UINT (g_hash_table_lookup (index, col->categories[c])) - 1;
      for (gsize i = 0; i < col->n_rows; i++)
        {
          gint32 code = col->codes[i];
          if (code < 0)
            {
              labels[i] = -1;
              missing++;
              continue;
            }
          if (map[code] < 0)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                           "Row %" G_GSIZE_FORMAT " has the class “%s” in “%s”, which the "
                           "training rows do not have.", i + 1, col->categories[code],
                           self->target);
              return FALSE;
            }
          labels[i] = map[code];
        }
    }
  else
    {
      for (gsize i = 0; i < col->n_rows; i++)
        {
          g_autofree char *value = easel_column_dup_value (col, i);
          gpointer k;

          if (value == NULL)
            {
              labels[i] = -1;
              missing++;
              continue;
            }
          k = g_hash_table_lookup (index, value);
          if (k == NULL)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                           "Row %" G_GSIZE_FORMAT " has the class “%s” in “%s”, which the "
                           "training rows do not have.", i + 1, value, self->target);
              return FALSE;
            }
          labels[i] = (gint32) GPOINTER_TO_UINT (k) - 1;
        }
    }
  if (n_missing != NULL)
    *n_missing = missing;
  return TRUE;
}

gboolean
easel_design_get_values (const EaselDesign *self,
                         EaselTable        *table,
                         double            *values,
                         gsize             *n_missing,
                         GError           **error)
{
  const EaselColumn *col;
  gsize missing = 0;

  g_return_val_if_fail (self->problem == EASEL_PROBLEM_REGRESSION, FALSE);
  if ((col = find_target (self, table, error)) == NULL)
    return FALSE;
  for (gsize i = 0; i < col->n_rows; i++)
    {
      if (easel_column_is_missing (col, i))
        {
          values[i] = NAN;
          missing++;
          continue;
        }
      switch (col->type)
        {
        case EASEL_COLUMN_NUMERIC:
          values[i] = col->num[i];
          break;
        case EASEL_COLUMN_BOOLEAN:
          values[i] = col->bools[i] ? 1.0 : 0.0;
          break;
        case EASEL_COLUMN_CATEGORICAL:
        case EASEL_COLUMN_TEXT:
          {
            const char *s = easel_column_get_string (col, i);
            if (!easel_parse_double (s, strlen (s), '.', &values[i]))
              {
                g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                             "Row %" G_GSIZE_FORMAT " of the target “%s” holds “%s”, which is "
                             "not a number.", i + 1, self->target, s);
                return FALSE;
              }
          }
          break;
        case EASEL_COLUMN_DATETIME:
        case EASEL_N_COLUMN_TYPES:
        default:
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                       "The target “%s” holds dates, not numbers.", self->target);
          return FALSE;
        }
    }
  if (n_missing != NULL)
    *n_missing = missing;
  return TRUE;
}

/* Fitting the encoders */

static gboolean
is_excluded (const EaselDesign *self,
             const char        *name)
{
  if (strcmp (name, self->target) == 0)
    return TRUE;
  for (guint i = 0; self->exclude != NULL && self->exclude[i] != NULL; i++)
    if (strcmp (self->exclude[i], name) == 0)
      return TRUE;
  return FALSE;
}

static inline gsize
row_at (const guint32 *rows,
        gsize          i)
{
  return rows != NULL ? rows[i] : i;
}

static void
date_parts (double seconds,
            double parts[N_DATE_PARTS])
{
  gint64 days = (gint64) floor (seconds / 86400.0);
  int y, m, d;

  easel_civil_from_days (days, &y, &m, &d);
  parts[0] = y;
  parts[1] = m;
  parts[2] = d;
  /* 1970-01-01 was a Thursday; Monday is 0 as in pandas. */
  parts[3] = (double) (((days + 3) % 7 + 7) % 7);
}

/* The k-th smallest of v[0..n) (0-based), moving it to v[k] with smaller values before it
 * and larger ones after (quickselect: linear time on average). */
static double
select_kth (double *v,
            gsize   n,
            gsize   k)
{
  gsize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2, i = lo, j = hi;
      double a = v[lo], b = v[mid], c = v[hi];
      /* median of three as the pivot */
      double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];
              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return v[k];
}

/* Median of the values (as numpy: the mean of the two middle ones for an even count),
 * then mean and population standard deviation with the missing values replaced by the
 * median, as an imputer followed by a scaler would see them. 'values' is reordered. */
static void
number_stats (double *values,
              gsize   n_values,
              gsize   n_missing,
              double *median,
              double *mean,
              double *std)
{
  double sum = 0.0, m2 = 0.0, total = (double) (n_values + n_missing);

  for (gsize i = 0; i < n_values; i++)
    sum += values[i];
  if (n_values % 2 == 1)
    *median = select_kth (values, n_values, n_values / 2);
  else
    {
      double lower = select_kth (values, n_values, n_values / 2 - 1), upper = INFINITY;
      for (gsize i = n_values / 2; i < n_values; i++)
        upper = MIN (upper, values[i]);
      *median = lower + (upper - lower) / 2.0;
    }
  sum += (double) n_missing * *median;
  *mean = sum / total;
  for (gsize i = 0; i < n_values; i++)
    m2 += (values[i] - *mean) * (values[i] - *mean);
  m2 += (double) n_missing * (*median - *mean) * (*median - *mean);
  *std = sqrt (m2 / total);
}

/* The statistics of a numeric or date column over the training rows. */
typedef struct
{
  gsize  n_values;
  double median[N_DATE_PARTS];
  double mean[N_DATE_PARTS];
  double std[N_DATE_PARTS];
} NumberStats;

static void
column_number_stats (const EaselColumn *col,
                     const guint32     *rows,
                     gsize              n_rows,
                     NumberStats       *out)
{
  guint n_parts = col->type == EASEL_COLUMN_DATETIME ? N_DATE_PARTS : 1;
  g_autofree double *values = g_new (double, MAX (n_rows, 1) * n_parts);
  gsize n = 0;

  for (gsize i = 0; i < n_rows; i++)
    {
      double v = col->num[row_at (rows, i)];
      if (isnan (v))
        continue;
      if (n_parts == 1)
        values[n] = v;
      else
        {
          double parts[N_DATE_PARTS];
          date_parts (v, parts);
          for (guint k = 0; k < n_parts; k++)
            values[k * n_rows + n] = parts[k];
        }
      n++;
    }
  out->n_values = n;
  if (n > 0)
    for (guint k = 0; k < n_parts; k++)
      number_stats (values + k * n_rows, n, n_rows - n, &out->median[k], &out->mean[k],
                    &out->std[k]);
}

static EaselFeature *
add_feature (GArray           *features,
             char             *name,
             EaselFeatureKind  kind,
             guint             input)
{
  EaselFeature f = { name, kind, input, 0, 0.0, 1.0 };

  g_array_append_val (features, f);
  return &g_array_index (features, EaselFeature, features->len - 1);
}

static void
set_scaling (EaselDesign  *self,
             EaselFeature *f,
             double        mean,
             double        std)
{
  if (!(self->flags & EASEL_ENCODE_STANDARDIZE))
    return;
  f->center = mean;
  /* A constant feature stays 0 rather than dividing by zero (as scikit-learn's scaler). */
  f->scale = std > 10 * G_MINDOUBLE && std > 1e-12 * fabs (mean) ? std : 1.0;
}

typedef struct
{
  guint32  code;
  gsize    count;
} LevelCount;

static int
compare_level_counts (const void *a,
                      const void *b)
{
  const LevelCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->code > y->code) - (x->code < y->code);
}

static gboolean
fit_input (EaselDesign       *self,
           Input             *in,
           guint              input_index,
           const EaselColumn *col,
           const guint32     *rows,
           gsize              n_rows,
           const NumberStats *stats,
           GArray            *features)
{
  in->first_feature = features->len;
  switch (col->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      {
        guint n_parts = col->type == EASEL_COLUMN_DATETIME ? N_DATE_PARTS : 1;

        if (stats->n_values == 0)
          {
            add_note (self, N_("“%s” has no value in the training rows and was left out."),
                      col->name);
            return FALSE;
          }
        for (guint k = 0; k < n_parts; k++)
          {
            EaselFeature *f;

            in->impute[k] = stats->median[k];
            f = add_feature (features,
                             n_parts == 1
                               ? g_strdup (col->name)
                               : g_strdup_printf ("%s.%s", col->name, date_part_names[k]),
                             EASEL_FEATURE_NUMBER, input_index);
            set_scaling (self, f, stats->mean[k], stats->std[k]);
          }
      }
      break;

    case EASEL_COLUMN_BOOLEAN:
      {
        gsize c[2] = { 0, 0 };
        for (gsize i = 0; i < n_rows; i++)
          {
            gsize r = row_at (rows, i);
            if (!easel_column_is_missing (col, r))
              c[col->bools[r] != 0]++;
          }
        if (c[0] + c[1] == 0)
          {
            add_note (self, N_("“%s” has no value in the training rows and was left out."),
                      col->name);
            return FALSE;
          }
        in->impute[0] = c[1] > c[0] ? 1.0 : 0.0;
        add_feature (features, g_strdup (col->name), EASEL_FEATURE_BOOLEAN, input_index);
      }
      break;

    case EASEL_COLUMN_CATEGORICAL:
      {
        g_autofree LevelCount *tally = g_new0 (LevelCount, MAX (col->n_categories, 1));
        guint n_seen = 0, n_keep;

        for (guint32 c = 0; c < col->n_categories; c++)
          tally[c].code = c;
        for (gsize i = 0; i < n_rows; i++)
          {
            gint32 code = col->codes[row_at (rows, i)];
            if (code >= 0)
              tally[code].count++;
          }
        qsort (tally, col->n_categories, sizeof *tally, compare_level_counts);
        while (n_seen < col->n_categories && tally[n_seen].count > 0)
          n_seen++;
        if (n_seen == 0)
          {
            add_note (self, N_("“%s” has no value in the training rows and was left out."),
                      col->name);
            return FALSE;
          }
        n_keep = MIN (n_seen, self->max_levels);
        in->n_levels = n_keep;
        in->levels = g_new0 (char *, n_keep + 1);
        for (guint k = 0; k < n_keep; k++)
          in->levels[k] = g_strdup (col->categories[tally[k].code]);
        in->n_others = n_seen - n_keep;
        in->others = g_new0 (char *, in->n_others + 1);
        for (guint k = 0; k < in->n_others; k++)
          in->others[k] = g_strdup (col->categories[tally[n_keep + k].code]);
        if (in->n_others > 0)
          add_note (self, N_("“%s” has %u values; the %u most frequent are kept and the other %u "
                             "are grouped as “other”."),
                    col->name, n_seen, n_keep, in->n_others);

        if (self->flags & EASEL_ENCODE_CATEGORY_CODES)
          {
            EaselFeature *f = add_feature (features, g_strdup (col->name),
                                           EASEL_FEATURE_CATEGORY, input_index);
            f->n_levels = n_keep + (in->n_others > 0);
          }
        else
          {
            for (guint k = 0; k < n_keep; k++)
              add_feature (features, g_strdup_printf ("%s=%s", col->name, in->levels[k]),
                           EASEL_FEATURE_INDICATOR, input_index);
            if (in->n_others > 0)
              add_feature (features, g_strdup_printf ("%s=(other)", col->name),
                           EASEL_FEATURE_INDICATOR, input_index);
          }
      }
      break;

    case EASEL_COLUMN_TEXT:
      add_note (self, N_("“%s” is free text and was left out."), col->name);
      return FALSE;

    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
  in->n_features = features->len - in->first_feature;
  return TRUE;
}

gboolean
easel_design_fit (EaselDesign      *self,
                  EaselTable       *table,
                  const guint32    *rows,
                  gsize             n_rows,
                  EaselEncodeFlags  flags,
                  GError          **error)
{
  g_autoptr(GArray) features = g_array_new (FALSE, FALSE, sizeof (EaselFeature));
  g_autofree NumberStats *stats = NULL;
  guint n_columns = easel_table_get_n_columns (table);
  guint n = 0;

  if (rows == NULL)
    n_rows = easel_table_get_n_rows (table);
  clear_features (self);
  if (n_rows == 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY, _("There are no training rows."));
      return FALSE;
    }
  self->flags = flags;
  self->inputs = g_new0 (Input, MAX (n_columns, 1));
  stats = g_new0 (NumberStats, MAX (n_columns, 1));
  /* The medians and moments of the numbers, a column per task. */
#pragma omp parallel for schedule(dynamic, 1)
  for (guint c = 0; c < n_columns; c++)
    {
      const EaselColumn *col = easel_table_get_column (table, c);
      if ((col->type == EASEL_COLUMN_NUMERIC || col->type == EASEL_COLUMN_DATETIME) &&
          !is_excluded (self, col->name))
        column_number_stats (col, rows, n_rows, &stats[c]);
    }
  for (guint c = 0; c < n_columns; c++)
    {
      const EaselColumn *col = easel_table_get_column (table, c);
      Input *in;

      if (is_excluded (self, col->name))
        continue;
      in = &self->inputs[n++];
      in->name = g_strdup (col->name);
      in->type = col->type;
      in->used = fit_input (self, in, n - 1, col, rows, n_rows, &stats[c], features);
    }
  self->n_inputs = n;
  self->n_features = features->len;
  self->features = (EaselFeature *) (void *) g_array_free (g_steal_pointer (&features), FALSE);
  if (self->n_features == 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                   n == 0 ? _("No column can be used to predict “%s”: the table has no other "
                              "column.")
                          : _("No column can be used to predict “%s”."), self->target);
      return FALSE;
    }
  self->fitted = TRUE;
  return TRUE;
}

EaselEncodeFlags
easel_design_get_flags (const EaselDesign *self)
{
  return self->flags;
}

guint
easel_design_get_n_features (const EaselDesign *self)
{
  return self->n_features;
}

const EaselFeature *
easel_design_get_feature (const EaselDesign *self,
                          guint              index)
{
  g_return_val_if_fail (index < self->n_features, NULL);
  return &self->features[index];
}

guint
easel_design_get_n_inputs (const EaselDesign *self)
{
  return self->n_inputs;
}

const char *
easel_design_get_input_name (const EaselDesign *self,
                             guint              index)
{
  g_return_val_if_fail (index < self->n_inputs, NULL);
  return self->inputs[index].name;
}

EaselColumnType
easel_design_get_input_type (const EaselDesign *self,
                             guint              index)
{
  g_return_val_if_fail (index < self->n_inputs, EASEL_COLUMN_NUMERIC);
  return self->inputs[index].type;
}

gboolean
easel_design_input_is_used (const EaselDesign *self,
                            guint              index)
{
  g_return_val_if_fail (index < self->n_inputs, FALSE);
  return self->inputs[index].used;
}

const GPtrArray *
easel_design_get_notes (const EaselDesign *self)
{
  return self->notes;
}

const GPtrArray *
easel_design_get_shown_notes (const EaselDesign *self)
{
  return self->shown_notes != NULL ? self->shown_notes : self->notes;
}

char **
easel_design_missing_columns (const EaselDesign *self,
                              EaselTable        *table)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->n_inputs; i++)
    if (self->inputs[i].used && easel_table_find_column (table, self->inputs[i].name) < 0)
      g_ptr_array_add (missing, g_strdup (self->inputs[i].name));
  if (missing->len == 0)
    return NULL;
  g_ptr_array_add (missing, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&missing), FALSE);
}

/* Encoding */

/* The column as the encoder wants it: numbers (NaN = missing), or a level per category. */
typedef struct
{
  const EaselColumn *col;
  double            *num;       /* owned when converted; else col->num */
  gboolean           own_num;
  gint32            *level_of;  /* CATEGORICAL: per category of 'col': level, -1 missing */
  gint32            *levels;    /* TEXT or converted: per row */
  gsize              n_unseen;
  char              *first_unseen;
} Source;

static void
source_clear (Source *s)
{
  if (s->own_num)
    g_free (s->num);
  g_free (s->level_of);
  g_free (s->levels);
  g_free (s->first_unseen);
}

static void
set_type_error (GError          **error,
                const char       *column,
                gsize             row,
                gsize             line_of_first_row,
                const char       *value,
                const char       *wanted)
{
  if (line_of_first_row > 0)
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                 "Column “%s”, line %" G_GSIZE_FORMAT ": “%s” cannot be read as %s, as the "
                 "model was trained on.", column, line_of_first_row + row, value, wanted);
  else
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_TYPE,
                 "Column “%s”, row %" G_GSIZE_FORMAT ": “%s” cannot be read as %s, as the "
                 "model was trained on.", column, row + 1, value, wanted);
}

/* A level for the string: kept level, "other", or -1 (missing or never seen). */
static gint32
level_of_string (const Input  *in,
                 GHashTable   *index,
                 const char   *s,
                 Source       *src)
{
  gpointer v;

  if (g_hash_table_lookup_extended (index, s, NULL, &v))
    return GPOINTER_TO_INT (v);
  if (src->n_unseen++ == 0)
    src->first_unseen = g_strdup (s);
  return -1;
}

static gboolean
prepare_source (const Input       *in,
                const EaselColumn *col,
                gsize              line_of_first_row,
                Source            *src,
                GError           **error)
{
  memset (src, 0, sizeof *src);
  src->col = col;
  switch (in->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
    case EASEL_COLUMN_BOOLEAN:
      if (col->type == in->type && in->type != EASEL_COLUMN_BOOLEAN)
        {
          src->num = col->num;
          return TRUE;
        }
      src->num = g_new (double, MAX (col->n_rows, 1));
      src->own_num = TRUE;
      for (gsize i = 0; i < col->n_rows; i++)
        {
          double v = NAN;

          if (!easel_column_is_missing (col, i))
            {
              g_autofree char *text = NULL;
              gboolean ok = TRUE, has_time;

              switch (col->type)
                {
                case EASEL_COLUMN_NUMERIC:
                  v = col->num[i];
                  ok = in->type != EASEL_COLUMN_DATETIME && (in->type != EASEL_COLUMN_BOOLEAN ||
                                                             v == 0.0 || v == 1.0);
                  break;
                case EASEL_COLUMN_BOOLEAN:
                  v = col->bools[i] ? 1.0 : 0.0;
                  ok = in->type != EASEL_COLUMN_DATETIME;
                  break;
                case EASEL_COLUMN_DATETIME:
                  v = col->num[i];
                  ok = FALSE;
                  break;
                case EASEL_COLUMN_CATEGORICAL:
                case EASEL_COLUMN_TEXT:
                  {
                    const char *s = easel_column_get_string (col, i);
                    gsize len = strlen (s);
                    if (in->type == EASEL_COLUMN_NUMERIC)
                      ok = easel_parse_double (s, len, '.', &v);
                    else if (in->type == EASEL_COLUMN_DATETIME)
                      ok = easel_parse_datetime (s, len, &v, &has_time);
                    else
                      {
                        int b = easel_parse_bool (s, len, TRUE);
                        ok = b >= 0;
                        v = b;
                      }
                  }
                  break;
                case EASEL_N_COLUMN_TYPES:
                default:
                  g_assert_not_reached ();
                }
              if (!ok)
                {
                  text = easel_column_dup_value (col, i);
                  set_type_error (error, in->name, i, line_of_first_row, text,
                                  in->type == EASEL_COLUMN_NUMERIC ? "a number"
                                  : in->type == EASEL_COLUMN_DATETIME ? "a date"
                                  : "true or false");
                  return FALSE;
                }
            }
          src->num[i] = v;
        }
      return TRUE;

    case EASEL_COLUMN_CATEGORICAL:
      {
        g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
        gint32 other = (gint32) in->n_levels;

        for (guint k = 0; k < in->n_levels; k++)
          g_hash_table_insert (index, in->levels[k], GINT_TO_POINTER ((int) k));
        for (guint k = 0; k < in->n_others; k++)
          g_hash_table_insert (index, in->others[k], GINT_TO_POINTER (other));

        if (col->type == EASEL_COLUMN_CATEGORICAL)
          {
            g_autofree gsize *count = g_new0 (gsize, MAX (col->n_categories, 1));
            /* Count the rows of each category so that unseen values are counted per row. */
            for (gsize i = 0; i < col->n_rows; i++)
              if (col->codes[i] >= 0)
                count[col->codes[i]]++;
            src->level_of = g_new (gint32, MAX (col->n_categories, 1));
            for (guint32 c = 0; c < col->n_categories; c++)
              {
                gsize before = src->n_unseen;
                if (count[c] == 0)
                  {
                    src->level_of[c] = -1;
                    continue;
                  }
                src->level_of[c] = level_of_string (in, index, col->categories[c], src);
                if (src->n_unseen > before)
                  src->n_unseen += count[c] - 1;
              }
          }
        else
          {
            src->levels = g_new (gint32, MAX (col->n_rows, 1));
            for (gsize i = 0; i < col->n_rows; i++)
              {
                g_autofree char *text = easel_column_dup_value (col, i);
                src->levels[i] = text != NULL ? level_of_string (in, index, text, src) : -1;
              }
          }
      }
      return TRUE;

    case EASEL_COLUMN_TEXT:
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static inline double
source_number (const Source *src,
               gsize         row)
{
  return src->num[row];
}

static inline gint32
source_level (const Source *src,
              gsize         row)
{
  if (src->levels != NULL)
    return src->levels[row];
  return src->col->codes[row] < 0 ? -1 : src->level_of[src->col->codes[row]];
}

static void
encode_block (const EaselDesign *self,
              const Source      *sources,
              const guint32     *rows,
              gsize              begin,
              gsize              end,
              float             *x)
{
  guint p = self->n_features;

  for (guint i = 0; i < self->n_inputs; i++)
    {
      const Input *in = &self->inputs[i];
      const Source *src = &sources[i];
      const EaselFeature *f = &self->features[in->first_feature];

      if (!in->used)
        continue;
      switch (in->type)
        {
        case EASEL_COLUMN_NUMERIC:
        case EASEL_COLUMN_BOOLEAN:
          for (gsize r = begin; r < end; r++)
            {
              double v = source_number (src, row_at (rows, r));
              if (isnan (v) && !(self->flags & EASEL_ENCODE_KEEP_MISSING))
                v = in->impute[0];
              x[r * p + in->first_feature] = (float) ((v - f->center) / f->scale);
            }
          break;

        case EASEL_COLUMN_DATETIME:
          for (gsize r = begin; r < end; r++)
            {
              double v = source_number (src, row_at (rows, r));
              double parts[N_DATE_PARTS];

              if (isnan (v) && (self->flags & EASEL_ENCODE_KEEP_MISSING))
                for (guint k = 0; k < N_DATE_PARTS; k++)
                  parts[k] = NAN;
              else if (isnan (v))
                memcpy (parts, in->impute, sizeof parts);
              else
                date_parts (v, parts);
              for (guint k = 0; k < N_DATE_PARTS; k++)
                x[r * p + in->first_feature + k] =
                  (float) ((parts[k] - f[k].center) / f[k].scale);
            }
          break;

        case EASEL_COLUMN_CATEGORICAL:
          if (self->flags & EASEL_ENCODE_CATEGORY_CODES)
            for (gsize r = begin; r < end; r++)
              x[r * p + in->first_feature] = (float) source_level (src, row_at (rows, r));
          else
            for (gsize r = begin; r < end; r++)
              {
                gint32 level = source_level (src, row_at (rows, r));
                float *out = x + r * p + in->first_feature;

                memset (out, 0, in->n_features * sizeof (float));
                if (level >= 0)
                  out[level] = 1.0f;
              }
          break;

        case EASEL_COLUMN_TEXT:
        case EASEL_N_COLUMN_TYPES:
        default:
          g_assert_not_reached ();
        }
    }
}

float *
easel_design_encode (const EaselDesign *self,
                     EaselTable        *table,
                     const guint32     *rows,
                     gsize              n_rows,
                     gsize              line_of_first_row,
                     GPtrArray         *warnings,
                     GError           **error)
{
  g_autofree Source *sources = NULL;
  g_auto(GStrv) missing = NULL;
  float *x = NULL;
  gsize n_blocks;
  guint prepared = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (self->fitted, NULL);
  if (rows == NULL)
    n_rows = easel_table_get_n_rows (table);

  missing = easel_design_missing_columns (self, table);
  if (missing != NULL)
    {
      g_autofree char *list = g_strjoinv ("”, “", missing);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                   "The table lacks %s the model needs: “%s”.",
                   g_strv_length (missing) == 1 ? "a column" : "columns", list);
      return NULL;
    }

  sources = g_new0 (Source, MAX (self->n_inputs, 1));
  for (guint i = 0; i < self->n_inputs && ok; i++, prepared++)
    {
      const Input *in = &self->inputs[i];
      const EaselColumn *col;

      if (!in->used)
        continue;
      col = easel_table_get_column (table, (guint) easel_table_find_column (table, in->name));
      ok = prepare_source (in, col, line_of_first_row, &sources[i], error);
      if (ok && sources[i].n_unseen > 0 && warnings != NULL)
        g_ptr_array_add (warnings,
                         g_strdup_printf ("Column “%s”: %" G_GSIZE_FORMAT " value%s never seen in "
                                          "training (such as “%s”) count%s as missing.",
                                          in->name, sources[i].n_unseen,
                                          sources[i].n_unseen == 1 ? "" : "s",
                                          sources[i].first_unseen,
                                          sources[i].n_unseen == 1 ? "s" : ""));
    }

  if (ok)
    {
      x = g_try_malloc (MAX (n_rows, 1) * self->n_features * sizeof (float));
      if (x == NULL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                       "Not enough memory for a matrix of %" G_GSIZE_FORMAT " rows × %u features.",
                       n_rows, self->n_features);
          ok = FALSE;
        }
    }
  if (ok)
    {
      n_blocks = (n_rows + ENCODE_BLOCK - 1) / ENCODE_BLOCK;
#pragma omp parallel for schedule(static) if (n_blocks > 1)
      for (gsize b = 0; b < n_blocks; b++)
        encode_block (self, sources, rows, b * ENCODE_BLOCK,
                      MIN (n_rows, (b + 1) * ENCODE_BLOCK), x);
    }

  for (guint i = 0; i < prepared; i++)
    source_clear (&sources[i]);
  return x;
}

/* Serialisation */

#define DESIGN_VERSION 1

static void
put_strv (EaselBlobWriter *w,
          char           **v,
          guint            n)
{
  easel_blob_put_u32 (w, n);
  for (guint i = 0; i < n; i++)
    easel_blob_put_string (w, v[i]);
}

static char **
get_strv (EaselBlobReader *r,
          guint            max,
          guint           *n)
{
  char **v;

  if (!easel_blob_get_u32_range (r, 0, MIN (max, (guint32) (r->len - r->pos) / 4),
                                 "a list length", n))
    return g_new0 (char *, 1);
  v = g_new0 (char *, *n + 1);
  for (guint i = 0; i < *n; i++)
    if (!easel_blob_get_string (r, &v[i]) || v[i] == NULL)
      {
        easel_blob_fail (r, "a list of names is incomplete");
        g_free (v[i]);
        v[i] = g_strdup ("");
      }
  return v;
}

void
easel_design_save (const EaselDesign *self,
                   EaselBlobWriter   *w)
{
  easel_blob_put_u32 (w, DESIGN_VERSION);
  easel_blob_put_string (w, self->target);
  easel_blob_put_u32 (w, self->target_type);
  easel_blob_put_u32 (w, self->problem);
  put_strv (w, self->classes, self->n_classes);
  easel_blob_put_i32 (w, self->positive);
  easel_blob_put_u64 (w, self->n_missing_target);
  easel_blob_put_u32 (w, self->max_levels);
  easel_blob_put_u32 (w, self->flags);
  easel_blob_put_u32 (w, self->n_inputs);
  for (guint i = 0; i < self->n_inputs; i++)
    {
      const Input *in = &self->inputs[i];

      easel_blob_put_string (w, in->name);
      easel_blob_put_u32 (w, in->type);
      easel_blob_put_u8 (w, in->used);
      for (guint k = 0; k < N_DATE_PARTS; k++)
        easel_blob_put_f64 (w, in->impute[k]);
      put_strv (w, in->levels, in->n_levels);
      put_strv (w, in->others, in->n_others);
    }
  easel_blob_put_u32 (w, self->n_features);
  for (guint j = 0; j < self->n_features; j++)
    {
      const EaselFeature *f = &self->features[j];

      easel_blob_put_string (w, f->name);
      easel_blob_put_u32 (w, f->kind);
      easel_blob_put_u32 (w, f->input);
      easel_blob_put_u32 (w, f->n_levels);
      easel_blob_put_f64 (w, f->center);
      easel_blob_put_f64 (w, f->scale);
    }
  put_strv (w, (char **) self->notes->pdata, self->notes->len);
}

/* The features of each used input must be consecutive and of the kinds its type makes. */
static gboolean
check_layout (EaselDesign     *self,
              EaselBlobReader *r)
{
  guint j = 0;

  for (guint i = 0; i < self->n_inputs; i++)
    {
      Input *in = &self->inputs[i];
      guint expected;

      if (!in->used)
        continue;
      switch (in->type)
        {
        case EASEL_COLUMN_NUMERIC:
        case EASEL_COLUMN_BOOLEAN:
          expected = 1;
          break;
        case EASEL_COLUMN_DATETIME:
          expected = N_DATE_PARTS;
          break;
        case EASEL_COLUMN_CATEGORICAL:
          expected = (self->flags & EASEL_ENCODE_CATEGORY_CODES)
                       ? 1
                       : in->n_levels + (in->n_others > 0);
          break;
        case EASEL_COLUMN_TEXT:
        case EASEL_N_COLUMN_TYPES:
        default:
          easel_blob_fail (r, "input “%s” has a type that cannot be used", in->name);
          return FALSE;
        }
      in->first_feature = j;
      in->n_features = expected;
      for (guint k = 0; k < expected; k++, j++)
        {
          EaselFeature *f;
          if (j >= self->n_features || self->features[j].input != i)
            {
              easel_blob_fail (r, "the features do not match the input columns");
              return FALSE;
            }
          f = &self->features[j];
          if (!(f->scale > 0.0) || !isfinite (f->center) ||
              (f->kind == EASEL_FEATURE_CATEGORY &&
               (in->type != EASEL_COLUMN_CATEGORICAL ||
                f->n_levels != in->n_levels + (in->n_others > 0))))
            {
              easel_blob_fail (r, "feature “%s” has invalid settings", f->name);
              return FALSE;
            }
        }
    }
  if (j != self->n_features)
    {
      easel_blob_fail (r, "the features do not match the input columns");
      return FALSE;
    }
  return TRUE;
}

EaselDesign *
easel_design_load (EaselBlobReader *r)
{
  g_autoptr(EaselDesign) self = design_alloc ();
  guint32 version, u, n_notes;
  char **notes;

  if (!easel_blob_get_u32 (r, &version))
    return NULL;
  if (version != DESIGN_VERSION)
    {
      easel_blob_fail (r, "its encoders have format %u, which this Easel does not know", version);
      return NULL;
    }
  easel_blob_get_string (r, &self->target);
  if (self->target == NULL)
    self->target = g_strdup ("");
  easel_blob_get_u32_range (r, 0, EASEL_N_COLUMN_TYPES - 1, "the target type", &u);
  self->target_type = u;
  easel_blob_get_u32_range (r, EASEL_PROBLEM_REGRESSION, EASEL_PROBLEM_MULTICLASS,
                            "the problem", &u);
  self->problem = u;
  self->classes = get_strv (r, 100000, &self->n_classes);
  easel_blob_get_i32 (r, &self->positive);
  easel_blob_get_u64 (r, &self->n_missing_target);
  easel_blob_get_u32 (r, &self->max_levels);
  easel_blob_get_u32_range (r, 0, 7, "the encoding flags", &u);
  self->flags = u;
  if (r->failed)
    return NULL;
  if ((self->problem == EASEL_PROBLEM_REGRESSION) != (self->n_classes == 0) ||
      (self->problem == EASEL_PROBLEM_BINARY && self->n_classes != 2) ||
      (self->problem == EASEL_PROBLEM_BINARY ? (self->positive != 0 && self->positive != 1)
                                              : self->positive != -1))
    {
      easel_blob_fail (r, "its classes do not match its problem type");
      return NULL;
    }

  if (!easel_blob_get_u32_range (r, 0, (guint32) MIN (r->len - r->pos, 1u << 24),
                                 "the number of inputs", &u))
    return NULL;
  self->inputs = g_new0 (Input, MAX (u, 1));
  self->n_inputs = u;
  for (guint i = 0; i < self->n_inputs && !r->failed; i++)
    {
      Input *in = &self->inputs[i];
      guint8 used;

      easel_blob_get_string (r, &in->name);
      if (in->name == NULL)
        in->name = g_strdup ("");
      easel_blob_get_u32_range (r, 0, EASEL_N_COLUMN_TYPES - 1, "an input type", &u);
      in->type = u;
      easel_blob_get_u8 (r, &used);
      in->used = used != 0;
      for (guint k = 0; k < N_DATE_PARTS; k++)
        easel_blob_get_f64 (r, &in->impute[k]);
      in->levels = get_strv (r, 1u << 20, &in->n_levels);
      in->others = get_strv (r, 1u << 24, &in->n_others);
      if (in->used && (in->type == EASEL_COLUMN_TEXT ||
                       (in->type == EASEL_COLUMN_CATEGORICAL && in->n_levels == 0)))
        easel_blob_fail (r, "input “%s” is inconsistent", in->name);
    }
  if (r->failed)
    return NULL;

  if (!easel_blob_get_u32_range (r, 1, (guint32) MIN (r->len - r->pos, 1u << 24),
                                 "the number of features", &u))
    return NULL;
  self->features = g_new0 (EaselFeature, u);
  self->n_features = u;
  for (guint j = 0; j < self->n_features; j++)
    {
      EaselFeature *f = &self->features[j];

      easel_blob_get_string (r, &f->name);
      if (f->name == NULL)
        f->name = g_strdup ("");
      easel_blob_get_u32_range (r, 0, EASEL_FEATURE_CATEGORY, "a feature kind", &u);
      f->kind = u;
      easel_blob_get_u32_range (r, 0, MAX (self->n_inputs, 1) - 1, "a feature's input", &f->input);
      easel_blob_get_u32 (r, &f->n_levels);
      easel_blob_get_f64 (r, &f->center);
      easel_blob_get_f64 (r, &f->scale);
    }
  notes = get_strv (r, 1u << 20, &n_notes);
  for (guint i = 0; i < n_notes; i++)
    g_ptr_array_add (self->notes, notes[i]);
  g_free (notes);
  if (r->failed || !check_layout (self, r))
    return NULL;
  self->fitted = TRUE;
  return g_steal_pointer (&self);
}
