/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-param-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "easel-param-form.h"

/* One parameter's row */
typedef struct
{
  EaselParamForm       *form;        /* borrowed */
  const EaselParamSpec *spec;
  guint                 index;       /* in the algorithm's specs */
  GtkWidget            *row;
  GtkWidget            *field;       /* GtkSpinButton, GtkEntry (lists), or the AdwComboRow */
  GtkWidget            *error_icon;
  char                 *error;
  double                value;       /* what the field shows */
  gboolean              typed;       /* the next value change comes from typing... */
  double                typed_value; /* ...and is this value */
  gboolean              updating;
} Field;

struct _EaselParamForm
{
  GtkWidget             parent_instance;

  /* Owned */
  GtkWidget            *box;
  GtkWidget            *group;
  GtkWidget            *reset_button;
  GtkWidget            *error_label;
  GPtrArray            *fields;      /* Field * */
  EaselParams          *params;

  /* Borrowed */
  const EaselAlgorithm *algorithm;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselParamForm, easel_param_form, GTK_TYPE_WIDGET)

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->error);
  g_free (field);
}

static Field *
find_field (EaselParamForm *self,
            const char     *name)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = self->fields->pdata[i];

      if (g_ascii_strcasecmp (field->spec->name, name) == 0)
        return field;
    }
  return NULL;
}

static void
update_error (EaselParamForm *self)
{
  const char *error = easel_param_form_get_error (self);

  gtk_label_set_label (GTK_LABEL (self->error_label), error != NULL ? error : "");
  gtk_widget_set_visible (self->error_label, error != NULL);
}

/* Takes the value shown in the field into the parameters, or marks the field. */
static void
accept_value (Field      *field,
              double      value,
              const char *text)
{
  EaselParamForm *self = field->form;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (text != NULL)
    ok = easel_params_set (self->params, field->spec->name, text, &error);
  else
    ok = easel_params_set_number (self->params, field->spec->name, value, &error);

  g_clear_pointer (&field->error, g_free);
  if (!ok)
    field->error = g_strdup (error->message);

  if (field->error != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
  gtk_widget_set_visible (field->error_icon, field->error != NULL);
  gtk_widget_set_tooltip_text (field->error_icon, field->error);
  if (GTK_IS_SPIN_BUTTON (field->field))
    {
      if (field->error != NULL)
        gtk_widget_add_css_class (field->field, "error");
      else
        gtk_widget_remove_css_class (field->field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->field), GTK_ACCESSIBLE_STATE_INVALID,
                                   field->error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                                        : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }

  update_error (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Spin buttons */

static gboolean
is_none_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_ascii_strcasecmp (stripped, "none") == 0 ||
         g_utf8_collate (stripped, _("none")) == 0;
}

/* Reads what was typed: a number, or "none" for a parameter where 0 means no limit. */
static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               Field         *field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *end = NULL;
  double value;

  if ((field->spec->flags & EASEL_PARAM_ZERO_IS_NONE) && is_none_text (stripped))
    value = 0.0;
  else
    {
      value = g_ascii_strtod (stripped, &end);
      if (end == stripped || *end != '\0' || !isfinite (value))
        {
          /* Not a number: the parameters say what they take; the field keeps its value. */
          accept_value (field, field->value, stripped);
          return GTK_INPUT_ERROR;
        }
    }

  {
    GtkAdjustment *adj = gtk_spin_button_get_adjustment (spin);

    /* the adjustment clamps what is typed to its range */
    value = CLAMP (value, gtk_adjustment_get_lower (adj), gtk_adjustment_get_upper (adj));
  }
  field->typed = TRUE;
  field->typed_value = value;
  *new_value = value;
  /* The same value again: no change follows, but an earlier error may go. */
  if (value == field->value)
    {
      field->typed = FALSE;
      accept_value (field, value, NULL);
    }
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                Field         *field)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if ((field->spec->flags & EASEL_PARAM_ZERO_IS_NONE) && value == 0.0)
    gtk_editable_set_text (GTK_EDITABLE (spin), _("none"));
  else
    gtk_editable_set_text (GTK_EDITABLE (spin), g_ascii_formatd (buf, sizeof buf, "%.6g", value));
  return TRUE;
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Field         *field)
{
  double value = gtk_spin_button_get_value (spin);

  if (field->updating)
    return;

  /* On a log scale the buttons, arrow keys and scrolling step by decades. */
  if ((field->spec->flags & EASEL_PARAM_LOG_SCALE) &&
      !(field->typed && value == field->typed_value) && value != field->value)
    {
      GtkAdjustment *adj = gtk_spin_button_get_adjustment (spin);
      double old = field->value;
      double stepped;

      if (value > old)
        stepped = old > 0 ? old * 10 : (field->spec->default_value > 0
                                        ? field->spec->default_value : 1e-6);
      else
        stepped = old / 10;
      stepped = CLAMP (stepped, gtk_adjustment_get_lower (adj), gtk_adjustment_get_upper (adj));
      if ((field->spec->flags & EASEL_PARAM_MIN_EXCLUSIVE) && stepped <= field->spec->min)
        stepped = old;
      field->updating = TRUE;
      gtk_spin_button_set_value (spin, stepped);
      field->updating = FALSE;
      value = stepped;
    }
  field->typed = FALSE;
  field->value = value;
  accept_value (field, value, NULL);
}

static GtkWidget *
make_spin (Field *field)
{
  const EaselParamSpec *spec = field->spec;
  double lower = spec->min, upper = spec->max, step, page;
  GtkAdjustment *adj;
  GtkWidget *spin;

  if ((spec->flags & EASEL_PARAM_ZERO_IS_NONE) && lower > 0)
    lower = 0;
  if (spec->type == EASEL_PARAM_INT)
    {
      step = 1;
      page = 10;
    }
  else if (spec->flags & EASEL_PARAM_LOG_SCALE)
    {
      /* spin_value_changed_cb turns any step into a decade */
      step = 1;
      page = 1;
    }
  else
    {
      step = upper - lower <= 1 ? 0.01 : 0.1;
      page = step * 10;
    }
  adj = gtk_adjustment_new (spec->default_value, lower, upper, step, page, 0);
  spin = gtk_spin_button_new (adj, 1, spec->type == EASEL_PARAM_INT ? 0 : 10);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_ALWAYS);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 9);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), field);
  g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), field);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spec->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(spec->explanation),
                                  -1);
  return spin;
}

/* Lists of whole numbers, typed as "64,32" */

static void
entry_changed_cb (GtkEditable *entry,
                  Field       *field)
{
  if (field->updating)
    return;
  accept_value (field, 0, gtk_editable_get_text (entry));
}

static char *
default_text (Field *field)
{
  g_autoptr(EaselParams) defaults = easel_params_new (field->form->algorithm);

  return easel_params_format (defaults, field->index);
}

/* Choices */

static void
combo_selected_cb (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   Field       *field)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (field->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  field->value = selected;
  accept_value (field, selected, NULL);
}

static Field *
add_field (EaselParamForm       *self,
           guint                 index)
{
  const EaselParamSpec *spec = &self->algorithm->params[index];
  Field *field = g_new0 (Field, 1);

  field->form = self;
  field->spec = spec;
  field->index = index;
  field->value = spec->default_value;
  field->error_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (field->error_icon, "error");
  gtk_widget_set_visible (field->error_icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->error_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Invalid value"), -1);

  if (spec->type == EASEL_PARAM_CHOICE)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

      /* the choices are names the parameters read back; the list shows their translations */
      for (guint c = 0; spec->choices[c] != NULL; c++)
        gtk_string_list_append (list, g_dpgettext2 (GETTEXT_PACKAGE, "parameter choice",
                                                    spec->choices[c]));

      field->row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (list));
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), (guint) spec->default_value);
      field->field = field->row;
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->error_icon);
      g_signal_connect (field->row, "notify::selected", G_CALLBACK (combo_selected_cb), field);
    }
  else if (spec->type == EASEL_PARAM_INT_LIST)
    {
      g_autofree char *text = default_text (field);

      field->row = adw_action_row_new ();
      field->field = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (field->field), text);
      gtk_editable_set_width_chars (GTK_EDITABLE (field->field), 9);
      gtk_widget_set_valign (field->field, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->field),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spec->name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(spec->explanation),
                                      -1);
      g_signal_connect (field->field, "changed", G_CALLBACK (entry_changed_cb), field);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->error_icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->field);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->field);
    }
  else
    {
      field->row = adw_action_row_new ();
      field->field = make_spin (field);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->error_icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->field);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->field);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), spec->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), _(spec->explanation));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), field->row);
  return field;
}

static void
reset_clicked_cb (EaselParamForm *self)
{
  easel_param_form_reset (self);
}

/* Overrides */

static void
easel_param_form_dispose (GObject *object)
{
  EaselParamForm *self = EASEL_PARAM_FORM (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (easel_param_form_parent_class)->dispose (object);
}

static void
easel_param_form_finalize (GObject *object)
{
  EaselParamForm *self = EASEL_PARAM_FORM (object);

  g_clear_pointer (&self->params, easel_params_free);

  G_OBJECT_CLASS (easel_param_form_parent_class)->finalize (object);
}

static void
easel_param_form_class_init (EaselParamFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_param_form_dispose;
  object_class->finalize = easel_param_form_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "paramform");
}

static void
easel_param_form_init (EaselParamForm *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->error_label);
  easel_param_form_set_algorithm (self, NULL);
}

/* Public API */

GtkWidget *
easel_param_form_new (void)
{
  return g_object_new (EASEL_TYPE_PARAM_FORM, NULL);
}

void
easel_param_form_set_algorithm (EaselParamForm       *self,
                                const EaselAlgorithm *algorithm)
{
  GtkWidget *reset_label;

  g_return_if_fail (EASEL_IS_PARAM_FORM (self));

  if (self->group != NULL && algorithm == self->algorithm)
    return;

  if (self->group != NULL)
    gtk_box_remove (GTK_BOX (self->box), self->group);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->params, easel_params_free);
  self->algorithm = algorithm;

  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Parameters"));
  /* a label child: GTK 4.8 would read the button's own label twice */
  self->reset_button = gtk_button_new ();
  reset_label = gtk_label_new_with_mnemonic (_("_Reset to Defaults"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (reset_label), self->reset_button);
  gtk_button_set_child (GTK_BUTTON (self->reset_button), reset_label);
  gtk_widget_add_css_class (self->reset_button, "flat");
  gtk_widget_set_valign (self->reset_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (reset_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group),
                                           self->reset_button);
  gtk_box_prepend (GTK_BOX (self->box), self->group);
  self->fields = g_ptr_array_new_with_free_func (field_free);

  if (algorithm == NULL)
    {
      gtk_widget_set_visible (self->group, FALSE);
      update_error (self);
      return;
    }

  self->params = easel_params_new (algorithm);
  if (algorithm->n_params == 0)
    {
      gtk_widget_set_visible (self->reset_button, FALSE);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                             _("This algorithm has nothing to set."));
    }
  for (guint i = 0; i < algorithm->n_params; i++)
    g_ptr_array_add (self->fields, add_field (self, i));
  update_error (self);
}

const EaselAlgorithm *
easel_param_form_get_algorithm (EaselParamForm *self)
{
  g_return_val_if_fail (EASEL_IS_PARAM_FORM (self), NULL);

  return self->algorithm;
}

const EaselParams *
easel_param_form_get_params (EaselParamForm *self)
{
  g_return_val_if_fail (EASEL_IS_PARAM_FORM (self), NULL);

  return self->params;
}

const char *
easel_param_form_get_error (EaselParamForm *self)
{
  g_return_val_if_fail (EASEL_IS_PARAM_FORM (self), NULL);

  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = self->fields->pdata[i];

      if (field->error != NULL)
        return field->error;
    }
  return NULL;
}

void
easel_param_form_reset (EaselParamForm *self)
{
  g_return_if_fail (EASEL_IS_PARAM_FORM (self));

  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = self->fields->pdata[i];
      double value = field->spec->default_value;

      g_autofree char *text = NULL;

      field->updating = TRUE;
      if (field->spec->type == EASEL_PARAM_CHOICE)
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), (guint) value);
      else if (field->spec->type == EASEL_PARAM_INT_LIST)
        {
          text = default_text (field);
          gtk_editable_set_text (GTK_EDITABLE (field->field), text);
        }
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->field), value);
      field->updating = FALSE;
      field->value = value;
      field->typed = FALSE;
      accept_value (field, value, text);
    }
}

gboolean
easel_param_form_set_text (EaselParamForm *self,
                           const char     *name,
                           const char     *text)
{
  Field *field;

  g_return_val_if_fail (EASEL_IS_PARAM_FORM (self), FALSE);
  g_return_val_if_fail (name != NULL && text != NULL, FALSE);

  field = find_field (self, name);
  if (field == NULL)
    return FALSE;

  if (field->spec->type == EASEL_PARAM_CHOICE)
    {
      for (guint c = 0; field->spec->choices[c] != NULL; c++)
        if (g_ascii_strcasecmp (field->spec->choices[c], text) == 0)
          {
            adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), c);
            return TRUE;
          }
      return FALSE;
    }

  gtk_editable_set_text (GTK_EDITABLE (field->field), text);
  if (GTK_IS_SPIN_BUTTON (field->field))
    gtk_spin_button_update (GTK_SPIN_BUTTON (field->field));
  return TRUE;
}

GtkWidget *
easel_param_form_get_field (EaselParamForm *self,
                            const char     *name)
{
  Field *field;

  g_return_val_if_fail (EASEL_IS_PARAM_FORM (self), NULL);

  field = find_field (self, name);
  return field != NULL ? field->field : NULL;
}
