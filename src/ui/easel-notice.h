/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Telling a person how something went, from a page inside the window: the mechanics the
 * pages share (each page keeps its own choice of toast or dialog). */

/* Show 'toast' (taken) in the toast overlay that holds 'widget'; FALSE, the toast dropped,
 * when there is none. */
gboolean easel_notice_toast  (GtkWidget  *widget,
                              AdwToast   *toast);
/* A message dialog with a Close button over the window of 'widget'; FALSE when the widget
 * is in no window. */
gboolean easel_notice_dialog (GtkWidget  *widget,
                              const char *heading,
                              const char *text);

G_END_DECLS
