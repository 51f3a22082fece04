/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "easel-card-page.h"
#include "easel-error.h"
#include "easel-build-page.h"
#include "easel-explore-page.h"
#include "easel-format.h"
#include "easel-prepare-page.h"
#include "easel-project-copy.h"
#include "easel-project-manager.h"
#include "easel-project-sidebar.h"
#include "easel-recipe.h"
#include "easel-samples.h"
#include "easel-settings.h"
#include "easel-sqlite-import.h"
#include "easel-table-chooser.h"
#include "easel-welcome-page.h"
#include "easel-window.h"
#include "easel-worker.h"

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
  EaselPreparePage     *prepare_page;
  EaselBuildPage       *build_page;
  AdwFlap              *project_flap;
  GtkToggleButton      *project_button;
  EaselProjectSidebar  *project_sidebar;
  EaselCardPage        *card_page;

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

  EaselProject         *project;        /* shared through easel-project-manager */
  GCancellable         *store_cancellable;
  GtkNativeDialog      *project_chooser;
  guint                 n_stores;       /* datasets and copies being written */
  char                 *shown_dataset;  /* the project's name for the table shown */
  gboolean              disposed;

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

/* The Build page trains on what the Prepare page makes of the table: the prepared table
 * with its fitted recipe (stored in the model and replayed when it predicts), or the table
 * as it is while the recipe has no enabled step. */
static gboolean
recipe_has_enabled_steps (const EaselRecipe *recipe)
{
  for (guint i = 0; recipe != NULL && i < easel_recipe_get_n_steps (recipe); i++)
    if (easel_step_get_enabled (easel_recipe_get_step (recipe, i)))
      return TRUE;
  return FALSE;
}

static void
recipe_changed_cb (EaselPreparePage *page,
                   EaselWindow      *self)
{
  if (recipe_has_enabled_steps (easel_prepare_page_get_recipe (page)))
    return;   /* the "prepared" signal follows */
  easel_build_page_set_recipe_json (self->build_page, NULL);
  easel_build_page_set_table (self->build_page, easel_prepare_page_get_table (page));
}

static void
prepared_cb (EaselPreparePage *page,
             EaselWindow      *self)
{
  EaselTable *prepared = easel_prepare_page_get_prepared_table (page);
  EaselRecipe *fitted = easel_prepare_page_get_fitted_recipe (page);
  g_autofree char *json = NULL;

  if (prepared == NULL || !recipe_has_enabled_steps (fitted))
    return;
  json = easel_recipe_to_json (fitted, FALSE);
  easel_build_page_set_recipe_json (self->build_page, json);
  easel_build_page_set_table (self->build_page, prepared);
}

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

/* The project's name, marked when it cannot be changed; NULL without a project. */
static char *
dup_project_title (EaselWindow *self)
{
  g_autofree char *name = NULL;

  if (self->project == NULL)
    return NULL;

  name = easel_project_get_display_name (self->project);
  if (easel_project_is_read_only (self->project))
    /* Translators: the project's name in the title bar when it cannot be changed */
    return g_strdup_printf (_("%s (Read-Only)"), name);

  return g_steal_pointer (&name);
}

static void
update_title (EaselWindow *self)
{
  EaselTable *table = easel_data_page_get_table (self->data_page);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  g_autofree char *project = dup_project_title (self);

  /* a model version's card */
  if (g_strcmp0 (page, "card") == 0)
    {
      g_autofree char *ref = easel_card_page_dup_model_ref (self->card_page);

      adw_view_switcher_title_set_title (self->switcher_title, _("Model Card"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, project);
      gtk_window_set_title (GTK_WINDOW (self), ref != NULL ? ref : _("Model Card"));
      return;
    }

  if (table != NULL && self->shown_job != NULL && g_strcmp0 (page, "welcome") != 0)
    {
      const char *title = easel_import_job_get_title (self->shown_job);
      g_autofree char *size = easel_format_table_size (easel_table_get_n_rows (table),
                                                       easel_table_get_n_columns (table));
      g_autofree char *subtitle = NULL;

      /* Translators: the subtitle of a table: its size, then the project's name */
      subtitle = project != NULL ? g_strdup_printf (_("%s — %s"), size, project)
                                 : g_steal_pointer (&size);
      adw_view_switcher_title_set_title (self->switcher_title, title);
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Easel"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, project);
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
  /* EASEL_DEBUG_RECIPE=file.json loads a recipe into Prepare */
  if (g_getenv ("EASEL_DEBUG_RECIPE") != NULL)
    {
      g_autoptr(GFile) recipe = g_file_new_for_path (g_getenv ("EASEL_DEBUG_RECIPE"));
      g_autoptr(GError) recipe_error = NULL;

      if (!easel_prepare_page_load_recipe (self->prepare_page, recipe, &recipe_error))
        g_warning ("EASEL_DEBUG_RECIPE: %s", recipe_error->message);
    }
  /* EASEL_DEBUG_STEP=N shows step N (from 1) in Prepare; "all" the whole recipe,
   * "catalog" the catalogue of steps */
  if (g_strcmp0 (g_getenv ("EASEL_DEBUG_STEP"), "all") == 0)
    easel_prepare_page_set_preview_whole (self->prepare_page, TRUE);
  else if (g_strcmp0 (g_getenv ("EASEL_DEBUG_STEP"), "catalog") == 0)
    gtk_menu_button_popup (GTK_MENU_BUTTON (easel_prepare_page_get_add_button (
                             self->prepare_page)));
  else if (g_getenv ("EASEL_DEBUG_STEP") != NULL)
    easel_prepare_page_select_step (self->prepare_page,
                                    atoi (g_getenv ("EASEL_DEBUG_STEP")) - 1);
  if (view != NULL)
    easel_window_set_view (self, view);
}

static void store_table (EaselWindow    *self,
                         EaselImportJob *job,
                         EaselTable     *table);

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
  gboolean retyped;

  table = easel_import_job_run_finish (job, result, &error);

  /* Another import replaced this one, or the window is closing. */
  if (job != self->running_job)
    return;

  add_recent = self->add_running_to_recent;
  retyped = self->retyped_column != NULL;
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
  easel_prepare_page_set_table (self->prepare_page, table);
  easel_build_page_set_table (self->build_page, table);
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

  /* A dataset of the project is already there; a table read from a file is kept in it
   * (the same file read again with another column type is not a new table). */
  g_free (self->shown_dataset);
  self->shown_dataset = g_strdup (easel_import_job_get_dataset (job));
  if (easel_import_job_get_dataset (job) != NULL)
    easel_project_sidebar_select_dataset (self->project_sidebar,
                                          easel_import_job_get_dataset (job));
  else if (!retyped && !easel_import_job_is_synthetic (job))
    store_table (self, job, table);
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

/* Projects */

static void
update_project_actions (EaselWindow *self)
{
  /* A copy waits for the datasets being stored, so that it has them. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project-as",
                                 self->project != NULL && self->n_stores == 0);
}

/* Shows 'project' (a reference from easel-project-manager, taken over). */
static void
set_project (EaselWindow  *self,
             EaselProject *project)
{
  if (easel_card_page_get_project (self->card_page) != NULL &&
      easel_card_page_get_project (self->card_page) != project)
    {
      easel_card_page_set_model (self->card_page, NULL, NULL, 0);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "card") == 0)
        set_page (self, "welcome");
    }
  g_clear_pointer (&self->project, easel_project_manager_release);
  self->project = project;

  if (project != NULL)
    {
      g_autofree char *default_path = easel_project_manager_get_default_path ();

      if (g_strcmp0 (easel_project_get_path (project), default_path) != 0)
        easel_project_manager_add_recent (easel_project_get_path (project));
    }

  easel_project_sidebar_set_project (self->project_sidebar, project);
  if (self->shown_job != NULL && easel_import_job_get_dataset (self->shown_job) != NULL)
    easel_project_sidebar_select_dataset (self->project_sidebar,
                                          easel_import_job_get_dataset (self->shown_job));
  update_project_actions (self);
  update_title (self);
}

static void open_project_path (EaselWindow           *self,
                               const char            *path,
                               EaselProjectOpenFlags  flags);

static void project_model_activated_cb (EaselWindow         *self,
                                        const char          *name,
                                        guint                version,
                                        EaselProjectSidebar *sidebar);

static void
project_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           EaselWindow      *self)
{
  if (g_str_equal (response, "read-only"))
    open_project_path (self, g_object_get_data (G_OBJECT (dialog), "easel-path"),
                       EASEL_PROJECT_OPEN_READ_ONLY);
}

/* An open error with the core's message; a locked project can be opened read-only. */
static void
show_project_error (EaselWindow  *self,
                    const char   *path,
                    const GError *error,
                    gboolean      offer_read_only)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *title = g_filename_display_name (base);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (error->message);

  /* Translators: the heading of an error dialog; %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (offer_read_only && g_error_matches (error, EASEL_ERROR, EASEL_ERROR_LOCKED))
    {
      adw_message_dialog_add_response (dialog, "read-only", _("Open _Read-Only"));
      adw_message_dialog_set_response_appearance (dialog, "read-only", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "read-only");
      g_object_set_data_full (G_OBJECT (dialog), "easel-path", g_strdup (path), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (project_error_response_cb), self,
                               0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_project_path (EaselWindow           *self,
                   const char            *path,
                   EaselProjectOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  EaselProject *project = easel_project_manager_open (path, flags, &error);

  if (project == NULL)
    {
      show_project_error (self, path, error, (flags & EASEL_PROJECT_OPEN_READ_ONLY) == 0);
      return;
    }

  set_project (self, project);

  /* A debugging aid for screenshots: EASEL_DEBUG_CARD=NAME@VERSION shows that card. */
  if (g_getenv ("EASEL_DEBUG_CARD") != NULL)
    {
      g_autofree char *name = NULL;
      guint version = 0;

      if (easel_model_ref_parse (g_getenv ("EASEL_DEBUG_CARD"), &name, &version, NULL))
        project_model_activated_cb (self, name, MAX (version, 1), self->project_sidebar);
    }
}

typedef struct
{
  EaselProject *project;
  EaselTable   *table;
  char         *name;
  char         *source;
  char         *path;      /* Save As: where to */
} ProjectWork;

static void
project_work_free (gpointer data)
{
  ProjectWork *work = data;

  g_clear_pointer (&work->project, easel_project_unref);
  g_clear_pointer (&work->table, easel_table_unref);
  g_free (work->name);
  g_free (work->source);
  g_free (work->path);
  g_free (work);
}

static gpointer
store_in_thread (gpointer        data,
                 EaselProgress  *progress,
                 GCancellable   *cancellable,
                 GError        **error)
{
  ProjectWork *work = data;

  if (easel_project_add_dataset (work->project, work->name, work->table, work->source,
                                 progress, cancellable, error) == 0)
    return NULL;

  return g_strdup (work->name);
}

static gpointer
save_as_in_thread (gpointer        data,
                   EaselProgress  *progress,
                   GCancellable   *cancellable,
                   GError        **error)
{
  ProjectWork *work = data;

  /* The file chooser has asked before replacing a file. */
  return easel_project_save_as (work->project, work->path, TRUE, progress, cancellable, error);
}

static void
project_work_progress_cb (EaselWindow *self,
                          GParamSpec  *pspec,
                          EaselWorker *worker)
{
  easel_project_sidebar_set_saving (self->project_sidebar,
                                    g_object_get_data (G_OBJECT (worker), "easel-message"),
                                    easel_worker_get_fraction (worker));
}

/* Runs 'func' on 'work' with its progress in the sidebar. */
static EaselWorker *
run_project_work (EaselWindow         *self,
                  EaselWorkerFunc      func,
                  ProjectWork         *work,
                  GDestroyNotify       result_free,
                  char                *message,
                  GAsyncReadyCallback  callback)
{
  g_autoptr(EaselWorker) worker = NULL;

  if (self->store_cancellable == NULL)
    self->store_cancellable = g_cancellable_new ();

  self->n_stores++;
  worker = easel_worker_run (func, work, project_work_free, result_free,
                             self->store_cancellable, callback, g_object_ref (self));
  g_object_set_data_full (G_OBJECT (worker), "easel-message", message, g_free);
  g_signal_connect_object (worker, "notify::fraction", G_CALLBACK (project_work_progress_cb),
                           self, G_CONNECT_SWAPPED);
  easel_project_sidebar_set_saving (self->project_sidebar, message, 0);
  update_project_actions (self);

  return g_steal_pointer (&worker);
}

/* Whether the work is over for a window still there. */
static gboolean
finish_project_work (EaselWindow *self,
                     GObject     *worker)
{
  g_signal_handlers_disconnect_by_data (worker, self);
  self->n_stores--;

  /* The window closed meanwhile: what was stored stays stored. */
  if (self->disposed)
    return FALSE;

  if (self->n_stores == 0)
    easel_project_sidebar_set_saving (self->project_sidebar, NULL, 0);
  update_project_actions (self);

  return TRUE;
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EaselWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = easel_worker_finish (EASEL_WORKER (object), result, &error);

  if (!finish_project_work (self, object))
    return;

  if (name == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Save the Table in the Project"), error->message);
      return;
    }

  easel_project_sidebar_reload (self->project_sidebar);
  if (self->shown_job != NULL && self->shown_job == g_object_get_data (object, "easel-job"))
    {
      easel_project_sidebar_select_dataset (self->project_sidebar, name);
      g_free (self->shown_dataset);
      self->shown_dataset = g_steal_pointer (&name);
    }
}

static void
save_as_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) copy = easel_worker_finish (EASEL_WORKER (object), result, &error);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!finish_project_work (self, object))
    return;

  if (copy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Save the Project"), error->message);
      return;
    }

  set_project (self, easel_project_manager_adopt (copy));
  name = easel_project_get_display_name (copy);
  /* Translators: a notice after Save As; %s is the new project's name */
  message = g_strdup_printf (_("Saved as “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The name for a table in the project: its file name without the extension, made unique.
 * NULL when the same table from the same file is already there ('existing' names it). */
static char *
choose_dataset_name (EaselWindow  *self,
                     const char   *title,
                     const char   *source,
                     EaselTable   *table,
                     char        **existing)
{
  g_autoptr(GPtrArray) datasets = easel_project_list_datasets (self->project, NULL);
  g_autofree char *base = g_strdup (title);
  char *dot = strrchr (base, '.');
  char *name;

  if (dot != NULL && dot != base && strchr (dot, ' ') == NULL)
    *dot = '\0';
  if (datasets == NULL)
    return g_strdup (base);

  for (guint i = 0; i < datasets->len; i++)
    {
      EaselDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (g_strcmp0 (info->source, source) == 0 && g_str_has_prefix (info->name, base) &&
          info->n_rows == easel_table_get_n_rows (table) &&
          info->n_columns == easel_table_get_n_columns (table))
        {
          *existing = g_strdup (info->name);
          return NULL;
        }
    }

  name = g_strdup (base);
  for (guint n = 2;; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < datasets->len && !taken; i++)
        taken = g_str_equal (((EaselDatasetInfo *) g_ptr_array_index (datasets, i))->name, name);
      if (!taken)
        return name;
      g_free (name);
      /* Translators: a second table of the same name in a project: "iris 2" */
      name = g_strdup_printf (_("%s %u"), base, n);
    }
}

/* Autosave: a table read from a file is kept in the project, so nothing is lost. */
static void
store_table (EaselWindow    *self,
             EaselImportJob *job,
             EaselTable     *table)
{
  GFile *file = easel_import_job_get_file (job);
  g_autofree char *source = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(EaselWorker) worker = NULL;
  ProjectWork *work;

  if (self->project == NULL)
    return;
  if (easel_project_is_read_only (self->project))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The project is read-only: the table is "
                                                    "not kept in it")));
      return;
    }

  if (file != NULL)
    source = g_file_get_path (file);
  if (source == NULL && file != NULL)
    source = g_file_get_uri (file);
  if (source == NULL)
    source = g_strdup (easel_import_job_get_title (job));

  work = g_new0 (ProjectWork, 1);
  work->name = choose_dataset_name (self, easel_import_job_get_title (job), source, table,
                                    &existing);
  if (work->name == NULL)
    {
      easel_project_sidebar_select_dataset (self->project_sidebar, existing);
      g_free (self->shown_dataset);
      self->shown_dataset = g_steal_pointer (&existing);
      project_work_free (work);
      return;
    }
  work->project = easel_project_ref (self->project);
  work->table = easel_table_ref (table);
  work->source = g_steal_pointer (&source);

  worker = run_project_work (self, store_in_thread, work, g_free,
                             /* Translators: shown while a table is stored; %s is its name */
                             g_strdup_printf (_("Saving “%s” in the project…"), work->name),
                             store_done_cb);
  g_object_set_data_full (G_OBJECT (worker), "easel-job", g_object_ref (job), g_object_unref);
}

static void
save_project_as (EaselWindow *self,
                 const char  *path)
{
  ProjectWork *work;

  if (self->project == NULL)
    return;

  work = g_new0 (ProjectWork, 1);
  work->project = easel_project_ref (self->project);
  work->path = g_strdup (path);
  g_object_unref (run_project_work (self, save_as_in_thread, work,
                                    (GDestroyNotify) easel_project_unref,
                                    g_strdup (_("Copying the project…")), save_as_done_cb));
}

static void
new_project (EaselWindow *self,
             const char  *path)
{
  g_autoptr(GError) error = NULL;
  EaselProject *project;

  /* The file chooser has asked before replacing: the old file goes to the trash. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (self->project != NULL && g_str_equal (easel_project_get_path (self->project), path))
        g_set_error (&error, EASEL_ERROR, EASEL_ERROR_LOCKED,
                     _("“%s” is the project open now; choose another name."), path);
      else
        g_file_trash (file, NULL, &error);
      if (error != NULL)
        {
          show_project_error (self, path, error, FALSE);
          return;
        }
    }

  project = easel_project_manager_create (path, &error);
  if (project == NULL)
    {
      show_project_error (self, path, error, FALSE);
      return;
    }
  set_project (self, project);
  set_page (self, "welcome");
}

static void
project_chooser_response_cb (EaselWindow     *self,
                             int              response,
                             GtkNativeDialog *chooser)
{
  const char *mode = g_object_get_data (G_OBJECT (chooser), "easel-mode");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL && !g_str_equal (mode, "open") && !g_str_has_suffix (path, ".easel"))
        {
          char *named = g_strconcat (path, ".easel", NULL);

          g_free (path);
          path = named;
        }

      if (path != NULL && g_str_equal (mode, "open"))
        open_project_path (self, path, EASEL_PROJECT_OPEN_DEFAULT);
      else if (path != NULL && g_str_equal (mode, "new"))
        new_project (self, path);
      else if (path != NULL)
        save_project_as (self, path);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->project_chooser);
}

static void
run_project_chooser (EaselWindow *self,
                     const char  *mode)
{
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  gboolean open = g_str_equal (mode, "open");
  GtkFileChooserNative *chooser;
  const char *title;

  if (self->project_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->project_chooser);
      g_clear_object (&self->project_chooser);
    }

  if (open)
    title = _("Open a Project");
  else if (g_str_equal (mode, "new"))
    title = _("New Project");
  else
    title = _("Save the Project As");

  gtk_file_filter_set_name (projects, _("Easel Projects"));
  gtk_file_filter_add_mime_type (projects, "application/x-easel-project");
  gtk_file_filter_add_suffix (projects, "easel");

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         open ? GTK_FILE_CHOOSER_ACTION_OPEN
                                              : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         open ? _("_Open") : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), projects);
  if (!open)
    {
      g_autofree char *name = self->project != NULL && !g_str_equal (mode, "new")
                              ? easel_project_get_display_name (self->project)
                              : g_strdup (_("Untitled"));
      g_autofree char *file_name = g_strconcat (name, ".easel", NULL);
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) folder = g_file_new_for_path (documents);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
    }
  g_object_set_data_full (G_OBJECT (chooser), "easel-mode", g_strdup (mode), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (project_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->project_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->project_chooser);
}

static void
project_dataset_activated_cb (EaselWindow         *self,
                              const char          *name,
                              EaselProjectSidebar *sidebar)
{
  g_autoptr(EaselImportJob) job = NULL;

  if (self->project == NULL)
    return;

  if (adw_flap_get_folded (self->project_flap))
    adw_flap_set_reveal_flap (self->project_flap, FALSE);
  job = easel_import_job_new_project (self->project, name);
  start_import (self, job, FALSE);
}

static void
project_model_activated_cb (EaselWindow         *self,
                            const char          *name,
                            guint                version,
                            EaselProjectSidebar *sidebar)
{
  if (adw_flap_get_folded (self->project_flap))
    adw_flap_set_reveal_flap (self->project_flap, FALSE);
  if (self->project == NULL)
    return;

  easel_card_page_set_model (self->card_page, self->project, name, version);
  easel_project_sidebar_select_model (self->project_sidebar, name, version);
  set_page (self, "card");
}

static void
project_sidebar_error_cb (EaselWindow         *self,
                          const char          *message,
                          EaselProjectSidebar *sidebar)
{
  show_error (self, _("Could Not Change the Project"), message);
}

/* Save to Project: the model of the Build page as the next version of
 * "DATASET-TARGET", as `easel-cli train --project` names it. */
static void
save_model_to_project (EaselWindow *self)
{
  const EaselModel *model = easel_build_page_get_model (self->build_page);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const char *target;
  guint version;

  if (model == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Train a model on the Build page first")));
      return;
    }
  if (self->project == NULL || easel_project_is_read_only (self->project))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The project is read-only: the model "
                                                    "cannot be saved in it")));
      return;
    }

  target = easel_design_get_target (easel_model_get_design (model));
  if (self->shown_dataset != NULL)
    base = g_strdup (self->shown_dataset);
  else if (self->shown_job != NULL)
    {
      char *dot;

      base = g_strdup (easel_import_job_get_title (self->shown_job));
      dot = strrchr (base, '.');
      if (dot != NULL && dot != base)
        *dot = '\0';
    }
  else
    base = g_strdup (_("model"));
  name = g_strdup_printf ("%s-%s", base, target);

  version = easel_project_add_model (self->project, name, model, self->shown_dataset,
                                     easel_model_get_evaluation_json (model),
                                     g_get_user_name (), &error);
  if (version == 0)
    {
      show_error (self, _("Could Not Save the Model in the Project"), error->message);
      return;
    }

  easel_project_sidebar_reload (self->project_sidebar);
  /* Translators: a notice after a model was stored; "iris-species, version 2" */
  message = g_strdup_printf (_("Saved “%s”, version %u, in the project"), name, version);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
project_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);

  if (g_str_equal (action_name, "win.open-project"))
    run_project_chooser (self, "open");
  else if (g_str_equal (action_name, "win.new-project"))
    run_project_chooser (self, "new");
  else if (g_str_equal (action_name, "win.save-project-as"))
    run_project_chooser (self, "save-as");
  else if (g_str_equal (action_name, "win.save-model-to-project"))
    save_model_to_project (self);
  else if (g_str_equal (action_name, "win.toggle-project-sidebar"))
    gtk_toggle_button_set_active (self->project_button,
                                  !gtk_toggle_button_get_active (self->project_button));
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

/* A step for the recipe (as JSON), from an insight's quick action: added, and shown. */
static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!easel_prepare_page_add_step_json (self->prepare_page,
                                         g_variant_get_string (parameter, NULL), &error))
    {
      g_warning ("Cannot add the step: %s", error->message);
      return;
    }
  easel_window_set_view (self, "prepare");
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
  if (self->project_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->project_chooser);
      g_clear_object (&self->project_chooser);
    }
  g_clear_pointer (&self->project, easel_project_manager_release);
  self->disposed = TRUE;

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
  g_clear_object (&self->store_cancellable);
  g_clear_pointer (&self->shown_dataset, g_free);

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
  g_type_ensure (EASEL_TYPE_PREPARE_PAGE);
  g_type_ensure (EASEL_TYPE_BUILD_PAGE);
  g_type_ensure (EASEL_TYPE_PROJECT_SIDEBAR);
  g_type_ensure (EASEL_TYPE_CARD_PAGE);

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
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, prepare_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, build_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, project_flap);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, project_button);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, project_sidebar);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, card_page);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, explore_column_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, data_page_change_column_type_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_dataset_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_model_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_sidebar_error_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.add-step", "s", add_step_action);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, project_action);
  gtk_widget_class_install_action (widget_class, "win.save-project-as", NULL, project_action);
  gtk_widget_class_install_action (widget_class, "win.save-model-to-project", NULL,
                                   project_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-project-sidebar", NULL,
                                   project_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK,
                                       "win.toggle-project-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-project",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-project-as",
                                       NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view",
                                       "s", "data");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view",
                                       "s", "explore");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view",
                                       "s", "prepare");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view",
                                       "s", "build");
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
  g_signal_connect_object (self->prepare_page, "recipe-changed",
                           G_CALLBACK (recipe_changed_cb), self, 0);
  g_signal_connect_object (self->prepare_page, "prepared", G_CALLBACK (prepared_cb), self, 0);

  /* Work goes into the default project until the person opens or saves another. */
  g_object_bind_property (self->project_button, "active", self->project_flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  {
    g_autoptr(GError) error = NULL;
    EaselProject *project = easel_project_manager_open_default (&error);

    if (project == NULL)
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    set_project (self, project);
  }

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

  if (easel_file_is_project (file))
    {
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          open_project_path (self, path, EASEL_PROJECT_OPEN_DEFAULT);
          return;
        }
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Projects can only be opened from this computer."));
      show_project_error (self, g_file_peek_path (file) ? g_file_peek_path (file) : "", error,
                          FALSE);
      return;
    }

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

EaselPreparePage *
easel_window_get_prepare_page (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->prepare_page;
}

EaselBuildPage *
easel_window_get_build_page (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->build_page;
}

void
easel_window_set_view (EaselWindow *self,
                       const char  *name)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (g_strcmp0 (name, "data") == 0 || g_strcmp0 (name, "explore") == 0 ||
                    adw_view_stack_get_child_by_name (self->view_stack, name) != NULL);

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

EaselProject *
easel_window_get_project (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->project;
}

EaselProjectSidebar *
easel_window_get_project_sidebar (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->project_sidebar;
}

gboolean
easel_window_get_saving (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), FALSE);

  return self->n_stores > 0;
}

void
easel_window_open_project (EaselWindow *self,
                           const char  *path,
                           gboolean     read_only)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  open_project_path (self, path, read_only ? EASEL_PROJECT_OPEN_READ_ONLY
                                           : EASEL_PROJECT_OPEN_DEFAULT);
}

void
easel_window_new_project (EaselWindow *self,
                          const char  *path)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  new_project (self, path);
}

void
easel_window_save_project_as (EaselWindow *self,
                              const char  *path)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  save_project_as (self, path);
}

EaselCardPage *
easel_window_get_card_page (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return self->card_page;
}

/* The Build page's model, stored as the next version of DATASET-TARGET. */
void
easel_window_save_model_to_project (EaselWindow *self)
{
  g_return_if_fail (EASEL_IS_WINDOW (self));

  save_model_to_project (self);
}
