/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Importing tables from SQLite files. The databases are made here with the sqlite3 API. */

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "easel-test-util.h"

#define N_PEOPLE 60

static const char *const cities[] = { "Paris", "Lyon", "Nice" };

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, message);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  f->dir = g_dir_make_tmp ("easel-test-sqlite-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE people (id INTEGER, score REAL, city TEXT, born TEXT, "
                "note TEXT, flag INTEGER)");
  exec_sql (db, "CREATE TABLE alpha (x INTEGER PRIMARY KEY AUTOINCREMENT, y TEXT)");
  exec_sql (db, "INSERT INTO alpha (y) VALUES ('one'), ('two')");
  exec_sql (db, "CREATE TABLE \"b table\" (v REAL)");
  exec_sql (db, "INSERT INTO \"b table\" VALUES (1.25), (NULL), (-3)");
  exec_sql (db, "CREATE TABLE \"we\"\"ird\" (v INTEGER)");
  exec_sql (db, "INSERT INTO \"we\"\"ird\" VALUES (7)");
  exec_sql (db, "CREATE TABLE empty (a INTEGER, b TEXT)");
  /* SQLite lets any column hold any value */
  exec_sql (db, "CREATE TABLE mixed (n INTEGER, u, ok TEXT, big INTEGER)");
  exec_sql (db, "INSERT INTO mixed VALUES (1, 2.5, 'yes', 9007199254740993), "
                "('abc', 3, 'no', -5), (3, NULL, 'YES', 0), (4, 7, NULL, 1)");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  exec_sql (db, "BEGIN");
  for (int i = 1; i <= N_PEOPLE; i++)
    {
      g_autofree char *born = g_strdup_printf ("2000-01-%02d", (i - 1) % 28 + 1);
      g_autofree char *note = g_strdup_printf ("note number %d", i);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, i);
      if (i % 10 == 3)
        sqlite3_bind_null (stmt, 2);
      else
        sqlite3_bind_double (stmt, 2, i * 0.5 + 0.1);
      if (i % 15 == 0)
        sqlite3_bind_null (stmt, 3);
      else
        sqlite3_bind_text (stmt, 3, cities[i % 3], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, born, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, note, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, i % 2);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  exec_sql (db, "COMMIT");
  sqlite3_finalize (stmt);
  exec_sql (db, "CREATE VIEW adults AS SELECT id, city FROM people WHERE id > 10");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
test_list_tables (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = easel_sqlite_list_tables (f->db, &error);
  static const char *const expected[] = {
    "adults", "alpha", "b table", "empty", "mixed", "people", "we\"ird",
  };

  g_assert_no_error (error);
  g_assert_nonnull (names);
  /* sorted; the view is listed; SQLite's own sqlite_sequence is not */
  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (names[i], ==, expected[i]);
}

static void
test_read_people (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) t = easel_sqlite_read_table (f->db, "people", NULL, NULL, &error);
  EaselColumn *id, *score, *city, *born, *note, *flag;

  g_assert_no_error (error);
  g_assert_nonnull (t);
  easel_test_check_table (t);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, N_PEOPLE);
  g_assert_cmpuint (easel_table_get_n_columns (t), ==, 6);
  g_assert_cmpstr (easel_table_get_column (t, 0)->name, ==, "id");
  g_assert_cmpstr (easel_table_get_column (t, 5)->name, ==, "flag");

  id = easel_test_column (t, "id");
  score = easel_test_column (t, "score");
  city = easel_test_column (t, "city");
  born = easel_test_column (t, "born");
  note = easel_test_column (t, "note");
  flag = easel_test_column (t, "flag");

  g_assert_cmpint (id->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpint (score->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpint (city->type, ==, EASEL_COLUMN_CATEGORICAL);
  g_assert_cmpint (born->type, ==, EASEL_COLUMN_DATETIME);
  g_assert_cmpint (note->type, ==, EASEL_COLUMN_TEXT);
  /* 0/1 integers stay numeric, as in CSV */
  g_assert_cmpint (flag->type, ==, EASEL_COLUMN_NUMERIC);

  for (int i = 1; i <= N_PEOPLE; i++)
    {
      gsize r = i - 1;
      g_autofree char *expected_note = g_strdup_printf ("note number %d", i);

      g_assert_cmpfloat (id->num[r], ==, i);
      if (i % 10 == 3)
        {
          g_assert_true (easel_column_is_missing (score, r));
          g_assert_true (isnan (score->num[r]));
        }
      else
        g_assert_cmpfloat (score->num[r], ==, i * 0.5 + 0.1);
      if (i % 15 == 0)
        g_assert_null (easel_column_get_string (city, r));
      else
        g_assert_cmpstr (easel_column_get_string (city, r), ==, cities[i % 3]);
      g_assert_cmpfloat (born->num[r], ==, 946684800.0 + 86400.0 * ((i - 1) % 28));
      g_assert_cmpstr (easel_column_get_string (note, r), ==, expected_note);
      g_assert_cmpfloat (flag->num[r], ==, i % 2);
    }
  g_assert_cmpuint (score->n_missing, ==, 6);
  g_assert_cmpuint (city->n_missing, ==, 4);
  g_assert_false (born->has_time);
  /* categories in first-seen order: rows 1, 2, 3 are Lyon, Nice, Paris */
  g_assert_cmpuint (city->n_categories, ==, 3);
  g_assert_cmpstr (city->categories[0], ==, "Lyon");
  g_assert_cmpstr (city->categories[1], ==, "Nice");
  g_assert_cmpstr (city->categories[2], ==, "Paris");
}

static void
test_read_view_and_odd_names (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) view = easel_sqlite_read_table (f->db, "adults", NULL, NULL, &error);
  g_autoptr (EaselTable) spaced = NULL;
  g_autoptr (EaselTable) quoted = NULL;
  g_autoptr (EaselTable) empty = NULL;

  g_assert_no_error (error);
  easel_test_check_table (view);
  g_assert_cmpuint (easel_table_get_n_rows (view), ==, N_PEOPLE - 10);
  g_assert_cmpuint (easel_table_get_n_columns (view), ==, 2);
  g_assert_cmpfloat (easel_test_column (view, "id")->num[0], ==, 11);

  spaced = easel_sqlite_read_table (f->db, "b table", NULL, NULL, &error);
  g_assert_no_error (error);
  easel_test_check_table (spaced);
  g_assert_cmpuint (easel_table_get_n_rows (spaced), ==, 3);
  g_assert_cmpfloat (easel_test_column (spaced, "v")->num[0], ==, 1.25);
  g_assert_true (easel_column_is_missing (easel_test_column (spaced, "v"), 1));
  g_assert_cmpfloat (easel_test_column (spaced, "v")->num[2], ==, -3);

  quoted = easel_sqlite_read_table (f->db, "we\"ird", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_table_get_n_rows (quoted), ==, 1);
  g_assert_cmpfloat (easel_test_column (quoted, "v")->num[0], ==, 7);

  empty = easel_sqlite_read_table (f->db, "empty", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_table_get_n_rows (empty), ==, 0);
  g_assert_cmpuint (easel_table_get_n_columns (empty), ==, 2);
}

static void
test_missing_table (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_autoptr (EaselTable) t = easel_sqlite_read_table (f->db, "no_such_table", NULL, NULL,
                                                      &error);
  g_autoptr (EaselTable) u = NULL;

  g_assert_null (t);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
  easel_assert_contains (error->message, "no_such_table");

  /* a name that would be SQL if pasted into a query is just a missing table */
  u = easel_sqlite_read_table (f->db, "people; DROP TABLE people", NULL, NULL, &error2);
  g_assert_null (u);
  g_assert_error (error2, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.db", NULL);
  g_autoptr (GString) junk = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (EaselTable) t = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (junk, "this is not a database at all\n");
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, NULL));

  names = easel_sqlite_list_tables (path, &error);
  g_assert_null (names);
  g_assert_nonnull (error);
  g_assert_true (error->domain == EASEL_ERROR);
  easel_assert_contains (error->message, "notes.db");

  t = easel_sqlite_read_table (path, "people", NULL, NULL, &error2);
  g_assert_null (t);
  g_assert_nonnull (error2);
  g_assert_true (error2->domain == EASEL_ERROR);
  easel_assert_contains (error2->message, "notes.db");
}

static void
test_nonexistent_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "absent.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_auto (GStrv) names = easel_sqlite_list_tables (path, &error);
  g_autoptr (EaselTable) t = NULL;

  g_assert_null (names);
  g_assert_nonnull (error);
  easel_assert_contains (error->message, "absent.db");

  t = easel_sqlite_read_table (path, "people", NULL, NULL, &error2);
  g_assert_null (t);
  g_assert_nonnull (error2);
  easel_assert_contains (error2->message, "absent.db");

  /* opened read-only: nothing was created */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) t = NULL;

  g_cancellable_cancel (cancellable);
  t = easel_sqlite_read_table (f->db, "people", NULL, cancellable, &error);
  g_assert_null (t);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_read_mixed (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselTable) t = easel_sqlite_read_table (f->db, "mixed", NULL, NULL, &error);
  EaselColumn *n, *u, *ok, *big;

  g_assert_no_error (error);
  easel_test_check_table (t);
  g_assert_cmpuint (easel_table_get_n_rows (t), ==, 4);
  n = easel_test_column (t, "n");
  u = easel_test_column (t, "u");
  ok = easel_test_column (t, "ok");
  big = easel_test_column (t, "big");

  /* a word in an INTEGER column is not silently dropped (pandas keeps the values as objects) */
  g_assert_cmpint (n->type, !=, EASEL_COLUMN_NUMERIC);
  g_assert_cmpuint (n->n_missing, ==, 0);
  easel_assert_cell (n, 1, "abc");
  easel_assert_cell (n, 0, "1");
  easel_assert_cell (n, 3, "4");

  /* no declared type, numbers: numeric */
  g_assert_cmpint (u->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpfloat (u->num[0], ==, 2.5);
  g_assert_cmpfloat (u->num[1], ==, 3);
  g_assert_true (easel_column_is_missing (u, 2));

  /* yes/no text: boolean, as in CSV */
  g_assert_cmpint (ok->type, ==, EASEL_COLUMN_BOOLEAN);
  g_assert_cmpuint (ok->bools[0], ==, 1);
  g_assert_cmpuint (ok->bools[1], ==, 0);
  g_assert_cmpuint (ok->bools[2], ==, 1);
  g_assert_true (easel_column_is_missing (ok, 3));

  /* a 64-bit integer becomes the nearest double */
  g_assert_cmpint (big->type, ==, EASEL_COLUMN_NUMERIC);
  g_assert_cmpfloat (big->num[0], ==, 9007199254740992.0);
  g_assert_cmpfloat (big->num[1], ==, -5);
}

typedef void (*FixtureFunc) (Fixture *f, gconstpointer data);

static void
run_with_fixture (gconstpointer data)
{
  Fixture f;

  EASEL_TEST_RUN_CHILD_OR_RETURN ();
  fixture_setup (&f, NULL);
  ((FixtureFunc) data) (&f, NULL);
  fixture_teardown (&f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add_data_func (path, (gconstpointer) func, run_with_fixture)
  ADD ("/sqlite/list-tables", test_list_tables);
  ADD ("/sqlite/read-people", test_read_people);
  ADD ("/sqlite/read-view-and-odd-names", test_read_view_and_odd_names);
  ADD ("/sqlite/read-mixed", test_read_mixed);
  ADD ("/sqlite/missing-table", test_missing_table);
  ADD ("/sqlite/not-a-database", test_not_a_database);
  ADD ("/sqlite/nonexistent-file", test_nonexistent_file);
  ADD ("/sqlite/cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
