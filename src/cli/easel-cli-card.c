/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-cli"

/* easel-cli card: a model version's card — export it (Markdown, HTML, PDF, JSON), edit the
 * fields a person writes, and list its revisions. */

#include <stdio.h>
#include <string.h>

#include "easel-card-render.h"
#include "easel-cli.h"
#include "easel-names.h"

typedef struct
{
  char     *project;
  char     *model;
  char     *format;
  char     *output;
  char     *paper;
  char    **set;
  char     *from;
  char     *who;
  int       revision;
  gboolean  json;
} CardOptions;

static void
card_options_clear (CardOptions *o)
{
  g_free (o->project);
  g_free (o->model);
  g_free (o->format);
  g_free (o->output);
  g_free (o->paper);
  g_strfreev (o->set);
  g_free (o->from);
  g_free (o->who);
}

/* Open the project and parse --model; exit status or 0. */
static int
open_model (const CardOptions  *o,
            gboolean            write,
            EaselProject      **project,
            char              **name,
            guint              *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModelInfo) info = NULL;

  if (o->project == NULL || o->model == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "card needs --project P.easel and --model NAME[@VERSION].");
  if (!easel_model_ref_parse (o->model, name, version, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--model: %s", error->message);
  *project = easel_project_open (o->project, write ? 0 : EASEL_PROJECT_OPEN_READ_ONLY, &error);
  if (*project == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (easel_project_get_backup_path (*project) != NULL)
    fprintf (stderr, "easel-cli: %s was upgraded to project format %d; the original is kept "
             "as %s.\n", o->project, EASEL_PROJECT_SCHEMA_VERSION,
             easel_project_get_backup_path (*project));
  /* The latest version when none is named: resolve it once, so every step uses the same. */
  info = easel_project_get_model_info (*project, *name, *version, &error);
  if (info == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  *version = info->version;
  return 0;
}

static gboolean
write_text (const char  *path,
            const char  *text,
            GError     **error)
{
  if (path == NULL || strcmp (path, "-") == 0)
    {
      if (fputs (text, stdout) < 0 || fflush (stdout) != 0)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write to standard output.");
          return FALSE;
        }
      return TRUE;
    }
  if (!g_file_set_contents (path, text, -1, error))
    {
      g_autofree char *message = g_strdup ((*error)->message);
      g_clear_error (error);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "%s", message);
      return FALSE;
    }
  return TRUE;
}

static int
card_export (CardOptions *o)
{
  g_autoptr(EaselProject) project = NULL;
  g_autoptr(EaselCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  static const char *const formats[] = { "md", "html", "pdf", "json", "markdown" };
  EaselPaper paper = EASEL_PAPER_A4;
  guint version = 0;
  int format, status;

  if (o->format == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "card export needs --format md, html, pdf or json.");
  format = easel_names_lookup (formats, G_N_ELEMENTS (formats), o->format);
  if (format < 0)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "--format: “%s” is not one of md, html, pdf, json.", o->format);
  if (format == 4)
    format = 0;
  if (o->paper != NULL && !easel_paper_from_string (o->paper, &paper))
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--paper: “%s” is not a4 or letter.", o->paper);
  if (format == 2 && (o->output == NULL || strcmp (o->output, "-") == 0))
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "card export --format pdf needs --output FILE.pdf.");
  if (o->revision < 0)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--revision must be 1 or more.");
  if ((status = open_model (o, FALSE, &project, &name, &version)) != 0)
    return status;
  card = easel_card_load (project, name, version, (guint) o->revision, NULL, &error);
  if (card == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);

  switch (format)
    {
    case 0:
      text = easel_card_to_markdown (card);
      break;
    case 1:
      text = easel_card_to_html (card);
      break;
    case 2:
      if (!easel_card_write_pdf (card, o->output, paper, &error))
        return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      return 0;
    default:
      {
        g_autofree char *json = easel_card_to_json (card, TRUE);
        text = g_strconcat (json, "\n", NULL);
      }
      break;
    }
  if (!write_text (o->output, text, &error))
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  return 0;
}

static int
card_edit (CardOptions *o)
{
  g_autoptr(EaselProject) project = NULL;
  g_autoptr(EaselCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint version = 0, revision;
  int status;

  if ((o->set == NULL || o->set[0] == NULL) && o->from == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                           "card edit needs --set FIELD=VALUE (repeatable) or --from CARD.json.");
  for (guint i = 0; o->set != NULL && o->set[i] != NULL; i++)
    if (strchr (o->set[i], '=') == NULL || o->set[i][0] == '=')
      return easel_cli_fail (EASEL_CLI_EXIT_USAGE, "--set: “%s” is not FIELD=VALUE.", o->set[i]);
  if ((status = open_model (o, TRUE, &project, &name, &version)) != 0)
    return status;
  card = easel_card_load (project, name, version, 0, NULL, &error);
  if (card == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (o->from != NULL)
    {
      g_autofree char *json = NULL;
      gsize length;

      if (!g_file_get_contents (o->from, &json, &length, &error))
        return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
      if (!easel_card_apply_json (card, json, (gssize) length, &error))
        return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s: %s", o->from, error->message);
    }
  for (guint i = 0; o->set != NULL && o->set[i] != NULL; i++)
    {
      char *eq = strchr (o->set[i], '=');
      g_autofree char *field = g_strndup (o->set[i], eq - o->set[i]);

      if (!easel_card_set_field (card, field, eq + 1, &error))
        return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "--set: %s", error->message);
    }
  revision = easel_card_save (card, project, name, version, o->who, &error);
  if (revision == 0)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  if (o->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *ref = g_strdup_printf ("%s@%u", name, version);

      json_builder_begin_object (b);
      easel_json_add_string (b, "model", ref);
      easel_json_add_int (b, "revision", revision);
      json_builder_end_object (b);
      return easel_cli_json_print (b) ? 0 : EASEL_CLI_EXIT_INPUT;
    }
  printf ("Saved revision %u of the card of %s@%u.\n", revision, name, version);
  return 0;
}

static int
card_history (CardOptions *o)
{
  g_autoptr(EaselProject) project = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *ref = NULL;
  guint version = 0;
  int status;

  if ((status = open_model (o, FALSE, &project, &name, &version)) != 0)
    return status;
  revisions = easel_project_list_card_revisions (project, name, version, &error);
  if (revisions == NULL)
    return easel_cli_fail (EASEL_CLI_EXIT_INPUT, "%s", error->message);
  ref = g_strdup_printf ("%s@%u", name, version);
  if (o->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      easel_json_add_string (b, "model", ref);
      json_builder_set_member_name (b, "revisions");
      json_builder_begin_array (b);
      for (guint i = 0; i < revisions->len; i++)
        {
          const EaselCardRevision *r = revisions->pdata[i];
          json_builder_begin_object (b);
          easel_json_add_int (b, "revision", r->revision);
          easel_json_add_string (b, "who", r->who);
          easel_json_add_string (b, "created", r->created);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      return easel_cli_json_print (b) ? 0 : EASEL_CLI_EXIT_INPUT;
    }
  if (revisions->len == 0)
    printf ("%s has no saved card yet; exporting it fills one in from the model.\n", ref);
  else
    printf ("Card of %s: %u revision%s\n", ref, revisions->len, revisions->len == 1 ? "" : "s");
  for (guint i = 0; i < revisions->len; i++)
    {
      const EaselCardRevision *r = revisions->pdata[i];
      printf ("  %4u  %s  %s\n", r->revision, r->created, r->who && *r->who ? r->who : "(unknown)");
    }
  return 0;
}

static int
card_fields (void)
{
  guint n;
  const EaselCardField *fields = easel_card_fields (&n);

  for (guint i = 0; i < n; i++)
    {
      printf ("%s\n    %s: %s", fields[i].path, fields[i].title, fields[i].hint);
      if (fields[i].kind == EASEL_CARD_FIELD_CHOICE)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) fields[i].choices);
          printf (" One of: %s.", list);
        }
      printf ("\n");
    }
  printf ("evaluation_details.N.evaluation_observation\n"
          "    Observations on evaluation N (from 0).\n"
          "additional_information.custom_details.KEY\n"
          "    Any detail of your own.\n");
  return 0;
}

int
easel_cli_card (int    argc,
                char **argv)
{
  CardOptions o = { 0 };
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &o.project, "The project (required)", "P.easel" },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &o.model,
      "The model, its latest version unless @VERSION (required)", "NAME[@VERSION]" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format, "export: md, html, pdf or json", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      "export: the file to write (default: standard output; "
      "required for pdf)",
      "FILE" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &o.paper, "export --format pdf: a4 (default) or letter",
      "PAPER" },
    { "revision", 0, 0, G_OPTION_ARG_INT, &o.revision,
      "export: this revision of the card (default: the latest)", "N" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &o.set,
      "edit: set a field, e.g. intended_uses.risk_rating=High; repeatable ('card fields' lists "
      "them)",
      "FIELD=VALUE" },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &o.from,
      "edit: set every editable field found in this card JSON", "CARD.json" },
    { "who", 0, 0, G_OPTION_ARG_STRING, &o.who,
      "edit: who makes the change (default: your user name)", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, "edit, history: write JSON to standard output",
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("export|edit|history|fields");
  int status;

  g_option_context_set_summary (context,
                                "A model version's card, with SageMaker's sections: export it "
                                "as Markdown, HTML, PDF or JSON, edit the fields a person writes "
                                "(each edit is a new revision with who and when), list its "
                                "revisions, list the fields.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!easel_cli_parse (context, &argc, &argv))
    status = EASEL_CLI_EXIT_USAGE;
  else if (argc != 2)
    status
        = easel_cli_fail (EASEL_CLI_EXIT_USAGE, "card needs one of export, edit, history, fields. "
                                                "See 'easel-cli card --help'.");
  else if (strcmp (argv[1], "export") == 0)
    status = card_export (&o);
  else if (strcmp (argv[1], "edit") == 0)
    status = card_edit (&o);
  else if (strcmp (argv[1], "history") == 0)
    status = card_history (&o);
  else if (strcmp (argv[1], "fields") == 0)
    status = card_fields ();
  else
    status = easel_cli_fail (EASEL_CLI_EXIT_USAGE,
                             "card: unknown verb “%s”; use export, edit, history or "
                             "fields.",
                             argv[1]);
  card_options_clear (&o);
  return status;
}
