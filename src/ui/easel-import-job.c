/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-import-job"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "easel-error.h"
#include "easel-import-job.h"
#include "easel-sqlite-import.h"
#include "easel-synthetic.h"

typedef enum
{
  KIND_CSV,
  KIND_SQLITE,
  KIND_SYNTHETIC,
  KIND_PROJECT,
} ImportKind;

struct _EaselImportJob
{
  GObject          parent_instance;

  /* What to read: set once, then only read (also by the worker thread) */
  ImportKind       kind;
  GFile           *file;
  char            *table_name;
  gsize            n_rows;
  EaselCsvOptions  options;
  char            *title;
  EaselProject    *project;
  char            *dataset;

  /* Main thread state */
  EaselProgress   *progress;
  double           fraction;
  char            *message;
  char           **warnings;
  gboolean         running;

  /* Shared with the worker: whether a progress idle is already scheduled */
  int              idle_pending;
};

typedef struct
{
  EaselTable  *table;
  char       **warnings;
} RunResult;

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EaselImportJob, easel_import_job, G_TYPE_OBJECT)

static void
run_result_free (gpointer data)
{
  RunResult *result = data;

  g_clear_pointer (&result->table, easel_table_unref);
  g_strfreev (result->warnings);
  g_free (result);
}

static void
copy_options (EaselCsvOptions       *dest,
              const EaselCsvOptions *src)
{
  *dest = *src;
  dest->na_values = g_strdupv (src->na_values);
  dest->type_names = g_strdupv (src->type_names);
  dest->types = NULL;
  if (src->type_names != NULL)
    dest->types = g_memdup2 (src->types,
                             sizeof (EaselColumnType) * g_strv_length (src->type_names));
}

static void
clear_options (EaselCsvOptions *options)
{
  g_clear_pointer (&options->na_values, g_strfreev);
  g_clear_pointer (&options->type_names, g_strfreev);
  g_clear_pointer (&options->types, g_free);
}

static void
set_progress (EaselImportJob *self,
              double          fraction,
              const char     *message)
{
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  EaselImportJob *self = user_data;
  g_autofree char *message = NULL;
  double fraction;

  g_atomic_int_set (&self->idle_pending, FALSE);

  if (self->progress == NULL || !self->running)
    return G_SOURCE_REMOVE;

  fraction = easel_progress_get (self->progress, &message);
  set_progress (self, fraction, message);

  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: at most one idle waits on the main loop at any time, so
 * progress never floods it however often the importer reports. */
static void
progress_notify_cb (EaselProgress *progress,
                    gpointer       user_data)
{
  EaselImportJob *self = user_data;

  if (g_atomic_int_compare_and_exchange (&self->idle_pending, FALSE, TRUE))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, progress_idle_cb, g_object_ref (self),
                     g_object_unref);
}

static EaselTable *
read_csv (EaselImportJob *self,
          EaselCsvReport *report,
          EaselProgress  *progress,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *contents = NULL;
  gsize length;

  if (path != NULL)
    return easel_csv_read_file (path, &self->options, report, progress, cancellable, error);

  /* A file without a local path (a network share, say) is read whole first. */
  easel_progress_report (progress, 0, _("Downloading…"));
  if (!g_file_load_contents (self->file, cancellable, &contents, &length, NULL, error))
    return NULL;

  return easel_csv_read_data (self->title, contents, length, &self->options, report,
                              progress, cancellable, error);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EaselImportJob *self = source_object;
  EaselProgress *progress = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  EaselCsvReport report = { 0 };
  EaselTable *table = NULL;
  RunResult *result;

  switch (self->kind)
    {
    case KIND_CSV:
      table = read_csv (self, &report, progress, cancellable, &error);
      break;

    case KIND_SQLITE:
      path = g_file_get_path (self->file);
      if (path == NULL)
        g_set_error (&error, EASEL_ERROR, EASEL_ERROR_IO,
                     _("“%s” is not on this computer; copy it here to open it."),
                     self->title);
      else
        table = easel_sqlite_read_table (path, self->table_name, progress, cancellable,
                                         &error);
      break;

    case KIND_PROJECT:
      easel_progress_report (progress, 0, _("Reading the dataset…"));
      table = easel_project_load_dataset (self->project, self->dataset, &error);
      break;

    case KIND_SYNTHETIC:
    default:
      table = easel_synthetic_table_new (self->n_rows, progress, cancellable, &error);
      break;
    }

  if (table == NULL)
    {
      easel_csv_report_clear (&report);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (easel_table_get_source (table) == NULL)
    easel_table_set_source (table, self->title);

  result = g_new0 (RunResult, 1);
  result->table = table;
  if (report.warnings != NULL && report.warnings->len > 0)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < report.warnings->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (report.warnings, i));
      result->warnings = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }
  easel_csv_report_clear (&report);

  g_task_return_pointer (task, result, run_result_free);
}

static void
easel_import_job_finalize (GObject *object)
{
  EaselImportJob *self = EASEL_IMPORT_JOB (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->table_name, g_free);
  clear_options (&self->options);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->project, easel_project_unref);
  g_clear_pointer (&self->dataset, g_free);
  g_clear_pointer (&self->progress, easel_progress_unref);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);

  G_OBJECT_CLASS (easel_import_job_parent_class)->finalize (object);
}

static void
easel_import_job_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EaselImportJob *self = EASEL_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_import_job_class_init (EaselImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = easel_import_job_finalize;
  object_class->get_property = easel_import_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
easel_import_job_init (EaselImportJob *self)
{
  easel_csv_options_init (&self->options);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_uri (file);

  return g_filename_display_name (basename);
}

EaselImportJob *
easel_import_job_new_csv (GFile                 *file,
                          const EaselCsvOptions *options)
{
  EaselImportJob *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (EASEL_TYPE_IMPORT_JOB, NULL);
  self->kind = KIND_CSV;
  self->file = g_object_ref (file);
  self->title = dup_display_name (file);
  if (options != NULL)
    copy_options (&self->options, options);

  return self;
}

EaselImportJob *
easel_import_job_new_sqlite (GFile      *file,
                             const char *table_name)
{
  g_autofree char *display_name = NULL;
  EaselImportJob *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (table_name != NULL, NULL);

  display_name = dup_display_name (file);

  self = g_object_new (EASEL_TYPE_IMPORT_JOB, NULL);
  self->kind = KIND_SQLITE;
  self->file = g_object_ref (file);
  self->table_name = g_strdup (table_name);
  /* Translators: a table of a database file: "shop.db — orders" */
  self->title = g_strdup_printf (_("%s — %s"), display_name, table_name);

  return self;
}

EaselImportJob *
easel_import_job_new_synthetic (gsize n_rows)
{
  EaselImportJob *self = g_object_new (EASEL_TYPE_IMPORT_JOB, NULL);

  self->kind = KIND_SYNTHETIC;
  self->n_rows = n_rows;
  self->title = g_strdup (_("Synthetic table"));

  return self;
}

EaselImportJob *
easel_import_job_new_project (EaselProject *project,
                              const char   *dataset)
{
  EaselImportJob *self;

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  self = g_object_new (EASEL_TYPE_IMPORT_JOB, NULL);
  self->kind = KIND_PROJECT;
  self->project = easel_project_ref (project);
  self->dataset = g_strdup (dataset);
  self->title = g_strdup (dataset);

  return self;
}

const char *
easel_import_job_get_dataset (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), NULL);

  return self->dataset;
}

gboolean
easel_import_job_is_synthetic (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), FALSE);

  return self->kind == KIND_SYNTHETIC;
}

gboolean
easel_import_job_can_change_types (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), FALSE);

  return self->kind == KIND_CSV;
}

EaselImportJob *
easel_import_job_copy_with_type (EaselImportJob  *self,
                                 const char      *column,
                                 EaselColumnType  type)
{
  g_autoptr(GStrvBuilder) names = NULL;
  g_autoptr(GArray) types = NULL;
  EaselCsvOptions options;
  EaselImportJob *copy;
  gboolean replaced = FALSE;

  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (type < EASEL_N_COLUMN_TYPES, NULL);

  if (self->kind != KIND_CSV)
    return NULL;

  names = g_strv_builder_new ();
  types = g_array_new (FALSE, FALSE, sizeof (EaselColumnType));
  for (guint i = 0; self->options.type_names != NULL && self->options.type_names[i]; i++)
    {
      EaselColumnType t = self->options.types[i];

      if (g_str_equal (self->options.type_names[i], column))
        {
          t = type;
          replaced = TRUE;
        }
      g_strv_builder_add (names, self->options.type_names[i]);
      g_array_append_val (types, t);
    }
  if (!replaced)
    {
      g_strv_builder_add (names, column);
      g_array_append_val (types, type);
    }

  options = self->options;
  options.type_names = g_strv_builder_end (names);
  options.types = (EaselColumnType *) (gpointer) types->data;

  copy = easel_import_job_new_csv (self->file, &options);
  g_strfreev (options.type_names);

  return copy;
}

GFile *
easel_import_job_get_file (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), NULL);

  return self->file;
}

const char *
easel_import_job_get_title (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), NULL);

  return self->title;
}

double
easel_import_job_get_fraction (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), 0);

  return self->fraction;
}

const char *
easel_import_job_get_message (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), NULL);

  return self->message;
}

const char * const *
easel_import_job_get_warnings (EaselImportJob *self)
{
  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), NULL);

  return (const char * const *) self->warnings;
}

void
easel_import_job_run_async (EaselImportJob      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EASEL_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->running);

  self->running = TRUE;
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->progress, easel_progress_unref);
  /* The worker holds the job (the task's source object), so the progress may point at it. */
  self->progress = easel_progress_new (progress_notify_cb, self, NULL);
  set_progress (self, 0, _("Reading…"));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_import_job_run_async);
  g_task_set_task_data (task, easel_progress_ref (self->progress),
                        (GDestroyNotify) easel_progress_unref);
  g_task_run_in_thread (task, run_in_thread);
}

EaselTable *
easel_import_job_run_finish (EaselImportJob  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  RunResult *run;
  EaselTable *table;

  g_return_val_if_fail (EASEL_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  self->running = FALSE;
  /* A project's dataset is read once: the job does not keep the project open (locked). */
  g_clear_pointer (&self->project, easel_project_unref);

  run = g_task_propagate_pointer (G_TASK (result), error);
  if (run == NULL)
    return NULL;

  set_progress (self, 1, NULL);
  table = g_steal_pointer (&run->table);
  self->warnings = g_steal_pointer (&run->warnings);
  run_result_free (run);

  return table;
}

gboolean
easel_file_is_sqlite (GFile *file)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFileInputStream) stream = NULL;
  char head[16];
  gsize n_read = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n_read, NULL,
                                NULL))
    return FALSE;

  return n_read == sizeof head && memcmp (head, magic, sizeof head) == 0;
}
