/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-eval.h"
#include "easel-model.h"

G_BEGIN_DECLS

/* Train a model and measure it on rows it did not learn from, the one way both front ends
 * do it (easel-cli train and the Build page): a seeded split (stratified for classes),
 * k-fold cross-validation (the model kept is then fitted on every row), the rows of
 * another table, or no evaluation at all. */

typedef enum
{
  EASEL_HOLDOUT_SPLIT,  /* 'test_fraction' of the rows held out */
  EASEL_HOLDOUT_FOLDS,  /* 'folds'-fold cross-validation */
  EASEL_HOLDOUT_TABLE,  /* the rows of 'test_table' */
  EASEL_HOLDOUT_NONE,   /* every row trains; nothing is measured */
} EaselHoldout;

typedef struct
{
  EaselHoldout  holdout;
  double        test_fraction;  /* SPLIT: in (0, 1) */
  guint         folds;          /* FOLDS: 2 or more */
  EaselTable   *test_table;     /* TABLE */
  /* How messages name the tables ("iris.csv", "Test file t.csv"); NULL: "The table" and
   * "The test table". */
  const char   *table_name;
  const char   *test_name;
} EaselEvaluateOptions;

typedef struct
{
  EaselModel  *model;            /* the model to keep */
  const char  *mode;             /* "split", "cross-validation", "test-file" or "none" */
  GPtrArray   *folds;            /* EaselEvaluation *: one per fold, one for a split or a test
                                  * table, none without evaluation */
  gsize        n_train;
  gsize        n_test;
  double       train_seconds;    /* the fit alone; the mean over folds for cross-validation */
  double       predict_seconds;  /* likewise */
  GPtrArray   *warnings;         /* sentences from predicting the held-out rows */
  /* Every held-out row (pooled over folds), for plots: its truth and prediction
   * (regression), or its class and class probabilities (n_held × n_classes). */
  gsize        n_held;
  double      *truth;       /* regression */
  double      *predicted;   /* regression */
  gint32      *labels;      /* classification */
  double      *proba;       /* classification */
  guint        n_classes;
} EaselTrainReport;

/* Train 'algorithm' on 'table' to predict 'target' and evaluate it as 'evaluate' says.
 * Progress covers every fit; errors name the fold or the test table at fault.
 * 'train_options' may be NULL. Cancelled: G_IO_ERROR_CANCELLED. */
EaselTrainReport *easel_train_and_evaluate (const EaselAlgorithm       *algorithm,
                                            EaselTable                 *table,
                                            const char                 *target,
                                            const EaselDesignOptions   *design_options,
                                            const EaselTrainOptions    *train_options,
                                            const EaselEvaluateOptions *evaluate,
                                            EaselProgress              *progress,
                                            GCancellable               *cancellable,
                                            GError                    **error);
void              easel_train_report_free  (EaselTrainReport           *report);

/* The report as `easel-cli train --json` prints it: algorithm, problem, classes, rows,
 * seconds, every parameter, the metrics (means and deviations over folds), the confusion
 * matrix, notes and warnings; with 'curves' the ROC and precision-recall curves or the
 * residuals too. The model gets it (without curves, with a short ROC curve) as its
 * evaluation JSON when it is trained. */
char             *easel_train_report_to_json (const EaselTrainReport *report,
                                              gboolean                curves,
                                              gboolean                pretty);

/* The mean of a metric over the report's evaluations; NaN without one. */
double            easel_train_report_get   (const EaselTrainReport     *report,
                                            const char                 *metric);

/* The prediction of a table as a table: 'table''s columns, then "prediction" and, for
 * classes, "probability_<class>" for each class (a name already taken gets "_2", "_3"...).
 * This is what `easel-cli predict` writes. */
void              easel_prediction_add_columns (EaselTable            *table,
                                                const EaselModel      *model,
                                                const EaselPrediction *prediction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselTrainReport, easel_train_report_free)

G_END_DECLS
