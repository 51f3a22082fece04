/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <math.h>
#include <string.h>

#include "config.h"

#include "easel-card.h"
#include "easel-error.h"
#include "easel-json.h"
#include "easel-names.h"

/* Section and field titles and hints are English here and marked for translation: the
 * window shows them through gettext (the core itself does not translate). */
#define N_(text) (text)

struct _EaselCard
{
  JsonNode *root;  /* an object with the six sections */
};

static const char *const sections[] = {
  "model_overview", "intended_uses", "business_details", "training_details", "evaluation_details",
  "additional_information", NULL
};

static const char *const section_titles[] = {
  N_("Model overview"), N_("Intended uses"), N_("Business details"), N_("Training details"),
  N_("Evaluation details"), N_("Additional information"),
};

static const char *const risk_ratings[] = { "High", "Medium", "Low", "Unknown", NULL };
static const char *const objective_directions[] = { "Maximize", "Minimize", NULL };
static const char *const objective_facets[] = { "Loss", "Accuracy", "RMSE", "MAE", "AUC", NULL };

static const EaselCardField fields[] = {
  { "model_overview.model_description", N_("Description"), EASEL_CARD_FIELD_LONG_TEXT, NULL,
    N_("What the model does, in a few sentences.") },
  { "model_overview.model_owner", N_("Owner"), EASEL_CARD_FIELD_TEXT, NULL,
    N_("The person or group who maintains the model.") },
  { "model_overview.model_creator", N_("Creator"), EASEL_CARD_FIELD_TEXT, NULL,
    N_("The people or organisation who made the model.") },
  { "model_overview.problem_type", N_("Problem type"), EASEL_CARD_FIELD_TEXT, NULL,
    N_("The kind of problem the model solves.") },
  { "model_overview.algorithm_type", N_("Algorithm"), EASEL_CARD_FIELD_TEXT, NULL,
    N_("The algorithm that solves it.") },
  { "intended_uses.purpose_of_model", N_("Purpose"), EASEL_CARD_FIELD_LONG_TEXT, NULL,
    N_("The general purpose of the model.") },
  { "intended_uses.intended_uses", N_("Intended uses"), EASEL_CARD_FIELD_LONG_TEXT, NULL,
    N_("Who should use the model, and for what.") },
  { "intended_uses.factors_affecting_model_efficiency", N_("Factors affecting efficiency"),
    EASEL_CARD_FIELD_LONG_TEXT, NULL, N_("What makes the model work better or worse.") },
  { "intended_uses.risk_rating", N_("Risk rating"), EASEL_CARD_FIELD_CHOICE, risk_ratings,
    N_("Your organisation's rating of the risk of using the model.") },
  { "intended_uses.explanations_for_risk_rating", N_("Explanation of the risk rating"),
    EASEL_CARD_FIELD_LONG_TEXT, NULL, N_("Why the model has this risk rating.") },
  { "business_details.business_problem", N_("Business problem"), EASEL_CARD_FIELD_LONG_TEXT, NULL,
    N_("The business problem the model addresses.") },
  { "business_details.business_stakeholders", N_("Stakeholders"), EASEL_CARD_FIELD_TEXT, NULL,
    N_("Who has a stake in the model.") },
  { "business_details.line_of_business", N_("Line of business"), EASEL_CARD_FIELD_TEXT, NULL,
    N_("The line of business the model serves.") },
  { "training_details.objective_function.function.function", N_("Objective"),
    EASEL_CARD_FIELD_CHOICE, objective_directions,
    N_("Whether training maximises or minimises its objective.") },
  { "training_details.objective_function.function.facet", N_("Objective metric"),
    EASEL_CARD_FIELD_CHOICE, objective_facets, N_("The quantity training optimises.") },
  { "training_details.objective_function.function.condition", N_("Objective condition"),
    EASEL_CARD_FIELD_TEXT, NULL, N_("Any condition on the objective.") },
  { "training_details.objective_function.notes", N_("Objective notes"), EASEL_CARD_FIELD_LONG_TEXT,
    NULL, N_("Notes on the objective.") },
  { "training_details.training_observations", N_("Training observations"),
    EASEL_CARD_FIELD_LONG_TEXT, NULL, N_("What was seen while training.") },
  { "additional_information.ethical_considerations", N_("Ethical considerations"),
    EASEL_CARD_FIELD_LONG_TEXT, NULL, N_("Fairness, privacy and other ethical points.") },
  { "additional_information.caveats_and_recommendations", N_("Caveats and recommendations"),
    EASEL_CARD_FIELD_LONG_TEXT, NULL, N_("Limits of the model and advice for its users.") },
};

/* Filled in by Easel: read, shown and exported, never edited. */
static const char *const automatic[] = {
  "model_overview.model_name", "model_overview.model_version", "model_overview.model_id",
  "model_overview.model_artifact", "model_overview.inference_environment",
  "training_details.training_job_details", NULL
};

static const char *const evaluation_automatic[] = {
  "name", "datasets", "metadata", "metric_groups", "evaluation_job_arn", NULL
};

#define CUSTOM_PREFIX "additional_information.custom_details."

const char *const *
easel_card_sections (void)
{
  return sections;
}

const char *
easel_card_section_title (const char *section)
{
  for (guint i = 0; sections[i] != NULL; i++)
    if (g_strcmp0 (sections[i], section) == 0)
      return section_titles[i];
  return NULL;
}

const EaselCardField *
easel_card_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const EaselCardField *
easel_card_find_field (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].path, path) == 0)
      return &fields[i];
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Checked access to JSON that may come from anyone                                             */

static JsonObject *
root_object (const EaselCard *card)
{
  return json_node_get_object (card->root);
}

/* The object holding the last component of 'path', created on the way when 'create'. */
static JsonObject *
parent_of (JsonObject  *object,
           const char  *path,
           gboolean     create,
           const char **leaf)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n && object != NULL; i++)
    {
      JsonObject *next = easel_json_member_object (object, parts[i]);
      if (next == NULL && create)
        {
          next = json_object_new ();
          json_object_set_object_member (object, parts[i], next);
        }
      object = next;
    }
  *leaf = strrchr (path, '.') ? strrchr (path, '.') + 1 : path;
  return object;
}

const char *
easel_card_get_string (const EaselCard *card,
                       const char      *path)
{
  const char *leaf;
  JsonObject *parent = parent_of (root_object (card), path, FALSE, &leaf);

  return easel_json_member_string (parent, leaf);
}

static void
put_string (EaselCard  *card,
            const char *path,
            const char *value)
{
  const char *leaf;
  JsonObject *parent = parent_of (root_object (card), path, TRUE, &leaf);

  if (value == NULL || *value == '\0')
    json_object_remove_member (parent, leaf);
  else
    json_object_set_string_member (parent, leaf, value);
}

char *
easel_card_dup_model_ref (const EaselCard *card)
{
  JsonObject *overview = easel_json_member_object (root_object (card), "model_overview");
  const char *name = easel_json_member_string (overview, "model_name");
  double      version
      = easel_json_node_number (overview ? json_object_get_member (overview, "model_version") : NULL);

  if (name == NULL)
    return g_strdup ("the model");
  if (isfinite (version))
    return g_strdup_printf ("%s@%g", name, version);
  return g_strdup (name);
}

/* ------------------------------------------------------------------------------------------ */
/* Making and reading cards                                                                     */

static void
ensure_sections (EaselCard *card)
{
  JsonObject *root = root_object (card);

  for (guint i = 0; sections[i] != NULL; i++)
    if (!json_object_has_member (root, sections[i]))
      {
        if (strcmp (sections[i], "evaluation_details") == 0)
          json_object_set_array_member (root, sections[i], json_array_new ());
        else
          json_object_set_object_member (root, sections[i], json_object_new ());
      }
  if (easel_card_get_string (card, "intended_uses.risk_rating") == NULL)
    put_string (card, "intended_uses.risk_rating", "Unknown");
}

EaselCard *
easel_card_new (void)
{
  EaselCard *card = g_new0 (EaselCard, 1);

  card->root = json_node_init_object (json_node_alloc (), json_object_new ());
  ensure_sections (card);
  return card;
}

/* json_node_copy() shares objects and arrays; a card's copy must not. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *in = json_node_get_object (node), *out = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (in);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (out, l->data, deep_copy (json_object_get_member (in, l->data)));
      return json_node_init_object (json_node_alloc (), out);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node),
                *out = json_array_sized_new (json_array_get_length (in));

      for (guint i = 0; i < json_array_get_length (in); i++)
        json_array_add_element (out, deep_copy (json_array_get_element (in, i)));
      return json_node_init_array (json_node_alloc (), out);
    }
  return json_node_copy (node);
}

EaselCard *
easel_card_copy (const EaselCard *card)
{
  EaselCard *copy = g_new0 (EaselCard, 1);

  copy->root = deep_copy (card->root);
  return copy;
}

void
easel_card_free (EaselCard *card)
{
  if (card == NULL)
    return;
  json_node_unref (card->root);
  g_free (card);
}

JsonObject *
easel_card_get_root (const EaselCard *card)
{
  return root_object (card);
}

/* The layout every card must have: sections of the right kind, a known risk rating and
 * choices, text where text is edited. */
static gboolean
check_layout (JsonObject  *root,
              GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (root);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (root, key);
      gboolean array = g_strcmp0 (key, "evaluation_details") == 0;

      if (easel_card_section_title (key) == NULL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "“%s” is not a section of a model card (the sections are model_overview, "
                       "intended_uses, business_details, training_details, evaluation_details and "
                       "additional_information).", key);
          return FALSE;
        }
      if (array ? !JSON_NODE_HOLDS_ARRAY (node) : !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "The section “%s” of the model card must be %s.", key,
                       array ? "a list of evaluations" : "an object");
          return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *leaf;
      JsonObject *parent = NULL;
      JsonNode *node;
      const char *text;

      /* Intermediate objects of the path must be objects when present. */
      {
        g_auto(GStrv) parts = g_strsplit (fields[i].path, ".", -1);
        JsonObject *o = root;
        for (guint k = 0; parts[k + 1] != NULL && o != NULL; k++)
          {
            JsonNode *n = json_object_get_member (o, parts[k]);
            if (n != NULL && !JSON_NODE_HOLDS_OBJECT (n))
              {
                g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                             "“%s” of the model card must be an object.", parts[k]);
                return FALSE;
              }
            o = n ? json_node_get_object (n) : NULL;
          }
      }
      parent = parent_of (root, fields[i].path, FALSE, &leaf);
      node = parent ? json_object_get_member (parent, leaf) : NULL;
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      text = easel_json_node_string (node);
      if (text == NULL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "The model card field “%s” must be text.", fields[i].path);
          return FALSE;
        }
      if (fields[i].kind == EASEL_CARD_FIELD_CHOICE
          && easel_names_lookup (fields[i].choices, g_strv_length ((char **) fields[i].choices),
                                 text)
                 < 0)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) fields[i].choices);
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "The model card field “%s” is “%s”; it must be one of %s.", fields[i].path,
                       text, list);
          return FALSE;
        }
    }
  return TRUE;
}

/* The root of a model card's JSON, which must be an object; NULL with 'error' set. */
static JsonNode *
parse_card_json (JsonParser  *parser,
                 const char  *json,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, &local))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_PARSE, "The model card is not valid JSON: %s.",
                   local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "A model card must be a JSON object with its sections as keys.");
      return NULL;
    }
  return root;
}

EaselCard *
easel_card_new_from_json (const char  *json,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  EaselCard *card;

  root = parse_card_json (parser, json, length, error);
  if (root == NULL)
    return NULL;
  if (!check_layout (json_node_get_object (root), error))
    return NULL;
  card = g_new0 (EaselCard, 1);
  card->root = deep_copy (root);
  ensure_sections (card);
  return card;
}

char *
easel_card_to_json (const EaselCard *card,
                    gboolean         pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, card->root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Editing                                                                                      */

static gboolean
is_automatic (const char *path)
{
  for (guint i = 0; automatic[i] != NULL; i++)
    {
      gsize n = strlen (automatic[i]);
      if (strncmp (path, automatic[i], n) == 0 && (path[n] == '\0' || path[n] == '.'))
        return TRUE;
    }
  return FALSE;
}

/* "evaluation_details.N.REST": N and REST; FALSE if 'path' is not of that form. */
static gboolean
parse_evaluation_path (const char  *path,
                       guint64     *index,
                       const char **rest)
{
  static const char prefix[] = "evaluation_details.";
  const char *dot;
  g_autofree char *number = NULL;

  if (strncmp (path, prefix, sizeof prefix - 1) != 0)
    return FALSE;
  path += sizeof prefix - 1;
  dot = strchr (path, '.');
  if (dot == NULL)
    return FALSE;
  number = g_strndup (path, dot - path);
  if (!g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT, index, NULL))
    return FALSE;
  *rest = dot + 1;
  return TRUE;
}

static gboolean
unknown_field (const char  *path,
               GError     **error)
{
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
               "“%s” is not a field of a model card that can be edited. Editable fields: "
               "model_overview.model_description, .model_owner, .model_creator, .problem_type, "
               ".algorithm_type; intended_uses.purpose_of_model, .intended_uses, "
               ".factors_affecting_model_efficiency, .risk_rating, .explanations_for_risk_rating; "
               "business_details.business_problem, .business_stakeholders, .line_of_business; "
               "training_details.objective_function.function.function, .facet, .condition, "
               "training_details.objective_function.notes, training_details.training_observations; "
               "evaluation_details.N.evaluation_observation; "
               "additional_information.ethical_considerations, .caveats_and_recommendations, "
               ".custom_details.KEY.", path);
  return FALSE;
}

gboolean
easel_card_set_field (EaselCard   *card,
                      const char  *path,
                      const char  *value,
                      GError     **error)
{
  const EaselCardField *field = easel_card_find_field (path);
  guint64 index;
  const char *rest;

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_ENCODING, "The value of “%s” is not UTF-8 text.",
                   path);
      return FALSE;
    }
  if (g_str_has_prefix (path, CUSTOM_PREFIX))
    {
      const char *key = path + strlen (CUSTOM_PREFIX);
      JsonObject *additional = easel_json_member_object (root_object (card), "additional_information");
      JsonObject *custom;

      if (*key == '\0' || strchr (key, '.') != NULL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "“%s”: a custom detail needs a name without dots after "
                       "additional_information.custom_details.", path);
          return FALSE;
        }
      custom = easel_json_member_object (additional, "custom_details");
      if (custom == NULL)
        {
          custom = json_object_new ();
          json_object_set_object_member (additional, "custom_details", custom);
        }
      if (value == NULL || *value == '\0')
        json_object_remove_member (custom, key);
      else
        json_object_set_string_member (custom, key, value);
      return TRUE;
    }
  if (parse_evaluation_path (path, &index, &rest))
    {
      JsonArray *evaluations = easel_json_member_array (root_object (card), "evaluation_details");
      JsonNode *node;

      if (strcmp (rest, "evaluation_observation") != 0)
        {
          if (g_strv_contains (evaluation_automatic, rest)
              || g_str_has_prefix (rest, "metric_groups."))
            {
              g_set_error (
                  error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                  "“%s” is filled in by Easel from the model's evaluation and cannot be edited.",
                  path);
              return FALSE;
            }
          return unknown_field (path, error);
        }
      if (evaluations == NULL || index >= json_array_get_length (evaluations) ||
          !JSON_NODE_HOLDS_OBJECT ((node = json_array_get_element (evaluations, (guint) index))))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "“%s”: the card has %u evaluation%s (numbered from 0).", path,
                       evaluations ? json_array_get_length (evaluations) : 0,
                       evaluations && json_array_get_length (evaluations) == 1 ? "" : "s");
          return FALSE;
        }
      if (value == NULL || *value == '\0')
        json_object_remove_member (json_node_get_object (node), "evaluation_observation");
      else
        json_object_set_string_member (json_node_get_object (node), "evaluation_observation",
                                       value);
      return TRUE;
    }
  if (field == NULL)
    {
      if (is_automatic (path))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "“%s” is filled in by Easel from the model and cannot be edited.", path);
          return FALSE;
        }
      return unknown_field (path, error);
    }
  if (field->kind == EASEL_CARD_FIELD_CHOICE && value != NULL && *value != '\0')
    {
      int i = easel_names_lookup (field->choices, g_strv_length ((char **) field->choices), value);
      if (i < 0)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) field->choices);
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "“%s” cannot be “%s”: it must be one of %s.", path, value, list);
          return FALSE;
        }
      value = field->choices[i];
    }
  if (strcmp (path, "intended_uses.risk_rating") == 0 && (value == NULL || *value == '\0'))
    value = "Unknown";
  put_string (card, path, value);
  return TRUE;
}

/* Walk a card given as JSON and set every editable field in it. */
static gboolean
apply_node (EaselCard   *card,
            JsonNode    *node,
            const char  *path,
            GError     **error)
{
  if (is_automatic (path))
    return TRUE;
  if (strcmp (path, "additional_information.custom_details") == 0)
    {
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "“%s” must be an object of names and texts.", path);
          return FALSE;
        }
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strconcat (path, ".", l->data, NULL);
          JsonNode *value = json_object_get_member (json_node_get_object (node), l->data);
          if (!JSON_NODE_HOLDS_NULL (value) && easel_json_node_string (value) == NULL)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT, "“%s” must be text.",
                           child);
              return FALSE;
            }
          if (!easel_card_set_field (card, child, easel_json_node_string (value), error))
            return FALSE;
        }
      return TRUE;
    }
  if (strcmp (path, "evaluation_details") == 0)
    {
      JsonArray *list;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "“evaluation_details” must be a list of evaluations.");
          return FALSE;
        }
      list = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          g_autoptr(GList) members = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                           "“evaluation_details.%u” must be an object.", i);
              return FALSE;
            }
          members = json_object_get_members (json_node_get_object (element));
          for (GList *l = members; l != NULL; l = l->next)
            {
              g_autofree char *child
                  = g_strdup_printf ("evaluation_details.%u.%s", i, (char *) l->data);
              JsonNode *value = json_object_get_member (json_node_get_object (element), l->data);

              if (g_strv_contains (evaluation_automatic, l->data))
                continue;
              if (strcmp (l->data, "evaluation_observation") != 0)
                return unknown_field (child, error);
              if (!JSON_NODE_HOLDS_NULL (value) && easel_json_node_string (value) == NULL)
                {
                  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                               "“%s” must be text.", child);
                  return FALSE;
                }
              if (!easel_card_set_field (card, child, easel_json_node_string (value), error))
                return FALSE;
            }
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node) && easel_card_find_field (path) == NULL)
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child
              = *path ? g_strconcat (path, ".", l->data, NULL) : g_strdup (l->data);
          if (*path == '\0' && easel_card_section_title (l->data) == NULL)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                           "“%s” is not a section of a model card.", (char *) l->data);
              return FALSE;
            }
          if (!apply_node (card, json_object_get_member (json_node_get_object (node), l->data),
                           child, error))
            return FALSE;
        }
      return TRUE;
    }
  if (easel_card_find_field (path) == NULL)
    return unknown_field (path, error);
  if (!JSON_NODE_HOLDS_NULL (node) && easel_json_node_string (node) == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT, "“%s” must be text.", path);
      return FALSE;
    }
  return easel_card_set_field (card, path, easel_json_node_string (node), error);
}

gboolean
easel_card_apply_json (EaselCard   *card,
                       const char  *json,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EaselCard) work = easel_card_copy (card);
  JsonNode *root;

  root = parse_card_json (parser, json, length, error);
  if (root == NULL)
    return FALSE;
  /* All or nothing: edit a copy, keep it only if every field was accepted. */
  if (!apply_node (work, root, "", error))
    return FALSE;
  json_node_unref (card->root);
  card->root = g_steal_pointer (&work->root);
  work->root = json_node_init_object (json_node_alloc (), json_object_new ());
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Filling a card in from a model                                                               */

guint
easel_card_thin_curve (const double *x,
                       const double *y,
                       gsize         n,
                       guint         max_points,
                       double       *out_x,
                       double       *out_y)
{
  g_autofree double *along = NULL;
  gsize last = G_MAXSIZE;
  guint k = 0;

  if (n == 0 || max_points == 0)
    return 0;
  if (n <= max_points || max_points < 2)
    {
      n = MIN (n, (gsize) max_points);
      memcpy (out_x, x, n * sizeof (double));
      memcpy (out_y, y, n * sizeof (double));
      return (guint) n;
    }
  /* Distance along the curve (|dx| + |dy|), then the point nearest to each of
   * max_points evenly spaced marks; a point is never taken twice. */
  along = g_new (double, n);
  along[0] = 0;
  for (gsize i = 1; i < n; i++)
    {
      double d = fabs (x[i] - x[i - 1]) + fabs (y[i] - y[i - 1]);
      along[i] = along[i - 1] + (isfinite (d) ? d : 0);
    }
  for (guint m = 0; m < max_points; m++)
    {
      double mark = along[n - 1] * m / (max_points - 1);
      gsize lo = 0, hi = n - 1;

      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;
          if (along[mid] < mark)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0 && mark - along[lo - 1] < along[lo] - mark)
        lo--;
      if (m == max_points - 1)
        lo = n - 1;
      if (last != G_MAXSIZE && lo <= last)
        continue;
      out_x[k] = x[lo];
      out_y[k] = y[lo];
      k++;
      last = lo;
    }
  return k;
}

char *
easel_card_evaluation_add_roc (const char            *evaluation_json,
                               const EaselEvaluation *evaluation)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  double fpr[EASEL_CARD_MAX_CURVE_POINTS], tpr[EASEL_CARD_MAX_CURVE_POINTS];
  JsonObject *root, *metrics, *roc;
  JsonArray *xs, *ys;
  guint n;

  if (evaluation_json == NULL)
    return NULL;
  if (evaluation == NULL || evaluation->problem != EASEL_PROBLEM_BINARY || evaluation->roc.n == 0 ||
      !json_parser_load_from_data (parser, evaluation_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (evaluation_json);
  root = json_node_get_object (json_parser_get_root (parser));
  metrics = easel_json_member_object (root, "metrics");
  if (metrics == NULL)
    {
      metrics = json_object_new ();
      json_object_set_object_member (root, "metrics", metrics);
    }
  n = easel_card_thin_curve (evaluation->roc.x, evaluation->roc.y, evaluation->roc.n,
                             EASEL_CARD_MAX_CURVE_POINTS, fpr, tpr);
  roc = json_object_new ();
  xs = json_array_new ();
  ys = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      json_array_add_double_element (xs, fpr[i]);
      json_array_add_double_element (ys, tpr[i]);
    }
  json_object_set_array_member (roc, "fpr", xs);
  json_object_set_array_member (roc, "tpr", ys);
  json_object_set_object_member (metrics, "roc_curve", roc);
  json_generator_set_root (gen, json_parser_get_root (parser));
  return json_generator_to_data (gen, NULL);
}

static const char *
problem_title (const char *problem)
{
  if (g_strcmp0 (problem, "binary") == 0)
    return "Binary Classification";
  if (g_strcmp0 (problem, "multiclass") == 0)
    return "Multiclass Classification";
  if (g_strcmp0 (problem, "regression") == 0)
    return "Regression";
  return problem;
}

static JsonObject *
metric_new (const char *name,
            const char *type)
{
  JsonObject *m = json_object_new ();

  json_object_set_string_member (m, "name", name);
  json_object_set_string_member (m, "type", type);
  return m;
}

static JsonObject *
group_new (JsonArray  *groups,
           const char *name)
{
  JsonObject *g = json_object_new ();

  json_object_set_string_member (g, "name", name);
  json_object_set_array_member (g, "metric_data", json_array_new ());
  json_array_add_object_element (groups, g);
  return g;
}

static void
group_add (JsonObject *group,
           JsonObject *metric)
{
  json_array_add_object_element (json_object_get_array_member (group, "metric_data"), metric);
}

static JsonArray *
strings_array (const char *const *values,
               guint              n)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (a, values[i] ? values[i] : "");
  return a;
}

/* The metrics, confusion matrix and ROC curve of easel-cli train's evaluation JSON. */
static void
add_evaluation (JsonArray         *evaluations,
                JsonObject        *summary,
                const EaselDesign *design,
                const char        *dataset)
{
  JsonObject *evaluation = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonArray *groups = json_array_new ();
  JsonObject *metrics = easel_json_member_object (summary, "metrics");
  JsonObject *std = easel_json_member_object (summary, "metrics_std");
  const char *mode = easel_json_member_string (summary, "evaluation");
  double folds = easel_json_node_number (json_object_get_member (summary, "cv_folds"));
  double test_rows = easel_json_node_number (json_object_get_member (summary, "test_rows"));
  g_autofree char *name = NULL;

  if (g_strcmp0 (mode, "cross-validation") == 0 && isfinite (folds))
    name = g_strdup_printf ("%g-fold cross-validation", folds);
  else if (g_strcmp0 (mode, "test-file") == 0)
    name = g_strdup ("Rows of a test file");
  else
    name = g_strdup ("Held-out rows");
  json_object_set_string_member (evaluation, "name", name);
  if (dataset != NULL)
    {
      JsonArray *datasets = json_array_new ();
      json_array_add_string_element (datasets, dataset);
      json_object_set_array_member (evaluation, "datasets", datasets);
    }
  if (mode != NULL)
    json_object_set_string_member (metadata, "evaluation", mode);
  if (isfinite (test_rows))
    json_object_set_int_member (metadata, "test_rows", (gint64) test_rows);
  json_object_set_object_member (evaluation, "metadata", metadata);

  if (metrics != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (metrics);
      JsonObject *group = group_new (groups, "Metrics");

      for (GList *l = members; l != NULL; l = l->next)
        {
          double v = easel_json_node_number (json_object_get_member (metrics, l->data));
          double s = easel_json_node_number (std ? json_object_get_member (std, l->data) : NULL);
          JsonObject *m;

          if (!isfinite (v))
            continue;
          m = metric_new (l->data, "number");
          json_object_set_double_member (m, "value", v);
          if (isfinite (s))
            {
              g_autofree char *note
                  = g_strdup_printf ("Mean over the folds; standard deviation %.4g.", s);
              json_object_set_string_member (m, "notes", note);
            }
          group_add (group, m);
        }
    }

  /* Confusion matrix: rows are the true classes, columns the predicted ones. */
  {
    JsonArray *cm = easel_json_member_array (metrics, "confusion_matrix");
    guint k = design ? easel_design_get_n_classes (design) : 0;
    gboolean ok = cm != NULL && k > 0 && json_array_get_length (cm) == k;

    for (guint r = 0; ok && r < k; r++)
      {
        JsonNode *row = json_array_get_element (cm, r);
        ok = JSON_NODE_HOLDS_ARRAY (row) && json_array_get_length (json_node_get_array (row)) == k;
        for (guint c = 0; ok && c < k; c++)
          ok = isfinite (easel_json_node_number (json_array_get_element (json_node_get_array (row), c)));
      }
    if (ok)
      {
        g_autofree const char **classes = g_new0 (const char *, k + 1);
        JsonObject *m = metric_new ("Confusion matrix", "matrix");
        JsonArray *value = json_array_new ();

        for (guint c = 0; c < k; c++)
          classes[c] = easel_design_get_class (design, c);
        for (guint r = 0; r < k; r++)
          {
            JsonArray *in = json_node_get_array (json_array_get_element (cm, r));
            JsonArray *out = json_array_new ();
            for (guint c = 0; c < k; c++)
              {
                double v = easel_json_node_number (json_array_get_element (in, c));
                if (v == floor (v) && fabs (v) < 1e15)
                  json_array_add_int_element (out, (gint64) v);
                else
                  json_array_add_double_element (out, v);
              }
            json_array_add_array_element (value, out);
          }
        json_object_set_array_member (m, "value", value);
        json_object_set_string_member (m, "notes",
                                       "Rows: the true class; columns: the predicted class.");
        json_object_set_array_member (m, "x_axis_name", strings_array (classes, k));
        json_object_set_array_member (m, "y_axis_name", strings_array (classes, k));
        group_add (group_new (groups, "Confusion matrix"), m);
      }
  }

  /* ROC curve, at most EASEL_CARD_MAX_CURVE_POINTS points. */
  {
    JsonObject *roc = easel_json_member_object (metrics, "roc_curve");
    JsonArray *xs = easel_json_member_array (roc, "fpr"), *ys = easel_json_member_array (roc, "tpr");
    guint n = xs && ys ? MIN (json_array_get_length (xs), json_array_get_length (ys)) : 0;

    if (n >= 2)
      {
        g_autofree double *x = g_new (double, n);
        g_autofree double *y = g_new (double, n);
        double tx[EASEL_CARD_MAX_CURVE_POINTS], ty[EASEL_CARD_MAX_CURVE_POINTS];
        guint m = 0, kept;
        JsonObject *metric = metric_new ("ROC curve", "linear_graph");
        JsonArray *value = json_array_new ();
        double auc = easel_json_node_number (json_object_get_member (metrics, "roc_auc"));

        for (guint i = 0; i < n; i++)
          {
            double a = easel_json_node_number (json_array_get_element (xs, i));
            double b = easel_json_node_number (json_array_get_element (ys, i));
            if (isfinite (a) && isfinite (b))
              {
                x[m] = a;
                y[m] = b;
                m++;
              }
          }
        kept = easel_card_thin_curve (x, y, m, EASEL_CARD_MAX_CURVE_POINTS, tx, ty);
        for (guint i = 0; i < kept; i++)
          {
            JsonArray *point = json_array_new ();
            json_array_add_double_element (point, tx[i]);
            json_array_add_double_element (point, ty[i]);
            json_array_add_array_element (value, point);
          }
        json_object_set_array_member (metric, "value", value);
        json_object_set_string_member (metric, "x_axis_name", "False positive rate");
        json_object_set_string_member (metric, "y_axis_name", "True positive rate");
        if (isfinite (auc))
          {
            g_autofree char *note = g_strdup_printf ("Area under the curve: %.4f.", auc);
            json_object_set_string_member (metric, "notes", note);
          }
        if (kept >= 2)
          group_add (group_new (groups, "ROC curve"), metric);
        else
          json_object_unref (metric);
      }
  }

  json_object_set_array_member (evaluation, "metric_groups", groups);
  json_array_add_object_element (evaluations, evaluation);
}

/* Column impact: the model's own importance of each feature, summed per input column. */
static void
add_column_impact (JsonArray        *evaluations,
                   const EaselModel *model)
{
  const EaselDesign *design = easel_model_get_design (model);
  guint p = easel_design_get_n_features (design), n_inputs = easel_design_get_n_inputs (design);
  g_autofree double *importance = g_new0 (double, MAX (p, 1));
  g_autofree double *per_input = g_new0 (double, MAX (n_inputs, 1));
  g_autofree guint *order = g_new (guint, MAX (n_inputs, 1));
  JsonObject *evaluation, *metric, *metadata;
  JsonArray *groups, *values, *names;
  guint n = 0;

  if (p == 0 || n_inputs == 0 || !easel_model_get_importance (model, importance))
    return;
  for (guint f = 0; f < p; f++)
    {
      const EaselFeature *feature = easel_design_get_feature (design, f);
      if (feature->input < n_inputs && isfinite (importance[f]))
        per_input[feature->input] += importance[f];
    }
  for (guint i = 0; i < n_inputs; i++)
    if (easel_design_input_is_used (design, i))
      order[n++] = i;
  /* Largest first (insertion sort: a few dozen columns). */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && per_input[order[j]] > per_input[order[j - 1]]; j--)
      {
        guint t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  n = MIN (n, 30u);
  values = json_array_new ();
  names = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      json_array_add_double_element (values, per_input[order[i]]);
      json_array_add_string_element (names, easel_design_get_input_name (design, order[i]));
    }
  metric = metric_new ("Column impact", "bar_chart");
  json_object_set_array_member (metric, "value", values);
  json_object_set_array_member (metric, "x_axis_name", names);
  json_object_set_string_member (metric, "y_axis_name", "Share of importance");
  json_object_set_string_member (
      metric, "notes",
      "The algorithm's own importance of each column's features, summed per "
      "column; the shares add up to 1.");
  evaluation = json_object_new ();
  json_object_set_string_member (evaluation, "name", "Column impact");
  metadata = json_object_new ();
  json_object_set_string_member (metadata, "method", easel_model_get_algorithm (model)->name);
  json_object_set_object_member (evaluation, "metadata", metadata);
  groups = json_array_new ();
  group_add (group_new (groups, "Column impact"), metric);
  json_object_set_array_member (evaluation, "metric_groups", groups);
  json_array_add_object_element (evaluations, evaluation);
}

static void
add_training_metric (JsonArray  *list,
                     const char *name,
                     double      value,
                     const char *notes)
{
  JsonObject *m = json_object_new ();

  json_object_set_string_member (m, "name", name);
  if (value == floor (value) && fabs (value) < 1e15)
    json_object_set_int_member (m, "value", (gint64) value);
  else
    json_object_set_double_member (m, "value", value);
  if (notes != NULL)
    json_object_set_string_member (m, "notes", notes);
  json_array_add_object_element (list, m);
}

static void
add_hyper_parameter (JsonArray  *list,
                     const char *name,
                     const char *value)
{
  JsonObject *h = json_object_new ();

  json_object_set_string_member (h, "name", name);
  json_object_set_string_member (h, "value", value);
  json_array_add_object_element (list, h);
}

/* The recipe's steps by name ("drop_columns, impute"), or NULL. */
static char *
recipe_summary (const char *recipe_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *steps;

  if (recipe_json == NULL || !json_parser_load_from_data (parser, recipe_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  steps = easel_json_member_array (json_node_get_object (json_parser_get_root (parser)), "steps");
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonNode *step = json_array_get_element (steps, i);
      const char *op = JSON_NODE_HOLDS_OBJECT (step)
                           ? easel_json_member_string (json_node_get_object (step), "op")
                           : NULL;
      if (op == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, op);
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

EaselCard *
easel_card_new_for_model (const EaselModel *model,
                          const char       *name,
                          guint             version,
                          const char       *dataset,
                          const char       *evaluation_json)
{
  g_autoptr(EaselCard) card = easel_card_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  const EaselDesign *design = easel_model_get_design (model);
  const EaselAlgorithm *alg = easel_model_get_algorithm (model);
  const EaselParams *params = easel_model_get_params (model);
  EaselProblem problem = easel_design_get_problem (design);
  const char *problem_name = easel_problem_to_string (problem);
  JsonObject *root = root_object (card);
  JsonObject *overview = easel_json_member_object (root, "model_overview");
  JsonObject *training = easel_json_member_object (root, "training_details");
  JsonObject *job = json_object_new ();
  JsonObject *environment = json_object_new ();
  JsonArray *evaluations = easel_json_member_array (root, "evaluation_details");
  JsonArray *list;
  JsonObject *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *recipe = NULL;
  g_autofree char *image = NULL;

  if (evaluation_json == NULL)
    evaluation_json = easel_model_get_evaluation_json (model);
  if (evaluation_json != NULL && json_parser_load_from_data (parser, evaluation_json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    summary = json_node_get_object (json_parser_get_root (parser));

  /* Overview */
  if (name != NULL)
    json_object_set_string_member (overview, "model_name", name);
  if (version > 0)
    json_object_set_int_member (overview, "model_version", version);
  if (name != NULL && version > 0)
    {
      g_autofree char *id = g_strdup_printf ("%s@%u", name, version);
      json_object_set_string_member (overview, "model_id", id);
    }
  json_object_set_string_member (overview, "problem_type", problem_title (problem_name));
  json_object_set_string_member (overview, "algorithm_type", alg->title);
  description = g_strdup_printf (
      "%s predicting “%s” (%s)%s%s%s, from %" G_GSIZE_FORMAT " training rows.", alg->title,
      easel_design_get_target (design), problem_name, dataset ? ", trained on the dataset “" : "",
      dataset ? dataset : "", dataset ? "”" : "", easel_model_get_train_rows (model));
  json_object_set_string_member (overview, "model_description", description);

  /* Training: the objective the algorithm optimises, data, environment, metrics,
   * parameters. */
  {
    const char *facet = NULL, *notes = NULL;
    if (strcmp (alg->name, "logistic") == 0)
      facet = "Loss", notes = "Log loss with an L2 penalty on the coefficients.";
    else if (strcmp (alg->name, "linear") == 0)
      facet = "RMSE", notes = "Squared error with an L2 penalty on the coefficients.";
    else if (strcmp (alg->name, "tree") == 0 || strcmp (alg->name, "forest") == 0)
      facet = "Loss", notes = problem == EASEL_PROBLEM_REGRESSION
                                ? "Squared error of the splits, greedily, split by split."
                                : "Impurity of the splits, greedily, split by split.";
    else if (strcmp (alg->name, "gbdt") == 0)
      facet = "Loss", notes = problem == EASEL_PROBLEM_REGRESSION
                                ? "Squared error, reduced tree by tree (gradient boosting)."
                                : "Log loss, reduced tree by tree (gradient boosting).";
    else if (strcmp (alg->name, "mlp") == 0)
      facet = "Loss", notes = "The network's loss on the training rows with an L2 penalty, by "
                              "back-propagation (see its loss parameter).";
    if (facet != NULL)
      {
        JsonObject *objective = json_object_new ();
        JsonObject *function = json_object_new ();
        json_object_set_string_member (function, "function", "Minimize");
        json_object_set_string_member (function, "facet", facet);
        json_object_set_object_member (objective, "function", function);
        json_object_set_string_member (objective, "notes", notes);
        json_object_set_object_member (training, "objective_function", objective);
      }
  }
  list = json_array_new ();
  if (dataset != NULL)
    json_array_add_string_element (list, dataset);
  json_object_set_array_member (job, "training_datasets", list);
  image = g_strdup_printf ("Easel %s", PACKAGE_VERSION);
  list = json_array_new ();
  json_array_add_string_element (list, image);
  json_object_set_array_member (environment, "container_image", list);
  json_object_set_object_member (job, "training_environment", environment);
  list = json_array_new ();
  add_training_metric (list, "training_rows", (double) easel_model_get_train_rows (model), NULL);
  add_training_metric (list, "rows_without_target", (double) easel_model_get_dropped_rows (model),
                       "Dropped before training.");
  add_training_metric (list, "features", easel_design_get_n_features (design),
                       "Columns of the design matrix, after encoding.");
  add_training_metric (list, "fit_seconds", easel_model_get_train_seconds (model), NULL);
  json_object_set_array_member (job, "training_metrics", list);
  list = json_array_new ();
  for (guint i = 0; i < alg->n_params; i++)
    {
      g_autofree char *value = easel_params_format (params, i);
      add_hyper_parameter (list, alg->params[i].name, value);
    }
  {
    g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, easel_model_get_seed (model));
    add_hyper_parameter (list, "seed", seed);
  }
  json_object_set_array_member (job, "hyper_parameters", list);
  json_object_set_object_member (training, "training_job_details", job);

  /* Evaluation and column impact */
  if (summary != NULL && easel_json_member_object (summary, "metrics") != NULL)
    add_evaluation (evaluations, summary, design, dataset);
  add_column_impact (evaluations, model);

  /* What else Easel knows, as custom details a person may change. */
  put_string (card, CUSTOM_PREFIX "target_column", easel_design_get_target (design));
  if (problem == EASEL_PROBLEM_BINARY)
    put_string (card, CUSTOM_PREFIX "positive_class",
                easel_design_get_class (design, (guint) easel_design_get_positive (design)));
  recipe = recipe_summary (easel_model_get_recipe_json (model));
  put_string (card, CUSTOM_PREFIX "preparation_recipe",
              recipe ? recipe : "none (the data as imported)");
  {
    const GPtrArray *notes = easel_design_get_notes (design);
    g_autoptr(GString) text = g_string_new (NULL);
    for (guint i = 0; i < notes->len; i++)
      g_string_append_printf (text, "%s%s", i ? " " : "", (const char *) notes->pdata[i]);
    if (text->len > 0)
      put_string (card, CUSTOM_PREFIX "design_notes", text->str);
  }
  return g_steal_pointer (&card);
}

/* ------------------------------------------------------------------------------------------ */
/* Markdown                                                                                     */

/* Text on one table cell or line: no pipes or newlines breaking the layout. */
static void
md_inline (GString    *out,
           const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
md_number (GString *out,
           double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    g_string_append (out, "–");
  else if (v == floor (v) && fabs (v) < 1e15)
    g_string_append_printf (out, "%.0f", v);
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4g", v));
}

static const char *const not_filled = "_Not filled in._";

static void
md_fields (GString    *out,
           const char *section,
           JsonObject *root)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *leaf;
      JsonObject *parent;
      const char *value;

      if (!g_str_has_prefix (fields[i].path, section) || fields[i].path[strlen (section)] != '.')
        continue;
      parent = parent_of (root, fields[i].path, FALSE, &leaf);
      value = easel_json_member_string (parent, leaf);
      g_string_append_printf (out, "**%s:** ", fields[i].title);
      if (value == NULL)
        g_string_append (out, not_filled);
      else if (fields[i].kind == EASEL_CARD_FIELD_LONG_TEXT && strchr (value, '\n') != NULL)
        g_string_append_printf (out, "\n\n%s", value);
      else
        md_inline (out, value);
      g_string_append (out, "\n\n");
    }
}

static void
md_name_values (GString    *out,
                JsonArray  *list,
                const char *title)
{
  if (list == NULL || json_array_get_length (list) == 0)
    return;
  g_string_append_printf (out, "**%s:**\n\n| Name | Value |\n|---|---|\n", title);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *value = o ? json_object_get_member (o, "value") : NULL;

      if (o == NULL)
        continue;
      g_string_append (out, "| ");
      md_inline (out, easel_json_member_string (o, "name"));
      g_string_append (out, " | ");
      if (easel_json_node_string (value) != NULL)
        md_inline (out, easel_json_node_string (value));
      else
        md_number (out, easel_json_node_number (value));
      g_string_append (out, " |\n");
    }
  g_string_append (out, "\n");
}

static void
md_metric (GString    *out,
           JsonObject *metric)
{
  const char *type = easel_json_member_string (metric, "type");
  const char *name = easel_json_member_string (metric, "name");
  const char *notes = easel_json_member_string (metric, "notes");
  JsonNode *value = json_object_get_member (metric, "value");
  JsonArray *array = value && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

  if (g_strcmp0 (type, "matrix") == 0 && array != NULL)
    {
      JsonArray *cols = easel_json_member_array (metric, "x_axis_name");
      JsonArray *rows = easel_json_member_array (metric, "y_axis_name");
      guint k = json_array_get_length (array), width = 0;

      for (guint r = 0; r < k; r++)
        {
          JsonNode *row = json_array_get_element (array, r);
          if (JSON_NODE_HOLDS_ARRAY (row))
            width = MAX (width, json_array_get_length (json_node_get_array (row)));
        }
      g_string_append (out, "**");
      md_inline (out, name);
      g_string_append (out, "** (rows: true class, columns: predicted class)\n\n| |");
      for (guint c = 0; c < width; c++)
        {
          g_string_append_c (out, ' ');
          md_inline (out, cols && c < json_array_get_length (cols)
                            ? easel_json_node_string (json_array_get_element (cols, c)) : NULL);
          g_string_append (out, " |");
        }
      g_string_append (out, "\n|---|");
      for (guint c = 0; c < width; c++)
        g_string_append (out, "---|");
      g_string_append_c (out, '\n');
      for (guint r = 0; r < k; r++)
        {
          JsonNode *row = json_array_get_element (array, r);
          JsonArray *cells = JSON_NODE_HOLDS_ARRAY (row) ? json_node_get_array (row) : NULL;
          g_string_append (out, "| **");
          md_inline (out, rows && r < json_array_get_length (rows)
                            ? easel_json_node_string (json_array_get_element (rows, r)) : NULL);
          g_string_append (out, "** |");
          for (guint c = 0; c < width; c++)
            {
              g_string_append_c (out, ' ');
              md_number (out, cells && c < json_array_get_length (cells)
                                ? easel_json_node_number (json_array_get_element (cells, c)) : NAN);
              g_string_append (out, " |");
            }
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
  else if (g_strcmp0 (type, "linear_graph") == 0 && array != NULL)
    {
      g_string_append (out, "**");
      md_inline (out, name);
      g_string_append (out, "**\n\n| ");
      md_inline (out, easel_json_member_string (metric, "x_axis_name") ? easel_json_member_string (metric, "x_axis_name")
                                                            : "x");
      g_string_append (out, " | ");
      md_inline (out, easel_json_member_string (metric, "y_axis_name") ? easel_json_member_string (metric, "y_axis_name")
                                                            : "y");
      g_string_append (out, " |\n|---|---|\n");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *point = json_array_get_element (array, i);
          JsonArray *xy = JSON_NODE_HOLDS_ARRAY (point) ? json_node_get_array (point) : NULL;
          if (xy == NULL || json_array_get_length (xy) < 2)
            continue;
          g_string_append (out, "| ");
          md_number (out, easel_json_node_number (json_array_get_element (xy, 0)));
          g_string_append (out, " | ");
          md_number (out, easel_json_node_number (json_array_get_element (xy, 1)));
          g_string_append (out, " |\n");
        }
      g_string_append_c (out, '\n');
    }
  else if (g_strcmp0 (type, "bar_chart") == 0 && array != NULL)
    {
      JsonArray *labels = easel_json_member_array (metric, "x_axis_name");
      g_string_append (out, "**");
      md_inline (out, name);
      g_string_append (out, "**\n\n| Column | ");
      md_inline (out, easel_json_member_string (metric, "y_axis_name") ? easel_json_member_string (metric, "y_axis_name")
                                                            : "Value");
      g_string_append (out, " |\n|---|---|\n");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append (out, "| ");
          md_inline (out, labels && i < json_array_get_length (labels)
                            ? easel_json_node_string (json_array_get_element (labels, i)) : NULL);
          g_string_append (out, " | ");
          md_number (out, easel_json_node_number (json_array_get_element (array, i)));
          g_string_append (out, " |\n");
        }
      g_string_append_c (out, '\n');
    }
  else
    return;
  if (notes != NULL)
    {
      g_string_append (out, "_");
      md_inline (out, notes);
      g_string_append (out, "_\n\n");
    }
}

static void
md_evaluation (GString    *out,
               JsonObject *evaluation)
{
  JsonArray *groups = easel_json_member_array (evaluation, "metric_groups");
  const char *observation = easel_json_member_string (evaluation, "evaluation_observation");

  g_string_append (out, "### ");
  md_inline (out, easel_json_member_string (evaluation, "name") ? easel_json_member_string (evaluation, "name")
                                                     : "Evaluation");
  g_string_append (out, "\n\n**Observations:** ");
  g_string_append (out, observation ? observation : not_filled);
  g_string_append (out, "\n\n");
  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonNode *gn = json_array_get_element (groups, g);
      JsonObject *group = JSON_NODE_HOLDS_OBJECT (gn) ? json_node_get_object (gn) : NULL;
      JsonArray *data = easel_json_member_array (group, "metric_data");
      gboolean simple = FALSE;

      if (data == NULL)
        continue;
      /* Simple metrics together in one table, charts after it. */
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonNode *mn = json_array_get_element (data, i);
          JsonObject *m = JSON_NODE_HOLDS_OBJECT (mn) ? json_node_get_object (mn) : NULL;
          const char *type = easel_json_member_string (m, "type");
          JsonNode *value = m ? json_object_get_member (m, "value") : NULL;

          if (g_strcmp0 (type, "number") != 0 && g_strcmp0 (type, "string") != 0 &&
              g_strcmp0 (type, "boolean") != 0)
            continue;
          if (!simple)
            {
              g_string_append (out, "**");
              md_inline (out, easel_json_member_string (group, "name"));
              g_string_append (out, "**\n\n| Metric | Value | Notes |\n|---|---|---|\n");
              simple = TRUE;
            }
          g_string_append (out, "| ");
          md_inline (out, easel_json_member_string (m, "name"));
          g_string_append (out, " | ");
          if (value != NULL && JSON_NODE_HOLDS_VALUE (value)
              && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
            g_string_append (out, json_node_get_boolean (value) ? "yes" : "no");
          else if (easel_json_node_string (value) != NULL)
            md_inline (out, easel_json_node_string (value));
          else
            md_number (out, easel_json_node_number (value));
          g_string_append (out, " | ");
          md_inline (out, easel_json_member_string (m, "notes"));
          g_string_append (out, " |\n");
        }
      if (simple)
        g_string_append_c (out, '\n');
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonNode *mn = json_array_get_element (data, i);
          if (JSON_NODE_HOLDS_OBJECT (mn))
            md_metric (out, json_node_get_object (mn));
        }
    }
}

char *
easel_card_to_markdown (const EaselCard *card)
{
  GString *out = g_string_new (NULL);
  JsonObject *root = root_object (card);
  g_autofree char *ref = easel_card_dup_model_ref (card);

  g_string_append (out, "# Model card: ");
  md_inline (out, ref);
  g_string_append (out, "\n\n");
  for (guint s = 0; sections[s] != NULL; s++)
    {
      JsonObject *section = easel_json_member_object (root, sections[s]);

      g_string_append_printf (out, "## %s\n\n", section_titles[s]);
      if (strcmp (sections[s], "model_overview") == 0)
        {
          g_string_append (out, "**Model:** ");
          md_inline (out, ref);
          g_string_append (out, "\n\n");
        }
      if (strcmp (sections[s], "training_details") == 0)
        {
          JsonObject *job = easel_json_member_object (section, "training_job_details");
          JsonArray *datasets = easel_json_member_array (job, "training_datasets");
          JsonArray  *images
              = easel_json_member_array (easel_json_member_object (job, "training_environment"), "container_image");

          md_fields (out, sections[s], root);
          g_string_append (out, "**Training data:** ");
          for (guint i = 0; datasets != NULL && i < json_array_get_length (datasets); i++)
            {
              if (i > 0)
                g_string_append (out, ", ");
              md_inline (out, easel_json_node_string (json_array_get_element (datasets, i)));
            }
          if (datasets == NULL || json_array_get_length (datasets) == 0)
            g_string_append (out, "_Not recorded._");
          g_string_append (out, "\n\n");
          if (images != NULL && json_array_get_length (images) > 0)
            {
              g_string_append (out, "**Environment:** ");
              md_inline (out, easel_json_node_string (json_array_get_element (images, 0)));
              g_string_append (out, "\n\n");
            }
          md_name_values (out, easel_json_member_array (job, "training_metrics"), "Training metrics");
          md_name_values (out, easel_json_member_array (job, "hyper_parameters"), "Hyper-parameters");
          continue;
        }
      if (strcmp (sections[s], "evaluation_details") == 0)
        {
          JsonArray *evaluations = easel_json_member_array (root, "evaluation_details");
          guint n = evaluations ? json_array_get_length (evaluations) : 0;

          if (n == 0)
            g_string_append (out, "_No evaluation was recorded with this model._\n\n");
          for (guint i = 0; i < n; i++)
            {
              JsonNode *e = json_array_get_element (evaluations, i);
              if (JSON_NODE_HOLDS_OBJECT (e))
                md_evaluation (out, json_node_get_object (e));
            }
          continue;
        }
      md_fields (out, sections[s], root);
      if (strcmp (sections[s], "additional_information") == 0)
        {
          JsonObject *custom = easel_json_member_object (section, "custom_details");
          g_autoptr(GList) members = custom ? json_object_get_members (custom) : NULL;

          if (members != NULL)
            g_string_append (out, "**Custom details:**\n\n| Name | Value |\n|---|---|\n");
          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *value = json_object_get_member (custom, l->data);
              g_string_append (out, "| ");
              md_inline (out, l->data);
              g_string_append (out, " | ");
              if (easel_json_node_string (value) != NULL)
                md_inline (out, easel_json_node_string (value));
              else
                md_number (out, easel_json_node_number (value));
              g_string_append (out, " |\n");
            }
          if (members != NULL)
            g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Cards in a project                                                                           */

EaselCard *
easel_card_load (EaselProject  *project,
                 const char    *name,
                 guint          version,
                 guint          revision,
                 guint         *out_revision,
                 GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(EaselModelInfo) info = NULL;
  g_autoptr(EaselModel) model = NULL;
  g_autofree char *json = NULL;
  g_autofree char *evaluation = NULL;
  guint found = 0;

  if (out_revision != NULL)
    *out_revision = 0;
  info = easel_project_get_model_info (project, name, version, error);
  if (info == NULL)
    return NULL;
  json = easel_project_load_card (project, name, info->version, revision, &found, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (json != NULL)
    {
      EaselCard *card = easel_card_new_from_json (json, -1, &local);
      if (card == NULL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT,
                       "The card of “%s@%u” (revision %u) is damaged: %s", name, info->version,
                       found, local->message);
          return NULL;
        }
      if (out_revision != NULL)
        *out_revision = found;
      return card;
    }
  model = easel_project_load_model (project, name, info->version, error);
  if (model == NULL)
    return NULL;
  evaluation = easel_project_load_evaluation (project, name, info->version, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return easel_card_new_for_model (model, info->name, info->version, info->dataset, evaluation);
}

guint
easel_card_save (EaselCard     *card,
                 EaselProject  *project,
                 const char    *name,
                 guint          version,
                 const char    *who,
                 GError       **error)
{
  g_autofree char *json = easel_card_to_json (card, FALSE);

  return easel_project_save_card (project, name, version, json, who, error);
}
