/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <glib/gstdio.h>

#include "easel-csv.h"
#include "easel-samples.h"

/* The gallery's promised samples */
static const char *const required[] = {
  "iris.csv", "penguins.csv", "telco_churn.csv", "ames_housing.csv", "diamonds.csv",
  "digits.csv",
};

/* The catalogue's sizes and targets match the files, wherever they are found. */
static void
check_catalogue (const char *dir)
{
  const EaselSample *samples;
  guint n_samples, n_checked = 0;

  samples = easel_samples_get (&n_samples);
  for (guint i = 0; i < n_samples; i++)
    {
      g_autofree char *path = g_build_filename (dir, samples[i].file_name, NULL);
      g_autoptr(EaselTable) table = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      table = easel_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %" G_GSIZE_FORMAT " × %u", samples[i].file_name,
                      easel_table_get_n_rows (table), easel_table_get_n_columns (table));
      g_assert_cmpuint (easel_table_get_n_rows (table), ==, samples[i].n_rows);
      g_assert_cmpuint (easel_table_get_n_columns (table), ==, samples[i].n_columns);
      g_assert_cmpint (easel_table_find_column (table, samples[i].target), >=, 0);
      n_checked++;
    }

  g_test_message ("%u samples checked in %s", n_checked, dir);
}

static void
test_catalogue (void)
{
  const char *datasets = g_getenv ("EASEL_DATASETS_DIR");

  check_catalogue (SOURCE_SAMPLESDIR);
  if (datasets != NULL)
    check_catalogue (datasets);
}

static void
test_required (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const EaselSample *sample = easel_samples_lookup (required[i]);
      g_autofree char *path = NULL;

      g_assert_nonnull (sample);
      g_assert_cmpstr (sample->file_name, ==, required[i]);
      path = easel_sample_find_file (sample);
      if (path == NULL)
        g_error ("The sample %s is in neither %s nor %s", required[i], SAMPLESDIR,
                 SOURCE_SAMPLESDIR);
      g_assert_true (g_str_has_suffix (path, required[i]));
    }

  g_assert_null (easel_samples_lookup ("no-such-sample.csv"));
}

static void
test_samples_dir_override (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wine.csv", NULL);
  g_autofree char *found = NULL;

  g_assert_true (g_file_set_contents (path, "a\n1\n", -1, NULL));
  g_setenv ("EASEL_SAMPLES_DIR", dir, TRUE);
  found = easel_sample_find_file (easel_samples_lookup ("wine.csv"));
  g_unsetenv ("EASEL_SAMPLES_DIR");

  g_assert_cmpstr (found, ==, path);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/samples/catalogue", test_catalogue);
  g_test_add_func ("/ui/samples/required", test_required);
  g_test_add_func ("/ui/samples/dir-override", test_samples_dir_override);

  return g_test_run ();
}
