/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "easel-core.h"
#include "easel-dict.h"
#include "easel-test-util.h"

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-project-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static EaselTable *
sample_table (void)
{
  static const char csv[] =
    "name,kind,size,ok,when,note\n"
    "a,x,1.5,true,2012-01-01,\"first, with a comma\"\n"
    "b,y,,false,2012-01-02T08:30:00,\n"
    "c,x,-0.25,,2013-05-06,\"line\nbreak\"\n"
    "d,,1e300,yes,,\"quote \"\" inside\"\n"
    "e,y,7,no,2020-02-29,NA text\n";
  EaselCsvOptions options;
  const char *names[] = { "name", "note", NULL };
  EaselColumnType types[] = { EASEL_COLUMN_TEXT, EASEL_COLUMN_TEXT };
  g_autoptr(GError) error = NULL;
  EaselTable *table;

  easel_csv_options_init (&options);
  options.type_names = (char **) names;
  options.types = types;
  table = easel_csv_read_data ("sample.csv", csv, sizeof csv - 1, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return table;
}

static void
assert_tables_equal (EaselTable *a,
                     EaselTable *b)
{
  g_assert_cmpuint (easel_table_get_n_columns (a), ==, easel_table_get_n_columns (b));
  g_assert_cmpuint (easel_table_get_n_rows (a), ==, easel_table_get_n_rows (b));
  for (guint c = 0; c < easel_table_get_n_columns (a); c++)
    {
      const EaselColumn *x = easel_table_get_column (a, c), *y = easel_table_get_column (b, c);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpint (x->has_time, ==, y->has_time);
      for (gsize i = 0; i < x->n_rows; i++)
        {
          g_autofree char *u = easel_column_dup_value (x, i);
          g_autofree char *v = easel_column_dup_value (y, i);
          g_assert_cmpstr (u, ==, v);
          g_assert_cmpint (easel_column_is_missing (x, i), ==, easel_column_is_missing (y, i));
        }
    }
}

static void
test_round_trip (void)
{
  g_autofree char *path = temp_path ("work.easel");
  g_autoptr(EaselTable) table = sample_table ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(EaselProject) project = easel_project_create (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (easel_project_add_dataset (project, "sample", table, "sample.csv", NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  {
    g_autoptr(EaselProject) project = easel_project_open (path, 0, &error);
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(EaselTable) again = NULL;
    EaselDatasetInfo *info;

    g_assert_no_error (error);
    list = easel_project_list_datasets (project, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    info = list->pdata[0];
    g_assert_cmpstr (info->name, ==, "sample");
    g_assert_cmpstr (info->source, ==, "sample.csv");
    g_assert_cmpuint (info->n_rows, ==, 5);
    g_assert_cmpuint (info->n_columns, ==, 6);
    again = easel_project_load_dataset (project, "sample", &error);
    g_assert_no_error (error);
    assert_tables_equal (table, again);
    /* doubles are stored bit for bit */
    g_assert_cmpfloat (easel_table_get_column (again, 2)->num[3], ==, 1e300);
  }
}

static void
test_create_errors (void)
{
  g_autofree char *path = temp_path ("exists.easel");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = NULL;

  g_file_set_contents (path, "x", 1, NULL);
  project = easel_project_create (path, &error);
  g_assert_null (project);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_IO);
  easel_assert_contains (error->message, "exists.easel");
}

static void
expect_open_error (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = easel_project_open (path, 0, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (project);
  g_assert_error (error, EASEL_ERROR, code);
  easel_assert_contains (error->message, base);
}

static void
test_not_a_project (void)
{
  g_autofree char *csv = temp_path ("table.easel");
  g_autofree char *db = temp_path ("other.easel");
  g_autofree char *missing = temp_path ("missing.easel");
  sqlite3 *handle = NULL;

  g_file_set_contents (csv, "a,b\n1,2\n", -1, NULL);
  expect_open_error (csv, EASEL_ERROR_NOT_PROJECT);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  expect_open_error (db, EASEL_ERROR_NOT_PROJECT);

  expect_open_error (missing, EASEL_ERROR_IO);
}

static void
test_newer_version (void)
{
  g_autofree char *path = temp_path ("future.easel");
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = NULL;

  easel_project_unref (easel_project_create (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  expect_open_error (path, EASEL_ERROR_VERSION);
  {
    g_autoptr(EaselProject) p = easel_project_open (path, 0, &error);
    easel_assert_contains (error->message, "newer Easel");
  }
}

static void
test_truncated (void)
{
  g_autofree char *path = temp_path ("cut.easel");
  g_autoptr(EaselTable) table = sample_table ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  {
    g_autoptr(EaselProject) project = easel_project_create (path, &error);
    /* enough data for several pages */
    for (int i = 0; i < 40; i++)
      {
        g_autofree char *name = g_strdup_printf ("copy %d", i);
        easel_project_add_dataset (project, name, table, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
      }
  }
  /* closing checkpointed the WAL into the file; cut the file in the middle */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (path, contents, (gssize) (len / 2), NULL));
  {
    g_autoptr(EaselProject) project = easel_project_open (path, 0, &error);
    g_assert_null (project);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
    easel_assert_contains (error->message, "cut.easel");
  }
}

static void
test_locked (void)
{
  g_autofree char *path = temp_path ("shared.easel");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) first = easel_project_create (path, &error);
  g_autoptr(EaselTable) table = sample_table ();

  g_assert_no_error (error);
  expect_open_error (path, EASEL_ERROR_LOCKED);
  {
    g_autoptr(EaselProject) reader = easel_project_open (path, EASEL_PROJECT_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_true (easel_project_is_read_only (reader));
    g_assert_cmpint (easel_project_add_dataset (reader, "x", table, NULL, NULL, NULL, &error), ==, 0);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_LOCKED);
    g_clear_error (&error);
  }
  g_clear_pointer (&first, easel_project_unref);
  {
    g_autoptr(EaselProject) again = easel_project_open (path, 0, &error);
    g_assert_no_error (error);
    g_assert_nonnull (again);
  }
}

static void
test_duplicate_name (void)
{
  g_autofree char *path = temp_path ("dup.easel");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = easel_project_create (path, &error);
  g_autoptr(EaselTable) table = sample_table ();

  g_assert_cmpint (easel_project_add_dataset (project, "data", table, NULL, NULL, NULL, &error), >, 0);
  g_assert_cmpint (easel_project_add_dataset (project, "data", table, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "“data”");
  g_clear_error (&error);
  g_assert_null (easel_project_load_dataset (project, "nope", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
}

/* A damaged blob inside a healthy database: the checksum catches it. */
static void
test_damaged_dataset (void)
{
  g_autofree char *path = temp_path ("flip.easel");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) table = sample_table ();
  sqlite3 *handle = NULL;

  {
    g_autoptr(EaselProject) project = easel_project_create (path, &error);
    easel_project_add_dataset (project, "data", table, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "UPDATE datasets SET data = substr (data, 1, 40) || x'ff' || substr (data, 42)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  {
    g_autoptr(EaselProject) project = easel_project_open (path, 0, &error);
    g_autoptr(EaselTable) bad = NULL;
    g_assert_no_error (error);
    bad = easel_project_load_dataset (project, "data", &error);
    g_assert_null (bad);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
    easel_assert_contains (error->message, "“data”");
  }
}

/* Every truncation and many byte changes of a table blob, with the checksum fixed up so the
 * reader itself must cope: an error or a table, never a crash. */
static void
test_blob_robust (void)
{
  g_autoptr(EaselTable) table = sample_table ();
  g_autoptr(GBytes) bytes = easel_table_to_bytes (table);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EaselTable) again = easel_table_from_bytes (bytes, &error);
    g_assert_no_error (error);
    assert_tables_equal (table, again);
  }
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselTable) t = easel_table_from_bytes (part, &error);
      g_assert_null (t);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
    }
  for (int k = 0; k < 3000; k++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, len);
      g_autoptr(GBytes) changed = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselTable) t = NULL;
      guint64 sum;
      gsize at = 8 + (gsize) g_rand_int_range (rand, 0, (gint32) (len - 16));

      copy[at] = (guint8) g_rand_int_range (rand, 0, 256);
      sum = GUINT64_TO_LE (easel_hash_bytes ((const char *) copy, len - 8));
      memcpy (copy + len - 8, &sum, 8);
      changed = g_bytes_new (copy, len);
      t = easel_table_from_bytes (changed, &error);
      g_assert_true ((t == NULL) != (error == NULL));
      if (t != NULL)
        g_assert_cmpuint (easel_table_get_n_columns (t), ==, 6);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/project/round-trip", test_round_trip);
  easel_test_add ("/project/create-errors", test_create_errors);
  easel_test_add ("/project/not-a-project", test_not_a_project);
  easel_test_add ("/project/newer-version", test_newer_version);
  easel_test_add ("/project/truncated", test_truncated);
  easel_test_add ("/project/locked", test_locked);
  easel_test_add ("/project/duplicate-name", test_duplicate_name);
  easel_test_add ("/project/damaged-dataset", test_damaged_dataset);
  easel_test_add ("/project/blob-robust", test_blob_robust);
  return g_test_run ();
}
