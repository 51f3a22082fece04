/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-table.h"

G_BEGIN_DECLS

/* One row of a table, as an item of EaselRowModel: just its index. Items are made on
 * demand and never cached, so a table of any size costs the grid only the rows on screen. */
#define EASEL_TYPE_ROW (easel_row_get_type ())
G_DECLARE_FINAL_TYPE (EaselRow, easel_row, EASEL, ROW, GObject)

guint          easel_row_get_index        (EaselRow      *row);

/* A GListModel of EaselRow, one per row of a table (or none without a table). */
#define EASEL_TYPE_ROW_MODEL (easel_row_model_get_type ())
G_DECLARE_FINAL_TYPE (EaselRowModel, easel_row_model, EASEL, ROW_MODEL, GObject)

EaselRowModel *easel_row_model_new        (EaselTable    *table);
EaselTable    *easel_row_model_get_table  (EaselRowModel *self);
/* Replaces the table and emits items-changed for the whole range. 'table' may be NULL. */
void           easel_row_model_set_table  (EaselRowModel *self,
                                           EaselTable    *table);

G_END_DECLS
