/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks which table of a database file to open. Finishes with the chosen name, or with
 * G_IO_ERROR_CANCELLED when the person declines. */
void  easel_choose_table_async  (GtkWindow           *parent,
                                 const char          *file_title,
                                 const char * const  *tables,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
char *easel_choose_table_finish (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
