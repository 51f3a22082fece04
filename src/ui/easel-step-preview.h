/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-recipe.h"

G_BEGIN_DECLS

/* What the Prepare page shows of a recipe, computed in one go on a worker thread:
 *
 * - for each step, the error that keeps it from running (parameters, or a column it needs
 *   that an earlier step removed), or the report of what it did to the whole table;
 * - the recipe fitted on the whole table (steps in error left out) and the prepared table;
 * - the first rows of the table as each step leaves them, with the position of each row in
 *   the input, so that the rows before and after any step can be lined up. */
typedef struct _EaselStepPreview EaselStepPreview;

EaselStepPreview  *easel_step_preview_compute        (const EaselRecipe  *recipe,
                                                      EaselTable         *table,
                                                      gsize               n_rows,
                                                      EaselProgress      *progress,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
EaselStepPreview  *easel_step_preview_ref            (EaselStepPreview   *self);
void               easel_step_preview_unref          (EaselStepPreview   *self);

guint              easel_step_preview_get_n_steps    (EaselStepPreview   *self);
/* NULL when the step runs. */
const GError      *easel_step_preview_get_error      (EaselStepPreview   *self,
                                                      guint               step);
/* The message of the error without the "Step N (op)" the core puts first. */
char              *easel_step_preview_dup_error_text (EaselStepPreview   *self,
                                                      guint               step);
/* NULL when the step is in error. */
const EaselStepReport *easel_step_preview_get_report (EaselStepPreview   *self,
                                                      guint               step);
/* The recipe as given, fitted on the whole table; steps in error are disabled. */
EaselRecipe       *easel_step_preview_get_fitted     (EaselStepPreview   *self);
EaselTable        *easel_step_preview_get_prepared   (EaselStepPreview   *self);
/* The first rows as they enter step 'step' (0) ... leave the last step (n_steps). The row
 * positions column is not part of these tables. */
EaselTable        *easel_step_preview_get_snapshot   (EaselStepPreview   *self,
                                                      guint               stage);
/* The input row (from 0) of row 'row' of a snapshot. */
gsize              easel_step_preview_get_input_row  (EaselStepPreview   *self,
                                                      guint               stage,
                                                      gsize               row);
/* The column names as they enter 'stage' (from the snapshot), NULL-terminated. */
char             **easel_step_preview_dup_columns    (EaselStepPreview   *self,
                                                      guint               stage);

/* The difference between two stages, for a grid of "before" and "after" columns. */
typedef enum
{
  EASEL_PREVIEW_COLUMN_CHANGED,   /* in both, some value differs */
  EASEL_PREVIEW_COLUMN_SAME,      /* in both, shown because the step names it */
  EASEL_PREVIEW_COLUMN_ADDED,     /* only after */
  EASEL_PREVIEW_COLUMN_REMOVED,   /* only before */
} EaselPreviewColumnKind;

typedef struct _EaselPreviewDiff EaselPreviewDiff;

/* The columns that changed, were added or removed between stage 'from' and 'to', and those
 * named in 'also' (may be NULL); with none of these, the first few columns. */
EaselPreviewDiff  *easel_preview_diff_new            (EaselStepPreview   *preview,
                                                      guint               from,
                                                      guint               to,
                                                      const char *const  *also);
void               easel_preview_diff_free           (EaselPreviewDiff   *diff);
/* Rows of the "before" stage. */
gsize              easel_preview_diff_get_n_rows     (EaselPreviewDiff   *diff);
/* Rows of the "before" stage that the steps removed. */
gsize              easel_preview_diff_get_n_removed  (EaselPreviewDiff   *diff);
guint              easel_preview_diff_get_n_columns  (EaselPreviewDiff   *diff);
const char        *easel_preview_diff_get_column_name (EaselPreviewDiff  *diff,
                                                       guint              column);
EaselPreviewColumnKind easel_preview_diff_get_column_kind (EaselPreviewDiff *diff,
                                                           guint             column);
/* The input row number (from 0) of a row. */
gsize              easel_preview_diff_get_input_row  (EaselPreviewDiff   *diff,
                                                      gsize               row);
gboolean           easel_preview_diff_row_removed    (EaselPreviewDiff   *diff,
                                                      gsize               row);
/* The value before and after as text, NULL when missing (or absent on that side). */
char              *easel_preview_diff_dup_before     (EaselPreviewDiff   *diff,
                                                      guint               column,
                                                      gsize               row);
char              *easel_preview_diff_dup_after      (EaselPreviewDiff   *diff,
                                                      guint               column,
                                                      gsize               row);
/* Whether the value is not the same after (a removed row or column has no value after,
 * an added column none before: those count as changed). */
gboolean           easel_preview_diff_cell_changed   (EaselPreviewDiff   *diff,
                                                      guint               column,
                                                      gsize               row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselStepPreview, easel_step_preview_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselPreviewDiff, easel_preview_diff_free)

G_END_DECLS
