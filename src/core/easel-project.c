/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "easel-blob.h"
#include "easel-dict.h"
#include "easel-error.h"
#include "easel-names.h"
#include "easel-project.h"

/* "EASL": SQLite's application_id marks the file as ours. */
#define APPLICATION_ID 0x4541534c
#define TABLE_MAGIC "EASLTBL"
#define TABLE_FORMAT 1

struct _EaselProject
{
  gatomicrefcount  ref_count;
  sqlite3         *db;
  char            *path;
  int              lock_fd;
  gboolean         read_only;
  int              schema;       /* the file's project format */
  char            *backup_path;  /* the copy written before a migration, or NULL */
};

static const char *const schema_v1[] = {
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE datasets ("
  " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT, created TEXT NOT NULL,"
  " n_rows INTEGER NOT NULL, n_columns INTEGER NOT NULL, data BLOB NOT NULL)",
  "CREATE TABLE recipes ("
  " id INTEGER PRIMARY KEY, dataset_id INTEGER REFERENCES datasets (id), name TEXT,"
  " json TEXT NOT NULL, created TEXT NOT NULL)",
  "CREATE TABLE models ("
  " id INTEGER PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,"
  " dataset_id INTEGER REFERENCES datasets (id), recipe_id INTEGER REFERENCES recipes (id),"
  " algorithm TEXT NOT NULL, problem TEXT NOT NULL, target TEXT NOT NULL,"
  " status TEXT NOT NULL DEFAULT 'Draft', blob BLOB NOT NULL, created TEXT NOT NULL,"
  " UNIQUE (name, version))",
  "CREATE TABLE model_status ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " status TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL)",
  "CREATE TABLE evaluations ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " json TEXT NOT NULL, created TEXT NOT NULL)",
  "CREATE TABLE cards ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " revision INTEGER NOT NULL, json TEXT NOT NULL, created TEXT NOT NULL,"
  " UNIQUE (model_id, revision))",
  "CREATE TABLE predictions ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " input TEXT, output TEXT, n_rows INTEGER, created TEXT NOT NULL)",
  NULL
};

/* migrations[v - 1] takes a project from format v to v + 1. A new project is made with
 * schema_v1 and every migration, so new and migrated projects have the same schema. */
static const char *const migration_v1_to_v2[] = {
  "ALTER TABLE cards ADD COLUMN who TEXT NOT NULL DEFAULT ''",
  "ALTER TABLE predictions ADD COLUMN who TEXT NOT NULL DEFAULT ''",
  "ALTER TABLE predictions ADD COLUMN seconds REAL",
  "CREATE INDEX predictions_by_model ON predictions (model_id)",
  NULL
};

static const char *const *const migrations[] = {
  migration_v1_to_v2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EASEL_PROJECT_SCHEMA_VERSION - 1);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
exec (EaselProject  *self,
      const char    *sql,
      GError       **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (self->path);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot update the project %s: %s.", display,
                   message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void
project_free (EaselProject *self)
{
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->lock_fd >= 0)
    close (self->lock_fd);  /* releases the flock */
  g_free (self->path);
  g_free (self->backup_path);
  g_free (self);
}

EaselProject *
easel_project_ref (EaselProject *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
easel_project_unref (EaselProject *self)
{
  if (self != NULL && g_atomic_ref_count_dec (&self->ref_count))
    project_free (self);
}

const char *
easel_project_get_path (EaselProject *self)
{
  return self->path;
}

gboolean
easel_project_is_read_only (EaselProject *self)
{
  return self->read_only;
}

int
easel_project_get_schema_version (EaselProject *self)
{
  return self->schema;
}

const char *
easel_project_get_backup_path (EaselProject *self)
{
  return self->backup_path;
}

/* A sidecar lock (".NAME.lock" beside the project) held with flock() while the project is
 * open for writing. flock() locks do not touch SQLite's own fcntl() locks on the
 * database, and the kernel drops them when the process dies, so a crash never leaves a
 * project locked. */
static gboolean
take_lock (EaselProject  *self,
           GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *lock_name = g_strdup_printf (".%s.lock", base);
  g_autofree char *lock_path = g_build_filename (dir, lock_name, NULL);
  g_autofree char *display = g_filename_display_name (self->path);

  self->lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (self->lock_fd < 0)
    /* A folder we cannot write to: the project can only be read anyway. */
    return TRUE;
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_LOCKED,
                   "%s is open in another Easel window or program. Open it read-only, or close it "
                   "there first.", display);
      return FALSE;
    }
  return TRUE;
}

static sqlite3 *
open_database (const char  *path,
               gboolean     create,
               gboolean     read_only,
               GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc;

  if (create)
    flags |= SQLITE_OPEN_CREATE;
  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot open %s: %s.", display,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  /* The file may come from anyone. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 1000 * 1000 * 1000);
  sqlite3_exec (db, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;", NULL, NULL, NULL);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

EaselProject *
easel_project_create (const char  *path,
                      GError     **error)
{
  g_autoptr(EaselProject) self = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *created = now_iso8601 ();
  char *sql;
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "%s already exists; choose another name.", display);
      return NULL;
    }
  self = g_new0 (EaselProject, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->lock_fd = -1;
  if (!take_lock (self, error))
    return NULL;
  self->db = open_database (path, TRUE, FALSE, error);
  if (self->db == NULL)
    return NULL;

  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; BEGIN", error))
    return NULL;
  for (guint i = 0; schema_v1[i] != NULL; i++)
    if (!exec (self, schema_v1[i], error))
      return NULL;
  for (guint m = 0; m < G_N_ELEMENTS (migrations); m++)
    for (guint i = 0; migrations[m][i] != NULL; i++)
      if (!exec (self, migrations[m][i], error))
        return NULL;
  self->schema = EASEL_PROJECT_SCHEMA_VERSION;
  sql = sqlite3_mprintf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                         "INSERT INTO meta VALUES ('created', %Q), ('created_by', 'Easel %q');"
                         "COMMIT",
                         APPLICATION_ID, EASEL_PROJECT_SCHEMA_VERSION, created, PACKAGE_VERSION);
  ok = exec (self, sql, error);
  sqlite3_free (sql);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

static int
pragma_int (sqlite3    *db,
            const char *sql,
            int        *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      return SQLITE_OK;
    }
  return rc;
}

/* Bring an older project to EASEL_PROJECT_SCHEMA_VERSION: first a consistent copy of it
 * next to it (P.easel.vN-backup, or -backup-2, -3... if that exists), then every migration
 * in one transaction, so that a failure leaves the project as it was. */
static gboolean
migrate (EaselProject  *self,
         int            from,
         GError       **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *backup = g_strdup_printf ("%s.v%d-backup", self->path, from);
  char *sql;
  gboolean ok;

  for (guint k = 2; g_file_test (backup, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK); k++)
    {
      g_free (backup);
      backup = g_strdup_printf ("%s.v%d-backup-%u", self->path, from, k);
    }
  /* VACUUM INTO writes a complete copy (the WAL included) as one ordinary file. */
  sql = sqlite3_mprintf ("VACUUM INTO %Q", backup);
  ok = sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_free (sql);
  if (!ok)
    {
      g_autofree char *backup_display = g_filename_display_name (backup);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO,
                   "%s is in an older project format (%d) and must be upgraded, but its backup "
                   "copy %s cannot be written: %s.", display, from, backup_display,
                   sqlite3_errmsg (self->db));
      g_unlink (backup);
      return FALSE;
    }

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = from; v < EASEL_PROJECT_SCHEMA_VERSION; v++)
    for (guint i = 0; migrations[v - 1][i] != NULL; i++)
      if (sqlite3_exec (self->db, migrations[v - 1][i], NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                       "%s cannot be upgraded from project format %d to %d (%s); it was left "
                       "unchanged.", display, v, v + 1, sqlite3_errmsg (self->db));
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
  {
    g_autofree char *at = now_iso8601 ();
    g_autofree char *key = g_strdup_printf ("migrated_from_%d", from);
    sql = sqlite3_mprintf (
        "INSERT OR REPLACE INTO meta VALUES (%Q, %Q); PRAGMA user_version = %d; COMMIT", key, at,
        EASEL_PROJECT_SCHEMA_VERSION);
    ok = exec (self, sql, error);
    sqlite3_free (sql);
  }
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  self->schema = EASEL_PROJECT_SCHEMA_VERSION;
  self->backup_path = g_steal_pointer (&backup);
  return TRUE;
}

EaselProject *
easel_project_open (const char             *path,
                    EaselProjectOpenFlags   flags,
                    GError                **error)
{
  g_autoptr(EaselProject) self = NULL;
  g_autofree char *display = g_filename_display_name (path);
  char header[16] = { 0 };
  int application_id = 0, version = 0, rc;
  FILE *f;

  /* Look at the file before SQLite does: clearer messages for what is not a project. */
  f = fopen (path, "rb");
  if (f == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot open %s: %s.", display, g_strerror (errno));
      return NULL;
    }
  if (fread (header, 1, sizeof header, f) != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      fclose (f);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_PROJECT,
                   "%s is not an Easel project (it is not a SQLite database).", display);
      return NULL;
    }
  fclose (f);

  self = g_new0 (EaselProject, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->lock_fd = -1;
  self->read_only = (flags & EASEL_PROJECT_OPEN_READ_ONLY) != 0;
  if (!self->read_only && !take_lock (self, error))
    return NULL;
  self->db = open_database (path, FALSE, self->read_only, error);
  if (self->db == NULL)
    return NULL;

  rc = pragma_int (self->db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = pragma_int (self->db, "PRAGMA user_version", &version);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "%s is damaged: %s.", display, sqlite3_errstr (rc));
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot read %s: %s.", display, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (application_id != APPLICATION_ID)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_PROJECT,
                   "%s is a SQLite database, but not an Easel project.", display);
      return NULL;
    }
  if (version > EASEL_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_VERSION,
                   "%s was made by a newer Easel (project format %d; this Easel reads up to %d). "
                   "Update Easel to open it.", display, version, EASEL_PROJECT_SCHEMA_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "%s is damaged: it has no project format.", display);
      return NULL;
    }
  self->schema = version;

  /* A damaged file must not be written to or trusted: check the whole database. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    const char *result = NULL;
    rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      result = (const char *) sqlite3_column_text (stmt, 0);
    if (result == NULL || strcmp (result, "ok") != 0)
      {
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                     "%s is damaged and cannot be opened safely (%s).", display,
                     result ? result : sqlite3_errmsg (self->db));
        return NULL;
      }
  }

  if (!self->read_only &&
      !exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", error))
    return NULL;
  /* An older project read-only stays as it is; the readers below cope with its format. */
  if (!self->read_only && version < EASEL_PROJECT_SCHEMA_VERSION && !migrate (self, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
easel_dataset_info_free (EaselDatasetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->source);
  g_free (info->created);
  g_free (info);
}

static gboolean
check_writable (EaselProject  *self,
                GError       **error)
{
  if (self->read_only)
    {
      g_autofree char *display = g_filename_display_name (self->path);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_LOCKED, "%s is open read-only.", display);
      return FALSE;
    }
  return TRUE;
}

gint64
easel_project_add_dataset (EaselProject   *self,
                           const char     *name,
                           EaselTable     *table,
                           const char     *source,
                           EaselProgress  *progress,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *created = now_iso8601 ();
  gsize size;
  const void *data;
  gint64 id;

  if (!check_writable (self, error))
    return 0;
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT, "A dataset needs a name.");
      return 0;
    }
  easel_progress_report (progress, 0.0, _("Storing the dataset"));
  bytes = easel_table_to_bytes (table);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return 0;
  data = g_bytes_get_data (bytes, &size);
  easel_progress_report (progress, 0.5, _("Storing the dataset"));

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO datasets (name, source, created, n_rows, n_columns, data) "
                          "VALUES (?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot store dataset “%s”: %s.", name,
                   sqlite3_errmsg (self->db));
      return 0;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) easel_table_get_n_rows (table));
  sqlite3_bind_int64 (stmt, 5, easel_table_get_n_columns (table));
  sqlite3_bind_blob64 (stmt, 6, data, size, SQLITE_STATIC);
  /* One statement outside an explicit transaction is its own transaction. */
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int code = sqlite3_extended_errcode (self->db);
      if (code == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                     "The project already has a dataset named “%s”; choose another name.", name);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot store dataset “%s”: %s.", name,
                     sqlite3_errmsg (self->db));
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);
  easel_progress_report (progress, 1.0, _("Storing the dataset"));
  return id;
}

GPtrArray *
easel_project_list_datasets (EaselProject  *self,
                             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, name, source, created, n_rows, n_columns FROM datasets ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot list the datasets: %s.",
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_dataset_info_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      EaselDatasetInfo *info = g_new0 (EaselDatasetInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->source = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->created = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->n_rows = (gsize) MAX (0, sqlite3_column_int64 (stmt, 4));
      info->n_columns = (guint) MAX (0, sqlite3_column_int (stmt, 5));
      g_ptr_array_add (list, info);
    }
  return list;
}

EaselTable *
easel_project_load_dataset (EaselProject  *self,
                            const char    *name,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  EaselTable *table;

  if (sqlite3_prepare_v2 (self->db, "SELECT data FROM datasets WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read dataset “%s”: %s.", name,
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND, "The project has no dataset named “%s”.", name);
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  table = easel_table_from_bytes (bytes, &local);
  if (table == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Dataset “%s” is damaged: %s", name, local->message);
      return NULL;
    }
  easel_table_set_source (table, name);
  return table;
}

/* ------------------------------------------------------------------------------------------ */
/* Models                                                                                      */

static const char *const status_names[] = { "Draft", "PendingReview", "Approved", "Archived" };

const char *
easel_model_status_to_string (EaselModelStatus status)
{
  g_return_val_if_fail (status <= EASEL_MODEL_STATUS_ARCHIVED, NULL);
  return status_names[status];
}

gboolean
easel_model_status_from_string (const char       *name,
                                EaselModelStatus *status)
{
  int i = easel_names_lookup (status_names, G_N_ELEMENTS (status_names), name);

  if (i < 0)
    return FALSE;
  *status = (EaselModelStatus) i;
  return TRUE;
}

void
easel_model_info_free (EaselModelInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->algorithm);
  g_free (info->problem);
  g_free (info->target);
  g_free (info->dataset);
  g_free (info->status);
  g_free (info->created);
  g_free (info);
}

gboolean
easel_model_ref_parse (const char  *text,
                       char       **name,
                       guint       *version,
                       GError     **error)
{
  const char *at = strrchr (text, '@');
  guint64 v = 0;

  if (at == NULL)
    {
      *name = g_strdup (text);
      *version = 0;
      return TRUE;
    }
  if (at == text || !g_ascii_string_to_unsigned (at + 1, 10, 1, G_MAXUINT, &v, NULL))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "“%s” is not NAME or NAME@VERSION with a version of 1 or more.", text);
      return FALSE;
    }
  *name = g_strndup (text, at - text);
  *version = (guint) v;
  return TRUE;
}

static gint64
dataset_id (EaselProject *self,
            const char   *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (name == NULL ||
      sqlite3_prepare_v2 (self->db, "SELECT id FROM datasets WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The id of a model version (0 = latest); 0 if there is none, with *version set. */
static gint64
model_id (EaselProject *self,
          const char   *name,
          guint        *version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          *version == 0
                            ? "SELECT id, version FROM models WHERE name = ?1 ORDER BY version DESC LIMIT 1"
                            : "SELECT id, version FROM models WHERE name = ?1 AND version = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (*version != 0)
    sqlite3_bind_int (stmt, 2, (int) *version);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  *version = (guint) sqlite3_column_int (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
step_done (EaselProject  *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot store %s: %s.", what, sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

guint
easel_project_add_model (EaselProject      *self,
                         const char        *name,
                         const EaselModel  *model,
                         const char        *dataset,
                         const char        *evaluation_json,
                         const char        *who,
                         GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *created = now_iso8601 ();
  const EaselDesign *design = easel_model_get_design (model);
  guint version = 0;
  gint64 id, ds = 0, recipe = 0;
  gsize size;
  const void *data;

  if (!check_writable (self, error))
    return 0;
  if (name == NULL || *name == '\0' || strchr (name, '@') != NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "“%s” cannot name a model: it must not be empty or contain “@”.", name ? name : "");
      return 0;
    }
  if (dataset != NULL && (ds = dataset_id (self, dataset)) == 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND, "The project has no dataset named “%s”.", dataset);
      return 0;
    }
  bytes = easel_model_to_bytes (model);
  data = g_bytes_get_data (bytes, &size);

  /* The model, its first status and its evaluation land together or not at all. */
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return 0;
  model_id (self, name, &version);
  version += 1;
  /* The fitted recipe that prepared its training rows, as a row of its own (the model
   * blob keeps a copy, so a model exported alone still replays it). */
  if (easel_model_get_recipe_json (model) != NULL)
    {
      g_autofree char *recipe_name = g_strdup_printf ("%s@%u", name, version);

      if (sqlite3_prepare_v2 (self->db,
                              "INSERT INTO recipes (dataset_id, name, json, created) "
                              "VALUES (?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
        goto fail;
      if (ds != 0)
        sqlite3_bind_int64 (stmt, 1, ds);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_text (stmt, 2, recipe_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, easel_model_get_recipe_json (model), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, created, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, "the recipe", error))
        goto rollback;
      recipe = sqlite3_last_insert_rowid (self->db);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO models (name, version, dataset_id, algorithm, problem, target, "
                          "status, blob, created, recipe_id) VALUES (?, ?, ?, ?, ?, ?, 'Draft', ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) version);
  if (ds != 0)
    sqlite3_bind_int64 (stmt, 3, ds);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, easel_model_get_algorithm (model)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, easel_problem_to_string (easel_design_get_problem (design)), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, easel_design_get_target (design), -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 7, data, size, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, created, -1, SQLITE_TRANSIENT);
  if (recipe != 0)
    sqlite3_bind_int64 (stmt, 9, recipe);
  else
    sqlite3_bind_null (stmt, 9);
  if (!step_done (self, stmt, "the model", error))
    goto rollback;
  id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (self->db, "INSERT INTO model_status (model_id, status, who, at) VALUES (?, 'Draft', ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, who ? who : g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, "the model's status", error))
    goto rollback;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (evaluation_json != NULL)
    {
      if (sqlite3_prepare_v2 (self->db, "INSERT INTO evaluations (model_id, json, created) VALUES (?, ?, ?)",
                              -1, &stmt, NULL) != SQLITE_OK)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, evaluation_json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, created, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, "the evaluation", error))
        goto rollback;
    }
  if (!exec (self, "COMMIT", error))
    goto rollback;
  return version;

fail:
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot store model “%s”: %s.", name, sqlite3_errmsg (self->db));
rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return 0;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* A row of "SELECT m.id, m.name, m.version, m.algorithm, m.problem, m.target, d.name,
 * m.status, m.created". */
static EaselModelInfo *
model_info_from_row (sqlite3_stmt *stmt)
{
  EaselModelInfo *info = g_new0 (EaselModelInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = column_strdup (stmt, 1);
  info->version = (guint) MAX (0, sqlite3_column_int (stmt, 2));
  info->algorithm = column_strdup (stmt, 3);
  info->problem = column_strdup (stmt, 4);
  info->target = column_strdup (stmt, 5);
  info->dataset = column_strdup (stmt, 6);
  info->status = column_strdup (stmt, 7);
  info->created = column_strdup (stmt, 8);
  return info;
}

GPtrArray *
easel_project_list_models (EaselProject  *self,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT m.id, m.name, m.version, m.algorithm, m.problem, m.target, d.name, "
                          "m.status, m.created FROM models m LEFT JOIN datasets d ON d.id = m.dataset_id "
                          "ORDER BY m.name, m.version", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot list the models: %s.", sqlite3_errmsg (self->db));
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_model_info_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, model_info_from_row (stmt));
  return list;
}

EaselModel *
easel_project_load_model (EaselProject  *self,
                          const char    *name,
                          guint          version,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  guint wanted = version;
  gint64 id = model_id (self, name, &version);
  EaselModel *model;

  if (id == 0)
    {
      if (wanted == 0)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND, "The project has no model named “%s”.", name);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND, "The project has no version %u of model “%s”.",
                     wanted, name);
      return NULL;
    }
  if (sqlite3_prepare_v2 (self->db, "SELECT blob FROM models WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read model “%s”: %s.", name,
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read model “%s”.", name);
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  model = easel_model_from_bytes (bytes, &local);
  if (model == NULL)
    {
      g_set_error (error, EASEL_ERROR,
                   local->code == EASEL_ERROR_VERSION ? EASEL_ERROR_VERSION : EASEL_ERROR_CORRUPT,
                   "Model “%s@%u” cannot be used: %s", name, version, local->message);
      return NULL;
    }
  return model;
}

gboolean
easel_project_set_model_status (EaselProject      *self,
                                const char        *name,
                                guint              version,
                                EaselModelStatus   status,
                                const char        *who,
                                GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at = now_iso8601 ();
  guint wanted = version;
  gint64 id;

  if (!check_writable (self, error))
    return FALSE;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  id = model_id (self, name, &version);
  if (id == 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND, "The project has no version %u of model “%s”.",
                   wanted, name);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (self->db, "UPDATE models SET status = ? WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, easel_model_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (self, stmt, "the status", error))
    goto rollback;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (sqlite3_prepare_v2 (self->db, "INSERT INTO model_status (model_id, status, who, at) VALUES (?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, easel_model_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, who ? who : g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, "the status history", error))
    goto rollback;
  return exec (self, "COMMIT", error);

fail:
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot change the status of “%s”: %s.", name,
               sqlite3_errmsg (self->db));
rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}


/* The id of a model version, or 0 with EASEL_ERROR_NOT_FOUND. */
static gint64
find_model (EaselProject  *self,
            const char    *name,
            guint         *version,
            GError       **error)
{
  guint wanted = *version;
  gint64 id = model_id (self, name, version);

  if (id == 0)
    {
      if (wanted == 0)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                     "The project has no model named “%s”.", name);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                     "The project has no version %u of model “%s”.", wanted, name);
    }
  return id;
}

EaselModelInfo *
easel_project_get_model_info (EaselProject  *self,
                              const char    *name,
                              guint          version,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = find_model (self, name, &version, error);

  if (id == 0)
    return NULL;
  if (sqlite3_prepare_v2 (
          self->db,
          "SELECT m.id, m.name, m.version, m.algorithm, m.problem, m.target, d.name, "
          "m.status, m.created FROM models m LEFT JOIN datasets d ON d.id = m.dataset_id "
          "WHERE m.id = ?",
          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read model “%s”: %s.", name,
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read model “%s”.", name);
      return NULL;
    }
  return model_info_from_row (stmt);
}

char *
easel_project_load_evaluation (EaselProject  *self,
                               const char    *name,
                               guint          version,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = find_model (self, name, &version, error);

  if (id == 0)
    return NULL;
  if (sqlite3_prepare_v2 (
          self->db, "SELECT json FROM evaluations WHERE model_id = ? ORDER BY id DESC LIMIT 1", -1,
          &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "Cannot read the evaluation of “%s@%u”: %s.", name, version,
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_strdup (stmt, 0);
}

void
easel_card_revision_free (EaselCardRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->who);
  g_free (revision->created);
  g_free (revision);
}

guint
easel_project_save_card (EaselProject  *self,
                         const char    *name,
                         guint          version,
                         const char    *json,
                         const char    *who,
                         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *created = now_iso8601 ();
  guint revision = 0;
  gint64 id;

  if (!check_writable (self, error))
    return 0;
  if (json == NULL || *json == '\0')
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "A model card cannot be empty.");
      return 0;
    }
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return 0;
  id = find_model (self, name, &version, error);
  if (id == 0)
    goto rollback;
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT coalesce (max (revision), 0) FROM cards WHERE model_id = ?", -1,
                          &stmt, NULL)
      != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    goto fail;
  revision = (guint) MAX (0, sqlite3_column_int (stmt, 0)) + 1;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (sqlite3_prepare_v2 (self->db, "INSERT INTO cards (model_id, revision, json, created, who) "
                          "VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) revision);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, who ? who : g_get_user_name (), -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, "the model card", error))
    goto rollback;
  if (!exec (self, "COMMIT", error))
    goto rollback;
  return revision;

fail:
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot store the card of “%s”: %s.", name,
               sqlite3_errmsg (self->db));
rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return 0;
}

char *
easel_project_load_card (EaselProject  *self,
                         const char    *name,
                         guint          version,
                         guint          revision,
                         guint         *out_revision,
                         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = find_model (self, name, &version, error);

  if (out_revision != NULL)
    *out_revision = 0;
  if (id == 0)
    return NULL;
  if (sqlite3_prepare_v2 (
          self->db,
          revision == 0 ? "SELECT revision, json FROM cards WHERE model_id = ?1 ORDER BY revision "
                          "DESC LIMIT 1"
                        : "SELECT revision, json FROM cards WHERE model_id = ?1 AND revision = ?2",
          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read the card of “%s@%u”: %s.",
                   name, version, sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (revision != 0)
    sqlite3_bind_int (stmt, 2, (int) MIN (revision, (guint) G_MAXINT));
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 1) != SQLITE_TEXT)
    {
      if (revision != 0)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                     "The card of “%s@%u” has no revision %u.", name, version, revision);
      return NULL;
    }
  if (out_revision != NULL)
    *out_revision = (guint) MAX (0, sqlite3_column_int (stmt, 0));
  return column_strdup (stmt, 1);
}

GPtrArray *
easel_project_list_card_revisions (EaselProject  *self,
                                   const char    *name,
                                   guint          version,
                                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list;
  gint64 id = find_model (self, name, &version, error);

  if (id == 0)
    return NULL;
  /* Format 1 kept no author. */
  if (sqlite3_prepare_v2 (
          self->db,
          self->schema >= 2
              ? "SELECT revision, who, created FROM cards WHERE model_id = ? ORDER BY revision"
              : "SELECT revision, '', created FROM cards WHERE model_id = ? ORDER BY revision",
          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "Cannot list the card revisions of “%s@%u”: %s.", name, version,
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_card_revision_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      EaselCardRevision *r = g_new0 (EaselCardRevision, 1);
      r->revision = (guint) MAX (0, sqlite3_column_int (stmt, 0));
      r->who = column_strdup (stmt, 1);
      r->created = column_strdup (stmt, 2);
      g_ptr_array_add (list, r);
    }
  return list;
}

void
easel_prediction_run_free (EaselPredictionRun *run)
{
  if (run == NULL)
    return;
  g_free (run->model);
  g_free (run->input);
  g_free (run->output);
  g_free (run->who);
  g_free (run->created);
  g_free (run);
}

gint64
easel_project_add_prediction_run (EaselProject  *self,
                                  const char    *name,
                                  guint          version,
                                  const char    *input,
                                  const char    *output,
                                  gsize          n_rows,
                                  double         seconds,
                                  const char    *who,
                                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *created = now_iso8601 ();
  gint64 id;

  if (!check_writable (self, error))
    return 0;
  id = find_model (self, name, &version, error);
  if (id == 0)
    return 0;
  if (sqlite3_prepare_v2 (
          self->db,
          "INSERT INTO predictions (model_id, input, output, n_rows, created, who, seconds) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot record the prediction run: %s.",
                   sqlite3_errmsg (self->db));
      return 0;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, input, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, output, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) n_rows);
  sqlite3_bind_text (stmt, 5, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, who ? who : g_get_user_name (), -1, SQLITE_TRANSIENT);
  if (isfinite (seconds))
    sqlite3_bind_double (stmt, 7, seconds);
  else
    sqlite3_bind_null (stmt, 7);
  /* One statement: its own transaction. */
  if (!step_done (self, stmt, "the prediction run", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

GPtrArray *
easel_project_list_prediction_runs (EaselProject  *self,
                                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list;

  if (sqlite3_prepare_v2 (
          self->db,
          self->schema >= 2
              ? "SELECT p.id, m.name, m.version, p.input, p.output, p.n_rows, p.seconds, p.who, "
                "p.created FROM predictions p JOIN models m ON m.id = p.model_id ORDER BY p.id"
              : "SELECT p.id, m.name, m.version, p.input, p.output, p.n_rows, NULL, '', "
                "p.created FROM predictions p JOIN models m ON m.id = p.model_id ORDER BY p.id",
          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot list the prediction runs: %s.",
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_prediction_run_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      EaselPredictionRun *r = g_new0 (EaselPredictionRun, 1);
      r->id = sqlite3_column_int64 (stmt, 0);
      r->model = column_strdup (stmt, 1);
      r->version = (guint) MAX (0, sqlite3_column_int (stmt, 2));
      r->input = column_strdup (stmt, 3);
      r->output = column_strdup (stmt, 4);
      r->n_rows = (gsize) MAX (0, sqlite3_column_int64 (stmt, 5));
      r->seconds
          = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 6);
      r->who = column_strdup (stmt, 7);
      r->created = column_strdup (stmt, 8);
      g_ptr_array_add (list, r);
    }
  return list;
}

static gboolean
count_rows (EaselProject  *self,
            const char    *sql,
            guint         *out,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                   "Cannot count what the project holds: %s.", sqlite3_errmsg (self->db));
      return FALSE;
    }
  *out = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
  return TRUE;
}

gboolean
easel_project_get_counts (EaselProject        *self,
                          EaselProjectCounts  *counts,
                          GError             **error)
{
  memset (counts, 0, sizeof *counts);
  return count_rows (self, "SELECT count (*) FROM datasets", &counts->n_datasets, error)
         && count_rows (self, "SELECT count (*) FROM models", &counts->n_models, error)
         && count_rows (self, "SELECT count (DISTINCT model_id) FROM cards", &counts->n_cards,
                        error)
         && count_rows (self, "SELECT count (*) FROM cards", &counts->n_card_revisions, error)
         && count_rows (self, "SELECT count (*) FROM predictions", &counts->n_prediction_runs,
                        error);
}

/* ------------------------------------------------------------------------------------------ */
/* Tables as blobs                                                                             */

/* Layout: magic, format, rows, columns, then one section per column (name, type, values),
 * then a 64-bit checksum of everything before it. Missing values: NaN (numbers, datetimes),
 * code −1 (categories), 2 (booleans, stored as i32), absent strings (text). */
GBytes *
easel_table_to_bytes (EaselTable *table)
{
  EaselBlobWriter w = { g_byte_array_new () };
  gsize n = easel_table_get_n_rows (table);
  guint p = easel_table_get_n_columns (table);
  guint64 checksum;

  g_byte_array_append (w.bytes, (const guint8 *) TABLE_MAGIC, 8);
  easel_blob_put_u32 (&w, TABLE_FORMAT);
  easel_blob_put_u64 (&w, n);
  easel_blob_put_u32 (&w, p);
  for (guint c = 0; c < p; c++)
    {
      const EaselColumn *col = easel_table_get_column (table, c);
      gsize mark = easel_blob_begin_section (&w);

      easel_blob_put_string (&w, col->name);
      easel_blob_put_u8 (&w, (guint8) col->type);
      easel_blob_put_u8 (&w, (guint8) col->has_time);
      switch (col->type)
        {
        case EASEL_COLUMN_NUMERIC:
        case EASEL_COLUMN_DATETIME:
          easel_blob_put_f64_array (&w, col->num, n);
          break;
        case EASEL_COLUMN_CATEGORICAL:
          easel_blob_put_u32 (&w, col->n_categories);
          for (guint32 k = 0; k < col->n_categories; k++)
            easel_blob_put_string (&w, col->categories[k]);
          easel_blob_put_i32_array (&w, col->codes, n);
          break;
        case EASEL_COLUMN_BOOLEAN:
          {
            g_autofree gint32 *v = g_new (gint32, MAX (n, 1));
            for (gsize i = 0; i < n; i++)
              v[i] = easel_column_is_missing (col, i) ? 2 : col->bools[i];
            easel_blob_put_i32_array (&w, v, n);
          }
          break;
        case EASEL_COLUMN_TEXT:
        case EASEL_N_COLUMN_TYPES:
        default:
          for (gsize i = 0; i < n; i++)
            easel_blob_put_string (&w, easel_column_get_string (col, i));
          break;
        }
      easel_blob_end_section (&w, mark);
    }
  checksum = easel_hash_bytes ((const char *) w.bytes->data, w.bytes->len);
  easel_blob_put_u64 (&w, checksum);
  return g_byte_array_free_to_bytes (w.bytes);
}

static EaselColumn *
read_column (EaselBlobReader *r,
             gsize            n)
{
  g_autofree char *name = NULL;
  guint8 type = 0, has_time = 0;

  if (!easel_blob_get_string (r, &name) || !easel_blob_get_u8 (r, &type) || !easel_blob_get_u8 (r, &has_time))
    return NULL;
  if (name == NULL || type >= EASEL_N_COLUMN_TYPES)
    {
      easel_blob_fail (r, "a column with no name or an unknown type");
      return NULL;
    }
  switch ((EaselColumnType) type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      {
        double *v = NULL;
        if (!easel_blob_get_f64_array (r, n, &v))
          return NULL;
        if (v == NULL)
          v = g_new0 (double, 1);
        if (type == EASEL_COLUMN_DATETIME)
          return easel_column_new_datetime (name, n, v, NULL, has_time != 0);
        return easel_column_new_numeric (name, n, v, NULL);
      }
    case EASEL_COLUMN_CATEGORICAL:
      {
        guint32 k;
        char **categories;
        gint32 *codes = NULL;

        /* Each category takes at least a length prefix: 'remaining' bounds their count. */
        if (!easel_blob_get_u32_range (r, 0, (guint32) MIN ((gsize) G_MAXINT32, (r->len - r->pos) / 4 + 1),
                                       "the number of categories", &k))
          return NULL;
        categories = g_new0 (char *, (gsize) k + 1);
        for (guint32 i = 0; i < k; i++)
          if (!easel_blob_get_string (r, &categories[i]) || categories[i] == NULL)
            {
              easel_blob_fail (r, "a category that cannot be read");
              g_strfreev (categories);
              return NULL;
            }
        if (!easel_blob_get_i32_array (r, n, &codes))
          {
            g_strfreev (categories);
            return NULL;
          }
        if (codes == NULL)
          codes = g_new0 (gint32, 1);
        /* Codes out of range become missing in the constructor: never an index past the end. */
        return easel_column_new_categorical (name, n, codes, categories, k);
      }
    case EASEL_COLUMN_BOOLEAN:
      {
        g_autofree gint32 *v = NULL;
        guint8 *b = g_malloc0 (MAX (n, 1)), *missing = g_malloc0 (MAX (n, 1));
        if (!easel_blob_get_i32_array (r, n, &v))
          {
            g_free (b);
            g_free (missing);
            return NULL;
          }
        for (gsize i = 0; i < n; i++)
          {
            missing[i] = v[i] != 0 && v[i] != 1;
            b[i] = v[i] == 1;
          }
        return easel_column_new_boolean (name, n, b, missing);
      }
    case EASEL_COLUMN_TEXT:
    case EASEL_N_COLUMN_TYPES:
    default:
      {
        g_autoptr(GPtrArray) values = g_ptr_array_new_full (MIN (n, (gsize) 1 << 20), g_free);
        for (gsize i = 0; i < n; i++)
          {
            char *s = NULL;
            if (!easel_blob_get_string (r, &s))
              return NULL;
            g_ptr_array_add (values, s);
          }
        return easel_column_new_from_strings (name, EASEL_COLUMN_TEXT,
                                              (const char *const *) values->pdata, n);
      }
    }
}

EaselTable *
easel_table_from_bytes (GBytes  *bytes,
                        GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  EaselBlobReader r;
  g_autoptr(EaselTable) table = NULL;
  guint32 format = 0, p = 0;
  guint64 n = 0, stored = 0;

  if (len < 8 + 8 || memcmp (data, TABLE_MAGIC, 8) != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "The stored table is not in Easel's format.");
      return NULL;
    }
  /* The checksum covers everything before it. */
  memcpy (&stored, data + len - 8, 8);
  stored = GUINT64_FROM_LE (stored);
  if (stored != easel_hash_bytes ((const char *) data, len - 8))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "The stored table fails its checksum.");
      return NULL;
    }

  easel_blob_reader_init (&r, data + 8, len - 16);
  easel_blob_get_u32 (&r, &format);
  if (!r.failed && format != TABLE_FORMAT)
    {
      g_set_error (error, EASEL_ERROR, format > TABLE_FORMAT ? EASEL_ERROR_VERSION : EASEL_ERROR_CORRUPT,
                   "The stored table has format %u; this Easel reads format %u.", format, TABLE_FORMAT);
      easel_blob_reader_finish (&r, "the stored table", NULL);
      return NULL;
    }
  easel_blob_get_u64 (&r, &n);
  easel_blob_get_u32 (&r, &p);
  /* Every column of n rows needs at least n bytes: bounds both counts before any allocation. */
  if (!r.failed && (n > len || (n > 0 && p > len / MAX (n, 1)) || p > len))
    easel_blob_fail (&r, "a size larger than the data (%" G_GUINT64_FORMAT " rows, %u columns)", n, p);

  table = easel_table_new ();
  for (guint32 c = 0; c < p && !r.failed; c++)
    {
      EaselBlobReader section;
      EaselColumn *column;

      if (!easel_blob_get_section (&r, &section))
        break;
      column = read_column (&section, (gsize) n);
      easel_blob_join_section (&r, &section);
      if (column == NULL)
        break;
      easel_table_add_column (table, column);
    }
  if (!easel_blob_reader_finish (&r, "the stored table", error))
    return NULL;
  if (easel_table_get_n_columns (table) != p)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "The stored table is missing columns.");
      return NULL;
    }
  return g_steal_pointer (&table);
}
