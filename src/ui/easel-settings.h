/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The application's settings, or NULL when the schema is not installed (running from the
 * build tree): callers then keep their defaults. */
GSettings *easel_settings_get      (void);
/* Whether the installed schema has 'key' (FALSE without a schema). */
gboolean   easel_settings_has_key  (const char *key);

G_END_DECLS
