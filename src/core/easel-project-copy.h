/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-project.h"

G_BEGIN_DECLS

/* Save As: copy 'project' to 'path' as one consistent snapshot (SQLite's online backup, a
 * few pages at a time, with progress and cancel) and open the copy for writing. The copy is
 * written beside 'path' under a temporary name and renamed into place at the end, so a
 * failed or cancelled copy leaves nothing behind and never a half file.
 *
 * An existing file at 'path' is replaced only when 'replace' is TRUE (a file chooser has
 * asked), never when it is the project itself or open in another Easel
 * (EASEL_ERROR_LOCKED). 'project' stays open and unchanged; it may be read-only, which
 * makes Save As the way to a writable copy of a project that is locked elsewhere. */
EaselProject *easel_project_save_as (EaselProject   *project,
                                     const char     *path,
                                     gboolean        replace,
                                     EaselProgress  *progress,
                                     GCancellable   *cancellable,
                                     GError        **error);

G_END_DECLS
