/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* The Korean translation, as a Korean user sees it: po/ko.po, compiled by the build, is
 * bound like main.c binds the installed catalogue, the UI language is set with LANGUAGE
 * under the C.UTF-8 locale (which glibc honours, unlike plain "C"), and the window's own
 * widgets must then show Korean text. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <unistd.h>

#include "easel-build-page.h"
#include "easel-explore-page.h"
#include "easel-format.h"
#include "easel-insights-view.h"
#include "easel-param-form.h"
#include "easel-prepare-page.h"
#include "easel-ui-test.h"
#include "easel-welcome-page.h"
#include "easel-window.h"

/* Helpers */

/* The translation of 'msgid', which must differ from it. */
static const char *korean (const char *msgid) G_GNUC_FORMAT (1);

static const char *
korean (const char *msgid)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, msgid);

  if (g_strcmp0 (text, msgid) == 0)
    g_error ("“%s” has no Korean translation in the catalogue", msgid);

  return text;
}

/* The header bar's primary menu button (F10 opens it). */
static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every item label of 'model' and its sections and submenus, in order. */
static void
collect_menu_labels (GMenuModel *model,
                     GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, g_steal_pointer (&label));

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          collect_menu_labels (link, labels);
        }
    }
}

static gboolean
contains_string (GPtrArray  *strings,
                 const char *needle)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), needle) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
insights_ready (gpointer data)
{
  EaselInsightsView *view = data;

  return !easel_insights_view_get_busy (view) && easel_insights_view_get_insights (view) != NULL;
}

static gboolean
prepare_ready (gpointer data)
{
  EaselPreparePage *page = data;

  return !easel_prepare_page_get_busy (page) && easel_prepare_page_get_preview (page) != NULL;
}

/* A window showing the iris sample (150 rows, one of them a repeat), or NULL (skipped). */
static EaselWindow *
open_iris (void)
{
  g_autofree char *path = easel_ui_test_dataset ("iris.csv");
  g_autoptr(GFile) file = NULL;
  EaselWindow *window;

  if (path == NULL)
    {
      g_test_skip ("iris.csv is in neither data/samples nor $EASEL_DATASETS_DIR");
      return NULL;
    }
  window = easel_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  easel_window_open (window, file);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import");
  return window;
}

/* Tests */

/* The catalogue itself: plain messages, plural forms and reordered placeholders. */
static void
test_catalogue (void)
{
  g_autofree char *size = easel_format_table_size (150, 5);
  g_autofree char *missing = NULL;

  g_assert_cmpstr (korean ("Welcome to Easel"), ==, "Easel에 오신 것을 환영합니다");
  g_assert_cmpstr (korean ("_Cancel"), ==, "취소(_C)");
  g_assert_cmpstr (easel_column_type_get_label (EASEL_COLUMN_NUMERIC), ==, "수치형");
  g_assert_cmpstr (easel_column_type_get_label (EASEL_COLUMN_CATEGORICAL), ==, "범주형");

  /* Korean has one plural form: the same text for one row and for many */
  g_assert_cmpstr (size, ==, "150행 · 5열");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", 1), ==, "%s행");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", 7), ==, "%s행");

  /* a translation that puts the placeholders in another order */
  missing = g_strdup_printf (korean ("%s: %s of %s rows missing (%s)"),
                             "bill_length_mm", "2", "344", "0.6%");
  g_assert_cmpstr (missing, ==, "bill_length_mm: 전체 344행 중 2행 결측(0.6%)");
}

/* The window's templates and menus are translated through the same text domain. */
static void
test_window (void)
{
  EaselWindow *window = easel_window_new (NULL);
  GtkWidget *welcome_page;
  GtkWidget *status_page;
  GtkWidget *menu_button;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GMenuModel *menu;

  gtk_window_present (GTK_WINDOW (window));
  easel_ui_test_flush ();

  /* the welcome page's heading and description */
  welcome_page = easel_ui_test_find_type (GTK_WIDGET (window), EASEL_TYPE_WELCOME_PAGE);
  g_assert_nonnull (welcome_page);
  status_page = easel_ui_test_find_type (welcome_page, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "Easel에 오신 것을 환영합니다");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status_page)), ==,
                   korean ("Open a table to explore it and build a model, or start with a "
                           "sample dataset"));

  /* the main menu: its button's tooltip and the window actions it lists */
  menu_button = find_primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (menu_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "주 메뉴");
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  collect_menu_labels (menu, labels);
  g_assert_true (contains_string (labels, "새 창(_N)"));
  g_assert_true (contains_string (labels, "열기(_O)…"));
  g_assert_true (contains_string (labels, "Easel 정보(_A)"));
  g_assert_false (contains_string (labels, "_New Window"));

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

/* The Build page: an algorithm's parameters, their choices and their errors come from the
 * core and are shown in Korean. */
static void
test_build_page (void)
{
  EaselWindow *window = open_iris ();
  EaselBuildPage *page;
  EaselParamForm *form;
  GtkWidget *row;
  GListModel *choices;
  g_autoptr(GtkStringObject) first = NULL;

  if (window == NULL)
    return;
  easel_window_set_view (window, "build");
  page = easel_window_get_build_page (window);
  g_assert_true (easel_build_page_set_target (page, "species"));
  g_assert_true (easel_build_page_set_algorithm (page, "forest"));
  easel_ui_test_flush ();
  form = easel_build_page_get_param_form (page);
  g_assert_nonnull (easel_param_form_get_algorithm (form));

  /* the parameter keeps its name; its sentence is Korean */
  row = easel_ui_test_find_row (GTK_WIDGET (form), "n_trees");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "투표에 참여하는 트리 수입니다. 트리가 많을수록 예측이 안정되지만 시간이 더 "
                   "걸립니다.");

  /* the choices are listed in Korean, in the core's order ("auto" first) */
  row = easel_ui_test_find_row (GTK_WIDGET (form), "max_features");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 4);
  first = g_list_model_get_item (choices, 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "자동");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  /* a value out of range: the core's message, in Korean, naming the parameter */
  g_assert_true (easel_build_page_set_algorithm (page, "logistic"));
  easel_ui_test_flush ();
  form = easel_build_page_get_param_form (page);
  g_assert_true (easel_param_form_set_text (form, "C", "0"));
  easel_ui_assert_contains (easel_param_form_get_error (form),
                            "logistic의 매개변수 “C”에 쓸 수 있는 값: 0보다 크고 1e+12 이하인 "
                            "수.");

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

/* The Prepare page: a step's label, what it did and what is wrong with another step. */
static void
test_prepare_page (void)
{
  EaselWindow *window = open_iris ();
  EaselPreparePage *page;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  const char *problem;

  if (window == NULL)
    return;
  easel_window_set_view (window, "prepare");
  page = easel_window_get_prepare_page (window);
  g_assert_true (easel_prepare_page_add_step_json (page, "{\"op\": \"drop_duplicates\"}",
                                                   &error));
  g_assert_no_error (error);
  g_assert_true (easel_prepare_page_add_step_json (
      page, "{\"op\": \"impute\", \"columns\": [\"petal size\"], \"strategy\": \"median\"}",
      &error));
  g_assert_no_error (error);
  easel_ui_test_wait (prepare_ready, page, 60, "the recipe's preview");

  /* the step's row: its label and the sentence saying what it did (iris repeats one row) */
  label = easel_step_describe (easel_recipe_get_step (easel_prepare_page_get_recipe (page), 0));
  g_assert_cmpstr (label, ==, "중복 행 제거");
  g_assert_cmpstr (easel_prepare_page_get_step_effect (page, 0), ==, "150행 중 1행 제거.");

  /* the second step names a column iris lacks: the core says so in Korean */
  problem = easel_prepare_page_get_step_error (page, 1);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "매개변수 “columns”: “petal size” 열이 없습니다."));

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

/* The Explore page: the core's data-quality findings, in Korean on their rows. */
static void
test_explore_page (void)
{
  EaselWindow *window = open_iris ();
  EaselExplorePage *page;
  EaselInsightsView *view;
  const EaselInsights *insights;
  GPtrArray *rows;
  gboolean seen = FALSE;

  if (window == NULL)
    return;
  easel_window_set_view (window, "explore");
  page = easel_window_get_explore_page (window);
  view = easel_explore_page_get_insights_view (page);
  easel_explore_page_set_section (page, "insights");
  easel_ui_test_wait (insights_ready, view, 60, "the insights");

  insights = easel_insights_view_get_insights (view);
  rows = easel_insights_view_get_warning_rows (view);
  g_assert_cmpuint (rows->len, ==, insights->warnings->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const EaselInsight *insight = g_ptr_array_index (insights->warnings, i);
      GtkWidget *row = g_ptr_array_index (rows, i);

      /* each row shows the core's sentence */
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       insight->message);
      if (g_strcmp0 (insight->kind, "duplicate_rows") == 0)
        {
          g_assert_cmpstr (insight->message, ==,
                           "1개 행(1% 미만)이 앞의 행과 똑같이 반복됩니다. 학습에서 두 번 "
                           "세어지고 테스트 행으로 새어 들어갈 수 있습니다.");
          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                           "중복 행");
          seen = TRUE;
        }
    }
  g_assert_true (seen);

  gtk_window_destroy (GTK_WINDOW (window));
  easel_ui_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *link = NULL;
  int status;

  easel_ui_test_init (&argc, &argv);

  /* gtk_test_init() asks for en_US.UTF-8, which a fresh system may lack; C.UTF-8 is
   * always there, and with it glibc reads LANGUAGE (it ignores LANGUAGE under "C") */
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    g_error ("The C.UTF-8 locale is missing");
  g_setenv ("LANGUAGE", "ko", TRUE);

  /* po/ko.po as compiled by the build (see tests/ui/meson.build), in a locale folder of
   * its own laid out like the installed one: <dir>/ko/LC_MESSAGES/easel.mo */
  if (!g_file_test (EASEL_TEST_CATALOGUE, G_FILE_TEST_IS_REGULAR))
    g_error ("The Korean catalogue %s was not built", EASEL_TEST_CATALOGUE);
  localedir = g_dir_make_tmp ("easel-i18n-XXXXXX", NULL);
  g_assert_nonnull (localedir);
  messages = g_build_filename (localedir, "ko", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  link = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_assert_cmpint (symlink (EASEL_TEST_CATALOGUE, link), ==, 0);

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/catalogue", test_catalogue);
  g_test_add_func ("/i18n/window", test_window);
  g_test_add_func ("/i18n/build-page", test_build_page);
  g_test_add_func ("/i18n/prepare-page", test_prepare_page);
  g_test_add_func ("/i18n/explore-page", test_explore_page);

  status = g_test_run ();

  g_unlink (link);
  g_rmdir (messages);
  *strrchr (messages, G_DIR_SEPARATOR) = '\0';
  g_rmdir (messages);
  g_rmdir (localedir);

  return status;
}
