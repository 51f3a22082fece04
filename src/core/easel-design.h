/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "easel-table.h"

G_BEGIN_DECLS

/* From a table to numbers a learner can use: the target (its problem type and classes)
 * and the feature encoders (imputation, standardisation, one-hot levels, date parts),
 * fitted on the training rows only and stored in the model, so every later row is
 * encoded exactly as the training rows were. */

typedef enum
{
  EASEL_PROBLEM_AUTO,
  EASEL_PROBLEM_REGRESSION,
  EASEL_PROBLEM_BINARY,
  EASEL_PROBLEM_MULTICLASS,
} EaselProblem;

const char *easel_problem_to_string   (EaselProblem  problem);
/* "auto", "regression", "binary", "multiclass"; FALSE if unknown. */
gboolean    easel_problem_from_string (const char   *name,
                                       EaselProblem *problem);

/* Above this many distinct values a numeric target is a regression target. */
#define EASEL_DESIGN_MAX_INTEGER_CLASSES 20
/* A categorical target may have at most this many classes (automatic detection). */
#define EASEL_DESIGN_MAX_CLASSES 100
/* Most frequent levels a categorical feature keeps by default; the rest become "other". */
#define EASEL_DESIGN_DEFAULT_MAX_LEVELS 20

typedef enum
{
  EASEL_FEATURE_NUMBER,     /* a number or a date part: imputed, maybe standardised */
  EASEL_FEATURE_BOOLEAN,    /* 0 or 1 */
  EASEL_FEATURE_INDICATOR,  /* one level of a categorical column: 0 or 1 */
  EASEL_FEATURE_CATEGORY,   /* a categorical column as its level 0..n_levels-1; -1 missing */
} EaselFeatureKind;

/* One column of the design matrix. */
typedef struct
{
  char             *name;      /* "age", "island=Biscoe", "date.month" */
  EaselFeatureKind  kind;
  guint             input;     /* the input column it comes from */
  guint             n_levels;  /* CATEGORY: levels, "other" included */
  double            center;    /* value = (x - center) / scale */
  double            scale;
} EaselFeature;

typedef enum
{
  EASEL_ENCODE_STANDARDIZE    = 1 << 0,  /* numbers to zero mean and unit variance */
  EASEL_ENCODE_CATEGORY_CODES = 1 << 1,  /* a categorical column as one CATEGORY feature */
  EASEL_ENCODE_KEEP_MISSING   = 1 << 2,  /* a missing number stays NaN (not imputed) */
} EaselEncodeFlags;

typedef struct
{
  EaselProblem        problem;     /* AUTO: decided from the target */
  const char         *positive;    /* binary: the positive class; NULL: the rarer class */
  guint               max_levels;  /* 0: EASEL_DESIGN_DEFAULT_MAX_LEVELS */
  const char *const  *exclude;     /* NULL-terminated: columns not to use as features */
} EaselDesignOptions;

typedef struct _EaselDesign EaselDesign;

/* Look at the target column of 'table': decide the problem type (unless given) and the
 * classes (sorted: numerically for numbers, by code point for strings). Fails with
 * EASEL_ERROR_NOT_FOUND for an unknown column and EASEL_ERROR_INVALID_ARGUMENT, with a
 * suggestion, for a target that cannot be predicted. 'options' may be NULL. */
EaselDesign  *easel_design_new               (EaselTable               *table,
                                              const char               *target,
                                              const EaselDesignOptions *options,
                                              GError                  **error);
void          easel_design_free              (EaselDesign *design);

const char   *easel_design_get_target        (const EaselDesign *design);
EaselColumnType easel_design_get_target_type (const EaselDesign *design);
EaselProblem  easel_design_get_problem       (const EaselDesign *design);
/* Classification: the classes, in order; 0 for regression. */
guint         easel_design_get_n_classes     (const EaselDesign *design);
const char   *easel_design_get_class         (const EaselDesign *design,
                                              guint              index);
/* Binary: the index of the positive class; -1 otherwise. */
int           easel_design_get_positive      (const EaselDesign *design);
/* Rows whose target was missing in the table given to easel_design_new(). */
gsize         easel_design_get_n_missing_target (const EaselDesign *design);

/* The target of every row of 'table' (the training table or another one with the same
 * target column): class indices, -1 where missing (classification), or values, NaN
 * where missing (regression). A class that the design does not know is an
 * EASEL_ERROR_INVALID_ARGUMENT error naming it. 'n_missing' may be NULL. */
gboolean      easel_design_get_labels        (const EaselDesign *design,
                                              EaselTable        *table,
                                              gint32            *labels,
                                              gsize             *n_missing,
                                              GError           **error);
gboolean      easel_design_get_values        (const EaselDesign *design,
                                              EaselTable        *table,
                                              double            *values,
                                              gsize             *n_missing,
                                              GError           **error);

/* Fit the feature encoders on 'rows' of 'table' (the training rows; NULL = all rows):
 * medians for imputation, means and standard deviations, categorical levels. Columns
 * that cannot be used (free text, no value in the training rows) are left out with a
 * note. Fails if no feature remains. */
gboolean      easel_design_fit               (EaselDesign       *design,
                                              EaselTable        *table,
                                              const guint32     *rows,
                                              gsize              n_rows,
                                              EaselEncodeFlags   flags,
                                              GError           **error);
EaselEncodeFlags easel_design_get_flags      (const EaselDesign *design);

guint         easel_design_get_n_features    (const EaselDesign *design);
const EaselFeature *easel_design_get_feature (const EaselDesign *design,
                                              guint              index);
/* The input columns (the table's columns other than the target and the excluded):
 * name, type at training time, and whether a feature came from it. */
guint         easel_design_get_n_inputs      (const EaselDesign *design);
const char   *easel_design_get_input_name    (const EaselDesign *design,
                                              guint              index);
EaselColumnType easel_design_get_input_type  (const EaselDesign *design,
                                              guint              index);
gboolean      easel_design_input_is_used     (const EaselDesign *design,
                                              guint              index);
/* Sentences for a person: columns left out and why. */
const GPtrArray *easel_design_get_notes      (const EaselDesign *design);
/* The same notes in the window's language (in English when the design was loaded). */
const GPtrArray *easel_design_get_shown_notes (const EaselDesign *design);

/* Columns that 'table' lacks among those the design uses, or NULL if none is missing
 * (NULL-terminated, free with g_strfreev). */
char        **easel_design_missing_columns   (const EaselDesign *design,
                                              EaselTable        *table);

/* Encode 'rows' of 'table' (NULL = all) as a float32 matrix, n_rows × n_features,
 * row-major. The table's columns are found by name; extra columns are ignored. A column
 * read with another type is converted (numbers written as text, and so on); a value that
 * cannot be converted is an EASEL_ERROR_TYPE error naming the column and the row, or the
 * line when 'line_of_first_row' is not 0 (the file line of the table's first row).
 * Categories never seen in training count as missing; 'warnings' (may be NULL) gets a
 * sentence per column where that happened. Free the result with g_free(). */
float        *easel_design_encode            (const EaselDesign *design,
                                              EaselTable        *table,
                                              const guint32     *rows,
                                              gsize              n_rows,
                                              gsize              line_of_first_row,
                                              GPtrArray         *warnings,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselDesign, easel_design_free)

G_END_DECLS
