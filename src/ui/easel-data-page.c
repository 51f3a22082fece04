/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-data-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "easel-data-page.h"
#include "easel-format.h"
#include "easel-profile.h"
#include "easel-row-model.h"
#include "easel-worker.h"

/* Rows sampled to size a grid column to its content. */
#define WIDTH_SAMPLE_ROWS 200
#define MIN_COLUMN_WIDTH 72
#define MAX_COLUMN_WIDTH 320
/* Values in the profile's list of most frequent values. */
#define MAX_TOP_VALUES 10

struct _EaselDataPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkRevealer          *warning_revealer;
  GtkLabel             *warning_label;
  GtkButton            *warning_details_button;
  AdwFlap              *sidebar_flap;
  AdwFlap              *profile_flap;
  GtkLabel             *columns_heading;
  GtkListView          *column_list;
  GtkColumnView        *grid;
  EaselProfileView     *profile_view;

  /* Owned */
  EaselTable           *table;
  EaselRowModel        *row_model;
  GtkNoSelection       *row_selection;
  GtkStringList        *column_names;
  GtkSingleSelection   *column_selection;
  GtkColumnViewColumn  *row_number_column;
  GString              *cell_text;
  char                **warnings;
  GCancellable         *profile_cancellable;
};

typedef struct
{
  EaselTable *table;
  guint       column;
} ProfileRequest;

enum {
  PROP_0,
  PROP_SHOW_SIDEBAR,
  PROP_SHOW_PROFILE,
  N_PROPS
};

enum {
  CHANGE_COLUMN_TYPE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GQuark column_index_quark;

G_DEFINE_FINAL_TYPE (EaselDataPage, easel_data_page, GTK_TYPE_WIDGET)

static void
profile_request_free (gpointer data)
{
  ProfileRequest *request = data;

  easel_table_unref (request->table);
  g_free (request);
}

static void
column_profile_free (gpointer data)
{
  EaselColumnProfile *profile = data;

  easel_column_profile_clear (profile);
  g_free (profile);
}

/* Grid cells */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gboolean align_end = GPOINTER_TO_INT (user_data);
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), align_end ? 1 : 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 1);
  if (align_end)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
row_number_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  cell_setup_cb (factory, item, GINT_TO_POINTER (TRUE));
  gtk_widget_add_css_class (gtk_list_item_get_child (item), "row-number");
}

static void
set_cell_text (GtkWidget  *cell,
               const char *text,
               const char *accessible_text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_text,
                                  -1);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              EaselDataPage            *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (factory), column_index_quark));
  EaselRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  const EaselColumn *column;
  guint row_index;

  if (row == NULL || self->table == NULL || index >= easel_table_get_n_columns (self->table))
    return;

  row_index = easel_row_get_index (row);
  column = easel_table_get_column (self->table, index);

  if (easel_column_is_missing (column, row_index))
    {
      gtk_widget_add_css_class (cell, "missing");
      set_cell_text (cell, "—", _("missing"));
      return;
    }

  gtk_widget_remove_css_class (cell, "missing");
  g_string_truncate (self->cell_text, 0);
  easel_column_append_value (column, row_index, self->cell_text);
  set_cell_text (cell, self->cell_text->str, self->cell_text->str);
}

static void
row_number_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    EaselDataPage            *self)
{
  EaselRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  char text[24];

  if (row == NULL)
    return;

  g_snprintf (text, sizeof text, "%u", easel_row_get_index (row) + 1);
  set_cell_text (cell, text, text);
}

static int
measure_text (PangoLayout *layout,
              const char  *text)
{
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}

/* A fixed width per column keeps scrolling smooth: the grid never measures its cells.
 * The width fits the header and a sample of rows spread over the whole table. */
static int
estimate_column_width (EaselDataPage     *self,
                       const EaselColumn *column)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->grid), NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  gsize n_rows = column->n_rows;
  gsize n_samples = MIN (n_rows, WIDTH_SAMPLE_ROWS);
  int width;

  /* The header is bold and has a sort arrow's room */
  width = measure_text (layout, column->name) + 12;

  for (gsize i = 0; i < n_samples; i++)
    {
      /* the first half of the samples from the top, the rest spread evenly */
      gsize row = i < n_samples / 2 ? i : (i * (n_rows - 1)) / MAX (n_samples - 1, 1);

      g_string_truncate (text, 0);
      easel_column_append_value (column, row, text);
      width = MAX (width, measure_text (layout, text->str));
    }

  /* cell padding on both sides */
  return CLAMP (width + 24, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
}

static gboolean
column_aligns_end (const EaselColumn *column)
{
  return column->type == EASEL_COLUMN_NUMERIC || column->type == EASEL_COLUMN_DATETIME;
}

static void
remove_data_columns (EaselDataPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->grid);

  while (g_list_model_get_n_items (columns) > 1)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 1);

      gtk_column_view_remove_column (self->grid, column);
    }
}

static void
add_data_columns (EaselDataPage *self)
{
  guint n_columns = easel_table_get_n_columns (self->table);

  for (guint i = 0; i < n_columns; i++)
    {
      const EaselColumn *column = easel_table_get_column (self->table, i);
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_object_set_qdata (G_OBJECT (factory), column_index_quark, GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb),
                        GINT_TO_POINTER (column_aligns_end (column)));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);

      view_column = gtk_column_view_column_new (column->name, factory);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_column_set_fixed_width (view_column,
                                              estimate_column_width (self, column));
      gtk_column_view_append_column (self->grid, view_column);
    }
}

static void
size_row_number_column (EaselDataPage *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->grid), NULL);
  char widest[24];
  gsize n_rows = self->table != NULL ? easel_table_get_n_rows (self->table) : 0;

  g_snprintf (widest, sizeof widest, "%" G_GSIZE_FORMAT, MAX (n_rows, 10));
  /* all digits are as wide in the tabular figures the cells use, so 8s measure any row */
  for (char *p = widest; *p; p++)
    *p = '8';

  gtk_column_view_column_set_fixed_width (self->row_number_column,
                                          MAX (measure_text (layout, widest) + 24, 48));
}

/* Column list */

static void
column_item_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      EaselDataPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), details);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_item_set_child (item, box);
}

static void
column_item_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     EaselDataPage            *self)
{
  guint index = gtk_list_item_get_position (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (icon);
  GtkWidget *name = gtk_widget_get_first_child (labels);
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  const EaselColumn *column;
  const char *type_label;
  g_autofree char *details_text = NULL;

  if (self->table == NULL || index >= easel_table_get_n_columns (self->table))
    return;

  column = easel_table_get_column (self->table, index);
  type_label = easel_column_type_get_label (column->type);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), easel_column_type_get_icon (column->type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, type_label,
                                  -1);
  gtk_label_set_label (GTK_LABEL (name), column->name);
  gtk_widget_set_tooltip_text (name, column->name);

  if (column->n_missing > 0)
    {
      g_autofree char *missing = easel_format_count (column->n_missing);

      /* Translators: a column's type and how many of its values are missing */
      details_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s missing",
                                                   "%s · %s missing",
                                                   (gulong) MIN (column->n_missing,
                                                                 G_MAXULONG)),
                                      type_label, missing);
    }
  else
    details_text = g_strdup (type_label);
  gtk_label_set_label (GTK_LABEL (details), details_text);
}

/* Profiles */

static void
profile_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ProfileRequest *request = task_data;
  EaselColumnProfile *profile = g_new0 (EaselColumnProfile, 1);

  easel_profile_column (easel_table_get_column (request->table, request->column),
                        MAX_TOP_VALUES, profile);
  g_task_return_pointer (task, profile, column_profile_free);
}

static void
profile_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EaselDataPage *self = EASEL_DATA_PAGE (object);
  ProfileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  EaselColumnProfile *profile;

  profile = g_task_propagate_pointer (G_TASK (result), &error);
  if (profile == NULL)
    {
      /* Cancelled: another column was selected, or the page went away. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not profile a column: %s", error->message);
      return;
    }

  if (request->table == self->table &&
      request->column == easel_data_page_get_selected_column (self))
    easel_profile_view_set_profile (self->profile_view, profile);

  column_profile_free (profile);
}

static void
profile_column (EaselDataPage *self,
                guint          index)
{
  g_autoptr(GTask) task = NULL;
  ProfileRequest *request;

  g_cancellable_cancel (self->profile_cancellable);
  g_clear_object (&self->profile_cancellable);

  if (self->table == NULL || index >= easel_table_get_n_columns (self->table))
    {
      easel_profile_view_set_column (self->profile_view, NULL);
      return;
    }

  easel_profile_view_set_column (self->profile_view, easel_table_get_column (self->table, index));

  self->profile_cancellable = g_cancellable_new ();
  request = g_new0 (ProfileRequest, 1);
  request->table = easel_table_ref (self->table);
  request->column = index;

  task = g_task_new (self, self->profile_cancellable, profile_ready_cb, NULL);
  g_task_set_source_tag (task, profile_column);
  g_task_set_task_data (task, request, profile_request_free);
  easel_worker_run_task (task, profile_in_thread);
}

/* Signal callbacks */

static void
column_selection_changed_cb (EaselDataPage *self)
{
  profile_column (self, easel_data_page_get_selected_column (self));

  /* In a narrow window the profile hides under the grid: bring it out for the choice. */
  if (adw_flap_get_folded (self->profile_flap) &&
      easel_data_page_get_selected_column (self) != GTK_INVALID_LIST_POSITION)
    adw_flap_set_reveal_flap (self->profile_flap, TRUE);
}

static void
profile_view_change_type_cb (EaselDataPage    *self,
                             guint             type,
                             EaselProfileView *view)
{
  guint index = easel_data_page_get_selected_column (self);

  if (self->table == NULL || index == GTK_INVALID_LIST_POSITION)
    return;

  g_signal_emit (self, signals[CHANGE_COLUMN_TYPE], 0,
                 easel_table_get_column (self->table, index)->name, type);
}

static void
sidebar_reveal_changed_cb (EaselDataPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

static void
profile_reveal_changed_cb (EaselDataPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PROFILE]);
}

static void
warning_close_clicked_cb (EaselDataPage *self)
{
  gtk_revealer_set_reveal_child (self->warning_revealer, FALSE);
}

static void
warning_details_clicked_cb (EaselDataPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = NULL;
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *label;

  if (self->warnings == NULL)
    return;

  text = g_strjoinv ("\n\n", self->warnings);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Import Warnings"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
easel_data_page_dispose (GObject *object)
{
  EaselDataPage *self = EASEL_DATA_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->profile_cancellable);
  g_clear_object (&self->profile_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_DATA_PAGE);
  /* the template's root has no id, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_data_page_parent_class)->dispose (object);
}

static void
easel_data_page_finalize (GObject *object)
{
  EaselDataPage *self = EASEL_DATA_PAGE (object);

  g_clear_pointer (&self->table, easel_table_unref);
  g_clear_object (&self->row_model);
  g_clear_object (&self->row_selection);
  g_clear_object (&self->column_names);
  g_clear_object (&self->column_selection);
  g_clear_object (&self->row_number_column);
  g_string_free (self->cell_text, TRUE);
  g_clear_pointer (&self->warnings, g_strfreev);

  G_OBJECT_CLASS (easel_data_page_parent_class)->finalize (object);
}

static void
easel_data_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EaselDataPage *self = EASEL_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->sidebar_flap));
      break;
    case PROP_SHOW_PROFILE:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->profile_flap));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_data_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EaselDataPage *self = EASEL_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      adw_flap_set_reveal_flap (self->sidebar_flap, g_value_get_boolean (value));
      break;
    case PROP_SHOW_PROFILE:
      adw_flap_set_reveal_flap (self->profile_flap, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_data_page_class_init (EaselDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_data_page_dispose;
  object_class->finalize = easel_data_page_finalize;
  object_class->get_property = easel_data_page_get_property;
  object_class->set_property = easel_data_page_set_property;

  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PROFILE] =
    g_param_spec_boolean ("show-profile", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EaselDataPage::change-column-type:
   * @name: the column's name
   * @type: the EaselColumnType wanted
   *
   * Asks to read the table again with the column as another type.
   */
  signals[CHANGE_COLUMN_TYPE] =
    g_signal_new ("change-column-type", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  g_type_ensure (EASEL_TYPE_PROFILE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, warning_revealer);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, warning_label);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, warning_details_button);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, profile_flap);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, columns_heading);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, column_list);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, grid);
  gtk_widget_class_bind_template_child (widget_class, EaselDataPage, profile_view);
  gtk_widget_class_bind_template_callback (widget_class, warning_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, warning_details_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_view_change_type_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datapage");

  column_index_quark = g_quark_from_static_string ("easel-column-index");
}

static void
easel_data_page_init (EaselDataPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cell_text = g_string_sized_new (64);

  /* The grid: a row number column, then one column per table column */
  self->row_model = easel_row_model_new (NULL);
  self->row_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->row_model)));
  gtk_column_view_set_model (self->grid, GTK_SELECTION_MODEL (self->row_selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_number_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_number_bind_cb), self);
  /* Translators: the heading of the grid's row number column */
  self->row_number_column = gtk_column_view_column_new (_("Row"), factory);
  gtk_column_view_append_column (self->grid, self->row_number_column);

  /* The column list */
  self->column_names = gtk_string_list_new (NULL);
  self->column_selection =
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->column_names)));
  gtk_single_selection_set_autoselect (self->column_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->column_selection, TRUE);
  g_signal_connect_object (self->column_selection, "notify::selected",
                           G_CALLBACK (column_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (column_item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (column_item_bind_cb), self);
  gtk_list_view_set_factory (self->column_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->column_list, GTK_SELECTION_MODEL (self->column_selection));

  g_signal_connect_object (self->sidebar_flap, "notify::reveal-flap",
                           G_CALLBACK (sidebar_reveal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->profile_flap, "notify::reveal-flap",
                           G_CALLBACK (profile_reveal_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

GtkWidget *
easel_data_page_new (void)
{
  return g_object_new (EASEL_TYPE_DATA_PAGE, NULL);
}

void
easel_data_page_set_table (EaselDataPage *self,
                           EaselTable    *table)
{
  g_autofree char *selected_name = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *heading = NULL;
  guint selected;
  int new_selected = -1;
  guint n_columns;

  g_return_if_fail (EASEL_IS_DATA_PAGE (self));

  if (table == self->table)
    return;

  selected = easel_data_page_get_selected_column (self);
  if (self->table != NULL && selected != GTK_INVALID_LIST_POSITION)
    selected_name = g_strdup (easel_table_get_column (self->table, selected)->name);

  /* Detach the grid while its columns change, so that no cell is bound to a column of
   * one table and a row of the other. */
  gtk_column_view_set_model (self->grid, NULL);
  remove_data_columns (self);

  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;
  easel_row_model_set_table (self->row_model, table);

  n_columns = table != NULL ? easel_table_get_n_columns (table) : 0;
  if (table != NULL)
    add_data_columns (self);
  size_row_number_column (self);
  gtk_column_view_set_model (self->grid, GTK_SELECTION_MODEL (self->row_selection));

  names = g_ptr_array_new ();
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (names, easel_table_get_column (table, i)->name);
  g_ptr_array_add (names, NULL);
  gtk_single_selection_set_selected (self->column_selection, GTK_INVALID_LIST_POSITION);
  gtk_string_list_splice (self->column_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->column_names)),
                          (const char * const *) names->pdata);

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Column", "%u Columns",
                                          n_columns),
                             n_columns);
  gtk_label_set_label (self->columns_heading, heading);

  if (selected_name != NULL)
    new_selected = easel_table_find_column (table, selected_name);
  if (new_selected < 0 && n_columns > 0)
    new_selected = 0;

  if (new_selected >= 0)
    easel_data_page_select_column (self, (guint) new_selected);
  else
    profile_column (self, GTK_INVALID_LIST_POSITION);
}

EaselTable *
easel_data_page_get_table (EaselDataPage *self)
{
  g_return_val_if_fail (EASEL_IS_DATA_PAGE (self), NULL);

  return self->table;
}

void
easel_data_page_set_can_change_types (EaselDataPage *self,
                                      gboolean       can_change)
{
  g_return_if_fail (EASEL_IS_DATA_PAGE (self));

  easel_profile_view_set_can_change_type (self->profile_view, can_change);
}

void
easel_data_page_set_warnings (EaselDataPage      *self,
                              const char * const *warnings)
{
  guint n_warnings;

  g_return_if_fail (EASEL_IS_DATA_PAGE (self));

  g_clear_pointer (&self->warnings, g_strfreev);
  n_warnings = warnings != NULL ? g_strv_length ((char **) warnings) : 0;

  if (n_warnings == 0)
    {
      gtk_revealer_set_reveal_child (self->warning_revealer, FALSE);
      return;
    }

  self->warnings = g_strdupv ((char **) warnings);

  if (n_warnings == 1)
    gtk_label_set_label (self->warning_label, warnings[0]);
  else
    {
      g_autofree char *text = NULL;

      /* Translators: the first of several import warnings, then how many others there are */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s And %u more warning.",
                                           "%s And %u more warnings.", n_warnings - 1),
                              warnings[0], n_warnings - 1);
      gtk_label_set_label (self->warning_label, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->warning_details_button), n_warnings > 1);
  gtk_revealer_set_reveal_child (self->warning_revealer, TRUE);
}

const char *
easel_data_page_get_warning_text (EaselDataPage *self)
{
  g_return_val_if_fail (EASEL_IS_DATA_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->warning_revealer))
    return NULL;

  return gtk_label_get_label (self->warning_label);
}

GtkColumnView *
easel_data_page_get_grid (EaselDataPage *self)
{
  g_return_val_if_fail (EASEL_IS_DATA_PAGE (self), NULL);

  return self->grid;
}

EaselProfileView *
easel_data_page_get_profile_view (EaselDataPage *self)
{
  g_return_val_if_fail (EASEL_IS_DATA_PAGE (self), NULL);

  return self->profile_view;
}

void
easel_data_page_select_column (EaselDataPage *self,
                               guint          index)
{
  g_return_if_fail (EASEL_IS_DATA_PAGE (self));

  gtk_single_selection_set_selected (self->column_selection, index);
  /* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action does it */
  if (index != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->column_list), "list.scroll-to-item", "u",
                                index);
}

guint
easel_data_page_get_selected_column (EaselDataPage *self)
{
  g_return_val_if_fail (EASEL_IS_DATA_PAGE (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->column_selection);
}
