/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-application"

#include "config.h"

#include <glib/gi18n.h>

#include "easel-application.h"
#include "easel-import-job.h"
#include "easel-resources.h"
#include "easel-settings.h"
#include "easel-window.h"

struct _EaselApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (EaselApplication, easel_application, ADW_TYPE_APPLICATION)

static EaselWindow *
create_window (EaselApplication *self)
{
  EaselWindow *window = easel_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* A window to open a file in: the active one if it shows nothing yet, else a new one. */
static EaselWindow *
get_empty_window (EaselApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (EASEL_IS_WINDOW (active) && easel_window_is_empty (EASEL_WINDOW (active)))
    return EASEL_WINDOW (active);

  return create_window (self);
}

/* EASEL_DEBUG_SYNTHETIC_ROWS=N opens an N-row synthetic table instead of the welcome page,
 * to check that the grid stays smooth with millions of rows. */
static gboolean
open_debug_table (EaselApplication *self)
{
  const char *rows = g_getenv ("EASEL_DEBUG_SYNTHETIC_ROWS");
  g_autoptr(EaselImportJob) job = NULL;
  guint64 n_rows;

  if (rows == NULL || !g_ascii_string_to_unsigned (rows, 10, 1, G_MAXUINT, &n_rows, NULL))
    return FALSE;

  job = easel_import_job_new_synthetic ((gsize) n_rows);
  easel_window_import (get_empty_window (self), job);

  return TRUE;
}

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets it cancel its work and save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  create_window (EASEL_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("Easel developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Easel"),
                        "developer-name", _("Easel developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Build machine-learning models without code"),
                        "copyright", _("© 2026 Easel developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line, to be credited */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Sample datasets"),
                                       (const char *[]) {
                                         _("UCI Machine Learning Repository"),
                                         _("Palmer Station LTER (palmerpenguins)"),
                                         _("R packages modeldata, ggplot2 and mlbench"),
                                         NULL
                                       });
  gtk_window_present (GTK_WINDOW (about));
}

static void
dark_style_changed (GSimpleAction *action,
                    GVariant      *state,
                    gpointer       user_data)
{
  gboolean dark = g_variant_get_boolean (state);
  GSettings *settings = easel_settings_get ();

  /* Unchecked follows the system, which may be dark too. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_DEFAULT);
  g_simple_action_set_state (action, state);

  if (settings != NULL && easel_settings_has_key ("color-scheme"))
    g_settings_set_string (settings, "color-scheme", dark ? "dark" : "default");
}

/* The saved style: "dark" checks the menu's Dark Style; "light" (set outside the app)
 * forces the light style with the box unchecked. */
static void
restore_color_scheme (GtkApplication *app)
{
  GSettings *settings = easel_settings_get ();
  g_autofree char *scheme = NULL;

  if (settings == NULL || !easel_settings_has_key ("color-scheme"))
    return;

  scheme = g_settings_get_string (settings, "color-scheme");
  if (g_str_equal (scheme, "dark"))
    g_action_change_state (g_action_map_lookup_action (G_ACTION_MAP (app), "dark-style"),
                           g_variant_new_boolean (TRUE));
  else if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "new-window", .activate = new_window_activated },
  { .name = "about", .activate = about_activated },
  { .name = "dark-style", .state = "false", .change_state = dark_style_changed },
};

/* Overrides */

static void
easel_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);

  easel_ui_init ();

  G_APPLICATION_CLASS (easel_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);

  gtk_application_set_accels_for_action (app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (app, "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (app, "win.open", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (app, "win.close",
                                         (const char *[]) { "<Control>w", NULL });

  restore_color_scheme (app);
}

static void
easel_application_activate (GApplication *application)
{
  EaselApplication *self = EASEL_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (open_debug_table (self))
    return;

  if (active != NULL)
    gtk_window_present (active);
  else
    create_window (self);
}

static void
easel_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  EaselApplication *self = EASEL_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    easel_window_open (get_empty_window (self), files[i]);
}

static void
easel_application_class_init (EaselApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = easel_application_startup;
  app_class->activate = easel_application_activate;
  app_class->open = easel_application_open;
}

static void
easel_application_init (EaselApplication *self)
{
}

EaselApplication *
easel_application_new (void)
{
  return g_object_new (EASEL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/easelstudio/Easel",
                       NULL);
}

void
easel_ui_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GdkDisplay *display = gdk_display_get_default ();

      easel_register_resource ();
      /* GtkApplication adds the icons of its resource path itself; windows made without
       * one (the UI tests) find them here. */
      if (display != NULL)
        gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                          "/io/github/easelstudio/Easel/icons");
      g_once_init_leave (&initialized, 1);
    }
}
