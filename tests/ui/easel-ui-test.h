/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the UI test programs. */

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "easel-application.h"
#include "easel-window.h"

G_BEGIN_DECLS

/* GTK and libadwaita for a test program, with the user's folders replaced by a fresh
 * temporary one: recent files and settings written by a test stay out of the home. */
static inline void
easel_ui_test_init (int    *argc,
                    char ***argv)
{
  g_autofree char *home = NULL;

  /* Without a display there is nothing to test: say so in TAP rather than crash. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run the UI tests under xvfb-run\n");
      exit (0);
    }

  home = g_dir_make_tmp ("easel-ui-test-XXXXXX", NULL);
  const char *subdirs[] = { "data", "config", "cache" };
  const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };

  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, subdirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }
  g_setenv ("HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  easel_ui_init ();
}

/* A dataset by file name: the shipped samples first, then the shared datasets folder
 * named by $EASEL_DATASETS_DIR. Skips the test when neither has it. */
static inline char *
easel_ui_test_dataset (const char *name)
{
  g_autofree char *shipped = g_build_filename (SOURCE_SAMPLESDIR, name, NULL);
  const char *datasets = g_getenv ("EASEL_DATASETS_DIR");
  g_autofree char *shared = NULL;

  if (g_file_test (shipped, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&shipped);

  if (datasets != NULL)
    {
      shared = g_build_filename (datasets, name, NULL);
      if (g_file_test (shared, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&shared);
    }

  return NULL;
}

/* Runs the main loop until 'done' returns TRUE; fails after 'seconds'. */
typedef gboolean (*EaselUiTestCondition) (gpointer data);

static inline gboolean
easel_ui_test_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static inline void
easel_ui_test_wait (EaselUiTestCondition  done,
                    gpointer              data,
                    guint                 seconds,
                    const char           *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, easel_ui_test_timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);
  g_source_remove (timeout);
}

/* A condition for easel_ui_test_wait(): the window 'data' has finished its work. */
static inline gboolean
easel_ui_test_window_idle (gpointer data)
{
  return !easel_window_get_busy (EASEL_WINDOW (data));
}

/* The first of 'widget' and its descendants, depth first, for which 'match' is TRUE. */
typedef gboolean (*EaselUiTestMatch) (GtkWidget *widget, gconstpointer data);

static inline GtkWidget *
easel_ui_test_find (GtkWidget        *widget,
                    EaselUiTestMatch  match,
                    gconstpointer     data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = easel_ui_test_find (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline gboolean
easel_ui_test_is_type (GtkWidget     *widget,
                       gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first of 'widget' and its descendants that is a 'type'. */
static inline GtkWidget *
easel_ui_test_find_type (GtkWidget *widget,
                         GType      type)
{
  return easel_ui_test_find (widget, easel_ui_test_is_type, GSIZE_TO_POINTER (type));
}

static inline gboolean
easel_ui_test_is_row_titled (GtkWidget     *widget,
                             gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The first libadwaita row titled 'title' among 'widget' and its descendants. */
static inline GtkWidget *
easel_ui_test_find_row (GtkWidget  *widget,
                        const char *title)
{
  return easel_ui_test_find (widget, easel_ui_test_is_row_titled, title);
}

/* Ticks of the main loop (g_timeout_add (ms, easel_ui_test_tick_cb, &ticks)) while work runs:
 * the longest gap between two is how long the window froze. */
typedef struct
{
  gint64 last;
  gint64 longest;
} EaselUiTestTicks;

static inline gboolean
easel_ui_test_tick_cb (gpointer data)
{
  EaselUiTestTicks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;

  return G_SOURCE_CONTINUE;
}

/* Lets pending idles and redraws run. */
static inline void
easel_ui_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Asserts that 'haystack' contains 'needle'. */
#define easel_ui_assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *__h = (haystack); \
    const char *__n = (needle); \
    if (__h == NULL || strstr (__h, __n) == NULL) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("expected \"%s\" to contain \"%s\"", \
                                            __h ? __h : "(null)", __n)); \
  } G_STMT_END

G_END_DECLS
