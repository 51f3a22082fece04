/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "easel-eval.h"
#include "easel-model.h"
#include "easel-project.h"

G_BEGIN_DECLS

/* A model card: what a model is for, how it was made and how good it is, in the sections
 * and with the field names of SageMaker's model card JSON schema:
 *
 *   model_overview          model_description, model_owner, model_creator, problem_type,
 *                           algorithm_type, model_name, model_version, model_id
 *   intended_uses           purpose_of_model, intended_uses,
 *                           factors_affecting_model_efficiency, risk_rating (High, Medium,
 *                           Low, Unknown), explanations_for_risk_rating
 *   business_details        business_problem, business_stakeholders, line_of_business
 *   training_details        objective_function {function {function, facet, condition},
 *                           notes}, training_observations, training_job_details
 *                           {training_datasets, training_environment, training_metrics,
 *                           hyper_parameters}
 *   evaluation_details      [{name, evaluation_observation, datasets, metadata,
 *                           metric_groups [{name, metric_data [{name, type, value, notes,
 *                           x_axis_name, y_axis_name}]}]}], type one of number, string,
 *                           boolean, matrix, linear_graph, bar_chart
 *   additional_information  ethical_considerations, caveats_and_recommendations,
 *                           custom_details {KEY: text}
 *
 * Easel fills in what it knows from the model (dataset, recipe, algorithm and parameters,
 * metrics, confusion matrix, ROC curve, column impact); a person writes the rest through the
 * editable fields below. Everything read from a file or a project is checked: a card that
 * does not fit this layout is an error, never a crash. */

#define EASEL_CARD_MAX_CURVE_POINTS 20

typedef struct _EaselCard EaselCard;

typedef enum
{
  EASEL_CARD_FIELD_TEXT,       /* one line */
  EASEL_CARD_FIELD_LONG_TEXT,  /* paragraphs */
  EASEL_CARD_FIELD_CHOICE,     /* one of 'choices' */
} EaselCardFieldKind;

typedef struct
{
  const char         *path;     /* dotted: "intended_uses.risk_rating" */
  const char         *title;    /* "Risk rating" */
  EaselCardFieldKind  kind;
  const char *const  *choices;  /* CHOICE: NULL-terminated */
  const char         *hint;     /* one sentence for a person */
} EaselCardField;

/* The six section keys, in order, NULL-terminated; and a section's title ("Intended
 * uses"), NULL for an unknown key. */
const char *const    *easel_card_sections       (void);
const char           *easel_card_section_title  (const char *section);
/* The fields a person edits, in the order of the card (*n_fields set). Beside these,
 * "additional_information.custom_details.KEY" sets any custom detail and
 * "evaluation_details.N.evaluation_observation" the observation on evaluation N (from 0). */
const EaselCardField *easel_card_fields         (guint      *n_fields);
const EaselCardField *easel_card_find_field     (const char *path);

/* An empty card: the six sections, risk rating Unknown. */
EaselCard    *easel_card_new               (void);
/* A card filled in from a model stored as 'name' at 'version' and trained on 'dataset' (may
 * be NULL), with its evaluation JSON (as easel-cli train stores it; NULL: the model's
 * own). */
EaselCard    *easel_card_new_for_model     (const EaselModel *model,
                                            const char       *name,
                                            guint             version,
                                            const char       *dataset,
                                            const char       *evaluation_json);
/* Read a card's JSON. EASEL_ERROR_PARSE for what is not JSON, EASEL_ERROR_INVALID_ARGUMENT
 * naming the section or field that does not fit. */
EaselCard    *easel_card_new_from_json     (const char       *json,
                                            gssize            length,
                                            GError          **error);
EaselCard    *easel_card_copy              (const EaselCard  *card);
void          easel_card_free              (EaselCard        *card);

/* The card as SageMaker-style JSON with the six sections as top-level keys. */
char         *easel_card_to_json           (const EaselCard  *card,
                                            gboolean          pretty);
/* The card as Markdown: a heading per section, tables for metrics, the confusion matrix,
 * the ROC curve's points and the column impact. */
char         *easel_card_to_markdown       (const EaselCard  *card);
/* The card's JSON object, for renderers (borrowed; do not change it). */
JsonObject   *easel_card_get_root          (const EaselCard  *card);

/* The text at a dotted path, or NULL if unset or not text. */
const char   *easel_card_get_string        (const EaselCard  *card,
                                            const char       *path);
/* "model_name@model_version" for titles ("the model" if unknown); free it. */
char         *easel_card_dup_model_ref     (const EaselCard  *card);
/* Set an editable field (see above); an empty value clears it (a risk rating back to
 * Unknown). An unknown field, one Easel fills in, or a value not among the choices is an
 * EASEL_ERROR_INVALID_ARGUMENT error naming the field and what it accepts. */
gboolean      easel_card_set_field         (EaselCard        *card,
                                            const char       *path,
                                            const char       *value,
                                            GError          **error);
/* Set every editable field present in 'json' (a card, whole or in part, in the same
 * layout): what Easel fills in is skipped, anything unknown is an error naming it and
 * leaves the card unchanged. */
gboolean      easel_card_apply_json        (EaselCard        *card,
                                            const char       *json,
                                            gssize            length,
                                            GError          **error);

/* At most 'max_points' points of a monotone curve (x, y), evenly spread along its length,
 * the first and last kept. Returns how many were written to out_x, out_y. */
guint         easel_card_thin_curve        (const double     *x,
                                            const double     *y,
                                            gsize             n,
                                            guint             max_points,
                                            double           *out_x,
                                            double           *out_y);
/* 'evaluation_json' with the binary evaluation's ROC curve added as metrics.roc_curve
 * {fpr, tpr} of at most EASEL_CARD_MAX_CURVE_POINTS points, so that a card made later can
 * draw it. A copy of 'evaluation_json' when there is no curve. */
char         *easel_card_evaluation_add_roc (const char             *evaluation_json,
                                             const EaselEvaluation  *evaluation);

/* The card of a model version in a project: revision 'revision' (0 = the latest) or, when
 * the model has no card yet, one filled in from the model and its stored evaluation
 * (*out_revision is then 0). */
EaselCard    *easel_card_load              (EaselProject     *project,
                                            const char       *name,
                                            guint             version,
                                            guint             revision,
                                            guint            *out_revision,
                                            GError          **error);
/* Store the card as the next revision (who and when recorded). Returns it, 0 on error. */
guint         easel_card_save              (EaselCard        *card,
                                            EaselProject     *project,
                                            const char       *name,
                                            guint             version,
                                            const char       *who,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselCard, easel_card_free)

G_END_DECLS
