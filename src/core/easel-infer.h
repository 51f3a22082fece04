/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "easel-table.h"

G_BEGIN_DECLS

/* Type inference shared by the importers (private to the core). */

/* "true"/"yes" → 1, "false"/"no" → 0 (any case, spaces around ignored); with numeric_too
 * also "1"/"0". Anything else → -1. */
int          easel_parse_bool               (const char *s,
                                             gsize       len,
                                             gboolean    numeric_too);
/* Few distinct strings make categories; many make free text. */
gboolean     easel_strings_look_categorical (gsize       n_distinct,
                                             gsize       n_values);
/* A column from strings (NULL = missing), typed as the CSV reader would type them:
 * numbers, booleans, datetimes, else categorical or text. */
EaselColumn *easel_column_infer_from_strings (const char        *name,
                                              const char *const *values,
                                              gsize              n_rows);

G_END_DECLS
