/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-profile.h"
#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

#define EASEL_SKETCH_BINS 20
#define EASEL_SKETCH_TOP 8

/* The shape of one column at a glance, for a sparkline: equal-width bins from the minimum
 * to the maximum for numbers and dates (one per number for whole numbers that span at
 * most EASEL_SKETCH_BINS), the most frequent values (most frequent first) for the other
 * types. Heights are shares of the tallest bar, 0..1. */
typedef struct
{
  guint    n_bars;
  float    heights[MAX (EASEL_SKETCH_BINS, EASEL_SKETCH_TOP)];
  gboolean histogram;   /* bins of a range, drawn touching */
} EaselColumnSketch;

/* What the Explore page shows of every column: its profile and its sketch. */
typedef struct
{
  EaselProfile      *profile;
  EaselColumnSketch *sketches;   /* profile->n_columns */
} EaselTableSummary;

/* Profiles every column of 'table' and sketches it. */
EaselTableSummary *easel_table_summary_compute (EaselTable         *table,
                                                EaselProgress      *progress,
                                                GCancellable       *cancellable,
                                                GError            **error);
void               easel_table_summary_free    (EaselTableSummary  *summary);

/* The sketch of one column from its profile (top values, minimum and maximum). */
void               easel_column_sketch_compute (const EaselColumn        *column,
                                                const EaselColumnProfile *profile,
                                                EaselColumnSketch        *sketch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselTableSummary, easel_table_summary_free)

G_END_DECLS
