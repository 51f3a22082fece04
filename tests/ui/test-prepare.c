/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <glib/gstdio.h>

#include "easel-csv.h"
#include "easel-synthetic.h"
#include "easel-ui-test.h"
#include "easel-window.h"

/* Helpers */

static gboolean
page_ready (gpointer data)
{
  EaselPreparePage *page = data;

  return !easel_prepare_page_get_busy (page) && easel_prepare_page_get_preview (page) != NULL;
}

static void
wait_ready (EaselPreparePage *page,
            const char       *what)
{
  easel_ui_test_wait (page_ready, page, 60, what);
}

/* A window showing a CSV file in Prepare, or NULL (the test is skipped). */
static EaselWindow *
open_in_prepare (const char *path)
{
  g_autoptr(GFile) file = NULL;
  EaselWindow *window;

  if (path == NULL)
    {
      g_test_skip ("the dataset is in neither data/samples nor $EASEL_DATASETS_DIR");
      return NULL;
    }
  window = easel_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  easel_window_open (window, file);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import");
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  easel_window_set_view (window, "prepare");
  g_assert_cmpstr (easel_window_get_view (window), ==, "prepare");
  return window;
}

static EaselWindow *
open_penguins (void)
{
  g_autofree char *path = easel_ui_test_dataset ("penguins.csv");

  return open_in_prepare (path);
}

static EaselPreparePage *
window_page (EaselWindow *window)
{
  return easel_window_get_prepare_page (window);
}

/* The first rows of the table and the recipe's result on them, computed here with the
 * core alone: fitted on the whole table, applied to the first rows. */
static EaselTable *
expected_head (EaselTable  *table,
               const char  *json,
               EaselTable **head_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselRecipe) recipe = easel_recipe_new_from_json (json, -1, &error);
  g_autoptr(EaselRecipe) empty = easel_recipe_new ();
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(EaselTable) head = NULL;
  EaselTable *out;

  g_assert_no_error (error);
  fitted = easel_recipe_fit (recipe, table, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  head = easel_recipe_preview (empty, table, EASEL_PREPARE_PREVIEW_ROWS, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  out = easel_recipe_apply (fitted, head, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (head_out != NULL)
    *head_out = g_steal_pointer (&head);
  return out;
}

static void
collect_cells (GtkWidget  *widget,
               const char *style,
               GPtrArray  *texts)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget)
      && gtk_widget_has_css_class (widget, style))
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, style, texts);
}

static gboolean
strv_has (GPtrArray  *values,
          const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (values->pdata[i], value) == 0)
      return TRUE;
  return FALSE;
}

static guint
find_diff_column (EaselPreviewDiff *diff,
                  const char       *name)
{
  for (guint c = 0; c < easel_preview_diff_get_n_columns (diff); c++)
    if (g_str_equal (easel_preview_diff_get_column_name (diff, c), name))
      return c;
  g_error ("the preview has no column %s", name);
}

static void
select_combo (GtkWidget  *row,
              const char *value)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), value))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }
  g_error ("no choice %s", value);
}

static void
check_column (GtkWidget  *widget,
              const char *name)
{
  if (GTK_IS_CHECK_BUTTON (widget)
      && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "easel-name"), name) == 0)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), TRUE);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_column (child, name);
}

/* Tests */

/* Steps added from the catalogue and edited in their form; the preview against the core. */
static void
test_preview (void)
{
  EaselWindow *window = open_penguins ();
  EaselPreparePage *page;
  EaselStepEditor *editor;
  EaselPreviewDiff *diff;
  EaselTable *table;
  g_autoptr(EaselTable) expected = NULL;
  g_autoptr(EaselTable) head = NULL;
  g_autoptr(GPtrArray) changed_cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected_changed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *json = NULL;
  guint column, n_changed = 0;
  const EaselColumn *after_column, *before_column;

  if (window == NULL)
    return;
  page = window_page (window);
  table = easel_prepare_page_get_table (page);
  g_assert_nonnull (table);
  editor = easel_prepare_page_get_editor (page);

  /* Fill in missing values: the columns and strategy chosen in the form */
  g_assert_true (easel_prepare_page_add_step_from_catalog (page, "impute"));
  g_assert_cmpint (easel_prepare_page_get_selected_step (page), ==, 0);
  check_column (easel_step_editor_get_row (editor, "columns"), "bill_length_mm");
  check_column (easel_step_editor_get_row (editor, "columns"), "bill_depth_mm");
  select_combo (easel_step_editor_get_row (editor, "strategy"), "median");
  g_assert_true (easel_prepare_page_get_busy (page));
  wait_ready (page, "the preview of the imputation");

  json = easel_prepare_page_get_recipe_json (page);
  easel_ui_assert_contains (json, "\"median\"");
  easel_ui_assert_contains (json, "\"bill_depth_mm\"");
  g_assert_null (easel_prepare_page_get_step_error (page, 0));
  /* penguins.csv: rows 4 and 272 have no bill measurements */
  g_assert_cmpstr (easel_prepare_page_get_step_effect (page, 0), ==, "Changed 4 values.");

  /* The preview: the first 50 rows, the changed cells those the core changes */
  expected = expected_head (table, json, &head);
  diff = easel_prepare_page_get_preview_diff (page);
  g_assert_nonnull (diff);
  g_assert_cmpuint (easel_preview_diff_get_n_rows (diff), ==, EASEL_PREPARE_PREVIEW_ROWS);
  g_assert_cmpuint (easel_preview_diff_get_n_removed (diff), ==, 0);
  column = find_diff_column (diff, "bill_length_mm");
  g_assert_cmpint (easel_preview_diff_get_column_kind (diff, column), ==,
                   EASEL_PREVIEW_COLUMN_CHANGED);
  after_column = easel_table_get_column (expected, (guint) easel_table_find_column (expected,
                                                                              "bill_length_mm"));
  before_column = easel_table_get_column (head, (guint) easel_table_find_column (head,
                                                                           "bill_length_mm"));
  for (gsize r = 0; r < EASEL_PREPARE_PREVIEW_ROWS; r++)
    {
      g_autofree char *shown = easel_preview_diff_dup_after (diff, column, r);
      g_autofree char *want = easel_column_dup_value (after_column, r);
      g_autofree char *was = easel_column_dup_value (before_column, r);
      gboolean changed = g_strcmp0 (want, was) != 0;

      g_assert_cmpstr (shown, ==, want);
      g_assert_cmpint (easel_preview_diff_cell_changed (diff, column, r), ==, changed);
      if (changed)
        {
          g_ptr_array_add (expected_changed, g_strdup (want));
          n_changed++;
        }
    }
  /* row 4 is among the first 50: one value filled in each column, with the median */
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpstr (expected_changed->pdata[0], ==, "44.45");

  /* On screen: the highlighted cells show exactly the changed values */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (easel_prepare_page_get_preview_view (page)));
  collect_cells (GTK_WIDGET (easel_prepare_page_get_preview_view (page)), "changed-after",
                 changed_cells);
  g_assert_cmpuint (changed_cells->len, ==, 2);   /* bill_length_mm and bill_depth_mm */
  g_assert_true (strv_has (changed_cells, "44.45"));
  g_assert_true (strv_has (changed_cells, "17.3"));

  /* Two more steps; the whole recipe against the core, rows removed lined up */
  g_assert_true (easel_prepare_page_add_step_json (page,
                                                   "{\"op\": \"drop_missing\", "
                                                   "\"columns\": [\"sex\"]}", NULL));
  g_assert_true (easel_prepare_page_add_step_from_catalog (page, "one_hot_encode"));
  g_assert_true (easel_prepare_page_set_step_param (page, 2, "columns", "[\"island\"]"));
  easel_prepare_page_set_preview_whole (page, TRUE);
  wait_ready (page, "the preview of three steps");
  g_clear_pointer (&json, g_free);
  json = easel_prepare_page_get_recipe_json (page);
  g_clear_pointer (&expected, easel_table_unref);
  expected = expected_head (table, json, NULL);
  diff = easel_prepare_page_get_preview_diff (page);
  /* rows 4, 9, 10, 11, 12 and 48 of the first 50 have no sex (pandas: head(50).sex.isna()) */
  g_assert_cmpuint (easel_preview_diff_get_n_removed (diff), ==,
                    EASEL_PREPARE_PREVIEW_ROWS - easel_table_get_n_rows (expected));
  g_assert_cmpuint (easel_preview_diff_get_n_removed (diff), ==, 6);
  g_assert_true (easel_preview_diff_row_removed (diff, 3));
  g_assert_cmpint (easel_preview_diff_get_column_kind (diff, find_diff_column (diff, "island")),
                   ==, EASEL_PREVIEW_COLUMN_REMOVED);
  for (guint c = 0; c < easel_preview_diff_get_n_columns (diff); c++)
    {
      const char *name = easel_preview_diff_get_column_name (diff, c);
      int index = easel_table_find_column (expected, name);
      gsize kept = 0;

      if (easel_preview_diff_get_column_kind (diff, c) == EASEL_PREVIEW_COLUMN_REMOVED)
        {
          g_assert_cmpint (index, <, 0);
          continue;
        }
      g_assert_cmpint (index, >=, 0);
      for (gsize r = 0; r < easel_preview_diff_get_n_rows (diff); r++)
        {
          g_autofree char *shown = easel_preview_diff_dup_after (diff, c, r);
          g_autofree char *want = NULL;

          if (easel_preview_diff_row_removed (diff, r))
            {
              g_assert_null (shown);
              continue;
            }
          want = easel_column_dup_value (easel_table_get_column (expected, (guint) index), kept++);
          g_assert_cmpstr (shown, ==, want);
        }
      g_assert_cmpuint (kept, ==, easel_table_get_n_rows (expected));
    }
  g_assert_cmpint (easel_preview_diff_get_column_kind (
                     diff, find_diff_column (diff, "island_Biscoe")), ==,
                   EASEL_PREVIEW_COLUMN_ADDED);

  /* The prepared table for Build: the recipe fitted on all 344 rows */
  g_assert_nonnull (easel_prepare_page_get_prepared_table (page));
  g_assert_cmpuint (easel_table_get_n_rows (easel_prepare_page_get_prepared_table (page)), ==,
                    333);
  g_assert_true (easel_recipe_is_fitted (easel_prepare_page_get_fitted_recipe (page)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every edit undone and redone, back to the exact JSON. */
static void
test_undo_redo (void)
{
  EaselWindow *window = open_penguins ();
  EaselPreparePage *page;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *typed = NULL;

  if (window == NULL)
    return;
  page = window_page (window);

#define RECORD() \
  g_ptr_array_add (states, easel_recipe_to_json (easel_prepare_page_get_recipe (page), FALSE))

  RECORD ();
  g_assert_false (easel_prepare_page_can_undo (page));
  g_assert_true (easel_prepare_page_add_step_from_catalog (page, "impute"));
  RECORD ();
  g_assert_true (easel_prepare_page_set_step_param (page, 0, "columns", "[\"body_mass_g\"]"));
  RECORD ();
  g_assert_true (easel_prepare_page_add_step_from_catalog (page, "formula"));
  RECORD ();
  /* keystrokes in the formula entry: one edit */
  g_assert_true (easel_prepare_page_set_step_param (page, 1, "expression", "\"b\""));
  g_assert_true (easel_prepare_page_set_step_param (page, 1, "expression", "\"bi\""));
  g_assert_true (easel_prepare_page_set_step_param (page, 1, "expression",
                                                    "\"bill_length_mm * 2\""));
  RECORD ();
  easel_prepare_page_move_step (page, 1, 0);
  RECORD ();
  easel_prepare_page_set_step_enabled (page, 1, FALSE);
  RECORD ();
  easel_prepare_page_remove_step (page, 0);
  RECORD ();
#undef RECORD
  g_assert_cmpuint (easel_recipe_get_n_steps (easel_prepare_page_get_recipe (page)), ==, 1);
  g_assert_false (easel_step_get_enabled (easel_recipe_get_step (
                    easel_prepare_page_get_recipe (page), 0)));

  /* Back, one edit at a time: the keyboard's Ctrl+Z is the page's undo action */
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (easel_prepare_page_can_undo (page));
      if (i % 2 == 0)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "prepare.undo", NULL));
      else
        g_assert_true (easel_prepare_page_undo (page));
      now = easel_recipe_to_json (easel_prepare_page_get_recipe (page), FALSE);
      g_assert_cmpstr (now, ==, states->pdata[i - 1]);
    }
  g_assert_false (easel_prepare_page_can_undo (page));
  g_assert_false (easel_prepare_page_undo (page));

  /* And forward again */
  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (easel_prepare_page_redo (page));
      now = easel_recipe_to_json (easel_prepare_page_get_recipe (page), FALSE);
      g_assert_cmpstr (now, ==, states->pdata[i]);
    }
  g_assert_false (easel_prepare_page_can_redo (page));

  /* A new edit after an undo drops what could be redone */
  g_assert_true (easel_prepare_page_undo (page));
  g_assert_true (easel_prepare_page_can_redo (page));
  easel_prepare_page_set_step_enabled (page, 0, FALSE);
  g_assert_false (easel_prepare_page_can_redo (page));
  typed = easel_recipe_to_json (easel_prepare_page_get_recipe (page), FALSE);
  g_assert_cmpstr (typed, !=, states->pdata[states->len - 2]);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
step_disabled (gpointer data)
{
  const EaselRecipe *recipe = easel_prepare_page_get_recipe (data);

  return !easel_step_get_enabled (easel_recipe_get_step (recipe, 1));
}

static gboolean
three_steps (gpointer data)
{
  return easel_recipe_get_n_steps (easel_prepare_page_get_recipe (data)) == 3;
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   gboolean       *changed)
{
  *changed = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A step that no longer fits the data says so on its row; a formula that does not parse
 * says where. */
static void
test_broken_step (void)
{
  EaselWindow *window = open_penguins ();
  EaselPreparePage *page;
  EaselStepEditor *editor;
  GtkListBoxRow *row;
  GtkWidget *entry;
  const char *error;

  if (window == NULL)
    return;
  page = window_page (window);
  editor = easel_prepare_page_get_editor (page);

  g_assert_true (easel_prepare_page_add_step_json (
                   page, "{\"op\": \"strip\", \"columns\": [\"island\"]}", NULL));
  g_assert_true (easel_prepare_page_add_step_json (
                   page, "{\"op\": \"scale\", \"columns\": [\"body_mass_g\"], "
                   "\"method\": \"minmax\"}", NULL));
  wait_ready (page, "two steps");
  g_assert_null (easel_prepare_page_get_step_error (page, 0));
  g_assert_null (easel_prepare_page_get_step_error (page, 1));
  g_assert_nonnull (easel_prepare_page_get_prepared_table (page));

  /* island removed before the step that trims it */
  g_assert_true (easel_prepare_page_add_step_json (
                   page, "{\"op\": \"drop_columns\", \"columns\": [\"island\"]}", NULL));
  easel_prepare_page_move_step (page, 2, 0);
  wait_ready (page, "the broken recipe");
  error = easel_prepare_page_get_step_error (page, 1);
  g_assert_nonnull (error);
  easel_ui_assert_contains (error, "“island”");
  g_assert_false (g_str_has_prefix (error, "Step"));
  g_assert_null (easel_prepare_page_get_step_error (page, 0));
  /* the steps after it still run, on the table without it */
  g_assert_null (easel_prepare_page_get_step_error (page, 2));
  g_assert_cmpstr (easel_prepare_page_get_step_effect (page, 2), ==, "Changed 342 values.");
  g_assert_null (easel_prepare_page_get_prepared_table (page));
  /* the row shows it */
  row = gtk_list_box_get_row_at_index (easel_prepare_page_get_step_list (page), 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "has-error"));

  /* turned off with its row's switch, the step is no longer in the way */
  {
    GtkWidget *toggle = easel_ui_test_find_type (GTK_WIDGET (row), GTK_TYPE_SWITCH);

    g_assert_nonnull (toggle);
    gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
    easel_ui_test_wait (step_disabled, page, 10, "the switch to turn the step off");
  }
  wait_ready (page, "the recipe without the broken step");
  g_assert_null (easel_prepare_page_get_step_error (page, 1));
  g_assert_nonnull (easel_prepare_page_get_prepared_table (page));

  /* The catalogue, searched: Enter adds the first step that matches */
  {
    GtkWidget *search = easel_prepare_page_get_catalog_search (page);
    gboolean searched = FALSE;
    gulong handler = g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb),
                                       &searched);

    gtk_menu_button_popup (GTK_MENU_BUTTON (easel_prepare_page_get_add_button (page)));
    /* the entry reports a search a moment after the last keystroke */
    gtk_editable_set_text (GTK_EDITABLE (search), "remove rows with missing");
    easel_ui_test_wait (flag_set, &searched, 10, "the search");
    g_signal_handler_disconnect (search, handler);
    g_signal_emit_by_name (search, "activate");
    g_assert_cmpuint (easel_recipe_get_n_steps (easel_prepare_page_get_recipe (page)), ==, 4);
    g_assert_cmpstr (easel_step_get_op (easel_recipe_get_step (
                       easel_prepare_page_get_recipe (page), 3)), ==, "drop_missing");
    /* deleted from its row's menu */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "prepare.delete-step", "u",
                                               3));
    easel_ui_test_wait (three_steps, page, 10, "the step to be deleted");
  }

  /* A formula typed into its entry: the parser's position under it */
  g_assert_true (easel_prepare_page_add_step_from_catalog (page, "formula"));
  entry = easel_step_editor_get_row (editor, "expression");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "bill_length_mm * (2 +");
  g_assert_nonnull (easel_step_editor_get_formula_error (editor));
  easel_ui_assert_contains (easel_step_editor_get_formula_error (editor), "At character");
  gtk_editable_set_text (GTK_EDITABLE (entry), "bill_length_mm * 2");
  g_assert_null (easel_step_editor_get_formula_error (editor));
  gtk_editable_set_text (GTK_EDITABLE (easel_step_editor_get_row (editor, "name")), "double");
  wait_ready (page, "the formula");
  g_assert_null (easel_prepare_page_get_step_error (page, 3));
  g_assert_cmpstr (easel_prepare_page_get_step_effect (page, 3), ==,
                   "Added 1 column (double).");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (easel_prepare_page_export_finish (EASEL_PREPARE_PAGE (object), result, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* The recipe saved and read back; the prepared table written as CSV. */
static void
test_files (void)
{
  EaselWindow *window = open_penguins ();
  EaselPreparePage *page;
  g_autofree char *dir = g_dir_make_tmp ("easel-prepare-XXXXXX", NULL);
  g_autofree char *recipe_path = g_build_filename (dir, "recipe.json", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "prepared.csv", NULL);
  g_autofree char *reference_path = g_build_filename (dir, "reference.csv", NULL);
  g_autoptr(GFile) recipe_file = g_file_new_for_path (recipe_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(EaselRecipe) reread = NULL;
  g_autoptr(EaselRecipe) enabled = NULL;
  g_autoptr(EaselTable) reference = NULL;
  g_autoptr(EaselRecipe) fitted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *json = NULL;
  g_autofree char *written = NULL;
  g_autofree char *wanted = NULL;
  GtkWidget *other;

  if (window == NULL)
    return;
  page = window_page (window);
  g_assert_true (easel_prepare_page_add_step_json (
                   page, "{\"op\": \"impute\", \"columns\": [\"flipper_length_mm\"], "
                   "\"strategy\": \"mean\", \"add_indicator\": true}", NULL));
  g_assert_true (easel_prepare_page_add_step_json (
                   page, "{\"op\": \"case\", \"columns\": [\"species\"], \"to\": \"upper\"}",
                   NULL));
  g_assert_true (easel_prepare_page_add_step_json (
                   page, "{\"op\": \"drop_duplicates\"}", NULL));
  easel_prepare_page_set_step_enabled (page, 2, FALSE);

  /* Saved, the disabled step included; read back the same */
  g_assert_true (easel_prepare_page_save_recipe (page, recipe_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (recipe_path, &saved, NULL, NULL));
  easel_ui_assert_contains (saved, "\"enabled\" : false");
  before = easel_recipe_to_json (easel_prepare_page_get_recipe (page), FALSE);
  other = easel_prepare_page_new ();
  g_object_ref_sink (other);
  g_assert_true (easel_prepare_page_load_recipe (EASEL_PREPARE_PAGE (other), recipe_file,
                                                 &error));
  g_assert_no_error (error);
  after = easel_recipe_to_json (easel_prepare_page_get_recipe (EASEL_PREPARE_PAGE (other)),
                                FALSE);
  g_assert_cmpstr (after, ==, before);
  /* loading is an edit like any other */
  g_assert_true (easel_prepare_page_can_undo (EASEL_PREPARE_PAGE (other)));
  g_object_unref (other);

  /* A file that is not a recipe: an error naming it, the recipe unchanged */
  g_assert_true (g_file_set_contents (recipe_path, "{\"steps\": [{\"op\": \"bake\"}]}", -1,
                                      NULL));
  g_assert_false (easel_prepare_page_load_recipe (page, recipe_file, &error));
  g_assert_nonnull (error);
  easel_ui_assert_contains (error->message, "bake");
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = easel_recipe_to_json (easel_prepare_page_get_recipe (page), FALSE);
  g_assert_cmpstr (after, ==, before);

  /* The recipe for others: the enabled steps, as easel-cli reads them */
  json = easel_prepare_page_get_recipe_json (page);
  enabled = easel_recipe_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_recipe_get_n_steps (enabled), ==, 2);
  g_assert_cmpstr (easel_step_get_op (easel_recipe_get_step (enabled, 1)), ==, "case");

  /* Exported on a worker thread: the same bytes as the core writes */
  wait_ready (page, "the recipe");
  easel_prepare_page_export_async (page, csv_file, NULL, export_done_cb, &error);
  easel_ui_test_wait (error_set, &error, 60, "the export");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  fitted = easel_recipe_fit (enabled, easel_prepare_page_get_table (page), &reference, NULL,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (easel_csv_write_file (reference, reference_path, ',', NULL, NULL, &error));
  g_assert_true (g_file_get_contents (csv_path, &written, NULL, NULL));
  g_assert_true (g_file_get_contents (reference_path, &wanted, NULL, NULL));
  g_assert_cmpstr (written, ==, wanted);
  easel_ui_assert_contains (written, "flipper_length_mm_was_missing");
  easel_ui_assert_contains (written, "ADELIE");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (recipe_path);
  g_unlink (csv_path);
  g_unlink (reference_path);
  g_rmdir (dir);
}

static gboolean
insights_ready (gpointer data)
{
  EaselInsightsView *view = data;

  return !easel_insights_view_get_busy (view) && easel_insights_view_get_insights (view) != NULL;
}

static GtkWidget *
find_quick_action (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "easel-step") != NULL
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_quick_action (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
view_is_prepare (gpointer data)
{
  return g_strcmp0 (easel_window_get_view (data), "prepare") == 0;
}

/* The buttons beside the insights add their step and show it in Prepare. */
static void
test_quick_actions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-quick-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "messy.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("name,constant,score,city\n");
  EaselWindow *window;
  EaselPreparePage *page;
  EaselInsightsView *view;
  struct
  {
    const char *label;
    const char *op;
    const char *column;
  } actions[] = {
    { "Remove Duplicates", "drop_duplicates", NULL },
    { "Drop Column", "drop_columns", "constant" },
    { "Impute Median", "impute", "score" },
    { "Trim Spaces", "strip", "city" },
  };

  /* a constant column, a numeric column mostly missing, stray spaces, duplicate rows */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "n%u,7,%s,%s\n", i % 30, i % 3 == 0 ? "1.5" : "",
                            i % 2 ? " Oslo" : "Rome ");
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  window = open_in_prepare (path);
  page = window_page (window);

  easel_window_set_view (window, "explore");
  view = easel_explore_page_get_insights_view (easel_window_get_explore_page (window));
  easel_explore_page_set_section (easel_window_get_explore_page (window), "insights");
  easel_ui_test_wait (insights_ready, view, 60, "the insights");

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = find_quick_action (GTK_WIDGET (view), actions[i].label);
      const EaselRecipe *recipe;
      EaselStep *step;

      g_assert_nonnull (button);
      easel_window_set_view (window, "explore");
      /* a button shows itself pressed for a moment before it clicks */
      gtk_widget_activate (button);
      easel_ui_test_wait (view_is_prepare, window, 10, "the Prepare view");
      recipe = easel_prepare_page_get_recipe (page);
      g_assert_cmpuint (easel_recipe_get_n_steps (recipe), ==, i + 1);
      step = easel_recipe_get_step (recipe, i);
      g_assert_cmpstr (easel_step_get_op (step), ==, actions[i].op);
      if (actions[i].column != NULL)
        {
          g_auto(GStrv) columns = easel_step_dup_strv (step, "columns");
          g_assert_cmpstrv (columns, ((const char *[]) { actions[i].column, NULL }));
        }
    }
  wait_ready (page, "the quick actions' steps");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_null (easel_prepare_page_get_step_error (page, i));
  /* 10 of the 40 rows repeat an earlier one */
  g_assert_cmpstr (easel_prepare_page_get_step_effect (page, 0), ==, "Removed 10 of 40 rows.");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_million_rows (void)
{
  const gsize n_rows = 1000000;
  g_autoptr(EaselTable) table = easel_synthetic_table_new (n_rows, NULL, NULL, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = easel_prepare_page_new ();
  EaselPreparePage *prepare = EASEL_PREPARE_PAGE (page);
  EaselPreviewDiff *diff;
  EaselUiTestTicks ticks = { 0 };
  guint tick;
  gint64 start;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  easel_prepare_page_set_table (prepare, table);

  ticks.last = g_get_monotonic_time ();
  tick = g_timeout_add (20, easel_ui_test_tick_cb, &ticks);
  start = g_get_monotonic_time ();
  g_assert_true (easel_prepare_page_add_step_json (
                   prepare, "{\"op\": \"impute\", \"columns\": [\"y\"], "
                   "\"strategy\": \"median\"}", NULL));
  g_assert_true (easel_prepare_page_add_step_json (
                   prepare, "{\"op\": \"one_hot_encode\", \"columns\": [\"region\"]}", NULL));
  g_assert_true (easel_prepare_page_add_step_json (
                   prepare, "{\"op\": \"filter\", \"column\": \"score\", \"operator\": \">\", "
                   "\"value\": 20}", NULL));
  easel_prepare_page_set_preview_whole (prepare, TRUE);
  wait_ready (prepare, "the preview of a million rows");
  easel_ui_test_tick_cb (&ticks);
  g_source_remove (tick);
  g_test_message ("three steps on %" G_GSIZE_FORMAT " rows: %.2f s, the main loop stalled "
                  "%.0f ms at most", n_rows, (g_get_monotonic_time () - start) / 1e6,
                  ticks.longest / 1000.0);
  g_assert_cmpint (ticks.longest, <, 500 * G_TIME_SPAN_MILLISECOND);

  diff = easel_prepare_page_get_preview_diff (prepare);
  g_assert_nonnull (diff);
  g_assert_cmpuint (easel_preview_diff_get_n_rows (diff), ==, EASEL_PREPARE_PREVIEW_ROWS);
  g_assert_cmpuint (easel_table_get_n_rows (easel_prepare_page_get_prepared_table (prepare)),
                    <, n_rows);
  for (guint i = 0; i < 3; i++)
    g_assert_null (easel_prepare_page_get_step_error (prepare, i));

  gtk_window_destroy (GTK_WINDOW (window));
}


static gboolean
build_idle (gpointer data)
{
  return !easel_build_page_get_busy (EASEL_BUILD_PAGE (data));
}

/* The Build page trains on the prepared table, and the model keeps the fitted recipe; with
 * no step left it trains on the table as it is. */
static void
test_feeds_build (void)
{
  EaselWindow *window = open_penguins ();
  EaselPreparePage *page;
  EaselBuildPage *build;
  g_autoptr(GError) error = NULL;
  const EaselModel *model;
  EaselTable *raw;

  if (window == NULL)
    return;
  page = window_page (window);
  build = easel_window_get_build_page (window);
  raw = easel_prepare_page_get_table (page);
  g_assert_true (easel_build_page_set_target (build, "species"));
  g_assert_true (easel_prepare_page_add_step_json (
    page, "{\"op\": \"drop_missing\", \"columns\": [\"sex\"]}", &error));
  g_assert_no_error (error);
  g_assert_true (easel_prepare_page_add_step_json (
    page, "{\"op\": \"formula\", \"name\": \"bill_ratio\", "
          "\"expression\": \"bill_length_mm / bill_depth_mm\"}", &error));
  g_assert_no_error (error);
  g_assert_true (easel_prepare_page_add_step_json (
    page, "{\"op\": \"scale\", \"columns\": [\"bill_ratio\"], \"method\": \"standard\"}",
    &error));
  g_assert_no_error (error);
  wait_ready (page, "the recipe");
  g_assert_true (easel_build_page_get_table (build) ==
                 easel_prepare_page_get_prepared_table (page));
  g_assert_cmpint (easel_table_find_column (easel_build_page_get_table (build), "bill_ratio"), >=,
                   0);
  g_assert_cmpuint (easel_table_get_n_rows (easel_build_page_get_table (build)), ==, 333);
  /* the column to predict stays the one chosen */
  g_assert_cmpstr (easel_build_page_get_target (build), ==, "species");

  easel_build_page_set_algorithm (build, "logistic");
  g_assert_true (easel_build_page_can_train (build));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (build), "build.train", NULL));
  easel_ui_test_wait (build_idle, build, 120, "the training");
  g_assert_null (easel_build_page_get_error (build));
  model = easel_build_page_get_model (build);
  g_assert_nonnull (model);
  g_assert_nonnull (easel_model_get_recipe_json (model));
  easel_ui_assert_contains (easel_model_get_recipe_json (model), "bill_ratio");
  easel_ui_assert_contains (easel_model_get_recipe_json (model), "\"fitted\"");
  /* its evaluation, for the model card */
  g_assert_nonnull (easel_model_get_evaluation_json (model));
  easel_ui_assert_contains (easel_model_get_evaluation_json (model), "\"confusion_matrix\"");
  easel_ui_assert_contains (easel_model_get_evaluation_json (model), "\"log_loss\"");
  {
    /* the model predicts raw rows: it replays the recipe, keeping all 344 */
    g_autoptr(EaselPrediction) p = easel_model_predict (model, raw, NULL, 0, 2, NULL, NULL,
                                                        &error);

    g_assert_no_error (error);
    g_assert_cmpuint (p->n, ==, 344);
  }

  /* no step left: the table as it is, without a recipe */
  easel_prepare_page_remove_step (page, 2);
  easel_prepare_page_remove_step (page, 1);
  easel_prepare_page_remove_step (page, 0);
  easel_ui_test_flush ();
  g_assert_true (easel_build_page_get_table (build) == raw);
  g_assert_cmpstr (easel_build_page_get_target (build), ==, "species");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
deadline_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* A table opened while the page is hidden is previewed when the page is shown; the recipe's
 * output is made at once only when the Build page needs it. */
static void
test_hidden (void)
{
  g_autofree char *path = easel_ui_test_dataset ("penguins.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  EaselPreparePage *page;
  EaselBuildPage *build;
  EaselWindow *window;
  EaselTable *raw;
  gint64 deadline;

  if (path == NULL)
    {
      g_test_skip ("penguins.csv is in neither data/samples nor $EASEL_DATASETS_DIR");
      return;
    }
  window = easel_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  easel_window_open (window, file);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import");
  g_assert_cmpstr (easel_window_get_view (window), ==, "data");
  page = window_page (window);
  build = easel_window_get_build_page (window);
  raw = easel_prepare_page_get_table (page);
  g_assert_nonnull (raw);

  /* well past the pause that gathers edits: nothing was run for the hidden page */
  deadline = g_get_monotonic_time () + G_TIME_SPAN_SECOND;
  easel_ui_test_wait (deadline_passed, &deadline, 10, "a second");
  g_assert_false (easel_prepare_page_get_busy (page));
  g_assert_null (easel_prepare_page_get_preview (page));

  /* A step added from elsewhere (as the insights' quick actions do): the Build page trains
   * on its output, so that is made while the page stays hidden */
  g_assert_true (easel_prepare_page_add_step_json (
    page, "{\"op\": \"drop_missing\", \"columns\": [\"sex\"]}", &error));
  g_assert_no_error (error);
  g_assert_true (easel_prepare_page_get_busy (page));
  wait_ready (page, "the recipe of the hidden page");
  g_assert_cmpstr (easel_window_get_view (window), ==, "data");
  g_assert_nonnull (easel_prepare_page_get_prepared_table (page));
  g_assert_true (easel_build_page_get_table (build) ==
                 easel_prepare_page_get_prepared_table (page));
  g_assert_cmpuint (easel_table_get_n_rows (easel_build_page_get_table (build)), ==, 333);

  /* without a step, the Build page has the table itself, and the preview waits again */
  easel_prepare_page_remove_step (page, 0);
  easel_ui_test_flush ();
  g_assert_true (easel_build_page_get_table (build) == raw);
  g_assert_false (easel_prepare_page_get_busy (page));

  /* shown, the page previews the table at once */
  easel_window_set_view (window, "prepare");
  g_assert_true (easel_prepare_page_get_busy (page));
  wait_ready (page, "the preview once shown");
  g_assert_cmpuint (easel_preview_diff_get_n_rows (easel_prepare_page_get_preview_diff (page)),
                    ==, EASEL_PREPARE_PREVIEW_ROWS);
  g_assert_true (easel_prepare_page_get_prepared_table (page) == raw);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  easel_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/prepare/preview", test_preview);
  g_test_add_func ("/ui/prepare/undo-redo", test_undo_redo);
  g_test_add_func ("/ui/prepare/broken-step", test_broken_step);
  g_test_add_func ("/ui/prepare/files", test_files);
  g_test_add_func ("/ui/prepare/feeds-build", test_feeds_build);
  g_test_add_func ("/ui/prepare/quick-actions", test_quick_actions);
  g_test_add_func ("/ui/prepare/million-rows", test_million_rows);
  g_test_add_func ("/ui/prepare/hidden", test_hidden);

  return g_test_run ();
}
