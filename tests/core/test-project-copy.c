/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include <glib/gstdio.h>
#include <string.h>

#include "easel-core.h"
#include "easel-project-copy.h"

static char *
temp_dir (void)
{
  return g_dir_make_tmp ("easel-project-copy-XXXXXX", NULL);
}

static EaselTable *
small_table (guint n_rows)
{
  g_autoptr(GString) csv = g_string_new ("x,kind,y\n");
  g_autoptr(GError) error = NULL;
  EaselCsvOptions options;
  EaselTable *table;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%u.5,%s,%u\n", i, i % 3 == 0 ? "a" : "b", (i * 7) % 2);
  easel_csv_options_init (&options);
  table = easel_csv_read_data ("small.csv", csv->str, csv->len, &options, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  return table;
}

/* A project with two datasets and two versions of a model, the first one approved. */
static char *
make_project (const char *dir,
              guint       n_rows)
{
  char *path = g_build_filename (dir, "source.easel", NULL);
  g_autoptr(EaselProject) project = NULL;
  g_autoptr(EaselTable) table = small_table (n_rows);
  g_autoptr(EaselTable) other = small_table (7);
  g_autoptr(GError) error = NULL;
  const EaselAlgorithm *algorithm = easel_algorithm_find ("logistic", &error);

  g_assert_no_error (error);
  project = easel_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (easel_project_add_dataset (project, "small", table, "small.csv", NULL, NULL,
                                              &error), >, 0);
  g_assert_cmpint (easel_project_add_dataset (project, "other", other, NULL, NULL, NULL,
                                              &error), >, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(EaselParams) params = easel_params_new (algorithm);
      EaselTrainOptions options = { params, 1 };
      EaselModel *model = easel_model_train (algorithm, table, "y", NULL, NULL, 0, &options,
                                             NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (easel_project_add_model (project, "parity", model, "small",
                                                 "{\"accuracy\": 0.5}", "ada", &error), ==,
                        i + 1);
      easel_model_free (model);
    }
  g_assert_true (easel_project_set_model_status (project, "parity", 1,
                                                 EASEL_MODEL_STATUS_APPROVED, "ada", &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_same_content (EaselProject *a,
                     EaselProject *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) da = easel_project_list_datasets (a, &error);
  g_autoptr(GPtrArray) db = easel_project_list_datasets (b, &error);
  g_autoptr(GPtrArray) ma = easel_project_list_models (a, &error);
  g_autoptr(GPtrArray) mb = easel_project_list_models (b, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (da->len, ==, db->len);
  for (guint i = 0; i < da->len; i++)
    {
      EaselDatasetInfo *x = g_ptr_array_index (da, i), *y = g_ptr_array_index (db, i);
      g_autoptr(EaselTable) tx = easel_project_load_dataset (a, x->name, &error);
      g_autoptr(EaselTable) ty = easel_project_load_dataset (b, y->name, &error);
      g_autoptr(GBytes) bx = NULL, by = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpuint (x->n_rows, ==, y->n_rows);
      /* the stored tables are the same, byte for byte */
      bx = easel_table_to_bytes (tx);
      by = easel_table_to_bytes (ty);
      g_assert_true (g_bytes_equal (bx, by));
    }
  g_assert_cmpuint (ma->len, ==, mb->len);
  for (guint i = 0; i < ma->len; i++)
    {
      EaselModelInfo *x = g_ptr_array_index (ma, i), *y = g_ptr_array_index (mb, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->version, ==, y->version);
      g_assert_cmpstr (x->status, ==, y->status);
      g_assert_cmpstr (x->dataset, ==, y->dataset);
      g_assert_cmpstr (x->algorithm, ==, y->algorithm);
    }
}

static void
progress_cb (EaselProgress *progress,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
}

static void
test_copy (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *source = make_project (dir, 40);
  g_autofree char *dest = g_build_filename (dir, "copy.easel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = easel_project_open (source, 0, &error);
  g_autoptr(EaselProject) copy = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  g_autoptr(EaselTable) more = small_table (3);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_reports = 0;

  g_assert_no_error (error);
  progress = easel_progress_new (progress_cb, &n_reports, NULL);
  copy = easel_project_save_as (project, dest, FALSE, progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (easel_project_get_path (copy), ==, dest);
  g_assert_false (easel_project_is_read_only (copy));
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 1.0);
  g_assert_cmpuint (n_reports, >, 0);
  assert_same_content (project, copy);

  /* Two independent files: a change to the copy does not reach the original, and both
   * stay writable. */
  g_assert_cmpint (easel_project_add_dataset (copy, "more", more, NULL, NULL, NULL, &error), >, 0);
  g_assert_true (easel_project_set_model_status (project, "parity", 2,
                                                 EASEL_MODEL_STATUS_ARCHIVED, "bo", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) a = easel_project_list_datasets (project, &error);
    g_autoptr(GPtrArray) b = easel_project_list_datasets (copy, &error);
    g_autoptr(GPtrArray) models = easel_project_list_models (copy, &error);

    g_assert_cmpuint (a->len, ==, 2);
    g_assert_cmpuint (b->len, ==, 3);
    g_assert_cmpstr (((EaselModelInfo *) g_ptr_array_index (models, 1))->status, ==, "Draft");
  }

  /* The copy opens again after it is closed, with the same content */
  g_clear_pointer (&copy, easel_project_unref);
  copy = easel_project_open (dest, EASEL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_project_list_datasets (copy, NULL)->len, ==, 3);
  g_ptr_array_unref (easel_project_list_datasets (copy, NULL));

  /* no temporary file is left in the folder */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_null (strstr (name, ".partial"));
}

static void
test_refusals (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *source = make_project (dir, 10);
  g_autofree char *dest = g_build_filename (dir, "taken.easel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = easel_project_open (source, 0, &error);
  g_autoptr(EaselProject) holder = NULL;
  EaselProject *copy;

  g_assert_no_error (error);

  /* not onto itself, even when replacing is allowed */
  copy = easel_project_save_as (project, source, TRUE, NULL, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "source.easel"));
  g_clear_error (&error);

  /* an existing file only with 'replace' */
  g_assert_true (g_file_set_contents (dest, "not a project", -1, NULL));
  copy = easel_project_save_as (project, dest, FALSE, NULL, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "taken.easel"));
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (dest, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "not a project");
  }
  copy = easel_project_save_as (project, dest, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_content (project, copy);

  /* not over a project open elsewhere */
  holder = copy;
  copy = easel_project_save_as (project, dest, TRUE, NULL, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (easel_project_list_datasets (holder, NULL)->len, ==, 2);
  g_ptr_array_unref (easel_project_list_datasets (holder, NULL));

  /* a folder that does not exist */
  {
    g_autofree char *missing = g_build_filename (dir, "no", "such", "x.easel", NULL);

    copy = easel_project_save_as (project, missing, FALSE, NULL, NULL, &error);
    g_assert_null (copy);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "x.easel"));
    g_clear_error (&error);
  }
}

/* A read-only project (open for writing elsewhere) can still be saved as a writable copy. */
static void
test_read_only_source (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *source = make_project (dir, 10);
  g_autofree char *dest = g_build_filename (dir, "mine.easel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) writer = easel_project_open (source, 0, &error);
  g_autoptr(EaselProject) reader = NULL;
  g_autoptr(EaselProject) copy = NULL;
  g_autoptr(EaselTable) more = small_table (2);

  g_assert_no_error (error);
  g_assert_null (easel_project_open (source, 0, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_LOCKED);
  g_clear_error (&error);
  reader = easel_project_open (source, EASEL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  copy = easel_project_save_as (reader, dest, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (easel_project_is_read_only (copy));
  assert_same_content (writer, copy);
  g_assert_cmpint (easel_project_add_dataset (copy, "more", more, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_cancel (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *source = make_project (dir, 10);
  g_autofree char *dest = g_build_filename (dir, "cancelled.easel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = easel_project_open (source, 0, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_null (easel_project_save_as (project, dest, FALSE, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  /* only the source, its journal files and its lock remain */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_has_prefix (name, "source.easel") ||
                     g_str_equal (name, ".source.easel.lock"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/project-copy/copy", test_copy);
  g_test_add_func ("/project-copy/refusals", test_refusals);
  g_test_add_func ("/project-copy/read-only-source", test_read_only_source);
  g_test_add_func ("/project-copy/cancel", test_cancel);
  return g_test_run ();
}
