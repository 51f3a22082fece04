/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-columns-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "easel-chart-request.h"
#include "easel-columns-view.h"
#include "easel-format.h"
#include "easel-sparkline.h"
#include "easel-worker.h"

/* ---- One column in the list ---- */

#define EASEL_TYPE_COLUMN_ITEM (easel_column_item_get_type ())
G_DECLARE_FINAL_TYPE (EaselColumnItem, easel_column_item, EASEL, COLUMN_ITEM, GObject)

struct _EaselColumnItem
{
  GObject            parent_instance;

  guint              index;
  char              *name;
  EaselColumnType    type;
  gsize              n_rows;
  gsize              n_missing;
  EaselColumnSketch  sketch;
  gboolean           has_sketch;
};

enum {
  ITEM_PROP_0,
  ITEM_PROP_NAME,
  ITEM_PROP_HAS_SKETCH,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (EaselColumnItem, easel_column_item, G_TYPE_OBJECT)

static void
easel_column_item_finalize (GObject *object)
{
  EaselColumnItem *self = EASEL_COLUMN_ITEM (object);

  g_free (self->name);

  G_OBJECT_CLASS (easel_column_item_parent_class)->finalize (object);
}

static void
easel_column_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EaselColumnItem *self = EASEL_COLUMN_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ITEM_PROP_HAS_SKETCH:
      g_value_set_boolean (value, self->has_sketch);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_column_item_class_init (EaselColumnItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = easel_column_item_finalize;
  object_class->get_property = easel_column_item_get_property;

  item_properties[ITEM_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_HAS_SKETCH] =
    g_param_spec_boolean ("has-sketch", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
easel_column_item_init (EaselColumnItem *self)
{
}

static EaselColumnItem *
easel_column_item_new (const EaselColumn *column,
                       guint              index)
{
  EaselColumnItem *self = g_object_new (EASEL_TYPE_COLUMN_ITEM, NULL);

  self->index = index;
  self->name = g_strdup (column->name);
  self->type = column->type;
  self->n_rows = column->n_rows;
  self->n_missing = column->n_missing;

  return self;
}

static void
easel_column_item_set_sketch (EaselColumnItem         *self,
                              const EaselColumnSketch *sketch)
{
  self->sketch = *sketch;
  self->has_sketch = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_HAS_SKETCH]);
}

/* ---- The view ---- */

struct _EaselColumnsView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkLabel           *heading;
  GtkSearchEntry     *search_entry;
  GtkListView        *column_list;
  GtkStack           *detail_stack;
  GtkImage           *type_image;
  GtkLabel           *name_label;
  GtkLabel           *summary_label;
  EaselChartView     *chart_view;
  GtkStack           *stats_stack;
  GtkFlowBox         *stats_box;

  /* Owned */
  EaselTable         *table;
  GListStore         *items;
  GtkStringFilter    *filter;
  GtkSingleSelection *selection;
  EaselWorker        *worker;
  GCancellable       *cancellable;
  EaselTableSummary  *summary;
  GHashTable         *statistics;   /* key → GtkLabel (borrowed) */

  guint               scroll_idle;
  gboolean            chart_dirty;   /* the selected column's chart waits to be shown */
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_SELECTED_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EaselColumnsView, easel_columns_view, GTK_TYPE_WIDGET)

/* Helpers */

static char *
format_missing (gsize n_missing,
                gsize n_rows)
{
  g_autofree char *share = NULL;

  if (n_missing == 0)
    return g_strdup (_("none missing"));

  share = easel_format_share (n_missing, n_rows);
  /* Translators: the share of a column's values that are missing, e.g. "16.7% missing" */
  return g_strdup_printf (_("%s missing"), share);
}

static EaselColumnItem *
get_selected_item (EaselColumnsView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static const EaselColumnProfile *
get_profile (EaselColumnsView *self,
             guint             index)
{
  if (self->summary == NULL || index >= self->summary->profile->n_columns)
    return NULL;

  return &self->summary->profile->columns[index];
}

/* Statistics */

static void
clear_statistics (EaselColumnsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_box))) != NULL)
    gtk_flow_box_remove (self->stats_box, child);
  g_hash_table_remove_all (self->statistics);
}

static void
add_statistic (EaselColumnsView *self,
               const char       *key,
               const char       *title,
               const char       *value)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *child;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "stat-card");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title_label, "caption");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_tooltip_text (value_label, value);
  gtk_widget_add_css_class (value_label, "title-4");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (card), title_label);
  gtk_box_append (GTK_BOX (card), value_label);

  gtk_flow_box_append (self->stats_box, card);
  child = gtk_widget_get_parent (card);
  gtk_widget_set_focusable (child, FALSE);
  /* Read as one item: "Mean, 180,796" */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, value_label,
                                  NULL, -1);

  g_hash_table_insert (self->statistics, g_strdup (key), value_label);
}

static void
add_number (EaselColumnsView *self,
            const char       *key,
            const char       *title,
            double            value)
{
  g_autofree char *text = easel_format_statistic (value);

  add_statistic (self, key, title, text);
}

static void
add_count (EaselColumnsView *self,
           const char       *key,
           const char       *title,
           guint64           value)
{
  g_autofree char *text = easel_format_count (value);

  add_statistic (self, key, title, text);
}

static void
add_datetime (EaselColumnsView  *self,
              const char        *key,
              const char        *title,
              const EaselColumn *column,
              double             seconds)
{
  char buf[40];

  if (isnan (seconds))
    {
      add_statistic (self, key, title, "—");
      return;
    }

  easel_format_datetime (seconds, column->has_time, buf);
  add_statistic (self, key, title, buf);
}

static void
show_statistics (EaselColumnsView *self,
                 guint             index)
{
  const EaselColumnProfile *profile = get_profile (self, index);
  const EaselColumn *column;

  clear_statistics (self);
  if (profile == NULL)
    {
      gtk_stack_set_visible_child_name (self->stats_stack, "busy");
      return;
    }

  column = easel_table_get_column (self->table, index);
  add_count (self, "count", _("Values"), profile->count);
  add_count (self, "missing", _("Missing"), profile->missing);
  add_count (self, "distinct", _("Distinct"), profile->distinct);

  switch (profile->type)
    {
    case EASEL_COLUMN_NUMERIC:
      add_number (self, "mean", _("Mean"), profile->mean);
      add_number (self, "std", _("Standard Deviation"), profile->std);
      add_number (self, "min", _("Minimum"), profile->min);
      add_number (self, "p25", _("25th Percentile"), profile->p25);
      add_number (self, "median", _("Median"), profile->median);
      add_number (self, "p75", _("75th Percentile"), profile->p75);
      add_number (self, "max", _("Maximum"), profile->max);
      add_number (self, "skewness", _("Skewness"), profile->skewness);
      add_count (self, "zeros", _("Zeros"), profile->zeros);
      break;

    case EASEL_COLUMN_DATETIME:
      add_datetime (self, "earliest", _("Earliest"), column, profile->min);
      add_datetime (self, "median", _("Median"), column, profile->median);
      add_datetime (self, "latest", _("Latest"), column, profile->max);
      break;

    case EASEL_COLUMN_TEXT:
      add_number (self, "mean-length", _("Mean Length"), profile->mean_length);
      add_count (self, "min-length", _("Shortest"), profile->min_length);
      add_count (self, "max-length", _("Longest"), profile->max_length);
      G_GNUC_FALLTHROUGH;
    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_BOOLEAN:
      if (profile->n_top > 0)
        {
          g_autofree char *share = easel_format_share (profile->top[0].count, profile->count);
          const char *top = profile->top[0].value;

          add_statistic (self, "top", _("Most Frequent"),
                         top != NULL && top[0] != '\0' ? top : _("(empty)"));
          add_statistic (self, "top-share", _("Most Frequent Share"), share);
        }
      break;

    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }

  gtk_stack_set_visible_child_name (self->stats_stack, "ready");
}

/* Detail */

static void
build_chart (EaselColumnsView *self)
{
  EaselColumnItem *item = get_selected_item (self);

  self->chart_dirty = FALSE;
  if (item == NULL || self->table == NULL)
    return;

  easel_chart_view_build (self->chart_view, easel_chart_request_build,
                          easel_chart_request_new_distribution (self->table, item->index),
                          (GDestroyNotify) easel_chart_request_free);
}

static void
show_column (EaselColumnsView *self,
             guint             index)
{
  const EaselColumn *column;
  g_autofree char *count = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *summary = NULL;
  const char *type_label;

  if (self->table == NULL || index >= easel_table_get_n_columns (self->table))
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      easel_chart_view_set_chart (self->chart_view, NULL);
      clear_statistics (self);
      return;
    }

  column = easel_table_get_column (self->table, index);
  type_label = easel_column_type_get_label (column->type);
  gtk_image_set_from_icon_name (self->type_image, easel_column_type_get_icon (column->type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->type_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, type_label,
                                  -1);
  gtk_label_set_label (self->name_label, column->name);

  count = easel_format_count (column->n_rows - column->n_missing);
  missing = format_missing (column->n_missing, column->n_rows);
  /* Translators: a column's type, how many values it has and how many are missing */
  summary = g_strdup_printf (_("%s · %s values · %s"), type_label, count, missing);
  gtk_label_set_label (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->detail_stack, "column");
  show_statistics (self, index);

  /* A chart nobody sees is not worth a worker's time: it is built when the view shows. */
  easel_chart_view_set_chart (self->chart_view, NULL);
  self->chart_dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_chart (self);
}

/* Summary */

static gpointer
summary_in_thread (gpointer        data,
                   EaselProgress  *progress,
                   GCancellable   *cancellable,
                   GError        **error)
{
  return easel_table_summary_compute (data, progress, cancellable, error);
}

static void
summary_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EaselWorker *worker = EASEL_WORKER (object);
  g_autoptr(EaselColumnsView) self = user_data;
  g_autoptr(EaselTableSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  summary = easel_worker_finish (worker, result, &error);
  if (worker != self->worker)
    return;   /* another table is shown now */

  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (summary == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not summarise the columns: %s", error->message);
      return;
    }

  self->summary = g_steal_pointer (&summary);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n_items && i < self->summary->profile->n_columns; i++)
    {
      g_autoptr(EaselColumnItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      easel_column_item_set_sketch (item, &self->summary->sketches[item->index]);
    }

  if (get_selected_item (self) != NULL)
    show_statistics (self, get_selected_item (self)->index);
}

static void
start_summary (EaselColumnsView *self)
{
  if (self->table == NULL || self->summary != NULL || self->worker != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->worker = easel_worker_run (summary_in_thread, easel_table_ref (self->table),
                                   (GDestroyNotify) easel_table_unref,
                                   (GDestroyNotify) easel_table_summary_free,
                                   self->cancellable, summary_done_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
stop_summary (EaselColumnsView *self)
{
  gboolean was_busy = self->worker != NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->summary, easel_table_summary_free);
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* List rows */

typedef struct
{
  GtkWidget *icon;
  GtkWidget *name;
  GtkWidget *details;
  GtkWidget *sparkline;
  gulong     handler;
  EaselColumnItem *item;   /* borrowed while bound */
} RowWidgets;

static void
update_row_sketch (RowWidgets *row)
{
  EaselColumnItem *item = row->item;
  g_autofree char *description = NULL;

  if (item == NULL || !item->has_sketch)
    {
      easel_sparkline_set_bars (EASEL_SPARKLINE (row->sparkline), NULL, 0, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->sparkline),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not sketched yet"),
                                      -1);
      return;
    }

  easel_sparkline_set_bars (EASEL_SPARKLINE (row->sparkline), item->sketch.heights,
                            item->sketch.n_bars, !item->sketch.histogram);
  description = g_strdup_printf (item->sketch.histogram ? _("Histogram of %s")
                                                        : _("Most frequent values of %s"),
                                  item->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
item_sketch_changed_cb (EaselColumnItem *item,
                        GParamSpec      *pspec,
                        RowWidgets      *row)
{
  update_row_sketch (row);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              EaselColumnsView         *self)
{
  RowWidgets *row = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  row->icon = gtk_image_new ();
  row->name = gtk_label_new (NULL);
  row->details = gtk_label_new (NULL);
  row->sparkline = easel_sparkline_new ();

  gtk_label_set_xalign (GTK_LABEL (row->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (row->details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->details, "caption");
  gtk_widget_add_css_class (row->details, "dim-label");
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (row->sparkline, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (labels), row->name);
  gtk_box_append (GTK_BOX (labels), row->details);
  gtk_box_append (GTK_BOX (box), row->icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), row->sparkline);
  gtk_widget_add_css_class (box, "sketch-row");

  g_object_set_data_full (G_OBJECT (box), "easel-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             EaselColumnsView         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *row = g_object_get_data (G_OBJECT (box), "easel-row");
  EaselColumnItem *item = gtk_list_item_get_item (list_item);
  const char *type_label = easel_column_type_get_label (item->type);
  g_autofree char *missing = format_missing (item->n_missing, item->n_rows);
  g_autofree char *details = NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), easel_column_type_get_icon (item->type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, type_label,
                                  -1);
  gtk_label_set_label (GTK_LABEL (row->name), item->name);
  gtk_widget_set_tooltip_text (row->name, item->name);

  /* Translators: a column's type and the share of its values that are missing */
  details = g_strdup_printf (_("%s · %s"), type_label, missing);
  gtk_label_set_label (GTK_LABEL (row->details), details);
  if (item->n_missing * 5 > item->n_rows)
    gtk_widget_add_css_class (row->details, "many-missing");
  else
    gtk_widget_remove_css_class (row->details, "many-missing");

  row->item = item;
  row->handler = g_signal_connect (item, "notify::has-sketch",
                                   G_CALLBACK (item_sketch_changed_cb), row);
  update_row_sketch (row);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               EaselColumnsView         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *row = g_object_get_data (G_OBJECT (box), "easel-row");

  if (row->item != NULL)
    g_clear_signal_handler (&row->handler, row->item);
  row->item = NULL;
}

/* Signal callbacks */

static void
selection_changed_cb (EaselColumnsView *self)
{
  EaselColumnItem *item = get_selected_item (self);

  show_column (self, item != NULL ? item->index : GTK_INVALID_LIST_POSITION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_COLUMN]);
}

static void
search_changed_cb (EaselColumnsView *self)
{
  gtk_string_filter_set_search (self->filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
export_clicked_cb (EaselColumnsView *self)
{
  EaselColumnItem *item = get_selected_item (self);

  easel_chart_view_export (self->chart_view, item != NULL ? item->name : NULL);
}

/* Overrides */

static gboolean
scroll_to_selected_cb (gpointer user_data)
{
  EaselColumnsView *self = user_data;
  guint selected = gtk_single_selection_get_selected (self->selection);

  self->scroll_idle = 0;
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->column_list), "list.scroll-to-item", "u",
                                selected);

  return G_SOURCE_REMOVE;
}

static void
easel_columns_view_map (GtkWidget *widget)
{
  EaselColumnsView *self = EASEL_COLUMNS_VIEW (widget);
  guint selected = gtk_single_selection_get_selected (self->selection);

  GTK_WIDGET_CLASS (easel_columns_view_parent_class)->map (widget);

  /* A column selected while the view was hidden could not be scrolled to: once the list
   * has its size, it can. */
  if (selected != GTK_INVALID_LIST_POSITION && self->scroll_idle == 0)
    self->scroll_idle = g_idle_add_full (G_PRIORITY_LOW, scroll_to_selected_cb, self, NULL);

  /* The profiles are only worth their time once someone looks. */
  start_summary (self);
  if (self->chart_dirty)
    build_chart (self);
}

static void
easel_columns_view_dispose (GObject *object)
{
  EaselColumnsView *self = EASEL_COLUMNS_VIEW (object);
  GtkWidget *child;

  stop_summary (self);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_COLUMNS_VIEW);
  /* the template's root has no id, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_columns_view_parent_class)->dispose (object);
}

static void
easel_columns_view_finalize (GObject *object)
{
  EaselColumnsView *self = EASEL_COLUMNS_VIEW (object);

  g_clear_pointer (&self->table, easel_table_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->statistics, g_hash_table_unref);

  G_OBJECT_CLASS (easel_columns_view_parent_class)->finalize (object);
}

static void
easel_columns_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EaselColumnsView *self = EASEL_COLUMNS_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, easel_columns_view_get_busy (self));
      break;
    case PROP_SELECTED_COLUMN:
      g_value_set_uint (value, easel_columns_view_get_selected_column (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_columns_view_class_init (EaselColumnsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_columns_view_dispose;
  object_class->finalize = easel_columns_view_finalize;
  object_class->get_property = easel_columns_view_get_property;
  widget_class->map = easel_columns_view_map;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_COLUMN] =
    g_param_spec_uint ("selected-column", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EASEL_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-columns-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, heading);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, column_list);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, type_image);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, name_label);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, chart_view);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, stats_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselColumnsView, stats_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "columnsview");
}

static void
easel_columns_view_init (EaselColumnsView *self)
{
  GtkListItemFactory *factory;
  GtkFilterListModel *filtered;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->statistics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->items = g_list_store_new (EASEL_TYPE_COLUMN_ITEM);

  expression = gtk_property_expression_new (EASEL_TYPE_COLUMN_ITEM, NULL, "name");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                        GTK_FILTER (self->filter));

  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->column_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->column_list, GTK_SELECTION_MODEL (self->selection));

  easel_chart_view_set_placeholder (self->chart_view, NULL);
}

/* Public API */

GtkWidget *
easel_columns_view_new (void)
{
  return g_object_new (EASEL_TYPE_COLUMNS_VIEW, NULL);
}

void
easel_columns_view_set_table (EaselColumnsView *self,
                              EaselTable       *table)
{
  g_autofree char *selected_name = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_columns;
  int reselect = -1;

  g_return_if_fail (EASEL_IS_COLUMNS_VIEW (self));

  if (table == self->table)
    return;

  if (get_selected_item (self) != NULL)
    selected_name = g_strdup (get_selected_item (self)->name);

  stop_summary (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;

  n_columns = table != NULL ? easel_table_get_n_columns (table) : 0;
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (items, easel_column_item_new (easel_table_get_column (table, i), i));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Column", "%u Columns",
                                          n_columns),
                             n_columns);
  gtk_label_set_label (self->heading, heading);

  if (selected_name != NULL)
    reselect = easel_table_find_column (table, selected_name);
  if (reselect < 0 && n_columns > 0)
    reselect = 0;
  if (reselect >= 0)
    easel_columns_view_select_column (self, (guint) reselect);
  else
    show_column (self, GTK_INVALID_LIST_POSITION);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_summary (self);
}

void
easel_columns_view_select_column (EaselColumnsView *self,
                                  guint             index)
{
  GListModel *model;
  guint n_items;

  g_return_if_fail (EASEL_IS_COLUMNS_VIEW (self));

  if (index == GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  /* A column hidden by the search is shown by clearing it. */
  for (int attempt = 0; attempt < 2; attempt++)
    {
      model = G_LIST_MODEL (self->selection);
      n_items = g_list_model_get_n_items (model);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(EaselColumnItem) item = g_list_model_get_item (model, i);

          if (item->index == index)
            {
              gtk_single_selection_set_selected (self->selection, i);
              /* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action does it */
              gtk_widget_activate_action (GTK_WIDGET (self->column_list), "list.scroll-to-item",
                                          "u", i);
              return;
            }
        }
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_string_filter_set_search (self->filter, NULL);
    }
}

guint
easel_columns_view_get_selected_column (EaselColumnsView *self)
{
  EaselColumnItem *item;

  g_return_val_if_fail (EASEL_IS_COLUMNS_VIEW (self), GTK_INVALID_LIST_POSITION);

  item = get_selected_item (self);
  return item != NULL ? item->index : GTK_INVALID_LIST_POSITION;
}

gboolean
easel_columns_view_get_busy (EaselColumnsView *self)
{
  g_return_val_if_fail (EASEL_IS_COLUMNS_VIEW (self), FALSE);

  return self->worker != NULL;
}

const EaselTableSummary *
easel_columns_view_get_summary (EaselColumnsView *self)
{
  g_return_val_if_fail (EASEL_IS_COLUMNS_VIEW (self), NULL);

  return self->summary;
}

GtkListView *
easel_columns_view_get_list (EaselColumnsView *self)
{
  g_return_val_if_fail (EASEL_IS_COLUMNS_VIEW (self), NULL);

  return self->column_list;
}

EaselChartView *
easel_columns_view_get_chart_view (EaselColumnsView *self)
{
  g_return_val_if_fail (EASEL_IS_COLUMNS_VIEW (self), NULL);

  return self->chart_view;
}

const char *
easel_columns_view_get_statistic (EaselColumnsView *self,
                                  const char       *key)
{
  GtkLabel *label;

  g_return_val_if_fail (EASEL_IS_COLUMNS_VIEW (self), NULL);

  label = g_hash_table_lookup (self->statistics, key);
  return label != NULL ? gtk_label_get_label (label) : NULL;
}
