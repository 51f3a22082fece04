/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "easel-error.h"
#include "easel-model-private.h"
#include "easel-recipe.h"

/* The model file: a fixed header, then the payload.
 *   0  8  magic "EASELMDL"
 *   8  4  format version
 *  12  4  reserved, 0
 *  16  8  payload length
 *  24 32  SHA-256 of the payload
 *  56     payload */
static const char model_magic[8] = { 'E', 'A', 'S', 'E', 'L', 'M', 'D', 'L' };
#define MODEL_FORMAT 1
#define HEADER_SIZE 56
#define DIGEST_SIZE 32

struct _EaselParams
{
  const EaselAlgorithm *algorithm;
  double               *values;
  guint                *lists;   /* n_params × EASEL_PARAM_LIST_MAX: the INT_LIST numbers */
};

struct _EaselModel
{
  const EaselAlgorithm *algorithm;
  EaselParams          *params;
  EaselDesign          *design;
  gpointer              state;
  gsize                 train_rows;
  gsize                 dropped_rows;
  double                train_seconds;
  guint64               seed;
  gint64                created;
  char                 *recipe_json;
  char                 *evaluation_json;
};

/* Registry */

static const EaselAlgorithm *const algorithms[] = {
  &easel_algorithm_linear,
  &easel_algorithm_logistic,
  &easel_algorithm_naive_bayes,
  &easel_algorithm_knn,
  &easel_algorithm_tree,
  &easel_algorithm_forest,
  &easel_algorithm_gbdt,
  &easel_algorithm_mlp,
  NULL
};

const EaselAlgorithm *const *
easel_algorithms (void)
{
  return algorithms;
}

static char *
algorithm_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; algorithms[i] != NULL; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", algorithms[i]->name);
  return g_string_free (s, FALSE);
}

const EaselAlgorithm *
easel_algorithm_find (const char  *name,
                      GError     **error)
{
  g_autofree char *names = NULL;

  for (guint i = 0; algorithms[i] != NULL; i++)
    if (g_ascii_strcasecmp (algorithms[i]->name, name) == 0)
      return algorithms[i];
  names = algorithm_names ();
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
               "There is no algorithm named “%s”. The algorithms are: %s.", name, names);
  return NULL;
}

gboolean
easel_algorithm_supports (const EaselAlgorithm *algorithm,
                          EaselProblem          problem)
{
  if (problem == EASEL_PROBLEM_REGRESSION)
    return algorithm->regression;
  if (problem == EASEL_PROBLEM_BINARY || problem == EASEL_PROBLEM_MULTICLASS)
    return algorithm->classification;
  return FALSE;
}

const EaselParamSpec *
easel_algorithm_find_param (const EaselAlgorithm *algorithm,
                            const char           *name)
{
  for (guint i = 0; i < algorithm->n_params; i++)
    if (strcmp (algorithm->params[i].name, name) == 0)
      return &algorithm->params[i];
  return NULL;
}

/* Parameters */

EaselParams *
easel_params_new (const EaselAlgorithm *algorithm)
{
  EaselParams *self = g_new0 (EaselParams, 1);

  self->algorithm = algorithm;
  self->values = g_new (double, MAX (algorithm->n_params, 1));
  self->lists = g_new0 (guint, MAX (algorithm->n_params, 1) * EASEL_PARAM_LIST_MAX);
  for (guint i = 0; i < algorithm->n_params; i++)
    if (algorithm->params[i].type == EASEL_PARAM_INT_LIST)
      {
        self->values[i] = 1;
        self->lists[i * EASEL_PARAM_LIST_MAX] = (guint) algorithm->params[i].default_value;
      }
    else
      self->values[i] = algorithm->params[i].default_value;
  return self;
}

EaselParams *
easel_params_copy (const EaselParams *params)
{
  EaselParams *self = easel_params_new (params->algorithm);

  memcpy (self->values, params->values, params->algorithm->n_params * sizeof (double));
  memcpy (self->lists, params->lists,
          params->algorithm->n_params * EASEL_PARAM_LIST_MAX * sizeof (guint));
  return self;
}

void
easel_params_free (EaselParams *self)
{
  if (self == NULL)
    return;
  g_free (self->values);
  g_free (self->lists);
  g_free (self);
}

const EaselAlgorithm *
easel_params_get_algorithm (const EaselParams *self)
{
  return self->algorithm;
}

static void
format_number (double  v,
               char    buf[32])
{
  g_ascii_formatd (buf, 32, "%.10g", v);
}

/* "a whole number from 1 to 10000", "a number greater than 0 and at most 1e+12". */
static char *
describe_range (const EaselParamSpec *spec)
{
  char lo[32], hi[32];
  gboolean exclusive = (spec->flags & EASEL_PARAM_MIN_EXCLUSIVE) != 0;
  g_autofree char *range = NULL;

  if (spec->type == EASEL_PARAM_CHOICE)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) spec->choices);
      return g_strdup_printf (_("one of %s"), list);
    }
  format_number (spec->min, lo);
  format_number (spec->max, hi);
  if (spec->type == EASEL_PARAM_INT_LIST)
    return g_strdup_printf (exclusive
                            ? _("a list of whole numbers greater than %s, at most %s separated "
                                "by commas (at most %d)")
                            : _("a list of whole numbers from %s to %s separated by commas (at "
                                "most %d)"),
                            lo, hi, EASEL_PARAM_LIST_MAX);
  if (spec->type == EASEL_PARAM_INT)
    range = g_strdup_printf (exclusive ? _("a whole number greater than %s and at most %s")
                                       : _("a whole number from %s to %s"), lo, hi);
  else
    range = g_strdup_printf (exclusive ? _("a number greater than %s and at most %s")
                                       : _("a number from %s to %s"), lo, hi);
  if (spec->flags & EASEL_PARAM_ZERO_IS_NONE)
    /* Translators: a range of values, and that 0 or “none” turns the limit off */
    return g_strdup_printf (_("%s (0 or none: no limit)"), range);
  return g_steal_pointer (&range);
}

static gboolean
reject_value (const EaselParams    *self,
              const EaselParamSpec *spec,
              const char           *text,
              GError              **error)
{
  g_autofree char *range = describe_range (spec);

  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
               _("Parameter “%s” of %s takes %s; “%s” is not one."), spec->name,
               self->algorithm->name, range, text);
  return FALSE;
}

static const EaselParamSpec *
lookup_param (const EaselParams *self,
              const char        *name,
              guint             *index,
              GError           **error)
{
  for (guint i = 0; i < self->algorithm->n_params; i++)
    if (g_ascii_strcasecmp (self->algorithm->params[i].name, name) == 0)
      {
        *index = i;
        return &self->algorithm->params[i];
      }
  if (self->algorithm->n_params == 0)
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                 "“%s” is not a parameter of %s, which has no parameters.", name,
                 self->algorithm->name);
  else
    {
      GString *list = g_string_new (NULL);
      for (guint i = 0; i < self->algorithm->n_params; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", self->algorithm->params[i].name);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a parameter of %s. Its parameters are: %s.", name,
                   self->algorithm->name, list->str);
      g_string_free (list, TRUE);
    }
  return NULL;
}

static gboolean
in_range (const EaselParamSpec *spec,
          double                v)
{
  if (!isfinite (v) || v > spec->max)
    return FALSE;
  if (spec->flags & EASEL_PARAM_MIN_EXCLUSIVE)
    return v > spec->min;
  if ((spec->flags & EASEL_PARAM_ZERO_IS_NONE) && v == 0.0)
    return TRUE;
  return v >= spec->min;
}

/* "64, 32": whole numbers in range, 1 to EASEL_PARAM_LIST_MAX of them. */
static gboolean
parse_int_list (const EaselParamSpec *spec,
                const char           *text,
                guint                *out,
                guint                *n_out)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  guint n = g_strv_length (items);

  if (n == 0 || n > EASEL_PARAM_LIST_MAX)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *item = g_strstrip (items[i]), *end;
      double v;

      errno = 0;
      v = g_ascii_strtod (item, &end);
      if (end == item || *end != '\0' || errno == ERANGE || !in_range (spec, v) || v != floor (v))
        return FALSE;
      out[i] = (guint) v;
    }
  *n_out = n;
  return TRUE;
}

gboolean
easel_params_set (EaselParams  *self,
                  const char   *name,
                  const char   *text,
                  GError      **error)
{
  const EaselParamSpec *spec;
  guint index;
  double v;
  char *end;

  if ((spec = lookup_param (self, name, &index, error)) == NULL)
    return FALSE;
  if (spec->type == EASEL_PARAM_CHOICE)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      for (guint c = 0; spec->choices[c] != NULL; c++)
        if (g_ascii_strcasecmp (spec->choices[c], stripped) == 0)
          {
            self->values[index] = c;
            return TRUE;
          }
      return reject_value (self, spec, text, error);
    }
  if (spec->type == EASEL_PARAM_INT_LIST)
    {
      guint list[EASEL_PARAM_LIST_MAX], n;

      if (!parse_int_list (spec, text, list, &n))
        return reject_value (self, spec, text, error);
      memcpy (self->lists + index * EASEL_PARAM_LIST_MAX, list, n * sizeof (guint));
      self->values[index] = n;
      return TRUE;
    }
  if ((spec->flags & EASEL_PARAM_ZERO_IS_NONE) &&
      (g_ascii_strcasecmp (text, "none") == 0 || g_ascii_strcasecmp (text, "unlimited") == 0))
    {
      self->values[index] = 0.0;
      return TRUE;
    }
  errno = 0;
  v = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  if (end == text || *end != '\0' || errno == ERANGE || !in_range (spec, v) ||
      (spec->type == EASEL_PARAM_INT && v != floor (v)))
    return reject_value (self, spec, text, error);
  self->values[index] = v;
  return TRUE;
}

gboolean
easel_params_parse (EaselParams  *self,
                    const char   *assignment,
                    GError      **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;

  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "“%s” is not NAME=VALUE.", assignment);
      return FALSE;
    }
  name = g_strstrip (g_strndup (assignment, eq - assignment));
  return easel_params_set (self, name, eq + 1, error);
}

gboolean
easel_params_set_number (EaselParams  *self,
                         const char   *name,
                         double        value,
                         GError      **error)
{
  const EaselParamSpec *spec;
  guint index;

  if ((spec = lookup_param (self, name, &index, error)) == NULL)
    return FALSE;
  if (spec->type == EASEL_PARAM_CHOICE
        ? (value < 0 || value != floor (value) || value >= g_strv_length ((char **) spec->choices))
        : (!in_range (spec, value) || (spec->type != EASEL_PARAM_DOUBLE && value != floor (value))))
    {
      char buf[32];
      format_number (value, buf);
      return reject_value (self, spec, buf, error);
    }
  if (spec->type == EASEL_PARAM_INT_LIST)
    {
      self->lists[index * EASEL_PARAM_LIST_MAX] = (guint) value;
      value = 1;
    }
  self->values[index] = value;
  return TRUE;
}

double
easel_params_get (const EaselParams *self,
                  const char        *name)
{
  for (guint i = 0; i < self->algorithm->n_params; i++)
    if (strcmp (self->algorithm->params[i].name, name) == 0)
      return self->values[i];
  return NAN;
}

const guint *
easel_params_get_int_list (const EaselParams *self,
                           const char        *name,
                           guint             *n_values)
{
  for (guint i = 0; i < self->algorithm->n_params; i++)
    if (strcmp (self->algorithm->params[i].name, name) == 0 &&
        self->algorithm->params[i].type == EASEL_PARAM_INT_LIST)
      {
        *n_values = (guint) self->values[i];
        return self->lists + i * EASEL_PARAM_LIST_MAX;
      }
  *n_values = 0;
  return NULL;
}

char *
easel_params_format (const EaselParams *self,
                     guint              index)
{
  const EaselParamSpec *spec;
  char buf[32];

  g_return_val_if_fail (index < self->algorithm->n_params, NULL);
  spec = &self->algorithm->params[index];
  if (spec->type == EASEL_PARAM_CHOICE)
    return g_strdup (spec->choices[(guint) self->values[index]]);
  if (spec->type == EASEL_PARAM_INT_LIST)
    {
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < (guint) self->values[index]; i++)
        g_string_append_printf (s, "%s%u", i ? "," : "",
                                self->lists[index * EASEL_PARAM_LIST_MAX + i]);
      return g_string_free (s, FALSE);
    }
  if ((spec->flags & EASEL_PARAM_ZERO_IS_NONE) && self->values[index] == 0.0)
    return g_strdup ("none");
  format_number (self->values[index], buf);
  return g_strdup (buf);
}

/* Shared helpers for the algorithms */

gboolean
easel_fit_check_cancelled (const EaselFitContext *context,
                           GError               **error)
{
  return g_cancellable_set_error_if_cancelled (context->cancellable, error);
}

double
easel_softmax (double *s,
               guint   k)
{
  double max = -INFINITY, sum = 0.0;

  for (guint c = 0; c < k; c++)
    max = MAX (max, s[c]);
  for (guint c = 0; c < k; c++)
    {
      s[c] = exp (s[c] - max);
      sum += s[c];
    }
  for (guint c = 0; c < k; c++)
    s[c] /= sum;
  return max + log (sum);
}

void
easel_parallel_sum (gsize          n,
                    gsize          m,
                    EaselChunkFunc func,
                    gpointer       data,
                    double        *out)
{
  /* At most 64 chunks of at least 4096 rows, and at most 256 MB of partial sums. */
  gsize n_chunks = CLAMP (n / 4096, 1, 64);
  gsize by_memory = MAX ((gsize) 1, ((gsize) 256 << 20) / (MAX (m, 1) * sizeof (double)));
  g_autofree double *partial = NULL;

  n_chunks = MIN (n_chunks, by_memory);
  memset (out, 0, m * sizeof (double));
  if (n_chunks == 1)
    {
      func (0, n, out, data);
      return;
    }
  partial = g_new0 (double, n_chunks * m);
#pragma omp parallel for schedule(dynamic, 1)
  for (gsize c = 0; c < n_chunks; c++)
    func (n * c / n_chunks, n * (c + 1) / n_chunks, partial + c * m, data);
  for (gsize c = 0; c < n_chunks; c++)
    for (gsize j = 0; j < m; j++)
      out[j] += partial[c * m + j];
}

void
easel_learning_set_threads (guint n_threads)
{
  omp_set_num_threads (n_threads > 0 ? (int) n_threads : omp_get_num_procs ());
}

/* Training */

static EaselModel *
model_alloc (void)
{
  EaselModel *self = g_new0 (EaselModel, 1);

  self->created = g_get_real_time () / G_USEC_PER_SEC;
  return self;
}

void
easel_model_free (EaselModel *self)
{
  if (self == NULL)
    return;
  if (self->state != NULL)
    self->algorithm->ops->free (self->state);
  easel_params_free (self->params);
  easel_design_free (self->design);
  g_free (self->recipe_json);
  g_free (self->evaluation_json);
  g_free (self);
}

EaselModel *
easel_model_train (const EaselAlgorithm     *algorithm,
                   EaselTable               *table,
                   const char               *target,
                   const EaselDesignOptions *design_options,
                   const guint32            *rows,
                   gsize                     n_rows,
                   const EaselTrainOptions  *options,
                   EaselProgress            *progress,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_autoptr(EaselModel) self = model_alloc ();
  EaselTrainOptions defaults = { 0 };
  gsize n_table = easel_table_get_n_rows (table), n = 0;
  g_autofree gint32 *all_labels = NULL;
  g_autofree double *all_values = NULL;
  g_autofree guint32 *kept = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree double *values = NULL;
  g_autofree float *x = NULL;
  EaselProblem problem;
  EaselFitData data = { 0 };
  EaselFitContext context = { 0 };
  gint64 start;

  if (options == NULL)
    options = &defaults;
  if (rows == NULL)
    n_rows = n_table;
  self->algorithm = algorithm;
  self->params = options->params != NULL ? easel_params_copy (options->params)
                                         : easel_params_new (algorithm);
  g_return_val_if_fail (self->params->algorithm == algorithm, NULL);
  self->seed = options->seed;
  self->recipe_json = g_strdup (options->recipe_json);

  easel_progress_report (progress, 0.0, _("Encoding the table"));
  self->design = easel_design_new (table, target, design_options, error);
  if (self->design == NULL)
    return NULL;
  problem = easel_design_get_problem (self->design);
  if (!easel_algorithm_supports (algorithm, problem))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "%s cannot do %s: it predicts %s. Choose another algorithm.", algorithm->title,
                   problem == EASEL_PROBLEM_REGRESSION ? "regression" : "classification",
                   algorithm->regression ? "numbers only" : "classes only");
      return NULL;
    }

  /* Drop the rows whose target is missing. */
  kept = g_new (guint32, MAX (n_rows, 1));
  if (problem == EASEL_PROBLEM_REGRESSION)
    {
      all_values = g_new (double, MAX (n_table, 1));
      if (!easel_design_get_values (self->design, table, all_values, NULL, error))
        return NULL;
      values = g_new (double, MAX (n_rows, 1));
    }
  else
    {
      all_labels = g_new (gint32, MAX (n_table, 1));
      if (!easel_design_get_labels (self->design, table, all_labels, NULL, error))
        return NULL;
      labels = g_new (gint32, MAX (n_rows, 1));
    }
  for (gsize i = 0; i < n_rows; i++)
    {
      guint32 r = rows != NULL ? rows[i] : (guint32) i;
      g_return_val_if_fail (r < n_table, NULL);
      if (all_values != NULL ? isnan (all_values[r]) : all_labels[r] < 0)
        continue;
      if (values != NULL)
        values[n] = all_values[r];
      else
        labels[n] = all_labels[r];
      kept[n++] = r;
    }
  self->train_rows = n;
  self->dropped_rows = n_rows - n;
  if (n == 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                   "No training row has a value for the target “%s”.", target);
      return NULL;
    }

  if (!easel_design_fit (self->design, table, kept, n, algorithm->encoding, error))
    return NULL;
  x = easel_design_encode (self->design, table, kept, n, 0, NULL, error);
  if (x == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  data.x = x;
  data.n = n;
  data.p = easel_design_get_n_features (self->design);
  data.y = values;
  data.labels = labels;
  data.n_classes = easel_design_get_n_classes (self->design);
  data.problem = problem;
  data.features = easel_design_get_feature (self->design, 0);
  context.progress = progress;
  context.cancellable = cancellable;
  context.seed = options->seed;
  context.monitor = options->monitor;
  context.monitor_data = options->monitor_data;
  context.params = self->params;

  easel_progress_push_range (progress, 0.05, 1.0);
  start = g_get_monotonic_time ();
  self->state = algorithm->ops->fit (&data, self->params->values, &context, error);
  self->train_seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  easel_progress_pop_range (progress);
  if (self->state == NULL)
    return NULL;
  easel_progress_report (progress, 1.0, _("Done"));
  return g_steal_pointer (&self);
}

const EaselAlgorithm *
easel_model_get_algorithm (const EaselModel *self)
{
  return self->algorithm;
}

const EaselParams *
easel_model_get_params (const EaselModel *self)
{
  return self->params;
}

const EaselDesign *
easel_model_get_design (const EaselModel *self)
{
  return self->design;
}

gsize
easel_model_get_train_rows (const EaselModel *self)
{
  return self->train_rows;
}

gsize
easel_model_get_dropped_rows (const EaselModel *self)
{
  return self->dropped_rows;
}

double
easel_model_get_train_seconds (const EaselModel *self)
{
  return self->train_seconds;
}

guint64
easel_model_get_seed (const EaselModel *self)
{
  return self->seed;
}

gint64
easel_model_get_created (const EaselModel *self)
{
  return self->created;
}

const char *
easel_model_get_recipe_json (const EaselModel *self)
{
  return self->recipe_json;
}

const char *
easel_model_get_evaluation_json (const EaselModel *self)
{
  return self->evaluation_json;
}

void
easel_model_set_evaluation_json (EaselModel *self,
                                 const char *json)
{
  g_free (self->evaluation_json);
  self->evaluation_json = g_strdup (json);
}

gboolean
easel_model_get_importance (const EaselModel *self,
                            double           *out)
{
  guint p = easel_design_get_n_features (self->design);
  double sum = 0.0;

  if (self->algorithm->ops->importance == NULL)
    return FALSE;
  self->algorithm->ops->importance (self->state, out);
  for (guint j = 0; j < p; j++)
    sum += out[j];
  if (sum > 0)
    for (guint j = 0; j < p; j++)
      out[j] /= sum;
  return TRUE;
}

guint
easel_model_get_iterations (const EaselModel *self)
{
  if (self->algorithm->ops->n_iterations == NULL)
    return 0;
  return self->algorithm->ops->n_iterations (self->state);
}

/* Prediction */

gboolean
easel_model_predict_matrix (const EaselModel *self,
                            const float      *x,
                            gsize             n,
                            double           *out,
                            GCancellable     *cancellable,
                            GError          **error)
{
  return self->algorithm->ops->predict (self->state, x, n, out, cancellable, error);
}

void
easel_prediction_free (EaselPrediction *prediction)
{
  if (prediction == NULL)
    return;
  g_free (prediction->values);
  g_free (prediction->proba);
  g_free (prediction->classes);
  g_clear_pointer (&prediction->warnings, g_ptr_array_unref);
  g_free (prediction);
}

EaselPrediction *
easel_model_predict_prepared (const EaselModel *self,
                              EaselTable       *table,
                              const guint32    *rows,
                              gsize             n_rows,
                              gsize             line_of_first_row,
                              EaselProgress    *progress,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(EaselPrediction) prediction = g_new0 (EaselPrediction, 1);
  g_autofree float *x = NULL;
  EaselProblem problem = easel_design_get_problem (self->design);
  guint k = easel_design_get_n_classes (self->design);
  double *out;
  gint64 start;

  if (rows == NULL)
    n_rows = easel_table_get_n_rows (table);
  prediction->n = n_rows;
  prediction->problem = problem;
  prediction->n_classes = k;
  prediction->warnings = g_ptr_array_new_with_free_func (g_free);
  easel_progress_report (progress, 0.0, _("Encoding the rows"));
  x = easel_design_encode (self->design, table, rows, n_rows, line_of_first_row,
                           prediction->warnings, error);
  if (x == NULL)
    return NULL;
  if (problem == EASEL_PROBLEM_REGRESSION)
    out = prediction->values = g_new (double, MAX (n_rows, 1));
  else
    out = prediction->proba = g_new (double, MAX (n_rows, 1) * k);
  easel_progress_report (progress, 0.1, _("Predicting"));
  start = g_get_monotonic_time ();
  if (!easel_model_predict_matrix (self, x, n_rows, out, cancellable, error))
    return NULL;
  prediction->seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  if (problem != EASEL_PROBLEM_REGRESSION)
    {
      prediction->classes = g_new (gint32, MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        {
          const double *row = out + i * k;
          guint best = 0;
          for (guint c = 1; c < k; c++)
            if (row[c] > row[best])
              best = c;
          prediction->classes[i] = (gint32) best;
        }
    }
  easel_progress_report (progress, 1.0, _("Done"));
  return g_steal_pointer (&prediction);
}

EaselPrediction *
easel_model_predict (const EaselModel *self,
                     EaselTable       *table,
                     const guint32    *rows,
                     gsize             n_rows,
                     gsize             line_of_first_row,
                     EaselProgress    *progress,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr(EaselTable) prepared = NULL;

  /* The model was trained on prepared rows: replay its recipe first, keeping every row. */
  if (self->recipe_json != NULL)
    {
      g_autoptr(EaselRecipe) fitted = NULL, replay = NULL;

      easel_progress_report (progress, 0.0, _("Preparing the rows with the model's recipe"));
      fitted = easel_recipe_new_from_json (self->recipe_json, -1, error);
      replay = fitted != NULL ? easel_recipe_for_prediction (fitted, error) : NULL;
      if (replay == NULL)
        {
          g_prefix_error (error, "The model's recipe cannot be read: ");
          return NULL;
        }
      prepared = easel_recipe_apply (replay, table, NULL, NULL, cancellable, error);
      if (prepared == NULL)
        {
          g_prefix_error (error, "Preparing the rows with the model's recipe: ");
          return NULL;
        }
      g_assert (easel_table_get_n_rows (prepared) == easel_table_get_n_rows (table));
      table = prepared;
    }
  return easel_model_predict_prepared (self, table, rows, n_rows, line_of_first_row, progress,
                                       cancellable, error);
}

/* Serialisation */

GBytes *
easel_model_to_bytes (const EaselModel *self)
{
  EaselBlobWriter w = { g_byte_array_new () };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[DIGEST_SIZE];
  gsize digest_len = sizeof digest, mark;
  guint64 payload_len;
  GByteArray *out;
  guint8 header[HEADER_SIZE] = { 0 };
  guint n_entries;

  easel_blob_put_string (&w, "Easel " PACKAGE_VERSION);
  easel_blob_put_string (&w, self->algorithm->name);
  /* One named number each; an INT_LIST adds its numbers as "NAME[i]", which a version
   * without that parameter skips like any unknown name. */
  n_entries = self->algorithm->n_params;
  for (guint i = 0; i < self->algorithm->n_params; i++)
    if (self->algorithm->params[i].type == EASEL_PARAM_INT_LIST)
      n_entries += (guint) self->params->values[i];
  easel_blob_put_u32 (&w, n_entries);
  for (guint i = 0; i < self->algorithm->n_params; i++)
    {
      easel_blob_put_string (&w, self->algorithm->params[i].name);
      easel_blob_put_f64 (&w, self->params->values[i]);
      if (self->algorithm->params[i].type != EASEL_PARAM_INT_LIST)
        continue;
      for (guint e = 0; e < (guint) self->params->values[i]; e++)
        {
          g_autofree char *entry = g_strdup_printf ("%s[%u]", self->algorithm->params[i].name, e);
          easel_blob_put_string (&w, entry);
          easel_blob_put_f64 (&w, self->params->lists[i * EASEL_PARAM_LIST_MAX + e]);
        }
    }
  mark = easel_blob_begin_section (&w);
  easel_design_save (self->design, &w);
  easel_blob_end_section (&w, mark);
  easel_blob_put_u64 (&w, self->train_rows);
  easel_blob_put_u64 (&w, self->dropped_rows);
  easel_blob_put_f64 (&w, self->train_seconds);
  easel_blob_put_u64 (&w, self->seed);
  easel_blob_put_u64 (&w, (guint64) self->created);
  easel_blob_put_string (&w, self->recipe_json);
  easel_blob_put_string (&w, self->evaluation_json);
  mark = easel_blob_begin_section (&w);
  self->algorithm->ops->save (self->state, &w);
  easel_blob_end_section (&w, mark);

  payload_len = w.bytes->len;
  g_checksum_update (sum, w.bytes->data, w.bytes->len);
  g_checksum_get_digest (sum, digest, &digest_len);

  memcpy (header, model_magic, 8);
  for (guint i = 0; i < 4; i++)
    header[8 + i] = (guint8) (MODEL_FORMAT >> (8 * i));
  for (guint i = 0; i < 8; i++)
    header[16 + i] = (guint8) (payload_len >> (8 * i));
  memcpy (header + 24, digest, DIGEST_SIZE);

  out = g_byte_array_sized_new (HEADER_SIZE + w.bytes->len);
  g_byte_array_append (out, header, HEADER_SIZE);
  g_byte_array_append (out, w.bytes->data, w.bytes->len);
  g_byte_array_unref (w.bytes);
  return g_byte_array_free_to_bytes (out);
}

static gboolean
stored_value_valid (const EaselParamSpec *spec,
                    double                v)
{
  if (spec->type == EASEL_PARAM_CHOICE)
    return v >= 0 && v < g_strv_length ((char **) spec->choices) && v == floor (v);
  if (spec->type == EASEL_PARAM_INT_LIST)
    return v >= 1 && v <= EASEL_PARAM_LIST_MAX && v == floor (v);
  return in_range (spec, v);
}

/* One stored parameter: "NAME" and its value (an INT_LIST's count), or "NAME[i]" and
 * number i of an INT_LIST. 'seen' marks per parameter the numbers read (bit i) and the
 * count (LIST_COUNT_SEEN). Names this version does not have are skipped. */
#define LIST_COUNT_SEEN (1u << 31)

static void
load_param (EaselParams     *self,
            const char      *name,
            double           v,
            guint32         *seen,
            EaselBlobReader *r)
{
  const char *bracket = strchr (name, '[');
  g_autofree char *base = bracket != NULL ? g_strndup (name, bracket - name) : NULL;
  const EaselParamSpec *spec = easel_algorithm_find_param (self->algorithm,
                                                           base != NULL ? base : name);
  guint index;

  if (spec == NULL)
    return;   /* a parameter this version has dropped */
  index = spec - self->algorithm->params;
  if (bracket != NULL)
    {
      char *end;
      guint64 at = g_ascii_strtoull (bracket + 1, &end, 10);

      if (spec->type != EASEL_PARAM_INT_LIST || end == bracket + 1 || strcmp (end, "]") != 0 ||
          at >= EASEL_PARAM_LIST_MAX || !in_range (spec, v) || v != floor (v))
        easel_blob_fail (r, "parameter “%s” is out of range", name);
      else
        {
          self->lists[index * EASEL_PARAM_LIST_MAX + at] = (guint) v;
          seen[index] |= 1u << at;
        }
      return;
    }
  if (!stored_value_valid (spec, v))
    easel_blob_fail (r, "parameter “%s” is out of range", name);
  else
    {
      self->values[index] = v;
      seen[index] |= LIST_COUNT_SEEN;
    }
}

EaselModel *
easel_model_from_bytes (GBytes  *bytes,
                        GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint32 format = 0;
  guint64 payload_len = 0;
  g_autoptr(GChecksum) sum = NULL;
  guint8 digest[DIGEST_SIZE];
  gsize digest_len = sizeof digest;
  EaselBlobReader r, section;
  g_autoptr(EaselModel) self = NULL;
  g_autofree char *writer = NULL;
  g_autofree char *name = NULL;
  guint32 n_params;
  guint64 created, train_rows, dropped_rows;
  const EaselDesign *design;
  g_autofree guint32 *seen = NULL;

  if (len < 8 || memcmp (data, model_magic, 8) != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "This is not an Easel model file (it does not start with the model "
                   "signature).");
      return NULL;
    }
  if (len < HEADER_SIZE)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "The model file is truncated: it has %" G_GSIZE_FORMAT " bytes, fewer than "
                   "its %d-byte header.", len, HEADER_SIZE);
      return NULL;
    }
  for (guint i = 0; i < 4; i++)
    format |= (guint32) data[8 + i] << (8 * i);
  for (guint i = 0; i < 8; i++)
    payload_len |= (guint64) data[16 + i] << (8 * i);
  if (format > MODEL_FORMAT)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_VERSION,
                   "The model file has format %u, made by a newer Easel; this Easel reads "
                   "format %d. Update Easel to open it.", format, MODEL_FORMAT);
      return NULL;
    }
  if (format == 0 || data[12] != 0 || data[13] != 0 || data[14] != 0 || data[15] != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "The model file is damaged: its header is invalid.");
      return NULL;
    }
  if (payload_len != len - HEADER_SIZE)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "The model file is %s: it should have %" G_GUINT64_FORMAT " bytes of data "
                   "after its header but has %" G_GSIZE_FORMAT ".",
                   payload_len > len - HEADER_SIZE ? "truncated" : "damaged", payload_len,
                   len - HEADER_SIZE);
      return NULL;
    }
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, data + HEADER_SIZE, (gssize) payload_len);
  g_checksum_get_digest (sum, digest, &digest_len);
  if (memcmp (digest, data + 24, DIGEST_SIZE) != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "The model file is damaged: its checksum does not match its contents.");
      return NULL;
    }

  self = model_alloc ();
  easel_blob_reader_init (&r, data + HEADER_SIZE, (gsize) payload_len);
  easel_blob_get_string (&r, &writer);
  easel_blob_get_string (&r, &name);
  if (r.failed || name == NULL)
    {
      easel_blob_fail (&r, "the algorithm's name is missing");
      easel_blob_reader_finish (&r, "The model file", error);
      return NULL;
    }
  for (guint i = 0; algorithms[i] != NULL; i++)
    if (strcmp (algorithms[i]->name, name) == 0)
      self->algorithm = algorithms[i];
  if (self->algorithm == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_VERSION,
                   "The model uses the algorithm “%s”, which this Easel does not have (it was "
                   "made by %s).", name, writer ? writer : "another program");
      return NULL;
    }
  self->params = easel_params_new (self->algorithm);
  seen = g_new0 (guint32, MAX (self->algorithm->n_params, 1));
  if (easel_blob_get_u32_range (&r, 0, 1000, "the number of parameters", &n_params))
    for (guint i = 0; i < n_params && !r.failed; i++)
      {
        g_autofree char *pname = NULL;
        double v;

        easel_blob_get_string (&r, &pname);
        easel_blob_get_f64 (&r, &v);
        if (r.failed || pname == NULL)
          break;
        load_param (self->params, pname, v, seen, &r);
      }
  for (guint i = 0; i < self->algorithm->n_params && !r.failed; i++)
    if (self->algorithm->params[i].type == EASEL_PARAM_INT_LIST &&
        (seen[i] & LIST_COUNT_SEEN
           ? (seen[i] & ~LIST_COUNT_SEEN) != (1u << (guint) self->params->values[i]) - 1
           : seen[i] != 0))
      easel_blob_fail (&r, "parameter “%s” is incomplete", self->algorithm->params[i].name);

  if (easel_blob_get_section (&r, &section))
    {
      self->design = easel_design_load (&section);
      if (self->design == NULL && !section.failed)
        easel_blob_fail (&section, "its encoders cannot be read");
      easel_blob_join_section (&r, &section);
    }
  easel_blob_get_u64 (&r, &train_rows);
  easel_blob_get_u64 (&r, &dropped_rows);
  self->train_rows = (gsize) train_rows;
  self->dropped_rows = (gsize) dropped_rows;
  easel_blob_get_f64 (&r, &self->train_seconds);
  easel_blob_get_u64 (&r, &self->seed);
  easel_blob_get_u64 (&r, &created);
  self->created = (gint64) created;
  easel_blob_get_string (&r, &self->recipe_json);
  easel_blob_get_string (&r, &self->evaluation_json);
  design = self->design;
  if (!r.failed && design != NULL && easel_blob_get_section (&r, &section))
    {
      self->state = self->algorithm->ops->load (&section, easel_design_get_n_features (design),
                                                easel_design_get_n_classes (design),
                                                easel_design_get_problem (design));
      if (self->state == NULL && !section.failed)
        easel_blob_fail (&section, "the %s model cannot be read", self->algorithm->name);
      if (self->state != NULL && section.pos != section.len)
        easel_blob_fail (&section, "the %s model has unexpected bytes at its end",
                         self->algorithm->name);
      easel_blob_join_section (&r, &section);
    }
  if (!r.failed && r.pos != r.len)
    easel_blob_fail (&r, "it has unexpected bytes at its end");
  if (!r.failed && (self->design == NULL || self->state == NULL))
    easel_blob_fail (&r, "it is incomplete");
  if (!r.failed && !easel_algorithm_supports (self->algorithm, easel_design_get_problem (design)))
    easel_blob_fail (&r, "its algorithm does not fit its problem type");
  if (!easel_blob_reader_finish (&r, "The model file", error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
easel_model_save (const EaselModel *self,
                  const char       *path,
                  GError          **error)
{
  g_autoptr(GBytes) bytes = easel_model_to_bytes (self);
  g_autoptr(GError) local = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!g_file_set_contents (path, data, (gssize) len, &local))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write the model to %s: %s", path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

EaselModel *
easel_model_load (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize len;
  EaselModel *model;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot read the model %s: %s", path,
                   local->message);
      return NULL;
    }
  bytes = g_bytes_new_take (data, len);
  model = easel_model_from_bytes (bytes, &local);
  if (model == NULL)
    {
      g_set_error (error, EASEL_ERROR, local->code, "%s: %s", path, local->message);
      return NULL;
    }
  return model;
}
