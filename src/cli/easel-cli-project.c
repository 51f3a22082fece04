/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli.h"

static int
project_new (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("P.easel");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = NULL;

  g_option_context_set_summary (context, "Create a new, empty project file.");
  if (!easel_cli_parse (context, &argc, &argv))
    return EASEL_CLI_EXIT_USAGE;
  if (argc != 2)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "project new needs the project's path.");
  project = easel_project_create (argv[1], &error);
  if (project == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  return 0;
}

static int
project_import (int    argc,
                char **argv)
{
  char *name = NULL;
  EaselCliReadOptions read = { 0 };
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "The dataset's name (default: the file name)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("P.easel FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = NULL;
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(EaselProgress) progress = NULL;
  g_autofree char *dataset = NULL;
  gboolean usage_error;
  int status = 0;

  g_option_context_set_summary (context, "Import a table (CSV/TSV or DB.sqlite:TABLE) into a project. "
                                         "The data is stored inside the project file.");
  g_option_context_add_main_entries (context, entries, NULL);
  easel_cli_add_read_options (context, &read);
  if (!easel_cli_parse (context, &argc, &argv))
    status = EASEL_CLI_EXIT_USAGE;
  else if (argc != 3)
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE, "project import needs P.easel and FILE.");
  if (status != 0)
    goto out;

  /* Open the project first: a wrong project is reported before a long import. */
  project = easel_project_open (argv[1], 0, &error);
  if (project == NULL)
    {
      status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  table = easel_cli_load_table (argv[2], &read, &usage_error, &error);
  if (table == NULL)
    {
      status = easel_cli_fail (usage_error ? EASEL_CLI_EXIT_USAGE : EASEL_CLI_EXIT_INPUT, "%s", error->message);
      goto out;
    }
  if (name != NULL)
    dataset = g_strdup (name);
  else
    {
      g_autofree char *base = g_path_get_basename (argv[2]);
      char *dot = strrchr (base, '.');
      if (dot != NULL && dot != base)
        *dot = '\0';
      dataset = g_steal_pointer (&base);
    }
  progress = easel_cli_progress_new ();
  if (easel_project_add_dataset (project, dataset, table, argv[2], progress, NULL, &error) == 0)
    status = easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  easel_cli_progress_finish (progress);

out:
  easel_cli_read_options_clear (&read);
  g_free (name);
  return status;
}

static int
project_list (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write one JSON object to standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("P.easel");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) models = NULL;
  EaselProjectCounts counts;

  g_option_context_set_summary (context, "List what a project holds.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!easel_cli_parse (context, &argc, &argv))
    return EASEL_CLI_EXIT_USAGE;
  if (argc != 2)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "project list needs the project's path.");
  /* Listing only reads: it works while the project is open elsewhere. */
  project = easel_project_open (argv[1], EASEL_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  datasets = easel_project_list_datasets (project, &error);
  if (datasets != NULL)
    models = easel_project_list_models (project, &error);
  if (datasets == NULL || models == NULL || !easel_project_get_counts (project, &counts, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      easel_json_add_string (b, "project", argv[1]);
      json_builder_set_member_name (b, "datasets");
      json_builder_begin_array (b);
      for (guint i = 0; i < datasets->len; i++)
        {
          const EaselDatasetInfo *d = datasets->pdata[i];
          json_builder_begin_object (b);
          easel_json_add_string (b, "name", d->name);
          easel_json_add_string (b, "source", d->source);
          easel_json_add_int (b, "rows", (gint64) d->n_rows);
          easel_json_add_int (b, "columns", d->n_columns);
          easel_json_add_string (b, "created", d->created);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "models");
      json_builder_begin_array (b);
      for (guint i = 0; i < models->len; i++)
        {
          const EaselModelInfo *m = models->pdata[i];
          json_builder_begin_object (b);
          easel_json_add_string (b, "name", m->name);
          easel_json_add_int (b, "version", m->version);
          easel_json_add_string (b, "status", m->status);
          easel_json_add_string (b, "algorithm", m->algorithm);
          easel_json_add_string (b, "problem", m->problem);
          easel_json_add_string (b, "target", m->target);
          easel_json_add_string (b, "dataset", m->dataset);
          easel_json_add_string (b, "created", m->created);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      easel_json_add_int (b, "cards", counts.n_cards);
      easel_json_add_int (b, "card_revisions", counts.n_card_revisions);
      easel_json_add_int (b, "prediction_runs", counts.n_prediction_runs);
      easel_json_add_int (b, "format", easel_project_get_schema_version (project));
      json_builder_end_object (b);
      if (!easel_cli_json_print (b))
        return EASEL_CLI_EXIT_INPUT;
    }
  else
    {
      printf ("%s: %u dataset(s)\n", argv[1], datasets->len);
      for (guint i = 0; i < datasets->len; i++)
        {
          const EaselDatasetInfo *d = datasets->pdata[i];
          printf ("  %-30s %10" G_GSIZE_FORMAT " rows %5u columns  %s\n", d->name, d->n_rows, d->n_columns,
                  d->created);
        }
      printf ("%u model version(s)\n", models->len);
      for (guint i = 0; i < models->len; i++)
        {
          const EaselModelInfo *m = models->pdata[i];
          g_autofree char *ref = g_strdup_printf ("%s@%u", m->name, m->version);
          printf ("  %-30s %-14s %-12s %-10s → %s\n", ref, m->status, m->algorithm, m->problem, m->target);
        }
      printf ("%u model card(s), %u card revision(s), %u prediction run(s)\n", counts.n_cards,
              counts.n_card_revisions, counts.n_prediction_runs);
    }
  return 0;
}

int
easel_cli_project (int    argc,
                   char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } verbs[] = {
    { "new", project_new },
    { "import", project_import },
    { "list", project_list },
  };

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      printf ("Usage: easel-cli project new|import|list ...\n\n"
              "  new P.easel                 create an empty project\n"
              "  import P.easel FILE [--name N]  store a table inside the project\n"
              "  list P.easel [--json]       what the project holds\n");
      return 0;
    }
  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (verbs); i++)
    if (strcmp (argv[1], verbs[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("easel-cli project %s", verbs[i].name);
        g_set_prgname (prgname);
        return verbs[i].run (argc - 1, argv + 1);
      }
  return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "project needs one of new, import, list. See "
                                                "'easel-cli project --help'.");
}

/* easel-cli model status --project P --model NAME@V --set STATUS */
int
easel_cli_model (int    argc,
                 char **argv)
{
  g_autofree char *project_path = NULL;
  g_autofree char *model_ref = NULL;
  g_autofree char *set = NULL;
  g_autofree char *who = NULL;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_path, "The project (required)", "P.easel" },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model_ref, "The model version (required)", "NAME@VERSION" },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set,
      "The new status: Draft, PendingReview, Approved or Archived (required)", "STATUS" },
    { "who", 0, 0, G_OPTION_ARG_STRING, &who, "Who makes the change (default: your user name)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("status");
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProject) project = NULL;
  g_autofree char *name = NULL;
  guint version = 0;
  EaselModelStatus status;

  g_set_prgname ("easel-cli model");
  g_option_context_set_summary (context, "Change the status of a model version in a project's registry; "
                                         "who and when are kept in its history.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!easel_cli_parse (context, &argc, &argv))
    return EASEL_CLI_EXIT_USAGE;
  if (argc != 2 || strcmp (argv[1], "status") != 0 || project_path == NULL || model_ref == NULL || set == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "usage: easel-cli model status --project P.easel --model NAME@VERSION --set STATUS");
  if (!easel_model_status_from_string (set, &status))
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "--set: “%s” is not one of Draft, PendingReview, Approved, Archived.", set);
  if (!easel_model_ref_parse (model_ref, &name, &version, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--model: %s", error->message);
  if (version == 0)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--model: name the version, as in %s@1.", name);
  project = easel_project_open (project_path, 0, &error);
  if (project == NULL || !easel_project_set_model_status (project, name, version, status, who, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  return 0;
}
