/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-design.h"
#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* One model interface for every algorithm: a registry of algorithms with their
 * parameters (names, defaults, ranges and a sentence each, for the Build page), training
 * from a table (encoders + fit, with progress, cancel, a seed and a loss-curve callback),
 * prediction, feature importance, and a versioned, checksummed binary form. */

/* Parameters */

typedef enum
{
  EASEL_PARAM_INT,
  EASEL_PARAM_DOUBLE,
  EASEL_PARAM_CHOICE,   /* one of 'choices'; the value is the index */
  EASEL_PARAM_INT_LIST, /* whole numbers separated by commas ("64,32"), each from 'min' to
                         * 'max', 1 to EASEL_PARAM_LIST_MAX of them; the value is their
                         * count (easel_params_get_int_list() gives them) */
} EaselParamType;

#define EASEL_PARAM_LIST_MAX 16

typedef enum
{
  EASEL_PARAM_MIN_EXCLUSIVE = 1 << 0,  /* the value must be greater than 'min' */
  EASEL_PARAM_LOG_SCALE     = 1 << 1,  /* a hint for sliders: the range spans decades */
  EASEL_PARAM_ZERO_IS_NONE  = 1 << 2,  /* 0 means "no limit"; "none" is accepted for it */
} EaselParamFlags;

typedef struct
{
  const char         *name;           /* as in --param NAME=VALUE */
  EaselParamType      type;
  double              default_value;  /* CHOICE: the index of the default; INT_LIST: the
                                       * default is a list of this one number */
  double              min;            /* INT, DOUBLE, INT_LIST: inclusive unless MIN_EXCLUSIVE */
  double              max;            /* inclusive */
  EaselParamFlags     flags;
  const char *const  *choices;        /* CHOICE: NULL-terminated */
  const char         *explanation;    /* one sentence for a person */
} EaselParamSpec;

/* Algorithms */

typedef struct _EaselAlgorithmOps EaselAlgorithmOps;

typedef struct
{
  const char              *name;            /* "logistic" */
  const char              *title;           /* "Logistic regression" */
  const char              *description;     /* one sentence */
  gboolean                 regression;      /* can predict numbers */
  gboolean                 classification;  /* can predict classes */
  EaselEncodeFlags         encoding;        /* how the design encodes features for it */
  const EaselParamSpec    *params;
  guint                    n_params;
  const EaselAlgorithmOps *ops;
} EaselAlgorithm;

/* All algorithms, NULL-terminated, in the order a person would try them. */
const EaselAlgorithm *const *easel_algorithms          (void);
/* NULL with EASEL_ERROR_NOT_FOUND (listing the names) if there is none by that name. */
const EaselAlgorithm        *easel_algorithm_find      (const char           *name,
                                                        GError              **error);
gboolean                     easel_algorithm_supports  (const EaselAlgorithm *algorithm,
                                                        EaselProblem          problem);
const EaselParamSpec        *easel_algorithm_find_param (const EaselAlgorithm *algorithm,
                                                         const char           *name);

/* A set of parameter values for one algorithm, starting at the defaults. */
typedef struct _EaselParams EaselParams;

EaselParams          *easel_params_new        (const EaselAlgorithm *algorithm);
EaselParams          *easel_params_copy       (const EaselParams    *params);
void                  easel_params_free       (EaselParams          *params);
const EaselAlgorithm *easel_params_get_algorithm (const EaselParams *params);
/* Set from text ("0.5", "1e-3", "distance", "none"). An unknown name or a value out of
 * range is an EASEL_ERROR_INVALID_ARGUMENT error naming the parameter and what it
 * accepts. */
gboolean              easel_params_set        (EaselParams          *params,
                                               const char           *name,
                                               const char           *value,
                                               GError              **error);
/* "NAME=VALUE", as given on the command line. */
gboolean              easel_params_parse      (EaselParams          *params,
                                               const char           *assignment,
                                               GError              **error);
gboolean              easel_params_set_number (EaselParams          *params,
                                               const char           *name,
                                               double                value,
                                               GError              **error);
/* The value (a CHOICE as its index, an INT_LIST as its count); NaN for an unknown name.
 * easel_params_set_number() sets an INT_LIST to a list of one. */
double                easel_params_get        (const EaselParams    *params,
                                               const char           *name);
/* The numbers of an INT_LIST (*n_values of them); NULL for an unknown name or another
 * type. */
const guint          *easel_params_get_int_list (const EaselParams  *params,
                                                 const char         *name,
                                                 guint              *n_values);
/* The value as text, as easel_params_set() reads it. */
char                 *easel_params_format     (const EaselParams    *params,
                                               guint                 index);

/* Training */

/* Called after each iteration of an iterative fit (from the fitting thread): the loss on
 * the training rows and, when the algorithm holds rows out, on those (else NaN). The UI
 * draws its live curve from it. */
typedef void (*EaselFitMonitor) (guint     iteration,
                                 double    train_loss,
                                 double    valid_loss,
                                 gpointer  user_data);

typedef struct
{
  const EaselParams  *params;        /* NULL: the algorithm's defaults */
  guint64             seed;
  EaselFitMonitor     monitor;       /* may be NULL */
  gpointer            monitor_data;
  /* Hook for recipes (issue 4): the recipe JSON that prepared 'table', stored in the
   * model so that predictions replay it. NULL when the table was used as is. */
  const char         *recipe_json;
} EaselTrainOptions;

typedef struct _EaselModel EaselModel;

/* Fit the encoders and the algorithm on 'rows' of 'table' (NULL = all rows); rows whose
 * target is missing are dropped and counted. Cancelled: G_IO_ERROR_CANCELLED. */
EaselModel   *easel_model_train        (const EaselAlgorithm     *algorithm,
                                        EaselTable               *table,
                                        const char               *target,
                                        const EaselDesignOptions *design_options,
                                        const guint32            *rows,
                                        gsize                     n_rows,
                                        const EaselTrainOptions  *options,
                                        EaselProgress            *progress,
                                        GCancellable             *cancellable,
                                        GError                  **error);
void          easel_model_free         (EaselModel *model);

const EaselAlgorithm *easel_model_get_algorithm (const EaselModel *model);
const EaselParams    *easel_model_get_params    (const EaselModel *model);
const EaselDesign    *easel_model_get_design    (const EaselModel *model);
/* The training record */
gsize         easel_model_get_train_rows    (const EaselModel *model);
gsize         easel_model_get_dropped_rows  (const EaselModel *model);  /* missing target */
double        easel_model_get_train_seconds (const EaselModel *model);  /* the fit alone */
guint64       easel_model_get_seed          (const EaselModel *model);
gint64        easel_model_get_created       (const EaselModel *model);  /* Unix time */
const char   *easel_model_get_recipe_json   (const EaselModel *model);
/* Free-form JSON about the model's evaluation, stored with it (may be NULL). */
const char   *easel_model_get_evaluation_json (const EaselModel *model);
void          easel_model_set_evaluation_json (EaselModel       *model,
                                               const char       *json);

/* One number per feature of the design (easel_design_get_feature()), larger = more
 * important, summing to 1; FALSE if the algorithm has no importance of its own. */
gboolean      easel_model_get_importance    (const EaselModel *model,
                                             double           *out);
/* The iterations the fitted model kept (boosting rounds, after early stopping); 0 for an
 * algorithm without them. */
guint         easel_model_get_iterations    (const EaselModel *model);

typedef struct
{
  gsize         n;
  EaselProblem  problem;
  guint         n_classes;
  double       *values;     /* regression: n predictions */
  double       *proba;      /* classification: n × n_classes probabilities */
  gint32       *classes;    /* classification: the most probable class of each row */
  GPtrArray    *warnings;   /* sentences, e.g. unseen categories */
  double        seconds;    /* the algorithm's prediction alone, without encoding */
} EaselPrediction;

/* Predict 'rows' of 'table' (NULL = all), rows as a person gives them: the model's recipe
 * (if it was trained on prepared rows) is replayed first, keeping every row (see
 * easel_recipe_for_prediction()). 'line_of_first_row' as in easel_design_encode(). */
EaselPrediction *easel_model_predict        (const EaselModel *model,
                                             EaselTable       *table,
                                             const guint32    *rows,
                                             gsize             n_rows,
                                             gsize             line_of_first_row,
                                             EaselProgress    *progress,
                                             GCancellable     *cancellable,
                                             GError          **error);
/* The same on rows already prepared by the model's recipe (e.g. the test rows of the
 * prepared table the model was trained on): the recipe is not replayed. */
EaselPrediction *easel_model_predict_prepared (const EaselModel *model,
                                               EaselTable       *table,
                                               const guint32    *rows,
                                               gsize             n_rows,
                                               gsize             line_of_first_row,
                                               EaselProgress    *progress,
                                               GCancellable     *cancellable,
                                               GError          **error);
/* On an encoded matrix (n × features): n values or n × n_classes probabilities. */
gboolean      easel_model_predict_matrix    (const EaselModel *model,
                                             const float      *x,
                                             gsize             n,
                                             double           *out,
                                             GCancellable     *cancellable,
                                             GError          **error);
void          easel_prediction_free         (EaselPrediction *prediction);

/* Serialisation: a versioned, checksummed blob holding the schema, the encoders, the
 * model and its training record. Loading a truncated, damaged or foreign blob fails
 * with EASEL_ERROR_CORRUPT; one made by a newer Easel with EASEL_ERROR_VERSION. */
GBytes       *easel_model_to_bytes          (const EaselModel *model);
EaselModel   *easel_model_from_bytes        (GBytes           *bytes,
                                             GError          **error);
gboolean      easel_model_save              (const EaselModel *model,
                                             const char       *path,
                                             GError          **error);
EaselModel   *easel_model_load              (const char       *path,
                                             GError          **error);

/* Threads for the data-parallel loops of learning (0: all cores). Results do not depend
 * on it. */
void          easel_learning_set_threads    (guint             n_threads);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselParams, easel_params_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselModel, easel_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselPrediction, easel_prediction_free)

G_END_DECLS
