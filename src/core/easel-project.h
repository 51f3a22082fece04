/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-model.h"
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

/* Project formats: 1 (the first), 2 (who edited each model card revision; prediction runs
 * with who and how long). Opening an older project for writing migrates it. */
#define EASEL_PROJECT_SCHEMA_VERSION 2

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

/* Model registry: each model name has versions 1, 2, ... (a retrain adds one and keeps the
 * others), each with a status as in SageMaker's registry and a history of who changed it
 * and when. */
typedef enum
{
  EASEL_MODEL_STATUS_DRAFT,
  EASEL_MODEL_STATUS_PENDING_REVIEW,
  EASEL_MODEL_STATUS_APPROVED,
  EASEL_MODEL_STATUS_ARCHIVED,
} EaselModelStatus;

typedef struct
{
  gint64  id;
  char   *name;
  guint   version;
  char   *algorithm;
  char   *problem;
  char   *target;
  char   *dataset;     /* the dataset it was trained on, or NULL */
  char   *status;      /* "Draft", "PendingReview", "Approved", "Archived" */
  char   *created;
} EaselModelInfo;

const char    *easel_model_status_to_string   (EaselModelStatus        status);
/* Accepts the names above in any case; FALSE if unknown. */
gboolean       easel_model_status_from_string (const char             *name,
                                               EaselModelStatus       *status);

/* Store 'model' as the next version of 'name' with status Draft, together with its
 * evaluation (JSON, may be NULL), in one transaction. 'dataset' names a dataset of the
 * project or is NULL; 'who' is recorded in the status history. Returns the version, or 0
 * on error. */
guint          easel_project_add_model        (EaselProject           *project,
                                               const char             *name,
                                               const EaselModel       *model,
                                               const char             *dataset,
                                               const char             *evaluation_json,
                                               const char             *who,
                                               GError                **error);
/* Every model version, by name then version. */
GPtrArray     *easel_project_list_models      (EaselProject           *project,
                                               GError                **error);
/* 'version' 0 is the latest. */
EaselModel    *easel_project_load_model       (EaselProject           *project,
                                               const char             *name,
                                               guint                   version,
                                               GError                **error);
/* Parse "NAME" or "NAME@VERSION" (version 0 when absent); FALSE with an error naming the
 * text when the version is not a positive number. */
gboolean       easel_model_ref_parse          (const char             *text,
                                               char                  **name,
                                               guint                  *version,
                                               GError                **error);
gboolean       easel_project_set_model_status (EaselProject           *project,
                                               const char             *name,
                                               guint                   version,
                                               EaselModelStatus        status,
                                               const char             *who,
                                               GError                **error);
void           easel_model_info_free          (EaselModelInfo         *info);

/* The project format of the file as opened: EASEL_PROJECT_SCHEMA_VERSION, or older when an
 * older project was opened read-only (it is then not migrated). */
int            easel_project_get_schema_version (EaselProject        *project);
/* Where the copy of an older project was written before it was migrated on this open, or
 * NULL if nothing was migrated. */
const char    *easel_project_get_backup_path (EaselProject           *project);

/* One model version's facts (as in easel_project_list_models()); 'version' 0 is the
 * latest. EASEL_ERROR_NOT_FOUND if there is no such version. */
EaselModelInfo *easel_project_get_model_info  (EaselProject           *project,
                                               const char             *name,
                                               guint                   version,
                                               GError                **error);
/* The evaluation JSON stored with a model version, or NULL (no error) if it has none. */
char          *easel_project_load_evaluation  (EaselProject           *project,
                                               const char             *name,
                                               guint                   version,
                                               GError                **error);

/* Model cards: a model version's card is JSON (see easel-card.h) kept with its history;
 * each save is a new revision 1, 2, ... with who saved it and when. */
typedef struct
{
  guint   revision;
  char   *who;
  char   *created;   /* ISO 8601, UTC */
} EaselCardRevision;

/* Store 'json' as the next revision of the card of model 'name' at 'version' (0 = the
 * latest). Returns the revision, or 0 on error. */
guint          easel_project_save_card        (EaselProject           *project,
                                               const char             *name,
                                               guint                   version,
                                               const char             *json,
                                               const char             *who,
                                               GError                **error);
/* A revision of the card (0 = the latest) as JSON, its number in *out_revision (may be
 * NULL). EASEL_ERROR_NOT_FOUND if the model or that revision does not exist; NULL with no
 * error when the model has no card yet. */
char          *easel_project_load_card        (EaselProject           *project,
                                               const char             *name,
                                               guint                   version,
                                               guint                   revision,
                                               guint                  *out_revision,
                                               GError                **error);
/* The revisions of a model version's card, oldest first (EaselCardRevision). */
GPtrArray     *easel_project_list_card_revisions (EaselProject        *project,
                                                  const char          *name,
                                                  guint                version,
                                                  GError             **error);
void           easel_card_revision_free       (EaselCardRevision      *revision);

/* Prediction runs: which model version predicted which file, how many rows, when. */
typedef struct
{
  gint64  id;
  char   *model;
  guint   version;
  char   *input;     /* the input file's name */
  char   *output;    /* where the predictions went, or NULL */
  gsize   n_rows;
  double  seconds;   /* NaN if unknown */
  char   *who;
  char   *created;   /* ISO 8601, UTC */
} EaselPredictionRun;

/* Record a run of model 'name' at 'version' (0 = the latest). Returns its id, 0 on
 * error. */
gint64         easel_project_add_prediction_run (EaselProject         *project,
                                                 const char           *name,
                                                 guint                 version,
                                                 const char           *input,
                                                 const char           *output,
                                                 gsize                 n_rows,
                                                 double                seconds,
                                                 const char           *who,
                                                 GError              **error);
/* Every run, oldest first (EaselPredictionRun). */
GPtrArray     *easel_project_list_prediction_runs (EaselProject       *project,
                                                   GError            **error);
void           easel_prediction_run_free      (EaselPredictionRun     *run);

typedef struct
{
  guint  n_datasets;
  guint  n_models;           /* model versions */
  guint  n_cards;            /* model versions with a card */
  guint  n_card_revisions;
  guint  n_prediction_runs;
} EaselProjectCounts;

gboolean       easel_project_get_counts       (EaselProject           *project,
                                               EaselProjectCounts     *counts,
                                               GError                **error);

/* A table as a versioned, checksummed blob, and back (a damaged blob is an
 * EASEL_ERROR_CORRUPT error, never a crash). */
GBytes        *easel_table_to_bytes          (EaselTable             *table);
EaselTable    *easel_table_from_bytes        (GBytes                 *bytes,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselProject, easel_project_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselDatasetInfo, easel_dataset_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselModelInfo, easel_model_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselCardRevision, easel_card_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselPredictionRun, easel_prediction_run_free)

G_END_DECLS
