/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* The names of the tables in a SQLite database file, sorted. */
char         **easel_sqlite_list_tables (const char     *path,
                                         GError        **error);

/* Read one table (or view) of a SQLite database file. The database is opened read-only.
 * Column types follow the declared types and the values: INTEGER/REAL → numeric,
 * TEXT → categorical, text, boolean or datetime by the same inference as CSV. */
EaselTable    *easel_sqlite_read_table  (const char     *path,
                                         const char     *table_name,
                                         EaselProgress  *progress,
                                         GCancellable   *cancellable,
                                         GError        **error);

G_END_DECLS
