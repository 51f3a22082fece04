/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-chart-builder"

#include "config.h"

#include <glib/gi18n.h>

#include "easel-chart-builder.h"
#include "easel-chart-request.h"

/* A column makes a good default group when it has this many categories at most. */
#define MAX_DEFAULT_GROUPS 12

struct _EaselChartBuilder
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwComboRow    *kind_row;
  AdwComboRow    *x_row;
  AdwComboRow    *y_row;
  AdwComboRow    *color_row;
  GtkLabel       *hint_label;
  GtkButton      *export_button;
  EaselChartView *chart_view;

  /* Owned */
  EaselTable     *table;
  GArray         *choices[EASEL_N_CHART_ROLES];   /* per row position: a column, or -1 */

  /* State */
  EaselChartKind  kind;
  int             columns[EASEL_N_CHART_ROLES];
  gboolean        updating;   /* rows are being refilled: their changes are not choices */
  gboolean        dirty;      /* the chart does not match the choices yet */
};

G_DEFINE_FINAL_TYPE (EaselChartBuilder, easel_chart_builder, GTK_TYPE_WIDGET)

static AdwComboRow *
row_for_role (EaselChartBuilder *self,
              EaselChartRole     role)
{
  switch (role)
    {
    case EASEL_CHART_ROLE_X:
      return self->x_row;
    case EASEL_CHART_ROLE_Y:
      return self->y_row;
    case EASEL_CHART_ROLE_COLOR:
      return self->color_row;
    case EASEL_N_CHART_ROLES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
hint_for_kind (EaselChartKind kind)
{
  switch (kind)
    {
    case EASEL_CHART_HISTOGRAM:
      return _("How the values of a column of numbers or dates are spread, in bins of "
               "equal width.");
    case EASEL_CHART_BAR:
      return _("How many rows have each value of a column; the rarest values are summed "
               "into “Other”.");
    case EASEL_CHART_SCATTER:
      return _("One point per row. Beyond 100,000 rows the points are drawn as a density "
               "image.");
    case EASEL_CHART_BOX:
      return _("The median, quartiles and outliers of a column of numbers, for each group "
               "of another column.");
    case EASEL_CHART_HEATMAP:
      return _("How many rows have each pair of values of two columns of categories.");
    case EASEL_CHART_LINE:
      return _("The mean of a column of numbers for each value of another, or for bins of "
               "it when it has many values.");
    case EASEL_CHART_MISSING:
      return _("The share of missing values in each column.");
    case EASEL_CHART_IMAGE_GRID:
    default:
      return "";
    }
}

static int
count_categories (const EaselColumn *column)
{
  return column->type == EASEL_COLUMN_BOOLEAN ? 2 : (int) column->n_categories;
}

/* A sensible column for a role when none fits from before: the first that fits, avoiding
 * the columns already used, preferring groups that are few. */
static int
pick_default (EaselChartBuilder *self,
              EaselChartRole     role)
{
  guint n_columns = easel_table_get_n_columns (self->table);
  gboolean group_role = role == EASEL_CHART_ROLE_COLOR ||
                        (role == EASEL_CHART_ROLE_X && (self->kind == EASEL_CHART_BOX ||
                                                        self->kind == EASEL_CHART_HEATMAP)) ||
                        (role == EASEL_CHART_ROLE_Y && self->kind == EASEL_CHART_HEATMAP);
  int fallback = -1;

  for (guint i = 0; i < n_columns; i++)
    {
      const EaselColumn *column = easel_table_get_column (self->table, i);
      gboolean used = FALSE;

      if (!easel_chart_kind_accepts (self->kind, role, column->type))
        continue;
      for (guint r = 0; r < role; r++)
        used = used || self->columns[r] == (int) i;
      if (used)
        continue;

      if (group_role && (column->type == EASEL_COLUMN_CATEGORICAL ||
                         column->type == EASEL_COLUMN_BOOLEAN))
        {
          int n = count_categories (column);

          if (n >= 2 && n <= MAX_DEFAULT_GROUPS)
            return (int) i;
          if (fallback < 0)
            fallback = (int) i;
          continue;
        }

      /* Numbers: a boolean only if nothing else fits */
      if (column->type == EASEL_COLUMN_BOOLEAN && role != EASEL_CHART_ROLE_COLOR)
        {
          if (fallback < 0)
            fallback = (int) i;
          continue;
        }

      return (int) i;
    }

  return fallback;
}

/* Refills a role's row with the columns that fit it, keeping the choice if it still fits. */
static void
fill_row (EaselChartBuilder *self,
          EaselChartRole     role)
{
  AdwComboRow *row = row_for_role (self, role);
  GArray *choices = self->choices[role];
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean required = FALSE;
  gboolean uses = easel_chart_kind_uses_role (self->kind, role, &required);
  guint n_columns = self->table != NULL ? easel_table_get_n_columns (self->table) : 0;
  int keep = self->columns[role];
  guint selected = GTK_INVALID_LIST_POSITION;

  g_array_set_size (choices, 0);
  gtk_widget_set_visible (GTK_WIDGET (row), uses);
  if (!uses || self->table == NULL)
    {
      self->columns[role] = -1;
      adw_combo_row_set_model (row, G_LIST_MODEL (names));
      return;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 easel_chart_role_get_label (self->kind, role));

  if (!required)
    {
      int none = -1;

      /* Translators: no column chosen for a chart's colours or groups */
      gtk_string_list_append (names, C_("column", "None"));
      g_array_append_val (choices, none);
    }

  if (keep >= 0 && (guint) keep < n_columns &&
      !easel_chart_kind_accepts (self->kind, role,
                                 easel_table_get_column (self->table, (guint) keep)->type))
    keep = -1;
  /* An optional colour starts as none; a required role gets a default. */
  if (keep < 0 && required)
    keep = pick_default (self, role);

  for (guint i = 0; i < n_columns; i++)
    {
      const EaselColumn *column = easel_table_get_column (self->table, i);
      int index = (int) i;

      if (!easel_chart_kind_accepts (self->kind, role, column->type))
        continue;
      if (index == keep)
        selected = choices->len;
      gtk_string_list_append (names, column->name);
      g_array_append_val (choices, index);
    }

  if (selected == GTK_INVALID_LIST_POSITION && choices->len > 0)
    selected = 0;
  self->columns[role] = selected != GTK_INVALID_LIST_POSITION
                        ? g_array_index (choices, int, selected) : -1;

  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (row), choices->len > 0);
}

static void
fill_rows (EaselChartBuilder *self)
{
  self->updating = TRUE;
  for (guint role = 0; role < EASEL_N_CHART_ROLES; role++)
    fill_row (self, role);
  self->updating = FALSE;

  gtk_label_set_label (self->hint_label, hint_for_kind (self->kind));
}

static void
build_chart (EaselChartBuilder *self)
{
  EaselChartRequest *request;

  if (self->table == NULL)
    {
      easel_chart_view_set_placeholder (self->chart_view, NULL);
      self->dirty = FALSE;
      return;
    }

  /* An unmapped builder waits until it is shown: nobody would see the chart. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }

  self->dirty = FALSE;
  request = easel_chart_request_new (self->table, self->kind,
                                     self->columns[EASEL_CHART_ROLE_X],
                                     self->columns[EASEL_CHART_ROLE_Y],
                                     self->columns[EASEL_CHART_ROLE_COLOR]);
  easel_chart_view_build (self->chart_view, easel_chart_request_build, request,
                          (GDestroyNotify) easel_chart_request_free);
}

/* Signal callbacks */

static void
kind_changed_cb (EaselChartBuilder *self)
{
  guint n_kinds, selected = adw_combo_row_get_selected (self->kind_row);
  const EaselChartKind *kinds = easel_chart_kinds_get (&n_kinds);

  if (self->updating || selected >= n_kinds || kinds[selected] == self->kind)
    return;

  self->kind = kinds[selected];
  fill_rows (self);
  build_chart (self);
}

static void
column_changed_cb (EaselChartBuilder *self,
                   GParamSpec        *pspec,
                   AdwComboRow       *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating)
    return;

  for (guint role = 0; role < EASEL_N_CHART_ROLES; role++)
    if (row_for_role (self, role) == row)
      self->columns[role] = selected < self->choices[role]->len
                            ? g_array_index (self->choices[role], int, selected) : -1;

  build_chart (self);
}

static void
chart_busy_changed_cb (EaselChartBuilder *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            easel_chart_view_get_chart (self->chart_view) != NULL);
}

static void
export_clicked_cb (EaselChartBuilder *self)
{
  EaselChart *chart = easel_chart_view_get_chart (self->chart_view);

  easel_chart_view_export (self->chart_view, chart != NULL ? easel_chart_get_title (chart)
                                                           : NULL);
}

/* Overrides */

static void
easel_chart_builder_map (GtkWidget *widget)
{
  EaselChartBuilder *self = EASEL_CHART_BUILDER (widget);

  GTK_WIDGET_CLASS (easel_chart_builder_parent_class)->map (widget);

  if (self->dirty)
    build_chart (self);
}

static void
easel_chart_builder_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_CHART_BUILDER);
  /* the template's root has no id, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_chart_builder_parent_class)->dispose (object);
}

static void
easel_chart_builder_finalize (GObject *object)
{
  EaselChartBuilder *self = EASEL_CHART_BUILDER (object);

  g_clear_pointer (&self->table, easel_table_unref);
  for (guint role = 0; role < EASEL_N_CHART_ROLES; role++)
    g_clear_pointer (&self->choices[role], g_array_unref);

  G_OBJECT_CLASS (easel_chart_builder_parent_class)->finalize (object);
}

static void
easel_chart_builder_class_init (EaselChartBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_chart_builder_dispose;
  object_class->finalize = easel_chart_builder_finalize;
  widget_class->map = easel_chart_builder_map;

  g_type_ensure (EASEL_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-chart-builder.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselChartBuilder, kind_row);
  gtk_widget_class_bind_template_child (widget_class, EaselChartBuilder, x_row);
  gtk_widget_class_bind_template_child (widget_class, EaselChartBuilder, y_row);
  gtk_widget_class_bind_template_child (widget_class, EaselChartBuilder, color_row);
  gtk_widget_class_bind_template_child (widget_class, EaselChartBuilder, hint_label);
  gtk_widget_class_bind_template_child (widget_class, EaselChartBuilder, export_button);
  gtk_widget_class_bind_template_child (widget_class, EaselChartBuilder, chart_view);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_busy_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartbuilder");
}

static void
easel_chart_builder_init (EaselChartBuilder *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const EaselChartKind *kind_list;
  guint n_kinds;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint role = 0; role < EASEL_N_CHART_ROLES; role++)
    {
      self->choices[role] = g_array_new (FALSE, FALSE, sizeof (int));
      self->columns[role] = -1;
    }

  kind_list = easel_chart_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (kinds, easel_chart_kind_get_label (kind_list[i]));
  self->kind = kind_list[0];
  self->updating = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, 0);
  self->updating = FALSE;

  fill_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
}

/* Public API */

GtkWidget *
easel_chart_builder_new (void)
{
  return g_object_new (EASEL_TYPE_CHART_BUILDER, NULL);
}

void
easel_chart_builder_set_table (EaselChartBuilder *self,
                               EaselTable        *table)
{
  char *names[EASEL_N_CHART_ROLES] = { NULL };

  g_return_if_fail (EASEL_IS_CHART_BUILDER (self));

  if (table == self->table)
    return;

  /* Columns of the same name stay chosen in a new version of the table. */
  for (guint role = 0; role < EASEL_N_CHART_ROLES; role++)
    if (self->table != NULL && self->columns[role] >= 0)
      names[role] = g_strdup (easel_table_get_column (self->table,
                                                      (guint) self->columns[role])->name);

  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;

  for (guint role = 0; role < EASEL_N_CHART_ROLES; role++)
    {
      self->columns[role] = table != NULL && names[role] != NULL
                            ? easel_table_find_column (table, names[role]) : -1;
      g_free (names[role]);
    }

  fill_rows (self);
  build_chart (self);
}

gboolean
easel_chart_builder_set_chart (EaselChartBuilder *self,
                               EaselChartKind     kind,
                               const char        *x,
                               const char        *y,
                               const char        *color)
{
  const char *names[EASEL_N_CHART_ROLES] = { x, y, color };
  const EaselChartKind *kinds;
  guint n_kinds, kind_position = GTK_INVALID_LIST_POSITION;
  gboolean ok = TRUE;

  g_return_val_if_fail (EASEL_IS_CHART_BUILDER (self), FALSE);

  kinds = easel_chart_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    if (kinds[i] == kind)
      kind_position = i;
  if (kind_position == GTK_INVALID_LIST_POSITION || self->table == NULL)
    return FALSE;

  /* The rows change together: one chart at the end, not one per row. */
  self->updating = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind_position);
  self->updating = FALSE;
  self->kind = kind;
  for (guint role = 0; role < EASEL_N_CHART_ROLES; role++)
    {
      int index = names[role] != NULL ? easel_table_find_column (self->table, names[role]) : -1;

      if (names[role] != NULL &&
          (index < 0 ||
           !easel_chart_kind_accepts (kind, role,
                                      easel_table_get_column (self->table, (guint) index)->type)))
        ok = FALSE;
      self->columns[role] = index;
    }

  fill_rows (self);
  build_chart (self);

  return ok;
}

EaselChartKind
easel_chart_builder_get_kind (EaselChartBuilder *self)
{
  g_return_val_if_fail (EASEL_IS_CHART_BUILDER (self), EASEL_CHART_HISTOGRAM);

  return self->kind;
}

int
easel_chart_builder_get_column (EaselChartBuilder *self,
                                guint              role)
{
  g_return_val_if_fail (EASEL_IS_CHART_BUILDER (self), -1);
  g_return_val_if_fail (role < EASEL_N_CHART_ROLES, -1);

  return self->columns[role];
}

EaselChartView *
easel_chart_builder_get_chart_view (EaselChartBuilder *self)
{
  g_return_val_if_fail (EASEL_IS_CHART_BUILDER (self), NULL);

  return self->chart_view;
}

AdwComboRow *
easel_chart_builder_get_row (EaselChartBuilder *self,
                             guint              role)
{
  g_return_val_if_fail (EASEL_IS_CHART_BUILDER (self), NULL);
  g_return_val_if_fail (role < EASEL_N_CHART_ROLES, NULL);

  return row_for_role (self, role);
}

AdwComboRow *
easel_chart_builder_get_kind_row (EaselChartBuilder *self)
{
  g_return_val_if_fail (EASEL_IS_CHART_BUILDER (self), NULL);

  return self->kind_row;
}
