/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-profile-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "easel-format.h"
#include "easel-profile-view.h"

struct _EaselProfileView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkImage        *type_image;
  GtkLabel        *name_label;
  GtkLabel        *summary_label;
  GtkListBoxRow   *type_row;
  GtkMenuButton   *type_button;
  GtkStack        *details_stack;
  GtkBox          *groups_box;

  /* Owned */
  GHashTable      *statistics;   /* key → GtkLabel showing it (borrowed) */
  char            *column_name;

  /* State */
  EaselColumnType  column_type;
  gboolean         has_column;
  gboolean         has_time;
  gboolean         busy;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_COLUMN_TYPE,
  N_PROPS
};

enum {
  CHANGE_TYPE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselProfileView, easel_profile_view, GTK_TYPE_WIDGET)

static void
set_busy (EaselProfileView *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_stack_set_visible_child_name (self->details_stack, busy ? "busy" : "ready");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_groups (EaselProfileView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  g_hash_table_remove_all (self->statistics);
}

static GtkWidget *
add_group (EaselProfileView *self,
           const char       *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups_box, group);

  return group;
}

/* A compact "title ……… value" row; the value is selectable so it can be copied. */
static void
add_statistic (EaselProfileView *self,
               GtkWidget        *group,
               const char       *key,
               const char       *title,
               const char       *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "statistic");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (value_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Read as one item: "Mean, 5.843" */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, value_label,
                                  NULL, -1);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->statistics, g_strdup (key), value_label);
}

static void
add_number (EaselProfileView *self,
            GtkWidget        *group,
            const char       *key,
            const char       *title,
            double            value)
{
  g_autofree char *text = easel_format_statistic (value);

  add_statistic (self, group, key, title, text);
}

static void
add_count (EaselProfileView *self,
           GtkWidget        *group,
           const char       *key,
           const char       *title,
           guint64           value)
{
  g_autofree char *text = easel_format_count (value);

  add_statistic (self, group, key, title, text);
}

static void
add_count_with_share (EaselProfileView *self,
                      GtkWidget        *group,
                      const char       *key,
                      const char       *title,
                      guint64           value,
                      guint64           whole)
{
  g_autofree char *count = easel_format_count (value);
  g_autofree char *share = easel_format_share (value, whole);
  g_autofree char *text = NULL;

  if (value == 0)
    {
      add_statistic (self, group, key, title, count);
      return;
    }

  /* Translators: a count and its share of all rows, e.g. "19 (5.5%)" */
  text = g_strdup_printf (_("%s (%s)"), count, share);
  add_statistic (self, group, key, title, text);
}

static void
add_datetime (EaselProfileView *self,
              GtkWidget        *group,
              const char       *key,
              const char       *title,
              double            seconds)
{
  char buf[40];

  if (isnan (seconds))
    {
      add_statistic (self, group, key, title, "—");
      return;
    }

  easel_format_datetime (seconds, self->has_time, buf);
  add_statistic (self, group, key, title, buf);
}

/* One frequent value: its text and count, and a bar for its share of the values. */
static void
add_frequent_value (EaselProfileView      *self,
                    GtkWidget             *group,
                    guint                  index,
                    const EaselValueCount *top,
                    gsize                  n_values)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *value_label;
  GtkWidget *count_label;
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *count = easel_format_count (top->count);
  g_autofree char *share = easel_format_share (top->count, n_values);
  g_autofree char *count_text = NULL;
  g_autofree char *key = g_strdup_printf ("top-%u", index);
  g_autofree char *count_key = g_strdup_printf ("top-%u-count", index);
  g_autofree char *description = NULL;
  const char *value = top->value != NULL && top->value[0] != '\0' ? top->value : _("(empty)");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "statistic");

  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_widget_set_tooltip_text (value_label, value);

  count_text = g_strdup_printf (_("%s (%s)"), count, share);
  count_label = gtk_label_new (count_text);
  gtk_label_set_xalign (GTK_LABEL (count_label), 1);
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_add_css_class (count_label, "dim-label");

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                 n_values > 0 ? (double) top->count / (double) n_values : 0);
  gtk_widget_add_css_class (bar, "share");
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Share of values"),
                                  -1);

  gtk_box_append (GTK_BOX (line), value_label);
  gtk_box_append (GTK_BOX (line), count_label);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  description = g_strdup_printf ("%s: %s", value, count_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->statistics, g_steal_pointer (&key), value_label);
  g_hash_table_insert (self->statistics, g_steal_pointer (&count_key), count_label);
}

static void
add_frequent_values (EaselProfileView         *self,
                     const EaselColumnProfile *profile)
{
  GtkWidget *group;
  gsize shown = 0;

  if (profile->n_top == 0)
    return;

  group = add_group (self, _("Most Frequent Values"));
  for (guint i = 0; i < profile->n_top; i++)
    {
      add_frequent_value (self, group, i, &profile->top[i], profile->count);
      shown += profile->top[i].count;
    }

  if (profile->distinct > profile->n_top && profile->count > shown)
    {
      guint64 n_other = profile->distinct - profile->n_top;
      g_autofree char *other = easel_format_count (n_other);
      g_autofree char *title = NULL;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s other value",
                                            "%s other values",
                                            (gulong) MIN (n_other, G_MAXULONG)),
                               other);
      add_count_with_share (self, group, "other", title, profile->count - shown,
                            profile->count);
    }
}

static void
update_header (EaselProfileView *self)
{
  const char *type_label = easel_column_type_get_label (self->column_type);

  gtk_image_set_from_icon_name (self->type_image, easel_column_type_get_icon (self->column_type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->type_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, type_label,
                                  -1);
  gtk_label_set_label (self->name_label, self->column_name);
  gtk_menu_button_set_label (self->type_button, type_label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_TYPE]);
}

static void
type_row_activated_cb (EaselProfileView *self)
{
  gtk_menu_button_popup (self->type_button);
}

static GMenuModel *
create_type_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (guint t = 0; t < EASEL_N_COLUMN_TYPES; t++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (easel_column_type_get_label (t), NULL);

      g_menu_item_set_action_and_target (item, "profile.column-type", "s",
                                         easel_column_type_to_string (t));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
easel_profile_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_PROFILE_VIEW);
  /* the template's root has no id, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_profile_view_parent_class)->dispose (object);
}

static void
easel_profile_view_finalize (GObject *object)
{
  EaselProfileView *self = EASEL_PROFILE_VIEW (object);

  g_clear_pointer (&self->statistics, g_hash_table_unref);
  g_clear_pointer (&self->column_name, g_free);

  G_OBJECT_CLASS (easel_profile_view_parent_class)->finalize (object);
}

static void
easel_profile_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EaselProfileView *self = EASEL_PROFILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_COLUMN_TYPE:
      g_value_set_string (value, easel_column_type_to_string (self->column_type));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_profile_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EaselProfileView *self = EASEL_PROFILE_VIEW (object);
  EaselColumnType type;

  switch (prop_id)
    {
    case PROP_COLUMN_TYPE:
      /* Setting the type is a request: the column keeps its type until it has been read
       * again with the new one, and then the view is given the new column. */
      if (self->has_column &&
          easel_column_type_from_string (g_value_get_string (value), &type) &&
          type != self->column_type)
        g_signal_emit (self, signals[CHANGE_TYPE], 0, (guint) type);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_profile_view_class_init (EaselProfileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_profile_view_dispose;
  object_class->finalize = easel_profile_view_finalize;
  object_class->get_property = easel_profile_view_get_property;
  object_class->set_property = easel_profile_view_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN_TYPE] =
    g_param_spec_string ("column-type", NULL, NULL, "numeric",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EaselProfileView::change-type:
   * @type: the EaselColumnType the person chose
   *
   * Asks to read the column again with another type.
   */
  signals[CHANGE_TYPE] =
    g_signal_new ("change-type", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-profile-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, stack);
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, type_image);
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, name_label);
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, type_row);
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, type_button);
  gtk_widget_class_bind_template_callback (widget_class, type_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, details_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselProfileView, groups_box);

  gtk_widget_class_install_property_action (widget_class, "profile.column-type",
                                            "column-type");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "profileview");
}

static void
easel_profile_view_init (EaselProfileView *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->statistics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  menu = create_type_menu ();
  gtk_menu_button_set_menu_model (self->type_button, menu);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.column-type", FALSE);
}

GtkWidget *
easel_profile_view_new (void)
{
  return g_object_new (EASEL_TYPE_PROFILE_VIEW, NULL);
}

void
easel_profile_view_set_column (EaselProfileView  *self,
                               const EaselColumn *column)
{
  g_return_if_fail (EASEL_IS_PROFILE_VIEW (self));

  clear_groups (self);

  if (column == NULL)
    {
      self->has_column = FALSE;
      g_clear_pointer (&self->column_name, g_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_busy (self, FALSE);
      return;
    }

  self->has_column = TRUE;
  self->column_type = column->type;
  self->has_time = column->type == EASEL_COLUMN_DATETIME && column->has_time;
  g_free (self->column_name);
  self->column_name = g_strdup (column->name);
  gtk_label_set_label (self->summary_label, "");
  update_header (self);

  gtk_stack_set_visible_child_name (self->stack, "profile");
  set_busy (self, TRUE);
}

void
easel_profile_view_set_profile (EaselProfileView         *self,
                                const EaselColumnProfile *profile)
{
  g_autofree char *summary = NULL;
  g_autofree char *distinct = NULL;
  GtkWidget *group;
  gsize n_rows;

  g_return_if_fail (EASEL_IS_PROFILE_VIEW (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (self->has_column);

  clear_groups (self);

  n_rows = profile->count + profile->missing;
  distinct = easel_format_count (profile->distinct);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s distinct value",
                                          "%s distinct values",
                                          (gulong) MIN (profile->distinct, G_MAXULONG)),
                             distinct);
  gtk_label_set_label (self->summary_label, summary);

  group = add_group (self, _("Overview"));
  add_count (self, group, "count", _("Values"), profile->count);
  add_count_with_share (self, group, "missing", _("Missing"), profile->missing, n_rows);
  add_count (self, group, "distinct", _("Distinct"), profile->distinct);
  if (profile->type == EASEL_COLUMN_NUMERIC)
    add_count_with_share (self, group, "zeros", _("Zeros"), profile->zeros, profile->count);

  switch (profile->type)
    {
    case EASEL_COLUMN_NUMERIC:
      group = add_group (self, _("Distribution"));
      add_number (self, group, "mean", _("Mean"), profile->mean);
      add_number (self, group, "std", _("Standard deviation"), profile->std);
      add_number (self, group, "min", _("Minimum"), profile->min);
      add_number (self, group, "p25", _("25th percentile"), profile->p25);
      add_number (self, group, "median", _("Median"), profile->median);
      add_number (self, group, "p75", _("75th percentile"), profile->p75);
      add_number (self, group, "max", _("Maximum"), profile->max);

      group = add_group (self, _("Shape"));
      add_number (self, group, "skewness", _("Skewness"), profile->skewness);
      add_number (self, group, "kurtosis", _("Excess kurtosis"), profile->kurtosis);
      break;

    case EASEL_COLUMN_DATETIME:
      group = add_group (self, _("Range"));
      add_datetime (self, group, "earliest", _("Earliest"), profile->min);
      add_datetime (self, group, "median", _("Median"), profile->median);
      add_datetime (self, group, "latest", _("Latest"), profile->max);
      break;

    case EASEL_COLUMN_TEXT:
      group = add_group (self, _("Length in Characters"));
      add_number (self, group, "mean-length", _("Mean"), profile->mean_length);
      add_count (self, group, "min-length", _("Shortest"), profile->min_length);
      add_count (self, group, "max-length", _("Longest"), profile->max_length);
      add_frequent_values (self, profile);
      break;

    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_BOOLEAN:
      add_frequent_values (self, profile);
      break;

    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }

  set_busy (self, FALSE);
}

gboolean
easel_profile_view_get_busy (EaselProfileView *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE_VIEW (self), FALSE);

  return self->busy;
}

void
easel_profile_view_set_can_change_type (EaselProfileView *self,
                                        gboolean          can_change)
{
  g_return_if_fail (EASEL_IS_PROFILE_VIEW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.column-type", can_change);
  gtk_list_box_row_set_activatable (self->type_row, can_change);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_button), can_change);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->type_button),
                               can_change
                               ? _("Change the column's type")
                               : _("Only the columns of a CSV file can change type"));
}

const char *
easel_profile_view_get_statistic (EaselProfileView *self,
                                  const char       *key)
{
  GtkLabel *label;

  g_return_val_if_fail (EASEL_IS_PROFILE_VIEW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  label = g_hash_table_lookup (self->statistics, key);

  return label != NULL ? gtk_label_get_label (label) : NULL;
}
