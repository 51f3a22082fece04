/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "easel-data-page.h"
#include "easel-format.h"
#include "easel-profile.h"
#include "easel-samples.h"
#include "easel-ui-test.h"
#include "easel-welcome-page.h"
#include "easel-window.h"

/* Helpers */

static gboolean
window_busy (gpointer data)
{
  return easel_window_get_busy (EASEL_WINDOW (data));
}

static gboolean
profile_ready (gpointer data)
{
  return !easel_profile_view_get_busy (EASEL_PROFILE_VIEW (data));
}

static EaselWindow *
create_window (void)
{
  EaselWindow *window = easel_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "welcome");
  g_assert_true (easel_window_is_empty (window));

  return window;
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

/* Opens 'path' in a new window and waits for the import. */
static EaselWindow *
open_in_window (const char *path)
{
  EaselWindow *window = create_window ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  easel_window_open (window, file);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import");

  return window;
}

static EaselWindow *
open_dataset (const char *name)
{
  g_autofree char *path = easel_ui_test_dataset (name);

  if (path == NULL)
    return NULL;

  return open_in_window (path);
}

static void
wait_for_profile (EaselDataPage *page)
{
  easel_ui_test_wait (profile_ready, easel_data_page_get_profile_view (page), 30,
                      "the column profile");
}

static void
collect_cell_texts (GtkWidget  *widget,
                    GPtrArray  *texts,
                    GPtrArray  *cells)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget))
    {
      g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
      if (cells != NULL)
        g_ptr_array_add (cells, widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cell_texts (child, texts, cells);
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static const char *
column_title (GtkColumnView *grid,
              guint          index)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (grid), index);

  return gtk_column_view_column_get_title (column);
}

/* Tests */

static void
test_welcome (void)
{
  EaselWindow *window = create_window ();
  EaselWelcomePage *welcome = EASEL_WELCOME_PAGE (easel_window_get_welcome_page (window));
  const EaselSample *samples;
  EaselTable *table;
  guint n_samples, n_found = 0;

  samples = easel_samples_get (&n_samples);
  for (guint i = 0; i < n_samples; i++)
    {
      g_autofree char *path = easel_sample_find_file (&samples[i]);

      n_found += path != NULL;
    }

  /* a card for each sample that is there, and at least the six the gallery promises */
  g_assert_cmpuint (easel_welcome_page_get_n_samples (welcome), ==, n_found);
  g_assert_cmpuint (n_found, >=, 6);
  g_assert_cmpuint (easel_welcome_page_get_n_recent (welcome), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Easel");

  /* A card opens its sample through the window action */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", "iris.csv");
  g_assert_true (easel_window_get_busy (window));
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the sample import");
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  table = easel_data_page_get_table (easel_window_get_data_page (window));
  g_assert_cmpuint (easel_table_get_n_rows (table), ==, 150);
  /* samples are not recent files */
  g_assert_cmpuint (easel_welcome_page_get_n_recent (welcome), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_import_iris (void)
{
  g_autofree char *path = easel_ui_test_dataset ("iris.csv");
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  EaselWindow *window;
  EaselDataPage *page;
  EaselProfileView *profile_view;
  GtkColumnView *grid;
  GtkSelectionModel *model;
  EaselColumnProfile profile = { 0 };
  g_autofree char *mean = NULL;
  g_autofree char *std = NULL;

  if (path == NULL)
    {
      g_test_skip ("iris.csv is not available");
      return;
    }

  window = create_window ();
  file = g_file_new_for_path (path);
  easel_window_open (window, file);
  g_assert_true (easel_window_get_busy (window));
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import of iris.csv");

  g_assert_null (easel_window_get_last_error (window));
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "iris.csv");

  /* Alt+1 … Alt+4 go to the four views (the shortcuts window lists them) */
  {
    static const char *const views[] = { "data", "explore", "prepare", "build" };

    for (int v = G_N_ELEMENTS (views) - 1; v >= 0; v--)
      {
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                                   views[v]));
        g_assert_cmpstr (easel_window_get_view (window), ==, views[v]);
      }
  }

  /* The grid: 150 rows, a row number column and the file's five columns */
  page = easel_window_get_data_page (window);
  grid = easel_data_page_get_grid (page);
  model = gtk_column_view_get_model (grid);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 150);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (grid)), ==, 5 + 1);
  g_assert_cmpstr (column_title (grid, 0), ==, "Row");
  g_assert_cmpstr (column_title (grid, 1), ==, "sepal length (cm)");
  g_assert_cmpstr (column_title (grid, 5), ==, "species");

  /* The cells on screen show the values of the first rows */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  collect_cell_texts (GTK_WIDGET (grid), texts, NULL);
  g_assert_true (texts_contain (texts, "1"));     /* row number */
  g_assert_true (texts_contain (texts, "5.1"));   /* row 1, sepal length */
  g_assert_true (texts_contain (texts, "3.5"));   /* row 1, sepal width */
  g_assert_true (texts_contain (texts, "setosa"));
  g_assert_false (texts_contain (texts, "—"));    /* iris has no missing value */

  /* The first column is selected and profiled; the view shows the core's numbers */
  g_assert_cmpuint (easel_data_page_get_selected_column (page), ==, 0);
  wait_for_profile (page);
  profile_view = easel_data_page_get_profile_view (page);
  easel_profile_column (easel_table_get_column (easel_data_page_get_table (page), 0), 10,
                        &profile);
  mean = easel_format_statistic (profile.mean);
  std = easel_format_statistic (profile.std);
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "mean"), ==, mean);
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "std"), ==, std);
  /* pandas: iris["sepal length (cm)"].mean() = 5.843333, .std() = 0.828066, .median() = 5.8 */
  g_assert_cmpstr (mean, ==, "5.843");
  g_assert_cmpstr (std, ==, "0.8281");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "median"), ==, "5.8");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "min"), ==, "4.3");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "max"), ==, "7.9");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "count"), ==, "150");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "missing"), ==, "0");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "distinct"), ==, "35");
  g_assert_null (easel_profile_view_get_statistic (profile_view, "top-0"));
  easel_column_profile_clear (&profile);

  /* Selecting the species shows its frequent values instead */
  easel_data_page_select_column (page, 4);
  g_assert_true (easel_profile_view_get_busy (profile_view));
  wait_for_profile (page);
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "top-0"), ==, "setosa");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "top-0-count"), ==,
                   "50 (33.3%)");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "top-2"), ==, "virginica");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "distinct"), ==, "3");
  g_assert_null (easel_profile_view_get_statistic (profile_view, "mean"));

  /* The file is a recent file now */
  uri = g_file_get_uri (file);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file opened once is offered on the welcome page, and opens again from there. */
static void
test_recent_files (void)
{
  EaselWindow *window = open_dataset ("penguins.csv");
  EaselWelcomePage *welcome;
  GtkWidget *row;

  if (window == NULL)
    {
      g_test_skip ("penguins.csv is not available");
      return;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();

  window = create_window ();
  welcome = EASEL_WELCOME_PAGE (easel_window_get_welcome_page (window));
  g_assert_cmpuint (easel_welcome_page_get_n_recent (welcome), >=, 1);

  row = easel_ui_test_find_row (GTK_WIDGET (welcome), "penguins.csv");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_true (easel_window_get_busy (window));
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import of the recent file");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "penguins.csv");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_missing_values (void)
{
  EaselWindow *window = open_dataset ("penguins.csv");
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  EaselDataPage *page;
  EaselProfileView *profile_view;
  gboolean found_missing = FALSE;
  int column;

  if (window == NULL)
    {
      g_test_skip ("penguins.csv is not available");
      return;
    }

  page = easel_window_get_data_page (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  collect_cell_texts (GTK_WIDGET (easel_data_page_get_grid (page)), texts, cells);

  /* Row 4 of penguins.csv has no measurements: dimmed dashes, not empty cells */
  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), "—") == 0)
      {
        g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (cells, i), "missing"));
        found_missing = TRUE;
      }
    else
      g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (cells, i), "missing"));
  g_assert_true (found_missing);

  column = easel_table_find_column (easel_data_page_get_table (page), "bill_length_mm");
  g_assert_cmpint (column, >=, 0);
  easel_data_page_select_column (page, (guint) column);
  wait_for_profile (page);
  profile_view = easel_data_page_get_profile_view (page);
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "count"), ==, "342");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "missing"), ==, "2 (0.6%)");
  /* pandas: penguins.bill_length_mm.mean() = 43.92193, .skew() = 0.053118 */
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "mean"), ==, "43.92");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "skewness"), ==, "0.05312");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_change_type (void)
{
  EaselWindow *window = open_dataset ("iris.csv");
  EaselDataPage *page;
  EaselProfileView *profile_view;
  EaselTable *table;

  if (window == NULL)
    {
      g_test_skip ("iris.csv is not available");
      return;
    }

  page = easel_window_get_data_page (window);
  profile_view = easel_data_page_get_profile_view (page);
  easel_data_page_select_column (page, 4);
  wait_for_profile (page);
  g_assert_null (easel_data_page_get_warning_text (page));

  /* Read the species as text: the file is read again and the column keeps its place */
  gtk_widget_activate_action (GTK_WIDGET (profile_view), "profile.column-type", "s", "text");
  g_assert_true (easel_window_get_busy (window));
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import with a text column");
  table = easel_data_page_get_table (page);
  g_assert_cmpint (easel_table_get_column (table, 4)->type, ==, EASEL_COLUMN_TEXT);
  g_assert_cmpint (easel_table_get_column (table, 0)->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpuint (easel_data_page_get_selected_column (page), ==, 4);
  wait_for_profile (page);
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "min-length"), ==, "6");
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "max-length"), ==, "10");

  /* As numbers, none of the species reads: they become missing, with a warning */
  gtk_widget_activate_action (GTK_WIDGET (profile_view), "profile.column-type", "s",
                              "numeric");
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import with a numeric column");
  table = easel_data_page_get_table (page);
  g_assert_cmpint (easel_table_get_column (table, 4)->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpuint (easel_table_get_column (table, 4)->n_missing, ==, 150);
  easel_ui_assert_contains (easel_data_page_get_warning_text (page), "species");
  wait_for_profile (page);
  g_assert_cmpstr (easel_profile_view_get_statistic (profile_view, "missing"), ==,
                   "150 (100%)");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel (void)
{
  EaselWindow *window = create_window ();
  g_autoptr(EaselImportJob) job = easel_import_job_new_synthetic (4000000);

  easel_window_import (window, job);
  g_assert_true (easel_window_get_busy (window));
  easel_window_cancel_import (window);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the cancelled import");

  /* Back where it was, with no error and no table */
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "welcome");
  g_assert_null (easel_window_get_last_error (window));
  g_assert_null (easel_data_page_get_table (easel_window_get_data_page (window)));
  g_assert_null (find_dialog (GTK_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.csv", NULL);
  static const char binary[] = "a,b\n1,\0\0\0\x01\x02\xff\xfe\0\0\0\0\0\0\n";
  EaselWindow *window;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, binary, sizeof binary, NULL));
  window = open_in_window (path);

  g_assert_cmpstr (easel_window_get_page_name (window), ==, "welcome");
  g_assert_nonnull (easel_window_get_last_error (window));
  /* the message names the file */
  easel_ui_assert_contains (easel_window_get_last_error (window), "broken.csv");

  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  easel_ui_assert_contains (adw_message_dialog_get_heading (dialog), "broken.csv");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   easel_window_get_last_error (window));

  destroy_dialogs ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_warnings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "twice.csv", NULL);
  EaselWindow *window;
  EaselDataPage *page;

  g_assert_true (g_file_set_contents (path, "x,x,y\n1,2,a\n3,4,b\n5,6,c\n", -1, NULL));
  window = open_in_window (path);

  page = easel_window_get_data_page (window);
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  easel_ui_assert_contains (easel_data_page_get_warning_text (page), "more than once");
  g_assert_cmpuint (easel_table_get_n_columns (easel_data_page_get_table (page)), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
create_database (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE birds (name TEXT, wingspan REAL);"
                                 "INSERT INTO birds VALUES ('kestrel', 0.74), ('osprey', 1.6),"
                                 " ('wren', 0.16);"
                                 "CREATE TABLE trees (name TEXT, height REAL);"
                                 "INSERT INTO trees VALUES ('oak', 25), ('birch', 18);",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);
}

static void
test_sqlite (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nature.db", NULL);
  g_autoptr(GFile) file = NULL;
  EaselWindow *window = create_window ();
  AdwMessageDialog *dialog;
  EaselTable *table;

  create_database (path);
  file = g_file_new_for_path (path);
  easel_window_open (window, file);

  /* Two tables: the window asks which one, the first is preselected */
  easel_ui_test_flush ();
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_false (easel_window_get_busy (window));
  adw_message_dialog_response (dialog, "open");
  easel_ui_test_wait (window_busy, window, 10, "the SQLite import to start");
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the SQLite import");

  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "nature.db — birds");
  table = easel_data_page_get_table (easel_window_get_data_page (window));
  g_assert_cmpuint (easel_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (easel_table_get_n_columns (table), ==, 2);
  g_assert_cmpstr (easel_table_get_column (table, 0)->name, ==, "name");

  destroy_dialogs ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* A table of a million rows: the grid binds only what is on screen, at the end too. */
static void
test_many_rows (void)
{
  const guint n_rows = 1000000;
  EaselWindow *window = create_window ();
  g_autoptr(EaselImportJob) job = easel_import_job_new_synthetic (n_rows);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GtkColumnView *grid;
  GtkAdjustment *vadjustment;
  char last[16];

  easel_window_import (window, job);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 120, "the synthetic table");
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");

  grid = easel_data_page_get_grid (easel_window_get_data_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (grid))),
                    ==, n_rows);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  collect_cell_texts (GTK_WIDGET (grid), texts, NULL);
  g_snprintf (last, sizeof last, "%u", n_rows);
  g_assert_true (texts_contain (texts, last));
  /* only about a screenful of cells exists */
  g_assert_cmpuint (texts->len, <, 6 * 400);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *datasets = g_getenv ("EASEL_DATASETS_DIR");

  /* All the catalogue's samples, even where data/samples holds only some of them */
  if (datasets != NULL && g_getenv ("EASEL_SAMPLES_DIR") == NULL)
    g_setenv ("EASEL_SAMPLES_DIR", datasets, TRUE);

  easel_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/import-iris", test_import_iris);
  g_test_add_func ("/ui/window/recent-files", test_recent_files);
  g_test_add_func ("/ui/window/missing-values", test_missing_values);
  g_test_add_func ("/ui/window/change-type", test_change_type);
  g_test_add_func ("/ui/window/cancel", test_cancel);
  g_test_add_func ("/ui/window/error", test_error);
  g_test_add_func ("/ui/window/warnings", test_warnings);
  g_test_add_func ("/ui/window/sqlite", test_sqlite);
  g_test_add_func ("/ui/window/many-rows", test_many_rows);

  return g_test_run ();
}
