/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-fuzz"

/* libFuzzer target for the project loader: any bytes, written to a file, opened as a project
 * must give a project or an error that says why. A project that opens is listed and
 * everything in it is loaded (datasets, models, evaluations, cards and their history,
 * prediction runs), each an object or an error, never a crash. Then the file is opened
 * for writing too, which migrates an older format (after a backup) and records a card. */

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "easel-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
load_everything (EaselProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) datasets = easel_project_list_datasets (project, &error);
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  EaselProjectCounts counts;

  g_clear_error (&error);
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      g_autoptr(EaselTable) table = easel_project_load_dataset (
          project, ((EaselDatasetInfo *) datasets->pdata[i])->name, &error);
      g_assert_true ((table == NULL) == (error != NULL));
      g_clear_error (&error);
    }
  models = easel_project_list_models (project, &error);
  g_clear_error (&error);
  for (guint i = 0; models != NULL && i < models->len; i++)
    {
      const EaselModelInfo *info = models->pdata[i];
      g_autoptr(EaselModel) model = NULL;
      g_autoptr(EaselCard) card = NULL;
      g_autoptr(GPtrArray) revisions = NULL;
      g_autofree char *evaluation = NULL;

      if (info->name == NULL)
        continue;
      model = easel_project_load_model (project, info->name, info->version, &error);
      g_assert_true ((model == NULL) == (error != NULL));
      g_clear_error (&error);
      evaluation = easel_project_load_evaluation (project, info->name, info->version, &error);
      g_clear_error (&error);
      revisions = easel_project_list_card_revisions (project, info->name, info->version, &error);
      g_clear_error (&error);
      card = easel_card_load (project, info->name, info->version, 0, NULL, &error);
      g_assert_true ((card == NULL) == (error != NULL));
      g_clear_error (&error);
      if (card != NULL)
        {
          g_autofree char *json = easel_card_to_json (card, FALSE);
          g_autofree char *markdown = easel_card_to_markdown (card);
          g_assert_nonnull (json);
          g_assert_nonnull (markdown);
        }
    }
  runs = easel_project_list_prediction_runs (project, &error);
  g_clear_error (&error);
  if (!easel_project_get_counts (project, &counts, &error))
    g_clear_error (&error);
}

static void
remove_files (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *full = g_build_filename (dir, name, NULL);
      g_unlink (full);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("easel-fuzz-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.easel", NULL);

  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  {
    g_autoptr(EaselProject) project
        = easel_project_open (path, EASEL_PROJECT_OPEN_READ_ONLY, &error);
    if (project == NULL)
      {
        g_assert_nonnull (error);
        g_assert_true (error->message[0] != '\0');
        g_clear_error (&error);
      }
    else
      load_everything (project);
  }
  {
    g_autoptr(EaselProject) project = easel_project_open (path, 0, &error);
    if (project == NULL)
      {
        g_assert_nonnull (error);
        g_clear_error (&error);
      }
    else
      {
        g_autoptr(GPtrArray) models = easel_project_list_models (project, NULL);
        g_assert_cmpint (easel_project_get_schema_version (project), ==,
                         EASEL_PROJECT_SCHEMA_VERSION);
        load_everything (project);
        if (models != NULL && models->len > 0)
          {
            const EaselModelInfo *info = models->pdata[0];
            g_autoptr(EaselCard) card
                = info->name ? easel_card_load (project, info->name, info->version, 0, NULL, &error)
                             : NULL;
            g_clear_error (&error);
            if (card != NULL
                && easel_card_set_field (card, "intended_uses.risk_rating", "Low", NULL))
              {
                easel_card_save (card, project, info->name, info->version, "fuzz", &error);
                g_clear_error (&error);
              }
          }
      }
  }
  remove_files (path);
  return 0;
}
