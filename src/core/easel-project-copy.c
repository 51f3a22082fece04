/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include "config.h"

#include <glib/gi18n-lib.h>

#include "easel-error.h"
#include "easel-project-copy.h"

/* Pages copied between two progress reports and cancel checks (4 KiB pages: 1 MiB). */
#define PAGES_PER_STEP 256

/* Whether another Easel holds the project at 'path' open for writing: the same sidecar
 * lock (".NAME.lock", flock) that easel_project_open() takes. */
static gboolean
is_locked (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lock_name = g_strdup_printf (".%s.lock", base);
  g_autofree char *lock_path = g_build_filename (dir, lock_name, NULL);
  gboolean locked = FALSE;
  int fd;

  fd = open (lock_path, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    locked = TRUE;
  close (fd);  /* also drops the lock taken just to test */
  return locked;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Copies the database at 'source' into the new file 'dest' with the online backup API. */
static gboolean
copy_database (const char     *source,
               const char     *dest,
               EaselProgress  *progress,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autofree char *source_display = g_filename_display_name (source);
  g_autofree char *dest_display = g_filename_display_name (dest);
  sqlite3 *from = NULL, *to = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (source, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot read %s: %s.", source_display,
                   from ? sqlite3_errmsg (from) : sqlite3_errstr (rc));
      goto out;
    }
  sqlite3_busy_timeout (from, 5000);
  rc = sqlite3_open_v2 (dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write %s: %s.", dest_display,
                   to ? sqlite3_errmsg (to) : sqlite3_errstr (rc));
      goto out;
    }

  backup = sqlite3_backup_init (to, "main", from, "main");
  if (backup == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot copy %s: %s.", source_display,
                   sqlite3_errmsg (to));
      goto out;
    }
  easel_progress_report (progress, 0.0, _("Copying the project"));
  do
    {
      int total, remaining;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      total = sqlite3_backup_pagecount (backup);
      remaining = sqlite3_backup_remaining (backup);
      if (total > 0)
        easel_progress_report (progress, (double) (total - remaining) / total,
                               _("Copying the project"));
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "%s is damaged: %s.",
                     source_display, sqlite3_errstr (rc));
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write %s: %s.", dest_display,
                     sqlite3_errstr (rc));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_close_v2 (from);
  if (to != NULL && sqlite3_close (to) != SQLITE_OK && ok)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write %s: %s.", dest_display,
                   sqlite3_errmsg (to));
      ok = FALSE;
    }
  if (to != NULL && !ok)
    sqlite3_close_v2 (to);
  return ok;
}

static void
remove_sidecars (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

EaselProject *
easel_project_save_as (EaselProject   *project,
                       const char     *path,
                       gboolean        replace,
                       EaselProgress  *progress,
                       GCancellable   *cancellable,
                       GError        **error)
{
  const char *source;
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *temp = NULL;

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  source = easel_project_get_path (project);
  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (same_file (source, path))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "%s is the project itself; choose another name to save a copy.", display);
          return NULL;
        }
      if (!replace)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO,
                       "%s already exists; choose another name.", display);
          return NULL;
        }
      if (is_locked (path))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_LOCKED,
                       "%s is open in another Easel window or program and cannot be replaced. "
                       "Close it there first, or choose another name.", display);
          return NULL;
        }
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_name = g_strdup_printf (".%s.%08x.partial", base, g_random_int ());
  temp = g_build_filename (dir, temp_name, NULL);

  if (!copy_database (source, temp, progress, cancellable, error))
    {
      g_unlink (temp);
      remove_sidecars (temp);
      return NULL;
    }

  /* The journal files of a replaced database would be replayed into the copy. */
  remove_sidecars (path);
  if (g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write %s: %s.", display,
                   g_strerror (saved_errno));
      return NULL;
    }
  easel_progress_report (progress, 1.0, _("Copying the project"));

  return easel_project_open (path, EASEL_PROJECT_OPEN_DEFAULT, error);
}
