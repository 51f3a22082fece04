/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-welcome-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "easel-format.h"
#include "easel-samples.h"
#include "easel-welcome-page.h"

#define MAX_RECENT_FILES 5

struct _EaselWelcomePage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  AdwStatusPage    *status_page;
  GtkWidget        *recent_box;
  GtkListBox       *recent_list;
  GtkWidget        *samples_box;
  GtkFlowBox       *sample_grid;

  /* Borrowed */
  GtkRecentManager *recent_manager;

  guint             n_samples;
  guint             n_recent;
};

G_DEFINE_FINAL_TYPE (EaselWelcomePage, easel_welcome_page, GTK_TYPE_WIDGET)

static int
compare_recent_by_date (gconstpointer a,
                        gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* newest first */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static GtkWidget *
create_recent_row (GtkRecentInfo *info)
{
  g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = NULL;
  GtkWidget *row = adw_action_row_new ();
  /* a project (application/x-easel-project) stands out from the tables */
  GtkWidget *icon = gtk_image_new_from_icon_name (
    g_strcmp0 (gtk_recent_info_get_mime_type (info), "application/x-easel-project") == 0
    ? "folder-symbolic" : "x-office-spreadsheet-symbolic");

  if (parent != NULL)
    {
      g_autofree char *path = g_file_get_path (parent);
      const char *home = g_get_home_dir ();

      /* "~/Documents" reads better than "/home/ada/Documents" */
      if (path != NULL && g_str_has_prefix (path, home) &&
          (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
        folder = g_strconcat ("~", path + strlen (home), NULL);
      else
        folder = g_steal_pointer (&path);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 gtk_recent_info_get_display_name (info));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (folder != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-uri");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", gtk_recent_info_get_uri (info));

  return row;
}

static void
update_recent (EaselWelcomePage *self)
{
  g_autoptr(GPtrArray) infos =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GtkWidget *child;
  GList *items;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  items = gtk_recent_manager_get_items (self->recent_manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, EASEL_RECENT_APP_NAME) &&
          gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (infos, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (infos, compare_recent_by_date);
  self->n_recent = MIN (infos->len, MAX_RECENT_FILES);
  for (guint i = 0; i < self->n_recent; i++)
    gtk_list_box_append (self->recent_list, create_recent_row (g_ptr_array_index (infos, i)));

  gtk_widget_set_visible (self->recent_box, self->n_recent > 0);
}

static GtkWidget *
create_sample_card (const EaselSample *sample)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_(sample->title));
  GtkWidget *description = gtk_label_new (_(sample->description));
  g_autofree char *size = easel_format_table_size (sample->n_rows, sample->n_columns);
  g_autofree char *target = NULL;
  g_autofree char *accessible_description = NULL;
  GtkWidget *size_label = gtk_label_new (size);

  /* Short natural widths let the gallery put several cards on a line. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_widget_add_css_class (title, "heading");

  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_yalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_lines (GTK_LABEL (description), 2);
  gtk_label_set_width_chars (GTK_LABEL (description), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 24);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_set_vexpand (description, TRUE);
  gtk_widget_set_valign (description, GTK_ALIGN_START);

  gtk_label_set_xalign (GTK_LABEL (size_label), 0);
  gtk_widget_add_css_class (size_label, "caption");
  gtk_widget_add_css_class (size_label, "dim-label");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_box_append (GTK_BOX (box), size_label);
  gtk_button_set_child (GTK_BUTTON (button), box);

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "sample-card");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-sample");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", sample->file_name);

  /* Translators: a sample dataset's description for screen readers: what it is about,
   * its size, and the column to predict */
  target = g_strdup_printf (_("Predicts “%s”."), sample->target);
  accessible_description = g_strdup_printf ("%s. %s. %s", _(sample->description), size, target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(sample->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible_description,
                                  -1);
  gtk_widget_set_tooltip_text (button, target);

  return button;
}

static void
populate_samples (EaselWelcomePage *self)
{
  const EaselSample *samples;
  guint n;

  samples = easel_samples_get (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = easel_sample_find_file (&samples[i]);
      GtkWidget *card;

      /* Only the samples that are really there: a trimmed-down install may ship fewer. */
      if (path == NULL)
        continue;

      card = create_sample_card (&samples[i]);
      gtk_flow_box_append (self->sample_grid, card);
      /* The button takes focus, not the flow box's own child around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
      self->n_samples++;
    }

  gtk_widget_set_visible (self->samples_box, self->n_samples > 0);
}

static void
set_status_icon (EaselWelcomePage *self)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

  /* Running from the build tree, the application icon is not installed yet. */
  adw_status_page_set_icon_name (self->status_page,
                                 gtk_icon_theme_has_icon (theme, APP_ID)
                                 ? APP_ID : "x-office-spreadsheet-symbolic");
}

static void
easel_welcome_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_WELCOME_PAGE);
  /* the template's root has no id, so it is not among the children disposed above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (easel_welcome_page_parent_class)->dispose (object);
}

static void
easel_welcome_page_class_init (EaselWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWelcomePage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, EaselWelcomePage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, EaselWelcomePage, samples_box);
  gtk_widget_class_bind_template_child (widget_class, EaselWelcomePage, sample_grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "welcomepage");
}

static void
easel_welcome_page_init (EaselWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_status_icon (self);
  populate_samples (self);

  self->recent_manager = gtk_recent_manager_get_default ();
  g_signal_connect_object (self->recent_manager, "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);
}

GtkWidget *
easel_welcome_page_new (void)
{
  return g_object_new (EASEL_TYPE_WELCOME_PAGE, NULL);
}

guint
easel_welcome_page_get_n_samples (EaselWelcomePage *self)
{
  g_return_val_if_fail (EASEL_IS_WELCOME_PAGE (self), 0);

  return self->n_samples;
}

guint
easel_welcome_page_get_n_recent (EaselWelcomePage *self)
{
  g_return_val_if_fail (EASEL_IS_WELCOME_PAGE (self), 0);

  return self->n_recent;
}
