/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-evaluate.h"
#include "easel-param-form.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* Build: train a model with a click. The column to predict (with its distribution) and
 * the problem type (detected, or chosen), an algorithm that can solve it with a form of
 * its parameters, how to measure it; Train runs on a worker thread with a progress bar, a
 * live loss curve and Cancel. Then the metrics, the confusion matrix and ROC curves (or
 * predicted against actual values and residuals), the columns that matter most, and
 * Save Model… and Predict a File…. */
#define EASEL_TYPE_BUILD_PAGE (easel_build_page_get_type ())
G_DECLARE_FINAL_TYPE (EaselBuildPage, easel_build_page, EASEL, BUILD_PAGE, GtkWidget)

GtkWidget              *easel_build_page_new              (void);
/* The table to learn from; a training under way is cancelled and results are dropped. */
void                    easel_build_page_set_table        (EaselBuildPage *self,
                                                           EaselTable     *table);
EaselTable             *easel_build_page_get_table        (EaselBuildPage *self);
/* The Prepare page's recipe (JSON) that made the table given to set_table, stored in
 * the model so that predictions replay it; NULL when the table is used as it is. */
void                    easel_build_page_set_recipe_json  (EaselBuildPage *self,
                                                           const char     *json);
/* The model of the last training, or NULL. */
const EaselModel       *easel_build_page_get_model        (EaselBuildPage *self);

/* What a person does on the page, for tests and debugging aids. */
gboolean                easel_build_page_set_target       (EaselBuildPage *self,
                                                           const char     *column);
const char             *easel_build_page_get_target       (EaselBuildPage *self);
void                    easel_build_page_set_problem      (EaselBuildPage *self,
                                                           EaselProblem    problem);
/* The problem type that training will use (AUTO when none can be). */
EaselProblem            easel_build_page_get_problem      (EaselBuildPage *self);
/* Why the target or the problem type chosen cannot be used, or NULL. */
const char             *easel_build_page_get_problem_error (EaselBuildPage *self);
/* The algorithms offered (those that can solve the problem), NULL-terminated. */
char                  **easel_build_page_list_algorithms  (EaselBuildPage *self);
gboolean                easel_build_page_set_algorithm    (EaselBuildPage *self,
                                                           const char     *name);
EaselParamForm         *easel_build_page_get_param_form   (EaselBuildPage *self);
/* SPLIT: 'value' is the share held out in percent; FOLDS: the number of folds. */
void                    easel_build_page_set_evaluation   (EaselBuildPage *self,
                                                           EaselHoldout    holdout,
                                                           double          value);
void                    easel_build_page_set_seed         (EaselBuildPage *self,
                                                           guint64         seed);
gboolean                easel_build_page_can_train        (EaselBuildPage *self);
void                    easel_build_page_train            (EaselBuildPage *self);
void                    easel_build_page_cancel           (EaselBuildPage *self);
/* Whether a training or a prediction runs. */
gboolean                easel_build_page_get_busy         (EaselBuildPage *self);
/* The last training's report, NULL if none succeeded; and why the last one failed. */
const EaselTrainReport *easel_build_page_get_report       (EaselBuildPage *self);
const char             *easel_build_page_get_error        (EaselBuildPage *self);
/* The text of a metric tile ("accuracy", "r2"...), or NULL if there is none. */
const char             *easel_build_page_get_metric_text  (EaselBuildPage *self,
                                                           const char     *metric);
/* Points the fit monitor sent during the last training (every fit counted). */
gsize                   easel_build_page_get_n_curve_points (EaselBuildPage *self);
gboolean                easel_build_page_save_model       (EaselBuildPage *self,
                                                           GFile          *file,
                                                           GError        **error);
/* Predicts the rows of a CSV file on a worker thread and writes them with their
 * predictions to 'output' (NULL: "<input>-predictions.csv" beside it), as
 * `easel-cli predict` does; a toast (or the error) tells how it went. */
void                    easel_build_page_predict_file     (EaselBuildPage *self,
                                                           GFile          *input,
                                                           GFile          *output);
/* The last notice shown in a toast ("Predicted 344 rows…") or error, or NULL. */
const char             *easel_build_page_get_last_notice  (EaselBuildPage *self);

G_END_DECLS
