/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a window shows before a table is open: a button to open a file, the files opened
 * lately, and a gallery of the sample datasets. Everything here activates window actions:
 * "win.open", "win.open-uri" (a URI) and "win.open-sample" (a sample's file name). */
#define EASEL_TYPE_WELCOME_PAGE (easel_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (EaselWelcomePage, easel_welcome_page, EASEL, WELCOME_PAGE, GtkWidget)

GtkWidget *easel_welcome_page_new                 (void);
/* The application name recent files are recorded under. */
#define EASEL_RECENT_APP_NAME "easel"
/* How many sample cards and recent files are shown. */
guint      easel_welcome_page_get_n_samples       (EaselWelcomePage *self);
guint      easel_welcome_page_get_n_recent        (EaselWelcomePage *self);

G_END_DECLS
