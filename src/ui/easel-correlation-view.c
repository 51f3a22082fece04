/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-correlation-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "easel-chart-request.h"
#include "easel-correlation-view.h"
#include "easel-format.h"
#include "easel-worker.h"

/* Pairs listed beside the heatmap. */
#define MAX_PAIRS 10

struct _EaselCorrelationView
{
  GtkWidget               parent_instance;

  /* Template widgets */
  GtkLabel               *subtitle_label;
  GtkToggleButton        *pearson_button;
  GtkToggleButton        *spearman_button;
  GtkButton              *export_button;
  GtkStack               *heatmap_stack;
  AdwStatusPage          *busy_page;
  AdwStatusPage          *empty_page;
  GtkProgressBar         *progress_bar;
  EaselChartView         *heatmap_view;
  GtkLabel               *pair_label;
  GtkLabel               *pair_detail_label;
  EaselChartView         *scatter_view;
  GtkButton              *builder_button;
  GtkWidget              *pairs_group;
  GtkListBox             *pairs_list;

  /* Owned */
  EaselTable             *table;
  EaselCorrelation       *results[2];    /* per method, computed when first shown */
  EaselWorker            *worker;
  GCancellable           *cancellable;
  GBinding               *progress_binding;

  char                   *pending_x;      /* a pair to plot once the matrix is there */
  char                   *pending_y;

  /* State */
  EaselCorrelationMethod  method;
  int                     pair_x, pair_y;  /* table columns of the pair plotted, or -1 */
  guint                   n_pairs;
};

typedef struct
{
  EaselTable             *table;
  EaselCorrelationMethod  method;
} CorrelateRequest;

typedef struct
{
  guint  row, col;
  double r;
} Pair;

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  OPEN_IN_BUILDER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselCorrelationView, easel_correlation_view, GTK_TYPE_WIDGET)

static void
correlate_request_free (gpointer data)
{
  CorrelateRequest *request = data;

  easel_table_unref (request->table);
  g_free (request);
}

static const char *
method_symbol (EaselCorrelationMethod method)
{
  /* Translators: the symbols of Pearson's and Spearman's coefficients */
  return method == EASEL_CORRELATION_SPEARMAN ? C_("statistic", "ρ") : C_("statistic", "r");
}

static const EaselCorrelation *
current (EaselCorrelationView *self)
{
  return self->results[self->method];
}

/* Pairs */

static int
compare_pairs (const void *a,
               const void *b)
{
  const Pair *x = a, *y = b;
  double ax = fabs (x->r), ay = fabs (y->r);

  if (ax != ay)
    return ax < ay ? 1 : -1;
  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return x->col < y->col ? -1 : x->col > y->col;
}

static char *
format_coefficient (double r)
{
  if (isnan (r))
    return g_strdup ("—");
  /* a real minus sign, as in print */
  return r < 0 ? g_strdup_printf ("−%.2f", -r) : g_strdup_printf ("%.2f", r);
}

static char *
describe_pair (EaselCorrelationView   *self,
               const EaselCorrelation *correlation,
               guint                   row,
               guint                   col)
{
  gsize index = (gsize) row * correlation->n + col;
  g_autofree char *coefficient = format_coefficient (correlation->r[index]);
  g_autofree char *rows = easel_format_count (correlation->counts[index]);

  /* Translators: a correlation coefficient's symbol and value, and the rows it used,
   * e.g. "r = 0.71 · 2,930 rows" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s = %s · %s row", "%s = %s · %s rows",
                                       (gulong) MIN (correlation->counts[index], G_MAXULONG)),
                          method_symbol (correlation->method), coefficient, rows);
}

static void
clear_pairs (EaselCorrelationView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pairs_list))) != NULL)
    gtk_list_box_remove (self->pairs_list, child);
  self->n_pairs = 0;
}

static void
fill_pairs (EaselCorrelationView   *self,
            const EaselCorrelation *correlation)
{
  g_autofree Pair *pairs = NULL;
  gsize n = 0;

  clear_pairs (self);
  if (correlation == NULL || correlation->n < 2)
    {
      gtk_widget_set_visible (self->pairs_group, FALSE);
      return;
    }

  pairs = g_new (Pair, (gsize) correlation->n * (correlation->n - 1) / 2);
  for (guint i = 0; i < correlation->n; i++)
    for (guint j = i + 1; j < correlation->n; j++)
      {
        double r = correlation->r[(gsize) i * correlation->n + j];

        if (!isnan (r))
          pairs[n++] = (Pair) { i, j, r };
      }
  qsort (pairs, n, sizeof *pairs, compare_pairs);

  for (gsize k = 0; k < n && k < MAX_PAIRS; k++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = describe_pair (self, correlation, pairs[k].row, pairs[k].col);
      g_autofree char *coefficient = format_coefficient (pairs[k].r);

      /* Translators: two column names, a pair whose correlation is shown */
      title = g_strdup_printf (_("%s × %s"), correlation->names[pairs[k].row],
                               correlation->names[pairs[k].col]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

      gtk_label_set_label (GTK_LABEL (value), coefficient);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (value, "coefficient");
      gtk_widget_add_css_class (value, pairs[k].r < 0 ? "negative" : "positive");
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

      g_object_set_data (G_OBJECT (row), "easel-row", GUINT_TO_POINTER (pairs[k].row));
      g_object_set_data (G_OBJECT (row), "easel-col", GUINT_TO_POINTER (pairs[k].col));
      gtk_list_box_append (self->pairs_list, row);
      self->n_pairs++;
    }

  gtk_widget_set_visible (self->pairs_group, self->n_pairs > 0);
}

/* The scatter */

static void
clear_pair (EaselCorrelationView *self)
{
  self->pair_x = self->pair_y = -1;
  gtk_label_set_label (self->pair_label, _("No Pair Selected"));
  gtk_label_set_label (self->pair_detail_label,
                       _("Click a cell of the heatmap to see the two columns plotted against "
                         "each other"));
  easel_chart_view_set_placeholder (self->scatter_view, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->builder_button), FALSE);
}

/* The heatmap */

static void
show_correlation (EaselCorrelationView *self)
{
  const EaselCorrelation *correlation = current (self);
  g_autofree char *subtitle = NULL;
  EaselChart *chart;

  if (correlation == NULL)
    return;

  fill_pairs (self, correlation);

  if (correlation->n < 2)
    {
      adw_status_page_set_title (self->empty_page, _("Not Enough Numeric Columns"));
      adw_status_page_set_description (self->empty_page,
                                       _("Correlations need at least two columns of numbers"));
      gtk_stack_set_visible_child_name (self->heatmap_stack, "empty");
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
      gtk_label_set_label (self->subtitle_label, "");
      easel_chart_view_set_chart (self->heatmap_view, NULL);
      return;
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Between %u numeric column; click a cell to plot "
                                           "its pair",
                                           "Between %u numeric columns; click a cell to plot "
                                           "its pair", correlation->n),
                              correlation->n);
  gtk_label_set_label (self->subtitle_label, subtitle);

  chart = easel_chart_new_heatmap (correlation->r, correlation->n, correlation->n,
                                   (const char * const *) correlation->names,
                                   (const char * const *) correlation->names, -1.0, 1.0);
  easel_chart_set_title (chart, correlation->method == EASEL_CORRELATION_SPEARMAN
                                ? _("Spearman Correlation") : _("Pearson Correlation"));
  easel_chart_view_set_chart (self->heatmap_view, chart);
  gtk_stack_set_visible_child_name (self->heatmap_stack, "ready");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);

  if (self->pending_x != NULL && self->pending_y != NULL)
    {
      int row = -1, col = -1;

      for (guint i = 0; i < correlation->n; i++)
        {
          if (g_strcmp0 (correlation->names[i], self->pending_x) == 0)
            col = (int) i;
          if (g_strcmp0 (correlation->names[i], self->pending_y) == 0)
            row = (int) i;
        }
      g_clear_pointer (&self->pending_x, g_free);
      g_clear_pointer (&self->pending_y, g_free);
      if (row >= 0 && col >= 0)
        easel_correlation_view_select_pair (self, (guint) row, (guint) col);
    }
}

static gpointer
correlate_in_thread (gpointer        data,
                     EaselProgress  *progress,
                     GCancellable   *cancellable,
                     GError        **error)
{
  CorrelateRequest *request = data;

  return easel_correlate (request->table, request->method, progress, cancellable, error);
}

static void
stop_worker (EaselCorrelationView *self)
{
  gboolean was_busy = self->worker != NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress_binding, g_binding_unbind);
  g_clear_object (&self->worker);
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
correlate_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  EaselWorker *worker = EASEL_WORKER (object);
  g_autoptr(EaselCorrelationView) self = user_data;
  g_autoptr(EaselCorrelation) correlation = NULL;
  g_autoptr(GError) error = NULL;

  correlation = easel_worker_finish (worker, result, &error);
  if (worker != self->worker)
    return;   /* another table or method is asked for now */

  stop_worker (self);
  if (correlation == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_title (self->empty_page, _("Could Not Compute Correlations"));
          adw_status_page_set_description (self->empty_page, error->message);
          gtk_stack_set_visible_child_name (self->heatmap_stack, "empty");
        }
      return;
    }

  self->results[correlation->method] = g_steal_pointer (&correlation);
  show_correlation (self);
}

/* Computes the matrix of the current method, unless it is there already. */
static void
update (EaselCorrelationView *self)
{
  CorrelateRequest *request;

  if (self->table == NULL)
    return;

  if (current (self) != NULL)
    {
      stop_worker (self);
      show_correlation (self);
      return;
    }

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  stop_worker (self);
  request = g_new0 (CorrelateRequest, 1);
  request->table = easel_table_ref (self->table);
  request->method = self->method;
  self->cancellable = g_cancellable_new ();
  self->worker = easel_worker_run (correlate_in_thread, request, correlate_request_free,
                                   (GDestroyNotify) easel_correlation_free, self->cancellable,
                                   correlate_done_cb, g_object_ref (self));
  self->progress_binding = g_object_bind_property (self->worker, "fraction",
                                                   self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  gtk_stack_set_visible_child_name (self->heatmap_stack, "busy");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Signal callbacks */

static void
method_toggled_cb (EaselCorrelationView *self,
                   GtkToggleButton      *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  easel_correlation_view_set_method (self, button == self->spearman_button
                                           ? EASEL_CORRELATION_SPEARMAN
                                           : EASEL_CORRELATION_PEARSON);
}

static void
heatmap_activate_point_cb (EaselCorrelationView *self,
                           double                x,
                           double                y)
{
  const EaselCorrelation *correlation = current (self);
  guint row, col;

  if (correlation == NULL ||
      !easel_chart_view_get_cell_at (self->heatmap_view, x, y, correlation->n, correlation->n,
                                     &row, &col))
    return;

  easel_correlation_view_select_pair (self, row, col);
}

static void
pair_row_activated_cb (EaselCorrelationView *self,
                       GtkListBoxRow        *row)
{
  easel_correlation_view_select_pair (self,
                                      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row),
                                                                           "easel-row")),
                                      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row),
                                                                           "easel-col")));
}

static void
builder_clicked_cb (EaselCorrelationView *self)
{
  if (self->pair_x >= 0 && self->pair_y >= 0)
    g_signal_emit (self, signals[OPEN_IN_BUILDER], 0, self->pair_x, self->pair_y);
}

static void
export_clicked_cb (EaselCorrelationView *self)
{
  easel_chart_view_export (self->heatmap_view,
                           self->method == EASEL_CORRELATION_SPEARMAN
                           ? _("spearman-correlation") : _("pearson-correlation"));
}

/* Overrides */

static void
easel_correlation_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (easel_correlation_view_parent_class)->map (widget);

  update (EASEL_CORRELATION_VIEW (widget));
}

static void
easel_correlation_view_dispose (GObject *object)
{
  EaselCorrelationView *self = EASEL_CORRELATION_VIEW (object);
  GtkWidget *child;

  stop_worker (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_CORRELATION_VIEW);
  /* the template's root has no id, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_correlation_view_parent_class)->dispose (object);
}

static void
easel_correlation_view_finalize (GObject *object)
{
  EaselCorrelationView *self = EASEL_CORRELATION_VIEW (object);

  g_clear_pointer (&self->table, easel_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->results); i++)
    g_clear_pointer (&self->results[i], easel_correlation_free);
  g_clear_pointer (&self->pending_x, g_free);
  g_clear_pointer (&self->pending_y, g_free);

  G_OBJECT_CLASS (easel_correlation_view_parent_class)->finalize (object);
}

static void
easel_correlation_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  EaselCorrelationView *self = EASEL_CORRELATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, easel_correlation_view_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_correlation_view_class_init (EaselCorrelationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_correlation_view_dispose;
  object_class->finalize = easel_correlation_view_finalize;
  object_class->get_property = easel_correlation_view_get_property;
  widget_class->map = easel_correlation_view_map;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Asks to open the pair (x, y: table column indices) in the chart builder. */
  signals[OPEN_IN_BUILDER] =
    g_signal_new ("open-in-builder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  g_type_ensure (EASEL_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-correlation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, pearson_button);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, spearman_button);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, export_button);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, heatmap_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, busy_page);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, heatmap_view);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, pair_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, pair_detail_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, scatter_view);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, builder_button);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, pairs_group);
  gtk_widget_class_bind_template_child (widget_class, EaselCorrelationView, pairs_list);
  gtk_widget_class_bind_template_callback (widget_class, method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, heatmap_activate_point_cb);
  gtk_widget_class_bind_template_callback (widget_class, pair_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, builder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "correlationview");
}

static void
easel_correlation_view_init (EaselCorrelationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->method = EASEL_CORRELATION_PEARSON;
  /* the square of cells, with the labels beside and below it */
  easel_chart_view_set_aspect_ratio (self->heatmap_view, 0.92);
  clear_pair (self);
  gtk_widget_set_visible (self->pairs_group, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
}

/* Public API */

GtkWidget *
easel_correlation_view_new (void)
{
  return g_object_new (EASEL_TYPE_CORRELATION_VIEW, NULL);
}

void
easel_correlation_view_set_table (EaselCorrelationView *self,
                                  EaselTable           *table)
{
  g_return_if_fail (EASEL_IS_CORRELATION_VIEW (self));

  if (table == self->table)
    return;

  stop_worker (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->results); i++)
    g_clear_pointer (&self->results[i], easel_correlation_free);
  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;

  clear_pair (self);
  clear_pairs (self);
  gtk_widget_set_visible (self->pairs_group, FALSE);
  easel_chart_view_set_chart (self->heatmap_view, NULL);
  gtk_stack_set_visible_child_name (self->heatmap_stack, "busy");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  update (self);
}

void
easel_correlation_view_set_method (EaselCorrelationView   *self,
                                   EaselCorrelationMethod  method)
{
  g_return_if_fail (EASEL_IS_CORRELATION_VIEW (self));

  if (method == self->method)
    return;

  self->method = method;
  gtk_toggle_button_set_active (method == EASEL_CORRELATION_SPEARMAN ? self->spearman_button
                                                                     : self->pearson_button,
                                TRUE);
  update (self);

  /* The pair stays plotted; its coefficient is the new method's. */
  if (self->pair_x >= 0 && self->pair_y >= 0 && current (self) != NULL)
    {
      const EaselCorrelation *correlation = current (self);

      for (guint i = 0; i < correlation->n; i++)
        for (guint j = 0; j < correlation->n; j++)
          if ((int) correlation->columns[i] == self->pair_y &&
              (int) correlation->columns[j] == self->pair_x)
            {
              g_autofree char *detail = describe_pair (self, correlation, i, j);

              gtk_label_set_label (self->pair_detail_label, detail);
            }
    }
}

EaselCorrelationMethod
easel_correlation_view_get_method (EaselCorrelationView *self)
{
  g_return_val_if_fail (EASEL_IS_CORRELATION_VIEW (self), EASEL_CORRELATION_PEARSON);

  return self->method;
}

gboolean
easel_correlation_view_get_busy (EaselCorrelationView *self)
{
  g_return_val_if_fail (EASEL_IS_CORRELATION_VIEW (self), FALSE);

  return self->worker != NULL;
}

const EaselCorrelation *
easel_correlation_view_get_correlation (EaselCorrelationView *self)
{
  g_return_val_if_fail (EASEL_IS_CORRELATION_VIEW (self), NULL);

  return current (self);
}

EaselChartView *
easel_correlation_view_get_heatmap (EaselCorrelationView *self)
{
  g_return_val_if_fail (EASEL_IS_CORRELATION_VIEW (self), NULL);

  return self->heatmap_view;
}

EaselChartView *
easel_correlation_view_get_scatter (EaselCorrelationView *self)
{
  g_return_val_if_fail (EASEL_IS_CORRELATION_VIEW (self), NULL);

  return self->scatter_view;
}

void
easel_correlation_view_select_pair (EaselCorrelationView *self,
                                    guint                 row,
                                    guint                 col)
{
  const EaselCorrelation *correlation;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  EaselChartRequest *request;

  g_return_if_fail (EASEL_IS_CORRELATION_VIEW (self));

  correlation = current (self);
  if (correlation == NULL || row >= correlation->n || col >= correlation->n)
    return;

  /* The cell's column across, its row up, as the heatmap reads */
  self->pair_x = (int) correlation->columns[col];
  self->pair_y = (int) correlation->columns[row];

  if (row == col)
    {
      title = g_strdup (correlation->names[row]);
      detail = g_strdup (_("A column against itself: its distribution"));
      request = easel_chart_request_new_distribution (self->table, correlation->columns[row]);
    }
  else
    {
      title = g_strdup_printf (_("%s × %s"), correlation->names[col], correlation->names[row]);
      detail = describe_pair (self, correlation, row, col);
      request = easel_chart_request_new (self->table, EASEL_CHART_SCATTER, self->pair_x,
                                         self->pair_y, -1);
    }

  gtk_label_set_label (self->pair_label, title);
  gtk_label_set_label (self->pair_detail_label, detail);
  gtk_widget_set_sensitive (GTK_WIDGET (self->builder_button), row != col);
  easel_chart_view_build (self->scatter_view, easel_chart_request_build, request,
                          (GDestroyNotify) easel_chart_request_free);
}

guint
easel_correlation_view_get_n_pairs (EaselCorrelationView *self)
{
  g_return_val_if_fail (EASEL_IS_CORRELATION_VIEW (self), 0);

  return self->n_pairs;
}

void
easel_correlation_view_select_columns (EaselCorrelationView *self,
                                       const char           *x,
                                       const char           *y)
{
  g_return_if_fail (EASEL_IS_CORRELATION_VIEW (self));
  g_return_if_fail (x != NULL && y != NULL);

  g_free (self->pending_x);
  g_free (self->pending_y);
  self->pending_x = g_strdup (x);
  self->pending_y = g_strdup (y);
  if (current (self) != NULL)
    show_correlation (self);
}
