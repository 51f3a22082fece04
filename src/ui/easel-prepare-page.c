/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-prepare-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "easel-notice.h"
#include "easel-csv.h"
#include "easel-format.h"
#include "easel-prepare-page.h"
#include "easel-row-model.h"
#include "easel-worker.h"

/* Edits come in bursts (typing a formula): the steps run once the person pauses. */
#define UPDATE_DELAY_MS 250

typedef struct
{
  char *json;      /* the whole recipe, disabled steps included */
  int   selected;
} UndoEntry;

typedef enum
{
  CHOOSER_LOAD,
  CHOOSER_SAVE,
  CHOOSER_EXPORT,
} ChooserPurpose;

typedef enum
{
  SIDE_BEFORE,
  SIDE_AFTER,
  SIDE_BOTH,    /* a column the step did not change: its value, or the removed row's */
} CellSide;

struct _EaselPreparePage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkWidget         *add_button;
  GtkPopover        *catalog_popover;
  GtkSearchEntry    *catalog_search;
  GtkListBox        *catalog_list;
  GtkListBox        *step_list;
  GtkLabel          *summary_label;
  GtkStack          *editor_stack;
  EaselStepEditor   *editor;
  GtkLabel          *preview_title;
  GtkLabel          *preview_status;
  GtkSpinner        *preview_spinner;
  GtkToggleButton   *whole_button;
  GtkStack          *preview_stack;
  GtkColumnView     *preview_view;
  AdwStatusPage     *preview_message;

  /* Owned */
  EaselTable        *table;
  EaselRecipe       *recipe;
  GPtrArray         *undo_stack;      /* UndoEntry */
  GPtrArray         *redo_stack;
  char              *last_edit;       /* what the last edit changed, to merge keystrokes */
  EaselStepPreview  *preview;
  EaselPreviewDiff  *diff;
  EaselRowModel     *preview_rows;
  EaselWorker       *worker;
  GCancellable      *cancellable;
  GPtrArray         *step_rows;       /* GtkListBoxRow, borrowed */
  GPtrArray         *step_errors;     /* char * or NULL */
  GPtrArray         *step_effects;    /* char * or NULL */
  GStrv              editor_columns;
  GtkNativeDialog   *chooser;
  ChooserPurpose     chooser_purpose;

  guint              update_timeout;
  int                selected;
  int                shown_from;      /* the stages the preview grid compares */
  int                shown_to;
  gboolean           whole;
  gboolean           syncing;         /* filling widgets: their signals are not edits */
  gboolean           stale;           /* the preview is of an older recipe */
  gboolean           deferred;        /* hidden: the preview waits for the page to be shown */
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  RECIPE_CHANGED,
  PREPARED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselPreparePage, easel_prepare_page, GTK_TYPE_WIDGET)

/* The catalogue's groups, as Data Wrangler groups its transforms. */
static const struct
{
  const char *op;
  const char *group;
} op_groups[] = {
  { "drop_columns", N_("Manage columns") },
  { "rename_column", N_("Manage columns") },
  { "move_column", N_("Manage columns") },
  { "cast", N_("Manage columns") },
  { "drop_duplicates", N_("Manage rows") },
  { "filter", N_("Manage rows") },
  { "drop_missing", N_("Handle missing") },
  { "impute", N_("Handle missing") },
  { "clip_outliers", N_("Handle outliers") },
  { "ordinal_encode", N_("Encode categorical") },
  { "one_hot_encode", N_("Encode categorical") },
  { "strip", N_("Format strings") },
  { "case", N_("Format strings") },
  { "replace", N_("Format strings") },
  { "scale", N_("Scale") },
  { "bin", N_("Scale") },
  { "datetime_features", N_("Extract") },
  { "formula", N_("Custom formula") },
};

static const char *const group_order[] = {
  N_("Manage columns"), N_("Manage rows"), N_("Handle missing"), N_("Handle outliers"),
  N_("Encode categorical"), N_("Format strings"), N_("Scale"), N_("Extract"),
  N_("Custom formula"), N_("Other"),
};

static void schedule_update (EaselPreparePage *self);
static void show_selected   (EaselPreparePage *self,
                             gboolean          rebuild_editor);

static const char *
op_group (const char *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_groups); i++)
    if (g_str_equal (op_groups[i].op, op))
      return op_groups[i].group;
  return group_order[G_N_ELEMENTS (group_order) - 1];
}

static void
undo_entry_free (gpointer data)
{
  UndoEntry *entry = data;

  g_free (entry->json);
  g_free (entry);
}

static void
free_string (gpointer data)
{
  g_free (data);
}

static guint
n_steps (EaselPreparePage *self)
{
  return easel_recipe_get_n_steps (self->recipe);
}

static gboolean
is_busy (EaselPreparePage *self)
{
  return self->table != NULL && (self->worker != NULL || self->update_timeout != 0);
}

static void
notify_busy (EaselPreparePage *self,
             gboolean          was_busy)
{
  gboolean busy = is_busy (self);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), busy);
  gtk_spinner_set_spinning (self->preview_spinner, busy);
  if (busy != was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The columns a step can use: the table as it reaches the step, from the last preview when
 * it knows, else the table's. */
static GStrv
columns_at (EaselPreparePage *self,
            guint             index)
{
  if (self->preview != NULL && index <= easel_step_preview_get_n_steps (self->preview))
    return easel_step_preview_dup_columns (self->preview, index);
  if (self->table != NULL)
    {
      guint n = easel_table_get_n_columns (self->table);
      GStrv names = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        names[i] = g_strdup (easel_table_get_column (self->table, i)->name);
      return names;
    }
  return g_new0 (char *, 1);
}

/* Undo */

static void
update_undo_actions (EaselPreparePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.undo", self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.redo", self->redo_stack->len > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static UndoEntry *
current_state (EaselPreparePage *self)
{
  UndoEntry *entry = g_new0 (UndoEntry, 1);

  entry->json = easel_recipe_to_json (self->recipe, FALSE);
  entry->selected = self->selected;
  return entry;
}

/* Before an edit: remember the recipe. Edits with the same non-NULL 'key' in a row (the
 * keystrokes in one entry) are undone together. */
static void
begin_edit (EaselPreparePage *self,
            const char       *key)
{
  if (key == NULL || g_strcmp0 (key, self->last_edit) != 0)
    g_ptr_array_add (self->undo_stack, current_state (self));
  g_free (self->last_edit);
  self->last_edit = g_strdup (key);
  g_ptr_array_set_size (self->redo_stack, 0);
}

/* After an edit: show it, and compute what the steps do now. */
static void
end_edit (EaselPreparePage *self,
          gboolean          rebuild_editor)
{
  self->selected = MIN (self->selected, (int) n_steps (self) - 1);
  show_selected (self, rebuild_editor);
  update_undo_actions (self);
  g_signal_emit (self, signals[RECIPE_CHANGED], 0);
  schedule_update (self);
}

static gboolean
restore (EaselPreparePage *self,
         GPtrArray        *from,
         GPtrArray        *to)
{
  UndoEntry *entry;
  g_autoptr(EaselRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;

  if (from->len == 0)
    return FALSE;

  entry = g_ptr_array_steal_index (from, from->len - 1);
  recipe = easel_recipe_new_from_json (entry->json, -1, &error);
  if (recipe == NULL)
    {
      /* written by this page a moment ago: cannot happen */
      g_critical ("Cannot read back a recipe: %s", error->message);
      undo_entry_free (entry);
      return FALSE;
    }
  g_ptr_array_add (to, current_state (self));
  easel_recipe_free (self->recipe);
  self->recipe = g_steal_pointer (&recipe);
  self->selected = entry->selected;
  g_clear_pointer (&self->last_edit, g_free);
  undo_entry_free (entry);
  end_edit (self, TRUE);
  return TRUE;
}

/* Step rows */

static char *
step_title (EaselPreparePage *self,
            guint             index)
{
  g_autofree char *description = easel_step_describe (easel_recipe_get_step (self->recipe,
                                                                              index));

  /* Translators: a step of the recipe: its number and what it does */
  return g_strdup_printf (_("%u. %s"), index + 1, description);
}

/* Edits asked for by a widget of a step's row (its switch, its menu) rebuild the rows: they
 * wait for the widget to be done with its event. */
typedef enum
{
  ROW_EDIT_ENABLE,
  ROW_EDIT_DISABLE,
  ROW_EDIT_MOVE_UP,
  ROW_EDIT_MOVE_DOWN,
  ROW_EDIT_DELETE,
  ROW_EDIT_MOVE_TO,
} RowEditKind;

typedef struct
{
  EaselPreparePage *self;
  RowEditKind       kind;
  guint             index;
  guint             to;
} RowEdit;

static void
row_edit_free (gpointer data)
{
  RowEdit *edit = data;

  g_object_unref (edit->self);
  g_free (edit);
}

static gboolean
row_edit_cb (gpointer data)
{
  RowEdit *edit = data;
  EaselPreparePage *self = edit->self;
  guint n = n_steps (self);

  if (edit->index >= n || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  switch (edit->kind)
    {
    case ROW_EDIT_ENABLE:
    case ROW_EDIT_DISABLE:
      easel_prepare_page_set_step_enabled (self, edit->index, edit->kind == ROW_EDIT_ENABLE);
      break;
    case ROW_EDIT_MOVE_UP:
      if (edit->index > 0)
        easel_prepare_page_move_step (self, edit->index, edit->index - 1);
      break;
    case ROW_EDIT_MOVE_DOWN:
      if (edit->index + 1 < n)
        easel_prepare_page_move_step (self, edit->index, edit->index + 1);
      break;
    case ROW_EDIT_MOVE_TO:
      if (edit->to < n)
        easel_prepare_page_move_step (self, edit->index, edit->to);
      break;
    case ROW_EDIT_DELETE:
    default:
      easel_prepare_page_remove_step (self, edit->index);
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
defer_row_edit (EaselPreparePage *self,
                RowEditKind       kind,
                guint             index,
                guint             to)
{
  RowEdit *edit = g_new0 (RowEdit, 1);

  edit->self = g_object_ref (self);
  edit->kind = kind;
  edit->index = index;
  edit->to = to;
  g_idle_add_full (G_PRIORITY_DEFAULT, row_edit_cb, edit, row_edit_free);
}

static void
enable_switch_cb (EaselPreparePage *self,
                  GParamSpec       *pspec,
                  GtkSwitch        *widget)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "easel-index"));

  if (self->syncing)
    return;
  defer_row_edit (self, gtk_switch_get_active (widget) ? ROW_EDIT_ENABLE : ROW_EDIT_DISABLE,
                  index, 0);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  guint index = (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  return gdk_content_provider_new_typed (G_TYPE_UINT, index);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (gtk_widget_get_ancestor (row,
                                                                        EASEL_TYPE_PREPARE_PAGE));
  int to = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  guint from;

  if (self == NULL || !G_VALUE_HOLDS_UINT (value) || to < 0)
    return FALSE;
  from = g_value_get_uint (value);
  if (from >= n_steps (self) || from == (guint) to)
    return FALSE;
  defer_row_edit (self, ROW_EDIT_MOVE_TO, from, (guint) to);
  return TRUE;
}

static GtkWidget *
create_step_row (EaselPreparePage *self,
                 guint             index)
{
  EaselStep *step = easel_recipe_get_step (self->recipe, index);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *effect = gtk_label_new (NULL);
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *enable = gtk_switch_new ();
  GtkWidget *more = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *text = step_title (self, index);
  g_autofree char *enable_label = NULL;
  g_autofree char *more_label = NULL;
  GtkDragSource *source;
  GtkDropTarget *target;

  gtk_widget_add_css_class (row, "step-row");
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_valign (handle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (handle, _("Drag to Reorder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drag to reorder"), -1);
  gtk_box_append (GTK_BOX (box), handle);

  gtk_label_set_text (GTK_LABEL (title), text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "step-title");
  if (!easel_step_get_enabled (step))
    gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (effect), 0);
  gtk_label_set_wrap (GTK_LABEL (effect), TRUE);
  gtk_widget_add_css_class (effect, "caption");
  gtk_widget_add_css_class (effect, "dim-label");
  gtk_widget_set_visible (effect, FALSE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (error, "caption");
  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error, "step-error");
  gtk_widget_set_visible (error, FALSE);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), effect);
  gtk_box_append (GTK_BOX (texts), error);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_switch_set_active (GTK_SWITCH (enable), easel_step_get_enabled (step));
  gtk_widget_set_valign (enable, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (enable, _("Use This Step"));
  /* Translators: the switch that turns a step of the recipe on or off */
  enable_label = g_strdup_printf (_("Use step %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (enable), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  enable_label, -1);
  g_object_set_data (G_OBJECT (enable), "easel-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (enable, "notify::active", G_CALLBACK (enable_switch_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), enable);

  item = g_menu_item_new (_("Move _Up"), NULL);
  g_menu_item_set_action_and_target (item, "prepare.move-up", "u", index);
  g_menu_append_item (moves, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Move _Down"), NULL);
  g_menu_item_set_action_and_target (item, "prepare.move-down", "u", index);
  g_menu_append_item (moves, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Delete"), NULL);
  g_menu_item_set_action_and_target (item, "prepare.delete-step", "u", index);
  g_menu_append_item (removal, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (more, _("Move or Delete"));
  /* Translators: the menu of a step of the recipe */
  more_label = g_strdup_printf (_("Move or delete step %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  more_label, -1);
  gtk_box_append (GTK_BOX (box), more);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_set_data (G_OBJECT (row), "easel-effect", effect);
  g_object_set_data (G_OBJECT (row), "easel-error", error);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  return row;
}

/* What the last computation found, on each step's row. */
static void
update_step_states (EaselPreparePage *self)
{
  guint n = n_steps (self);
  gboolean current = self->preview != NULL && !self->stale
                     && easel_step_preview_get_n_steps (self->preview) == n;
  guint n_errors = 0;

  g_ptr_array_set_size (self->step_errors, 0);
  g_ptr_array_set_size (self->step_effects, 0);
  for (guint i = 0; i < n && i < self->step_rows->len; i++)
    {
      GtkWidget *row = self->step_rows->pdata[i];
      GtkLabel *effect = g_object_get_data (G_OBJECT (row), "easel-effect");
      GtkLabel *error = g_object_get_data (G_OBJECT (row), "easel-error");
      EaselStep *step = easel_recipe_get_step (self->recipe, i);
      char *error_text = NULL;
      char *effect_text = NULL;

      if (current)
        {
          const EaselStepReport *report = easel_step_preview_get_report (self->preview, i);

          error_text = easel_step_preview_dup_error_text (self->preview, i);
          if (error_text == NULL && !easel_step_get_enabled (step))
            effect_text = g_strdup (_("Turned off: the table passes through unchanged."));
          else if (error_text == NULL && report != NULL)
            effect_text = g_strdup (report->message);
        }
      gtk_label_set_text (effect, effect_text);
      gtk_widget_set_visible (GTK_WIDGET (effect), effect_text != NULL);
      gtk_label_set_text (error, error_text);
      gtk_widget_set_visible (GTK_WIDGET (error), error_text != NULL);
      if (error_text != NULL)
        {
          gtk_widget_add_css_class (row, "has-error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error_text, -1);
          n_errors++;
        }
      else
        {
          gtk_widget_remove_css_class (row, "has-error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          effect_text != NULL ? effect_text : "", -1);
        }
      g_ptr_array_add (self->step_errors, error_text);
      g_ptr_array_add (self->step_effects, effect_text);
    }

  if (self->table == NULL)
    gtk_label_set_text (self->summary_label, "");
  else if (current && self->preview != NULL)
    {
      EaselTable *prepared = easel_step_preview_get_prepared (self->preview);
      g_autofree char *before = easel_format_table_size (easel_table_get_n_rows (self->table),
                                                         easel_table_get_n_columns (self->table));
      g_autofree char *after = easel_format_table_size (easel_table_get_n_rows (prepared),
                                                        easel_table_get_n_columns (prepared));
      g_autofree char *text = NULL;

      if (n_errors > 0)
        /* Translators: under the recipe; the sizes of the table before and after, then how
         * many steps are in error */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s → %s · %u step in error is left out",
                                             "%s → %s · %u steps in error are left out",
                                             n_errors),
                                before, after, n_errors);
      else
        /* Translators: under the recipe; the sizes of the table before and after it */
        text = g_strdup_printf (_("%s → %s"), before, after);
      gtk_label_set_text (self->summary_label, text);
    }
}

static void
rebuild_step_rows (EaselPreparePage *self)
{
  GtkWidget *child;
  guint n = n_steps (self);

  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->step_list))) != NULL)
    gtk_list_box_remove (self->step_list, child);
  g_ptr_array_set_size (self->step_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = create_step_row (self, i);

      gtk_list_box_append (self->step_list, row);
      g_ptr_array_add (self->step_rows, row);
    }
  if (self->selected >= 0 && (guint) self->selected < n)
    gtk_list_box_select_row (self->step_list, self->step_rows->pdata[self->selected]);
  else
    gtk_list_box_unselect_all (self->step_list);
  gtk_widget_set_visible (GTK_WIDGET (self->step_list), n > 0);
  self->syncing = FALSE;
  update_step_states (self);
}

/* Preview grid */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 12);
  gtk_list_item_set_child (item, cell);
}

static void
set_cell (GtkWidget  *cell,
          const char *text,
          const char *accessible,
          const char *style)
{
  static const char *const styles[] = { "changed-before", "changed-after", "removed-row",
                                        "missing", "row-number" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (cell, styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (cell, style);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
row_number_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    EaselPreparePage         *self)
{
  EaselRow *row = gtk_list_item_get_item (item);
  char text[24];

  if (row == NULL || self->diff == NULL)
    return;
  g_snprintf (text, sizeof text, "%" G_GSIZE_FORMAT,
              easel_preview_diff_get_input_row (self->diff, easel_row_get_index (row)) + 1);
  set_cell (gtk_list_item_get_child (item), text, text, "row-number");
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              EaselPreparePage         *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "easel-column"));
  CellSide side = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "easel-side"));
  EaselRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *accessible = NULL;
  gboolean removed, changed;
  gsize index;

  if (row == NULL || self->diff == NULL || column >= easel_preview_diff_get_n_columns (self->diff))
    return;
  index = easel_row_get_index (row);
  if (index >= easel_preview_diff_get_n_rows (self->diff))
    return;

  removed = easel_preview_diff_row_removed (self->diff, index);
  changed = easel_preview_diff_cell_changed (self->diff, column, index);
  before = easel_preview_diff_dup_before (self->diff, column, index);
  after = easel_preview_diff_dup_after (self->diff, column, index);

  if (removed && side == SIDE_AFTER)
    {
      set_cell (cell, "—", _("removed"), "removed-row");
      return;
    }
  if (removed)
    {
      /* Translators: a value in a row that the step removes */
      accessible = g_strdup_printf (_("%s, row removed"), before != NULL ? before : _("missing"));
      set_cell (cell, before != NULL ? before : "—", accessible, "removed-row");
      return;
    }
  if (side == SIDE_BEFORE)
    {
      if (before == NULL)
        set_cell (cell, "—", _("missing"), changed ? "changed-before" : "missing");
      else
        set_cell (cell, before, before, changed ? "changed-before" : NULL);
      return;
    }
  if (changed && side == SIDE_AFTER)
    /* Translators: a value the step changed, then what it was */
    accessible = g_strdup_printf (_("%s, changed from %s"), after != NULL ? after : _("missing"),
                                  before != NULL ? before : _("missing"));
  if (after == NULL)
    set_cell (cell, "—", accessible != NULL ? accessible : _("missing"),
              changed && side == SIDE_AFTER ? "changed-after" : "missing");
  else
    set_cell (cell, after, accessible != NULL ? accessible : after,
              changed && side == SIDE_AFTER ? "changed-after" : NULL);
}

static void
append_preview_column (EaselPreparePage *self,
                       const char       *title,
                       guint             column,
                       CellSide          side)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "easel-column", GUINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (factory), "easel-side", GUINT_TO_POINTER (side));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->preview_view, view_column);
}

static void
clear_preview_columns (EaselPreparePage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
}

static void
show_preview_message (EaselPreparePage *self,
                      const char       *title,
                      const char       *description)
{
  g_autofree char *escaped = description != NULL ? g_markup_escape_text (description, -1) : NULL;

  adw_status_page_set_title (self->preview_message, title);
  /* markup: error messages may hold "<" */
  adw_status_page_set_description (self->preview_message, escaped);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
}

/* The columns the step names, which the preview shows even when unchanged. */
static GStrv
named_columns (EaselStep *step)
{
  const EaselStepInfo *info = easel_step_get_info (step);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < info->n_params; i++)
    {
      const EaselStepParamSpec *spec = &info->params[i];

      if (spec->kind == EASEL_STEP_PARAM_COLUMN)
        {
          const char *name = easel_step_get_string (step, spec->name);
          if (name != NULL)
            g_strv_builder_add (builder, name);
        }
      else if (spec->kind == EASEL_STEP_PARAM_COLUMNS)
        {
          g_auto(GStrv) names = easel_step_dup_strv (step, spec->name);
          for (guint k = 0; names != NULL && names[k] != NULL; k++)
            g_strv_builder_add (builder, names[k]);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
scroll_to_start_cb (gpointer data)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (data)), 0);
  return G_SOURCE_REMOVE;
}

static void
update_preview (EaselPreparePage *self)
{
  guint n = n_steps (self);
  gboolean whole = self->whole || self->selected < 0;
  guint from, to;
  g_auto(GStrv) also = NULL;
  g_autofree char *title = NULL;
  g_autofree char *rows = NULL;
  GString *status;
  gsize n_changed = 0;
  EaselTable *before;

  gtk_column_view_set_model (self->preview_view, NULL);
  clear_preview_columns (self);
  g_clear_pointer (&self->diff, easel_preview_diff_free);

  if (self->table == NULL)
    {
      gtk_label_set_text (self->preview_title, _("Preview"));
      gtk_label_set_text (self->preview_status, "");
      show_preview_message (self, _("No Table"), _("Open a table to prepare it."));
      return;
    }
  if (self->preview == NULL || easel_step_preview_get_n_steps (self->preview) != n)
    {
      gtk_label_set_text (self->preview_status, _("Running the steps…"));
      show_preview_message (self, _("Running the Steps…"), NULL);
      return;
    }

  if (whole)
    {
      from = 0;
      to = n;
      title = g_strdup (_("Preview of the Whole Recipe"));
    }
  else
    {
      EaselStep *step = easel_recipe_get_step (self->recipe, (guint) self->selected);

      from = (guint) self->selected;
      to = from + 1;
      also = named_columns (step);
      /* Translators: the heading of the preview of one step; %u is its number */
      title = g_strdup_printf (_("Preview of Step %u"), to);
    }
  gtk_label_set_text (self->preview_title, title);

  self->diff = easel_preview_diff_new (self->preview, from, to, (const char *const *) also);
  before = easel_step_preview_get_snapshot (self->preview, from);
  if (self->preview_rows == NULL)
    self->preview_rows = easel_row_model_new (before);
  else
    easel_row_model_set_table (self->preview_rows, before);

  append_preview_column (self, _("Row"), 0, SIDE_BOTH);
  {
    GListModel *columns = gtk_column_view_get_columns (self->preview_view);
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (row_number_bind_cb), self);
    gtk_column_view_column_set_factory (first, factory);
    gtk_column_view_column_set_fixed_width (first, 64);
    g_object_unref (factory);
  }
  for (guint c = 0; c < easel_preview_diff_get_n_columns (self->diff); c++)
    {
      const char *name = easel_preview_diff_get_column_name (self->diff, c);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      switch (easel_preview_diff_get_column_kind (self->diff, c))
        {
        case EASEL_PREVIEW_COLUMN_CHANGED:
          /* Translators: preview headings: a column before and after the step */
          a = g_strdup_printf (_("%s · before"), name);
          b = g_strdup_printf (_("%s · after"), name);
          append_preview_column (self, a, c, SIDE_BEFORE);
          append_preview_column (self, b, c, SIDE_AFTER);
          break;
        case EASEL_PREVIEW_COLUMN_REMOVED:
          /* Translators: a preview heading: a column the step removes */
          a = g_strdup_printf (_("%s · removed"), name);
          append_preview_column (self, a, c, SIDE_BEFORE);
          break;
        case EASEL_PREVIEW_COLUMN_ADDED:
          /* Translators: a preview heading: a column the step adds */
          b = g_strdup_printf (_("%s · new"), name);
          append_preview_column (self, b, c, SIDE_AFTER);
          break;
        case EASEL_PREVIEW_COLUMN_SAME:
        default:
          append_preview_column (self, name, c, SIDE_BOTH);
          break;
        }
      if (easel_preview_diff_get_column_kind (self->diff, c) == EASEL_PREVIEW_COLUMN_CHANGED)
        for (gsize r = 0; r < easel_preview_diff_get_n_rows (self->diff); r++)
          n_changed += !easel_preview_diff_row_removed (self->diff, r)
                       && easel_preview_diff_cell_changed (self->diff, c, r);
    }
  {
    GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (
                                                        self->preview_rows)));
    gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  /* another step: its columns from the start (the same step keeps the place scrolled to) */
  if ((int) from != self->shown_from || (int) to != self->shown_to)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->preview_view),
                                                     GTK_TYPE_SCROLLED_WINDOW);

      if (scroller != NULL)
        {
          gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                                      GTK_SCROLLED_WINDOW (scroller)), 0);
          /* once the new columns have their widths */
          g_idle_add_full (G_PRIORITY_LOW, scroll_to_start_cb, g_object_ref (scroller),
                           g_object_unref);
        }
      self->shown_from = (int) from;
      self->shown_to = (int) to;
    }

  status = g_string_new (NULL);
  rows = easel_format_count (easel_preview_diff_get_n_rows (self->diff));
  /* Translators: the preview's scope; %s is a number of rows */
  g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, "The first %s row",
                                               "The first %s rows",
                                               easel_preview_diff_get_n_rows (self->diff)),
                          rows);
  if (easel_preview_diff_get_n_removed (self->diff) > 0)
    {
      g_autofree char *count = easel_format_count (easel_preview_diff_get_n_removed (self->diff));
      /* Translators: added to the preview's scope */
      g_string_append_printf (status, _(" · %s removed"), count);
    }
  if (n_changed > 0)
    {
      g_autofree char *count = easel_format_count (n_changed);
      g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, " · %s value changed",
                                                   " · %s values changed", n_changed),
                              count);
    }
  /* Translators: the preview's values come from the whole table */
  g_string_append (status, _(" · values learned from all rows"));
  gtk_label_set_text (self->preview_status, status->str);
  g_string_free (status, TRUE);

  if (!whole && easel_prepare_page_get_step_error (self, (guint) self->selected) != NULL)
    show_preview_message (self, _("This Step Does Not Run"),
                          easel_prepare_page_get_step_error (self, (guint) self->selected));
  else
    gtk_stack_set_visible_child_name (self->preview_stack, "grid");
}

/* The form and preview of the selected step. */
static void
show_selected (EaselPreparePage *self,
               gboolean          rebuild_editor)
{
  guint n = n_steps (self);

  if (rebuild_editor)
    rebuild_step_rows (self);
  else
    {
      /* the rows' titles follow the parameters */
      for (guint i = 0; i < n && i < self->step_rows->len; i++)
        {
          g_autofree char *title = step_title (self, i);
          GtkWidget *box = gtk_list_box_row_get_child (self->step_rows->pdata[i]);
          GtkWidget *texts = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

          gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (texts)), title);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_rows->pdata[i]),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        }
    }

  if (self->selected >= 0 && (guint) self->selected < n)
    {
      if (rebuild_editor)
        {
          g_strfreev (self->editor_columns);
          self->editor_columns = columns_at (self, (guint) self->selected);
          easel_step_editor_set_step (self->editor,
                                      easel_recipe_get_step (self->recipe,
                                                             (guint) self->selected),
                                      (guint) self->selected,
                                      (const char *const *) self->editor_columns);
        }
      gtk_stack_set_visible_child_name (self->editor_stack, "editor");
    }
  else
    {
      easel_step_editor_set_step (self->editor, NULL, 0, NULL);
      gtk_stack_set_visible_child_name (self->editor_stack, "none");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->whole_button), self->selected >= 0);
  update_preview (self);
}

/* Work */

typedef struct
{
  EaselTable  *table;
  EaselRecipe *recipe;
} PreviewRequest;

static void
preview_request_free (gpointer data)
{
  PreviewRequest *request = data;

  easel_table_unref (request->table);
  easel_recipe_free (request->recipe);
  g_free (request);
}

static gpointer
preview_in_thread (gpointer        data,
                   EaselProgress  *progress,
                   GCancellable   *cancellable,
                   GError        **error)
{
  PreviewRequest *request = data;

  return easel_step_preview_compute (request->recipe, request->table, EASEL_PREPARE_PREVIEW_ROWS,
                                     progress, cancellable, error);
}

static void
stop_worker (EaselPreparePage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
}

static gboolean
columns_differ (GStrv a,
                GStrv b)
{
  if (a == NULL || b == NULL)
    return a != b;
  return !g_strv_equal ((const char *const *) a, (const char *const *) b);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EaselWorker *worker = EASEL_WORKER (object);
  g_autoptr(EaselPreparePage) self = user_data;
  g_autoptr(EaselStepPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_busy;

  preview = easel_worker_finish (worker, result, &error);
  if (worker != self->worker)
    return;   /* the recipe or the table changed since */

  was_busy = is_busy (self);
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  if (preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->preview_status, "");
          show_preview_message (self, _("Could Not Run the Recipe"), error->message);
        }
      notify_busy (self, was_busy);
      return;
    }

  g_clear_pointer (&self->preview, easel_step_preview_unref);
  self->preview = g_steal_pointer (&preview);
  self->stale = FALSE;
  update_step_states (self);

  /* The step's column pickers, when the columns it can use changed, unless it is being
   * edited: the form must not change under the person's fingers */
  if (self->selected >= 0 && (guint) self->selected < n_steps (self))
    {
      g_auto(GStrv) columns = columns_at (self, (guint) self->selected);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (columns_differ (columns, self->editor_columns)
          && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->editor))))
        {
          g_strfreev (self->editor_columns);
          self->editor_columns = g_steal_pointer (&columns);
          easel_step_editor_set_step (self->editor,
                                      easel_recipe_get_step (self->recipe,
                                                             (guint) self->selected),
                                      (guint) self->selected,
                                      (const char *const *) self->editor_columns);
        }
    }
  update_preview (self);
  notify_busy (self, was_busy);
  if (easel_prepare_page_get_prepared_table (self) != NULL)
    g_signal_emit (self, signals[PREPARED], 0);
}

static void
start_worker (EaselPreparePage *self)
{
  PreviewRequest *request;

  stop_worker (self);
  if (self->table == NULL)
    return;

  request = g_new0 (PreviewRequest, 1);
  request->table = easel_table_ref (self->table);
  request->recipe = easel_recipe_copy (self->recipe);
  self->cancellable = g_cancellable_new ();
  self->worker = easel_worker_run (preview_in_thread, request, preview_request_free,
                                   (GDestroyNotify) easel_step_preview_unref, self->cancellable,
                                   preview_done_cb, g_object_ref (self));
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  EaselPreparePage *self = user_data;

  self->update_timeout = 0;
  start_worker (self);
  return G_SOURCE_REMOVE;
}

/* Whether others need the recipe's output while nobody looks at the page: the Build page
 * trains on the prepared table of a recipe with an enabled step, and on the table itself
 * otherwise. */
static gboolean
output_needed (EaselPreparePage *self)
{
  for (guint i = 0; i < n_steps (self); i++)
    if (easel_step_get_enabled (easel_recipe_get_step (self->recipe, i)))
      return TRUE;
  return FALSE;
}

static void
schedule_update (EaselPreparePage *self)
{
  gboolean was_busy = is_busy (self);

  self->stale = TRUE;
  self->deferred = FALSE;
  stop_worker (self);
  g_clear_handle_id (&self->update_timeout, g_source_remove);
  /* A table opened while the page is hidden is previewed once the page is shown, unless
   * the Build page needs what the recipe makes of it. */
  if (self->table != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)) && !output_needed (self))
    self->deferred = TRUE;
  else if (self->table != NULL)
    self->update_timeout = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
  notify_busy (self, was_busy);
}

/* Catalogue */

static void catalog_row_activated_cb (EaselPreparePage *self,
                                      GtkListBoxRow    *row);

static void
catalog_button_clicked_cb (EaselPreparePage *self,
                           GtkButton        *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (row != NULL)
    catalog_row_activated_cb (self, GTK_LIST_BOX_ROW (row));
}

/* A row of the catalogue: a button, so that it can be pressed by any means, a screen
 * reader's included. */
static GtkWidget *
create_catalog_row (EaselPreparePage    *self,
                    const EaselStepInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (_(info->label));
  GtkWidget *description = gtk_label_new (_(info->description));
  /* what a search looks in */
  g_autofree char *words = g_strjoin (" ", _(info->label), _(info->description), info->op,
                                      _(op_group (info->op)), NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 40);
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "catalog-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(info->description),
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (catalog_button_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_name (row, info->op);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->label),
                                  -1);
  g_object_set_data (G_OBJECT (row), "easel-group", (gpointer) op_group (info->op));
  g_object_set_data_full (G_OBJECT (row), "easel-search", g_utf8_casefold (words, -1), g_free);
  return row;
}

static void
catalog_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  const char *group = g_object_get_data (G_OBJECT (row), "easel-group");
  const char *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "easel-group")
                                        : NULL;
  GtkWidget *header;

  if (g_strcmp0 (group, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (_(group));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "catalog-group");
  gtk_list_box_row_set_header (row, header);
}

static gboolean
catalog_filter_func (GtkListBoxRow *row,
                     gpointer       user_data)
{
  EaselPreparePage *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->catalog_search));
  const char *haystack = g_object_get_data (G_OBJECT (row), "easel-search");
  g_autofree char *needle = NULL;
  g_auto(GStrv) words = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  words = g_strsplit (g_strstrip (needle), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
fill_catalog (EaselPreparePage *self)
{
  guint n_ops;
  const EaselStepInfo *const *infos = easel_step_info_list (&n_ops);

  for (guint g = 0; g < G_N_ELEMENTS (group_order); g++)
    for (guint i = 0; i < n_ops; i++)
      if (op_group (infos[i]->op) == group_order[g])
        gtk_list_box_append (self->catalog_list, create_catalog_row (self, infos[i]));

  gtk_list_box_set_header_func (self->catalog_list, catalog_header_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->catalog_list, catalog_filter_func, self, NULL);
}

/* Signal callbacks */

static void
catalog_shown_cb (EaselPreparePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->catalog_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->catalog_search));
}

static void
catalog_search_changed_cb (EaselPreparePage *self)
{
  gtk_list_box_invalidate_filter (self->catalog_list);
  gtk_list_box_invalidate_headers (self->catalog_list);
}

static void
catalog_row_activated_cb (EaselPreparePage *self,
                          GtkListBoxRow    *row)
{
  gtk_popover_popdown (self->catalog_popover);
  easel_prepare_page_add_step_from_catalog (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
catalog_search_activate_cb (EaselPreparePage *self)
{
  /* Enter adds the first step that matches */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->catalog_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      {
        catalog_row_activated_cb (self, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
step_selected_cb (EaselPreparePage *self,
                  GtkListBoxRow    *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (self->syncing || index == self->selected)
    return;
  self->selected = index;
  show_selected (self, FALSE);
  /* a new form, without rebuilding the rows (which would take the focus away) */
  if (index >= 0)
    {
      g_strfreev (self->editor_columns);
      self->editor_columns = columns_at (self, (guint) index);
      easel_step_editor_set_step (self->editor, easel_recipe_get_step (self->recipe,
                                                                       (guint) index),
                                  (guint) index, (const char *const *) self->editor_columns);
    }
}

static void
param_changed_cb (EaselPreparePage *self,
                  const char       *name,
                  const char       *value)
{
  if (self->selected < 0)
    return;
  easel_prepare_page_set_step_param (self, (guint) self->selected, name, value);
}

static void
whole_toggled_cb (EaselPreparePage *self)
{
  easel_prepare_page_set_preview_whole (self,
                                        gtk_toggle_button_get_active (self->whole_button));
}

/* Files */

static void
show_notice (EaselPreparePage *self,
             const char       *text,
             gboolean          is_error)
{
  /* errors stay until dismissed, in a dialog */
  if (is_error || !easel_notice_toast (GTK_WIDGET (self), adw_toast_new (text)))
    easel_notice_dialog (GTK_WIDGET (self), is_error ? _("Something Went Wrong") : _("Done"),
                         text);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (!easel_prepare_page_export_finish (self, result, &error))
    {
      show_notice (self, error->message, TRUE);
      return;
    }
  /* Translators: a notice after the prepared table was written; %s is a file name */
  text = g_strdup_printf (_("Saved the prepared table as “%s”"), name);
  show_notice (self, text, FALSE);
}

static void
chooser_response_cb (EaselPreparePage *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  ChooserPurpose purpose = self->chooser_purpose;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  switch (purpose)
    {
    case CHOOSER_LOAD:
      if (!easel_prepare_page_load_recipe (self, file, &error))
        show_notice (self, error->message, TRUE);
      break;
    case CHOOSER_SAVE:
      if (!easel_prepare_page_save_recipe (self, file, &error))
        show_notice (self, error->message, TRUE);
      else
        show_notice (self, _("Recipe saved"), FALSE);
      break;
    case CHOOSER_EXPORT:
    default:
      easel_prepare_page_export_async (self, file, NULL, export_done_cb, g_object_ref (file));
      break;
    }
}

static void
open_chooser (EaselPreparePage *self,
              ChooserPurpose    purpose)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean save = purpose != CHOOSER_LOAD;
  GtkFileChooserNative *chooser;
  const char *title = purpose == CHOOSER_LOAD ? _("Open a Recipe")
                      : purpose == CHOOSER_SAVE ? _("Save the Recipe")
                                                : _("Export the Prepared Table");

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                              : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         save ? _("_Save") : _("_Open"), _("_Cancel"));
  if (purpose == CHOOSER_EXPORT)
    {
      const char *source = self->table != NULL ? easel_table_get_source (self->table) : NULL;
      g_autofree char *stem = source != NULL ? g_strdup (source) : g_strdup (_("table"));
      g_autofree char *name = NULL;
      char *dot = strrchr (stem, '.');

      if (dot != NULL && dot != stem)
        *dot = '\0';
      /* Translators: the file name offered for the prepared table; %s is the table's */
      name = g_strdup_printf (_("%s-prepared.csv"), stem);
      g_strdelimit (name, "/", '-');
      gtk_file_filter_set_name (filter, _("CSV and TSV files"));
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_suffix (filter, "tsv");
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Recipes (JSON)"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_suffix (filter, "json");
      if (save)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("recipe.json"));
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  self->chooser_purpose = purpose;
  gtk_native_dialog_show (self->chooser);
}

typedef struct
{
  EaselTable  *table;      /* to prepare, or */
  EaselRecipe *recipe;
  EaselTable  *prepared;   /* already prepared */
  char        *path;
  char         delimiter;
} ExportRequest;

static void
export_request_free (gpointer data)
{
  ExportRequest *request = data;

  g_clear_pointer (&request->table, easel_table_unref);
  g_clear_pointer (&request->recipe, easel_recipe_free);
  g_clear_pointer (&request->prepared, easel_table_unref);
  g_free (request->path);
  g_free (request);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportRequest *request = task_data;
  g_autoptr(EaselTable) prepared = NULL;
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(GError) error = NULL;

  if (request->prepared != NULL)
    prepared = easel_table_ref (request->prepared);
  else
    fitted = easel_recipe_fit (request->recipe, request->table, &prepared, NULL, NULL,
                               cancellable, &error);
  if (prepared == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!easel_csv_write_file (prepared, request->path, request->delimiter, NULL, cancellable,
                             &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  easel_prepare_page_undo (EASEL_PREPARE_PAGE (widget));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  easel_prepare_page_redo (EASEL_PREPARE_PAGE (widget));
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (widget);

  if (parameter != NULL)
    defer_row_edit (self, ROW_EDIT_MOVE_UP, g_variant_get_uint32 (parameter), 0);
  else if (self->selected > 0)
    easel_prepare_page_move_step (self, (guint) self->selected, (guint) self->selected - 1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (widget);

  if (parameter != NULL)
    defer_row_edit (self, ROW_EDIT_MOVE_DOWN, g_variant_get_uint32 (parameter), 0);
  else if (self->selected >= 0 && (guint) self->selected + 1 < n_steps (self))
    easel_prepare_page_move_step (self, (guint) self->selected, (guint) self->selected + 1);
}

static void
delete_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  defer_row_edit (EASEL_PREPARE_PAGE (widget), ROW_EDIT_DELETE,
                  g_variant_get_uint32 (parameter), 0);
}

static void
load_recipe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (EASEL_PREPARE_PAGE (widget), CHOOSER_LOAD);
}

static void
save_recipe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (EASEL_PREPARE_PAGE (widget), CHOOSER_SAVE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (EASEL_PREPARE_PAGE (widget), CHOOSER_EXPORT);
}

/* Overrides */

static void
easel_prepare_page_map (GtkWidget *widget)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (widget);
  gboolean was_busy = is_busy (self);

  GTK_WIDGET_CLASS (easel_prepare_page_parent_class)->map (widget);

  if (!self->deferred)
    return;
  /* shown: no edit under way to wait for the end of */
  self->deferred = FALSE;
  start_worker (self);
  notify_busy (self, was_busy);
}

static void
easel_prepare_page_dispose (GObject *object)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (object);
  GtkWidget *child;

  /* the widgets going away select and unselect: no more reactions */
  self->syncing = TRUE;
  if (self->step_rows != NULL)
    g_ptr_array_set_size (self->step_rows, 0);
  stop_worker (self);
  g_clear_handle_id (&self->update_timeout, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->preview_view != NULL)
    gtk_column_view_set_model (self->preview_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_PREPARE_PAGE);
  /* the template's root is not bound, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_prepare_page_parent_class)->dispose (object);
}

static void
easel_prepare_page_finalize (GObject *object)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (object);

  g_clear_pointer (&self->table, easel_table_unref);
  g_clear_pointer (&self->recipe, easel_recipe_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->last_edit, g_free);
  g_clear_pointer (&self->preview, easel_step_preview_unref);
  g_clear_pointer (&self->diff, easel_preview_diff_free);
  g_clear_object (&self->preview_rows);
  g_clear_pointer (&self->step_rows, g_ptr_array_unref);
  g_clear_pointer (&self->step_errors, g_ptr_array_unref);
  g_clear_pointer (&self->step_effects, g_ptr_array_unref);
  g_clear_pointer (&self->editor_columns, g_strfreev);

  G_OBJECT_CLASS (easel_prepare_page_parent_class)->finalize (object);
}

static void
easel_prepare_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EaselPreparePage *self = EASEL_PREPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, easel_prepare_page_get_busy (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, easel_prepare_page_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, easel_prepare_page_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_prepare_page_class_init (EaselPreparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_prepare_page_dispose;
  object_class->finalize = easel_prepare_page_finalize;
  object_class->get_property = easel_prepare_page_get_property;
  widget_class->map = easel_prepare_page_map;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The recipe was edited (or an edit undone or redone). */
  signals[RECIPE_CHANGED] =
    g_signal_new ("recipe-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* The prepared table of the current recipe is ready (get_prepared_table). */
  signals[PREPARED] =
    g_signal_new ("prepared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  g_type_ensure (EASEL_TYPE_STEP_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-prepare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, catalog_popover);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, catalog_search);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, catalog_list);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, step_list);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, editor);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, preview_title);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, preview_status);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, whole_button);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, preview_view);
  gtk_widget_class_bind_template_child (widget_class, EaselPreparePage, preview_message);
  gtk_widget_class_bind_template_callback (widget_class, catalog_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, catalog_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, catalog_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, param_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, whole_toggled_cb);

  gtk_widget_class_install_action (widget_class, "prepare.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "prepare.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "prepare.move-up", "u", move_up_action);
  gtk_widget_class_install_action (widget_class, "prepare.move-down", "u", move_down_action);
  gtk_widget_class_install_action (widget_class, "prepare.move-selected-up", NULL,
                                   move_up_action);
  gtk_widget_class_install_action (widget_class, "prepare.move-selected-down", NULL,
                                   move_down_action);
  gtk_widget_class_install_action (widget_class, "prepare.delete-step", "u", delete_step_action);
  gtk_widget_class_install_action (widget_class, "prepare.load-recipe", NULL, load_recipe_action);
  gtk_widget_class_install_action (widget_class, "prepare.save-recipe", NULL, save_recipe_action);
  gtk_widget_class_install_action (widget_class, "prepare.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "prepare.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "prepare.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "prepare.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "prepare.move-selected-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "prepare.move-selected-down", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "preparepage");
}

static void
easel_prepare_page_init (EaselPreparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recipe = easel_recipe_new ();
  self->undo_stack = g_ptr_array_new_with_free_func (undo_entry_free);
  self->redo_stack = g_ptr_array_new_with_free_func (undo_entry_free);
  self->step_rows = g_ptr_array_new ();
  self->step_errors = g_ptr_array_new_with_free_func (free_string);
  self->step_effects = g_ptr_array_new_with_free_func (free_string);
  self->selected = -1;
  self->shown_from = self->shown_to = -1;

  fill_catalog (self);
  update_undo_actions (self);
  show_selected (self, TRUE);
}

/* Public API */

GtkWidget *
easel_prepare_page_new (void)
{
  return g_object_new (EASEL_TYPE_PREPARE_PAGE, NULL);
}

void
easel_prepare_page_set_table (EaselPreparePage *self,
                              EaselTable       *table)
{
  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));

  if (table == self->table)
    return;

  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;
  g_clear_pointer (&self->preview, easel_step_preview_unref);
  schedule_update (self);
  show_selected (self, TRUE);
}

EaselTable *
easel_prepare_page_get_table (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->table;
}

const EaselRecipe *
easel_prepare_page_get_recipe (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->recipe;
}

void
easel_prepare_page_set_recipe (EaselPreparePage  *self,
                               const EaselRecipe *recipe)
{
  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));
  g_return_if_fail (recipe != NULL);

  begin_edit (self, NULL);
  easel_recipe_free (self->recipe);
  self->recipe = easel_recipe_copy (recipe);
  self->selected = n_steps (self) > 0 ? 0 : -1;
  end_edit (self, TRUE);
}

char *
easel_prepare_page_get_recipe_json (EaselPreparePage *self)
{
  g_autoptr(EaselRecipe) enabled = NULL;

  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  enabled = easel_recipe_copy (self->recipe);
  for (guint i = easel_recipe_get_n_steps (enabled); i-- > 0;)
    if (!easel_step_get_enabled (easel_recipe_get_step (enabled, i)))
      easel_recipe_remove_step (enabled, i);
  return easel_recipe_to_json (enabled, TRUE);
}

void
easel_prepare_page_add_step (EaselPreparePage *self,
                             EaselStep        *step)
{
  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));
  g_return_if_fail (step != NULL);

  begin_edit (self, NULL);
  easel_recipe_append_step (self->recipe, step);
  self->selected = (int) n_steps (self) - 1;
  end_edit (self, TRUE);
}

gboolean
easel_prepare_page_add_step_json (EaselPreparePage  *self,
                                  const char        *json,
                                  GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  EaselStep *step;

  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  step = easel_step_new_from_json (json_parser_get_root (parser), n_steps (self), error);
  if (step == NULL)
    return FALSE;
  easel_prepare_page_add_step (self, step);
  return TRUE;
}

gboolean
easel_prepare_page_add_step_from_catalog (EaselPreparePage *self,
                                          const char       *op)
{
  g_autoptr(EaselStep) step = NULL;
  const EaselStepInfo *info;
  g_auto(GStrv) columns = NULL;

  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);

  step = easel_step_new (op, NULL);
  if (step == NULL)
    return FALSE;
  info = easel_step_get_info (step);
  columns = columns_at (self, n_steps (self));
  /* what a person would pick first anyway; columns to act on are left to choose */
  for (guint i = 0; i < info->n_params; i++)
    {
      const EaselStepParamSpec *spec = &info->params[i];

      if (!spec->required)
        continue;
      if (spec->kind == EASEL_STEP_PARAM_CHOICE && spec->choices != NULL
          && spec->choices[0] != NULL)
        easel_step_set_string (step, spec->name, spec->choices[0]);
      else if (spec->kind == EASEL_STEP_PARAM_COLUMN && columns[0] != NULL)
        easel_step_set_string (step, spec->name, columns[0]);
    }
  easel_prepare_page_add_step (self, g_steal_pointer (&step));
  return TRUE;
}

gboolean
easel_prepare_page_set_step_param (EaselPreparePage *self,
                                   guint             index,
                                   const char       *name,
                                   const char       *value)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *key = NULL;
  EaselStep *step;

  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);
  g_return_val_if_fail (index < n_steps (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (value != NULL)
    {
      node = json_from_string (value, NULL);
      if (node == NULL)
        return FALSE;
    }
  step = easel_recipe_get_step (self->recipe, index);
  key = g_strdup_printf ("%u:%s", index, name);
  begin_edit (self, key);
  easel_step_set_param (step, name, g_steal_pointer (&node));
  /* the form stays: it is where the edit came from */
  end_edit (self, FALSE);
  return TRUE;
}

void
easel_prepare_page_move_step (EaselPreparePage *self,
                              guint             from,
                              guint             to)
{
  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));
  g_return_if_fail (from < n_steps (self) && to < n_steps (self));

  if (from == to)
    return;
  begin_edit (self, NULL);
  easel_recipe_move_step (self->recipe, from, to);
  if (self->selected == (int) from)
    self->selected = (int) to;
  else if (self->selected >= 0)
    {
      /* the selected step keeps its selection where it went */
      if ((int) from < self->selected && (int) to >= self->selected)
        self->selected--;
      else if ((int) from > self->selected && (int) to <= self->selected)
        self->selected++;
    }
  end_edit (self, TRUE);
}

void
easel_prepare_page_set_step_enabled (EaselPreparePage *self,
                                     guint             index,
                                     gboolean          enabled)
{
  EaselStep *step;

  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));
  g_return_if_fail (index < n_steps (self));

  step = easel_recipe_get_step (self->recipe, index);
  if (easel_step_get_enabled (step) == enabled)
    return;
  begin_edit (self, NULL);
  easel_step_set_enabled (step, enabled);
  end_edit (self, TRUE);
}

void
easel_prepare_page_remove_step (EaselPreparePage *self,
                                guint             index)
{
  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));
  g_return_if_fail (index < n_steps (self));

  begin_edit (self, NULL);
  easel_recipe_remove_step (self->recipe, index);
  if (self->selected > (int) index)
    self->selected--;
  end_edit (self, TRUE);
}

gboolean
easel_prepare_page_undo (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);

  return restore (self, self->undo_stack, self->redo_stack);
}

gboolean
easel_prepare_page_redo (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);

  return restore (self, self->redo_stack, self->undo_stack);
}

gboolean
easel_prepare_page_can_undo (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
easel_prepare_page_can_redo (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);

  return self->redo_stack->len > 0;
}

void
easel_prepare_page_select_step (EaselPreparePage *self,
                                int               index)
{
  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));

  if (index < 0 || (guint) index >= n_steps (self))
    gtk_list_box_unselect_all (self->step_list);
  else
    gtk_list_box_select_row (self->step_list, self->step_rows->pdata[index]);
}

int
easel_prepare_page_get_selected_step (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), -1);

  return self->selected;
}

void
easel_prepare_page_set_preview_whole (EaselPreparePage *self,
                                      gboolean          whole)
{
  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));

  if (self->whole == whole)
    return;
  self->whole = whole;
  gtk_toggle_button_set_active (self->whole_button, whole);
  update_preview (self);
}

gboolean
easel_prepare_page_get_busy (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);

  return is_busy (self);
}

EaselStepPreview *
easel_prepare_page_get_preview (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->stale ? NULL : self->preview;
}

EaselPreviewDiff *
easel_prepare_page_get_preview_diff (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->diff;
}

const char *
easel_prepare_page_get_step_error (EaselPreparePage *self,
                                   guint             index)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return index < self->step_errors->len ? self->step_errors->pdata[index] : NULL;
}

const char *
easel_prepare_page_get_step_effect (EaselPreparePage *self,
                                    guint             index)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return index < self->step_effects->len ? self->step_effects->pdata[index] : NULL;
}

/* Whether an enabled step is in error: then the prepared table would not be the recipe's. */
static gboolean
has_enabled_errors (EaselPreparePage *self)
{
  for (guint i = 0; i < n_steps (self); i++)
    if (easel_step_get_enabled (easel_recipe_get_step (self->recipe, i))
        && easel_step_preview_get_error (self->preview, i) != NULL)
      return TRUE;
  return FALSE;
}

EaselTable *
easel_prepare_page_get_prepared_table (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  if (self->preview == NULL || self->stale || is_busy (self) || has_enabled_errors (self))
    return NULL;
  return easel_step_preview_get_prepared (self->preview);
}

EaselRecipe *
easel_prepare_page_get_fitted_recipe (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  if (easel_prepare_page_get_prepared_table (self) == NULL)
    return NULL;
  return easel_step_preview_get_fitted (self->preview);
}

gboolean
easel_prepare_page_load_recipe (EaselPreparePage  *self,
                                GFile             *file,
                                GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(EaselRecipe) recipe = NULL;

  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Recipes can only be opened from this computer, not from “%s”."), name);
      return FALSE;
    }
  recipe = easel_recipe_new_from_file (path, error);
  if (recipe == NULL)
    return FALSE;
  easel_prepare_page_set_recipe (self, recipe);
  return TRUE;
}

gboolean
easel_prepare_page_save_recipe (EaselPreparePage  *self,
                                GFile             *file,
                                GError           **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Recipes can only be saved on this computer, not at “%s”."), name);
      return FALSE;
    }
  return easel_recipe_save (self->recipe, path, error);
}

void
easel_prepare_page_export_async (EaselPreparePage    *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *lower = NULL;
  ExportRequest *request;
  EaselTable *prepared;

  g_return_if_fail (EASEL_IS_PREPARE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_prepare_page_export_async);
  if (self->table == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is no table to export."));
      return;
    }

  request = g_new0 (ExportRequest, 1);
  request->path = g_file_get_path (file);
  if (request->path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      export_request_free (request);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Tables can only be exported on this computer, not at “%s”."),
                               name);
      return;
    }
  lower = g_ascii_strdown (request->path, -1);
  request->delimiter = g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".tab")
                       ? '\t' : ',';
  prepared = easel_prepare_page_get_prepared_table (self);
  if (prepared != NULL)
    request->prepared = easel_table_ref (prepared);
  else
    {
      g_autofree char *json = easel_prepare_page_get_recipe_json (self);

      request->table = easel_table_ref (self->table);
      request->recipe = easel_recipe_new_from_json (json, -1, NULL);
    }
  g_task_set_task_data (task, request, export_request_free);
  easel_worker_run_task (task, export_in_thread);
}

gboolean
easel_prepare_page_export_finish (EaselPreparePage  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

EaselStepEditor *
easel_prepare_page_get_editor (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->editor;
}

GtkListBox *
easel_prepare_page_get_step_list (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->step_list;
}

GtkColumnView *
easel_prepare_page_get_preview_view (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->preview_view;
}

GtkWidget *
easel_prepare_page_get_add_button (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return self->add_button;
}

GtkWidget *
easel_prepare_page_get_catalog_search (EaselPreparePage *self)
{
  g_return_val_if_fail (EASEL_IS_PREPARE_PAGE (self), NULL);

  return GTK_WIDGET (self->catalog_search);
}
