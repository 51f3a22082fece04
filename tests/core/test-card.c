/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Model cards: filled in from a trained model, edited, kept with their history in a
 * project, JSON round trips; and the project format: a genuine format-1 file (made here
 * with format 1's DDL) is migrated to format 2 after a backup, with its data intact. */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "easel-core.h"
#include "easel-test-util.h"

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-card-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

/* 300 rows: y is "leave" mostly when x1 + (group == b) is large; x2 is noise. */
static EaselTable *
binary_table (void)
{
  g_autoptr(GString) csv = g_string_new ("x1,x2,group,y\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  EaselCsvOptions options;
  g_autoptr(GError) error = NULL;
  EaselTable *table;

  for (int i = 0; i < 300; i++)
    {
      double x1 = g_rand_double_range (rand, -2, 2), x2 = g_rand_double_range (rand, -1, 1);
      gboolean b = g_rand_boolean (rand);
      double z = 2.5 * x1 + (b ? 1.5 : -1.0) + g_rand_double_range (rand, -1.5, 1.5);
      g_string_append_printf (csv, "%.4f,%.4f,%s,%s\n", x1, x2, b ? "b" : "a",
                              z > 0 ? "leave" : "stay");
    }
  easel_csv_options_init (&options);
  table
      = easel_csv_read_data ("binary.csv", csv->str, csv->len, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return table;
}

typedef struct
{
  EaselModel      *model;
  EaselEvaluation *evaluation;
  char            *evaluation_json;
} Trained;

static void
trained_clear (Trained *t)
{
  easel_model_free (t->model);
  easel_evaluation_free (t->evaluation);
  g_free (t->evaluation_json);
}

/* Logistic regression evaluated on its own rows, with an evaluation JSON as easel-cli train stores
 * it. */
static void
train (EaselTable *table,
       Trained    *t)
{
  const EaselAlgorithm *alg = easel_algorithm_find ("logistic", NULL);
  g_autoptr(EaselParams) params = easel_params_new (alg);
  EaselTrainOptions options = { params, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselPrediction) pred = NULL;
  g_autofree gint32 *truth = g_new (gint32, easel_table_get_n_rows (table));
  g_autoptr(GString) json
      = g_string_new ("{\"evaluation\":\"split\",\"test_rows\":300,\"metrics\":{");
  const EaselDesign *design;
  g_autofree char *plain = NULL;

  t->model = easel_model_train (alg, table, "y", NULL, NULL, 0, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  design = easel_model_get_design (t->model);
  g_assert_true (easel_design_get_labels (design, table, truth, NULL, &error));
  pred = easel_model_predict (t->model, table, NULL, 0, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  t->evaluation = easel_evaluate_classifier (truth, pred->proba, pred->n, 2,
                                             easel_design_get_positive (design));
  g_assert_cmpuint (t->evaluation->roc.n, >, 30);
  for (guint i = 0; i < t->evaluation->n_metrics; i++)
    g_string_append_printf (json, "\"%s\":%.17g,", t->evaluation->names[i],
                            t->evaluation->values[i]);
  g_string_append_printf (json,
                          "\"confusion_matrix\":[[%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                          "],[%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "]]}}",
                          t->evaluation->confusion[0], t->evaluation->confusion[1],
                          t->evaluation->confusion[2], t->evaluation->confusion[3]);
  plain = g_string_free (g_steal_pointer (&json), FALSE);
  t->evaluation_json = easel_card_evaluation_add_roc (plain, t->evaluation);
}

static JsonObject *
find_metric (EaselCard  *card,
             const char *type)
{
  JsonArray *evaluations
      = json_object_get_array_member (easel_card_get_root (card), "evaluation_details");

  for (guint e = 0; e < json_array_get_length (evaluations); e++)
    {
      JsonArray *groups = json_object_get_array_member (
          json_array_get_object_element (evaluations, e), "metric_groups");
      for (guint g = 0; g < json_array_get_length (groups); g++)
        {
          JsonArray *data = json_object_get_array_member (json_array_get_object_element (groups, g),
                                                          "metric_data");
          for (guint i = 0; i < json_array_get_length (data); i++)
            {
              JsonObject *m = json_array_get_object_element (data, i);
              if (g_strcmp0 (json_object_get_string_member (m, "type"), type) == 0)
                return m;
            }
        }
    }
  return NULL;
}

static void
test_thin_curve (void)
{
  enum { N = 1000 };
  double x[N], y[N], ox[EASEL_CARD_MAX_CURVE_POINTS], oy[EASEL_CARD_MAX_CURVE_POINTS];
  guint n;

  for (int i = 0; i < N; i++)
    {
      x[i] = (double) i / (N - 1);
      y[i] = sqrt (x[i]);
    }
  n = easel_card_thin_curve (x, y, N, EASEL_CARD_MAX_CURVE_POINTS, ox, oy);
  g_assert_cmpuint (n, >=, EASEL_CARD_MAX_CURVE_POINTS - 2);
  g_assert_cmpuint (n, <=, EASEL_CARD_MAX_CURVE_POINTS);
  g_assert_cmpfloat (ox[0], ==, 0);
  g_assert_cmpfloat (ox[n - 1], ==, 1);
  g_assert_cmpfloat (oy[n - 1], ==, 1);
  for (guint i = 1; i < n; i++)
    {
      g_assert_cmpfloat (ox[i], >, ox[i - 1]);
      /* evenly spread along the curve: no gap longer than three marks */
      g_assert_cmpfloat (fabs (ox[i] - ox[i - 1]) + fabs (oy[i] - oy[i - 1]), <,
                         3.0 * 2 / (EASEL_CARD_MAX_CURVE_POINTS - 1));
    }
  /* Short curves are kept whole. */
  n = easel_card_thin_curve (x, y, 5, EASEL_CARD_MAX_CURVE_POINTS, ox, oy);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (oy[4], ==, y[4]);
}

static void
test_auto_fill (void)
{
  g_autoptr(EaselTable) table = binary_table ();
  Trained t = { 0 };
  g_autoptr(EaselCard) card = NULL;
  const EaselEvaluation *ev;
  JsonObject *matrix, *roc, *bars;
  JsonArray *value, *names;
  double sum = 0;
  g_autofree char *markdown = NULL;

  train (table, &t);
  ev = t.evaluation;
  card = easel_card_new_for_model (t.model, "churn", 3, "customers", t.evaluation_json);
  g_assert_cmpstr (easel_card_get_string (card, "model_overview.model_name"), ==, "churn");
  g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (easel_card_get_root (card), "model_overview"),
                       "model_version"),
                   ==, 3);
  g_assert_cmpstr (easel_card_get_string (card, "model_overview.problem_type"), ==,
                   "Binary Classification");
  g_assert_cmpstr (easel_card_get_string (card, "model_overview.algorithm_type"), ==,
                   "Logistic regression");
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "Unknown");
  g_assert_cmpstr (
      easel_card_get_string (card, "additional_information.custom_details.target_column"), ==, "y");
  easel_assert_contains (easel_card_get_string (card, "model_overview.model_description"),
                         "“customers”");
  for (const char *const *s = easel_card_sections (); *s != NULL; s++)
    g_assert_true (json_object_has_member (easel_card_get_root (card), *s));

  /* The confusion matrix as a matrix metric, the same counts. */
  matrix = find_metric (card, "matrix");
  g_assert_nonnull (matrix);
  value = json_object_get_array_member (matrix, "value");
  g_assert_cmpuint (json_array_get_length (value), ==, 2);
  for (guint r = 0; r < 2; r++)
    for (guint c = 0; c < 2; c++)
      g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (value, r), c), ==,
                       (gint64) ev->confusion[r * 2 + c]);
  names = json_object_get_array_member (matrix, "x_axis_name");
  for (guint c = 0; c < 2; c++)
    g_assert_cmpstr (json_array_get_string_element (names, c), ==,
                     easel_design_get_class (easel_model_get_design (t.model), c));
  g_assert_true (g_strcmp0 (json_array_get_string_element (names, 0), "leave") == 0 ||
                 g_strcmp0 (json_array_get_string_element (names, 0), "stay") == 0);

  /* The ROC curve: at most 20 points from (0, 0) to (1, 1), each a point of the full
   * curve. */
  roc = find_metric (card, "linear_graph");
  g_assert_nonnull (roc);
  value = json_object_get_array_member (roc, "value");
  g_assert_cmpuint (json_array_get_length (value), >=, 10);
  g_assert_cmpuint (json_array_get_length (value), <=, EASEL_CARD_MAX_CURVE_POINTS);
  for (guint i = 0; i < json_array_get_length (value); i++)
    {
      JsonArray *p = json_array_get_array_element (value, i);
      double fx = json_array_get_double_element (p, 0), fy = json_array_get_double_element (p, 1);
      gboolean on_curve = FALSE;
      for (gsize k = 0; k < ev->roc.n && !on_curve; k++)
        on_curve = ev->roc.x[k] == fx && ev->roc.y[k] == fy;
      g_assert_true (on_curve);
    }
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (value, 0), 0), ==,
                     0);
  g_assert_cmpfloat (
      json_array_get_double_element (
          json_array_get_array_element (value, json_array_get_length (value) - 1), 1),
      ==, 1);

  /* Column impact: one bar per input column, shares summing to 1, x1 first. */
  bars = find_metric (card, "bar_chart");
  g_assert_nonnull (bars);
  value = json_object_get_array_member (bars, "value");
  names = json_object_get_array_member (bars, "x_axis_name");
  g_assert_cmpuint (json_array_get_length (value), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "x1");
  for (guint i = 0; i < 3; i++)
    sum += json_array_get_double_element (value, i);
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);

  /* Simple metrics: accuracy as computed. */
  {
    JsonObject *accuracy = NULL;
    JsonArray  *groups = json_object_get_array_member (
         json_array_get_object_element (
             json_object_get_array_member (easel_card_get_root (card), "evaluation_details"), 0),
         "metric_groups");
    JsonArray *data
        = json_object_get_array_member (json_array_get_object_element (groups, 0), "metric_data");
    for (guint i = 0; i < json_array_get_length (data); i++)
      if (g_strcmp0 (
              json_object_get_string_member (json_array_get_object_element (data, i), "name"),
              "accuracy")
          == 0)
        accuracy = json_array_get_object_element (data, i);
    g_assert_nonnull (accuracy);
    g_assert_cmpstr (json_object_get_string_member (accuracy, "type"), ==, "number");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (accuracy, "value"),
                                    easel_evaluation_get (ev, "accuracy"), 1e-12);
  }

  markdown = easel_card_to_markdown (card);
  for (const char *const *s = easel_card_sections (); *s != NULL; s++)
    {
      g_autofree char *heading = g_strdup_printf ("\n## %s\n", easel_card_section_title (*s));
      easel_assert_contains (markdown, heading);
    }
  {
    g_autofree char *row = g_strdup_printf (
        "| **%s** |", easel_design_get_class (easel_model_get_design (t.model), 0));
    easel_assert_contains (markdown, row);
  }
  trained_clear (&t);
}

static void
test_edit (void)
{
  g_autoptr(EaselCard) card = easel_card_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_card_set_field (card, "intended_uses.risk_rating", "high", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "High");
  g_assert_true (easel_card_set_field (card, "model_overview.model_owner", "Data team", &error));
  g_assert_true (easel_card_set_field (card, "training_details.objective_function.function.facet",
                                       "auc", &error));
  g_assert_cmpstr (
      easel_card_get_string (card, "training_details.objective_function.function.facet"), ==,
      "AUC");
  g_assert_true (
      easel_card_set_field (card, "additional_information.custom_details.ticket", "ML-42", &error));
  g_assert_cmpstr (easel_card_get_string (card, "additional_information.custom_details.ticket"), ==,
                   "ML-42");

  /* Unknown field, bad value, a field Easel fills in: errors naming them; nothing changes. */
  g_assert_false (easel_card_set_field (card, "intended_uses.risk", "High", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  easel_assert_contains (error->message, "“intended_uses.risk”");
  g_clear_error (&error);
  g_assert_false (easel_card_set_field (card, "intended_uses.risk_rating", "Extreme", &error));
  easel_assert_contains (error->message, "“intended_uses.risk_rating”");
  easel_assert_contains (error->message, "High, Medium, Low, Unknown");
  g_clear_error (&error);
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "High");
  g_assert_false (easel_card_set_field (card, "model_overview.model_name", "other", &error));
  easel_assert_contains (error->message, "filled in by Easel");
  g_clear_error (&error);
  g_assert_false (
      easel_card_set_field (card, "evaluation_details.0.evaluation_observation", "x", &error));
  easel_assert_contains (error->message, "evaluation_details.0");
  g_clear_error (&error);

  /* Clearing: a field goes away, the risk rating goes back to Unknown. */
  g_assert_true (easel_card_set_field (card, "model_overview.model_owner", "", &error));
  g_assert_null (easel_card_get_string (card, "model_overview.model_owner"));
  g_assert_true (easel_card_set_field (card, "intended_uses.risk_rating", "", &error));
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "Unknown");

  /* apply_json: all or nothing */
  g_assert_true (easel_card_apply_json (
      card,
      "{\"intended_uses\":{\"risk_rating\":\"Low\",\"purpose_of_model\":\"P\"},"
      "\"model_overview\":{\"model_name\":\"ignored\",\"model_version\":9},"
      "\"additional_information\":{\"custom_details\":{\"k\":\"v\"}}}",
      -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "Low");
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.purpose_of_model"), ==, "P");
  g_assert_null (easel_card_get_string (card, "model_overview.model_name"));
  g_assert_cmpstr (easel_card_get_string (card, "additional_information.custom_details.k"), ==,
                   "v");
  g_assert_false (easel_card_apply_json (
      card, "{\"intended_uses\":{\"risk_rating\":\"Medium\",\"colour\":\"red\"}}", -1, &error));
  easel_assert_contains (error->message, "“intended_uses.colour”");
  g_clear_error (&error);
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "Low");
  g_assert_false (
      easel_card_apply_json (card, "{\"model_overview\":{\"model_owner\":7}}", -1, &error));
  easel_assert_contains (error->message, "“model_overview.model_owner” must be text");
  g_clear_error (&error);
  g_assert_false (easel_card_apply_json (card, "[1, 2", -1, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_PARSE);
}

static void
test_json_round_trip (void)
{
  g_autoptr(EaselTable) table = binary_table ();
  Trained t = { 0 };
  g_autoptr(EaselCard) card = NULL;
  g_autoptr(EaselCard) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  train (table, &t);
  card = easel_card_new_for_model (t.model, "m", 1, NULL, t.evaluation_json);
  g_assert_true (easel_card_set_field (card, "additional_information.ethical_considerations",
                                       "Line one.\n\nLine “two” | with a pipe.", &error));
  g_assert_true (
      easel_card_set_field (card, "evaluation_details.0.evaluation_observation", "Good.", &error));
  json = easel_card_to_json (card, TRUE);
  back = easel_card_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  again = easel_card_to_json (back, TRUE);
  g_assert_cmpstr (json, ==, again);
  g_assert_cmpstr (easel_card_get_string (back, "additional_information.ethical_considerations"),
                   ==, "Line one.\n\nLine “two” | with a pipe.");

  /* What does not fit the layout is refused, naming the place. */
  g_assert_null (easel_card_new_from_json ("{\"model_overview\":{},\"extra\":{}}", -1, &error));
  easel_assert_contains (error->message, "“extra”");
  g_clear_error (&error);
  g_assert_null (easel_card_new_from_json ("{\"evaluation_details\":{}}", -1, &error));
  easel_assert_contains (error->message, "evaluation_details");
  g_clear_error (&error);
  g_assert_null (
      easel_card_new_from_json ("{\"intended_uses\":{\"risk_rating\":\"Severe\"}}", -1, &error));
  easel_assert_contains (error->message, "“intended_uses.risk_rating”");
  g_clear_error (&error);
  g_assert_null (easel_card_new_from_json ("\"card\"", -1, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  trained_clear (&t);
}

static void
test_history (void)
{
  g_autofree char *path = temp_path ("history.easel");
  g_autoptr(EaselTable) table = binary_table ();
  g_autoptr(GError) error = NULL;
  Trained t = { 0 };

  train (table, &t);
  {
    g_autoptr(EaselProject) project = easel_project_create (path, &error);
    g_autoptr(EaselCard) card = NULL;
    guint revision = 99;

    g_assert_cmpint (
        easel_project_add_dataset (project, "customers", table, NULL, NULL, NULL, &error), >, 0);
    g_assert_cmpuint (easel_project_add_model (project, "churn", t.model, "customers",
                                               t.evaluation_json, "ann", &error),
                      ==, 1);
    g_assert_cmpuint (
        easel_project_add_model (project, "churn", t.model, "customers", NULL, "ann", &error), ==,
        2);
    /* No card yet: one filled in from the model and its stored evaluation. */
    card = easel_card_load (project, "churn", 1, 0, &revision, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (revision, ==, 0);
    g_assert_nonnull (find_metric (card, "linear_graph"));
    g_assert_true (easel_card_set_field (card, "intended_uses.risk_rating", "Medium", &error));
    g_assert_cmpuint (easel_card_save (card, project, "churn", 1, "ann", &error), ==, 1);
    g_assert_true (easel_card_set_field (card, "intended_uses.risk_rating", "High", &error));
    g_assert_cmpuint (easel_card_save (card, project, "churn", 1, "bob", &error), ==, 2);
    g_assert_no_error (error);
    /* Version 2 has its own card, without an evaluation. */
    g_clear_pointer (&card, easel_card_free);
    card = easel_card_load (project, "churn", 0, 0, &revision, &error);
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                                                     easel_card_get_root (card), "model_overview"),
                                                 "model_version"),
                     ==, 2);
    g_assert_null (find_metric (card, "matrix"));
    g_assert_nonnull (find_metric (card, "bar_chart"));
    g_assert_cmpuint (easel_project_add_prediction_run (project, "churn", 1, "new.csv", "out.csv",
                                                        120, 0.5, "cy", &error),
                      >, 0);
    g_assert_cmpuint (easel_project_save_card (project, "nope", 1, "{}", NULL, &error), ==, 0);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
    easel_assert_contains (error->message, "“nope”");
    g_clear_error (&error);
  }
  /* After reopening: the history, every revision, the run. */
  {
    g_autoptr(EaselProject) project
        = easel_project_open (path, EASEL_PROJECT_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) revisions
        = easel_project_list_card_revisions (project, "churn", 1, &error);
    g_autoptr(GPtrArray) runs = easel_project_list_prediction_runs (project, &error);
    g_autoptr(EaselCard) latest = NULL;
    g_autoptr(EaselCard) first = NULL;
    EaselProjectCounts counts;
    guint revision = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (revisions->len, ==, 2);
    g_assert_cmpstr (((EaselCardRevision *) revisions->pdata[0])->who, ==, "ann");
    g_assert_cmpstr (((EaselCardRevision *) revisions->pdata[1])->who, ==, "bob");
    g_assert_cmpuint (((EaselCardRevision *) revisions->pdata[1])->revision, ==, 2);
    g_assert_nonnull (((EaselCardRevision *) revisions->pdata[1])->created);
    latest = easel_card_load (project, "churn", 1, 0, &revision, &error);
    g_assert_cmpuint (revision, ==, 2);
    g_assert_cmpstr (easel_card_get_string (latest, "intended_uses.risk_rating"), ==, "High");
    first = easel_card_load (project, "churn", 1, 1, &revision, &error);
    g_assert_cmpuint (revision, ==, 1);
    g_assert_cmpstr (easel_card_get_string (first, "intended_uses.risk_rating"), ==, "Medium");
    g_assert_null (easel_card_load (project, "churn", 1, 7, NULL, &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND);
    easel_assert_contains (error->message, "revision 7");
    g_clear_error (&error);
    g_assert_cmpuint (runs->len, ==, 1);
    {
      const EaselPredictionRun *run = runs->pdata[0];
      g_assert_cmpstr (run->model, ==, "churn");
      g_assert_cmpuint (run->version, ==, 1);
      g_assert_cmpstr (run->input, ==, "new.csv");
      g_assert_cmpuint (run->n_rows, ==, 120);
      g_assert_cmpfloat (run->seconds, ==, 0.5);
      g_assert_cmpstr (run->who, ==, "cy");
    }
    g_assert_true (easel_project_get_counts (project, &counts, &error));
    g_assert_cmpuint (counts.n_models, ==, 2);
    g_assert_cmpuint (counts.n_cards, ==, 1);
    g_assert_cmpuint (counts.n_card_revisions, ==, 2);
    g_assert_cmpuint (counts.n_prediction_runs, ==, 1);
  }
  trained_clear (&t);
}

/* ------------------------------------------------------------------------------------------ */
/* Migration from project format 1                                                             */

/* Format 1's schema, as Easel 0.1 wrote it. */
static const char *const v1_ddl[] = {
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE datasets ("
  " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT, created TEXT NOT NULL,"
  " n_rows INTEGER NOT NULL, n_columns INTEGER NOT NULL, data BLOB NOT NULL)",
  "CREATE TABLE recipes ("
  " id INTEGER PRIMARY KEY, dataset_id INTEGER REFERENCES datasets (id), name TEXT,"
  " json TEXT NOT NULL, created TEXT NOT NULL)",
  "CREATE TABLE models ("
  " id INTEGER PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,"
  " dataset_id INTEGER REFERENCES datasets (id), recipe_id INTEGER REFERENCES recipes (id),"
  " algorithm TEXT NOT NULL, problem TEXT NOT NULL, target TEXT NOT NULL,"
  " status TEXT NOT NULL DEFAULT 'Draft', blob BLOB NOT NULL, created TEXT NOT NULL,"
  " UNIQUE (name, version))",
  "CREATE TABLE model_status ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " status TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL)",
  "CREATE TABLE evaluations ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " json TEXT NOT NULL, created TEXT NOT NULL)",
  "CREATE TABLE cards ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " revision INTEGER NOT NULL, json TEXT NOT NULL, created TEXT NOT NULL,"
  " UNIQUE (model_id, revision))",
  "CREATE TABLE predictions ("
  " id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models (id),"
  " input TEXT, output TEXT, n_rows INTEGER, created TEXT NOT NULL)",
  NULL
};

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int           i,
            GBytes       *bytes)
{
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  sqlite3_bind_blob64 (stmt, i, data, size, SQLITE_TRANSIENT);
}

/* A format-1 project holding a dataset, a model with its status and evaluation, a card
 * revision and a prediction, in WAL mode as Easel 0.1 left it. 'extra' runs last. */
static void
write_v1_project (const char       *path,
                  EaselTable       *table,
                  const EaselModel *model,
                  const char       *evaluation_json,
                  const char       *extra)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GBytes) table_bytes = easel_table_to_bytes (table);
  g_autoptr(GBytes) model_bytes = easel_model_to_bytes (model);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "PRAGMA journal_mode = WAL; BEGIN");
  for (guint i = 0; v1_ddl[i] != NULL; i++)
    exec_ok (db, v1_ddl[i]);
  exec_ok (
      db,
      "PRAGMA application_id = 1161909068; PRAGMA user_version = 1;"
      "INSERT INTO meta VALUES ('created', '2026-01-02T03:04:05Z'), ('created_by', 'Easel 0.1.0')");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO datasets VALUES (1, 'customers', 'c.csv', "
                                       "'2026-01-02T03:04:05Z', ?, ?, ?)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) easel_table_get_n_rows (table));
  sqlite3_bind_int64 (stmt, 2, easel_table_get_n_columns (table));
  bind_bytes (stmt, 3, table_bytes);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (
                       db,
                       "INSERT INTO models VALUES (1, 'churn', 1, 1, NULL, 'logistic', 'binary', "
                       "'y', 'Approved', ?, '2026-01-02T03:04:05Z')",
                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  bind_bytes (stmt, 1, model_bytes);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "INSERT INTO evaluations VALUES (1, 1, ?, '2026-01-02T03:04:05Z')",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, evaluation_json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  exec_ok (db, "INSERT INTO model_status VALUES (1, 1, 'Draft', 'ann', '2026-01-02T03:04:05Z'),"
               " (2, 1, 'Approved', 'bob', '2026-01-03T03:04:05Z');"
               "INSERT INTO cards VALUES (1, 1, 1, '{\"intended_uses\":{\"risk_rating\":\"Low\"},"
               "\"model_overview\":{\"model_name\":\"churn\",\"model_version\":1}}', "
               "'2026-01-04T00:00:00Z');"
               "INSERT INTO predictions VALUES (1, 1, 'old.csv', 'old-out.csv', 42, "
               "'2026-01-05T00:00:00Z')");
  if (extra != NULL)
    exec_ok (db, extra);
  exec_ok (db, "COMMIT");
  sqlite3_close (db);
}

static int
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static void
assert_v1_data (EaselProject *project,
                EaselTable   *table,
                const char   *evaluation_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselTable) stored = easel_project_load_dataset (project, "customers", &error);
  g_autoptr(EaselModel) model = easel_project_load_model (project, "churn", 1, &error);
  g_autoptr(GPtrArray) models = easel_project_list_models (project, &error);
  g_autoptr(GPtrArray) revisions = easel_project_list_card_revisions (project, "churn", 1, &error);
  g_autoptr(GPtrArray) runs = easel_project_list_prediction_runs (project, &error);
  g_autoptr(EaselCard) card = easel_card_load (project, "churn", 1, 0, NULL, &error);
  g_autofree char *evaluation = easel_project_load_evaluation (project, "churn", 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (easel_table_get_n_rows (stored), ==, easel_table_get_n_rows (table));
  for (guint c = 0; c < easel_table_get_n_columns (table); c++)
    for (gsize i = 0; i < easel_table_get_n_rows (table); i += 37)
      {
        g_autofree char *a = easel_column_dup_value (easel_table_get_column (table, c), i);
        g_autofree char *b = easel_column_dup_value (easel_table_get_column (stored, c), i);
        g_assert_cmpstr (a, ==, b);
      }
  g_assert_cmpstr (easel_model_get_algorithm (model)->name, ==, "logistic");
  g_assert_cmpuint (models->len, ==, 1);
  g_assert_cmpstr (((EaselModelInfo *) models->pdata[0])->status, ==, "Approved");
  g_assert_cmpstr (((EaselModelInfo *) models->pdata[0])->dataset, ==, "customers");
  g_assert_cmpstr (evaluation, ==, evaluation_json);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpstr (((EaselCardRevision *) revisions->pdata[0])->who, ==, "");
  g_assert_cmpstr (easel_card_get_string (card, "intended_uses.risk_rating"), ==, "Low");
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (((EaselPredictionRun *) runs->pdata[0])->input, ==, "old.csv");
  g_assert_cmpuint (((EaselPredictionRun *) runs->pdata[0])->n_rows, ==, 42);
  g_assert_true (isnan (((EaselPredictionRun *) runs->pdata[0])->seconds));
}

static void
test_migrate_v1 (void)
{
  g_autofree char *path = temp_path ("old.easel");
  g_autofree char *backup = g_strconcat (path, ".v1-backup", NULL);
  g_autoptr(EaselTable) table = binary_table ();
  g_autoptr(GError) error = NULL;
  Trained t = { 0 };

  train (table, &t);
  write_v1_project (path, table, t.model, t.evaluation_json, NULL);
  g_assert_cmpint (user_version (path), ==, 1);

  /* Read-only: left as it is, and still readable. */
  {
    g_autoptr(EaselProject) project
        = easel_project_open (path, EASEL_PROJECT_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_cmpint (easel_project_get_schema_version (project), ==, 1);
    g_assert_null (easel_project_get_backup_path (project));
    assert_v1_data (project, table, t.evaluation_json);
  }
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (user_version (path), ==, 1);

  /* For writing: a backup first, then format 2, the data intact. */
  {
    g_autoptr(EaselProject) project = easel_project_open (path, 0, &error);
    g_autoptr(EaselCard) card = NULL;
    g_autoptr(GPtrArray) revisions = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (easel_project_get_schema_version (project), ==, EASEL_PROJECT_SCHEMA_VERSION);
    g_assert_cmpstr (easel_project_get_backup_path (project), ==, backup);
    assert_v1_data (project, table, t.evaluation_json);
    /* What format 2 adds works on the migrated file. */
    card = easel_card_load (project, "churn", 1, 0, NULL, &error);
    g_assert_true (easel_card_set_field (card, "intended_uses.risk_rating", "High", &error));
    g_assert_cmpuint (easel_card_save (card, project, "churn", 1, "dee", &error), ==, 2);
    g_assert_cmpint (easel_project_add_prediction_run (project, "churn", 1, "new.csv", NULL, 7,
                                                       0.25, "dee", &error),
                     >, 0);
    g_assert_no_error (error);
    revisions = easel_project_list_card_revisions (project, "churn", 1, &error);
    g_assert_cmpstr (((EaselCardRevision *) revisions->pdata[1])->who, ==, "dee");
  }
  g_assert_cmpint (user_version (path), ==, EASEL_PROJECT_SCHEMA_VERSION);

  /* The backup is the format-1 project as it was. */
  g_assert_cmpint (user_version (backup), ==, 1);
  {
    g_autoptr(EaselProject) old = easel_project_open (backup, EASEL_PROJECT_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_cmpint (easel_project_get_schema_version (old), ==, 1);
    assert_v1_data (old, table, t.evaluation_json);
  }

  /* Opening again migrates nothing more. */
  {
    g_autoptr(EaselProject) project = easel_project_open (path, 0, &error);
    g_autoptr(GPtrArray) runs = easel_project_list_prediction_runs (project, &error);
    g_assert_no_error (error);
    g_assert_null (easel_project_get_backup_path (project));
    g_assert_cmpuint (runs->len, ==, 2);
    g_assert_cmpfloat (((EaselPredictionRun *) runs->pdata[1])->seconds, ==, 0.25);
  }
  trained_clear (&t);
}

/* A migration that fails leaves the project as it was (one transaction) and the backup. */
static void
test_migrate_fails (void)
{
  g_autofree char *path = temp_path ("odd.easel");
  g_autofree char *backup = g_strconcat (path, ".v1-backup", NULL);
  g_autofree char *second = g_strconcat (path, ".v1-backup-2", NULL);
  g_autoptr(EaselTable) table = binary_table ();
  g_autoptr(GError) error = NULL;
  Trained t = { 0 };

  train (table, &t);
  /* The index format 2 creates is already there, under another table's name clash. */
  write_v1_project (path, table, t.model, t.evaluation_json,
                    "CREATE TABLE predictions_by_model (x)");
  g_assert_null (easel_project_open (path, 0, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
  easel_assert_contains (error->message, "odd.easel");
  easel_assert_contains (error->message, "left unchanged");
  g_clear_error (&error);
  g_assert_cmpint (user_version (path), ==, 1);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  {
    g_autoptr(EaselProject) project
        = easel_project_open (path, EASEL_PROJECT_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    assert_v1_data (project, table, t.evaluation_json);
  }
  /* A second attempt does not overwrite the first backup. */
  g_assert_null (easel_project_open (path, 0, &error));
  g_assert_true (g_file_test (second, G_FILE_TEST_EXISTS));
  trained_clear (&t);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/card/thin-curve", test_thin_curve);
  easel_test_add ("/card/auto-fill", test_auto_fill);
  easel_test_add ("/card/edit", test_edit);
  easel_test_add ("/card/json-round-trip", test_json_round_trip);
  easel_test_add ("/card/history", test_history);
  easel_test_add ("/card/migrate-v1", test_migrate_v1);
  easel_test_add ("/card/migrate-fails", test_migrate_fails);
  return g_test_run ();
}
