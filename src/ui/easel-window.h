/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "easel-build-page.h"
#include "easel-data-page.h"
#include "easel-explore-page.h"
#include "easel-prepare-page.h"
#include "easel-import-job.h"
#include "easel-card-page.h"
#include "easel-project-sidebar.h"

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
/* "welcome", "loading", "data" or "card" (a model card) */
const char    *easel_window_get_page_name      (EaselWindow    *self);
EaselDataPage *easel_window_get_data_page      (EaselWindow    *self);
EaselExplorePage *easel_window_get_explore_page (EaselWindow   *self);
EaselPreparePage *easel_window_get_prepare_page (EaselWindow   *self);
EaselBuildPage   *easel_window_get_build_page   (EaselWindow   *self);
/* The view of a table: "data" (the grid) or "explore". */
void           easel_window_set_view           (EaselWindow    *self,
                                                const char     *name);
const char    *easel_window_get_view           (EaselWindow    *self);
GtkWidget     *easel_window_get_welcome_page   (EaselWindow    *self);
/* The message of the last error dialog, for tests; NULL if none was shown. */
const char    *easel_window_get_last_error     (EaselWindow    *self);

/* Projects. The window works in a project: the default one
 * ($XDG_DATA_HOME/easel/Default.easel) until another is opened; every table read from a
 * file is stored in it. Errors are shown in a dialog (a locked project offers to open it
 * read-only). */
EaselProject  *easel_window_get_project        (EaselWindow    *self);
EaselProjectSidebar *easel_window_get_project_sidebar (EaselWindow *self);
/* Whether a table or a copy of the project is being written. */
gboolean       easel_window_get_saving         (EaselWindow    *self);
void           easel_window_open_project       (EaselWindow    *self,
                                                const char     *path,
                                                gboolean        read_only);
/* New Project… and Save As… once the file is chosen (an existing file is replaced). */
void           easel_window_new_project        (EaselWindow    *self,
                                                const char     *path);
void           easel_window_save_project_as    (EaselWindow    *self,
                                                const char     *path);
/* Save to Project: the Build page's last model as the next version of "DATASET-TARGET"
 * (a notice says so, or why not). */
void           easel_window_save_model_to_project (EaselWindow *self);
/* The card of the model version chosen in the sidebar ("card" page). */
EaselCardPage *easel_window_get_card_page      (EaselWindow    *self);

G_END_DECLS
