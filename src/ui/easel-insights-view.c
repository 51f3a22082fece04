/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-insights-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>

#include "easel-format.h"
#include "easel-insights-view.h"
#include "easel-worker.h"

#define N_SEVERITIES 3

typedef struct
{
  char   *column;
  double  value;
} PowerEntry;

struct _EaselInsightsView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwComboRow         *target_row;
  GtkStack            *state_stack;
  GtkLabel            *busy_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  AdwStatusPage       *error_page;
  GtkBox              *groups_box;
  GtkRevealer         *power_revealer;
  AdwPreferencesGroup *power_group;
  GtkListBox          *power_list;

  /* Owned */
  EaselTable          *table;
  char                *target;
  EaselInsights       *insights;
  EaselWorker         *worker;
  GCancellable        *cancellable;
  GBinding            *progress_binding;
  GBinding            *message_binding;
  GPtrArray           *warning_rows;     /* AdwActionRow, borrowed */
  GArray              *power;            /* PowerEntry, strongest first */

  /* Borrowed */
  AdwPreferencesGroup *groups[N_SEVERITIES];

  /* State */
  gboolean             filling_targets;
};

typedef struct
{
  EaselTable *table;
  char       *target;
} InsightsRequest;

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  COLUMN_ACTIVATED,
  ADD_STEP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselInsightsView, easel_insights_view, GTK_TYPE_WIDGET)

static void
insights_request_free (gpointer data)
{
  InsightsRequest *request = data;

  easel_table_unref (request->table);
  g_free (request->target);
  g_free (request);
}

static void
power_entry_clear (gpointer data)
{
  PowerEntry *entry = data;

  g_free (entry->column);
}

/* What kind of finding a warning is, as a heading. */
static const char *
kind_label (const char *kind)
{
  static const struct
  {
    const char *kind;
    const char *label;
  } labels[] = {
    { "high_missing", N_("Many Missing Values") },
    { "constant", N_("Constant Column") },
    { "id_like", N_("Looks Like an Identifier") },
    { "high_cardinality", N_("Many Distinct Categories") },
    { "skewed", N_("Skewed Distribution") },
    { "outliers", N_("Outliers") },
    { "mixed_types", N_("Mixed Types") },
    { "whitespace", N_("Stray Spaces") },
    { "duplicate_rows", N_("Duplicate Rows") },
    { "high_correlation", N_("Strongly Correlated Pair") },
    { "multicollinearity", N_("Multicollinearity") },
    { "imbalanced_target", N_("Imbalanced Target") },
    { "target_leakage", N_("Possible Target Leakage") },
    { "target_type", N_("Target Cannot Be Predicted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);

  return _("Finding");
}

static const char *
severity_icon (EaselSeverity severity)
{
  switch (severity)
    {
    case EASEL_SEVERITY_HIGH:
      return "dialog-error-symbolic";
    case EASEL_SEVERITY_MEDIUM:
      return "dialog-warning-symbolic";
    case EASEL_SEVERITY_LOW:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_style (EaselSeverity severity)
{
  switch (severity)
    {
    case EASEL_SEVERITY_HIGH:
      return "severity-high";
    case EASEL_SEVERITY_MEDIUM:
      return "severity-medium";
    case EASEL_SEVERITY_LOW:
    default:
      return "severity-low";
    }
}

static const char *
severity_label (EaselSeverity severity)
{
  switch (severity)
    {
    case EASEL_SEVERITY_HIGH:
      return _("High Severity");
    case EASEL_SEVERITY_MEDIUM:
      return _("Medium Severity");
    case EASEL_SEVERITY_LOW:
    default:
      return _("Low Severity");
    }
}

/* Filling */

static void
clear_results (EaselInsightsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->power_list))) != NULL)
    gtk_list_box_remove (self->power_list, child);

  for (guint i = 0; i < N_SEVERITIES; i++)
    self->groups[i] = NULL;
  g_ptr_array_set_size (self->warning_rows, 0);
  g_array_set_size (self->power, 0);
  gtk_revealer_set_reveal_child (self->power_revealer, FALSE);
}

static void
show_column_clicked_cb (EaselInsightsView *self,
                        GtkButton         *button)
{
  const char *column = g_object_get_data (G_OBJECT (button), "easel-column");

  if (column != NULL)
    g_signal_emit (self, signals[COLUMN_ACTIVATED], 0, column);
}

/* Quick actions */

static void
quick_action_clicked_cb (EaselInsightsView *self,
                         GtkButton         *button)
{
  const char *step = g_object_get_data (G_OBJECT (button), "easel-step");

  g_signal_emit (self, signals[ADD_STEP], 0, step);
  /* the window adds the step to the recipe and shows it (no window: nothing happens) */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-step", "s", step);
}

/* A step as JSON: {"op": op} with "columns": [column] when 'column' is not NULL. */
static char *
step_json (const char *op,
           const char *column,
           const char *strategy)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "op");
  json_builder_add_string_value (b, op);
  if (column != NULL)
    {
      json_builder_set_member_name (b, "columns");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, column);
      json_builder_end_array (b);
    }
  if (strategy != NULL)
    {
      json_builder_set_member_name (b, "strategy");
      json_builder_add_string_value (b, strategy);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
add_quick_action (EaselInsightsView *self,
                  GtkWidget         *row,
                  const char        *label,
                  const char        *accessible,
                  char              *step)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "quick-action");
  gtk_widget_set_tooltip_text (button, _("Add a step to the recipe, in Prepare"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "easel-step", step, g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (quick_action_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

/* The steps that fix a finding, as buttons: drop a useless column, fill in missing numbers,
 * remove duplicate rows, trim stray spaces. */
static void
add_quick_actions (EaselInsightsView  *self,
                   GtkWidget          *row,
                   const EaselInsight *insight)
{
  const char *kind = insight->kind;
  const char *column = insight->column;
  int index = column != NULL && self->table != NULL ? easel_table_find_column (self->table,
                                                                              column)
                                                    : -1;
  gboolean numeric = index >= 0
                     && easel_table_get_column (self->table, (guint) index)->type
                          == EASEL_COLUMN_NUMERIC;
  g_autofree char *accessible = NULL;

  if (g_strcmp0 (kind, "duplicate_rows") == 0)
    add_quick_action (self, row, _("Remove Duplicates"), _("Remove the duplicate rows"),
                      step_json ("drop_duplicates", NULL, NULL));
  if (column == NULL)
    return;
  if (g_strcmp0 (kind, "high_missing") == 0 && numeric)
    {
      /* Translators: a quick action's accessible name; %s is a column */
      accessible = g_strdup_printf (_("Fill in the missing values of “%s” with its median"),
                                    column);
      add_quick_action (self, row, _("Impute Median"), accessible,
                        step_json ("impute", column, "median"));
      g_clear_pointer (&accessible, g_free);
    }
  if (g_strcmp0 (kind, "constant") == 0 || g_strcmp0 (kind, "id_like") == 0
      || g_strcmp0 (kind, "high_missing") == 0)
    {
      /* Translators: a quick action's accessible name; %s is a column */
      accessible = g_strdup_printf (_("Drop the column “%s”"), column);
      add_quick_action (self, row, _("Drop Column"), accessible,
                        step_json ("drop_columns", column, NULL));
      g_clear_pointer (&accessible, g_free);
    }
  if (g_strcmp0 (kind, "whitespace") == 0)
    {
      /* Translators: a quick action's accessible name; %s is a column */
      accessible = g_strdup_printf (_("Trim the spaces around the values of “%s”"), column);
      add_quick_action (self, row, _("Trim Spaces"), accessible,
                        step_json ("strip", column, NULL));
    }
}

static GtkWidget *
create_warning_row (EaselInsightsView  *self,
                    const EaselInsight *insight)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (insight->severity));
  g_autofree char *title = NULL;

  if (insight->column != NULL)
    /* Translators: a finding's heading: what it is, then the column it is about */
    title = g_strdup_printf (_("%s: %s"), kind_label (insight->kind), insight->column);
  else
    title = g_strdup (kind_label (insight->kind));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), insight->message);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  gtk_widget_add_css_class (icon, "severity-icon");
  gtk_widget_add_css_class (icon, severity_style (insight->severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity_label (insight->severity),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  /* A screen reader reads the heading as the row's name, then the finding itself */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, insight->message,
                                  -1);
  add_quick_actions (self, row, insight);

  if (insight->column != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
      g_autofree char *label = NULL;

      /* Translators: what the button beside a finding does; %s is a column's name */
      label = g_strdup_printf (_("Show the column “%s”"), insight->column);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Show Column"));
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "easel-column", g_strdup (insight->column),
                              g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (show_column_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      /* activating the row presses the button */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static char *
format_rows_summary (const EaselInsights *insights)
{
  g_autofree char *columns = easel_format_table_size (insights->rows, insights->n_columns);
  g_autofree char *duplicates = NULL;

  if (insights->duplicate_rows == 0)
    /* Translators: after the size of a table, e.g. "2,930 rows · 74 columns · no duplicate
     * rows" */
    return g_strdup_printf (_("%s · no duplicate rows"), columns);

  duplicates = easel_format_count (insights->duplicate_rows);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s duplicate row",
                                       "%s · %s duplicate rows",
                                       (gulong) MIN (insights->duplicate_rows, G_MAXULONG)),
                          columns, duplicates);
}

static void
fill_warnings (EaselInsightsView *self)
{
  const EaselInsights *insights = self->insights;
  guint counts[N_SEVERITIES] = { 0 };
  g_autofree char *summary = format_rows_summary (insights);
  GtkWidget *summary_label = gtk_label_new (summary);

  gtk_label_set_xalign (GTK_LABEL (summary_label), 0);
  gtk_label_set_wrap (GTK_LABEL (summary_label), TRUE);
  gtk_widget_add_css_class (summary_label, "dim-label");
  gtk_widget_set_margin_start (summary_label, 6);
  gtk_box_append (self->groups_box, summary_label);

  for (guint i = 0; i < insights->warnings->len; i++)
    {
      const EaselInsight *insight = g_ptr_array_index (insights->warnings, i);

      counts[CLAMP (insight->severity, 0, N_SEVERITIES - 1)]++;
    }

  if (insights->warnings->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Problems Found"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("The columns look ready for building a model"));
      gtk_widget_add_css_class (status, "compact");
      gtk_box_append (self->groups_box, status);
      return;
    }

  /* High first: the core lists the warnings most severe first, then in table order. */
  for (int severity = EASEL_SEVERITY_HIGH; severity >= EASEL_SEVERITY_LOW; severity--)
    {
      GtkWidget *group;
      g_autofree char *description = NULL;

      if (counts[severity] == 0)
        continue;

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), severity_label (severity));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings",
                                                  counts[severity]),
                                     counts[severity]);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      self->groups[severity] = ADW_PREFERENCES_GROUP (group);

      for (guint i = 0; i < insights->warnings->len; i++)
        {
          const EaselInsight *insight = g_ptr_array_index (insights->warnings, i);
          GtkWidget *row;

          if ((int) insight->severity != severity)
            continue;
          row = create_warning_row (self, insight);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_add (self->warning_rows, row);
        }

      gtk_box_append (self->groups_box, group);
    }
}

static int
compare_power (const void *a,
               const void *b)
{
  const PowerEntry *x = a, *y = b;

  /* strongest first; columns without a value last */
  if (isnan (x->value) != isnan (y->value))
    return isnan (x->value) ? 1 : -1;
  if (!isnan (x->value) && x->value != y->value)
    return x->value < y->value ? 1 : -1;
  return 0;
}

static GtkWidget *
create_power_row (const PowerEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (entry->column);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  text = isnan (entry->value) ? g_strdup ("—") : g_strdup_printf ("%.2f", entry->value);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_tooltip_text (name, entry->column);
  gtk_label_set_label (GTK_LABEL (value), text);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (value, "dim-label");

  /* one continuous bar, without the low/high/full colours of a level */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), isnan (entry->value) ? 0
                                                : CLAMP (entry->value, 0, 1));
  gtk_widget_add_css_class (bar, "power-bar");

  gtk_box_append (GTK_BOX (line), name);
  gtk_box_append (GTK_BOX (line), value);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_add_css_class (box, "power-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a column and how well it predicts the target on its own, e.g.
   * "Gr_Liv_Area: 0.52" */
  description = g_strdup_printf (_("%s: %s"), entry->column, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Predictive power"),
                                  -1);
  gtk_widget_set_tooltip_text (row, _("Show this column"));

  return row;
}

static void
fill_power (EaselInsightsView *self)
{
  const EaselInsights *insights = self->insights;
  g_autofree char *description = NULL;

  if (insights->target == NULL)
    return;

  for (guint i = 0; i < insights->n_columns; i++)
    {
      PowerEntry entry;

      if (g_strcmp0 (insights->names[i], insights->target) == 0)
        continue;
      entry.column = g_strdup (insights->names[i]);
      entry.value = insights->predictive_power[i];
      g_array_append_val (self->power, entry);
    }
  qsort (self->power->data, self->power->len, sizeof (PowerEntry), compare_power);

  for (guint i = 0; i < self->power->len; i++)
    gtk_list_box_append (self->power_list,
                         create_power_row (&g_array_index (self->power, PowerEntry, i)));

  /* Translators: %s is the column to predict */
  description = g_strdup_printf (_("How well each column predicts “%s” on its own, from 0 "
                                   "(not at all) to 1 (perfectly)"), insights->target);
  adw_preferences_group_set_description (self->power_group, description);
  gtk_revealer_set_reveal_child (self->power_revealer, TRUE);
}

/* Work */

static gpointer
insights_in_thread (gpointer        data,
                    EaselProgress  *progress,
                    GCancellable   *cancellable,
                    GError        **error)
{
  InsightsRequest *request = data;

  return easel_insights_compute (request->table, request->target, progress, cancellable,
                                 error);
}

static void
stop_worker (EaselInsightsView *self)
{
  gboolean was_busy = self->worker != NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->worker);
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
insights_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EaselWorker *worker = EASEL_WORKER (object);
  g_autoptr(EaselInsightsView) self = user_data;
  g_autoptr(EaselInsights) insights = NULL;
  g_autoptr(GError) error = NULL;

  insights = easel_worker_finish (worker, result, &error);
  if (worker != self->worker)
    return;   /* another table or target is asked for now */

  if (insights == NULL)
    {
      stop_worker (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->state_stack, "error");
        }
      return;
    }

  self->insights = g_steal_pointer (&insights);
  fill_warnings (self);
  fill_power (self);
  gtk_stack_set_visible_child_name (self->state_stack, "ready");
  /* not busy only once the rows are there */
  stop_worker (self);
}

static void
start_worker (EaselInsightsView *self)
{
  InsightsRequest *request;

  if (self->table == NULL || self->insights != NULL || self->worker != NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  request = g_new0 (InsightsRequest, 1);
  request->table = easel_table_ref (self->table);
  request->target = g_strdup (self->target);

  self->cancellable = g_cancellable_new ();
  self->worker = easel_worker_run (insights_in_thread, request, insights_request_free,
                                   (GDestroyNotify) easel_insights_free, self->cancellable,
                                   insights_done_cb, g_object_ref (self));
  self->progress_binding = g_object_bind_property (self->worker, "fraction",
                                                   self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  self->message_binding = g_object_bind_property (self->worker, "message",
                                                  self->progress_label, "label",
                                                  G_BINDING_SYNC_CREATE);
  gtk_label_set_label (self->busy_label, self->target != NULL
                                         ? _("Rating Each Column…")
                                         : _("Looking for Problems…"));
  gtk_stack_set_visible_child_name (self->state_stack, "busy");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Drops the results and computes them again (when shown). */
static void
restart (EaselInsightsView *self)
{
  stop_worker (self);
  g_clear_pointer (&self->insights, easel_insights_free);
  clear_results (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, "");
  gtk_stack_set_visible_child_name (self->state_stack, "busy");
  start_worker (self);
}

static void
fill_targets (EaselInsightsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n_columns = self->table != NULL ? easel_table_get_n_columns (self->table) : 0;
  guint selected = 0;

  /* Translators: no column to predict */
  gtk_string_list_append (names, C_("target", "None"));
  for (guint i = 0; i < n_columns; i++)
    {
      const char *name = easel_table_get_column (self->table, i)->name;

      gtk_string_list_append (names, name);
      if (g_strcmp0 (name, self->target) == 0)
        selected = i + 1;
    }

  self->filling_targets = TRUE;
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->target_row, selected);
  self->filling_targets = FALSE;

  if (selected == 0)
    g_clear_pointer (&self->target, g_free);
}

/* Signal callbacks */

static void
target_changed_cb (EaselInsightsView *self)
{
  guint selected = adw_combo_row_get_selected (self->target_row);
  const char *name = NULL;

  if (self->filling_targets || self->table == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    name = easel_table_get_column (self->table, selected - 1)->name;
  if (g_strcmp0 (name, self->target) == 0)
    return;

  g_free (self->target);
  self->target = g_strdup (name);
  restart (self);
}

static void
power_row_activated_cb (EaselInsightsView *self,
                        GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->power->len)
    g_signal_emit (self, signals[COLUMN_ACTIVATED], 0,
                   g_array_index (self->power, PowerEntry, index).column);
}

/* Overrides */

static void
easel_insights_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (easel_insights_view_parent_class)->map (widget);

  start_worker (EASEL_INSIGHTS_VIEW (widget));
}

static void
easel_insights_view_dispose (GObject *object)
{
  EaselInsightsView *self = EASEL_INSIGHTS_VIEW (object);
  GtkWidget *child;

  stop_worker (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_INSIGHTS_VIEW);
  /* the template's root has no id, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_insights_view_parent_class)->dispose (object);
}

static void
easel_insights_view_finalize (GObject *object)
{
  EaselInsightsView *self = EASEL_INSIGHTS_VIEW (object);

  g_clear_pointer (&self->table, easel_table_unref);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->insights, easel_insights_free);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->power, g_array_unref);

  G_OBJECT_CLASS (easel_insights_view_parent_class)->finalize (object);
}

static void
easel_insights_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EaselInsightsView *self = EASEL_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, easel_insights_view_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_insights_view_class_init (EaselInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_insights_view_dispose;
  object_class->finalize = easel_insights_view_finalize;
  object_class->get_property = easel_insights_view_get_property;
  widget_class->map = easel_insights_view_map;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A warning or a column of the predictive power list was activated: show the column. */
  signals[COLUMN_ACTIVATED] =
    g_signal_new ("column-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A quick action asked for a step in the recipe: the step as JSON ({"op": ...}). */
  signals[ADD_STEP] =
    g_signal_new ("add-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, target_row);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, busy_label);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, power_revealer);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, power_group);
  gtk_widget_class_bind_template_child (widget_class, EaselInsightsView, power_list);
  gtk_widget_class_bind_template_callback (widget_class, target_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, power_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "insightsview");
}

static void
easel_insights_view_init (EaselInsightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->warning_rows = g_ptr_array_new ();
  self->power = g_array_new (FALSE, FALSE, sizeof (PowerEntry));
  g_array_set_clear_func (self->power, power_entry_clear);
  fill_targets (self);
}

/* Public API */

GtkWidget *
easel_insights_view_new (void)
{
  return g_object_new (EASEL_TYPE_INSIGHTS_VIEW, NULL);
}

void
easel_insights_view_set_table (EaselInsightsView *self,
                               EaselTable        *table)
{
  g_return_if_fail (EASEL_IS_INSIGHTS_VIEW (self));

  if (table == self->table)
    return;

  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;
  /* the column to predict stays if the new table has it */
  fill_targets (self);
  restart (self);
}

gboolean
easel_insights_view_set_target (EaselInsightsView *self,
                                const char        *target)
{
  int index = -1;

  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), FALSE);

  if (target != NULL)
    {
      if (self->table == NULL)
        return FALSE;
      index = easel_table_find_column (self->table, target);
      if (index < 0)
        return FALSE;
    }

  /* through the row, as a person would choose it */
  adw_combo_row_set_selected (self->target_row, (guint) (index + 1));
  return TRUE;
}

const char *
easel_insights_view_get_target (EaselInsightsView *self)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), NULL);

  return self->target;
}

gboolean
easel_insights_view_get_busy (EaselInsightsView *self)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), FALSE);

  return self->worker != NULL;
}

const EaselInsights *
easel_insights_view_get_insights (EaselInsightsView *self)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), NULL);

  return self->insights;
}

AdwPreferencesGroup *
easel_insights_view_get_group (EaselInsightsView *self,
                               EaselSeverity      severity)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), NULL);
  g_return_val_if_fail (severity < N_SEVERITIES, NULL);

  return self->groups[severity];
}

GPtrArray *
easel_insights_view_get_warning_rows (EaselInsightsView *self)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), NULL);

  return self->warning_rows;
}

guint
easel_insights_view_get_n_power_rows (EaselInsightsView *self)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), 0);

  return self->power->len;
}

const char *
easel_insights_view_get_power_column (EaselInsightsView *self,
                                      guint              index)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), NULL);
  g_return_val_if_fail (index < self->power->len, NULL);

  return g_array_index (self->power, PowerEntry, index).column;
}

double
easel_insights_view_get_power_value (EaselInsightsView *self,
                                     guint              index)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), NAN);
  g_return_val_if_fail (index < self->power->len, NAN);

  return g_array_index (self->power, PowerEntry, index).value;
}

AdwComboRow *
easel_insights_view_get_target_row (EaselInsightsView *self)
{
  g_return_val_if_fail (EASEL_IS_INSIGHTS_VIEW (self), NULL);

  return self->target_row;
}
