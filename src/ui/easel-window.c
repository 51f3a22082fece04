/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "easel-explore-page.h"
#include "easel-format.h"
#include "easel-samples.h"
#include "easel-settings.h"
#include "easel-sqlite-import.h"
#include "easel-table-chooser.h"
#include "easel-welcome-page.h"
#include "easel-window.h"

/* A short import never shows the progress page: it would only flash. */
#define LOADING_PAGE_DELAY_MS 150

struct _EaselWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  GtkToggleButton      *sidebar_button;
  GtkToggleButton      *profile_button;
  GtkStack             *stack;
  GtkWidget            *welcome_page;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  EaselDataPage        *data_page;
  EaselExplorePage     *explore_page;

  /* Owned */
  EaselImportJob       *running_job;    /* the import under way */
  EaselImportJob       *shown_job;      /* the import whose table is shown */
  GCancellable         *import_cancellable;
  GtkNativeDialog      *file_chooser;
  GBinding             *progress_binding;
  GBinding             *message_binding;
  char                 *return_page;    /* where to go back when an import fails */
  char                 *last_error;
  char                 *retyped_column; /* the column the running import reads anew */

  guint                 loading_timeout;
  gboolean              add_running_to_recent;
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EaselWindow, easel_window, ADW_TYPE_APPLICATION_WINDOW)

/* Helpers */

static void
show_error (EaselWindow *self,
            const char  *heading,
            const char  *message)
{
  GtkWidget *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (message);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_open_error (EaselWindow  *self,
                 const char   *title,
                 const GError *error)
{
  g_autofree char *heading = NULL;

  /* Translators: the heading of an error dialog; %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), title);
  show_error (self, heading, error->message);
}

static void
update_title (EaselWindow *self)
{
  EaselTable *table = easel_data_page_get_table (self->data_page);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (table != NULL && self->shown_job != NULL && g_strcmp0 (page, "welcome") != 0)
    {
      const char *title = easel_import_job_get_title (self->shown_job);
      g_autofree char *size = easel_format_table_size (easel_table_get_n_rows (table),
                                                       easel_table_get_n_columns (table));

      adw_view_switcher_title_set_title (self->switcher_title, title);
      adw_view_switcher_title_set_subtitle (self->switcher_title, size);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Easel"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Easel"));
    }
}

static void
set_page (EaselWindow *self,
          const char  *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_title (self);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (basename, NULL, 0, NULL);
  g_autofree char *mime_type = g_content_type_get_mime_type (content_type);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = mime_type != NULL ? mime_type : (char *) "text/csv",
    .app_name = (char *) EASEL_RECENT_APP_NAME,
    .app_exec = (char *) "easel %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
stop_loading_page_timeout (EaselWindow *self)
{
  g_clear_handle_id (&self->loading_timeout, g_source_remove);
}

static gboolean
loading_timeout_cb (gpointer user_data)
{
  EaselWindow *self = user_data;

  self->loading_timeout = 0;
  set_page (self, "loading");

  return G_SOURCE_REMOVE;
}

static void
finish_running_job (EaselWindow *self)
{
  stop_loading_page_timeout (self);
  g_clear_pointer (&self->progress_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->running_job);
  g_clear_object (&self->import_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Debugging aids for screenshots: EASEL_DEBUG_SELECT_COLUMN=name selects that column,
 * EASEL_DEBUG_VIEW=explore and EASEL_DEBUG_SECTION=name show a view and a section of
 * Explore, EASEL_DEBUG_TARGET=name picks the column to predict, EASEL_DEBUG_PAIR=x,y plots
 * a pair of the correlations and EASEL_DEBUG_CHART=kind,x,y,colour sets the chart builder
 * (kind: histogram, bar, scatter, box, heatmap, line or missing; empty fields for none). */
static void
apply_debug_selection (EaselWindow *self,
                       EaselTable  *table)
{
  const char *name = g_getenv ("EASEL_DEBUG_SELECT_COLUMN");
  const char *view = g_getenv ("EASEL_DEBUG_VIEW");
  const char *section = g_getenv ("EASEL_DEBUG_SECTION");
  const char *target = g_getenv ("EASEL_DEBUG_TARGET");
  const char *pair = g_getenv ("EASEL_DEBUG_PAIR");
  const char *chart = g_getenv ("EASEL_DEBUG_CHART");
  int index;

  if (table == NULL)
    return;

  index = name != NULL ? easel_table_find_column (table, name) : -1;
  if (index >= 0)
    {
      easel_data_page_select_column (self->data_page, (guint) index);
      easel_columns_view_select_column (easel_explore_page_get_columns_view (self->explore_page),
                                        (guint) index);
    }
  if (target != NULL)
    easel_insights_view_set_target (easel_explore_page_get_insights_view (self->explore_page),
                                    target);
  if (pair != NULL)
    {
      g_auto(GStrv) names = g_strsplit (pair, ",", 2);

      if (g_strv_length (names) == 2)
        easel_correlation_view_select_columns (
          easel_explore_page_get_correlation_view (self->explore_page), names[0], names[1]);
    }
  if (chart != NULL)
    {
      static const char *const kinds[] = {
        "histogram", "bar", "scatter", "box", "heatmap", "line", "missing",
      };
      static const EaselChartKind kind_values[] = {
        EASEL_CHART_HISTOGRAM, EASEL_CHART_BAR, EASEL_CHART_SCATTER, EASEL_CHART_BOX,
        EASEL_CHART_HEATMAP, EASEL_CHART_LINE, EASEL_CHART_MISSING,
      };
      g_auto(GStrv) fields = g_strsplit (chart, ",", 4);
      guint n_fields = g_strv_length (fields);

      for (guint i = 0; n_fields > 0 && i < G_N_ELEMENTS (kinds); i++)
        if (g_str_equal (fields[0], kinds[i]))
          easel_chart_builder_set_chart (
            easel_explore_page_get_chart_builder (self->explore_page), kind_values[i],
            n_fields > 1 && fields[1][0] != '\0' ? fields[1] : NULL,
            n_fields > 2 && fields[2][0] != '\0' ? fields[2] : NULL,
            n_fields > 3 && fields[3][0] != '\0' ? fields[3] : NULL);
    }
  if (section != NULL)
    easel_explore_page_set_section (self->explore_page, section);
  if (view != NULL)
    easel_window_set_view (self, view);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EaselImportJob *job = EASEL_IMPORT_JOB (object);
  g_autoptr(EaselWindow) self = user_data;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(GError) error = NULL;
  gboolean add_recent;

  table = easel_import_job_run_finish (job, result, &error);

  /* Another import replaced this one, or the window is closing. */
  if (job != self->running_job)
    return;

  add_recent = self->add_running_to_recent;
  g_object_ref (job);
  finish_running_job (self);

  if (table == NULL)
    {
      g_clear_pointer (&self->retyped_column, g_free);
      set_page (self, self->return_page != NULL ? self->return_page : "welcome");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_open_error (self, easel_import_job_get_title (job), error);
      g_object_unref (job);
      return;
    }

  g_set_object (&self->shown_job, job);
  g_object_unref (job);

  easel_data_page_set_table (self->data_page, table);
  easel_explore_page_set_table (self->explore_page, table);
  easel_data_page_set_can_change_types (self->data_page,
                                        easel_import_job_can_change_types (job));
  easel_data_page_set_warnings (self->data_page, easel_import_job_get_warnings (job));
  apply_debug_selection (self, table);
  set_page (self, "data");

  if (self->retyped_column != NULL)
    {
      int index = easel_table_find_column (table, self->retyped_column);
      g_autofree char *message = NULL;

      if (index >= 0)
        {
          EaselColumnType type = easel_table_get_column (table, (guint) index)->type;

          /* Translators: a notice after a column was read again as another type */
          message = g_strdup_printf (_("“%s” is now read as %s"), self->retyped_column,
                                     easel_column_type_get_label (type));
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
      g_clear_pointer (&self->retyped_column, g_free);
    }

  if (add_recent && easel_import_job_get_file (job) != NULL)
    add_to_recent (easel_import_job_get_file (job));
}

static void
start_import (EaselWindow    *self,
              EaselImportJob *job,
              gboolean        add_to_recent_files)
{
  g_autofree char *title = NULL;
  const char *page;

  /* A new import replaces one under way. */
  if (self->running_job != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      finish_running_job (self);
    }

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "loading") != 0)
    {
      g_free (self->return_page);
      self->return_page = g_strdup (page);
    }

  self->running_job = g_object_ref (job);
  self->import_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->retyped_column, g_free);
  self->add_running_to_recent = add_to_recent_files;

  /* Translators: the title of the page shown while a file is read; %s is its name */
  title = g_strdup_printf (_("Opening “%s”"), easel_import_job_get_title (job));
  adw_status_page_set_title (self->loading_page, title);
  self->progress_binding = g_object_bind_property (job, "fraction",
                                                   self->loading_progress, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  self->message_binding = g_object_bind_property (job, "message",
                                                  self->loading_page, "description",
                                                  G_BINDING_SYNC_CREATE);
  self->loading_timeout = g_timeout_add (LOADING_PAGE_DELAY_MS, loading_timeout_cb, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  easel_import_job_run_async (job, self->import_cancellable, import_done_cb,
                              g_object_ref (self));
}

static void
table_chosen_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  EaselWindow *self = EASEL_WINDOW (object);
  g_autoptr(EaselImportJob) job = NULL;
  g_autofree char *table = NULL;

  table = easel_choose_table_finish (result, NULL);
  if (table == NULL)
    return;

  job = easel_import_job_new_sqlite (file, table);
  start_import (self, job, TRUE);
}

static void
open_sqlite (EaselWindow *self,
             GFile       *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *title = g_filename_display_name (basename);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tables = NULL;

  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Databases can only be opened from this computer. Copy “%s” here "
                     "first."), title);
      show_open_error (self, title, error);
      return;
    }

  tables = easel_sqlite_list_tables (path, &error);
  if (tables == NULL)
    {
      show_open_error (self, title, error);
      return;
    }

  if (tables[0] == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The database “%s” has no tables."), title);
      show_open_error (self, title, error);
      return;
    }

  if (tables[1] == NULL)
    {
      g_autoptr(EaselImportJob) job = easel_import_job_new_sqlite (file, tables[0]);

      start_import (self, job, TRUE);
      return;
    }

  easel_choose_table_async (GTK_WINDOW (self), title, (const char * const *) tables, NULL,
                            table_chosen_cb, g_object_ref (file));
}

/* Signal callbacks */

/* A narrow window has no room for the switcher in the header bar: it moves to the bottom. */
static void
update_switcher_bar (EaselWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_view_switcher_title_get_title_visible (self->switcher_title)
                                    && adw_view_switcher_title_get_view_switcher_enabled (
                                      self->switcher_title));
}

static void
stack_page_changed_cb (EaselWindow *self)
{
  gboolean data = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") == 0;
  gboolean grid = data && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                                     "data") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), data);
  gtk_widget_set_visible (GTK_WIDGET (self->profile_button), grid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar", data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", data);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, data);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_button),
                               grid ? _("Show Columns") : _("Show Sections"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sidebar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  grid ? _("Show the list of columns")
                                       : _("Show the list of sections"),
                                  -1);
}

static void
explore_column_activated_cb (EaselWindow      *self,
                             guint             index,
                             EaselExplorePage *page)
{
  /* The grid follows, so that the column is selected there too when going back. */
  easel_data_page_select_column (self->data_page, index);
}

static void
data_page_change_column_type_cb (EaselWindow   *self,
                                 const char    *column,
                                 guint          type,
                                 EaselDataPage *page)
{
  g_autoptr(EaselImportJob) job = NULL;

  if (self->shown_job == NULL)
    return;

  job = easel_import_job_copy_with_type (self->shown_job, column, type);
  if (job == NULL)
    return;

  start_import (self, job, FALSE);
  self->retyped_column = g_strdup (column);
}

static void
file_chooser_response_cb (EaselWindow     *self,
                          int              response,
                          GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        easel_window_open (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->file_chooser);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         EaselWindow   *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* One table per window: the first file dropped is the one opened. */
  easel_window_open (self, files->data);
  g_slist_free (files);

  return TRUE;
}

/* Actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (self->file_chooser);
      return;
    }

  gtk_file_filter_set_name (tables, _("Tables (CSV, TSV, SQLite)"));
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_mime_type (tables, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (tables, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (tables, "application/x-sqlite3");
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "tsv");
  gtk_file_filter_add_suffix (tables, "tab");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_filter_add_suffix (tables, "sqlite");
  gtk_file_filter_add_suffix (tables, "sqlite3");
  gtk_file_filter_add_suffix (tables, "db");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open a Table"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), tables);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  easel_window_open (EASEL_WINDOW (widget), file);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  const EaselSample *sample = easel_samples_lookup (name);
  g_autofree char *path = sample != NULL ? easel_sample_find_file (sample) : NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(EaselImportJob) job = NULL;

  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                             _("The sample “%s” is not installed."), name);

      show_open_error (self, name, error);
      return;
    }

  file = g_file_new_for_path (path);
  job = easel_import_job_new_csv (file, NULL);
  start_import (self, job, FALSE);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  easel_window_cancel_import (EASEL_WINDOW (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  easel_window_set_view (EASEL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
}

/* Overrides */

static gboolean
easel_window_close_request (GtkWindow *window)
{
  GSettings *settings = easel_settings_get ();

  /* Remember the size for the next window, when the schema has a place for it. */
  if (settings != NULL && easel_settings_has_key ("window-width") &&
      easel_settings_has_key ("window-height") && easel_settings_has_key ("window-maximized"))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (easel_window_parent_class)->close_request (window);
}

static void
easel_window_dispose (GObject *object)
{
  EaselWindow *self = EASEL_WINDOW (object);

  if (self->running_job != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      finish_running_job (self);
    }
  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_WINDOW);

  G_OBJECT_CLASS (easel_window_parent_class)->dispose (object);
}

static void
easel_window_finalize (GObject *object)
{
  EaselWindow *self = EASEL_WINDOW (object);

  g_clear_object (&self->shown_job);
  g_clear_pointer (&self->return_page, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->retyped_column, g_free);

  G_OBJECT_CLASS (easel_window_parent_class)->finalize (object);
}

static void
easel_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EaselWindow *self = EASEL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, easel_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_window_class_init (EaselWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = easel_window_dispose;
  object_class->finalize = easel_window_finalize;
  object_class->get_property = easel_window_get_property;
  window_class->close_request = easel_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EASEL_TYPE_WELCOME_PAGE);
  g_type_ensure (EASEL_TYPE_DATA_PAGE);
  g_type_ensure (EASEL_TYPE_EXPLORE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/easel-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, profile_button);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, explore_page);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, explore_column_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, data_page_change_column_type_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view",
                                       "s", "data");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view",
                                       "s", "explore");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-import",
                                       NULL);
}

static void
easel_window_init (EaselWindow *self)
{
  GtkDropTarget *drop_target;
  GSettings *settings = easel_settings_get ();
  const char *debug_size = g_getenv ("EASEL_DEBUG_WINDOW_SIZE");

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->sidebar_button, "active", self->data_page, "show-sidebar",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->profile_button, "active", self->data_page, "show-profile",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->sidebar_button, "active", self->explore_page, "show-sidebar",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::view-switcher-enabled",
                           G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  stack_page_changed_cb (self);

  if (settings != NULL && easel_settings_has_key ("window-width") &&
      easel_settings_has_key ("window-height") && easel_settings_has_key ("window-maximized"))
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* A debugging aid for screenshots on a display without a window manager. */
  if (debug_size != NULL)
    {
      int width = 0, height = 0;

      if (sscanf (debug_size, "%dx%d", &width, &height) == 2 && width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    }
}

/* Public API */

EaselWindow *
easel_window_new (GtkApplication *application)
{
  return g_object_new (EASEL_TYPE_WINDOW, "application", application, NULL);
}

void
easel_window_open (EaselWindow *self,
                   GFile       *file)
{
  g_autoptr(EaselImportJob) job = NULL;

  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (easel_file_is_sqlite (file))
    {
      open_sqlite (self, file);
      return;
    }

  job = easel_import_job_new_csv (file, NULL);
  start_import (self, job, TRUE);
}

void
easel_window_import (EaselWindow    *self,
                     EaselImportJob *job)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (EASEL_IS_IMPORT_JOB (job));

  start_import (self, job, FALSE);
}

void
easel_window_cancel_import (EaselWindow *self)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));

  /* The job finishes with G_IO_ERROR_CANCELLED and import_done_cb goes back. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

gboolean
easel_window_get_busy (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), FALSE);

  return self->running_job != NULL;
}

gboolean
easel_window_is_empty (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), FALSE);

  return self->running_job == NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0;
}

const char *
easel_window_get_page_name (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

EaselExplorePage *
easel_window_get_explore_page (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->explore_page;
}

void
easel_window_set_view (EaselWindow *self,
                       const char  *name)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (g_strcmp0 (name, "data") == 0 || g_strcmp0 (name, "explore") == 0);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
easel_window_get_view (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

EaselDataPage *
easel_window_get_data_page (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->data_page;
}

GtkWidget *
easel_window_get_welcome_page (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->welcome_page;
}

const char *
easel_window_get_last_error (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->last_error;
}
