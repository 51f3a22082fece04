/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-step-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-formula.h"
#include "easel-step-editor.h"

struct _EaselStepEditor
{
  GtkWidget            parent_instance;

  /* Owned */
  AdwPreferencesGroup *group;
  EaselStep           *step;
  GHashTable          *rows;            /* param name → row (borrowed) */
  GPtrArray           *columns;         /* char *: the columns offered */
  AdwActionRow        *formula_error_row;
  char                *formula_error;

  guint                index;
  gboolean             filling;         /* building the form: no signals */
};

enum {
  PARAM_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselStepEditor, easel_step_editor, GTK_TYPE_WIDGET)

#define SPEC_KEY "easel-param-spec"

/* Helpers */

char *
easel_step_param_title (const char *name)
{
  static const struct
  {
    const char *name;
    const char *title;
  } titles[] = {
    { "column", N_("Column") },
    { "columns", N_("Columns") },
    { "to", N_("To") },
    { "type", N_("Type") },
    { "strategy", N_("Strategy") },
    { "value", N_("Value") },
    { "add_indicator", N_("Add an indicator column") },
    { "keep", N_("Keep") },
    { "operator", N_("Operator") },
    { "side", N_("Side") },
    { "find", N_("Find") },
    { "with", N_("Replace with") },
    { "regex", N_("Regular expression") },
    { "method", N_("Method") },
    { "k", N_("Standard deviations (k)") },
    { "lower", N_("Lower quantile") },
    { "upper", N_("Upper quantile") },
    { "action", N_("Action") },
    { "bins", N_("Bins") },
    { "order", N_("Order") },
    { "drop_first", N_("Drop the first category") },
    { "max_categories", N_("Most categories") },
    { "features", N_("Features") },
    { "name", N_("New column name") },
    { "expression", N_("Formula") },
  };
  char *title;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].name, name))
      return g_strdup (_(titles[i].title));

  title = g_strdelimit (g_strdup (name), "_", ' ');
  title[0] = g_ascii_toupper (title[0]);
  return title;
}

static void
emit_value (EaselStepEditor *self,
            const char      *name,
            JsonNode        *value)
{
  g_autofree char *json = NULL;

  if (self->filling)
    return;
  if (value != NULL)
    json = json_to_string (value, FALSE);
  g_signal_emit (self, signals[PARAM_CHANGED], 0, name, json);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

static JsonNode *
strv_node (GPtrArray *names)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < names->len; i++)
    json_array_add_string_element (array, names->pdata[i]);
  json_node_take_array (node, array);
  return node;
}

/* Text as JSON if it is JSON, else as a string. */
static JsonNode *
parse_loose (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json_parser_load_from_data (parser, text, -1, NULL) && json_parser_get_root (parser) != NULL)
    return json_node_copy (json_parser_get_root (parser));
  return string_node (text);
}

/* "a, b, c" → ["a", "b", "c"]; numbers stay numbers when 'numbers'. NULL if one is not. */
static JsonNode *
parse_list (const char *text,
            gboolean    numbers)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *end = NULL;
      double v;

      if (*part == '\0')
        continue;
      if (!numbers)
        {
          json_array_add_string_element (array, part);
          continue;
        }
      v = g_ascii_strtod (part, &end);
      if (end == part || *end != '\0' || !isfinite (v))
        {
          json_node_unref (node);
          return NULL;
        }
      json_array_add_double_element (array, v);
    }
  return node;
}

static char *
node_to_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/* Entries */

static void
set_entry_error (GtkWidget  *row,
                 gboolean    error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
show_formula_error (EaselStepEditor *self,
                    const char      *expression)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselFormula) formula = NULL;
  guint position = 0;

  g_clear_pointer (&self->formula_error, g_free);
  if (self->formula_error_row == NULL)
    return;
  if (expression != NULL && expression[0] != '\0')
    formula = easel_formula_parse (expression, &position, &error);
  if (formula != NULL || expression == NULL || expression[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->formula_error_row), FALSE);
      return;
    }

  {
    /* the formula with a marker under the character at fault, or after its end */
    glong length = g_utf8_strlen (expression, -1);
    glong at = CLAMP ((glong) position, 1, length + 1) - 1;
    const char *split = g_utf8_offset_to_pointer (expression, at);
    g_autofree char *head = g_markup_escape_text (expression, (gssize) (split - expression));
    g_autofree char *fault = NULL;
    g_autofree char *tail = NULL;
    g_autofree char *message = g_markup_escape_text (error->message, -1);
    g_autofree char *markup = NULL;

    if (at < length)
      {
        const char *next = g_utf8_next_char (split);
        fault = g_markup_escape_text (split, (gssize) (next - split));
        tail = g_markup_escape_text (next, -1);
      }
    else
      {
        fault = g_strdup ("‸");
        tail = g_strdup ("");
      }
    /* Translators: under a formula entry; %u is a character position from 1 */
    self->formula_error = g_strdup_printf (_("At character %u: %s"), (guint) (at + 1),
                                           error->message);
    markup = g_strdup_printf ("<tt>%s<span underline=\"error\" weight=\"bold\">%s</span>%s</tt>",
                              head, fault, tail);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->formula_error_row), markup);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->formula_error_row), message);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->formula_error_row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->formula_error, -1);
    gtk_widget_set_visible (GTK_WIDGET (self->formula_error_row), TRUE);
  }
}

static void
entry_changed_cb (EaselStepEditor *self,
                  GtkEditable     *entry)
{
  const EaselStepParamSpec *spec = g_object_get_data (G_OBJECT (entry), SPEC_KEY);
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(JsonNode) value = NULL;
  gboolean valid = TRUE;

  if (stripped[0] == '\0' && spec->kind != EASEL_STEP_PARAM_STRING)
    {
      set_entry_error (GTK_WIDGET (entry), FALSE);
      if (spec->kind == EASEL_STEP_PARAM_EXPRESSION)
        show_formula_error (self, NULL);
      emit_value (self, spec->name, NULL);
      return;
    }

  switch (spec->kind)
    {
    case EASEL_STEP_PARAM_NUMBER:
    case EASEL_STEP_PARAM_INTEGER:
      {
        char *end = NULL;
        double v = g_ascii_strtod (stripped, &end);

        valid = end != stripped && *end == '\0' && isfinite (v)
                && (spec->kind == EASEL_STEP_PARAM_NUMBER || v == floor (v));
        if (valid)
          {
            value = json_node_new (JSON_NODE_VALUE);
            if (spec->kind == EASEL_STEP_PARAM_INTEGER)
              json_node_set_int (value, (gint64) v);
            else
              json_node_set_double (value, v);
          }
        break;
      }
    case EASEL_STEP_PARAM_BINS:
      {
        char *end = NULL;
        double v = g_ascii_strtod (stripped, &end);

        if (end != stripped && *end == '\0' && v == floor (v))
          {
            value = json_node_new (JSON_NODE_VALUE);
            json_node_set_int (value, (gint64) v);
          }
        else
          value = parse_list (stripped, TRUE);
        valid = value != NULL;
        break;
      }
    case EASEL_STEP_PARAM_ORDER:
      value = stripped[0] == '[' || stripped[0] == '{' ? parse_loose (stripped)
                                                       : parse_list (stripped, FALSE);
      break;
    case EASEL_STEP_PARAM_VALUE:
    case EASEL_STEP_PARAM_POSITION:
      value = parse_loose (stripped);
      break;
    case EASEL_STEP_PARAM_EXPRESSION:
      show_formula_error (self, text);
      value = string_node (text);
      break;
    case EASEL_STEP_PARAM_STRING:
    default:
      value = string_node (text);
      break;
    }

  set_entry_error (GTK_WIDGET (entry), !valid);
  if (valid)
    emit_value (self, spec->name, value);
}

static GtkWidget *
create_entry_row (EaselStepEditor          *self,
                  const EaselStepParamSpec *spec,
                  const char               *title)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = node_to_text (easel_step_get_param (self->step, spec->name));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (spec->kind == EASEL_STEP_PARAM_NUMBER || spec->kind == EASEL_STEP_PARAM_INTEGER
      || spec->kind == EASEL_STEP_PARAM_BINS)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
  g_object_set_data (G_OBJECT (row), SPEC_KEY, (gpointer) spec);
  g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

/* Combo rows: a column, a choice, a position */

static void
combo_changed_cb (EaselStepEditor *self,
                  GParamSpec      *pspec,
                  AdwComboRow     *row)
{
  const EaselStepParamSpec *spec = g_object_get_data (G_OBJECT (row), SPEC_KEY);
  GStrv values = g_object_get_data (G_OBJECT (row), "easel-values");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(JsonNode) value = NULL;

  if (selected == GTK_INVALID_LIST_POSITION || values == NULL
      || selected >= g_strv_length (values))
    return;
  /* an empty value: the parameter's default */
  if (values[selected][0] != '\0')
    value = spec->kind == EASEL_STEP_PARAM_POSITION ? parse_loose (values[selected])
                                                    : string_node (values[selected]);
  emit_value (self, spec->name, value);
}

/* 'labels' and 'values' (as stored: a string, or JSON for positions) run in parallel. */
static GtkWidget *
create_combo_row (EaselStepEditor          *self,
                  const EaselStepParamSpec *spec,
                  const char               *title,
                  GPtrArray                *labels,
                  GPtrArray                *values,
                  guint                     selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (model, labels->pdata[i]);
  g_ptr_array_add (values, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), SPEC_KEY, (gpointer) spec);
  g_object_set_data_full (G_OBJECT (row), "easel-values",
                          g_ptr_array_free (values, FALSE), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (combo_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
create_column_row (EaselStepEditor          *self,
                   const EaselStepParamSpec *spec,
                   const char               *title)
{
  const char *current = easel_step_get_string (self->step, spec->name);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *values = g_ptr_array_new ();
  guint selected = 0;
  gboolean found = FALSE;

  if (!spec->required)
    {
      g_ptr_array_add (labels, g_strdup (C_("column", "None")));
      g_ptr_array_add (values, g_strdup (""));
    }
  for (guint i = 0; i < self->columns->len; i++)
    {
      if (g_strcmp0 (current, self->columns->pdata[i]) == 0)
        {
          selected = labels->len;
          found = TRUE;
        }
      g_ptr_array_add (labels, g_strdup (self->columns->pdata[i]));
      g_ptr_array_add (values, g_strdup (self->columns->pdata[i]));
    }
  /* a column the table does not have (any more): shown, so that the error makes sense */
  if (current != NULL && !found)
    {
      selected = labels->len;
      /* Translators: a column a step names that the table does not have */
      g_ptr_array_add (labels, g_strdup_printf (_("%s (missing)"), current));
      g_ptr_array_add (values, g_strdup (current));
    }
  return create_combo_row (self, spec, title, labels, values, selected);
}

static GtkWidget *
create_choice_row (EaselStepEditor          *self,
                   const EaselStepParamSpec *spec,
                   const char               *title)
{
  const char *current = easel_step_get_string (self->step, spec->name);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *values = g_ptr_array_new ();
  g_autofree char *fallback = NULL;
  guint selected = 0;

  /* the default stands for an unset parameter */
  if (spec->default_json != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (spec->default_json, NULL);
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        fallback = g_strdup (json_node_get_string (node));
    }
  if (!spec->required && fallback == NULL)
    {
      g_ptr_array_add (labels, g_strdup (C_("choice", "Default")));
      g_ptr_array_add (values, g_strdup (""));
    }
  for (guint i = 0; spec->choices != NULL && spec->choices[i] != NULL; i++)
    {
      if (g_strcmp0 (current != NULL ? current : fallback, spec->choices[i]) == 0)
        selected = labels->len;
      /* the choice is a name the recipe keeps; the list shows its translation */
      g_ptr_array_add (labels,
                       g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "step choice", spec->choices[i])));
      g_ptr_array_add (values, g_strdup (spec->choices[i]));
    }
  return create_combo_row (self, spec, title, labels, values, selected);
}

static GtkWidget *
create_position_row (EaselStepEditor          *self,
                     const EaselStepParamSpec *spec,
                     const char               *title)
{
  JsonNode *node = easel_step_get_param (self->step, spec->name);
  g_autofree char *current = node != NULL ? json_to_string (node, FALSE) : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *values = g_ptr_array_new ();
  guint selected = 0;
  gboolean found = current == NULL;

  g_ptr_array_add (labels, g_strdup (_("At the start")));
  g_ptr_array_add (values, g_strdup ("\"start\""));
  g_ptr_array_add (labels, g_strdup (_("At the end")));
  g_ptr_array_add (values, g_strdup ("\"end\""));
  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) after = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "after");
      json_builder_add_string_value (b, self->columns->pdata[i]);
      json_builder_end_object (b);
      after = json_builder_get_root (b);
      /* Translators: where to move a column; %s is another column */
      g_ptr_array_add (labels,
                       g_strdup_printf (_("After “%s”"), (char *) self->columns->pdata[i]));
      g_ptr_array_add (values, json_to_string (after, FALSE));
    }
  for (guint i = 0; current != NULL && i < values->len; i++)
    if (g_str_equal (current, values->pdata[i]))
      {
        selected = i;
        found = TRUE;
      }
  if (!found)
    {
      selected = labels->len;
      g_ptr_array_add (labels, g_strdup (current));
      g_ptr_array_add (values, g_strdup (current));
    }
  return create_combo_row (self, spec, title, labels, values, selected);
}

/* Many of a list: columns or choices */

static void
check_toggled_cb (EaselStepEditor *self,
                  GtkCheckButton  *check)
{
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (check), "easel-expander");
  const EaselStepParamSpec *spec = g_object_get_data (G_OBJECT (row), SPEC_KEY);
  GPtrArray *checks = g_object_get_data (G_OBJECT (row), "easel-checks");
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (checks->pdata[i]))
      g_ptr_array_add (chosen, g_object_get_data (G_OBJECT (checks->pdata[i]), "easel-name"));

  if (chosen->len > 0)
    {
      value = strv_node (chosen);
      g_ptr_array_add (chosen, NULL);
      joined = g_strjoinv (", ", (char **) chosen->pdata);
    }
  adw_expander_row_set_subtitle (row, joined != NULL ? joined
                                      : spec->required ? _("None chosen")
                                      : spec->kind == EASEL_STEP_PARAM_COLUMNS ? _("All columns")
                                      : _("Default"));
  emit_value (self, spec->name, value);
}

static GtkWidget *
create_many_row (EaselStepEditor          *self,
                 const EaselStepParamSpec *spec,
                 const char               *title)
{
  GtkWidget *row = adw_expander_row_new ();
  g_auto(GStrv) current = easel_step_dup_strv (self->step, spec->name);
  GPtrArray *checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GtkWidget *first_check = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), SPEC_KEY, (gpointer) spec);
  g_object_set_data_full (G_OBJECT (row), "easel-checks", checks,
                          (GDestroyNotify) g_ptr_array_unref);

  if (spec->kind == EASEL_STEP_PARAM_CHOICES)
    for (guint i = 0; spec->choices[i] != NULL; i++)
      g_ptr_array_add (items, (gpointer) spec->choices[i]);
  else
    for (guint i = 0; i < self->columns->len; i++)
      g_ptr_array_add (items, self->columns->pdata[i]);
  /* chosen names the table does not have stay listed */
  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    {
      gboolean listed = FALSE;
      for (guint k = 0; k < items->len && !listed; k++)
        listed = g_str_equal (items->pdata[k], current[i]);
      if (!listed)
        g_ptr_array_add (items, current[i]);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const char *name = items->pdata[i];
      GtkWidget *item = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   current != NULL && g_strv_contains ((const char *const *)
                                                                       current, name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_object_set_data_full (G_OBJECT (check), "easel-name", g_strdup (name), g_free);
      g_object_set_data (G_OBJECT (check), "easel-expander", row);
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (item), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), item);
      g_ptr_array_add (checks, check);
      if (first_check == NULL)
        first_check = check;
    }
  /* the subtitle, without emitting */
  if (first_check != NULL)
    check_toggled_cb (self, GTK_CHECK_BUTTON (first_check));
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("No columns"));
  /* nothing chosen yet: open, so that the list is there to choose from */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), current == NULL);
  return row;
}

/* A switch */

static void
switch_changed_cb (EaselStepEditor *self,
                   GParamSpec      *pspec,
                   GtkSwitch       *widget)
{
  const EaselStepParamSpec *spec = g_object_get_data (G_OBJECT (widget), SPEC_KEY);
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (value, gtk_switch_get_active (widget));
  emit_value (self, spec->name, value);
}

static GtkWidget *
create_switch_row (EaselStepEditor          *self,
                   const EaselStepParamSpec *spec,
                   const char               *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *widget = gtk_switch_new ();
  JsonNode *node = easel_step_get_param (self->step, spec->name);
  gboolean active = FALSE;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    active = json_node_get_boolean (node);
  else if (g_strcmp0 (spec->default_json, "true") == 0)
    active = TRUE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_switch_set_active (GTK_SWITCH (widget), active);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data (G_OBJECT (widget), SPEC_KEY, (gpointer) spec);
  g_signal_connect_object (widget, "notify::active", G_CALLBACK (switch_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  return row;
}

/* The form */

static void
clear_form (EaselStepEditor *self)
{
  if (self->group != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->group));
      self->group = NULL;
    }
  self->formula_error_row = NULL;
  g_clear_pointer (&self->formula_error, g_free);
  g_hash_table_remove_all (self->rows);
}

static void
build_form (EaselStepEditor *self)
{
  const EaselStepInfo *info = easel_step_get_info (self->step);
  g_autofree char *title = NULL;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->group), GTK_WIDGET (self));
  /* Translators: the heading of a step's form: its number, then what it does */
  title = g_strdup_printf (_("Step %u: %s"), self->index + 1, _(info->label));
  adw_preferences_group_set_title (self->group, title);
  {
    /* the description is markup: "<column>_<category>" is text */
    g_autofree char *description = g_markup_escape_text (_(info->description), -1);
    adw_preferences_group_set_description (self->group, description);
  }

  for (guint i = 0; i < info->n_params; i++)
    {
      const EaselStepParamSpec *spec = &info->params[i];
      g_autofree char *name = easel_step_param_title (spec->name);
      g_autofree char *row_title = spec->required ? g_strdup (name)
                                   /* Translators: a parameter that may be left out */
                                   : g_strdup_printf (_("%s (optional)"), name);
      GtkWidget *row;

      switch (spec->kind)
        {
        case EASEL_STEP_PARAM_COLUMN:
          row = create_column_row (self, spec, row_title);
          break;
        case EASEL_STEP_PARAM_COLUMNS:
        case EASEL_STEP_PARAM_CHOICES:
          row = create_many_row (self, spec, row_title);
          break;
        case EASEL_STEP_PARAM_CHOICE:
          row = create_choice_row (self, spec, row_title);
          break;
        case EASEL_STEP_PARAM_POSITION:
          row = create_position_row (self, spec, row_title);
          break;
        case EASEL_STEP_PARAM_BOOLEAN:
          row = create_switch_row (self, spec, row_title);
          break;
        case EASEL_STEP_PARAM_STRING:
        case EASEL_STEP_PARAM_NUMBER:
        case EASEL_STEP_PARAM_INTEGER:
        case EASEL_STEP_PARAM_VALUE:
        case EASEL_STEP_PARAM_EXPRESSION:
        case EASEL_STEP_PARAM_ORDER:
        case EASEL_STEP_PARAM_BINS:
        default:
          row = create_entry_row (self, spec, row_title);
          break;
        }
      gtk_widget_set_tooltip_text (row, _(spec->description));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _(spec->description), -1);
      gtk_widget_set_name (row, spec->name);
      adw_preferences_group_add (self->group, row);
      g_hash_table_insert (self->rows, g_strdup (spec->name), row);

      if (spec->kind == EASEL_STEP_PARAM_EXPRESSION)
        {
          GtkWidget *error_row = adw_action_row_new ();
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

          gtk_widget_add_css_class (error_row, "formula-error");
          gtk_widget_set_visible (error_row, FALSE);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (error_row), 0);
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Error"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (error_row), icon);
          adw_preferences_group_add (self->group, error_row);
          self->formula_error_row = ADW_ACTION_ROW (error_row);
          show_formula_error (self, easel_step_get_string (self->step, spec->name));
        }
    }
}

/* Overrides */

static void
easel_step_editor_dispose (GObject *object)
{
  EaselStepEditor *self = EASEL_STEP_EDITOR (object);

  clear_form (self);

  G_OBJECT_CLASS (easel_step_editor_parent_class)->dispose (object);
}

static void
easel_step_editor_finalize (GObject *object)
{
  EaselStepEditor *self = EASEL_STEP_EDITOR (object);

  g_clear_pointer (&self->step, easel_step_free);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->formula_error, g_free);

  G_OBJECT_CLASS (easel_step_editor_parent_class)->finalize (object);
}

static void
easel_step_editor_class_init (EaselStepEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_step_editor_dispose;
  object_class->finalize = easel_step_editor_finalize;

  /* A parameter was edited: its name and new value as JSON (NULL: unset). */
  signals[PARAM_CHANGED] =
    g_signal_new ("param-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stepeditor");
}

static void
easel_step_editor_init (EaselStepEditor *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->columns = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

GtkWidget *
easel_step_editor_new (void)
{
  return g_object_new (EASEL_TYPE_STEP_EDITOR, NULL);
}

void
easel_step_editor_set_step (EaselStepEditor   *self,
                            const EaselStep   *step,
                            guint              index,
                            const char *const *columns)
{
  g_return_if_fail (EASEL_IS_STEP_EDITOR (self));

  clear_form (self);
  g_clear_pointer (&self->step, easel_step_free);
  g_ptr_array_set_size (self->columns, 0);
  if (step == NULL)
    return;

  self->step = easel_step_copy (step);
  self->index = index;
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    g_ptr_array_add (self->columns, g_strdup (columns[i]));

  self->filling = TRUE;
  build_form (self);
  self->filling = FALSE;
}

GtkWidget *
easel_step_editor_get_row (EaselStepEditor *self,
                           const char      *param)
{
  g_return_val_if_fail (EASEL_IS_STEP_EDITOR (self), NULL);

  return g_hash_table_lookup (self->rows, param);
}

const char *
easel_step_editor_get_formula_error (EaselStepEditor *self)
{
  g_return_val_if_fail (EASEL_IS_STEP_EDITOR (self), NULL);

  return self->formula_error;
}
