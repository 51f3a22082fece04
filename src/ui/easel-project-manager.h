/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-project.h"

G_BEGIN_DECLS

/* The projects open in this process. A project file is locked while open for writing, so
 * two windows showing the same project must share one EaselProject: they open and release
 * it here. */

/* Where the app keeps the person's work until they save it elsewhere:
 * $XDG_DATA_HOME/easel/Default.easel */
char         *easel_project_manager_get_default_path (void);
/* Opens the default project, creating it (and its folder) on first use. When another
 * Easel program holds it, it is opened read-only. */
EaselProject *easel_project_manager_open_default     (GError                **error);
/* Opens 'path', or returns the project already open at that path in this process (a
 * writable one also serves a read-only request). Balance with _release(). */
EaselProject *easel_project_manager_open             (const char             *path,
                                                      EaselProjectOpenFlags   flags,
                                                      GError                **error);
/* Creates a new project at 'path' (which must not exist) and registers it. */
EaselProject *easel_project_manager_create           (const char             *path,
                                                      GError                **error);
/* Registers a project opened elsewhere (e.g. the copy returned by Save As). */
EaselProject *easel_project_manager_adopt            (EaselProject           *project);
void          easel_project_manager_release          (EaselProject           *project);

/* The name to show: the file name without ".easel". */
char         *easel_project_get_display_name         (EaselProject           *project);
/* Whether 'file' is an Easel project: named *.easel, or a SQLite file marked as one. */
gboolean      easel_file_is_project                  (GFile                  *file);
/* Records the project among the recent files (and the "recent-projects" setting). */
void          easel_project_manager_add_recent       (const char             *path);

G_END_DECLS
