/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-explore-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "easel-chart-request.h"
#include "easel-explore-page.h"

struct _EaselExplorePage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwFlap              *sidebar_flap;
  GtkListBox           *section_list;
  GtkSpinner           *insights_spinner;
  GtkStack             *section_stack;
  EaselColumnsView     *columns_view;
  EaselCorrelationView *correlation_view;
  EaselChartBuilder    *chart_builder;
  EaselInsightsView    *insights_view;

  /* Owned */
  EaselTable           *table;
};

enum {
  PROP_0,
  PROP_SHOW_SIDEBAR,
  PROP_SECTION,
  N_PROPS
};

enum {
  COLUMN_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselExplorePage, easel_explore_page, GTK_TYPE_WIDGET)

static GtkListBoxRow *
find_section_row (EaselExplorePage *self,
                  const char       *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->section_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

/* Signal callbacks */

static void
section_selected_cb (EaselExplorePage *self,
                     GtkListBoxRow    *row)
{
  if (row == NULL)
    return;

  gtk_stack_set_visible_child_name (self->section_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  /* A folded sidebar covers the section: it has done its job once a section is chosen. */
  if (adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

static void
open_in_builder_cb (EaselExplorePage *self,
                    int               x,
                    int               y)
{
  const char *x_name, *y_name;

  if (self->table == NULL || x < 0 || y < 0)
    return;

  x_name = easel_table_get_column (self->table, (guint) x)->name;
  y_name = easel_table_get_column (self->table, (guint) y)->name;
  easel_explore_page_set_section (self, "chart-builder");
  easel_chart_builder_set_chart (self->chart_builder, EASEL_CHART_SCATTER, x_name, y_name,
                                 NULL);
}

static void
insight_column_activated_cb (EaselExplorePage *self,
                             const char       *name)
{
  int index;

  if (self->table == NULL)
    return;

  index = easel_table_find_column (self->table, name);
  if (index < 0)
    return;

  easel_explore_page_show_column (self, (guint) index);
  g_signal_emit (self, signals[COLUMN_ACTIVATED], 0, (guint) index);
}

static void
insights_busy_changed_cb (EaselExplorePage *self)
{
  gboolean busy = easel_insights_view_get_busy (self->insights_view);

  gtk_widget_set_visible (GTK_WIDGET (self->insights_spinner), busy);
  gtk_spinner_set_spinning (self->insights_spinner, busy);
}

static void
sidebar_reveal_changed_cb (EaselExplorePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

/* Overrides */

static void
easel_explore_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_EXPLORE_PAGE);

  G_OBJECT_CLASS (easel_explore_page_parent_class)->dispose (object);
}

static void
easel_explore_page_finalize (GObject *object)
{
  EaselExplorePage *self = EASEL_EXPLORE_PAGE (object);

  g_clear_pointer (&self->table, easel_table_unref);

  G_OBJECT_CLASS (easel_explore_page_parent_class)->finalize (object);
}

static void
easel_explore_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EaselExplorePage *self = EASEL_EXPLORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->sidebar_flap));
      break;
    case PROP_SECTION:
      g_value_set_string (value, easel_explore_page_get_section (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_explore_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EaselExplorePage *self = EASEL_EXPLORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      adw_flap_set_reveal_flap (self->sidebar_flap, g_value_get_boolean (value));
      break;
    case PROP_SECTION:
      easel_explore_page_set_section (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_explore_page_class_init (EaselExplorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_explore_page_dispose;
  object_class->finalize = easel_explore_page_finalize;
  object_class->get_property = easel_explore_page_get_property;
  object_class->set_property = easel_explore_page_set_property;

  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, "columns",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A finding asked to show its column (its index in the table). */
  signals[COLUMN_ACTIVATED] =
    g_signal_new ("column-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (EASEL_TYPE_COLUMNS_VIEW);
  g_type_ensure (EASEL_TYPE_CORRELATION_VIEW);
  g_type_ensure (EASEL_TYPE_CHART_BUILDER);
  g_type_ensure (EASEL_TYPE_INSIGHTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-explore-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, section_list);
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, insights_spinner);
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, columns_view);
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, correlation_view);
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, chart_builder);
  gtk_widget_class_bind_template_child (widget_class, EaselExplorePage, insights_view);
  gtk_widget_class_bind_template_callback (widget_class, section_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_in_builder_cb);
  gtk_widget_class_bind_template_callback (widget_class, insight_column_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, insights_busy_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "explorepage");
}

static void
easel_explore_page_init (EaselExplorePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_select_row (self->section_list, find_section_row (self, "columns"));
  g_signal_connect_object (self->sidebar_flap, "notify::reveal-flap",
                           G_CALLBACK (sidebar_reveal_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

GtkWidget *
easel_explore_page_new (void)
{
  return g_object_new (EASEL_TYPE_EXPLORE_PAGE, NULL);
}

void
easel_explore_page_set_table (EaselExplorePage *self,
                              EaselTable       *table)
{
  g_return_if_fail (EASEL_IS_EXPLORE_PAGE (self));

  if (table == self->table)
    return;

  g_clear_pointer (&self->table, easel_table_unref);
  self->table = table != NULL ? easel_table_ref (table) : NULL;

  easel_columns_view_set_table (self->columns_view, table);
  easel_correlation_view_set_table (self->correlation_view, table);
  easel_chart_builder_set_table (self->chart_builder, table);
  easel_insights_view_set_table (self->insights_view, table);
}

EaselTable *
easel_explore_page_get_table (EaselExplorePage *self)
{
  g_return_val_if_fail (EASEL_IS_EXPLORE_PAGE (self), NULL);

  return self->table;
}

void
easel_explore_page_set_section (EaselExplorePage *self,
                                const char       *name)
{
  GtkListBoxRow *row;

  g_return_if_fail (EASEL_IS_EXPLORE_PAGE (self));

  row = find_section_row (self, name);
  g_return_if_fail (row != NULL);

  gtk_list_box_select_row (self->section_list, row);
}

const char *
easel_explore_page_get_section (EaselExplorePage *self)
{
  g_return_val_if_fail (EASEL_IS_EXPLORE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->section_stack);
}

void
easel_explore_page_show_column (EaselExplorePage *self,
                                guint             index)
{
  g_return_if_fail (EASEL_IS_EXPLORE_PAGE (self));

  easel_explore_page_set_section (self, "columns");
  easel_columns_view_select_column (self->columns_view, index);
}

EaselColumnsView *
easel_explore_page_get_columns_view (EaselExplorePage *self)
{
  g_return_val_if_fail (EASEL_IS_EXPLORE_PAGE (self), NULL);

  return self->columns_view;
}

EaselCorrelationView *
easel_explore_page_get_correlation_view (EaselExplorePage *self)
{
  g_return_val_if_fail (EASEL_IS_EXPLORE_PAGE (self), NULL);

  return self->correlation_view;
}

EaselChartBuilder *
easel_explore_page_get_chart_builder (EaselExplorePage *self)
{
  g_return_val_if_fail (EASEL_IS_EXPLORE_PAGE (self), NULL);

  return self->chart_builder;
}

EaselInsightsView *
easel_explore_page_get_insights_view (EaselExplorePage *self)
{
  g_return_val_if_fail (EASEL_IS_EXPLORE_PAGE (self), NULL);

  return self->insights_view;
}
