/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-csv.h"
#include "easel-project.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* One import of a table: what to read and how, its progress while it runs on a worker
 * thread ("fraction" and "message" change on the main thread), and the warnings of the
 * last run. A job can be run again, e.g. to read the same file with other column types. */
#define EASEL_TYPE_IMPORT_JOB (easel_import_job_get_type ())
G_DECLARE_FINAL_TYPE (EaselImportJob, easel_import_job, EASEL, IMPORT_JOB, GObject)

/* 'options' is copied; NULL means the defaults. */
EaselImportJob     *easel_import_job_new_csv          (GFile                 *file,
                                                       const EaselCsvOptions *options);
EaselImportJob     *easel_import_job_new_sqlite       (GFile                 *file,
                                                       const char            *table_name);
EaselImportJob     *easel_import_job_new_synthetic    (gsize                  n_rows);
/* A dataset stored in a project (read by easel_project_load_dataset). */
EaselImportJob     *easel_import_job_new_project      (EaselProject          *project,
                                                       const char            *dataset);
/* The project dataset a job reads, or NULL for a file or a synthetic table. */
const char         *easel_import_job_get_dataset      (EaselImportJob        *self);
gboolean            easel_import_job_is_synthetic     (EaselImportJob        *self);

/* A CSV job like 'self' that reads 'column' as 'type'; NULL for other kinds of jobs. */
EaselImportJob     *easel_import_job_copy_with_type   (EaselImportJob        *self,
                                                       const char            *column,
                                                       EaselColumnType        type);
gboolean            easel_import_job_can_change_types (EaselImportJob        *self);

/* NULL for a synthetic table. */
GFile              *easel_import_job_get_file         (EaselImportJob        *self);
/* What to call the result: "iris.csv", or "shop.db — orders" for a SQLite table. */
const char         *easel_import_job_get_title        (EaselImportJob        *self);
double              easel_import_job_get_fraction     (EaselImportJob        *self);
const char         *easel_import_job_get_message      (EaselImportJob        *self);
/* The importer's warnings of the last successful run (full sentences), or NULL. */
const char * const *easel_import_job_get_warnings     (EaselImportJob        *self);

void                easel_import_job_run_async        (EaselImportJob        *self,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
EaselTable         *easel_import_job_run_finish       (EaselImportJob        *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);

/* Whether the file starts like a SQLite 3 database. */
gboolean            easel_file_is_sqlite              (GFile                 *file);

G_END_DECLS
