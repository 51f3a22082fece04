/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include "easel-ui-test.h"
#include "easel-window.h"

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* One application for all the tests: a process registers its application once. */
static EaselApplication *the_app;

static EaselApplication *
start_application (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app != NULL)
    return g_object_ref (the_app);

  the_app = easel_application_new ();
  /* No single-instance negotiation on the bus: the test owns its instance. */
  g_application_set_flags (G_APPLICATION (the_app),
                           g_application_get_flags (G_APPLICATION (the_app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

  return g_object_ref (the_app);
}

static void
assert_accel (GtkApplication *app,
              const char     *action,
              const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, accel);
}

static void
test_shortcuts (void)
{
  g_autoptr(EaselApplication) app = start_application ();

  assert_accel (GTK_APPLICATION (app), "win.open", "<Control>o");
  assert_accel (GTK_APPLICATION (app), "win.close", "<Control>w");
  assert_accel (GTK_APPLICATION (app), "app.quit", "<Control>q");
  assert_accel (GTK_APPLICATION (app), "app.new-window", "<Control>n");
}

static void
test_windows (void)
{
  g_autoptr(EaselApplication) app = start_application ();
  g_autofree char *penguins = easel_ui_test_dataset ("penguins.csv");
  GList *windows;
  EaselWindow *window;
  GtkWindow *about;
  GtkWindow *help;

  g_application_activate (G_APPLICATION (app));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = EASEL_WINDOW (windows->data);
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "welcome");

  /* Opening a file uses the empty window rather than making another */
  if (penguins != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (penguins);

      g_application_open (G_APPLICATION (app), &file, 1, "");
      g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))),
                        ==, 1);
      easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import");
      g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");

      /* ...and a second file gets a window of its own */
      g_application_open (G_APPLICATION (app), &file, 1, "");
      g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))),
                        ==, 2);
      window = EASEL_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
      easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the second import");
    }

  /* The primary menu's entries */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Easel");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  help = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (help);
  gtk_window_destroy (help);

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==,
                    penguins != NULL ? 3 : 2);

  /* Ctrl+W's action closes one window, Ctrl+Q's all of them */
  window = EASEL_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  easel_ui_test_flush ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==,
                    penguins != NULL ? 2 : 1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  easel_ui_test_flush ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
test_dark_style (void)
{
  g_autoptr(EaselApplication) app = start_application ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GVariant) state = NULL;

  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "dark-style");
  g_assert_false (g_variant_get_boolean (state));

  g_action_group_change_action_state (G_ACTION_GROUP (app), "dark-style",
                                      g_variant_new_boolean (TRUE));
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));

  g_action_group_change_action_state (G_ACTION_GROUP (app), "dark-style",
                                      g_variant_new_boolean (FALSE));
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  easel_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/application/shortcuts", test_shortcuts);
  g_test_add_func ("/ui/application/windows", test_windows);
  g_test_add_func ("/ui/application/dark-style", test_dark_style);

  status = g_test_run ();
  g_clear_object (&the_app);

  return status;
}
