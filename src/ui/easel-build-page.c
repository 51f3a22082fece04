/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-build-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "easel-notice.h"
#include "easel-build-curve.h"
#include "easel-build-page.h"
#include "easel-chart-request.h"
#include "easel-chart-view.h"
#include "easel-csv.h"
#include "easel-format.h"
#include "easel-recipe.h"
#include "easel-worker.h"

/* The live curve is redrawn at most this often while a fit runs (20 times a second). */
#define CURVE_REFRESH_MS 50
/* One-vs-rest ROC curves are drawn for at most this many classes. */
#define MAX_ROC_CLASSES 8

/* The problem types in the order of the problem row's items */
static const EaselProblem problem_items[] = {
  EASEL_PROBLEM_AUTO, EASEL_PROBLEM_REGRESSION, EASEL_PROBLEM_BINARY, EASEL_PROBLEM_MULTICLASS,
};

/* Loss points sent by the fit monitor from the worker thread; only the current fit's
 * points are kept (a new fit starts when the iteration count goes back). */
typedef struct
{
  GMutex   lock;
  GArray  *iterations;
  GArray  *train_loss;
  GArray  *valid_loss;
  guint    last_iteration;
  gboolean started;
  gsize    total;        /* points of every fit */
  guint    serial;       /* bumps with each point */
} Curve;

/* A trained model with its evaluation, shared with predictions that use it. */
typedef struct
{
  EaselTrainReport *report;
} Trained;

typedef struct
{
  EaselTable           *table;
  char                 *target;
  EaselProblem          problem;
  const EaselAlgorithm *algorithm;
  EaselParams          *params;
  guint64               seed;
  char                 *recipe_json;
  EaselEvaluateOptions  evaluate;
  Curve                *curve;
} TrainJob;

typedef struct
{
  Trained *trained;
  char    *input;
  char    *output;
} PredictJob;

typedef struct
{
  gsize      n_rows;
  GPtrArray *warnings;
} PredictResult;

/* What the ROC chart is built from, on a worker thread */
typedef struct
{
  gint32  *labels;
  double  *proba;
  gsize    n;
  guint    n_classes;
  int      positive;
  char   **classes;
} RocData;

struct _EaselBuildPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  AdwComboRow      *target_row;
  AdwComboRow      *problem_row;
  GtkLabel         *problem_error;
  EaselChartView   *target_chart;
  AdwPreferencesGroup *algorithm_group;
  AdwComboRow      *algorithm_row;
  EaselParamForm   *param_form;
  AdwComboRow      *evaluation_row;
  AdwActionRow     *split_row;
  GtkSpinButton    *split_spin;
  AdwActionRow     *folds_row;
  GtkSpinButton    *folds_spin;
  GtkSpinButton    *seed_spin;
  GtkWidget        *train_button;
  AdwStatusPage    *empty_page;
  GtkWidget        *progress_box;
  GtkProgressBar   *progress_bar;
  GtkLabel         *error_label;
  GtkWidget        *results_box;
  GtkLabel         *summary_label;
  GtkFlowBox       *metrics_box;
  GtkLabel         *notes_label;
  EaselBuildCurve  *curve;
  GtkWidget        *charts_box;
  EaselChartView   *first_chart;
  EaselChartView   *second_chart;
  EaselChartView   *importance_chart;

  /* Owned */
  EaselTable       *table;
  char             *recipe_json;
  EaselDesign      *design;          /* the target as detected or chosen */
  char             *problem_message;
  GPtrArray        *algorithms;      /* const EaselAlgorithm *, as offered */
  Trained          *trained;
  char             *error;
  char             *last_notice;
  GHashTable       *metric_texts;    /* metric name → tile text */
  EaselWorker      *worker;          /* training or prediction under way */
  GBinding         *fraction_binding;
  GBinding         *message_binding;
  GCancellable     *cancellable;
  Curve            *live_curve;
  gsize             curve_total;     /* points of the last training */
  guint             curve_serial;
  guint             curve_timeout;
  gboolean          predicting;
  gboolean          filling;         /* the combo rows are being refilled */
  gboolean          stale;           /* the design and the target's chart wait to be shown */
  GtkNativeDialog  *chooser;
};

G_DEFINE_FINAL_TYPE (EaselBuildPage, easel_build_page, GTK_TYPE_WIDGET)

static void update_actions (EaselBuildPage *self);

/* Shared data */

static void
curve_clear (gpointer data)
{
  Curve *curve = data;

  g_mutex_clear (&curve->lock);
  g_array_unref (curve->iterations);
  g_array_unref (curve->train_loss);
  g_array_unref (curve->valid_loss);
}

static Curve *
curve_new (void)
{
  Curve *curve = g_atomic_rc_box_new0 (Curve);

  g_mutex_init (&curve->lock);
  curve->iterations = g_array_new (FALSE, FALSE, sizeof (double));
  curve->train_loss = g_array_new (FALSE, FALSE, sizeof (double));
  curve->valid_loss = g_array_new (FALSE, FALSE, sizeof (double));
  return curve;
}

static void
curve_unref (Curve *curve)
{
  g_atomic_rc_box_release_full (curve, curve_clear);
}

/* Worker thread: the fit monitor */
static void
curve_monitor_cb (guint     iteration,
                  double    train_loss,
                  double    valid_loss,
                  gpointer  user_data)
{
  Curve *curve = user_data;
  double x = iteration;

  g_mutex_lock (&curve->lock);
  if (curve->started && iteration <= curve->last_iteration)
    {
      g_array_set_size (curve->iterations, 0);
      g_array_set_size (curve->train_loss, 0);
      g_array_set_size (curve->valid_loss, 0);
    }
  g_array_append_val (curve->iterations, x);
  g_array_append_val (curve->train_loss, train_loss);
  g_array_append_val (curve->valid_loss, valid_loss);
  curve->last_iteration = iteration;
  curve->started = TRUE;
  curve->total++;
  curve->serial++;
  g_mutex_unlock (&curve->lock);
}

static void
trained_clear (gpointer data)
{
  Trained *trained = data;

  g_clear_pointer (&trained->report, easel_train_report_free);
}

static void
trained_unref (Trained *trained)
{
  g_atomic_rc_box_release_full (trained, trained_clear);
}

static void
train_job_free (gpointer data)
{
  TrainJob *job = data;

  easel_table_unref (job->table);
  g_free (job->target);
  easel_params_free (job->params);
  g_free (job->recipe_json);
  curve_unref (job->curve);
  g_free (job);
}

static void
predict_job_free (gpointer data)
{
  PredictJob *job = data;

  trained_unref (job->trained);
  g_free (job->input);
  g_free (job->output);
  g_free (job);
}

static void
predict_result_free (gpointer data)
{
  PredictResult *result = data;

  g_ptr_array_unref (result->warnings);
  g_free (result);
}

static void
roc_data_free (gpointer data)
{
  RocData *roc = data;

  g_free (roc->labels);
  g_free (roc->proba);
  g_strfreev (roc->classes);
  g_free (roc);
}

/* Helpers */

static const char *
metric_title (const char *name)
{
  if (g_str_equal (name, "accuracy"))
    return _("Accuracy");
  if (g_str_equal (name, "balanced_accuracy"))
    return _("Balanced accuracy");
  if (g_str_equal (name, "f1") || g_str_equal (name, "f1_macro"))
    return _("F1 score");
  if (g_str_equal (name, "roc_auc"))
    return _("ROC AUC");
  if (g_str_equal (name, "log_loss"))
    return _("Log-loss");
  if (g_str_equal (name, "r2"))
    return _("R²");
  if (g_str_equal (name, "rmse"))
    return _("RMSE");
  if (g_str_equal (name, "mae"))
    return _("MAE");
  return name;
}

static const char *
problem_label (EaselProblem problem)
{
  switch (problem)
    {
    case EASEL_PROBLEM_REGRESSION:
      return _("numbers (regression)");
    case EASEL_PROBLEM_BINARY:
      return _("two classes (binary)");
    case EASEL_PROBLEM_MULTICLASS:
      return _("several classes (multiclass)");
    case EASEL_PROBLEM_AUTO:
    default:
      return "";
    }
}

static void
free_closure_data (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
toast_open_cb (AdwToast   *toast,
               const char *uri)
{
  gtk_show_uri (NULL, uri, GDK_CURRENT_TIME);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
show_notice (EaselBuildPage *self,
             const char     *text,
             const char     *open_uri)
{
  AdwToast *toast = adw_toast_new (text);

  g_free (self->last_notice);
  self->last_notice = g_strdup (text);
  if (open_uri != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_open_cb),
                             g_strdup (open_uri), free_closure_data, 0);
    }
  easel_notice_toast (GTK_WIDGET (self), toast);
}

static void
show_error_dialog (EaselBuildPage *self,
                   const char     *heading,
                   const char     *text)
{
  g_free (self->last_notice);
  self->last_notice = g_strdup (text);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    easel_notice_dialog (GTK_WIDGET (self), heading, text);
}

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static const char *
selected_string (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                     : NULL;
}

static const EaselAlgorithm *
selected_algorithm (EaselBuildPage *self)
{
  guint selected = adw_combo_row_get_selected (self->algorithm_row);

  if (self->algorithms == NULL || selected >= self->algorithms->len)
    return NULL;
  return self->algorithms->pdata[selected];
}

/* The target, the problem and the algorithms */

/* Offers the algorithms that can solve the problem, keeping the one chosen if it can. */
static void
fill_algorithms (EaselBuildPage *self)
{
  const EaselAlgorithm *const *all = easel_algorithms ();
  const EaselAlgorithm *previous = selected_algorithm (self);
  EaselProblem problem = self->design != NULL ? easel_design_get_problem (self->design)
                                              : EASEL_PROBLEM_AUTO;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION, preferred = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->algorithms, g_ptr_array_unref);
  self->algorithms = g_ptr_array_new ();
  for (guint i = 0; all[i] != NULL; i++)
    {
      /* clustering and PCA predict nothing */
      if (!all[i]->regression && !all[i]->classification)
        continue;
      if (problem != EASEL_PROBLEM_AUTO && !easel_algorithm_supports (all[i], problem))
        continue;
      if (all[i] == previous)
        selected = self->algorithms->len;
      /* the CLI's defaults: logistic for classes, linear for numbers */
      if (g_str_equal (all[i]->name,
                       problem == EASEL_PROBLEM_REGRESSION ? "linear" : "logistic"))
        preferred = self->algorithms->len;
      g_ptr_array_add (self->algorithms, (gpointer) all[i]);
      gtk_string_list_append (titles, _(all[i]->title));
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = preferred != GTK_INVALID_LIST_POSITION ? preferred : 0;

  self->filling = TRUE;
  adw_combo_row_set_model (self->algorithm_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->algorithm_row, selected);
  self->filling = FALSE;

  {
    const EaselAlgorithm *algorithm = selected_algorithm (self);

    adw_preferences_group_set_description (self->algorithm_group,
                                           algorithm != NULL ? _(algorithm->description) : NULL);
    easel_param_form_set_algorithm (self->param_form, algorithm);
  }
}

/* Looks at the target as the design does, with the problem type chosen. */
static void
update_design (EaselBuildPage *self)
{
  const char *target = easel_build_page_get_target (self);
  guint item = adw_combo_row_get_selected (self->problem_row);
  EaselDesignOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->design, easel_design_free);
  g_clear_pointer (&self->problem_message, g_free);
  options.problem = item < G_N_ELEMENTS (problem_items) ? problem_items[item]
                                                         : EASEL_PROBLEM_AUTO;
  if (self->table != NULL && target != NULL)
    {
      self->design = easel_design_new (self->table, target, &options, &error);
      if (self->design == NULL)
        self->problem_message = g_strdup (error->message);
    }

  gtk_label_set_label (self->problem_error, self->problem_message != NULL
                                            ? self->problem_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_error), self->problem_message != NULL);
  if (self->design != NULL && options.problem == EASEL_PROBLEM_AUTO)
    {
      /* Translators: the problem type found from the target column */
      g_autofree char *detected = g_strdup_printf (_("Detected: %s"),
                                                   problem_label (easel_design_get_problem (
                                                                    self->design)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->problem_row), detected);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->problem_row), "");

  fill_algorithms (self);
  update_actions (self);
}

static void
show_target_chart (EaselBuildPage *self)
{
  const char *target = easel_build_page_get_target (self);
  int index = self->table != NULL && target != NULL ? easel_table_find_column (self->table,
                                                                               target) : -1;

  if (index < 0)
    {
      easel_chart_view_set_chart (self->target_chart, NULL);
      return;
    }
  easel_chart_view_build (self->target_chart, easel_chart_request_build,
                          easel_chart_request_new_distribution (self->table, (guint) index),
                          (GDestroyNotify) easel_chart_request_free);
  /* a tooltip about the previous column's values must not stay up */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self->target_chart));
}

/* What the table and the target ask for: the design, which reads the whole target column on
 * the main thread (tens of milliseconds on a million rows), and the target's chart, drawn
 * from the whole column on a worker. A hidden page only notes that they are stale; it
 * catches up when it is shown, or when asked for something that depends on them. */
static void
catch_up (EaselBuildPage *self)
{
  self->stale = FALSE;
  show_target_chart (self);
  update_design (self);
}

static void
ensure_fresh (EaselBuildPage *self)
{
  if (self->stale)
    catch_up (self);
}

static void
refresh (EaselBuildPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      catch_up (self);
      return;
    }

  self->stale = TRUE;
  g_clear_pointer (&self->design, easel_design_free);
  g_clear_pointer (&self->problem_message, g_free);
  update_actions (self);
}

/* Results */

static void
add_tile (EaselBuildPage *self,
          const char     *name,
          double          mean,
          double          std,
          gboolean        with_std)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (metric_title (name));
  g_autofree char *value = easel_format_statistic (mean);
  g_autofree char *text = NULL;
  g_autofree char *spoken = NULL;
  GtkWidget *value_label;
  GtkWidget *child;

  if (with_std)
    {
      g_autofree char *deviation = easel_format_statistic (std);
      /* Translators: a metric's mean ± standard deviation over folds */
      text = g_strdup_printf (_("%s ± %s"), value, deviation);
    }
  else
    text = g_strdup (value);
  value_label = gtk_label_new (text);
  g_hash_table_insert (self->metric_texts, g_strdup (name), g_strdup (text));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "metric-tile");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "caption");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "title-2");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (card), title_label);
  gtk_box_append (GTK_BOX (card), value_label);
  gtk_flow_box_append (self->metrics_box, card);

  child = gtk_widget_get_parent (card);
  gtk_widget_set_focusable (child, FALSE);
  /* Read as one item: "Accuracy: 0.9710" */
  spoken = g_strdup_printf ("%s: %s", metric_title (name), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

static void
show_tiles (EaselBuildPage         *self,
            const EaselTrainReport *report,
            EaselProblem            problem)
{
  static const char *const binary[] = {
    "accuracy", "balanced_accuracy", "f1", "roc_auc", "log_loss", NULL
  };
  static const char *const multiclass[] = {
    "accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "log_loss", NULL
  };
  static const char *const regression[] = { "r2", "rmse", "mae", NULL };
  const char *const *names = problem == EASEL_PROBLEM_REGRESSION ? regression
                             : problem == EASEL_PROBLEM_BINARY ? binary : multiclass;

  remove_children (GTK_WIDGET (self->metrics_box));
  g_hash_table_remove_all (self->metric_texts);
  if (report->folds->len == 0)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    {
      double mean, std;

      easel_evaluation_mean_std ((EaselEvaluation *const *) report->folds->pdata,
                                 report->folds->len, names[i], &mean, &std);
      add_tile (self, names[i], mean, std, report->folds->len > 1);
    }
}

static EaselChart *
roc_build (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  RocData *roc = data;
  g_autoptr(EaselChart) chart = easel_chart_new_line ();
  static const double chance[] = { 0.0, 1.0 };
  g_autofree gint32 *truth = g_new (gint32, MAX (roc->n, 1));
  g_autofree double *proba = g_new (double, MAX (roc->n * 2, 1));
  guint first = 0, last = roc->n_classes;

  easel_chart_set_title (chart, _("ROC curve"));
  easel_chart_set_x_label (chart, _("False positive rate"));
  easel_chart_set_y_label (chart, _("True positive rate"));
  easel_chart_set_x_range (chart, 0.0, 1.0);
  easel_chart_set_y_range (chart, 0.0, 1.0);
  if (roc->n_classes == 2)
    {
      first = (guint) roc->positive;
      last = first + 1;
    }
  /* one class against the others: a binary problem each */
  for (guint c = first; c < last && c < first + MAX_ROC_CLASSES; c++)
    {
      g_autoptr(EaselEvaluation) ev = NULL;
      g_autofree char *name = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      for (gsize i = 0; i < roc->n; i++)
        {
          double p = roc->proba[i * roc->n_classes + c];

          truth[i] = roc->labels[i] == (gint32) c;
          proba[2 * i] = 1.0 - p;
          proba[2 * i + 1] = p;
        }
      ev = easel_evaluate_classifier (truth, proba, roc->n, 2, 1);
      if (ev->roc.n == 0)
        continue;
      /* Translators: a class and the area under its ROC curve */
      name = g_strdup_printf (_("%s (AUC %.3f)"), roc->classes[c],
                              easel_evaluation_get (ev, "roc_auc"));
      easel_chart_add_series (chart, name, ev->roc.x, ev->roc.y, ev->roc.n);
    }
  easel_chart_add_series (chart, _("Chance"), chance, chance, 2);
  return g_steal_pointer (&chart);
}

static void
show_classification_charts (EaselBuildPage         *self,
                            const EaselTrainReport *report,
                            const EaselDesign      *design)
{
  guint k = easel_design_get_n_classes (design);
  g_autofree double *cells = g_new0 (double, MAX (k * k, 1));
  g_autofree const char **names = g_new0 (const char *, k + 1);
  double hi = 0;
  EaselChart *heatmap;
  RocData *roc;

  for (guint c = 0; c < k; c++)
    names[c] = easel_design_get_class (design, c);
  for (guint f = 0; f < report->folds->len; f++)
    {
      const EaselEvaluation *ev = report->folds->pdata[f];

      for (guint i = 0; ev->confusion != NULL && i < k * k; i++)
        cells[i] += (double) ev->confusion[i];
    }
  for (guint i = 0; i < k * k; i++)
    hi = MAX (hi, cells[i]);
  heatmap = easel_chart_new_heatmap (cells, k, k, names, names, 0.0, MAX (hi, 1.0));
  easel_chart_set_title (heatmap, _("Confusion matrix"));
  easel_chart_set_x_label (heatmap, _("Predicted class"));
  easel_chart_set_y_label (heatmap, _("True class"));
  easel_chart_view_set_chart (self->first_chart, heatmap);

  roc = g_new0 (RocData, 1);
  roc->n = report->n_held;
  roc->n_classes = report->n_classes;
  roc->labels = g_memdup2 (report->labels, MAX (roc->n, 1) * sizeof (gint32));
  roc->proba = g_memdup2 (report->proba, MAX (roc->n * roc->n_classes, 1) * sizeof (double));
  roc->positive = MAX (easel_design_get_positive (design), 0);
  roc->classes = g_strdupv ((char **) names);
  easel_chart_view_build (self->second_chart, roc_build, roc, roc_data_free);
}

static void
show_regression_charts (EaselBuildPage         *self,
                        const EaselTrainReport *report)
{
  g_autofree double *residuals = g_new (double, MAX (report->n_held, 1));
  EaselChart *chart;

  chart = easel_chart_new_scatter (report->truth, report->predicted, report->n_held, NULL, NULL,
                                   0);
  easel_chart_set_title (chart, _("Predicted against actual"));
  easel_chart_set_x_label (chart, _("Actual value"));
  easel_chart_set_y_label (chart, _("Predicted value"));
  easel_chart_view_set_chart (self->first_chart, chart);

  for (gsize i = 0; i < report->n_held; i++)
    residuals[i] = report->truth[i] - report->predicted[i];
  chart = easel_chart_new_scatter (report->predicted, residuals, report->n_held, NULL, NULL, 0);
  easel_chart_set_title (chart, _("Residuals"));
  easel_chart_set_x_label (chart, _("Predicted value"));
  easel_chart_set_y_label (chart, _("Actual − predicted"));
  easel_chart_view_set_chart (self->second_chart, chart);
}

/* Importance per input column: the sum over the features made from it. */
static void
show_importance (EaselBuildPage   *self,
                 const EaselModel *model)
{
  const EaselDesign *design = easel_model_get_design (model);
  guint p = easel_design_get_n_features (design);
  guint n_inputs = easel_design_get_n_inputs (design);
  g_autofree double *importance = g_new0 (double, MAX (p, 1));
  g_autofree double *per_input = g_new0 (double, MAX (n_inputs, 1));
  g_autofree const char **names = g_new0 (const char *, n_inputs + 1);
  g_autofree double *values = g_new0 (double, MAX (n_inputs, 1));
  guint n = 0;
  EaselChart *chart;

  if (p == 0 || !easel_model_get_importance (model, importance))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->importance_chart), FALSE);
      easel_chart_view_set_chart (self->importance_chart, NULL);
      return;
    }
  for (guint f = 0; f < p; f++)
    per_input[easel_design_get_feature (design, f)->input] += importance[f];
  for (guint i = 0; i < n_inputs; i++)
    if (easel_design_input_is_used (design, i))
      {
        names[n] = easel_design_get_input_name (design, i);
        values[n++] = per_input[i];
      }
  chart = easel_chart_new_bar (names, values, n, 12);
  easel_chart_set_title (chart, _("Column importance"));
  easel_chart_set_y_label (chart, _("Share of importance"));
  easel_chart_view_set_chart (self->importance_chart, chart);
  gtk_widget_set_visible (GTK_WIDGET (self->importance_chart), TRUE);
}

static void
show_results (EaselBuildPage *self)
{
  const EaselTrainReport *report = self->trained->report;
  const EaselModel *model = report->model;
  const EaselDesign *design = easel_model_get_design (model);
  const GPtrArray *notes = easel_design_get_shown_notes (design);
  EaselProblem problem = easel_design_get_problem (design);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) notes_text = g_string_new (NULL);
  /* the model kept: with cross-validation, fitted on every row */
  g_autofree char *n_train = easel_format_count (easel_model_get_train_rows (model));
  g_autofree char *n_test = easel_format_count (report->n_test);

  /* Translators: "Logistic regression predicting “species” from 275 rows" */
  g_string_append_printf (summary, _("%s predicting “%s” from %s rows"),
                          _(easel_model_get_algorithm (model)->title),
                          easel_design_get_target (design), n_train);
  if (report->folds->len > 1)
    /* Translators: after the summary of a model */
    g_string_append_printf (summary, _(", measured by %u-fold cross-validation"),
                            report->folds->len);
  else if (report->folds->len == 1)
    /* Translators: after the summary of a model */
    g_string_append_printf (summary, _(", measured on %s held-out rows"), n_test);
  g_string_append_printf (summary, _(" (fit in %.2f s)"), report->train_seconds);
  gtk_label_set_label (self->summary_label, summary->str);

  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (notes_text, "%s%s", notes_text->len > 0 ? "\n" : "",
                            (const char *) notes->pdata[i]);
  for (guint i = 0; i < report->warnings->len; i++)
    g_string_append_printf (notes_text, "%s%s", notes_text->len > 0 ? "\n" : "",
                            (const char *) report->warnings->pdata[i]);
  gtk_label_set_label (self->notes_label, notes_text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes_text->len > 0);

  show_tiles (self, report, problem);
  if (report->n_held > 0 && problem == EASEL_PROBLEM_REGRESSION)
    show_regression_charts (self, report);
  else if (report->n_held > 0)
    show_classification_charts (self, report, design);
  gtk_widget_set_visible (self->charts_box, report->n_held > 0);
  show_importance (self, model);

  gtk_widget_set_visible (self->results_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);
}

static void
clear_results (EaselBuildPage *self)
{
  g_clear_pointer (&self->trained, trained_unref);
  g_clear_pointer (&self->error, g_free);
  g_hash_table_remove_all (self->metric_texts);
  remove_children (GTK_WIDGET (self->metrics_box));
  easel_chart_view_set_chart (self->first_chart, NULL);
  easel_chart_view_set_chart (self->second_chart, NULL);
  easel_chart_view_set_chart (self->importance_chart, NULL);
  easel_build_curve_set_points (self->curve, NULL, NULL, NULL, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->curve), FALSE);
  gtk_widget_set_visible (self->results_box, FALSE);
  gtk_widget_set_visible (self->charts_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->importance_chart), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), TRUE);
}

/* Training */

/* Main thread, at most every CURVE_REFRESH_MS: draws the points that arrived. */
static void
refresh_curve (EaselBuildPage *self)
{
  Curve *curve = self->live_curve;
  g_autofree double *x = NULL;
  g_autofree double *train = NULL;
  g_autofree double *valid = NULL;
  gsize n;

  if (curve == NULL)
    return;
  g_mutex_lock (&curve->lock);
  if (curve->serial == self->curve_serial)
    {
      g_mutex_unlock (&curve->lock);
      return;
    }
  self->curve_serial = curve->serial;
  n = curve->iterations->len;
  x = g_memdup2 (curve->iterations->data, MAX (n, 1) * sizeof (double));
  train = g_memdup2 (curve->train_loss->data, MAX (n, 1) * sizeof (double));
  valid = g_memdup2 (curve->valid_loss->data, MAX (n, 1) * sizeof (double));
  g_mutex_unlock (&curve->lock);

  easel_build_curve_set_points (self->curve, x, train, valid, n);
  gtk_widget_set_visible (GTK_WIDGET (self->curve), n > 0);
}

static gboolean
curve_timeout_cb (gpointer user_data)
{
  refresh_curve (user_data);
  return G_SOURCE_CONTINUE;
}

static gpointer
train_in_thread (gpointer        data,
                 EaselProgress  *progress,
                 GCancellable   *cancellable,
                 GError        **error)
{
  TrainJob *job = data;
  EaselDesignOptions design_options = { 0 };
  EaselTrainOptions train_options = { 0 };

  design_options.problem = job->problem;
  train_options.params = job->params;
  train_options.seed = job->seed;
  train_options.monitor = curve_monitor_cb;
  train_options.monitor_data = job->curve;
  train_options.recipe_json = job->recipe_json;
  return easel_train_and_evaluate (job->algorithm, job->table, job->target, &design_options,
                                   &train_options, &job->evaluate, progress, cancellable, error);
}

static void
stop_worker (EaselBuildPage *self)
{
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->curve_timeout, g_source_remove);
  self->predicting = FALSE;
  gtk_widget_set_visible (self->progress_box, FALSE);
}

static void
train_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EaselBuildPage) self = user_data;
  EaselWorker *worker = EASEL_WORKER (object);
  g_autoptr(GError) error = NULL;
  EaselTrainReport *report;

  report = easel_worker_finish (worker, result, &error);
  if (worker != self->worker)
    {
      /* cancelled and replaced, or the page went away */
      g_clear_pointer (&report, easel_train_report_free);
      return;
    }

  refresh_curve (self);
  stop_worker (self);
  self->curve_total = easel_build_page_get_n_curve_points (self);
  g_clear_pointer (&self->live_curve, curve_unref);

  if (report == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_free (self->error);
      self->error = g_strdup (cancelled ? _("Training was cancelled.") : error->message);
      gtk_label_set_label (self->error_label, self->error);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_page),
                              !gtk_widget_get_visible (GTK_WIDGET (self->curve)));
      update_actions (self);
      return;
    }

  self->trained = g_atomic_rc_box_new0 (Trained);
  self->trained->report = report;
  show_results (self);
  update_actions (self);
}

static void
bind_progress (EaselBuildPage *self)
{
  self->fraction_binding = g_object_bind_property (self->worker, "fraction", self->progress_bar,
                                                   "fraction", G_BINDING_SYNC_CREATE);
  self->message_binding = g_object_bind_property (self->worker, "message", self->progress_bar,
                                                  "text", G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (self->progress_box, TRUE);
}

static void
start_training (EaselBuildPage *self)
{
  TrainJob *job;
  guint item = adw_combo_row_get_selected (self->problem_row);

  if (!easel_build_page_can_train (self))
    return;

  easel_build_page_cancel (self);
  stop_worker (self);
  clear_results (self);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);

  job = g_new0 (TrainJob, 1);
  job->table = easel_table_ref (self->table);
  job->target = g_strdup (easel_build_page_get_target (self));
  job->problem = item < G_N_ELEMENTS (problem_items) ? problem_items[item] : EASEL_PROBLEM_AUTO;
  job->algorithm = selected_algorithm (self);
  job->params = easel_params_copy (easel_param_form_get_params (self->param_form));
  job->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  job->recipe_json = g_strdup (self->recipe_json);
  if (adw_combo_row_get_selected (self->evaluation_row) == 1)
    {
      job->evaluate.holdout = EASEL_HOLDOUT_FOLDS;
      job->evaluate.folds = (guint) gtk_spin_button_get_value (self->folds_spin);
    }
  else
    {
      job->evaluate.holdout = EASEL_HOLDOUT_SPLIT;
      job->evaluate.test_fraction = gtk_spin_button_get_value (self->split_spin) / 100.0;
    }
  job->curve = curve_new ();
  g_clear_pointer (&self->live_curve, curve_unref);
  self->live_curve = g_atomic_rc_box_acquire (job->curve);
  self->curve_serial = 0;
  self->curve_total = 0;

  self->cancellable = g_cancellable_new ();
  self->worker = easel_worker_run (train_in_thread, job, train_job_free,
                                   (GDestroyNotify) easel_train_report_free, self->cancellable,
                                   train_done_cb, g_object_ref (self));
  bind_progress (self);
  self->curve_timeout = g_timeout_add (CURVE_REFRESH_MS, curve_timeout_cb, self);
  update_actions (self);
}

/* Prediction of a file */

static gpointer
predict_in_thread (gpointer        data,
                   EaselProgress  *progress,
                   GCancellable   *cancellable,
                   GError        **error)
{
  PredictJob *job = data;
  const EaselModel *model = job->trained->report->model;
  const char *recipe_json = easel_model_get_recipe_json (model);
  g_autoptr(EaselTable) input = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselPrediction) pred = NULL;
  g_auto(GStrv) missing = NULL;
  EaselCsvOptions options;
  PredictResult *result;
  gsize line = 2;

  easel_csv_options_init (&options);
  easel_progress_push_range (progress, 0.0, 0.3);
  input = easel_csv_read_file (job->input, &options, NULL, progress, cancellable, error);
  easel_progress_pop_range (progress);
  if (input == NULL)
    return NULL;

  /* A model with a recipe replays it in easel_model_predict(), keeping every row; its
   * errors then name the input columns the recipe needs. */
  table = easel_table_ref (input);
  if (recipe_json == NULL)
    missing = easel_design_missing_columns (easel_model_get_design (model), table);
  if (missing != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", missing);
      g_autofree char *name = g_path_get_basename (job->input);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   g_dngettext (NULL, "%s lacks %u column the model needs: %s.",
                                "%s lacks %u columns the model needs: %s.",
                                g_strv_length (missing)),
                   name, g_strv_length (missing), list);
      return NULL;
    }

  easel_progress_push_range (progress, 0.3, 0.8);
  pred = easel_model_predict (model, table, NULL, 0, line, progress, cancellable, error);
  easel_progress_pop_range (progress);
  if (pred == NULL)
    return NULL;

  /* the prediction goes beside the rows as they were read */
  easel_prediction_add_columns (input, model, pred);
  easel_progress_push_range (progress, 0.8, 1.0);
  if (!easel_csv_write_file (input, job->output, ',', progress, cancellable, error))
    {
      easel_progress_pop_range (progress);
      return NULL;
    }
  easel_progress_pop_range (progress);

  result = g_new0 (PredictResult, 1);
  result->n_rows = pred->n;
  result->warnings = g_ptr_array_ref (pred->warnings);
  return result;
}

static void
predict_done_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(EaselBuildPage) self = user_data;
  EaselWorker *worker = EASEL_WORKER (object);
  g_autoptr(GError) error = NULL;
  PredictResult *result;
  g_autofree char *output = g_strdup (g_object_get_data (object, "easel-output"));

  result = easel_worker_finish (worker, res, &error);
  if (worker != self->worker)
    {
      g_clear_pointer (&result, predict_result_free);
      return;
    }
  stop_worker (self);
  update_actions (self);

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_notice (self, _("The prediction was cancelled."), NULL);
      else
        show_error_dialog (self, _("Could Not Predict the File"), error->message);
      return;
    }

  {
    g_autofree char *count = easel_format_count (result->n_rows);
    g_autofree char *name = g_path_get_basename (output);
    g_autofree char *uri = g_filename_to_uri (output, NULL, NULL);
    /* Translators: "Predicted 344 rows into penguins-predictions.csv" */
    g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "Predicted %s row into %s",
                                                          "Predicted %s rows into %s",
                                                          result->n_rows), count, name);

    show_notice (self, text, uri);
  }
  predict_result_free (result);
}

/* "penguins.csv" → "penguins-predictions.csv" beside it, not overwriting a file. */
static GFile *
default_output (GFile *input)
{
  g_autoptr(GFile) parent = g_file_get_parent (input);
  g_autofree char *base = g_file_get_basename (input);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  for (guint i = 1;; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup_printf ("%s-predictions.csv", base)
                                     : g_strdup_printf ("%s-predictions-%u.csv", base, i);
      GFile *file = g_file_get_child (parent, name);

      if (!g_file_query_exists (file, NULL))
        return file;
      g_object_unref (file);
    }
}

/* Actions */

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_training (EASEL_BUILD_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EaselBuildPage *self = EASEL_BUILD_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
save_response_cb (EaselBuildPage  *self,
                  int              response,
                  GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (chooser == self->chooser)
    g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!g_str_has_suffix (g_file_peek_path (file), ".easelmodel"))
    {
      g_autofree char *path = g_strconcat (g_file_peek_path (file), ".easelmodel", NULL);
      g_object_unref (file);
      file = g_file_new_for_path (path);
    }
  if (!easel_build_page_save_model (self, file, &error))
    show_error_dialog (self, _("Could Not Save the Model"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: a notice after saving a model */
      g_autofree char *text = g_strdup_printf (_("Saved the model as %s"), name);
      show_notice (self, text, NULL);
    }
}

static void
predict_response_cb (EaselBuildPage  *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (chooser == self->chooser)
    g_clear_object (&self->chooser);
  if (file != NULL)
    easel_build_page_predict_file (self, file, NULL);
}

static GtkFileChooserNative *
new_chooser (EaselBuildPage       *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  return chooser;
}

static void
save_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EaselBuildPage *self = EASEL_BUILD_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->trained == NULL)
    return;
  chooser = new_chooser (self, _("Save Model"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_filter_set_name (filter, _("Easel models"));
  gtk_file_filter_add_pattern (filter, "*.easelmodel");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strconcat (easel_build_page_get_target (self), ".easelmodel", NULL);
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
predict_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EaselBuildPage *self = EASEL_BUILD_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->trained == NULL)
    return;
  chooser = new_chooser (self, _("Predict a File"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Predict"));
  gtk_file_filter_set_name (filter, _("CSV and TSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (predict_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
can_train (EaselBuildPage *self)
{
  const EaselAlgorithm *algorithm = selected_algorithm (self);

  return self->table != NULL && self->design != NULL && algorithm != NULL &&
         easel_algorithm_supports (algorithm, easel_design_get_problem (self->design)) &&
         easel_param_form_get_algorithm (self->param_form) == algorithm &&
         easel_param_form_get_error (self->param_form) == NULL && !self->predicting;
}

static void
update_actions (EaselBuildPage *self)
{
  gboolean busy = self->worker != NULL;
  gboolean have_model = self->trained != NULL;

  /* a page not looked at yet has not looked at its table either: training does */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "build.train",
                                 self->stale ? self->table != NULL && !self->predicting
                                             : can_train (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "build.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "build.save-model", have_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "build.predict-file", have_model && !busy);
}

/* Signal callbacks */

static void
target_selected_cb (EaselBuildPage *self)
{
  if (self->filling)
    return;
  refresh (self);
}

static void
problem_selected_cb (EaselBuildPage *self)
{
  if (self->filling)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_design (self);
  else
    refresh (self);
}

static void
algorithm_selected_cb (EaselBuildPage *self)
{
  const EaselAlgorithm *algorithm;

  if (self->filling)
    return;
  algorithm = selected_algorithm (self);
  adw_preferences_group_set_description (self->algorithm_group,
                                         algorithm != NULL ? _(algorithm->description) : NULL);
  easel_param_form_set_algorithm (self->param_form, algorithm);
  update_actions (self);
}

static void
params_changed_cb (EaselBuildPage *self)
{
  update_actions (self);
}

static void
evaluation_selected_cb (EaselBuildPage *self)
{
  gboolean folds = adw_combo_row_get_selected (self->evaluation_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->split_row), !folds);
  gtk_widget_set_visible (GTK_WIDGET (self->folds_row), folds);
}

/* EASEL_DEBUG_BUILD=target,algorithm[,name=value...] picks them and starts training, for
 * screenshots. */
static gboolean
debug_build_cb (gpointer user_data)
{
  EaselBuildPage *self = user_data;
  const char *spec = g_getenv ("EASEL_DEBUG_BUILD");
  g_auto(GStrv) fields = spec != NULL ? g_strsplit (spec, ",", -1) : NULL;
  guint n = fields != NULL ? g_strv_length (fields) : 0;

  if (n > 0)
    easel_build_page_set_target (self, fields[0]);
  if (n > 1)
    easel_build_page_set_algorithm (self, fields[1]);
  for (guint i = 2; i < n; i++)
    {
      g_auto(GStrv) pair = g_strsplit (fields[i], "=", 2);

      if (g_strv_length (pair) == 2)
        easel_param_form_set_text (self->param_form, pair[0], pair[1]);
    }
  easel_build_page_train (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Overrides */

static void
easel_build_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (easel_build_page_parent_class)->map (widget);

  /* the table that came while the page was hidden */
  ensure_fresh (EASEL_BUILD_PAGE (widget));
}

static void
easel_build_page_dispose (GObject *object)
{
  EaselBuildPage *self = EASEL_BUILD_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_worker (self);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_BUILD_PAGE);
  /* the template's unnamed top box */
  remove_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (easel_build_page_parent_class)->dispose (object);
}

static void
easel_build_page_finalize (GObject *object)
{
  EaselBuildPage *self = EASEL_BUILD_PAGE (object);

  g_clear_pointer (&self->table, easel_table_unref);
  g_clear_pointer (&self->recipe_json, g_free);
  g_clear_pointer (&self->design, easel_design_free);
  g_clear_pointer (&self->problem_message, g_free);
  g_clear_pointer (&self->algorithms, g_ptr_array_unref);
  g_clear_pointer (&self->trained, trained_unref);
  g_clear_pointer (&self->live_curve, curve_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->last_notice, g_free);
  g_clear_pointer (&self->metric_texts, g_hash_table_unref);

  G_OBJECT_CLASS (easel_build_page_parent_class)->finalize (object);
}

static void
easel_build_page_class_init (EaselBuildPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_build_page_dispose;
  object_class->finalize = easel_build_page_finalize;
  widget_class->map = easel_build_page_map;

  g_type_ensure (EASEL_TYPE_CHART_VIEW);
  g_type_ensure (EASEL_TYPE_PARAM_FORM);
  g_type_ensure (EASEL_TYPE_BUILD_CURVE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-build-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, problem_row);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, problem_error);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, target_chart);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, algorithm_group);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, algorithm_row);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, param_form);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, evaluation_row);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, split_row);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, split_spin);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, folds_row);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, folds_spin);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, train_button);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, metrics_box);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, curve);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, first_chart);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, second_chart);
  gtk_widget_class_bind_template_child (widget_class, EaselBuildPage, importance_chart);
  gtk_widget_class_bind_template_callback (widget_class, target_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, algorithm_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, params_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, evaluation_selected_cb);

  gtk_widget_class_install_action (widget_class, "build.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "build.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "build.save-model", NULL, save_model_action);
  gtk_widget_class_install_action (widget_class, "build.predict-file", NULL,
                                   predict_file_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "buildpage");
}

static void
easel_build_page_init (EaselBuildPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->metric_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  easel_chart_view_set_placeholder (self->target_chart, _("No column to predict"));
  update_actions (self);
}

/* Public API */

GtkWidget *
easel_build_page_new (void)
{
  return g_object_new (EASEL_TYPE_BUILD_PAGE, NULL);
}

void
easel_build_page_set_table (EaselBuildPage *self,
                            EaselTable     *table)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *previous_target = NULL;
  gboolean keep;
  guint n_columns;

  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));

  if (table == self->table)
    return;

  /* the same column to predict when the table is the same data, prepared anew */
  previous_target = g_strdup (easel_build_page_get_target (self));
  keep = previous_target != NULL && table != NULL
         && easel_table_find_column (table, previous_target) >= 0;
  easel_build_page_cancel (self);
  stop_worker (self);
  g_clear_pointer (&self->live_curve, curve_unref);
  clear_results (self);
  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;

  n_columns = table != NULL ? easel_table_get_n_columns (table) : 0;
  for (guint i = 0; i < n_columns; i++)
    gtk_string_list_append (names, easel_table_get_column (table, i)->name);
  self->filling = TRUE;
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (names));
  /* many tables keep the column to predict last */
  adw_combo_row_set_selected (self->target_row,
                              keep ? (guint) easel_table_find_column (table, previous_target)
                              : n_columns > 0 ? n_columns - 1 : GTK_INVALID_LIST_POSITION);
  if (!keep)
    adw_combo_row_set_selected (self->problem_row, 0);
  self->filling = FALSE;
  refresh (self);

  if (table != NULL && g_getenv ("EASEL_DEBUG_BUILD") != NULL)
    g_idle_add (debug_build_cb, g_object_ref (self));
}

EaselTable *
easel_build_page_get_table (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  return self->table;
}

void
easel_build_page_set_recipe_json (EaselBuildPage *self,
                                  const char     *json)
{
  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));

  g_free (self->recipe_json);
  self->recipe_json = g_strdup (json);
}

const EaselModel *
easel_build_page_get_model (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  return self->trained != NULL ? self->trained->report->model : NULL;
}

gboolean
easel_build_page_set_target (EaselBuildPage *self,
                             const char     *column)
{
  int index;

  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), FALSE);

  if (self->table == NULL || column == NULL ||
      (index = easel_table_find_column (self->table, column)) < 0)
    return FALSE;
  adw_combo_row_set_selected (self->target_row, (guint) index);
  return TRUE;
}

const char *
easel_build_page_get_target (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  return self->table != NULL ? selected_string (self->target_row) : NULL;
}

void
easel_build_page_set_problem (EaselBuildPage *self,
                              EaselProblem    problem)
{
  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (problem_items); i++)
    if (problem_items[i] == problem)
      adw_combo_row_set_selected (self->problem_row, i);
}

EaselProblem
easel_build_page_get_problem (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), EASEL_PROBLEM_AUTO);

  ensure_fresh (self);
  return self->design != NULL ? easel_design_get_problem (self->design) : EASEL_PROBLEM_AUTO;
}

const char *
easel_build_page_get_problem_error (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  ensure_fresh (self);
  return self->problem_message;
}

char **
easel_build_page_list_algorithms (EaselBuildPage *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  ensure_fresh (self);
  for (guint i = 0; self->algorithms != NULL && i < self->algorithms->len; i++)
    g_strv_builder_add (builder, ((const EaselAlgorithm *) self->algorithms->pdata[i])->name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

gboolean
easel_build_page_set_algorithm (EaselBuildPage *self,
                                const char     *name)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), FALSE);

  ensure_fresh (self);
  for (guint i = 0; self->algorithms != NULL && i < self->algorithms->len; i++)
    if (g_ascii_strcasecmp (((const EaselAlgorithm *) self->algorithms->pdata[i])->name,
                            name) == 0)
      {
        adw_combo_row_set_selected (self->algorithm_row, i);
        return TRUE;
      }
  return FALSE;
}

EaselParamForm *
easel_build_page_get_param_form (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  /* the form is the algorithm's, which the design picks */
  ensure_fresh (self);
  return self->param_form;
}

void
easel_build_page_set_evaluation (EaselBuildPage *self,
                                 EaselHoldout    holdout,
                                 double          value)
{
  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));
  g_return_if_fail (holdout == EASEL_HOLDOUT_SPLIT || holdout == EASEL_HOLDOUT_FOLDS);

  adw_combo_row_set_selected (self->evaluation_row, holdout == EASEL_HOLDOUT_FOLDS ? 1 : 0);
  gtk_spin_button_set_value (holdout == EASEL_HOLDOUT_FOLDS ? self->folds_spin : self->split_spin,
                             value);
}

void
easel_build_page_set_seed (EaselBuildPage *self,
                           guint64         seed)
{
  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));

  gtk_spin_button_set_value (self->seed_spin, (double) seed);
}

gboolean
easel_build_page_can_train (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), FALSE);

  ensure_fresh (self);
  return can_train (self);
}

void
easel_build_page_train (EaselBuildPage *self)
{
  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));

  start_training (self);
}

void
easel_build_page_cancel (EaselBuildPage *self)
{
  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
easel_build_page_get_busy (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), FALSE);

  return self->worker != NULL;
}

const EaselTrainReport *
easel_build_page_get_report (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  return self->trained != NULL ? self->trained->report : NULL;
}

const char *
easel_build_page_get_error (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  return self->error;
}

const char *
easel_build_page_get_metric_text (EaselBuildPage *self,
                                  const char     *metric)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  return g_hash_table_lookup (self->metric_texts, metric);
}

gsize
easel_build_page_get_n_curve_points (EaselBuildPage *self)
{
  gsize total;

  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), 0);

  if (self->live_curve == NULL)
    return self->curve_total;
  g_mutex_lock (&self->live_curve->lock);
  total = self->live_curve->total;
  g_mutex_unlock (&self->live_curve->lock);
  return total;
}

gboolean
easel_build_page_save_model (EaselBuildPage *self,
                             GFile          *file,
                             GError        **error)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->trained == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no model to save: train one first."));
      return FALSE;
    }
  return easel_model_save (self->trained->report->model, g_file_peek_path (file), error);
}

void
easel_build_page_predict_file (EaselBuildPage *self,
                               GFile          *input,
                               GFile          *output)
{
  g_autoptr(GFile) out = NULL;
  PredictJob *job;

  g_return_if_fail (EASEL_IS_BUILD_PAGE (self));
  g_return_if_fail (G_IS_FILE (input));

  if (self->trained == NULL || self->worker != NULL)
    return;

  out = output != NULL ? g_object_ref (output) : default_output (input);
  job = g_new0 (PredictJob, 1);
  job->trained = g_atomic_rc_box_acquire (self->trained);
  job->input = g_file_get_path (input);
  job->output = g_file_get_path (out);

  self->predicting = TRUE;
  self->cancellable = g_cancellable_new ();
  self->worker = easel_worker_run (predict_in_thread, job, predict_job_free, predict_result_free,
                                   self->cancellable, predict_done_cb, g_object_ref (self));
  g_object_set_data_full (G_OBJECT (self->worker), "easel-output", g_file_get_path (out),
                          g_free);
  bind_progress (self);
  update_actions (self);
}

const char *
easel_build_page_get_last_notice (EaselBuildPage *self)
{
  g_return_val_if_fail (EASEL_IS_BUILD_PAGE (self), NULL);

  return self->last_notice;
}
