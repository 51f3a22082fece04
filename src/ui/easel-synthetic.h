/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* A made-up table of 'n_rows' rows (an id, two measurements with a few missing values, a
 * group, a flag, a score that follows a measurement and the group, a region of twelve
 * unevenly common values and a date), the same for a given size. For checking that the window stays
 * smooth with tables far larger than the samples: see EASEL_DEBUG_SYNTHETIC_ROWS. */
EaselTable *easel_synthetic_table_new (gsize          n_rows,
                                       EaselProgress *progress,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
