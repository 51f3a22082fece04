/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* A recipe: an ordered list of data preparation steps.
 *
 * Fitting learns what each step needs (means, categories, quantiles...) from a table and
 * gives a fitted recipe; applying runs a fitted recipe on any table with the same columns.
 * Both are JSON: {"version": 1, "steps": [{"op": "impute", "columns": [...], ...}, ...]},
 * where a fitted step keeps what it learned in a "fitted" object and a disabled step has
 * "enabled": false. Input tables are never changed: fit and apply return new tables.
 *
 * Errors name the step as "Step N (op)", N counting from 1, and the parameter at fault. */

typedef struct _EaselRecipe EaselRecipe;
typedef struct _EaselStep   EaselStep;

/* How a parameter is written in JSON, for a UI that builds a form for each step. */
typedef enum
{
  EASEL_STEP_PARAM_COLUMN,      /* a column name (string) */
  EASEL_STEP_PARAM_COLUMNS,     /* a non-empty array of column names */
  EASEL_STEP_PARAM_STRING,      /* any string */
  EASEL_STEP_PARAM_NUMBER,      /* a number */
  EASEL_STEP_PARAM_INTEGER,     /* a whole number */
  EASEL_STEP_PARAM_BOOLEAN,     /* true or false */
  EASEL_STEP_PARAM_CHOICE,      /* one of 'choices' */
  EASEL_STEP_PARAM_CHOICES,     /* a non-empty array of 'choices' */
  EASEL_STEP_PARAM_VALUE,       /* a value to compare with or fill in: string, number, boolean or
                            * an array of them */
  EASEL_STEP_PARAM_POSITION,    /* "start", "end", {"index": i} or {"after": "column"} */
  EASEL_STEP_PARAM_EXPRESSION,  /* a formula (see easel-formula.h) */
  EASEL_STEP_PARAM_ORDER,       /* an array of category names, or {"column": [names...]} */
  EASEL_STEP_PARAM_BINS,        /* a bin count, or an increasing array of bin edges */
} EaselStepParamKind;

typedef struct
{
  const char         *name;
  EaselStepParamKind      kind;
  gboolean            required;
  const char *const  *choices;        /* CHOICE, CHOICES: NULL-terminated; else NULL */
  const char         *default_json;   /* the value used when absent, as JSON; may be NULL */
  const char         *description;    /* one sentence for a tooltip */
} EaselStepParamSpec;

typedef struct
{
  const char           *op;
  const char           *label;        /* "Fill in missing values" */
  const char           *description;  /* one sentence */
  const EaselStepParamSpec *params;
  guint                 n_params;
  gboolean              needs_fit;    /* learns values from the table it is fitted on */
} EaselStepInfo;

/* What one step did to the table, for a summary. */
typedef struct
{
  guint     index;            /* position in the recipe, from 0 */
  char     *op;
  gboolean  skipped;          /* the step is disabled */
  gsize     rows_before;
  gsize     rows_after;
  guint     columns_before;
  guint     columns_after;
  gsize     values_changed;   /* cells given a new value: filled, clipped, scaled, encoded,
                               * replaced, converted... */
  gsize     values_missing;   /* values that became missing: failed conversions, categories
                               * not seen when fitting, values outside the bins */
  char    **columns_added;    /* NULL-terminated, in table order */
  char    **columns_removed;  /* NULL-terminated */
  char     *message;          /* one sentence saying what the step did */
  double    seconds;
} EaselStepReport;

/* The steps Easel knows, in the order a UI should offer them. */
const EaselStepInfo *const *easel_step_info_list   (guint *n_ops);
/* NULL if there is no such op. */
const EaselStepInfo        *easel_step_info_lookup (const char *op);
const EaselStepParamSpec       *easel_step_info_find_param (const EaselStepInfo *info,
                                                        const char          *name);

/* Steps */

/* A step with no parameters set; fails only for an unknown op. */
EaselStep   *easel_step_new              (const char       *op,
                                          GError          **error);
/* From the JSON object of one step (as in a recipe file). 'index' is used in messages. */
EaselStep   *easel_step_new_from_json    (JsonNode         *node,
                                          guint             index,
                                          GError          **error);
EaselStep   *easel_step_copy             (const EaselStep  *step);
void         easel_step_free             (EaselStep        *step);
JsonNode    *easel_step_to_json          (const EaselStep  *step);

const char  *easel_step_get_op           (const EaselStep  *step);
const EaselStepInfo *easel_step_get_info (const EaselStep  *step);
gboolean     easel_step_get_enabled      (const EaselStep  *step);
void         easel_step_set_enabled      (EaselStep        *step,
                                          gboolean          enabled);
/* A free-text note a person attaches to the step; may be NULL. */
const char  *easel_step_get_note         (const EaselStep  *step);
void         easel_step_set_note         (EaselStep        *step,
                                          const char       *note);

/* Parameters. Getters return NULL/defaults when the parameter is not set; setting any
 * parameter forgets what the step had learned (it must be fitted again). */
JsonNode    *easel_step_get_param        (const EaselStep  *step,
                                          const char       *name);
/* Takes ownership of 'value'; NULL removes the parameter. */
void         easel_step_set_param        (EaselStep        *step,
                                          const char       *name,
                                          JsonNode         *value);
/* The names of the parameters that are set, in the order they were set. */
GList       *easel_step_list_params      (const EaselStep  *step);
const char  *easel_step_get_string       (const EaselStep  *step,
                                          const char       *name);
void         easel_step_set_string       (EaselStep        *step,
                                          const char       *name,
                                          const char       *value);
void         easel_step_set_double       (EaselStep        *step,
                                          const char       *name,
                                          double            value);
void         easel_step_set_int          (EaselStep        *step,
                                          const char       *name,
                                          gint64            value);
void         easel_step_set_boolean      (EaselStep        *step,
                                          const char       *name,
                                          gboolean          value);
/* A NULL-terminated array of strings (a list of columns, categories or choices). */
void         easel_step_set_strv         (EaselStep         *step,
                                          const char        *name,
                                          const char *const *values);
char       **easel_step_dup_strv         (const EaselStep   *step,
                                          const char        *name);

/* What the step learned when fitted (NULL if not fitted). */
JsonObject  *easel_step_get_fitted       (const EaselStep  *step);
gboolean     easel_step_is_fitted        (const EaselStep  *step);
void         easel_step_clear_fitted     (EaselStep        *step);

/* The parameters alone, without a table: required ones present, types and choices right,
 * no unknown parameter, formulas that parse. */
gboolean     easel_step_check            (const EaselStep  *step,
                                          GError          **error);
/* A short sentence for a list of steps: "Fill in missing values of age (median)". */
char        *easel_step_describe         (const EaselStep  *step);

/* Recipes */

EaselRecipe *easel_recipe_new            (void);
EaselRecipe *easel_recipe_copy           (const EaselRecipe *recipe);
void         easel_recipe_free           (EaselRecipe       *recipe);

/* Reading checks the structure: valid JSON, a "steps" array, known ops, a supported
 * version. Parameters are checked by easel_recipe_check() and before fit/apply. */
EaselRecipe *easel_recipe_new_from_json  (const char        *data,
                                          gssize             length,
                                          GError           **error);
EaselRecipe *easel_recipe_new_from_node  (JsonNode          *node,
                                          GError           **error);
EaselRecipe *easel_recipe_new_from_file  (const char        *path,
                                          GError           **error);
JsonNode    *easel_recipe_to_json_node   (const EaselRecipe *recipe);
char        *easel_recipe_to_json        (const EaselRecipe *recipe,
                                          gboolean           pretty);
gboolean     easel_recipe_save           (const EaselRecipe *recipe,
                                          const char        *path,
                                          GError           **error);

guint        easel_recipe_get_n_steps    (const EaselRecipe *recipe);
/* Borrowed; valid until the step is removed. */
EaselStep   *easel_recipe_get_step       (const EaselRecipe *recipe,
                                          guint              index);
/* Take ownership of 'step'. */
void         easel_recipe_append_step    (EaselRecipe       *recipe,
                                          EaselStep         *step);
void         easel_recipe_insert_step    (EaselRecipe       *recipe,
                                          guint              index,
                                          EaselStep         *step);
void         easel_recipe_remove_step    (EaselRecipe       *recipe,
                                          guint              index);
/* Moves the step at 'from' so that it ends up at 'to'. */
void         easel_recipe_move_step      (EaselRecipe       *recipe,
                                          guint              from,
                                          guint              to);
/* Every enabled step that learns values has learned them. */
gboolean     easel_recipe_is_fitted      (const EaselRecipe *recipe);

/* Every step's parameters (easel_step_check), failing at the first bad step. */
gboolean     easel_recipe_check          (const EaselRecipe *recipe,
                                          GError           **error);

/* Learn each step's values from 'table', step after step (each step learns from the
 * output of the steps before it). Returns the fitted recipe (a new one); '*prepared', if
 * not NULL, gets the prepared table and '*reports' (EaselStepReport *) what each step did. */
EaselRecipe *easel_recipe_fit            (const EaselRecipe *recipe,
                                          EaselTable        *table,
                                          EaselTable       **prepared,
                                          GPtrArray        **reports,
                                          EaselProgress     *progress,
                                          GCancellable      *cancellable,
                                          GError           **error);
/* Run a fitted recipe on 'table'; a step that needs fitting and is not fitted is an error. */
EaselTable  *easel_recipe_apply          (const EaselRecipe *recipe,
                                          EaselTable        *table,
                                          GPtrArray        **reports,
                                          EaselProgress     *progress,
                                          GCancellable      *cancellable,
                                          GError           **error);
/* A fitted recipe as it is replayed on rows to predict: every row gets a prediction, so the
 * steps that remove rows (drop_missing, drop_duplicates, filter) are disabled and
 * clip_outliers clips where it removed, with the bounds learned from the training rows. */
EaselRecipe *easel_recipe_for_prediction (const EaselRecipe *fitted,
                                          GError           **error);
/* The recipe applied to the first 'n_rows' rows of 'table'. A recipe that is not fitted is
 * fitted on the whole table first, so that learned values are those of the real result. */
EaselTable  *easel_recipe_preview        (const EaselRecipe *recipe,
                                          EaselTable        *table,
                                          gsize              n_rows,
                                          GPtrArray        **reports,
                                          EaselProgress     *progress,
                                          GCancellable      *cancellable,
                                          GError           **error);
/* Check every step against 'table' (its first 'max_rows' rows; 0 = all), for a UI that shows
 * errors beside the steps. Returns one GError * per step, NULL where the step is fine (a
 * disabled step only has its parameters checked). A step that fails is left out and the
 * steps after it are checked on the table without it. NULL only when cancelled. */
GPtrArray   *easel_recipe_validate       (const EaselRecipe *recipe,
                                          EaselTable        *table,
                                          gsize              max_rows,
                                          GCancellable      *cancellable,
                                          GError           **error);

void         easel_step_report_free      (EaselStepReport   *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselStep, easel_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselRecipe, easel_recipe_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselStepReport, easel_step_report_free)

G_END_DECLS
