/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "easel-error.h"
#include "easel-infer.h"
#include "easel-sqlite-import.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static sqlite3 *
open_read_only (const char  *path,
                GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot open %s: the file does not exist.",
                   display);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      /* The file may come from anyone: no triggers or views with side effects, no
       * extensions, no writes through a crafted schema. */
      sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
      /* Touch the schema now, so that a file that is not a database fails here. */
      rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT
                                         ? EASEL_ERROR_CORRUPT : EASEL_ERROR_IO,
                   "Cannot read %s as a SQLite database: %s.", display,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

char **
easel_sqlite_list_tables (const char  *path,
                          GError     **error)
{
  g_autoptr(sqlite3) db = open_read_only (path, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (db == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db,
                          "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot list the tables of %s: %s.",
                   path, sqlite3_errmsg (db));
      return NULL;
    }
  names = g_ptr_array_new ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  char      *name;
  gboolean   only_numbers;   /* every value so far is INTEGER, REAL or NULL */
  GArray    *num;            /* double */
  GPtrArray *str;            /* char* or NULL, kept until the column turns out numeric */
} Accumulator;

EaselTable *
easel_sqlite_read_table (const char     *path,
                         const char     *table_name,
                         EaselProgress  *progress,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count_stmt = NULL;
  g_auto(GStrv) tables = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(EaselTable) table = NULL;
  Accumulator *acc;
  int n_cols, rc;
  gsize n_rows = 0, expected = 0;

  tables = easel_sqlite_list_tables (path, error);
  if (tables == NULL)
    return NULL;
  if (!g_strv_contains ((const char *const *) tables, table_name))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND, "%s has no table named “%s”.", display,
                   table_name);
      return NULL;
    }
  db = open_read_only (path, error);
  if (db == NULL)
    return NULL;

  quoted = sqlite3_mprintf ("\"%w\"", table_name);
  sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
  if (sqlite3_prepare_v2 (db, sql, -1, &count_stmt, NULL) == SQLITE_OK &&
      sqlite3_step (count_stmt) == SQLITE_ROW)
    expected = (gsize) sqlite3_column_int64 (count_stmt, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT * FROM %s", quoted);
  sqlite3_free (g_steal_pointer (&quoted));
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read table “%s” of %s: %s.",
                   table_name, display, sqlite3_errmsg (db));
      return NULL;
    }

  n_cols = sqlite3_column_count (stmt);
  acc = g_new0 (Accumulator, MAX (n_cols, 1));
  for (int c = 0; c < n_cols; c++)
    {
      acc[c].name = g_strdup (sqlite3_column_name (stmt, c));
      acc[c].only_numbers = TRUE;
      acc[c].num = g_array_new (FALSE, FALSE, sizeof (double));
      acc[c].str = g_ptr_array_new_with_free_func (g_free);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n_cols; c++)
        {
          int type = sqlite3_column_type (stmt, c);
          double v = NAN;
          char *s = NULL;

          if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
            {
              char buf[32];
              v = sqlite3_column_double (stmt, c);
              easel_format_double (v, buf);
              s = g_strdup (buf);
            }
          else if (type != SQLITE_NULL)
            {
              s = g_strdup ((const char *) sqlite3_column_text (stmt, c));
              if (!g_utf8_validate (s, -1, NULL))
                {
                  char *valid = g_utf8_make_valid (s, -1);
                  g_free (s);
                  s = valid;
                }
              acc[c].only_numbers = FALSE;
            }
          g_array_append_val (acc[c].num, v);
          g_ptr_array_add (acc[c].str, s);
        }
      n_rows++;
      if ((n_rows & 0x3fff) == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          easel_progress_report (progress, expected ? 0.9 * n_rows / expected : 0.5,
                                 _("Reading the table"));
        }
    }

  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "Cannot read table “%s” of %s: %s.",
                     table_name, display, sqlite3_errmsg (db));
      else
        {
          table = easel_table_new ();
          easel_table_set_source (table, table_name);
          for (int c = 0; c < n_cols; c++)
            {
              EaselColumn *column;
              if (acc[c].only_numbers)
                column = easel_column_new_numeric (acc[c].name, n_rows,
                                                   (double *) (void *) g_array_free (acc[c].num, FALSE),
                                                   NULL);
              else
                {
                  column = easel_column_infer_from_strings (acc[c].name,
                                                            (const char *const *) acc[c].str->pdata,
                                                            n_rows);
                  g_array_free (acc[c].num, TRUE);
                }
              acc[c].num = NULL;
              easel_table_add_column (table, column);
            }
        }
    }

  for (int c = 0; c < n_cols; c++)
    {
      g_free (acc[c].name);
      if (acc[c].num)
        g_array_free (acc[c].num, TRUE);
      g_ptr_array_unref (acc[c].str);
    }
  g_free (acc);
  easel_progress_report (progress, 1.0, _("Done"));
  return g_steal_pointer (&table);
}
