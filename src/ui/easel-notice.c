/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-notice"

#include "config.h"

#include <glib/gi18n.h>

#include "easel-notice.h"

gboolean
easel_notice_toast (GtkWidget *widget,
                    AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_object_unref (toast);
      return FALSE;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

gboolean
easel_notice_dialog (GtkWidget  *widget,
                     const char *heading,
                     const char *text)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
