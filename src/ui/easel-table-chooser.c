/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-table-chooser"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "easel-table-chooser.h"

#define TABLE_NAME_KEY "easel-table-name"

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GTask            *task)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "easel-table-list");

  if (g_str_equal (response, "open"))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "easel-check");

          if (check != NULL && gtk_check_button_get_active (check))
            {
              g_task_return_pointer (task,
                                     g_strdup (g_object_get_data (G_OBJECT (row),
                                                                  TABLE_NAME_KEY)),
                                     g_free);
              g_object_unref (task);
              return;
            }
        }
    }

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "No table was chosen");
  g_object_unref (task);
}

void
easel_choose_table_async (GtkWindow           *parent,
                          const char          *file_title,
                          const char * const  *tables,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *scroller;
  GtkCheckButton *group = NULL;
  guint n_tables;

  g_return_if_fail (tables != NULL && tables[0] != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_choose_table_async);

  n_tables = g_strv_length ((char **) tables);
  dialog = adw_message_dialog_new (parent, _("Choose a Table"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "“%s” holds %u table. Which one do you want to "
                                               "open?",
                                               "“%s” holds %u tables. Which one do you want "
                                               "to open?",
                                               n_tables),
                                  file_title, n_tables);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tables"),
                                  -1);

  for (guint i = 0; i < n_tables; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tables[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        {
          group = GTK_CHECK_BUTTON (check);
          gtk_check_button_set_active (group, TRUE);
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), TABLE_NAME_KEY, g_strdup (tables[i]), g_free);
      g_object_set_data (G_OBJECT (row), "easel-check", check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);

  g_object_set_data (G_OBJECT (dialog), "easel-table-list", list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response_cb), task);

  gtk_window_present (GTK_WINDOW (dialog));
}

char *
easel_choose_table_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
