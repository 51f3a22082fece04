/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Private to the recipe engine: the working frame a recipe runs on, the context a step
 * runs in, and helpers shared by the files that implement the steps. */

#include <string.h>

#include "easel-error.h"
#include "easel-recipe.h"

G_BEGIN_DECLS

/* Below this many rows, parallel loops are not worth starting threads for. */
#define EASEL_PREP_PARALLEL_ROWS 20000
/* Whether a loop over 'n' columns of 'rows' rows is worth running on several threads. */
#define EASEL_PREP_PARALLEL(n, rows) ((n) > 1 && (rows) >= EASEL_PREP_PARALLEL_ROWS)

/* The frame: the columns between two steps. Columns the steps have not touched are borrowed
 * from the input table (nothing is copied until the end); a renamed borrowed column is a
 * view (its own name, the input's arrays); new columns are owned. */
typedef enum
{
  EASEL_SLOT_BORROWED,
  EASEL_SLOT_VIEW,
  EASEL_SLOT_OWNED,
} EaselSlotKind;

typedef struct
{
  EaselColumn   *column;
  EaselSlotKind  kind;
} EaselSlot;

typedef struct
{
  GArray     *slots;    /* EaselSlot */
  gsize       n_rows;
  EaselTable *source;   /* keeps the borrowed columns alive */
} EaselFrame;

EaselFrame  *easel_frame_new             (EaselTable        *table);
void         easel_frame_free            (EaselFrame        *frame);
guint        easel_frame_get_n_columns   (const EaselFrame  *frame);
EaselColumn *easel_frame_get_column      (const EaselFrame  *frame,
                                          guint              index);
int          easel_frame_find            (const EaselFrame  *frame,
                                          const char        *name);
/* These take ownership of 'column'. */
void         easel_frame_replace_column  (EaselFrame        *frame,
                                          guint              index,
                                          EaselColumn       *column);
void         easel_frame_insert_column   (EaselFrame        *frame,
                                          guint              index,
                                          EaselColumn       *column);
void         easel_frame_remove_column   (EaselFrame        *frame,
                                          guint              index);
void         easel_frame_rename_column   (EaselFrame        *frame,
                                          guint              index,
                                          const char        *name);
void         easel_frame_move_column     (EaselFrame        *frame,
                                          guint              from,
                                          guint              to);
/* Keep the rows whose 'keep' byte is set ('n_kept' of them), in order. */
void         easel_frame_keep_rows       (EaselFrame        *frame,
                                          const guint8      *keep,
                                          gsize              n_kept);
/* Keep the first 'n' rows. */
void         easel_frame_head            (EaselFrame        *frame,
                                          gsize              n);
/* The frame as a table; borrowed columns are copied. The frame is left empty. */
EaselTable  *easel_frame_steal_table     (EaselFrame        *frame);
/* A temporary array of the columns (free with g_free). */
EaselColumn **easel_frame_dup_columns    (const EaselFrame  *frame);

/* Column helpers */

EaselColumn *easel_prep_column_copy      (const EaselColumn *column,
                                          const char        *name);
/* The rows whose 'keep' byte is set. Categories not used any more are dropped. */
EaselColumn *easel_prep_column_keep_rows (const EaselColumn *column,
                                          const guint8      *keep,
                                          gsize              n_kept);
/* A categorical column from codes into 'categories' (n of them, may hold duplicates and
 * unused strings): duplicates are merged and unused ones dropped, the rest kept in order of
 * first appearance in the rows. Takes ownership of 'codes'; copies the strings. */
EaselColumn *easel_prep_column_new_categorical (const char        *name,
                                                gsize              n_rows,
                                                gint32            *codes,
                                                const char *const *categories,
                                                guint32            n_categories);
/* A numeric column of 0/1/NaN. */
EaselColumn *easel_prep_column_new_numeric (const char *name,
                                            gsize       n_rows,
                                            double     *values);
/* For TEXT/CATEGORICAL: the bytes of the string at 'row' and its length (NULL if missing). */
static inline const char *
easel_prep_string (const EaselColumn *column,
                   gsize              row,
                   gsize             *len)
{
  if (column->type == EASEL_COLUMN_CATEGORICAL)
    {
      gint32 code = column->codes[row];
      if (code < 0)
        return NULL;
      *len = strlen (column->categories[code]);
      return column->categories[code];
    }
  if (easel_column_is_missing (column, row))
    return NULL;
  *len = column->offsets[row + 1] - column->offsets[row] - 1;
  return column->text + column->offsets[row];
}

static inline gboolean
easel_prep_is_string (const EaselColumn *column)
{
  return column->type == EASEL_COLUMN_CATEGORICAL || column->type == EASEL_COLUMN_TEXT;
}

/* Statistics, as numpy computes them: sums in pairs, quantiles by linear interpolation. */
/* The non-missing values of a numeric or datetime column, sorted ascending; *n gets the count. */
double      *easel_prep_sorted_values    (const EaselColumn *column,
                                          gsize             *n);
/* numpy's quantile (method "linear", its exact arithmetic) and median of sorted values. */
double       easel_prep_quantile         (const double      *sorted,
                                          gsize              n,
                                          double             q);
double       easel_prep_median           (const double      *sorted,
                                          gsize              n);
/* mean and population standard deviation (ddof = 0) of the non-missing values; NaN if none. */
void         easel_prep_mean_std         (const EaselColumn *column,
                                          double            *mean,
                                          double            *std);

/* A hash map from doubles (by value; -0.0 = 0.0, every NaN the same) to codes 0, 1, ... */
typedef struct
{
  guint64 *keys;
  guint32 *slots;   /* code + 1, 0 = empty */
  guint32  mask;
  guint32  n;
  guint32  cap;
} EaselDoubleIndex;

void         easel_double_index_init     (EaselDoubleIndex  *index);
void         easel_double_index_clear    (EaselDoubleIndex  *index);
/* The code of 'value', added if new (then *added is TRUE). */
guint32      easel_double_index_add      (EaselDoubleIndex  *index,
                                          double             value,
                                          gboolean          *added);
/* The code, or -1. */
gint64       easel_double_index_lookup   (const EaselDoubleIndex *index,
                                          double             value);
double       easel_double_index_value    (const EaselDoubleIndex *index,
                                          guint32            code);

/* Python's repr() of a float: the shortest digits that read back, "2.0", "1e-05". */
void         easel_prep_format_python_float (double value,
                                             char   buf[40]);

/* Running a step */

typedef struct
{
  EaselFrame       *frame;
  EaselStep        *step;
  guint             index;        /* from 0 */
  EaselStepReport  *report;
  GCancellable     *cancellable;
  gboolean          fitting;
} EaselStepRun;

typedef struct
{
  EaselStepInfo  info;   /* first: a const EaselStepInfo * is a const EaselOpClass * */
  /* Checks beyond what the parameter specs say (parameters alone, no table). */
  gboolean (*check) (const EaselStep *step,
                     guint            index,
                     GError         **error);
  /* Learn from the frame into 'fitted'. NULL for steps that learn nothing. */
  gboolean (*fit)   (EaselStepRun    *run,
                     JsonObject      *fitted,
                     GError         **error);
  /* Change the frame; 'fitted' is NULL for steps that learn nothing. Must not change the
   * frame when it fails. */
  gboolean (*apply) (EaselStepRun    *run,
                     JsonObject      *fitted,
                     GError         **error);
} EaselOpClass;

extern const EaselOpClass easel_op_drop_columns;
extern const EaselOpClass easel_op_rename_column;
extern const EaselOpClass easel_op_move_column;
extern const EaselOpClass easel_op_cast;
extern const EaselOpClass easel_op_drop_missing;
extern const EaselOpClass easel_op_impute;
extern const EaselOpClass easel_op_drop_duplicates;
extern const EaselOpClass easel_op_filter;
extern const EaselOpClass easel_op_strip;
extern const EaselOpClass easel_op_case;
extern const EaselOpClass easel_op_replace;
extern const EaselOpClass easel_op_clip_outliers;
extern const EaselOpClass easel_op_ordinal_encode;
extern const EaselOpClass easel_op_one_hot_encode;
extern const EaselOpClass easel_op_scale;
extern const EaselOpClass easel_op_bin;
extern const EaselOpClass easel_op_datetime_features;
extern const EaselOpClass easel_op_formula;

/* "Step 3 (impute)" — or "impute" when the index is G_MAXUINT (a step outside a recipe). */
char        *easel_prep_step_name        (guint              index,
                                          const char        *op);
/* An error that names the step and, if 'param' is not NULL, the parameter:
 * "Step 3 (impute), parameter “columns”: there is no column “agee”." */
void         easel_prep_set_error        (GError           **error,
                                          guint              index,
                                          const char        *op,
                                          int                code,
                                          const char        *param,
                                          const char        *format,
                                          ...) G_GNUC_PRINTF (6, 7);
#define easel_step_run_error(run, error, code, param, ...) \
  easel_prep_set_error ((error), (run)->index, easel_step_get_op ((run)->step), (code), (param), \
                        __VA_ARGS__)

/* Parameters, once checked against their specs. */
const char  *easel_prep_param_string     (const EaselStep   *step,
                                          const char        *name,
                                          const char        *fallback);
double       easel_prep_param_number     (const EaselStep   *step,
                                          const char        *name,
                                          double             fallback);
gboolean     easel_prep_param_boolean    (const EaselStep   *step,
                                          const char        *name,
                                          gboolean           fallback);

/* The frame index of the column named by a COLUMN parameter; -1 (and an error) if the frame
 * has no such column. */
int          easel_prep_resolve_column   (EaselStepRun      *run,
                                          const char        *param,
                                          GError           **error);
/* The frame indices of the columns named by a COLUMNS parameter (every column when the
 * parameter is absent and 'all_if_absent'); NULL (and an error) if one is missing. */
GArray      *easel_prep_resolve_columns  (EaselStepRun      *run,
                                          const char        *param,
                                          gboolean           all_if_absent,
                                          GError           **error);
/* An error unless the column has one of the types in 'mask' (1 << EaselColumnType). */
gboolean     easel_prep_require_type     (EaselStepRun      *run,
                                          const char        *param,
                                          const EaselColumn *column,
                                          guint              mask,
                                          const char        *needs,
                                          GError           **error);
#define EASEL_TYPE_BIT(t) (1u << (t))
#define EASEL_TYPES_STRING                                                                         \
  (EASEL_TYPE_BIT (EASEL_COLUMN_CATEGORICAL) | EASEL_TYPE_BIT (EASEL_COLUMN_TEXT))

/* An error unless no column of the frame (other than 'except', -1 for none) is called 'name'. */
gboolean     easel_prep_require_new_name (EaselStepRun      *run,
                                          const char        *param,
                                          const char        *name,
                                          int                except,
                                          GError           **error);

/* The fitted object's member 'name' for a column, or an error saying the step was fitted
 * without it (the recipe was edited or the file damaged). */
JsonNode    *easel_prep_fitted_member    (EaselStepRun      *run,
                                          JsonObject        *fitted,
                                          const char        *group,
                                          const char        *column,
                                          GError           **error);
/* A damaged fitted object. */
gboolean     easel_prep_fitted_error     (EaselStepRun      *run,
                                          const char        *what,
                                          GError           **error);

gboolean     easel_prep_cancelled        (EaselStepRun      *run,
                                          GError           **error);

G_END_DECLS
