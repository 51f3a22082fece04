/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "easel-data-page.h"
#include "easel-explore-page.h"
#include "easel-import-job.h"

G_BEGIN_DECLS

#define EASEL_TYPE_WINDOW (easel_window_get_type ())
G_DECLARE_FINAL_TYPE (EaselWindow, easel_window, EASEL, WINDOW, AdwApplicationWindow)

EaselWindow   *easel_window_new                (GtkApplication *application);
/* Opens a CSV/TSV file, or a SQLite database (asking which table when it has several). */
void           easel_window_open               (EaselWindow    *self,
                                                GFile          *file);
/* Runs an import; its table replaces the one shown. Errors are shown in a dialog. */
void           easel_window_import             (EaselWindow    *self,
                                                EaselImportJob *job);
void           easel_window_cancel_import      (EaselWindow    *self);
/* Whether an import is running. */
gboolean       easel_window_get_busy           (EaselWindow    *self);
/* Whether the window shows nothing yet (the welcome page) and is not importing. */
gboolean       easel_window_is_empty           (EaselWindow    *self);
/* "welcome", "loading" or "data" */
const char    *easel_window_get_page_name      (EaselWindow    *self);
EaselDataPage *easel_window_get_data_page      (EaselWindow    *self);
EaselExplorePage *easel_window_get_explore_page (EaselWindow   *self);
/* The view of a table: "data" (the grid) or "explore". */
void           easel_window_set_view           (EaselWindow    *self,
                                                const char     *name);
const char    *easel_window_get_view           (EaselWindow    *self);
GtkWidget     *easel_window_get_welcome_page   (EaselWindow    *self);
/* The message of the last error dialog, for tests; NULL if none was shown. */
const char    *easel_window_get_last_error     (EaselWindow    *self);

G_END_DECLS
