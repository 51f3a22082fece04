/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-project-manager"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "easel-error.h"
#include "easel-project-manager.h"
#include "easel-settings.h"
#include "easel-welcome-page.h"

#define PROJECT_MIME_TYPE "application/x-easel-project"
#define MAX_RECENT_PROJECTS 10

typedef struct
{
  EaselProject *project;
  guint         users;
} OpenProject;

/* path → OpenProject; the main thread only */
static GHashTable *open_projects;

static void
open_project_free (gpointer data)
{
  OpenProject *entry = data;

  easel_project_unref (entry->project);
  g_free (entry);
}

static GHashTable *
get_open_projects (void)
{
  if (open_projects == NULL)
    open_projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, open_project_free);

  return open_projects;
}

/* One key per file, however it was named. */
static char *
canonical_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  char *real = realpath (absolute, NULL);

  if (real != NULL)
    {
      char *result = g_strdup (real);

      free (real);
      return result;
    }

  return g_steal_pointer (&absolute);
}

EaselProject *
easel_project_manager_adopt (EaselProject *project)
{
  g_autofree char *key = canonical_path (easel_project_get_path (project));
  OpenProject *entry = g_hash_table_lookup (get_open_projects (), key);

  if (entry != NULL && entry->project == project)
    {
      entry->users++;
      return easel_project_ref (project);
    }

  entry = g_new0 (OpenProject, 1);
  entry->project = easel_project_ref (project);
  entry->users = 1;
  g_hash_table_replace (get_open_projects (), g_steal_pointer (&key), entry);

  return easel_project_ref (project);
}

EaselProject *
easel_project_manager_open (const char             *path,
                            EaselProjectOpenFlags   flags,
                            GError                **error)
{
  g_autofree char *key = canonical_path (path);
  g_autoptr(EaselProject) project = NULL;
  OpenProject *entry = g_hash_table_lookup (get_open_projects (), key);

  if (entry != NULL &&
      (!easel_project_is_read_only (entry->project) ||
       (flags & EASEL_PROJECT_OPEN_READ_ONLY) != 0))
    {
      entry->users++;
      return easel_project_ref (entry->project);
    }

  project = easel_project_open (path, flags, error);
  if (project == NULL)
    return NULL;

  return easel_project_manager_adopt (project);
}

EaselProject *
easel_project_manager_create (const char  *path,
                              GError     **error)
{
  g_autoptr(EaselProject) project = easel_project_create (path, error);

  if (project == NULL)
    return NULL;

  return easel_project_manager_adopt (project);
}

void
easel_project_manager_release (EaselProject *project)
{
  g_autofree char *key = NULL;
  OpenProject *entry;

  if (project == NULL)
    return;

  key = canonical_path (easel_project_get_path (project));
  entry = g_hash_table_lookup (get_open_projects (), key);
  if (entry != NULL && entry->project == project && --entry->users == 0)
    g_hash_table_remove (get_open_projects (), key);
  easel_project_unref (project);
}

char *
easel_project_manager_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "easel", "Default.easel", NULL);
}

EaselProject *
easel_project_manager_open_default (GError **error)
{
  g_autofree char *path = easel_project_manager_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;
  EaselProject *project;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_autofree char *display = g_filename_display_name (dir);

          g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, _("Cannot create the folder %s: %s."),
                       display, g_strerror (errno));
          return NULL;
        }
      return easel_project_manager_create (path, error);
    }

  project = easel_project_manager_open (path, EASEL_PROJECT_OPEN_DEFAULT, &local_error);
  if (project == NULL && g_error_matches (local_error, EASEL_ERROR, EASEL_ERROR_LOCKED))
    return easel_project_manager_open (path, EASEL_PROJECT_OPEN_READ_ONLY, error);
  if (project == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return project;
}

char *
easel_project_get_display_name (EaselProject *project)
{
  g_autofree char *base = g_path_get_basename (easel_project_get_path (project));
  g_autofree char *display = g_filename_display_name (base);
  gsize length = strlen (display);

  if (g_str_has_suffix (display, ".easel") && length > strlen (".easel"))
    display[length - strlen (".easel")] = '\0';

  return g_steal_pointer (&display);
}

gboolean
easel_file_is_project (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GFileInputStream) stream = NULL;
  guchar header[72];
  gsize n_read = 0;

  if (basename != NULL && g_str_has_suffix (basename, ".easel"))
    return TRUE;

  /* SQLite keeps the application id at offset 68, big-endian: "EASL" for a project. */
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL,
                                NULL) ||
      n_read < sizeof header)
    return FALSE;

  return memcmp (header, "SQLite format 3", 16) == 0 && memcmp (header + 68, "EASL", 4) == 0;
}

void
easel_project_manager_add_recent (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  GSettings *settings = easel_settings_get ();
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) PROJECT_MIME_TYPE,
    .app_name = (char *) EASEL_RECENT_APP_NAME,
    .app_exec = (char *) "easel %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);

  if (settings != NULL && easel_settings_has_key ("recent-projects"))
    {
      g_auto(GStrv) old = g_settings_get_strv (settings, "recent-projects");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) recent = NULL;
      guint n = 1;

      g_strv_builder_add (builder, uri);
      for (guint i = 0; old[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
        if (!g_str_equal (old[i], uri))
          {
            g_strv_builder_add (builder, old[i]);
            n++;
          }
      recent = g_strv_builder_end (builder);
      g_settings_set_strv (settings, "recent-projects", (const char * const *) recent);
    }
}
