/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-project-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "easel-format.h"
#include "easel-project-manager.h"
#include "easel-project-sidebar.h"

/* What a row stands for, kept on the row */
#define ROW_DATASET "easel-dataset"
#define ROW_MODEL "easel-model"
#define ROW_VERSION "easel-version"
#define ROW_BADGE "easel-badge"
#define ROW_MENU "easel-menu"

struct _EaselProjectSidebar
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkLabel       *project_label;
  GtkLabel       *path_label;
  GtkListBox     *list;
  GtkRevealer    *saving_revealer;
  GtkLabel       *saving_label;
  GtkProgressBar *saving_progress;

  /* Owned */
  EaselProject   *project;
  char           *selected_dataset;
  char           *selected_model;
  guint           selected_version;
};

enum {
  SIGNAL_DATASET_ACTIVATED,
  SIGNAL_MODEL_ACTIVATED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselProjectSidebar, easel_project_sidebar, GTK_TYPE_WIDGET)

static const char *const status_names[] = { "Draft", "PendingReview", "Approved", "Archived" };

/* Helpers */

static char *
status_css_class (const char *status)
{
  g_autofree char *lower = g_ascii_strdown (status, -1);

  return g_strconcat ("status-", lower, NULL);
}

static GtkWidget *
create_heading_row (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (row, "section-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static GtkWidget *
create_placeholder_row (const char *text)
{
  GtkWidget *row = create_heading_row (text);
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  gtk_widget_remove_css_class (label, "heading");
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);

  return row;
}

/* An icon, a title and a dimmed subtitle: the body of the dataset and version rows. */
static GtkWidget *
create_row_body (const char *icon_name,
                 const char *title,
                 const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (subtitle);

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  /* Long names are cut rather than widen the sidebar: its width never jumps. */
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title_label), 16);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle_label), 16);
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), title_label);
  gtk_box_append (GTK_BOX (texts), subtitle_label);
  gtk_box_append (GTK_BOX (box), texts);

  return box;
}

static GtkWidget *
create_dataset_row (const EaselDatasetInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *size = easel_format_table_size (info->n_rows, info->n_columns);
  GtkWidget *body = create_row_body ("x-office-spreadsheet-symbolic", info->name, size);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), body);
  g_object_set_data_full (G_OBJECT (row), ROW_DATASET, g_strdup (info->name), g_free);
  gtk_widget_set_tooltip_text (row, info->source);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, info->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, size,
                                  -1);

  return row;
}

static GMenuModel *
create_status_menu (const EaselModelInfo *info)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      /* Translators: a menu item that sets a model's status, e.g. "Mark as Approved" */
      g_autofree char *label = g_strdup_printf (_("Mark as %s"),
                                                easel_model_status_get_label (status_names[i]));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "sidebar.set-status",
                                               g_variant_new ("(sus)", info->name,
                                                              info->version,
                                                              status_names[i]));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  return G_MENU_MODEL (menu);
}

static void
row_secondary_click_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        GtkWidget       *row)
{
  GtkMenuButton *button = g_object_get_data (G_OBJECT (row), ROW_MENU);

  if (button != NULL && gtk_widget_is_sensitive (GTK_WIDGET (button)))
    {
      gtk_menu_button_popup (button);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

static GtkWidget *
create_version_row (const EaselModelInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  /* Translators: a model version in the project sidebar */
  g_autofree char *title = g_strdup_printf (_("Version %u"), info->version);
  /* Translators: a model version's algorithm and the column it predicts */
  g_autofree char *subtitle = g_strdup_printf (_("%s · predicts %s"), info->algorithm,
                                               info->target);
  g_autofree char *css_class = status_css_class (info->status);
  g_autofree char *accessible_label = NULL;
  g_autofree char *accessible_description = NULL;
  g_autoptr(GMenuModel) menu = create_status_menu (info);
  const char *status = easel_model_status_get_label (info->status);
  GtkWidget *body = create_row_body (NULL, title, subtitle);
  GtkWidget *texts = gtk_widget_get_last_child (body);
  GtkWidget *title_label = gtk_widget_get_first_child (texts);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = gtk_label_new (status);
  GtkWidget *button = gtk_menu_button_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* the badge beside the version, so that the subtitle has the row's width */
  g_object_ref (title_label);
  gtk_box_remove (GTK_BOX (texts), title_label);
  gtk_box_append (GTK_BOX (title_box), title_label);
  g_object_unref (title_label);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "status-badge");
  gtk_widget_add_css_class (badge, css_class);
  gtk_box_append (GTK_BOX (title_box), badge);
  gtk_box_prepend (GTK_BOX (texts), title_box);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Change Status"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change the status"), -1);
  gtk_box_append (GTK_BOX (body), button);

  gtk_widget_set_margin_start (body, 6);
  /* "Version 12" is short: it keeps its width, the subtitle gives way */
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_NONE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), body);
  g_object_set_data_full (G_OBJECT (row), ROW_MODEL, g_strdup (info->name), g_free);
  g_object_set_data (G_OBJECT (row), ROW_VERSION, GUINT_TO_POINTER (info->version));
  g_object_set_data (G_OBJECT (row), ROW_BADGE, badge);
  g_object_set_data (G_OBJECT (row), ROW_MENU, button);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (row_secondary_click_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  /* Translators: how a screen reader names a model version: "iris-species, version 2" */
  accessible_label = g_strdup_printf (_("%s, version %u"), info->name, info->version);
  accessible_description = g_strdup_printf ("%s. %s", status, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible_description,
                                  -1);

  return row;
}

static GtkWidget *
create_model_row (const char *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *body = create_row_body ("easel-insights-symbolic", name, "");
  GtkWidget *texts = gtk_widget_get_last_child (body);

  /* no subtitle: the versions below say the rest */
  gtk_widget_set_visible (gtk_widget_get_last_child (texts), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), body);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return row;
}

static void
clear_list (EaselProjectSidebar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
update_header (EaselProjectSidebar *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL)
    {
      gtk_label_set_label (self->project_label, "");
      gtk_label_set_label (self->path_label, "");
      return;
    }

  name = easel_project_get_display_name (self->project);
  if (easel_project_is_read_only (self->project))
    /* Translators: the project's name in the sidebar when it cannot be changed */
    title = g_strdup_printf (_("%s (Read-Only)"), name);
  else
    title = g_strdup (name);
  gtk_label_set_label (self->project_label, title);
  {
    g_autofree char *path = g_filename_display_name (easel_project_get_path (self->project));

    gtk_label_set_label (self->path_label, path);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->path_label), path);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.set-status",
                                 !easel_project_is_read_only (self->project));
}

static void
reselect (EaselProjectSidebar *self)
{
  GtkWidget *row = NULL;

  if (self->selected_dataset != NULL)
    row = easel_project_sidebar_get_dataset_row (self, self->selected_dataset);
  else if (self->selected_model != NULL)
    row = easel_project_sidebar_get_model_row (self, self->selected_model,
                                               self->selected_version);

  if (row != NULL)
    gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->list);
}

/* Signal callbacks */

static void
row_activated_cb (EaselProjectSidebar *self,
                  GtkListBoxRow       *row,
                  GtkListBox          *list)
{
  const char *dataset = g_object_get_data (G_OBJECT (row), ROW_DATASET);
  const char *model = g_object_get_data (G_OBJECT (row), ROW_MODEL);

  if (dataset != NULL)
    g_signal_emit (self, signals[SIGNAL_DATASET_ACTIVATED], 0, dataset);
  else if (model != NULL)
    g_signal_emit (self, signals[SIGNAL_MODEL_ACTIVATED], 0, model,
                   GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), ROW_VERSION)));
}

/* Actions */

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EaselProjectSidebar *self = EASEL_PROJECT_SIDEBAR (widget);
  g_autoptr(GError) error = NULL;
  const char *name, *status_name;
  EaselModelStatus status;
  guint version;

  g_variant_get (parameter, "(&su&s)", &name, &version, &status_name);
  if (self->project == NULL || !easel_model_status_from_string (status_name, &status))
    return;

  if (!easel_project_set_model_status (self->project, name, version, status, g_get_user_name (),
                                       &error))
    {
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
      return;
    }
  easel_project_sidebar_reload (self);
}

/* Overrides */

static void
easel_project_sidebar_dispose (GObject *object)
{
  EaselProjectSidebar *self = EASEL_PROJECT_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_PROJECT_SIDEBAR);
  g_clear_pointer (&self->project, easel_project_unref);

  G_OBJECT_CLASS (easel_project_sidebar_parent_class)->dispose (object);
}

static void
easel_project_sidebar_finalize (GObject *object)
{
  EaselProjectSidebar *self = EASEL_PROJECT_SIDEBAR (object);

  g_clear_pointer (&self->selected_dataset, g_free);
  g_clear_pointer (&self->selected_model, g_free);

  G_OBJECT_CLASS (easel_project_sidebar_parent_class)->finalize (object);
}

static void
easel_project_sidebar_class_init (EaselProjectSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_project_sidebar_dispose;
  object_class->finalize = easel_project_sidebar_finalize;

  signals[SIGNAL_DATASET_ACTIVATED] =
    g_signal_new ("dataset-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_MODEL_ACTIVATED] =
    g_signal_new ("model-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-project-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselProjectSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, EaselProjectSidebar, project_label);
  gtk_widget_class_bind_template_child (widget_class, EaselProjectSidebar, path_label);
  gtk_widget_class_bind_template_child (widget_class, EaselProjectSidebar, list);
  gtk_widget_class_bind_template_child (widget_class, EaselProjectSidebar, saving_revealer);
  gtk_widget_class_bind_template_child (widget_class, EaselProjectSidebar, saving_label);
  gtk_widget_class_bind_template_child (widget_class, EaselProjectSidebar, saving_progress);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "sidebar.set-status", "(sus)",
                                   set_status_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "projectsidebar");
}

static void
easel_project_sidebar_init (EaselProjectSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
easel_project_sidebar_new (void)
{
  return g_object_new (EASEL_TYPE_PROJECT_SIDEBAR, NULL);
}

void
easel_project_sidebar_set_project (EaselProjectSidebar *self,
                                   EaselProject        *project)
{
  g_return_if_fail (EASEL_IS_PROJECT_SIDEBAR (self));

  if (project == self->project)
    {
      easel_project_sidebar_reload (self);
      return;
    }

  g_clear_pointer (&self->project, easel_project_unref);
  if (project != NULL)
    self->project = easel_project_ref (project);
  g_clear_pointer (&self->selected_dataset, g_free);
  g_clear_pointer (&self->selected_model, g_free);
  easel_project_sidebar_reload (self);
}

EaselProject *
easel_project_sidebar_get_project (EaselProjectSidebar *self)
{
  g_return_val_if_fail (EASEL_IS_PROJECT_SIDEBAR (self), NULL);

  return self->project;
}

void
easel_project_sidebar_reload (EaselProjectSidebar *self)
{
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  const char *last_model = NULL;
  GtkWidget *row;

  g_return_if_fail (EASEL_IS_PROJECT_SIDEBAR (self));

  clear_list (self);
  update_header (self);
  if (self->project == NULL)
    return;

  datasets = easel_project_list_datasets (self->project, &error);
  if (datasets != NULL)
    models = easel_project_list_models (self->project, &error);
  if (error != NULL)
    {
      gtk_list_box_append (self->list, create_placeholder_row (error->message));
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
      return;
    }

  gtk_list_box_append (self->list, create_heading_row (_("Datasets")));
  for (guint i = 0; i < datasets->len; i++)
    gtk_list_box_append (self->list, create_dataset_row (g_ptr_array_index (datasets, i)));
  if (datasets->len == 0)
    gtk_list_box_append (self->list,
                         create_placeholder_row (_("Tables you open are kept here.")));

  gtk_list_box_append (self->list, create_heading_row (_("Models")));
  for (guint i = 0; i < models->len; i++)
    {
      EaselModelInfo *info = g_ptr_array_index (models, i);

      /* the list comes by name, then version */
      if (g_strcmp0 (info->name, last_model) != 0)
        gtk_list_box_append (self->list, create_model_row (info->name));
      last_model = info->name;
      row = create_version_row (info);
      /* a read-only project's statuses cannot change */
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), ROW_MENU),
                                !easel_project_is_read_only (self->project));
      gtk_list_box_append (self->list, row);
    }
  if (models->len == 0)
    gtk_list_box_append (self->list,
                         create_placeholder_row (_("Models you build are kept here.")));

  reselect (self);
}

void
easel_project_sidebar_select_dataset (EaselProjectSidebar *self,
                                      const char          *name)
{
  g_return_if_fail (EASEL_IS_PROJECT_SIDEBAR (self));

  g_free (self->selected_dataset);
  self->selected_dataset = g_strdup (name);
  g_clear_pointer (&self->selected_model, g_free);
  reselect (self);
}

void
easel_project_sidebar_select_model (EaselProjectSidebar *self,
                                    const char          *name,
                                    guint                version)
{
  g_return_if_fail (EASEL_IS_PROJECT_SIDEBAR (self));

  g_free (self->selected_model);
  self->selected_model = g_strdup (name);
  self->selected_version = version;
  g_clear_pointer (&self->selected_dataset, g_free);
  reselect (self);
}

void
easel_project_sidebar_set_saving (EaselProjectSidebar *self,
                                  const char          *message,
                                  double               fraction)
{
  g_return_if_fail (EASEL_IS_PROJECT_SIDEBAR (self));

  gtk_revealer_set_reveal_child (self->saving_revealer, message != NULL);
  if (message != NULL)
    {
      gtk_label_set_label (self->saving_label, message);
      gtk_progress_bar_set_fraction (self->saving_progress, CLAMP (fraction, 0.0, 1.0));
    }
}

char **
easel_project_sidebar_dup_dataset_names (EaselProjectSidebar *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  g_return_val_if_fail (EASEL_IS_PROJECT_SIDEBAR (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *name = g_object_get_data (G_OBJECT (row), ROW_DATASET);

      if (name != NULL)
        g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return names;
}

GtkWidget *
easel_project_sidebar_get_dataset_row (EaselProjectSidebar *self,
                                       const char          *name)
{
  g_return_val_if_fail (EASEL_IS_PROJECT_SIDEBAR (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_DATASET), name) == 0)
      return row;

  return NULL;
}

GtkWidget *
easel_project_sidebar_get_model_row (EaselProjectSidebar *self,
                                     const char          *model,
                                     guint                version)
{
  g_return_val_if_fail (EASEL_IS_PROJECT_SIDEBAR (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_MODEL), model) == 0 &&
        GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), ROW_VERSION)) == version)
      return row;

  return NULL;
}

const char *
easel_project_sidebar_get_status_label (EaselProjectSidebar *self,
                                        const char          *model,
                                        guint                version)
{
  GtkWidget *row = easel_project_sidebar_get_model_row (self, model, version);

  if (row == NULL)
    return NULL;

  return gtk_label_get_label (g_object_get_data (G_OBJECT (row), ROW_BADGE));
}

const char *
easel_model_status_get_label (const char *status)
{
  EaselModelStatus value;

  if (status == NULL || !easel_model_status_from_string (status, &value))
    return status;

  switch (value)
    {
    case EASEL_MODEL_STATUS_DRAFT:
      return _("Draft");
    case EASEL_MODEL_STATUS_PENDING_REVIEW:
      return _("Pending Review");
    case EASEL_MODEL_STATUS_APPROVED:
      return _("Approved");
    case EASEL_MODEL_STATUS_ARCHIVED:
    default:
      return _("Archived");
    }
}
