/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of 'name' (compared without case) in a table of 'n' names, or -1. Enums that
 * have a text form keep their names in such a table. */
static inline int
easel_names_lookup (const char *const *names,
                    guint              n,
                    const char        *name)
{
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return (int) i;
  return -1;
}

G_END_DECLS
