/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "easel-table.h"

G_BEGIN_DECLS

/* A statistic for people: about four significant digits, no exponent for everyday
 * magnitudes, the locale's decimal mark; "—" for NaN. */
char       *easel_format_statistic        (double          value);
/* A count with the locale's digit grouping ("53,940"). */
char       *easel_format_count            (guint64         count);
/* "12.5%" style share of a whole; "0%" when 'whole' is 0. */
char       *easel_format_share            (guint64         part,
                                           guint64         whole);
/* "150 rows · 5 columns", translated with plural forms. */
char       *easel_format_table_size       (guint64         n_rows,
                                           guint           n_columns);

/* How a column type is named and drawn in the UI. */
const char *easel_column_type_get_label   (EaselColumnType type);
const char *easel_column_type_get_icon    (EaselColumnType type);

G_END_DECLS
