/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <glib/gstdio.h>

#include "easel-build-page.h"
#include "easel-card-page.h"
#include "easel-project-copy.h"
#include "easel-project-manager.h"
#include "easel-project-sidebar.h"
#include "easel-ui-test.h"
#include "easel-window.h"

/* Helpers */

static gboolean
window_idle (gpointer data)
{
  return !easel_window_get_busy (EASEL_WINDOW (data)) &&
         !easel_window_get_saving (EASEL_WINDOW (data));
}

static gboolean
window_not_busy (gpointer data)
{
  return !easel_window_get_busy (EASEL_WINDOW (data));
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-project-ui-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* Runs easel-cli from the build tree; FALSE (and the test skipped) when it is not built. */
static gboolean
run_cli (const char *const *args)
{
  const char *build_dir = g_getenv ("EASEL_BUILD_DIR");
  g_autofree char *cli = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (build_dir != NULL)
    cli = g_build_filename (build_dir, "src", "cli", "easel-cli", NULL);
  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("easel-cli is not built (EASEL_BUILD_DIR)");
      return FALSE;
    }

  g_ptr_array_add (argv, cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("easel-cli %s failed: %s", args[0], err);

  return TRUE;
}

/* A project made with the CLI: iris, two versions of its model, the first approved. */
static char *
make_cli_project (void)
{
  g_autofree char *iris = easel_ui_test_dataset ("iris.csv");
  g_autofree char *path = temp_path ("study.easel");

  if (iris == NULL)
    {
      g_test_skip ("iris.csv is not available");
      return NULL;
    }
  if (!run_cli ((const char *[]) { "project", "new", path, NULL }))
    return NULL;
  for (guint i = 0; i < 2; i++)
    run_cli ((const char *[]) { "train", iris, "--target", "species", "--project", path,
                                "--name", "iris-species", NULL });
  run_cli ((const char *[]) { "model", "status", "--project", path, "--model", "iris-species@1",
                              "--set", "Approved", NULL });

  return g_steal_pointer (&path);
}

static EaselWindow *
create_window (void)
{
  EaselWindow *window = easel_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  easel_ui_test_flush ();

  return window;
}

static void
open_file (EaselWindow *window,
           const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  easel_window_open (window, file);
  easel_ui_test_wait (window_idle, window, 60, "the window to finish its work");
}

static const char *
window_subtitle (EaselWindow *window)
{
  GtkWidget *title = easel_ui_test_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);

  g_assert_nonnull (title);
  return adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (title));
}

static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
destroy_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (window);
    }
  easel_ui_test_flush ();
}

static guint
strv_index (char       **strv,
            const char  *name)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_str_equal (strv[i], name))
      return i;

  return G_MAXUINT;
}

static char *
write_csv (const char *name,
           const char *contents)
{
  char *path = temp_path (name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static const char plants_csv[] =
  "height,leaf,kind\n"
  "1.5,round,fern\n"
  "2.25,long,moss\n"
  "0.75,round,fern\n";

/* Tests */

/* A project made by easel-cli opens from its file: the sidebar lists its dataset and each
 * model version with its status; the status menu and the dataset row work. */
static void
test_cli_project (void)
{
  g_autofree char *path = make_cli_project ();
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) models = NULL;
  EaselProjectSidebar *sidebar;
  EaselWindow *window;
  EaselTable *table;
  GtkWidget *row;

  if (path == NULL)
    return;

  window = create_window ();
  sidebar = easel_window_get_project_sidebar (window);
  open_file (window, path);
  g_assert_null (find_dialog (GTK_WINDOW (window)));
  g_assert_cmpstr (easel_project_get_path (easel_window_get_project (window)), ==, path);
  g_assert_cmpstr (window_subtitle (window), ==, "study");

  names = easel_project_sidebar_dup_dataset_names (sidebar);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "iris");
  g_assert_cmpstr (easel_project_sidebar_get_status_label (sidebar, "iris-species", 1), ==,
                   "Approved");
  g_assert_cmpstr (easel_project_sidebar_get_status_label (sidebar, "iris-species", 2), ==,
                   "Draft");
  g_assert_null (easel_project_sidebar_get_status_label (sidebar, "iris-species", 3));

  /* The row's menu changes the status in the project */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.set-status",
                                             "(sus)", "iris-species", 2, "PendingReview"));
  g_assert_cmpstr (easel_project_sidebar_get_status_label (sidebar, "iris-species", 2), ==,
                   "Pending Review");
  models = easel_project_list_models (easel_window_get_project (window), NULL);
  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (((EaselModelInfo *) g_ptr_array_index (models, 1))->status, ==,
                   "PendingReview");
  g_assert_cmpstr (((EaselModelInfo *) g_ptr_array_index (models, 0))->status, ==, "Approved");

  /* The dataset opens from its row */
  row = easel_project_sidebar_get_dataset_row (sidebar, "iris");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_true (easel_window_get_busy (window));
  easel_ui_test_wait (window_idle, window, 60, "the dataset to load");
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  table = easel_data_page_get_table (easel_window_get_data_page (window));
  g_assert_cmpuint (easel_table_get_n_rows (table), ==, 150);
  g_assert_cmpuint (easel_table_get_n_columns (table), ==, 5);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "iris");
  easel_ui_assert_contains (window_subtitle (window), "study");
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
  /* a dataset of the project is not stored again */
  g_strfreev (names);
  names = easel_project_sidebar_dup_dataset_names (sidebar);
  g_assert_cmpuint (g_strv_length (names), ==, 1);

  /* Left for another project and back: nothing still holds it, it opens for writing */
  {
    g_autofree char *other = temp_path ("other.easel");

    easel_window_new_project (window, other);
    g_assert_cmpstr (easel_project_get_path (easel_window_get_project (window)), ==, other);
    easel_window_open_project (window, path, FALSE);
    g_assert_null (find_dialog (GTK_WINDOW (window)));
    g_assert_cmpstr (easel_project_get_path (easel_window_get_project (window)), ==, path);
    g_assert_false (easel_project_is_read_only (easel_window_get_project (window)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

/* A table read from a file goes into the default project, and is there the next time. */
static void
test_autosave (void)
{
  g_autofree char *csv = write_csv ("plants.csv", plants_csv);
  g_autofree char *other = write_csv ("plants.csv", "a,b\n1,2\n");
  g_autofree char *default_path = easel_project_manager_get_default_path ();
  g_auto(GStrv) names = NULL;
  EaselWindow *window = create_window ();
  EaselProjectSidebar *sidebar = easel_window_get_project_sidebar (window);
  guint n_before;

  /* the default project lives in the (temporary) user data folder */
  g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (easel_project_get_path (easel_window_get_project (window)), ==, default_path);
  g_assert_cmpstr (window_subtitle (window), ==, "Default");

  names = easel_project_sidebar_dup_dataset_names (sidebar);
  n_before = g_strv_length (names);
  g_assert_cmpuint (strv_index (names, "plants"), ==, G_MAXUINT);
  g_clear_pointer (&names, g_strfreev);

  easel_ui_test_flush ();
  {
    g_autoptr(GFile) file = g_file_new_for_path (csv);

    easel_window_open (window, file);
    easel_ui_test_wait (window_idle, window, 60, "the import and its storing");
  }
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  names = easel_project_sidebar_dup_dataset_names (sidebar);
  g_assert_cmpuint (g_strv_length (names), ==, n_before + 1);
  g_assert_cmpuint (strv_index (names, "plants"), !=, G_MAXUINT);
  g_assert_true (gtk_list_box_row_is_selected (
    GTK_LIST_BOX_ROW (easel_project_sidebar_get_dataset_row (sidebar, "plants"))));
  g_clear_pointer (&names, g_strfreev);

  /* The same file again is the same dataset; another file of the same name is a new one */
  open_file (window, csv);
  names = easel_project_sidebar_dup_dataset_names (sidebar);
  g_assert_cmpuint (g_strv_length (names), ==, n_before + 1);
  g_clear_pointer (&names, g_strfreev);
  open_file (window, other);
  names = easel_project_sidebar_dup_dataset_names (sidebar);
  g_assert_cmpuint (g_strv_length (names), ==, n_before + 2);
  g_assert_cmpuint (strv_index (names, "plants 2"), !=, G_MAXUINT);
  g_clear_pointer (&names, g_strfreev);

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();

  /* Closed, the project file has the table, as it was read */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EaselProject) project = easel_project_open (default_path, 0, &error);
    g_autoptr(EaselTable) table = NULL;

    g_assert_no_error (error);
    table = easel_project_load_dataset (project, "plants", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (easel_table_get_n_rows (table), ==, 3);
    g_assert_cmpuint (easel_table_get_n_columns (table), ==, 3);
    g_assert_cmpfloat (easel_table_get_column (table, 0)->num[1], ==, 2.25);
  }

  /* and a new window shows it in the sidebar, and opens it from there */
  window = create_window ();
  sidebar = easel_window_get_project_sidebar (window);
  names = easel_project_sidebar_dup_dataset_names (sidebar);
  g_assert_cmpuint (strv_index (names, "plants"), !=, G_MAXUINT);
  gtk_widget_activate (easel_project_sidebar_get_dataset_row (sidebar, "plants"));
  easel_ui_test_wait (window_idle, window, 60, "the dataset to load");
  g_assert_cmpuint (easel_table_get_n_rows (
                      easel_data_page_get_table (easel_window_get_data_page (window))), ==, 3);

  /* A window closed while it stores a table still stores it */
  {
    g_autofree char *late = write_csv ("late.csv", "x\n1\n2\n");
    g_autoptr(GFile) file = g_file_new_for_path (late);
    g_autoptr(GError) error = NULL;
    g_autoptr(EaselProject) project = NULL;
    g_autoptr(GPtrArray) datasets = NULL;
    gboolean found = FALSE;

    easel_window_open (window, file);
    easel_ui_test_wait (window_not_busy, window, 60, "the import");
    g_assert_true (easel_window_get_saving (window));
    gtk_window_destroy (GTK_WINDOW (window));
    for (guint i = 0; i < 200 && g_file_test (default_path, G_FILE_TEST_EXISTS); i++)
      {
        /* the default project is released once the store is over */
        project = easel_project_open (default_path, 0, NULL);
        if (project != NULL)
          break;
        g_main_context_iteration (NULL, FALSE);
        g_usleep (50000);
      }
    g_assert_nonnull (project);
    datasets = easel_project_list_datasets (project, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < datasets->len; i++)
      found |= g_str_equal (((EaselDatasetInfo *) g_ptr_array_index (datasets, i))->name, "late");
    g_assert_true (found);
  }
  easel_ui_test_flush ();
}

/* Save As makes a copy that the window goes on with; it opens with the same content. */
static void
test_save_as (void)
{
  g_autofree char *path = make_cli_project ();
  g_autofree char *csv = write_csv ("plants.csv", plants_csv);
  g_autofree char *copy_path = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  EaselWindow *window;
  EaselProjectSidebar *sidebar;

  if (path == NULL)
    return;

  copy_path = temp_path ("copy.easel");
  window = create_window ();
  sidebar = easel_window_get_project_sidebar (window);
  open_file (window, path);
  open_file (window, csv);  /* stored in study.easel */

  easel_window_save_project_as (window, copy_path);
  g_assert_true (easel_window_get_saving (window));
  easel_ui_test_wait (window_idle, window, 60, "the copy");
  g_assert_null (find_dialog (GTK_WINDOW (window)));
  g_assert_cmpstr (easel_project_get_path (easel_window_get_project (window)), ==, copy_path);
  easel_ui_assert_contains (window_subtitle (window), "copy");
  names = easel_project_sidebar_dup_dataset_names (sidebar);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "iris");
  g_assert_cmpstr (names[1], ==, "plants");
  g_assert_cmpstr (easel_project_sidebar_get_status_label (sidebar, "iris-species", 1), ==,
                   "Approved");

  /* The copy on disk: the same datasets, models and statuses as the original */
  {
    g_autoptr(EaselProject) original = easel_project_open (path, EASEL_PROJECT_OPEN_READ_ONLY,
                                                           &error);
    g_autoptr(EaselProject) copy = easel_project_open (copy_path, EASEL_PROJECT_OPEN_READ_ONLY,
                                                       &error);
    g_autoptr(GPtrArray) a = NULL, b = NULL, ma = NULL, mb = NULL;
    g_autoptr(EaselTable) ta = NULL, tb = NULL;
    g_autoptr(GBytes) ba = NULL, bb = NULL;

    g_assert_no_error (error);
    a = easel_project_list_datasets (original, NULL);
    b = easel_project_list_datasets (copy, NULL);
    g_assert_cmpuint (a->len, ==, 2);
    g_assert_cmpuint (b->len, ==, 2);
    ma = easel_project_list_models (original, NULL);
    mb = easel_project_list_models (copy, NULL);
    g_assert_cmpuint (ma->len, ==, 2);
    g_assert_cmpuint (mb->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_cmpstr (((EaselModelInfo *) g_ptr_array_index (ma, i))->status, ==,
                       ((EaselModelInfo *) g_ptr_array_index (mb, i))->status);
    ta = easel_project_load_dataset (original, "iris", &error);
    tb = easel_project_load_dataset (copy, "iris", &error);
    g_assert_no_error (error);
    ba = easel_table_to_bytes (ta);
    bb = easel_table_to_bytes (tb);
    g_assert_true (g_bytes_equal (ba, bb));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

/* Open errors: a file that is no project names itself in the dialog; a project open
 * elsewhere offers to open it read-only, which then shows in the title and stores nothing. */
static void
test_open_errors (void)
{
  g_autofree char *bogus = write_csv ("notes.easel", "this is not a project\n");
  g_autofree char *path = make_cli_project ();
  g_autofree char *csv = write_csv ("plants.csv", plants_csv);
  g_autoptr(EaselProject) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  EaselWindow *window = create_window ();
  EaselProject *before = easel_window_get_project (window);
  AdwMessageDialog *dialog;

  open_file (window, bogus);
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  easel_ui_assert_contains (adw_message_dialog_get_heading (dialog), "notes.easel");
  easel_ui_assert_contains (adw_message_dialog_get_body (dialog), "notes.easel");
  easel_ui_assert_contains (adw_message_dialog_get_body (dialog), "not an Easel project");
  g_assert_false (adw_message_dialog_has_response (dialog, "read-only"));
  g_assert_true (easel_window_get_project (window) == before);
  destroy_dialogs ();

  if (path == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  /* Locked by another program (here: the test itself) */
  holder = easel_project_open (path, 0, &error);
  g_assert_no_error (error);
  easel_window_open_project (window, path, FALSE);
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  easel_ui_assert_contains (adw_message_dialog_get_body (dialog), "study.easel");
  easel_ui_assert_contains (adw_message_dialog_get_body (dialog), "read-only");
  g_assert_true (adw_message_dialog_has_response (dialog, "read-only"));
  g_assert_true (easel_window_get_project (window) == before);
  adw_message_dialog_response (dialog, "read-only");
  destroy_dialogs ();

  g_assert_cmpstr (easel_project_get_path (easel_window_get_project (window)), ==, path);
  g_assert_true (easel_project_is_read_only (easel_window_get_project (window)));
  g_assert_cmpstr (window_subtitle (window), ==, "study (Read-Only)");

  /* no edits: the status menu is off and an imported table is not stored */
  gtk_widget_activate_action (GTK_WIDGET (easel_window_get_project_sidebar (window)),
                              "sidebar.set-status", "(sus)", "iris-species", 2, "Archived");
  g_assert_cmpstr (easel_project_sidebar_get_status_label (
                     easel_window_get_project_sidebar (window), "iris-species", 2), ==, "Draft");
  open_file (window, csv);
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  easel_ui_assert_contains (window_subtitle (window), "study (Read-Only)");
  names = easel_project_sidebar_dup_dataset_names (easel_window_get_project_sidebar (window));
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  {
    g_autoptr(GPtrArray) models = easel_project_list_models (holder, NULL);
    g_autoptr(GPtrArray) datasets = easel_project_list_datasets (holder, NULL);

    g_assert_cmpstr (((EaselModelInfo *) g_ptr_array_index (models, 1))->status, ==, "Draft");
    g_assert_cmpuint (datasets->len, ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

/* New Project: an empty project the window works in from then on. */
static void
test_new_project (void)
{
  g_autofree char *path = temp_path ("fresh.easel");
  g_autofree char *csv = write_csv ("plants.csv", plants_csv);
  g_auto(GStrv) names = NULL;
  EaselWindow *window = create_window ();

  easel_window_new_project (window, path);
  g_assert_null (find_dialog (GTK_WINDOW (window)));
  g_assert_cmpstr (easel_project_get_path (easel_window_get_project (window)), ==, path);
  g_assert_cmpstr (window_subtitle (window), ==, "fresh");
  names = easel_project_sidebar_dup_dataset_names (easel_window_get_project_sidebar (window));
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  open_file (window, csv);
  names = easel_project_sidebar_dup_dataset_names (easel_window_get_project_sidebar (window));
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "plants");

  /* It is a recent file now, offered on the welcome page */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *uri = g_file_get_uri (file);

    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

static gboolean
build_idle (gpointer data)
{
  return !easel_build_page_get_busy (EASEL_BUILD_PAGE (data));
}

/* Save to Project: the Build page's model becomes a version in the sidebar. */
static void
test_save_model (void)
{
  g_autofree char *path = temp_path ("models.easel");
  g_autofree char *iris = easel_ui_test_dataset ("iris.csv");
  g_autoptr(GPtrArray) models = NULL;
  EaselWindow *window;
  EaselBuildPage *build;
  EaselProjectSidebar *sidebar;

  if (iris == NULL)
    {
      g_test_skip ("iris.csv is not available");
      return;
    }

  window = create_window ();
  sidebar = easel_window_get_project_sidebar (window);
  easel_window_new_project (window, path);
  open_file (window, iris);
  build = easel_window_get_build_page (window);

  /* nothing trained yet: nothing stored */
  easel_window_save_model_to_project (window);
  g_assert_null (easel_project_sidebar_get_model_row (sidebar, "iris-species", 1));

  g_assert_true (easel_build_page_set_target (build, "species"));
  g_assert_true (easel_build_page_can_train (build));
  easel_build_page_train (build);
  easel_ui_test_wait (build_idle, build, 120, "the training");
  g_assert_nonnull (easel_build_page_get_model (build));

  easel_window_save_model_to_project (window);
  easel_window_save_model_to_project (window);
  g_assert_cmpstr (easel_project_sidebar_get_status_label (sidebar, "iris-species", 1), ==,
                   "Draft");
  g_assert_cmpstr (easel_project_sidebar_get_status_label (sidebar, "iris-species", 2), ==,
                   "Draft");
  models = easel_project_list_models (easel_window_get_project (window), NULL);
  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (((EaselModelInfo *) g_ptr_array_index (models, 0))->dataset, ==, "iris");
  g_assert_cmpstr (((EaselModelInfo *) g_ptr_array_index (models, 0))->target, ==, "species");

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

static gboolean
card_idle (gpointer data)
{
  return !easel_card_page_get_busy (EASEL_CARD_PAGE (data));
}

static gboolean
card_saved (gpointer data)
{
  return !easel_card_page_get_dirty (EASEL_CARD_PAGE (data)) &&
         easel_card_page_get_revision (EASEL_CARD_PAGE (data)) > 0;
}

static gboolean
preview_has_description (gpointer data)
{
  g_autofree char *text = easel_card_page_dup_preview_text (EASEL_CARD_PAGE (data));

  return strstr (text, "Tells iris species apart.") != NULL;
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A model version's card: filled in from the model, edited field by field with a live
 * preview, saved in the project after a pause, and exported in the four formats. */
static void
test_card_page (void)
{
  g_autofree char *path = make_cli_project ();
  g_autofree char *dir = NULL;
  static const char *const formats[] = { "md", "html", "pdf", "json" };
  EaselWindow *window;
  EaselCardPage *page;
  GtkWidget *row, *widget;
  g_autoptr(GError) error = NULL;
  guint high = G_MAXUINT;
  GListModel *choices;

  if (path == NULL)
    return;

  window = create_window ();
  open_file (window, path);
  row = easel_project_sidebar_get_model_row (easel_window_get_project_sidebar (window),
                                             "iris-species", 2);
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  page = easel_window_get_card_page (window);
  easel_ui_test_wait (card_idle, page, 60, "the card to load");
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "card");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "iris-species@2");
  g_assert_null (easel_card_page_get_last_error (page));
  g_assert_cmpuint (easel_card_page_get_revision (page), ==, 0);
  /* filled in from the model */
  g_assert_cmpstr (easel_card_get_string (easel_card_page_get_card (page),
                                          "model_overview.model_name"), ==, "iris-species");
  {
    g_autofree char *preview = easel_card_page_dup_preview_text (page);

    easel_ui_assert_contains (preview, "iris-species");
  }

  /* What Easel filled in is marked as such; empty fields are not */
  g_assert_true (easel_card_page_is_autofilled (page, "model_overview.model_description"));
  g_assert_false (easel_card_page_is_autofilled (page, "model_overview.model_owner"));

  /* Edits: a long text, a one-line field and the risk rating */
  widget = easel_card_page_get_field_widget (page, "model_overview.model_description");
  g_assert_true (GTK_IS_TEXT_VIEW (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                            "Tells iris species apart.", -1);
  widget = easel_card_page_get_field_widget (page, "model_overview.model_owner");
  g_assert_true (ADW_IS_ENTRY_ROW (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), "Botany lab");
  widget = easel_card_page_get_field_widget (page, "intended_uses.risk_rating");
  g_assert_true (ADW_IS_COMBO_ROW (widget));
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (widget));
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (choices, i);

      if (g_str_equal (gtk_string_object_get_string (item), "High"))
        high = i;
    }
  g_assert_cmpuint (high, !=, G_MAXUINT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (widget), high);
  g_assert_true (easel_card_page_get_dirty (page));
  /* a person's text is not Easel's */
  g_assert_false (easel_card_page_is_autofilled (page, "model_overview.model_description"));

  easel_ui_test_wait (preview_has_description, page, 10, "the preview to follow the edit");
  easel_ui_test_wait (card_saved, page, 10, "the card to be saved");
  g_assert_cmpuint (easel_card_page_get_revision (page), ==, 1);

  /* stored in the project */
  {
    guint revision = 0;
    g_autoptr(EaselCard) card = easel_card_load (easel_window_get_project (window),
                                                 "iris-species", 2, 0, &revision, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (revision, ==, 1);
    g_assert_cmpstr (easel_card_get_string (card, "model_overview.model_description"), ==,
                     "Tells iris species apart.");
    g_assert_cmpstr (easel_card_get_string (card, "model_overview.model_owner"), ==,
                     "Botany lab");
    g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "High");
  }

  /* Export */
  dir = g_dir_make_tmp ("easel-card-export-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("card.", formats[i], NULL);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (out);
      g_autofree char *text = NULL;

      easel_card_page_export (page, formats[i], file);
      g_assert_true (easel_card_page_get_busy (page));
      easel_ui_test_wait (card_idle, page, 60, "the export");
      text = read_text (out);
      if (g_str_equal (formats[i], "pdf"))
        g_assert_true (g_str_has_prefix (text, "%PDF-"));
      else if (g_str_equal (formats[i], "json"))
        {
          g_autoptr(EaselCard) card = easel_card_new_from_json (text, -1, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "High");
        }
      else
        easel_ui_assert_contains (text, "Tells iris species apart.");
      easel_ui_assert_contains (easel_card_page_get_last_notice (page), name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();

  /* Read-only, the card shows but cannot be edited */
  window = create_window ();
  easel_window_open_project (window, path, TRUE);
  gtk_widget_activate (easel_project_sidebar_get_model_row (
    easel_window_get_project_sidebar (window), "iris-species", 2));
  page = easel_window_get_card_page (window);
  easel_ui_test_wait (card_idle, page, 60, "the card to load");
  g_assert_cmpuint (easel_card_page_get_revision (page), ==, 1);
  widget = easel_card_page_get_field_widget (page, "model_overview.model_owner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "Botany lab");
  g_assert_false (gtk_widget_is_sensitive (widget));
  /* a saved card still tells Easel's parts from the person's */
  g_assert_true (easel_card_page_is_autofilled (page, "model_overview.problem_type"));
  g_assert_false (easel_card_page_is_autofilled (page, "model_overview.model_description"));

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  easel_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/project/cli-project", test_cli_project);
  g_test_add_func ("/ui/project/autosave", test_autosave);
  g_test_add_func ("/ui/project/save-as", test_save_as);
  g_test_add_func ("/ui/project/open-errors", test_open_errors);
  g_test_add_func ("/ui/project/new-project", test_new_project);
  g_test_add_func ("/ui/project/card-page", test_card_page);
  g_test_add_func ("/ui/project/save-model", test_save_model);

  return g_test_run ();
}
