/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "easel-card.h"
#include "easel-error.h"
#include "easel-evaluate.h"
#include "easel-json.h"

/* The target of every row of a table, and the rows that have one. */
typedef struct
{
  gint32  *labels;   /* per table row, −1 missing (classification) */
  double  *values;   /* per table row, NaN missing (regression) */
  guint32 *rows;     /* rows with a target */
  gsize    n_rows;
} Target;

static void
target_clear (Target *t)
{
  g_clear_pointer (&t->labels, g_free);
  g_clear_pointer (&t->values, g_free);
  g_clear_pointer (&t->rows, g_free);
  t->n_rows = 0;
}

static gboolean
read_target (const EaselDesign *design,
             EaselTable        *table,
             Target            *t,
             GError           **error)
{
  gsize n = easel_table_get_n_rows (table);

  memset (t, 0, sizeof *t);
  t->rows = g_new (guint32, MAX (n, 1));
  if (easel_design_get_problem (design) == EASEL_PROBLEM_REGRESSION)
    {
      t->values = g_new (double, MAX (n, 1));
      if (!easel_design_get_values (design, table, t->values, NULL, error))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        if (!isnan (t->values[i]))
          t->rows[t->n_rows++] = (guint32) i;
    }
  else
    {
      t->labels = g_new (gint32, MAX (n, 1));
      if (!easel_design_get_labels (design, table, t->labels, NULL, error))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        if (t->labels[i] >= 0)
          t->rows[t->n_rows++] = (guint32) i;
    }
  return TRUE;
}

/* The labels of the rows with a target, in their order (NULL for regression). */
static gint32 *
target_row_labels (const Target *t)
{
  gint32 *labels;

  if (t->labels == NULL)
    return NULL;
  labels = g_new (gint32, MAX (t->n_rows, 1));
  for (gsize i = 0; i < t->n_rows; i++)
    labels[i] = t->labels[t->rows[i]];
  return labels;
}

/* Appends held-out rows to the report's pooled arrays. */
static void
keep_held_out (EaselTrainReport      *report,
               const gint32          *labels,
               const double          *values,
               const EaselPrediction *pred,
               gsize                  n)
{
  gsize total = report->n_held + n;

  if (labels != NULL)
    {
      guint k = pred->n_classes;

      report->n_classes = k;
      report->labels = g_renew (gint32, report->labels, MAX (total, 1));
      memcpy (report->labels + report->n_held, labels, n * sizeof (gint32));
      report->proba = g_renew (double, report->proba, MAX (total * k, 1));
      memcpy (report->proba + report->n_held * k, pred->proba, n * k * sizeof (double));
    }
  else
    {
      report->truth = g_renew (double, report->truth, MAX (total, 1));
      memcpy (report->truth + report->n_held, values, n * sizeof (double));
      report->predicted = g_renew (double, report->predicted, MAX (total, 1));
      memcpy (report->predicted + report->n_held, pred->values, n * sizeof (double));
    }
  report->n_held = total;
}

/* Predict 'rows' of 'table' with the model and evaluate against the target; the
 * predictions are kept in 'report' for plots. */
static EaselEvaluation *
evaluate_rows (const EaselModel *model,
               EaselTable       *table,
               const Target     *target,
               const guint32    *rows,
               gsize             n_rows,
               EaselTrainReport *report,
               GCancellable     *cancellable,
               GError          **error)
{
  const EaselDesign *design = easel_model_get_design (model);
  g_autoptr(EaselPrediction) pred = NULL;
  EaselEvaluation *ev;

  pred = easel_model_predict_prepared (model, table, rows, n_rows, 0, NULL, cancellable, error);
  if (pred == NULL)
    return NULL;
  report->predict_seconds += pred->seconds;
  for (guint i = 0; i < pred->warnings->len; i++)
    g_ptr_array_add (report->warnings, g_strdup (pred->warnings->pdata[i]));
  if (target->labels != NULL)
    {
      g_autofree gint32 *truth = g_new (gint32, MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        truth[i] = target->labels[rows[i]];
      ev = easel_evaluate_classifier (truth, pred->proba, n_rows,
                                      easel_design_get_n_classes (design),
                                      easel_design_get_positive (design));
      keep_held_out (report, truth, NULL, pred, n_rows);
    }
  else
    {
      g_autofree double *truth = g_new (double, MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        truth[i] = target->values[rows[i]];
      ev = easel_evaluate_regressor (truth, pred->values, n_rows);
      keep_held_out (report, NULL, truth, pred, n_rows);
    }
  return ev;
}

static EaselModel *
fit (const EaselAlgorithm     *algorithm,
     EaselTable               *table,
     const char               *target,
     const EaselDesignOptions *design_options,
     const guint32            *rows,
     gsize                     n_rows,
     const EaselTrainOptions  *train_options,
     EaselProgress            *progress,
     double                    lo,
     double                    hi,
     GCancellable             *cancellable,
     GError                  **error)
{
  EaselModel *model;

  easel_progress_push_range (progress, lo, hi);
  model = easel_model_train (algorithm, table, target, design_options, rows, n_rows,
                             train_options, progress, cancellable, error);
  easel_progress_pop_range (progress);
  return model;
}

static gboolean
evaluate_folds (EaselTrainReport           *report,
                const EaselAlgorithm       *algorithm,
                EaselTable                 *table,
                const char                 *target_name,
                const EaselDesignOptions   *design_options,
                const EaselTrainOptions    *train_options,
                const EaselDesign          *design,
                const Target               *target,
                const EaselEvaluateOptions *evaluate,
                EaselProgress              *progress,
                GCancellable               *cancellable,
                GError                    **error)
{
  guint k = evaluate->folds;
  g_autofree guint *fold = g_new (guint, MAX (target->n_rows, 1));
  g_autofree gint32 *labels = target_row_labels (target);
  g_autofree guint32 *train_rows = g_new (guint32, MAX (target->n_rows, 1));
  g_autofree guint32 *test_rows = g_new (guint32, MAX (target->n_rows, 1));

  if ((gsize) k > target->n_rows)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   _("%u-fold cross-validation needs at least %u rows with a target; %s has "
                     "%lu."), k, k,
                   evaluate->table_name != NULL ? evaluate->table_name : _("the table"),
                   (gulong) target->n_rows);
      return FALSE;
    }
  easel_kfold_assign (target->n_rows, labels, easel_design_get_n_classes (design), k,
                      train_options != NULL ? train_options->seed : 0, fold);
  for (guint f = 0; f < k; f++)
    {
      g_autoptr(EaselModel) fold_model = NULL;
      gsize nt = 0, nv = 0;
      EaselEvaluation *ev;

      for (gsize i = 0; i < target->n_rows; i++)
        if (fold[i] == f)
          test_rows[nv++] = target->rows[i];
        else
          train_rows[nt++] = target->rows[i];
      fold_model = fit (algorithm, table, target_name, design_options, train_rows, nt,
                        train_options, progress, (double) f / (k + 1), (double) (f + 1) / (k + 1),
                        cancellable, error);
      if (fold_model == NULL)
        {
          g_prefix_error (error, "Fold %u: ", f + 1);
          return FALSE;
        }
      report->train_seconds += easel_model_get_train_seconds (fold_model) / k;
      ev = evaluate_rows (fold_model, table, target, test_rows, nv, report, cancellable,
                          error);
      if (ev == NULL)
        {
          g_prefix_error (error, "Fold %u: ", f + 1);
          return FALSE;
        }
      g_ptr_array_add (report->folds, ev);
    }
  report->predict_seconds /= k;
  report->n_train = target->n_rows - target->n_rows / k;
  report->n_test = target->n_rows / k;
  /* The model to keep is fitted on every row. */
  report->model = fit (algorithm, table, target_name, design_options, target->rows,
                       target->n_rows, train_options, progress, (double) k / (k + 1), 1.0,
                       cancellable, error);
  return report->model != NULL;
}

/* The summary as JSON (what `easel-cli train --json` prints) */

static void
add_element (JsonBuilder *b,
             double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_array (JsonBuilder  *b,
           const char   *key,
           const double *v,
           gsize         n)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    add_element (b, v[i]);
  json_builder_end_array (b);
}

static void
add_curve (JsonBuilder      *b,
           const char       *key,
           const EaselCurve *c,
           const char       *x_name,
           const char       *y_name)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  add_array (b, x_name, c->x, c->n);
  add_array (b, y_name, c->y, c->n);
  add_array (b, "thresholds", c->threshold, c->n);
  json_builder_end_object (b);
}

/* The metrics of one evaluation, or the means over folds (with their deviations). */
static void
add_metrics (JsonBuilder            *b,
             EaselEvaluation *const *folds,
             guint                   n_folds,
             gboolean                curves)
{
  const EaselEvaluation *ev = folds[0];

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (guint i = 0; i < ev->n_metrics; i++)
    {
      double mean, std;
      easel_evaluation_mean_std (folds, n_folds, ev->names[i], &mean, &std);
      easel_json_add_number (b, ev->names[i], mean);
    }
  if (ev->confusion != NULL && n_folds == 1)
    {
      json_builder_set_member_name (b, "confusion_matrix");
      json_builder_begin_array (b);
      for (guint r = 0; r < ev->n_classes; r++)
        {
          json_builder_begin_array (b);
          for (guint c = 0; c < ev->n_classes; c++)
            json_builder_add_int_value (b, (gint64) ev->confusion[r * ev->n_classes + c]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }
  if (curves && n_folds == 1)
    {
      if (ev->problem == EASEL_PROBLEM_BINARY)
        {
          add_curve (b, "roc_curve", &ev->roc, "fpr", "tpr");
          add_curve (b, "pr_curve", &ev->pr, "recall", "precision");
        }
      if (ev->residuals != NULL)
        add_array (b, "residuals", ev->residuals, ev->n);
    }
  json_builder_end_object (b);

  if (n_folds > 1)
    {
      json_builder_set_member_name (b, "metrics_std");
      json_builder_begin_object (b);
      for (guint i = 0; i < ev->n_metrics; i++)
        {
          double mean, std;
          easel_evaluation_mean_std (folds, n_folds, ev->names[i], &mean, &std);
          easel_json_add_number (b, ev->names[i], std);
        }
      json_builder_end_object (b);
    }
}

char *
easel_train_report_to_json (const EaselTrainReport *report,
                            gboolean                curves,
                            gboolean                pretty)
{
  const EaselModel *model = report->model;
  const char *mode = report->mode;
  gsize n_train = report->n_train, n_test = report->n_test;
  EaselEvaluation *const *folds = (EaselEvaluation *const *) report->folds->pdata;
  guint n_folds = report->folds->len;
  double train_seconds = report->train_seconds, predict_seconds = report->predict_seconds;
  const GPtrArray *warnings = report->warnings;
  const EaselDesign *design = easel_model_get_design (model);
  const EaselParams *params = easel_model_get_params (model);
  const EaselAlgorithm *alg = easel_model_get_algorithm (model);
  const GPtrArray *notes = easel_design_get_notes (design);
  EaselProblem problem = easel_design_get_problem (design);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  easel_json_add_string (b, "algorithm", alg->name);
  easel_json_add_string (b, "problem", easel_problem_to_string (problem));
  easel_json_add_string (b, "target", easel_design_get_target (design));
  json_builder_set_member_name (b, "classes");
  if (problem == EASEL_PROBLEM_REGRESSION)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < easel_design_get_n_classes (design); c++)
        json_builder_add_string_value (b, easel_design_get_class (design, c));
      json_builder_end_array (b);
    }
  easel_json_add_string (b, "positive_class",
                         problem == EASEL_PROBLEM_BINARY
                           ? easel_design_get_class (design,
                                                     (guint) easel_design_get_positive (design))
                           : NULL);
  easel_json_add_string (b, "evaluation", mode);
  easel_json_add_int (b, "train_rows", (gint64) n_train);
  easel_json_add_int (b, "test_rows", (gint64) n_test);
  easel_json_add_int (b, "dropped_rows", (gint64) easel_design_get_n_missing_target (design));
  easel_json_add_int (b, "features", easel_design_get_n_features (design));
  easel_json_add_number (b, "train_seconds", train_seconds);
  easel_json_add_number (b, "predict_seconds", predict_seconds);
  easel_json_add_int (b, "seed", (gint64) easel_model_get_seed (model));
  if (easel_model_get_iterations (model) > 0)
    easel_json_add_int (b, "iterations", easel_model_get_iterations (model));
  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  for (guint i = 0; i < alg->n_params; i++)
    {
      const EaselParamSpec *spec = &alg->params[i];
      double v = easel_params_get (params, spec->name);
      json_builder_set_member_name (b, spec->name);
      if (spec->type == EASEL_PARAM_CHOICE)
        json_builder_add_string_value (b, spec->choices[(guint) v]);
      else if (spec->type == EASEL_PARAM_INT)
        json_builder_add_int_value (b, (gint64) v);
      else if (spec->type == EASEL_PARAM_INT_LIST)
        {
          guint n_values;
          const guint *values = easel_params_get_int_list (params, spec->name, &n_values);
          json_builder_begin_array (b);
          for (guint e = 0; e < n_values; e++)
            json_builder_add_int_value (b, values[e]);
          json_builder_end_array (b);
        }
      else
        json_builder_add_double_value (b, v);
    }
  json_builder_end_object (b);
  if (n_folds > 0)
    add_metrics (b, folds, n_folds, curves);
  else
    {
      json_builder_set_member_name (b, "metrics");
      json_builder_add_null_value (b);
    }
  if (n_folds > 1)
    easel_json_add_int (b, "cv_folds", n_folds);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < notes->len; i++)
    json_builder_add_string_value (b, notes->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (b, warnings->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

EaselTrainReport *
easel_train_and_evaluate (const EaselAlgorithm       *algorithm,
                          EaselTable                 *table,
                          const char                 *target_name,
                          const EaselDesignOptions   *design_options,
                          const EaselTrainOptions    *train_options,
                          const EaselEvaluateOptions *evaluate,
                          EaselProgress              *progress,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  g_autoptr(EaselTrainReport) report = g_new0 (EaselTrainReport, 1);
  g_autoptr(EaselDesign) design = NULL;
  const char *table_name;
  guint64 seed = train_options != NULL ? train_options->seed : 0;
  Target target = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (algorithm != NULL, NULL);
  g_return_val_if_fail (evaluate != NULL, NULL);
  g_return_val_if_fail (evaluate->holdout != EASEL_HOLDOUT_TABLE || evaluate->test_table != NULL,
                        NULL);

  report->folds = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_evaluation_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  table_name = evaluate->table_name != NULL ? evaluate->table_name : _("The table");

  design = easel_design_new (table, target_name, design_options, error);
  if (design == NULL)
    return NULL;
  if (!easel_algorithm_supports (algorithm, easel_design_get_problem (design)))
    {
      EaselProblem problem = easel_design_get_problem (design);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   problem == EASEL_PROBLEM_REGRESSION
                   ? _("%s (%s) cannot predict numbers: “%s” is a %s target. Choose another "
                       "algorithm.")
                   : _("%s (%s) cannot predict classes: “%s” is a %s target. Choose another "
                       "algorithm."),
                   _(algorithm->title), algorithm->name, target_name,
                   easel_problem_to_string (problem));
      return NULL;
    }
  if (!read_target (design, table, &target, error))
    goto out;
  if (target.n_rows < 2)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %lu row with a value for “%s”; training needs at least 2.",
                                "%s has %lu rows with a value for “%s”; training needs at least "
                                "2.", target.n_rows),
                   table_name, (gulong) target.n_rows, target_name);
      goto out;
    }

  switch (evaluate->holdout)
    {
    case EASEL_HOLDOUT_TABLE:
      {
        Target test = { 0 };
        EaselEvaluation *ev;

        report->mode = "test-file";
        if (!read_target (design, evaluate->test_table, &test, error))
          {
            g_prefix_error (error, "%s: ",
                            evaluate->test_name != NULL ? evaluate->test_name : "The test table");
            target_clear (&test);
            goto out;
          }
        report->model = fit (algorithm, table, target_name, design_options, target.rows,
                             target.n_rows, train_options, progress, 0.0, 1.0, cancellable,
                             error);
        if (report->model != NULL)
          {
            report->train_seconds = easel_model_get_train_seconds (report->model);
            ev = evaluate_rows (report->model, evaluate->test_table, &test, test.rows,
                                test.n_rows, report, cancellable, error);
            if (ev != NULL)
              g_ptr_array_add (report->folds, ev);
          }
        report->n_train = target.n_rows;
        report->n_test = test.n_rows;
        target_clear (&test);
        ok = report->model != NULL && report->folds->len == 1;
      }
      break;

    case EASEL_HOLDOUT_FOLDS:
      report->mode = "cross-validation";
      if (evaluate->folds < 2)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "Cross-validation needs 2 folds or more, not %u.", evaluate->folds);
          goto out;
        }
      ok = evaluate_folds (report, algorithm, table, target_name, design_options,
                           train_options, design, &target, evaluate, progress, cancellable,
                           error);
      break;

    case EASEL_HOLDOUT_SPLIT:
    case EASEL_HOLDOUT_NONE:
    default:
      {
        gboolean split_rows = evaluate->holdout == EASEL_HOLDOUT_SPLIT &&
                              evaluate->test_fraction > 0;
        g_autofree gint32 *labels = NULL;
        g_autoptr(EaselSplit) split = NULL;

        report->mode = split_rows ? "split" : "none";
        if (split_rows && !(evaluate->test_fraction < 1.0))
          {
            g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                         "The share of rows held out must be below 1, not %g.",
                         evaluate->test_fraction);
            goto out;
          }
        if (split_rows)
          {
            labels = target_row_labels (&target);
            split = easel_split_new (target.rows, target.n_rows, labels,
                                     easel_design_get_n_classes (design),
                                     evaluate->test_fraction, seed);
          }
        report->model = fit (algorithm, table, target_name, design_options,
                             split ? split->train : target.rows,
                             split ? split->n_train : target.n_rows, train_options, progress,
                             0.0, 1.0, cancellable, error);
        if (report->model == NULL)
          goto out;
        report->train_seconds = easel_model_get_train_seconds (report->model);
        report->n_train = easel_model_get_train_rows (report->model);
        if (split != NULL)
          {
            EaselEvaluation *ev = evaluate_rows (report->model, table, &target, split->test,
                                                 split->n_test, report, cancellable,
                                                 error);
            if (ev == NULL)
              goto out;
            g_ptr_array_add (report->folds, ev);
            report->n_test = split->n_test;
          }
        ok = TRUE;
      }
      break;
    }

out:
  target_clear (&target);
  if (!ok)
    return NULL;
  {
    /* The model keeps its evaluation, with the ROC curve a model card draws later. */
    g_autofree char *summary = easel_train_report_to_json (report, FALSE, FALSE);
    g_autofree char *with_roc
      = easel_card_evaluation_add_roc (summary, report->folds->len == 1
                                                  ? report->folds->pdata[0] : NULL);

    easel_model_set_evaluation_json (report->model, with_roc);
  }
  return g_steal_pointer (&report);
}

void
easel_train_report_free (EaselTrainReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->model, easel_model_free);
  g_clear_pointer (&report->folds, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report->truth);
  g_free (report->predicted);
  g_free (report->labels);
  g_free (report->proba);
  g_free (report);
}

double
easel_train_report_get (const EaselTrainReport *report,
                        const char             *metric)
{
  double mean, std;

  g_return_val_if_fail (report != NULL, NAN);

  if (report->folds->len == 0)
    return NAN;
  easel_evaluation_mean_std ((EaselEvaluation *const *) report->folds->pdata, report->folds->len,
                             metric, &mean, &std);
  return mean;
}

/* Prediction columns */

/* A column name not yet taken in the table: "prediction", else "prediction_2"... */
static char *
free_name (EaselTable *table,
           const char *name)
{
  char *candidate = g_strdup (name);

  for (guint i = 2; easel_table_find_column (table, candidate) >= 0; i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", name, i);
    }
  return candidate;
}

void
easel_prediction_add_columns (EaselTable            *table,
                              const EaselModel      *model,
                              const EaselPrediction *pred)
{
  const EaselDesign *design = easel_model_get_design (model);
  gsize n = pred->n;
  g_autofree char *name = free_name (table, "prediction");

  if (pred->problem == EASEL_PROBLEM_REGRESSION)
    {
      double *values = g_memdup2 (pred->values, MAX (n, 1) * sizeof (double));
      easel_table_add_column (table, easel_column_new_numeric (name, n, values, NULL));
      return;
    }
  {
    g_autofree const char **labels = g_new (const char *, MAX (n, 1));
    for (gsize i = 0; i < n; i++)
      labels[i] = easel_design_get_class (design, (guint) pred->classes[i]);
    easel_table_add_column (table, easel_column_new_from_strings (name, EASEL_COLUMN_CATEGORICAL,
                                                                  labels, n));
  }
  for (guint c = 0; c < pred->n_classes; c++)
    {
      g_autofree char *base = g_strdup_printf ("probability_%s",
                                               easel_design_get_class (design, c));
      g_autofree char *pname = free_name (table, base);
      double *p = g_new (double, MAX (n, 1));

      for (gsize i = 0; i < n; i++)
        p[i] = pred->proba[i * pred->n_classes + c];
      easel_table_add_column (table, easel_column_new_numeric (pname, n, p, NULL));
    }
}
