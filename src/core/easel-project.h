/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* A project: one SQLite file (.easel) that holds a person's work — datasets (the data
 * itself, so the file is self-contained), recipes, models with their versions,
 * evaluations, model cards and prediction runs.
 *
 * Every change is one transaction in WAL mode. A project may come from anyone: it is
 * opened with SQLite's defensive settings and every stored blob is checked before use.
 * While open for writing it is locked, so a second Easel can only open it read-only. */

#define EASEL_PROJECT_SCHEMA_VERSION 1

typedef struct _EaselProject EaselProject;

typedef enum
{
  EASEL_PROJECT_OPEN_DEFAULT = 0,
  EASEL_PROJECT_OPEN_READ_ONLY = 1 << 0,
} EaselProjectOpenFlags;

typedef struct
{
  gint64  id;
  char   *name;
  char   *source;     /* where it was imported from (a file name) */
  char   *created;    /* ISO 8601, UTC */
  gsize   n_rows;
  guint   n_columns;
} EaselDatasetInfo;

/* Create a new, empty project; fails if 'path' exists. */
EaselProject  *easel_project_create          (const char             *path,
                                              GError                **error);
/* Open a project. Errors: EASEL_ERROR_NOT_PROJECT, EASEL_ERROR_CORRUPT (fails SQLite's
 * integrity check), EASEL_ERROR_VERSION (made by a newer Easel), EASEL_ERROR_LOCKED (open
 * in another Easel; retry with EASEL_PROJECT_OPEN_READ_ONLY), EASEL_ERROR_IO. An older
 * project is migrated after a backup copy is written next to it. */
EaselProject  *easel_project_open            (const char             *path,
                                              EaselProjectOpenFlags   flags,
                                              GError                **error);
EaselProject  *easel_project_ref             (EaselProject           *project);
void           easel_project_unref           (EaselProject           *project);
const char    *easel_project_get_path        (EaselProject           *project);
gboolean       easel_project_is_read_only    (EaselProject           *project);

/* Store a table as a new dataset named 'name' (unique in the project). Returns its id,
 * or 0 on error. */
gint64         easel_project_add_dataset     (EaselProject           *project,
                                              const char             *name,
                                              EaselTable             *table,
                                              const char             *source,
                                              EaselProgress          *progress,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* The datasets, oldest first. Free with g_ptr_array_unref. */
GPtrArray     *easel_project_list_datasets   (EaselProject           *project,
                                              GError                **error);
EaselTable    *easel_project_load_dataset    (EaselProject           *project,
                                              const char             *name,
                                              GError                **error);
void           easel_dataset_info_free       (EaselDatasetInfo       *info);

/* A table as a versioned, checksummed blob, and back (a damaged blob is an
 * EASEL_ERROR_CORRUPT error, never a crash). */
GBytes        *easel_table_to_bytes          (EaselTable             *table);
EaselTable    *easel_table_from_bytes        (GBytes                 *bytes,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselProject, easel_project_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselDatasetInfo, easel_dataset_info_free)

G_END_DECLS
