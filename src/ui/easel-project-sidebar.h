/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-project.h"

G_BEGIN_DECLS

/* The project pane: the project's name, its datasets and its models (each version with a
 * status badge and a menu to change the status), and a bar that shows a dataset being
 * stored. Activating a dataset emits "dataset-activated" (its name); a model version,
 * "model-activated" (name, version). Changing a status is done here, recorded under the
 * person's user name; a failure emits "error" with the core's message. */
#define EASEL_TYPE_PROJECT_SIDEBAR (easel_project_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (EaselProjectSidebar, easel_project_sidebar, EASEL, PROJECT_SIDEBAR,
                      GtkWidget)

GtkWidget    *easel_project_sidebar_new              (void);
/* Shows 'project' (NULL: none); the sidebar keeps a reference. */
void          easel_project_sidebar_set_project      (EaselProjectSidebar *self,
                                                      EaselProject        *project);
EaselProject *easel_project_sidebar_get_project      (EaselProjectSidebar *self);
/* Reads the lists again from the project (after something was stored). */
void          easel_project_sidebar_reload           (EaselProjectSidebar *self);
/* Highlights the dataset shown in the window (NULL: none). */
void          easel_project_sidebar_select_dataset   (EaselProjectSidebar *self,
                                                      const char          *name);
/* Highlights the model version whose card is shown (NULL: none). */
void          easel_project_sidebar_select_model     (EaselProjectSidebar *self,
                                                      const char          *name,
                                                      guint                version);
/* A dataset being stored: 'message' NULL hides the bar. */
void          easel_project_sidebar_set_saving       (EaselProjectSidebar *self,
                                                      const char          *message,
                                                      double               fraction);

/* For tests: the datasets listed, in order (free with g_strfreev), and the status badge
 * shown for a model version (NULL when that version is not listed). */
char        **easel_project_sidebar_dup_dataset_names (EaselProjectSidebar *self);
const char   *easel_project_sidebar_get_status_label  (EaselProjectSidebar *self,
                                                       const char          *model,
                                                       guint                version);
/* The row of a dataset or a model version (NULL if not listed), for tests. */
GtkWidget    *easel_project_sidebar_get_dataset_row   (EaselProjectSidebar *self,
                                                       const char          *name);
GtkWidget    *easel_project_sidebar_get_model_row     (EaselProjectSidebar *self,
                                                       const char          *model,
                                                       guint                version);

/* The translated name of a status as stored ("PendingReview" → "Pending Review"). */
const char   *easel_model_status_get_label            (const char          *status);

G_END_DECLS
